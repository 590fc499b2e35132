//! Synthetic action plans of other agencies and years, written the way
//! scanned-to-text converters write them, each with its true grid.
//!
//! A plan is drawn from a seed: goals with indicators, programs and
//! activities whose budgets add up, header wording drawn from the variants
//! agencies use, and the converter faults seen in real documents (rows a
//! column early, unit words in the indicator column, responsible units a
//! cell late, long names carried onto their own line, header labels and
//! quarter numerals off by a column, headers repeated on every page, a
//! column missing).

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    pub fn one(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len() as u64) as usize]
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

pub const KEYS: [&str; 20] = [
    "no",
    "strategic_goal",
    "indicator",
    "unit",
    "target",
    "target_q1",
    "target_q2",
    "target_q3",
    "target_q4",
    "program_activity",
    "budget",
    "apbd_q1",
    "apbd_q2",
    "apbd_q3",
    "apbd_q4",
    "apbn_q1",
    "apbn_q2",
    "apbn_q3",
    "apbn_q4",
    "responsible",
];

const AGENCIES: &[&str] = &[
    "DINAS KESEHATAN",
    "DINAS PENDIDIKAN DAN KEBUDAYAAN",
    "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
    "DINAS PERHUBUNGAN",
    "DINAS SOSIAL",
    "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG",
    "BADAN KEPEGAWAIAN DAERAH",
    "DINAS KOMUNIKASI DAN INFORMATIKA",
];
const GOALS: &[&str] = &[
    "Meningkatnya derajat kesehatan masyarakat",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya akses dan mutu pendidikan",
    "Terwujudnya tata kelola pemerintahan yang baik",
    "Meningkatnya konektivitas antar wilayah",
    "Menurunnya angka kemiskinan daerah",
    "meningkatnya kualitas infrastruktur jalan provinsi",
];
const INDICATORS: &[&str] = &[
    "Persentase capaian standar pelayanan minimal",
    "Indeks kepuasan masyarakat terhadap layanan",
    "Persentase jalan dalam kondisi mantap",
    "Nilai evaluasi akuntabilitas kinerja instansi",
    "Angka partisipasi murni sekolah menengah",
    "persentase penduduk miskin yang menerima bantuan",
];
const PROGRAMS: &[&str] = &[
    "Program Pelayanan Kesehatan Masyarakat",
    "Program Penunjang Urusan Pemerintahan Daerah",
    "Program Pengelolaan Pendidikan",
    "Program Penyelenggaraan Jalan",
    "Program Perlindungan dan Jaminan Sosial",
    "Program Pengelolaan Aplikasi Informatika",
];
const ACTIVITIES: &[&str] = &[
    "Penyediaan Layanan Kesehatan untuk UKP Rujukan, UKM dan UKM Rujukan Tingkat Daerah Provinsi",
    "Administrasi Keuangan Perangkat Daerah",
    "Pengelolaan Pendidikan Sekolah Menengah Atas",
    "Rehabilitasi dan Pemeliharaan Jalan",
    "Penyusunan Dokumen Perencanaan Perangkat Daerah",
    "Koordinasi dan Sinkronisasi Pelaksanaan Pemberdayaan Sosial bagi Penyandang Disabilitas di Kabupaten/Kota",
    "Pengadaan Barang Milik Daerah Penunjang Urusan Pemerintah Daerah",
    "Monitoring dan Evaluasi",
    "Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah",
];
const UNITS: &[&str] = &[
    "Dokumen",
    "Orang",
    "Laporan",
    "Kegiatan",
    "Unit",
    "Paket",
    "Badan Usaha",
    "Km",
    "Sekolah",
    "Layanan",
];
const RESPONSIBLE: &[&str] = &[
    "Sekretariat",
    "Bidang Pelayanan",
    "UPTD Balai Pengujian",
    "Bidang Bina Marga",
    "KADIS",
];

