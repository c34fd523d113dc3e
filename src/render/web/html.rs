//! Body tree → HTML, as CommonMark 0.31.2 writes it (issue 19) except where loa differs on
//! purpose: heading ids, footnote and table markup, links to `.md` files and local files written
//! as addresses relative to the page (in the reader's language), pictures with `srcset`, and raw
//! HTML sanitized (see [`super::sanitize`]). Text and attributes are escaped here, addresses
//! percent-encoded.

use crate::content::body::{Align, Block, Inline};
use crate::content::links::{self, Target};
use crate::content::{PageId, Site};
use crate::render::images::{ImageMap, Processed, process::Kind};

pub struct HtmlWriter<'a> {
    site: &'a Site,
    images: &'a ImageMap,
    page: PageId,
    /// Output folder of the page, for relative links.
    from_dir: &'a str,
    out: String,
}

impl<'a> HtmlWriter<'a> {
    pub fn new(site: &'a Site, images: &'a ImageMap, page: PageId) -> Self {
        let from_dir = site.pages[page].path.as_str();
        HtmlWriter { site, images, page, from_dir, out: String::with_capacity(8 * 1024) }
    }

    pub fn body(mut self, blocks: &[Block]) -> String {
        self.blocks(blocks);
        self.out
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Heading(h) => self.heading(h.level, &h.id, &h.classes, &h.attrs, &h.content),
            Block::Paragraph { content } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::List { ordered, start, tight, items } => {
                match (ordered, start) {
                    (true, 1) => self.out.push_str("<ol>\n"),
                    (true, n) => self.out.push_str(&format!("<ol start=\"{n}\">\n")),
                    (false, _) => self.out.push_str("<ul>\n"),
                }
                for item in items {
                    self.out.push_str("<li>");
                    if *tight {
                        self.tight_item(item)
                    } else {
                        self.blocks(item)
                    }
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Table(t) => self.table(&t.align, &t.head, &t.rows),
            Block::Quote { content } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(content);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code(code) => {
                let (info, text) = (&code.info, &code.text);
                // The info string's first word names the language (CommonMark: "Fenced code blocks").
                match info.split_whitespace().next() {
                    Some(lang) => {
                        self.out.push_str("<pre><code class=\"language-");
                        escape_into(&mut self.out, lang);
                        self.out.push_str("\">");
                    }
                    None => self.out.push_str("<pre><code>"),
                }
                escape_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Html { html } => self.out.push_str(html),
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Footnote(note) => {
                self.out.push_str("<div class=\"footnote\" id=\"");
                escape_into(&mut self.out, &note.id);
                self.out.push_str("\"><sup>");
                escape_into(&mut self.out, &note.label);
                self.out.push_str("</sup> ");
                self.blocks(&note.content);
                self.out.push_str("</div>\n");
            }
        }
    }

    /// `<h2 id="…" class="…" lang="…">`: the level as written (the page title is the template's
    /// `<h1>`, so pages start their own headings at `##`). Of the `{key=value}` attributes only
    /// `lang` and `dir` are written: a heading in another language says so (every output carries
    /// the right `lang`), and no attribute can carry a script (`onclick=…`) past the sanitizer.
    fn heading(&mut self, level: u8, id: &str, classes: &[String], attrs: &[(String, String)], content: &[Inline]) {
        let level = level.clamp(1, 6);
        self.out.push_str(&format!("<h{level} id=\""));
        escape_into(&mut self.out, id);
        self.out.push('"');
        if !classes.is_empty() {
            self.out.push_str(" class=\"");
            escape_into(&mut self.out, &classes.join(" "));
            self.out.push('"');
        }
        for (key, value) in attrs.iter().filter(|(k, _)| k == "lang" || k == "dir") {
            self.out.push_str(&format!(" {key}=\""));
            escape_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self.inlines(content);
        self.out.push_str(&format!("</h{level}>\n"));
    }

    /// An item of a tight list: its paragraphs without `<p>` (CommonMark: "Lists").
    fn tight_item(&mut self, item: &[Block]) {
        for (i, block) in item.iter().enumerate() {
            match block {
                Block::Paragraph { content } => {
                    self.inlines(content);
                    if i + 1 < item.len() {
                        self.out.push('\n');
                    }
                }
                other => self.block(other),
            }
        }
    }

    fn table(&mut self, align: &[Align], head: &[Vec<Inline>], rows: &[Vec<Vec<Inline>>]) {
        self.out.push_str("<div class=\"table\"><table>\n<thead><tr>");
        for (i, cell) in head.iter().enumerate() {
            self.cell("th", align.get(i), cell);
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.cell("td", align.get(i), cell);
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</tbody></table></div>\n");
    }

    fn cell(&mut self, tag: &str, align: Option<&Align>, content: &[Inline]) {
        let style = match align {
            Some(Align::Left) => " class=\"al\"",
            Some(Align::Center) => " class=\"ac\"",
            Some(Align::Right) => " class=\"ar\"",
            _ => "",
        };
        self.out.push_str(&format!("<{tag}{style}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }

    fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        self.out.push_str(&format!("<{tag}>"));
        self.inlines(content);
        self.out.push_str(&format!("</{tag}>"));
    }

    fn inline(&mut self, inline: &Inline) {
        match inline {
            Inline::Text { text } => escape_into(&mut self.out, text),
            Inline::Strong { content } => self.wrap("strong", content),
            Inline::Emph { content } => self.wrap("em", content),
            Inline::Strike { content } => self.wrap("del", content),
            Inline::Code { text } => {
                self.out.push_str("<code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code>");
            }
            Inline::Link(link) => self.link(&link.url, &link.title, &link.content),
            Inline::Image(image) => self.image(&image.url, &image.alt, &image.title),
            Inline::Html { html } => self.out.push_str(html),
            Inline::FootnoteRef(r) if !r.id.is_empty() => {
                self.out.push_str("<sup class=\"fn\"><a href=\"#");
                escape_into(&mut self.out, &r.id);
                self.out.push_str("\">");
                escape_into(&mut self.out, &r.label);
                self.out.push_str("</a></sup>");
            }
            Inline::FootnoteRef(r) => {
                self.out.push_str("<sup class=\"fn\">");
                escape_into(&mut self.out, &r.label);
                self.out.push_str("</sup>");
            }
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
        }
    }

    fn link(&mut self, url: &str, title: &str, content: &[Inline]) {
        let (href, lang) = match links::resolve(self.site, self.page, url) {
            Ok(Target::Unsafe) => {
                // The text stays; an address loa does not publish (README: "Safety") does not.
                self.inlines(content);
                return;
            }
            Ok(Target::Page { id, fallback, .. }) => {
                let target = &self.site.pages[id];
                let mut href = links::relative_url(self.from_dir, &target.url_path());
                href.push_str(local_suffix(url).0);
                (href, fallback.then(|| target.lang().to_string()))
            }
            Ok(Target::File { path }) => (self.local_file_url(&path, url), None),
            // A broken link keeps its address; `loa check` reports it.
            Ok(Target::External | Target::Anchor(_)) | Err(_) => (url.to_string(), None),
        };
        self.out.push_str("<a href=\"");
        escape_href_into(&mut self.out, &href);
        self.out.push('"');
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            escape_into(&mut self.out, title);
            self.out.push('"');
        }
        if let Some(lang) = lang {
            self.out.push_str(" hreflang=\"");
            escape_into(&mut self.out, &lang);
            self.out.push('"');
        }
        self.out.push('>');
        self.inlines(content);
        self.out.push_str("</a>");
    }

    fn image(&mut self, url: &str, alt: &str, title: &str) {
        let src = match links::resolve(self.site, self.page, url) {
            Ok(Target::Unsafe) => return,
            Ok(Target::File { path }) => {
                if let Some(p) = self.images.get(&path) {
                    return self.processed_image(p, alt, title);
                }
                self.local_file_url(&path, url)
            }
            _ => url.to_string(),
        };
        self.out.push_str("<img src=\"");
        escape_href_into(&mut self.out, &src);
        self.out.push_str("\" alt=\"");
        escape_into(&mut self.out, alt);
        self.out.push('"');
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            escape_into(&mut self.out, title);
            self.out.push('"');
        }
        self.out.push_str(" loading=\"lazy\" decoding=\"async\">");
    }

    /// The address of a local file relative to the page, keeping what the link wrote after the
    /// path (`to-roi.pdf?v=2#page=2`) and a trailing `/` (`/tin-tuc/`) (issue 19).
    fn local_file_url(&self, path: &std::path::Path, url: &str) -> String {
        let Some(mut href) = self.file_url(path) else { return url.to_string() };
        let (suffix, slash) = local_suffix(url);
        if slash && !href.ends_with('/') {
            href.push('/');
        }
        href.push_str(suffix);
        href
    }

    /// `<picture>` with a WebP source only when the step made one (it saves bytes); `srcset`
    /// lets a 240 px phone fetch the 480 px file; width and height keep the layout from jumping.
    fn processed_image(&mut self, p: &Processed, alt: &str, title: &str) {
        let Some(main) = p.fallback() else { return };
        let srcset = |kind: Kind| {
            p.variants
                .iter()
                .filter(|v| v.kind == kind)
                .map(|v| format!("{} {}w", links::relative_url(self.from_dir, &v.rel), v.width))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let sizes = "(max-width: 42rem) 100vw, 42rem";
        let webp = srcset(Kind::Webp);
        if !webp.is_empty() {
            self.out.push_str(&format!(
                "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
                escape(&webp)
            ));
        }
        let src = links::relative_url(self.from_dir, &main.rel);
        self.out.push_str(&format!(
            "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" alt=\"{}\"",
            escape(&src),
            escape(&srcset(main.kind)),
            main.width,
            main.height,
            escape(alt)
        ));
        if !title.is_empty() {
            self.out.push_str(&format!(" title=\"{}\"", escape(title)));
        }
        self.out.push_str(" loading=\"lazy\" decoding=\"async\">");
        if !webp.is_empty() {
            self.out.push_str("</picture>");
        }
    }

    /// Files under `static/` land at the root of OUT; files beside the content keep their
    /// place under `content/` (copied by the web renderer).
    fn file_url(&self, path: &std::path::Path) -> Option<String> {
        let rel = path.to_str()?;
        let target = rel.strip_prefix("static/").or_else(|| rel.strip_prefix("content/"))?;
        Some(links::relative_url(self.from_dir, target))
    }
}

/// What a local address has after its path (`?v=2#page=2`, as written), and whether its path
/// ends with `/`.
fn local_suffix(url: &str) -> (&str, bool) {
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    (&url[cut..], url[..cut].ends_with('/'))
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

pub fn escape_into(out: &mut String, s: &str) {
    crate::content::body::raw_html::escape_into(out, s);
}

/// Writes an address into an attribute as CommonMark's reference writer does: characters that
/// may stand in a URL stay (RFC 3986's unreserved and reserved ones except `[` `]`, and `%`, so
/// an address already encoded stays as it is), every other byte is percent-encoded (`föö` →
/// `f%C3%B6%C3%B6`, a space → `%20`), and `&` `'` are escaped for HTML.
fn escape_href_into(out: &mut String, url: &str) {
    const KEEP: &[u8] = b"-_.~!*();:@=+$,/?#%";
    for &b in url.as_bytes() {
        match b {
            b'&' => out.push_str("&amp;"),
            b'\'' => out.push_str("&#39;"),
            b if b.is_ascii_alphanumeric() || KEEP.contains(&b) => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
}
