//! A content-stream lexer: operands and operators, one operation at a time.
//!
//! It borrows nothing from the PDF object model: operands are numbers,
//! names, strings and arrays of them, which is all text and path operators
//! take. Bad bytes are skipped and counted; a stream that ends inside a
//! string or array ends the operation list and is reported as cut short.

/// One operand.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Number(f64),
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Operand>),
    /// A dictionary (marked content, inline images): its contents are not needed.
    Dict,
    Other,
}

impl Operand {
    pub(crate) fn number(&self) -> Option<f64> {
        match self {
            Operand::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// The most operands kept for one operator; a stream that piles up more is
/// malformed and the excess is dropped.
const MAX_OPERANDS: usize = 64;
/// The deepest nesting of arrays and dictionaries read.
const MAX_DEPTH: usize = 16;

/// Reads operations from a content stream.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    operands: Vec<Operand>,
    /// Bytes that made no token.
    pub(crate) skipped: usize,
    /// The stream ended inside a token.
    pub(crate) cut_short: bool,
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | 0)
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(data: &'a [u8]) -> Lexer<'a> {
        Lexer {
            data,
            pos: 0,
            operands: Vec::new(),
            skipped: 0,
            cut_short: false,
        }
    }

    /// The next operator and its operands; `None` at the end.
    pub(crate) fn next_op(&mut self) -> Option<(&'a [u8], Vec<Operand>)> {
        self.operands.clear();
        loop {
            self.skip_space();
            let &b = self.data.get(self.pos)?;
            if is_regular(b) && !(b.is_ascii_digit() || b == b'-' || b == b'+' || b == b'.') {
                let start = self.pos;
                while self.data.get(self.pos).is_some_and(|&c| is_regular(c)) {
                    self.pos += 1;
                }
                let word = &self.data[start..self.pos];
                match word {
                    b"true" | b"false" | b"null" => self.push(Operand::Other),
                    b"BI" => {
                        self.skip_inline_image();
                        self.operands.clear();
                        continue;
                    }
                    _ => return Some((word, std::mem::take(&mut self.operands))),
                }
                continue;
            }
            match self.operand(0) {
                Some(op) => self.push(op),
                None if self.pos >= self.data.len() => return None,
                None => {}
            }
        }
    }

    fn push(&mut self, op: Operand) {
        if self.operands.len() < MAX_OPERANDS {
            self.operands.push(op);
        }
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// One operand starting at the current byte; `None` (with the byte
    /// skipped) when nothing can start there.
    fn operand(&mut self, depth: usize) -> Option<Operand> {
        self.skip_space();
        let &b = self.data.get(self.pos)?;
        match b {
            b'0'..=b'9' | b'-' | b'+' | b'.' => Some(self.number()),
            b'/' => Some(Operand::Name(self.name())),
            b'(' => self.literal().map(Operand::Str),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.dict(depth);
                Some(Operand::Dict)
            }
            b'<' => self.hex().map(Operand::Str),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_space();
                    match self.data.get(self.pos) {
                        None => {
                            self.cut_short = true;
                            return Some(Operand::Array(items));
                        }
                        Some(b']') => {
                            self.pos += 1;
                            return Some(Operand::Array(items));
                        }
                        Some(&c)
                            if is_regular(c)
                                && !c.is_ascii_digit()
                                && !matches!(c, b'-' | b'+' | b'.') =>
                        {
                            // An operator inside an array: the array was never closed.
                            return Some(Operand::Array(items));
                        }
                        Some(_) => {
                            if depth >= MAX_DEPTH {
                                self.pos += 1;
                                self.skipped += 1;
                                continue;
                            }
                            if let Some(op) = self.operand(depth + 1) {
                                if items.len() < 1 << 16 {
                                    items.push(op);
                                }
                            }
                        }
                    }
                }
            }
            _ => {
                self.pos += 1;
                self.skipped += 1;
                None
            }
        }
    }

    fn number(&mut self) -> Operand {
        let start = self.pos;
        self.pos += 1;
        while self
            .data
            .get(self.pos)
            .is_some_and(|&c| c.is_ascii_digit() || c == b'.' || c == b'-')
        {
            self.pos += 1;
        }
        let text = std::str::from_utf8(&self.data[start..self.pos]).unwrap_or("0");
        // `--5` and `1.2.3` occur in damaged streams; read what makes sense.
        let value = text.parse::<f64>().unwrap_or_else(|_| {
            let t = text.trim_start_matches(['-', '+']);
            let neg = text.starts_with('-');
            let head: String = t
                .chars()
                .scan(false, |dot, c| {
                    if c == '.' {
                        if *dot {
                            return None;
                        }
                        *dot = true;
                    }
                    (c.is_ascii_digit() || c == '.').then_some(c)
                })
                .collect();
            let v = head.parse::<f64>().unwrap_or(0.0);
            if neg {
                -v
            } else {
                v
            }
        });
        Operand::Number(if value.is_finite() { value } else { 0.0 })
    }

