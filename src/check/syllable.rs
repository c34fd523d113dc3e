//! Is a word a possible Vietnamese syllable? Onset + rhyme + at most one tone mark.
//!
//! Used by the legacy-encoding detector to tell "chống" (a syllable) from "chèng"-like
//! mojibake that happens to be one, and from "Phßng" that is none. Spelling rules (c/k, g/gh)
//! are not enforced: the question is only whether a word *could* be Vietnamese.

use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Initial consonants, longest first is not needed: every split is tried.
const ONSETS: [&str; 28] = [
    "", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu",
    "r", "s", "t", "th", "tr", "v", "x",
];

/// Rhymes without tone (medial glide + nucleus + coda), from the standard rhyme inventory.
const RHYMES: &[&str] = &[
    "a", "ac", "ach", "ai", "am", "an", "ang", "anh", "ao", "ap", "at", "au", "ay", // a
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", // ă
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", // â
    "e", "ec", "em", "en", "eng", "eo", "ep", "et", // e
    "ê", "êch", "êm", "ên", "êng", "ênh", "êp", "êt", "êu", // ê (êng after gi)
    "i", "ia", "ich", "im", "in", "inh", "ip", "it", "iu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", // i
    "o", "oc", "oi", "om", "on", "ong", "op", "ot", "oo", "ooc", "oong", // o
    "oa", "oac", "oach", "oai", "oam", "oan", "oang", "oanh", "oao", "oap", "oat", "oay", // oa
    "oăc", "oăm", "oăn", "oăng", "oăp", "oăt", "oe", "oen", "oeo", "oet", // oă, oe
    "ô", "ôc", "ôi", "ôm", "ôn", "ông", "ôp", "ôt", // ô
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", // ơ
    "u", "uc", "ui", "um", "un", "ung", "up", "ut", "ua", "uân", "uâng", "uât", "uây", // u
    "uê", "uêch", "uênh", "uôc", "uôi", "uôm", "uôn", "uông", "uôp", "uôt", "uơ", // uê, uô
    "uy", "uya", "uych", "uyên", "uyêt", "uynh", "uyt", "uyu", // uy
    "ư", "ưa", "ưc", "ưi", "ưm", "ưn", "ưng", "ưt", "ưu", // ư
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", // ươ
    "y", "ych", "ynh", "yt", "yêm", "yên", "yêng", "yêt", "yêu", // y
];

/// The rhymes as a set: the check runs on every word of every page.
static RHYME_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| RHYMES.iter().copied().collect());

/// Combining tone marks: grave, acute, tilde, hook above, dot below.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// The most characters a syllable has decomposed, without its tone mark: "nghiêng" is
/// `n g h i e ◌̂ n g` (8). A word with more is none, so the check stops there and never
/// allocates (it runs on every word of every page, issue 16).
const MAX_DECOMPOSED: usize = 16;

pub fn is_syllable(word: &str) -> bool {
    let mut tones = 0;
    let mut bare = ['\0'; MAX_DECOMPOSED];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase).nfd() {
        if TONES.contains(&c) {
            tones += 1;
            if tones > 1 {
                return false;
            }
        } else if n == MAX_DECOMPOSED {
            return false;
        } else {
            bare[n] = c;
            n += 1;
        }
    }
    if n == 0 {
        return false;
    }
    // Composed again (NFC), as the onsets and rhymes are written: at most 4 bytes a character.
    let mut buf = [0u8; 4 * MAX_DECOMPOSED];
    let mut len = 0;
    for c in bare[..n].iter().copied().nfc() {
        len += c.encode_utf8(&mut buf[len..]).len();
    }
    let Ok(bare) = std::str::from_utf8(&buf[..len]) else { return false };
    ONSETS.iter().any(|onset| bare.strip_prefix(onset).is_some_and(|rhyme| RHYME_SET.contains(rhyme)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let yes = [
            "Phòng",
            "chống",
            "mua",
            "bán",
            "người",
            "Đường",
            "dây",
            "nóng",
            "miễn",
            "phí",
            "giữa",
            "gìn",
            "quốc",
            "quyết",
            "khuya",
            "rượu",
            "nghiêng",
            "chèng",
            "à",
            "ơi",
            "Hoẵng",
            "xoong",
            "giếng",
        ];
        for w in yes {
            assert!(is_syllable(w), "{w}");
        }
        let no =
            ["Phßng", "ng\u{AD}êi", "Phoøng", "baùn", "ngöôøi", "Mỹller", "Hmoob", "thaiv", "ăă", "bấá", "", "111"];
        for w in no {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
