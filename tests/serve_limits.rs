//! `loa serve` against clients that misbehave (issue 10): every connection is served on its
//! own with timeouts and size limits, so no client can freeze the others or hold memory, and
//! no saved file can take the server down. The real binary; raw TCP clients. Every wait is
//! bounded by [`PATIENCE`]; nothing asserts how fast anything is (`scripts/attack-serve.py`
//! measures that by hand).

mod common;
mod serving;

use serving::{PATIENCE, Reply, Serving};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, PATIENCE).expect("connect");
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    s.set_write_timeout(Some(PATIENCE)).unwrap();
    s
}

/// Reads until the server closes the connection; `None` if it is still open after `PATIENCE`.
fn read_until_closed(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(out),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            // A reset after the answer also ends the connection.
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return Some(out),
            Err(_) => return None,
        }
    }
}

/// Reads one answer with a `Content-Length` body from a connection that stays open.
fn read_one(s: &mut TcpStream) -> Reply {
    let mut raw = Vec::new();
    let mut byte = [0u8; 1];
    while !raw.ends_with(b"\r\n\r\n") {
        assert_eq!(s.read(&mut byte).expect("the answer's head"), 1, "closed mid-head: {raw:?}");
        raw.push(byte[0]);
    }
    let head = Reply::parse(&raw);
    let mut body = vec![0u8; head.header("content-length").parse().expect("a Content-Length")];
    s.read_exact(&mut body).expect("the answer's body");
    raw.extend_from_slice(&body);
    Reply::parse(&raw)
}

fn get(path: &str, extra: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n")
}

/// Issue 10: one client that pipelined 200 requests and never read froze every other request
/// until it disconnected.
#[test]
fn a_client_that_never_reads_does_not_freeze_the_others() {
    let (_tmp, site) = common::fixture("web");
    // Big answers, so that the stalled client's socket buffers fill up and writing to it blocks.
    std::fs::write(site.join("static/big.bin"), vec![7u8; 4 << 20]).unwrap();
    let s = Serving::start(&site);
    let mut stalled = Vec::new();
    for _ in 0..4 {
        let mut c = connect(s.addr);
        let pipelined: String = (0..200).map(|_| get("/big.bin", "")).collect();
        c.write_all(pipelined.as_bytes()).unwrap();
        stalled.push(c);
    }
    // Every other client is answered while the stalled ones hold their connections.
    let handles: Vec<_> = (0..32)
        .map(|i| {
            let addr = s.addr;
            std::thread::spawn(move || {
                let path = ["/", "/goi-111/", "/hmn/", "/sitemap.xml"][i % 4];
                let mut c = connect(addr);
                c.write_all(get(path, "Connection: close\r\n").as_bytes()).unwrap();
                (path, read_until_closed(&mut c).map(|raw| Reply::parse(&raw).status))
            })
        })
        .collect();
    for h in handles {
        let (path, status) = h.join().unwrap();
        assert_eq!(status, Some(200), "{path} was not answered while a client stalled");
    }
    drop(stalled);
}

/// Issue 10: HTTP/1.0 without `Connection: keep-alive` was held open.
#[test]
fn http_1_0_closes_unless_asked_to_keep_the_connection() {
    let (_tmp, site) = common::fixture("web");
    let s = Serving::start(&site);

    let mut c = connect(s.addr);
    c.write_all(b"GET /goi-111/ HTTP/1.0\r\n\r\n").unwrap();
    let raw = read_until_closed(&mut c).expect("an HTTP/1.0 connection is closed after the answer");
    let reply = Reply::parse(&raw);
    assert_eq!((reply.status, reply.header("connection")), (200, "close"));
    assert!(reply.text().contains("Gọi 111"));

    let mut c = connect(s.addr);
    let ask = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";
    c.write_all(ask.as_bytes()).unwrap();
    let first = read_one(&mut c);
    assert_eq!((first.status, first.header("connection")), (200, "keep-alive"));
    c.write_all(b"GET /goi-111/ HTTP/1.0\r\n\r\n").unwrap();
    let second = Reply::parse(&read_until_closed(&mut c).expect("closed after the last answer"));
    assert!(second.status == 200 && second.text().contains("Gọi 111"), "{}", second.text());

    // HTTP/1.1 keeps it open, and answers pipelined requests in order.
    let mut c = connect(s.addr);
    c.write_all(format!("{}{}", get("/goi-111/", ""), get("/hmn/goi-111/", "")).as_bytes()).unwrap();
    let (a, b) = (read_one(&mut c), read_one(&mut c));
    assert!(a.text().contains("<html lang=\"vi\"") && b.text().contains("<html lang=\"hmn\""));
    assert_eq!(b.header("connection"), "keep-alive");
}

