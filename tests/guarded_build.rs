//! Issue 11: `loa build` refuses what `loa check` finds. Each case adds one harmful page to a site
//! that builds; the build must fail naming the file and line, with OUT byte-identical to the last
//! good build, and `loa check` must report the same place.

mod common;

use common::{loa, tree};
use std::path::{Path, PathBuf};

const CONFIG: &str = "title: \"Xã Thử\"\nbase_url: \"https://xa-thu.gov.vn\"\ndefault_language: vi\nlanguages:\n  - {code: vi, name: \"Tiếng Việt\"}\nhotline: {number: \"111\"}\nshare_cards: false\n";

fn good_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content")).expect("mkdir");
    std::fs::write(root.join("loa.yaml"), CONFIG).expect("config");
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Trang chủ\n---\n\nGọi **111**, miễn phí.\n")
        .expect("home");
    (tmp, root)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// (name, file text, expected `file:line` in the message, words the message must contain)
const HARMFUL: &[(&str, &str, &str, &str)] = &[
    (
        "a personal phone number",
        "---\ntitle: Câu chuyện\n---\n\nChị Lò Thị Mai kể lại.\nSố điện thoại 0912 345 678 của chị.\n",
        "content/bai.md:6",
        "phone number",
    ),
    ("a citizen ID", "---\ntitle: Câu chuyện\n---\n\nCCCD 001305012345 của chị.\n", "content/bai.md:5", "CCCD"),
    (
        "a birth date next to a name",
        "---\ntitle: Câu chuyện\n---\n\nChị Lò Thị Mai, sinh ngày 12/3/2005, đã trở về.\n",
        "content/bai.md:5",
        "date of birth",
    ),
    (
        "text in the old TCVN3 encoding",
        "---\ntitle: Câu chuyện\n---\n\nPh\u{df}ng, ch\u{e8}ng mua b\u{b8}n ng\u{ad}\u{ea}i\n",
        "content/bai.md:5",
        "TCVN3",
    ),
    (
        "a broken link",
        "---\ntitle: Câu chuyện\n---\n\nXem [dấu hiệu](dau-hieu.md).\n",
        "content/bai.md:5",
        "dau-hieu.md",
    ),
    (
        "a missing picture",
        "---\ntitle: Câu chuyện\n---\n\n![Buổi họp thôn](../khong-co.jpg)\n",
        "content/bai.md:5",
        "does not exist",
    ),
    (
        "a picture without a description",
        "---\ntitle: Câu chuyện\n---\n\n![](/logo.png)\n",
        "content/bai.md:5",
        "no description",
    ),
];

/// Issue 11: every error-level finding of `loa check` fails `loa build` with the same place, and
/// leaves OUT exactly as the last good build left it; the site builds again once it is fixed.
#[test]
fn harmful_pages_are_never_published() {
    for (what, text, place, words) in HARMFUL {
        let (_tmp, root) = good_site();
        std::fs::create_dir_all(root.join("static")).expect("mkdir");
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/static/img/ok.png"),
            root.join("static/logo.png"),
        )
        .expect("logo");
        let first = loa(&["build", s(&root)]);
        assert_eq!(first.code, 0, "{what}: the good site builds: {}", first.stderr);
        let before = tree(&root.join("public"));
        std::fs::write(root.join("content/bai.md"), text).expect("write");

        let build = loa(&["build", s(&root)]);
        assert_eq!(build.code, 1, "{what}: the build must fail: {}", build.stderr);
        assert!(build.stderr.contains(place), "{what}: names {place}: {}", build.stderr);
        assert!(build.stderr.contains(words), "{what}: says `{words}`: {}", build.stderr);
        assert_eq!(tree(&root.join("public")), before, "{what}: OUT is byte-identical");

        let check = loa(&["check", s(&root)]);
        let report = format!("{}{}", check.stdout, check.stderr);
        assert_eq!(check.code, 1, "{what}: {report}");
        assert!(report.contains(place), "{what}: check names the same place: {report}");

        std::fs::remove_file(root.join("content/bai.md")).expect("fix");
        let fixed = loa(&["build", s(&root)]);
        assert_eq!(fixed.code, 0, "{what}: builds after the fix: {}", fixed.stderr);
    }
}

