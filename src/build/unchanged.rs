//! A build whose inputs did not change since the last one into the same OUT (issue 16).
//!
//! Then OUT already holds exactly what the pipeline would make, so `loa build` checks that and
//! says so instead of making 15,000 pages again. It is still the guarded build of issue 11: the
//! last build ran every check on these same inputs and published only because none failed; its
//! warnings are kept and shown again, so a repeated build says everything a full one would.
//!
//! What decides the output, all in [`Inputs`]: every file loa reads (`loa.yaml`, `content/`,
//! `static/`, `themes/`: path, size, modification time), the loa program itself (a new version
//! renders differently), the options, the day (the home's upcoming list, the calendar, the
//! kits' dates) and `SOURCE_DATE_EPOCH`. OUT must still be what that build published: the
//! same files with the same sizes and times, nothing added or removed, and no folder a killed
//! build left beside it. Anything else, or any doubt (an unreadable file, a cache that does not
//! parse), means a full build.
//!
//! A file changed in the same instant the last build looked at it could carry the same time
//! (file systems keep times to 2 s on FAT USB sticks): a build that saw a file younger than
//! [`SETTLE`] keeps no record, so the next one is a full build.

use super::{BuildOptions, BuildSummary};
use crate::channels::Channels;
use crate::diag::saved::SavedDiagnostic;
use crate::fs::OutDir;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

/// Bump when the record's meaning changes.
const FORMAT: u32 = 4;
/// Inputs younger than this when a build starts are not trusted to show a later change.
const SETTLE: Duration = Duration::from_secs(3);
/// A record bigger than this is not loa's: a full build.
const MAX_RECORD: u64 = 8 << 20;
/// Bounds on what a record may hold (it is read back as messages).
const MAX_WARNINGS: usize = 10_000;
/// Folders and files of the site that loa reads.
const READ: [&str; 4] = ["loa.yaml", "content", "static", "themes"];

/// The fingerprint of everything a build reads, taken before it reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inputs {
    hash: u128,
    /// No input was younger than [`SETTLE`]: a record of this build can be trusted.
    settled: bool,
}

impl Inputs {
    /// The fingerprint of everything a build reads: its [`Shape`] with every page file's size
    /// and time (one walk gives both).
    pub(crate) fn of(shape: &Shape) -> Inputs {
        let mut pages: Vec<&(PathBuf, crate::fs::Stamp, bool)> = shape.pages.iter().collect();
        pages.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut h = SipHasher13::new();
        h.write_u32(FORMAT);
        h.write_u128(shape.hash);
        for (path, (len, time), _) in &pages {
            text(&mut h, &path.to_string_lossy());
            h.write_u64(*len);
            h.write_u64(time.as_secs());
            h.write_u32(time.subsec_nanos());
        }
        let settled = shape.settled && !pages.iter().any(|(_, _, young)| *young);
        Inputs { hash: h.finish128().as_u128(), settled }
    }
}

/// What decides a build but the pages' own files (see `super::incremental`): the same walk as
/// [`Inputs`], with each page file's size and time left out of the fingerprint and given apart.
pub(crate) struct Shape {
    pub(crate) hash: u128,
    /// No input but the page files was younger than [`SETTLE`].
    pub(crate) settled: bool,
    /// Each page file (`content/...`), with its size and time, and whether it was younger
    /// than [`SETTLE`] (its time may not show its next change).
    pub(crate) pages: Vec<(PathBuf, crate::fs::Stamp, bool)>,
}

