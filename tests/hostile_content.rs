//! Issue 10: content that used to crash loa, break its outputs, or be handled unevenly. Each
//! case runs the real binary on a small site written for it.

mod common;

use common::{loa, read};
use std::path::{Path, PathBuf};

const CONFIG: &str = "title: \"Xã Thử\"\nbase_url: \"https://xa-thu.gov.vn\"\ndefault_language: vi\nlanguages:\n  - {code: vi, name: \"Tiếng Việt\"}\n  - {code: hmn, name: \"Hmoob\"}\nhotline: {number: \"111\"}\nshare_cards: false\n";

/// A site from (path, text) pairs under a temp folder; returns the folder guard and the site.
fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    std::fs::write(root.join("loa.yaml"), CONFIG).expect("config");
    for (path, text) in files {
        let p = root.join(path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
    (tmp, root)
}

fn build(root: &Path) -> common::Run {
    loa(&["build", root.to_str().expect("utf-8")])
}

fn check(root: &Path) -> common::Run {
    loa(&["check", root.to_str().expect("utf-8")])
}

/// Issue 10: one pasted control character (Word's Shift+Enter is U+000B) made `atom.xml`
/// ill-formed and reached the loudspeaker script; a YAML escape (`"T\fx"`) did the same.
#[test]
fn control_characters_never_reach_an_output() {
    let page = "---\ntitle: \"Gọi\\f111\\x01 ngay\"\ndescription: \"a\\u0000b\"\ndate: 2026-07-30\noutputs: [web, broadcast, sms]\n---\n\nTổng đài\u{0B}miễn phí\u{1B}[31m, nghe máy\u{0C}cả ngày\u{0}.\n";
    let (_tmp, root) = site(&[("content/_index.md", "---\ntitle: Trang chủ\n---\n"), ("content/goi.md", page)]);
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("content/goi.md:8:"), "a warning names the line: {}", run.stderr);
    assert!(run.stderr.contains("U+001B"), "and the character: {}", run.stderr);
    let out = root.join("public");
    for rel in ["atom.xml", "sitemap.xml", "goi/index.html", "goi/broadcast.txt", "goi/sms.txt"] {
        let text = read(out.join(rel));
        let bad: Vec<char> = text.chars().filter(|c| c.is_control() && !matches!(c, '\n' | '\t')).collect();
        assert!(bad.is_empty(), "{rel} still holds {bad:?}");
    }
    let script = read(out.join("goi/broadcast.txt"));
    assert!(script.contains("miễn phí"), "{script}");
    assert!(!script.contains("[31m") || !script.contains('\u{1B}'), "{script}");
}

/// Issue 10: numbers from files are bounded (`repeat: 4294967295` took 7.2 GB and aborted).
#[test]
fn numbers_out_of_range_are_errors_at_their_line() {
    for repeat in ["4294967295", "1000000", "0"] {
        let page = format!("---\ntitle: A\noutputs: [broadcast]\nbroadcast: {{repeat: {repeat}}}\n---\nBody.\n");
        let (_tmp, root) = site(&[("content/a.md", &page)]);
        for run in [build(&root), check(&root)] {
            assert_eq!(run.code, 1, "repeat {repeat}: {}", run.stderr);
            let all = format!("{}{}", run.stdout, run.stderr);
            assert!(all.contains("content/a.md:4:"), "repeat {repeat}: {all}");
            assert!(all.contains("between 1 and 10"), "repeat {repeat}: {all}");
        }
    }
}

