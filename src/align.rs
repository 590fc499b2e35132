//! Realignment: placing a line's cells into the logical columns by what they
//! contain.
//!
//! Scanned-to-text converters let cells drift: a whole row one column early,
//! a unit word in the indicator column, a responsible unit one cell late. The
//! header says where a cell *should* be; the cell's content says what it
//! *is*. [`Aligner::align`] finds the order-preserving assignment of cells to columns
//! that best balances the two: each placement scores how well the value fits
//! the column's [`ValueType`], and the drift between a cell's position and
//! its column's is charged once when a row starts off by some amount and
//! again whenever that amount changes along the row — so a row shifted as a
//! whole costs little, and a lone cell moved against its neighbours needs a
//! clear reason in its content.

use crate::number::{NotNumber, Parsed};
use crate::schema::{Schema, ValueType};

/// The shape of a cell's content, as far as fitting it to a column goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A dash or `n/a`.
    Nil,
    /// Zero, in any notation.
    Zero,
    /// A small whole number without separators (`30`, `1500`).
    SmallInt,
    /// A whole number with thousands groups, under a million (`2.000`).
    Grouped,
    /// A whole number of a million or more (money).
    Large,
    /// A number with decimals (`96,83`).
    Decimal,
    /// A number with a `%` sign.
    Percent,
    /// Numeric-looking but not a number (a code, range, comparison, date).
    Numberish,
    /// A roman numeral or a short ordinal (`III`, `1.`, `a`).
    Ordinal,
    /// A total label (`TOTAL`).
    Total,
    /// Short text: at most three words, no digits (`Orang`, `Badan Usaha`, `%`).
    Short,
    /// Longer text.
    Long,
}

impl Shape {
    /// Of the cell's text, already read as a number by [`crate::number::parse`],
    /// with the schema's total words.
    #[inline]
    pub(crate) fn of(text: &str, parsed: &Parsed, schema: &Schema) -> Shape {
        match parsed {
            Parsed::Empty | Parsed::Nil => Shape::Nil,
            Parsed::Number(n) => {
                // The value as a whole number of units of its last digit.
                let digits = n.value.mantissa().unsigned_abs();
                let unit = 10u128.pow(n.value.scale());
                if digits == 0 {
                    Shape::Zero
                } else if n.percent {
                    Shape::Percent
                } else if digits >= 1_000_000 * unit {
                    Shape::Large
                } else if unit > 1 && (digits % unit != 0 || digits < 1000 * unit) {
                    Shape::Decimal
                } else if text.contains(['.', ',']) {
                    Shape::Grouped
                } else {
                    Shape::SmallInt
                }
            }
            Parsed::NotNumber(NotNumber::Text) => text_shape(text, schema),
            Parsed::NotNumber(_) => Shape::Numberish,
        }
    }
}

#[inline(never)]
fn text_shape(text: &str, schema: &Schema) -> Shape {
    if schema.is_total_label(text) {
        return Shape::Total;
    }
    if text == "%" {
        return Shape::Short;
    }
    let trimmed = text.trim_end_matches(['.', ')']);
    if !trimmed.is_empty()
        && trimmed.len() <= 5
        && trimmed.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
    {
        return Shape::Ordinal;
    }
    if trimmed.len() <= 2
        && trimmed.chars().all(|c| c.is_ascii_lowercase())
        && text.ends_with(['.', ')'])
    {
        return Shape::Ordinal;
    }
    // More than 112 bytes is more than 28 characters (and in ASCII, more
    // than 28 bytes is): long text, whatever else it holds.
    let ascii = text.is_ascii();
    if text.len() > 4 * SHORT_CHARS || (text.len() > SHORT_CHARS && ascii) {
        return Shape::Long;
    }
    // Short text is at most three words, no digit; ASCII text (a byte a
    // character) is looked at in one pass.
    if ascii {
        let mut words = 0;
        let mut blank = true;
        for &b in text.as_bytes() {
            if b.is_ascii_digit() {
                return Shape::Long;
            }
            // The white space of `char::is_whitespace` within ASCII.
            let space = matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
            words += usize::from(blank && !space);
            blank = space;
        }
        return if words <= 3 {
            Shape::Short
        } else {
            Shape::Long
        };
    }
    let words = text.split_whitespace().count();
    if words <= 3
        && text.chars().count() <= SHORT_CHARS
        && !crate::number::has_digit(text.as_bytes())
    {
        Shape::Short
    } else {
        Shape::Long
    }
}

