//! Space-aligned layout text, as `pdftotext -layout` prints a PDF.
//!
//! Every run of non-space characters is a word placed at its character
//! column, on its line; a form feed starts a new page. The words go through
//! the same geometry stage as a PDF's (one character is one unit, words one
//! space apart belong to one phrase), so columns, header spans and wrapped
//! rows are found the same way.

use super::{decode, Format, RawDocument, Source};
use crate::geometry::{self, Page, Run};
use crate::Options;

/// The layout text reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayoutSource;

impl Source for LayoutSource {
    const FORMAT: Format = Format::Layout;

    fn read(bytes: &[u8], options: &Options) -> crate::error::Result<RawDocument> {
        let mut diagnostics = Vec::new();
        let text = decode(bytes, None, &mut diagnostics);
        let pages = pages(&text, options);
        Ok(geometry::raw_document(&pages, diagnostics, options))
    }
}

/// The pages of a layout text as positioned words.
pub fn pages(text: &str, options: &Options) -> Vec<Page> {
    let mut pages = vec![new_page(1)];
    for (i, raw) in text.split('\n').enumerate() {
        let line_no = (i + 1) as f64;
        let mut rest = raw.strip_suffix('\r').unwrap_or(raw);
        loop {
            let (head, tail) = match rest.find('\x0c') {
                Some(ff) => (&rest[..ff], Some(&rest[ff + 1..])),
                None => (rest, None),
            };
            if let Some(page) = pages.last_mut() {
                words(head, line_no, options, page);
            }
            match tail {
                Some(t) => {
                    let n = u32::try_from(pages.len() + 1).unwrap_or(u32::MAX);
                    pages.push(new_page(n));
                    rest = t;
                }
                None => break,
            }
        }
    }
    pages.retain(|p| !p.runs.is_empty());
    pages
}

fn new_page(number: u32) -> Page {
    Page {
        word_gap: 1.0,
        numbered_lines: true,
        ..Page::new(number, 0.0, 0.0)
    }
}

/// The words of one line at their character columns (tabs to the next
/// multiple of eight).
fn words(line: &str, y: f64, options: &Options, page: &mut Page) {
    let mut col = 0usize;
    let mut word = String::new();
    let mut start = 0usize;
    let mut count = 0usize;
    for ch in line.chars() {
        if ch.is_whitespace() {
            if !word.is_empty() {
                push(page, start, col, y, &mut word, &mut count, options);
            }
            col = if ch == '\t' {
                (col / 8 + 1) * 8
            } else {
                col + 1
            };
            continue;
        }
        if word.is_empty() {
            start = col;
        }
        word.push(ch);
        col += 1;
    }
    if !word.is_empty() {
        push(page, start, col, y, &mut word, &mut count, options);
    }
    page.width = page.width.max(col as f64);
    page.height = page.height.max(y);
}

fn push(
    page: &mut Page,
    start: usize,
    end: usize,
    y: f64,
    word: &mut String,
    count: &mut usize,
    options: &Options,
) {
    *count += 1;
    if *count > options.max_cells_per_line {
        word.clear();
        return;
    }
    page.runs.push(Run {
        x0: start as f64,
        x1: end as f64,
        y,
        size: 1.0,
        bold: false,
        text: std::mem::take(word),
    });
}
