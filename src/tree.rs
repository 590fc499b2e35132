//! The plan's hierarchy from its own arithmetic, and the checks of its sums.
//!
//! Budget tables carry their structure in their numbers: a parent's amount
//! equals the sum of the rows directly under it, and so does each of its
//! parts (the quarterly APBD/APBN cells). Rows come in document order with
//! each parent before its children, so a hierarchy is a way of hanging each
//! row under one of the rows still open above it (the previous row or one
//! of its ancestors) such that, when a row is closed, its children add up
//! to it exactly. [`build`] searches for that assignment, trying the nearest
//! open row first and rows that look like items of a list (`1 Penyusunan …`)
//! last; where the amounts admit none, the rows' own signals (goal columns,
//! `Program …` / `Kegiatan …`, item numbers) decide, and a diagnostic says so.
//!
//! The checks report, never fix: a row's amount against its parts, a
//! parent against its children (when the hierarchy could not come from the
//! sums), the total row against the top-level rows, and a target that counts
//! things against its quarterly targets.

use crate::diag::{Code, Diagnostic, Severity};
use crate::grid::{Table, Value};
use crate::schema::{starts_with_item_number, Arithmetic, Schema};
use rust_decimal::Decimal;
use std::borrow::Cow;

/// The most placements tried before the search gives up on the sums.
const MAX_STEPS: usize = 200_000;

/// What the search needs to know of a row.
#[derive(Debug, Clone)]
struct Info<'s> {
    /// The row states an amount (its amount and parts, empty cells as zero,
    /// are in [`Amounts`]).
    amounts: bool,
    total: bool,
    /// An item of a list (`1 Penyusunan …`, `Kegiatan …`): rarely a parent.
    item: bool,
    /// Fills a goal column (`no`, `strategic_goal`).
    goal: bool,
    /// The kind the label column alone gives (`program`, `activity`, `row`).
    label_kind: &'s Cow<'static, str>,
    /// The label column holds something.
    labelled: bool,
}

/// What the search adds and compares: exact decimals, or, when every
/// amount of a table fits, whole numbers of its smallest unit (the same
/// arithmetic, done faster).
trait Amount: Copy + PartialOrd + std::ops::SubAssign + Default {}

impl Amount for Decimal {}
impl Amount for i128 {}

/// Every row's amount and parts, `width` values a row, in one block.
struct Amounts<T> {
    values: Vec<T>,
    width: usize,
}

impl<T: Amount> Amounts<T> {
    fn of(&self, row: usize) -> &[T] {
        &self.values[row * self.width..(row + 1) * self.width]
    }
}

/// The largest magnitude, in units, the whole-number search takes: far
/// from `i128`'s limits, since the search only subtracts an amount from
/// one at least as large.
const MAX_UNITS: i128 = 1 << 100;

impl Amounts<Decimal> {
    /// The amounts as whole numbers of the smallest unit any of them is
    /// written in, when all fit.
    fn as_units(&self) -> Option<Amounts<i128>> {
        let scale = self.values.iter().map(Decimal::scale).max().unwrap_or(0);
        let mut values = Vec::with_capacity(self.values.len());
        for v in &self.values {
            let mut units = v.mantissa();
            if v.scale() != scale {
                units = units.checked_mul(10i128.checked_pow(scale - v.scale())?)?;
            }
            if !(-MAX_UNITS..MAX_UNITS).contains(&units) {
                return None;
            }
            values.push(units);
        }
        Some(Amounts {
            values,
            width: self.width,
        })
    }
}

/// A row still open for children.
#[derive(Debug, Clone, Copy)]
struct Open {
    row: usize,
    /// The row states an amount: what is left of it for children still to
    /// come is its slot of the remaining amounts. Otherwise it takes any
    /// child.
    bounded: bool,
    children: usize,
    item: bool,
}

/// The rows open at one point of the search, with what is left of their
/// amounts (`width` values each, only the first `used` of which count).
#[derive(Debug, Clone, Default)]
struct Stack<T> {
    open: Vec<Open>,
    remaining: Vec<T>,
}

impl<T: Amount> Stack<T> {
    fn left(&self, k: usize, width: usize, used: usize) -> &[T] {
        &self.remaining[k * width..k * width + used]
    }

    /// Row `k` can be closed: no children, or children that add up to it.
    fn closable(&self, k: usize, width: usize, used: usize) -> bool {
        let o = &self.open[k];
        o.children == 0
            || !o.bounded
            || self.left(k, width, used).iter().all(|v| *v == T::default())
    }

