//! Fonts as text extraction needs them: how a string splits into codes, the
//! text of each code, its advance width, and whether the font is bold.
//!
//! Text comes from `/ToUnicode` first (read here, whatever `/Encoding`
//! says), then from the encoding (`/BaseEncoding` and `/Differences` glyph
//! names, `uniXXXX` names included), then from the code itself. Widths come
//! from `/Widths` (simple fonts), `/W` and `/DW` (CID fonts), the standard 14
//! fonts' metrics when a simple font has none, and `/FontMatrix` for Type3.

use super::tables;
use super::{deref, num as number};
use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;

/// The most bytes of a `/ToUnicode` stream read.
const MAX_CMAP_BYTES: usize = 4 << 20;
/// The most code mappings kept from one `/ToUnicode` CMap.
const MAX_CMAP_ENTRIES: usize = 1 << 17;

/// A font of a page.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    /// Bytes per code: 1 for simple fonts, 2 for composite (Type0) fonts.
    pub(crate) code_len: usize,
    to_unicode: HashMap<u32, String>,
    /// The encoding of a simple font, by code.
    encoding: Option<Box<[char; 256]>>,
    widths: Widths,
    /// Glyph space to text space (1/1000 except for Type3 fonts).
    scale: f64,
    pub(crate) bold: bool,
}

