//! What templates see: small serializable views made for them, never the internal model
//! (so a model refactor cannot silently break a user's template). All URLs here are relative
//! to the page being rendered, except `permalink`s.

use super::versions::{Base, Versions};
use crate::content::links::relative_url;
use crate::content::{Entry, Page, PageId, Site};
use crate::i18n::I18n;
use crate::render::Artifact;
use serde::Serialize;

#[derive(Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    /// ` lang="vi"` when the title is the default language's (the language has no `title:`),
    /// "" otherwise: templates put it on the element so a screen reader switches voice.
    pub title_attr: String,
    pub description: &'a str,
    /// Like `title_attr`, for the description.
    pub description_attr: String,
    pub base_url: &'a str,
    /// The home of the current language.
    pub home_url: String,
    pub hotline: HotlineView<'a>,
    pub issuer: Option<&'a str>,
    /// The issuer is written once, in the default language: its `lang` on other pages.
    pub issuer_attr: String,
    pub languages: Vec<LanguageLink<'a>>,
    pub default_language: &'a str,
    /// The language's materials page (every PDF, script, SMS, the offline kit): issue 14.
    pub materials_url: String,
}

#[derive(Serialize)]
pub struct HotlineView<'a> {
    pub number: &'a str,
    /// The number as shown on the page, digits apart (`1 1 1`): speech engines and screen
    /// readers say a run of digits as one number ("một trăm mười một"), a hotline is said
    /// digit by digit (issue 17, item 12).
    pub digits: String,
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
    /// ` lang="vi"` when the title is not in the page's language: a home loa made for a
    /// language without `_index.LANG.md` is titled with the site title, maybe the default
    /// language's.
    pub title_attr: String,
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
    /// Absolute URLs of every version, for `<link rel=alternate hreflang>`, and `x-default`.
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

/// What `<head>` says of a file's address: its canonical URL and its language versions.
#[derive(Serialize)]
pub struct Head<'a> {
    pub canonical: Option<String>,
    pub alternates: Vec<Alternate<'a>>,
}

impl<'a> Head<'a> {
    /// The file at `path` under OUT; `versions` when it is the first page of what they list.
    pub fn of(site: &Site, path: &str, versions: Option<&Versions<'a>>) -> Head<'a> {
        Head {
            canonical: Some(site.permalink(path)),
            alternates: versions.map(|v| v.alternates(site)).unwrap_or_default(),
        }
    }
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

pub fn site_view<'a>(site: &'a Site, lang: &'a str, base: &Base<'_>) -> SiteView<'a> {
    let c = &site.config;
    let own = c.language(lang);
    let borrowed =
        |has_own: bool| borrowed_from(site, lang, has_own).map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
    SiteView {
        title: c.title_in(lang),
        title_attr: borrowed(own.is_some_and(|l| l.title.is_some())),
        description: c.description_in(lang),
        description_attr: borrowed(own.is_some_and(|l| l.description.is_some())),
        base_url: &c.base_url,
        home_url: base.url(&lang_home(site, lang)),
        hotline: HotlineView {
            number: &c.hotline.number,
            digits: spaced_digits(&c.hotline.number),
            tel: format!("tel:{}", c.hotline.number),
        },
        issuer: c.issuer.as_deref(),
        issuer_attr: borrowed(false),
        languages: c
            .languages
            .iter()
            .map(|l| LanguageLink {
                code: &l.code,
                name: &l.name,
                url: base.url(&lang_home(site, &l.code)),
                current: l.code == lang,
            })
            .collect(),
        default_language: &c.default_language,
        materials_url: base.url(&crate::render::kit::materials_dir(site, lang)),
    }
}

/// The language of a text loa.yaml gives once, at the top (title, description, issuer), on a
/// page in `lang`: the default language's code when `lang` has no text of its own for it.
pub fn borrowed_from<'a>(site: &'a Site, lang: &str, has_own: bool) -> Option<&'a str> {
    let c = &site.config;
    (!has_own && !c.is_default_language(lang)).then_some(c.default_language.as_str())
}

/// `111` → `1 1 1`: a space between two digits, so each is read on its own.
pub fn spaced_digits(number: &str) -> String {
    let mut out = String::with_capacity(number.len() * 2);
    let mut prev_digit = false;
    for c in number.chars() {
        if prev_digit && c.is_ascii_digit() {
            out.push(' ');
        }
        out.push(c);
        prev_digit = c.is_ascii_digit();
    }
    out
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
    let own_site_title = site.config.language(page.lang()).is_some_and(|l| l.title.is_some());
    PageView {
        title: page.title(),
        title_attr: match page.generated {
            true => {
                borrowed_from(site, page.lang(), own_site_title).map(|l| format!(" lang=\"{l}\"")).unwrap_or_default()
            }
            false => String::new(),
        },
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
        languages: Versions::of_page(site, id).switcher(page.lang(), &Base::Dir(from)),
        alternates: Versions::of_page(site, id).alternates(site),
        review: page.fm.review.as_ref().map(|r| ReviewView {
            status: if page.needs_review() { "draft" } else { "reviewed" },
            by: r.by.as_deref(),
        }),
        downloads: artifacts
            .iter()
            .filter(|a| a.is_download_of(site, id))
            .map(|a| download(i18n, page, a, from))
            .collect(),
        word_count: page.word_count(),
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
        // A no-break space: a narrow line never parts the number from its unit (issue 17).
        b if b >= 1024 * 1024 => format!("{:.1}\u{a0}MB", b as f64 / (1024.0 * 1024.0)),
        b if b >= 1024 => format!("{}\u{a0}KB", b.div_ceil(1024)),
        b => format!("{b}\u{a0}B"),
    }
}

/// Strings for the page's language with fallbacks (see [`I18n`]).
pub fn strings<'a>(i18n: &'a I18n, lang: &str) -> &'a crate::i18n::Strings {
    i18n.strings(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 17, item 11: a no-break space ties every size to its unit.
    #[test]
    fn sizes_keep_number_and_unit_together() {
        assert_eq!(human_size(40 * 1024), "40\u{a0}KB");
        assert_eq!(human_size(3 * 1024 * 1024 + 1), "3.0\u{a0}MB");
        assert_eq!(human_size(12), "12\u{a0}B");
    }

    /// Issue 17, item 12: a hotline is shown with its digits apart, so it is said digit by digit.
    #[test]
    fn hotline_digits_apart() {
        assert_eq!(spaced_digits("111"), "1 1 1");
        assert_eq!(spaced_digits("18001567"), "1 8 0 0 1 5 6 7");
        assert_eq!(spaced_digits("1"), "1");
    }
}
