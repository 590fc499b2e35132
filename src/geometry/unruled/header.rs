//! The header band of an unruled page rebuilt as a ruled one reads.

use super::super::lines::*;
use super::super::Page;
use super::super::Words;
use super::columns::*;
use crate::number;
use crate::schema::{is_quarter_word, quarter_numeral, Schema, Vocabulary};
use crate::source::RawCell;

/// A header label on an unruled page: merged phrases and the columns it
/// covers.
#[derive(Debug, Clone)]
pub(super) struct Label {
    pub(super) chunk: Chunk,
    /// Where the label's first line stands.
    pub(super) top: f64,
    /// Physical line index within the band.
    pub(super) row: usize,
    pub(super) text: String,
    /// Words on the label's last line.
    pub(super) last_words: usize,
}

/// Splits a phrase of layout text made of two labels the schema knows
/// whole (`Program/ Kegiatan` `Pagu (Rp)`), standing over different
/// columns: one space apart, layout text cannot tell them from one label.
/// A label of two known words over one column (`Sasaran Program`) stays.
pub(super) fn split_at_names(c: Chunk, schema: &Schema, edges: &[f64]) -> Vec<Chunk> {
    let n = c.words.len();
    if n < 2 {
        return vec![c];
    }
    let named = |words: &[Word]| {
        let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        schema.names_exactly(&text.join(" "))
    };
    if named(&c.words) {
        return vec![c];
    }
    let column = |words: &[Word]| {
        let (x0, x1) = (words[0].x0, words[words.len() - 1].x1);
        leaf_index(edges, (x0 + x1) / 2.0)
    };
    for cut in 1..n {
        let (head, tail) = c.words.split_at(cut);
        if named(head) && named(tail) && column(head) != column(tail) {
            return c.cut_at(&[cut]);
        }
    }
    vec![c]
}

/// Splits a run of quarter numerals written with their quarter words
/// (`TW I TW II TW III TW IV`, one space apart in narrow columns) into one
/// phrase per numeral.
pub(super) fn split_numerals(c: Chunk) -> Vec<Chunk> {
    let numeral = |w: &str| quarter_numeral(w).is_some() && !is_quarter_word(w);
    let words = &c.words;
    let run = words.len() > 2
        && words.iter().enumerate().all(|(i, w)| {
            if is_quarter_word(&w.text) {
                words.get(i + 1).is_some_and(|n| numeral(&n.text))
            } else {
                numeral(&w.text)
            }
        });
    if !run {
        return vec![c];
    }
    let cuts: Vec<usize> = (1..words.len())
        .filter(|&i| is_quarter_word(&words[i].text) || !is_quarter_word(&words[i - 1].text))
        .collect();
    c.cut_at(&cuts)
}

/// Splits a phrase of layout text where a column edge falls in the gap
/// between two of its words and the words on either side name something
/// the header vocabulary knows: layout text cannot tell a word space from
/// a narrow gap between columns, but a group label spans the edges of its
/// columns (`APBD Kab.` over four quarters stays whole).
pub(super) fn split_at_edges(c: &Chunk, edges: &[f64], vocabulary: &Vocabulary) -> Vec<Chunk> {
    let text = |words: &[Word]| {
        let list: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        list.join(" ")
    };
    let names = |words: &[Word]| {
        let text = text(words);
        text.chars().any(char::is_alphabetic) && vocabulary.coverage(&text) >= NAMES
    };
    let cuts: Vec<usize> = (1..c.words.len())
        .filter(|&i| {
            let (a, b) = (c.words[i - 1].x1, c.words[i].x0);
            // `(Rp)` and the like belong to the word before them.
            !c.words[i].text.starts_with('(')
                && edges
                    .iter()
                    .any(|&e| e >= a - EDGE_SLACK && e <= b + EDGE_SLACK)
                && names(&c.words[..i])
                && names(&c.words[i..])
        })
        .collect();
    c.cut_at(&cuts)
}

