//! The data lines of an unruled page grouped into rows.

use super::super::lines::*;
use super::super::Page;
use super::columns::{is_integer_word, EDGE_SLACK};
use crate::source::RawCell;

/// Layout text places words only to the nearest character or two: a line
/// of a cell this many characters short of its column's right end may
/// still fill it.
const LAYOUT_DRIFT: f64 = 2.0;

/// A line continues the row above only when it stands at most this many
/// line pitches below the row's last line: the next line, not one past a
/// blank line.
const NEXT_LINE: f64 = 1.25;

/// A count run on into the next column's text (`10 Kegiatan …`) ends this
/// near (points or characters) where its column's numbers end, and the
/// text after it starts this near where a later column's text starts.
const COUNT_REACH: f64 = 1.5;

/// A word starts a column's text when it starts this near where the
/// column's text starts, and a column starting farther right than this from
/// a phrase's own start is a later one.
const COLUMN_START: f64 = 1.0;

/// A column's alignment is measured from this many of its phrases at least.
const MIN_ANCHORED: usize = 3;

/// The data lines of an unruled page grouped into rows.
pub(super) fn group_rows(
    page: &Page,
    lines: &[Vec<Chunk>],
    edges: &[f64],
    pitch: f64,
) -> Vec<Line> {
    struct Open {
        line: u32,
        y: f64,
        /// col → (lines of text, bold phrases, phrases)
        cells: Vec<(u32, Vec<Piece>, usize, usize)>,
        active: Vec<u32>,
    }
    // Phrases to columns by their centres. A phrase is two cells where a
    // column edge falls in a gap between its words, and between two numbers
    // (tight layouts leave one space between columns); two phrases that land
    // in one column keep apart, the second a column on, as a text converter
    // would have placed them, for realignment to judge by content.
    let pieces: Vec<Vec<Chunk>> = lines
        .iter()
        .map(|chunks| chunks.iter().flat_map(|c| split_data(c, edges)).collect())
        .collect();
    // Column edges found from gaps are approximate, and layout text shifts
    // words by a character or two from line to line: a first placement
    // shows where each column's numbers end and its text begins, and the
    // second measures against that.
    let first: Vec<Vec<Option<u32>>> = pieces.iter().map(|p| place(p, edges, None)).collect();
    let anchors = Anchors::new(&pieces, &first, edges.len());
    // A count ending where a column's numbers end, run on (one space) into
    // text starting where the next column's text starts, is two cells
    // (`10 Kegiatan …`); an item number at the start of a text column is not.
    let pieces: Vec<Vec<Chunk>> = pieces
        .into_iter()
        .map(|line| {
            line.into_iter()
                .flat_map(|c| anchors.split_count(c))
                .collect()
        })
        .collect();
    let split: Vec<Vec<(u32, Piece, bool)>> = pieces
        .into_iter()
        .map(|pieces| {
            let mut cells: Vec<(u32, Piece, bool)> = Vec::new();
            let placed = place(&pieces, edges, Some(&anchors));
            for (c, at) in pieces.into_iter().zip(placed) {
                let mut col = at.unwrap_or_else(|| leaf_index(edges, c.center()));
                if let Some(last) = cells.last() {
                    if last.0 >= col {
                        col = last.0 + 1;
                    }
                }
                cells.push((
                    col,
                    Piece {
                        text: c.text(),
                        x1: c.x1,
                        words: c.words.len(),
                        size: c.size,
                    },
                    c.bold,
                ));
            }
            cells
        })
        .collect();
    let mut right: Vec<f64> = vec![f64::NEG_INFINITY; edges.len()];
    for (col, piece, _) in split.iter().flatten() {
        if let Some(r) = right.get_mut(*col as usize) {
            *r = r.max(piece.x1);
        }
    }
    let slack = if page.is_layout() { LAYOUT_DRIFT } else { 0.0 };
    let finish = |o: Open| -> Line {
        let mut cells: Vec<RawCell> = o
            .cells
            .into_iter()
            .map(|(col, parts, bold, n)| RawCell {
                col,
                text: join_lines(
                    &parts,
                    right.get(col as usize).copied().unwrap_or(f64::INFINITY) - slack,
                )
                .into(),
                bold: bold * 2 > n,
                span: 0,
            })
            .collect();
        cells.sort_by_key(|c| c.col);
        raw_line(page, o.line, cells)
    };
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    for (chunks, mut cells) in lines.iter().zip(split) {
        let Some(first) = chunks.first() else {
            continue;
        };
        // The rest of a broken number, or of wrapped text, may stand a column
        // off the cell it continues (layout text drifts); a line that turns
        // out to start a row keeps its own columns.
        let placed = cells.clone();
        if let Some(o) = open.as_ref() {
            let taken: Vec<u32> = cells.iter().map(|c| c.0).collect();
            for cell in cells.iter_mut() {
                if o.active.contains(&cell.0) {
                    continue;
                }
                let digits = cell.1.text.bytes().all(|b| b.is_ascii_digit());
                let near = o.cells.iter().find(|c| {
                    c.0.abs_diff(cell.0) == 1
                        && o.active.contains(&c.0)
                        && !taken.contains(&c.0)
                        && c.1.last().is_some_and(|p| {
                            if digits {
                                broken_number(&p.text)
                            } else {
                                continues_cell(&p.text, &cell.1.text) == Link::Continues
                            }
                        })
                });
                if let Some(b) = near {
                    cell.0 = b.0;
                }
            }
        }
        let continues = open.as_ref().is_some_and(|o| {
            let links: Vec<Link> = cells
                .iter()
                .map(|(col, piece, _)| {
                    if !o.active.contains(col) {
                        return Link::Breaks;
                    }
                    o.cells
                        .iter()
                        .find(|c| c.0 == *col)
                        .map_or(Link::Breaks, |c| {
                            let so_far = c.1.last().map_or("", |p| p.text.as_str());
                            continues_cell(so_far, &piece.text)
                        })
                })
                .collect();
            first.y - o.y <= NEXT_LINE * pitch
                && links.iter().all(|l| *l != Link::Breaks)
                && links.contains(&Link::Continues)
        });
        if !continues {
            cells = placed;
            if let Some(o) = open.take() {
                out.push(finish(o));
            }
            open = Some(Open {
                line: first.line,
                y: first.y,
                cells: Vec::new(),
                active: Vec::new(),
            });
        }
        let Some(o) = open.as_mut() else { continue };
        o.y = first.y;
        o.active.clear();
        for (col, piece, bold) in cells {
            o.active.push(col);
            match o.cells.iter_mut().find(|c| c.0 == col) {
                Some(c) => {
                    c.1.push(piece);
                    c.2 += usize::from(bold);
                    c.3 += 1;
                }
                None => o.cells.push((col, vec![piece], usize::from(bold), 1)),
            }
        }
    }
    if let Some(o) = open.take() {
        out.push(finish(o));
    }
    out
}

