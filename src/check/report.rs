//! What `loa check` shows: human text grouped by file, or JSON with a stable schema
//! (`docs/check-json.md`, `docs/check.schema.json`). Returns strings; the binary prints them.

use super::Report;
use super::translations;
use serde_json::{Value, json};

/// Version of the JSON schema; raised only when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

pub fn json(report: &Report) -> Value {
    json!({
        "version": JSON_VERSION,
        "tool": format!("loa {}", env!("CARGO_PKG_VERSION")),
        "errors": report.errors(),
        "warnings": report.warnings(),
        "files": report.files,
        "pages": report.pages,
        "diagnostics": report.diagnostics,
        "translations": report.translations,
        "fixed": report.fixed,
    })
}

/// Human text: findings grouped under their file, then the translation summary, then one line
/// with the totals.
pub fn text(report: &Report, color: bool) -> String {
    let (bold, off) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let mut out = String::new();
    for f in &report.fixed {
        out.push_str(&format!(
            "converted {} to Unicode ({} line{}); the original is kept as {}\n",
            f.file.display(),
            f.lines,
            if f.lines == 1 { "" } else { "s" },
            f.backup.display()
        ));
    }
    if !report.fixed.is_empty() {
        out.push('\n');
    }
    let mut current: Option<Option<&std::path::Path>> = None;
    for d in &report.diagnostics {
        let file = d.file.as_deref();
        if current != Some(file) {
            if current.is_some() {
                out.push('\n');
            }
            match file {
                Some(f) => out.push_str(&format!("{bold}{}{off}\n", f.display())),
                None => out.push_str(&format!("{bold}(whole site){off}\n")),
            }
            current = Some(file);
        }
        out.push_str(&d.render(color));
        out.push('\n');
    }
    if let Some(m) = &report.translations
        && !m.pages.is_empty()
    {
        if !report.diagnostics.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{bold}Translations{off}\n"));
        out.push_str(&translations::table(m));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report, color));
    out.push('\n');
    out
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// "2 errors, 1 warning in 3 files (12 pages checked)".
pub fn summary(report: &Report, color: bool) -> String {
    let files = {
        let mut f: Vec<_> = report.diagnostics.iter().filter_map(|d| d.file.as_ref()).collect();
        f.dedup();
        f.len()
    };
    let (on, off) = match (color, report.errors(), report.warnings()) {
        (false, _, _) => ("", ""),
        (true, 0, 0) => ("\x1b[1;32m", "\x1b[0m"),
        (true, 0, _) => ("\x1b[1;33m", "\x1b[0m"),
        (true, _, _) => ("\x1b[1;31m", "\x1b[0m"),
    };
    let pages = plural(report.pages, "page");
    if report.diagnostics.is_empty() {
        return format!("{on}no problems found{off} ({pages} checked)");
    }
    let place = if files == 0 { String::new() } else { format!(" in {}", plural(files, "file")) };
    format!(
        "{on}{}, {}{off}{place} ({pages} checked)",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn groups_by_file_and_sums_up() {
        let report = Report {
            diagnostics: vec![
                Diagnostic::warning("translation", "1 of 2 pages have no `hmn` version: a"),
                Diagnostic::error("link", "x").in_file("content/a.md").at_line(3),
                Diagnostic::warning("image", "y").in_file("content/a.md").at_line(5).with_hint("h"),
                Diagnostic::error("privacy", "z").in_file("content/b.md").at(2, 4),
            ],
            pages: 2,
            ..Report::default()
        };
        assert_eq!(
            text(&report, false),
            "(whole site)\nwarning: 1 of 2 pages have no `hmn` version: a\n\ncontent/a.md\nerror: content/a.md:3: x\nwarning: content/a.md:5: y\n  hint: h\n\ncontent/b.md\nerror: content/b.md:2:4: z\n\n2 errors, 2 warnings in 2 files (2 pages checked)\n"
        );
        assert_eq!(summary(&Report::default(), false), "no problems found (0 pages checked)");
        let j = json(&report);
        assert_eq!(j["version"], 1);
        assert_eq!(j["errors"], 2);
        assert_eq!(j["diagnostics"][3]["line"], 2);
    }
}
