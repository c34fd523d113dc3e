//! Ids for headings and footnotes, unique in the page.
//!
//! Every heading gets an id (also inside quotes and lists, so every heading can be linked to):
//! its `{#id}` as written, else one made from its text. Footnotes get `fn-` and their label.
//! Whatever the text, no two ids of a page are equal: a repeat gets `-2`, `-3` … (issue 19:
//! `[^a b]` and `[^a-b]` both became `fn-a-b`, and both references led to the first note).

use super::{Block, Inline, plain_text};
use std::collections::{HashMap, HashSet};

/// Ids the default theme's page template uses itself (`<main id="main">`).
const RESERVED: [&str; 1] = ["main"];

pub(super) fn assign(blocks: &mut [Block]) {
    let mut ids = Ids::default();
    for r in RESERVED {
        ids.used.insert(r.to_string());
    }
    headings(blocks, &mut ids);
    footnotes(blocks, &mut ids);
    let notes = ids.notes;
    super::walk_inlines_mut(blocks, &mut |inline| {
        if let Inline::FootnoteRef(r) = inline {
            r.id = notes.get(&footnote_key(&r.label)).cloned().unwrap_or_default();
        }
    });
}

#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// Footnote key (see [`footnote_key`]) → the id of its note.
    notes: HashMap<String, String>,
}

impl Ids {
    /// `base`, or `base-2`, `base-3` … whichever is still free.
    fn unique(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut n = 1;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

fn headings(blocks: &mut [Block], ids: &mut Ids) {
    for block in blocks {
        match block {
            Block::Heading(h) => {
                let base = if h.id.is_empty() { crate::slug::slugify(&plain_text(&h.content)) } else { h.id.clone() };
                let base = if base.is_empty() { "section".to_string() } else { base };
                h.id = ids.unique(&base);
            }
            Block::List { items, .. } => items.iter_mut().for_each(|item| headings(item, ids)),
            Block::Quote { content } => headings(content, ids),
            Block::Footnote(note) => headings(&mut note.content, ids),
            _ => {}
        }
    }
}

fn footnotes(blocks: &mut [Block], ids: &mut Ids) {
    for block in blocks {
        match block {
            Block::Footnote(note) => {
                let slug = crate::slug::slugify(&note.label);
                let base = if slug.is_empty() { "fn".to_string() } else { format!("fn-{slug}") };
                note.id = ids.unique(&base);
                ids.notes.entry(footnote_key(&note.label)).or_insert_with(|| note.id.clone());
                footnotes(&mut note.content, ids);
            }
            Block::List { items, .. } => items.iter_mut().for_each(|item| footnotes(item, ids)),
            Block::Quote { content } => footnotes(content, ids),
            _ => {}
        }
    }
}

/// A reference finds its note as pulldown-cmark matches them: case does not matter, and runs of
/// spaces count as one (`[^A  b]` refers to `[^a b]:`).
fn footnote_key(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
