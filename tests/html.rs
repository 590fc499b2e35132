//! HTML tables (testdata/html, made by make_html.py from seed.html): each
//! converts to its own expected grid, positions included, and loses nothing.

mod support;

use renaksi::source::{html::HtmlSource, Format, Source};
use renaksi::{Code, ErrorKind, Options, Reader};
use support::*;

fn read(name: &str) -> (renaksi::Document, Vec<u8>) {
    let path = testdata(&format!("html/{name}.html"));
    let bytes = std::fs::read(&path).unwrap();
    let doc = Reader::default()
        .read_bytes(&format!("{name}.html"), &bytes)
        .unwrap();
    (doc, bytes)
}

fn check(name: &str) -> renaksi::Document {
    let (doc, bytes) = read(name);
    assert_eq!(doc.format, Some(Format::Html));
    let expected = load_json(&testdata(&format!("html/{name}.expected.json")));
    assert_same(&expected, &doc, true);
    let raw = HtmlSource::read(&bytes, &Options::default()).unwrap();
    assert_nothing_lost(&raw, &doc);
    assert_eq!(doc.tables.len(), 1, "one table");
    doc
}

/// A signature in the table's own last rows, under the amounts and right
/// after the last row, is left out line by line, not joined to that row.
#[test]
fn signature_in_the_table() {
    let doc = check("signed_in_table");
    let outside: Vec<&str> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::OutsideTable)
        .filter_map(|d| d.text.as_deref())
        .collect();
    assert_eq!(
        outside,
        [
            "Mataram, 2 Januari 2023",
            "KEPALA DINAS",
            "NAMA LENGKAP, S.H.",
            "Pembina Utama Muda",
            "NIP. 19700101 199503 1 002"
        ]
    );
}

#[test]
fn seed_html() {
    let doc = check("seed");
    // The header's spans are rebuilt into the contract's column paths.
    let t = &doc.tables[0];
    let path = |key: &str| {
        t.header
            .iter()
            .find(|c| c.key == key)
            .and_then(|c| c.path.clone())
    };
    assert_eq!(
        path("apbn_q3").as_deref(),
        Some("RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023 / ANGGARAN (Rp) / APBN / III")
    );
    assert_eq!(
        path("budget").as_deref(),
        Some("RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023 / Pagu (Rp)")
    );
    // `<b>` survives as boldness.
    assert!(t.rows[1].is_bold());
    assert!(!t.rows[2].is_bold());
    // Nothing but ambiguous counts and the document's three target sums.
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| matches!(d.code, Code::AmbiguousNumber | Code::TargetSplitMismatch)));
    assert_eq!(
        doc.diagnostics
            .iter()
            .filter(|d| d.code == Code::TargetSplitMismatch)
            .count(),
        3
    );
}

#[test]
fn per_page_tables_become_one_grid() {
    let doc = check("per_page");
    assert_eq!(doc.rows().map(|r| r.page).max(), Some(8));
    // The "Halaman n" paragraphs between the tables are reported, not lost.
    let outside = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::OutsideTable)
        .count();
    assert_eq!(outside, 8);
}

#[test]
fn per_page_tables_with_the_header_once() {
    check("per_page_header_once");
}

#[test]
fn header_rows_repeated_as_plain_rows() {
    check("repeated_header_rows");
}

#[test]
fn three_row_header_in_other_words() {
    check("three_row_header");
}

#[test]
fn rowspans_over_data_rows() {
    check("rowspan_goals");
}

#[test]
fn office_suite_markup_in_windows_1252() {
    let doc = check("office");
    assert!(doc
        .preamble
        .iter()
        .any(|l| l == "Dinas Tenaga Kerja \u{2013} Provinsi"));
    // Bold comes from the document's own class rules.
    assert!(doc.tables[0].rows[1].is_bold());
    assert!(!doc.tables[0].rows[2].is_bold());
}

#[test]
fn malformed_markup() {
    let doc = check("malformed");
    let note = doc
        .diagnostics
        .iter()
        .find(|d| d.code == Code::OutsideTable)
        .expect("the footer row is reported");
    assert!(note.text.as_deref().unwrap().starts_with("Catatan"));
}

