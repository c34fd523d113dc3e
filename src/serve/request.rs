//! One HTTP/1.x request head, from bytes: where it ends, whether it is too large, what it asks.
//! Pure (table-tested); the connection loop in [`super::conn`] does the reading and the clocks.
//!
//! The limits are what a browser never comes near (Chromium's whole head is well under 8 KiB)
//! and what keeps one client from holding memory: before issue 10, a 500 MB header was read in
//! full. `loa serve` answers `GET` and `HEAD` only, so a request with a body is answered and the
//! connection closed rather than the body read.

/// Longest request line (`GET /path HTTP/1.1`): longer is `414 URI Too Long`.
pub(crate) const MAX_REQUEST_LINE: usize = 8 * 1024;
/// Longest head (request line and every header): longer is `431`.
pub(crate) const MAX_HEAD: usize = 32 * 1024;
/// Most header lines in one head.
pub(crate) const MAX_HEADERS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub(crate) method: String,
    /// The request target as sent: visible ASCII only (`/hmn/dau-hieu/?x=1`).
    pub(crate) target: String,
    /// `HTTP/1.0` (false) or `HTTP/1.1` (true).
    pub(crate) http11: bool,
    /// The connection stays open after the answer (HTTP/1.1 unless `Connection: close`;
    /// HTTP/1.0 only with `Connection: keep-alive`).
    pub(crate) keep_alive: bool,
    /// Every `Accept-Encoding` value, joined with commas.
    pub(crate) accept_encoding: String,
    pub(crate) host: Option<String>,
    /// A body follows (`Content-Length` above 0, or any `Transfer-Encoding`).
    pub(crate) has_body: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeadError {
    Malformed,
    LineTooLong,
    HeadTooLarge,
    UnsupportedVersion,
    /// The head did not arrive in time (a client trickling bytes).
    Timeout,
}

impl HeadError {
    pub(crate) fn status(self) -> u16 {
        match self {
            HeadError::Malformed => 400,
            HeadError::LineTooLong => 414,
            HeadError::HeadTooLarge => 431,
            HeadError::UnsupportedVersion => 505,
            HeadError::Timeout => 408,
        }
    }
}

/// Where the head in `buf` ends (just past its blank line), once it is complete. A bare LF is
/// accepted as a line end (RFC 9112 §2.2 allows it), and blank lines before the request line are
/// skipped (§2.2: a client may send one after a body).
pub(crate) fn head_end(buf: &[u8]) -> Option<usize> {
    let start = skip_leading_blank_lines(buf);
    let mut at = start;
    while let Some(nl) = buf[at..].iter().position(|&b| b == b'\n') {
        let line_end = at + nl;
        let line = &buf[at..line_end];
        if (line.is_empty() || line == b"\r") && at > start {
            return Some(line_end + 1);
        }
        at = line_end + 1;
    }
    None
}

/// Refuses an incomplete head that is already over a limit, so it is not read any further.
pub(crate) fn check_partial(buf: &[u8]) -> Result<(), HeadError> {
    let start = skip_leading_blank_lines(buf);
    let line_len = buf[start..].iter().position(|&b| b == b'\n').unwrap_or(buf.len() - start);
    if line_len > MAX_REQUEST_LINE {
        return Err(HeadError::LineTooLong);
    }
    if buf.len() > MAX_HEAD {
        return Err(HeadError::HeadTooLarge);
    }
    Ok(())
}

fn skip_leading_blank_lines(buf: &[u8]) -> usize {
    buf.iter().position(|&b| b != b'\r' && b != b'\n').unwrap_or(buf.len())
}

