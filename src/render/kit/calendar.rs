//! The campaign calendar (issue 14): `calendar.ics` per language (`hmn/calendar.ics` …) and the
//! home page's "upcoming" list, from one list of dated things:
//!
//! - the campaign's fixed days from loa.yaml (`calendar: {day: "30/7", peak: {from, to}}`),
//!   every year (`RRULE:FREQ=YEARLY`), named in the language's i18n file;
//! - every page's `event: {start, end, place}`, in the calendar's language, or in the default
//!   language for a page not translated yet (marked with `LANGUAGE=`, as listings mark it);
//! - every script's airing times (`broadcast: {times, from, to}`): one daily event per time,
//!   as long as the script reads (its reading time, from the broadcast renderer).
//!
//! A page under review stays a draft here too (issue 11): `STATUS:TENTATIVE` and the draft
//! words in its summary, so no announcer's phone reminds them to air an unchecked script as if
//! it were final. The calendar is site-wide: it is written on full builds only.

use super::ics::{self, Ics};
use super::{home_of, lang_dir};
use crate::content::schedule::{Moment, Time};
use crate::content::{Date, OutputKind, PageId, Site};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::i18n::I18n;
use crate::render::{Artifact, RenderContext, Renderer};
use serde::Serialize;

pub const FILE: &str = "calendar.ics";
/// Entries the home page shows: the next few, not a diary.
pub const UPCOMING_ITEMS: usize = 5;

/// Something dated in a language's calendar.
#[derive(Debug, Clone)]
pub(crate) struct Dated {
    pub uid: String,
    pub title: String,
    /// The language of the title when it is not the calendar's (an untranslated page).
    pub other_lang: Option<String>,
    pub start: Moment,
    pub end: Option<Moment>,
    pub place: Option<String>,
    /// The page it comes from (its address under OUT).
    pub page: Option<PageId>,
    pub draft: bool,
    pub yearly: bool,
}

impl Dated {
    fn last_day(&self) -> Date {
        self.end.map_or(self.start.date, |e| e.date)
    }

    /// This one, or for a yearly one its occurrence that has not ended by `today`.
    fn next_after(&self, today: Date) -> Option<Dated> {
        if !self.yearly {
            return (self.last_day() >= today).then(|| self.clone());
        }
        let span = self.last_day().days_since_epoch() - self.start.date.days_since_epoch();
        for year in [today.year, today.year.saturating_add(1)] {
            let start = Date::in_year(self.start.date.day, self.start.date.month, year)?;
            let last = Date::from_days_since_epoch(start.days_since_epoch() + span)?;
            if last >= today {
                let end = self.end.map(|e| Moment { date: last, time: e.time });
                return Some(Dated { start: Moment { date: start, time: self.start.time }, end, ..self.clone() });
            }
        }
        None
    }
}

/// The campaign's fixed days, in `year` (they recur every year).
fn fixed_days(site: &Site, i18n: &I18n, lang: &str, year: u16) -> Vec<Dated> {
    let cal = &site.config.calendar;
    let host = host(&site.config.base_url);
    let mut out = Vec::new();
    let day_in = |s: &str| crate::config::day_month(s).and_then(|(d, m)| Date::in_year(d, m, year));
    // A language without its own name for the day borrows another's: say which.
    let borrowed = |key: &str| {
        let attr = i18n.lang_attrs(lang).get(key).map(String::as_str).unwrap_or("");
        attr.trim().strip_prefix("lang=\"").and_then(|s| s.strip_suffix('"')).map(str::to_string)
    };
    if let Some(day) = cal.day.as_deref().and_then(day_in) {
        out.push(Dated {
            uid: format!("day-{}-{}-{lang}@{host}", day.day, day.month),
            title: i18n.get(lang, "calendar_day").to_string(),
            other_lang: borrowed("calendar_day"),
            start: Moment { date: day, time: None },
            end: None,
            place: None,
            page: None,
            draft: false,
            yearly: true,
        });
    }
    if let Some(peak) = &cal.peak
        && let (Some(from), Some(mut to)) = (day_in(&peak.from), day_in(&peak.to))
    {
        // A period over the new year (1/12 – 28/2) ends in the next one.
        if to < from {
            to = crate::config::day_month(&peak.to)
                .and_then(|(d, m)| Date::in_year(d, m, year.saturating_add(1)))
                .unwrap_or(from);
        }
        out.push(Dated {
            uid: format!("peak-{}-{}-{lang}@{host}", from.day, from.month),
            title: i18n.get(lang, "calendar_peak").to_string(),
            other_lang: borrowed("calendar_peak"),
            start: Moment { date: from, time: None },
            end: Some(Moment { date: to, time: None }),
            place: None,
            page: None,
            draft: false,
            yearly: true,
        });
    }
    out
}

