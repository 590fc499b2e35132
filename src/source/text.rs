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

/// The tab-separated text reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct TextSource;

impl Source for TextSource {
    const FORMAT: Format = Format::Text;

    fn read(bytes: &[u8], options: &Options) -> Result<RawDocument> {
        let mut doc = RawDocument::default();
        let text = decode(bytes, None, &mut doc.diagnostics);
        let mut page = 1u32;
        let body = text.strip_suffix('\n').unwrap_or(&text);
        for (i, raw_line) in body.split('\n').enumerate() {
            let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let mut rest = raw_line.strip_suffix('\r').unwrap_or(raw_line);
            // Form feeds break pages; text after one belongs to the new page.
            while let Some(ff) = rest.find('\x0c') {
                if !rest[..ff].trim().is_empty() {
                    doc.lines.push(split_line(
                        &rest[..ff],
                        page,
                        line_no,
                        options,
                        &mut doc.diagnostics,
                    ));
                }
                page += 1;
                doc.paged = true;
                rest = &rest[ff + 1..];
            }
            doc.lines.push(split_line(
                rest,
                page,
                line_no,
                options,
                &mut doc.diagnostics,
            ));
        }
        Ok(doc)
    }
}

/// Splits one line into cells at tabs.
pub(crate) fn split_line(
    line: &str,
    page: u32,
    line_no: u32,
    options: &Options,
    diags: &mut Vec<Diagnostic>,
) -> RawLine {
    let mut out = RawLine {
        page,
        line: line_no,
        ..RawLine::default()
    };
    let mut bold_open = false;
    for (col, field) in line.split('\t').enumerate() {
        out.width = u32::try_from(col + 1).unwrap_or(u32::MAX);
        if col >= options.max_cells_per_line {
            let rest: Vec<&str> = line
                .split('\t')
                .skip(col)
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
            out.width = u32::try_from(line.split('\t').count()).unwrap_or(u32::MAX);
            break;
        }
        let (text, bold) = clean_cell(field, &mut bold_open);
        if !text.is_empty() {
            out.cells.push(RawCell {
                col: u32::try_from(col).unwrap_or(u32::MAX),
                text,
                bold,
                span: 0,
            });
        }
    }
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
pub(crate) fn clean_cell(field: &str, bold_open: &mut bool) -> (String, bool) {
    // Most cells hold plain text with single spaces: copy them as they are.
    let plain = !field
        .bytes()
        .any(|b| b == b'<' || b == b'*' || b >= 0x80 || (b.is_ascii_whitespace() && b != b' '))
        && !field.contains("  ")
        && !field.starts_with(' ')
        && !field.ends_with(' ');
    if plain {
        return (field.to_string(), *bold_open && !field.is_empty());
    }
    let mut out = String::with_capacity(field.len());
    let mut bold = *bold_open;
    let mut rest = field;
    let mut pending_space = false;
    while let Some(ch) = rest.chars().next() {
        if ch == '<' {
            if let Some((len, tag, closing)) = inline_tag(rest) {
                if BOLD_TAGS.contains(&tag.as_str()) {
                    *bold_open = !closing;
                    bold |= !closing;
                } else if tag.starts_with("br") || tag == "p" {
                    pending_space = true;
                }
                rest = &rest[len..];
                continue;
            }
        }
        if rest.starts_with("**") {
            *bold_open = !*bold_open;
            bold = true;
            rest = &rest[2..];
            continue;
        }
        if ch.is_whitespace() || ch == '\u{a0}' {
            pending_space = true;
        } else {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(ch);
            if *bold_open {
                bold = true;
            }
        }
        rest = &rest[ch.len_utf8()..];
    }
    if out.is_empty() {
        bold = false;
    }
    (out, bold)
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
    use crate::diag::Code;

    fn clean(s: &str) -> (String, bool) {
        clean_cell(s, &mut false)
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