/// Places a line's phrases in columns, in order, one phrase a column, so
/// that they stand as near their columns as they can: drifting phrases
/// (layout text) shift together instead of crowding one column. `None`
/// for every phrase when there are more phrases than columns.
pub(super) fn place(
    pieces: &[Chunk],
    edges: &[f64],
    anchors: Option<&Anchors>,
) -> Vec<Option<u32>> {
    let (n, m) = (pieces.len(), edges.len());
    if n == 0 || n > m {
        return vec![None; n];
    }
    let edge = |i: usize| edges.get(i).copied().unwrap_or(f64::INFINITY);
    let cost = |p: &Chunk, l: usize| {
        // Where the page's own cells show how a column aligns, a number is
        // measured by its right end and text by its left.
        if let Some(a) = anchors {
            let numeric = p
                .words
                .iter()
                .all(|w| looks_numeric(&w.text) || w.text == "-");
            let at = if numeric {
                a.right.get(l)
            } else {
                a.left.get(l)
            };
            if let Some(Some(x)) = at {
                return if numeric {
                    (p.x1 - x).abs()
                } else {
                    (p.x0 - x).abs()
                };
            }
        }
        let c = p.center();
        let (a, b) = (edge(l), edge(l + 1));
        if c < a {
            a - c
        } else if c > b {
            c - b
        } else {
            0.0
        }
    };
    // best[i][l]: the first i phrases placed in columns before l.
    let inf = f64::INFINITY;
    let mut best = vec![vec![inf; m + 1]; n + 1];
    for v in best[0].iter_mut() {
        *v = 0.0;
    }
    for i in 1..=n {
        for l in i..=m {
            let skip = best[i][l - 1];
            let take = best[i - 1][l - 1] + cost(&pieces[i - 1], l - 1);
            best[i][l] = skip.min(take);
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut l) = (n, m);
    while i > 0 && l > 0 {
        if l > i && best[i][l] == best[i][l - 1] {
            l -= 1;
        } else {
            out[i - 1] = u32::try_from(l - 1).ok();
            i -= 1;
            l -= 1;
        }
    }
    out
}

/// Where each column's numbers end and its text begins, by the median of
/// the phrases placed there.
pub(super) struct Anchors {
    pub(super) right: Vec<Option<f64>>,
    pub(super) left: Vec<Option<f64>>,
}

impl Anchors {
    pub(super) fn new(
        pieces: &[Vec<Chunk>],
        placed: &[Vec<Option<u32>>],
        columns: usize,
    ) -> Anchors {
        let mut rights: Vec<Vec<f64>> = vec![Vec::new(); columns];
        let mut lefts: Vec<Vec<f64>> = vec![Vec::new(); columns];
        for (line, at) in pieces.iter().zip(placed) {
            for (p, col) in line.iter().zip(at) {
                let Some(col) = col.map(|c| c as usize).filter(|&c| c < columns) else {
                    continue;
                };
                if p.words
                    .iter()
                    .all(|w| looks_numeric(&w.text) || w.text == "-")
                {
                    rights[col].push(p.x1);
                } else {
                    lefts[col].push(p.x0);
                }
            }
        }
        let mid = |v: &Vec<f64>| (v.len() >= MIN_ANCHORED).then(|| median(v));
        Anchors {
            right: rights.iter().map(mid).collect(),
            left: lefts.iter().map(mid).collect(),
        }
    }

    /// Splits a phrase that runs over a column boundary: a count ending
    /// where a column's numbers end, or a word starting exactly where a
    /// later column's text starts.
    pub(super) fn split_count(&self, c: Chunk) -> Vec<Chunk> {
        let near = |a: Option<f64>, x: f64, by: f64| a.is_some_and(|a| (a - x).abs() <= by);
        let mut cuts = Vec::new();
        for i in 1..c.words.len() {
            let (prev, next) = (&c.words[i - 1], &c.words[i]);
            let count = i == 1
                && is_integer_word(&prev.text).is_some()
                && (0..self.right.len()).any(|k| {
                    near(self.right[k], prev.x1, COUNT_REACH)
                        && !self.left.iter().any(|&l| near(l, prev.x0, COLUMN_START))
                        && (k + 1..self.left.len())
                            .any(|j| near(self.left[j], next.x0, COUNT_REACH))
                });
            let column_start = (0..self.left.len()).any(|k| {
                near(self.left[k], next.x0, COLUMN_START)
                    && self.left[k].is_some_and(|x| x > c.x0 + COLUMN_START)
            });
            if count || column_start {
                cuts.push(i);
            }
        }
        if cuts.is_empty() {
            return vec![c];
        }
        c.cut_at(&cuts)
    }
}

/// A data phrase split into cells: at column edges that fall between two
/// of its words, and between two numbers.
pub(super) fn split_data(c: &Chunk, edges: &[f64]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut start = 0;
    let number = |w: &str| looks_numeric(w) || w == "-";
    for i in 1..=c.words.len() {
        let cut = i == c.words.len() || {
            let (a, b) = (&c.words[i - 1], &c.words[i]);
            // A number with separators never runs on into words.
            let decimal =
                looks_numeric(&a.text) && a.text.bytes().any(|x| matches!(x, b'.' | b',' | b'%'));
            // An item number stays with its name (`1 Pencegahan`), `(Rp)`
            // with the word before it.
            let item = i == start + 1
                && is_integer_word(&a.text).is_some()
                && b.text.chars().next().is_some_and(char::is_alphabetic);
            let keep = item || b.text.starts_with('(');
            (number(&a.text) && number(&b.text))
                || (decimal && b.text.chars().next().is_some_and(char::is_alphabetic))
                || (!keep
                    && edges
                        .iter()
                        .any(|&e| e >= a.x1 - EDGE_SLACK && e <= b.x0 + EDGE_SLACK))
        };
        if cut {
            out.push(c.part(&c.words[start..i]));
            start = i;
        }
    }
    out
}

/// How a line's cell relates to the cell above it in the row being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    /// It goes on with it.
    Continues,
    /// It may go on with it, if the rest of the line does.
    Maybe,
    /// It starts something new.
    Breaks,
}

