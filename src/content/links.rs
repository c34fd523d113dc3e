//! What a link in Markdown points to. Editors link to other pages by their file
//! (`[Dấu hiệu](signs.md)`, `[..](@/news/flood.md#what-to-do)`), and loa turns that into the
//! page's address in the reader's language. Used by the web renderer and by `loa check`.

use super::{CONTENT_DIR, PageId, Site};
use crate::diag::Diagnostic;
use crate::msg;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// `https:`, `mailto:`, `tel:` … : left as written, never fetched.
    External,
    /// `#id` on the same page.
    Anchor(String),
    /// Another page; `fallback` when it is shown in the default language because the linking
    /// page's language has no version of it.
    Page { id: PageId, anchor: Option<String>, fallback: bool },
    /// A file under `static/` or next to the content (`/img/poster.jpg`, `photo.jpg`).
    File { path: PathBuf },
    /// A scheme that can run code in the reader's browser.
    Unsafe,
}

/// Schemes a link may use; anything else with a colon is refused (`javascript:`, `data:` …).
/// The sanitizer keeps the same list for raw HTML; the README ("Safety") names it.
pub(crate) const SAFE_SCHEMES: [&str; 6] = ["http", "https", "mailto", "tel", "sms", "zalo"];

pub fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let head = &url[..colon];
    let first_sep = url.find(['/', '?', '#']).unwrap_or(url.len());
    (colon < first_sep && !head.is_empty() && head.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)))
        .then(|| head.to_ascii_lowercase())
}

pub fn is_safe_url(url: &str) -> bool {
    // Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    let squeezed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    match scheme(&squeezed) {
        Some(s) => SAFE_SCHEMES.contains(&s.as_str()),
        None => true,
    }
}

/// Resolves `url` written in page `from`.
pub fn resolve(site: &Site, from: PageId, url: &str) -> Result<Target, Diagnostic> {
    if !is_safe_url(url) {
        return Ok(Target::Unsafe);
    }
    if scheme(url).is_some() || url.starts_with("//") {
        return Ok(Target::External);
    }
    if let Some(anchor) = url.strip_prefix('#') {
        return Ok(Target::Anchor(anchor.to_string()));
    }
    let (path_part, anchor) = match url.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (url, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let page = site.page(from);
    if path_part.ends_with(".md") {
        return resolve_page(site, from, path_part, anchor);
    }
    let decoded = percent_decode(path_part);
    let path = match decoded.strip_prefix('/') {
        Some(abs) => PathBuf::from("static").join(abs),
        None => {
            let dir = Path::new(CONTENT_DIR).join(page.info.dirs.join("/"));
            dir.join(&decoded)
        }
    };
    Ok(Target::File { path: clean(&path) })
}

fn resolve_page(site: &Site, from: PageId, path: &str, anchor: Option<String>) -> Result<Target, Diagnostic> {
    let page = site.page(from);
    let rel = match path.strip_prefix("@/").or_else(|| path.strip_prefix('/')) {
        Some(abs) => PathBuf::from(percent_decode(abs)),
        None => Path::new(&page.info.dirs.join("/")).join(percent_decode(path)),
    };
    let rel = clean(&rel);
    let not_found = || {
        Diagnostic::error("link", msg!("link-not-a-page", path = path))
            .in_file(&page.info.shown)
            .with_hint(msg!("link-not-a-page-hint"))
    };
    let info = super::file_info::file_info(&rel, &site.config).map_err(|_| not_found())?;
    let linked_default = info.lang == site.config.default_language;
    // A link to the default-language file means "this page in the reader's language".
    if linked_default && let Some(id) = site.index.find(&site.pages, &info.key, page.lang()) {
        return Ok(Target::Page { id, anchor, fallback: false });
    }
    match site.index.find(&site.pages, &info.key, &info.lang) {
        Some(id) => Ok(Target::Page { id, anchor, fallback: site.pages[id].lang() != page.lang() }),
        None => Err(not_found()),
    }
}

/// Removes `.` and resolves `..` lexically; a path can never climb above its start.
fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for comp in path.components() {
        match comp {
            Component::Normal(c) => out.push(c),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2)))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: Option<&u8>) -> Option<u8> {
    let b = *b?;
    (b as char).to_digit(16).map(|d| d as u8)
}

/// A relative URL from one site folder to another (`hmn/signs/` → `../../news/`), so the
/// output works under any base path and on any host.
pub fn relative_url(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    if to.ends_with('/') && !out.is_empty() && !out.ends_with('/') {
        out.push('/');
    }
    if out.is_empty() { "./".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes() {
        for bad in
            ["javascript:alert(1)", "JavaScript:x", "java\tscript:x", " javascript:x", "data:text/html,x", "vbscript:x"]
        {
            assert!(!is_safe_url(bad), "{bad}");
        }
        for ok in ["https://a.vn", "tel:111", "mailto:a@b.vn", "signs.md", "/img/a.png", "#top", "a:b/c"] {
            // `a:b/c` has a scheme-like head; it is not in the allow list, so it is refused.
            assert_eq!(is_safe_url(ok), ok != "a:b/c", "{ok}");
        }
    }

    #[test]
    fn relative_urls() {
        assert_eq!(relative_url("", "signs/"), "signs/");
        assert_eq!(relative_url("hmn/signs", "signs/"), "../../signs/");
        assert_eq!(relative_url("hmn/signs", "hmn/signs/"), "./");
        assert_eq!(relative_url("hmn/signs", "hmn/"), "../");
        assert_eq!(relative_url("a/b", ""), "../../");
        assert_eq!(relative_url("", "style.css"), "style.css");
    }

    #[test]
    fn cleaning_never_climbs() {
        assert_eq!(clean(Path::new("content/../../etc/passwd")), PathBuf::from("etc/passwd"));
    }

    #[test]
    fn decodes_percent() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
