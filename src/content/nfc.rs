//! The NFC quick check, with a shortcut for the letters Vietnamese is written in.
//!
//! Every content file is checked on load (content is stored composed, NFC). The library's quick
//! check looks up each character above U+02FF in two tables; Vietnamese text is full of such
//! characters (ạ, ế, ữ … live in U+1E00–U+1EFF), and the lookups were 4.6 % of a 3 × 5,000-page
//! build (issue 16). Those letters, like everything below U+0300, are starters (combining class
//! 0) that NFC keeps as they are, so the check can step over them: the test below proves it for
//! each one against the library's own tables.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick};

/// Starters that NFC always keeps: what the quick check needs to know of them is that they
/// reset the order of combining marks. Below U+0300, Latin Extended Additional (Vietnamese),
/// and the letters of Tai Viet (Tai Dam pages), which has no decompositions; its vowel and tone
/// marks that combine (class 220 or 230) are left to the tables.
fn is_plain_starter(c: char) -> bool {
    c < '\u{300}'
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
        || (('\u{AA80}'..='\u{AADF}').contains(&c)
            && !matches!(
                c,
                '\u{AAB0}' | '\u{AAB2}'..='\u{AAB4}' | '\u{AAB7}' | '\u{AAB8}' | '\u{AABE}' | '\u{AABF}' | '\u{AAC1}'
            ))
}

/// The combining class of a Tai Viet vowel or tone mark that combines (all are kept by NFC):
/// the marks are a third of a Tai Dam page's letters, and asking the tables for each one was
/// most of the check's time on those pages.
fn tai_viet_mark_class(c: char) -> Option<u8> {
    match c {
        '\u{AAB4}' => Some(220),
        '\u{AAB0}' | '\u{AAB2}' | '\u{AAB3}' | '\u{AAB7}' | '\u{AAB8}' | '\u{AABE}' | '\u{AABF}' | '\u{AAC1}' => {
            Some(230)
        }
        _ => None,
    }
}

/// `true` when the text is certainly NFC: exactly when the library's quick check answers `Yes`.
/// Blocks of plain starters (nearly all of a Vietnamese or Hmong page) are passed whole, on
/// their bytes; the others are checked a character at a time.
pub(crate) fn is_surely_nfc(text: &str) -> bool {
    let mut last_class = 0;
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + BLOCK).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let block = &text[start..end];
        start = end;
        if are_plain_starters(block.as_bytes()) {
            last_class = 0;
            continue;
        }
        for c in block.chars() {
            if is_plain_starter(c) {
                last_class = 0;
                continue;
            }
            let class = match tai_viet_mark_class(c) {
                Some(class) => class,
                None if is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes => canonical_combining_class(c),
                None => return false,
            };
            if class != 0 && last_class > class {
                return false;
            }
            last_class = class;
        }
    }
    true
}

/// Bytes looked at together by [`is_surely_nfc`] (a block ends on a character boundary).
const BLOCK: usize = 32;

/// Whether whole characters in UTF-8 are all [plain starters](is_plain_starter), from their
/// bytes: below U+0300 every lead byte is below 0xCC (continuation bytes are too), and
/// U+1E00–U+1EFF is 0xE1 followed by 0xB8–0xBB. Free of branches, so a block is tested in a few
/// instructions.
fn are_plain_starters(bytes: &[u8]) -> bool {
    let leads = bytes.iter().fold(true, |ok, &b| ok & ((b < 0xCC) | (b == 0xE1)));
    let pairs = bytes.iter().zip(bytes.get(1..).unwrap_or_default());
    let e1 = pairs.fold(true, |ok, (&b, &next)| ok & ((b != 0xE1) | ((next & 0xFC) == 0xB8)));
    leads & e1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starters_stepped_over_are_nfc_starters() {
        let stepped = (0..=0x10_FFFF).filter_map(char::from_u32).filter(|&c| is_plain_starter(c));
        for c in stepped {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn tai_viet_marks_have_the_tables_classes() {
        for c in ('\u{AA80}'..='\u{AADF}').filter(|&c| tai_viet_mark_class(c).is_some()) {
            assert_eq!(tai_viet_mark_class(c), Some(canonical_combining_class(c)), "U+{:04X}", c as u32);
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
        }
        // Every Tai Viet character is one or the other.
        for c in '\u{AA80}'..='\u{AADF}' {
            assert!(is_plain_starter(c) != tai_viet_mark_class(c).is_some(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn agrees_with_the_library_quick_check() {
        let mut texts = crate::text::samples::texts(4000);
        texts.extend(
            ["Gọi 111", "Go\u{323}i", "a\u{301}\u{323}", "a\u{323}\u{301}", "ꪀ\u{AAB0}\u{AAB4}", "\u{212B}"]
                .map(String::from),
        );
        // Longer texts, so that marks and letters fall on every side of the blocks' edges.
        let joined: Vec<String> = texts.chunks(7).map(|seven| seven.concat()).collect();
        texts.extend(joined);
        for mark in ['\u{301}', '\u{323}', '\u{AAB4}', '\u{344}'] {
            for at in 0..2 * BLOCK {
                texts.push(format!("{}{mark}\u{301}ạ{}", "ế".repeat(at / 3) + &"a".repeat(at % 3), "y".repeat(BLOCK)));
            }
        }
        for text in texts {
            let want = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_surely_nfc(&text), want, "{text:?}");
        }
    }
}
