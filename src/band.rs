//! The header band: the multi-line header that opens the table and repeats on
//! every page.
//!
//! [`find_bands`] recognises bands by their content — header words, rows of
//! quarter numerals (`I II III IV`), the column-number row (`1 2 3 … 20`) —
//! never by line numbers. [`Header`] is a band rebuilt into one header of
//! column paths, one per leaf column, left to right
//! (`RENCANA AKSI … / ANGGARAN (Rp) / APBD / I`).
//!
//! Scanned-to-text converters place header labels loosely: a label stands
//! near the first column it spans, a rowspanning label may sit on any of its
//! rows, quarter numerals drift by a column or two, and a label may be split
//! (`Pagu` over `(Rp)`). The rebuild therefore relies on order and nesting
//! rather than exact positions: each label hangs under the nearest label
//! above it that starts at or before it; each run of quarter numerals hangs
//! under the label above it that it overlaps most, in order; a parenthesised
//! fragment joins the label it was split from.

use crate::number::{self, Parsed};
use crate::schema::{
    quarter_numeral, remember, Schema, TextMap, Vocabulary, WordHasher, WordMap, MEMO_LIMIT,
    MEMO_START,
};
use crate::source::{RawCell, RawLine};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::Arc;

/// One leaf column of a rebuilt header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderColumn {
    /// The labels from the top of the band down to the column's own label
    /// (shared between the columns and bands of a document that repeat them).
    pub path: Vec<Arc<str>>,
    /// The column position the source puts this column's cells at when
    /// they are where the header says.
    pub col: u32,
}

impl HeaderColumn {
    /// The path joined with ` / `.
    pub fn path_text(&self) -> String {
        self.path.join(" / ")
    }
}

/// A header band rebuilt into leaf columns.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Header {
    /// The leaf columns, left to right.
    pub columns: Vec<HeaderColumn>,
    /// How many columns the band's column-number row numbers, if it has one.
    pub numbered: Option<usize>,
}

/// A header band found among the lines of a source.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Index of the band's first line in the line list.
    pub start: usize,
    /// Index one past the band's last line.
    pub end: usize,
    /// The band rebuilt (shared by the bands that repeat it as written).
    pub header: Arc<Header>,
}

/// What a line of a band is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Header labels.
    Labels,
    /// Quarter numerals only.
    Quarters,
    /// The column-number row.
    Numbers,
    /// A lone header label (a wrapped or rowspanning label on a line of its
    /// own): part of a band only between two other band lines.
    Lone,
}

/// Blank lines that may stand between two lines of a band.
const MAX_BLANKS_INSIDE: usize = 2;

/// Finds every header band among `lines`.
pub fn find_bands(lines: &[RawLine], schema: &Schema) -> Vec<Band> {
    find_bands_with(lines, &Vocabulary::new(schema))
}

/// [`find_bands`] with the schema's vocabulary compiled once by the caller.
pub(crate) fn find_bands_with(lines: &[RawLine], vocabulary: &Vocabulary) -> Vec<Band> {
    let mut judge = Judge {
        vocabulary,
        memo: TextMap::with_capacity_and_hasher(MEMO_START, Default::default()),
        roman: Vec::new(),
    };
    let groups: RefCell<WordMap<bool>> = RefCell::new(WordMap::default());
    let mut shared = Labels(HashSet::with_capacity_and_hasher(
        MEMO_START,
        Default::default(),
    ));
    let kinds: Vec<Option<Kind>> = lines.iter().map(|l| classify(l, &mut judge)).collect();
    let mut bands: Vec<Band> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if kinds[i].is_none() {
            i += 1;
            continue;
        }
        // A band neither starts nor ends with a lone label.
        if kinds[i] == Some(Kind::Lone) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() {
            if kinds[i].is_some() {
                i += 1;
                continue;
            }
            // A blank line or two between band lines (a converter that
            // writes a blank line after every line) do not end the band.
            let blanks = lines[i..]
                .iter()
                .take(MAX_BLANKS_INSIDE + 1)
                .take_while(|l| l.is_blank())
                .count();
            if blanks > 0
                && blanks <= MAX_BLANKS_INSIDE
                && kinds.get(i + blanks).is_some_and(Option::is_some)
            {
                i += blanks;
                continue;
            }
            break;
        }
        while i > start + 1 && kinds[i - 1] == Some(Kind::Lone) {
            i -= 1;
            while i > start + 1 && lines[i - 1].is_blank() {
                i -= 1;
            }
        }
        let run = &kinds[start..i];
        let labels: usize = (start..i)
            .filter(|&j| kinds[j] == Some(Kind::Labels))
            .map(|j| header_like_count(&lines[j], &mut judge))
            .sum();
        let structured = run
            .iter()
            .any(|k| matches!(k, Some(Kind::Quarters | Kind::Numbers)));
        if labels >= 5 || (labels >= 3 && structured) {
            let rows: Vec<&RawLine> = lines[start..i].iter().filter(|l| !l.is_blank()).collect();
            // A band repeated as written is rebuilt once (boldness plays no
            // part in the rebuild).
            let same_cells = |a: &RawLine, b: &RawLine| {
                a.cells.len() == b.cells.len()
                    && a.cells
                        .iter()
                        .zip(b.cells)
                        .all(|(x, y)| x.col == y.col && x.span == y.span && x.text == y.text)
            };
            let band_lines = &lines[start..i];
            let same = |b: &Band| {
                b.end - b.start == band_lines.len()
                    && lines[b.start..b.end]
                        .iter()
                        .zip(band_lines)
                        .all(|(a, b)| same_cells(a, b))
            };
            let header = match bands.iter().find(|b| same(b)) {
                Some(b) => b.header.clone(),
                None => {
                    // Bands repeat their labels: each is judged once.
                    let is_group = |label: &str| {
                        if let Some(&known) = groups.borrow().get(label) {
                            return known;
                        }
                        let group = vocabulary.is_quarter_group(label);
                        remember(&mut groups.borrow_mut(), label.to_string(), group);
                        group
                    };
                    Arc::new(build_header_with(
                        &rows,
                        &is_group,
                        &mut shared,
                        Reading::FirstColumn,
                    ))
                }
            };
            bands.push(Band {
                start,
                end: i,
                header,
            });
        }
    }
    bands
}

