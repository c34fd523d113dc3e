//! Page weight: what a phone must download before it can show a page's first screen.
//!
//! The HTML (with its inlined CSS) gzipped, plus, for every picture among the first blocks of
//! the body (a 240–480 px screen shows about three blocks), the smallest variant the picture
//! step made — what `srcset` lets a phone pick. Budgets live in `loa.yaml` under `budgets:`.

use crate::content::links::{self, Target};
use crate::content::{Inline, PageId, Site};
use crate::render::images::ImageMap;
use std::io::Write;

/// Blocks of the body that count as "above the fold" on a phone.
pub const FIRST_SCREEN_BLOCKS: usize = 3;

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(bytes);
    gz.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// Bytes of the pictures on the first screen of a page (smallest variants).
pub fn first_screen_image_bytes(site: &Site, images: &ImageMap, id: PageId) -> u64 {
    let page = &site.pages[id];
    let mut total = 0;
    for block in page.body().blocks.iter().take(FIRST_SCREEN_BLOCKS) {
        let Some(inlines) = block.inlines() else { continue };
        for inline in inlines {
            if let Inline::Image(image) = inline
                && let Ok(Target::File { path }) = links::resolve(site, id, &image.url)
            {
                total += match images.get(&path) {
                    Some(p) => p.smallest().map_or(0, |v| v.bytes),
                    // Not processed (SVG, GIF): the file as it is.
                    None => std::fs::metadata(site.root.join(&path)).map_or(0, |m| m.len()),
                };
            }
        }
    }
    total
}

/// Bytes of the web fonts a page's first screen may wait for (issue 17: the font counts in the
/// page's weight; a phone without Tai Viet fetches it before it draws those letters). A page
/// loads a font when it shows one of its letters, and the switcher names every language on every
/// page: a site with a language named or titled in Tai Viet loads it everywhere. Read from the
/// model (the check sees the sizes of what a build wrote, not its HTML): the names and titles,
/// the page's title, description, tags and the text of its paragraphs and headings, in one
/// buffer scanned only for characters a web font may cover: decoding every character of every
/// page, each block's text in a string of its own, was most of the first-screen check (issue 16).
pub fn font_bytes(site: &Site, id: PageId, file_len: impl Fn(&str) -> Option<u64>) -> u64 {
    let page = &site.pages[id];
    let mut text: String =
        site.config.languages.iter().flat_map(|l| [Some(l.name.as_str()), l.title.as_deref()]).flatten().collect();
    text.push_str(page.title());
    text.extend(page.fm.description.as_deref());
    text.extend(page.fm.tags.iter().map(String::as_str));
    for block in &page.body().blocks {
        if let Some(content) = block.inlines() {
            crate::content::body::push_plain(content, &mut text);
        }
    }
    super::webfonts::shown_in(&text).filter_map(|f| file_len(f.file)).sum()
}