/// The most characters of short text.
const SHORT_CHARS: usize = 28;

/// How well a cell of `shape` fits a column holding `vt`; higher is better.
#[inline]
pub(crate) fn fit(shape: Shape, vt: ValueType) -> f32 {
    FITS[shape as usize][vt as usize]
}

/// Every shape in declaration order.
const SHAPES: [Shape; 12] = {
    use Shape::*;
    [
        Nil, Zero, SmallInt, Grouped, Large, Decimal, Percent, Numberish, Ordinal, Total, Short,
        Long,
    ]
};

/// Every value type in declaration order.
const VALUE_TYPES: [ValueType; 7] = {
    use ValueType::*;
    [Code, Text, Unit, Quantity, Count, Percent, Money]
};

/// [`fit_rule`] for every shape and value type, looked up by position: a
/// shape's row holds its fit in each kind of column.
const FITS: [[f32; VALUE_TYPES.len()]; SHAPES.len()] = {
    let mut table = [[0.0; VALUE_TYPES.len()]; SHAPES.len()];
    let mut s = 0;
    while s < SHAPES.len() {
        let mut v = 0;
        while v < VALUE_TYPES.len() {
            assert!(SHAPES[s] as usize == s && VALUE_TYPES[v] as usize == v);
            table[s][v] = fit_rule(SHAPES[s], VALUE_TYPES[v]);
            v += 1;
        }
        s += 1;
    }
    table
};

/// How well a cell of `shape` fits a column holding `vt`, as rules.
const fn fit_rule(shape: Shape, vt: ValueType) -> f32 {
    use Shape::*;
    use ValueType as V;
    match vt {
        V::Code => match shape {
            Total => 4.0,
            Ordinal => 3.0,
            SmallInt => 2.0,
            Numberish => 1.0,
            Short => -1.0,
            Nil => -1.0,
            _ => -4.0,
        },
        V::Text => match shape {
            Long => 2.5,
            Short => 0.5,
            Total => 0.0,
            Ordinal => -2.0,
            // A dash stands for "none" in a text column as well (a
            // `Keterangan` or a responsible unit left blank).
            Nil => 1.5,
            Numberish => -2.0,
            _ => -4.0,
        },
        V::Unit => match shape {
            Short => 3.0,
            Long => -1.5,
            Nil => -1.5,
            Ordinal => -1.0,
            _ => -4.0,
        },
        V::Quantity | V::Count | V::Percent => {
            let pct = matches!(vt, V::Percent);
            let count = matches!(vt, V::Count);
            match shape {
                SmallInt | Zero => 2.5,
                Decimal if count => 1.0,
                Decimal => 2.5,
                Percent if count => 0.5,
                Percent => 3.0,
                Grouped if pct => 0.0,
                Grouped => 1.5,
                Large => -1.0,
                Nil => 1.5,
                Numberish => 1.0,
                Ordinal => -3.0,
                _ => -4.0,
            }
        }
        V::Money => match shape {
            Large => 3.0,
            Grouped => 2.0,
            Zero | Nil => 2.0,
            SmallInt => 0.0,
            Decimal => 0.5,
            Numberish => -1.0,
            Percent => -3.0,
            _ => -4.0,
        },
    }
}

/// A column a cell can be placed in: where the header puts it and what it holds.
///
/// A layout's slots stand in column order, as a header's leaf columns do
/// (two may share a position where a header's labels are misplaced); the
/// search looks slots up by position.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slot {
    /// The position the header gives the column.
    pub col: u32,
    /// What the column holds.
    pub vt: ValueType,
}

/// What [`Aligner::align`] needs of a cell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    /// The position the source gave the cell.
    pub col: u32,
    /// Its shape.
    pub shape: Shape,
}

/// A fit at least this good at the cell's own position needs no search.
const GOOD_FIT: f32 = 1.0;
/// Leaving a cell unplaced.
const SKIP: f32 = -6.0;
/// A row starting off its columns by one.
const START_DRIFT: f32 = 0.3;
/// The drift changing by one along a row.
const DRIFT_CHANGE: f32 = 1.0;
/// Any drift, per cell, so that ties go to the header's positions.
const DRIFT: f32 = 0.1;
/// The furthest a cell is moved from where it stands, in columns.
const MAX_DRIFT: f32 = 8.0;

