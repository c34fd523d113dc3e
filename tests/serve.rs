//! `loa serve` over real HTTP: the real binary on a port the OS picks (`--port 0`), on a temp
//! copy of the web fixture. Every wait is bounded; nothing asserts how fast it is (see
//! `bench/serve.py` for that).

mod common;
mod serving;

use serving::{PATIENCE, Reply, Serving, send_junk, send_raw};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

fn site() -> (tempfile::TempDir, std::path::PathBuf) {
    common::fixture("web")
}

#[test]
fn pages_translations_and_files_are_served_with_their_types() {
    let (_tmp, site) = site();
    let files: [(&str, &[u8]); 8] = [
        ("doc.pdf", b"%PDF-1.7\n"),
        ("notes.txt", "Gọi 111".as_bytes()),
        ("a.css", b"p{}"),
        ("a.js", b"1"),
        ("a.json", b"{}"),
        // The smallest files whose structure parses (published pictures lose their metadata,
        // which needs a picture that can be read).
        ("p.png", b"\x89PNG\r\n\x1a\n\0\0\0\0IEND\xae\x42\x60\x82"),
        ("p.jpg", b"\xff\xd8\xff\xd9"),
        ("p.webp", b"RIFF\x04\0\0\0WEBP"),
    ];
    for (name, bytes) in files {
        std::fs::write(site.join("static").join(name), bytes).unwrap();
    }
    let s = Serving::start(&site);
    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert!(home.text().contains("<html lang=\"vi\""), "{}", home.text());
    // base_url is the local address, so absolute links work while serving.
    assert!(home.text().contains(&format!("href=\"http://{}/\"", s.addr)), "{}", home.text());

    let hmn = s.get("/hmn/goi-111/");
    assert_eq!((hmn.status, hmn.header("content-type")), (200, "text/html; charset=utf-8"));
    assert!(hmn.text().contains("<html lang=\"hmn\"") && hmn.text().contains("Hu 111"), "{}", hmn.text());
    let blt = s.get("/blt/goi-111/");
    assert!(blt.status == 200 && blt.text().contains("<html lang=\"blt\""));

    let types = [
        ("/doc.pdf", "application/pdf"),
        ("/notes.txt", "text/plain; charset=utf-8"),
        ("/a.css", "text/css; charset=utf-8"),
        ("/a.js", "text/javascript; charset=utf-8"),
        ("/a.json", "application/json"),
        ("/p.png", "image/png"),
        ("/p.jpg", "image/jpeg"),
        ("/p.webp", "image/webp"),
        ("/img/mark.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
    ];
    for (path, kind) in types {
        let r = s.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, kind), "{path}");
    }
    assert_eq!(s.get("/notes.txt").text(), "Gọi 111", "static files are served as they are");

    let head = s.request("HEAD", "/goi-111/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert!(head.header("content-length").parse::<usize>().unwrap_or(0) > 0);

    let redirect = s.get("/goi-111");
    assert_eq!((redirect.status, redirect.header("location")), (301, "/goi-111/"));
    let redirect = s.get("/hmn?x=1");
    assert_eq!((redirect.status, redirect.header("location")), (301, "/hmn/?x=1"));

    let missing = s.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<h1>"), "the site's own 404 page: {}", missing.text());
    assert_eq!(s.request("POST", "/").status, 405);
    assert_eq!(s.request("DELETE", "/goi-111/").status, 405);
}

