//! Keeps `SITE/.loa-cache/` from growing for ever (issue 16). Every edit of a page makes new
//! entries (its PDFs, its cards) and leaves the old ones behind; a new font or loa version
//! leaves a whole set behind.
//!
//! After each run over the whole site (`loa build`, `loa check`, the first build of `loa
//! serve`; not the partial rebuilds of `serve`), [`sweep`] counts that run in
//! `.loa-cache/uses.txt` (`RUN FOLDER/STEM` for every entry, the run that last used it) and
//! removes an entry when
//! - no full run used it for [`KEEP_RUNS`] runs, or
//! - its folder holds more unused entries than it has used ones (and more than [`MIN_SPARE`]):
//!   the oldest go first, so a folder stays within about twice what the site needs.
//!
//! An entry the list does not know yet (made by a partial rebuild, or by an older loa) counts
//! as used by this run. Leftover temporary files of killed builds go after an hour. Two builds
//! sweeping at once lose nothing: a build whose entry vanished writes the bytes it read.

use super::cache::{TMP_MARK, stem};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// Full runs an entry may go unused before it is removed.
pub(crate) const KEEP_RUNS: u64 = 20;
/// Unused entries a folder may always keep, however few it uses.
pub(crate) const MIN_SPARE: usize = 100;
const LIST: &str = "uses.txt";
const HEADER: &str = "loa-cache-uses 1";
/// The list is loa's own small file; a damaged one bigger than this is not read.
const MAX_LIST_BYTES: u64 = 64 << 20;
const TMP_AGE: Duration = Duration::from_secs(3600);

/// Counts one full run that used `used` (`FOLDER/STEM`), then removes what is too old or too
/// many. Best effort: a cache that cannot be swept is only bigger.
pub(crate) fn sweep(root: &Path, used: &HashSet<String>) {
    let (last, known) = read_list(&root.join(LIST));
    let run = last + 1;
    let Ok(folders) = std::fs::read_dir(root) else { return };
    let mut kept: Vec<(String, u64)> = Vec::new();
    for folder in folders.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_dir())) {
        let name = folder.file_name().to_string_lossy().into_owned();
        kept.extend(sweep_folder(&folder.path(), &name, run, used, &known));
    }
    kept.sort();
    let mut text = format!("{HEADER} {run}\n");
    for (id, at) in kept {
        text.push_str(&format!("{at} {id}\n"));
    }
    let _ = super::write_atomic(&root.join(LIST), text.as_bytes());
}

/// One folder: removes what goes, returns what stays with the run that last used it.
fn sweep_folder(
    dir: &Path,
    folder: &str,
    run: u64,
    used: &HashSet<String>,
    known: &HashMap<String, u64>,
) -> Vec<(String, u64)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    // Entry id → the run that last used it and its files.
    let mut all: HashMap<String, (u64, Vec<std::path::PathBuf>)> = HashMap::new();
    for file in entries.flatten() {
        let name = file.file_name().to_string_lossy().into_owned();
        if name.contains(TMP_MARK) {
            let old = file.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            if old.is_some_and(|age| age > TMP_AGE) {
                let _ = std::fs::remove_file(file.path());
            }
            continue;
        }
        let id = format!("{folder}/{}", stem(&name));
        let at = if used.contains(&id) { run } else { known.get(&id).copied().unwrap_or(run) };
        all.entry(id).or_insert((at, Vec::new())).1.push(file.path());
    }
    let in_use = all.values().filter(|(at, _)| *at == run).count();
    let mut unused: Vec<(&String, u64)> =
        all.iter().filter(|(_, (at, _))| *at < run).map(|(id, (at, _))| (id, *at)).collect();
    // Newest first: what is beyond the spare room, and everything too old, goes.
    unused.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let room = in_use.max(MIN_SPARE);
    let gone: HashSet<String> = unused
        .iter()
        .enumerate()
        .filter(|(i, (_, at))| *i >= room || run - at >= KEEP_RUNS)
        .map(|(_, (id, _))| (*id).clone())
        .collect();
    let mut kept = Vec::new();
    for (id, (at, files)) in all {
        if gone.contains(&id) {
            files.iter().for_each(|f| {
                // A folder is an entry too (a build's kept copy of its OUT, `builds/*.base`).
                let _ = std::fs::remove_file(f).or_else(|_| std::fs::remove_dir_all(f));
            });
        } else {
            kept.push((id, at));
        }
    }
    kept
}

/// The last run's number and, per entry, the run that last used it. A missing or damaged list
/// starts again from nothing (every entry then counts as used now).
fn read_list(path: &Path) -> (u64, HashMap<String, u64>) {
    let mut text = String::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_LIST_BYTES).read_to_string(&mut text));
    let mut lines = text.lines();
    let last = match (read, lines.next().and_then(|h| h.strip_prefix(HEADER))) {
        (Ok(_), Some(n)) => n.trim().parse().unwrap_or(0),
        _ => return (0, HashMap::new()),
    };
    let known = lines
        .filter_map(|l| l.split_once(' '))
        .filter_map(|(at, id)| Some((id.to_string(), at.parse::<u64>().ok()?.min(last))))
        .collect();
    (last, known)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(root: &Path, folder: &str, name: &str) {
        std::fs::create_dir_all(root.join(folder)).unwrap();
        std::fs::write(root.join(folder).join(name), b"x").unwrap();
    }

    fn names(root: &Path, folder: &str) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    /// Issue 16: an entry no full run used for KEEP_RUNS runs is removed, with all its files;
    /// one in use stays however old.
    #[test]
    fn unused_entries_go_after_some_runs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        entry(root, "images", "aa.txt");
        entry(root, "images", "aa-480.jpg");
        entry(root, "print", "bb.pdf");
        let used: HashSet<String> = ["print/bb".to_string()].into();
        for _ in 0..KEEP_RUNS {
            sweep(root, &used);
        }
        assert_eq!(names(root, "images"), ["aa-480.jpg", "aa.txt"], "kept for {KEEP_RUNS} runs");
        sweep(root, &used);
        assert!(names(root, "images").is_empty(), "gone after that");
        assert_eq!(names(root, "print"), ["bb.pdf"]);
    }

    /// Issue 16: a folder keeps about as many unused entries as used ones, the newest.
    #[test]
    fn a_folder_keeps_at_most_its_spare_room() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let n = MIN_SPARE + 5;
        for i in 0..n {
            entry(root, "share", &format!("old{i:04}.png"));
        }
        sweep(root, &HashSet::new());
        // The next run uses none of them but one new entry.
        entry(root, "share", "new.png");
        sweep(root, &["share/new".to_string()].into());
        let left = names(root, "share");
        assert_eq!(left.len(), MIN_SPARE + 1, "{left:?}");
        assert!(left.contains(&"new.png".to_string()));
    }

    #[test]
    fn a_damaged_list_starts_again() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LIST), "rubbish\n1 x").unwrap();
        assert_eq!(read_list(&dir.path().join(LIST)).0, 0);
        entry(dir.path(), "print", "k.pdf");
        sweep(dir.path(), &HashSet::new());
        assert_eq!(names(dir.path(), "print"), ["k.pdf"]);
        assert!(std::fs::read_to_string(dir.path().join(LIST)).unwrap().starts_with(&format!("{HEADER} 1\n")));
    }
}
