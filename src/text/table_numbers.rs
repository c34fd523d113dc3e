//! Numbers read aloud in a language that has no built-in reader, from a number table in its i18n
//! file (`themes/*/i18n/LANG.yaml`). Every key is optional; what a table does not say stays as
//! written (digits a human announcer reads themselves):
//!
//! ```yaml
//! number_digits: "xoom ib ob peb plaub tsib rau xya yim cuaj"   # 0–9: dialled digit by digit
//! number_words: "10=kaum; 20=nees nkaum; 30=peb caug"            # words of whole numbers
//! number_scales: "100=puas; 1000=txhiab; 1000000=lab"            # multipliers, largest used first
//! number_percent: "{n} feem pua"
//! number_time: "{h} teev {m} feeb"        # 7:30, 7h30
//! number_hour: "{h} teev"                 # 14:00, 7h
//! number_date: "{d} lub {m} hli"          # 30/7
//! number_date_year: "{d} lub {m} hli xyoo {y}"   # 1/7/2025
//! number_year: "{n} xyoo {y}"             # 53/2024 (a document number and its year)
//! number_range: "{a} txog {b}"            # 3–5, 7:30 – 11:00
//! number_round_the_clock: "…"             # 24/7 alone (not after a day word)
//! number_day_words: "hnub tim"            # words after which 24/7 is a date
//! number_ordinal: "thib {n}"              # "1." of an ordered list: "Thib ib, …"
//! ```
//!
//! **Cardinals** are composed from the table: a number listed in `number_words` is said as listed;
//! below 100, the tens' word and the unit's ("nees nkaum" + "ib"); above, the largest scale that
//! fits, its multiplier first ("ob txhiab nees nkaum rau" for 2026). Units come from
//! `number_words` or, failing that, from `number_digits`. A table without scales reads only the
//! numbers it can compose, and keeps the others as digits; so does a number past the square of
//! the largest scale.
//!
//! **Dialled numbers** (the hotline and `hotline.others` from loa.yaml, and numbers starting with
//! 0) are read digit by digit with `number_digits`. Thousands dots ("15.000.000") are read as one
//! number; decimals ("2,5") and digits glued to letters ("QH15", "A3") stay as written; a slash
//! between a number and a code ("53/2024/QH15") is not said.

use super::vi_numbers::{at_sentence_start, capitalize};
use crate::i18n::Strings;
use std::collections::HashMap;

/// A language's number table from its i18n strings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NumberTable {
    pub digits: Option<[String; 10]>,
    pub words: HashMap<u64, String>,
    /// (value, word), largest first.
    pub scales: Vec<(u64, String)>,
    /// `number_*` templates by their key without the prefix ("percent", "time", …).
    pub templates: HashMap<&'static str, String>,
    /// Words after which "24/7" is a date, lower-cased.
    pub day_words: Vec<String>,
}

const TEMPLATES: [&str; 9] =
    ["percent", "time", "hour", "date", "date_year", "year", "range", "round_the_clock", "ordinal"];

/// Pairs `N=words` separated by `;`; a malformed pair is skipped.
fn pairs(s: &str) -> impl Iterator<Item = (u64, String)> + '_ {
    s.split(';').filter_map(|pair| {
        let (n, w) = pair.split_once('=')?;
        let w = w.trim();
        (!w.is_empty()).then(|| Some((n.trim().parse().ok()?, w.to_string()))).flatten()
    })
}

impl NumberTable {
    /// Reads the `number_*` keys (module doc); `None` when the language has none.
    pub fn from_strings(strings: &Strings) -> Option<NumberTable> {
        let digits = strings.get("number_digits").and_then(|s| {
            let words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
            <[String; 10]>::try_from(words).ok()
        });
        let words: HashMap<u64, String> = strings.get("number_words").map(|s| pairs(s).collect()).unwrap_or_default();
        let mut scales: Vec<(u64, String)> =
            strings.get("number_scales").map(|s| pairs(s).filter(|(n, _)| *n >= 10).collect()).unwrap_or_default();
        scales.sort_by_key(|s| std::cmp::Reverse(s.0));
        let templates: HashMap<&'static str, String> = TEMPLATES
            .iter()
            .filter_map(|&k| strings.get(&format!("number_{k}")).map(|v| (k, v.clone())))
            .filter(|(_, v)| !v.trim().is_empty())
            .collect();
        let day_words = strings
            .get("number_day_words")
            .map(|s| s.split_whitespace().map(str::to_lowercase).collect())
            .unwrap_or_default();
        let table = NumberTable { digits, words, scales, templates, day_words };
        (table.digits.is_some() || !table.words.is_empty()).then_some(table)
    }