/// The band of `rows` rebuilt in every [`Reading`] but the first (the one
/// [`find_bands`] gives) that reads it otherwise, in the order of
/// [`Reading::ALL`].
pub(crate) fn other_readings(rows: &[&RawLine], vocabulary: &Vocabulary) -> Vec<Header> {
    // The readings share their labels: each is judged once.
    let groups: RefCell<WordMap<bool>> = RefCell::new(WordMap::default());
    let is_group = |label: &str| {
        if let Some(&known) = groups.borrow().get(label) {
            return known;
        }
        let group = vocabulary.is_quarter_group(label);
        remember(&mut groups.borrow_mut(), label.to_string(), group);
        group
    };
    let mut shared = Labels::default();
    // One parse for every reading; a reading that hangs every label where
    // the first does gives the first's header, and is not built.
    let parsed = parse_band(rows);
    let parents = |nodes: &[Node]| nodes.iter().map(|n| n.parent).collect::<Vec<_>>();
    let first = parents(&label_nodes(&parsed, Reading::ALL[0]).0);
    Reading::ALL[1..]
        .iter()
        .filter_map(|&reading| {
            let nodes = label_nodes(&parsed, reading);
            (parents(&nodes.0) != first)
                .then(|| header_of(rows, &parsed, nodes, &is_group, &mut shared))
        })
        .collect()
}

fn header_like(text: &str, vocabulary: &Vocabulary) -> bool {
    text.len() <= 200 && text.split_whitespace().count() <= 8 && vocabulary.coverage(text) >= 0.5
}

/// Judges header labels, each distinct label once: bands repeat on every page.
struct Judge<'a> {
    vocabulary: &'a Vocabulary,
    memo: TextMap<'a, bool>,
    /// Working space of [`classify`].
    roman: Vec<bool>,
}

impl<'a> Judge<'a> {
    fn header_like(&mut self, text: &'a str) -> bool {
        if let Some(&known) = self.memo.get(text) {
            return known;
        }
        let like = header_like(text, self.vocabulary);
        remember(&mut self.memo, text, like);
        like
    }
}

fn header_like_count<'a>(line: &'a RawLine, judge: &mut Judge<'a>) -> usize {
    line.cells
        .iter()
        .filter(|c| judge.header_like(&c.text))
        .count()
}

fn classify<'a>(line: &'a RawLine, judge: &mut Judge<'a>) -> Option<Kind> {
    if line.cells.is_empty() {
        return None;
    }
    if is_number_row(line) {
        return Some(Kind::Numbers);
    }
    // Header rows hold no numbers: a data row is rejected at any number
    // that is not a quarter numeral (such a cell has a digit, so the line is
    // no quarter row either). Cells that start with a digit are looked at
    // first: that is where a data row's numbers mostly are.
    let digit_first = |c: &RawCell| c.text.as_bytes().first().is_some_and(u8::is_ascii_digit);
    let rejects = |c: &RawCell| {
        quarter_numeral(&c.text).is_none() && matches!(number::parse(&c.text), Parsed::Number(_))
    };
    if line.cells.iter().any(|c| digit_first(c) && rejects(c)) {
        return None;
    }
    // The other cells, each read once (those that start with a digit are
    // numerals, or not numbers, by now).
    let mut roman = std::mem::take(&mut judge.roman);
    roman.clear();
    let mut numerals = 0;
    let mut arabic = false;
    for c in line.cells {
        let numeral = quarter_numeral(&c.text).is_some();
        if numeral {
            numerals += 1;
            let digits = c.text.bytes().all(|b| b.is_ascii_digit());
            arabic |= digits;
            roman.push(!digits);
        } else if !digit_first(c) && matches!(number::parse(&c.text), Parsed::Number(_)) {
            judge.roman = roman;
            return None;
        } else {
            roman.push(false);
        }
    }
    let kind = classify_words(line, judge, &roman, numerals, arabic);
    judge.roman = roman;
    kind
}

