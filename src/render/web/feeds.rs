//! Machine-read files: `sitemap.xml` (with hreflang alternates), `atom.xml` per language,
//! `robots.txt`. Written in code rather than templates: their format is fixed by their specs.

use super::html::escape;
use crate::content::OutputKind;
use crate::content::{PageKind, Site, body::Block, body::plain_text};

pub fn sitemap(site: &Site) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for page in site.pages.iter().filter(|p| p.wants(OutputKind::Web)) {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&escape(&site.permalink(&page.url_path())));
        out.push_str("</loc>\n");
        if let Some(d) = page.date {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        let versions = site.index.translations(page.key());
        if versions.len() > 1 {
            for &v in versions {
                let alt = &site.pages[v];
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape(alt.lang()),
                    escape(&site.permalink(&alt.url_path()))
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// The newest pages of one language, newest first.
pub fn atom(site: &Site, lang: &str, feed_path: &str, title: &str) -> String {
    let mut entries: Vec<_> = site
        .pages_in(lang)
        .map(|(_, p)| p)
        .filter(|p| p.kind() == PageKind::Page && p.wants(OutputKind::Web))
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title().cmp(b.title())));
    entries.truncate(20);
    // The feed's date comes from the content, so an unchanged site gives an identical feed.
    let updated = entries.iter().filter_map(|p| p.date).max().map(|d| d.iso()).unwrap_or_else(|| "1970-01-01".into());
    let home = site.permalink(&super::views::lang_home(site, lang));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{updated}T00:00:00Z</updated>\n",
        escape(lang),
        escape(title),
        escape(&home),
        escape(&site.permalink(feed_path)),
        escape(&home),
    );
    if let Some(issuer) = &site.config.issuer {
        out.push_str(&format!("  <author><name>{}</name></author>\n", escape(issuer)));
    } else {
        out.push_str(&format!("  <author><name>{}</name></author>\n", escape(site.config.title_in(lang))));
    }
    for p in entries {
        let link = site.permalink(&p.url_path());
        let date = p.date.map(|d| d.iso()).unwrap_or_else(|| updated.clone());
        let summary = p.fm.description.clone().unwrap_or_else(|| first_paragraph(&p.body.blocks));
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
