//! Text made ready to be read aloud, per language.
//!
//! Vietnamese has a built-in reader ([`super::vi_reader`]: numbers, codes, abbreviations).
//! Any other language keeps its digits, unless its i18n file (`themes/*/i18n/LANG.yaml`) provides
//! a number table — the extension point, described in [`super::table_numbers`] (Hmong ships
//! one). A language with a regular number system can grow a full reader like the Vietnamese one
//! behind [`Speaker`] without changing the renderers.

use super::table_numbers::{self, NumberTable};
use super::{vi_numbers, vi_reader};
use crate::i18n::Strings;

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
            Kind::Table(table) => table_numbers::speak(&text, table, &self.official),
            Kind::AsWritten => text,
        }
    }

    /// An ordered list's item label ("Thứ nhất, ..."), where the language has one.
    pub fn ordinal_lead(&self, n: u64) -> Option<String> {
        match &self.kind {
            Kind::Vietnamese => {
                let mut s = vi_numbers::ordinal(n);
                if let Some(first) = s.get(..1) {
                    s.replace_range(..1, &first.to_uppercase());
                }
                Some(s)
            }
            Kind::Table(table) => table.ordinal(n).map(|s| vi_numbers::capitalize(&s)),
            Kind::AsWritten => None,
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
            ("number_scales", "100=puas"),
        ]);
        let s = Speaker::new("hmn", &table, vec!["111".into()]);
        let table: &[(&str, &str)] = &[
            ("Hu 111 dawb", "Hu ib ib ib dawb"),
            ("111 yog tus xov tooj. 111 dawb", "Ib ib ib yog tus xov tooj. Ib ib ib dawb"),
            ("0912", "Xoom cuaj ib ob"),
            ("10 tus", "Kaum tus"),
            ("24 teev", "Nees nkaum plaub teev"),
            ("3 hnub", "Peb hnub"),
            ("10.000", "10.000"),
            ("30/7, 7:30.", "30/7, 7:30."),
            ("120 tus", "Ib puas nees nkaum tus"),
            ("250 tus", "250 tus"),
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
