//! Letter tokens of Vietnamese text said the way an announcer says them: administrative
//! abbreviations, document codes, codes made of letters and digits, Roman numerals and words
//! joined by a slash. Called by [`super::vi_reader`] for every token that starts with a letter;
//! the rules and their order are in that module's documentation.

use super::roman;
use super::vi_numbers::{cardinal, plain};

/// Spoken names of the letters, as Vietnamese spell out a code ("VTV" → "vê tê vê"); F, J, W, Z
/// are outside the Vietnamese alphabet and get the names schools teach for them.
const LETTER_NAMES: [(char, &str); 35] = [
    ('A', "a"),
    ('Ă', "á"),
    ('Â', "ớ"),
    ('B', "bê"),
    ('C', "xê"),
    // The alphabet says "dê"; codes are said "đê" ("DVD", "3D"), which is what listeners know.
    ('D', "đê"),
    ('Đ', "đê"),
    ('E', "e"),
    ('Ê', "ê"),
    ('F', "ép"),
    ('G', "giê"),
    ('H', "hát"),
    ('I', "i"),
    ('J', "gi"),
    ('K', "ca"),
    ('L', "e-lờ"),
    ('M', "em-mờ"),
    ('N', "en-nờ"),
    ('O', "o"),
    ('Ô', "ô"),
    ('Ơ', "ơ"),
    ('P', "pê"),
    ('Q', "quy"),
    ('R', "e-rờ"),
    ('S', "ét-xì"),
    ('T', "tê"),
    ('U', "u"),
    ('Ư', "ư"),
    ('V', "vê"),
    ('W', "vê-kép"),
    ('X', "ích-xì"),
    ('Y', "i-dài"),
    ('Z', "dét"),
    ('&', "và"),
    ('+', "cộng"),
];

/// A letter's spoken name (any case).
pub fn letter_name(c: char) -> Option<&'static str> {
    let upper = c.to_uppercase().next().unwrap_or(c);
    LETTER_NAMES.iter().find(|(l, _)| *l == upper).map(|(_, name)| *name)
}

