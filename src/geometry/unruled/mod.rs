//! Unruled pages: columns, header labels and rows from positions alone.

use super::lines::*;
use super::Words;
use super::{Page, LAYOUT_WORD_GAP};
use crate::band::find_bands_with;
use crate::band::Band;
use crate::number::{self, Parsed};
use crate::schema::{is_quarter_word, quarter_numeral};
use crate::source::RawLine;
use columns::*;
use header::*;
use rows::*;

mod columns;
mod header;
mod rows;

/// A title stands at most this many type sizes above a PDF band's first
/// line to belong to it: the line right above, not a page heading set
/// apart by space.
const TITLE_REACH: f64 = 2.5;

/// In layout text a title must stand on the line right above the band: a
/// blank line sets the document's title apart.
const TITLE_REACH_LAYOUT: f64 = 1.0;

/// Two lines whose type sizes differ by less than this factor are in the
/// same size: a header's lines, not a larger page heading above them.
const SAME_SIZE: f64 = 1.3;

/// A header line stands at most this many type sizes below the one above
/// it: the next line of a wrapped label, under two line pitches.
const BAND_REACH: f64 = 2.2;

/// A line writing this many quarter numerals is a header line (`I II III
/// IV`), whatever else stands on it.
const NUMERAL_LINE: usize = 4;

/// A title alone on its line has at least this many words
/// (`Rencana Aksi Tahun 2023`); a label naming a year has fewer
/// (`Target 2023`).
const TITLE_WORDS: usize = 3;

/// The line pitch is the gap between consecutive lines a fifth of the way
/// up from the smallest: the smaller gaps are between the lines of one
/// cell, and the very smallest may be lines that hardly differ in height.
const PITCH_RANK: usize = 5;

