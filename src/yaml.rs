//! YAML → typed values, with errors that point into the user's file.
//!
//! serde_yaml reports positions inside the YAML text it was given. Front matter starts a few
//! lines into its Markdown file, so callers pass `first_line` and we shift the position to the
//! line the editor sees. Unknown keys get a "did you mean" hint.

use crate::diag::{Diagnostic, did_you_mean};
use crate::messages::Message;
use crate::msg;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::path::Path;

mod bounds;
mod fixes;

/// Where a YAML text sits in its file.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a Path,
    /// One-based line in the file of the YAML text's first line.
    pub first_line: usize,
}

/// Parses settings or front matter. Curly quotes that Word or Zalo put around a value
/// (`title: “Ngày 30/7”`) are read as the straight quotes the writer typed (see
/// [`fixes::straighten_quotes`]); a tab in the indentation is named as a tab.
pub fn parse<T: DeserializeOwned>(text: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    if text.len() > crate::limits::YAML_TEXT_BYTES {
        return Err(Diagnostic::error(
            "front-matter",
            msg!("yaml-too-long", kilobytes = text.len() / 1024, max = crate::limits::YAML_TEXT_BYTES / 1024),
        )
        .in_file(origin.file)
        .at(origin.first_line, 1)
        .with_hint(msg!("yaml-too-long-hint")));
    }
    if let Some((line, col)) = bounds::bracket_depth_beyond(text, crate::limits::YAML_BRACKET_DEPTH) {
        return Err(Diagnostic::error(
            "front-matter",
            msg!("yaml-brackets-deep", max = crate::limits::YAML_BRACKET_DEPTH),
        )
        .in_file(origin.file)
        .at(origin.first_line + line - 1, col)
        .with_hint(msg!("yaml-brackets-deep-hint")));
    }
    if let Some((line, col)) = fixes::indentation_tab(text) {
        return Err(tab_error(text, line, col, origin));
    }
    let text = fixes::straighten_quotes(text);
    // An empty document is `null` to serde_yaml; treat it as an empty mapping so that a file with
    // only optional keys (or none) still loads and the "missing key" error names the key.
    let source = if text.trim().is_empty() { Cow::Borrowed("{}") } else { text };
    serde_yaml::from_str(&source).map_err(|e| to_diagnostic(&e, &source, origin))
}

fn tab_error(text: &str, line: usize, col: usize, origin: Origin<'_>) -> Diagnostic {
    let fixed = fixes::line(text, line).replace('\t', "  ");
    Diagnostic::error("front-matter", msg!("yaml-tab"))
        .in_file(origin.file)
        .at(origin.first_line + line - 1, col)
        .with_hint(msg!("yaml-tab-hint", line = fixed.trim_end()))
}

