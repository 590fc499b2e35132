//! Tab-separated text, as scanned-to-text converters emit it.
//!
//! Each line is split at tabs; the tab index is the cell's column position.
//! Inline markup (`<b>…</b>`, `<strong>`, `**…**`) is removed and remembered
//! as boldness; white space inside a cell is collapsed. A form feed starts a
//! new page.

use super::{decode, Format, RawCell, RawDocument, RawLine, Source};
use crate::diag::Diagnostic;
use crate::error::Result;
use crate::Options;
use std::borrow::Cow;

/// The tab-separated text reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextSource;

impl Source for TextSource {
    const FORMAT: Format = Format::Text;

    fn read<'a>(bytes: &'a [u8], options: &Options) -> Result<RawDocument<'a>> {
        let mut diagnostics = Vec::new();
        // Cells borrow from the input where it is UTF-8 already.
        let mut doc = match decode(bytes, None, &mut diagnostics) {
            Cow::Borrowed(text) => read_text(text, options),
            Cow::Owned(text) => read_text(&text, options).into_owned(),
        };
        diagnostics.append(&mut doc.diagnostics);
        doc.diagnostics = diagnostics;
        Ok(doc)
    }
}

fn read_text<'a>(text: &'a str, options: &Options) -> RawDocument<'a> {
    let mut doc = RawDocument {
        lines: Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1),
        ..RawDocument::default()
    };
    let mut page = 1u32;
    let mut scratch = Vec::new();
    let body = text.strip_suffix('\n').unwrap_or(text);
    for (i, raw_line) in body.split('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut rest = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        // Form feeds break pages; text after one belongs to the new page.
        while let Some(ff) = memchr::memchr(b'\x0c', rest.as_bytes()) {
            if !rest[..ff].trim().is_empty() {
                let at = (page, line_no);
                let line = split_line(&rest[..ff], at, options, &mut scratch, &mut doc.diagnostics);
                doc.lines.push(line);
            }
            page += 1;
            doc.paged = true;
            rest = &rest[ff + 1..];
        }
        let line = split_line(
            rest,
            (page, line_no),
            options,
            &mut scratch,
            &mut doc.diagnostics,
        );
        doc.lines.push(line);
    }
    doc
}

/// What a byte means to the field scanner.
const ORDINARY: u8 = 0;
const TAB: u8 = 1;
const SPACE: u8 = 2;
/// Markup, other white space, control characters, anything beyond ASCII:
/// the field goes to [`clean_markup`].
const SPECIAL: u8 = 3;

const BYTE_CLASS: [u8; 256] = {
    let mut t = [ORDINARY; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b'\t' => TAB,
            b' ' => SPACE,
            b'<' | b'*' | 0x7f..=0xff | 0..=0x1f => SPECIAL,
            _ => ORDINARY,
        };
        b += 1;
    }
    t
};

/// Splits one line into cells at tabs.
///
/// One pass finds each field's end and whether it is plain (no markup, no
/// white space but single spaces between words, nothing beyond ASCII); a
/// plain field is borrowed as it is, any other goes through [`clean_markup`].
/// `scratch` is working space kept between lines.
pub(crate) fn split_line<'a>(
    line: &'a str,
    (page, line_no): (u32, u32),
    options: &Options,
    scratch: &mut Vec<RawCell<'a>>,
    diags: &mut Vec<Diagnostic>,
) -> RawLine<'a> {
    let mut cells = std::mem::take(scratch);
    cells.clear();
    let mut width;
    let mut bold_open = false;
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut col = 0usize;
    loop {
        width = u32::try_from(col + 1).unwrap_or(u32::MAX);
        if col >= options.max_cells_per_line {
            let rest: Vec<&str> = line[start..]
                .split('\t')
                .filter(|s| !s.trim().is_empty())
                .collect();
            if !rest.is_empty() {
                diags.push(super::truncated(
                    page,
                    line_no,
                    options.max_cells_per_line,
                    "cells",
                    &rest,
                ));
            }
            width = u32::try_from(col + line[start..].split('\t').count()).unwrap_or(u32::MAX);
            break;
        }
        let (len, plain) = scan_field(&bytes[start..]);
        let end = start + len;
        if end > start {
            let field = &line[start..end];
            let (text, bold) = if plain {
                (Cow::Borrowed(field), bold_open)
            } else {
                clean_markup(field, &mut bold_open)
            };
            if !text.is_empty() {
                cells.push(RawCell {
                    col: u32::try_from(col).unwrap_or(u32::MAX),
                    text,
                    bold,
                    span: 0,
                });
            }
        }
        if end == bytes.len() {
            break;
        }
        start = end + 1;
        col += 1;
    }
    // Stored at their exact count; the working space stays for the next line.
    let mut exact = Vec::with_capacity(cells.len());
    exact.append(&mut cells);
    let out = RawLine {
        page,
        line: line_no,
        cells: exact,
        width,
        ..RawLine::default()
    };
    *scratch = cells;
    out
}

