//! Links that work from `file://` (issue 14): the offline kit's pages are the web pages with
//! every link rewritten. On a web server `goi-111/` opens `goi-111/index.html`; opened from a USB
//! stick the browser lists the folder instead, so a link to a folder gets `index.html`. A link to
//! something the kit does not hold goes to the site online (`https://xa.gov.vn/…`), so no link
//! inside the kit leads nowhere.
//!
//! Pure functions over the HTML loa writes (attribute values in double quotes, as its templates,
//! its Markdown writer and the sanitizer write them): `href`, `src` and `srcset` attributes and
//! `url(…)` inside `<style>`. Text is never touched, so a page that talks about `url(` in a code
//! block reads the same.

use crate::content::links::{percent_decode, relative_url, scheme};

/// A link resolved against the folder of the page it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Path under OUT as written (percent-encoded), without `./`, `..` or a leading slash; a
    /// folder ends with `/`, the root is `""`.
    pub path: String,
    /// The same, decoded: the file's name under OUT.
    pub file: String,
    /// `?query#fragment`, kept as written.
    pub suffix: String,
}

impl Resolved {
    pub fn is_folder(&self) -> bool {
        self.path.is_empty() || self.path.ends_with('/')
    }
}

/// What the kit does with one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// The kit holds it: a relative link (to `index.html` for a folder).
    Local,
    /// The kit does not hold it: this address online.
    Online(String),
}

/// Resolves `url` (as written in an attribute) in the page whose folder is `dir`; `None` for
/// what needs no change: external addresses, `#anchors`, empty links.
pub fn resolve(dir: &str, url: &str) -> Option<Resolved> {
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || scheme(url).is_some() {
        return None;
    }
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (raw, suffix) = url.split_at(cut);
    let (base, raw) = match raw.strip_prefix('/') {
        Some(abs) => ("", abs),
        None => (dir, raw),
    };
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let folder = raw.is_empty()
        || raw.ends_with('/')
        || raw.ends_with("/.")
        || raw.ends_with("/..")
        || raw == "."
        || raw == "..";
    for seg in raw.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                // Above the site's root: not a file of the site.
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if folder && !path.is_empty() {
        path.push('/');
    }
    let file = percent_decode(&path.replace("&amp;", "&"));
    Some(Resolved { path, file, suffix: suffix.to_string() })
}

/// The link to write instead of `url` for `choice`, from the page's folder `dir`.
fn replacement(dir: &str, r: &Resolved, choice: &Choice) -> String {
    match choice {
        Choice::Online(url) => format!("{url}{}", r.suffix),
        Choice::Local if r.is_folder() => {
            let to = relative_url(dir, &r.path);
            let to = if to == "./" { String::new() } else { to };
            format!("{to}index.html{}", r.suffix)
        }
        Choice::Local => format!("{}{}", relative_url(dir, &r.path), r.suffix),
    }
}

/// `html` (a page in folder `dir`) with every link chosen by `choose`.
pub fn rewrite(html: &str, dir: &str, choose: &mut dyn FnMut(&Resolved) -> Choice) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut one = |url: &str, out: &mut String| match resolve(dir, url) {
        Some(r) => {
            let c = choose(&r);
            out.push_str(&replacement(dir, &r, &c));
        }
        None => out.push_str(url),
    };
    let mut scan = Scanner::new(html);
    let mut at = 0;
    while let Some((kind, start, end)) = scan.next_value(at) {
        out.push_str(&html[at..start]);
        let value = &html[start..end];
        match kind {
            Kind::Url => one(value, &mut out),
            Kind::Srcset => {
                // `a.jpg 480w, b.jpg 960w`: each candidate is a URL and a descriptor.
                for (n, candidate) in value.split(',').enumerate() {
                    if n > 0 {
                        out.push(',');
                    }
                    let lead = candidate.len() - candidate.trim_start().len();
                    out.push_str(&candidate[..lead]);
                    let rest = &candidate[lead..];
                    let url_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    one(&rest[..url_end], &mut out);
                    out.push_str(&rest[url_end..]);
                }
            }
            Kind::Style => {
                let mut rest = value;
                while let Some(i) = rest.find("url(") {
                    out.push_str(&rest[..i + 4]);
                    rest = &rest[i + 4..];
                    let close = rest.find(')').unwrap_or(rest.len());
                    let inner = &rest[..close];
                    let quote = inner.chars().next().filter(|c| *c == '"' || *c == '\'');
                    let url = quote.map_or(inner, |q| inner.trim_matches(q));
                    if let Some(q) = quote {
                        out.push(q);
                    }
                    one(url, &mut out);
                    if let Some(q) = quote {
                        out.push(q);
                    }
                    rest = &rest[close..];
                }
                out.push_str(rest);
            }
        }
        at = end;
    }
    out.push_str(&html[at..]);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Url,
    Srcset,
    Style,
}

/// Finds the next link-bearing value; remembers each pattern's next match so a page is scanned
/// once per pattern, not once per link.
struct Scanner<'a> {
    html: &'a str,
    /// Per pattern: the position of its next match at or after the last search, if any.
    next: [Option<Option<usize>>; 4],
}

