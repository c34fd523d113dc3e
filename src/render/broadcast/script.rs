//! A page body turned into lines an announcer reads: pure, no I/O.
//!
//! Headings become short spoken lead-ins (a sentence of their own), list items sentences
//! (ordered ones introduced by "Thứ nhất, …" where the language has ordinals), links are reduced
//! to their text, images to their alt text; raw HTML, code fences' markers and footnotes are
//! dropped. Numbers are then spoken by the language's [`Speaker`].
//!
//! **Tables** are read row by row the way a person reads one out: the first cell says what the
//! row is about, then the other cells, without repeating the column headers ("111: nghi có mua
//! bán người, …"); a first cell that is a bare number is introduced by its header ("Số 111: …").
//!
//! **Web-only sentences** are left out, since a listener cannot click or scroll: a sentence made
//! only of links to pages (and at most one other word: "Xem [dấu hiệu](…).", "[A](…) · [B](…)",
//! or a lead-in of up to three words ending with a colon: "Saib ntxiv: [A](…)"),
//! and a sentence that opens with one of the language's `broadcast_web_only` phrases (i18n,
//! separated by `|`: "Xem thêm", "Đọc tiếp", "Các trang dưới đây", …). When the first sentence
//! of a paragraph is such a phrase, the whole paragraph is about the page and is left out.
//! Phone links (`tel:`, `sms:`) are content, not navigation.

use crate::content::{Block, Inline};
use crate::text::speak::Speaker;

/// What the ear needs besides the text: the language's speaker and its web-only phrases.
pub struct Ear<'a> {
    pub speaker: &'a Speaker,
    /// Sentence openings that mark a web-only sentence, lower-cased.
    pub web_only: Vec<String>,
}

