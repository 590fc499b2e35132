//! Plans of other agencies and years, drawn at random with the faults of
//! scanned-to-text converters, convert to their true grids (`SYNTH_N=n` for
//! more than 400).

mod support;

use renaksi::source::{text::TextSource, Source};
use renaksi::{Code, Options};
use support::synth;
use support::*;

#[test]
fn synthetic_plans_convert_exactly() {
    let mut failures = Vec::new();
    let n: u64 = std::env::var("SYNTH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    for seed in 0..n {
        let plan = synth::plan(seed);
        let doc = match renaksi::read_bytes("synthetic.txt", plan.text.as_bytes()) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("seed {seed}: {e}"));
                continue;
            }
        };
        let d = diff(&plan.expected, &doc, true);
        if !d.is_empty() {
            failures.push(format!(
                "seed {seed} ({}): {} differences, first: {}",
                plan.faults.join("; "),
                d.len(),
                d[..d.len().min(3)].join(" | ")
            ));
        }
        // Their sums force their hierarchy, and every sum holds.
        let got: Vec<Option<usize>> = doc.rows().map(|r| r.parent).collect();
        if d.is_empty() && got != plan.parents {
            failures.push(format!(
                "seed {seed}: parents {got:?}, expected {:?}",
                plan.parents
            ));
        }
        let sums: Vec<&str> = doc
            .diagnostics
            .iter()
            .filter(|x| {
                matches!(
                    x.code,
                    Code::AmountSplitMismatch
                        | Code::ChildrenSumMismatch
                        | Code::TotalMismatch
                        | Code::TargetSplitMismatch
                        | Code::HierarchyUnresolved
                )
            })
            .map(|x| x.message.as_str())
            .collect();
        if !sums.is_empty() {
            failures.push(format!("seed {seed}: {}", sums.join(" | ")));
        }
        let raw = TextSource::read(plan.text.as_bytes(), &Options::default()).unwrap();
        if let Err(e) = check_nothing_lost(&raw, &doc) {
            failures.push(format!("seed {seed}: {e}"));
        }
        if std::env::var("SYNTH_SHOW")
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            == Some(seed)
        {
            eprintln!("{}\n{}", plan.text, d.join("\n"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n} plans differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same plans published as HTML tables convert to the same grids and
/// trees.
#[test]
fn synthetic_plans_as_html() {
    let mut failures = Vec::new();
    for seed in 0..100 {
        let plan = synth::plan(seed);
        let html = synth::to_html(&plan);
        let doc = match renaksi::read_bytes("synthetic.html", html.as_bytes()) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("seed {seed}: {e}"));
                continue;
            }
        };
        let d = diff(&plan.expected, &doc, false);
        if !d.is_empty() {
            failures.push(format!("seed {seed}: {}", d[..d.len().min(3)].join(" | ")));
        }
        let got: Vec<Option<usize>> = doc.rows().map(|r| r.parent).collect();
        if got != plan.parents {
            failures.push(format!("seed {seed}: parents {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same plans printed as PDFs, ruled and unruled, in simple and Type0
/// fonts, some turned by `/Rotate` or with the header in a Form XObject,
/// some signed below the table, some with page numbers or running headers
/// and footers: the same grids and trees (`SYNTH_PDF=n` for
/// more than 40).
#[test]
fn synthetic_plans_as_pdf() {
    use support::pdfgen::{pdf_of, Spec};
    let mut failures = Vec::new();
    let n: u64 = std::env::var("SYNTH_PDF")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    for seed in 0..n {
        let plan = synth::plan(seed);
        let rows = printed_rows(&plan);
        let spec = Spec {
            ruled: seed % 2 == 0,
            type0: seed % 3 == 0,
            header_in_form: seed % 7 == 3,
            rotated: seed % 5 == 1,
            header_once: (seed / 2) % 3 == 1,
            signed: seed % 4 == 2,
            page_numbers: seed % 3 == 1,
            running: seed % 5 == 3,
        };
        let bytes = pdf_of(spec, &plan.title, &rows);
        let doc = match renaksi::read_bytes("synthetic.pdf", &bytes) {
            Ok(doc) => doc,
            Err(e) => {
                failures.push(format!("seed {seed} {spec:?}: {e}"));
                continue;
            }
        };
        let d = diff(&plan.expected, &doc, false);
        if !d.is_empty() {
            failures.push(format!(
                "seed {seed} {spec:?}: {} differences: {}",
                d.len(),
                d[..d.len().min(3)].join(" | ")
            ));
            continue;
        }
        let got: Vec<Option<usize>> = doc.rows().map(|r| r.parent).collect();
        if got != plan.parents {
            failures.push(format!("seed {seed}: parents {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A multi-page synthetic plan printed as a PDF by `spec`, ruled and
/// unruled: its grid is whole; `check` gets the document and its pages.
fn multi_page_pdf(spec: support::pdfgen::Spec, check: impl Fn(&renaksi::Document, usize, &str)) {
    let (seed, plan) = (0..100)
        .map(|seed| (seed, synth::plan(seed)))
        .find(|(_, plan)| plan.pages >= 3)
        .expect("a plan of three pages or more");
    let rows = printed_rows(&plan);
    for ruled in [true, false] {
        let spec = support::pdfgen::Spec { ruled, ..spec };
        let bytes = support::pdfgen::pdf_of(spec, &plan.title, &rows);
        let doc = renaksi::read_bytes("plan.pdf", &bytes).unwrap();
        let at = format!("seed {seed} {spec:?}");
        let d = diff(&plan.expected, &doc, false);
        assert!(d.is_empty(), "{at}: {}", d.join(" | "));
        let pages = doc.rows().map(|r| r.page).max().unwrap_or(0) as usize;
        assert!(pages >= 2, "{at}: {pages} pages");
        check(&doc, pages, &at);
    }
}

/// The texts left out of the table as outside it.
fn outside(doc: &renaksi::Document) -> impl Iterator<Item = &str> {
    doc.diagnostics
        .iter()
        .filter(|d| d.code == Code::OutsideTable)
        .filter_map(|d| d.text.as_deref())
}

/// Page numbers at the foot of a PDF's pages (`Halaman n dari m`, or the
/// bare number) are left out, ruled or not, and the grid is whole.
#[test]
fn pdf_page_numbers_are_not_rows() {
    let spec = support::pdfgen::Spec {
        page_numbers: true,
        ..Default::default()
    };
    multi_page_pdf(spec, |doc, pages, at| {
        let numbers = outside(doc)
            .filter(|t| t.starts_with("Halaman ") || t.bytes().all(|b| b.is_ascii_digit()))
            .count();
        // The last page's number may follow a total row (left out as such).
        assert!(numbers + 1 >= pages, "{at}: {numbers} of {pages}");
    });
}

/// A running header (office, print date) and footer on every page of a
/// PDF are left out, ruled or not, and the grid is whole.
#[test]
fn pdf_running_headers_and_footers_are_not_rows() {
    use support::pdfgen::RUNNING_FOOTER;
    let spec = support::pdfgen::Spec {
        running: true,
        ..Default::default()
    };
    multi_page_pdf(spec, |doc, pages, at| {
        let count = |needle: &str| outside(doc).filter(|t| t.contains(needle)).count();
        assert_eq!(count(RUNNING_FOOTER), pages, "{at}");
        // Every page's header but the first (above the table's title).
        assert!(count("dicetak") + 1 >= pages, "{at}");
    });
}

/// A plan's rows as a PDF prints them: numbers the Indonesian way.
fn printed_rows(plan: &synth::Plan) -> Vec<Vec<String>> {
    let numeric = |k: usize| (4..=8).contains(&k) || (10..=18).contains(&k);
    plan.expected["tables"][0]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            synth::KEYS
                .iter()
                .enumerate()
                .map(|(k, key)| match row["cells"][key].as_str() {
                    Some(t) if numeric(k) => {
                        renaksi::number::to_indonesian(&t.parse::<rust_decimal::Decimal>().unwrap())
                    }
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}
