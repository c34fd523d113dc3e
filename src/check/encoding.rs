//! Legacy Vietnamese encodings pasted into a Unicode file.
//!
//! Before Unicode, Vietnamese Word documents used 8-bit fonts: TCVN3 (the "ABC" fonts such as
//! `.VnTime`, TCVN 5712:1993 VN3) and VNI (`VNI-Times`). Copied out of such a document the bytes
//! arrive as Windows-1252/Latin-1 letters: "Phòng, chống mua bán người" shows as
//! "Phßng, chèng mua b¸n ng­êi" (TCVN3) or "Phoøng, choáng mua baùn ngöôøi" (VNI).
//!
//! Detection works word by word: a word that is not a Vietnamese syllable as written, but becomes
//! one when read back through a legacy table, votes for that encoding. A line with votes is
//! legacy text. Words that are valid either way ("chèng" is a real syllable too) do not vote,
//! so genuine Unicode Vietnamese never does, and other languages' words (Hmong RPA is plain
//! ASCII) are never looked at.
//!
//! **Lines that mix** Unicode and legacy text (a phrase pasted into a typed line) are converted
//! word by word: the voting words, and the words between the first and the last of them that
//! are valid either way ("chèng" between "Phßng" and "b¸n" is "chống"), since a pasted phrase is
//! one stretch. A word valid either way at the edge of the stretch is left as it is (it may be
//! the user's own Unicode), and [`leftovers`] names it afterwards (issue 15): a word that is not
//! a common syllable but reads as one through TCVN3 ("chèng" → "chống"), a warning with the
//! reading, so what `--fix-encoding` could not decide is never silently kept.

use super::syllable::is_syllable;
use foldhash::HashMap;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, .VnTime)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN 5712:1993 bytes 0xA1..=0xFF, read as Latin-1, in order: the character each one stands
/// for. The lowercase letters and the 14 plain capitals are VN3 (the ABC fonts); the capitals
/// with tone marks in VN3's gaps are VN1's (same standard), kept so VN1 text converts too. The
/// five VN1 combining tone marks (0xB0..=0xB4) are left as they are: as `°±²³´` they are far
/// more often real symbols (30°C) than tone marks. Checked against glibc's `TCVN5712-1`.
const TCVN3_FROM_A1: &str =
    "ĂÂÊÔƠƯĐăâêôơưđẰ°±²³´àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ";

static TCVN3_TABLE: std::sync::LazyLock<Vec<char>> = std::sync::LazyLock::new(|| TCVN3_FROM_A1.chars().collect());

fn tcvn3_char(c: char) -> char {
    let code = c as u32;
    if (0xA1..=0xFF).contains(&code) { TCVN3_TABLE.get((code - 0xA1) as usize).copied().unwrap_or(c) } else { c }
}

/// One TCVN3 word to Unicode. Capitals with tone marks had no codes in VN3: all-capital headings
/// were typed with the same codes in a capitals font (`.VnTimeH`), so a word whose ASCII letters
/// are all capitals is upper-cased whole.
fn tcvn3_word(word: &str) -> String {
    let out: String = word.chars().map(tcvn3_char).collect();
    if shouts(word) { out.to_uppercase() } else { out }
}

fn shouts(word: &str) -> bool {
    let ascii: Vec<char> = word.chars().filter(char::is_ascii_alphabetic).collect();
    ascii.len() >= 2 && ascii.iter().all(char::is_ascii_uppercase)
}

// Combining marks used to rebuild VNI letters before NFC composes them.
const GRAVE: char = '\u{300}';
const ACUTE: char = '\u{301}';
const CIRCUMFLEX: char = '\u{302}';
const TILDE: char = '\u{303}';
const BREVE: char = '\u{306}';
const HOOK: char = '\u{309}';
const DOT: char = '\u{323}';