    fn fits(&self, k: usize, amounts: &[T], width: usize, used: usize) -> bool {
        !self.open[k].bounded
            || self
                .left(k, width, used)
                .iter()
                .zip(amounts)
                .all(|(have, want)| have >= want)
    }

    fn truncate(&mut self, len: usize, width: usize) {
        self.open.truncate(len);
        self.remaining.truncate(len * width);
    }
}

/// A column of the table, found once by its key.
#[derive(Debug, Clone, Copy)]
struct Col(Option<usize>);

fn col(table: &Table, key: &str) -> Col {
    Col(table.column_index(key))
}

fn number(table: &Table, row: usize, c: Col) -> Option<Decimal> {
    let v = &table.rows.get(row)?.cells.get(c.0?)?.value;
    v.number()
}

/// The cell holds text or a number.
fn filled(table: &Table, row: usize, c: Col) -> bool {
    c.0.and_then(|k| table.rows.get(row)?.cells.get(k))
        .is_some_and(|cell| matches!(cell.value, Value::Text(_) | Value::Number(_)))
}

fn text(table: &Table, row: usize, c: Col) -> Option<Cow<'_, str>> {
    match &table.rows.get(row)?.cells.get(c.0?)?.value {
        Value::Text(t) => Some(Cow::Borrowed(t)),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        _ => None,
    }
}

/// The columns the arithmetic names.
struct Cols {
    amount: Col,
    parts: Vec<(String, Col)>,
    target: Col,
    target_parts: Vec<Col>,
    unit: Col,
    label: Col,
    goal: Vec<Col>,
}

impl Cols {
    fn new(table: &Table, ar: &Arithmetic) -> Cols {
        Cols {
            amount: col(table, &ar.amount),
            parts: ar
                .amount_parts
                .iter()
                .map(|k| (k.clone(), col(table, k)))
                .collect(),
            target: col(table, &ar.target),
            target_parts: ar.target_parts.iter().map(|k| col(table, k)).collect(),
            unit: col(table, &ar.unit),
            label: col(table, &ar.label),
            goal: ar.goal.iter().map(|k| col(table, k)).collect(),
        }
    }

    /// The amount and its parts, with their keys.
    fn amounts<'a>(&'a self, ar: &'a Arithmetic) -> impl Iterator<Item = (&'a str, Col)> + 'a {
        std::iter::once((ar.amount.as_str(), self.amount))
            .chain(self.parts.iter().map(|(k, c)| (k.as_str(), *c)))
    }
}

fn infos<'s>(
    table: &Table,
    schema: &'s Schema,
    ar: &Arithmetic,
    cols: &Cols,
) -> (Vec<Info<'s>>, Amounts<Decimal>) {
    let width = 1 + cols.parts.len();
    let mut values = Vec::with_capacity(table.rows.len() * width);
    // The kind rules that read the label column: the label alone decides.
    let label_rules: Vec<Option<usize>> = schema
        .kinds
        .iter()
        .map(|rule| (rule.column == ar.label).then_some(0))
        .collect();
    let infos = (0..table.rows.len())
        .map(|i| {
            let at = values.len();
            let amount = number(table, i, cols.amount);
            values.push(amount.unwrap_or(Decimal::ZERO));
            values.extend(
                cols.parts
                    .iter()
                    .map(|(_, c)| number(table, i, *c).unwrap_or(Decimal::ZERO)),
            );
            // A row whose amounts are all zero is placed by its signals.
            let amounts = amount.is_some() && values[at..].iter().any(|v| !v.is_zero());
            let label = text(table, i, cols.label).unwrap_or_default();
            let label_kind = schema.row_kind_at(&label_rules, |_| Some(&*label));
            Info {
                amounts,
                total: table.rows[i].kind == "total",
                item: starts_with_item_number(&label) || *label_kind == "activity",
                goal: cols.goal.iter().any(|c| filled(table, i, *c)),
                labelled: !label.is_empty(),
                label_kind,
            }
        })
        .collect();
    (infos, Amounts { values, width })
}

