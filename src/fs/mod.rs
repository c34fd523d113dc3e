//! The one place that writes to disk.
//!
//! A build writes into a staging folder next to OUT and swaps it in only when every renderer
//! succeeded, so a failed build leaves OUT exactly as it was (Zola wipes `public/` first):
//! [`out_dir`] decides which folders a build may replace at all, [`publish`] does the swap.
//! Renderers never touch the disk: they hand files to a [`Sink`]. Files loa keeps between builds
//! (caches) and the user's own files (`--fix-encoding`) are replaced through [`atomic`], so a
//! killed process never leaves half a file.

mod atomic;
pub(crate) mod bounded;
pub mod out_dir;
pub mod publish;
pub mod walk;

pub use atomic::{replace_keeping_backup, write_atomic};
pub use out_dir::{MARKER, OutDir};
pub use publish::Staging;

use crate::diag::Diagnostic;
use crate::messages::Message;
use crate::msg;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Where renderers put their files. Paths are `/`-separated and relative to OUT.
pub trait Sink: Sync {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic>;
    /// A file this run already put, if any: the offline kit packs what the other renderers
    /// wrote (issue 14).
    fn read(&self, rel: &str) -> Option<Vec<u8>>;
}

/// Rejects any output path that could leave OUT (`..`, absolute, backslashes, empty parts).
pub fn check_rel(rel: &str) -> Result<&Path, Diagnostic> {
    let path = Path::new(rel);
    let bad = rel.is_empty()
        || rel.contains('\\')
        || rel.contains('\0')
        || path.components().any(|c| !matches!(c, Component::Normal(_)));
    if bad {
        return Err(Diagnostic::error("output", msg!("fs-outside-out", path = rel)));
    }
    Ok(path)
}

/// Writes into a folder (the staging folder of a build).
pub struct DirSink {
    root: PathBuf,
    /// The site published now (OUT): a file whose bytes did not change is linked from there.
    previous: Option<PathBuf>,
}

impl DirSink {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into(), previous: None }
    }

    /// A staging folder assembled from the files of `previous` that stay the same (hard links)
    /// plus what changed (issue 16): an edit of one page writes that page and the listings that
    /// show it, and every other file keeps its time, so a copy to the server (`rsync`,
    /// WinSCP's "synchronize") sends only what changed. Safe because nothing ever writes into a
    /// published file: a build writes new files into staging and swaps folders.
    pub fn reusing(root: impl Into<PathBuf>, previous: &Path) -> Self {
        DirSink { root: root.into(), previous: Some(previous.to_path_buf()) }
    }

    /// Links `rel` from the previous site when it holds exactly `bytes`.
    fn link_unchanged(&self, rel: &Path, bytes: &[u8], to: &Path) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        // Only a plain file of the same size is read (never through a symbolic link).
        let same_size = std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size && std::fs::read(&old).is_ok_and(|b| b == bytes) && std::fs::hard_link(&old, to).is_ok()
    }
}

impl Sink for DirSink {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let rel = check_rel(rel)?;
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_error("create folder", parent, &e))?;
        }
        // A file put twice in one run (the materials pages) is replaced, never linked over.
        if !path.exists() && self.link_unchanged(rel, bytes, &path) {
            return Ok(());
        }
        if path.exists() {
            // Written anew, never in place: the old file may be a link into the published site.
            std::fs::remove_file(&path).map_err(|e| io_error("write", &path, &e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io_error("write", &path, &e))
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.join(check_rel(rel).ok()?)).ok()
    }
}

/// Keeps files in memory: `loa check` measures outputs without writing, tests inspect them.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Stored>,
}

/// The files in the order put, and where the last one of each path is.
#[derive(Default)]
struct Stored {
    files: Vec<(String, Vec<u8>)>,
    last: std::collections::HashMap<String, usize>,
}

impl MemorySink {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.files.into_inner().unwrap_or_else(|p| p.into_inner()).files;
        files.sort_by(|a, b| a.0.cmp(&b.0));
        files
    }
}