    /// A whole number in words, if the table can say it.
    pub fn cardinal(&self, n: u64) -> Option<String> {
        self.compose(n, 0)
    }

    fn compose(&self, n: u64, depth: u8) -> Option<String> {
        // Scales divide by at least 10 each time: a u64 has at most 20 digits.
        if depth > 20 {
            return None;
        }
        if let Some(w) = self.words.get(&n) {
            return Some(w.clone());
        }
        if n < 10 {
            return self.digits.as_ref().map(|d| d[n as usize].clone());
        }
        if n < 100 {
            let tens = self.words.get(&(n / 10 * 10))?;
            return Some(format!("{tens} {}", self.compose(n % 10, depth + 1)?));
        }
        let (scale, word) = self.scales.iter().find(|(s, _)| *s <= n)?;
        // "ib puas puas" for 10,000 is no number anyone says: past its largest scale squared
        // the table has no words, and the digits stay.
        if n / scale >= *scale {
            return None;
        }
        let mut out = format!("{} {word}", self.compose(n / scale, depth + 1)?);
        if !n.is_multiple_of(*scale) {
            out.push(' ');
            out.push_str(&self.compose(n % scale, depth + 1)?);
        }
        Some(out)
    }

    /// An ordered list's item label ("thib ob"), where the table has `number_ordinal`.
    pub fn ordinal(&self, n: u64) -> Option<String> {
        let words = self.cardinal(n)?;
        self.fill("ordinal", &[("n", words)])
    }

    fn dial(&self, number: &str) -> Option<String> {
        let words = self.digits.as_ref()?;
        let spoken: Vec<&str> =
            number.bytes().filter(u8::is_ascii_digit).map(|b| words[usize::from(b - b'0')].as_str()).collect();
        Some(spoken.join(" "))
    }

    fn fill(&self, key: &str, values: &[(&str, String)]) -> Option<String> {
        let template = self.templates.get(key)?;
        Some(values.iter().fold(template.clone(), |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v)))
    }
}

/// What a number token turned out to be (a range joins two of one kind).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Quantity,
    Date,
    Time,
    Other,
}

/// Rewrites the numbers of `text` with `table` (module doc). `official`: dialled numbers.
pub fn speak(text: &str, table: &NumberTable, official: &[String]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else { break };
        let glued_to_letter = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
        if !c.is_ascii_digit() || glued_to_letter {
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let end = token_end(text, i);
        if text[end..].starts_with(char::is_alphabetic) {
            // "15A", "4G": digits glued to letters stay as written.
            let word_end = end + text[end..].find(|c: char| !c.is_alphanumeric()).unwrap_or(text.len() - end);
            out.push_str(&text[i..word_end]);
            i = word_end;
            continue;
        }
        let before = last_word(&out);
        let (mut end, mut words, kind) = read(text, i, end, table, official, &before);
        if let Some(upper) = range_upper(text, end)
            && kind != Kind::Other
        {
            let upper_end = token_end(text, upper);
            let (e, upper_words, upper_kind) = read(text, upper, upper_end, table, official, "");
            if let (true, Some(range)) =
                (upper_kind == kind, table.fill("range", &[("a", words.clone()), ("b", upper_words)]))
            {
                words = range;
                end = e;
            }
        }
        out.push_str(&if at_sentence_start(&out) { capitalize(&words) } else { words });
        i = end.max(i + 1);
        // "53/2024/QH15": the slash before a code is not said.
        if text[i..].starts_with('/') && text[i + 1..].starts_with(char::is_alphabetic) {
            out.push(' ');
            i += 1;
        }
    }
    out
}

fn last_word(out: &str) -> String {
    out.trim_end().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase()
}

/// A number token: digits, with single `.`, `,`, `/`, `:` or `h` between digits.
fn token_end(text: &str, i: usize) -> usize {
    let b = text.as_bytes();
    let mut end = i;
    while end < b.len() {
        let joins =
            matches!(b[end], b'.' | b',' | b'/' | b':' | b'h') && b.get(end + 1).is_some_and(u8::is_ascii_digit);
        if !(b[end].is_ascii_digit() || (joins && end > i)) {
            break;
        }
        end += 1;
    }
    end
}

