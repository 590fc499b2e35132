//! Converts action-plan files, or whole archives of them, to JSON or CSV.
//!
//! ```text
//! cargo run --release --example convert -- FILE                 # grid JSON to stdout
//! cargo run --release --example convert -- DIR... --out OUT     # OUT/…/NAME.json per file
//! cargo run --release --example convert -- DIR --format csv --out OUT   # OUT/activities.csv
//! ```
//!
//! Options:
//! - `--format grid|records|jsonl|csv`: the grid JSON of each document (the
//!   default), its records JSON, or one line per activity of every document
//!   as JSON Lines or CSV.
//! - `--out DIR`: where to write. `grid` and `records` write one `NAME.json`
//!   per input, mirroring the folders below each argument; `jsonl` and `csv`
//!   write one `activities.jsonl` / `activities.csv`. Without it, output goes
//!   to stdout (for `grid` and `records`, one document per line when there
//!   are several).
//! - `--jobs N`: threads (default: one per core).
//!
//! Directories are read recursively for `.txt`, `.tsv`, `.htm`, `.html`, `.hocr` and
//! `.pdf` files; files named on the command line are read whatever their
//! name. The format of each is detected from its content. Files are
//! converted in parallel and written as they finish, so memory stays bounded
//! however large the archive. A file that cannot be converted is reported
//! and skipped; a file with a table whose grid is probably wrong is named
//! with its `low_confidence` warning; the summary at the end counts files,
//! rows and diagnostics by code (`low_confidence` among them, so the files
//! to check are counted), and the exit code is 1 when any file failed.

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use renaksi::records::{flat, write_csv, write_jsonl, Plan};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

// The library allocates through the application's allocator; mimalloc keeps
// the many small cells and rows of a conversion cheap (see the README's
// Performance section).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Grid,
    Records,
    Jsonl,
    Csv,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: convert FILE|DIR... [--format grid|records|jsonl|csv] [--out DIR] [--jobs N]"
    );
    ExitCode::from(2)
}

/// One input and where its output goes.
struct Input {
    path: PathBuf,
    /// The path below the argument it was found under, for mirroring.
    relative: PathBuf,
    /// The output file below `--out` for per-file formats.
    target: PathBuf,
}

const EXTENSIONS: &[&str] = &["txt", "tsv", "htm", "html", "xhtml", "hocr", "pdf"];

fn collect(arg: &Path, out: &mut Vec<Input>) -> std::io::Result<()> {
    if !arg.is_dir() {
        out.push(Input {
            path: arg.to_path_buf(),
            relative: arg.file_name().map(PathBuf::from).unwrap_or_default(),
            target: PathBuf::new(),
        });
        return Ok(());
    }
    let mut dirs = vec![arg.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                dirs.push(path);
            } else if path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
            {
                let relative = path.strip_prefix(arg).unwrap_or(&path).to_path_buf();
                out.push(Input {
                    path,
                    relative,
                    target: PathBuf::new(),
                });
            }
        }
    }
    Ok(())
}

/// What converting one file produced.
struct Done {
    index: usize,
    result: Result<Converted, String>,
}

struct Converted {
    /// The document (grid or records) as JSON, for per-file output.
    json: Option<String>,
    /// Activity rows, for the combined output.
    rows: Vec<renaksi::records::FlatRow>,
    table_rows: usize,
    codes: Vec<renaksi::Code>,
    /// The `low_confidence` warnings: tables whose grid is probably wrong.
    doubts: Vec<String>,
    bytes: u64,
}

/// Converts one file, read into `doc` (each worker reads file after file
/// into its own document, reusing its memory).
fn convert(
    reader: &renaksi::Reader,
    input: &Input,
    (kind, pretty): (Kind, bool),
    doc: &mut renaksi::Document,
) -> Result<Converted, String> {
    reader
        .read_path_into(&input.path, doc)
        .map_err(|e| e.to_string())?;
    let doc = &*doc;
    let bytes = std::fs::metadata(&input.path).map_or(0, |m| m.len());
    let table_rows = doc.tables.iter().map(|t| t.rows.len()).sum();
    let codes = doc.diagnostics.iter().map(|d| d.code).collect();
    let doubts = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == renaksi::Code::LowConfidence)
        .map(|d| d.to_string())
        .collect();
    let (json, rows) = match kind {
        Kind::Grid => (
            Some(if pretty {
                doc.to_json_pretty()
            } else {
                doc.to_json()
            }),
            Vec::new(),
        ),
        Kind::Records => {
            let plan = Plan::from_document(doc);
            let json = if pretty {
                serde_json::to_string_pretty(&plan)
            } else {
                serde_json::to_string(&plan)
            };
            (Some(json.map_err(|e| e.to_string())?), Vec::new())
        }
        Kind::Jsonl | Kind::Csv => (None, flat(&Plan::from_document(doc))),
    };
    Ok(Converted {
        json,
        rows,
        table_rows,
        codes,
        doubts,
        bytes,
    })
}

