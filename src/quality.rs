//! How far a table's grid can be trusted, measured from the grid itself.
//!
//! A plan laid out unlike the ones the crate knows can come out wrong in a
//! way no single decision shows: every amount a column to the right, a
//! budget column read as the program column, a header whose words the
//! schema does not know so that the columns fall back to the schema's
//! order. Each decision behind such a grid is only an `info` diagnostic
//! (`cell_moved`, `column_missing`, `header_unmapped`); together they are
//! visible in the finished table. This stage runs after the hierarchy and
//! the checks, reads the table, its header mapping and the counts of the
//! diagnostics the table's cells got, and writes a [`Quality`] onto the
//! table; where the measures show the grid is probably wrong, it adds a
//! [`Code::LowConfidence`] warning naming the measures that failed.
//!
//! The evidence, each measure with its [`Bound`] (the constants say why
//! each value: what a correct grid shows, what a misplaced one shows):
//!
//! - **columns mapped**: of the schema's columns, how many the header names
//!   ([`MAPPED`]);
//! - **amounts equal to their parts**: of the rows stating an amount or its
//!   parts, how many amounts equal the sum of their parts, the sum the
//!   schema declares in [`Arithmetic`] ([`SPLIT_BALANCED`]);
//! - **targets consistent with their quarters**: of the rows stating
//!   quarterly targets, how many targets are their sum or their largest
//!   ([`TARGETS_CONSISTENT`]);
//! - **amounts equal to their children's**: of the rows with rows under
//!   them and an amount, how many amounts equal the sum of their children's
//!   ([`CHILDREN_BALANCED`]); the three shares are judged from [`MIN_ROWS`]
//!   rows on;
//! - **cells unplaced** ([`UNPLACED`]) and **cells moved** ([`MOVED`]), as
//!   shares of the table's cells;
//! - **numeric cells not numbers**: of the non-empty cells of numeric
//!   columns, how many hold text ([`NOT_NUMBERS`]);
//! - **columns misfit**: columns whose declared type most of their values
//!   contradict: a numeric column full of words, a text column full of
//!   numbers, a target column full of amounts ([`MAX_MISFIT_COLUMNS`]);
//! - **sums unnamed**: the amount or the target not named by a header that
//!   names their parts (a doubt: a plan may drop the target and keep its
//!   quarters);
//! - **columns unknown**: schema columns the header does not name while
//!   cells stand under header columns the schema does not know, most
//!   likely the same columns in other words ([`Quality::columns_unknown`]).
//!
//! A grid is probably wrong when one measure is past its `wrong` bound, a
//! column is misfit, columns are unknown, or [`MIN_DOUBTS`] doubts hold
//! together (measures past their `doubtful` bounds, sums unnamed).
//!
//! The pass reads each cell once and allocates only per table (a counter
//! per column, a sum per row).

use crate::diag::{Code, Diagnostic, Severity};
use crate::grid::{Table, Value};
use crate::schema::{Arithmetic, Schema, ValueType};
use rust_decimal::Decimal;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::fmt::Write as _;

/// The bounds of one measure: a grid past `wrong` is probably wrong on that
/// measure alone; one past `doubtful` is in doubt, and [`MIN_DOUBTS`]
/// measures in doubt together make it probably wrong (a misread rarely
/// shows in one measure only, and a real plan's quirks rarely in two).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// Past this the grid is probably wrong.
    pub wrong: f64,
    /// Past this the measure is in doubt.
    pub doubtful: f64,
}

/// How many measures in doubt make a grid probably wrong.
pub const MIN_DOUBTS: usize = 2;

/// The fewest rows a share of rows is judged on: below that, one odd row
/// would decide.
pub const MIN_ROWS: usize = 3;

