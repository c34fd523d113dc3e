//! The content model: the site as loaded from disk, once, then shared read-only by every
//! renderer (web, print, broadcast, sms) and by `loa check` and `loa serve`.
//!
//! Loading never stops at the first problem: every file is read, every error collected.

pub mod aliases;
pub mod body;
pub mod clean;
pub mod file_info;
pub mod front_matter;
pub mod index;
pub mod lazy_body;
pub mod links;
pub mod memo;
mod nfc;
pub mod page;
pub mod reload;
pub mod schedule;

pub use body::{Block, Body, Inline};
pub use file_info::{FileInfo, PageKind};
pub use front_matter::{Date, FrontMatter, OutputKind};
pub use index::{Entry, HOME_KEY, Index, Tag};
use lazy_body::LazyBody;
pub use page::{Page, PageId, PageSet};

use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::walk::Found;
use crate::msg;
use crate::slug::slugify;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

pub const CONTENT_DIR: &str = "content";
pub const STATIC_DIR: &str = "static";

/// The whole site, loaded and checked.
#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Published pages (drafts only with `--drafts`), sorted by key then language.
    pub pages: Vec<Page>,
    pub index: Index,
    /// Files of `static/`, published as they are (links followed only inside the site).
    pub static_files: Vec<Found>,
    /// Files beside the pages under `content/` that are not pages (pictures, PDFs).
    pub assets: Vec<Found>,
    /// Earlier addresses (`aliases:`) → the page each now leads to.
    pub aliases: std::collections::BTreeMap<String, PageId>,
}

/// The text checks run on each content file's bytes as it is read (`crate::check` passes
/// them in: content knows nothing of checks). Arguments: the file as shown, the file as read,
/// and the numbers its front matter allows (`privacy: {allow: ...}`).
pub type Inspect<'a> = &'a (dyn Fn(&Path, Raw<'_>, &[String]) -> Vec<Diagnostic> + Sync);

/// A content file as read, with what loading already learnt of it, so that the text checks
/// do not learn it again (validating and normalising every page twice was 5 % of a build,
/// issue 16).
#[derive(Clone, Copy)]
pub struct Raw<'a> {
    pub bytes: &'a [u8],
    /// The bytes, when they are UTF-8.
    pub utf8: Option<&'a str>,
    /// Whether the text is composed (NFC), when loading found out.
    pub nfc: Option<bool>,
}

#[derive(Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    pub include_drafts: bool,
    /// Findings on each file's text, kept with the load's; `None` loads without checking.
    pub inspect: Option<Inspect<'a>>,
    /// What earlier loads learnt of each file's bytes (text checks, NFC, words), taken instead
    /// of finding it again; this load's is noted in it for the next.
    pub memo: Option<&'a memo::Memo>,
    /// The files (as shown) whose bodies may be parsed only when first read, when the memo
    /// knows their bytes parsed quietly before (see [`lazy_body`]): a build after an edit
    /// names the files whose size and time did not change.
    pub defer: Option<&'a (dyn Fn(&Path) -> bool + Sync)>,
}

