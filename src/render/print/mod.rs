//! Print: posters (and billboards), tri-fold leaflets and banners as print-ready PDFs, each in
//! a print-shop copy and (posters, leaflets) an office copy ([`variant`]).
//!
//! Typesetting is typst, embedded as a library. Layouts are the theme's `print/*.typ` templates
//! (a designer edits or adds one, no Rust change); content reaches them only as data
//! (`/data.json`, see [`data`]). Fonts and templates are parsed once per build ([`Engine`]) and
//! documents are rendered in parallel. typst's PDF then gets what it cannot write itself: a
//! BleedBox, exact CMYK and black overprint ([`prepress`]).
//!
//! Typst is quiet about what a print shop would notice too late, so this module checks first:
//! every character must be in a shipped font ([`fonts`]), font warnings are errors, content is
//! bounded ([`limits`]), text that does not fit is an error saying about how much to cut, and
//! pages stay within the PDF size limit ([`size`]).
//!
//! A piece whose inputs did not change is not made again: [`cache`] keeps every PDF by a hash
//! of what decides its bytes (issue 16).

pub(crate) mod cache;
mod colour_ops;
pub mod data;
mod distance;
pub mod fonts;
#[cfg(test)]
mod ink;
#[cfg(test)]
mod layout_tests;
mod leaflet;
mod limits;
mod paper;
mod pdf_syntax;
mod png_fast;
pub(crate) mod prepress;
pub mod size;
mod variant;
pub mod world;

use crate::content::{OutputKind, Page, PageId};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::i18n::I18n;
use crate::messages::Message;
use crate::msg;
use crate::render::{Artifact, RenderContext, Renderer, for_each_page};
use crate::theme::Theme;
use data::PrintData;
use std::path::Path;
use std::sync::Arc;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;
pub use variant::Variant;
use world::{Job, Shared};

/// One pixel per point: a 1200×630 pt share card is a 1200×630 px picture.
const PNG_OPTIONS: typst_render::RenderOptions =
    typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(1.0), render_bleed: false };

/// The message a template panics with when text cannot fit (see `common.typ`, `overflow-of`):
/// `loa-overflow:PART:RATIO`, RATIO being how many times too tall the part is at its smallest.
pub const OVERFLOW_MARK: &str = "loa-overflow";

/// Fonts and templates, loaded once per build and shared by the print and share renderers.
pub struct Engine {
    shared: Shared,
    /// Theme name from loa.yaml, to name a template file in errors.
    theme_name: String,
    /// A hash of the templates and fonts, part of every cache key ([`cache::fingerprint`]).
    fingerprint: String,
    /// What the book's fonts cover, as asked ([`fonts::Cover`]).
    cover: fonts::CoverMemo,
}

/// Changes whenever the code changes what a cached PDF holds: the prepress step, the PDF
/// options, the fixed date (a cached PDF of an older loa is never reused either: the key holds
/// the version).
const PDF_FORMAT: &str = "print-pdf-1";

/// Why a piece could not be made.
#[derive(Debug)]
pub(crate) enum Failure {
    /// A part of the text does not fit: `what` (`title`, `points`, `body`…), `ratio` how many
    /// times too tall it is at the smallest size the template allows (`None`: unknown).
    Overflow { what: String, ratio: Option<f64> },
    /// Any other error, ready to show.
    Other(Diagnostic),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Other(d)
    }
}

impl Engine {
    pub fn new(theme: &Theme, theme_name: &str) -> Result<Engine, Diagnostic> {
        // A fixed date: templates that print "today" give the same PDF on every rebuild.
        let today = Datetime::from_ymd(2026, 1, 1)
            .ok_or_else(|| Diagnostic::error("print", msg!("print-internal", reason = "bad fixed date")))?;
        let shared = Shared::new(theme, today)
            .map_err(|m| Diagnostic::error("theme", m).with_hint(msg!("print-theme-files-hint")))?;
        if shared.fonts.is_empty() {
            return Err(Diagnostic::error("theme", msg!("print-no-fonts")).with_hint(msg!("print-no-fonts-hint")));
        }
        Ok(Engine {
            shared,
            theme_name: theme_name.to_string(),
            fingerprint: cache::fingerprint(theme),
            cover: fonts::CoverMemo::default(),
        })
    }