/// One header vocabulary.
struct Words {
    no: &'static str,
    goal: &'static str,
    container: Option<&'static str>,
    ind_group: Option<&'static str>,
    indicator: &'static str,
    unit: &'static str,
    target: &'static str,
    quarters: &'static str,
    program: &'static str,
    budget: &'static str,
    money_group: Option<&'static str>,
    apbd: &'static str,
    apbn: &'static str,
    responsible: &'static str,
    numerals: [&'static str; 4],
}

fn words(rng: &mut Rng, year: u32) -> Words {
    let container: &[Option<&'static str>] = &[
        None,
        Some(Box::leak(
            format!("RENCANA AKSI TAHUN {year}").into_boxed_str(),
        )),
        Some(Box::leak(
            format!("RENCANA KINERJA TAHUN {year}").into_boxed_str(),
        )),
    ];
    Words {
        no: rng.one(&["No", "NO", "No."]),
        goal: rng.one(&["Sasaran Strategis", "Sasaran", "SASARAN STRATEGIS"]),
        container: *rng.pick(container),
        ind_group: *rng.pick(&[Some("Indikator Kinerja"), None]),
        indicator: rng.one(&["Uraian", "Indikator Kinerja", "Indikator"]),
        unit: rng.one(&["Satuan", "SATUAN"]),
        target: rng.one(&["Target", "Target Kinerja", "Target Tahunan"]),
        quarters: rng.one(&["Rencana Aksi per Triwulan", "Target Triwulan", "Triwulan"]),
        program: rng.one(&[
            "Program/ Kegiatan",
            "Program / Kegiatan",
            "Kegiatan",
            "Program/Kegiatan/Sub Kegiatan",
        ]),
        budget: rng.one(&["Pagu (Rp)", "Pagu Anggaran (Rp)", "Pagu"]),
        money_group: *rng.pick(&[Some("ANGGARAN (Rp)"), Some("SUMBER DANA"), None]),
        apbd: rng.one(&["APBD", "APBD Provinsi"]),
        apbn: rng.one(&["APBN", "APBN (Dekon)"]),
        responsible: rng.one(&["Penanggung Jawab", "Penanggungjawab", "Unit Kerja"]),
        numerals: *rng.pick(&[
            ["I", "II", "III", "IV"],
            ["TW I", "TW II", "TW III", "TW IV"],
        ]),
    }
}

/// A synthetic plan: its text and its expected grid.
pub struct Plan {
    pub text: String,
    pub expected: Value,
    pub faults: Vec<String>,
    /// The hierarchy the plan's sums force: each row's parent row.
    pub parents: Vec<Option<usize>>,
    /// The plan's title.
    pub title: String,
    /// How many pages the text spans.
    pub pages: usize,
}

fn indo(d: i64) -> String {
    renaksi::number::to_indonesian(&Decimal::from(d))
}

/// Splits `total` into four parts, some zero.
fn split4(rng: &mut Rng, total: i64) -> [i64; 4] {
    let mut parts = [0i64; 4];
    let mut left = total;
    for p in parts.iter_mut().take(3) {
        if rng.chance(0.35) || left == 0 {
            continue;
        }
        let share = (left / 1000) as u64;
        *p = rng.below(share + 1) as i64 * 1000;
        left -= *p;
    }
    parts[3] = left;
    parts
}

struct Row {
    cells: Vec<Option<String>>, // the text written, per key
    truth: Vec<Option<String>>, // the expected grid value, per key
    bold: bool,
}

/// Draws the quarterly APBD and APBN parts of an activity's budget.
fn draw_parts(rng: &mut Rng, budget: i64, apbn_share: bool) -> [i64; 8] {
    let apbn = if apbn_share {
        budget / 1000 * rng.below(1000) as i64
    } else {
        0
    };
    let apbd = budget - apbn;
    let mut out = [0i64; 8];
    for (base, amount) in [(0usize, apbd), (4usize, apbn)] {
        if amount != 0 {
            out[base..base + 4].copy_from_slice(&split4(rng, amount));
        }
    }
    out
}

fn add_parts(a: &mut [i64; 8], b: &[i64; 8]) {
    for (x, y) in a.iter_mut().zip(b) {
        *x += y;
    }
}

/// Writes a budget and its parts, zeros as `-`, `0` or nothing.
fn money_cells(rng: &mut Rng, row: &mut Row, parts: &[i64; 8]) {
    let budget: i64 = parts.iter().sum();
    row.cells[10] = Some(indo(budget));
    row.truth[10] = Some(budget.to_string());
    for (base, group) in [(11usize, &parts[..4]), (15usize, &parts[4..])] {
        let all_zero = group.iter().all(|v| *v == 0);
        let blank_group = all_zero && rng.chance(0.5);
        for (q, v) in group.iter().enumerate() {
            let (w, t) = if blank_group {
                (None, None)
            } else if *v == 0 {
                match rng.below(3) {
                    0 => (Some("-".to_string()), None),
                    1 => (Some("0".to_string()), Some("0".to_string())),
                    _ => (None, None),
                }
            } else {
                (Some(indo(*v)), Some(v.to_string()))
            };
            row.cells[base + q] = w;
            row.truth[base + q] = t;
        }
    }
}

fn new_row() -> Row {
    Row {
        cells: vec![None; 20],
        truth: vec![None; 20],
        bold: false,
    }
}

fn set(row: &mut Row, k: usize, text: String) {
    row.truth[k] = Some(text.clone());
    row.cells[k] = Some(text);
}

fn percent(rng: &mut Rng) -> (String, String) {
    let hundredths = rng.below(10000) as i64 + 1;
    let d = Decimal::new(hundredths, 2);
    (renaksi::number::to_indonesian(&d), d.to_string())
}

/// Draws the rows of a plan.
fn rows(rng: &mut Rng, goals: Option<u64>) -> (Vec<Row>, Vec<Option<usize>>) {
    let mut out = Vec::new();
    let mut parents: Vec<Option<usize>> = Vec::new();
    let goals = goals.unwrap_or_else(|| 1 + rng.below(3));
    let mut total = [0i64; 8];
    let roman = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
    ];
    for g in 0..goals {
        let mut goal_rows: Vec<(Row, Option<usize>)> = Vec::new();
        let mut goal_parts = [0i64; 8];
        let mut goal = new_row();
        set(
            &mut goal,
            0,
            if rng.chance(0.5) && (g as usize) < roman.len() {
                roman[g as usize].to_string()
            } else {
                (g + 1).to_string()
            },
        );
        set(&mut goal, 1, rng.pick(GOALS).to_string());
        set(&mut goal, 2, rng.pick(INDICATORS).to_string());
        set(&mut goal, 3, "%".into());
        let (w, t) = percent(rng);
        goal.cells[4] = Some(w);
        goal.truth[4] = Some(t);
        for q in 5..9 {
            let (w, t) = percent(rng);
            goal.cells[q] = Some(w);
            goal.truth[q] = Some(t);
        }
        set(&mut goal, 19, rng.pick(RESPONSIBLE).to_string());
        goal.bold = rng.chance(0.5);
        for _ in 0..1 + rng.below(3) {
            let mut program = new_row();
            set(&mut program, 9, rng.pick(PROGRAMS).to_string());
            program.bold = rng.chance(0.6);
            let mut acts = Vec::new();
            let mut sum = [0i64; 8];
            for a in 0..1 + rng.below(5) {
                let mut act = new_row();
                set(&mut act, 3, rng.pick(UNITS).to_string());
                let big = rng.chance(0.2);
                let target = 1 + rng.below(if big { 30000 } else { 400 }) as i64;
                let qs = split4_units(rng, target);
                act.cells[4] = Some(indo(target));
                act.truth[4] = Some(target.to_string());
                for (q, v) in qs.iter().enumerate() {
                    act.cells[5 + q] = Some(indo(*v));
                    act.truth[5 + q] = Some(v.to_string());
                }
                set(&mut act, 9, format!("{} {}", a + 1, rng.pick(ACTIVITIES)));
                let budget = (1 + rng.below(900_000)) as i64 * 1000;
                let apbn = rng.chance(0.3);
                let parts = draw_parts(rng, budget, apbn);
                add_parts(&mut sum, &parts);
                money_cells(rng, &mut act, &parts);
                if rng.chance(0.3) {
                    set(&mut act, 19, rng.pick(RESPONSIBLE).to_string());
                }
                acts.push(act);
            }
            money_cells(rng, &mut program, &sum);
            add_parts(&mut goal_parts, &sum);
            // Parents as offsets within the goal: 0 is the goal itself.
            let program_at = goal_rows.len() + 1;
            goal_rows.push((program, Some(0)));
            goal_rows.extend(acts.into_iter().map(|a| (a, Some(program_at))));
        }
        money_cells(rng, &mut goal, &goal_parts);
        add_parts(&mut total, &goal_parts);
        let base = out.len();
        out.push(goal);
        parents.push(None);
        for (row, p) in goal_rows {
            out.push(row);
            parents.push(p.map(|p| base + p));
        }
    }
    let mut t = new_row();
    set(&mut t, 0, "TOTAL".into());
    money_cells(rng, &mut t, &total);
    t.bold = true;
    out.push(t);
    parents.push(None);
    (out, parents)
}

