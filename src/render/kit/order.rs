//! The print order (issue 14): what to tell the print shop, from `copies:` in front matter
//! (per page and piece) or loa.yaml (for pages that give none).
//!
//! - `tai-lieu/print-order.csv`: one row per piece ordered (item, file, size, colour, sides,
//!   copies, finishing), then a total row; RFC 4180, UTF-8 with a byte order mark so Excel on
//!   Windows opens the Vietnamese as written.
//! - `tai-lieu/print-order.pdf`: the same on one A4 page for the shop, with the counts of the
//!   yearly report beside it ([`Report`]: "Số pano, áp phích, tờ rơi", "Số buổi truyền thông").
//!
//! Words are Vietnamese (the shop's and the report's language), from the i18n file's `order_*`
//! keys. A translation under review is never ordered (issue 11): its row says so, with 0 copies,
//! and the report does not count it.

use super::{MATERIALS_DIR, home_of};
use crate::content::{OutputKind, Page, PageId, Site};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::i18n::I18n;
use crate::msg;
use crate::render::print::{Engine, Paper, fonts};
use crate::render::{Artifact, Facts, RenderContext, Renderer};
use serde::Serialize;
use std::sync::Arc;

pub const CSV: &str = "print-order.csv";
pub const PDF: &str = "print-order.pdf";
pub const TEMPLATE: &str = "print-order";

/// The kinds of printed material the yearly report counts, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Pano,
    Poster,
    Leaflet,
    Banner,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Pano, Class::Poster, Class::Leaflet, Class::Banner];

    fn of(kind: OutputKind, paper: &Paper) -> Class {
        match kind {
            OutputKind::Leaflet => Class::Leaflet,
            OutputKind::Banner => Class::Banner,
            _ if paper.billboard => Class::Pano,
            _ => Class::Poster,
        }
    }

    /// The i18n key of its name (`order_pano` "Pano" …) and of its finishing.
    pub fn key(self) -> &'static str {
        match self {
            Class::Pano => "order_pano",
            Class::Poster => "order_poster",
            Class::Leaflet => "order_leaflet",
            Class::Banner => "order_banner",
        }
    }

    fn finishing_key(self) -> &'static str {
        match self {
            Class::Pano => "order_finish_pano",
            Class::Poster => "order_finish_poster",
            Class::Leaflet => "order_finish_leaflet",
            Class::Banner => "order_finish_banner",
        }
    }
}

/// One print-shop copy the build made, with what was asked for it.
pub struct Line<'a> {
    pub id: PageId,
    pub page: &'a Page,
    pub class: Class,
    pub rel: &'a str,
    pub paper: Paper,
    /// Copies asked for (front matter, else loa.yaml); `None`: not ordered.
    pub asked: Option<u32>,
    pub draft: bool,
}

impl Line<'_> {
    /// Copies to print: none of a draft.
    pub fn copies(&self) -> u32 {
        if self.draft { 0 } else { self.asked.unwrap_or(0) }
    }
}

/// Copies asked for one piece of a page: its front matter, else loa.yaml.
pub fn asked(site: &Site, page: &Page, kind: OutputKind) -> Option<u32> {
    let site_wide = site.config.copies.check().unwrap_or_default();
    let pick = |c: &crate::config::Copies| match kind {
        OutputKind::Poster => c.poster,
        OutputKind::Leaflet => c.leaflet,
        OutputKind::Banner => c.banner,
        _ => None,
    };
    pick(&page.schedule.copies).or_else(|| pick(&site_wide))
}

/// Every print-shop copy among `artifacts`, in site order.
pub fn lines<'a>(site: &'a Site, i18n: &I18n, artifacts: &'a [Artifact]) -> Vec<Line<'a>> {
    let print = [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner];
    let mut out: Vec<Line<'a>> = artifacts
        .iter()
        .filter(|a| print.contains(&a.kind) && !a.rel.ends_with("-office.pdf"))
        .filter_map(|a| {
            let page = &site.pages[a.page];
            let paper = crate::render::print::paper(i18n, "vi", page, a.kind, &a.rel)?;
            Some(Line {
                id: a.page,
                page,
                class: Class::of(a.kind, &paper),
                rel: &a.rel,
                paper,
                asked: asked(site, page, a.kind),
                draft: page.needs_review(),
            })
        })
        .collect();
    out.sort_by_key(|a| (a.id, a.class));
    out
}

