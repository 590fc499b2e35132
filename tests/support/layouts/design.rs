//! A plan's design (its columns and header tree, drawn from a seed) and its
//! rows with the true grid.

use crate::support::synth::{Rng, KEYS};
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// What a column holds, for widths, alignment and number writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Code,
    Goal,
    Indicator,
    Unit,
    Target,
    TargetQ,
    Program,
    Budget,
    MoneyQ,
    Responsible,
    Note,
}

impl Kind {
    /// Numbers, right-aligned.
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Kind::Target | Kind::TargetQ | Kind::Budget | Kind::MoneyQ
        )
    }
    /// Free text that wraps.
    pub fn text(self) -> bool {
        matches!(
            self,
            Kind::Goal | Kind::Indicator | Kind::Program | Kind::Responsible | Kind::Note
        )
    }
}

/// One logical column: a schema key, or (`extra`) a column the schema does
/// not know, keyed by its label.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: String,
    pub extra: bool,
    pub kind: Kind,
}

/// A node of the header tree: a leaf names one column, a group spans its
/// children's columns.
#[derive(Debug, Clone)]
pub struct Node {
    pub label: String,
    pub children: Vec<Node>,
    /// A leaf's column (set for leaves only).
    pub column: Option<Column>,
}

impl Node {
    fn leaf(label: &str, key: &str, kind: Kind) -> Node {
        Node {
            label: label.to_string(),
            children: Vec::new(),
            column: Some(Column {
                key: key.to_string(),
                extra: false,
                kind,
            }),
        }
    }
    fn group(label: &str, children: Vec<Node>) -> Node {
        Node {
            label: label.to_string(),
            children,
            column: None,
        }
    }
    fn depth(&self) -> usize {
        1 + self.children.iter().map(Node::depth).max().unwrap_or(0)
    }
    fn leaves(&self) -> usize {
        if self.children.is_empty() {
            1
        } else {
            self.children.iter().map(Node::leaves).sum()
        }
    }
}

/// A header cell laid out on the header grid: its label, first row, rows
/// spanned, first column and columns spanned.
#[derive(Debug, Clone)]
pub struct HeaderCell {
    pub label: String,
    pub row: usize,
    pub rows: usize,
    pub col: usize,
    pub cols: usize,
    pub leaf: bool,
}

/// Where the money is split by quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Money {
    /// APBD and APBN quarters (the full 20 columns).
    Both,
    /// APBD quarters only.
    Apbd,
    /// One budget column, no quarters.
    None,
}

/// A plan's design.
#[derive(Debug, Clone)]
pub struct Design {
    pub seed: u64,
    pub year: u32,
    pub agency: &'static str,
    /// The top-level header nodes, left to right.
    pub header: Vec<Node>,
    /// The columns, left to right (the header's leaves).
    pub columns: Vec<Column>,
    pub money: Money,
    pub quarter_targets: bool,
    /// The column-number row: `None`, `"1"` (bare) or `"(1)"`.
    pub numbers: Option<&'static str>,
    /// A group over a shallower branch spans the rows its branch leaves
    /// free (its leaves on the last header row), instead of its leaves
    /// reaching down.
    pub stretch_groups: bool,
    /// What was drawn, in a few words.
    pub summary: Vec<String>,
}

const AGENCIES: &[&str] = &[
    "DINAS KESEHATAN",
    "DINAS PENDIDIKAN DAN KEBUDAYAAN",
    "BADAN PERENCANAAN PEMBANGUNAN DAERAH",
    "DINAS PERHUBUNGAN",
    "DINAS SOSIAL",
    "DINAS PEKERJAAN UMUM DAN PENATAAN RUANG",
    "BADAN KEPEGAWAIAN DAERAH",
    "DINAS KOMUNIKASI DAN INFORMATIKA",
    "DINAS TENAGA KERJA DAN TRANSMIGRASI",
    "BADAN PENDAPATAN DAERAH",
];

