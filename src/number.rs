//! Exact Indonesian-format numbers.
//!
//! Indonesian documents write `5.274.429.360` for five billion and `96,83` for
//! ninety-six point eight three: the dot groups thousands and the comma marks
//! decimals, the opposite of English. This module turns such tokens into
//! [`rust_decimal::Decimal`] values exactly (the digits are accumulated as
//! integers, never through floating point) and tells apart what is *not* a
//! number: an empty cell, a dash standing for "nil", and codes, dates, ranges
//! and comparisons that only look numeric.
//!
//! The module is usable on its own:
//!
//! ```
//! use renaksi::number::{parse, Parsed};
//! use rust_decimal::Decimal;
//!
//! assert_eq!(parse("5.274.429.360").number(), Some(Decimal::from(5_274_429_360u64)));
//! assert_eq!(parse("96,83").number(), Some(Decimal::new(9683, 2)));
//! assert_eq!(parse("Rp 24.130.000,-").number(), Some(Decimal::from(24_130_000)));
//! assert_eq!(parse("(7.200.000,00)").number(), Some(Decimal::new(-720_000_000, 2)));
//! assert!(parse("-").is_nil());
//! assert!(parse("").is_empty());
//! assert!(parse("5.1.02.01.01.0026").number().is_none()); // an account code
//! ```
//!
//! A token such as `1.234` is ambiguous on its own (one thousand two hundred
//! thirty-four, or one point two three four). [`parse`] reads it the
//! Indonesian way; [`parse_as`] lets the column decide ([`NumberKind::Money`]
//! and [`NumberKind::Count`] read groups of three as thousands,
//! [`NumberKind::Percent`] reads them as decimals) and the result records the
//! other reading in [`Number::alternative`].

use rust_decimal::Decimal;
use std::fmt;

/// What a column holds, as far as reading its numbers is concerned.
///
/// It only matters for tokens that are ambiguous on their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NumberKind {
    /// No knowledge of the column: ambiguous tokens are read the Indonesian way.
    #[default]
    Any,
    /// Amounts of money (Rupiah): a group of three digits after the last
    /// separator is a thousands group (`2.771,414` → 2771414, `1,234` → 1234).
    Money,
    /// Counts of things: `2.000` is two thousand.
    Count,
    /// Percentages and ratios: `1.234` is one point two three four.
    Percent,
}

/// A number read from a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The exact value, with the scale the token was written with
    /// (`0,00` has scale 2).
    pub value: Decimal,
    /// The token carried a `%` sign.
    pub percent: bool,
    /// The token carried a currency mark (`Rp`, `IDR`) or a `,-` ending.
    pub currency: bool,
    /// The token was ambiguous on its own; this is the reading that was *not*
    /// chosen. `None` when the token has only one reading.
    pub alternative: Option<Decimal>,
}

/// Why a non-empty token that looks numeric is not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotNumber {
    /// A dotted code such as `5.1.02.01.01.0026` or `1.20.1.20.10.01.001`.
    Code,
    /// A date such as `12/01/2023` or `2023-01-12`.
    Date,
    /// A range such as `69,1-69,5`, `0 - 5` or `10 s.d. 20`.
    Range,
    /// A comparison such as `≤ 50 %` or `> 10`.
    Comparison,
    /// Digits beyond what an exact decimal can hold (28 significant digits).
    Overflow,
    /// Anything else: words, mixed text.
    Text,
}

impl NotNumber {
    /// A stable lower-case name: `code`, `date`, `range`, `comparison`,
    /// `overflow`, `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            NotNumber::Code => "code",
            NotNumber::Date => "date",
            NotNumber::Range => "range",
            NotNumber::Comparison => "comparison",
            NotNumber::Overflow => "overflow",
            NotNumber::Text => "text",
        }
    }
}

