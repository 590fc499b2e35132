//! PDF text layers, read with `lopdf`.
//!
//! A content-stream interpreter turns each page into positioned words and
//! ruling lines ([`crate::geometry::Page`]); the geometry stage turns those
//! into lines of cells. The interpreter tracks the graphics state (`q Q cm`),
//! the text state (`Tc Tw Tz TL Ts Tr Tf`), text positioning (`Td TD Tm T*`)
//! and showing (`Tj TJ ' "`), Form XObjects (`Do`, with their `/Matrix` and
//! `/Resources`, nesting and cycles bounded), and paths: stroked segments and
//! thin filled rectangles (as browsers draw table borders) become rules;
//! clipping paths do not. Invisible text (`3 Tr`) is skipped. Coordinates
//! are those of the page as displayed (`/Rotate` applied), in points, from
//! the top left.
//!
//! Loading is bounded: every stream decompresses to at most
//! [`Options::max_input_bytes`]; a page's words and rules are capped. A file
//! that needs a password is [`ErrorKind::Encrypted`]; one without any text is
//! [`ErrorKind::NoText`]; a repaired cross-reference table or a content stream
//! that stops decoding early is a diagnostic.

mod font;
mod lexer;
mod tables;

use self::font::Font;
use self::lexer::{Lexer, Operand};
use super::{Format, RawDocument, Source};
use crate::diag::{Code, Diagnostic, Severity};
use crate::error::{Error, ErrorKind, Result};
use crate::geometry::{self, Page, Rule, Run};
use crate::Options;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::collections::HashMap;
use std::rc::Rc;

/// The PDF reader.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfSource;

/// The deepest nesting of Form XObjects followed.
const MAX_FORM_DEPTH: usize = 12;
/// The most words kept from one page.
const MAX_RUNS_PER_PAGE: usize = 500_000;
/// The most rules kept from one page.
const MAX_RULES_PER_PAGE: usize = 200_000;
/// The most operators interpreted on one page, forms included.
const MAX_OPS_PER_PAGE: usize = 20_000_000;

impl Source for PdfSource {
    const FORMAT: Format = Format::Pdf;

    fn read<'a>(bytes: &'a [u8], options: &Options) -> Result<RawDocument<'a>> {
        let (pages, diagnostics) = read_pages(bytes, options)?;
        Ok(geometry::raw_document(&pages, diagnostics, options))
    }
}

/// Reads every page of a PDF into positioned words and rules.
pub fn read_pages(bytes: &[u8], options: &Options) -> Result<(Vec<Page>, Vec<Diagnostic>)> {
    let limit = usize::try_from(options.max_input_bytes).unwrap_or(usize::MAX);
    let load = lopdf::LoadOptions {
        max_decompressed_size: Some(limit),
        ..lopdf::LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, load).map_err(load_error)?;
    let pages = doc.get_pages();
    let encrypted = doc.trailer.get(b"Encrypt").is_ok();
    if encrypted && (pages.is_empty() || doc.encryption_state.is_none() && doc.is_encrypted()) {
        return Err(Error::new(ErrorKind::Encrypted));
    }
    if pages.is_empty() {
        return Err(Error::new(ErrorKind::Malformed(
            "the PDF has no pages".into(),
        )));
    }
    let mut diags = Vec::new();
    if let Some(how) = doc.xref_recovery {
        diags.push(Diagnostic::new(
            Severity::Warning,
            Code::DamagedFile,
            format!("the PDF's cross-reference data was damaged and repaired ({how:?}); some objects may be missing"),
        ));
    }
    let mut out = Vec::with_capacity(pages.len());
    let mut fonts: HashMap<usize, Rc<Font>> = HashMap::new();
    for (&number, &page_id) in &pages {
        let page = read_page(&doc, number, page_id, limit, &mut fonts, &mut diags);
        out.push(page);
    }
    if out.iter().all(|p| p.runs.is_empty()) {
        return Err(Error::new(ErrorKind::NoText(
            "the PDF has no text layer (a scanned image?); run OCR first".into(),
        )));
    }
    Ok((out, diags))
}

fn load_error(e: lopdf::Error) -> Error {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    if lower.contains("decrypt") || lower.contains("password") || lower.contains("encrypt") {
        return Error::new(ErrorKind::Encrypted);
    }
    Error::new(ErrorKind::Malformed(format!("not a readable PDF: {text}")))
}

