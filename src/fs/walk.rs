//! Listing the files of a site folder (`content/`, `static/`, a theme), with one rule for links.
//!
//! A symlink is followed only when it resolves to a place inside the site folder; a link that
//! leads outside (`static/root -> /`, a picture linked from the user's Documents) is skipped with
//! a warning naming it, so nothing from outside the site is published by accident and nothing is
//! skipped silently (issue 10). Loops of links are skipped the same way. Hidden and editor files
//! are left out ([`is_hidden`]).

use crate::diag::Diagnostic;
use crate::msg;
use std::path::{Path, PathBuf};

/// A regular file found under the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Relative to the folder walked, `/`-separated.
    pub rel: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// Every regular file under `dir` (sorted by name), following only links that stay inside
/// `site_root`. `shown` is how `dir` is named in warnings (`static`).
pub fn site_files(site_root: &Path, dir: &Path, shown: &Path) -> (Vec<Found>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    if !dir.is_dir() {
        return (files, warnings);
    }
    let Ok(root) = site_root.canonicalize() else { return (files, warnings) };
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    let mut walker = walker.filter_entry(|e| e.depth() == 0 || !is_hidden(&e.file_name().to_string_lossy()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let at = err.path().map(|p| shown_path(dir, shown, p)).unwrap_or_else(|| shown.to_path_buf());
                let why = if err.loop_ancestor().is_some() { msg!("walk-loop") } else { msg!("walk-unreadable") };
                warnings.push(skipped(&at, why));
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = entry.path().canonicalize().is_ok_and(|real| real.starts_with(&root));
            if !inside {
                warnings.push(skipped(&shown_path(dir, shown, entry.path()), msg!("walk-outside")));
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        files.push(Found { rel: rel.to_string_lossy().replace('\\', "/"), path: entry.path().to_path_buf() });
    }
    (files, warnings)
}

fn shown_path(dir: &Path, shown: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(dir).map(|rel| shown.join(rel)).unwrap_or_else(|_| path.to_path_buf())
}

fn skipped(at: &Path, why: crate::messages::Message) -> Diagnostic {
    Diagnostic::warning("link", msg!("walk-skipped", path = at, reason = why))
        .in_file(at)
        .with_hint(msg!("walk-skipped-hint"))
}

/// Hidden files and the temporary files editors leave next to the one being edited.
pub fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        // Backups (`loa check --fix-encoding` keeps the original as `NAME.md.bak`) hold text the
        // editor replaced: they are never published.
        || name.ends_with(".bak")
}

/// Whether `path`, once every link is resolved, lies inside `site_root` (pictures a page names).
pub fn stays_inside(site_root: &Path, path: &Path) -> bool {
    match (site_root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(real)) => real.starts_with(root),
        _ => false,
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    /// Issue 10: links inside the site are followed, links out of it and loops are skipped with
    /// a warning each.
    #[test]
    fn links_are_followed_only_inside_the_site() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let outside = tmp.path().join("outside");
        std::fs::create_dir_all(site.join("static/img")).unwrap();
        std::fs::create_dir_all(site.join("shared")).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(site.join("static/img/a.png"), "a").unwrap();
        std::fs::write(site.join("shared/b.pdf"), "b").unwrap();
        std::fs::write(outside.join("secret.txt"), "s").unwrap();
        symlink(site.join("shared"), site.join("static/docs")).unwrap();
        symlink(&outside, site.join("static/out")).unwrap();
        symlink(outside.join("secret.txt"), site.join("static/secret.txt")).unwrap();
        symlink(site.join("static"), site.join("static/img/loop")).unwrap();
        std::fs::write(site.join("static/.hidden"), "h").unwrap();
        let (files, warnings) = site_files(&site, &site.join("static"), Path::new("static"));
        let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["docs/b.pdf", "img/a.png"]);
        let skipped: Vec<String> = warnings.iter().map(|w| w.file.clone().unwrap().display().to_string()).collect();
        assert_eq!(skipped, ["static/img/loop", "static/out", "static/secret.txt"], "{warnings:?}");
    }
}