impl fmt::Display for NotNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reading of one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Nothing but white space.
    Empty,
    /// A dash or `n/a` standing for "no value" — distinct from zero.
    Nil,
    /// A number.
    Number(Number),
    /// Not a number, and why.
    NotNumber(NotNumber),
}

impl Parsed {
    /// The value, when the token is a number.
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Parsed::Number(n) => Some(n.value),
            _ => None,
        }
    }

    /// The token stands for "no value" (`-`, `–`, `—`, `n/a`, `NA`).
    pub fn is_nil(&self) -> bool {
        matches!(self, Parsed::Nil)
    }

    /// The token is empty or white space.
    pub fn is_empty(&self) -> bool {
        matches!(self, Parsed::Empty)
    }
}

/// Reads a token with no knowledge of its column.
///
/// Ambiguous tokens are read the Indonesian way (`1.234` → 1234, `1,234` →
/// 1.234) and record the other reading.
pub fn parse(token: &str) -> Parsed {
    parse_as(token, NumberKind::Any)
}

/// Reads a token from a column holding `kind`.
pub fn parse_as(token: &str, kind: NumberKind) -> Parsed {
    let t = trim(token);
    if t.is_empty() {
        return Parsed::Empty;
    }
    if is_nil(t) {
        return Parsed::Nil;
    }
    // Digits and separators only, the common case: no sign, currency,
    // percent or range to look for.
    if t.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        match Body::scan(t) {
            Scan::Body(body) => {
                return match body.number(kind, false, false, false) {
                    Ok(n) => Parsed::Number(n),
                    Err(why) => Parsed::NotNumber(why),
                }
            }
            Scan::Malformed => return Parsed::NotNumber(NotNumber::Text),
            Scan::Other => {}
        }
    } else if !has_digit(t.as_bytes()) {
        // Without a digit a token is text, or a comparison by its first
        // sign (`≥ …`); a word that opens comparisons (`minimal`, `maks`)
        // with no quantity after it is a word (`pelayanan` / `minimal`).
        let sign = t.starts_with(['<', '>', '≤', '≥', '=', '±', '~', '≈']);
        return Parsed::NotNumber(if sign {
            NotNumber::Comparison
        } else {
            NotNumber::Text
        });
    }
    match read_number(t, kind) {
        Ok(n) => Parsed::Number(n),
        Err(why) => Parsed::NotNumber(why),
    }
}

/// `bytes` hold an ASCII digit; eight bytes are looked at at once (texts
/// without one are read to the end).
pub(crate) fn has_digit(bytes: &[u8]) -> bool {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Added to a byte below 0x80, these set its high bit from `0` on, and
    // from the byte after `9` on; no carry crosses into the next byte.
    const FROM_ZERO: u64 = u64::from_ne_bytes([0x80 - b'0'; 8]);
    const PAST_NINE: u64 = u64::from_ne_bytes([0x80 - b'9' - 1; 8]);
    let (blocks, rest) = bytes.as_chunks::<8>();
    for block in blocks {
        let x = u64::from_ne_bytes(*block);
        let low = x & LOW7;
        if (low + FROM_ZERO) & !(low + PAST_NINE) & !x & HIGH != 0 {
            return true;
        }
    }
    rest.iter().any(u8::is_ascii_digit)
}

/// Writes a decimal the Indonesian way: dots between thousands, a comma
/// before the decimals, a leading `-` when negative.
///
/// ```
/// use renaksi::number::{to_indonesian, parse};
/// use rust_decimal::Decimal;
/// let d = Decimal::new(-527_442_936_012, 2);
/// assert_eq!(to_indonesian(&d), "-5.274.429.360,12");
/// assert_eq!(parse(&to_indonesian(&d)).number(), Some(d));
/// ```
pub fn to_indonesian(value: &Decimal) -> String {
    let mut out = String::with_capacity(40);
    // Writing to a `String` cannot fail.
    let _ = fmt::Write::write_fmt(&mut out, format_args!("{}", Indonesian(value)));
    out
}

