//! The one pipeline that `loa build`, `loa check` and `loa serve` all drive:
//!
//! ```text
//! load ──► content checks ──► pictures ──► output renderers ──► web ──► output checks
//! (every file once; the text   (resized,    (share cards, print,   (links    (links, pictures,
//!  checks run on each file's    no metadata) broadcast, SMS)        to the    page budgets,
//!  bytes as it is read)                                             others)   translations)
//! ```
//!
//! The callers differ only in where the files go and what they do with the findings: `build`
//! writes into a staging folder and publishes only when no finding is an error; `check` renders
//! into memory and reports; `serve` renders into memory, publishes the good and shows the errors
//! in the browser. So a page that `loa check` rejects can never be published by `loa build` or
//! previewed by `loa serve` as if it were fine (issue 11).
//!
//! Every output is wired in [`renderers`]: adding one is one line there.

use crate::build::{BuildOptions, Loaded};
use crate::check;
use crate::config::Config;
use crate::content::memo::{self, Memo};
use crate::content::reload::Reload;
use crate::content::{LoadOptions, OutputKind, Raw, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{Cache, OutputLog, RecordingSink, Sink};
use crate::i18n::I18n;
use crate::render::images::{self, ImageMap};
use crate::render::kit::offline::KitRenderer;
use crate::render::print::{Engine as PrintEngine, PrintRenderer};
use crate::render::web::WebRenderer;
use crate::render::{Artifact, RenderContext, Renderer, Scope, Warnings};
use crate::theme::Theme;
use crate::{Reporter, Stage};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

/// A loaded site with its renderers, ready to run (once for a build, many times when serving).
pub struct Pipeline {
    pub loaded: Loaded,
    /// Every output but the web, in the order they run.
    outputs: Vec<Box<dyn Renderer>>,
    /// Last: its pages link to what the others made.
    web: WebRenderer,
    /// `SITE/.loa-cache` (pictures, cards, PDFs), or `None` to cache nothing.
    cache: Option<Arc<Cache>>,
    options: BuildOptions,
}

/// What one run should render.
#[derive(Debug, Clone, Default)]
pub struct Plan<'a> {
    /// Pages whose own outputs are made (pictures, PDFs, scripts, SMS, share cards) and checked.
    pub outputs: Scope,
    /// Web pages to write (an edit also rewrites the listings that show the edited page).
    pub web: Scope,
    /// What an earlier run made, for the pages outside `outputs` (serve: the last full build).
    pub earlier: Option<&'a Earlier>,
    /// A build over part of the site (`build::incremental`): the site-wide outputs (offline
    /// kits, materials pages, print order, calendar) are made again too, so that the run leaves
    /// the whole site as a full run would. `loa serve` leaves them to its next full run.
    pub complete: bool,
}

impl Plan<'_> {
    /// Everything.
    pub fn all() -> Plan<'static> {
        Plan::default()
    }

    /// Whether this run makes `artifact` of an earlier run again: the outputs of the pages in
    /// scope, the web pages it renders, and in a complete run the site-wide files.
    fn remakes(&self, artifact: &Artifact) -> bool {
        let site_wide = matches!(artifact.kind, OutputKind::Kit | OutputKind::PrintOrder | OutputKind::Calendar);
        self.outputs.includes(artifact.page)
            || (artifact.kind == OutputKind::Web && self.web.includes(artifact.page))
            || (self.complete && site_wide)
    }
}

/// What a run made, kept by `loa serve` so that an edit renders only what it touches.
#[derive(Debug, Clone, Default)]
pub struct Earlier {
    /// Every artifact, of this run and of the earlier one it built on.
    pub artifacts: Vec<Artifact>,
    /// Every processed picture, likewise.
    pub images: ImageMap,
    /// The file paths under OUT this run wrote (links to generated files such as `/atom.xml`
    /// resolve to them). A run over every page wrote them all; an edit's run only its own,
    /// which [`Earlier::absorb`] adds to the earlier ones.
    pub files: FxHashSet<String>,
    /// The files the run held when the web run began (with the earlier run's, for a run over
    /// part of the site): what the offline kits may pack besides the pages.
    pub before_web: FxHashSet<String>,
}

impl Earlier {
    /// Takes in what a later run over part of the site made, once it is published.
    pub fn absorb(&mut self, later: Earlier) {
        self.artifacts = later.artifacts;
        self.images = later.images;
        self.files.extend(later.files);
        self.before_web = later.before_web;
    }
}

