//! The HTTP side of `loa serve`: a listener that gives every connection its own thread
//! ([`super::conn`] bounds each one's time and size), and the router that answers a request from
//! the in-memory [`Output`]. Every request path goes through [`safe_path::resolve`] first;
//! anything it refuses is a 400.
//!
//! Hand-written on `std::net` instead of tiny_http (issue 10): tiny_http's shared workers froze
//! behind one client that did not read, it read headers without a size limit and held HTTP/1.0
//! connections open. What the preview needs (GET and HEAD of files in memory, an event stream,
//! gzip) is small enough to own, and owning it keeps every limit in one place.

use super::Output;
use super::conn::{self, Reply};
use super::reload::{self, EVENTS_PATH};
use super::request::Head;
use super::response::Response;
use super::safe_path::{self, Target};
use crate::diag::Diagnostic;
use crate::msg;
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// Connections open at once (each holds a thread); more are answered 503 and closed.
const MAX_CONNECTIONS: usize = 1024;
/// Open live-reload streams at most (one per open tab); more get a 503 and retry.
const MAX_STREAMS: usize = 256;
/// A connection thread parses, routes and gzips: small, but leave room.
const CONN_STACK: usize = 512 * 1024;

pub struct HttpServer {
    listener: TcpListener,
    pub addr: SocketAddr,
    stopping: Arc<AtomicBool>,
}

/// Counts what is open, so that the limits hold.
#[derive(Default)]
struct Open {
    connections: Arc<AtomicUsize>,
    streams: Arc<AtomicUsize>,
}

