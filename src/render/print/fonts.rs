//! Font checks done before typesetting, because typst draws a box for a character no font has
//! and says nothing (measured with Pahawh Hmong), and only warns about an unknown family.

use super::data::PrintData;
use typst::text::FontBook;

/// A character of the data that no shipped font can draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub ch: char,
    /// The whole word around it (between spaces), so the editor finds it.
    pub word: String,
}

/// Whether typst needs no glyph for `c`: spaces, line breaks and invisible format characters
/// (zero-width space, joiners, soft hyphen, byte order mark) are handled without drawing.
fn needs_no_glyph(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}')
}

/// Checks every string of `data` against the fonts; typst falls back to any font in the book,
/// so one font covering a character is enough.
pub fn missing_glyph(data: &PrintData, book: &FontBook) -> Option<Missing> {
    let value = serde_json::to_value(data).ok()?;
    let mut found = None;
    walk_strings(&value, &mut |s| {
        if found.is_some() {
            return;
        }
        if let Some(ch) = s.chars().find(|&c| !needs_no_glyph(c) && !covered(book, c)) {
            found = Some(Missing { ch, word: word_around(s, ch) });
        }
    });
    found
}

/// `text` without the characters no font of `book` has (share cards leave them out rather than
/// fail: a web page must never fail the build for its picture).
pub(crate) fn without_missing(text: &str, book: &FontBook) -> String {
    text.chars().filter(|&c| needs_no_glyph(c) || covered(book, c)).collect()
}

fn covered(book: &FontBook, c: char) -> bool {
    (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32))
}

fn walk_strings(v: &serde_json::Value, f: &mut dyn FnMut(&str)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| walk_strings(x, f)),
        serde_json::Value::Object(o) => o.values().for_each(|x| walk_strings(x, f)),
        _ => {}
    }
}

/// The whole word containing the first `ch` of `s` (cut at spaces only, never inside a word;
/// loa's zero-width spaces in Tai Viet are removed).
fn word_around(s: &str, ch: char) -> String {
    let word = s.split(char::is_whitespace).find(|w| w.contains(ch)).unwrap_or(s);
    word.chars().filter(|&c| c != '\u{200B}').collect()
}

/// One-based line and column (in characters) of the first `word` in a content file's text,
/// else of `ch` alone.
pub(crate) fn position(text: &str, word: &str, ch: char) -> Option<(usize, usize)> {
    let find = |needle: &str| {
        text.lines()
            .enumerate()
            .find_map(|(i, line)| line.find(needle).map(|at| (i + 1, line[..at].chars().count() + 1)))
    };
    let (line, col) = find(word).or_else(|| find(&ch.to_string()))?;
    // Point at the character itself, not at the start of its word.
    let inner = if find(word).is_some() { word.chars().position(|c| c == ch).unwrap_or(0) } else { 0 };
    Some((line, col + inner))
}

/// Whether the family a language asks for is among the fonts (typst matches lowercase names).
pub fn has_family(book: &FontBook, family: &str) -> bool {
    book.contains_family(&family.to_lowercase())
}

/// `U+AA80`-style name of a character, as font tools and the Unicode charts write it.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::foundations::Bytes;
    use typst::text::Font;

    fn book() -> FontBook {
        let theme = crate::theme::Theme::builtin();
        let fonts: Vec<Font> = theme
            .files_under("fonts")
            .filter(|(n, _)| n.ends_with(".ttf"))
            .flat_map(|(_, b)| Font::iter(Bytes::new(b.to_vec())))
            .collect();
        FontBook::from_fonts(&fonts)
    }

    fn first_missing(book: &FontBook, s: &str) -> Option<char> {
        s.chars().find(|&c| !needs_no_glyph(c) && !covered(book, c))
    }

    #[test]
    fn shipped_fonts_cover_vietnamese_hmong_and_tai_viet() {
        let book = book();
        let covered_texts = [
            "Người dân Việt Nam: ệ ở ữ ậ ỷ Đ đ Ư ơ",
            "Hu dawb, 24 teev txhua hnub. Tsis txhob ntseeg",
            "ꪼꪕꪒꪾ ꪀꪱ\u{200B}ꪼꪕ ꪹꪀ ꫛ",
            "# * $ ] @ < “quoted” — 24/7",
            // Noto Emoji (monochrome) ships with the theme since issue 13.
            "Gọi 111 ngay 🚨 ☎",
        ];
        for s in covered_texts {
            assert_eq!(first_missing(&book, s), None, "{s}");
        }
    }

    #[test]
    fn a_character_no_font_has_is_named() {
        let book = book();
        // A Pahawh Hmong letter (U+16B00) and a Chinese one: the theme ships fonts for neither.
        let table = [("Hmoob 𖬀 ntawv", '\u{16B00}'), ("Gọi 111 中", '中')];
        for (s, want) in table {
            assert_eq!(first_missing(&book, s), Some(want), "{s}");
        }
        assert_eq!(code_point('\u{16B00}'), "U+16B00");
        assert_eq!(code_point('ệ'), "U+1EC7");
        assert_eq!(word_around("Gọi 111 ngay🚨 nhé", '\u{1F6A8}'), "ngay🚨");
        assert_eq!(word_around("ꪀꪱ\u{200B}𖬀ꪼ tai", '\u{16B00}'), "ꪀꪱ𖬀ꪼ");
    }

    #[test]
    fn positions_count_characters_and_point_at_the_character() {
        let text = "---\ntitle: \"Gọi 111 ngay🚨\"\n---\nBáo tin 🚨\n";
        assert_eq!(position(text, "ngay🚨", '🚨'), Some((2, 21)));
        assert_eq!(position(text, "absent", '🚨'), Some((2, 21)));
        assert_eq!(position(text, "x", 'q'), None);
    }

    #[test]
    fn families_match_case_insensitively() {
        let book = book();
        assert!(has_family(&book, "Noto Sans"));
        assert!(has_family(&book, "Noto Sans Tai Viet"));
        assert!(!has_family(&book, "Be Vietnam Pro"));
    }
}
