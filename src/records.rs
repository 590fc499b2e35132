//! Typed records of a Rencana Aksi plan, and a flat form for analysts.
//!
//! [`Plan::from_document`] turns a document read with the Renaksi schema
//! into its hierarchy of [`Item`]s (goals, sub-goals, programs, activities)
//! as the grid's `parent` links give it, each with its indicator, budget and
//! quarterly split as exact decimals, its item number split from its name,
//! and where it stands in the source. [`flat`] gives one [`FlatRow`] per
//! activity (per leaf row with a budget or a target) with its goal and
//! program as context columns; [`write_jsonl`] and [`write_csv`] write them.
//!
//! The JSON form of [`Plan`] is stable: fields may be added, none renamed.
//!
//! ```
//! let doc = renaksi::read_path("testdata/000_774b992758332ae0.txt")?;
//! let plan = renaksi::records::Plan::from_document(&doc);
//! let goal = &plan.items[0];
//! assert_eq!(goal.kind, "goal");
//! assert_eq!(goal.budget.as_ref().and_then(|b| b.pagu).map(|d| d.to_string()).as_deref(), Some("5274429360"));
//! let rows = renaksi::records::flat(&plan);
//! assert_eq!(rows[0].activity.as_deref(), Some("Penyusunan Rencana Tenaga Kerja (RTK)"));
//! assert_eq!(rows[0].item, Some(1));
//! # Ok::<(), renaksi::Error>(())
//! ```

use crate::grid::{Document, Table, Value};
use crate::source::Format;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// A plan: what the document says of itself, and its items.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The source file name.
    pub source: String,
    /// The input format.
    pub format: Option<Format>,
    /// The document's title.
    pub title: Option<String>,
    /// The plan year.
    pub year: Option<u32>,
    /// The agency, where the title or the lines above the table name it
    /// (`DINAS TENAGA KERJA DAN TRANSMIGRASI`).
    pub agency: Option<String>,
    /// The top-level items (goals), in document order, of every table.
    pub items: Vec<Item>,
    /// The totals the tables state.
    pub totals: Vec<Budget>,
}

/// One row of the plan's hierarchy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// `goal`, `sub_goal`, `program`, `activity`, `indicator` or `row`.
    pub kind: String,
    /// The goal number (`1`, `II`), from the `no` column.
    pub number: Option<String>,
    /// The strategic goal's text, where the row states one.
    pub goal: Option<String>,
    /// The item number of a program or activity (`1 Penyusunan …` → 1).
    pub item: Option<u32>,
    /// The program or activity name, its item number split off.
    pub name: Option<String>,
    /// The performance indicator the row states.
    pub indicator: Option<Indicator>,
    /// The budget the row states.
    pub budget: Option<Budget>,
    /// The responsible unit the row names.
    pub responsible: Option<String>,
    /// The 1-based page the row starts on.
    pub page: u32,
    /// The 1-based line the row starts on.
    pub line: u32,
    /// The rows directly under this one.
    pub children: Vec<Item>,
}

/// A performance indicator with its target and quarterly targets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// The indicator's text.
    pub text: Option<String>,
    /// The unit (`%`, `Orang`, `Dokumen`).
    pub unit: Option<String>,
    /// The target.
    pub target: Option<Decimal>,
    /// The targets of quarters I–IV.
    pub quarters: [Option<Decimal>; 4],
}

/// A budget ceiling (Pagu) and its quarterly split by funding source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    /// The ceiling, in rupiah.
    pub pagu: Option<Decimal>,
    /// The regional budget (APBD) by quarter.
    pub apbd: [Option<Decimal>; 4],
    /// The national budget (APBN) by quarter.
    pub apbn: [Option<Decimal>; 4],
}

impl Budget {
    fn is_empty(&self) -> bool {
        self.pagu.is_none() && self.apbd.iter().chain(&self.apbn).all(Option::is_none)
    }
}

