//! The page body as an owned tree, parsed once from Markdown and shared by every renderer.
//!
//! Web, print, broadcast and SMS all walk this tree: none of them parses Markdown again. The tree
//! keeps what pulldown-cmark reports (heading levels, tight and loose lists, code info strings,
//! link kinds and titles), so the web writer can write what CommonMark 0.31.2 specifies (issue 19).
//! Links and images remember their line and column so `loa check` can point at them.
//!
//! Parsing refuses a body nested deeper than [`MAX_NESTING`] levels (or raw HTML deeper than
//! [`raw_html::MAX_HTML_NESTING`]), so every recursive walk over the tree is bounded (issue 10).

mod builder;
mod ids;
pub(crate) mod raw_html;

use crate::diag::Diagnostic;
use pulldown_cmark::{Options, Parser};
use serde::Serialize;

/// How many quotes, lists, footnotes, emphasis, links and images a body may nest inside each
/// other. Every output handles this depth (the print templates were measured to lay out 24
/// nested lists or quotes, and fail at 32); no real page comes near it.
pub(crate) const MAX_NESTING: usize = 20;

/// The Markdown loa reads: CommonMark plus tables, footnotes, `~~strikethrough~~` and heading
/// attributes (`## Gọi 111 {#goi-111}`).
const OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// One block of a body. The rare variants with many fields live in a box of their own, so a
/// block is 40 bytes, not 104: every page's blocks stay in memory for the whole build, and a
/// 15,000-page site is mostly paragraphs and lists (issue 16).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Heading(Box<Heading>),
    Paragraph {
        content: Vec<Inline>,
    },
    /// `tight`: no blank line between the items, so their paragraphs are written without `<p>`.
    List {
        ordered: bool,
        start: u64,
        tight: bool,
        items: Vec<Vec<Block>>,
    },
    Table(Box<Table>),
    Quote {
        content: Vec<Block>,
    },
    Code(Box<CodeBlock>),
    /// Raw HTML as written; the web renderer sanitizes it, other outputs drop it.
    Html {
        html: String,
    },
    Rule,
    Footnote(Box<Footnote>),
}

/// `level` as written (`#` is 1). `id` is unique in the page; `attrs` are the `{key=value}`
/// heading attributes as written (the web keeps only `lang` and `dir` of them).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub classes: Vec<String>,
    pub attrs: Vec<(String, String)>,
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    pub align: Vec<Align>,
    pub head: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// `info`: the fence's info string (```` ```yaml title ````), empty for indented code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CodeBlock {
    pub info: String,
    pub text: String,
}

/// `id` is unique in the page; references to the note carry the same id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    pub label: String,
    pub id: String,
    pub content: Vec<Block>,
}

impl Block {
    /// The inlines of a paragraph or a heading.
    pub fn inlines(&self) -> Option<&[Inline]> {
        match self {
            Block::Paragraph { content } => Some(content),
            Block::Heading(h) => Some(&h.content),
            _ => None,
        }
    }

    /// The blocks inside a quote or a footnote (a list's are in its items).
    pub fn blocks(&self) -> Option<&[Block]> {
        match self {
            Block::Quote { content } => Some(content),
            Block::Footnote(f) => Some(&f.content),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    None,
    Left,
    Center,
    Right,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// `[text](url)`
    Inline,
    /// `[text][label]`, `[label][]`, `[label]` with `[label]: url` elsewhere.
    Reference,
    /// `<https://…>`
    Autolink,
    /// `<lienhe@xa.gov.vn>`: the link's url is `mailto:lienhe@xa.gov.vn`.
    Email,
}

/// One inline of a paragraph, heading or cell. Links, images and footnote references live in
/// a box of their own, so an inline is 32 bytes, not 96 (see [`Block`]).
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
    Link(Box<Link>),
    Image(Box<Image>),
    /// Inline raw HTML (sanitized on the web, dropped elsewhere); also the text of an element
    /// no reader sees (`<script>…</script>`), escaped.
    Html {
        html: String,
    },
    FootnoteRef(Box<FootnoteRef>),
    SoftBreak,
    HardBreak,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    pub kind: LinkKind,
    pub url: String,
    pub title: String,
    pub content: Vec<Inline>,
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Image {
    pub url: String,
    pub alt: String,
    pub title: String,
    pub line: usize,
    pub col: usize,
}

/// `id` is the note's id; empty if the note is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FootnoteRef {
    pub label: String,
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Body {
    pub blocks: Vec<Block>,
    /// Whether any raw HTML is present: only then does the web renderer run the sanitizer.
    pub has_html: bool,
    pub word_count: usize,
    /// What the parse found worth saying that does not stop the page (line and column, not yet
    /// the file); `load_page` moves them into the run's diagnostics.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

impl Body {
    /// Parses Markdown. `first_line` is the file line of the body's first line. Fails (with the
    /// line and column, not yet the file) when the body nests too deeply.
    pub fn parse(markdown: &str, first_line: usize) -> Result<Body, Diagnostic> {
        Body::parse_counted(markdown, first_line, None)
    }

    /// [`Body::parse`], with the word count of this very Markdown when an earlier load counted
    /// it (`crate::content::memo`).
    pub(crate) fn parse_counted(markdown: &str, first_line: usize, words: Option<usize>) -> Result<Body, Diagnostic> {
        let mut builder = builder::Builder::new(markdown, first_line);
        for (event, range) in Parser::new_ext(markdown, OPTIONS).into_offset_iter() {
            builder.event(event, range.start)?;
        }
        let (mut blocks, warning) = builder.finish();
        ids::assign(&mut blocks);
        let word_count = words.unwrap_or_else(|| count_words(&blocks));
        let has_html = contains_html(&blocks);
        Ok(Body { blocks, has_html, word_count, warnings: warning.into_iter().collect() })
    }

    /// Every heading id (also of headings in quotes and lists), for anchor checks.
    pub fn heading_ids(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        walk_blocks_only(&self.blocks, &mut |b| {
            if let Block::Heading(h) = b {
                ids.push(h.id.as_str());
            }
        });
        ids
    }

    /// Calls `f` on every inline, depth first (links, images, text), in document order.
    pub fn walk_inlines<'a>(&'a self, f: &mut dyn FnMut(&'a Inline)) {
        walk_blocks(&self.blocks, f);
    }
}

/// Calls `f` on every block, depth first. The depth is bounded by [`MAX_NESTING`].
fn walk_blocks_only<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => items.iter().for_each(|item| walk_blocks_only(item, f)),
            _ => walk_blocks_only(block.blocks().unwrap_or_default(), f),
        }
    }
}

