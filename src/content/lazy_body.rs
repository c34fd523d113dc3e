//! A page's body that may be parsed only when something first reads it (issue 16).
//!
//! A build after an edit renders a few pages again, yet loading parsed the Markdown of every
//! page: a third of such a build's CPU at 15,000 pages. When loading is told that a file is
//! likely unchanged and the memo (`super::memo`) knows these very bytes parsed before without
//! a warning, it keeps the Markdown instead, and the first reader parses it. Parsing is a
//! function of the text alone, so a body parsed late is the body parsed at load; the word
//! count, which listings show for every page, comes from the memo without parsing.

use super::body::Body;
use std::ops::Range;
use std::sync::{Arc, Mutex, OnceLock};

/// A body, parsed, or Markdown to parse when first read.
#[derive(Debug, Default)]
pub struct LazyBody {
    parsed: OnceLock<Body>,
    /// The Markdown not yet parsed, taken by the first reader.
    source: Mutex<Option<Source>>,
    /// The body's word count, known without parsing.
    words: usize,
}

#[derive(Debug, Clone)]
struct Source {
    markdown: Markdown,
    /// The file line of the body's first line.
    first_line: usize,
}

/// Where the Markdown waits.
#[derive(Debug, Clone)]
enum Markdown {
    Text(String),
    /// A part of the file's bytes as read, which are UTF-8: a body that loading did not change
    /// (nearly every one) is not copied. Copying 15,000 bodies into new memory, where the file's
    /// bytes were in memory already, was a fifth of an edit build's page faults (issue 16).
    InFile {
        bytes: Arc<Vec<u8>>,
        range: Range<usize>,
    },
}

impl Markdown {
    fn text(&self) -> &str {
        match self {
            Markdown::Text(t) => t,
            // Validated as part of the whole file, at character boundaries: never empty here.
            Markdown::InFile { bytes, range } => {
                bytes.get(range.clone()).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
            }
        }
    }
}

impl LazyBody {
    /// A body parsed already.
    pub fn parsed(body: Body) -> LazyBody {
        let words = body.word_count;
        LazyBody { parsed: OnceLock::from(body), source: Mutex::new(None), words }
    }

    /// Markdown that parsed before, with `words` words and no warning, parsed when first read.
    #[cfg(test)]
    pub(crate) fn deferred(markdown: String, first_line: usize, words: usize) -> LazyBody {
        LazyBody::waiting(Markdown::Text(markdown), first_line, words)
    }

    /// [`LazyBody::deferred`] for a body that is `body`, a part of the file's `bytes` as read:
    /// kept as that part, not copied (else copied).
    pub(crate) fn deferred_in(bytes: &Arc<Vec<u8>>, body: &str, first_line: usize, words: usize) -> LazyBody {
        let markdown = match range_in(bytes, body) {
            Some(range) => Markdown::InFile { bytes: Arc::clone(bytes), range },
            None => Markdown::Text(body.to_string()),
        };
        LazyBody::waiting(markdown, first_line, words)
    }

    fn waiting(markdown: Markdown, first_line: usize, words: usize) -> LazyBody {
        LazyBody { parsed: OnceLock::new(), source: Mutex::new(Some(Source { markdown, first_line })), words }
    }

    /// The body, parsed now if it was not yet. Every reader gets the same body.
    pub fn get(&self) -> &Body {
        self.parsed.get_or_init(|| {
            let source = self.source.lock().unwrap_or_else(|p| p.into_inner()).take();
            let Some(Source { markdown, first_line }) = source else {
                return Body::default();
            };
            // These bytes parsed without error under this program before (the memo says so,
            // and parsing depends on nothing else), so the error arm is not reached; should it
            // be, the page has an empty body rather than a build that stops halfway.
            Body::parse_counted(markdown.text(), first_line, Some(self.words)).unwrap_or_default()
        })
    }

    /// The body's word count, without parsing it.
    pub fn word_count(&self) -> usize {
        self.words
    }

    /// Whether the body is parsed yet (for tests).
    #[cfg(test)]
    pub(crate) fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }
}

/// Where `inner` lies in `outer`, when it is a part of it: told by the addresses of the two
/// (a `&str` that loading borrowed from the file's bytes, or one it made anew).
fn range_in(outer: &[u8], inner: &str) -> Option<Range<usize>> {
    let start = (inner.as_ptr() as usize).checked_sub(outer.as_ptr() as usize)?;
    let end = start.checked_add(inner.len())?;
    (end <= outer.len()).then_some(start..end)
}

impl Clone for LazyBody {
    fn clone(&self) -> LazyBody {
        let source = self.source.lock().unwrap_or_else(|p| p.into_inner()).clone();
        LazyBody { parsed: self.parsed.clone(), source: Mutex::new(source), words: self.words }
    }
}

impl From<Body> for LazyBody {
    fn from(body: Body) -> LazyBody {
        LazyBody::parsed(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A body parsed when first read is the body parsed at once, for every reader and clone.
    #[test]
    fn a_deferred_body_is_the_body_parsed_at_once() {
        let markdown = "# Gọi 111\n\nMiễn phí, **24/7**.\n\n- một\n- hai\n\n<b>đậm</b>\n";
        let now = Body::parse(markdown, 5).unwrap();
        let later = LazyBody::deferred(markdown.to_string(), 5, now.word_count);
        assert!(!later.is_parsed());
        assert_eq!(later.word_count(), now.word_count);
        assert!(!later.is_parsed(), "the word count needs no parse");
        let copy = later.clone();
        assert_eq!(later.get(), &now);
        assert!(later.is_parsed());
        assert_eq!(copy.get(), &now, "a clone made before the parse parses the same");
        assert_eq!(later.clone().get(), &now);
        // A part of the file's bytes, kept as that part; text not from them is copied.
        let file = Arc::new(format!("---\ntitle: x\n---\n{markdown}").into_bytes());
        let body = std::str::from_utf8(&file[17..]).unwrap();
        assert_eq!(body, markdown);
        let in_file = LazyBody::deferred_in(&file, body, 5, now.word_count);
        assert_eq!(Arc::strong_count(&file), 2, "the bytes are shared, not copied");
        assert_eq!(in_file.get(), &now);
        let elsewhere = LazyBody::deferred_in(&file, markdown, 5, now.word_count);
        assert_eq!(elsewhere.get(), &now);
        assert_eq!(range_in(&file, body), Some(17..file.len()));
        assert_eq!(range_in(&file[..20], body), None, "running past the end is no part");
        assert_eq!(range_in(&file, markdown), None);
        // Read from many threads at once: one parse, one body.
        let shared = LazyBody::deferred(markdown.to_string(), 5, now.word_count);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| assert_eq!(shared.get(), &now));
            }
        });
    }
}
