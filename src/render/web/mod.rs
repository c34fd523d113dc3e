//! The web renderer: pages, section and home listings (paginated), tag pages, feeds, sitemap,
//! robots.txt, 404 page, and the static files. No JavaScript, one small inlined stylesheet,
//! system fonts: a page opens in one round trip on a weak 2G/3G link.

pub mod feeds;
pub mod html;
pub mod sanitize;
pub mod templates;
pub mod versions;
pub mod views;
pub mod webfonts;
pub mod weight;

#[cfg(test)]
mod commonmark;

use super::{Artifact, Changes, RenderContext, Renderer, Scope};
use crate::content::links::relative_url;
use crate::content::{Entry, OutputKind, PageId, PageKind, Site};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::msg;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Tera};
use versions::{Base, Versions};
use views::{Head, Pager, lang_home, list_items, page_view, site_view, tag_path};

pub struct WebRenderer {
    tera: Tera,
}

impl WebRenderer {
    pub fn new(theme: &crate::theme::Theme) -> Result<Self, Diagnostic> {
        Ok(WebRenderer { tera: templates::compile(theme)? })
    }
}

/// One HTML file to produce.
enum Job {
    Page(PageId),
    /// Listing page `n` (>= 2) of a home or section.
    MorePage(PageId, usize),
    TagIndex(String),
    Tag(String, usize, usize),
    /// A language's materials page (`tai-lieu/`), see `render::kit::materials`.
    Materials(String),
}

impl Renderer for WebRenderer {
    fn name(&self) -> &'static str {
        "web"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let site = cx.site;
        let jobs = self.jobs(cx);
        let langs = LangContexts::new(cx);
        let errors: Vec<Diagnostic> = jobs.par_iter().filter_map(|job| self.run(cx, &langs, job, out).err()).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        if cx.scope.is_all() {
            self.site_files(cx, &langs, out).map_err(|d| vec![d])?;
        }
        if let Scope::Changed(changes) = cx.scope {
            feeds_after_edit(site, changes, out).map_err(|d| vec![d])?;
        }
        let artifacts = site
            .pages
            .iter()
            .enumerate()
            .filter(|(id, p)| cx.scope.includes(*id) && p.wants(OutputKind::Web))
            .map(|(id, p)| Artifact::new(id, OutputKind::Web, format!("{}index.html", p.url_path()), 0))
            .collect();
        Ok(artifacts)
    }
}

