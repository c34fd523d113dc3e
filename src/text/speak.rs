//! Text made ready to be read aloud, per language.
//!
//! Vietnamese has a built-in reader ([`super::vi_reader`]: numbers, codes, abbreviations).
//! Any other language keeps its digits, unless its i18n file (`themes/*/i18n/LANG.yaml`) provides
//! a number table — the extension point:
//!
//! ```yaml
//! # ten words, for the digits 0 to 9: phone and hotline numbers are read digit by digit
//! number_digits: "xoom ib ob peb plaub tsib rau xya yim cuaj"
//! # optional: whole numbers said as one word or phrase; other numbers keep their digits
//! number_words: "10=kaum; 20=nees nkaum"
//! ```
//!
//! Numbers an announcer must dial (the hotline and `hotline.others` from loa.yaml, and numbers
//! starting with 0) are read with `number_digits`; a number listed in `number_words` is replaced by
//! its words; anything else stays as written. A language with a regular number system can grow a
//! full reader like the Vietnamese one behind [`Speaker`] without changing the renderers.

use super::{vi_numbers, vi_reader};
use crate::i18n::Strings;
use std::collections::HashMap;

/// A language's number table from its i18n strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberTable {
    pub digits: Option<[String; 10]>,
    pub words: HashMap<u64, String>,
}

