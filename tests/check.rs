//! `loa check` end to end: the real binary on a temporary copy of `tests/fixtures/check`, a site
//! with one of each problem the content doctor finds.

mod common;

use common::copy_dir;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

/// A fresh copy of the fixture site (tests never write into fixtures).
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(), dir.path());
    dir
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn loa(site: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg(site)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every problem planted in the fixture, as `file:line` (with column where the check knows it)
/// and a word of its message.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("error", "content/khoa-sai.md:2:1", "unknown key `titel`"),
    ("error", "content/ngay-sai.md:3:7", "`30/7/2026` is not a date"),
    ("error", "content/dau-ra-sai.md:3:16", "`postr` is not an allowed value"),
    ("error", "content/ghi-chu.en.md", "`en` in the file name"),
    ("error", "content/lien-ket.md:8:6", "`khong-co.md`"),
    ("error", "content/lien-ket.md:10:6", "`#muc-khong-co`"),
    ("error", "content/lien-ket.md:12:6", "`/tai-lieu/ke-hoach.pdf`"),
    ("warning", "content/lien-ket.md:14:21", "exists only in `hmn`"),
    ("error", "content/hinh-anh.md:6:1", "`/img/khong-co.jpg` does not exist"),
    ("error", "content/hinh-anh.md:8:1", "has no description"),
    ("warning", "content/hinh-anh.md:10:1", "`/img/lon.png` is 23.9 KB"),
    ("error", "content/rieng-tu.md:4:21", "a date of birth (`sinh năm 1998`)"),
    ("error", "content/rieng-tu.md:6:20", "the phone number `0987 654 321`"),
    ("error", "content/rieng-tu.md:8:9", "`001198012345` looks like a citizen ID number"),
    (
        "error",
        "content/tcvn3.md:4",
        "TCVN3 (ABC, .VnTime) text pasted from an old document: \"Phßng, chèng mua b¸n ng\u{ad}êi\"",
    ),
    ("error", "content/tcvn3.md:6", "TCVN3"),
    ("error", "content/vni.md:4", "VNI text pasted from an old document: \"Phoøng, choáng mua baùn ngöôøi\""),
    ("error", "content/tron-lan.md:6", "the file mixes encodings"),
    ("warning", "content/nfd.md:2", "decomposed (NFD)"),
    ("warning", "content/trang-dai.md", "`trang-dai/index.html` is"),
];