/// A phrase names something when this share of its words are the header
/// vocabulary's.
const NAMES: f32 = 0.5;

/// A label is over another when the other's centre lies within its
/// extent widened by this share of the type size (a label centred over a
/// narrower column overhangs it a little).
const OVERHANG: f64 = 0.5;

/// Two heights closer than this share of the type size are one: a label
/// or numeral farther down stands below a label, a leaf label farther down
/// sits lower than its neighbour.
const SAME_HEIGHT: f64 = 0.3;

/// A label on a group's own header line stands within this share of the
/// type size of its top, and bounds the columns the group may span.
const OWN_LINE: f64 = 0.5;

/// The line of a wrapped label stands at most this many type sizes below
/// the line above on a PDF page: the next line of the label.
const WRAP_REACH: f64 = 1.7;

/// The line of a wrapped label stands at most this many lines below the
/// line above in layout text, which may leave a blank line inside a
/// wrapped label.
const WRAP_REACH_LAYOUT: f64 = 2.5;

/// The fragments of a centred label have centres at most this share of
/// the type size apart.
const CENTRED: f64 = 0.6;

/// Layout text rounds a centred fragment to whole characters: its centre
/// may stand this many characters off.
const CENTRE_ROUNDING: f64 = 1.0;

/// Left-aligned fragments of a label start at most this share of the type
/// size apart.
const LEFT_ALIGNED: f64 = 0.3;

/// A quarter word wrapped above its numeral in a narrow column (`TW` over
/// `IV`) starts at most this share of the type size from it when the two
/// are left-aligned.
const QUARTER_WORD_LEFT: f64 = 0.6;

/// The rest of a numeral a narrow column broke (`TW-I` / `V`) has its
/// centre under the numeral's extent widened by this share of the type
/// size.
const UNDER_NUMERAL: f64 = 0.5;

/// A group's span is found from its extent narrowed by this share of the
/// type size at each end, so that an end just over a column edge does not
/// claim the column beyond it.
const INSET: f64 = 0.25;

/// The middle of a group's span stands at most this share of the type size
/// from the group label's centre (or [`SPAN_CENTRED_MIN`], if more): the
/// label is centred over the columns it spans.
const SPAN_CENTRED: f64 = 0.5;

/// The least distance allowed between a span's middle and its group
/// label's centre, in points: in small type the share alone would ask a
/// label centred to a fraction of a point.
const SPAN_CENTRED_MIN: f64 = 2.0;

/// Where the columns beyond the last edge end: past any text.
const PAST_LAST_EDGE: f64 = 1e6;

/// The top a group line was given is its first label's own, equal but for
/// rounding.
const SAME_TOP: f64 = 1e-9;

/// The header's leaves: labels that head no other label or quarter
/// numeral (see [`heads_others`]), quarter numerals, and column numbers;
/// each stands over one column.
pub(super) fn leaves(labels: &[Label], fixed: &[(usize, Chunk)]) -> Vec<Leaf> {
    let numbers = |c: &Chunk| {
        c.words
            .iter()
            .all(|w| number::column_number(&w.text).is_some())
    };
    // (top, x0, x1) of every label and numeral.
    let items: Vec<(f64, f64, f64)> = labels
        .iter()
        .map(|l| (l.top, l.chunk.x0, l.chunk.x1))
        .chain(
            fixed
                .iter()
                .filter(|(_, c)| !numbers(c))
                .map(|(_, c)| (c.y, c.x0, c.x1)),
        )
        .collect();
    let mut out: Vec<Leaf> = labels
        .iter()
        .filter(|l| !heads_others(l, &items))
        .map(|l| Leaf {
            x0: l.chunk.x0,
            x1: l.chunk.x1,
        })
        .collect();
    for (_, c) in fixed {
        if quarter_numeral(&c.text()).is_some() && !numbers(c) {
            out.push(Leaf { x0: c.x0, x1: c.x1 });
        } else {
            out.extend(c.words.iter().map(|w| Leaf { x0: w.x0, x1: w.x1 }));
        }
    }
    out
}