/// A decimal shown the Indonesian way ([`to_indonesian`]) where it is
/// formatted, with no string of its own.
pub(crate) struct Indonesian<'a>(pub &'a Decimal);

impl fmt::Display for Indonesian<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        let long;
        let stack = StackText::<48>::of(&value.abs());
        let plain = match &stack {
            Some(s) => s.as_str(),
            None => {
                long = value.abs().to_string();
                long.as_str()
            }
        };
        let (int, frac) = match plain.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (plain, None),
        };
        if value.is_sign_negative() && !value.is_zero() {
            f.write_str("-")?;
        }
        // The integer part in groups of three, the first group shorter.
        let lead = match int.len() % 3 {
            0 => 3.min(int.len()),
            n => n,
        };
        f.write_str(&int[..lead])?;
        let mut at = lead;
        while at < int.len() {
            f.write_str(".")?;
            f.write_str(&int[at..at + 3])?;
            at += 3;
        }
        if let Some(frac) = frac {
            f.write_str(",")?;
            f.write_str(frac)?;
        }
        Ok(())
    }
}

/// Text of at most `N` bytes written on the stack: a write that does not fit
/// fails.
pub(crate) struct StackText<const N: usize> {
    buf: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    /// `value` written with its `Display`, if it fits.
    pub(crate) fn of(value: &impl fmt::Display) -> Option<StackText<N>> {
        let mut out = StackText {
            buf: [0; N],
            len: 0,
        };
        fmt::Write::write_fmt(&mut out, format_args!("{value}")).ok()?;
        Some(out)
    }

    /// The text written.
    pub(crate) fn as_str(&self) -> &str {
        // Only whole `str`s were written.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl<const N: usize> fmt::Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let room = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        room.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Characters that separate digit groups or pad a token without meaning
/// anything: the no-break space, the thin and narrow no-break spaces, the
/// figure space.
fn is_pad(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}' | '\u{200a}'
    )
}

#[inline(always)]
fn trim(s: &str) -> &str {
    // Most tokens start and end with a visible ASCII character.
    let visible = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii_graphic());
    if visible(s.as_bytes().first()) && visible(s.as_bytes().last()) {
        return s;
    }
    s.trim_matches(|c: char| c.is_whitespace() || is_pad(c) || c == '\u{feff}' || c == '\u{200b}')
}

fn is_nil(t: &str) -> bool {
    matches!(
        t,
        "-" | "--"
            | "---"
            | "–"
            | "—"
            | "−"
            | "‐"
            | "-,-"
            | "-,00"
            | "n/a"
            | "N/A"
            | "N/a"
            | "NA"
            | "na"
            | "n.a"
            | "n.a."
            | "N.A."
            | "N.A"
    )
}

/// `s` less `prefix`, matched in any ASCII case.
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Removes a currency mark and a `,-` ending; reports whether there was one.
fn strip_currency(t: &str) -> (&str, bool) {
    let mut s = t;
    let mut currency = false;
    for prefix in ["Rp.", "Rp", "IDR"] {
        if let Some(rest) = strip_prefix_ci(s, prefix) {
            // `Rp` must be followed by the number, not by more letters.
            if rest.chars().next().is_none_or(|c| !c.is_alphabetic()) {
                s = trim(rest);
                currency = true;
                break;
            }
        }
    }
    for ending in [",-", ".-", ",--"] {
        if let Some(rest) = s.strip_suffix(ending) {
            s = trim(rest);
            currency = true;
            break;
        }
    }
    (s, currency)
}

