//! Issue 12: loa speaks Vietnamese to the people who use it (English on request), in plain
//! words, each problem with file:line:col and the corrected line; the report of `loa check`
//! goes to stdout; the command line follows Zola and Hugo.

mod common;

use common::{Run, fixture};
use std::path::Path;
use std::process::{Command, Stdio};

/// The binary with no locale at all (a Windows laptop sets none): Vietnamese.
fn loa_default() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_loa"));
    c.env("NO_COLOR", "1");
    for var in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(var);
    }
    c
}

fn run(mut c: Command) -> Run {
    c.output().expect("run loa").into()
}

fn check(site: &Path, extra: &[&str]) -> Run {
    let mut c = loa_default();
    c.arg("check").arg(site).args(extra);
    run(c)
}

/// Issue 12: the common mistakes, in Vietnamese by default. Each names file:line:col and shows
/// the corrected line; no parser words ("YAML", "sequence", "token") reach the officer.
#[test]
fn common_mistakes_in_vietnamese() {
    let (_tmp, site) = fixture("mistakes");
    let r = check(&site, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stderr, "", "the report goes to stdout");
    for jargon in ["YAML", "sequence", "token", "boolean", "string", "hint:", "error:"] {
        assert!(!r.stdout.contains(jargon), "`{jargon}` in:\n{}", r.stdout);
    }
    insta::assert_snapshot!("mistakes_vi", r.stdout);
}

