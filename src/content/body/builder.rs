//! pulldown-cmark's events → the body tree, keeping what the parser reports: heading levels,
//! ids and classes, tight and loose lists, code info strings, link kinds and titles (issue 19).
//!
//! Two things are decided here, once, for every output (issue 10):
//! - Nesting is bounded while the tree is built: a quote, list, footnote, emphasis, link or image
//!   inside another counts one level, and a body deeper than [`MAX_NESTING`] (or with raw HTML
//!   deeper than [`MAX_HTML_NESTING`]) is refused with the place where it gets too deep. So no walk
//!   over the tree (web, print, broadcast, word count, dropping the tree) can run out of stack.
//! - Raw HTML: text inside an element no reader sees (`<script>` …) is kept only as HTML (the web
//!   writes it, and the sanitizer removes it; print and the ear never read HTML), and a `<br>` or a
//!   block tag between two words is a break between them in every output.

use super::raw_html::{self, Fed, HtmlScan, MAX_HTML_NESTING};
use super::{
    Align, Block, CodeBlock, Footnote, FootnoteRef, Heading, Image, Inline, Link, LinkKind, MAX_NESTING, Table,
    alt_text,
};
use crate::diag::Diagnostic;
use crate::msg;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Tag, TagEnd};

pub(super) struct Builder<'a> {
    stack: Vec<Open>,
    root: Vec<Block>,
    table: Option<TableState>,
    /// Open containers that count towards [`MAX_NESTING`].
    nesting: usize,
    html: HtmlScan,
    /// Where the element of [`raw_html::HIDDEN`] that hides the text at this point began.
    hidden_since: Option<usize>,
    at: Positions<'a>,
    /// Emptied frames, kept for the next container: each container's content is gathered in
    /// one of these and then moved into a vector of exactly its length. Growing each container's
    /// own vector left a paragraph of one text holding room for four, and the bodies of a
    /// 15,000-page site took 440 MB instead of about half of that (issue 16).
    spare_inlines: Vec<Vec<Inline>>,
    spare_blocks: Vec<Vec<Block>>,
}

/// A container whose end has not come yet.
struct Open {
    pending: Pending,
    frame: Frame,
    counts: bool,
    /// Raw HTML depth when it began: a paragraph's end closes the inline tags left open in it.
    html_depth: usize,
}

enum Frame {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
}

enum Pending {
    Heading {
        level: u8,
        id: String,
        classes: Vec<String>,
        attrs: Vec<(String, String)>,
    },
    Paragraph,
    List {
        ordered: bool,
        start: u64,
        loose: bool,
        items: Vec<Vec<Block>>,
    },
    Item,
    Quote,
    /// `hidden`: the block lies inside `<script>` or the like; its text must not be read.
    Code {
        info: String,
        text: String,
        hidden: bool,
    },
    Strong,
    Emph,
    Strike,
    Link {
        kind: LinkKind,
        url: String,
        title: String,
        line: usize,
        col: usize,
    },
    Image {
        url: String,
        title: String,
        line: usize,
        col: usize,
    },
    Footnote {
        label: String,
    },
    TableCell,
    HtmlBlock(String),
}

struct TableState {
    align: Vec<Align>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    in_head: bool,
}

impl<'a> Builder<'a> {
    pub fn new(markdown: &'a str, first_line: usize) -> Self {
        Builder {
            stack: Vec::new(),
            root: Vec::new(),
            table: None,
            nesting: 0,
            html: HtmlScan::default(),
            hidden_since: None,
            at: Positions::new(markdown, first_line),
            spare_inlines: Vec::new(),
            spare_blocks: Vec::new(),
        }
    }