fn walk_blocks<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Inline)) {
    walk_blocks_only(blocks, &mut |block| match block {
        Block::Table(t) => {
            t.head.iter().for_each(|c| walk_inline_list(c, f));
            t.rows.iter().flatten().for_each(|c| walk_inline_list(c, f));
        }
        _ => walk_inline_list(block.inlines().unwrap_or_default(), f),
    });
}

fn walk_inline_list<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    for inline in inlines {
        f(inline);
        if let Some(content) = inline.children() {
            walk_inline_list(content, f);
        }
    }
}

impl Inline {
    /// The inlines inside emphasis, a strike or a link.
    pub fn children(&self) -> Option<&[Inline]> {
        match self {
            Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } => Some(content),
            Inline::Link(link) => Some(&link.content),
            _ => None,
        }
    }

    fn children_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self {
            Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } => Some(content),
            Inline::Link(link) => Some(&mut link.content),
            _ => None,
        }
    }
}

/// Calls `f` on every inline of the blocks, for changes made after the parse (footnote ids).
fn walk_inlines_mut(blocks: &mut [Block], f: &mut dyn FnMut(&mut Inline)) {
    fn inlines(list: &mut [Inline], f: &mut dyn FnMut(&mut Inline)) {
        for inline in list {
            f(inline);
            if let Some(content) = inline.children_mut() {
                inlines(content, f);
            }
        }
    }
    for block in blocks {
        match block {
            Block::Heading(h) => inlines(&mut h.content, f),
            Block::Paragraph { content } => inlines(content, f),
            Block::Table(t) => {
                t.head.iter_mut().for_each(|c| inlines(c, f));
                t.rows.iter_mut().flatten().for_each(|c| inlines(c, f));
            }
            Block::List { items, .. } => items.iter_mut().for_each(|item| walk_inlines_mut(item, f)),
            Block::Quote { content } => walk_inlines_mut(content, f),
            Block::Footnote(note) => walk_inlines_mut(&mut note.content, f),
            Block::Code(_) | Block::Html { .. } | Block::Rule => {}
        }
    }
}

/// Plain text of inlines: what a listener hears or a search engine indexes.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

/// [`plain_text`] added to the end of `out` (one buffer for many blocks).
pub fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } => {
                push_plain(content, out)
            }
            Inline::Link(link) => push_plain(&link.content, out),
            // Spaces keep an image's alt text from running into the words around it.
            Inline::Image(image) => {
                out.push(' ');
                out.push_str(&image.alt);
                out.push(' ');
            }
            Inline::SoftBreak | Inline::HardBreak => out.push(' '),
            // Raw HTML that separates words came with a break of its own (see `builder`).
            Inline::Html { .. } | Inline::FootnoteRef(_) => {}
        }
    }
}

/// An image's description from the inlines inside `![…]`: their text without markup, as
/// CommonMark writes the `alt` attribute (a picture inside adds its own description, no spaces).
fn alt_text(inlines: &[Inline]) -> String {
    fn push(inlines: &[Inline], out: &mut String) {
        for inline in inlines {
            match inline {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Image(image) => out.push_str(&image.alt),
                Inline::SoftBreak | Inline::HardBreak => out.push(' '),
                Inline::Html { .. } | Inline::FootnoteRef(_) => {}
                other => push(other.children().unwrap_or_default(), out),
            }
        }
    }
    let mut out = String::new();
    push(inlines, &mut out);
    out
}

