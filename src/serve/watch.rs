//! Watching the site: notify over `content/`, `themes/`, `static/` and `loa.yaml`, events
//! debounced into batches, and a pure classification of each changed path (table-tested)
//! that decides how much to rebuild.

use crate::content::is_hidden;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Editors save in bursts (write a temp file, rename, touch): events closer than this are one
/// change. Short, because it is part of every save-to-reload.
const QUIET: Duration = Duration::from_millis(10);
/// A burst never delays a rebuild longer than this.
const MAX_BURST: Duration = Duration::from_millis(500);

/// What one changed path asks for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// A Markdown file under `content/` (path relative to `content/`): re-read that page.
    Page(PathBuf),
    /// A file copied as is: `source` relative to the site, `out` its path under OUT.
    Static {
        source: PathBuf,
        out: String,
    },
    /// Templates, config, pictures (they are processed), folders: rebuild everything.
    Everything,
    Ignore,
}

const PICTURES: [&str; 4] = ["jpg", "jpeg", "png", "webp"];

/// `rel` is relative to the site folder; `is_dir`: it is a folder now.
pub fn classify(rel: &Path, is_dir: bool) -> Change {
    let mut parts = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => return Change::Ignore,
        }
    }
    if parts.is_empty() || parts.iter().any(|p| is_hidden(p)) {
        return Change::Ignore;
    }
    let rest = || parts[1..].join("/");
    let ext = rel.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
    match (parts[0].as_str(), parts.len(), ext.as_deref()) {
        ("loa.yaml", 1, _) => Change::Everything,
        ("themes", _, _) => Change::Everything,
        ("content" | "static", 1, _) => Change::Everything,
        ("content", _, Some("md")) => Change::Page(parts[1..].iter().collect()),
        // A folder appeared or was renamed (with its pages): the site's shape changed. A removed
        // folder also reports each file in it, which asks for the same.
        ("content" | "static", _, _) if is_dir => Change::Everything,
        // A picture is resized for the pages that show it.
        ("content" | "static", _, Some(e)) if PICTURES.contains(&e) => Change::Everything,
        // No extension and no folder: an editor's or tool's scratch file (`sed -i`, vim's `4913`).
        ("content" | "static", _, None) => Change::Ignore,
        ("content" | "static", _, Some(_)) => Change::Static { source: rel.to_path_buf(), out: rest() },
        _ => Change::Ignore,
    }
}

