//! The content model: the site as loaded from disk, once, then shared read-only by every
//! renderer (web, print, broadcast, sms) and by `loa check` and `loa serve`.
//!
//! Loading never stops at the first problem: every file is read, every error collected.

pub mod body;
pub mod file_info;
pub mod front_matter;
pub mod index;
pub mod links;
pub mod page;
pub mod reload;

pub use body::{Block, Body, Inline};
pub use file_info::{FileInfo, PageKind};
pub use front_matter::{Date, FrontMatter, OutputKind};
pub use index::{Entry, HOME_KEY, Index, Tag};
pub use page::{Page, PageId};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::slug::slugify;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub const CONTENT_DIR: &str = "content";

/// The whole site, loaded and checked.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Published pages (drafts only with `--drafts`), sorted by key then language.
    pub pages: Vec<Page>,
    pub index: Index,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub include_drafts: bool,
}

impl Site {
    /// Loads `root/content` with an already loaded config. Warnings come back with the site;
    /// any error means `Err` with every finding.
    pub fn load(root: &Path, config: Config, opts: LoadOptions) -> Result<(Site, Diagnostics), Diagnostics> {
        let (site, diags) = Site::load_lenient(root, config, opts);
        if diags.has_errors() {
            return Err(diags);
        }
        Ok((site, diags))
    }

    /// Like [`Site::load`], but never fails: files with errors are left out of the site and
    /// every finding (errors too) comes back beside it. `loa check` uses this so one run reports
    /// every file's problems and still checks links, privacy and budgets on the files that loaded.
    pub fn load_lenient(root: &Path, config: Config, opts: LoadOptions) -> (Site, Diagnostics) {
        let mut diags = Diagnostics::new();
        let files = content_files(root, &mut diags);
        let loaded: Vec<Result<Page, Diagnostic>> = files.par_iter().map(|rel| load_page(root, rel, &config)).collect();
        let mut pages = Vec::with_capacity(loaded.len());
        for result in loaded {
            match result {
                Ok(page) if page.fm.draft && !opts.include_drafts => {}
                Ok(page) => pages.push(page),
                Err(d) => diags.push(d),
            }
        }
        add_missing_homes(&mut pages, &config);
        let lang_order: HashMap<&str, usize> =
            config.languages.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
        pages.sort_by(|a, b| (a.key(), lang_order.get(a.lang())).cmp(&(b.key(), lang_order.get(b.lang()))));
        assign_paths(&mut pages, &config, &mut diags);
        let index = Index::build(&pages, &config.default_language, &mut diags);
        (Site { root: root.to_path_buf(), config, pages, index }, diags)
    }

    pub fn default_lang(&self) -> &str {
        &self.config.default_language
    }

    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id]
    }

    /// Pages of one language (real versions, not fallbacks).
    pub fn pages_in<'a>(&'a self, lang: &'a str) -> impl Iterator<Item = (PageId, &'a Page)> + 'a {
        self.pages.iter().enumerate().filter(move |(_, p)| p.lang() == lang)
    }

    /// The home page in `lang`, if `content/_index[.LANG].md` exists.
    pub fn home(&self, lang: &str) -> Option<PageId> {
        self.index.find(&self.pages, HOME_KEY, lang)
    }

    pub fn listing(&self, section_key: &str, lang: &str) -> Vec<Entry> {
        self.index.listing(&self.pages, section_key, lang, self.default_lang())
    }

    /// Output folder prefix of a language: "" for the default, `hmn` otherwise.
    pub fn lang_prefix<'a>(&self, lang: &'a str) -> &'a str {
        if self.config.is_default_language(lang) { "" } else { lang }
    }

    /// Absolute URL of a site path (`hmn/signs/`).
    pub fn permalink(&self, url_path: &str) -> String {
        format!("{}/{}", self.config.base_url, url_path)
    }
}

