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
/// reset the order of combining marks.
fn is_plain_starter(c: char) -> bool {
    c < '\u{300}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// `true` when the text is certainly NFC: exactly when the library's quick check answers `Yes`.
pub(crate) fn is_surely_nfc(text: &str) -> bool {
    let mut last_class = 0;
    for c in text.chars() {
        if is_plain_starter(c) {
            last_class = 0;
            continue;
        }
        let class = canonical_combining_class(c);
        if class != 0 && last_class > class {
            return false;
        }
        if is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes {
            return false;
        }
        last_class = class;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starters_stepped_over_are_nfc_starters() {
        let stepped = (0..0x300).chain(0x1E00..=0x1EFF).filter_map(char::from_u32);
        for c in stepped {
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn agrees_with_the_library_quick_check() {
        let mut texts = crate::text::samples::texts(4000);
        texts.extend(
            ["Gọi 111", "Go\u{323}i", "a\u{301}\u{323}", "a\u{323}\u{301}", "ꪀ\u{AAB0}\u{AAB4}", "\u{212B}"]
                .map(String::from),
        );
        for text in texts {
            let want = is_nfc_quick(text.chars()) == IsNormalized::Yes;
            assert_eq!(is_surely_nfc(&text), want, "{text:?}");
        }
    }
}