impl Sink for MemorySink {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        check_rel(rel)?;
        let mut stored = self.files.lock().unwrap_or_else(|p| p.into_inner());
        let at = stored.files.len();
        stored.files.push((rel.to_string(), bytes.to_vec()));
        stored.last.insert(rel.to_string(), at);
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        let stored = self.files.lock().unwrap_or_else(|p| p.into_inner());
        stored.last.get(rel).map(|&i| stored.files[i].1.clone())
    }
}

/// One file a run wrote: its path under OUT and size, and for web pages bigger than the page
/// budget before compression, their gzipped size (a page smaller than the budget before gzip
/// cannot be over it after, so most pages are never compressed twice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub rel: String,
    pub bytes: u64,
    pub gzip: Option<u64>,
}

impl Written {
    pub fn measure(rel: &str, bytes: &[u8], gzip_above: usize) -> Written {
        let gzip = (rel.ends_with(".html") && bytes.len() > gzip_above).then(|| gzip_len(bytes) as u64);
        Written { rel: rel.to_string(), bytes: bytes.len() as u64, gzip }
    }
}

/// Gzipped size at the level web servers use by default (6).
pub fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().map(|v| v.len()).unwrap_or(bytes.len())
}

/// The files of one run, in the order written (threads write in parallel).
#[derive(Debug, Default)]
pub struct OutputLog {
    files: Mutex<Vec<Written>>,
}

impl OutputLog {
    pub fn take(&self) -> Vec<Written> {
        std::mem::take(&mut *self.files.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// Passes files on to another sink and notes each in an [`OutputLog`].
pub struct RecordingSink<'a> {
    inner: &'a dyn Sink,
    log: &'a OutputLog,
    gzip_above: usize,
}

impl<'a> RecordingSink<'a> {
    pub fn new(inner: &'a dyn Sink, log: &'a OutputLog, gzip_above: usize) -> Self {
        RecordingSink { inner, log, gzip_above }
    }
}

impl Sink for RecordingSink<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put(rel, bytes)?;
        let w = Written::measure(rel, bytes, self.gzip_above);
        self.log.files.lock().unwrap_or_else(|p| p.into_inner()).push(w);
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.inner.read(rel)
    }
}

/// "cannot write public/a.pdf: the disk is full". `action` is one of the verbs below; the
/// operating system's reason is put in plain words where it is a common one.
pub fn io_error(action: &str, path: &Path, err: &std::io::Error) -> Diagnostic {
    let action = match action {
        "create folder" => msg!("io-create-folder"),
        "create the backup" => msg!("io-create-backup"),
        "write the backup" => msg!("io-write-backup"),
        "create" => msg!("io-create"),
        "find the output folder" => msg!("io-find-out"),
        "find the site folder" => msg!("io-find-site"),
        "lock" => msg!("io-lock"),
        "open" => msg!("io-open"),
        "publish into" => msg!("io-publish"),
        "read the output folder" => msg!("io-read-out"),
        "read" => msg!("io-read"),
        "replace" => msg!("io-replace"),
        _ => msg!("io-write"),
    };
    Diagnostic::error("io", msg!("io-cannot", action = action, path = path, reason = io_reason(err)))
}

/// The operating system's reason, in plain words for the common cases.
pub fn io_reason(err: &std::io::Error) -> Message {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => msg!("io-not-found"),
        ErrorKind::PermissionDenied => msg!("io-permission"),
        ErrorKind::AlreadyExists => msg!("io-exists"),
        ErrorKind::StorageFull => msg!("io-disk-full"),
        ErrorKind::ReadOnlyFilesystem => msg!("io-read-only"),
        ErrorKind::InvalidFilename => msg!("io-bad-name"),
        ErrorKind::AddrInUse => msg!("io-address-in-use"),
        ErrorKind::AddrNotAvailable => msg!("io-address-unavailable"),
        _ => msg!("io-other", reason = err.to_string()),
    }
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
