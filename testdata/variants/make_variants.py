#!/usr/bin/env python3
"""Writes perturbed variants of the seed document, each with its expected grid.

Every variant applies one kind of fault that scanned-to-text converters and
agencies' own layouts produce to ../000_774b992758332ae0.txt, and applies the
same change to the hand-checked grid (../000_774b992758332ae0.expected.json):
cells stay what the document says, pages and lines follow the new text.

    python3 testdata/variants/make_variants.py     # rewrites testdata/variants/*
"""
import copy
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = os.path.join(HERE, "..", "000_774b992758332ae0.txt")
EXPECTED = os.path.join(HERE, "..", "000_774b992758332ae0.expected.json")


def load():
    lines = open(SEED, encoding="utf-8").read().split("\n")
    expected = json.load(open(EXPECTED, encoding="utf-8"))
    rows = expected["tables"][0]["rows"]
    items = []  # (kind, text, payload)
    i = 0
    band_no = 0
    seen_band = False
    row_i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("No\tSasaran"):
            items.append(("band", "\n".join(lines[i:i + 5]), band_no))
            band_no += 1
            seen_band = True
            i += 5
            continue
        if not line.strip():
            items.append(("blank", line, None))
        elif not seen_band:
            items.append(("pre", line, None))
        else:
            assert rows[row_i]["line"] == i + 1, (row_i, i)
            items.append(("data", line, row_i))
            row_i += 1
        i += 1
    assert row_i == len(rows)
    bands = [t for k, t, _ in items if k == "band"]
    return items, expected, bands


def render(items, expected, name, note):
    """Writes the variant: its text, and the grid with pages and lines renumbered."""
    out_lines = []
    exp = copy.deepcopy(expected)
    rows = exp["tables"][0]["rows"]
    page = 0
    for kind, text, payload in items:
        if kind == "band":
            page += 1
        if kind == "data":
            rows[payload]["line"] = len(out_lines) + 1
            rows[payload]["page"] = max(page, 1)
        out_lines.extend(text.split("\n"))
    exp["source"] = name + ".txt"
    exp["note"] = note
    with open(os.path.join(HERE, name + ".txt"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out_lines))
    with open(os.path.join(HERE, name + ".expected.json"), "w", encoding="utf-8") as f:
        json.dump(exp, f, ensure_ascii=False, indent=1)
        f.write("\n")


def cells_of(row):
    return row["cells"]


def plain(cells):
    """Cells without their bold markup."""
    return [x.replace("<b>", "").replace("</b>", "") for x in cells]


def map_data(items, change):
    """Applies `change(cells, row_index)` to every data line; it returns the
    lines (lists of cells) that replace it: the row's own line, then any
    continuation lines."""
    out = []
    for kind, text, p in items:
        if kind != "data":
            out.append((kind, text, p))
            continue
        for i, new in enumerate(change(text.split("\t"), p)):
            out.append(("data" if i == 0 else "cont", "\t".join(new), p if i == 0 else None))
    return out


def with_bands(items, band_text):
    return [(k, band_text if k == "band" else t, p) for k, t, p in items]


def shifted(items, expected):
    rows = expected["tables"][0]["rows"]

    def change(c, p):
        want = cells_of(rows[p])
        unit = want["unit"] or ""
        resp = want["responsible"] or ""
        op = p % 4
        if op == 0 and c[0] == "" and len(c) > 3 and c[3] == unit and unit:
            c = c[1:]  # the whole row one column early
        elif op == 1 and len(c) > 3 and c[2] == "" and c[3] == unit and unit:
            c[2], c[3] = unit, ""  # the unit word in the indicator column
        elif op == 2 and len(c) > 19 and c[19] == resp and resp:
            c = c[:19] + [""] + c[19:]  # the responsible unit one cell late
        return [c]

    return map_data(items, change)


def continuation(items, expected, limit=60):
    """Long activity names carried onto a line of their own."""
    rows = expected["tables"][0]["rows"]

    def change(c, p):
        name = cells_of(rows[p])["program_activity"] or ""
        if len(name) > limit and name in plain(c):
            idx = plain(c).index(name)
            cut = name.rfind(" ", 0, 45)
            c[idx] = name[:cut]
            return [c, [""] * idx + [name[cut + 1:]]]
        return [c]

    return map_data(items, change)


