//! Personal data that must not be published (the victim-centred, confidentiality principle of
//! every anti-trafficking campaign plan): phone numbers other than the official ones, citizen ID
//! numbers, and a date of birth next to a person's name.
//!
//! A pure scan over a file's text. It must stay quiet on what campaign text is full of: the
//! hotline 111, years, dates, times, percentages, money amounts and document numbers such as
//! "854/SYT-BTTE" or "Quyết định số 1762/QĐ-TTg".
//!
//! The lines of a paragraph are scanned as one text (a line break inside a paragraph is a
//! space in Markdown), so a number an editor's line wrapping split, "0912 345" at the end of one
//! line and "678" at the start of the next, is still one number; a blank line ends the joining.
//!
//! **Linear time** (issue 10): every look-around is bounded by a constant (the money word after a
//! number, the date after "sinh năm", the name window around it), so the scan does a fixed amount
//! of work per character however long a line is. `bench/privacy.sh` shows it.

use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Mobile (03x, 05x, 07x, 08x, 09x; 10 digits) or landline (02xx; 11 digits).
    Phone,
    /// 12-digit citizen identity card number (CCCD).
    CitizenId,
    /// 9-digit identity card number of the old kind (CMND).
    OldId,
    /// "sinh năm 1998", "sinh ngày 12/3/2001" near a person's name.
    BirthDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// One-based line and column (in characters).
    pub line: usize,
    pub col: usize,
    pub kind: Kind,
    /// The text as written.
    pub text: String,
}

/// Numbers that may be published: the hotline, `hotline.others`, `privacy.allow`.
#[derive(Debug, Clone, Default)]
pub struct Allow {
    numbers: HashSet<String>,
}

impl Allow {
    pub fn new<'a>(numbers: impl IntoIterator<Item = &'a str>) -> Allow {
        Allow { numbers: numbers.into_iter().map(normalize_number).filter(|n| !n.is_empty()).collect() }
    }
    fn contains(&self, digits: &str) -> bool {
        self.numbers.contains(&normalize_number(digits))
    }
}

/// Digits only, with the country code `84` written as the trunk prefix `0`.
pub fn normalize_number(s: &str) -> String {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix("84") {
        Some(rest) if rest.len() == 9 || rest.len() == 10 => format!("0{rest}"),
        _ => digits,
    }
}

pub fn scan(text: &str, allow: &Allow) -> Vec<Finding> {
    // Every finding holds a digit: a text without one (most Hmong and Tai pages' lines are
    // words only) needs no closer look.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let joined = Joined::new(text);
    let chars = &joined.chars;
    let mut found: Vec<(usize, Kind, String)> = numbers(chars, allow);
    if may_say_born(text) {
        found.extend(birth_dates(chars));
    }
    // A year in brackets is "(19…" or "(20…" in the file as written (joining lines only puts a
    // space or a line break between them): most pages have none, and the look at every
    // character was a quarter of the scan.
    if text.contains("(19") || text.contains("(20") {
        found.extend(bracketed_birth_years(chars));
    }
    found.sort_by_key(|(start, ..)| *start);
    found
        .into_iter()
        .map(|(start, kind, text)| {
            let (line, col) = joined.pos(start);
            Finding { line, col, kind, text }
        })
        .collect()
}

/// Whether [`birth_dates`] can find anything: each of [`BIRTH_WORDS`] holds "sinh" or "sn",
/// in any letter case (`İ` lower-cases to an `i` too). Saves lower-casing every page.
fn may_say_born(text: &str) -> bool {
    // First, without a branch: is there an "s" followed by "n" or "i", in any case? (`s` is
    // common; looking closer at each one was a third of the scan.)
    let b = text.as_bytes();
    let pairs = b.iter().zip(b.get(1..).unwrap_or_default());
    let s_n_or_i =
        pairs.fold(false, |any, (&x, &y)| any | (((x | 0x20) == b's') & (((y | 0x20) == b'n') | ((y | 0x20) == b'i'))));
    text.contains('İ') || (s_n_or_i && has_sn_or_sinh(b))
}

