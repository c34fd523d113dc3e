//! `loa build`: the pipeline (`crate::pipeline`) into a staging folder, published atomically
//! only when nothing is wrong.

pub mod addresses;
mod incremental;
mod unchanged;

use crate::channels::Channels;
use crate::config::Config;
use crate::content::{LoadOptions, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{DirSink, OutDir, Staging};
use crate::i18n::I18n;
use crate::pipeline::{Pipeline, Plan};
use crate::render::images::ImageMap;
use crate::render::{RenderContext, Scope, Warnings};
use crate::theme::Theme;
use crate::{Reporter, Stage};
use addresses::Manifest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Output folder; `SITE/public` when absent.
    pub out: Option<PathBuf>,
    pub drafts: bool,
    /// Replaces `base_url` from loa.yaml (e.g. for a preview host).
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.site.join("public"))
    }
}

/// The site and everything renderers need, loaded and checked once.
pub struct Loaded {
    pub site: Site,
    pub theme: Theme,
    pub i18n: I18n,
    /// Warnings found while loading (errors make [`load`] fail).
    pub warnings: Diagnostics,
}

impl Loaded {
    /// What an output renderer reads (before the web renderer, so no artifacts yet).
    pub fn context<'a>(&'a self, scope: &'a Scope, images: &'a ImageMap, warnings: &'a Warnings) -> RenderContext<'a> {
        RenderContext {
            site: &self.site,
            theme: &self.theme,
            i18n: &self.i18n,
            artifacts: &[],
            scope,
            images,
            warnings,
        }
    }
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Language → web pages written.
    pub pages_per_language: BTreeMap<String, usize>,
    pub files: usize,
    /// What was made per channel (web pages, posters, scripts, …).
    pub channels: Channels,
    pub elapsed: Duration,
    pub out: PathBuf,
    pub warnings: Vec<Diagnostic>,
    /// Nothing changed since the last build into OUT: it was left as it was (issue 16).
    pub unchanged: bool,
    /// Only the text of these many pages changed: they and the pages that show them were made
    /// again, the rest taken from OUT (`incremental`).
    pub edited: Option<usize>,
}

/// Loads the site strictly (any error fails), without the checks: for tools and benchmarks that
/// need the model only. Builds go through [`crate::pipeline::Pipeline`].
pub fn load(opts: &BuildOptions) -> Result<Loaded, Diagnostics> {
    let mut config = Config::load(&opts.site)?;
    if let Some(url) = &opts.base_url {
        config.set_base_url(url).map_err(|d| Diagnostics::from(vec![d]))?;
    }
    let theme = Theme::load(&opts.site, &config.theme).map_err(|d| Diagnostics::from(vec![d]))?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let i18n = I18n::load(&theme, &codes, &config.default_language).map_err(|d| Diagnostics::from(vec![d]))?;
    let options = LoadOptions { include_drafts: opts.drafts, inspect: None, memo: None, defer: None };
    let (site, warnings) = Site::load(&opts.site, config, options)?;
    Ok(Loaded { site, theme, i18n, warnings })
}