/// Issue 12: the same in English with `--lang en`.
#[test]
fn common_mistakes_in_english() {
    let (_tmp, site) = fixture("mistakes");
    let r = check(&site, &["--lang", "en"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for jargon in ["YAML", "sequence", "token", "boolean"] {
        assert!(!r.stdout.contains(jargon), "`{jargon}` in:\n{}", r.stdout);
    }
    insta::assert_snapshot!("mistakes_en", r.stdout);
}

/// Issue 12: each front matter mistake is found where it is, with the line to write instead.
#[test]
fn each_mistake_names_its_place_and_the_fix() {
    let (_tmp, site) = fixture("mistakes");
    let out = check(&site, &[]).stdout;
    for (place, fix) in [
        ("content/chu-de.md:3:7:", "viết: `tags: [\"111\", \"30/7\"]`"),
        ("content/dau-tab.md:4:1:", "viết: `  status: draft`"),
        ("content/thieu-gach.md:1:1:", "`---`"),
        ("content/dau-ra.md:3:", "viết: `outputs: [web, poster]`"),
        ("content/ngay.md:3:7:", "viết: `date: 2026-07-30`"),
        ("content/lien-ket.md:5:", "`content/`"),
        ("content/anh.md:7:1:", "`![Ảnh: …](/hop.svg)`"),
        ("content/hai-cham.md:2:", "viết: `title: \"Gọi 111: miễn phí\"`"),
        ("content/go-nham.md:2:1:", "viết: `title: Gõ nhầm`"),
        ("content/hai-cham-thieu.md:2:", "viết: `title: Thiếu dấu hai chấm`"),
    ] {
        let at = out.find(place).unwrap_or_else(|| panic!("no `{place}` in:\n{out}"));
        let block: String = out[at..].lines().take(2).collect::<Vec<_>>().join("\n");
        assert!(block.contains(fix), "`{place}` should say `{fix}`:\n{block}");
    }
    let tab = out.lines().find(|l| l.contains("dau-tab.md:4:1")).unwrap_or_default();
    assert!(tab.contains("dấu tab"), "a tab is named as a tab: {tab}");
}

/// Issue 12: curly quotes from Word or Zalo around a value are taken as the quotes the writer
/// meant: the title and tags carry none of them.
#[test]
fn curly_quotes_are_read_as_quotes() {
    let (_tmp, site) = fixture("mistakes");
    let out = check(&site, &[]).stdout;
    assert!(!out.contains("ngoac-cong.md"), "no finding for the curly quotes:\n{out}");
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("site");
    std::fs::create_dir_all(small.join("content")).unwrap();
    std::fs::copy(site.join("loa.yaml"), small.join("loa.yaml")).unwrap();
    std::fs::copy(site.join("content/ngoac-cong.md"), small.join("content/ngoac-cong.md")).unwrap();
    let mut c = loa_default();
    c.args(["build", "-q"]).arg(&small);
    let r = run(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let html = common::read(small.join("public/ngoac-cong/index.html"));
    assert!(html.contains("<h1>Ngày 30/7</h1>") || html.contains(">Ngày 30/7<"), "{html}");
    assert!(!html.contains('“') && !html.contains('”'), "curly quotes left in the page");
    assert!(small.join("public/tags/30-7/index.html").exists(), "the tag is `30/7`, without quotes");
}

/// Issue 12: `loa check > baocao.txt` keeps the whole report; errors of loa itself still go
/// to stderr, and the exit code is 1 as before.
#[test]
fn check_report_goes_into_a_redirected_file() {
    let (tmp, site) = fixture("mistakes");
    let report = tmp.path().join("baocao.txt");
    let file = std::fs::File::create(&report).unwrap();
    let mut c = loa_default();
    c.arg("check").arg(&site).stdout(Stdio::from(file));
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = common::read(&report);
    assert!(text.contains("content/chu-de.md:3:7:") && text.contains("(đã kiểm tra "), "{text}");
    // The JSON report is in the user's language too, with the message id for tools.
    let mut c = loa_default();
    c.args(["check", "--format", "json"]).arg(&site);
    let json: serde_json::Value = serde_json::from_str(&run(c).stdout).unwrap();
    assert_eq!(json["language"], "vi");
    let tags = json["diagnostics"].as_array().unwrap().iter().find(|d| d["file"] == "content/chu-de.md").unwrap();
    assert_eq!(tags["message_id"], "yaml-wrong-kind");
    assert!(tags["message"].as_str().unwrap().contains("cần một danh sách"), "{tags}");
}

/// Issue 12: the language comes from `--lang`, else an English locale; `vi_VN`, `C` or nothing
/// give Vietnamese.
#[test]
fn language_from_flag_and_locale() {
    let (_tmp, site) = fixture("mistakes");
    let first_line = |env: &[(&str, &str)], extra: &[&str]| {
        let mut c = loa_default();
        c.arg("check").arg(&site).args(extra);
        for (k, v) in env {
            c.env(k, v);
        }
        let out = run(c).stdout;
        out.lines().find(|l| l.contains("chu-de.md:3:7")).unwrap_or_default().to_string()
    };
    let vi = "lỗi: content/chu-de.md:3:7:";
    let en = "error: content/chu-de.md:3:7:";
    assert!(first_line(&[], &[]).starts_with(vi));
    assert!(first_line(&[("LANG", "vi_VN.UTF-8")], &[]).starts_with(vi));
    assert!(first_line(&[("LANG", "C")], &[]).starts_with(vi));
    assert!(first_line(&[("LANG", "en_US.UTF-8")], &[]).starts_with(en));
    assert!(first_line(&[("LC_ALL", "en_GB.UTF-8"), ("LANG", "vi_VN.UTF-8")], &[]).starts_with(en));
    assert!(first_line(&[("LANG", "en_US.UTF-8")], &["--lang", "vi"]).starts_with(vi));
    assert!(first_line(&[], &["--lang=en"]).starts_with(en));
}

/// Issue 12: `--help` follows the language, every option is described, in both languages.
#[test]
fn help_in_both_languages() {
    for (lang, name) in [("vi", "help_vi"), ("en", "help_en")] {
        let mut all = String::new();
        for sub in [&[][..], &["build"], &["serve"], &["check"], &["new"], &["completions"]] {
            let mut c = loa_default();
            c.args(sub).args(["--help", "--lang", lang]);
            let r = run(c);
            assert_eq!(r.code, 0, "{}", r.stderr);
            // Every option line has a description after its flags.
            for line in r.stdout.lines().filter(|l| l.trim_start().starts_with('-')) {
                let described = line.split("  ").filter(|p| !p.trim().is_empty()).count() >= 2;
                assert!(described, "`{line}` has no description ({lang} {sub:?})");
            }
            let shown: Vec<&str> = ["loa"].into_iter().chain(sub.iter().copied()).chain(["--help"]).collect();
            all.push_str(&format!("$ {}\n{}\n", shown.join(" "), r.stdout));
        }
        if lang == "vi" {
            for english in ["Usage", "Options", "Print help", "possible values", "default:"] {
                assert!(!all.contains(english), "`{english}` in the Vietnamese help:\n{all}");
            }
        }
        insta::assert_snapshot!(name, all);
    }
}

/// Issue 12: short flags as Zola and Hugo users expect, and exit code 2 for a mistyped command,
/// explained in the user's language.
#[test]
fn short_flags_and_mistyped_commands() {
    let (tmp, site) = fixture("mistakes");
    // `-o`, `-D`, `-u` (and `-b`) are accepted; the build fails on the content (exit 1), not the flags.
    for url in ["-u", "-b"] {
        let mut c = loa_default();
        c.arg("build").arg(&site).arg("-o").arg(tmp.path().join("out")).args([
            "-D",
            "-q",
            url,
            "https://xa-thu.gov.vn",
        ]);
        assert_eq!(run(c).code, 1);
    }
    let mut c = loa_default();
    c.arg("buidl");
    let r = run(c);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("loa không có lệnh `buidl`") && r.stderr.contains("`build`"), "{}", r.stderr);
    let mut c = loa_default();
    c.args(["serve", "-p", "abc"]);
    let r = run(c);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`abc`") && r.stderr.contains("loa --help"), "{}", r.stderr);
    let mut c = loa_default();
    c.args(["check", "--format", "xml", "--lang", "en"]);
    let r = run(c);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`xml` cannot be used for `--format") && r.stderr.contains("text, json"), "{}", r.stderr);
}

/// Issue 12: `loa completions SHELL` prints a script each shell loads.
#[test]
fn completions_for_each_shell() {
    for (shell, marker, port) in [
        ("bash", "complete -F", "--port"),
        ("zsh", "#compdef loa", "--port"),
        ("fish", "complete -c loa", "-l port"),
        ("powershell", "Register-ArgumentCompleter", "--port"),
    ] {
        let mut c = loa_default();
        c.args(["completions", shell]);
        let r = run(c);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}: no `{marker}`");
        assert!(r.stdout.contains("build") && r.stdout.contains(port), "{shell}: commands and options");
    }
    let mut c = loa_default();
    c.args(["completions", "tcsh"]);
    assert_eq!(run(c).code, 2);
}

/// Issue 12: the summary says what was made per channel, where, and how long it took, with
/// numbers the Vietnamese way; `--quiet` prints nothing but problems.
#[test]
fn build_summary_per_channel() {
    let (tmp, site) = fixture("speech");
    let out = tmp.path().join("out");
    let mut c = loa_default();
    c.arg("build").arg(&site).arg("-o").arg(&out);
    let r = run(c);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let line = r.stderr.lines().find(|l| l.starts_with("Đã tạo ")).unwrap_or_else(|| panic!("{}", r.stderr));
    for part in ["trang web", "bài phát thanh", "tin nhắn", " giây → "] {
        assert!(line.contains(part), "`{part}` in `{line}`");
    }
    let seconds = line.split(" trong ").nth(1).unwrap_or_default();
    assert!(seconds.split(' ').next().is_some_and(|n| n.contains(',') && !n.contains('.')), "0,6 giây: {line}");
    assert!(line.ends_with(&format!("{}{}", out.display(), std::path::MAIN_SEPARATOR)), "{line}");
    assert!(!r.stderr.contains('\r'), "no progress bar when stderr is not a terminal");
    let mut c = loa_default();
    c.arg("build").arg(&site).arg("-o").arg(&out).args(["--lang", "en"]);
    let r = run(c);
    let line = r.stderr.lines().find(|l| l.starts_with("Made ")).unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(line.contains("loudspeaker script") && line.contains(" s → "), "{line}");
    // In the site folder, without arguments: the folder as the officer knows it, `public/`.
    let mut c = loa_default();
    c.arg("build").current_dir(&site);
    let r = run(c);
    let line = r.stderr.lines().find(|l| l.starts_with("Đã tạo ")).unwrap_or_else(|| panic!("{}", r.stderr));
    assert!(line.ends_with(&format!(" → public{}", std::path::MAIN_SEPARATOR)), "{line}");
    let mut c = loa_default();
    c.arg("build").arg(&site).arg("-o").arg(&out).arg("-q");
    let r = run(c);
    assert!(!r.stderr.contains("Đã tạo"), "--quiet: {}", r.stderr);
}

/// Issue 12: what the operating system says goes through the catalogue too: a port in use or a
/// folder without loa.yaml is explained in Vietnamese, not with the system's English.
#[test]
fn system_errors_in_plain_vietnamese() {
    let (_tmp, site) = fixture("mistakes");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let mut c = loa_default();
    c.arg("serve").arg(&site).args(["-p", &port]);
    let r = run(c);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("một chương trình khác đang dùng địa chỉ này"), "{}", r.stderr);
    assert!(!r.stderr.contains("in use") && !r.stderr.contains("os error"), "{}", r.stderr);
    let empty = tempfile::tempdir().unwrap();
    let r = check(empty.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("loa.yaml") && !all.contains("os error"), "{all}");
}
