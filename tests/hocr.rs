//! hOCR: the seed's PDF page words written as OCR output (word boxes in
//! pixels, lines as `ocr_line`, no ruling lines) convert to the seed's grid.

mod support;

use renaksi::source::Format;
use support::*;

/// hOCR of the words of `seed.pdf`, at 300 dpi, one `ocr_line` per line.
fn seed_hocr() -> String {
    let bytes = std::fs::read(testdata("pdf/seed.pdf")).unwrap();
    let (pages, _) =
        renaksi::source::pdf::read_pages(&bytes, &renaksi::Options::default()).unwrap();
    let px = |v: f64| (v * 300.0 / 72.0).round() as i64;
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta name='ocr-system' content='tesseract'></head><body>\n",
    );
    for page in &pages {
        out.push_str(&format!(
            "<div class='ocr_page' title='bbox 0 0 {} {}'>\n",
            px(page.width),
            px(page.height)
        ));
        // Lines: words sharing a baseline, as an OCR engine groups them.
        let mut runs: Vec<&renaksi::geometry::Run> = page.runs.iter().collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
        let mut lines: Vec<Vec<&renaksi::geometry::Run>> = Vec::new();
        for r in runs {
            match lines.last_mut() {
                Some(l) if (l[0].y - r.y).abs() < 0.3 * r.size => l.push(r),
                _ => lines.push(vec![r]),
            }
        }
        for line in lines {
            let x0 = line.iter().map(|r| r.x0).fold(f64::INFINITY, f64::min);
            let x1 = line.iter().map(|r| r.x1).fold(f64::NEG_INFINITY, f64::max);
            let y = line[0].y;
            let size = line[0].size;
            out.push_str(&format!(
                "<span class='ocr_line' title='bbox {} {} {} {}; baseline 0 0'>",
                px(x0),
                px(y - 0.8 * size),
                px(x1),
                px(y + 0.2 * size)
            ));
            for r in line {
                let text = r.text.replace('&', "&amp;").replace('<', "&lt;");
                let text = if r.bold {
                    format!("<strong>{text}</strong>")
                } else {
                    text
                };
                out.push_str(&format!(
                    "<span class='ocrx_word' title='bbox {} {} {} {}; x_wconf 96'>{text}</span> ",
                    px(r.x0),
                    px(y - 0.75 * r.size),
                    px(r.x1),
                    px(y + 0.05 * r.size)
                ));
            }
            out.push_str("</span>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[test]
fn seed_as_hocr() {
    let hocr = seed_hocr();
    let doc = renaksi::read_bytes("seed.hocr", hocr.as_bytes()).unwrap();
    assert_eq!(doc.format, Some(Format::Hocr));
    let mut expected = load_json(&testdata("000_774b992758332ae0.expected.json"));
    expected["source"] = "seed.hocr".into();
    expected["format"] = "hocr".into();
    assert_same(&expected, &doc, false);
    assert!(doc.tables[0].rows[1].is_bold());
}

#[test]
fn hocr_without_words_is_no_text() {
    let err = renaksi::read_bytes(
        "empty.hocr",
        b"<html><body><div class='ocr_page' title='bbox 0 0 100 100'></div></body></html>",
    )
    .unwrap_err();
    assert!(matches!(err.kind(), renaksi::ErrorKind::NoText(_)), "{err}");
}
