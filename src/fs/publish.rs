//! Publishing a build into OUT so that OUT always holds one whole site, old or new.
//!
//! A build writes into a staging folder and, only when every renderer succeeded, swaps it with
//! OUT. The steps, and why:
//!
//! 1. **Lock.** A lock file beside OUT (`.NAME.loa-lock`) is held for the whole build; a second
//!    build into the same OUT stops at once with "another build is running" instead of failing
//!    halfway with "Directory not empty".
//! 2. **Clean up.** Holding the lock means no other build uses this OUT, so every staging or old
//!    folder left beside it (a build killed by `kill -9`, out of memory, a power cut) is stale and
//!    removed.
//! 3. **Swap.** On Linux, `renameat2(RENAME_EXCHANGE)` swaps the two folders in one system call,
//!    so there is no moment without OUT. Elsewhere (or on file systems without it) OUT is renamed
//!    aside and the staging folder renamed into its place; should the second rename fail, the old
//!    site is put back. Windows refuses to rename a folder while a program holds a file in it
//!    (an Explorer window, an antivirus scan): those renames are retried for a few seconds.
//! 4. **Remove the old site.** If that fails (files owned by someone else), the new site is still
//!    published, the user is told where the old copy is, and the next build removes it.
//!
//! OUT that is a mount point cannot be renamed at all ("Device or resource busy"), nor can OUT
//! whose parent folder the user may not write to: then the staging folder is made *inside* OUT
//! and each top-level entry is swapped in turn. That is not one atomic step for the whole site,
//! but every file is either old or new, and a failure says so.

use super::out_dir::{MARKER, OutDir};
use crate::diag::Diagnostic;
use crate::msg;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

const STAGING: &str = "loa-staging-";
const OLD: &str = "loa-old-";
const LOCK: &str = "loa-lock";

/// The names loa uses inside OUT while publishing into it (mount points).
pub(crate) fn is_loa_working_name(name: &str) -> bool {
    name == format!(".{LOCK}") || name.starts_with(&format!(".{STAGING}")) || name.starts_with(&format!(".{OLD}"))
}

/// The file system operations a swap needs, so the logic can be tested against the behaviour of
/// other systems (Windows) without them.
pub(crate) trait Ops {
    fn exists(&self, path: &Path) -> bool;
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Swaps two existing paths in one step; an error leaves both as they were.
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()>;
    fn remove_dir_all(&self, path: &Path) -> io::Result<()>;
    /// Errors that go away when tried again (a Windows file lock held for a moment).
    fn is_transient(&self, err: &io::Error) -> bool;
    fn pause(&self, attempt: u32);
}

/// The real disk.
pub(crate) struct Disk;

impl Ops for Disk {
    fn exists(&self, path: &Path) -> bool {
        std::fs::symlink_metadata(path).is_ok()
    }
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }
    fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
        exchange(a, b)
    }
    fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => remove_tree(path),
            Ok(_) => std::fs::remove_file(path),
            Err(e) => Err(e),
        }
    }
    fn is_transient(&self, err: &io::Error) -> bool {
        // ERROR_ACCESS_DENIED (5) and ERROR_SHARING_VIOLATION (32): another program has a file
        // in the folder open for a moment. On other systems these errors are permanent.
        cfg!(windows) && matches!(err.raw_os_error(), Some(5 | 32))
    }
    fn pause(&self, attempt: u32) {
        std::thread::sleep(Duration::from_millis(50 << attempt.min(5)));
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes()).map_err(|_| io::ErrorKind::InvalidInput)?;
    let b = CString::new(b.as_os_str().as_bytes()).map_err(|_| io::ErrorKind::InvalidInput)?;
    const RENAME_EXCHANGE: libc::c_uint = 2;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call; the system
    // call only reads them. Called through `syscall` so it works with any glibc.
    let rc = unsafe {
        libc::syscall(libc::SYS_renameat2, libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE)
    };
    if rc == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// How a swap ended when the new site is in place.
