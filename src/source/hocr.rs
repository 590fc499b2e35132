//! hOCR: OCR output (Tesseract and others) as HTML with a bounding box on
//! every word.
//!
//! Each `ocr_page` is a page; each `ocrx_word` a positioned word whose
//! baseline is the bottom of its line's box (`ocr_line`, `ocrx_line`), so the
//! words of one printed line share it whatever their letters. Words set in
//! `<strong>` or `<b>` are bold. Rules of a table read as characters (`|`,
//! `]`, `}`) are stripped from the words' ends. The words go through the same
//! geometry stage as a PDF's.

use super::{decode, Format, RawDocument, Source};
use crate::diag::{Code, Diagnostic, Severity};
use crate::error::{Error, ErrorKind, Result};
use crate::geometry::{self, Page, Run};
use crate::Options;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// The hOCR reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct HocrSource;

/// The most words read from one page.
const MAX_WORDS_PER_PAGE: usize = 500_000;

impl Source for HocrSource {
    const FORMAT: Format = Format::Hocr;

    fn read<'a>(bytes: &'a [u8], options: &Options) -> Result<RawDocument<'a>> {
        let mut diagnostics = Vec::new();
        let text = decode(bytes, None, &mut diagnostics);
        let pages = pages(&text, &mut diagnostics);
        if pages.iter().all(|p| p.runs.is_empty()) {
            return Err(Error::new(ErrorKind::NoText(
                "the hOCR holds no words with bounding boxes".into(),
            )));
        }
        Ok(geometry::raw_document(&pages, diagnostics, options))
    }
}

/// The `bbox x0 y0 x1 y1` of an element's `title`.
fn bbox(title: &str) -> Option<[f64; 4]> {
    let part = title
        .split(';')
        .find_map(|p| p.trim().strip_prefix("bbox "))?;
    let v: Vec<f64> = part
        .split_whitespace()
        .filter_map(|n| n.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .collect();
    (v.len() == 4 && v[2] >= v[0] && v[3] >= v[1]).then(|| [v[0], v[1], v[2], v[3]])
}

/// A page of OCR words: boxes are tight and sized by their own height, so
/// the words of one phrase may stand wider apart than a PDF's.
fn ocr_page(number: u32, width: f64, height: f64) -> Page {
    Page {
        word_gap: 0.6,
        ..Page::new(number, width, height)
    }
}

fn has_class(el: &scraper::node::Element, class: &str) -> bool {
    el.classes().any(|c| c == class)
}

/// The pages of an hOCR document as positioned words.
pub fn pages(text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Page> {
    let html = Html::parse_document(text);
    let mut pages: Vec<Page> = Vec::new();
    // The bottom of the line being read, and how many bold elements are open.
    let mut line_bottom: Option<f64> = None;
    let mut line_stack: Vec<ego_tree::NodeId> = Vec::new();
    let mut bold: Vec<ego_tree::NodeId> = Vec::new();
    let mut truncated = false;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => {
                let Node::Element(el) = node.value() else {
                    continue;
                };
                let title = el.attr("title").unwrap_or("");
                if has_class(el, "ocr_page") {
                    let number = u32::try_from(pages.len() + 1).unwrap_or(u32::MAX);
                    let b = bbox(title).unwrap_or([0.0, 0.0, 0.0, 0.0]);
                    pages.push(ocr_page(number, b[2] - b[0], b[3] - b[1]));
                } else if has_class(el, "ocr_line") || has_class(el, "ocrx_line") {
                    line_bottom = bbox(title).map(|b| b[3]);
                    line_stack.push(node.id());
                } else if matches!(el.name(), "strong" | "b") {
                    bold.push(node.id());
                } else if has_class(el, "ocrx_word") {
                    let Some(b) = bbox(title) else { continue };
                    let word: String = node
                        .descendants()
                        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
                        .collect::<String>()
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    // Table rules read as characters stick to the words beside them.
                    let word = word
                        .trim_matches(|c: char| matches!(c, '|' | '[' | ']' | '{' | '}' | '¦'))
                        .trim()
                        .to_string();
                    if word.is_empty() {
                        continue;
                    }
                    let strong = !bold.is_empty()
                        || node.descendants().any(|d| {
                            d.value()
                                .as_element()
                                .is_some_and(|e| matches!(e.name(), "strong" | "b"))
                        });
                    if pages.is_empty() {
                        pages.push(ocr_page(1, 0.0, 0.0));
                    }
                    let Some(page) = pages.last_mut() else {
                        continue;
                    };
                    if page.runs.len() >= MAX_WORDS_PER_PAGE {
                        truncated = true;
                        continue;
                    }
                    let height = (b[3] - b[1]).max(1.0);
                    page.runs.push(Run {
                        x0: b[0],
                        x1: b[2],
                        y: line_bottom.unwrap_or(b[3]),
                        size: height,
                        bold: strong,
                        text: word,
                    });
                }
            }
            Edge::Close(node) => {
                if line_stack.last() == Some(&node.id()) {
                    line_stack.pop();
                    line_bottom = None;
                }
                if bold.last() == Some(&node.id()) {
                    bold.pop();
                }
            }
        }
    }
    if truncated {
        diagnostics.push(Diagnostic::new(
            Severity::Error,
            Code::LimitReached,
            "a page held more words than the reader reads; the rest were not read",
        ));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_and_lines() {
        assert_eq!(
            bbox("bbox 10 20 30 40; x_wconf 95"),
            Some([10.0, 20.0, 30.0, 40.0])
        );
        assert_eq!(bbox("x_wconf 95"), None);
        assert_eq!(bbox("bbox 30 20 10 40"), None);
        let hocr = "<html><body><div class='ocr_page' title='bbox 0 0 1000 800'>\
            <span class='ocr_line' title='bbox 10 100 500 120'>\
            <span class='ocrx_word' title='bbox 10 102 60 118'>Program</span>\
            <span class='ocrx_word' title='bbox 66 100 90 124'><strong>Kerja</strong></span>\
            </span></div></body></html>";
        let pages = pages(hocr, &mut Vec::new());
        assert_eq!(pages.len(), 1);
        let runs = &pages[0].runs;
        assert_eq!(runs.len(), 2);
        // Both words stand on their line's baseline.
        assert_eq!((runs[0].y, runs[1].y), (120.0, 120.0));
        assert!(!runs[0].bold && runs[1].bold);
    }
}
