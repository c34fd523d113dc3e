//! Diagnostics: what went wrong, where, and how to fix it.
//!
//! Every error a user can cause is a [`Diagnostic`] that names the file (relative to the site),
//! the one-based line and column in that file, a plain message and a hint. A run collects all of
//! them instead of stopping at the first, so an editor fixes everything in one go.
//!
//! The message and hint are [`Message`]s (a catalogue id and its arguments), not finished text:
//! [`Diagnostic::render`] makes the text in the user's language (see [`crate::messages`]).

pub(crate) mod saved;

use crate::messages::{Message, Texts};
use crate::msg;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root (or as given, for files outside it).
    pub file: Option<PathBuf>,
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// A short code that tools can match on, e.g. `front-matter`, `link`, `privacy`.
    pub code: &'static str,
    pub message: Message,
    pub hint: Option<Message>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<Message>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            col: None,
            code,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(code: &'static str, message: impl Into<Message>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.line = Some(line);
        self.col = Some(col);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn with_hint(mut self, hint: impl Into<Message>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as editors and terminals understand it.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match (self.line, self.col) {
            (Some(l), Some(c)) => format!("{file}:{l}:{c}"),
            (Some(l), None) => format!("{file}:{l}"),
            _ => file,
        })
    }

    /// Plain text in the user's language, one diagnostic; `color` adds ANSI colours.
    pub fn render(&self, texts: &Texts, color: bool) -> String {
        let (label, paint) = match self.severity {
            Severity::Error => (texts.get(&msg!("diag-error")), "\x1b[1;31m"),
            Severity::Warning => (texts.get(&msg!("diag-warning")), "\x1b[1;33m"),
        };
        let (on, bold, off) = if color { (paint, "\x1b[1m", "\x1b[0m") } else { ("", "", "") };
        let message = texts.get(&self.message);
        let mut out = match self.location() {
            Some(loc) => format!("{on}{label}{off}: {bold}{loc}{off}: {message}"),
            None => format!("{on}{label}{off}: {message}"),
        };
        if let Some(hint) = &self.hint {
            let (h_on, h_off) = if color { ("\x1b[36m", "\x1b[0m") } else { ("", "") };
            let label = texts.get(&msg!("diag-hint"));
            out.push_str(&format!("\n  {h_on}{label}{h_off}: {}", texts.get(hint)));
        }
        out
    }

    /// The message and hint as text (for the serve overlay).
    pub fn texts(&self, texts: &Texts) -> (String, Option<String>) {
        (texts.get(&self.message), self.hint.as_ref().map(|h| texts.get(h)))
    }

    /// The JSON form of `loa check --format json` (`docs/check-json.md`): the text in the
    /// user's language, and the message id for tools that match on it.
    pub fn to_json(&self, texts: &Texts) -> Value {
        json!({
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "message": texts.get(&self.message),
            "message_id": self.message.id,
            "hint": self.hint.as_ref().map(|h| texts.get(h)),
        })
    }
}

/// For developers (test failures, logs): location, message id and arguments; never shown to a
/// user, who reads [`Diagnostic::render`].
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}: {}", self.severity, self.location().unwrap_or_default(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// A growing list of findings, shared by loading and rendering.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }
    /// Sorted by file, then line, so output groups by file and is stable across runs.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message).cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

/// How many findings of one kind in one file the terminal shows: a file with thousands of the
/// same mistake (a page of broken links, hostile or generated) buried every other message and
/// took minutes to print; the rest are counted in one line ([`for_terminal`]).
pub const SHOWN_PER_KIND: usize = 10;

/// What the terminal shows of a list of findings, in order.
#[derive(Debug, PartialEq)]
pub enum Shown<'a> {
    One(&'a Diagnostic),
    /// `count` more findings of this severity and code in `file`, not shown.
    More {
        file: &'a Path,
        severity: Severity,
        count: usize,
    },
}