/// Unruled pages: columns from the header's leaves and the gaps down the
/// data lines (from a centred column-number row where the band has one);
/// header labels restacked and spanned; data lines grouped into rows.
pub(super) fn unruled_lines(
    page: &Page,
    lines: &[Vec<Chunk>],
    words: &Words,
    known: &mut Option<Vec<f64>>,
) -> Vec<Line> {
    let mut edges = column_edges(lines, page.word_gap < LAYOUT_WORD_GAP);
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
    let mut bands = find_bands_with(&views, words.vocabulary());
    grow_bands(lines, &mut bands);
    // A title standing right above the band on its own line (a spanning
    // first header row) belongs to it.
    let gap_ok = |a: usize, b: usize| {
        let ya = lines[a].first().map_or(0.0, |c| c.y);
        let yb = lines[b].first().map_or(0.0, |c| c.y);
        let size = lines[b].first().map_or(1.0, |c| c.size);
        let above = lines[a].first().map_or(1.0, |c| c.size);
        // Close above, in the header's own type size (not a page heading);
        // in layout text, where every size is one line, on the line right
        // above (a blank line sets the document's title apart).
        let reach = if page.is_layout() {
            TITLE_REACH_LAYOUT
        } else {
            TITLE_REACH
        };
        yb - ya <= reach * size && above <= SAME_SIZE * size && size <= SAME_SIZE * above
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
    if let Some(better) = edges_from_header(page, lines, &bands, &edges, words) {
        edges = better;
    }
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
                words,
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
        let grouped = group_rows(page, &lines[i..rows_end], &edges, pitch);
        out.extend(grouped);
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
pub(super) fn text_below(lines: &[Vec<Chunk>], pitch: f64) -> Option<usize> {
    let top = |l: &[Chunk]| l.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
    let last_row = lines.iter().rposition(|l| row_like(l))?;
    (last_row + 1..lines.len()).find(|&k| top(&lines[k]) - top(&lines[k - 1]) > GAP_BELOW * pitch)
}

/// Numbers stand in two phrases of the line or more: a row of a table.
pub(super) fn row_like(line: &[Chunk]) -> bool {
    line.iter()
        .filter(|c| c.words.iter().any(|w| looks_numeric(&w.text)))
        .nth(1)
        .is_some()
}

/// A vertical gap this many line pitches wide ends an unruled table.
pub(super) const GAP_BELOW: f64 = 2.5;

/// Completes the header bands of an unruled page, whose labels wrap into
/// many short lines that alone do not read as header lines: a band (or a
/// line of quarter numerals or column numbers outside any band) grows up
/// over the lines of words without numbers that stand close above it, in
/// the same type size.
pub(super) fn grow_bands(lines: &[Vec<Chunk>], bands: &mut Vec<Band>) {
    let words = |i: usize| lines[i].iter().flat_map(|c| c.words.iter());
    let structural =
        |i: usize| numerals(&lines[i]) >= NUMERAL_LINE || number_row(&lines[i..=i]).is_some();
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
    let written_numeral =
        |w: &str| quarter_numeral(w).is_some() && !w.bytes().all(|b| b.is_ascii_digit());
    // A year is part of a label (`TAHUN 2023`, `Target` / `2023`).
    let year = |w: &str| w.len() == 4 && number::year_in(w).is_some();
    let textual = |i: usize| {
        numerals(&lines[i]) >= NUMERAL_LINE
            || words(i).all(|w| {
                written_numeral(&w.text) || year(&w.text) || !number::has_digit(w.text.as_bytes())
            })
    };
    // What a narrow column wraps below the numerals: the rest of a numeral
    // (`TW-I` / `V`), the year of a label.
    let numeral_tail = |i: usize| {
        numerals(&lines[i]) >= NUMERAL_LINE
            || words(i).all(|w| {
                written_numeral(&w.text)
                    || year(&w.text)
                    || w.text.bytes().all(|b| matches!(b | 0x20, b'i' | b'v'))
            })
    };
    let first = |i: usize| lines[i].first().map_or((0.0, 1.0), |c| (c.y, c.size));
    let close = |a: usize, b: usize| {
        let ((ya, sa), (yb, sb)) = (first(a), first(b));
        let same_size = sa <= SAME_SIZE * sb && sb <= SAME_SIZE * sa;
        yb - ya <= BAND_REACH * sb && same_size
    };
    for k in 0..bands.len() {
        let floor = if k == 0 { 0 } else { bands[k - 1].end };
        let ceiling = bands.get(k + 1).map_or(lines.len(), |b| b.start);
        // A column-number row right below belongs to the band, and so do
        // the ends of labels wrapped below its last line.
        while bands[k].end < ceiling {
            let end = bands[k].end;
            let numbers = number_row(&lines[end..=end]).is_some();
            if !(numbers || (numeral_tail(end) && close(end - 1, end))) {
                break;
            }
            bands[k].end = end + 1;
        }
        // A title alone on its line (a phrase of some words naming a year)
        // is the band's own title row or the document's, which the caller
        // tells apart.
        let title = |i: usize| {
            lines[i].len() == 1
                && lines[i][0].words.len() >= TITLE_WORDS
                && number::year_in(&lines[i][0].text()).is_some()
        };
        while bands[k].start > floor {
            let above = bands[k].start - 1;
            if !(textual(above) && close(above, bands[k].start)) || title(above) {
                break;
            }
            bands[k].start = above;
        }
    }
    merge_bands(bands);
}

/// Bands that grew into each other are one.
pub(super) fn merge_bands(bands: &mut Vec<Band>) {
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
pub(super) fn line_pitch(lines: &[Vec<Chunk>]) -> f64 {
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
    gaps.get(gaps.len() / PITCH_RANK).copied().unwrap_or(1.0)
}

/// The most phrases a header band read for columns may hold: a plan's
/// header has a few dozen labels (the seed 60), a page of words set out as
/// one band is not a header.
const MAX_HEADER_PHRASES: usize = 2_000;

/// The columns the page's first header band and the data under it give
/// (see [`header_edges`]), where the band has no column-number row; the
/// gaps alone (`edges`) place the band's phrases meanwhile.
fn edges_from_header(
    page: &Page,
    lines: &[Vec<Chunk>],
    bands: &[Band],
    edges: &[f64],
    words: &Words,
) -> Option<Vec<f64>> {
    let band = bands.first()?;
    let head = &lines[band.start..band.end];
    // A band of more phrases than any plan's header is no header to read
    // columns from (each label is weighed against every other).
    let phrases: usize = head.iter().map(Vec::len).sum();
    if phrases > MAX_HEADER_PHRASES || number_row(head).is_some() {
        return None;
    }
    let (labels, fixed) = stack_labels(page, head, edges, words);
    let data_end = bands.get(1).map_or(lines.len(), |b| b.start);
    header_edges(&leaves(&labels, &fixed), lines, &lines[band.end..data_end])
}

/// How many quarter numerals a line writes as numerals (`II`, `TW 2`,
/// `Triwulan IV`; bare digits are numbers).
fn numerals(line: &[Chunk]) -> usize {
    let written = |t: &str| quarter_numeral(t).is_some() && !t.bytes().all(|b| b.is_ascii_digit());
    let mut count = 0;
    for c in line {
        let mut words = c.words.iter().peekable();
        while let Some(w) = words.next() {
            // A quarter word and the numeral after it are one (`TW 2`).
            if is_quarter_word(&w.text)
                && words
                    .peek()
                    .is_some_and(|n| quarter_numeral(&n.text).is_some())
            {
                words.next();
                count += 1;
            } else if written(&w.text) {
                count += 1;
            }
        }
    }
    count
}