impl WebRenderer {
    /// Only the materials pages (`tai-lieu/`): written again once the offline kits they list
    /// exist, see [`crate::pipeline`].
    pub fn render_materials(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let jobs: Vec<Job> = cx.site.config.languages.iter().map(|l| Job::Materials(l.code.clone())).collect();
        let langs = LangContexts::new(cx);
        let errors: Vec<Diagnostic> = jobs.iter().filter_map(|job| self.run(cx, &langs, job, out).err()).collect();
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    fn jobs(&self, cx: &RenderContext<'_>) -> Vec<Job> {
        let site = cx.site;
        let per = site.config.paginate;
        let mut jobs = Vec::new();
        for (id, page) in site.pages.iter().enumerate() {
            if !page.wants(OutputKind::Web) || !cx.scope.includes(id) {
                continue;
            }
            jobs.push(Job::Page(id));
            if page.kind() != PageKind::Page {
                let n = site.listing(&section_key(page.key()), page.lang()).len();
                for k in 2..=n.div_ceil(per) {
                    jobs.push(Job::MorePage(id, k));
                }
            }
        }
        if cx.scope.is_all() {
            for lang in &site.config.languages {
                jobs.push(Job::Materials(lang.code.clone()));
                jobs.push(Job::TagIndex(lang.code.clone()));
                for (i, tag) in site.index.tags(&lang.code).iter().enumerate() {
                    for k in 1..=tag.pages.len().div_ceil(per).max(1) {
                        jobs.push(Job::Tag(lang.code.clone(), i, k));
                    }
                }
            }
        }
        if let Scope::Changed(changes) = cx.scope {
            self.jobs_showing(site, changes, &mut jobs);
            if changes.materials {
                jobs.extend(site.config.languages.iter().map(|l| Job::Materials(l.code.clone())));
            }
        }
        jobs
    }

    /// While serving: the listing and tag pages that show an edited page (tag pages list in a
    /// fixed order, so only the one holding it changes; listings move it on a new title or date).
    fn jobs_showing(&self, site: &Site, changes: &Changes, jobs: &mut Vec<Job>) {
        let per = site.config.paginate;
        // Only the section (or home) an edited page sits in lists it, in every language.
        let parents: Vec<&str> =
            changes.shown.iter().filter_map(|&id| site.index.parent_of(site.pages[id].key())).collect();
        for (id, page) in site.pages.iter().enumerate() {
            let lists_edited = parents.contains(&page.key());
            if !lists_edited || !page.wants(OutputKind::Web) || changes.pages.contains(&id) {
                continue;
            }
            let entries = site.listing(&section_key(page.key()), page.lang());
            for k in pages_showing(entries.iter().map(|e| e.id), per, changes, changes.reordered) {
                jobs.push(if k == 1 { Job::Page(id) } else { Job::MorePage(id, k) });
            }
        }
        for lang in &site.config.languages {
            for (i, tag) in site.index.tags(&lang.code).iter().enumerate() {
                for k in pages_showing(tag.pages.iter().copied(), per, changes, false) {
                    jobs.push(Job::Tag(lang.code.clone(), i, k));
                }
            }
        }
    }

    fn run(&self, cx: &RenderContext<'_>, langs: &LangContexts, job: &Job, out: &dyn Sink) -> Result<(), Diagnostic> {
        let site = cx.site;
        match job {
            Job::Page(id) => self.page(cx, langs, *id, 1, out),
            Job::MorePage(id, k) => self.page(cx, langs, *id, *k, out),
            Job::TagIndex(lang) => {
                let dir = format!("{}tags", lang_home(site, lang));
                let tags: Vec<_> = site
                    .index
                    .tags(lang)
                    .iter()
                    .map(|t| TagItem {
                        name: &t.name,
                        url: relative_url(&dir, &tag_path(site, lang, &t.slug)),
                        count: t.pages.len(),
                    })
                    .collect();
                let versions = Versions::of_tags_index(site);
                let head = Head::of(site, &format!("{dir}/"), Some(&versions));
                let base = Base::Dir(&dir);
                let mut ctx = self.base_context(cx, langs, lang, &base, &versions, &head);
                ctx.insert("tags", &tags);
                self.write(&ctx, "tags.html", &format!("{dir}/index.html"), out, None, &base)
            }
            Job::Materials(lang) => {
                let path = crate::render::kit::materials_dir(site, lang);
                let dir = path.trim_end_matches('/');
                let versions = Versions::of_materials(site);
                let head = Head::of(site, &path, Some(&versions));
                let base = Base::Dir(dir);
                let mut ctx = self.base_context(cx, langs, lang, &base, &versions, &head);
                ctx.insert("materials", &crate::render::kit::materials::view(cx, lang, dir));
                self.write(&ctx, "materials.html", &format!("{dir}/index.html"), out, None, &base)
            }
            Job::Tag(lang, i, k) => {
                let tag = &site.index.tags(lang)[*i];
                let path = tag_path(site, lang, &tag.slug);
                let dir = page_dir(path.trim_end_matches('/'), *k);
                let entries: Vec<Entry> = tag.pages.iter().map(|&id| Entry { id, fallback: false }).collect();
                let versions = Versions::of_tag(site, &tag.slug);
                let head = Head::of(site, &format!("{dir}/"), (*k == 1).then_some(&versions));
                let base = Base::Dir(&dir);
                let mut ctx = self.base_context(cx, langs, lang, &base, &versions, &head);
                ctx.insert("tag", &TagItem { name: &tag.name, url: "./".into(), count: tag.pages.len() });
                self.insert_listing(&mut ctx, site, &entries, path.trim_end_matches('/'), &dir, *k);
                self.write(&ctx, "tag.html", &format!("{dir}/index.html"), out, None, &base)
            }
        }
    }

    /// A page, home or section; listing page `k` of a home or section.
    fn page(
        &self,
        cx: &RenderContext<'_>,
        langs: &LangContexts,
        id: PageId,
        k: usize,
        out: &dyn Sink,
    ) -> Result<(), Diagnostic> {
        let site = cx.site;
        let page = &site.pages[id];
        let dir = page_dir(&page.path, k);
        let content = if k == 1 { body_html(site, cx.images, id) } else { String::new() };
        let versions = Versions::of_page(site, id);
        // Listing page 2 is its own page: canonical to itself, no translations of its own.
        let head = Head::of(
            site,
            &if dir.is_empty() { String::new() } else { format!("{dir}/") },
            (k == 1).then_some(&versions),
        );
        let base = Base::Dir(&dir);
        let mut ctx = self.base_context(cx, langs, page.lang(), &base, &versions, &head);
        ctx.insert("page", &page_view(site, cx.i18n, id, &dir, content, cx.artifacts));
        let template = match (page.kind(), &page.fm.template) {
            (_, Some(t)) => t.as_str(),
            (PageKind::Home, None) => "index.html",
            (PageKind::Section, None) => "section.html",
            (PageKind::Page, None) => "page.html",
        };
        if page.kind() != PageKind::Page {
            let entries = site.listing(&section_key(page.key()), page.lang());
            self.insert_listing(&mut ctx, site, &entries, &page.path, &dir, k);
        }
        if page.kind() == PageKind::Home && k == 1 {
            ctx.insert("upcoming", &crate::render::kit::calendar::upcoming_view(site, cx.i18n, page.lang(), &dir));
        }
        let rel = if dir.is_empty() { "index.html".to_string() } else { format!("{dir}/index.html") };
        self.write(&ctx, template, &rel, out, Some(&page.info.shown), &base)
    }

    fn insert_listing(
        &self,
        ctx: &mut PageContext<'_>,
        site: &Site,
        entries: &[Entry],
        base: &str,
        dir: &str,
        k: usize,
    ) {
        let per = site.config.paginate;
        let total = entries.len().div_ceil(per).max(1);
        let start = (k - 1) * per;
        let shown = &entries[start.min(entries.len())..(start + per).min(entries.len())];
        let link = |n: usize| relative_url(dir, &format!("{}/", page_dir(base, n)));
        ctx.insert("items", &list_items(site, shown, dir));
        ctx.insert(
            "pager",
            &Pager { current: k, total, prev: (k > 1).then(|| link(k - 1)), next: (k < total).then(|| link(k + 1)) },
        );
    }

    fn base_context<'a>(
        &self,
        cx: &RenderContext<'_>,
        langs: &'a LangContexts,
        lang: &'a str,
        base: &Base<'_>,
        versions: &Versions<'_>,
        head: &Head<'_>,
    ) -> PageContext<'a> {
        let mut ctx = langs.lend(cx, lang);
        ctx.insert("site", &site_view(cx.site, lang, base));
        ctx.insert("root_url", &base.url(""));
        ctx.insert("languages", &versions.switcher(lang, base));
        ctx.insert("head", head);
        ctx
    }

    fn write(
        &self,
        ctx: &PageContext<'_>,
        template: &str,
        rel: &str,
        out: &dyn Sink,
        file: Option<&std::path::Path>,
        base: &Base<'_>,
    ) -> Result<(), Diagnostic> {
        let mut html = Vec::with_capacity(32 << 10);
        self.tera.render_to(template, ctx.values(), &mut html).map_err(|e| {
            let d = Diagnostic::error(
                "template",
                msg!("web-template-failed", template = template, reason = templates::chain(&e)),
            )
            .with_hint(msg!("web-template-failed-hint"));
            match file {
                Some(f) => d.in_file(f),
                None => d,
            }
        })?;
        out.put(rel, &webfonts::add_faces(html, base))
    }

    /// Feeds, sitemap, robots.txt and the 404 page: once per full build (static files and the
    /// files beside pages are published by `render::files`).
    fn site_files(&self, cx: &RenderContext<'_>, langs: &LangContexts, out: &dyn Sink) -> Result<(), Diagnostic> {
        let site = cx.site;
        out.put("sitemap.xml", feeds::sitemap(site).as_bytes())?;
        if !site.root.join("static/robots.txt").exists() {
            out.put("robots.txt", feeds::robots(site).as_bytes())?;
        }
        for lang in &site.config.languages {
            atom(site, &lang.code, out)?;
        }
        self.not_found_pages(cx, langs, out)
    }

    /// `404.html` and `LANG/404.html`: a server shows one at any address, so every link on it is
    /// root-relative, and its switcher goes to the 404 page of the other languages.
    fn not_found_pages(&self, cx: &RenderContext<'_>, langs: &LangContexts, out: &dyn Sink) -> Result<(), Diagnostic> {
        let site = cx.site;
        let base = Base::root(&site.config.base_url);
        let versions = Versions::of_not_found(site);
        let head = Head { canonical: None, alternates: Vec::new() };
        for lang in &site.config.languages {
            let rel = format!("{}404.html", lang_home(site, &lang.code));
            // A 404 page the site keeps in `static/` is the user's: it stays as written.
            if site.root.join("static").join(&rel).exists() {
                continue;
            }
            let ctx = self.base_context(cx, langs, &lang.code, &base, &versions, &head);
            self.write(&ctx, "404.html", &rel, out, None, &base)?;
        }
        Ok(())
    }
}

