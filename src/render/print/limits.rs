//! What print accepts, bounded before typst lays anything out (issue 10: a 100,000-column table
//! on a poster took 41 s and 5.8 GB of memory, then aborted). typst has no time or memory limit
//! of its own, so loa refuses, with the file, the line and the limit, anything that no printed
//! piece could show anyway: a leaflet column is 8 cm wide, a poster carries a few lines.
//!
//! The number of pages is bounded by the templates' fixed-size boxes and checked after
//! typesetting (one page per poster or banner, two per leaflet).

use super::data::{PBlock, PrintData};
use crate::content::Page;
use crate::diag::Diagnostic;
use crate::msg;
use std::path::Path;

/// Table columns: more do not fit across a leaflet column or a poster.
pub(crate) const MAX_COLUMNS: usize = 8;
/// Table rows, and items of one list.
pub(crate) const MAX_ROWS: usize = 200;
/// Lists and quotes inside each other.
pub(crate) const MAX_DEPTH: usize = 8;
/// Characters of all text of one piece together (a full leaflet holds about 9,000).
pub(crate) const MAX_TEXT_CHARS: usize = 30_000;
/// `poster: {points}`.
pub(crate) const MAX_POINTS: usize = 8;

/// Where in the file the limit was passed, to find its line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Where {
    /// The body as a whole (its first line).
    Body,
    /// A front matter key.
    Key(&'static str),
    /// A table with this many columns (found by its row of that many cells).
    Table { columns: usize },
    /// Nesting (found as the first line nested deeper than the limit).
    Depth,
}

/// A piece of content over one of the limits.
#[derive(Debug, Clone, PartialEq)]
pub struct Limit {
    what: &'static str,
    found: usize,
    max: usize,
    at: Where,
}

pub(crate) fn count(what: &'static str, found: usize, max: usize, at: Where) -> Result<(), Limit> {
    if found > max { Err(Limit { what, found, max, at }) } else { Ok(()) }
}

pub(crate) fn depth(depth: usize) -> Result<(), Limit> {
    count("levels of lists and quotes inside each other", depth, MAX_DEPTH, Where::Depth)
}

/// The whole text of a piece, all strings together.
pub(crate) fn check(data: &PrintData) -> Result<(), Limit> {
    let mut chars = [&data.title, &data.description, &data.slogan].iter().map(|s| s.chars().count()).sum::<usize>();
    chars += data.points.iter().flatten().map(|r| r.text.chars().count()).sum::<usize>();
    data.body.iter().for_each(|b| chars += block_chars(b));
    count("characters of text", chars, MAX_TEXT_CHARS, Where::Body)
}

fn block_chars(b: &PBlock) -> usize {
    let runs = |rs: &[super::data::Run]| rs.iter().map(|r| r.text.chars().count()).sum::<usize>();
    match b {
        PBlock::Heading { runs: r, .. } | PBlock::Para { runs: r } => runs(r),
        PBlock::List { items, .. } => items.iter().flatten().map(block_chars).sum(),
        PBlock::Table { head, rows } => {
            head.iter().map(|c| runs(c)).sum::<usize>() + rows.iter().flatten().map(|c| runs(c)).sum::<usize>()
        }
        PBlock::Quote { blocks } => blocks.iter().map(block_chars).sum(),
    }
}

impl Limit {
    /// The error for `kind` on `page`, with the line found in the file (read again: this is an
    /// error path, so a build that passes reads each file once).
    pub(crate) fn diagnostic(&self, root: &Path, page: &Page, kind: &str) -> Diagnostic {
        let what = match self.what {
            "characters of text" => msg!("print-limit-chars"),
            "levels of lists and quotes inside each other" => msg!("print-limit-depth"),
            "list items" => msg!("print-limit-items"),
            "table columns" => msg!("print-limit-columns"),
            "table rows" => msg!("print-limit-rows"),
            _ => msg!("print-limit-points"),
        };
        let d = Diagnostic::error(
            "print-limit",
            msg!("print-limit", kind = super::kind_name(kind), found = self.found, what = what, max = self.max),
        )
        .in_file(&page.info.shown)
        .with_hint(match self.at {
            Where::Table { .. } => msg!("print-limit-table-hint"),
            Where::Depth => msg!("print-limit-depth-hint"),
            Where::Key(_) => msg!("print-limit-points-hint"),
            Where::Body => msg!("print-limit-body-hint"),
        });
        match self.place(root, page) {
            Some((line, Some(col))) => d.at(line, col),
            Some((line, None)) => d.at_line(line),
            None => d,
        }
    }

    /// Line, and column when the finding is about a front matter value.
    fn place(&self, root: &Path, page: &Page) -> Option<(usize, Option<usize>)> {
        if let Where::Key(key) = self.at {
            let (line, col) = crate::render::source_line::key_position_in_file(root, &page.info.shown, key)?;
            return Some((line, Some(col)));
        }
        let text = std::fs::read_to_string(root.join(&page.info.shown)).ok()?;
        find_line(&text, &self.at).map(|line| (line, None))
    }
}

/// The one-based line of `at` in a content file's text.
fn find_line(text: &str, at: &Where) -> Option<usize> {
    let body_start = body_start(text);
    let lines = text.lines().enumerate().skip(body_start);
    let found = match at {
        Where::Table { columns } => {
            let want = (*columns).min(MAX_COLUMNS + 1);
            lines.clone().find(|(_, l)| l.trim_start().starts_with('|') && l.matches('|').count() > want)
        }
        Where::Depth => lines.clone().find(|(_, l)| nesting(l) > MAX_DEPTH),
        _ => None,
    };
    Some(found.map(|(i, _)| i).unwrap_or(body_start) + 1)
}

/// Zero-based index of the first body line (after the closing `---`).
fn body_start(text: &str) -> usize {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, l)) if l.trim_end() == "---" => lines.find(|(_, l)| l.trim_end() == "---").map_or(0, |(i, _)| i + 1),
        _ => 0,
    }
}

/// How deep a Markdown line is nested: quote markers plus list indentation (two spaces a level).
fn nesting(line: &str) -> usize {
    let mut depth = 0;
    let mut spaces = 0;
    for c in line.chars() {
        match c {
            '>' => depth += 1,
            ' ' => spaces += 1,
            '\t' => spaces += 4,
            _ => break,
        }
    }
    depth + spaces / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_in_the_body() {
        let text = "---\ntitle: x\n---\nintro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(find_line(text, &Where::Table { columns: 2 }), Some(6));
        let deep = format!("---\ntitle: x\n---\n- a\n{}- z\n", " ".repeat(40));
        assert_eq!(find_line(&deep, &Where::Depth), Some(5));
        let quotes = format!("---\ntitle: x\n---\n\n{} q\n", ">".repeat(20));
        assert_eq!(find_line(&quotes, &Where::Depth), Some(5));
        assert_eq!(find_line("---\ntitle: x\n---\nbody\n", &Where::Body), Some(4));
        assert_eq!(find_line("no front matter\n", &Where::Body), Some(1));
    }

    #[test]
    fn counts_over_the_limit_are_errors() {
        assert!(count("table columns", MAX_COLUMNS, MAX_COLUMNS, Where::Body).is_ok());
        let e = count("table columns", 100_000, MAX_COLUMNS, Where::Table { columns: 100_000 }).unwrap_err();
        assert_eq!((e.found, e.max), (100_000, MAX_COLUMNS));
        assert!(depth(MAX_DEPTH).is_ok() && depth(MAX_DEPTH + 1).is_err());
    }
}