/// A label heads others (it is a group) when a label or numeral below it
/// stands under its text, or when it is centred over labels or numerals
/// below it on both sides that stand nearer its centre than any label
/// beside it at its own height or above (`ANGGARAN (Rp)` over `APBD` and
/// `APBN`, whose centres fall left and right of its short text). A label
/// spanning the header's rows beside groups (`Pagu`) has its neighbours'
/// labels nearer on at least one side.
fn heads_others(l: &Label, items: &[(f64, f64, f64)]) -> bool {
    let size = l.chunk.size;
    let (x0, x1, centre) = (l.chunk.x0, l.chunk.x1, l.chunk.center());
    let below = |&&(top, _, _): &&(f64, f64, f64)| top > l.chunk.y + SAME_HEIGHT * size;
    let level = |&&(top, _, _): &&(f64, f64, f64)| top <= l.top + SAME_HEIGHT * size;
    let mid = |&(_, a, b): &(f64, f64, f64)| (a + b) / 2.0;
    let reach = OVERHANG * size;
    if items
        .iter()
        .filter(below)
        .any(|i| mid(i) >= x0 - reach && mid(i) <= x1 + reach)
    {
        return true;
    }
    // The nearest item on each side, below and beside.
    let nearest = |pick: &dyn Fn(&&(f64, f64, f64)) -> bool, left: bool| {
        items
            .iter()
            .filter(|i| pick(i) && (mid(i) < centre) == left && (mid(i) - centre).abs() > reach)
            .map(|i| (mid(i) - centre).abs())
            .fold(f64::INFINITY, f64::min)
    };
    let side = |left: bool| {
        let under = nearest(&below, left);
        under.is_finite() && under < nearest(&|i| level(i) && !below(i), left)
    };
    side(true) && side(false)
}

/// A quarter numeral with the quarter word wrapped above it in a narrow
/// column (`TW` over `IV`) taken back from the labels: the two are one
/// numeral, `TW IV`.
fn with_quarter_word(labels: &mut Vec<Label>, c: Chunk, row: usize, page: &Page) -> Chunk {
    // A wrapped label is centred or left-aligned; layout text rounds
    // positions too coarsely to tell a left edge shared by chance.
    let (reach, left) = if page.is_layout() {
        (WRAP_REACH_LAYOUT, f64::NEG_INFINITY)
    } else {
        (WRAP_REACH, QUARTER_WORD_LEFT)
    };
    let over = labels.iter().rposition(|l| {
        let size = l.chunk.size.max(c.size);
        l.row < row
            && is_quarter_word(&l.text)
            && c.y - l.chunk.y <= reach * size
            && ((l.chunk.center() - c.center()).abs() <= CENTRED * size
                || (l.chunk.x0 - c.x0).abs() <= left * size)
    });
    let Some(h) = over else {
        return c;
    };
    let word = labels.remove(h).chunk;
    let mut words = word.words;
    words.extend(c.words);
    Chunk {
        x0: word.x0.min(c.x0),
        x1: word.x1.max(c.x1),
        words,
        ..c
    }
}

/// The numeral a one-word phrase completes, standing right above it in
/// its column (`TW-I` over `V`, `TW-II` over `I`).
fn numeral_broken_above<'f>(
    fixed: &'f mut [(usize, Chunk)],
    c: &Chunk,
    reach: f64,
) -> Option<&'f mut Chunk> {
    if c.words.len() != 1 {
        return None;
    }
    fixed
        .iter_mut()
        .map(|(_, f)| f)
        .filter(|f| {
            let size = f.size.max(c.size);
            c.y > f.y
                && c.y - f.y <= reach * size
                && c.center() >= f.x0 - UNDER_NUMERAL * size
                && c.center() <= f.x1 + UNDER_NUMERAL * size
        })
        .find(|f| completes_numeral(&f.text(), &c.words[0].text))
}

