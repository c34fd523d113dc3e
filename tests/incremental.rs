//! Issue 16: a build whose inputs did not change leaves OUT as it is and says so, with the same
//! warnings as the build that made it; any change to what a build reads or to OUT itself means
//! a full build.

mod common;

use common::{Run, fixture, loa_command, read};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Sets every file under `dir` to `ago` in the past: loa trusts a record only for inputs older
/// than a few seconds (a file changed in the instant a build looked at it may keep its time).
fn age(dir: &Path, ago: Duration) {
    let when = SystemTime::now() - ago;
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let file = std::fs::File::options().write(true).open(entry.path()).expect("open");
            file.set_modified(when).expect("set time");
        }
    }
}

fn build(site: &Path, out: &Path, env: &[(&str, &str)]) -> Run {
    let mut c = loa_command();
    c.args(["build", &site.to_string_lossy(), "-o", &out.to_string_lossy()]);
    for (k, v) in env {
        c.env(k, v);
    }
    let run: Run = c.output().expect("run loa").into();
    assert_eq!(run.code, 0, "build failed: {}", run.stderr);
    run
}

/// A temp copy of the `web` fixture, its files older than loa's settling time, built once into
/// `out`: (temp folder, site, out, the build's run).
fn built_once() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf, Run) {
    let (tmp, site) = fixture("web");
    let out = tmp.path().join("out");
    age(&site, Duration::from_secs(3600));
    let first = build(&site, &out, &[]);
    (tmp, site, out, first)
}

/// Inode and modification time of each file.
fn stamps(files: &[std::path::PathBuf]) -> Vec<(u64, SystemTime)> {
    files.iter().map(|p| (inode(p), std::fs::metadata(p).and_then(|m| m.modified()).expect("time"))).collect()
}

fn unchanged(run: &Run) -> bool {
    run.stderr.contains("Nothing changed since the last build")
}

/// The warnings of a run: every line before the summary.
fn warnings(run: &Run) -> String {
    run.stderr
        .lines()
        .take_while(|l| !l.starts_with("Made ") && !l.starts_with("Nothing changed"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn inode(path: &Path) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).expect("stat").ino()
    }
    #[cfg(not(unix))]
    {
        std::fs::metadata(path).expect("stat").len()
    }
}

/// An unchanged site is not built again; its warnings are said again; OUT is not touched.
#[test]
fn an_unchanged_site_is_left_as_it_is_and_its_warnings_said_again() {
    let (_tmp, site, out, first) = built_once();
    assert!(!unchanged(&first), "the first build is a full one: {}", first.stderr);
    let home = out.join("index.html");
    let before = (inode(&home), read(&home));
    let second = build(&site, &out, &[]);
    assert!(unchanged(&second), "nothing changed, yet: {}", second.stderr);
    assert_eq!(warnings(&second), warnings(&first), "the same warnings, in the same order");
    assert!(!warnings(&first).is_empty(), "the fixture has warnings to say again");
    assert_eq!((inode(&home), read(&home)), before, "OUT was not touched");
}