/// The counts of the yearly report, of what is final (drafts are not counted).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Per class, in [`Class::ALL`] order: designs and copies ordered.
    pub print: Vec<(usize, u64)>,
    pub scripts: usize,
    /// Reading time of all scripts, in seconds (each read as its page asks, repeats included).
    pub script_seconds: u64,
    pub bulletins: usize,
    /// Airings planned (`broadcast: {times, from, to}`), and their time on air in seconds.
    pub airings: u64,
    pub airing_seconds: u64,
    /// Dated events (`event:`), counted once per page key (translations are one event).
    pub events: usize,
}

impl Report {
    pub fn of(site: &Site, lines: &[Line<'_>], artifacts: &[Artifact]) -> Report {
        let print = Class::ALL
            .iter()
            .map(|&c| {
                let of: Vec<&Line<'_>> = lines.iter().filter(|l| l.class == c && !l.draft).collect();
                (of.len(), of.iter().map(|l| u64::from(l.copies())).sum())
            })
            .collect();
        let mut r = Report { print, ..Report::default() };
        for a in artifacts {
            let page = &site.pages[a.page];
            match a.kind {
                OutputKind::Broadcast if !page.needs_review() => {
                    let seconds = a.facts.seconds.unwrap_or(0);
                    r.scripts += 1;
                    r.script_seconds += seconds;
                    if let Some(n) = page.schedule.airing.as_ref().and_then(|x| x.sessions()) {
                        r.airings += n;
                        r.airing_seconds += n * seconds;
                    }
                }
                OutputKind::Bulletin if !a.facts.draft => r.bulletins += 1,
                _ => {}
            }
        }
        let mut keys: Vec<&str> =
            site.pages.iter().filter(|p| p.schedule.event.is_some() && !p.needs_review()).map(|p| p.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        r.events = keys.len();
        r
    }

    /// The report's rows in words (label, value), for the PDF and the materials page.
    pub fn rows(&self, i18n: &I18n, lang: &str) -> Vec<(String, String)> {
        let t = |k: &str| i18n.get(lang, k).to_string();
        let fill = |k: &str, vals: &[(&str, String)]| {
            vals.iter().fold(t(k), |acc, (name, v)| acc.replace(&format!("{{{name}}}"), v))
        };
        let mut rows: Vec<(String, String)> = Class::ALL
            .iter()
            .zip(&self.print)
            .map(|(c, &(designs, copies))| {
                let label = fill("report_count_of", &[("what", t(c.key()))]);
                (label, fill("report_copies", &[("copies", copies.to_string()), ("designs", designs.to_string())]))
            })
            .collect();
        let minutes = |s: u64| s.div_ceil(60).to_string();
        rows.push((
            t("report_scripts"),
            fill("report_scripts_value", &[("n", self.scripts.to_string()), ("minutes", minutes(self.script_seconds))]),
        ));
        rows.push((
            t("report_airings"),
            fill("report_airings_value", &[("n", self.airings.to_string()), ("minutes", minutes(self.airing_seconds))]),
        ));
        rows.push((t("report_bulletins"), self.bulletins.to_string()));
        rows.push((t("report_events"), self.events.to_string()));
        rows
    }
}

/// The order's columns, then one row per piece ordered.
fn table(site: &Site, i18n: &I18n, lines: &[Line<'_>]) -> (Vec<String>, Vec<Vec<String>>, u64) {
    let t = |k: &str| i18n.get("vi", k).to_string();
    let head = [
        "order_col_n",
        "order_col_item",
        "order_col_title",
        "order_col_lang",
        "order_col_file",
        "order_col_size",
        "order_col_mm",
        "order_col_colour",
        "order_col_sides",
        "order_col_copies",
        "order_col_finishing",
        "order_col_note",
    ]
    .map(t)
    .to_vec();
    let mut rows = Vec::new();
    let mut total = 0u64;
    for line in lines.iter().filter(|l| l.asked.is_some_and(|n| n > 0)) {
        let page = line.page;
        let lang_name = site.config.language(page.lang()).map_or(page.lang(), |l| l.name.as_str());
        let sides = if line.class == Class::Leaflet { t("order_two_sides") } else { t("order_one_side") };
        let note = if line.draft {
            t("order_draft").replace("{copies}", &line.asked.unwrap_or(0).to_string())
        } else {
            String::new()
        };
        total += u64::from(line.copies());
        rows.push(vec![
            (rows.len() + 1).to_string(),
            t(line.class.key()),
            page.title().to_string(),
            lang_name.to_string(),
            line.rel.to_string(),
            line.paper.words.clone(),
            format!("{} × {} mm", line.paper.width_mm.round(), line.paper.height_mm.round()),
            t("order_colour"),
            sides,
            line.copies().to_string(),
            t(line.class.finishing_key()),
            note,
        ]);
    }
    (head, rows, total)
}

/// RFC 4180: fields with a comma, quote or line break in quotes, quotes doubled; CRLF.
pub fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| if f.contains([',', '"', '\n', '\r']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() })
        .collect();
    format!("{}\r\n", quoted.join(","))
}

fn csv(head: &[String], rows: &[Vec<String>], total: u64, total_label: &str) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(&csv_line(head));
    for r in rows {
        out.push_str(&csv_line(r));
    }
    let mut last = vec![String::new(); head.len()];
    last[1] = total_label.to_string();
    last[9] = total.to_string();
    out.push_str(&csv_line(&last));
    out
}

