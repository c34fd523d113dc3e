//! Issue 18: publishing on a real server. Debian's nginx runs on 127.0.0.1 with the shipped
//! `deploy/nginx.conf` (only its listen address and folder changed) over a site the real `loa`
//! binary built; the answers are checked as a reader's browser gets them, and headless Chromium
//! shows a loudspeaker script. nginx and Chromium come from `scripts/install-test-tools.sh`;
//! when either is missing this test fails and says so, it never skips.

mod common;

use common::tools::tool;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);

struct Nginx {
    child: Child,
    addr: SocketAddr,
    dir: PathBuf,
}

impl Nginx {
    /// Starts nginx with `deploy/nginx.conf` serving `out`; `dir` holds its config, logs, temp files.
    fn start(out: &Path, dir: &Path) -> Nginx {
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let addr: SocketAddr = ([127, 0, 0, 1], port).into();
        let shipped = common::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/nginx.conf"));
        let site_conf = adapt(&shipped, addr, out);
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("loa.conf"), site_conf).unwrap();
        let d = dir.display();
        // One process, in the foreground, writing only under `dir`: no root needed, and when run
        // as root no worker switches to a user that cannot read the temp folder.
        let main = format!(
            "daemon off; master_process off; pid {d}/nginx.pid; error_log {d}/error.log warn;\n\
             events {{ worker_connections 64; }}\n\
             http {{\n  include /etc/nginx/mime.types; default_type application/octet-stream;\n  access_log {d}/access.log;\n  \
             client_body_temp_path {d}/body; proxy_temp_path {d}/proxy; fastcgi_temp_path {d}/fastcgi;\n  \
             uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n  include {d}/loa.conf;\n}}\n"
        );
        std::fs::write(dir.join("nginx.conf"), main).unwrap();
        let mut child = Command::new(tool("nginx", "/usr/sbin/nginx"))
            .arg("-p")
            .arg(dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nginx");
        let start = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_secs(1)).is_err() {
            if let Some(status) = child.try_wait().unwrap() {
                let mut err = String::new();
                let _ = child.stderr.take().map(|mut e| e.read_to_string(&mut err));
                panic!(
                    "nginx exited ({status}): {err}{}",
                    std::fs::read_to_string(dir.join("error.log")).unwrap_or_default()
                );
            }
            assert!(start.elapsed() < PATIENCE, "nginx did not start listening on {addr}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx { child, addr, dir: dir.to_path_buf() }
    }

    fn get(&self, path: &str, extra: &str) -> Reply {
        let mut s = TcpStream::connect_timeout(&self.addr, PATIENCE).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let raw = format!("GET {path} HTTP/1.1\r\nHost: xa-example.gov.vn\r\n{extra}Connection: close\r\n\r\n");
        s.write_all(raw.as_bytes()).unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        Reply::parse(&out)
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = &self.dir;
    }
}

/// The shipped file with this test's address and folder: each line it changes must be there,
/// so the test always runs the configuration users copy.
fn adapt(shipped: &str, addr: SocketAddr, out: &Path) -> String {
    let out = out.to_str().expect("a UTF-8 temp path");
    let mut conf = String::new();
    let mut changed = [0usize; 3];
    for line in shipped.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("listen 80;") {
            conf.push_str(&format!("    listen {addr};\n"));
            changed[0] += 1;
        } else if trimmed.starts_with("listen [::]:80;") {
            changed[1] += 1;
        } else {
            if line.contains("/var/www/loa/public") && !trimmed.starts_with('#') {
                changed[2] += 1;
            }
            conf.push_str(&line.replace("/var/www/loa/public", out));
            conf.push('\n');
        }
    }
    assert_eq!(changed, [1, 1, 2], "deploy/nginx.conf: the listen, listen [::] and folder (root, include) lines");
    conf
}

struct Reply {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete answer");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut body = raw[split + 4..].to_vec();
        if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
            body = unchunk(&body);
        }
        Reply { status, head, body }
    }

    fn header(&self, name: &str) -> String {
        self.head
            .lines()
            .filter_map(|l| l.split_once(':'))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn gunzipped(&self) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&self.body[..]).read_to_end(&mut out).expect("a gzip body");
        out
    }
}

fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").expect("chunk size line");
        let size = usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 2 + size + 2..];
    }
}

/// The speech fixture (broadcast scripts, SMS, a picture → `_img/`) plus a calendar and a CSV
/// in `static/`, built by the real binary.
fn built_site() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = common::fixture("speech");
    std::fs::create_dir_all(site.join("static")).unwrap();
    std::fs::write(site.join("static/lich.ics"), "BEGIN:VCALENDAR\r\nSUMMARY:Ngày 30/7\r\nEND:VCALENDAR\r\n").unwrap();
    std::fs::write(site.join("static/danh-sach.csv"), "tên,số\nÁp phích,100\n").unwrap();
    let out = tmp.path().join("public");
    let run = common::loa(&["build", site.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, out)
}

