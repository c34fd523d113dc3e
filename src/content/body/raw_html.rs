//! A small reader for the raw HTML inside Markdown (pasted from Word or a website). It builds no
//! document: it follows just enough of the HTML tokenizer (tags, quoted attributes, comments,
//! the raw text of `<script>` and `<style>`) to tell the body tree three things:
//!
//! - how deeply the tags nest. The sanitizer (html5ever inside ammonia) checks the open elements
//!   on every tag, so nesting costs the square of its depth (measured: 20,000 nested `<div>` took
//!   4 s, 50,000 took 33 s); a body deeper than [`MAX_HTML_NESTING`] is refused.
//! - whether the text at this point lies inside an element whose content no reader ever sees
//!   ([`HIDDEN`]: the sanitizer removes it with everything in it), so the loudspeaker script and
//!   the print outputs do not read out `alert(…)` either (issue 10).
//! - whether a tag stands between words (`<br>`, `<p>`, `<td>` …), so `ngay<br>miễn phí` is not
//!   read as "ngaymiễn phí" (issue 10).

/// How deeply raw HTML elements may nest inside each other. Pasted Word or web HTML stays far
/// below this (elements whose end tag is optional, such as `<p>`, `<li>` or `<td>`, do not count).
pub(crate) const MAX_HTML_NESTING: usize = 100;

/// Elements whose content a reader never sees: the sanitizer removes them together with their
/// content (see `render::web::sanitize`), and the body tree keeps their text out of every output
/// that is not a web page.
pub(crate) const HIDDEN: [&str; 7] = ["script", "style", "template", "noscript", "iframe", "noembed", "noframes"];

/// Elements whose content the HTML tokenizer reads as plain text up to their own end tag:
/// a `<b>` inside `<script>` is no tag.
const RAW_TEXT: [&str; 9] =
    ["script", "style", "iframe", "noembed", "noframes", "xmp", "textarea", "title", "plaintext"];

/// Elements that never have content, so they never nest.
const VOID: [&str; 17] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track",
];

/// Elements whose end tag may be left out: the next one of its kind closes them, so an editor's
/// unclosed `<p>` or `<li>` does not nest (and so does not count towards the limit).
const OPTIONAL_END: [&str; 20] = [
    "p", "li", "dt", "dd", "option", "optgroup", "rb", "rt", "rtc", "rp", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "head", "body",
];

/// Tags a reader sees as a break between words: block elements, line breaks, pictures. Phrasing
/// elements (`<b>`, `<span>`, `<a>` …) and unknown tags sit inside a word as the browser shows them.
const WORD_BREAKS: [&str; 46] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "legend",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
    "audio",
];

/// Longest tag name kept; longer names are read on but never match a known element.
const MAX_NAME: usize = 16;

/// What the tokenizer is in the middle of, between two characters.
#[derive(Debug, Default, Clone, PartialEq)]
enum State {
    #[default]
    Data,
    /// After `<`.
    Open,
    /// After `</`.
    EndOpen,
    Name {
        closing: bool,
        name: String,
    },
    Attributes {
        closing: bool,
        name: String,
        quote: Option<char>,
        slash: bool,
    },
    /// After `<!`: a comment when `--` follows, else a declaration read up to `>`.
    Bang {
        dashes: u8,
    },
    Comment {
        dashes: u8,
    },
    /// `<!DOCTYPE …>`, `<?…>`, `<![CDATA[…]]>`: skipped up to `>`.
    Bogus,
}

/// What one fragment of raw HTML did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fed {
    /// Byte offset in the fragment of the tag that nested deeper than [`MAX_HTML_NESTING`].
    pub too_deep_at: Option<usize>,
    /// Whether a tag in it separates the words on either side.
    pub breaks_words: bool,
}

