//! Loudspeaker scripts: `PATH/NAME/broadcast.txt` for every page whose `outputs` include
//! `broadcast`, and one bulletin per section and language.
//!
//! A script is plain UTF-8 text in NFC, in the page's language, ready to paste into a
//! text-to-speech system or to hand to an announcer. It holds only words to be said:
//!
//! ```text
//! opening formula (i18n `broadcast_open`, with the issuer from loa.yaml)
//! title
//! body (see [`script`]), numbers in words (see [`crate::text::vi_reader`])
//! hotline sentence (i18n `broadcast_hotline`)
//! … repeated `broadcast: {repeat: N}` times, introduced by `broadcast_repeat` …
//! closing formula (i18n `broadcast_close`)
//! ```
//!
//! **What a voice must not say** stays out of the script: the reading time (at
//! `broadcast.syllables_per_second`), the syllable count and the source file go into
//! `broadcast-info.txt` beside it (`bulletin-info.txt` for a bulletin, with the running order),
//! for the station officer who plans the slot.
//!
//! **Drafts** (issue 11): the script of a page under review (`review: {status: draft}`) is not a
//! script to broadcast, and must not pass for one even when pasted into a voice as it is. It opens
//! and ends with the draft notice (`broadcast_draft`) in the page's language and in Vietnamese, as
//! sentences that are read out: an announcer, an officer or a listener hears at once that it is
//! not final. Its info file says so too. A bulletin that strings together any draft page is a
//! draft the same way.
//!
//! **Bulletins.** For each section (the home counts) and each language, `SECTION/bulletin.txt`
//! strings together, in listing order, every broadcast page of the section in that language: the
//! section's own page first if it asks for `broadcast`, then its children. Paths: `bulletin.txt`
//! at the root of OUT for the home section in the default language, `hmn/bulletin.txt` for Hmong,
//! `huong-dan/bulletin.txt` for a section `content/huong-dan/`. A language with no broadcast page
//! in the section gets no bulletin; untranslated pages are left out (a bulletin speaks one
//! language) and a page's `repeat` is ignored there (the bulletin itself is the slot).
//!
//! **Cache** (issue 16). Speaking a page (numbers, abbreviations and dates into words) is most
//! of a script's cost: 0.5 ms of CPU a page of the bench corpus, where writing the script
//! around it takes 0.08 ms; and a bulletin speaks each of its pages again. A page's spoken lines
//! are kept in `.loa-cache/broadcast/` by a hash of all they depend on ([`Voice::lines_key`]),
//! for its script and its bulletins alike.

pub mod script;

use crate::content::{OutputKind, Page, PageId, Site};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::i18n::{I18n, Strings};
use crate::msg;
use crate::render::{Artifact, Facts, RenderContext, Renderer, Scope, for_each_page};
use crate::text::speak::Speaker;
use script::{Ear, Lines, body_lines, push_sentence, seconds, syllables};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

pub const FILE: &str = "broadcast.txt";
pub const BULLETIN: &str = "bulletin.txt";
/// Beside each script: its reading time and what else the station needs, never read aloud.
pub const INFO: &str = "broadcast-info.txt";
pub const BULLETIN_INFO: &str = "bulletin-info.txt";

pub struct BroadcastRenderer {
    cache: Option<std::sync::Arc<Cache>>,
}

impl BroadcastRenderer {
    pub fn new(cache: Option<std::sync::Arc<Cache>>) -> Self {
        BroadcastRenderer { cache }
    }
}

/// The cache folder of spoken lines.
const CACHE_FOLDER: &str = "broadcast";
/// Changes whenever the code speaks or splits a page differently (the readers in `src/text/`,
/// [`script`]): the key holds the loa version too.
const LINES_FORMAT: &str = "broadcast-lines-1";

