//! HTML tables, as published or as office suites save them.
//!
//! The document is parsed with `scraper` (html5ever, the browsers' parsing
//! algorithm, so unclosed tags and stray markup end where a browser would end
//! them). Every `<table>` becomes one block of lines, one line per `<tr>` in
//! document order (`thead`, `tbody`, `tfoot` and bare rows alike). A table
//! nested inside a cell is not part of that cell: it becomes a block of its
//! own after its parent.
//!
//! `rowspan` and `colspan` are expanded into an occupancy grid: a cell's
//! column position is the first grid column it covers, so a header label and
//! a data value stand where a text converter would have put them; the text
//! belongs to the first cell of the span only. Spans are clamped (`colspan`
//! at most 1000, `rowspan` at most 65534 and never past the row group,
//! `rowspan=0` to the end of the group) and a row never grows past
//! [`Options::max_cells_per_line`] columns, so no attribute can make the
//! reader allocate without bound.
//!
//! Inside a cell, `<br>`, `<p>`, `<div>`, `<li>` and headings break lines;
//! the lines are joined with single spaces, like wrapped lines. Entities and
//! no-break spaces are decoded. A cell is bold when most of its text is:
//! `<b>`, `<strong>`, `<th>`, `font-weight` in a `style` attribute, or a class
//! that the document's own `<style>` makes bold (as office suites write it).
//!
//! Text outside tables (`<title>`, headings, paragraphs) becomes one-cell
//! lines of blocks of their own, so the title above the table is found. Line
//! numbers are those of the `<tr>` (or other start tag) in the source.

use super::{decode, Format, RawCell, RawDocument, Source};

use crate::error::Result;
use crate::Options;
use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

/// The HTML table reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct HtmlSource;

/// The widest `colspan` honoured.
const MAX_COLSPAN: u32 = 1000;
/// The longest `rowspan` honoured.
const MAX_ROWSPAN: u32 = 65534;

impl Source for HtmlSource {
    const FORMAT: Format = Format::Html;

    fn read<'a>(bytes: &'a [u8], options: &Options) -> Result<RawDocument<'a>> {
        let mut doc = RawDocument::default();
        let declared = declared_charset(bytes);
        let text = decode(bytes, declared.as_deref(), &mut doc.diagnostics);
        let html = Html::parse_document(&text);
        let mut reader = Reader {
            options,
            bold_classes: bold_classes(&html),
            lines: TagLines::scan(&text),
            doc,
            block: 0,
            tables: 0,
        };
        reader.document(html.tree.root());
        let mut doc = reader.doc;
        doc.paged = reader.tables > 1;
        Ok(doc)
    }
}

struct Reader<'a> {
    options: &'a Options,
    bold_classes: HashSet<String>,
    lines: TagLines,
    doc: RawDocument<'static>,
    /// The block the next lines belong to.
    block: u32,
    /// Tables read so far; the page of a table's lines.
    tables: u32,
}

/// Elements whose content is never text of the document.
fn is_hidden(name: &str) -> bool {
    matches!(name, "script" | "style" | "template" | "noscript" | "xml")
}

/// Elements that break lines.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "tr"
            | "caption"
            | "title"
            | "blockquote"
            | "pre"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "center"
            | "hr"
            | "dt"
            | "dd"
    )
}

