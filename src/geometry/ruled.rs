//! Ruled pages: every phrase belongs to the cell the rules draw around it.

use super::lines::*;
use super::Page;

/// A rule reaches this many points past its drawn ends: the rules of a
/// grid meet at their corners only to about a point.
const RULE_REACH: f64 = 1.0;

/// Segments at most this many points apart across their run are one rule:
/// a rule drawn twice, or a little off where it meets another.
const SAME_RULE: f64 = 1.5;

/// Segments of one rule with at most this many points between their ends
/// join: a grid drawn cell by cell leaves hairline gaps at the joints.
const RULE_JOIN: f64 = 1.5;

/// A phrase is placed by a point this share of its type size above its
/// baseline, inside its letters: a rule drawn through the foot of its
/// letters is not the top of its cell.
const MID_HEIGHT: f64 = 0.3;

/// A phrase may overhang the wall of its cell by this many points: text
/// set tight against a rule.
const WALL_OVERHANG: f64 = 1.0;

/// A floor up to this share of the type size above a phrase's baseline
/// still closes the cell under it: text sitting on its cell's bottom rule.
const ON_FLOOR: f64 = 0.1;

/// The cells' padding is the gap between a wall and the single numbers
/// before it a tenth of the way up from the smallest: most numbers are set
/// right against the padding, a number centred in a wide column stands
/// further in.
const PAD_RANK: usize = 10;

/// A vertical rule, merged from the segments drawn at one x.
#[derive(Debug, Clone)]
pub(super) struct Wall {
    pub(super) x: f64,
    /// Covered y-intervals.
    pub(super) spans: Vec<(f64, f64)>,
}

impl Wall {
    pub(super) fn covers_y(&self, y: f64) -> bool {
        self.spans
            .iter()
            .any(|&(a, b)| y >= a - RULE_REACH && y <= b + RULE_REACH)
    }
}

/// A horizontal rule, merged from the segments drawn at one y.
#[derive(Debug, Clone)]
pub(super) struct Floor {
    pub(super) y: f64,
    pub(super) spans: Vec<(f64, f64)>,
}

impl Floor {
    pub(super) fn covers_x(&self, x: f64) -> bool {
        self.spans
            .iter()
            .any(|&(a, b)| x >= a - RULE_REACH && x <= b + RULE_REACH)
    }
}

