//! What loa says to the person using it: errors, warnings, hints, progress, the summary,
//! `--help`, the serve overlay. (Not the site's own interface strings for readers: those are
//! the theme's `i18n/LANG.yaml`, read by [`crate::i18n`].)
//!
//! The library never makes finished text. A [`Diagnostic`](crate::diag::Diagnostic) carries a
//! [`Message`]: an id in the Fluent catalogues under `locales/` and its arguments. Text is made
//! at the edge (the CLI, the serve overlay, the JSON report) by [`Texts`], in the user's
//! [`Lang`]: Vietnamese by default, English on request.
//!
//! Ids are string literals inside [`msg!`](crate::msg), so a test (`tests.rs`) can scan the
//! source and prove that every id exists in both catalogues with the same placeholders, and
//! that every placeholder is filled at the call site.
//!
//! Numbers given as [`Arg::Int`] or [`Arg::decimal`] are formatted by the catalogue's own rules
//! (`1.533`, `0,6` in Vietnamese; `1,533`, `0.6` in English): Fluent's NUMBER does not know
//! Vietnamese conventions. A number that is a code, not a quantity (a port, a year, a line
//! number), is passed as text so that it is never grouped (`1111`, not `1.111`).

mod catalogue;
mod locale;
mod numbers;
#[cfg(test)]
mod tests;

pub use catalogue::Texts;
pub use locale::Lang;
pub use numbers::format_number;

use std::fmt;
use std::path::Path;

/// One thing loa says: a catalogue id and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

/// A value put into a message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Shown as it is (names, paths, values the user typed, codes).
    Text(String),
    /// A count, grouped by the language's convention; selects plural forms.
    Int(i64),
    /// `scaled / 10^places`, shown with exactly `places` decimals (`0,6 giây`).
    Decimal { scaled: i64, places: u8 },
    /// Another message, made in the same language (a reason inside a sentence).
    Message(Box<Message>),
    /// Several values, shown one after the other, separated by `; `.
    List(Vec<Arg>),
}

impl Arg {
    /// A decimal number shown with `places` digits after the separator.
    pub fn decimal(value: f64, places: u8) -> Arg {
        let factor = 10f64.powi(i32::from(places));
        let scaled = (value * factor).round();
        let scaled = if scaled.is_finite() { scaled.clamp(i64::MIN as f64, i64::MAX as f64) as i64 } else { 0 };
        Arg::Decimal { scaled, places }
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Self {
        Arg::Text(c.to_string())
    }
}
impl From<&Path> for Arg {
    fn from(p: &Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::Text(p.display().to_string())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Message(Box::new(m))
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Int(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(usize, u32, u64, i64, i32, u8);

impl Message {
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Message {
        Message { id, args }
    }

    /// The argument `name`, if given (tests and callers that inspect a finding).
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
    }

    /// The text of argument `name` when it is text.
    pub fn text_arg(&self, name: &str) -> Option<&str> {
        match self.arg(name)? {
            Arg::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// For developers (logs, test failures): the id and its arguments, never shown to a user.
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.id)?;
        for (name, arg) in &self.args {
            match arg {
                Arg::Text(s) => write!(f, " {name}={s:?}")?,
                Arg::Int(n) => write!(f, " {name}={n}")?,
                Arg::Decimal { scaled, places } => write!(f, " {name}={scaled}e-{places}")?,
                Arg::Message(m) => write!(f, " {name}=({m})")?,
                Arg::List(items) => write!(f, " {name}=[{} items]", items.len())?,
            }
        }
        Ok(())
    }
}

/// `msg!("id", name = value, …)`: a [`Message`]. The id must be a literal (the catalogue test
/// finds it in the source); each value converts into an [`Arg`].
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::Message::new($id, vec![$((stringify!($name), $crate::messages::Arg::from($value))),*])
    };
}
