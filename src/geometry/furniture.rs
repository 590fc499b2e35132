//! Running headers and footers: lines a page repeats at its head or foot.

use super::lines::{chunks, Chunk};
use super::Words;
use super::{Page, Run};
use crate::diag::{Code, Diagnostic, Severity};

/// A running header with a phrase at least this share of whose words are
/// header words (`Indikator Kinerja`) may be a line of a header band.
const HEADER_WORDS: f32 = 0.5;

/// Leaves out the running footers and headers of the pages (lines among
/// the last or first [`RUNNING_WINDOW`] of a page that the same place of
/// other pages repeats, numbers aside: `Hal. 2`, `Dinas …`), a diagnostic
/// each: a footer stands too close under the last row to be told from it
/// later, and a header above the rows of a page without a header band. A
/// running header with header words may be a line of a header band: it is
/// kept, and the pages where it stands are returned, to be set apart from
/// the page before by a blank line.
pub(super) fn set_apart_running_lines(
    pages: &[Page],
    phys: &mut [Vec<(u32, Vec<Run>)>],
    words: &Words,
    diags: &mut Vec<Diagnostic>,
) -> Vec<bool> {
    let mut apart = vec![false; pages.len()];
    for foot in [true, false] {
        let running = running_lines(pages, phys, foot);
        for (i, ((page, lines), mut found)) in
            pages.iter().zip(phys.iter_mut()).zip(running).enumerate()
        {
            // Last first, so that the indices still to remove stay put.
            found.sort_unstable_by(|a, b| b.cmp(a));
            for at in found {
                let phrases: Vec<String> = chunks(page, lines[at].0, &lines[at].1, &[])
                    .iter()
                    .map(Chunk::text)
                    .collect();
                if !foot {
                    let v = words.vocabulary();
                    if phrases.iter().any(|p| v.coverage(p) >= HEADER_WORDS) {
                        apart[i] = true;
                        continue;
                    }
                }
                let (n, _) = lines.remove(at);
                let place = if foot { "footer" } else { "header" };
                diags.push(
                    Diagnostic::new(
                        Severity::Info,
                        Code::OutsideTable,
                        format!(
                            "a running {place}, repeated on the pages, is not part of the table"
                        ),
                    )
                    .at(page.number, n)
                    .text(phrases.join(" | ")),
                );
            }
        }
    }
    apart
}

/// How many lines at the head or the foot of a page may be running lines.
pub(super) const RUNNING_WINDOW: usize = 2;

/// A running line has at most this many phrases (`Hal. 2`, `Dinas …`); a
/// line with more reads as a row of the table.
const RUNNING_PHRASES: usize = 3;

/// Where a line stands is compared in steps of this many points (or
/// characters): a running line drifts a little from page to page.
const PLACE_STEP: f64 = 2.0;

/// A line is running when this many pages repeat it at least (and half the
/// pages do).
const RUNNING_PAGES: usize = 2;

/// For each page, the indices of its running lines at the foot (`foot`) or
/// the head: among its last or first [`RUNNING_WINDOW`] lines, those of at
/// most three phrases whose text (numbers aside), standing at the same
/// place, other pages repeat, on two pages at least and on half of them.
pub(super) fn running_lines(
    pages: &[Page],
    phys: &[Vec<(u32, Vec<Run>)>],
    foot: bool,
) -> Vec<Vec<usize>> {
    let keyed: Vec<Vec<(usize, String)>> = pages
        .iter()
        .zip(phys)
        .map(|(page, lines)| {
            let window: Vec<usize> = if foot {
                (lines.len().saturating_sub(RUNNING_WINDOW)..lines.len()).collect()
            } else {
                (0..lines.len().min(RUNNING_WINDOW)).collect()
            };
            window
                .into_iter()
                .filter(|&at| chunks(page, lines[at].0, &lines[at].1, &[]).len() <= RUNNING_PHRASES)
                .map(|at| {
                    // Where it stands too: a running line keeps its place,
                    // the words that end a page's last row do not.
                    let words = &lines[at].1;
                    let (x, y) = words.first().map_or((0.0, 0.0), |w| (w.x0, w.y));
                    let mut key = format!("{:.0} {:.0} ", x / PLACE_STEP, y / PLACE_STEP);
                    for w in words {
                        for ch in w.text.chars() {
                            key.push(if ch.is_ascii_digit() {
                                '#'
                            } else {
                                ch.to_ascii_lowercase()
                            });
                        }
                        key.push(' ');
                    }
                    (at, key)
                })
                .collect()
        })
        .collect();
    // Pages per key (a page counted once for a key).
    let mut pages_with: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for page in &keyed {
        for (i, (_, key)) in page.iter().enumerate() {
            if !page[..i].iter().any(|(_, k)| k == key) {
                *pages_with.entry(key).or_default() += 1;
            }
        }
    }
    let running = |key: &str| {
        let n = pages_with.get(key).copied().unwrap_or(0);
        n >= RUNNING_PAGES && n * 2 >= pages.len()
    };
    keyed
        .iter()
        .map(|page| {
            page.iter()
                .filter(|(_, k)| running(k))
                .map(|&(at, _)| at)
                .collect()
        })
        .collect()
}
