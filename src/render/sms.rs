//! SMS texts: `PATH/NAME/sms.txt` for every page whose `outputs` include `sms`.
//!
//! The message is the page's front matter `sms:` or, when absent, derived from the title and the
//! hotline (`TITLE. Gọi 111 (miễn phí, 24/7)` with the language's interface strings). The file
//! gives, in the page's language, the message, its encoding (GSM-7 or UCS-2), its length and the
//! number of SMS parts, counted as the network counts them ([`crate::text::sms_encoding`]).
//!
//! For Vietnamese it also gives the variant without diacritics, which is what most campaigns send
//! (any diacritic makes the message UCS-2: 70 characters instead of 160). That variant also turns
//! typographic punctuation into its GSM-7 look-alike (“ ” → ", – — → -, … → ...), which would
//! otherwise keep it in UCS-2. The budget (`sms.budget_parts`, default 1) applies to the message
//! that is sent: the variant without diacritics for Vietnamese, the message itself otherwise.
//!
//! `sms:` keeps the author's line breaks (phones show them; a line break is one GSM-7 character
//! and one UCS-2 unit, and counts as such); spaces within a line are tidied, blank lines at the
//! start and end dropped. "Characters" in the file are characters as a reader counts them; what
//! the network counts (septets, UTF-16 units: an emoji is 2) is given apart, and how much to cut
//! is counted in characters.
//!
//! **Drafts** (issue 11): for a page under review the file opens with the draft warning
//! (`sms_draft`, in the page's language and in Vietnamese) and repeats it right above the message,
//! where the officer copies from; the message itself stays as it would be sent, so its length is
//! true.

use crate::content::{OutputKind, Page, Site};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::i18n::{I18n, Strings};
use crate::msg;
use crate::render::{Artifact, RenderContext, Renderer, Scope, for_each_page};
use crate::text::deaccent::deaccent;
use crate::text::sms_encoding::{Measure, measure};
use unicode_normalization::UnicodeNormalization;

pub const FILE: &str = "sms.txt";

pub struct SmsRenderer;

impl Renderer for SmsRenderer {
    fn name(&self) -> &'static str {
        "sms"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        for_each_page(cx, OutputKind::Sms, |id| {
            let page = cx.site.page(id);
            let (text, parts) = sms_file(cx.site, cx.i18n.strings(page.lang()), cx.i18n.strings("vi"), page);
            let rel = format!("{}{FILE}", page.url_path());
            out.put(&rel, text.as_bytes()).map_err(|d| d.in_file(&page.info.shown))?;
            let facts = crate::render::Facts { sms_parts: Some(parts as u32), ..Default::default() };
            Ok(vec![Artifact::new(id, OutputKind::Sms, rel, text.len() as u64).with(facts)])
        })
    }
}

/// A page's message, as written and as sent.
pub struct Message {
    pub written: String,
    /// What the campaign sends: without diacritics for Vietnamese; `None` when it is `written`.
    pub plain: Option<String>,
    /// Whether the text came from front matter `sms:` (otherwise derived).
    pub from_front_matter: bool,
}

impl Message {
    pub fn sent(&self) -> &str {
        self.plain.as_deref().unwrap_or(&self.written)
    }
}

pub fn message(site: &Site, strings: &Strings, page: &Page) -> Message {
    let written = match &page.fm.sms {
        Some(text) => keep_line_breaks(text),
        None => format!(
            "{}. {} {} ({})",
            page.title().trim_end_matches(['.', '!', '?']),
            get(strings, "hotline_call"),
            site.config.hotline.number,
            get(strings, "hotline_free")
        ),
    };
    let written: String = written.nfc().collect();
    let is_vi = page.lang().split('-').next() == Some("vi");
    let plain = if is_vi { Some(gsm_punctuation(&deaccent(&written))) } else { None };
    let plain = match plain {
        Some(p) => Some(p),
        None => {
            let folded = gsm_punctuation(&written);
            (folded != written).then_some(folded)
        }
    };
    Message { written, plain, from_front_matter: page.fm.sms.is_some() }
}

/// The author's lines, each with its spaces tidied; blank lines at the ends dropped.
fn keep_line_breaks(text: &str) -> String {
    let lines: Vec<String> = text.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !l.is_empty()).map_or(first, |i| i + 1);
    lines[first..last].join("\n")
}

/// Typographic punctuation → the GSM-7 character that looks alike.
pub fn gsm_punctuation(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '“' | '”' | '„' | '«' | '»' => out.push('"'),
            '‘' | '’' | '‚' => out.push('\''),
            '–' | '—' | '‒' | '−' => out.push('-'),
            '…' => out.push_str("..."),
            '\u{a0}' | '\u{202f}' => out.push(' '),
            other => out.push(other),
        }
    }
    out
}

fn get<'a>(strings: &'a Strings, key: &'a str) -> &'a str {
    strings.get(key).map(String::as_str).unwrap_or(key)
}

fn fill(template: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(template.to_string(), |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v))
}

fn stats(strings: &Strings, m: &Measure) -> String {
    fill(
        get(strings, "sms_stats"),
        &[
            ("encoding", m.encoding.name().to_string()),
            ("chars", m.chars.to_string()),
            ("units", m.units.to_string()),
            ("capacity", Measure::capacity(m.encoding, m.parts.max(1)).to_string()),
            ("parts", m.parts.to_string()),
        ],
    )
}

/// Characters to cut from the end of `text` so it fits in `budget` parts (0 when it fits).
pub fn over_budget(text: &str, budget: u32) -> usize {
    crate::text::sms_encoding::chars_over(text, budget.max(1) as usize)
}

