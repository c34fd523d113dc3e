//! Files published as they are: the site's `static/`, the files beside its pages (pictures, PDFs)
//! and the theme's `static/` (where the site has no file of the same name). Pictures among them
//! lose their metadata on the way (`images::strip`): location, camera, names (issue 11).

use super::images::strip;
use super::{Artifact, RenderContext, Renderer};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use crate::fs::walk::Found;
use std::path::Path;

pub struct FilesRenderer;

impl Renderer for FilesRenderer {
    fn name(&self) -> &'static str {
        "files"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        // The files belong to no page: only full runs publish them (a page edit never changes them).
        if !cx.scope.is_all() {
            return Ok(Vec::new());
        }
        let site = cx.site;
        let mut errors = Vec::new();
        let static_dir = Path::new(crate::content::STATIC_DIR);
        let content_dir = Path::new(crate::content::CONTENT_DIR);
        for (files, shown) in [(&site.static_files, static_dir), (&site.assets, content_dir)] {
            for f in files {
                if let Err(d) = publish(f, &shown.join(&f.rel), out) {
                    errors.push(d);
                }
            }
        }
        let site_has = |rel: &str| site.static_files.iter().any(|f| f.rel == rel);
        for (rel, bytes) in cx.theme.files_under("static").filter(|(rel, _)| !site_has(rel)) {
            let clean = strip::strip(extension(rel), bytes).map_err(|r| vec![refused(Path::new(rel), r)])?;
            out.put(rel, &clean).map_err(|d| vec![d])?;
        }
        if errors.is_empty() { Ok(Vec::new()) } else { Err(errors) }
    }
}

/// One file into the sink, without metadata when it is a picture. Also used by `loa serve` when a
/// static file is saved.
pub fn publish(file: &Found, shown: &Path, out: &dyn Sink) -> Result<(), Diagnostic> {
    let bytes = std::fs::read(&file.path).map_err(|e| crate::fs::io_error("read", shown, &e))?;
    let clean = clean_bytes(&file.rel, &bytes).map_err(|r| refused(shown, r))?;
    out.put(&file.rel, &clean)
}

/// The bytes to publish for a file named `rel`: pictures without their metadata.
pub fn clean_bytes<'a>(rel: &str, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, [u8]>, strip::Refused> {
    strip::strip(extension(rel), bytes)
}

fn extension(rel: &str) -> &str {
    rel.rsplit_once('.').map_or("", |(_, e)| e)
}

fn refused(shown: &Path, r: strip::Refused) -> Diagnostic {
    Diagnostic::error("image", r.message).in_file(shown).with_hint(r.hint)
}
