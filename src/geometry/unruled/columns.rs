//! The column edges of an unruled page.

use super::super::lines::*;

/// A count or an item number has at most this many digits (`10
/// Kegiatan`); a longer number is an amount.
const COUNT_DIGITS: usize = 3;

/// A column-number row (`1 2 3 … N`) numbers this many columns at least;
/// fewer rising numbers may be a row's own.
const MIN_COLUMN_NUMBERS: usize = 5;

/// The coverage histogram has at most this many bins, whatever a page's
/// width claims.
const MAX_BINS: usize = 200_000;

/// A column edge up to this far inside a word's extent (points, or
/// characters of layout text) still lies in the gap beside it: edges
/// found from the gaps down the data are approximate.
pub(super) const EDGE_SLACK: f64 = 0.5;

pub(super) fn is_integer_word(s: &str) -> Option<u32> {
    (s.len() <= COUNT_DIGITS && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The centres of a column-number row's numbers (`1 2 3 … N`), if the
/// lines have one.
pub(super) fn number_row(lines: &[Vec<Chunk>]) -> Option<Vec<f64>> {
    lines.iter().find_map(|chunks| {
        let words: Vec<&Word> = chunks.iter().flat_map(|c| c.words.iter()).collect();
        if words.len() < MIN_COLUMN_NUMBERS {
            return None;
        }
        let numbers: Vec<u32> = words
            .iter()
            .map(|w| crate::number::column_number(&w.text))
            .collect::<Option<Vec<u32>>>()?;
        let rising = numbers.first() == Some(&1) && numbers.windows(2).all(|p| p[1] == p[0] + 1);
        rising.then(|| words.iter().map(|w| w.center()).collect())
    })
}

/// The extent of a page's text and the gaps that run down its data lines.
pub(super) struct Gutters {
    /// The leftmost text.
    pub(super) lo: f64,
    /// The usual type size.
    pub(super) size: f64,
    /// The width of the coverage histogram's bins.
    pub(super) bin: f64,
    /// The gaps between `lo` and `hi`, left to right.
    pub(super) inner: Vec<(f64, f64)>,
}

/// A histogram bin is this share of the type size: fine enough to find the
/// one space between two columns of a tight layout.
const BIN: f64 = 0.1;

/// A gap may be crossed by one data line in this many (a long word run
/// over into the next column) and still separate two columns.
const CROSSINGS: u32 = 25;

/// The gaps down `data` (lines with two phrases or more), within the extent
/// of all `lines`.
pub(super) fn gutters(lines: &[Vec<Chunk>], data: &[Vec<Chunk>]) -> Option<Gutters> {
    let all = lines.iter().flatten();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
        (lo.min(c.x0), hi.max(c.x1))
    });
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return None;
    }
    let sizes: Vec<f64> = lines.iter().flatten().map(|c| c.size).collect();
    let size = median(&sizes).max(MIN_SIZE);
    let bin = BIN * size;
    let bins = (((hi - lo) / bin).ceil() as usize + 1).min(MAX_BINS);
    let mut count = vec![0u32; bins];
    let mut data_lines = 0u32;
    for l in data {
        if l.len() < 2 {
            continue;
        }
        data_lines += 1;
        // Words, not phrases: tight layouts leave one space between columns.
        for w in l.iter().flat_map(|c| c.words.iter()) {
            let a = ((w.x0 - lo) / bin).floor().max(0.0) as usize;
            let b = (((w.x1 - lo) / bin).ceil().max(0.0) as usize).min(bins - 1);
            for k in count.iter_mut().take(b + 1).skip(a) {
                *k += 1;
            }
        }
    }
    let threshold = data_lines / CROSSINGS;
    let mut valleys: Vec<(f64, f64)> = Vec::new();
    let mut k = 0;
    while k < bins {
        if count[k] <= threshold {
            let s = k;
            while k < bins && count[k] <= threshold {
                k += 1;
            }
            valleys.push((lo + s as f64 * bin, lo + k as f64 * bin));
        } else {
            k += 1;
        }
    }
    let inner = valleys
        .into_iter()
        .filter(|&(a, b)| a > lo + bin && b < hi - bin)
        .collect();
    Some(Gutters {
        lo,
        size,
        bin,
        inner,
    })
}