impl NumberTable {
    /// Reads `number_digits` and `number_words`; a malformed entry is skipped (the digits stay).
    pub fn from_strings(strings: &Strings) -> Option<NumberTable> {
        let digits = strings.get("number_digits").and_then(|s| {
            let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            <[String; 10]>::try_from(words).ok()
        });
        let words: HashMap<u64, String> = strings
            .get("number_words")
            .map(|s| {
                s.split(';')
                    .filter_map(|pair| {
                        let (n, w) = pair.split_once('=')?;
                        Some((n.trim().parse().ok()?, w.trim().to_string()))
                    })
                    .filter(|(_, w): &(u64, String)| !w.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        (digits.is_some() || !words.is_empty()).then_some(NumberTable { digits, words })
    }
}

/// Turns a language's written text into what an announcer says.
#[derive(Debug, Clone)]
pub struct Speaker {
    kind: Kind,
    /// Hotline and other official numbers, digits only.
    official: Vec<String>,
}

#[derive(Debug, Clone)]
enum Kind {
    Vietnamese,
    Table(Box<NumberTable>),
    AsWritten,
}

impl Speaker {
    /// `lang` is a BCP 47 code; `strings` are the language's i18n strings (fallbacks included).
    pub fn new(lang: &str, strings: &Strings, official: Vec<String>) -> Speaker {
        let primary = lang.split('-').next().unwrap_or(lang);
        let kind = if primary == "vi" {
            Kind::Vietnamese
        } else {
            NumberTable::from_strings(strings).map(|t| Kind::Table(Box::new(t))).unwrap_or(Kind::AsWritten)
        };
        Speaker { kind, official }
    }

    pub fn speak(&self, text: &str) -> String {
        let text = tidy(text);
        match &self.kind {
            Kind::Vietnamese => vi_reader::speak(&text, &self.official),
            Kind::Table(table) => speak_with_table(&text, table, &self.official),
            Kind::AsWritten => text,
        }
    }

    /// An ordered list's item label ("Thứ nhất, ..."), where the language has one.
    pub fn ordinal_lead(&self, n: u64) -> Option<String> {
        match self.kind {
            Kind::Vietnamese => {
                let mut s = vi_numbers::ordinal(n);
                if let Some(first) = s.get(..1) {
                    s.replace_range(..1, &first.to_uppercase());
                }
                Some(s)
            }
            _ => None,
        }
    }
}

/// Typography a voice should not read: a dash between words becomes a pause, runs of spaces one,
/// an ellipsis a full stop. A dash between two numbers stays: it is a range ("3 – 5 người"), and
/// the number reader says "đến".
fn tidy(text: &str) -> String {
    let text = text.replace('…', ".");
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    for (k, word) in words.iter().enumerate() {
        let between_numbers = || {
            let before = words[..k].last().is_some_and(|w| {
                w.ends_with(|c: char| c.is_ascii_digit() || c == '%') || vi_numbers::unit_word(w).is_some()
            });
            let after = words.get(k + 1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            before && after
        };
        if matches!(*word, "—" | "–" | "-") && k > 0 && !between_numbers() {
            out.push(',');
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

fn speak_with_table(text: &str, table: &NumberTable, official: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        out.push_str(&rest[..start]);
        let len = token_len(&rest[start..]);
        let number = &rest[start..start + len];
        // "1.000", "30/7", "7:30": without a full reader these stay as written.
        let glued = !number.bytes().all(|b| b.is_ascii_digit());
        let dialled = official.iter().any(|o| o == number) || (number.starts_with('0') && len > 1);
        let spoken = match (&table.digits, number.parse::<u64>().ok()) {
            _ if glued => None,
            (Some(words), _) if dialled => {
                Some(number.bytes().map(|b| words[usize::from(b - b'0')].as_str()).collect::<Vec<_>>().join(" "))
            }
            (_, Some(n)) => table.words.get(&n).cloned(),
            _ => None,
        };
        match spoken {
            Some(words) if vi_numbers::at_sentence_start(&out) => out.push_str(&vi_numbers::capitalize(&words)),
            Some(words) => out.push_str(&words),
            None => out.push_str(number),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

/// Length of a number token: digits, with single `.`, `,`, `/`, `:` between digits.
fn token_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut len = 0;
    while len < b.len() {
        let joins_digits =
            matches!(b[len], b'.' | b',' | b'/' | b':') && b.get(len + 1).is_some_and(u8::is_ascii_digit);
        if !(b[len].is_ascii_digit() || joins_digits) {
            break;
        }
        len += 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(pairs: &[(&str, &str)]) -> Strings {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn vietnamese_reads_numbers_and_abbreviations() {
        let s = Speaker::new("vi", &Strings::new(), vec!["111".into()]);
        assert_eq!(s.speak("UBND xã  Mẫu — gọi 111."), "Ủy ban nhân dân xã Mẫu, gọi một một một.");
        assert_eq!(s.speak("từ 3 – 5 người - tối đa"), "từ ba đến năm người, tối đa");
        assert_eq!(s.ordinal_lead(1).as_deref(), Some("Thứ nhất"));
    }

    #[test]
    fn other_languages_keep_digits_without_a_table() {
        let s = Speaker::new("blt", &Strings::new(), vec!["111".into()]);
        assert_eq!(s.speak("Hu 111, 24 teev"), "Hu 111, 24 teev");
        assert_eq!(s.ordinal_lead(1), None);
    }

    #[test]
    fn a_table_reads_dialled_numbers_and_listed_words() {
        let table = strings(&[
            ("number_digits", "xoom ib ob peb plaub tsib rau xya yim cuaj"),
            ("number_words", "10=kaum; 20=nees nkaum; bad; 3="),
        ]);
        let s = Speaker::new("hmn", &table, vec!["111".into()]);
        let table: &[(&str, &str)] = &[
            ("Hu 111 dawb", "Hu ib ib ib dawb"),
            ("111 yog tus xov tooj. 111 dawb", "Ib ib ib yog tus xov tooj. Ib ib ib dawb"),
            ("0912", "Xoom cuaj ib ob"),
            ("10 tus", "Kaum tus"),
            ("24 teev", "24 teev"),
            ("3 hnub", "3 hnub"),
            ("10.000", "10.000"),
            ("30/7, 7:30.", "30/7, 7:30."),
        ];
        for (input, want) in table {
            assert_eq!(s.speak(input), *want, "{input}");
        }
    }

    #[test]
    fn a_short_digit_list_is_ignored() {
        assert_eq!(NumberTable::from_strings(&strings(&[("number_digits", "a b c")])), None);
    }
}
