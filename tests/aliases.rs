//! Issue 11: addresses that last. A build that would drop an address published before fails,
//! naming the old address, the file that made it and the alias that keeps it alive; with the alias
//! the old address lands on the new page in a real browser.

mod common;

use common::{loa, read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CONFIG: &str = "title: \"Xã Thử\"\nbase_url: \"https://xa-thu.gov.vn\"\ndefault_language: vi\nlanguages:\n  - {code: vi, name: \"Tiếng Việt\"}\n  - {code: hmn, name: \"Hmoob\"}\nhotline: {number: \"111\"}\nshare_cards: false\n";

fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(root.join("content/tin-tuc")).expect("mkdir");
    std::fs::write(root.join("loa.yaml"), CONFIG).expect("config");
    std::fs::write(root.join("content/_index.md"), "---\ntitle: Trang chủ\n---\nChào bà con.\n").expect("home");
    std::fs::write(root.join("content/tin-tuc/goi-111.md"), "---\ntitle: Gọi 111\n---\nTổng đài miễn phí, gọi ngay.\n")
        .expect("page");
    (tmp, root)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8")
}

/// Issue 11: renaming a page (or changing its slug) without an alias fails the build, naming the
/// old address and the alias to add; OUT keeps the old site.
#[test]
fn a_dropped_address_fails_the_build_and_names_the_alias() {
    let (_tmp, root) = site();
    assert_eq!(loa(&["build", s(&root)]).code, 0);
    std::fs::rename(root.join("content/tin-tuc/goi-111.md"), root.join("content/tin-tuc/tong-dai.md")).expect("rename");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("`tin-tuc/goi-111/`"), "names the old address: {}", run.stderr);
    assert!(run.stderr.contains("content/tin-tuc/goi-111.md"), "names the file that made it: {}", run.stderr);
    assert!(
        run.stderr.contains("aliases: [\\\"tin-tuc/goi-111/\\\"]")
            || run.stderr.contains("aliases: [\"tin-tuc/goi-111/\"]"),
        "{}",
        run.stderr
    );
    assert!(root.join("public/tin-tuc/goi-111/index.html").is_file(), "OUT keeps the old site");
    let check = loa(&["check", s(&root)]);
    assert_eq!(check.code, 1, "check finds it too: {}{}", check.stdout, check.stderr);

    // A slug change of the same file: the message points at the file and says where it went.
    std::fs::rename(root.join("content/tin-tuc/tong-dai.md"), root.join("content/tin-tuc/goi-111.md")).expect("back");
    std::fs::write(
        root.join("content/tin-tuc/goi-111.md"),
        "---\ntitle: Gọi 111\nslug: tong-dai-111\n---\nGọi ngay.\n",
    )
    .expect("slug");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/tin-tuc/goi-111.md:3"), "at the slug line: {}", run.stderr);
    assert!(run.stderr.contains("tin-tuc/tong-dai-111/"), "says where it is now: {}", run.stderr);

    // Removed on purpose: `retired:` in loa.yaml lets it go.
    std::fs::remove_file(root.join("content/tin-tuc/goi-111.md")).expect("remove");
    std::fs::write(root.join("loa.yaml"), format!("{CONFIG}retired: [\"tin-tuc/goi-111/\"]\n")).expect("config");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// Issue 11: aliases that cannot work are errors at the front matter line.
#[test]
fn bad_aliases_are_errors_at_their_line() {
    let (_tmp, root) = site();
    for (alias, words) in [
        ("https://xa-thu.gov.vn/cu/", "whole web address"),
        ("a/../b", "`..`"),
        ("tin-tuc/goi-111/", "is the address of"),
    ] {
        std::fs::write(
            root.join("content/khac.md"),
            format!("---\ntitle: Khác\naliases: [\"{alias}\"]\n---\nNội dung.\n"),
        )
        .expect("write");
        let run = loa(&["build", s(&root)]);
        assert_eq!(run.code, 1, "{alias}: {}", run.stderr);
        assert!(run.stderr.contains("content/khac.md:3"), "{alias}: {}", run.stderr);
        assert!(run.stderr.contains(words), "{alias}: {}", run.stderr);
    }
}

/// Issue 11: with the alias, the old address lands on the new page in headless Chromium (the
/// redirect page, no JavaScript), and `_redirects.nginx` lists it for the shipped nginx config.
#[test]
fn an_alias_lands_on_the_new_page_in_a_browser() {
    let (_tmp, root) = site();
    assert_eq!(loa(&["build", s(&root)]).code, 0);
    std::fs::write(
        root.join("content/tin-tuc/goi-111.md"),
        "---\ntitle: Gọi 111\nslug: tong-dai-111\naliases: [\"tin-tuc/goi-111/\"]\n---\nTổng đài miễn phí, gọi ngay.\n",
    )
    .expect("page");
    let run = loa(&["build", s(&root)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = root.join("public");
    let redirect = read(out.join("tin-tuc/goi-111/index.html"));
    assert!(!redirect.contains("<script"), "no JavaScript: {redirect}");
    assert_eq!(read(out.join("_redirects.nginx")), "\"/tin-tuc/goi-111/\" \"/tin-tuc/tong-dai-111/\";\n");

    let port = free_port();
    let mut server = Command::new("python3")
        .args(["-m", "http.server", &port.to_string(), "--bind", "127.0.0.1", "--directory", s(&out)])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 -m http.server");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(50));
    }
    let profile = tempfile::tempdir().expect("profile");
    let dom = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", s(profile.path())),
            "--virtual-time-budget=5000",
            "--dump-dom",
            &format!("http://127.0.0.1:{port}/tin-tuc/goi-111/"),
        ])
        .output()
        .expect("chromium must be installed (scripts/install-test-tools.sh)");
    let _ = server.kill();
    let _ = server.wait();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("gọi ngay"), "the browser shows the new page: {dom}");
    assert!(!dom.contains("http-equiv=\"refresh\""), "not the redirect page: {dom}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}
