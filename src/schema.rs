//! Table families declared as data: which logical columns a table has, what
//! each holds, and the header words that name it.
//!
//! A header column maps to a schema column by normalised word matching on
//! its path (`ANGGARAN (Rp) / APBD / I` → `apbd_q1`), never by position, so a
//! plan with a column missing, an extra column, or columns in another order
//! still maps. [`Schema::renaksi`] is the Rencana Aksi family; a user can
//! declare another with [`Schema::new`] and [`Column`].
//!
//! ```
//! use renaksi::schema::{Column, Schema, ValueType};
//! let schema = Schema::new(
//!     "iku",
//!     vec![
//!         Column::new("indicator", ValueType::Text, &["indikator kinerja utama", "indikator"]),
//!         Column::new("unit", ValueType::Unit, &["satuan"]),
//!         Column::new("target", ValueType::Quantity, &["target"]),
//!     ],
//! );
//! assert_eq!(schema.keys().collect::<Vec<_>>(), ["indicator", "unit", "target"]);
//! ```

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// What a logical column holds. It decides how its cells are read
/// (numbers or text) and how well a cell fits it when cells drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ValueType {
    /// A row label: an ordinal, a roman numeral, a code, `TOTAL`.
    Code,
    /// Free text (names, descriptions): usually several words.
    Text,
    /// A short unit of measure (`%`, `Orang`, `Dokumen`).
    Unit,
    /// A count or a percentage, depending on the row's unit (targets).
    Quantity,
    /// A count of things.
    Count,
    /// A percentage or ratio.
    Percent,
    /// An amount of money (Rupiah): large whole numbers with thousands groups.
    Money,
}

impl ValueType {
    /// The column holds numbers.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ValueType::Quantity | ValueType::Count | ValueType::Percent | ValueType::Money
        )
    }

    /// How an ambiguous token in this column is read.
    pub fn number_kind(self) -> crate::number::NumberKind {
        use crate::number::NumberKind;
        match self {
            ValueType::Money => NumberKind::Money,
            ValueType::Count | ValueType::Quantity => NumberKind::Count,
            ValueType::Percent => NumberKind::Percent,
            _ => NumberKind::Any,
        }
    }
}

/// One logical column of a table family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The key used in records and the grid JSON (`budget`).
    pub key: String,
    /// What the column holds.
    pub value_type: ValueType,
    /// Phrases that name the column in a header (any one suffices), in lower
    /// case: `["pagu", "pagu anggaran"]`. A phrase matches a header label
    /// whose words include all of the phrase's words.
    pub names: Vec<String>,
    /// For a column under a quarter group: phrases naming the group
    /// (`["apbd"]`); the column's own header is then the quarter numeral.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<String>,
    /// For a column under a quarter group: which quarter (1–4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarter: Option<u8>,
}

impl Column {
    /// A column named by `names`.
    pub fn new(key: &str, value_type: ValueType, names: &[&str]) -> Column {
        Column {
            key: key.to_string(),
            value_type,
            names: names.iter().map(|s| normalize(s)).collect(),
            group: Vec::new(),
            quarter: None,
        }
    }

    /// A column under a quarter group: quarter `quarter` (1–4) of the group
    /// named by `group`.
    pub fn quarter(key: &str, value_type: ValueType, group: &[&str], quarter: u8) -> Column {
        Column {
            key: key.to_string(),
            value_type,
            names: Vec::new(),
            group: group.iter().map(|s| normalize(s)).collect(),
            quarter: Some(quarter),
        }
    }
}

/// A table family: its logical columns in their usual order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// The family's name, written into each table of the output (`renaksi`).
    pub name: String,
    /// The logical columns, in the order the output lists them.
    pub columns: Vec<Column>,
    /// More words that occur in this family's header bands without naming a
    /// column (`anggaran`, `rencana aksi`): they help recognise a band.
    #[serde(default)]
    pub header_words: Vec<String>,
    /// Words that open a new row when they start a text cell (`program`,
    /// `kegiatan`): a line starting so is never a continuation of the row above.
    #[serde(default)]
    pub row_markers: Vec<String>,
    /// Words that mark a total row in the row-label column (`total`, `jumlah`).
    #[serde(default)]
    pub total_words: Vec<String>,
    /// How a row's kind is decided: the first rule that holds names it;
    /// `row` when none does.
    #[serde(default)]
    pub kinds: Vec<KindRule>,
    /// The family's own arithmetic, which the hierarchy and the checks
    /// read; `None` for a family without one.
    #[serde(default)]
    pub arithmetic: Option<Arithmetic>,
}

/// The sums a table family's documents keep: amounts that add up from the
/// rows under a row to the row, an amount split into parts, and a target
/// split into parts when it counts things.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arithmetic {
    /// The amount column (`budget`): a row's amount is the sum of its parts,
    /// and a parent's the sum of its children's.
    pub amount: String,
    /// The amount's parts (`apbd_q1` … `apbn_q4`), which also add up from
    /// children to parent.
    pub amount_parts: Vec<String>,
    /// The target column (`target`).
    pub target: String,
    /// The target's parts (`target_q1` … `target_q4`).
    pub target_parts: Vec<String>,
    /// The unit column (`unit`): targets are checked against their parts
    /// only when the unit counts things.
    pub unit: String,
    /// Normalised units that do not count things (`%`, `indeks`): their
    /// parts need not add up.
    pub rate_units: Vec<String>,
    /// The column naming a row (`program_activity`), whose leading item
    /// number or marker word tells programs from activities.
    pub label: String,
    /// The columns that open a goal (`no`, `strategic_goal`).
    pub goal: Vec<String>,
}

impl Arithmetic {
    /// The unit counts things: not empty and not a rate.
    pub fn counts(&self, unit: &str) -> bool {
        normalized(unit).next().is_some()
            && !unit.contains('%')
            && !starts_with_any(unit, &self.rate_units)
    }
}

/// A rule naming a row's kind from one of its cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindRule {
    /// The kind it names (`program`): borrowed for a schema declared in
    /// code, so that rows share it, owned for one read from a file.
    pub kind: Cow<'static, str>,
    /// The column it looks at.
    pub column: String,
    /// What must hold of that column's text.
    pub test: KindTest,
}

/// What a [`KindRule`] asks of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindTest {
    /// The cell is not empty.
    Filled,
    /// The cell's words start with one of these (normalised) phrases.
    StartsWith(Vec<String>),
    /// The cell starts with an item number (`1 Penyusunan …`, `2. …`).
    ItemNumber,
    /// The cell is one of the schema's total words.
    Total,
}