/// One content file, read: the page unless it failed, and every finding about the file.
pub(crate) struct FileLoad {
    pub page: Option<Page>,
    pub diagnostics: Vec<Diagnostic>,
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
        let (files, assets) = walk_content(root, &mut diags);
        let static_files = static_files(root, &mut diags);
        let loaded: Vec<FileLoad> = files.par_iter().map(|rel| load_file(root, rel, &config, opts)).collect();
        // Collected in place: the pages take over the loads' vector instead of a second one as
        // long (tens of MB at 15,000 pages, the build's peak memory; issue 16).
        let mut pages: Vec<Page> = loaded
            .into_iter()
            .filter_map(|file| {
                diags.extend(file.diagnostics);
                file.page
            })
            .collect();
        add_missing_homes(&mut pages, &config);
        sort_by_key_then_language(&mut pages, &config);
        assign_paths(&mut pages, &config, &mut diags);
        let index = Index::build(&pages, &config.default_language, &mut diags);
        let (aliases, alias_errors) = aliases::collect(&pages);
        diags.extend(alias_errors);
        (Site { root: root.to_path_buf(), config, pages, index, static_files, assets, aliases }, diags)
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

/// Orders the pages by key, then by the language's place in `loa.yaml` (a language it does not
/// name first), keeping the load order among equals. The order is worked out on the pages'
/// numbers and each page is then moved into its place: sorting the pages themselves moved each
/// large `Page` many times and looked every language up twice per comparison, ~40 ms of one
/// core at 15,000 pages while the other waited (issue 16).
fn sort_by_key_then_language(pages: &mut [Page], config: &Config) {
    let lang_order: HashMap<&str, usize> =
        config.languages.iter().enumerate().map(|(i, l)| (l.code.as_str(), i)).collect();
    let lang: Vec<Option<usize>> = pages.iter().map(|p| lang_order.get(p.lang()).copied()).collect();
    let mut from: Vec<usize> = (0..pages.len()).collect();
    // Stable: equals keep the load order.
    from.sort_by(|&a, &b| (pages[a].key(), lang[a]).cmp(&(pages[b].key(), lang[b])));
    move_into_order(pages, from);
}

/// Puts `items` into the order `from` gives (place `k` takes the item at `from[k]`, a
/// permutation), in place, cycle by cycle: a second vector of pages would raise the build's
/// peak memory. A place already done points at itself.
fn move_into_order<T>(items: &mut [T], mut from: Vec<usize>) {
    for start in 0..from.len() {
        let mut k = start;
        while from[k] != start {
            let next = from[k];
            items.swap(k, next);
            from[k] = k;
            k = next;
        }
        from[k] = k;
    }
}

/// Every page file under `content/` (see [`is_page_file`]), relative to it, sorted. Hidden and
/// editor files are skipped; links are followed only inside the site (see [`crate::fs::walk`]).
pub fn content_files(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    walk_content(root, diags).0
}

/// The pages under `content/` and the other files beside them (pictures, PDFs), in one walk.
fn walk_content(root: &Path, diags: &mut Diagnostics) -> (Vec<PathBuf>, Vec<Found>) {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        diags.push(
            Diagnostic::error("content", msg!("content-no-folder"))
                .in_file(CONTENT_DIR)
                .with_hint(msg!("content-no-folder-hint")),
        );
        return (Vec::new(), Vec::new());
    }
    let (found, warnings) = crate::fs::walk::site_files(root, &dir, Path::new(CONTENT_DIR));
    diags.extend(warnings);
    let (pages, assets): (Vec<Found>, Vec<Found>) = found.into_iter().partition(|f| is_page_file(&f.rel));
    (pages.into_iter().map(|f| PathBuf::from(f.rel)).collect(), assets)
}

/// The files of `static/`, published as they are.
fn static_files(root: &Path, diags: &mut Diagnostics) -> Vec<Found> {
    let (found, warnings) = crate::fs::walk::site_files(root, &root.join(STATIC_DIR), Path::new(STATIC_DIR));
    diags.extend(warnings);
    found
}

pub use crate::fs::walk::is_hidden;

/// Whether a file under `content/` is a page: `.md` or `.markdown`, in any letter case
/// (`GOI-111.MD` from a Windows machine is a page, not a file to publish as it is).
pub fn is_page_file(name: &str) -> bool {
    page_stem(name).is_some()
}

/// A page file's name without its extension: `goi-111.hmn` for `goi-111.hmn.MD`.
pub fn page_stem(name: &str) -> Option<&str> {
    [".md", ".markdown"].iter().find_map(|ext| {
        let cut = name.len().checked_sub(ext.len())?;
        (name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(ext)).then(|| &name[..cut])
    })
}

/// Decodes, strips BOM and CR, normalises to NFC. Returns the text and whether NFC changed it.
/// A file's text as the parser reads it: without a byte order mark, lines ending in `\n`,
/// composed (NFC); and whether composing changed it.
/// Borrowed when the file already is that text, as nearly every file is.
pub fn normalize_source(raw: &str) -> (Cow<'_, str>, bool) {
    let (text, changed, _) = normalize_known(raw, false);
    (text, changed)
}

