//! The web page weight budget: each page's HTML (with its inlined stylesheet), gzipped, should
//! fit the first round trip of a connection (about 14 KB: ten TCP segments of the initial
//! congestion window, RFC 6928), so it opens quickly on a weak 2G/3G link.

use crate::content::{OutputKind, Site};
use crate::diag::Diagnostic;
use crate::render::images::ImageMap;
use crate::render::web::weight::{first_screen_image_bytes, font_bytes};
use flate2::Compression;
use flate2::write::GzEncoder;
use std::collections::HashMap;
use std::io::Write;

/// Gzipped size at the level web servers use by default (6).
pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// A warning for every page whose first screen (HTML gzipped plus the smallest variants of the
/// pictures among its first blocks and the web fonts it loads, see `render::web::weight`) is
/// over `budget` bytes.
pub fn first_screens(site: &Site, files: &[(String, Vec<u8>)], images: &ImageMap, budget: usize) -> Vec<Diagnostic> {
    let html: HashMap<&str, &[u8]> = files.iter().map(|(p, b)| (p.as_str(), b.as_slice())).collect();
    let mut out = Vec::new();
    for (id, page) in site.pages.iter().enumerate().filter(|(_, p)| !p.generated && p.wants(OutputKind::Web)) {
        let rel = format!("{}index.html", page.url_path());
        let Some(bytes) = html.get(rel.as_str()) else { continue };
        let html_bytes = gzip_len(bytes) as u64;
        let pictures = first_screen_image_bytes(site, images, id);
        let fonts = font_bytes(bytes, |f| html.get(f).map(|b| b.len() as u64));
        let total = html_bytes + pictures + fonts;
        if total <= budget as u64 {
            continue;
        }
        out.push(
            Diagnostic::warning(
                "budget",
                format!(
                    "the first screen of `{rel}` weighs {} (HTML {} gzipped, pictures {}, fonts {}), over the budget of {}",
                    kb(total),
                    kb(html_bytes),
                    kb(pictures),
                    kb(fonts),
                    kb(budget as u64)
                ),
            )
            .in_file(&page.info.shown)
            .with_hint(
                "a phone on 2G waits for all of it: move big pictures further down the page, or use smaller ones",
            ),
        );
    }
    out
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// A warning for every rendered `index.html` over `budget` bytes gzipped. `files` are the
/// rendered outputs (path under OUT, bytes).
pub fn web_pages(site: &Site, files: &[(String, Vec<u8>)], budget: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (rel, bytes) in files.iter().filter(|(rel, _)| rel == "index.html" || rel.ends_with("/index.html")) {
        let size = gzip_len(bytes);
        if size <= budget {
            continue;
        }
        let dir = rel.trim_end_matches("index.html");
        let page = site.pages.iter().find(|p| p.url_path() == dir && !p.generated);
        let d = Diagnostic::warning(
            "budget",
            format!(
                "the web page `{rel}` is {:.1} KB gzipped, over the budget of {:.1} KB",
                size as f64 / 1024.0,
                budget as f64 / 1024.0
            ),
        )
        .with_hint(
            "it will not open in one round trip on a weak 2G/3G link: shorten the page, split it, or move long tables and lists to pages of their own",
        );
        out.push(match page {
            Some(p) => d.in_file(&p.info.shown),
            None => d,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::site_from;

    /// Text that gzip cannot shrink much: a simple generator's bytes as hex.
    fn noise(n: usize) -> Vec<u8> {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b"0123456789abcdef"[(x % 16) as usize]
            })
            .collect()
    }

    #[test]
    fn over_budget_pages_are_named() {
        let site =
            site_from(&[("content/_index.md", "---\ntitle: H\n---\n"), ("content/a.md", "---\ntitle: A\n---\n")]);
        let files = vec![
            ("index.html".to_string(), vec![b'a'; 100_000]), // compresses to almost nothing
            ("a/index.html".to_string(), noise(40_000)),     // ~20 KB gzipped
            ("tags/x/index.html".to_string(), noise(40_000)),
            ("a/poster.pdf".to_string(), noise(40_000)), // not a web page
        ];
        let found: Vec<(Option<String>, String)> = web_pages(&site, &files, 14 * 1024)
            .into_iter()
            .map(|d| (d.file.map(|f| f.display().to_string()), d.message.split('`').nth(1).unwrap_or("").to_string()))
            .collect();
        assert_eq!(
            found,
            vec![(Some("content/a.md".into()), "a/index.html".into()), (None, "tags/x/index.html".into()),]
        );
        assert!(gzip_len(&noise(40_000)) > 14 * 1024);
    }

    #[test]
    fn first_screens_count_html_and_early_pictures() {
        let site = site_from(&[
            ("content/_index.md", "---\ntitle: H\n---\n"),
            ("content/a.md", "---\ntitle: A\n---\n![Ảnh](/big.svg)\n"),
            ("content/b.md", "---\ntitle: B\n---\nMột\n\nHai\n\nBa\n\n![Ảnh](/big.svg)\n"),
            ("static/big.svg", &"<svg/>".repeat(12_000)),
        ]);
        let files = vec![("a/index.html".to_string(), noise(8_000)), ("b/index.html".to_string(), noise(8_000))];
        let found: Vec<String> = first_screens(&site, &files, &ImageMap::default(), 64 * 1024)
            .into_iter()
            .map(|d| d.file.map(|f| f.display().to_string()).unwrap_or_default())
            .collect();
        // The picture of b.md is below its first three blocks: only a.md is over.
        assert_eq!(found, vec!["content/a.md"]);
    }

    /// Issue 17: the web font a page loads counts in its first screen.
    #[test]
    fn first_screens_count_the_web_font() {
        let site = site_from(&[("content/_index.md", "---\ntitle: H\n---\n"), ("content/a.md", "---\ntitle: A\n---\n")]);
        let face = "<style>@font-face{src:url(../fonts/NotoSansTaiViet-Regular.woff2) format(\"woff2\")}</style>";
        let files = vec![
            ("a/index.html".to_string(), face.as_bytes().to_vec()),
            ("fonts/NotoSansTaiViet-Regular.woff2".to_string(), noise(10_000)),
        ];
        let warned = |budget| first_screens(&site, &files, &ImageMap::default(), budget);
        assert!(warned(64 * 1024).is_empty());
        let over = warned(8 * 1024);
        assert_eq!(over.len(), 1, "the 10 KB font puts the page over 8 KB");
        assert!(over[0].message.contains("fonts 9.8 KB"), "{}", over[0].message);
    }
}