    fn name(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(&c) = self.data.get(self.pos) {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let hex = self.data.get(self.pos..self.pos + 2).and_then(|h| {
                    std::str::from_utf8(h)
                        .ok()
                        .and_then(|s| u8::from_str_radix(s, 16).ok())
                });
                if let Some(v) = hex {
                    out.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    fn literal(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1usize;
        loop {
            let Some(&c) = self.data.get(self.pos) else {
                self.cut_short = true;
                return Some(out);
            };
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(out);
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        self.cut_short = true;
                        return Some(out);
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex(&mut self) -> Option<Vec<u8>> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        loop {
            let Some(&c) = self.data.get(self.pos) else {
                self.cut_short = true;
                break;
            };
            self.pos += 1;
            let v = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'f' => c - b'a' + 10,
                b'A'..=b'F' => c - b'A' + 10,
                b'>' => break,
                _ => continue,
            };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Some(out)
    }

    /// Skips a dictionary's contents up to its closing `>>`.
    fn dict(&mut self, depth: usize) {
        loop {
            self.skip_space();
            match self.data.get(self.pos) {
                None => {
                    self.cut_short = true;
                    return;
                }
                Some(b'>') if self.data.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return;
                }
                Some(&c)
                    if is_regular(c) && !c.is_ascii_digit() && !matches!(c, b'-' | b'+' | b'.') =>
                {
                    // Keywords inside dictionaries (`true`, `R`): skip them.
                    while self.data.get(self.pos).is_some_and(|&c| is_regular(c)) {
                        self.pos += 1;
                    }
                }
                Some(_) => {
                    if depth >= MAX_DEPTH {
                        self.pos += 1;
                        self.skipped += 1;
                    } else {
                        let _ = self.operand(depth + 1);
                    }
                }
            }
        }
    }

    /// Skips an inline image: its dictionary up to `ID`, then the data up to
    /// an `EI` that stands alone.
    fn skip_inline_image(&mut self) {
        let Some(id) = find_word(self.data, self.pos, b"ID") else {
            self.pos = self.data.len();
            self.cut_short = true;
            return;
        };
        let data_start = id + 3;
        match find_word(self.data, data_start, b"EI") {
            Some(ei) => self.pos = ei + 2,
            None => {
                self.pos = self.data.len();
                self.cut_short = true;
            }
        }
    }
}

/// The position of `word` standing alone (white space or the stream's ends
/// on both sides) at or after `from`.
fn find_word(data: &[u8], from: usize, word: &[u8]) -> Option<usize> {
    let mut i = from;
    while i + word.len() <= data.len() {
        if &data[i..i + word.len()] == word
            && (i == 0 || is_white(data[i - 1]))
            && data.get(i + word.len()).is_none_or(|&c| is_white(c))
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ops(s: &[u8]) -> Vec<(String, Vec<Operand>)> {
        let mut lx = Lexer::new(s);
        let mut out = Vec::new();
        while let Some((op, args)) = lx.next_op() {
            out.push((String::from_utf8_lossy(op).into_owned(), args));
        }
        out
    }

    #[test]
    fn operators_and_operands() {
        let got = ops(
            b"BT /F1 12 Tf 1 0 0 -1 10.5 20 Tm (a\\(b\\)\\101) Tj [<0041> -250 (B)] TJ ET % c\n q",
        );
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, vec!["BT", "Tf", "Tm", "Tj", "TJ", "ET", "q"]);
        assert_eq!(
            got[1].1,
            vec![Operand::Name(b"F1".to_vec()), Operand::Number(12.0)]
        );
        assert_eq!(got[3].1, vec![Operand::Str(b"a(b)A".to_vec())]);
        assert_eq!(
            got[4].1,
            vec![Operand::Array(vec![
                Operand::Str(vec![0, 0x41]),
                Operand::Number(-250.0),
                Operand::Str(b"B".to_vec())
            ])]
        );
    }

    #[test]
    fn damaged_streams_end_cleanly() {
        let mut lx = Lexer::new(b"BT (unterminated");
        while lx.next_op().is_some() {}
        assert!(lx.cut_short);
        let got = ops(b") ) 1 2 m BI /W 1 /H 1 ID \x00\xff EI 3 4 l [[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]] x");
        let names: Vec<&str> = got.iter().map(|(o, _)| o.as_str()).collect();
        assert_eq!(names, vec!["m", "l", "x"]);
        assert_eq!(got[1].1, vec![Operand::Number(3.0), Operand::Number(4.0)]);
    }
}
