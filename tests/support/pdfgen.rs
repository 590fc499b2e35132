//! Builds action-plan PDFs with lopdf, in the ways producers write them,
//! together with the grid each must convert to.

use lopdf::{dictionary, Document, Object, Stream};
use serde_json::{json, Value};

/// How to write the PDF.
#[derive(Debug, Clone, Copy, Default)]
pub struct Spec {
    /// Draw cell borders.
    pub ruled: bool,
    /// Show text with a Type0 Identity-H font (two-byte codes, `/W`,
    /// `/ToUnicode`) instead of a standard-14 font without `/Widths`.
    pub type0: bool,
    /// Draw the header band inside a Form XObject with its own `/Matrix`.
    pub header_in_form: bool,
    /// A portrait page turned by `/Rotate 90`, the table drawn turned so it
    /// reads as landscape.
    pub rotated: bool,
    /// The header on the first page only.
    pub header_once: bool,
    /// No total row; the plan signed below its last row (place and date,
    /// office, name, NIP), as agencies sign them.
    pub signed: bool,
    /// A page number at the foot of every page: `Halaman n dari m` on odd
    /// pages, the bare number on even ones.
    pub page_numbers: bool,
    /// A running header (office and print date) at the top of every page,
    /// and a running footer right under the bottom margin.
    pub running: bool,
}

/// The running footer [`Spec::running`] draws.
pub const RUNNING_FOOTER: &str = "Rencana Aksi Perangkat Daerah";

/// The lines of the signature block [`Spec::signed`] draws.
pub const SIGNATURE: [&str; 6] = [
    "Jakarta, 2 Januari 2024",
    "KEPALA DINAS KESEHATAN",
    "PROVINSI",
    "Dr. NAMA LENGKAP, M.Kes",
    "Pembina Utama Muda",
    "NIP. 19700101 199503 1 002",
];

use super::synth::KEYS;

/// The data rows as printed, one text per column.
fn rows() -> Vec<[&'static str; 20]> {
    vec![
        [
            "1",
            "Meningkatnya derajat kesehatan masyarakat",
            "Angka harapan hidup",
            "Tahun",
            "72,50",
            "0",
            "0",
            "0",
            "72,50",
            "Program Pemenuhan Upaya Kesehatan",
            "1.250.000.000",
            "250.000.000",
            "300.000.000",
            "400.000.000",
            "300.000.000",
            "-",
            "-",
            "-",
            "-",
            "Kepala Dinas",
        ],
        [
            "",
            "",
            "",
            "Dokumen",
            "4",
            "1",
            "1",
            "1",
            "1",
            "1 Penyediaan Layanan Kesehatan Rujukan",
            "450.000.000",
            "100.000.000",
            "150.000.000",
            "100.000.000",
            "100.000.000",
            "-",
            "-",
            "-",
            "-",
            "Bidang Pelayanan Kesehatan",
        ],
        [
            "",
            "",
            "",
            "Orang",
            "1.200",
            "300",
            "300",
            "300",
            "300",
            "2 Pengelolaan Pelayanan Kesehatan Ibu Hamil",
            "800.000.000",
            "150.000.000",
            "150.000.000",
            "300.000.000",
            "200.000.000",
            "-",
            "-",
            "-",
            "-",
            "Bidang Kesehatan Masyarakat",
        ],
        [
            "2",
            "Meningkatnya mutu layanan",
            "Persentase puskesmas terakreditasi",
            "%",
            "85,00",
            "0",
            "0",
            "40,00",
            "45,00",
            "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
            "2.000.000.000",
            "-",
            "-",
            "-",
            "-",
            "500.000.000",
            "500.000.000",
            "500.000.000",
            "500.000.000",
            "Sekretariat",
        ],
        [
            "TOTAL",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "3.250.000.000",
            "250.000.000",
            "300.000.000",
            "400.000.000",
            "300.000.000",
            "500.000.000",
            "500.000.000",
            "500.000.000",
            "500.000.000",
            "",
        ],
    ]
}

