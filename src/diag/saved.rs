//! A [`Diagnostic`] as loa keeps it between runs (the record of the last build, the memo of
//! each file's text checks): messages by catalogue id and arguments, shown in whatever language
//! the next run speaks. Read back like anything from outside: bounded in depth, and `None` for
//! anything that does not make a message.

use super::{Diagnostic, Severity};
use crate::messages::{Arg, Message};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

/// Messages nest (a message as an argument of another) at most this deep when read back.
const MAX_DEPTH: usize = 8;

/// A warning as kept between builds: messages by catalogue id, shown in whatever language the
/// next build speaks.
#[derive(Serialize, Deserialize)]
pub(crate) struct SavedDiagnostic {
    error: bool,
    file: Option<PathBuf>,
    line: Option<usize>,
    col: Option<usize>,
    code: String,
    message: SavedMessage,
    hint: Option<SavedMessage>,
}

#[derive(Serialize, Deserialize)]
struct SavedMessage {
    id: String,
    args: Vec<(String, SavedArg)>,
}

#[derive(Serialize, Deserialize)]
enum SavedArg {
    Text(String),
    Int(i64),
    Decimal(i64, u8),
    Message(Box<SavedMessage>),
    List(Vec<SavedArg>),
}

impl SavedDiagnostic {
    pub(crate) fn of(d: &Diagnostic) -> SavedDiagnostic {
        SavedDiagnostic {
            error: d.is_error(),
            file: d.file.clone(),
            line: d.line,
            col: d.col,
            code: d.code.to_string(),
            message: SavedMessage::of(&d.message),
            hint: d.hint.as_ref().map(SavedMessage::of),
        }
    }

    pub(crate) fn into_diagnostic(self) -> Option<Diagnostic> {
        Some(Diagnostic {
            severity: if self.error { Severity::Error } else { Severity::Warning },
            file: self.file,
            line: self.line,
            col: self.col,
            code: intern(self.code),
            message: self.message.into_message(0)?,
            hint: match self.hint {
                Some(h) => Some(h.into_message(0)?),
                None => None,
            },
        })
    }
}

impl SavedMessage {
    fn of(m: &Message) -> SavedMessage {
        SavedMessage {
            id: m.id.to_string(),
            args: m.args.iter().map(|(n, a)| (n.to_string(), SavedArg::of(a))).collect(),
        }
    }

    fn into_message(self, depth: usize) -> Option<Message> {
        let args = self.args.into_iter().map(|(n, a)| Some((intern(n), a.into_arg(depth)?))).collect::<Option<_>>()?;
        Some(Message::new(intern(self.id), args))
    }
}

impl SavedArg {
    fn of(a: &Arg) -> SavedArg {
        match a {
            Arg::Text(s) => SavedArg::Text(s.clone()),
            Arg::Int(n) => SavedArg::Int(*n),
            Arg::Decimal { scaled, places } => SavedArg::Decimal(*scaled, *places),
            Arg::Message(m) => SavedArg::Message(Box::new(SavedMessage::of(m))),
            Arg::List(items) => SavedArg::List(items.iter().map(SavedArg::of).collect()),
        }
    }

    fn into_arg(self, depth: usize) -> Option<Arg> {
        if depth > MAX_DEPTH {
            return None;
        }
        Some(match self {
            SavedArg::Text(s) => Arg::Text(s),
            SavedArg::Int(n) => Arg::Int(n),
            SavedArg::Decimal(scaled, places) => Arg::Decimal { scaled, places },
            SavedArg::Message(m) => Arg::Message(Box::new(m.into_message(depth + 1)?)),
            SavedArg::List(items) => {
                Arg::List(items.into_iter().map(|a| a.into_arg(depth + 1)).collect::<Option<_>>()?)
            }
        })
    }
}

/// Message ids, argument names and codes are `&'static str` in a [`Message`]. Those read back
/// are kept for the rest of the process, each distinct one once (a few dozen: they are names
/// from loa's own catalogue, and every record that holds them is bounded in size).
fn intern(s: String) -> &'static str {
    static SEEN: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut seen = SEEN.lock().unwrap_or_else(|p| p.into_inner());
    let set = seen.get_or_insert_with(HashSet::new);
    if let Some(&known) = set.get(s.as_str()) {
        return known;
    }
    let leaked: &'static str = Box::leak(s.into_boxed_str());
    set.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::msg;

    /// Issue 16: a warning kept between builds comes back the same, nested messages and all.
    #[test]
    fn warnings_come_back_as_they_were() {
        let d = Diagnostic::warning("link", msg!("publish-leftover", path = "a/b", reason = msg!("build-failed")))
            .in_file("content/a.md")
            .at(3, 7)
            .with_hint(msg!("publish-leftover-hint"));
        let json = serde_json::to_string(&SavedDiagnostic::of(&d)).unwrap();
        let back: SavedDiagnostic = serde_json::from_str(&json).unwrap();
        assert_eq!(back.into_diagnostic(), Some(d));
    }

    /// A record nested deeper than loa writes is not read back (no unbounded recursion).
    #[test]
    fn deep_records_are_refused() {
        let mut arg = SavedArg::Int(1);
        for _ in 0..=MAX_DEPTH + 1 {
            arg = SavedArg::List(vec![arg]);
        }
        assert!(arg.into_arg(0).is_none());
    }
}
