//! Writes a corpus of synthetic historical-style action plans for
//! benchmarks and trials of the `convert` example.
//!
//! ```text
//! cargo run --release --example corpus -- DIR [N]
//! cargo run --release --example convert -- DIR --format csv --out OUT
//! ```
//!
//! Each plan is drawn from its number: another agency and year, other
//! header wording, the faults scanned-to-text converters make, 1 to 40
//! pages; every third one is published as an HTML table instead of
//! tab-separated text. Budgets add up, so every plan's hierarchy is forced
//! by its sums.

#[path = "../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

/// Plan `i` of the corpus: its file name and bytes.
fn document(i: u64) -> (String, Vec<u8>) {
    // One to twenty-six goals: 1 to 40 pages.
    let plan = synth::plan_with(1_000 + i, Some(1 + i % 26));
    if i % 3 == 2 {
        (
            format!("plan-{i:04}.html"),
            synth::to_html(&plan).into_bytes(),
        )
    } else {
        (format!("plan-{i:04}.txt"), plan.text.into_bytes())
    }
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: corpus DIR [N]");
        return ExitCode::from(2);
    };
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot create {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut bytes = 0usize;
    for i in 0..n {
        let (name, data) = document(i);
        bytes += data.len();
        if let Err(e) = std::fs::write(dir.join(&name), data) {
            eprintln!("error: cannot write {name}: {e}");
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "{n} plans, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    ExitCode::SUCCESS
}
