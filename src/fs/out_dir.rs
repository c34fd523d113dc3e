//! Which folders a build may replace.
//!
//! A build replaces OUT as a whole, so a wrong `-o` must never cost a user their files (issue 10:
//! `loa build SITE -o SITE` used to replace the whole site with its output). OUT is refused when it
//! is the site, holds the site, or lies inside what the site is made of (`content/`, `static/`,
//! `themes/`, `loa.yaml`, the cache), and when it already holds files that loa did not write: a
//! folder is loa's only if it carries the [`MARKER`] file a build leaves in every output.
//!
//! Paths are compared after resolving symlinks (`-o link` publishes through the link, into the
//! folder it points to) and, on Windows and macOS, without regard to letter case, as their file
//! systems do.

use crate::diag::Diagnostic;
use crate::messages::Message;
use crate::msg;
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

/// The file every build writes at the top of OUT; it says "loa made this folder".
pub const MARKER: &str = ".loa-manifest.json";

/// What the site is made of: OUT may not be, or lie inside, any of these.
const SOURCES: [&str; 5] = ["content", "static", "themes", "loa.yaml", ".loa-cache"];

/// Names loa itself keeps inside OUT while publishing into a mount point: they do not make
/// OUT "hold files loa did not write". `lost+found` is what a freshly formatted disk holds.
const IGNORED_WHEN_EMPTY: [&str; 1] = ["lost+found"];

/// An output folder that passed the checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutDir {
    /// As the user wrote it, for messages.
    pub shown: PathBuf,
    /// Absolute, symlinks resolved: where the build really goes.
    pub real: PathBuf,
}

impl OutDir {
    /// Checks that a build of `site` may replace `out`.
    pub fn check(site: &Path, out: &Path) -> Result<OutDir, Diagnostic> {
        let site_real = resolve(site).map_err(|e| crate::fs::io_error("find the site folder", site, &e))?;
        let real = resolve(out).map_err(|e| crate::fs::io_error("find the output folder", out, &e))?;
        let shown = out.to_path_buf();
        let refuse = |why: Message| {
            Err(Diagnostic::error("output", msg!("out-refuse", out = &shown, reason = why))
                .with_hint(msg!("out-refuse-hint")))
        };
        if same(&real, &site_real) {
            return refuse(msg!("out-is-site"));
        }
        if inside(&site_real, &real) {
            return refuse(msg!("out-holds-site", site = site));
        }
        for source in SOURCES {
            let src = site_real.join(source);
            if same(&real, &src) || inside(&real, &src) {
                return refuse(msg!("out-in-sources", folder = source));
            }
        }
        let meta = match std::fs::metadata(&real) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(OutDir { shown, real }),
            Err(e) => return Err(crate::fs::io_error("read the output folder", out, &e)),
        };
        if !meta.is_dir() {
            return Err(Diagnostic::error("output", msg!("out-not-folder", out = &shown))
                .with_hint(msg!("out-not-folder-hint")));
        }
        if !made_by_loa(&real)? {
            return Err(
                Diagnostic::error("output", msg!("out-not-ours", out = &shown)).with_hint(msg!("out-not-ours-hint"))
            );
        }
        Ok(OutDir { shown, real })
    }
}

