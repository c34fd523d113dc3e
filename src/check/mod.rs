//! `loa check`: the content doctor for commune editors.
//!
//! One run reports everything, each finding with file, line and a plain fix:
//!
//! | detector            | looks at                         | finds                                         |
//! |---------------------|----------------------------------|-----------------------------------------------|
//! | loading             | every content file               | front matter errors (one per file)            |
//! | [`encoding`]        | raw text of every content file   | TCVN3/VNI mojibake, mixed encodings, NFD      |
//! | [`privacy`]         | raw text of every content file   | phone numbers, ID numbers, dates of birth     |
//! | [`links`]           | the loaded pages                 | broken links and anchors, other-language links|
//! | [`images`]          | the loaded pages                 | missing pictures, missing alt text, big files |
//! | [`translations`]    | the loaded pages                 | the language matrix (a summary)               |
//! | [`budget`]          | the pages rendered into memory   | pages over the gzip and first-screen budgets  |
//!
//! Files that fail to load are left out of the site but still get the text detectors. The
//! checks that need rendered outputs (SMS, broadcast budgets) hook in at
//! [`crate::build::check_run`]. Every detector is a pure function over text or over the
//! loaded site; this module only gathers their findings. Nothing is written unless
//! `--fix-encoding` asks for it.

pub mod budget;
pub mod encoding;
pub mod images;
pub mod links;
pub mod privacy;
pub mod report;
pub mod syllable;
pub mod translations;

use crate::build::{BuildOptions, Loaded};
use crate::config::Config;
use crate::content::{CONTENT_DIR, Page, PageId, Raw, Site, content_files};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::MemorySink;
use crate::messages::{Arg, Message};
use crate::msg;
use crate::pipeline::{Pipeline, Plan};
use crate::render::Scope;
use crate::render::images::ImageMap;
use crate::theme::Theme;
use crate::{Reporter, Stage};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::path::{Path, PathBuf};
use unicode_normalization::is_nfc;

#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Convert files with legacy-encoded lines to Unicode first (originals kept as `.bak`).
    pub fix_encoding: bool,
}

/// A file `--fix-encoding` converted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fixed {
    pub file: PathBuf,
    /// Where the original bytes were kept.
    pub backup: PathBuf,
    pub lines: usize,
}

/// Everything one run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by file, then line.
    pub diagnostics: Vec<Diagnostic>,
    /// `None` when the site could not be loaded at all (broken loa.yaml).
    pub translations: Option<translations::Matrix>,
    pub fixed: Vec<Fixed>,
    /// Content files read.
    pub files: usize,
    /// Pages that loaded (and were checked for links, pictures and size).
    pub pages: usize,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

pub fn run(opts: &CheckOptions, reporter: &dyn Reporter) -> Report {
    run_keeping(opts, reporter, &mut None)
}

/// [`run`] for a process that exits right after: the loaded site and the outputs held in memory
/// are left to the operating system instead of being freed piece by piece, as
/// [`crate::build::build_before_exit`] does.
pub fn run_before_exit(opts: &CheckOptions, reporter: &dyn Reporter) -> Report {
    let mut kept = None;
    let report = run_keeping(opts, reporter, &mut kept);
    std::mem::forget(kept);
    report
}

/// [`run`], leaving the pipeline and the outputs in `keep`: the caller decides how they go.
fn run_keeping(opts: &CheckOptions, reporter: &dyn Reporter, keep: &mut Option<(Pipeline, MemorySink)>) -> Report {
    let root = &opts.build.site;
    let mut diags = Diagnostics::new();
    let mut listing = Diagnostics::new();
    let files = content_files(root, &mut listing);
    let mut report = Report { files: files.len(), ..Report::default() };
    if opts.fix_encoding {
        reporter.stage(Stage::Converting, 1, 0);
        for rel in &files {
            match fix_file(root, rel) {
                Ok(Some(f)) => report.fixed.push(f),
                Ok(None) => {}
                Err(d) => diags.push(d),
            }
        }
    }
    reporter.stage(Stage::Loading, 1, 0);
    let (pipeline, loading) = match Pipeline::load(&opts.build) {
        Ok(loaded) => loaded,
        Err(fatal) => {
            diags.extend(fatal.into_vec());
            report.diagnostics = diags.sorted();
            return report;
        }
    };
    diags.extend(loading.into_vec());
    let outputs = MemorySink::new();
    let run = pipeline.run(&Plan::all(), &outputs, reporter);
    diags.extend(run.diagnostics.into_vec());
    let site = &pipeline.loaded.site;
    diags.extend(site.config.placeholder_warning());
    // What `loa build` into the default output folder would refuse: dropping an address.
    if let Some(earlier) = crate::build::addresses::Manifest::read(&opts.build.out_dir()) {
        diags.extend(crate::build::addresses::dropped(&earlier, site));
    }
    let matrix = translations::matrix(site);
    diags.extend(translations::warnings(&matrix));
    report.translations = Some(matrix);
    report.pages = site.pages.iter().filter(|p| !p.generated).count();
    report.diagnostics = diags.sorted();
    *keep = Some((pipeline, outputs));
    report
}