/// The result of a run: what was made and every finding (errors mean: do not publish).
#[derive(Debug, Default)]
pub struct Run {
    pub made: Earlier,
    pub diagnostics: Diagnostics,
}

impl Pipeline {
    /// Loads the site (leniently: a broken page is left out and its errors kept, so one run
    /// reports everything) and prepares the renderers. Only a broken `loa.yaml`, theme or i18n
    /// file fails here. The findings of loading, including the text checks (personal data,
    /// old encodings), come back beside the pipeline.
    pub fn load(options: &BuildOptions) -> Result<(Pipeline, Diagnostics), Diagnostics> {
        Pipeline::load_deferring(options, None)
    }

    /// [`Pipeline::load`], leaving unparsed until read the bodies of the files `defer` names
    /// (see `crate::content::lazy_body`).
    pub(crate) fn load_deferring(
        options: &BuildOptions,
        defer: Option<&(dyn Fn(&Path) -> bool + Sync)>,
    ) -> Result<(Pipeline, Diagnostics), Diagnostics> {
        let one = |d: Diagnostic| Diagnostics::from(vec![d]);
        let mut config = Config::load(&options.site)?;
        if let Some(url) = &options.base_url {
            config.set_base_url(url).map_err(one)?;
        }
        let theme = Theme::load(&options.site, &config.theme).map_err(one)?;
        let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
        let i18n = I18n::load(&theme, &codes, &config.default_language).map_err(one)?;
        let allow = check::site_allow_list(&config);
        let inspect = |shown: &Path, file: Raw<'_>, page_allow: &[String]| {
            check::text_findings(shown, file, &check::allow(&allow, page_allow))
        };
        // What the text checks found in each file last time, for the files whose bytes are the
        // same (most of them): under other allowed numbers they are all made again.
        let memo_path = memo::memo_path(&options.site.join(CACHE_DIR));
        let allowed: Vec<&[u8]> = allow.iter().map(String::as_bytes).collect();
        let memo = Memo::open(&memo_path, &allowed);
        let load_options =
            LoadOptions { include_drafts: options.drafts, inspect: Some(&inspect), memo: memo.as_ref(), defer };
        let settings_warnings = std::mem::take(&mut config.warnings);
        let (site, mut diagnostics) = Site::load_lenient(&options.site, config, load_options);
        if let Some(memo) = memo {
            memo.save(&memo_path);
        }
        diagnostics.extend(settings_warnings);
        let loaded = Loaded { site, theme, i18n, warnings: Diagnostics::new() };
        let cache = Some(Arc::new(Cache::new(options.site.join(CACHE_DIR))));
        let outputs = renderers(&loaded, cache.as_ref()).map_err(one)?;
        let web = WebRenderer::new(&loaded.theme).map_err(one)?;
        Ok((Pipeline { loaded, outputs, web, cache, options: options.clone() }, diagnostics))
    }

    /// Keeps the cache's `builds/` entry named `name` through this run's sweep.
    pub(crate) fn keep_record(&self, name: &str) {
        if let Some(cache) = &self.cache {
            cache.used("builds", name);
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.options
    }

    /// Re-reads one changed content file (`loa serve`), with the same text checks as a load.
    pub fn reload(&mut self, rel: &Path) -> Result<(Reload, Vec<Diagnostic>), Diagnostics> {
        let allow = check::site_allow_list(&self.loaded.site.config);
        let inspect = |shown: &Path, file: Raw<'_>, page_allow: &[String]| {
            check::text_findings(shown, file, &check::allow(&allow, page_allow))
        };
        let options =
            LoadOptions { include_drafts: self.options.drafts, inspect: Some(&inspect), memo: None, defer: None };
        self.loaded.site.reload_file(rel, options)
    }

    /// Runs the picture step, every output renderer and the web over `plan` into `sink`, then
    /// the checks that need the outputs. Never stops at the first problem.
    pub fn run(&self, plan: &Plan<'_>, sink: &dyn Sink, reporter: &dyn Reporter) -> Run {
        let log = OutputLog::default();
        let counted = Counted { inner: sink, reporter };
        let sink = RecordingSink::new(&counted, &log, self.loaded.site.config.budgets.page_gzip_bytes);
        let mut diagnostics = Diagnostics::new();
        let site = &self.loaded.site;
        // Loading was step 1, publishing comes last.
        let steps = self.outputs.len() + 6;
        reporter.stage(Stage::Pictures, 2, steps);
        let mut images = plan.earlier.map(|e| e.images.clone()).unwrap_or_default();
        match images::process_scoped(site, &plan.outputs, self.cache.as_deref(), &sink) {
            Ok(new) => images.images.extend(new.images),
            Err(errs) => diagnostics.extend(errs.into_vec()),
        }
        let warnings = Warnings::default();
        let mut artifacts: Vec<Artifact> = match plan.earlier {
            Some(e) => e.artifacts.iter().filter(|a| !plan.remakes(a)).cloned().collect(),
            None => Vec::new(),
        };
        let mut kept = artifacts.len();
        // The offline kits pack the web's pages as the web renderer writes them (one render of
        // each page) and the other renderers' files as they are put; the materials pages list
        // the kits, so they reach OUT after them.
        let wanted = if plan.complete {
            site.config.kits
        } else {
            KitRenderer::wanted(&self.context(&plan.web, &images, &artifacts, &warnings))
        };
        let mut collector = wanted.then(|| KitRenderer::collect(&self.loaded.site, &sink, self.cache.as_deref()));
        {
            let noting = collector.as_ref().map(|c| c.noting(&sink));
            let outputs_sink: &dyn Sink = match &noting {
                Some(n) => n,
                None => &sink,
            };
            for (i, renderer) in self.outputs.iter().enumerate() {
                reporter.stage(Stage::Output(renderer.name()), 3 + i, steps);
                // Each renderer sees what the ones before it made (the materials page and the kit
                // list and pack them).
                let scope = if plan.complete && renderer.site_wide() { &Scope::All } else { &plan.outputs };
                let cx = self.context(scope, &images, &artifacts, &warnings);
                match renderer.render(&cx, outputs_sink) {
                    Ok(made) => artifacts.extend(made),
                    Err(errs) => diagnostics.extend(errs),
                }
                // The next renderer sees each file once (the print order counts bulletins).
                if plan.earlier.is_some() {
                    replace_remade(&mut artifacts, &mut kept);
                }
            }
        }
        reporter.stage(Stage::Web, steps - 3, steps);
        let cx = self.context(&plan.web, &images, &artifacts, &warnings);
        let mut before_web = log.paths();
        if let Some(e) = plan.earlier {
            before_web.extend(e.before_web.iter().cloned());
        }
        if let Some(c) = collector.as_mut() {
            // A complete run over part of the site has the published files in its folder: the
            // kits go by what a full run would hold at this point, never by the folder.
            let partial = plan.complete && plan.earlier.is_some();
            c.web_begins(before_web.clone(), partial);
            if let (Some(e), true) = (plan.earlier, partial) {
                let written = log.paths();
                c.published_unchanged(e.files.iter().filter(|f| !written.contains(f.as_str())).cloned().collect());
            }
        }
        let web_sink: &dyn Sink = match &collector {
            Some(c) => c,
            None => &sink,
        };
        let web_result = self.web.render(&cx, web_sink);
        if let (Some(c), Some(earlier), true) = (&collector, plan.earlier, plan.complete) {
            // The pages this run did not render are packed as the site published them.
            let written = log.paths();
            let pages: Vec<&String> =
                earlier.files.iter().filter(|f| f.ends_with(".html") && !written.contains(f.as_str())).collect();
            pages.par_iter().for_each(|rel| c.published_page(rel, || sink.read(rel)));
        }
        reporter.stage(Stage::Output(KitRenderer::NAME), steps - 2, steps);
        let kits_wanted = collector.is_some();
        let mut kits = Vec::new();
        if let Some(collected) = collector {
            // A page the web cannot render fails the web run with its message: then no kit.
            if web_result.is_ok() {
                match KitRenderer::finish(&cx, collected, &sink) {
                    Ok(made) => kits = made,
                    Err(errs) => diagnostics.extend(errs),
                }
            }
        }
        match web_result {
            Ok(made) => artifacts.extend(made),
            Err(errs) => diagnostics.extend(errs),
        }
        if kits_wanted {
            artifacts.extend(kits);
            let cx = self.context(&plan.web, &images, &artifacts, &warnings);
            if let Err(errs) = self.web.render_materials(&cx, &sink) {
                diagnostics.extend(errs);
            }
        }
        diagnostics.extend(warnings.take());
        reporter.stage(Stage::Checking, steps - 1, steps);
        let written = log.take();
        let files: FxHashSet<String> = written.iter().map(|f| f.rel.clone()).collect();
        let file_set = check::FileSet { earlier: plan.earlier.map(|e| &e.files), written: &files };
        let outputs = check::Outputs { files: file_set, written: &written, images: &images };
        diagnostics.extend(check::output_findings(&self.loaded, &plan.outputs, &outputs));
        // Only a run over every page knows which entries the site still needs (issue 16).
        if let (Some(cache), true) = (&self.cache, plan.outputs.is_all()) {
            cache.sweep();
        }
        Run { made: Earlier { artifacts, images, files, before_web }, diagnostics }
    }

    fn context<'a>(
        &'a self,
        scope: &'a Scope,
        images: &'a ImageMap,
        artifacts: &'a [Artifact],
        warnings: &'a Warnings,
    ) -> RenderContext<'a> {
        let l = &self.loaded;
        RenderContext { site: &l.site, theme: &l.theme, i18n: &l.i18n, artifacts, scope, images, warnings }
    }
}