/// Candidate parents for row `i`, appended to `out`: indices into the
/// stack (`None`: top level), the nearest first, list items last.
fn candidates<T: Amount>(
    info: &Info,
    amounts: &[T],
    stack: &Stack<T>,
    used: usize,
    out: &mut Vec<Option<usize>>,
) {
    let width = amounts.len();
    let open = &stack.open;
    if !info.amounts {
        // No amount: under the nearest open row that is not a list item,
        // without touching the sums.
        out.push(open.iter().rposition(|o| !o.item));
        return;
    }
    let amounts = &amounts[..used];
    let mut items = 0;
    for k in (0..open.len()).rev() {
        if stack.fits(k, amounts, width, used) {
            if open[k].item {
                items += 1;
                out.push(Some(k));
            } else {
                // Before the list items found so far.
                out.insert(out.len() - items, Some(k));
            }
        }
        // Going below `k` closes it.
        if !stack.closable(k, width, used) {
            return;
        }
    }
    // Only a row that opens a goal (or the first) stands at the top level.
    if info.goal || open.is_empty() {
        out.push(None);
    }
}

/// Places row `row` under candidate `c`, changing the stack; returns the
/// parent row.
fn place<T: Amount>(
    info: &Info,
    amounts: &[T],
    row: usize,
    stack: &mut Stack<T>,
    c: Option<usize>,
    used: usize,
) -> Option<usize> {
    let width = amounts.len();
    let keep = c.map_or(0, |k| k + 1);
    stack.truncate(keep, width);
    let parent = c.map(|k| stack.open[k].row);
    if let Some(k) = c {
        if info.amounts && stack.open[k].bounded {
            let left = &mut stack.remaining[k * width..k * width + used];
            for (have, take) in left.iter_mut().zip(amounts) {
                *have -= *take;
            }
        }
        stack.open[k].children += 1;
    }
    // A row without an amount and without goal columns has no children.
    if info.amounts || info.goal {
        stack.open.push(Open {
            row,
            bounded: info.amounts,
            children: 0,
            item: info.item,
        });
        if info.amounts {
            stack.remaining.extend_from_slice(amounts);
        } else {
            stack
                .remaining
                .extend(std::iter::repeat_n(T::default(), width));
        }
    }
    parent
}

/// A choice point of the search: the row being placed, where its copy of
/// the open rows and its candidate parents start in the search's shared
/// buffers, and the next candidate to try.
#[derive(Debug)]
struct Frame {
    row: usize,
    stack_at: usize,
    stack_len: usize,
    candidates_at: usize,
    candidates_end: usize,
    next: usize,
}

/// The working memory of the search for parents, kept between searches
/// (and, by a reader, between documents).
#[derive(Debug, Default)]
pub(crate) struct Buffers<T> {
    rows: Vec<usize>,
    frames: Vec<Frame>,
    /// The frames' copies of the stack, end to end.
    saved: Stack<T>,
    /// The frames' candidates, end to end.
    candidates: Vec<Option<usize>>,
    stack: Stack<T>,
}

impl<T: Default> Buffers<T> {
    /// Buffers holding more than `most` values are let go.
    pub(crate) fn trim(&mut self, most: usize) {
        if self.saved.remaining.capacity() > most || self.saved.open.capacity() > most {
            *self = Buffers::default();
        }
    }
}

/// Searches for parents under which every row's children add up to it,
/// counting the first `used` of the amounts.
fn by_sums<T: Amount>(
    infos: &[Info],
    amounts: &Amounts<T>,
    used: usize,
    buffers: &mut Buffers<T>,
) -> Option<Vec<Option<usize>>> {
    let width = amounts.width;
    let Buffers {
        rows,
        frames,
        saved,
        candidates: candidates_buf,
        stack,
    } = buffers;
    rows.clear();
    rows.extend((0..infos.len()).filter(|&i| !infos[i].total));
    let mut parents: Vec<Option<usize>> = vec![None; infos.len()];
    // Room for a plan a few levels deep, made once.
    frames.clear();
    frames.reserve(rows.len() + 1);
    saved.truncate(0, width);
    saved.open.reserve(4 * rows.len());
    saved.remaining.reserve(4 * rows.len() * width);
    candidates_buf.clear();
    candidates_buf.reserve(2 * rows.len());
    stack.truncate(0, width);
    let mut pos = 0;
    let mut steps = 0;
    loop {
        // The stack is as the innermost frame saved it until a candidate
        // is placed.
        let mut as_saved = false;
        if pos == rows.len() {
            if (0..stack.open.len()).all(|k| stack.closable(k, width, used)) {
                return Some(parents);
            }
        } else {
            let row = rows[pos];
            let candidates_at = candidates_buf.len();
            candidates(&infos[row], amounts.of(row), stack, used, candidates_buf);
            let stack_at = saved.open.len();
            saved.open.extend_from_slice(&stack.open);
            saved.remaining.extend_from_slice(&stack.remaining);
            frames.push(Frame {
                row,
                stack_at,
                stack_len: stack.open.len(),
                candidates_at,
                candidates_end: candidates_buf.len(),
                next: candidates_at,
            });
            as_saved = true;
        }
        // Try the next candidate of the innermost frame that has one left.
        loop {
            steps += 1;
            if steps > MAX_STEPS {
                return None;
            }
            let frame = frames.last_mut()?;
            if frame.next < frame.candidates_end {
                let c = candidates_buf[frame.next];
                frame.next += 1;
                if !as_saved {
                    let (at, len) = (frame.stack_at, frame.stack_len);
                    stack.open.clear();
                    stack.open.extend_from_slice(&saved.open[at..at + len]);
                    stack.remaining.clear();
                    stack
                        .remaining
                        .extend_from_slice(&saved.remaining[at * width..(at + len) * width]);
                }
                let row = frame.row;
                parents[row] = place(&infos[row], amounts.of(row), row, stack, c, used);
                pos = frames.len();
                break;
            }
            let done = frames.pop()?;
            as_saved = false;
            saved.truncate(done.stack_at, width);
            candidates_buf.truncate(done.candidates_at);
        }
    }
}

