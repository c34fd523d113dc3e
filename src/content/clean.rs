//! Invisible characters that break outputs, decided once on load.
//!
//! Text pasted from Word, Zalo or a PDF carries characters nobody sees: Word's Shift+Enter is a
//! vertical tab (U+000B), page breaks are form feeds, and a YAML escape such as `"T\fx"` makes one
//! too. Copied as they are, they make `atom.xml` and the sitemap ill-formed XML (XML 1.0 forbids
//! most C0 controls) and reach the loudspeaker script. Each character gets one fate:
//!
//! | character                                              | becomes                           |
//! |--------------------------------------------------------|-----------------------------------|
//! | vertical tab, form feed, NEL, U+2028, U+2029           | a line break (a space in front matter, where a line break would change the YAML) |
//! | every other C0 and C1 control, DEL, NUL, ESC            | removed, with a warning           |
//! | BOM inside the text, U+FFFE/U+FFFF, U+FFF9–U+FFFB       | removed, with a warning           |
//! | bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) | removed, with a warning: they make text display in another order than it is written (none of loa's languages needs them) |
//!
//! Tabs and line feeds stay (Markdown and YAML give them meaning). Zero-width spaces and joiners
//! stay: Tai Viet text uses them.

use crate::diag::Diagnostic;
use crate::msg;
use std::borrow::Cow;
use std::path::Path;

/// What happens to one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    LineBreak,
    Remove,
}

fn fate(c: char) -> Fate {
    match c {
        '\t' | '\n' => Fate::Keep,
        '\u{0B}' | '\u{0C}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Fate::LineBreak,
        '\u{00}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => Fate::Remove,
        '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}' | '\u{FFF9}'..='\u{FFFB}' => Fate::Remove,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Fate::Remove,
        _ => Fate::Keep,
    }
}

/// Whether every character's fate is [`Fate::Keep`], decided on the UTF-8 bytes: decoding and
/// matching each character was 3.6 % of a 3 × 5,000-page build (issue 16), and a byte at a time
/// still 3 %. A character that is not kept starts with one of a few bytes
/// ([`may_start_unkept`]), so blocks without any (nearly all of them) are passed whole; only
/// in the others is each byte, and what follows it, looked at.
fn keeps_every_character(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(BLOCK);
    let mut start = 0;
    for block in blocks.by_ref() {
        if block.iter().fold(false, |any, &b| any | may_start_unkept(b))
            && !(start..start + BLOCK).all(|at| keeps_at(bytes, at))
        {
            return false;
        }
        start += BLOCK;
    }
    (start..bytes.len()).all(|at| keeps_at(bytes, at))
}

/// Bytes checked at once by [`keeps_every_character`].
const BLOCK: usize = 32;

/// A C0 control but tab and line feed, DEL, or the lead byte of U+0080–U+00BF, U+2000–U+2FFF or
/// U+F000–U+FFFF. Free of branches, so that a block of bytes is tested in a few instructions.
fn may_start_unkept(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n')) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2) | (b == 0xEF)
}

/// Whether the character starting at `bytes[at]` (or the continuation byte there) is kept.
fn keeps_at(bytes: &[u8], at: usize) -> bool {
    let after = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
    match bytes[at] {
        b'\t' | b'\n' => true,
        0x00..=0x1F | 0x7F => false,
        // U+0080–U+009F
        0xC2 => after(1) >= 0xA0,
        // U+2028–U+202E, U+2066–U+2069
        0xE2 => !matches!((after(1), after(2)), (0x80, 0xA8..=0xAE) | (0x81, 0xA6..=0xA9)),
        // U+FEFF, U+FFF9–U+FFFB, U+FFFE, U+FFFF
        0xEF => !matches!((after(1), after(2)), (0xBB, 0xBF) | (0xBF, 0xB9..=0xBB | 0xBE | 0xBF)),
        _ => true,
    }
}

/// Where the text is: decides what a line-break character becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    FrontMatter,
    Body,
}

/// A removed character, for the warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// One-based line and column (in characters) in the text given.
    pub line: usize,
    pub col: usize,
    pub ch: char,
}