impl KindRule {
    fn new(kind: &'static str, column: &str, test: KindTest) -> KindRule {
        KindRule {
            kind: Cow::Borrowed(kind),
            column: column.into(),
            test,
        }
    }
}

impl Schema {
    /// A schema with `columns` and no extra header words or row markers.
    pub fn new(name: &str, columns: Vec<Column>) -> Schema {
        Schema {
            name: name.to_string(),
            columns,
            header_words: Vec::new(),
            row_markers: Vec::new(),
            total_words: vec!["total".into(), "jumlah".into()],
            kinds: Vec::new(),
            arithmetic: None,
        }
    }

    /// The Rencana Aksi family: the 20 columns of the grid contract.
    ///
    /// ```
    /// let s = renaksi::Schema::renaksi();
    /// assert_eq!(s.columns.len(), 20);
    /// assert_eq!(s.columns[10].key, "budget");
    /// ```
    pub fn renaksi() -> Schema {
        use ValueType::*;
        let target_group: &[&str] = &[
            "rencana aksi per triwulan",
            "rencana aksi triwulan",
            "target triwulan",
            "target per triwulan",
            "triwulan",
            "rencana aksi",
            "tw",
        ];
        let mut columns = vec![
            Column::new("no", Code, &["no", "nomor", "no urut"]),
            Column::new(
                "strategic_goal",
                Text,
                &["sasaran strategis", "sasaran", "tujuan"],
            ),
            Column::new(
                "indicator",
                Text,
                &[
                    "uraian",
                    "indikator kinerja",
                    "indikator",
                    "indikator sasaran",
                ],
            ),
            Column::new("unit", Unit, &["satuan", "sat"]),
            Column::new(
                "target",
                Quantity,
                &["target kinerja", "target", "target tahunan"],
            ),
        ];
        for q in 1..=4u8 {
            columns.push(Column::quarter(
                &format!("target_q{q}"),
                Quantity,
                target_group,
                q,
            ));
        }
        columns.push(Column::new(
            "program_activity",
            Text,
            &[
                "program kegiatan",
                "program",
                "kegiatan",
                "program kegiatan sub kegiatan",
            ],
        ));
        columns.push(Column::new(
            "budget",
            Money,
            &[
                "pagu",
                "pagu anggaran",
                "jumlah",
                "jumlah anggaran",
                "total anggaran",
                "anggaran",
                "alokasi",
            ],
        ));
        for (source, words) in [
            ("apbd", ["apbd", "apbd provinsi"]),
            ("apbn", ["apbn", "dekon"]),
        ] {
            for q in 1..=4u8 {
                columns.push(Column::quarter(&format!("{source}_q{q}"), Money, &words, q));
            }
        }
        columns.push(Column::new(
            "responsible",
            Text,
            &[
                "penanggung jawab",
                "penanggungjawab",
                "pj",
                "pelaksana",
                "unit kerja",
            ],
        ));
        Schema {
            name: "renaksi".into(),
            columns,
            header_words: [
                "rencana aksi",
                "kinerja",
                "anggaran",
                "sumber dana",
                "rp",
                "keterangan",
                "kode",
                "pencapaian",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            row_markers: [
                "program",
                "kegiatan",
                "sub kegiatan",
                "subkegiatan",
                "sasaran",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            total_words: ["total", "jumlah", "jumlah total", "grand total"]
                .iter()
                .map(|s| s.to_string())
                .collect(),
            kinds: vec![
                KindRule::new("total", "no", KindTest::Total),
                KindRule::new("total", "program_activity", KindTest::Total),
                KindRule::new("goal", "strategic_goal", KindTest::Filled),
                KindRule::new(
                    "program",
                    "program_activity",
                    KindTest::StartsWith(vec!["program".into()]),
                ),
                KindRule::new(
                    "activity",
                    "program_activity",
                    KindTest::StartsWith(vec![
                        "kegiatan".into(),
                        "sub kegiatan".into(),
                        "subkegiatan".into(),
                    ]),
                ),
                KindRule::new("activity", "program_activity", KindTest::ItemNumber),
                KindRule::new("indicator", "indicator", KindTest::Filled),
                KindRule::new("activity", "program_activity", KindTest::Filled),
            ],
            arithmetic: Some(Arithmetic {
                amount: "budget".into(),
                amount_parts: [
                    "apbd_q1", "apbd_q2", "apbd_q3", "apbd_q4", "apbn_q1", "apbn_q2", "apbn_q3",
                    "apbn_q4",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
                target: "target".into(),
                target_parts: ["target_q1", "target_q2", "target_q3", "target_q4"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
                unit: "unit".into(),
                rate_units: [
                    "persen",
                    "persentase",
                    "prosentase",
                    "indeks",
                    "index",
                    "nilai",
                    "skor",
                    "poin",
                    "rasio",
                    "predikat",
                    "opini",
                    "level",
                    "tingkat",
                    "peringkat",
                    "kategori",
                    "status",
                    "rp",
                    "rupiah",
                    "tahun",
                    "bulan",
                    "hari",
                    "ipk",
                    "ikm",
                    "skm",
                ]
                .iter()
                .map(|s| s.to_string())
                .collect(),
                label: "program_activity".into(),
                goal: vec!["no".into(), "strategic_goal".into()],
            }),
        }
    }

    /// The column keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.columns.iter().map(|c| c.key.as_str())
    }

    /// The index of the column with `key`.
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// How much of a header label this family's header vocabulary explains:
    /// the share of its words covered by column names, group names, header
    /// words and filler (`rp`, `per`, a year), from 0 to 1.
    ///
    /// ```
    /// let s = renaksi::Schema::renaksi();
    /// assert_eq!(s.header_coverage("Pagu (Rp)"), 1.0);
    /// assert!(s.header_coverage("Program Pembinaan Ketenagakerjaan") < 0.5);
    /// ```
    pub fn header_coverage(&self, label: &str) -> f32 {
        Vocabulary::new(self).coverage(label)
    }

    /// A header label names a group of quarter columns (`APBD`,
    /// `Rencana Aksi per Triwulan`).
    pub fn is_quarter_group(&self, label: &str) -> bool {
        names_any(self.columns.iter().flat_map(|c| &c.group), label)
    }

    /// The label is, word for word once normalised, one of the names or
    /// group names of the schema's columns (`Pagu (Rp)`, `Target Kinerja`).
    pub fn names_exactly(&self, label: &str) -> bool {
        with_normalized(label, |words| {
            self.columns
                .iter()
                .flat_map(|c| c.names.iter().chain(c.group.iter()))
                .any(|name| name == words)
        })
    }

    /// A text starts with one of the schema's row markers (`Program …`).
    pub fn starts_with_row_marker(&self, text: &str) -> bool {
        starts_with_any(text, &self.row_markers)
    }

    /// The kind of a row, given the text of its cells by key.
    ///
    /// ```
    /// let s = renaksi::Schema::renaksi();
    /// let kind = s.row_kind(|k| (k == "program_activity").then(|| "Program Hubungan Industrial".to_string()));
    /// assert_eq!(kind, "program");
    /// ```
    pub fn row_kind<S: AsRef<str>>(&self, text_of: impl Fn(&str) -> Option<S>) -> &str {
        self.kinds
            .iter()
            .find(|rule| text_of(&rule.column).is_some_and(|t| self.holds(rule, t.as_ref())))
            .map_or("row", |rule| &rule.kind)
    }

    /// The column of each kind rule, by index (`None`: the schema has no
    /// such column), for [`Schema::row_kind_at`].
    pub(crate) fn kind_columns(&self) -> Vec<Option<usize>> {
        self.kinds
            .iter()
            .map(|r| self.index_of(&r.column))
            .collect()
    }

    /// [`Schema::row_kind`] with the rules' columns found once
    /// ([`Schema::kind_columns`]): `text_of` is asked by column index.
    pub(crate) fn row_kind_at<S: AsRef<str>>(
        &self,
        columns: &[Option<usize>],
        text_of: impl Fn(usize) -> Option<S>,
    ) -> &Cow<'static, str> {
        static ROW: Cow<'static, str> = Cow::Borrowed("row");
        self.kinds
            .iter()
            .zip(columns)
            .find(|(rule, col)| {
                col.and_then(&text_of)
                    .is_some_and(|t| self.holds(rule, t.as_ref()))
            })
            .map_or(&ROW, |(rule, _)| &rule.kind)
    }

    /// A kind rule holds of its column's text.
    fn holds(&self, rule: &KindRule, text: &str) -> bool {
        match &rule.test {
            KindTest::Filled => !text.trim().is_empty(),
            KindTest::Total => self.is_total_label(text),
            KindTest::ItemNumber => starts_with_item_number(text),
            KindTest::StartsWith(words) => starts_with_any(text, words),
        }
    }

    /// Maps each leaf column of a header to a column of this schema, by
    /// normalised word matching on its path: the leaf's own label first,
    /// then, for quarter columns, the nearest group label above the numeral.
    /// Each schema column is used at most once.
    ///
    /// ```
    /// use renaksi::band::{Header, HeaderColumn};
    /// let header = Header {
    ///     columns: ["Satuan", "Pagu (Rp)", "Sumber Dana / APBD / II", "Catatan"]
    ///         .iter()
    ///         .enumerate()
    ///         .map(|(i, p)| HeaderColumn { path: p.split(" / ").map(Into::into).collect(), col: i as u32 })
    ///         .collect(),
    ///     numbered: None,
    /// };
    /// let schema = renaksi::Schema::renaksi();
    /// let keys: Vec<Option<&str>> = schema
    ///     .map_header(&header)
    ///     .into_iter()
    ///     .map(|m| m.map(|c| schema.columns[c].key.as_str()))
    ///     .collect();
    /// assert_eq!(keys, [Some("unit"), Some("budget"), Some("apbd_q2"), None]);
    /// ```
    pub fn map_header(&self, header: &crate::band::Header) -> Vec<Option<usize>> {
        HeaderMapper::new(self, &Vocabulary::new(self)).map(header)
    }

    /// A text is a total label (`TOTAL`, `Jumlah`).
    pub fn is_total_label(&self, text: &str) -> bool {
        if text.len() > 40 {
            return false;
        }
        let first = FirstChar::of(text);
        self.total_words
            .iter()
            .any(|w| first.admits(w) && is_phrase(text, w))
    }
}

/// A schema's header vocabulary (its column names, group names and header
/// words) indexed by first word, for judging many labels.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// First word → the remaining words of each phrase starting with it,
    /// with the phrase's number.
    by_first: WordMap<Vec<(Vec<String>, usize)>>,
    /// Each phrase: its word count and the columns it names.
    phrases: Vec<Phrase>,
    /// Phrase numbers by text.
    ids: WordMap<usize>,
    /// The names of the schema's quarter groups, each once.
    group_names: Vec<String>,
    /// Each schema column's key, as diagnostics share it.
    pub(crate) keys: Vec<Arc<str>>,
    /// Each schema column's quarter family (`usize::MAX`: not a quarter
    /// column), and each family's group names as phrase numbers.
    family: Vec<usize>,
    family_groups: Vec<Vec<usize>>,
}

/// A table keyed by the vocabulary's words.
pub(crate) type WordMap<V> = HashMap<String, V, BuildHasherDefault<WordHasher>>;

/// A table keyed by a document's texts, with the same fast hash: such a
/// table must stay small (see [`MEMO_LIMIT`]).
pub(crate) type TextMap<'t, V> = HashMap<&'t str, V, BuildHasherDefault<WordHasher>>;

/// The most entries a memo keyed by a document's texts takes. The fast hash
/// could be made to collide by a hostile document; a memo that stops
/// growing here bounds what any lookup can cost, and what is past it is
/// worked out again each time. A document's header labels are far fewer.
pub(crate) const MEMO_LIMIT: usize = 1024;

/// Room a document-keyed memo starts with: a document's header labels,
/// judged texts and column paths are some dozens, found without regrowing.
pub(crate) const MEMO_START: usize = 64;

/// Remembers `value` under `key` unless the memo is full ([`MEMO_LIMIT`]).
pub(crate) fn remember<K: std::hash::Hash + Eq, V>(
    memo: &mut HashMap<K, V, BuildHasherDefault<WordHasher>>,
    key: K,
    value: V,
) {
    if memo.len() < MEMO_LIMIT {
        memo.insert(key, value);
    }
}

/// A fast hash for short texts, eight bytes a step (multiply and rotate,
/// mixed once more at the end). Not made to resist collisions: the tables
/// that use it hold the schema's own phrases, or stop growing at
/// [`MEMO_LIMIT`].
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

/// An odd constant with well-spread bits (2⁶⁴ / φ).
const SPREAD: u64 = 0x9e37_79b9_7f4a_7c15;

impl WordHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SPREAD);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        // The last bytes as a little-endian word, gathered byte by byte
        // (a copy of a variable length is a call).
        let word = rest
            .iter()
            .rev()
            .fold(0u64, |word, &b| (word << 8) | u64::from(b));
        // The length keeps "ab" and "ab\0" apart.
        self.mix(word ^ ((rest.len() as u64) << 56));
    }

    fn write_usize(&mut self, n: usize) {
        self.mix(n as u64);
    }

    fn finish(&self) -> u64 {
        // High bits pick the bucket's group tag, low bits the bucket: both
        // should depend on every input bit.
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(SPREAD) ^ (h >> 32)
    }
}

