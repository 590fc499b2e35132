//! Plans of layouts the library has never seen, drawn from a seed, in every
//! input format, each with its true grid; and the scorer that measures a
//! reading against it.
//!
//! - [`design`]: a [`Design`] drawn from a seed: the logical columns (the full
//!   20 of the grid contract; APBD quarters only; one budget column without
//!   quarters; with or without quarterly targets; a `Keterangan` column the
//!   schema does not know; the unit after the target, the responsible unit
//!   before the budget) and a header tree over them in the wording real plans
//!   use (several variants per label, a title row over the middle columns,
//!   the indicator and money group labels or not, a shallow branch's group
//!   spanning the rows it leaves free or its leaves reaching down, the budget
//!   beside or under the money group, quarter labels `I`, `TW I`,
//!   `TW 1`, `Tw. I`, `TW-I`, `Triwulan I`, `Q1`, `Trw I`, the column-number
//!   row bare, in brackets or absent); and a [`Plan`]'s rows: goals with
//!   indicators, programs and activities whose budgets add up, counted
//!   targets the sum of their quarters, long names, responsible units,
//!   notes, a total row, and each row's parent.
//! - [`text`]: tab-separated scan-to-text: the header band with each label
//!   in the cell of its first column, the column numbers, the band repeated
//!   per page; faults: a group label drifted right, a leaf label a line low,
//!   rows a column early, long names carried onto their own line, a cell
//!   continued by one word alone on the next line.
//! - [`html`]: a `<table>` whose `<thead>` is the header tree with `rowspan`
//!   and `colspan`; sometimes a table per page, a total label spanning the
//!   columns before the budget.
//! - [`pdf`]: the plan printed with lopdf in Helvetica (real widths): columns
//!   sized to their content, header labels wrapped (and hyphenated) in their
//!   cells, centred or left-aligned, numbers right-aligned, text wrapped, the
//!   header on every page; ruled, unruled, or narrow (portrait, most numbers
//!   broken over two lines).
//! - [`layout`]: the unruled print as `pdftotext -layout` writes it, made from
//!   the same geometry.
//! - [`score`]: the reference scorer (`score_grid.py`) in Rust, with the
//!   `extra` columns scored too (it gives the Python tool's numbers when
//!   they are left out).
//!
//! The layout text imitates poppler closely in its lines and fragments
//! (compared by hand with `pdftotext -layout` of the unruled PDFs: the same
//! line breaks and nearly the same fragments), less so in spacing: real
//! output puts a few more spaces between fragments.

pub mod design;
pub mod html;
pub mod layout;
pub mod pdf;
pub mod score;
pub mod text;

pub use design::Plan;

/// A rendered plan: the input bytes and what was drawn for this format.
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub notes: Vec<String>,
}

/// The formats a plan is rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Text,
    Html,
    PdfRuled,
    PdfUnruled,
    PdfNarrow,
    Layout,
}

impl Form {
    pub const ALL: [Form; 6] = [
        Form::Text,
        Form::Html,
        Form::PdfRuled,
        Form::PdfUnruled,
        Form::PdfNarrow,
        Form::Layout,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Form::Text => "text",
            Form::Html => "html",
            Form::PdfRuled => "pdf_ruled",
            Form::PdfUnruled => "pdf_unruled",
            Form::PdfNarrow => "pdf_narrow",
            Form::Layout => "layout",
        }
    }

    /// The file extension of the rendered input.
    pub fn ext(self) -> &'static str {
        match self {
            Form::Text => "txt",
            Form::Html => "html",
            Form::Layout => "layout.txt",
            _ => "pdf",
        }
    }

    pub fn format(self) -> renaksi::Format {
        match self {
            Form::Text => renaksi::Format::Text,
            Form::Html => renaksi::Format::Html,
            Form::Layout => renaksi::Format::Layout,
            _ => renaksi::Format::Pdf,
        }
    }

    /// Renders `plan` in this format.
    pub fn render(self, plan: &Plan) -> Rendered {
        match self {
            Form::Text => text::render(plan),
            Form::Html => html::render(plan),
            Form::PdfRuled => pdf::render(plan, pdf::Variant::Ruled),
            Form::PdfUnruled => pdf::render(plan, pdf::Variant::Unruled),
            Form::PdfNarrow => pdf::render(plan, pdf::Variant::Narrow),
            Form::Layout => layout::render(plan),
        }
    }
}
