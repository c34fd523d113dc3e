//! The one place that writes to disk.
//!
//! A build writes into a staging folder next to OUT and swaps it in only when every renderer
//! succeeded, so a failed build leaves OUT exactly as it was (Zola wipes `public/` first):
//! [`out_dir`] decides which folders a build may replace at all, [`publish`] does the swap.
//! Renderers never touch the disk: they hand files to a [`Sink`]. Files loa keeps between builds
//! (caches) and the user's own files (`--fix-encoding`) are replaced through [`atomic`], so a
//! killed process never leaves half a file. Cache entries ([`cache`]) reach OUT as hard links
//! where the file system allows ([`Sink::put_cached`]): nothing here ever writes into an
//! existing file, so a link can never carry a write from OUT into the cache or back.

mod atomic;
pub(crate) mod bounded;
pub mod cache;
mod cache_sweep;
pub mod out_dir;
pub mod publish;
pub(crate) mod record;
pub mod walk;

pub(crate) use atomic::write_atomic_with;
pub use atomic::{replace_keeping_backup, write_atomic};
pub use cache::Cache;
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
    /// Puts a file whose bytes are those of the cache entry `cache_file` (issue 16: cached
    /// pictures, cards and PDFs reach OUT without being copied byte by byte). A sink that
    /// writes to disk links the entry; every other sink keeps `bytes` as [`Sink::put`] does.
    fn put_cached(&self, rel: &str, cache_file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        let _ = cache_file;
        self.put(rel, bytes)
    }
    /// Puts the cache entry `cache_file` (`len` bytes, read-only) at `rel` without the caller
    /// reading it first: a sink on disk links it and reads it only where no link can be made;
    /// any other sink reads it here. Reading every cached share card only to link it was 3 % of
    /// a warm default build (issue 16).
    fn put_entry(&self, rel: &str, cache_file: &Path, len: u64) -> Result<(), Diagnostic> {
        let bytes = read_entry(cache_file, len)?;
        self.put_cached(rel, cache_file, &bytes)
    }
    /// [`Sink::put`] of text: a sink that reads what it is given (the offline kit rewrites the
    /// web's pages) need not check the bytes are UTF-8 again.
    fn put_text(&self, rel: &str, text: &str) -> Result<(), Diagnostic> {
        self.put(rel, text.as_bytes())
    }
    /// A file this run already put, if any: the offline kit packs what the other renderers
    /// wrote (issue 14).
    fn read(&self, rel: &str) -> Option<Vec<u8>>;
    /// Whether this run put `rel` (without reading it: the kit asks for every file a page
    /// links to, share cards and PDFs included).
    fn exists(&self, rel: &str) -> bool {
        self.read(rel).is_some()
    }
    /// Where `rel` is in the site published now, when this sink builds its successor on disk
    /// (the offline kit reuses the old kit's entries, and links it when it is the same).
    fn previous_path(&self, rel: &str) -> Option<PathBuf> {
        let _ = rel;
        None
    }
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
    /// Folders this sink made or found: each is made once, before its first file. Trying the
    /// file first and making the folder when that failed cost a failed `open` per folder, and
    /// OUT of 15,000 pages has 18,000 of them (issue 16).
    folders: std::sync::Mutex<rustc_hash::FxHashSet<PathBuf>>,
    /// Every file made so far, by its path under the folder, with its size and time as read
    /// back once it was made: [`DirSink::made`].
    made: Mutex<Made>,
}

/// What [`DirSink::made`] gives.
#[derive(Default)]
struct Made {
    /// With whether the file was adopted ([`DirSink::adopt`]) rather than put.
    files: rustc_hash::FxHashMap<PathBuf, (Stamp, bool)>,
    /// A file made could not be read back.
    incomplete: bool,
}

/// A file's size and modification time since 1970, as loa compares files between builds.
pub(crate) type Stamp = (u64, std::time::Duration);

/// A file under a folder, by its path there, with its stamp.
pub(crate) type Stamped = (PathBuf, Stamp);

