//! A build after only the text of a few pages changed (issue 16): the edited pages and what
//! shows them are rendered again, as `loa serve` does for an edit, and everything else is taken
//! from the site published now.
//!
//! After each build into OUT, [`State`] keeps what that build knew and made: the fingerprint of
//! every input but the page files' sizes and times ([`Shape`]), each page's size and time and a
//! digest of everything of it that other outputs show ([`page_shape`]: front matter, address,
//! its headings' anchors), what the run made ([`Earlier`]) and the warnings
//! its outputs gave. The next build uses it only when all of this holds, and builds everything
//! otherwise:
//! - the shape is the same: no page added, removed or moved, no setting, theme, static file,
//!   picture, loa program, option or day changed; OUT is exactly what was published;
//! - the pages are the same pages in the same order, and every page whose file changed has the
//!   same shape as before: only its text changed, nothing that other pages show of it but what
//!   its listings, tag pages and feeds show (which are rendered again);
//! - at most [`MAX_EDITED`] pages changed.
//!
//! The staging folder then starts as hard links of every file of OUT ([`link_published`]), the
//! run writes what changed over them (never into them: a name is removed before it is written)
//! and is published as always, so a failed or killed build still leaves OUT as it was.
//!
//! Linking OUT's 51,000 files, and removing the old copy after the swap, were half of such a
//! build at 15,000 pages. So an edit build keeps the old copy (in the site's cache, never
//! where a web server may show it): it is OUT as it was before this build, and differs from OUT
//! now only in the files this build wrote, which the state lists ([`Base`]). The next edit
//! build moves it in as its staging folder, checks that it holds exactly what it held (every
//! file's size and time), links in from OUT the files the last build wrote and checks the
//! result against OUT's record ([`update_base`]); anything else, and it starts from links of
//! OUT as above.

use super::unchanged::Shape;
use crate::content::{PageId, PageSet, Site};
use crate::diag::Diagnostic;
use crate::diag::saved::SavedDiagnostic;
use crate::fs::{OutDir, Stamp};
use crate::pipeline::Earlier;
use crate::render::Artifact;
use crate::render::images::Processed;
use serde::{Deserialize, Serialize};
use siphasher::sip128::{Hasher128, SipHasher13};
use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};

/// Bump when the state's meaning changes.
const FORMAT: u32 = 3;
/// A state bigger than this is not loa's: a full build.
const MAX_STATE: u64 = 128 << 20;
/// More edited pages than this: a full build (it costs little more, and is always right).
pub(crate) const MAX_EDITED: usize = 64;
/// Folders deeper than this in OUT: a full build.
const MAX_OUT_DEPTH: usize = 100;

/// What a build into OUT knew and made, for the next one. Written from the run's own data,
/// borrowed (copying 51,000 paths to write them was most of its cost), and read back owned.
#[derive(Serialize, Deserialize)]
pub(crate) struct State<'a> {
    format: u32,
    shape: String,
    /// The OUT it published (see `super::unchanged::out_files`).
    out_files: String,
    pages: Vec<PageRecord>,
    artifacts: Cow<'a, [Artifact]>,
    images: Vec<(Cow<'a, Path>, Cow<'a, Processed>)>,
    files: Vec<Cow<'a, str>>,
    before_web: Vec<Cow<'a, str>>,
    /// The warnings of the run (rendering and output checks), not those of loading, which every
    /// build finds again.
    findings: Vec<SavedDiagnostic>,
    /// The copy of the OUT before this one, when it was kept.
    base: Option<Base>,
}

/// The copy of the previous OUT an edit build keeps for the next one: the files OUT has in
/// place of or beside its own, with their stamps.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct Base {
    written: Vec<(PathBuf, (u64, u64, u32))>,
}

impl Base {
    /// What an edit build keeps with the old copy of OUT: the files it `put` into staging, with
    /// their stamps (the rest it started from, the same as OUT's).
    pub(crate) fn of(put: Vec<(PathBuf, Stamp)>) -> Base {
        Base { written: put.into_iter().map(|(path, stamp)| (path, stamp_record(stamp))).collect() }
    }
}