/// The data `print-order.typ` reads.
#[derive(Serialize)]
struct OrderData {
    title: String,
    issuer: String,
    site: String,
    date: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    total_label: String,
    total: String,
    empty: String,
    report_title: String,
    report: Vec<(String, String)>,
    note: String,
}

/// Writes the print order (CSV and PDF) when the site prints anything (full builds only).
pub struct OrderRenderer {
    engine: Option<Arc<Engine>>,
    /// Where its PDF is kept between builds (issue 16).
    cache: Option<Arc<Cache>>,
}

impl OrderRenderer {
    /// `engine`: `None` when no page asks for print, and then there is nothing to order.
    pub fn new(engine: Option<Arc<Engine>>, cache: Option<Arc<Cache>>) -> Self {
        OrderRenderer { engine, cache }
    }
}

impl Renderer for OrderRenderer {
    fn name(&self) -> &'static str {
        "print order"
    }

    fn site_wide(&self) -> bool {
        true
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let (Some(engine), true) = (&self.engine, cx.scope.is_all()) else { return Ok(Vec::new()) };
        let site = cx.site;
        let Some(home) = home_of(site, site.default_lang()) else { return Ok(Vec::new()) };
        let lines = lines(site, cx.i18n, cx.artifacts);
        let (head, rows, total) = table(site, cx.i18n, &lines);
        let t = |k: &str| cx.i18n.get("vi", k).to_string();
        let csv = csv(&head, &rows, total, &t("order_total"));
        let dir = MATERIALS_DIR;
        out.put(&format!("{dir}/{CSV}"), csv.as_bytes()).map_err(|d| vec![d])?;
        let report = Report::of(site, &lines, cx.artifacts);
        let today = crate::clock::today();
        let data = OrderData {
            title: t("order_title"),
            issuer: site.config.issuer.clone().unwrap_or_else(|| site.config.title.clone()),
            site: site.config.base_url.clone(),
            date: today.display(),
            head,
            rows,
            total_label: t("order_total"),
            total: total.to_string(),
            empty: t("order_empty"),
            report_title: t("report_title"),
            report: report.rows(cx.i18n, "vi"),
            note: t("order_note"),
        };
        let mut value = serde_json::to_value(&data)
            .map_err(|e| vec![Diagnostic::error("print", msg!("print-internal", reason = e.to_string()))])?;
        // A character no font has (an emoji in a title) is left out of the shop's copy, as on
        // share cards: the order must never fail for it, and the CSV keeps every character.
        keep_drawable(&mut value, &engine.cover());
        let ident = format!("{}/{dir}/{PDF}", site.config.base_url);
        let (pdf, pages) =
            engine.render_plain_cached(self.cache.as_deref(), &value, TEMPLATE, &ident).map_err(|d| vec![d])?;
        pdf.put(out, &format!("{dir}/{PDF}")).map_err(|d| vec![d])?;
        let pdf = pdf.bytes;
        let one_page = Facts { pages: Some(pages), ..Facts::default() };
        Ok(vec![
            Artifact::new(home, OutputKind::PrintOrder, format!("{dir}/{CSV}"), csv.len() as u64),
            Artifact::new(home, OutputKind::PrintOrder, format!("{dir}/{PDF}"), pdf.len() as u64).with(one_page),
        ])
    }
}

fn keep_drawable(v: &mut serde_json::Value, cover: &fonts::Cover<'_>) {
    match v {
        serde_json::Value::String(s) => *s = fonts::without_missing(s, cover),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| keep_drawable(x, cover)),
        serde_json::Value::Object(o) => o.values_mut().for_each(|x| keep_drawable(x, cover)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_it() {
        let f = |v: &[&str]| csv_line(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(f(&["1", "Áp phích", "Gọi 111, miễn phí"]), "1,Áp phích,\"Gọi 111, miễn phí\"\r\n");
        assert_eq!(f(&["Tờ \"rơi\""]), "\"Tờ \"\"rơi\"\"\"\r\n");
    }
}
