//! Renderers: one module per output, each a small implementation of [`Renderer`] over the
//! read-only [`Site`]. A renderer hands its files to a [`Sink`] and never writes to disk itself.
//!
//! | renderer  | writes                                                   |
//! |-----------|----------------------------------------------------------|
//! | images    | `_img/HASH-WIDTH.EXT`: resized, metadata-free pictures   |
//! | files     | `static/` and files beside pages, pictures stripped      |
//! | web       | `index.html` per page, listings, tags, feeds, sitemap    |
//! | print     | `poster.pdf`, `leaflet.pdf`, `banner.pdf` per page       |
//! | broadcast | `broadcast.txt` per page, `bulletin.txt` per section     |
//! | sms       | `sms.txt` per page                                       |
//! | social    | `social.txt`, `social.png` (1080×1080) per page          |

pub mod aliases;
pub mod broadcast;
pub mod files;
pub mod images;
pub mod kit;
pub mod print;
pub mod share;
pub mod sms;
pub mod social;
mod source_line;
pub mod web;

use crate::content::{OutputKind, PageId, PageSet, Site};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::i18n::I18n;
use crate::theme::Theme;

/// Everything a renderer may read. Nothing in it changes while renderers run.
pub struct RenderContext<'a> {
    pub site: &'a Site,
    pub theme: &'a Theme,
    pub i18n: &'a I18n,
    /// Files earlier renderers produced (PDFs, scripts), so the web page can link to them.
    pub artifacts: &'a [Artifact],
    pub scope: &'a Scope,
    /// Processed pictures (source path → variants), from the picture step that runs first.
    pub images: &'a images::ImageMap,
    /// Where renderers put warnings: they travel with the outputs, nothing is computed twice
    /// to find them (errors are returned instead).
    pub warnings: &'a Warnings,
}

impl RenderContext<'_> {
    pub fn warn(&self, d: Diagnostic) {
        self.warnings.push(d);
    }
}

/// Warnings collected while renderers run in parallel.
#[derive(Debug, Default)]
pub struct Warnings {
    items: std::sync::Mutex<Vec<Diagnostic>>,
}

impl Warnings {
    pub fn push(&self, d: Diagnostic) {
        self.items.lock().unwrap_or_else(|p| p.into_inner()).push(d);
    }
    pub fn take(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.items.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// Which pages to render: all, or (when serving) the ones an edit touched.
#[derive(Debug, Clone, Default)]
pub enum Scope {
    #[default]
    All,
    Pages(PageSet),
    /// An edit while serving: these pages, plus the listing and tag pages that show an edited one.
    Changed(Changes),
}

/// What one edit touched (see `serve::rebuild`).
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Rendered in full: the edited pages and their translations (whose language switchers
    /// point at them).
    pub pages: PageSet,
    /// The edited pages: every listing and tag page that shows one of them is rendered again.
    pub shown: PageSet,
    /// An edited page's title, date or weight changed: it may have moved within its listings,
    /// so every page of those listings is rendered again, not just the one that showed it.
    pub reordered: bool,
    /// The materials pages are rendered again too (a build: they describe every output).
    pub materials: bool,
    /// The sitemap is written again too (a build after a date changed; `loa serve` writes it
    /// after the edited page is served).
    pub sitemap: bool,
}

impl Scope {
    pub fn includes(&self, id: PageId) -> bool {
        match self {
            Scope::All => true,
            Scope::Pages(ids) => ids.contains(&id),
            Scope::Changed(c) => c.pages.contains(&id),
        }
    }
    pub fn is_all(&self) -> bool {
        matches!(self, Scope::All)
    }
    /// The pages in scope, or `None` for every page.
    pub fn pages(&self) -> Option<&PageSet> {
        match self {
            Scope::All => None,
            Scope::Pages(ids) => Some(ids),
            Scope::Changed(c) => Some(&c.pages),
        }
    }
}

/// A file a renderer wrote for a page (or, for a section's bulletin and a language's kit,
/// calendar and print order, for that section's or language's page).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Artifact {
    pub page: PageId,
    #[serde(with = "saved_kind")]
    pub kind: OutputKind,
    /// Path under OUT.
    pub rel: String,
    pub bytes: u64,
    /// What the materials page says about the file, known when it was made (nothing is
    /// computed twice to describe it).
    pub facts: Facts,
}

/// An artifact's kind as a build's state keeps it (`build::incremental`): by number, since the
/// kinds a page cannot ask for have no name in front matter.
mod saved_kind {
    use crate::content::OutputKind;
    use serde::{Deserialize, Deserializer, Serializer};

