//! Source readers: bytes of one input format in, raw cells with provenance out.
//!
//! A reader knows its format and nothing of action plans: it yields lines of
//! cells, each with the page and line it came from and its column position in
//! the source's own terms (for tab-separated text, the tab index). A
//! [`RawDocument`] keeps every line's cells in one list, line after line, and
//! each line's place beside it; [`RawDocument::lines`] gives the lines with
//! their cells. The header band, the schema and the realignment come later
//! in the pipeline and are the same for every format.

pub mod hocr;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod text;

use crate::diag::Diagnostic;
use crate::error::{Error, ErrorKind, Result};
use crate::Options;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
///
/// The text borrows from the input where the input holds it as it is (most
/// cells of tab-separated text) and is owned where a reader had to build it
/// (markup removed, white space collapsed, glyphs decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell<'a> {
    /// The column position in the source's own terms (tab index for text).
    pub col: u32,
    /// The text, markup removed and white space collapsed.
    pub text: Cow<'a, str>,
    /// The source marked the cell bold.
    pub bold: bool,
    /// How many column positions the cell covers, when the source knows
    /// (`colspan`, ruled cells); 0 when it does not (tab-separated text).
    pub span: u32,
}

/// One line of the source, as the pipeline reads it: its place and a view
/// of its cells in the document's cell list (see [`RawDocument::lines`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawLine<'a> {
    /// The 1-based page, as the source knows it (form feeds, PDF pages); 1
    /// throughout for sources without pages.
    pub page: u32,
    /// The 1-based line number in the source.
    pub line: u32,
    /// The number of column positions on the line, empty ones included.
    pub width: u32,
    /// Lines with the same block number come from the same source table
    /// (an HTML `<table>`); a new number starts a table or free text outside
    /// tables. Sources without such structure leave every line in block 0.
    pub block: u32,
    /// The non-empty cells, in column order.
    pub cells: &'a [RawCell<'a>],
}

/// Where a line stands, and which of its document's cells are its own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineSpan {
    /// The 1-based page (see [`RawLine::page`]).
    pub page: u32,
    /// The 1-based line number in the source.
    pub line: u32,
    /// The number of column positions on the line, empty ones included.
    pub width: u32,
    /// The source table the line belongs to (see [`RawLine::block`]).
    pub block: u32,
    /// The line's cells: a range of [`RawDocument::cells`].
    pub cells: std::ops::Range<usize>,
}

impl RawCell<'_> {
    /// The cell with its text owned, free of the input it was read from.
    pub fn into_owned(self) -> RawCell<'static> {
        RawCell {
            col: self.col,
            text: Cow::Owned(self.text.into_owned()),
            bold: self.bold,
            span: self.span,
        }
    }
}

impl RawLine<'_> {
    /// The line has no non-empty cell.
    pub fn is_blank(&self) -> bool {
        self.cells.is_empty()
    }
}

impl<'a> RawDocument<'a> {
    /// The lines in reading order, each with its cells.
    ///
    /// ```
    /// use renaksi::source::{RawCell, RawDocument};
    /// let mut doc = RawDocument::default();
    /// doc.cells.push(RawCell { col: 1, text: "Satuan".into(), bold: false, span: 0 });
    /// doc.end_line(1, 7, 2, 0);
    /// doc.end_line(1, 8, 0, 0);
    /// let lines = doc.lines();
    /// assert_eq!(lines[0].cells[0].text, "Satuan");
    /// assert!(lines[1].is_blank());
    /// ```
    pub fn lines(&self) -> Vec<RawLine<'_>> {
        let mut lines = Vec::new();
        self.lines_into(&mut lines);
        lines
    }

    /// [`RawDocument::lines`], appended to `lines`.
    pub fn lines_into<'s>(&'s self, lines: &mut Vec<RawLine<'s>>) {
        lines.extend(self.spans.iter().map(|s| RawLine {
            page: s.page,
            line: s.line,
            width: s.width,
            block: s.block,
            cells: self.cells.get(s.cells.clone()).unwrap_or_default(),
        }));
    }

    /// Ends a line: the cells pushed onto [`RawDocument::cells`] since the
    /// previous line ended are its own.
    pub fn end_line(&mut self, page: u32, line: u32, width: u32, block: u32) {
        let start = self.spans.last().map_or(0, |s| s.cells.end);
        self.spans.push(LineSpan {
            page,
            line,
            width,
            block,
            cells: start.min(self.cells.len())..self.cells.len(),
        });
    }

    /// The document with its cells' text owned, free of the input.
    pub fn into_owned(self) -> RawDocument<'static> {
        RawDocument {
            cells: self.cells.into_iter().map(RawCell::into_owned).collect(),
            spans: self.spans,
            paged: self.paged,
            diagnostics: self.diagnostics,
        }
    }
}

