//! Words into lines and phrases, and phrases into cell text.

use super::ruled::Wall;
use super::Page;
use super::Run;
use crate::schema::quarter_numeral;
use crate::source::{RawCell, RawLine};

/// A line of cells as the page's geometry gives it, before it joins the
/// document.
#[derive(Debug, Clone, Default)]
pub(super) struct Line {
    pub(super) page: u32,
    pub(super) line: u32,
    pub(super) width: u32,
    pub(super) cells: Vec<RawCell<'static>>,
}

impl Line {
    /// The line as the pipeline reads lines.
    pub(super) fn view(&self) -> RawLine<'_> {
        RawLine {
            page: self.page,
            line: self.line,
            width: self.width,
            block: 0,
            cells: &self.cells,
        }
    }
}

/// A word of a phrase: where it stands across the line, and its text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Word {
    /// Left edge.
    pub(super) x0: f64,
    /// Right edge.
    pub(super) x1: f64,
    /// The text.
    pub(super) text: String,
}

impl Word {
    /// The middle of its extent.
    pub(super) fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// A phrase: words of one line close enough to be one cell's text.
#[derive(Debug, Clone)]
pub(super) struct Chunk {
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) y: f64,
    pub(super) size: f64,
    pub(super) bold: bool,
    /// The words, left to right.
    pub(super) words: Vec<Word>,
    /// The physical line it stands on (1-based).
    pub(super) line: u32,
}

impl Chunk {
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for w in &self.words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }

    pub(super) fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// The phrase made of some of this one's words (not empty).
    pub(super) fn part(&self, words: &[Word]) -> Chunk {
        Chunk {
            x0: words[0].x0,
            x1: words[words.len() - 1].x1,
            words: words.to_vec(),
            ..self.clone()
        }
    }

    /// The phrase cut before each word index in `cuts` (rising, inside).
    pub(super) fn cut_at(&self, cuts: &[usize]) -> Vec<Chunk> {
        let mut out = Vec::with_capacity(cuts.len() + 1);
        let mut start = 0;
        for &cut in cuts.iter().chain(std::iter::once(&self.words.len())) {
            if cut > start {
                out.push(self.part(&self.words[start..cut]));
            }
            start = cut;
        }
        out
    }

    pub(super) fn from_words(words: &[Run], line: u32) -> Chunk {
        let bold = words.iter().filter(|w| w.bold).count() * 2 > words.len();
        Chunk {
            x0: words.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min),
            x1: words.iter().map(|w| w.x1).fold(f64::NEG_INFINITY, f64::max),
            y: words.iter().map(|w| w.y).sum::<f64>() / words.len() as f64,
            size: words.iter().map(|w| w.size).fold(0.0, f64::max),
            bold,
            words: words
                .iter()
                .map(|w| Word {
                    x0: w.x0,
                    x1: w.x1,
                    text: w.text.clone(),
                })
                .collect(),
            line,
        }
    }
}

/// Words whose baselines differ by at most this share of the type size
/// stand on one line, and so do header group labels whose tops do: a word
/// set a little high or low stays on its line, the next line (a line
/// pitch, over one size, lower) does not.
pub(super) const SAME_BASELINE: f64 = 0.35;

/// The smallest type size a tolerance is measured by, so that words of no
/// size (a font that gives none) still have one.
pub(super) const MIN_SIZE: f64 = 0.1;

/// The physical lines of a page: runs grouped by baseline, left to right.
pub(super) fn physical_lines(page: &Page) -> Vec<(u32, Vec<Run>)> {
    let mut runs: Vec<&Run> = page
        .runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    let mut base = f64::NEG_INFINITY;
    for r in runs {
        let tolerance = SAME_BASELINE * r.size.max(MIN_SIZE);
        match lines.last_mut() {
            Some(line) if (r.y - base).abs() <= tolerance => line.push(r.clone()),
            _ => {
                base = r.y;
                lines.push(vec![r.clone()]);
            }
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, mut l)| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            let number = if page.numbered_lines {
                l[0].y.round().clamp(0.0, f64::from(u32::MAX)) as u32
            } else {
                u32::try_from(i + 1).unwrap_or(u32::MAX)
            };
            (number, l)
        })
        .collect()
}

