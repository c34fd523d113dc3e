//! Bounds checked on a YAML text before the YAML reader sees it (issue 10).
//!
//! The reader's time grows with the square of how deeply brackets nest (`tags: [[[[…]]]]` with
//! 100,000 levels kept `loa check` busy for 50 s before it said anything), so the depth is
//! measured first, in one pass, and a text that goes beyond the bound is refused at the bracket
//! that does.

/// Line and column (one-based, in characters) of the first `[` or `{` that opens a bracket
/// deeper than `max`, or `None` when the text stays within it.
///
/// Brackets count where YAML reads them as brackets: anywhere inside brackets, and outside them
/// only where a value starts (after `key: `, `- `, `? ` or at the start of a line), so a title
/// such as `Gọi [111]` or an apostrophe in plain text never counts. Quoted text and comments are
/// skipped.
pub(crate) fn bracket_depth_beyond(text: &str, max: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut col) = (1usize, 0usize);
    let mut quote: Option<char> = None;
    let mut escaped = false;
    let mut comment = false;
    // The last character that was not a space on this line ('\n' at the start of a line), and
    // whether the character just before was a space (or the start of the line).
    let mut last_mark = '\n';
    let mut after_space = true;
    for c in text.chars() {
        if c == '\n' {
            line += 1;
            col = 0;
            comment = false;
            last_mark = '\n';
            after_space = true;
            continue;
        }
        col += 1;
        if comment {
            continue;
        }
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if q == '"' && c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
                last_mark = c;
                after_space = false;
            }
            continue;
        }
        let value_starts = if depth > 0 {
            matches!(last_mark, '[' | '{' | ',' | ':' | '\n')
        } else {
            after_space && matches!(last_mark, '\n' | ':' | '-' | '?')
        };
        match c {
            ' ' | '\t' => {
                after_space = true;
                continue;
            }
            '#' if after_space => {
                comment = true;
                continue;
            }
            '"' | '\'' if value_starts => quote = Some(c),
            '[' | '{' if depth > 0 || value_starts => {
                depth += 1;
                if depth > max {
                    return Some((line, col));
                }
            }
            ']' | '}' if depth > 0 => depth -= 1,
            _ => {}
        }
        last_mark = c;
        after_space = false;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::bracket_depth_beyond;

    fn nested(n: usize) -> String {
        format!("title: A\ntags: {}x{}\n", "[".repeat(n), "]".repeat(n))
    }

    #[test]
    fn real_settings_pass() {
        for text in [
            "title: A\ntags: [\"111\", \"30/7\"]\n",
            "languages:\n  - {code: vi, name: \"Tiếng Việt\"}\n  - {code: hmn, name: Hmoob}\n",
            "privacy: {allow: [{number: \"0912\", why: \"số của [xã]\"}]}\n",
            "broadcast: {times: [\"05:30\", \"17:00\"]}\n",
            "outputs:\n  - web\n  - [print]\n",
        ] {
            assert_eq!(bracket_depth_beyond(text, 3), None, "{text}");
        }
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&format!("k{i}: Gọi [111 {{ ngay # {i}\n"));
        }
        text.push_str("title: 'it''s [[[[[[[[[[[[[[[[[['\n");
        text.push_str("quote: \"\\\" [[[[[[[[[[[[[[[[[[[[[[\"\n");
        text.push_str("# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n");
        assert_eq!(bracket_depth_beyond(&text, 3), None);
    }

    #[test]
    fn the_bracket_that_goes_too_deep_is_named() {
        assert_eq!(bracket_depth_beyond(&nested(16), 16), None);
        assert_eq!(bracket_depth_beyond(&nested(17), 16), Some((2, 23)));
        assert_eq!(bracket_depth_beyond(&nested(100_000), 16), Some((2, 23)));
        let mixed = format!("a:\n  - {}\n", "{b: [".repeat(20));
        assert_eq!(bracket_depth_beyond(&mixed, 16), Some((2, 45)));
    }
}