/// What every page of a language shows alike (its ~180 interface strings three times over),
/// turned into template values once per run: inserting them page by page was a sixth of the web
/// renderer's time (issue 16). Pages borrow a context with only these values from `spare` and
/// give it back without their own (see [`PageContext`]); copying the language's context for
/// each page instead was 5 % of a build's CPU.
struct LangContexts {
    by_lang: HashMap<String, Context>,
    spare: Mutex<HashMap<String, Vec<Context>>>,
}

/// The keys every page of a language shares: a page never sets them (see [`PageContext::insert`]).
const SHARED_KEYS: [&str; 4] = ["lang", "t", "t_attr", "t_lang"];

impl LangContexts {
    fn new(cx: &RenderContext<'_>) -> LangContexts {
        let by_lang = cx.site.config.languages.iter().map(|l| (l.code.clone(), Self::build(cx, &l.code))).collect();
        LangContexts { by_lang, spare: Mutex::new(HashMap::new()) }
    }

    fn build(cx: &RenderContext<'_>, lang: &str) -> Context {
        let mut ctx = Context::new();
        ctx.insert("lang", lang);
        ctx.insert("t", views::strings(cx.i18n, lang));
        ctx.insert("t_attr", cx.i18n.lang_attrs(lang));
        ctx.insert("t_lang", cx.i18n.langs(lang));
        ctx
    }