/// Cleans `text`; `Cow::Borrowed` when nothing had to change (the usual case costs one scan).
pub fn clean(text: &str, place: Place) -> (Cow<'_, str>, Vec<Removed>) {
    if keeps_every_character(text) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = Vec::new();
    let (mut line, mut col) = (1, 0);
    for c in text.chars() {
        col += 1;
        match fate(c) {
            Fate::Keep => out.push(c),
            Fate::LineBreak => out.push(if place == Place::Body { '\n' } else { ' ' }),
            Fate::Remove => removed.push(Removed { line, col, ch: c }),
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
    }
    (Cow::Owned(out), removed)
}

/// Cleans a value decoded from YAML (where escapes such as `\f` or `\x01` are already
/// characters). Line-break characters become spaces or, where the value may hold several lines
/// (`multiline`), line feeds. Returns whether anything was removed.
pub fn clean_value(value: &mut String, multiline: bool) -> bool {
    let place = if multiline { Place::Body } else { Place::FrontMatter };
    let (cleaned, removed) = clean(value, place);
    if let Cow::Owned(s) = cleaned {
        *value = s;
    }
    !removed.is_empty()
}

/// A character's name in a warning: `U+000B`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// One warning per line with removed characters, pointing at the first of them.
pub fn warnings(removed: &[Removed], shown: &Path, first_line: usize) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut last_line = 0;
    for r in removed {
        if r.line == last_line {
            continue;
        }
        last_line = r.line;
        let on_line: Vec<String> = removed.iter().filter(|o| o.line == r.line).map(|o| code_point(o.ch)).collect();
        out.push(
            Diagnostic::warning("text", msg!("clean-removed", count = on_line.len(), codes = on_line.join(", ")))
                .in_file(shown)
                .at(first_line + r.line - 1, r.col)
                .with_hint(msg!("clean-removed-hint")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 10: every control character class gets its fate; XML-invalid characters never stay.
    #[test]
    fn every_control_character_has_a_fate() {
        for c in (0u32..0x20).chain(0x7F..0xA0).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let (out, _) = clean(&text, Place::Body);
            let kept_ok = out.chars().all(|o| o == '\t' || o == '\n' || !o.is_control());
            assert!(kept_ok, "U+{:04X} → {out:?}", c as u32);
        }
        assert_eq!(clean("Gọi 111\u{0B}ngay", Place::Body).0, "Gọi 111\nngay");
        assert_eq!(clean("Gọi 111\u{0B}ngay", Place::FrontMatter).0, "Gọi 111 ngay");
        assert_eq!(clean("a\u{0C}b\u{2028}c", Place::Body).0, "a\nb\nc");
        let (out, removed) = clean("x\u{01}y\n\u{1B}[31mz\u{0}", Place::Body);
        assert_eq!(out, "xy\n[31mz");
        assert_eq!(removed.iter().map(|r| (r.line, r.col)).collect::<Vec<_>>(), vec![(1, 2), (2, 1), (2, 7)]);
        assert_eq!(clean("a\u{202E}b\u{FEFF}", Place::Body).0, "ab");
    }

    #[test]
    fn the_byte_test_agrees_with_each_character_fate() {
        let mut texts = crate::text::samples::texts(4000);
        texts.extend((0..0x3_0000).filter_map(char::from_u32).map(|c| format!("a{c}b")));
        // Every character at every place of a block, and across the edge between two blocks.
        let unkept = ['\u{0B}', '\u{85}', '\u{2028}', '\u{202E}', '\u{2066}', '\u{FEFF}', '\u{FFFB}', '\u{FFFF}'];
        for c in unkept.into_iter().chain(['é', '\u{2013}', '\u{FFFD}']) {
            for at in 0..2 * BLOCK {
                texts.push(format!("{}{c}{}", "x".repeat(at), "y".repeat(2 * BLOCK - at)));
            }
        }
        for text in texts {
            let want = text.chars().all(|c| fate(c) == Fate::Keep);
            assert_eq!(keeps_every_character(&text), want, "{text:?}");
        }
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        let text = "Tổng đài 111\tmiễn phí\nꪼꪕ\u{200B}ꪒꪾ\n";
        assert!(matches!(clean(text, Place::Body).0, Cow::Borrowed(_)));
    }

    #[test]
    fn decoded_values_are_cleaned() {
        let mut title = "T\u{0C}x\u{07}".to_string();
        assert!(clean_value(&mut title, false));
        assert_eq!(title, "T x");
        let mut sms = "Gọi 111\u{2028}ngay".to_string();
        assert!(!clean_value(&mut sms, true));
        assert_eq!(sms, "Gọi 111\nngay");
    }

    #[test]
    fn one_warning_per_line() {
        let (_, removed) = clean("a\u{1}\u{2}\nb\u{3}", Place::Body);
        let w = warnings(&removed, Path::new("content/a.md"), 5);
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].line, w[0].col), (Some(5), Some(2)));
        assert_eq!(w[0].message.text_arg("codes"), Some("U+0001, U+0002"), "{}", w[0].message);
        assert_eq!(w[1].line, Some(6));
    }
}
