//! Front matter: the YAML block between `---` lines at the top of a content file.
//!
//! Keys are typed and unknown keys rejected (`titel` → "did you mean `title`?"). Errors point at
//! the line in the Markdown file, not in the YAML block.

use crate::diag::Diagnostic;
use crate::msg;
use crate::yaml::{self, Origin};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The outputs a page can ask for (contract: `web poster leaflet banner broadcast sms social`),
/// and, not to be written in `outputs` (serde skips them), the kinds of file the build makes
/// for a section or a language rather than for one page: they travel as artifacts too, so the
/// materials page lists them (issue 14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputKind {
    Web,
    Poster,
    Leaflet,
    Banner,
    Broadcast,
    Sms,
    /// A post for social networks: `social.txt` and the square `social.png`.
    Social,
    /// A section's loudspeaker bulletin (`bulletin.txt`).
    #[serde(skip)]
    Bulletin,
    /// `tai-lieu/print-order.csv` and its PDF.
    #[serde(skip)]
    PrintOrder,
    /// A language's `calendar.ics`.
    #[serde(skip)]
    Calendar,
    /// A language's offline kit, `tai-lieu/kit-LANG.zip`.
    #[serde(skip)]
    Kit,
}

impl OutputKind {
    /// What a page may ask for in `outputs`.
    pub const ALL: [OutputKind; 7] = [
        OutputKind::Web,
        OutputKind::Poster,
        OutputKind::Leaflet,
        OutputKind::Banner,
        OutputKind::Broadcast,
        OutputKind::Sms,
        OutputKind::Social,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OutputKind::Web => "web",
            OutputKind::Poster => "poster",
            OutputKind::Leaflet => "leaflet",
            OutputKind::Banner => "banner",
            OutputKind::Broadcast => "broadcast",
            OutputKind::Sms => "sms",
            OutputKind::Social => "social",
            OutputKind::Bulletin => "bulletin",
            OutputKind::PrintOrder => "print_order",
            OutputKind::Calendar => "calendar",
            OutputKind::Kit => "kit",
        }
    }

    /// Files of one page (listed in its downloads), not of a section or a whole language.
    pub fn is_page_file(self) -> bool {
        OutputKind::ALL.contains(&self) || self == OutputKind::Bulletin
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// `YYYY-MM-DD`; checked into a [`Date`] by the loader.
    #[serde(default)]
    pub date: Option<String>,
    /// An unpublished page: left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub outputs: Option<Vec<OutputKind>>,
    /// Replaces the last part of the page's address.
    #[serde(default)]
    pub slug: Option<String>,
    /// Listing order: lower first; then newest date, then title.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Review state of a translation (machine or non-native drafts are shown as such).
    #[serde(default)]
    pub review: Option<Review>,
    /// Web template to use instead of `page.html` / `section.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// A picture for share cards and listings, relative to the page or to `static/`.
    #[serde(default)]
    pub image: Option<String>,
    #[serde(default)]
    pub poster: Option<PosterOptions>,
    #[serde(default)]
    pub leaflet: Option<LeafletOptions>,
    #[serde(default)]
    pub banner: Option<BannerOptions>,
    #[serde(default)]
    pub broadcast: Option<BroadcastOptions>,
    /// The SMS text; derived from title and hotline when absent.
    #[serde(default)]
    pub sms: Option<String>,
    /// Numbers this page may publish although they look personal (an official's public office
    /// line), each with the reason: the narrow, visible override of the personal data check.
    #[serde(default)]
    pub privacy: Option<PagePrivacy>,
    /// Earlier addresses of the page (`old/address/`), each kept alive by a redirect.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A dated event of the campaign: in the calendar and the home's "upcoming" list.
    #[serde(default)]
    pub event: Option<EventOptions>,
    /// Copies of each printed piece to order (the print order); loa.yaml gives defaults.
    #[serde(default)]
    pub copies: Option<crate::config::CopiesOptions>,
}

/// `event: {start, end, place}`, checked into a [`super::schedule::Event`] at load.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventOptions {
    /// `2026-07-30` or `2026-07-30 08:00`.
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PagePrivacy {
    #[serde(default)]
    pub allow: Vec<Allowance>,
}

/// One number a page may publish, and why.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Allowance {
    pub number: String,
    pub why: String,
}

