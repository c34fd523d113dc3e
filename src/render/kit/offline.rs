//! The offline kit (issue 14): `tai-lieu/kit-LANG.zip` (`hmn/tai-lieu/kit-hmn.zip` …), for a
//! commune that hands the campaign out on a USB stick or in a Zalo group.
//!
//! A kit holds its language's web pages (and the default-language pages its listings show
//! untranslated) with links that work from `file://` ([`super::links`]), every file they link to
//! that the build made (PDFs, scripts with their info files, SMS texts, social posts, pictures,
//! the calendar, the print order: the default language's materials page lists every language's,
//! so its kit is the officer's complete set), and a read-me in the language. A kit for another
//! language than the default has a start page `index.html` at its top that opens the
//! language's home. Links to what the kit does not hold go to the site online.
//!
//! The pages come from the web renderer's one run: its sink also rewrites each page as it
//! arrives and deflates it into the zips of the kits that hold it, so memory grows
//! with the compressed kits, not with the site. Drafts stay marked in every page and file as
//! on the web (issue 11).
//!
//! Each kit is kept in `.loa-cache/kits/` too and linked from there into OUT, so a build into an
//! empty OUT (a new folder, a CI run) still reuses the entries of the last kit ([`super::reuse`])
//! instead of deflating every page again (issue 16). Beside it, a record of what each entry was
//! made from ([`super::sums`]) lets an unchanged page skip even the rewriting of its links.

use super::links::{self, Choice, Resolved};
use super::reuse::Previous;
use super::sums::{self, Key, Made, Sums};
use super::zip::{Full, ZipWriter};
use super::{MATERIALS_DIR, home_of, lang_dir};
use crate::content::{Date, OutputKind, PageKind, Site};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::i18n::I18n;
use crate::msg;
use crate::render::{Artifact, RenderContext};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Mutex;

/// `kit-hmn.zip`.
pub fn file_name(lang: &str) -> String {
    format!("kit-{lang}.zip")
}

/// Packs the kits from the web renderer's own pages: the pipeline hands the web run a sink that
/// passes each page to [`Collector`] as well as to OUT ([`KitRenderer::collect`]), so every page is
/// rendered once (rendering the web a second time for the kits cost a third of a build, issue 16).
pub struct KitRenderer;

/// The kits of one run being filled while the web renderer writes; see [`KitRenderer::collect`].
pub struct Collector<'a> {
    kits: Kits<'a>,
    cache: Option<&'a Cache>,
    today: Date,
    /// Pages that go into the kits only: the materials pages, written to OUT once the kits exist
    /// (they list them), see [`crate::pipeline`].
    kit_only: HashSet<String>,
}

impl KitRenderer {
    /// Its name in progress messages.
    pub const NAME: &'static str = "offline kits";

    /// Whether this run makes kits: full runs of a site that wants them.
    pub fn wanted(cx: &RenderContext<'_>) -> bool {
        cx.scope.is_all() && cx.site.config.kits
    }

