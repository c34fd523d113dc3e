//! Links: internal links to pages, sections, anchors and files that do not exist (errors); links
//! to a page that exists only in another language (warning); links whose scheme loa does not
//! publish (errors). External links are not fetched; e-mail autolinks (`<lienhe@xa.gov.vn>`)
//! are `mailto:` links, not files.

use crate::content::links::{SAFE_SCHEMES, Target, resolve, scheme};
use crate::content::{Inline, PageId, Site};
use crate::diag::Diagnostic;
use crate::msg;
use crate::render::Scope;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// The heading ids of the pages a page's anchor links point to, each gathered once: asking a
/// page for its ids at every link made a page of many headings and many `#` links quadratic
/// (20,000 of each took 4.7 s).
type Anchors<'s> = HashMap<PageId, Ids<'s>>;

/// A page's heading ids, in page order (for hints) and as a set (for lookups).
struct Ids<'s> {
    ordered: Vec<&'s str>,
    set: HashSet<&'s str>,
}

/// Every link finding of the site. `exists` answers whether a file the site refers to (a path
/// under the site root such as `static/img/a.jpg`) is there: on disk, in the theme or among the
/// rendered outputs. Pages are checked in parallel, their findings kept in page order.
pub fn check(site: &Site, scope: &Scope, exists: &(dyn Fn(&Path) -> bool + Sync)) -> Vec<Diagnostic> {
    super::per_page(site, scope, |id, page| {
        let mut out = Vec::new();
        let mut anchors = Anchors::new();
        page.body().walk_inlines(&mut |inline| {
            if let Inline::Link(link) = inline {
                out.extend(check_link(site, id, &link.url, exists, &mut anchors).map(|d| d.at(link.line, link.col)));
            }
        });
        out
    })
}

fn check_link<'s>(
    site: &'s Site,
    from: PageId,
    url: &str,
    exists: &dyn Fn(&Path) -> bool,
    anchors: &mut Anchors<'s>,
) -> Option<Diagnostic> {
    let page = site.page(from);
    let shown = &page.info.shown;
    let target = match resolve(site, from, url) {
        Ok(t) => t,
        Err(d) => return Some(d),
    };
    match target {
        Target::External => None,
        // Removed from every output, so nothing harmful is published: a warning, not an error.
        Target::Unsafe => Some(unsafe_link(url).in_file(shown)),
        Target::Anchor(anchor) => missing_anchor(site, from, &anchor, anchors).map(|d| d.in_file(shown)),
        Target::Page { id, anchor, fallback } => {
            if let Some(a) = anchor
                && let Some(d) = missing_anchor(site, id, &a, anchors)
            {
                return Some(d.in_file(shown));
            }
            let target = site.page(id);
            let own_version = site.index.find(&site.pages, target.key(), page.lang()).is_some();
            (fallback && !own_version).then(|| {
                Diagnostic::warning(
                    "link",
                    msg!("link-other-language", url = url, target = target.lang(), lang = page.lang()),
                )
                .in_file(shown)
                .with_hint(msg!(
                    "link-other-language-hint",
                    target = target.lang(),
                    file = &target.info.shown
                ))
            })
        }
        Target::File { path } => (!exists(&path)).then(|| missing_file(url, &path).in_file(shown)),
    }
}

/// A link whose scheme is not on loa's list: the web page keeps its text and drops the address.
fn unsafe_link(url: &str) -> Diagnostic {
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let scheme = scheme(&squeezed).unwrap_or_default();
    Diagnostic::warning("link", msg!("link-unsafe", url = url, scheme = scheme))
        .with_hint(msg!("link-unsafe-hint", schemes = SAFE_SCHEMES.map(|s| format!("`{s}:`")).join(", ")))
}

fn missing_file(url: &str, path: &std::path::Path) -> Diagnostic {
    let d = Diagnostic::error("link", msg!("link-missing-file", url = url, path = path));
    // `[viết thư](lienhe@xa.gov.vn)` is a file name to a browser: an address needs `mailto:`.
    if looks_like_email(url) {
        return d.with_hint(msg!("link-email-hint", url = url));
    }
    d.with_hint(msg!("link-missing-file-hint"))
}

fn looks_like_email(url: &str) -> bool {
    match url.split_once('@') {
        Some((user, host)) => !user.is_empty() && host.contains('.') && !url.contains(['/', '?', '#', ' ']),
        None => false,
    }
}

/// How many of a page's heading ids the hint of a broken anchor names.
const HINT_IDS: usize = 8;

