//! `base_url`: the address the site is published at. It ends up in the sitemap, the feeds, share
//! cards and the QR codes printed on posters, so it must be a whole `http(s)://` address; a
//! placeholder left from `loa new` is named at the end of every build (issue 11).

use crate::messages::Message;
use crate::msg;

/// The address, normalised (scheme in lower case, no trailing `/`), or `(message, hint)`.
pub(crate) fn check(url: &str) -> Result<String, (Message, Message)> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        let hint = if !url.contains("://") && host_ok(url.split('/').next().unwrap_or("")) {
            msg!("url-add-https", fixed = format!("https://{}", url.trim_end_matches('/')))
        } else {
            msg!("url-whole-hint")
        };
        return Err((msg!("url-not-whole", url = url), hint));
    };
    let scheme_len = url.len() - rest.len();
    let after = &url[scheme_len..];
    let (authority, path) = after.split_once('/').map_or((after, ""), |(a, p)| (a, p));
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => (h, Some(p)),
        _ => (authority, None),
    };
    let bad = |why: Message| Err((msg!("url-bad", url = url, reason = why), msg!("url-example")));
    if !host_ok(host) {
        return bad(msg!("url-bad-host"));
    }
    if port.is_some_and(|p| p.is_empty() || p.len() > 5 || !p.bytes().all(|b| b.is_ascii_digit())) {
        return bad(msg!("url-bad-port"));
    }
    if path.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\')) {
        return bad(msg!("url-bad-chars"));
    }
    Ok(format!("{}{}", &lower[..scheme_len], after).trim_end_matches('/').to_string())
}

/// A host name: labels of letters, digits and `-` joined by dots (at least one dot), `localhost`,
/// or an IP address.
fn host_ok(host: &str) -> bool {
    if host == "localhost" || (host.starts_with('[') && host.ends_with(']') && host.len() > 2) {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
}

/// The host when it is a placeholder no reader can reach: `localhost`, loopback addresses, and
/// the names reserved for examples (RFC 2606: `example.*`, `.test`, `.invalid`, `.localhost`).
pub(crate) fn placeholder_host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split('/').next().unwrap_or("").split(':').next().unwrap_or("").to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let tld = labels.last().copied().unwrap_or("");
    let placeholder = host == "localhost"
        || host.starts_with("127.")
        || host == "[::1]"
        || labels.iter().any(|l| l.contains("example"))
        || matches!(tld, "test" | "invalid" | "localhost" | "local");
    placeholder.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 11: `--base-url xa-moi.gov.vn` (no scheme) and `notaurl` were accepted and printed in
    /// QR codes.
    #[test]
    fn only_whole_http_addresses_are_accepted() {
        for (ok, normalised) in [
            ("https://xa-moi.gov.vn", "https://xa-moi.gov.vn"),
            ("HTTPS://Xa-Moi.gov.vn/", "https://Xa-Moi.gov.vn"),
            ("http://127.0.0.1:1111", "http://127.0.0.1:1111"),
            ("https://tinh.gov.vn/xa/moi/", "https://tinh.gov.vn/xa/moi"),
            ("https://xã-mới.vn", "https://xã-mới.vn"),
        ] {
            assert_eq!(check(ok).as_deref(), Ok(normalised), "{ok}");
        }
        for bad in [
            "xa-moi.gov.vn",
            "notaurl",
            "",
            "/",
            "ftp://x.vn",
            "https://",
            "https://x",
            "https://a b.vn",
            "https://x.vn/a b",
            "https://x.vn:port",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
        let (_, hint) = check("xa-moi.gov.vn").unwrap_err();
        assert_eq!(hint.text_arg("fixed"), Some("https://xa-moi.gov.vn"), "{hint}");
    }

    #[test]
    fn placeholders_are_named() {
        for p in [
            "https://example.gov.vn",
            "https://xa.example.vn",
            "http://localhost:1111",
            "http://127.0.0.1",
            "https://x.test",
        ] {
            assert!(placeholder_host(p).is_some(), "{p}");
        }
        for real in ["https://xa-moi.gov.vn", "https://tinh.gov.vn/xa"] {
            assert!(placeholder_host(real).is_none(), "{real}");
        }
    }
}