/// Drops the earlier artifacts (`artifacts[..kept]`) that this run made again: a section's
/// bulletin is remade when one of its pages is edited, though it belongs to the section's page.
/// `kept` becomes the number of earlier ones left.
fn replace_remade(artifacts: &mut Vec<Artifact>, kept: &mut usize) {
    let made = artifacts.split_off(*kept);
    let remade: HashSet<&str> = made.iter().map(|a| a.rel.as_str()).collect();
    artifacts.retain(|a| !remade.contains(a.rel.as_str()));
    *kept = artifacts.len();
    artifacts.extend(made);
}

/// Tells the reporter about every file made (the progress bar counts them).
struct Counted<'a> {
    inner: &'a dyn Sink,
    reporter: &'a dyn Reporter,
}

impl Sink for Counted<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put(rel, bytes)?;
        self.reporter.wrote();
        Ok(())
    }

    fn put_cached(&self, rel: &str, cache_file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put_cached(rel, cache_file, bytes)?;
        self.reporter.wrote();
        Ok(())
    }

    fn put_entry(&self, rel: &str, cache_file: &Path, len: u64) -> Result<(), Diagnostic> {
        self.inner.put_entry(rel, cache_file, len)?;
        self.reporter.wrote();
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.inner.read(rel)
    }

    fn exists(&self, rel: &str) -> bool {
        self.inner.exists(rel)
    }

    fn previous_path(&self, rel: &str) -> Option<std::path::PathBuf> {
        self.inner.previous_path(rel)
    }
}