    /// A collector for the run's files, made before the other renderers run: they put their
    /// files through [`Collector::noting`], so the kits know each file's hash without reading it
    /// back (reading every page's `qr.svg` again to hash it was 2 % of a warm default build,
    /// issue 16). `out` is the run's real output, whose files (PDFs, scripts, pictures) the
    /// kits pack; `cache` keeps each kit for the next build. Before the web run, tell it what
    /// the run holds by then ([`Collector::web_begins`]).
    pub fn collect<'a>(site: &'a Site, out: &'a dyn Sink, cache: Option<&'a Cache>) -> Collector<'a> {
        let today = crate::clock::today();
        let kit_only =
            site.config.languages.iter().map(|l| crate::render::kit::materials_page(site, &l.code)).collect();
        Collector { kits: Kits::new(site, out, cache, today), cache, today, kit_only }
    }

    /// Finishes the kits once the web run is over and puts them into `out`.
    pub fn finish(
        cx: &RenderContext<'_>,
        collected: Collector<'_>,
        out: &dyn Sink,
    ) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let today = collected.today;
        let cache = collected.cache;
        // One kit per language, each on its own thread: packing the linked files, writing or
        // comparing the archive and keeping it are a kit's own work (issue 16: done one kit
        // after another, they were a serial tail after the web's parallel run).
        let results: Vec<Result<Option<Artifact>, Diagnostic>> = collected
            .kits
            .kits
            .into_par_iter()
            .map(|mut kit| {
                let Some(home) = home_of(cx.site, &kit.lang) else { return Ok(None) };
                let rel = format!("{}{MATERIALS_DIR}/{}", lang_dir(cx.site, &kit.lang), file_name(&kit.lang));
                let previous = kit.previous.take();
                match kit.finish(cx, out, today, previous.as_ref()) {
                    Ok(Some((archive, sums))) => {
                        let len = put_kit(out, cache, &rel, &archive, previous.as_ref(), sums)?;
                        Ok(Some(Artifact::new(home, OutputKind::Kit, rel, len)))
                    }
                    Ok(None) => Ok(None),
                    // The published kit changed while the build ran: nothing is published.
                    Err(d) if d.is_error() => Err(d),
                    Err(d) => {
                        cx.warn(d);
                        Ok(None)
                    }
                }
            })
            .collect();
        crate::render::gather(results)
    }
}

/// A finished kit's archive: the very one published before (found equal without writing it
/// again), or new bytes.
enum Archive {
    Same,
    New(Vec<u8>),
}

/// Where a kit is kept between builds: `kits/KEY.zip`, named by its path under OUT.
fn cache_name(rel: &str) -> String {
    format!("{}.zip", cache_stem(rel))
}

/// The record of what the kit's entries were made from: `kits/KEY.sums`, beside it.
fn sums_name(rel: &str) -> String {
    format!("{}.sums", cache_stem(rel))
}

fn cache_stem(rel: &str) -> String {
    crate::fs::cache::key_of(&[b"offline kit", rel.as_bytes()])
}

/// The kit to reuse entries of: the one OUT holds, else the one the cache kept; with the record
/// of its entries when the cache has one for these very bytes.
fn previous_kit(out: &dyn Sink, cache: Option<&Cache>, rel: &str) -> Option<Previous> {
    let max = crate::limits::KIT_BYTES;
    let sums = cache.and_then(|c| c.read(KITS, &sums_name(rel))).and_then(|b| Sums::parse(&b));
    let published = out.previous_path(rel).filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()));
    match published {
        Some(path) => Previous::open(&path, false, sums, max),
        None => {
            let (path, _) = cache?.entry(KITS, &cache_name(rel))?;
            Previous::open(&path, true, sums, max)
        }
    }
}

/// Puts a finished kit into OUT and keeps it in the cache with the record of its entries;
/// gives its size. The same kit as before is the published file (or the cached one), linked;
/// a new one is kept in the cache first and linked from there. Without a cache, or when it
/// cannot be written, the kit is simply put.
fn put_kit(
    out: &dyn Sink,
    cache: Option<&Cache>,
    rel: &str,
    archive: &Archive,
    previous: Option<&Previous>,
    mut sums: Sums,
) -> Result<u64, Diagnostic> {
    let name = cache_name(rel);
    let (len, kept) = match (archive, previous) {
        (Archive::Same, Some(p)) => {
            let Some((path, stamp)) = p.file() else { return Err(changed(rel)) };
            // Not read: the file it is (a hard link, read only where none can be made).
            out.put_entry(rel, path, stamp.0)?;
            // A kit OUT holds that the cache lost is kept there again (it needs the bytes).
            let in_cache = p.from_cache() || cache.is_some_and(|c| c.keep(KITS, &name));
            if !in_cache && let (Some(cache), Some(zip)) = (cache, p.read_whole()) {
                cache.store(KITS, &name, zip);
            }
            // The record names the file OUT now holds (linked: the same file).
            (stamp.0, Some(*stamp))
        }
        (Archive::Same, None) => return Err(changed(rel)),
        (Archive::New(zip), _) => {
            let stored = cache.is_some_and(|c| c.store(KITS, &name, zip));
            match cache.filter(|_| stored) {
                Some(cache) => {
                    let path = cache.path(KITS, &name);
                    out.put_cached(rel, &path, zip)?;
                    let stamp = std::fs::symlink_metadata(&path).ok().as_ref().and_then(super::sums::file_stamp);
                    (zip.len() as u64, stamp)
                }
                None => {
                    out.put(rel, zip)?;
                    (zip.len() as u64, None)
                }
            }
        }
    };
    let Some(cache) = cache else { return Ok(len) };
    // The record only after its kit: a build killed in between leaves a record of another
    // archive, which the next build does not believe.
    let old = previous.and_then(Previous::sums);
    sums.archive = match (archive, old) {
        (Archive::Same, Some(old)) => old.archive,
        (Archive::Same, None) => match previous.and_then(Previous::read_whole) {
            Some(zip) => sums.sum(&[zip]),
            None => return Err(changed(rel)),
        },
        (Archive::New(zip), _) => sums.sum(&[zip]),
    };
    sums.file = kept;
    let unchanged = old.is_some_and(|old| *old == sums);
    if !(unchanged && cache.keep(KITS, &sums_name(rel))) {
        cache.store(KITS, &sums_name(rel), &sums.to_bytes());
    }
    Ok(len)
}

