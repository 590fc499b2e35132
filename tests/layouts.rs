//! Plans of layouts the library has never seen (`support::layouts`), in
//! every format, read and scored against their true grids.
//!
//! Each format's test asserts that the tuned seeds' mean F1 stays at or above
//! its floor (raise the floor as the library improves) and that no plan
//! panics or fails to read. The held-out seeds are measured by the ignored
//! `report` only, never looked at one by one:
//!
//! ```sh
//! cargo test --test layouts -- --ignored report --nocapture
//! # the worst tuned plans' inputs, expected and read grids, into a folder
//! LAYOUTS_DUMP=/tmp/layouts cargo test --test layouts -- --ignored report --nocapture
//! # one plan in every format
//! LAYOUTS_SEED=7 LAYOUTS_DUMP=/tmp/layouts cargo test --test layouts -- --ignored dump
//! ```

mod support;

use renaksi::{Options, Reader};
use std::panic::{catch_unwind, AssertUnwindSafe};
use support::layouts::score::{score, Score};
use support::layouts::{Form, Plan};

/// The seeds the library may be tuned on.
const TUNED: std::ops::Range<u64> = 0..40;
/// The seeds it is measured on, never to be looked at when changing it.
const HELD_OUT: std::ops::Range<u64> = 1_000_000..1_000_040;

/// One plan read in one format.
struct Outcome {
    seed: u64,
    score: Score,
    /// The grid read (JSON), or the error or panic.
    got: Result<serde_json::Value, String>,
    /// The format detected, where it was not the one written.
    misdetected: Option<String>,
    exact_rows: usize,
}

fn read(form: Form, bytes: &[u8]) -> Result<(renaksi::Document, Option<String>), String> {
    let name = format!("plan.{}", form.ext());
    let detected = Reader::default().read_bytes(&name, bytes);
    match detected {
        Ok(doc) if doc.format == Some(form.format()) => Ok((doc, None)),
        other => {
            let what = match &other {
                Ok(doc) => format!("{:?}", doc.format),
                Err(e) => format!("error {e}"),
            };
            let forced = Reader::new(Options::default().format(form.format()));
            forced
                .read_bytes(&name, bytes)
                .map(|doc| (doc, Some(what)))
                .map_err(|e| e.to_string())
        }
    }
}

fn run_one(form: Form, seed: u64) -> Outcome {
    let plan = Plan::draw(seed);
    let expected = plan.expected();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let input = form.render(&plan);
        read(form, &input.bytes)
    }));
    let (got, misdetected) = match result {
        Ok(Ok((doc, mis))) => (
            Ok(serde_json::from_str::<serde_json::Value>(&doc.to_json()).expect("grid JSON")),
            mis,
        ),
        Ok(Err(e)) => (Err(e), None),
        Err(p) => (
            Err(format!(
                "panic: {}",
                p.downcast_ref::<String>()
                    .cloned()
                    .or(p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default()
            )),
            None,
        ),
    };
    let s = match &got {
        Ok(g) => score(&expected, g, true),
        Err(_) => Score {
            gold_rows: plan.rows.len(),
            ..Score::default()
        },
    };
    Outcome {
        seed,
        score: s,
        exact_rows: (s.rows_exact * s.gold_rows as f64).round() as usize,
        got,
        misdetected,
    }
}

fn run(form: Form, seeds: std::ops::Range<u64>) -> Vec<Outcome> {
    use rayon::prelude::*;
    seeds
        .into_par_iter()
        .map(|seed| run_one(form, seed))
        .collect()
}

/// The plan's grid is wrong (F1 under 0.99) and the document does not say
/// so with a `low_confidence` warning.
fn silent(o: &Outcome) -> bool {
    o.got.is_ok() && o.score.f1 < 0.99 && !warned(o)
}

/// The document carries a `low_confidence` warning.
fn warned(o: &Outcome) -> bool {
    o.got.as_ref().is_ok_and(|got| {
        got["diagnostics"].as_array().is_some_and(|ds| {
            ds.iter()
                .any(|d| d["code"] == "low_confidence" && d["severity"] == "warning")
        })
    })
}

fn mean_f1(out: &[Outcome]) -> f64 {
    out.iter().map(|o| o.score.f1).sum::<f64>() / out.len().max(1) as f64
}