/// The findings to print: each one, but of findings with the same file, code and severity only
/// the first [`SHOWN_PER_KIND`], then one line for the rest of each such group, at the end.
pub fn for_terminal<'a>(diags: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<Shown<'a>> {
    let mut seen: Vec<((&'a Path, &'static str, Severity), usize)> = Vec::new();
    let mut shown = Vec::new();
    for d in diags {
        let Some(file) = d.file.as_deref() else {
            shown.push(Shown::One(d));
            continue;
        };
        let key = (file, d.code, d.severity);
        let at = seen.iter().position(|(k, _)| *k == key).unwrap_or_else(|| {
            seen.push((key, 0));
            seen.len() - 1
        });
        seen[at].1 += 1;
        if seen[at].1 <= SHOWN_PER_KIND {
            shown.push(Shown::One(d));
        }
    }
    for ((file, _, severity), n) in seen {
        if n > SHOWN_PER_KIND {
            shown.push(Shown::More { file, severity, count: n - SHOWN_PER_KIND });
        }
    }
    shown
}

impl Shown<'_> {
    pub fn render(&self, texts: &Texts, color: bool) -> String {
        match self {
            Shown::One(d) => d.render(texts, color),
            Shown::More { file, severity, count } => {
                let more = match severity {
                    Severity::Error => msg!("diag-more-errors", count = *count, file = *file),
                    Severity::Warning => msg!("diag-more-warnings", count = *count, file = *file),
                };
                texts.get(&more)
            }
        }
    }
}

/// Whether stderr should get colours: a terminal, and `NO_COLOR` unset (<https://no-color.org>).
pub fn stderr_wants_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Closest candidate by edit distance, for "did you mean" hints.
pub fn did_you_mean<'a>(typed: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(typed, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_location_and_hint_in_the_users_language() {
        let d = Diagnostic::error("front-matter", msg!("yaml-unknown-key", key = "titel"))
            .in_file("content/a.md")
            .at(3, 1)
            .with_hint(msg!("yaml-write", line = "title: x"));
        let en = Texts::new(crate::messages::Lang::En);
        assert_eq!(d.render(&en, false), "error: content/a.md:3:1: unknown key `titel`\n  hint: write: `title: x`");
        let vi = en.in_lang(crate::messages::Lang::Vi);
        assert!(d.render(&vi, false).starts_with("lỗi: content/a.md:3:1: "), "{}", d.render(&vi, false));
    }

    #[test]
    fn suggests_close_names_only() {
        let keys = ["title", "description", "date", "tags"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("zzzzzz", keys), None);
    }

    /// Ten of each (file, kind, severity) in the order found, the rest counted per group at the
    /// end; a finding without a file is always shown.
    #[test]
    fn the_terminal_shows_ten_of_a_kind_per_file() {
        let link = |file: &str, n: usize| {
            Diagnostic::error("link", msg!("link-missing-anchor", file = file, anchor = n)).in_file(file)
        };
        let mut all: Vec<Diagnostic> = (0..25).map(|n| link("content/a.md", n)).collect();
        all.insert(3, link("content/b.md", 0));
        all.push(
            Diagnostic::warning("link", msg!("link-missing-anchor", file = "a", anchor = 0)).in_file("content/a.md"),
        );
        all.extend((0..12).map(|n| Diagnostic::error("link", msg!("link-missing-anchor", file = "-", anchor = n))));
        let shown = for_terminal(&all);
        let ones: Vec<&Diagnostic> =
            shown.iter().filter_map(|s| if let Shown::One(d) = s { Some(*d) } else { None }).collect();
        assert_eq!(ones.len(), 10 + 1 + 1 + 12);
        assert_eq!(ones[3], &all[3], "order kept");
        let more: Vec<&Shown> = shown.iter().filter(|s| matches!(s, Shown::More { .. })).collect();
        assert_eq!(more, [&Shown::More { file: Path::new("content/a.md"), severity: Severity::Error, count: 15 }]);
        assert!(matches!(shown.last(), Some(Shown::More { .. })), "counted at the end");
    }
}