    pub(crate) fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Which characters the fonts can draw.
    pub(crate) fn cover(&self) -> fonts::Cover<'_> {
        fonts::Cover { book: self.shared.book(), memo: &self.cover }
    }

    /// Renders one page's data with a template into a finished PDF (see [`prepress`]).
    pub fn render(&self, page: &Page, data: &PrintData, template: &str) -> Result<Vec<u8>, Diagnostic> {
        self.try_render(page, data, template).map_err(|f| failure_diagnostic(f, page, data))
    }

    pub(crate) fn try_render(&self, page: &Page, data: &PrintData, template: &str) -> Result<Vec<u8>, Failure> {
        let doc = self.document(page, data, template)?;
        let pdf = self.export(&doc, page, data)?;
        let finish = prepress::Finish { bleed_pt: data.bleed_mm * size::PT_PER_MM };
        prepress::finish(&pdf, &finish).map_err(|e| {
            Failure::Other(
                Diagnostic::error(
                    "print",
                    msg!("print-cannot-finish", kind = kind_name(data.kind), reason = e.to_string()),
                )
                .in_file(&page.info.shown)
                .with_hint(msg!("print-bug-hint")),
            )
        })
    }

    /// Renders the first page of a template to PNG at one pixel per point (share cards).
    pub fn render_png(&self, page: &Page, data: &PrintData, template: &str) -> Result<Vec<u8>, Diagnostic> {
        let doc = self.document(page, data, template).map_err(|f| failure_diagnostic(f, page, data))?;
        let first = doc
            .pages()
            .first()
            .ok_or_else(|| failure_diagnostic(Failure::Overflow { what: "title".into(), ratio: None }, page, data))?;
        let pixmap = typst_render::render(first, &PNG_OPTIONS);
        if let Some(png) = png_fast::encode_opaque(pixmap.width(), pixmap.height(), pixmap.data()) {
            return Ok(png);
        }
        pixmap.encode_png().map_err(|e| {
            Diagnostic::error("print", msg!("print-cannot-png", kind = kind_name(data.kind), reason = e.to_string()))
                .in_file(&page.info.shown)
                .with_hint(msg!("print-bug-hint"))
        })
    }

    /// Checks the template, the font family and every character, then typesets; warnings are
    /// errors.
    pub(crate) fn document(&self, page: &Page, data: &PrintData, template: &str) -> Result<PagedDocument, Failure> {
        let shown = &page.info.shown;
        if !self.shared.templates.iter().any(|t| t == template) {
            let mut names = self.shared.templates.clone();
            names.sort();
            return Err(Failure::Other(
                Diagnostic::error("front-matter", msg!("print-no-template", template = template))
                    .in_file(shown)
                    .with_hint(msg!("print-no-template-hint", names = names.join(", "))),
            ));
        }
        if let Some(d) = self.font_problem(None, page, data) {
            return Err(Failure::Other(d));
        }
        let json = serde_json::to_vec(data)
            .map_err(|e| Diagnostic::error("print", msg!("print-internal", reason = e.to_string())).in_file(shown))?;
        let main = world::file_id(&format!("/{template}.typ")).ok_or_else(|| {
            Diagnostic::error("print", msg!("print-template-bad-name", file = format!("print/{template}.typ")))
                .in_file(shown)
        })?;
        let job = Job { shared: &self.shared, main, data: Bytes::new(json) };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&job);
        let result = match output {
            Ok(doc) => match warnings.iter().find(|w| w.severity == Severity::Warning) {
                // Font warnings ("unknown font family") mean wrong or missing letters: fail.
                Some(w) => Err(self.template_error(&job, w, page, data)),
                None => Ok(doc),
            },
            Err(errors) => Err(self.template_error(&job, &errors[0], page, data)),
        };
        bound_memo();
        result
    }

    /// The family a language asks for, or a character no font has, as an error. `root`: the
    /// site folder, to find the character's line and column in the page's file.
    pub(crate) fn font_problem(&self, root: Option<&Path>, page: &Page, data: &PrintData) -> Option<Diagnostic> {
        let shown = &page.info.shown;
        if !fonts::has_family(self.shared.book(), &data.font) {
            return Some(
                Diagnostic::error("print", msg!("print-no-font", font = &data.font, lang = &data.lang))
                    .in_file(shown)
                    .with_hint(msg!("print-no-font-hint", lang = &data.lang)),
            );
        }
        let m = fonts::missing_glyph(data, &self.cover())?;
        let d = Diagnostic::error(
            "print-glyph",
            msg!(
                "print-glyph",
                ch = m.ch,
                code = fonts::code_point(m.ch),
                word = m.word.as_str(),
                kind = kind_name(data.kind)
            ),
        )
        .in_file(shown)
        .with_hint(msg!("print-glyph-hint"));
        let text = root.and_then(|r| std::fs::read_to_string(r.join(shown)).ok());
        Some(match text.and_then(|t| fonts::position(&t, &m.word, m.ch)) {
            Some((line, col)) => d.at(line, col),
            None => d,
        })
    }

    fn export(&self, doc: &PagedDocument, page: &Page, data: &PrintData) -> Result<Vec<u8>, Failure> {
        let expected = if data.kind == "leaflet" { 2 } else { 1 };
        if doc.pages().len() != expected {
            return Err(Failure::Overflow { what: "pages".into(), ratio: None });
        }
        // No PDF/A-2b: typst-pdf 0.15.1 refuses it for these files ("the PDF is missing a CMYK
        // profile"): PDF/A wants an output intent for DeviceCMYK colours and typst cannot embed a
        // CMYK ICC profile. Print shops need the CMYK colours (see common.typ), so they win.
        let options = PdfOptions {
            // A stable document id: the same page, output and copy give the same id on every build.
            ident: Smart::Custom(format!("{}{}{}", data.url, data.kind, data.variant)),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(doc, &options).map_err(|errs| {
            let msg = errs.first().map(|e| e.message.to_string()).unwrap_or_default();
            Failure::Other(
                Diagnostic::error("print", msg!("print-cannot-pdf", kind = kind_name(data.kind), reason = msg))
                    .in_file(&page.info.shown)
                    .with_hint(msg!("print-bug-hint")),
            )
        })
    }

    /// A typst error: text that does not fit is the page's problem; anything else is the template's.
    fn template_error(&self, job: &Job<'_>, e: &SourceDiagnostic, page: &Page, data: &PrintData) -> Failure {
        if let Some(rest) = e.message.split(OVERFLOW_MARK).nth(1) {
            let mut parts = rest.trim_start_matches(':').split(':');
            let what = parts.next().unwrap_or("text").trim_end_matches('"').to_string();
            let ratio = parts.next().and_then(|r| r.trim_end_matches('"').parse().ok());
            return Failure::Overflow { what, ratio };
        }
        // typst's own words (English) are the template author's to read: they are passed on
        // inside a sentence that says, in the user's language, where the problem is.
        let hints: Vec<&str> = e.hints.iter().map(|h| h.v.as_str()).collect();
        let mut d = Diagnostic::error(
            "print-template",
            msg!(
                "print-template-error",
                reason = e.message.as_str(),
                kind = kind_name(data.kind),
                file = &page.info.shown
            ),
        )
        .with_hint(if hints.is_empty() {
            msg!("print-template-hint")
        } else {
            msg!("print-template-typst-hint", hints = hints.join("; "))
        });
        if let Some((file, line)) = self.place(job, e) {
            d = d.in_file(format!("themes/{}/print/{file}", self.theme_name)).at_line(line);
        }
        Failure::Other(d)
    }

    /// The template file and line of a typst error.
    fn place(&self, job: &Job<'_>, e: &SourceDiagnostic) -> Option<(String, usize)> {
        let id = e.span.id()?;
        let source = self.shared.source(id)?;
        let line = source.lines().byte_to_line(job.range(e.span)?.start)?;
        Some((id.get().vpath().get_without_slash().to_string(), line + 1))
    }

    /// A document that is no page's piece (the print order): `data` as `/data.json` for
    /// `template`, a plain PDF (read in an office, not cut: no bleed, no prepress). Strings the
    /// fonts cannot draw must be left out by the caller (see [`fonts::without_missing`]).
    /// Returns the PDF and its number of pages.
    pub(crate) fn render_plain(
        &self,
        data: &serde_json::Value,
        template: &str,
        ident: &str,
    ) -> Result<(Vec<u8>, u32), Diagnostic> {
        let file = format!("themes/{}/print/{template}.typ", self.theme_name);
        let json = serde_json::to_vec(data)
            .map_err(|e| Diagnostic::error("print", msg!("print-internal", reason = e.to_string())).in_file(&file))?;
        let main = world::file_id(&format!("/{template}.typ"))
            .filter(|_| self.shared.templates.iter().any(|t| t == template))
            .ok_or_else(|| {
                Diagnostic::error("theme", msg!("kit-no-template", template = template))
                    .in_file(&file)
                    .with_hint(msg!("kit-no-template-hint"))
            })?;
        let job = Job { shared: &self.shared, main, data: Bytes::new(json) };
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&job);
        bound_memo();
        let problem = match &output {
            Err(errors) => errors.first().cloned(),
            Ok(_) => warnings.iter().find(|w| w.severity == Severity::Warning).cloned(),
        };
        if let Some(e) = problem {
            let d = Diagnostic::error(
                "print-template",
                msg!("kit-template-error", template = template, reason = e.message.as_str()),
            )
            .with_hint(msg!("print-template-hint"));
            return Err(match self.place(&job, &e) {
                Some((f, line)) => d.in_file(format!("themes/{}/print/{f}", self.theme_name)).at_line(line),
                None => d.in_file(&file),
            });
        }
        let doc = output.map_err(|_| {
            Diagnostic::error("print", msg!("print-internal", reason = "typst gave no document")).in_file(&file)
        })?;
        let options = PdfOptions { ident: Smart::Custom(ident.to_string()), ..PdfOptions::default() };
        let pdf = typst_pdf::pdf(&doc, &options).map_err(|errs| {
            let msg = errs.first().map(|e| e.message.to_string()).unwrap_or_default();
            Diagnostic::error("print", msg!("kit-cannot-pdf", template = template, reason = msg))
                .in_file(&file)
                .with_hint(msg!("print-bug-hint"))
        })?;
        Ok((pdf, doc.pages().len() as u32))
    }

    /// [`Engine::render_plain`] through the cache: the PDF (with its entry) and its pages.
    pub(crate) fn render_plain_cached(
        &self,
        cache: Option<&Cache>,
        data: &serde_json::Value,
        template: &str,
        ident: &str,
    ) -> Result<(cache::Made, u32), Diagnostic> {
        let json = serde_json::to_vec(data).ok();
        let key = json.map(|j| cache::key(self, PDF_FORMAT, &[b"plain", &j, template.as_bytes(), ident.as_bytes()]));
        let mut pages = None;
        let made = cache::get_or_make(cache, cache::PDF_FOLDER, key.as_deref(), "pdf", || {
            self.render_plain(data, template, ident).map(|(pdf, n)| {
                pages = Some(n);
                pdf
            })
        })?;
        match pages.or_else(|| prepress::page_count(&made.bytes)) {
            Some(n) => Ok((made, n)),
            // A cached PDF loa cannot count the pages of: made again.
            None => self.render_plain(data, template, ident).map(|(bytes, n)| (cache::Made { bytes, entry: None }, n)),
        }
    }
}