/// The labels of an unruled header band, wrapped fragments stacked back
/// together, and the structural phrases (quarter numerals, column numbers)
/// with the band line each stands on.
pub(super) fn stack_labels(
    page: &Page,
    band: &[Vec<Chunk>],
    edges: &[f64],
    words: &Words,
) -> (Vec<Label>, Vec<(usize, Chunk)>) {
    let (schema, vocabulary) = (words.schema, words.vocabulary());
    let structural = |t: &str| quarter_numeral(t).is_some() || number::column_number(t).is_some();
    // Two fragments that together make a label the schema knows.
    let known = |a: &str, b: &str| schema.names_exactly(&format!("{a} {b}"));
    let mut labels: Vec<Label> = Vec::new();
    let mut fixed: Vec<(usize, Chunk)> = Vec::new();
    for (row, chunks) in band.iter().enumerate() {
        let pieces: Vec<Chunk> = if page.is_layout() {
            chunks
                .iter()
                .cloned()
                .flat_map(split_numerals)
                .flat_map(|c| split_at_names(c, schema, edges))
                .flat_map(|c| match quarter_numeral(&c.text()) {
                    Some(_) => vec![c],
                    // A label the schema knows whole, or a group of
                    // quarters, spans the edges in it.
                    None if schema.names_exactly(&c.text())
                        || schema.is_quarter_group(&c.text()) =>
                    {
                        vec![c]
                    }
                    None => split_at_edges(&c, edges, vocabulary),
                })
                .collect()
        } else {
            chunks.iter().cloned().flat_map(split_numerals).collect()
        };
        // A label wrapped from the line above: centred or left-aligned on it.
        // Layout text may leave a blank line inside a wrapped label.
        let reach = if page.is_layout() {
            WRAP_REACH_LAYOUT
        } else {
            WRAP_REACH
        };
        // Layout text rounds a centred fragment to whole characters.
        let slack = if page.is_layout() {
            CENTRE_ROUNDING
        } else {
            0.0
        };
        for c in pieces {
            let text = c.text();
            if let Some(f) = numeral_broken_above(&mut fixed, &c, reach) {
                // The rest of a numeral a narrow column broke (`TW-I` / `V`).
                if let Some(w) = f.words.last_mut() {
                    w.text.push_str(&text);
                    w.x1 = w.x1.max(c.x1);
                }
                f.x1 = f.x1.max(c.x1);
                continue;
            }
            if structural(&text) || c.words.iter().all(|w| structural(&w.text)) {
                let c = with_quarter_word(&mut labels, c, row, page);
                fixed.push((row, c));
                continue;
            }
            // Centred on it, or left-aligned with it where the two make a
            // label the schema knows (left-aligned labels of nested header
            // rows would otherwise stack into one).
            let host = labels.iter().rposition(|l| {
                let size = l.chunk.size.max(c.size);
                let near = l.row < row && c.y - l.chunk.y <= reach * size;
                let centred = (l.chunk.center() - c.center()).abs() <= CENTRED * size + slack;
                let left = (l.chunk.x0 - c.x0).abs() <= LEFT_ALIGNED * size;
                near && (centred
                    || (left && (l.text.split_whitespace().count() == 1 || known(&l.text, &text))))
            });
            match host {
                Some(h) => {
                    let l = &mut labels[h];
                    // Lines of a label join like a cell's (`Targe` / `t`);
                    // a centred label tells nothing of how full a line is.
                    let pieces = [
                        Piece {
                            text: std::mem::take(&mut l.text),
                            x1: l.chunk.x1,
                            words: l.last_words,
                            size: l.chunk.size,
                        },
                        Piece {
                            text,
                            x1: c.x1,
                            words: c.words.len(),
                            size: c.size,
                        },
                    ];
                    l.text = join_lines(&pieces, f64::NEG_INFINITY);
                    l.last_words = c.words.len();
                    l.chunk.x0 = l.chunk.x0.min(c.x0);
                    l.chunk.x1 = l.chunk.x1.max(c.x1);
                    // Keep stacking onto the lowest fragment.
                    l.row = row;
                    l.chunk.y = c.y;
                }
                None => labels.push(Label {
                    top: c.y,
                    last_words: c.words.len(),
                    chunk: c,
                    row,
                    text,
                }),
            }
        }
    }
    // A label whose lines make a numeral (`Triwulan` / `III`, left-aligned)
    // is one.
    let (numerals, labels): (Vec<Label>, Vec<Label>) = labels
        .into_iter()
        .partition(|l| l.top < l.chunk.y && quarter_numeral(&l.text).is_some());
    for l in numerals {
        let chunk = Chunk {
            words: vec![Word {
                x0: l.chunk.x0,
                x1: l.chunk.x1,
                text: l.text,
            }],
            ..l.chunk
        };
        fixed.push((l.row, chunk));
    }
    (labels, fixed)
}