/// The published kit a new kit shares entries with changed while the build ran.
fn changed(rel: &str) -> Diagnostic {
    Diagnostic::error("kit", msg!("kit-changed-meanwhile", file = rel)).with_hint(msg!("kit-changed-meanwhile-hint"))
}

/// The cache folder of the kits.
const KITS: &str = "kits";

impl<'a> Collector<'a> {
    /// The sink for the renderers before the web: `out`, telling the kits each file's hash.
    pub fn noting(&'a self, out: &'a dyn Sink) -> Noting<'a> {
        Noting { out, kits: &self.kits }
    }

    /// A page of the site published now that this run did not render (a build over part of the
    /// site): packed as the web run packs the pages it renders. The published kit was made
    /// from this very page (the build checked the published files are as it left them), so
    /// its entry is taken by the kit's record without reading the page; `read` gives the page
    /// where the record cannot tell.
    pub fn published_page(&self, rel: &str, read: impl FnOnce() -> Option<Vec<u8>>) {
        // The materials pages are rendered by every complete run (they describe every output).
        if self.kit_only.contains(rel) {
            return;
        }
        let mut read = Some(read);
        let mut bytes: Option<Option<Vec<u8>>> = None;
        for kit in self.kits.kits.iter().filter(|k| k.holds_page(rel)) {
            if let Some((old, entry)) = self.kits.same_published(kit, rel) {
                let had = old.asked.iter().flatten().filter(|(_, had)| *had).map(|(f, _)| f.clone());
                lock(&kit.files).extend(had);
                lock(&kit.made).insert(rel.to_string(), old.clone());
                kit.insert(rel, entry);
                continue;
            }
            let page = bytes.get_or_insert_with(|| read.take().and_then(|r| r()));
            if let Some(html) = page.as_deref().and_then(|b| simdutf8::basic::from_utf8(b).ok()) {
                self.kits.page_of_kit(kit, rel, html);
            }
        }
    }

    /// The web run begins: `made` are the files the run holds now (they exist without asking
    /// the disk).
    /// `only`: no other file exists, whatever the output folder holds (it holds the published
    /// site's files, linked, in a build over part of the site).
    pub fn web_begins(&mut self, made: FxHashSet<String>, only: bool) {
        self.kits.made = made;
        self.kits.only_made = only;
    }

    /// Files of the published site that this run leaves as they are (a build over part of the
    /// site): the published kit packed these very bytes, so their entries are taken as they
    /// are, by the kit's record.
    pub fn published_unchanged(&mut self, files: FxHashSet<String>) {
        for kit in &mut self.kits.kits {
            kit.unchanged = files.clone();
        }
    }
}