/// Keeps comemo's memo cache, global and growing with every document, bounded: entries no
/// document used in the last 16 or so are dropped.
///
/// Not an eviction after every document: each one walks every entry of every memoized function
/// (0.13 ms of a 4.8 ms share card, issue 16). Every 8th document, dropping what the last two
/// evictions did not see used, keeps about as much (8 to 16 documents' entries, 10 before) at an
/// eighth of the walks (0.09 ms a card: dropping the entries costs the same). What every
/// document uses (common.typ, the fonts) is never dropped.
fn bound_memo() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static DOCUMENTS: AtomicUsize = AtomicUsize::new(0);
    if DOCUMENTS.fetch_add(1, Ordering::Relaxed) % 8 == 7 {
        typst::comemo::evict(1);
    }
}

/// A piece's name in the user's words ("áp phích").
pub(crate) fn kind_name(kind: &str) -> Message {
    match kind {
        "poster" => msg!("print-kind-poster"),
        "leaflet" => msg!("print-kind-leaflet"),
        "banner" => msg!("print-kind-banner"),
        "social" => msg!("print-kind-social"),
        _ => msg!("print-kind-share"),
    }
}

fn part_name(part: &str) -> Message {
    match part {
        "title" => msg!("print-part-title"),
        "description" => msg!("print-part-description"),
        "slogan" => msg!("print-part-slogan"),
        "points" => msg!("print-part-points"),
        _ => msg!("print-part-text"),
    }
}