/// VNI Windows: a vowel followed by a mark character. Lowercase marks; capitals use the same
/// letters in upper case. Returns the marks a mark character adds after `base`.
fn vni_marks(base: char, mark: char) -> Option<&'static [char]> {
    let base = base.to_ascii_lowercase();
    let mark = mark.to_lowercase().next().unwrap_or(mark);
    let tone: Option<&'static [char]> = match mark {
        'ù' => Some(&[ACUTE]),
        'ø' => Some(&[GRAVE]),
        'û' => Some(&[HOOK]),
        'õ' => Some(&[TILDE]),
        'ï' => Some(&[DOT]),
        _ => None,
    };
    if tone.is_some() && "aeouyơư".contains(base) {
        return tone;
    }
    if "aeo".contains(base) {
        let circ: Option<&'static [char]> = match mark {
            'â' => Some(&[CIRCUMFLEX]),
            'á' => Some(&[CIRCUMFLEX, ACUTE]),
            'à' => Some(&[CIRCUMFLEX, GRAVE]),
            'å' => Some(&[CIRCUMFLEX, HOOK]),
            'ã' => Some(&[CIRCUMFLEX, TILDE]),
            'ä' => Some(&[CIRCUMFLEX, DOT]),
            _ => None,
        };
        if circ.is_some() {
            return circ;
        }
    }
    if base == 'a' {
        return match mark {
            'ê' => Some(&[BREVE]),
            'é' => Some(&[BREVE, ACUTE]),
            'è' => Some(&[BREVE, GRAVE]),
            'ú' => Some(&[BREVE, HOOK]),
            'ü' => Some(&[BREVE, TILDE]),
            'ë' => Some(&[BREVE, DOT]),
            _ => None,
        };
    }
    None
}

/// VNI characters that are whole letters on their own.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// One VNI word to Unicode (NFC).
fn vni_word(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let base = vni_single(c).filter(|b| matches!(b, 'ơ' | 'Ơ' | 'ư' | 'Ư')).unwrap_or(c);
        if let Some(&next) = chars.get(i + 1)
            && let Some(marks) = vni_marks(base.to_lowercase().next().unwrap_or(base), next)
        {
            out.push(base);
            out.extend(marks);
            i += 2;
            continue;
        }
        out.push(vni_single(c).unwrap_or(c));
        i += 1;
    }
    out.nfc().collect()
}

fn decode_word(word: &str, enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => tcvn3_word(word),
        Legacy::Vni => vni_word(word),
    }
}

/// Letters and the Latin-1 characters legacy text is made of (`ß`, `¸`, the soft hyphen …).
/// The scripts campaign text is written in are answered without Unicode's tables (the lookup
/// was 12% of a 15,000-page build, issue 16): every character of Latin Extended A/B and Latin
/// Extended Additional (Vietnamese letters) is a letter.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xA0 => false,
        0xA1..=0x24F | 0x1E00..=0x1EFF => true,
        _ => c.is_alphabetic(),
    }
}

/// Whether a line holds a character of U+00A1..=U+00FF, the only ones legacy text is made of:
/// a line without one has no word that votes for a legacy encoding and no TCVN3 left over.
/// Checked on the UTF-8 bytes (those characters are `C2 A1`..`C3 BF`).
fn has_latin1(line: &str) -> bool {
    let b = line.as_bytes();
    b.iter().enumerate().any(|(i, &x)| x == 0xC3 || (x == 0xC2 && b.get(i + 1).is_some_and(|&n| n >= 0xA1)))
}

/// Unicode-only Vietnamese: letters that neither legacy encoding produces (ă, đ, ơ, ư, ạ …).
fn is_unicode_evidence(c: char) -> bool {
    match c as u32 {
        0..=0xFF => false,
        // Letters all of them (see `is_word_char`), and the combining marks.
        0x100..=0x24F | 0x1E00..=0x1EFF => !"ŒœŠšŸŽžƒ".contains(c),
        0x300..=0x36F => true,
        _ => c.is_alphabetic(),
    }
}

/// Splits a line into (is_word, text) runs that concatenate back to the line.
fn runs(line: &str) -> Vec<(bool, &str)> {
    Runs { line, at: 0 }.collect()
}

/// The runs of [`runs`], one at a time (the scan of every line of every page allocates none).
struct Runs<'a> {
    line: &'a str,
    at: usize,
}