    const KINDS: [OutputKind; 11] = [
        OutputKind::Web,
        OutputKind::Poster,
        OutputKind::Leaflet,
        OutputKind::Banner,
        OutputKind::Broadcast,
        OutputKind::Sms,
        OutputKind::Social,
        OutputKind::Bulletin,
        OutputKind::PrintOrder,
        OutputKind::Calendar,
        OutputKind::Kit,
    ];

    fn code(kind: OutputKind) -> u8 {
        // Every kind by name: a new one does not compile until it has its number.
        match kind {
            OutputKind::Web => 0,
            OutputKind::Poster => 1,
            OutputKind::Leaflet => 2,
            OutputKind::Banner => 3,
            OutputKind::Broadcast => 4,
            OutputKind::Sms => 5,
            OutputKind::Social => 6,
            OutputKind::Bulletin => 7,
            OutputKind::PrintOrder => 8,
            OutputKind::Calendar => 9,
            OutputKind::Kit => 10,
        }
    }

    pub(super) fn serialize<S: Serializer>(kind: &OutputKind, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(code(*kind))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OutputKind, D::Error> {
        let n = u8::deserialize(d)?;
        KINDS.get(usize::from(n)).copied().ok_or_else(|| serde::de::Error::custom("no such kind"))
    }

    #[cfg(test)]
    #[test]
    fn every_kind_has_its_own_number() {
        for (i, kind) in KINDS.iter().enumerate() {
            assert_eq!(usize::from(code(*kind)), i, "{kind:?}");
        }
    }
}

/// What a renderer knows about a file it made, for the materials page and the print order.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    /// Pages of a PDF.
    pub pages: Option<u32>,
    /// Reading time of a script or bulletin, repeats included.
    pub seconds: Option<u64>,
    /// SMS parts of the message as it is sent.
    pub sms_parts: Option<u32>,
    /// The file's language when it is not its page's (a Hmong bulletin of a section that has
    /// no Hmong page of its own).
    pub lang: Option<String>,
    /// A draft although its page is not: a bulletin that reads a page under review.
    pub draft: bool,
}

impl Artifact {
    pub fn new(page: PageId, kind: OutputKind, rel: String, bytes: u64) -> Artifact {
        Artifact { page, kind, rel, bytes, facts: Facts::default() }
    }

    pub fn with(mut self, facts: Facts) -> Artifact {
        self.facts = facts;
        self
    }

    /// The language of the file.
    pub fn lang<'a>(&'a self, site: &'a Site) -> &'a str {
        self.facts.lang.as_deref().unwrap_or_else(|| site.pages[self.page].lang())
    }

    /// Whether page `id`'s downloads list the file: its own files, in its own language.
    pub fn is_download_of(&self, site: &Site, id: PageId) -> bool {
        self.page == id
            && self.kind != OutputKind::Web
            && self.kind.is_page_file()
            && self.facts.lang.as_deref().is_none_or(|l| l == site.pages[id].lang())
    }
}

pub trait Renderer: Sync {
    fn name(&self) -> &'static str;
    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>>;
    /// Whether what it makes describes the whole site (the print order, the calendar): a build
    /// over part of the site runs it over every page ([`crate::pipeline::Plan::complete`]).
    fn site_wide(&self) -> bool {
        false
    }
}

/// Runs `f` for every page that wants `kind` and is in scope, in parallel, collecting artifacts
/// and every error (one bad page does not hide the others).
pub fn for_each_page<F>(cx: &RenderContext<'_>, kind: OutputKind, f: F) -> Result<Vec<Artifact>, Vec<Diagnostic>>
where
    F: Fn(PageId) -> Result<Vec<Artifact>, Diagnostic> + Sync,
{
    use rayon::prelude::*;
    let results: Vec<_> = (0..cx.site.pages.len())
        .into_par_iter()
        .filter(|&id| cx.scope.includes(id) && cx.site.pages[id].wants(kind))
        .map(&f)
        .collect();
    gather(results)
}

/// Every artifact of `results`, or every error among them (one failure does not hide others).
pub(crate) fn gather<I: IntoIterator<Item = Artifact>>(
    results: Vec<Result<I, Diagnostic>>,
) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
    let mut artifacts = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(a) => artifacts.extend(a),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() { Ok(artifacts) } else { Err(errors) }
}
