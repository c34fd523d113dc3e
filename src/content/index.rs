//! Relations between pages, computed once after loading: translations, sections, tags.

use super::file_info::PageKind;
use super::page::{Page, PageId};
use crate::diag::{Diagnostic, Diagnostics};
use crate::msg;
use crate::slug::slugify;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Default, Clone)]
pub struct Index {
    by_key: HashMap<String, Vec<PageId>>,
    /// Section key (`_index`, `news/_index`) → child keys (pages and sub-sections), in order.
    children: HashMap<String, Vec<String>>,
    /// Language → tags used by pages in that language, ordered by name.
    tags: HashMap<String, Vec<Tag>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub slug: String,
    pub pages: Vec<PageId>,
}

/// An entry of a listing in some language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: PageId,
    /// The page has no version in the listing's language; this is the default-language one.
    pub fallback: bool,
}

pub const HOME_KEY: &str = "_index";

impl Index {
    pub fn build(pages: &[Page], default_lang: &str, diags: &mut Diagnostics) -> Index {
        let mut by_key: HashMap<String, Vec<PageId>> = HashMap::new();
        for (id, page) in pages.iter().enumerate() {
            by_key.entry(page.key().to_string()).or_default().push(id);
        }
        // Independent of each other, so side by side (this part of loading runs on one thread).
        let (children, (tags, tag_warnings)) = rayon::join(
            || section_children(pages, &by_key, default_lang),
            || {
                let mut warnings = Diagnostics::new();
                (collect_tags(pages, &mut warnings), warnings)
            },
        );
        diags.extend(tag_warnings.into_vec());
        Index { by_key, children, tags }
    }