/// Issue 10: a 300-character slug passed `loa check`, then the build failed with "File name too
/// long (os error 36)" naming no content file.
#[test]
fn long_addresses_are_errors_naming_file_and_line() {
    let slug = "dia-chi-rat-dai-".repeat(20);
    let page = format!("---\ntitle: A\nslug: {slug}\n---\nBody.\n");
    let (_tmp, root) = site(&[("content/a.md", &page)]);
    for run in [build(&root), check(&root)] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert!(all.contains("content/a.md:3:"), "{all}");
        assert!(all.contains("too long"), "{all}");
        assert!(!all.contains("os error"), "{all}");
    }
    // A tag may be a whole sentence: its address is shortened, the build works.
    let tag = "phòng chống mua bán người ".repeat(12);
    let page = format!("---\ntitle: A\ntags: [\"{tag}\"]\n---\nBody.\n");
    let (_tmp, root) = site(&[("content/a.md", &page)]);
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 10: `UPPER.MD` and `notes.markdown` were ignored silently (and copied into the output
/// as they were, drafts and all).
#[test]
fn page_files_in_any_letter_case_are_pages() {
    let (_tmp, root) = site(&[
        ("content/GOI-111.MD", "---\ntitle: Gọi 111\n---\nBody.\n"),
        ("content/ghi-chu.markdown", "---\ntitle: Ghi chú\ndraft: true\n---\nBí mật.\n"),
    ]);
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = root.join("public");
    assert!(out.join("goi-111/index.html").is_file());
    assert!(!out.join("ghi-chu").exists(), "a draft stays unpublished");
    assert!(!out.join("GOI-111.MD").exists() && !out.join("ghi-chu.markdown").exists(), "sources are not published");
}

/// Issue 10: `slug: hmn` was rejected naming `content/_index.hmn.md`, a file that does not exist.
#[test]
fn a_slug_that_is_a_language_names_the_page_that_has_it() {
    let (_tmp, root) = site(&[("content/a.md", "---\ntitle: A\nslug: hmn\n---\nBody.\n")]);
    let run = build(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/a.md"), "{}", run.stderr);
    assert!(!run.stderr.contains("_index.hmn.md"), "no file that does not exist: {}", run.stderr);
}

/// Issue 10: one rule for links: followed inside the site, skipped with a warning outside it;
/// a picture that is a link to outside the site is an error at its line.
#[cfg(unix)]
#[test]
fn links_are_followed_only_inside_the_site() {
    use std::os::unix::fs::symlink;
    let (tmp, root) = site(&[
        ("content/_index.md", "---\ntitle: Trang chủ\n---\n"),
        ("shared/chung.md", "---\ntitle: Chung\n---\nDùng chung.\n"),
        ("shared/anh.txt", "tài liệu"),
    ]);
    let outside = tmp.path().join("Documents");
    std::fs::create_dir_all(&outside).expect("mkdir");
    std::fs::write(outside.join("ca-nhan.txt"), "riêng tư").expect("write");
    symlink(root.join("shared/chung.md"), root.join("content/chung.md")).expect("link");
    std::fs::create_dir_all(root.join("static")).expect("mkdir");
    symlink(root.join("shared"), root.join("static/tai-lieu")).expect("link");
    symlink(&outside, root.join("static/documents")).expect("link");
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = root.join("public");
    assert!(out.join("chung/index.html").is_file(), "a page linked from inside the site is published");
    assert!(out.join("tai-lieu/anh.txt").is_file(), "a static folder linked from inside the site is published");
    assert!(!out.join("documents").exists(), "nothing from outside the site");
    assert!(run.stderr.contains("static/documents"), "the skipped link is named: {}", run.stderr);

    let photo = outside.join("anh.png");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/static/img/lon.png"), &photo)
        .expect("copy picture");
    symlink(&photo, root.join("content/anh.png")).expect("link");
    std::fs::write(root.join("content/trang.md"), "---\ntitle: Trang\n---\n\n![Ảnh](anh.png)\n").expect("write");
    let run = build(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/trang.md:5"), "{}", run.stderr);
    assert!(run.stderr.contains("outside the site"), "{}", run.stderr);
}

/// Issue 10: sizes and counts that come from a file decide loa's time and memory, so each is
/// bounded and refused at its place, quickly: brackets nested 100,000 deep in front matter kept
/// `loa check` busy for 50 s (the YAML reader is quadratic in that depth), 200,000 tags ran a
/// build for minutes (a page per tag), a 20 MB page took half a gigabyte, a 1 MB title reached
/// the share card before anything said it was too long. Real values stay accepted.
#[test]
fn sizes_and_counts_from_files_are_bounded_where_they_are_written() {
    let deep = format!("---\ntitle: A\ntags: {}x{}\n---\nBody.\n", "[".repeat(100_000), "]".repeat(100_000));
    let deep_group = format!("---\ntitle: A\nbroadcast: {}\n---\nBody.\n", "{a: ".repeat(50));
    let tags: Vec<String> = (0..31).map(|i| format!("\"t{i}\"")).collect();
    let many_tags = format!("---\ntitle: A\ndate: 2026-07-30\ntags: [{}]\n---\nBody.\n", tags.join(", "));
    let aliases: Vec<String> = (0..31).map(|i| format!("\"/cu-{i}/\"")).collect();
    let many_aliases = format!("---\ntitle: A\naliases: [{}]\n---\nBody.\n", aliases.join(", "));
    let long_title = format!("---\ntitle: \"{}\"\n---\nBody.\n", "Gọi 111 ".repeat(40));
    let long_front = format!("---\ntitle: A\ndescription: \"{}\"\n---\nBody.\n", "á".repeat(200_000));
    let big_page = format!("---\ntitle: A\n---\n{}\n", "Gọi 111 miễn phí. ".repeat(300_000));
    let cases: [(&str, &str, &str); 7] = [
        (&deep, "content/a.md:3:23:", "inside each other more than 16"),
        (&deep_group, "content/a.md:3:", "inside each other more than 16"),
        (&many_tags, "content/a.md:4:", "31 tags; at most 30"),
        (&many_aliases, "content/a.md:3:", "31 old addresses; at most 30"),
        (&long_title, "content/a.md:2:", "320 characters; at most 300"),
        (&long_front, "content/a.md:2:", "at most 256 KB"),
        (&big_page, "content/a.md", "too big for one page"),
    ];
    for (page, place, words) in cases {
        let (_tmp, root) = site(&[("content/a.md", page)]);
        let fix = loa(&["check", root.to_str().expect("utf-8"), "--fix-encoding"]);
        for run in [build(&root), check(&root), fix] {
            let all = format!("{}{}", run.stdout, run.stderr);
            assert_eq!(run.code, 1, "{place} {words}: {all}");
            assert!(all.contains(place), "{place} {words}: {all}");
            assert!(all.contains(words), "{place} {words}: {all}");
        }
        assert!(!root.join("public").exists(), "nothing is published: {place}");
    }
    // At the bounds, everything is accepted.
    let tags: Vec<String> = (0..30).map(|i| format!("\"t{i}\"")).collect();
    let ok = format!(
        "---\ntitle: \"{}\"\ntags: [{}]\nprivacy: {{allow: [{{number: \"0912345678\", why: \"[[số]] của xã\"}}]}}\n---\nGọi 0912345678.\n",
        "a".repeat(300),
        tags.join(", ")
    );
    let (_tmp, root) = site(&[("content/a.md", &ok)]);
    let run = build(&root);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 10: `loa.yaml` is read with a bound too (a wrong file saved under that name).
#[test]
fn a_huge_settings_file_is_refused_before_it_is_read() {
    let (_tmp, root) = site(&[]);
    let mut config = CONFIG.to_string();
    config.push_str(&format!("# {}\n", "x".repeat(2 << 20)));
    std::fs::write(root.join("loa.yaml"), config).expect("config");
    let run = check(&root);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("loa.yaml") && all.contains("too big"), "{all}");
}

/// Thousands of the same mistake in one file (a page of broken links, generated or hostile)
/// must not bury the other messages: the terminal shows ten of each kind per file and counts
/// the rest in one line, in the user's language; `loa check` still lists every one.
#[test]
fn the_same_mistake_many_times_is_shown_ten_times_and_counted() {
    let links: String = (0..60).map(|i| format!("[x](#khong-co-{i})\n\n")).collect();
    let page = format!("---\ntitle: \"Liên kết\"\n---\n## Gọi 111\n\n{links}");
    let (_tmp, root) = site(&[("content/lien-ket.md", page.as_str())]);
    let dir = root.to_str().expect("utf-8");
    let run = loa(&["build", dir, "--lang", "vi"]);
    assert_ne!(run.code, 0);
    let shown = run.stderr.lines().filter(|l| l.starts_with("lỗi:")).count();
    assert_eq!(shown, 10, "ten of the sixty broken anchors:\n{}", run.stderr);
    assert!(run.stderr.contains("… và 50 lỗi khác cùng loại trong content/lien-ket.md"), "{}", run.stderr);
    assert!(run.stderr.contains("60 lỗi"), "the count is of every error: {}", run.stderr);
    let en = loa(&["build", dir, "--lang", "en"]);
    assert!(en.stderr.contains("… and 50 more errors of the same kind in content/lien-ket.md"), "{}", en.stderr);
    let report = check(&root);
    assert_eq!(report.stdout.matches("#khong-co-").count(), 60, "loa check lists them all:\n{}", report.stdout);
}
