//! Damaged inputs of every format: each reader returns a document or a
//! typed error, never panics, whatever bytes it is given.

mod support;

use support::synth::Rng;
use support::*;

/// `n` copies of `bytes`, each with a few bytes overwritten, a stretch
/// deleted or the end cut off.
fn mutants(bytes: &[u8], n: u64, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let mut b = bytes.to_vec();
            match rng.below(3) {
                0 => {
                    for _ in 0..1 + rng.below(20) {
                        let at = rng.below(b.len() as u64) as usize;
                        b[at] = rng.below(256) as u8;
                    }
                }
                1 => {
                    let at = rng.below(b.len() as u64) as usize;
                    let len = (rng.below(2000) as usize).min(b.len() - at);
                    b.drain(at..at + len);
                }
                _ => {
                    let at = rng.below(b.len() as u64) as usize;
                    b.truncate(at);
                }
            }
            b
        })
        .collect()
}

fn survive(name: &str, bytes: &[u8], n: u64) {
    for (i, m) in mutants(bytes, n, 7).iter().enumerate() {
        let result = std::panic::catch_unwind(|| renaksi::read_bytes(name, m));
        assert!(result.is_ok(), "{name}: mutant {i} panicked");
    }
}

#[test]
fn damaged_text_html_and_layout() {
    for (name, path) in [
        ("seed.txt", "000_774b992758332ae0.txt"),
        ("seed.html", "html/seed.html"),
        ("office.html", "html/office.html"),
        ("seed.layout.txt", "pdf/seed.layout.txt"),
    ] {
        survive(name, &std::fs::read(testdata(path)).unwrap(), 150);
    }
    let hocr = b"<html><body><div class='ocr_page' title='bbox 0 0 1000 800'>\
        <span class='ocr_line' title='bbox 10 100 500 120'>\
        <span class='ocrx_word' title='bbox 10 102 60 118'>No</span>\
        <span class='ocrx_word' title='bbox 66 100 90 124'>Sasaran</span></span></div></body></html>";
    survive("x.hocr", hocr, 150);
}

#[test]
fn damaged_pdfs() {
    let built = support::pdfgen::plan_pdf(support::pdfgen::Spec {
        ruled: true,
        type0: true,
        ..Default::default()
    })
    .0;
    survive("built.pdf", &built, 150);
    survive(
        "seed.pdf",
        &std::fs::read(testdata("pdf/seed.pdf")).unwrap(),
        30,
    );
}

/// Text strewn with control characters is binary; carriage returns and form
/// feeds, however many, are white space.
#[test]
fn control_characters_tell_binary_from_text() {
    use renaksi::source::detect;
    use renaksi::{ErrorKind, Format};
    let line = "No\tSasaran Strategis\tSatuan\tTarget\n";
    // One control byte in every 20: binary.
    let strewn: Vec<u8> = line
        .repeat(20)
        .bytes()
        .enumerate()
        .map(|(i, b)| if i % 20 == 7 { 0x01 } else { b })
        .collect();
    let err = detect(&strewn).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::UnsupportedFormat(_)),
        "{err}"
    );
    // A carriage return before every line break and a form feed on every
    // other line: text still.
    let windows: String = (0..40)
        .map(|i| {
            if i % 2 == 0 {
                line.replace('\n', "\r\n")
            } else {
                format!("\x0c{line}")
            }
        })
        .collect();
    assert_eq!(detect(windows.as_bytes()).unwrap(), Format::Text);
    // Few enough control bytes (under one in a hundred): text.
    let mut sparse = line.repeat(40).into_bytes();
    sparse[100] = 0x02;
    assert_eq!(detect(&sparse).unwrap(), Format::Text);
}
