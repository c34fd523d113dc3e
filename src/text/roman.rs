//! Roman numerals as numbers: "Quý III", "khóa XV", "thế kỷ XXI", "I. Mục đích".
//!
//! Only canonical numerals count (the value written back must give the same letters), so
//! "IIII", "VX" or "IC" are words, not numbers. Administrative text never goes past a few dozen;
//! the reader accepts 1–3999, the range the notation has.

const VALUES: [(u64, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// The value of an upper-case canonical Roman numeral.
pub fn parse(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 15 || !s.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    let mut rest = s;
    let mut value = 0;
    for (v, letters) in VALUES {
        // At most three repeats of a letter: the canonical form never has more.
        for _ in 0..3 {
            match rest.strip_prefix(letters) {
                Some(r) => {
                    value += v;
                    rest = r;
                }
                None => break,
            }
            if letters.len() == 2 || matches!(letters, "D" | "L" | "V") {
                break;
            }
        }
    }
    (rest.is_empty() && write(value) == s).then_some(value)
}

fn write(mut n: u64) -> String {
    let mut s = String::new();
    for (v, letters) in VALUES {
        while n >= v {
            s.push_str(letters);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_numerals_only() {
        let table: &[(&str, Option<u64>)] = &[
            ("I", Some(1)),
            ("II", Some(2)),
            ("III", Some(3)),
            ("IV", Some(4)),
            ("IX", Some(9)),
            ("XIV", Some(14)),
            ("XV", Some(15)),
            ("XXI", Some(21)),
            ("XL", Some(40)),
            ("MMXXVI", Some(2026)),
            ("MMMCMXCIX", Some(3999)),
            ("IIII", None),
            ("VX", None),
            ("IC", None),
            ("VV", None),
            ("", None),
            ("ii", None),
            ("XIVX", None),
        ];
        for (s, want) in table {
            assert_eq!(parse(s), *want, "{s}");
        }
    }
}
