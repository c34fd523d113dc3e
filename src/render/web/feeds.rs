//! Machine-read files: `sitemap.xml` (with hreflang alternates), `atom.xml` per language,
//! `robots.txt`. Written in code rather than templates: their format is fixed by their specs.

use super::html::escape;
use super::versions::Versions;
use super::views::{borrowed_from, lang_home, tag_path};
use crate::content::OutputKind;
use crate::content::{Page, PageKind, Site, body::Block, body::plain_text};
use rayon::prelude::*;

/// Every web page, every tags index and tag page, each with its language versions (hreflang
/// and `x-default`, the same as in its `<head>`).
pub fn sitemap(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // The pages' entries in chunks on every core, joined in page order: written one after
    // another they were a serial ~40 ms after the pages of 3 x 5,000 (issue 16).
    let pages: Vec<usize> =
        site.pages.iter().enumerate().filter(|(_, p)| p.wants(OutputKind::Web)).map(|(id, _)| id).collect();
    let chunks: Vec<String> = pages
        .par_chunks(SITEMAP_CHUNK)
        .map(|ids| {
            let mut part = String::new();
            for &id in ids {
                let page = &site.pages[id];
                url(&mut part, site, &page.url_path(), page.date.map(|d| d.iso()), &Versions::of_page(site, id));
            }
            part
        })
        .collect();
    chunks.iter().for_each(|part| out.push_str(part));
    for lang in &site.config.languages {
        url(&mut out, site, &format!("{}tags/", lang_home(site, &lang.code)), None, &Versions::of_tags_index(site));
        for tag in site.index.tags(&lang.code) {
            url(&mut out, site, &tag_path(site, &lang.code, &tag.slug), None, &Versions::of_tag(site, &tag.slug));
        }
    }
    out.push_str("</urlset>\n");
    out
}

/// Pages per task of [`sitemap`].
const SITEMAP_CHUNK: usize = 256;

fn url(out: &mut String, site: &Site, path: &str, lastmod: Option<String>, versions: &Versions<'_>) {
    out.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape(&site.permalink(path))));
    if let Some(d) = lastmod {
        out.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
    }
    let alternates = versions.alternates(site);
    // A lone version has no alternates to name.
    if alternates.len() > 1 {
        for a in alternates {
            out.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                escape(a.lang),
                escape(&a.href)
            ));
        }
    }
    out.push_str("  </url>\n");
}

/// Entries in a language's Atom feed.
const FEED_ENTRIES: usize = 20;

/// The newest pages of one language, newest first.
pub fn atom(site: &Site, lang: &str, feed_path: &str) -> String {
    let c = &site.config;
    let title = c.title_in(lang);
    // loa.yaml's own title and issuer are in the default language: say so where they stand in a
    // feed of another language (RFC 4287 allows xml:lang on every element).
    let own_title = c.language(lang).is_some_and(|l| l.title.is_some());
    let title_lang = xml_lang(borrowed_from(site, lang, own_title));
    let issuer_lang = xml_lang(borrowed_from(site, lang, false));
    let mut entries: Vec<_> = site
        .pages_in(lang)
        .map(|(_, p)| p)
        .filter(|p| p.kind() == PageKind::Page && p.wants(OutputKind::Web))
        .collect();
    // The 20 newest: picked first, then only they are sorted (a language may have thousands).
    let newest_first = |a: &&Page, b: &&Page| {
        b.date.cmp(&a.date).then_with(|| a.title().cmp(b.title())).then_with(|| a.path.cmp(&b.path))
    };
    if entries.len() > FEED_ENTRIES {
        entries.select_nth_unstable_by(FEED_ENTRIES - 1, newest_first);
        entries.truncate(FEED_ENTRIES);
    }
    entries.sort_by(newest_first);
    // The feed's date comes from the content, so an unchanged site gives an identical feed.
    let updated = entries.iter().filter_map(|p| p.date).max().map(|d| d.iso()).unwrap_or_else(|| "1970-01-01".into());
    let home = site.permalink(&super::views::lang_home(site, lang));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title{title_lang}>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(lang),
        escape(title),
        escape(&home),
        escape(&site.permalink(feed_path)),
        escape(&home),
    );
    let (author, author_lang) = match &c.issuer {
        Some(issuer) => (issuer.as_str(), &issuer_lang),
        None => (title, &title_lang),
    };
    out.push_str(&format!("  <author{author_lang}><name>{}</name></author>\n", escape(author)));
    for p in entries {
        let link = site.permalink(&p.url_path());
        let date = p.date.map(|d| d.iso()).unwrap_or_else(|| updated.clone());
        let summary = p.fm.description.clone().unwrap_or_else(|| first_paragraph(&p.body().blocks));
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{}\"/>\n    <id>{}</id>\n    <updated>{date}T00:00:00Z</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(p.title()),
            escape(&link),
            escape(&link),
            escape(&summary)
        ));
    }
    out.push_str("</feed>\n");
    out
}

