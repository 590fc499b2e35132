//! Positioned text to lines of cells: the stage PDF pages and layout text
//! share.
//!
//! A geometric source gives, per page, words with their extents and
//! baselines ([`Run`]) and the ruling lines drawn on the page ([`Rule`]).
//! This stage finds the table's columns and rows in them and emits the same
//! [`RawLine`]s the text reader does, so header bands, realignment and values
//! work the same for every format.

use crate::band::{find_bands, Band};
use crate::diag::{Code, Diagnostic, Severity};
use crate::number::{self, Parsed};
use crate::schema::{quarter_numeral, Schema, Vocabulary};
use crate::source::{RawCell, RawDocument, RawLine};
use crate::Options;

/// A word placed on a page. Coordinates are points (or character cells
/// for layout text) from the page's top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline, from the top.
    pub y: f64,
    /// Font size (line height for layout text).
    pub size: f64,
    /// Set in a bold font.
    pub bold: bool,
    /// The text.
    pub text: String,
}

/// A ruling line, horizontal (`y0 == y1`) or vertical (`x0 == x1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left end.
    pub x0: f64,
    /// Top end.
    pub y0: f64,
    /// Right end.
    pub x1: f64,
    /// Bottom end.
    pub y1: f64,
}

impl Rule {
    /// A rule between two points.
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rule {
        Rule { x0, y0, x1, y1 }
    }

    /// The rule runs left to right.
    pub fn is_horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() <= (self.x1 - self.x0).abs()
    }
}

/// One page of positioned text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// The 1-based page number.
    pub number: u32,
    /// Width as displayed.
    pub width: f64,
    /// Height as displayed.
    pub height: f64,
    /// The words, top to bottom, left to right.
    pub runs: Vec<Run>,
    /// The ruling lines.
    pub rules: Vec<Rule>,
    /// The widest gap between two words of one phrase, as a share of the
    /// font size (a word space is about 0.25 in proportional fonts; one
    /// character in layout text).
    pub word_gap: f64,
    /// The runs' `y` are the source's own line numbers (layout text), kept
    /// as the lines' numbers; otherwise lines are numbered down the page.
    pub numbered_lines: bool,
}

impl Page {
    /// An empty page.
    pub fn new(number: u32, width: f64, height: f64) -> Page {
        Page {
            number,
            width,
            height,
            word_gap: 0.45,
            ..Page::default()
        }
    }
}

/// Turns pages of positioned text into lines of cells, one block per
/// page.
///
/// Per page: words are gathered into lines by baseline and into phrases by
/// the gaps between them. The table's leaf columns come from vertical rules
/// where the page is ruled, otherwise from the column-number row and from
/// the gaps that run down the data lines. On a ruled page each phrase
/// belongs to the cell the rules draw around it, so a cell's wrapped lines
/// and a spanning header label come out whole. On an unruled page the
/// header band's wrapped labels are stacked back together, each label's
/// span is the widest run of columns it is centred over, and the data lines
/// are grouped into rows: a line continues the row above while all it holds
/// continues cells that were still being written on the line before.
pub fn raw_document(
    pages: &[Page],
    diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> RawDocument<'static> {
    let mut doc = RawDocument {
        paged: true,
        diagnostics,
        ..RawDocument::default()
    };
    // The columns of the last page with a header band, for pages without one.
    let mut known: Option<Vec<f64>> = None;
    let mut phys: Vec<Vec<(u32, Vec<Run>)>> = pages.iter().map(physical_lines).collect();
    let mut furniture = Vec::new();
    let apart = set_apart_running_lines(pages, &mut phys, &options.schema, &mut furniture);
    doc.diagnostics.extend(furniture);
    for ((page, lines), apart) in pages.iter().zip(&phys).zip(apart) {
        if apart {
            // Perhaps the first line of a header band: set apart from the
            // page before by a blank line.
            doc.end_line(page.number, lines.first().map_or(0, |l| l.0), 0, 0);
        }
        for line in page_lines(page, lines, &options.schema, &mut known) {
            doc.cells.extend(line.cells);
            doc.end_line(line.page, line.line, line.width, 0);
        }
    }
    doc
}

/// Leaves out the running footers and headers of the pages (lines among
/// the last or first [`RUNNING_WINDOW`] of a page that the same place of
/// other pages repeats, numbers aside: `Hal. 2`, `Dinas …`), a diagnostic
/// each: a footer stands too close under the last row to be told from it
/// later, and a header above the rows of a page without a header band. A
/// running header with header words may be a line of a header band: it is
/// kept, and the pages where it stands are returned, to be set apart from
/// the page before by a blank line.
fn set_apart_running_lines(
    pages: &[Page],
    phys: &mut [Vec<(u32, Vec<Run>)>],
    schema: &Schema,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut apart = vec![false; pages.len()];
    let mut vocabulary: Option<Vocabulary> = None;
    for foot in [true, false] {
        let running = running_lines(pages, phys, foot);
        for (i, ((page, lines), mut found)) in
            pages.iter().zip(phys.iter_mut()).zip(running).enumerate()
        {
            // Last first, so that the indices still to remove stay put.
            found.sort_unstable_by(|a, b| b.cmp(a));
            for at in found {
                let phrases: Vec<String> = chunks(page, lines[at].0, &lines[at].1, &[])
                    .iter()
                    .map(Chunk::text)
                    .collect();
                if !foot {
                    let v = vocabulary.get_or_insert_with(|| Vocabulary::new(schema));
                    if phrases.iter().any(|p| v.coverage(p) >= 0.5) {
                        apart[i] = true;
                        continue;
                    }
                }
                let (n, _) = lines.remove(at);
                let place = if foot { "footer" } else { "header" };
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        Code::OutsideTable,
                        format!(
                            "a running {place}, repeated on the pages, is not part of the table"
                        ),
                    )
                    .at(page.number, n)
                    .text(phrases.join(" | ")),
                );
            }
        }
    }
    apart
}

