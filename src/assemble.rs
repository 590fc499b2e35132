//! From raw lines to the logical grid: header bands, then each data line
//! aligned to the current band's columns, joined to the row above when it
//! only continues a cell, and converted to exact values.

use crate::align::{Aligner, Item, Shape, Slot};
use crate::band::{find_bands_with, Band, Header, HeaderColumn};
use crate::diag::{Code, Diagnostic, Severity};
use crate::error::{Error, ErrorKind, Result};
use crate::grid::{Cell, ColumnSource, Document, Row, Table, Value};
use crate::number::{self, year_in, Parsed};
use crate::schema::{
    normalize, starts_with_item_number, HeaderMapper, Schema, ValueType, Vocabulary,
};
use crate::source::{Format, RawCell, RawDocument, RawLine};
use crate::spare::Spare;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;

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
    header: Arc<Header>,
}

impl Layout {
    fn new(header: &Arc<Header>, schema: &Schema, mapper: &mut HeaderMapper) -> Layout {
        let mapping = mapper.map(header);
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
            header: Arc::clone(header),
        }
    }

    fn mapped(&self) -> usize {
        self.targets
            .iter()
            .filter(|t| matches!(t, Target::Key(_)))
            .count()
    }
}

/// A header column the schema does not name holds text unless its label
/// says money.
fn guess_type(hc: &HeaderColumn) -> ValueType {
    let money = crate::schema::with_normalized(&hc.path_text(), |words| {
        words.split(' ').any(|w| w == "rp" || w == "rupiah")
    });
    if money {
        ValueType::Money
    } else {
        ValueType::Text
    }
}