#[test]
fn the_reload_script_is_added_only_while_serving() {
    let (tmp, site) = site();
    let s = Serving::start(&site);
    assert!(s.get("/goi-111/").text().contains("/__loa/events"));
    assert!(!s.get("/sitemap.xml").text().contains("/__loa/events"));
    let out = tmp.path().join("built");
    let run = common::loa(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for page in common::html_files(&out) {
        assert!(!common::read(&page).contains("<script"), "{} carries a script", page.display());
    }
    assert!(!site.join("public").exists(), "serving writes nothing into the site");
}

#[test]
fn every_traversal_form_is_refused() {
    let (tmp, site) = site();
    let secret = tmp.path().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, site.join("static/link.txt")).unwrap();
        std::os::unix::fs::symlink(tmp.path(), site.join("static/outside")).unwrap();
        std::os::unix::fs::symlink(&secret, site.join("content/link.txt")).unwrap();
    }
    let s = Serving::start(&site);
    let attempts = [
        "/../secret.txt",
        "/../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/.%2e/secret.txt",
        "/img/..%2f..%2fsecret.txt",
        "/img%2f..%2f..%2fsecret.txt",
        "/img/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
        "/img//mark.svg",
        "/..\\secret.txt",
        "/img\\..\\..\\secret.txt",
        "/%5c..%5csecret.txt",
        "/C:/Windows/win.ini",
        "/%00",
        "/index.html%00.txt",
        "/etc/passwd",
        "/link.txt",
        "/outside/secret.txt",
        "/outside/web/loa.yaml",
        "http://localhost/../secret.txt",
        "*",
        "../secret.txt",
    ];
    for path in attempts {
        let r = s.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: status {}", r.status);
        let text = r.text();
        assert!(
            !text.contains("TOP SECRET") && !text.contains("root:") && !text.contains("base_url"),
            "{path}: {text}"
        );
    }
    assert_eq!(s.get("/img/mark.svg").status, 200, "the server still answers");
}

#[test]
fn an_edit_shows_up_a_broken_edit_keeps_the_old_page_and_a_fix_recovers() {
    let (_tmp, site) = site();
    let s = Serving::start(&site);
    let file = site.join("content/goi-111.md");
    let good = common::read(&file);

    // A body and title edit: the page, its translations' switchers and the home's listing.
    std::fs::write(
        &file,
        good.replace("title: \"Gọi 111\"", "title: \"Gọi ngay 111\"").replace("## Khi nào gọi", "## Dấu mới 4711"),
    )
    .unwrap();
    s.wait_for("/goi-111/", "the edit", |r| r.text().contains("Dấu mới 4711"));
    s.wait_for("/", "the new title in the home listing", |r| r.text().contains("Gọi ngay 111"));
    assert!(s.get("/hmn/goi-111/").status == 200);

    // A broken front matter: the old page stays, with the error (file, line, hint) over it.
    let broken = good.replace("weight: 1", "weigth: 1");
    std::fs::write(&file, broken).unwrap();
    let reply = s.wait_for("/goi-111/", "the error overlay", |r| r.text().contains("id=\"loa-error\""));
    let text = reply.text();
    assert_eq!(reply.status, 200);
    assert!(text.contains("Dấu mới 4711"), "the last good page is still shown: {text}");
    assert!(text.contains("content/goi-111.md:5"), "file and line: {text}");
    assert!(text.contains("weigth") && text.contains("write: `weight: 1`"), "what and how to fix: {text}");
    let other = s.get("/dau-hieu/");
    assert_eq!(other.status, 200, "the rest of the site keeps working");

    // A good save of another page goes through, and the first problem is still reported.
    let other_file = site.join("content/dau-hieu.md");
    let other_text = common::read(&other_file);
    std::fs::write(&other_file, format!("{other_text}\nCâu thêm 4713.\n")).unwrap();
    let other = s.wait_for("/dau-hieu/", "the other page's edit", |r| r.text().contains("Câu thêm 4713"));
    assert!(other.text().contains("content/goi-111.md:5"), "the open problem stays on screen: {}", other.text());

    // Fixing it brings the page back without the overlay.
    std::fs::write(&file, good.replace("## Khi nào gọi", "## Đã sửa 4712")).unwrap();
    let fixed = s.wait_for("/goi-111/", "the fixed page", |r| r.text().contains("Đã sửa 4712"));
    assert!(!fixed.text().contains("loa-error"), "{}", fixed.text());
}

#[test]
fn open_pages_are_told_to_reload() {
    let (_tmp, site) = site();
    let s = Serving::start(&site);
    // A page served before the latest rebuild (`since=0`) is told to reload at once.
    let mut stream = TcpStream::connect(s.addr).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(b"GET /__loa/events?since=0 HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 512];
    while !String::from_utf8_lossy(&seen).contains("data: reload") {
        let n = stream.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "stream ended: {}", String::from_utf8_lossy(&seen));
        seen.extend_from_slice(&buf[..n]);
    }
    assert!(String::from_utf8_lossy(&seen).contains("Content-Type: text/event-stream"));
}

