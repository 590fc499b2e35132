//! The bundled seed document converts to its hand-checked grid, loses
//! nothing, and bad inputs fail cleanly.

mod support;

use renaksi::source::{text::TextSource, Source};
use renaksi::{Code, ErrorKind, Options, Reader, Severity};
use support::*;

const SEED: &str = "000_774b992758332ae0";

fn seed_bytes() -> Vec<u8> {
    std::fs::read(testdata(&format!("{SEED}.txt"))).unwrap()
}

#[test]
fn seed_converts_to_expected_grid() {
    let doc = renaksi::read_path(testdata(&format!("{SEED}.txt"))).unwrap();
    let expected = load_json(&testdata(&format!("{SEED}.expected.json")));
    assert_same(&expected, &doc, true);
    assert_eq!(doc.source, format!("{SEED}.txt"));
    assert_eq!(doc.format, Some(renaksi::Format::Text));
}

#[test]
fn seed_loses_nothing() {
    let bytes = seed_bytes();
    let raw = TextSource::read(&bytes, &Options::default()).unwrap();
    let doc = Reader::default().read_bytes("seed.txt", &bytes).unwrap();
    assert_nothing_lost(&raw, &doc);
}

#[test]
fn seed_drifted_cells_are_reported() {
    let doc = renaksi::read_bytes("seed.txt", &seed_bytes()).unwrap();
    let mut moved: Vec<u32> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::CellMoved)
        .filter_map(|d| d.line)
        .collect();
    moved.dedup();
    // Five rows one column early, four responsible units one cell late,
    // three unit words in the indicator column.
    assert_eq!(moved, [58, 59, 60, 61, 62, 74, 75, 76, 77, 101, 103, 105]);
    assert!(doc.diagnostics.iter().all(|d| d.severity < Severity::Error));
    // Diagnostics naming the same column share its key.
    let columns: Vec<&std::sync::Arc<str>> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::CellMoved)
        .filter_map(|d| d.column.as_ref())
        .collect();
    let budget: Vec<_> = columns.iter().filter(|c| c.as_ref() == "budget").collect();
    assert!(budget.len() >= 2, "{}", budget.len());
    assert!(budget.iter().all(|c| std::sync::Arc::ptr_eq(c, budget[0])));
}

#[test]
fn grid_json_round_trips() {
    let doc = renaksi::read_bytes("seed.txt", &seed_bytes()).unwrap();
    let back = renaksi::Document::from_json(&doc.to_json()).unwrap();
    assert_eq!(back.tables[0].rows.len(), doc.tables[0].rows.len());
    for (a, b) in doc.rows().zip(back.rows()) {
        let va: Vec<_> = a.cells.iter().map(|c| &c.value).collect();
        let vb: Vec<_> = b.cells.iter().map(|c| &c.value).collect();
        assert_eq!(va, vb, "row at line {}", a.line);
    }
}

/// The seed's bands are written two ways; the rebuilt headers share each
/// label they have in common rather than holding copies.
#[test]
fn seed_bands_share_their_labels() {
    let bytes = seed_bytes();
    let raw = TextSource::read(&bytes, &Options::default()).unwrap();
    let bands = renaksi::band::find_bands(&raw.lines(), &renaksi::Schema::renaksi());
    assert_eq!(bands.len(), 8);
    let distinct: Vec<&renaksi::band::Header> = bands.iter().fold(Vec::new(), |mut v, b| {
        if !v.iter().any(|h| std::ptr::eq(*h, &*b.header)) {
            v.push(&b.header);
        }
        v
    });
    assert!(distinct.len() >= 2, "{}", distinct.len());
    let (a, b) = (distinct[0], distinct[1]);
    assert_ne!(a, b);
    let mut shared = 0;
    for x in a.columns.iter().flat_map(|c| &c.path) {
        for y in b.columns.iter().flat_map(|c| &c.path) {
            if x == y {
                assert!(std::sync::Arc::ptr_eq(x, y), "`{x}` is copied");
                shared += 1;
            }
        }
    }
    assert!(shared > 20, "{shared}");
}