/// Of the header's columns, the least share the schema must know.
///
/// A plan of the family has few columns the schema does not know (a
/// `Keterangan`, a code column: the seed 0 of 20, a 12-column plan with a
/// note column 1 of 12), whatever columns it leaves out (a plan without
/// APBN columns or quarterly targets names all it has); a header in words
/// the schema does not know leaves most of its columns unknown, and the
/// schema's columns are then read by content alone.
pub const MAPPED: Bound = Bound {
    wrong: 0.5,
    doubtful: 0.8,
};

/// Of the rows stating an amount or one of its parts, the least share whose
/// amount is the sum of its parts.
///
/// The sum is the family's own (a Pagu is its eight quarterly APBD/APBN
/// cells): in a correct grid of a real plan it holds on every row (the
/// seed: 66 of 66) or all but a few typing errors; in a grid whose money
/// columns are misplaced by even one column (the Pagu read from a quarter,
/// a quarter from the next, the Pagu left in the program column) it holds
/// on almost none, since a sum of other cells equals a cell only by chance.
pub const SPLIT_BALANCED: Bound = Bound {
    wrong: 0.75,
    doubtful: 0.95,
};

/// Of the rows stating quarterly targets, the least share whose target is
/// the sum of its quarters or the largest of them.
///
/// A real plan keeps one of the two on most rows (the seed on 54 of 57:
/// three typing errors its checks report and two rates whose quarters are
/// steps; plans drawn at random in the tests, whose rates have random
/// quarters, on two thirds or more): the bounds sit below that; a
/// grid whose target columns are misplaced reads a quarter as the target,
/// or a unit where the target stood, and keeps it on few.
pub const TARGETS_CONSISTENT: Bound = Bound {
    wrong: 0.4,
    doubtful: 0.6,
};

/// Of the rows with rows under them and an amount, the least share whose
/// amount is the sum of the amounts directly under them.
///
/// Where the hierarchy comes from the sums every parent holds (every
/// fixture: 18 of 18); where the amounts admit no hierarchy (a misplaced
/// amount column) it is built from the rows' signals and most parents
/// fail. A real plan with a mistake in a sum fails at that parent and its
/// ancestors only.
pub const CHILDREN_BALANCED: Bound = Bound {
    wrong: 0.6,
    doubtful: 0.9,
};

/// Of the cells read, the greatest share that may stay unplaced.
///
/// A correct grid places every cell (every fixture: none unplaced); a cell
/// is unplaced when its line has more cells than the columns around them
/// can take, which a header on the wrong columns gives on many lines.
pub const UNPLACED: Bound = Bound {
    wrong: 0.02,
    doubtful: 0.005,
};

/// Of the non-empty cells, the greatest share that may have moved from the
/// column the header puts them in.
///
/// Scans drift: the seed moves 12 rows (8% of its cells), its most drifted
/// variant 26%, plans drawn at random with rows a column early up to 39%
/// (hence the doubt from 40% on).
/// When the header's columns stand where the data does not, nearly every
/// cell moves and the grid rests on the cells' content alone: it may be
/// right (a whole table shifted by a column), but nothing confirms it.
pub const MOVED: Bound = Bound {
    wrong: 0.5,
    doubtful: 0.4,
};

/// Of the non-empty cells of numeric columns, the greatest share that may
/// hold text.
///
/// A real plan writes a few targets as ranges or codes (`80-90`, `WTP`;
/// none in the seed); a text column read as a numeric one fills it with
/// words.
pub const NOT_NUMBERS: Bound = Bound {
    wrong: 0.15,
    doubtful: 0.05,
};

/// The most columns that may contradict their declared type.
///
/// A column is misfit when, of its non-empty cells (at least
/// [`MIN_ROWS`]), most contradict its type: words in a numeric column,
/// numbers in a text or unit column, sentences in a code column, amounts
/// of ten million or more in a target column. None does in a correct
/// grid; a grid read a column or more off has one or several.
pub const MAX_MISFIT_COLUMNS: usize = 0;

/// A target of this much or more is an amount of money, not a target
/// (targets count people, documents, percents).
const AMOUNT_IN_TARGET: i64 = 10_000_000;

