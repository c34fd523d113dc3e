//! The picture step: every raster picture a page shows is resized to a few widths, re-encoded
//! without metadata and written once under `_img/` (named by content hash, so pages share it and
//! browsers may cache it forever). The web renderer then emits `srcset`, `width`/`height`,
//! `loading="lazy"`. Originals are never modified.
//!
//! Processed variants are cached in `SITE/.loa-cache/images/` by content hash: an unchanged
//! picture costs one file read and a hash on rebuild, and its variants reach OUT as hard links
//! of the cache entries (issue 16).

pub mod process;
pub mod strip;

use crate::content::links::{self, Target};
use crate::content::{Inline, Site};
use crate::diag::{Diagnostic, Diagnostics};
use crate::fs::{Cache, Sink};
use crate::msg;
use process::{Kind, Variant};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Bump when the variants change (widths, quality, encoders) to invalidate caches.
const PIPELINE_VERSION: u32 = 1;
/// The picture cache's folder in `SITE/.loa-cache/`.
pub const CACHE_FOLDER: &str = "images";

/// A processed picture: its variants, as written under OUT.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Processed {
    pub variants: Vec<Written>,
    pub original_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Written {
    pub rel: String,
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
    pub bytes: u64,
}

impl Processed {
    /// The largest variant in the page's main format (what `src` points to).
    pub fn fallback(&self) -> Option<&Written> {
        self.variants.iter().filter(|v| v.kind != Kind::Webp).max_by_key(|v| v.width)
    }
    pub fn smallest(&self) -> Option<&Written> {
        self.variants.iter().min_by_key(|v| v.bytes)
    }
}

/// Site-relative source path (`content/img/a.jpg`, `static/a.png`) → its variants.
#[derive(Debug, Clone, Default)]
pub struct ImageMap {
    pub images: HashMap<PathBuf, Processed>,
}

impl ImageMap {
    pub fn get(&self, source: &Path) -> Option<&Processed> {
        self.images.get(source)
    }
}

/// Where a picture is first used, for error messages.
struct Use {
    page_file: PathBuf,
    line: usize,
}

const RASTER: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// Finds, processes (or takes from the cache) and writes every picture pages show.
pub fn process(site: &Site, cache: Option<&Cache>, out: &dyn Sink) -> Result<ImageMap, Diagnostics> {
    process_scoped(site, &crate::render::Scope::All, cache, out)
}

/// Only the pictures of pages in `scope` (`loa serve` after an edit keeps the others' results).
pub fn process_scoped(
    site: &Site,
    scope: &crate::render::Scope,
    cache: Option<&Cache>,
    out: &dyn Sink,
) -> Result<ImageMap, Diagnostics> {
    let sources = referenced(site, scope);
    let results: Vec<_> =
        sources.par_iter().map(|(path, first_use)| (path.clone(), one(site, path, first_use, cache, out))).collect();
    let mut map = ImageMap::default();
    let mut diags = Diagnostics::new();
    for (path, r) in results {
        match r {
            Ok(Some(p)) => {
                map.images.insert(path, p);
            }
            Ok(None) => {}
            Err(d) => diags.push(d),
        }
    }
    if diags.has_errors() { Err(diags) } else { Ok(map) }
}

/// Every raster picture the pages in `scope` show, each with its first use in page order.
/// The pages' bodies are walked in parallel (15,000 pages took ~35 ms on one core, while the
/// other waited; issue 16), then merged in page order so "first" means what it always did.
fn referenced(site: &Site, scope: &crate::render::Scope) -> Vec<(PathBuf, Use)> {
    let per_page: Vec<Vec<(PathBuf, usize, usize)>> = site
        .pages
        .par_iter()
        .enumerate()
        .filter(|(id, _)| scope.includes(*id))
        .map(|(id, page)| {
            let mut here = Vec::new();
            page.body().walk_inlines(&mut |inline| {
                if let Inline::Image(image) = inline
                    && let Ok(Target::File { path }) = links::resolve(site, id, &image.url)
                    && is_raster(&path)
                {
                    here.push((path, id, image.line));
                }
            });
            here
        })
        .collect();
    let mut found: HashMap<PathBuf, Use> = HashMap::new();
    for (path, id, line) in per_page.into_iter().flatten() {
        found.entry(path).or_insert_with(|| Use { page_file: site.pages[id].info.shown.clone(), line });
    }
    let mut list: Vec<_> = found.into_iter().collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    list
}