/// The start of the upper end of a range: "3–5", "3 - 5", "7:30 – 11:00".
fn range_upper(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let trimmed = rest.strip_prefix(' ').unwrap_or(rest);
    let dash = ['–', '—', '-'].into_iter().find(|d| trimmed.starts_with(*d))?;
    let after = &trimmed[dash.len_utf8()..];
    let after = after.strip_prefix(' ').unwrap_or(after);
    after.starts_with(|c: char| c.is_ascii_digit()).then(|| text.len() - after.len())
}

fn read(
    text: &str,
    i: usize,
    end: usize,
    table: &NumberTable,
    official: &[String],
    before: &str,
) -> (usize, String, Kind) {
    let token = &text[i..end];
    let as_written = (end, token.to_string(), Kind::Other);
    let digits_only: String = token.chars().filter(char::is_ascii_digit).collect();
    if official.contains(&digits_only) && token.bytes().all(|b| b.is_ascii_digit()) {
        return table.dial(token).map_or(as_written, |w| (end, w, Kind::Other));
    }
    if token.starts_with('0') && token.len() > 1 && token.bytes().all(|b| b.is_ascii_digit()) {
        return table.dial(token).map_or(as_written, |w| (end, w, Kind::Other));
    }
    let spoken = if token.contains('/') {
        slashed(token, table, before)
    } else if token.contains(':') || token.contains('h') {
        time(token, table).map(|w| (w, Kind::Time))
    } else if token.contains(',') {
        None
    } else {
        thousands(token).and_then(|n| table.cardinal(n)).map(|w| (w, Kind::Quantity))
    };
    let Some((words, kind)) = spoken else { return as_written };
    if kind == Kind::Quantity
        && text[end..].starts_with('%')
        && let Some(p) = table.fill("percent", &[("n", words.clone())])
    {
        return (end + 1, p, kind);
    }
    (end, words, kind)
}

/// "15.000.000" → 15000000; plain digits as they are.
fn thousands(token: &str) -> Option<u64> {
    let mut groups = token.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let grouped = !rest.is_empty();
    if first.is_empty() || (grouped && (first.len() > 3 || rest.iter().any(|g| g.len() != 3))) {
        return None;
    }
    let all: String = std::iter::once(first).chain(rest).collect();
    if all.len() > 15 || (all.starts_with('0') && all.len() > 1) {
        return None;
    }
    all.parse().ok()
}

/// "30/7", "1/7/2025", "53/2024", "24/7".
fn slashed(token: &str, table: &NumberTable, before: &str) -> Option<(String, Kind)> {
    let parts: Vec<&str> = token.split('/').collect();
    let n = |s: &str| -> Option<u64> { s.parse().ok() };
    let say = |s: &str| n(s).and_then(|v| table.cardinal(v));
    if token == "24/7" && !table.day_words.iter().any(|w| w == before) {
        return table.templates.get("round_the_clock").map(|t| (t.clone(), Kind::Other));
    }
    match parts.as_slice() {
        [d, m] if d.len() <= 2 && m.len() <= 2 && valid_date(n(d)?, n(m)?) => {
            Some((table.fill("date", &[("d", say(d)?), ("m", say(m)?)])?, Kind::Date))
        }
        [d, m, y] if d.len() <= 2 && m.len() <= 2 && y.len() == 4 && valid_date(n(d)?, n(m)?) => {
            let values = [("d", say(d)?), ("m", say(m)?), ("y", say(y)?)];
            Some((table.fill("date_year", &values)?, Kind::Date))
        }
        [a, y] if y.len() == 4 => Some((table.fill("year", &[("n", say(a)?), ("y", say(y)?)])?, Kind::Other)),
        _ => None,
    }
}