/// The renderers' sink while kits are made (see [`Collector::noting`]).
pub struct Noting<'a> {
    out: &'a dyn Sink,
    kits: &'a Kits<'a>,
}

impl Sink for Noting<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.out.put(rel, bytes)?;
        self.kits.note(rel, bytes);
        Ok(())
    }

    fn put_cached(&self, rel: &str, cache_file: &std::path::Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.out.put_cached(rel, cache_file, bytes)?;
        self.kits.note(rel, bytes);
        Ok(())
    }

    fn put_entry(&self, rel: &str, cache_file: &std::path::Path, len: u64) -> Result<(), Diagnostic> {
        // Not read here: a kit that packs it reads it.
        self.kits.forget(rel);
        self.out.put_entry(rel, cache_file, len)
    }

    fn put_text(&self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        self.out.put_text(rel, text)?;
        self.kits.note(rel, text.as_bytes());
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.out.read(rel)
    }

    fn exists(&self, rel: &str) -> bool {
        self.out.exists(rel)
    }

    fn previous_path(&self, rel: &str) -> Option<std::path::PathBuf> {
        self.out.previous_path(rel)
    }
}

/// The web run's sink while kits are made: OUT gets every page but the materials pages, the
/// kits get every page.
impl Sink for Collector<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !self.kit_only.contains(rel) {
            self.kits.out.put(rel, bytes)?;
        }
        if !rel.ends_with(".html") {
            self.kits.note(rel, bytes);
        }
        // A page is checked as UTF-8 again here (it reaches the sink as bytes): by simdutf8,
        // since std's check of every page was 3 % of a default build (issue 16).
        if rel.ends_with(".html")
            && let Ok(html) = simdutf8::basic::from_utf8(bytes)
        {
            self.kits.page(rel, html);
        }
        Ok(())
    }

    fn put_text(&self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        if !self.kit_only.contains(rel) {
            self.kits.out.put(rel, text.as_bytes())?;
        }
        if rel.ends_with(".html") {
            self.kits.page(rel, text);
        } else {
            self.kits.note(rel, text.as_bytes());
        }
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.kits.out.read(rel)
    }

    fn exists(&self, rel: &str) -> bool {
        self.kits.out.exists(rel)
    }
}

/// Every language's kit being filled with the web renderer's pages.
pub struct Kits<'a> {
    site: &'a Site,
    /// The run's real output: what the other renderers wrote, to pack.
    out: &'a dyn Sink,
    kits: Vec<Kit>,
    /// The files the run had made when the web run began: these exist without asking the disk
    /// (a `stat` for every page's `qr.svg` was 1.5 % of a warm default build, issue 16).
    made: FxHashSet<String>,
    /// No file but those in `made` exists (see [`Collector::web_begins`]).
    only_made: bool,
    /// Whether any other file exists in the output (asked once per path).
    exists: Mutex<HashMap<String, bool>>,
}

/// One language's kit.
struct Kit {
    lang: String,
    /// `hmn/`, or `""` for the default language.
    prefix: String,
    /// Every other language's prefix (the default language's pages are those under none).
    others: Vec<String>,
    /// Default-language pages the language's listings show untranslated.
    fallbacks: HashSet<String>,
    zip: Mutex<ZipWriter>,
    /// The kit published now, whose entries are reused for files that did not change.
    previous: Option<Previous>,
    /// Files the pages link to, to pack once the pages are in.
    files: Mutex<BTreeSet<String>>,
    full: Mutex<Option<Full>>,
    /// The key of this kit's record: the last record's, so its sums still mean something.
    key: Key,
    /// How this kit rewrites links ([`kit_digest`]), under `key`.
    digest: sums::Sum,
    /// The record being made: what each entry added so far was made from.
    made: Mutex<std::collections::HashMap<String, Made>>,
    /// The hash (under [`Kit::key`]) and size of each file the run put beside one of the kit's
    /// pages, as it was put: the kit need not read it back to know it is the same as before.
    noted: Mutex<HashMap<String, (sums::Sum, usize)>>,
    /// Files as the published site has them ([`Collector::published_unchanged`]).
    unchanged: FxHashSet<String>,
}