/// Places each item in a slot (or in none), preserving order.
///
/// Returns, for each item, the index of its slot.
#[cfg(test)]
pub(crate) fn align(items: &[Item], slots: &[Slot]) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    Aligner::default().align(items, slots, &mut out);
    out
}

/// Realignment with its working space kept between lines.
#[derive(Debug, Default)]
pub(crate) struct Aligner {
    states: Vec<State>,
    gain: Vec<f32>,
    /// Each item's best fit among its near slots.
    top: Vec<f32>,
    near: Vec<(usize, usize)>,
    /// The states reached on the row being searched, and on the next.
    live: Vec<u32>,
    next_live: Vec<u32>,
}

impl Aligner {
    /// Places each item in a slot (or in none), preserving order: `out`
    /// gets, for each item, the index of its slot.
    pub(crate) fn align(&mut self, items: &[Item], slots: &[Slot], out: &mut Vec<Option<usize>>) {
        debug_assert!(slots.windows(2).all(|w| w[0].col <= w[1].col));
        if in_place(items, slots, out) {
            return;
        }
        // The best whole-row shift bounds the search from below; where the
        // bounded search finds nothing as good, the full one decides.
        let floor = best_shift(items, slots);
        if !self.search(items, slots, floor, out) {
            self.search(items, slots, f32::NEG_INFINITY, out);
        }
    }
}

/// The whole-row shifts [`best_shift`] tries, either way: converters
/// shift a row by a column most often. Any placement's score bounds the
/// search from below, so trying fewer shifts changes no result: a row
/// shifted further is found by the search all the same, with less pruned.
const SHIFTS: i64 = 1;

/// The score of the best placement that moves the whole row by one amount
/// (cells with no column at that amount left out), by the costs of [`Aligner::search`].
fn best_shift(items: &[Item], slots: &[Slot]) -> f32 {
    let mut best = items.len() as f32 * SKIP;
    for shift in -SHIFTS..=SHIFTS {
        let mut score = 0.0;
        // The first slot at or after the last one used whose column is not
        // left of the wanted one: items stand left to right, so it only
        // moves forward.
        let mut at = 0;
        let mut first = true;
        for item in items {
            let want = i64::from(item.col) + shift;
            while at < slots.len() && i64::from(slots[at].col) < want {
                at += 1;
            }
            match Some(at).filter(|&k| k < slots.len() && i64::from(slots[k].col) == want) {
                Some(k) => {
                    let d = drift(item, &slots[k]);
                    let moved = if first { START_DRIFT * far(d) } else { 0.0 };
                    score += fit(item.shape, slots[k].vt) - moved - DRIFT * d.abs();
                    first = false;
                    at = k + 1;
                }
                None => score += SKIP,
            }
        }
        best = best.max(score);
    }
    best
}

/// Every item fits where it stands, and none fits much better in an empty
/// column next to it: no search needed.
fn in_place(items: &[Item], slots: &[Slot], out: &mut Vec<Option<usize>>) -> bool {
    out.clear();
    let mut from = 0;
    let mut doubtful = false;
    for item in items {
        let Some(k) = slots[from..].iter().position(|s| s.col >= item.col) else {
            return false;
        };
        let k = from + k;
        if slots[k].col != item.col {
            return false;
        }
        let f = fit(item.shape, slots[k].vt);
        if f < 0.0 {
            return false;
        }
        doubtful |= f < GOOD_FIT;
        out.push(Some(k));
        from = k + 1;
    }
    if doubtful {
        // A weak fit stays only if no free column within two holds it better.
        for (item, k) in items.iter().zip(out.iter().flatten()) {
            let f = fit(item.shape, slots[*k].vt);
            if f >= GOOD_FIT {
                continue;
            }
            let better = slots.iter().enumerate().any(|(j, s)| {
                s.col.abs_diff(item.col) <= 2
                    && fit(item.shape, s.vt) >= f + 2.0
                    && !out.contains(&Some(j))
            });
            if better {
                return false;
            }
        }
    }
    true
}

/// How far a drift of `d` columns is: linear for a column or two, then
/// growing fast, since converters shift cells by a column or two, not by six.
fn far(d: f32) -> f32 {
    let a = d.abs();
    let beyond = (a - 1.0).max(0.0);
    a + beyond * beyond
}

