//! Source readers: bytes of one input format in, raw cells with provenance out.
//!
//! A reader knows its format and nothing of action plans: it yields lines of
//! cells, each with the page and line it came from and its column position in
//! the source's own terms (for tab-separated text, the tab index). The header
//! band, the schema and the realignment come later in the pipeline and are the
//! same for every format.

pub mod text;

use crate::diag::Diagnostic;
use crate::error::{Error, ErrorKind, Result};
use crate::Options;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The input formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Format {
    /// Tab-separated text as scanned-to-text converters emit it.
    Text,
    /// Space-aligned text (`pdftotext -layout` style).
    Layout,
    /// HTML tables.
    Html,
    /// PDF text layers.
    Pdf,
    /// hOCR (HTML with OCR word boxes).
    Hocr,
}

impl Format {
    /// The lower-case name used in the grid JSON (`text`, `layout`, `html`, `pdf`, `hocr`).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Layout => "layout",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Hocr => "hocr",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One non-empty cell as the source gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell {
    /// The column position in the source's own terms (tab index for text).
    pub col: u32,
    /// The text, markup removed and white space collapsed.
    pub text: String,
    /// The source marked the cell bold.
    pub bold: bool,
}

/// One line of the source.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawLine {
    /// The 1-based page, as the source knows it (form feeds, PDF pages); 1
    /// throughout for sources without pages.
    pub page: u32,
    /// The 1-based line number in the source.
    pub line: u32,
    /// The number of column positions on the line, empty ones included.
    pub width: u32,
    /// The non-empty cells, in column order.
    pub cells: Vec<RawCell>,
}

impl RawLine {
    /// The line has no non-empty cell.
    pub fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }
}

/// What a reader produces: the lines of one input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawDocument {
    /// The lines in reading order.
    pub lines: Vec<RawLine>,
    /// The source marks its pages (form feeds, PDF pages): the pipeline keeps
    /// them. Otherwise a page starts at each repeated header band.
    pub paged: bool,
    /// What the reader noticed (invalid bytes, truncated lines).
    pub diagnostics: Vec<Diagnostic>,
}

/// A reader of one input format.
pub trait Source {
    /// The format this reader reads.
    const FORMAT: Format;

    /// Reads the bytes of one input into lines of raw cells.
    fn read(bytes: &[u8], options: &Options) -> Result<RawDocument>;
}

/// Guesses the format of an input from its first bytes.
///
/// ```
/// use renaksi::source::{detect, Format};
/// assert_eq!(detect(b"%PDF-1.7\n...").unwrap(), Format::Pdf);
/// assert_eq!(detect(b"<html><table><tr><td>No</td></tr></table>").unwrap(), Format::Html);
/// assert_eq!(detect(b"No\tSasaran Strategis\tSatuan\n").unwrap(), Format::Text);
/// assert!(detect(b"").is_err());
/// ```
pub fn detect(bytes: &[u8]) -> Result<Format> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty));
    }
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    let body = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let lower: Vec<u8> = body.iter().map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if has(b"<table") || has(b"<html") || has(b"<!doctype html") {
        if has(b"ocr_page") || has(b"ocrx_word") {
            return Ok(Format::Hocr);
        }
        return Ok(Format::Html);
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if controls * 100 > head.len() || head.contains(&0) {
        return Err(Error::new(ErrorKind::UnsupportedFormat(
            "binary data that is neither PDF nor text".into(),
        )));
    }
    if std::str::from_utf8(head).is_err()
        && head.iter().filter(|&&b| b >= 0x80).count() * 4 > head.len()
    {
        return Err(Error::new(ErrorKind::UnsupportedFormat(
            "binary data that is neither PDF nor text".into(),
        )));
    }
    let tabs = head.iter().filter(|&&b| b == b'\t').count();
    let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
    // Space-aligned text has wide runs of spaces between columns on most lines.
    let text = String::from_utf8_lossy(head);
    let aligned = text.lines().filter(|l| l.contains("   ")).count();
    if tabs < lines && tabs < 8 && aligned * 2 > lines {
        Ok(Format::Layout)
    } else {
        Ok(Format::Text)
    }
}
