//! Font checks done before typesetting, because typst draws a box for a character no font has
//! and says nothing (measured with Pahawh Hmong), and only warns about an unknown family.

use super::data::PrintData;
use std::sync::atomic::{AtomicU64, Ordering};
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
pub(crate) fn missing_glyph(data: &PrintData, cover: &Cover<'_>) -> Option<Missing> {
    let mut found = None;
    data.each_string(&mut |s| {
        if found.is_some() {
            return;
        }
        if let Some(ch) = s.chars().find(|&c| !needs_no_glyph(c) && !cover.has(c)) {
            found = Some(Missing { ch, word: word_around(s, ch) });
        }
    });
    found
}

/// `text` without the characters no font of `book` has (share cards leave them out rather than
/// fail: a web page must never fail the build for its picture).
pub(crate) fn without_missing(text: &str, cover: &Cover<'_>) -> String {
    if text.chars().all(|c| needs_no_glyph(c) || cover.has(c)) {
        return text.to_string();
    }
    text.chars().filter(|&c| needs_no_glyph(c) || cover.has(c)).collect()
}

/// Which characters the fonts of a book can draw.
pub(crate) struct Cover<'a> {
    pub book: &'a FontBook,
    pub memo: &'a CoverMemo,
}

impl Cover<'_> {
    /// Whether some font of the book has `c` (typst falls back to any of them).
    pub fn has(&self, c: char) -> bool {
        let Some((word, shift)) = CoverMemo::slot(c) else { return covered(self.book, c) };
        let known = self.memo.bits[word].load(Ordering::Relaxed) >> shift;
        if known & 1 == 1 {
            return known & 2 == 2;
        }
        let has = covered(self.book, c);
        self.memo.bits[word].fetch_or((1 | u64::from(has) << 1) << shift, Ordering::Relaxed);
        has
    }
}

/// The answers for the Basic Multilingual Plane, learnt as they are asked, two bits a character
/// (asked, covered): 16 KB. Asking every font's coverage table for each letter of each share
/// card was 3 % of a default build (issue 16); a book's answers never change.
pub(crate) struct CoverMemo {
    bits: Box<[AtomicU64]>,
}

impl Default for CoverMemo {
    fn default() -> Self {
        CoverMemo { bits: (0..0x1_0000 * 2 / 64).map(|_| AtomicU64::new(0)).collect() }
    }
}

impl CoverMemo {
    /// The word and bit of `c`'s two bits; `None` outside the plane (asked each time).
    fn slot(c: char) -> Option<(usize, u32)> {
        let i = c as usize;
        (i < 0x1_0000).then(|| (i * 2 / 64, (i * 2 % 64) as u32))
    }
}

fn covered(book: &FontBook, c: char) -> bool {
    (0..).map_while(|i| book.info(i)).any(|info| info.coverage.contains(c as u32))
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

    /// The memo gives the fonts' own answer for every character of the plane, asked once or
    /// again, and for characters beyond it.
    #[test]
    fn the_memo_answers_as_the_fonts_do() {
        let book = book();
        let memo = CoverMemo::default();
        let cover = Cover { book: &book, memo: &memo };
        let beyond = ['\u{16B00}', '\u{1F6A8}', '\u{10FFFF}'];
        for round in 0..2 {
            for c in ('\0'..='\u{FFFF}').chain(beyond) {
                assert_eq!(cover.has(c), covered(&book, c), "U+{:04X}, round {round}", c as u32);
            }
        }
        let text = "Gọi 111 中 ꪼꪕ";
        assert_eq!(without_missing(text, &cover), "Gọi 111  ꪼꪕ");
        assert_eq!(without_missing("Gọi 111", &cover), "Gọi 111");
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