/// Parses a complete head (`buf[..head_end(buf)]`).
pub(crate) fn parse(head: &[u8]) -> Result<Head, HeadError> {
    check_partial(head)?;
    let head = &head[skip_leading_blank_lines(head)..];
    let mut lines = head.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
    let (method, target, http11) = request_line(lines.next().unwrap_or_default())?;
    let mut parsed = Head {
        method,
        target,
        http11,
        keep_alive: http11,
        accept_encoding: String::new(),
        host: None,
        has_body: false,
    };
    let (mut close, mut keep) = (false, false);
    let mut length: Option<u64> = None;
    let mut count = 0;
    for line in lines.take_while(|l| !l.is_empty()) {
        count += 1;
        if count > MAX_HEADERS {
            return Err(HeadError::HeadTooLarge);
        }
        let (name, value) = header(line)?;
        match name.to_ascii_lowercase().as_str() {
            "connection" => {
                for token in value.split(',').map(|t| t.trim().to_ascii_lowercase()) {
                    close |= token == "close";
                    keep |= token == "keep-alive";
                }
            }
            "accept-encoding" => {
                if !parsed.accept_encoding.is_empty() {
                    parsed.accept_encoding.push(',');
                }
                parsed.accept_encoding.push_str(value);
            }
            "host" if parsed.host.is_some() => return Err(HeadError::Malformed),
            "host" => parsed.host = Some(value.to_string()),
            "content-length" => {
                let n = content_length(value)?;
                if length.is_some_and(|l| l != n) {
                    return Err(HeadError::Malformed);
                }
                length = Some(n);
            }
            "transfer-encoding" => parsed.has_body = true,
            _ => {}
        }
    }
    parsed.has_body |= length.is_some_and(|n| n > 0);
    parsed.keep_alive = !close && (http11 || keep);
    Ok(parsed)
}

fn request_line(line: &[u8]) -> Result<(String, String, bool), HeadError> {
    let text = std::str::from_utf8(line).map_err(|_| HeadError::Malformed)?;
    let mut parts = text.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed);
    };
    if method.is_empty() || !method.bytes().all(is_token) {
        return Err(HeadError::Malformed);
    }
    // Visible ASCII only: browsers percent-encode everything else, and a target copied into a
    // `Location` header can then never carry a line break.
    if target.is_empty() || !target.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(HeadError::Malformed);
    }
    let http11 = match version {
        "HTTP/1.1" => true,
        "HTTP/1.0" => false,
        v if v.starts_with("HTTP/") && v.len() == 8 => return Err(HeadError::UnsupportedVersion),
        _ => return Err(HeadError::Malformed),
    };
    Ok((method.to_string(), target.to_string(), http11))
}

fn header(line: &[u8]) -> Result<(&str, &str), HeadError> {
    // A line starting with a space continues the previous one (obsolete folding): refused, as
    // RFC 9112 §5.2 allows, rather than guessed at.
    let colon = line.iter().position(|&b| b == b':').ok_or(HeadError::Malformed)?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    if name.is_empty() || !name.iter().copied().all(is_token) {
        return Err(HeadError::Malformed);
    }
    if value.iter().any(|&b| (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Err(HeadError::Malformed);
    }
    // Bytes above 0x7F (obs-text) are allowed in values, but no header loa reads needs them.
    let value = std::str::from_utf8(value).unwrap_or("");
    let name = std::str::from_utf8(name).map_err(|_| HeadError::Malformed)?;
    Ok((name, value.trim_matches([' ', '\t'])))
}

fn content_length(value: &str) -> Result<u64, HeadError> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HeadError::Malformed);
    }
    value.parse().map_err(|_| HeadError::Malformed)
}

