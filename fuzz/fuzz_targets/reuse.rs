//! Two inputs read one after the other into one document, by one reader:
//! each comes out as it does read alone (or fails as it does alone).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = renaksi::Options::default()
        .max_input_bytes(1 << 20)
        .max_cells_per_line(64);
    let reader = renaksi::Reader::new(options.clone());
    let alone = renaksi::Reader::new(options);
    // The first byte says where the first input ends.
    let Some((&cut, rest)) = data.split_first() else {
        return;
    };
    let cut = (usize::from(cut) * rest.len() / 255).min(rest.len());
    let (first, second) = rest.split_at(cut);
    let mut doc = renaksi::Document::default();
    for input in [first, second, first] {
        let reused = reader.read_bytes_into("fuzz", input, &mut doc);
        match alone.read_bytes("fuzz", input) {
            Ok(fresh) => {
                assert!(reused.is_ok());
                assert_eq!(doc, fresh);
            }
            Err(e) => {
                assert_eq!(reused.map_err(|r| r.to_string()), Err(e.to_string()));
                assert_eq!(doc, renaksi::Document::default());
            }
        }
    }
});
