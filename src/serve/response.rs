//! An answer of `loa serve` before it is written: status, headers, body; gzip when the client
//! accepts it and the type is text (issue 18: the preview behaves like the production server
//! that `deploy/nginx.conf` sets up, so a page's gzipped size is what readers will download).

use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Response {
    pub(crate) status: u16,
    /// Names are constants; values are ASCII (built by loa, or checked request text).
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Shared with the served output: a thousand clients fetching one PDF hold one copy of it.
    pub(crate) body: Arc<[u8]>,
}

/// Smaller bodies gain nothing from gzip (its own header and trailer are 18 bytes).
const GZIP_MIN: usize = 256;
/// Larger ones go out as they are: each compressed answer is a copy per connection, and a
/// page is far below this (its budget is 14 KB gzipped).
const GZIP_MAX: usize = 4 << 20;

impl Response {
    pub(crate) fn new(status: u16, content_type: &str, body: impl Into<Arc<[u8]>>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body: body.into() }
    }

    /// A short plain-text answer (errors, refusals).
    pub(crate) fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body.as_bytes())
    }

    pub(crate) fn with(mut self, name: &'static str, value: impl Into<String>) -> Response {
        self.headers.push((name, value.into()));
        self
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Compresses the body when the type is text and `accept_encoding` allows gzip.
    pub(crate) fn negotiate(mut self, accept_encoding: &str) -> Response {
        if !compressible(self.header("Content-Type").unwrap_or("")) {
            return self;
        }
        self.headers.push(("Vary", "Accept-Encoding".to_string()));
        if !(GZIP_MIN..=GZIP_MAX).contains(&self.body.len()) || !accepts_gzip(accept_encoding) {
            return self;
        }
        let mut encoder = GzEncoder::new(Vec::with_capacity(self.body.len() / 3), Compression::default());
        // Writing into a Vec cannot fail; should it, the answer goes out uncompressed.
        if let Ok(gz) = encoder.write_all(&self.body).and_then(|()| encoder.finish()) {
            self.body = gz.into();
            self.headers.push(("Content-Encoding", "gzip".to_string()));
        }
        self
    }

    /// The status line and headers, `Content-Length` and `Connection` included.
    pub(crate) fn head_bytes(&self, keep_alive: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        head.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
        head.into_bytes()
    }
}

/// Text types (HTML, CSS, scripts, feeds, SVG, JSON, the `.txt` scripts and SMS): pictures, PDFs
/// and archives are compressed already.
pub(crate) fn compressible(content_type: &str) -> bool {
    let kind = content_type.split(';').next().unwrap_or("").trim();
    kind.starts_with("text/") || kind.ends_with("+xml") || kind.ends_with("/xml") || kind.ends_with("/json")
}

/// Whether an `Accept-Encoding` value allows gzip: `gzip` (or `x-gzip`, or `*`) with a quality
/// above 0 (RFC 9110 §12.5.3).
pub(crate) fn accepts_gzip(accept_encoding: &str) -> bool {
    let mut star = None;
    for item in accept_encoding.split(',') {
        let mut parts = item.split(';');
        let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q=").or_else(|| p.trim().strip_prefix("Q=")))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        match coding.as_str() {
            "gzip" | "x-gzip" => return q > 0.0,
            "*" => star = Some(q > 0.0),
            _ => {}
        }
    }
    star.unwrap_or(false)
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_is_accepted_as_rfc_9110_says() {
        let cases = [
            ("gzip", true),
            ("gzip, deflate, br, zstd", true),
            ("br;q=1.0, GZIP;q=0.5", true),
            ("x-gzip", true),
            ("*", true),
            ("gzip;q=0", false),
            ("gzip; q=0.0, *", false),
            ("*;q=0", false),
            ("identity", false),
            ("br", false),
            ("", false),
            ("deflate, *;q=0.1", true),
        ];
        for (value, want) in cases {
            assert_eq!(accepts_gzip(value), want, "{value:?}");
        }
    }

    #[test]
    fn text_is_compressed_pictures_are_not() {
        let html = "<p>Gọi 111</p>".repeat(100);
        let r = Response::new(200, "text/html; charset=utf-8", html.clone().into_bytes()).negotiate("gzip");
        assert_eq!((r.header("Content-Encoding"), r.header("Vary")), (Some("gzip"), Some("Accept-Encoding")));
        let mut back = String::new();
        flate2::read::GzDecoder::new(&r.body[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, html);

        let plain = Response::new(200, "text/plain; charset=utf-8", html.clone().into_bytes()).negotiate("br");
        assert_eq!((plain.header("Content-Encoding"), plain.body.len()), (None, html.len()));
        let tiny = Response::text(404, "no").negotiate("gzip");
        assert_eq!(tiny.header("Content-Encoding"), None);
        let png = Response::new(200, "image/png", vec![0; 5000]).negotiate("gzip");
        assert_eq!((png.header("Content-Encoding"), png.header("Vary")), (None, None));
        for kind in ["application/xml; charset=utf-8", "image/svg+xml", "application/json", "text/calendar"] {
            assert!(compressible(kind), "{kind}");
        }
        assert!(!compressible("application/pdf") && !compressible("application/zip"));
    }

    #[test]
    fn head_has_length_and_connection() {
        let r = Response::text(200, "xin chào").with("Cache-Control", "no-store");
        let head = String::from_utf8(r.head_bytes(false)).unwrap();
        assert_eq!(
            head,
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: 9\r\nConnection: close\r\n\r\n"
        );
    }
}