/// Every `.md` file under `content/`, relative to it, sorted. Hidden and editor files are skipped.
pub fn content_files(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error("content", "the site has no `content/` folder")
                .in_file(CONTENT_DIR)
                .with_hint("create `content/_index.md` for the home page, or run `loa new DIR`"),
        );
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or(""))) {
        match entry {
            Ok(e) if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md") => {
                if let Ok(rel) = e.path().strip_prefix(&dir) {
                    files.push(rel.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => diags.push(
                Diagnostic::error("content", format!("cannot read the content folder: {err}"))
                    .in_file(err.path().and_then(|p| p.strip_prefix(root).ok()).unwrap_or(Path::new(CONTENT_DIR))),
            ),
        }
    }
    files
}

/// Hidden files and the temporary files editors leave next to the one being edited.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        // Backups (`loa check --fix-encoding` keeps the original as `NAME.md.bak`) hold text the
        // editor replaced: they are never published.
        || name.ends_with(".bak")
}

/// Decodes, strips BOM and CR, normalises to NFC. Returns the text and whether NFC changed it.
pub fn normalize_source(bytes: Vec<u8>, shown: &Path) -> Result<(String, bool), Diagnostic> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|&&b| b == b'\n').count();
        Diagnostic::error("encoding", "the file is not UTF-8 text")
            .in_file(shown)
            .at_line(line)
            .with_hint("save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)")
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Ok((text, false));
    }
    let nfc: String = text.nfc().collect();
    let changed = nfc != text;
    Ok((nfc, changed))
}

fn load_page(root: &Path, rel: &Path, config: &Config) -> Result<Page, Diagnostic> {
    let info = file_info::file_info(rel, config)?;
    let bytes = std::fs::read(root.join(CONTENT_DIR).join(rel))
        .map_err(|e| Diagnostic::error("io", format!("cannot read the file: {e}")).in_file(&info.shown))?;
    let (text, was_normalized) = normalize_source(bytes, &info.shown)?;
    let split = front_matter::split(&text, &info.shown)?;
    let fm = front_matter::parse(&split, &info.shown)?;
    let at_key = |key: &str, d: Diagnostic| match front_matter::key_line(&split, key) {
        Some(line) => d.at_line(line),
        None => d,
    };
    if fm.title.trim().is_empty() {
        return Err(at_key("title", Diagnostic::error("front-matter", "the title is empty").in_file(&info.shown))
            .with_hint("write the page's title after `title:`"));
    }
    let date = match &fm.date {
        None => None,
        Some(s) => Some(Date::parse(s).ok_or_else(|| {
            at_key("date", Diagnostic::error("front-matter", format!("`{s}` is not a date")).in_file(&info.shown))
                .with_hint("write the date as YYYY-MM-DD, e.g. `date: 2026-07-30`")
        })?),
    };
    if let Some(slug) = &fm.slug
        && (slug.contains('/') || slug.contains('\\') || slug.contains("..") || slugify(slug).is_empty())
    {
        return Err(at_key(
            "slug",
            Diagnostic::error("front-matter", format!("`{slug}` cannot be used as an address")).in_file(&info.shown),
        )
        .with_hint("use letters, digits and `-` only, e.g. `slug: duong-day-nong`"));
    }
    let mut outputs = fm.outputs.clone().unwrap_or_else(|| vec![OutputKind::Web]);
    outputs.sort();
    outputs.dedup();
    // Too deep a nesting is refused here, so no later walk over the tree can overflow the stack.
    let body = Body::parse(split.body, split.body_line).map_err(|d| d.in_file(&info.shown))?;
    Ok(Page { info, fm, date, outputs, body, path: String::new(), was_normalized, generated: false })
}

/// Every language gets a home page, even without `content/_index[.LANG].md`, so its listings,
/// language switcher and feeds have a place to live.
fn add_missing_homes(pages: &mut Vec<Page>, config: &Config) {
    for lang in &config.languages {
        let exists = pages.iter().any(|p| p.kind() == PageKind::Home && p.lang() == lang.code);
        if exists {
            continue;
        }
        let suffix = if lang.code == config.default_language { String::new() } else { format!(".{}", lang.code) };
        let info = FileInfo {
            shown: PathBuf::from(format!("content/_index{suffix}.md")),
            key: HOME_KEY.to_string(),
            lang: lang.code.clone(),
            kind: PageKind::Home,
            dirs: Vec::new(),
            stem: HOME_KEY.to_string(),
        };
        let fm = FrontMatter { title: config.title_in(&lang.code).to_string(), ..FrontMatter::default() };
        pages.push(Page {
            info,
            fm,
            date: None,
            outputs: vec![OutputKind::Web],
            body: Body::default(),
            path: String::new(),
            was_normalized: false,
            generated: true,
        });
    }
}

