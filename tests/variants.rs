//! Perturbed variants of the seed (testdata/variants, made by
//! make_variants.py): each converts to its own expected grid and loses
//! nothing.

mod support;

use renaksi::source::{text::TextSource, Source};
use renaksi::Options;
use support::*;

fn check(name: &str) {
    let path = testdata(&format!("variants/{name}.txt"));
    let bytes = std::fs::read(&path).unwrap();
    let doc = renaksi::Reader::default()
        .read_bytes(&format!("{name}.txt"), &bytes)
        .unwrap();
    let expected = load_json(&testdata(&format!("variants/{name}.expected.json")));
    assert_same(&expected, &doc, true);
    let raw = TextSource::read(&bytes, &Options::default()).unwrap();
    assert_nothing_lost(&raw, &doc);
}

macro_rules! variants {
    ($($name:ident),* $(,)?) => { $( #[test] fn $name() { check(stringify!($name)); } )* };
}

variants!(
    alt_header,
    messy_header,
    shifted_rows,
    continuation,
    no_trailing_tabs,
    extra_trailing_tabs,
    page_breaks,
    column_dropped,
    crlf,
    signature,
    double_spaced,
    page_numbers,
    running_title,
    flat_header,
    piped,
);

/// The seed saved as windows-1252, its nil dashes as en dashes (0x96): the
/// same grid, the dashes still nil.
#[test]
fn windows_1252() {
    let seed = std::fs::read(testdata("000_774b992758332ae0.txt")).unwrap();
    let mut bytes = Vec::with_capacity(seed.len());
    let mut dashes = 0;
    for (i, &b) in seed.iter().enumerate() {
        let lone = b == b'-'
            && seed.get(i.wrapping_sub(1)) == Some(&b'\t')
            && matches!(seed.get(i + 1), Some(b'\t' | b'\n'));
        dashes += usize::from(lone);
        bytes.push(if lone { 0x96 } else { b });
    }
    assert!(dashes > 50, "{dashes} dashes");
    let doc = renaksi::read_bytes("cp1252.txt", &bytes).unwrap();
    let mut expected = load_json(&testdata("000_774b992758332ae0.expected.json"));
    expected["source"] = "cp1252.txt".into();
    assert_same(&expected, &doc, true);
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == renaksi::Code::InvalidUtf8 && d.message.contains("windows-1252")));
}

/// Two plans in one file, one after the other, the second below its own
/// title: two tables, each the seed's grid.
#[test]
fn two_plans_in_one_file() {
    let seed = std::fs::read_to_string(testdata("000_774b992758332ae0.txt")).unwrap();
    let second = seed.replace("TAHUN 2023", "TAHUN 2024");
    let text = format!("{}\n\n\n{second}", seed.trim_end());
    let doc = renaksi::read_bytes("two.txt", text.as_bytes()).unwrap();
    assert_eq!(doc.tables.len(), 2);
    let expected = load_json(&testdata("000_774b992758332ae0.expected.json"));
    for k in 0..2 {
        let mut one = doc.clone();
        one.tables = vec![doc.tables[k].clone()];
        let d = diff(&expected, &one, false);
        assert!(d.is_empty(), "table {k}: {}", d.join("\n"));
    }
    // The second plan's pages follow the first's.
    assert_eq!(doc.tables[1].rows[0].page, 9);
    // Its sums are its own: no total is checked against both plans.
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.code != renaksi::Code::TotalMismatch));
}

/// A subtotal row labelled only `JUMLAH` in the middle of the table: the
/// rows below it are rows still, in the same table.
#[test]
fn subtotal_in_the_middle() {
    let seed = std::fs::read_to_string(testdata("000_774b992758332ae0.txt")).unwrap();
    let mut lines: Vec<&str> = seed.split('\n').collect();
    let subtotal = format!("{}JUMLAH\t<b>761.589.500</b>", "\t".repeat(9));
    lines.insert(17, &subtotal);
    let doc = renaksi::read_bytes("subtotal.txt", lines.join("\n").as_bytes()).unwrap();
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].rows.len(), 67);
    assert!(doc
        .diagnostics
        .iter()
        .all(|d| d.code != renaksi::Code::OutsideTable));
    assert_eq!(doc.tables[0].rows[6].kind, "total");
    assert_eq!(
        doc.tables[0]
            .get(7, "program_activity")
            .and_then(|v| v.text()),
        Some("3 Perlindungan PMI (Pra dan Purna Penempatan di Daerah Provinsi)")
    );
}
