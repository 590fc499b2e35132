//! The fatal errors: a file that cannot be read as an action plan at all.
//!
//! Everything recoverable (a drifted cell, an ambiguous number, a sum that
//! does not add up) is a [`Diagnostic`](crate::Diagnostic) on the document
//! instead; an [`Error`] means there is no document.

use std::fmt;

/// Where in the input an error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    page: Option<u32>,
    line: Option<u32>,
    byte: Option<u64>,
}

impl Position {
    /// A position at a page and line (both 1-based).
    pub fn at_line(page: u32, line: u32) -> Position {
        Position {
            page: Some(page),
            line: Some(line),
            byte: None,
        }
    }

    /// A position at a byte offset of the input.
    pub fn at_byte(byte: u64) -> Position {
        Position {
            byte: Some(byte),
            ..Position::default()
        }
    }

    /// The 1-based page, where known.
    pub fn page(&self) -> Option<u32> {
        self.page
    }

    /// The 1-based line, where known.
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// The byte offset in the input, where known.
    pub fn byte(&self) -> Option<u64> {
        self.byte
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(p) = self.page {
            write!(f, "page {p}")?;
            sep = ", ";
        }
        if let Some(l) = self.line {
            write!(f, "{sep}line {l}")?;
            sep = ", ";
        }
        if let Some(b) = self.byte {
            write!(f, "{sep}byte {b}")?;
        }
        Ok(())
    }
}

/// The kind of a fatal error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading the input failed.
    #[error("cannot read input: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no content at all.
    #[error("the input is empty")]
    Empty,
    /// The input is not text, HTML or PDF (binary bytes of another kind).
    #[error("the input is not a supported format ({0})")]
    UnsupportedFormat(String),
    /// The input is larger than [`Options::max_input_bytes`](crate::Options::max_input_bytes)
    /// or another configured limit.
    #[error("the input exceeds a limit: {what} ({actual} > {limit})")]
    LimitExceeded {
        /// Which limit.
        what: &'static str,
        /// The configured limit.
        limit: u64,
        /// What the input needed.
        actual: u64,
    },
    /// The input was read, but no action-plan table was found in it.
    #[error("no action-plan table found: {0}")]
    NoTable(String),
    /// The input is a PDF that needs a password.
    #[error("the PDF is encrypted")]
    Encrypted,
    /// The input is malformed beyond recovery.
    #[error("malformed input: {0}")]
    Malformed(String),
    /// The input holds no text to read (a PDF of scanned images).
    #[error("no text: {0}")]
    NoText(String),
}

/// A fatal error: the input cannot be turned into a document.
///
/// It is small (one pointer) so that `Result<Document, Error>` stays cheap;
/// [`kind`](Error::kind) tells what went wrong and
/// [`position`](Error::position) where, when known.
#[derive(Debug)]
pub struct Error(Box<Inner>);

#[derive(Debug)]
struct Inner {
    kind: ErrorKind,
    position: Option<Position>,
}

impl Error {
    /// An error of `kind` with no position.
    pub fn new(kind: ErrorKind) -> Error {
        Error(Box::new(Inner {
            kind,
            position: None,
        }))
    }

    /// An error of `kind` at `position`.
    pub fn at(kind: ErrorKind, position: Position) -> Error {
        Error(Box::new(Inner {
            kind,
            position: Some(position),
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Where it went wrong, when known.
    pub fn position(&self) -> Option<Position> {
        self.0.position
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        self.0.kind
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.position {
            Some(p) => write!(f, "{} (at {p})", self.0.kind),
            None => write!(f, "{}", self.0.kind),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.0.kind {
            ErrorKind::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error::new(kind)
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Error {
        Error::new(ErrorKind::Io(e))
    }
}

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