/// Each node's children, given each node's parent (`None` for a root):
/// node `p`'s are `order[first[p]..first[p + 1]]`, siblings ordered by
/// `key` (ties in node order). A parent out of range has no children.
/// Shared by the plan's hierarchy and the header band's label tree.
pub(crate) fn children_index<K: Ord>(
    parents: &[Option<usize>],
    key: impl Fn(usize) -> K,
) -> (Vec<usize>, Vec<usize>) {
    let n = parents.len();
    let parent = |c: usize| parents[c].filter(|&p| p < n);
    let mut order: Vec<usize> = (0..n).filter(|&c| parent(c).is_some()).collect();
    order.sort_by_key(|&c| (parent(c), key(c)));
    let mut first = vec![0usize; n + 1];
    for &c in &order {
        if let Some(p) = parent(c) {
            first[p + 1] += 1;
        }
    }
    for p in 0..n {
        first[p + 1] += first[p];
    }
    (order, first)
}

/// Parents under which the sums hold: of all the amounts, else of the
/// amount alone (then `true`).
fn search<T: Amount>(
    infos: &[Info],
    amounts: &Amounts<T>,
    buffers: &mut Buffers<T>,
) -> Option<(Vec<Option<usize>>, bool)> {
    if let Some(parents) = by_sums(infos, amounts, amounts.width, buffers) {
        return Some((parents, false));
    }
    by_sums(infos, amounts, 1, buffers).map(|parents| (parents, true))
}

/// Parents from the rows' signals alone: a goal row opens a level, list
/// items hang under the nearest row that is not one.
fn by_signals(infos: &[Info], table: &Table, cols: &Cols) -> Vec<Option<usize>> {
    let rank = |i: usize| -> u8 {
        let info = &infos[i];
        let first_goal_col = cols.goal.first().and_then(|c| text(table, i, *c));
        let roman = first_goal_col
            .as_deref()
            .is_some_and(|t| !t.is_empty() && t.chars().all(|c| "IVXLivxl".contains(c)));
        let label = filled(table, i, cols.label);
        if info.goal && (roman || !label) {
            0
        } else if info.goal {
            1
        } else if !info.item && label {
            2
        } else {
            3
        }
    };
    let ranks: Vec<u8> = (0..infos.len()).map(rank).collect();
    (0..infos.len())
        .map(|i| {
            if infos[i].total {
                return None;
            }
            (0..i)
                .rev()
                .find(|&j| !infos[j].total && ranks[j] < ranks[i])
        })
        .collect()
}