/// [`normalize_source`], told whether these very bytes were found surely NFC before (then the
/// check is not made again); also says whether they are.
fn normalize_known(raw: &str, known_nfc: bool) -> (Cow<'_, str>, bool, bool) {
    let text = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let text = match text.contains('\r') {
        true => Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n")),
        false => Cow::Borrowed(text),
    };
    if known_nfc || nfc::is_surely_nfc(&text) {
        return (text, false, true);
    }
    let nfc: String = text.nfc().collect();
    let changed = nfc != *text;
    (Cow::Owned(nfc), changed, false)
}

/// The error for a file that is not UTF-8, at the line of its first bad byte.
fn not_utf8(bytes: &[u8], valid_up_to: usize, shown: &Path) -> Diagnostic {
    let line = 1 + bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count();
    Diagnostic::error("encoding", msg!("content-not-utf8"))
        .in_file(shown)
        .at_line(line)
        .with_hint(msg!("content-not-utf8-hint"))
}

/// Reads, parses and checks one content file. A draft left out of the build is neither kept
/// nor checked (it cannot publish anything); a file that fails to load is still checked.
pub(crate) fn load_file(root: &Path, rel: &Path, config: &Config, opts: LoadOptions<'_>) -> FileLoad {
    let shown = Path::new(CONTENT_DIR).join(rel);
    let bytes = match read_page_file(&root.join(&shown), &shown) {
        Ok(bytes) => bytes,
        Err(d) => return FileLoad { page: None, diagnostics: vec![d] },
    };
    // Validated once: the text checks below borrow the same text. simdutf8 validates a block of
    // bytes at a time; std's `from_utf8` was 3.4 % of a 3 × 5,000-page build (issue 16).
    // Shared: a body whose parse waits keeps its part of these bytes (`LazyBody::deferred_in`).
    let bytes = std::sync::Arc::new(bytes);
    let text: Option<&str> = simdutf8::basic::from_utf8(&bytes).ok();
    let memo = opts.memo.map(|m| (m, m.sum(&shown, &bytes)));
    let known = memo.and_then(|(m, sum)| m.get(&sum));
    let mut learnt = memo::Facts::default();
    let loaded = match text {
        Some(raw) => {
            let known = known.map(|k| (k, opts.defer.is_some_and(|defer| defer(&shown)).then_some(&bytes)));
            load_page(rel, raw, config, known, &mut learnt)
        }
        None => Err(not_utf8(&bytes, std::str::from_utf8(&bytes).err().map_or(0, |e| e.valid_up_to()), &shown)),
    };
    let (page, mut diagnostics) = match loaded {
        Ok((page, warnings)) => (Some(page), warnings),
        Err(d) => (None, vec![d]),
    };
    let nfc = page.as_ref().map(|p| !p.was_normalized);
    let page = page.filter(|p| opts.include_drafts || !p.fm.draft);
    let skipped_draft = page.is_none() && diagnostics.iter().all(|d| !d.is_error());
    if skipped_draft {
        diagnostics.clear();
    }
    if let Some(inspect) = opts.inspect.filter(|_| !skipped_draft) {
        let allowed = page.as_ref().map(Page::allowed_numbers).unwrap_or_default();
        let allowed_sum = memo.map(|(m, _)| m.allowed_sum(&allowed));
        let findings = match known.and_then(|k| k.findings.as_ref()) {
            // Made from these very bytes under the same allowed numbers (issue 16).
            Some((sum, found)) if Some(*sum) == allowed_sum => found.clone(),
            _ => {
                let raw = match text {
                    Some(t) => Raw { bytes: t.as_bytes(), utf8: Some(t), nfc },
                    None => Raw { bytes: &bytes, utf8: None, nfc: None },
                };
                inspect(&shown, raw, &allowed)
            }
        };
        learnt.findings = allowed_sum.map(|sum| (sum, findings.clone()));
        diagnostics.extend(findings);
    }
    if let Some((m, sum)) = memo {
        m.note(sum, learnt);
    }
    FileLoad { page, diagnostics }
}