impl Shape {
    /// `None` when an input cannot be looked at.
    pub(crate) fn of(opts: &BuildOptions, out: &OutDir) -> Option<Shape> {
        let started = SystemTime::now();
        let mut h = SipHasher13::new();
        h.write(b"shape");
        h.write_u32(FORMAT);
        h.write(&crate::fs::record::program_identity()?);
        h.write_u8(u8::from(opts.drafts));
        text(&mut h, opts.base_url.as_deref().unwrap_or("\0"));
        text(&mut h, &out.real.to_string_lossy());
        text(&mut h, &crate::clock::today().iso());
        text(&mut h, &std::env::var("SOURCE_DATE_EPOCH").unwrap_or_default());
        let walk = InputWalk::new(started, true);
        for top in READ {
            for part in walk.top(&opts.site, top)? {
                h.write(&part);
            }
        }
        let settled = !walk.unsettled.load(Ordering::Relaxed);
        let pages = walk.pages.into_inner().unwrap_or_else(|p| p.into_inner());
        Some(Shape { hash: h.finish128().as_u128(), settled, pages })
    }
}

/// Folders deeper than this among the inputs are not followed: a full build, which says what is
/// wrong (rayon's workers have stacks of 2 MiB).
const MAX_INPUT_DEPTH: usize = 64;
/// More entries than this among the inputs mean a full build. Links that loop (`a/b -> ..`)
/// would otherwise be walked round and round: a walk stops here or at [`MAX_INPUT_DEPTH`].
const MAX_INPUT_ENTRIES: usize = 1_000_000;

/// The walk over what a build reads, as a sorted walk that follows links lists it: each entry's
/// path under the site, whether it is a folder and, for a file, its size and time (the bytes of
/// [`list_entry`]). Folders are read in parallel: reading the 15,000 pages of 3 x 5,000 one by
/// one was ~50 ms on one core at the start of every build, the other idle (issue 16).
struct InputWalk {
    started: SystemTime,
    entries: AtomicUsize,
    /// A file younger than [`SETTLE`] was seen.
    unsettled: AtomicBool,
    /// For a [`Shape`]: page files are listed without their size and time, which go here.
    shape: bool,
    pages: std::sync::Mutex<Vec<(PathBuf, crate::fs::Stamp, bool)>>,
}

impl InputWalk {
    fn new(started: SystemTime, shape: bool) -> InputWalk {
        InputWalk {
            started,
            entries: AtomicUsize::new(0),
            unsettled: AtomicBool::new(false),
            shape,
            pages: std::sync::Mutex::default(),
        }
    }

    /// `top` (`loa.yaml`, `content`...) under `site`; an absent one is listed as absent.
    fn top(&self, site: &Path, top: &str) -> Option<Vec<Vec<u8>>> {
        let root = site.join(top);
        let mut first = Vec::new();
        let meta = match std::fs::metadata(&root) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Not there at all is an input too (a site without static/).
                list_absent(&mut first, Path::new(top));
                return Some(vec![first]);
            }
            Err(_) => return None,
        };
        self.count(1)?;
        self.note_age(&meta);
        list_entry(&mut first, Path::new(top), meta.is_dir(), stamp_of(&meta));
        let mut parts = vec![first];
        if meta.is_dir() {
            parts.extend(self.under(&root, Path::new(top), &[folder_key(&meta)])?);
        }
        Some(parts)
    }

    /// Counts `n` more entries seen: `None` past [`MAX_INPUT_ENTRIES`].
    fn count(&self, n: usize) -> Option<()> {
        (self.entries.fetch_add(n, Ordering::Relaxed) + n <= MAX_INPUT_ENTRIES).then_some(())
    }

    /// Notes whether `meta`, if a file's, is younger than [`SETTLE`].
    fn note_age(&self, meta: &std::fs::Metadata) {
        if self.young(meta) {
            self.unsettled.store(true, Ordering::Relaxed);
        }
    }

    /// A file younger than [`SETTLE`] when the walk began.
    fn young(&self, meta: &std::fs::Metadata) -> bool {
        let age = meta.modified().ok().and_then(|m| self.started.duration_since(m).ok());
        meta.is_file() && age.is_none_or(|a| a < SETTLE)
    }

    /// What is in folder `dir` (`rel` under the site; `ancestors` the keys of it and the
    /// folders it is in), by name, each folder's contents right after it. A link is followed:
    /// what it leads to is listed under the link's name; one that leads back to a folder it is
    /// in means a full build.
    fn under(&self, dir: &Path, rel: &Path, ancestors: &[Option<(u64, u64)>]) -> Option<Vec<Vec<u8>>> {
        if ancestors.len() > MAX_INPUT_DEPTH {
            return None;
        }
        let mut here = Vec::new();
        for entry in std::fs::read_dir(dir).ok()? {
            let entry = entry.ok()?;
            let meta = if entry.file_type().ok()?.is_symlink() {
                std::fs::metadata(entry.path()).ok()?
            } else {
                entry.metadata().ok()?
            };
            let mut stamp = stamp_of(&meta);
            let name = entry.file_name();
            if self.shape
                && let (Some(real), true) = (stamp, rel.starts_with(crate::content::CONTENT_DIR))
                && name.to_str().is_some_and(crate::content::is_page_file)
            {
                // Listed, so a page added or removed still changes the shape; its time is not.
                let young = self.young(&meta);
                self.pages.lock().unwrap_or_else(|p| p.into_inner()).push((rel.join(&name), real, young));
                stamp = Some((0, Duration::ZERO));
            } else {
                self.note_age(&meta);
            }
            here.push((name, stamp, folder_key(&meta)));
        }
        // Counted before going deeper: the folders below are read first.
        self.count(here.len())?;
        in_walk_order(here, rel, |name, key| {
            if key.is_some() && ancestors.contains(key) {
                return None;
            }
            self.under(&dir.join(name), &rel.join(name), &[ancestors, &[*key]].concat())
        })
    }
}