/// Pages with an event, as a reader of `lang` sees them: its own pages, and the default
/// language's pages it has no version of.
fn page_events(site: &Site, lang: &str) -> Vec<Dated> {
    let host = host(&site.config.base_url);
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lang() == lang
                || (p.lang() == site.default_lang() && site.index.find(&site.pages, p.key(), lang).is_none())
        })
        .filter_map(|(id, p)| {
            let e = p.schedule.event.as_ref()?;
            Some(Dated {
                uid: format!("event-{}@{host}", uid_part(&p.url_path())),
                title: p.title().to_string(),
                other_lang: (p.lang() != lang).then(|| p.lang().to_string()),
                start: e.start,
                end: e.end,
                place: e.place.clone(),
                page: Some(id),
                draft: p.needs_review(),
                yearly: false,
            })
        })
        .collect()
}

/// What the home page shows: the next few dated things that have not ended by `today`.
pub(crate) fn upcoming(site: &Site, i18n: &I18n, lang: &str, today: Date) -> Vec<Dated> {
    let mut all: Vec<Dated> = fixed_days(site, i18n, lang, today.year)
        .into_iter()
        .chain(page_events(site, lang))
        .filter_map(|d| d.next_after(today))
        .collect();
    all.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.title.cmp(&b.title)));
    all.truncate(UPCOMING_ITEMS);
    all
}

/// One entry of the home's "upcoming" list, for the template.
#[derive(Serialize)]
pub struct UpcomingItem {
    /// `30/7/2026, 08:00–11:00`, `10/8/2026 – 12/8/2026`.
    pub when: String,
    pub title: String,
    /// ` lang="vi"` when the title is not in the page's language.
    pub attr: String,
    pub url: Option<String>,
    pub place: Option<String>,
    pub draft: bool,
}

/// The home's list (`from`: the folder being rendered), and the calendar file's link.
#[derive(Serialize)]
pub struct UpcomingView {
    pub items: Vec<UpcomingItem>,
    pub calendar_url: String,
    pub materials_url: String,
}

pub fn upcoming_view(site: &Site, i18n: &I18n, lang: &str, from: &str) -> UpcomingView {
    let items = upcoming(site, i18n, lang, crate::clock::today())
        .into_iter()
        .map(|d| UpcomingItem {
            when: when(&d),
            url: d.page.map(|id| crate::content::links::relative_url(from, &site.pages[id].url_path())),
            title: d.title,
            attr: d.other_lang.map(|l| format!(" lang=\"{l}\"")).unwrap_or_default(),
            place: d.place,
            draft: d.draft,
        })
        .collect();
    UpcomingView {
        items,
        calendar_url: crate::content::links::relative_url(from, &format!("{}{FILE}", lang_dir(site, lang))),
        materials_url: super::materials_url(site, lang, from),
    }
}

/// A date or range as people here write it.
fn when(d: &Dated) -> String {
    match d.end {
        None => d.start.display(),
        Some(end) if end.date == d.start.date => match (d.start.time, end.time) {
            (Some(a), Some(b)) => format!("{}, {}–{}", d.start.date.display(), a.display(), b.display()),
            _ => d.start.display(),
        },
        Some(end) => format!("{} – {}", d.start.display(), end.display()),
    }
}

