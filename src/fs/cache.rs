//! What loa keeps between builds in `SITE/.loa-cache/`: pictures (`images/`), share and social
//! cards (`share/`), PDFs (`print/`). Each entry is named by a hash of everything that decides
//! its bytes (the renderers make the key); this module only stores, reads and sweeps them.
//!
//! A published file may be the same inode as its entry ([`super::Sink::put_cached`] links it),
//! so nothing may ever write into either in place. That holds because:
//! - an entry is written under a temporary name, made read-only and renamed over its name
//!   ([`Cache::store`]): a new inode every time; nothing opens an entry for writing;
//! - the staging folder only ever gets new files ([`super::DirSink`] removes a name before
//!   writing it) and is swapped in whole; loa never writes into OUT itself;
//! - an entry is read-only, and so is its link in OUT: an editor that would save a hand edit
//!   of `public/.../poster.pdf` into that same file is refused by the system (which is right:
//!   the next build replaces OUT and the edit would be lost), and an entry made writable again
//!   (to force such a save) is never reused ([`Cache::read`]) but made again.
//!
//! The folder is bounded: see [`super::cache_sweep`].

use std::collections::HashSet;
use std::hash::Hasher;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// `SITE/.loa-cache`, shared by every step of a run, noting which entries the run used.
#[derive(Debug)]
pub struct Cache {
    root: PathBuf,
    /// `FOLDER/STEM` of every entry read or stored since the last sweep.
    used: Mutex<HashSet<String>>,
}

impl Cache {
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into(), used: Mutex::default() }
    }

    /// Where entry `name` of `folder` is (`print`, `KEY.pdf`).
    pub fn path(&self, folder: &str, name: &str) -> PathBuf {
        self.root.join(folder).join(name)
    }

    /// The bytes of an entry, if it is there, whole (entries are renamed into place) and
    /// unchanged since loa wrote it: an entry that is no longer read-only may have been edited
    /// through its link in OUT, so it is not trusted.
    pub fn read(&self, folder: &str, name: &str) -> Option<Vec<u8>> {
        let mut file = std::fs::File::open(self.path(folder, name)).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.permissions().readonly() {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
        file.read_to_end(&mut bytes).ok()?;
        self.note(folder, name);
        Some(bytes)
    }

    /// Where an entry is and its size, if it is there and unchanged since loa wrote it (as
    /// [`Cache::read`] decides), without reading it: for an output that is only linked.
    pub fn entry(&self, folder: &str, name: &str) -> Option<(PathBuf, u64)> {
        let path = self.path(folder, name);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || !meta.permissions().readonly() {
            return None;
        }
        self.note(folder, name);
        Some((path, meta.len()))
    }

    /// Stores an entry, best effort (a cache that cannot be written only costs time on the next
    /// build); `true` when it is there. Atomic and read-only from its first moment under its
    /// name, so a killed build never leaves half an entry that the next one reuses (issue 10).
    pub fn store(&self, folder: &str, name: &str, bytes: &[u8]) -> bool {
        let path = self.path(folder, name);
        let stored = store_read_only(&path, bytes).is_ok();
        if stored {
            self.note(folder, name);
        }
        stored
    }

    /// Keeps an entry that this run needs but did not read or store (the sweep would take it
    /// otherwise); `true` when it is there, read-only as loa left it.
    pub fn keep(&self, folder: &str, name: &str) -> bool {
        let there = std::fs::metadata(self.path(folder, name)).is_ok_and(|m| m.is_file() && m.permissions().readonly());
        if there {
            self.note(folder, name);
        }
        there
    }

    fn note(&self, folder: &str, name: &str) {
        let mut used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        used.insert(format!("{folder}/{}", stem(name)));
    }

    /// Counts the entry `folder/name` as used by this run, whatever it is (a build's own records
    /// of what it published into its OUT, which are not read-only).
    pub(crate) fn used(&self, folder: &str, name: &str) {
        self.note(folder, name);
    }

    /// After a run over the whole site: removes the entries no such run has used for
    /// [`super::cache_sweep::KEEP_RUNS`] runs. Best effort.
    pub fn sweep(&self) {
        let used = std::mem::take(&mut *self.used.lock().unwrap_or_else(|p| p.into_inner()));
        super::cache_sweep::sweep(&self.root, &used);
    }
}

/// A key for an entry: a stable 128-bit hash (SipHash-1-3, fixed keys) of `parts`, each with its
/// length first so that no two lists of parts hash alike. Always add the loa version and a
/// format constant of the output to the parts: a newer loa may make the same output otherwise.
pub(crate) fn key_of(parts: &[&[u8]]) -> String {
    let mut h = siphasher::sip128::SipHasher13::new_with_keys(0x6c6f_615f_6361_6368, 1);
    for p in parts {
        h.write_u64(p.len() as u64);
        h.write(p);
    }
    let v = siphasher::sip128::Hasher128::finish128(&h);
    format!("{:016x}{:016x}", v.h1, v.h2)
}

/// The part of an entry's file name that names the entry: its key, before the first `-` or `.`
/// (`HASH.txt` and `HASH-480.jpg` are one picture's entry).
pub(crate) fn stem(name: &str) -> &str {
    name.split(['-', '.']).next().unwrap_or(name)
}

fn store_read_only(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}{TMP_MARK}{}-{}", std::process::id(), super::atomic::unique()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        let mut perms = f.metadata()?.permissions();
        perms.set_readonly(true);
        f.set_permissions(perms)
    });
    let renamed = written.and_then(|()| match std::fs::rename(&tmp, path) {
        // Windows refuses to rename over a read-only file (another build stored the same entry).
        Err(_) if path.exists() => std::fs::remove_file(path).and_then(|()| std::fs::rename(&tmp, path)),
        other => other,
    });
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// In the name of a temporary file of a store under way (or of a killed build).
pub(crate) const TMP_MARK: &str = ".loa-tmp-";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_only_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert!(cache.store("print", "k1.pdf", b"one"));
        assert!(std::fs::metadata(cache.path("print", "k1.pdf")).unwrap().permissions().readonly());
        // Stored again (two builds at once): still one whole entry.
        assert!(cache.store("print", "k1.pdf", b"one"));
        assert_eq!(cache.read("print", "k1.pdf").as_deref(), Some(&b"one"[..]));
        assert_eq!(std::fs::read_dir(dir.path().join("print")).unwrap().count(), 1, "no temporary file left");
        assert!(cache.read("print", "k2.pdf").is_none());
    }

    /// Issue 16: an entry made writable may have been edited through its hard link in OUT:
    /// it is never reused.
    #[test]
    fn a_writable_entry_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        assert!(cache.store("share", "k.png", b"card"));
        let path = cache.path("share", "k.png");
        let mut perms = std::fs::metadata(&path).unwrap().permissions();
        #[expect(clippy::permissions_set_readonly_false, reason = "what a user forcing a save does")]
        perms.set_readonly(false);
        std::fs::set_permissions(&path, perms).unwrap();
        std::fs::write(&path, b"edited").unwrap();
        assert!(cache.read("share", "k.png").is_none());
    }

    #[test]
    fn one_picture_is_one_entry() {
        assert_eq!(stem("0123abcd.txt"), "0123abcd");
        assert_eq!(stem("0123abcd-480.jpg"), "0123abcd");
        assert_eq!(stem("0123abcd.pdf"), "0123abcd");
    }
}