fn failure_diagnostic(f: Failure, page: &Page, data: &PrintData) -> Diagnostic {
    match f {
        Failure::Other(d) => d,
        Failure::Overflow { what, ratio } => overflow(page, data, &what, ratio),
    }
}

/// How many words (or, for text written without spaces, characters) a part of the data has.
fn part_size(data: &PrintData, what: &str) -> (usize, bool) {
    let text: String = match what {
        "title" => data.title.clone(),
        "description" => data.description.clone(),
        "slogan" => data.slogan.clone(),
        "points" => data.points.iter().flatten().map(|r| format!("{} ", r.text)).collect(),
        _ => serde_json::to_string(&data.body).unwrap_or_default(),
    };
    let text = if what == "body" || what == "pages" { body_text(data) } else { text };
    let words = text.split_whitespace().count();
    if words >= 3 { (words, true) } else { (text.chars().filter(|c| !c.is_whitespace()).count(), false) }
}

fn body_text(data: &PrintData) -> String {
    fn walk(b: &data::PBlock, out: &mut String) {
        use data::PBlock::*;
        let mut push = |rs: &[data::Run]| {
            rs.iter().for_each(|r| {
                out.push_str(&r.text);
                out.push(' ')
            })
        };
        match b {
            Heading { runs, .. } | Para { runs } => push(runs),
            Table { head, rows } => {
                head.iter().for_each(|c| push(c));
                rows.iter().flatten().for_each(|c| push(c));
            }
            List { items, .. } => items.iter().flatten().for_each(|b| walk(b, out)),
            Quote { blocks } => blocks.iter().for_each(|b| walk(b, out)),
        }
    }
    let mut out = String::new();
    data.body.iter().for_each(|b| walk(b, &mut out));
    out
}