/// The header band of an unruled page, rebuilt as a band the header
/// builder reads like a ruled one: wrapped labels stacked back together;
/// group labels (those with labels or quarter numerals under them) first,
/// each at the first column of the run of columns it is centred over; then
/// every leaf label on one line at its column; then the numerals and the
/// column numbers as they stand.
pub(super) fn band_lines(
    page: &Page,
    band: &[Vec<Chunk>],
    edges: &[f64],
    words: &Words,
) -> Vec<Line> {
    let schema = words.schema;
    let (labels, fixed) = stack_labels(page, band, edges, words);
    let leaves = edges.len();
    let edge = |i: usize| -> f64 {
        if i < edges.len() {
            edges[i]
        } else {
            edges.last().copied().unwrap_or(0.0) + PAST_LAST_EDGE
        }
    };
    // A group has a label or a quarter numeral under it (under its text, or
    // in the column of its centre), or is one of the schema's groups.
    let is_group: Vec<bool> = labels
        .iter()
        .map(|l| {
            let (x0, x1) = (
                l.chunk.x0 - OVERHANG * l.chunk.size,
                l.chunk.x1 + OVERHANG * l.chunk.size,
            );
            let own = leaf_index(edges, l.chunk.center());
            let under = |c: &Chunk| {
                c.y > l.chunk.y + SAME_HEIGHT * c.size
                    && ((c.center() >= x0 && c.center() <= x1)
                        || leaf_index(edges, c.center()) == own)
            };
            if schema.is_quarter_group(&l.text) {
                return true;
            }
            labels.iter().any(|o| under(&o.chunk))
                || fixed.iter().any(|(_, c)| {
                    let t = c.text();
                    quarter_numeral(&t).is_some()
                        && !t.bytes().all(|b| b.is_ascii_digit())
                        && under(c)
                })
        })
        .collect();
    // Runs of quarter numerals (`I II III IV`), as column ranges, for the
    // quarter groups (`APBD`, `Rencana Aksi per Triwulan`) to claim.
    // A phrase that is a numeral with its quarter word (`TW 1`) is one;
    // otherwise each word written as a numeral (`I II III IV`).
    let mut numerals: Vec<(f64, f64, u8)> = fixed
        .iter()
        .flat_map(|(_, c)| match quarter_numeral(&c.text()) {
            Some(q) if c.words.len() > 1 => vec![(c.x0, c.x1, q)],
            _ => c
                .words
                .iter()
                .filter(|w| !w.text.bytes().all(|b| b.is_ascii_digit()))
                .filter_map(|w| quarter_numeral(&w.text).map(|q| (w.x0, w.x1, q)))
                .collect(),
        })
        .collect();
    numerals.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut runs: Vec<(f64, f64, bool)> = Vec::new();
    let mut prev = u8::MAX;
    for &(x0, x1, q) in &numerals {
        match runs.last_mut() {
            Some(r) if q > prev => r.1 = x1,
            _ => runs.push((x0, x1, false)),
        }
        prev = q;
    }
    // The vertical middle of each column's leaf label.
    let mut leaf_mid: Vec<Option<f64>> = vec![None; leaves];
    for (k, l) in labels.iter().enumerate() {
        if !is_group[k] {
            if let Some(m) = leaf_mid.get_mut(leaf_index(edges, l.chunk.center()) as usize) {
                *m = Some((l.top + l.chunk.y) / 2.0);
            }
        }
    }
    // Quarter groups claim runs lowest first (they stand right above their
    // numerals), each the nearest free run it stands over.
    let mut claims: Vec<Option<usize>> = vec![None; labels.len()];
    let mut order: Vec<usize> = (0..labels.len())
        .filter(|&k| is_group[k] && schema.is_quarter_group(&labels[k].text))
        .collect();
    order.sort_by(|&a, &b| labels[b].chunk.y.total_cmp(&labels[a].chunk.y));
    for k in order {
        let centre = labels[k].chunk.center();
        let nearest = runs
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let half = (r.1 - r.0) / 2.0;
                !r.2 && centre >= r.0 - half && centre <= r.1 + half
            })
            .min_by(|a, b| {
                let d = |r: &(f64, f64, bool)| ((r.0 + r.1) / 2.0 - centre).abs();
                d(a.1).total_cmp(&d(b.1))
            })
            .map(|(i, _)| i);
        if let Some(i) = nearest {
            runs[i].2 = true;
            claims[k] = Some(i);
        }
    }
    let mut groups: Vec<(f64, RawCell)> = Vec::new();
    let mut leaf_cells: Vec<RawCell> = Vec::new();
    for (k, l) in labels.iter().enumerate() {
        let c = &l.chunk;
        if !is_group[k] {
            leaf_cells.push(RawCell {
                col: leaf_index(edges, c.center()),
                text: l.text.clone().into(),
                bold: c.bold,
                span: 1,
            });
            continue;
        }
        if let Some(i) = claims[k] {
            let a = leaf_index(edges, runs[i].0 + INSET * c.size);
            let b = leaf_index(edges, runs[i].1 - INSET * c.size).max(a);
            groups.push((
                l.top,
                RawCell {
                    col: a,
                    text: l.text.clone().into(),
                    bold: c.bold,
                    span: b - a + 1,
                },
            ));
            continue;
        }
        if page.is_layout() {
            // Layout text places a group's label too roughly to tell which
            // columns it spans; its columns keep their own labels. A title
            // naming the year spans the table.
            if number::year_in(&l.text).is_some() {
                groups.push((
                    l.top,
                    RawCell {
                        col: 0,
                        text: l.text.clone().into(),
                        bold: c.bold,
                        span: u32::try_from(leaves).unwrap_or(u32::MAX),
                    },
                ));
            }
            continue;
        }
        let a0 = leaf_index(edges, c.x0 + INSET * c.size) as usize;
        let b0 = (leaf_index(edges, c.x1 - INSET * c.size) as usize).max(a0);
        let centre = c.center();
        let tol = (SPAN_CENTRED * c.size).max(SPAN_CENTRED_MIN);
        // A span may not reach a label on the group's own line, and the leaf
        // labels inside it sit lower than those just outside it (those span
        // more rows of the header, so their centres stand higher).
        let blocked = |a: usize, b: usize| {
            let (x0, x1) = (edge(a), edge(b + 1));
            let level = labels.iter().enumerate().any(|(j, o)| {
                j != k
                    && (o.top - l.top).abs() <= OWN_LINE * c.size.max(o.chunk.size)
                    && o.chunk.x1 > x0
                    && o.chunk.x0 < x1
            });
            let outside = [a.checked_sub(1), Some(b + 1)]
                .into_iter()
                .flatten()
                .filter_map(|i| leaf_mid.get(i).copied().flatten())
                .fold(f64::NEG_INFINITY, f64::max);
            let inside_high = (a..=b)
                .filter_map(|i| leaf_mid.get(i).copied().flatten())
                .any(|y| y <= outside + SAME_HEIGHT * c.size);
            level || inside_high
        };
        let mut best = (a0, b0);
        for a in (0..=a0).rev() {
            for b in b0..leaves {
                let mid = (edge(a) + edge(b + 1)) / 2.0;
                if (mid - centre).abs() > tol || blocked(a, b) {
                    continue;
                }
                if b - a > best.1 - best.0 {
                    best = (a, b);
                }
            }
        }
        groups.push((
            l.top,
            RawCell {
                col: u32::try_from(best.0).unwrap_or(u32::MAX),
                text: l.text.clone().into(),
                bold: c.bold,
                span: u32::try_from(best.1 - best.0 + 1).unwrap_or(u32::MAX),
            },
        ));
    }
    let line_of = |row: usize| {
        band.get(row)
            .and_then(|cs| cs.first())
            .map_or(0, |c| c.line)
    };
    let mut out = Vec::new();
    // Groups, a line per height, top down.
    groups.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.col.cmp(&b.1.col)));
    let mut k = 0;
    while k < groups.len() {
        let top = groups[k].0;
        let mut cells = Vec::new();
        while k < groups.len() && (groups[k].0 - top).abs() <= SAME_BASELINE * page_size(band) {
            cells.push(groups[k].1.clone());
            k += 1;
        }
        let row = labels
            .iter()
            .find(|l| (l.top - top).abs() < SAME_TOP)
            .map_or(0, |l| l.row);
        out.push(raw_line(page, line_of(row), cells));
    }
    if !leaf_cells.is_empty() {
        leaf_cells.sort_by_key(|c| c.col);
        let row = labels.iter().map(|l| l.row).max().unwrap_or(0);
        out.push(raw_line(page, line_of(row), leaf_cells));
    }
    // Numerals on one line (a narrow column wraps its numeral a line lower
    // than its neighbours'), then column numbers as they stand.
    let numeral = |c: &Chunk| {
        c.words
            .iter()
            .any(|w| number::column_number(&w.text).is_none())
    };
    let numerals_at = fixed
        .iter()
        .filter(|(_, c)| numeral(c))
        .map(|(r, _)| *r)
        .min();
    let line_of_chunk = |(r, c): &(usize, Chunk)| {
        if numeral(c) {
            numerals_at.unwrap_or(*r)
        } else {
            *r
        }
    };
    let mut rows: Vec<usize> = fixed.iter().map(line_of_chunk).collect();
    rows.sort_unstable();
    rows.dedup();
    for r in rows {
        let mut cells: Vec<RawCell> = fixed
            .iter()
            .filter(|f| line_of_chunk(f) == r)
            .flat_map(|(_, c)| {
                // A numeral written with its quarter word (`TW I`) is one cell.
                let whole = (quarter_numeral(&c.text()).is_some() && c.words.len() > 1)
                    .then(|| c.words.len() - 1);
                c.words[whole.unwrap_or(0)..].iter().map(move |w| RawCell {
                    col: leaf_index(edges, w.center()),
                    text: match whole {
                        Some(_) => c.text().into(),
                        None => w.text.clone().into(),
                    },
                    bold: c.bold,
                    span: 1,
                })
            })
            .collect();
        cells.sort_by_key(|c| c.col);
        out.push(raw_line(page, line_of(r), cells));
    }
    out
}

