//! The rebuild loop's brain: a full build into memory at start (and on template, config or
//! picture changes), and for a page edit only what it affects — that page (and its PDFs and
//! other outputs), its translations' language switchers, the listing and tag pages that show
//! it. Output goes to memory; nothing is written under the site.

use super::watch::Change;
use crate::build::BuildOptions;
use crate::content::{CONTENT_DIR, PageId, PageSet, reload::Reload};
use crate::diag::Diagnostic;
use crate::fs::MemorySink;
use crate::pipeline::{Earlier, Pipeline, Plan};
use crate::render::{Changes, Scope};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rendered files: path under OUT and bytes.
pub type Rendered = Vec<(String, Vec<u8>)>;

/// Files to publish after a rebuild.
#[derive(Debug)]
pub enum Files {
    /// A full build: these are all the files.
    All(Rendered),
    /// An edit: replace or add `put`, drop `removed`.
    Update { put: Rendered, removed: Vec<String> },
}

#[derive(Debug)]
pub struct Outcome {
    /// `None` when nothing new can be published (the last good output stays).
    pub files: Option<Files>,
    pub report: Report,
}

/// What a rebuild tells the editor.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every problem still open (of this rebuild and of earlier broken saves); empty = all good.
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub full: bool,
    /// Files published (written or removed).
    pub files: usize,
}

impl Files {
    pub fn count(&self) -> usize {
        match self {
            Files::All(all) => all.len(),
            Files::Update { put, removed } => put.len() + removed.len(),
        }
    }
}

impl Outcome {
    fn new(files: Option<Files>, errors: Vec<Diagnostic>, warnings: Vec<Diagnostic>, full: bool) -> Outcome {
        let count = files.as_ref().map_or(0, Files::count);
        Outcome { files, report: Report { errors, warnings, full, files: count } }
    }
}

/// A page re-read in place.
struct Edit {
    id: PageId,
    reordered: bool,
    redated: bool,
}

/// The last good full build: the pipeline (renderers made once: the print engine parses fonts
/// and templates, costly per edit) and what it made.
struct State {
    pipeline: Pipeline,
    earlier: Earlier,
}

pub struct Rebuilder {
    opts: BuildOptions,
    state: Option<State>,
    /// The last full build failed, so the state is stale: the next change builds everything.
    needs_full: bool,
    /// Files whose last save could not be used, with what is wrong; a good save clears them.
    broken: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Errors of the last full build.
    full_errors: Vec<Diagnostic>,
    /// An edit changed a date: the sitemap is to be written again (see [`Rebuilder::deferred`]).
    sitemap_due: bool,
}

impl Rebuilder {
    pub fn new(opts: BuildOptions) -> Rebuilder {
        Rebuilder {
            opts,
            state: None,
            needs_full: true,
            broken: BTreeMap::new(),
            full_errors: Vec::new(),
            sitemap_due: false,
        }
    }

    /// Loads and renders everything: the same pipeline as `loa build`, into memory. When any
    /// finding is an error nothing is published and the last good site stays.
    pub fn full(&mut self) -> Outcome {
        let (files, findings) = match Pipeline::load(&self.opts) {
            Ok((pipeline, mut findings)) => {
                let sink = MemorySink::new();
                let run = pipeline.run(&Plan::all(), &sink, &crate::Silent);
                findings.extend(run.diagnostics.into_vec());
                if findings.has_errors() {
                    (None, findings)
                } else {
                    self.state = Some(State { pipeline, earlier: run.made });
                    (Some(Files::All(sink.into_files())), findings)
                }
            }
            Err(fatal) => (None, fatal),
        };
        let (errors, warnings): (Vec<_>, Vec<_>) = findings.sorted().into_iter().partition(Diagnostic::is_error);
        self.needs_full = !errors.is_empty();
        if errors.is_empty() {
            self.broken.clear();
        }
        self.full_errors = errors;
        Outcome::new(files, self.open_errors(), warnings, true)
    }

