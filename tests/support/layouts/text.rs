//! The plan as tab-separated scan-to-text, with the converter faults drawn.

use super::design::Plan;
use super::Rendered;
use crate::support::synth::Rng;

/// The header band lines: each label in the cell of its first column, on the
/// row of its node (a label spanning rows on its top or middle row), then
/// the column-number row. Faults: a group label drifted one or two cells
/// right, one leaf label a line lower than its siblings.
fn band(plan: &Plan, rng: &mut Rng, notes: &mut Vec<String>) -> Vec<String> {
    let d = &plan.design;
    let rows = d.header_rows();
    let width = d.columns.len() + 2;
    let mut grid = vec![vec![String::new(); width]; rows];
    let middle = rng.chance(0.4);
    let cells = d.header_cells();
    let drift = if rng.chance(0.35) {
        let groups: Vec<usize> = (0..cells.len()).filter(|&i| !cells[i].leaf).collect();
        (!groups.is_empty()).then(|| (*rng.pick(&groups), 1 + rng.below(2) as usize))
    } else {
        None
    };
    let lower = if rng.chance(0.25) {
        let leaves: Vec<usize> = (0..cells.len())
            .filter(|&i| cells[i].leaf && cells[i].rows == 1 && cells[i].row + 1 < rows)
            .collect();
        (!leaves.is_empty()).then(|| *rng.pick(&leaves))
    } else {
        None
    };
    for (i, c) in cells.iter().enumerate() {
        let mut row = if middle {
            c.row + (c.rows - 1) / 2
        } else {
            c.row
        };
        let mut col = c.col;
        if lower == Some(i) && grid.get(row + 1).is_some_and(|r| r[col].is_empty()) {
            row += 1;
            notes.push(format!("leaf label {:?} a line low", c.label));
        }
        if let Some((g, by)) = drift.filter(|(g, _)| *g == i) {
            let _ = g;
            if (1..=by).all(|k| grid[row][col + k].is_empty()) && col + by < d.columns.len() {
                col += by;
                notes.push(format!("group label {:?} {by} cell(s) right", c.label));
            }
        }
        grid[row][col] = c.label.clone();
    }
    let mut lines: Vec<String> = grid
        .iter()
        .map(|r| r.join("\t").trim_end_matches('\t').to_string())
        .collect();
    if let Some(nums) = d.number_labels() {
        lines.push(nums.join("\t"));
    }
    lines
}

/// Renders the plan as tab-separated text.
pub fn render(plan: &Plan) -> Rendered {
    let d = &plan.design;
    let mut rng = Rng::new(d.seed ^ 0x7e47_0001);
    let mut notes = Vec::new();
    let head = band(plan, &mut rng, &mut notes);
    let stars = rng.chance(0.3);
    let mut lines = vec![
        String::new(),
        "**RENCANA AKSI**".to_string(),
        format!("**{}**", d.title()),
        String::new(),
    ];
    lines.extend(head.iter().cloned());
    let page_rows = 8 + rng.below(12) as usize;
    for (i, row) in plan.rows.iter().enumerate() {
        if i > 0 && i % page_rows == 0 {
            lines.push(String::new());
            lines.extend(head.iter().cloned());
        }
        let mark = |t: &str| -> String {
            if row.bold && !t.is_empty() {
                if stars {
                    format!("**{t}**")
                } else {
                    format!("<b>{t}</b>")
                }
            } else {
                t.to_string()
            }
        };
        let mut cells: Vec<String> = d
            .columns
            .iter()
            .map(|c| row.text(&c.key).to_string())
            .collect();
        let mut carry: Vec<String> = Vec::new();
        // A long activity name carried onto its own line.
        if let Some(pc) = d.column("program_activity") {
            let name = cells[pc].clone();
            if name.len() > 60 && !row.bold && rng.chance(0.5) {
                let cut = name[..45].rfind(' ').unwrap_or(40);
                cells[pc] = name[..cut].to_string();
                carry.resize(pc + 1, String::new());
                carry[pc] = name[cut + 1..].to_string();
                notes.push(format!("row {i} name carried onto the next line"));
            }
        }
        // A wrapped text cell continued by one word alone on the next line.
        for key in ["strategic_goal", "indicator", "program_activity"] {
            let Some(c) = d.column(key) else { continue };
            if cells[c].split(' ').count() < 3 || !rng.chance(0.12) {
                continue;
            }
            if carry.get(c).is_some_and(|t| !t.is_empty()) {
                continue;
            }
            let at = cells[c].rfind(' ').expect("several words");
            let word = cells[c][at + 1..].to_string();
            cells[c].truncate(at);
            if carry.len() <= c {
                carry.resize(c + 1, String::new());
            }
            carry[c] = word;
            notes.push(format!("row {i} {key} continued by one word"));
        }
        let mut cells: Vec<String> = cells.iter().map(|t| mark(t)).collect();
        let mut carry: Vec<String> = carry.iter().map(|t| mark(t)).collect();
        if rng.chance(0.08) && cells.len() > 2 && cells[0].is_empty() && cells[1].is_empty() {
            cells.remove(0);
            if !carry.is_empty() {
                carry.remove(0);
            }
            notes.push(format!("row {i} a column early"));
        }
        let mut line = cells.join("\t");
        if rng.chance(0.3) {
            line.push_str("\t\t");
        } else {
            line = line.trim_end_matches('\t').to_string();
        }
        lines.push(line);
        if carry.iter().any(|t| !t.is_empty()) {
            lines.push(carry.join("\t").trim_end_matches('\t').to_string());
        }
    }
    Rendered {
        bytes: (lines.join("\n") + "\n").into_bytes(),
        notes,
    }
}