/// Issue 11: overrides are narrow and visible: a number the page allows, with the reason, is
/// published; without the reason it is an error; `privacy.allow` in loa.yaml works site-wide.
#[test]
fn a_page_may_publish_an_official_number_it_names_and_explains() {
    let (_tmp, root) = good_site();
    let page = "---\ntitle: Liên hệ\nprivacy:\n  allow:\n    - number: \"0214 3876 543\"\n      why: \"số trực ban của Công an xã, công khai\"\n---\n\nGọi Công an xã: 0214 3876 543.\n";
    std::fs::write(root.join("content/lien-he.md"), page).expect("write");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let no_reason = page.replace("      why: \"số trực ban của Công an xã, công khai\"\n", "      why: \"\"\n");
    std::fs::write(root.join("content/lien-he.md"), no_reason).expect("write");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("say why"), "{}", run.stderr);

    // Another page with the same number is not covered by the first page's allowance.
    std::fs::write(root.join("content/lien-he.md"), page).expect("write");
    std::fs::write(root.join("content/khac.md"), "---\ntitle: Khác\n---\n\nGọi 0214 3876 543.\n").expect("write");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/khac.md:5"), "{}", run.stderr);
    std::fs::write(root.join("loa.yaml"), format!("{CONFIG}privacy: {{allow: [\"0214 3876 543\"]}}\n")).expect("write");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 11: a malformed `base_url` fails with a hint; `loa new` then `loa build` warns that QR
/// codes point to a placeholder, at the end of the output.
#[test]
fn base_url_must_be_a_whole_address_and_placeholders_are_named() {
    let (_tmp, root) = good_site();
    for (bad, hint) in [("xa-moi.gov.vn", "https://xa-moi.gov.vn"), ("notaurl", "https://")] {
        let run = loa(&["build", s(&root), "--base-url", bad]);
        assert_eq!(run.code, 1, "{bad}: {}", run.stderr);
        assert!(run.stderr.contains(hint), "{bad}: {}", run.stderr);
        std::fs::write(root.join("loa.yaml"), CONFIG.replace("https://xa-thu.gov.vn", bad)).expect("write");
        let run = loa(&["build", s(&root)]);
        assert_eq!(run.code, 1, "{bad} in loa.yaml: {}", run.stderr);
        assert!(run.stderr.contains("loa.yaml:2"), "{bad}: {}", run.stderr);
    }
    let tmp = tempfile::tempdir().expect("temp");
    let new = tmp.path().join("xa-moi");
    assert_eq!(loa(&["new", s(&new)]).code, 0);
    let run = loa(&["build", s(&new)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let last_warning = run.stderr.lines().rfind(|l| l.contains("warning")).unwrap_or("");
    assert!(last_warning.contains("base_url") && last_warning.contains("QR"), "the last warning: {}", run.stderr);
}

/// `print: {bleed, crop_marks}` in `loa.yaml` were accepted and silently did nothing once every
/// shop copy got bleed and crop marks: a setting that does nothing is named, at its line, by
/// build and check alike (the build still succeeds).
#[test]
fn a_setting_that_no_longer_does_anything_is_named_at_its_line() {
    let (_tmp, root) = good_site();
    std::fs::write(root.join("loa.yaml"), format!("{CONFIG}print: {{bleed: true, crop_marks: false}}\n"))
        .expect("config");
    for args in [vec!["build", s(&root)], vec!["check", s(&root)]] {
        let run = loa(&args);
        let all = format!("{}{}", run.stdout, run.stderr);
        assert_eq!(run.code, 0, "{all}");
        assert!(all.contains("loa.yaml:8:") && all.contains("`print: {bleed}` no longer does anything"), "{all}");
        assert!(all.contains("`print: {crop_marks}` no longer does anything"), "{all}");
    }
}