def page_breaks(items, band_text, every=9):
    """Bands removed, then repeated every `every` data lines and right before
    the first continuation line (a row broken across pages)."""
    out = []
    data_seen = 0
    first_band = True
    split_done = False
    for kind, text, p in items:
        if kind == "band":
            if first_band:
                out.append((kind, text, p))
                first_band = False
            continue
        if kind == "blank" and not first_band:
            continue
        if kind == "cont" and not split_done:
            out.append(("blank", "", None))
            out.append(("band", band_text, None))
            split_done = True
        elif kind == "data":
            if data_seen and data_seen % every == 0:
                out.append(("blank", "", None))
                out.append(("band", band_text, None))
            data_seen += 1
        out.append((kind, text, p))
    return out


def drop_unit(items, expected, band_text):
    """A plan without the `Satuan` column: its header cell and every row's
    unit cell (wherever the row's drift put it) removed."""
    rows = expected["tables"][0]["rows"]
    units = [r["cells"]["unit"] or "" for r in rows]
    for r in rows:
        r["cells"]["unit"] = None
    band = band_text.split("\n")
    assert band[2].split("\t")[3] == "Satuan"
    for r in range(4):
        c = band[r].split("\t")
        del c[3]
        band[r] = "\t".join(c)
    band[4] = "\t".join(band[4].split("\t")[:-1])
    band_text = "\n".join(band)

    def change(c, p):
        u = units[p]
        if u and len(c) > 3 and plain(c)[3] == u:
            del c[3]
        elif u and plain(c)[2] == u:
            del c[2]
        else:
            assert c[3] == "", (p, c)
            del c[3]
        return [c]

    return map_data(with_bands(items, band_text), change), expected


SIGNATURE = [
    "",
    "\t" * 12 + "Surabaya, 2 Januari 2023",
    "\t" * 12 + "KEPALA DINAS",
    "\t" * 12 + "PROVINSI",
    "",
    "",
    "\t" * 12 + "<b>Dr. NAMA LENGKAP, SH, MH</b>",
    "\t" * 12 + "Pembina Utama Madya",
    "\t" * 12 + "NIP. 19640519 199003 1 006",
]


def signed(items, expected):
    """The plan without its total row, signed below the table: the signature
    block is text after the table, not a continuation of its last row."""
    rows = expected["tables"][0]["rows"]
    total = [p for k, t, p in items if k == "data" and rows[p]["cells"]["no"] == "TOTAL"]
    assert len(total) == 1
    exp = copy.deepcopy(expected)
    del exp["tables"][0]["rows"][total[0]]
    kept = [(k, t, p) for k, t, p in items if not (k == "data" and p == total[0])]
    return kept + [("sig", line, None) for line in SIGNATURE], exp


PAGE_LABELS = ["Halaman 1 dari 8", "- 2 -", "3", "Hal. 4", "5 / 8", "Page 6 of 8", "7", "8"]


def page_numbered(items):
    """A page number at the foot of every page, in the forms agencies print
    them: under the last row, or under the blank line that follows it."""
    out = []
    page = 0
    for k, t, p in items:
        if k == "band" and page > 0:
            label = ("\t" * 9 + PAGE_LABELS[page - 1], None)
            at = len(out) - 1 if page % 2 and out[-1][0] == "blank" else len(out)
            out.insert(at, ("footer",) + label)
        if k == "band":
            page += 1
        out.append((k, t, p))
    out.append(("footer", "\t" * 9 + PAGE_LABELS[page - 1], None))
    return out


def running_title(items):
    """The title printed again at the top of every page, right under the
    last row of the page before (no blank line between) and above the band."""
    title = [t for k, t, _ in items if k == "pre"][-1]
    out = []
    page = 0
    for k, t, p in items:
        if k == "band":
            if page > 0:
                if out[-1][0] == "blank":
                    out.pop()
                out.append(("head", title, None))
                out.append(("blank", "", None))
            page += 1
        out.append((k, t, p))
    return out