fn text(table: &Table, row: usize, key: &str) -> Option<String> {
    match table.get(row, key)? {
        Value::Text(t) => Some(t.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number(table: &Table, row: usize, key: &str) -> Option<Decimal> {
    table.get(row, key).and_then(Value::number)
}

fn quarters(table: &Table, row: usize, prefix: &str) -> [Option<Decimal>; 4] {
    [1, 2, 3, 4].map(|q| number(table, row, &format!("{prefix}{q}")))
}

/// Splits a leading item number off a name: `1 Penyusunan …`, `2. …`, `3) …`.
fn split_item(name: &str) -> (Option<u32>, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 4 {
        return (None, name.to_string());
    }
    let rest = name[digits.len()..].trim_start_matches(['.', ')']);
    if !rest.starts_with(' ') {
        return (None, name.to_string());
    }
    (digits.parse().ok(), rest.trim_start().to_string())
}

fn item_of(table: &Table, row: usize) -> Item {
    let r = &table.rows[row];
    let (item, name) = match text(table, row, "program_activity") {
        Some(n) => {
            let (i, n) = split_item(&n);
            (i, Some(n))
        }
        None => (None, None),
    };
    let indicator = Indicator {
        text: text(table, row, "indicator"),
        unit: text(table, row, "unit"),
        target: number(table, row, "target"),
        quarters: quarters(table, row, "target_q"),
    };
    let has_indicator = indicator.text.is_some()
        || indicator.unit.is_some()
        || indicator.target.is_some()
        || indicator.quarters.iter().any(Option::is_some);
    let budget = Budget {
        pagu: number(table, row, "budget"),
        apbd: quarters(table, row, "apbd_q"),
        apbn: quarters(table, row, "apbn_q"),
    };
    Item {
        kind: r.kind.to_string(),
        number: text(table, row, "no"),
        goal: text(table, row, "strategic_goal"),
        item,
        name,
        indicator: has_indicator.then_some(indicator),
        budget: (!budget.is_empty()).then_some(budget),
        responsible: text(table, row, "responsible"),
        page: r.page,
        line: r.line,
        children: Vec::new(),
    }
}

/// Words that open an agency's name in a title line.
const AGENCY_WORDS: &[&str] = &[
    "DINAS",
    "BADAN",
    "KANTOR",
    "SEKRETARIAT",
    "BIRO",
    "INSPEKTORAT",
    "SATUAN",
    "RUMAH SAKIT",
    "RSUD",
    "KECAMATAN",
    "KELURAHAN",
    "BAGIAN",
    "UPTD",
    "KEMENTERIAN",
    "DIREKTORAT",
];

/// The agency a line names: from an agency word to the end of the line or
/// to `TAHUN`.
fn agency_in(line: &str) -> Option<String> {
    let upper = line.to_uppercase();
    let start = AGENCY_WORDS
        .iter()
        .filter_map(|w| {
            upper
                .match_indices(w)
                .find(|(i, _)| *i == 0 || upper[..*i].ends_with(' '))
                .map(|(i, _)| i)
        })
        .min()?;
    let rest = &line[start..];
    let end = rest.to_uppercase().find(" TAHUN").unwrap_or(rest.len());
    let name = rest[..end].trim().trim_end_matches([',', '.', '-']).trim();
    (!name.is_empty()).then(|| name.to_string())
}

impl Plan {
    /// The records of a document read with the Renaksi schema.
    pub fn from_document(doc: &Document) -> Plan {
        let agency = doc
            .title
            .iter()
            .chain(doc.preamble.iter())
            .find_map(|l| agency_in(l));
        let mut items = Vec::new();
        let mut totals = Vec::new();
        for table in &doc.tables {
            let (top, total) = table_items(table);
            items.extend(top);
            totals.extend(total);
        }
        Plan {
            source: doc.source.clone(),
            format: doc.format,
            title: doc.title.clone(),
            year: doc.year,
            agency,
            items,
            totals,
        }
    }

    /// The records as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// The items of one table, nested by their `parent` links, and its totals.
fn table_items(table: &Table) -> (Vec<Item>, Vec<Budget>) {
    let n = table.rows.len();
    let mut items: Vec<Option<Item>> = (0..n).map(|i| Some(item_of(table, i))).collect();
    let mut totals = Vec::new();
    // Children are attached from the last row up, so each item is complete
    // before it joins its parent.
    for i in (0..n).rev() {
        let row = &table.rows[i];
        if row.kind == "total" {
            if let Some(b) = items[i].take().and_then(|it| it.budget) {
                totals.insert(0, b);
            }
            continue;
        }
        if let Some(p) = row.parent.filter(|&p| p < i) {
            if let Some(child) = items[i].take() {
                if let Some(parent) = items[p].as_mut() {
                    parent.children.insert(0, child);
                }
            }
        }
    }
    (items.into_iter().flatten().collect(), totals)
}

/// One activity with its context, for spreadsheets and data frames.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlatRow {
    /// The source file name.
    pub source: String,
    /// The plan year.
    pub year: Option<u32>,
    /// The 1-based page of the row.
    pub page: u32,
    /// The 1-based line of the row.
    pub line: u32,
    /// The goal's number.
    pub goal_number: Option<String>,
    /// The strategic goal.
    pub goal: Option<String>,
    /// The goal's indicator.
    pub goal_indicator: Option<String>,
    /// The nearest sub-goal above the row (a goal text under the goal).
    pub sub_goal: Option<String>,
    /// The nearest program above the row (or the row itself).
    pub program: Option<String>,
    /// The activity's item number.
    pub item: Option<u32>,
    /// The activity.
    pub activity: Option<String>,
    /// The activity's own indicator text, where it states one.
    pub indicator: Option<String>,
    /// The unit of the target.
    pub unit: Option<String>,
    /// The target.
    pub target: Option<Decimal>,
    /// Target, quarter I.
    pub target_q1: Option<Decimal>,
    /// Target, quarter II.
    pub target_q2: Option<Decimal>,
    /// Target, quarter III.
    pub target_q3: Option<Decimal>,
    /// Target, quarter IV.
    pub target_q4: Option<Decimal>,
    /// The budget ceiling (Pagu).
    pub budget: Option<Decimal>,
    /// APBD, quarter I.
    pub apbd_q1: Option<Decimal>,
    /// APBD, quarter II.
    pub apbd_q2: Option<Decimal>,
    /// APBD, quarter III.
    pub apbd_q3: Option<Decimal>,
    /// APBD, quarter IV.
    pub apbd_q4: Option<Decimal>,
    /// APBN, quarter I.
    pub apbn_q1: Option<Decimal>,
    /// APBN, quarter II.
    pub apbn_q2: Option<Decimal>,
    /// APBN, quarter III.
    pub apbn_q3: Option<Decimal>,
    /// APBN, quarter IV.
    pub apbn_q4: Option<Decimal>,
    /// The responsible unit: the row's own, else the nearest above it.
    pub responsible: Option<String>,
}

/// One row per activity (per leaf item with a budget or a target), with its
/// goal and program as context.
pub fn flat(plan: &Plan) -> Vec<FlatRow> {
    let mut out = Vec::new();
    for item in &plan.items {
        walk(plan, item, &mut Vec::new(), &mut out);
    }
    out
}

fn walk<'a>(plan: &Plan, item: &'a Item, above: &mut Vec<&'a Item>, out: &mut Vec<FlatRow>) {
    if item.children.is_empty() {
        let has_numbers =
            item.budget.is_some() || item.indicator.as_ref().is_some_and(|i| i.target.is_some());
        if has_numbers && item.kind != "goal" {
            out.push(flat_row(plan, item, above));
        }
        return;
    }
    above.push(item);
    for child in &item.children {
        walk(plan, child, above, out);
    }
    above.pop();
}

fn flat_row(plan: &Plan, item: &Item, above: &[&Item]) -> FlatRow {
    let goal = above.first().copied();
    let sub_goal = above[1.min(above.len())..]
        .iter()
        .rev()
        .chain(std::iter::once(&item))
        .find_map(|i| i.goal.clone());
    let program = std::iter::once(&item)
        .chain(above.iter().rev())
        .find(|i| i.kind == "program")
        .and_then(|i| i.name.clone());
    let responsible = std::iter::once(&item)
        .chain(above.iter().rev())
        .find_map(|i| i.responsible.clone());
    let ind = item.indicator.clone();
    let q = ind.as_ref().map_or([None; 4], |i| i.quarters);
    let b = item.budget.clone();
    let apbd = b.as_ref().map_or([None; 4], |b| b.apbd);
    let apbn = b.as_ref().map_or([None; 4], |b| b.apbn);
    FlatRow {
        source: plan.source.clone(),
        year: plan.year,
        page: item.page,
        line: item.line,
        goal_number: goal.and_then(|g| g.number.clone()),
        goal: goal.and_then(|g| g.goal.clone()),
        goal_indicator: goal
            .and_then(|g| g.indicator.as_ref())
            .and_then(|i| i.text.clone()),
        sub_goal: sub_goal.filter(|s| goal.and_then(|g| g.goal.as_ref()) != Some(s)),
        program,
        item: item.item,
        activity: (item.kind != "program")
            .then(|| item.name.clone())
            .flatten(),
        indicator: ind.as_ref().and_then(|i| i.text.clone()),
        unit: ind.as_ref().and_then(|i| i.unit.clone()),
        target: ind.as_ref().and_then(|i| i.target),
        target_q1: q[0],
        target_q2: q[1],
        target_q3: q[2],
        target_q4: q[3],
        budget: b.as_ref().and_then(|b| b.pagu),
        apbd_q1: apbd[0],
        apbd_q2: apbd[1],
        apbd_q3: apbd[2],
        apbd_q4: apbd[3],
        apbn_q1: apbn[0],
        apbn_q2: apbn[1],
        apbn_q3: apbn[2],
        apbn_q4: apbn[3],
        responsible,
    }
}

/// Writes rows as JSON Lines: one JSON object per line.
pub fn write_jsonl<W: Write>(rows: &[FlatRow], mut out: W) -> std::io::Result<()> {
    for row in rows {
        serde_json::to_writer(&mut out, row)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes rows as CSV with a header line; `header` false continues a file
/// already begun.
pub fn write_csv<W: Write>(rows: &[FlatRow], out: W, header: bool) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(header)
        .from_writer(out);
    for row in rows {
        w.serialize(row).map_err(std::io::Error::other)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_and_agencies() {
        assert_eq!(
            split_item("1 Penyusunan RTK"),
            (Some(1), "Penyusunan RTK".into())
        );
        assert_eq!(
            split_item("12. Monitoring"),
            (Some(12), "Monitoring".into())
        );
        assert_eq!(split_item("2023 Kegiatan"), (Some(2023), "Kegiatan".into()));
        assert_eq!(split_item("Program A"), (None, "Program A".into()));
        assert_eq!(split_item("10%"), (None, "10%".into()));
        assert_eq!(
            agency_in("RENCANA AKSI DINAS KESEHATAN TAHUN 2024").as_deref(),
            Some("DINAS KESEHATAN")
        );
        assert_eq!(
            agency_in("Badan Pendapatan Daerah Kabupaten Sleman").as_deref(),
            Some("Badan Pendapatan Daerah Kabupaten Sleman")
        );
        assert_eq!(
            agency_in("RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023"),
            None
        );
    }
}
