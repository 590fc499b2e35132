//! Converts action-plan files to grid JSON.
//!
//! ```text
//! cargo run --release --example convert -- FILE            # JSON to stdout
//! cargo run --release --example convert -- FILE... --out DIR  # DIR/NAME.json each
//! ```
//!
//! The format of each file is detected from its content. A file that cannot
//! be read, or holds no action-plan table, is reported on stderr and the exit
//! code is non-zero; the other files are still converted.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn usage() -> ExitCode {
    eprintln!("usage: convert FILE... [--out DIR]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--out" {
            match args.next() {
                Some(dir) => out = Some(dir.into()),
                None => return usage(),
            }
        } else if arg == "-h" || arg == "--help" {
            return usage();
        } else {
            files.push(arg.into());
        }
    }
    if files.is_empty() {
        return usage();
    }
    if let Some(dir) = &out {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("error: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let reader = renaksi::Reader::default();
    let mut failed = 0;
    for file in &files {
        let doc = match reader.read_path(file) {
            Ok(doc) => doc,
            Err(e) => {
                eprintln!("error: {}: {e}", file.display());
                failed += 1;
                continue;
            }
        };
        let json = doc.to_json_pretty();
        match (&out, files.len()) {
            (None, 1) => {
                use std::io::Write;
                // A closed pipe (`| head`) ends the output quietly.
                let mut stdout = std::io::stdout().lock();
                if let Err(e) = writeln!(stdout, "{json}") {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        eprintln!("error: cannot write the output: {e}");
                        failed += 1;
                    }
                }
            }
            (dir, _) => {
                let dir = dir.as_deref().unwrap_or(Path::new("."));
                let stem = file
                    .file_stem()
                    .map_or_else(|| "out".into(), |s| s.to_string_lossy().into_owned());
                let target = dir.join(format!("{stem}.json"));
                if let Err(e) = std::fs::write(&target, json + "\n") {
                    eprintln!("error: cannot write {}: {e}", target.display());
                    failed += 1;
                    continue;
                }
                let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
                eprintln!(
                    "{} -> {} ({rows} rows, {} diagnostics)",
                    file.display(),
                    target.display(),
                    doc.diagnostics.len()
                );
            }
        }
    }
    if failed > 0 {
        eprintln!("{failed} of {} files failed", files.len());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
