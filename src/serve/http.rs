//! The HTTP side of `loa serve`: tiny_http, a few worker threads pulling requests from one
//! listener (so many browsers are served at once), answers from the in-memory [`Output`].
//! Every request path goes through [`safe_path::resolve`] first; anything it refuses is a 400.

use super::Output;
use super::reload::{self, EVENTS_PATH};
use super::safe_path::{self, Target};
use crate::diag::Diagnostic;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use tiny_http::{Header, Method, Request, Response};

/// Worker threads answering requests; SSE streams get their own threads (see [`MAX_STREAMS`]).
const WORKERS: usize = 8;
/// Open live-reload streams at most (each holds a thread); more get a 503 and retry.
const MAX_STREAMS: usize = 256;

pub struct HttpServer {
    server: Arc<tiny_http::Server>,
    pub addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
}

impl HttpServer {
    /// Listens on `bind:port` (port 0: the system picks a free one; see [`HttpServer::addr`]).
    pub fn bind(bind: &str, port: u16) -> Result<HttpServer, Diagnostic> {
        let cannot = |e: &dyn std::fmt::Display| {
            Diagnostic::error("serve", format!("cannot listen on {bind}:{port}: {e}")).with_hint(
                "another program may be using this port: choose another with `--port`, or `--port 0` for any free one",
            )
        };
        let server = tiny_http::Server::http((bind, port)).map_err(|e| cannot(&e))?;
        let addr = server.server_addr().to_ip().ok_or_else(|| cannot(&"not an IP address"))?;
        Ok(HttpServer { server: Arc::new(server), addr, stopping: Arc::default(), workers: Vec::new() })
    }

    /// Starts answering from `output`.
    pub fn start(&mut self, output: Arc<Output>) {
        let streams = Arc::new(AtomicUsize::new(0));
        for _ in 0..WORKERS {
            let (server, output, streams, stopping) =
                (self.server.clone(), output.clone(), streams.clone(), self.stopping.clone());
            self.workers.push(std::thread::spawn(move || {
                while !stopping.load(Ordering::SeqCst) {
                    // An error here is one failed connection (tiny_http already answered
                    // malformed requests with a 400), or the unblock of `stop`.
                    match server.recv() {
                        Ok(request) => handle(request, &output, &streams),
                        // E.g. out of file handles: pause instead of spinning on the error.
                        Err(_) => std::thread::sleep(std::time::Duration::from_millis(10)),
                    }
                }
            }));
        }
    }

    /// Stops the workers (open event streams end at their next keepalive).
    pub fn stop(mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in &self.workers {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

fn handle(request: Request, output: &Arc<Output>, streams: &Arc<AtomicUsize>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(with(text(405, "loa serve answers GET and HEAD only.\n"), "Allow", "GET, HEAD"));
        return;
    }
    let url = request.url().to_string();
    if url.split('?').next() == Some(EVENTS_PATH) {
        return open_stream(request, &url, output, streams);
    }
    let target = match safe_path::resolve(&url) {
        Ok(t) => t,
        Err(_) => {
            let _ = request.respond(text(400, "This address is not allowed.\n"));
            return;
        }
    };
    let response = match answer(&target, |rel| output.has(rel)) {
        Answer::File(rel) => match output.get(&rel) {
            Some(bytes) => file_response(output, &rel, &bytes, 200),
            None => not_found(output),
        },
        Answer::Redirect => {
            let (path, query) = url.split_once('?').map_or((url.as_str(), None), |(p, q)| (p, Some(q)));
            let location = match query {
                Some(q) => format!("{path}/?{q}"),
                None => format!("{path}/"),
            };
            with(text(301, "Moved to the folder's address.\n"), "Location", &location)
        }
        Answer::NotFound => not_found(output),
    };
    let _ = request.respond(response);
}

fn open_stream(request: Request, url: &str, output: &Arc<Output>, streams: &Arc<AtomicUsize>) {
    if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(text(503, "Too many open pages.\n"));
        return;
    }
    let since = reload::since(url, &output.events);
    let (output, streams) = (output.clone(), streams.clone());
    std::thread::spawn(move || {
        reload::stream(request.into_writer(), &output.events, since);
        streams.fetch_sub(1, Ordering::SeqCst);
    });
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

fn file_response(output: &Output, rel: &str, bytes: &[u8], status: u16) -> Response<std::io::Cursor<Vec<u8>>> {
    let kind = content_type(rel);
    let body = if kind.starts_with("text/html") {
        reload::inject(bytes, output.events.current(), &output.errors())
    } else {
        bytes.to_vec()
    };
    let response = with(Response::from_data(body).with_status_code(status), "Content-Type", kind);
    with(response, "Cache-Control", "no-store")
}

/// The site's own 404 page (with the reload script, so it turns into the page once it exists).
fn not_found(output: &Output) -> Response<std::io::Cursor<Vec<u8>>> {
    match output.get("404.html") {
        Some(bytes) => file_response(output, "404.html", &bytes, 404),
        None => {
            let page =
                b"<!doctype html><meta charset=\"utf-8\"><title>404</title><body><h1>404</h1><p>Not found.</p></body>";
            file_response(output, "404.html", page, 404)
        }
    }
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with(Response::from_string(body).with_status_code(status), "Content-Type", "text/plain; charset=utf-8")
}

/// Names are constants and values ASCII (a Location comes from the request line, which tiny_http
/// only accepts as ASCII); a value it still refuses is left out rather than trusted.
fn with<R: std::io::Read>(response: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

pub fn content_type(rel: &str) -> &'static str {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json",
        "pdf" => "application/pdf",
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
}