impl<'a> Kits<'a> {
    fn new(site: &'a Site, out: &'a dyn Sink, cache: Option<&Cache>, today: Date) -> Kits<'a> {
        let prefixes: Vec<String> =
            site.config.languages.iter().map(|l| lang_dir(site, &l.code)).filter(|p| !p.is_empty()).collect();
        // Each language's published kit read on its own thread (they are the biggest files a build
        // reads, and nothing else runs meanwhile).
        let kits = site
            .config
            .languages
            .par_iter()
            .map(|l| {
                let prefix = lang_dir(site, &l.code);
                let rel = format!("{prefix}{MATERIALS_DIR}/{}", file_name(&l.code));
                let previous = previous_kit(out, cache, &rel);
                let key = previous.as_ref().and_then(Previous::sums).map_or_else(Key::random, |s| s.key);
                let others = if prefix.is_empty() { prefixes.clone() } else { Vec::new() };
                let fallbacks = fallbacks(site, &l.code);
                let digest = kit_digest(&key, site, &prefix, &others, &fallbacks);
                Kit {
                    previous,
                    others,
                    fallbacks,
                    lang: l.code.clone(),
                    prefix,
                    zip: Mutex::new(ZipWriter::new(today)),
                    files: Mutex::default(),
                    full: Mutex::default(),
                    key,
                    digest,
                    made: Mutex::default(),
                    noted: Mutex::default(),
                    unchanged: FxHashSet::default(),
                }
            })
            .collect();
        Kits { site, out, kits, made: FxHashSet::default(), only_made: false, exists: Mutex::default() }
    }

    /// Keeps the hash of a file just put, for the kits whose pages sit beside it (the ones that
    /// may pack it); a file put again replaces what was noted of it.
    fn note(&self, rel: &str, bytes: &[u8]) {
        let page = match rel.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/index.html"),
            None => "index.html".to_string(),
        };
        // Whether a kit holds the page depends on the path only, so a kit that does not has
        // noted nothing at `rel` before either.
        for kit in self.kits.iter().filter(|k| k.holds_page(&page)) {
            let sum = kit.key.sum(&[bytes]);
            lock(&kit.noted).insert(rel.to_string(), (sum, bytes.len()));
        }
    }

    /// A file put without its bytes: no kit knows its hash any more.
    fn forget(&self, rel: &str) {
        for kit in &self.kits {
            lock(&kit.noted).remove(rel);
        }
    }

    fn exists(&self, file: &str) -> bool {
        if self.made.contains(file) {
            return true;
        }
        if self.only_made {
            return false;
        }
        if let Some(&known) = lock(&self.exists).get(file) {
            return known;
        }
        let found = self.out.exists(file);
        lock(&self.exists).insert(file.to_string(), found);
        found
    }

    /// Where a link of a page of `kit` goes; every file asked about is noted in `asked`, with
    /// whether the build made it (the kit keeps those).
    fn choose(&self, kit: &Kit, r: &Resolved, asked: &mut Vec<(String, bool)>) -> Choice {
        let page = if r.is_folder() { Some(format!("{}index.html", r.file)) } else { None };
        let local = match &page {
            Some(html) => kit.holds_page(html),
            None if kit.holds_page(&r.file) => true,
            None => {
                let found = self.exists(&r.file);
                asked.push((r.file.clone(), found));
                found
            }
        };
        if local { Choice::Local } else { Choice::Online(self.site.permalink(&r.path)) }
    }
}

