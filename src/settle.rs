//! A header band's reading settled by the data under it.
//!
//! Tab-separated text gives header labels no spans: a label stands in the
//! cell of its first column, and a converter may set a group label a cell or
//! two off. Where the band can be read more than one way
//! ([`band::Reading`]), the rows under it decide: each reading's columns are
//! given the value types the schema names them with, and the reading whose
//! columns the cells fit best where they stand, and under which the family's
//! arithmetic holds row after row (a row's amount is the sum of its parts, a
//! counted target the sum of its quarters), is the band's. The header still
//! gives the columns their names; the data only says which reading of it is
//! right.

use crate::align::{fit, Shape};
use crate::band::{self, Band, Header};
use crate::number::{self, Parsed};
use crate::schema::{HeaderMapper, Schema, ValueType, Vocabulary};
use crate::source::RawLine;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The most data lines a band's readings are judged on: enough for the
/// arithmetic to show, few enough to cost nothing on a long table.
const SAMPLE: usize = 12;
/// A cell standing where no column of the reading does.
const NO_COLUMN: f32 = -2.0;
/// A cell standing in a column the reading leaves unnamed by the schema:
/// of two readings the data fits alike, the one that names more of the
/// columns the data fills (`Penanggung Jawab`, not a drifted `Sumber Dana`
/// left a column of its own) reads the header better.
const UNNAMED: f32 = -1.0;
/// A row whose amount is the sum of its parts under the reading: worth more
/// than any type fit, as a sum that holds does not hold by chance.
const AMOUNT_HOLDS: f32 = 8.0;
/// A row whose counted target is the sum of its quarters.
const TARGET_HOLDS: f32 = 4.0;

/// Gives every band of `lines` that can be read more than one way the
/// reading its data fits best. Bands written alike share it.
pub(crate) fn settle(
    lines: &[RawLine],
    bands: &mut [Band],
    schema: &Schema,
    vocabulary: &Vocabulary,
) {
    let mut mapper: Option<HeaderMapper> = None;
    let mut done: Vec<Arc<Header>> = Vec::new();
    for k in 0..bands.len() {
        let first = Arc::clone(&bands[k].header);
        if done.iter().any(|h| Arc::ptr_eq(h, &first)) {
            continue;
        }
        done.push(Arc::clone(&first));
        // A band whose columns are as many as its column-number row counts
        // is read as found: its positions agree with themselves.
        if first.numbered == Some(first.columns.len()) {
            continue;
        }
        let rows: Vec<&RawLine> = lines[bands[k].start..bands[k].end]
            .iter()
            .filter(|l| !l.is_blank())
            .collect();
        let mut readings = band::other_readings(&rows, vocabulary);
        readings.retain(|h| h != &*first);
        readings.dedup();
        if readings.is_empty() {
            continue;
        }
        // Readings whose columns stand and are named alike fit the data
        // alike: only those that differ from the first need the data.
        let mapper = mapper.get_or_insert_with(|| HeaderMapper::new(schema, vocabulary));
        let first_columns = columns(&first, schema, mapper);
        let mut read: Vec<(Vec<ReadColumn>, Header)> = readings
            .into_iter()
            .map(|h| (columns(&h, schema, mapper), h))
            .filter(|(c, _)| *c != first_columns)
            .collect();
        read.dedup_by(|a, b| a.0 == b.0);
        if read.is_empty() {
            continue;
        }
        // The data lines under every band written as this one.
        let data: Vec<&RawLine> = (k..bands.len())
            .filter(|&j| Arc::ptr_eq(&bands[j].header, &first))
            .flat_map(|j| {
                let end = bands.get(j + 1).map_or(lines.len(), |b| b.start);
                &lines[bands[j].end..end]
            })
            .filter(|l| l.cells.len() >= 2)
            .take(SAMPLE)
            .collect();
        if data.is_empty() {
            continue;
        }
        // Each cell read once, for every reading.
        let cells: Vec<Vec<Read>> = data
            .iter()
            .map(|line| {
                line.cells
                    .iter()
                    .map(|c| {
                        let parsed = number::parse(&c.text);
                        let value = match &parsed {
                            Parsed::Number(n) => Some(n.value),
                            _ => None,
                        };
                        (c.col, Shape::of(&c.text, &parsed, schema), value)
                    })
                    .collect()
            })
            .collect();
        // The band as found first: another reading must do better to win.
        let mut best_score = agreement(&first_columns, schema, &cells);
        let mut best: Option<Header> = None;
        for (columns, header) in read {
            let score = agreement(&columns, schema, &cells);
            if score > best_score {
                best_score = score;
                best = Some(header);
            }
        }
        let Some(header) = best else {
            continue;
        };
        let header = Arc::new(header);
        for b in bands.iter_mut().filter(|b| Arc::ptr_eq(&b.header, &first)) {
            b.header = Arc::clone(&header);
        }
        done.push(header);
    }
}