/// An affine matrix `[a b c d e f]`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `n`.
    fn then(&self, n: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [na, nb, nc, nd, ne, nf] = n.0;
        Matrix([
            a * na + b * nc,
            a * nb + b * nd,
            c * na + d * nc,
            c * nb + d * nd,
            e * na + f * nc + ne,
            e * nb + f * nd + nf,
        ])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, op) in m.iter_mut().zip(&ops[ops.len() - 6..]) {
            *slot = op.number()?;
        }
        Some(Matrix(m))
    }

    fn from_object(doc: &Document, obj: Option<&Object>) -> Option<Matrix> {
        let Object::Array(items) = deref(doc, obj?) else {
            return None;
        };
        if items.len() != 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(items) {
            *slot = num(deref(doc, o))?;
        }
        Some(Matrix(m))
    }
}

pub(super) fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(obj),
        other => other,
    }
}

pub(super) fn num(obj: &Object) -> Option<f64> {
    match obj {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

/// A page attribute, inherited through the page tree.
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..32 {
        if let Ok(v) = node.get(key) {
            return Some(deref(doc, v));
        }
        let parent = node.get(b"Parent").ok()?;
        node = match deref(doc, parent) {
            Object::Dictionary(d) => d,
            _ => return None,
        };
    }
    None
}

/// The resource dictionaries in force, nearest first.
#[derive(Clone)]
struct Resources<'d> {
    dicts: Vec<&'d Dictionary>,
}

impl<'d> Resources<'d> {
    fn lookup(&self, doc: &'d Document, category: &[u8], name: &[u8]) -> Option<&'d Object> {
        self.dicts.iter().find_map(|d| {
            let cat = match deref(doc, d.get(category).ok()?) {
                Object::Dictionary(c) => c,
                _ => return None,
            };
            cat.get(name).ok()
        })
    }
}

/// Page rotation and origin: user space to displayed page space.
fn display_matrix(media: [f64; 4], rotate: i64) -> (Matrix, f64, f64) {
    let [x0, y0, x1, y1] = media;
    let (w, h) = (x1 - x0, y1 - y0);
    match rotate.rem_euclid(360) {
        90 => (Matrix([0.0, 1.0, 1.0, 0.0, -y0, -x0]), h, w),
        180 => (Matrix([-1.0, 0.0, 0.0, 1.0, x1, -y0]), w, h),
        270 => (Matrix([0.0, -1.0, -1.0, 0.0, y1, x1]), h, w),
        _ => (Matrix([1.0, 0.0, 0.0, -1.0, -x0, y1]), w, h),
    }
}

fn read_page(
    doc: &Document,
    number: u32,
    page_id: ObjectId,
    limit: usize,
    fonts: &mut HashMap<usize, Rc<Font>>,
    diags: &mut Vec<Diagnostic>,
) -> Page {
    let Ok(page) = doc.get_dictionary(page_id) else {
        return Page::new(number, 0.0, 0.0);
    };
    let media = match inherited(doc, page, b"MediaBox") {
        Some(Object::Array(a)) if a.len() == 4 => {
            let v: Vec<f64> = a.iter().filter_map(|o| num(deref(doc, o))).collect();
            if v.len() == 4 {
                [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ]
            } else {
                [0.0, 0.0, 612.0, 792.0]
            }
        }
        _ => [0.0, 0.0, 612.0, 792.0],
    };
    let rotate = inherited(doc, page, b"Rotate")
        .and_then(num)
        .map_or(0, |r| r as i64);
    let (display, width, height) = display_matrix(media, rotate);
    let mut resources = Resources { dicts: Vec::new() };
    if let Some(Object::Dictionary(r)) = inherited(doc, page, b"Resources") {
        resources.dicts.push(r);
    }
    let content = match doc.get_page_content_with_limit(page_id, limit) {
        Ok(c) => c,
        Err(e) => {
            diags.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::DamagedFile,
                    format!(
                        "page {number}: its content could not be read ({e}); the page is left out"
                    ),
                )
                .at(number, 0),
            );
            return Page::new(number, width, height);
        }
    };
    let mut interp = Interp {
        doc,
        fonts,
        page: Page::new(number, width, height),
        word: None,
        path: Path::default(),
        forms: Vec::new(),
        ops: 0,
        skipped: 0,
        cut_short: false,
        limit,
    };
    interp.run(&content, &resources, display);
    interp.flush();
    if interp.skipped > 0 || interp.cut_short {
        diags.push(
            Diagnostic::new(
                Severity::Warning,
                Code::DamagedFile,
                format!(
                    "page {number}: the content stream {}; text after the damage may be missing",
                    if interp.cut_short {
                        "ends in the middle of an operation".to_string()
                    } else {
                        format!("has {} bytes that are not PDF syntax", interp.skipped)
                    }
                ),
            )
            .at(number, 0),
        );
    }
    if interp.ops >= MAX_OPS_PER_PAGE
        || interp.page.runs.len() >= MAX_RUNS_PER_PAGE
        || interp.page.rules.len() >= MAX_RULES_PER_PAGE
    {
        diags.push(
            Diagnostic::new(
                Severity::Error,
                Code::LimitReached,
                format!("page {number}: too many operators, words or lines; the rest of the page was not read"),
            )
            .at(number, 0),
        );
    }
    let mut page = interp.page;
    page.runs
        .sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x0.total_cmp(&b.x0)));
    page
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