/// "sn" or "sinh" in any letter case: the close look of [`may_say_born`].
fn has_sn_or_sinh(b: &[u8]) -> bool {
    let at = |i: usize, w: &[u8]| b.get(i..i + w.len()).is_some_and(|s| s.eq_ignore_ascii_case(w));
    (0..b.len()).any(|i| matches!(b[i], b's' | b'S') && (at(i, b"sn") || at(i, b"sinh")))
}

/// The text with each paragraph's lines joined by a space, and where every character came from.
struct Joined {
    chars: Vec<char>,
    /// Where each line's text begins in `chars`: (index, one-based line, characters of the line
    /// left out before it). A character's column follows from the line it is on.
    lines: Vec<(usize, usize, usize)>,
}

impl Joined {
    fn new(text: &str) -> Joined {
        let mut j = Joined { chars: Vec::with_capacity(text.len()), lines: Vec::new() };
        let mut lines = text.lines().peekable();
        let mut i = 0;
        while let Some(line) = lines.next() {
            let soft_joined = i > 0 && j.chars.last() == Some(&' ');
            let body = if soft_joined { line.trim_start() } else { line };
            let skipped = line[..line.len() - body.len()].chars().count();
            let body = body.trim_end();
            j.lines.push((j.chars.len(), i + 1, skipped));
            j.chars.extend(body.chars());
            let next_blank = lines.peek().is_none_or(|l| l.trim().is_empty());
            j.chars.push(if body.trim().is_empty() || next_blank { '\n' } else { ' ' });
            i += 1;
        }
        j
    }

    /// One-based (line, column) of `chars[at]`.
    fn pos(&self, at: usize) -> (usize, usize) {
        let k = self.lines.partition_point(|&(start, ..)| start <= at).saturating_sub(1);
        let (start, line, skipped) = self.lines.get(k).copied().unwrap_or((0, 1, 0));
        (line, skipped + at.saturating_sub(start) + 1)
    }
}

/// A run of digit groups joined by single separators: "0912 345 678", "+84.912.345.678".
struct Run {
    plus: bool,
    /// The first group is an area code in brackets, "(0213) 3.876.543": the subscriber number
    /// after it may be grouped any way.
    bracketed: bool,
    /// (start, end) char index of each digit group.
    groups: Vec<(usize, usize)>,
}

fn is_sep(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '\u{a0}')
}

/// Characters that glue a number to a word, a path or a decimal: then it is not a phone number
/// or an ID on its own (`IMG_0912345678.jpg`, `/tin/123456789`, `3,5`).
fn glued_before(c: char) -> bool {
    c.is_alphanumeric() || "_/\\.,-#=&?%@+".contains(c)
}

fn glued_after(c: char) -> bool {
    c.is_alphanumeric() || "_/\\%".contains(c)
}

fn runs(chars: &[char]) -> Vec<Run> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        // Straight to the next digit or `+`: most characters are neither.
        match chars[i..].iter().position(|&c| c == '+' || c.is_ascii_digit()) {
            Some(skip) => i += skip,
            None => break,
        }
        let plus = chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if !(chars[i].is_ascii_digit() || plus) {
            i += 1;
            continue;
        }
        let start = i;
        let attached_left = start > 0 && glued_before(chars[start - 1]);
        let mut j = if plus { i + 1 } else { i };
        let mut groups = Vec::new();
        let mut bracketed = false;
        loop {
            let g = j;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            groups.push((g, j));
            if j + 1 < chars.len() && is_sep(chars[j]) && chars[j + 1].is_ascii_digit() {
                j += 1;
                continue;
            }
            // An area or country code in brackets: "(024) 3825 1234", "(+84) 912 345 678".
            let in_brackets = groups.len() == 1 && start > 0 && chars[start - 1] == '(' && chars.get(j) == Some(&')');
            if in_brackets
                && chars.get(j + 1).is_some_and(|&c| is_sep(c))
                && chars.get(j + 2).is_some_and(char::is_ascii_digit)
            {
                bracketed = true;
                j += 2;
                continue;
            }
            break;
        }
        let attached_right = chars.get(j).is_some_and(|&c| glued_after(c))
            || (chars.get(j).is_some_and(|&c| c == ',' || c == '.')
                && chars.get(j + 1).is_some_and(char::is_ascii_digit));
        // A glued end group belongs to something else ("… 678 24/7"): drop it, keep the rest.
        if attached_left {
            groups.remove(0);
        }
        if attached_right {
            groups.pop();
        }
        if !groups.is_empty() && !money_follows(chars, j) {
            out.push(Run { plus: plus && !attached_left, bracketed: bracketed && !attached_left, groups });
        }
        i = j.max(i + 1);
    }
    out
}

