//! Vietnamese numbers read out in words, for loudspeaker scripts.
//!
//! A text-to-speech voice reads "111" as "một trăm mười một", which is wrong for a hotline, and
//! an announcer stumbles on "30/7/2026" or "1.000.000". [`speak`] rewrites every number in a
//! running text into the words an announcer would say. What a number means is decided from its
//! shape and its neighbours, in this order (the first rule that fits wins):
//!
//! 1. **Hotline and official numbers** (config `hotline.number` and `hotline.others`): digit by
//!    digit, also when written with spaces, dots or hyphens: "111" → "một một một",
//!    "1800 1567" → "một tám không không, một năm sáu bảy" (a written gap becomes a short pause).
//! 2. **ISO dates** `2026-07-30` → "ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi sáu".
//! 3. **"24/7"** is read "hai mươi bốn giờ mỗi ngày, bảy ngày mỗi tuần" unless the word before it
//!    is "ngày", "mồng" or "mùng" ("ngày 24/7" is the 24th of July). No campaign writes the 24th of
//!    July without "ngày", while "24/7" alone is the usual way to say "round the clock".
//! 4. **Dates** `D/M` and `D/M/YYYY` with a valid day (1–31) and month (1–12): "30/7" → "ngày ba
//!    mươi tháng bảy", "01/7" → "mồng một tháng bảy" (days 1–10 take "mồng"); a "ngày" already
//!    written before the date is not repeated. Month 4 is "tháng tư" (the calendar name).
//!    `X/YYYY` with a year is "X năm YYYY" ("tháng 7/2026"; "Nghị định 162/2025/NĐ-CP" → "…một
//!    trăm sáu mươi hai năm hai nghìn không trăm hai mươi lăm NĐ-CP": the slash before a document
//!    code is not said). Any other `X/Y` is a ratio: "24/24 giờ" → "hai mươi bốn trên hai mươi
//!    bốn giờ".
//! 5. **Times** `7:30`, `7h30`, `7h`: "bảy giờ ba mươi"; minutes 1–9 add "phút" ("bảy giờ năm
//!    phút") so "7:05" is not heard as "bảy giờ năm". Text already written "7 giờ 30" is read
//!    number by number, which gives the same words.
//! 6. **Phone numbers**: a number starting with `0` ("0912 345 678", "02143 881 234") is read
//!    digit by digit, with its written groups as pauses. Cardinals never start with 0.
//! 7. **Thousands dots and decimal commas** (Vietnamese style): "1.000.000" → "một triệu",
//!    "2,5" → "hai phẩy năm".
//! 8. Everything else is a **cardinal**: 5 "năm", 10 "mười", 15 "mười lăm", 21 "hai mươi mốt",
//!    24 "hai mươi bốn" (this reader always says "bốn", never "tư", for a clear TTS reading),
//!    105 "một trăm linh năm", 2026 "hai nghìn không trăm hai mươi sáu", then "triệu", "tỷ",
//!    "nghìn tỷ". After "thứ", 1 is "nhất" and 4 is "tư" (weekdays and ordinals: "thứ tư");
//!    after "tháng", 4 is "tư". A run of more than 15 digits is read digit by digit (a code).
//!
//! Units right after a number are spoken: `%` "phần trăm", `km` "ki-lô-mét", `kg` "ki-lô-gam",
//! `đ`/`VNĐ`/`VND` "đồng". A range `5-10` or `5–10` between two cardinals is "năm đến mười".

const DIGITS: [&str; 10] = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"];

/// The spoken reading of each digit, one word per digit: "111" → "một một một".
/// Any non-digit between digits (space, dot, hyphen) is a group break and becomes a comma pause.
pub fn digits(s: &str) -> String {
    let mut out = String::new();
    let mut pending_break = false;
    for c in s.chars() {
        match c.to_digit(10) {
            Some(d) => {
                if !out.is_empty() {
                    out.push_str(if pending_break { ", " } else { " " });
                }
                out.push_str(DIGITS[d as usize]);
                pending_break = false;
            }
            None => pending_break = true,
        }
    }
    out
}

/// A cardinal number in words.
pub fn cardinal(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut words = Vec::new();
    push_cardinal(n, true, &mut words);
    words.join(" ")
}

