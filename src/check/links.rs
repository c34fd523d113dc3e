//! Links: internal links to pages, sections, anchors and files that do not exist (errors); links
//! to a page that exists only in another language (warning); links whose scheme loa does not
//! publish (errors). External links are not fetched; e-mail autolinks (`<lienhe@xa.gov.vn>`)
//! are `mailto:` links, not files.

use crate::content::links::{SAFE_SCHEMES, Target, resolve, scheme};
use crate::content::{Inline, PageId, Site};
use crate::diag::Diagnostic;
use crate::msg;
use crate::render::Scope;
use std::path::Path;

/// Every link finding of the site. `exists` answers whether a file the site refers to (a path
/// under the site root such as `static/img/a.jpg`) is there: on disk, in the theme or among the
/// rendered outputs. Pages are checked in parallel, their findings kept in page order.
pub fn check(site: &Site, scope: &Scope, exists: &(dyn Fn(&Path) -> bool + Sync)) -> Vec<Diagnostic> {
    super::per_page(site, scope, |id, page| {
        let mut out = Vec::new();
        page.body.walk_inlines(&mut |inline| {
            if let Inline::Link(link) = inline {
                out.extend(check_link(site, id, &link.url, exists).map(|d| d.at(link.line, link.col)));
            }
        });
        out
    })
}

fn check_link(site: &Site, from: PageId, url: &str, exists: &dyn Fn(&Path) -> bool) -> Option<Diagnostic> {
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
        Target::Anchor(anchor) => missing_anchor(site, from, &anchor).map(|d| d.in_file(shown)),
        Target::Page { id, anchor, fallback } => {
            if let Some(a) = anchor
                && let Some(d) = missing_anchor(site, id, &a)
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

/// An error when page `id` has no heading with this id.
fn missing_anchor(site: &Site, id: PageId, anchor: &str) -> Option<Diagnostic> {
    let page = site.page(id);
    let ids = page.body.heading_ids();
    if ids.contains(&anchor) {
        return None;
    }
    let hint = if ids.is_empty() {
        msg!("link-anchor-no-headings")
    } else {
        msg!("link-anchor-hint", ids = format!("#{}", ids.join(", #")))
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
}
