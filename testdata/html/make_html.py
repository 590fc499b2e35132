#!/usr/bin/env python3
"""Writes HTML variants of the seed table, each with its expected grid.

The rows come from seed.html (one `<tr>` per line), the cells from the
hand-checked grid (../000_774b992758332ae0.expected.json). Each variant is
one way agencies and office suites publish such a table; the cells stay what
the document says, pages and lines follow the new file.

    python3 testdata/html/make_html.py     # rewrites testdata/html/*
"""
import copy
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_HTML = os.path.join(HERE, "seed.html")
EXPECTED = os.path.join(HERE, "..", "000_774b992758332ae0.expected.json")

TD = re.compile(r"<td([^>]*)>(.*?)</td>")


def load():
    text = open(SEED_HTML, encoding="utf-8").read()
    head, rest = text.split("<table>", 1)
    thead = re.search(r"<thead>\n(.*?)</thead>", rest, re.S).group(1).strip("\n").split("\n")
    body = re.search(r"<tbody>\n(.*?)</tbody>", rest, re.S).group(1).strip("\n").split("\n")
    colgroup = re.search(r"(<colgroup>.*?</colgroup>)", rest, re.S).group(1)
    rows = [TD.findall(line) for line in body]
    expected = json.load(open(EXPECTED, encoding="utf-8"))
    assert len(rows) == len(expected["tables"][0]["rows"])
    return head, colgroup, thead, rows, expected


def tr(cells):
    return "<tr>" + "".join("<td%s>%s</td>" % c for c in cells) + "</tr>"