/// The [`Stamp`] of a file (its time zero when the system cannot say).
pub(crate) fn stamp(meta: &std::fs::Metadata) -> Stamp {
    let time = meta.modified().ok().and_then(|m| m.duration_since(std::time::SystemTime::UNIX_EPOCH).ok());
    (meta.len(), time.unwrap_or_default())
}

impl DirSink {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DirSink { root: root.into(), previous: None, folders: Default::default(), made: Default::default() }
    }

    /// A staging folder assembled from the files of `previous` that stay the same (hard links)
    /// plus what changed (issue 16): an edit of one page writes that page and the listings that
    /// show it, and every other file keeps its time, so a copy to the server (`rsync`,
    /// WinSCP's "synchronize") sends only what changed. Safe because nothing ever writes into a
    /// published file: a build writes new files into staging and swaps folders.
    /// Nothing is looked for in a `previous` that is no folder (a first build): asking after
    /// each of its files was 33,000 failed calls more.
    pub fn reusing(root: impl Into<PathBuf>, previous: &Path) -> Self {
        let previous = previous.is_dir().then(|| previous.to_path_buf());
        DirSink { root: root.into(), previous, folders: Default::default(), made: Default::default() }
    }

    /// Every file this sink made, by its path under the folder, with its size and time as read
    /// back after it was made, in no order; `None` when one could not be read back. Lets a build
    /// know what it published without listing 51,000 entries again (issue 16).
    #[cfg(test)]
    pub(crate) fn made(self) -> Option<Vec<(PathBuf, Stamp)>> {
        self.made_and_put(false).map(|(made, _)| made)
    }

    /// [`DirSink::made`], and apart, when `put` asks for them, the files put through the sink
    /// (not only adopted; a full build puts every file, and listing them all again at the end,
    /// where memory peaks, was for nothing).
    pub(crate) fn made_and_put(self, put: bool) -> Option<(Vec<Stamped>, Option<Vec<Stamped>>)> {
        let made = self.made.into_inner().unwrap_or_else(|p| p.into_inner());
        if made.incomplete {
            return None;
        }
        let put = put.then(|| {
            made.files.iter().filter(|(_, (_, adopted))| !adopted).map(|(p, (s, _))| (p.clone(), *s)).collect()
        });
        Some((made.files.into_iter().map(|(p, (s, _))| (p, s)).collect(), put))
    }

    /// Takes in files already in the folder (linked from the published site before the run,
    /// `build::incremental`), with their stamps, as if this sink had made them: they are
    /// published with what it makes. A file put later replaces its stamp. The paths are plain
    /// names joined, as a walk of the folder gives them.
    pub(crate) fn adopt(&self, files: Vec<(PathBuf, Stamp)>) {
        let mut made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        let mut folders = self.folders.lock().unwrap_or_else(|p| p.into_inner());
        made.files.reserve(files.len());
        let mut last_dir: Option<PathBuf> = None;
        for (rel, stamp) in files {
            // A walk gives a folder's files one after another: each folder is joined once.
            if let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty())
                && last_dir.as_deref() != Some(dir)
            {
                folders.insert(self.root.join(dir));
                last_dir = Some(dir.to_path_buf());
            }
            made.files.insert(rel, (stamp, true));
        }
    }

    /// Keeps the stamp of `rel`, just made at `path` (after the file was closed: some file
    /// systems set its time only then). A file put again replaces the stamp of the first.
    fn note_made(&self, rel: &Path, path: &Path) {
        let meta = std::fs::symlink_metadata(path);
        let mut made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        match meta {
            Ok(meta) => {
                // As a listing spells it: `a//b` is `a/b`.
                made.files.insert(rel.components().collect(), (stamp(&meta), false));
            }
            Err(_) => made.incomplete = true,
        }
    }

    /// Links `rel` from the previous site when it holds exactly `bytes`.
    fn link_unchanged(&self, rel: &Path, bytes: &[u8], to: &Path) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        // Only a plain file of the same size is read (never through a symbolic link).
        let Some(meta) = plain_file_of_size(&old, bytes.len()) else { return false };
        std::fs::read(&old).is_ok_and(|b| b == bytes) && self.link_previous(&old, &meta, to)
    }

    /// Links the published file `rel` at `to` when it holds the `len` bytes of the cache entry
    /// `cache_file` (given by `bytes`) but is another file: the entry was made again with the
    /// same result (a page's PDF, after an edit of text the poster does not show). Linking the
    /// entry would publish the same bytes as a new file, which a copy to the server sends again.
    fn link_published_instead<'b>(
        &self,
        rel: &Path,
        cache_file: &Path,
        len: u64,
        bytes: impl FnOnce() -> Option<std::borrow::Cow<'b, [u8]>>,
        to: &Path,
    ) -> bool {
        let Some(previous) = &self.previous else { return false };
        let old = previous.join(rel);
        let Some(meta) = usize::try_from(len).ok().and_then(|len| plain_file_of_size(&old, len)) else { return false };
        // Most often the entry is the published file itself: linking it is all there is to do.
        if is_same_file(&meta, cache_file) {
            return false;
        }
        let same = bytes().is_some_and(|b| std::fs::read(&old).is_ok_and(|o| o == *b));
        same && self.link_previous(&old, &meta, to)
    }

    /// Makes `to` the published file `old` (`meta`): a hard link, over whatever `to` is. An edit
    /// build's folder starts as a copy of OUT (`build::incremental`), so `to` is often that very
    /// file already; a link that failed on it left a new file of the same bytes with a new time,
    /// which a copy to the server sends again.
    fn link_previous(&self, old: &Path, meta: &std::fs::Metadata, to: &Path) -> bool {
        is_same_file(meta, to) || self.replacing(to, |to| std::fs::hard_link(old, to)).is_ok()
    }

    /// Runs `make`, which creates the file `path` (a write or a link), in its folder, made
    /// first if this sink has not made or seen it yet. Should the folder be gone all the same
    /// (removed while the build ran), it is made again and `make` tried once more.
    fn in_folder<T>(&self, path: &Path, make: impl Fn(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
        let Some(parent) = path.parent() else { return make(path) };
        let lock = || self.folders.lock().unwrap_or_else(|p| p.into_inner());
        // Not held while the folder is made: two threads may both make it, which is no error.
        let known = lock().contains(parent);
        if !known {
            std::fs::create_dir_all(parent)?;
            lock().insert(parent.to_path_buf());
        }
        match make(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(parent)?;
                make(path)
            }
            done => done,
        }
    }

    /// [`DirSink::in_folder`], replacing a file of that name put earlier in the run (the
    /// materials pages are put twice): a file is always made new, never written into, since
    /// the old one may be a hard link to a cache entry or into the published site.
    fn replacing<T>(&self, path: &Path, make: impl Fn(&Path) -> std::io::Result<T>) -> std::io::Result<T> {
        match self.in_folder(path, &make) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                std::fs::remove_file(path)?;
                make(path)
            }
            done => done,
        }
    }

    /// Creates `path` anew with `bytes` (see [`DirSink::replacing`]).
    fn write_new(&self, path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        use std::io::Write;
        let create = |p: &Path| std::fs::OpenOptions::new().write(true).create_new(true).open(p);
        let mut file = self.replacing(path, create).map_err(|e| io_error("write", path, &e))?;
        file.write_all(bytes).map_err(|e| io_error("write", path, &e))
    }

    /// Links `cache_file` at `path`, or, where the link cannot be made (OUT on another file
    /// system or a USB stick formatted FAT: EXDEV, EPERM, unsupported; the entry removed
    /// meanwhile by another build's sweep), writes there what `bytes` gives: the bytes in hand,
    /// or the entry read only now.
    fn link_or_write<'b>(
        &self,
        cache_file: &Path,
        path: &Path,
        link: fn(&Path, &Path) -> std::io::Result<()>,
        bytes: impl FnOnce() -> Result<std::borrow::Cow<'b, [u8]>, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        match self.replacing(path, |to| link(cache_file, to)) {
            Ok(()) => Ok(()),
            Err(_) => self.write_new(path, &bytes()?),
        }
    }
}

