//! The language versions of every web file, in one place so the switcher, `<head>` (canonical,
//! hreflang alternates with `x-default`) and `sitemap.xml` always agree (issue 17, item 8).
//!
//! A page's versions are its translations; a tag page's are the tag pages at the same address
//! in the other languages (tags are matched by slug: `111` is `tags/111/` in every language);
//! the tags index and the 404 page exist in every language. Where a language has no version,
//! the switcher links to the nearest page that exists there (its home, its tags index), marked
//! `translated: false`, so a reader can always reach their language.

use super::views::{Alternate, SwitcherLink, lang_home, tag_path};
use crate::content::links::relative_url;
use crate::content::{PageId, Site};

/// Where the links of a rendered file start from.
pub enum Base<'a> {
    /// The file's folder under OUT: relative links, which work offline, from a zip and on any
    /// host.
    Dir(&'a str),
    /// The site's root path (`/` or `/x/`): for the 404 page, which a server shows at any
    /// address, so relative links would resolve against the missing one.
    Root(String),
}

impl Base<'_> {
    /// The link to a path under OUT (`hmn/tags/`, `""` for the home).
    pub fn url(&self, to: &str) -> String {
        match self {
            Base::Dir(dir) => relative_url(dir, to),
            Base::Root(root) => format!("{root}{to}"),
        }
    }

    /// Root-relative links for the site at `base_url` (`https://a.vn/x` → `/x/`).
    pub fn root(base_url: &str) -> Base<'static> {
        let path = match base_url.split_once("://") {
            Some((_, rest)) => rest.find('/').map_or("", |i| &rest[i..]),
            None => base_url,
        };
        Base::Root(format!("{}/", path.trim_end_matches('/')))
    }
}

/// One language's slot: the version's path under OUT, or where the switcher sends a reader of
/// that language instead.
pub struct Slot<'a> {
    pub lang: &'a str,
    pub name: &'a str,
    pub path: String,
    pub exists: bool,
}

/// Every site language's slot for one file, in the order of `languages:` in loa.yaml.
pub struct Versions<'a> {
    pub slots: Vec<Slot<'a>>,
}

impl<'a> Versions<'a> {
    fn new(site: &'a Site, mut find: impl FnMut(&str) -> (Option<String>, String)) -> Versions<'a> {
        let slots = site
            .config
            .languages
            .iter()
            .map(|l| {
                let (found, instead) = find(&l.code);
                Slot { lang: &l.code, name: &l.name, exists: found.is_some(), path: found.unwrap_or(instead) }
            })
            .collect();
        Versions { slots }
    }

    /// A page, home or section: its translations, else the language's home.
    pub fn of_page(site: &'a Site, id: PageId) -> Versions<'a> {
        let versions = site.index.translations(site.pages[id].key());
        Versions::new(site, |lang| {
            let v = versions.iter().find(|&&v| site.pages[v].lang() == lang);
            (v.map(|&v| site.pages[v].url_path()), lang_home(site, lang))
        })
    }

    /// A tag page: the tag with the same slug, else the language's tags index.
    pub fn of_tag(site: &'a Site, slug: &str) -> Versions<'a> {
        Versions::new(site, |lang| {
            let found = site.index.tags(lang).iter().any(|t| t.slug == slug);
            (found.then(|| tag_path(site, lang, slug)), format!("{}tags/", lang_home(site, lang)))
        })
    }

    /// The tags index, in every language.
    pub fn of_tags_index(site: &'a Site) -> Versions<'a> {
        Versions::new(site, |lang| (Some(format!("{}tags/", lang_home(site, lang))), String::new()))
    }

    /// The materials page (issue 14), in every language.
    pub fn of_materials(site: &'a Site) -> Versions<'a> {
        Versions::new(site, |lang| (Some(crate::render::kit::materials_dir(site, lang)), String::new()))
    }

    /// The 404 page, in every language (`404.html`, `hmn/404.html`).
    pub fn of_not_found(site: &'a Site) -> Versions<'a> {
        Versions::new(site, |lang| (Some(format!("{}404.html", lang_home(site, lang))), String::new()))
    }

    /// The switcher's links, seen from `base`.
    pub fn switcher(&self, current: &str, base: &Base<'_>) -> Vec<SwitcherLink<'a>> {
        self.slots
            .iter()
            .map(|s| SwitcherLink {
                code: s.lang,
                name: s.name,
                url: base.url(&s.path),
                current: s.lang == current,
                translated: s.exists,
            })
            .collect()
    }

    /// hreflang alternates (absolute): every existing version, and `x-default` (the default
    /// language's version, for readers of any other language) when there are two or more.
    pub fn alternates(&self, site: &Site) -> Vec<Alternate<'a>> {
        let mut out: Vec<Alternate<'a>> = self
            .slots
            .iter()
            .filter(|s| s.exists)
            .map(|s| Alternate { lang: s.lang, href: site.permalink(&s.path) })
            .collect();
        let default = self.slots.iter().find(|s| s.exists && s.lang == site.default_lang());
        if let (true, Some(d)) = (out.len() > 1, default) {
            out.push(Alternate { lang: "x-default", href: site.permalink(&d.path) });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_paths_from_base_urls() {
        for (base, want) in [
            ("https://xa.example.vn", "/"),
            ("https://xa.example.vn/x", "/x/"),
            ("http://preview.local/a/b", "/a/b/"),
            ("", "/"),
            ("/sub", "/sub/"),
        ] {
            let Base::Root(got) = Base::root(base) else { panic!("not a root") };
            assert_eq!(got, want, "{base}");
        }
        assert_eq!(Base::root("https://a.vn/x").url("hmn/"), "/x/hmn/");
        assert_eq!(Base::Dir("hmn/tags/111").url("tags/111/"), "../../../tags/111/");
    }
}
