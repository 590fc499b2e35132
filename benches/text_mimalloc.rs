//! The text path of `readers` (text → grid on the seed and on synthetic
//! plans) with mimalloc as the global allocator, as the bundled converter
//! runs it. The library allocates through whatever allocator the
//! application links; this measures how much that choice weighs.

use criterion::{criterion_group, criterion_main, Criterion};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/text.rs"]
mod text_path;

fn text(c: &mut Criterion) {
    text_path::text(c, "text_mimalloc");
}

criterion_group!(benches, text);
criterion_main!(benches);