impl Renderer for BroadcastRenderer {
    fn name(&self) -> &'static str {
        "broadcast"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let mut artifacts = for_each_page(cx, OutputKind::Broadcast, |id| {
            let page = cx.site.page(id);
            let script = page_script_cached(cx.site, cx.i18n, self.cache.as_deref(), page);
            let text = script.text();
            let rel = format!("{}{FILE}", page.url_path());
            let info = script.info(&[(page.title(), script.seconds)]);
            out.put(&rel, text.as_bytes()).map_err(|d| d.in_file(&page.info.shown))?;
            out.put(&format!("{}{INFO}", page.url_path()), info.as_bytes()).map_err(|d| d.in_file(&page.info.shown))?;
            let facts = Facts { seconds: Some(script.seconds), ..Facts::default() };
            Ok(vec![Artifact::new(id, OutputKind::Broadcast, rel, text.len() as u64).with(facts)])
        })?;
        let mut errors = Vec::new();
        for bulletin in bulletins_cached(cx.site, cx.i18n, self.cache.as_deref(), cx.scope) {
            let text = bulletin.script.text();
            let info_rel = format!("{}{BULLETIN_INFO}", bulletin.rel.strip_suffix(BULLETIN).unwrap_or(""));
            let items: Vec<(&str, u64)> = bulletin.items.iter().map(|(t, s)| (t.as_str(), *s)).collect();
            if let Err(d) = out.put(&info_rel, bulletin.script.info(&items).as_bytes()) {
                errors.push(d);
            }
            match out.put(&bulletin.rel, text.as_bytes()) {
                Ok(()) => artifacts.extend(bulletin.page.map(|page| {
                    let other_lang = cx.site.page(page).lang() != bulletin.lang;
                    let facts = Facts {
                        seconds: Some(bulletin.script.seconds),
                        lang: other_lang.then(|| bulletin.lang.clone()),
                        draft: bulletin.pages.iter().any(|&id| cx.site.page(id).needs_review()),
                        ..Facts::default()
                    };
                    Artifact::new(page, OutputKind::Bulletin, bulletin.rel.clone(), text.len() as u64).with(facts)
                })),
                Err(d) => errors.push(d),
            }
        }
        if errors.is_empty() { Ok(artifacts) } else { Err(errors) }
    }
}

/// A finished script: the spoken lines, their reading time, and the draft notice if any.
pub struct Script {
    pub lines: Lines,
    pub seconds: u64,
    pub syllables: usize,
    /// Spoken at the start and the end of a draft's script (issue 11); empty for a final one.
    pub draft_notice: Lines,
    /// The info file's lines before the running order: heading, reading time, draft warning.
    info_head: Vec<String>,
    item_line: String,
}

impl Script {
    fn new(lines: Lines, voice: &Voice<'_>, heading: &str, draft: bool) -> Script {
        let syllables = syllables(&lines);
        let pace = voice.site.config.broadcast.syllables_per_second;
        let seconds = seconds(syllables, pace);
        let duration = fill(
            text(voice.strings, "broadcast_duration"),
            &[
                ("minutes", &(seconds / 60).to_string()),
                ("seconds", &(seconds % 60).to_string()),
                ("syllables", &syllables.to_string()),
                ("pace", &format_pace(pace)),
            ],
        );
        let draft_notice = if draft { voice.draft_notice() } else { Lines::new() };
        let mut info_head = vec![heading.to_string()];
        if draft {
            info_head.extend(voice.draft_written());
        }
        info_head.push(duration);
        info_head.push(text(voice.strings, "broadcast_info_text").to_string());
        Script {
            lines,
            seconds,
            syllables,
            draft_notice,
            info_head,
            item_line: text(voice.strings, "broadcast_info_item").to_string(),
        }
    }

    /// The file's text: only what is said (a draft's notice first and last); NFC, one line per
    /// sentence, blank lines as pauses, ending with a newline.
    pub fn text(&self) -> String {
        let mut s = String::new();
        let mut push = |line: &str| {
            s.push_str(line);
            s.push('\n');
        };
        let notice = !self.draft_notice.is_empty();
        if notice {
            self.draft_notice.iter().for_each(|l| push(l));
            push("");
        }
        self.lines.iter().for_each(|l| push(l));
        if notice {
            push("");
            self.draft_notice.iter().for_each(|l| push(l));
        }
        s.nfc().collect()
    }

    /// The info file: heading, draft warning, reading time, where the words are, and the
    /// running order with each item's reading time (`items`: title, seconds).
    pub fn info(&self, items: &[(&str, u64)]) -> String {
        let mut s = String::new();
        for line in &self.info_head {
            s.push_str(line);
            s.push('\n');
        }
        if items.len() > 1 {
            s.push('\n');
            for (n, (title, secs)) in items.iter().enumerate() {
                let line = fill(
                    &self.item_line,
                    &[
                        ("n", &(n + 1).to_string()),
                        ("title", title),
                        ("minutes", &(secs / 60).to_string()),
                        ("seconds", &(secs % 60).to_string()),
                    ],
                );
                s.push_str(&line);
                s.push('\n');
            }
        }
        s.nfc().collect()
    }
}