pub(super) fn page_size(band: &[Vec<Chunk>]) -> f64 {
    let sizes: Vec<f64> = band.iter().flatten().map(|c| c.size).collect();
    median(&sizes)
}

#[cfg(test)]
mod tests {
    use super::super::super::Run;
    use super::*;

    /// A line of layout text: phrases at their character columns.
    fn line(y: f64, phrases: &[(f64, &str)]) -> Vec<Chunk> {
        phrases
            .iter()
            .map(|&(x, text)| {
                let mut at = x;
                let words: Vec<Run> = text
                    .split(' ')
                    .map(|w| {
                        let run = Run {
                            x0: at,
                            x1: at + w.chars().count() as f64,
                            y,
                            size: 1.0,
                            bold: false,
                            text: w.into(),
                        };
                        at += w.chars().count() as f64 + 1.0;
                        run
                    })
                    .collect();
                Chunk::from_words(&words, y as u32)
            })
            .collect()
    }

    fn layout_page() -> Page {
        let mut page = Page::new(1, 300.0, 60.0);
        page.word_gap = 1.0;
        page
    }

    #[test]
    fn numerals_written_in_every_form_are_leaves_under_their_groups() {
        let band = vec![
            // Groups centred over their columns: APBD over 14..32, APBN
            // over 40..62, ANGGARAN over both.
            line(1.0, &[(0.0, "No"), (31.0, "ANGGARAN (Rp)")]),
            line(2.0, &[(21.0, "APBD"), (49.0, "APBN")]),
            // Run together in narrow columns; a quarter word wrapped above
            // its numeral; a numeral broken by its column.
            line(3.0, &[(60.0, "TW")]),
            line(
                4.0,
                &[
                    (14.0, "TW I TW II"),
                    (26.0, "TW-III"),
                    (40.0, "I"),
                    (50.0, "TW-I"),
                ],
            ),
            line(5.0, &[(53.0, "V")]),
            line(5.5, &[(60.0, "II")]),
        ];
        let schema = Schema::renaksi();
        let (labels, fixed) = stack_labels(&layout_page(), &band, &[0.0], &Words::new(&schema));
        let numerals: Vec<String> = fixed.iter().map(|(_, c)| c.text()).collect();
        assert_eq!(
            numerals,
            ["TW I", "TW II", "TW-III", "I", "TW-IV", "TW II"],
            "{labels:?}"
        );
        let leaves = leaves(&labels, &fixed);
        // The three group labels head others; `No` and the six numerals
        // are leaves.
        assert_eq!(leaves.len(), 7, "{leaves:?}");
        assert!(leaves.iter().any(|l| l.x0 == 0.0));
        assert!(!leaves
            .iter()
            .any(|l| l.x0 == 31.0 || l.x0 == 21.0 || l.x0 == 49.0));
    }