/// Issue 18: on a plain server the `.txt` scripts came out as mojibake, the 404 page needed
/// configuration, and nothing said how to cache. Status codes, types with charset, gzip, the
/// 404 pages (per language), caching and the alias redirects, as nginx serves them.
#[test]
fn nginx_with_the_shipped_configuration_serves_a_built_site() {
    let (tmp, out) = built_site();
    // Per-language 404 pages are `LANG/404.html`; until the build writes one, stand one in.
    if !out.join("hmn/404.html").exists() {
        std::fs::write(out.join("hmn/404.html"), "<!doctype html><html lang=\"hmn\"><h1>Tsis muaj nplooj no</h1>")
            .unwrap();
    }
    let nginx = Nginx::start(&out, &tmp.path().join("nginx"));

    let home = nginx.get("/", "");
    assert_eq!((home.status, home.header("content-type").as_str()), (200, "text/html; charset=utf-8"));
    assert_eq!(home.header("cache-control"), "public, max-age=300", "HTML is cached briefly");
    assert_eq!(home.body, std::fs::read(out.join("index.html")).unwrap());

    let folder = nginx.get("/dau-hieu", "");
    assert_eq!((folder.status, folder.header("location").as_str()), (301, "/dau-hieu/"));

    let script = nginx.get("/dau-hieu/broadcast.txt", "");
    assert_eq!((script.status, script.header("content-type").as_str()), (200, "text/plain; charset=utf-8"));
    assert_eq!(script.body, std::fs::read(out.join("dau-hieu/broadcast.txt")).unwrap());
    let sms = nginx.get("/dau-hieu/sms.txt", "");
    assert_eq!(sms.header("content-type"), "text/plain; charset=utf-8");
    for (path, kind) in [
        ("/sitemap.xml", "text/xml; charset=utf-8"),
        ("/atom.xml", "text/xml; charset=utf-8"),
        ("/qr.svg", "image/svg+xml; charset=utf-8"),
        ("/lich.ics", "text/calendar; charset=utf-8"),
        ("/danh-sach.csv", "text/csv; charset=utf-8"),
    ] {
        let r = nginx.get(path, "");
        assert_eq!((r.status, r.header("content-type").as_str()), (200, kind), "{path}");
    }

    for path in ["/", "/dau-hieu/", "/dau-hieu/broadcast.txt", "/sitemap.xml"] {
        let zipped = nginx.get(path, "Accept-Encoding: gzip\r\n");
        assert_eq!((zipped.status, zipped.header("content-encoding").as_str()), (200, "gzip"), "{path}");
        assert_eq!(zipped.header("vary"), "Accept-Encoding", "{path}");
        assert_eq!(zipped.gunzipped(), nginx.get(path, "").body, "{path}");
    }

    let picture = std::fs::read_dir(out.join("_img")).unwrap().flatten().next().expect("a picture in _img/");
    let picture = format!("/_img/{}", picture.file_name().to_str().unwrap());
    let r = nginx.get(&picture, "Accept-Encoding: gzip\r\n");
    assert_eq!(r.status, 200, "{picture}");
    assert_eq!(r.header("cache-control"), "public, max-age=31536000, immutable", "hashed pictures are kept a year");
    assert_eq!(r.header("content-encoding"), "", "pictures are compressed already");

    let missing = nginx.get("/khong-co/", "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body, std::fs::read(out.join("404.html")).unwrap(), "the site's 404 page");
    let missing = nginx.get("/hmn/tsis-muaj/", "");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.body, std::fs::read(out.join("hmn/404.html")).unwrap(), "the language's own 404 page");
    for path in ["/blt/khong-co/", "/tin/khong-co/"] {
        let lang_404 = out.join(path.trim_start_matches('/').split('/').next().unwrap()).join("404.html");
        let want = if lang_404.exists() { lang_404 } else { out.join("404.html") };
        let missing = nginx.get(path, "");
        assert_eq!((missing.status, missing.body), (404, std::fs::read(want).unwrap()), "{path}");
    }
    assert_eq!(nginx.get("/_redirects.nginx", "").status, 404, "the alias list is not published");
    assert_eq!(nginx.get("/cu/dau-hieu/", "").status, 404, "no alias file yet: nginx started without it");
    drop(nginx);

    // With the aliases file the build writes (nginx `map` lines), old addresses lead on.
    std::fs::write(out.join("_redirects.nginx"), "\"/cu/dau-hieu/\" \"/dau-hieu/\";\n\"/tin-cũ/\" \"/hmn/\";\n")
        .unwrap();
    let nginx = Nginx::start(&out, &tmp.path().join("nginx2"));
    for (from, to) in [("/cu/dau-hieu/", "/dau-hieu/"), ("/cu/dau-hieu", "/dau-hieu/"), ("/tin-c%C5%A9/", "/hmn/")] {
        let r = nginx.get(from, "");
        assert_eq!((r.status, r.header("location").as_str()), (301, to), "{from}");
    }
    assert_eq!(nginx.get("/dau-hieu/", "").status, 200);
}

/// Issue 18: what a reader sees. Headless Chromium opens a loudspeaker script served by nginx
/// and shows its Vietnamese, not mojibake ("Tá»•ng Ä'Ã i").
#[test]
fn a_script_served_by_nginx_shows_real_vietnamese_in_a_browser() {
    let (tmp, out) = built_site();
    let nginx = Nginx::start(&out, &tmp.path().join("nginx"));
    let script = common::read(out.join("dau-hieu/broadcast.txt"));
    let line = script.lines().find(|l| l.contains("Kính thưa")).expect("the opening line");
    let profile = tmp.path().join("chromium-profile");
    let url = format!("http://{}/dau-hieu/broadcast.txt", nginx.addr);
    let dom = common::tools::chromium_dom(&url, &profile);
    assert!(dom.contains("<pre"), "Chromium showed the script as text: {dom}");
    assert!(dom.contains(line), "the script's opening line {line:?} as the browser shows it:\n{dom}");
    assert!(!dom.contains("Ã") && !dom.contains("á»"), "mojibake:\n{dom}");
}
