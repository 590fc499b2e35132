fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let (pages, diags) =
        renaksi::source::pdf::read_pages(&bytes, &renaksi::Options::default()).unwrap();
    eprintln!("{:?}", t.elapsed());
    for d in diags {
        eprintln!("{d}");
    }
    for p in pages.iter().take(1) {
        println!(
            "page {} {}x{} runs {} rules {}",
            p.number,
            p.width,
            p.height,
            p.runs.len(),
            p.rules.len()
        );
        for r in p.runs.iter().take(150) {
            println!(
                "{:7.2} {:7.2} {:7.2} {:5.2} {} {}",
                r.x0, r.x1, r.y, r.size, r.bold as u8, r.text
            );
        }
        for r in p.rules.iter().take(40) {
            println!("rule {:7.2} {:7.2} {:7.2} {:7.2}", r.x0, r.y0, r.x1, r.y1);
        }
    }
}