/// `next` can be the next line of a cell whose last line is `so_far`: text
/// goes on, a broken number is completed; a new item number or a second
/// whole number starts something new.
pub(super) fn continues_cell(so_far: &str, next: &str) -> Link {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if broken_number(so_far) {
        return if next
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            Link::Continues
        } else {
            Link::Breaks
        };
    }
    let whole_number = |s: &str| s.split(' ').all(looks_numeric) || s == "-";
    if whole_number(so_far) {
        // `0,0` / `0` may be `0,00` broken where the column ran out: it goes
        // with the line if something else on it continues.
        let numeric = so_far
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
        let rest = next.strip_prefix(['.', ',']).unwrap_or(next);
        return if numeric && digits(rest) && so_far.contains([',', '.']) {
            Link::Maybe
        } else {
            Link::Breaks
        };
    }
    if whole_number(next) || crate::schema::starts_with_item_number(next) {
        return Link::Breaks;
    }
    Link::Continues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_continue_or_break() {
        assert_eq!(
            continues_cell("Program Pelatihan", "Kerja"),
            Link::Continues
        );
        assert_eq!(continues_cell("5.274.429.", "360"), Link::Continues);
        assert_eq!(continues_cell("0,0", "0"), Link::Maybe);
        assert_eq!(continues_cell("70.975.200", "19.850.200"), Link::Breaks);
        assert_eq!(
            continues_cell("1 Penyusunan", "2 Pengelolaan"),
            Link::Breaks
        );
    }
}