fn count_words(blocks: &[Block]) -> usize {
    let mut n = 0;
    walk_blocks(blocks, &mut |i| {
        if let Inline::Text { text } = i {
            n += words_in(text);
        }
    });
    n
}

/// `text.split_whitespace().count()`, counted on the UTF-8 bytes: a word starts where a byte
/// that is not white space follows white space. Splitting decoded every character and was
/// 3.3 % of a 3 × 5,000-page build, and a `match` on each byte about as much (issue 16).
///
/// So the text is taken in blocks of [`WORD_BLOCK`] bytes. In a block without a byte that may
/// start white space outside ASCII (nearly every block of every page), the bytes of a
/// character beyond ASCII are all "not space", and the words starting there are the pairs of a
/// space byte followed by another byte: counted without a branch. Any other block is walked a
/// byte at a time ([`word_step`]).
fn words_in(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut after_space, mut start) = (0, true, 0);
    while start < bytes.len() {
        let end = (start + WORD_BLOCK).min(bytes.len());
        if is_plain_block(bytes, start, end) {
            // Continuation bytes at the start finish a character the block before began.
            let first = (start..end).find(|&at| WORD_BYTES[usize::from(bytes[at])] != INSIDE).unwrap_or(end);
            if first < end {
                let space = |b: u8| WORD_BYTES[usize::from(b)] == SPACE;
                words += usize::from(after_space && !space(bytes[first]));
                let block = &bytes[first..end];
                words += block.iter().zip(&block[1..]).map(|(&a, &b)| usize::from(space(a) & !space(b))).sum::<usize>();
                after_space = space(bytes[end - 1]);
            }
        } else {
            for at in start..end {
                word_step(bytes, at, &mut words, &mut after_space);
            }
        }
        start = end;
    }
    words
}

/// Bytes taken together by [`words_in`].
const WORD_BLOCK: usize = 64;

/// Whether `bytes[start..end]` holds no byte that may start white space outside ASCII: `C2`,
/// `E2`, `E3`, or `E1` followed by `9A` (U+1680; the rest of `E1` is letters, Vietnamese ones
/// among them).
fn is_plain_block(bytes: &[u8], start: usize, end: usize) -> bool {
    let block = &bytes[start..end];
    let leads = block.iter().fold(false, |any, &b| any | (b == 0xC2) | (b == 0xE2) | (b == 0xE3));
    let next = &bytes[start + 1..(end + 1).min(bytes.len())];
    let ogham = block.iter().zip(next).fold(false, |any, (&a, &b)| any | ((a == 0xE1) & (b == 0x9A)));
    !leads && !ogham
}

/// One byte of [`words_in`]'s walk: counts a word that starts at `bytes[at]`.
fn word_step(bytes: &[u8], at: usize, words: &mut usize, after_space: &mut bool) {
    let mut class = WORD_BYTES[usize::from(bytes[at])];
    if class == LOOK {
        let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
        let space = match bytes[at] {
            // U+0085, U+00A0
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            // U+1680
            0xE1 => (next(1), next(2)) == (0x9A, 0x80),
            // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F
            0xE2 => matches!((next(1), next(2)), (0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF) | (0x81, 0x9F)),
            // U+3000
            _ => (next(1), next(2)) == (0x80, 0x80),
        };
        class = if space { SPACE } else { LETTER };
    }
    *words += usize::from(class == LETTER && *after_space);
    // A continuation byte leaves things as the character it belongs to made them.
    if class != INSIDE {
        *after_space = class == SPACE;
    }
}

/// What a byte of UTF-8 is to [`words_in`].
const SPACE: u8 = 0;
const LETTER: u8 = 1;
/// A continuation byte: part of the character before it.
const INSIDE: u8 = 2;
/// The first byte of a character that may be white space.
const LOOK: u8 = 3;

static WORD_BYTES: [u8; 256] = {
    let mut table = [LETTER; 256];
    let mut b = 0x80;
    while b < 0xC0 {
        table[b] = INSIDE;
        b += 1;
    }
    let mut b = 0x09;
    while b <= 0x0D {
        table[b] = SPACE;
        b += 1;
    }
    table[0x20] = SPACE;
    table[0xC2] = LOOK;
    table[0xE1] = LOOK;
    table[0xE2] = LOOK;
    table[0xE3] = LOOK;
    table
};

fn contains_html(blocks: &[Block]) -> bool {
    let mut found = false;
    walk_blocks_only(blocks, &mut |b| found |= matches!(b, Block::Html { .. }));
    walk_blocks(blocks, &mut |i| found |= matches!(i, Inline::Html { .. }));
    found
}

#[cfg(test)]
mod tests;