impl<'a> Ear<'a> {
    /// `phrases` is the i18n value of `broadcast_web_only` (`|`-separated).
    pub fn new(speaker: &'a Speaker, phrases: &str) -> Ear<'a> {
        let web_only = phrases.split('|').map(|p| p.trim().to_lowercase()).filter(|p| !p.is_empty()).collect();
        Ear { speaker, web_only }
    }
}

/// Lines of a script; an empty line is a pause between paragraphs.
pub type Lines = Vec<String>;

/// The body's blocks as spoken lines (numbers not yet spoken).
pub fn body_lines(blocks: &[Block], ear: &Ear<'_>) -> Lines {
    let mut lines = Lines::new();
    for block in blocks {
        push_block(block, ear, &mut lines);
    }
    trim_pauses(&mut lines);
    lines
}

fn push_block(block: &Block, ear: &Ear<'_>, lines: &mut Lines) {
    match block {
        Block::Heading(h) => {
            paragraph_break(lines);
            push_sentence(&spoken_inlines(&h.content), lines);
        }
        Block::Paragraph { content } => {
            paragraph_break(lines);
            push_sentence(&for_the_ear(content, &ear.web_only), lines);
        }
        Block::List { ordered, start, items, .. } => {
            paragraph_break(lines);
            for (n, item) in items.iter().enumerate() {
                let mut item_lines = Lines::new();
                for b in item {
                    push_block(b, ear, &mut item_lines);
                }
                item_lines.retain(|l| !l.is_empty());
                let lead = ordered.then(|| ear.speaker.ordinal_lead(start + n as u64)).flatten();
                if let (Some(lead), Some(first)) = (lead, item_lines.first_mut()) {
                    *first = format!("{lead}, {}", lower_first(first));
                }
                lines.extend(item_lines);
            }
        }
        Block::Table(t) => {
            paragraph_break(lines);
            for row in &t.rows {
                push_sentence(&table_row(&t.head, row), lines);
            }
        }
        Block::Quote { content } => content.iter().for_each(|b| push_block(b, ear, lines)),
        Block::Code(code) => {
            paragraph_break(lines);
            push_sentence(&code.text.split_whitespace().collect::<Vec<_>>().join(" "), lines);
        }
        Block::Rule => paragraph_break(lines),
        Block::Html { .. } | Block::Footnote(_) => {}
    }
}

/// One table row as a person reads it: "subject: value, value" (module doc).
fn table_row(head: &[Vec<Inline>], row: &[Vec<Inline>]) -> String {
    let cells: Vec<String> = row.iter().map(|c| spoken_inlines(c)).collect();
    let Some((first, rest)) = cells.split_first() else { return String::new() };
    let label = head.first().map(|h| spoken_inlines(h)).unwrap_or_default();
    let bare_number =
        first.chars().any(|c| c.is_ascii_digit()) && first.chars().all(|c| c.is_ascii_digit() || " .-+()".contains(c));
    let subject = if bare_number && !label.is_empty() && label.split_whitespace().count() <= 2 {
        format!("{label} {first}")
    } else {
        first.clone()
    };
    let values: Vec<&str> = rest.iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
    match (subject.is_empty(), values.is_empty()) {
        (_, true) => subject,
        (true, false) => values.join(", "),
        (false, false) => format!("{subject}: {}", values.join(", ")),
    }
}

/// Text of inlines for the ear: link text (a bare address is cut to its host), image alt text.
pub fn spoken_inlines(inlines: &[Inline]) -> String {
    let out = crate::content::body::plain_text(inlines);
    out.split_whitespace().map(short_address).collect::<Vec<_>>().join(" ")
}

/// Around the text of a link to a page, so sentences can tell navigation from content.
const LINK_OPEN: char = '\u{E000}';
const LINK_CLOSE: char = '\u{E001}';

/// A paragraph for the ear: its text without the web-only sentences (module doc).
fn for_the_ear(inlines: &[Inline], web_only: &[String]) -> String {
    let mut marked = String::new();
    mark_links(inlines, &mut marked);
    let sentences = split_sentences(&marked);
    if sentences.first().is_some_and(|s| opens_with(s, web_only)) {
        return String::new();
    }
    let kept: Vec<&str> = sentences.into_iter().filter(|s| !is_navigation(s) && !opens_with(s, web_only)).collect();
    let text: String = kept.join(" ").chars().filter(|&c| c != LINK_OPEN && c != LINK_CLOSE).collect();
    text.split_whitespace().map(short_address).collect::<Vec<_>>().join(" ")
}

/// The paragraph's plain text (as [`crate::content::body::plain_text`] gives it), with the text
/// of every link to a page between [`LINK_OPEN`] and [`LINK_CLOSE`].
fn mark_links(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Link(link) if !is_phone_link(&link.url) => {
                out.push(LINK_OPEN);
                out.push_str(&crate::content::body::plain_text(&link.content));
                out.push(LINK_CLOSE);
            }
            Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } => {
                mark_links(content, out)
            }
            other => out.push_str(&crate::content::body::plain_text(std::slice::from_ref(other))),
        }
    }
}

fn is_phone_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("tel:") || lower.starts_with("sms:")
}