/// Builds the hierarchy of `table` and checks its sums; records `parent`,
/// `level` and a `kind` for every row.
pub(crate) fn build(
    table: &mut Table,
    schema: &Schema,
    diags: &mut Vec<Diagnostic>,
    buffers: &mut Buffers<i128>,
) {
    let Some(ar) = &schema.arithmetic else {
        return;
    };
    if table.column_index(&ar.amount).is_none() {
        return;
    }
    let cols = Cols::new(table, ar);
    let (infos, amounts) = infos(table, schema, ar, &cols);
    // All the amounts first; then the amount alone, so that one wrong part
    // does not hide the whole structure (the parts are checked after).
    let found = match amounts.as_units() {
        Some(units) => search(&infos, &units, buffers),
        None => search(&infos, &amounts, &mut Buffers::default()),
    };
    let (parents, sums_found, by_amount) = match found {
        Some((parents, by_amount)) => (parents, true, by_amount),
        None => (by_signals(&infos, table, &cols), false, false),
    };
    for (i, p) in parents.iter().enumerate() {
        table.rows[i].parent = *p;
        let mut level = 0;
        let mut at = *p;
        while let Some(j) = at {
            level += 1;
            at = parents.get(j).copied().flatten();
            if level > parents.len() {
                break;
            }
        }
        table.rows[i].level = u32::try_from(level).unwrap_or(u32::MAX);
    }
    let has_children: Vec<bool> = {
        let mut v = vec![false; parents.len()];
        for p in parents.iter().flatten() {
            v[*p] = true;
        }
        v
    };
    for (i, info) in infos.iter().enumerate() {
        let row = &mut table.rows[i];
        if info.total {
            continue;
        }
        let label_kind = info.label_kind;
        row.kind = if *label_kind == "program" || *label_kind == "activity" {
            label_kind.clone()
        } else if row.parent.is_none() && (info.goal || has_children[i]) {
            Cow::Borrowed("goal")
        } else if info.goal {
            Cow::Borrowed("sub_goal")
        } else if !info.amounts && !info.labelled {
            Cow::Borrowed("indicator")
        } else {
            continue;
        };
    }
    if !sums_found && infos.iter().filter(|i| i.amounts).count() > 1 {
        let first = table.rows.first().map_or((0, 0), |r| (r.page, r.line));
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Code::HierarchyUnresolved,
                "the amounts admit no hierarchy in which every row's children add up to it; the hierarchy follows the rows' goal columns, prefixes and item numbers, and the sums that disagree are reported",
            )
            .at(first.0, first.1),
        );
        children_sums(table, ar, &cols, &parents, diags);
    } else if by_amount {
        children_sums(table, ar, &cols, &parents, diags);
    }
    checks(table, ar, &cols, &parents, diags);
}

fn show(d: &Decimal) -> crate::number::Indonesian<'_> {
    crate::number::Indonesian(d)
}

/// A parent against its children, per amount column.
fn children_sums(
    table: &Table,
    ar: &Arithmetic,
    cols: &Cols,
    parents: &[Option<usize>],
    diags: &mut Vec<Diagnostic>,
) {
    // Each row's children, in document order.
    let (all_kids, first) = children_index(parents, |c| c);
    for p in 0..table.rows.len().min(parents.len()) {
        let kids = &all_kids[first[p]..first[p + 1]];
        if kids.is_empty() {
            continue;
        }
        for (key, c) in cols.amounts(ar) {
            let Some(stated) = number(table, p, c) else {
                continue;
            };
            // A child whose own parts do not add up is reported there, not
            // again in every sum its parts feed.
            if key != ar.amount && kids.iter().any(|&k| !split_holds(table, cols, k)) {
                continue;
            }
            let sum: Decimal = kids.iter().filter_map(|&k| number(table, k, c)).sum();
            if sum != stated {
                let row = &table.rows[p];
                let lines: Vec<String> = kids
                    .iter()
                    .map(|&c| table.rows[c].line.to_string())
                    .collect();
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    Code::ChildrenSumMismatch,
                    format!(
                        "`{key}` is {} but the rows under it (lines {}) add up to {}",
                        show(&stated),
                        lines.join(", "),
                        show(&sum)
                    ),
                )
                .at(row.page, row.line)
                .column(key);
                d.numbers = vec![stated, sum];
                diags.push(d);
            }
        }
    }
}

/// The row's amount is the sum of its parts (or it states no parts).
fn split_holds(table: &Table, cols: &Cols, row: usize) -> bool {
    let Some(amount) = number(table, row, cols.amount) else {
        return true;
    };
    let (stated, sum) = parts_sum(table, cols, row);
    stated == 0 || sum == amount
}

/// How many of a row's amount parts are stated, and their sum.
fn parts_sum(table: &Table, cols: &Cols, row: usize) -> (usize, Decimal) {
    cols.parts
        .iter()
        .filter_map(|(_, c)| number(table, row, *c))
        .fold((0, Decimal::ZERO), |(n, sum), v| (n + 1, sum + v))
}