    /// A context holding only `lang`'s shared values, for one page.
    fn lend<'a>(&'a self, cx: &RenderContext<'_>, lang: &'a str) -> PageContext<'a> {
        self.lend_or(lang, || Self::build(cx, lang))
    }

    /// [`Self::lend`]; `build` makes the shared values of a language the site does not list.
    fn lend_or<'a>(&'a self, lang: &'a str, build: impl FnOnce() -> Context) -> PageContext<'a> {
        let spare = self.spare.lock().unwrap_or_else(|p| p.into_inner()).get_mut(lang).and_then(Vec::pop);
        let values = spare.unwrap_or_else(|| match self.by_lang.get(lang) {
            Some(ctx) => ctx.clone(),
            None => build(),
        });
        PageContext { values, own: Vec::new(), lang, pool: self }
    }
}

/// A page's template values: its language's shared ones, lent by [`LangContexts`], and the
/// page's own. Dropping it removes the page's own values and gives the context back, so no
/// value of one page can reach the next.
struct PageContext<'a> {
    values: Context,
    own: Vec<&'static str>,
    lang: &'a str,
    pool: &'a LangContexts,
}

impl PageContext<'_> {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if !self.own.contains(&key) {
            self.own.push(key);
        }
        self.values.insert(key, value);
    }

    fn values(&self) -> &Context {
        &self.values
    }
}

impl Drop for PageContext<'_> {
    fn drop(&mut self) {
        // A page that replaced a shared value keeps its context to itself.
        if self.own.iter().any(|k| SHARED_KEYS.contains(k)) {
            return;
        }
        let mut values = std::mem::take(&mut self.values);
        for key in &self.own {
            values.remove(key);
        }
        let mut spare = self.pool.spare.lock().unwrap_or_else(|p| p.into_inner());
        spare.entry(self.lang.to_string()).or_default().push(values);
    }
}

#[derive(Serialize)]
struct TagItem<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

fn atom(site: &Site, lang: &str, out: &dyn Sink) -> Result<(), Diagnostic> {
    let path = format!("{}atom.xml", lang_home(site, lang));
    out.put(&path, feeds::atom(site, lang, &path).as_bytes())
}

/// After an edit: the feeds of the edited pages' languages (titles, summaries; one pass over a
/// language's pages). The sitemap lists every page (~70 ms on 3 × 5,000): `loa serve` writes it
/// after the edited page is served, see `serve::rebuild`.
fn feeds_after_edit(site: &Site, changes: &Changes, out: &dyn Sink) -> Result<(), Diagnostic> {
    let mut langs: Vec<&str> = changes.shown.iter().map(|&id| site.pages[id].lang()).collect();
    langs.sort_unstable();
    langs.dedup();
    for lang in langs {
        atom(site, lang, out)?;
    }
    if changes.sitemap {
        out.put("sitemap.xml", feeds::sitemap(site).as_bytes())?;
    }
    Ok(())
}

