//! A grid scored against its true grid, as the reference scorer `score_grid.py`
//! scores it: cells normalised (markup and white space, `-` and blank as
//! empty, numbers by value, an activity's leading item number ignored), rows
//! paired in order by an alignment maximising equal non-empty expected
//! cells, precision and recall over non-empty cells, F1, and the share of
//! expected rows reproduced exactly.
//!
//! Unlike the Python tool, a column the schema does not know is scored too:
//! each expected `extra` entry is one more column, `extra:LABEL`, and a
//! predicted `extra` entry counts under the last ` / ` part of its header
//! path (the library keys `Row::extra` by the whole path, a title row above
//! the column included).

use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::str::FromStr;

const NUMERIC: [&str; 14] = [
    "target",
    "target_q1",
    "target_q2",
    "target_q3",
    "target_q4",
    "budget",
    "apbd_q1",
    "apbd_q2",
    "apbd_q3",
    "apbd_q4",
    "apbn_q1",
    "apbn_q2",
    "apbn_q3",
    "apbn_q4",
];

#[derive(Debug, Clone, Copy, Default)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub rows_exact: f64,
    pub gold_rows: usize,
    pub pred_rows: usize,
}

/// A normalised cell: `None` for empty.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Num(Decimal),
    Text(String),
}

fn norm(key: &str, v: &Value) -> Option<Cell> {
    let raw = match v {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Object(o) => return norm(key, o.get("value").or(o.get("text"))?),
        other => other.to_string(),
    };
    let v = raw.replace("<b>", "").replace("</b>", "");
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.is_empty() || v == "-" {
        return None;
    }
    if NUMERIC.contains(&key) {
        return Some(match Decimal::from_str(&v) {
            Ok(d) => Cell::Num(d.normalize()),
            Err(_) => Cell::Text(format!("!{v}")),
        });
    }
    if key == "program_activity" {
        // `^\d+[.)]?\s+`
        let digits = v.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let mut rest = &v[digits..];
            rest = rest.strip_prefix(['.', ')']).unwrap_or(rest);
            if rest.starts_with(' ') {
                return Some(Cell::Text(rest.trim_start().to_string()));
            }
        }
    }
    Some(Cell::Text(v))
}

/// The columns scored: the table's `columns`, then `extra:LABEL` for every
/// extra label the expected rows hold.
fn columns(expected: &Value) -> Vec<String> {
    let t = &expected["tables"][0];
    let mut cols: Vec<String> = t["columns"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|c| c.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let mut extra: Vec<String> = Vec::new();
    for r in t["rows"].as_array().into_iter().flatten() {
        if let Some(m) = r["extra"].as_object() {
            for k in m.keys() {
                let k = format!("extra:{k}");
                if !extra.contains(&k) {
                    extra.push(k);
                }
            }
        }
    }
    cols.extend(extra);
    cols
}

fn rows(doc: &Value, cols: &[String]) -> Vec<Vec<Option<Cell>>> {
    let mut out = Vec::new();
    for t in doc["tables"].as_array().into_iter().flatten() {
        for r in t["rows"].as_array().into_iter().flatten() {
            let mut extra: BTreeMap<String, &Value> = BTreeMap::new();
            if let Some(m) = r["extra"].as_object() {
                for (k, v) in m {
                    let leaf = k.rsplit(" / ").next().unwrap_or(k).trim();
                    extra.entry(format!("extra:{leaf}")).or_insert(v);
                }
            }
            out.push(
                cols.iter()
                    .map(|k| match k.strip_prefix("extra:") {
                        Some(_) => extra.get(k).and_then(|v| norm(k, v)),
                        None => norm(k, r["cells"].get(k).unwrap_or(&Value::Null)),
                    })
                    .collect(),
            );
        }
    }
    out
}

fn sim(g: &[Option<Cell>], p: &[Option<Cell>]) -> usize {
    g.iter()
        .zip(p)
        .filter(|(a, b)| a.is_some() && a == b)
        .count()
}

/// Scores `pred` (grid JSON) against `expected`; with `with_extra` false,
/// only the table's `columns` are scored, as the Python tool does.
pub fn score(expected: &Value, pred: &Value, with_extra: bool) -> Score {
    let mut cols = columns(expected);
    if !with_extra {
        cols.retain(|c| !c.starts_with("extra:"));
    }
    let gold = rows(expected, &cols);
    let pred = rows(pred, &cols);
    let (n, m) = (gold.len(), pred.len());
    let sims: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| pred.iter().map(|p| sim(g, p)).collect())
        .collect();
    let mut s = vec![vec![0usize; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            s[i][j] = s[i - 1][j]
                .max(s[i][j - 1])
                .max(s[i - 1][j - 1] + sims[i - 1][j - 1]);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let x = sims[i - 1][j - 1];
        if x > 0 && s[i][j] == s[i - 1][j - 1] + x {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if s[i][j] == s[i - 1][j] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    let tp: usize = pairs.iter().map(|&(a, b)| sims[a][b]).sum();
    let g_n: usize = gold.iter().flatten().filter(|c| c.is_some()).count();
    let p_n: usize = pred.iter().flatten().filter(|c| c.is_some()).count();
    let exact = pairs.iter().filter(|&&(a, b)| gold[a] == pred[b]).count();
    let p = if p_n > 0 { tp as f64 / p_n as f64 } else { 0.0 };
    let r = if g_n > 0 { tp as f64 / g_n as f64 } else { 0.0 };
    Score {
        precision: p,
        recall: r,
        f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
        rows_exact: if n > 0 { exact as f64 / n as f64 } else { 0.0 },
        gold_rows: n,
        pred_rows: m,
    }
}
