//! Vietnamese without diacritics, as SMS campaigns send it ("Goi 111 mien phi").
//!
//! Every tone mark and vowel mark is removed (ă â ê ô ơ ư lose their breve, circumflex and horn,
//! ả ã á ạ à lose their tone), đ becomes d and Đ becomes D. Input is NFC (content is normalised
//! on load); decomposing to NFD splits each letter into its base and combining marks, so dropping
//! the marks (U+0300–U+036F) covers every precomposed letter without a hand-made table.

use unicode_normalization::UnicodeNormalization;

/// `text` with Vietnamese diacritics removed; other characters are kept as they are (NFC).
pub fn deaccent(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .nfc()
        .collect()
}

/// Combining Diacritical Marks: the block that holds the Vietnamese tone, breve, circumflex and
/// horn marks.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_every_vietnamese_mark() {
        let table = [
            ("Gọi 111 miễn phí", "Goi 111 mien phi"),
            ("Đường dây nóng", "Duong day nong"),
            ("đđĐĐ", "ddDD"),
            ("ă â ê ô ơ ư", "a a e o o u"),
            ("Ắ Ằ Ẳ Ẵ Ặ ấ ầ ẩ ẫ ậ", "A A A A A a a a a a"),
            ("ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ", "e e e e e o o o o o o o o o o"),
            ("ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ í ì ỉ ĩ ị", "u u u u u y y y y y i i i i i"),
            ("Phòng, chống mua bán người", "Phong, chong mua ban nguoi"),
            ("Hmoob: Tiv thaiv kev muag neeg", "Hmoob: Tiv thaiv kev muag neeg"),
        ];
        for (input, want) in table {
            assert_eq!(deaccent(input), want, "{input}");
        }
    }

    #[test]
    fn decomposed_input_gives_the_same_result() {
        let nfd: String = "Người".nfd().collect();
        assert_eq!(deaccent(&nfd), "Nguoi");
    }
}
