//! Reader throughput: text → grid on the bundled seed (8 pages, 16 KB) and on
//! a set of synthetic plans of other agencies (tests/support/synth.rs); HTML →
//! grid on the same table as HTML.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

#[path = "../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

fn text(c: &mut Criterion) {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/000_774b992758332ae0.txt"
    ))
    .unwrap();
    let reader = renaksi::Reader::default();
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| reader.read_bytes("seed.txt", black_box(&seed)).unwrap())
    });

    let plans: Vec<String> = (0..100).map(|s| synth::plan(s).text).collect();
    let bytes: u64 = plans.iter().map(|p| p.len() as u64).sum();
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("synthetic_100", |b| {
        b.iter(|| {
            for p in &plans {
                black_box(reader.read_bytes("plan.txt", p.as_bytes()).unwrap());
            }
        })
    });
    group.finish();
}

fn html(c: &mut Criterion) {
    let seed = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/html/seed.html"
    ))
    .unwrap();
    let reader = renaksi::Reader::default();
    let mut group = c.benchmark_group("html");
    group.throughput(Throughput::Bytes(seed.len() as u64));
    group.bench_function("seed", |b| {
        b.iter(|| reader.read_bytes("seed.html", black_box(&seed)).unwrap())
    });
    group.finish();
}

criterion_group!(benches, text, html);
criterion_main!(benches);