fn drift(item: &Item, slot: &Slot) -> f32 {
    item.col as f32 - slot.col as f32
}

/// The best order-preserving placement, by dynamic programming over
/// (item, last slot used).
///
/// States that cannot reach `floor` even if every later cell found its
/// best column at no cost are dropped; `None` when no placement reaches it.
impl Aligner {
    fn search(
        &mut self,
        items: &[Item],
        slots: &[Slot],
        floor: f32,
        out: &mut Vec<Option<usize>>,
    ) -> bool {
        let (m, n) = (items.len(), slots.len());
        if n == 0 {
            // No columns: every cell is left out.
            out.clear();
            out.resize(m, None);
            return m as f32 * SKIP >= floor;
        }
        // State j = 0: nothing placed yet; j = k + 1: last placed in slot k.
        let width = n + 1;
        let Aligner {
            states,
            gain,
            top,
            near,
            live,
            next_live,
        } = self;
        states.clear();
        states.resize((m + 1) * width, State::UNREACHED);
        if let Some(first) = states.first_mut() {
            first.score = 0.0;
        }
        // The slots near enough to try: a cell is never placed further than
        // MAX_DRIFT columns from where it stands (far() makes that dearer
        // than leaving it out).
        // Items and slots both stand in column order: the window only moves
        // right (a source that broke the order starts it afresh).
        near.clear();
        let (mut lo, mut hi, mut last) = (0, 0, 0);
        for item in items {
            if item.col < last {
                (lo, hi) = (0, 0);
            }
            last = item.col;
            let c = item.col as f32;
            while lo < n && (slots[lo].col as f32) < c - MAX_DRIFT {
                lo += 1;
            }
            while hi < n && (slots[hi].col as f32) <= c + MAX_DRIFT {
                hi += 1;
            }
            near.push((lo, hi));
        }
        // Each item's best fit among its near slots, and the most the cells
        // from i on can still add.
        gain.clear();
        gain.resize(m + 1, 0.0);
        top.clear();
        top.resize(m, f32::NEG_INFINITY);
        for i in (0..m).rev() {
            let (lo, hi) = near[i];
            // Fits are plain numbers (no NaN): a comparison picks the best.
            let shape = items[i].shape;
            top[i] = slots[lo..hi]
                .iter()
                .map(|slot| fit(shape, slot.vt))
                .fold(f32::NEG_INFINITY, |best, f| if f > best { f } else { best });
            gain[i] = gain[i + 1] + top[i].max(SKIP);
        }
        let floor = floor - 1e-3;
        // The states reached on the current row, walked in order of j (ties
        // go to the first placement found); the bound leaves few.
        live.clear();
        live.push(0);
        for i in 0..m {
            let item = &items[i];
            let (lo, hi) = near[i];
            let (done, rest) = states.split_at_mut((i + 1) * width);
            let current = &done[i * width..];
            let next = &mut rest[..width];
            let bound = floor - gain[i];
            // A state below this cannot reach the floor: it is not kept.
            let next_bound = floor - gain[i + 1];
            live.sort_unstable();
            next_live.clear();
            for &j in live.iter() {
                let j = j as usize;
                let state = current[j];
                let here = state.score;
                if here < bound {
                    continue;
                }
                // Skip item i.
                let s = here + SKIP;
                if s > next[j].score && s >= next_bound {
                    if next[j].score == f32::NEG_INFINITY {
                        next_live.push(j as u32);
                    }
                    next[j] = State {
                        score: s,
                        offset: state.offset,
                        back: j as u32,
                        skipped: true,
                    };
                }
                // Place item i in slot k >= j (state k + 1).
                let mut from = j.max(lo);
                let mut to = hi;
                if j > 0 && next_bound.is_finite() {
                    // Only a drift change within `reach` can keep a placement
                    // above the bound (far(x) >= |x|): the slots outside are
                    // not tried.
                    let reach = (here + top[i] - next_bound) / DRIFT_CHANGE + 1e-3;
                    let centre = item.col as f32 - state.offset;
                    // The window is a few slots: scanned, not halved.
                    while to > from && slots[to - 1].col as f32 > centre + reach {
                        to -= 1;
                    }
                    while from < to && (slots[from].col as f32) < centre - reach {
                        from += 1;
                    }
                }
                for k in from..to {
                    let slot = &slots[k];
                    let d = drift(item, slot);
                    let moved = if j == 0 {
                        START_DRIFT * far(d)
                    } else {
                        DRIFT_CHANGE * far(d - state.offset)
                    };
                    let s = here + fit(item.shape, slot.vt) - moved - DRIFT * d.abs();
                    let target = &mut next[k + 1];
                    if s > target.score && s >= next_bound {
                        if target.score == f32::NEG_INFINITY {
                            next_live.push((k + 1) as u32);
                        }
                        *target = State {
                            score: s,
                            offset: d,
                            back: j as u32,
                            skipped: false,
                        };
                    }
                }
            }
            std::mem::swap(live, next_live);
        }
        // Best end state.
        let last = &states[m * width..];
        let mut j = (0..width)
            .max_by(|&a, &b| last[a].score.total_cmp(&last[b].score))
            .unwrap_or(0);
        if last[j].score < floor {
            return false;
        }
        out.clear();
        out.resize(m, None);
        for i in (1..=m).rev() {
            let state = states[i * width + j];
            if !state.skipped {
                out[i - 1] = j.checked_sub(1);
            }
            j = state.back as usize;
        }
        true
    }
}