/// Every kind of change to what a build reads, or to OUT, means a full build that shows it.
#[test]
fn any_change_to_inputs_or_out_means_a_full_build() {
    let (tmp, site, out, _) = built_once();
    assert!(unchanged(&build(&site, &out, &[])));

    // A page edited (and older than the settling time, as after a pause).
    let page = site.join("content/_index.md");
    let text = read(&page).replace("title:", "title: Sửa đổi");
    std::fs::write(&page, text).expect("edit");
    age(&site, Duration::from_secs(1800));
    let edited = build(&site, &out, &[]);
    assert!(!unchanged(&edited), "an edit is built: {}", edited.stderr);
    assert!(read(out.join("index.html")).contains("Sửa đổi"));
    assert!(unchanged(&build(&site, &out, &[])), "and then nothing changed again");

    // Another day (the upcoming list, the calendar and the kits' dates depend on it).
    let day = build(&site, &out, &[("SOURCE_DATE_EPOCH", "1785344400")]);
    assert!(!unchanged(&day), "another day is a full build");

    // Other options.
    let mut c = loa_command();
    c.args(["build", &site.to_string_lossy(), "-o", &out.to_string_lossy(), "--drafts"]);
    let drafts: Run = c.output().expect("run").into();
    assert!(!unchanged(&drafts), "--drafts is a full build: {}", drafts.stderr);
    build(&site, &out, &[]);

    // A file in OUT edited, removed or added by hand: the build puts OUT right.
    std::fs::write(out.join("index.html"), "changed by hand").expect("write");
    let fixed = build(&site, &out, &[]);
    assert!(!unchanged(&fixed));
    assert_ne!(read(out.join("index.html")), "changed by hand");
    std::fs::write(out.join("extra.txt"), "added").expect("write");
    assert!(!unchanged(&build(&site, &out, &[])));
    assert!(!out.join("extra.txt").exists(), "what loa did not make is gone from OUT");

    // A new file in static/ (a folder loa reads).
    std::fs::create_dir_all(site.join("static")).expect("static");
    std::fs::write(site.join("static/moi.txt"), "mới").expect("write");
    age(&site, Duration::from_secs(900));
    assert!(!unchanged(&build(&site, &out, &[])));
    assert_eq!(read(out.join("moi.txt")), "mới");

    // A staging folder a killed build left: the next build removes it, so it is a full one.
    let left = tmp.path().join(".out.loa-staging-999999");
    std::fs::create_dir_all(&left).expect("leftover");
    assert!(!unchanged(&build(&site, &out, &[])));
    assert!(!left.exists());
}

/// Files changed moments before a build may share their time with a later change: no record is
/// kept, and the next build is a full one.
#[test]
fn inputs_changed_just_now_are_not_trusted() {
    let (tmp, site) = fixture("web");
    let out = tmp.path().join("out");
    age(&site, Duration::ZERO);
    build(&site, &out, &[]);
    let second = build(&site, &out, &[]);
    assert!(!unchanged(&second), "fresh files: {}", second.stderr);
}

/// After an edit, the files that stay the same are the published ones, linked (same inode, same
/// time: a copy to the server sends only what changed), and the whole of OUT is byte for byte
/// what a build from nothing makes.
#[test]
fn an_edit_rewrites_what_changed_and_the_result_equals_a_fresh_build() {
    let (tmp, site, out, _) = built_once();
    let kept = ["sitemap.xml", "robots.txt"].map(|f| out.join(f));
    let untouched = stamps(&kept);
    let pages_before: Vec<(String, u64)> = common::html_files(&out)
        .into_iter()
        .map(|p| (p.strip_prefix(&out).expect("in out").to_string_lossy().into_owned(), inode(&p)))
        .collect();

    let page = site.join("content/_index.md");
    std::fs::write(&page, read(&page) + "\nMột câu mới ở cuối trang chủ.\n").expect("edit");
    let edited = build(&site, &out, &[]);
    assert!(!unchanged(&edited));

    assert_eq!(stamps(&kept), untouched, "files that did not change are the published ones");
    let relinked = pages_before.iter().filter(|(rel, ino)| inode(&out.join(rel)) == *ino).count();
    assert!(relinked > 0 && relinked < pages_before.len(), "some pages kept, the edited home rewritten: {relinked}");
    assert!(read(out.join("index.html")).contains("Một câu mới"));

    let fresh = tmp.path().join("fresh");
    build(&site, &fresh, &[]);
    let (a, b) = (common::tree(&out), common::tree(&fresh));
    assert_eq!(a.len(), b.len(), "the same files");
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        assert!(ba == bb, "{pa} differs from a fresh build");
    }
}