/// The grid value of a printed cell.
fn value(key: &str, text: &str) -> Value {
    let numeric = (4..=8).contains(&KEYS.iter().position(|k| *k == key).unwrap_or(0))
        || (10..=18).contains(&KEYS.iter().position(|k| *k == key).unwrap_or(0));
    if text.is_empty() || text == "-" {
        return Value::Null;
    }
    if numeric {
        return Value::String(text.replace('.', "").replace(',', "."));
    }
    Value::String(text.to_string())
}

/// Column widths in points.
const WIDTHS: [f64; 20] = [
    22.0, 72.0, 72.0, 36.0, 30.0, 22.0, 22.0, 22.0, 22.0, 92.0, 52.0, 38.0, 38.0, 38.0, 38.0, 38.0,
    38.0, 38.0, 38.0, 52.0,
];
const SIZE: f64 = 6.0;
const LEADING: f64 = 7.0;
const PAD: f64 = 2.0;
const PAGE_W: f64 = 842.0;
const PAGE_H: f64 = 595.0;

/// Helvetica's widths, near enough to lay the table out.
fn text_width(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 556.0,
            '.' | ',' | ' ' | 'i' | 'l' | 'I' | 'j' | 't' | 'f' | '/' => 278.0,
            'm' | 'M' | 'W' | 'w' => 833.0,
            'A'..='Z' => 667.0,
            _ => 556.0,
        })
        .sum::<f64>()
        * SIZE
        / 1000.0
}

/// Wraps text into lines of at most `width`, breaking a word that is
/// wider than a line where the line ends, as browsers do.
fn wrap(text: &str, width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(l) if text_width(&format!("{l} {word}")) <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => {
                let mut rest = word.to_string();
                while text_width(&rest) > width && rest.chars().count() > 1 {
                    let mut cut = rest.chars().count() - 1;
                    while cut > 1 && text_width(&rest.chars().take(cut).collect::<String>()) > width
                    {
                        cut -= 1;
                    }
                    lines.push(rest.chars().take(cut).collect());
                    rest = rest.chars().skip(cut).collect();
                }
                lines.push(rest);
            }
        }
    }
    lines
}

/// A cell to draw: its rectangle (x, top y from the page top, w, h), its
/// lines, alignment, and whether it is bold.
struct Drawn {
    x: f64,
    top: f64,
    w: f64,
    h: f64,
    lines: Vec<String>,
    align: Align,
    middle: bool,
}

#[derive(Clone, Copy)]
enum Align {
    Left,
    Centre,
    Right,
}

fn col_x(col: usize) -> f64 {
    10.0 + WIDTHS[..col].iter().sum::<f64>()
}

fn span_w(col: usize, span: usize) -> f64 {
    WIDTHS[col..col + span].iter().sum()
}

/// The header band: (row, col, rowspan, colspan, text) on a 4-row grid
/// plus the column-number row.
fn header_cells() -> Vec<(usize, usize, usize, usize, String)> {
    let mut h: Vec<(usize, usize, usize, usize, String)> = vec![
        (0, 0, 3, 1, "No".into()),
        (0, 1, 3, 1, "Sasaran Strategis".into()),
        (0, 2, 1, 7, "Indikator Kinerja".into()),
        (0, 9, 3, 1, "Program/ Kegiatan".into()),
        (0, 10, 3, 1, "Pagu (Rp)".into()),
        (0, 11, 1, 8, "ANGGARAN (Rp)".into()),
        (0, 19, 3, 1, "Penanggung Jawab".into()),
        (1, 2, 2, 1, "Uraian".into()),
        (1, 3, 2, 1, "Satuan".into()),
        (1, 4, 2, 1, "Target Kinerja".into()),
        (1, 5, 1, 4, "Rencana Aksi per Triwulan".into()),
        (1, 11, 1, 4, "APBD".into()),
        (1, 15, 1, 4, "APBN".into()),
    ];
    for (start, _) in [(5, 0), (11, 0), (15, 0)] {
        for (q, name) in ["I", "II", "III", "IV"].iter().enumerate() {
            h.push((2, start + q, 1, 1, (*name).into()));
        }
    }
    for c in 0..20 {
        h.push((3, c, 1, 1, (c + 1).to_string()));
    }
    h
}