#[inline(never)]
fn read_number(t: &str, kind: NumberKind) -> Result<Number, NotNumber> {
    if let Some(why) = looks_like_not_number(t) {
        return Err(why);
    }
    // Words: a number has no letters but its currency marks, at most two
    // of them (`IDR -IDR 5`), six letters in all.
    if t.bytes().filter(u8::is_ascii_alphabetic).nth(6).is_some() {
        return Err(NotNumber::Text);
    }
    // Sign in parentheses: (7.200.000,00)
    let (mut s, mut negative) = match t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        Some(inner) => (trim(inner), true),
        None => (t, false),
    };
    let (rest, currency_before) = strip_currency(s);
    s = rest;
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        s = trim(rest);
        percent = true;
    }
    if !negative {
        for minus in ['-', '\u{2212}', '\u{2013}'] {
            if let Some(rest) = s.strip_prefix(minus) {
                s = trim(rest);
                negative = true;
                break;
            }
        }
    } else if s.starts_with(['-', '\u{2212}']) {
        return Err(NotNumber::Text);
    }
    // A currency mark may also follow the sign: -Rp 5.000
    let (rest, currency_after) = strip_currency(s);
    s = rest;
    if let Some(rest) = s.strip_prefix('+') {
        s = rest;
    }
    let currency = currency_before || currency_after;
    let Scan::Body(body) = Body::scan(s) else {
        return Err(NotNumber::Text);
    };
    body.number(kind, negative, percent, currency)
}

/// A comparison by its first character or word (`≤ 50`, `maks. 10`).
fn comparison(t: &str) -> Option<NotNumber> {
    let first = t.chars().next()?;
    if matches!(first, '<' | '>' | '≤' | '≥' | '=' | '±' | '~' | '≈') {
        return Some(NotNumber::Comparison);
    }
    if !matches!(first, 'm' | 'M') {
        return None;
    }
    ["maks", "min.", "minimal", "max"]
        .iter()
        .any(|w| strip_prefix_ci(t, w).is_some())
        .then_some(NotNumber::Comparison)
}

/// Quick rejections that must happen before signs are stripped: ranges,
/// comparisons and dates.
fn looks_like_not_number(t: &str) -> Option<NotNumber> {
    if let Some(why) = comparison(t) {
        return Some(why);
    }
    // A dash or "s.d."/"s/d"/"sd"/"sampai" between two numbers is a range.
    // Bytes, not characters: every character looked for starts with a byte
    // no other character contains.
    let bytes = t.as_bytes();
    let first_digit = bytes.iter().position(u8::is_ascii_digit)?;
    let mut i = first_digit;
    loop {
        // Straight to the next byte that may start a dash, a range word or
        // a date's slash.
        i += 1;
        while i < bytes.len() && !STARTS_RANGE[usize::from(bytes[i])] {
            i += 1;
        }
        if i >= bytes.len() {
            return None;
        }
        let dash = match bytes[i] {
            b'-' => 1,
            // U+2013, U+2014, U+2212.
            0xe2 if ["\u{2013}", "\u{2014}", "\u{2212}"]
                .iter()
                .any(|d| bytes[i..].starts_with(d.as_bytes())) =>
            {
                3
            }
            b's' | b'S' => {
                let after = &t[i..];
                if ["s.d", "s/d", "sd ", "sampai"]
                    .iter()
                    .any(|w| strip_prefix_ci(after, w).is_some())
                {
                    return Some(NotNumber::Range);
                }
                continue;
            }
            b'/' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                return Some(NotNumber::Date);
            }
            _ => continue,
        };
        let after = trim(&t[i + dash..]);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            // 2023-01-12 is a date, 69,1-69,5 a range.
            if is_iso_date(t) {
                return Some(NotNumber::Date);
            }
            return Some(NotNumber::Range);
        }
    }
}

/// The bytes [`looks_like_not_number`] stops at: `-`, the first byte of
/// U+2013, U+2014 and U+2212, `s` and `S`, `/`.
const STARTS_RANGE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'-' as usize] = true;
    t[0xe2] = true;
    t[b's' as usize] = true;
    t[b'S' as usize] = true;
    t[b'/' as usize] = true;
    t
};

fn is_iso_date(t: &str) -> bool {
    let mut parts = 0;
    let mut four = false;
    for (k, p) in t.split('-').enumerate() {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
        four |= p.len() == 4 && (k == 0 || k == 2);
        parts += 1;
    }
    parts == 3 && four
}

