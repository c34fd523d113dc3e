//! Writing files so that a reader never sees half of one: a temporary file beside the target,
//! renamed over it in one step.

use super::io_error;
use crate::diag::Diagnostic;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (cache entries: a killed build must not leave a truncated
/// picture that the next build would reuse, issue 10). Creates the parent folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// [`write_atomic`] of what `write` writes, through a buffer: a record of 15,000 pages is
/// written as it is made instead of being made whole in memory first (at the end of a build,
/// where memory peaks, issue 16).
pub(crate) fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Diagnostic> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| io_error("create folder", dir, &e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.loa-tmp-{}-{}", std::process::id(), unique()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, f);
        write(&mut out)?;
        out.flush()
    });
    if let Err(e) = written.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(io_error("write", path, &e));
    }
    Ok(())
}

/// A number no other writer in this process uses at the same time (threads write caches in
/// parallel).
pub(super) fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Replaces a user's file with `new` without ever losing its text: the `original` bytes are
/// first written to a backup beside it (`NAME.bak`, or `NAME.2.bak` … when that exists; never
/// overwritten), then `new` goes to a temporary file that is renamed over the file in one step.
/// Returns the backup's path.
pub fn replace_keeping_backup(path: &Path, original: &[u8], new: &[u8]) -> Result<PathBuf, Diagnostic> {
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

    #[test]
    fn atomic_writes_leave_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache/a.png");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path().join("cache")).unwrap().count(), 1);
    }
}
