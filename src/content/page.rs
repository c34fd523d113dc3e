//! One content file, loaded: front matter checked, body parsed, address decided.

use super::body::Body;
use super::file_info::{FileInfo, PageKind};
use super::front_matter::{Date, FrontMatter, OutputKind, ReviewStatus};
use super::lazy_body::LazyBody;
use crate::yaml::KeyPositions;

/// Index of a page in [`super::Site::pages`].
pub type PageId = usize;

/// A set of pages: numbers we made, so a fast hash (no defence against chosen keys is needed).
pub type PageSet = rustc_hash::FxHashSet<PageId>;

#[derive(Debug, Clone)]
pub struct Page {
    pub info: FileInfo,
    pub fm: FrontMatter,
    /// Where each front matter key is in the file, for messages found after loading.
    pub keys: KeyPositions,
    pub date: Option<Date>,
    /// What this page is rendered into, sorted, without duplicates.
    pub outputs: Vec<OutputKind>,
    /// Read with [`Page::body`]: it may be parsed only then (see [`LazyBody`]).
    pub(crate) body: LazyBody,
    /// Output folder under OUT, `/`-separated, no leading or trailing slash; "" is the home.
    /// Includes the language prefix for languages other than the default.
    pub path: String,
    /// Whether loading changed the text to NFC (the source was decomposed or mixed).
    pub was_normalized: bool,
    /// A home made by loa for a language that has no `_index.LANG.md` (titled with the site title).
    pub generated: bool,
    /// The page's event, airing times and print copies, checked (see [`super::schedule`]).
    pub schedule: super::schedule::Schedule,
}

impl Page {
    /// The parsed body.
    pub fn body(&self) -> &Body {
        self.body.get()
    }
    /// The body's word count (known without parsing it).
    pub fn word_count(&self) -> usize {
        self.body.word_count()
    }
    pub fn set_body(&mut self, body: Body) {
        self.body = LazyBody::parsed(body);
    }
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
    /// The numbers the page's front matter allows it to publish (`privacy: {allow: ...}`).
    pub fn allowed_numbers(&self) -> Vec<String> {
        self.fm.privacy.iter().flat_map(|p| &p.allow).map(|a| a.number.clone()).collect()
    }
    /// A diagnostic about front matter `key`, placed at its line and column when it is written.
    pub fn at_key(&self, key: &str, d: crate::diag::Diagnostic) -> crate::diag::Diagnostic {
        let d = d.in_file(&self.info.shown);
        match self.keys.get(key) {
            Some((line, col)) => d.at(line, col),
            None => d,
        }
    }
    /// The address under the site root, with a trailing slash: `hmn/signs/` ("" for the home).
    pub fn url_path(&self) -> String {
        if self.path.is_empty() { String::new() } else { format!("{}/", self.path) }
    }
}