/// The digits of a number with its separators (`.`, `,`, or a space-like
/// character that only groups thousands), described in one pass without
/// copying: how the groups between separators are sized, which separators
/// occur, and the digits' value as an integer.
struct Body<'a> {
    s: &'a str,
    /// Separators.
    seps: usize,
    /// Separators of each kind.
    dots: usize,
    commas: usize,
    spaces: usize,
    /// The last separator (`' '` for any space-like one).
    last: char,
    /// Byte offsets of the last separator and of the group after it.
    last_at: usize,
    last_start: usize,
    /// Length of the first group.
    first_len: usize,
    /// Every group between the first and the last has three digits.
    middle_three: bool,
    /// The digits, and their value as an integer while it fits a `u64`.
    digits: usize,
    mantissa: u64,
}

/// What [`Body::scan`] found.
enum Scan<'a> {
    /// Digits and separators, well placed.
    Body(Body<'a>),
    /// Digits and separators only, but a separator leads, trails or is
    /// doubled.
    Malformed,
    /// Some other character.
    Other,
}

/// A separator of a number's digit groups: `.`, `,`, or a space-like one.
fn separator(ch: char) -> Option<char> {
    match ch {
        '.' | ',' => Some(ch),
        c if is_pad(c) || c == ' ' || c == '\'' => Some(' '),
        _ => None,
    }
}

impl<'a> Body<'a> {
    #[inline(always)]
    fn scan(s: &'a str) -> Scan<'a> {
        let mut body = Body {
            s,
            seps: 0,
            dots: 0,
            commas: 0,
            spaces: 0,
            last: ' ',
            last_at: 0,
            last_start: 0,
            first_len: 0,
            middle_three: true,
            digits: 0,
            mantissa: 0,
        };
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut prev_sep = true; // a separator may not lead
        let mut malformed = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() {
                body.mantissa = body
                    .mantissa
                    .wrapping_mul(10)
                    .wrapping_add(u64::from(b - b'0'));
                body.digits += 1;
                prev_sep = false;
                i += 1;
                continue;
            }
            let (sep, len) = if b < 0x80 {
                (separator(char::from(b)), 1)
            } else {
                let ch = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                (separator(ch), ch.len_utf8())
            };
            let Some(sep) = sep else {
                return Scan::Other;
            };
            match sep {
                '.' => body.dots += 1,
                ',' => body.commas += 1,
                _ => body.spaces += 1,
            }
            malformed |= prev_sep;
            let group = i - start;
            if body.seps == 0 {
                body.first_len = group;
            } else if group != 3 {
                body.middle_three = false;
            }
            body.seps += 1;
            body.last = sep;
            body.last_at = i;
            start = i + len;
            body.last_start = start;
            prev_sep = true;
            i += len;
        }
        if malformed || prev_sep {
            return Scan::Malformed;
        }
        Scan::Body(body)
    }

    /// The number these digits make, with the sign and marks read around
    /// them.
    #[inline(always)]
    fn number(
        &self,
        kind: NumberKind,
        negative: bool,
        percent: bool,
        currency: bool,
    ) -> Result<Number, NotNumber> {
        let (value, alternative) = self.value(kind)?;
        let signed = |v: Decimal| if negative { -v } else { v };
        Ok(Number {
            value: signed(value),
            percent,
            currency,
            alternative: alternative.map(signed),
        })
    }

    /// The value with the last `scale` digits after the decimal mark.
    #[inline(always)]
    fn reading(&self, scale: usize) -> Result<Decimal, NotNumber> {
        if self.digits <= 19 {
            let scale = u32::try_from(scale).unwrap_or(u32::MAX);
            // Nineteen digits fit a u64 and at most 19 is a valid scale.
            return Ok(Decimal::from_parts(
                self.mantissa as u32,
                (self.mantissa >> 32) as u32,
                0,
                false,
                scale,
            ));
        }
        exact(self.s, scale)
    }