const HEAD: &str = "<tr><th>No</th><th>Sasaran Strategis</th><th>Indikator Kinerja</th><th>Satuan</th><th>Target</th><th>Program/Kegiatan</th><th>Pagu (Rp)</th><th>Penanggung Jawab</th></tr>";

#[test]
fn unrelated_tables_stay_apart() {
    let html = format!(
        "<h2>Rencana Aksi 2024</h2>\
         <table><tr><td>Nama Instansi</td><td>Dinas Kesehatan</td></tr><tr><td>Tahun</td><td>2024</td></tr></table>\
         <table>{HEAD}<tr><td>1</td><td>Meningkatnya layanan</td><td>Persentase puskesmas</td><td>%</td><td>80</td><td>Program Kesehatan</td><td>1.500.000</td><td>Kadis</td></tr></table>\
         <table><tr><th>No</th><th>Sasaran</th><th>Indikator Kinerja Utama</th><th>Satuan</th><th>Target 2024</th><th>Target 2025</th></tr>\
         <tr><td>1</td><td>Meningkatnya mutu</td><td>Indeks kepuasan</td><td>Indeks</td><td>80</td><td>85</td></tr></table>"
    );
    let doc = renaksi::read_bytes("mixed.html", html.as_bytes()).unwrap();
    assert_eq!(doc.tables.len(), 2, "{:#?}", doc.diagnostics);
    assert_eq!(doc.year, Some(2024));
    let first = &doc.tables[0];
    assert_eq!(first.rows.len(), 1);
    assert_eq!(
        first.get(0, "budget").unwrap().to_json_string().as_deref(),
        Some("1500000")
    );
    assert_eq!(
        doc.tables[1].get(0, "indicator").unwrap().text(),
        Some("Indeks kepuasan")
    );
    assert_eq!(doc.rows().map(|r| r.page).collect::<Vec<_>>(), vec![2, 3]);
    let skipped: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TableSkipped)
        .collect();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].page, Some(1));
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == Code::OutsideTable && d.text.as_deref() == Some("Tahun | 2024")));
}

#[test]
fn no_plan_table_is_an_error() {
    let err = renaksi::read_bytes(
        "x.html",
        b"<html><body><table><tr><td>a</td><td>b</td></tr></table></body></html>",
    )
    .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::NoTable(_)), "{err}");
    let err = renaksi::read_bytes("x.html", b"<html><body></body></html>").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Empty), "{err}");
}

#[test]
fn hostile_html_does_not_panic() {
    let mut deep = String::from("<table>");
    deep.push_str(&"<tr><td><table>".repeat(5000));
    deep.push_str(&format!(
        "{HEAD}<tr><td colspan=999999999 rowspan=0>x</td></tr>"
    ));
    let inputs: Vec<Vec<u8>> = vec![
        deep.into_bytes(),
        b"<table><tr><td colspan=-5 rowspan=abc>No</td></table>".to_vec(),
        b"<table><tr><td>\xff\xfe\x00garbage".to_vec(),
        b"<html><table".to_vec(),
        b"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00".to_vec(),
    ];
    for bytes in inputs {
        let _ = Reader::default().read_bytes("x.html", &bytes);
        let _ = HtmlSource::read(&bytes, &Options::default());
    }
}

#[test]
fn utf16_html_is_read() {
    let html = format!("<html><body><h1>Rencana Aksi 2025</h1><table>{HEAD}<tr><td>1</td><td>Tujuan</td><td>Indikator</td><td>%</td><td>90</td><td>Program</td><td>2.000.000</td><td>Sekretariat</td></tr></table></body></html>");
    let mut bytes = vec![0xff, 0xfe];
    for u in html.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let doc = renaksi::read_bytes("wide.html", &bytes).unwrap();
    assert_eq!(doc.format, Some(Format::Html));
    assert_eq!(doc.year, Some(2025));
    assert_eq!(
        doc.tables[0].get(0, "responsible").unwrap().text(),
        Some("Sekretariat")
    );
}