fn format_pace(pace: f64) -> String {
    if pace.fract() == 0.0 { format!("{pace:.0}") } else { format!("{pace}") }
}

/// How a language's script is voiced: its own speaker for the page text, and the Vietnamese one
/// for interface strings the language borrows from `vi.yaml` (a language without its own
/// `broadcast_*` strings, such as Tai Dam today, falls back to Vietnamese sentences, and their
/// "111" and "24/7" must still be read the Vietnamese way).
struct Voice<'a> {
    site: &'a Site,
    lang: &'a str,
    strings: &'a Strings,
    vi_strings: &'a Strings,
    own: Speaker,
    vi: Speaker,
    /// Where spoken lines are kept, and the part of their key this voice decides.
    cache: Option<(&'a Cache, String)>,
}

/// The draft notice in the page's language and in Vietnamese (once when they are the same).
fn draft_texts<'a>(strings: &'a Strings, vi_strings: &'a Strings, key: &str) -> Vec<&'a str> {
    let (own, vi) = (text(strings, key), text(vi_strings, key));
    let mut out = vec![own];
    if vi != own {
        out.push(vi);
    }
    out.retain(|t| !t.is_empty());
    out
}

impl<'a> Voice<'a> {
    fn new(site: &'a Site, i18n: &'a I18n, lang: &'a str, cache: Option<&'a Cache>) -> Voice<'a> {
        let strings = i18n.strings(lang);
        let vi_strings = i18n.strings("vi");
        Voice {
            site,
            lang,
            strings,
            vi_strings,
            own: speaker(site, strings, lang),
            vi: speaker(site, vi_strings, "vi"),
            cache: cache.and_then(|c| Some((c, voice_key(site, lang, strings, vi_strings)?))),
        }
    }

    /// The interface string `key` filled in and spoken.
    fn say(&self, key: &str, values: &[(&str, &str)]) -> String {
        let template = text(self.strings, key);
        let borrowed =
            self.lang.split('-').next() != Some("vi") && !template.is_empty() && text(self.vi_strings, key) == template;
        let filled = fill(template, values);
        if borrowed { self.vi.speak(&filled) } else { self.own.speak(&filled) }
    }

    fn frame(&self, key: &str) -> String {
        let config = &self.site.config;
        let issuer = config.issuer.as_deref().unwrap_or_else(|| config.title_in(self.lang));
        self.say(key, &[("issuer", issuer)])
    }

    /// The draft notice as spoken lines: the page's language, then Vietnamese.
    fn draft_notice(&self) -> Lines {
        let (own, vi) = (text(self.strings, "broadcast_draft"), text(self.vi_strings, "broadcast_draft"));
        let mut lines = Lines::new();
        // A language without a notice of its own borrows the Vietnamese one: said once.
        if !own.is_empty() && own != vi {
            lines.push(self.own.speak(own));
        }
        if !vi.is_empty() {
            lines.push(self.vi.speak(vi));
        }
        lines
    }

    /// The draft warning as written for the info file, in the page's language and Vietnamese.
    fn draft_written(&self) -> Vec<String> {
        draft_texts(self.strings, self.vi_strings, "broadcast_draft").into_iter().map(str::to_string).collect()
    }

    /// The words a page contributes (title, body, hotline), already spoken: from the cache
    /// when an earlier build spoke the same page the same way.
    fn page_lines(&self, page: &Page) -> Lines {
        let Some((cache, name)) =
            self.cache.as_ref().and_then(|(c, v)| Some((c, format!("{}.json", self.lines_key(v, page)?))))
        else {
            return self.speak_page(page);
        };
        let cached = cache.read(CACHE_FOLDER, &name).and_then(|json| serde_json::from_slice::<Lines>(&json).ok());
        if let Some(lines) = cached {
            return lines;
        }
        let lines = self.speak_page(page);
        if let Ok(json) = serde_json::to_vec(&lines) {
            cache.store(CACHE_FOLDER, &name, &json);
        }
        lines
    }

    /// The key of a page's lines: this voice's part (`voice`, see [`voice_key`]) and what
    /// [`Voice::speak_page`] reads of the page, its title and body.
    fn lines_key(&self, voice: &str, page: &Page) -> Option<String> {
        let body = serde_json::to_vec(&page.body().blocks).ok()?;
        Some(crate::fs::cache::key_of(&[voice.as_bytes(), page.title().as_bytes(), &body]))
    }

    fn speak_page(&self, page: &Page) -> Lines {
        let mut raw = Lines::new();
        push_sentence(page.title(), &mut raw);
        raw.push(String::new());
        let ear = Ear::new(&self.own, text(self.strings, "broadcast_web_only"));
        raw.extend(body_lines(&page.body().blocks, &ear));
        let mut lines: Lines = raw.iter().map(|l| self.own.speak(l)).collect();
        lines.push(String::new());
        lines.push(script::sentence(&self.say("broadcast_hotline", &[("hotline", &self.site.config.hotline.number)])));
        lines
    }
}

