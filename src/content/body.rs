//! The page body as an owned tree, parsed once from Markdown and shared by every renderer.
//!
//! Web, print, broadcast and SMS all walk this tree: none of them parses Markdown again.
//! Links and images remember their line so `loa check` can point at them.

use pulldown_cmark::{Alignment, CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading {
        level: u8,
        id: String,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Table {
        align: Vec<Align>,
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
    },
    Quote {
        content: Vec<Block>,
    },
    Code {
        lang: String,
        text: String,
    },
    /// Raw HTML as written; the web renderer sanitizes it, other outputs drop it.
    Html {
        html: String,
    },
    Rule,
    Footnote {
        label: String,
        content: Vec<Block>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Link {
        url: String,
        title: String,
        content: Vec<Inline>,
        line: usize,
    },
    Image {
        url: String,
        alt: String,
        title: String,
        line: usize,
    },
    /// Inline raw HTML (sanitized on the web, dropped elsewhere).
    Html {
        html: String,
    },
    FootnoteRef {
        label: String,
    },
    SoftBreak,
    HardBreak,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// Whether any raw HTML is present: only then does the web renderer run the sanitizer.
    pub has_html: bool,
    pub word_count: usize,
}

impl Body {
    /// Parses Markdown. `first_line` is the file line of the body's first line.
    pub fn parse(markdown: &str, first_line: usize) -> Body {
        let options = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_HEADING_ATTRIBUTES;
        let lines = LineIndex::new(markdown, first_line);
        let mut builder = Builder::default();
        for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
            builder.event(event, lines.line_of(range.start));
        }
        let mut blocks = builder.finish();
        assign_heading_ids(&mut blocks);
        let word_count = count_words(&blocks);
        let has_html = contains_html(&blocks);
        Body { blocks, has_html, word_count }
    }

    /// Every heading id, for anchor checks.
    pub fn heading_ids(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { id, .. } => Some(id.as_str()),
                _ => None,
            })
            .collect()
    }

    /// Calls `f` on every inline, depth first (links, images, text), in document order.
    pub fn walk_inlines<'a>(&'a self, f: &mut dyn FnMut(&'a Inline)) {
        walk_blocks(&self.blocks, f);
    }
}

fn walk_blocks<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Inline)) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content } => walk_inline_list(content, f),
            Block::List { items, .. } => items.iter().for_each(|item| walk_blocks(item, f)),
            Block::Table { head, rows, .. } => {
                head.iter().for_each(|c| walk_inline_list(c, f));
                rows.iter().flatten().for_each(|c| walk_inline_list(c, f));
            }
            Block::Quote { content } | Block::Footnote { content, .. } => walk_blocks(content, f),
            Block::Code { .. } | Block::Html { .. } | Block::Rule => {}
        }
    }
}

fn walk_inline_list<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    for inline in inlines {
        f(inline);
        match inline {
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => walk_inline_list(content, f),
            _ => {}
        }
    }
}

/// Plain text of inlines: what a listener hears or a search engine indexes.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Link { content, .. } => push_plain(content, out),
            // Spaces keep an image's alt text from running into the words around it.
            Inline::Image { alt, .. } => {
                out.push(' ');
                out.push_str(alt);
                out.push(' ');
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            Inline::Html { .. } | Inline::FootnoteRef { .. } => {}
        }
    }
}

fn count_words(blocks: &[Block]) -> usize {
    let mut n = 0;
    walk_blocks(blocks, &mut |i| {
        if let Inline::Text { text } = i {
            n += text.split_whitespace().count();
        }
    });
    n
}

fn contains_html(blocks: &[Block]) -> bool {
    let mut found = blocks.iter().any(|b| match b {
        Block::Html { .. } => true,
        Block::List { items, .. } => items.iter().any(|i| contains_html(i)),
        Block::Quote { content } | Block::Footnote { content, .. } => contains_html(content),
        _ => false,
    });
    walk_blocks(blocks, &mut |i| found |= matches!(i, Inline::Html { .. }));
    found
}

/// Headings without an explicit `{#id}` get one from their text; duplicates get `-2`, `-3`.
fn assign_heading_ids(blocks: &mut [Block]) {
    let mut used: HashMap<String, usize> = HashMap::new();
    for block in blocks.iter_mut() {
        if let Block::Heading { id, content, .. } = block {
            let base = if id.is_empty() { crate::slug::slugify(&plain_text(content)) } else { id.clone() };
            let base = if base.is_empty() { "section".to_string() } else { base };
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            *id = if *n == 1 { base } else { format!("{base}-{n}") };
        }
    }
}

/// Byte offset → one-based file line.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { starts, first_line }
    }
    fn line_of(&self, offset: usize) -> usize {
        let idx = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        idx + self.first_line
    }
}