/// How far a table's grid can be trusted: what its header names and how
/// its cells and sums hold. Written on each table of the grid JSON as
/// `quality`, with the shares the counts give.
///
/// ```
/// let doc = renaksi::read_path("testdata/000_774b992758332ae0.txt")?;
/// let q = &doc.tables[0].quality;
/// assert_eq!(q.columns_mapped, 20);
/// assert_eq!(q.split_balanced, q.split_rows);
/// assert!(!q.low_confidence);
/// # Ok::<(), renaksi::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Quality {
    /// Columns of the table's first header band.
    pub header_columns: usize,
    /// Of the schema's columns, those the header names.
    pub columns_mapped: usize,
    /// Of the schema's columns, those the header does not name (their cells
    /// are empty, or filled by cells moved there by their content).
    pub columns_missing: usize,
    /// Rows stating the amount of the schema's arithmetic (a Pagu).
    pub amount_rows: usize,
    /// Rows stating the amount or one of its parts, counted when the header
    /// names the amount column and a part column.
    pub split_rows: usize,
    /// Of the split rows, those whose amount is stated and is the sum of
    /// its parts (a row with parts and no amount, as a grid with its amount
    /// column misplaced gives, does not balance).
    pub split_balanced: usize,
    /// Rows stating the target and one of its quarterly parts, counted when
    /// the header names the target column and a part column.
    pub target_rows: usize,
    /// Of the target rows, those whose target is the sum of its parts or
    /// the largest of them (a target met quarter by quarter, or reached by
    /// the last quarter).
    pub targets_consistent: usize,
    /// Rows stating an amount with rows under them in the hierarchy.
    pub parent_rows: usize,
    /// Of the parent rows, those whose amount is the sum of the amounts of
    /// the rows directly under them.
    pub parents_balanced: usize,
    /// Non-empty cells of the table (schema columns and `extra`).
    pub cells: usize,
    /// Of those, the cells under header columns the schema does not name
    /// (`extra`).
    pub extra_cells: usize,
    /// Of the extra cells, those holding a number.
    pub extra_numbers: usize,
    /// Of the schema's columns the header does not name, the numeric ones.
    pub numeric_missing: usize,
    /// Cells that could not be placed in any column (`cell_unplaced`).
    pub cells_unplaced: usize,
    /// Cells placed in another column than the header put them in
    /// (`cell_moved`).
    pub cells_moved: usize,
    /// Non-empty cells of numeric columns.
    pub numeric_cells: usize,
    /// Of those, the ones holding text that is not a number (`not_a_number`).
    pub not_numbers: usize,
    /// Columns most of whose values contradict their type, by key.
    pub misfit_columns: Vec<String>,
    /// The wholes of the schema's sums (the amount, the target) the header
    /// does not name though it names some of their parts, by key: a plan
    /// that splits a Pagu by quarter states the Pagu, so the header names
    /// it in words the schema does not know, and its cells are elsewhere.
    pub sums_unnamed: Vec<String>,
    /// Schema columns the header does not name that hold cells all the
    /// same (from [`MIN_ROWS`] cells), by key: cells placed by their content
    /// alone in a column no label stands over, as when the header's label
    /// for them was not understood.
    pub unnamed_filled: Vec<String>,
    /// The measures show the grid is probably wrong; a
    /// [`Code::LowConfidence`] warning says which.
    pub low_confidence: bool,
}

/// `part` of `whole` as a share; 1 when `whole` is 0 (nothing to doubt).
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

impl Quality {
    /// The share of the header's columns that name a schema column.
    pub fn mapped_share(&self) -> f64 {
        share(self.columns_mapped, self.header_columns)
    }

    /// The share of split rows whose amount is the sum of its parts.
    pub fn split_share(&self) -> f64 {
        share(self.split_balanced, self.split_rows)
    }

    /// The share of target rows whose target is consistent with its parts.
    pub fn target_share(&self) -> f64 {
        share(self.targets_consistent, self.target_rows)
    }

