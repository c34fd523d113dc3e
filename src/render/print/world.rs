//! The typst `World` for print: the theme's templates and one page's data, all in memory.
//!
//! Fonts and templates are parsed once per build ([`Shared`]) and shared by every document;
//! a [`Job`] adds one `/data.json`. Templates can read nothing else: no disk, no network.
//! Virtual paths are fixed (`/poster.typ`, `/data.json`) because typst interns file ids for
//! the life of the process (at most 2^16), so per-job names would leak.

use crate::messages::Message;
use crate::msg;
use crate::theme::Theme;
use std::collections::HashMap;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

/// Virtual path of the data a template reads with `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// Parsed once per build, read by every job.
pub struct Shared {
    pub fonts: Vec<Font>,
    book: LazyHash<FontBook>,
    library: LazyHash<Library>,
    /// `/NAME.typ` → parsed template.
    sources: HashMap<FileId, Source>,
    /// Template names available (`poster`, `leaflet`, `sticker`).
    pub templates: Vec<String>,
    data_id: FileId,
    /// The build date (fixed, so a rebuild of unchanged content gives the same PDF).
    today: Datetime,
}

pub fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl Shared {
    /// Fonts from the theme's `fonts/` (`.ttf`, `.otf`, `.ttc`) and templates from `print/`.
    pub fn new(theme: &Theme, today: Datetime) -> Result<Shared, Message> {
        let mut fonts = Vec::new();
        for (name, bytes) in theme.files_under("fonts") {
            let lower = name.to_ascii_lowercase();
            if [".ttf", ".otf", ".ttc"].iter().any(|x| lower.ends_with(x)) {
                let before = fonts.len();
                fonts.extend(Font::iter(Bytes::new(bytes.to_vec())));
                if fonts.len() == before {
                    return Err(msg!("print-font-unreadable", file = format!("fonts/{name}")));
                }
            }
        }
        let mut sources = HashMap::new();
        let mut templates = Vec::new();
        for (name, bytes) in theme.files_under("print") {
            if !name.ends_with(".typ") || name.contains('/') {
                continue;
            }
            let text = std::str::from_utf8(bytes)
                .map_err(|_| msg!("print-template-not-text", file = format!("print/{name}")))?;
            let id = file_id(&format!("/{name}"))
                .ok_or_else(|| msg!("print-template-bad-name", file = format!("print/{name}")))?;
            sources.insert(id, Source::new(id, text.to_string()));
            templates.push(name.trim_end_matches(".typ").to_string());
        }
        let data_id = file_id(DATA_PATH).ok_or_else(|| msg!("print-internal", reason = "bad data path"))?;
        Ok(Shared {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            library: LazyHash::new(Library::default()),
            sources,
            templates,
            data_id,
            today,
        })
    }

    pub fn book(&self) -> &FontBook {
        &self.book
    }

    /// The source of a template file, for turning a typst error position into a line.
    pub fn source(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }
}

/// One document: a template as the main file plus its data.
pub struct Job<'a> {
    pub shared: &'a Shared,
    pub main: FileId,
    pub data: Bytes,
}

impl World for Job<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }
    fn main(&self) -> FileId {
        self.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.shared.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data_id {
            return Ok(self.data.clone());
        }
        match self.shared.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.text().to_string())),
            None => Err(not_found(id)),
        }
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.shared.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