/// The longest money word below ("triệu"), plus one: how far [`money_follows`] looks.
const MONEY_WORD_CHARS: usize = 6;

/// "500000000 đồng", "1.000.000.000 VND", "12 triệu": amounts, not numbers of people.
/// Looks at a bounded stretch after the number (the scan stays linear, issue 10).
fn money_follows(chars: &[char], from: usize) -> bool {
    let rest = chars.get(from..).unwrap_or(&[]);
    let spaces = rest.iter().take(MONEY_WORD_CHARS).take_while(|c| c.is_whitespace()).count();
    let word: String = rest[spaces..]
        .iter()
        .take(MONEY_WORD_CHARS)
        .take_while(|c| c.is_alphabetic() || **c == '$')
        .flat_map(|c| c.to_lowercase())
        .collect();
    ["đ", "đồng", "vnd", "vnđ", "usd", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "$"].contains(&word.as_str())
}

fn digits_of(chars: &[char], groups: &[(usize, usize)]) -> String {
    groups.iter().flat_map(|&(a, b)| chars[a..b].iter()).collect()
}

fn numbers(chars: &[char], allow: &Allow) -> Vec<(usize, Kind, String)> {
    let mut out = Vec::new();
    for run in runs(chars) {
        let n = run.groups.len();
        let mut s = 0;
        let mut found_phone = false;
        while s < n {
            let mut matched = None;
            for e in s..n.min(s + 6) {
                let groups = &run.groups[s..=e];
                if let Some(digits) = phone(chars, groups, run.plus && s == 0, run.bracketed && s == 0) {
                    matched = Some((e, digits));
                    break;
                }
            }
            match matched {
                Some((e, digits)) => {
                    let from = if run.plus && s == 0 { run.groups[0].0 - 1 } else { run.groups[s].0 };
                    let from = if s == 0 && from > 0 && chars[from - 1] == '(' { from - 1 } else { from };
                    let text: String = chars[from..run.groups[e].1].iter().collect();
                    if !allow.contains(&digits) {
                        out.push((from, Kind::Phone, text));
                    }
                    found_phone = true;
                    s = e + 1;
                }
                None => s += 1,
            }
        }
        if found_phone || run.plus {
            continue;
        }
        if let Some(id) = id_number(chars, &run.groups)
            && !allow.contains(&id.2)
        {
            out.push(id);
        }
    }
    out
}

/// A citizen ID (12 digits, starting with 0) or an old ID card number (9 digits), written in one
/// block or in groups of 3 or 4 ("001 195 012 345", "012.345.678"). A grouped 9-digit number must
/// start with 0: population figures and amounts grouped by thousands ("123 456 789") never do.
fn id_number(chars: &[char], groups: &[(usize, usize)]) -> Option<(usize, Kind, String)> {
    let digits = digits_of(chars, groups);
    let grouped = groups.len() > 1;
    if grouped && groups.iter().any(|&(a, b)| !(3..=4).contains(&(b - a))) {
        return None;
    }
    let kind = match digits.len() {
        12 if digits.starts_with('0') => Kind::CitizenId,
        9 if !grouped || digits.starts_with('0') => Kind::OldId,
        _ => return None,
    };
    let (start, end) = (groups.first()?.0, groups.last()?.1);
    Some((start, kind, chars[start..end].iter().collect()))
}

