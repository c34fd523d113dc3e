//! The data a print template sees: a view made for templates, serialized to `/data.json`.
//!
//! Content reaches typst only as data, never as markup: a string placed as content prints as
//! written, so a title with `# * $ ] < @` needs no escaping and cannot run code.
//! The body tree is flattened into blocks of inline runs (`{text, b, i}`) that `lib.typ`
//! turns into content; links keep their text, images their alt text.

use super::size::Layout;
use crate::content::{Block, Inline, Page, Site};
use crate::i18n::I18n;
use serde::Serialize;

/// Family used when a language names none in `loa.yaml`.
pub const DEFAULT_FONT: &str = "Noto Sans";

#[derive(Debug, Clone, Serialize)]
pub struct PrintData {
    /// `poster`, `leaflet`, `banner`.
    pub kind: &'static str,
    pub lang: String,
    /// ISO 15924 (`Latn`, `Tavt`).
    pub script: String,
    pub font: String,
    pub title: String,
    pub description: String,
    /// The banner's slogan (`banner: {text}`), else the title.
    pub slogan: String,
    pub body: Vec<PBlock>,
    pub hotline: Hotline,
    pub issuer: String,
    /// The page online; the QR code encodes it.
    pub url: String,
    /// QR modules, one string per row, `#` dark and `.` light (quiet zone not included).
    pub qr: Vec<String>,
    pub labels: Labels,
    pub size: Layout,
    pub bleed: bool,
    pub crop_marks: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Hotline {
    pub number: String,
    /// "Gọi" / "Hu".
    pub call: String,
    /// "miễn phí, 24/7".
    pub free: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// Under the QR code: "Quét mã để đọc thêm".
    pub scan: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum PBlock {
    Heading { level: u8, runs: Vec<Run> },
    Para { runs: Vec<Run> },
    List { ordered: bool, start: u64, items: Vec<Vec<PBlock>> },
    Table { head: Vec<Vec<Run>>, rows: Vec<Vec<Vec<Run>>> },
    Quote { blocks: Vec<PBlock> },
}

/// A piece of text with one style. A hard line break is a run whose text is `"\n"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub b: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub i: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// Everything but the size, which each renderer decides.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub i18n: &'a I18n,
    pub page: &'a Page,
    pub kind: &'static str,
    pub size: Layout,
}

pub fn build(inp: Inputs<'_>) -> PrintData {
    let Inputs { site, i18n, page, kind, size } = inp;
    let config = &site.config;
    let lang = page.lang();
    let language = config.language(lang);
    let script = language.map(|l| l.script.clone()).unwrap_or_else(|| "Latn".into());
    let tavt = script == "Tavt";
    let fix = |s: &str| if tavt { break_tai_viet(s) } else { s.to_string() };
    let url = site.permalink(&page.url_path());
    let slogan = page.fm.banner.as_ref().and_then(|b| b.text.clone()).unwrap_or_else(|| page.title().to_string());
    let mut body = blocks(&page.body.blocks);
    if tavt {
        body.iter_mut().for_each(|b| map_runs(b, &|r| r.text = break_tai_viet(&r.text)));
    }
    PrintData {
        kind,
        lang: lang.to_string(),
        font: language.and_then(|l| l.font.clone()).unwrap_or_else(|| DEFAULT_FONT.into()),
        title: fix(page.title()),
        description: fix(page.fm.description.as_deref().unwrap_or("")),
        slogan: fix(&slogan),
        body,
        hotline: Hotline {
            number: config.hotline.number.clone(),
            call: fix(i18n.get(lang, "hotline_call")),
            free: fix(i18n.get(lang, "hotline_free")),
        },
        issuer: fix(config.issuer.as_deref().unwrap_or("")),
        qr: qr_rows(&url),
        url,
        labels: Labels { scan: fix(i18n.get(lang, "print_scan")) },
        script,
        size,
        bleed: config.print.bleed,
        crop_marks: config.print.crop_marks,
    }
}

/// QR code rows for `text`, `#` dark and `.` light: the same matrix as the page's `qr.svg`
/// ([`crate::qr`]), so poster and web page always point to the same place.
pub fn qr_rows(text: &str) -> Vec<String> {
    match crate::qr::matrix(text) {
        Ok(m) => m.dark.iter().map(|row| row.iter().map(|&d| if d { '#' } else { '.' }).collect()).collect(),
        // Only data longer than a version-40 code (2,331 bytes) fails; a web address never is.
        Err(_) => Vec::new(),
    }
}

fn blocks(input: &[Block]) -> Vec<PBlock> {
    input.iter().filter_map(block).collect()
}

fn block(b: &Block) -> Option<PBlock> {
    Some(match b {
        Block::Heading { level, content, .. } => PBlock::Heading { level: *level, runs: runs(content) },
        Block::Paragraph { content } => PBlock::Para { runs: runs(content) },
        Block::List { ordered, start, items, .. } => {
            PBlock::List { ordered: *ordered, start: *start, items: items.iter().map(|i| blocks(i)).collect() }
        }
        Block::Table { head, rows, .. } => PBlock::Table {
            head: head.iter().map(|c| runs(c)).collect(),
            rows: rows.iter().map(|r| r.iter().map(|c| runs(c)).collect()).collect(),
        },
        Block::Quote { content } => PBlock::Quote { blocks: blocks(content) },
        Block::Code { text, .. } => PBlock::Para { runs: vec![plain(text.trim_end())] },
        // Raw HTML, rules and footnote texts have no place on a printed piece.
        Block::Html { .. } | Block::Rule | Block::Footnote { .. } => return None,
    })
}

fn plain(text: &str) -> Run {
    Run { text: text.to_string(), b: false, i: false }
}

fn runs(inlines: &[Inline]) -> Vec<Run> {
    let mut out = Vec::new();
    push_runs(inlines, false, false, &mut out);
    out
}

fn push_runs(inlines: &[Inline], b: bool, i: bool, out: &mut Vec<Run>) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => push(out, text, b, i),
            Inline::Strong { content } => push_runs(content, true, i, out),
            Inline::Emph { content } => push_runs(content, b, true, out),
            // Print keeps the words of a link; the address is the page's QR code.
            Inline::Strike { content } | Inline::Link { content, .. } => push_runs(content, b, i, out),
            Inline::Image { alt, .. } if !alt.is_empty() => push(out, alt, b, true),
            Inline::SoftBreak => push(out, " ", b, i),
            Inline::HardBreak => out.push(plain("\n")),
            Inline::Image { .. } | Inline::Html { .. } | Inline::FootnoteRef { .. } => {}
        }
    }
}