/// Issue 16: a full build knows what it published without listing OUT again. On every site that
/// builds (each fixture and the example campaign, so every channel: pages, pictures, share
/// cards, PDFs, scripts, SMS, offline kits), the build after it finds OUT as it left it; a
/// build that misjudged what it made would be a full build every time.
#[test]
fn every_site_built_twice_is_unchanged_the_second_time() {
    let sites = every_site();
    let mut built = 0;
    for src in sites {
        let (tmp, site) = aged_copy(&src);
        let out = tmp.path().join("out");
        let mut c = loa_command();
        c.args(["build", &site.to_string_lossy(), "-o", &out.to_string_lossy()]);
        let first: Run = c.output().expect("run loa").into();
        if first.code != 0 {
            continue; // a fixture of mistakes
        }
        let second = build(&site, &out, &[]);
        assert!(unchanged(&second), "{}: built twice, not unchanged: {}", src.display(), second.stderr);
        built += 1;
    }
    assert!(built >= 6, "only {built} sites built");
}

/// Every fixture site and the example campaign (the repository itself).
fn every_site() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites: Vec<std::path::PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("loa.yaml").is_file())
        .collect();
    sites.sort();
    sites.push(root.to_path_buf());
    sites
}

/// A temp copy of what a build of site `src` reads, older than loa's settling time.
fn aged_copy(src: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let site = tmp.path().join("site");
    std::fs::create_dir_all(&site).expect("site");
    std::fs::copy(src.join("loa.yaml"), site.join("loa.yaml")).expect("loa.yaml");
    for part in ["content", "static", "themes"] {
        if src.join(part).is_dir() {
            common::copy_dir(&src.join(part), &site.join(part));
        }
    }
    age(&site, Duration::from_secs(3600));
    (tmp, site)
}

/// `text` with its front matter line starting `key` replaced by `line`, or `line` added after
/// the first line of front matter when there is none.
fn front_matter_line(text: &str, key: &str, line: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let end = lines.iter().skip(1).position(|l| l.trim_end() == "---").map_or(lines.len(), |e| e + 1);
    match lines[..end].iter().position(|l| l.starts_with(key)) {
        Some(at) => lines[at] = line.to_string(),
        None => lines.insert(1, line.to_string()),
    }
    lines.join("\n") + "\n"
}

/// Each file of OUT: its inode and time, and its bytes.
fn published(out: &Path) -> std::collections::HashMap<String, ((u64, SystemTime), Vec<u8>)> {
    common::tree(out)
        .into_iter()
        .map(|(rel, bytes)| {
            let stamp = stamps(&[out.join(&rel)])[0];
            (rel, (stamp, bytes))
        })
        .collect()
}

/// The README's promise for every build: a file that comes out with the bytes it had is the
/// published file itself (same inode, same time), so a copy to the server sends only what
/// changed. Of the files that kept their bytes, every one must have kept its file.
fn same_bytes_same_file(
    before: &std::collections::HashMap<String, ((u64, SystemTime), Vec<u8>)>,
    out: &Path,
    what: &str,
) {
    let mut rewritten: Vec<&str> = Vec::new();
    for (rel, (stamp, bytes)) in before {
        let now = out.join(rel);
        if std::fs::read(&now).is_ok_and(|b| b == *bytes) && stamps(&[now])[0] != *stamp {
            rewritten.push(rel);
        }
    }
    rewritten.sort_unstable();
    assert!(rewritten.is_empty(), "{what}: files with the same bytes written anew: {rewritten:?}");
}

/// Whether a build made again only the pages that changed (and what shows them).
fn edit_build(run: &Run) -> bool {
    run.stderr.contains("edited page")
}

/// Each page file of a site, sorted.
fn page_files(site: &Path) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<std::path::PathBuf> = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    pages.sort();
    pages
}