def write(name, lines, expected, placed, title=None, encoding="utf-8"):
    """`placed`: for each expected row, its (page, line) in `lines`."""
    exp = copy.deepcopy(expected)
    exp["source"] = name + ".html"
    exp["format"] = "html"
    if title is not None:
        exp["title"] = title
    for row, (page, line) in zip(exp["tables"][0]["rows"], placed):
        row["page"], row["line"] = page, line
        row.pop("kind", None)
    with open(os.path.join(HERE, name + ".html"), "w", encoding=encoding, newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def pages_of(expected):
    """The seed's own page breaks: row indices grouped by page."""
    groups = {}
    for i, row in enumerate(expected["tables"][0]["rows"]):
        groups.setdefault(row["page"], []).append(i)
    return [groups[p] for p in sorted(groups)]


class Doc:
    def __init__(self, head):
        self.lines = head.rstrip("\n").split("\n")
        self.placed = {}

    def add(self, line):
        self.lines.append(line)
        return len(self.lines)

    def row(self, i, line, page):
        self.placed[i] = (page, self.add(line))

    def done(self, n):
        return [self.placed[i] for i in range(n)]


def opened(head, colgroup, thead):
    """A document with its table opened: the header rows, then `<tbody>`."""
    doc = Doc(head + "<table>" + colgroup + "<thead>")
    for h in thead:
        doc.add(h)
    doc.add("</thead>")
    doc.add("<tbody>")
    return doc


def seed(head, colgroup, thead, rows, expected):
    doc = opened(head, colgroup, thead)
    for i, r in enumerate(rows):
        doc.row(i, tr(r), 1)
    doc.add("</tbody></table>")
    doc.add("</body></html>")
    write("seed", doc.lines, expected, doc.done(len(rows)))


def per_page(head, colgroup, thead, rows, expected, header_on_every_page=True):
    """One table per printed page, the header repeated in each (or only in the first)."""
    doc = Doc(head)
    for p, idx in enumerate(pages_of(expected), start=1):
        doc.add("<table>" + colgroup)
        if header_on_every_page or p == 1:
            doc.add("<thead>")
            for h in thead:
                doc.add(h)
            doc.add("</thead>")
        doc.add("<tbody>")
        for i in idx:
            doc.row(i, tr(rows[i]), p)
        doc.add("</tbody></table>")
        doc.add('<p style="page-break-after: always">Halaman %d</p>' % p)
    doc.add("</body></html>")
    name = "per_page" if header_on_every_page else "per_page_header_once"
    write(name, doc.lines, expected, doc.done(len(rows)))


def repeated_rows(head, colgroup, thead, rows, expected):
    """One table without thead; the header rows repeat as plain rows on each page."""
    plain = [h.replace("<th", "<td").replace("</th>", "</td>") for h in thead]
    plain = [re.sub(r"<td([^>]*)>([^<]*)</td>", r"<td\1><b>\2</b></td>", h) for h in plain]
    doc = Doc(head + "<table>")
    for p, idx in enumerate(pages_of(expected), start=1):
        for h in plain:
            doc.add(h)
        for i in idx:
            doc.row(i, tr(rows[i]), p)
    doc.add("</table></body></html>")
    write("repeated_header_rows", doc.lines, expected, doc.done(len(rows)))


THREE_ROWS = [
    '<tr><th rowspan="3">NO</th><th rowspan="3">SASARAN STRATEGIS</th><th colspan="7">INDIKATOR KINERJA</th>'
    '<th rowspan="3">PROGRAM / KEGIATAN</th><th rowspan="3">PAGU ANGGARAN (Rp)</th><th colspan="8">SUMBER DANA (Rp)</th>'
    '<th rowspan="3">PENANGGUNG JAWAB</th></tr>',
    '<tr><th rowspan="2">URAIAN</th><th rowspan="2">SATUAN</th><th rowspan="2">TARGET</th>'
    '<th colspan="4">TARGET TRIWULAN</th><th colspan="4">APBD</th><th colspan="4">APBN</th></tr>',
    "<tr>" + "<th>TW I</th><th>TW II</th><th>TW III</th><th>TW IV</th>" * 3 + "</tr>",
]


def three_rows(head, colgroup, thead, rows, expected):
    """Another agency's header: three rows, other words, no column-number row."""
    doc = Doc(head.replace("RENCANA AKSI INSTANSI PEMERINTAH", "RENCANA AKSI TAHUN 2023"))
    doc.add("<table><thead>")
    for h in THREE_ROWS:
        doc.add(h)
    doc.add("</thead><tbody>")
    for i, r in enumerate(rows):
        doc.row(i, tr(r), 1)
    doc.add("</tbody></table></body></html>")
    write("three_row_header", doc.lines, expected, doc.done(len(rows)), title="RENCANA AKSI TAHUN 2023")


def rowspans(head, colgroup, thead, rows, expected):
    """`No` and `Sasaran Strategis` span the rows of their goal."""
    starts = [i for i, r in enumerate(rows) if r[0][1] or r[1][1]]
    doc = Doc(head + "<table>" + colgroup + "<thead>")
    for h in thead:
        doc.add(h)
    doc.add("</thead><tbody>")
    for i, r in enumerate(rows):
        if i in starts:
            end = next((s for s in starts if s > i), len(rows))
            span = ' rowspan="%d"' % (end - i)
            cells = [(r[0][0] + span, r[0][1]), (r[1][0] + span, r[1][1])] + r[2:]
        else:
            cells = r[2:]
        doc.row(i, tr(cells), 1)
    doc.add("</tbody></table></body></html>")
    write("rowspan_goals", doc.lines, expected, doc.done(len(rows)))


def office(head, colgroup, thead, rows, expected):
    """Word's "save as web page": windows-1252, <p class=MsoNormal>, spans, <o:p>, bold by class."""
    def p(text):
        parts = text.split(" ")
        if len(parts) > 4:  # long names wrap into two paragraphs
            half = len(parts) // 2
            chunks = [" ".join(parts[:half]), " ".join(parts[half:])]
        else:
            chunks = [text]
        return "".join(
            "<p class=MsoNormal><span style='font-size:7.0pt;font-family:\"Arial\",sans-serif'>%s<o:p></o:p></span></p>" % c
            for c in chunks
        )

    def cell(attrs, content):
        bold = content.startswith("<b>")
        text = re.sub(r"</?b>", "", content)
        if not text:
            return "<td valign=top style='border:solid windowtext 1.0pt;padding:0cm'><p class=MsoNormal><o:p>&nbsp;</o:p></p></td>"
        cls = " class=xl65" if bold else ""
        return "<td valign=top%s style='border:solid windowtext 1.0pt;padding:0cm 1.4pt'>%s</td>" % (cls, p(text))

    lines = [
        "<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">",
        "<head>",
        "<meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\">",
        "<meta name=Generator content=\"Microsoft Word 15 (filtered)\">",
        "<title>Renaksi Disnaker 2023 \u2013 final</title>",
        "<style>",
        "<!--",
        " /* Font Definitions */",
        "p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;}",
        ".xl65 {font-weight:700; mso-font-charset:0;}",
        "@page WordSection1 {size:841.9pt 595.3pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}",
        "-->",
        "</style>",
        "</head>",
        "<body lang=IN>",
        "<div class=WordSection1>",
        "<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:12.0pt'>RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023<o:p></o:p></span></b></p>",
        "<p class=MsoNormal align=center style='text-align:center'><span style='font-size:12.0pt'>Dinas Tenaga Kerja \u2013 Provinsi<o:p></o:p></span></p>",
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p>",
    ]
    doc = Doc("\n".join(lines))
    doc.add("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;border:none'>")
    for h in thead:
        h = re.sub(r"<th([^>]*)>([^<]*)</th>", lambda m: "<td%s valign=top style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center><b><span style='font-size:7.0pt'>%s<o:p></o:p></span></b></p></td>" % (m.group(1), m.group(2)), h)
        doc.add(h)
    for i, r in enumerate(rows):
        doc.row(i, "<tr style='page-break-inside:avoid'>" + "".join(cell(a, c) for a, c in r) + "</tr>", 1)
    doc.add("</table>")
    doc.add("<p class=MsoNormal><span style='font-size:8.0pt'>Kepala Dinas<o:p></o:p></span></p>")
    doc.add("</div></body></html>")
    write("office", doc.lines, expected, doc.done(len(rows)), encoding="cp1252")


def malformed(head, colgroup, thead, rows, expected):
    """Unclosed cells and rows, a stray unclosed <b>, no </table>, a colspan of 10^9."""
    doc = Doc(head + "<table>")
    doc.add("<thead>")
    for h in thead:
        doc.add(h.replace("</th>", "").replace("</tr>", ""))
    doc.add("<tbody>")
    for i, r in enumerate(rows):
        cells = "".join("<td%s>%s" % c for c in r)
        doc.row(i, "<tr>" + cells, 1)
    doc.add("<tr><td colspan=1000000000 rowspan=4000000000>Catatan: data per 31 Desember <b>2023")
    doc.add("<p>Kepala Dinas")
    write("malformed", doc.lines, expected, doc.done(len(rows)))


def signed_in_table(head, colgroup, thead, rows, expected):
    """No total row; the signature set in the table's own last rows, under
    the amounts, right after the last row (no spacer row), as office suites
    export a signed plan."""
    exp = copy.deepcopy(expected)
    keep = [i for i, r in enumerate(exp["tables"][0]["rows"]) if r["cells"]["no"] != "TOTAL"]
    exp["tables"][0]["rows"] = [exp["tables"][0]["rows"][i] for i in keep]
    doc = opened(head, colgroup, thead)
    for n, i in enumerate(keep):
        doc.row(n, tr(rows[i]), 1)
    for text in ["Mataram, 2 Januari 2023", "KEPALA DINAS", "", "", "<b><u>NAMA LENGKAP, S.H.</u></b>",
                 "Pembina Utama Muda", "NIP. 19700101 199503 1 002"]:
        doc.add('<tr><td colspan="12"></td><td colspan="8">%s</td></tr>' % text)
    doc.add("</tbody></table>")
    doc.add("</body></html>")
    write("signed_in_table", doc.lines, exp, doc.done(len(keep)))


def main():
    parts = load()
    seed(*parts)
    per_page(*parts)
    per_page(*parts, header_on_every_page=False)
    repeated_rows(*parts)
    three_rows(*parts)
    rowspans(*parts)
    office(*parts)
    malformed(*parts)
    signed_in_table(*parts)


if __name__ == "__main__":
    main()