impl Kits<'_> {
    /// Adds the web page `rel` to every kit that holds it, its links rewritten.
    fn page(&self, rel: &str, html: &str) {
        for kit in self.kits.iter().filter(|k| k.holds_page(rel)) {
            self.page_of_kit(kit, rel, html);
        }
    }

    /// Adds the web page `rel` to `kit`, which holds it.
    fn page_of_kit(&self, kit: &Kit, rel: &str, html: &str) {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let sum = kit.key.sum(&[html.as_bytes()]);
        let made = match self.same_page(kit, rel, &sum) {
            Some((old, entry)) => {
                kit.insert(rel, entry);
                old.clone()
            }
            None => {
                let mut asked = Vec::new();
                let page = links::rewrite(html, dir, &mut |r| self.choose(kit, r, &mut asked));
                kit.add(rel, page.as_bytes());
                Made { sum, asked: Some(asked) }
            }
        };
        let had = made.asked.iter().flatten().filter(|(_, had)| *had).map(|(f, _)| f.clone());
        lock(&kit.files).extend(had);
        lock(&kit.made).insert(rel.to_string(), made);
    }
}

impl<'a> Kits<'a> {
    /// The published kit's entry for page `rel`, when the record says it was made from the same
    /// HTML (`sum`), by a kit that rewrites links the same way, and every file its links asked
    /// about is still there or still missing: then rewriting it would give the same bytes.
    fn same_page<'k>(&self, kit: &'k Kit, rel: &str, sum: &sums::Sum) -> Option<(&'k Made, super::zip::Entry)> {
        self.same_entry(kit, rel, Some(sum))
    }

    /// [`Kits::same_page`] for a page of the published site that this run did not render: the
    /// published kit was made from it, so its entry stands if the record has one.
    fn same_published<'k>(&self, kit: &'k Kit, rel: &str) -> Option<(&'k Made, super::zip::Entry)> {
        self.same_entry(kit, rel, None)
    }

    fn same_entry<'k>(
        &self,
        kit: &'k Kit,
        rel: &str,
        sum: Option<&sums::Sum>,
    ) -> Option<(&'k Made, super::zip::Entry)> {
        let previous = kit.previous.as_ref()?;
        if previous.sums()?.kit != kit.digest {
            return None;
        }
        let old = previous.made(rel).filter(|m| sum.is_none_or(|s| m.sum == *s))?;
        let asked = old.asked.as_ref()?;
        if !asked.iter().all(|(file, had)| self.exists(file) == *had) {
            return None;
        }
        Some((old, previous.packed(rel)?))
    }
}

/// Everything besides a page's HTML that decides its links in `site`'s kit under `prefix`: which
/// pages the kit holds, the address of what it does not, the loa version (the rewriting may
/// change). A kit whose digest changed rewrites every page again.
fn kit_digest(key: &Key, site: &Site, prefix: &str, others: &[String], fallbacks: &HashSet<String>) -> sums::Sum {
    let mut sorted: Vec<&str> = fallbacks.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let mut parts: Vec<&[u8]> =
        vec![b"kit links 1", env!("CARGO_PKG_VERSION").as_bytes(), site.config.base_url.as_bytes(), prefix.as_bytes()];
    parts.push(b"others");
    parts.extend(others.iter().map(|o| o.as_bytes()));
    parts.push(b"fallbacks");
    parts.extend(sorted.iter().map(|f| f.as_bytes()));
    key.sum(&parts)
}

impl Kit {
    /// Whether the kit holds the web page `rel` (`hmn/goi-111/index.html`).
    fn holds_page(&self, rel: &str) -> bool {
        if !rel.ends_with(".html") || rel.ends_with("404.html") {
            return false;
        }
        let own = match self.prefix.as_str() {
            "" => !self.others.iter().any(|p| rel.starts_with(p.as_str())),
            p => rel.starts_with(p),
        };
        own || self.fallbacks.contains(rel)
    }

    /// Adds a page (deflated on the calling thread: pages arrive from the web renderer's).
    fn add(&self, name: &str, bytes: &[u8]) {
        if lock(&self.full).is_some() {
            return;
        }
        self.insert(name, super::zip::pack_reusing(name, bytes, self.previous.as_ref()));
    }

    /// Adds an entry packed already.
    fn insert(&self, name: &str, entry: super::zip::Entry) {
        if lock(&self.full).is_some() {
            return;
        }
        let len = entry.size() as usize;
        let added = lock(&self.zip).insert(name, entry, len);
        if let Err(f) = added {
            *lock(&self.full) = Some(f);
        }
    }

