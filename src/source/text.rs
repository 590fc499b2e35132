//! Tab-separated text, as scanned-to-text converters emit it.
//!
//! Each line is split at tabs; the tab index is the cell's column position.
//! Inline markup (`<b>…</b>`, `<strong>`, `**…**`) is removed and remembered
//! as boldness; white space inside a cell is collapsed. A form feed starts a
//! new page.

use super::{decode, Format, RawCell, RawDocument, Source};
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
        Ok(read_into(bytes, options, RawDocument::default()))
    }
}

/// [`TextSource::read`] into the (empty) cell and line buffers of `doc`.
pub(crate) fn read_into<'a>(
    bytes: &'a [u8],
    options: &Options,
    doc: RawDocument<'a>,
) -> RawDocument<'a> {
    let mut diagnostics = Vec::new();
    // Cells borrow from the input where it is UTF-8 already.
    let mut doc = match decode(bytes, None, &mut diagnostics) {
        Cow::Borrowed(text) => read_text(text, options, doc),
        Cow::Owned(text) => read_text(&text, options, doc).into_owned(),
    };
    diagnostics.append(&mut doc.diagnostics);
    doc.diagnostics = diagnostics;
    doc
}

fn read_text<'a>(text: &'a str, options: &Options, mut doc: RawDocument<'a>) -> RawDocument<'a> {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1;
    doc.spans.reserve(lines);
    // Room for a dozen cells a line, made once (no more than the text could
    // fill, and a bounded start: a larger document grows it).
    doc.cells
        .reserve(lines.saturating_mul(12).min(text.len() / 8).min(1 << 16));
    let mut page = 1u32;
    // Most texts have no form feed: lines are not searched for one then.
    let paged = memchr::memchr(b'\x0c', text.as_bytes()).is_some();
    let pipes = is_pipe_table(text);
    let body = text.strip_suffix('\n').unwrap_or(text);
    let ends = memchr::memchr_iter(b'\n', body.as_bytes()).chain(std::iter::once(body.len()));
    let mut start = 0;
    for (i, end) in ends.enumerate() {
        let raw_line = &body[start..end];
        start = end + 1;
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let mut rest = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        // Form feeds break pages; text after one belongs to the new page.
        while let Some(ff) = paged
            .then(|| memchr::memchr(b'\x0c', rest.as_bytes()))
            .flatten()
        {
            if !rest[..ff].trim().is_empty() {
                split_any(&rest[..ff], (page, line_no), options, pipes, &mut doc);
            }
            page += 1;
            doc.paged = true;
            rest = &rest[ff + 1..];
        }
        split_any(rest, (page, line_no), options, pipes, &mut doc);
    }
    doc
}

/// Splits a line at its tabs, or, in a text of `|`-separated rows, a row at
/// its bars.
#[inline]
fn split_any<'a>(
    line: &'a str,
    at: (u32, u32),
    options: &Options,
    pipes: bool,
    doc: &mut RawDocument<'a>,
) {
    match pipes.then(|| pipe_row(line)).flatten() {
        Some(inner) => split_pipes(inner, at, options, doc),
        None => split_line(line, at, options, doc),
    }
}

/// A text of `|`-separated rows (the tables Markdown and some converters
/// write): no tab, and three lines or more that start and end with a bar.
pub(crate) fn is_pipe_table(text: &str) -> bool {
    memchr::memchr(b'\t', text.as_bytes()).is_none()
        && text
            .lines()
            .filter(|l| pipe_row(l).is_some())
            .nth(2)
            .is_some()
}

/// The inside of a `|`-separated row: `| a | b |` → ` a | b `.
fn pipe_row(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix('|')?.strip_suffix('|')?;
    inner.contains('|').then_some(inner)
}

/// Splits the inside of a `|`-separated row into cells, a cell per bar; a
/// rule row (`|---|:--:|`) is a blank line.
fn split_pipes<'a>(inner: &'a str, at: (u32, u32), options: &Options, doc: &mut RawDocument<'a>) {
    let rule = inner.contains('-')
        && inner
            .bytes()
            .all(|b| matches!(b, b'-' | b':' | b'|' | b' '));
    let mut width = 0u32;
    let mut bold_open = false;
    let mut rest = (!rule).then_some(inner);
    let mut col = 0;
    while let Some(line) = rest {
        if col >= options.max_cells_per_line {
            width = cut_off(line, '|', col, at, options, &mut doc.diagnostics);
            break;
        }
        let (field, after) = match line.split_once('|') {
            Some((field, after)) => (field, Some(after)),
            None => (line, None),
        };
        width = u32::try_from(col + 1).unwrap_or(u32::MAX);
        let field = field.trim_matches(' ');
        if !field.is_empty() {
            push_field(field, is_plain(field), col, &mut bold_open, &mut doc.cells);
        }
        rest = after;
        col += 1;
    }
    doc.end_line(at.0, at.1, width, 0);
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

