//! Any bytes, format detected: a document or a typed error, never a panic;
//! records and the flat form of whatever comes out.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Small limits keep each run quick and exercise the limit paths.
    let options = renaksi::Options::default()
        .max_input_bytes(1 << 20)
        .max_cells_per_line(64);
    if let Ok(doc) = renaksi::Reader::new(options).read_bytes("fuzz", data) {
        let plan = renaksi::records::Plan::from_document(&doc);
        let _ = renaksi::records::flat(&plan);
        let json = doc.to_json();
        let _ = renaksi::Document::from_json(&json);
    }
});