const PATTERNS: [(&str, Kind); 4] =
    [("href=\"", Kind::Url), ("src=\"", Kind::Url), ("srcset=\"", Kind::Srcset), ("<style", Kind::Style)];

impl<'a> Scanner<'a> {
    fn new(html: &'a str) -> Self {
        Scanner { html, next: [None; 4] }
    }

    /// The next pattern match at or after `from` where the pattern stands as an attribute (after
    /// white space) or a tag.
    fn find(&mut self, p: usize, from: usize) -> Option<usize> {
        if let Some(cached) = self.next[p]
            && cached.is_none_or(|c| c >= from)
        {
            return cached;
        }
        let (pat, kind) = PATTERNS[p];
        let mut at = from;
        let found = loop {
            let Some(i) = self.html[at..].find(pat).map(|i| i + at) else { break None };
            let standalone = kind == Kind::Style || self.html[..i].ends_with(|c: char| c.is_ascii_whitespace());
            if standalone {
                break Some(i);
            }
            at = i + pat.len();
        };
        self.next[p] = Some(found);
        found
    }

    /// `(kind, value start, value end)` of the next value at or after `from`.
    fn next_value(&mut self, from: usize) -> Option<(Kind, usize, usize)> {
        let (p, i) = (0..PATTERNS.len()).filter_map(|p| self.find(p, from).map(|i| (p, i))).min_by_key(|&(_, i)| i)?;
        let (pat, kind) = PATTERNS[p];
        let start = i + pat.len();
        let end = match kind {
            Kind::Style => {
                let body = start + self.html[start..].find('>')? + 1;
                let close = self.html[body..].find("</style").map_or(self.html.len(), |c| c + body);
                return Some((kind, body, close));
            }
            _ => start + self.html[start..].find('"')?,
        };
        Some((kind, start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of link loa writes, from a page two folders deep; the kit holds pages under
    /// `hmn/` and the files `hmn/a/qr.svg`, `_img/x-480.png`, `fonts/f.woff2`.
    #[test]
    fn links_work_from_disk_or_go_online() {
        let dir = "hmn/a";
        let mut choose = |r: &Resolved| {
            let local = if r.is_folder() {
                r.path.starts_with("hmn/")
            } else {
                ["hmn/a/qr.svg", "_img/x-480.png", "_img/x-960.png", "fonts/f.woff2", "tai lieu.pdf"]
                    .contains(&r.file.as_str())
            };
            if local { Choice::Local } else { Choice::Online(format!("https://x.vn/{}", r.path)) }
        };
        let cases = [
            (r#"<a href="../b/">"#, r#"<a href="../b/index.html">"#),
            (r#"<a href="./">"#, r#"<a href="index.html">"#),
            (r#"<a href="../">"#, r#"<a href="../index.html">"#),
            (r#"<a href="../b/#dau-hieu">"#, r#"<a href="../b/index.html#dau-hieu">"#),
            (r#"<a href="../../">"#, r#"<a href="https://x.vn/">"#),
            (r#"<a href="../../vi-page/">"#, r#"<a href="https://x.vn/vi-page/">"#),
            (r#"<a href="/hmn/b/">"#, r#"<a href="../b/index.html">"#),
            (r#"<img src="qr.svg" alt="">"#, r#"<img src="qr.svg" alt="">"#),
            (r#"<a href="../../atom.xml">"#, r#"<a href="https://x.vn/atom.xml">"#),
            (r#"<a href="../../tai%20lieu.pdf">"#, r#"<a href="../../tai%20lieu.pdf">"#),
            (r##"<a href="#main">"##, r##"<a href="#main">"##),
            (r#"<a href="tel:111">"#, r#"<a href="tel:111">"#),
            (r#"<a href="https://a.vn/">"#, r#"<a href="https://a.vn/">"#),
            (
                r#"<img srcset="../../_img/x-480.png 480w, ../../_img/x-960.png 960w" data-src="y/">"#,
                r#"<img srcset="../../_img/x-480.png 480w, ../../_img/x-960.png 960w" data-src="y/">"#,
            ),
            (
                r#"<style>@font-face{src:url(../../fonts/f.woff2) format("woff2")}</style>"#,
                r#"<style>@font-face{src:url(../../fonts/f.woff2) format("woff2")}</style>"#,
            ),
            (
                r#"<style>a{background:url("../../x.png")}</style>"#,
                r#"<style>a{background:url("https://x.vn/x.png")}</style>"#,
            ),
            // Text is escaped (`"` is `&quot;`), so it never looks like an attribute.
            (r#"<pre>url(../x) href=&quot;../b/&quot;</pre>"#, r#"<pre>url(../x) href=&quot;../b/&quot;</pre>"#),
        ];
        for (html, want) in cases {
            assert_eq!(rewrite(html, dir, &mut choose), want, "{html}");
        }
    }

    #[test]
    fn resolving_never_climbs_out_of_the_site() {
        assert_eq!(resolve("a", "../../x"), None);
        assert_eq!(resolve("", "x/?p=1").map(|r| (r.path, r.suffix)), Some(("x/".into(), "?p=1".into())));
        assert_eq!(resolve("a/b", "..").map(|r| r.path), Some("a/".into()));
        assert_eq!(resolve("a", "%C4%91.txt").map(|r| r.file), Some("a/đ.txt".into()));
    }
}