/// [`classify`] for a line without numbers but quarter numerals; `roman`
/// tells which cells are numerals other than Arabic digits.
fn classify_words<'a>(
    line: &'a RawLine,
    judge: &mut Judge<'a>,
    roman: &[bool],
    numerals: usize,
    arabic: bool,
) -> Option<Kind> {
    let texts = || line.cells.iter().map(|c| &*c.text);
    if numerals == line.cells.len() && is_quarter_row(texts()) {
        return Some(Kind::Quarters);
    }
    // Numerals sharing their line with a wrapped piece of a label or two.
    if numerals >= 4 && line.cells.len() - numerals <= 2 {
        let mut others = texts().filter(|t| quarter_numeral(t).is_none());
        let short_words = others
            .all(|t| t.split_whitespace().count() <= 3 && !t.bytes().any(|b| b.is_ascii_digit()));
        if short_words && is_quarter_row(texts().filter(|t| quarter_numeral(t).is_some())) {
            return Some(Kind::Quarters);
        }
    }
    // Arabic quarter numerals outside a quarter row are numbers.
    if arabic {
        return None;
    }
    let mut header = 0;
    let mut other = 0;
    for (c, &roman) in line.cells.iter().zip(roman) {
        if roman {
            continue;
        }
        if judge.header_like(&c.text) {
            header += 1;
        } else {
            other += 1;
        }
    }
    // Labels the source knows to span several columns: a header row.
    if line.cells.iter().all(|c| c.span >= 2) {
        return Some(Kind::Labels);
    }
    // A single short label: a wrapped piece of a label, or a label centred
    // on a line of its own.
    let lone = line.cells.len() == 1
        && line.cells[0].text.split_whitespace().count() <= 3
        && !line.cells[0].text.bytes().any(|b| b.is_ascii_digit());
    if lone {
        return Some(Kind::Lone);
    }
    (header >= 2 && header >= other).then_some(Kind::Labels)
}

/// `1 2 3 … N` (or `(1) (2) …`): plain integers from 1, rising by one (a number or two may be
/// missing), at least five of them.
fn is_number_row(line: &RawLine) -> bool {
    if line.cells.len() < 5 {
        return false;
    }
    let mut prev = 0u32;
    let mut skipped = 0;
    for c in line.cells {
        let Some(n) = number::column_number(&c.text) else {
            return false;
        };
        if n <= prev {
            return false;
        }
        skipped += n - prev - 1;
        prev = n;
    }
    skipped <= 2 && number::column_number(&line.cells[0].text) == Some(1)
}

/// Quarter numerals forming at least one rising run; Arabic digits only when
/// they repeat in runs (`1 2 3 4 1 2 3 4`), since a data row can hold small
/// numbers.
fn is_quarter_row<'t>(cells: impl Iterator<Item = &'t str> + Clone) -> bool {
    let count = cells.clone().count();
    if count < 3 {
        return false;
    }
    let arabic = cells.clone().all(|t| t.bytes().all(|b| b.is_ascii_digit()));
    let runs = runs(cells.map(|t| quarter_numeral(t).unwrap_or(0)));
    if arabic {
        runs >= 2 && count >= 8
    } else {
        runs >= 1
    }
}

fn runs(numerals: impl Iterator<Item = u8>) -> usize {
    let mut n = 0;
    let mut prev = u8::MAX;
    for q in numerals {
        if q <= prev {
            n += 1;
        }
        prev = q;
    }
    n
}

/// A header label being placed in the tree.
#[derive(Debug, Clone)]
struct Node<'t> {
    row: usize,
    col: u32,
    /// Columns covered, where the source knows; 0 otherwise.
    span: u32,
    text: Cow<'t, str>,
    parent: Option<usize>,
    /// How many labels hang under this one.
    children: u32,
}

/// A label of a band: position, span, text and quarter numeral.
type LabelCell<'t> = (u32, u32, &'t str, Option<u8>);

/// Rebuilds a band (its lines, top to bottom) into leaf columns.
///
/// `is_group` tells which labels name a group of quarter columns (`APBD`,
/// `Rencana Aksi per Triwulan`): runs of quarter numerals hang under those
/// first, wherever they stand in the band; where there are fewer of them
/// than runs, under the labels just above the numerals.
pub fn build_header(rows: &[&RawLine], is_group: &dyn Fn(&str) -> bool) -> Header {
    build_header_with(rows, is_group, &mut Labels::default(), Reading::FirstColumn)
}

/// How a band's labels hang under the labels above them where the source
/// gives no spans (a label stands in the cell of its first column, and a
/// converter may set it a cell or two off). The positions alone cannot
/// always tell; the data under the band decides between the readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Under the nearest label above that starts at or before the label and
    /// stands over a label in its own first column: a group's first label
    /// stands in the group's first column, and a label with nothing under
    /// its first column reaches down past the rows beneath it (`Rencana
    /// Aksi` over the quarter numerals, spanning the row of `Program` and
    /// `Pagu`) and heads nothing on them.
    FirstColumn,
    /// Under the nearest label above that starts at or before it (a
    /// group's first label set a cell or two right of it: `APBD` right of
    /// `ANGGARAN (Rp)`).
    Nearest,
    /// As [`Reading::FirstColumn`], with a group's labels standing up to two
    /// cells left of it, and a label with no group above it under the label
    /// one or two cells to its right that heads nothing at its own position
    /// (a group label set right of the columns it names: `SUMBER DANA` over
    /// `APBD` drifted a cell right, `Pagu` left a leaf).
    DriftedRight,
}