/// Groups segments by their constant coordinate and merges their extents.
pub(super) fn merge_segments(mut segs: Vec<(f64, f64, f64)>) -> Vec<(f64, Vec<(f64, f64)>)> {
    segs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut groups: Vec<(f64, Vec<(f64, f64)>)> = Vec::new();
    for (at, a, b) in segs {
        match groups.last_mut() {
            Some((g, spans)) if (at - *g).abs() <= SAME_RULE => spans.push((a, b)),
            _ => groups.push((at, vec![(a, b)])),
        }
    }
    for (_, spans) in &mut groups {
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut merged: Vec<(f64, f64)> = Vec::new();
        for &(a, b) in spans.iter() {
            match merged.last_mut() {
                Some(last) if a <= last.1 + RULE_JOIN => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        *spans = merged;
    }
    groups
}

pub(super) fn walls_and_floors(page: &Page) -> (Vec<Wall>, Vec<Floor>) {
    let mut v = Vec::new();
    let mut h = Vec::new();
    for r in &page.rules {
        if r.is_horizontal() {
            h.push(((r.y0 + r.y1) / 2.0, r.x0.min(r.x1), r.x0.max(r.x1)));
        } else {
            v.push(((r.x0 + r.x1) / 2.0, r.y0.min(r.y1), r.y0.max(r.y1)));
        }
    }
    let walls = merge_segments(v)
        .into_iter()
        .map(|(x, spans)| Wall { x, spans })
        .collect();
    let floors = merge_segments(h)
        .into_iter()
        .map(|(y, spans)| Floor { y, spans })
        .collect();
    (walls, floors)
}

/// Ruled pages: every phrase belongs to the cell the rules draw around it.
pub(super) fn ruled_lines(
    page: &Page,
    lines: &[Vec<Chunk>],
    walls: &[Wall],
    floors: &[Floor],
) -> Vec<Line> {
    let xs: Vec<f64> = walls.iter().map(|w| w.x).collect();
    // cell key (top floor, left wall) → (right wall, chunks)
    let mut cells: Vec<((usize, usize), usize, Vec<&Chunk>)> = Vec::new();
    let mut loose: Vec<&Chunk> = Vec::new();
    for chunk in lines.iter().flatten() {
        let y = chunk.y - MID_HEIGHT * chunk.size;
        let left = walls
            .iter()
            .enumerate()
            .filter(|(_, w)| w.x <= chunk.x0 + WALL_OVERHANG && w.covers_y(y))
            .max_by(|a, b| a.1.x.total_cmp(&b.1.x))
            .map(|(i, _)| i);
        let right = walls
            .iter()
            .enumerate()
            .filter(|(_, w)| w.x >= chunk.x1 - WALL_OVERHANG && w.covers_y(y))
            .min_by(|a, b| a.1.x.total_cmp(&b.1.x))
            .map(|(i, _)| i);
        let cx = chunk.center();
        let top = floors
            .iter()
            .enumerate()
            .filter(|(_, f)| f.y <= y && f.covers_x(cx))
            .max_by(|a, b| a.1.y.total_cmp(&b.1.y))
            .map(|(i, _)| i);
        let bottom = floors
            .iter()
            .any(|f| f.y >= chunk.y - ON_FLOOR * chunk.size && f.covers_x(cx));
        match (left, right, top) {
            (Some(l), Some(r), Some(t)) if r > l && bottom => {
                match cells.iter_mut().find(|c| c.0 == (t, l)) {
                    Some(c) => {
                        c.1 = c.1.max(r);
                        c.2.push(chunk);
                    }
                    None => cells.push(((t, l), r, vec![chunk])),
                }
            }
            _ => loose.push(chunk),
        }
    }
    // Each column's right content edge: the furthest any phrase reaches
    // in the cells that end at the same wall.
    let mut right_edge: Vec<f64> = vec![f64::NEG_INFINITY; walls.len()];
    for (_, r, parts) in &cells {
        for p in parts {
            right_edge[*r] = right_edge[*r].max(p.x1);
        }
    }
    // Where the cells' padding is known from right-aligned numbers, a
    // column's content ends that far inside its wall.
    let mut pads: Vec<f64> = cells
        .iter()
        .flat_map(|(_, r, parts)| parts.iter().map(move |p| (r, p)))
        .filter(|(_, p)| p.words.len() == 1 && looks_numeric(&p.words[0].text))
        .map(|(r, p)| walls[*r].x - p.x1)
        .filter(|d| *d >= 0.0)
        .collect();
    pads.sort_by(f64::total_cmp);
    if let Some(&pad) = pads.get(pads.len() / PAD_RANK) {
        for (edge, wall) in right_edge.iter_mut().zip(walls) {
            *edge = edge.max(wall.x - pad);
        }
    }
    // (top, line, inside the rules)
    let mut out: Vec<(f64, Line, bool)> = Vec::new();
    // One line per row of the rules' grid: the cells whose top is that floor.
    let mut tops: Vec<usize> = cells.iter().map(|c| c.0 .0).collect();
    tops.sort_unstable();
    tops.dedup();
    for t in tops {
        let mut row: Vec<&((usize, usize), usize, Vec<&Chunk>)> =
            cells.iter().filter(|c| c.0 .0 == t).collect();
        row.sort_by_key(|c| c.0 .1);
        let mut raw = Vec::new();
        let mut first_line = u32::MAX;
        let mut y = f64::INFINITY;
        for ((_, l), r, parts) in row {
            let col = leaf_index(&xs, xs[*l]);
            let end = leaf_index(&xs, xs[*r]);
            let mut parts = parts.clone();
            parts.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
            first_line = first_line.min(parts[0].line);
            y = y.min(parts[0].y);
            raw.push(cell_of(
                &parts,
                col,
                end.saturating_sub(col),
                right_edge[*r],
            ));
        }
        out.push((y, raw_line(page, first_line, raw), true));
    }
    // Text outside the rules (titles, page numbers, notes): a line each.
    let mut by_line: Vec<(u32, Vec<&Chunk>)> = Vec::new();
    for c in loose {
        match by_line.iter_mut().find(|(l, _)| *l == c.line) {
            Some((_, v)) => v.push(c),
            None => by_line.push((c.line, vec![c])),
        }
    }
    for (line, mut parts) in by_line {
        parts.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let y = parts[0].y;
        let cells = parts
            .iter()
            .map(|c| {
                let col = leaf_index(&xs, c.x0);
                cell_of(&[c], col, 0, f64::INFINITY)
            })
            .collect();
        out.push((y, raw_line(page, line, cells), false));
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Text below the grid (a signature, a note) is set apart from its last
    // row by a blank line, as a text would set it.
    let below = out
        .iter()
        .rposition(|(_, _, inside)| *inside)
        .map(|last| last + 1)
        .filter(|&first| first < out.len());
    let mut lines: Vec<Line> = out.into_iter().map(|(_, l, _)| l).collect();
    if let Some(first) = below {
        let blank = blank_line(page, lines[first - 1].line);
        lines.insert(first, blank);
    }
    lines
}