const BILLION: u64 = 1_000_000_000;

/// `leading`: nothing was said before this part, so a zero hundreds digit is silent
/// ("năm" rather than "không trăm linh năm").
fn push_cardinal(n: u64, leading: bool, words: &mut Vec<&'static str>) {
    if n >= BILLION {
        push_cardinal(n / BILLION, leading, words);
        words.push("tỷ");
        if !n.is_multiple_of(BILLION) {
            push_below_billion(n % BILLION, false, words);
        }
    } else {
        push_below_billion(n, leading, words);
    }
}

fn push_below_billion(n: u64, mut leading: bool, words: &mut Vec<&'static str>) {
    let groups = [(n / 1_000_000, Some("triệu")), ((n / 1000) % 1000, Some("nghìn")), (n % 1000, None)];
    for (value, name) in groups {
        if value == 0 {
            continue;
        }
        push_triple(value as usize, leading, words);
        words.extend(name);
        leading = false;
    }
}

/// 1–999. Inside a larger number every triple says its hundreds ("không trăm").
fn push_triple(n: usize, leading: bool, words: &mut Vec<&'static str>) {
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    let says_hundreds = h > 0 || !leading;
    if says_hundreds {
        words.extend([DIGITS[h], "trăm"]);
    }
    match t {
        0 if u == 0 => {}
        0 if says_hundreds => words.extend(["linh", DIGITS[u]]),
        0 => words.push(DIGITS[u]),
        1 => {
            words.push("mười");
            match u {
                0 => {}
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u]),
            }
        }
        _ => {
            words.extend([DIGITS[t], "mươi"]);
            match u {
                0 => {}
                1 => words.push("mốt"),
                5 => words.push("lăm"),
                _ => words.push(DIGITS[u]),
            }
        }
    }
}

/// "thứ nhất", "thứ hai", "thứ tư", … for ordered lists.
pub fn ordinal(n: u64) -> String {
    match n {
        1 => "thứ nhất".into(),
        4 => "thứ tư".into(),
        _ => format!("thứ {}", cardinal(n)),
    }
}

/// Day of month: "mồng một" for 1–10, "ngày hai mươi" otherwise. `after_ngay`: the text already
/// says "ngày" before the number.
fn day(d: u64, after_ngay: bool) -> String {
    match (d <= 10, after_ngay) {
        (true, _) => format!("mồng {}", cardinal(d)),
        (false, true) => cardinal(d),
        (false, false) => format!("ngày {}", cardinal(d)),
    }
}

fn month(m: u64) -> String {
    if m == 4 { "tháng tư".into() } else { format!("tháng {}", cardinal(m)) }
}

const ROUND_THE_CLOCK: &str = "hai mươi bốn giờ mỗi ngày, bảy ngày mỗi tuần";