/// Every file under OUT with its size and time: what a later build compares OUT against.
///
/// Read once after every full build and once by every build that finds its inputs unchanged:
/// OUT of 3 x 5,000 pages is 18,000 folders and 33,000 files, and reading them one by one was
/// ~0.18 s of the single-threaded end of a build (issue 16). So the folders are read in
/// parallel ([`listing`]), each entry's metadata is asked of its open folder, and what is
/// hashed is what a sorted walk lists, in its order (see the tests).
pub(crate) fn out_files(out: &Path) -> Option<u128> {
    let mut h = SipHasher13::new();
    for part in listing(out)? {
        h.write(&part);
    }
    Some(h.finish128().as_u128())
}

/// [`out_files`] of OUT just published: from `made` (see [`out_files_of`]) when the sink could
/// say what it made and OUT was published in one step, else from a listing of OUT.
pub(crate) fn published_files(out: &Path, made: Option<Vec<(PathBuf, crate::fs::Stamp)>>) -> Option<u128> {
    let Some(made) = made else { return out_files(out) };
    let marker = std::fs::symlink_metadata(out.join(crate::fs::MARKER)).ok()?;
    Some(out_files_of(made, crate::fs::stamp(&marker)))
}

/// [`out_files`] of OUT just published, from `made`, the files the build's sink made (its
/// [`crate::fs::DirSink::made`]), and the stamp of loa's marker, which publishing adds: the
/// same value, without reading OUT's 51,000 entries again at the end of every build (~0.1 s,
/// issue 16). Only for OUT published in one step, where nothing else is in it (not a mount
/// point, where loa's lock file is inside). The folders are those the files are in (a build
/// makes no empty one); a folder has no stamp, so they are listed from the paths alone. Should
/// this ever differ from a listing, the next build is a full one, never a wrong reuse.
pub(crate) fn out_files_of(made: Vec<(PathBuf, crate::fs::Stamp)>, marker: crate::fs::Stamp) -> u128 {
    let mut entries: Vec<(PathBuf, Option<crate::fs::Stamp>)> = Vec::with_capacity(made.len() * 3 / 2 + 1);
    let mut folders = rustc_hash::FxHashSet::default();
    for (file, _) in &made {
        for folder in file.ancestors().skip(1).filter(|a| !a.as_os_str().is_empty()) {
            if !folders.insert(folder.to_path_buf()) {
                break;
            }
        }
    }
    entries.extend(folders.into_iter().map(|f| (f, None)));
    let marker_path = Path::new(crate::fs::MARKER);
    entries.extend(made.into_iter().filter(|(f, _)| f != marker_path).map(|(f, stamp)| (f, Some(stamp))));
    entries.push((PathBuf::from(crate::fs::MARKER), Some(marker)));
    // A sorted walk's order, each folder right before what is in it: paths compared component
    // by component, which for these (only plain names, one separator between them) is their
    // bytes compared with the separator below every other byte. Comparing `Path`s parses
    // both at every step: sorting OUT's 66,000 entries so was ~0.15 s on one core at the
    // end of every build (issue 16). Compared in place: a sort key for each entry was 6 MB
    // more at the end of a build, where memory peaks.
    entries.sort_unstable_by(|(a, _), (b, _)| walk_order(a, b));
    let mut h = SipHasher13::new();
    let mut bytes = Vec::with_capacity(1 << 16);
    list_entry(&mut bytes, Path::new(""), true, None);
    for (path, stamp) in &entries {
        list_entry(&mut bytes, path, stamp.is_none(), *stamp);
        if bytes.len() > 1 << 15 {
            h.write(&bytes);
            bytes.clear();
        }
    }
    h.write(&bytes);
    h.finish128().as_u128()
}

