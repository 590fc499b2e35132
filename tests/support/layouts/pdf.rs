//! The plan printed: page geometry (columns sized to their content, header
//! labels wrapped inside their cells, text wrapped, numbers right-aligned,
//! the header on every page) and the PDF written from it with lopdf in
//! Helvetica, whose real widths place every word.

use super::design::{Kind, Plan};
use super::Rendered;
use crate::support::synth::Rng;
use lopdf::{dictionary, Document, Object, Stream};

/// Helvetica's widths of the printable ASCII characters (32..=126), in
/// thousandths of the font size (Adobe's core font metrics).
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// The width of `text` in Helvetica (bold or not) at `size` points.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    text.chars()
        .map(|c| {
            let i = c as usize;
            if (32..127).contains(&i) {
                table[i - 32] as f64
            } else {
                556.0
            }
        })
        .sum::<f64>()
        * size
        / 1000.0
}

/// How the plan is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Landscape A4, cell borders drawn.
    Ruled,
    /// Landscape A4, no lines at all.
    Unruled,
    /// Portrait A4, cell borders drawn, columns too narrow for most numbers.
    Narrow,
}

/// A line of text drawn at `x`, its baseline `y` points below the page's top.
#[derive(Debug, Clone)]
pub struct Span {
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub bold: bool,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub spans: Vec<Span>,
    /// Rectangles stroked: x, top (from the page's top), width, height.
    pub rects: Vec<(f64, f64, f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub size: f64,
    pub pages: Vec<Page>,
    pub notes: Vec<String>,
}

/// Wraps `text` into lines no wider than `width`; a word wider than a line
/// is broken where the line ends (with a hyphen when `hyphen`, as a word
/// processor breaks a long header word; bare, as a browser breaks a number).
fn wrap(text: &str, width: f64, size: f64, bold: bool, hyphen: bool) -> Vec<String> {
    let w = |s: &str| text_width(s, size, bold);
    let mut lines: Vec<String> = Vec::new();
    let mut open = false;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        if open {
            let l = lines.last_mut().expect("a line");
            if w(&format!("{l} {word}")) <= width {
                l.push(' ');
                l.push_str(word);
                continue;
            }
        }
        let mut rest: Vec<char> = word.chars().collect();
        while w(&rest.iter().collect::<String>()) > width && rest.len() > 1 {
            let mut cut = rest.len() - 1;
            let piece = |cut: usize| -> String {
                let s: String = rest[..cut].iter().collect();
                if hyphen && cut >= 3 && rest.len() - cut >= 3 && rest[cut - 1].is_alphabetic() {
                    s + "-"
                } else {
                    s
                }
            };
            while cut > 1 && w(&piece(cut)) > width {
                cut -= 1;
            }
            lines.push(piece(cut));
            rest.drain(..cut);
        }
        lines.push(rest.iter().collect());
        open = true;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Lays the plan out.
pub fn layout(plan: &Plan, variant: Variant) -> Geometry {
    let d = &plan.design;
    let salt = match variant {
        Variant::Ruled => 0x9d0f_0003,
        Variant::Unruled => 0x9d0f_0004,
        Variant::Narrow => 0x9d0f_0005,
    };
    let mut rng = Rng::new(d.seed ^ salt);
    let mut notes = Vec::new();
    let (pw, ph) = if variant == Variant::Narrow {
        (595.0, 842.0)
    } else {
        (842.0, 595.0)
    };
    let size = *rng.pick(&[5.5, 6.0, 6.0, 6.5]);
    let leading = size * 1.18;
    let pad = 2.0;
    let margin = 20.0 + rng.below(12) as f64;
    let avail = pw - 2.0 * margin;
    let centred = rng.chance(0.8);
    let middle = rng.chance(0.8);
    if !centred {
        notes.push("header labels left-aligned".into());
    }
    let n = d.columns.len();
    // What each column needs: numbers unbroken, text its longest word.
    let mut need = vec![0.0f64; n];
    let mut natural = vec![0.0f64; n];
    for (c, col) in d.columns.iter().enumerate() {
        for r in &plan.rows {
            let t = r.text(&col.key);
            let bold = r.bold;
            let full = text_width(t, size, bold) + 2.0 * pad;
            natural[c] = natural[c].max(full);
            let word = t
                .split(' ')
                .map(|w| text_width(w, size, bold))
                .fold(0.0, f64::max)
                + 2.0 * pad;
            need[c] = need[c].max(if col.kind.numeric() { full } else { word });
        }
    }
    for c in d.header_cells().iter().filter(|c| c.leaf) {
        let longest = c
            .label
            .split(' ')
            .map(|w| text_width(w, size, true))
            .fold(0.0, f64::max)
            + 2.0 * pad;
        // Header words never break in a number's column; a long one (a
        // `Penanggungjawab`) may in a text column.
        let cap = if d.columns[c.col].kind.numeric() {
            f64::MAX
        } else {
            40.0
        };
        need[c.col] = need[c.col].max(longest.min(cap));
    }
    let squeeze = if variant == Variant::Narrow {
        0.55 + 0.2 * (rng.below(100) as f64 / 100.0)
    } else {
        1.0
    };
    let weight = |k: Kind| match k {
        Kind::Goal | Kind::Indicator => 1.0,
        Kind::Program => 1.4,
        Kind::Responsible => 0.6,
        Kind::Note => 0.45,
        _ => 0.0,
    };
    let mut widths = vec![0.0f64; n];
    for (c, col) in d.columns.iter().enumerate() {
        widths[c] = if col.kind.numeric() {
            (need[c] * squeeze).max(14.0)
        } else if weight(col.kind) == 0.0 {
            need[c]
        } else {
            0.0
        };
    }
    let fixed: f64 = widths.iter().sum();
    let text_cols: Vec<usize> = (0..n).filter(|&c| widths[c] == 0.0).collect();
    let total_w: f64 = text_cols.iter().map(|&c| weight(d.columns[c].kind)).sum();
    let left = (avail - fixed).max(0.0);
    for &c in &text_cols {
        let share = left * weight(d.columns[c].kind) / total_w;
        widths[c] = share.min(natural[c]).max(need[c]);
    }
    // Too wide: text columns give way first (to their longest word), then
    // all.
    let sum: f64 = widths.iter().sum();
    if sum > avail {
        let over = sum - avail;
        let slack: f64 = text_cols.iter().map(|&c| widths[c] - need[c]).sum();
        if slack > 0.0 {
            let k = (over / slack).min(1.0);
            for &c in &text_cols {
                widths[c] -= (widths[c] - need[c]) * k;
            }
        }
    }
    let sum: f64 = widths.iter().sum();
    if sum > avail {
        let k = avail / sum;
        for w in &mut widths {
            *w *= k;
        }
        notes.push(format!("columns squeezed to {k:.2} of their width"));
    }
    let table_w: f64 = widths.iter().sum();
    let x0 = margin + (avail - table_w) / 2.0;
    let xs: Vec<f64> = (0..=n)
        .map(|c| x0 + widths[..c].iter().sum::<f64>())
        .collect();

    // The header: each header row as tall as its labels need.
    let cells = d.header_cells();
    let rows = d.header_rows();
    let wrapped: Vec<Vec<String>> = cells
        .iter()
        .map(|c| {
            let w = xs[c.col + c.cols] - xs[c.col] - 2.0 * pad;
            wrap(&c.label, w, size, true, true)
        })
        .collect();
    let need_h = |lines: usize| lines as f64 * leading + 2.0 * pad;
    let mut row_h = vec![need_h(1); rows];
    for (c, l) in cells.iter().zip(&wrapped) {
        if c.rows == 1 {
            row_h[c.row] = row_h[c.row].max(need_h(l.len()));
        }
    }
    for (c, l) in cells.iter().zip(&wrapped) {
        let have: f64 = row_h[c.row..c.row + c.rows].iter().sum();
        if need_h(l.len()) > have {
            row_h[c.row + c.rows - 1] += need_h(l.len()) - have;
        }
    }
    let numbers = d.number_labels();
    let head_h: f64 = row_h.iter().sum::<f64>() + if numbers.is_some() { need_h(1) } else { 0.0 };

    let mut pages: Vec<Page> = Vec::new();
    let put_lines = |page: &mut Page,
                     lines: &[String],
                     (x, top, w, h): (f64, f64, f64, f64),
                     align: u8,
                     mid: bool,
                     bold: bool| {
        let block = lines.len() as f64 * leading;
        let first = if mid {
            top + (h - block) / 2.0 + size * 0.85 + (leading - size) / 2.0
        } else {
            top + pad + size * 0.85
        };
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let lw = text_width(line, size, bold);
            let lx = match align {
                0 => x + pad,
                1 => x + (w - lw) / 2.0,
                _ => x + w - pad - lw,
            };
            page.spans.push(Span {
                x: lx,
                y: first + i as f64 * leading,
                size,
                bold,
                text: line.clone(),
            });
        }
    };
    let ruled = variant != Variant::Unruled;
    let new_page = |pages: &mut Vec<Page>| -> f64 {
        let mut page = Page::default();
        let mut top = margin;
        if pages.is_empty() {
            for (i, t) in ["RENCANA AKSI".to_string(), d.title()].iter().enumerate() {
                let s = 9.0;
                let w = text_width(t, s, true);
                page.spans.push(Span {
                    x: (pw - w) / 2.0,
                    y: margin + 9.0 + i as f64 * 12.0,
                    size: s,
                    bold: true,
                    text: t.clone(),
                });
            }
            top += 34.0;
        }
        let row_top = |r: usize| top + row_h[..r].iter().sum::<f64>();
        for (c, l) in cells.iter().zip(&wrapped) {
            let rect = (
                xs[c.col],
                row_top(c.row),
                xs[c.col + c.cols] - xs[c.col],
                row_h[c.row..c.row + c.rows].iter().sum::<f64>(),
            );
            if ruled {
                page.rects.push(rect);
            }
            put_lines(
                &mut page,
                l,
                rect,
                if centred { 1 } else { 0 },
                middle,
                true,
            );
        }
        if let Some(nums) = &numbers {
            let t = row_top(rows);
            for (c, label) in nums.iter().enumerate() {
                let rect = (xs[c], t, widths[c], need_h(1));
                if ruled {
                    page.rects.push(rect);
                }
                put_lines(&mut page, std::slice::from_ref(label), rect, 1, true, true);
            }
        }
        pages.push(page);
        top + head_h
    };
    let mut top = new_page(&mut pages);
    let mut first_on_page = true;
    let mut numbers_wrapped = 0;
    for row in &plan.rows {
        let lines: Vec<Vec<String>> = d
            .columns
            .iter()
            .enumerate()
            .map(|(c, col)| {
                let l = wrap(
                    row.text(&col.key),
                    widths[c] - 2.0 * pad,
                    size,
                    row.bold,
                    false,
                );
                if col.kind.numeric() && l.len() > 1 {
                    numbers_wrapped += 1;
                }
                l
            })
            .collect();
        let h = need_h(lines.iter().map(Vec::len).max().unwrap_or(1));
        if top + h > ph - margin && !first_on_page {
            top = new_page(&mut pages);
        }
        first_on_page = false;
        let page = pages.last_mut().expect("a page");
        for (c, l) in lines.iter().enumerate() {
            let rect = (xs[c], top, widths[c], h);
            if ruled {
                page.rects.push(rect);
            }
            let align = if d.columns[c].kind.numeric() { 2 } else { 0 };
            put_lines(page, l, rect, align, false, row.bold);
        }
        top += h;
    }
    if numbers_wrapped > 0 {
        notes.push(format!("{numbers_wrapped} numbers wrapped"));
    }
    Geometry {
        width: pw,
        height: ph,
        size,
        pages,
        notes,
    }
}

fn pdf_string(text: &str) -> String {
    let mut s = String::from("(");
    for c in text.chars() {
        if matches!(c, '(' | ')' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push(')');
    s
}

/// Writes the geometry as a PDF.
pub fn write(g: &Geometry) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let regular = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding" });
    let bold = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica-Bold", "Encoding" => "WinAnsiEncoding" });
    let fonts = dictionary! { "F1" => regular, "F2" => bold };
    let mut kids: Vec<Object> = Vec::new();
    for page in &g.pages {
        let mut c = String::from("0.5 w\n");
        for (x, top, w, h) in &page.rects {
            c.push_str(&format!(
                "{x:.2} {:.2} {w:.2} {h:.2} re S\n",
                g.height - top - h
            ));
        }
        for s in &page.spans {
            c.push_str(&format!(
                "BT /{} {} Tf {:.2} {:.2} Td {} Tj ET\n",
                if s.bold { "F2" } else { "F1" },
                s.size,
                s.x,
                g.height - s.y,
                pdf_string(&s.text)
            ));
        }
        let content = doc.add_object(Stream::new(dictionary! {}, c.into_bytes()));
        let p = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), g.width.into(), g.height.into()],
            "Resources" => dictionary! { "Font" => fonts.clone() },
        });
        kids.push(p.into());
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

/// Renders the plan as a PDF.
pub fn render(plan: &Plan, variant: Variant) -> Rendered {
    let g = layout(plan, variant);
    Rendered {
        bytes: write(&g),
        notes: g.notes.clone(),
    }
}