/// Issue 16: after the text of a page changed, a build renders that page and what shows it and
/// takes everything else from OUT; the result is, file for file and byte for byte, what a full
/// build of the same site makes, with the same warnings. On every site that builds (each
/// fixture and the example campaign: listings, tags, translations, pictures, cards, PDFs,
/// scripts and bulletins, SMS, kits, the print order), for pages spread over each: a sentence
/// added (an edit build, from links of OUT), another (an edit build from the copy of OUT the
/// last one kept), its title changed and its date changed (edit builds: listings, feeds and the
/// sitemap move it), and a heading added, which gives the page a new anchor that other pages
/// might link to (a full build).
#[test]
fn a_build_after_a_text_edit_is_what_a_full_build_makes() {
    let sites = every_site();
    let (mut sites_built, mut edit_builds) = (0, 0);
    for src in sites {
        let (tmp, site) = aged_copy(&src);
        let out = tmp.path().join("out");
        let mut c = loa_command();
        c.args(["build", &site.to_string_lossy(), "-o", &out.to_string_lossy()]);
        let first: Run = c.output().expect("run loa").into();
        if first.code != 0 {
            continue; // a fixture of mistakes
        }
        sites_built += 1;
        let pages = page_files(&site);
        let step = pages.len().div_ceil(4).max(1);
        for (n, page) in pages.iter().step_by(step).enumerate() {
            let name = page.strip_prefix(&site).expect("in site").display().to_string();
            type Change = fn(String) -> String;
            let edits: [(&str, Change, bool); 5] = [
                ("a sentence added", |t| t + "\n\nMột câu thêm vào để thử.\n", true),
                ("another", |t| t + "\n\nCâu thứ hai.\n", true),
                ("the title changed", |t| front_matter_line(&t, "title:", "title: \"Tiêu đề đã sửa\""), true),
                ("the date changed", |t| front_matter_line(&t, "date:", "date: 2026-08-02"), true),
                ("a heading added", |t| t + "\n\n## Mục thêm vào\n\nVà một câu.\n", false),
            ];
            for (i, (added, change, by_edit)) in edits.into_iter().enumerate() {
                std::fs::write(page, change(read(page))).expect("edit");
                // Settled, and a time of its own for each edit.
                let when = SystemTime::now() - Duration::from_secs(600 + 10 * (5 * n + i) as u64);
                std::fs::File::options().write(true).open(page).expect("open").set_modified(when).expect("time");
                let before = published(&out);
                let run = build(&site, &out, &[]);
                assert_eq!(edit_build(&run), by_edit, "{}: {name} + {added:?}: {}", src.display(), run.stderr);
                same_bytes_same_file(&before, &out, &format!("{}: {name} + {added:?}", src.display()));
                edit_builds += usize::from(by_edit);
                let fresh = tmp.path().join(format!("fresh-{n}-{i}"));
                let full = build(&site, &fresh, &[]);
                assert!(!edit_build(&full) && !unchanged(&full));
                assert_eq!(warnings(&run), warnings(&full), "{}: {name} + {added:?}: the warnings", src.display());
                let (a, b) = (common::tree(&out), common::tree(&fresh));
                let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
                assert_eq!(names(&a), names(&b), "{}: {name} + {added:?}: the same files", src.display());
                for ((rel, x), (_, y)) in a.iter().zip(&b) {
                    assert!(x == y, "{}: {name} + {added:?}: {rel} differs from a full build's", src.display());
                }
                std::fs::remove_dir_all(&fresh).expect("remove");
            }
        }
    }
    assert!(sites_built >= 6, "only {sites_built} sites built");
    assert!(edit_builds >= 20, "only {edit_builds} edit builds");
}

/// Issue 16: a page saved again a moment after the last build (its time too young to be
/// trusted then) is still only made again, not the whole site, and still right.
#[test]
fn edits_saved_one_right_after_another_are_each_an_edit_build() {
    let (tmp, site, out, _) = built_once();
    let page = site.join("content/_index.md");
    for n in 1..=3 {
        std::fs::write(&page, read(&page) + &format!("\nCâu thứ {n} vừa thêm.\n")).expect("edit");
        let run = build(&site, &out, &[]);
        assert!(edit_build(&run), "save {n}: {}", run.stderr);
        assert!(read(out.join("index.html")).contains(&format!("Câu thứ {n} vừa thêm")), "save {n}");
    }
    let fresh = tmp.path().join("fresh");
    build(&site, &fresh, &[]);
    assert!(common::tree(&out) == common::tree(&fresh), "the same as a full build");
}