/// Empty (but for what loa keeps there itself), or carrying loa's marker.
fn made_by_loa(dir: &Path) -> Result<bool, Diagnostic> {
    if dir.join(MARKER).is_file() {
        return Ok(true);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| crate::fs::io_error("read the output folder", dir, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| crate::fs::io_error("read the output folder", dir, &e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !crate::fs::publish::is_loa_working_name(&name) && !IGNORED_WHEN_EMPTY.contains(&name.as_ref()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Absolute path with every symlink resolved, also for a path that does not exist yet: the
/// longest existing part is resolved by the file system, the rest is appended.
pub fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    resolve_within(path, 0)
}

/// Links followed before giving up (as the system does with `ELOOP`).
const MAX_LINKS: usize = 40;

fn resolve_within(path: &Path, links: usize) -> std::io::Result<PathBuf> {
    let absolute = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut current = PathBuf::new();
    let mut exists = true;
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => current.push(part.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                current.pop();
            }
            Component::Normal(name) => {
                current.push(name);
                if exists {
                    match current.canonicalize() {
                        Ok(real) => current = real,
                        // A link to a folder that does not exist yet: the build goes where it points.
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound && links < MAX_LINKS => {
                            match std::fs::read_link(&current) {
                                Ok(target) => {
                                    let base = current.parent().map(Path::to_path_buf).unwrap_or_default();
                                    current = resolve_within(&base.join(target), links + 1)?;
                                }
                                Err(_) => exists = false,
                            }
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => exists = false,
                        Err(e) => return Err(e),
                    }
                }
            }
        }
    }
    Ok(current)
}

/// Both paths name the same place (case-insensitively where the file system is).
fn same(a: &Path, b: &Path) -> bool {
    parts(a) == parts(b)
}

/// `inner` lies strictly inside `outer`.
fn inside(inner: &Path, outer: &Path) -> bool {
    let (inner, outer) = (parts(inner), parts(outer));
    inner.len() > outer.len() && inner[..outer.len()] == outer[..]
}

fn parts(p: &Path) -> Vec<OsString> {
    p.components()
        .map(|c| {
            let s = c.as_os_str();
            if cfg!(any(windows, target_os = "macos")) {
                OsString::from(s.to_string_lossy().to_lowercase())
            } else {
                s.to_os_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> (tempfile::TempDir, PathBuf) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        for dir in ["content", "static", "themes/x"] {
            std::fs::create_dir_all(site.join(dir)).unwrap();
        }
        std::fs::write(site.join("loa.yaml"), "title: T\n").unwrap();
        (tmp, site)
    }

    /// Issue 10: every OUT that would replace the user's own files is refused.
    #[test]
    fn outputs_that_hold_the_sources_are_refused() {
        let (tmp, site) = site();
        let refused = [
            site.clone(),
            site.join("."),
            site.join("content"),
            site.join("content/new"),
            site.join("static"),
            site.join("themes/x"),
            site.join("loa.yaml"),
            site.join(".loa-cache"),
            tmp.path().to_path_buf(),
            site.join("content/.."),
        ];
        for out in refused {
            assert!(OutDir::check(&site, &out).is_err(), "{} must be refused", out.display());
        }
    }

    #[test]
    fn new_empty_and_loa_made_folders_are_accepted() {
        let (tmp, site) = site();
        assert!(OutDir::check(&site, &site.join("public")).is_ok());
        assert!(OutDir::check(&site, &tmp.path().join("elsewhere/deep")).is_ok());
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(OutDir::check(&site, &empty).is_ok());
        let made = tmp.path().join("made");
        std::fs::create_dir(&made).unwrap();
        std::fs::write(made.join("index.html"), "x").unwrap();
        std::fs::write(made.join(MARKER), "{}").unwrap();
        assert!(OutDir::check(&site, &made).is_ok());
    }

    /// Issue 10: a folder with someone else's files is refused, with a hint.
    #[test]
    fn foreign_folders_are_refused() {
        let (tmp, site) = site();
        let docs = tmp.path().join("Documents");
        std::fs::create_dir(&docs).unwrap();
        std::fs::write(docs.join("bao-cao.docx"), "x").unwrap();
        let err = OutDir::check(&site, &docs).unwrap_err();
        assert_eq!(err.message.id, "out-not-ours", "{err}");
        assert_eq!(err.hint.map(|h| h.id), Some("out-not-ours-hint"));
        let file = tmp.path().join("file.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(OutDir::check(&site, &file).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_resolved_before_comparing() {
        let (tmp, site) = site();
        let link = tmp.path().join("link");
        std::os::unix::fs::symlink(site.join("content"), &link).unwrap();
        assert!(OutDir::check(&site, &link).is_err(), "a link into content/ is content/");
        let target = tmp.path().join("www");
        std::fs::create_dir(&target).unwrap();
        let to_www = tmp.path().join("to-www");
        std::os::unix::fs::symlink(&target, &to_www).unwrap();
        let out = OutDir::check(&site, &to_www).unwrap();
        assert_eq!(out.real, target.canonicalize().unwrap(), "published through the link");
    }

    #[test]
    fn resolve_handles_missing_parts_and_dot_dot() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        assert_eq!(resolve(&tmp.path().join("a/b/../c")).unwrap(), base.join("a/c"));
        assert_eq!(resolve(&tmp.path().join("./x")).unwrap(), base.join("x"));
    }
}