/// A reading's column: where it stands, what it holds, and the schema column
/// it names.
type ReadColumn = (u32, ValueType, Option<usize>);

fn columns(header: &Header, schema: &Schema, mapper: &mut HeaderMapper) -> Vec<ReadColumn> {
    header
        .columns
        .iter()
        .zip(mapper.map(header))
        .map(|(hc, m)| {
            let vt = m.map_or(ValueType::Text, |ci| schema.columns[ci].value_type);
            (hc.col, vt, m)
        })
        .collect()
}

/// A data cell as the readings are judged on it: where it stands, its
/// shape, and its value if it is a number.
type Read = (u32, Shape, Option<Decimal>);

/// How well `data` agrees with a reading's `columns`: each cell's fit to the
/// column standing where it does, and a bonus for every row whose amount
/// and counted target add up from their parts at the reading's positions.
fn agreement(columns: &[ReadColumn], schema: &Schema, data: &[Vec<Read>]) -> f32 {
    let at = |key: &str| -> Option<u32> {
        let ci = schema.index_of(key)?;
        columns.iter().find(|c| c.2 == Some(ci)).map(|c| c.0)
    };
    let sums = schema.arithmetic.as_ref().map(|ar| {
        let parts = |keys: &[String]| keys.iter().filter_map(|k| at(k)).collect::<Vec<u32>>();
        (
            (at(&ar.amount), parts(&ar.amount_parts)),
            (at(&ar.target), parts(&ar.target_parts)),
        )
    });
    let mut score = 0.0;
    for line in data {
        for &(col, shape, _) in line {
            score += match columns.iter().find(|c| c.0 == col) {
                Some(&(_, vt, Some(_))) => fit(shape, vt),
                Some(&(_, vt, None)) => fit(shape, vt) + UNNAMED,
                None => NO_COLUMN,
            };
        }
        if let Some(((amount, parts), (target, quarters))) = &sums {
            if adds_up(line, *amount, parts) {
                score += AMOUNT_HOLDS;
            }
            if adds_up(line, *target, quarters) {
                score += TARGET_HOLDS;
            }
        }
    }
    score
}

/// The number at `total` is not zero and is the sum of the numbers at
/// `parts`, two of them at least written.
fn adds_up(line: &[Read], total: Option<u32>, parts: &[u32]) -> bool {
    let value = |col: u32| line.iter().find(|v| v.0 == col).and_then(|v| v.2);
    let Some(total) = total.and_then(value).filter(|t| !t.is_zero()) else {
        return false;
    };
    let (mut written, mut sum) = (0, Decimal::ZERO);
    for v in parts.iter().filter_map(|&p| value(p)) {
        written += 1;
        sum += v;
    }
    written >= 2 && sum == total
}

#[cfg(test)]
mod tests {
    use crate::grid::{Document, Value};

