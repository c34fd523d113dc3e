//! Posts for social networks (issue 14): `PATH/NAME/social.txt` and `social.png` for every page
//! whose `outputs` include `social`. Campaigns meet most people on Zalo and Facebook; an officer
//! copies the text into a post and uploads the picture with it.
//!
//! The text, in the page's language, NFC, with every diacritic (unlike the SMS, a post has no
//! 70-character limit that diacritics would cost):
//!
//! ```text
//! title
//!
//! message: the description, else the first paragraph, cut at a sentence (or a word) to
//!          SOCIAL_MESSAGE_CHARS so the feed shows it without "See more"
//!
//! Gọi 111 (miễn phí, 24/7)
//! https://xa.gov.vn/PAGE/
//!
//! #ĐườngDâyNóng #MuaBánNgười     hashtags from the page's tags
//! ```
//!
//! The picture is the share card's square sibling (1080×1080, `print/social.typ`): title, the
//! hotline and the campaign mark, typeset by the print engine with the language's fonts and
//! cached by content the same way ([`super::share::picture`]). A page under review gets the
//! draft warning above its text (in its language and Vietnamese) and the draft band on its
//! picture (issue 11).

use super::print::Engine;
use super::share::{Card, picture};
use super::{Artifact, RenderContext, Renderer, for_each_page};
use crate::content::{Block, OutputKind, Page, Site};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::i18n::Strings;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

pub const TEXT: &str = "social.txt";
pub const PICTURE: &str = "social.png";

/// The message's length in characters: Facebook shows about this much of a post before "See
/// more", and Zalo's feed less; the title, hotline and address come on top.
pub const SOCIAL_MESSAGE_CHARS: usize = 280;
/// Hashtags a post carries: more reads as spam and buries the message.
pub const MAX_HASHTAGS: usize = 5;

/// The square picture of a feed post (Facebook and Zalo show 1080×1080 at full width).
pub(crate) const SOCIAL_CARD: Card = Card { template: "social", width_px: 1080.0, height_px: 1080.0, called: "social" };

pub struct SocialRenderer {
    /// `None` only when the site has no print engine; the text is written anyway.
    engine: Option<Arc<Engine>>,
    cache: Option<Arc<Cache>>,
}

impl SocialRenderer {
    pub fn new(engine: Option<Arc<Engine>>, cache: Option<Arc<Cache>>) -> Self {
        SocialRenderer { engine, cache }
    }
}

impl Renderer for SocialRenderer {
    fn name(&self) -> &'static str {
        "social"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        for_each_page(cx, OutputKind::Social, |id| {
            let page = cx.site.page(id);
            let text = post(cx.site, cx.i18n.strings(page.lang()), cx.i18n.strings("vi"), page);
            let rel = format!("{}{TEXT}", page.url_path());
            out.put(&rel, text.as_bytes()).map_err(|d| d.in_file(&page.info.shown))?;
            let mut made = vec![Artifact::new(id, OutputKind::Social, rel, text.len() as u64)];
            if let Some(engine) = &self.engine {
                let png = picture(engine, self.cache.as_deref(), cx, page, &SOCIAL_CARD)?;
                let rel = format!("{}{PICTURE}", page.url_path());
                png.put(out, &rel).map_err(|d| d.in_file(&page.info.shown))?;
                made.push(Artifact::new(id, OutputKind::Social, rel, png.bytes.len() as u64));
            }
            Ok(made)
        })
    }
}