impl<'a> Iterator for Runs<'a> {
    type Item = (bool, &'a str);
    fn next(&mut self) -> Option<(bool, &'a str)> {
        let rest = &self.line[self.at..];
        let first = rest.chars().next()?;
        let word = is_word_char(first);
        let len = rest.char_indices().find(|&(_, c)| is_word_char(c) != word).map_or(rest.len(), |(i, _)| i);
        self.at += len;
        Some((word, &rest[..len]))
    }
}

/// Which encoding a word votes for, if any.
fn vote(word: &str) -> Option<Legacy> {
    if !word.chars().any(|c| ('\u{A1}'..='\u{FF}').contains(&c)) || is_syllable(word) {
        return None;
    }
    // A lone symbol (`©`, `§`) is a symbol, not a one-letter word.
    if word.chars().count() < 2 {
        return None;
    }
    let candidates = [Legacy::Tcvn3, Legacy::Vni];
    let valid: Vec<Legacy> = candidates
        .into_iter()
        .filter(|&enc| {
            let decoded = decode_word(word, enc);
            decoded != word && is_syllable(&decoded)
        })
        .collect();
    match valid.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// What one line holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineVerdict {
    pub legacy: Option<Legacy>,
    /// Genuine Unicode Vietnamese letters are on the line too.
    pub unicode: bool,
}

pub fn classify_line(line: &str) -> LineVerdict {
    with_memo(|memo| scan_line(line, memo)).0
}

/// What words vote and read as, each distinct word worked out once: pages repeat their words,
/// and working out every one again was a tenth of a build (issue 16). Kept per thread across
/// files, since a site's pages share most of their words (a memo per file still worked each
/// common word out once per page: 1.7 % of a 3 × 5,000-page build).
#[derive(Default)]
struct Memo {
    words: HashMap<Box<str>, Word>,
}

/// Words longer than this are worked out every time rather than kept: with [`MEMO_WORDS`] it
/// bounds the memo's memory whatever the files hold.
const MEMO_WORD_BYTES: usize = 48;
/// The memo starts again when it holds this many words (a site's vocabulary is a few thousand).
const MEMO_WORDS: usize = 50_000;

thread_local! {
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Runs `f` with this thread's memo (a fresh one should it be in use already).
fn with_memo<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => f(&mut memo),
        Err(_) => f(&mut Memo::default()),
    })
}

/// What one word says about its line.
#[derive(Clone, Copy)]
struct Word {
    vote: Option<Legacy>,
    /// Mojibake left over, if the line is Unicode (see [`leftovers`]).
    left_over: bool,
}

impl Word {
    fn of(word: &str) -> Word {
        Word {
            vote: vote(word),
            left_over: word.chars().any(|c| ('\u{C0}'..='\u{FF}').contains(&c))
                && reads_as_common(word, Legacy::Tcvn3)
                && !NOT_REPORTED.contains(&word.to_lowercase().as_str()),
        }
    }
}

impl Memo {
    fn word(&mut self, word: &str) -> Word {
        // Without a character of U+0080–U+00FF (bytes C2, C3) a word neither votes nor is left
        // over: most words, answered without a look-up.
        if !word.bytes().any(|b| b == 0xC2 || b == 0xC3) {
            return Word { vote: None, left_over: false };
        }
        if word.len() > MEMO_WORD_BYTES {
            return Word::of(word);
        }
        if let Some(known) = self.words.get(word) {
            return *known;
        }
        if self.words.len() >= MEMO_WORDS {
            self.words.clear();
        }
        let known = Word::of(word);
        self.words.insert(word.into(), known);
        known
    }
}

