//! Loudspeaker scripts and SMS texts (issue 4), built by the real binary from
//! `tests/fixtures/speech` (Vietnamese and Hmong pages with headings, lists, a table, links, an
//! image, dates, a percentage and the hotline).

mod common;

use common::copy_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary copy of the fixture (tests never write into fixtures).
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/speech"), &site);
    (tmp, site)
}

fn build(site: &Path) -> PathBuf {
    let out = site.join("public");
    let status =
        Command::new(env!("CARGO_BIN_EXE_loa")).args(["build", "--quiet", "-o"]).arg(&out).arg(site).status().unwrap();
    assert!(status.success(), "loa build failed");
    out
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn broadcast_scripts_and_bulletins() {
    let (_tmp, site) = fixture();
    let out = build(&site);
    for rel in [
        "dau-hieu/broadcast.txt",
        "hmn/dau-hieu/broadcast.txt",
        "duong-day-nong/broadcast.txt",
        "bulletin.txt",
        "hmn/bulletin.txt",
        "huong-dan/bulletin.txt",
        "blt/duong-day-nong/broadcast.txt",
    ] {
        let text = read(&out, rel);
        assert!(unicode_is_nfc(&text), "{rel} is not NFC");
        // The first line is the bracketed header for the station; what is read aloud has no markup.
        let spoken = text.split_once("\n\n").map_or("", |(_, s)| s);
        assert!(!spoken.contains(['*', '[', ']', '#', '|', '<', '`', '_']), "{rel} has markup left:\n{text}");
        insta::assert_snapshot!(rel.replace('/', "__"), text);
    }
    // Regression: a language without its own `broadcast_*` strings borrows the Vietnamese
    // sentences, which must still say the hotline the Vietnamese way; its own text keeps digits.
    let blt = read(&out, "blt/duong-day-nong/broadcast.txt");
    assert!(blt.contains("ꪁꪫꪱꪣ 111, 24/7."), "{blt}");
    assert!(blt.contains("đường dây nóng một một một, miễn phí, hai mươi bốn giờ mỗi ngày"), "{blt}");
    // The web page links to its script and SMS.
    let html = read(&out, "dau-hieu/index.html");
    assert!(html.contains("href=\"broadcast.txt\"") && html.contains("href=\"sms.txt\""), "{html}");
    // Pages without `broadcast` in outputs get no script; a section without any gets no bulletin.
    assert!(!out.join("huong-dan/broadcast.txt").exists());
    assert!(!out.join("hmn/huong-dan/bulletin.txt").exists());
}

#[test]
fn sms_texts() {
    let (_tmp, site) = fixture();
    let out = build(&site);
    for rel in ["dau-hieu/sms.txt", "hmn/dau-hieu/sms.txt", "duong-day-nong/sms.txt", "huong-dan/bao-tin/sms.txt"] {
        insta::assert_snapshot!(rel.replace('/', "__"), read(&out, rel));
    }
}

#[test]
fn check_reports_sms_and_broadcast_budgets_at_their_lines() {
    let (_tmp, site) = fixture();
    let output =
        Command::new(env!("CARGO_BIN_EXE_loa")).args(["check", "--format", "json"]).arg(&site).output().unwrap();
    assert!(output.status.success(), "warnings must not fail the check");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["file"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .filter(|(code, ..)| code == "sms-budget" || code == "broadcast-length")
        .collect();
    assert_eq!(
        found,
        vec![
            ("broadcast-length".to_string(), "content/dau-hieu.md".to_string(), 6),
            ("sms-budget".to_string(), "content/huong-dan/bao-tin.md".to_string(), 4),
        ],
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

fn unicode_is_nfc(s: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().eq(s.chars())
}
