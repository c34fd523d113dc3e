//! Issue 16, "nothing made twice": pictures, share and social cards and PDFs come from
//! `SITE/.loa-cache/` when their inputs did not change, reach OUT as hard links of their entries,
//! are byte for byte what a fresh build makes, and the cache stays bounded.

mod common;

use common::{fixture, loa, tree};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The outputs that are cached: processed pictures, cards, PDFs (a page's own file beside it,
/// `goi-111-anh.png`, is copied from the site: never linked, so a hand edit cannot reach it).
fn is_cached_kind(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel.starts_with("_img/")
        || name == "share.png"
        || name == "social.png"
        || name.ends_with(".pdf")
        || (name.starts_with("kit-") && name.ends_with(".zip"))
}

fn build(site: &Path) {
    let run = loa(&["build", site.to_str().expect("utf-8"), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Every file under `dir` (recursively), relative.
fn files(dir: &Path) -> Vec<PathBuf> {
    tree(dir).into_iter().map(|(rel, _)| dir.join(rel)).collect()
}

fn entries(site: &Path, folder: &str) -> Vec<PathBuf> {
    let dir = site.join(".loa-cache").join(folder);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

/// Issue 16: after a build with a warm cache, every published picture, card and PDF is the
/// same file (inode) as a cache entry: linked, not copied byte by byte.
#[cfg(unix)]
#[test]
fn cached_outputs_are_hard_links_of_their_entries() {
    use std::os::unix::fs::MetadataExt;
    let (_tmp, site) = fixture("kit");
    build(&site);
    build(&site);
    let inodes: HashMap<u64, PathBuf> =
        files(&site.join(".loa-cache")).into_iter().map(|p| (std::fs::metadata(&p).expect("entry").ino(), p)).collect();
    let out = site.join("public");
    let mut seen: Vec<&str> = Vec::new();
    for (rel, _) in tree(&out).into_iter().filter(|(rel, _)| is_cached_kind(rel)) {
        let ino = std::fs::metadata(out.join(&rel)).expect("published").ino();
        assert!(inodes.contains_key(&ino), "{rel} is not a link of a cache entry");
        let kind = match rel.rsplit('/').next().expect("name") {
            _ if rel.starts_with("_img/") => "picture",
            "print-order.pdf" => "print order",
            name if name.ends_with(".pdf") => "piece",
            "share.png" => "share card",
            name if name.ends_with(".zip") => "offline kit",
            _ => "social picture",
        };
        seen.push(kind);
    }
    for kind in ["picture", "share card", "social picture", "piece", "print order", "offline kit"] {
        assert!(seen.contains(&kind), "no {kind} among the published files: {seen:?}");
    }
}

/// Issue 16: a PDF or card taken from the cache is byte for byte the one a fresh build makes
/// (typst's PDF carries no date or random id), and so is everything else.
#[test]
fn a_warm_build_makes_the_same_bytes_as_a_fresh_one() {
    let (_tmp, site) = fixture("kit");
    build(&site);
    build(&site);
    let warm = tree(&site.join("public"));
    let print_entries = entries(&site, "print").len();
    assert!(print_entries > 0, "PDFs are cached");
    std::fs::remove_dir_all(site.join(".loa-cache")).expect("remove cache");
    build(&site);
    let fresh = tree(&site.join("public"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>();
    assert_eq!(names(&warm), names(&fresh));
    for ((rel, a), (_, b)) in warm.iter().zip(&fresh) {
        assert!(a == b, "{rel} differs between a warm and a fresh build");
    }
    assert_eq!(entries(&site, "print").len(), print_entries, "the same entries again");
}

/// Issue 16: the key holds everything that decides a PDF's bytes: the page's text, the print
/// templates and the fonts. A change to any of them makes the pieces again; a changed piece
/// is a new entry, the old entry is never written into.
#[test]
fn a_changed_input_makes_the_piece_again() {
    let (_tmp, site) = fixture("kit");
    build(&site);
    let poster = site.join("public/goi-111/poster.pdf");
    let before = std::fs::read(&poster).expect("poster");
    let old_entries: HashMap<PathBuf, Vec<u8>> =
        entries(&site, "print").into_iter().map(|p| (p.clone(), std::fs::read(p).expect("entry"))).collect();

    // The page's text.
    let page = site.join("content/goi-111.md");
    let text = std::fs::read_to_string(&page).expect("page");
    let title = text.lines().find(|l| l.starts_with("title:")).expect("a title line").to_string();
    std::fs::write(&page, text.replacen(&title, "title: \"Gọi 111 ngay khi nghi ngờ\"", 1)).expect("edit");
    build(&site);
    assert_ne!(std::fs::read(&poster).expect("poster"), before, "the poster shows the new title");
    for (path, bytes) in &old_entries {
        assert_eq!(&std::fs::read(path).expect("old entry is kept"), bytes, "{} was written into", path.display());
    }
    let after_text = entries(&site, "print").len();
    assert!(after_text > old_entries.len(), "the edited page's pieces are new entries");

    // A print template (a comment: the PDFs keep their looks, but loa cannot know that).
    let lib = site.join("themes/default/print/lib.typ");
    std::fs::create_dir_all(lib.parent().expect("folder")).expect("theme folder");
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/print/lib.typ");
    std::fs::write(&lib, format!("{}\n// changed\n", common::read(&builtin))).expect("template");
    build(&site);
    let after_template = entries(&site, "print").len();
    assert!(
        after_template >= after_text + old_entries.len(),
        "every piece made again: {after_text} → {after_template}"
    );

    // A font of the theme.
    let fonts = site.join("themes/default/fonts");
    std::fs::create_dir_all(&fonts).expect("fonts folder");
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/fonts/NotoSans-Regular.ttf");
    std::fs::copy(&font, fonts.join("NotoSans-Copy.ttf")).expect("font");
    build(&site);
    assert!(entries(&site, "print").len() >= after_template + old_entries.len(), "a new font makes every piece again");
}

/// Issue 16: a build into a folder on another file system (a USB stick, tmpfs) cannot link:
/// the files are written instead, and are the entries' bytes.
#[cfg(target_os = "linux")]
#[test]
fn a_build_onto_another_file_system_copies() {
    use std::os::unix::fs::MetadataExt;
    let (_tmp, site) = fixture("kit");
    let other = tempfile::tempdir_in("/dev/shm").expect("/dev/shm (tmpfs) is needed for this test");
    let dev = |p: &Path| std::fs::metadata(p).expect("metadata").dev();
    assert_ne!(dev(other.path()), dev(&site), "/dev/shm must be another file system than the temp folder");
    let out = other.path().join("public");
    for _ in 0..2 {
        let run = loa(&["build", site.to_str().expect("utf-8"), "-o", out.to_str().expect("utf-8"), "--quiet"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let entry_bytes: Vec<Vec<u8>> =
        files(&site.join(".loa-cache/print")).iter().map(|p| std::fs::read(p).expect("entry")).collect();
    let pdfs: Vec<(String, Vec<u8>)> = tree(&out).into_iter().filter(|(r, _)| r.ends_with(".pdf")).collect();
    assert!(!pdfs.is_empty());
    for (rel, bytes) in pdfs {
        assert!(entry_bytes.contains(&bytes), "{rel} is not the cached PDF");
    }
}

/// Issue 16: published files that are links of cache entries are read-only, so an editor
/// cannot save a hand edit into the cache through them; one forced anyway (made writable and
/// written in place) never reaches the next build.
#[cfg(unix)]
#[test]
fn a_hand_edit_in_out_never_reaches_the_next_build() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, site) = fixture("kit");
    build(&site);
    let poster = site.join("public/goi-111/poster.pdf");
    let card = site.join("public/goi-111/share.png");
    let good = (std::fs::read(&poster).expect("poster"), std::fs::read(&card).expect("card"));
    for file in [&poster, &card] {
        let mode = std::fs::metadata(file).expect("published").permissions().mode();
        assert_eq!(mode & 0o222, 0, "{} is read-only", file.display());
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        std::fs::write(file, b"edited by hand").expect("edit in place");
    }
    build(&site);
    assert_eq!(std::fs::read(&poster).expect("poster"), good.0);
    assert_eq!(std::fs::read(&card).expect("card"), good.1);
}

/// Issue 16: the cache does not grow for ever: after an edit, the entries of the old version
/// go once no full build has used them for 20 builds; the ones in use stay.
#[test]
fn old_entries_are_swept() {
    let (_tmp, site) = fixture("kit");
    build(&site);
    let page = site.join("content/goi-111.md");
    let text = std::fs::read_to_string(&page).expect("page");
    let title = text.lines().find(|l| l.starts_with("title:")).expect("a title line").to_string();
    std::fs::write(&page, text.replacen(&title, "title: \"Gọi 111 ngay khi nghi ngờ\"", 1)).expect("edit");
    build(&site);
    let both = entries(&site, "print");
    // Each build a real one: a build that finds nothing changed (once the edit is older than
    // loa's settling time, which a slow machine reaches within 20 builds) sweeps nothing, as it
    // uses nothing. A web-only page changes each time, so no PDF's inputs do.
    let news = site.join("content/tin-tuc/_index.md");
    let news_text = std::fs::read_to_string(&news).expect("news");
    for n in 0..20 {
        std::fs::write(&news, format!("{news_text}\nLần {n}.\n")).expect("edit");
        build(&site);
    }
    let now = entries(&site, "print");
    assert!(now.len() < both.len(), "the old version's PDFs are gone: {} → {}", both.len(), now.len());
    std::fs::remove_dir_all(site.join(".loa-cache")).expect("remove cache");
    build(&site);
    assert_eq!(entries(&site, "print").len(), now.len(), "what is left is exactly what the site uses");
}

/// Replaces every entry of `folder` by `bytes`, as loa stores one: a new read-only file
/// renamed over it (so the cache trusts it).
fn poison(site: &Path, folder: &str, bytes: &[u8]) {
    for entry in entries(site, folder) {
        let tmp = entry.with_extension("poison");
        std::fs::write(&tmp, bytes).expect("poison");
        let mut perms = std::fs::metadata(&tmp).expect("poison").permissions();
        perms.set_readonly(true);
        std::fs::set_permissions(&tmp, perms).expect("read-only");
        std::fs::rename(&tmp, &entry).expect("rename");
    }
}

/// Issue 16: a page's spoken lines come from the cache when nothing they depend on changed, for
/// its script and its bulletin alike; a warm build's scripts are the bytes of a fresh one.
#[test]
fn unchanged_scripts_are_spoken_once() {
    let (_tmp, site) = fixture("kit");
    build(&site);
    let scripts = |site: &Path| -> Vec<(String, Vec<u8>)> {
        tree(&site.join("public"))
            .into_iter()
            .filter(|(r, _)| r.ends_with("broadcast.txt") || r.ends_with("bulletin.txt"))
            .collect()
    };
    let fresh = scripts(&site);
    assert!(!fresh.is_empty());
    build(&site);
    assert_eq!(scripts(&site), fresh, "a warm build says the same");
    poison(&site, "broadcast", r#"["Lời từ bộ nhớ đệm."]"#.as_bytes());
    build(&site);
    let script = common::read(site.join("public/goi-111/broadcast.txt"));
    assert!(script.contains("Lời từ bộ nhớ đệm."), "the cached lines are read: {script}");
    let bulletin = common::read(site.join("public/bulletin.txt"));
    assert!(bulletin.contains("Lời từ bộ nhớ đệm."), "the bulletin reads them too: {bulletin}");
}

/// A change to a copy of a fixture site.
type Edit = fn(&Path);

/// Issue 16: the key of a page's spoken lines holds all they depend on: the page's text, the
/// language's interface words and the hotline numbers. A change to any of them speaks again.
#[test]
fn a_changed_input_speaks_the_page_again() {
    let marker = "Lời từ bộ nhớ đệm.";
    let edits: [(&str, Edit); 3] = [
        ("the page's text", |site| {
            let page = site.join("content/goi-111.md");
            let text = common::read(&page);
            std::fs::write(&page, format!("{text}\nMột câu mới.\n")).expect("edit");
        }),
        ("an interface word", |site| {
            let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/vi.yaml");
            let own = site.join("themes/default/i18n/vi.yaml");
            std::fs::create_dir_all(own.parent().expect("folder")).expect("folder");
            std::fs::write(&own, common::read(builtin).replace("hãy gọi ngay", "xin gọi ngay")).expect("i18n");
        }),
        ("the hotline's other numbers", |site| {
            let yaml = site.join("loa.yaml");
            let text = common::read(&yaml);
            std::fs::write(
                &yaml,
                text.replace("hotline: {number: \"111\"}", "hotline: {number: \"111\", others: [\"113\"]}"),
            )
            .expect("loa.yaml");
        }),
    ];
    for (what, edit) in edits {
        let (_tmp, site) = fixture("kit");
        build(&site);
        poison(&site, "broadcast", format!("[\"{marker}\"]").as_bytes());
        edit(&site);
        build(&site);
        let script = common::read(site.join("public/goi-111/broadcast.txt"));
        assert!(!script.contains(marker), "after a change to {what}, the page is spoken again: {script}");
    }
}

/// The text of one file inside a zip, read with Python's `zipfile` (not loa's reader).
fn zip_entry(zip: &Path, name: &str) -> String {
    let out = std::process::Command::new("python3")
        .args(["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())"])
        .arg(zip)
        .arg(name)
        .output()
        .expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Issue 16: the offline kits are kept in the cache too, so a build into an empty OUT (a new
/// folder, a CI run) reuses their entries instead of deflating every page again. What it packs
/// is still the pages as they are now, and a cached kit that is no kit at all costs only time.
#[cfg(unix)]
#[test]
fn kits_come_through_the_cache_and_never_go_stale() {
    use std::os::unix::fs::MetadataExt;
    let (_tmp, site) = fixture("kit");
    let out = site.join("public");
    let kit = out.join("tai-lieu/kit-vi.zip");
    build(&site);
    let first = std::fs::read(&kit).expect("kit");
    let zips = entries(&site, "kits").into_iter().filter(|p| p.extension().is_some_and(|x| x == "zip")).count();
    assert_eq!(zips, 3, "one kit per language");

    // Nothing changed, OUT empty: the cached kit itself is published.
    std::fs::remove_dir_all(&out).expect("remove OUT");
    build(&site);
    assert_eq!(std::fs::read(&kit).expect("kit"), first);
    let cached: Vec<u64> = entries(&site, "kits").iter().map(|p| std::fs::metadata(p).expect("entry").ino()).collect();
    assert!(cached.contains(&std::fs::metadata(&kit).expect("kit").ino()), "linked from the cache");

    // A page edited: its new text is in the kit, though the cached kit held the old page.
    let page = site.join("content/goi-111.md");
    let text = std::fs::read_to_string(&page).expect("page");
    std::fs::write(&page, text.replacen("Gọi 111 khi cần giúp đỡ", "Gọi 111 ngay khi cần giúp", 1)).expect("edit");
    std::fs::remove_dir_all(&out).expect("remove OUT");
    build(&site);
    let packed = zip_entry(&kit, "goi-111/index.html");
    assert!(packed.contains("Gọi 111 ngay khi cần giúp") && !packed.contains("khi cần giúp đỡ"), "{packed}");

    // Cached kits that are not zips: the same kit as a build without any cache.
    poison(&site, "kits", b"PK\x03\x04 not a kit");
    std::fs::remove_dir_all(&out).expect("remove OUT");
    build(&site);
    let from_poisoned = std::fs::read(&kit).expect("kit");
    std::fs::remove_dir_all(site.join(".loa-cache")).expect("remove cache");
    std::fs::remove_dir_all(&out).expect("remove OUT");
    build(&site);
    assert!(std::fs::read(&kit).expect("kit") == from_poisoned, "a poisoned cache changed the kit");
}

/// The three kits a build published, by name.
fn kits(out: &Path) -> Vec<(String, Vec<u8>)> {
    tree(out).into_iter().filter(|(rel, _)| rel.ends_with(".zip") && rel.contains("kit-")).collect()
}

/// Issue 16: a kit's entries taken by the record beside the cached kit (`KEY.sums`: what each
/// page was made from) are exactly what a build without any cache packs, whatever changed in
/// between: a page's text, the site's address (every link to what the kit lacks), a file beside
/// a page that stayed the same, a translation added (which pages a language's kit borrows), the
/// records themselves swapped between kits or cut short.
#[cfg(unix)]
#[test]
fn kits_reused_by_their_records_are_what_a_fresh_build_packs() {
    let (_tmp, site) = fixture("kit");
    build(&site);
    build(&site);
    let sums: Vec<PathBuf> =
        entries(&site, "kits").into_iter().filter(|p| p.extension().is_some_and(|x| x == "sums")).collect();
    assert_eq!(sums.len(), 3, "a record beside each kit");

    let replace = |file: &str, from: &str, to: &str| {
        let path = site.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} holds {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    let swap_records = || {
        let (a, b) = (std::fs::read(&sums[0]).expect("record"), std::fs::read(&sums[1]).expect("record"));
        for (path, bytes) in [(&sums[0], b), (&sums[1], a)] {
            let tmp = path.with_extension("swap");
            std::fs::write(&tmp, bytes).expect("write");
            let mut perms = std::fs::metadata(&tmp).expect("meta").permissions();
            perms.set_readonly(true);
            std::fs::set_permissions(&tmp, perms).expect("read-only");
            std::fs::rename(&tmp, path).expect("rename");
        }
    };
    let cut_records = || {
        for path in &sums {
            let bytes = std::fs::read(path).expect("record");
            let tmp = path.with_extension("cut");
            std::fs::write(&tmp, &bytes[..bytes.len() / 2]).expect("write");
            let mut perms = std::fs::metadata(&tmp).expect("meta").permissions();
            perms.set_readonly(true);
            std::fs::set_permissions(&tmp, perms).expect("read-only");
            std::fs::rename(&tmp, path).expect("rename");
        }
    };
    type Change<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let changes: Vec<Change> = vec![
        (
            "a page's text",
            Box::new(|| replace("content/goi-111.md", "Gọi 111 khi cần giúp đỡ", "Gọi 111 ngay khi cần")),
        ),
        ("the site's address", Box::new(|| replace("loa.yaml", "https://xa-pac-nam.gov.vn", "https://pacnam.gov.vn"))),
        // Its banner PDF changes and its web page does not: the kit packs the new PDF, though it
        // knows the PDF's hash from when it was put, not from reading it back.
        (
            "a banner's text",
            Box::new(|| {
                replace("content/goi-111.md", "Gọi ngay 111 khi nghi ngờ mua bán người", "Gọi ngay 111 khi thấy lạ")
            }),
        ),
        (
            "a translation added",
            Box::new(|| {
                let vi = std::fs::read_to_string(site.join("content/ngay-hoi.md")).expect("page");
                std::fs::write(site.join("content/ngay-hoi.hmn.md"), vi.replacen("title: \"", "title: \"(hmn) ", 1))
                    .expect("write");
            }),
        ),
        ("records swapped between kits", Box::new(swap_records)),
        ("records cut short", Box::new(cut_records)),
    ];
    for (what, change) in changes {
        change();
        // Into an empty OUT, so every entry comes through the cached kit and its record.
        std::fs::remove_dir_all(site.join("public")).expect("remove OUT");
        build(&site);
        let reused = kits(&site.join("public"));
        let fresh_dir = tempfile::tempdir().expect("tmp");
        let fresh = fresh_dir.path().join("site");
        common::copy_dir(&site, &fresh);
        let _ = std::fs::remove_dir_all(fresh.join(".loa-cache"));
        let _ = std::fs::remove_dir_all(fresh.join("public"));
        build(&fresh);
        let made = kits(&fresh.join("public"));
        assert_eq!(reused.len(), 3, "{what}");
        for ((rel, a), (_, b)) in reused.iter().zip(&made) {
            assert!(a == b, "after {what}, {rel} differs from a fresh build's");
        }
    }
}
