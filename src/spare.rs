//! The memory of a document read before, emptied for the next one to fill
//! ([`crate::Reader::read_bytes_into`]).
//!
//! A document is made of many small values that live until it is dropped:
//! a vector of cells per row, a string per text cell, a message per
//! diagnostic. Reading documents one after another into the same
//! [`Document`](crate::Document) hands those back to the next reading
//! instead of to the allocator, as `csv`'s `read_record` reuses a record.

use crate::diag::Diagnostic;
use crate::grid::{Cell, Document, Row, Value};
use std::sync::Arc;

/// Size classes of spare strings, by capacity: up to 16, 32, … bytes, and
/// one class for longer ones.
const CLASSES: usize = 8;

/// Emptied buffers of an earlier document.
#[derive(Debug, Default)]
pub(crate) struct Spare {
    /// Rows' cell vectors, emptied.
    cells: Vec<Vec<Cell>>,
    /// Strings, emptied, by size class ([`class_holding`]).
    texts: [Vec<String>; CLASSES],
    /// The document being read will be reused in turn: new strings are
    /// made to the bound of their size class, so that they serve any text
    /// of that class next time.
    reusing: bool,
    /// Tables' row vectors, emptied.
    rows: Vec<Vec<Row>>,
    /// The document's diagnostic vector, emptied.
    diagnostics: Vec<Diagnostic>,
    /// The source name.
    source: String,
}

/// The size class a text of `len` bytes is looked for from: the smallest
/// whose bound (16, 32, … bytes) holds it.
fn class_of(len: usize) -> usize {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    (bits.saturating_sub(4) as usize).min(CLASSES - 1)
}

/// The size class a string of capacity `cap` is kept in: the largest whose
/// bound it reaches (the first class for smaller ones), so that a string of
/// any class but the first and the last holds any text looked for from it
/// (in those two, the capacity is checked).
fn class_holding(cap: usize) -> usize {
    let bits = usize::BITS - cap.leading_zeros();
    (bits.saturating_sub(5) as usize).min(CLASSES - 1)
}

impl Spare {
    /// The buffers of `doc`, emptied.
    #[cfg(test)]
    pub(crate) fn of(doc: Document) -> Spare {
        let mut spare = Spare::default();
        spare.take(doc);
        spare
    }

    /// Takes the buffers of `doc`, emptied, for the next reading.
    pub(crate) fn take(&mut self, doc: Document) {
        self.reusing = true;
        let Document {
            mut source,
            preamble,
            title,
            tables,
            mut diagnostics,
            ..
        } = doc;
        self.cells
            .reserve(tables.iter().map(|t| t.rows.len()).sum());
        for table in tables {
            for source in table.header {
                source.path.into_iter().for_each(|p| self.put(p));
                self.put(source.key);
            }
            table.columns.into_iter().for_each(|c| self.put(c));
            let mut rows = table.rows;
            for row in rows.drain(..) {
                let mut cells = row.cells;
                for cell in cells.drain(..) {
                    if let Value::Text(t) = cell.value {
                        self.put(t);
                    }
                }
                self.cells.push(cells);
                for (_, v) in row.extra {
                    if let Value::Text(t) = v {
                        self.put(t);
                    }
                }
            }
            self.rows.push(rows);
        }
        for d in diagnostics.drain(..) {
            if let Some(t) = d.text {
                self.put(t);
            }
            self.put(d.message);
        }
        preamble.into_iter().chain(title).for_each(|t| self.put(t));
        source.clear();
        self.source = source;
        self.diagnostics = diagnostics;
    }

    /// Lets go of what the last reading left unused, keeping the room to
    /// hold a document's buffers (within `most` of each kind).
    pub(crate) fn clear(&mut self, most: usize) {
        for class in &mut self.texts {
            class.clear();
            if class.capacity() > most {
                *class = Vec::new();
            }
        }
        self.cells.clear();
        self.rows.clear();
        if self.cells.capacity() > most {
            self.cells = Vec::new();
        }
        self.diagnostics = Vec::new();
        self.source = String::new();
        self.reusing = false;
    }

    fn put(&mut self, mut s: String) {
        if s.capacity() == 0 {
            return;
        }
        s.clear();
        self.texts[class_holding(s.capacity())].push(s);
    }

    /// A string holding `text`, in a spare buffer where one is large enough.
    pub(crate) fn text(&mut self, text: &str) -> String {
        self.concat(&[text])
    }

    /// The pieces of a message joined: cheaper than `format!` for the
    /// diagnostics a document may have by the hundred.
    pub(crate) fn concat(&mut self, parts: &[&str]) -> String {
        self.concat_path(parts, &[], &[])
    }