#[derive(Debug, Clone, Default)]
struct Phrase {
    words: i32,
    /// The columns with this phrase among their names.
    names: Vec<usize>,
}

/// A phrase found in a label: its number, and whether it is the whole label.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    phrase: usize,
    whole: bool,
}

/// Word count of a normalised phrase.
fn words_of(s: &str) -> i32 {
    let spaces = s.bytes().filter(|&b| b == b' ').count();
    i32::try_from(spaces).unwrap_or(i32::MAX - 1) + 1
}

impl Vocabulary {
    /// [`Schema::is_quarter_group`], each group name looked at once.
    pub(crate) fn is_quarter_group(&self, label: &str) -> bool {
        names_any(&self.group_names, label)
    }

    pub(crate) fn new(schema: &Schema) -> Vocabulary {
        let mut v = Vocabulary::default();
        for (ci, c) in schema.columns.iter().enumerate() {
            for name in &c.names {
                let id = v.add(name);
                v.phrases[id].names.push(ci);
            }
            for group in &c.group {
                v.add(group);
                if !v.group_names.contains(group) {
                    v.group_names.push(group.clone());
                }
            }
        }
        for word in &schema.header_words {
            v.add(word);
        }
        v.keys = schema
            .columns
            .iter()
            .map(|c| c.key.as_str().into())
            .collect();
        // Quarter columns with the same group list form a family.
        let mut families: Vec<&[String]> = Vec::new();
        v.family = schema
            .columns
            .iter()
            .map(|c| {
                if c.quarter.is_none() {
                    return usize::MAX;
                }
                families
                    .iter()
                    .position(|g| *g == c.group.as_slice())
                    .unwrap_or_else(|| {
                        families.push(&c.group);
                        families.len() - 1
                    })
            })
            .collect();
        // Never the empty phrase, which no label contains.
        v.family_groups = families
            .iter()
            .map(|groups| {
                groups
                    .iter()
                    .filter(|g| !g.is_empty())
                    .filter_map(|g| v.ids.get(g.as_str()).copied())
                    .collect()
            })
            .collect();
        v
    }