impl Reading {
    /// Every reading, the first the one to take where the data cannot tell.
    pub(crate) const ALL: [Reading; 3] = [
        Reading::FirstColumn,
        Reading::Nearest,
        Reading::DriftedRight,
    ];
}

/// How far left of its group a group's first label may stand in
/// [`Reading::DriftedRight`], and how far right of a label its drifted
/// group may: converters set group labels one or two cells off.
const GROUP_DRIFT: u32 = 2;

/// The label a label of row `r` at `col` hangs under, in `reading`: the
/// nearest row above with a label that may head it.
fn parent_of(
    nodes: &[Node],
    row_nodes: &[Vec<usize>],
    label_rows: &[Vec<LabelCell>],
    (r, col): (usize, u32),
    reading: Reading,
) -> Option<usize> {
    // A label in the rows from under `n` down to `r` at `n`'s first column
    // (or, for a drifted group, up to two cells left of it).
    let reach = if reading == Reading::DriftedRight {
        GROUP_DRIFT
    } else {
        0
    };
    let heads_down_to = |n: usize| {
        let (start, span) = (nodes[n].col, nodes[n].span);
        span > 0
            || start == col
            || reading == Reading::Nearest
            || label_rows[nodes[n].row + 1..=r].iter().any(|row| {
                row.iter()
                    .any(|&(c, _, _, _)| c <= start && c + reach >= start)
            })
    };
    (0..r).rev().find_map(|above| {
        // Where the source knows spans, the label must cover this one.
        let left = row_nodes[above]
            .iter()
            .copied()
            .filter(|&n| nodes[n].col <= col)
            .max_by_key(|&n| nodes[n].col)
            .filter(|&n| nodes[n].span == 0 || nodes[n].col + nodes[n].span > col);
        if let Some(n) = left.filter(|&n| heads_down_to(n)) {
            return Some(n);
        }
        if reading != Reading::DriftedRight {
            return None;
        }
        row_nodes[above].iter().copied().find(|&n| {
            let start = nodes[n].col;
            nodes[n].span == 0
                && start > col
                && start <= col + GROUP_DRIFT
                && !label_rows[nodes[n].row + 1..=r]
                    .iter()
                    .any(|row| row.iter().any(|&(c, _, _, _)| c == start))
        })
    })
}

/// The labels of a document's header paths, each kept once: bands repeat
/// them on every page, and a path shares its upper labels with its siblings.
#[derive(Debug, Default)]
pub(crate) struct Labels(HashSet<Arc<str>, BuildHasherDefault<WordHasher>>);

impl Labels {
    /// The label `text`, shared. Past [`MEMO_LIMIT`] labels (a hostile
    /// document) new ones are no longer kept.
    fn get(&mut self, text: &str) -> Arc<str> {
        if let Some(known) = self.0.get(text) {
            return Arc::clone(known);
        }
        let label: Arc<str> = Arc::from(text);
        if self.0.len() < MEMO_LIMIT {
            self.0.insert(Arc::clone(&label));
        }
        label
    }
}

/// A band's rows read once, for every [`Reading`] of it: the column
/// numbers, the labels by row (numerals taken out), the quarter row and the
/// quarter numerals.
struct BandRows<'t> {
    numbered: Option<usize>,
    number_cols: Vec<u32>,
    label_rows: Vec<Vec<LabelCell<'t>>>,
    quarter_row: Option<usize>,
    numerals: Vec<(u32, u8)>,
}