/// Splits one line into cells at tabs and adds it to `doc`.
///
/// A line whose every field is plain (no markup, no white space but single
/// spaces between words, nothing beyond ASCII) is checked as a whole and cut
/// at its tabs; otherwise one pass over each field finds its end and whether
/// it is plain: a plain field is borrowed as it is, any other goes through
/// [`clean_markup`].
fn split_line<'a>(
    line: &'a str,
    (page, line_no): (u32, u32),
    options: &Options,
    doc: &mut RawDocument<'a>,
) {
    // Fewer bytes than the cell limit: the line cannot be truncated.
    let width = if line.len() < options.max_cells_per_line && is_plain_line(line.as_bytes()) {
        split_plain(line, &mut doc.cells)
    } else {
        split_fields(
            line,
            (page, line_no),
            options,
            &mut doc.cells,
            &mut doc.diagnostics,
        )
    };
    doc.end_line(page, line_no, width, 0);
}

/// Cuts a line that [`is_plain_line`] at its tabs; returns its width.
fn split_plain<'a>(line: &'a str, cells: &mut Vec<RawCell<'a>>) -> u32 {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut col = 0u32;
    let mut field_end = |end: usize| {
        if end > start {
            cells.push(RawCell {
                col,
                text: Cow::Borrowed(&line[start..end]),
                bold: false,
                span: 0,
            });
        }
        start = end + 1;
        col = col.saturating_add(1);
    };
    // The tabs of each block of 8 bytes found at once: the high bit of each
    // byte of `tabs` is set where the byte is a tab (no carry crosses bytes).
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const TAB: u64 = u64::from_ne_bytes([b'\t'; 8]);
    let (blocks, rest) = bytes.as_chunks::<8>();
    for (b, block) in blocks.iter().enumerate() {
        let x = u64::from_le_bytes(*block) ^ TAB;
        let mut tabs = !(((x & LOW7) + LOW7) | x | LOW7);
        while tabs != 0 {
            field_end(b * 8 + tabs.trailing_zeros() as usize / 8);
            tabs &= tabs - 1;
        }
    }
    let base = bytes.len() - rest.len();
    for (i, &byte) in rest.iter().enumerate() {
        if byte == b'\t' {
            field_end(base + i);
        }
    }
    field_end(bytes.len());
    col
}

/// Splits a line field by field, cleaning the fields that are not plain
/// and stopping at the cell limit; returns its width.
fn split_fields<'a>(
    line: &'a str,
    (page, line_no): (u32, u32),
    options: &Options,
    cells: &mut Vec<RawCell<'a>>,
    diags: &mut Vec<Diagnostic>,
) -> u32 {
    let bytes = line.as_bytes();
    let mut width;
    let mut bold_open = false;
    let mut start = 0;
    let mut col = 0usize;
    loop {
        width = u32::try_from(col + 1).unwrap_or(u32::MAX);
        if col >= options.max_cells_per_line {
            width = cut_off(&line[start..], '\t', col, (page, line_no), options, diags);
            break;
        }
        let (len, plain) = scan_field(&bytes[start..]);
        let end = start + len;
        if end > start {
            push_field(&line[start..end], plain, col, &mut bold_open, cells);
        }
        if end == bytes.len() {
            break;
        }
        start = end + 1;
        col += 1;
    }
    width
}