#[test]
fn garbage_requests_and_200_at_once_do_not_bring_it_down() {
    let (_tmp, site) = site();
    let s = Serving::start(&site);
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(200_000));
    let long_header = format!("GET / HTTP/1.1\r\nX-Long: {}\r\n\r\n", "b".repeat(200_000));
    let junk: Vec<Vec<u8>> = vec![
        b"\x00\x01\x02\xff\xfe garbage\r\n\r\n".to_vec(),
        b"GET / HTTP/9.9\r\n\r\n".to_vec(),
        b"BREW /pot HTCPCP/1.0\r\n\r\n".to_vec(),
        b"GET\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(),
        b"GET /\xc3\x28 HTTP/1.1\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n".to_vec(),
        b"GET / HTTP/1.1\r\nHost: x".to_vec(),
        b"\r\n\r\n\r\n".to_vec(),
        long_line.into_bytes(),
        long_header.into_bytes(),
        vec![b'x'; 300_000],
    ];
    for bytes in &junk {
        send_junk(s.addr, bytes);
    }
    assert_eq!(s.get("/").status, 200, "still serving after junk");

    let paths = ["/", "/goi-111/", "/hmn/goi-111/", "/blt/", "/tin-tuc/", "/img/mark.svg", "/sitemap.xml", "/nope/"];
    let addr = s.addr;
    let handles: Vec<_> = (0..200)
        .map(|i| {
            let path = paths[i % paths.len()];
            std::thread::spawn(move || {
                let raw = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                (path, Reply::parse(&send_raw(addr, raw.as_bytes())).status)
            })
        })
        .collect();
    for h in handles {
        let (path, status) = h.join().expect("client thread");
        let want = if path == "/nope/" { 404 } else { 200 };
        assert_eq!(status, want, "{path}");
    }
    assert_eq!(s.get("/").status, 200, "still serving after 200 at once");
}