#[derive(Serialize, Deserialize)]
struct PageRecord {
    shown: PathBuf,
    lang: String,
    /// Size and time of its file (`None` for a home loa made, and for a file younger than the
    /// settling time, whose time may not show its next change: the next build makes it again).
    stamp: Option<(u64, u64, u32)>,
    /// [`page_shape`].
    shape: String,
    /// [`page_order`].
    order: String,
    /// Its front matter's `date`, as written.
    date: Option<String>,
}

/// Which pages an edit build renders again.
pub(crate) struct Edit {
    pub(crate) edited: PageSet,
    pub(crate) earlier: Earlier,
    /// The last run's warnings for the pages this run does not render again.
    findings: Vec<SavedDiagnostic>,
    /// What OUT held when it was published (see [`link_published`]).
    out_files: String,
    /// Each page's [`page_shape`] and stamp, as the last build recorded them: the same for every
    /// page but the edited ones, whose shape did not change either.
    pages: Vec<PageRecord>,
    /// An edited page's title, date or weight changed: it may have moved in its listings.
    pub(crate) reordered: bool,
    /// An edited page's date changed: the sitemap shows it.
    pub(crate) redated: bool,
    /// A page whose title, date or weight changed has an event: the homes list the events.
    pub(crate) event_moved: bool,
}

pub(crate) fn state_path(site: &Path, out: &OutDir) -> PathBuf {
    let mut h = SipHasher13::new();
    h.write(out.real.to_string_lossy().as_bytes());
    let name = format!("{:032x}.state", h.finish128().as_u128());
    site.join(crate::pipeline::CACHE_DIR).join("builds").join(name)
}

/// Where the copy of the previous OUT is kept (see [`Base`]).
pub(crate) fn base_path(site: &Path, out: &OutDir) -> PathBuf {
    state_path(site, out).with_extension("base")
}

fn stamp_record(stamp: Stamp) -> (u64, u64, u32) {
    (stamp.0, stamp.1.as_secs(), stamp.1.subsec_nanos())
}

/// Everything of a page that any output but its own, its listings', tag pages', feeds' and
/// the homes' list of events shows or depends on: if this is the same, an edit of the page
/// changes nothing else. Its front matter (which decides its outputs and schedule, with the
/// settings and the file's place, both in the [`Shape`]) but its title, date and weight
/// ([`page_order`]: those listings show and sort by), its address and its headings' anchors.
fn page_shape(site: &Site, id: PageId) -> String {
    let p = &site.pages[id];
    let mut h = HashWriter(SipHasher13::new());
    let mut fm = p.fm.clone();
    (fm.title, fm.date, fm.weight) = (String::new(), None, None);
    let fm = serde_json::to_writer(&mut h, &fm).is_ok();
    let mut text = |s: &str| {
        h.0.write_usize(s.len());
        h.0.write(s.as_bytes());
    };
    text(&p.path);
    for anchor in p.body().heading_ids() {
        text(anchor);
    }
    format!("{:032x}{}", h.0.finish128().as_u128(), if fm { "" } else { "?" })
}

/// What a page's listings sort it by and show of it beyond its text: its title and weight
/// (its date is kept as it is, see [`PageRecord`]).
fn page_order(site: &Site, id: PageId) -> String {
    let p = &site.pages[id];
    let mut h = SipHasher13::new();
    h.write_usize(p.fm.title.len());
    h.write(p.fm.title.as_bytes());
    h.write_u8(u8::from(p.fm.weight.is_some()));
    h.write_i64(p.fm.weight.unwrap_or(0));
    format!("{:032x}", h.finish128().as_u128())
}

/// Feeds what is written to it into the hash.
struct HashWriter(SipHasher13);

