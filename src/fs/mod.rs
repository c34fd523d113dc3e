//! The one place that writes to disk.
//!
//! A build writes into a staging folder next to OUT and swaps it in only when every renderer
//! succeeded, so a failed build leaves OUT exactly as it was (Zola wipes `public/` first):
//! [`out_dir`] decides which folders a build may replace at all, [`publish`] does the swap.
//! Renderers never touch the disk: they hand files to a [`Sink`]. Files loa keeps between builds
//! (caches) and the user's own files (`--fix-encoding`) are replaced through [`atomic`], so a
//! killed process never leaves half a file.

mod atomic;
pub mod out_dir;
pub mod publish;
pub mod walk;

pub use atomic::{replace_keeping_backup, write_atomic};
pub use out_dir::{MARKER, OutDir};
pub use publish::Staging;

use crate::diag::Diagnostic;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Where renderers put their files. Paths are `/`-separated and relative to OUT.
pub trait Sink: Sync {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
}

/// Rejects any output path that could leave OUT (`..`, absolute, backslashes, empty parts).
pub fn check_rel(rel: &str) -> Result<&Path, Diagnostic> {
    let path = Path::new(rel);
    let bad = rel.is_empty()
        || rel.contains('\\')
        || rel.contains('\0')
        || path.components().any(|c| !matches!(c, Component::Normal(_)));
    if bad {
        return Err(Diagnostic::error("output", format!("refusing to write outside the output folder: `{rel}`")));
    }
    Ok(path)
}

/// Writes into a folder (the staging folder of a build).
pub struct DirSink {
    root: PathBuf,
}

impl DirSink {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into() }
    }
}

impl Sink for DirSink {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let path = self.root.join(check_rel(rel)?);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error("create folder", parent, &e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_error("write", &path, &e))
    }
}

/// Keeps files in memory: `loa check` measures outputs without writing, tests inspect them.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Vec<(String, Vec<u8>)>>,
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner());
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_rel(rel)?;
        self.files.lock().unwrap_or_else(|p| p.into_inner()).push((rel.to_string(), bytes.to_vec()));
        Ok(())
    }
}

pub fn io_error(action: &str, path: &Path, err: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io", format!("cannot {action} {}: {err}", path.display()))
}

/// Copies listed files into a sink (the site's `static/`, the files beside its pages).
pub fn copy_found(files: &[walk::Found], sink: &dyn Sink) -> Result<usize, Diagnostic> {
    for f in files {
        let bytes = std::fs::read(&f.path).map_err(|e| io_error("read", &f.path, &e))?;
        sink.put(&f.rel, &bytes)?;
    }
    Ok(files.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_cannot_escape() {
        for bad in ["../x", "/etc/passwd", "a/../../b", "a\\..\\b", "", "./a"] {
            assert!(check_rel(bad).is_err(), "{bad}");
        }
        assert!(check_rel("hmn/signs/index.html").is_ok());
    }
}
