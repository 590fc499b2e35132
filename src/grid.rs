//! The logical grid: the document every input format converges on, and its
//! JSON form (the grid contract).
//!
//! ```json
//! { "source": "plan.txt", "format": "text", "title": "…", "year": 2023,
//!   "tables": [ { "schema": "renaksi", "columns": ["no", "…"],
//!                 "rows": [ { "kind": "activity", "page": 1, "line": 14,
//!                             "cells": { "no": null, "budget": "70975200", "…": "…" } } ] } ],
//!   "diagnostics": [ … ] }
//! ```
//!
//! Numeric cells are exact decimals written as JSON strings in plain
//! notation; empty cells and dashes standing for nil are `null` (a row lists
//! the keys whose cell was a dash under `nil`, so the two stay apart).

use crate::band::HeaderColumn;
use crate::diag::Diagnostic;
use crate::quality::Quality;
use crate::schema::ValueType;
use crate::source::Format;
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::str::FromStr;

/// The value of one cell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Value {
    /// The cell is empty.
    #[default]
    Empty,
    /// The cell holds a dash (or `n/a`) standing for "no value".
    Nil,
    /// An exact number.
    Number(Decimal),
    /// Text (in a numeric column: something that is not a number, such as
    /// a range or a code; a diagnostic says so).
    Text(String),
}

impl Value {
    /// The number, if the cell holds one.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Value::Number(d) => Some(*d),
            _ => None,
        }
    }

    /// The text, if the cell holds text.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The cell is empty or nil: it becomes `null` in JSON.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Empty | Value::Nil)
    }

    /// The value as its JSON string (`None` for `null`).
    pub fn to_json_string(&self) -> Option<String> {
        match self {
            Value::Empty | Value::Nil => None,
            Value::Number(d) => Some(d.to_string()),
            Value::Text(t) => Some(t.clone()),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Empty | Value::Nil => s.serialize_none(),
            Value::Number(d) => s.collect_str(d),
            Value::Text(t) => s.serialize_str(t),
        }
    }
}

/// One cell of a row: its value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// The value.
    pub value: Value,
    /// The source marked the cell bold.
    pub bold: bool,
    /// The 1-based line of the source the cell (or its first part) came from;
    /// 0 for an empty cell.
    pub line: u32,
}

/// One logical row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// What the row is (`goal`, `program`, `activity`, `total`, `row`):
    /// the kinds the crate names are static, others (a schema's own) owned.
    pub kind: Cow<'static, str>,
    /// The 1-based page the row starts on.
    pub page: u32,
    /// The 1-based line the row starts on (text sources: the line of the file).
    pub line: u32,
    /// The cells, one per column of the table, in the table's column order.
    pub cells: Vec<Cell>,
    /// Cells under header columns the schema does not name, by header path.
    pub extra: BTreeMap<String, Value>,
    /// The index (in the table) of the row this one sits under in the plan's
    /// hierarchy; `None` for a top-level row.
    pub parent: Option<usize>,
    /// The depth in the hierarchy: 0 for a top-level row.
    pub level: u32,
}

impl Row {
    /// Most of the row's non-empty cells are bold.
    pub fn is_bold(&self) -> bool {
        let filled = self.cells.iter().filter(|c| !c.value.is_null()).count();
        let bold = self
            .cells
            .iter()
            .filter(|c| c.bold && !c.value.is_null())
            .count();
        filled > 0 && bold * 2 > filled
    }
}

/// How a logical column was found in the document's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnSource {
    /// The logical column.
    pub key: String,
    /// The header path that names it, `None` when the header does not.
    pub path: Option<String>,
}

/// One table of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The schema (table family) the table was read with.
    pub schema: String,
    /// The logical column keys, in order; every row has one cell per key.
    pub columns: Vec<String>,
    /// What each column holds, in the same order.
    pub types: Vec<ValueType>,
    /// For each column, the header path that names it.
    pub header: Vec<ColumnSource>,
    /// Header columns the schema does not name (their cells are in
    /// [`Row::extra`]).
    pub unmapped: Vec<HeaderColumn>,
    /// The rows, in document order.
    pub rows: Vec<Row>,
    /// How far the grid can be trusted, measured from the grid itself.
    pub quality: Quality,
}

impl Table {
    /// The index of column `key`.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == key)
    }

    /// The value at row `row`, column `key`.
    pub fn get(&self, row: usize, key: &str) -> Option<&Value> {
        let c = self.column_index(key)?;
        self.rows.get(row)?.cells.get(c).map(|c| &c.value)
    }
}

/// A document: what one input file holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The input's name (a file name).
    pub source: String,
    /// The input format.
    pub format: Option<Format>,
    /// The document's title: the title line above the table that names a
    /// year, else the last title line.
    pub title: Option<String>,
    /// The year the title names.
    pub year: Option<u32>,
    /// Every title line above the first table, in order.
    pub preamble: Vec<String>,
    /// The tables.
    pub tables: Vec<Table>,
    /// What the library noticed, moved, joined or could not place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// The document as grid JSON, on one line.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The document as grid JSON, indented.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a document back from grid JSON.
    pub fn from_json(json: &str) -> Result<Document, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// All rows of all tables, in order.
    pub fn rows(&self) -> impl Iterator<Item = &Row> {
        self.tables.iter().flat_map(|t| t.rows.iter())
    }
}

// ---- serde ---------------------------------------------------------------

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Document", 7)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("format", &self.format)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("preamble", &self.preamble)?;
        st.serialize_field("tables", &self.tables)?;
        st.serialize_field("diagnostics", &self.diagnostics)?;
        st.end()
    }
}