impl DirSink {
    /// The path of `rel` under the folder.
    fn path_of<'r>(&self, rel: &'r str) -> Result<(&'r Path, PathBuf), Diagnostic> {
        let rel = check_rel(rel)?;
        Ok((rel, self.root.join(rel)))
    }
}

/// The metadata of `path` when it is a plain file (not followed through a symbolic link) of
/// `len` bytes.
fn plain_file_of_size(path: &Path, len: usize) -> Option<std::fs::Metadata> {
    std::fs::symlink_metadata(path).ok().filter(|m| m.is_file() && m.len() == len as u64)
}

/// Whether `path` is the file `meta` describes (the same inode); `false` where that cannot be
/// told, which only costs a link made again.
fn is_same_file(meta: &std::fs::Metadata, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = (meta, path);
        false
    }
}

/// The bytes of a cache entry that [`Sink::put_entry`] was told has `len` of them.
fn read_entry(cache_file: &Path, len: u64) -> Result<Vec<u8>, Diagnostic> {
    let bytes = std::fs::read(cache_file).map_err(|e| io_error("open", cache_file, &e))?;
    if bytes.len() as u64 != len {
        let e = std::io::Error::new(std::io::ErrorKind::InvalidData, "changed while the build ran");
        return Err(io_error("open", cache_file, &e));
    }
    Ok(bytes)
}