/// Splits a count into four quarterly parts that add up to it.
fn split4_units(rng: &mut Rng, total: i64) -> [i64; 4] {
    let mut parts = [0i64; 4];
    let mut left = total;
    for p in parts.iter_mut().take(3) {
        if rng.chance(0.35) || left == 0 {
            continue;
        }
        *p = rng.below(left as u64 + 1) as i64;
        left -= *p;
    }
    parts[3] = left;
    parts
}

/// Writes a header band for `keep` (the keys present, in order).
fn band(rng: &mut Rng, w: &Words, keep: &[usize], jitter: bool) -> Vec<String> {
    let pos = |k: usize| keep.iter().position(|&x| x == k);
    let width = keep.len() + 1;
    let mut grid: Vec<Vec<String>> = vec![vec![String::new(); width + 2]; 4];
    let put = |r: usize, c: Option<usize>, t: &str, grid: &mut Vec<Vec<String>>| {
        if let Some(c) = c {
            if grid[r][c].is_empty() {
                grid[r][c] = t.to_string();
            }
        }
    };
    let top = if w.container.is_some() { 1 } else { 0 };
    put(0, pos(0), w.no, &mut grid);
    put(0, pos(1), w.goal, &mut grid);
    if let Some(c) = w.container {
        let first = keep.iter().position(|&k| (2..19).contains(&k));
        put(0, first, c, &mut grid);
    }
    put(0, pos(19), w.responsible, &mut grid);
    let ind_row = top + usize::from(w.ind_group.is_some());
    if let Some(g) = w.ind_group {
        let first = keep.iter().position(|&k| (2..9).contains(&k));
        put(top, first, g, &mut grid);
    }
    put(ind_row, pos(2), w.indicator, &mut grid);
    put(ind_row, pos(3), w.unit, &mut grid);
    put(ind_row, pos(4), w.target, &mut grid);
    put(ind_row, pos(5), w.quarters, &mut grid);
    put(top, pos(9), w.program, &mut grid);
    put(top, pos(10), w.budget, &mut grid);
    let money_row = top + usize::from(w.money_group.is_some());
    if let Some(g) = w.money_group {
        put(top, pos(11), g, &mut grid);
    }
    put(money_row, pos(11), w.apbd, &mut grid);
    put(money_row, pos(15), w.apbn, &mut grid);
    let numeral_row = ind_row.max(money_row) + 1;
    for &base in &[5usize, 11, 15] {
        for q in 0..4 {
            let mut c = pos(base + q);
            if jitter && c.is_some() && base > 5 && rng.chance(0.3) {
                c = c.map(|c| c - 1);
            }
            put(numeral_row, c, w.numerals[q], &mut grid);
        }
    }
    let mut lines: Vec<String> = grid[..=numeral_row]
        .iter()
        .map(|r| r.join("\t").trim_end_matches('\t').to_string())
        .collect();
    if rng.chance(0.8) {
        lines.push(
            (1..=keep.len())
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("\t"),
        );
    }
    lines
}