/// Open containers while events stream in.
enum Frame {
    Blocks(Vec<Block>),
    Inlines(Vec<Inline>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<(Pending, Frame)>,
    root: Vec<Block>,
    table: Option<TableState>,
}

enum Pending {
    Heading { level: u8, id: String },
    Paragraph,
    List { ordered: bool, start: u64, items: Vec<Vec<Block>> },
    Item,
    Quote,
    Code { lang: String, text: String },
    Strong,
    Emph,
    Strike,
    Link { url: String, title: String, line: usize },
    Image { url: String, title: String, line: usize },
    Footnote { label: String },
    TableCell,
    HtmlBlock(String),
}

struct TableState {
    align: Vec<Align>,
    head: Vec<Vec<Inline>>,
    rows: Vec<Vec<Vec<Inline>>>,
    in_head: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, line: usize) {
        match event {
            Event::Start(tag) => self.start(tag, line),
            Event::End(end) => self.end(end),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => self.inline(Inline::Code { text: t.into_string() }),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.inline(Inline::Code { text: t.into_string() }),
            Event::Html(h) => self.html_block_text(&h),
            Event::InlineHtml(h) => self.inline(Inline::Html { html: h.into_string() }),
            Event::FootnoteReference(l) => self.inline(Inline::FootnoteRef { label: l.into_string() }),
            Event::SoftBreak => self.inline(Inline::SoftBreak),
            Event::HardBreak => self.inline(Inline::HardBreak),
            Event::Rule => self.block(Block::Rule),
            Event::TaskListMarker(done) => {
                self.inline(Inline::Text { text: if done { "☑ " } else { "☐ " }.into() })
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, line: usize) {
        let (pending, frame) = match tag {
            Tag::Heading { level, id, .. } => (
                Pending::Heading { level: heading_level(level), id: id.map(|s| s.into_string()).unwrap_or_default() },
                Frame::Inlines(Vec::new()),
            ),
            Tag::Paragraph => (Pending::Paragraph, Frame::Inlines(Vec::new())),
            Tag::List(start) => (
                Pending::List { ordered: start.is_some(), start: start.unwrap_or(1), items: Vec::new() },
                Frame::Blocks(Vec::new()),
            ),
            Tag::Item => (Pending::Item, Frame::Blocks(Vec::new())),
            Tag::BlockQuote(_) => (Pending::Quote, Frame::Blocks(Vec::new())),
            Tag::CodeBlock(kind) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.into_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                (Pending::Code { lang, text: String::new() }, Frame::Inlines(Vec::new()))
            }
            Tag::HtmlBlock => (Pending::HtmlBlock(String::new()), Frame::Inlines(Vec::new())),
            Tag::Strong => (Pending::Strong, Frame::Inlines(Vec::new())),
            Tag::Emphasis => (Pending::Emph, Frame::Inlines(Vec::new())),
            Tag::Strikethrough => (Pending::Strike, Frame::Inlines(Vec::new())),
            Tag::Link { dest_url, title, .. } => (
                Pending::Link { url: dest_url.into_string(), title: title.into_string(), line },
                Frame::Inlines(Vec::new()),
            ),
            Tag::Image { dest_url, title, .. } => (
                Pending::Image { url: dest_url.into_string(), title: title.into_string(), line },
                Frame::Inlines(Vec::new()),
            ),
            Tag::FootnoteDefinition(label) => {
                (Pending::Footnote { label: label.into_string() }, Frame::Blocks(Vec::new()))
            }
            Tag::Table(align) => {
                self.table = Some(TableState {
                    align: align.into_iter().map(convert_align).collect(),
                    head: Vec::new(),
                    rows: Vec::new(),
                    in_head: false,
                });
                return;
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
                return;
            }
            Tag::TableRow => {
                if let Some(t) = &mut self.table {
                    t.rows.push(Vec::new());
                }
                return;
            }
            Tag::TableCell => (Pending::TableCell, Frame::Inlines(Vec::new())),
            // Definition lists, metadata blocks, math, sub/superscript are not enabled.
            _ => (Pending::Paragraph, Frame::Inlines(Vec::new())),
        };
        self.stack.push((pending, frame));
    }

    fn end(&mut self, end: TagEnd) {
        match end {
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.block(Block::Table { align: t.align, head: t.head, rows: t.rows });
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
        let Some((pending, frame)) = self.stack.pop() else { return };
        let inlines = || match &frame {
            Frame::Inlines(v) => v.clone(),
            Frame::Blocks(_) => Vec::new(),
        };
        let into_blocks = |frame: Frame| match frame {
            Frame::Blocks(v) => v,
            // A tight list item holds inlines directly: wrap them as a paragraph.
            Frame::Inlines(v) if v.is_empty() => Vec::new(),
            Frame::Inlines(v) => vec![Block::Paragraph { content: v }],
        };
        match pending {
            Pending::Heading { level, id } => self.block(Block::Heading { level, id, content: inlines() }),
            Pending::Paragraph => self.block(Block::Paragraph { content: inlines() }),
            Pending::List { ordered, start, items } => self.block(Block::List { ordered, start, items }),
            Pending::Item => {
                let item = into_blocks(frame);
                if let Some((Pending::List { items, .. }, _)) = self.stack.last_mut() {
                    items.push(item);
                }
            }
            Pending::Quote => self.block(Block::Quote { content: into_blocks(frame) }),
            Pending::Footnote { label } => self.block(Block::Footnote { label, content: into_blocks(frame) }),
            Pending::Code { lang, text } => self.block(Block::Code { lang, text }),
            Pending::HtmlBlock(html) => self.block(Block::Html { html }),
            Pending::Strong => self.inline(Inline::Strong { content: inlines() }),
            Pending::Emph => self.inline(Inline::Emph { content: inlines() }),
            Pending::Strike => self.inline(Inline::Strike { content: inlines() }),
            Pending::Link { url, title, line } => self.inline(Inline::Link { url, title, content: inlines(), line }),
            Pending::Image { url, title, line } => {
                let alt = plain_text(&inlines());
                self.inline(Inline::Image { url, alt, title, line })
            }
            Pending::TableCell => {
                let cell = inlines();
                if let Some(t) = &mut self.table {
                    if t.in_head {
                        t.head.push(cell);
                    } else if let Some(row) = t.rows.last_mut() {
                        row.push(cell);
                    }
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        match self.stack.last_mut() {
            Some((Pending::Code { text: buf, .. }, _)) | Some((Pending::HtmlBlock(buf), _)) => buf.push_str(text),
            _ => {
                // Merge adjacent text runs (pulldown splits at entities and brackets).
                if let Some((_, Frame::Inlines(v))) = self.stack.last_mut()
                    && let Some(Inline::Text { text: prev }) = v.last_mut()
                {
                    prev.push_str(text);
                    return;
                }
                self.inline(Inline::Text { text: text.to_string() })
            }
        }
    }

    fn html_block_text(&mut self, html: &str) {
        match self.stack.last_mut() {
            Some((Pending::HtmlBlock(buf), _)) => buf.push_str(html),
            _ => self.block(Block::Html { html: html.to_string() }),
        }
    }

    fn inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some((_, Frame::Inlines(v))) => v.push(inline),
            Some((_, Frame::Blocks(v))) => match v.last_mut() {
                // Inline content straight inside a tight list item.
                Some(Block::Paragraph { content }) => content.push(inline),
                _ => v.push(Block::Paragraph { content: vec![inline] }),
            },
            None => self.root.push(Block::Paragraph { content: vec![inline] }),
        }
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some((_, Frame::Blocks(v))) => v.push(block),
            Some((_, Frame::Inlines(_))) => {} // cannot happen in CommonMark; dropped safely
            None => self.root.push(block),
        }
    }

    fn finish(self) -> Vec<Block> {
        self.root
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Inline {
        Inline::Text { text: s.into() }
    }

    #[test]
    fn headings_paragraphs_and_ids() {
        let b = Body::parse("# Gọi 111\n\nXin chào **bạn**.\n\n## Gọi 111\n", 5);
        assert_eq!(b.heading_ids(), vec!["goi-111", "goi-111-2"]);
        assert_eq!(
            b.blocks[1],
            Block::Paragraph {
                content: vec![text("Xin chào "), Inline::Strong { content: vec![text("bạn")] }, text(".")]
            }
        );
        assert_eq!(b.word_count, 8);
    }

    #[test]
    fn tight_and_loose_lists_hold_paragraphs() {
        let b = Body::parse("- một\n- hai\n\n1. a\n\n2. b\n", 1);
        let Block::List { ordered: false, items, .. } = &b.blocks[0] else { panic!("{:?}", b.blocks) };
        assert_eq!(items[1], vec![Block::Paragraph { content: vec![text("hai")] }]);
        let Block::List { ordered: true, items, .. } = &b.blocks[1] else { panic!() };
        assert_eq!(items.len(), 2);
    }

    #[test]
    fn links_and_images_know_their_file_line() {
        let b = Body::parse("a\n\n[x](signs.md) ![Áp phích](p.jpg)\n", 10);
        let mut found = Vec::new();
        b.walk_inlines(&mut |i| match i {
            Inline::Link { url, line, .. } => found.push((url.clone(), *line)),
            Inline::Image { url, alt, line, .. } => found.push((format!("{url}|{alt}"), *line)),
            _ => {}
        });
        assert_eq!(found, vec![("signs.md".into(), 12), ("p.jpg|Áp phích".into(), 12)]);
    }

    #[test]
    fn tables_keep_head_and_rows() {
        let b = Body::parse("| A | B |\n|---|:-:|\n| 1 | 2 |\n", 1);
        let Block::Table { align, head, rows } = &b.blocks[0] else { panic!() };
        assert_eq!(align, &vec![Align::None, Align::Center]);
        assert_eq!(head.len(), 2);
        assert_eq!(rows, &vec![vec![vec![text("1")], vec![text("2")]]]);
    }

    #[test]
    fn raw_html_is_flagged() {
        assert!(Body::parse("<script>x</script>\n", 1).has_html);
        assert!(Body::parse("a <b>b</b>\n", 1).has_html);
        assert!(!Body::parse("a *b*\n", 1).has_html);
    }
}