/// The x positions that separate the table's columns, left edge first.
/// `precise`: positions are true coordinates (a PDF), not character cells.
pub(super) fn column_edges(lines: &[Vec<Chunk>], precise: bool) -> Vec<f64> {
    let numbers = number_row(lines);
    // Coverage by the phrases of data lines: lines with two or more phrases
    // below the first line holding a number.
    let start = lines
        .iter()
        .position(|l| {
            l.iter()
                .any(|c| c.words.iter().any(|w| looks_numeric(&w.text)))
        })
        .unwrap_or(0);
    let Some(Gutters {
        lo,
        size,
        bin,
        inner,
        ..
    }) = gutters(lines, &lines[start..])
    else {
        return vec![0.0];
    };
    if let Some(centred) = numbers.as_deref().filter(|_| precise).and_then(|c| {
        edges_from_centres(c, &inner, lo, size).or_else(|| from_left_edge(c, lo, size))
    }) {
        return centred;
    }
    let mut edges = vec![lo - bin];
    match numbers {
        // The gaps agree with the column-number row: take them as they are.
        Some(centres) if centres.len() == inner.len() + 1 => {
            edges.extend(inner.iter().map(|&(a, b)| (a + b) / 2.0))
        }
        Some(centres) if centres.len() >= 2 => {
            for pair in centres.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let mid = (a + b) / 2.0;
                // The widest gap between the two numbers, else the midpoint.
                let cut = inner
                    .iter()
                    .filter(|&&(s, e)| s >= a && e <= b)
                    .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
                    .map_or(mid, |&(s, e)| (s + e) / 2.0);
                edges.push(cut);
            }
        }
        _ => edges.extend(inner.iter().map(|&(a, b)| (a + b) / 2.0)),
    }
    edges
}

/// A leaf of the header band: the horizontal extent of a label with no
/// label under it, of a quarter numeral, or of a column number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Leaf {
    pub(super) x0: f64,
    pub(super) x1: f64,
}

impl Leaf {
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// Fewer leaves than this do not make a plan's header: the gaps down the
/// data are a better guide then.
const MIN_LEAVES: usize = 4;

/// Two leaves whose centres stand closer than this share of the type size
/// are one column's (a quarter numeral over its column number).
const SAME_COLUMN: f64 = 0.6;

/// The columns of an unruled page from its header's leaves and the gaps
/// down its data: every leaf (a label with nothing under it, a quarter
/// numeral, a column number) stands over a column of its own, and the edge
/// between two neighbouring leaves lies in the gap down the data that
/// separates them. A column empty in most rows (APBN) keeps the place its
/// leaf gives it inside the wide gap its emptiness leaves. `None` when the
/// band has too few leaves to be a plan's header.
pub(super) fn header_edges(
    leaves: &[Leaf],
    lines: &[Vec<Chunk>],
    data: &[Vec<Chunk>],
) -> Option<Vec<f64>> {
    let g = gutters(lines, data)?;
    let mut leaves: Vec<Leaf> = leaves.to_vec();
    leaves.sort_by(|a, b| a.centre().total_cmp(&b.centre()));
    let mut merged: Vec<Leaf> = Vec::with_capacity(leaves.len());
    for l in leaves {
        match merged.last_mut() {
            Some(m) if (l.centre() - m.centre()).abs() < SAME_COLUMN * g.size => {
                m.x0 = m.x0.min(l.x0);
                m.x1 = m.x1.max(l.x1);
            }
            _ => merged.push(l),
        }
    }
    if merged.len() < MIN_LEAVES {
        return None;
    }
    let first = merged[0].x0.min(g.lo);
    let mut edges = vec![first - g.bin];
    for pair in merged.windows(2) {
        let cut = cut_between(&pair[0], &pair[1], &g.inner);
        // Edges rise: a leaf wider than its column may not push an edge back.
        let floor = edges.last().copied().unwrap_or(f64::NEG_INFINITY) + g.bin;
        edges.push(cut.max(floor));
    }
    Some(edges)
}

/// The edge between the columns of two neighbouring leaves: in the widest
/// gap down the data between their centres, at the midpoint of the centres
/// where the gap holds it (a gap as wide as an empty column is shared by
/// that column's edges), else at the gap's middle; with no gap there, half
/// way between the leaves' own extents.
fn cut_between(a: &Leaf, b: &Leaf, gaps: &[(f64, f64)]) -> f64 {
    let (ca, cb) = (a.centre(), b.centre());
    let mid = (ca + cb) / 2.0;
    let gap = gaps
        .iter()
        .map(|&(s, e)| (s.max(ca), e.min(cb)))
        .filter(|(s, e)| e > s)
        .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)));
    match gap {
        Some((s, e)) if s <= mid && mid <= e => mid,
        Some((s, e)) => (s + e) / 2.0,
        None if a.x1 < b.x0 => (a.x1 + b.x0) / 2.0,
        None => mid,
    }
}