impl Reader<'_> {
    /// Walks the document: free text becomes one-cell lines, each table a
    /// block of lines.
    fn document(&mut self, root: NodeRef<'_, Node>) {
        let mut text = Pending::default();
        let mut skip: Option<ego_tree::NodeId> = None;
        let mut nested: Vec<NodeRef<'_, Node>> = Vec::new();
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => text.push(t, false),
                        Node::Element(e) => {
                            let name = e.name();
                            if name == "title" {
                                // `head` is hidden, but its title is the document's name.
                                self.free_text(&mut text);
                                let line = self.lines.next("title");
                                text.line = line;
                                text.push(&node_text(node), false);
                                self.free_text(&mut text);
                                skip = Some(node.id());
                            } else if name == "table" {
                                self.free_text(&mut text);
                                skip = Some(node.id());
                                self.table(node, &mut nested);
                                while let Some(inner) = nested.pop() {
                                    self.table(inner, &mut nested);
                                }
                            } else if is_hidden(name) {
                                skip = Some(node.id());
                            } else if is_block(name) {
                                self.free_text(&mut text);
                                text.line = self.lines.next(name);
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if skip == Some(node.id()) {
                        skip = None;
                    } else if skip.is_none() {
                        if let Node::Element(e) = node.value() {
                            if is_block(e.name()) {
                                self.free_text(&mut text);
                            }
                        }
                    }
                }
            }
        }
        self.free_text(&mut text);
    }

    /// Emits the free text gathered so far as one-cell lines of one block.
    fn free_text(&mut self, pending: &mut Pending) {
        let line_no = pending.line;
        let lines = pending.take();
        if lines.is_empty() {
            return;
        }
        self.block += 1;
        for (text, bold) in lines {
            self.doc.cells.push(RawCell {
                col: 0,
                text: text.into(),
                bold,
                span: 0,
            });
            self.end_line(self.tables.max(1), line_no, 1);
        }
    }

    /// Reads one table into a block of lines; tables nested in its cells
    /// are pushed onto `nested`.
    fn table<'t>(&mut self, table: NodeRef<'t, Node>, nested: &mut Vec<NodeRef<'t, Node>>) {
        self.block += 1;
        self.tables += 1;
        let page = self.tables;
        let max_cols = self.options.max_cells_per_line.max(1);
        // Per grid column: the row index up to which a rowspan above takes it.
        let mut taken: Vec<u32> = Vec::new();
        let mut row_index = 0u32;
        let mut inner_tables = Vec::new();
        for group in table.children() {
            let Some(el) = group.value().as_element() else {
                continue;
            };
            let rows: Vec<NodeRef<'t, Node>> = match el.name() {
                "thead" | "tbody" | "tfoot" => {
                    // Rowspans never reach past their row group.
                    taken.clear();
                    group.children().filter(|n| is_element(n, "tr")).collect()
                }
                "tr" => vec![group],
                "caption" => {
                    let text = collapse(&node_text(group));
                    if !text.is_empty() {
                        let line = self.lines.next("caption");
                        self.doc.cells.push(cell(0, 0, text, false));
                        self.end_line(page, line, 1);
                    }
                    continue;
                }
                _ => continue,
            };
            let group_end = row_index.saturating_add(u32::try_from(rows.len()).unwrap_or(u32::MAX));
            for tr in rows {
                let line = self.lines.next("tr");
                // The row's cells go straight onto the document's list.
                let mut col = 0usize;
                let mut dropped: Vec<String> = Vec::new();
                for td in tr.children() {
                    let Some(el) = td.value().as_element() else {
                        continue;
                    };
                    if !matches!(el.name(), "td" | "th") {
                        continue;
                    }
                    while taken.get(col).is_some_and(|&until| until > row_index) {
                        col += 1;
                    }
                    let (text, bold) = self.cell_text(td, el, &mut inner_tables);
                    if col >= max_cols {
                        if !text.is_empty() {
                            dropped.push(text);
                        }
                        continue;
                    }
                    let colspan = span(el.attr("colspan"), MAX_COLSPAN).max(1);
                    let rowspan = match span(el.attr("rowspan"), MAX_ROWSPAN) {
                        0 => group_end.saturating_sub(row_index),
                        n => n,
                    };
                    let end = (col + colspan as usize).min(max_cols);
                    if rowspan > 1 {
                        if taken.len() < end {
                            taken.resize(end, 0);
                        }
                        let until = row_index.saturating_add(rowspan).min(group_end);
                        for t in &mut taken[col..end] {
                            *t = until;
                        }
                    }
                    if !text.is_empty() {
                        self.doc.cells.push(cell(col, end - col, text, bold));
                    }
                    col = end;
                }
                if !dropped.is_empty() {
                    self.truncated(page, line, &dropped);
                }
                let width = col.max(
                    taken
                        .iter()
                        .rposition(|&u| u > row_index)
                        .map_or(0, |p| p + 1),
                );
                self.end_line(page, line, width);
                row_index = row_index.saturating_add(1);
            }
        }
        nested.extend(inner_tables.into_iter().rev());
    }

    /// Ends a line of the current block: its cells are those pushed since
    /// the last line ended.
    fn end_line(&mut self, page: u32, line: u32, width: usize) {
        let width = u32::try_from(width).unwrap_or(u32::MAX);
        self.doc.end_line(page, line, width, self.block);
    }

    fn truncated(&mut self, page: u32, line: u32, dropped: &[String]) {
        self.doc.diagnostics.push(super::truncated(
            page,
            line,
            self.options.max_cells_per_line,
            "columns",
            dropped,
        ));
    }

    /// The text of one cell, its lines joined with single spaces, and
    /// whether most of it is bold. Tables inside the cell are left out and
    /// pushed onto `inner`.
    fn cell_text<'t>(
        &self,
        td: NodeRef<'t, Node>,
        el: &Element,
        inner: &mut Vec<NodeRef<'t, Node>>,
    ) -> (String, bool) {
        let mut pending = Pending::default();
        let mut skip: Option<ego_tree::NodeId> = None;
        // How many open elements make the text bold.
        let mut bold_depth = 0usize;
        let cell_bold = el.name() == "th" || self.is_bold(el);
        for edge in td.traverse() {
            match edge {
                Edge::Open(node) => {
                    if skip.is_some() || node.id() == td.id() {
                        continue;
                    }
                    match node.value() {
                        Node::Text(t) => pending.push(t, cell_bold || bold_depth > 0),
                        Node::Element(e) => {
                            let name = e.name();
                            if name == "table" {
                                inner.push(node);
                                skip = Some(node.id());
                            } else if is_hidden(name) {
                                skip = Some(node.id());
                            } else {
                                if is_block(name) {
                                    pending.newline();
                                }
                                if self.is_bold(e) {
                                    bold_depth += 1;
                                }
                            }
                        }
                        _ => {}
                    }
                }
                Edge::Close(node) => {
                    if node.id() == td.id() {
                        continue;
                    }
                    if skip == Some(node.id()) {
                        skip = None;
                        pending.newline();
                    } else if skip.is_none() {
                        if let Node::Element(e) = node.value() {
                            if is_block(e.name()) {
                                pending.newline();
                            }
                            if self.is_bold(e) {
                                bold_depth = bold_depth.saturating_sub(1);
                            }
                        }
                    }
                }
            }
        }
        let bold = pending.bold_chars * 2 > pending.chars;
        let text = join_lines(pending.take().into_iter().map(|(t, _)| t));
        let bold = bold && !text.is_empty();
        (text, bold)
    }

    /// The element makes its content bold.
    fn is_bold(&self, el: &Element) -> bool {
        if matches!(el.name(), "b" | "strong") {
            return true;
        }
        if el.attr("style").is_some_and(style_is_bold) {
            return true;
        }
        !self.bold_classes.is_empty()
            && el
                .classes()
                .any(|c| self.bold_classes.contains(&c.to_ascii_lowercase()))
    }
}

