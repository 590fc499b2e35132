//! The plan's hierarchy from its own arithmetic, and the checks of its sums.

mod support;

use renaksi::{Code, Document, Value};
use rust_decimal::Decimal;
use support::*;

fn seed() -> Document {
    renaksi::read_path(testdata("000_774b992758332ae0.txt")).unwrap()
}

const AMOUNTS: [&str; 9] = [
    "budget", "apbd_q1", "apbd_q2", "apbd_q3", "apbd_q4", "apbn_q1", "apbn_q2", "apbn_q3",
    "apbn_q4",
];

fn amount(doc: &Document, row: usize, key: &str) -> Decimal {
    doc.tables[0]
        .get(row, key)
        .and_then(Value::number)
        .unwrap_or(Decimal::ZERO)
}

fn line_of(doc: &Document, line: u32) -> usize {
    doc.tables[0]
        .rows
        .iter()
        .position(|r| r.line == line)
        .unwrap_or_else(|| panic!("no row at line {line}"))
}

fn children(doc: &Document, row: usize) -> Vec<u32> {
    doc.tables[0]
        .rows
        .iter()
        .filter(|r| r.parent == Some(row))
        .map(|r| r.line)
        .collect()
}

#[test]
fn seed_tree_is_the_one_its_sums_force() {
    let doc = seed();
    let rows = &doc.tables[0].rows;
    // Every parent is the sum of the rows directly under it, in all nine amounts.
    for p in 0..rows.len() {
        let kids: Vec<usize> = (0..rows.len())
            .filter(|&c| rows[c].parent == Some(p))
            .collect();
        if kids.is_empty() {
            continue;
        }
        for key in AMOUNTS {
            let sum: Decimal = kids.iter().map(|&c| amount(&doc, c, key)).sum();
            assert_eq!(sum, amount(&doc, p, key), "line {} {key}", rows[p].line);
        }
    }
    // The goals and the total are the top level; the goals add up to the total.
    let roots: Vec<u32> = rows
        .iter()
        .filter(|r| r.parent.is_none())
        .map(|r| r.line)
        .collect();
    assert_eq!(roots, vec![12, 50, 99, 119]);
    let total = line_of(&doc, 119);
    assert_eq!(rows[total].kind, "total");
    for key in AMOUNTS {
        let sum: Decimal = [12, 50, 99]
            .iter()
            .map(|&l| amount(&doc, line_of(&doc, l), key))
            .sum();
        assert_eq!(sum, amount(&doc, total, key), "{key}");
    }
    // `Program Penempatan Tenaga Kerja` holds its four activities and
    // `Program Pembinaan Ketenagakerjaan`, which holds three more.
    assert_eq!(children(&doc, line_of(&doc, 15)), vec![16, 17, 18, 19, 26]);
    assert_eq!(children(&doc, line_of(&doc, 26)), vec![27, 28, 29]);
    // `Program Pengawasan Ketenagakerjaan` holds the `Kegiatan
    // Penyelenggaraan …` row that opens a new sub-goal.
    assert_eq!(rows[line_of(&doc, 73)].parent, Some(line_of(&doc, 72)));
    assert_eq!(rows[line_of(&doc, 72)].kind, "program");
    assert_eq!(rows[line_of(&doc, 12)].kind, "goal");
    assert_eq!(rows[line_of(&doc, 16)].kind, "activity");
    // Levels follow parents.
    for r in rows {
        let want = r.parent.map_or(0, |p| rows[p].level + 1);
        assert_eq!(r.level, want, "line {}", r.line);
    }
    // parent and level are in the grid JSON.
    let json: serde_json::Value = serde_json::from_str(&doc.to_json()).unwrap();
    let r = &json["tables"][0]["rows"][line_of(&doc, 16)];
    assert_eq!(r["parent"], line_of(&doc, 15));
    assert_eq!(r["level"], 2);
}