/// Issue 10: a 500 MB header was accepted; the request line had no bound either.
#[test]
fn oversized_heads_are_refused_before_they_are_read() {
    let (_tmp, site) = common::fixture("web");
    let s = Serving::start(&site);
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: localhost\r\n\r\n", "a".repeat(16 * 1024));
    let long_header = format!("GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: {}\r\n\r\n", "b".repeat(64 * 1024));
    let many: String = (0..500).map(|i| format!("X-{i}: 1\r\n")).collect();
    let many = format!("GET / HTTP/1.1\r\nHost: localhost\r\n{many}\r\n");
    for (raw, want) in [(long_line, 414), (long_header, 431), (many, 431)] {
        let mut c = connect(s.addr);
        let _ = c.write_all(raw.as_bytes());
        let reply = Reply::parse(&read_until_closed(&mut c).unwrap_or_default());
        assert_eq!(reply.status, want, "{}…", &raw[..40]);
    }

    // A header that never ends: the server stops reading it and drops the connection long
    // before a client could push 256 MB into it.
    let mut c = connect(s.addr);
    c.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Endless: ").unwrap();
    let chunk = vec![b'x'; 1 << 20];
    let mut sent = 0usize;
    while sent < 256 << 20 {
        if c.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len();
    }
    assert!(sent < 256 << 20, "the server read a 256 MB header");
    assert_eq!(s.get("/").status, 200, "and goes on serving");
}

/// Issue 10 (slowloris): a client that trickles its header one byte at a time is cut off, and
/// does not keep others waiting meanwhile.
#[test]
fn a_trickling_client_is_cut_off() {
    let (_tmp, site) = common::fixture("web");
    let s = Serving::start(&site);
    let mut slow = connect(s.addr);
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    let start = Instant::now();
    let mut closed = false;
    while start.elapsed() < PATIENCE {
        assert_eq!(s.get("/goi-111/").status, 200, "others are served meanwhile");
        if slow.write_all(b"X").is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
        let _ = slow.set_nonblocking(true);
        let mut buf = [0u8; 512];
        let answered = matches!(slow.read(&mut buf), Ok(n) if n > 0 && buf.starts_with(b"HTTP/1.1 408"));
        let _ = slow.set_nonblocking(false);
        if answered {
            closed = true;
            break;
        }
    }
    assert!(closed, "a header trickled over {PATIENCE:?} was still being read");
}