/// Sentences end at `.`, `!` or `?` followed by a space (outside link text).
fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_link = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            LINK_OPEN => in_link = true,
            LINK_CLOSE => in_link = false,
            '.' | '!' | '?' if !in_link && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) => {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// Links to pages and at most one other word ("Xem [x].", "[a] · [b]"), or a lead-in of up to
/// three words that ends with a colon, then only links.
fn is_navigation(sentence: &str) -> bool {
    if !sentence.contains(LINK_OPEN) {
        return false;
    }
    let mut outside = String::new();
    let mut in_link = false;
    for c in sentence.chars() {
        match c {
            LINK_OPEN => in_link = true,
            LINK_CLOSE => {
                in_link = false;
                outside.push(' ');
            }
            c if !in_link => outside.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = outside.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).collect();
    // "Xem tiếp: [x]", "Saib ntxiv: [x] · [y]": a short lead-in ending with a colon, then links.
    let lead_in = sentence.split(LINK_OPEN).next().unwrap_or("").trim_end();
    words.len() <= 1
        || (words.len() <= 3 && lead_in.ends_with(':') && lead_in.split_whitespace().count() == words.len())
}

/// Whether the sentence opens with one of the web-only phrases (whole words, any case).
fn opens_with(sentence: &str, phrases: &[String]) -> bool {
    let plain: String = sentence.chars().filter(|&c| c != LINK_OPEN && c != LINK_CLOSE).collect();
    let lower = plain.trim_start().to_lowercase();
    phrases.iter().any(|p| lower.strip_prefix(p.as_str()).is_some_and(|rest| !rest.starts_with(char::is_alphanumeric)))
}

/// `https://www.example.gov.vn/path` → `example.gov.vn`: nobody reads a path aloud.
fn short_address(word: &str) -> String {
    let rest = ["https://", "http://"].iter().find_map(|p| word.strip_prefix(p));
    match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
            host.strip_prefix("www.").unwrap_or(host).to_string()
        }
        None => word.to_string(),
    }
}

/// Adds `text` as a line ending like a sentence, so a voice pauses after it.
pub fn push_sentence(text: &str, lines: &mut Lines) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    lines.push(sentence(text));
}

pub fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', ':', ';', '…']) { text.to_string() } else { format!("{text}.") }
}

fn lower_first(s: &str) -> String {
    // Keep proper nouns and acronyms ("UBND", "Công an") as written; lower only a plain first word.
    let first_word = s.split_whitespace().next().unwrap_or("");
    let looks_plain = first_word.chars().skip(1).all(|c| !c.is_uppercase());
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if looks_plain && first_word.chars().count() > 1 => c.to_lowercase().chain(chars).collect(),
        _ => s.to_string(),
    }
}

fn paragraph_break(lines: &mut Lines) {
    if lines.last().is_some_and(|l| !l.is_empty()) {
        lines.push(String::new());
    }
}

fn trim_pauses(lines: &mut Lines) {
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
}