/// Builds the document from a reader's lines.
///
/// Lines come in blocks (one per HTML table; one for a whole text). A block
/// that opens with a header band starts a table, unless the band repeats the
/// current table's header (a table per page), when it continues it. A block
/// without a band continues the current table if its lines fit its columns;
/// otherwise it is text before the first table (the preamble) or a table
/// that is not an action plan, left out with a diagnostic.
///
/// `lines` is working memory for the document's lines, kept empty between
/// documents.
pub(crate) fn assemble(
    raw: &mut RawDocument,
    (format, source): (Format, &str),
    (schema, vocabulary): (&Schema, &Vocabulary),
    (spare, lines): (&mut Spare, &mut Vec<RawLine<'static>>),
) -> Result<Document> {
    let mut diags = spare.diagnostics();
    diags.append(&mut raw.diagnostics);
    let raw: &RawDocument = raw;
    let paged = raw.paged;
    let mut buffer: Vec<RawLine> = std::mem::take(lines);
    raw.lines_into(&mut buffer);
    let doc = assemble_lines(
        &buffer,
        (format, source),
        (schema, vocabulary),
        (spare, diags),
        paged,
    );
    *lines = crate::scratch::emptied_lines(buffer);
    doc
}

fn assemble_lines(
    lines: &[RawLine],
    (format, source): (Format, &str),
    (schema, vocabulary): (&Schema, &Vocabulary),
    (spare, mut diags): (&mut Spare, Vec<Diagnostic>),
    paged: bool,
) -> Result<Document> {
    if lines.iter().all(RawLine::is_blank) {
        return Err(Error::new(ErrorKind::Empty));
    }
    let mut tables: Vec<Table> = Vec::new();
    let mut current: Option<Builder> = None;
    let mut preamble: Vec<String> = Vec::new();
    let mut title_band: Option<(Band, usize)> = None;
    let mut start = 0;
    while start < lines.len() {
        let block_id = lines[start].block;
        let len = lines[start..]
            .iter()
            .position(|l| l.block != block_id)
            .unwrap_or(lines.len() - start);
        let block = &lines[start..start + len];
        let offset = start;
        start += len;
        let mut bands = find_bands_with(block, vocabulary);
        crate::settle::settle(block, &mut bands, schema, vocabulary);
        let Some(first) = bands.first() else {
            let fits = current.as_ref().is_some_and(|b| b.fits(block));
            match current.as_mut() {
                Some(b) if fits => b.continue_block(block, paged),
                None if tables.is_empty() && is_free_text(block) => {
                    preamble.extend(block.iter().filter(|l| !l.is_blank()).map(line_words));
                }
                Some(b) => skip_block(block, schema, &mut b.diags),
                None => skip_block(block, schema, &mut diags),
            }
            continue;
        };
        let before = &block[..first.start];
        let continues = current
            .as_mut()
            .is_some_and(|b| b.continued_by(&first.header));
        if let Some(mut b) = current.take_if(|_| continues) {
            for line in before.iter().filter(|l| !l.is_blank()) {
                b.outside(
                    line,
                    "a line above a repeated header is not part of the table",
                );
            }
            let how = (schema, vocabulary, paged);
            current = Some(run_block(b, (block, &bands, 0), how, &mut tables));
            continue;
        }
        if let Some(done) = current.take() {
            let (table, d, s) = done.finish();
            tables.push(table);
            (diags, *spare) = (d, s);
        }
        if tables.is_empty() {
            preamble.extend(before.iter().filter(|l| !l.is_blank()).map(line_words));
            title_band = Some((first.clone(), offset));
        } else {
            for line in before.iter().filter(|l| !l.is_blank()) {
                diags.push(outside_diag(
                    line,
                    "a line above a table's header is not part of any table",
                ));
            }
        }
        // The table's diagnostics follow the document's so far.
        let mut b = Builder::new(
            (schema, vocabulary),
            &first.header,
            (block, first),
            (std::mem::take(&mut diags), std::mem::take(spare)),
        );
        b.titles = preamble.iter().map(|t| normalize(t)).collect();
        let how = (schema, vocabulary, paged);
        current = Some(run_block(b, (block, &bands, 1), how, &mut tables));
    }
    if let Some(done) = current.take() {
        let (table, d, s) = done.finish();
        tables.push(table);
        (diags, *spare) = (d, s);
    }
    let Some((band, offset)) = title_band else {
        return Err(Error::new(ErrorKind::NoTable(format!(
            "no header band naming the columns of the `{}` schema",
            schema.name
        ))));
    };
    let (title, year) = pick_title(&preamble, &lines[offset + band.start..offset + band.end]);
    Ok(Document {
        source: spare.source(source),
        format: Some(format),
        title,
        year,
        preamble,
        tables,
        diagnostics: diags,
    })
}

/// Runs `b` over a block from its band number `from` on. A header band
/// after the table's total row and text below it starts another table: the finished ones go
/// to `tables`, and the builder of the last one is returned.
fn run_block<'s, 'l>(
    mut b: Builder<'s, 'l>,
    (block, bands, from): (&[RawLine<'l>], &[Band], usize),
    (schema, vocabulary, paged): (&'s Schema, &'s Vocabulary, bool),
    tables: &mut Vec<Table>,
) -> Builder<'s, 'l> {
    let mut next = from;
    while let Some(k) = b.run(block, bands, next, paged) {
        let (page, titles) = (b.page, std::mem::take(&mut b.titles));
        let (table, diags, spare) = b.finish();
        tables.push(table);
        b = Builder::new(
            (schema, vocabulary),
            &bands[k].header,
            (block, &bands[k]),
            (diags, spare),
        );
        if !paged {
            b.page = page + 1;
        }
        b.titles = titles;
        next = k + 1;
    }
    b
}

/// How many cells of the line read as numbers, counted up to `most`: none
/// in text, two or more in a row of the table.
fn number_cells(line: &RawLine, most: usize) -> usize {
    line.cells
        .iter()
        .filter(|c| matches!(number::parse(&c.text), Parsed::Number(_)))
        .take(most)
        .count()
}

/// The text of a line, its cells joined with spaces.
fn line_words(line: &RawLine) -> String {
    line.cells
        .iter()
        .map(|c| &*c.text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every line holds at most one cell: running text, not a table.
fn is_free_text(block: &[RawLine]) -> bool {
    block.iter().all(|l| l.cells.len() <= 1)
}

fn outside_diag(line: &RawLine, message: &str) -> Diagnostic {
    Diagnostic::new(Severity::Info, Code::OutsideTable, message)
        .at(line.page, line.line)
        .text(line_text(line))
}

/// Leaves out a block that belongs to no table, line by line.
fn skip_block(block: &[RawLine], schema: &Schema, diags: &mut Vec<Diagnostic>) {
    let mut lines = block.iter().filter(|l| !l.is_blank());
    let Some(first) = lines.next() else { return };
    if !is_free_text(block) {
        let rows = block.iter().filter(|l| !l.is_blank()).count();
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Code::TableSkipped,
                format!(
                    "a table of {rows} rows names no column of the `{}` schema and is not read as one",
                    schema.name
                ),
            )
            .at(first.page, first.line)
            .text(crate::source::text::truncate(&line_text(first), 200)),
        );
    }
    for line in std::iter::once(first).chain(lines) {
        diags.push(outside_diag(
            line,
            "a line outside the table is not part of it",
        ));
    }
}

fn first_line(lines: &[RawLine], band: &Band) -> (u32, u32) {
    lines.get(band.start).map_or((1, 1), |l| (l.page, l.line))
}

/// The title: the last preamble line naming a year, else a header label
/// naming one, else the last preamble line.
fn pick_title(preamble: &[String], band_lines: &[RawLine]) -> (Option<String>, Option<u32>) {
    if let Some((t, y)) = preamble
        .iter()
        .rev()
        .find_map(|t| year_in(t).map(|y| (t.clone(), y)))
    {
        return (Some(t), Some(y));
    }
    for c in band_lines.iter().flat_map(|l| l.cells.iter()) {
        if let Some(y) = year_in(&c.text) {
            return (Some(c.text.to_string()), Some(y));
        }
    }
    (preamble.last().cloned(), None)
}

struct Builder<'s, 'l> {
    schema: &'s Schema,
    mapper: HeaderMapper<'s>,
    diags: Vec<Diagnostic>,
    table: Table,
    layout: Rc<Layout>,
    /// The band the layout was made from.
    header: Arc<Header>,
    /// Layouts made so far, by header.
    layouts: Vec<(Arc<Header>, Rc<Layout>)>,
    page: u32,
    after_total: bool,
    /// A line was left out since the total row.
    left_out_after_total: bool,
    /// Scratch space for one line's readings and shapes.
    parsed: Vec<Parsed>,
    items: Vec<Item>,
    placed: Vec<Option<usize>>,
    joins: Vec<(usize, usize)>,
    aligner: Aligner,
    /// The schema's kind rules' columns, by index.
    kind_columns: Vec<Option<usize>>,
    /// Each schema column's key as diagnostics share it.
    keys: &'s [Arc<str>],
    /// Blank lines since the last line read (a header band between clears
    /// them: it explains the gap).
    blanks: usize,
    /// How many lines read followed no blank line, one, or more.
    gaps: [usize; 3],
    /// Lines without numbers set apart from the rows above by blank lines,
    /// with their pages and the blank lines before them: read as rows once
    /// a line with numbers follows; at the end of the table, from the first
    /// one set apart more widely than lines usually are, text after the
    /// table (a signature block).
    held: Vec<Held<'l>>,
    /// The document's title lines, normalised: a page that repeats them
    /// above its header band has a running header.
    titles: Vec<String>,
    /// The memory of a document read before, for rows, texts and messages.
    spare: Spare,
    /// The last line read into the table (its placement is in `placed`):
    /// a line continuing one of its text cells stands where that cell did.
    last_line: Option<RawLine<'l>>,
    /// Where the table's own diagnostics start in `diags`.
    first_diag: usize,
    /// Where the text cells of the last row stood, with their columns: a
    /// wrapped line (a lone `masyarakat` under the goal it finishes)
    /// stands where the cell it continues did, whatever its content looks
    /// like.
    row_text: Vec<(u32, usize)>,
}

/// A line [`Builder::read_line`] holds back.
struct Held<'l> {
    page: u32,
    blanks: usize,
    /// Its text stands under numeric columns only (a signature set right
    /// under the amounts): not a row, nor the continuation of one.
    off: bool,
    line: RawLine<'l>,
}

impl<'s, 'l> Builder<'s, 'l> {
    /// A table opened by `band`, one of the bands found in `lines`; its
    /// diagnostics go on after `diags`.
    fn new(
        (schema, vocabulary): (&'s Schema, &'s Vocabulary),
        header: &Arc<Header>,
        (lines, band): (&[RawLine], &Band),
        (mut diags, mut spare): (Vec<Diagnostic>, Spare),
    ) -> Builder<'s, 'l> {
        // Room for a diagnostic every other line, made once (within reason).
        diags.reserve(lines.len().min(2048) / 2);
        let mut mapper = HeaderMapper::new(schema, vocabulary);
        let layout = Rc::new(Layout::new(header, schema, &mut mapper));
        let diags_len = diags.len();
        let mut b = Builder {
            schema,
            mapper,
            diags,
            table: Table {
                schema: schema.name.clone(),
                columns: schema.keys().map(|k| spare.text(k)).collect(),
                types: schema.columns.iter().map(|c| c.value_type).collect(),
                // At most a row a line: room made once, not by doubling
                // (within reason; a huge table grows as usual).
                rows: spare.rows(lines.len().saturating_sub(band.end).min(4096)),
                ..Table::default()
            },
            layout: layout.clone(),
            header: header.clone(),
            layouts: vec![(header.clone(), layout)],
            page: lines.get(band.start).map_or(1, |l| l.page),
            after_total: false,
            left_out_after_total: false,
            parsed: Vec::new(),
            items: Vec::new(),
            placed: Vec::new(),
            joins: Vec::new(),
            aligner: Aligner::default(),
            kind_columns: schema.kind_columns(),
            keys: &vocabulary.keys,
            blanks: 0,
            gaps: [0; 3],
            held: Vec::new(),
            titles: Vec::new(),
            last_line: None,
            first_diag: diags_len,
            row_text: Vec::new(),
            spare,
        };
        b.describe_header(header, first_line(lines, band));
        b
    }

    fn finish(mut self) -> (Table, Vec<Diagnostic>, Spare) {
        self.end_held(
            "a line set apart from the table's last row by blank lines is not part of the table",
        );
        let own = self.diags.get(self.first_diag..).unwrap_or_default();
        crate::quality::count_diagnostics(&mut self.table.quality, own);
        (self.table, self.diags, self.spare)
    }

    /// The rows stop here (the table ends, or a page of it): the held lines
    /// up to the first one set apart more widely than the table's lines
    /// usually are (by none; by one where a converter writes a blank line
    /// after every line) are rows, the rest are not.
    fn end_held(&mut self, message: &str) {
        let usual = (0..self.gaps.len())
            .max_by_key(|&g| (self.gaps[g], std::cmp::Reverse(g)))
            .unwrap_or(0);
        let held = std::mem::take(&mut self.held);
        let end = held
            .iter()
            .position(|h| h.off || h.blanks.min(2) > usual)
            .unwrap_or(held.len());
        let mut held = held.into_iter();
        self.held.extend(held.by_ref().take(end));
        self.release_held();
        for h in held {
            self.diags
                .push(outside_diag(&h.line, message).at(h.page, h.line.line));
        }
    }

    /// Reads the lines of a block from its band number `next_band` on:
    /// later bands are repeats, other lines data.
    ///
    /// Stops at a band that follows the table's total row, returning its
    /// number: it starts another table.
    fn run(
        &mut self,
        lines: &[RawLine<'l>],
        bands: &[Band],
        mut next_band: usize,
        paged: bool,
    ) -> Option<usize> {
        let mut i = match next_band {
            0 => bands.first().map_or(0, |b| b.start),
            n => bands.get(n - 1).map_or(0, |b| b.end),
        };
        let heads = running_heads(
            lines,
            bands.get(next_band..).unwrap_or_default(),
            i,
            &self.titles,
        );
        while i < lines.len() {
            if let Some(band) = bands.get(next_band).filter(|band| band.start == i) {
                // A band after the total row and text below it (the next
                // plan's title) starts another table.
                if self.after_total && self.left_out_after_total {
                    return Some(next_band);
                }
                self.repeat(band, lines, paged);
                next_band += 1;
                i = band.end;
                continue;
            }
            let line = &lines[i];
            i += 1;
            if paged {
                self.page = line.page;
            }
            if line.is_blank() {
                self.blanks += 1;
            } else if heads.contains(&(i - 1)) {
                self.outside(
                    line,
                    "a running header above a page's header band is not part of the table",
                );
            } else if page_number(
                line,
                &lines[i..],
                bands.get(next_band).map(|b| b.start.saturating_sub(i)),
            ) {
                self.outside(line, "a page number is not part of the table");
            } else {
                self.read_line(line);
            }
        }
        None
    }

    /// A line of the table's body: held while it may be text after the
    /// table (it has no number and a blank line sets it apart from the rows
    /// above, or it follows such a line), else read as a row.
    fn read_line(&mut self, line: &RawLine<'l>) {
        let blanks = std::mem::take(&mut self.blanks);
        self.gaps[blanks.min(2)] += 1;
        if !self.after_total && !self.table.rows.is_empty() {
            let apart = blanks > 0 || !self.held.is_empty();
            let off = self.stands_off(line);
            if (apart || off) && number_cells(line, 1) == 0 {
                self.held.push(Held {
                    page: self.page,
                    blanks,
                    off,
                    line: *line,
                });
                return;
            }
        }
        self.release_held();
        self.data_line(line);
    }

    /// Reads the held lines as rows: the table went on after them.
    fn release_held(&mut self) {
        if self.held.is_empty() {
            return;
        }
        let page = self.page;
        for held in std::mem::take(&mut self.held) {
            self.page = held.page;
            self.data_line(&held.line);
        }
        self.page = page;
    }

    /// A header band that repeats this table's header, perhaps written
    /// differently, continues the table.
    fn continued_by(&mut self, header: &Arc<Header>) -> bool {
        if same_header(header, &self.header) {
            return true;
        }
        let layout = self.layout_for(header);
        layout.targets == self.layout.targets
            || (layout.mapped() * 10 >= self.layout.mapped() * 8
                && self
                    .layout
                    .targets
                    .iter()
                    .filter(|t| layout.targets.contains(t))
                    .count()
                    * 10
                    >= self.layout.targets.len() * 8)
    }

    /// The lines of a block without a header band fit this table's columns:
    /// a table per page with the header printed once.
    fn fits(&self, block: &[RawLine]) -> bool {
        let rows: Vec<&RawLine> = block.iter().filter(|l| !l.is_blank()).collect();
        let Some(last_col) = self.layout.slots.iter().map(|s| s.col).max() else {
            return false;
        };
        !rows.is_empty()
            && rows.iter().filter(|l| l.cells.len() >= 2).count() * 2 >= rows.len()
            && rows
                .iter()
                .all(|l| l.cells.last().is_some_and(|c| c.col <= last_col + 2))
    }

    /// Continues the table with a block that has no header band.
    fn continue_block(&mut self, block: &[RawLine<'l>], paged: bool) {
        if !paged {
            self.page += 1;
        }
        // Without bands, nothing stops the run.
        let _ = self.run(block, &[], 0, paged);
    }

    /// A line that is not part of the table.
    fn outside(&mut self, line: &RawLine, message: &str) {
        self.diags
            .push(outside_diag(line, message).at(self.page, line.line));
    }

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

    /// A diagnostic about `cell`, placed in the column `target` names: the
    /// column's key and the cell's text go with the message.
    fn cell_diag(
        &mut self,
        (severity, code): (Severity, Code),
        line: u32,
        message: String,
        target: &Target,
        cell: &RawCell,
    ) {
        let column = self.key_of(target);
        let text = self.spare.text(&cell.text);
        let d = self.diag(severity, code, line, message);
        d.column = Some(column);
        d.text = Some(text);
    }

    /// Records how the first band's columns map, and what it lacks.
    fn describe_header(&mut self, header: &Header, (page, line): (u32, u32)) {
        let mut sources: Vec<ColumnSource> = self
            .schema
            .columns
            .iter()
            .map(|c| ColumnSource {
                key: self.spare.text(&c.key),
                path: None,
            })
            .collect();
        for (k, target) in self.layout.targets.iter().enumerate() {
            match target {
                Target::Key(ci) => {
                    let path = &self.layout.header.columns[k].path;
                    sources[*ci].path = Some(self.spare.concat_path(&[], path, &[]));
                }
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

    /// The layout of a header, made once per distinct header (bands repeat
    /// on every page, often in two or three variants).
    fn layout_for(&mut self, header: &Arc<Header>) -> Rc<Layout> {
        if let Some((_, l)) = self.layouts.iter().find(|(h, _)| same_header(h, header)) {
            return l.clone();
        }
        let l = Rc::new(Layout::new(header, self.schema, &mut self.mapper));
        self.layouts.push((header.clone(), l.clone()));
        l
    }

    /// A later band: a repeat of the header, perhaps written differently.
    fn repeat(&mut self, band: &Band, lines: &[RawLine], paged: bool) {
        // The table goes on past a repeated header; what stands apart at
        // the foot of the page before it (a running footer) is not a row.
        self.end_held("a line at the foot of a page of the table is not part of it");
        self.blanks = 0;
        let (page, line) = first_line(lines, band);
        self.page = if paged { page } else { self.page + 1 };
        self.after_total = false;
        if same_header(&band.header, &self.header) {
            return;
        }
        self.header = band.header.clone();
        let layout = self.layout_for(&band.header);
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

    /// Every cell of the line stands under a numeric column, and not where a
    /// text cell of the row above stood.
    fn stands_off(&self, line: &RawLine) -> bool {
        line.cells.iter().all(|c| {
            let k = self.layout.slots.partition_point(|s| s.col < c.col);
            let numeric = self
                .layout
                .slots
                .get(k)
                .is_none_or(|s| s.col != c.col || s.vt.is_numeric());
            numeric && !self.text_stood_at(c.col)
        })
    }

    /// The last line read placed a text cell that stood at `col`.
    fn text_stood_at(&self, col: u32) -> bool {
        let Some(last) = self.last_line else {
            return false;
        };
        last.cells.iter().zip(&self.placed).any(|(c, k)| {
            c.col == col
                && k.and_then(|k| self.layout.slots.get(k))
                    .is_some_and(|s| !s.vt.is_numeric())
        })
    }

    fn data_line(&mut self, line: &RawLine<'l>) {
        // Rows go on after a total row that was a subtotal: a line with
        // numbers in two cells or more is one.
        if self.after_total && number_cells(line, 2) == 2 {
            self.after_total = false;
        }
        if self.after_total {
            self.left_out_after_total = true;
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
        let schema = self.schema;
        let mut parsed = std::mem::take(&mut self.parsed);
        let mut items = std::mem::take(&mut self.items);
        parsed.clear();
        items.clear();
        for c in line.cells {
            let p = number::parse(&c.text);
            items.push(Item {
                col: c.col,
                shape: Shape::of(&c.text, &p, schema),
            });
            parsed.push(p);
        }
        let mut placed = std::mem::take(&mut self.placed);
        self.aligner.align(&items, &self.layout.slots, &mut placed);
        self.last_line = Some(*line);
        if !self.join_continuation(line, &items, &placed) {
            self.place_row(line, &parsed, &placed);
        }
        self.parsed = parsed;
        self.items = items;
        self.placed = placed;
    }

    /// Makes a row of a line's cells, each in the column `placed` gives it.
    fn place_row(&mut self, line: &RawLine, parsed: &[Parsed], placed: &[Option<usize>]) {
        let schema = self.schema;
        let layout = Rc::clone(&self.layout);
        let mut row = Row {
            kind: Cow::Borrowed(""),
            page: self.page,
            line: line.line,
            cells: self.spare.cells(schema.columns.len()),
            extra: Default::default(),
            parent: None,
            level: 0,
        };
        self.row_text.clear();
        for ((cell, slot), parsed) in line.cells.iter().zip(placed).zip(parsed) {
            let Some(k) = *slot else {
                let msg = format!(
                    "cell `{}` fits no column of this row; it is not in the grid",
                    cell.text
                );
                self.diag(Severity::Error, Code::CellUnplaced, line.line, msg)
                    .text = Some(cell.text.to_string());
                continue;
            };
            let target = &layout.targets[k];
            let key = match target {
                Target::Key(ci) => schema.columns[*ci].key.as_str(),
                Target::Extra(path) => path.as_str(),
            };
            if cell.col != layout.slots[k].col {
                // Under the header path of the column it stood in, else
                // under its position.
                let position;
                let (open, path, close): (&str, &[Arc<str>], &str) =
                    match layout.slots.iter().position(|s| s.col == cell.col) {
                        Some(at) => ("`", &layout.header.columns[at].path, "`"),
                        None => {
                            position = format!("position {}", u64::from(cell.col) + 1);
                            (&position, &[], "")
                        }
                    };
                let msg = self.spare.concat_path(
                    &["`", &cell.text, "` stood under ", open],
                    path,
                    &[close, " and was placed under `", key, "` by its content"],
                );
                self.cell_diag(
                    (Severity::Info, Code::CellMoved),
                    line.line,
                    msg,
                    target,
                    cell,
                );
            }
            let value = self.value(cell, parsed, layout.slots[k].vt, line.line, target);
            match target {
                Target::Key(ci) => {
                    if schema.columns[*ci].value_type == ValueType::Text
                        && matches!(value, Value::Text(_))
                    {
                        self.row_text.push((cell.col, *ci));
                    }
                    row.cells[*ci] = Cell {
                        value,
                        bold: cell.bold,
                        line: line.line,
                    }
                }
                Target::Extra(path) => {
                    row.extra.insert(path.clone(), value);
                }
            }
        }
        self.finish_row(row);
    }

    fn finish_row(&mut self, mut row: Row) {
        let schema = self.schema;
        let kind = schema.row_kind_at(&self.kind_columns, |i| match &row.cells.get(i)?.value {
            Value::Empty | Value::Nil => None,
            Value::Text(t) => Some(KindText::Text(t)),
            Value::Number(d) => Some(KindText::number(d)),
        });
        row.kind = kind.clone();
        if row.kind == "total" {
            self.after_total = true;
            self.left_out_after_total = false;
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
        target: &Target,
    ) -> Value {
        if !vt.is_numeric() {
            return match parsed {
                Parsed::Nil => Value::Nil,
                _ => Value::Text(self.spare.text(&cell.text)),
            };
        }
        let ambiguous = matches!(parsed, Parsed::Number(n) if n.alternative.is_some());
        let reread;
        let parsed = if ambiguous {
            reread = number::parse_as(&cell.text, vt.number_kind());
            &reread
        } else {
            parsed
        };
        match *parsed {
            Parsed::Empty => Value::Empty,
            Parsed::Nil => Value::Nil,
            Parsed::Number(ref n) => {
                if let Some(alt) = n.alternative {
                    // The text, the two readings (at most 31 characters
                    // each), the type and the words.
                    let mut msg = self.spare.string(cell.text.len() + 160);
                    // Writing to a `String` cannot fail.
                    let _ = write!(
                        msg,
                        "`{}` reads as {} or {alt}; the column holds {vt:?}, so {} was taken",
                        cell.text, n.value, n.value
                    );
                    self.cell_diag(
                        (Severity::Info, Code::AmbiguousNumber),
                        line,
                        msg,
                        target,
                        cell,
                    );
                }
                Value::Number(n.value)
            }
            Parsed::NotNumber(why) => {
                let msg = self.spare.concat(&[
                    "`",
                    &cell.text,
                    "` in a numeric column is a ",
                    why.as_str(),
                    ", not a number; it is kept as text",
                ]);
                self.cell_diag(
                    (Severity::Warning, Code::NotANumber),
                    line,
                    msg,
                    target,
                    cell,
                );
                Value::Text(self.spare.text(&cell.text))
            }
        }
    }

    /// The key of the column `target` names, shared.
    fn key_of(&mut self, target: &Target) -> Arc<str> {
        match target {
            Target::Key(ci) => Arc::clone(&self.keys[*ci]),
            Target::Extra(path) => path.as_str().into(),
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
        // (column, cell index) of each cell that continues the row above.
        let mut joins = std::mem::take(&mut self.joins);
        joins.clear();
        for (i, ((cell, item), slot)) in line.cells.iter().zip(items).zip(placed).enumerate() {
            if !matches!(item.shape, Shape::Short | Shape::Long)
                || self.schema.starts_with_row_marker(&cell.text)
                || starts_with_item_number(&cell.text)
            {
                break;
            }
            // Where a text cell of the row stood (its row shifted or not):
            // a word alone there continues it, though by its content it
            // could be a unit.
            let stood = self
                .row_text
                .iter()
                .find(|&&(col, _)| col == cell.col)
                .map(|&(_, ci)| ci);
            // Else where the alignment placed it, if it stands where its
            // cell does: text that had to move further to reach a text cell
            // (a signature set under the amounts) continues nothing.
            let placed = slot.and_then(|k| match &self.layout.targets[k] {
                Target::Key(ci) if self.layout.slots[k].col.abs_diff(cell.col) <= 1 => Some(*ci),
                _ => None,
            });
            let Some(ci) = stood.or(placed) else {
                break;
            };
            if self.schema.columns[ci].value_type != ValueType::Text
                || !matches!(prev.cells[ci].value, Value::Text(_))
                || joins.iter().any(|&(c, _)| c == ci)
            {
                break;
            }
            joins.push((ci, i));
        }
        let joined = !joins.is_empty() && joins.len() == line.cells.len();
        if !joined {
            self.joins = joins;
            return false;
        }
        let page = self.page;
        let Some(row) = self.table.rows.last_mut() else {
            self.joins = joins;
            return false;
        };
        let mut notes = Vec::with_capacity(joins.len());
        for &(ci, i) in &joins {
            let text = &line.cells[i].text;
            if !self.row_text.contains(&(line.cells[i].col, ci)) {
                self.row_text.push((line.cells[i].col, ci));
            }
            if let Value::Text(t) = &mut row.cells[ci].value {
                t.push(' ');
                t.push_str(text);
            }
            notes.push((ci, self.spare.text(text)));
        }
        self.joins = joins;
        let row_line = row.line;
        for (ci, text) in notes {
            let key = self.key_of(&Target::Key(ci));
            let mut d = Diagnostic::new(
                Severity::Info,
                Code::LineJoined,
                self.spare.concat(&[
                    "line continues `",
                    &key,
                    "` of the row at line ",
                    &row_line.to_string(),
                    " and was joined to it",
                ]),
            )
            .at(page, line.line)
            .column(key);
            d.text = Some(text);
            self.diags.push(d);
        }
        true
    }
}

/// A cell's value as the kind rules read it: a number written out on the
/// stack, not on the heap (most rows have one in a column the rules read).
enum KindText<'a> {
    Text(&'a str),
    Number(number::StackText<48>),
    Long(String),
}

impl KindText<'_> {
    fn number(d: &rust_decimal::Decimal) -> KindText<'static> {
        match number::StackText::of(d) {
            Some(text) => KindText::Number(text),
            None => KindText::Long(d.to_string()),
        }
    }
}

impl AsRef<str> for KindText<'_> {
    fn as_ref(&self) -> &str {
        match self {
            KindText::Text(t) => t,
            KindText::Number(text) => text.as_str(),
            KindText::Long(s) => s,
        }
    }
}

/// The lines of a running page header: the lines just above a repeated
/// header band (blank lines aside, after the rows from `from` on) that hold
/// one text and repeat a line of the document's title (a wrapped activity
/// name may stand there too, and two pages may end with the same one: only
/// the title tells them apart).
fn running_heads(lines: &[RawLine], bands: &[Band], from: usize, titles: &[String]) -> Vec<usize> {
    let mut heads = Vec::new();
    if titles.is_empty() {
        return heads;
    }
    let mut floor = from;
    for band in bands {
        let mut k = band.start.min(lines.len());
        let mut taken = 0;
        while k > floor && taken < MAX_HEAD_LINES {
            k -= 1;
            let line = &lines[k];
            if line.is_blank() {
                continue;
            }
            let [cell] = line.cells else { break };
            let title = crate::schema::with_normalized(&cell.text, |text| {
                !text.is_empty() && titles.iter().any(|t| t == text)
            });
            if !title {
                break;
            }
            heads.push(k);
            taken += 1;
        }
        floor = band.end;
    }
    heads
}

/// The most lines a running page header has.
const MAX_HEAD_LINES: usize = 3;

/// A page number standing on a line of its own: a label (`Halaman 3`,
/// `Hal. 3 dari 8`, `Page 3 of 8`, `- 3 -`, `3 / 8`) anywhere, or a bare
/// number where the page ends (only blank lines follow before the next
/// header band, the next page or the end of the lines).
///
/// `after` are the lines that follow; `band_in` how many of them stand
/// before the next header band.
fn page_number(line: &RawLine, after: &[RawLine], band_in: Option<usize>) -> bool {
    let [cell] = line.cells else {
        return false;
    };
    let text = cell.text.trim();
    if text.is_empty() || text.len() > 32 {
        return false;
    }
    if is_page_label(text) {
        return true;
    }
    let bare = text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
    if !bare {
        return false;
    }
    let next = after.iter().position(|l| !l.is_blank());
    match next {
        None => true,
        Some(k) => band_in == Some(k) || after[k].page != line.page,
    }
}

/// `Halaman 3`, `Hal. 3 dari 8`, `hlm 3`, `Page 3 of 8`, `- 3 -`, `3 / 8`,
/// `3 dari 8`.
fn is_page_label(text: &str) -> bool {
    use number::strip_prefix_ci;
    // A number of one to four digits at the start of `s`: its length.
    let number = |s: &str| -> Option<usize> {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        (1..=4).contains(&n).then_some(n)
    };
    // A number between dashes.
    for dash in ["-", "\u{2013}", "\u{2014}"] {
        if let Some(inner) = text.strip_prefix(dash).and_then(|r| r.strip_suffix(dash)) {
            let inner = inner.trim();
            return number(inner) == Some(inner.len());
        }
    }
    let word = ["halaman", "hal.", "hal", "hlm.", "hlm", "page"]
        .iter()
        .find_map(|w| strip_prefix_ci(text, w));
    let mut rest = word.unwrap_or(text).trim_start();
    let Some(n) = number(rest) else {
        return false;
    };
    rest = rest[n..].trim_start();
    if rest.is_empty() {
        return word.is_some();
    }
    for of in ["dari", "of", "/"] {
        if let Some(r) = strip_prefix_ci(rest, of) {
            let r = r.trim_start();
            return number(r) == Some(r.len()) && (word.is_some() || of != "of");
        }
    }
    false
}

/// Two headers are the same: one band shared, or two written alike.
fn same_header(a: &Arc<Header>, b: &Arc<Header>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

fn line_text(line: &RawLine) -> String {
    line.cells
        .iter()
        .map(|c| &*c.text)
        .collect::<Vec<_>>()
        .join(" | ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_labels() {
        for label in [
            "Halaman 3",
            "HALAMAN 3 DARI 8",
            "Hal. 12",
            "hal 2 dari 10",
            "Hlm. 4",
            "Page 6 of 8",
            "- 2 -",
            "\u{2013} 14 \u{2013}",
            "5 / 8",
            "3 dari 8",
        ] {
            assert!(is_page_label(label), "{label}");
        }
        for text in [
            "3",
            "Halaman",
            "Halte 3",
            "3 of 8",
            "- -",
            "-3-4-",
            "5 / 8 orang",
            "Halaman 12345",
            "Page 3 of many",
            "Hal. 3 dari",
            "2.000",
        ] {
            assert!(!is_page_label(text), "{text}");
        }
    }

    fn line(page: u32, texts: &[&str]) -> RawLine<'static> {
        let cells: Vec<RawCell<'static>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| RawCell {
                col: i as u32 + 9,
                text: Cow::Owned(t.to_string()),
                bold: false,
                span: 0,
            })
            .collect();
        RawLine {
            page,
            line: 1,
            width: 10 + texts.len() as u32,
            block: 0,
            cells: cells.leak(),
        }
    }

    /// A bare number is a page number only where the page ends.
    #[test]
    fn bare_page_numbers_end_a_page() {
        let number = line(1, &["3"]);
        let blank = line(1, &[]);
        let row = line(1, &["1 Penyusunan", "70.975.200"]);
        let next_page = line(2, &["1 Penyusunan"]);
        // Last line, or only blank lines before the end.
        assert!(page_number(&number, &[], None));
        assert!(page_number(&number, &[blank], None));
        // Right before the next band (two lines on, past a blank line).
        assert!(page_number(&number, &[blank, row], Some(1)));
        // Before a line of another page.
        assert!(page_number(&number, &[blank, next_page], None));
        // Before a row of the same page: not a page number.
        assert!(!page_number(&number, &[blank, row], None));
        assert!(!page_number(&number, &[blank, row], Some(2)));
        // Two cells, or a longer number: not one.
        assert!(!page_number(&line(1, &["3", "4"]), &[], None));
        assert!(!page_number(&line(1, &["12345"]), &[], None));
        // A label is one anywhere.
        assert!(page_number(&line(1, &["Halaman 3"]), &[blank, row], None));
    }
}