pub(crate) fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

const BOLD_TAGS: &[&str] = &["b", "strong"];
const OTHER_TAGS: &[&str] = &[
    "i", "em", "u", "sup", "sub", "span", "font", "br", "br/", "p",
];

/// Removes inline markup from one cell, collapses white space, and tells
/// whether any of the text was bold. `bold_open` carries a `<b>` left open
/// by an earlier cell of the same line.
///
/// The text is borrowed from `field` whenever what remains is one piece of
/// it (`<b>70.975.200</b>`, ` Dokumen `); it is copied only when markup or
/// extra white space stood inside the text.
///
/// The field is one [`split_line`] found not plain.
fn clean_markup<'a>(field: &'a str, bold_open: &mut bool) -> (Cow<'a, str>, bool) {
    // A whole cell in bold: `<b>…</b>`.
    for (open, close) in [("<b>", "</b>"), ("<strong>", "</strong>")] {
        if let Some(inner) = field.strip_prefix(open).and_then(|f| f.strip_suffix(close)) {
            if !inner.is_empty() && is_plain(inner) {
                *bold_open = false;
                return (Cow::Borrowed(inner), true);
            }
        }
    }
    let was_open = *bold_open;
    let (piece, bold) = scan_cell(field, bold_open, None);
    if let Some((from, to)) = piece {
        return (Cow::Borrowed(&field[from..to]), bold);
    }
    *bold_open = was_open;
    let mut out = String::with_capacity(field.len());
    let (_, bold) = scan_cell(field, bold_open, Some(&mut out));
    (Cow::Owned(out), bold)
}

/// The field needs no cleaning: no markup, no white space but single
/// spaces between words, nothing beyond ASCII, no control character.
fn is_plain(field: &str) -> bool {
    scan_field(field.as_bytes()) == (field.len(), true)
}

/// The length of the field that `bytes` starts with (up to a tab or the
/// end), and whether it is plain (see [`is_plain`]; an empty field is).
#[inline]
fn scan_field(bytes: &[u8]) -> (usize, bool) {
    let mut special = false;
    // A leading space counts as a doubled one.
    let mut after_space = true;
    let mut end = 0;
    while end < bytes.len() {
        match BYTE_CLASS[usize::from(bytes[end])] {
            ORDINARY => after_space = false,
            TAB => break,
            SPACE => {
                special |= after_space;
                after_space = true;
            }
            _ => special = true,
        }
        end += 1;
    }
    (end, !special && (!after_space || end == 0))
}

/// One pass of [`clean_markup`]: writes the cleaned text to `out` when given,
/// and returns the byte range of `field` the text equals, if it is one
/// piece of it, with the boldness.
fn scan_cell(
    field: &str,
    bold_open: &mut bool,
    mut out: Option<&mut String>,
) -> (Option<(usize, usize)>, bool) {
    let mut bold = *bold_open;
    let mut at = 0;
    let mut pending_space = false;
    // The emitted text so far: its start, its end, and whether it is one
    // piece of `field`.
    let mut piece: Option<(usize, usize)> = None;
    let mut contiguous = true;
    while let Some(ch) = field[at..].chars().next() {
        let rest = &field[at..];
        if ch == '<' {
            if let Some((len, tag, closing)) = inline_tag(rest) {
                if BOLD_TAGS.contains(&tag.as_str()) {
                    *bold_open = !closing;
                    bold |= !closing;
                } else if tag.starts_with("br") || tag == "p" {
                    pending_space = true;
                }
                at += len;
                continue;
            }
        }
        if rest.starts_with("**") {
            *bold_open = !*bold_open;
            bold = true;
            at += 2;
            continue;
        }
        if ch.is_whitespace() || ch == '\u{a0}' {
            pending_space = true;
        } else {
            match piece {
                None => piece = Some((at, at + ch.len_utf8())),
                Some((from, to)) => {
                    let gap = &field[to..at];
                    contiguous &= if pending_space {
                        gap == " "
                    } else {
                        gap.is_empty()
                    };
                    piece = Some((from, at + ch.len_utf8()));
                }
            }
            if let Some(out) = out.as_deref_mut() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                out.push(ch);
            }
            pending_space = false;
            if *bold_open {
                bold = true;
            }
        }
        at += ch.len_utf8();
    }
    match piece {
        None => (Some((0, 0)), false),
        Some(range) => (contiguous.then_some(range), bold),
    }
}

