//! What templates see: small serializable views made for them, never the internal model
//! (so a model refactor cannot silently break a user's template). All URLs here are relative
//! to the page being rendered, except `permalink`s.

use crate::content::links::relative_url;
use crate::content::{Entry, Page, PageId, Site};
use crate::i18n::I18n;
use crate::render::Artifact;
use serde::Serialize;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    /// The home of the current language.
    pub home_url: String,
    pub hotline: HotlineView<'a>,
    pub issuer: Option<&'a str>,
    pub languages: Vec<LanguageLink<'a>>,
    pub default_language: &'a str,
    /// The language's materials page (every PDF, script, SMS, the offline kit): issue 14.
    pub materials_url: String,
}

#[derive(Serialize)]
pub struct HotlineView<'a> {
    pub number: &'a str,
    pub tel: String,
}

#[derive(Serialize)]
pub struct LanguageLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<String>,
    /// `30/7/2026`, as people write dates here.
    pub date_text: Option<String>,
    pub lang: &'a str,
    /// Open Graph locale: `vi_VN`; languages without a region get `_VN` (the campaign's country).
    pub og_locale: String,
    /// Absolute URL of the page's `share.png`, when share cards are on.
    pub share_image: Option<String>,
    pub kind: &'static str,
    pub permalink: String,
    pub content: String,
    pub tags: Vec<TagLink<'a>>,
    /// Every version of this page, the current one included.
    pub translations: Vec<LanguageLink<'a>>,
    /// Every site language: this page's version where one exists, else that language's home
    /// (so a reader can always reach their language).
    pub languages: Vec<SwitcherLink<'a>>,
    /// Absolute URLs of every version, for `<link rel=alternate hreflang>`.
    pub alternates: Vec<Alternate<'a>>,
    pub review: Option<ReviewView<'a>>,
    pub downloads: Vec<Download>,
    pub word_count: usize,
}

#[derive(Serialize)]
pub struct SwitcherLink<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub url: String,
    pub current: bool,
    /// False when the link goes to the language's home because this page is not translated.
    pub translated: bool,
}

#[derive(Serialize)]
pub struct Alternate<'a> {
    pub lang: &'a str,
    pub href: String,
}

#[derive(Serialize)]
pub struct ReviewView<'a> {
    pub status: &'static str,
    pub by: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TagLink<'a> {
    pub name: &'a str,
    pub url: String,
}

#[derive(Serialize)]
pub struct Download {
    pub kind: &'static str,
    /// The i18n key of its name: `download_poster`, `download_poster_office`.
    pub label: String,
    pub url: String,
    pub size: String,
    /// Print copies: the paper in words and which copy it is ("A3 dọc · bản cho nhà in …").
    pub note: Option<String>,
    /// The page is a translation under review: the file is a draft, not to be printed.
    pub draft: bool,
}

#[derive(Serialize)]
pub struct ListItem<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<String>,
    pub url: String,
    pub lang: &'a str,
    /// Shown in the default language because this language has no version yet.
    pub fallback: bool,
    pub lang_name: &'a str,
    pub needs_review: bool,
}

#[derive(Serialize)]
pub struct Pager {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
}

pub fn site_view<'a>(site: &'a Site, lang: &'a str, from_dir: &str) -> SiteView<'a> {
    let c = &site.config;
    SiteView {
        title: c.title_in(lang),
        description: c.description_in(lang),
        base_url: &c.base_url,
        home_url: relative_url(from_dir, &lang_home(site, lang)),
        hotline: HotlineView { number: &c.hotline.number, tel: format!("tel:{}", c.hotline.number) },
        issuer: c.issuer.as_deref(),
        languages: c
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                url: relative_url(from_dir, &lang_home(site, &l.code)),
                current: l.code == lang,
            })
            .collect(),
        default_language: &c.default_language,
        materials_url: crate::render::kit::materials_url(site, lang, from_dir),
    }
}

/// `""` for the default language, `hmn/` otherwise.
pub fn lang_home(site: &Site, lang: &str) -> String {
    let prefix = site.lang_prefix(lang);
    if prefix.is_empty() { String::new() } else { format!("{prefix}/") }
}