/// Appends text, merging with the previous run when the style is the same.
fn push(out: &mut Vec<Run>, text: &str, b: bool, i: bool) {
    match out.last_mut() {
        Some(last) if last.b == b && last.i == i && last.text != "\n" => last.text.push_str(text),
        _ => out.push(Run { text: text.to_string(), b, i }),
    }
}

fn map_runs(block: &mut PBlock, f: &dyn Fn(&mut Run)) {
    match block {
        PBlock::Heading { runs, .. } | PBlock::Para { runs } => runs.iter_mut().for_each(f),
        PBlock::List { items, .. } => items.iter_mut().flatten().for_each(|b| map_runs(b, f)),
        PBlock::Table { head, rows } => {
            head.iter_mut().flatten().for_each(f);
            rows.iter_mut().flatten().flatten().for_each(f);
        }
        PBlock::Quote { blocks } => blocks.iter_mut().for_each(|b| map_runs(b, f)),
    }
}

/// Tai Viet vowels written before the consonant they follow in speech (visual order, Unicode
/// "Logical_Order_Exception"): one always begins a syllable.
fn is_tai_viet_prevowel(c: char) -> bool {
    matches!(c, '\u{AAB5}' | '\u{AAB6}' | '\u{AAB9}' | '\u{AABB}' | '\u{AABC}')
}

fn is_tai_viet(c: char) -> bool {
    ('\u{AA80}'..='\u{AADF}').contains(&c)
}

/// Inserts U+200B (zero-width space) at syllable starts inside unspaced Tai Viet, so lines can
/// break there: typst finds no break opportunity in Tai Viet without spaces (measured: it ran
/// past its box). Only starts that are certain are marked: a pre-posed vowel, or a Tai Viet
/// letter after a Tai Viet symbol (KON, NUENG, SAM, HO HOI, KOI KOI, U+AADB–AADF).
pub fn break_tai_viet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let starts = is_tai_viet_prevowel(c) || (is_tai_viet(c) && ('\u{AADB}'..='\u{AADF}').contains(&p));
            if starts && is_tai_viet(p) {
                out.push('\u{200B}');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tai_viet_breaks_before_prevowels_only() {
        // ꪼ (AABC) and ꪹ (AAB9) are pre-posed vowels; ꪀ ꪙ are consonants.
        let table = [
            ("ꪼꪕꪒꪾ", "ꪼꪕꪒꪾ"),
            ("ꪀꪱꪼꪕ", "ꪀꪱ\u{200B}ꪼꪕ"),
            ("ꪀꪱ ꪼꪕ", "ꪀꪱ ꪼꪕ"),
            ("ꪙꪹꪀ", "ꪙ\u{200B}ꪹꪀ"),
            ("Tày ꪹ", "Tày ꪹ"),
            ("ꪀꫛꪀ", "ꪀꫛ\u{200B}ꪀ"),
        ];
        for (input, want) in table {
            assert_eq!(break_tai_viet(input), want, "{input}");
        }
    }

    #[test]
    fn inline_styles_flatten_into_runs() {
        let body = crate::content::Body::parse("Gọi **ngay *bây giờ*** [111](tel:111)\\\nhết ![ảnh](a.png)", 1)
            .expect("parses");
        let PBlock::Para { runs } = block(&body.blocks[0]).unwrap() else { panic!("not a paragraph") };
        let got: Vec<(&str, bool, bool)> = runs.iter().map(|r| (r.text.as_str(), r.b, r.i)).collect();
        assert_eq!(
            got,
            [
                ("Gọi ", false, false),
                ("ngay ", true, false),
                ("bây giờ", true, true),
                (" 111", false, false),
                ("\n", false, false),
                ("hết ", false, false),
                ("ảnh", false, true)
            ]
        );
    }

    #[test]
    fn qr_rows_are_square() {
        let rows = qr_rows("https://example.gov.vn/dau-hieu/");
        assert!(rows.len() >= 21);
        assert!(rows.iter().all(|r| r.chars().count() == rows.len()));
        // The finder pattern's top row starts every code.
        assert!(rows[0].starts_with("#######."));
    }
}