fn overflow(page: &Page, data: &PrintData, what: &str, ratio: Option<f64>) -> Diagnostic {
    let part = match what {
        "title" => "title",
        "description" => "description",
        "slogan" => "slogan",
        "points" => "points",
        _ => "text",
    };
    let how_much = ratio.filter(|r| r.is_finite() && *r > 1.0).map(|r| {
        let (n, words) = part_size(data, what);
        // Text area grows about linearly with the text: cut the share that is too much,
        // rounded up to 5 %.
        let share = ((1.0 - 1.0 / r) * 20.0).ceil() / 20.0;
        let cut = ((n as f64) * share).ceil() as usize;
        let percent = (share * 100.0).round() as usize;
        if words {
            msg!("print-overflow-words", percent = percent, cut = cut, total = n)
        } else {
            msg!("print-overflow-chars", percent = percent, cut = cut, total = n)
        }
    });
    let what_else = match data.kind {
        "poster" if part == "points" => msg!("print-overflow-points-hint"),
        "poster" => msg!("print-overflow-poster-hint"),
        "banner" => msg!("print-overflow-banner-hint"),
        _ => msg!("print-overflow-leaflet-hint"),
    };
    let message = match how_much {
        Some(how_much) => msg!(
            "print-overflow-by",
            part = part_name(part),
            kind = kind_name(data.kind),
            size = data.size.name.as_str(),
            lang = data.lang.as_str(),
            how_much = how_much
        ),
        None => msg!(
            "print-overflow",
            part = part_name(part),
            kind = kind_name(data.kind),
            size = data.size.name.as_str(),
            lang = data.lang.as_str()
        ),
    };
    Diagnostic::error("print-overflow", message).in_file(&page.info.shown).with_hint(what_else)
}