fn parse_band<'t>(rows: &[&'t RawLine]) -> BandRows<'t> {
    // Column-number rows give the count; the others hold labels.
    let mut numbered = None;
    let mut number_cols: Vec<u32> = Vec::new();
    // Each label with its position, span and quarter numeral (read once).
    let mut label_rows: Vec<Vec<LabelCell>> = Vec::new();
    for line in rows {
        if is_number_row(line) {
            numbered = line
                .cells
                .last()
                .and_then(|c| number::column_number(&c.text))
                .map(|n| n as usize);
            number_cols = line.cells.iter().map(|c| c.col).collect();
            continue;
        }
        label_rows.push(
            line.cells
                .iter()
                .map(|c| (c.col, c.span, &*c.text, quarter_numeral(&c.text)))
                .collect(),
        );
    }
    // The quarter row: the row with the most numerals. Numerals elsewhere
    // are converter noise, but for a whole run (`I II III IV` in
    // neighbouring columns the quarter row leaves free: the quarterly
    // targets' numerals spanning two rows beside a money group's on the
    // lower one).
    let numeral_count =
        |row: &Vec<LabelCell>| row.iter().filter(|(_, _, _, q)| q.is_some()).count();
    let quarter_row = (0..label_rows.len())
        .filter(|&r| numeral_count(&label_rows[r]) >= 2)
        .max_by_key(|&r| (numeral_count(&label_rows[r]), r));
    let mut numerals: Vec<(u32, u8)> = Vec::new();
    for (r, row) in label_rows.iter().enumerate() {
        if Some(r) == quarter_row {
            numerals.extend(row.iter().filter_map(|&(col, _, _, q)| Some((col, q?))));
        }
    }
    for (r, row) in label_rows.iter_mut().enumerate() {
        let runs = if Some(r) == quarter_row {
            Vec::new()
        } else {
            whole_runs(row, &numerals)
        };
        numerals.extend(runs.iter().copied());
        // Numerals leave the labels: written ones always, digits on the
        // quarter row.
        let numeral_row = Some(r) == quarter_row;
        row.retain(|&(_, _, text, q)| {
            q.is_none() || !(numeral_row || text.chars().all(|c| !c.is_ascii_digit()))
        });
    }
    numerals.sort_by_key(|&(col, _)| col);

    BandRows {
        numbered,
        number_cols,
        label_rows,
        quarter_row,
        numerals,
    }
}

/// The band's labels as nodes, each hung under its parent as `reading`
/// reads the band, with the nodes of each row.
fn label_nodes<'t>(parsed: &BandRows<'t>, reading: Reading) -> (Vec<Node<'t>>, Vec<Vec<usize>>) {
    let BandRows {
        label_rows,
        numerals,
        ..
    } = parsed;
    // Every label, and a numeral for each quarter column.
    let labels: usize = label_rows.iter().map(Vec::len).sum();
    let mut nodes: Vec<Node> = Vec::with_capacity(labels + 4 * numerals.len().max(4));
    let mut row_nodes: Vec<Vec<usize>> = vec![Vec::new(); label_rows.len()];
    for (r, row) in label_rows.iter().enumerate() {
        for (col, span, text, _) in row {
            if text.starts_with('(') && text.ends_with(')') {
                if let Some(host) = fragment_host(&nodes, r, *col) {
                    let host = nodes[host].text.to_mut();
                    host.push(' ');
                    host.push_str(text);
                }
                continue;
            }
            let parent = parent_of(&nodes, &row_nodes, label_rows, (r, *col), reading);
            let id = nodes.len();
            nodes.push(Node {
                row: r,
                col: *col,
                span: *span,
                text: Cow::Borrowed(*text),
                parent,
                children: 0,
            });
            if let Some(p) = parent {
                nodes[p].children += 1;
            }
            row_nodes[r].push(id);
        }
    }
    (nodes, row_nodes)
}

/// [`build_header`] with the labels of the document's earlier bands.
pub(crate) fn build_header_with(
    rows: &[&RawLine],
    is_group: &dyn Fn(&str) -> bool,
    shared: &mut Labels,
    reading: Reading,
) -> Header {
    let parsed = parse_band(rows);
    let (nodes, row_nodes) = label_nodes(&parsed, reading);
    header_of(rows, &parsed, (nodes, row_nodes), is_group, shared)
}