    /// The share of parent rows whose amount is the sum of their children's.
    pub fn children_share(&self) -> f64 {
        share(self.parents_balanced, self.parent_rows)
    }

    /// The share of non-empty cells left unplaced.
    pub fn unplaced_share(&self) -> f64 {
        1.0 - share(self.cells, self.cells + self.cells_unplaced)
    }

    /// The share of non-empty cells moved.
    pub fn moved_share(&self) -> f64 {
        1.0 - share(self.cells - self.cells.min(self.cells_moved), self.cells)
    }

    /// The share of numeric cells holding text.
    pub fn not_number_share(&self) -> f64 {
        1.0 - share(
            self.numeric_cells - self.numeric_cells.min(self.not_numbers),
            self.numeric_cells,
        )
    }

    /// Schema columns the header does not name while cells of their kind
    /// (numbers for a numeric column, text for a text column) stand under
    /// header columns the schema does not know: most likely the same
    /// columns in words the schema lacks, their cells under `extra` and the
    /// schema's columns empty. A plan that drops a text column and adds
    /// another shows it too, and is worth a look; one that leaves out its
    /// APBN columns and adds a `Keterangan` does not.
    pub fn columns_unknown(&self) -> bool {
        let text_missing = self.columns_missing - self.numeric_missing.min(self.columns_missing);
        let extra_text = self.extra_cells - self.extra_numbers.min(self.extra_cells);
        (self.numeric_missing > 0 && self.extra_numbers > 0) || (text_missing > 0 && extra_text > 0)
    }

    /// The measures as (name, value, bound, higher is better, judged).
    fn measures(&self) -> [(&'static str, f64, Bound, bool, bool); 7] {
        [
            ("columns mapped", self.mapped_share(), MAPPED, true, true),
            (
                "amounts equal to their parts",
                self.split_share(),
                SPLIT_BALANCED,
                true,
                self.split_rows >= MIN_ROWS,
            ),
            (
                "targets consistent with their quarters",
                self.target_share(),
                TARGETS_CONSISTENT,
                true,
                self.target_rows >= MIN_ROWS,
            ),
            (
                "amounts equal to their children's",
                self.children_share(),
                CHILDREN_BALANCED,
                true,
                self.parent_rows >= MIN_ROWS,
            ),
            (
                "cells unplaced",
                self.unplaced_share(),
                UNPLACED,
                false,
                true,
            ),
            ("cells moved", self.moved_share(), MOVED, false, true),
            (
                "numeric cells not numbers",
                self.not_number_share(),
                NOT_NUMBERS,
                false,
                true,
            ),
        ]
    }

    /// The measures that fail, each written as `name value (bound)`, into
    /// `out`: those past their `wrong` bound, and those in doubt when
    /// [`MIN_DOUBTS`] are; misfit columns and unnamed sums. Whether any did.
    fn failures(&self, out: &mut String) -> bool {
        let past = |value: f64, bound: f64, higher: bool| {
            if higher {
                value < bound
            } else {
                value > bound
            }
        };
        let measures = self.measures();
        // A sum's whole unnamed is a doubt: a plan may drop the target and
        // keep its quarters.
        let unnamed = !self.sums_unnamed.is_empty();
        // So are cells in a column no label names: a drifted cell may land
        // there in a real plan, rows of them seldom.
        let filled = !self.unnamed_filled.is_empty();
        let unknown = self.columns_unknown();
        let doubts = measures
            .iter()
            .filter(|m| m.4 && past(m.1, m.2.doubtful, m.3))
            .count()
            + usize::from(unnamed)
            + usize::from(filled);
        let doubted = doubts >= MIN_DOUBTS;
        let start = out.len();
        let sep = |out: &mut String| {
            if out.len() > start {
                out.push_str("; ");
            }
        };
        for (name, value, bound, higher, judged) in measures {
            let wrong = past(value, bound.wrong, higher);
            let doubtful = doubted && past(value, bound.doubtful, higher);
            if judged && (wrong || doubtful) {
                sep(out);
                let (word, limit) = match (higher, wrong) {
                    (true, true) => ("at least", bound.wrong),
                    (true, false) => ("in doubt below", bound.doubtful),
                    (false, true) => ("at most", bound.wrong),
                    (false, false) => ("in doubt above", bound.doubtful),
                };
                // Writing to a `String` cannot fail.
                let _ = write!(out, "{name} {value:.3} ({word} {limit})");
            }
        }
        if unknown {
            sep(out);
            let _ = write!(
                out,
                "{} schema columns unnamed while {} cells stand under header columns the schema does not know",
                self.columns_missing, self.extra_cells
            );
        }
        for (what, keys, shown) in [
            (
                "columns holding what their type is not: ",
                &self.misfit_columns,
                true,
            ),
            (
                "sums whose parts the header names but not their whole (in doubt): ",
                &self.sums_unnamed,
                doubted,
            ),
            (
                "columns no label names holding cells (in doubt): ",
                &self.unnamed_filled,
                doubted,
            ),
        ] {
            if keys.is_empty() || !shown {
                continue;
            }
            sep(out);
            out.push_str(what);
            for (i, key) in keys.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(key);
            }
        }
        out.len() > start
    }
}