    /// A band whose `SUMBER DANA` stands a cell right of the `APBD` group it
    /// heads, over `rows`.
    fn plan(rows: &[&str]) -> Document {
        let band = [
            "No\tSasaran Strategis\tIndikator Kinerja\tSatuan\tTarget\tRencana Aksi per Triwulan\t\t\t\tProgram/ Kegiatan\tPagu (Rp)\t\tSUMBER DANA\t\t\t\t\t\t\tPenanggung Jawab",
            "\t\t\t\t\t\t\t\t\t\t\tAPBD\t\t\t\tAPBN",
            "\t\t\t\t\tI\tII\tIII\tIV\t\t\tI\tII\tIII\tIV\tI\tII\tIII\tIV",
            "1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20",
        ];
        let text = band
            .iter()
            .chain(rows)
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        crate::read_bytes("plan.txt", text.as_bytes()).expect("a plan")
    }

    const GOAL: &str = "1\tMeningkatnya kualitas pelayanan\tIndeks kepuasan\t%\t80\t20\t40\t60\t80\tProgram Pelayanan Publik\t1.000.000.000\t100.000.000\t200.000.000\t300.000.000\t150.000.000\t50.000.000\t100.000.000\t50.000.000\t50.000.000\tSekretariat";
    const ACTIVITY: &str = "\t\t\tDokumen\t4\t1\t1\t1\t1\t1 Penyusunan Dokumen Perencanaan\t400.000.000\t100.000.000\t100.000.000\t100.000.000\t100.000.000\t\t\t\t\tBidang Program";

    fn text(doc: &Document, row: usize, key: &str) -> Option<String> {
        match doc.tables[0].get(row, key)? {
            Value::Text(t) => Some(t.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }

    #[test]
    fn drifted_group_label_settled_by_the_sums() {
        let doc = plan(&[GOAL, ACTIVITY]);
        assert_eq!(text(&doc, 0, "budget").as_deref(), Some("1000000000"));
        assert_eq!(text(&doc, 0, "apbd_q1").as_deref(), Some("100000000"));
        assert_eq!(text(&doc, 0, "apbn_q4").as_deref(), Some("50000000"));
        assert_eq!(text(&doc, 0, "responsible").as_deref(), Some("Sekretariat"));
        assert_eq!(text(&doc, 1, "budget").as_deref(), Some("400000000"));
        assert!(doc.tables[0].unmapped.is_empty());
    }

    #[test]
    fn one_word_continuation_joins_its_cell() {
        let doc = plan(&[GOAL, "\tmasyarakat", "\t\t\t\t\t\t\t\t\tUmum", ACTIVITY]);
        assert_eq!(doc.tables[0].rows.len(), 2);
        assert_eq!(
            text(&doc, 0, "strategic_goal").as_deref(),
            Some("Meningkatnya kualitas pelayanan masyarakat")
        );
        assert_eq!(
            text(&doc, 0, "program_activity").as_deref(),
            Some("Program Pelayanan Publik Umum")
        );
        assert_eq!(text(&doc, 0, "unit").as_deref(), Some("%"));
    }

    #[test]
    fn unit_word_and_total_start_rows_of_their_own() {
        let total = "TOTAL\t\t\t\t\t\t\t\t\t\t1.400.000.000";
        let doc = plan(&[GOAL, ACTIVITY, "\t\t\tDokumen", total]);
        let table = &doc.tables[0];
        assert_eq!(table.rows.len(), 4);
        assert_eq!(text(&doc, 1, "indicator"), None);
        assert_eq!(
            text(&doc, 1, "program_activity").as_deref(),
            Some("1 Penyusunan Dokumen Perencanaan")
        );
        assert_eq!(text(&doc, 2, "unit").as_deref(), Some("Dokumen"));
        assert_eq!(table.rows[3].kind, "total");
        assert_eq!(text(&doc, 3, "budget").as_deref(), Some("1400000000"));
    }
}
