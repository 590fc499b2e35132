//! Reader throughput: text → grid on the bundled seed (8 pages, 14 KB) and on
//! a set of synthetic plans of other agencies (tests/support/synth.rs); HTML →
//! grid on the same table as HTML; PDF → grid on the same table printed by a
//! browser (ruled, and unruled on a narrow page), and its layout text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

#[path = "support/text.rs"]
mod text_path;

fn text(c: &mut Criterion) {
    text_path::text(c, "text");
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

fn pdf(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/pdf/");
    let reader = renaksi::Reader::default();
    let mut group = c.benchmark_group("pdf");
    for name in ["seed.pdf", "seed_narrow_unruled.pdf"] {
        let bytes = std::fs::read(format!("{dir}{name}")).unwrap();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| reader.read_bytes(name, black_box(&bytes)).unwrap())
        });
    }
    let layout = std::fs::read(format!("{dir}seed.layout.txt")).unwrap();
    group.throughput(Throughput::Bytes(layout.len() as u64));
    group.bench_function("seed.layout.txt", |b| {
        b.iter(|| {
            reader
                .read_bytes("seed.layout.txt", black_box(&layout))
                .unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, text, html, pdf);
criterion_main!(benches);
