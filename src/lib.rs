//! # renaksi
//!
//! Indonesian government action-plan tables (Rencana Aksi, Perjanjian
//! Kinerja, Renstra, IKU, LKjIP) into exact, structured data.
//!
//! Agencies publish their performance plans as wide tables: strategic goals,
//! indicators with unit, target and quarterly targets, programs and
//! activities with their budget ceiling (Pagu) split by quarter and by
//! funding source (APBD, APBN), and the responsible unit. renaksi reads them
//! from scanned-to-text output, space-aligned layout text, HTML, PDF text
//! layers and hOCR (the format is detected from the content) and converges on one
//! logical grid, with every number an exact
//! [`Decimal`](rust_decimal::Decimal), every row traced to its page and line,
//! its place in the plan's hierarchy recovered from the plan's own sums, and
//! every decision it took recorded as a [`Diagnostic`].
//!
//! ```
//! use renaksi::{Reader, Value};
//!
//! let text = "RENCANA AKSI TAHUN 2024\n\
//!             No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\tProgram/ Kegiatan\tPagu (Rp)\tPenanggung Jawab\n\
//!             1\t2\t3\t4\t5\t6\t7\t8\n\
//!             1\tMeningkatnya layanan publik\tIndeks kepuasan masyarakat\t%\t85,50\tProgram Pelayanan Publik\t1.250.000.000\tSekretariat\n\
//!             \t\t\tDokumen\t2\t1 Penyusunan Standar Pelayanan\t250.000.000\n";
//! let doc = Reader::default().read_bytes("plan.txt", text.as_bytes())?;
//! let table = &doc.tables[0];
//! assert_eq!(doc.year, Some(2024));
//! assert_eq!(table.rows.len(), 2);
//! assert_eq!(table.get(0, "budget"), Some(&Value::Number(1_250_000_000.into())));
//! assert_eq!(table.get(0, "target").and_then(Value::number).map(|d| d.to_string()), Some("85.50".into()));
//! assert_eq!(table.get(1, "unit"), Some(&Value::Text("Dokumen".into())));
//! # Ok::<(), renaksi::Error>(())
//! ```
//!
//! The pipeline is a chain of small stages, each a module with plain-data
//! output:
//!
//! 1. [`source`] readers turn bytes of one format into lines of raw cells
//!    with their page, line and column position (`text`, `html`; `pdf` and
//!    `layout` through the shared [`geometry`] stage, which turns positioned
//!    words and ruling lines into cells; on an unruled page the columns
//!    come from the header's leaf labels and the gaps down the data);
//! 2. [`band`] finds the header band on every page and rebuilds it into one
//!    header of column paths; where tab-separated text gives its labels no
//!    spans and the band reads more than one way, the data under it (the
//!    types of its cells, the sums that hold) settles which reading is right;
//! 3. [`schema`] maps header paths to the logical columns of a table family;
//! 4. realignment places each line's cells into those columns by what they
//!    contain, and joins lines that only continue a cell;
//! 5. [`number`] reads Indonesian numbers exactly;
//! 6. [`grid`] holds the result and its JSON form, with each row's `parent`
//!    and `level` in the hierarchy the plan's sums force, and the checks of
//!    those sums as diagnostics;
//! 7. [`quality`] measures each finished table (columns mapped, sums held,
//!    cells moved or unplaced, columns holding what their types say) and
//!    warns with [`Code::LowConfidence`] when its grid is probably wrong;
//! 8. [`records`] gives the typed plan and its flat rows (JSON Lines, CSV).
//!
//! Fatal problems (an unreadable file, no table in it) are an [`Error`];
//! everything recoverable is a [`Diagnostic`] on the [`Document`].
//!
//! A [`Reader`] is made once and shared (by threads too); to read many
//! documents, read them into one [`Document`] per thread with
//! [`Reader::read_bytes_into`] or [`Reader::read_path_into`], which reuse
//! the memory of the document read before.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

mod align;
mod assemble;
pub mod band;
pub mod diag;
mod error;
pub mod geometry;
pub mod grid;
pub mod number;
pub mod quality;
pub mod records;
pub mod schema;
mod scratch;
mod settle;
pub mod source;
mod spare;
mod tree;

pub use diag::{Code, Diagnostic, Severity};
pub use error::{Error, ErrorKind, Position, Result};
pub use grid::{Cell, Document, Row, Table, Value};
pub use quality::Quality;
pub use schema::{Arithmetic, Schema};
pub use source::Format;

use source::Source;
use std::io::Read;
use std::path::Path;

/// The README's examples run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// How documents are read. Every field has a documented default
/// ([`Options::default`]).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// The table family to read. Default: [`Schema::renaksi`].
    pub schema: Schema,
    /// Read every input as this format instead of detecting it from the
    /// content. Default: `None` (detect).
    pub format: Option<Format>,
    /// The largest input accepted, in bytes; a larger one is an
    /// [`ErrorKind::LimitExceeded`] error. It also bounds what any one PDF
    /// stream may decompress to. Default: 256 MiB.
    pub max_input_bytes: u64,
    /// The most cells read from one line (for HTML, the widest row in
    /// columns; for layout text, the most words on a line); the rest is
    /// reported in a [`Code::LineTruncated`] diagnostic. Default: 1024.
    pub max_cells_per_line: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            schema: Schema::renaksi(),
            format: None,
            max_input_bytes: 256 * 1024 * 1024,
            max_cells_per_line: 1024,
        }
    }
}

impl Options {
    /// Sets [`Options::schema`].
    pub fn schema(mut self, schema: Schema) -> Options {
        self.schema = schema;
        self
    }

    /// Sets [`Options::format`].
    pub fn format(mut self, format: Format) -> Options {
        self.format = Some(format);
        self
    }