/// `from` is the folder being rendered: the page's own, or a listing page `news/page/2`.
pub fn page_view<'a>(
    site: &'a Site,
    i18n: &I18n,
    id: PageId,
    from: &str,
    content: String,
    artifacts: &[Artifact],
) -> PageView<'a> {
    let page = &site.pages[id];
    let versions = site.index.translations(page.key());
    PageView {
        title: page.title(),
        description: page.fm.description.as_deref(),
        date: page.date.map(|d| d.iso()),
        date_text: page.date.map(|d| d.display()),
        lang: page.lang(),
        og_locale: og_locale(page.lang()),
        share_image: site.config.share_cards.then(|| format!("{}share.png", site.permalink(&page.url_path()))),
        kind: match page.kind() {
            crate::content::PageKind::Home => "home",
            crate::content::PageKind::Section => "section",
            crate::content::PageKind::Page => "page",
        },
        permalink: site.permalink(&page.url_path()),
        content,
        tags: tag_links(site, page, from),
        translations: versions
            .iter()
            .map(|&v| {
                let p = &site.pages[v];
                LanguageLink {
                    code: p.lang(),
                    name: site.config.language(p.lang()).map(|l| l.name.as_str()).unwrap_or(p.lang()),
                    url: relative_url(from, &p.url_path()),
                    current: v == id,
                }
            })
            .collect(),
        languages: site
            .config
            .languages
            .iter()
            .map(|l| {
                let version = versions.iter().copied().find(|&v| site.pages[v].lang() == l.code);
                let target = match version {
                    Some(v) => site.pages[v].url_path(),
                    None => lang_home(site, &l.code),
                };
                SwitcherLink {
                    code: &l.code,
                    name: &l.name,
                    url: relative_url(from, &target),
                    current: version == Some(id),
                    translated: version.is_some(),
                }
            })
            .collect(),
        alternates: versions
            .iter()
            .map(|&v| Alternate { lang: site.pages[v].lang(), href: site.permalink(&site.pages[v].url_path()) })
            .collect(),
        review: page.fm.review.as_ref().map(|r| ReviewView {
            status: if page.needs_review() { "draft" } else { "reviewed" },
            by: r.by.as_deref(),
        }),
        downloads: artifacts
            .iter()
            .filter(|a| a.is_download_of(site, id))
            .map(|a| download(i18n, page, a, from))
            .collect(),
        word_count: page.body.word_count,
    }
}

/// One file of the downloads list; print copies say their paper (issue 13) and drafts say so.
fn download(i18n: &I18n, page: &Page, a: &Artifact, from: &str) -> Download {
    let suffix = match &a.rel {
        r if r.ends_with("-office.pdf") => "_office",
        r if r.ends_with(".png") => "_picture",
        _ => "",
    };
    Download {
        kind: a.kind.name(),
        label: format!("download_{}{suffix}", a.kind.name()),
        url: relative_url(from, &a.rel),
        size: human_size(a.bytes),
        note: crate::render::print::download_note(i18n, page, a.kind, &a.rel),
        draft: page.needs_review(),
    }
}

fn tag_links<'a>(site: &'a Site, page: &'a Page, from: &str) -> Vec<TagLink<'a>> {
    let tags = site.index.tags(page.lang());
    page.fm
        .tags
        .iter()
        .filter_map(|name| {
            let tag = tags.iter().find(|t| t.name == name.trim())?;
            Some(TagLink { name: &tag.name, url: relative_url(from, &tag_path(site, page.lang(), &tag.slug)) })
        })
        .collect()
}

/// `tags/SLUG/` (with the language prefix).
pub fn tag_path(site: &Site, lang: &str, slug: &str) -> String {
    format!("{}tags/{slug}/", lang_home(site, lang))
}

pub fn list_items<'a>(site: &'a Site, entries: &[Entry], from: &str) -> Vec<ListItem<'a>> {
    entries
        .iter()
        .map(|e| {
            let p = &site.pages[e.id];
            ListItem {
                title: p.title(),
                description: p.fm.description.as_deref(),
                date: p.date.map(|d| d.iso()),
                url: relative_url(from, &p.url_path()),
                lang: p.lang(),
                fallback: e.fallback,
                lang_name: site.config.language(p.lang()).map(|l| l.name.as_str()).unwrap_or(p.lang()),
                needs_review: p.needs_review(),
            }
        })
        .collect()
}

fn og_locale(lang: &str) -> String {
    let primary = lang.split('-').next().unwrap_or(lang);
    format!("{primary}_VN")
}

pub fn human_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{} KB", b.div_ceil(1024)),
        b => format!("{b} B"),
    }
}

/// Strings for the page's language with fallbacks (see [`I18n`]).
pub fn strings<'a>(i18n: &'a I18n, lang: &str) -> &'a crate::i18n::Strings {
    i18n.strings(lang)
}
