//! The hOCR reader on any bytes, forced: a document or a typed error, never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use renaksi::{Format, Options, Reader};

fuzz_target!(|data: &[u8]| {
    let options = Options::default()
        .format(Format::Hocr)
        .max_input_bytes(1 << 20);
    let _ = Reader::new(options).read_bytes("fuzz", data);
});