impl FrontMatter {
    /// Every text value, with its key and whether it may hold several lines: control characters
    /// that YAML escapes (`"\f"`, `"\x01"`) decode to are removed from all of them on load.
    pub fn text_fields_mut(&mut self) -> Vec<(&'static str, &mut String, bool)> {
        let mut out: Vec<(&'static str, &mut String, bool)> = vec![("title", &mut self.title, false)];
        let optional = [
            ("description", self.description.as_mut(), false),
            ("date", self.date.as_mut(), false),
            ("slug", self.slug.as_mut(), false),
            ("template", self.template.as_mut(), false),
            ("image", self.image.as_mut(), false),
            ("sms", self.sms.as_mut(), true),
        ];
        out.extend(optional.into_iter().filter_map(|(k, v, m)| v.map(|v| (k, v, m))));
        out.extend(self.tags.iter_mut().map(|t| ("tags", t, false)));
        out.extend(self.aliases.iter_mut().map(|t| ("aliases", t, false)));
        for a in self.privacy.iter_mut().flat_map(|p| &mut p.allow) {
            out.push(("number", &mut a.number, false));
            out.push(("why", &mut a.why, false));
        }
        if let Some(r) = self.review.as_mut() {
            out.extend(r.by.as_mut().map(|v| ("review", v, false)));
            out.extend(r.date.as_mut().map(|v| ("review", v, false)));
        }
        if let Some(p) = self.poster.as_mut() {
            out.extend([p.size.as_mut(), p.template.as_mut()].into_iter().flatten().map(|v| ("poster", v, false)));
        }
        if let Some(l) = self.leaflet.as_mut() {
            out.extend(l.template.as_mut().map(|v| ("leaflet", v, false)));
        }
        if let Some(b) = self.banner.as_mut() {
            let fields = [b.text.as_mut(), b.size.as_mut(), b.template.as_mut()];
            out.extend(fields.into_iter().flatten().map(|v| ("banner", v, false)));
        }
        if let Some(e) = self.event.as_mut() {
            out.push(("start", &mut e.start, false));
            let fields = [("end", e.end.as_mut()), ("place", e.place.as_mut())];
            out.extend(fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v, false))));
        }
        if let Some(b) = self.broadcast.as_mut() {
            out.extend(b.times.iter_mut().map(|t| ("times", t, false)));
            let fields = [("from", b.from.as_mut()), ("to", b.to.as_mut())];
            out.extend(fields.into_iter().filter_map(|(k, v)| v.map(|v| (k, v, false))));
        }
        out
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// Not yet checked by a native speaker: readers are told so.
    Draft,
    Reviewed,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub status: ReviewStatus,
    #[serde(default)]
    pub by: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PosterOptions {
    /// `A4`…`A0`, or a billboard size in cm such as `240x120cm`.
    #[serde(default)]
    pub size: Option<String>,
    /// Print template in the theme's `print/` folder (default `poster`).
    #[serde(default)]
    pub template: Option<String>,
    /// The poster's short form: a few lines read in passing. Without them the poster takes the
    /// first items of the page's first list (issue 13: a poster is never the whole article).
    #[serde(default)]
    pub points: Option<Vec<String>>,
    /// Metres from which the piece is read; decides the smallest letters (see
    /// `src/render/print/distance.rs`). Default: about seven times the short side.
    #[serde(default)]
    pub distance: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeafletOptions {
    #[serde(default)]
    pub template: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BannerOptions {
    /// The slogan; the page title when absent.
    #[serde(default)]
    pub text: Option<String>,
    /// Size in cm, e.g. `500x80cm`.
    #[serde(default)]
    pub size: Option<String>,
    #[serde(default)]
    pub template: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BroadcastOptions {
    /// How many times the announcer reads the script in one slot.
    #[serde(default = "one")]
    pub repeat: u32,
    /// When the script is aired each day (`"05:30"`), from `from` to `to` (`YYYY-MM-DD`):
    /// checked into a [`super::schedule::Airing`] at load.
    #[serde(default)]
    pub times: Vec<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

fn one() -> u32 {
    1
}

/// A calendar date as written in front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.trim().splitn(3, '-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
        (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= date.days_in_month()).then_some(date)
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            2 if self.year.is_multiple_of(4) && (!self.year.is_multiple_of(100) || self.year.is_multiple_of(400)) => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    }

    /// How dates are written in Vietnam (and read by the region's readers): `30/7/2026`.
    pub fn display(self) -> String {
        format!("{}/{}/{}", self.day, self.month, self.year)
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before), by the proleptic Gregorian calendar
    /// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", `days_from_civil`).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`, same source); `None` outside the
    /// years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        (1..=9999).contains(&year).then_some(Date { year: year as u16, month, day })
    }

    /// The next day.
    pub fn next(self) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + 1).unwrap_or(self)
    }

    /// The same day and month in another year (29 February becomes 28 in a common year).
    pub fn in_year(day: u8, month: u8, year: u16) -> Option<Date> {
        let d = Date { year, month, day };
        if (1..=12).contains(&month) && day >= 1 && day <= d.days_in_month() {
            return Some(d);
        }
        (month == 2 && day == 29).then_some(Date { year, month, day: 28 })
    }
}