/// One print output (poster, leaflet or banner) over every page that asks for it.
pub struct PrintRenderer {
    kind: OutputKind,
    engine: Arc<Engine>,
    cache: Option<Arc<Cache>>,
}

impl PrintRenderer {
    /// The three print renderers, sharing one [`Engine`] and the cache of PDFs.
    pub fn all(engine: Arc<Engine>, cache: Option<Arc<Cache>>) -> Vec<PrintRenderer> {
        [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner]
            .into_iter()
            .map(|kind| PrintRenderer { kind, engine: Arc::clone(&engine), cache: cache.clone() })
            .collect()
    }

    fn page(&self, cx: &RenderContext<'_>, id: PageId, out: &dyn Sink) -> Result<Vec<Artifact>, Diagnostic> {
        let page = cx.site.page(id);
        let at_key = |d: Diagnostic| match (d.code, d.line) {
            ("front-matter", None) => match front_matter_line(cx, page, self.kind.name()) {
                Some((line, col)) => d.at(line, col),
                None => d,
            },
            _ => d,
        };
        let mut artifacts = Vec::new();
        for &variant in Variant::for_kind(self.kind) {
            let pdf = self.piece(cx, page, variant).map_err(at_key)?;
            let rel = format!("{}{}", page.url_path(), variant.file_name(self.kind.name()));
            pdf.put(out, &rel)?;
            let pages = if self.kind == OutputKind::Leaflet { 2 } else { 1 };
            let facts = crate::render::Facts { pages: Some(pages), ..Default::default() };
            artifacts.push(Artifact::new(id, self.kind, rel, pdf.bytes.len() as u64).with(facts));
        }
        Ok(artifacts)
    }

    /// One copy of the piece, from the cache when an earlier build made it from the same data
    /// (the fitting below depends on nothing else, so its result is cached with it).
    fn piece(&self, cx: &RenderContext<'_>, page: &Page, variant: Variant) -> Result<cache::Made, Diagnostic> {
        let (mut data, template) = page_data_without_qr(cx, page, self.kind, variant)?;
        let key = self.cache.as_ref().and_then(|_| {
            let json = serde_json::to_vec(&data).ok()?;
            Some(cache::key(&self.engine, PDF_FORMAT, &[b"piece", &json, template.as_bytes()]))
        });
        cache::get_or_make(self.cache.as_deref(), cache::PDF_FOLDER, key.as_deref(), "pdf", || {
            data::add_qr(&mut data);
            self.fit(cx, page, data, &template)
        })
    }