fn checks(
    table: &Table,
    ar: &Arithmetic,
    cols: &Cols,
    parents: &[Option<usize>],
    diags: &mut Vec<Diagnostic>,
) {
    for (i, row) in table.rows.iter().enumerate() {
        // The amount against its parts.
        if let Some(amount) = number(table, i, cols.amount) {
            let (stated, sum) = parts_sum(table, cols, i);
            if stated > 0 && sum != amount {
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    Code::AmountSplitMismatch,
                    format!(
                        "`{}` is {} but its parts add up to {}",
                        ar.amount,
                        show(&amount),
                        show(&sum)
                    ),
                )
                .at(row.page, row.line)
                .column(ar.amount.clone());
                d.numbers = vec![amount, sum];
                diags.push(d);
            }
        }
        // A target that counts things against its quarters.
        let unit = text(table, i, cols.unit).unwrap_or_default();
        if let Some(target) = number(table, i, cols.target).filter(|_| ar.counts(&unit)) {
            let parts = || cols.target_parts.iter().map(|c| number(table, i, *c));
            if parts().any(|p| p.is_some()) {
                let sum: Decimal = parts().flatten().sum();
                if sum != target {
                    let parts: Vec<Option<Decimal>> = parts().collect();
                    let shown: Vec<String> = parts
                        .iter()
                        .map(|p| p.map_or_else(|| "-".into(), |d| show(&d).to_string()))
                        .collect();
                    let mut d = Diagnostic::new(
                        Severity::Warning,
                        Code::TargetSplitMismatch,
                        format!(
                            "target {} {unit} but the quarterly targets {} add up to {}",
                            show(&target),
                            shown.join(" + "),
                            show(&sum)
                        ),
                    )
                    .at(row.page, row.line)
                    .column(ar.target.clone());
                    d.numbers = std::iter::once(target)
                        .chain(parts.iter().map(|p| p.unwrap_or(Decimal::ZERO)))
                        .chain(std::iter::once(sum))
                        .collect();
                    diags.push(d);
                }
            }
        }
    }
    // The total row against the top-level rows.
    let roots: Vec<usize> = (0..table.rows.len())
        .filter(|&i| parents[i].is_none() && table.rows[i].kind != "total")
        .collect();
    for (t, row) in table.rows.iter().enumerate() {
        if row.kind != "total" {
            continue;
        }
        for (key, c) in cols.amounts(ar) {
            let Some(stated) = number(table, t, c) else {
                continue;
            };
            let sum: Decimal = roots
                .iter()
                .filter(|&&r| r < t)
                .filter_map(|&r| number(table, r, c))
                .sum();
            if sum != stated {
                let mut d = Diagnostic::new(
                    Severity::Warning,
                    Code::TotalMismatch,
                    format!(
                        "the total's `{key}` is {} but the top-level rows add up to {}",
                        show(&stated),
                        show(&sum)
                    ),
                )
                .at(row.page, row.line)
                .column(key);
                d.numbers = vec![stated, sum];
                diags.push(d);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn info(goal: bool, item: bool) -> Info<'static> {
        Info {
            amounts: true,
            total: false,
            item,
            goal,
            label_kind: &Cow::Borrowed("row"),
            labelled: true,
        }
    }

    /// The whole-number search finds what the decimal one finds.
    #[test]
    fn units_search_as_decimals_do() {
        let rows: [(&str, &str, bool, bool); 6] = [
            ("100", "60", true, false),
            ("60,5", "30", false, false),
            ("30.25", "30", false, true),
            ("30.25", "0", false, true),
            ("39.5", "30", false, false),
            ("39.50", "30", false, true),
        ];
        let infos: Vec<Info> = rows.iter().map(|r| info(r.2, r.3)).collect();
        let values: Vec<Decimal> = rows
            .iter()
            .flat_map(|r| [r.0.replace(',', "."), r.1.to_string()])
            .map(|v| Decimal::from_str(&v).unwrap())
            .collect();
        let decimals = Amounts { values, width: 2 };
        let units = decimals.as_units().expect("small amounts fit");
        assert_eq!(units.of(1), &[6050, 3000]);
        let by_decimals = search(&infos, &decimals, &mut Buffers::default());
        assert_eq!(search(&infos, &units, &mut Buffers::default()), by_decimals);
        assert_eq!(
            by_decimals.map(|(p, _)| p),
            Some(vec![None, Some(0), Some(1), Some(1), Some(0), Some(4)])
        );
    }

    #[test]
    fn huge_amounts_stay_decimal() {
        let big = Decimal::from_str("79228162514264337593543950335").unwrap();
        let amounts = Amounts {
            values: vec![big, Decimal::new(1, 28)],
            width: 1,
        };
        assert!(amounts.as_units().is_none());
    }
}