    /// The digits before the last separator, and after it.
    fn int(&self) -> &'a str {
        &self.s[..self.last_at]
    }

    fn last_group(&self) -> &'a str {
        &self.s[self.last_start..]
    }

    /// The value, and the other reading when ambiguous.
    #[inline(always)]
    fn value(&self, kind: NumberKind) -> Result<(Decimal, Option<Decimal>), NotNumber> {
        let n = self.seps;
        if n == 0 {
            return Ok((self.reading(0)?, None));
        }
        // Groups 0..n (all but the last) are thousands groups.
        let grouped = self.first_len <= 3 && self.middle_three;
        let last_group = self.last_group();
        let last = self.last;
        // Spaces only ever group thousands.
        if self.spaces > 0 {
            let last_kind = match last {
                '.' => self.dots,
                ',' => self.commas,
                _ => self.spaces,
            };
            // Every separator but the spaces is the last one's kind.
            let spaces_ok = self.spaces + last_kind == n || last == ' ';
            let spaces_ok = spaces_ok && (last != ' ' || self.spaces == n);
            if !spaces_ok || !grouped {
                return Err(NotNumber::Text);
            }
            if last == ' ' {
                if last_group.len() != 3 {
                    return Err(NotNumber::Text);
                }
                return Ok((self.reading(0)?, None));
            }
            // 5 274 429,36: the last separator is the decimal mark.
            return Ok((self.reading(last_group.len())?, None));
        }
        if self.dots > 0 && self.commas > 0 {
            // The last separator is the decimal mark and occurs once; the
            // others group thousands.
            let last_count = if last == '.' { self.dots } else { self.commas };
            if last_count > 1 {
                return Err(NotNumber::Text);
            }
            if !grouped {
                return Err(NotNumber::Code);
            }
            let decimal = self.reading(last_group.len())?;
            if last_group.len() == 3 && last == ',' {
                // 2.771,414: a comma misread for a dot is common in scans, and
                // money has no thousandths.
                let thousands = self.reading(0)?;
                return Ok(match kind {
                    NumberKind::Money => (thousands, Some(decimal)),
                    _ => (decimal, Some(thousands)),
                });
            }
            return Ok((decimal, None));
        }
        if n == 1 {
            let (int, frac) = (self.int(), last_group);
            if frac.len() != 3 || int.len() > 3 || int.starts_with('0') {
                // 96,83 / 68.5 / 0,00 / 0.125: a decimal mark either way.
                return Ok((self.reading(frac.len())?, None));
            }
            let thousands = self.reading(0)?;
            let decimal = self.reading(frac.len())?;
            // `1.234` is a thousand the Indonesian way; `1,234` is a decimal.
            let thousands_first = match kind {
                NumberKind::Money | NumberKind::Count => true,
                NumberKind::Percent => false,
                NumberKind::Any => last == '.',
            };
            return Ok(if thousands_first {
                (thousands, Some(decimal))
            } else {
                (decimal, Some(thousands))
            });
        }
        // Several separators of one kind: thousands groups or a code.
        if grouped && last_group.len() == 3 {
            return Ok((self.reading(0)?, None));
        }
        Err(NotNumber::Code)
    }
}

/// An exact decimal from the digits of `s` (anything but a digit, a
/// separator, is passed over), the last `scale` of them after the decimal
/// mark.
fn exact(s: &str, scale: usize) -> Result<Decimal, NotNumber> {
    let mut mantissa: i128 = 0;
    let mut significant = 0usize;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            continue;
        }
        let d = i128::from(b - b'0');
        if mantissa > 0 || d > 0 {
            significant += 1;
        }
        if significant > 28 {
            return Err(NotNumber::Overflow);
        }
        mantissa = mantissa * 10 + d;
    }
    let scale = u32::try_from(scale).map_err(|_| NotNumber::Overflow)?;
    if scale > 28 {
        return Err(NotNumber::Overflow);
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| NotNumber::Overflow)
}

