//! The whole archive path: a corpus of synthetic plans (other agencies and
//! years, text and HTML, 1 to 40 pages; `examples/corpus.rs` writes the same
//! corpus to disk) read to grids, hierarchies and checks, and turned into
//! flat activity rows — on one thread and on all cores.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;
use std::hint::black_box;

#[path = "../tests/support/synth.rs"]
#[allow(dead_code)]
mod synth;

fn corpus(n: u64) -> Vec<(String, Vec<u8>)> {
    (0..n)
        .map(|i| {
            let plan = synth::plan_with(1_000 + i, Some(1 + i % 26));
            if i % 3 == 2 {
                (format!("plan-{i}.html"), synth::to_html(&plan).into_bytes())
            } else {
                (format!("plan-{i}.txt"), plan.text.into_bytes())
            }
        })
        .collect()
}

/// Reads one document into `doc`, as the converter does (each worker
/// reads document after document into its own).
fn convert(
    reader: &renaksi::Reader,
    name: &str,
    bytes: &[u8],
    doc: &mut renaksi::Document,
) -> usize {
    reader.read_bytes_into(name, bytes, doc).unwrap();
    let plan = renaksi::records::Plan::from_document(doc);
    renaksi::records::flat(&plan).len()
}

fn archive(c: &mut Criterion) {
    let docs = corpus(39);
    let bytes: usize = docs.iter().map(|(_, b)| b.len()).sum();
    eprintln!("archive corpus: {} documents, {bytes} bytes", docs.len());
    let reader = renaksi::Reader::default();
    let mut group = c.benchmark_group("archive");
    group.sample_size(10);
    group.throughput(Throughput::Elements(docs.len() as u64));
    for threads in [1usize, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| {
                pool.install(|| {
                    docs.par_iter()
                        .map_init(renaksi::Document::default, |doc, (name, bytes)| {
                            convert(&reader, name, black_box(bytes), doc)
                        })
                        .sum::<usize>()
                })
            })
        });
    }
    group.finish();
}

criterion_group!(benches, archive);
criterion_main!(benches);