/// Lays the table out: header cells and data cells with their rectangles.
/// Lays the table out: the header cells, and the data cells page by page
/// (a page ends where the next row would not fit).
fn layout(rows: &[Vec<String>]) -> (Vec<Drawn>, Vec<Vec<Drawn>>) {
    let top0 = 40.0;
    let row_h = [30.0, 22.0, 10.0, 10.0];
    let row_top = |r: usize| top0 + row_h[..r].iter().sum::<f64>();
    let header = header_cells()
        .into_iter()
        .map(|(r, c, rs, cs, text)| {
            let w = span_w(c, cs);
            Drawn {
                x: col_x(c),
                top: row_top(r),
                w,
                h: row_h[r..r + rs].iter().sum(),
                lines: wrap(&text, w - 2.0 * PAD),
                align: Align::Centre,
                middle: true,
            }
        })
        .collect();
    let mut pages: Vec<Vec<Drawn>> = vec![Vec::new()];
    let first = row_top(4);
    let mut top = first;
    for row in rows {
        let wrapped: Vec<Vec<String>> = row
            .iter()
            .enumerate()
            .map(|(c, t)| wrap(t, WIDTHS[c] - 2.0 * PAD))
            .collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = lines as f64 * LEADING + 2.0 * PAD;
        if top + h > PAGE_H - 20.0 && top > first {
            pages.push(Vec::new());
            top = first;
        }
        let page = pages.last_mut().expect("a page");
        for (c, lines) in wrapped.into_iter().enumerate() {
            let numeric = (4..=8).contains(&c) || (10..=18).contains(&c);
            page.push(Drawn {
                x: col_x(c),
                top,
                w: WIDTHS[c],
                h,
                lines,
                align: if numeric { Align::Right } else { Align::Left },
                middle: false,
            });
        }
        top += h;
    }
    (header, pages)
}

/// Font handling for the content stream: how a string is written.
struct Fonts {
    type0: bool,
    /// Type0: the characters used, their CID being index + 1.
    chars: Vec<char>,
}

impl Fonts {
    fn string(&mut self, text: &str) -> String {
        if !self.type0 {
            let escaped: String = text
                .chars()
                .map(|c| match c {
                    '(' | ')' | '\\' => format!("\\{c}"),
                    c => c.to_string(),
                })
                .collect();
            return format!("({escaped})");
        }
        let mut hex = String::from("<");
        for ch in text.chars() {
            let cid = match self.chars.iter().position(|&c| c == ch) {
                Some(i) => i + 1,
                None => {
                    self.chars.push(ch);
                    self.chars.len()
                }
            };
            hex.push_str(&format!("{cid:04X}"));
        }
        hex.push('>');
        hex
    }
}

fn draw(cells: &[Drawn], ruled: bool, bold: bool, fonts: &mut Fonts, out: &mut String) {
    for cell in cells {
        if ruled {
            out.push_str(&format!(
                "0.5 w {:.2} {:.2} {:.2} {:.2} re S\n",
                cell.x,
                PAGE_H - cell.top - cell.h,
                cell.w,
                cell.h
            ));
        }
        let n = cell.lines.len() as f64;
        let first = if cell.middle {
            cell.top + (cell.h - n * LEADING) / 2.0 + SIZE
        } else {
            cell.top + PAD + SIZE
        };
        for (i, line) in cell.lines.iter().enumerate() {
            let w = text_width(line);
            let x = match cell.align {
                Align::Left => cell.x + PAD,
                Align::Centre => cell.x + (cell.w - w) / 2.0,
                Align::Right => cell.x + cell.w - PAD - w,
            };
            let y = PAGE_H - (first + i as f64 * LEADING);
            let font = if bold { "F2" } else { "F1" };
            out.push_str(&format!(
                "BT /{font} {SIZE} Tf {x:.2} {y:.2} Td {} Tj ET\n",
                fonts.string(line)
            ));
        }
    }
}