/// The order of `a` and `b` as their bytes with each separator made the lowest byte: for paths
/// of plain names with one separator between them (no name holds a zero byte), the order of
/// their components.
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    let sep = std::path::MAIN_SEPARATOR as u8;
    let low = |byte: u8| if byte == sep { 0 } else { byte };
    let (a, b) = (a.as_os_str().as_encoded_bytes(), b.as_os_str().as_encoded_bytes());
    // Equal bytes are equal once mapped: the first differing byte, or the shorter path, decides.
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match (a.get(same), b.get(same)) {
        (Some(&x), Some(&y)) => low(x).cmp(&low(y)),
        (x, y) => x.is_some().cmp(&y.is_some()),
    }
}

/// Folders deeper than this under OUT are not read (no build of loa makes them; the stack of a
/// rayon worker is 2 MiB): the next build is a full one.
const MAX_OUT_DEPTH: usize = 100;

/// OUT as a sorted walk (walkdir's) lists it, the root itself first with an empty path: each
/// entry's path, whether it is a folder and, if not, its size and time (see [`list_entry`]).
/// A link is listed as itself and never followed, except OUT itself. In parts, one or more
/// per folder, never copied into one: a build's peak memory is at its end, with the whole
/// site still loaded.
fn listing(out: &Path) -> Option<Vec<Vec<u8>>> {
    let mut root = Vec::new();
    let meta = std::fs::symlink_metadata(out).ok()?;
    list_entry(&mut root, Path::new(""), meta.is_dir(), stamp_of(&meta));
    let mut parts = vec![root];
    if out.is_dir() {
        parts.extend(listing_under(out, Path::new(""), 0)?);
    }
    Some(parts)
}

/// Everything in folder `dir` (`rel` under OUT): its entries by name, each folder's own
/// contents right after it. Folders are read in parallel, each into parts of its own.
fn listing_under(dir: &Path, rel: &Path, depth: usize) -> Option<Vec<Vec<u8>>> {
    if depth > MAX_OUT_DEPTH {
        return None;
    }
    let mut here = Vec::new();
    for entry in std::fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        // The type as the folder lists it: a folder needs nothing more (a third of OUT's
        // entries). Neither asks what a link leads to.
        let stamp = if entry.file_type().ok()?.is_dir() {
            None
        } else {
            // Asked of the open folder, not by a whole path looked up again from the root.
            Some(stamp_of(&entry.metadata().ok()?)?)
        };
        here.push((entry.file_name(), stamp, ()));
    }
    in_walk_order(here, rel, |name, ()| listing_under(&dir.join(name), &rel.join(name), depth + 1))
}