/// Quarter labels: each style's four labels.
const QUARTER_STYLES: &[[&str; 4]] = &[
    ["I", "II", "III", "IV"],
    ["TW I", "TW II", "TW III", "TW IV"],
    ["TW 1", "TW 2", "TW 3", "TW 4"],
    ["Tw. I", "Tw. II", "Tw. III", "Tw. IV"],
    ["TW-I", "TW-II", "TW-III", "TW-IV"],
    ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV"],
    ["Q1", "Q2", "Q3", "Q4"],
    ["Trw I", "Trw II", "Trw III", "Trw IV"],
];

impl Design {
    /// Draws a design from `seed`.
    pub fn draw(seed: u64) -> Design {
        let mut rng = Rng::new(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
        let year = 2019 + rng.below(7) as u32;
        let agency = rng.one(AGENCIES);
        let mut summary = Vec::new();
        let money = match rng.below(10) {
            0..=4 => Money::Both,
            5..=7 => Money::Apbd,
            _ => Money::None,
        };
        let quarter_targets = rng.chance(0.75);
        summary.push(format!(
            "money {}",
            match money {
                Money::Both => "APBD+APBN",
                Money::Apbd => "APBD only",
                Money::None => "budget only",
            }
        ));
        if !quarter_targets {
            summary.push("no quarterly targets".into());
        }
        let qs = rng.pick(QUARTER_STYLES);
        let qs_money = if rng.chance(0.15) {
            rng.pick(QUARTER_STYLES)
        } else {
            qs
        };
        summary.push(format!("quarters {:?}/{:?}", qs[3], qs_money[3]));

        // The indicator block.
        let ind_group = match rng.below(3) {
            0 => None,
            _ => Some(rng.one(&["Indikator Kinerja", "INDIKATOR KINERJA", "Kinerja"])),
        };
        let indicator = if ind_group.is_some() {
            rng.one(&[
                "Uraian",
                "Indikator",
                "Indikator Sasaran",
                "Uraian Indikator",
            ])
        } else {
            rng.one(&[
                "Indikator Kinerja",
                "Indikator",
                "Indikator Sasaran",
                "Indikator Kinerja Utama",
                "Uraian",
            ])
        };
        let target_words: Vec<String> = vec![
            "Target".into(),
            "Target Kinerja".into(),
            "Target Tahunan".into(),
            format!("Target {year}"),
            format!("Target Tahun {year}"),
        ];
        let target = rng.pick(&target_words).clone();
        let unit = rng.one(&["Satuan", "Sat.", "SATUAN", "Sat"]);
        let mut ind = vec![
            Node::leaf(indicator, "indicator", Kind::Indicator),
            Node::leaf(unit, "unit", Kind::Unit),
            Node::leaf(&target, "target", Kind::Target),
        ];
        if rng.chance(0.15) {
            ind.swap(1, 2);
            summary.push("target before unit".into());
        }
        if quarter_targets {
            let label = rng.one(&[
                "Rencana Aksi per Triwulan",
                "Target per Triwulan",
                "Target Triwulan",
                "Triwulan",
                "Rencana Aksi",
                "Target Kinerja per Triwulan",
                "Rencana Capaian per Triwulan",
            ]);
            let kids = (0..4)
                .map(|q| Node::leaf(qs[q], &format!("target_q{}", q + 1), Kind::TargetQ))
                .collect();
            ind.push(Node::group(label, kids));
            summary.push(format!("target {target:?}, quarters under {label:?}"));
        } else {
            summary.push(format!("target {target:?}"));
        }
        let ind_nodes = match ind_group {
            Some(g) => vec![Node::group(g, ind)],
            None => ind,
        };
        summary.push(format!(
            "indicator {:?}{}",
            indicator,
            ind_group.map_or(String::new(), |g| format!(" under {g:?}"))
        ));

        // The money block.
        let money_group = match money {
            Money::None => None,
            _ if rng.chance(0.3) => None,
            _ => Some(rng.one(&[
                "ANGGARAN (Rp)",
                "SUMBER DANA",
                "Sumber Dana",
                "Anggaran per Triwulan (Rp)",
            ])),
        };
        let pagu_in_group = money_group.is_some() && rng.chance(0.3);
        let mut budget = if pagu_in_group {
            rng.one(&["Pagu", "Jumlah", "Pagu (Rp)", "Total"])
        } else {
            rng.one(&[
                "Pagu",
                "Pagu (Rp)",
                "Pagu Anggaran",
                "Pagu Anggaran (Rp)",
                "Anggaran (Rp)",
                "Alokasi Anggaran (Rp)",
                "Jumlah Anggaran",
            ])
        };
        if money_group.is_some_and(|g| g.to_lowercase().contains("anggaran"))
            && budget.to_lowercase().starts_with("anggaran")
        {
            budget = "Pagu (Rp)";
        }
        let budget_leaf = Node::leaf(budget, "budget", Kind::Budget);
        let quarters = |label: &str, key: &str| {
            Node::group(
                label,
                (0..4)
                    .map(|q| Node::leaf(qs_money[q], &format!("{key}_q{}", q + 1), Kind::MoneyQ))
                    .collect(),
            )
        };
        let apbd = rng.one(&[
            "APBD",
            "APBD Provinsi",
            "APBD Kab.",
            "APBD Kabupaten",
            "APBD Kota",
        ]);
        let apbn = rng.one(&["APBN", "APBN (Dekon)", "APBN/Dekon"]);
        let mut sources = Vec::new();
        if money != Money::None {
            sources.push(quarters(apbd, "apbd"));
        }
        if money == Money::Both {
            sources.push(quarters(apbn, "apbn"));
        }
        let money_nodes = match (money_group, pagu_in_group) {
            (Some(g), true) => {
                let mut kids = vec![budget_leaf];
                kids.extend(sources);
                vec![Node::group(g, kids)]
            }
            (Some(g), false) => vec![budget_leaf, Node::group(g, sources)],
            (None, _) => {
                let mut v = vec![budget_leaf];
                v.extend(sources);
                v
            }
        };
        summary.push(format!(
            "budget {:?}{}",
            budget,
            money_group.map_or(String::new(), |g| format!(
                " {} {g:?}",
                if pagu_in_group { "under" } else { "beside" }
            ))
        ));

        let program = rng.one(&[
            "Program/ Kegiatan",
            "Program / Kegiatan",
            "Program/Kegiatan/Sub Kegiatan",
            "Kegiatan",
            "Program",
            "Kegiatan/Sub Kegiatan",
            "Program, Kegiatan dan Sub Kegiatan",
        ]);
        let responsible = rng.one(&[
            "Penanggung Jawab",
            "Penanggungjawab",
            "PJ",
            "Unit Kerja",
            "Pelaksana",
            "Penanggung Jawab Kegiatan",
            "Unit Pelaksana",
        ]);
        let resp_leaf = Node::leaf(responsible, "responsible", Kind::Responsible);
        let resp_early = rng.chance(0.15);
        let mut middle = ind_nodes;
        middle.push(Node::leaf(program, "program_activity", Kind::Program));
        if resp_early {
            middle.push(resp_leaf.clone());
            summary.push("responsible before budget".into());
        }
        middle.extend(money_nodes);
        let title = match rng.below(3) {
            0 => Some(format!(
                "{} TAHUN {year}",
                rng.one(&["RENCANA AKSI", "RENCANA KINERJA", "RENCANA AKSI KINERJA"])
            )),
            _ => None,
        };
        let no = rng.one(&["No", "NO", "No.", "Nomor"]);
        let goal = rng.one(&[
            "Sasaran Strategis",
            "Sasaran",
            "Tujuan",
            "Sasaran Program",
            "SASARAN STRATEGIS",
            "Tujuan/ Sasaran",
        ]);
        let mut header = vec![
            Node::leaf(no, "no", Kind::Code),
            Node::leaf(goal, "strategic_goal", Kind::Goal),
        ];
        match &title {
            Some(t) => {
                header.push(Node::group(t, middle));
                summary.push(format!("title row {t:?}"));
            }
            None => header.extend(middle),
        }
        if !resp_early {
            header.push(resp_leaf);
        }
        summary.push(format!(
            "goal {goal:?}, program {program:?}, responsible {responsible:?}"
        ));
        if rng.chance(0.3) {
            let label = rng.one(&["Keterangan", "Ket.", "KETERANGAN", "Ket"]);
            header.push(Node {
                label: label.to_string(),
                children: Vec::new(),
                column: Some(Column {
                    key: label.to_string(),
                    extra: true,
                    kind: Kind::Note,
                }),
            });
            summary.push(format!("extra column {label:?}"));
        }
        let numbers = match rng.below(5) {
            0 => None,
            1 => Some("(1)"),
            _ => Some("1"),
        };
        if numbers.is_none() {
            summary.push("no column numbers".into());
        }
        let stretch_groups = rng.chance(0.5);
        if stretch_groups {
            summary.push("shallow groups stretched".into());
        }
        let mut columns = Vec::new();
        fn collect(n: &Node, out: &mut Vec<Column>) {
            if let Some(c) = &n.column {
                out.push(c.clone());
            }
            for k in &n.children {
                collect(k, out);
            }
        }
        for n in &header {
            collect(n, &mut columns);
        }
        summary.insert(0, format!("{} columns", columns.len()));
        Design {
            seed,
            year,
            agency,
            header,
            columns,
            money,
            quarter_targets,
            numbers,
            stretch_groups,
            summary,
        }
    }

    /// How many header rows the tree takes (the column-number row aside).
    pub fn header_rows(&self) -> usize {
        self.header.iter().map(Node::depth).max().unwrap_or(1)
    }

    /// The header tree laid out on a grid: leaves reach down to the last
    /// header row.
    pub fn header_cells(&self) -> Vec<HeaderCell> {
        let rows = self.header_rows();
        let mut out = Vec::new();
        fn walk(
            n: &Node,
            row: usize,
            col: usize,
            rows: usize,
            stretch: bool,
            out: &mut Vec<HeaderCell>,
        ) {
            let leaf = n.children.is_empty();
            let span = if leaf {
                rows - row
            } else if stretch {
                rows - row - (n.depth() - 1)
            } else {
                1
            };
            out.push(HeaderCell {
                label: n.label.clone(),
                row,
                rows: span,
                col,
                cols: n.leaves(),
                leaf,
            });
            let mut c = col;
            for k in &n.children {
                walk(k, row + span, c, rows, stretch, out);
                c += k.leaves();
            }
        }
        let mut col = 0;
        for n in &self.header {
            walk(n, 0, col, rows, self.stretch_groups, &mut out);
            col += n.leaves();
        }
        out
    }

    /// The column-number labels (`1`, `2`… or `(1)`, `(2)`…).
    pub fn number_labels(&self) -> Option<Vec<String>> {
        let style = self.numbers?;
        Some(
            (1..=self.columns.len())
                .map(|n| {
                    if style == "(1)" {
                        format!("({n})")
                    } else {
                        n.to_string()
                    }
                })
                .collect(),
        )
    }

    pub fn title(&self) -> String {
        format!("RENCANA AKSI {} TAHUN {}", self.agency, self.year)
    }

    pub fn column(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    pub fn describe(&self) -> String {
        self.summary.join("; ")
    }
}

/// A row: the text written in each column, the grid value it stands for
/// (both by column key), and whether the row is printed bold.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub printed: BTreeMap<String, String>,
    pub truth: BTreeMap<String, String>,
    pub bold: bool,
    pub kind: &'static str,
}

impl Row {
    pub fn text(&self, key: &str) -> &str {
        self.printed.get(key).map_or("", String::as_str)
    }
    fn set(&mut self, key: &str, text: &str) {
        self.printed.insert(key.into(), text.into());
        self.truth.insert(key.into(), text.into());
    }
    fn num(&mut self, key: &str, printed: String, truth: Option<String>) {
        self.printed.insert(key.into(), printed);
        if let Some(t) = truth {
            self.truth.insert(key.into(), t);
        }
    }
}

/// A plan: its design, rows and hierarchy.
#[derive(Debug, Clone)]
pub struct Plan {
    pub design: Design,
    pub rows: Vec<Row>,
    /// Each row's parent row.
    pub parents: Vec<Option<usize>>,
}

const GOALS: &[&str] = &[
    "Meningkatnya derajat kesehatan masyarakat",
    "Meningkatnya kualitas pelayanan publik",
    "Meningkatnya akses dan mutu pendidikan menengah dan pendidikan khusus",
    "Terwujudnya tata kelola pemerintahan yang baik dan bersih",
    "Meningkatnya konektivitas antar wilayah",
    "Menurunnya angka kemiskinan daerah",
    "Meningkatnya Kesempatan Kerja Masyarakat",
    "Meningkatnya kualitas infrastruktur jalan provinsi dalam kondisi mantap",
    "Meningkatnya akuntabilitas kinerja dan keuangan perangkat daerah",
];
const INDICATORS: &[&str] = &[
    "Persentase capaian standar pelayanan minimal",
    "Indeks kepuasan masyarakat terhadap layanan publik",
    "Persentase jalan dalam kondisi mantap",
    "Nilai evaluasi akuntabilitas kinerja instansi pemerintah",
    "Angka partisipasi murni sekolah menengah",
    "Persentase penduduk miskin yang menerima bantuan sosial",
    "Persentase Kab./Kota yang menyusun Rencana Tenaga Kerja Daerah",
    "Tingkat Pengangguran Terbuka",
    "Opini BPK atas laporan keuangan",
];
const PROGRAMS: &[&str] = &[
    "Program Pelayanan Kesehatan Masyarakat",
    "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
    "Program Pengelolaan Pendidikan",
    "Program Penyelenggaraan Jalan",
    "Program Perlindungan dan Jaminan Sosial",
    "Program Pengelolaan Aplikasi Informatika",
    "Program Perencanaan Tenaga Kerja",
    "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
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
    "Penyusunan Rencana Tenaga Kerja (RTK)",
    "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi",
];
const UNITS: &[&str] = &[
    "Dokumen",
    "Dok",
    "Orang",
    "Laporan",
    "Kegiatan",
    "Unit",
    "Paket",
    "Badan Usaha",
    "Km",
    "Sekolah",
    "Layanan",
    "Bulan",
];
const GOAL_UNITS: &[&str] = &["%", "%", "%", "Indeks", "Nilai", "Persen"];
const RESPONSIBLE: &[&str] = &[
    "Sekretariat",
    "Bidang Pelayanan",
    "UPTD Balai Pengujian",
    "Bidang Bina Marga",
    "KADIS",
    "Sub Bagian Keuangan",
    "Bidang Penempatan Tenaga Kerja",
];
const NOTES: &[&str] = &[
    "Sesuai DPA",
    "-",
    "",
    "",
    "DAK",
    "Dana Dekonsentrasi",
    "Lanjutan",
    "APBD Perubahan",
];

fn indo(d: i64) -> String {
    renaksi::number::to_indonesian(&Decimal::from(d))
}

fn percent(rng: &mut Rng) -> (String, String) {
    let d = Decimal::new(rng.below(10000) as i64 + 1, 2);
    (renaksi::number::to_indonesian(&d), d.to_string())
}

/// Splits `total` into four parts, some zero, in `unit` steps.
fn split4(rng: &mut Rng, total: i64, unit: i64) -> [i64; 4] {
    let mut parts = [0i64; 4];
    let mut left = total;
    for p in parts.iter_mut().take(3) {
        if rng.chance(0.3) || left == 0 {
            continue;
        }
        *p = rng.below((left / unit) as u64 + 1) as i64 * unit;
        left -= *p;
    }
    parts[3] = left;
    parts
}

const MONEY_KEYS: [&str; 8] = [
    "apbd_q1", "apbd_q2", "apbd_q3", "apbd_q4", "apbn_q1", "apbn_q2", "apbn_q3", "apbn_q4",
];

impl Plan {
    /// Draws a plan: design and rows.
    pub fn draw(seed: u64) -> Plan {
        let design = Design::draw(seed);
        let mut rng = Rng::new(seed ^ 0x7007_1e55);
        let mut rows: Vec<Row> = Vec::new();
        let mut parents = Vec::new();
        let has = |k: &str| design.column(k).is_some();
        let note_key = design
            .columns
            .iter()
            .find(|c| c.extra)
            .map(|c| c.key.clone());
        let goals = 1 + rng.below(3);
        let mut total = [0i64; 9];
        let roman = ["I", "II", "III", "IV", "V"];
        for g in 0..goals {
            let goal_at = rows.len();
            let mut goal = Row {
                kind: "goal",
                bold: rng.chance(0.6),
                ..Row::default()
            };
            let no = if rng.chance(0.3) {
                roman[g as usize].to_string()
            } else {
                (g + 1).to_string()
            };
            goal.set("no", &no);
            goal.set("strategic_goal", rng.one(GOALS));
            goal.set("indicator", rng.one(INDICATORS));
            goal.set("unit", rng.one(GOAL_UNITS));
            let (w, t) = percent(&mut rng);
            goal.num("target", w, Some(t));
            if design.quarter_targets {
                for q in 1..=4 {
                    let (w, t) = percent(&mut rng);
                    goal.num(&format!("target_q{q}"), w, Some(t));
                }
            }
            goal.set("responsible", rng.one(RESPONSIBLE));
            rows.push(goal);
            parents.push(None);
            // A second indicator of the same goal, without money.
            if rng.chance(0.25) {
                let mut ind = Row {
                    kind: "indicator",
                    ..Row::default()
                };
                ind.set("indicator", rng.one(INDICATORS));
                ind.set("unit", "%");
                let (w, t) = percent(&mut rng);
                ind.num("target", w, Some(t));
                if design.quarter_targets {
                    for q in 1..=4 {
                        let (w, t) = percent(&mut rng);
                        ind.num(&format!("target_q{q}"), w, Some(t));
                    }
                }
                rows.push(ind);
                parents.push(Some(goal_at));
            }
            let mut goal_money = [0i64; 9];
            for _ in 0..1 + rng.below(3) {
                let prog_at = rows.len();
                let mut program = Row {
                    kind: "program",
                    bold: rng.chance(0.5),
                    ..Row::default()
                };
                program.set("program_activity", rng.one(PROGRAMS));
                if rng.chance(0.3) {
                    program.set("responsible", rng.one(RESPONSIBLE));
                }
                rows.push(program);
                parents.push(Some(goal_at));
                let mut sum = [0i64; 9];
                for a in 0..1 + rng.below(4) {
                    let mut act = Row {
                        kind: "activity",
                        ..Row::default()
                    };
                    act.set("unit", rng.one(UNITS));
                    let big = rng.chance(0.2);
                    let target = 1 + rng.below(if big { 30000 } else { 400 }) as i64;
                    act.num("target", indo(target), Some(target.to_string()));
                    if design.quarter_targets {
                        let qs = split4(&mut rng, target, 1);
                        for (q, v) in qs.iter().enumerate() {
                            act.num(&format!("target_q{}", q + 1), indo(*v), Some(v.to_string()));
                        }
                    }
                    let name = rng.one(ACTIVITIES);
                    if rng.chance(0.7) {
                        act.set("program_activity", &format!("{} {name}", a + 1));
                    } else {
                        act.set("program_activity", name);
                    }
                    if rng.chance(0.6) {
                        act.set("responsible", rng.one(RESPONSIBLE));
                    }
                    let budget = (1 + rng.below(900_000)) as i64 * 1000;
                    let parts = draw_money(&mut rng, design.money, budget);
                    for (s, p) in sum.iter_mut().zip(&parts) {
                        *s += p;
                    }
                    write_money(&mut rng, &mut act, &parts, design.money);
                    rows.push(act);
                    parents.push(Some(prog_at));
                }
                write_money(&mut rng, &mut rows[prog_at], &sum, design.money);
                for (s, p) in goal_money.iter_mut().zip(&sum) {
                    *s += p;
                }
            }
            write_money(&mut rng, &mut rows[goal_at], &goal_money, design.money);
            for (s, p) in total.iter_mut().zip(&goal_money) {
                *s += p;
            }
        }
        let mut t = Row {
            kind: "total",
            bold: true,
            ..Row::default()
        };
        let word = rng.one(&["TOTAL", "JUMLAH", "JUMLAH TOTAL", "Jumlah"]);
        if rng.chance(0.25) && has("program_activity") {
            t.set("program_activity", word);
        } else {
            t.set("no", word);
        }
        write_money(&mut rng, &mut t, &total, design.money);
        rows.push(t);
        parents.push(None);
        if let Some(k) = note_key {
            for r in rows.iter_mut().filter(|r| r.kind != "total") {
                let n = rng.one(NOTES);
                r.printed.insert(k.clone(), n.into());
                if !n.is_empty() && n != "-" {
                    r.truth.insert(k.clone(), n.into());
                }
            }
        }
        // Columns the design lacks are neither printed nor expected.
        for r in &mut rows {
            r.printed.retain(|k, _| design.column(k).is_some());
            r.truth.retain(|k, _| design.column(k).is_some());
        }
        Plan {
            design,
            rows,
            parents,
        }
    }