    /// One event, starting at byte `at` of the Markdown. An error ends the parse.
    pub fn event(&mut self, event: Event<'_>, at: usize) -> Result<(), Diagnostic> {
        match event {
            Event::Start(tag) => return self.start(tag, at),
            Event::End(end) => self.end(end),
            Event::Text(t) => self.text(&t),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                if self.html.hidden() {
                    self.hidden_html("<code>", &t, "</code>");
                } else {
                    self.inline(Inline::Code { text: t.into_string() });
                }
            }
            Event::Html(h) => return self.html_block_text(&h, at),
            Event::InlineHtml(h) => return self.inline_html(&h, at),
            Event::FootnoteReference(label) if !self.html.hidden() => self
                .inline(Inline::FootnoteRef(Box::new(FootnoteRef { label: label.into_string(), id: String::new() }))),
            Event::SoftBreak if !self.html.hidden() => self.inline(Inline::SoftBreak),
            Event::HardBreak if !self.html.hidden() => self.inline(Inline::HardBreak),
            Event::SoftBreak => self.hidden_html("", "\n", ""),
            Event::HardBreak => self.hidden_html("<br>", "\n", ""),
            Event::FootnoteReference(_) => {}
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => {
                self.inline(Inline::Text { text: if done { "☑ " } else { "☐ " }.into() })
            }
        }
        Ok(())
    }

    /// The tree, and a warning when a `<script>`, `<style>` … is never closed: the browser hides
    /// everything after it, and so does every other output.
    pub fn finish(mut self) -> (Vec<Block>, Option<Diagnostic>) {
        let warning = self.hidden_since.filter(|_| self.html.hidden()).map(|at| {
            let (line, col) = self.at.line_col(at);
            Diagnostic::warning("html", msg!("html-unclosed")).at(line, col).with_hint(msg!("html-unclosed-hint"))
        });
        let root = exact_blocks(std::mem::take(&mut self.root), &mut self.spare_blocks);
        (root, warning)
    }

    /// Feeds raw HTML to the scanner, noting where a hidden element begins.
    fn feed(&mut self, html: &str, at: usize) -> Fed {
        let was_hidden = self.html.hidden();
        let fed = self.html.feed(html);
        match (was_hidden, self.html.hidden()) {
            (false, true) => self.hidden_since = Some(at),
            (true, false) => self.hidden_since = None,
            _ => {}
        }
        fed
    }

    fn start(&mut self, tag: Tag<'_>, at: usize) -> Result<(), Diagnostic> {
        let blocks = || Frame::Blocks(Vec::new());
        let inlines = || Frame::Inlines(Vec::new());
        let (pending, frame, counts) = match tag {
            Tag::Heading { level, id, classes, attrs } => (
                Pending::Heading {
                    level: heading_level(level),
                    id: id.map(|s| s.into_string()).unwrap_or_default(),
                    classes: classes.into_iter().map(|c| c.into_string()).collect(),
                    attrs: attrs
                        .into_iter()
                        .map(|(k, v)| (k.into_string(), v.map(|v| v.into_string()).unwrap_or_default()))
                        .collect(),
                },
                inlines(),
                false,
            ),
            Tag::Paragraph => {
                self.mark_loose();
                (Pending::Paragraph, inlines(), false)
            }
            Tag::List(start) => (
                Pending::List { ordered: start.is_some(), start: start.unwrap_or(1), loose: false, items: Vec::new() },
                blocks(),
                true,
            ),
            Tag::Item => (Pending::Item, blocks(), false),
            Tag::BlockQuote(_) => (Pending::Quote, blocks(), true),
            Tag::CodeBlock(kind) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                (Pending::Code { info, text: String::new(), hidden: self.html.hidden() }, inlines(), false)
            }
            Tag::HtmlBlock => (Pending::HtmlBlock(String::new()), inlines(), false),
            Tag::Strong => (Pending::Strong, inlines(), true),
            Tag::Emphasis => (Pending::Emph, inlines(), true),
            Tag::Strikethrough => (Pending::Strike, inlines(), true),
            Tag::Link { link_type, dest_url, title, .. } => {
                let kind = link_kind(link_type);
                // `<lienhe@xa.gov.vn>` is an e-mail address: the tree holds the address it opens.
                let url = if kind == LinkKind::Email { format!("mailto:{dest_url}") } else { dest_url.into_string() };
                let (line, col) = self.at.line_col(at);
                (Pending::Link { kind, url, title: title.into_string(), line, col }, inlines(), true)
            }
            Tag::Image { dest_url, title, .. } => {
                let (line, col) = self.at.line_col(at);
                (Pending::Image { url: dest_url.into_string(), title: title.into_string(), line, col }, inlines(), true)
            }
            Tag::FootnoteDefinition(label) => (Pending::Footnote { label: label.into_string() }, blocks(), true),
            Tag::Table(align) => {
                self.table = Some(TableState {
                    align: align.into_iter().map(convert_align).collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                });
                return Ok(());
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
                return Ok(());
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
                return Ok(());
            }
            Tag::TableCell => (Pending::TableCell, inlines(), false),
            // Definition lists, metadata blocks, math, sub/superscript are not enabled.
            _ => (Pending::Paragraph, inlines(), false),
        };
        if counts {
            self.nesting += 1;
            if self.nesting > MAX_NESTING {
                return Err(self.too_deep(at));
            }
        }
        let frame = match frame {
            Frame::Blocks(_) => Frame::Blocks(self.spare_blocks.pop().unwrap_or_default()),
            Frame::Inlines(_) => Frame::Inlines(self.spare_inlines.pop().unwrap_or_default()),
        };
        self.stack.push(Open { pending, frame, counts, html_depth: self.html.depth() });
        Ok(())
    }

    /// A paragraph straight inside a list item makes the list loose: pulldown-cmark leaves out
    /// the paragraphs of tight lists (CommonMark 0.31.2, "Lists": tight and loose).
    fn mark_loose(&mut self) {
        if let [.., list, item] = self.stack.as_mut_slice()
            && let (Pending::List { loose, .. }, Pending::Item) = (&mut list.pending, &item.pending)
        {
            *loose = true;
        }
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.block(Block::Table(Box::new(Table { align: t.align, head: t.head, rows: t.rows })));
                }
                return;
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = false;
                }
                return;
            }
            TagEnd::TableRow => return,
            _ => {}
        }
        let Some(open) = self.stack.pop() else { return };
        if open.counts {
            self.nesting -= 1;
        }
        if matches!(open.pending, Pending::Paragraph | Pending::Heading { .. } | Pending::TableCell) {
            self.html.close_inline(open.html_depth);
        }
        let (inlines, blocks) = match open.frame {
            Frame::Inlines(v) => (exact_inlines(v, &mut self.spare_inlines), Vec::new()),
            Frame::Blocks(v) => (Vec::new(), exact_blocks(v, &mut self.spare_blocks)),
        };
        match open.pending {
            Pending::Heading { level, id, classes, attrs } => {
                self.block(Block::Heading(Box::new(Heading { level, id, classes, attrs, content: inlines })))
            }
            Pending::Paragraph => self.block(Block::Paragraph { content: inlines }),
            Pending::List { ordered, start, loose, mut items } => {
                items.shrink_to_fit();
                self.block(Block::List { ordered, start, tight: !loose, items })
            }
            Pending::Item => {
                if let Some(Open { pending: Pending::List { items, .. }, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Pending::Quote => self.block(Block::Quote { content: blocks }),
            Pending::Footnote { label } => {
                self.block(Block::Footnote(Box::new(Footnote { label, id: String::new(), content: blocks })))
            }
            Pending::Code { text, hidden: true, .. } => {
                let mut html = String::from("<pre><code>");
                raw_html::escape_into(&mut html, &text);
                html.push_str("</code></pre>\n");
                self.block(Block::Html { html })
            }
            Pending::Code { info, text, hidden: false } => self.block(Block::Code(Box::new(CodeBlock { info, text }))),
            Pending::HtmlBlock(html) => {
                self.html.end_fragment();
                self.block(Block::Html { html })
            }
            Pending::Strong => self.inline(Inline::Strong { content: inlines }),
            Pending::Emph => self.inline(Inline::Emph { content: inlines }),
            Pending::Strike => self.inline(Inline::Strike { content: inlines }),
            Pending::Link { kind, url, title, line, col } => {
                self.inline(Inline::Link(Box::new(Link { kind, url, title, content: inlines, line, col })))
            }
            Pending::Image { url, title, line, col } => {
                let alt = alt_text(&inlines);
                self.inline(Inline::Image(Box::new(Image { url, alt, title, line, col })))
            }
            Pending::TableCell => {
                if let Some(t) = &mut self.table {
                    if t.in_head {
                        t.head.push(inlines);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(inlines);
                    }
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some(Open { pending: Pending::Code { text: buf, .. } | Pending::HtmlBlock(buf), .. }) => buf.push_str(text),
            _ if self.html.hidden() => self.hidden_html("", text, ""),
            _ => self.inline(Inline::Text { text: text.to_string() }),
        }
    }

    /// Text inside `<script>`, `<style>` …, kept as (escaped) HTML: the web page is as before
    /// (the sanitizer removes the element with its content), and no other output reads it.
    fn hidden_html(&mut self, open: &str, text: &str, close: &str) {
        let mut html = String::from(open);
        raw_html::escape_into(&mut html, text);
        html.push_str(close);
        self.inline(Inline::Html { html });
    }

    fn html_block_text(&mut self, html: &str, at: usize) -> Result<(), Diagnostic> {
        let fed = self.feed(html, at);
        self.check_html_depth(fed, at)?;
        match self.stack.last_mut() {
            Some(Open { pending: Pending::HtmlBlock(buf), .. }) => buf.push_str(html),
            _ => self.block(Block::Html { html: html.to_string() }),
        }
        Ok(())
    }

    fn inline_html(&mut self, html: &str, at: usize) -> Result<(), Diagnostic> {
        let was_hidden = self.html.hidden();
        let fed = self.feed(html, at);
        self.check_html_depth(fed, at)?;
        let shown = !was_hidden && !self.html.hidden();
        if shown && raw_html::is_line_break(html) {
            // `ngay<br>miễn phí`: a line break in every output (the web writes `<br>`).
            self.inline(Inline::HardBreak);
            return Ok(());
        }
        self.inline(Inline::Html { html: html.to_string() });
        if shown && fed.breaks_words {
            // `<p>`, `<td>`, `<img>` … between words: a space for the ear and print; on the web a
            // line break after a block tag shows nothing.
            self.inline(Inline::SoftBreak);
        }
        Ok(())
    }

    fn check_html_depth(&mut self, fed: Fed, at: usize) -> Result<(), Diagnostic> {
        match fed.too_deep_at {
            None => Ok(()),
            Some(offset) => {
                let (line, col) = self.at.line_col(at + offset);
                Err(Diagnostic::error("nesting", msg!("html-too-deep", max = MAX_HTML_NESTING))
                    .at(line, col)
                    .with_hint(msg!("html-too-deep-hint")))
            }
        }
    }

    fn too_deep(&mut self, at: usize) -> Diagnostic {
        let (line, col) = self.at.line_col(at);
        Diagnostic::error("nesting", msg!("body-too-deep", max = MAX_NESTING))
            .at(line, col)
            .with_hint(msg!("body-too-deep-hint", max = MAX_NESTING))
    }

    fn inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Open { frame: Frame::Inlines(v), .. }) => push_merged(v, inline),
            Some(Open { frame: Frame::Blocks(v), .. }) => match v.last_mut() {
                // Inline content straight inside a list item (a tight list holds no paragraphs).
                Some(Block::Paragraph { content }) => push_merged(content, inline),
                _ => v.push(Block::Paragraph { content: vec![inline] }),
            },
            None => self.root.push(Block::Paragraph { content: vec![inline] }),
        }
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Open { frame: Frame::Blocks(v), .. }) => v.push(block),
            Some(Open { frame: Frame::Inlines(_), .. }) => {} // cannot happen in CommonMark; dropped safely
            None => self.root.push(block),
        }
    }
}