/// Where loa keeps what it can reuse between builds, inside the site folder.
pub const CACHE_DIR: &str = ".loa-cache";

/// Every output renderer but the web, in the order they run. `cache`: `SITE/.loa-cache`.
fn renderers(loaded: &Loaded, cache: Option<&Arc<Cache>>) -> Result<Vec<Box<dyn Renderer>>, Diagnostic> {
    // The print engine parses fonts and templates once, shared by posters, leaflets, banners and
    // share cards; only made when something needs it.
    let print_kinds = [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner];
    let wants_print = loaded.site.pages.iter().any(|p| print_kinds.iter().any(|&k| p.wants(k)));
    let wants_social = loaded.site.pages.iter().any(|p| p.wants(OutputKind::Social));
    let engine = if wants_print || wants_social || loaded.site.config.share_cards {
        Some(Arc::new(PrintEngine::new(&loaded.theme, &loaded.site.config.theme)?))
    } else {
        None
    };
    let share_engine = engine.clone().filter(|_| loaded.site.config.share_cards);
    let mut all: Vec<Box<dyn Renderer>> = vec![
        Box::new(crate::render::files::FilesRenderer),
        Box::new(crate::render::aliases::AliasRenderer),
        Box::new(crate::render::share::ShareRenderer::new(share_engine, cache.cloned())),
        Box::new(crate::render::broadcast::BroadcastRenderer::new(cache.cloned())),
        Box::new(crate::render::sms::SmsRenderer),
        Box::new(crate::render::social::SocialRenderer::new(engine.clone(), cache.cloned())),
    ];
    let order_engine = engine.clone().filter(|_| wants_print);
    if let Some(engine) = engine.filter(|_| wants_print) {
        let print = PrintRenderer::all(engine, cache.cloned());
        all.extend(print.into_iter().map(|r| Box::new(r) as Box<dyn Renderer>));
    }
    // The campaign kit: site-wide, after every page output (issue 14).
    all.push(Box::new(crate::render::kit::order::OrderRenderer::new(order_engine, cache.cloned())));
    all.push(Box::new(crate::render::kit::calendar::CalendarRenderer));
    Ok(all)
}
