//! Print: posters (and billboards), tri-fold leaflets and banners as print-ready PDFs.
//!
//! Typesetting is typst, embedded as a library. Layouts are the theme's `print/*.typ` templates
//! (a designer edits or adds one, no Rust change); content reaches them only as data
//! (`/data.json`, see [`data`]). Fonts and templates are parsed once per build ([`Engine`]) and
//! documents are rendered in parallel.
//!
//! Typst is quiet about what a print shop would notice too late, so this module checks first:
//! every character must be in a shipped font ([`fonts`]), font warnings are errors, text that
//! does not fit is an error naming the page, and pages stay within the PDF size limit ([`size`]).

pub mod data;
pub mod fonts;
pub mod size;
pub mod world;

use crate::content::{OutputKind, Page, PageId};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::render::{Artifact, RenderContext, Renderer, for_each_page};
use crate::theme::Theme;
use data::PrintData;
use std::sync::Arc;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic, Warned};
use typst::foundations::{Bytes, Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;
use world::{Job, Shared};

/// One pixel per point: a 1200×630 pt share card is a 1200×630 px picture.
const PNG_OPTIONS: typst_render::RenderOptions =
    typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(1.0), render_bleed: false };

/// The message a template panics with when text cannot fit (see `lib.typ`, `fit-or-fail`).
pub const OVERFLOW_MARK: &str = "loa-overflow";

/// Fonts and templates, loaded once per build and shared by the three renderers.
pub struct Engine {
    shared: Shared,
    /// Theme name from loa.yaml, to name a template file in errors.
    theme_name: String,
}

impl Engine {
    pub fn new(theme: &Theme, theme_name: &str) -> Result<Engine, Diagnostic> {
        // A fixed date: templates that print "today" give the same PDF on every rebuild.
        let today = Datetime::from_ymd(2026, 1, 1).ok_or_else(|| Diagnostic::error("print", "bad fixed date"))?;
        let shared = Shared::new(theme, today).map_err(|m| {
            Diagnostic::error("theme", m).with_hint("check the files in the theme's `fonts/` and `print/` folders")
        })?;
        if shared.fonts.is_empty() {
            return Err(Diagnostic::error("theme", "the theme has no fonts for print")
                .with_hint("put .ttf files in `themes/NAME/fonts/` or remove the theme's empty `fonts/` folder"));
        }
        Ok(Engine { shared, theme_name: theme_name.to_string() })
    }

    /// Renders one page's data with a template into PDF bytes.
    pub fn render(&self, page: &Page, data: &PrintData, template: &str) -> Result<Vec<u8>, Diagnostic> {
        let doc = self.document(page, data, template)?;
        self.export(&doc, page, data)
    }

    /// Renders the first page of a template to PNG at one pixel per point (share cards).
    pub fn render_png(&self, page: &Page, data: &PrintData, template: &str) -> Result<Vec<u8>, Diagnostic> {
        let doc = self.document(page, data, template)?;
        let first = doc.pages().first().ok_or_else(|| overflow(page, data))?;
        typst_render::render(first, &PNG_OPTIONS).encode_png().map_err(|e| {
            Diagnostic::error("print", format!("cannot write the {} picture: {e}", data.kind)).in_file(&page.info.shown)
        })
    }

    /// Checks fonts and coverage, then typesets; warnings are errors.
    fn document(&self, page: &Page, data: &PrintData, template: &str) -> Result<PagedDocument, Diagnostic> {
        let shown = &page.info.shown;
        let fail = |d: Diagnostic| Err(d.in_file(shown));
        if !self.shared.templates.iter().any(|t| t == template) {
            let mut names = self.shared.templates.clone();
            names.sort();
            return fail(
                Diagnostic::error("front-matter", format!("there is no print template `{template}`"))
                    .with_hint(format!("use one of: {} (files in the theme's `print/` folder)", names.join(", "))),
            );
        }
        if !fonts::has_family(self.shared.book(), &data.font) {
            return fail(
                Diagnostic::error(
                    "print",
                    format!("the font `{}` of the language `{}` is not in the theme", data.font, data.lang),
                )
                .with_hint(format!(
                    "put its .ttf files in `themes/NAME/fonts/`, or change `font:` of `{}` in loa.yaml",
                    data.lang
                )),
            );
        }
        if let Some(m) = fonts::missing_glyph(data, self.shared.book()) {
            return fail(Diagnostic::error(
                "print",
                format!(
                    "the character `{}` ({}) in “{}” ({} {}) is in no font of the theme, so it would print as an empty box",
                    m.ch,
                    fonts::code_point(m.ch),
                    m.context,
                    data.lang,
                    data.kind
                ),
            )
            .with_hint("replace the character, or add a font that has it to `themes/NAME/fonts/` and name it in `font:` of the language in loa.yaml"));
        }
        let json = serde_json::to_vec(data).map_err(|e| Diagnostic::error("print", e.to_string()).in_file(shown))?;
        let main = world::file_id(&format!("/{template}.typ"))
            .ok_or_else(|| Diagnostic::error("print", format!("bad template name `{template}`")).in_file(shown))?;
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
        // comemo's memo cache is global and grows with every document; keep it bounded.
        typst::comemo::evict(10);
        result
    }

