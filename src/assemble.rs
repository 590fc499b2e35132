//! From raw lines to the logical grid: header bands, then each data line
//! aligned to the current band's columns, joined to the row above when it
//! only continues a cell, and converted to exact values.

use crate::align::{align, Item, Shape, Slot};
use crate::band::{find_bands, Band, Header, HeaderColumn};
use crate::diag::{Code, Diagnostic, Severity};
use crate::error::{Error, ErrorKind, Result};
use crate::grid::{Cell, ColumnSource, Document, Row, Table, Value};
use crate::number::{self, Parsed};
use crate::schema::{starts_with_item_number, Schema, ValueType};
use crate::source::{Format, RawCell, RawDocument, RawLine};

/// Where a header leaf's cells go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// A schema column, by index.
    Key(usize),
    /// A header column the schema does not name, by path.
    Extra(String),
}

/// The columns of one band, ready for alignment.
#[derive(Debug, Clone)]
struct Layout {
    slots: Vec<Slot>,
    targets: Vec<Target>,
    paths: Vec<String>,
}

impl Layout {
    fn new(header: &Header, schema: &Schema) -> Layout {
        let mapping = schema.map_header(header);
        let mut slots = Vec::with_capacity(header.columns.len());
        let mut targets = Vec::with_capacity(header.columns.len());
        for (hc, m) in header.columns.iter().zip(&mapping) {
            match m {
                Some(ci) => {
                    slots.push(Slot {
                        col: hc.col,
                        vt: schema.columns[*ci].value_type,
                    });
                    targets.push(Target::Key(*ci));
                }
                None => {
                    slots.push(Slot {
                        col: hc.col,
                        vt: guess_type(hc),
                    });
                    targets.push(Target::Extra(hc.path_text()));
                }
            }
        }
        Layout {
            slots,
            targets,
            paths: header.columns.iter().map(HeaderColumn::path_text).collect(),
        }
    }

    fn mapped(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| matches!(t, Target::Key(_)))
            .count()
    }

    /// The header path of the column a source position belongs to.
    fn path_at(&self, col: u32) -> String {
        match self.slots.iter().position(|s| s.col == col) {
            Some(k) => format!("`{}`", self.paths[k]),
            None => format!("position {}", col + 1),
        }
    }
}

/// A header column the schema does not name holds text unless its label
/// says money.
fn guess_type(hc: &HeaderColumn) -> ValueType {
    let words = crate::schema::normalize(&hc.path_text());
    if words.split(' ').any(|w| w == "rp" || w == "rupiah") {
        ValueType::Money
    } else {
        ValueType::Text
    }
}