    /// Typesets the piece. A poster whose points came from the page's list drops points from
    /// the end until it fits; a leaflet whose balanced columns leave text over is set again in
    /// full columns.
    fn fit(
        &self,
        cx: &RenderContext<'_>,
        page: &Page,
        mut data: PrintData,
        template: &str,
    ) -> Result<Vec<u8>, Diagnostic> {
        if let Some(d) = self.engine.font_problem(Some(&cx.site.root), page, &data) {
            return Err(d);
        }
        loop {
            match self.engine.try_render(page, &data, template) {
                Ok(pdf) => return Ok(pdf),
                Err(Failure::Overflow { what, .. })
                    if what == "points" && !data.points_given && !data.points.is_empty() =>
                {
                    data.points.pop();
                }
                Err(Failure::Overflow { what, .. })
                    if what == "pages" && data.leaflet.as_ref().is_some_and(|g| g.balance) =>
                {
                    if let Some(g) = data.leaflet.as_mut() {
                        g.balance = false;
                    }
                }
                Err(f) => return Err(failure_diagnostic(f, page, &data)),
            }
        }
    }
}

impl Renderer for PrintRenderer {
    fn name(&self) -> &'static str {
        self.kind.name()
    }
    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        for_each_page(cx, self.kind, |id| self.page(cx, id, out))
    }
}

/// The file line and column of a front matter key (`poster:`), for an error found while rendering. Reads
/// the page's file again: only on this error path, so a build reads each file once.
fn front_matter_line(cx: &RenderContext<'_>, page: &Page, key: &str) -> Option<(usize, usize)> {
    crate::render::source_line::key_position_in_file(&cx.site.root, &page.info.shown, key)
}

/// A piece's sizes: what the page asked for and what this copy is laid out on.
struct Geometry {
    /// The template's name (and front matter key) of the kind: `poster`, `leaflet`, `banner`.
    key: &'static str,
    template: String,
    /// The trim of this copy at full size (an office copy: its paper).
    trim: size::Size,
    layout: size::Layout,
    distance_m: f64,
}

fn geometry(page: &Page, kind: OutputKind, variant: Variant) -> Result<Geometry, Diagnostic> {
    let fm = &page.fm;
    let (size_text, template, key) = match kind {
        OutputKind::Leaflet => ("A4".to_string(), fm.leaflet.as_ref().and_then(|l| l.template.clone()), "leaflet"),
        OutputKind::Banner => (
            fm.banner.as_ref().and_then(|b| b.size.clone()).unwrap_or_else(|| "500x80cm".into()),
            fm.banner.as_ref().and_then(|b| b.template.clone()),
            "banner",
        ),
        _ => (
            fm.poster.as_ref().and_then(|p| p.size.clone()).unwrap_or_else(|| "A3".into()),
            fm.poster.as_ref().and_then(|p| p.template.clone()),
            "poster",
        ),
    };
    let piece = if kind == OutputKind::Leaflet {
        Some(size::Size { width_mm: leaflet::WIDTH_MM, height_mm: leaflet::HEIGHT_MM })
    } else {
        size::parse(&size_text)
    };
    let piece = piece.ok_or_else(|| {
        Diagnostic::error("front-matter", msg!("print-bad-size", line = format!("{key}: {{size: {size_text}}}")))
            .in_file(&page.info.shown)
            .with_hint(msg!("print-bad-size-hint", key = key))
    })?;
    let trim = variant.paper(piece);
    let name = if trim == piece && kind != OutputKind::Leaflet { size_text.clone() } else { paper::size_name(trim) };
    let layout = size::layout(&name, trim, variant.bleed_mm() + variant.slug_mm()).ok_or_else(|| {
        Diagnostic::error("front-matter", msg!("print-too-large", size = size_text.as_str()))
            .in_file(&page.info.shown)
            .with_hint(msg!("print-too-large-hint"))
    })?;
    let given = fm.poster.as_ref().and_then(|p| p.distance).filter(|_| kind == OutputKind::Poster);
    let distance_m = match given {
        Some(d) if !distance::DISTANCE_RANGE.contains(&d) => {
            return Err(Diagnostic::error("front-matter", msg!("print-bad-distance", distance = d.to_string()))
                .in_file(&page.info.shown)
                .with_hint(msg!(
                    "print-bad-distance-hint",
                    min = distance::DISTANCE_RANGE.start().to_string(),
                    max = distance::DISTANCE_RANGE.end().to_string()
                )));
        }
        // An office copy is read like its own paper, whatever the big piece's distance.
        Some(d) if trim == piece => d,
        _ => distance::default_distance_m(trim),
    };
    Ok(Geometry { key, template: template.unwrap_or_else(|| key.to_string()), trim, layout, distance_m })
}