/// The header a band's label nodes make: the quarter runs hung under their
/// groups, the leaves in order with their paths.
fn header_of(
    rows: &[&RawLine],
    parsed: &BandRows,
    (mut nodes, row_nodes): (Vec<Node>, Vec<Vec<usize>>),
    is_group: &dyn Fn(&str) -> bool,
    shared: &mut Labels,
) -> Header {
    let BandRows {
        numbered,
        number_cols,
        label_rows,
        quarter_row,
        numerals,
    } = parsed;
    let (numbered, quarter_row) = (*numbered, *quarter_row);
    // Quarter runs hang under the childless labels above them.
    let runs = split_runs(numerals);
    if runs.count() > 0 {
        let qr = quarter_row.unwrap_or(label_rows.len());
        let childless = |n: &&usize| nodes[**n].children == 0;
        let mut candidates: Vec<usize> = row_nodes[..qr.min(row_nodes.len())]
            .iter()
            .flatten()
            .filter(childless)
            .filter(|&&n| is_group(&nodes[n].text))
            .copied()
            .collect();
        candidates.sort_by_key(|&n| (nodes[n].col, nodes[n].row));
        if candidates.len() < runs.count() {
            // The labels just above the numerals, and those higher up with
            // nothing under their first column: they reach down to the
            // numerals (`Rencana Aksi` over `I`-`IV`, beside `Satuan`).
            let reaches = |n: &&usize| {
                let (row, col) = (nodes[**n].row, nodes[**n].col);
                row + 1 >= qr
                    || !label_rows[row + 1..qr.min(label_rows.len())]
                        .iter()
                        .any(|r| r.iter().any(|&(c, _, _, _)| c == col))
            };
            candidates = row_nodes[..qr.min(row_nodes.len())]
                .iter()
                .flatten()
                .filter(childless)
                .filter(reaches)
                .copied()
                .collect();
            candidates.sort_by_key(|&n| (nodes[n].col, nodes[n].row));
        }
        if candidates.len() < runs.count() {
            candidates = row_nodes[..qr.min(row_nodes.len())]
                .iter()
                .flatten()
                .filter(childless)
                .copied()
                .collect();
            candidates.sort_by_key(|&n| (nodes[n].col, nodes[n].row));
        }
        let owners = assign_runs(&runs, &candidates, &nodes);
        for (run, owner) in runs.iter().zip(owners) {
            for &(col, q) in run {
                nodes.push(Node {
                    row: qr,
                    col,
                    span: 1,
                    text: Cow::Borrowed(roman(q)),
                    parent: owner,
                    children: 0,
                });
                if let Some(p) = owner {
                    nodes[p].children += 1;
                }
            }
        }
    }

    // Leaves in order: depth first, siblings by position.
    let mut roots: Vec<usize> = (0..nodes.len())
        .filter(|&n| nodes[n].parent.is_none())
        .collect();
    roots.sort_by_key(|&n| (nodes[n].col, nodes[n].row));
    // Each node's children, siblings by position (ties in the order they
    // were made): `order[first[n]..first[n + 1]]`.
    let parents: Vec<Option<usize>> = nodes.iter().map(|n| n.parent).collect();
    let (order, first) = crate::tree::children_index(&parents, |n| (nodes[n].col, nodes[n].row));
    let mut leaves = Vec::with_capacity(nodes.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        if nodes[n].children == 0 {
            leaves.push(n);
            continue;
        }
        stack.extend(order[first[n]..first[n + 1]].iter().rev());
    }
    let base = rows
        .iter()
        .flat_map(|l| l.cells.first().map(|c| c.col))
        .min()
        .unwrap_or(0);
    let use_numbers = number_cols.len() == leaves.len();
    // Each node's label looked up once; paths share them.
    let node_labels: Vec<Arc<str>> = nodes.iter().map(|n| shared.get(&n.text)).collect();
    let columns = leaves
        .iter()
        .enumerate()
        .map(|(i, &leaf)| {
            let depth = std::iter::successors(Some(leaf), |&n| nodes[n].parent).count();
            let mut path = Vec::with_capacity(depth);
            let mut at = Some(leaf);
            while let Some(n) = at {
                path.push(Arc::clone(&node_labels[n]));
                at = nodes[n].parent;
            }
            path.reverse();
            let col = if use_numbers {
                number_cols[i]
            } else {
                base + u32::try_from(i).unwrap_or(u32::MAX)
            };
            HeaderColumn { path, col }
        })
        .collect();
    Header { columns, numbered }
}

/// The whole runs of numerals on a row other than the quarter row: the
/// quarters from `I` up in neighbouring columns, none of them taken by the
/// quarter row's numerals (`taken`).
fn whole_runs(row: &[LabelCell], taken: &[(u32, u8)]) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let mut run: Vec<(u32, u8)> = Vec::new();
    let numerals = row.iter().filter_map(|&(col, _, text, q)| {
        let written = !text.chars().any(|c| c.is_ascii_digit());
        q.filter(|_| written).map(|q| (col, q))
    });
    for (col, q) in numerals.chain(std::iter::once((u32::MAX, 0))) {
        let follows = run
            .last()
            .is_some_and(|&(c, p)| c.checked_add(1) == Some(col) && p + 1 == q);
        if !follows {
            let free = !run.iter().any(|&(c, _)| taken.iter().any(|&(t, _)| t == c));
            if run.len() >= 2 && free {
                out.append(&mut run);
            }
            run.clear();
            if q != 1 {
                continue;
            }
        }
        run.push((col, q));
    }
    out
}

/// The label a `(Rp)`-like fragment was split from: the nearest label above
/// and left of it (else right above it) that has no parenthesis of its own.
fn fragment_host(nodes: &[Node], row: usize, col: u32) -> Option<usize> {
    nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.row < row && n.col <= col && !n.text.contains('('))
        .max_by_key(|(_, n)| (n.col < col, n.col, n.row))
        .map(|(i, _)| i)
}

/// Splits numerals into rising runs (`I II III IV`), and completes each run
/// to the highest quarter any run reaches: a numeral the converter lost
/// (`II III IV`) is implied by its neighbours.
fn split_runs(numerals: &[(u32, u8)]) -> Runs {
    let top = usize::from(numerals.iter().map(|&(_, q)| q).max().unwrap_or(0));
    let mut all = Vec::new();
    let mut start = 0;
    while start < numerals.len() {
        let mut end = start + 1;
        while end < numerals.len() && numerals[end].1 > numerals[end - 1].1 {
            end += 1;
        }
        let run = &numerals[start..end];
        let from = all.len();
        for q in 1..=top as u8 {
            match run.iter().find(|&&(_, p)| p == q) {
                Some(&found) => all.push(found),
                None => {
                    // Stand the lost numeral next to its neighbour.
                    let col = match all[from..].last() {
                        Some(&(c, _)) => c.saturating_add(1),
                        None => run
                            .first()
                            .map_or(0, |&(c, p)| c.saturating_sub(u32::from(p - q))),
                    };
                    all.push((col, q));
                }
            }
        }
        start = end;
    }
    Runs { all, len: top }
}