/// The copy of OUT an edit build keeps for the next one (in the site's cache).
fn kept_copy(site: &Path) -> Option<std::path::PathBuf> {
    std::fs::read_dir(site.join(".loa-cache/builds"))
        .ok()?
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|x| x == "base"))
}

/// Issue 16: the copy of OUT an edit build keeps starts the next edit build only when it holds
/// exactly what was left in it. A file of it changed, removed, or added, or the copy gone; the
/// copy moved away as a build killed after taking it leaves it: each time the next build is
/// still what a full build makes, and a full build leaves no copy behind.
#[test]
fn a_kept_copy_of_out_is_used_only_as_it_was_left() {
    type Spoil = fn(&Path, &Path);
    let spoils: [(&str, Spoil); 6] = [
        // A page the edits below do not make again.
        ("a page rewritten", |copy, _| {
            let page = copy.join("tin-tuc/tin-1/index.html");
            std::fs::remove_file(&page).expect("remove");
            std::fs::write(&page, "<p>hỏng</p>").expect("write");
        }),
        ("a page gone", |copy, _| std::fs::remove_file(copy.join("tin-tuc/tin-1/index.html")).expect("remove")),
        ("a file added", |copy, _| std::fs::write(copy.join("thua.html"), "<p>thừa</p>").expect("write")),
        ("an empty folder added", |copy, _| std::fs::create_dir(copy.join("rong")).expect("folder")),
        ("the copy gone", |copy, _| std::fs::remove_dir_all(copy).expect("remove")),
        ("taken by a build that was killed", |copy, out| {
            std::fs::rename(copy, out.with_file_name(".out.loa-staging-999999")).expect("move")
        }),
    ];
    for (what, spoil) in spoils {
        let (tmp, site, out, _) = built_once();
        let page = site.join("content/_index.md");
        let edit = |n: u64| {
            std::fs::write(&page, read(&page) + &format!("\nCâu {n} vừa thêm.\n")).expect("edit");
            let when = SystemTime::now() - Duration::from_secs(600 - n);
            std::fs::File::options().write(true).open(&page).expect("open").set_modified(when).expect("time");
            build(&site, &out, &[])
        };
        assert!(edit_build(&edit(1)), "{what}: the first edit");
        let copy = kept_copy(&site).unwrap_or_else(|| panic!("{what}: an edit build keeps a copy"));
        spoil(&copy, &out);
        edit(2);
        let fresh = tmp.path().join("fresh");
        build(&site, &fresh, &[]);
        assert!(common::tree(&out) == common::tree(&fresh), "{what}: the same as a full build");
        // And on from there: each edit build is still right.
        assert!(edit_build(&edit(3)), "{what}: the edit after");
        std::fs::remove_dir_all(&fresh).expect("remove");
        build(&site, &fresh, &[]);
        assert!(common::tree(&out) == common::tree(&fresh), "{what}: the edit after, the same as a full build");
    }
    // A full build (a heading added: a new anchor) keeps no copy, and removes the one kept.
    let (_tmp, site, out, _) = built_once();
    let page = site.join("content/_index.md");
    std::fs::write(&page, read(&page) + "\nMột câu.\n").expect("edit");
    assert!(edit_build(&build(&site, &out, &[])));
    assert!(kept_copy(&site).is_some());
    std::fs::write(&page, read(&page) + "\n## Mục mới\n").expect("edit");
    assert!(!edit_build(&build(&site, &out, &[])));
    assert_eq!(kept_copy(&site), None, "a full build leaves no copy");
}