impl std::io::Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The state of a build that published `site`: `None` when it cannot be trusted (an input
/// younger than the settling time).
/// `edit`: the edit this build was, whose pages' shapes are known already.
pub(crate) fn state_of<'a>(
    shape: &Shape,
    out_files: u128,
    site: &Site,
    earlier: &'a Earlier,
    findings: &[Diagnostic],
    edit: Option<&Edit>,
    base: Option<Base>,
) -> Option<State<'a>> {
    use rayon::prelude::*;
    if !shape.settled {
        return None;
    }
    let stamps: HashMap<&Path, (Stamp, bool)> = shape.pages.iter().map(|(p, s, y)| (p.as_path(), (*s, *y))).collect();
    let known = |id: PageId| edit.and_then(|e| e.pages.get(id)).map(|r| r.shape.clone());
    let pages = (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            let p = &site.pages[id];
            let stamp = match (p.generated, stamps.get(p.info.shown.as_path())) {
                (true, _) | (false, Some((_, true))) => None,
                (false, Some((stamp, false))) => Some(stamp_record(*stamp)),
                (false, None) => return None,
            };
            let shape = known(id).unwrap_or_else(|| page_shape(site, id));
            Some(PageRecord {
                shown: p.info.shown.clone(),
                lang: p.lang().to_string(),
                stamp,
                shape,
                order: page_order(site, id),
                date: p.fm.date.clone(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let mut files: Vec<Cow<'a, str>> = earlier.files.iter().map(|f| Cow::Borrowed(f.as_str())).collect();
    files.sort_unstable();
    let mut before_web: Vec<Cow<'a, str>> = earlier.before_web.iter().map(|f| Cow::Borrowed(f.as_str())).collect();
    before_web.sort_unstable();
    Some(State {
        format: FORMAT,
        shape: format!("{:032x}", shape.hash),
        out_files: format!("{out_files:032x}"),
        pages,
        artifacts: Cow::Borrowed(&earlier.artifacts),
        images: earlier.images.images.iter().map(|(k, v)| (Cow::Borrowed(k.as_path()), Cow::Borrowed(v))).collect(),
        files,
        before_web,
        findings: findings.iter().map(SavedDiagnostic::of).collect(),
        base,
    })
}

/// Keeps `state` for the next build into `out` (best effort: without it, a full build).
pub(crate) fn save(site: &Path, out: &OutDir, state: Option<State<'_>>) {
    let path = state_path(site, out);
    let Some(state) = state else {
        forget(site, out);
        return;
    };
    let written = crate::fs::write_atomic_with(&path, |w| serde_json::to_writer(w, &state).map_err(Into::into));
    if written.is_err() {
        forget(site, out);
    }
}

/// Removes the kept copy at `base`, if there is one (best effort: the next build that keeps
/// one replaces it).
pub(crate) fn drop_base(base: &Path) {
    if std::fs::symlink_metadata(base).is_ok() {
        let _ = std::fs::remove_dir_all(base);
    }
}

/// Drops the state: the next build into `out` builds everything.
pub(crate) fn forget(site: &Path, out: &OutDir) {
    let _ = std::fs::remove_file(state_path(site, out));
}

/// The last build's state, when its shape is `shape`'s and OUT is still what it published.
pub(crate) fn read(site: &Path, out: &OutDir, shape: &Shape) -> Option<State<'static>> {
    // Whether OUT holds what was published is seen as it is linked ([`link_published`]); an
    // OUT that is new or was left half-published has no state to read (parsing 6.8 MB of it for
    // nothing was a build's first 20 ms).
    if !out.real.join(crate::fs::MARKER).is_file() || crate::fs::publish::has_leftovers(out) {
        return None;
    }
    let crate::fs::bounded::Bounded::Bytes(bytes) =
        crate::fs::bounded::read_bounded(&state_path(site, out), MAX_STATE).ok()?
    else {
        return None;
    };
    let state: State<'static> = serde_json::from_slice(&bytes).ok()?;
    if state.format != FORMAT || state.shape != format!("{:032x}", shape.hash) {
        return None;
    }
    Some(state)
}

/// The page files (as shown) whose size and time are those the last build recorded.
pub(crate) fn unchanged_pages(state: &State<'_>, shape: &Shape) -> std::collections::HashSet<PathBuf> {
    let was: HashMap<&Path, (u64, u64, u32)> =
        state.pages.iter().filter_map(|p| Some((p.shown.as_path(), p.stamp?))).collect();
    shape
        .pages
        .iter()
        .filter(|(shown, stamp, _)| was.get(shown.as_path()) == Some(&stamp_record(*stamp)))
        .map(|(shown, _, _)| shown.clone())
        .collect()
}

impl State<'_> {
    /// Whether the last build kept a copy of the OUT before it.
    pub(crate) fn has_base(&self) -> bool {
        self.base.is_some()
    }
}

/// The edit this build is, from the last build's `state`: `None` means build everything.
pub(crate) fn edit_of(state: State<'static>, shape: &Shape, site: &Site) -> Option<Edit> {
    if state.pages.len() != site.pages.len() {
        return None;
    }
    let stamps: HashMap<&Path, Stamp> = shape.pages.iter().map(|(p, s, _)| (p.as_path(), *s)).collect();
    let mut edited = PageSet::default();
    let (mut reordered, mut redated, mut event_moved) = (false, false, false);
    for (id, (page, was)) in site.pages.iter().zip(&state.pages).enumerate() {
        if page.info.shown != was.shown || page.lang() != was.lang {
            return None;
        }
        let now = if page.generated { None } else { Some(stamp_record(*stamps.get(page.info.shown.as_path())?)) };
        // A file recorded without its time was too young to trust: made again.
        if now == was.stamp && (page.generated || was.stamp.is_some()) {
            continue;
        }
        let shape = page_shape(site, id);
        if shape.ends_with('?') || shape != was.shape || edited.len() == MAX_EDITED {
            return None;
        }
        let dated = page.fm.date != was.date;
        let moved = dated || page_order(site, id) != was.order;
        reordered |= moved;
        redated |= dated;
        event_moved |= moved && page.schedule.event.is_some();
        edited.insert(id);
    }
    if edited.is_empty() {
        return None;
    }
    let artifacts = state.artifacts.into_owned().into_iter().filter(|a| a.page < site.pages.len()).collect();
    let images = state.images.into_iter().map(|(k, v)| (k.into_owned(), v.into_owned()));
    let images = crate::render::images::ImageMap { images: images.collect() };
    let files = state.files.into_iter().map(Cow::into_owned).collect();
    let before_web = state.before_web.into_iter().map(Cow::into_owned).collect();
    let earlier = Earlier { artifacts, images, files, before_web };
    Some(Edit {
        edited,
        earlier,
        findings: state.findings,
        out_files: state.out_files,
        pages: state.pages,
        reordered,
        redated,
        event_moved,
    })
}

impl Edit {
    /// The last run's warnings, to sift with [`kept_findings`].
    pub(crate) fn take_findings(&mut self) -> Vec<SavedDiagnostic> {
        std::mem::take(&mut self.findings)
    }
}

/// The last run's warnings (`findings`) that this run does not find again, so still hold. This
/// run checks the edited pages (`edited`: their files) in full and measures every web page it
/// writes (`written`); the rest of what the last run found stands, as those pages did not
/// change. (The site-wide outputs it makes again say the same about the same pages, and
/// repeated warnings are said once.)
pub(crate) fn kept_findings(
    findings: Vec<SavedDiagnostic>,
    edited: &std::collections::HashSet<&Path>,
    written: &rustc_hash::FxHashSet<String>,
) -> Vec<Diagnostic> {
    findings
        .into_iter()
        .filter_map(SavedDiagnostic::into_diagnostic)
        .filter(|d| {
            let measured = d.message.id == "budget-page"
                && d.message
                    .args
                    .iter()
                    .any(|(k, v)| *k == "page" && matches!(v, crate::messages::Arg::Text(p) if written.contains(p)));
            // The kits are made again, with their own warnings.
            let kit = d.message.id == "kit-too-big";
            !measured && !kit && d.file.as_deref().is_none_or(|f| !edited.contains(f))
        })
        .collect()
}

/// Fills the staging folder `to` with hard links of every file published in `out` (its
/// marker aside, which publishing writes anew), as it finds them; gives each file's path and
/// stamp. `None` when OUT is not exactly as the last build published it (seen on the way: the
/// same files, sizes and times as `edit` says), or a link cannot be made (a file system without
/// them): then a full build, into an emptied staging folder.
pub(crate) fn link_published(out: &Path, to: &Path, edit: &Edit) -> Option<Vec<(PathBuf, Stamp)>> {
    let mut files = Vec::new();
    link_under(out, Some(to), Path::new(""), 0, &mut files)?;
    holds(out, &files, &edit.out_files).then_some(files)
}

/// Whether `files` and the marker in `dir` are what the fingerprint `want` was made of.
fn holds(dir: &Path, files: &[(PathBuf, Stamp)], want: &str) -> bool {
    let Ok(marker) = std::fs::symlink_metadata(dir.join(crate::fs::MARKER)) else { return false };
    let now = super::unchanged::out_files_of(files.to_vec(), crate::fs::stamp(&marker));
    format!("{now:032x}") == want
}

/// Makes the kept copy of the OUT before the last build, moved in as the staging folder
/// `staging`, what `out` holds now (see [`Base`]), and gives each file's path and stamp. `None`
/// when the result is not exactly what the last build published (a file of the copy or of OUT
/// changed, gone or added), or a link cannot be made: then the caller empties the staging folder.
pub(crate) fn update_base(out: &Path, staging: &Path, state: &State<'_>) -> Option<Vec<(PathBuf, Stamp)>> {
    let base = state.base.as_ref()?;
    let mut found = Vec::new();
    link_under(staging, None, Path::new(""), 0, &mut found)?;
    let mut files: rustc_hash::FxHashMap<PathBuf, Stamp> = found.into_iter().collect();
    for (rel, was) in &base.written {
        // Only plain names below the folder: the state is loa's, but is read from disk.
        if !rel.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            return None;
        }
        let meta = std::fs::symlink_metadata(out.join(rel)).ok()?;
        let stamp = crate::fs::stamp(&meta);
        if !meta.is_file() || stamp_record(stamp) != *was {
            return None;
        }
        let to = staging.join(rel);
        match std::fs::remove_file(&to) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return None,
            _ => {}
        }
        std::fs::create_dir_all(to.parent()?).ok()?;
        std::fs::hard_link(out.join(rel), &to).ok()?;
        files.insert(rel.clone(), stamp);
    }
    // The copy with those files is OUT, file for file, size and time: else some file of it is
    // not what the builds left there (nothing writes into a published file, so a file with the
    // same size and time as OUT's is OUT's).
    let files: Vec<(PathBuf, Stamp)> = files.into_iter().collect();
    (holds(out, &files, &state.out_files) && std::fs::remove_file(staging.join(crate::fs::MARKER)).is_ok())
        .then_some(files)
}