    /// All versions of a page, in load order (sorted by language code).
    pub fn translations(&self, key: &str) -> &[PageId] {
        self.by_key.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn find(&self, pages: &[Page], key: &str, lang: &str) -> Option<PageId> {
        self.translations(key).iter().copied().find(|&id| pages[id].lang() == lang)
    }

    /// Children of a section in `lang`: its own version where one exists, otherwise the
    /// default-language version marked as a fallback (the page still appears in every listing).
    pub fn listing(&self, pages: &[Page], section_key: &str, lang: &str, default_lang: &str) -> Vec<Entry> {
        let Some(keys) = self.children.get(section_key) else { return Vec::new() };
        keys.iter()
            .filter_map(|key| {
                if let Some(id) = self.find(pages, key, lang) {
                    Some(Entry { id, fallback: false })
                } else {
                    self.find(pages, key, default_lang).map(|id| Entry { id, fallback: true })
                }
            })
            .collect()
    }

    pub fn tags(&self, lang: &str) -> &[Tag] {
        self.tags.get(lang).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The section a page is listed in (nearest folder above it with an `_index.md`).
    pub fn parent_of(&self, key: &str) -> Option<&str> {
        self.children.iter().find(|(_, kids)| kids.iter().any(|k| k == key)).map(|(s, _)| s.as_str())
    }

    /// Sorts again the listing that holds `key`, after the page's title, date or weight changed
    /// (`loa serve`; everything else in the index is unchanged by such an edit).
    pub fn reorder_listing_of(&mut self, pages: &[Page], key: &str, default_lang: &str) {
        let by_key = &self.by_key;
        if let Some(kids) = self.children.values_mut().find(|kids| kids.iter().any(|k| k == key)) {
            sort_children(kids, pages, by_key, default_lang);
        }
    }

    pub fn section_keys(&self) -> impl Iterator<Item = &str> {
        self.children.keys().map(String::as_str)
    }
}

fn section_children(
    pages: &[Page],
    by_key: &HashMap<String, Vec<PageId>>,
    default_lang: &str,
) -> HashMap<String, Vec<String>> {
    let mut children: HashMap<String, Vec<String>> = HashMap::new();
    children.entry(HOME_KEY.to_string()).or_default();
    for (key, ids) in by_key {
        let first = &pages[ids[0]];
        if first.kind() == PageKind::Home {
            continue;
        }
        let parent = nearest_section(&first.info.dirs, first.kind(), by_key);
        children.entry(parent).or_default().push(key.clone());
        if first.kind() == PageKind::Section {
            children.entry(key.clone()).or_default();
        }
    }
    for kids in children.values_mut() {
        sort_children(kids, pages, by_key, default_lang);
    }
    children
}

/// Listing order: weight, then newest date, then title, then key. Decided by the default-language
/// version so every language lists in the same order.
fn sort_children(kids: &mut [String], pages: &[Page], by_key: &HashMap<String, Vec<PageId>>, default_lang: &str) {
    let representative = |key: &str| {
        let ids = &by_key[key];
        ids.iter().copied().find(|&id| pages[id].lang() == default_lang).unwrap_or(ids[0])
    };
    kids.sort_by(|a, b| {
        let (pa, pb) = (&pages[representative(a)], &pages[representative(b)]);
        let weight = |p: &Page| (p.fm.weight.is_none(), p.fm.weight);
        weight(pa)
            .cmp(&weight(pb))
            .then_with(|| pb.date.cmp(&pa.date))
            .then_with(|| pa.title().cmp(pb.title()))
            .then_with(|| a.cmp(b))
    });
}

fn nearest_section(dirs: &[String], kind: PageKind, by_key: &HashMap<String, Vec<PageId>>) -> String {
    // A section's own folder is `dirs`; its parent is one level up.
    let mut depth = if kind == PageKind::Section { dirs.len().saturating_sub(1) } else { dirs.len() };
    while depth > 0 {
        let key = format!("{}/{HOME_KEY}", dirs[..depth].join("/"));
        if by_key.contains_key(&key) {
            return key;
        }
        depth -= 1;
    }
    HOME_KEY.to_string()
}

/// Tags per language. Two different tag names whose slugs collide keep separate pages
/// (`-2` is appended to the later one) and the editor is warned.
/// A tag's address part stays short enough for every file system (a tag may be a whole
/// sentence); the full name is still shown on its page. Cut at a `-` so words stay whole.
fn shorten_slug(slug: String) -> String {
    let max = crate::limits::ADDRESS_PART_BYTES;
    if slug.len() <= max {
        return slug;
    }
    let mut cut = max;
    while !slug.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &slug[..cut];
    head.rfind('-').filter(|&i| i > max / 2).map_or(head, |i| &head[..i]).to_string()
}

fn collect_tags(pages: &[Page], diags: &mut Diagnostics) -> HashMap<String, Vec<Tag>> {
    // Keys borrowed from the pages: owning them meant two Strings made for every tag of every
    // page, serially at the end of loading (issue 16).
    let mut by_lang: HashMap<&str, BTreeMap<&str, Vec<PageId>>> = HashMap::new();
    for (id, page) in pages.iter().enumerate() {
        for tag in &page.fm.tags {
            let name = tag.trim();
            if name.is_empty() {
                continue;
            }
            let ids = by_lang.entry(page.lang()).or_default().entry(name).or_default();
            // Pages come in order, so a page that lists a tag twice is the last one pushed.
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    let mut out = HashMap::new();
    for (lang, names) in by_lang {
        let mut tags: Vec<Tag> = Vec::new();
        let mut used: HashMap<String, String> = HashMap::new();
        for (name, ids) in names {
            let name = name.to_string();
            let base = match slugify(&name) {
                s if s.is_empty() => "tag".to_string(),
                s => shorten_slug(s),
            };
            let mut slug = base.clone();
            let mut n = 1;
            while let Some(other) = used.get(&slug) {
                n += 1;
                if n == 2 {
                    let first = &pages[ids[0]];
                    diags.push(
                        Diagnostic::warning("tag", msg!("tag-same-address", other = other, name = &name, base = &base))
                            .in_file(&first.info.shown)
                            .with_hint(msg!("tag-same-address-hint", name = &name, base = &base)),
                    );
                }
                slug = format!("{base}-{n}");
            }
            used.insert(slug.clone(), name.clone());
            tags.push(Tag { name, slug, pages: ids });
        }
        out.insert(lang.to_string(), tags);
    }
    out
}