/// One of a limited number of places; given back when dropped, however the connection ended.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(counter: &Arc<AtomicUsize>, max: usize) -> Option<Slot> {
        if counter.fetch_add(1, Ordering::SeqCst) >= max {
            counter.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Slot(counter.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl HttpServer {
    /// Listens on `bind:port` (port 0: the system picks a free one; see [`HttpServer::addr`]).
    pub fn bind(bind: &str, port: u16) -> Result<HttpServer, Diagnostic> {
        let cannot = |e: &std::io::Error| {
            Diagnostic::error(
                "serve",
                msg!("serve-cannot-listen", address = format!("{bind}:{port}"), reason = crate::fs::io_reason(e)),
            )
            .with_hint(msg!("serve-cannot-listen-hint"))
        };
        let listener = TcpListener::bind((bind, port)).map_err(|e| cannot(&e))?;
        let addr = listener.local_addr().map_err(|e| cannot(&e))?;
        Ok(HttpServer { listener, addr, stopping: Arc::default() })
    }

    /// Starts answering from `output`, on a thread of its own.
    pub fn start(&mut self, output: Arc<Output>) -> Result<(), Diagnostic> {
        let listener = self.listener.try_clone().map_err(|e| accept_failed(&e))?;
        let stopping = self.stopping.clone();
        let open = Arc::new(Open::default());
        std::thread::Builder::new()
            .name("loa-http".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    match stream {
                        Ok(stream) => accept(stream, &output, &open),
                        // E.g. out of file handles: pause instead of spinning on the error.
                        Err(_) => std::thread::sleep(Duration::from_millis(10)),
                    }
                }
            })
            .map_err(|e| accept_failed(&e))?;
        Ok(())
    }

    /// Stops accepting connections (open ones end by their own timeouts).
    pub fn stop(self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

fn accept_failed(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("serve", msg!("serve-cannot-accept", reason = crate::fs::io_reason(e)))
        .with_hint(msg!("serve-cannot-accept-hint"))
}

fn accept(mut stream: TcpStream, output: &Arc<Output>, open: &Arc<Open>) {
    let Some(slot) = Slot::take(&open.connections, MAX_CONNECTIONS) else {
        // A fresh socket's send buffer is empty: this short write does not block.
        let r = Response::text(503, "Too many connections; try again in a moment.\n");
        let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
        let _ = stream.write_all(&r.head_bytes(false)).and_then(|()| stream.write_all(&r.body));
        return;
    };
    let (output, open) = (output.clone(), open.clone());
    // Out of threads: the closure is dropped with the connection (closed), the server goes on.
    let _ = std::thread::Builder::new().name("loa-conn".into()).stack_size(CONN_STACK).spawn(move || {
        let _slot = slot;
        conn::serve(stream, &|head| route(head, &output, &open));
    });
}

/// What a request answers.
fn route(head: &Head, output: &Arc<Output>, open: &Arc<Open>) -> Reply {
    if !matches!(head.method.as_str(), "GET" | "HEAD") {
        return Reply::Response(conn::not_allowed());
    }
    if let Err(r) = check_host(head) {
        return Reply::Response(r);
    }
    let url = head.target.as_str();
    if url.split('?').next() == Some(EVENTS_PATH) {
        return open_stream(url, output, open);
    }
    let Ok(target) = safe_path::resolve(url) else {
        return Reply::Response(Response::text(400, "This address is not allowed.\n"));
    };
    Reply::Response(match answer(&target, |rel| output.has(rel)) {
        Answer::File(rel) => match output.get(&rel) {
            Some(bytes) => file_response(output, &rel, bytes, 200),
            None => not_found(output, &target.rel),
        },
        Answer::Redirect => {
            let (path, query) = url.split_once('?').map_or((url, None), |(p, q)| (p, Some(q)));
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            Response::text(301, "Moved to the folder's address.\n").with("Location", location)
        }
        Answer::NotFound => not_found(output, &target.rel),
    })
}

/// Answers only requests addressed to this computer. A web page elsewhere could otherwise point
/// a name it controls at 127.0.0.1 ("DNS rebinding") and read the preview, drafts included.
fn check_host(head: &Head) -> Result<(), Response> {
    let refused = || {
        Response::text(
            403,
            "loa serve answers only addresses of this computer: open the address it printed (http://127.0.0.1:PORT/), or this computer's IP address.\n",
        )
    };
    match &head.host {
        Some(host) if is_local_host(host) => Ok(()),
        Some(_) => Err(refused()),
        // HTTP/1.0 clients may leave it out; HTTP/1.1 must send it (RFC 9112 §3.2).
        None if head.http11 => Err(Response::text(400, "The request has no Host header.\n")),
        None => Ok(()),
    }
}

/// An IP address (any: `--bind 0.0.0.0` serves phones on the network by IP), `localhost`, a
/// `.localhost` name, or a `.local` name (this computer on the local network).
pub(crate) fn is_local_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => return v6.split_once(']').is_some_and(|(ip, _)| ip.parse::<std::net::Ipv6Addr>().is_ok()),
        None => host
            .rsplit_once(':')
            .map_or(host, |(n, port)| if port.bytes().all(|b| b.is_ascii_digit()) { n } else { host }),
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name == "localhost"
        || name.ends_with(".localhost")
        || (name.ends_with(".local") && name.len() > ".local".len())
}

fn open_stream(url: &str, output: &Arc<Output>, open: &Arc<Open>) -> Reply {
    let Some(slot) = Slot::take(&open.streams, MAX_STREAMS) else {
        return Reply::Response(Response::text(503, "Too many open pages.\n"));
    };
    let since = reload::since(url, &output.events);
    let output = output.clone();
    Reply::Stream(Box::new(move |stream| {
        let _slot = slot;
        reload::stream(Box::new(stream), &output.events, since);
    }))
}

/// What a path in OUT answers, given which files exist.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    File(String),
    /// A folder asked for without its trailing slash: relative links need it.
    Redirect,
    NotFound,
}

pub fn answer(target: &Target, has: impl Fn(&str) -> bool) -> Answer {
    let index = if target.rel.is_empty() { "index.html".to_string() } else { format!("{}/index.html", target.rel) };
    match (target.folder, has(&target.rel) && !target.rel.is_empty(), has(&index)) {
        (true, _, true) => Answer::File(index),
        (false, true, _) => Answer::File(target.rel.clone()),
        (false, false, true) => Answer::Redirect,
        _ => Answer::NotFound,
    }
}

fn file_response(output: &Output, rel: &str, bytes: Arc<[u8]>, status: u16) -> Response {
    let kind = content_type(rel);
    let body = if kind.starts_with("text/html") {
        reload::inject(&bytes, output.events.current(), &output.errors(), &output.texts).into()
    } else {
        bytes
    };
    Response::new(status, kind, body).with("Cache-Control", "no-store").with("X-Content-Type-Options", "nosniff")
}

/// The site's own 404 page (with the reload script, so it turns into the page once it exists).
fn not_found(output: &Output, rel: &str) -> Response {
    match not_found_page(rel, |p| output.has(p)).and_then(|page| Some((output.get(&page)?, page))) {
        Some((bytes, page)) => file_response(output, &page, bytes, 404),
        None => {
            let lang = output.texts.lang().code();
            let text = output.texts.get(&msg!("serve-not-found"));
            let page = format!(
                "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>404</title><body><h1>404</h1><p>{text}</p></body></html>"
            );
            file_response(output, "404.html", Arc::from(page.as_bytes()), 404)
        }
    }
}