/// The date line as it should be written: `30/7/2026` and `2026-7-30` become
/// `date: 2026-07-30`; anything else gets an example.
pub fn date_suggestion(s: &str) -> String {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let num = |p: &str| p.parse::<u16>().ok();
    let guess = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Some((num(y), num(m), num(d))),
        [d, m, y] if y.len() == 4 => Some((num(y), num(m), num(d))),
        _ => None,
    };
    let date = match guess {
        Some((Some(y), Some(m), Some(d))) => {
            let iso = format!("{y:04}-{m:02}-{d:02}");
            Date::parse(&iso).map(Date::iso)
        }
        _ => None,
    };
    format!("date: {}", date.unwrap_or_else(|| "2026-07-30".to_string()))
}

/// A content file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// One-based file line of the YAML's first line.
    pub yaml_line: usize,
    pub body: &'a str,
    /// One-based file line of the body's first line.
    pub body_line: usize,
}

/// `text` is already free of BOM and CR.
pub fn split<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>, Diagnostic> {
    let missing = || {
        Diagnostic::error("front-matter", msg!("fm-missing")).in_file(shown).at(1, 1).with_hint(msg!("fm-missing-hint"))
    };
    let rest = text.strip_prefix("---").ok_or_else(missing)?;
    let rest = match rest.find('\n') {
        Some(i) if rest[..i].trim().is_empty() => &rest[i + 1..],
        None if rest.trim().is_empty() => "",
        _ => return Err(missing()),
    };
    let yaml_start = text.len() - rest.len();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == "---" || bare == "..." {
            let yaml = &rest[..offset];
            let body_start = yaml_start + offset + line.len();
            let yaml_line = 2;
            let body_line = yaml_line + yaml.matches('\n').count() + 1;
            return Ok(Split { yaml, yaml_line, body: &text[body_start..], body_line });
        }
        offset += line.len();
    }
    let _ = yaml_start;
    Err(Diagnostic::error("front-matter", msg!("fm-unclosed"))
        .in_file(shown)
        .at(1, 1)
        .with_hint(msg!("fm-unclosed-hint")))
}

/// Parses the YAML of a split file into [`FrontMatter`], with file-relative positions.
pub fn parse(split: &Split<'_>, shown: &Path) -> Result<FrontMatter, Diagnostic> {
    yaml::parse(split.yaml, Origin { file: shown, first_line: split.yaml_line })
}

/// Line and column in the file of a front matter key's value, for errors found after parsing.
pub fn key_position(split: &Split<'_>, key: &str) -> Option<(usize, usize)> {
    crate::yaml::position_of_value(split.yaml, key).map(|(l, c)| (l + split.yaml_line - 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let text = "---\ntitle: A\ntags: [x]\n---\n# Body\n";
        let s = split(text, Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: A\ntags: [x]\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "# Body\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        assert_eq!(split("---\ntitle: A\n", Path::new("a.md")).unwrap_err().message.id, "fm-unclosed");
        assert_eq!(split("# Hi\n", Path::new("a.md")).unwrap_err().message.id, "fm-missing");
    }

    #[test]
    fn yaml_error_points_into_the_file() {
        let text = "---\ntitle: A\noutputs: [web, postr]\n---\n";
        let s = split(text, Path::new("a.md")).unwrap();
        let err = parse(&s, Path::new("a.md")).unwrap_err();
        assert_eq!(err.line, Some(3), "{err}");
        let hint = err.hint.as_ref().and_then(|h| h.text_arg("line").map(str::to_string)).unwrap_or_default();
        assert_eq!(hint, "outputs: [web, poster]", "{err}");
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2026-07-30").map(Date::iso).as_deref(), Some("2026-07-30"));
        for bad in ["2026-02-30", "30/7/2026", "2026-7-30", "2026-13-01", ""] {
            assert!(Date::parse(bad).is_none(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
        // Issue 12: the hint shows the date as it should be written.
        assert_eq!(date_suggestion("30/7/2026"), "date: 2026-07-30");
        assert_eq!(date_suggestion("2026-7-30"), "date: 2026-07-30");
        assert_eq!(date_suggestion("31/2/2026"), "date: 2026-07-30");
        assert_eq!(date_suggestion("ngày mai"), "date: 2026-07-30");
    }

    #[test]
    fn days_since_epoch_round_trip() {
        let table = [("1970-01-01", 0), ("2026-07-30", 20_664), ("2000-02-29", 11_016), ("1969-12-31", -1)];
        for (iso, days) in table {
            let d = Date::parse(iso).unwrap();
            assert_eq!(d.days_since_epoch(), days, "{iso}");
            assert_eq!(Date::from_days_since_epoch(days), Some(d), "{iso}");
        }
        assert_eq!(Date::parse("2026-12-31").unwrap().next().iso(), "2027-01-01");
        assert_eq!(Date::in_year(29, 2, 2027).map(Date::iso).as_deref(), Some("2027-02-28"));
    }
}
