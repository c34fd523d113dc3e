//! SMS length, counted the way a phone network splits a message (3GPP TS 23.038, "GSM 03.38").
//!
//! A message whose every character is in the GSM 7-bit default alphabet is sent as GSM-7: 160
//! septets in one SMS, or 153 per part when split (the other 7 carry the concatenation header).
//! The extension table characters `€ [ ] { } ^ ~ \ |` and form feed take two septets (an escape and
//! the character). One character outside both tables (any Vietnamese letter with a diacritic,
//! a curly quote, an emoji) switches the whole message to UCS-2: 70 UTF-16 units in one SMS, 67 per
//! part; a character outside the Basic Multilingual Plane (emoji) is a surrogate pair, two units.
//! When splitting, an escape pair or a surrogate pair is never cut across two parts, so a part may
//! hold one unit less than its maximum; [`measure`] counts parts exactly that way.

/// The GSM 7-bit default alphabet, in code order 0x00–0x7F (0x1B, the escape, is not a character).
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1b}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

/// Characters of the extension table: each is sent as escape + code, two septets.
const EXTENSION: &str = "\u{0c}^{}\\[~]|€";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }
    /// Units in a message that fits one SMS.
    pub fn single(self) -> usize {
        match self {
            Encoding::Gsm7 => 160,
            Encoding::Ucs2 => 70,
        }
    }
    /// Units per part of a split message.
    pub fn per_part(self) -> usize {
        match self {
            Encoding::Gsm7 => 153,
            Encoding::Ucs2 => 67,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    pub encoding: Encoding,
    /// Characters as a reader counts them (Unicode scalar values).
    pub chars: usize,
    /// Septets (GSM-7) or UTF-16 units (UCS-2): what the network counts.
    pub units: usize,
    pub parts: usize,
}

impl Measure {
    /// Units the message may have and still fit in `parts` SMS.
    pub fn capacity(encoding: Encoding, parts: usize) -> usize {
        if parts <= 1 { encoding.single() } else { parts * encoding.per_part() }
    }
}

pub fn is_gsm7(c: char) -> bool {
    c != '\u{1b}' && (BASIC.contains(c) || EXTENSION.contains(c))
}

/// Encoding, length and number of parts of `text`.
pub fn measure(text: &str) -> Measure {
    let encoding = if text.chars().all(is_gsm7) { Encoding::Gsm7 } else { Encoding::Ucs2 };
    let sizes: Vec<usize> = text.chars().map(|c| unit_size(c, encoding)).collect();
    let units = sizes.iter().sum();
    let parts = if units == 0 {
        0
    } else if units <= encoding.single() {
        1
    } else {
        split_count(&sizes, encoding.per_part())
    };
    Measure { encoding, chars: sizes.len(), units, parts }
}

/// Characters to cut from the end of `text` so it fits in `parts` SMS, in the encoding it has
/// (0 when it fits). Counted in characters, as a reader counts: an emoji is one character and
/// two UCS-2 units, a € one character and two septets.
pub fn chars_over(text: &str, parts: usize) -> usize {
    let m = measure(text);
    if m.parts <= parts {
        return 0;
    }
    let sizes: Vec<usize> = text.chars().map(|c| unit_size(c, m.encoding)).collect();
    // Drop characters from the end until the rest fits `parts` parts packed as the network packs.
    let mut keep = sizes.len();
    let mut units = m.units;
    let capacity = Measure::capacity(m.encoding, parts);
    while keep > 0 && units > capacity {
        keep -= 1;
        units -= sizes[keep];
    }
    while keep > 0 && parts_of(&sizes[..keep], m.encoding) > parts {
        keep -= 1;
    }
    sizes.len() - keep
}

fn parts_of(sizes: &[usize], encoding: Encoding) -> usize {
    let units: usize = sizes.iter().sum();
    match units {
        0 => 0,
        u if u <= encoding.single() => 1,
        _ => split_count(sizes, encoding.per_part()),
    }
}

fn unit_size(c: char, encoding: Encoding) -> usize {
    match encoding {
        Encoding::Gsm7 if EXTENSION.contains(c) => 2,
        Encoding::Gsm7 => 1,
        Encoding::Ucs2 => c.len_utf16(),
    }
}

/// Parts needed when characters (of 1 or 2 units) are packed in order and never cut.
fn split_count(sizes: &[usize], per_part: usize) -> usize {
    let mut parts = 1;
    let mut used = 0;
    for &size in sizes {
        if used + size > per_part {
            parts += 1;
            used = 0;
        }
        used += size;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> (Encoding, usize, usize) {
        let r = measure(text);
        (r.encoding, r.units, r.parts)
    }

    #[test]
    fn gsm7_boundaries() {
        use Encoding::Gsm7;
        let a = |n: usize| "a".repeat(n);
        let table = [
            (String::new(), (Gsm7, 0, 0)),
            (a(1), (Gsm7, 1, 1)),
            (a(160), (Gsm7, 160, 1)),
            (a(161), (Gsm7, 161, 2)),
            (a(306), (Gsm7, 306, 2)),
            (a(307), (Gsm7, 307, 3)),
            (a(459), (Gsm7, 459, 3)),
            (a(460), (Gsm7, 460, 4)),
        ];
        for (text, want) in table {
            assert_eq!(m(&text), want, "{} chars", text.len());
        }
    }

    #[test]
    fn extension_characters_take_two_septets() {
        use Encoding::Gsm7;
        for c in ['€', '[', ']', '{', '}', '^', '~', '\\', '|', '\u{0c}'] {
            assert_eq!(m(&c.to_string()), (Gsm7, 2, 1), "{c:?}");
        }
        // 159 + one € = 161 septets: two parts.
        assert_eq!(m(&format!("{}€", "a".repeat(159))), (Gsm7, 161, 2));
        assert_eq!(m(&format!("{}€", "a".repeat(158))), (Gsm7, 160, 1));
        // An escape pair is not cut: 152 + € + 1 would be 155 units, but the € moves to part 2.
        assert_eq!(m(&format!("{}€{}", "a".repeat(152), "a".repeat(152))), (Gsm7, 306, 3));
        // The basic table has accented Latin letters of its own.
        assert_eq!(m("àèéìòùÄÖÑÜ£¥§¿¡ΔΩ@"), (Gsm7, 18, 1));
        assert_eq!(measure("Goi 111").chars, 7);
    }

    #[test]
    fn one_vietnamese_letter_switches_to_ucs2() {
        use Encoding::Ucs2;
        let a = |n: usize| "a".repeat(n);
        let table = [
            (format!("{}ô", a(69)), (Ucs2, 70, 1)),
            (format!("{}ô", a(70)), (Ucs2, 71, 2)),
            (format!("{}ô", a(133)), (Ucs2, 134, 2)),
            (format!("{}ô", a(134)), (Ucs2, 135, 3)),
            ("Gọi 111".to_string(), (Ucs2, 7, 1)),
            // á is in no GSM table (à is).
            ("á".to_string(), (Ucs2, 1, 1)),
            // Curly quotes are not GSM either: typography alone can double the cost.
            ("“a”".to_string(), (Ucs2, 3, 1)),
        ];
        for (text, want) in table {
            assert_eq!(m(&text), want, "{text}");
        }
    }

    #[test]
    fn emoji_are_surrogate_pairs() {
        use Encoding::Ucs2;
        assert_eq!(m("📢"), (Ucs2, 2, 1));
        assert_eq!(measure("📢").chars, 1);
        assert_eq!(m(&format!("{}📢", "a".repeat(68))), (Ucs2, 70, 1));
        assert_eq!(m(&format!("{}📢", "a".repeat(69))), (Ucs2, 71, 2));
        // The pair is not cut: 66 + 📢 does not fit 67, so it moves on.
        assert_eq!(m(&format!("{}📢{}", "a".repeat(66), "a".repeat(66))), (Ucs2, 134, 3));
    }

    #[test]
    fn capacity() {
        assert_eq!(Measure::capacity(Encoding::Gsm7, 1), 160);
        assert_eq!(Measure::capacity(Encoding::Gsm7, 2), 306);
        assert_eq!(Measure::capacity(Encoding::Ucs2, 3), 201);
    }
}