#[test]
fn a_port_in_use_is_an_error_that_says_what_to_do() {
    let (_tmp, site) = site();
    let s = Serving::start(&site);
    let port = s.addr.port().to_string();
    let run = common::loa(&["serve", site.to_str().unwrap(), "--port", &port]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn a_site_broken_at_start_shows_the_error_and_comes_up_when_fixed() {
    let (_tmp, site) = site();
    let file = site.join("content/dau-hieu.md");
    let good = common::read(&file);
    std::fs::write(&file, good.replacen("title:", "title: [unclosed", 1)).unwrap();
    let s = Serving::start(&site);
    let reply = s.get("/");
    assert_eq!(reply.status, 404, "nothing was built yet");
    assert!(
        reply.text().contains("id=\"loa-error\"") && reply.text().contains("content/dau-hieu.md"),
        "{}",
        reply.text()
    );
    std::fs::write(&file, &good).unwrap();
    s.wait_for("/dau-hieu/", "the site once fixed", |r| r.status == 200 && !r.text().contains("loa-error"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_it_and_leaves_the_site_as_it_was() {
    let (_tmp, site) = site();
    // Only the cache `loa build` keeps too (pictures, share cards) may appear or change.
    let outside_cache = |site: &std::path::Path| -> Vec<_> {
        common::tree(site).into_iter().filter(|(p, _)| !p.starts_with(".loa-cache")).collect()
    };
    let before = outside_cache(&site);
    let mut s = Serving::start(&site);
    assert_eq!(s.get("/").status, 200);
    let pid = s.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().expect("run kill");
    assert!(sent.success());
    let start = Instant::now();
    while s.child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < PATIENCE, "loa serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(outside_cache(&site), before, "serving wrote nothing else into the site");
    assert!(TcpStream::connect_timeout(&s.addr, Duration::from_secs(5)).is_err(), "the port is closed");
}

/// Guards the one-page rebuild: after edits, every served HTML page and feed is exactly what a
/// full build of the edited site writes (listings, tag pages, switchers, pagination included).
#[test]
fn after_edits_the_served_pages_equal_a_full_build() {
    let (tmp, site) = site();
    let s = Serving::start(&site);
    let edits = [
        ("content/goi-111.md", "title: \"Gọi 111\"", "title: \"A trước tiên\""),
        ("content/tin-tuc/tin-2.md", "\n---\n", "\n---\n\nMột câu mới 5150.\n"),
        ("content/goi-111.hmn.md", "Hu 111 dawb.", "Hu 111 dawb tshiab 6160."),
        ("content/tin-tuc/tin-1.md", "date: 2026-", "date: 2025-"),
    ];
    for (rel, from, to) in edits {
        let file = site.join(rel);
        let text = common::read(&file);
        assert!(text.contains(from), "{rel} has {from:?}");
        std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
    }
    s.wait_for("/tin-tuc/tin-2/", "the second edit", |r| r.text().contains("5150"));
    s.wait_for("/hmn/goi-111/", "the third edit", |r| r.text().contains("6160"));
    s.wait_for("/", "the first edit", |r| r.text().contains("A trước tiên"));
    s.wait_for("/tin-tuc/tin-1/", "the fourth edit", |r| r.text().contains("2025"));
    // The sitemap follows a date change just after the page (it lists every page).
    s.wait_for("/sitemap.xml", "the new date in the sitemap", |r| r.text().contains("2025-07-01"));

    let out = tmp.path().join("full");
    let base = format!("http://{}", s.addr);
    let run =
        common::loa(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap(), "--base-url", &base, "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut compared = 0;
    let mut pages = common::html_files(&out);
    pages.extend(["atom.xml", "hmn/atom.xml", "blt/atom.xml", "sitemap.xml"].map(|f| out.join(f)));
    for page in pages {
        let rel = page.strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        let url: String = format!("/{rel}")
            .bytes()
            .map(|b| if b.is_ascii_graphic() { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect();
        let served = s.get(&url);
        assert_eq!(served.status, 200, "{url}");
        assert_eq!(without_reload_script(&served.text()), common::read(&page), "{url} differs from a full build");
        compared += 1;
    }
    assert!(compared > 10, "only {compared} pages compared");
}

fn without_reload_script(html: &str) -> String {
    match (html.find("<script>(function(){var s=new EventSource"), html.rfind("</script>")) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &html[..a], &html[b + "</script>".len()..]),
        _ => html.to_string(),
    }
}

/// Issue 18: like `deploy/nginx.conf`, a missing address under a language folder answers that
/// language's own 404 page when the site has one (`LANG/404.html`), else the site's.
#[test]
fn a_missing_page_answers_its_languages_404_page() {
    let (_tmp, site) = site();
    std::fs::create_dir_all(site.join("static/hmn")).unwrap();
    std::fs::write(site.join("static/hmn/404.html"), "<!doctype html><html lang=\"hmn\"><h1>Tsis muaj 4716</h1>")
        .unwrap();
    let s = Serving::start(&site);
    let hmn = s.get("/hmn/tsis-muaj/");
    assert_eq!(hmn.status, 404);
    assert!(hmn.text().contains("Tsis muaj 4716"), "{}", hmn.text());
    for path in ["/khong-co/", "/blt/khong-co/"] {
        let missing = s.get(path);
        assert_eq!(missing.status, 404, "{path}");
        assert!(!missing.text().contains("4716") && missing.text().contains("<h1"), "{path}: {}", missing.text());
    }
}

/// Issue 11: `loa serve` runs the same checks as `loa build`: a saved page with a personal phone
/// number is not previewed as if it were fine; the browser shows the problem over the last good
/// version, and the page comes back once the number is gone.
#[test]
fn a_page_with_personal_data_is_shown_as_a_problem_not_published() {
    let (_tmp, site) = site();
    let file = site.join("content/dau-hieu.md");
    let good = common::read(&file);
    let s = Serving::start(&site);
    assert_eq!(s.get("/dau-hieu/").status, 200);
    std::fs::write(&file, format!("{good}\nChị Mai, số điện thoại 0912 345 678.\n")).unwrap();
    let shown = s.wait_for("/dau-hieu/", "the overlay", |r| r.text().contains("loa-error"));
    assert!(shown.text().contains("content/dau-hieu.md"), "{}", shown.text());
    assert!(!shown.text().contains("0912 345 678</p>"), "the number is not published: {}", shown.text());
    std::fs::write(&file, &good).unwrap();
    s.wait_for("/dau-hieu/", "the page once fixed", |r| r.status == 200 && !r.text().contains("loa-error"));
}
