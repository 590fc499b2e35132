//! PDF text layers: the reference seed.pdf (printed by a browser, ruled,
//! header repeated on every page, wrapped cells and numbers), PDFs built
//! here with lopdf, and damaged or hostile files.

mod support;

use renaksi::source::Format;
use renaksi::{ErrorKind, Reader};
use support::*;

fn seed_expected(source: &str, format: &str) -> serde_json::Value {
    let mut e = load_json(&testdata("000_774b992758332ae0.expected.json"));
    e["source"] = source.into();
    e["format"] = format.into();
    e
}

#[test]
fn seed_pdf() {
    let doc = Reader::default()
        .read_path(testdata("pdf/seed.pdf"))
        .unwrap();
    assert_eq!(doc.format, Some(Format::Pdf));
    assert_same(&seed_expected("seed.pdf", "pdf"), &doc, false);
    // Rows keep their page: the table runs over four pages, in order.
    let pages: Vec<u32> = doc.rows().map(|r| r.page).collect();
    assert_eq!(pages.first(), Some(&1));
    assert_eq!(pages.last(), Some(&4));
    assert!(pages.windows(2).all(|w| w[0] <= w[1]));
    // Bold survives from the font.
    assert!(doc.tables[0].rows[1].is_bold());
    assert!(!doc.tables[0].rows[2].is_bold());
}

/// The same table printed by a browser without cell borders, on a narrower
/// page (most numbers wrap inside their cells), and both
/// (testdata/pdf/make_pdfs.sh).
#[test]
fn seed_pdf_unruled_and_narrow() {
    for name in ["seed_unruled", "seed_narrow", "seed_narrow_unruled"] {
        let file = format!("{name}.pdf");
        let doc = Reader::default()
            .read_path(testdata(&format!("pdf/{file}")))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        let d = diff(&seed_expected(&file, "pdf"), &doc, false);
        assert!(
            d.is_empty(),
            "{file}: {} differences:\n{}",
            d.len(),
            d.join("\n")
        );
    }
}

#[test]
fn not_a_pdf_is_a_clear_error() {
    for bytes in [
        &b"%PDF-1.7\n garbage"[..],
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ] {
        let err = renaksi::read_bytes("x.pdf", bytes).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Malformed(_)), "{err}");
    }
}

use support::pdfgen::{plan_pdf, Spec};

fn check_built(spec: Spec) -> renaksi::Document {
    let (bytes, expected) = plan_pdf(spec);
    let doc = renaksi::read_bytes("plan.pdf", &bytes).unwrap_or_else(|e| panic!("{spec:?}: {e}"));
    let d = diff(&expected, &doc, false);
    assert!(
        d.is_empty(),
        "{spec:?}: {} differences:\n{}",
        d.len(),
        d.join("\n")
    );
    doc
}

#[test]
fn built_ruled_standard_font_without_widths() {
    let doc = check_built(Spec {
        ruled: true,
        ..Spec::default()
    });
    assert!(doc.tables[0].rows[0].cells.iter().all(|c| !c.bold));
}

#[test]
fn built_unruled() {
    check_built(Spec::default());
}

#[test]
fn built_type0_identity_h_with_to_unicode() {
    check_built(Spec {
        ruled: true,
        type0: true,
        ..Spec::default()
    });
    check_built(Spec {
        type0: true,
        ..Spec::default()
    });
}

#[test]
fn built_header_in_a_form_xobject() {
    check_built(Spec {
        ruled: true,
        header_in_form: true,
        ..Spec::default()
    });
}

#[test]
fn built_rotated_page() {
    check_built(Spec {
        ruled: true,
        rotated: true,
        ..Spec::default()
    });
    check_built(Spec {
        rotated: true,
        ..Spec::default()
    });
}

/// Writes the built PDFs to a folder for inspection (`RENAKSI_WRITE=dir`).
#[test]
fn write_built_pdfs() {
    let Ok(dir) = std::env::var("RENAKSI_WRITE") else {
        return;
    };
    for (name, spec) in [
        (
            "ruled",
            Spec {
                ruled: true,
                ..Spec::default()
            },
        ),
        ("unruled", Spec::default()),
        (
            "type0",
            Spec {
                type0: true,
                ..Spec::default()
            },
        ),
    ] {
        let (bytes, _) = plan_pdf(spec);
        std::fs::write(format!("{dir}/{name}.pdf"), bytes).unwrap();
    }
}