/// A content file's bytes, when it is no bigger than a page may be ([`crate::limits::PAGE_FILE_BYTES`]):
/// a bigger one is refused before it is read (issue 10). `shown` names it in the error.
pub(crate) fn read_page_file(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    use crate::fs::bounded::{Bounded, megabytes, read_bounded};
    let limit = crate::limits::PAGE_FILE_BYTES;
    match read_bounded(path, limit) {
        Ok(Bounded::Bytes(bytes)) => Ok(bytes),
        Ok(Bounded::TooBig(size)) => Err(Diagnostic::error(
            "io",
            msg!("content-file-too-big", megabytes = megabytes(size), max = megabytes(limit)),
        )
        .in_file(shown)
        .with_hint(msg!("content-file-too-big-hint"))),
        Err(e) => {
            Err(Diagnostic::error("io", msg!("content-cannot-read", reason = crate::fs::io_reason(&e))).in_file(shown))
        }
    }
}

/// Parses one content file's text; the warnings (characters removed) come back beside the page.
/// `known`: what an earlier load learnt of these very bytes, and, when the body may wait until
/// it is read, the file's bytes (`raw` is their text); what this one learns goes into `learnt`.
pub(crate) fn load_page(
    rel: &Path,
    raw: &str,
    config: &Config,
    known: Option<(&memo::Facts, Option<&std::sync::Arc<Vec<u8>>>)>,
    learnt: &mut memo::Facts,
) -> Result<(Page, Vec<Diagnostic>), Diagnostic> {
    let (known, defer) = match known {
        Some((facts, defer)) => (Some(facts), defer),
        None => (None, None),
    };
    let info = file_info::file_info(rel, config)?;
    let (text, was_normalized, surely_nfc) = normalize_known(raw, known.is_some_and(|k| k.surely_nfc));
    learnt.surely_nfc = surely_nfc;
    let raw = front_matter::split(&text, &info.shown)?;
    // Control characters are decided before anything parses the text (see `clean`).
    let (yaml, yaml_removed) = clean::clean(raw.yaml, clean::Place::FrontMatter);
    let (body_text, body_removed) = clean::clean(raw.body, clean::Place::Body);
    let mut warnings = clean::warnings(&yaml_removed, &info.shown, raw.yaml_line);
    warnings.extend(clean::warnings(&body_removed, &info.shown, raw.body_line));
    let split =
        front_matter::Split { yaml: &yaml, yaml_line: raw.yaml_line, body: &body_text, body_line: raw.body_line };
    let mut fm: FrontMatter = front_matter::parse(&split, &info.shown)?;
    for (key, value, multiline) in fm.text_fields_mut() {
        if clean::clean_value(value, multiline) {
            let d = Diagnostic::warning("text", msg!("content-control-in-value", key = key))
                .in_file(&info.shown)
                .with_hint(msg!("content-control-in-value-hint"));
            warnings.push(match front_matter::key_position(&split, key) {
                Some((line, col)) => d.at(line, col),
                None => d,
            });
        }
    }
    let at_key = |key: &str, d: Diagnostic| match front_matter::key_position(&split, key) {
        Some((line, col)) => d.at(line, col),
        None => d,
    };
    // Counts and lengths that decide how many pages and how much text a build makes (issue 10).
    use crate::limits::{ALIASES_PER_PAGE, TAGS_PER_PAGE, TITLE_CHARS};
    let too_many = |key: &str, message: crate::messages::Message, hint: crate::messages::Message| {
        Err(at_key(key, Diagnostic::error("front-matter", message).in_file(&info.shown)).with_hint(hint))
    };
    let title_chars = fm.title.chars().count();
    if title_chars > TITLE_CHARS {
        return too_many(
            "title",
            msg!("content-title-long", count = title_chars, max = TITLE_CHARS),
            msg!("content-title-long-hint"),
        );
    }
    if fm.tags.len() > TAGS_PER_PAGE {
        return too_many(
            "tags",
            msg!("content-too-many-tags", count = fm.tags.len(), max = TAGS_PER_PAGE),
            msg!("content-too-many-tags-hint"),
        );
    }
    if fm.aliases.len() > ALIASES_PER_PAGE {
        return too_many(
            "aliases",
            msg!("content-too-many-aliases", count = fm.aliases.len(), max = ALIASES_PER_PAGE),
            msg!("content-too-many-aliases-hint"),
        );
    }
    if fm.title.trim().is_empty() {
        return Err(at_key(
            "title",
            Diagnostic::error("front-matter", msg!("content-title-empty")).in_file(&info.shown),
        )
        .with_hint(msg!("content-title-empty-hint")));
    }
    let date = match &fm.date {
        None => None,
        Some(s) => Some(Date::parse(s).ok_or_else(|| {
            at_key("date", Diagnostic::error("front-matter", msg!("content-bad-date", date = s)).in_file(&info.shown))
                .with_hint(msg!("content-bad-date-hint", fixed = front_matter::date_suggestion(s)))
        })?),
    };
    if let Some(slug) = &fm.slug
        && (slug.contains('/') || slug.contains('\\') || slug.contains("..") || slugify(slug).is_empty())
    {
        return Err(at_key(
            "slug",
            Diagnostic::error("front-matter", msg!("content-bad-slug", slug = slug)).in_file(&info.shown),
        )
        .with_hint(msg!("content-bad-slug-hint", fixed = slugify(slug))));
    }
    if let Some(b) = &fm.broadcast
        && let Err((message, hint)) = crate::limits::BROADCAST_REPEAT.check("repeat", b.repeat)
    {
        return Err(at_key("repeat", Diagnostic::error("front-matter", message).in_file(&info.shown)).with_hint(hint));
    }
    if let Some(allowance) = fm.privacy.iter().flat_map(|p| &p.allow).find(|a| a.why.trim().is_empty()) {
        return Err(at_key(
            "why",
            Diagnostic::error("front-matter", msg!("content-allow-why", number = &allowance.number))
                .in_file(&info.shown),
        )
        .with_hint(msg!("content-allow-why-hint")));
    }
    let keys = crate::yaml::KeyPositions::scan(split.yaml, split.yaml_line);
    let schedule = schedule::check(&fm, &keys, &info.shown)?;
    let mut outputs = fm.outputs.clone().unwrap_or_else(|| vec![OutputKind::Web]);
    outputs.sort();
    outputs.dedup();
    // Too deep a nesting is refused here, so no later walk over the tree can overflow the stack.
    let words = known.and_then(|k| k.words);
    let waiting = words.zip(defer).filter(|_| known.is_some_and(|k| k.quiet));
    let body = match waiting {
        // Parsed before, without a warning: the same now, so it may wait until it is read.
        Some((words, file)) => {
            learnt.quiet = true;
            LazyBody::deferred_in(file, split.body, split.body_line, words)
        }
        None => {
            let mut body =
                Body::parse_counted(split.body, split.body_line, words).map_err(|d| d.in_file(&info.shown))?;
            learnt.quiet = body.warnings.is_empty();
            warnings.extend(std::mem::take(&mut body.warnings).into_iter().map(|d| d.in_file(&info.shown)));
            body.into()
        }
    };
    learnt.words = Some(body.word_count());
    let page =
        Page { info, fm, keys, date, outputs, body, path: String::new(), was_normalized, generated: false, schedule };
    Ok((page, warnings))
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
            keys: Default::default(),
            date: None,
            outputs: vec![OutputKind::Web],
            body: Default::default(),
            path: String::new(),
            was_normalized: false,
            generated: true,
            schedule: Default::default(),
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
                Diagnostic::error("address", msg!("content-no-address"))
                    .in_file(&page.info.shown)
                    .with_hint(msg!("content-no-address-hint")),
            );
            continue;
        }
        let path = parts.join("/");
        if let Some(d) = too_long(page, &parts, &path) {
            diags.push(d);
            continue;
        }
        if let Some(reason) = reserved(&parts, config, page.kind(), &lang) {
            diags.push(
                Diagnostic::error(
                    "address",
                    msg!("content-reserved-address", address = format!("{path}/"), reason = reason),
                )
                .in_file(&page.info.shown)
                .with_hint(msg!("content-reserved-address-hint")),
            );
        } else if let Some(other) = taken.get(&path) {
            diags.push(
                Diagnostic::error("address", msg!("content-same-address", other = other, address = format!("{path}/")))
                    .in_file(&page.info.shown)
                    .with_hint(msg!("content-same-address-hint")),
            );
        } else {
            taken.insert(path.clone(), page.info.shown.clone());
        }
        page.path = path;
    }
}