/// Issue 16: edit builds killed at any moment (`kill -9`), some after they took the kept copy
/// of OUT, leave OUT a whole site; the next build is right (what a full build makes) and the
/// one after it is an edit build again.
#[cfg(unix)]
#[test]
fn killed_edit_builds_leave_a_whole_site_and_the_next_build_is_right() {
    let (tmp, site, out, _) = built_once();
    let page = site.join("content/_index.md");
    let edit = |n: u64| {
        std::fs::write(&page, read(&page) + &format!("\nCâu {n} vừa thêm.\n")).expect("edit");
        let when = SystemTime::now() - Duration::from_secs(900 - n);
        std::fs::File::options().write(true).open(&page).expect("open").set_modified(when).expect("time");
    };
    edit(0);
    assert!(edit_build(&build(&site, &out, &[])), "an edit build, which keeps a copy");
    for i in 1..=16u64 {
        edit(i);
        let mut child = loa_command()
            .args(["build", &site.to_string_lossy(), "-o", &out.to_string_lossy(), "--quiet"])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(2 + i * 4));
        let _ = child.kill();
        let _ = child.wait();
        assert!(out.join("index.html").is_file(), "after kill {i}: OUT is a whole site");
        assert!(out.join(".loa-manifest.json").is_file(), "after kill {i}");
    }
    build(&site, &out, &[]);
    let fresh = tmp.path().join("fresh");
    build(&site, &fresh, &[]);
    assert!(common::tree(&out) == common::tree(&fresh), "after the kills: the same as a full build");
    assert!(read(out.join("index.html")).contains("Câu 16 vừa thêm"));
    edit(17);
    assert!(edit_build(&build(&site, &out, &[])), "an edit build again");
    std::fs::remove_dir_all(&fresh).expect("remove");
    build(&site, &fresh, &[]);
    assert!(common::tree(&out) == common::tree(&fresh), "and right");
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .expect("read")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("loa-staging") || n.contains("loa-old"))
        .collect();
    assert_eq!(left, Vec::<String>::new(), "no staging folder survives");
}

/// Issue 16: the cache's sweep keeps only so many unused entries per folder, the most recently
/// used first, and the records of builds into other folders are unused ones: a build's own
/// records of its OUT count as used by it, so they outlast those of folders built less
/// recently (they were swept as soon as the folder held enough newer ones, and the next edit
/// was a full build); a record of no use any more goes, with its kept copy.
#[test]
fn a_builds_own_records_survive_the_cache_sweep() {
    let (tmp, site, out, _) = built_once();
    let builds = site.join(".loa-cache/builds");
    let page = site.join("content/_index.md");
    // Each a full build, which sweeps: into a new folder, or after a new heading.
    let elsewhere = |n: usize| assert!(!edit_build(&build(&site, &tmp.path().join(format!("elsewhere-{n}")), &[])));
    elsewhere(0);
    // Records of 150 other OUTs, each with a kept copy, as builds elsewhere leave them; they
    // are first seen by the next build, as recent as its own, and sort after its own by name.
    let fake = |n: usize| format!("ffffffff{n:024x}");
    for n in 0..150 {
        std::fs::write(builds.join(format!("{}.state", fake(n))), "{}").expect("record");
        std::fs::create_dir_all(builds.join(format!("{}.base/tin-tuc", fake(n)))).expect("copy");
        std::fs::write(builds.join(format!("{}.base/tin-tuc/index.html", fake(n))), "cũ").expect("copy");
    }
    std::fs::write(&page, read(&page) + "\n## Mục mới\n").expect("edit");
    assert!(!edit_build(&build(&site, &out, &[])));
    elsewhere(1);
    elsewhere(2);
    std::fs::write(&page, read(&page) + "\nMột câu.\n").expect("edit");
    assert!(edit_build(&build(&site, &out, &[])), "the record of this OUT was kept");
    // The sweep keeps about 100 unused entries of a folder: of the 150, the copies of the
    // records it removed went with them.
    let left = |ext: &str| (0..150).filter(|&n| builds.join(format!("{}{ext}", fake(n))).exists()).count();
    assert!(left(".state") <= 100, "{} records left", left(".state"));
    assert_eq!(left(".state"), left(".base"), "a copy goes with its record");
}
