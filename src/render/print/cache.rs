//! What the print engine made, kept between builds (issue 16): PDFs (posters, leaflets,
//! banners, both copies, and the print order) in `.loa-cache/print/`, share and social cards in
//! `.loa-cache/share/`. An unchanged piece costs a hash and a file read instead of typst and
//! the prepress step, and reaches OUT as a hard link of its entry.
//!
//! The key is a hash of everything that decides the bytes: the JSON the template reads (the
//! page's text, language, size, copy, bleed, slug, url: [`super::data::PrintData`]), the
//! template's name, every file of the theme's `print/` and `fonts/` ([`fingerprint`]), the loa
//! version and a format constant for what the code fixes (the prepress step, the PDF options,
//! the build date typst sees, fixed to 2026-01-01). typst's PDF has no clock or random part:
//! no creation date (`PdfOptions::timestamp` is `None`) and a document id made from the page's
//! address, kind and copy, so a cached PDF is the very PDF a fresh build makes
//! (`tests/print.rs` compares them byte for byte).

use super::Engine;
use crate::diag::Diagnostic;
use crate::fs::cache::key_of;
use crate::fs::{Cache, Sink};
use std::path::PathBuf;

/// The cache folder of PDFs.
pub(crate) const PDF_FOLDER: &str = "print";
/// The cache folder of share and social cards.
pub(crate) const CARD_FOLDER: &str = "share";

/// A hash of every file of the theme the print engine reads (templates, fonts), made once per
/// build: a designer's change to `print/lib.typ` or a new font makes every piece again.
pub(crate) fn fingerprint(theme: &crate::theme::Theme) -> String {
    let mut parts: Vec<&[u8]> = Vec::new();
    for folder in ["print", "fonts"] {
        for (name, bytes) in theme.files_under(folder) {
            parts.push(name.as_bytes());
            parts.push(bytes);
        }
    }
    key_of(&parts)
}

/// The key of one output: `format` names how the code makes it (bump it when that changes),
/// `parts` are its inputs (the data, the template name).
pub(crate) fn key(engine: &Engine, format: &str, parts: &[&[u8]]) -> String {
    let mut all: Vec<&[u8]> =
        vec![format.as_bytes(), env!("CARGO_PKG_VERSION").as_bytes(), engine.fingerprint().as_bytes()];
    all.extend_from_slice(parts);
    key_of(&all)
}

/// An output's bytes and, when they are in the cache, its entry (to link into OUT).
pub(crate) struct Made {
    pub bytes: Vec<u8>,
    pub entry: Option<PathBuf>,
}

impl Made {
    /// Puts the output at `rel`: linked from its entry where there is one.
    pub(crate) fn put(&self, out: &dyn Sink, rel: &str) -> Result<(), Diagnostic> {
        match &self.entry {
            Some(entry) => out.put_cached(rel, entry, &self.bytes),
            None => out.put(rel, &self.bytes),
        }
    }
}

/// The entry `KEY.EXT` of `folder` when an earlier build made it, else what `make` makes,
/// stored for the next build. Without a cache (or a key) it only makes.
pub(crate) fn get_or_make<E>(
    cache: Option<&Cache>,
    folder: &str,
    key: Option<&str>,
    ext: &str,
    make: impl FnOnce() -> Result<Vec<u8>, E>,
) -> Result<Made, E> {
    let Some((cache, key)) = cache.zip(key) else { return make().map(|bytes| Made { bytes, entry: None }) };
    let name = format!("{key}.{ext}");
    if let Some(bytes) = cache.read(folder, &name) {
        return Ok(Made { bytes, entry: Some(cache.path(folder, &name)) });
    }
    let bytes = make()?;
    let entry = cache.store(folder, &name, &bytes).then(|| cache.path(folder, &name));
    Ok(Made { bytes, entry })
}
