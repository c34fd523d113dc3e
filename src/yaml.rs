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

/// One-based line of `key:` at the start of a line, for errors found after parsing.
pub fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map(|i| i + 1)
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