/// `scratch`'s inlines in a vector of their own length, texts without spare room; `scratch`
/// goes back to `spare`, empty, for the next container.
fn exact_inlines(mut scratch: Vec<Inline>, spare: &mut Vec<Vec<Inline>>) -> Vec<Inline> {
    let mut exact = Vec::with_capacity(scratch.len());
    exact.append(&mut scratch);
    spare.push(scratch);
    tighten_texts(&mut exact);
    exact
}

/// [`exact_inlines`] for blocks; the paragraphs of a tight list item, built here one inline at a
/// time, are tightened too.
fn exact_blocks(mut scratch: Vec<Block>, spare: &mut Vec<Vec<Block>>) -> Vec<Block> {
    let mut exact = Vec::with_capacity(scratch.len());
    exact.append(&mut scratch);
    spare.push(scratch);
    for block in &mut exact {
        if let Block::Paragraph { content } = block {
            content.shrink_to_fit();
            tighten_texts(content);
        }
    }
    exact
}

/// Merged text runs grew by doubling (see [`push_merged`]).
fn tighten_texts(inlines: &mut [Inline]) {
    for inline in inlines {
        if let Inline::Text { text } = inline {
            text.shrink_to_fit();
        }
    }
}

/// Adjacent text runs are merged (pulldown-cmark splits text at entities and brackets).
fn push_merged(v: &mut Vec<Inline>, inline: Inline) {
    if let (Some(Inline::Text { text: prev }), Inline::Text { text }) = (v.last_mut(), &inline) {
        prev.push_str(text);
        return;
    }
    v.push(inline);
}