impl Serialize for Quality {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// A share to three decimals, as JSON writes it.
        fn rounded(x: f64) -> f64 {
            (x * 1000.0).round() / 1000.0
        }
        let mut st = s.serialize_struct("Quality", 29)?;
        st.serialize_field("low_confidence", &self.low_confidence)?;
        st.serialize_field("header_columns", &self.header_columns)?;
        st.serialize_field("columns_mapped", &self.columns_mapped)?;
        st.serialize_field("columns_missing", &self.columns_missing)?;
        st.serialize_field("numeric_missing", &self.numeric_missing)?;
        st.serialize_field("mapped_share", &rounded(self.mapped_share()))?;
        st.serialize_field("amount_rows", &self.amount_rows)?;
        st.serialize_field("split_rows", &self.split_rows)?;
        st.serialize_field("split_balanced", &self.split_balanced)?;
        st.serialize_field("split_share", &rounded(self.split_share()))?;
        st.serialize_field("target_rows", &self.target_rows)?;
        st.serialize_field("targets_consistent", &self.targets_consistent)?;
        st.serialize_field("target_share", &rounded(self.target_share()))?;
        st.serialize_field("parent_rows", &self.parent_rows)?;
        st.serialize_field("parents_balanced", &self.parents_balanced)?;
        st.serialize_field("children_share", &rounded(self.children_share()))?;
        st.serialize_field("cells", &self.cells)?;
        st.serialize_field("extra_cells", &self.extra_cells)?;
        st.serialize_field("extra_numbers", &self.extra_numbers)?;
        st.serialize_field("cells_unplaced", &self.cells_unplaced)?;
        st.serialize_field("unplaced_share", &rounded(self.unplaced_share()))?;
        st.serialize_field("cells_moved", &self.cells_moved)?;
        st.serialize_field("moved_share", &rounded(self.moved_share()))?;
        st.serialize_field("numeric_cells", &self.numeric_cells)?;
        st.serialize_field("not_numbers", &self.not_numbers)?;
        st.serialize_field("not_number_share", &rounded(self.not_number_share()))?;
        st.serialize_field("misfit_columns", &self.misfit_columns)?;
        st.serialize_field("sums_unnamed", &self.sums_unnamed)?;
        st.serialize_field("unnamed_filled", &self.unnamed_filled)?;
        st.end()
    }
}

/// Counts the diagnostics a table's cells got while it was read: `diags`
/// are the ones written between the table's header and its end.
pub(crate) fn count_diagnostics(quality: &mut Quality, diags: &[Diagnostic]) {
    for d in diags {
        match d.code {
            Code::CellUnplaced => quality.cells_unplaced += 1,
            Code::CellMoved => quality.cells_moved += 1,
            _ => {}
        }
    }
}