    /// The number of a phrase, added if new.
    fn add(&mut self, phrase: &str) -> usize {
        if let Some(&id) = self.ids.get(phrase) {
            return id;
        }
        let id = self.phrases.len();
        self.phrases.push(Phrase {
            words: words_of(phrase),
            names: Vec::new(),
        });
        self.ids.insert(phrase.to_string(), id);
        let mut words = phrase.split(' ');
        let first = words.next().unwrap_or("").to_string();
        let rest: Vec<String> = words.map(str::to_string).collect();
        self.by_first.entry(first).or_default().push((rest, id));
        id
    }

    /// Every phrase occurring in a normalised label (as whole words, in
    /// order), appended to `out`.
    fn occurrences(&self, words: &str, out: &mut Vec<Occurrence>) {
        if words.is_empty() {
            // Only an empty phrase is the whole of an empty label.
            if let Some(&id) = self.ids.get("") {
                out.push(Occurrence {
                    phrase: id,
                    whole: true,
                });
            }
            return;
        }
        with_words(words, |list| {
            self.each_match(list, |start, end, phrase| {
                out.push(Occurrence {
                    phrase,
                    whole: start == 0 && end == list.len(),
                });
            });
        });
    }

    /// Calls `f(start, end, phrase)` for every phrase of the vocabulary
    /// standing at `list[start..end]` (the words of a normalised label).
    fn each_match(&self, list: &[&str], mut f: impl FnMut(usize, usize, usize)) {
        for start in 0..list.len() {
            let Some(rests) = self.by_first.get(list[start]) else {
                continue;
            };
            for (rest, id) in rests {
                let end = start + 1 + rest.len();
                if end <= list.len() && list[start + 1..end].iter().zip(rest).all(|(a, b)| a == b) {
                    f(start, end, *id);
                }
            }
        }
    }

    /// [`Schema::header_coverage`], by the index.
    pub(crate) fn coverage(&self, label: &str) -> f32 {
        with_normalized(label, |words| self.coverage_of(words))
    }

    /// [`Vocabulary::coverage`] of a normalised label.
    fn coverage_of(&self, words: &str) -> f32 {
        if words.is_empty() {
            return 0.0;
        }
        with_words(words, |list| {
            let mut few = [false; FEW_WORDS];
            let mut many = Vec::new();
            let covered: &mut [bool] = if list.len() <= FEW_WORDS {
                &mut few[..list.len()]
            } else {
                many.resize(list.len(), false);
                &mut many
            };
            self.each_match(list, |start, end, _| {
                covered[start..end].iter_mut().for_each(|c| *c = true);
            });
            for (i, w) in list.iter().enumerate() {
                let year = w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit());
                if year || matches!(*w, "rp" | "per" | "dan" | "tahun" | "ribu" | "juta" | "ke") {
                    covered[i] = true;
                }
            }
            let n = covered.iter().filter(|&&c| c).count();
            if n == 0 {
                return 0.0;
            }
            n as f32 / list.len() as f32
        })
    }
}

/// One of `names` stands in `label`, word for word once normalised.
fn names_any<'n>(names: impl IntoIterator<Item = &'n String>, label: &str) -> bool {
    with_normalized(label, |words| {
        names.into_iter().any(|name| phrase_in(name, words))
    })
}

/// Most labels have at most this many words: they are split on the stack.
const FEW_WORDS: usize = 24;

/// Calls `f` with the words of a normalised text, split without
/// allocating when there are few.
fn with_words<R>(words: &str, f: impl FnOnce(&[&str]) -> R) -> R {
    let mut few = [""; FEW_WORDS];
    let mut n = 0;
    for w in words.split(' ') {
        if n == FEW_WORDS {
            let all: Vec<&str> = words.split(' ').collect();
            return f(&all);
        }
        few[n] = w;
        n += 1;
    }
    f(&few[..n])
}