/// A `tchar` of RFC 9110 §5.6.2.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(method: &str, target: &str, http11: bool, keep_alive: bool) -> Head {
        Head {
            method: method.into(),
            target: target.into(),
            http11,
            keep_alive,
            accept_encoding: String::new(),
            host: None,
            has_body: false,
        }
    }

    #[test]
    fn where_a_head_ends() {
        let cases: [(&[u8], Option<usize>); 7] = [
            (b"GET / HTTP/1.1\r\n\r\n", Some(18)),
            (b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /b", Some(27)),
            (b"GET / HTTP/1.1\n\n", Some(16)),
            (b"\r\nGET / HTTP/1.1\r\n\r\n", Some(20)),
            (b"GET / HTTP/1.1\r\nHost: x\r\n", None),
            (b"\r\n\r\n", None),
            (b"", None),
        ];
        for (buf, want) in cases {
            assert_eq!(head_end(buf), want, "{}", String::from_utf8_lossy(buf));
        }
    }

    /// Issue 10: a 500 MB header was read in full; a head stops being read at the limits.
    #[test]
    fn limits_apply_before_the_head_is_complete() {
        let line = format!("GET /{} HTTP/1.1", "a".repeat(MAX_REQUEST_LINE));
        assert_eq!(check_partial(line.as_bytes()), Err(HeadError::LineTooLong));
        let header = format!("GET / HTTP/1.1\r\nX: {}", "b".repeat(MAX_HEAD));
        assert_eq!(check_partial(header.as_bytes()), Err(HeadError::HeadTooLarge));
        assert_eq!(check_partial(b"GET / HTTP/1.1\r\nHost: x"), Ok(()));
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: 1\r\n")).collect();
        let many = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(parse(many.as_bytes()), Err(HeadError::HeadTooLarge));
    }

    #[test]
    fn request_lines() {
        use HeadError::*;
        let cases: [(&str, Result<Head, HeadError>); 14] = [
            ("GET / HTTP/1.1\r\n\r\n", Ok(head("GET", "/", true, true))),
            ("HEAD /a/?x=1 HTTP/1.1\r\n\r\n", Ok(head("HEAD", "/a/?x=1", true, true))),
            // Issue 10: HTTP/1.0 closes unless the client asks to keep the connection.
            ("GET / HTTP/1.0\r\n\r\n", Ok(head("GET", "/", false, false))),
            ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", Ok(head("GET", "/", false, true))),
            ("GET / HTTP/1.1\r\nConnection: close\r\n\r\n", Ok(head("GET", "/", true, false))),
            ("GET / HTTP/1.1\r\nConnection: keep-alive, Close\r\n\r\n", Ok(head("GET", "/", true, false))),
            ("GET / HTTP/9.9\r\n\r\n", Err(UnsupportedVersion)),
            ("GET / HTCPCP/1.0\r\n\r\n", Err(Malformed)),
            ("GET\r\n\r\n", Err(Malformed)),
            ("GET /\r\n\r\n", Err(Malformed)),
            ("GET  / HTTP/1.1\r\n\r\n", Err(Malformed)),
            ("GET /đ HTTP/1.1\r\n\r\n", Err(Malformed)),
            ("G(T / HTTP/1.1\r\n\r\n", Err(Malformed)),
            ("\u{0}\u{1} garbage\r\n\r\n", Err(Malformed)),
        ];
        for (raw, want) in cases {
            assert_eq!(parse(raw.as_bytes()), want, "{raw:?}");
        }
    }

    #[test]
    fn headers() {
        let h =
            parse(b"GET / HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nAccept-Encoding: br\r\naccept-encoding: gzip\r\n\r\n")
                .unwrap();
        assert_eq!(
            (h.host.as_deref(), h.accept_encoding.as_str(), h.has_body),
            (Some("127.0.0.1:1111"), "br,gzip", false)
        );
        let body = |raw: &str| parse(raw.as_bytes()).map(|h| h.has_body);
        assert_eq!(body("GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n"), Ok(false));
        assert_eq!(body("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n"), Ok(true));
        assert_eq!(body("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), Ok(true));
        for bad in [
            "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
            "GET / HTTP/1.1\r\nno colon here\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nX: a\u{1}b\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        ] {
            assert_eq!(parse(bad.as_bytes()), Err(HeadError::Malformed), "{bad:?}");
        }
    }
}