fn valid_date(d: u64, m: u64) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// "7:30", "7h30", "7h" are not split here ("7h" alone ends at `h`): hours and minutes.
fn time(token: &str, table: &NumberTable) -> Option<String> {
    let (h, m) = token.split_once([':', 'h'])?;
    let (hour, minutes) = (h.parse::<u64>().ok()?, m.parse::<u64>().ok()?);
    if hour > 24 || minutes > 59 || m.len() != 2 {
        return None;
    }
    let h_words = table.cardinal(hour)?;
    if minutes == 0 {
        return table.fill("hour", &[("h", h_words)]);
    }
    table.fill("time", &[("h", h_words), ("m", table.cardinal(minutes)?)])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Hmong table as shipped in `themes/default/i18n/hmn.yaml` (a draft for review).
    fn hmong() -> NumberTable {
        let text = include_str!("../../themes/default/i18n/hmn.yaml");
        let strings: Strings = serde_yaml::from_str(text).unwrap();
        NumberTable::from_strings(&strings).unwrap()
    }

    /// Issue 15: Hmong (RPA) numbers from the shipped table, grouped by class.
    #[test]
    fn hmong_corpus() {
        let t = hmong();
        let official = vec!["111".to_string(), "113".to_string()];
        let table: &[(&str, &str)] = &[
            // cardinals
            ("muaj 5 tus", "muaj tsib tus"),
            ("muaj 10 tus", "muaj kaum tus"),
            ("muaj 11 tus", "muaj kaum ib tus"),
            ("muaj 15 tus", "muaj kaum tsib tus"),
            ("muaj 18 xyoo", "muaj kaum yim xyoo"),
            ("muaj 20 tus", "muaj nees nkaum tus"),
            ("muaj 24 teev", "muaj nees nkaum plaub teev"),
            ("muaj 30 hnub", "muaj peb caug hnub"),
            ("muaj 35 hnub", "muaj peb caug tsib hnub"),
            ("muaj 53 tus", "muaj tsib caug peb tus"),
            ("muaj 60 tus", "muaj rau caum tus"),
            ("muaj 99 tus", "muaj cuaj caum cuaj tus"),
            ("muaj 100 tus", "muaj ib puas tus"),
            ("muaj 162 tus", "muaj ib puas rau caum ob tus"),
            ("muaj 1000 tus", "muaj ib txhiab tus"),
            ("xyoo 2025", "xyoo ob txhiab nees nkaum tsib"),
            ("xyoo 2016", "xyoo ob txhiab kaum rau"),
            ("muaj 15.000.000 nyiaj", "muaj kaum tsib lab nyiaj"),
            ("muaj 1.500 tus", "muaj ib txhiab tsib puas tus"),
            // dialled
            ("Hu 111 dawb", "Hu ib ib ib dawb"),
            ("hu 113.", "hu ib ib peb."),
            ("hu 0912345678", "hu xoom cuaj ib ob peb plaub tsib rau xya yim"),
            // percent, time, dates, ranges
            ("li 15% ntawm", "li kaum tsib feem pua ntawm"),
            ("thaum 7:30", "thaum xya teev peb caug feeb"),
            ("thaum 14:00", "thaum kaum plaub teev"),
            ("7:30 txog 11:00", "Xya teev peb caug feeb txog kaum ib teev"),
            ("7:30 – 11:00", "Xya teev peb caug feeb txog kaum ib teev"),
            ("3 – 5 tus", "Peb txog tsib tus"),
            ("hnub 30/7", "hnub peb caug lub xya hli"),
            ("hnub tim 1/7/2025", "hnub tim ib lub xya hli xyoo ob txhiab nees nkaum tsib"),
            ("Luật số 53/2024/QH15", "Luật số tsib caug peb xyoo ob txhiab nees nkaum plaub QH15"),
            ("162/2025/NĐ-CP", "Ib puas rau caum ob xyoo ob txhiab nees nkaum tsib NĐ-CP"),
            ("dawb, 24/7.", "dawb, nees nkaum plaub teev txhua hnub, xya hnub txhua lub lim tiam."),
            ("hnub tim 24/7", "hnub tim nees nkaum plaub lub xya hli"),
            // left as written
            ("2,5 feem", "2,5 feem"),
            ("QH15 A3 4G", "QH15 A3 4G"),
            ("32/13", "32/13"),
        ];
        assert_eq!(t.ordinal(2).as_deref(), Some("thib ob"));
        for (input, want) in table {
            assert_eq!(speak(input, &t, &official), *want, "{input}");
        }
    }

    #[test]
    fn a_table_without_scales_reads_what_it_can() {
        let strings: Strings = [("number_words", "10=kaum; 20=nees nkaum; 3=")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let t = NumberTable::from_strings(&strings).unwrap();
        assert_eq!(speak("10 tus, 3 hnub, 1000 tus", &t, &[]), "Kaum tus, 3 hnub, 1000 tus");
    }

    #[test]
    fn long_inputs_are_read_in_one_pass() {
        let t = hmong();
        assert!(!speak(&"1-".repeat(50_000), &t, &[]).is_empty());
        assert_eq!(t.cardinal(1_000_000_000).as_deref(), Some("ib txhiab lab"));
        assert_eq!(t.cardinal(u64::MAX), None);
    }
}