fn budget_line(strings: &Strings, text: &str, budget: u32) -> String {
    let over = over_budget(text, budget);
    let key = if over == 0 { "sms_budget_ok" } else { "sms_budget_over" };
    fill(get(strings, key), &[("budget", budget.to_string()), ("over", over.to_string())])
}

/// The text of `sms.txt` (NFC, in the page's language; `vi_strings` give the Vietnamese half of
/// a draft's warning), and the SMS parts of the message as it is sent.
pub fn sms_file(site: &Site, strings: &Strings, vi_strings: &Strings, page: &Page) -> (String, usize) {
    let msg = message(site, strings, page);
    let budget = site.config.sms.budget_parts;
    let draft = if page.needs_review() { draft_warning(strings, vi_strings) } else { String::new() };
    let mut s = draft.clone();
    s.push_str(&format!("{}: {}\n\n", get(strings, "sms_heading"), page.title()));
    match msg.plain.as_ref().filter(|p| **p != msg.written) {
        Some(plain) => {
            let (written, sent) = (measure(&msg.written), measure(plain));
            s.push_str(&format!("{}:\n{}\n{}\n\n", get(strings, "sms_written"), msg.written, stats(strings, &written)));
            s.push_str(&format!("{}:\n{draft}{plain}\n{}\n", get(strings, "sms_plain"), stats(strings, &sent)));
            s.push_str(&format!("{}\n", budget_line(strings, plain, budget)));
        }
        None => {
            let m = measure(&msg.written);
            s.push_str(&format!("{}:\n{draft}{}\n{}\n", get(strings, "sms_message"), msg.written, stats(strings, &m)));
            s.push_str(&format!("{}\n", budget_line(strings, &msg.written, budget)));
        }
    }
    (s.nfc().collect(), measure(msg.sent()).parts)
}

/// The draft warning lines: the page's language, then Vietnamese (once when they are the same).
fn draft_warning(strings: &Strings, vi_strings: &Strings) -> String {
    let (own, vi) = (get(strings, "sms_draft"), get(vi_strings, "sms_draft"));
    if own == vi { format!("{own}\n") } else { format!("{own}\n{vi}\n") }
}

/// `loa check`: messages that need more parts than `sms.budget_parts` (warnings at the `sms:` line).
pub fn budget_diagnostics(site: &Site, i18n: &I18n, scope: &Scope) -> Vec<Diagnostic> {
    let budget = site.config.sms.budget_parts;
    site.pages
        .iter()
        .enumerate()
        .filter(|&(id, p)| scope.includes(id) && p.wants(OutputKind::Sms))
        .filter_map(|(_, page)| {
            let msg = message(site, i18n.strings(page.lang()), page);
            let m = measure(msg.sent());
            let over = over_budget(msg.sent(), budget);
            if over == 0 {
                return None;
            }
            let plain = msg.plain.is_some() && page.lang().starts_with("vi");
            let key = if msg.from_front_matter { "sms" } else { "title" };
            let hint = if msg.from_front_matter {
                msg!("sms-shorten-hint", over = over)
            } else {
                msg!("sms-from-title-hint", capacity = Measure::capacity(m.encoding, budget.max(1) as usize))
            };
            let args = (m.parts, m.chars, m.units, m.encoding.name(), budget.to_string());
            let message = if plain {
                msg!(
                    "sms-too-long-plain",
                    parts = args.0,
                    chars = args.1,
                    units = args.2,
                    encoding = args.3,
                    budget = args.4
                )
            } else {
                msg!("sms-too-long", parts = args.0, chars = args.1, units = args.2, encoding = args.3, budget = args.4)
            };
            let d = Diagnostic::warning("sms-budget", message).in_file(&page.info.shown).with_hint(hint);
            Some(match super::source_line::key_position_in_file(&site.root, &page.info.shown, key) {
                Some((l, c)) => d.at(l, c),
                None => d,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::sms_encoding::Encoding;

    #[test]
    fn typography_folds_to_gsm() {
        let folded = gsm_punctuation("“Gọi 111” – ngay…");
        assert_eq!(folded, "\"Gọi 111\" - ngay...");
        assert_eq!(measure(&deaccent(&folded)).encoding, Encoding::Gsm7);
    }

    #[test]
    fn budget_overflow_in_characters() {
        let a = "a".repeat(170);
        assert_eq!(over_budget(&a, 1), 10);
        assert_eq!(over_budget(&a, 2), 0);
        assert_eq!(over_budget(&"á".repeat(70), 1), 0);
        assert_eq!(over_budget(&"á".repeat(70), 0), 0, "a budget of 0 parts is read as 1");
    }

    /// Issue 15: what to cut is said in characters, not in units: 36 emoji are 72 UCS-2 units,
    /// 2 over one SMS, and cutting one emoji (one character) is enough.
    #[test]
    fn budget_overflow_counts_characters_not_units() {
        let emoji = "📢".repeat(36);
        assert_eq!(measure(&emoji).units, 72);
        assert_eq!(over_budget(&emoji, 1), 1);
        // GSM-7: a € takes two septets; 80 of them are 160 characters' worth + 0.
        let euros = "€".repeat(81);
        assert_eq!(over_budget(&euros, 1), 1);
    }

    /// Issue 15: the author's line breaks stay (a newline is one GSM-7 character).
    #[test]
    fn line_breaks_are_kept() {
        assert_eq!(keep_line_breaks("  Goi 111\n\n  mien   phi \n\n"), "Goi 111\n\nmien phi");
        let m = measure("Goi 111\nmien phi");
        assert_eq!((m.encoding, m.units), (crate::text::sms_encoding::Encoding::Gsm7, 16));
    }
}