/// The number the groups spell, when it is a Vietnamese phone number written the way people
/// write them: one block, or groups of 2+ digits after a first group of 3+ (so a date such as
/// "05.03.2021 09" never joins into one); after an area code in brackets the subscriber number
/// may be grouped any way ("(0213) 3.876.543").
fn phone(chars: &[char], groups: &[(usize, usize)], plus: bool, bracketed: bool) -> Option<String> {
    let len = |&(a, b): &(usize, usize)| b - a;
    let digits = digits_of(chars, groups);
    let national = if plus || digits.starts_with("84") {
        let rest = digits.strip_prefix("84")?;
        if rest.starts_with('0') || !(rest.len() == 9 || rest.len() == 10) {
            return None;
        }
        format!("0{rest}")
    } else {
        digits
    };
    // Groups of the national part: a separate `84` group is the country code.
    let body = if groups.len() > 1 && len(&groups[0]) == 2 && (plus || national.len() != digits_of(chars, groups).len())
    {
        &groups[1..]
    } else {
        groups
    };
    if !bracketed && body.len() > 1 && (len(&body[0]) < 3 || body[1..].iter().any(|g| len(g) < 2)) {
        return None;
    }
    let mobile = national.len() == 10 && ["03", "05", "07", "08", "09"].iter().any(|p| national.starts_with(p));
    let landline = national.len() == 11 && national.starts_with("02");
    (mobile || landline).then_some(national)
}

/// Words that say "born on/in": the date must follow right after them.
const BIRTH_WORDS: [&str; 7] =
    ["sinh năm", "năm sinh", "sinh ngày", "ngày sinh", "sinh vào năm", "sinh vào ngày", "sn"];

static BIRTH_WORDS_CHARS: std::sync::LazyLock<Vec<Vec<char>>> =
    std::sync::LazyLock::new(|| BIRTH_WORDS.iter().map(|w| w.chars().collect()).collect());

/// Vietnamese family names (and the commonest ones of the Hmong, Tày, Thái and Dao), written as
/// in names. Family names that are also the first word of a province (Hà, Cao, Thái, Lâm) are
/// left out: "sinh năm 1998 ở Hà Giang" names no one.
const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đào", "Đoàn", "Vương", "Trịnh", "Trương", "Đinh", "Mai", "Tô", "Lưu", "Tạ", "Quách", "Lương", "Kiều", "Mạc",
    "Chu", "Triệu", "Nông", "Lò", "Cầm", "Lường", "Quàng", "Vàng", "Giàng", "Thào", "Sùng", "Lầu", "Mùa", "Hạng", "Vừ",
    "Chảo", "Sầm", "Tòng", "Lục", "Bế", "Hứa", "Tăng", "Thạch", "Ma", "Hầu", "Cứ", "Tẩn", "Bàn",
];

/// Words before a given name: "chị H.", "em Lan", "anh Tuấn".
const HONORIFICS: &[&str] = &["anh", "chị", "em", "bà", "ông", "cô", "chú", "cháu", "bé", "bạn", "cụ"];

fn lower(chars: &[char]) -> Vec<char> {
    chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect()
}

fn birth_dates(chars: &[char]) -> Vec<(usize, Kind, String)> {
    let low = lower(chars);
    let mut out = Vec::new();
    let mut i = 0;
    while i < low.len() {
        let at_word_start = i == 0 || !low[i - 1].is_alphanumeric();
        let hit = (at_word_start && (low[i] == 's' || low[i] == 'n'))
            .then(|| BIRTH_WORDS_CHARS.iter().find(|w| low[i..].starts_with(w)).map(Vec::len))
            .flatten();
        // The keyword must end a word too ("sn" is "SN 1998", not the start of another word).
        let Some(len) = hit.filter(|len| !low.get(i + len).is_some_and(|c| c.is_alphanumeric())) else {
            i += 1;
            continue;
        };
        if let Some(end) = date_after(&low, i + len)
            && has_name(chars, i.saturating_sub(60), (end + 40).min(chars.len()))
        {
            out.push((i, Kind::BirthDate, chars[i..end].iter().collect()));
            i = end;
            continue;
        }
        i += len;
    }
    out
}

/// The longest date "sinh ngày 12 tháng 12 năm 2001" can be followed by, in characters: the
/// date reader looks no further (linear scan, issue 10).
const DATE_CHARS: usize = 40;