/// ` xml:lang="vi"` or "".
fn xml_lang(lang: Option<&str>) -> String {
    lang.map(|l| format!(" xml:lang=\"{}\"", escape(l))).unwrap_or_default()
}

fn first_paragraph(blocks: &[Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            Block::Paragraph { content } => Some(plain_text(content)),
            _ => None,
        })
        .unwrap_or_default()
}

pub fn robots(site: &Site) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {}/sitemap.xml\n", site.config.base_url)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The feed picks its 20 newest without sorting every page: the same entries, in the same
    /// order (date, then title, then path) as sorting all of them, ties included.
    #[test]
    fn the_feed_holds_the_newest_pages_newest_first() {
        let mut files = vec![("content/_index.md".to_string(), "---\ntitle: Nhà\n---\n".to_string())];
        for i in 0..45 {
            // Dates repeat and some titles too, so order within a day rests on title and path.
            let (day, title) = (1 + (i * 7) % 9, ["Tin", "Báo", "Tin mới"][i % 3]);
            files.push((
                format!("content/p{i:02}.md"),
                format!("---\ntitle: \"{title}\"\ndate: 2026-07-{day:02}\n---\nx\n"),
            ));
        }
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = crate::check::tests::site_from(&refs);
        let mut all: Vec<&Page> = site.pages_in("vi").map(|(_, p)| p).filter(|p| p.kind() == PageKind::Page).collect();
        all.sort_by(|a, b| {
            b.date.cmp(&a.date).then_with(|| a.title().cmp(b.title())).then_with(|| a.path.cmp(&b.path))
        });
        let expected: Vec<String> = all[..FEED_ENTRIES].iter().map(|p| site.permalink(&p.url_path())).collect();
        let feed = atom(&site, "vi", "atom.xml");
        let links: Vec<&str> =
            feed.split("<entry>").skip(1).filter_map(|e| e.split("<link href=\"").nth(1)?.split('"').next()).collect();
        assert_eq!(links, expected);
    }

    /// Written in parallel chunks, the sitemap still lists every page once, in the model's page
    /// order, before the tags: as written one page after another.
    #[test]
    fn the_sitemap_lists_every_page_in_order_across_chunks() {
        let mut files = vec![("content/_index.md".to_string(), "---\ntitle: Nhà\n---\n".to_string())];
        for i in 0..(SITEMAP_CHUNK * 2 + 7) {
            files.push((
                format!("content/p{i:04}.md"),
                format!("---\ntitle: \"Trang {i}\"\ntags: [t{}]\n---\nx\n", i % 3),
            ));
        }
        let refs: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
        let site = crate::check::tests::site_from(&refs);
        let sitemap = sitemap(&site);
        let locs: Vec<&str> = sitemap.split("<loc>").skip(1).filter_map(|e| e.split("</loc>").next()).collect();
        let pages: Vec<String> = site
            .pages
            .iter()
            .filter(|p| p.wants(OutputKind::Web))
            .map(|p| escape(&site.permalink(&p.url_path())))
            .collect();
        assert!(pages.len() > SITEMAP_CHUNK * 2, "{}", pages.len());
        assert_eq!(locs[..pages.len()], pages[..]);
        // Then each language's tags index and tag pages (the three tags are Vietnamese).
        let tag_entries: usize = site.config.languages.iter().map(|l| 1 + site.index.tags(&l.code).len()).sum();
        assert_eq!(tag_entries, site.config.languages.len() + 3);
        assert_eq!(locs.len(), pages.len() + tag_entries, "{:?}", &locs[pages.len()..]);
    }
}