/// Maps headers to a schema's columns ([`Schema::map_header`]), keeping
/// what it has worked out about each label and each column path: a
/// document's header bands repeat, often in two or three variants sharing
/// most of their labels.
pub(crate) struct HeaderMapper<'s> {
    schema: &'s Schema,
    vocabulary: &'s Vocabulary,
    /// Labels seen, by text (the header's own shared labels as keys).
    label_ids: HashMap<Arc<str>, usize, BuildHasherDefault<WordHasher>>,
    labels: Vec<LabelInfo>,
    found: Vec<Occurrence>,
    /// (family, label) → the word count of its longest group name in the
    /// label.
    groups: HashMap<(usize, usize), Option<i32>, BuildHasherDefault<WordHasher>>,
    /// A column path (label numbers) → its candidate columns and scores.
    paths: HashMap<PathKey, std::ops::Range<usize>, BuildHasherDefault<WordHasher>>,
    /// The scores `paths` names, end to end.
    scored: Vec<(i32, usize)>,
    /// Working space: each column's best own-name score for a label.
    own: Vec<Option<i32>>,
}

/// A label, normalised, with the phrases found in it.
struct LabelInfo {
    words: String,
    found: std::ops::Range<usize>,
}

impl<'s> HeaderMapper<'s> {
    pub(crate) fn new(schema: &'s Schema, vocabulary: &'s Vocabulary) -> HeaderMapper<'s> {
        HeaderMapper {
            schema,
            vocabulary,
            label_ids: HashMap::with_capacity_and_hasher(MEMO_START, Default::default()),
            labels: Vec::new(),
            found: Vec::new(),
            groups: HashMap::default(),
            paths: HashMap::with_capacity_and_hasher(MEMO_START, Default::default()),
            scored: Vec::new(),
            own: Vec::new(),
        }
    }

    /// The number of a label, normalised and searched for the vocabulary's
    /// phrases the first time it is seen.
    fn label(&mut self, raw: &Arc<str>) -> usize {
        if let Some(&id) = self.label_ids.get(&**raw) {
            return id;
        }
        let words = normalize(raw);
        let from = self.found.len();
        self.vocabulary.occurrences(&words, &mut self.found);
        let id = self.labels.len();
        self.labels.push(LabelInfo {
            words,
            found: from..self.found.len(),
        });
        remember(&mut self.label_ids, Arc::clone(raw), id);
        id
    }

    fn found(&self, label: usize) -> &[Occurrence] {
        &self.found[self.labels[label].found.clone()]
    }

    /// See [`Schema::map_header`].
    pub(crate) fn map(&mut self, header: &crate::band::Header) -> Vec<Option<usize>> {
        let mut candidates: Vec<(i32, usize, usize)> = Vec::new();
        let mut path: Vec<usize> = Vec::new();
        for (leaf, hc) in header.columns.iter().enumerate() {
            path.clear();
            for raw in &hc.path {
                let id = self.label(raw);
                path.push(id);
            }
            let key = PathKey::of(&path);
            let scores = match key.and_then(|k| self.paths.get(&k)) {
                Some(known) => known.clone(),
                None => {
                    let mut scored = std::mem::take(&mut self.scored);
                    let from = scored.len();
                    self.score_path(&path, &mut scored);
                    self.scored = scored;
                    let scores = from..self.scored.len();
                    if let Some(k) = key {
                        remember(&mut self.paths, k, scores.clone());
                    }
                    scores
                }
            };
            candidates.extend(self.scored[scores].iter().map(|&(s, ci)| (s, leaf, ci)));
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut out = vec![None; header.columns.len()];
        let mut used = vec![false; self.schema.columns.len()];
        for (_, leaf, ci) in candidates {
            if out[leaf].is_none() && !used[ci] {
                out[leaf] = Some(ci);
                used[ci] = true;
            }
        }
        out
    }

    /// The columns a leaf with this path may be, with their scores: its own
    /// label first, then, for quarter columns, the nearest group label
    /// above the numeral.
    fn score_path(&mut self, path: &[usize], scores: &mut Vec<(i32, usize)>) {
        let Some(&label_id) = path.last() else {
            return;
        };
        let phrases = &self.vocabulary.phrases;
        let label = self.labels[label_id].words.as_str();
        // A numeral alone (`II`, `TW 2`), or with its group in the same
        // label (`APBD TW II`, `Target Triwulan II`): then the group is read
        // from the label's other words.
        let (numeral, own_groups) = match quarter_numeral(label) {
            Some(q) => (Some(q), None),
            None => match compound_numeral(label, self.vocabulary) {
                Some((q, rest)) => {
                    let mut found = Vec::new();
                    self.vocabulary.occurrences(&rest, &mut found);
                    (Some(q), Some(found))
                }
                None => (None, None),
            },
        };
        let words = words_of(label);
        // How well each column's own names match the label.
        let mut own = std::mem::take(&mut self.own);
        own.clear();
        own.resize(self.schema.columns.len(), None);
        for o in self.found(label_id) {
            let p = &phrases[o.phrase];
            let score = if o.whole {
                100 + p.words
            } else {
                60 + 5 * p.words - (words - p.words)
            };
            for &ci in &p.names {
                own[ci] = Some(own[ci].map_or(score, |s| s.max(score)));
            }
        }
        let one_word = !label.contains(' ');
        for (ci, col) in self.schema.columns.iter().enumerate() {
            let score = match col.quarter {
                Some(q) => {
                    if numeral != Some(q) {
                        continue;
                    }
                    let family = self.vocabulary.family[ci];
                    let groups = &self.vocabulary.family_groups[family];
                    let mut best = own_groups.as_ref().and_then(|found| {
                        found
                            .iter()
                            .filter(|o| groups.contains(&o.phrase))
                            .map(|o| 80 + phrases[o.phrase].words)
                            .max()
                    });
                    for (depth, &id) in path.iter().rev().enumerate() {
                        if best.is_some() {
                            break;
                        }
                        if depth == 0 && own_groups.is_some() {
                            continue;
                        }
                        let group = match self.groups.get(&(family, id)) {
                            Some(&g) => g,
                            None => {
                                let g = self
                                    .found(id)
                                    .iter()
                                    .filter(|o| groups.contains(&o.phrase))
                                    .map(|o| phrases[o.phrase].words)
                                    .max();
                                remember(&mut self.groups, (family, id), g);
                                g
                            }
                        };
                        if let Some(w) = group {
                            best = Some(80 - 10 * depth as i32 + w);
                            break;
                        }
                    }
                    best
                }
                None if numeral.is_some() && one_word => None,
                // A label above the leaf that is one of the column's names.
                None => own[ci].or_else(|| {
                    path.iter()
                        .rev()
                        .enumerate()
                        .skip(1)
                        .find_map(|(depth, &id)| {
                            self.found(id)
                                .iter()
                                .any(|o| o.whole && phrases[o.phrase].names.contains(&ci))
                                .then_some(20 - 5 * depth as i32)
                        })
                }),
            };
            if let Some(s) = score.filter(|&s| s > 0) {
                scores.push((s, ci));
            }
        }
        self.own = own;
    }
}