/// The listing pages (1-based) that show one of `changes.shown`: the ones holding it, or every
/// page of the listing when it may have moved.
fn pages_showing(ids: impl Iterator<Item = PageId>, per: usize, changes: &Changes, moved: bool) -> Vec<usize> {
    let mut total = 0;
    let mut holding: Vec<usize> = Vec::new();
    for (i, id) in ids.enumerate() {
        total = i + 1;
        if changes.shown.contains(&id) && holding.last() != Some(&(i / per + 1)) {
            holding.push(i / per + 1);
        }
    }
    match (holding.is_empty(), moved) {
        (true, _) => Vec::new(),
        (false, true) => (1..=total.div_ceil(per)).collect(),
        (false, false) => holding,
    }
}

/// The section key whose children a home or section lists.
fn section_key(key: &str) -> String {
    key.to_string()
}

/// Folder of listing page `k`: the page's own for k = 1, `PATH/page/K` after.
fn page_dir(path: &str, k: usize) -> String {
    match (k, path.is_empty()) {
        (1, _) => path.to_string(),
        (k, true) => format!("page/{k}"),
        (k, false) => format!("{path}/page/{k}"),
    }
}

pub fn body_html(site: &Site, images: &crate::render::images::ImageMap, id: PageId) -> String {
    let page = &site.pages[id];
    let html = html::HtmlWriter::new(site, images, id).body(&page.body().blocks);
    if page.body().has_html { sanitize::sanitize(&html) } else { html }
}

/// Pictures and files kept beside the Markdown under `content/` keep their place in OUT.
#[cfg(test)]
mod tests {
    use super::*;

    /// A context lent to a page comes back with the language's values only: nothing one page
    /// set (its listing, its pager) can show on the next page of the language.
    #[test]
    fn a_lent_context_comes_back_without_the_pages_values() {
        let mut shared = Context::new();
        shared.insert("lang", "vi");
        shared.insert("t", &HashMap::from([("call", "Gọi 111")]));
        let langs = LangContexts { by_lang: HashMap::from([("vi".to_string(), shared)]), spare: Mutex::default() };
        let unknown = || -> Context { panic!("vi is a language of the site") };
        let spare = |langs: &LangContexts| langs.spare.lock().map(|s| s.get("vi").map_or(0, Vec::len)).unwrap_or(0);
        {
            let mut page = langs.lend_or("vi", unknown);
            page.insert("items", &["a section's list"]);
            page.insert("pager", &3);
            assert!(page.values().contains_key("items") && page.values().contains_key("t"));
        }
        assert_eq!(spare(&langs), 1, "given back");
        {
            let next = langs.lend_or("vi", unknown);
            assert_eq!(spare(&langs), 0, "the given-back context is lent again");
            assert!(!next.values().contains_key("items") && !next.values().contains_key("pager"));
            assert_eq!(next.values().get("t"), Some(&serde_json::json!({"call": "Gọi 111"})));
        }
        {
            // A page that overwrote a shared value does not give its context back.
            let mut odd = langs.lend_or("vi", unknown);
            odd.insert("t", "not the strings");
        }
        assert_eq!(spare(&langs), 0, "kept back");
        assert_eq!(langs.lend_or("vi", unknown).values().get("t"), Some(&serde_json::json!({"call": "Gọi 111"})));
    }

    #[test]
    fn listing_pages_that_show_an_edited_page() {
        let changes = |shown: &[PageId]| Changes { shown: shown.iter().copied().collect(), ..Changes::default() };
        // (ids listed, per page, edited, moved, pages to render)
        type Case<'a> = (&'a [PageId], usize, &'a [PageId], bool, &'a [usize]);
        let cases: [Case; 6] = [
            (&[1, 2, 3, 4, 5], 2, &[3], false, &[2]),
            (&[1, 2, 3, 4, 5], 2, &[5], false, &[3]),
            (&[1, 2, 3, 4, 5], 2, &[1, 2], false, &[1]),
            (&[1, 2, 3, 4, 5], 2, &[9], false, &[]),
            (&[1, 2, 3, 4, 5], 2, &[9], true, &[]),
            (&[1, 2, 3, 4, 5], 2, &[4], true, &[1, 2, 3]),
        ];
        for (ids, per, shown, moved, want) in cases {
            let got = pages_showing(ids.iter().copied(), per, &changes(shown), moved);
            assert_eq!(got, want, "{ids:?} per {per}, edited {shown:?}, moved {moved}");
        }
    }
}