/// Rewrites every number in `text` into words (rules in the module doc). `official` are the
/// hotline and other official numbers, as dialled (digits only).
pub fn speak(text: &str, official: &[String]) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < text.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if starts_number {
            let before = last_word(&out);
            let (end, words) = read_number_at(text, i, official, &before);
            if at_sentence_start(&out) {
                out.push_str(&capitalize(&words));
            } else {
                out.push_str(&words);
            }
            i = end;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Whether a number written here starts a sentence ("30/7 là…" → "Ngày ba mươi…").
pub fn at_sentence_start(before: &str) -> bool {
    let t = before.trim_end_matches(['"', '“', '(', '\'']);
    let trimmed = t.trim_end();
    // "1.00" is not two sentences: the stop must be followed by a space.
    trimmed.is_empty() || (trimmed.len() < t.len() && trimmed.ends_with(['.', '!', '?']))
}

/// First letter upper-cased.
pub fn capitalize(words: &str) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The last word already written, lower-cased: context for "ngày 24/7", "thứ 4", "tháng 4".
fn last_word(out: &str) -> String {
    out.trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase()
}

/// Reads the number starting at byte `i`; returns where it ends and its words.
fn read_number_at(text: &str, i: usize, official: &[String], before: &str) -> (usize, String) {
    if let Some(end) = match_official(text, i, official) {
        return (end, digits(&text[i..end]));
    }
    let run1 = digit_run(text, i);
    let after1 = &text[run1..];
    let first = &text[i..run1];

    if let Some((end, words)) = iso_date(text, i, run1) {
        return (end, words);
    }
    // A document number "793/QĐ-TTg": the number, then the code (the slash is not said).
    if after1.starts_with('/') && after1[1..].starts_with(char::is_alphabetic) {
        return (run1 + 1, format!("{} ", in_context(before, first)));
    }
    if after1.starts_with('/') {
        let run2 = digit_run(text, run1 + 1);
        if run2 > run1 + 1 {
            return slash(text, i, run1, run2, before);
        }
    }
    if let Some((end, words)) = time(text, i, run1) {
        return (end, words);
    }
    if first.starts_with('0') && first.len() >= 2 {
        let end = phone_groups(text, run1);
        return (end, digits(&text[i..end]));
    }
    let (end, words) = quantity(text, i, run1, before);
    with_range_and_unit(text, end, words)
}

/// `…1800 1567…`: an official number, possibly written with single spaces, dots or hyphens.
fn match_official(text: &str, i: usize, official: &[String]) -> Option<usize> {
    let mut best = None;
    for number in official.iter().filter(|n| !n.is_empty()) {
        let mut pos = i;
        let mut ok = true;
        for (k, want) in number.bytes().enumerate() {
            if k > 0 && text.as_bytes().get(pos).is_some_and(|b| matches!(b, b' ' | b'.' | b'-')) {
                pos += 1;
            }
            if text.as_bytes().get(pos) != Some(&want) {
                ok = false;
                break;
            }
            pos += 1;
        }
        let ends_cleanly = !text.as_bytes().get(pos).is_some_and(u8::is_ascii_digit);
        if ok && ends_cleanly && best.is_none_or(|b| pos > b) {
            best = Some(pos);
        }
    }
    best
}

fn digit_run(text: &str, i: usize) -> usize {
    i + text[i..].bytes().take_while(u8::is_ascii_digit).count()
}

fn num(s: &str) -> Option<u64> {
    s.parse().ok()
}

/// `2026-07-30`.
fn iso_date(text: &str, i: usize, run1: usize) -> Option<(usize, String)> {
    let s = text.get(i..i + 10)?;
    let b = s.as_bytes();
    let shape = run1 == i + 4 && b[4] == b'-' && b[7] == b'-';
    let all_digits = [0, 1, 2, 3, 5, 6, 8, 9].iter().all(|&k| b[k].is_ascii_digit());
    if !shape || !all_digits || text.as_bytes().get(i + 10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (y, m, d) = (num(&s[..4])?, num(&s[5..7])?, num(&s[8..])?);
    valid_date(d, m).then(|| (i + 10, format!("{} {} năm {}", day(d, false), month(m), cardinal(y))))
}

fn valid_date(d: u64, m: u64) -> bool {
    (1..=31).contains(&d) && (1..=12).contains(&m)
}

/// `X/Y` or `X/Y/Z`: a date, "24/7", or a ratio.
fn slash(text: &str, i: usize, run1: usize, run2: usize, before: &str) -> (usize, String) {
    let (a, b) = (&text[i..run1], &text[run1 + 1..run2]);
    let after_day_word = matches!(before, "ngày" | "mồng" | "mùng");
    if a == "24" && b == "7" && !after_day_word && !text[run2..].starts_with('/') {
        return (run2, ROUND_THE_CLOCK.to_string());
    }
    let (d, m) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
    if a.len() <= 2 && b.len() <= 2 && valid_date(d, m) {
        let day_words = day(d, matches!(before, "ngày"));
        let day_words = if matches!(before, "mồng" | "mùng") { cardinal(d) } else { day_words };
        let mut words = format!("{day_words} {}", month(m));
        let mut end = run2;
        if text[run2..].starts_with('/') {
            let run3 = digit_run(text, run2 + 1);
            if run3 == run2 + 5 {
                words.push_str(&format!(" năm {}", cardinal(num(&text[run2 + 1..run3]).unwrap_or(0))));
                end = run3;
            }
        }
        return (end, words);
    }
    // "tháng 7/2026", "Nghị định 162/2025/NĐ-CP": a number and its year.
    if b.len() == 4 && (1900..=2100).contains(&num(b).unwrap_or(0)) {
        let words = format!("{} năm {}", in_context(before, a), plain(b));
        let rest = &text[run2..];
        if rest.starts_with('/') && rest[1..].starts_with(char::is_alphabetic) {
            return (run2 + 1, format!("{words} "));
        }
        return (run2, words);
    }
    (run2, format!("{} trên {}", plain(a), plain(b)))
}

/// A number read after the word before it: "thứ 1" → "nhất", "thứ 4" / "tháng 4" → "tư".
fn in_context(before: &str, digits: &str) -> String {
    match (before, digits) {
        ("thứ", "1") => "nhất".to_string(),
        ("thứ" | "tháng", "4") => "tư".to_string(),
        _ => plain(digits),
    }
}

/// A digit string as a cardinal, or digit by digit when it has a leading zero or is very long.
fn plain(s: &str) -> String {
    match num(s) {
        Some(n) if !(s.len() > 1 && s.starts_with('0')) && s.len() <= 15 => cardinal(n),
        _ => digits(s),
    }
}

/// `7:30`, `7h30`, `7h`.
fn time(text: &str, i: usize, run1: usize) -> Option<(usize, String)> {
    let hour = num(&text[i..run1]).filter(|h| run1 - i <= 2 && *h <= 24)?;
    let rest = &text[run1..];
    let sep = rest.chars().next()?;
    if !matches!(sep, ':' | 'h') {
        return None;
    }
    let run2 = digit_run(text, run1 + 1);
    let minutes = &text[run1 + 1..run2];
    let words = match minutes.len() {
        2 => {
            let m = num(minutes).filter(|m| *m < 60)?;
            match m {
                0 => format!("{} giờ", cardinal(hour)),
                1..=9 => format!("{} giờ {} phút", cardinal(hour), cardinal(m)),
                _ => format!("{} giờ {}", cardinal(hour), cardinal(m)),
            }
        }
        // "7h" alone, not "7ha" (a word) and not "7:" (a list).
        0 if sep == 'h' && !text[run1 + 1..].chars().next().is_some_and(char::is_alphanumeric) => {
            format!("{} giờ", cardinal(hour))
        }
        _ => return None,
    };
    Some((run2, words))
}

/// After a phone number's first group, further groups of 2–4 digits joined by one space, dot or
/// hyphen belong to it: "0912 345 678".
fn phone_groups(text: &str, mut end: usize) -> usize {
    let b = text.as_bytes();
    while end + 1 < b.len() && matches!(b[end], b' ' | b'.' | b'-') && b[end + 1].is_ascii_digit() {
        let next = digit_run(text, end + 1);
        if !(2..=4).contains(&(next - end - 1)) {
            break;
        }
        end = next;
    }
    end
}

/// A cardinal, with Vietnamese thousands dots and a decimal comma.
fn quantity(text: &str, i: usize, run1: usize, before: &str) -> (usize, String) {
    let b = text.as_bytes();
    let mut end = run1;
    let mut whole = text[i..run1].to_string();
    if run1 - i <= 3 {
        while b.get(end) == Some(&b'.') && digit_run(text, end + 1) == end + 4 {
            whole.push_str(&text[end + 1..end + 4]);
            end += 4;
        }
    }
    let mut words = in_context(before, &whole);
    if b.get(end) == Some(&b',') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let frac_end = digit_run(text, end + 1);
        words.push_str(&format!(" phẩy {}", plain(&text[end + 1..frac_end])));
        end = frac_end;
    }
    (end, words)
}

const UNITS: [(&str, &str); 6] =
    [("%", "phần trăm"), ("km", "ki-lô-mét"), ("kg", "ki-lô-gam"), ("VNĐ", "đồng"), ("VND", "đồng"), ("đ", "đồng")];

/// Adds a unit written right after the number, or reads a range "5-10" as "năm đến mười".
fn with_range_and_unit(text: &str, end: usize, words: String) -> (usize, String) {
    let (unit_end, words) = with_unit(text, end, words);
    if unit_end != end {
        return (unit_end, words);
    }
    let rest = &text[end..];
    for dash in ["-", "–"] {
        if let Some(after) = rest.strip_prefix(dash)
            && after.starts_with(|c: char| c.is_ascii_digit() && c != '0')
        {
            // The upper end is a plain quantity (not recursive: "1-2-3-…" cannot nest deeply).
            let start = end + dash.len();
            let (next_end, next_words) = quantity(text, start, digit_run(text, start), "");
            let (next_end, next_words) = with_unit(text, next_end, next_words);
            return (next_end, format!("{words} đến {next_words}"));
        }
    }
    (end, words)
}

/// `words` followed by the spoken unit written right after the number, if any.
fn with_unit(text: &str, end: usize, mut words: String) -> (usize, String) {
    let rest = &text[end..];
    // One space may sit between number and unit ("10 km"); the unit must end the word.
    let gap = usize::from(rest.starts_with(' '));
    for (unit, spoken) in UNITS {
        if let Some(after) = rest[gap..].strip_prefix(unit)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
        {
            words.push(' ');
            words.push_str(spoken);
            return (end + gap + unit.len(), words);
        }
    }
    (end, words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinals() {
        let table: &[(u64, &str)] = &[
            (0, "không"),
            (1, "một"),
            (5, "năm"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi bốn"),
            (25, "hai mươi lăm"),
            (30, "ba mươi"),
            (55, "năm mươi lăm"),
            (100, "một trăm"),
            (101, "một trăm linh một"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (111, "một trăm mười một"),
            (115, "một trăm mười lăm"),
            (121, "một trăm hai mươi mốt"),
            (1000, "một nghìn"),
            (1005, "một nghìn không trăm linh năm"),
            (1010, "một nghìn không trăm mười"),
            (1200, "một nghìn hai trăm"),
            (2026, "hai nghìn không trăm hai mươi sáu"),
            (10_000, "mười nghìn"),
            (21_000, "hai mươi mốt nghìn"),
            (500_000, "năm trăm nghìn"),
            (1_000_000, "một triệu"),
            (1_000_005, "một triệu không trăm linh năm"),
            (1_500_000, "một triệu năm trăm nghìn"),
            (1_000_000_000, "một tỷ"),
            (2_000_000_015, "hai tỷ không trăm mười lăm"),
            (1_000_000_000_000, "một nghìn tỷ"),
            (123_456_789, "một trăm hai mươi ba triệu bốn trăm năm mươi sáu nghìn bảy trăm tám mươi chín"),
        ];
        for (n, want) in table {
            assert_eq!(cardinal(*n), *want, "{n}");
        }
    }

    /// A text that starts with a number starts a sentence: its first word is capitalised.
    fn sentence_case(input: &str, want: &str) -> String {
        if input.starts_with(|c: char| c.is_ascii_digit()) { capitalize(want) } else { want.to_string() }
    }

    #[test]
    fn numbers_in_text() {
        let hotline = vec!["111".to_string(), "18001567".to_string()];
        let table: &[(&str, &str)] = &[
            ("Gọi 111", "Gọi một một một"),
            ("Gọi 111.", "Gọi một một một."),
            ("gọi 1800 1567 hoặc 111", "gọi một tám không không, một năm sáu bảy hoặc một một một"),
            ("1111 người", "một nghìn một trăm mười một người"),
            ("5 người", "năm người"),
            ("15 người", "mười lăm người"),
            ("25 tuổi", "hai mươi lăm tuổi"),
            ("21 xã", "hai mươi mốt xã"),
            ("1.000.000 đồng", "một triệu đồng"),
            ("1.000.005 đồng", "một triệu không trăm linh năm đồng"),
            ("500.000đ", "năm trăm nghìn đồng"),
            ("Ngày 30/7 hằng năm", "Ngày ba mươi tháng bảy hằng năm"),
            ("Hạn chót 30/7.", "Hạn chót ngày ba mươi tháng bảy."),
            ("từ 01/7", "từ mồng một tháng bảy"),
            ("ngày 01/7", "ngày mồng một tháng bảy"),
            ("mùng 5/4", "mùng năm tháng tư"),
            ("30/7/2026", "ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi sáu"),
            ("2026-07-30", "ngày ba mươi tháng bảy năm hai nghìn không trăm hai mươi sáu"),
            ("miễn phí, 24/7", "miễn phí, hai mươi bốn giờ mỗi ngày, bảy ngày mỗi tuần"),
            ("ngày 24/7", "ngày hai mươi bốn tháng bảy"),
            ("24/7/2026", "ngày hai mươi bốn tháng bảy năm hai nghìn không trăm hai mươi sáu"),
            ("trực 24/24 giờ", "trực hai mươi bốn trên hai mươi bốn giờ"),
            ("tháng 4/2026", "tháng tư năm hai nghìn không trăm hai mươi sáu"),
            ("Nghị định 162/2025/NĐ-CP", "Nghị định một trăm sáu mươi hai năm hai nghìn không trăm hai mươi lăm NĐ-CP"),
            ("Quyết định số 793/QĐ-TTg", "Quyết định số bảy trăm chín mươi ba QĐ-TTg"),
            ("lúc 7 giờ 30", "lúc bảy giờ ba mươi"),
            ("lúc 7:30", "lúc bảy giờ ba mươi"),
            ("lúc 7h30", "lúc bảy giờ ba mươi"),
            ("lúc 7h", "lúc bảy giờ"),
            ("lúc 7:05", "lúc bảy giờ năm phút"),
            ("lúc 14:00", "lúc mười bốn giờ"),
            ("15%", "mười lăm phần trăm"),
            ("2,5% dân số", "hai phẩy năm phần trăm dân số"),
            ("0912 345 678", "không chín một hai, ba bốn năm, sáu bảy tám"),
            ("0912.345.678.", "không chín một hai, ba bốn năm, sáu bảy tám."),
            ("thứ 4", "thứ tư"),
            ("thứ 2", "thứ hai"),
            ("tháng 4", "tháng tư"),
            ("5-10 người", "năm đến mười người"),
            ("10 km", "mười ki-lô-mét"),
            ("5 đứa trẻ", "năm đứa trẻ"),
            ("10km", "mười ki-lô-mét"),
            ("năm 2026", "năm hai nghìn không trăm hai mươi sáu"),
            ("Không có số", "Không có số"),
            ("30/7: Ngày toàn dân", "Ngày ba mươi tháng bảy: Ngày toàn dân"),
            ("Xong. 111 là số miễn phí", "Xong. Một một một là số miễn phí"),
            ("mã 1234567890123456", "mã một hai ba bốn năm sáu bảy tám chín không một hai ba bốn năm sáu"),
        ];
        for (input, want) in table {
            assert_eq!(speak(input, &hotline), sentence_case(input, want), "{input}");
        }
    }

    #[test]
    fn odd_input_is_read_without_surprises() {
        let table: &[(&str, &str)] = &[
            ("", ""),
            ("0", "Không"),
            ("1/", "Một/"),
            ("24/7/", "Ngày hai mươi bốn tháng bảy/"),
            ("7:", "Bảy:"),
            ("Bước 1: gọi", "Bước một: gọi"),
            ("1.00", "một.không không"),
            ("1,", "một,"),
            ("5ha", "nămha"),
            (
                "18446744073709551616",
                "một tám bốn bốn sáu bảy bốn bốn không bảy ba bảy không chín năm năm một sáu một sáu",
            ),
            ("1-2-3", "một đến hai-ba"),
            ("10-20%", "mười đến hai mươi phần trăm"),
            ("2026-13-40", "hai nghìn không trăm hai mươi sáu đến mười ba-bốn mươi"),
            ("32/13", "ba mươi hai trên mười ba"),
            ("7:75", "bảy:bảy mươi lăm"),
            ("1111", "một nghìn một trăm mười một"),
        ];
        for (input, want) in table {
            assert_eq!(speak(input, &["111".to_string()]), sentence_case(input, want), "{input}");
        }
        // No stack growth with the input: a long chain of ranges is read in one pass.
        let chain = "1-".repeat(50_000);
        assert!(speak(&chain, &[]).starts_with("Một đến một"));
    }

    #[test]
    fn digits_pause_at_written_gaps() {
        assert_eq!(digits("111"), "một một một");
        assert_eq!(digits("1800-1567"), "một tám không không, một năm sáu bảy");
    }

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "thứ nhất");
        assert_eq!(ordinal(2), "thứ hai");
        assert_eq!(ordinal(4), "thứ tư");
        assert_eq!(ordinal(11), "thứ mười một");
    }
}