/// What a reader produces: the cells of one input, line by line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawDocument<'a> {
    /// Every line's cells, line after line.
    pub cells: Vec<RawCell<'a>>,
    /// The lines in reading order, each naming its cells in `cells`.
    pub spans: Vec<LineSpan>,
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
    fn read<'a>(bytes: &'a [u8], options: &Options) -> Result<RawDocument<'a>>;
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
    let start = &head[..head.len().min(1028)];
    if memchr::memchr_iter(b'%', start).any(|i| start[i..].starts_with(b"%PDF-")) {
        return Ok(Format::Pdf);
    }
    let body = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    // UTF-16 (office suites save "Unicode" text and HTML so): judge the decoded text.
    let wide = head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff");
    let decoded;
    let body = if wide {
        decoded = decode(&head[..head.len() & !1], None, &mut Vec::new()).into_owned();
        decoded.as_bytes()
    } else {
        body
    };
    // Case-insensitive search from each `<` (most text has few, and the
    // inline tags of converted text go by on their second byte).
    let tagged = memchr::memchr_iter(b'<', body).any(|i| {
        if !matches!(body.get(i + 1), Some(b't' | b'T' | b'h' | b'H' | b'!')) {
            return false;
        }
        let at = |needle: &[u8]| {
            body.get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
        };
        at(b"<table") || at(b"<html") || at(b"<!doctype html")
    });
    if tagged {
        let anywhere = |needle: &[u8]| memchr::memmem::find(body, needle).is_some();
        if anywhere(b"ocr_page") || anywhere(b"ocrx_word") {
            return Ok(Format::Hocr);
        }
        return Ok(Format::Html);
    }
    if wide {
        return Ok(Format::Text);
    }
    // Counts that tell text from binary, and tabbed from aligned text.
    let tabs = memchr::memchr_iter(b'\t', head).count();
    let newlines = memchr::memchr_iter(b'\n', head).count();
    // Control characters other than white space: bytes below 0x20 but the
    // tabs and line breaks bound them from above, and that bound settles
    // most texts without the exact count.
    let below_space = count_bytes(head, |b| b < 0x20);
    let too_many = |controls: usize| controls * 100 > head.len();
    let controls_too_many = too_many(below_space - tabs - newlines)
        && too_many(count_bytes(head, |b| {
            b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)
        }));
    let utf8 = std::str::from_utf8(head).ok();
    if controls_too_many
        || memchr::memchr(0, head).is_some()
        || (utf8.is_none() && count_bytes(head, |b| b >= 0x80) * 4 > head.len())
    {
        return Err(Error::new(ErrorKind::UnsupportedFormat(
            "binary data that is neither PDF nor text".into(),
        )));
    }
    let lines = newlines.max(1);
    if tabs >= lines || tabs >= 8 {
        return Ok(Format::Text);
    }
    // Rows between bars (`| a | b |`, as Markdown writes tables) are text
    // with another separator, however they are padded.
    if utf8.is_some_and(text::is_pipe_table) {
        return Ok(Format::Text);
    }
    // Space-aligned text has wide runs of spaces between columns on most lines.
    let aligned = head
        .split(|&b| b == b'\n')
        .filter(|l| l.windows(3).any(|w| w == b"   "))
        .count();
    if aligned * 2 > lines {
        Ok(Format::Layout)
    } else {
        Ok(Format::Text)
    }
}

