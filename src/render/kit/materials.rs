//! The materials page (`tai-lieu/index.html`, `hmn/tai-lieu/index.html`): every file the build
//! made for the campaign, grouped by who it goes to, so an officer sees at a glance what to take
//! to the print shop, what to give the announcer, what to send by SMS or post (issue 14).
//!
//! The default language's page is the officer's: it lists the materials of every language
//! (each marked with its language) and the yearly report's counts; another language's page
//! lists that language's materials, in its words. Every item says what the materials page
//! promises: its kind, the paper in words and pages (print), the reading time and airing times
//! (scripts), the SMS parts, the file size, the language and whether it is a draft (issue 11).
//! The web renderer writes the page with `materials.html`; this module makes the view.

use super::order::{self, Report};
use crate::content::links::relative_url;
use crate::content::{OutputKind, Site};
use crate::i18n::I18n;
use crate::render::web::views::human_size;
use crate::render::{Artifact, RenderContext};
use serde::Serialize;

/// The groups, in the order an officer works through them: i18n key of the heading, and of the
/// line under it.
const GROUPS: [(&str, &str); 6] = [
    ("materials_shop", "materials_shop_text"),
    ("materials_office", "materials_office_text"),
    ("materials_announcer", "materials_announcer_text"),
    ("materials_sms", "materials_sms_text"),
    ("materials_social", "materials_social_text"),
    ("materials_kit", "materials_kit_text"),
];

#[derive(Serialize)]
pub struct MaterialsView {
    pub groups: Vec<Group>,
    /// The yearly report's counts (the default language's page only).
    pub report: Vec<ReportRow>,
    /// The page lists every language's materials.
    pub all_languages: bool,
}

#[derive(Serialize)]
pub struct Group {
    /// i18n keys of the heading and its explanation.
    pub heading: &'static str,
    pub text: &'static str,
    pub items: Vec<Item>,
}

#[derive(Serialize)]
pub struct Item {
    /// i18n key of what it is (`kind_poster`, `kind_pano`, `kind_bulletin` …).
    pub kind: &'static str,
    /// The page's title (a section's for a bulletin); none for what belongs to a whole
    /// language (the kit, the calendar, the print order).
    pub title: Option<String>,
    /// ` lang="hmn"` when the title is in another language than the page.
    pub title_attr: String,
    pub url: String,
    pub details: Vec<Detail>,
    /// i18n key of the draft warning (`materials_draft_print` …) for a translation under review.
    pub draft: Option<&'static str>,
}

/// One fact about a file, with the `lang` attribute its words need.
#[derive(Serialize)]
pub struct Detail {
    pub text: String,
    pub attr: String,
}

#[derive(Serialize)]
pub struct ReportRow {
    pub label: String,
    pub value: String,
}

/// Words in the page's language, with the attribute that marks a borrowed string.
struct Say<'a> {
    i18n: &'a I18n,
    lang: &'a str,
}

impl Say<'_> {
    fn detail(&self, key: &str, values: &[(&str, String)]) -> Detail {
        let text = values
            .iter()
            .fold(self.i18n.get(self.lang, key).to_string(), |acc, (k, v)| acc.replace(&format!("{{{k}}}"), v));
        Detail { text, attr: self.i18n.lang_attrs(self.lang).get(key).cloned().unwrap_or_default() }
    }
}