impl Serialize for Table {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let rows: Vec<RowOut<'_>> = self
            .rows
            .iter()
            .map(|row| RowOut {
                columns: &self.columns,
                row,
            })
            .collect();
        let mut st = s.serialize_struct("Table", 6)?;
        st.serialize_field("schema", &self.schema)?;
        st.serialize_field("columns", &self.columns)?;
        st.serialize_field("types", &self.types)?;
        st.serialize_field("header", &self.header)?;
        if !self.unmapped.is_empty() {
            st.serialize_field("unmapped", &self.unmapped)?;
        }
        st.serialize_field("quality", &self.quality)?;
        st.serialize_field("rows", &rows)?;
        st.end()
    }
}

struct RowOut<'a> {
    columns: &'a [String],
    row: &'a Row,
}

struct CellsOut<'a> {
    columns: &'a [String],
    cells: &'a [Cell],
}

impl Serialize for CellsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (key, cell) in self.columns.iter().zip(self.cells) {
            map.serialize_entry(key, &cell.value)?;
        }
        map.end()
    }
}

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let row = self.row;
        let nil: Vec<&str> = self
            .columns
            .iter()
            .zip(&row.cells)
            .filter(|(_, c)| c.value == Value::Nil)
            .map(|(k, _)| k.as_str())
            .collect();
        let mut st = s.serialize_struct("Row", 9)?;
        st.serialize_field("kind", &row.kind)?;
        st.serialize_field("page", &row.page)?;
        st.serialize_field("line", &row.line)?;
        st.serialize_field("parent", &row.parent)?;
        st.serialize_field("level", &row.level)?;
        if row.is_bold() {
            st.serialize_field("bold", &true)?;
        }
        st.serialize_field(
            "cells",
            &CellsOut {
                columns: self.columns,
                cells: &row.cells,
            },
        )?;
        if !nil.is_empty() {
            st.serialize_field("nil", &nil)?;
        }
        if !row.extra.is_empty() {
            st.serialize_field("extra", &row.extra)?;
        }
        st.end()
    }
}

#[derive(Deserialize)]
struct DocumentIn {
    #[serde(default)]
    source: String,
    #[serde(default)]
    format: Option<Format>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    year: Option<u32>,
    #[serde(default)]
    preamble: Vec<String>,
    #[serde(default)]
    tables: Vec<TableIn>,
    #[serde(default)]
    diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct TableIn {
    #[serde(default)]
    schema: String,
    columns: Vec<String>,
    #[serde(default)]
    types: Vec<ValueType>,
    #[serde(default)]
    header: Vec<ColumnSource>,
    #[serde(default)]
    unmapped: Vec<HeaderColumn>,
    #[serde(default)]
    quality: Quality,
    rows: Vec<RowIn>,
}

#[derive(Deserialize)]
struct RowIn {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    page: u32,
    #[serde(default)]
    line: u32,
    #[serde(default)]
    bold: bool,
    cells: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    nil: Vec<String>,
    #[serde(default)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    parent: Option<usize>,
    #[serde(default)]
    level: u32,
}

/// A cell from JSON: a string is a number when the column is numeric (or
/// its type unknown) and the string is a plain decimal.
fn value_from_json(v: &serde_json::Value, numeric: bool) -> Result<Value, String> {
    Ok(match v {
        serde_json::Value::Null => Value::Empty,
        serde_json::Value::String(s) => match Decimal::from_str(s) {
            Ok(d)
                if numeric
                    && !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') =>
            {
                Value::Number(d)
            }
            _ => Value::Text(s.clone()),
        },
        serde_json::Value::Number(n) => {
            Value::Number(Decimal::from_str(&n.to_string()).map_err(|e| e.to_string())?)
        }
        other => {
            return Err(format!(
                "a cell must be a string, a number or null, not {other}"
            ))
        }
    })
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let doc = DocumentIn::deserialize(d)?;
        let mut tables = Vec::with_capacity(doc.tables.len());
        for t in doc.tables {
            let mut rows = Vec::with_capacity(t.rows.len());
            for r in t.rows {
                let mut cells = Vec::with_capacity(t.columns.len());
                for (c, key) in t.columns.iter().enumerate() {
                    let numeric = t.types.get(c).is_none_or(|vt| vt.is_numeric());
                    let mut value = match r.cells.get(key) {
                        Some(v) => value_from_json(v, numeric).map_err(D::Error::custom)?,
                        None => Value::Empty,
                    };
                    if value == Value::Empty && r.nil.contains(key) {
                        value = Value::Nil;
                    }
                    cells.push(Cell {
                        value,
                        bold: r.bold,
                        line: r.line,
                    });
                }
                let mut extra = BTreeMap::new();
                for (k, v) in &r.extra {
                    extra.insert(
                        k.clone(),
                        value_from_json(v, true).map_err(D::Error::custom)?,
                    );
                }
                rows.push(Row {
                    kind: r.kind.into(),
                    page: r.page,
                    line: r.line,
                    cells,
                    extra,
                    parent: r.parent,
                    level: r.level,
                });
            }
            tables.push(Table {
                schema: t.schema,
                columns: t.columns,
                types: t.types,
                header: t.header,
                unmapped: t.unmapped,
                rows,
                quality: t.quality,
            });
        }
        Ok(Document {
            source: doc.source,
            format: doc.format,
            title: doc.title,
            year: doc.year,
            preamble: doc.preamble,
            tables,
            diagnostics: doc.diagnostics,
        })
    }
}