/// How many lines at the head or the foot of a page may be running lines.
const RUNNING_WINDOW: usize = 2;

/// For each page, the indices of its running lines at the foot (`foot`) or
/// the head: among its last or first [`RUNNING_WINDOW`] lines, those of at
/// most three phrases whose text (numbers aside), standing at the same
/// place, other pages repeat, on two pages at least and on half of them.
fn running_lines(pages: &[Page], phys: &[Vec<(u32, Vec<Run>)>], foot: bool) -> Vec<Vec<usize>> {
    let keyed: Vec<Vec<(usize, String)>> = pages
        .iter()
        .zip(phys)
        .map(|(page, lines)| {
            let window: Vec<usize> = if foot {
                (lines.len().saturating_sub(RUNNING_WINDOW)..lines.len()).collect()
            } else {
                (0..lines.len().min(RUNNING_WINDOW)).collect()
            };
            window
                .into_iter()
                .filter(|&at| chunks(page, lines[at].0, &lines[at].1, &[]).len() <= 3)
                .map(|at| {
                    // Where it stands too: a running line keeps its place,
                    // the words that end a page's last row do not.
                    let words = &lines[at].1;
                    let (x, y) = words.first().map_or((0.0, 0.0), |w| (w.x0, w.y));
                    let mut key = format!("{:.0} {:.0} ", x / 2.0, y / 2.0);
                    for w in words {
                        for ch in w.text.chars() {
                            key.push(if ch.is_ascii_digit() {
                                '#'
                            } else {
                                ch.to_ascii_lowercase()
                            });
                        }
                        key.push(' ');
                    }
                    (at, key)
                })
                .collect()
        })
        .collect();
    // Pages per key (a page counted once for a key).
    let mut pages_with: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in &keyed {
        for (i, (_, key)) in page.iter().enumerate() {
            if !page[..i].iter().any(|(_, k)| k == key) {
                *pages_with.entry(key).or_default() += 1;
            }
        }
    }
    let running = |key: &str| {
        let n = pages_with.get(key).copied().unwrap_or(0);
        n >= 2 && n * 2 >= pages.len()
    };
    keyed
        .iter()
        .map(|page| {
            page.iter()
                .filter(|(_, k)| running(k))
                .map(|&(at, _)| at)
                .collect()
        })
        .collect()
}

/// A line of cells as the page's geometry gives it, before it joins the
/// document.
#[derive(Debug, Clone, Default)]
struct Line {
    page: u32,
    line: u32,
    width: u32,
    cells: Vec<RawCell<'static>>,
}

impl Line {
    /// The line as the pipeline reads lines.
    fn view(&self) -> RawLine<'_> {
        RawLine {
            page: self.page,
            line: self.line,
            width: self.width,
            block: 0,
            cells: &self.cells,
        }
    }
}

/// A phrase: words of one line close enough to be one cell's text.
#[derive(Debug, Clone)]
struct Chunk {
    x0: f64,
    x1: f64,
    y: f64,
    size: f64,
    bold: bool,
    /// The words, left to right: extent and text.
    words: Vec<(f64, f64, String)>,
    /// The physical line it stands on (1-based).
    line: u32,
}