/// What one column's cells hold, counted.
#[derive(Debug, Clone, Copy, Default)]
struct ColumnCount {
    filled: usize,
    /// Cells contradicting the column's type.
    misfit: usize,
}

/// Text that is a number as written (digits with group and decimal marks):
/// an amount or a target standing in a text column.
fn looks_numeric(text: &str) -> bool {
    let t = text.trim();
    t.as_bytes().first().is_some_and(u8::is_ascii_digit)
        && t.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b' ' | b'%'))
}

/// The cell contradicts its column's type.
fn contradicts(value: &Value, vt: ValueType) -> bool {
    match (value, vt) {
        (Value::Empty | Value::Nil, _) => false,
        (Value::Text(_), vt) if vt.is_numeric() => true,
        (Value::Number(n), ValueType::Quantity | ValueType::Count) => {
            n.abs() >= Decimal::from(AMOUNT_IN_TARGET)
        }
        (Value::Number(_), _) => false,
        (Value::Text(t), ValueType::Text | ValueType::Unit) => looks_numeric(t),
        // A code column (`no`) holds ordinals and short labels, not sentences.
        (Value::Text(t), ValueType::Code) => t.split_whitespace().nth(3).is_some(),
        (Value::Text(_), _) => false,
    }
}

/// The columns of the schema's arithmetic in `table`.
struct Sums {
    /// The amount column and its parts, when the header names the amount
    /// and a part.
    amount: Option<(usize, Vec<usize>)>,
    /// The target column and its parts, likewise.
    target: Option<(usize, Vec<usize>)>,
}

impl Sums {
    fn of(table: &Table, ar: &Arithmetic) -> Sums {
        // Only the columns the header names: a column it lacks is empty for
        // a reason, not for an error.
        let named = |key: &String| {
            table
                .column_index(key)
                .filter(|&c| table.header.get(c).is_some_and(|h| h.path.is_some()))
        };
        let with_parts = |whole: &String, parts: &[String]| {
            let parts: Vec<usize> = parts.iter().filter_map(named).collect();
            named(whole)
                .filter(|_| !parts.is_empty())
                .map(|w| (w, parts))
        };
        Sums {
            amount: with_parts(&ar.amount, &ar.amount_parts),
            target: with_parts(&ar.target, &ar.target_parts),
        }
    }
}

fn number_at(table: &Table, row: usize, col: usize) -> Option<Decimal> {
    table.rows[row].cells.get(col)?.value.number()
}

/// How many of `parts` a row states, their sum and the largest.
fn parts_of(table: &Table, row: usize, parts: &[usize]) -> (usize, Decimal, Option<Decimal>) {
    parts
        .iter()
        .filter_map(|&c| number_at(table, row, c))
        .fold((0, Decimal::ZERO, None), |(n, sum, max), v| {
            (n + 1, sum + v, Some(max.map_or(v, |m: Decimal| m.max(v))))
        })
}