/// A vertical rule this many points inside a word's edge still stands
/// between it and the next word: text set tight against a cell's rule.
const WALL_SLACK: f64 = 0.5;

/// Splits a line's words into phrases at gaps wider than the page allows,
/// and at vertical rules standing between two words.
pub(super) fn chunks(page: &Page, line: u32, words: &[Run], walls: &[Wall]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=words.len() {
        let split = i == words.len() || {
            let (a, b) = (&words[i - 1], &words[i]);
            let gap = b.x0 - a.x1;
            let size = a.size.max(b.size);
            gap > page.word_gap * size
                || walls
                    .iter()
                    .any(|w| w.x > a.x1 - WALL_SLACK && w.x < b.x0 + WALL_SLACK && w.covers_y(a.y))
        };
        if split {
            out.push(Chunk::from_words(&words[start..i], line));
            start = i;
        }
    }
    out
}

pub(super) fn raw_line(page: &Page, line: u32, cells: Vec<RawCell<'static>>) -> Line {
    let width = cells
        .iter()
        .map(|c| c.col + c.span.max(1))
        .max()
        .unwrap_or(0);
    Line {
        page: page.number,
        line,
        width,
        cells,
    }
}

/// Short Indonesian words that often begin a wrapped line: never the
/// remainder of a broken word.
pub(super) const SHORT_WORDS: &[&str] = &[
    "dan", "yang", "di", "ke", "dari", "per", "bagi", "atau", "oleh", "pada", "ini", "itu", "dgn",
    "dlm", "se", "tsb", "thd", "kab", "kota",
];

/// The width of a wide letter (`m`, `w`) as a share of the type size: a
/// line ending closer than that to its column's edge had no room for one
/// more (`Perusaha` / `an`).
const WIDE_LETTER: f64 = 0.9;

/// The width of another capital letter as a share of the type size.
const CAPITAL_LETTER: f64 = 0.75;

/// The width of another letter as a share of the type size.
const LETTER: f64 = 0.6;

/// A remainder in capitals after a word in capitals has at most this many
/// letters (`TOT` / `AL`); a longer word in capitals wrapped whole.
const CAPS_REMAINDER: usize = 2;

/// Indonesian words rarely pass sixteen letters (`ketransmigrasian`): two
/// lines' parts longer together are two words, not one broken.
const LONGEST_WORD: usize = 16;

/// One line of a cell's text: the text, where it ends, how many words
/// it has, its font size.
#[derive(Debug, Clone)]
pub(super) struct Piece {
    pub(super) text: String,
    pub(super) x1: f64,
    pub(super) words: usize,
    pub(super) size: f64,
}

