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
);