/// The tokenizer's state across the raw HTML fragments of one body, in document order.
#[derive(Debug, Default)]
pub(crate) struct HtmlScan {
    state: State,
    /// Open elements that need an end tag.
    depth: usize,
    /// Inside `<script>`, `<style>` …: only this element's end tag is a tag.
    raw_text: Option<&'static str>,
    /// Open `<template>` and `<noscript>` elements (their content is markup, not raw text).
    hidden_open: usize,
    /// Open `<svg>` and `<math>` elements, where `<path/>` closes itself.
    foreign_open: usize,
}

impl HtmlScan {
    /// Whether text at this point is inside an element of [`HIDDEN`].
    pub fn hidden(&self) -> bool {
        self.hidden_open > 0 || self.raw_text.is_some_and(|name| HIDDEN.contains(&name))
    }

    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Inline tags left open inside a paragraph are closed by the paragraph's end (the browser
    /// closes them there), so the depth goes back to what it was when the paragraph began.
    pub fn close_inline(&mut self, depth_at_start: usize) {
        self.depth = self.depth.min(depth_at_start);
    }

    /// A raw HTML block ended: a tag cut off at a blank line does not swallow the next block.
    /// (Raw text and open elements go on: `<div>` … `</div>` may enclose Markdown.)
    pub fn end_fragment(&mut self) {
        self.state = State::Data;
    }

    pub fn feed(&mut self, html: &str) -> Fed {
        let mut fed = Fed::default();
        let mut tag_start = 0;
        for (at, c) in html.char_indices() {
            if c == '<' && matches!(self.state, State::Data) {
                tag_start = at;
            }
            if let Some(tag) = self.step(c) {
                self.tag(&tag, &mut fed, tag_start);
            }
        }
        fed
    }

    /// One character; returns a tag when it completes one.
    fn step(&mut self, c: char) -> Option<Tag> {
        let state = std::mem::take(&mut self.state);
        let (next, tag) = match state {
            State::Data => (if c == '<' { State::Open } else { State::Data }, None),
            State::Open => match c {
                '/' => (State::EndOpen, None),
                _ if self.raw_text.is_some() => (State::Data, None),
                '!' => (State::Bang { dashes: 0 }, None),
                '?' => (State::Bogus, None),
                c if c.is_ascii_alphabetic() => (State::Name { closing: false, name: lower(c) }, None),
                '<' => (State::Open, None),
                _ => (State::Data, None),
            },
            State::EndOpen => match c {
                c if c.is_ascii_alphabetic() => (State::Name { closing: true, name: lower(c) }, None),
                _ if self.raw_text.is_some() => (State::Data, None),
                '>' => (State::Data, None),
                _ => (State::Bogus, None),
            },
            State::Name { closing, mut name } => match c {
                '>' => (State::Data, Some(Tag { closing, name, self_closing: false })),
                c if c.is_whitespace() || c == '/' => {
                    (State::Attributes { closing, name, quote: None, slash: c == '/' }, None)
                }
                c => {
                    if name.len() < MAX_NAME {
                        name.extend(c.to_lowercase());
                    } else {
                        name = "-".repeat(MAX_NAME);
                    }
                    (State::Name { closing, name }, None)
                }
            },
            State::Attributes { closing, name, quote, slash } => match (quote, c) {
                (Some(q), c) if c == q => (State::Attributes { closing, name, quote: None, slash: false }, None),
                (Some(q), _) => (State::Attributes { closing, name, quote: Some(q), slash: false }, None),
                (None, '>') => (State::Data, Some(Tag { closing, name, self_closing: slash })),
                (None, '"' | '\'') => (State::Attributes { closing, name, quote: Some(c), slash: false }, None),
                (None, c) => (State::Attributes { closing, name, quote: None, slash: c == '/' }, None),
            },
            State::Bang { dashes } => match (dashes, c) {
                (0, '-') => (State::Bang { dashes: 1 }, None),
                (1, '-') => (State::Comment { dashes: 0 }, None),
                (_, '>') => (State::Data, None),
                _ => (State::Bogus, None),
            },
            // `-->` ends a comment; so do `<!-->` and `<!--->`, as in browsers.
            State::Comment { dashes } => match c {
                '-' => (State::Comment { dashes: dashes.saturating_add(1) }, None),
                '>' if dashes >= 2 => (State::Data, None),
                _ => (State::Comment { dashes: 0 }, None),
            },
            State::Bogus => (if c == '>' { State::Data } else { State::Bogus }, None),
        };
        self.state = next;
        tag
    }