/// Joins the lines of one cell's text with spaces, except where a line
/// was broken inside a token: a number (`5.274.429.` / `360`), or a word too
/// long for its column, whose first part fills the column to its edge
/// (`Perusaha` / `an`). `right` is the column's right content edge.
pub(super) fn join_lines(parts: &[Piece], right: f64) -> String {
    let mut out = String::new();
    let mut prev: Option<&Piece> = None;
    for p in parts {
        if let Some(q) = prev {
            let starts = p.text.chars().next();
            // Two lines of one cell that are both number pieces are one number
            // broken where the column ran out (`334.600` / `.280`, `0,0` / `0`).
            let numeric = |t: &str| {
                !t.is_empty()
                    && t.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            };
            let number = (broken_number(&out)
                && starts.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ','))
                || (numeric(&out) && numeric(&p.text));
            // A remainder is short and goes on in lower case (`an`, `men`), or
            // in capitals after a word in capitals (`TOT` / `AL`); a word that
            // only wrapped is usually longer, starts with a capital, or is one
            // of the short words that begin a line (`dan`, `yang`).
            let next_word = p.text.split(' ').next().unwrap_or("");
            let len = next_word.chars().count();
            let caps = |t: &str| t.chars().all(|c| c.is_uppercase());
            let remainder = (starts.is_some_and(char::is_lowercase)
                && !SHORT_WORDS.contains(&next_word))
                || (caps(&q.text) && caps(next_word) && len <= CAPS_REMAINDER);
            // The first part fills its line: what is left is narrower than
            // the next letter.
            let letter = match starts {
                Some('m' | 'w' | 'M' | 'W') => WIDE_LETTER,
                Some(c) if c.is_uppercase() => CAPITAL_LETTER,
                _ => LETTER,
            };
            // A joint longer than a word is two words.
            let stem = q.text.rsplit(['/', '-']).next().unwrap_or(&q.text);
            let joint = stem.chars().count() + len;
            let word = q.words == 1
                && joint <= LONGEST_WORD
                && q.x1 >= right - letter * q.size
                && q.text.chars().last().is_some_and(char::is_alphabetic)
                && remainder;
            // A word broken at its own hyphen goes on without a space
            // (`TW-` / `IV`, `Penanggung-` / `jawab`); a hyphen the line
            // break added before a lower-case remainder goes (`Triw-` /
            // `ulan I`).
            let hyphen = out.ends_with('-')
                && out[..out.len() - 1]
                    .chars()
                    .last()
                    .is_some_and(char::is_alphanumeric);
            if hyphen && starts.is_some_and(char::is_lowercase) {
                out.pop();
            }
            if !(number
                || word
                || hyphen
                || completes_numeral(&out, &p.text)
                || year(&out, &p.text))
            {
                out.push(' ');
            }
        }
        out.push_str(&p.text);
        prev = Some(p);
    }
    out
}

/// The next line's digits complete a year a narrow column broke (`Target
/// 202` / `4`).
fn year(so_far: &str, next: &str) -> bool {
    let tail = so_far.rsplit(' ').next().unwrap_or(so_far);
    let head = next.split(' ').next().unwrap_or(next);
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    digits(tail)
        && digits(head)
        && tail.len() + head.len() == 4
        && crate::number::year_in(&format!("{tail}{head}")).is_some()
}

/// The next line's letters complete a quarter numeral that a narrow
/// column broke (`TW-I` / `V`, `TW II` / `I`).
pub(super) fn completes_numeral(so_far: &str, next: &str) -> bool {
    let tail = so_far.rsplit(' ').next().unwrap_or(so_far);
    let roman = |t: &str| !t.is_empty() && t.bytes().all(|b| matches!(b | 0x20, b'i' | b'v'));
    let numeral = |t: &str| quarter_numeral(t).is_some();
    roman(next)
        && tail
            .bytes()
            .last()
            .is_some_and(|b| matches!(b | 0x20, b'i' | b'v'))
        && {
            let mut joined = String::with_capacity(so_far.len() + next.len());
            joined.push_str(so_far);
            joined.push_str(next);
            let before = so_far.len() - tail.len();
            let glued = numeral(&joined[before..]) || numeral(&joined);
            let spaced = numeral(&format!("{so_far} {next}"));
            glued && !spaced
        }
}

/// Text ending in a number that cannot end there: a trailing separator, or
/// a last group of fewer than three digits after a thousands dot
/// (`2.518.664.3`).
pub(super) fn broken_number(text: &str) -> bool {
    let last = text.rsplit(' ').next().unwrap_or(text);
    let last = last.trim_start_matches("Rp").trim_start_matches('.');
    if last.is_empty()
        || !last
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return false;
    }
    if !last.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
        return false;
    }
    if last.ends_with('.') || last.ends_with(',') {
        return true;
    }
    if last.contains(',') {
        return false;
    }
    let groups: Vec<&str> = last.split('.').collect();
    groups.len() >= 2
        && groups[1..].iter().all(|g| g.len() <= 3)
        && groups.last().is_some_and(|g| g.len() < 3)
        && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3)
}

/// A line with no cells: a gap between what stands above and below it.
pub(super) fn blank_line(page: &Page, line: u32) -> Line {
    Line {
        page: page.number,
        line,
        width: 0,
        cells: Vec::new(),
    }
}

/// A position up to this far left of a column edge (a point, or a
/// character of layout text) already falls in the column the edge opens:
/// text starting on its column's rule belongs to that column.
const EDGE_LEEWAY: f64 = 1.0;