/// What a voice's speaking depends on besides the page: the language, its interface strings
/// and the Vietnamese ones (the speakers' number words, the web-only and hotline sentences, a
/// borrowed Vietnamese sentence), the official numbers (read digit by digit) and the code.
fn voice_key(site: &Site, lang: &str, strings: &Strings, vi_strings: &Strings) -> Option<String> {
    let hotline = serde_json::to_vec(&(&site.config.hotline.number, &site.config.hotline.others)).ok()?;
    let (own, vi) = (serde_json::to_vec(strings).ok()?, serde_json::to_vec(vi_strings).ok()?);
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    Some(crate::fs::cache::key_of(&[LINES_FORMAT.as_bytes(), version, lang.as_bytes(), &own, &vi, &hotline]))
}

/// The script of one page, repeated as its front matter asks.
pub fn page_script(site: &Site, i18n: &I18n, page: &Page) -> Script {
    page_script_cached(site, i18n, None, page)
}

/// [`page_script`], its spoken lines from `cache` when an earlier build made them.
fn page_script_cached(site: &Site, i18n: &I18n, cache: Option<&Cache>, page: &Page) -> Script {
    let voice = Voice::new(site, i18n, page.lang(), cache);
    let repeat = page.fm.broadcast.as_ref().map_or(1, |b| b.repeat.max(1));
    let mut lines = vec![voice.frame("broadcast_open"), String::new()];
    let once = voice.page_lines(page);
    for n in 0..repeat {
        if n > 0 {
            lines.push(String::new());
            lines.push(voice.say("broadcast_repeat", &[]));
            lines.push(String::new());
        }
        lines.extend(once.iter().cloned());
    }
    lines.push(String::new());
    lines.push(voice.frame("broadcast_close"));
    let heading = format!("{}: {}", text(voice.strings, "broadcast_info_heading"), page.title());
    Script::new(lines, &voice, &heading, page.needs_review())
}

pub fn speaker(site: &Site, strings: &Strings, lang: &str) -> Speaker {
    let hotline = &site.config.hotline;
    let official = std::iter::once(&hotline.number).chain(&hotline.others).map(|n| digits_only(n)).collect();
    Speaker::new(lang, strings, official)
}

fn digits_only(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn text<'a>(strings: &'a Strings, key: &str) -> &'a str {
    strings.get(key).map(String::as_str).unwrap_or("")
}

/// Replaces `{name}` placeholders.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(template.to_string(), |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v))
}

pub struct Bulletin {
    pub rel: String,
    pub lang: String,
    pub pages: Vec<PageId>,
    pub script: Script,
    /// The running order for the info file: each page's title and reading time.
    pub items: Vec<(String, u64)>,
    /// The section's page the bulletin belongs to: in its language, else in the default
    /// language (a section without a page of its own in the bulletin's language).
    pub page: Option<PageId>,
}

/// Every bulletin of the site, sorted by path.
pub fn bulletins(site: &Site, i18n: &I18n) -> Vec<Bulletin> {
    bulletins_cached(site, i18n, None, &Scope::All)
}