    fn tag(&mut self, tag: &Tag, fed: &mut Fed, at: usize) {
        if let Some(raw) = self.raw_text {
            // Inside `<script>`: only `</script>` counts.
            if tag.closing && tag.name == raw {
                self.raw_text = None;
                self.depth = self.depth.saturating_sub(1);
            }
            return;
        }
        let name = tag.name.as_str();
        fed.breaks_words |= WORD_BREAKS.contains(&name);
        if VOID.contains(&name) || OPTIONAL_END.contains(&name) {
            return;
        }
        let hides = matches!(name, "template" | "noscript");
        if tag.closing {
            self.depth = self.depth.saturating_sub(1);
            if hides {
                self.hidden_open = self.hidden_open.saturating_sub(1);
            }
            if matches!(name, "svg" | "math") {
                self.foreign_open = self.foreign_open.saturating_sub(1);
            }
            return;
        }
        let foreign = matches!(name, "svg" | "math");
        // `<div/>` opens a `<div>` in HTML: the slash only closes elements inside `<svg>` and
        // `<math>` (a drawing's many `<path/>` do not nest).
        if tag.self_closing && (self.foreign_open > 0 || foreign) {
            return;
        }
        self.depth += 1;
        if foreign {
            self.foreign_open += 1;
        }
        if self.depth > MAX_HTML_NESTING && fed.too_deep_at.is_none() {
            fed.too_deep_at = Some(at);
        }
        if hides {
            self.hidden_open += 1;
        }
        self.raw_text = RAW_TEXT.iter().copied().find(|r| *r == name);
    }
}

struct Tag {
    closing: bool,
    name: String,
    self_closing: bool,
}

fn lower(c: char) -> String {
    c.to_ascii_lowercase().to_string()
}

/// Whether an inline HTML fragment is exactly one line break (`<br>`, `<BR/>`, `<br class="x">`,
/// and `</br>`, which browsers read as `<br>`).
pub(crate) fn is_line_break(html: &str) -> bool {
    let t = html.trim();
    let Some(rest) = t.strip_prefix('<') else { return false };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let is_br = rest.get(..2).is_some_and(|n| n.eq_ignore_ascii_case("br"))
        && rest[2..].starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>');
    is_br && t.ends_with('>') && t.matches('<').count() == 1
}

