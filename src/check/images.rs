//! Pictures: missing files and missing descriptions (errors), oversized originals (warning).
//!
//! The size threshold (`budgets.image_bytes` in loa.yaml, default 500 KB) is what a 1600-pixel-wide JPEG at
//! quality 80 weighs at most; anything bigger is an original straight from a camera or phone
//! and takes many seconds on a weak 2G/3G link.

use crate::content::links::{Target, resolve};
use crate::content::{Inline, PageId, Site};
use crate::diag::Diagnostic;
use crate::messages::Arg;
use crate::msg;
use crate::render::Scope;
use std::path::Path;

/// `size` gives a file's size (path under the site root), `None` when it does not exist. Pages
/// are checked in parallel, their findings kept in page order.
pub fn check(
    site: &Site,
    scope: &Scope,
    size: &(dyn Fn(&Path) -> Option<u64> + Sync),
    max_bytes: u64,
) -> Vec<Diagnostic> {
    super::per_page(site, scope, |id, page| {
        let mut out = Vec::new();
        page.body().walk_inlines(&mut |inline| {
            if let Inline::Image(image) = inline {
                let at = |d: Diagnostic| d.in_file(&page.info.shown).at(image.line, image.col);
                out.extend(check_image(site, id, &image.url, &image.alt, size, max_bytes).into_iter().map(at));
            }
        });
        out
    })
}

/// The findings of one picture `![alt](url)` of page `id`, without its place.
fn check_image(
    site: &Site,
    id: PageId,
    url: &str,
    alt: &str,
    size: &dyn Fn(&Path) -> Option<u64>,
    max_bytes: u64,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if alt.trim().is_empty() {
        out.push(
            Diagnostic::error("image", msg!("image-no-alt", url = url))
                .with_hint(msg!("image-no-alt-hint", fixed = format!("![Ảnh: …]({url})"))),
        );
    }
    match resolve(site, id, url) {
        Ok(Target::File { path }) => match size(&path) {
            None => out.push(
                Diagnostic::error("image", msg!("image-missing", url = url, path = &path))
                    .with_hint(msg!("image-missing-hint")),
            ),
            Some(bytes) if bytes > max_bytes => out.push(
                Diagnostic::warning("image", msg!("image-big", url = url, size = kb(bytes), max = kb(max_bytes)))
                    .with_hint(msg!("image-big-hint")),
            ),
            Some(_) => {}
        },
        Ok(Target::External) => {}
        // Removed from every output: a warning (nothing harmful is published).
        Ok(Target::Unsafe) => {
            out.push(Diagnostic::warning("image", msg!("image-unsafe", url = url)).with_hint(msg!("image-unsafe-hint")))
        }
        Ok(Target::Page { .. } | Target::Anchor(_)) | Err(_) => out.push(
            Diagnostic::error("image", msg!("image-not-a-picture", url = url))
                .with_hint(msg!("image-not-a-picture-hint")),
        ),
    }
    out
}

/// Kilobytes with one decimal, written the language's way ("23,9 KB" in Vietnamese).
fn kb(bytes: u64) -> Arg {
    Arg::decimal(bytes as f64 / 1024.0, 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::site_from;

    const MAX: u64 = 500 * 1024;

    #[test]
    fn table() {
        assert_eq!(crate::config::Budgets::default().image_bytes, MAX, "the documented default");
        let site = site_from(&[
            ("content/_index.md", "---\ntitle: Home\n---\n![Áp phích](/img/ok.jpg)\n"),
            (
                "content/news/a.md",
                "---\ntitle: A\n---\n![Ảnh](/img/nope.jpg)\n\n![](/img/ok.jpg)\n\n![Ảnh lớn](big.jpg)\n\n![Ảnh](https://x.vn/a.jpg)\n\n![Ảnh](local.png)\n",
            ),
        ]);
        let size = |p: &Path| match p.to_str() {
            Some("static/img/ok.jpg") => Some(10_000),
            Some("content/news/big.jpg") => Some(2_000_000),
            Some("content/news/local.png") => Some(MAX),
            _ => None,
        };
        let en = crate::messages::Texts::new(crate::messages::Lang::En);
        let found: Vec<(Option<usize>, bool, String)> = check(&site, &Scope::All, &size, MAX)
            .into_iter()
            .filter(|d| d.file.as_deref() == Some(Path::new("content/news/a.md")))
            .map(|d| (d.line, d.is_error(), en.get(&d.message)))
            .collect();
        assert_eq!(
            found,
            vec![
                (Some(4), true, "the picture `/img/nope.jpg` does not exist (looked for `static/img/nope.jpg`)".into()),
                (Some(6), true, "the picture `/img/ok.jpg` has no description".into()),
                (Some(8), false, "the picture `big.jpg` is 1,953.1 KB, more than 500.0 KB".into()),
            ]
        );
    }
}