fn to_diagnostic(err: &serde_yaml::Error, text: &str, origin: Origin<'_>) -> Diagnostic {
    let raw = err.to_string();
    let (line, col) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let found = explain(&raw, text, line);
    let (line, col) = found.at.unwrap_or((line, col));
    let d = Diagnostic::error("front-matter", found.message).in_file(origin.file);
    let d = if err.location().is_some() || found.at.is_some() { d.at(origin.first_line + line - 1, col) } else { d };
    match found.hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// What went wrong in plain words, the fix, and a better position when the message knows one.
struct Explained {
    message: Message,
    hint: Option<Message>,
    /// (line, column) in the YAML text, when better than serde's.
    at: Option<(usize, usize)>,
}

impl Explained {
    fn new(message: Message, hint: Message) -> Explained {
        Explained { message, hint: Some(hint), at: None }
    }
}

/// Turns serde's wording into plain words, with a hint that shows the corrected line.
fn explain(raw: &str, text: &str, line: usize) -> Explained {
    let (path, rest) = split_path(raw);
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    // `outputs[1]` → `outputs`: the writer knows the key, not the place in the list.
    let shown_key: String = path.split('[').next().unwrap_or(path).to_string();
    if let Some(field) = between(rest, "unknown field `", "`") {
        let expected = expected_names(rest);
        let hint = match did_you_mean(field, expected.iter().map(String::as_str)) {
            Some(best) => {
                msg!(
                    "yaml-unknown-key-fix",
                    line = fixes::replace_word(text, line, field, best),
                    allowed = expected.join(", ")
                )
            }
            None => msg!("yaml-allowed-keys", allowed = expected.join(", ")),
        };
        let at = fixes::find_word(text, line, field).map(|c| (line, c));
        return Explained { message: msg!("yaml-unknown-key", key = field), hint: Some(hint), at };
    }
    if let Some(variant) = between(rest, "unknown variant `", "`") {
        let expected = expected_names(rest);
        let hint = match did_you_mean(variant, expected.iter().map(String::as_str)) {
            Some(best) => msg!(
                "yaml-unknown-value-fix",
                line = fixes::replace_word(text, line, variant, best),
                allowed = expected.join(", ")
            ),
            None => msg!("yaml-allowed-values", allowed = expected.join(", ")),
        };
        return Explained::new(msg!("yaml-unknown-value", value = variant, key = shown_key), hint);
    }
    if let Some(field) = between(rest, "missing field `", "`") {
        let message = match shown_key.as_str() {
            "" => msg!("yaml-missing-key", key = field),
            parent => msg!("yaml-missing-key-in", key = field, parent = parent),
        };
        return Explained::new(message, msg!("yaml-missing-key-hint", key = field));
    }
    if let Some(field) = between(rest, "duplicate field `", "`") {
        let at = fixes::second_key(text, field);
        let hint = msg!("yaml-duplicate-key-hint", key = field);
        return Explained { message: msg!("yaml-duplicate-key", key = field), hint: Some(hint), at };
    }
    if let Some(kinds) = rest.strip_prefix("invalid type: ") {
        return wrong_kind(kinds, key, &shown_key, text, line);
    }
    if rest.contains("mapping values are not allowed") {
        return fixes::colon_in_value(text, line);
    }
    if rest.contains("while scanning a quoted scalar") {
        let at = fixes::while_at(rest);
        let open = at.map_or(line, |(l, _)| l);
        let hint = msg!("yaml-quote-open-hint", line = format!("{}\"", fixes::line(text, open).trim_end()));
        return Explained { message: msg!("yaml-quote-open"), hint: Some(hint), at };
    }
    if rest.contains("while parsing a flow sequence") || rest.contains("while parsing a flow mapping") {
        let at = fixes::while_at(rest);
        let open = at.map_or(line, |(l, _)| l);
        let close = if rest.contains("flow sequence") { "]" } else { "}" };
        let hint = msg!("yaml-bracket-open-hint", line = format!("{}{close}", fixes::line(text, open).trim_end()));
        return Explained { message: msg!("yaml-bracket-open", bracket = close), hint: Some(hint), at };
    }
    if rest.contains("recursion limit") || rest.contains("repetition limit") {
        return Explained::new(msg!("yaml-too-deep"), msg!("yaml-too-deep-hint"));
    }
    let quoted = fixes::line(text, line).trim().to_string();
    Explained::new(msg!("yaml-unreadable", line = quoted), msg!("yaml-unreadable-hint"))
}

/// `invalid type: string "111, 30/7", expected a sequence`: the value is of another kind
/// than the key takes; the hint shows the line as it should be written.
fn wrong_kind(kinds: &str, key: &str, shown_key: &str, text: &str, line: usize) -> Explained {
    let (found, expected) = kinds.rsplit_once(", expected ").unwrap_or((kinds, ""));
    let value = found.strip_prefix("string ").map(|v| v.trim_matches('"').replace("\\\"", "\""));
    let indent: String = fixes::line(text, line).chars().take_while(|c| *c == ' ').collect();
    let write = |v: String| format!("{indent}{key}: {v}");
    if key.is_empty() {
        // `title Gọi 111`: the colon is missing; show the line with it.
        let body = fixes::line(text, line).trim();
        let hint = match body.split_once(' ') {
            Some((k, v)) if !body.contains(':') && k.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                msg!("yaml-write", line = format!("{indent}{k}: {}", v.trim()))
            }
            _ => msg!("yaml-not-keys-hint"),
        };
        return Explained::new(msg!("yaml-not-keys"), hint);
    }
    let (kind, fixed) = if expected.contains("sequence") {
        let items: Vec<String> = match &value {
            Some(v) => v.split(',').map(str::trim).filter(|p| !p.is_empty()).map(fixes::quote).collect(),
            None => vec![fixes::quote("...")],
        };
        (msg!("yaml-kind-list"), write(format!("[{}]", items.join(", "))))
    } else if expected.contains("boolean") {
        let yes = value.as_deref().is_some_and(fixes::means_yes);
        (msg!("yaml-kind-yes-no"), write(if yes { "true" } else { "false" }.to_string()))
    } else if expected.contains("string") {
        (msg!("yaml-kind-text"), write(fixes::quote(&fixes::value_text(text, line, key))))
    } else if ["i64", "u32", "u64", "usize", "f64", "i32", "u8", "u16", "integer", "float"]
        .iter()
        .any(|t| expected.contains(t))
    {
        let digits: String = value.as_deref().unwrap_or("").chars().filter(char::is_ascii_digit).collect();
        (msg!("yaml-kind-number"), write(if digits.is_empty() { "1".into() } else { digits }))
    } else if key == "review" {
        (msg!("yaml-kind-group"), write(format!("{{status: {}}}", value.as_deref().unwrap_or("draft"))))
    } else {
        (msg!("yaml-kind-group"), write("{...}".to_string()))
    };
    let message = match &value {
        Some(v) => msg!("yaml-wrong-kind", key = shown_key, value = v.as_str(), kind = kind),
        None => msg!("yaml-wrong-kind-other", key = shown_key, kind = kind),
    };
    Explained::new(message, msg!("yaml-write", line = fixed.trim_end()))
}