    /// Sets [`Options::max_input_bytes`].
    pub fn max_input_bytes(mut self, bytes: u64) -> Options {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets [`Options::max_cells_per_line`].
    pub fn max_cells_per_line(mut self, cells: usize) -> Options {
        self.max_cells_per_line = cells;
        self
    }
}

/// Reads documents with one set of [`Options`].
///
/// A reader compiles its schema's header vocabulary once: make one and
/// read many documents with it.
#[derive(Debug, Clone)]
pub struct Reader {
    options: Options,
    vocabulary: schema::Vocabulary,
    /// Working buffers kept between documents.
    scratch: scratch::Pool,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader::new(Options::default())
    }
}

impl Reader {
    /// A reader with `options`.
    pub fn new(options: Options) -> Reader {
        let vocabulary = schema::Vocabulary::new(&options.schema);
        Reader {
            options,
            vocabulary,
            scratch: scratch::Pool::default(),
        }
    }

    /// The options in force.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Reads one input held in memory; `name` is recorded as the document's
    /// source.
    pub fn read_bytes(&self, name: &str, bytes: &[u8]) -> Result<Document> {
        self.read_with(name, bytes, None)
    }

    /// Reads one input held in memory into `doc`, replacing what it held,
    /// and reusing its memory: its rows' cell vectors, its text strings and
    /// diagnostic messages are filled again rather than made anew. The way
    /// to read many documents one after another (as `csv`'s `read_record`
    /// reuses a record); the result is the same as [`Reader::read_bytes`].
    /// On an error `doc` is left empty.
    ///
    /// ```
    /// use renaksi::{Document, Reader};
    ///
    /// let reader = Reader::default();
    /// let mut doc = Document::default();
    /// for name in ["000_774b992758332ae0.txt", "variants/alt_header.txt"] {
    ///     let bytes = std::fs::read(format!("testdata/{name}"))?;
    ///     reader.read_bytes_into(name, &bytes, &mut doc)?;
    ///     assert_eq!(doc, reader.read_bytes(name, &bytes)?);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_bytes_into(&self, name: &str, bytes: &[u8], doc: &mut Document) -> Result<()> {
        *doc = self.read_with(name, bytes, Some(std::mem::take(doc)))?;
        Ok(())
    }

    /// Reads an input; `previous`, a document read before, gives its memory.
    fn read_with(&self, name: &str, bytes: &[u8], previous: Option<Document>) -> Result<Document> {
        let size = bytes.len() as u64;
        if size > self.options.max_input_bytes {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "input size",
                limit: self.options.max_input_bytes,
                actual: size,
            }));
        }
        let format = match self.options.format {
            Some(f) => f,
            None => source::detect(bytes)?,
        };
        let mut scratch = self.scratch.take();
        if let Some(doc) = previous {
            scratch.spare.take(doc);
        }
        let mut raw = match format {
            Format::Text => {
                let buffers = source::RawDocument {
                    cells: std::mem::take(&mut scratch.cells),
                    spans: std::mem::take(&mut scratch.spans),
                    ..Default::default()
                };
                source::text::read_into(bytes, &self.options, buffers)
            }
            Format::Html => source::html::HtmlSource::read(bytes, &self.options)?,
            Format::Pdf => source::pdf::PdfSource::read(bytes, &self.options)?,
            Format::Layout => source::layout::LayoutSource::read(bytes, &self.options)?,
            Format::Hocr => source::hocr::HocrSource::read(bytes, &self.options)?,
        };
        let doc = assemble::assemble(
            &mut raw,
            (format, name),
            (&self.options.schema, &self.vocabulary),
            (&mut scratch.spare, &mut scratch.lines),
        );
        scratch.spare.clear(scratch::MOST_KEPT);
        scratch.keep_cells(raw.cells);
        scratch.keep_spans(raw.spans);
        let doc = doc.map(|mut doc| {
            let Document {
                tables,
                diagnostics,
                ..
            } = &mut doc;
            for table in tables {
                tree::build(table, &self.options.schema, diagnostics, &mut scratch.tree);
                quality::assess(table, &self.options.schema, diagnostics);
            }
            doc
        });
        self.scratch.give(scratch);
        doc
    }

    /// Reads one file; its file name is recorded as the document's source.
    pub fn read_path(&self, path: impl AsRef<Path>) -> Result<Document> {
        let (name, bytes) = self.load(path.as_ref())?;
        self.read_bytes(&name, &bytes)
    }

    /// Reads one file into `doc`, reusing its memory as
    /// [`Reader::read_bytes_into`] does: the way to convert an archive,
    /// one document per worker read again and again. On an error `doc` is
    /// left empty.
    pub fn read_path_into(&self, path: impl AsRef<Path>, doc: &mut Document) -> Result<()> {
        match self.load(path.as_ref()) {
            Ok((name, bytes)) => self.read_bytes_into(&name, &bytes, doc),
            Err(e) => {
                *doc = Document::default();
                Err(e)
            }
        }
    }

    /// The bytes of a file, within the input limit, and its name.
    fn load(&self, path: &Path) -> Result<(String, Vec<u8>)> {
        let file = std::fs::File::open(path)?;
        let limit = self.options.max_input_bytes;
        let mut bytes = Vec::new();
        file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > limit {
            let actual = std::fs::metadata(path).map_or(limit + 1, |m| m.len());
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "input size",
                limit,
                actual,
            }));
        }
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Ok((name, bytes))
    }
}

/// Reads one file with the default [`Options`].
pub fn read_path(path: impl AsRef<Path>) -> Result<Document> {
    Reader::default().read_path(path)
}

/// Reads one input held in memory with the default [`Options`].
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Document> {
    Reader::default().read_bytes(name, bytes)
}