/// A column path of labels (their numbers in a [`HeaderMapper`]), short
/// enough to be remembered by value; deeper paths are scored every time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PathKey {
    len: u8,
    ids: [u32; PathKey::MOST],
}

impl PathKey {
    /// Headers are rarely more than four rows deep.
    const MOST: usize = 6;

    fn of(path: &[usize]) -> Option<PathKey> {
        let mut key = PathKey {
            len: u8::try_from(path.len()).ok()?,
            ids: [0; PathKey::MOST],
        };
        for (slot, &id) in key.ids.get_mut(..path.len())?.iter_mut().zip(path) {
            *slot = u32::try_from(id).ok()?;
        }
        Some(key)
    }
}

/// Calls `f` with [`normalize`]`(label)`, written on the stack for a short
/// ASCII label (the normalised form of an ASCII label is no longer than
/// it), on the heap otherwise.
pub(crate) fn with_normalized<R>(label: &str, f: impl FnOnce(&str) -> R) -> R {
    const ROOM: usize = 128;
    if label.len() > ROOM || !label.is_ascii() {
        return f(&normalize(label));
    }
    // [`normalize`] for ASCII alone, no longer than the label.
    let mut buf = [0u8; ROOM];
    let mut len = 0;
    let mut space = false;
    for &b in label.as_bytes() {
        if b.is_ascii_alphanumeric() {
            if space && len > 0 {
                buf[len] = b' ';
                len += 1;
            }
            space = false;
            buf[len] = b.to_ascii_lowercase();
            len += 1;
        } else {
            space = true;
        }
    }
    f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
}

/// Words that name a quarter before its numeral (`TW I`, `Triwulan II`).
const QUARTER_WORDS: &[&str] = &["tw", "trw", "triwulan", "q", "kuartal", "kwartal"];