    /// Packs the linked files, the info files beside scripts, the read-me and the start page;
    /// gives the archive and the record of its entries. `Ok(None)`: the kit holds no page.
    /// `Err`: too big (a warning: the site is fine).
    fn finish(
        self,
        cx: &RenderContext<'_>,
        out: &dyn Sink,
        today: Date,
        previous: Option<&Previous>,
    ) -> Result<Option<(Archive, Sums)>, Diagnostic> {
        let files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut made = self.made.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut zip = self.zip.into_inner().unwrap_or_else(|p| p.into_inner());
        if zip.is_empty() {
            return Ok(None);
        }
        let mut full = self.full.into_inner().unwrap_or_else(|p| p.into_inner());
        let noted = self.noted.into_inner().unwrap_or_else(|p| p.into_inner());
        let beside = files.iter().filter_map(|f| info_file(f)).filter(|i| !files.contains(i)).collect::<Vec<_>>();
        for f in files.iter().chain(&beside) {
            if full.is_some() || zip.has(f) {
                continue;
            }
            // Put this run with the bytes the last kit packed: its entry is taken as it is.
            if let Some(&(sum, len)) = noted.get(f) {
                let file = Made { sum, asked: None };
                if let Some(entry) = previous.filter(|p| p.made(f) == Some(&file)).and_then(|p| p.packed(f)) {
                    match zip.insert(f, entry, len) {
                        Ok(()) => {
                            made.insert(f.clone(), file);
                        }
                        Err(e) => full = Some(e),
                    }
                    continue;
                }
            }
            // As the published site has it: the published kit packed these very bytes.
            if !noted.contains_key(f)
                && self.unchanged.contains(f)
                && let Some(p) = previous
                && let (Some(old), Some(entry)) = (p.made(f), p.packed(f))
            {
                let len = entry.size() as usize;
                match zip.insert(f, entry, len) {
                    Ok(()) => {
                        made.insert(f.clone(), old.clone());
                    }
                    Err(e) => full = Some(e),
                }
                continue;
            }
            let Some(bytes) = out.read(f) else { continue };
            let file = Made { sum: self.key.sum(&[&bytes]), asked: None };
            let added = match previous.filter(|p| p.made(f) == Some(&file)).and_then(|p| p.packed(f)) {
                Some(entry) => zip.insert(f, entry, bytes.len()),
                None => zip.add_reusing(f, &bytes, previous),
            };
            match added {
                Ok(()) => {
                    made.insert(f.clone(), file);
                }
                Err(e) => full = Some(e),
            }
        }
        // The read-me and the start page, taken from the last kit by the record when the same
        // (so that a kit of the same entries is found the same from its directory alone).
        let own = |name: &str, text: &str, zip: &mut ZipWriter, made: &mut HashMap<String, Made>| {
            let file = Made { sum: self.key.sum(&[text.as_bytes()]), asked: None };
            let entry = previous.filter(|p| p.made(name) == Some(&file)).and_then(|p| p.packed(name));
            let added = match entry {
                Some(entry) => zip.insert(name, entry, text.len()),
                None => zip.add(name, text.as_bytes()),
            };
            made.insert(name.to_string(), file);
            added.err()
        };
        let (name, text) = readme(cx.site, cx.i18n, &self.lang, &self.prefix, today);
        if full.is_none() {
            full = own(&name, &text, &mut zip, &mut made);
        }
        if !self.prefix.is_empty() && full.is_none() {
            let start = start_page(cx.site, cx.i18n, &self.lang, &self.prefix);
            full = own("index.html", &start, &mut zip, &mut made);
        }
        match full {
            None => {
                let sums = Sums { key: self.key, kit: self.digest, archive: [0; 16], file: None, entries: made };
                let archive = match previous {
                    Some(p) if zip.same_entries_as(p) || p.loaded().is_some_and(|b| zip.same_as(b)) => Archive::Same,
                    _ => Archive::New(zip.finish().ok_or_else(|| changed(&file_name(&self.lang)))?),
                };
                Ok(Some((archive, sums)))
            }
            Some(why) => Err(too_big(&self.lang, why)),
        }
    }
}