/// Mean F1 over the tuned seeds each format must keep, and how many tuned
/// plans at most may be read wrong (F1 under 0.99) without a
/// `low_confidence` warning: what the library achieved when the bounds were
/// set (F1 rounded down to 0.01), to be tightened as it improves.
const FLOORS: [(Form, f64, usize); 6] = [
    (Form::Text, 0.99, 1),
    (Form::Html, 0.99, 0),
    (Form::PdfRuled, 0.99, 2),
    (Form::PdfUnruled, 0.96, 1),
    (Form::PdfNarrow, 0.99, 2),
    (Form::Layout, 0.87, 3),
];

fn check(form: Form) {
    let &(_, floor, most_silent) = FLOORS.iter().find(|(f, ..)| *f == form).expect("a floor");
    let out = run(form, TUNED);
    let failed: Vec<String> = out
        .iter()
        .filter_map(|o| Some(format!("seed {}: {}", o.seed, o.got.as_ref().err()?)))
        .collect();
    assert!(failed.is_empty(), "{}: {}", form.name(), failed.join("\n"));
    let unwarned: Vec<String> = out
        .iter()
        .filter(|o| silent(o))
        .map(|o| format!("seed {} (F1 {:.4})", o.seed, o.score.f1))
        .collect();
    assert!(
        unwarned.len() <= most_silent,
        "{}: {} plans read wrong without a low_confidence warning: {}",
        form.name(),
        unwarned.len(),
        unwarned.join(", ")
    );
    let mean = mean_f1(&out);
    assert!(
        mean >= floor,
        "{}: mean F1 {mean:.4} over the tuned seeds fell below its floor {floor}",
        form.name()
    );
}

#[test]
fn text_layouts() {
    check(Form::Text);
}

#[test]
fn html_layouts() {
    check(Form::Html);
}

#[test]
fn pdf_ruled_layouts() {
    check(Form::PdfRuled);
}

#[test]
fn pdf_unruled_layouts() {
    check(Form::PdfUnruled);
}

#[test]
fn pdf_narrow_layouts() {
    check(Form::PdfNarrow);
}

#[test]
fn layout_text_layouts() {
    check(Form::Layout);
}

/// Writes one plan's input in `form`, its expected grid and the grid read.
fn dump(dir: &str, form: Form, seed: u64, out: Option<&Outcome>) {
    std::fs::create_dir_all(dir).expect("the dump folder");
    let plan = Plan::draw(seed);
    let input = form.render(&plan);
    let stem = format!("{dir}/{seed}.{}", form.name());
    std::fs::write(format!("{stem}.{}", form.ext()), &input.bytes).expect("written");
    let mut expected = plan.expected();
    expected["notes"] = input.notes.clone().into();
    std::fs::write(
        format!("{dir}/{seed}.expected.json"),
        serde_json::to_string_pretty(&expected).expect("JSON"),
    )
    .expect("written");
    let got = match out {
        Some(o) => o.got.clone(),
        None => run_one(form, seed).got,
    };
    let text = match got {
        Ok(g) => {
            let (a, b) = (score(&expected, &g, false), score(&expected, &g, true));
            std::fs::write(
                format!("{stem}.score.txt"),
                format!(
                    "schema columns: P {:.4} R {:.4} F1 {:.4} rows exact {:.4}\nwith extra: P {:.4} R {:.4} F1 {:.4} rows exact {:.4}\n",
                    a.precision, a.recall, a.f1, a.rows_exact, b.precision, b.recall, b.f1, b.rows_exact
                ),
            )
            .expect("written");
            serde_json::to_string_pretty(&g).expect("JSON")
        }
        Err(e) => e,
    };
    std::fs::write(format!("{stem}.got.json"), text).expect("written");
}