/// Escapes text for HTML content and attribute values.
///
/// Works on bytes and copies the runs between special characters whole: one `push` per
/// character was 4.8 % of a 3 × 5,000-page build (issue 16). The five characters are ASCII, so
/// every cut falls on a character boundary.
pub(crate) fn escape_into(out: &mut String, s: &str) {
    let mut start = 0;
    for (at, byte) in s.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[start..at]);
        out.push_str(entity);
        start = at + 1;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-level escape writes what escaping one character at a time writes.
    #[test]
    fn escape_matches_escaping_each_character() {
        for text in crate::text::samples::texts(4000) {
            let mut want = String::new();
            for c in text.chars() {
                match c {
                    '&' => want.push_str("&amp;"),
                    '<' => want.push_str("&lt;"),
                    '>' => want.push_str("&gt;"),
                    '"' => want.push_str("&quot;"),
                    '\'' => want.push_str("&#39;"),
                    c => want.push(c),
                }
            }
            let mut got = String::from("x");
            escape_into(&mut got, &text);
            assert_eq!(got, format!("x{want}"), "{text:?}");
        }
    }

    /// Each special character at every place of a longer text, alone and with another near it,
    /// far from it and at the end.
    #[test]
    fn escape_finds_special_characters_at_every_place() {
        let plain = "aờ b".repeat(40);
        for special in ['&', '<', '>', '"', '\''] {
            for at in (0..plain.len()).filter(|&i| plain.is_char_boundary(i)) {
                for second in [None, Some(at + 1), Some(at + 32), Some(plain.len())] {
                    let mut text = plain.clone();
                    if let Some(j) = second.filter(|&j| j <= text.len() && text.is_char_boundary(j)) {
                        text.insert(j, '&');
                    }
                    text.insert(at, special);
                    let want: String = text
                        .chars()
                        .map(|c| match c {
                            '&' => "&amp;".to_string(),
                            '<' => "&lt;".to_string(),
                            '>' => "&gt;".to_string(),
                            '"' => "&quot;".to_string(),
                            '\'' => "&#39;".to_string(),
                            c => c.to_string(),
                        })
                        .collect();
                    let mut got = String::new();
                    escape_into(&mut got, &text);
                    assert_eq!(got, want, "{text:?}");
                }
            }
        }
    }

    fn depth_after(fragments: &[&str]) -> (usize, bool) {
        let mut scan = HtmlScan::default();
        for f in fragments {
            scan.feed(f);
            scan.end_fragment();
        }
        (scan.depth(), scan.hidden())
    }

    #[test]
    fn counts_only_elements_that_need_an_end_tag() {
        let cases: [(&[&str], usize); 10] = [
            (&["<div>", "<div class=\"a>b\">"], 2),
            (&["<div><p>a<p>b<li>c<br><img src=x>"], 1),
            (&["<div>", "</div>"], 0),
            (&["</div></div>"], 0),
            (&["<div/>"], 1),
            (&["<!-- <div> -->"], 0),
            (&["<!DOCTYPE html><?php x ?>"], 0),
            (&["<textarea><div><div></textarea>"], 0),
            (&["<span title='<b>'>"], 1),
            (&["<svg><path d='M0'/><path/>", "<circle/></svg>"], 0),
        ];
        for (fragments, want) in cases {
            assert_eq!(depth_after(fragments).0, want, "{fragments:?}");
        }
    }

    #[test]
    fn too_deep_names_the_tag() {
        let html = "<div>".repeat(MAX_HTML_NESTING + 3);
        let fed = HtmlScan::default().feed(&html);
        assert_eq!(fed.too_deep_at, Some(5 * MAX_HTML_NESTING));
    }

    #[test]
    fn hidden_elements_and_their_end() {
        let table: [(&[&str], bool); 8] = [
            (&["<script>"], true),
            (&["<script>", "</script>"], false),
            (&["<SCRIPT type=x>", "alert('</b>')", "</Script >"], false),
            (&["<style>p{}"], true),
            (&["<noscript>", "<b>x</b>"], true),
            (&["<template><template></template>"], true),
            (&["<template><template></template></template>"], false),
            (&["<b>", "<span>"], false),
        ];
        for (fragments, hidden) in table {
            assert_eq!(depth_after(fragments).1, hidden, "{fragments:?}");
        }
    }

    #[test]
    fn word_breaks() {
        for (html, breaks) in [
            ("<br>", true),
            ("</p>", true),
            ("<td class=x>", true),
            ("<b>", false),
            ("<span>", false),
            ("<x-y>", false),
        ] {
            assert_eq!(HtmlScan::default().feed(html).breaks_words, breaks, "{html}");
        }
    }

    #[test]
    fn line_breaks() {
        for (html, want) in [
            ("<br>", true),
            ("<BR/>", true),
            ("<br class=\"x\">", true),
            ("</br>", true),
            ("<bra>", false),
            ("<b>", false),
        ] {
            assert_eq!(is_line_break(html), want, "{html}");
        }
    }
}