#[test]
fn reports_every_problem_with_file_and_line_and_exits_1() {
    let dir = site();
    let out = loa(dir.path(), &["check", "-q"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    let lines: Vec<&str> = out.stdout.lines().collect();
    for (severity, place, words) in EXPECTED {
        let prefix = format!("{severity}: {place}: ");
        assert!(
            lines.iter().any(|l| l.starts_with(&prefix) && l.contains(words)),
            "missing `{prefix}…{words}` in:\n{}",
            out.stdout
        );
    }
    // The privacy traps on the same page (111, allowed numbers, document numbers, dates, money,
    // a year of birth without a name) raise nothing.
    assert_eq!(lines.iter().filter(|l| l.contains("content/rieng-tu.md:")).count(), 3, "{}", out.stdout);
    assert!(!dir.path().join("public").exists(), "check writes nothing");
    assert!(out.stdout.trim_end().ends_with("pages checked)"), "{}", out.stdout);
    // Issue 12: the report is the command's output, so `loa check > report.txt` keeps it.
    assert_eq!(out.stderr, "", "nothing but loa's own failures goes to stderr");
}

#[test]
fn human_output_snapshot() {
    let dir = site();
    let out = loa(dir.path(), &["check", "-q"]);
    insta::assert_snapshot!("check_text", redact_page_sizes(&out.stdout));
}

/// The gzipped size of a rendered page moves with every template change; the snapshot keeps the
/// finding and hides the figure (the figure itself is tested in `check::budget`).
fn redact_page_sizes(text: &str) -> String {
    text.lines()
        .map(|l| match (l.find("` is "), l.find(" KB gzipped")) {
            (Some(a), Some(b)) if a < b => format!("{}` is [size]{}", &l[..a], &l[b + 3..]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// A small JSON Schema checker for what `docs/check.schema.json` uses: type, const, enum,
/// required, properties, items, additionalProperties.
fn validate(value: &Value, schema: &Value, path: &str, errors: &mut Vec<String>) {
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let actual = match value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        if !types.contains(&actual) {
            errors.push(format!("{path}: {actual} is not one of {types:?}"));
            return;
        }
    }
    if let Some(c) = schema.get("const")
        && c != value
    {
        errors.push(format!("{path}: {value} is not {c}"));
    }
    if let Some(Value::Array(options)) = schema.get("enum")
        && !options.contains(value)
    {
        errors.push(format!("{path}: {value} is not in {options:?}"));
    }
    if let Value::Object(map) = value {
        for key in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let key = key.as_str().unwrap_or("");
            if !map.contains_key(key) {
                errors.push(format!("{path}: the required field `{key}` is missing"));
            }
        }
        for (key, v) in map {
            let sub = schema.get("properties").and_then(|p| p.get(key)).or_else(|| schema.get("additionalProperties"));
            if let Some(sub) = sub {
                validate(v, sub, &format!("{path}.{key}"), errors);
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (value, schema.get("items")) {
        for (i, v) in items.iter().enumerate() {
            validate(v, sub, &format!("{path}[{i}]"), errors);
        }
    }
}

fn schema() -> Value {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/check.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn json_output_follows_the_documented_schema() {
    let dir = site();
    let out = loa(dir.path(), &["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut errors = Vec::new();
    validate(&report, &schema(), "$", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    let diags = report["diagnostics"].as_array().unwrap();
    let count = |s: &str| diags.iter().filter(|d| d["severity"] == s).count();
    assert_eq!(report["errors"], count("error"));
    assert_eq!(report["warnings"], count("warning"));
    assert_eq!(report["version"], 1);
    // Every expected finding is there with its file and line.
    for (severity, place, _) in EXPECTED {
        let mut parts = place.split(':');
        let file = parts.next().unwrap();
        let line: Option<u64> = parts.next().map(|l| l.parse().unwrap());
        assert!(
            diags.iter().any(|d| d["severity"] == *severity && d["file"] == file && d["line"].as_u64() == line),
            "missing {severity} at {place}"
        );
    }
    let hmn = &report["translations"]["pages"].as_array().unwrap().iter().find(|p| p["key"] == "dau-hieu").unwrap()["versions"]
        ["hmn"];
    assert_eq!(hmn["status"], "reviewed");
}

#[test]
fn the_schema_checker_catches_drift() {
    // Guards the test above: a report missing a field or with a wrong type must fail.
    let mut errors = Vec::new();
    let bad = serde_json::json!({"version": 2, "errors": "1", "diagnostics": [{"severity": "fatal"}]});
    validate(&bad, &schema(), "$", &mut errors);
    for needle in ["`tool`", "$.version", "$.errors", "$.diagnostics[0]: the required field `line`", "fatal"] {
        assert!(errors.iter().any(|e| e.contains(needle)), "{needle} not in {errors:#?}");
    }
}

#[test]
fn fix_encoding_keeps_the_exact_original_and_converts_to_unicode() {
    let dir = site();
    let content = dir.path().join("content");
    let originals: Vec<(&str, Vec<u8>)> =
        ["tcvn3.md", "vni.md", "tron-lan.md"].iter().map(|f| (*f, std::fs::read(content.join(f)).unwrap())).collect();
    let untouched = std::fs::read(content.join("rieng-tu.md")).unwrap();
    let out = loa(dir.path(), &["check", "-q", "--fix-encoding"]);
    assert!(
        out.stdout.starts_with(
            "converted content/tcvn3.md to Unicode (2 lines); the original is kept as content/tcvn3.md.bak\n"
        ),
        "{}",
        out.stdout
    );
    for (file, bytes) in &originals {
        assert_eq!(&std::fs::read(content.join(format!("{file}.bak"))).unwrap(), bytes, "{file}.bak");
    }
    let read = |f: &str| std::fs::read_to_string(content.join(f)).unwrap();
    assert_eq!(
        read("tcvn3.md"),
        "---\ntitle: \"TCVN3\"\n---\nPhòng, chống mua bán người\n\nĐường dây nóng 111 miễn phí\n"
    );
    assert_eq!(read("vni.md"), "---\ntitle: \"VNI\"\n---\nPhòng, chống mua bán người\n");
    assert_eq!(
        read("tron-lan.md"),
        "---\ntitle: \"Trộn lẫn\"\n---\nĐường dây nóng 111 miễn phí.\n\nHãy gọi ngay khi thấy dấu hiệu lừa đảo việc làm\n"
    );
    assert_eq!(
        std::fs::read(content.join("rieng-tu.md")).unwrap(),
        untouched,
        "files without legacy text are left alone"
    );
    assert!(!out.stdout.contains("pasted from an old document"), "{}", out.stdout);
    // A second run finds nothing to convert and never touches the backups.
    let again = loa(dir.path(), &["check", "-q", "--fix-encoding"]);
    assert!(!again.stdout.contains("converted "), "{}", again.stdout);
    assert!(!content.join("tcvn3.md.2.bak").exists());
    // The backups are not content: the page count is unchanged.
    assert_eq!(out.stdout.lines().last(), again.stdout.lines().last());
}

#[test]
fn warnings_alone_exit_0_and_a_bad_command_line_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture().join("loa.yaml"), dir.path().join("loa.yaml")).unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(dir.path().join("content/_index.md"), "---\ntitle: Trang chủ\n---\nGọi 111.\n").unwrap();
    let out = loa(dir.path(), &["check", "-q"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(out.stdout.contains("0 errors, 1 warning (1 page checked)"), "{}", out.stdout);
    assert_eq!(loa(dir.path(), &["check", "--format", "xml"]).code, 2);
    assert_eq!(loa(dir.path(), &["check", "--fix-everything"]).code, 2);
}

/// Issue 16: what the text checks found in each file is kept in the site's cache and taken for
/// the same bytes the next time. A second check reports exactly what the first did; an edit is
/// seen at once; numbers newly allowed in loa.yaml make every file be checked again; a memo
/// that is not loa's is not believed. Each report equals the one made with no memo at all.
#[test]
fn the_text_checks_memo_reports_what_checking_anew_reports() {
    let dir = site();
    let s = dir.path();
    let memo = s.join(".loa-cache/files.memo");
    let json = |s: &Path| loa(s, &["check", "--format", "json"]).stdout;
    let anew = |s: &Path| {
        let _ = std::fs::remove_file(s.join(".loa-cache/files.memo"));
        json(s)
    };
    let first = json(s);
    assert!(first.contains("0987 654 321"), "{first}");
    assert!(memo.is_file(), "the memo is kept in the cache");
    assert_eq!(json(s), first, "the same report from the memo");

    // An edit: one number goes, another comes, on another line.
    let page = s.join("content/rieng-tu.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let edited =
        text.replace("Liên hệ người nhà: 0987 654 321.", "Liên hệ người nhà qua 111.\n\nHỏi chị Lan: 0978 111 222.");
    std::fs::write(&page, edited).unwrap();
    let after_edit = json(s);
    assert!(!after_edit.contains("0987 654 321") && after_edit.contains("0978 111 222"), "{after_edit}");
    assert_eq!(after_edit, anew(s));

    // The number allowed in loa.yaml: no longer a finding, though the page did not change.
    let yaml = std::fs::read_to_string(s.join("loa.yaml")).unwrap();
    std::fs::write(
        s.join("loa.yaml"),
        yaml.replace(r#"allow: ["0912 000 111"]"#, r#"allow: ["0912 000 111", "0978 111 222"]"#),
    )
    .unwrap();
    let allowed = json(s);
    assert!(!allowed.contains("0978 111 222"), "{allowed}");
    assert_eq!(allowed, anew(s));

    // A memo loa did not write whole is not believed.
    json(s);
    let mut bytes = std::fs::read(&memo).unwrap();
    bytes.truncate(bytes.len() - 3);
    std::fs::write(&memo, &bytes).unwrap();
    assert_eq!(json(s), allowed);
    std::fs::write(&memo, b"not a memo").unwrap();
    assert_eq!(json(s), allowed);
}

/// Issue 16, the class: on every site (each fixture, mistakes and all, and the example
/// campaign), `loa check` says the same with no memo, with the memo its first run left, and
/// with that memo again. A memo that remembered anything but what checking finds would show.
#[test]
fn every_site_checked_with_its_memo_reports_what_it_reports_without() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("loa.yaml").is_file())
        .collect();
    sites.sort();
    sites.push(root.to_path_buf());
    assert!(sites.len() > 5, "{sites:?}");
    for src in sites {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path();
        std::fs::copy(src.join("loa.yaml"), site.join("loa.yaml")).unwrap();
        for part in ["content", "static", "themes"] {
            if src.join(part).is_dir() {
                copy_dir(&src.join(part), &site.join(part));
            }
        }
        let report = || {
            let out = loa(site, &["check", "--format", "json"]);
            (out.code, out.stdout)
        };
        let without = report();
        assert!(site.join(".loa-cache/files.memo").is_file(), "{}: no memo kept", src.display());
        assert_eq!(report(), without, "{}: from the memo", src.display());
        assert_eq!(report(), without, "{}: from the memo again", src.display());
    }
}