/// The first plausible year (1945–2100) written as four digits in a text.
pub(crate) fn year_in(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<u32>().ok())
        .find(|y| (1945..=2100).contains(y))
}

/// A column number as header bands print them under the labels: `7`, or
/// `(7)` as some agencies write them; at most three digits.
pub(crate) fn column_number(text: &str) -> Option<u32> {
    let digits = text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text);
    if digits.is_empty() || digits.len() > 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_numbers() {
        assert_eq!(column_number("7"), Some(7));
        assert_eq!(column_number("(12)"), Some(12));
        for not in ["", "()", "(7", "1234", "7.", "-1", "(a)"] {
            assert_eq!(column_number(not), None, "{not}");
        }
    }
    use std::str::FromStr;

    /// The eight-at-a-time digit test agrees with the byte-by-byte one, for
    /// every byte at every place of a block and in the tail.
    #[test]
    fn digit_test_by_blocks() {
        for len in 0..20 {
            for at in 0..len {
                for b in 0..=255u8 {
                    let mut bytes = vec![b'x'; len];
                    bytes[at] = b;
                    assert_eq!(
                        has_digit(&bytes),
                        bytes.iter().any(u8::is_ascii_digit),
                        "{b} at {at} of {len}"
                    );
                }
            }
            assert!(!has_digit(&vec![b'/'; len]));
            assert!(!has_digit(&vec![b':'; len]));
            assert!(!has_digit(&vec![0xb0; len]));
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    /// Each case: token, column kind, expected reading.
    #[test]
    fn table() {
        use NumberKind::*;
        enum E {
            N(&'static str),
            Nil,
            Empty,
            Not(NotNumber),
        }
        use E::*;
        let cases: &[(&str, NumberKind, E)] = &[
            ("5.274.429.360", Any, N("5274429360")),
            ("96,83", Any, N("96.83")),
            ("0,00", Any, N("0.00")),
            ("2.000", Count, N("2000")),
            ("29.240", Any, N("29240")),
            ("1500", Any, N("1500")),
            ("0", Money, N("0")),
            ("-", Money, Nil),
            ("–", Any, Nil),
            ("—", Any, Nil),
            ("n/a", Any, Nil),
            ("NA", Any, Nil),
            ("", Any, Empty),
            ("  \u{a0} ", Any, Empty),
            ("Rp 24.130.000,-", Money, N("24130000")),
            ("Rp. 24.130.000,00", Money, N("24130000.00")),
            ("Rp24.130.000", Money, N("24130000")),
            ("IDR 1.000", Money, N("1000")),
            ("IDR -IDR 5.000", Money, N("-5000")),
            ("Rp 5.000 ribu", Money, Not(NotNumber::Text)),
            ("96,83%", Percent, N("96.83")),
            ("96,83 %", Percent, N("96.83")),
            ("(7.200.000,00)", Money, N("-7200000.00")),
            ("-7.200.000", Money, N("-7200000")),
            ("\u{2212}7.200.000", Money, N("-7200000")),
            ("5\u{a0}274\u{a0}429\u{a0}360", Money, N("5274429360")),
            ("5\u{2009}274\u{2009}429,36", Money, N("5274429.36")),
            ("\u{a0}1.500\u{a0}", Count, N("1500")),
            ("1,231,790,000", Money, N("1231790000")),
            ("1,231,790.50", Money, N("1231790.50")),
            ("68.5", Percent, N("68.5")),
            ("68.5", Any, N("68.5")),
            ("1.234", Money, N("1234")),
            ("1.234", Percent, N("1.234")),
            ("1.234", Any, N("1234")),
            ("1,234", Money, N("1234")),
            ("1,234", Any, N("1.234")),
            ("2.771,414", Money, N("2771414")),
            ("2.771,414", Any, N("2771.414")),
            ("0,125", Any, N("0.125")),
            ("5.1.02.01.01.0026", Money, Not(NotNumber::Code)),
            ("1.20.1.20.10.01.001", Any, Not(NotNumber::Code)),
            ("12/01/2023", Any, Not(NotNumber::Date)),
            ("2023-01-12", Any, Not(NotNumber::Date)),
            ("69,1-69,5", Percent, Not(NotNumber::Range)),
            ("0 - 5", Count, Not(NotNumber::Range)),
            ("10 s.d. 20", Count, Not(NotNumber::Range)),
            ("≤ 50 %", Percent, Not(NotNumber::Comparison)),
            ("> 10", Count, Not(NotNumber::Comparison)),
            ("Orang", Count, Not(NotNumber::Text)),
            ("1.2.3,4,5", Any, Not(NotNumber::Text)),
            ("12.34.567", Any, Not(NotNumber::Code)),
            ("1..2", Any, Not(NotNumber::Text)),
            (".5", Any, Not(NotNumber::Text)),
            ("5.", Any, Not(NotNumber::Text)),
            (
                "99999999999999999999999999999",
                Any,
                Not(NotNumber::Overflow),
            ),
        ];
        for (i, (tok, kind, want)) in cases.iter().enumerate() {
            let got = parse_as(tok, *kind);
            let ok = match (want, &got) {
                (N(v), Parsed::Number(n)) => n.value == d(v) && n.value.scale() == d(v).scale(),
                (Nil, Parsed::Nil) | (Empty, Parsed::Empty) => true,
                (Not(w), Parsed::NotNumber(g)) => w == g,
                _ => false,
            };
            assert!(ok, "case {i}: {tok:?} as {kind:?} gave {got:?}");
        }
    }

    #[test]
    fn ambiguity_is_recorded() {
        let Parsed::Number(n) = parse_as("1.234", NumberKind::Money) else {
            panic!("not a number")
        };
        assert_eq!(n.alternative, Some(d("1.234")));
        let Parsed::Number(n) = parse("5.274.429.360") else {
            panic!("not a number")
        };
        assert_eq!(n.alternative, None);
    }

    #[test]
    fn flags() {
        let Parsed::Number(n) = parse("Rp 1.000,-") else {
            panic!()
        };
        assert!(n.currency && !n.percent);
        let Parsed::Number(n) = parse("12 %") else {
            panic!()
        };
        assert!(n.percent && !n.currency);
    }

    #[test]
    fn writes_indonesian() {
        assert_eq!(to_indonesian(&d("5274429360")), "5.274.429.360");
        assert_eq!(to_indonesian(&d("96.83")), "96,83");
        assert_eq!(to_indonesian(&d("0.00")), "0,00");
        assert_eq!(to_indonesian(&d("123")), "123");
        assert_eq!(to_indonesian(&d("1234")), "1.234");
        assert_eq!(to_indonesian(&d("-1234.5")), "-1.234,5");
        assert_eq!(to_indonesian(&d("-0.0")), "0,0");
        assert_eq!(to_indonesian(&d("12")), "12");
        assert_eq!(to_indonesian(&d("123456")), "123.456");
        assert_eq!(to_indonesian(&d("1234567.001")), "1.234.567,001");
        // The widest decimals (29 digits, 28 of them decimals).
        assert_eq!(
            to_indonesian(&Decimal::MAX),
            "79.228.162.514.264.337.593.543.950.335"
        );
        assert_eq!(
            to_indonesian(&Decimal::from_i128_with_scale(-1, 28)),
            "-0,0000000000000000000000000001"
        );
    }

    #[test]
    fn writes_on_the_stack_until_full() {
        assert_eq!(
            StackText::<8>::of(&"12345678").map(|t| t.as_str().to_string()),
            Some("12345678".into())
        );
        assert!(StackText::<8>::of(&"123456789").is_none());
    }
}