/// End of a date written right after `from` ("1998", ": 12/3/2001", "12 tháng 3 năm 2001") that
/// contains a year 1900..=2099.
fn date_after(low: &[char], from: usize) -> Option<usize> {
    let low = &low[..low.len().min(from + DATE_CHARS)];
    let mut j = from;
    while j < low.len() && (low[j] == ' ' || low[j] == ':') {
        j += 1;
    }
    if !low.get(j).is_some_and(char::is_ascii_digit) {
        return None;
    }
    let mut end = j;
    let mut year = false;
    let mut k = j;
    while k < low.len() {
        if low[k].is_ascii_digit() {
            let s = k;
            while k < low.len() && low[k].is_ascii_digit() {
                k += 1;
            }
            let n: String = low[s..k].iter().collect();
            if n.len() == 4 && (n.starts_with("19") || n.starts_with("20")) {
                year = true;
            }
            end = k;
            continue;
        }
        if "/-. ".contains(low[k]) {
            k += 1;
            continue;
        }
        let rest: String = low[k..].iter().take(5).collect();
        if rest.starts_with("tháng") || rest.starts_with("năm") {
            k += if rest.starts_with("tháng") { 5 } else { 3 };
            continue;
        }
        break;
    }
    year.then_some(end)
}

/// How far before a bracketed year a name is looked for.
const NAME_CHARS: usize = 40;