/// Draws a plan from `seed`.
pub fn plan(seed: u64) -> Plan {
    plan_with(seed, None)
}

/// Draws a plan from `seed` with `goals` strategic goals, or a random one
/// to three.
pub fn plan_with(seed: u64, goals: Option<u64>) -> Plan {
    let mut rng = Rng::new(seed);
    let year = 2018 + rng.below(9) as u32;
    let agency = rng.pick(AGENCIES).to_string();
    let w = words(&mut rng, year);
    let mut faults = Vec::new();
    let mut keep: Vec<usize> = (0..20).collect();
    if rng.chance(0.2) {
        let dropped = *rng.pick(&[3usize, 19, 4]);
        keep.retain(|&k| k != dropped);
        faults.push(format!("column {} dropped", KEYS[dropped]));
    }
    let jitter = rng.chance(0.5);
    if jitter {
        faults.push("header numerals off by a column".into());
    }
    let (plan_rows, parents) = rows(&mut rng, goals);
    let title = format!("RENCANA AKSI {agency} TAHUN {year}");
    let mut lines = vec![
        String::new(),
        format!("**RENCANA AKSI**"),
        format!("**{title}**"),
        String::new(),
    ];
    let head = band(&mut rng, &w, &keep, jitter);
    lines.extend(head.iter().cloned());
    let page_rows = 6 + rng.below(10) as usize;
    let mut truth_rows = Vec::new();
    let mut page = 1;
    for (i, row) in plan_rows.iter().enumerate() {
        if i > 0 && i % page_rows == 0 {
            lines.push(String::new());
            lines.extend(head.iter().cloned());
            page += 1;
        }
        let mut cells: Vec<String> = keep
            .iter()
            .map(|&k| {
                let t = row.cells[k].clone().unwrap_or_default();
                if row.bold && !t.is_empty() {
                    format!("<b>{t}</b>")
                } else {
                    t
                }
            })
            .collect();
        let ui = keep.iter().position(|&k| k == 3);
        let ri = keep.iter().position(|&k| k == 19);
        let mut carry = None;
        // Converter faults, on rows where they are unambiguous.
        let roll = rng.below(10);
        if roll == 0 && cells[0].is_empty() && cells.get(1).is_some_and(String::is_empty) {
            cells.remove(0);
            faults.push(format!("row {i} one column early"));
        } else if let (1, Some(ui)) = (roll, ui) {
            if ui > 0
                && cells[ui - 1].is_empty()
                && !cells[ui].is_empty()
                && cells[ui] != "%"
                && !row.bold
            {
                cells.swap(ui - 1, ui);
                faults.push(format!("row {i} unit in the indicator column"));
            }
        } else if let (2, Some(ri)) = (roll, ri) {
            if !cells[ri].is_empty() {
                cells.insert(ri, String::new());
                faults.push(format!("row {i} responsible a cell late"));
            }
        }
        if let Some(pi) = keep.iter().position(|&k| k == 9) {
            let name = row.cells[9].clone().unwrap_or_default();
            if name.len() > 60 && rng.chance(0.7) && !row.bold {
                if let Some(at) = cells.iter().position(|c| *c == name) {
                    let cut = name[..45].rfind(' ').unwrap_or(40);
                    cells[at] = name[..cut].to_string();
                    carry = Some((at, name[cut + 1..].to_string()));
                    let _ = pi;
                    faults.push(format!("row {i} name carried onto the next line"));
                }
            }
        }
        let mut line = cells.join("\t");
        if rng.chance(0.3) {
            line.push_str("\t\t");
        }
        let line_no = lines.len() + 1;
        lines.push(line);
        if let Some((at, tail)) = carry {
            lines.push(format!("{}{}", "\t".repeat(at), tail));
        }
        let mut map = Map::new();
        for (k, key) in KEYS.iter().enumerate() {
            let v = if keep.contains(&k) {
                row.truth[k].clone()
            } else {
                None
            };
            map.insert(key.to_string(), v.map_or(Value::Null, Value::String));
        }
        truth_rows.push(json!({"page": page, "line": line_no, "cells": map}));
    }
    let expected = json!({
        "source": format!("synthetic-{seed}.txt"),
        "format": "text",
        "title": title,
        "year": year,
        "tables": [{"schema": "renaksi", "columns": KEYS, "rows": truth_rows}],
    });
    Plan {
        text: lines.join("\n") + "\n",
        expected,
        faults,
        parents,
        title,
        pages: page,
    }
}