/// serde_yaml prefixes nested errors with the key path: "review.status: unknown variant ...".
fn split_path(raw: &str) -> (&str, &str) {
    if let Some((head, tail)) = raw.split_once(": ") {
        let looks_like_path =
            !head.is_empty() && !head.contains(' ') && head.chars().all(|c| c.is_alphanumeric() || "_.[]-".contains(c));
        if looks_like_path {
            return (head, tail);
        }
    }
    ("", raw)
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

fn expected_names(msg: &str) -> Vec<String> {
    let Some(i) = msg.find("expected") else {
        return Vec::new();
    };
    msg[i..].split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// Where each key of a YAML text is, kept from loading so that checks made later (a value out of
/// range, a broken link in `aliases`) point at the right line and column without reading the
/// file again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyPositions {
    /// (key, one-based file line, one-based column), in the order written.
    keys: Vec<(String, usize, usize)>,
}

impl KeyPositions {
    /// Scans `text` (whose first line is line `first_line` of its file) for keys in block style
    /// and in flow mappings, skipping quoted text and comments.
    pub fn scan(text: &str, first_line: usize) -> KeyPositions {
        let mut keys = Vec::new();
        for (i, line) in text.lines().enumerate() {
            for (col, key) in keys_on_line(line) {
                keys.push((key, first_line + i, col));
            }
        }
        KeyPositions { keys }
    }

    /// Line and column of the first occurrence of `key`.
    pub fn get(&self, key: &str) -> Option<(usize, usize)> {
        self.keys.iter().find(|(k, _, _)| k == key).map(|&(_, l, c)| (l, c))
    }

    /// Line and column of the first `key` written after `parent` (`copies: {poster: -1}` when
    /// `poster:` also opens the poster's options above it).
    pub fn get_in(&self, parent: &str, key: &str) -> Option<(usize, usize)> {
        let start = self.keys.iter().position(|(k, _, _)| k == parent)?;
        self.keys[start + 1..].iter().find(|(k, _, _)| k == key).map(|&(_, l, c)| (l, c))
    }
}

/// `(column, key)` of every `key:` on one line that stands where a key can stand.
fn keys_on_line(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut key_may_start = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(q) = quote {
            if c == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match c {
            '#' if i == 0 || chars[i - 1] == ' ' => break,
            '"' | '\'' => {
                quote = Some(c);
                key_may_start = false;
            }
            ' ' | '\t' => {}
            '{' | ',' => key_may_start = true,
            // A list item or complex key marker only at the start of the line: `- key: v`.
            '-' | '?' => key_may_start = chars[..i].iter().all(|&p| p == ' ' || p == '-'),
            _ if key_may_start && (c.is_alphanumeric() || c == '_') => {
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '-') {
                    i += 1;
                }
                let mut j = i;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                let colon = j < chars.len() && chars[j] == ':';
                let value_follows = chars.get(j + 1).is_none_or(|&n| n == ' ' || n == '}' || n == ',');
                if colon && value_follows {
                    out.push((start + 1, chars[start..i].iter().collect()));
                    i = j + 1;
                    key_may_start = false;
                    continue;
                }
                key_may_start = false;
                continue;
            }
            _ => key_may_start = false,
        }
        i += 1;
    }
    out
}

/// One-based line of `key` in a YAML text (see [`position_of_key`]).
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    position_of_key(text, key).map(|(line, _)| line)
}