impl Chunk {
    fn text(&self) -> String {
        let mut out = String::new();
        for (_, _, w) in &self.words {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    fn center(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }

    /// The phrase made of some of this one's words (not empty).
    fn part(&self, words: &[(f64, f64, String)]) -> Chunk {
        Chunk {
            x0: words[0].0,
            x1: words[words.len() - 1].1,
            words: words.to_vec(),
            ..self.clone()
        }
    }

    /// The phrase cut before each word index in `cuts` (rising, inside).
    fn cut_at(&self, cuts: &[usize]) -> Vec<Chunk> {
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

    fn from_words(words: &[Run], line: u32) -> Chunk {
        let bold = words.iter().filter(|w| w.bold).count() * 2 > words.len();
        Chunk {
            x0: words.iter().map(|w| w.x0).fold(f64::INFINITY, f64::min),
            x1: words.iter().map(|w| w.x1).fold(f64::NEG_INFINITY, f64::max),
            y: words.iter().map(|w| w.y).sum::<f64>() / words.len() as f64,
            size: words.iter().map(|w| w.size).fold(0.0, f64::max),
            bold,
            words: words.iter().map(|w| (w.x0, w.x1, w.text.clone())).collect(),
            line,
        }
    }
}

/// The physical lines of a page: runs grouped by baseline, left to right.
fn physical_lines(page: &Page) -> Vec<(u32, Vec<Run>)> {
    let mut runs: Vec<&Run> = page
        .runs
        .iter()
        .filter(|r| !r.text.trim().is_empty())
        .collect();
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<Run>> = Vec::new();
    let mut base = f64::NEG_INFINITY;
    for r in runs {
        let tolerance = 0.35 * r.size.max(0.1);
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

/// Splits a line's words into phrases at gaps wider than the page allows,
/// and at vertical rules standing between two words.
fn chunks(page: &Page, line: u32, words: &[Run], walls: &[Wall]) -> Vec<Chunk> {
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
                    .any(|w| w.x > a.x1 - 0.5 && w.x < b.x0 + 0.5 && w.covers_y(a.y))
        };
        if split {
            out.push(Chunk::from_words(&words[start..i], line));
            start = i;
        }
    }
    out
}

/// A vertical rule, merged from the segments drawn at one x.
#[derive(Debug, Clone)]
struct Wall {
    x: f64,
    /// Covered y-intervals.
    spans: Vec<(f64, f64)>,
}

impl Wall {
    fn covers_y(&self, y: f64) -> bool {
        self.spans
            .iter()
            .any(|&(a, b)| y >= a - 1.0 && y <= b + 1.0)
    }
}

/// A horizontal rule, merged from the segments drawn at one y.
#[derive(Debug, Clone)]
struct Floor {
    y: f64,
    spans: Vec<(f64, f64)>,
}

impl Floor {
    fn covers_x(&self, x: f64) -> bool {
        self.spans
            .iter()
            .any(|&(a, b)| x >= a - 1.0 && x <= b + 1.0)
    }
}

/// Groups segments by their constant coordinate and merges their extents.
fn merge_segments(mut segs: Vec<(f64, f64, f64)>) -> Vec<(f64, Vec<(f64, f64)>)> {
    segs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    for (at, a, b) in segs {
        match groups.last_mut() {
            Some((g, spans)) if (at - *g).abs() <= 1.5 => spans.push((a, b)),
            _ => groups.push((at, vec![(a, b)])),
        }
    }
    for (_, spans) in &mut groups {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for &(a, b) in spans.iter() {
            match merged.last_mut() {
                Some(last) if a <= last.1 + 1.5 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        *spans = merged;
    }
    groups
}

fn walls_and_floors(page: &Page) -> (Vec<Wall>, Vec<Floor>) {
    let mut v = Vec::new();
    let mut h = Vec::new();
    for r in &page.rules {
        if r.is_horizontal() {
            h.push(((r.y0 + r.y1) / 2.0, r.x0.min(r.x1), r.x0.max(r.x1)));
        } else {
            v.push(((r.x0 + r.x1) / 2.0, r.y0.min(r.y1), r.y0.max(r.y1)));
        }
    }
    let walls = merge_segments(v)
        .into_iter()
        .map(|(x, spans)| Wall { x, spans })
        .collect();
    let floors = merge_segments(h)
        .into_iter()
        .map(|(y, spans)| Floor { y, spans })
        .collect();
    (walls, floors)
}

/// The lines of cells of one page, from its physical lines.
fn page_lines(
    page: &Page,
    phys: &[(u32, Vec<Run>)],
    schema: &Schema,
    known: &mut Option<Vec<f64>>,
) -> Vec<Line> {
    let (walls, floors) = walls_and_floors(page);
    let ruled = walls.len() >= 3 && floors.len() >= 2;
    let no_walls: &[Wall] = &[];
    let lines: Vec<Vec<Chunk>> = phys
        .iter()
        .map(|(n, words)| chunks(page, *n, words, if ruled { &walls } else { no_walls }))
        .collect();
    if ruled {
        ruled_lines(page, &lines, &walls, &floors)
    } else {
        unruled_lines(page, &lines, schema, known)
    }
}

fn raw_line(page: &Page, line: u32, cells: Vec<RawCell<'static>>) -> Line {
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
const SHORT_WORDS: &[&str] = &[
    "dan", "yang", "di", "ke", "dari", "per", "bagi", "atau", "oleh", "pada", "ini", "itu", "dgn",
    "dlm", "se", "tsb", "thd", "kab", "kota",
];

/// One line of a cell's text: the text, where it ends, how many words
/// it has, its font size.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    x1: f64,
    words: usize,
    size: f64,
}

/// Joins the lines of one cell's text with spaces, except where a line
/// was broken inside a token: a number (`5.274.429.` / `360`), or a word too
/// long for its column, whose first part fills the column to its edge
/// (`Perusaha` / `an`). `right` is the column's right content edge.
fn join_lines(parts: &[Piece], right: f64) -> String {
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
                || (caps(&q.text) && caps(next_word) && len <= 2);
            // The first part fills its line: what is left is narrower than
            // the next letter.
            let letter = match starts {
                Some('m' | 'w' | 'M' | 'W') => 0.9,
                Some(c) if c.is_uppercase() => 0.75,
                _ => 0.6,
            };
            // Indonesian words rarely pass sixteen letters
            // (`ketransmigrasian`): a longer joint is two words.
            let stem = q.text.rsplit(['/', '-']).next().unwrap_or(&q.text);
            let joint = stem.chars().count() + len;
            let word = q.words == 1
                && joint <= 16
                && q.x1 >= right - letter * q.size
                && q.text.chars().last().is_some_and(char::is_alphabetic)
                && remainder;
            if !(number || word) {
                out.push(' ');
            }
        }
        out.push_str(&p.text);
        prev = Some(p);
    }
    out
}

/// Text ending in a number that cannot end there: a trailing separator, or
/// a last group of fewer than three digits after a thousands dot
/// (`2.518.664.3`).
fn broken_number(text: &str) -> bool {
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

/// Ruled pages: every phrase belongs to the cell the rules draw around it.
fn ruled_lines(page: &Page, lines: &[Vec<Chunk>], walls: &[Wall], floors: &[Floor]) -> Vec<Line> {
    let xs: Vec<f64> = walls.iter().map(|w| w.x).collect();
    // cell key (top floor, left wall) → (right wall, chunks)
    let mut cells: Vec<((usize, usize), usize, Vec<&Chunk>)> = Vec::new();
    let mut loose: Vec<&Chunk> = Vec::new();
    for chunk in lines.iter().flatten() {
        let y = chunk.y - 0.3 * chunk.size;
        let left = walls
            .iter()
            .enumerate()
            .filter(|(_, w)| w.x <= chunk.x0 + 1.0 && w.covers_y(y))
            .max_by(|a, b| a.1.x.total_cmp(&b.1.x))
            .map(|(i, _)| i);
        let right = walls
            .iter()
            .enumerate()
            .filter(|(_, w)| w.x >= chunk.x1 - 1.0 && w.covers_y(y))
            .min_by(|a, b| a.1.x.total_cmp(&b.1.x))
            .map(|(i, _)| i);
        let cx = chunk.center();
        let top = floors
            .iter()
            .enumerate()
            .filter(|(_, f)| f.y <= y && f.covers_x(cx))
            .max_by(|a, b| a.1.y.total_cmp(&b.1.y))
            .map(|(i, _)| i);
        let bottom = floors
            .iter()
            .any(|f| f.y >= chunk.y - 0.1 * chunk.size && f.covers_x(cx));
        match (left, right, top) {
            (Some(l), Some(r), Some(t)) if r > l && bottom => {
                match cells.iter_mut().find(|c| c.0 == (t, l)) {
                    Some(c) => {
                        c.1 = c.1.max(r);
                        c.2.push(chunk);
                    }
                    None => cells.push(((t, l), r, vec![chunk])),
                }
            }
            _ => loose.push(chunk),
        }
    }
    // Each column's right content edge: the furthest any phrase reaches
    // in the cells that end at the same wall.
    let mut right_edge: Vec<f64> = vec![f64::NEG_INFINITY; walls.len()];
    for (_, r, parts) in &cells {
        for p in parts {
            right_edge[*r] = right_edge[*r].max(p.x1);
        }
    }
    // Where the cells' padding is known from right-aligned numbers, a
    // column's content ends that far inside its wall.
    let mut pads: Vec<f64> = cells
        .iter()
        .flat_map(|(_, r, parts)| parts.iter().map(move |p| (r, p)))
        .filter(|(_, p)| p.words.len() == 1 && looks_numeric(&p.words[0].2))
        .map(|(r, p)| walls[*r].x - p.x1)
        .filter(|d| *d >= 0.0)
        .collect();
    pads.sort_by(f64::total_cmp);
    if let Some(&pad) = pads.get(pads.len() / 10) {
        for (edge, wall) in right_edge.iter_mut().zip(walls) {
            *edge = edge.max(wall.x - pad);
        }
    }
    // (top, line, inside the rules)
    let mut out: Vec<(f64, Line, bool)> = Vec::new();
    // One line per row of the rules' grid: the cells whose top is that floor.
    let mut tops: Vec<usize> = cells.iter().map(|c| c.0 .0).collect();
    tops.sort_unstable();
    tops.dedup();
    for t in tops {
        let mut row: Vec<&((usize, usize), usize, Vec<&Chunk>)> =
            cells.iter().filter(|c| c.0 .0 == t).collect();
        row.sort_by_key(|c| c.0 .1);
        let mut raw = Vec::new();
        let mut first_line = u32::MAX;
        let mut y = f64::INFINITY;
        for ((_, l), r, parts) in row {
            let col = leaf_index(&xs, xs[*l]);
            let end = leaf_index(&xs, xs[*r]);
            let mut parts = parts.clone();
            parts.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            first_line = first_line.min(parts[0].line);
            y = y.min(parts[0].y);
            raw.push(cell_of(
                &parts,
                col,
                end.saturating_sub(col),
                right_edge[*r],
            ));
        }
        out.push((y, raw_line(page, first_line, raw), true));
    }
    // Text outside the rules (titles, page numbers, notes): a line each.
    let mut by_line: Vec<(u32, Vec<&Chunk>)> = Vec::new();
    for c in loose {
        match by_line.iter_mut().find(|(l, _)| *l == c.line) {
            Some((_, v)) => v.push(c),
            None => by_line.push((c.line, vec![c])),
        }
    }
    for (line, mut parts) in by_line {
        parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let y = parts[0].y;
        let cells = parts
            .iter()
            .map(|c| {
                let col = leaf_index(&xs, c.x0);
                cell_of(&[c], col, 0, f64::INFINITY)
            })
            .collect();
        out.push((y, raw_line(page, line, cells), false));
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Text below the grid (a signature, a note) is set apart from its last
    // row by a blank line, as a text would set it.
    let below = out
        .iter()
        .rposition(|(_, _, inside)| *inside)
        .map(|last| last + 1)
        .filter(|&first| first < out.len());
    let mut lines: Vec<Line> = out.into_iter().map(|(_, l, _)| l).collect();
    if let Some(first) = below {
        let blank = blank_line(page, lines[first - 1].line);
        lines.insert(first, blank);
    }
    lines
}

/// A line with no cells: a gap between what stands above and below it.
fn blank_line(page: &Page, line: u32) -> Line {
    Line {
        page: page.number,
        line,
        width: 0,
        cells: Vec::new(),
    }
}

/// The leaf column a position falls in, given the sorted column edges.
fn leaf_index(edges: &[f64], x: f64) -> u32 {
    let i = edges
        .iter()
        .filter(|&&e| e <= x + 1.0)
        .count()
        .saturating_sub(1);
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// One cell from its phrases, top to bottom; `right` is the column's right
/// content edge.
fn cell_of(parts: &[&Chunk], col: u32, span: u32, right: f64) -> RawCell<'static> {
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

/// Unruled pages: columns from the column-number row and the gaps down the
/// data lines; header labels restacked and spanned; data lines grouped
/// into rows.
fn unruled_lines(
    page: &Page,
    lines: &[Vec<Chunk>],
    schema: &Schema,
    known: &mut Option<Vec<f64>>,
) -> Vec<Line> {
    let mut edges = column_edges(lines, page.word_gap < 1.0);
    // First pass: a line of cells per physical line, to find the header bands.
    let first: Vec<Line> = lines
        .iter()
        .map(|chunks| {
            let cells = chunks
                .iter()
                .map(|c| cell_of(&[c], leaf_index(&edges, c.center()), 0, f64::INFINITY))
                .collect();
            raw_line(page, chunks.first().map_or(0, |c| c.line), cells)
        })
        .collect();
    let views: Vec<RawLine> = first.iter().map(Line::view).collect();
    let mut bands = find_bands(&views, schema);
    grow_bands(lines, &mut bands);
    // A title standing right above the band on its own line (a spanning
    // first header row) belongs to it.
    let gap_ok = |a: usize, b: usize| {
        let ya = lines[a].first().map_or(0.0, |c| c.y);
        let yb = lines[b].first().map_or(0.0, |c| c.y);
        let size = lines[b].first().map_or(1.0, |c| c.size);
        let above = lines[a].first().map_or(1.0, |c| c.size);
        // Close above, in the header's own type size (not a page heading).
        yb - ya <= 2.5 * size && above <= 1.3 * size && size <= 1.3 * above
    };
    for band in &mut bands {
        if band.start > 0 {
            let above = &first[band.start - 1];
            let single = above.cells.len() == 1
                && above.cells[0].text.chars().any(char::is_alphabetic)
                && matches!(number::parse(&above.cells[0].text), Parsed::NotNumber(_));
            if single && gap_ok(band.start - 1, band.start) {
                band.start -= 1;
            }
        }
    }
    merge_bands(&mut bands);
    // A page with a header band sets the columns; a page without one (the
    // header printed on the first page only) keeps them.
    if bands.is_empty() {
        if let Some(k) = known.as_ref() {
            edges = k.clone();
        }
    } else {
        *known = Some(edges.clone());
    }
    let body_from = bands.first().map_or(0, |b| b.end);
    let pitch = line_pitch(&lines[body_from.min(lines.len())..]);
    let mut out = Vec::new();
    let mut i = 0;
    // A page without a header band (a table whose header is printed only on
    // its first page) is read as data from its first line holding a number.
    let table_from = if bands.is_empty() {
        lines
            .iter()
            .position(|l| row_like(l))
            .unwrap_or(lines.len())
    } else {
        lines.len()
    };
    let mut in_table = false;
    while i < lines.len() {
        if i == table_from {
            in_table = true;
        }
        if let Some(band) = bands.iter().find(|b| b.start == i) {
            out.extend(band_lines(
                page,
                &lines[band.start..band.end],
                &edges,
                schema,
            ));
            i = band.end;
            in_table = true;
            continue;
        }
        if !in_table {
            out.push(first[i].clone());
            i += 1;
            continue;
        }
        let next_band = bands
            .iter()
            .map(|b| b.start)
            .find(|&s| s > i)
            .unwrap_or(lines.len());
        let rows_end = if next_band == lines.len() {
            text_below(&lines[i..], pitch).map_or(next_band, |k| i + k)
        } else {
            next_band
        };
        out.extend(group_rows(page, &lines[i..rows_end], &edges, pitch));
        if rows_end < next_band {
            // Text below the table, set apart by a blank line, a line each.
            out.push(blank_line(page, first[rows_end - 1].line));
            out.extend(first[rows_end..next_band].iter().cloned());
        }
        i = next_band;
    }
    out
}

/// Where the text below an unruled table starts among the last data lines
/// of a page: after the last gap wider than [`GAP_BELOW`] line pitches,
/// past which no line holds numbers in two phrases (a row does).
fn text_below(lines: &[Vec<Chunk>], pitch: f64) -> Option<usize> {
    let top = |l: &[Chunk]| l.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
    let last_row = lines.iter().rposition(|l| row_like(l))?;
    (last_row + 1..lines.len()).find(|&k| top(&lines[k]) - top(&lines[k - 1]) > GAP_BELOW * pitch)
}

/// Numbers stand in two phrases of the line or more: a row of a table.
fn row_like(line: &[Chunk]) -> bool {
    line.iter()
        .filter(|c| c.words.iter().any(|w| looks_numeric(&w.2)))
        .nth(1)
        .is_some()
}

/// A vertical gap this many line pitches wide ends an unruled table.
const GAP_BELOW: f64 = 2.5;

/// Completes the header bands of an unruled page, whose labels wrap into
/// many short lines that alone do not read as header lines: a band (or a
/// line of quarter numerals or column numbers outside any band) grows up
/// over the lines of words without numbers that stand close above it, in
/// the same type size.
fn grow_bands(lines: &[Vec<Chunk>], bands: &mut Vec<Band>) {
    let words = |i: usize| lines[i].iter().flat_map(|c| c.words.iter());
    let structural = |i: usize| {
        let numerals = words(i)
            .filter(|w| quarter_numeral(&w.2).is_some() && !w.2.bytes().all(|b| b.is_ascii_digit()))
            .count();
        numerals >= 4 || number_row(&lines[i..=i]).is_some()
    };
    for i in 0..lines.len() {
        if structural(i) && !bands.iter().any(|b| b.start <= i && i < b.end) {
            bands.push(Band {
                start: i,
                end: i + 1,
                header: Default::default(),
            });
        }
    }
    bands.sort_by_key(|b| b.start);
    let textual = |i: usize| {
        words(i).all(|w| {
            quarter_numeral(&w.2).is_some_and(|_| !w.2.bytes().all(|b| b.is_ascii_digit()))
                || !w.2.bytes().any(|b| b.is_ascii_digit())
        })
    };
    let first = |i: usize| lines[i].first().map_or((0.0, 1.0), |c| (c.y, c.size));
    for k in 0..bands.len() {
        let floor = if k == 0 { 0 } else { bands[k - 1].end };
        // A column-number row right below belongs to the band.
        let end = bands[k].end;
        if end < lines.len() && number_row(&lines[end..=end]).is_some() {
            bands[k].end = end + 1;
        }
        while bands[k].start > floor {
            let above = bands[k].start - 1;
            let (ya, sa) = first(above);
            let (yb, sb) = first(bands[k].start);
            let close = yb - ya <= 2.2 * sb;
            let same_size = sa <= 1.3 * sb && sb <= 1.3 * sa;
            if !(textual(above) && close && same_size) {
                break;
            }
            bands[k].start = above;
        }
    }
    merge_bands(bands);
}

/// Bands that grew into each other are one.
fn merge_bands(bands: &mut Vec<Band>) {
    bands.sort_by_key(|b| b.start);
    let mut merged: Vec<Band> = Vec::new();
    for b in bands.drain(..) {
        match merged.last_mut() {
            Some(last) if b.start <= last.end => last.end = last.end.max(b.end),
            _ => merged.push(b),
        }
    }
    *bands = merged;
}

/// The usual distance between two lines of one cell: the smaller gaps
/// between consecutive lines.
fn line_pitch(lines: &[Vec<Chunk>]) -> f64 {
    let ys: Vec<f64> = lines
        .iter()
        .filter_map(|l| l.first().map(|c| c.y))
        .collect();
    let mut gaps: Vec<f64> = ys
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|g| *g > 0.0)
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 5).copied().unwrap_or(1.0)
}

fn is_integer_word(s: &str) -> Option<u32> {
    (s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// The centres of a column-number row's numbers (`1 2 3 … N`), if the
/// lines have one.
fn number_row(lines: &[Vec<Chunk>]) -> Option<Vec<f64>> {
    lines.iter().find_map(|chunks| {
        let words: Vec<&(f64, f64, String)> = chunks.iter().flat_map(|c| c.words.iter()).collect();
        if words.len() < 5 {
            return None;
        }
        let numbers: Vec<u32> = words
            .iter()
            .map(|w| is_integer_word(&w.2))
            .collect::<Option<Vec<u32>>>()?;
        let rising = numbers.first() == Some(&1) && numbers.windows(2).all(|p| p[1] == p[0] + 1);
        rising.then(|| words.iter().map(|w| (w.0 + w.1) / 2.0).collect())
    })
}

/// The x positions that separate the table's columns, left edge first.
/// `precise`: positions are true coordinates (a PDF), not character cells.
fn column_edges(lines: &[Vec<Chunk>], precise: bool) -> Vec<f64> {
    let all = lines.iter().flatten();
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| {
        (lo.min(c.x0), hi.max(c.x1))
    });
    if !(lo.is_finite() && hi.is_finite()) || hi <= lo {
        return vec![0.0];
    }
    let sizes: Vec<f64> = lines.iter().flatten().map(|c| c.size).collect();
    let size = median(&sizes).max(0.1);
    let bin = 0.1 * size;
    let bins = (((hi - lo) / bin).ceil() as usize + 1).min(200_000);
    // Coverage by the phrases of data lines: lines with two or more phrases
    // below the first line holding a number.
    let numbers = number_row(lines);
    let start = lines
        .iter()
        .position(|l| {
            l.iter()
                .any(|c| c.words.iter().any(|w| looks_numeric(&w.2)))
        })
        .unwrap_or(0);
    let mut count = vec![0u32; bins];
    let mut data_lines = 0u32;
    for l in &lines[start..] {
        if l.len() < 2 {
            continue;
        }
        data_lines += 1;
        // Words, not phrases: tight layouts leave one space between columns.
        for w in l.iter().flat_map(|c| c.words.iter()) {
            let a = ((w.0 - lo) / bin).floor().max(0.0) as usize;
            let b = (((w.1 - lo) / bin).ceil().max(0.0) as usize).min(bins - 1);
            for k in count.iter_mut().take(b + 1).skip(a) {
                *k += 1;
            }
        }
    }
    let threshold = data_lines / 25;
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
    let inner: Vec<(f64, f64)> = valleys
        .into_iter()
        .filter(|&(a, b)| a > lo + bin && b < hi - bin)
        .collect();
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

/// Column edges from a column-number row printed centred in its columns:
/// each centre lies halfway between its column's edges, so the left edge of
/// the table fixes every other edge. The left edge is the one whose edges
/// fall best into the gaps down the data; `None` when no choice fits well
/// (numbers not centred, layout text).
fn edges_from_centres(
    centres: &[f64],
    gaps: &[(f64, f64)],
    lo: f64,
    size: f64,
) -> Option<Vec<f64>> {
    let first = *centres.first()?;
    if centres.len() < 5 || gaps.len() < centres.len() / 2 {
        return None;
    }
    let step = 0.05 * size;
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
                            outside + 0.1 * (e - (a + b) / 2.0).abs()
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
    if miss > 0.3 * size * centres.len() as f64 {
        return None;
    }
    // The last edge closes the table; leaf lookups need only the left ones.
    edges.pop();
    Some(edges)
}

/// Column edges from a centred column-number row and the table's left
/// edge (its leftmost text, less a cell's padding): for pages with too few
/// data lines to show the gaps between columns.
fn from_left_edge(centres: &[f64], lo: f64, size: f64) -> Option<Vec<f64>> {
    if centres.len() < 5 {
        return None;
    }
    let mut edges = vec![lo - 0.3 * size];
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

fn median(xs: &[f64]) -> f64 {
    if xs.is_empty() {
        return 1.0;
    }
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn looks_numeric(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'%' | b'-'))
}

/// A header label on an unruled page: merged phrases and the columns it
/// covers.
#[derive(Debug, Clone)]
struct Label {
    chunk: Chunk,
    /// Where the label's first line stands.
    top: f64,
    /// Physical line index within the band.
    row: usize,
    text: String,
    /// Words on the label's last line.
    last_words: usize,
}

/// Splits a phrase of layout text made of two labels the schema knows
/// whole (`Program/ Kegiatan` `Pagu (Rp)`): one space apart, layout text
/// cannot tell them from one label.
fn split_at_names(c: Chunk, schema: &Schema) -> Vec<Chunk> {
    let n = c.words.len();
    if n < 2 {
        return vec![c];
    }
    let named = |words: &[(f64, f64, String)]| {
        let text: Vec<&str> = words.iter().map(|w| w.2.as_str()).collect();
        schema.names_exactly(&text.join(" "))
    };
    if named(&c.words) {
        return vec![c];
    }
    for cut in 1..n {
        let (head, tail) = c.words.split_at(cut);
        if named(head) && named(tail) {
            return c.cut_at(&[cut]);
        }
    }
    vec![c]
}

/// Splits a phrase of layout text where a column edge falls in the gap
/// between two of its words: layout text cannot tell a word space from a
/// narrow gap between columns.
fn split_at_edges(c: &Chunk, edges: &[f64]) -> Vec<Chunk> {
    let cuts: Vec<usize> = (1..c.words.len())
        .filter(|&i| {
            let (a, b) = (c.words[i - 1].1, c.words[i].0);
            // `(Rp)` and the like belong to the word before them.
            !c.words[i].2.starts_with('(') && edges.iter().any(|&e| e >= a - 0.5 && e <= b + 0.5)
        })
        .collect();
    c.cut_at(&cuts)
}

/// The header band of an unruled page, rebuilt as a band the header
/// builder reads like a ruled one: wrapped labels stacked back together;
/// group labels (those with labels or quarter numerals under them) first,
/// each at the first column of the run of columns it is centred over; then
/// every leaf label on one line at its column; then the numerals and the
/// column numbers as they stand.
fn band_lines(page: &Page, band: &[Vec<Chunk>], edges: &[f64], schema: &Schema) -> Vec<Line> {
    let structural = |t: &str| quarter_numeral(t).is_some() || is_integer_word(t).is_some();
    // Two fragments that together make a label the schema knows.
    let known = |a: &str, b: &str| schema.names_exactly(&format!("{a} {b}"));
    let mut labels: Vec<Label> = Vec::new();
    let mut fixed: Vec<(usize, Chunk)> = Vec::new();
    for (row, chunks) in band.iter().enumerate() {
        let pieces: Vec<Chunk> = if page.word_gap >= 1.0 {
            chunks
                .iter()
                .flat_map(|c| split_at_edges(c, edges))
                .flat_map(|c| split_at_names(c, schema))
                .collect()
        } else {
            chunks.clone()
        };
        for c in pieces {
            let text = c.text();
            if structural(&text) || c.words.iter().all(|w| structural(&w.2)) {
                fixed.push((row, c));
                continue;
            }
            // A label wrapped from the line above: centred or left-aligned on it.
            // Layout text may leave a blank line inside a wrapped label.
            let reach = if page.word_gap >= 1.0 { 2.5 } else { 1.7 };
            // Centred on it, or left-aligned with it where the two make a
            // label the schema knows (left-aligned labels of nested header
            // rows would otherwise stack into one).
            let host = labels.iter().rposition(|l| {
                let size = l.chunk.size.max(c.size);
                let near = l.row < row && c.y - l.chunk.y <= reach * size;
                let centred = (l.chunk.center() - c.center()).abs() <= 0.6 * size;
                let left = (l.chunk.x0 - c.x0).abs() <= 0.3 * size;
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
    let leaves = edges.len();
    let edge = |i: usize| -> f64 {
        if i < edges.len() {
            edges[i]
        } else {
            edges.last().copied().unwrap_or(0.0) + 1e6
        }
    };
    // A group has a label or a quarter numeral under it (under its text, or
    // in the column of its centre), or is one of the schema's groups.
    let is_group: Vec<bool> = labels
        .iter()
        .map(|l| {
            let (x0, x1) = (
                l.chunk.x0 - 0.5 * l.chunk.size,
                l.chunk.x1 + 0.5 * l.chunk.size,
            );
            let own = leaf_index(edges, l.chunk.center());
            let under = |c: &Chunk| {
                c.y > l.chunk.y + 0.3 * c.size
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
    let mut numerals: Vec<(f64, f64, u8)> = fixed
        .iter()
        .flat_map(|(_, c)| c.words.iter())
        .filter(|w| !w.2.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|w| quarter_numeral(&w.2).map(|q| (w.0, w.1, q)))
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
            let a = leaf_index(edges, runs[i].0 + 0.25 * c.size);
            let b = leaf_index(edges, runs[i].1 - 0.25 * c.size).max(a);
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
        if page.word_gap >= 1.0 {
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
        let a0 = leaf_index(edges, c.x0 + 0.25 * c.size) as usize;
        let b0 = (leaf_index(edges, c.x1 - 0.25 * c.size) as usize).max(a0);
        let centre = c.center();
        let tol = (0.5 * c.size).max(2.0);
        // A span may not reach a label on the group's own line, and the leaf
        // labels inside it sit lower than those just outside it (those span
        // more rows of the header, so their centres stand higher).
        let blocked = |a: usize, b: usize| {
            let (x0, x1) = (edge(a), edge(b + 1));
            let level = labels.iter().enumerate().any(|(j, o)| {
                j != k
                    && (o.top - l.top).abs() <= 0.5 * c.size.max(o.chunk.size)
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
                .any(|y| y <= outside + 0.3 * c.size);
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
        while k < groups.len() && (groups[k].0 - top).abs() <= 0.35 * page_size(band) {
            cells.push(groups[k].1.clone());
            k += 1;
        }
        let row = labels
            .iter()
            .find(|l| (l.top - top).abs() < 1e-9)
            .map_or(0, |l| l.row);
        out.push(raw_line(page, line_of(row), cells));
    }
    if !leaf_cells.is_empty() {
        leaf_cells.sort_by_key(|c| c.col);
        let row = labels.iter().map(|l| l.row).max().unwrap_or(0);
        out.push(raw_line(page, line_of(row), leaf_cells));
    }
    // Numerals and column numbers, line by line.
    let mut rows: Vec<usize> = fixed.iter().map(|(r, _)| *r).collect();
    rows.dedup();
    for r in rows {
        let mut cells: Vec<RawCell> = fixed
            .iter()
            .filter(|(row, _)| *row == r)
            .flat_map(|(_, c)| {
                c.words.iter().map(|w| RawCell {
                    col: leaf_index(edges, (w.0 + w.1) / 2.0),
                    text: w.2.clone().into(),
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

fn page_size(band: &[Vec<Chunk>]) -> f64 {
    let sizes: Vec<f64> = band.iter().flatten().map(|c| c.size).collect();
    median(&sizes)
}

/// The data lines of an unruled page grouped into rows.
fn group_rows(page: &Page, lines: &[Vec<Chunk>], edges: &[f64], pitch: f64) -> Vec<Line> {
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
    // Layout text places words only to the nearest character or two.
    let slack = if page.word_gap >= 1.0 { 2.0 } else { 0.0 };
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
        // off the cell it continues (layout text drifts).
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
            first.y - o.y <= 1.25 * pitch
                && links.iter().all(|l| *l != Link::Breaks)
                && links.contains(&Link::Continues)
        });
        if !continues {
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
fn place(pieces: &[Chunk], edges: &[f64], anchors: Option<&Anchors>) -> Vec<Option<u32>> {
    let (n, m) = (pieces.len(), edges.len());
    if n == 0 || n > m {
        return vec![None; n];
    }
    let edge = |i: usize| edges.get(i).copied().unwrap_or(f64::INFINITY);
    let cost = |p: &Chunk, l: usize| {
        // Where the page's own cells show how a column aligns, a number is
        // measured by its right end and text by its left.
        if let Some(a) = anchors {
            let numeric = p.words.iter().all(|w| looks_numeric(&w.2) || w.2 == "-");
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
struct Anchors {
    right: Vec<Option<f64>>,
    left: Vec<Option<f64>>,
}

impl Anchors {
    fn new(pieces: &[Vec<Chunk>], placed: &[Vec<Option<u32>>], columns: usize) -> Anchors {
        let mut rights: Vec<Vec<f64>> = vec![Vec::new(); columns];
        let mut lefts: Vec<Vec<f64>> = vec![Vec::new(); columns];
        for (line, at) in pieces.iter().zip(placed) {
            for (p, col) in line.iter().zip(at) {
                let Some(col) = col.map(|c| c as usize).filter(|&c| c < columns) else {
                    continue;
                };
                if p.words.iter().all(|w| looks_numeric(&w.2) || w.2 == "-") {
                    rights[col].push(p.x1);
                } else {
                    lefts[col].push(p.x0);
                }
            }
        }
        let mid = |v: &Vec<f64>| (v.len() >= 3).then(|| median(v));
        Anchors {
            right: rights.iter().map(mid).collect(),
            left: lefts.iter().map(mid).collect(),
        }
    }

    /// Splits a phrase that runs over a column boundary: a count ending
    /// where a column's numbers end, or a word starting exactly where a
    /// later column's text starts.
    fn split_count(&self, c: Chunk) -> Vec<Chunk> {
        let near = |a: Option<f64>, x: f64, by: f64| a.is_some_and(|a| (a - x).abs() <= by);
        let mut cuts = Vec::new();
        for i in 1..c.words.len() {
            let (prev, next) = (&c.words[i - 1], &c.words[i]);
            let count = i == 1
                && is_integer_word(&prev.2).is_some()
                && (0..self.right.len()).any(|k| {
                    near(self.right[k], prev.1, 1.5)
                        && !self.left.iter().any(|&l| near(l, prev.0, 1.0))
                        && (k + 1..self.left.len()).any(|j| near(self.left[j], next.0, 1.5))
                });
            let column_start = (0..self.left.len()).any(|k| {
                near(self.left[k], next.0, 1.0) && self.left[k].is_some_and(|x| x > c.x0 + 1.0)
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
fn split_data(c: &Chunk, edges: &[f64]) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut start = 0;
    let number = |w: &str| looks_numeric(w) || w == "-";
    for i in 1..=c.words.len() {
        let cut = i == c.words.len() || {
            let (a, b) = (&c.words[i - 1], &c.words[i]);
            // A number with separators never runs on into words.
            let decimal =
                looks_numeric(&a.2) && a.2.bytes().any(|x| matches!(x, b'.' | b',' | b'%'));
            // An item number stays with its name (`1 Pencegahan`), `(Rp)`
            // with the word before it.
            let item = i == start + 1
                && is_integer_word(&a.2).is_some()
                && b.2.chars().next().is_some_and(char::is_alphabetic);
            let keep = item || b.2.starts_with('(');
            (number(&a.2) && number(&b.2))
                || (decimal && b.2.chars().next().is_some_and(char::is_alphabetic))
                || (!keep && edges.iter().any(|&e| e >= a.1 - 0.5 && e <= b.0 + 0.5))
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
enum Link {
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
fn continues_cell(so_far: &str, next: &str) -> Link {
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
        // A line well short of the edge ends a word.
        assert_eq!(
            join_lines(&[piece("Perusaha", 40.0), piece("an", 10.0)], 60.0),
            "Perusaha an"
        );
    }

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

    #[test]
    fn ruled_cells_come_out_whole() {
        // Two columns ruled at x = 0, 50, 100; one row between y = 0 and 30.
        let mut page = Page::new(1, 200.0, 100.0);
        for x in [0.0, 50.0, 100.0] {
            page.rules.push(Rule::new(x, 0.0, x, 30.0));
        }
        for y in [0.0, 30.0] {
            page.rules.push(Rule::new(0.0, y, 100.0, y));
        }
        let word = |x0: f64, x1: f64, y: f64, t: &str| Run {
            x0,
            x1,
            y,
            size: 6.0,
            bold: false,
            text: t.into(),
        };
        page.runs = vec![
            word(2.0, 30.0, 10.0, "Program"),
            word(2.0, 20.0, 17.0, "Kerja"),
            word(60.0, 98.0, 10.0, "5.274.429."),
            word(85.0, 98.0, 17.0, "360"),
        ];
        let lines = page_lines(&page, &physical_lines(&page), &Schema::renaksi(), &mut None);
        assert_eq!(lines.len(), 1);
        let cells: Vec<(u32, &str)> = lines[0].cells.iter().map(|c| (c.col, &*c.text)).collect();
        assert_eq!(cells, vec![(0, "Program Kerja"), (1, "5.274.429.360")]);
    }
}
