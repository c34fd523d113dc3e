//! Body tree → HTML. Text and attributes are escaped here; raw HTML from the Markdown passes
//! through and the whole body is then sanitized (see [`super::sanitize`]). Links to `.md` files
//! become relative addresses in the reader's language.

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
            Block::Heading { level, id, content } => {
                // The page title is the h1; body headings start at h2.
                let level = (*level).clamp(2, 6);
                self.out.push_str(&format!("<h{level} id=\""));
                escape_into(&mut self.out, id);
                self.out.push_str("\">");
                self.inlines(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            Block::Paragraph { content } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::List { ordered, start, items } => {
                match (ordered, start) {
                    (true, 1) => self.out.push_str("<ol>\n"),
                    (true, n) => self.out.push_str(&format!("<ol start=\"{n}\">\n")),
                    (false, _) => self.out.push_str("<ul>\n"),
                }
                for item in items {
                    self.out.push_str("<li>");
                    self.list_item(item);
                    self.out.push_str("</li>\n");
                }
                self.out.push_str(if *ordered { "</ol>\n" } else { "</ul>\n" });
            }
            Block::Table { align, head, rows } => self.table(align, head, rows),
            Block::Quote { content } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(content);
                self.out.push_str("</blockquote>\n");
            }
            Block::Code { text, .. } => {
                self.out.push_str("<pre><code>");
                escape_into(&mut self.out, text);
                self.out.push_str("</code></pre>\n");
            }
            Block::Html { html } => self.out.push_str(html),
            Block::Rule => self.out.push_str("<hr>\n"),
            Block::Footnote { label, content } => {
                self.out.push_str("<div class=\"footnote\" id=\"fn-");
                escape_into(&mut self.out, &crate::slug::slugify(label));
                self.out.push_str("\"><sup>");
                escape_into(&mut self.out, label);
                self.out.push_str("</sup> ");
                self.blocks(content);
                self.out.push_str("</div>\n");
            }
        }
    }

    /// A single-paragraph item is written without `<p>` (tight list).
    fn list_item(&mut self, item: &[Block]) {
        match item {
            [Block::Paragraph { content }] => self.inlines(content),
            _ => self.blocks(item),
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
            Inline::Link { url, title, content, .. } => self.link(url, title, content),
            Inline::Image { url, alt, title, .. } => self.image(url, alt, title),
            Inline::Html { html } => self.out.push_str(html),
            Inline::FootnoteRef { label } => {
                self.out.push_str("<sup class=\"fn\"><a href=\"#fn-");
                escape_into(&mut self.out, &crate::slug::slugify(label));
                self.out.push_str("\">");
                escape_into(&mut self.out, label);
                self.out.push_str("</a></sup>");
            }
            Inline::SoftBreak => self.out.push('\n'),
            Inline::HardBreak => self.out.push_str("<br>\n"),
        }
    }

    fn link(&mut self, url: &str, title: &str, content: &[Inline]) {
        let (href, lang) = match links::resolve(self.site, self.page, url) {
            Ok(Target::Unsafe) => {
                // The text stays; the dangerous address does not.
                self.inlines(content);
                return;
            }
            Ok(Target::Page { id, anchor, fallback }) => {
                let target = &self.site.pages[id];
                let mut href = links::relative_url(self.from_dir, &target.url_path());
                if let Some(a) = anchor {
                    href.push('#');
                    href.push_str(&a);
                }
                (href, fallback.then(|| target.lang().to_string()))
            }
            Ok(Target::File { path }) => (self.file_url(&path).unwrap_or_else(|| url.to_string()), None),
            // A broken link keeps its address; `loa check` reports it.
            Ok(Target::External | Target::Anchor(_)) | Err(_) => (url.to_string(), None),
        };
        self.out.push_str("<a href=\"");
        escape_into(&mut self.out, &href);
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
                self.file_url(&path).unwrap_or_else(|| url.to_string())
            }
            _ => url.to_string(),
        };
        self.out.push_str("<img src=\"");
        escape_into(&mut self.out, &src);
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

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}