/// One-based line and column of what is written after the first `key:` (its value), or of the
/// key itself when its value starts on the next line: a finding about a value points at it.
pub fn position_of_value(text: &str, key: &str) -> Option<(usize, usize)> {
    let (line, col) = position_of_key(text, key)?;
    let written = text.lines().nth(line - 1)?;
    let after_key: String = written.chars().skip(col - 1 + key.chars().count()).collect();
    let Some(rest) = after_key.trim_start_matches(' ').strip_prefix(':') else { return Some((line, col)) };
    let value = rest.trim_start_matches(' ');
    if value.is_empty() || value.starts_with('#') {
        return Some((line, col));
    }
    let skipped = after_key.chars().count() - value.chars().count();
    Some((line, col + key.chars().count() + skipped))
}

/// One-based line and column of the first `key:` in a YAML text, in block style (`key: v` at
/// the start of a line or after `- `) or inside a flow mapping (`{a: 1, key: v}`). Used for
/// errors found after parsing (a value out of range), where serde no longer knows positions.
pub fn position_of_key(text: &str, key: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(found) = line[from..].find(key) {
            let at = from + found;
            let before = line[..at].trim_end_matches(' ');
            let starts = before.is_empty() || before.ends_with(['{', ',', '-', '?']);
            let after = line[at + key.len()..].trim_start_matches(' ');
            if starts && after.starts_with(':') {
                return Some((i + 1, line[..at].chars().count() + 1));
            }
            from = at + key.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        #[serde(default)]
        draft: bool,
    }

    fn origin() -> Origin<'static> {
        Origin { file: Path::new("content/a.md"), first_line: 2 }
    }

    #[test]
    fn key_positions_skip_quoted_text_and_comments() {
        let text =
            "title: \"a, b: c\"  # d: e\nbroadcast: {times: 2, repeat: 9}\naliases:\n  - x\nreview:\n  status: draft\n";
        let keys = KeyPositions::scan(text, 2);
        assert_eq!(keys.get("title"), Some((2, 1)));
        assert_eq!(keys.get("b"), None, "inside quotes");
        assert_eq!(keys.get("d"), None, "inside a comment");
        assert_eq!(keys.get("repeat"), Some((3, 23)));
        assert_eq!(keys.get("status"), Some((7, 3)));
        assert_eq!(keys.get("x"), None, "a list value, not a key");
    }

    #[test]
    fn keys_are_found_in_block_and_flow_style() {
        let text = "title: A\nbroadcast: {times: 2, repeat: 9}\nlist:\n  - repeat: 3\nnot_repeat: 1\n";
        assert_eq!(position_of_key(text, "title"), Some((1, 1)));
        assert_eq!(position_of_key(text, "repeat"), Some((2, 23)));
        assert_eq!(position_of_key("a:\n  - repeat: 3\n", "repeat"), Some((2, 5)));
        assert_eq!(position_of_key("not_repeat: 1\n", "repeat"), None);
    }

    fn en(d: &Diagnostic) -> String {
        d.render(&crate::messages::Texts::new(crate::messages::Lang::En), false)
    }

    #[test]
    fn unknown_key_points_at_file_line_with_hint() {
        let err = parse::<Fm>("title: x\ntitel: y\n", origin()).unwrap_err();
        assert_eq!(
            en(&err),
            "error: content/a.md:3:1: unknown key `titel`\n  hint: write: `title: y` (the keys allowed here: title, draft)"
        );
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = parse::<Fm>("draft: true\n", origin()).unwrap_err();
        assert_eq!((err.message.id, err.message.text_arg("key")), ("yaml-missing-key", Some("title")));
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let err = parse::<Fm>("  \n", origin()).unwrap_err();
        assert_eq!(err.message.text_arg("key"), Some("title"));
    }

    #[test]
    /// Issue 12: a finding about a value names its column too (`date: 30/7/2026` → 3:7).
    fn finds_value_columns() {
        let text = "title: A\ndate:   30/7/2026\nbroadcast:\n  repeat: 9\n- {a: 1, tags: x}\n";
        assert_eq!(position_of_value(text, "date"), Some((2, 9)));
        assert_eq!(position_of_value(text, "broadcast"), Some((3, 1)));
        assert_eq!(position_of_value(text, "repeat"), Some((4, 11)));
        assert_eq!(position_of_value(text, "tags"), Some((5, 16)));
        assert_eq!(position_of_value("tiêu: đề\n", "tiêu"), Some((1, 7)));
        assert_eq!(position_of_value(text, "nothing"), None);
    }

    #[test]
    fn finds_key_lines() {
        assert_eq!(line_of_key("a: 1\n  b : 2\n", "b"), Some(2));
        assert_eq!(line_of_key("ab: 1\n", "a"), None);
    }
}