/// The view of `lang`'s materials page, rendered in folder `from`.
pub fn view(cx: &RenderContext<'_>, lang: &str, from: &str) -> MaterialsView {
    let site = cx.site;
    let all_languages = site.config.is_default_language(lang);
    let say = Say { i18n: cx.i18n, lang };
    let mut mine: Vec<&Artifact> =
        cx.artifacts.iter().filter(|a| a.kind != OutputKind::Web && (all_languages || a.lang(site) == lang)).collect();
    mine.sort_by(|a, b| (group_of(a), a.page, &a.rel).cmp(&(group_of(b), b.page, &b.rel)));
    let groups = GROUPS
        .iter()
        .enumerate()
        .map(|(n, &(heading, text))| Group {
            heading,
            text,
            items: mine.iter().filter(|a| group_of(a) == n).map(|a| item(cx, &say, a, from)).collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    let report = if all_languages {
        let lines = order::lines(site, cx.i18n, cx.artifacts);
        let report = Report::of(site, &lines, cx.artifacts);
        report.rows(cx.i18n, lang).into_iter().map(|(label, value)| ReportRow { label, value }).collect()
    } else {
        Vec::new()
    };
    MaterialsView { groups, report, all_languages }
}

/// Which of [`GROUPS`] a file belongs to.
fn group_of(a: &Artifact) -> usize {
    match a.kind {
        OutputKind::Poster | OutputKind::Leaflet | OutputKind::Banner if a.rel.ends_with("-office.pdf") => 1,
        OutputKind::Poster | OutputKind::Leaflet | OutputKind::Banner | OutputKind::PrintOrder => 0,
        OutputKind::Broadcast | OutputKind::Bulletin => 2,
        OutputKind::Sms => 3,
        OutputKind::Social => 4,
        OutputKind::Calendar | OutputKind::Kit | OutputKind::Web => 5,
    }
}

fn item(cx: &RenderContext<'_>, say: &Say<'_>, a: &Artifact, from: &str) -> Item {
    let site = cx.site;
    let page = &site.pages[a.page];
    let file_lang = a.lang(site);
    let draft = page.needs_review() || a.facts.draft;
    let mut details = Vec::new();
    let mut kind = kind_key(a);
    if let Some(paper) = crate::render::print::paper(cx.i18n, say.lang, page, a.kind, &a.rel) {
        if paper.billboard {
            kind = "kind_pano";
        }
        details.push(Detail { text: paper.words, attr: String::new() });
    }
    if let Some(n) = a.facts.pages {
        details.push(say.detail("materials_pages", &[("n", n.to_string())]));
    }
    if let Some(s) = a.facts.seconds {
        let key = if s < 60 { "materials_reading_seconds" } else { "materials_reading" };
        details.push(say.detail(key, &[("minutes", (s / 60).to_string()), ("seconds", (s % 60).to_string())]));
    }
    if a.kind == OutputKind::Broadcast
        && let Some(airing) = &page.schedule.airing
    {
        let times: Vec<String> = airing.times.iter().map(|t| t.display()).collect();
        let (key, to) = match airing.to {
            Some(to) => ("materials_airing", to.display()),
            None => ("materials_airing_open", String::new()),
        };
        details.push(say.detail(key, &[("times", times.join(", ")), ("from", airing.from.display()), ("to", to)]));
    }
    if let Some(parts) = a.facts.sms_parts {
        details.push(say.detail("materials_sms_parts", &[("parts", parts.to_string())]));
    }
    if a.rel.ends_with(".png") && a.kind == OutputKind::Social {
        details.push(Detail { text: "1080 × 1080 px".into(), attr: String::new() });
    }
    if matches!(a.kind, OutputKind::Poster | OutputKind::Leaflet | OutputKind::Banner)
        && !a.rel.ends_with("-office.pdf")
    {
        match order::asked(site, page, a.kind) {
            Some(n) if n > 0 && !draft => details.push(say.detail("materials_copies", &[("copies", n.to_string())])),
            _ => {}
        }
    }
    details.push(Detail { text: human_size(a.bytes), attr: String::new() });
    let lang_name = site.config.language(file_lang).map_or(file_lang, |l| l.name.as_str());
    details.push(Detail { text: lang_name.to_string(), attr: format!(" lang=\"{file_lang}\"") });
    if page.fm.review.is_some() && !draft {
        details.push(say.detail("materials_reviewed", &[]));
    }
    let title = match a.kind {
        OutputKind::Calendar | OutputKind::Kit | OutputKind::PrintOrder => None,
        OutputKind::Bulletin => Some(bulletin_title(site, a)),
        _ => Some((page.title().to_string(), page.lang())),
    };
    // The title's own language: a bulletin of a language without a site title of its own is
    // named by the default language's title (issue 17: every text carries its language).
    let title_attr = match &title {
        Some((_, lang)) if *lang != say.lang => format!(" lang=\"{lang}\""),
        _ => String::new(),
    };
    let title = title.map(|(t, _)| t);
    Item {
        kind,
        title,
        title_attr,
        url: relative_url(from, &a.rel),
        details,
        draft: draft.then_some(draft_key(a.kind)),
    }
}

/// A bulletin is named after its section (the site title for the home's).
/// A bulletin's name and its language: its section's title, or the site's title in the
/// bulletin's language for the home's (the default language's when that language has none).
fn bulletin_title<'a>(site: &'a Site, a: &Artifact) -> (String, &'a str) {
    let page = &site.pages[a.page];
    if page.kind() != crate::content::PageKind::Home {
        return (page.title().to_string(), page.lang());
    }
    let lang = a.lang(site);
    let own = site.config.language(lang).filter(|l| l.title.is_some()).map(|l| l.code.as_str());
    (site.config.title_in(lang).to_string(), own.unwrap_or(&site.config.default_language))
}

fn kind_key(a: &Artifact) -> &'static str {
    let office = a.rel.ends_with("-office.pdf");
    match a.kind {
        OutputKind::Poster => "kind_poster",
        OutputKind::Leaflet if office => "kind_leaflet_office",
        OutputKind::Leaflet => "kind_leaflet",
        OutputKind::Banner => "kind_banner",
        OutputKind::Broadcast => "kind_broadcast",
        OutputKind::Bulletin => "kind_bulletin",
        OutputKind::Sms => "kind_sms",
        OutputKind::Social if a.rel.ends_with(".png") => "kind_social_picture",
        OutputKind::Social => "kind_social_text",
        OutputKind::PrintOrder if a.rel.ends_with(".csv") => "kind_print_order_csv",
        OutputKind::PrintOrder => "kind_print_order_pdf",
        OutputKind::Calendar => "kind_calendar",
        OutputKind::Kit => "kind_kit",
        OutputKind::Web => "kind_web",
    }
}

/// What a draft must not be used for, by channel.
fn draft_key(kind: OutputKind) -> &'static str {
    match kind {
        OutputKind::Broadcast | OutputKind::Bulletin => "materials_draft_air",
        OutputKind::Sms => "materials_draft_send",
        OutputKind::Social => "materials_draft_post",
        // A calendar or a whole kit is handed on, not printed.
        OutputKind::Calendar | OutputKind::Kit => "materials_draft_share",
        _ => "materials_draft_print",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A draft is marked with what it must not be used for: a calendar or a whole kit is handed
    /// on (copied to a USB stick, sent by Zalo), not printed, so "không in" told an officer
    /// nothing about it.
    #[test]
    fn a_draft_says_what_not_to_do_with_it() {
        assert_eq!(draft_key(OutputKind::Kit), "materials_draft_share");
        assert_eq!(draft_key(OutputKind::Calendar), "materials_draft_share");
        assert_eq!(draft_key(OutputKind::Sms), "materials_draft_send");
        assert_eq!(draft_key(OutputKind::Broadcast), "materials_draft_air");
        let vi = include_str!("../../../themes/default/i18n/vi.yaml");
        for key in ["materials_draft_share", "materials_draft_print", "materials_draft_send", "materials_draft_air"] {
            assert!(vi.contains(&format!("\n{key}: ")), "{key} has Vietnamese words");
        }
    }
}