/// Issue 18: the preview answers gzip like the production server (`deploy/nginx.conf`), so a
/// page's size on the wire is what readers download; pictures and PDFs are sent as they are.
#[test]
fn text_is_sent_gzipped_when_the_client_accepts_it() {
    let (_tmp, site) = common::fixture("web");
    std::fs::write(site.join("static/notes.txt"), "Tổng đài 111 miễn phí, gọi ngay khi cần. ".repeat(20)).unwrap();
    // A PNG whose chunks parse (a published picture must, so its metadata can be removed): an
    // unknown 4,000-byte chunk that compresses well, then the end.
    let png = [
        &b"\x89PNG\r\n\x1a\n"[..],
        &4000u32.to_be_bytes(),
        b"zzZz",
        &[0u8; 4000],
        &[0; 4],
        &[0, 0, 0, 0],
        b"IEND",
        &[0xAE, 0x42, 0x60, 0x82],
    ]
    .concat();
    std::fs::write(site.join("static/p.png"), png).unwrap();
    let s = Serving::start(&site);
    for path in ["/goi-111/", "/notes.txt", "/sitemap.xml", "/atom.xml"] {
        let mut c = connect(s.addr);
        c.write_all(get(path, "Accept-Encoding: gzip, deflate, br\r\n").as_bytes()).unwrap();
        let zipped = read_one(&mut c);
        assert_eq!((zipped.status, zipped.header("content-encoding")), (200, "gzip"), "{path}");
        assert_eq!(zipped.header("vary"), "Accept-Encoding", "{path}");
        let mut text = String::new();
        flate2::read::GzDecoder::new(&zipped.body[..]).read_to_string(&mut text).expect("valid gzip");
        let plain = s.get(path);
        assert_eq!(plain.header("content-encoding"), "", "{path}: no gzip unless asked");
        assert_eq!(text, plain.text(), "{path}");
        assert!(zipped.body.len() < plain.body.len(), "{path}");
        // HEAD announces what GET would send.
        c.write_all(
            format!("HEAD {path} HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
        let head = Reply::parse(&read_until_closed(&mut c).unwrap_or_default());
        assert_eq!(head.header("content-encoding"), "gzip", "{path}");
        assert!(head.body.is_empty());
    }
    let mut c = connect(s.addr);
    c.write_all(get("/p.png", "Accept-Encoding: gzip\r\n").as_bytes()).unwrap();
    let png = read_one(&mut c);
    assert_eq!((png.status, png.header("content-encoding")), (200, ""));
    c.write_all(get("/goi-111/", "Accept-Encoding: gzip;q=0, br\r\n").as_bytes()).unwrap();
    assert_eq!(read_one(&mut c).header("content-encoding"), "", "q=0 refuses gzip");
}

/// A page elsewhere on the web must not read the preview (drafts included) by pointing a name
/// it controls at 127.0.0.1 (DNS rebinding).
#[test]
fn only_requests_for_this_computer_are_answered() {
    let (_tmp, site) = common::fixture("web");
    let s = Serving::start(&site);
    for (host, want) in [("attacker.example", 403), ("localhost", 200), ("127.0.0.1:1111", 200), ("[::1]", 200)] {
        let mut c = connect(s.addr);
        c.write_all(format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
        let reply = Reply::parse(&read_until_closed(&mut c).unwrap_or_default());
        assert_eq!(reply.status, want, "{host}");
        if want == 403 {
            assert!(!reply.text().contains("Gọi"), "{}", reply.text());
        }
    }
}

/// Issue 10: with `static/root -> /` serve never started (25 s walking `/`). Links out of the
/// site are never followed: no folder outside the site is watched (read back from the
/// process's inotify watches), and the site is served.
#[cfg(target_os = "linux")]
#[test]
fn links_out_of_the_site_are_not_watched() {
    use std::os::unix::fs::MetadataExt;
    let (tmp, site) = common::fixture("web");
    let outside = tmp.path().join("outside");
    for i in 0..20 {
        std::fs::create_dir_all(outside.join(format!("d{i}/e"))).unwrap();
    }
    std::os::unix::fs::symlink("/", site.join("static/root")).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("static/outside")).unwrap();
    std::os::unix::fs::symlink(&outside, site.join("content/ngoai")).unwrap();
    let s = Serving::start(&site);
    assert_eq!(s.get("/goi-111/").status, 200);

    let inside: std::collections::HashSet<u64> = walkdir::WalkDir::new(&site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.metadata().unwrap().ino())
        .collect();
    let watched = inotify_watched_inodes(s.child.id());
    assert!(!watched.is_empty(), "no inotify watch found: the test reads the wrong place");
    let foreign: Vec<_> = watched.iter().filter(|ino| !inside.contains(ino)).collect();
    assert!(foreign.is_empty(), "{} folders outside the site are watched: {foreign:?}", foreign.len());
}

/// The inodes of every inotify watch of process `pid` (`/proc/PID/fdinfo`: `inotify wd:… ino:HEX`).
#[cfg(target_os = "linux")]
fn inotify_watched_inodes(pid: u32) -> Vec<u64> {
    let mut inodes = Vec::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/fdinfo")).unwrap().flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines().filter(|l| l.starts_with("inotify ")) {
            let ino = line.split_whitespace().find_map(|f| f.strip_prefix("ino:")).expect("ino field");
            inodes.push(u64::from_str_radix(ino, 16).unwrap());
        }
    }
    inodes
}

/// Issue 10: "a server that dies must not be the answer to any saved file". Content nested far
/// deeper than anyone writes (the recursion that `loa build` runs out of stack on) is saved
/// while serving: the server stays up and the rest of the site keeps its last good version.
#[test]
fn deeply_nested_content_does_not_take_the_server_down() {
    let (_tmp, site) = common::fixture("web");
    let s = Serving::start(&site);
    let page = site.join("content/dau-hieu.md");
    let good = common::read(&page);
    let deep = format!("{good}\n{}Sâu 4714\n", "> ".repeat(20_000));
    std::fs::write(&page, &deep).unwrap();
    // Whatever loa makes of it (the page, or an error over the last good one), it answers.
    s.wait_for("/dau-hieu/", "the deep page or its error", |r| {
        r.status == 200 && (r.text().contains("Sâu 4714") || r.text().contains("loa-error"))
    });
    let lists: String = (0..10_000).map(|i| format!("{}- mục\n", "  ".repeat(i))).collect();
    std::fs::write(&page, format!("{good}\n{lists}")).unwrap();
    std::fs::write(site.join("content/goi-111.md"), common::read(site.join("content/goi-111.md")) + "\nSau 4715\n")
        .unwrap();
    s.wait_for("/goi-111/", "a later edit", |r| r.text().contains("Sau 4715"));
    assert_eq!(s.get("/hmn/").status, 200);
    std::fs::write(&page, &good).unwrap();
    s.wait_for("/dau-hieu/", "the fixed page", |r| r.status == 200 && !r.text().contains("loa-error"));
}