/// The leaf column a position falls in, given the sorted column edges.
pub(super) fn leaf_index(edges: &[f64], x: f64) -> u32 {
    let i = edges
        .iter()
        .filter(|&&e| e <= x + EDGE_LEEWAY)
        .count()
        .saturating_sub(1);
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// One cell from its phrases, top to bottom; `right` is the column's right
/// content edge.
pub(super) fn cell_of(parts: &[&Chunk], col: u32, span: u32, right: f64) -> RawCell<'static> {
    // Phrases on one physical line join with a space; lines join as wrapped text.
    let mut lines: Vec<Piece> = Vec::new();
    let mut last_line = None;
    for p in parts {
        let t = p.text();
        match lines.last_mut() {
            Some(l) if last_line == Some(p.line) => {
                l.text.push(' ');
                l.text.push_str(&t);
                l.x1 = l.x1.max(p.x1);
                l.words += p.words.len();
            }
            _ => lines.push(Piece {
                text: t,
                x1: p.x1,
                words: p.words.len(),
                size: p.size,
            }),
        }
        last_line = Some(p.line);
    }
    let bold = parts.iter().filter(|p| p.bold).count() * 2 > parts.len();
    RawCell {
        col,
        text: join_lines(&lines, right).into(),
        bold,
        span,
    }
}

pub(super) fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 1.0;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

pub(super) fn looks_numeric(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b'-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(text: &str, x1: f64) -> Piece {
        Piece {
            text: text.into(),
            x1,
            words: text.split(' ').count(),
            size: 6.0,
        }
    }

    #[test]
    fn broken_numbers() {
        assert!(broken_number("5.274.429."));
        assert!(broken_number("2.518.664.3"));
        assert!(broken_number("96,"));
        assert!(!broken_number("5.274.429.360"));
        assert!(!broken_number("96,83"));
        assert!(!broken_number("Program"));
    }

    #[test]
    fn wrapped_lines_join() {
        // Words wrap with a space; numbers and words broken at the edge do not.
        assert_eq!(
            join_lines(
                &[
                    piece("Program Penempatan", 50.0),
                    piece("Tenaga Kerja", 40.0)
                ],
                60.0
            ),
            "Program Penempatan Tenaga Kerja"
        );
        assert_eq!(
            join_lines(&[piece("5.274.429.", 60.0), piece("360", 20.0)], 60.0),
            "5.274.429.360"
        );
        assert_eq!(
            join_lines(&[piece("Perusaha", 59.5), piece("an", 10.0)], 60.0),
            "Perusahaan"
        );
        // A full line followed by a short word that often starts a line.
        assert_eq!(
            join_lines(
                &[piece("Ketenagakerjaan", 59.5), piece("dan K3", 20.0)],
                60.0
            ),
            "Ketenagakerjaan dan K3"
        );
        // A word broken at its own hyphen, a hyphen the break added, a
        // numeral a narrow column broke.
        assert_eq!(
            join_lines(&[piece("TW-", 10.0), piece("IV", 8.0)], 60.0),
            "TW-IV"
        );
        assert_eq!(
            join_lines(&[piece("Triw-", 10.0), piece("ulan I", 8.0)], 60.0),
            "Triwulan I"
        );
        assert_eq!(
            join_lines(&[piece("TW-I", 10.0), piece("V", 8.0)], 60.0),
            "TW-IV"
        );
        assert_eq!(
            join_lines(&[piece("Triwulan I", 10.0), piece("I", 8.0)], 60.0),
            "Triwulan II"
        );
        assert_eq!(
            join_lines(&[piece("Kab. -", 10.0), piece("Kota", 8.0)], 60.0),
            "Kab. - Kota"
        );
        assert_eq!(
            join_lines(&[piece("Target 202", 10.0), piece("4", 8.0)], 60.0),
            "Target 2024"
        );
        // A line well short of the edge ends a word.
        assert_eq!(
            join_lines(&[piece("Perusaha", 40.0), piece("an", 10.0)], 60.0),
            "Perusaha an"
        );
    }
}
