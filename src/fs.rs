//! The one place that writes to disk.
//!
//! A build writes into a staging folder next to OUT and swaps it in only when every renderer
//! succeeded, so a failed build leaves OUT exactly as it was (Zola wipes `public/` first).
//! Renderers never touch the disk: they hand files to a [`Sink`].

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

/// A fresh staging folder beside `out` (same file system, so the final rename is atomic).
pub fn staging_dir(out: &Path) -> Result<PathBuf, Diagnostic> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| io_error("create folder", parent, &e))?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| io_error("remove", &dir, &e))?;
    }
    std::fs::create_dir_all(&dir).map_err(|e| io_error("create folder", &dir, &e))?;
    Ok(dir)
}

/// Replaces `out` with `staging`. The old output is moved aside first and removed last, so at
/// every moment either the old or the new site is complete on disk.
pub fn swap_into_place(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    if out.exists() && !out.is_dir() {
        return Err(Diagnostic::error("output", format!("{} exists and is not a folder", out.display()))
            .with_hint("choose another output folder with `-o`"));
    }
    let old = staging.with_extension("old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io_error("remove", &old, &e))?;
    }
    if out.exists() {
        std::fs::rename(out, &old).map_err(|e| io_error("move aside", out, &e))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        // Put the previous site back before reporting.
        let _ = std::fs::rename(&old, out);
        return Err(io_error("move into place", out, &e));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| io_error("remove", &old, &e))?;
    }
    Ok(())
}

/// Copies a folder's files into a sink (the site's `static/`, the theme's `static/`).
pub fn copy_tree(dir: &Path, sink: &dyn Sink) -> Result<usize, Diagnostic> {
    let mut n = 0;
    if !dir.is_dir() {
        return Ok(0);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::error("io", format!("cannot read {}: {e}", dir.display())))?;
        if !entry.file_type().is_file() || crate::content::is_hidden(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let bytes = std::fs::read(entry.path()).map_err(|e| io_error("read", entry.path(), &e))?;
        sink.put(&rel.to_string_lossy().replace('\\', "/"), &bytes)?;
        n += 1;
    }
    Ok(n)
}

/// Replaces a user's file with `new` without ever losing its text: the `original` bytes are
/// first written to a backup beside it (`NAME.bak`, or `NAME.2.bak` … when that exists; never
/// overwritten), then `new` goes to a temporary file that is renamed over the file in one step.
/// Returns the backup's path.
pub fn replace_keeping_backup(path: &Path, original: &[u8], new: &[u8]) -> Result<PathBuf, Diagnostic> {
    use std::io::Write;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut n = 1;
    let (backup, mut file) = loop {
        let candidate = dir.join(if n == 1 { format!("{name}.bak") } else { format!("{name}.{n}.bak") });
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&candidate) {
            Ok(f) => break (candidate, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(io_error("create the backup", &candidate, &e)),
        }
    };
    file.write_all(original).and_then(|()| file.sync_all()).map_err(|e| io_error("write the backup", &backup, &e))?;
    let tmp = dir.join(format!(".{name}.loa-tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(new)?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error("replace", path, &e));
    }
    Ok(backup)
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

    #[test]
    fn replacing_keeps_every_original() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, b"one").unwrap();
        let b1 = replace_keeping_backup(&path, b"one", b"two").unwrap();
        let b2 = replace_keeping_backup(&path, b"two", b"three").unwrap();
        assert_eq!(b1, dir.path().join("a.md.bak"));
        assert_eq!(b2, dir.path().join("a.md.2.bak"));
        assert_eq!(std::fs::read(&b1).unwrap(), b"one");
        assert_eq!(std::fs::read(&b2).unwrap(), b"two");
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 3, "no temporary file is left: {names:?}");
    }
}