fn is_element(node: &NodeRef<'_, Node>, name: &str) -> bool {
    node.value().as_element().is_some_and(|e| e.name() == name)
}

fn cell(col: usize, span: usize, text: String, bold: bool) -> RawCell<'static> {
    RawCell {
        col: u32::try_from(col).unwrap_or(u32::MAX),
        text: text.into(),
        bold,
        span: u32::try_from(span).unwrap_or(u32::MAX),
    }
}

/// A span attribute as a number, clamped to `max`; absent or unreadable is 1.
fn span(attr: Option<&str>, max: u32) -> u32 {
    let Some(a) = attr else { return 1 };
    let digits: String = a
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(12)
        .collect();
    match digits.parse::<u64>() {
        Ok(n) => u32::try_from(n.min(u64::from(max))).unwrap_or(max),
        Err(_) => 1,
    }
}

/// Joins a cell's lines with single spaces, except a number broken over
/// two lines at a separator (`5.274.429.` / `360`), which joins whole.
fn join_lines(lines: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for line in lines {
        if !out.is_empty() {
            let (a, b) = (out.as_bytes(), line.as_bytes());
            let last = a[a.len() - 1];
            let first = b.first().copied().unwrap_or(b' ');
            let sep = |c: u8| c == b'.' || c == b',';
            let digit_before = a.len() >= 2 && a[a.len() - 2].is_ascii_digit();
            let digit_after = b.get(1).is_some_and(u8::is_ascii_digit);
            let broken = (sep(last) && digit_before && first.is_ascii_digit())
                || (last.is_ascii_digit() && sep(first) && digit_after);
            if !broken {
                out.push(' ');
            }
        }
        out.push_str(&line);
    }
    out
}

/// All text under a node, hidden elements left out.
fn node_text(node: NodeRef<'_, Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(t);
        }
    }
    out
}

/// Collapses white space (no-break spaces included) to single spaces.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Text gathered line by line, with a count of bold characters.
#[derive(Default)]
struct Pending {
    lines: Vec<(String, bool)>,
    current: String,
    current_bold: usize,
    current_chars: usize,
    chars: usize,
    bold_chars: usize,
    /// The source line the text starts on.
    line: u32,
}