FLAT_HEADER = "\t".join([
    "No", "Sasaran Strategis", "Indikator Kinerja", "Satuan", "Target",
    "Target TW I", "Target TW II", "Target TW III", "Target TW IV",
    "Program/Kegiatan", "Pagu (Rp)",
    "APBD TW I", "APBD TW II", "APBD TW III", "APBD TW IV",
    "APBN Triwulan I", "APBN Triwulan II", "APBN Triwulan III", "APBN Triwulan IV",
    "Penanggung Jawab",
])


def piped(items):
    """Rows between bars, as Markdown writes tables (`| a | b |`), a rule
    row under the header band, the cells padded to their column's width."""
    rows = [t.split("\t") for k, t, _ in items for t in t.split("\n") if "\t" in t]
    width = max(len(r) for r in rows)
    sizes = [max(len(r[i]) if i < len(r) else 0 for r in rows) for i in range(width)]

    def bar(line):
        if "\t" not in line:
            return line
        cells = line.split("\t")
        cells += [""] * (width - len(cells))
        return "| " + " | ".join(c.ljust(sizes[i]) for i, c in enumerate(cells)) + " |"

    out = []
    for k, t, p in items:
        text = "\n".join(bar(x) for x in t.split("\n"))
        if k == "band":
            text += "\n|" + "---|" * width
        out.append((k, text, p))
    return out


def double_spaced(items):
    """A blank line after every line, as some converters write them."""
    out = []
    for k, t, p in items:
        out.append((k, "\n".join(x + "\n" for x in t.split("\n")), p))
    return out


def main():
    items, expected, bands = load()
    std_band, alt_band, messy_band = bands[1], bands[3], bands[0]
    render(with_bands(items, alt_band), expected, "alt_header",
           "every page's header band in the variant with `Pagu` and `(Rp)` split into two cells")
    render(with_bands(items, messy_band), expected, "messy_header",
           "every page's header band in the first page's form (quarter numerals scattered over two lines)")
    render(with_bands(shifted(items, expected), std_band), expected, "shifted_rows",
           "more drifted rows: whole rows one column early, unit words in the indicator column, responsible units one cell late")
    render(continuation(items, expected), expected, "continuation",
           "long activity names carried onto a line of their own")
    render([(k, t.rstrip("\t"), p) for k, t, p in items], expected, "no_trailing_tabs",
           "trailing tabs removed from every line")
    render([(k, "\n".join(x + "\t\t\t" if x.strip() else x for x in t.split("\n")), p) for k, t, p in items],
           expected, "extra_trailing_tabs", "three more trailing tabs on every non-blank line")
    render(page_breaks(continuation(items, expected), std_band), expected, "page_breaks",
           "page breaks in other places, one between a row and the continuation of its activity name")
    dropped_items, dropped_expected = drop_unit(with_bands(items, std_band), copy.deepcopy(expected), std_band)
    render(dropped_items, dropped_expected, "column_dropped", "the plan without its `Satuan` column")
    crlf = [(k, t.replace("\n", "\r\n"), p) for k, t, p in items]
    render(crlf, expected, "crlf", "CRLF line ends")
    render(page_numbered(items), expected, "page_numbers",
           "a page number at the foot of every page (Halaman 1 dari 8, - 2 -, 3, Hal. 4, 5 / 8, Page 6 of 8)")
    render(with_bands(items, FLAT_HEADER), expected, "flat_header",
           "a header of one line: each quarter column named whole (`APBD TW I`, `APBN Triwulan II`)")
    render(piped(items), expected, "piped",
           "rows between bars, as Markdown writes tables, padded, a rule row under every header band")
    render(running_title(items), expected, "running_title",
           "the title repeated at the top of every page, right under the last row of the page before")
    signed_items, signed_expected = signed(with_bands(items, std_band), expected)
    render(signed_items, signed_expected, "signature",
           "no total row; the plan signed below the table (place and date, office, name, NIP)")
    render(double_spaced(signed(continuation(items, expected), expected)[0]),
           signed_expected, "double_spaced",
           "a blank line after every line, long activity names on lines of their own, signed below the table")


if __name__ == "__main__":
    main()
