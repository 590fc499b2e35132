//! Typed records and the flat form, on the seed and on synthetic plans.

mod support;

use renaksi::records::{flat, write_csv, write_jsonl, FlatRow, Item, Plan};
use rust_decimal::Decimal;
use std::str::FromStr;
use support::*;

fn seed_plan() -> (renaksi::Document, Plan) {
    let doc = renaksi::read_path(testdata("000_774b992758332ae0.txt")).unwrap();
    let plan = Plan::from_document(&doc);
    (doc, plan)
}

fn dec(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn count(items: &[Item]) -> usize {
    items.iter().map(|i| 1 + count(&i.children)).sum()
}

#[test]
fn seed_records_follow_the_hierarchy() {
    let (doc, plan) = seed_plan();
    assert_eq!(plan.year, Some(2023));
    assert_eq!(
        plan.title.as_deref(),
        Some("RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023")
    );
    // Every row but the total is one item; the three goals are the top level.
    assert_eq!(count(&plan.items), doc.tables[0].rows.len() - 1);
    let goals: Vec<u32> = plan.items.iter().map(|g| g.line).collect();
    assert_eq!(goals, vec![12, 50, 99]);
    assert_eq!(plan.totals.len(), 1);
    assert_eq!(plan.totals[0].pagu, dec("8179154520"));
    assert_eq!(plan.totals[0].apbn[0], dec("911000000"));
    let goal = &plan.items[0];
    assert_eq!(goal.number.as_deref(), Some("1"));
    let ind = goal.indicator.as_ref().unwrap();
    assert_eq!(ind.unit.as_deref(), Some("%"));
    assert_eq!(ind.target, dec("96.83"));
    assert_eq!(ind.quarters, [dec("0"), dec("0"), dec("0"), dec("96.83")]);
    // Program Penempatan (line 15) holds four activities and a program.
    let penempatan = &goal.children[1];
    assert_eq!(penempatan.line, 15);
    assert_eq!(penempatan.kind, "program");
    assert_eq!(
        penempatan.name.as_deref(),
        Some("Program Penempatan Tenaga Kerja")
    );
    let kids: Vec<(Option<u32>, &str)> = penempatan
        .children
        .iter()
        .map(|c| (c.item, c.kind.as_str()))
        .collect();
    assert_eq!(
        kids,
        vec![
            (Some(1), "activity"),
            (Some(2), "activity"),
            (Some(3), "activity"),
            (Some(4), "activity"),
            (None, "program")
        ]
    );
    let act = &penempatan.children[0];
    assert_eq!(
        act.name.as_deref(),
        Some("Pelayanan Antar Kerja Lintas Daerah Kabupaten/Kota")
    );
    let b = act.budget.as_ref().unwrap();
    assert_eq!(b.pagu, dec("19089000"));
    assert_eq!(b.apbd, [dec("7250000"), None, dec("11839000"), None]);
    assert_eq!((act.page, act.line), (1, 16));
    // The JSON form reads back to the same records, numbers exact.
    let json = plan.to_json();
    assert!(json.contains("\"pagu\":\"5274429360\""));
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, plan);
}

#[test]
fn seed_flat_rows_jsonl_and_csv() {
    let (doc, plan) = seed_plan();
    let rows = flat(&plan);
    // One row per leaf of the hierarchy (the total and the goals aside).
    let t = &doc.tables[0];
    let leaves = (0..t.rows.len())
        .filter(|&i| t.rows[i].kind != "total" && !t.rows.iter().any(|r| r.parent == Some(i)))
        .count();
    assert_eq!(rows.len(), leaves);
    let r = rows.iter().find(|r| r.line == 27).unwrap();
    assert_eq!(r.goal_number.as_deref(), Some("1"));
    assert_eq!(
        r.goal.as_deref(),
        Some("Meningkatnya Kesempatan Kerja Masyarakat")
    );
    assert_eq!(
        r.sub_goal.as_deref(),
        Some("Meningkatnya penempatan tenaga kerja")
    );
    assert_eq!(
        r.program.as_deref(),
        Some("Program Pembinaan Ketenagakerjaan")
    );
    assert_eq!(
        r.activity.as_deref(),
        Some("Penempatan tenaga Kerja Dalam Negeri")
    );
    assert_eq!(r.item, Some(1));
    assert_eq!(r.budget, dec("125380000"));
    // Its own responsible unit is empty: the program's is taken.
    assert_eq!(
        r.responsible.as_deref(),
        Some("Bidang Penempatan dan Perluasan Kerja")
    );

    let mut jsonl = Vec::new();
    write_jsonl(&rows, &mut jsonl).unwrap();
    let text = String::from_utf8(jsonl).unwrap();
    let back: Vec<FlatRow> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, rows);

    let mut csv = Vec::new();
    write_csv(&rows, &mut csv, true).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("source,year,page,line,goal_number,goal,"));
    assert_eq!(lines.count(), rows.len());
    assert!(text.contains(",125380000,"));
}

#[test]
fn agency_is_taken_from_the_title() {
    let plan = support::synth::plan(7);
    let doc = renaksi::read_bytes("p.txt", plan.text.as_bytes()).unwrap();
    let records = Plan::from_document(&doc);
    let title = doc.title.clone().unwrap();
    let agency = records.agency.clone().unwrap();
    let year = doc.year.unwrap();
    assert_eq!(title, format!("RENCANA AKSI {agency} TAHUN {year}"));
    assert!(
        agency.starts_with("DINAS") || agency.starts_with("BADAN"),
        "{agency}"
    );
    // Synthetic plans: goal → program → activities, every activity a flat row.
    let rows = flat(&records);
    let activities = doc.rows().filter(|r| r.kind == "activity").count();
    assert_eq!(rows.len(), activities);
    assert!(rows.iter().all(|r| r.program.is_some() && r.goal.is_some()));
}
