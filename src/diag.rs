//! Recoverable findings: what the library noticed, moved, joined or could
//! not place, each with a stable code and the page and line it concerns.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// How much a diagnostic matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A decision the library took that a reader may want to know about
    /// (a cell realigned, a line joined).
    Info,
    /// Something in the document looks wrong or could not be represented
    /// exactly; the output is still complete.
    Warning,
    /// Data could not be placed in the grid; it is kept only in the diagnostic.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $s:literal,)*) => {
        /// A stable code naming what a diagnostic is about.
        ///
        /// Serialized as the snake_case string shown by [`Code::as_str`]; the
        /// strings never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// The stable snake_case name of the code.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $s,)*
                }
            }

            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];
        }
    };
}

codes! {
    /// A cell stood in another column than its header says and was placed by
    /// what it contains.
    CellMoved = "cell_moved",
    /// A line that only continued a cell of the row above was joined to it.
    LineJoined = "line_joined",
    /// A cell could not be placed in any column; its text is in the message.
    CellUnplaced = "cell_unplaced",
    /// A line outside the table (after it, or between its pages) that is
    /// not part of any row.
    OutsideTable = "outside_table",
    /// A numeric column holds text that is not a number (a code, a range, a
    /// comparison); it is kept as text.
    NotANumber = "not_a_number",
    /// A number that reads two ways; the column decided which.
    AmbiguousNumber = "ambiguous_number",
    /// A repeated header band differs from the first one.
    HeaderVariant = "header_variant",
    /// A header column that no column of the schema names; its cells are kept
    /// under the `extra` map of each row.
    HeaderUnmapped = "header_unmapped",
    /// A column of the schema that the header does not name.
    ColumnMissing = "column_missing",
    /// The header band could not be rebuilt cleanly; the columns were taken
    /// from another band or from the schema's order.
    HeaderIncomplete = "header_incomplete",
    /// A line had more cells than the configured limit; the rest were dropped.
    LineTruncated = "line_truncated",
    /// Bytes that are not valid UTF-8 were replaced, or an input holding no
    /// UTF-8 sequence at all was read as windows-1252.
    InvalidUtf8 = "invalid_utf8",
    /// A table of the source names none of the schema's columns (it is not
    /// an action plan) and was left out; its lines follow as `outside_table`.
    TableSkipped = "table_skipped",
    /// The file is damaged (a repaired cross-reference table, a content
    /// stream that stops decoding); some of its content may be missing.
    DamagedFile = "damaged_file",
    /// A page held more than the reader's limits allow; the rest of it was
    /// not read.
    LimitReached = "limit_reached",
    /// A row's amount is not the sum of its parts (a Pagu against its
    /// quarterly APBD/APBN cells).
    AmountSplitMismatch = "amount_split_mismatch",
    /// A row's amount (or one of its parts) is not the sum of the rows under it.
    ChildrenSumMismatch = "children_sum_mismatch",
    /// The total row is not the sum of the top-level rows.
    TotalMismatch = "total_mismatch",
    /// A target that counts things is not the sum of its quarterly targets.
    TargetSplitMismatch = "target_split_mismatch",
    /// The amounts admit no hierarchy; it was built from the rows' own
    /// signals (numbers, prefixes, goal columns) instead.
    HierarchyUnresolved = "hierarchy_unresolved",
    /// The table's grid is probably wrong (columns misplaced, a header not
    /// understood): the measures of its [`Quality`](crate::quality::Quality)
    /// that failed are named in the message.
    LowConfidence = "low_confidence",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One recoverable finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// How much it matters.
    pub severity: Severity,
    /// What it is about.
    pub code: Code,
    /// A sentence for people.
    pub message: String,
    /// The 1-based page it concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// The 1-based line it concerns (for text sources, the line of the file).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
    /// The logical column it concerns (its key, shared by the diagnostics
    /// of a document that name the same column).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<Arc<str>>,
    /// The text of the cell or line it concerns.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub text: Option<String>,
    /// The numbers involved, in the order the message names them (for a
    /// sum: the stated amount, then the sum found).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub numbers: Vec<rust_decimal::Decimal>,
}

impl Diagnostic {
    /// A diagnostic with no position.
    pub fn new(severity: Severity, code: Code, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            code,
            message: message.into(),
            page: None,
            line: None,
            column: None,
            text: None,
            numbers: Vec::new(),
        }
    }

    /// Sets the page and line.
    pub fn at(mut self, page: u32, line: u32) -> Diagnostic {
        self.page = Some(page);
        self.line = Some(line);
        self
    }

    /// Sets the logical column.
    pub fn column(mut self, key: impl Into<Arc<str>>) -> Diagnostic {
        self.column = Some(key.into());
        self
    }

    /// Sets the text concerned.
    pub fn text(mut self, text: impl Into<String>) -> Diagnostic {
        self.text = Some(text.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} [{}]", self.severity, self.code)?;
        if let (Some(p), Some(l)) = (self.page, self.line) {
            write!(f, " page {p} line {l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, " ({c})")?;
        }
        write!(f, ": {}", self.message)
    }
}