/// The numbers any page may publish: the hotline, `hotline.others` and `privacy.allow`.
pub fn site_allow_list(config: &Config) -> Vec<String> {
    std::iter::once(config.hotline.number.clone())
        .chain(config.hotline.others.iter().cloned())
        .chain(config.privacy.allow.iter().cloned())
        .collect()
}

/// The numbers one file may publish: the site's and its own front matter's.
pub fn allow(site: &[String], page: &[String]) -> privacy::Allow {
    privacy::Allow::new(site.iter().chain(page).map(String::as_str))
}

/// What a run of the pipeline made, as the checks on outputs see it.
pub struct Outputs<'a> {
    /// Every path under OUT, of this run and of earlier ones (serve).
    pub files: FileSet<'a>,
    /// The files this run wrote, with their sizes.
    pub written: &'a [crate::fs::Written],
    pub images: &'a ImageMap,
}

/// The paths under OUT: what this run wrote, over what earlier runs did (serve keeps those, and
/// an edit's run looks them up rather than copying tens of thousands of names, issue 16).
#[derive(Clone, Copy)]
pub struct FileSet<'a> {
    pub earlier: Option<&'a FxHashSet<String>>,
    pub written: &'a FxHashSet<String>,
}

impl FileSet<'_> {
    pub fn contains(&self, rel: &str) -> bool {
        self.written.contains(rel) || self.earlier.is_some_and(|e| e.contains(rel))
    }
}

/// The checks that need the rendered site: links and pictures (errors), page and first-screen
/// budgets, SMS and script lengths (warnings). Only pages in `scope` are checked.
pub fn output_findings(loaded: &Loaded, scope: &Scope, outputs: &Outputs<'_>) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let exists = |p: &Path| site_file_size(site, &loaded.theme, outputs.files, p).is_some();
    let size = |p: &Path| site_file_size(site, &loaded.theme, outputs.files, p);
    let budgets = &site.config.budgets;
    let mut out = links::check(site, scope, &exists);
    out.extend(images::check(site, scope, &size, budgets.image_bytes));
    out.extend(budget::web_pages(site, outputs.written, budgets.page_gzip_bytes));
    out.extend(budget::first_screens(site, scope, outputs.written, outputs.images, budgets.first_screen_bytes));
    // Only the pages in scope: an edit while serving re-measures that page, not all of them.
    out.extend(crate::render::broadcast::budget_diagnostics(site, &loaded.i18n, scope));
    out.extend(crate::render::sms::budget_diagnostics(site, &loaded.i18n, scope));
    out
}

/// The findings of `each` on every page of the content in `scope` (not the generated listings),
/// in the order of the pages. The pages are checked in parallel: after rendering, the checks
/// of links, pictures and first screens of 15,000 pages were ~0.3 s on one core (issue 16).
/// A parallel collect keeps the pages' order, so a report reads the same on every run.
pub(crate) fn per_page<F>(site: &Site, scope: &Scope, each: F) -> Vec<Diagnostic>
where
    F: Fn(PageId, &Page) -> Vec<Diagnostic> + Sync,
{
    use rayon::prelude::*;
    site.pages
        .par_iter()
        .enumerate()
        .filter(|(id, page)| !page.generated && scope.includes(*id))
        .flat_map_iter(|(id, page)| each(id, page))
        .collect()
}

/// Size of a file the content refers to (a path under the site root), wherever it comes from:
/// the site's folders, the theme's `static/`, or what the build itself writes (`/atom.xml`,
/// `/hmn/`).
fn site_file_size(site: &Site, theme: &Theme, outputs: FileSet<'_>, path: &Path) -> Option<u64> {
    if let Ok(meta) = std::fs::metadata(site.root.join(path))
        && meta.is_file()
    {
        return Some(meta.len());
    }
    let rel = path.to_str()?.replace('\\', "/");
    // `/` and `/hmn/` resolve to the `static` folder itself or a folder in it.
    let under_out = match rel.as_str() {
        "static" | "content" => "",
        _ => rel.strip_prefix("static/").or_else(|| rel.strip_prefix("content/"))?,
    };
    if let Some(bytes) = theme.get(&format!("static/{under_out}")) {
        return Some(bytes.len() as u64);
    }
    let dir = under_out.trim_end_matches('/');
    let index = if dir.is_empty() { "index.html".to_string() } else { format!("{dir}/index.html") };
    (outputs.contains(under_out) || outputs.contains(index.as_str())).then_some(0)
}