/// "Nguyễn Văn A (1995)": a year in brackets right after a person's name is a year of birth.
fn bracketed_birth_years(chars: &[char]) -> Vec<(usize, Kind, String)> {
    let mut out = Vec::new();
    for (i, w) in chars.windows(6).enumerate() {
        let year = w[0] == '(' && w[5] == ')' && w[1..5].iter().all(char::is_ascii_digit);
        if !year || !matches!(w[1..3], ['1', '9'] | ['2', '0']) {
            continue;
        }
        // The name ends right before the bracket: the word there is capitalised.
        let from = i.saturating_sub(NAME_CHARS);
        let window: String = chars[from..i].iter().collect();
        let last_word = window.trim_end().rsplit(|c: char| !(c.is_alphabetic() || c == '.')).next().unwrap_or("");
        if is_capitalised(last_word) && has_name(chars, from, i) {
            out.push((i, Kind::BirthDate, w.iter().collect()));
        }
    }
    out
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A person's name in `chars[from..to]`: a family name followed by a capitalised word, or an
/// honorific followed by a capitalised word or an initial ("chị H.").
fn has_name(chars: &[char], from: usize, to: usize) -> bool {
    let window: String = chars[from..to].iter().collect();
    let words: Vec<&str> =
        window.split(|c: char| !(c.is_alphanumeric() || c == '.')).filter(|w| !w.is_empty()).collect();
    words.windows(2).any(|pair| {
        let (a, b) = (pair[0].trim_end_matches('.'), pair[1]);
        let next_is_name = is_capitalised(b) && b.chars().all(|c| c.is_alphabetic() || c == '.');
        let surname = SURNAMES.contains(&a) && next_is_name && !(a == "Hồ" && b.starts_with("Chí"));
        let honorific = HONORIFICS.contains(&a.to_lowercase().as_str()) && next_is_name;
        surname || honorific
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The branch-free first look never says "no" where the close look says "yes".
    #[test]
    fn the_first_look_for_birth_words_misses_none() {
        let close = |text: &str| text.contains('İ') || has_sn_or_sinh(text.as_bytes());
        let mut texts = crate::text::samples::texts(2000);
        for word in ["sinh", "SINH", "sInH", "sn", "Sn", "SN", "si", "sin", "s", "n", "İ", "snow", "xsinh"] {
            texts.push(word.to_string());
            texts.push(format!("năm 1998 {word}"));
            texts.push(format!("{word}: 1998"));
        }
        for text in texts {
            assert_eq!(may_say_born(&text), close(&text), "{text:?}");
        }
    }

    fn allow() -> Allow {
        Allow::new(["111", "0203 3881 234", "+84 912 000 111"])
    }

    fn kinds(line: &str) -> Vec<(Kind, String)> {
        scan(line, &allow()).into_iter().map(|f| (f.kind, f.text)).collect()
    }

    #[test]
    fn finds_personal_data() {
        let cases: &[(&str, Kind, &str)] = &[
            ("Liên hệ chị Lan: 0912345678.", Kind::Phone, "0912345678"),
            ("Gọi 0912 345 678 để gặp", Kind::Phone, "0912 345 678"),
            ("ĐT: 091.234.5678", Kind::Phone, "091.234.5678"),
            ("số 0388-123-456", Kind::Phone, "0388-123-456"),
            ("Zalo +84 912 345 678", Kind::Phone, "+84 912 345 678"),
            ("gọi +84912345678 ngay", Kind::Phone, "+84912345678"),
            ("gọi 84912345678 ngay", Kind::Phone, "84912345678"),
            ("máy bàn 024 3825 1234", Kind::Phone, "024 3825 1234"),
            ("máy bàn 0214.3840.123", Kind::Phone, "0214.3840.123"),
            ("[gọi](tel:0701234567)", Kind::Phone, "0701234567"),
            ("Tổng đài 0812 345 678 24/7", Kind::Phone, "0812 345 678"),
            ("CCCD 001198012345", Kind::CitizenId, "001198012345"),
            ("CMND số 012345678 cấp", Kind::OldId, "012345678"),
            ("Chị Nguyễn Thị Hoa, sinh năm 1998, trú tại", Kind::BirthDate, "sinh năm 1998"),
            ("Nguyễn Văn A sinh ngày 12/3/2001", Kind::BirthDate, "sinh ngày 12/3/2001"),
            ("em H. (sinh ngày 12 tháng 3 năm 2001)", Kind::BirthDate, "sinh ngày 12 tháng 3 năm 2001"),
            ("Vàng Thị Mỷ, năm sinh: 2005", Kind::BirthDate, "năm sinh: 2005"),
            ("Nguyễn Văn Bình (SN 1990) trú tại", Kind::BirthDate, "SN 1990"),
            ("máy bàn (024) 3825 1234", Kind::Phone, "(024) 3825 1234"),
            ("gọi (+84) 912 345 678", Kind::Phone, "(+84) 912 345 678"),
        ];
        for (line, kind, text) in cases {
            assert_eq!(kinds(line), vec![(*kind, text.to_string())], "{line}");
        }
    }

    /// Issue 15: landlines with a bracketed area code and a dotted subscriber number, spaced or
    /// dotted ID numbers, a number an editor's line wrapping split, a year of birth in brackets.
    #[test]
    fn finds_what_the_audit_missed() {
        let cases: &[(&str, Kind, &str)] = &[
            ("Liên hệ (0213) 3.876.543 để gặp", Kind::Phone, "(0213) 3.876.543"),
            ("máy bàn (0214) 3 840 123", Kind::Phone, "(0214) 3 840 123"),
            ("gọi (024) 38.251.234", Kind::Phone, "(024) 38.251.234"),
            ("CCCD 001 195 012 345 cấp", Kind::CitizenId, "001 195 012 345"),
            ("CCCD: 001.195.012.345", Kind::CitizenId, "001.195.012.345"),
            ("số căn cước 0011 9501 2345", Kind::CitizenId, "0011 9501 2345"),
            ("CMND 012 345 678", Kind::OldId, "012 345 678"),
            ("Nguyễn Văn A (1995) trú tại", Kind::BirthDate, "(1995)"),
            ("chị Lò Thị Mai (2005)", Kind::BirthDate, "(2005)"),
        ];
        for (line, kind, text) in cases {
            assert_eq!(kinds(line), vec![(*kind, text.to_string())], "{line}");
        }
    }

    /// Issue 15: the lines of a paragraph are one text; the finding points at where it starts.
    #[test]
    fn a_number_split_across_lines_is_found() {
        let cases: &[(&str, Kind, &str, (usize, usize))] = &[
            ("Gọi chị Lan số 0912 345\n678 nếu cần.", Kind::Phone, "0912 345 678", (1, 16)),
            ("Gọi 0912\n  345 678.", Kind::Phone, "0912 345 678", (1, 5)),
            ("a\nCCCD 001 195\n012 345", Kind::CitizenId, "001 195 012 345", (2, 6)),
            ("Chị Nguyễn Thị Hoa,\nsinh năm 1998, trú tại", Kind::BirthDate, "sinh năm 1998", (2, 1)),
            ("Nguyễn Văn A\n(1995)", Kind::BirthDate, "(1995)", (2, 1)),
        ];
        for (text, kind, found, at) in cases {
            let f = scan(text, &allow());
            assert_eq!(
                f.iter().map(|f| (f.kind, f.text.as_str())).collect::<Vec<_>>(),
                vec![(*kind, *found)],
                "{text}"
            );
            assert_eq!((f[0].line, f[0].col), *at, "{text}");
        }
        // A blank line ends a paragraph: two numbers in two paragraphs stay two numbers.
        assert_eq!(kinds("Năm 2024\n\n0912"), vec![]);
        assert_eq!(kinds("Tổng đài 1800\n\n1567 người"), vec![]);
    }

    /// Issue 15: what the new rules must still leave alone.
    #[test]
    fn the_new_rules_stay_quiet_on_campaign_text() {
        let traps = [
            "Dân số 123 456 789 người",
            "Kinh phí 100 200 300 đồng",
            "Luật số 53/2024/QH15 (2024)",
            "Số liệu năm nay (2025) cho thấy",
            "Chủ tịch Hồ Chí Minh (1890)",
            "Tổng đài (1800) 1567",
            "ngày 12/3 (2024)",
            "Mã số 012 34 5678",
            "đến 2025\n30/7 hằng năm",
        ];
        for t in traps {
            assert_eq!(kinds(t), vec![], "{t}");
        }
    }

    /// Issue 10: `loa check` took 31 s on a 100,000-digit line of `1|2|3|…` because every number
    /// looked at the whole rest of the line. The look-aheads are bounded now: a line 20 times
    /// longer holds exactly 20 times the findings and the scan ends (quadratic work here would
    /// be 4·10¹¹ character visits, hours). `bench/privacy.sh` has the timings.
    #[test]
    fn long_lines_are_scanned_in_linear_time() {
        let line = "1|".repeat(1_000_000);
        assert_eq!(scan(&line, &allow()), vec![]);
        let phones = "0912345678|".repeat(50_000);
        assert_eq!(scan(&phones, &allow()).len(), 50_000);
        let spaced = "sinh năm 1 ".repeat(100_000);
        assert_eq!(scan(&spaced, &allow()), vec![]);
        // The bounded look-aheads still see what they must.
        assert!(money_follows(&"  triệu".chars().collect::<Vec<_>>(), 0));
        assert!(!money_follows(&"  triệuxyz".chars().collect::<Vec<_>>(), 0));
    }

    #[test]
    fn reports_line_and_column() {
        let f = scan("a\nb 0912345678\n", &allow());
        assert_eq!((f[0].line, f[0].col), (2, 3));
    }

    #[test]
    fn no_false_alarms() {
        let traps = [
            "Gọi 111 miễn phí, 24/7",
            "Đường dây nóng 111",
            "Công an xã: 0203 3881 234",
            "Văn phòng: 0203.3881.234",
            "Hỗ trợ: +84 912 000 111",
            "Năm 2023 có 1.500 vụ; năm 2024, 2025 giảm",
            "Ngày 30/7/2026, lúc 09:30",
            "ngày 05.03.2021 09:30",
            "ngày 30-07-2026 tại nhà văn hóa",
            "giảm 35% so với 2019; 12,5% trẻ em",
            "Hỗ trợ 500.000 đồng, tổng 1.000.000.000 đồng",
            "trị giá 500000000 đồng",
            "khoảng 9.000.000.000 VND",
            "Công văn 854/SYT-BTTE",
            "Quyết định số 1762/QĐ-TTg ngày 10/8/2021",
            "Kế hoạch 2000/KH-UBND",
            "Những người sinh năm 1998 trở về sau",
            "Trẻ em sinh năm 2010 được",
            "Công dân sinh năm 1998 ở Hà Giang",
            "Ngày sinh hoạt chuyên đề 12/3/2024 của Nguyễn Văn Cừ",
            "![ảnh](IMG_0912345678.jpg)",
            "[tin](https://baomoi.vn/tin/0912345678.epi)",
            "Tổng đài 1800 1567",
            "Mã bưu chính 310000, dân số 123 456",
            "Phiên bản 0.912.345.678",
            "sinh năm 1998 tại Thành phố Hồ Chí Minh",
            "Nguyễn Văn Bình (snack 1990)",
            "Số liệu (2023) 1500 người",
            "Tổng đài (1800) 1567",
        ];
        for t in traps {
            assert_eq!(kinds(t), vec![], "{t}");
        }
    }

    #[test]
    fn normalizes_numbers() {
        assert_eq!(normalize_number("+84 912 345 678"), "0912345678");
        assert_eq!(normalize_number("0912.345.678"), "0912345678");
        assert_eq!(normalize_number("111"), "111");
    }
}