/// Which 404 page answers a missing `rel`: the language's own (`hmn/404.html`) under a
/// language folder that has one, else the site's (the rule of `deploy/nginx.conf`).
fn not_found_page(rel: &str, has: impl Fn(&str) -> bool) -> Option<String> {
    let own = rel
        .split_once('/')
        .map(|(first, _)| first)
        .filter(|first| crate::config::is_language_tag(first))
        .map(|lang| format!("{lang}/404.html"))
        .filter(|page| has(page));
    own.or_else(|| has("404.html").then(|| "404.html".to_string()))
}

pub fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types() {
        let cases = [
            ("index.html", "text/html; charset=utf-8"),
            ("hmn/a/broadcast.txt", "text/plain; charset=utf-8"),
            ("a/poster.pdf", "application/pdf"),
            ("style.CSS", "text/css; charset=utf-8"),
            ("app.js", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("atom.xml", "application/xml; charset=utf-8"),
            ("calendar.ics", "text/calendar; charset=utf-8"),
            ("tai-lieu/print-order.csv", "text/csv; charset=utf-8"),
            ("tai-lieu/kit-hmn.zip", "application/zip"),
            ("data.json", "application/json"),
            ("a/qr.svg", "image/svg+xml"),
            ("_img/x-480.jpg", "image/jpeg"),
            ("_img/x-480.jpeg", "image/jpeg"),
            ("_img/x-480.png", "image/png"),
            ("_img/x-480.webp", "image/webp"),
            ("fonts/a.woff2", "font/woff2"),
            ("README", "application/octet-stream"),
        ];
        for (rel, want) in cases {
            assert_eq!(content_type(rel), want, "{rel}");
        }
    }

    #[test]
    fn answers() {
        let files = ["index.html", "a/index.html", "a/poster.pdf", "404.html"];
        let has = |rel: &str| files.contains(&rel);
        let t = |rel: &str, folder: bool| Target { rel: rel.into(), folder };
        let cases = [
            (t("", true), Answer::File("index.html".into())),
            (t("a", true), Answer::File("a/index.html".into())),
            (t("a", false), Answer::Redirect),
            (t("a/poster.pdf", false), Answer::File("a/poster.pdf".into())),
            (t("a/poster.pdf", true), Answer::NotFound),
            (t("b", false), Answer::NotFound),
            (t("b", true), Answer::NotFound),
        ];
        for (target, want) in cases {
            assert_eq!(answer(&target, has), want, "{target:?}");
        }
    }

    /// Issue 18: a missing address under a language folder answers that language's 404 page.
    #[test]
    fn not_found_pages() {
        let files = ["404.html", "hmn/404.html", "_img/404.html"];
        let has = |rel: &str| files.contains(&rel);
        let cases = [
            ("hmn/khong-co", Some("hmn/404.html")),
            ("hmn/a/b.pdf", Some("hmn/404.html")),
            ("blt/khong-co", Some("404.html")),
            ("khong-co", Some("404.html")),
            ("hmn", Some("404.html")),
            ("", Some("404.html")),
            // Not shaped like a language code: the site's page, as nginx does.
            ("_img/x", Some("404.html")),
        ];
        for (rel, want) in cases {
            assert_eq!(not_found_page(rel, has).as_deref(), want, "{rel}");
        }
        assert_eq!(not_found_page("x", |_| false), None);
    }

    #[test]
    fn only_this_computers_names_are_answered() {
        let cases = [
            ("127.0.0.1:1111", true),
            ("127.0.0.1", true),
            ("192.168.1.20:1111", true),
            ("[::1]:1111", true),
            ("[::1]", true),
            ("localhost:1111", true),
            ("LOCALHOST", true),
            ("app.localhost:8080", true),
            ("may-xa.local:1111", true),
            ("localhost.:1111", true),
            // A name someone else controls, pointed at this computer.
            ("attacker.example:1111", false),
            ("127.0.0.1.nip.io", false),
            ("localhost.attacker.example", false),
            (".local", false),
            ("[not-an-ip]:1", false),
            ("", false),
        ];
        for (host, want) in cases {
            assert_eq!(is_local_host(host), want, "{host:?}");
        }
    }
}
