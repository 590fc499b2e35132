//! Positioned text to lines of cells: the stage PDF pages and layout text
//! share.
//!
//! A geometric source gives, per page, words with their extents and
//! baselines ([`Run`]) and the ruling lines drawn on the page ([`Rule`]).
//! This stage finds the table's columns and rows in them and emits the same
//! [`RawLine`](crate::source::RawLine)s the text reader does, so header bands, realignment and values
//! work the same for every format.

mod furniture;
mod lines;
mod ruled;
mod unruled;

use crate::diag::Diagnostic;
use crate::schema::{Schema, Vocabulary};
use crate::source::RawDocument;
use crate::Options;
use furniture::set_apart_running_lines;
use lines::{chunks, physical_lines, Chunk, Line};
use ruled::{ruled_lines, walls_and_floors, Wall};
use std::cell::OnceCell;
use unruled::unruled_lines;

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

/// The widest gap between two words of one phrase on a PDF page, as a share
/// of the font size: wider than a word space (about 0.25 in proportional
/// fonts), narrower than the space between two columns' text.
const WORD_GAP: f64 = 0.45;

/// A word gap of this many type sizes or more is a whole character: the
/// page is layout text, whose positions are character columns and whose
/// lines are one size apart, not a PDF's points.
const LAYOUT_WORD_GAP: f64 = 1.0;

impl Page {
    /// An empty page.
    pub fn new(number: u32, width: f64, height: f64) -> Page {
        Page {
            number,
            width,
            height,
            word_gap: WORD_GAP,
            ..Page::default()
        }
    }

    /// Positions are character columns and line numbers (layout text).
    fn is_layout(&self) -> bool {
        self.word_gap >= LAYOUT_WORD_GAP
    }
}

/// Turns pages of positioned text into lines of cells, one block per
/// page.
///
/// Per page: words are gathered into lines by baseline and into phrases by
/// the gaps between them. The table's leaf columns come from vertical rules
/// where the page is ruled, otherwise from the header's leaf labels (and
/// its column-number row, where it has one) and the gaps that run down the
/// data lines. On a ruled page each phrase
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
    let words = Words::new(&options.schema);
    let apart = set_apart_running_lines(pages, &mut phys, &words, &mut furniture);
    doc.diagnostics.extend(furniture);
    for ((page, lines), apart) in pages.iter().zip(&phys).zip(apart) {
        if apart {
            // Perhaps the first line of a header band: set apart from the
            // page before by a blank line.
            doc.end_line(page.number, lines.first().map_or(0, |l| l.0), 0, 0);
        }
        for line in page_lines(page, lines, &words, &mut known) {
            doc.cells.extend(line.cells);
            doc.end_line(line.page, line.line, line.width, 0);
        }
    }
    doc
}

/// The schema, and its header vocabulary compiled once for the whole
/// document when a page first needs it (ruled pages never do).
pub(super) struct Words<'s> {
    pub(super) schema: &'s Schema,
    vocabulary: OnceCell<Vocabulary>,
}

impl<'s> Words<'s> {
    pub(super) fn new(schema: &'s Schema) -> Words<'s> {
        Words {
            schema,
            vocabulary: OnceCell::new(),
        }
    }

    pub(super) fn vocabulary(&self) -> &Vocabulary {
        self.vocabulary.get_or_init(|| Vocabulary::new(self.schema))
    }
}

/// A ruled page has this many vertical rules at least: two columns.
const MIN_WALLS: usize = 3;

/// A ruled page has this many horizontal rules at least: one row.
const MIN_FLOORS: usize = 2;

/// The lines of cells of one page, from its physical lines.
fn page_lines(
    page: &Page,
    phys: &[(u32, Vec<Run>)],
    words: &Words,
    known: &mut Option<Vec<f64>>,
) -> Vec<Line> {
    let (walls, floors) = walls_and_floors(page);
    let ruled = walls.len() >= MIN_WALLS && floors.len() >= MIN_FLOORS;
    let no_walls: &[Wall] = &[];
    let lines: Vec<Vec<Chunk>> = phys
        .iter()
        .map(|(n, words)| chunks(page, *n, words, if ruled { &walls } else { no_walls }))
        .collect();
    if ruled {
        ruled_lines(page, &lines, &walls, &floors)
    } else {
        unruled_lines(page, &lines, words, known)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let lines = page_lines(
            &page,
            &physical_lines(&page),
            &Words::new(&Schema::renaksi()),
            &mut None,
        );
        assert_eq!(lines.len(), 1);
        let cells: Vec<(u32, &str)> = lines[0].cells.iter().map(|c| (c.col, &*c.text)).collect();
        assert_eq!(cells, vec![(0, "Program Kerja"), (1, "5.274.429.360")]);
    }
}
