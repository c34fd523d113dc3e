//! Just enough PDF syntax to edit the files typst-pdf writes (see [`super::prepress`]): a lexer
//! and parser for objects (ISO 32000-1 §7.3), the classic cross-reference table (§7.5.4), and
//! a writer that gives the bytes back. Numbers and strings keep their written form, so an object
//! that is read and written again comes out as it was.
//!
//! The input is loa's own PDF, never a user's file; still, every read is bounds-checked and
//! nesting is limited, so a surprise in typst's output is an error, not a panic.

use std::collections::BTreeMap;

/// Deepest nesting of arrays and dictionaries accepted (typst writes about 4).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Null,
    Bool(bool),
    /// As written (`0.5`, `-3`), so rewriting keeps it exact.
    Num(Vec<u8>),
    /// Without the slash, still in its written (escaped) form.
    Name(Vec<u8>),
    /// The whole token, delimiters included: `(..)` or `<..>`.
    Str(Vec<u8>),
    Arr(Vec<Obj>),
    Dict(Dict),
    Ref(u32, u16),
}

/// A dictionary in written order (order does not matter to PDF, but keeps diffs readable).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    pub(crate) fn get(&self, key: &str) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key.as_bytes()).map(|(_, v)| v)
    }
    pub(crate) fn get_mut(&mut self, key: &str) -> Option<&mut Obj> {
        self.0.iter_mut().find(|(k, _)| k == key.as_bytes()).map(|(_, v)| v)
    }
    pub(crate) fn set(&mut self, key: &str, value: Obj) {
        match self.get_mut(key) {
            Some(v) => *v = value,
            None => self.0.push((key.as_bytes().to_vec(), value)),
        }
    }
}

impl Obj {
    pub(crate) fn num(v: f64) -> Obj {
        Obj::Num(format_num(v).into_bytes())
    }
    pub(crate) fn as_f64(&self) -> Option<f64> {
        match self {
            Obj::Num(n) => std::str::from_utf8(n).ok()?.parse().ok(),
            _ => None,
        }
    }
    pub(crate) fn is_name(&self, name: &str) -> bool {
        matches!(self, Obj::Name(n) if n == name.as_bytes())
    }
}

/// A number as PDF writes it: at most 4 decimals, no trailing zeros, no exponent.
pub(crate) fn format_num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// One object read at an offset: `N G obj <value> [stream ... endstream] endobj`.
#[derive(Debug, Clone)]
pub(crate) struct Indirect {
    pub value: Obj,
    /// The raw (still encoded) stream data, when the object is a stream.
    pub stream: Option<Vec<u8>>,
}

pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub(crate) fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// A token of PDF syntax; content streams use the same lexer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok<'a> {
    DictOpen,
    DictClose,
    ArrOpen,
    ArrClose,
    Name(&'a [u8]),
    Str(&'a [u8]),
    Num(&'a [u8]),
    /// Keywords and content-stream operators (`obj`, `R`, `true`, `k`, `Tj`, `BI`).
    Word(&'a [u8]),
}

pub(crate) struct Lexer<'a> {
    pub buf: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(buf: &'a [u8], pos: usize) -> Self {
        Lexer { buf, pos }
    }

    fn skip_white(&mut self) {
        while let Some(&b) = self.buf.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.buf.get(self.pos).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token and the offset it starts at; `None` at the end of the buffer.
    pub(crate) fn next(&mut self) -> Result<Option<(usize, Tok<'a>)>, String> {
        self.skip_white();
        let start = self.pos;
        let Some(&b) = self.buf.get(start) else { return Ok(None) };
        let tok = match b {
            b'<' if self.buf.get(start + 1) == Some(&b'<') => {
                self.pos += 2;
                Tok::DictOpen
            }
            b'>' if self.buf.get(start + 1) == Some(&b'>') => {
                self.pos += 2;
                Tok::DictClose
            }
            b'[' | b']' => {
                self.pos += 1;
                if b == b'[' { Tok::ArrOpen } else { Tok::ArrClose }
            }
            b'<' => {
                let end = self.buf[start..].iter().position(|&c| c == b'>').ok_or("unterminated hex string")?;
                self.pos = start + end + 1;
                Tok::Str(&self.buf[start..self.pos])
            }
            b'(' => {
                self.literal_string()?;
                Tok::Str(&self.buf[start..self.pos])
            }
            b'/' => {
                self.pos += 1;
                self.regular();
                Tok::Name(&self.buf[start + 1..self.pos])
            }
            b'{' | b'}' | b')' | b'>' => return Err(format!("unexpected `{}` at byte {start}", b as char)),
            _ => {
                self.regular();
                let word = &self.buf[start..self.pos];
                if word.first().is_some_and(|c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.')) {
                    Tok::Num(word)
                } else {
                    Tok::Word(word)
                }
            }
        };
        Ok(Some((start, tok)))
    }

    fn regular(&mut self) {
        while self.buf.get(self.pos).is_some_and(|&c| !is_white(c) && !is_delim(c)) {
            self.pos += 1;
        }
    }

    /// A `( ... )` string: balanced parentheses, backslash escapes (§7.3.4.2).
    fn literal_string(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        while let Some(&c) = self.buf.get(self.pos) {
            self.pos += 1;
            match c {
                b'\\' => self.pos += 1,
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err("unterminated string".into())
    }
}

/// Parses one object from the lexer.
pub(crate) fn parse_obj(lx: &mut Lexer<'_>) -> Result<Obj, String> {
    parse_at_depth(lx, 0)
}

fn parse_at_depth(lx: &mut Lexer<'_>, depth: usize) -> Result<Obj, String> {
    if depth > MAX_DEPTH {
        return Err("objects nested too deeply".into());
    }
    let (at, tok) = lx.next()?.ok_or("unexpected end of the PDF")?;
    Ok(match tok {
        Tok::DictOpen => {
            let mut dict = Dict::default();
            loop {
                let save = lx.pos;
                match lx.next()?.ok_or("unterminated dictionary")?.1 {
                    Tok::DictClose => break,
                    Tok::Name(k) => {
                        let k = k.to_vec();
                        dict.0.push((k, parse_at_depth(lx, depth + 1)?));
                    }
                    other => return Err(format!("a dictionary key at byte {save} is {other:?}")),
                }
            }
            Obj::Dict(dict)
        }
        Tok::ArrOpen => {
            let mut items = Vec::new();
            loop {
                let save = lx.pos;
                if let Some((_, Tok::ArrClose)) = lx.next()? {
                    break;
                }
                lx.pos = save;
                items.push(parse_at_depth(lx, depth + 1)?);
            }
            Obj::Arr(items)
        }
        Tok::Name(n) => Obj::Name(n.to_vec()),
        Tok::Str(s) => Obj::Str(s.to_vec()),
        Tok::Num(n) => {
            // `N G R` is a reference: look ahead two tokens, else put them back.
            let save = lx.pos;
            if let (Some((_, Tok::Num(g))), Some((_, Tok::Word(b"R")))) = (lx.next()?, lx.next()?)
                && let (Some(num), Some(gen_)) = (parse_int::<u32>(n), parse_int::<u16>(g))
            {
                return Ok(Obj::Ref(num, gen_));
            }
            lx.pos = save;
            Obj::Num(n.to_vec())
        }
        Tok::Word(b"true") => Obj::Bool(true),
        Tok::Word(b"false") => Obj::Bool(false),
        Tok::Word(b"null") => Obj::Null,
        other => return Err(format!("unexpected {other:?} at byte {at}")),
    })
}

fn parse_int<T: std::str::FromStr>(b: &[u8]) -> Option<T> {
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Writes an object in PDF syntax.
pub(crate) fn write_obj(o: &Obj, out: &mut Vec<u8>) {
    match o {
        Obj::Null => out.extend_from_slice(b"null"),
        Obj::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Obj::Num(n) | Obj::Str(n) => out.extend_from_slice(n),
        Obj::Name(n) => {
            out.push(b'/');
            out.extend_from_slice(n);
        }
        Obj::Arr(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_obj(item, out);
            }
            out.push(b']');
        }
        Obj::Dict(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in &d.0 {
                out.push(b'/');
                out.extend_from_slice(k);
                out.push(b' ');
                write_obj(v, out);
            }
            out.extend_from_slice(b">>");
        }
        Obj::Ref(n, g) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

/// The classic cross-reference table and trailer of a PDF (typst-pdf writes one, uncompressed).
#[derive(Debug)]
pub(crate) struct Xref {
    /// Object number → byte offset of `N G obj`, for objects in use.
    pub offsets: BTreeMap<u32, usize>,
    pub trailer: Dict,
    /// Where the table starts (the `startxref` value), for `/Prev` of an update.
    pub start: usize,
}

/// Reads `startxref`, the table it points at and the trailer after it, then the older tables
/// of earlier revisions (`/Prev`); newer entries win. The trailer is the newest one.
pub(crate) fn read_xref(pdf: &[u8]) -> Result<Xref, String> {
    let tail_from = pdf.len().saturating_sub(1024);
    let tail = &pdf[tail_from..];
    let at = find_last(tail, b"startxref").ok_or("no startxref")? + tail_from + b"startxref".len();
    let mut lx = Lexer::new(pdf, at);
    let start: usize = match lx.next()? {
        Some((_, Tok::Num(n))) => parse_int(n).ok_or("bad startxref")?,
        _ => return Err("bad startxref".into()),
    };
    let (mut offsets, trailer) = read_section(pdf, start)?;
    let mut prev = trailer.get("Prev").and_then(Obj::as_f64);
    let mut seen = vec![start];
    while let Some(p) = prev {
        let p = p as usize;
        if seen.contains(&p) || seen.len() > 64 {
            return Err("the cross-reference sections loop".into());
        }
        seen.push(p);
        let (older, older_trailer) = read_section(pdf, p)?;
        for (num, off) in older {
            offsets.entry(num).or_insert(off);
        }
        prev = older_trailer.get("Prev").and_then(Obj::as_f64);
    }
    Ok(Xref { offsets, trailer, start })
}

/// One `xref ... trailer <<>>` section at `start`.
fn read_section(pdf: &[u8], start: usize) -> Result<(BTreeMap<u32, usize>, Dict), String> {
    let mut lx = Lexer::new(pdf, start);
    if !matches!(lx.next()?, Some((_, Tok::Word(b"xref")))) {
        return Err("the PDF has a cross-reference stream, not a table".into());
    }
    let mut offsets = BTreeMap::new();
    loop {
        let save = lx.pos;
        match lx.next()?.ok_or("no trailer")?.1 {
            Tok::Word(b"trailer") => break,
            Tok::Num(first) => {
                let first: u32 = parse_int(first).ok_or("bad xref subsection")?;
                let count: u32 = match lx.next()? {
                    Some((_, Tok::Num(c))) => parse_int(c).ok_or("bad xref count")?,
                    _ => return Err("bad xref subsection".into()),
                };
                for i in 0..count {
                    let (off, _gen, kind) = (lx.next()?, lx.next()?, lx.next()?);
                    if kind.is_none() {
                        return Err("the xref table ends early".into());
                    }
                    if let (Some((_, Tok::Num(off))), Some((_, Tok::Word(b"n")))) = (off, kind) {
                        offsets.insert(first.saturating_add(i), parse_int(off).ok_or("bad xref offset")?);
                    }
                }
            }
            other => return Err(format!("unexpected {other:?} in the xref table at byte {save}")),
        }
    }
    let Obj::Dict(trailer) = parse_obj(&mut lx)? else { return Err("the trailer is not a dictionary".into()) };
    Ok((offsets, trailer))
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// Reads object `num` through the table. A stream's `/Length` must be a direct number (as
/// typst-pdf writes it).
pub(crate) fn read_object(pdf: &[u8], xref: &Xref, num: u32) -> Result<Indirect, String> {
    let &offset = xref.offsets.get(&num).ok_or_else(|| format!("object {num} is not in the table"))?;
    let mut lx = Lexer::new(pdf, offset);
    match (lx.next()?, lx.next()?, lx.next()?) {
        (Some((_, Tok::Num(n))), Some((_, Tok::Num(_))), Some((_, Tok::Word(b"obj"))))
            if parse_int::<u32>(n) == Some(num) => {}
        _ => return Err(format!("object {num} is not where the table says")),
    }
    let value = parse_obj(&mut lx)?;
    let stream = match lx.next()? {
        Some((_, Tok::Word(b"stream"))) => {
            let mut data_at = lx.pos;
            if pdf.get(data_at) == Some(&b'\r') {
                data_at += 1;
            }
            if pdf.get(data_at) == Some(&b'\n') {
                data_at += 1;
            }
            let len = match &value {
                Obj::Dict(d) => d.get("Length").and_then(Obj::as_f64),
                _ => None,
            }
            .ok_or_else(|| format!("stream {num} has no direct /Length"))?;
            let end = data_at.checked_add(len as usize).filter(|&e| e <= pdf.len() && len >= 0.0);
            let end = end.ok_or_else(|| format!("stream {num} runs past the end of the file"))?;
            Some(pdf[data_at..end].to_vec())
        }
        _ => None,
    };
    Ok(Indirect { value, stream })
}

/// Writes `N 0 obj ... endobj` (with its stream, whose `/Length` is set here).
pub(crate) fn write_indirect(num: u32, value: &Obj, stream: Option<&[u8]>, out: &mut Vec<u8>) {
    out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
    match (value, stream) {
        (Obj::Dict(d), Some(data)) => {
            let mut d = d.clone();
            d.set("Length", Obj::num(data.len() as f64));
            write_obj(&Obj::Dict(d), out);
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(data);
            out.extend_from_slice(b"\nendstream");
        }
        _ => write_obj(value, out),
    }
    out.extend_from_slice(b"\nendobj\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Obj {
        parse_obj(&mut Lexer::new(s.as_bytes(), 0)).unwrap()
    }

    fn round_trip(s: &str) -> String {
        let mut out = Vec::new();
        write_obj(&parse(s), &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn objects_read_and_write_back() {
        let table = [
            (
                "<</Type /Page /MediaBox [0 0 595.28 841.89] /Parent 3 0 R>>",
                "<</Type /Page/MediaBox [0 0 595.28 841.89]/Parent 3 0 R>>",
            ),
            ("[1 2 R (a\\)b(c)) <00ff> /N#20x true null]", "[1 2 R (a\\)b(c)) <00ff> /N#20x true null]"),
            ("<< /A << /B [ [ 1 ] ] >> >>", "<</A <</B [[1]]>>>>"),
            ("-3.5", "-3.5"),
        ];
        for (input, want) in table {
            assert_eq!(round_trip(input), want, "{input}");
        }
        let Obj::Dict(d) = parse("<</Length 12 /K 0 0 R>>") else { panic!("not a dict") };
        assert_eq!(d.get("Length").and_then(Obj::as_f64), Some(12.0));
        assert_eq!(d.get("K"), Some(&Obj::Ref(0, 0)));
    }

    #[test]
    fn bad_syntax_is_an_error_not_a_panic() {
        for bad in ["<< /A", "[1 2", "(abc", "<abc", "<< 1 2 >>", ")", "", &"[".repeat(200)] {
            assert!(parse_obj(&mut Lexer::new(bad.as_bytes(), 0)).is_err(), "{bad}");
        }
    }

    #[test]
    fn numbers_are_written_short() {
        assert_eq!(format_num(8.503937), "8.5039");
        assert_eq!(format_num(0.1), "0.1");
        assert_eq!(format_num(12.0), "12");
        assert_eq!(format_num(-0.00001), "0");
    }
}
