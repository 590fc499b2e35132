//! Working memory a [`Reader`](crate::Reader) keeps between documents: the
//! raw cells and lines of the text reader, the search for the hierarchy.
//! A document's working buffers are some of the largest it makes; reading
//! many documents, each reuses those of one before it, as `regex` keeps its
//! search caches in a pool.

use crate::source::{LineSpan, RawCell, RawLine};
use crate::spare::Spare;
use crate::tree;
use std::sync::Mutex;

/// Buffers larger than this many elements are not kept (a huge document
/// should not hold its memory for the small ones after it).
pub(crate) const MOST_KEPT: usize = 1 << 16;

/// How many sets of buffers a pool keeps: one per thread reading at once,
/// within reason.
const MOST_POOLED: usize = 64;

/// One set of working buffers, empty.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// The text reader's cells, and their lines.
    pub cells: Vec<RawCell<'static>>,
    pub spans: Vec<LineSpan>,
    /// The lines as the pipeline reads them.
    pub lines: Vec<RawLine<'static>>,
    /// The search for parents by the plan's sums.
    pub tree: tree::Buffers<i128>,
    /// The memory of the document read before, when it is read into again.
    pub spare: Spare,
}

impl Scratch {
    /// Keeps the memory of `cells`, emptied, for cells of another input.
    pub(crate) fn keep_cells(&mut self, cells: Vec<RawCell<'_>>) {
        // Collected from an empty vector of the same layout: the memory is
        // kept, only the borrow of the input ends.
        self.cells = emptied(cells)
            .into_iter()
            .map(RawCell::into_owned)
            .collect();
    }

    /// Keeps the memory of `spans`, emptied.
    pub(crate) fn keep_spans(&mut self, spans: Vec<LineSpan>) {
        self.spans = emptied(spans);
    }
}

/// `v` emptied, its memory kept unless it is huge.
fn emptied<T>(mut v: Vec<T>) -> Vec<T> {
    v.clear();
    if v.capacity() > MOST_KEPT {
        return Vec::new();
    }
    v
}

/// The memory of `lines`, emptied, for the lines of another input (none
/// for a huge buffer).
pub(crate) fn emptied_lines(lines: Vec<RawLine<'_>>) -> Vec<RawLine<'static>> {
    emptied(lines)
        .into_iter()
        .map(|_| RawLine::default())
        .collect()
}

/// Sets of working buffers, one taken by each reading.
#[derive(Default)]
pub(crate) struct Pool(Mutex<Vec<Scratch>>);

impl Pool {
    /// A set of buffers: one kept from an earlier reading, or new ones.
    pub(crate) fn take(&self) -> Scratch {
        self.0
            .lock()
            .ok()
            .and_then(|mut kept| kept.pop())
            .unwrap_or_default()
    }

    /// Gives a set of buffers back, for a later reading.
    pub(crate) fn give(&self, mut scratch: Scratch) {
        scratch.tree.trim(MOST_KEPT);
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() < MOST_POOLED {
                kept.push(scratch);
            }
        }
    }
}

impl Clone for Pool {
    /// A new pool: buffers are not shared between readers.
    fn clone(&self) -> Pool {
        Pool::default()
    }
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Pool")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn kept_buffers_keep_their_memory() {
        let text = String::from("a\tb");
        let mut cells = Vec::with_capacity(100);
        cells.push(RawCell {
            col: 0,
            text: Cow::Borrowed(&text[..1]),
            bold: false,
            span: 0,
        });
        let at = cells.as_ptr() as usize;
        let mut scratch = Scratch::default();
        scratch.keep_cells(cells);
        assert!(scratch.cells.is_empty());
        assert_eq!(scratch.cells.capacity(), 100);
        assert_eq!(scratch.cells.as_ptr() as usize, at);
        let mut lines = Vec::with_capacity(10);
        lines.push(RawLine::default());
        let lines = emptied_lines(lines);
        assert!(lines.is_empty() && lines.capacity() == 10);
    }

    #[test]
    fn huge_buffers_are_let_go() {
        let mut scratch = Scratch::default();
        scratch.keep_spans(Vec::with_capacity(MOST_KEPT + 1));
        assert_eq!(scratch.spans.capacity(), 0);
    }

    #[test]
    fn a_pool_gives_back_what_it_kept() {
        let pool = Pool::default();
        let mut scratch = pool.take();
        scratch.spans.reserve(50);
        pool.give(scratch);
        assert!(pool.take().spans.capacity() >= 50);
        assert_eq!(pool.take().spans.capacity(), 0);
    }
}