/// An address too long for the file systems a site is published on (issue 10: a 300-character
/// slug passed `loa check`, then the build failed with "File name too long" naming no file).
fn too_long(page: &Page, parts: &[String], path: &str) -> Option<Diagnostic> {
    use crate::limits::{ADDRESS_BYTES, ADDRESS_PART_BYTES};
    let long_part = parts.iter().find(|p| p.len() > ADDRESS_PART_BYTES);
    if long_part.is_none() && path.len() <= ADDRESS_BYTES {
        return None;
    }
    let message = match long_part {
        Some(part) => msg!(
            "content-address-part-long",
            start = part.chars().take(40).collect::<String>(),
            max = ADDRESS_PART_BYTES,
            length = part.len()
        ),
        None => msg!("content-address-long", address = format!("{path}/"), max = ADDRESS_BYTES),
    };
    let d = page.at_key("slug", Diagnostic::error("address", message));
    Some(match page.fm.slug {
        Some(_) => d.with_hint(msg!("content-address-long-slug-hint")),
        None => d.with_hint(msg!("content-address-long-name-hint")),
    })
}

/// Addresses the site generator writes itself: language folders, tag pages, pagination.
/// `lang` is the page's language: only its own language prefix is skipped (a default-language
/// page with `slug: hmn` would take the Hmong home's address).
fn reserved(parts: &[String], config: &Config, kind: PageKind, lang: &str) -> Option<crate::messages::Message> {
    let first = parts.first()?;
    let first_lang = *first == lang && !config.is_default_language(lang);
    let rest = if first_lang { &parts[1..] } else { parts };
    match rest.first().map(String::as_str) {
        Some(first) if kind != PageKind::Home && config.language(first).is_some() => Some(msg!("content-for-language")),
        Some("tags") => Some(msg!("content-for-tags")),
        _ if rest.len() >= 2 && rest[rest.len() - 2] == "page" && kind == PageKind::Page => {
            Some(msg!("content-for-listings"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of up to 6 items, and long ones of many cycles: the in-place move
    /// gives what collecting `from` into a new vector gives.
    #[test]
    fn items_move_into_any_order() {
        fn check(from: Vec<usize>) {
            let mut items: Vec<usize> = (100..100 + from.len()).collect();
            let want: Vec<usize> = from.iter().map(|&i| items[i]).collect();
            move_into_order(&mut items, from.clone());
            assert_eq!(items, want, "{from:?}");
        }
        fn permutations(prefix: Vec<usize>, rest: Vec<usize>) {
            if rest.is_empty() {
                return check(prefix);
            }
            for (k, &x) in rest.iter().enumerate() {
                let mut p = prefix.clone();
                p.push(x);
                let mut r = rest.clone();
                r.remove(k);
                permutations(p, r);
            }
        }
        for n in 0..=6 {
            permutations(Vec::new(), (0..n).collect());
        }
        for step in [1, 7, 31, 997] {
            check((0..1000).map(|i| (i * step + 3) % 1000).collect());
        }
    }

    /// Issue 10: `UPPER.MD` and `notes.markdown` were ignored silently (and published as they
    /// are, drafts included, as page-folder files).
    #[test]
    fn page_files_in_any_letter_case() {
        for page in ["a.md", "A.MD", "notes.markdown", "x.hmn.Md", "Đường.md"] {
            assert!(is_page_file(page), "{page}");
        }
        for other in ["a.mdx", "md", "a.md.bak", "anh.jpg", "a.txt"] {
            assert!(!is_page_file(other), "{other}");
        }
        assert_eq!(page_stem("goi-111.hmn.MD"), Some("goi-111.hmn"));
        assert_eq!(page_stem("ghi-chu.markdown"), Some("ghi-chu"));
    }

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