/// The info file beside a script (`broadcast.txt` → `broadcast-info.txt`): what the station
/// needs and a voice must not say.
fn info_file(file: &str) -> Option<String> {
    let (dir, name) = file.rsplit_once('/').unwrap_or(("", file));
    let info = match name {
        "broadcast.txt" => "broadcast-info.txt",
        "bulletin.txt" => "bulletin-info.txt",
        _ => return None,
    };
    Some(if dir.is_empty() { info.to_string() } else { format!("{dir}/{info}") })
}

/// The default language's pages that `lang` has no version of: its listings show them, so its
/// kit holds them.
fn fallbacks(site: &Site, lang: &str) -> HashSet<String> {
    if site.config.is_default_language(lang) {
        return HashSet::new();
    }
    site.pages_in(site.default_lang())
        .filter(|(_, p)| {
            p.kind() != PageKind::Home
                && p.wants(OutputKind::Web)
                && site.index.find(&site.pages, p.key(), lang).is_none()
        })
        .map(|(_, p)| format!("{}index.html", p.url_path()))
        .collect()
}

/// The read-me's file name and text, in the kit's language; a language that borrows the text
/// says so first, and a draft says it is one (issue 14: minority-language text is a draft until
/// a native speaker checks it).
fn readme(site: &Site, i18n: &I18n, lang: &str, prefix: &str, today: Date) -> (String, String) {
    let language = site.config.language(lang).map_or(lang, |l| l.name.as_str());
    let text = i18n
        .get(lang, "kit_readme")
        .replace("{site}", site.config.title_in(lang))
        .replace("{language}", language)
        .replace("{date}", &today.display())
        .replace("{url}", &site.config.base_url)
        .replace("{start}", "index.html")
        .replace("{materials}", &format!("{prefix}{MATERIALS_DIR}/index.html"))
        .replace("{hotline}", &site.config.hotline.number);
    let mut head = String::new();
    let borrowed = i18n.lang_attrs(lang).get("kit_readme").is_some_and(|a| !a.is_empty());
    if borrowed {
        head.push_str(i18n.get(lang, "kit_readme_borrowed"));
        head.push_str("\n\n");
    }
    let review = i18n.get(lang, "kit_readme_review");
    if !borrowed && !review.trim().is_empty() && review != "kit_readme_review" {
        head.push_str(review.trim_end());
        head.push_str("\n\n");
    }
    // Windows line ends: Notepad before Windows 10 (still on commune laptops) shows a file
    // with bare LF as one line.
    let all = format!("{head}{}", text.trim_end()).replace('\n', "\r\n") + "\r\n";
    (i18n.get(lang, "kit_readme_name").to_string(), all)
}

/// The kit's top `index.html` for a language whose pages sit under `hmn/`: opens them.
fn start_page(site: &Site, i18n: &I18n, lang: &str, prefix: &str) -> String {
    let title = crate::render::web::html::escape(site.config.title_in(lang));
    let materials = crate::render::web::html::escape(i18n.get(lang, "materials"));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{title}</title>\n<meta http-equiv=\"refresh\" content=\"0; url={prefix}index.html\">\n</head>\n<body>\n<main>\n<h1><a href=\"{prefix}index.html\">{title}</a></h1>\n<p><a href=\"{prefix}{MATERIALS_DIR}/index.html\">{materials}</a></p>\n</main>\n</body>\n</html>\n"
    )
}

fn too_big(lang: &str, why: Full) -> Diagnostic {
    let what = match why {
        Full::Files => msg!("kit-too-many-files", max = crate::limits::KIT_FILES),
        Full::Bytes => msg!("kit-too-many-bytes", max = crate::limits::KIT_BYTES >> 30),
    };
    Diagnostic::warning("kit", msg!("kit-too-big", lang = lang, what = what))
        .in_file(crate::config::CONFIG_FILE)
        .with_hint(msg!("kit-too-big-hint"))
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
