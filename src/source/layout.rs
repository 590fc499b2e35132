//! Space-aligned layout text, as `pdftotext -layout` prints a PDF.
//!
//! Every run of non-space characters is a word placed at its character
//! column, on its line; a form feed starts a new page. The words go through
//! the same geometry stage as a PDF's (one character is one unit, words one
//! space apart belong to one phrase), so columns, header spans and wrapped
//! rows are found the same way.

use super::{decode, Format, RawDocument, Source};
use crate::diag::Diagnostic;
use crate::geometry::{self, Page, Run};
use crate::Options;

/// The layout text reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct LayoutSource;

impl Source for LayoutSource {
    const FORMAT: Format = Format::Layout;

    fn read<'a>(bytes: &'a [u8], options: &Options) -> crate::error::Result<RawDocument<'a>> {
        let mut diagnostics = Vec::new();
        let text = decode(bytes, None, &mut diagnostics);
        let pages = pages(&text, options, &mut diagnostics);
        Ok(geometry::raw_document(&pages, diagnostics, options))
    }
}

/// The pages of a layout text as positioned words; a line with more words
/// than [`Options::max_cells_per_line`] is cut there, with a diagnostic.
pub fn pages(text: &str, options: &Options, diagnostics: &mut Vec<Diagnostic>) -> Vec<Page> {
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
                let dropped = words(head, line_no, options, page);
                if !dropped.is_empty() {
                    diagnostics.push(super::truncated(
                        page.number,
                        u32::try_from(i + 1).unwrap_or(u32::MAX),
                        options.max_cells_per_line,
                        "words",
                        &dropped,
                    ));
                }
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
/// multiple of eight); the words past the limit are returned, not placed.
fn words(line: &str, y: f64, options: &Options, page: &mut Page) -> Vec<String> {
    let mut col = 0usize;
    let mut word = String::new();
    let mut start = 0usize;
    let mut placed = 0usize;
    let mut dropped = Vec::new();
    let mut push = |start: usize, end: usize, word: &mut String, page: &mut Page| {
        let text = std::mem::take(word);
        if placed >= options.max_cells_per_line {
            dropped.push(text);
            return;
        }
        placed += 1;
        page.runs.push(Run {
            x0: start as f64,
            x1: end as f64,
            y,
            size: 1.0,
            bold: false,
            text,
        });
    };
    for ch in line.chars() {
        if ch.is_whitespace() {
            if !word.is_empty() {
                push(start, col, &mut word, page);
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
        push(start, col, &mut word, page);
    }
    page.width = page.width.max(col as f64);
    page.height = page.height.max(y);
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn words_at_their_columns_and_the_limit() {
        let options = Options::default().max_cells_per_line(3);
        let mut diags = Vec::new();
        let pages = pages("a  bb\tc\x0cd e f g h\n", &options, &mut diags);
        assert_eq!(pages.len(), 2);
        let first: Vec<(f64, &str)> = pages[0]
            .runs
            .iter()
            .map(|r| (r.x0, r.text.as_str()))
            .collect();
        assert_eq!(first, vec![(0.0, "a"), (3.0, "bb"), (8.0, "c")]);
        assert_eq!(pages[1].runs.len(), 3);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, Code::LineTruncated);
        assert_eq!(diags[0].text.as_deref(), Some("g | h"));
    }
}