/// Builds the site into OUT: the whole pipeline into a staging folder, published only when no
/// finding is an error (the same findings `loa check` reports). On any error OUT is left exactly
/// as it was. OUT is checked before anything is loaded: a folder that holds the user's own files
/// is never replaced.
pub fn build(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, Diagnostics> {
    build_keeping(opts, reporter, &mut None)
}

/// [`build`] for a process that ends as soon as it has told the result (`loa build`): the
/// loaded site is left for the operating system to take back whole. Freeing its millions of
/// small allocations one by one was ~0.1 s on one core at the end of a build of 3 x 5,000
/// pages (issue 16). Nothing in it is written or closed on drop. Callers that go on (`loa
/// serve`, tests, benchmarks) use [`build`].
pub fn build_before_exit(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, Diagnostics> {
    let mut loaded = None;
    let result = build_keeping(opts, reporter, &mut loaded);
    std::mem::forget(loaded);
    result
}

/// [`build`], leaving the pipeline it loads in `keep`: the caller decides how it goes.
fn build_keeping(
    opts: &BuildOptions,
    reporter: &dyn Reporter,
    keep: &mut Option<Pipeline>,
) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let one = |d: Diagnostic| Diagnostics::from(vec![d]);
    let out = OutDir::check(&opts.site, &opts.out_dir()).map_err(one)?;
    // Taken before anything is read: an edit made while this build runs is seen by the next.
    let shape = unchanged::Shape::of(opts, &out);
    let inputs = shape.as_ref().map(unchanged::Inputs::of);
    if let Some(summary) = unchanged::reuse(opts, &out, inputs) {
        return Ok(BuildSummary { elapsed: started.elapsed(), ..summary });
    }
    // Only looked at when something changed: what the last build knew, to render again only
    // the pages whose text changed.
    let state = shape.as_ref().and_then(|s| incremental::read(&opts.site, &out, s));
    reporter.stage(Stage::Loading, 1, 0);
    // The pages whose files did not change since that build: their bodies are parsed only if
    // this build reads them (an edit build reads few).
    let unchanged_pages = match (&state, &shape) {
        (Some(state), Some(shape)) => incremental::unchanged_pages(state, shape),
        _ => Default::default(),
    };
    let defer = |shown: &Path| unchanged_pages.contains(shown);
    // The copy of the OUT before the last build, which that build kept when it was an edit
    // build (`incremental::Base`), starts this one's staging folder; it is brought up to OUT
    // while the site loads, as this build is most likely an edit build too.
    let base = incremental::base_path(&opts.site, &out);
    let wants_base = state.as_ref().is_some_and(incremental::State::has_base);
    let (staging, notes, took_base) = Staging::begin_from(&out, wants_base.then_some(base.as_path())).map_err(one)?;
    let (loaded, from_base) = std::thread::scope(|scope| {
        let state = state.as_ref().filter(|_| took_base);
        let updating = state.map(|s| scope.spawn(|| incremental::update_base(&out.real, staging.dir(), s)));
        let loaded = Pipeline::load_deferring(opts, (!unchanged_pages.is_empty()).then_some(&defer as _));
        (loaded, updating.and_then(|u| u.join().ok().flatten()))
    });
    let (pipeline, mut findings) = loaded.inspect_err(|_| unchanged::forget(opts, &out))?;
    let pipeline = &*keep.insert(pipeline);
    let site = &pipeline.loaded.site;
    if let Some(earlier) = Manifest::read(&out.real) {
        findings.extend(addresses::dropped(&earlier, site));
    }
    let mut edit = match (state, &shape) {
        (Some(state), Some(shape)) if !findings.has_errors() => incremental::edit_of(state, shape, site),
        _ => None,
    };
    let sink = DirSink::reusing(staging.dir(), &out.real);
    // A copy taken that this build cannot start from: a staging folder as any other build's.
    if took_base && (edit.is_none() || from_base.is_none()) {
        empty_folder(staging.dir()).map_err(one)?;
    }
    if let Some(e) = &edit {
        let linked = match from_base {
            Some(files) => Some(files),
            None if staging.publishes_in_one_step() => incremental::link_published(&out.real, staging.dir(), e),
            None => None,
        };
        match linked {
            Some(files) => sink.adopt(files),
            None => {
                // OUT is not as published, or links cannot be made here: a full build, into an
                // empty staging folder.
                edit = None;
                empty_folder(staging.dir()).map_err(one)?;
            }
        }
    }
    let earlier_findings = edit.as_mut().map(incremental::Edit::take_findings);
    let plan = match &edit {
        Some(e) => edit_plan(site, e),
        None => Plan::all(),
    };
    // This OUT's records stay through the cache's sweep, however many other OUTs were built
    // since (the sweep keeps only so many unused entries per folder).
    for record in [unchanged::record_path(&opts.site, &out), incremental::state_path(&opts.site, &out)] {
        if let Some(name) = record.file_name() {
            pipeline.keep_record(&name.to_string_lossy());
        }
    }
    let run = pipeline.run(&plan, &sink, reporter);
    // The run's own findings, with the last run's for the pages this one did not render.
    let mut run_findings = run.diagnostics.into_vec();
    if let (Some(earlier), Some(e)) = (earlier_findings, &edit) {
        let edited = e.edited.iter().map(|&id| site.pages[id].info.shown.as_path()).collect();
        run_findings.extend(incremental::kept_findings(earlier, &edited, &run.made.files));
        run_findings.sort_by_key(|d| format!("{d:?}"));
        run_findings.dedup_by_key(|d| format!("{d:?}"));
    }
    findings.extend(run_findings.iter().cloned());
    if findings.has_errors() {
        unchanged::forget(opts, &out);
        return Err(findings);
    }
    reporter.stage(Stage::Publishing, 0, 0);
    findings.extend(notes);
    findings.extend(site.config.placeholder_warning());
    let mut made = run.made;
    if let Some(e) = edit.as_ref() {
        made.files.extend(e.earlier.files.iter().cloned());
    }
    // What OUT holds once published and the state for the next build, made while the old copy
    // is removed.
    let recording = unchanged::worth_recording(inputs) || shape.as_ref().is_some_and(|s| s.settled);
    let (sink_made, put) = match staging.publishes_in_one_step().then(|| sink.made_and_put(edit.is_some())).flatten() {
        Some((made, put)) => (Some(made), put),
        None => (None, None),
    };
    // An edit build keeps the old copy for the next (it differs from OUT only in what this
    // build put); any other build removes a copy an earlier one kept.
    let kept = edit.as_ref().and(put).map(incremental::Base::of);
    let keep = kept.is_some().then_some(base.as_path());
    let published = staging.publish_then(&Manifest::of(site).to_json(), keep, || {
        if keep.is_none() {
            incremental::drop_base(&base);
        }
        let files_now = if recording { unchanged::published_files(&out.real, sink_made) } else { None };
        let state = match (&shape, files_now) {
            (Some(shape), Some(files_now)) => {
                incremental::state_of(shape, files_now, site, &made, &run_findings, edit.as_ref(), kept)
            }
            _ => None,
        };
        incremental::save(&opts.site, &out, state);
        files_now
    });
    let (notes, files_now) = published
        .inspect_err(|_| {
            unchanged::forget(opts, &out);
            incremental::forget(&opts.site, &out);
        })
        .map_err(one)?;
    findings.extend(notes);
    let summary = BuildSummary {
        pages_per_language: web_pages_per_language(&pipeline.loaded.site, &made.artifacts),
        files: made.files.len(),
        channels: Channels::count(&made.artifacts),
        elapsed: started.elapsed(),
        out: out.shown.clone(),
        warnings: findings.sorted(),
        unchanged: false,
        edited: edit.as_ref().map(|e| e.edited.len()),
    };
    unchanged::remember(opts, &out, inputs, files_now, &summary);
    Ok(summary)
}

/// What an edit build renders: the edited pages' own outputs; their web pages, their
/// translations' (whose language switchers name them) and every listing, tag page and feed that
/// shows them; and the site-wide outputs.
fn edit_plan<'a>(site: &Site, edit: &'a incremental::Edit) -> Plan<'a> {
    let mut pages = edit.edited.clone();
    for &id in &edit.edited {
        pages.extend(site.index.translations(site.pages[id].key()));
    }
    // The homes list the coming events by date, with their titles.
    if edit.event_moved {
        pages.extend(site.config.languages.iter().filter_map(|l| site.home(&l.code)));
    }
    Plan {
        outputs: Scope::Pages(edit.edited.clone()),
        web: Scope::Changed(crate::render::Changes {
            pages,
            shown: edit.edited.clone(),
            reordered: edit.reordered,
            materials: true,
            sitemap: edit.redated,
        }),
        earlier: Some(&edit.earlier),
        complete: true,
    }
}