/// How many bytes satisfy `f`, counted in blocks small enough for a byte
/// counter (which the compiler turns into wide vector compares).
fn count_bytes(bytes: &[u8], f: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks(255)
        .map(|block| {
            let n = block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(f(b))));
            usize::from(n)
        })
        .sum()
}

/// Decodes the bytes of a text-like input: a byte-order mark (UTF-8,
/// UTF-16) wins, then valid UTF-8, then a declared single-byte charset
/// (windows-1252 and its ISO-8859-1 / ASCII subsets). Undeclared bytes that
/// hold no UTF-8 sequence at all, only bytes above 0x7F standing alone (a
/// file saved in windows-1252, `–` as 0x96), are read as windows-1252 with a
/// diagnostic; anything else is read as UTF-8 with invalid bytes replaced
/// and a diagnostic.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    declared: Option<&str>,
    diags: &mut Vec<Diagnostic>,
) -> Cow<'a, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8_lossy(rest, diags);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return Cow::Owned(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return Cow::Owned(utf16(rest, u16::from_be_bytes));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Cow::Borrowed(s);
    }
    let single_byte = declared.is_some_and(|d| {
        matches!(
            d,
            "windows-1252"
                | "cp1252"
                | "x-cp1252"
                | "iso-8859-1"
                | "iso8859-1"
                | "iso_8859-1"
                | "latin1"
                | "latin-1"
                | "l1"
                | "us-ascii"
                | "ascii"
                | "iso-8859-15"
        )
    });
    let guessed = !single_byte && declared.is_none() && no_utf8_sequence(bytes);
    if guessed {
        diags.push(Diagnostic::new(
            crate::diag::Severity::Warning,
            crate::diag::Code::InvalidUtf8,
            "the input is not UTF-8 and holds no UTF-8 sequence; it was read as windows-1252",
        ));
    }
    if single_byte || guessed {
        return Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect());
    }
    utf8_lossy(bytes, diags)
}

/// No byte above 0x7F is part of a valid UTF-8 sequence.
fn no_utf8_sequence(bytes: &[u8]) -> bool {
    let mut rest = bytes;
    loop {
        let (valid, skip) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (
                // The bytes before the error are valid UTF-8.
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                Some(e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to())),
            ),
        };
        if !valid.is_ascii() {
            return false;
        }
        match skip {
            Some(n) if n < rest.len() => rest = &rest[n..],
            _ => return true,
        }
    }
}

fn utf8_lossy<'a>(bytes: &'a [u8], diags: &mut Vec<Diagnostic>) -> Cow<'a, str> {
    let text = String::from_utf8_lossy(bytes);
    if let Cow::Owned(_) = text {
        diags.push(Diagnostic::new(
            crate::diag::Severity::Warning,
            crate::diag::Code::InvalidUtf8,
            "the input is not valid UTF-8; invalid bytes were replaced with U+FFFD",
        ));
    }
    text
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// One byte of windows-1252 (ISO-8859-1 with printable 0x80–0x9F).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The diagnostic for a line cut at the per-line limit: `dropped` holds the
/// non-empty cells (or words) past it, of which the first eight are shown.
pub(crate) fn truncated<S: AsRef<str>>(
    page: u32,
    line: u32,
    limit: usize,
    what: &str,
    dropped: &[S],
) -> Diagnostic {
    let shown: Vec<&str> = dropped.iter().take(8).map(AsRef::as_ref).collect();
    let mut text = text::truncate(&shown.join(" | "), 200);
    if dropped.len() > shown.len() {
        text.push_str(&format!(" … and {} more", dropped.len() - shown.len()));
    }
    Diagnostic::new(
        crate::diag::Severity::Error,
        crate::diag::Code::LineTruncated,
        format!(
            "line has more than {limit} {what}; the rest ({} non-empty) were not read",
            dropped.len()
        ),
    )
    .at(page, line)
    .text(text)
}
