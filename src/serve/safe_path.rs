//! From a request URL to a file inside OUT, or a refusal. Pure: it never looks at the disk.
//!
//! The served output lives in memory (see [`super::Output`]), keyed by `/`-separated paths
//! under OUT, so a symlink in `static/` is never followed (the copy skips it) and this function
//! is the one gate: anything that could name a file outside OUT is refused before any lookup,
//! rather than cleaned up. Refused: `..` and `.` segments, their percent-encoded forms, an
//! encoded `/` or `\`, doubled slashes, backslashes, NUL, a drive or scheme (`C:`), anything
//! not starting with `/`, and bytes that are not UTF-8 after decoding.

/// A request for something inside OUT.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Decoded path under OUT without leading or trailing slash; "" is the root.
    pub rel: String,
    /// The URL ended with `/`: a folder, answered with its `index.html`.
    pub folder: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotAbsolute,
    BadEncoding,
    EncodedSlash,
    Backslash,
    Nul,
    DoubledSlash,
    DotSegment,
    Drive,
}

/// `url` is the request target as sent (`/hmn/signs/?x=1`).
pub fn resolve(url: &str) -> Result<Target, Refusal> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let Some(inner) = path.strip_prefix('/') else { return Err(Refusal::NotAbsolute) };
    if path.contains('\\') {
        return Err(Refusal::Backslash);
    }
    let lower = path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") {
        return Err(Refusal::EncodedSlash);
    }
    let decoded = percent_decode(inner).ok_or(Refusal::BadEncoding)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::BadEncoding)?;
    if decoded.contains('\0') {
        return Err(Refusal::Nul);
    }
    if decoded.contains('\\') {
        return Err(Refusal::Backslash);
    }
    let folder = decoded.is_empty() || decoded.ends_with('/');
    let trimmed = decoded.strip_suffix('/').unwrap_or(&decoded);
    if trimmed.is_empty() {
        return if decoded.is_empty() { Ok(Target { rel: String::new(), folder }) } else { Err(Refusal::DoubledSlash) };
    }
    for segment in trimmed.split('/') {
        match segment {
            "" => return Err(Refusal::DoubledSlash),
            "." | ".." => return Err(Refusal::DotSegment),
            s if s.contains(':') => return Err(Refusal::Drive),
            _ => {}
        }
    }
    Ok(Target { rel: trimmed.to_string(), folder })
}

/// `%XX` → byte; `None` on a truncated or non-hex escape.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(rel: &str, folder: bool) -> Result<Target, Refusal> {
        Ok(Target { rel: rel.to_string(), folder })
    }

    #[test]
    fn table() {
        use Refusal::*;
        let cases = [
            ("/", ok("", true)),
            ("/index.html", ok("index.html", false)),
            ("/hmn/signs/", ok("hmn/signs", true)),
            ("/hmn/signs", ok("hmn/signs", false)),
            ("/hmn/signs/?utm=1#top", ok("hmn/signs", true)),
            ("/%C4%91%C6%B0%E1%BB%9Dng/", ok("đường", true)),
            ("/a%20b.pdf", ok("a b.pdf", false)),
            ("/..", Err(DotSegment)),
            ("/../etc/passwd", Err(DotSegment)),
            ("/a/../../etc/passwd", Err(DotSegment)),
            ("/a/./b", Err(DotSegment)),
            ("/%2e%2e/etc/passwd", Err(DotSegment)),
            ("/%2E%2E/%2e%2E/etc/passwd", Err(DotSegment)),
            ("/.%2e/x", Err(DotSegment)),
            ("/a%2f..%2f..%2fetc%2fpasswd", Err(EncodedSlash)),
            ("/a%2F..%2Fb", Err(EncodedSlash)),
            ("/..%5c..%5cwindows", Err(EncodedSlash)),
            ("//etc/passwd", Err(DoubledSlash)),
            ("/a//b", Err(DoubledSlash)),
            ("/a/b//", Err(DoubledSlash)),
            ("/a\\..\\..\\b", Err(Backslash)),
            ("\\etc\\passwd", Err(NotAbsolute)),
            ("/C:/Windows/win.ini", Err(Drive)),
            ("/c%3a/x", Err(Drive)),
            ("etc/passwd", Err(NotAbsolute)),
            ("http://evil.example/etc/passwd", Err(NotAbsolute)),
            ("*", Err(NotAbsolute)),
            ("", Err(NotAbsolute)),
            ("/a%00.html", Err(Nul)),
            ("/a%zz", Err(BadEncoding)),
            ("/a%2", Err(BadEncoding)),
            ("/%ff%fe", Err(BadEncoding)),
        ];
        for (url, want) in cases {
            assert_eq!(resolve(url), want, "{url}");
        }
    }
}