    /// Rebuilds what a batch of changes affects.
    pub fn apply(&mut self, changes: &[Change]) -> Outcome {
        if self.needs_full || changes.contains(&Change::Everything) {
            return self.full();
        }
        let mut put = Vec::new();
        let mut removed = Vec::new();
        let mut edited = Vec::new();
        let mut warnings = Vec::new();
        for change in changes {
            match change {
                Change::Static { source, out } => match read_regular(&self.opts.site.join(source)) {
                    // Pictures lose their metadata here as in a build (`render::files`).
                    Some(bytes) => match crate::render::files::clean_bytes(out, &bytes) {
                        Ok(clean) => {
                            self.broken.remove(source);
                            put.push((out.clone(), clean.into_owned()));
                        }
                        Err(r) => {
                            let d = Diagnostic::error("image", r.message).in_file(source).with_hint(r.hint);
                            self.broken.insert(source.clone(), vec![d]);
                        }
                    },
                    None => removed.push(out.clone()),
                },
                Change::Page(rel) => match self.reload(rel) {
                    Ok(Some((edit, found))) => {
                        edited.push(edit);
                        warnings.extend(found);
                    }
                    Ok(None) => return self.full(),
                    Err(()) => {}
                },
                Change::Everything | Change::Ignore => {}
            }
        }
        if !edited.is_empty() {
            match self.render_edit(&edited) {
                Ok((files, found)) => {
                    put.extend(files);
                    warnings.extend(found);
                }
                Err(diags) => {
                    for edit in &edited {
                        if let Some(state) = &self.state {
                            let shown = state.pipeline.loaded.site.pages[edit.id].info.shown.clone();
                            self.broken.insert(shown, diags.clone());
                        }
                    }
                }
            }
        }
        let files = (!put.is_empty() || !removed.is_empty()).then_some(Files::Update { put, removed });
        Outcome::new(files, self.open_errors(), warnings, false)
    }

    /// Files worth updating but not worth making the editor wait for, asked for after the edit
    /// is published: the sitemap after a date change (it lists every page).
    pub fn deferred(&mut self) -> Option<Rendered> {
        let state = self.state.as_ref().filter(|_| std::mem::take(&mut self.sitemap_due))?;
        let sitemap = crate::render::web::feeds::sitemap(&state.pipeline.loaded.site);
        Some(vec![("sitemap.xml".to_string(), sitemap.into_bytes())])
    }

    /// Re-reads one page. `Ok(None)`: the site's shape changed, build everything.
    fn reload(&mut self, rel: &Path) -> Result<Option<(Edit, Vec<Diagnostic>)>, ()> {
        let Some(state) = &mut self.state else { return Ok(None) };
        let shown = Path::new(CONTENT_DIR).join(rel);
        match state.pipeline.reload(rel) {
            Ok((Reload::Page { id, reordered, redated }, found)) => {
                self.broken.remove(&shown);
                Ok(Some((Edit { id, reordered, redated }, found)))
            }
            Ok((Reload::Everything, _)) => Ok(None),
            Err(diags) => {
                self.broken.insert(shown, diags.sorted());
                Err(())
            }
        }
    }

    fn open_errors(&self) -> Vec<Diagnostic> {
        let mut all = self.full_errors.clone();
        all.extend(self.broken.values().flatten().cloned());
        all
    }

    /// Renders an edit: the edited pages' own outputs, then the web pages that show them, and
    /// the checks on the edited pages. Any error keeps the last good version published.
    fn render_edit(&mut self, edited: &[Edit]) -> Result<(Rendered, Vec<Diagnostic>), Vec<Diagnostic>> {
        let Some(state) = &mut self.state else { return Ok((Vec::new(), Vec::new())) };
        let site = &state.pipeline.loaded.site;
        let ids: PageSet = edited.iter().map(|e| e.id).collect();
        let mut pages = ids.clone();
        for &id in &ids {
            pages.extend(site.index.translations(site.pages[id].key()));
        }
        let plan = Plan {
            outputs: Scope::Pages(ids.clone()),
            web: Scope::Changed(Changes {
                pages,
                shown: ids,
                reordered: edited.iter().any(|e| e.reordered),
                materials: false,
                sitemap: false,
            }),
            earlier: Some(&state.earlier),
            complete: false,
        };
        let sink = MemorySink::new();
        let run = state.pipeline.run(&plan, &sink, &crate::Silent);
        let findings = run.diagnostics.sorted();
        if findings.iter().any(Diagnostic::is_error) {
            return Err(findings);
        }
        state.earlier.absorb(run.made);
        self.sitemap_due |= edited.iter().any(|e| e.redated);
        Ok((sink.into_files(), findings))
    }
}