/// The left edges tried for a centred column-number row lie this share of
/// the type size apart: fine enough to land every edge in a one-space gap.
const CENTRE_STEP: f64 = 0.05;

/// How much an edge's distance from its gap's middle counts beside its
/// distance outside the gap: enough to break a tie, never to outweigh a
/// miss.
const TIE_BREAK: f64 = 0.1;

/// The edges from a column-number row fit the gaps when they miss them by
/// at most this share of the type size per column on the average; numbers
/// that are not centred miss by more.
const MAX_MISS: f64 = 0.3;

/// A cell's padding as a share of the type size: the table's left edge
/// stands that far left of its leftmost text.
const CELL_PADDING: f64 = 0.3;

/// Column edges from a column-number row printed centred in its columns:
/// each centre lies halfway between its column's edges, so the left edge of
/// the table fixes every other edge. The left edge is the one whose edges
/// fall best into the gaps down the data; `None` when no choice fits well
/// (numbers not centred, layout text).
pub(super) fn edges_from_centres(
    centres: &[f64],
    gaps: &[(f64, f64)],
    lo: f64,
    size: f64,
) -> Option<Vec<f64>> {
    let first = *centres.first()?;
    if centres.len() < MIN_COLUMN_NUMBERS || gaps.len() < centres.len() / 2 {
        return None;
    }
    let step = CENTRE_STEP * size;
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut b0 = lo - size;
    while b0 < first {
        let mut edges = Vec::with_capacity(centres.len() + 1);
        edges.push(b0);
        let mut ok = true;
        for &c in centres {
            let prev = *edges.last()?;
            let next = 2.0 * c - prev;
            if next <= c {
                ok = false;
                break;
            }
            edges.push(next);
        }
        if ok {
            // How far the inner edges fall from the gaps.
            let miss: f64 = edges[1..edges.len() - 1]
                .iter()
                .map(|&e| {
                    // Outside a gap counts fully; inside, the distance to its
                    // middle breaks ties.
                    gaps.iter()
                        .map(|&(a, b)| {
                            let outside = if e < a {
                                a - e
                            } else if e > b {
                                e - b
                            } else {
                                0.0
                            };
                            outside + TIE_BREAK * (e - (a + b) / 2.0).abs()
                        })
                        .fold(f64::INFINITY, f64::min)
                })
                .sum();
            if best.as_ref().is_none_or(|(m, _)| miss < *m) {
                best = Some((miss, edges));
            }
        }
        b0 += step;
    }
    let (miss, mut edges) = best?;
    if miss > MAX_MISS * size * centres.len() as f64 {
        return None;
    }
    // The last edge closes the table; leaf lookups need only the left ones.
    edges.pop();
    Some(edges)
}