/// The PDF bytes and the grid they must convert to.
pub fn plan_pdf(spec: Spec) -> (Vec<u8>, Value) {
    let title = "RENCANA AKSI DINAS KESEHATAN TAHUN 2024";
    let kept: Vec<[&str; 20]> = rows()
        .into_iter()
        .filter(|r| !(spec.signed && r[0] == "TOTAL"))
        .collect();
    let printed: Vec<Vec<String>> = kept
        .iter()
        .map(|r| r.iter().map(|t| t.to_string()).collect())
        .collect();
    let bytes = pdf_of(spec, title, &printed);
    let expected_rows: Vec<Value> = kept
        .iter()
        .map(|r| {
            let cells: serde_json::Map<String, Value> = KEYS
                .iter()
                .zip(r.iter())
                .map(|(k, t)| (k.to_string(), value(k, t)))
                .collect();
            json!({ "cells": cells })
        })
        .collect();
    let expected = json!({
        "source": "plan.pdf",
        "format": "pdf",
        "title": title,
        "year": 2024,
        "tables": [{ "schema": "renaksi", "columns": KEYS, "rows": expected_rows }],
    });
    (bytes, expected)
}

/// A PDF of a plan's rows as printed (20 texts a row), its header repeated
/// on every page.
pub fn pdf_of(spec: Spec, title: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let (header, pages) = layout(rows);
    let mut fonts = Fonts {
        type0: spec.type0,
        chars: Vec::new(),
    };
    let mut head = String::new();
    draw(&header, spec.ruled, true, &mut fonts, &mut head);
    let bodies: Vec<String> = pages
        .iter()
        .enumerate()
        .map(|(i, cells)| {
            let mut body = String::new();
            if i == 0 {
                body.push_str(&format!(
                    "BT /F2 9 Tf 300 {:.2} Td {} Tj ET\n",
                    PAGE_H - 25.0,
                    fonts.string(title)
                ));
            }
            draw(cells, spec.ruled, false, &mut fonts, &mut body);
            if spec.running {
                body.push_str(&format!(
                    "BT /F1 7 Tf 10 {:.2} Td {} Tj ET\n",
                    PAGE_H - 8.0,
                    fonts.string("DINAS KESEHATAN PROVINSI")
                ));
                body.push_str(&format!(
                    "BT /F1 7 Tf 700 {:.2} Td {} Tj ET\n",
                    PAGE_H - 8.0,
                    fonts.string("dicetak 02/01/2024 10:15")
                ));
                body.push_str(&format!(
                    "BT /F1 7 Tf 700 14 Td {} Tj ET\n",
                    fonts.string(RUNNING_FOOTER)
                ));
            }
            if spec.page_numbers {
                let label = if i % 2 == 0 {
                    format!("Halaman {} dari {}", i + 1, pages.len())
                } else {
                    (i + 1).to_string()
                };
                body.push_str(&format!(
                    "BT /F1 7 Tf {:.2} 8 Td {} Tj ET\n",
                    PAGE_W / 2.0,
                    fonts.string(&label)
                ));
            }
            if spec.signed && i + 1 == pages.len() {
                // Below the last row, right of centre, a blank line's gap
                // and a wider one before the name.
                // (Where it would not fit the page, the plan goes unsigned.)
                let bottom = cells.iter().map(|c| c.top + c.h).fold(0.0, f64::max);
                let mut y = bottom + 24.0;
                let fits = y + 30.0 + 10.0 * (SIGNATURE.len() as f64) < PAGE_H - 10.0;
                for (k, line) in SIGNATURE.iter().enumerate().filter(|_| fits) {
                    if k == 3 {
                        y += 30.0;
                    }
                    body.push_str(&format!(
                        "BT /F1 8 Tf 560 {:.2} Td {} Tj ET\n",
                        PAGE_H - y,
                        fonts.string(line)
                    ));
                    y += 10.0;
                }
            }
            body
        })
        .collect();

    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let (regular, bold) = if spec.type0 {
        (
            type0_font(&mut doc, &fonts.chars, "ABCDEF+Arial"),
            type0_font(&mut doc, &fonts.chars, "ABCDEF+Arial-BoldMT"),
        )
    } else {
        (
            doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" }),
            doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold" }),
        )
    };
    let fonts_dict = dictionary! { "F1" => regular, "F2" => bold };
    let mut xobjects = lopdf::Dictionary::new();
    if spec.header_in_form {
        // The form draws the header 100 points lower; its matrix lifts it back.
        let shifted = shift_y(&head, -100.0);
        let form = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), (-200).into(), PAGE_W.into(), PAGE_H.into()],
                "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 0.into(), 100.into()],
                "Resources" => dictionary! { "Font" => fonts_dict.clone() },
            },
            shifted.into_bytes(),
        );
        let form_id = doc.add_object(form);
        xobjects.set("Hdr", form_id);
    }
    let mut kids: Vec<Object> = Vec::new();
    for body in bodies {
        let mut page_content = String::new();
        if spec.rotated {
            // Landscape drawing onto a portrait page shown turned by 90 degrees.
            page_content.push_str(&format!("q 0 1 -1 0 {PAGE_H} 0 cm\n"));
        }
        if spec.header_once && !kids.is_empty() {
            // Later pages: the rows only.
        } else if spec.header_in_form {
            page_content.push_str("q /Hdr Do Q\n");
        } else {
            page_content.push_str(&head);
        }
        page_content.push_str(&body);
        if spec.rotated {
            page_content.push_str("Q\n");
        }
        let content_id = doc.add_object(Stream::new(dictionary! {}, page_content.into_bytes()));
        let media: Vec<Object> = if spec.rotated {
            vec![0.into(), 0.into(), PAGE_H.into(), PAGE_W.into()]
        } else {
            vec![0.into(), 0.into(), PAGE_W.into(), PAGE_H.into()]
        };
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
            "MediaBox" => media,
            "Resources" => dictionary! { "Font" => fonts_dict.clone(), "XObject" => xobjects.clone() },
        };
        if spec.rotated {
            page.set("Rotate", 90);
        }
        kids.push(doc.add_object(page).into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("the PDF is written");
    bytes
}