#[derive(Debug)]
pub(crate) enum Swapped {
    Done,
    /// Published, but the old site at this path could not be removed.
    OldLeft(PathBuf, io::Error),
}

#[derive(Debug)]
pub(crate) enum SwapError {
    /// Nothing changed: OUT is exactly as before.
    Unchanged(io::Error),
    /// OUT could not be put back: the previous site is at `old`, the new one still in staging.
    Moved { old: PathBuf, err: io::Error },
    /// Publishing entry by entry stopped halfway: some files are new, the others old.
    Partly(io::Error),
}

fn retry(ops: &dyn Ops, mut f: impl FnMut() -> io::Result<()>) -> io::Result<()> {
    let mut attempt = 0;
    loop {
        match f() {
            Err(e) if attempt < 6 && ops.is_transient(&e) => {
                ops.pause(attempt);
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Replaces `out` with `new`; `old` is a free path beside `out` for the rename-aside way.
/// Returns where the previous site now is, for [`remove_old`] (`None`: there was none).
pub(crate) fn swap(ops: &dyn Ops, new: &Path, out: &Path, old: &Path) -> Result<Option<PathBuf>, SwapError> {
    if !ops.exists(out) {
        return retry(ops, || ops.rename(new, out)).map(|()| None).map_err(SwapError::Unchanged);
    }
    if ops.exchange(new, out).is_ok() {
        // `new` now holds the previous site.
        return Ok(Some(new.to_path_buf()));
    }
    retry(ops, || ops.rename(out, old)).map_err(SwapError::Unchanged)?;
    if let Err(err) = retry(ops, || ops.rename(new, out)) {
        return match retry(ops, || ops.rename(old, out)) {
            Ok(()) => Err(SwapError::Unchanged(err)),
            Err(_) => Err(SwapError::Moved { old: old.to_path_buf(), err }),
        };
    }
    Ok(Some(old.to_path_buf()))
}

/// Moves the previous site to `keep`, removing what was there; false when it cannot be moved.
fn keep_at(previous: &Path, keep: &Path) -> bool {
    if std::fs::symlink_metadata(keep).is_ok() && Disk.remove_dir_all(keep).is_err() {
        return false;
    }
    keep.parent().is_some_and(|dir| std::fs::create_dir_all(dir).is_ok()) && std::fs::rename(previous, keep).is_ok()
}

/// Removes the previous site once the new one is in place (`None`: there was none).
fn remove_old(ops: &dyn Ops, old: Option<&Path>) -> Swapped {
    match old.map(|old| (old, ops.remove_dir_all(old))) {
        None | Some((_, Ok(()))) => Swapped::Done,
        Some((old, Err(e))) => Swapped::OldLeft(old.to_path_buf(), e),
    }
}

/// `std::fs::remove_dir_all`, with the top-level entries removed in parallel: the old copy of a
/// site of 3 x 5,000 pages is 51,000 entries, and removing them one by one was ~0.25 s on one
/// core at the end of every build into an existing OUT (issue 16). A folder goes through the
/// standard function, which never follows a link inside it; a link is removed itself, never
/// what it leads to.
pub(crate) fn remove_tree(path: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = std::fs::read_dir(path)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        let kind = entry.file_type()?;
        if kind.is_dir() {
            std::fs::remove_dir_all(entry.path())
        } else {
            // A link to a folder is removed as a folder on Windows, as a file elsewhere.
            std::fs::remove_file(entry.path())
                .or_else(|e| if kind.is_symlink() { std::fs::remove_dir(entry.path()) } else { Err(e) })
        }
    })?;
    std::fs::remove_dir(path)
}

/// Where the staging folder lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Beside OUT, swapped with it in one step.
    Beside,
    /// Inside OUT (a mount point, or a parent folder the user may not write to): entries are
    /// swapped one by one.
    Inside,
}

/// A build in progress: holds the lock and the staging folder. Dropping it without
/// [`Staging::publish`] removes the staging folder and leaves OUT untouched.
pub struct Staging {
    dir: PathBuf,
    out: OutDir,
    mode: Mode,
    _lock: std::fs::File,
    published: bool,
}

impl Staging {
    /// Takes the lock, removes what killed builds left behind and makes a fresh staging folder.
    /// Returns warnings about leftovers that could not be removed.
    pub fn begin(out: &OutDir) -> Result<(Staging, Vec<Diagnostic>), Diagnostic> {
        Staging::begin_from(out, None).map(|(staging, warnings, _)| (staging, warnings))
    }

    /// [`Staging::begin`], with the folder at `base` (a copy of an earlier OUT that
    /// `build::incremental` kept) moved in as the staging folder when it can be: the third
    /// value says whether it was. The caller then checks what it holds: it may be anything.
    pub(crate) fn begin_from(
        out: &OutDir,
        base: Option<&Path>,
    ) -> Result<(Staging, Vec<Diagnostic>, bool), Diagnostic> {
        let parent = out.real.parent().unwrap_or(Path::new("/")).to_path_buf();
        std::fs::create_dir_all(&parent).map_err(|e| super::io_error("create folder", &parent, &e))?;
        let name = out.real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let mode = if must_publish_inside(&out.real, &parent) { Mode::Inside } else { Mode::Beside };
        let (home, prefix) = match mode {
            Mode::Beside => (parent, format!(".{name}.")),
            Mode::Inside => (out.real.clone(), ".".to_string()),
        };
        let lock = take_lock(&home.join(format!("{prefix}{LOCK}")), out)?;
        let warnings = remove_leftovers(&home, &prefix);
        let dir = home.join(format!("{prefix}{STAGING}{}", std::process::id()));
        // Once moved, the base is a staging folder: a build killed from here on leaves it
        // for the next one to remove, like any other.
        let took = mode == Mode::Beside && base.is_some_and(|base| std::fs::rename(base, &dir).is_ok());
        if !took {
            std::fs::create_dir_all(&dir).map_err(|e| super::io_error("create folder", &dir, &e))?;
        }
        Ok((Staging { dir, out: out.clone(), mode, _lock: lock, published: false }, warnings, took))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the staging folder becomes OUT in one step, so that OUT then holds exactly what
    /// was made in it plus loa's marker (not so for a mount point: its lock file stays inside).
    pub(crate) fn publishes_in_one_step(&self) -> bool {
        self.mode == Mode::Beside
    }

    /// Writes loa's marker (`manifest`) and puts the build in place of OUT. Returns warnings
    /// (an old copy that could not be removed). On error OUT is as it was, unless the message
    /// says otherwise.
    pub fn publish(self, manifest: &[u8]) -> Result<Vec<Diagnostic>, Diagnostic> {
        self.publish_then(manifest, None, || ()).map(|(warnings, ())| warnings)
    }

    /// [`Staging::publish`], running `then` as soon as the whole new site is in OUT (never
    /// when publishing failed): beside the removal of the old copy, which takes as long as
    /// writing it did, when that copy is outside OUT; after it when it is inside (a mount point).
    /// `keep`: where to keep the old copy instead, when it can be moved there (see
    /// `build::incremental`; whatever was there goes); else it is removed.
    pub fn publish_then<T: Send>(
        mut self,
        manifest: &[u8],
        keep: Option<&Path>,
        then: impl FnOnce() -> T + Send,
    ) -> Result<(Vec<Diagnostic>, T), Diagnostic> {
        let marker = self.dir.join(MARKER);
        // Never written into: in a staging folder made from a kept copy, the marker there is
        // an earlier build's file.
        let _ = std::fs::remove_file(&marker);
        // The same marker as OUT's is that very file, like every other file that came out the
        // same (a copy to the server sends only what changed).
        let published = self.out.real.join(MARKER);
        let same = std::fs::read(&published).is_ok_and(|b| b == manifest);
        if !(same && std::fs::hard_link(&published, &marker).is_ok()) {
            std::fs::write(&marker, manifest).map_err(|e| super::io_error("write", &marker, &e))?;
        }
        let old = self.dir.with_file_name(self.dir_name().replacen(STAGING, OLD, 1));
        let result = match self.mode {
            Mode::Beside => swap(&Disk, &self.dir, &self.out.real, &old).map(|previous| {
                let old_copy = || match (previous.as_deref(), keep) {
                    (Some(previous), Some(keep)) if keep_at(previous, keep) => Swapped::Done,
                    (previous, _) => remove_old(&Disk, previous),
                };
                let (removed, done) = rayon::join(old_copy, then);
                (vec![removed], done)
            }),
            Mode::Inside => self.swap_entries(&old).map(|outcomes| {
                let _ = std::fs::remove_dir_all(&self.dir);
                let _ = std::fs::remove_dir_all(&old);
                (outcomes, then())
            }),
        };
        match result {
            Ok((outcomes, done)) => {
                self.published = true;
                Ok((outcomes.into_iter().filter_map(|s| self.old_left_warning(s)).take(1).collect(), done))
            }
            Err(SwapError::Unchanged(e)) => {
                Err(super::io_error("publish into", &self.out.shown, &e).with_hint(msg!("publish-unchanged-hint")))
            }
            Err(SwapError::Partly(e)) => {
                self.published = true;
                Err(super::io_error("publish into", &self.out.shown, &e).with_hint(msg!("publish-partly-hint")))
            }
            Err(SwapError::Moved { old, err }) => {
                // Keep both copies: nothing may be lost.
                self.published = true;
                Err(Diagnostic::error(
                    "output",
                    msg!(
                        "publish-moved",
                        out = &self.out.shown,
                        reason = super::io_reason(&err),
                        old = &old,
                        new = &self.dir
                    ),
                )
                .with_hint(msg!("publish-moved-hint")))
            }
        }
    }

    fn dir_name(&self) -> String {
        self.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    fn old_left_warning(&self, s: Swapped) -> Option<Diagnostic> {
        match s {
            Swapped::Done => None,
            Swapped::OldLeft(path, e) => Some(
                Diagnostic::warning(
                    "output",
                    msg!("publish-old-left", out = &self.out.shown, old = &path, reason = super::io_reason(&e)),
                )
                .with_hint(msg!("publish-old-left-hint")),
            ),
        }
    }

    /// Inside mode: every top-level entry of the build replaces its namesake in OUT; entries
    /// that the new build no longer has are moved out of the way.
    fn swap_entries(&self, old: &Path) -> Result<Vec<Swapped>, SwapError> {
        std::fs::create_dir_all(old).map_err(SwapError::Unchanged)?;
        let names = |dir: &Path| -> Result<Vec<std::ffi::OsString>, SwapError> {
            let entries = std::fs::read_dir(dir).map_err(SwapError::Unchanged)?;
            Ok(entries
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| !is_loa_working_name(&n.to_string_lossy()))
                .collect())
        };
        let new_names = names(&self.dir)?;
        let stale: Vec<_> = names(&self.out.real)?.into_iter().filter(|n| !new_names.contains(n)).collect();
        let mut outcomes = Vec::new();
        for (i, name) in new_names.iter().enumerate() {
            let swapped = swap(&Disk, &self.dir.join(name), &self.out.real.join(name), &old.join(name));
            match swapped {
                Ok(previous) => outcomes.push(remove_old(&Disk, previous.as_deref())),
                Err(SwapError::Unchanged(e)) if i == 0 => return Err(SwapError::Unchanged(e)),
                Err(SwapError::Unchanged(e) | SwapError::Partly(e) | SwapError::Moved { err: e, .. }) => {
                    return Err(SwapError::Partly(e));
                }
            }
        }
        for name in stale {
            std::fs::rename(self.out.real.join(&name), old.join(&name)).map_err(SwapError::Partly)?;
        }
        Ok(outcomes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// OUT can only be filled in place when it is a mount point or its parent is read-only to us.
fn must_publish_inside(out: &Path, parent: &Path) -> bool {
    let Ok(out_meta) = std::fs::metadata(out) else { return false };
    if !out_meta.is_dir() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(parent_meta) = std::fs::metadata(parent)
            && parent_meta.dev() != out_meta.dev()
        {
            return true;
        }
    }
    let probe = parent.join(format!(".loa-probe-{}", std::process::id()));
    match std::fs::create_dir(&probe) {
        Ok(()) => {
            let _ = std::fs::remove_dir(&probe);
            false
        }
        Err(e) => e.kind() == io::ErrorKind::PermissionDenied,
    }
}

fn take_lock(path: &Path, out: &OutDir) -> Result<std::fs::File, Diagnostic> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| super::io_error("create", path, &e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(Diagnostic::error("output", msg!("publish-locked", out = &out.shown))
                .with_hint(msg!("publish-locked-hint")))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(super::io_error("lock", path, &e)),
    }
}

/// Staging and old folders of builds that died (we hold the lock, so none is in use).
/// Whether a killed build left a staging or old folder beside or inside OUT (the next full build
/// removes them; a build that finds nothing changed must not skip that).
pub(crate) fn has_leftovers(out: &OutDir) -> bool {
    let name = out.real.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let parent = out.real.parent().unwrap_or(Path::new("/"));
    let left = |home: &Path, prefix: &str| {
        std::fs::read_dir(home).into_iter().flatten().flatten().any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(prefix).is_some_and(|rest| rest.starts_with(STAGING) || rest.starts_with(OLD))
        })
    };
    left(parent, &format!(".{name}.")) || left(&out.real, ".")
}

fn remove_leftovers(home: &Path, prefix: &str) -> Vec<Diagnostic> {
    let Ok(entries) = std::fs::read_dir(home) else { return Vec::new() };
    let mut warnings = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else { continue };
        if !(rest.starts_with(STAGING) || rest.starts_with(OLD)) {
            continue;
        }
        if let Err(e) = std::fs::remove_dir_all(entry.path()) {
            warnings.push(
                Diagnostic::warning(
                    "output",
                    msg!("publish-leftover", path = entry.path().as_path(), reason = super::io_reason(&e)),
                )
                .with_hint(msg!("publish-leftover-hint")),
            );
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    /// A file system in memory: path → contents ("site v1"), with the rules of another system.
    #[derive(Default)]
    struct Fake {
        paths: RefCell<BTreeMap<PathBuf, String>>,
        /// No `RENAME_EXCHANGE` (Windows, macOS, some Linux file systems).
        no_exchange: bool,
        /// Renaming onto an existing folder fails (Windows).
        no_replace: bool,
        /// This many renames fail first with a transient lock error.
        locked_renames: RefCell<u32>,
        /// Renames onto this path fail for good.
        broken_target: Option<PathBuf>,
        /// Removing this path fails (files owned by someone else).
        unremovable: Option<PathBuf>,
    }

    impl Fake {
        fn with(paths: &[(&str, &str)]) -> Fake {
            let fake = Fake::default();
            for (p, v) in paths {
                fake.paths.borrow_mut().insert(PathBuf::from(p), v.to_string());
            }
            fake
        }
        fn get(&self, p: &str) -> Option<String> {
            self.paths.borrow().get(Path::new(p)).cloned()
        }
    }

    fn denied() -> io::Error {
        io::Error::new(io::ErrorKind::PermissionDenied, "locked")
    }

    impl Ops for Fake {
        fn exists(&self, path: &Path) -> bool {
            self.paths.borrow().contains_key(path)
        }
        fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
            {
                let mut locked = self.locked_renames.borrow_mut();
                if *locked > 0 {
                    *locked -= 1;
                    return Err(denied());
                }
            }
            if self.broken_target.as_deref() == Some(to) {
                return Err(io::Error::other("broken"));
            }
            let mut paths = self.paths.borrow_mut();
            if self.no_replace && paths.contains_key(to) {
                return Err(io::Error::new(io::ErrorKind::AlreadyExists, "exists"));
            }
            let v = paths.remove(from).ok_or(io::ErrorKind::NotFound)?;
            paths.insert(to.to_path_buf(), v);
            Ok(())
        }
        fn exchange(&self, a: &Path, b: &Path) -> io::Result<()> {
            if self.no_exchange {
                return Err(io::ErrorKind::Unsupported.into());
            }
            let mut paths = self.paths.borrow_mut();
            let va = paths.remove(a).ok_or(io::ErrorKind::NotFound)?;
            let vb = paths.insert(b.to_path_buf(), va).ok_or(io::ErrorKind::NotFound)?;
            paths.insert(a.to_path_buf(), vb);
            Ok(())
        }
        fn remove_dir_all(&self, path: &Path) -> io::Result<()> {
            if self.unremovable.as_deref() == Some(path) {
                return Err(denied());
            }
            self.paths.borrow_mut().remove(path);
            Ok(())
        }
        fn is_transient(&self, err: &io::Error) -> bool {
            err.kind() == io::ErrorKind::PermissionDenied
        }
        fn pause(&self, _: u32) {}
    }

    fn run(fake: &Fake) -> Result<Swapped, SwapError> {
        swap(fake, Path::new("stage"), Path::new("out"), Path::new("old")).map(|old| remove_old(fake, old.as_deref()))
    }

    #[test]
    fn exchange_swaps_in_one_step() {
        let fake = Fake::with(&[("stage", "v2"), ("out", "v1")]);
        assert!(matches!(run(&fake), Ok(Swapped::Done)));
        assert_eq!(fake.get("out").as_deref(), Some("v2"));
        assert_eq!(fake.paths.borrow().len(), 1, "the old site is removed");
    }

    /// Issue 18: Windows cannot rename onto an existing folder and has no exchange.
    #[test]
    fn windows_rules_rename_aside_first() {
        let fake = Fake { no_exchange: true, no_replace: true, ..Fake::with(&[("stage", "v2"), ("out", "v1")]) };
        assert!(matches!(run(&fake), Ok(Swapped::Done)));
        assert_eq!(fake.get("out").as_deref(), Some("v2"));
        assert_eq!(fake.paths.borrow().len(), 1);
    }

    /// Issue 18: a folder held open for a moment (Explorer, antivirus) is retried, not failed.
    #[test]
    fn transient_locks_are_retried() {
        let fake = Fake {
            no_exchange: true,
            locked_renames: RefCell::new(3),
            ..Fake::with(&[("stage", "v2"), ("out", "v1")])
        };
        assert!(matches!(run(&fake), Ok(Swapped::Done)));
        assert_eq!(fake.get("out").as_deref(), Some("v2"));
    }

    #[test]
    fn a_failed_second_rename_puts_the_old_site_back() {
        let fake = Fake {
            no_exchange: true,
            broken_target: Some(PathBuf::from("out")),
            ..Fake::with(&[("stage", "v2"), ("out", "v1")])
        };
        // The first rename (out → old) works; stage → out fails; old → out is put back... but
        // renames onto `out` are broken, so both copies must be kept and named.
        match run(&fake) {
            Err(SwapError::Moved { old, .. }) => assert_eq!(old, Path::new("old")),
            other => panic!("{other:?}"),
        }
        assert_eq!(fake.get("old").as_deref(), Some("v1"), "nothing lost");
        assert_eq!(fake.get("stage").as_deref(), Some("v2"), "nothing lost");
    }

    /// Issue 10: an old copy that cannot be removed does not make a published build "unchanged".
    #[test]
    fn an_unremovable_old_copy_is_a_warning_not_a_failure() {
        let fake = Fake {
            no_exchange: true,
            unremovable: Some(PathBuf::from("old")),
            ..Fake::with(&[("stage", "v2"), ("out", "v1")])
        };
        assert!(matches!(run(&fake), Ok(Swapped::OldLeft(..))));
        assert_eq!(fake.get("out").as_deref(), Some("v2"));
    }

    #[test]
    fn a_first_build_just_renames() {
        let fake = Fake { no_exchange: true, no_replace: true, ..Fake::with(&[("stage", "v1")]) };
        assert!(matches!(run(&fake), Ok(Swapped::Done)));
        assert_eq!(fake.get("out").as_deref(), Some("v1"));
    }

    #[test]
    fn working_names_are_recognised() {
        for name in [".loa-lock", ".loa-staging-12", ".loa-old-9"] {
            assert!(is_loa_working_name(name), "{name}");
        }
        for name in ["index.html", ".loa-manifest.json", "loa-old-1"] {
            assert!(!is_loa_working_name(name), "{name}");
        }
    }

    fn out_in(dir: &Path) -> OutDir {
        let real = dir.canonicalize().unwrap().join("public");
        OutDir { shown: real.clone(), real }
    }

    /// Issue 10: a second build into the same OUT is told another build is running.
    #[test]
    fn a_second_build_waits_for_none() {
        let tmp = tempfile::tempdir().unwrap();
        let out = out_in(tmp.path());
        let (first, _) = Staging::begin(&out).unwrap();
        let Err(err) = Staging::begin(&out) else { panic!("the second build must be refused") };
        assert_eq!(err.message.id, "publish-locked", "{err}");
        drop(first);
        assert!(Staging::begin(&out).is_ok(), "the lock goes with the first build");
    }

    /// Issue 10: folders left by killed builds are removed by the next one.
    #[test]
    fn leftovers_of_dead_builds_are_removed() {
        let tmp = tempfile::tempdir().unwrap();
        let out = out_in(tmp.path());
        let parent = out.real.parent().unwrap();
        for stale in [".public.loa-staging-1", ".public.loa-old-2", ".public.loa-staging-3.old"] {
            std::fs::create_dir_all(parent.join(stale).join("x")).unwrap();
        }
        std::fs::create_dir_all(parent.join(".other.loa-staging-1")).unwrap();
        let (staging, warnings) = Staging::begin(&out).unwrap();
        assert!(warnings.is_empty());
        let left: Vec<String> = std::fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("loa-staging") || n.contains("loa-old"))
            .collect();
        let mine = staging.dir().file_name().unwrap().to_string_lossy().into_owned();
        let mut left = left;
        left.sort();
        let mut expected = vec![mine, ".other.loa-staging-1".to_string()];
        expected.sort();
        assert_eq!(left, expected);
    }

    #[test]
    fn publishing_writes_the_marker_and_replaces_out() {
        let tmp = tempfile::tempdir().unwrap();
        let out = out_in(tmp.path());
        std::fs::create_dir_all(&out.real).unwrap();
        std::fs::write(out.real.join("old.html"), "old").unwrap();
        let (staging, _) = Staging::begin(&out).unwrap();
        std::fs::write(staging.dir().join("index.html"), "new").unwrap();
        let staged = staging.dir().to_path_buf();
        assert!(staging.publish(b"{}").unwrap().is_empty());
        assert!(out.real.join(MARKER).is_file());
        assert!(out.real.join("index.html").is_file());
        assert!(!out.real.join("old.html").exists());
        assert!(!staged.exists());
    }

    #[test]
    fn dropping_an_unpublished_build_leaves_out_alone() {
        let tmp = tempfile::tempdir().unwrap();
        let out = out_in(tmp.path());
        std::fs::create_dir_all(&out.real).unwrap();
        std::fs::write(out.real.join("index.html"), "old").unwrap();
        let (staging, _) = Staging::begin(&out).unwrap();
        let staged = staging.dir().to_path_buf();
        drop(staging);
        assert!(!staged.exists());
        assert_eq!(std::fs::read_to_string(out.real.join("index.html")).unwrap(), "old");
    }

    /// Issue 10: publishing entry by entry (a mount point) replaces every file and drops stale
    /// ones, keeping loa's own lock file.
    #[test]
    fn publishing_inside_out_replaces_each_entry() {
        let tmp = tempfile::tempdir().unwrap();
        let out = out_in(tmp.path());
        std::fs::create_dir_all(out.real.join("gone")).unwrap();
        std::fs::write(out.real.join("index.html"), "old").unwrap();
        std::fs::write(out.real.join("gone/x.html"), "old").unwrap();
        let dir = out.real.join(".loa-staging-1");
        std::fs::create_dir_all(dir.join("tin")).unwrap();
        std::fs::write(dir.join("index.html"), "new").unwrap();
        std::fs::write(dir.join("tin/a.html"), "new").unwrap();
        let lock = std::fs::File::create(out.real.join(".loa-lock")).unwrap();
        let staging = Staging { dir, out: out.clone(), mode: Mode::Inside, _lock: lock, published: false };
        staging.publish(b"{}").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&out.real)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".loa-lock", ".loa-manifest.json", "index.html", "tin"]);
        assert_eq!(std::fs::read_to_string(out.real.join("index.html")).unwrap(), "new");
    }

    /// What runs alongside publishing sees the whole new site in OUT, in both ways of publishing.
    #[test]
    fn what_runs_alongside_sees_the_new_site_in_out() {
        for mode in [Mode::Beside, Mode::Inside] {
            let tmp = tempfile::tempdir().unwrap();
            let out = out_in(tmp.path());
            std::fs::create_dir_all(out.real.join("tin")).unwrap();
            std::fs::write(out.real.join("tin/a.html"), "old").unwrap();
            let (mut staging, _) = Staging::begin(&out).unwrap();
            if mode == Mode::Inside {
                staging.dir = out.real.join(".loa-staging-1");
                staging.mode = mode;
            }
            std::fs::create_dir_all(staging.dir().join("tin")).unwrap();
            std::fs::write(staging.dir().join("tin/a.html"), "new").unwrap();
            let (_, seen) = staging
                .publish_then(b"{}", None, || {
                    (std::fs::read_to_string(out.real.join("tin/a.html")).ok(), out.real.join(MARKER).is_file())
                })
                .unwrap();
            assert_eq!(seen, (Some("new".to_string()), true), "{mode:?}");
        }
    }

    /// The old copy is removed in parallel: every file and folder in it goes, a link goes as
    /// itself and what it leads to stays.
    #[cfg(unix)]
    #[test]
    fn removing_the_old_copy_removes_links_not_what_they_lead_to() {
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("elsewhere");
        std::fs::create_dir_all(elsewhere.join("deep")).unwrap();
        std::fs::write(elsewhere.join("deep/keep.txt"), "keep").unwrap();
        let old = tmp.path().join("old");
        for i in 0..40 {
            let dir = old.join(format!("s{i}/p{i}/q"));
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(dir.join("index.html"), "x").unwrap();
            std::fs::write(old.join(format!("f{i}.xml")), "x").unwrap();
        }
        std::os::unix::fs::symlink(&elsewhere, old.join("to-folder")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, old.join("s3/p3/to-folder")).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("deep/keep.txt"), old.join("to-file")).unwrap();
        Disk.remove_dir_all(&old).unwrap();
        assert!(std::fs::symlink_metadata(&old).is_err(), "the old copy is gone");
        assert_eq!(std::fs::read_to_string(elsewhere.join("deep/keep.txt")).unwrap(), "keep");
    }
}
