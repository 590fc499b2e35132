//! Reading documents one after another into the same `Document`
//! (`Reader::read_bytes_into`) gives what reading each afresh gives,
//! whatever was read before it: every format, plans of every size, and
//! inputs that fail.

mod support;

use renaksi::{Document, ErrorKind, Reader};
use std::path::Path;
use support::synth;

/// Every input the crate's fixtures hold, by name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut out = Vec::new();
    for dir in ["", "variants", "html", "pdf"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension()
                    .is_some_and(|e| ["txt", "html", "pdf"].iter().any(|x| e == *x))
            })
            .collect();
        names.sort();
        for path in names {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read(&path).unwrap()));
        }
    }
    assert!(out.len() > 30, "fixtures found: {}", out.len());
    out
}

#[test]
fn reading_into_a_used_document_is_reading_afresh() {
    let reader = Reader::default();
    let mut inputs = fixtures();
    // Plans of other sizes and shapes, and inputs that fail, in between.
    for seed in 0..20 {
        inputs.push((
            format!("synthetic_{seed}.txt"),
            synth::plan(seed).text.into_bytes(),
        ));
    }
    inputs.push(("empty.txt".into(), Vec::new()));
    inputs.push((
        "prose.txt".into(),
        b"Just a line of text.\nAnd another.\n".to_vec(),
    ));
    // Forward, backward, and each after every seventh one.
    let n = inputs.len();
    let order: Vec<usize> = (0..n)
        .chain((0..n).rev())
        .chain((0..n).map(|i| i * 7 % n))
        .collect();
    let mut doc = Document::default();
    let mut read = 0;
    for i in order {
        let (name, bytes) = &inputs[i];
        let fresh = reader.read_bytes(name, bytes);
        let reused = reader.read_bytes_into(name, bytes, &mut doc);
        match fresh {
            Ok(fresh) => {
                assert!(reused.is_ok(), "{name}: {reused:?}");
                assert_eq!(doc, fresh, "{name}");
                assert_eq!(doc.to_json(), fresh.to_json(), "{name}");
                read += 1;
            }
            Err(e) => {
                let err = reused.expect_err(name);
                assert_eq!(err.to_string(), e.to_string(), "{name}");
                assert_eq!(doc, Document::default(), "{name}: left empty");
            }
        }
    }
    assert!(read > 2 * n, "documents read: {read}");
}

#[test]
fn a_failed_reading_leaves_the_document_empty() {
    let reader = Reader::default();
    let seed = include_bytes!("../testdata/000_774b992758332ae0.txt");
    let mut doc = Document::default();
    reader.read_bytes_into("seed.txt", seed, &mut doc).unwrap();
    assert_eq!(doc.tables[0].rows.len(), 66);
    let err = reader
        .read_bytes_into("empty.txt", b"", &mut doc)
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Empty), "{err}");
    assert_eq!(doc, Document::default());
    reader.read_bytes_into("seed.txt", seed, &mut doc).unwrap();
    assert_eq!(doc, reader.read_bytes("seed.txt", seed).unwrap());
}

#[test]
fn files_read_into_one_document() {
    let reader = Reader::default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut doc = Document::default();
    for name in [
        "variants/alt_header.txt",
        "html/seed.html",
        "pdf/seed.pdf",
        "000_774b992758332ae0.txt",
    ] {
        let path = root.join(name);
        reader.read_path_into(&path, &mut doc).unwrap();
        assert_eq!(doc, reader.read_path(&path).unwrap(), "{name}");
    }
    let missing = root.join("no such file.txt");
    let err = reader.read_path_into(&missing, &mut doc).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Io(_)), "{err}");
    assert_eq!(doc, Document::default());
}

#[test]
fn one_reader_shared_by_threads_reads_each_document_as_alone() {
    use rayon::prelude::*;
    fn shared<T: Send + Sync>(_: &T) {}
    let reader = Reader::default();
    shared(&reader);
    let mut inputs = fixtures();
    for seed in 0..40 {
        inputs.push((
            format!("synthetic_{seed}.txt"),
            synth::plan(seed).text.into_bytes(),
        ));
    }
    // Each thread reads into its own document; all share the reader's
    // working buffers, document after document.
    let read: Vec<Option<Document>> = inputs
        .par_iter()
        .map_init(Document::default, |doc, (name, bytes)| {
            reader
                .read_bytes_into(name, bytes, doc)
                .ok()
                .map(|()| doc.clone())
        })
        .collect();
    for ((name, bytes), got) in inputs.iter().zip(read) {
        let alone = Reader::default().read_bytes(name, bytes).ok();
        assert_eq!(got, alone, "{name}");
    }
}