/// Builds the document from a reader's lines.
pub(crate) fn assemble(
    raw: RawDocument,
    format: Format,
    source: &str,
    schema: &Schema,
) -> Result<Document> {
    let RawDocument {
        lines,
        paged,
        diagnostics,
    } = raw;
    if lines.iter().all(RawLine::is_blank) {
        return Err(Error::new(ErrorKind::Empty));
    }
    let bands = find_bands(&lines, schema);
    let Some(first) = bands.first() else {
        return Err(Error::new(ErrorKind::NoTable(format!(
            "no header band naming the columns of the `{}` schema",
            schema.name
        ))));
    };
    let mut b = Builder {
        schema,
        diags: diagnostics,
        table: Table {
            schema: schema.name.clone(),
            columns: schema.keys().map(str::to_string).collect(),
            types: schema.columns.iter().map(|c| c.value_type).collect(),
            ..Table::default()
        },
        layout: Layout::new(&first.header, schema),
        header: first.header.clone(),
        page: lines.get(first.start).map_or(1, |l| l.page),
        after_total: false,
    };
    b.describe_header(&first.header, first_line(&lines, first));

    let preamble: Vec<String> = lines[..first.start]
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| {
            l.cells
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let (title, year) = pick_title(&preamble, first, &lines);

    let mut next_band = 0;
    let mut i = first.start;
    while i < lines.len() {
        if let Some(band) = bands.get(next_band).filter(|band| band.start == i) {
            if next_band > 0 {
                b.repeat(band, &lines, paged);
            }
            next_band += 1;
            i = band.end;
            continue;
        }
        let line = &lines[i];
        i += 1;
        if paged {
            b.page = line.page;
        }
        if !line.is_blank() {
            b.data_line(line);
        }
    }
    Ok(Document {
        source: source.to_string(),
        format: Some(format),
        title,
        year,
        preamble,
        tables: vec![b.table],
        diagnostics: b.diags,
    })
}

fn first_line(lines: &[RawLine], band: &Band) -> (u32, u32) {
    lines.get(band.start).map_or((1, 1), |l| (l.page, l.line))
}

/// The title: the last preamble line naming a year, else a header label
/// naming one, else the last preamble line.
fn pick_title(
    preamble: &[String],
    band: &Band,
    lines: &[RawLine],
) -> (Option<String>, Option<u32>) {
    if let Some((t, y)) = preamble
        .iter()
        .rev()
        .find_map(|t| year_in(t).map(|y| (t.clone(), y)))
    {
        return (Some(t), Some(y));
    }
    let labels = lines[band.start..band.end]
        .iter()
        .flat_map(|l| l.cells.iter());
    for c in labels {
        if let Some(y) = year_in(&c.text) {
            return (Some(c.text.clone()), Some(y));
        }
    }
    (preamble.last().cloned(), None)
}

fn year_in(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .find(|y| (1945..=2100).contains(y))
}

struct Builder<'s> {
    schema: &'s Schema,
    diags: Vec<Diagnostic>,
    table: Table,
    layout: Layout,
    /// The band the layout was made from.
    header: Header,
    page: u32,
    after_total: bool,
}

