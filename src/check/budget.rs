//! The web page weight budget: each page's HTML (with its inlined stylesheet), gzipped, should
//! fit the first round trip of a connection (about 14 KB: ten TCP segments of the initial
//! congestion window, RFC 6928), so it opens quickly on a weak 2G/3G link.

use crate::content::{OutputKind, Site};
use crate::diag::Diagnostic;
use crate::fs::Written;
use crate::messages::Arg;
use crate::msg;
use crate::render::Scope;
use crate::render::images::ImageMap;
use crate::render::web::weight::{first_screen_image_bytes, font_bytes};
use std::collections::HashMap;
use std::path::Path;

pub use crate::fs::gzip_len;

/// A page's HTML size as the first screen counts it: gzipped when the build measured it, else
/// its plain size (never smaller than the gzipped one).
fn html_weight(w: &Written) -> u64 {
    w.gzip.unwrap_or(w.bytes)
}

/// A warning for every page whose first screen (HTML gzipped plus the smallest variants of the
/// pictures among its first blocks and the web fonts it loads, see `render::web::weight`) is
/// over `budget` bytes. Pages are measured in parallel, their warnings kept in page order.
pub fn first_screens(
    site: &Site,
    scope: &Scope,
    written: &[Written],
    images: &ImageMap,
    budget: usize,
) -> Vec<Diagnostic> {
    let html: HashMap<&str, &Written> = written.iter().map(|w| (w.rel.as_str(), w)).collect();
    super::per_page(site, scope, |id, page| {
        if !page.wants(OutputKind::Web) {
            return Vec::new();
        }
        let rel = format!("{}index.html", page.url_path());
        let Some(w) = html.get(rel.as_str()) else { return Vec::new() };
        let html_bytes = html_weight(w);
        let pictures = first_screen_image_bytes(site, images, id);
        let fonts = font_bytes(site, id, |f| html.get(f).map(|w| w.bytes));
        let total = html_bytes + pictures + fonts;
        if total <= budget as u64 {
            return Vec::new();
        }
        vec![
            Diagnostic::warning(
                "budget",
                msg!(
                    "budget-first-screen",
                    page = rel.as_str(),
                    total = kb(total),
                    html = kb(html_bytes),
                    pictures = kb(pictures),
                    fonts = kb(fonts),
                    budget = kb(budget as u64)
                ),
            )
            .in_file(&page.info.shown)
            .with_hint(msg!("budget-first-screen-hint")),
        ]
    })
}

/// Kilobytes with one decimal, written the language's way (`23,9`).
fn kb(bytes: u64) -> Arg {
    Arg::decimal(bytes as f64 / 1024.0, 1)
}

/// A warning for every written `index.html` over `budget` bytes gzipped (the build measures
/// every page bigger than the budget before gzip, see `fs::RecordingSink`).
pub fn web_pages(site: &Site, written: &[Written], budget: usize) -> Vec<Diagnostic> {
    // Made only once a page is over budget: most builds have none, and an edit while serving
    // writes a few pages of a site of thousands (issue 16).
    let mut by_dir: Option<HashMap<String, &Path>> = None;
    let mut out = Vec::new();
    let pages = written.iter().filter(|w| w.rel == "index.html" || w.rel.ends_with("/index.html"));
    for w in pages {
        let Some(size) = w.gzip.filter(|&g| g > budget as u64) else { continue };
        let rel = &w.rel;
        let dir = rel.trim_end_matches("index.html");
        let d = Diagnostic::warning(
            "budget",
            msg!("budget-page", page = rel.as_str(), size = kb(size), budget = kb(budget as u64)),
        )
        .with_hint(msg!("budget-page-hint"));
        let by_dir = by_dir.get_or_insert_with(|| {
            site.pages.iter().filter(|p| !p.generated).map(|p| (p.url_path(), p.info.shown.as_path())).collect()
        });
        out.push(match by_dir.get(dir) {
            Some(file) => d.in_file(file),
            None => d,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::site_from;

    /// What the build's recording sink notes for these files (gzip measured above 14 KB).
    fn written(files: &[(&str, Vec<u8>)]) -> Vec<Written> {
        files.iter().map(|(rel, bytes)| Written::measure(rel, bytes, 14 * 1024)).collect()
    }

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
        let files = written(&[
            ("index.html", vec![b'a'; 100_000]), // compresses to almost nothing
            ("a/index.html", noise(40_000)),     // ~20 KB gzipped
            ("tags/x/index.html", noise(40_000)),
            ("a/poster.pdf", noise(40_000)), // not a web page
        ]);
        let found: Vec<(Option<String>, String)> = web_pages(&site, &files, 14 * 1024)
            .into_iter()
            .map(|d| (d.file.map(|f| f.display().to_string()), d.message.text_arg("page").unwrap_or("").to_string()))
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
        let files = written(&[("a/index.html", noise(8_000)), ("b/index.html", noise(8_000))]);
        let found: Vec<String> = first_screens(&site, &Scope::All, &files, &ImageMap::default(), 64 * 1024)
            .into_iter()
            .map(|d| d.file.map(|f| f.display().to_string()).unwrap_or_default())
            .collect();
        // The picture of b.md is below its first three blocks: only a.md is over.
        assert_eq!(found, vec!["content/a.md"]);
    }

    /// Issue 17: the web font a page loads counts in its first screen.
    #[test]
    fn first_screens_count_the_web_font() {
        let site = site_from(&[
            ("content/_index.md", "---\ntitle: H\n---\n"),
            ("content/a.md", "---\ntitle: A\n---\nꪼꪕ ꪒꪾ\n"),
            ("content/b.md", "---\ntitle: B\n---\nMột\n"),
        ]);
        let files = written(&[
            ("a/index.html", noise(100)),
            ("b/index.html", noise(100)),
            ("fonts/NotoSansTaiViet-Regular.woff2", noise(10_000)),
        ]);
        let en = crate::messages::Texts::new(crate::messages::Lang::En);
        let over: Vec<String> = first_screens(&site, &Scope::All, &files, &ImageMap::default(), 8 * 1024)
            .into_iter()
            .map(|d| en.get(&d.message))
            .collect();
        assert_eq!(over.len(), 1, "only the page with Tai Viet letters waits for the font: {over:?}");
        assert!(over[0].contains("`a/index.html`") && over[0].contains("fonts 9.8 KB"), "{}", over[0]);
    }
}
