//! A page's body that may be parsed only when something first reads it (issue 16).
//!
//! A build after an edit renders a few pages again, yet loading parsed the Markdown of every
//! page: a third of such a build's CPU at 15,000 pages. When loading is told that a file is
//! likely unchanged and the memo (`super::memo`) knows these very bytes parsed before without
//! a warning, it keeps the Markdown instead, and the first reader parses it. Parsing is a
//! function of the text alone, so a body parsed late is the body parsed at load; the word
//! count, which listings show for every page, comes from the memo without parsing.

use super::body::Body;
use std::sync::{Mutex, OnceLock};

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
    markdown: String,
    /// The file line of the body's first line.
    first_line: usize,
}

impl LazyBody {
    /// A body parsed already.
    pub fn parsed(body: Body) -> LazyBody {
        let words = body.word_count;
        LazyBody { parsed: OnceLock::from(body), source: Mutex::new(None), words }
    }

    /// Markdown that parsed before, with `words` words and no warning, parsed when first read.
    pub(crate) fn deferred(markdown: String, first_line: usize, words: usize) -> LazyBody {
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
            Body::parse_counted(&markdown, first_line, Some(self.words)).unwrap_or_default()
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
        // Read from many threads at once: one parse, one body.
        let shared = LazyBody::deferred(markdown.to_string(), 5, now.word_count);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| assert_eq!(shared.get(), &now));
            }
        });
    }
}