/// Runs of quarter numerals, each completed to the same length, one after
/// another.
struct Runs {
    all: Vec<(u32, u8)>,
    /// The length of every run (the highest quarter).
    len: usize,
}

impl Runs {
    fn count(&self) -> usize {
        self.all.len().checked_div(self.len).unwrap_or(0)
    }

    fn iter(&self) -> impl Iterator<Item = &[(u32, u8)]> {
        self.all.chunks(self.len.max(1))
    }

    fn get(&self, i: usize) -> &[(u32, u8)] {
        &self.all[i * self.len..(i + 1) * self.len]
    }
}

/// Assigns runs to candidates in order, one candidate per run, maximising
/// how much each run's columns overlap its candidate's span.
fn assign_runs(runs: &Runs, candidates: &[usize], nodes: &[Node]) -> Vec<Option<usize>> {
    let (r, c) = (runs.count(), candidates.len());
    if c < r || c == 0 {
        // Not enough labels: hang the runs on what there is, in order.
        return (0..r).map(|i| candidates.get(i).copied()).collect();
    }
    let span = |k: usize| -> (i64, i64) {
        let start = i64::from(nodes[candidates[k]].col);
        let end = candidates
            .get(k + 1)
            .map_or(i64::MAX / 4, |&n| i64::from(nodes[n].col) - 1);
        (start, end.max(start))
    };
    let score = |i: usize, k: usize| -> f64 {
        let run = runs.get(i);
        let first = run.first().map_or(0, |&(c, _)| i64::from(c));
        let last = run.last().map_or(0, |&(c, _)| i64::from(c));
        let (s, e) = span(k);
        let overlap = (last.min(e) - first.max(s) + 1).max(0) as f64;
        // A run that does not reach its label at all is implausible.
        let fit = if overlap > 0.0 { overlap } else { -2.0 };
        fit - 0.01 * (first - s).abs() as f64
    };
    // best[i * w + k]: runs ..i placed on candidates ..k
    let neg = f64::NEG_INFINITY;
    let w = c + 1;
    let mut best = vec![neg; (r + 1) * w];
    best[..w].iter_mut().for_each(|v| *v = 0.0);
    for i in 1..=r {
        for k in i..=c {
            let skip = best[i * w + k - 1];
            let take = best[(i - 1) * w + k - 1] + score(i - 1, k - 1);
            best[i * w + k] = skip.max(take);
        }
    }
    let mut out = vec![None; r];
    let (mut i, mut k) = (r, c);
    while i > 0 && k > 0 {
        if k > i && best[i * w + k] == best[i * w + k - 1] {
            k -= 1;
        } else {
            out[i - 1] = Some(candidates[k - 1]);
            i -= 1;
            k -= 1;
        }
    }
    out
}

fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::RawCell;

    /// A line of tab-separated cells (kept for the rest of the test run:
    /// lines view cells that live elsewhere).
    fn line(spec: &str) -> RawLine<'_> {
        let cells: Vec<RawCell> = spec
            .split('\t')
            .enumerate()
            .filter(|(_, t)| !t.is_empty())
            .map(|(i, t)| RawCell {
                col: i as u32,
                text: t.into(),
                bold: false,
                span: 0,
            })
            .collect();
        RawLine {
            page: 1,
            line: 1,
            width: spec.split('\t').count() as u32,
            block: 0,
            cells: cells.leak(),
        }
    }

    /// A header line of labels with their columns and spans.
    fn spanned(cells: &[(&'static str, u32, u32)]) -> RawLine<'static> {
        let cells: Vec<RawCell> = cells
            .iter()
            .map(|&(t, col, span)| RawCell {
                col,
                text: t.into(),
                bold: false,
                span,
            })
            .collect();
        RawLine {
            page: 1,
            line: 1,
            width: cells.last().map_or(0, |c| c.col + c.span),
            block: 0,
            cells: cells.leak(),
        }
    }

    fn paths(h: &Header) -> Vec<String> {
        h.columns.iter().map(|c| c.path_text()).collect()
    }

    #[test]
    fn spanning_header_with_quarters() {
        let rows = [
            line("No\tNama\tTarget\t\t\t\tAnggaran\t\t\t\tKet"),
            line("\t\tI\tII\tIII\tIV\tI\tII\tIII\tIV"),
            line("1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11"),
        ];
        let refs: Vec<&RawLine> = rows.iter().collect();
        let h = build_header(&refs, &|_| false);
        assert_eq!(h.numbered, Some(11));
        assert_eq!(
            paths(&h),
            [
                "No",
                "Nama",
                "Target / I",
                "Target / II",
                "Target / III",
                "Target / IV",
                "Anggaran / I",
                "Anggaran / II",
                "Anggaran / III",
                "Anggaran / IV",
                "Ket"
            ]
        );
    }

    #[test]
    fn numerals_spanning_two_rows_beside_the_quarter_row() {
        // The quarterly targets' numerals stand a row higher (spanning
        // two rows) than the money group's, as an HTML header writes them.
        let a = spanned(&[
            ("No", 0, 1),
            ("Target Triwulan", 1, 4),
            ("Program", 5, 1),
            ("SUMBER DANA", 6, 9),
        ]);
        let b = spanned(&[
            ("I", 1, 1),
            ("II", 2, 1),
            ("III", 3, 1),
            ("IV", 4, 1),
            ("Jumlah", 6, 1),
            ("APBD", 7, 4),
            ("APBN", 11, 4),
        ]);
        let quarters = ["I", "II", "III", "IV"];
        let c = spanned(
            &(7..15)
                .map(|col| (quarters[(col - 7) % 4], col as u32, 1))
                .collect::<Vec<_>>(),
        );
        let h = build_header(&[&a, &b, &c], &|t| Schema::renaksi().is_quarter_group(t));
        let p = paths(&h);
        assert!(p.contains(&"Target Triwulan / II".to_string()), "{p:?}");
        assert!(p.contains(&"SUMBER DANA / APBN / IV".to_string()), "{p:?}");
        assert!(p.contains(&"SUMBER DANA / Jumlah".to_string()), "{p:?}");
        // A lone numeral elsewhere is noise, and so is a run whose columns
        // the quarter row holds.
        assert_eq!(
            whole_runs(&[(3, 1, "I", Some(1))], &[]),
            [] as [(u32, u8); 0]
        );
        assert_eq!(
            whole_runs(&[(3, 1, "I", Some(1)), (4, 1, "II", Some(2))], &[(4, 1)]),
            [] as [(u32, u8); 0]
        );
    }

    #[test]
    fn drifted_numerals_and_split_label() {
        // Numerals a column early; `Pagu` over `(Rp)` one column late.
        let rows = [
            line("No\tUraian\tPagu\tDana"),
            line("\t\t\t(Rp)\tAPBD\t\t\tAPBN"),
            line("\t\t\tI\tII\tIII\tI\tII\tIII"),
        ];
        let refs: Vec<&RawLine> = rows.iter().collect();
        let h = build_header(&refs, &|_| false);
        assert_eq!(
            paths(&h),
            [
                "No",
                "Uraian",
                "Pagu (Rp)",
                "Dana / APBD / I",
                "Dana / APBD / II",
                "Dana / APBD / III",
                "Dana / APBN / I",
                "Dana / APBN / II",
                "Dana / APBN / III"
            ]
        );
    }

    #[test]
    fn group_with_nothing_under_its_first_column_reaches_down() {
        let lines = [
            line("\t\tRencana Aksi"),
            line("No\tTarget\t\t\t\t\tProgram\tPagu"),
            line("\t\tI\tII\tIII\tIV"),
        ];
        let refs: Vec<&RawLine> = lines.iter().collect();
        let h = build_header(&refs, &|_| false);
        assert_eq!(
            paths(&h),
            [
                "No",
                "Target",
                "Rencana Aksi / I",
                "Rencana Aksi / II",
                "Rencana Aksi / III",
                "Rencana Aksi / IV",
                "Program",
                "Pagu"
            ]
        );
    }

    #[test]
    fn finds_bands_by_content() {
        let schema = Schema::renaksi();
        let lines = [
            line("RENCANA AKSI 2024"),
            line("No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\tPagu (Rp)\tPenanggung Jawab"),
            line("1\t2\t3\t4\t5\t6\t7"),
            line("1\tMeningkatnya sesuatu\tPersentase\t%\t90,00\t1.000.000\tKADIS"),
        ];
        let bands = find_bands(&lines, &schema);
        assert_eq!(bands.len(), 1);
        assert_eq!((bands[0].start, bands[0].end), (1, 3));
        assert_eq!(bands[0].header.columns.len(), 7);
    }

    /// A blank line or two between band lines (a converter writing a blank
    /// line after every line) do not split the band; more do.
    #[test]
    fn bands_span_blank_lines() {
        let schema = Schema::renaksi();
        let header =
            "No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\tPagu (Rp)\tPenanggung Jawab";
        let numbers = "1\t2\t3\t4\t5\t6\t7";
        for (blanks, band_end) in [(1, 3), (2, 4)] {
            let mut lines = vec![line(header)];
            lines.extend((0..blanks).map(|_| line("")));
            lines.push(line(numbers));
            lines.push(line(""));
            lines.push(line(
                "1\tMeningkatnya sesuatu\tPersentase\t%\t90,00\t1.000.000\tKADIS",
            ));
            let bands = find_bands(&lines, &schema);
            assert_eq!(bands.len(), 1, "{blanks} blank lines");
            assert_eq!((bands[0].start, bands[0].end), (0, band_end));
            assert_eq!(bands[0].header.numbered, Some(7));
        }
        let mut lines = vec![line(header)];
        lines.extend((0..3).map(|_| line("")));
        lines.push(line(numbers));
        let bands = find_bands(&lines, &schema);
        assert_eq!(bands.len(), 1);
        assert_eq!((bands[0].start, bands[0].end), (0, 1));
        assert_eq!(bands[0].header.numbered, None);
    }
}