/// Recognises `<tag>`, `</tag>` or `<tag attr…>` for the inline tags we
/// strip; returns its byte length, lower-case name and whether it closes.
fn inline_tag(s: &str) -> Option<(usize, String, bool)> {
    let end = s.get(..s.len().min(64))?.find('>')?;
    let inner = &s[1..end];
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, inner),
    };
    let name: String = inner
        .split(|c: char| c.is_whitespace())
        .next()?
        .trim_end_matches('/')
        .to_ascii_lowercase();
    let known =
        BOLD_TAGS.contains(&name.as_str()) || OTHER_TAGS.contains(&name.as_str()) || name == "br";
    known.then_some((end + 1, name, closing))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A field cleaned as the reader cleans it.
    fn clean_cell<'a>(field: &'a str, bold_open: &mut bool) -> (Cow<'a, str>, bool) {
        if is_plain(field) {
            return (Cow::Borrowed(field), *bold_open && !field.is_empty());
        }
        clean_markup(field, bold_open)
    }
    use crate::diag::Code;

    fn clean(s: &str) -> (String, bool) {
        let (text, bold) = clean_cell(s, &mut false);
        (text.into_owned(), bold)
    }

    #[test]
    fn one_piece_is_borrowed() {
        for field in ["<b>70.975.200</b>", " Dokumen ", "**A B**", "x"] {
            assert!(
                matches!(clean_cell(field, &mut false).0, Cow::Borrowed(_)),
                "{field}"
            );
        }
        for field in ["a<b>b</b>", "a  b", "a<br>b"] {
            assert!(
                matches!(clean_cell(field, &mut false).0, Cow::Owned(_)),
                "{field}"
            );
        }
    }

    #[test]
    fn markup_and_space() {
        assert_eq!(clean("<b>70.975.200</b>"), ("70.975.200".into(), true));
        assert_eq!(clean("**RENCANA AKSI**"), ("RENCANA AKSI".into(), true));
        assert_eq!(clean("  a \u{a0}  b "), ("a b".into(), false));
        assert_eq!(clean("a<br>b"), ("a b".into(), false));
        assert_eq!(clean("x < y"), ("x < y".into(), false));
        assert_eq!(clean("<STRONG>x</STRONG>"), ("x".into(), true));
        assert_eq!(clean("<b></b>"), (String::new(), false));
        assert_eq!(clean("a<b>b</b>"), ("ab".into(), true));
        assert_eq!(clean(" <b> a b </b>"), ("a b".into(), true));
        assert_eq!(clean("a  b"), ("a b".into(), false));
        assert_eq!(clean("a\tb"), ("a b".into(), false));
    }

    #[test]
    fn lines_pages_and_positions() {
        let doc = TextSource::read(b"a\t\tb\r\nc\x0cd\te\n", &Options::default()).unwrap();
        assert_eq!(doc.lines.len(), 3);
        assert_eq!(doc.lines[0].cells[1].col, 2);
        assert_eq!(doc.lines[0].width, 3);
        assert_eq!((doc.lines[1].page, doc.lines[1].line), (1, 2));
        assert_eq!((doc.lines[2].page, doc.lines[2].line), (2, 2));
        assert_eq!(doc.lines[2].cells[1].text, "e");
        assert!(doc.paged);
    }

    #[test]
    fn too_many_cells_is_reported() {
        let opts = Options {
            max_cells_per_line: 3,
            ..Options::default()
        };
        let doc = TextSource::read(b"a\tb\tc\td\te", &opts).unwrap();
        assert_eq!(doc.lines[0].cells.len(), 3);
        assert_eq!(doc.diagnostics[0].code, Code::LineTruncated);
        assert_eq!(doc.diagnostics[0].text.as_deref(), Some("d | e"));
    }
}
