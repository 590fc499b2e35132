//! The text path's benchmark, shared by the bench targets that run it
//! with the system allocator (`readers`) and with mimalloc (`text_mimalloc`).

use criterion::{Criterion, Throughput};
use std::hint::black_box;

#[path = "../../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

/// Text → grid on the bundled seed and on 100 synthetic plans, as bytes/s
/// (reported in MB/s, decimal, the unit of the path's goal),
/// in the benchmark group `name`: each into a new document, and (`_into`)
/// into one document read again and again.
pub fn text(c: &mut Criterion, name: &str) {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/000_774b992758332ae0.txt"
    ))
    .unwrap();
    let reader = renaksi::Reader::default();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::BytesDecimal(seed.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| reader.read_bytes("seed.txt", black_box(&seed)).unwrap())
    });
    // Documents read one after another into one `Document`, as an archive
    // is converted: each reading reuses the memory of the one before.
    let mut doc = renaksi::Document::default();
    group.bench_function("seed_into", |b| {
        b.iter(|| {
            reader
                .read_bytes_into("seed.txt", black_box(&seed), &mut doc)
                .unwrap()
        })
    });

    let plans: Vec<String> = (0..100).map(|s| synth::plan(s).text).collect();
    let bytes: u64 = plans.iter().map(|p| p.len() as u64).sum();
    group.throughput(Throughput::BytesDecimal(bytes));
    group.bench_function("synthetic_100", |b| {
        b.iter(|| {
            for p in &plans {
                black_box(reader.read_bytes("plan.txt", p.as_bytes()).unwrap());
            }
        })
    });
    group.bench_function("synthetic_100_into", |b| {
        b.iter(|| {
            for p in &plans {
                reader
                    .read_bytes_into("plan.txt", p.as_bytes(), &mut doc)
                    .unwrap();
                black_box(&doc);
            }
        })
    });
    group.finish();
}