/// One line's verdict and the words on it that may be TCVN3 left over (one-based column in
/// characters, the word, its reading), in one pass over its words: a scan of every line of
/// every page, so classifying and looking for leftovers each walking the line was 3 % of a
/// build (issue 16). The leftovers count only on a line that is Unicode, not legacy.
fn scan_line(line: &str, memo: &mut Memo) -> (LineVerdict, Vec<(usize, String, String)>) {
    let (mut tcvn, mut vni) = (0, 0);
    let mut left_over = Vec::new();
    if has_latin1(line) {
        let mut at = 0;
        for (is_word, text) in (Runs { line, at: 0 }) {
            if is_word {
                let word = memo.word(text);
                match word.vote {
                    Some(Legacy::Tcvn3) => tcvn += 1,
                    Some(Legacy::Vni) => vni += 1,
                    None => {}
                }
                if word.left_over {
                    let col = line[..at].chars().count() + 1;
                    left_over.push((col, text.to_string(), tcvn3_word(text)));
                }
            }
            at += text.len();
        }
    }
    let legacy = match (tcvn, vni) {
        (0, 0) => None,
        (t, v) if t >= v => Some(Legacy::Tcvn3),
        _ => Some(Legacy::Vni),
    };
    (LineVerdict { legacy, unicode: !line.is_ascii() && line.chars().any(is_unicode_evidence) }, left_over)
}

/// Converts one legacy line. A line that also holds genuine Unicode letters has only its pasted
/// stretch converted, so the Unicode words are not mangled: from the first voting word to the
/// last, widened over neighbours that read as a common syllable through the legacy table (and
/// plain ASCII words, which read the same); inside it, every word that reads as a syllable.
pub fn convert_line(line: &str, enc: Legacy, whole: bool) -> String {
    let runs = runs(line);
    let converts = |k: usize| -> bool {
        let (is_word, text) = runs[k];
        is_word && !text.chars().any(is_unicode_evidence) && is_syllable(&decode_word(text, enc))
    };
    let votes: Vec<usize> =
        runs.iter().enumerate().filter(|(_, (w, t))| *w && vote(t) == Some(enc)).map(|(k, _)| k).collect();
    let (mut first, mut last) = (votes.first().copied().unwrap_or(0), votes.last().copied().unwrap_or(0));
    let widens = |k: usize| {
        let (is_word, text) = runs[k];
        !is_word || !text.chars().any(|c| c as u32 >= 0x80) || reads_as_common(text, enc)
    };
    while first > 0 && widens(first - 1) {
        first -= 1;
    }
    while last + 1 < runs.len() && widens(last + 1) {
        last += 1;
    }
    let mut out = String::with_capacity(line.len() + 8);
    for (k, (is_word, text)) in runs.iter().enumerate() {
        let inside = !votes.is_empty() && (first..=last).contains(&k);
        if *is_word && (whole || votes.contains(&k) || (inside && converts(k))) {
            out.push_str(&decode_word(text, enc));
        } else {
            out.push_str(text);
        }
    }
    out.nfc().collect()
}

/// Genuine words that also read as a common syllable through TCVN3 and are common enough in
/// campaign text ("5 mét") not to be reported as left over; the fix still converts them at the
/// edge of a pasted stretch, where "mét" is "một".
const NOT_REPORTED: [&str; 1] = ["mét"];

/// A word that is no common syllable but reads as one through `enc` ("chèng" → "chống").
fn reads_as_common(word: &str, enc: Legacy) -> bool {
    if word.chars().any(|c| c as u32 >= 0x100) || COMMON_SET.contains(word.to_lowercase().as_str()) {
        return false;
    }
    let reading = decode_word(word, enc);
    reading != word && is_syllable(&reading) && COMMON_SET.contains(reading.to_lowercase().as_str())
}