/// Syllables of a spoken text: for Vietnamese one written word is one syllable, and each part of
/// a hyphenated loan word too ("ki-lô-mét" is three); for other languages words stand in for
/// syllables (an estimate for the reading time, not a promise).
pub fn syllables(lines: &[String]) -> usize {
    lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .flat_map(|w| w.split('-'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Reading time in whole seconds at `per_second` syllables per second (at least 1 s per syllable
/// batch, rounded up so a slot is never overbooked).
pub fn seconds(syllables: usize, per_second: f64) -> u64 {
    let pace = if per_second.is_finite() && per_second > 0.0 { per_second } else { 4.0 };
    (syllables as f64 / pace).ceil() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Body;
    use crate::i18n::Strings;

    fn vi() -> Speaker {
        Speaker::new("vi", &Strings::new(), vec!["111".into()])
    }

    fn lines_of(md: &str) -> Lines {
        let speaker = vi();
        let ear = Ear::new(&speaker, "Xem thêm|Đọc tiếp|Các trang dưới đây");
        body_lines(&Body::parse(md, 1).expect("parses").blocks, &ear)
    }

    #[test]
    fn markup_becomes_sentences() {
        let md = "# Dấu hiệu\n\nMột lời mời **việc nhẹ lương cao** ở [nước ngoài](a.md)\n\n\
                  1. Giữ giấy tờ\n2. Gọi 111\n\n- UBND xã\n\n| Nơi | Giờ |\n|---|---|\n| Nhà văn hóa | 7:30 |\n| Chợ | |\n\n\
                  ![Tranh cổ động](p.jpg)\n\n<div>x</div>\n\nXem https://www.example.gov.vn/a/b\n";
        let lines = lines_of(md);
        assert_eq!(
            lines,
            vec![
                "Dấu hiệu.",
                "",
                "Một lời mời việc nhẹ lương cao ở nước ngoài.",
                "",
                "Thứ nhất, giữ giấy tờ.",
                "Thứ hai, gọi 111.",
                "",
                "UBND xã.",
                "",
                "Nhà văn hóa: 7:30.",
                "Chợ.",
                "",
                "Tranh cổ động.",
                "",
                "Xem example.gov.vn.",
            ]
        );
    }

    /// Issue 15: navigation and page-layout sentences are not read on the loudspeaker.
    #[test]
    fn web_only_sentences_are_left_out() {
        let table: &[(&str, &[&str])] = &[
            ("Đọc tiếp: [Phải làm gì](a.md) · [Tổng đài 111](b.md).", &[]),
            ("Xem thêm [các dấu hiệu](a.md).", &[]),
            ("Xem thêm: [a](a.md)", &[]),
            ("Đón người trở về. Xem [hỗ trợ](a.md).", &["Đón người trở về."]),
            ("Hãy lưu số 111. Xem tiếp:\n[Phải làm gì](a.md).", &["Hãy lưu số 111."]),
            ("Saib ntxiv: [Cov cim qhia](a.md) · [Xov tooj 111](b.md).", &[]),
            ("Nhớ: [Tổng đài 111](a.md) là số miễn phí.", &["Nhớ: Tổng đài 111 là số miễn phí."]),
            ("[Cov cim qhia](a.md) · [Xov tooj 111](b.md)", &[]),
            ("Các trang dưới đây có thêm thông tin. Bạn có thể in ra.", &[]),
            ("Mỗi năm, ngày 30/7 là [Ngày toàn dân](a.md).", &["Mỗi năm, ngày 30/7 là Ngày toàn dân."]),
            ("Đó là [Ngày toàn dân](a.md).", &["Đó là Ngày toàn dân."]),
            ("Gọi [111](tel:111).", &["Gọi 111."]),
            ("[111](tel:111)", &["111."]),
            ("Xem xét kỹ hợp đồng.", &["Xem xét kỹ hợp đồng."]),
            ("Biết các [dấu hiệu](a.md): việc nhẹ lương cao.", &["Biết các dấu hiệu: việc nhẹ lương cao."]),
            ("Trang web: https://www.example.gov.vn/a/b", &["Trang web: example.gov.vn."]),
            ("- [Dấu hiệu](a.md)\n- Gọi 111", &["Gọi 111."]),
        ];
        for (md, want) in table {
            assert_eq!(lines_of(md), want.iter().map(|s| s.to_string()).collect::<Lines>(), "{md}");
        }
    }

    /// Issue 15: table rows do not repeat the column headers.
    #[test]
    fn tables_are_read_naturally() {
        let md = "| Số | Dùng khi nào |\n|---|---|\n| **111** | Nghi có mua bán người |\n| 113 | Có nguy hiểm |\n\n\
                  | Nơi | Ngày | Giờ |\n|---|---|---|\n| Nhà văn hóa | 30/7 | 7:30 |\n| | 31/7 | |\n\n\
                  | Số điện thoại cần nhớ | |\n|---|---|\n| 111 | miễn phí |\n";
        assert_eq!(
            lines_of(md),
            vec![
                "Số 111: Nghi có mua bán người.",
                "Số 113: Có nguy hiểm.",
                "",
                "Nhà văn hóa: 30/7, 7:30.",
                "31/7.",
                "",
                "111: miễn phí.",
            ]
        );
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(syllables(&["Gọi một một một.".into(), "".into(), "— ,".into()]), 4);
        assert_eq!(syllables(&["mười ki-lô-mét - xa".into()]), 5);
        assert_eq!(seconds(0, 4.0), 0);
        assert_eq!(seconds(1, 4.0), 1);
        assert_eq!(seconds(8, 4.0), 2);
        assert_eq!(seconds(9, 4.0), 3);
        assert_eq!(seconds(9, 0.0), 3);
    }
}