impl Builder<'_> {
    fn diag(
        &mut self,
        severity: Severity,
        code: Code,
        line: u32,
        message: String,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(severity, code, message).at(self.page, line));
        let last = self.diags.len() - 1;
        &mut self.diags[last]
    }

    /// Records how the first band's columns map, and what it lacks.
    fn describe_header(&mut self, header: &Header, (page, line): (u32, u32)) {
        let mut sources: Vec<ColumnSource> = self
            .schema
            .columns
            .iter()
            .map(|c| ColumnSource {
                key: c.key.clone(),
                path: None,
            })
            .collect();
        for (k, target) in self.layout.targets.iter().enumerate() {
            match target {
                Target::Key(ci) => sources[*ci].path = Some(self.layout.paths[k].clone()),
                Target::Extra(path) => {
                    self.table.unmapped.push(header.columns[k].clone());
                    self.diags.push(
                        Diagnostic::new(
                            Severity::Info,
                            Code::HeaderUnmapped,
                            format!("header column `{path}` names no column of the `{}` schema; its cells are kept under `extra`", self.schema.name),
                        )
                        .at(page, line)
                        .text(path.clone()),
                    );
                }
            }
        }
        for s in &sources {
            if s.path.is_none() {
                self.diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        Code::ColumnMissing,
                        format!(
                            "the header names no column for `{}`; its cells are empty",
                            s.key
                        ),
                    )
                    .at(page, line)
                    .column(s.key.clone()),
                );
            }
        }
        if let Some(n) = header.numbered.filter(|&n| n != header.columns.len()) {
            self.diags.push(
                Diagnostic::new(
                    Severity::Info,
                    Code::HeaderIncomplete,
                    format!(
                        "the column-number row numbers {n} columns, the header names {}",
                        header.columns.len()
                    ),
                )
                .at(page, line),
            );
        }
        self.table.header = sources;
    }

    /// A later band: a repeat of the header, perhaps written differently.
    fn repeat(&mut self, band: &Band, lines: &[RawLine], paged: bool) {
        let (page, line) = first_line(lines, band);
        self.page = if paged { page } else { self.page + 1 };
        self.after_total = false;
        if band.header == self.header {
            return;
        }
        self.header = band.header.clone();
        let layout = Layout::new(&band.header, self.schema);
        if layout.targets == self.layout.targets {
            self.layout = layout;
            return;
        }
        if layout.mapped() >= self.layout.mapped() {
            let msg = format!(
                "the header band repeated here maps to other columns ({} of {} mapped); rows below it follow it",
                layout.mapped(),
                layout.targets.len()
            );
            self.diag(Severity::Warning, Code::HeaderVariant, line, msg);
            for (k, t) in layout.targets.iter().enumerate() {
                if let Target::Extra(path) = t {
                    if !self.table.unmapped.iter().any(|h| &h.path_text() == path) {
                        self.table.unmapped.push(band.header.columns[k].clone());
                    }
                }
            }
            self.layout = layout;
        } else {
            let msg = format!(
                "the header band repeated here could not be rebuilt cleanly ({} columns mapped, {} before); the previous header is kept",
                layout.mapped(),
                self.layout.mapped()
            );
            self.diag(Severity::Warning, Code::HeaderVariant, line, msg);
        }
    }

    fn data_line(&mut self, line: &RawLine) {
        if self.after_total {
            let text = line_text(line);
            self.diag(
                Severity::Info,
                Code::OutsideTable,
                line.line,
                "a line after the table's total row is not part of the table".into(),
            )
            .text = Some(text);
            return;
        }
        // Each cell is read as a number once: for the alignment and the value.
        let parsed: Vec<Parsed> = line.cells.iter().map(|c| number::parse(&c.text)).collect();
        let items: Vec<Item> = line
            .cells
            .iter()
            .zip(&parsed)
            .map(|(c, p)| Item {
                col: c.col,
                shape: Shape::of(&c.text, p, self.schema),
            })
            .collect();
        let placed = align(&items, &self.layout.slots);
        if self.join_continuation(line, &items, &placed) {
            return;
        }
        let mut row = Row {
            kind: String::new(),
            page: self.page,
            line: line.line,
            cells: vec![Cell::default(); self.table.columns.len()],
            extra: Default::default(),
        };
        for ((cell, slot), parsed) in line.cells.iter().zip(&placed).zip(&parsed) {
            let Some(k) = *slot else {
                let msg = format!(
                    "cell `{}` fits no column of this row; it is not in the grid",
                    cell.text
                );
                self.diag(Severity::Error, Code::CellUnplaced, line.line, msg)
                    .text = Some(cell.text.clone());
                continue;
            };
            let target = self.layout.targets[k].clone();
            let key = match &target {
                Target::Key(ci) => self.table.columns[*ci].clone(),
                Target::Extra(path) => path.clone(),
            };
            if cell.col != self.layout.slots[k].col {
                let msg = format!(
                    "`{}` stood under {} and was placed under `{}` by its content",
                    cell.text,
                    self.layout.path_at(cell.col),
                    key
                );
                let d = self.diag(Severity::Info, Code::CellMoved, line.line, msg);
                d.column = Some(key.clone());
                d.text = Some(cell.text.clone());
            }
            let value = self.value(cell, parsed, self.layout.slots[k].vt, line.line, &key);
            match target {
                Target::Key(ci) => {
                    row.cells[ci] = Cell {
                        value,
                        bold: cell.bold,
                        line: line.line,
                    }
                }
                Target::Extra(path) => {
                    row.extra.insert(path, value);
                }
            }
        }
        self.finish_row(row);
    }

    fn finish_row(&mut self, mut row: Row) {
        let columns = &self.table.columns;
        let kind = self.schema.row_kind(|key| {
            let i = columns.iter().position(|c| c == key)?;
            row.cells[i].value.to_json_string()
        });
        row.kind = kind.to_string();
        if row.kind == "total" {
            self.after_total = true;
        }
        if row.cells.iter().all(|c| c.value == Value::Empty) && row.extra.is_empty() {
            return;
        }
        self.table.rows.push(row);
    }

    /// The value of a cell in a column holding `vt`, with diagnostics for
    /// what is not a plain number.
    ///
    /// `parsed` is the cell read with no knowledge of its column; only a
    /// token with two readings is read again, as the column decides.
    fn value(
        &mut self,
        cell: &RawCell,
        parsed: &Parsed,
        vt: ValueType,
        line: u32,
        key: &str,
    ) -> Value {
        if !vt.is_numeric() {
            return match parsed {
                Parsed::Nil => Value::Nil,
                _ => Value::Text(cell.text.clone()),
            };
        }
        let ambiguous = matches!(parsed, Parsed::Number(n) if n.alternative.is_some());
        let parsed = if ambiguous {
            number::parse_as(&cell.text, vt.number_kind())
        } else {
            parsed.clone()
        };
        match parsed {
            Parsed::Empty => Value::Empty,
            Parsed::Nil => Value::Nil,
            Parsed::Number(n) => {
                if let Some(alt) = n.alternative {
                    let msg = format!(
                        "`{}` reads as {} or {}; the column holds {:?}, so {} was taken",
                        cell.text, n.value, alt, vt, n.value
                    );
                    let d = self.diag(Severity::Info, Code::AmbiguousNumber, line, msg);
                    d.column = Some(key.to_string());
                    d.text = Some(cell.text.clone());
                }
                Value::Number(n.value)
            }
            Parsed::NotNumber(why) => {
                let msg = format!(
                    "`{}` in a numeric column is a {why}, not a number; it is kept as text",
                    cell.text
                );
                let d = self.diag(Severity::Warning, Code::NotANumber, line, msg);
                d.column = Some(key.to_string());
                d.text = Some(cell.text.clone());
                Value::Text(cell.text.clone())
            }
        }
    }

    /// Joins a line that only continues text cells of the row above.
    fn join_continuation(
        &mut self,
        line: &RawLine,
        items: &[Item],
        placed: &[Option<usize>],
    ) -> bool {
        let Some(prev) = self.table.rows.last() else {
            return false;
        };
        let mut joins = Vec::with_capacity(items.len());
        for ((cell, item), slot) in line.cells.iter().zip(items).zip(placed) {
            if !matches!(item.shape, Shape::Short | Shape::Long) {
                return false;
            }
            let Some(Target::Key(ci)) = slot.map(|k| &self.layout.targets[k]) else {
                return false;
            };
            if self.schema.columns[*ci].value_type != ValueType::Text
                || !matches!(prev.cells[*ci].value, Value::Text(_))
                || self.schema.starts_with_row_marker(&cell.text)
                || starts_with_item_number(&cell.text)
                || joins.iter().any(|&(c, _)| c == *ci)
            {
                return false;
            }
            joins.push((*ci, cell));
        }
        if joins.is_empty() {
            return false;
        }
        let page = self.page;
        let Some(row) = self.table.rows.last_mut() else {
            return false;
        };
        let mut notes = Vec::new();
        for (ci, cell) in joins {
            if let Value::Text(t) = &mut row.cells[ci].value {
                t.push(' ');
                t.push_str(&cell.text);
            }
            notes.push((self.table.columns[ci].clone(), cell.text.clone()));
        }
        let row_line = row.line;
        for (key, text) in notes {
            let mut d = Diagnostic::new(
                Severity::Info,
                Code::LineJoined,
                format!(
                    "line continues `{key}` of the row at line {row_line} and was joined to it"
                ),
            )
            .at(page, line.line)
            .column(key);
            d.text = Some(text);
            self.diags.push(d);
        }
        true
    }
}

fn line_text(line: &RawLine) -> String {
    line.cells
        .iter()
        .map(|c| c.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}