impl Pending {
    fn push(&mut self, text: &str, bold: bool) {
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        self.chars += visible;
        self.current_chars += visible;
        if bold {
            self.bold_chars += visible;
            self.current_bold += visible;
        }
        self.current.push_str(text);
    }

    fn newline(&mut self) {
        let text = collapse(&self.current);
        if !text.is_empty() {
            let bold = self.current_bold * 2 > self.current_chars;
            self.lines.push((text, bold));
        }
        self.current.clear();
        self.current_bold = 0;
        self.current_chars = 0;
    }

    fn take(&mut self) -> Vec<(String, bool)> {
        self.newline();
        self.chars = 0;
        self.bold_chars = 0;
        std::mem::take(&mut self.lines)
    }
}

/// `font-weight: bold` (or 600 and more) in a `style` attribute or rule.
fn style_is_bold(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        if !prop.trim().eq_ignore_ascii_case("font-weight") {
            return false;
        }
        let v = value
            .trim()
            .trim_end_matches("!important")
            .trim()
            .to_ascii_lowercase();
        v == "bold" || v == "bolder" || v.parse::<u32>().is_ok_and(|w| w >= 600)
    })
}

/// Class names that the document's `<style>` rules make bold (`.xl65 {
/// font-weight: 700 }`, `td.b { … }`), lower-cased.
fn bold_classes(html: &Html) -> HashSet<String> {
    let mut out = HashSet::new();
    for node in html.tree.root().descendants() {
        if !is_element(&node, "style") {
            continue;
        }
        let css = strip_css_comments(&node_text(node));
        let mut rest = css.as_str();
        while let Some(open) = rest.find('{') {
            let selectors = &rest[..open];
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let body = &rest[open + 1..open + close];
            rest = &rest[open + close + 1..];
            // An at-rule's own braces (`@media … {`) open no declarations.
            let selectors = selectors.rsplit('}').next().unwrap_or(selectors);
            let selectors = match selectors.rfind('{') {
                Some(i) => &selectors[i + 1..],
                None => selectors,
            };
            if !style_is_bold(body) {
                continue;
            }
            for sel in selectors.split(',') {
                let last = sel.split_whitespace().last().unwrap_or("");
                for class in last.split('.').skip(1) {
                    let name: String = class
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        out.insert(name.to_ascii_lowercase());
                    }
                }
            }
        }
    }
    out
}