    /// The true grid, as `testdata/*.expected.json` holds it (cells of the
    /// 20 schema keys; a column the schema lacks under `extra`, by its label).
    pub fn expected(&self) -> Value {
        let rows: Vec<Value> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = Map::new();
                for k in KEYS {
                    cells.insert(
                        k.into(),
                        r.truth
                            .get(k)
                            .map_or(Value::Null, |v| Value::String(v.clone())),
                    );
                }
                let mut row = json!({ "cells": cells });
                let extra: Map<String, Value> = self
                    .design
                    .columns
                    .iter()
                    .filter(|c| c.extra)
                    .filter_map(|c| {
                        Some((c.key.clone(), Value::String(r.truth.get(&c.key)?.clone())))
                    })
                    .collect();
                if !extra.is_empty() {
                    row["extra"] = Value::Object(extra);
                }
                row
            })
            .collect();
        json!({
            "source": format!("layout-{}", self.design.seed),
            "title": self.design.title(),
            "year": self.design.year,
            "design": self.design.describe(),
            "tables": [{ "schema": "renaksi", "columns": KEYS, "rows": rows }],
        })
    }
}

/// Draws an activity's budget split: `[budget, apbd q1..q4, apbn q1..q4]`.
fn draw_money(rng: &mut Rng, money: Money, budget: i64) -> [i64; 9] {
    let mut out = [0i64; 9];
    out[0] = budget;
    let apbn = if money == Money::Both && rng.chance(0.3) {
        budget / 1000 * rng.below(1000) as i64
    } else {
        0
    };
    if money != Money::None {
        out[1..5].copy_from_slice(&split4(rng, budget - apbn, 1000));
        if apbn > 0 {
            out[5..9].copy_from_slice(&split4(rng, apbn, 1000));
        }
    }
    out
}

/// Writes a row's money: the budget, and its quarters with zeros as `-`,
/// `0` or nothing.
fn write_money(rng: &mut Rng, row: &mut Row, parts: &[i64; 9], money: Money) {
    row.num("budget", indo(parts[0]), Some(parts[0].to_string()));
    if money == Money::None {
        return;
    }
    let zero = rng.below(3);
    for (group, keys) in MONEY_KEYS.chunks(4).enumerate() {
        if group == 1 && money != Money::Both {
            break;
        }
        let vals = &parts[1 + 4 * group..5 + 4 * group];
        let blank = vals.iter().all(|v| *v == 0) && rng.chance(0.4);
        for (k, v) in keys.iter().zip(vals) {
            if blank {
                continue;
            }
            if *v == 0 {
                match zero {
                    0 => row.num(k, "-".into(), None),
                    1 => row.num(k, "0".into(), Some("0".into())),
                    _ => {}
                }
            } else {
                row.num(k, indo(*v), Some(v.to_string()));
            }
        }
    }
}