#[test]
fn seed_reports_its_three_target_inconsistencies_and_nothing_else() {
    let doc = seed();
    let sums = [
        Code::AmountSplitMismatch,
        Code::ChildrenSumMismatch,
        Code::TotalMismatch,
        Code::HierarchyUnresolved,
    ];
    assert!(doc.diagnostics.iter().all(|d| !sums.contains(&d.code)));
    let found: Vec<(Option<u32>, Option<u32>, Vec<String>)> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TargetSplitMismatch)
        .map(|d| {
            (
                d.page,
                d.line,
                d.numbers
                    .iter()
                    .map(|n| n.normalize().to_string())
                    .collect(),
            )
        })
        .collect();
    let n = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        found,
        vec![
            (Some(2), Some(33), n(&["160", "0", "0", "96", "48", "144"])),
            (
                Some(5),
                Some(73),
                n(&["195", "80", "25", "75", "10", "190"])
            ),
            (Some(6), Some(86), n(&["25", "5", "15", "0", "0", "20"])),
        ]
    );
}

/// A plan written here: the seed's header band over rows given as
/// `(no, goal, unit, target, [q1..q4], label, [budget, apbd q1..q4, apbn q1..q4])`.
type PlanRow<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    [&'a str; 4],
    &'a str,
    [&'a str; 9],
);

fn plan(rows: &[PlanRow<'_>]) -> String {
    let seed = std::fs::read_to_string(testdata("000_774b992758332ae0.txt")).unwrap();
    let band: Vec<&str> = seed.lines().skip(6).take(5).collect();
    let mut out = String::from("RENCANA AKSI DINAS UJI TAHUN 2025\n\n");
    for l in band {
        out.push_str(l);
        out.push('\n');
    }
    for (no, goal, unit, target, q, label, money) in rows {
        let indicator = if goal.is_empty() {
            ""
        } else {
            "Persentase capaian"
        };
        let mut cells = vec![*no, goal, indicator, unit, target];
        cells.extend(q.iter());
        cells.push(label);
        cells.extend(money.iter());
        cells.push("");
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

const NONE4: [&str; 4] = ["", "", "", ""];

#[test]
fn nested_programs_and_a_row_without_budget() {
    let text = plan(&[
        (
            "1",
            "Meningkatnya layanan",
            "%",
            "80",
            NONE4,
            "",
            ["600", "100", "200", "300", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "",
            "",
            NONE4,
            "Program Induk",
            ["600", "100", "200", "300", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Dokumen",
            "2",
            ["1", "1", "0", "0"],
            "1 Kegiatan A",
            ["100", "100", "0", "0", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "",
            "",
            NONE4,
            "Program Anak",
            ["500", "0", "200", "300", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Orang",
            "10",
            ["0", "5", "5", "0"],
            "1 Kegiatan B",
            ["200", "0", "200", "0", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Orang",
            "4",
            ["1", "1", "1", "1"],
            "2 Kegiatan C",
            ["300", "0", "0", "300", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Laporan",
            "1",
            ["0", "0", "0", "1"],
            "3 Kegiatan tanpa pagu",
            ["", "", "", "", "", "", "", "", ""],
        ),
        (
            "TOTAL",
            "",
            "",
            "",
            NONE4,
            "",
            ["600", "100", "200", "300", "0", "-", "-", "-", "-"],
        ),
    ]);
    let doc = renaksi::read_bytes("nested.txt", text.as_bytes()).unwrap();
    let rows = &doc.tables[0].rows;
    let parents: Vec<Option<usize>> = rows.iter().map(|r| r.parent).collect();
    assert_eq!(
        parents,
        vec![
            None,
            Some(0),
            Some(1),
            Some(1),
            Some(3),
            Some(3),
            Some(3),
            None
        ]
    );
    let kinds: Vec<&str> = rows.iter().map(|r| r.kind.as_ref()).collect();
    assert_eq!(
        kinds,
        vec!["goal", "program", "activity", "program", "activity", "activity", "activity", "total"]
    );
    assert!(
        doc.diagnostics.iter().all(|d| !matches!(
            d.code,
            Code::AmountSplitMismatch
                | Code::ChildrenSumMismatch
                | Code::TotalMismatch
                | Code::TargetSplitMismatch
                | Code::HierarchyUnresolved
        )),
        "{:#?}",
        doc.diagnostics
    );
}

#[test]
fn wrong_numbers_are_each_reported_once_at_their_row() {
    let text = plan(&[
        (
            "1",
            "Meningkatnya layanan",
            "%",
            "80",
            NONE4,
            "Program Satu",
            ["300", "100", "200", "0", "0", "-", "-", "-", "-"],
        ),
        // Its Pagu is not the sum of its quarters (100 + 90 = 190).
        (
            "",
            "",
            "Dokumen",
            "2",
            ["1", "1", "0", "0"],
            "1 Kegiatan A",
            ["200", "100", "90", "0", "0", "-", "-", "-", "-"],
        ),
        // Its quarterly targets add up to 9, not 10.
        (
            "",
            "",
            "Orang",
            "10",
            ["0", "5", "4", "0"],
            "2 Kegiatan B",
            ["100", "0", "100", "0", "0", "-", "-", "-", "-"],
        ),
        // The total says 350, its own parts agreeing (100 + 200 + 50).
        (
            "TOTAL",
            "",
            "",
            "",
            NONE4,
            "",
            ["350", "100", "200", "50", "0", "-", "-", "-", "-"],
        ),
    ]);
    let doc = renaksi::read_bytes("wrong.txt", text.as_bytes()).unwrap();
    let line = |i: usize| doc.tables[0].rows[i].line;
    let of = |code: Code| -> Vec<(Option<u32>, Vec<String>)> {
        doc.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                (
                    d.line,
                    d.numbers
                        .iter()
                        .map(|n| n.normalize().to_string())
                        .collect(),
                )
            })
            .collect()
    };
    let s = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        of(Code::AmountSplitMismatch),
        vec![(Some(line(1)), s(&["200", "190"]))]
    );
    assert_eq!(
        of(Code::TargetSplitMismatch),
        vec![(Some(line(2)), s(&["10", "0", "5", "4", "0", "9"]))]
    );
    // The total disagrees with the goal in two cells: each is reported once.
    assert_eq!(
        of(Code::TotalMismatch),
        vec![
            (Some(line(3)), s(&["350", "300"])),
            (Some(line(3)), s(&["50", "0"]))
        ]
    );
    // The program's second quarter (200) is not its children's (90 + 100):
    // the wrong cell is the activity's, reported there only.
    assert!(
        of(Code::ChildrenSumMismatch).is_empty(),
        "{:?}",
        of(Code::ChildrenSumMismatch)
    );
    assert!(of(Code::HierarchyUnresolved).is_empty());
    // The hierarchy still holds where the sums do: both activities under the program.
    let parents: Vec<Option<usize>> = doc.tables[0].rows.iter().map(|r| r.parent).collect();
    assert_eq!(parents, vec![None, Some(0), Some(0), None]);
}

#[test]
fn sums_that_admit_no_tree_fall_back_to_signals_and_say_so() {
    let text = plan(&[
        (
            "1",
            "Meningkatnya layanan",
            "%",
            "80",
            NONE4,
            "Program Satu",
            ["300", "300", "0", "0", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Dokumen",
            "2",
            ["1", "1", "0", "0"],
            "1 Kegiatan A",
            ["500", "500", "0", "0", "0", "-", "-", "-", "-"],
        ),
        (
            "",
            "",
            "Orang",
            "10",
            ["0", "5", "5", "0"],
            "2 Kegiatan B",
            ["100", "100", "0", "0", "0", "-", "-", "-", "-"],
        ),
    ]);
    let doc = renaksi::read_bytes("nosum.txt", text.as_bytes()).unwrap();
    let parents: Vec<Option<usize>> = doc.tables[0].rows.iter().map(|r| r.parent).collect();
    assert_eq!(parents, vec![None, Some(0), Some(0)]);
    assert_eq!(
        doc.diagnostics
            .iter()
            .filter(|d| d.code == Code::HierarchyUnresolved)
            .count(),
        1
    );
    let children: Vec<&renaksi::Diagnostic> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ChildrenSumMismatch)
        .collect();
    assert_eq!(children.len(), 2, "{children:#?}");
    assert!(children
        .iter()
        .all(|d| d.line == Some(doc.tables[0].rows[0].line)));
    assert_eq!(children[0].column.as_deref(), Some("budget"));
    assert!(
        children[0].message.contains("600"),
        "{}",
        children[0].message
    );
}
