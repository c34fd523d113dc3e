//! `loa build` and `loa check`: load once, run every renderer, publish atomically.

use crate::Reporter;
use crate::config::Config;
use crate::content::{LoadOptions, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{DirSink, MemorySink, Sink, staging_dir, swap_into_place};
use crate::i18n::I18n;
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
pub fn output_renderers(_loaded: &Loaded) -> Result<Vec<Box<dyn Renderer>>, Diagnostic> {
    Ok(vec![Box::new(crate::render::share::ShareRenderer)])
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
    reporter.stage("pictures");
    let images = crate::render::images::process(&loaded.site, image_cache, sink)?;
    let mut diags = Diagnostics::new();
    let mut artifacts = Vec::new();
    let renderers = output_renderers(loaded).map_err(|d| Diagnostics::from(vec![d]))?;
    for r in &renderers {
        reporter.stage(r.name());
        let cx = RenderContext {
            site: &loaded.site,
            theme: &loaded.theme,
            i18n: &loaded.i18n,
            artifacts: &[],
            scope,
            images: &images,
        };
        match r.render(&cx, sink) {
            Ok(a) => artifacts.extend(a),
            Err(errs) => diags.extend(errs),
        }
    }
    if diags.has_errors() {
        return Err(diags);
    }
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
    Ok(artifacts)
}

/// Builds the site into OUT. On any error OUT is left exactly as it was.
pub fn build(opts: &BuildOptions, reporter: &dyn Reporter) -> Result<BuildSummary, Diagnostics> {
    let started = Instant::now();
    reporter.stage("loading content");
    let loaded = load(opts)?;
    let out = opts.out_dir();
    let staging = staging_dir(&out).map_err(|d| Diagnostics::from(vec![d]))?;
    let sink = CountingSink { inner: DirSink::new(&staging), count: Default::default() };
    let cache = opts.site.join(crate::render::images::CACHE_DIR);
    let result = render_all(&loaded, &Scope::All, &sink, reporter, Some(&cache));
    if let Err(mut diags) = result {
        let _ = std::fs::remove_dir_all(&staging);
        diags.extend(loaded.warnings.into_vec());
        return Err(diags);
    }
    reporter.stage("publishing");
    if let Err(d) = swap_into_place(&staging, &out) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(Diagnostics::from(vec![d]));
    }
    Ok(BuildSummary {
        pages_per_language: pages_per_language(&loaded.site),
        files: sink.count.load(std::sync::atomic::Ordering::Relaxed),
        elapsed: started.elapsed(),
        out,
        warnings: loaded.warnings.sorted(),
    })
}

/// Loads and renders everything in memory; writes nothing. Returns every finding.
pub fn check(opts: &BuildOptions, reporter: &dyn Reporter) -> Diagnostics {
    let loaded = match load(opts) {
        Ok(l) => l,
        Err(d) => return d,
    };
    let sink = MemorySink::new();
    let mut diags = loaded.warnings.clone();
    if let Err(errs) = render_all(&loaded, &Scope::All, &sink, reporter, None) {
        diags.extend(errs.into_vec());
    }
    diags
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
