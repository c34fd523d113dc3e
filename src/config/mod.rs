//! `loa.yaml`: the site configuration, typed and checked.
//!
//! Unknown keys are rejected with a "did you mean" hint (a typo silently ignored is a setting
//! that silently does nothing). Checks that need more than one key (the default language must
//! be one of the languages) run after parsing and point at the key's line.

mod base_url;

use crate::diag::{Diagnostic, Diagnostics};
use crate::messages::Message;
use crate::msg;
use crate::yaml::{self, Origin, position_of_value};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub const CONFIG_FILE: &str = "loa.yaml";

/// The code of the placeholder `base_url` warning: it is printed last, where no one misses it.
pub const PLACEHOLDER: &str = "base-url";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub base_url: String,
    pub default_language: String,
    pub languages: Vec<Language>,
    pub hotline: Hotline,
    /// The body that issues the campaign (printed on posters and leaflets, named in feeds).
    #[serde(default)]
    pub issuer: Option<String>,
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Entries per listing page; listings paginate so no page grows with the site.
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    #[serde(default)]
    pub print: PrintConfig,
    /// Warnings about `loa.yaml` itself (settings that no longer do anything), reported with
    /// the build's other findings.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    #[serde(default)]
    pub broadcast: BroadcastConfig,
    #[serde(default)]
    pub sms: SmsConfig,
    #[serde(default)]
    pub privacy: PrivacyConfig,
    #[serde(default)]
    pub budgets: Budgets,
    /// A `share.png` preview card (1200×630) beside every web page, for Zalo and Facebook.
    #[serde(default = "yes")]
    pub share_cards: bool,
    /// Copies of each printed piece for the print order, for pages whose front matter gives
    /// none (issue 14).
    #[serde(default)]
    pub copies: CopiesOptions,
    /// The campaign's fixed days in every language's `calendar.ics`.
    #[serde(default)]
    pub calendar: CalendarConfig,
    /// An offline kit per language (`tai-lieu/kit-LANG.zip`): that language's pages with links
    /// that work from a USB stick, and all its materials.
    #[serde(default = "yes")]
    pub kits: bool,
    /// Addresses published before and removed on purpose: a build does not ask for an alias
    /// to keep them alive (see `build::addresses`).
    #[serde(default)]
    pub retired: Vec<String>,
}

/// `copies: {poster, leaflet, banner}` (front matter and loa.yaml): signed here so that `-5`
/// gets a plain "out of range" message at its line, not serde's "expected u32".
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CopiesOptions {
    #[serde(default)]
    pub poster: Option<i64>,
    #[serde(default)]
    pub leaflet: Option<i64>,
    #[serde(default)]
    pub banner: Option<i64>,
}

/// Copies to print of each piece, checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Copies {
    pub poster: Option<u32>,
    pub leaflet: Option<u32>,
    pub banner: Option<u32>,
}

impl CopiesOptions {
    /// Each number against [`crate::limits::COPIES`]; `Err((key, message, hint))`.
    pub fn check(&self) -> Result<Copies, (&'static str, Message, Message)> {
        let one = |key: &'static str, v: Option<i64>| match v {
            None => Ok(None),
            Some(v) => match crate::limits::COPIES.check(key, v) {
                Ok(()) => Ok(u32::try_from(v).ok()),
                Err((m, h)) => Err((key, m, h)),
            },
        };
        Ok(Copies {
            poster: one("poster", self.poster)?,
            leaflet: one("leaflet", self.leaflet)?,
            banner: one("banner", self.banner)?,
        })
    }
}

/// The campaign's fixed days: the national day against trafficking in persons (30/7, the UN's
/// World Day too) and the campaign's peak period; `null` leaves one out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// Day and month, as people here write them: `30/7`.
    #[serde(default = "default_day")]
    pub day: Option<String>,
    #[serde(default = "default_peak")]
    pub peak: Option<PeakConfig>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PeakConfig {
    pub from: String,
    pub to: String,
}

impl Default for CalendarConfig {
    fn default() -> Self {
        CalendarConfig { day: default_day(), peak: default_peak() }
    }
}

fn default_day() -> Option<String> {
    Some("30/7".into())
}
fn default_peak() -> Option<PeakConfig> {
    Some(PeakConfig { from: "1/7".into(), to: "30/9".into() })
}