fn link_kind(t: LinkType) -> LinkKind {
    match t {
        LinkType::Autolink => LinkKind::Autolink,
        LinkType::Email => LinkKind::Email,
        LinkType::Inline => LinkKind::Inline,
        _ => LinkKind::Reference,
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn convert_align(a: Alignment) -> Align {
    match a {
        Alignment::None => Align::None,
        Alignment::Left => Align::Left,
        Alignment::Center => Align::Center,
        Alignment::Right => Align::Right,
    }
}

/// Byte offset → one-based file line and column (in characters).
struct Positions<'a> {
    text: &'a str,
    starts: Vec<usize>,
    first_line: usize,
    /// The last answer (offset, its column): events come in document order, so the next column is
    /// counted on from there instead of from the line's start (a long line stays linear).
    last: (usize, usize),
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Positions { text, starts, first_line, last: (0, 1) }
    }

    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let line_start = self.starts[idx];
        let (from, col) = if self.last.0 >= line_start && self.last.0 <= offset { self.last } else { (line_start, 1) };
        let col = col + self.text.get(from..offset).map_or(0, |s| s.chars().count());
        self.last = (offset, col);
        (idx + self.first_line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn positions_count_characters() {
        let text = "ab\nGọi [x](y) [z](w)\n";
        let mut p = Positions::new(text, 10);
        assert_eq!(p.line_col(0), (10, 1));
        let x = text.find("[x]").unwrap();
        assert_eq!(p.line_col(x), (11, 5));
        assert_eq!(p.line_col(text.find("[z]").unwrap()), (11, 12));
        assert_eq!(p.line_col(x), (11, 5), "going back counts from the line's start");
    }
}