/// The plan as an HTML table, as an agency's website would publish it: the
/// header in `thead` with its spans, one `tr` per row, numbers written the
/// Indonesian way.
pub fn to_html(plan: &Plan) -> String {
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>{0}</title></head><body>\n<h1>{0}</h1>\n<table border=\"1\">\n<thead>\n",
        plan.title
    );
    out.push_str("<tr><th rowspan=\"3\">No</th><th rowspan=\"3\">Sasaran Strategis</th><th colspan=\"7\">Indikator Kinerja</th><th rowspan=\"3\">Program/ Kegiatan</th><th rowspan=\"3\">Pagu (Rp)</th><th colspan=\"8\">Anggaran (Rp)</th><th rowspan=\"3\">Penanggung Jawab</th></tr>\n");
    out.push_str("<tr><th rowspan=\"2\">Uraian</th><th rowspan=\"2\">Satuan</th><th rowspan=\"2\">Target</th><th colspan=\"4\">Rencana Aksi per Triwulan</th><th colspan=\"4\">APBD</th><th colspan=\"4\">APBN</th></tr>\n<tr>");
    for _ in 0..3 {
        out.push_str("<th>I</th><th>II</th><th>III</th><th>IV</th>");
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let rows = plan.expected["tables"][0]["rows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for row in rows {
        out.push_str("<tr>");
        for (k, key) in KEYS.iter().enumerate() {
            let v = &row["cells"][key];
            let text = match v.as_str() {
                Some(t) if (4..=8).contains(&k) || (10..=18).contains(&k) => {
                    renaksi::number::to_indonesian(&t.parse::<Decimal>().unwrap_or_default())
                }
                Some(t) => t.replace('&', "&amp;").replace('<', "&lt;"),
                None => String::new(),
            };
            out.push_str(&format!("<td>{text}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body></html>\n");
    out
}