/// Letters spelled one by one: "BTTE" → "bê tê tê e". Characters without a name are kept.
pub fn spell(letters: &str) -> String {
    letters
        .chars()
        .map(|c| letter_name(c).map(str::to_string).unwrap_or_else(|| c.to_string()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Abbreviations said in full wherever they stand as a whole word (case as written).
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("UBMTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("BĐBP", "Bộ đội Biên phòng"),
    ("CAND", "Công an nhân dân"),
    ("QĐND", "Quân đội nhân dân"),
    ("LHPN", "Liên hiệp Phụ nữ"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("BCH", "Ban Chấp hành"),
    ("TW", "Trung ương"),
    ("LĐTBXH", "Lao động, Thương binh và Xã hội"),
    ("KT-XH", "kinh tế xã hội"),
    ("ANTT", "an ninh trật tự"),
    ("CCCD", "căn cước công dân"),
    ("CMND", "chứng minh nhân dân"),
    ("BHYT", "bảo hiểm y tế"),
    ("BHXH", "bảo hiểm xã hội"),
    ("THCS", "trung học cơ sở"),
    ("THPT", "trung học phổ thông"),
    ("SĐT", "số điện thoại"),
    ("ĐT", "điện thoại"),
    ("VN", "Việt Nam"),
    ("TP.HCM", "Thành phố Hồ Chí Minh"),
    ("TPHCM", "Thành phố Hồ Chí Minh"),
    ("HCM", "Hồ Chí Minh"),
    ("TP.", "thành phố"),
    ("Tp.", "thành phố"),
    ("v.v.", "vân vân"),
    ("v.v", "vân vân"),
    ("COVID", "cô-vít"),
    ("UNICEF", "u-ni-xép"),
];

/// Document types at the front of a document code ("QĐ" in "793/QĐ-TTg").
const DOC_TYPES: &[(&str, &str)] = &[
    ("NĐ", "nghị định"),
    ("QĐ", "quyết định"),
    ("TTLT", "thông tư liên tịch"),
    ("TT", "thông tư"),
    ("NQ", "nghị quyết"),
    ("CT", "chỉ thị"),
    ("KH", "kế hoạch"),
    ("CV", "công văn"),
    ("CĐ", "công điện"),
    ("TB", "thông báo"),
    ("BC", "báo cáo"),
    ("HD", "hướng dẫn"),
    ("TTr", "tờ trình"),
    ("QC", "quy chế"),
    ("QyĐ", "quy định"),
];

/// Bodies that issue documents ("TTg" in "793/QĐ-TTg"); "QH15" is handled apart (a term).
const ISSUERS: &[(&str, &str)] = &[
    ("CP", "Chính phủ"),
    ("TTg", "Thủ tướng Chính phủ"),
    ("VPCP", "Văn phòng Chính phủ"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("QH", "Quốc hội"),
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("BCA", "Bộ Công an"),
    ("BQP", "Bộ Quốc phòng"),
    ("BLĐTBXH", "Bộ Lao động, Thương binh và Xã hội"),
    ("BYT", "Bộ Y tế"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("BTP", "Bộ Tư pháp"),
    ("BNG", "Bộ Ngoại giao"),
    ("BTC", "Bộ Tài chính"),
    ("BNV", "Bộ Nội vụ"),
    ("BTTTT", "Bộ Thông tin và Truyền thông"),
    ("SYT", "Sở Y tế"),
    ("SLĐTBXH", "Sở Lao động, Thương binh và Xã hội"),
    ("CAT", "Công an tỉnh"),
    ("BĐBP", "Bộ đội Biên phòng"),
    ("BCĐ", "Ban Chỉ đạo"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("TU", "Tỉnh ủy"),
    ("HU", "Huyện ủy"),
    ("ĐU", "Đảng ủy"),
    ("TW", "Trung ương"),
];

/// Words after which a Roman numeral is a number: "quý III", "khóa XV", "thế kỷ XXI".
const ROMAN_AFTER: &[&str] = &[
    "quý", "khóa", "khoá", "chương", "phần", "mục", "kỷ", "lần", "kỳ", "đợt", "đoạn", "hạng", "cấp", "vùng", "loại",
    "tập", "hội", "nhóm", "khu", "thứ", "phụ", "lục", "bậc", "tiết", "bài",
];

/// Units written after a slash: "đồng/tháng" → "đồng mỗi tháng", "km/h" → "ki-lô-mét mỗi giờ".
const PER_WORDS: &[&str] = &[
    "giờ", "h", "ngày", "tuần", "tháng", "năm", "quý", "người", "hộ", "lần", "ca", "buổi", "suất", "xã", "thôn", "bản",
    "khóa", "lớp", "kg", "km", "m", "m2", "m²", "ha", "tấn", "lít", "chiếc", "cái", "con",
];

/// How far a token reaches from `start`: letters and digits, and `-`, `.`, `/`, `²`, `³` between
/// them ("COVID-19", "QĐ-UBND", "v.v", "km/h", "m²"); a trailing dot that belongs to an
/// abbreviation ("TP.", "v.v.") is part of it.
pub fn token_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next_is_word = chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        let next_is_letter = chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
        // A slash before digits is not inside a word: "III/2025" is a numeral and a year.
        let joins = (matches!(c, '-' | '.') && next_is_word) || (c == '/' && next_is_letter);
        if c.is_alphanumeric() || c == '²' || c == '³' || joins {
            end = start + k + c.len_utf8();
        } else {
            break;
        }
    }
    if text[end..].starts_with('.')
        && ABBREVIATIONS.iter().any(|(a, _)| a.len() == end + 1 - start && text[start..].starts_with(a))
    {
        end += 1;
    }
    end
}

/// Reads the token `text[start..end]`; `None` when it is said as written. `said` is the spoken
/// text so far (context: "Nghị định" already said, the word before a Roman numeral).
pub fn read(text: &str, start: usize, end: usize, said: &str) -> Option<(usize, String)> {
    let token = &text[start..end];
    if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == token) {
        return Some((end, long.to_string()));
    }
    let after_number =
        text[..start].ends_with('/') && text[..start.saturating_sub(1)].ends_with(|c: char| c.is_ascii_digit());
    if (after_number || looks_like_code(token))
        && let Some(words) = document_code(token, said, &text[end..], after_number)
    {
        // Nothing left to say ("… 162/2025/NĐ-CP của Chính phủ"): the space after goes too.
        let end = if words.is_empty() && text[end..].starts_with(' ') { end + 1 } else { end };
        return Some((end, words));
    }
    if token.contains('/') {
        return Some((end, slashed(token)));
    }
    if let Some(read) = roman_numeral(text, start, end, said) {
        return Some(read);
    }
    if token.contains('-') {
        return dashed(token).map(|w| (end, w));
    }
    if token.chars().any(|c| c.is_ascii_digit()) {
        return Some((end, letters_and_digits(token)));
    }
    if let Some(read) = initial(text, start, end, said) {
        return Some(read);
    }
    shouted_code(token).map(|w| (end, w))
}

/// "NĐ-CP", "QĐ-UBND", "SYT-BTTE": parts joined by dashes, at least one a known type or issuer;
/// or a term of the National Assembly, "QH15".
fn looks_like_code(token: &str) -> bool {
    let term = token.strip_prefix("QH").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    term || token.contains('-')
        && token.split('-').all(|p| !p.is_empty())
        && token.split('-').any(|p| {
            let letters = p.trim_end_matches(|c: char| c.is_ascii_digit());
            DOC_TYPES.iter().chain(ISSUERS).any(|(code, _)| *code == letters)
        })
}

/// A document code read as an announcer reads it: the type as words (left out when the sentence
/// just said it: "Nghị định 162/2025/NĐ-CP" → "… của Chính phủ"), "của" and the issuing body,
/// "QH15" as "Quốc hội khóa mười lăm", an unknown part spelled ("BTTE" → "bê tê tê e").
fn document_code(token: &str, said: &str, after: &str, after_number: bool) -> Option<String> {
    let parts: Vec<&str> = token.split('-').collect();
    if parts.iter().any(|p| p.is_empty() || !p.chars().all(char::is_alphanumeric)) {
        return None;
    }
    let recent = recent_words(said);
    let mut words: Vec<String> = Vec::new();
    let mut typed = false;
    for (k, part) in parts.iter().enumerate() {
        if k == 0
            && let Some((_, kind)) = DOC_TYPES.iter().find(|(c, _)| *c == *part)
        {
            if !recent.contains(kind) {
                words.push(kind.to_string());
            }
            typed = true;
            continue;
        }
        let letters = part.trim_end_matches(|c: char| c.is_ascii_digit());
        let number = &part[letters.len()..];
        let issuer = ISSUERS.iter().find(|(c, _)| *c == letters).map(|(_, name)| *name);
        let spoken = match (issuer, number.is_empty()) {
            (Some("Quốc hội"), false) => format!("Quốc hội khóa {}", plain(number)),
            (Some(name), true) => name.to_string(),
            _ => letters_and_digits(part),
        };
        let first_body = k == usize::from(typed);
        // "… 162/2025/NĐ-CP của Chính phủ": the text names the issuer itself.
        let head: Vec<&str> = spoken.split_whitespace().take(2).collect();
        let named_after =
            after.trim_start().to_lowercase().starts_with(&format!("của {}", head.join(" ").to_lowercase()));
        if first_body && named_after {
            continue;
        }
        // "của" ties the issuing body to the number or the type before it.
        words.push(match (first_body, typed || after_number) {
            (true, true) => format!("của {spoken}"),
            (true, false) => spoken,
            (false, _) => format!(", {spoken}"),
        });
    }
    Some(words.join(" ").replace(" ,", ","))
}

/// The last words said, lower-cased, to see whether a document type was just named.
fn recent_words(said: &str) -> String {
    let tail_start = said.char_indices().rev().nth(160).map_or(0, |(i, _)| i);
    said[tail_start..].to_lowercase()
}

/// "đồng/tháng" → "đồng mỗi tháng", "xã/phường" → "xã hoặc phường", "km/h" → "ki-lô-mét mỗi giờ".
fn slashed(token: &str) -> String {
    let mut out = String::new();
    for (k, part) in token.split('/').enumerate() {
        let spoken = super::vi_numbers::unit_word(part).map(str::to_string).unwrap_or_else(|| word_alone(part));
        if k > 0 {
            out.push_str(match part {
                "hoặc" | "và" => " ",
                _ if PER_WORDS.contains(&part) => " mỗi ",
                _ => " hoặc ",
            });
        }
        out.push_str(&spoken);
    }
    out
}

/// One part of a slashed or dashed token, read on its own.
fn word_alone(part: &str) -> String {
    if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == part) {
        return long.to_string();
    }
    if part.chars().any(|c| c.is_ascii_digit()) {
        return letters_and_digits(part);
    }
    shouted_code(part).unwrap_or_else(|| part.to_string())
}

/// "COVID-19" → "cô-vít mười chín", "H5N1-x"; hyphenated words ("ki-lô-mét", "Ê-đê") stay.
fn dashed(token: &str) -> Option<String> {
    let coded = token.split('-').any(|p| p.chars().any(|c| c.is_ascii_digit()) || shouted_code(p).is_some());
    coded.then(|| token.split('-').map(word_alone).collect::<Vec<_>>().join(" "))
}

/// "A3" → "a ba", "4D" (after a number reader) "đê", "H5N1" → "hát năm en-nờ một", "F0" →
/// "ép không", "m2" → "mét vuông". Lower-case letters that are not a unit are kept as written.
pub fn letters_and_digits(token: &str) -> String {
    if let Some(unit) = super::vi_numbers::unit_word(token) {
        return unit.to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut rest = token;
    while let Some(c) = rest.chars().next() {
        let is_digit = c.is_ascii_digit();
        let len = rest.find(|ch: char| ch.is_ascii_digit() != is_digit).unwrap_or(rest.len());
        let run = &rest[..len];
        parts.push(if is_digit {
            plain(run)
        } else if run.chars().all(|ch| ch.is_uppercase()) {
            spell(run)
        } else {
            run.to_string()
        });
        rest = &rest[len..];
    }
    parts.join(" ")
}

/// A Roman numeral after a word that counts ("quý III/2025" → "quý ba năm hai nghìn …"), one
/// made only of I, V and X anywhere ("Đại hội XIII"), or one that numbers a heading at the start
/// of a sentence ("I. Mục đích" → "Một, Mục đích").
fn roman_numeral(text: &str, start: usize, end: usize, said: &str) -> Option<(usize, String)> {
    let token = &text[start..end];
    let value = roman::parse(token)?;
    let before = said.trim_end().rsplit(char::is_whitespace).next().unwrap_or("").to_lowercase();
    let rest = &text[end..];
    let ivx = token.bytes().all(|b| b"IVX".contains(&b));
    if super::vi_numbers::at_sentence_start(said)
        && ivx
        && let Some(after) = rest.strip_prefix(['.', ')'])
        && (after.is_empty() || after.starts_with(' '))
    {
        return Some((end + 1, format!("{},", cardinal(value))));
    }
    let counted = ROMAN_AFTER.contains(&before.as_str());
    if !(counted || (token.len() >= 2 && ivx)) {
        return None;
    }
    let mut words = cardinal(value);
    let mut end = end;
    // "Quý III/2025": the year after a slash.
    if let Some(year) = rest.strip_prefix('/').and_then(|r| r.get(..4))
        && year.bytes().all(|b| b.is_ascii_digit())
        && !rest[5..].starts_with(|c: char| c.is_ascii_digit())
    {
        words = format!("{words} năm {}", plain(year));
        end += 5;
    }
    Some((end, words))
}

/// An initial after a name or a form of address ("chị H.", "Nguyễn Văn A."): its letter name.
/// Inside a sentence ("chị H. kể") the dot is not a full stop and is not kept.
fn initial(text: &str, start: usize, end: usize, said: &str) -> Option<(usize, String)> {
    let token = &text[start..end];
    let mut chars = token.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else { return None };
    let before = said.trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
    let after_name = before.chars().next().is_some_and(char::is_uppercase)
        || ["anh", "chị", "em", "bà", "ông", "cô", "chú", "cháu", "bé", "bạn", "cụ"]
            .contains(&before.to_lowercase().as_str());
    if !(c.is_uppercase() && text[end..].starts_with('.') && after_name) {
        return None;
    }
    let name = letter_name(c)?.to_string();
    let mid_sentence = text[end + 1..].strip_prefix(' ').is_some_and(|r| r.starts_with(char::is_lowercase));
    Some((if mid_sentence { end + 1 } else { end }, name))
}

/// A code in capitals that is not a Vietnamese word ("ATM", "HIV", "SMS"): spelled. Words in
/// capitals ("GỌI NGAY") are left alone.
fn shouted_code(token: &str) -> Option<String> {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let shouted = letters >= 2 && token.chars().all(|c| c.is_uppercase());
    (shouted && !crate::check::syllable::is_syllable(&token.to_lowercase())).then(|| spell(token))
}