/// Column edges from a centred column-number row and the table's left
/// edge (its leftmost text, less a cell's padding): for pages with too few
/// data lines to show the gaps between columns.
pub(super) fn from_left_edge(centres: &[f64], lo: f64, size: f64) -> Option<Vec<f64>> {
    if centres.len() < MIN_COLUMN_NUMBERS {
        return None;
    }
    let mut edges = vec![lo - CELL_PADDING * size];
    for &c in centres {
        let prev = *edges.last()?;
        let next = 2.0 * c - prev;
        if next <= c {
            return None;
        }
        edges.push(next);
    }
    edges.pop();
    Some(edges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_from_a_centred_number_row() {
        // Columns 20, 60, 30, 40 and 20 wide from x = 10.
        let gaps = [(29.0, 31.0), (89.0, 91.0), (118.0, 121.0), (159.0, 161.0)];
        let edges = edges_from_centres(&[20.0, 60.0, 105.0, 140.0, 170.0], &gaps, 12.0, 6.0);
        let edges = edges.expect("the centres fit the gaps");
        assert!((edges[1] - 30.0).abs() < 0.5, "{edges:?}");
        assert!((edges[2] - 90.0).abs() < 0.5, "{edges:?}");
        assert!((edges[4] - 160.0).abs() < 0.5, "{edges:?}");
    }

    /// A phrase of single-spaced words, as a test writes one: `x` is where
    /// it starts, each character one unit wide, at `y`.
    fn phrase(x: f64, y: f64, text: &str) -> Chunk {
        let mut at = x;
        let words: Vec<super::super::super::Run> = text
            .split(' ')
            .map(|w| {
                let run = super::super::super::Run {
                    x0: at,
                    x1: at + w.len() as f64,
                    y,
                    size: 1.0,
                    bold: false,
                    text: w.into(),
                };
                at += w.len() as f64 + 1.0;
                run
            })
            .collect();
        Chunk::from_words(&words, y as u32)
    }

    #[test]
    fn columns_from_leaves_and_the_gaps_in_the_data() {
        // Four columns: text at 0..20, numbers right-aligned to 30 and 42,
        // and a last column (APBN) empty in every row but for its leaf.
        let leaves = [
            Leaf { x0: 2.0, x1: 8.0 },
            Leaf { x0: 24.0, x1: 28.0 },
            Leaf { x0: 36.0, x1: 40.0 },
            Leaf { x0: 48.0, x1: 52.0 },
        ];
        let data: Vec<Vec<Chunk>> = (0..6)
            .map(|r| {
                let y = 10.0 + f64::from(r);
                vec![
                    phrase(0.0, y, "Program Kerja"),
                    phrase(25.0, y, "1.000"),
                    phrase(37.0, y, "2.000"),
                ]
            })
            .collect();
        let edges = header_edges(&leaves, &data, &data).expect("four leaves make a header");
        assert_eq!(edges.len(), 4, "{edges:?}");
        // The empty column keeps its place: its edge lies between the last
        // numbers and its own leaf.
        assert!(edges[3] > 42.0 && edges[3] < 48.0, "{edges:?}");
        // The others fall in the gaps between the data's columns.
        assert!(edges[1] > 13.0 && edges[1] < 25.0, "{edges:?}");
        assert!(edges[2] > 30.0 && edges[2] < 37.0, "{edges:?}");
        // Too few leaves are no header.
        assert!(header_edges(&leaves[..3], &data, &data).is_none());
    }

    #[test]
    fn a_numeral_over_its_column_number_is_one_column() {
        let leaves = [
            Leaf { x0: 0.0, x1: 4.0 },
            Leaf { x0: 10.0, x1: 12.0 },
            Leaf { x0: 10.3, x1: 11.3 },
            Leaf { x0: 20.0, x1: 22.0 },
            Leaf { x0: 30.0, x1: 32.0 },
        ];
        let data = vec![vec![phrase(0.0, 5.0, "a"), phrase(30.0, 5.0, "b")]];
        let edges = header_edges(&leaves, &data, &data).expect("a header");
        assert_eq!(edges.len(), 4, "{edges:?}");
    }
}