#[test]
fn empty_input_is_an_error() {
    for input in [&b""[..], b"   \n\n\t\n"] {
        let err = renaksi::read_bytes("x", input).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Empty), "{err}");
    }
}

#[test]
fn binary_input_is_an_error() {
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let err = renaksi::read_bytes("x.bin", &bytes).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnsupportedFormat(_)),
        "{err}"
    );
}

#[test]
fn text_without_a_table_is_an_error() {
    let text = "Laporan Kinerja\tTahun 2023\nIsi laporan ini tidak memuat tabel.\tSelesai\n";
    let err = renaksi::read_bytes("x.txt", text.as_bytes()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoTable(_)), "{err}");
}

#[test]
fn a_50_mb_line_is_handled() {
    let mut big = vec![b'a'; 50 * 1024 * 1024];
    big.extend_from_slice(b"\tb\n");
    let err = renaksi::read_bytes("big.txt", &big).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoTable(_)), "{err}");

    // The same line full of tabs: the cell limit applies and says so.
    let mut seed = seed_bytes();
    seed.extend(std::iter::repeat_n(b"x\t".iter().copied(), 5 * 1024 * 1024).flatten());
    let doc = renaksi::read_bytes("seed.txt", &seed).unwrap();
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == Code::LineTruncated));
}

/// Thousands of header bands, each worded a little differently: the
/// per-document memos of labels stop growing, every band is still read and
/// every row kept.
#[test]
fn thousands_of_distinct_header_bands_are_handled() {
    let bands = 1500;
    let mut text = String::new();
    for i in 0..bands {
        text.push_str(&format!(
            "No\tSasaran Strategis {i}\tIndikator Kinerja {i}\tSatuan\tTarget {i}\tPagu (Rp) {i}\tPenanggung Jawab {i}\n\
             1\t2\t3\t4\t5\t6\t7\n\
             {i}\tMeningkatnya layanan\tPersentase layanan\t%\t100\t5.000.000\tBidang A\n\x0c"
        ));
    }
    let doc = renaksi::read_bytes("bands.txt", text.as_bytes()).unwrap();
    let rows: usize = doc.tables.iter().map(|t| t.rows.len()).sum();
    assert_eq!(rows, bands);
}

#[test]
fn input_size_limit_applies() {
    let reader = Reader::new(Options::default().max_input_bytes(1000));
    let err = reader.read_bytes("seed.txt", &seed_bytes()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::LimitExceeded { .. }),
        "{err}"
    );
}

#[test]
fn truncated_seed_keeps_what_it_has() {
    let bytes = seed_bytes();
    for cut in (0..bytes.len()).step_by(97) {
        match renaksi::read_bytes("cut.txt", &bytes[..cut]) {
            Ok(doc) => {
                let raw = TextSource::read(&bytes[..cut], &Options::default()).unwrap();
                assert_nothing_lost(&raw, &doc);
            }
            Err(e) => assert!(
                matches!(e.kind(), ErrorKind::NoTable(_) | ErrorKind::Empty),
                "cut {cut}: {e}"
            ),
        }
    }
}

#[test]
fn convert_example_runs_on_the_sample() {
    let exe = env!("CARGO");
    let out = std::process::Command::new(exe)
        .args(["run", "--quiet", "--example", "convert", "--"])
        .arg(testdata(&format!("{SEED}.txt")))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = renaksi::Document::from_json(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    let expected = load_json(&testdata(&format!("{SEED}.expected.json")));
    assert_same(&expected, &doc, true);

    let missing = std::process::Command::new(exe)
        .args([
            "run",
            "--quiet",
            "--example",
            "convert",
            "--",
            "no/such/file.txt",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/file.txt"));
}