/// The text detectors on one file's raw bytes (before loading changed anything).
pub fn text_findings(shown: &Path, file: Raw<'_>, allow: &privacy::Allow) -> Vec<Diagnostic> {
    // Validated and normalised once, by loading (issue 16).
    let (bytes, utf8) = (file.bytes, file.utf8);
    let decoded;
    let text: &str = match utf8 {
        Some(s) => s.strip_prefix('\u{feff}').unwrap_or(s),
        None => {
            decoded = encoding::text_of(bytes);
            &decoded
        }
    };
    let mut out = encoding_findings(shown, text);
    if utf8.is_some()
        && !file.nfc.unwrap_or_else(|| is_nfc(text))
        && let Some(line) = text.lines().position(|l| !is_nfc(l))
    {
        out.push(
            Diagnostic::warning("encoding", msg!("encoding-nfd"))
                .in_file(shown)
                .at_line(line + 1)
                .with_hint(msg!("encoding-nfd-hint")),
        );
    }
    for f in privacy::scan(text, allow) {
        let (message, hint) = privacy_words(&f);
        out.push(Diagnostic::error("privacy", message).in_file(shown).at(f.line, f.col).with_hint(hint));
    }
    out
}

fn privacy_words(f: &privacy::Finding) -> (Message, Message) {
    use privacy::Kind;
    let t = f.text.as_str();
    match f.kind {
        Kind::Phone => (msg!("privacy-phone", number = t), msg!("privacy-phone-hint")),
        Kind::CitizenId => (msg!("privacy-citizen-id", number = t), msg!("privacy-id-hint")),
        Kind::OldId => (msg!("privacy-old-id", number = t), msg!("privacy-old-id-hint")),
        Kind::BirthDate => (msg!("privacy-birth-date", date = t), msg!("privacy-birth-date-hint")),
    }
}

const QUOTE_CHARS: usize = 80;
const LINES_SHOWN: usize = 5;

fn quote(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() <= QUOTE_CHARS {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(QUOTE_CHARS).collect::<String>())
    }
}

fn encoding_findings(shown: &Path, text: &str) -> Vec<Diagnostic> {
    let scan = encoding::scan(text);
    let mut out = Vec::new();
    let fix_hint = |converted: &str| msg!("encoding-fix-hint", converted = quote(converted), file = shown);
    for l in scan.legacy.iter().take(LINES_SHOWN) {
        out.push(
            Diagnostic::error(
                "encoding",
                msg!("encoding-legacy-line", encoding = l.encoding.name(), original = quote(&l.original)),
            )
            .in_file(shown)
            .at_line(l.line)
            .with_hint(fix_hint(&l.converted)),
        );
    }
    if scan.legacy.len() > LINES_SHOWN {
        let rest = &scan.legacy[LINES_SHOWN..];
        let lines: Vec<String> = rest.iter().map(|l| l.line.to_string()).collect();
        out.push(
            Diagnostic::error("encoding", msg!("encoding-more-lines", count = rest.len(), lines = lines.join(", ")))
                .in_file(shown)
                .at_line(rest[0].line)
                .with_hint(fix_hint(&rest[0].converted)),
        );
    }
    for l in &scan.leftovers {
        out.push(
            Diagnostic::warning(
                "encoding",
                msg!("encoding-leftover", word = l.word.as_str(), reading = l.reading.as_str()),
            )
            .in_file(shown)
            .at(l.line, l.col)
            .with_hint(msg!(
                "encoding-leftover-hint",
                word = l.word.as_str(),
                reading = l.reading.as_str()
            )),
        );
    }
    if scan.mixed() {
        let mut parts: Vec<Arg> = Vec::new();
        for enc in [encoding::Legacy::Tcvn3, encoding::Legacy::Vni] {
            let lines: Vec<usize> = scan.legacy.iter().filter(|l| l.encoding == enc).map(|l| l.line).collect();
            if !lines.is_empty() {
                parts.push(Arg::from(line_list(enc.name(), &lines)));
            }
        }
        if !scan.unicode_lines.is_empty() {
            parts.push(Arg::from(line_list("Unicode", &scan.unicode_lines)));
        }
        let first = scan.legacy.first().map(|l| l.line).unwrap_or(1);
        out.push(
            Diagnostic::error("encoding", msg!("encoding-mixed", parts = Arg::List(parts)))
                .in_file(shown)
                .at_line(first)
                .with_hint(msg!("encoding-mixed-hint")),
        );
    }
    out
}