#[derive(Default)]
struct Path {
    /// Subpaths, in display coordinates.
    subpaths: Vec<Vec<(f64, f64)>>,
    /// Rectangles (`re`), as their four corners in display coordinates.
    rects: Vec<[(f64, f64); 4]>,
}

struct WordBuilder {
    run: Run,
}

struct Interp<'d, 'f> {
    doc: &'d Document,
    fonts: &'f mut HashMap<usize, Rc<Font>>,
    page: Page,
    word: Option<WordBuilder>,
    path: Path,
    /// Form XObjects being interpreted, for the cycle guard.
    forms: Vec<usize>,
    ops: usize,
    skipped: usize,
    cut_short: bool,
    limit: usize,
}

impl<'d> Interp<'d, '_> {
    fn full(&self) -> bool {
        self.ops >= MAX_OPS_PER_PAGE
            || self.page.runs.len() >= MAX_RUNS_PER_PAGE
            || self.page.rules.len() >= MAX_RULES_PER_PAGE
    }

    fn run(&mut self, content: &[u8], resources: &Resources<'d>, base: Matrix) {
        let mut lexer = Lexer::new(content);
        let mut gs = GState {
            ctm: base,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        };
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        while let Some((op, args)) = lexer.next_op() {
            self.ops += 1;
            if self.full() {
                break;
            }
            let n = |i: usize| args.get(i).and_then(Operand::number).unwrap_or(0.0);
            match op {
                b"q" if stack.len() < 256 => stack.push(gs.clone()),
                b"Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                b"cm" => {
                    if let Some(m) = Matrix::from_operands(&args) {
                        gs.ctm = m.then(&gs.ctm);
                    }
                }
                b"BT" => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                b"ET" => self.flush(),
                b"Tc" => gs.char_space = n(0),
                b"Tw" => gs.word_space = n(0),
                b"Tz" => gs.hscale = n(0) / 100.0,
                b"TL" => gs.leading = n(0),
                b"Ts" => gs.rise = n(0),
                b"Tr" => gs.render = n(0) as i64,
                b"Tf" => {
                    gs.size = n(1);
                    gs.font = match args.first() {
                        Some(Operand::Name(name)) => self.font(resources, name),
                        _ => None,
                    };
                }
                b"Td" => {
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"TD" => {
                    gs.leading = -n(1);
                    tlm = Matrix::translate(n(0), n(1)).then(&tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    if let Some(m) = Matrix::from_operands(&args) {
                        tlm = m;
                        tm = m;
                    }
                }
                b"T*" => {
                    tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op == b"\"" {
                        gs.word_space = n(0);
                        gs.char_space = n(1);
                    }
                    if op != b"Tj" {
                        tlm = Matrix::translate(0.0, -gs.leading).then(&tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(s)) = args.last() {
                        self.show(s, &gs, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = args.last() {
                        for item in items {
                            match item {
                                Operand::Str(s) => self.show(s, &gs, &mut tm),
                                Operand::Number(adj) => {
                                    let tx = -adj / 1000.0 * gs.size * gs.hscale;
                                    tm = Matrix::translate(tx, 0.0).then(&tm);
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"m" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    self.path.subpaths.push(vec![p]);
                }
                b"l" => {
                    let p = gs.ctm.apply(n(0), n(1));
                    match self.path.subpaths.last_mut() {
                        Some(sp) if sp.len() < 4096 => sp.push(p),
                        Some(_) => {}
                        None => self.path.subpaths.push(vec![p]),
                    }
                }
                b"c" | b"v" | b"y" => {
                    // Curves are never table rules: end the subpath at their end point.
                    let k = if op == b"c" { 4 } else { 2 };
                    let p = gs.ctm.apply(n(k), n(k + 1));
                    self.path.subpaths.push(vec![p]);
                }
                b"h" => {
                    if let Some(sp) = self.path.subpaths.last_mut() {
                        if let Some(&first) = sp.first() {
                            if sp.len() > 1 {
                                sp.push(first);
                            }
                        }
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    if self.path.rects.len() < 65536 {
                        self.path.rects.push([
                            gs.ctm.apply(x, y),
                            gs.ctm.apply(x + w, y),
                            gs.ctm.apply(x + w, y + h),
                            gs.ctm.apply(x, y + h),
                        ]);
                    }
                }
                b"S" | b"s" => self.paint(true, false),
                b"f" | b"F" | b"f*" => self.paint(false, true),
                b"B" | b"B*" | b"b" | b"b*" => self.paint(true, true),
                b"n" => self.path = Path::default(),
                b"Do" => {
                    if let Some(Operand::Name(name)) = args.first() {
                        self.flush();
                        self.form(resources, name, gs.ctm);
                    }
                }
                _ => {}
            }
        }
        self.skipped += lexer.skipped;
        self.cut_short |= lexer.cut_short;
    }

    fn font(&mut self, resources: &Resources<'d>, name: &[u8]) -> Option<Rc<Font>> {
        let obj = resources.lookup(self.doc, b"Font", name)?;
        let key = match obj {
            Object::Reference((n, g)) => (*n as usize) << 16 | *g as usize,
            other => other as *const Object as usize,
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(Rc::clone(f));
        }
        let Object::Dictionary(dict) = deref(self.doc, obj) else {
            return None;
        };
        let font = Rc::new(Font::load(self.doc, dict));
        self.fonts.insert(key, Rc::clone(&font));
        Some(font)
    }

    fn form(&mut self, resources: &Resources<'d>, name: &[u8], ctm: Matrix) {
        if self.forms.len() >= MAX_FORM_DEPTH {
            return;
        }
        let Some(obj) = resources.lookup(self.doc, b"XObject", name) else {
            return;
        };
        let key = match obj {
            Object::Reference((n, g)) => (*n as usize) << 16 | *g as usize,
            other => other as *const Object as usize,
        };
        if self.forms.contains(&key) {
            return;
        }
        let Object::Stream(stream) = deref(self.doc, obj) else {
            return;
        };
        if !matches!(stream.dict.get(b"Subtype"), Ok(Object::Name(n)) if n == b"Form") {
            return;
        }
        let Some(content) = self.stream_content(stream) else {
            return;
        };
        let matrix = Matrix::from_object(self.doc, stream.dict.get(b"Matrix").ok())
            .unwrap_or(Matrix::IDENTITY);
        let mut inner = resources.clone();
        if let Ok(r) = stream.dict.get(b"Resources") {
            if let Object::Dictionary(d) = deref(self.doc, r) {
                inner.dicts.insert(0, d);
            }
        }
        self.forms.push(key);
        self.run(&content, &inner, matrix.then(&ctm));
        self.forms.pop();
    }

    fn stream_content(&mut self, stream: &Stream) -> Option<Vec<u8>> {
        if stream.dict.get(b"Filter").is_err() {
            return Some(stream.content.clone());
        }
        match stream.decompressed_content_with_limit(self.limit) {
            Ok(c) => Some(c),
            Err(_) => {
                self.cut_short = true;
                None
            }
        }
    }

    /// Shows one string: each code becomes a glyph at its position.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let invisible = gs.render == 3 || gs.render == 7;
        let bold = font.bold || gs.render == 2;
        let mut text = String::new();
        for code in font.codes(bytes) {
            let w = font.width(code);
            let single_space = font.code_len == 1 && code == 32;
            let advance =
                (w * gs.size + gs.char_space + if single_space { gs.word_space } else { 0.0 })
                    * gs.hscale;
            if !invisible {
                let trm = Matrix([gs.size * gs.hscale, 0.0, 0.0, gs.size, 0.0, gs.rise])
                    .then(tm)
                    .then(&gs.ctm);
                let (x0, y0) = trm.apply(0.0, 0.0);
                let (x1, y1) = trm.apply(w, 0.0);
                let (_, top) = trm.apply(0.0, 1.0);
                let size = (top - y0).abs().max((x1 - x0).abs().min(1e-3));
                text.clear();
                font.text(code, &mut text);
                // Text running top to bottom or bottom to top is read by its x.
                self.glyph(x0.min(x1), x0.max(x1), (y0 + y1) / 2.0, size, bold, &text);
            }
            *tm = Matrix::translate(advance, 0.0).then(tm);
        }
    }

    /// Adds a glyph to the current word, or starts a new one.
    fn glyph(&mut self, x0: f64, x1: f64, y: f64, size: f64, bold: bool, text: &str) {
        if !(x0.is_finite() && x1.is_finite() && y.is_finite() && size.is_finite()) {
            return;
        }
        if text.chars().all(char::is_whitespace) {
            self.flush();
            return;
        }
        let size = size.max(0.1);
        if let Some(w) = &mut self.word {
            let r = &mut w.run;
            let same_line = (r.y - y).abs() <= 0.3 * size.min(r.size);
            let touching = x0 >= r.x1 - 0.35 * size && x0 <= r.x1 + 0.15 * size;
            if same_line && touching && r.bold == bold {
                r.text.push_str(text);
                r.x1 = r.x1.max(x1);
                return;
            }
        }
        self.flush();
        self.word = Some(WordBuilder {
            run: Run {
                x0,
                x1,
                y,
                size,
                bold,
                text: text.to_string(),
            },
        });
    }

    fn flush(&mut self) {
        if let Some(w) = self.word.take() {
            if self.page.runs.len() < MAX_RUNS_PER_PAGE {
                self.page.runs.push(w.run);
            }
        }
    }

    /// Paints the current path: axis-parallel stroked segments and thin
    /// filled rectangles are rules.
    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        let mut rules = Vec::new();
        if stroke {
            for sp in &path.subpaths {
                for seg in sp.windows(2) {
                    rules.extend(segment_rule(seg[0], seg[1]));
                }
            }
            for r in &path.rects {
                for k in 0..4 {
                    rules.extend(segment_rule(r[k], r[(k + 1) % 4]));
                }
            }
        }
        if fill {
            let quads = path.rects.iter().copied().chain(
                path.subpaths
                    .iter()
                    .filter(|sp| (4..=5).contains(&sp.len()))
                    .map(|sp| [sp[0], sp[1], sp[2], sp[3]]),
            );
            for q in quads {
                rules.extend(thin_rect_rule(&q));
            }
        }
        let room = MAX_RULES_PER_PAGE.saturating_sub(self.page.rules.len());
        self.page.rules.extend(rules.into_iter().take(room));
    }
}

/// A stroked segment as a rule, if it runs along an axis.
fn segment_rule(a: (f64, f64), b: (f64, f64)) -> Option<Rule> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if !(dx.is_finite() && dy.is_finite()) || dx.max(dy) < 2.0 {
        return None;
    }
    if dy <= 0.5 {
        let y = (a.1 + b.1) / 2.0;
        Some(Rule::new(a.0.min(b.0), y, a.0.max(b.0), y))
    } else if dx <= 0.5 {
        let x = (a.0 + b.0) / 2.0;
        Some(Rule::new(x, a.1.min(b.1), x, a.1.max(b.1)))
    } else {
        None
    }
}

/// A filled rectangle as a rule, if it is thin and axis-parallel.
fn thin_rect_rule(q: &[(f64, f64); 4]) -> Option<Rule> {
    let xs = q.map(|p| p.0);
    let ys = q.map(|p| p.1);
    let (x0, x1) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let (y0, y1) = (
        ys.iter().copied().fold(f64::INFINITY, f64::min),
        ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let (w, h) = (x1 - x0, y1 - y0);
    if !(w.is_finite() && h.is_finite()) {
        return None;
    }
    // Axis-parallel: every corner on the bounding box.
    let on_box = q.iter().all(|p| {
        ((p.0 - x0).abs() < 0.01 || (p.0 - x1).abs() < 0.01)
            && ((p.1 - y0).abs() < 0.01 || (p.1 - y1).abs() < 0.01)
    });
    if !on_box {
        return None;
    }
    if h <= 2.5 && w >= 2.0 && w > h {
        let y = (y0 + y1) / 2.0;
        Some(Rule::new(x0, y, x1, y))
    } else if w <= 2.5 && h >= 2.0 && h > w {
        let x = (x0 + x1) / 2.0;
        Some(Rule::new(x, y0, x, y1))
    } else {
        None
    }
}