/// Decides each page's output folder and fails, naming both files, when two pages would land on
/// the same address (or on an address loa itself uses).
fn assign_paths(pages: &mut [Page], config: &Config, diags: &mut Diagnostics) {
    // Folder slugs come from sections' `slug` (default-language version), else the folder name.
    let mut dir_slug: HashMap<String, String> = HashMap::new();
    let mut page_slug: HashMap<&str, &str> = HashMap::new();
    for p in pages.iter().filter(|p| p.lang() == config.default_language) {
        if let Some(s) = &p.fm.slug {
            page_slug.insert(p.key(), s);
            if p.kind() == PageKind::Section {
                dir_slug.insert(p.info.dirs.join("/"), slugify(s));
            }
        }
    }
    let page_slug: HashMap<String, String> = page_slug.into_iter().map(|(k, v)| (k.to_string(), slugify(v))).collect();
    let mut taken: HashMap<String, PathBuf> = HashMap::new();
    for page in pages.iter_mut() {
        let mut parts: Vec<String> = Vec::new();
        let lang = page.info.lang.clone();
        if lang != config.default_language {
            parts.push(lang.clone());
        }
        for depth in 1..=page.info.dirs.len() {
            let dir = page.info.dirs[..depth].join("/");
            let own = (depth == page.info.dirs.len() && page.kind() == PageKind::Section)
                .then(|| page.fm.slug.as_deref().map(slugify))
                .flatten();
            let slug =
                own.or_else(|| dir_slug.get(&dir).cloned()).unwrap_or_else(|| slugify(&page.info.dirs[depth - 1]));
            parts.push(slug);
        }
        if page.kind() == PageKind::Page {
            let slug = match &page.fm.slug {
                Some(s) => slugify(s),
                None => page_slug.get(page.key()).cloned().unwrap_or_else(|| slugify(&page.info.stem)),
            };
            parts.push(slug);
        }
        if parts.iter().any(String::is_empty) {
            diags.push(
                Diagnostic::error("address", "no web address can be made from this file or folder name")
                    .in_file(&page.info.shown)
                    .with_hint("rename it with letters or digits, or set `slug:` in the front matter"),
            );
            continue;
        }
        let path = parts.join("/");
        if let Some(reason) = reserved(&parts, config, page.kind()) {
            diags.push(
                Diagnostic::error("address", format!("the address `{path}/` is used by loa for {reason}"))
                    .in_file(&page.info.shown)
                    .with_hint("rename the file or set another `slug:`"),
            );
        } else if let Some(other) = taken.get(&path) {
            diags.push(
                Diagnostic::error(
                    "address",
                    format!("this page and {} would both be published at `{path}/`", other.display()),
                )
                .in_file(&page.info.shown)
                .with_hint("give one of them a different file name or `slug:`"),
            );
        } else {
            taken.insert(path.clone(), page.info.shown.clone());
        }
        page.path = path;
    }
}

/// Addresses the site generator writes itself: language folders, tag pages, pagination.
fn reserved(parts: &[String], config: &Config, kind: PageKind) -> Option<&'static str> {
    let first = parts.first()?;
    let first_lang = config.language(first).is_some() && *first != config.default_language;
    let rest = if first_lang { &parts[1..] } else { parts };
    match rest.first().map(String::as_str) {
        Some(first) if kind != PageKind::Home && config.language(first).is_some() => Some("a language"),
        Some("tags") => Some("tag pages"),
        _ if rest.len() >= 2 && rest[rest.len() - 2] == "page" && kind == PageKind::Page => Some("listing pages"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_and_backup_files_are_hidden() {
        // `.bak` guards the backups of `loa check --fix-encoding`: they hold the text the editor
        // replaced and must never be copied into the published site.
        for hidden in [".git", "#a.md#", "a.md~", ".a.md.swp", "a.tmp", "a.md.bak", "a.md.2.bak"] {
            assert!(is_hidden(hidden), "{hidden}");
        }
        for shown in ["a.md", "poster.jpg", "bakery.md"] {
            assert!(!is_hidden(shown), "{shown}");
        }
    }
}