/// The text of `social.txt` (`vi` gives the Vietnamese half of a draft's warning).
pub fn post(site: &Site, strings: &Strings, vi: &Strings, page: &Page) -> String {
    let get = |s: &Strings, k: &str| s.get(k).cloned().unwrap_or_default();
    let mut lines: Vec<String> = Vec::new();
    if page.needs_review() {
        let (own, vi) = (get(strings, "social_draft"), get(vi, "social_draft"));
        lines.push(own.clone());
        if vi != own {
            lines.push(vi);
        }
        lines.push(String::new());
    }
    lines.push(page.title().trim().to_string());
    let message = message(page);
    if !message.is_empty() {
        lines.push(String::new());
        lines.push(message);
    }
    lines.push(String::new());
    let number = &site.config.hotline.number;
    lines.push(format!("{} {number} ({})", get(strings, "hotline_call"), get(strings, "hotline_free")));
    lines.push(site.permalink(&page.url_path()));
    let tags = hashtags(&page.fm.tags);
    if !tags.is_empty() {
        lines.push(String::new());
        lines.push(tags.join(" "));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text.nfc().collect()
}

/// The description, else the first paragraph, shortened to [`SOCIAL_MESSAGE_CHARS`].
fn message(page: &Page) -> String {
    let source = match page.fm.description.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => d.to_string(),
        None => page
            .body()
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph { content } => Some(crate::content::body::plain_text(content)),
                _ => None,
            })
            .unwrap_or_default(),
    };
    shorten(&source.split_whitespace().collect::<Vec<_>>().join(" "), SOCIAL_MESSAGE_CHARS)
}

/// `text` cut to at most `max` characters: after the last whole sentence that fits, else at the
/// last space with "…". Never inside a word, so no letter loses its marks.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let sentence_end = head
        .char_indices()
        .filter(|&(i, c)| matches!(c, '.' | '!' | '?') && head[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8())
        .next_back();
    if let Some(end) = sentence_end.filter(|&e| e >= head.len() / 3) {
        return head[..end].to_string();
    }
    let room: String = text.chars().take(max.saturating_sub(1)).collect();
    match room.rfind(' ') {
        Some(space) => format!("{}…", room[..space].trim_end_matches([',', ';', ':', ' '])),
        None => format!("{room}…"),
    }
}

/// Hashtags from tags, as networks link them: the words of a tag joined, each starting with a
/// capital (`đường dây nóng` → `#ĐườngDâyNóng`, readable and read out word by word by screen
/// readers), diacritics kept, punctuation dropped (it ends a hashtag). A tag of digits only
/// (`111`) is left out: Facebook and Zalo do not link it.
pub fn hashtags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let word: String = tag
            .nfc()
            .collect::<String>()
            .split(|c: char| c.is_whitespace() || ends_hashtag(c))
            .filter(|w| !w.is_empty())
            .map(capitalised)
            .collect();
        let linked = word.chars().any(|c| !c.is_ascii_digit());
        let tag = format!("#{word}");
        if linked && !out.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            out.push(tag);
        }
        if out.len() == MAX_HASHTAGS {
            break;
        }
    }
    out
}

/// Punctuation and symbols, which end a hashtag on every network (`_` is kept).
fn ends_hashtag(c: char) -> bool {
    (c.is_ascii_punctuation() && c != '_')
        || ('\u{2000}'..='\u{206F}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || matches!(c, '«' | '»' | '¡' | '¿' | '·' | '×' | '÷')
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashtags_keep_diacritics_and_drop_what_networks_do_not_link() {
        let tags: Vec<String> =
            ["đường dây nóng", "111", "mua bán người", "Đường dây nóng", "30/7", "Tiv thaiv", "ꪼꪕ ꪒꪾ", "a-b"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        assert_eq!(hashtags(&tags), ["#ĐườngDâyNóng", "#MuaBánNgười", "#TivThaiv", "#ꪼꪕꪒꪾ", "#AB"]);
        // Decomposed input comes out composed (NFC), so the tag matches what people type.
        assert_eq!(hashtags(&["Ho\u{302}\u{323}i".to_string()]), ["#Hội"]);
    }

    #[test]
    fn messages_are_cut_at_a_sentence_or_a_word() {
        let s = "Một câu ngắn. Câu thứ hai dài hơn một chút nữa.";
        assert_eq!(shorten(s, 100), s);
        assert_eq!(shorten(s, 30), "Một câu ngắn.");
        let words = "Người lạ hứa việc nhẹ lương cao ở nước ngoài";
        let cut = shorten(words, 20);
        assert_eq!(cut, "Người lạ hứa việc…");
        assert!(cut.chars().count() <= 20);
        assert!(words.starts_with(cut.trim_end_matches('…')), "never inside a word");
    }
}