fn hard_link(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::hard_link(from, to)
}

impl Sink for DirSink {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        let (rel, path) = self.path_of(rel)?;
        // A file put twice in one run (the materials pages) is replaced, never linked over:
        // the link fails on the file there, and it is written anew.
        if !self.link_unchanged(rel, bytes, &path) {
            self.write_new(&path, bytes)?;
        }
        self.note_made(rel, &path);
        Ok(())
    }

    /// A hard link of the cache entry: its bytes are never copied (and an unchanged entry is
    /// the very file the previous site published, so it keeps its time too). Safe because
    /// neither side is ever written in place (see [`cache`]).
    fn put_cached(&self, rel: &str, cache_file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        let (rel, path) = self.path_of(rel)?;
        if !self.link_published_instead(rel, cache_file, bytes.len() as u64, || Some(bytes.into()), &path) {
            self.link_or_write(cache_file, &path, hard_link, || Ok(bytes.into()))?;
        }
        self.note_made(rel, &path);
        Ok(())
    }

    fn put_entry(&self, rel: &str, cache_file: &Path, len: u64) -> Result<(), Diagnostic> {
        let (rel, path) = self.path_of(rel)?;
        let entry = || read_entry(cache_file, len).ok().map(Into::into);
        if !self.link_published_instead(rel, cache_file, len, entry, &path) {
            self.link_or_write(cache_file, &path, hard_link, || read_entry(cache_file, len).map(Into::into))?;
        }
        self.note_made(rel, &path);
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        std::fs::read(self.root.join(check_rel(rel).ok()?)).ok()
    }

    fn exists(&self, rel: &str) -> bool {
        check_rel(rel).is_ok_and(|r| self.root.join(r).is_file())
    }

    fn previous_path(&self, rel: &str) -> Option<PathBuf> {
        Some(self.previous.as_ref()?.join(check_rel(rel).ok()?))
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

    fn exists(&self, rel: &str) -> bool {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).last.contains_key(rel)
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
    /// The paths put so far (each exists in the run's output: a file is noted once it is put).
    pub fn paths(&self) -> rustc_hash::FxHashSet<String> {
        self.files.lock().unwrap_or_else(|p| p.into_inner()).iter().map(|w| w.rel.clone()).collect()
    }

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

impl RecordingSink<'_> {
    fn note(&self, rel: &str, bytes: &[u8]) {
        let w = Written::measure(rel, bytes, self.gzip_above);
        self.log.files.lock().unwrap_or_else(|p| p.into_inner()).push(w);
    }
}