#[derive(Debug, Clone)]
enum Widths {
    Simple {
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
    Standard(&'static [(char, u16)]),
    Cid {
        ranges: Vec<(u32, u32, f64)>,
        default: f64,
    },
    Fixed(f64),
}

fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let obj = dict.get(key).ok()?;
    match obj {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    match get(doc, d, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    match get(doc, d, key)? {
        Object::Name(n) => Some(n),
        _ => None,
    }
}

fn array<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Vec<Object>> {
    match get(doc, d, key)? {
        Object::Array(a) => Some(a),
        _ => None,
    }
}

impl Font {
    /// Reads a font dictionary.
    pub(crate) fn load(doc: &Document, font: &Dictionary) -> Font {
        let subtype = name(doc, font, b"Subtype").unwrap_or(b"Type1");
        let base = name(doc, font, b"BaseFont").unwrap_or(b"");
        // `ABCDEF+Name`: a subset prefix says nothing of the font.
        let base = match base.iter().position(|&b| b == b'+') {
            Some(6) => &base[7..],
            _ => base,
        };
        let composite = subtype == b"Type0";
        let descendant = if composite {
            array(doc, font, b"DescendantFonts")
                .and_then(|a| a.first())
                .and_then(|o| match deref(doc, o) {
                    Object::Dictionary(d) => Some(d),
                    _ => None,
                })
        } else {
            None
        };
        let descriptor = dict(doc, descendant.unwrap_or(font), b"FontDescriptor");
        let bold = is_bold_name(base)
            || descriptor.is_some_and(|d| {
                get(doc, d, b"FontWeight")
                    .and_then(number)
                    .is_some_and(|w| w >= 600.0)
                    || get(doc, d, b"Flags")
                        .and_then(number)
                        .is_some_and(|f| (f as i64) & (1 << 18) != 0)
            });
        let to_unicode = match get(doc, font, b"ToUnicode") {
            Some(Object::Stream(s)) => s
                .decompressed_content_with_limit(MAX_CMAP_BYTES)
                .map(|bytes| parse_cmap(&bytes))
                .unwrap_or_default(),
            _ => HashMap::new(),
        };
        let scale = if subtype == b"Type3" {
            array(doc, font, b"FontMatrix")
                .and_then(|m| m.first())
                .and_then(number)
                .filter(|v| v.is_finite() && *v != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        if composite {
            let widths = match descendant {
                Some(d) => Widths::Cid {
                    ranges: cid_widths(doc, d),
                    default: get(doc, d, b"DW").and_then(number).unwrap_or(1000.0),
                },
                None => Widths::Fixed(1000.0),
            };
            return Font {
                code_len: 2,
                to_unicode,
                encoding: None,
                widths,
                scale,
                bold,
            };
        }
        let widths = match array(doc, font, b"Widths") {
            Some(ws) => Widths::Simple {
                first: get(doc, font, b"FirstChar")
                    .and_then(number)
                    .map_or(0, |f| f.clamp(0.0, 255.0) as u32),
                widths: ws
                    .iter()
                    .take(256)
                    .map(|w| number(deref(doc, w)).unwrap_or(0.0))
                    .collect(),
                missing: descriptor
                    .and_then(|d| get(doc, d, b"MissingWidth"))
                    .and_then(number)
                    .unwrap_or(0.0),
            },
            None => standard_widths(base),
        };
        Font {
            code_len: 1,
            to_unicode,
            encoding: Some(simple_encoding(doc, font, base)),
            widths,
            scale,
            bold,
        }
    }

    /// The codes of a shown string.
    pub(crate) fn codes<'a>(&self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        let len = self.code_len;
        bytes
            .chunks(len)
            .map(|c| c.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b)))
    }

    /// The text of one code, appended to `out`.
    pub(crate) fn text(&self, code: u32, out: &mut String) {
        if let Some(t) = self.to_unicode.get(&code) {
            out.push_str(t);
            return;
        }
        if let Some(enc) = &self.encoding {
            if let Some(&c) = enc.get(code as usize) {
                if c != '\0' {
                    out.push(c);
                    return;
                }
            }
        }
        // No mapping: a printable code stands for itself, anything else is
        // shown as the replacement character.
        match char::from_u32(code) {
            Some(c) if self.code_len == 1 && (c.is_ascii_graphic() || c == ' ') => out.push(c),
            _ => out.push(char::REPLACEMENT_CHARACTER),
        }
    }

    /// The advance of one code in text space units per unit of font size.
    pub(crate) fn width(&self, code: u32) -> f64 {
        let w = match &self.widths {
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Standard(table) => {
                let c = self
                    .encoding
                    .as_ref()
                    .and_then(|e| e.get(code as usize).copied())
                    .unwrap_or('\0');
                table
                    .binary_search_by_key(&c, |&(ch, _)| ch)
                    .map_or(500.0, |i| f64::from(table[i].1))
            }
            Widths::Cid { ranges, default } => ranges
                .iter()
                .find(|&&(lo, hi, _)| lo <= code && code <= hi)
                .map_or(*default, |&(_, _, w)| w),
            Widths::Fixed(w) => *w,
        };
        w * self.scale
    }
}

fn is_bold_name(base: &[u8]) -> bool {
    let lower: Vec<u8> = base.iter().map(u8::to_ascii_lowercase).collect();
    let has = |n: &[u8]| lower.windows(n.len()).any(|w| w == n);
    has(b"bold") || has(b"black") || has(b"heavy") || has(b"semibold") || has(b"demi")
}

/// The standard 14 fonts' metrics for a simple font that has no `/Widths`.
fn standard_widths(base: &[u8]) -> Widths {
    let lower = String::from_utf8_lossy(base).to_ascii_lowercase();
    let bold = is_bold_name(base);
    let italic = lower.contains("italic") || lower.contains("oblique");
    if lower.contains("courier") || lower.contains("mono") {
        return Widths::Fixed(600.0);
    }
    if lower.contains("symbol") || lower.contains("dingbats") {
        return Widths::Fixed(500.0);
    }
    let times = lower.contains("times") || lower.contains("serif") && !lower.contains("sans");
    Widths::Standard(match (times, bold, italic) {
        (true, false, false) => tables::TIMES_ROMAN,
        (true, true, false) => tables::TIMES_BOLD,
        (true, false, true) => tables::TIMES_ITALIC,
        (true, true, true) => tables::TIMES_BOLD_ITALIC,
        (false, false, _) => tables::HELVETICA,
        (false, true, _) => tables::HELVETICA_BOLD,
    })
}

/// A simple font's code → character table: its base encoding (the font's
/// own for standard fonts) with `/Differences` applied.
fn simple_encoding(doc: &Document, font: &Dictionary, base: &[u8]) -> Box<[char; 256]> {
    let symbolic = base.starts_with(b"Symbol") || base.starts_with(b"ZapfDingbats");
    let default = if symbolic {
        tables::STANDARD
    } else {
        tables::WIN_ANSI
    };
    let mut table = Box::new(default);
    let by_name = |n: &[u8]| -> [char; 256] {
        match n {
            b"WinAnsiEncoding" => tables::WIN_ANSI,
            b"MacRomanEncoding" => tables::MAC_ROMAN,
            b"StandardEncoding" => tables::STANDARD,
            _ => default,
        }
    };
    match get(doc, font, b"Encoding") {
        Some(Object::Name(n)) => *table = by_name(n),
        Some(Object::Dictionary(d)) => {
            if let Some(n) = name(doc, d, b"BaseEncoding") {
                *table = by_name(n);
            }
            if let Some(diffs) = array(doc, d, b"Differences") {
                let mut code: Option<usize> = None;
                for item in diffs {
                    match deref(doc, item) {
                        Object::Integer(i) => code = usize::try_from(*i).ok(),
                        Object::Name(n) => {
                            if let Some(c) = code.filter(|&c| c < 256) {
                                if let Some(ch) = glyph_char(n) {
                                    table[c] = ch;
                                }
                                code = Some(c + 1);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        _ => {}
    }
    table
}

/// The character a glyph name stands for: the Latin set's names, `uniXXXX`,
/// `uXXXX[XX]`, and `name.suffix` variants.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    let name = name.split('.').next().unwrap_or(name);
    if let Ok(i) = tables::GLYPH_NAMES.binary_search_by_key(&name, |&(n, _)| n) {
        return Some(tables::GLYPH_NAMES[i].1);
    }
    let hex = name
        .strip_prefix("uni")
        .filter(|h| h.len() >= 4)
        .map(|h| &h[..4])
        .or_else(|| {
            name.strip_prefix('u')
                .filter(|h| (4..=6).contains(&h.len()))
        })?;
    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
}

/// A CID font's `/W` array in both forms: `c [w1 w2 …]` and `c1 c2 w`.
fn cid_widths(doc: &Document, font: &Dictionary) -> Vec<(u32, u32, f64)> {
    let mut out = Vec::new();
    let Some(w) = array(doc, font, b"W") else {
        return out;
    };
    let mut i = 0;
    while i < w.len() && out.len() < MAX_CMAP_ENTRIES {
        let Some(first) = number(deref(doc, &w[i])).map(|f| f.max(0.0) as u32) else {
            i += 1;
            continue;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, v) in ws.iter().enumerate().take(MAX_CMAP_ENTRIES) {
                    if let Some(v) = number(deref(doc, v)) {
                        let c = first.saturating_add(k as u32);
                        out.push((c, c, v));
                    }
                }
                i += 2;
            }
            Some(last) => {
                let last = number(last).map_or(first, |l| l.max(0.0) as u32);
                let v = w
                    .get(i + 2)
                    .and_then(|o| number(deref(doc, o)))
                    .unwrap_or(1000.0);
                out.push((first, last, v));
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// Reads the `bfchar` and `bfrange` mappings of a `/ToUnicode` CMap.
pub(crate) fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let tokens = cmap_tokens(data);
    let mut i = 0;
    while i < tokens.len() && out.len() < MAX_CMAP_ENTRIES {
        match &tokens[i] {
            Tok::Word(w) if w == b"beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() {
                    match (&tokens[i], &tokens[i + 1]) {
                        (Tok::Hex(src), Tok::Hex(dst)) => {
                            out.insert(code_of(src), utf16_text(dst));
                            i += 2;
                        }
                        _ => break,
                    }
                }
            }
            Tok::Word(w) if w == b"beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() {
                    let (Tok::Hex(lo), Tok::Hex(hi)) = (&tokens[i], &tokens[i + 1]) else {
                        break;
                    };
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    let count = hi.saturating_sub(lo).min(MAX_CMAP_ENTRIES as u32);
                    match &tokens[i + 2] {
                        Tok::Hex(dst) => {
                            let mut units: Vec<u16> = dst
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                                .collect();
                            for k in 0..=count {
                                out.insert(lo + k, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                        }
                        Tok::Array(items) => {
                            for (k, dst) in items.iter().enumerate().take(count as usize + 1) {
                                out.insert(lo + k as u32, utf16_text(dst));
                            }
                        }
                        Tok::Word(_) => {}
                    }
                    i += 3;
                }
            }
            _ => i += 1,
        }
    }
    out
}

enum Tok {
    Hex(Vec<u8>),
    Array(Vec<Vec<u8>>),
    Word(Vec<u8>),
}

fn cmap_tokens(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let hex_at = |i: &mut usize| -> Vec<u8> {
        *i += 1;
        let mut digits = Vec::new();
        while let Some(&c) = data.get(*i) {
            *i += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = (c as char).to_digit(16) {
                digits.push(v as u8);
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(0);
        }
        digits.chunks(2).map(|p| p[0] << 4 | p[1]).collect()
    };
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'<' => out.push(Tok::Hex(hex_at(&mut i))),
            b'[' => {
                i += 1;
                let mut items = Vec::new();
                while i < data.len() && data[i] != b']' {
                    if data[i] == b'<' {
                        items.push(hex_at(&mut i));
                    } else {
                        i += 1;
                    }
                }
                i += 1;
                out.push(Tok::Array(items));
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(Tok::Word(data[start..i].to_vec()));
            }
            _ => i += 1,
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
        .collect();
    String::from_utf16_lossy(&units)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_ranges_and_arrays() {
        let cmap = parse_cmap(
            b"/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <0024> <0041> endbfchar\n\
              2 beginbfrange <0010> <0012> <0030> <0020> <0021> [<0066006C> <2013>] endbfrange end",
        );
        assert_eq!(cmap[&3], " ");
        assert_eq!(cmap[&0x24], "A");
        assert_eq!(cmap[&0x12], "2");
        assert_eq!(cmap[&0x20], "fl");
        assert_eq!(cmap[&0x21], "\u{2013}");
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char(b"A"), Some('A'));
        assert_eq!(glyph_char(b"zero"), Some('0'));
        assert_eq!(glyph_char(b"uni20AC"), Some('\u{20ac}'));
        assert_eq!(glyph_char(b"a.sc"), Some('a'));
        assert_eq!(glyph_char(b"g123"), None);
    }
}
