//! `loa build` and `loa check`: load once, run every renderer, publish atomically.

use crate::Reporter;
use crate::config::Config;
use crate::content::{LoadOptions, OutputKind, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{DirSink, MemorySink, OutDir, Sink, Staging};
use crate::i18n::I18n;
use crate::render::images::ImageMap;
use crate::render::print::{Engine as PrintEngine, PrintRenderer};
use crate::render::web::WebRenderer;
use crate::render::{Artifact, RenderContext, Renderer, Scope};
use crate::theme::Theme;
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
    pub fn context<'a>(&'a self, scope: &'a Scope, images: &'a ImageMap) -> RenderContext<'a> {
        RenderContext { site: &self.site, theme: &self.theme, i18n: &self.i18n, artifacts: &[], scope, images }
    }
}

#[derive(Debug, Clone)]
pub struct BuildSummary {
    /// Language → published pages.
    pub pages_per_language: BTreeMap<String, usize>,
    pub files: usize,
    pub elapsed: Duration,
    pub out: PathBuf,
    pub warnings: Vec<Diagnostic>,
}

pub fn load(opts: &BuildOptions) -> Result<Loaded, Diagnostics> {
    let mut config = Config::load(&opts.site)?;
    if let Some(url) = &opts.base_url {
        config.base_url = url.trim_end_matches('/').to_string();
    }
    let theme = Theme::load(&opts.site, &config.theme).map_err(|d| Diagnostics::from(vec![d]))?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let i18n = I18n::load(&theme, &codes, &config.default_language).map_err(|d| Diagnostics::from(vec![d]))?;
    let (site, warnings) = Site::load(&opts.site, config, LoadOptions { include_drafts: opts.drafts })?;
    Ok(Loaded { site, theme, i18n, warnings })
}

/// Renderers other than the web, which runs last so it can link to their files.
/// `cache`: the site's `.loa-cache` folder, when outputs may be cached between builds.
pub fn output_renderers(loaded: &Loaded, cache: Option<&Path>) -> Result<Vec<Box<dyn Renderer>>, Diagnostic> {
    // Print: fonts and templates parsed once, shared by poster, leaflet, banner and share cards;
    // only when something needs them (a web-only site without share cards never pays for it).
    let print_kinds = [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner];
    let wants_print = loaded.site.pages.iter().any(|p| print_kinds.iter().any(|&k| p.wants(k)));
    let engine = if wants_print || loaded.site.config.share_cards {
        Some(std::sync::Arc::new(PrintEngine::new(&loaded.theme, &loaded.site.config.theme)?))
    } else {
        None
    };
    let share_engine = engine.clone().filter(|_| loaded.site.config.share_cards);
    let mut renderers: Vec<Box<dyn Renderer>> = vec![
        Box::new(crate::render::share::ShareRenderer::new(share_engine, cache.map(|c| c.join("share")))),
        Box::new(crate::render::broadcast::BroadcastRenderer),
        Box::new(crate::render::sms::SmsRenderer),
    ];
    if let Some(engine) = engine.filter(|_| wants_print) {
        renderers.extend(PrintRenderer::all(engine).into_iter().map(|r| Box::new(r) as Box<dyn Renderer>));
    }
    Ok(renderers)
}

/// Runs every renderer over `scope` into `sink`. All errors of all renderers are returned.
/// `image_cache`: where processed pictures are kept between builds (`None`: no cache).
pub fn render_all(
    loaded: &Loaded,
    scope: &Scope,
    sink: &dyn Sink,
    reporter: &dyn Reporter,
    image_cache: Option<&Path>,
) -> Result<Vec<Artifact>, Diagnostics> {
    render_all_keeping_images(loaded, scope, sink, reporter, image_cache).map(|(artifacts, _)| artifacts)
}

/// [`render_all`], also returning the processed pictures (`loa check` weighs first screens).
pub fn render_all_keeping_images(
    loaded: &Loaded,
    scope: &Scope,
    sink: &dyn Sink,
    reporter: &dyn Reporter,
    image_cache: Option<&Path>,
) -> Result<(Vec<Artifact>, ImageMap), Diagnostics> {
    reporter.stage("pictures");
    let images = crate::render::images::process(&loaded.site, image_cache, sink)?;
    let cache = image_cache.and_then(Path::parent);
    let renderers = output_renderers(loaded, cache).map_err(|d| Diagnostics::from(vec![d]))?;
    let mut artifacts = run_outputs(loaded, &renderers, scope, &images, sink, reporter)?;
    reporter.stage("web");
    let web = WebRenderer::new(&loaded.theme).map_err(|d| Diagnostics::from(vec![d]))?;
    let cx = RenderContext {
        site: &loaded.site,
        theme: &loaded.theme,
        i18n: &loaded.i18n,
        artifacts: &artifacts,
        scope,
        images: &images,
    };
    let web_artifacts = web.render(&cx, sink).map_err(Diagnostics::from)?;
    artifacts.extend(web_artifacts);
    Ok((artifacts, images))
}

/// Runs the renderers that come before the web (print, broadcast, sms, share), collecting every
/// error of every renderer; `loa serve` runs the same over the pages an edit touched.
pub fn run_outputs(
    loaded: &Loaded,
    renderers: &[Box<dyn Renderer>],
    scope: &Scope,
    images: &ImageMap,
    sink: &dyn Sink,
    reporter: &dyn Reporter,
) -> Result<Vec<Artifact>, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut artifacts = Vec::new();
    for r in renderers {
        reporter.stage(r.name());
        match r.render(&loaded.context(scope, images), sink) {
            Ok(a) => artifacts.extend(a),
            Err(errs) => diags.extend(errs),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(artifacts) }
}