/// Adds a field of a line as the cell at `col`, unless nothing is left of
/// it once cleaned; `plain`: it needs no cleaning (see [`is_plain`]).
fn push_field<'a>(
    field: &'a str,
    plain: bool,
    col: usize,
    bold_open: &mut bool,
    cells: &mut Vec<RawCell<'a>>,
) {
    let (text, bold) = if plain {
        (Cow::Borrowed(field), *bold_open)
    } else {
        clean_markup(field, bold_open)
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

/// The cell limit reached at `col`: the fields of `rest` (split at `sep`)
/// that hold something go to a diagnostic. Returns the line's width.
fn cut_off(
    rest: &str,
    sep: char,
    col: usize,
    (page, line_no): (u32, u32),
    options: &Options,
    diags: &mut Vec<Diagnostic>,
) -> u32 {
    let dropped: Vec<&str> = rest
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !dropped.is_empty() {
        diags.push(super::truncated(
            page,
            line_no,
            options.max_cells_per_line,
            "cells",
            &dropped,
        ));
    }
    u32::try_from(col + rest.split(sep).count()).unwrap_or(u32::MAX)
}

/// Every field of the line is plain (see [`is_plain`]): no markup, control
/// character or byte beyond ASCII, no space next to a tab or another space,
/// none at either end. Each block of 16 bytes is judged with no early exit
/// inside it, so that the compiler checks the block at once; the first
/// block that fails ends the check. The last block ends with the line,
/// overlapping the one before it (a byte judged twice is judged the same).
fn is_plain_line(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Outside the printable ASCII range (a tab aside), or markup.
    let special =
        |b: u8| ((b.wrapping_sub(0x20) >= 0x5f) & (b != b'\t')) | (b == b'<') | (b == b'*');
    // A space beside a space or a tab (two tabs are an empty field).
    let blank = |b: u8| (b == b' ') | (b == b'\t');
    let doubled = |a: u8, b: u8| blank(a) & blank(b) & !((a == b'\t') & (b == b'\t'));
    let n = bytes.len();
    if n <= 16 {
        return !bytes.iter().any(|&b| special(b))
            && !bytes.windows(2).any(|w| doubled(w[0], w[1]));
    }
    // A block's bytes are judged side by side and the block read as one
    // 128-bit word.
    let (blocks, _) = bytes.as_chunks::<16>();
    for block in blocks.iter().chain(bytes.last_chunk::<16>()) {
        let flags: [u8; 16] = std::array::from_fn(|i| u8::from(special(block[i])));
        if u128::from_ne_bytes(flags) != 0 {
            return false;
        }
    }
    // Each byte with the next: the line less its last byte beside the line
    // less its first (both at least 16 bytes long).
    let (left, right) = (&bytes[..n - 1], &bytes[1..]);
    let (lefts, _) = left.as_chunks::<16>();
    let (rights, _) = right.as_chunks::<16>();
    let last = left.last_chunk::<16>().zip(right.last_chunk::<16>());
    for (l, r) in lefts.iter().zip(rights).chain(last) {
        let flags: [u8; 16] = std::array::from_fn(|i| u8::from(doubled(l[i], r[i])));
        if u128::from_ne_bytes(flags) != 0 {
            return false;
        }
    }
    true
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
        let lines = doc.lines();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].cells[1].col, 2);
        assert_eq!(lines[0].width, 3);
        assert_eq!((lines[1].page, lines[1].line), (1, 2));
        assert_eq!((lines[2].page, lines[2].line), (2, 2));
        assert_eq!(lines[2].cells[1].text, "e");
        assert!(doc.paged);
    }

    /// The whole-line check and the field-by-field path agree: a line
    /// passes the check exactly when every field is plain, and then both
    /// give the same cells and width.
    #[test]
    fn plain_lines_split_as_fields_do() {
        let pieces = [
            "a", "b c", " ", "  ", "\t", "\t\t", "<b>", "</b>", "*", "**", "x<y", "é", "\u{a0}",
            "\r", "\x7f", "~", "12.345", "Rp 5,00", " d", "e ", "",
        ];
        let options = Options::default();
        let mut lines = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["\t", " ", "", "\tz\t"] {
                    lines.push(format!("{a}{c}{b}"));
                    lines.push(format!("{a}\t{c}{b}{c}"));
                }
            }
        }
        // Blocks of the whole-line check meet inside long lines.
        for n in [
            6, 7, 8, 14, 15, 16, 17, 31, 32, 33, 62, 63, 64, 65, 127, 128,
        ] {
            lines.push(format!("{}  x", "a".repeat(n)));
            lines.push(format!("{} \tx", "a".repeat(n)));
            lines.push(format!("{}\t x", "a".repeat(n)));
            lines.push(format!("{}<x", "a\t".repeat(n)));
            lines.push(format!("{}\tb\tc", "a ".repeat(n).trim_end()));
        }
        let mut plain = 0;
        for line in &lines {
            let fields_plain = line
                .split('\t')
                .all(|f| scan_field(f.as_bytes()) == (f.len(), true));
            assert_eq!(is_plain_line(line.as_bytes()), fields_plain, "{line:?}");
            if fields_plain {
                plain += 1;
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let w_fast = split_plain(line, &mut fast);
                let w_slow = split_fields(line, (1, 1), &options, &mut slow, &mut Vec::new());
                assert_eq!((w_fast, &fast), (w_slow, &slow), "{line:?}");
            }
        }
        assert!(
            plain > 100 && plain < lines.len() / 2,
            "{plain} of {}",
            lines.len()
        );
    }

    /// Bytes that hold no UTF-8 sequence are windows-1252 (`–` as 0x96, `é`
    /// as 0xE9); bytes that mix valid UTF-8 with invalid ones stay UTF-8,
    /// the invalid ones replaced.
    #[test]
    fn windows_1252_text_is_read_as_such() {
        let doc = TextSource::read(b"Caf\xe9\t\x96\t5.000", &Options::default()).unwrap();
        let texts: Vec<&str> = doc.lines()[0].cells.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["Café", "\u{2013}", "5.000"]);
        assert_eq!(doc.diagnostics.len(), 1);
        assert_eq!(doc.diagnostics[0].code, Code::InvalidUtf8);
        assert!(doc.diagnostics[0].message.contains("windows-1252"));
        // Valid UTF-8 (`é` as C3 A9) beside a stray byte: UTF-8, repaired.
        let doc = TextSource::read(b"Caf\xc3\xa9\t\x96", &Options::default()).unwrap();
        let texts: Vec<&str> = doc.lines()[0].cells.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, ["Café", "\u{fffd}"]);
        assert!(doc.diagnostics[0].message.contains("U+FFFD"));
        // A sequence cut short at the end is no sequence.
        let doc = TextSource::read(b"a\tb\xc3", &Options::default()).unwrap();
        assert_eq!(doc.lines()[0].cells[1].text, "b\u{c3}");
    }

    /// Rows between bars: a cell per bar, cells trimmed, bold kept, a rule
    /// row blank, a line without bars one cell; the cell limit holds.
    #[test]
    fn rows_between_bars() {
        let text = "Judul\n| No | Uraian | Pagu |\n|---|:--:|---|\n| 1 | **Program A** |  | 5.000 |\n| | x |";
        let doc = TextSource::read(text.as_bytes(), &Options::default()).unwrap();
        let lines = doc.lines();
        let cells = |i: usize| -> Vec<(u32, &str, bool)> {
            lines[i]
                .cells
                .iter()
                .map(|c| (c.col, &*c.text, c.bold))
                .collect()
        };
        assert_eq!(cells(0), [(0, "Judul", false)]);
        assert_eq!(
            cells(1),
            [(0, "No", false), (1, "Uraian", false), (2, "Pagu", false)]
        );
        assert!(lines[2].is_blank());
        assert_eq!(
            cells(3),
            [(0, "1", false), (1, "Program A", true), (3, "5.000", false)]
        );
        assert_eq!(cells(4), [(1, "x", false)]);
        let opts = Options {
            max_cells_per_line: 2,
            ..Options::default()
        };
        let doc = TextSource::read(text.as_bytes(), &opts).unwrap();
        assert_eq!(doc.lines()[1].cells.len(), 2);
        assert_eq!(doc.diagnostics[0].code, Code::LineTruncated);
        assert_eq!(doc.diagnostics[0].text.as_deref(), Some("Pagu"));
        // Bars in a tab-separated text are text.
        let doc = TextSource::read(
            b"| a | b |\tc\n| d | e |\n| f | g |\n| h | i |",
            &Options::default(),
        )
        .unwrap();
        assert_eq!(doc.lines()[0].cells[0].text, "| a | b |");
    }

    #[test]
    fn too_many_cells_is_reported() {
        let opts = Options {
            max_cells_per_line: 3,
            ..Options::default()
        };
        let doc = TextSource::read(b"a\tb\tc\td\te", &opts).unwrap();
        assert_eq!(doc.lines()[0].cells.len(), 3);
        assert_eq!(doc.diagnostics[0].code, Code::LineTruncated);
        assert_eq!(doc.diagnostics[0].text.as_deref(), Some("d | e"));
    }
}
