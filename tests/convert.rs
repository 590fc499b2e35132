//! The `convert` example on a folder of mixed files, one of them corrupt.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::*;

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "convert", "--"])
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("renaksi-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    dir
}

fn archive(dir: &Path) {
    let copy = |from: &str, to: &str| {
        std::fs::copy(testdata(from), dir.join(to)).unwrap();
    };
    copy("000_774b992758332ae0.txt", "plan.txt");
    copy("html/seed.html", "sub/plan.html");
    copy("pdf/seed.pdf", "sub/plan.pdf");
    std::fs::write(dir.join("sub/broken.pdf"), b"%PDF-1.7\n this is not a PDF").unwrap();
    std::fs::write(dir.join("ignored.json"), b"{}").unwrap();
}

#[test]
fn archive_to_grids_with_a_corrupt_file() {
    let dir = scratch("grid");
    archive(&dir);
    let out = dir.join("out");
    let o = run(&[dir.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("broken.pdf"), "{stderr}");
    assert!(
        stderr.contains("3 of 4 files converted, 1 failed"),
        "{stderr}"
    );
    // Every good file is written; the two `plan` files below `sub` keep their
    // extensions apart.
    for name in ["plan.json", "sub/plan.html.json", "sub/plan.pdf.json"] {
        let doc = renaksi::Document::from_json(&std::fs::read_to_string(out.join(name)).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc.tables[0].rows.len(), 66, "{name}");
    }
    assert!(!out.join("sub/broken.json").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn archive_to_one_csv_and_jsonl() {
    let dir = scratch("csv");
    archive(&dir);
    std::fs::remove_file(dir.join("sub/broken.pdf")).unwrap();
    let out = dir.join("out");
    let o = run(&[
        dir.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
        "--jobs".as_ref(),
        "2".as_ref(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let csv = std::fs::read_to_string(out.join("activities.csv")).unwrap();
    // One header, then the seed's 47 activity rows from each of three files.
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("source,year,page,line,"));
    assert_eq!(lines.len(), 1 + 3 * 47);
    assert_eq!(lines.iter().filter(|l| l.starts_with("source,")).count(), 1);

    let o = run(&[
        dir.join("plan.txt").as_os_str(),
        "--format".as_ref(),
        "jsonl".as_ref(),
    ]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(text.lines().count(), 47);
    for l in text.lines() {
        let v: serde_json::Value = serde_json::from_str(l).unwrap();
        assert_eq!(v["source"], "plan.txt");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn corpus_example_writes_plans_that_convert() {
    let dir = scratch("corpus");
    let corpus = dir.join("plans");
    let o = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "corpus", "--"])
        .arg(&corpus)
        .arg("6")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = std::fs::read_dir(&corpus).unwrap().count();
    assert_eq!(files, 6);
    let out = dir.join("out");
    let o = run(&[
        corpus.as_os_str(),
        "--format".as_ref(),
        "records".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(
        stderr.contains("6 of 6 files converted, 0 failed"),
        "{stderr}"
    );
    // The plans' sums all hold: no check fires.
    assert!(!stderr.contains("mismatch"), "{stderr}");
    let plan: renaksi::records::Plan =
        serde_json::from_str(&std::fs::read_to_string(out.join("plan-0000.json")).unwrap())
            .unwrap();
    assert!(!plan.items.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