/// Moves every `Td` and `re` of a drawing by `dy`.
fn shift_y(content: &str, dy: f64) -> String {
    content
        .lines()
        .map(|l| {
            let parts: Vec<&str> = l.split(' ').collect();
            let mut out: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            for (i, p) in parts.iter().enumerate() {
                if (*p == "Td" && i >= 2) || (*p == "re" && i >= 4) {
                    let k = if *p == "Td" { i - 1 } else { i - 3 };
                    if let Ok(v) = parts[k].parse::<f64>() {
                        out[k] = format!("{:.2}", v + dy);
                    }
                }
            }
            out.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A Type0 font with Identity-H codes: each character's CID is its index
/// in `chars` plus one, with `/W` widths and a `/ToUnicode` map.
fn type0_font(doc: &mut Document, chars: &[char], name: &str) -> lopdf::ObjectId {
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", chars.len()));
    for (i, c) in chars.iter().enumerate() {
        let mut units = [0u16; 2];
        let hex: String = c
            .encode_utf16(&mut units)
            .iter()
            .map(|u| format!("{u:04X}"))
            .collect();
        cmap.push_str(&format!("<{:04X}> <{hex}>\n", i + 1));
    }
    cmap.push_str("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end\n");
    let to_unicode = doc.add_object(Stream::new(dictionary! {}, cmap.into_bytes()));
    let widths: Vec<Object> = chars
        .iter()
        .map(|c| Object::Real((text_width(&c.to_string()) * 1000.0 / SIZE) as f32))
        .collect();
    let descendant = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "CIDFontType2",
        "BaseFont" => name,
        "CIDSystemInfo" => dictionary! { "Registry" => Object::string_literal("Adobe"), "Ordering" => Object::string_literal("Identity"), "Supplement" => 0 },
        "DW" => 500,
        "W" => vec![1.into(), Object::Array(widths)],
    });
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => name,
        "Encoding" => "Identity-H",
        "DescendantFonts" => vec![descendant.into()],
        "ToUnicode" => to_unicode,
    })
}
