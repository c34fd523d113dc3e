//! Small text repairs for YAML errors: the corrected line a hint shows, and the two things
//! people write that YAML reads otherwise than they meant (a tab in the indentation, curly
//! quotes from Word or Zalo).

use super::Explained;
use crate::msg;
use std::borrow::Cow;

/// Line `n` (one-based) of `text`, or "".
pub(super) fn line(text: &str, n: usize) -> &str {
    text.lines().nth(n.saturating_sub(1)).unwrap_or("")
}

/// The first tab in a line's indentation: YAML forbids it there, and it is invisible.
pub(super) fn indentation_tab(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let col = l.chars().take_while(|c| *c == ' ' || *c == '\t').position(|c| c == '\t')?;
        Some((i + 1, col + 1))
    })
}

/// Opening and closing curly quotes that word processors and chat apps put where the writer
/// typed `"` or `'`.
const CURLY: [(char, char); 5] = [('“', '”'), ('”', '”'), ('„', '“'), ('‘', '’'), ('«', '»')];

/// Values written between curly quotes (`title: “Ngày 30/7”`, `tags: [“111”, “30/7”]`) are
/// read as quoted text, as the writer meant: the quotes go, the text between them stays (with
/// `:` or `#` in it, as quotes allow). Curly quotes inside a text are left as they are.
pub(super) fn straighten_quotes(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| CURLY.iter().any(|(o, _)| *o == c)) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(straighten_line).collect();
    Cow::Owned(lines.join("\n"))
}

fn straighten_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    // Closing quotes known to have no end after a position: a later opening quote of the same
    // kind has none either, so a line full of quotes is read once, not once per quote (the
    // fuzzer found a line that took over 20 s).
    let mut no_end_after: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let close = CURLY.iter().find(|(o, _)| *o == c).map(|(_, cl)| *cl);
        let known_open = |close: char| no_end_after.iter().any(|&(k, from)| k == close && from <= i);
        if let Some(close) = close.filter(|&cl| !known_open(cl) && value_starts_at(&chars, i)) {
            let end = (i + 1..chars.len()).find(|&j| chars[j] == close && value_ends_at(&chars, j + 1));
            if let Some(end) = end {
                let inner: String = chars[i + 1..end].iter().collect();
                out.push_str(&quote(&inner));
                i = end + 1;
                continue;
            }
            no_end_after.push((close, i));
        }
        out.push(c);
        i += 1;
    }
    out
}

/// A value may start here: after `key: `, `- `, `[`, `{` or `, ` (spaces skipped).
fn value_starts_at(chars: &[char], i: usize) -> bool {
    match chars[..i].iter().rev().find(|c| !c.is_whitespace()) {
        None => true,
        Some(c) => matches!(c, ':' | '-' | '[' | '{' | ','),
    }
}

/// A value may end here: end of line, a comment, or `,` `]` `}`.
fn value_ends_at(chars: &[char], j: usize) -> bool {
    match chars[j.min(chars.len())..].iter().find(|c| !c.is_whitespace()) {
        None => true,
        Some(c) => matches!(c, '#' | ',' | ']' | '}'),
    }
}