/// Watches the site and hands out debounced batches of changes.
///
/// Symbolic links are never followed out of the site (issue 10: `static/root -> /` made serve
/// walk the whole disk for 25 s before it started). A link that resolves inside the site is
/// the rule loading follows too: its target is watched (when no watched folder holds it
/// already), and a change there is reported under the link's own path as well.
pub struct Watcher {
    root: PathBuf,
    /// In-site links: where each resolves, and its path relative to the site.
    links: Vec<(PathBuf, PathBuf)>,
    // Kept alive: dropping it stops the events.
    _inner: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

const WATCHED: [&str; 3] = ["content", "themes", "static"];

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher, crate::diag::Diagnostic> {
        use notify::{RecursiveMode, Watcher as _};
        let fail = |e: notify::Error| {
            crate::diag::Diagnostic::error("serve", crate::msg!("serve-cannot-watch", reason = e.to_string()))
                .with_hint(crate::msg!("serve-cannot-watch-hint"))
        };
        let root = root.canonicalize().map_err(|e| crate::fs::io_error("open", root, &e))?;
        let (tx, events) = channel();
        let handler = move |e| {
            let _ = tx.send(e);
        };
        let config = notify::Config::default().with_follow_symlinks(false);
        let mut inner = notify::RecommendedWatcher::new(handler, config).map_err(fail)?;
        // The folder itself, not recursively: `loa.yaml`, and `themes/` or `static/` appearing.
        inner.watch(&root, RecursiveMode::NonRecursive).map_err(fail)?;
        let mut watched: Vec<PathBuf> = Vec::new();
        let mut links = Vec::new();
        for dir in WATCHED {
            let path = root.join(dir);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_dir() => watched.push(path),
                Ok(m) if m.is_symlink() => links.push((path, PathBuf::from(dir))),
                _ => {}
            }
        }
        for dir in &watched {
            links.extend(links_under(&root, dir));
        }
        // Links out of the site are dropped here: nothing there is ever watched.
        let links: Vec<(PathBuf, PathBuf)> =
            links.into_iter().filter_map(|(link, rel)| Some((inside(&root, &link)?, rel))).collect();
        for (target, _) in &links {
            if target.is_dir() && !watched.iter().any(|w| target.starts_with(w)) {
                watched.push(target.clone());
            }
        }
        for dir in &watched {
            inner.watch(dir, RecursiveMode::Recursive).map_err(fail)?;
        }
        Ok(Watcher { root, links, _inner: inner, events })
    }

    /// Blocks until something changed, then gathers the burst; `None` once watching ended.
    pub fn next_batch(&self) -> Option<Vec<Change>> {
        let mut changes = Vec::new();
        let first = self.events.recv().ok()?;
        self.add(first, &mut changes);
        let started = Instant::now();
        while started.elapsed() < MAX_BURST {
            match self.events.recv_timeout(QUIET) {
                Ok(e) => self.add(e, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changes.sort();
        changes.dedup();
        Some(changes)
    }

    fn add(&self, event: notify::Result<notify::Event>, changes: &mut Vec<Change>) {
        let event = match event {
            Ok(e) => e,
            // Lost events (queue overflow): only a full rebuild is sure to be right.
            Err(_) => return changes.push(Change::Everything),
        };
        if matches!(event.kind, notify::EventKind::Access(_)) {
            return;
        }
        for path in &event.paths {
            for rel in site_paths(&self.root, &self.links, path) {
                match classify(&rel, path.is_dir()) {
                    Change::Ignore => {}
                    c => changes.push(c),
                }
            }
        }
    }
}

/// Where `link` resolves, when that is inside `root` (both canonical); `None` for a link out of
/// the site or one that resolves nowhere.
fn inside(root: &Path, link: &Path) -> Option<PathBuf> {
    let target = link.canonicalize().ok()?;
    target.starts_with(root).then_some(target)
}

/// Every symbolic link under `dir`, found without following any (with its path relative to
/// `root`).
fn links_under(root: &Path, dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .flatten()
        .filter(|e| e.path_is_symlink())
        .filter_map(|e| Some((e.path().to_path_buf(), e.path().strip_prefix(root).ok()?.to_path_buf())))
        .collect()
}

/// The site-relative paths a changed `path` stands for: its own, and the path through each
/// in-site link that leads to it (`links`: target, link relative to the site).
fn site_paths(root: &Path, links: &[(PathBuf, PathBuf)], path: &Path) -> Vec<PathBuf> {
    let own = path.strip_prefix(root).ok().map(Path::to_path_buf);
    let through = links.iter().filter_map(|(target, rel)| Some(rel.join(path.strip_prefix(target).ok()?)));
    own.into_iter().chain(through).map(|p| p.components().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let page = |p: &str| Change::Page(PathBuf::from(p));
        let copy = |s: &str, o: &str| Change::Static { source: PathBuf::from(s), out: o.to_string() };
        let cases = [
            // (path, is a folder now, what it asks for)
            ("content/goi-111.md", page("goi-111.md")),
            ("content/tin-tuc/tin-1.hmn.md", page("tin-tuc/tin-1.hmn.md")),
            ("content/_index.md", page("_index.md")),
            ("loa.yaml", Change::Everything),
            ("themes/default/templates/page.html", Change::Everything),
            ("themes/default/i18n/hmn.yaml", Change::Everything),
            ("static/img/mark.svg", copy("static/img/mark.svg", "img/mark.svg")),
            ("static/robots.txt", copy("static/robots.txt", "robots.txt")),
            ("content/tin-tuc/to-roi.pdf", copy("content/tin-tuc/to-roi.pdf", "tin-tuc/to-roi.pdf")),
            ("content/anh/a.JPG", Change::Everything),
            ("static/logo.png", Change::Everything),
            ("content/tin-tuc/", Change::Everything),
            ("content", Change::Everything),
            ("content/4913", Change::Ignore),
            ("content/sedAb12Cd", Change::Ignore),
            ("static/tmpfile", Change::Ignore),
            // Editor leftovers and hidden files.
            ("content/.goi-111.md.swp", Change::Ignore),
            ("content/goi-111.md~", Change::Ignore),
            ("content/#goi-111.md#", Change::Ignore),
            ("content/.#goi-111.md", Change::Ignore),
            ("content/goi-111.md.tmp", Change::Ignore),
            ("content/.git/index", Change::Ignore),
            ("themes/default/templates/.page.html.swp", Change::Ignore),
            // Not watched for the site: output, cache, anything else.
            ("public/index.html", Change::Ignore),
            (".loa-cache/images/x.txt", Change::Ignore),
            ("notes.md", Change::Ignore),
            ("loa.yaml.bak", Change::Ignore),
            ("", Change::Ignore),
            ("../content/a.md", Change::Ignore),
        ];
        for (path, want) in cases {
            // A trailing slash in the table marks a folder.
            let is_dir = path.ends_with('/');
            assert_eq!(classify(Path::new(path), is_dir), want, "{path}");
        }
    }

    #[test]
    fn changes_through_in_site_links_are_reported_under_the_link_too() {
        let root = Path::new("/site");
        let links = [
            (PathBuf::from("/site/shared"), PathBuf::from("content/chung")),
            (PathBuf::from("/site/content/goi-111.md"), PathBuf::from("content/goi.md")),
        ];
        let cases: [(&str, &[&str]); 5] = [
            ("/site/content/a.md", &["content/a.md"]),
            ("/site/shared/b.md", &["shared/b.md", "content/chung/b.md"]),
            ("/site/shared", &["shared", "content/chung"]),
            ("/site/content/goi-111.md", &["content/goi-111.md", "content/goi.md"]),
            ("/elsewhere/c.md", &[]),
        ];
        for (path, want) in cases {
            let got = site_paths(root, &links, Path::new(path));
            let want: Vec<PathBuf> = want.iter().map(PathBuf::from).collect();
            assert_eq!(got, want, "{path}");
        }
    }
}