/// Builds the site into OUT. On any error OUT is left exactly as it was. OUT is checked before
/// anything is loaded: a folder that holds the user's own files is never replaced.
pub fn build(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    let one = |d: Diagnostic| Diagnostics::from(vec![d]);
    let out = OutDir::check(&opts.site, &opts.out_dir()).map_err(one)?;
    reporter.stage("loading content");
    let loaded = load(opts)?;
    let (staging, mut notes) = Staging::begin(&out).map_err(one)?;
    let sink = CountingSink { inner: DirSink::new(staging.dir()), count: Default::default() };
    let cache = opts.site.join(crate::render::images::CACHE_DIR);
    if let Err(mut diags) = render_all(&loaded, &Scope::All, &sink, reporter, Some(&cache)) {
        diags.extend(loaded.warnings.into_vec());
        return Err(diags);
    }
    reporter.stage("publishing");
    notes.extend(staging.publish(&manifest()).map_err(one)?);
    let mut warnings = loaded.warnings;
    warnings.extend(notes);
    Ok(BuildSummary {
        pages_per_language: pages_per_language(&loaded.site),
        files: sink.count.load(std::sync::atomic::Ordering::Relaxed),
        elapsed: started.elapsed(),
        out: out.shown,
        warnings: warnings.sorted(),
    })
}

/// The marker a build leaves at the top of OUT: it tells the next build that loa made this
/// folder and may replace it (see [`crate::fs::out_dir`]).
fn manifest() -> Vec<u8> {
    let value = serde_json::json!({
        "made_by": "loa",
        "version": env!("CARGO_PKG_VERSION"),
        "note": "loa replaces this whole folder on every build: keep nothing else in it",
    });
    serde_json::to_vec_pretty(&value).unwrap_or_default()
}

/// Like [`load`], but content files with errors are left out instead of failing the load; every
/// finding comes back beside the site. Only a broken config, theme or i18n is fatal.
pub fn load_lenient(opts: &BuildOptions) -> Result<(Loaded, Diagnostics), Diagnostics> {
    let config = Config::load(&opts.site)?;
    let theme = Theme::load(&opts.site, &config.theme).map_err(|d| Diagnostics::from(vec![d]))?;
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let i18n = I18n::load(&theme, &codes, &config.default_language).map_err(|d| Diagnostics::from(vec![d]))?;
    let (site, diags) = Site::load_lenient(&opts.site, config, LoadOptions { include_drafts: opts.drafts });
    Ok((Loaded { site, theme, i18n, warnings: Diagnostics::new() }, diags))
}

/// What `loa check` learns by loading leniently and rendering into memory.
pub struct CheckRun {
    pub loaded: Loaded,
    /// Findings of loading, of rendering and of the checks on rendered files.
    pub diagnostics: Diagnostics,
    /// Every rendered file: path under OUT and its bytes (budgets measure them).
    pub files: Vec<(String, Vec<u8>)>,
    /// The processed pictures (empty when rendering failed).
    pub images: ImageMap,
}

/// Loads (leniently) and renders everything in memory; writes nothing into OUT. Checks that need
/// the rendered outputs (size budgets of SMS, broadcast) add their findings here; `loa check`
/// adds the content checks of `crate::check` on top. Pictures go through the same cache as
/// `build`, so a check after a build does not process every photo again.
pub fn check_run(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<CheckRun, Diagnostics> {
    let (loaded, mut diagnostics) = load_lenient(opts)?;
    let sink = MemorySink::new();
    let cache = opts.site.join(crate::render::images::CACHE_DIR);
    let images = match render_all_keeping_images(&loaded, &Scope::All, &sink, reporter, Some(&cache)) {
        Ok((_, images)) => images,
        Err(errs) => {
            diagnostics.extend(errs.into_vec());
            ImageMap::default()
        }
    };
    diagnostics.extend(crate::render::broadcast::budget_diagnostics(&loaded.site, &loaded.i18n));
    diagnostics.extend(crate::render::sms::budget_diagnostics(&loaded.site, &loaded.i18n));
    Ok(CheckRun { loaded, diagnostics, files: sink.into_files(), images })
}

/// Loads and renders everything in memory; writes nothing. Returns every finding of
/// [`check_run`] (the full content doctor is `crate::check::run`).
pub fn check(opts: &BuildOptions, reporter: &dyn Reporter) -> Diagnostics {
    match check_run(opts, reporter) {
        Ok(run) => run.diagnostics,
        Err(d) => d,
    }
}

fn pages_per_language(site: &Site) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for p in site.pages.iter().filter(|p| !p.generated) {
        *map.entry(p.lang().to_string()).or_insert(0) += 1;
    }
    map
}

struct CountingSink<S> {
    inner: S,
    count: std::sync::atomic::AtomicUsize,
}

impl<S: Sink> Sink for CountingSink<S> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.inner.put(rel, bytes)
    }
}

/// `SITE` as given, or the current folder.
pub fn site_root(arg: Option<&Path>) -> PathBuf {
    arg.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}