/// The parts of one folder (`rel`) in a sorted walk, for both walks above: `here` holds its
/// entries (name, stamp or `None` for a folder, what going into that folder needs); each folder's
/// own parts, read by `into` in parallel, follow its entry.
fn in_walk_order<T: Sync>(
    mut here: Vec<(std::ffi::OsString, Option<crate::fs::Stamp>, T)>,
    rel: &Path,
    into: impl Fn(&std::ffi::OsString, &T) -> Option<Vec<Vec<u8>>> + Sync,
) -> Option<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    here.sort_by(|a, b| a.0.cmp(&b.0));
    let folders: Vec<Option<Vec<Vec<u8>>>> =
        here.par_iter().filter(|(_, stamp, _)| stamp.is_none()).map(|(name, _, more)| into(name, more)).collect();
    let mut folders = folders.into_iter();
    let (mut parts, mut bytes) = (Vec::new(), Vec::new());
    for (name, stamp, _) in &here {
        list_entry(&mut bytes, &rel.join(name), stamp.is_none(), *stamp);
        if stamp.is_none() {
            parts.push(std::mem::take(&mut bytes));
            parts.extend(folders.next()??);
        }
    }
    parts.push(bytes);
    Some(parts)
}

/// Size and time of an entry that is not a folder; `None` for a folder.
fn stamp_of(meta: &std::fs::Metadata) -> Option<(u64, Duration)> {
    (!meta.is_dir()).then(|| crate::fs::stamp(meta))
}

/// One entry of [`listing`]: the path's length and bytes, 1 for a folder, else 0 and the size
/// and time (`stamp`), each number little-endian.
fn list_entry(bytes: &mut Vec<u8>, rel: &Path, dir: bool, stamp: Option<(u64, Duration)>) {
    let path = rel.to_string_lossy();
    bytes.extend((path.len() as u64).to_le_bytes());
    bytes.extend(path.as_bytes());
    bytes.push(u8::from(dir));
    if let Some((len, time)) = stamp {
        bytes.extend(len.to_le_bytes());
        bytes.extend(time.as_secs().to_le_bytes());
        bytes.extend(time.subsec_nanos().to_le_bytes());
    }
}