    /// `before`, the labels of a header path joined with ` / `, and
    /// `after`, in one string.
    pub(crate) fn concat_path(
        &mut self,
        before: &[&str],
        path: &[Arc<str>],
        after: &[&str],
    ) -> String {
        let len = |parts: &[&str]| parts.iter().map(|p| p.len()).sum::<usize>();
        let joined = path.iter().map(|l| l.len()).sum::<usize>() + 3 * path.len().saturating_sub(1);
        let mut out = self.string(len(before) + joined + len(after));
        before.iter().for_each(|p| out.push_str(p));
        for (i, label) in path.iter().enumerate() {
            if i > 0 {
                out.push_str(" / ");
            }
            out.push_str(label);
        }
        after.iter().for_each(|p| out.push_str(p));
        out
    }

    /// An empty string with room for `len` bytes.
    pub(crate) fn string(&mut self, len: usize) -> String {
        if !self.reusing || len == 0 {
            return String::with_capacity(len);
        }
        let class = class_of(len);
        for kept in &mut self.texts[class..] {
            if let Some(pos) = kept.iter().rposition(|s| s.capacity() >= len) {
                return kept.swap_remove(pos);
            }
        }
        let bound = 16usize << class;
        String::with_capacity(if class < CLASSES - 1 { bound } else { len })
    }

    /// `n` empty cells.
    pub(crate) fn cells(&mut self, n: usize) -> Vec<Cell> {
        let mut cells = self.cells.pop().unwrap_or_default();
        cells.resize_with(n, Cell::default);
        cells
    }

    /// An empty vector of rows with room for `n`.
    pub(crate) fn rows(&mut self, n: usize) -> Vec<Row> {
        let mut rows = self.rows.pop().unwrap_or_default();
        rows.reserve(n);
        rows
    }

    /// The diagnostic vector, empty.
    pub(crate) fn diagnostics(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.diagnostics)
    }

    /// The source name `name`.
    pub(crate) fn source(&mut self, name: &str) -> String {
        let mut s = std::mem::take(&mut self.source);
        s.push_str(name);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_classes() {
        assert_eq!(class_of(0), 0);
        assert_eq!(class_of(1), 0);
        assert_eq!(class_of(16), 0);
        assert_eq!(class_of(17), 1);
        assert_eq!(class_of(32), 1);
        assert_eq!(class_of(33), 2);
        assert_eq!(class_of(1 << 20), CLASSES - 1);
        assert_eq!(class_holding(1), 0);
        assert_eq!(class_holding(31), 0);
        assert_eq!(class_holding(32), 1);
        assert_eq!(class_holding(63), 1);
        assert_eq!(class_holding(64), 2);
        assert_eq!(class_holding(1 << 20), CLASSES - 1);
        // Every string kept in a class holds every text looked for from it.
        for cap in 16..5000 {
            let k = class_holding(cap);
            if k < CLASSES - 1 {
                assert!((1..=cap)
                    .filter(|&len| class_of(len) == k)
                    .all(|len| len <= cap));
            }
        }
    }

    #[test]
    fn a_spare_string_is_large_enough() {
        let mut spare = Spare::of(Document::default());
        spare.put(String::with_capacity(64));
        spare.put(String::with_capacity(20));
        let long = "a text of thirty-three bytes long";
        let s = spare.text(long);
        assert_eq!(s, long);
        assert_eq!(s.capacity(), 64);
        // The 20-byte one is still there for a short text.
        assert_eq!(spare.text("short").capacity(), 20);
        assert!(spare.texts.iter().all(Vec::is_empty));
        assert_eq!(spare.texts.iter().map(Vec::len).sum::<usize>(), 0);
        // None left: a new one, made to its class's bound.
        assert_eq!(spare.text(long).capacity(), 64);
        // Put back, it serves the same text again.
        let again = spare.text(long);
        let at = again.as_ptr();
        spare.put(again);
        let same = spare.text(long);
        assert_eq!(same.as_ptr(), at);
    }

    #[test]
    fn a_fresh_reading_makes_strings_to_size() {
        let mut spare = Spare::default();
        assert_eq!(spare.text("short").capacity(), 5);
        assert_eq!(spare.cells(3).len(), 3);
    }

    #[test]
    fn a_document_gives_back_its_buffers() {
        let bytes = include_bytes!("../testdata/000_774b992758332ae0.txt");
        let doc = crate::Reader::default()
            .read_bytes("seed.txt", bytes)
            .unwrap();
        let rows = doc.tables[0].rows.len();
        let texts = doc.tables[0]
            .rows
            .iter()
            .flat_map(|r| r.cells.iter())
            .filter(|c| matches!(c.value, Value::Text(_)))
            .count();
        let spare = Spare::of(doc);
        assert_eq!(spare.cells.len(), rows);
        assert!(spare.cells.iter().all(|c| c.is_empty() && c.capacity() > 0));
        assert!(spare.texts.iter().map(Vec::len).sum::<usize>() >= texts);
        assert!(spare.texts.iter().flatten().all(String::is_empty));
        assert_eq!(spare.rows.len(), 1);
    }
}
