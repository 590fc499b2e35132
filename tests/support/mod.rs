//! Helpers shared by the integration tests: grid comparison that names the
//! page, line and column of every difference, and the nothing-lost check.
#![allow(dead_code)]

pub mod layouts;
pub mod pdfgen;
pub mod synth;

use renaksi::source::{RawDocument, RawLine};
use renaksi::{Code, Document, Value};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;

pub fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

pub fn load_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The numeric columns of the grid contract: the targets and the money.
fn is_numeric(key: &str) -> bool {
    synth::KEYS[4..9].contains(&key) || synth::KEYS[10..19].contains(&key)
}

/// A cell as the grid contract compares it: `None` for empty, nil and `-`;
/// numbers by value; text with white space collapsed; an activity's leading
/// item number ignored.
pub fn norm(key: &str, v: Option<&str>) -> Option<String> {
    let v = v?;
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() || v == "-" {
        return None;
    }
    if is_numeric(key) {
        return Some(match Decimal::from_str(&v) {
            Ok(d) => d.normalize().to_string(),
            Err(_) => format!("!{v}"),
        });
    }
    if key == "program_activity" {
        let digits = v.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let rest = v[digits..].trim_start_matches(['.', ')']);
            if rest.starts_with(' ') {
                return Some(rest.trim_start().to_string());
            }
        }
    }
    Some(v)
}

fn json_cell(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Every difference between an expected grid (JSON) and a document, each
/// naming the row's page and line and the column.
pub fn diff(expected: &serde_json::Value, doc: &Document, check_positions: bool) -> Vec<String> {
    let mut out = Vec::new();
    let table = &expected["tables"][0];
    let columns: Vec<&str> = table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let want = table["rows"].as_array().unwrap();
    let got: Vec<&renaksi::Row> = doc.rows().collect();
    let t = &doc.tables[0];
    if want.len() != got.len() {
        out.push(format!("expected {} rows, got {}", want.len(), got.len()));
    }
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        let at = format!("row {i} (page {}, line {})", w["page"], w["line"]);
        if check_positions
            && (w["page"].as_u64() != Some(g.page.into())
                || w["line"].as_u64() != Some(g.line.into()))
        {
            out.push(format!("{at}: got page {}, line {}", g.page, g.line));
        }
        for key in &columns {
            let e = norm(key, json_cell(w["cells"].get(*key)).as_deref());
            let c = t.column_index(key).map(|c| &g.cells[c].value);
            let a = c.and_then(Value::to_json_string);
            let a = norm(key, a.as_deref());
            if e != a {
                out.push(format!("{at} {key}: expected {e:?}, got {a:?}"));
            }
        }
    }
    if doc.title.as_deref() != expected["title"].as_str() {
        out.push(format!(
            "title: expected {:?}, got {:?}",
            expected["title"], doc.title
        ));
    }
    if doc.year.map(u64::from) != expected["year"].as_u64() {
        out.push(format!(
            "year: expected {:?}, got {:?}",
            expected["year"], doc.year
        ));
    }
    out
}

pub fn assert_same(expected: &serde_json::Value, doc: &Document, check_positions: bool) {
    let d = diff(expected, doc, check_positions);
    assert!(d.is_empty(), "{} differences:\n{}", d.len(), d.join("\n"));
}

/// Nothing lost: every non-empty cell of every line outside the header bands
/// and the preamble ends in exactly one grid cell from that line, or in a
/// diagnostic naming that line and that text.
pub fn assert_nothing_lost(raw: &RawDocument, doc: &Document) {
    if let Err(e) = check_nothing_lost(raw, doc) {
        panic!("{e}");
    }
}

pub fn check_nothing_lost(raw: &RawDocument, doc: &Document) -> Result<(), String> {
    let header_lines = header_lines(raw);
    for line in &raw.lines() {
        if line.is_blank() || header_lines.contains(&line.line) {
            continue;
        }
        let mut grid: Vec<String> = doc
            .rows()
            .flat_map(|r| r.cells.iter())
            .filter(|c| c.line == line.line)
            .filter_map(|c| match &c.value {
                Value::Nil => Some("<nil>".to_string()),
                v => v.to_json_string(),
            })
            .collect();
        grid.extend(
            doc.rows()
                .flat_map(|r| r.extra.values())
                .filter_map(Value::to_json_string),
        );
        for cell in line.cells {
            let in_diag = doc.diagnostics.iter().any(|d| {
                d.line == Some(line.line)
                    && matches!(
                        d.code,
                        Code::LineJoined
                            | Code::CellUnplaced
                            | Code::OutsideTable
                            | Code::LineTruncated
                    )
                    && d.text
                        .as_deref()
                        .is_some_and(|t| t == cell.text || t.split(" | ").any(|p| p == cell.text))
            });
            if in_diag {
                continue;
            }
            let wanted = match renaksi::number::parse(&cell.text) {
                renaksi::number::Parsed::Nil => vec!["<nil>".to_string()],
                renaksi::number::Parsed::Number(n) => {
                    vec![n.value.to_string(), cell.text.to_string()]
                }
                _ => vec![cell.text.to_string()],
            };
            let hit = grid.iter().position(|g| {
                wanted
                    .iter()
                    .any(|w| g == w || g.starts_with(&format!("{w} ")))
            });
            match hit {
                Some(i) => {
                    grid.remove(i);
                }
                None => {
                    return Err(format!(
                        "page {} line {}: cell {:?} is neither in the grid nor in a diagnostic",
                        line.page, line.line, cell.text
                    ))
                }
            }
        }
    }
    Ok(())
}

/// Lines that belong to header bands or to the preamble above the first band.
fn header_lines(raw: &RawDocument) -> Vec<u32> {
    let lines = raw.lines();
    let bands = renaksi::band::find_bands(&lines, &renaksi::Schema::renaksi());
    let mut out: Vec<u32> = Vec::new();
    for b in &bands {
        out.extend(lines[b.start..b.end].iter().map(|l: &RawLine| l.line));
    }
    if let Some(first) = bands.first() {
        out.extend(lines[..first.start].iter().map(|l| l.line));
    }
    out
}
