//! The unruled print as `pdftotext -layout` writes it, made from the same
//! geometry as the PDF: words on one baseline closer than [`JOIN`] font
//! sizes make one fragment (its words one space apart); each fragment's
//! character column is the least that keeps it right of every fragment
//! that ends before it starts (one space per [`GAP`] font sizes between
//! them), and within any that it starts inside, at the character it starts
//! over (as poppler's `assignColumns` does); lines are printed
//! top to bottom, with one line break per font size of drop between
//! baselines, and a form feed after every page.

use super::design::Plan;
use super::pdf::{layout, text_width, Geometry, Variant};
use super::Rendered;

/// Words closer than this many font sizes join one fragment.
pub const JOIN: f64 = 0.55;
/// A fragment right of another stands one space after it per this many
/// font sizes of gap between them (at least one).
pub const GAP: f64 = 0.5;

#[derive(Debug)]
struct Frag {
    base: f64,
    x_min: f64,
    x_max: f64,
    size: f64,
    /// The left edge of each character, and the right edge of the last.
    edges: Vec<f64>,
    text: String,
    col: usize,
}

fn frags(g: &Geometry, page: usize) -> Vec<Frag> {
    // Words with their extents.
    let mut words: Vec<(f64, f64, f64, f64, bool, String)> = Vec::new();
    for s in &g.pages[page].spans {
        let mut x = s.x;
        let space = text_width(" ", s.size, s.bold);
        for w in s.text.split(' ') {
            let ww = text_width(w, s.size, s.bold);
            if !w.is_empty() {
                words.push((s.y, x, x + ww, s.size, s.bold, w.to_string()));
            }
            x += ww + space;
        }
    }
    words.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut out: Vec<Frag> = Vec::new();
    for (y, x0, x1, size, bold, w) in words {
        if let Some(f) = out.last_mut() {
            if (f.base - y).abs() < 0.5 * size && x0 - f.x_max < JOIN * size && x0 >= f.x_max - 0.1
            {
                f.text.push(' ');
                f.edges.pop();
                f.edges.push(f.x_max);
                let mut x = x0;
                for c in w.chars() {
                    f.edges.push(x);
                    x += text_width(&c.to_string(), size, bold);
                }
                f.edges.push(x1);
                f.text.push_str(&w);
                f.x_max = x1;
                continue;
            }
        }
        let mut edges = Vec::new();
        let mut x = x0;
        for c in w.chars() {
            edges.push(x);
            x += text_width(&c.to_string(), size, bold);
        }
        edges.push(x1);
        out.push(Frag {
            base: y,
            x_min: x0,
            x_max: x1,
            size,
            edges,
            text: w,
            col: 0,
        });
    }
    out
}

/// Assigns each fragment its character column.
fn assign_columns(frags: &mut [Frag]) {
    let mut order: Vec<usize> = (0..frags.len()).collect();
    order.sort_by(|&a, &b| {
        frags[a]
            .x_min
            .total_cmp(&frags[b].x_min)
            .then(frags[a].base.total_cmp(&frags[b].base))
    });
    for (i, &a) in order.iter().enumerate() {
        let mut col = 0;
        for &b in &order[..i] {
            let (f1, f2) = (&frags[a], &frags[b]);
            let c2 = if f1.x_min >= f2.x_max {
                let gap = ((f1.x_min - f2.x_max) / (GAP * f2.size)).round() as usize;
                f2.col + f2.text.chars().count() + gap.max(1)
            } else if f1.x_min > f2.x_min {
                let n = f2.edges.len() - 1;
                let mut k = 1;
                while k < n && f1.x_min >= 0.5 * (f2.edges[k - 1] + f2.edges[k]) {
                    k += 1;
                }
                f2.col + k - 1
            } else {
                f2.col
            };
            col = col.max(c2);
        }
        frags[a].col = col;
    }
}

/// The geometry as `pdftotext -layout` prints it.
pub fn text_of(g: &Geometry) -> String {
    let mut out = String::new();
    for page in 0..g.pages.len() {
        let mut fs = frags(g, page);
        assign_columns(&mut fs);
        fs.sort_by(|a, b| a.base.total_cmp(&b.base));
        // Lines: fragments whose baselines lie within half a font size of
        // the line's first.
        let mut lines: Vec<Vec<&Frag>> = Vec::new();
        for f in &fs {
            match lines.last_mut() {
                Some(l) if (f.base - l[0].base).abs() <= 0.5 * l[0].size => l.push(f),
                _ => lines.push(vec![f]),
            }
        }
        let bases: Vec<f64> = lines.iter().map(|l| l[0].base).collect();
        for (i, l) in lines.iter_mut().enumerate() {
            l.sort_by_key(|a| a.col);
            let mut line = String::new();
            for f in l.iter() {
                let len = line.chars().count();
                if f.col > len {
                    line.push_str(&" ".repeat(f.col - len));
                } else if len > 0 {
                    line.push(' ');
                }
                line.push_str(&f.text);
            }
            out.push_str(&line);
            let last = l.last().expect("a fragment");
            let breaks = bases
                .get(i + 1)
                .map_or(1, |b| (((b - last.base) / last.size) as usize).max(1));
            out.push_str(&"\n".repeat(breaks));
        }
        out.push('\u{c}');
    }
    out
}

/// Renders the plan as layout text.
pub fn render(plan: &Plan) -> Rendered {
    let g = layout(plan, Variant::Unruled);
    Rendered {
        bytes: text_of(&g).into_bytes(),
        notes: g.notes.clone(),
    }
}
