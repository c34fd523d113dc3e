//! Slugs: clean, safe path components from titles, file names and tags.
//!
//! Vietnamese letters lose their tone and vowel marks (`Đường dây nóng` → `duong-day-nong`)
//! because people type such URLs on phones. Scripts with no ASCII spelling (Tai Viet) keep their
//! letters *and* their marks: `ꪀꪱ`, `ꪀꪱ꪿` and `ꪁꪱ` are different words and must stay apart
//! (Zola merges them into one tag page). A slug never contains `/`, `\`, `.` or control
//! characters, so it can never place output outside OUT.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_base_latin = false;
    let mut pending_dash = false;
    for c in text.nfd() {
        if is_combining_mark(c) {
            // A mark on a Latin letter is a Vietnamese tone or vowel mark: drop it. A mark on a
            // letter of another script is part of the word: keep it.
            if !last_base_latin && !out.is_empty() && !pending_dash {
                out.push(c);
            }
            continue;
        }
        let mapped = match c {
            'đ' | 'Đ' => Some('d'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            c if c.is_alphanumeric() && !is_latin(c) => Some(c),
            c if c.is_alphanumeric() => None, // other Latin letters (ø, ß): fold below
            _ => {
                pending_dash = !out.is_empty();
                last_base_latin = false;
                continue;
            }
        };
        // A letter that maps to one character is not given a String of its own: one per
        // character of every title, tag and heading was most of a slug's cost (issue 16).
        let mut one = [0u8; 4];
        let folded: String;
        let pieces: &str = match mapped {
            Some(m) => m.encode_utf8(&mut one),
            None => {
                folded = fold_latin(c);
                &folded
            }
        };
        if pieces.is_empty() {
            continue;
        }
        if pending_dash {
            out.push('-');
            pending_dash = false;
        }
        out.push_str(pieces);
        last_base_latin = c.is_ascii() || is_latin(c) || c == 'đ' || c == 'Đ';
    }
    // Non-Latin output is recomposed so equal words give equal slugs (ASCII already is).
    if out.is_ascii() {
        return windows_safe(out);
    }
    windows_safe(out.nfc().collect())
}

/// Windows keeps some names for devices: a folder called `con`, `nul` or `com1` cannot be made
/// or copied there, whatever its letter case, and officials build sites and copy them to USB
/// sticks on Windows. `con` ("child") is a common Vietnamese word, so a tag `Con` or a page
/// `con.md` is likely: such a slug gets `-1` (`con-1`), on every system alike so a site has the
/// same addresses wherever it is built.
fn windows_safe(slug: String) -> String {
    let reserved = match slug.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        s => (s.starts_with("com") || s.starts_with("lpt")) && s.len() == 4 && s.as_bytes()[3].is_ascii_digit(),
    };
    if reserved { format!("{slug}-1") } else { slug }
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

fn fold_latin(c: char) -> String {
    match c {
        'ø' | 'Ø' => "o".into(),
        'ß' => "ss".into(),
        'æ' | 'Æ' => "ae".into(),
        'œ' | 'Œ' => "oe".into(),
        'ł' | 'Ł' => "l".into(),
        other => other.to_lowercase().filter(char::is_ascii_alphanumeric).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_loses_marks() {
        assert_eq!(slugify("Đường dây nóng 111"), "duong-day-nong-111");
        assert_eq!(slugify("Dấu hiệu nhận biết mua bán người"), "dau-hieu-nhan-biet-mua-ban-nguoi");
        assert_eq!(slugify("  Ngày 30/7!  "), "ngay-30-7");
    }

    /// A folder named after a Windows device cannot exist on the officials' computers.
    #[test]
    fn names_windows_keeps_for_devices_are_never_slugs() {
        for (text, slug) in [("Con", "con-1"), ("CON", "con-1"), ("nul", "nul-1"), ("Aux", "aux-1"), ("PRN", "prn-1")] {
            assert_eq!(slugify(text), slug);
        }
        for (text, slug) in [("COM1", "com1-1"), ("lpt9", "lpt9-1"), ("Côn", "con-1")] {
            assert_eq!(slugify(text), slug);
        }
        for kept in ["con cai", "com", "com10", "lpt", "console", "nulo"] {
            assert_eq!(slugify(kept), kept.replace(' ', "-"), "{kept}");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_slug() {
        let nfd: String = "Việt Nam".nfd().collect();
        assert_eq!(slugify(&nfd), "viet-nam");
    }

    #[test]
    fn hostile_slugs_cannot_climb() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("..\\x"), "x");
        assert_eq!(slugify("...."), "");
    }

    #[test]
    fn tai_viet_words_stay_distinct() {
        let a = slugify("ꪀꪱ");
        let b = slugify("ꪀꪱ꪿");
        let c = slugify("ꪁꪱ");
        assert!(!a.is_empty());
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_ne!(b, c);
    }

    #[test]
    fn hmong_rpa_is_ascii_already() {
        assert_eq!(slugify("Xov xwm tseem ceeb"), "xov-xwm-tseem-ceeb");
    }
}