/// Measures `table` (its cells, header mapping and hierarchy; the counts
/// of its diagnostics already in [`Table::quality`]) and, when the
/// measures show its grid is probably wrong, adds a
/// [`Code::LowConfidence`] warning to `diags`.
pub(crate) fn assess(table: &mut Table, schema: &Schema, diags: &mut Vec<Diagnostic>) {
    let mut q = std::mem::take(&mut table.quality);
    q.columns_mapped = table.header.iter().filter(|h| h.path.is_some()).count();
    q.columns_missing = table.header.len() - q.columns_mapped;
    q.numeric_missing = (table.header.iter().zip(&table.types))
        .filter(|(h, t)| h.path.is_none() && t.is_numeric())
        .count();
    q.header_columns = q.columns_mapped + table.unmapped.len();
    let mut columns = vec![ColumnCount::default(); table.columns.len()];
    let sums = schema.arithmetic.as_ref().map(|ar| Sums::of(table, ar));
    let amount = sums.as_ref().and_then(|s| s.amount.as_ref());
    let target = sums.as_ref().and_then(|s| s.target.as_ref());
    // Each row's children's amounts, summed in one pass.
    let mut children: Vec<Option<Decimal>> = Vec::new();
    if amount.is_some() {
        children.resize(table.rows.len(), None);
    }
    for (i, row) in table.rows.iter().enumerate() {
        for v in row.extra.values().filter(|v| !v.is_null()) {
            q.cells += 1;
            q.extra_cells += 1;
            // An unknown column's type is guessed from its label: its
            // numbers may have been kept as text.
            let number = match v {
                Value::Number(_) => true,
                Value::Text(t) => looks_numeric(t),
                _ => false,
            };
            q.extra_numbers += usize::from(number);
        }
        for ((cell, count), &vt) in row.cells.iter().zip(&mut columns).zip(&table.types) {
            if cell.value.is_null() {
                continue;
            }
            q.cells += 1;
            count.filled += 1;
            if contradicts(&cell.value, vt) {
                count.misfit += 1;
            }
            if vt.is_numeric() {
                q.numeric_cells += 1;
                if matches!(cell.value, Value::Text(_)) {
                    q.not_numbers += 1;
                }
            }
        }
        if let Some((a, parts)) = amount {
            let stated = number_at(table, i, *a);
            if let Some(v) = stated {
                q.amount_rows += 1;
                if let Some(p) = row.parent.filter(|&p| p < i) {
                    *children[p].get_or_insert(Decimal::ZERO) += v;
                }
            }
            let (n, sum, _) = parts_of(table, i, parts);
            if n > 0 {
                q.split_rows += 1;
                if stated == Some(sum) {
                    q.split_balanced += 1;
                }
            }
        }
        if let Some((t, parts)) = target {
            let (n, sum, max) = parts_of(table, i, parts);
            if let Some(stated) = number_at(table, i, *t).filter(|_| n > 0) {
                q.target_rows += 1;
                if stated == sum || Some(stated) == max {
                    q.targets_consistent += 1;
                }
            }
        }
    }
    if let Some((a, _)) = amount {
        for (p, sum) in children.iter().enumerate() {
            let (Some(sum), Some(stated)) = (sum, number_at(table, p, *a)) else {
                continue;
            };
            q.parent_rows += 1;
            if stated == *sum {
                q.parents_balanced += 1;
            }
        }
    }
    q.sums_unnamed.clear();
    if let Some(ar) = &schema.arithmetic {
        let named = |key: &String| {
            table
                .column_index(key)
                .and_then(|c| table.header.get(c))
                .is_some_and(|h| h.path.is_some())
        };
        for (whole, parts) in [
            (&ar.amount, &ar.amount_parts),
            (&ar.target, &ar.target_parts),
        ] {
            if !named(whole) && parts.iter().any(named) {
                q.sums_unnamed.push(whole.clone());
            }
        }
    }
    q.unnamed_filled.clear();
    for ((count, key), h) in columns.iter().zip(&table.columns).zip(&table.header) {
        if h.path.is_none() && count.filled >= MIN_ROWS {
            q.unnamed_filled.push(key.clone());
        }
    }
    q.misfit_columns.clear();
    for (count, key) in columns.iter().zip(&table.columns) {
        if count.filled >= MIN_ROWS && count.misfit * 2 > count.filled {
            q.misfit_columns.push(key.clone());
        }
    }
    // Empty until a measure fails: a sound table allocates nothing here.
    let mut failed = String::new();
    q.low_confidence = q.failures(&mut failed);
    if q.low_confidence {
        let mut message = String::with_capacity(failed.len() + 120);
        message.push_str("the grid is probably wrong: ");
        message.push_str(&failed);
        message
            .push_str("; the columns may be misplaced (check the header band against the schema)");
        let (page, line) = table.rows.first().map_or((1, 1), |r| (r.page, r.line));
        diags.push(Diagnostic::new(Severity::Warning, Code::LowConfidence, message).at(page, line));
    }
    table.quality = q;
}