/// The data and template name for one page, output kind and copy.
pub fn page_data(
    cx: &RenderContext<'_>,
    page: &Page,
    kind: OutputKind,
    variant: Variant,
) -> Result<(PrintData, String), Diagnostic> {
    let (mut data, template) = page_data_without_qr(cx, page, kind, variant)?;
    data::add_qr(&mut data);
    Ok((data, template))
}

/// [`page_data`] without the QR code (see [`data::build_without_qr`]).
fn page_data_without_qr(
    cx: &RenderContext<'_>,
    page: &Page,
    kind: OutputKind,
    variant: Variant,
) -> Result<(PrintData, String), Diagnostic> {
    let g = geometry(page, kind, variant)?;
    let inputs = data::Inputs {
        site: cx.site,
        i18n: cx.i18n,
        page,
        kind: g.key,
        variant,
        size: g.layout.clone(),
        distance_m: g.distance_m,
    };
    let mut data = data::build_without_qr(inputs).map_err(|l| l.diagnostic(&cx.site.root, page, g.key))?;
    if variant == Variant::Shop {
        let words = paper::PaperWords { i18n: cx.i18n, lang: "vi", kind: g.key, trim: g.trim, layout: &g.layout };
        data.slug_text = words.slug_lines(&format!("{}{}", page.url_path(), variant.file_name(g.key)));
    }
    Ok((data, g.template))
}

/// The paper of a print file (`rel` ends in `poster.pdf`, `banner.pdf`…) of `page`, for the
/// materials page and the print order.
pub struct Paper {
    /// "A3 dọc", "A4 ngang, 2 mặt, lật cạnh ngắn", "240 × 120 cm", in the language asked for.
    pub words: String,
    pub width_mm: f64,
    pub height_mm: f64,
    /// A poster in a size given in cm: a billboard (pano), not a sheet of paper.
    pub billboard: bool,
}

pub fn paper(i18n: &I18n, lang: &str, page: &Page, kind: OutputKind, rel: &str) -> Option<Paper> {
    if !matches!(kind, OutputKind::Poster | OutputKind::Leaflet | OutputKind::Banner) {
        return None;
    }
    let file = rel.rsplit('/').next()?;
    let (_, variant) = Variant::from_file_name(file)?;
    let g = geometry(page, kind, variant).ok()?;
    let words = paper::PaperWords { i18n, lang, kind: g.key, trim: g.trim, layout: &g.layout };
    Some(Paper {
        words: words.paper(),
        width_mm: g.trim.width_mm,
        height_mm: g.trim.height_mm,
        billboard: kind == OutputKind::Poster && !paper::size_name(g.trim).starts_with('A'),
    })
}

/// The downloads list's note for a print file of `page` (`rel` ends in `poster.pdf`,
/// `leaflet-office.pdf`…): the paper in words and which copy it is, in the page's language;
/// `None` for files that are not print copies.
pub fn download_note(i18n: &I18n, page: &Page, kind: OutputKind, rel: &str) -> Option<String> {
    let file = rel.rsplit('/').next()?;
    let (_, variant) = Variant::from_file_name(file)?;
    let g = geometry(page, kind, variant).ok()?;
    let words = paper::PaperWords { i18n, lang: page.lang(), kind: g.key, trim: g.trim, layout: &g.layout };
    Some(words.note(variant))
}