/// The label is a quarter word alone (`TW`, `Tw.`, `Triwulan`), as a
/// renderer leaves it above its numeral in a narrow column.
pub(crate) fn is_quarter_word(label: &str) -> bool {
    let word = label.trim().trim_end_matches('.');
    QUARTER_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A quarter numeral written with other words in one normalised label:
/// `apbd tw ii`, `target triwulan 2`, `apbd i`, `tw 3 apbn`. Returns the
/// quarter and the label's other words, less the quarter word where those
/// others name a group of quarter columns by themselves (`apbd tw ii` →
/// `apbd`; `target tw ii` → `target tw`, since `tw` is what names the
/// target's quarters there).
fn compound_numeral(words: &str, vocabulary: &Vocabulary) -> Option<(u8, String)> {
    let quarter_word = |w: &str| QUARTER_WORDS.contains(&w);
    // Most labels neither end with a numeral nor start with a quarter word.
    let (first, last) = words.split_once(' ').zip(words.rsplit_once(' '))?;
    if numeral_word(last.1.as_bytes()).is_none() && !quarter_word(first.0) {
        return None;
    }
    let list: Vec<&str> = words.split(' ').collect();
    let n = list.len();
    if !(2..=8).contains(&n) {
        return None;
    }
    // (quarter, numeral's word range, its quarter word's index)
    let (q, numeral, word) = if let Some(q) = numeral_word(list[n - 1].as_bytes()) {
        let word = (n >= 3 && quarter_word(list[n - 2])).then_some(n - 2);
        (q, n - 1..n, word)
    } else if quarter_word(list[0]) {
        let q = numeral_word(list[1].as_bytes())?;
        (q, 1..2, Some(0))
    } else {
        return None;
    };
    let rest = |keep_word: bool| -> String {
        list.iter()
            .enumerate()
            .filter(|(i, _)| !numeral.contains(i) && (keep_word || Some(*i) != word))
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let without = rest(false);
    if without.is_empty() {
        return None;
    }
    let names_group = |text: &str| {
        let mut found = Vec::new();
        vocabulary.occurrences(text, &mut found);
        found.iter().any(|o| {
            vocabulary
                .family_groups
                .iter()
                .any(|g| g.contains(&o.phrase))
        })
    };
    if word.is_none() || names_group(&without) {
        Some((q, without))
    } else {
        Some((q, rest(true)))
    }
}

/// Lower case, every run of non-alphanumeric characters turned into one
/// space, trimmed: `"Program/ Kegiatan"` → `"program kegiatan"`.
pub fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut space = false;
    for ch in label.chars() {
        if ch.is_ascii_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(ch.to_ascii_lowercase());
        } else if !ch.is_ascii() && ch.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(ch.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// The characters of [`normalize`]`(text)`, without building the string.
pub(crate) fn normalized(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .enumerate()
        .flat_map(|(i, w)| {
            (i > 0)
                .then_some(' ')
                .into_iter()
                .chain(w.chars().flat_map(char::to_lowercase))
        })
}

/// `text`, normalised, starts with the words of `phrase` (normalised).
pub(crate) fn starts_with_phrase(text: &str, phrase: &str) -> bool {
    phrase_prefix(text, phrase).is_some()
}

/// `text`, normalised, starts with the words of one of `phrases`.
pub(crate) fn starts_with_any(text: &str, phrases: &[String]) -> bool {
    let first = FirstChar::of(text);
    phrases
        .iter()
        .any(|p| first.admits(p) && starts_with_phrase(text, p))
}

/// The first character of a normalised text, where it rules phrases out
/// without comparing them.
#[derive(Clone, Copy)]
enum FirstChar {
    /// The text has no letter or digit: only the empty phrase can match.
    Nothing,
    /// The first letter or digit, an ASCII one, lower-cased.
    Ascii(u8),
    /// The first letter or digit is beyond ASCII: no shortcut.
    Other,
}

impl FirstChar {
    fn of(text: &str) -> FirstChar {
        // Most texts start with their first letter or digit.
        if let Some(&b) = text
            .as_bytes()
            .first()
            .filter(|b| b.is_ascii_alphanumeric())
        {
            return FirstChar::Ascii(b.to_ascii_lowercase());
        }
        for ch in text.chars() {
            if ch.is_ascii_alphanumeric() {
                return FirstChar::Ascii(ch.to_ascii_lowercase() as u8);
            }
            if ch.is_alphanumeric() {
                return FirstChar::Other;
            }
        }
        FirstChar::Nothing
    }

    /// `phrase` may start the text.
    fn admits(self, phrase: &str) -> bool {
        match (self, phrase.as_bytes().first()) {
            (_, None) | (FirstChar::Other, _) => true,
            (FirstChar::Nothing, Some(_)) => false,
            (FirstChar::Ascii(b), Some(&p)) => b == p,
        }
    }
}

/// `text`, normalised, is the words of `phrase` (normalised).
pub(crate) fn is_phrase(text: &str, phrase: &str) -> bool {
    phrase_prefix(text, phrase) == Some(false)
}

/// Whether `text`, normalised, starts with the words of `phrase`, and if
/// so whether more words follow.
fn phrase_prefix(text: &str, phrase: &str) -> Option<bool> {
    if !text.is_ascii() {
        let mut words = normalized(text);
        if !phrase.chars().all(|c| words.next() == Some(c)) {
            return None;
        }
        return match words.next() {
            None => Some(false),
            Some(' ') => Some(true),
            Some(_) => None,
        };
    }
    // ASCII: one pass over the bytes, no iterator of iterators.
    let mut p = phrase.bytes();
    let mut gap = false;
    let mut started = false;
    for b in text.bytes() {
        if !b.is_ascii_alphanumeric() {
            gap = true;
            continue;
        }
        if gap && started {
            match p.next() {
                Some(b' ') => {}
                None => return Some(true),
                Some(_) => return None,
            }
        }
        gap = false;
        started = true;
        if p.next() != Some(b.to_ascii_lowercase()) {
            return None;
        }
    }
    p.next().is_none().then_some(false)
}

/// All words of `phrase` occur, in order and contiguously, in `words`
/// (both normalised).
pub(crate) fn phrase_in(phrase: &str, words: &str) -> bool {
    if phrase.is_empty() || phrase.len() > words.len() {
        return false;
    }
    // Both are normalised (single spaces): try each word start.
    let (w, p) = (words.as_bytes(), phrase.as_bytes());
    let mut start = 0;
    loop {
        let end = start + p.len();
        if end <= w.len() && &w[start..end] == p && (end == w.len() || w[end] == b' ') {
            return true;
        }
        match w[start..].iter().position(|&b| b == b' ') {
            Some(sp) => start += sp + 1,
            None => return false,
        }
    }
}

/// The text starts with an item number: `1 Penyusunan …`, `2. …`, `3) …`.
pub(crate) fn starts_with_item_number(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = &text[digits..];
    let rest = rest.strip_prefix(['.', ')']).unwrap_or(rest);
    rest.starts_with(' ') && rest.trim_start().starts_with(|c: char| c.is_alphabetic())
}

/// Reads a quarter numeral: `I`–`IV`, `1`–`4`, `TW I`, `Triwulan II`, `Q3`,
/// `TW-4`.
pub fn quarter_numeral(label: &str) -> Option<u8> {
    // A numeral ends in `i`, `v` or a digit 1–4, and starts with one of those
    // or with a quarter word (`q`, `tw`, `triwulan`, `kuartal`).
    let bytes = label.as_bytes();
    // A numeral standing alone, as quarter rows write them.
    if let Some(q) = numeral_word(bytes).or_else(|| glued_numeral(bytes)) {
        return Some(q);
    }
    let word = |b: u8| !matches!(b, b' ' | b'.' | b'-' | b'/');
    // Most labels start and end with a letter or digit: no search then.
    let (&head, &tail) = (bytes.first()?, bytes.last()?);
    let (first, last) = if word(head) && word(tail) {
        (head, tail)
    } else {
        let start = bytes.iter().position(|&b| word(b))?;
        let end = bytes.iter().rposition(|&b| word(b))?;
        (bytes[start], bytes[end])
    };
    if !matches!(last.to_ascii_lowercase(), b'i' | b'v' | b'1'..=b'4')
        || !matches!(
            first.to_ascii_lowercase(),
            b'i' | b'v' | b'1'..=b'4' | b'q' | b't' | b'k'
        )
    {
        return None;
    }
    // Numerals are short and plain: most cells are neither.
    if label.len() > 16
        || !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'.' | b'-' | b'/'))
        || label
            .bytes()
            .any(|b| b.is_ascii_digit() && !(b'1'..=b'4').contains(&b))
    {
        return None;
    }
    // Words are runs of letters and digits; the last is the numeral, and at
    // most one word (a quarter word) may stand before it.
    // (The label is ASCII by now: bytes are characters.)
    let mut words = label
        .as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let (prefix, last) = match words.next() {
        None => (None, first),
        Some(second) => {
            if words.next().is_some() {
                return None;
            }
            (Some(first), second)
        }
    };
    if let Some(p) = prefix {
        if !QUARTER_WORDS
            .iter()
            .any(|w| w.as_bytes().eq_ignore_ascii_case(p))
        {
            return None;
        }
    }
    numeral_word(last)
}

/// A quarter word and its numeral written as one word (`TWIV`, `Trwii`),
/// as some renderers join a label wrapped in a narrow column.
fn glued_numeral(word: &[u8]) -> Option<u8> {
    if word.len() > "triwulan".len() + 3 {
        return None;
    }
    QUARTER_WORDS.iter().find_map(|w| {
        let head = word.get(..w.len())?;
        let rest = &word[w.len()..];
        let roman = !rest.is_empty() && rest.iter().all(|b| matches!(b | 0x20, b'i' | b'v'));
        (head.eq_ignore_ascii_case(w.as_bytes()) && roman)
            .then(|| numeral_word(rest))
            .flatten()
    })
}

/// The quarter a single word names (`III`, `2`, `Q4`, `tw1`), in any case.
fn numeral_word(word: &[u8]) -> Option<u8> {
    // Lower-cased: numerals are at most three bytes.
    let mut lower = [0u8; 3];
    if word.len() > lower.len() {
        return None;
    }
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    match &lower[..word.len()] {
        b"i" | b"1" | b"q1" | b"tw1" => Some(1),
        b"ii" | b"2" | b"q2" | b"tw2" => Some(2),
        b"iii" | b"3" | b"q3" | b"tw3" => Some(3),
        b"iv" | b"4" | b"q4" | b"tw4" => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vocabulary's group test agrees with the schema's.
    #[test]
    fn vocabulary_knows_the_quarter_groups() {
        let schema = Schema::renaksi();
        let vocabulary = Vocabulary::new(&schema);
        let labels = [
            "APBD",
            "APBN",
            "Rencana Aksi per Triwulan",
            "ANGGARAN (Rp)",
            "Pagu",
            "Satuan",
            "Target Kinerja",
            "apbd tahun 2023",
            "Triwulan",
            "",
            "I",
            "Sumber Dana APBN",
        ];
        let mut groups = 0;
        for label in labels {
            let group = schema.is_quarter_group(label);
            assert_eq!(vocabulary.is_quarter_group(label), group, "{label}");
            groups += usize::from(group);
        }
        assert!(groups >= 4, "{groups}");
    }

    #[test]
    fn word_hash_tells_short_texts_apart() {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let hash = |t: &str| BuildHasherDefault::<WordHasher>::default().hash_one(t);
        let texts = [
            "",
            "a",
            "b",
            "ab",
            "ab\0",
            "ba",
            "pagu",
            "pagu rp",
            "rencana aksi per triwulan",
        ];
        let hashes: std::collections::HashSet<u64> = texts.iter().map(|t| hash(t)).collect();
        assert_eq!(hashes.len(), texts.len());
        assert_eq!(hash("apbd"), hash("apbd"));
    }

    #[test]
    fn phrase_lists_match_as_their_phrases_do() {
        let all: Vec<String> = [
            "program",
            "kegiatan",
            "éta",
            "1 2",
            "jumlah total",
            "Program",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        let with_empty: Vec<String> = all.iter().cloned().chain([String::new()]).collect();
        for text in [
            "Program x",
            "  %",
            "Éta baru",
            "éta",
            "kegiatan",
            "1. 2 tiga",
            "",
            "-- Jumlah Total",
            "(program)",
        ] {
            for phrases in [&all, &with_empty] {
                assert_eq!(
                    starts_with_any(text, phrases),
                    phrases.iter().any(|p| starts_with_phrase(text, p)),
                    "{text:?}"
                );
            }
        }
    }

    /// A header of one line names each quarter column whole: its group
    /// and its numeral in one label, in either order.
    #[test]
    fn flat_headers_name_group_and_quarter_in_one_label() {
        use crate::band::{Header, HeaderColumn};
        let labels = [
            ("No", Some("no")),
            ("Target", Some("target")),
            ("Target TW I", Some("target_q1")),
            ("Target Triwulan II", Some("target_q2")),
            ("Pagu (Rp)", Some("budget")),
            ("APBD TW I", Some("apbd_q1")),
            ("APBD II", Some("apbd_q2")),
            ("TW III APBD", Some("apbd_q3")),
            ("APBN Triwulan IV", Some("apbn_q4")),
            ("Catatan 2", None),
        ];
        let header = Header {
            columns: labels
                .iter()
                .enumerate()
                .map(|(i, (l, _))| HeaderColumn {
                    path: vec![(*l).into()],
                    col: i as u32,
                })
                .collect(),
            numbered: None,
        };
        let schema = Schema::renaksi();
        let got: Vec<Option<&str>> = schema
            .map_header(&header)
            .into_iter()
            .map(|m| m.map(|c| schema.columns[c].key.as_str()))
            .collect();
        let want: Vec<Option<&str>> = labels.iter().map(|(_, k)| *k).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn normalizes() {
        assert_eq!(normalize("Program/ Kegiatan"), "program kegiatan");
        assert_eq!(normalize(" Pagu (Rp) "), "pagu rp");
        assert_eq!(normalize("ANGGARAN (Rp)"), "anggaran rp");
        // The character iterator, and the stack path (short ASCII labels),
        // agree with the string, at the stack's edge too.
        let long = "Anggaran (Rp) / APBD ".repeat(7);
        for text in [
            "Program/ Kegiatan",
            " Pagu (Rp) ",
            "ÉTAT  d'Été",
            "",
            "--",
            "a1 b2",
            "TW-4",
            &long[..127],
            &long[..128],
            &long[..129],
            &long,
        ] {
            let expected = normalize(text);
            assert_eq!(normalized(text).collect::<String>(), expected, "{text}");
            assert_eq!(with_normalized(text, str::to_string), expected, "{text}");
        }
        assert!(starts_with_phrase("Program: Penempatan", "program"));
        assert!(!starts_with_phrase("Programs", "program"));
        assert!(starts_with_phrase("%", ""));
        for text in [
            "Program/ Kegiatan",
            "program",
            "PROGRAM",
            "Programs",
            "Program:",
            "Pro",
            "",
            "-",
            "Prógram x",
            "jumlah  total",
            "Jumlah Total Belanja",
        ] {
            for phrase in ["program", "program kegiatan", "jumlah total", "", "pro"] {
                let mut words = normalized(text);
                let slow = phrase
                    .chars()
                    .all(|c| words.next() == Some(c))
                    .then(|| words.next())
                    .and_then(|next| match next {
                        None => Some(false),
                        Some(' ') => Some(true),
                        Some(_) => None,
                    });
                assert_eq!(phrase_prefix(text, phrase), slow, "{text:?} {phrase:?}");
            }
        }
    }

    #[test]
    fn phrases() {
        assert!(phrase_in("pagu", "pagu rp"));
        assert!(!phrase_in("no", "nomor"));
        assert!(phrase_in("rencana aksi", "rencana aksi per triwulan"));
        assert!(!phrase_in("aksi per", "rencana aksip per"));
    }

    #[test]
    fn quarters() {
        assert_eq!(quarter_numeral("III"), Some(3));
        assert_eq!(quarter_numeral("TW IV"), Some(4));
        // Every form plans print: abbreviated, dotted, dashed, glued.
        for (form, q) in [
            ("TW 1", 1),
            ("Tw. I", 1),
            ("TW-I", 1),
            ("Triwulan I", 1),
            ("Q1", 1),
            ("Trw II", 2),
            ("TWIV", 4),
            ("Trwiii", 3),
            ("Kuartal II", 2),
        ] {
            assert_eq!(quarter_numeral(form), Some(q), "{form}");
        }
        assert_eq!(quarter_numeral("TWV"), None);
        assert_eq!(quarter_numeral("TWIST"), None);
        assert_eq!(quarter_numeral("Triwulan 2"), Some(2));
        assert_eq!(quarter_numeral("V"), None);
        assert_eq!(quarter_numeral("Target I"), None);
    }

    #[test]
    fn affinity() {
        let s = Schema::renaksi();
        assert_eq!(s.header_coverage("Penanggung Jawab"), 1.0);
        assert_eq!(s.header_coverage("ANGGARAN (Rp)"), 1.0);
        assert!(s.header_coverage("RENCANA AKSI PENCAPAIAN KINERJA TAHUN 2023") > 0.99);
        assert_eq!(s.header_coverage("Meningkatnya Kesempatan Kerja"), 0.0);
        assert_eq!(s.header_coverage("Kegiatan Layanan"), 0.5);
        assert!(s.starts_with_row_marker("Program Pembinaan"));
        assert!(!s.starts_with_row_marker("Programmer"));
        assert!(s.is_total_label("TOTAL"));
    }
}