/// A regular file's bytes; `None` for a missing file, a folder or a symlink (never followed, so
/// a link in `static/` cannot serve a file from outside the site).
fn read_regular(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    std::fs::read(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
            let Ok(rel) = entry.path().strip_prefix(from) else { continue };
            let dest = to.join(rel);
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
    }

    /// A copy of fixture `name` and a rebuilder that has made it once, without errors.
    fn built(name: &str) -> (tempfile::TempDir, PathBuf, Rebuilder) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join(name);
        copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name), &site);
        let mut rebuilder = Rebuilder::new(BuildOptions { site: site.clone(), ..Default::default() });
        let first = rebuilder.full();
        assert!(first.report.errors.is_empty(), "{:?}", first.report.errors);
        (tmp, site, rebuilder)
    }

    fn put_paths(outcome: Outcome) -> Vec<String> {
        match outcome.files {
            Some(Files::Update { put, .. }) => put.into_iter().map(|(rel, _)| rel).collect(),
            other => panic!("expected an update, got {other:?} with {:?}", outcome.report.errors),
        }
    }

    /// Issue 5: an edit re-renders the PDFs of the edited page only, never those of untouched
    /// pages (typesetting is the slow part), but every web page that links to it.
    #[test]
    fn an_edit_renders_the_edited_pages_outputs_only() {
        let (_tmp, site, mut rebuilder) = built("print");

        let edit = |rel: &str, from: &str, to: &str| {
            let path = site.join("content").join(rel);
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.contains(from), "{rel}");
            std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        };
        edit("_index.md", "Chào mừng.", "Chào mừng bà con.");
        let put = put_paths(rebuilder.apply(&[Change::Page("_index.md".into())]));
        assert!(put.contains(&"index.html".to_string()), "{put:?}");
        assert!(!put.iter().any(|p| p.ends_with(".pdf")), "no PDF for a web-only edit: {put:?}");

        edit("dau-hieu.hmn.md", "Tsis txhob", "Thov tsis txhob");
        let put = put_paths(rebuilder.apply(&[Change::Page("dau-hieu.hmn.md".into())]));
        let pdfs: Vec<&String> = put.iter().filter(|p| p.ends_with(".pdf")).collect();
        // Both copies of its poster: the print shop's and the office printer's (issue 13).
        assert_eq!(
            pdfs,
            ["hmn/dau-hieu/poster-office.pdf", "hmn/dau-hieu/poster.pdf"],
            "only the edited page's PDFs: {put:?}"
        );
        assert!(put.contains(&"dau-hieu/index.html".to_string()), "the translation's switcher: {put:?}");
    }

    /// Issue 16: an edit makes again the bulletin of the edited page's own section, once, and
    /// leaves every other section's bulletin as it was (each reads out a whole section).
    #[test]
    fn an_edit_remakes_its_own_sections_bulletin_only() {
        let (_tmp, site, mut rebuilder) = built("speech");
        let bulletins = |r: &Rebuilder| -> Vec<String> {
            let mut rels: Vec<String> = r
                .state
                .as_ref()
                .unwrap()
                .earlier
                .artifacts
                .iter()
                .filter(|a| a.kind == crate::content::OutputKind::Bulletin)
                .map(|a| a.rel.clone())
                .collect();
            rels.sort();
            rels
        };
        let before = bulletins(&rebuilder);
        assert!(before.contains(&"huong-dan/bulletin.txt".to_string()), "{before:?}");

        let path = site.join("content/huong-dan/bao-tin.md");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("Nói rõ:", "Xin nói rõ:")).unwrap();
        let outcome = rebuilder.apply(&[Change::Page("huong-dan/bao-tin.md".into())]);
        let Some(Files::Update { put, .. }) = &outcome.files else { panic!("{:?}", outcome.report.errors) };
        let made: Vec<&str> = put.iter().map(|(rel, _)| rel.as_str()).filter(|r| r.ends_with("bulletin.txt")).collect();
        assert_eq!(made, ["huong-dan/bulletin.txt"], "only the edited page's section");
        let bulletin = &put.iter().find(|(rel, _)| rel == "huong-dan/bulletin.txt").unwrap().1;
        assert!(String::from_utf8_lossy(bulletin).contains("Xin nói rõ"));
        // Each bulletin is listed once, so the section page links to it once.
        assert_eq!(bulletins(&rebuilder), before);
    }
}