    #[test]
    fn labels_run_together_split_where_they_name_columns_apart() {
        let schema = Schema::renaksi();
        let vocabulary = Vocabulary::new(&schema);
        let texts = |cs: Vec<Chunk>| cs.iter().map(Chunk::text).collect::<Vec<_>>();
        // Two names over two columns (edge at 7) split; over one they stay.
        let c = line(1.0, &[(0.0, "Target Rencana Aksi per Triwulan")]).remove(0);
        assert_eq!(
            texts(split_at_names(c.clone(), &schema, &[0.0, 7.0])),
            ["Target", "Rencana Aksi per Triwulan"]
        );
        assert_eq!(texts(split_at_names(c, &schema, &[0.0, 40.0])).len(), 1);
        // A group label spans its columns' edges; a word naming nothing
        // does not stand alone.
        let c = line(1.0, &[(0.0, "APBD Kab.")]).remove(0);
        assert_eq!(
            texts(split_at_edges(&c, &[0.0, 5.0], &vocabulary)),
            ["APBD Kab."]
        );
        let c = line(1.0, &[(0.0, "Satuan Pelaksana")]).remove(0);
        assert_eq!(
            texts(split_at_edges(&c, &[0.0, 7.0], &vocabulary)),
            ["Satuan", "Pelaksana"]
        );
    }
}