    fn export(&self, doc: &PagedDocument, page: &Page, data: &PrintData) -> Result<Vec<u8>, Diagnostic> {
        let shown = &page.info.shown;
        let expected = if data.kind == "leaflet" { 2 } else { 1 };
        if doc.pages().len() != expected {
            return Err(overflow(page, data));
        }
        // No PDF/A-2b: typst-pdf 0.15.1 refuses it for these files ("the PDF is missing a CMYK
        // profile"): PDF/A wants an output intent for DeviceCMYK colours and typst cannot embed a
        // CMYK ICC profile. Print shops need the CMYK colours (see lib.typ), so they win.
        let options = PdfOptions {
            // A stable document id: the same page and output give the same id on every build.
            ident: Smart::Custom(format!("{}{}", data.url, data.kind)),
            ..PdfOptions::default()
        };
        typst_pdf::pdf(doc, &options).map_err(|errs| {
            let msg = errs.first().map(|e| e.message.to_string()).unwrap_or_default();
            Diagnostic::error("print", format!("cannot write the {} PDF: {msg}", data.kind)).in_file(shown)
        })
    }

    /// A typst error: text that does not fit is the page's problem; anything else is the template's.
    fn template_error(&self, job: &Job<'_>, e: &SourceDiagnostic, page: &Page, data: &PrintData) -> Diagnostic {
        if e.message.contains(OVERFLOW_MARK) {
            return overflow(page, data);
        }
        let hints: Vec<&str> = e.hints.iter().map(|h| h.v.as_str()).collect();
        let mut d = Diagnostic::error(
            "print-template",
            format!("{} (print template, {} of {})", e.message, data.kind, page.info.shown.display()),
        )
        .with_hint(if hints.is_empty() {
            "fix the print template in the theme's `print/` folder".into()
        } else {
            hints.join("; ")
        });
        let place = e.span.id().and_then(|id| {
            let source = self.shared.source(id)?;
            let line = source.lines().byte_to_line(job.range(e.span)?.start)?;
            Some((id.get().vpath().get_without_slash().to_string(), line + 1))
        });
        if let Some((file, line)) = place {
            d = d.in_file(format!("themes/{}/print/{file}", self.theme_name)).at_line(line);
        }
        d
    }
}

fn overflow(page: &Page, data: &PrintData) -> Diagnostic {
    let what = match data.kind {
        "poster" => "shorten the text, or ask for a larger poster: `poster: {size: A2}`",
        "banner" => "shorten the slogan (`banner: {text: ...}`) or make the banner longer: `banner: {size: 600x80cm}`",
        _ => "shorten the text: the leaflet has six panels on one A4 sheet",
    };
    Diagnostic::error(
        "print-overflow",
        format!("the text of this page does not fit on the {} ({}, {})", data.kind, data.size.name, data.lang),
    )
    .in_file(&page.info.shown)
    .with_hint(what)
}

/// One print output (poster, leaflet or banner) over every page that asks for it.
pub struct PrintRenderer {
    kind: OutputKind,
    engine: Arc<Engine>,
}

impl PrintRenderer {
    /// The three print renderers, sharing one [`Engine`].
    pub fn all(engine: Arc<Engine>) -> Vec<PrintRenderer> {
        [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner]
            .into_iter()
            .map(|kind| PrintRenderer { kind, engine: Arc::clone(&engine) })
            .collect()
    }

    fn page(&self, cx: &RenderContext<'_>, id: PageId, out: &dyn Sink) -> Result<Vec<Artifact>, Diagnostic> {
        let page = cx.site.page(id);
        let at_key = |d: Diagnostic| match (d.code, d.line) {
            ("front-matter", None) => match front_matter_line(cx, page, self.kind.name()) {
                Some(line) => d.at_line(line),
                None => d,
            },
            _ => d,
        };
        let (data, template) = page_data(cx, page, self.kind).map_err(at_key)?;
        let pdf = self.engine.render(page, &data, &template).map_err(at_key)?;
        let rel = format!("{}{}.pdf", page.url_path(), self.kind.name());
        out.put(&rel, &pdf)?;
        Ok(vec![Artifact { page: id, kind: self.kind, rel, bytes: pdf.len() as u64 }])
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

/// The file line of a front matter key (`poster:`), for an error found while rendering. Reads
/// the page's file again: only on this error path, so a build reads each file once.
fn front_matter_line(cx: &RenderContext<'_>, page: &Page, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(cx.site.root.join(&page.info.shown)).ok()?;
    let text = text.replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let split = crate::content::front_matter::split(text, &page.info.shown).ok()?;
    crate::content::front_matter::key_line(&split, key)
}

/// The data and template name for one page and output kind.
pub fn page_data(cx: &RenderContext<'_>, page: &Page, kind: OutputKind) -> Result<(PrintData, String), Diagnostic> {
    let fm = &page.fm;
    let (size_text, template, key) = match kind {
        OutputKind::Leaflet => {
            ("A4 landscape".to_string(), fm.leaflet.as_ref().and_then(|l| l.template.clone()), "leaflet")
        }
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
    let size = if kind == OutputKind::Leaflet {
        Some(size::Size { width_mm: 297.0, height_mm: 210.0 })
    } else {
        size::parse(&size_text)
    };
    let size = size.ok_or_else(|| {
        Diagnostic::error("front-matter", format!("`{key}: {{size: {size_text}}}` is not a size loa knows"))
            .in_file(&page.info.shown)
            .with_hint("write an A size (`A3`, `A2`, `A1`, `A0`) or width × height in cm, e.g. `240x120cm`")
    })?;
    let print = &cx.site.config.print;
    let layout = size::layout(&size_text, size, print.bleed, print.crop_marks).ok_or_else(|| {
        Diagnostic::error("front-matter", format!("`{size_text}` is too large to print, even at 1:10"))
            .in_file(&page.info.shown)
            .with_hint("split the piece into panels and give each its own page")
    })?;
    let data = data::build(data::Inputs { site: cx.site, i18n: cx.i18n, page, kind: key, size: layout });
    Ok((data, template.unwrap_or_else(|| key.to_string())))
}