/// `30/7` → (day 30, month 7): a day that comes back every year (29/2 included).
pub fn day_month(s: &str) -> Option<(u8, u8)> {
    let (d, m) = s.trim().split_once('/')?;
    let small = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !small(d) || !small(m) {
        return None;
    }
    let (day, month): (u8, u8) = (d.parse().ok()?, m.parse().ok()?);
    let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    ((1..=12).contains(&month) && day >= 1 && day <= longest[usize::from(month - 1)]).then_some((day, month))
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 tag: `vi`, `hmn`, `blt`, `hnj-x-rpa`.
    pub code: String,
    /// The language's own name for itself, shown in the language switcher.
    pub name: String,
    /// Site title in this language (falls back to the site title).
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// ISO 15924 script code (`Latn`, `Tavt`); decides fonts and line breaking in print.
    #[serde(default = "default_script")]
    pub script: String,
    /// Orthography, e.g. `rpa` or `dananshan` for Hmong; data, not code.
    #[serde(default)]
    pub orthography: Option<String>,
    /// Font family for print output; the theme's default when absent.
    #[serde(default)]
    pub font: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub number: String,
    /// Other official numbers that may appear in content (commune police, border post).
    #[serde(default)]
    pub others: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrintConfig {
    /// No longer used: the shop copy of every piece always has 3 mm bleed and crop marks, the
    /// office copy never. Still read, so an older `loa.yaml` loads, with a warning that says so.
    #[serde(default)]
    pub bleed: Option<bool>,
    /// No longer used (see `bleed`).
    #[serde(default)]
    pub crop_marks: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct BroadcastConfig {
    /// Reading pace used to estimate a script's length.
    #[serde(default = "default_pace")]
    pub syllables_per_second: f64,
    /// A script longer than this is reported by `loa check`.
    #[serde(default)]
    pub max_seconds: Option<u32>,
}

impl Default for BroadcastConfig {
    fn default() -> Self {
        BroadcastConfig { syllables_per_second: default_pace(), max_seconds: None }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// How many SMS parts the no-diacritics message may use.
    #[serde(default = "one")]
    pub budget_parts: u32,
}

impl Default for SmsConfig {
    fn default() -> Self {
        SmsConfig { budget_parts: 1 }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Phone numbers and IDs that may be published (official contacts).
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Budgets {
    /// A page's HTML (with its inlined CSS), gzipped, in bytes: one TCP initial window.
    #[serde(default = "default_page_bytes")]
    pub page_gzip_bytes: usize,
    /// HTML gzipped plus the pictures on a phone's first screen (smallest variants), in bytes.
    #[serde(default = "default_first_screen_bytes")]
    pub first_screen_bytes: usize,
    /// A picture file bigger than this is reported by `loa check` (an original straight from a
    /// camera; see `check::images`).
    #[serde(default = "default_image_bytes")]
    pub image_bytes: u64,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            page_gzip_bytes: default_page_bytes(),
            first_screen_bytes: default_first_screen_bytes(),
            image_bytes: default_image_bytes(),
        }
    }
}

fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_script() -> String {
    "Latn".into()
}
fn default_pace() -> f64 {
    4.0
}
fn yes() -> bool {
    true
}
fn one() -> u32 {
    1
}
fn default_page_bytes() -> usize {
    14 * 1024
}
fn default_image_bytes() -> u64 {
    500 * 1024
}
/// 14 KB of HTML and one 480 px photo: a few seconds on a weak 2G/EDGE link.
fn default_first_screen_bytes() -> usize {
    64 * 1024
}

impl Config {
    /// Reads and checks `SITE/loa.yaml`; every problem found is returned.
    pub fn load(site: &Path) -> Result<Config, Diagnostics> {
        let path = site.join(CONFIG_FILE);
        let shown = Path::new(CONFIG_FILE);
        let cannot_read = |e: std::io::Error| {
            Diagnostics::from(vec![
                Diagnostic::error(
                    "config",
                    msg!("config-cannot-read", path = &path, reason = crate::fs::io_reason(&e)),
                )
                .in_file(shown)
                .with_hint(msg!("config-cannot-read-hint")),
            ])
        };
        use crate::fs::bounded::{Bounded, megabytes, read_bounded};
        let limit = crate::limits::SETTINGS_FILE_BYTES;
        let bytes = match read_bounded(&path, limit).map_err(cannot_read)? {
            Bounded::Bytes(bytes) => bytes,
            Bounded::TooBig(size) => {
                return Err(Diagnostics::from(vec![
                    Diagnostic::error(
                        "config",
                        msg!("config-file-too-big", megabytes = megabytes(size), max = megabytes(limit)),
                    )
                    .in_file(shown)
                    .with_hint(msg!("config-file-too-big-hint")),
                ]));
            }
        };
        let text = String::from_utf8(bytes).map_err(|_| {
            Diagnostics::from(vec![
                Diagnostic::error("config", msg!("content-not-utf8"))
                    .in_file(shown)
                    .with_hint(msg!("content-not-utf8-hint")),
            ])
        })?;
        Config::parse(&text, shown)
    }

    pub fn parse(text: &str, shown: &Path) -> Result<Config, Diagnostics> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: Config =
            yaml::parse(text, Origin { file: shown, first_line: 1 }).map_err(|d| Diagnostics::from(vec![d]))?;
        let problems = config.validate(text, shown);
        if problems.has_errors() {
            return Err(problems);
        }
        config.warnings = problems.into_vec();
        config.base_url = base_url::check(&config.base_url).unwrap_or_default();
        Ok(config)
    }

    /// Replaces `base_url` (`--base-url`), with the same checks as in loa.yaml.
    pub fn set_base_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        match base_url::check(url) {
            Ok(url) => {
                self.base_url = url;
                Ok(())
            }
            Err((message, hint)) => {
                Err(Diagnostic::error("config", msg!("config-base-url-flag", reason = message)).with_hint(hint))
            }
        }
    }

    /// A warning when `base_url` is a placeholder (`example.gov.vn`, `localhost`): printed QR codes
    /// and shared links would point there. Shown at the end of every build and check.
    pub fn placeholder_warning(&self) -> Option<Diagnostic> {
        let host = base_url::placeholder_host(&self.base_url)?;
        Some(
            Diagnostic::warning(PLACEHOLDER, msg!("config-placeholder", url = &self.base_url, host = host))
                .in_file(CONFIG_FILE)
                .with_hint(msg!("config-placeholder-hint")),
        )
    }

    fn validate(&self, text: &str, shown: &Path) -> Diagnostics {
        let mut out = Diagnostics::new();
        let err = |key: &str, message: Message, hint: Message| {
            let d = Diagnostic::error("config", message).in_file(shown).with_hint(hint);
            match position_of_value(text, key) {
                Some((line, col)) => d.at(line, col),
                None => d,
            }
        };
        for (key, set) in [("bleed", self.print.bleed), ("crop_marks", self.print.crop_marks)] {
            if set.is_some() {
                let d = Diagnostic::warning("config", msg!("config-print-retired", key = key))
                    .in_file(shown)
                    .with_hint(msg!("config-print-retired-hint", key = key));
                out.push(match position_of_value(text, key) {
                    Some((line, col)) => d.at(line, col),
                    None => d,
                });
            }
        }
        if self.languages.is_empty() {
            out.push(err("languages", msg!("config-no-languages"), msg!("config-no-languages-hint")));
        }
        let mut seen = std::collections::HashSet::new();
        for lang in &self.languages {
            if !is_language_tag(&lang.code) {
                out.push(err("code", msg!("config-bad-language", code = &lang.code), msg!("config-bad-language-hint")));
            }
            if !seen.insert(lang.code.as_str()) {
                out.push(err(
                    "code",
                    msg!("config-language-twice", code = &lang.code),
                    msg!("config-language-twice-hint"),
                ));
            }
        }
        if !self.languages.iter().any(|l| l.code == self.default_language) {
            let codes: Vec<_> = self.languages.iter().map(|l| l.code.as_str()).collect();
            out.push(err(
                "default_language",
                msg!("config-default-language", code = &self.default_language),
                msg!("config-default-language-hint", codes = codes.join(", ")),
            ));
        }
        if self.hotline.number.is_empty() || !self.hotline.number.chars().all(|c| c.is_ascii_digit()) {
            out.push(err("number", msg!("config-hotline", number = &self.hotline.number), msg!("config-hotline-hint")));
        }
        if let Err((message, hint)) = base_url::check(&self.base_url) {
            out.push(err("base_url", message, hint));
        }
        let mut range = |key: &str, checked: Result<(), (Message, Message)>| {
            if let Err((message, hint)) = checked {
                out.push(err(key, message, hint));
            }
        };
        use crate::limits::*;
        range("paginate", PAGINATE.check("paginate", self.paginate));
        let pace = self.broadcast.syllables_per_second;
        range("syllables_per_second", SYLLABLES_PER_SECOND.check("syllables_per_second", pace));
        if let Some(max) = self.broadcast.max_seconds {
            range("max_seconds", MAX_SECONDS.check("max_seconds", max));
        }
        range("budget_parts", SMS_PARTS.check("budget_parts", self.sms.budget_parts));
        let b = &self.budgets;
        range("page_gzip_bytes", BUDGET_BYTES.check("page_gzip_bytes", b.page_gzip_bytes as u64));
        range("first_screen_bytes", BUDGET_BYTES.check("first_screen_bytes", b.first_screen_bytes as u64));
        range("image_bytes", BUDGET_BYTES.check("image_bytes", b.image_bytes));
        if let Err((key, m, h)) = self.copies.check() {
            range(key, Err((m, h)));
        }
        let days = [("day", self.calendar.day.as_deref())].into_iter().chain(
            self.calendar.peak.iter().flat_map(|p| [("from", Some(p.from.as_str())), ("to", Some(p.to.as_str()))]),
        );
        for (key, value) in days {
            if let Some(v) = value.filter(|v| day_month(v).is_none()) {
                out.push(err(key, msg!("kit-not-day", key = key, value = v), msg!("kit-not-day-hint", key = key)));
            }
        }
        out
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn is_default_language(&self, code: &str) -> bool {
        self.default_language == code
    }

    /// Site title in a language.
    pub fn title_in(&self, code: &str) -> &str {
        self.language(code).and_then(|l| l.title.as_deref()).unwrap_or(&self.title)
    }

    pub fn description_in(&self, code: &str) -> &str {
        self.language(code).and_then(|l| l.description.as_deref()).unwrap_or(&self.description)
    }
}

/// A syntactic BCP 47 check: subtags of 1–8 ASCII letters or digits, the first all letters.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first_ok =
        parts.next().is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    first_ok && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title: T\nbase_url: https://x.vn/\ndefault_language: vi\nlanguages:\n  - {code: vi, name: Tiếng Việt}\n  - {code: hnj-x-rpa, name: Hmong}\nhotline: {number: \"111\"}\n";

    #[test]
    fn parses_a_minimal_config() {
        let c = Config::parse(GOOD, Path::new("loa.yaml")).unwrap();
        assert_eq!(c.base_url, "https://x.vn");
        assert_eq!(c.paginate, 20);
        assert_eq!(c.title_in("vi"), "T");
    }

    #[test]
    fn rejects_unknown_default_language_at_its_line() {
        let text = GOOD.replace("default_language: vi", "default_language: en");
        let errs = Config::parse(&text, Path::new("loa.yaml")).unwrap_err().into_vec();
        assert_eq!(errs[0].line, Some(3));
        assert_eq!(errs[0].message.text_arg("code"), Some("en"));
    }

    /// Issue 10: every number in loa.yaml is checked against a sane range at its line.
    #[test]
    fn numbers_out_of_range_are_errors_at_their_line() {
        for (key, bad) in [
            ("paginate", "paginate: 0"),
            ("paginate", "paginate: 100000000"),
            ("syllables_per_second", "broadcast: {syllables_per_second: .nan}"),
            ("syllables_per_second", "broadcast: {syllables_per_second: 0}"),
            ("max_seconds", "broadcast: {max_seconds: 4294967295}"),
            ("budget_parts", "sms: {budget_parts: 1000000}"),
            ("image_bytes", "budgets: {image_bytes: 0}"),
        ] {
            let text = format!("{GOOD}{bad}\n");
            let errs = Config::parse(&text, Path::new("loa.yaml")).unwrap_err().into_vec();
            assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
            assert_eq!(errs[0].line, Some(8), "{bad}");
            assert_eq!(
                (errs[0].message.id, errs[0].message.text_arg("key")),
                ("limit-out-of-range", Some(key)),
                "{bad}"
            );
        }
    }

    /// Issue 14: the print order's copies and the calendar's days are checked at their line.
    #[test]
    fn kit_settings_are_checked_at_their_line() {
        for (key, bad) in [
            ("poster", "copies: {poster: -5}"),
            ("leaflet", "copies: {leaflet: 2000000}"),
            ("day", "calendar: {day: \"31/4\"}"),
            ("from", "calendar: {peak: {from: \"2026-07-01\", to: \"30/9\"}}"),
        ] {
            let text = format!("{GOOD}{bad}\n");
            let errs = Config::parse(&text, Path::new("loa.yaml")).unwrap_err().into_vec();
            assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
            assert_eq!(errs[0].line, Some(8), "{bad}");
            assert_eq!(errs[0].message.text_arg("key"), Some(key), "{bad}: {}", errs[0]);
        }
        let c = Config::parse(&format!("{GOOD}calendar: {{day: null}}\n"), Path::new("loa.yaml")).unwrap();
        assert!(c.calendar.day.is_none() && c.calendar.peak.is_some());
        assert_eq!(day_month("29/2"), Some((29, 2)));
        assert_eq!(day_month("1/7"), Some((1, 7)));
    }

    #[test]
    fn language_tags() {
        for ok in ["vi", "hmn", "blt", "hnj-x-rpa", "zh-Hans-VN"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in ["", "v", "vi_VN", "../x", "vi-", "123"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }
}