/// A state of the search: the best score of a placement reaching it, the
/// drift of its last placed cell, and where it came from.
#[derive(Debug, Clone, Copy)]
struct State {
    score: f32,
    offset: f32,
    /// The previous state's slot index (its j).
    back: u32,
    /// The item leading here was left out.
    skipped: bool,
}

impl State {
    const UNREACHED: State = State {
        score: f32::NEG_INFINITY,
        offset: 0.0,
        back: u32::MAX,
        skipped: false,
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slots(types: &[ValueType]) -> Vec<Slot> {
        types
            .iter()
            .enumerate()
            .map(|(i, &vt)| Slot { col: i as u32, vt })
            .collect()
    }

    fn items(cells: &[(u32, &str)]) -> Vec<Item> {
        let schema = Schema::renaksi();
        cells
            .iter()
            .map(|&(col, t)| Item {
                col,
                shape: Shape::of(t, &crate::number::parse(t), &schema),
            })
            .collect()
    }

    use ValueType::*;
    const ROW: &[ValueType] = &[
        Code, Text, Text, Unit, Quantity, Quantity, Money, Money, Text,
    ];

    /// Short ASCII text is judged in one pass as the general rule judges it.
    #[test]
    fn short_text_in_one_pass() {
        let schema = Schema::renaksi();
        let general = |t: &str| {
            if t.split_whitespace().count() <= 3
                && t.chars().count() <= SHORT_CHARS
                && !t.chars().any(|c| c.is_ascii_digit())
            {
                Shape::Short
            } else {
                Shape::Long
            }
        };
        let pieces = [
            "Orang",
            "Badan Usaha",
            " ",
            "\t",
            "\u{b}",
            "\u{c}",
            "\r\n",
            "K3",
            "a b c d",
            "x",
            "Dok",
            "",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "  ", "\u{b}"] {
                    let t = format!("{a}{c}{b}");
                    let shape = text_shape(&t, &schema);
                    if t.len() <= SHORT_CHARS
                        && matches!(shape, Shape::Short | Shape::Long)
                        && t != "%"
                    {
                        assert_eq!(shape, general(&t), "{t:?}");
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 300, "{checked}");
    }

    #[test]
    fn no_columns_places_nothing() {
        let items = items(&[(0, "Dokumen"), (1, "5.000")]);
        assert_eq!(align(&items, &[]), [None, None]);
    }

    /// The bounded search places every cell where the full search does.
    #[test]
    fn bounded_search_is_exact() {
        use Shape::*;
        const SHAPES: [Shape; 12] = [
            Nil, Zero, SmallInt, Grouped, Large, Decimal, Percent, Numberish, Ordinal, Total,
            Short, Long,
        ];
        const TYPES: [ValueType; 7] =
            [Code, Text, Unit, Quantity, Count, ValueType::Percent, Money];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x % n
        };
        for _ in 0..3000 {
            // Columns in order, as a header's are: some positions left
            // empty, a few shared.
            let n = 1 + next(22) as usize;
            let mut at = 0;
            let slots: Vec<Slot> = (0..n)
                .map(|_| {
                    at += [1, 1, 1, 2, 0][next(5) as usize];
                    Slot {
                        col: at,
                        vt: TYPES[next(7) as usize],
                    }
                })
                .collect();
            let m = 1 + next(16) as usize;
            let mut col = next(4) as u32;
            let items: Vec<Item> = (0..m)
                .map(|_| {
                    col += 1 + next(2) as u32;
                    Item {
                        col,
                        shape: SHAPES[next(12) as usize],
                    }
                })
                .collect();
            let mut aligner = Aligner::default();
            let mut full = Vec::new();
            assert!(aligner.search(&items, &slots, f32::NEG_INFINITY, &mut full));
            let floor = best_shift(&items, &slots);
            let mut bounded = Vec::new();
            if aligner.search(&items, &slots, floor, &mut bounded) {
                assert_eq!(bounded, full, "{items:?} {slots:?}");
            }
            if !in_place(&items, &slots, &mut Vec::new()) {
                assert_eq!(align(&items, &slots), full);
            }
        }
    }

    #[test]
    fn shapes() {
        let schema = Schema::renaksi();
        let shape = |t: &str| Shape::of(t, &crate::number::parse(t), &schema);
        assert_eq!(shape("5.274.429.360"), Shape::Large);
        assert_eq!(shape("96,83"), Shape::Decimal);
        assert_eq!(shape("0,00"), Shape::Zero);
        assert_eq!(shape("2.000"), Shape::Grouped);
        assert_eq!(shape("30"), Shape::SmallInt);
        assert_eq!(shape("-"), Shape::Nil);
        assert_eq!(shape("III"), Shape::Ordinal);
        assert_eq!(shape("Badan Usaha"), Shape::Short);
        assert_eq!(
            shape("Program Pembinaan Ketenagakerjaan Daerah"),
            Shape::Long
        );
        assert_eq!(shape("TOTAL"), Shape::Total);
        assert_eq!(shape("69,1-69,5"), Shape::Numberish);
    }

    #[test]
    fn in_place_rows_stay() {
        let it = items(&[
            (0, "1"),
            (1, "Meningkatnya kualitas layanan publik"),
            (3, "%"),
            (4, "90,00"),
            (6, "1.000.000"),
        ]);
        assert_eq!(
            align(&it, &slots(ROW)),
            vec![Some(0), Some(1), Some(3), Some(4), Some(6)]
        );
    }

    #[test]
    fn shifted_row_moves_as_a_whole() {
        // Every cell one column early.
        let it = items(&[
            (2, "Perusahaan"),
            (3, "19"),
            (4, "0"),
            (5, "114.105.100"),
            (6, "14.902.300"),
        ]);
        assert_eq!(
            align(&it, &slots(ROW)),
            vec![Some(3), Some(4), Some(5), Some(6), Some(7)]
        );
    }

    #[test]
    fn unit_word_leaves_the_indicator_column() {
        const WIDE: &[ValueType] = &[
            Code, Text, Text, Unit, Quantity, Quantity, Quantity, Text, Money, Money, Text,
        ];
        let it = items(&[
            (2, "Dokumen"),
            (4, "1"),
            (5, "-"),
            (6, "1"),
            (7, "1 Pencadangan Tanah"),
            (8, "84.960.500"),
        ]);
        assert_eq!(
            align(&it, &slots(WIDE)),
            vec![Some(3), Some(4), Some(5), Some(6), Some(7), Some(8)]
        );
    }

    #[test]
    fn late_cell_comes_back() {
        let it = items(&[
            (3, "Orang"),
            (4, "5"),
            (6, "1.000.000"),
            (9, "UPTD Balai Latihan Kerja"),
        ]);
        assert_eq!(
            align(&it, &slots(ROW)),
            vec![Some(3), Some(4), Some(6), Some(8)]
        );
    }

    #[test]
    fn short_indicator_stays() {
        let it = items(&[
            (0, "1"),
            (1, "Meningkatnya kualitas layanan"),
            (2, "Indeks Kepuasan"),
            (3, "%"),
            (4, "80"),
        ]);
        assert_eq!(
            align(&it, &slots(ROW)),
            vec![Some(0), Some(1), Some(2), Some(3), Some(4)]
        );
    }
}
