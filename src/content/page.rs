//! One content file, loaded: front matter checked, body parsed, address decided.

use super::body::Body;
use super::file_info::{FileInfo, PageKind};
use super::front_matter::{Date, FrontMatter, OutputKind, ReviewStatus};

/// Index of a page in [`super::Site::pages`].
pub type PageId = usize;

#[derive(Debug, Clone)]
pub struct Page {
    pub info: FileInfo,
    pub fm: FrontMatter,
    pub date: Option<Date>,
    /// What this page is rendered into, sorted, without duplicates.
    pub outputs: Vec<OutputKind>,
    pub body: Body,
    /// Output folder under OUT, `/`-separated, no leading or trailing slash; "" is the home.
    /// Includes the language prefix for languages other than the default.
    pub path: String,
    /// Whether loading changed the text to NFC (the source was decomposed or mixed).
    pub was_normalized: bool,
    /// A home made by loa for a language that has no `_index.LANG.md` (titled with the site title).
    pub generated: bool,
}

impl Page {
    pub fn title(&self) -> &str {
        &self.fm.title
    }
    pub fn lang(&self) -> &str {
        &self.info.lang
    }
    pub fn key(&self) -> &str {
        &self.info.key
    }
    pub fn kind(&self) -> PageKind {
        self.info.kind
    }
    pub fn wants(&self, kind: OutputKind) -> bool {
        self.outputs.contains(&kind)
    }
    /// A translation marked as not yet reviewed by a native speaker.
    pub fn needs_review(&self) -> bool {
        self.fm.review.as_ref().is_some_and(|r| r.status == ReviewStatus::Draft)
    }
    /// The address under the site root, with a trailing slash: `hmn/signs/` ("" for the home).
    pub fn url_path(&self) -> String {
        if self.path.is_empty() { String::new() } else { format!("{}/", self.path) }
    }
}