/// `s` between straight double quotes, as YAML reads it back.
pub(super) fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Column (one-based, in characters) of `word` as a whole word on line `n`.
pub(super) fn find_word(text: &str, n: usize, word: &str) -> Option<usize> {
    // An empty word is found everywhere and the search below would never move on (the fuzzer
    // found a loa.yaml whose error named an empty key).
    if word.is_empty() {
        return None;
    }
    let l = line(text, n);
    let mut from = 0;
    while let Some(i) = l[from..].find(word) {
        let at = from + i;
        let before = l[..at].chars().next_back();
        let after = l[at + word.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
        if edge(before) && edge(after) {
            return Some(l[..at].chars().count() + 1);
        }
        from = at + word.len();
    }
    None
}

/// Line `n` with the whole word `from` replaced by `to` (the line as it should be written).
pub(super) fn replace_word(text: &str, n: usize, from: &str, to: &str) -> String {
    let l = line(text, n);
    match find_word(text, n, from) {
        Some(col) => {
            let at = l.char_indices().nth(col - 1).map_or(0, |(b, _)| b);
            format!("{}{to}{}", &l[..at], &l[at + from.len()..]).trim_end().to_string()
        }
        None => l.trim_end().to_string(),
    }
}

/// Where `key:` is written a second time.
pub(super) fn second_key(text: &str, key: &str) -> Option<(usize, usize)> {
    let keys = super::KeyPositions::scan(text, 1);
    keys.keys.iter().filter(|(k, _, _)| k == key).nth(1).map(|&(_, l, c)| (l, c))
}

/// `… while scanning a quoted scalar at line 1 column 8`: where the unclosed thing began.
pub(super) fn while_at(raw: &str) -> Option<(usize, usize)> {
    let tail = &raw[raw.find(" while ")?..];
    let at = tail.find(" at line ")?;
    let mut nums = tail[at + " at line ".len()..].split(" column ");
    let line = nums.next()?.trim().parse().ok()?;
    let col = nums.next()?.chars().take_while(char::is_ascii_digit).collect::<String>().parse().ok()?;
    Some((line, col))
}

/// Words for "yes" a writer may put after `draft:`.
pub(super) fn means_yes(v: &str) -> bool {
    matches!(v.trim().to_lowercase().as_str(), "yes" | "y" | "on" | "1" | "có" | "co" | "đúng" | "dung" | "true")
}

/// The text after `key:` on line `n`, without list or group brackets.
pub(super) fn value_text(text: &str, n: usize, key: &str) -> String {
    let l = line(text, n);
    let after = l.split_once(&format!("{key}:")).map_or(l, |(_, v)| v);
    after.trim().trim_start_matches(['[', '{']).trim_end_matches([']', '}']).trim().to_string()
}

/// `title: Gọi 111: miễn phí`: a second `: ` inside a value. The writer meant text: put it in
/// quotes. A line that is indented under a value (not under a key) gets its spaces removed.
pub(super) fn colon_in_value(text: &str, n: usize) -> Explained {
    let l = line(text, n);
    let previous = line(text, n.saturating_sub(1)).trim_end();
    let indented = l.starts_with(' ') && n > 1 && !previous.ends_with(':') && !previous.trim_start().starts_with('-');
    if indented {
        return Explained::new(msg!("yaml-indented"), msg!("yaml-write", line = l.trim()));
    }
    let Some((key, value)) = l.split_once(": ") else {
        return Explained::new(msg!("yaml-unreadable", line = l.trim()), msg!("yaml-unreadable-hint"));
    };
    let fixed = format!("{key}: {}", quote(value.trim()));
    let col = key.chars().count() + 3;
    Explained {
        message: msg!("yaml-colon-in-value", key = key.trim()),
        hint: Some(msg!("yaml-colon-in-value-hint", line = fixed)),
        at: Some((n, col)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 12: curly quotes from Word or Zalo are read as the quotes the writer typed.
    #[test]
    fn curly_quotes_around_values_become_quotes() {
        assert_eq!(straighten_quotes("title: “Ngày 30/7”\n"), "title: \"Ngày 30/7\"\n");
        assert_eq!(straighten_quotes("title: “Gọi 111: miễn phí”"), "title: \"Gọi 111: miễn phí\"");
        assert_eq!(straighten_quotes("tags: [“111”, ‘30/7’]"), "tags: [\"111\", \"30/7\"]");
        assert_eq!(straighten_quotes("  - “a \"b\"”  # c"), "  - \"a \\\"b\\\"\"  # c");
        // Inside a text they are the writer's own punctuation.
        assert_eq!(straighten_quotes("title: Chị “H” kể lại"), "title: Chị “H” kể lại");
        assert_eq!(straighten_quotes("title: “chưa đóng"), "title: “chưa đóng");
    }

    /// Issue 12: a tab is invisible; it is named with its line and column.
    #[test]
    fn tabs_in_indentation_are_found() {
        assert_eq!(indentation_tab("title: A\nreview:\n\tstatus: draft\n"), Some((3, 1)));
        assert_eq!(indentation_tab("a:\n  \tb: 1\n"), Some((2, 3)));
        assert_eq!(indentation_tab("title:\tA\n"), None, "a tab after the key is allowed");
    }

    /// Issue 10 (found by `bench/fuzz.sh`): an error naming an empty key looped for ever, and a
    /// line full of curly quotes was read once per quote (over 20 s for a small loa.yaml).
    #[test]
    fn repairs_end_on_any_line() {
        assert_eq!(find_word("a: 1\n: 2\n", 2, ""), None);
        assert_eq!(replace_word(": 2\n", 1, "", "x"), ": 2");
        let line = format!("title: {}", "“ ".repeat(50_000));
        assert_eq!(straighten_quotes(&line), line);
        let closed = format!("tags: [{}]", vec!["“a”"; 20_000].join(", "));
        assert_eq!(straighten_quotes(&closed), format!("tags: [{}]", vec!["\"a\""; 20_000].join(", ")));
    }

    #[test]
    fn corrected_lines() {
        assert_eq!(replace_word("x: 1\noutputs: [web, postr]\n", 2, "postr", "poster"), "outputs: [web, poster]");
        assert_eq!(replace_word("titel: y", 1, "titel", "title"), "title: y");
        assert_eq!(while_at("x at line 3 column 1, while parsing a flow sequence at line 2 column 7"), Some((2, 7)));
    }
}