/// Syllables common in campaign and administrative text. Only words that a TCVN3 reading could
/// turn into one of these are looked at by [`leftovers`]; a word listed here is never reported.
const COMMON: &str = "và là có của không người được cho những một các trong với để này đã khi phải từ đến ra \
nào thì cũng như làm theo về nhà bạn họ gì tôi chúng ta mình em anh chị ông bà cô chú bác cháu con trẻ ngày \
năm tháng giờ số điện thoại gọi miễn phí hỏi biết nói nghe thấy đi đón giữ báo tin xã thôn bản huyện tỉnh công \
an bộ đội biên phòng chống mua bán nạn nhân lừa đảo việc lương cao nhẹ lấy chồng vợ nước ngoài giấy tờ hộ chiếu \
căn cước tiền nợ tuổi tên đánh dọa hợp đồng gia đình hàng xóm tốt xấu cần giúp đỡ hỗ trợ tư vấn pháp luật \
quyết định nghị chính phủ ủy ban hội phụ nữ cán chỉ đạo sức khỏe học nghề vay vốn ăn mặc ở tạm thời nhu cầu \
thiết yếu khám bệnh chữa tâm lý phiên dịch cấp khó khăn đầu lại nơi cùng muốn quyền đề bảo vệ thân đe lắng ép \
kể mọi chuyện sao bị kín đông chụp ảnh đăng mạng chọn nghỉ ngơi riêng giới hồ sơ cẩn thận bài đọc loa áp phích \
cách dấu hiệu nhận mời lời rủ xe trước sau trừ vào rõ ty địa chỉ ngay gấp kịp đường tắt qua cửa khẩu mai mối \
giàu nhiều chưa gặp mặt bên kia quen trên mới vài xa khoản lớn bao hết dặn dối tự mất dưới đưa kiếm lao động \
hay thể dù ý nhớ kỹ hứa càng dễ chắc đủ bước nên ngờ nguy hiểm mắt ghi chốn biển hình màn xóa đối hẹn bí mật \
nhóm nhau ngồi kẻ thống nhất bàn tuyên truyền thanh dân tộc họp nhắc lưu sinh chợ trạm y tế văn hóa thăm toàn \
hành liên quốc thế cả hằng dịp khác mỗi sớm vì vậy cứ trở lúc chí bé";

static COMMON_SET: std::sync::LazyLock<std::collections::HashSet<&'static str>> =
    std::sync::LazyLock::new(|| COMMON.split_whitespace().collect());

/// A word that may be TCVN3 text `--fix-encoding` could not decide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// One-based line and column (in characters).
    pub line: usize,
    pub col: usize,
    pub word: String,
    /// How it reads through TCVN3.
    pub reading: String,
}

/// Words of a Unicode line that read as a common syllable through TCVN3 while being none
/// themselves ("chèng" → "chống"): mojibake left over beside Unicode text (module doc).
pub fn leftovers(line: &str) -> Vec<(usize, String, String)> {
    with_memo(|memo| scan_line(line, memo)).1
}

/// A legacy line found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyLine {
    /// One-based line in the file.
    pub line: usize,
    pub encoding: Legacy,
    pub original: String,
    pub converted: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    pub legacy: Vec<LegacyLine>,
    /// Lines with genuine Unicode Vietnamese.
    pub unicode_lines: Vec<usize>,
    /// On Unicode lines: words that may be TCVN3 left over (see [`leftovers`]).
    pub leftovers: Vec<Leftover>,
}

impl Scan {
    /// More than one encoding in the file: TCVN3 and VNI, or legacy text beside Unicode text.
    pub fn mixed(&self) -> bool {
        let has = |e: Legacy| self.legacy.iter().any(|l| l.encoding == e);
        let legacy_kinds = usize::from(has(Legacy::Tcvn3)) + usize::from(has(Legacy::Vni));
        legacy_kinds > 1 || (legacy_kinds == 1 && !self.unicode_lines.is_empty())
    }
}

pub fn scan(text: &str) -> Scan {
    with_memo(|memo| scan_with(text, memo))
}

fn scan_with(text: &str, memo: &mut Memo) -> Scan {
    let mut out = Scan::default();
    for (i, line) in text.lines().enumerate() {
        let (verdict, left_over) = scan_line(line, memo);
        if let Some(enc) = verdict.legacy {
            out.legacy.push(LegacyLine {
                line: i + 1,
                encoding: enc,
                original: line.to_string(),
                converted: convert_line(line, enc, !verdict.unicode),
            });
        } else if verdict.unicode {
            out.unicode_lines.push(i + 1);
            for (col, word, reading) in left_over {
                out.leftovers.push(Leftover { line: i + 1, col, word, reading });
            }
        }
    }
    out
}