fn is_raster(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| RASTER.contains(&e.to_ascii_lowercase().as_str()))
}

fn one(
    site: &Site,
    rel: &Path,
    used: &Use,
    cache: Option<&Cache>,
    out: &dyn Sink,
) -> Result<Option<Processed>, Diagnostic> {
    let full = site.root.join(rel);
    let fail = |message: crate::messages::Message, hint: crate::messages::Message| {
        Diagnostic::error("image", msg!("picture-problem", file = rel, reason = message))
            .in_file(&used.page_file)
            .at_line(used.line)
            .with_hint(hint)
    };
    // A missing picture is reported by `loa check` (and left as a plain link here).
    if !full.exists() {
        return Ok(None);
    }
    // The rule of `fs::walk`: nothing from outside the site is published, links included.
    if !crate::fs::walk::stays_inside(&site.root, &full) {
        return Err(fail(msg!("picture-outside"), msg!("picture-outside-hint")));
    }
    let Ok(bytes) = std::fs::read(&full) else { return Ok(None) };
    let hash = content_hash(&bytes);
    let (variants, entry) = match cache.and_then(|c| cached(c, &hash)) {
        Some(v) => (v, cache),
        None => {
            let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let format = process::sniff(&bytes, &ext).map_err(|p| fail(p.message, p.hint))?;
            let v = process::variants(&bytes, format).map_err(|p| fail(p.message, p.hint))?;
            let stored = cache.filter(|c| store(c, &hash, &v));
            (v, stored)
        }
    };
    let mut written = Vec::new();
    for v in variants {
        let rel_out = format!("_img/{}-{}.{}", &hash[..16], v.width, v.kind.ext());
        match entry {
            Some(c) => out.put_cached(&rel_out, &c.path(CACHE_FOLDER, &variant_name(&hash, &v)), &v.bytes)?,
            None => out.put(&rel_out, &v.bytes)?,
        }
        written.push(Written {
            rel: rel_out,
            width: v.width,
            height: v.height,
            kind: v.kind,
            bytes: v.bytes.len() as u64,
        });
    }
    Ok(Some(Processed { variants: written, original_bytes: bytes.len() as u64 }))
}

/// A stable 128-bit content hash (SipHash-1-3 with fixed keys), hex.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h = siphasher::sip128::SipHasher13::new_with_keys(0x6c6f_615f_696d_6731, PIPELINE_VERSION as u64);
    h.write(bytes);
    let v = siphasher::sip128::Hasher128::finish128(&h);
    format!("{:016x}{:016x}", v.h1, v.h2)
}

/// A variant's entry file: `HASH-W.EXT`.
fn variant_name(hash: &str, v: &Variant) -> String {
    format!("{hash}-{}.{}", v.width, v.kind.ext())
}

/// Cache layout: `HASH.txt` lists `width height ext` per line; `HASH-W.EXT` holds the bytes.
fn cached(cache: &Cache, hash: &str) -> Option<Vec<Variant>> {
    let index = String::from_utf8(cache.read(CACHE_FOLDER, &format!("{hash}.txt"))?).ok()?;
    let mut out = Vec::new();
    for line in index.lines() {
        let mut parts = line.split(' ');
        let width: u32 = parts.next()?.parse().ok()?;
        let height: u32 = parts.next()?.parse().ok()?;
        let kind = match parts.next()? {
            "jpg" => Kind::Jpeg,
            "png" => Kind::Png,
            "webp" => Kind::Webp,
            _ => return None,
        };
        let bytes = cache.read(CACHE_FOLDER, &format!("{hash}-{width}.{}", kind.ext()))?;
        out.push(Variant { width, height, kind, bytes });
    }
    (!out.is_empty()).then_some(out)
}

/// Best effort: a cache that cannot be written only costs time on the next build. Every file
/// is stored whole ([`Cache::store`]), and the index last, so an entry is only ever read whole.
/// `true` when every file is there.
fn store(cache: &Cache, hash: &str, variants: &[Variant]) -> bool {
    let mut index = String::new();
    for v in variants {
        if !cache.store(CACHE_FOLDER, &variant_name(hash, v), &v.bytes) {
            return false;
        }
        index.push_str(&format!("{} {} {}\n", v.width, v.height, v.kind.ext()));
    }
    cache.store(CACHE_FOLDER, &format!("{hash}.txt"), index.as_bytes())
}
