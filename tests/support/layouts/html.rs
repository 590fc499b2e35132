//! The plan as an HTML table: the header tree in `thead` with `rowspan` and
//! `colspan`, one `tr` per row, sometimes a table per page with the header
//! repeated.

use super::design::Plan;
use super::Rendered;
use crate::support::synth::Rng;

fn esc(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn head(plan: &Plan, numbers_in_head: bool) -> String {
    let d = &plan.design;
    let cells = d.header_cells();
    let mut out = String::from("<thead>\n");
    for r in 0..d.header_rows() {
        out.push_str("<tr>");
        for c in cells.iter().filter(|c| c.row == r) {
            out.push_str("<th");
            if c.rows > 1 {
                out.push_str(&format!(" rowspan=\"{}\"", c.rows));
            }
            if c.cols > 1 {
                out.push_str(&format!(" colspan=\"{}\"", c.cols));
            }
            out.push_str(&format!(">{}</th>", esc(&c.label)));
        }
        out.push_str("</tr>\n");
    }
    if let (true, Some(nums)) = (numbers_in_head, d.number_labels()) {
        out.push_str("<tr>");
        for n in nums {
            out.push_str(&format!("<th>{n}</th>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</thead>\n");
    out
}

/// Renders the plan as HTML.
pub fn render(plan: &Plan) -> Rendered {
    let d = &plan.design;
    let mut rng = Rng::new(d.seed ^ 0x4a7e_0002);
    let mut notes = Vec::new();
    let numbers_in_head = rng.chance(0.6);
    let per_page = rng.chance(0.3).then(|| 8 + rng.below(10) as usize);
    let total_span = rng.chance(0.5);
    let strong = rng.chance(0.3);
    if per_page.is_some() {
        notes.push("a table per page".into());
    }
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"id\"><head><meta charset=\"utf-8\"><title>{0}</title>\n<style>th, td {{ border: 1px solid #000; }}</style></head><body>\n<h3>RENCANA AKSI</h3>\n<h3>{0}</h3>\n",
        esc(&d.title())
    );
    let thead = head(plan, numbers_in_head);
    let open = |out: &mut String| {
        out.push_str("<table border=\"1\" cellspacing=\"0\">\n");
        out.push_str(&thead);
        out.push_str("<tbody>\n");
        if let (false, Some(nums)) = (numbers_in_head, d.number_labels()) {
            out.push_str("<tr>");
            for n in nums {
                out.push_str(&format!("<td>{n}</td>"));
            }
            out.push_str("</tr>\n");
        }
    };
    open(&mut out);
    let budget_col = d.column("budget").unwrap_or(d.columns.len());
    for (i, row) in plan.rows.iter().enumerate() {
        if let Some(n) = per_page {
            if i > 0 && i % n == 0 {
                out.push_str("</tbody>\n</table>\n<p style=\"page-break-after: always\"></p>\n");
                open(&mut out);
            }
        }
        out.push_str("<tr>");
        let mut c = 0;
        if row.kind == "total"
            && total_span
            && !row.text("no").is_empty()
            && (1..budget_col).all(|k| row.text(&d.columns[k].key).is_empty())
            && budget_col > 1
        {
            out.push_str(&format!(
                "<td colspan=\"{budget_col}\"><b>{}</b></td>",
                esc(row.text("no"))
            ));
            c = budget_col;
            notes.push("total label spanning the columns before the budget".into());
        }
        for col in &d.columns[c..] {
            let t = esc(row.text(&col.key));
            let align = if col.kind.numeric() {
                " align=\"right\""
            } else {
                ""
            };
            if row.bold && !t.is_empty() {
                let tag = if strong { "strong" } else { "b" };
                out.push_str(&format!("<td{align}><{tag}>{t}</{tag}></td>"));
            } else {
                out.push_str(&format!("<td{align}>{t}</td>"));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</body></html>\n");
    Rendered {
        bytes: out.into_bytes(),
        notes,
    }
}