fn main() -> ExitCode {
    let mut args_in: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut kind = Kind::Grid;
    let mut jobs: Option<usize> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--out") => match args.next() {
                Some(dir) => out = Some(dir.into()),
                None => return usage(),
            },
            Some("--format") => {
                kind = match args.next().as_ref().and_then(|f| f.to_str()) {
                    Some("grid") => Kind::Grid,
                    Some("records") => Kind::Records,
                    Some("jsonl") => Kind::Jsonl,
                    Some("csv") => Kind::Csv,
                    _ => return usage(),
                }
            }
            Some("--jobs") => match args.next().and_then(|j| j.to_str()?.parse().ok()) {
                Some(n) => jobs = Some(n),
                None => return usage(),
            },
            Some("-h" | "--help") => return usage(),
            _ => args_in.push(arg.into()),
        }
    }
    if args_in.is_empty() {
        return usage();
    }
    let mut inputs = Vec::new();
    for arg in &args_in {
        if let Err(e) = collect(arg, &mut inputs) {
            eprintln!("error: cannot read {}: {e}", arg.display());
            return ExitCode::FAILURE;
        }
    }
    // Inputs that would write the same NAME.json keep their extension
    // (`seed.pdf.json`, `seed.html.json`).
    let mut targets: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for input in &inputs {
        *targets
            .entry(input.relative.with_extension("json"))
            .or_default() += 1;
    }
    for input in &mut inputs {
        let plain = input.relative.with_extension("json");
        input.target = if targets.get(&plain).is_some_and(|&n| n > 1) {
            let mut name = input.relative.clone().into_os_string();
            name.push(".json");
            PathBuf::from(name)
        } else {
            plain
        };
    }
    if let Some(dir) = &out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Some(n) = jobs {
        // Only fails when a pool exists already, which it cannot here.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }

    // The combined output, or stdout.
    let combined_name = match kind {
        Kind::Jsonl => "activities.jsonl",
        _ => "activities.csv",
    };
    let mut sink: Box<dyn Write + Send> = match (&out, kind) {
        (Some(dir), Kind::Jsonl | Kind::Csv) => match File::create(dir.join(combined_name)) {
            Ok(f) => Box::new(BufWriter::new(f)),
            Err(e) => {
                eprintln!(
                    "error: cannot create {}: {e}",
                    dir.join(combined_name).display()
                );
                return ExitCode::FAILURE;
            }
        },
        _ => Box::new(BufWriter::new(std::io::stdout())),
    };

    let started = Instant::now();
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files {elapsed_precise} eta {eta} {msg}",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let single = inputs.len() == 1 && out.is_none();
    let reader = renaksi::Reader::default();
    // Results come back through a bounded channel and are written as they
    // arrive: nothing holds the whole archive.
    let (send, receive) = sync_channel::<Done>(64);
    let inputs_ref = &inputs;
    let reader_ref = &reader;
    let mut failed = 0usize;
    let mut converted = 0usize;
    let mut rows_total = 0usize;
    let mut activities = 0usize;
    let mut bytes_total = 0u64;
    let mut codes: BTreeMap<String, usize> = BTreeMap::new();
    let mut csv_header = true;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            inputs_ref.par_iter().enumerate().for_each_init(
                || (send.clone(), renaksi::Document::default()),
                |(send, doc), (index, input)| {
                    let result = convert(reader_ref, input, (kind, single), doc);
                    // The receiver lives until every result is in.
                    let _ = send.send(Done { index, result });
                },
            );
        });
        for done in receive {
            let input = &inputs[done.index];
            bar.inc(1);
            let c = match done.result {
                Ok(c) => c,
                Err(e) => {
                    bar.suspend(|| eprintln!("error: {}: {e}", input.path.display()));
                    failed += 1;
                    continue;
                }
            };
            converted += 1;
            rows_total += c.table_rows;
            activities += c.rows.len();
            bytes_total += c.bytes;
            for code in &c.codes {
                *codes.entry(code.as_str().to_string()).or_default() += 1;
            }
            // A grid that is probably wrong is named as it comes, not only
            // counted in the summary.
            for doubt in &c.doubts {
                bar.suspend(|| eprintln!("{}: {doubt}", input.path.display()));
            }
            let written = match (kind, &out, c.json) {
                (Kind::Jsonl, _, _) => write_jsonl(&c.rows, &mut sink),
                (Kind::Csv, _, _) => {
                    let r = write_csv(&c.rows, &mut sink, csv_header);
                    csv_header = false;
                    r
                }
                (_, Some(dir), Some(json)) => {
                    let target = dir.join(&input.target);
                    target
                        .parent()
                        .map_or(Ok(()), std::fs::create_dir_all)
                        .and_then(|()| std::fs::write(&target, json + "\n"))
                }
                (_, None, Some(json)) => writeln!(sink, "{json}"),
                (_, _, None) => Ok(()),
            };
            if let Err(e) = written {
                if e.kind() == std::io::ErrorKind::BrokenPipe {
                    break;
                }
                bar.suspend(|| eprintln!("error: {}: cannot write: {e}", input.path.display()));
                failed += 1;
            }
        }
    });
    let _ = sink.flush();
    bar.finish_and_clear();

    let secs = started.elapsed().as_secs_f64();
    if !single {
        eprintln!(
            "{converted} of {} files converted, {failed} failed; {rows_total} rows, {activities} activity rows; {:.2} s ({:.1} files/s, {:.1} MB/s)",
            inputs.len(),
            secs,
            converted as f64 / secs.max(1e-9),
            bytes_total as f64 / 1e6 / secs.max(1e-9),
        );
        if !codes.is_empty() {
            let list: Vec<String> = codes.iter().map(|(k, v)| format!("{k} {v}")).collect();
            eprintln!("diagnostics: {}", list.join(", "));
        }
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