/// Lists the files under `from` (its marker aside) with their stamps into `files`, and, with
/// `to`, links each there. `None` for anything loa does not leave in OUT: links, devices, empty
/// folders, folders too deep.
fn link_under(
    from: &Path,
    to: Option<&Path>,
    rel: &Path,
    depth: usize,
    files: &mut Vec<(PathBuf, Stamp)>,
) -> Option<()> {
    use rayon::prelude::*;
    if depth > MAX_OUT_DEPTH {
        return None;
    }
    let mut folders = Vec::new();
    let mut entries = 0;
    for entry in std::fs::read_dir(from).ok()? {
        entries += 1;
        let entry = entry.ok()?;
        let kind = entry.file_type().ok()?;
        let name = entry.file_name();
        if depth == 0 && name == crate::fs::MARKER {
            continue;
        }
        if kind.is_dir() {
            if let Some(to) = to {
                std::fs::create_dir(to.join(&name)).ok()?;
            }
            folders.push(name);
        } else if kind.is_file() {
            let meta = entry.metadata().ok()?;
            if let Some(to) = to {
                std::fs::hard_link(entry.path(), to.join(&name)).ok()?;
            }
            files.push((rel.join(&name), crate::fs::stamp(&meta)));
        } else {
            // loa publishes no links or devices: OUT is not as loa left it.
            return None;
        }
    }
    // loa leaves no empty folder (the record of what it published could not tell one).
    if entries == 0 && depth > 0 {
        return None;
    }
    let below: Vec<Option<Vec<(PathBuf, Stamp)>>> = folders
        .par_iter()
        .map(|name| {
            let mut here = Vec::new();
            let to = to.map(|to| to.join(name));
            link_under(&from.join(name), to.as_deref(), &rel.join(name), depth + 1, &mut here).map(|()| here)
        })
        .collect();
    for part in below {
        files.extend(part?);
    }
    Some(())
}