/// The file's text with every legacy line converted to Unicode NFC, or `None` when nothing is
/// legacy. Line endings (`\n` or `\r\n`) are kept as they were.
pub fn fix(text: &str) -> Option<String> {
    let found = scan(text);
    if found.legacy.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut converted = found.legacy.iter().peekable();
    for (i, piece) in text.split_inclusive('\n').enumerate() {
        let body = piece.trim_end_matches(['\n', '\r']);
        let ending = &piece[body.len()..];
        match converted.peek() {
            Some(l) if l.line == i + 1 => {
                out.push_str(&l.converted);
                converted.next();
            }
            _ => out.push_str(body),
        }
        out.push_str(ending);
    }
    Some(out.nfc().collect())
}

/// Text of a file's bytes for the scan: UTF-8 when it is, otherwise each byte as its Latin-1
/// character (a legacy document saved as 8-bit text).
pub fn text_of(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.strip_prefix('\u{feff}').unwrap_or(s).to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;

    const HORN: char = '\u{31B}';

    /// Unicode → TCVN3 (lowercase and plain capitals only, as VN3 has), for round trips.
    pub fn to_tcvn3(s: &str) -> String {
        s.nfc()
            .map(|c| {
                TCVN3_FROM_A1
                    .chars()
                    .position(|t| t == c)
                    .filter(|&p| !(0x0F..=0x13).contains(&p))
                    .map(|p| char::from_u32(0xA1 + p as u32).unwrap_or(c))
                    .unwrap_or(c)
            })
            .collect()
    }

    /// Unicode → VNI, for round trips: base letter, then the mark characters.
    pub fn to_vni(s: &str) -> String {
        let mut out = String::new();
        for c in s.nfc() {
            let upper = c.is_uppercase();
            let mut decomposed: Vec<char> = c.to_lowercase().collect::<String>().nfd().collect();
            let base = decomposed.remove(0);
            let has = |m: char| decomposed.contains(&m);
            let tone = [ACUTE, GRAVE, HOOK, TILDE, DOT].into_iter().find(|&m| has(m));
            let case = |s: &str| if upper { s.to_uppercase() } else { s.to_string() };
            let shape = if has(CIRCUMFLEX) {
                Some("circ")
            } else if has(BREVE) {
                Some("breve")
            } else {
                None
            };
            if c.to_lowercase().next() == Some('đ') {
                out.push_str(&case("ñ"));
                continue;
            }
            let mut head = String::new();
            let horn = has(HORN);
            match (base, horn) {
                ('o', true) => head.push('ô'),
                ('u', true) => head.push('ö'),
                (b, _) => head.push(b),
            }
            if base == 'i' && !horn {
                let i = match tone {
                    Some(ACUTE) => "í",
                    Some(GRAVE) => "ì",
                    Some(HOOK) => "æ",
                    Some(TILDE) => "ó",
                    Some(DOT) => "ò",
                    _ => "i",
                };
                out.push_str(&case(i));
                continue;
            }
            if base == 'y' && tone == Some(DOT) {
                out.push_str(&case("î"));
                continue;
            }
            let mark = match (shape, tone) {
                (Some("circ"), None) => "â",
                (Some("circ"), Some(ACUTE)) => "á",
                (Some("circ"), Some(GRAVE)) => "à",
                (Some("circ"), Some(HOOK)) => "å",
                (Some("circ"), Some(TILDE)) => "ã",
                (Some("circ"), Some(DOT)) => "ä",
                (Some(_), None) => "ê",
                (Some(_), Some(ACUTE)) => "é",
                (Some(_), Some(GRAVE)) => "è",
                (Some(_), Some(HOOK)) => "ú",
                (Some(_), Some(TILDE)) => "ü",
                (Some(_), Some(DOT)) => "ë",
                (None, Some(ACUTE)) => "ù",
                (None, Some(GRAVE)) => "ø",
                (None, Some(HOOK)) => "û",
                (None, Some(TILDE)) => "õ",
                (None, Some(DOT)) => "ï",
                (None, None) => "",
                _ => "",
            };
            out.push_str(&case(&head));
            out.push_str(&case(mark));
        }
        out
    }

    const SENTENCES: [&str; 6] = [
        "Phòng, chống mua bán người",
        "Đường dây nóng 111 miễn phí",
        "Ngày Toàn dân phòng, chống mua bán người 30/7",
        "Hãy gọi ngay khi thấy dấu hiệu lừa đảo việc làm ở nước ngoài",
        "Nạn nhân trở về được hỗ trợ y tế, tâm lý và học nghề",
        "Quyết tâm bảo vệ phụ nữ, trẻ em; cảnh giác với lời hứa việc nhẹ lương cao",
    ];

    #[test]
    fn known_mojibake_from_the_issue() {
        assert_eq!(to_tcvn3("Phòng, chống mua bán người"), "Phßng, chèng mua b¸n ng\u{AD}êi");
        assert_eq!(to_vni("Phòng, chống mua bán người"), "Phoøng, choáng mua baùn ngöôøi");
        assert_eq!(to_vni("Đường dây nóng"), "Ñöôøng daây noùng");
        assert_eq!(to_tcvn3("Đường dây nóng 111 miễn phí"), "§\u{AD}êng d©y nãng 111 miÔn phÝ");
    }

    #[test]
    fn round_trips_real_sentences() {
        for s in SENTENCES {
            let t = to_tcvn3(s);
            assert_ne!(t, s);
            let v = classify_line(&t);
            assert_eq!(v.legacy, Some(Legacy::Tcvn3), "{t}");
            assert_eq!(convert_line(&t, Legacy::Tcvn3, true), s, "TCVN3 {t}");
            let n = to_vni(s);
            assert_eq!(classify_line(&n).legacy, Some(Legacy::Vni), "{n}");
            assert_eq!(convert_line(&n, Legacy::Vni, true), s, "VNI {n}");
        }
    }

    #[test]
    fn capitals_font_headings_come_back_in_capitals() {
        // `.VnTimeH`: lowercase codes shown as capitals.
        assert_eq!(convert_line("PHßNG CHèNG", Legacy::Tcvn3, true), "PHÒNG CHỐNG");
    }

    #[test]
    fn unicode_and_other_languages_are_not_legacy() {
        let clean = [
            "Phòng, chống mua bán người",
            "Gọi 111 — miễn phí, 24/7",
            "Hu rau 111 dawb, 24 teev",
            "Tiv thaiv kev muag neeg",
            "ꪼꪕꪒꪾ",
            "© 2026 UBND xã",
            "Nhiệt độ 30°C, § 3, «trích dẫn»",
            "José Müller đã đến",
            "Chèng lá, bán có, à ơi",
            "",
        ];
        for line in clean {
            assert_eq!(classify_line(line).legacy, None, "{line}");
        }
    }

    #[test]
    fn scan_reports_lines_and_mixing() {
        let text = format!("---\ntitle: Đường dây nóng\n---\n{}\n\nOK\n", to_tcvn3("Phòng, chống mua bán người"));
        let s = scan(&text);
        assert_eq!(s.legacy.len(), 1);
        assert_eq!(s.legacy[0].line, 4);
        assert_eq!(s.legacy[0].converted, "Phòng, chống mua bán người");
        assert!(s.mixed());
        let only = scan(&to_tcvn3("mua bán người\nphòng chống\n"));
        assert!(!only.mixed());
        let both = scan(&format!("{}\n{}\n", to_tcvn3("mua bán người"), to_vni("mua bán người")));
        assert!(both.mixed());
    }

    #[test]
    fn fix_converts_only_legacy_lines_and_keeps_line_endings() {
        let text = format!("---\r\ntitle: Đường dây\r\n---\r\n{}\r\nHmoob\r\n", to_vni("Đường dây nóng 111 miễn phí"));
        let fixed = fix(&text).unwrap();
        assert_eq!(fixed, "---\r\ntitle: Đường dây\r\n---\r\nĐường dây nóng 111 miễn phí\r\nHmoob\r\n");
        assert_eq!(fix("Phòng, chống\n"), None);
    }

    #[test]
    fn a_mixed_line_keeps_its_unicode_words() {
        let line = format!("Xã Mường Khương: {}", to_tcvn3("mua bán người"));
        let v = classify_line(&line);
        assert_eq!(v, LineVerdict { legacy: Some(Legacy::Tcvn3), unicode: true });
        assert_eq!(convert_line(&line, Legacy::Tcvn3, false), "Xã Mường Khương: mua bán người");
    }

    /// Issue 15: in a line that mixed Unicode and TCVN3, a pasted word valid either way between
    /// two legacy words was left as mojibake by `--fix-encoding` ("Phòng, chèng mua bán người").
    #[test]
    fn a_mixed_line_converts_its_whole_pasted_stretch() {
        for (unicode, pasted) in [
            ("Xã Mường Khương:", "Phòng, chống mua bán người"),
            ("Đường dây nóng:", "một số điện thoại tốt"),
            ("Ghi chú (bản cũ):", "Ngày Toàn dân phòng, chống mua bán người 30/7"),
        ] {
            let line = format!("{unicode} {}", to_tcvn3(pasted));
            let fixed = fix(&format!("{line}\n")).unwrap();
            assert_eq!(fixed, format!("{unicode} {pasted}\n"), "{line}");
            assert_eq!(scan(&fixed).leftovers, vec![], "{fixed}");
        }
    }

    /// Issue 15: the pasted stretch widens over the words at its edges that read as a common
    /// syllable ("mét sè" → "một số"), never over the user's own Unicode words ("nóng").
    #[test]
    fn the_pasted_stretch_widens_only_over_mojibake() {
        let line = format!("Đường dây nóng: {}", to_tcvn3("chống mua bán người"));
        assert_eq!(fix(&line).unwrap(), "Đường dây nóng: chống mua bán người");
    }

    /// Issue 15: mojibake that an earlier conversion left beside Unicode text ("Phòng, chèng mua
    /// bán người", what `--fix-encoding` produced before) is named with its reading.
    #[test]
    fn mojibake_left_over_is_named() {
        let s = scan("---\ntitle: A\n---\nPhòng, chèng mua bán người\n");
        assert_eq!(s.legacy, vec![]);
        assert_eq!(s.leftovers, vec![Leftover { line: 4, col: 8, word: "chèng".into(), reading: "chống".into() }]);
        assert_eq!(leftovers("Hôm nay sè có họp")[0].2, "số");
    }

    /// What the leftover check must leave alone: genuine Unicode text, with words that are
    /// also TCVN3 spellings of other words ("có" reads "cú", "bà" "bổ", "mét" "một").
    /// The memo kept across files answers what working a word out answers, and stays bounded.
    #[test]
    fn the_memo_answers_as_working_out_does_and_stays_bounded() {
        let words = [
            "Phßng",
            "chèng",
            "b¸n",
            "ng\u{AD}êi",
            "Phoøng",
            "choáng",
            "baùn",
            "ngöôøi",
            "sè",
            "số",
            "Hôm",
            "nay",
            "x",
        ];
        let mut memo = Memo::default();
        for _ in 0..2 {
            for w in words {
                let (got, want) = (memo.word(w), Word::of(w));
                assert_eq!((got.vote, got.left_over), (want.vote, want.left_over), "{w}");
            }
        }
        for n in 0..MEMO_WORDS + 10 {
            memo.word(&format!("é{n}"));
            assert!(memo.words.len() <= MEMO_WORDS);
        }
        assert!(memo.words.len() > 5, "the words were kept");
        let long = "¸".repeat(MEMO_WORD_BYTES);
        memo.word(&long);
        assert!(!memo.words.contains_key(long.as_str()));
    }

    #[test]
    fn genuine_text_has_no_leftovers() {
        let clean = [
            "Bà có nhà không? Gì cũng được, hỏi chị ấy.",
            "Cách nhà văn hóa 5 mét, chợ Pác Bó.",
            "Chí khí, lý lẽ, bé ngoan.",
            "Hu rau 111 dawb, 24 teev",
            "José Müller đã đến",
        ];
        for text in SENTENCES.iter().copied().chain(clean) {
            assert_eq!(scan(text).leftovers, vec![], "{text}");
        }
    }

    #[test]
    fn eight_bit_files_are_read_as_latin1() {
        let bytes = b"Ph\xdfng, ch\xe8ng mua b\xb8n ng\xad\xeai\n";
        let text = text_of(bytes);
        assert_eq!(fix(&text).as_deref(), Some("Phòng, chống mua bán người\n"));
    }
}
