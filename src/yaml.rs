//! YAML → typed values, with errors that point into the user's file.
//!
//! serde_yaml reports positions inside the YAML text it was given. Front matter starts a few
//! lines into its Markdown file, so callers pass `first_line` and we shift the position to the
//! line the editor sees. Unknown keys get a "did you mean" hint.

use crate::diag::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a YAML text sits in its file.
#[derive(Debug, Clone, Copy)]
pub struct Origin<'a> {
    pub file: &'a Path,
    /// One-based line in the file of the YAML text's first line.
    pub first_line: usize,
}

pub fn parse<T: DeserializeOwned>(text: &str, origin: Origin<'_>) -> Result<T, Diagnostic> {
    // An empty document is `null` to serde_yaml; treat it as an empty mapping so that a file with
    // only optional keys (or none) still loads and the "missing key" error names the key.
    let source = if text.trim().is_empty() { "{}" } else { text };
    serde_yaml::from_str(source).map_err(|e| to_diagnostic(&e, origin))
}

fn to_diagnostic(err: &serde_yaml::Error, origin: Origin<'_>) -> Diagnostic {
    let raw = strip_position(&err.to_string());
    let (message, hint) = explain(&raw);
    let mut d = Diagnostic::error("yaml", message).in_file(origin.file);
    if let Some(loc) = err.location() {
        d = d.at(origin.first_line + loc.line() - 1, loc.column());
    }
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// serde_yaml appends " at line N column M"; we report the position ourselves.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// Turns serde's wording into plain words, with a hint on how to fix it.
fn explain(raw: &str) -> (String, Option<String>) {
    let (path, rest) = split_path(raw);
    let place = if path.is_empty() { String::new() } else { format!(" (in `{path}`)") };
    if let Some(field) = between(rest, "unknown field `", "`") {
        let expected = expected_names(rest);
        let hint = match did_you_mean(field, expected.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? Allowed keys: {}", expected.join(", ")),
            None => format!("allowed keys: {}", expected.join(", ")),
        };
        return (format!("unknown key `{field}`{place}"), Some(hint));
    }
    if let Some(variant) = between(rest, "unknown variant `", "`") {
        let expected = expected_names(rest);
        let hint = match did_you_mean(variant, expected.iter().map(String::as_str)) {
            Some(best) => format!("did you mean `{best}`? Allowed values: {}", expected.join(", ")),
            None => format!("allowed values: {}", expected.join(", ")),
        };
        return (format!("`{variant}` is not an allowed value{place}"), Some(hint));
    }
    if let Some(field) = between(rest, "missing field `", "`") {
        return (
            format!("the required key `{field}` is missing{place}"),
            Some(format!("add a line such as `{field}: ...`")),
        );
    }
    if rest.starts_with("invalid type") {
        return (
            format!("wrong kind of value{place}: {}", rest.trim_start_matches("invalid type: ")),
            Some("check the value's form: text, a number, true/false, or a list `[a, b]`".into()),
        );
    }
    if rest.contains("did not find expected") || rest.contains("mapping values are not allowed") {
        return (
            format!("the YAML is malformed{place}: {rest}"),
            Some("each line should read `key: value`; put text that contains `:` or `#` in quotes".into()),
        );
    }
    (format!("{rest}{place}"), None)
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

    #[test]
    fn unknown_key_points_at_file_line_with_hint() {
        let err = parse::<Fm>("title: x\ntitel: y\n", origin()).unwrap_err();
        assert_eq!(
            err.render(false),
            "error: content/a.md:3:1: unknown key `titel`\n  hint: did you mean `title`? Allowed keys: title, draft"
        );
    }

    #[test]
    fn missing_required_key_is_named() {
        let err = parse::<Fm>("draft: true\n", origin()).unwrap_err();
        assert!(err.message.contains("required key `title`"), "{}", err.message);
    }

    #[test]
    fn empty_text_is_an_empty_mapping() {
        let err = parse::<Fm>("  \n", origin()).unwrap_err();
        assert!(err.message.contains("`title`"));
    }

    #[test]
    fn finds_key_lines() {
        assert_eq!(line_of_key("a: 1\n  b : 2\n", "b"), Some(2));
        assert_eq!(line_of_key("ab: 1\n", "a"), None);
    }
}