fn strip_css_comments(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        match rest[i + 2..].find("*/") {
            Some(j) => rest = &rest[i + 2 + j + 2..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// The charset a document declares in its first bytes (`<meta charset>` or
/// `content="text/html; charset=…"`), lower-cased.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let name: String = lower[at..]
        .iter()
        .skip_while(|&&b| b == b'"' || b == b'\'' || b == b' ')
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b':')
        .map(|&b| char::from(b))
        .collect();
    (!name.is_empty()).then_some(name)
}

/// Line numbers of start tags, by name, in source order; handed out one by
/// one as the parsed tree meets the elements.
struct TagLines {
    by_name: HashMap<String, (Vec<u32>, usize)>,
}

impl TagLines {
    /// Scans the source for start tags, skipping comments, scripts and styles.
    fn scan(text: &str) -> TagLines {
        let mut by_name: HashMap<String, (Vec<u32>, usize)> = HashMap::new();
        let bytes = text.as_bytes();
        let mut line = 1u32;
        let mut i = 0;
        let mut last = 0;
        while let Some(off) = memchr_lt(&bytes[i..]) {
            let at = i + off;
            line = line.saturating_add(count_newlines(&bytes[last..at]));
            last = at;
            let rest = &bytes[at..];
            if rest.starts_with(b"<!--") {
                i = find(rest, b"-->").map_or(bytes.len(), |e| at + e + 3);
                continue;
            }
            let name: Vec<u8> = rest[1..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || **b == b':')
                .take(16)
                .map(u8::to_ascii_lowercase)
                .collect();
            i = at + 1;
            if name.is_empty() {
                continue;
            }
            if name == b"script" || name == b"style" {
                let close: &[u8] = if name == b"script" {
                    b"</script"
                } else {
                    b"</style"
                };
                let lower: Vec<u8> = rest
                    .iter()
                    .take(1 << 24)
                    .map(u8::to_ascii_lowercase)
                    .collect();
                i = find(&lower, close).map_or(bytes.len(), |e| at + e);
                continue;
            }
            let name = String::from_utf8_lossy(&name).into_owned();
            by_name.entry(name).or_default().0.push(line);
        }
        TagLines { by_name }
    }

    /// The line of the next start tag named `name`; 0 once they run out.
    fn next(&mut self, name: &str) -> u32 {
        match self.by_name.get_mut(name) {
            Some((lines, at)) => {
                let l = lines.get(*at).copied().unwrap_or(0);
                *at += 1;
                l
            }
            None => 0,
        }
    }
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

fn count_newlines(b: &[u8]) -> u32 {
    u32::try_from(b.iter().filter(|&&c| c == b'\n').count()).unwrap_or(u32::MAX)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::RawLine;

    fn read(html: &str) -> RawDocument<'_> {
        HtmlSource::read(html.as_bytes(), &Options::default()).unwrap()
    }

    fn cells<'a>(line: &RawLine<'a>) -> Vec<(u32, &'a str)> {
        line.cells.iter().map(|c| (c.col, &*c.text)).collect()
    }

    #[test]
    fn spans_place_cells_on_the_grid() {
        let doc = read(
            "<table>\n<tr><th rowspan=2>No</th><th colspan=2>A</th><th>Z</th></tr>\n\
             <tr><th>a1</th><th>a2</th><th>z</th></tr>\n<tr><td>1</td><td>x</td><td>y</td><td>w</td></tr></table>",
        );
        let rows: Vec<_> = doc.lines().into_iter().filter(|l| l.block == 1).collect();
        assert_eq!(cells(&rows[0]), vec![(0, "No"), (1, "A"), (3, "Z")]);
        assert_eq!(cells(&rows[1]), vec![(1, "a1"), (2, "a2"), (3, "z")]);
        assert_eq!(
            cells(&rows[2]),
            vec![(0, "1"), (1, "x"), (2, "y"), (3, "w")]
        );
        assert_eq!(
            rows.iter().map(|l| l.line).collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
        assert!(rows[0].cells[0].bold && !rows[2].cells[0].bold);
    }

    #[test]
    fn numbers_broken_over_lines_join_whole() {
        let doc = read("<table><tr><td>5.274.429.<br>360</td><td>Program<br>Kerja</td><td>1.500<br>.000</td></tr></table>");
        let texts: Vec<&str> = doc.lines()[0].cells.iter().map(|c| &*c.text).collect();
        assert_eq!(texts, vec!["5.274.429.360", "Program Kerja", "1.500.000"]);
    }

    #[test]
    fn hostile_spans_are_clamped() {
        let doc = read("<table><tr><td colspan=1000000000>a</td><td rowspan=999999999>b</td></tr><tr><td>c</td></tr></table>");
        let rows: Vec<_> = doc.lines().into_iter().filter(|l| !l.is_blank()).collect();
        assert_eq!(cells(&rows[0]), vec![(0, "a"), (1000, "b")]);
        assert_eq!(cells(&rows[1]), vec![(0, "c")]);
    }

    #[test]
    fn cell_text_lines_and_bold() {
        let doc = read(
            "<style>.xl65 { font-weight: 700 }</style><table><tr>\
             <td>Program<br>Pembinaan&nbsp;&amp; <i>Kerja</i></td>\
             <td class=xl65>1.000</td><td><span style='font-weight:bold'>2</span></td>\
             <td><p>a</p><p>b</p><table><tr><td>inner</td></tr></table></td></tr></table>",
        );
        let outer: Vec<_> = doc.lines().into_iter().filter(|l| l.block == 1).collect();
        assert_eq!(
            cells(&outer[0]),
            vec![
                (0, "Program Pembinaan & Kerja"),
                (1, "1.000"),
                (2, "2"),
                (3, "a b")
            ]
        );
        let bold: Vec<bool> = outer[0].cells.iter().map(|c| c.bold).collect();
        assert_eq!(bold, vec![false, true, true, false]);
        let inner: Vec<_> = doc.lines().into_iter().filter(|l| l.block == 2).collect();
        assert_eq!(cells(&inner[0]), vec![(0, "inner")]);
    }

    #[test]
    fn free_text_and_charset() {
        let mut bytes = b"<html><head><meta charset=windows-1252><title>Rencana 2023</title></head><body><h1>Dinas \x96 Kab</h1><table><tr><td>Caf\xe9</td></tr></table>".to_vec();
        bytes.extend_from_slice(b"</body></html>");
        let doc = HtmlSource::read(&bytes, &Options::default()).unwrap();
        let texts: Vec<&str> = doc.cells.iter().map(|c| &*c.text).collect();
        assert_eq!(
            texts,
            vec!["Rencana 2023", "Dinas \u{2013} Kab", "Caf\u{e9}"]
        );
        assert!(doc.diagnostics.is_empty());
    }
}