/// Removes everything inside `dir`, keeping the folder.
fn empty_folder(dir: &Path) -> Result<(), Diagnostic> {
    crate::fs::publish::remove_tree(dir)
        .and_then(|()| std::fs::create_dir(dir))
        .map_err(|e| crate::fs::io_error("create folder", dir, &e))
}

/// Every finding of the whole pipeline, rendered into memory; writes nothing into OUT (the
/// full content doctor with its report is `crate::check::run`).
pub fn check(opts: &BuildOptions, reporter: &dyn Reporter) -> Diagnostics {
    match Pipeline::load(opts) {
        Ok((pipeline, mut findings)) => {
            findings.extend(pipeline.run(&Plan::all(), &crate::fs::MemorySink::new(), reporter).diagnostics.into_vec());
            findings
        }
        Err(d) => d,
    }
}

/// Web pages written per language (the summary's numbers add up to its web page count).
fn web_pages_per_language(site: &Site, artifacts: &[crate::render::Artifact]) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for a in artifacts.iter().filter(|a| a.kind == crate::content::OutputKind::Web) {
        *map.entry(site.page(a.page).lang().to_string()).or_insert(0) += 1;
    }
    map
}

/// `SITE` as given, or the current folder.
pub fn site_root(arg: Option<&Path>) -> PathBuf {
    arg.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}
