#!/usr/bin/env bash
# Prints testdata/html/seed.html to PDF as a browser does (Chromium, headless):
# unruled (no cell borders), narrow (portrait A4: most numbers wrap), and both;
# and writes the layout text of the reference seed.pdf with pdftotext.
# Needs chromium and poppler-utils (Debian packages); the crate needs neither.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$here/../html/seed.html"
borders='th, td { border: 0.6pt solid #000; }'
landscape='@page { size: A4 landscape; margin: 12mm 10mm; }'
portrait='@page { size: A4 portrait; margin: 10mm 8mm; }'
sed "s/$borders/th, td { border: none; }/" "$src" > "$tmp/seed_unruled.html"
sed "s/$landscape/$portrait/" "$src" > "$tmp/seed_narrow.html"
sed "s/$borders/th, td { border: none; }/; s/$landscape/$portrait/" "$src" > "$tmp/seed_narrow_unruled.html"
# Rows free to break across pages and the header printed once; borders only
# under the cells; header labels left- and top-aligned, unruled.
sed "s/tr { page-break-inside: avoid; }/tr { page-break-inside: auto; } thead { display: table-row-group; }/" "$src" > "$tmp/seed_split_rows.html"
sed "s/$borders/th, td { border-bottom: 0.6pt solid #000; }/" "$src" > "$tmp/seed_row_rules.html"
sed "s/th { text-align: center; vertical-align: middle; font-weight: bold; }/th { text-align: left; vertical-align: top; font-weight: bold; }/; s/$borders/th, td { border: none; }/" "$src" > "$tmp/seed_left_headers.html"
# Unruled without the column-number row; and the same with the header in
# other words (quarters as TW I, Pagu as Alokasi Anggaran, SUMBER DANA,
# Penanggung- jawab), as another agency words it.
nonum='/<tr><th>1<\/th><th>2<\/th>/d'
sed "s/$borders/th, td { border: none; }/; $nonum" "$src" > "$tmp/seed_unruled_nonum.html"
sed "s/$borders/th, td { border: none; }/; $nonum; s/>Uraian</>Indikator Sasaran</; s/>Satuan</>Sat.</; s/>Target Kinerja</>Target 2023</; s/>Rencana Aksi per Triwulan</>Target per Triwulan</; s/>Pagu (Rp)</>Alokasi Anggaran (Rp)</; s/>ANGGARAN (Rp)</>SUMBER DANA</; s/>Penanggung Jawab</>Penanggung- jawab</; s/<th>I<\/th><th>II<\/th><th>III<\/th><th>IV<\/th>/<th>TW I<\/th><th>TW II<\/th><th>TW III<\/th><th>TW IV<\/th>/g" "$src" > "$tmp/seed_unruled_words.html"
for name in seed_unruled seed_narrow seed_narrow_unruled seed_split_rows seed_row_rules seed_left_headers seed_unruled_nonum seed_unruled_words; do
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$here/$name.pdf" "file://$tmp/$name.html"
done
pdftotext -layout "$here/seed.pdf" "$here/seed.layout.txt"
pdftotext -layout "$here/seed_unruled_words.pdf" "$here/seed_unruled_words.layout.txt"