/// [`bulletins`] of the sections that hold a page in `scope` (each reads out all its pages, so
/// an edit while serving makes again only its own section's, issue 16), each page's spoken
/// lines from `cache` when an earlier build made them.
fn bulletins_cached(site: &Site, i18n: &I18n, cache: Option<&Cache>, scope: &Scope) -> Vec<Bulletin> {
    use rayon::prelude::*;
    let touched: Option<HashSet<&str>> = scope.pages().map(|ids| {
        ids.iter()
            .flat_map(|&id| {
                let key = site.page(id).key();
                std::iter::once(key).chain(site.index.parent_of(key))
            })
            .collect()
    });
    let jobs: Vec<(&str, &str)> = site
        .index
        .section_keys()
        .filter(|s| touched.as_ref().is_none_or(|t| t.contains(s)))
        .flat_map(|s| site.config.languages.iter().map(move |l| (s, l.code.as_str())))
        .collect();
    let mut out: Vec<Bulletin> =
        jobs.par_iter().filter_map(|(section, lang)| bulletin(site, i18n, cache, section, lang)).collect();
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn bulletin(site: &Site, i18n: &I18n, cache: Option<&Cache>, section: &str, lang: &str) -> Option<Bulletin> {
    let own = site.index.find(&site.pages, section, lang);
    let children = site.listing(section, lang).into_iter().filter(|e| !e.fallback).map(|e| e.id);
    let pages: Vec<PageId> =
        own.into_iter().chain(children).filter(|&id| site.page(id).wants(OutputKind::Broadcast)).collect();
    if pages.is_empty() {
        return None;
    }
    let voice = Voice::new(site, i18n, lang, cache);
    let mut lines = vec![voice.frame("broadcast_open"), String::new()];
    let mut items = Vec::new();
    let pace = site.config.broadcast.syllables_per_second;
    for (n, &id) in pages.iter().enumerate() {
        if n > 0 {
            lines.push(String::new());
            lines.push(voice.say("broadcast_next", &[]));
            lines.push(String::new());
        }
        let page_lines = voice.page_lines(site.page(id));
        items.push((site.page(id).title().to_string(), seconds(syllables(&page_lines), pace)));
        lines.extend(page_lines);
    }
    lines.push(String::new());
    lines.push(voice.frame("broadcast_close"));
    let page = own.or_else(|| site.index.find(&site.pages, section, site.default_lang()));
    let draft = pages.iter().any(|&id| site.page(id).needs_review());
    let section_title = own.map_or(site.config.title_in(lang), |id| site.page(id).title());
    let heading = format!("{}: {section_title}", text(voice.strings, "bulletin_info_heading"));
    Some(Bulletin {
        rel: format!("{}{BULLETIN}", section_dir(site, section, lang)?),
        lang: lang.to_string(),
        pages,
        script: Script::new(lines, &voice, &heading, draft),
        items,
        page,
    })
}

/// The section's folder under OUT in `lang`, with a trailing slash ("" for the default home).
fn section_dir(site: &Site, section: &str, lang: &str) -> Option<String> {
    if let Some(id) = site.index.find(&site.pages, section, lang) {
        return Some(site.page(id).url_path());
    }
    let base = site.page(site.index.find(&site.pages, section, site.default_lang())?).url_path();
    let prefix = site.lang_prefix(lang);
    Some(if prefix.is_empty() { base } else { format!("{prefix}/{base}") })
}

/// How often the page asks for its script to be read (the hint names `repeat` when > 1).
fn repeats(page: &Page) -> u32 {
    page.fm.broadcast.as_ref().map_or(1, |b| b.repeat)
}

/// `loa check`: scripts longer than `broadcast.max_seconds` (warnings naming the page file).
pub fn budget_diagnostics(site: &Site, i18n: &I18n, scope: &Scope) -> Vec<Diagnostic> {
    let Some(max) = site.config.broadcast.max_seconds else { return Vec::new() };
    site.pages
        .iter()
        .enumerate()
        .filter(|&(id, p)| scope.includes(id) && p.wants(OutputKind::Broadcast))
        .filter_map(|(_, page)| {
            let script = page_script(site, i18n, page);
            (script.seconds > u64::from(max)).then(|| {
                let line = super::source_line::key_position_in_file(&site.root, &page.info.shown, "broadcast")
                    .or_else(|| super::source_line::key_position_in_file(&site.root, &page.info.shown, "title"));
                let d = Diagnostic::warning(
                    "broadcast-length",
                    msg!("broadcast-too-long", seconds = script.seconds, max = max.to_string()),
                )
                .in_file(&page.info.shown)
                .with_hint({
                    let pace = format_pace(site.config.broadcast.syllables_per_second);
                    let fits = (f64::from(max) * site.config.broadcast.syllables_per_second) as u64;
                    let (max, syllables) = (max.to_string(), script.syllables);
                    match repeats(page) {
                        1 => {
                            msg!("broadcast-too-long-hint", pace = pace, max = max, fits = fits, syllables = syllables)
                        }
                        n => msg!(
                            "broadcast-too-long-repeat-hint",
                            times = n,
                            pace = pace,
                            max = max,
                            fits = fits,
                            syllables = syllables
                        ),
                    }
                });
                match line {
                    Some((l, c)) => d.at(l, c),
                    None => d,
                }
            })
        })
        .collect()
}