/// `calendar.ics` of one language.
pub(crate) fn ics_for(cx: &RenderContext<'_>, lang: &str, today: Date) -> String {
    let site = cx.site;
    let stamp = ics::stamp(today);
    let mut ics = Ics::begin(site.config.title_in(lang), lang);
    let draft_words = cx.i18n.get(lang, "review_draft_short");
    for d in fixed_days(site, cx.i18n, lang, today.year).iter().chain(&page_events(site, lang)) {
        ics.line("BEGIN:VEVENT");
        ics.line(&format!("UID:{}", d.uid));
        ics.line(&format!("DTSTAMP:{stamp}"));
        ics.moment("DTSTART", d.start);
        if let Some(end) = ics_end(d) {
            ics.moment("DTEND", end);
        }
        if d.yearly {
            ics.line("RRULE:FREQ=YEARLY");
        }
        let title = if d.draft { format!("{} ({draft_words})", d.title) } else { d.title.clone() };
        ics.text_in("SUMMARY", d.other_lang.as_deref(), &title);
        if let Some(place) = &d.place {
            ics.text_in("LOCATION", d.other_lang.as_deref(), place);
        }
        if let Some(id) = d.page {
            let page = &site.pages[id];
            if let Some(desc) = &page.fm.description {
                ics.text_in("DESCRIPTION", d.other_lang.as_deref(), desc);
            }
            ics.line(&format!("URL:{}", site.permalink(&page.url_path())));
        }
        ics.line(if d.draft { "STATUS:TENTATIVE" } else { "STATUS:CONFIRMED" });
        ics.line("END:VEVENT");
    }
    airings(cx, lang, &stamp, &mut ics);
    ics.end()
}

/// DTEND: the day after the last for whole days (it is exclusive, RFC 5545 3.6.1); the end
/// time for timed ones. Both ends are of one value type (3.8.2.2): a timed start with an end
/// given as a day runs to the end of that day.
fn ics_end(d: &Dated) -> Option<Moment> {
    match (d.start.time, d.end) {
        (None, _) => Some(Moment { date: d.last_day().next(), time: None }),
        (Some(_), Some(Moment { date, time: Some(t) })) => Some(Moment { date, time: Some(t) }),
        (Some(_), Some(Moment { date, time: None })) => {
            Some(Moment { date, time: Some(Time { hour: 23, minute: 59 }) })
        }
        (Some(_), None) => None,
    }
}

/// Every airing time of the language's scripts: a daily event lasting the script's reading time.
fn airings(cx: &RenderContext<'_>, lang: &str, stamp: &str, ics: &mut Ics) {
    let site = cx.site;
    let host = host(&site.config.base_url);
    let draft_words = cx.i18n.get(lang, "review_draft_short");
    for (id, page) in site.pages_in(lang) {
        let Some(airing) = page.schedule.airing.as_ref().filter(|_| page.wants(OutputKind::Broadcast)) else {
            continue;
        };
        let script = cx.artifacts.iter().find(|a| a.page == id && a.kind == OutputKind::Broadcast);
        let seconds = script.and_then(|a| a.facts.seconds).unwrap_or(0);
        let title = cx.i18n.get(lang, "calendar_airing").replace("{title}", page.title());
        let title = if page.needs_review() { format!("{title} ({draft_words})") } else { title };
        for t in &airing.times {
            ics.line("BEGIN:VEVENT");
            ics.line(&format!("UID:airing-{}-{:02}{:02}@{host}", uid_part(&page.url_path()), t.hour, t.minute));
            ics.line(&format!("DTSTAMP:{stamp}"));
            ics.moment("DTSTART", Moment { date: airing.from, time: Some(*t) });
            ics.line(&format!("DURATION:{}", ics::duration(seconds.max(60))));
            match airing.to {
                Some(to) => ics.line(&format!("RRULE:FREQ=DAILY;UNTIL={}", ics::until_end_of(to))),
                None => ics.line("RRULE:FREQ=DAILY"),
            }
            ics.text("SUMMARY", &title);
            if let Some(a) = script {
                ics.line(&format!("URL:{}", site.permalink(&a.rel)));
            }
            ics.line(if page.needs_review() { "STATUS:TENTATIVE" } else { "STATUS:CONFIRMED" });
            ics.line("END:VEVENT");
        }
    }
}