/// "TCVN3 on lines 4, 5" (at most five line numbers).
fn line_list(encoding: &str, lines: &[usize]) -> Message {
    let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
    let more = if lines.len() > 5 { ", …" } else { "" };
    msg!("encoding-on-lines", encoding = encoding, count = lines.len(), lines = format!("{}{more}", shown.join(", ")))
}

/// Converts one content file's legacy lines to Unicode NFC, keeping the original bytes in a
/// backup first. `Ok(None)` when the file has nothing to convert.
fn fix_file(root: &Path, rel: &Path) -> Result<Option<Fixed>, Diagnostic> {
    let shown = Path::new(CONTENT_DIR).join(rel);
    let path = root.join(&shown);
    // The same bound as loading: a file too big to be a page is not read whole to be converted.
    let bytes = crate::content::read_page_file(&path, &shown)?;
    let text = encoding::text_of(&bytes);
    let lines = encoding::scan(&text).legacy.len();
    let Some(fixed) = encoding::fix(&text) else { return Ok(None) };
    let backup = crate::fs::replace_keeping_backup(&path, &bytes, fixed.as_bytes())
        .map_err(|d| d.in_file(&shown).with_hint(msg!("encoding-nothing-changed")))?;
    let backup = backup.strip_prefix(root).map(Path::to_path_buf).unwrap_or(backup);
    Ok(Some(Fixed { file: shown, backup, lines }))
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::LoadOptions;

    /// A site from (path, text) pairs, loaded leniently from a temporary folder (kept alive for
    /// the test by leaking its guard: tests are short-lived processes).
    pub fn site_from(files: &[(&str, &str)]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let p = dir.path().join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = Config::parse(
            "title: T\nbase_url: https://xa.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}, {code: hmn, name: H}]\nhotline: {number: \"111\"}\n",
            Path::new("loa.yaml"),
        )
        .unwrap();
        let root = dir.keep();
        Site::load_lenient(&root, config, LoadOptions::default()).0
    }

    #[test]
    fn text_findings_name_file_and_line() {
        let allow = privacy::Allow::new(["111"]);
        let bytes = "---\ntitle: A\n---\nPh\u{df}ng, ch\u{e8}ng mua b\u{b8}n ng\u{ad}\u{ea}i\nGọi 111 hoặc 0912345678\nCafe\u{301}\n";
        let found: Vec<(usize, &str, bool)> = text_findings(
            Path::new("content/a.md"),
            Raw { bytes: bytes.as_bytes(), utf8: Some(bytes), nfc: None },
            &allow,
        )
        .iter()
        .map(|d| (d.line.unwrap_or(0), d.code, d.is_error()))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
        assert_eq!(
            found,
            vec![(4, "encoding", true), (4, "encoding", true), (6, "encoding", false), (5, "privacy", true)]
        );
    }

    /// Pages checked in parallel report in the order of the pages, generated listings and
    /// pages outside the scope left out, on every run.
    #[test]
    fn per_page_findings_keep_the_order_of_the_pages() {
        let pages: Vec<(String, String)> =
            (0..300).map(|i| (format!("content/p{i:03}.md"), format!("---\ntitle: P{i}\n---\n"))).collect();
        let files: Vec<(&str, &str)> = pages.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = site_from(&files);
        let shown = |d: &Diagnostic| d.file.clone().unwrap_or_default();
        let note =
            |_: PageId, page: &Page| vec![Diagnostic::warning("link", msg!("build-failed")).in_file(&page.info.shown)];
        let expected: Vec<PathBuf> = site.pages.iter().filter(|p| !p.generated).map(|p| p.info.shown.clone()).collect();
        assert_eq!(expected.len(), 300);
        for _ in 0..5 {
            let found: Vec<PathBuf> = per_page(&site, &Scope::All, note).iter().map(shown).collect();
            assert_eq!(found, expected);
        }
        let some = crate::content::PageSet::from_iter([3, 1, 200]);
        let found: Vec<PathBuf> = per_page(&site, &Scope::Pages(some), note).iter().map(shown).collect();
        let wanted: Vec<PathBuf> = [1, 3, 200]
            .iter()
            .filter(|&&i| !site.pages[i].generated)
            .map(|&i| site.pages[i].info.shown.clone())
            .collect();
        assert_eq!(found, wanted);
    }

    #[test]
    fn quotes_are_shortened() {
        assert_eq!(quote("  ngắn  "), "ngắn");
        assert_eq!(quote(&"a".repeat(100)).chars().count(), QUOTE_CHARS + 1);
    }
}
