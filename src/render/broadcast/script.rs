//! A page body turned into lines an announcer reads: pure, no I/O.
//!
//! Headings become short spoken lead-ins (a sentence of their own), list items sentences
//! (ordered ones introduced by "Thứ nhất, …" where the language has ordinals), tables are read
//! row by row as "header: value", links are reduced to their text, images to their alt text,
//! raw HTML, code fences' markers and footnotes are dropped. Numbers are then spoken by the
//! language's [`Speaker`].

use crate::content::{Block, Inline};
use crate::text::speak::Speaker;

/// Lines of a script; an empty line is a pause between paragraphs.
pub type Lines = Vec<String>;

/// The body's blocks as spoken lines (numbers not yet spoken).
pub fn body_lines(blocks: &[Block], speaker: &Speaker) -> Lines {
    let mut lines = Lines::new();
    for block in blocks {
        push_block(block, speaker, &mut lines);
    }
    trim_pauses(&mut lines);
    lines
}

fn push_block(block: &Block, speaker: &Speaker, lines: &mut Lines) {
    match block {
        Block::Heading { content, .. } => {
            paragraph_break(lines);
            push_sentence(&spoken_inlines(content), lines);
        }
        Block::Paragraph { content } => {
            paragraph_break(lines);
            push_sentence(&spoken_inlines(content), lines);
        }
        Block::List { ordered, start, items, .. } => {
            paragraph_break(lines);
            for (n, item) in items.iter().enumerate() {
                let mut item_lines = Lines::new();
                for b in item {
                    push_block(b, speaker, &mut item_lines);
                }
                item_lines.retain(|l| !l.is_empty());
                let lead = ordered.then(|| speaker.ordinal_lead(start + n as u64)).flatten();
                if let (Some(lead), Some(first)) = (lead, item_lines.first_mut()) {
                    *first = format!("{lead}, {}", lower_first(first));
                }
                lines.extend(item_lines);
            }
        }
        Block::Table { head, rows, .. } => {
            paragraph_break(lines);
            for row in rows {
                let cells: Vec<String> = row
                    .iter()
                    .enumerate()
                    .filter_map(|(i, cell)| {
                        let value = spoken_inlines(cell);
                        let label = head.get(i).map(|h| spoken_inlines(h)).unwrap_or_default();
                        match (label.is_empty(), value.is_empty()) {
                            (_, true) => None,
                            (true, false) => Some(value),
                            (false, false) => Some(format!("{label}: {value}")),
                        }
                    })
                    .collect();
                push_sentence(&cells.join(", "), lines);
            }
        }
        Block::Quote { content } => content.iter().for_each(|b| push_block(b, speaker, lines)),
        Block::Code { text, .. } => {
            paragraph_break(lines);
            push_sentence(&text.split_whitespace().collect::<Vec<_>>().join(" "), lines);
        }
        Block::Rule => paragraph_break(lines),
        Block::Html { .. } | Block::Footnote { .. } => {}
    }
}

/// Text of inlines for the ear: link text (a bare address is cut to its host), image alt text.
pub fn spoken_inlines(inlines: &[Inline]) -> String {
    let out = crate::content::body::plain_text(inlines);
    out.split_whitespace().map(short_address).collect::<Vec<_>>().join(" ")
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

/// Syllables of a spoken text: for Vietnamese one written word is one syllable; for other
/// languages words stand in for syllables (an estimate for the header, not a promise).
pub fn syllables(lines: &[String]) -> usize {
    lines.iter().flat_map(|l| l.split_whitespace()).filter(|w| w.chars().any(char::is_alphanumeric)).count()
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

    #[test]
    fn markup_becomes_sentences() {
        let md = "# Dấu hiệu\n\nMột lời mời **việc nhẹ lương cao** ở [nước ngoài](a.md)\n\n\
                  1. Giữ giấy tờ\n2. Gọi 111\n\n- UBND xã\n\n| Nơi | Giờ |\n|---|---|\n| Nhà văn hóa | 7:30 |\n| Chợ | |\n\n\
                  ![Tranh cổ động](p.jpg)\n\n<div>x</div>\n\nXem https://www.example.gov.vn/a/b\n";
        let body = Body::parse(md, 1).expect("parses");
        let lines = body_lines(&body.blocks, &vi());
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
                "Nơi: Nhà văn hóa, Giờ: 7:30.",
                "Nơi: Chợ.",
                "",
                "Tranh cổ động.",
                "",
                "Xem example.gov.vn.",
            ]
        );
    }

    #[test]
    fn reading_time_rounds_up() {
        assert_eq!(syllables(&["Gọi một một một.".into(), "".into(), "— ,".into()]), 4);
        assert_eq!(seconds(0, 4.0), 0);
        assert_eq!(seconds(1, 4.0), 1);
        assert_eq!(seconds(8, 4.0), 2);
        assert_eq!(seconds(9, 4.0), 3);
        assert_eq!(seconds(9, 0.0), 3);
    }
}