/// The site's host, for UIDs that stay unique across sites.
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

/// `hmn/goi-111/` → `hmn-goi-111` (`home` for the home).
fn uid_part(url_path: &str) -> String {
    let part = url_path.trim_matches('/').replace('/', "-");
    if part.is_empty() { "home".into() } else { part }
}

/// Writes every language's `calendar.ics` (full builds only: the calendar belongs to no page).
pub struct CalendarRenderer;

impl Renderer for CalendarRenderer {
    fn name(&self) -> &'static str {
        "calendar"
    }

    fn site_wide(&self) -> bool {
        true
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        if !cx.scope.is_all() {
            return Ok(Vec::new());
        }
        let today = crate::clock::today();
        let mut made = Vec::new();
        for lang in &cx.site.config.languages {
            let Some(home) = home_of(cx.site, &lang.code) else { continue };
            let text = ics_for(cx, &lang.code, today);
            let rel = format!("{}{FILE}", lang_dir(cx.site, &lang.code));
            out.put(&rel, text.as_bytes()).map_err(|d| vec![d])?;
            made.push(Artifact::new(home, OutputKind::Calendar, rel, text.len() as u64));
        }
        Ok(made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(start: &str, end: Option<&str>, yearly: bool) -> Dated {
        Dated {
            uid: String::new(),
            title: "x".into(),
            other_lang: None,
            start: Moment::parse(start).unwrap(),
            end: end.map(|e| Moment::parse(e).unwrap()),
            place: None,
            page: None,
            draft: false,
            yearly,
        }
    }

    #[test]
    fn yearly_days_come_back_and_events_pass() {
        let today = Date::parse("2026-08-15").unwrap();
        let day = dated("2026-07-30", None, true).next_after(today).unwrap();
        assert_eq!(day.start.date.iso(), "2027-07-30", "this year's is over");
        let peak = dated("2026-07-01", Some("2026-09-30"), true).next_after(today).unwrap();
        assert_eq!(peak.start.date.iso(), "2026-07-01", "still on");
        assert!(dated("2026-08-10", Some("2026-08-12"), false).next_after(today).is_none());
        assert!(dated("2026-08-15 08:00", None, false).next_after(today).is_some(), "today counts");
    }

    #[test]
    fn ranges_read_as_people_write_them() {
        assert_eq!(when(&dated("2026-07-30 08:00", Some("2026-07-30 11:00"), false)), "30/7/2026, 08:00–11:00");
        assert_eq!(when(&dated("2026-08-10", Some("2026-08-12"), false)), "10/8/2026 – 12/8/2026");
        assert_eq!(when(&dated("2026-07-30", None, false)), "30/7/2026");
    }

    #[test]
    fn ends_have_the_start_s_value_type() {
        let end = |s, e| ics_end(&dated(s, e, false)).map(|m| m.display());
        assert_eq!(end("2026-08-10", Some("2026-08-12")).as_deref(), Some("13/8/2026"));
        assert_eq!(end("2026-08-10", None).as_deref(), Some("11/8/2026"));
        assert_eq!(end("2026-08-10 08:00", Some("2026-08-10 11:00")).as_deref(), Some("10/8/2026 11:00"));
        assert_eq!(end("2026-08-10 08:00", Some("2026-08-11")).as_deref(), Some("11/8/2026 23:59"));
        assert_eq!(end("2026-08-10 08:00", None), None);
    }
}