/// Every format over both seed sets: mean and least F1, the share of rows
/// read exactly, plans under 0.99, errors and panics, misdetected formats;
/// and the worst three tuned plans of each format with their designs.
#[test]
#[ignore]
fn report() {
    let dir = std::env::var("LAYOUTS_DUMP").ok();
    let mut table = String::from(
        "| format | set | plans | mean F1 | min F1 | rows exact | F1 < 0.99 | of those not warned | warned, F1 ≥ 0.99 | failed | misdetected |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let mut worst = String::new();
    let mut unwarned = String::new();
    for form in Form::ALL {
        for (set, seeds) in [("tuned", TUNED), ("held-out", HELD_OUT)] {
            let out = run(form, seeds);
            let gold: usize = out.iter().map(|o| o.score.gold_rows).sum();
            let exact: usize = out.iter().map(|o| o.exact_rows).sum();
            table.push_str(&format!(
                "| {} | {set} | {} | {:.4} | {:.4} | {:.3} | {} | {} | {} | {} | {} |\n",
                form.name(),
                out.len(),
                mean_f1(&out),
                out.iter().map(|o| o.score.f1).fold(1.0, f64::min),
                exact as f64 / gold.max(1) as f64,
                out.iter().filter(|o| o.score.f1 < 0.99).count(),
                out.iter().filter(|o| silent(o)).count(),
                out.iter()
                    .filter(|o| o.score.f1 >= 0.99 && warned(o))
                    .count(),
                out.iter().filter(|o| o.got.is_err()).count(),
                out.iter().filter(|o| o.misdetected.is_some()).count(),
            ));
            if set != "tuned" {
                continue;
            }
            for o in out.iter().filter(|o| silent(o)) {
                let quality = o.got.as_ref().map_or(serde_json::Value::Null, |g| {
                    g["tables"][0]["quality"].clone()
                });
                unwarned.push_str(&format!(
                    "{} seed {}: F1 {:.4}, quality {quality}\n",
                    form.name(),
                    o.seed,
                    o.score.f1
                ));
            }
            let mut order: Vec<&Outcome> = out.iter().collect();
            order.sort_by(|a, b| a.score.f1.total_cmp(&b.score.f1));
            for o in order.iter().take(3).filter(|o| o.score.f1 < 1.0) {
                let plan = Plan::draw(o.seed);
                let notes = form.render(&plan).notes;
                worst.push_str(&format!(
                    "{} seed {}: F1 {:.4} (P {:.3} R {:.3}, {} rows read of {}){}{}\n    {}\n    drawn: {}\n",
                    form.name(),
                    o.seed,
                    o.score.f1,
                    o.score.precision,
                    o.score.recall,
                    o.score.pred_rows,
                    o.score.gold_rows,
                    o.got.as_ref().err().map_or(String::new(), |e| format!(", {e}")),
                    o.misdetected
                        .as_ref()
                        .map_or(String::new(), |m| format!(", detected as {m}")),
                    plan.design.describe(),
                    if notes.is_empty() { "-".into() } else { notes.join("; ") },
                ));
                if let Some(dir) = &dir {
                    dump(dir, form, o.seed, Some(o));
                }
            }
        }
    }
    println!(
        "{table}\nworst tuned plans per format:\n{worst}\ntuned plans read wrong without a warning:\n{unwarned}"
    );
}

/// One plan (`LAYOUTS_SEED`, default 0) in every format into `LAYOUTS_DUMP`
/// (default `/tmp/layouts`): inputs, expected grid, grids read.
#[test]
#[ignore]
fn dump_one() {
    let dir = std::env::var("LAYOUTS_DUMP").unwrap_or("/tmp/layouts".into());
    let seed: u64 = std::env::var("LAYOUTS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    for form in Form::ALL {
        dump(&dir, form, seed, None);
    }
}

/// Each tuned plan of one format (`LAYOUTS_FORM`, default `text`): its F1
/// and the faults drawn, worst first.
#[test]
#[ignore]
fn tuned_scores() {
    let name = std::env::var("LAYOUTS_FORM").unwrap_or("text".into());
    let form = Form::ALL
        .into_iter()
        .find(|f| f.name() == name)
        .expect("a format name");
    let mut out = run(form, TUNED);
    out.sort_by(|a, b| a.score.f1.total_cmp(&b.score.f1));
    for o in &out {
        let notes = form.render(&Plan::draw(o.seed)).notes;
        println!(
            "seed {:>2}: F1 {:.4} rows {}/{} | {}",
            o.seed,
            o.score.f1,
            o.score.pred_rows,
            o.score.gold_rows,
            notes.join("; ")
        );
    }
}