impl Sink for RecordingSink<'_> {
    fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put(rel, bytes)?;
        self.note(rel, bytes);
        Ok(())
    }

    fn put_cached(&self, rel: &str, cache_file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.inner.put_cached(rel, cache_file, bytes)?;
        self.note(rel, bytes);
        Ok(())
    }

    fn put_entry(&self, rel: &str, cache_file: &Path, len: u64) -> Result<(), Diagnostic> {
        // A page is measured gzipped: that needs its bytes.
        if rel.ends_with(".html") {
            return self.put_cached(rel, cache_file, &read_entry(cache_file, len)?);
        }
        self.inner.put_entry(rel, cache_file, len)?;
        let w = Written { rel: rel.to_string(), bytes: len, gzip: None };
        self.log.files.lock().unwrap_or_else(|p| p.into_inner()).push(w);
        Ok(())
    }

    fn read(&self, rel: &str) -> Option<Vec<u8>> {
        self.inner.read(rel)
    }

    fn exists(&self, rel: &str) -> bool {
        self.inner.exists(rel)
    }

    fn previous_path(&self, rel: &str) -> Option<PathBuf> {
        self.inner.previous_path(rel)
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

    /// Issue 16: a cached file reaches a folder as a hard link of its entry.
    #[cfg(unix)]
    #[test]
    fn cached_files_are_linked() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("entry.pdf");
        std::fs::write(&entry, b"pdf").unwrap();
        let sink = DirSink::new(dir.path().join("out"));
        sink.put_cached("a/poster.pdf", &entry, b"pdf").unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&dir.path().join("out/a/poster.pdf")), ino(&entry));
    }

    /// Issue 16: folders are made only when a file needs one, and a file put again in the same
    /// run (the materials pages) is made anew each time, by every way of putting it: written, linked
    /// from the cache, or linked from the published site.
    #[cfg(unix)]
    #[test]
    fn files_put_again_are_made_anew_in_folders_made_on_demand() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let published = dir.path().join("public");
        std::fs::create_dir_all(published.join("a")).unwrap();
        std::fs::write(published.join("a/index.html"), b"old").unwrap();
        let entry = dir.path().join("entry.png");
        std::fs::write(&entry, b"card").unwrap();
        let staging = dir.path().join("staging");
        let sink = DirSink::reusing(&staging, &published);
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let read = |rel: &str| std::fs::read(staging.join(rel)).unwrap();

        sink.put("deep/er/still/x.txt", b"x").unwrap();
        assert_eq!(read("deep/er/still/x.txt"), b"x");
        // A folder the sink made and that was removed meanwhile is made again.
        std::fs::remove_dir_all(staging.join("deep/er")).unwrap();
        sink.put("deep/er/still/y.txt", b"y").unwrap();
        assert_eq!(read("deep/er/still/y.txt"), b"y");
        sink.put("a/index.html", b"new").unwrap();
        assert_eq!(read("a/index.html"), b"new");
        // The same bytes as the published file: that file, linked in place of what this run put
        // (which is removed, never written into), so a copy to the server sends nothing.
        sink.put("a/index.html", b"old").unwrap();
        assert_eq!(read("a/index.html"), b"old");
        assert_eq!(ino(&staging.join("a/index.html")), ino(&published.join("a/index.html")));
        sink.put("a/index.html", b"old").unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&published.join("a/index.html")), "put again, still it");
        sink.put_cached("a/index.html", &entry, b"card").unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&entry));
        sink.put_entry("a/index.html", &entry, 4).unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&entry));
        sink.put("a/index.html", b"last").unwrap();
        assert_eq!(read("a/index.html"), b"last");
        assert_eq!(std::fs::read(&entry).unwrap(), b"card", "the cache entry is never written into");
        assert_eq!(std::fs::read(published.join("a/index.html")).unwrap(), b"old", "nor the published file");
        // A cache entry made again with the published file's bytes: the published file. The
        // published file itself given as the entry (a kit found the same): linked.
        let remade = dir.path().join("remade.html");
        std::fs::write(&remade, b"old").unwrap();
        sink.put_cached("a/index.html", &remade, b"old").unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&published.join("a/index.html")));
        sink.put("a/index.html", b"last").unwrap();
        sink.put_entry("a/index.html", &remade, 3).unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&published.join("a/index.html")));
        sink.put("a/index.html", b"last").unwrap();
        sink.put_entry("a/index.html", &published.join("a/index.html"), 3).unwrap();
        assert_eq!(ino(&staging.join("a/index.html")), ino(&published.join("a/index.html")));
        // In a fresh folder, an unchanged published file is linked, not copied.
        let fresh = DirSink::reusing(dir.path().join("fresh"), &published);
        fresh.put("a/index.html", b"old").unwrap();
        assert_eq!(ino(&dir.path().join("fresh/a/index.html")), ino(&published.join("a/index.html")));
        assert_eq!(std::fs::read(published.join("a/index.html")).unwrap(), b"old");
    }

    /// Issue 16: where no link can be made (OUT on another file system, FAT), the bytes are
    /// written instead, and the build goes on.
    #[test]
    fn a_failed_link_falls_back_to_writing() {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("entry.pdf");
        std::fs::write(&entry, b"pdf").unwrap();
        let to = dir.path().join("poster.pdf");
        let cross = |_: &Path, _: &Path| Err(std::io::Error::from(std::io::ErrorKind::CrossesDevices));
        DirSink::new(dir.path()).link_or_write(&entry, &to, cross, || Ok(b"pdf"[..].into())).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"pdf");
        // A vanished entry (swept by another build meanwhile) is no error either.
        let sink = DirSink::new(dir.path().join("out"));
        sink.put_cached("b.pdf", &dir.path().join("gone.pdf"), b"pdf").unwrap();
        assert_eq!(std::fs::read(dir.path().join("out/b.pdf")).unwrap(), b"pdf");
    }

    /// Issue 16: an entry put without being read is linked; where no link can be made it is
    /// copied, read only then; an entry gone meanwhile or of another size is an error (the share
    /// renderer then draws the card anew); a sink in memory and the output log get its bytes
    /// and size.
    #[cfg(unix)]
    #[test]
    fn entries_are_read_only_when_they_cannot_be_linked() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("entry.png");
        std::fs::write(&entry, b"card").unwrap();
        let sink = DirSink::new(dir.path().join("out"));
        sink.put_entry("a/share.png", &entry, 4).unwrap();
        let ino = |p: &Path| std::fs::metadata(p).unwrap().ino();
        assert_eq!(ino(&dir.path().join("out/a/share.png")), ino(&entry));
        let cross = |_: &Path, _: &Path| Err(std::io::Error::from(std::io::ErrorKind::CrossesDevices));
        let to = dir.path().join("copied.png");
        sink.link_or_write(&entry, &to, cross, || read_entry(&entry, 4).map(Into::into)).unwrap();
        assert_eq!(std::fs::read(&to).unwrap(), b"card");
        assert_ne!(ino(&to), ino(&entry));
        let other = dir.path().join("other.png");
        assert!(
            sink.link_or_write(&entry, &other, cross, || read_entry(&entry, 5).map(Into::into)).is_err(),
            "another size"
        );
        assert!(sink.put_entry("b/share.png", &dir.path().join("gone.png"), 4).is_err());
        let memory = MemorySink::new();
        let log = OutputLog::default();
        let recording = RecordingSink::new(&memory, &log, usize::MAX);
        recording.put_entry("a/share.png", &entry, 4).unwrap();
        assert_eq!(memory.read("a/share.png").as_deref(), Some(&b"card"[..]));
        let written = log.take();
        assert_eq!((written[0].rel.as_str(), written[0].bytes), ("a/share.png", 4));
    }

    /// Issue 16: a file put twice is a new file the second time, never written into: the
    /// first may be a hard link whose other name (a cache entry) must not change.
    #[test]
    fn a_file_put_again_never_writes_into_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let entry = dir.path().join("entry.png");
        std::fs::write(&entry, b"cached").unwrap();
        let sink = DirSink::new(dir.path().join("out"));
        sink.put_cached("share.png", &entry, b"cached").unwrap();
        sink.put("share.png", b"new").unwrap();
        assert_eq!(std::fs::read(dir.path().join("out/share.png")).unwrap(), b"new");
        assert_eq!(std::fs::read(&entry).unwrap(), b"cached", "the entry is untouched");
    }
}
