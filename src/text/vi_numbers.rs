//! Vietnamese numbers in words: the shapes a number takes in campaign text (dates, times, phone
//! and service numbers, amounts, fractions, ranges, units), each read the way an announcer says
//! it. [`read_at`] reads the number that starts at a position; [`super::vi_reader`] calls it for
//! every number in a text and documents the rules in the order they apply.

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
pub fn last_word(out: &str) -> String {
    out.trim_end().rsplit(|c: char| c.is_whitespace()).next().unwrap_or("").to_lowercase()
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

/// A number read after the word before it: "thứ 1" → "nhất", "thứ 4" / "tháng 4" → "tư".
fn in_context(before: &str, digits: &str) -> String {
    match (before, digits) {
        ("thứ", "1") => "nhất".to_string(),
        ("thứ" | "tháng", "4") => "tư".to_string(),
        _ => plain(digits),
    }
}

/// A digit string as a cardinal, or digit by digit when it has a leading zero or is very long.
pub fn plain(s: &str) -> String {
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

/// What a number turned out to be: ranges join two of the same kind ("3 – 5", "8:30 – 11:30",
/// "1/7–30/9").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Quantity,
    Date,
    Time,
    Other,
}

/// Reads the number (or `+` and a number) starting at byte `i` of `text`; returns where it ends
/// and its words. `said` is the spoken text so far (the words before give the context).
pub fn read_at(text: &str, i: usize, official: &[String], said: &str) -> (usize, String) {
    let before = last_word(said);
    let (end, words, kind) = read_one(text, i, official, &before);
    if matches!(kind, Kind::Quantity | Kind::Date | Kind::Time)
        && let Some(upper) = range_upper(text, end)
    {
        let (upper_end, upper_words, upper_kind) = read_one(text, upper, official, "đến");
        if upper_kind == kind {
            return (upper_end, format!("{words} đến {upper_words}"));
        }
    }
    (end, words)
}

/// Where the upper end of a range starts: a dash right after the number, or an en or em dash or
/// a hyphen with spaces around it, then a digit.
fn range_upper(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    let (spaced, rest) = match rest.strip_prefix(' ') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let dash = ['–', '—', '-'].into_iter().find(|d| rest.starts_with(*d))?;
    let after = &rest[dash.len_utf8()..];
    let after = if spaced { after.strip_prefix(' ')? } else { after.strip_prefix(' ').unwrap_or(after) };
    after.starts_with(|c: char| c.is_ascii_digit()).then(|| text.len() - after.len())
}

fn read_one(text: &str, i: usize, official: &[String], before: &str) -> (usize, String, Kind) {
    if text[i..].starts_with('+') {
        let (end, words) = international(text, i);
        return (end, words, Kind::Other);
    }
    if let Some(end) = match_official(text, i, official) {
        return (end, digits(&text[i..end]), Kind::Other);
    }
    let run1 = digit_run(text, i);
    let after1 = &text[run1..];
    let first = &text[i..run1];
    if let Some((end, words)) = number_plate(text, i, run1) {
        return (end, words, Kind::Other);
    }
    if let Some((end, words)) = iso_date(text, i, run1) {
        return (end, words, Kind::Date);
    }
    // A document number "793/QĐ-TTg": the number, then the code (the slash is not said).
    if after1.starts_with('/') && after1[1..].starts_with(char::is_uppercase) {
        return (run1 + 1, format!("{} ", in_context(before, first)), Kind::Other);
    }
    if after1.starts_with('/') {
        let run2 = digit_run(text, run1 + 1);
        if run2 > run1 + 1 {
            return slash(text, i, run1, run2, before);
        }
    }
    if let Some((end, words)) = time(text, i, run1) {
        return (end, words, Kind::Time);
    }
    if let Some(end) = service_number(text, i, run1) {
        return (end, digits(&text[i..end]), Kind::Other);
    }
    if first.starts_with('0') && first.len() >= 2 {
        if let Some((end, rest)) = after_bracket(text, i, run1) {
            return (end, format!("{}) {rest}", digits(first)), Kind::Other);
        }
        let end = phone_groups(text, run1, 2);
        return (end, digits(&text[i..end]), Kind::Other);
    }
    let (end, words) = quantity(text, i, run1, before);
    let (end, words) = with_unit(text, end, words);
    (end, words, Kind::Quantity)
}

/// Country codes of the numbers campaigns print (Viet Nam and its neighbours, and where many go
/// to work): the reader pauses after them when the number is written in one block.
const COUNTRY_CODES: [&str; 10] = ["84", "856", "855", "86", "66", "886", "82", "81", "60", "65"];

/// "+84 912 345 678" → "cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám"; a number written in
/// one block pauses after its country code.
fn international(text: &str, i: usize) -> (usize, String) {
    let run = digit_run(text, i + 1);
    if let Some((end, rest)) = after_bracket(text, i, run) {
        return (end, format!("cộng {}) {rest}", digits(&text[i + 1..run])));
    }
    let end = phone_groups(text, run, 1);
    let block = &text[i + 1..run];
    let written = &text[i + 1..end];
    let code =
        COUNTRY_CODES.iter().filter(|c| block.starts_with(**c) && block.len() > c.len() + 4).max_by_key(|c| c.len());
    let spoken = match code {
        Some(code) if end == run => format!("{}, {}", digits(code), digits(&block[code.len()..])),
        _ => digits(written),
    };
    (end, format!("cộng {spoken}"))
}

/// "24A-123.45", "29E1-234.56", "30H-1234": a number plate, read as the police and drivers say it:
/// the province number, the series letters, then the digits one by one.
fn number_plate(text: &str, i: usize, run1: usize) -> Option<(usize, String)> {
    if run1 - i != 2 {
        return None;
    }
    let b = text.as_bytes();
    let mut k = run1;
    while k < b.len() && b[k].is_ascii_uppercase() && k - run1 < 2 {
        k += 1;
    }
    if k == run1 {
        return None;
    }
    let series_end = if b.get(k).is_some_and(u8::is_ascii_digit) { k + 1 } else { k };
    if b.get(series_end) != Some(&b'-') {
        return None;
    }
    let n1 = digit_run(text, series_end + 1);
    let end = match (n1 - series_end - 1, b.get(n1)) {
        (3, Some(b'.')) if digit_run(text, n1 + 1) == n1 + 3 => n1 + 3,
        (4 | 5, _) => n1,
        _ => return None,
    };
    if b.get(end).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let series = super::vi_words::letters_and_digits(&text[run1..series_end]);
    Some((end, format!("{} {series}, {}", plain(&text[i..run1]), digits(&text[series_end + 1..end]))))
}

/// `X/Y` or `X/Y/Z`: a date, "24/7", a fraction or a ratio.
fn slash(text: &str, i: usize, run1: usize, run2: usize, before: &str) -> (usize, String, Kind) {
    let (a, b) = (&text[i..run1], &text[run1 + 1..run2]);
    let after_day_word = matches!(before, "ngày" | "mồng" | "mùng");
    let has_year = text[run2..].starts_with('/') && digit_run(text, run2 + 1) == run2 + 5;
    if a == "24" && b == "7" && !after_day_word && !text[run2..].starts_with('/') {
        return (run2, ROUND_THE_CLOCK.to_string(), Kind::Other);
    }
    let (d, m) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
    if a.len() <= 2 && b.len() <= 2 && !has_year && counts(before, &next_word(text, run2)) {
        let words = if d > 0 && d < m { fraction(d, m) } else { format!("{} trên {}", plain(a), plain(b)) };
        return (run2, words, Kind::Other);
    }
    if a.len() <= 2 && b.len() <= 2 && valid_date(d, m) {
        let day_words = day(d, matches!(before, "ngày" | "hôm"));
        let day_words = if matches!(before, "mồng" | "mùng") { cardinal(d) } else { day_words };
        let mut words = format!("{day_words} {}", month(m));
        let mut end = run2;
        if has_year {
            words.push_str(&format!(" năm {}", cardinal(num(&text[run2 + 1..run2 + 5]).unwrap_or(0))));
            end = run2 + 5;
        }
        return (end, words, Kind::Date);
    }
    // "tháng 7/2026", "Nghị định 162/2025/NĐ-CP": a number and its year.
    if b.len() == 4 && (1900..=2100).contains(&num(b).unwrap_or(0)) {
        let words = format!("{} năm {}", in_context(before, a), plain(b));
        let rest = &text[run2..];
        if rest.starts_with('/') && rest[1..].starts_with(char::is_alphabetic) {
            return (run2 + 1, format!("{words} "), Kind::Other);
        }
        return (run2, words, Kind::Other);
    }
    if d < m && d > 0 && !a.starts_with('0') && !b.starts_with('0') {
        return (run2, fraction(d, m), Kind::Other);
    }
    (run2, format!("{} trên {}", plain(a), plain(b)), Kind::Other)
}

/// Words before a `D/M` that make it a date ("ngày 2/3", "từ 1/7", "trước 30/7").
const DATE_BEFORE: &[&str] = &[
    "ngày", "mồng", "mùng", "hôm", "từ", "đến", "tới", "trước", "sau", "đầu", "cuối", "giữa", "dịp", "hạn", "sáng",
    "chiều", "tối", "trưa", "đêm", "vào", "lúc", "nay", "qua",
];

/// Words before a `D/M` that make it a fraction ("chiếm 2/3", "hơn 1/2").
const FRACTION_BEFORE: &[&str] =
    &["chiếm", "khoảng", "gần", "hơn", "chừng", "quá", "bằng", "còn", "mất", "trên", "dưới", "được", "tới", "đạt"];

/// Words after a `D/M` that make it a fraction: what is counted ("2/3 số xã", "5/7 thôn").
const FRACTION_AFTER: &[&str] = &[
    "số",
    "tổng",
    "dân",
    "diện",
    "các",
    "những",
    "lượng",
    "trong",
    "của",
    "xã",
    "phường",
    "thôn",
    "bản",
    "làng",
    "tổ",
    "hộ",
    "người",
    "gia",
    "trẻ",
    "học",
    "phụ",
    "nạn",
    "vụ",
    "trường",
    "cán",
    "lao",
    "thời",
    "quãng",
    "đoạn",
    "đường",
    "đất",
    "ngân",
    "kinh",
    "vốn",
    "cử",
    "thành",
    "đại",
    "đơn",
    "cơ",
    "huyện",
    "tỉnh",
    "em",
];

/// Whether the words around a `D/M` say it counts (a fraction, or a score such as "đạt 10/10
/// chỉ tiêu"); a date word before wins ("ngày 2/3 số xã họp" is a date).
fn counts(before: &str, after: &str) -> bool {
    !DATE_BEFORE.contains(&before) && (FRACTION_BEFORE.contains(&before) || FRACTION_AFTER.contains(&after))
}

/// "hai phần ba", "một phần tư" (a quarter is "tư", as everyone says it).
fn fraction(d: u64, m: u64) -> String {
    let denominator = if m == 4 { "tư".to_string() } else { cardinal(m) };
    format!("{} phần {denominator}", cardinal(d))
}

/// The word after byte `end`, lower-cased.
fn next_word(text: &str, end: usize) -> String {
    let rest = text[end..].trim_start_matches(' ');
    let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    rest[..len].to_lowercase()
}

/// "(024) 3825 1234", "(+84) 912 345 678": a code in brackets, then the number; returns the end
/// and the number's words (the closing bracket is said as written, a short pause).
fn after_bracket(text: &str, i: usize, run1: usize) -> Option<(usize, String)> {
    let bracketed = text[..i].ends_with('(') && text[run1..].starts_with(") ");
    let start = run1 + 2;
    if !bracketed || !text[start..].starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let end = phone_groups(text, digit_run(text, start), 1);
    Some((end, digits(&text[start..end])))
}

/// After a phone number's first group, further groups joined by one space, dot or hyphen belong
/// to it: "0912 345 678". Groups have 2–4 digits (`min` 1 after an area code in brackets:
/// "(0213) 3.876.543").
fn phone_groups(text: &str, mut end: usize, min: usize) -> usize {
    let b = text.as_bytes();
    while end + 1 < b.len() && matches!(b[end], b' ' | b'.' | b'-') && b[end + 1].is_ascii_digit() {
        let next = digit_run(text, end + 1);
        // A group glued to something else belongs to it: "… 678 24/7", "… 678 7:30".
        let glued = b.get(next).is_some_and(|&c| c == b'/' || c == b':' || c.is_ascii_alphanumeric());
        if !(min..=4).contains(&(next - end - 1)) || glued {
            break;
        }
        end = next;
    }
    end
}

/// "1800 1567", "1900.6868", "18001567", "1800 599 920": toll-free and premium service numbers,
/// dialled digit by digit (never "một nghìn tám trăm").
fn service_number(text: &str, i: usize, run1: usize) -> Option<usize> {
    let first = &text[i..run1];
    if !(first.starts_with("1800") || first.starts_with("1900")) {
        return None;
    }
    let end = if first.len() == 4 { phone_groups(text, run1, 3) } else { run1 };
    let count = text[i..end].bytes().filter(u8::is_ascii_digit).count();
    matches!(count, 8 | 10).then_some(end)
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

/// Units said after a number, longest first. `true`: the unit may stand after a space ("10 km");
/// `false`: only glued to the number ("48h").
const UNITS: &[(&str, &str, bool)] = &[
    ("km/h", "ki-lô-mét mỗi giờ", true),
    ("km²", "ki-lô-mét vuông", true),
    ("km2", "ki-lô-mét vuông", true),
    ("m²", "mét vuông", true),
    ("m2", "mét vuông", true),
    ("m³", "mét khối", true),
    ("m3", "mét khối", true),
    ("kWh", "ki-lô-oát giờ", true),
    ("°C", "độ xê", true),
    ("VNĐ", "đồng", true),
    ("VND", "đồng", true),
    ("USD", "đô la Mỹ", true),
    ("kg", "ki-lô-gam", true),
    ("km", "ki-lô-mét", true),
    ("cm", "xăng-ti-mét", true),
    ("mm", "mi-li-mét", true),
    ("ml", "mi-li-lít", true),
    ("mg", "mi-li-gam", true),
    ("ha", "héc-ta", true),
    ("%", "phần trăm", true),
    ("°", "độ", false),
    ("đ", "đồng", true),
    ("m", "mét", true),
    ("g", "gam", true),
    ("h", "giờ", false),
];

/// The spoken unit for a unit written on its own ("km" in "km/h"), if it is one.
pub fn unit_word(s: &str) -> Option<&'static str> {
    UNITS.iter().find(|(u, ..)| *u == s).map(|(_, spoken, _)| *spoken)
}

/// `words` followed by what is written right after the number: a unit ("10 km", "5ha", "15%"),
/// "per" a unit ("500.000 đ/tháng"), or letters glued to it ("4D", "5G").
fn with_unit(text: &str, end: usize, mut words: String) -> (usize, String) {
    let rest = &text[end..];
    // One space may sit between number and unit ("10 km"); the unit must end the word.
    let gap = usize::from(rest.starts_with(' '));
    for (unit, spoken, spaced) in UNITS {
        if gap == 1 && !spaced {
            continue;
        }
        if let Some(after) = rest[gap..].strip_prefix(unit)
            && !after.chars().next().is_some_and(char::is_alphanumeric)
        {
            words.push(' ');
            words.push_str(spoken);
            return per(text, end + gap + unit.len(), words);
        }
    }
    let letters = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    if letters > 0 && letters <= 3 && rest[..letters].chars().all(char::is_uppercase) {
        return (end + letters, format!("{words} {}", super::vi_words::spell(&rest[..letters])));
    }
    if letters > 0 {
        // Other letters glued to a number ("3tr") stay as written, after a space.
        return (end, format!("{words} "));
    }
    per(text, end, words)
}

/// "/tháng", "/người" after an amount: "mỗi tháng", "mỗi người".
fn per(text: &str, mut end: usize, mut words: String) -> (usize, String) {
    while let Some(rest) = text[end..].strip_prefix('/')
        && rest.starts_with(char::is_lowercase)
    {
        let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        let word = &rest[..len];
        words.push_str(" mỗi ");
        words.push_str(unit_word(word).unwrap_or(word));
        end += 1 + len;
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