/// What tells a folder from every other on the machine, where the system says (a link that
/// leads back to a folder it is in has the same).
fn folder_key(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// An input that is not there: its path and 2 (neither a folder, 1, nor a file, 0).
fn list_absent(bytes: &mut Vec<u8>, rel: &Path) {
    let path = rel.to_string_lossy();
    bytes.extend((path.len() as u64).to_le_bytes());
    bytes.extend(path.as_bytes());
    bytes.push(2);
}

fn text(h: &mut SipHasher13, s: &str) {
    h.write_usize(s.len());
    h.write(s.as_bytes());
}

/// What the last build into an OUT saw and said, in `.loa-cache/builds/` (never in OUT: its
/// warnings may quote what the privacy check found).
#[derive(Serialize, Deserialize)]
struct Record {
    format: u32,
    inputs: String,
    out_files: String,
    pages_per_language: BTreeMap<String, usize>,
    files: usize,
    channels: Channels,
    warnings: Vec<SavedDiagnostic>,
}

pub(crate) fn record_path(site: &Path, out: &OutDir) -> PathBuf {
    let mut h = SipHasher13::new();
    text(&mut h, &out.real.to_string_lossy());
    site.join(crate::pipeline::CACHE_DIR).join("builds").join(format!("{:032x}.json", h.finish128().as_u128()))
}

/// The summary of the last build when nothing it depended on changed since, else `None`.
pub(crate) fn reuse(opts: &BuildOptions, out: &OutDir, inputs: Option<Inputs>) -> Option<BuildSummary> {
    let inputs = inputs?;
    let crate::fs::bounded::Bounded::Bytes(bytes) =
        crate::fs::bounded::read_bounded(&record_path(&opts.site, out), MAX_RECORD).ok()?
    else {
        return None;
    };
    let record: Record = serde_json::from_slice(&bytes).ok()?;
    if record.format != FORMAT || record.inputs != format!("{:032x}", inputs.hash) {
        return None;
    }
    if !out.real.join(crate::fs::MARKER).is_file() || crate::fs::publish::has_leftovers(out) {
        return None;
    }
    if record.out_files != format!("{:032x}", out_files(&out.real)?) {
        return None;
    }
    let warnings = record.warnings.into_iter().map(SavedDiagnostic::into_diagnostic).collect::<Option<Vec<_>>>()?;
    Some(BuildSummary {
        pages_per_language: record.pages_per_language,
        files: record.files,
        channels: record.channels,
        elapsed: Duration::ZERO,
        out: out.shown.clone(),
        warnings,
        unchanged: true,
        edited: None,
    })
}

/// Whether a record of this build could be trusted: only then is OUT listed for it.
pub(crate) fn worth_recording(inputs: Option<Inputs>) -> bool {
    inputs.is_some_and(|i| i.settled)
}

/// Keeps what a published build saw and said, for the next build, with `files_now`, the
/// [`out_files`] of OUT as it published it. Best effort: a site folder that cannot be written to
/// only means the next build is a full one.
pub(crate) fn remember(
    opts: &BuildOptions,
    out: &OutDir,
    inputs: Option<Inputs>,
    files_now: Option<u128>,
    summary: &BuildSummary,
) {
    let Some(inputs) = inputs.filter(|i| i.settled) else { return forget(opts, out) };
    let Some(files_now) = files_now else { return forget(opts, out) };
    if summary.warnings.len() > MAX_WARNINGS {
        return forget(opts, out);
    }
    let record = Record {
        format: FORMAT,
        inputs: format!("{:032x}", inputs.hash),
        out_files: format!("{files_now:032x}"),
        pages_per_language: summary.pages_per_language.clone(),
        files: summary.files,
        channels: summary.channels.clone(),
        warnings: summary.warnings.iter().map(SavedDiagnostic::of).collect(),
    };
    let path = record_path(&opts.site, out);
    let written = serde_json::to_vec(&record).ok().map(|json| {
        path.parent().map(std::fs::create_dir_all);
        crate::fs::write_atomic(&path, &json)
    });
    if !matches!(written, Some(Ok(()))) {
        forget(opts, out);
    }
}

/// Drops the record: the next build is a full one.
pub(crate) fn forget(opts: &BuildOptions, out: &OutDir) {
    let _ = std::fs::remove_file(record_path(&opts.site, out));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The order OUT's listing is hashed in is the order of paths compared component by
    /// component (a sorted walk's), for names with any of the bytes OUT's names have.
    #[test]
    fn walk_order_is_the_order_of_components() {
        let names = [
            "a",
            "a/b",
            "a-b",
            "a.b",
            "a/b/c",
            "ab",
            "a/c",
            "b",
            "",
            "tai-lieu/kit-vi.zip",
            "tai-lieu",
            "tai-lieu-2/x",
            "hmn/a",
            "hmn",
            "hmn-b",
            "đọc/tệp",
            "đọc",
            "a b/c",
            "a/b c",
            "zz/a/b/c/d",
        ];
        let mut by_components: Vec<&Path> = names.iter().map(Path::new).collect();
        by_components.sort();
        let mut by_bytes = by_components.clone();
        by_bytes.reverse();
        by_bytes.sort_by(|a, b| walk_order(a, b));
        assert_eq!(by_bytes, by_components);
    }
    use crate::fs::Sink;

    fn input_walk() -> InputWalk {
        InputWalk::new(SystemTime::now(), false)
    }

    /// The walk over a site's inputs, as a sorted walk that follows links (walkdir's) lists it.
    fn walked_by_walkdir(site: &Path, top: &str) -> Vec<u8> {
        let mut bytes = Vec::new();
        for entry in walkdir::WalkDir::new(site.join(top)).follow_links(true).sort_by_file_name() {
            let entry = entry.unwrap();
            let meta = entry.metadata().unwrap();
            list_entry(&mut bytes, entry.path().strip_prefix(site).unwrap(), meta.is_dir(), stamp_of(&meta));
        }
        bytes
    }

    /// Issue 16: the parallel walk over the inputs lists what a sorted walk lists, in its order:
    /// folders at many depths, names that sort differently as paths and as strings, hidden
    /// files, and links to a folder and to a file inside the site, followed.
    #[cfg(unix)]
    #[test]
    fn the_inputs_are_walked_as_a_sorted_walk_lists_them() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        for rel in
            ["a-b.md", "a/b/index.md", "a/b/c/d/e.md", "a.b/x.md", ".hidden.md", "z/_index.vi.md", "z/10.md", "z/9.md"]
        {
            let path = site.join("content").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, rel).unwrap();
        }
        std::os::unix::fs::symlink(site.join("content/a/b"), site.join("content/linked")).unwrap();
        std::os::unix::fs::symlink(site.join("content/z/9.md"), site.join("content/z/nine.md")).unwrap();
        std::fs::write(site.join("loa.yaml"), "title: x").unwrap();
        for top in ["content", "loa.yaml"] {
            assert_eq!(input_walk().top(site, top).unwrap().concat(), walked_by_walkdir(site, top), "{top}");
        }
        // Absent is listed, and not as an empty folder would be.
        let absent = input_walk().top(site, "static").unwrap().concat();
        std::fs::create_dir(site.join("static")).unwrap();
        assert_ne!(absent, input_walk().top(site, "static").unwrap().concat());
    }

    /// A link that leads back to a folder it is in means a full build, found at once, even when
    /// two such links would make the walk grow without end.
    #[cfg(unix)]
    #[test]
    fn links_that_loop_mean_a_full_build() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        std::fs::create_dir_all(content.join("a")).unwrap();
        std::fs::write(content.join("a/p.md"), "x").unwrap();
        std::os::unix::fs::symlink(&content, content.join("a/up")).unwrap();
        std::os::unix::fs::symlink(&content, content.join("a/up-again")).unwrap();
        let walk = input_walk();
        assert!(walk.top(tmp.path(), "content").is_none());
        assert!(walk.entries.load(Ordering::Relaxed) < 10, "stopped at the loop");
    }

    /// However links lead, the walk stops after [`MAX_INPUT_ENTRIES`] (where the system cannot
    /// tell one folder from another, loops are stopped only so).
    #[test]
    fn the_walk_over_the_inputs_is_bounded() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("content")).unwrap();
        let walk = input_walk();
        walk.entries.store(MAX_INPUT_ENTRIES, Ordering::Relaxed);
        assert!(walk.top(tmp.path(), "content").is_none());
        let walk = input_walk();
        walk.entries.store(MAX_INPUT_ENTRIES - 1, Ordering::Relaxed);
        assert!(walk.top(tmp.path(), "content").is_some(), "an empty folder is one entry");
    }

    /// A file younger than the settling time is seen, wherever it is.
    #[test]
    fn a_fresh_file_deep_down_is_not_settled() {
        let tmp = tempfile::tempdir().unwrap();
        let deep = tmp.path().join("content/a/b/c");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(deep.join("p.md"), "x").unwrap();
        let walk = input_walk();
        walk.top(tmp.path(), "content").unwrap();
        assert!(walk.unsettled.load(Ordering::Relaxed));
        let later = InputWalk { started: SystemTime::now() + SETTLE, ..input_walk() };
        later.top(tmp.path(), "content").unwrap();
        assert!(!later.unsettled.load(Ordering::Relaxed));
    }

    /// Issue 16: what the sink made, plus the marker, is the very listing of OUT a later build
    /// reads: files in folders at many depths, names that sort differently as paths and as
    /// strings (`a-b` and `a/b`), a file put twice, one linked from a cache entry, one linked
    /// unchanged from the previous site, and a path written with a doubled slash.
    #[test]
    fn what_a_build_made_lists_as_out_does() {
        let tmp = tempfile::tempdir().unwrap();
        let previous = tmp.path().join("previous");
        std::fs::create_dir_all(previous.join("tin")).unwrap();
        std::fs::write(previous.join("tin/same.html"), "same").unwrap();
        let cache_file = tmp.path().join("card.png");
        std::fs::write(&cache_file, "png").unwrap();
        let staging = tmp.path().join("staging");
        let sink = crate::fs::DirSink::reusing(&staging, &previous);
        for rel in ["index.html", "a-b.html", "a/b/index.html", "a/b/c/d/e.html", "a.b/x.txt", "hmn/a/index.html"] {
            sink.put(rel, rel.as_bytes()).unwrap();
        }
        sink.put("tai-lieu/index.html", b"first").unwrap();
        sink.put("tai-lieu/index.html", b"second, longer").unwrap();
        sink.put_cached("share/card.png", &cache_file, b"png").unwrap();
        sink.put("tin/same.html", b"same").unwrap();
        sink.put("s0//p1/index.html", b"doubled").unwrap();
        let made = sink.made().unwrap();
        let out = tmp.path().join("out");
        std::fs::rename(&staging, &out).unwrap();
        std::fs::write(out.join(crate::fs::MARKER), "{}").unwrap();
        let marker = crate::fs::stamp(&std::fs::metadata(out.join(crate::fs::MARKER)).unwrap());
        assert_eq!(Some(out_files_of(made, marker)), out_files(&out));
    }

    /// OUT listed as the record listed it before folders were read in parallel (issue 16):
    /// one sorted walkdir walk.
    fn listing_one_by_one(out: &Path) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        for entry in walkdir::WalkDir::new(out).follow_links(false).sort_by_file_name() {
            let entry = entry.ok()?;
            let meta = entry.metadata().ok()?;
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            list_entry(&mut bytes, rel, meta.is_dir(), stamp_of(&meta));
        }
        Some(bytes)
    }

    /// The parallel walk lists what the sorted walk did, entry for entry and in its order:
    /// names that sort differently by bytes and by path (`a-b` and `a/b`) keep their place.
    #[test]
    fn the_parallel_walk_sees_what_the_sorted_walk_saw() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for (rel, text) in [
            ("index.html", "home"),
            ("a/index.html", "a"),
            ("a/b/c/deep.txt", "deep"),
            ("a-b/index.html", "dash"),
            ("a.b", "dot"),
            ("Z/x", "upper"),
            ("tin-tức/bài.html", "vi"),
            (".loa-marker", "{}"),
        ] {
            std::fs::create_dir_all(out.join(rel).parent().unwrap()).unwrap();
            std::fs::write(out.join(rel), text).unwrap();
        }
        std::fs::create_dir_all(out.join("empty")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(out.join("a"), out.join("link")).unwrap();
        let expected = listing_one_by_one(out);
        assert!(expected.as_ref().is_some_and(|l| l.len() > 100));
        assert_eq!(listing(out).map(|parts| parts.concat()), expected);
        // A changed size changes it.
        let before = out_files(out);
        std::fs::write(out.join("a/b/c/deep.txt"), "deeper").unwrap();
        assert_ne!(out_files(out), before);
        assert_eq!(listing(out).map(|parts| parts.concat()), listing_one_by_one(out));
    }

    /// Folders nested deeper than any build makes are not read: a full build, not a deep stack.
    #[test]
    fn a_too_deep_out_is_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let deep = (0..=MAX_OUT_DEPTH + 1).fold(dir.path().to_path_buf(), |p, _| p.join("d"));
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(out_files(dir.path()), None);
        assert!(out_files(&dir.path().join("d/d")).is_some(), "two levels less is fine");
    }
}