/// An error when page `id` has no heading with this id.
fn missing_anchor<'s>(site: &'s Site, id: PageId, anchor: &str, anchors: &mut Anchors<'s>) -> Option<Diagnostic> {
    let page = site.page(id);
    let ids = anchors.entry(id).or_insert_with(|| {
        let ordered = page.body().heading_ids();
        Ids { set: ordered.iter().copied().collect(), ordered }
    });
    if ids.set.contains(anchor) {
        return None;
    }
    // The first ids in the order the page has them. Not all of them: a page of 20,000 headings
    // and as many broken `#` links printed 4.5 GB of hints.
    let ids = &ids.ordered;
    let shown = format!("#{}", ids.iter().take(HINT_IDS).copied().collect::<Vec<_>>().join(", #"));
    let hint = match ids.len() {
        0 => msg!("link-anchor-no-headings"),
        n if n > HINT_IDS => msg!("link-anchor-hint-more", ids = shown, more = n - HINT_IDS),
        _ => msg!("link-anchor-hint", ids = shown),
    };
    Some(
        Diagnostic::error("link", msg!("link-missing-anchor", file = &page.info.shown, anchor = format!("#{anchor}")))
            .with_hint(hint),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::site_from;

    #[test]
    fn table() {
        let site = site_from(&[
            ("content/_index.md", "---\ntitle: Home\n---\n# Gọi 111\n"),
            (
                "content/a.md",
                "---\ntitle: A\n---\n## Dấu hiệu\n\n\
                 [ok](b.md) [ok](@/b.md#viec-lam) [ok](#dau-hieu) [ok](https://x.vn) [ok](/img/ok.jpg) [ok](_index.md)\n\n\
                 [bad](nope.md)\n\n[bad](#khong-co)\n\n[bad](b.md#khong)\n\n[bad](/img/nope.jpg)\n\n[bad](javascript:alert(1))\n\n\
                 [warn](only.hmn.md)\n",
            ),
            ("content/b.md", "---\ntitle: B\n---\n## Việc làm\n"),
            ("content/b.hmn.md", "---\ntitle: B\n---\n## Hauj lwm\n[ok](a.md)\n"),
            ("content/only.hmn.md", "---\ntitle: O\n---\nx\n"),
        ]);
        let exists = |p: &Path| p == Path::new("static/img/ok.jpg");
        let found: Vec<(String, Option<usize>, bool, String)> = check(&site, &Scope::All, &exists)
            .into_iter()
            .map(|d| {
                (
                    d.file.as_ref().unwrap().display().to_string(),
                    d.line,
                    d.is_error(),
                    ["url", "anchor", "path"].iter().find_map(|k| d.message.text_arg(k)).unwrap_or("").into(),
                )
            })
            .collect();
        let a = "content/a.md".to_string();
        let hmn = "content/b.hmn.md".to_string();
        assert_eq!(
            found,
            vec![
                (a.clone(), Some(8), true, "nope.md".into()),
                (a.clone(), Some(10), true, "#khong-co".into()),
                (a.clone(), Some(12), true, "#khong".into()),
                (a.clone(), Some(14), true, "/img/nope.jpg".into()),
                (a.clone(), Some(16), false, "javascript:alert(1)".into()),
                (a.clone(), Some(18), false, "only.hmn.md".into()),
                // The Hmong page links to a.md, which has no Hmong version.
                (hmn, Some(5), false, "a.md".into()),
            ]
        );
    }

    /// Many headings and many `#` links: each link is checked against the ids (gathered once per
    /// page), and the hint of a broken one names a few ids and counts the rest, in both languages.
    #[test]
    fn many_anchors_give_short_hints() {
        let headings: String = (0..30).map(|i| format!("## Mục {i}\n\n")).collect();
        let links: String = (0..400).map(|i| format!("[x](#muc-{}) ", i % 30)).collect();
        let page = format!("---\ntitle: A\n---\n{headings}{links}\n\n[x](#khong)\n");
        let site = site_from(&[("content/_index.md", "---\ntitle: Home\n---\n"), ("content/a.md", page.as_str())]);
        let found = check(&site, &Scope::All, &|_: &Path| false);
        assert_eq!(found.len(), 1, "only the broken link: {found:?}");
        let hint = found[0].hint.as_ref().expect("a hint");
        let en = crate::messages::Texts::new(crate::messages::Lang::En).get(hint);
        let vi = crate::messages::Texts::new(crate::messages::Lang::Vi).get(hint);
        assert!(en.contains("#muc-0, #muc-1") && en.contains("#muc-7") && !en.contains("#muc-8"), "{en}");
        assert!(en.contains("22 more"), "{en}");
        assert!(vi.contains("22 đề mục khác") && vi.contains("#muc-7"), "{vi}");
    }
}
