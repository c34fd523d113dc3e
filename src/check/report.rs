//! What `loa check` shows: human text grouped by file, or JSON with a stable schema
//! (`docs/check-json.md`, `docs/check.schema.json`). Returns strings; the binary prints them.

use super::Report;
use super::translations;
use crate::messages::Texts;
use crate::msg;
use serde_json::{Value, json};

/// Version of the JSON schema; raised only when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

pub fn json(report: &Report, texts: &Texts) -> Value {
    json!({
        "version": JSON_VERSION,
        "tool": format!("loa {}", env!("CARGO_PKG_VERSION")),
        "errors": report.errors(),
        "warnings": report.warnings(),
        "files": report.files,
        "pages": report.pages,
        "language": texts.lang().code(),
        "diagnostics": report.diagnostics.iter().map(|d| d.to_json(texts)).collect::<Vec<_>>(),
        "translations": report.translations,
        "fixed": report.fixed,
    })
}

/// Human text: findings grouped under their file, then the translation summary, then one line
/// with the totals.
pub fn text(report: &Report, texts: &Texts, color: bool) -> String {
    let (bold, off) = if color { ("\x1b[1m", "\x1b[0m") } else { ("", "") };
    let mut out = String::new();
    for f in &report.fixed {
        out.push_str(&texts.get(&msg!("check-fixed", file = &f.file, lines = f.lines, backup = &f.backup)));
        out.push('\n');
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
                None => out.push_str(&format!("{bold}{}{off}\n", texts.get(&msg!("check-whole-site")))),
            }
            current = Some(file);
        }
        out.push_str(&d.render(texts, color));
        out.push('\n');
    }
    if let Some(m) = &report.translations
        && !m.pages.is_empty()
    {
        if !report.diagnostics.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{bold}{}{off}\n", texts.get(&msg!("check-translations"))));
        out.push_str(&translations::table(m, texts));
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report, texts, color));
    out.push('\n');
    out
}

/// "2 errors, 1 warning in 3 files (12 pages checked)".
pub fn summary(report: &Report, texts: &Texts, color: bool) -> String {
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
    if report.diagnostics.is_empty() {
        let verdict = texts.get(&msg!("check-no-problems"));
        return format!("{on}{verdict}{off} {}", texts.get(&msg!("check-pages-checked", pages = report.pages)));
    }
    let totals = texts.get(&msg!("check-totals", errors = report.errors(), warnings = report.warnings()));
    let rest = texts.get(&msg!("check-totals-rest", files = files, pages = report.pages));
    format!("{on}{totals}{off}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    #[test]
    fn groups_by_file_and_sums_up() {
        let report = Report {
            diagnostics: vec![
                Diagnostic::warning("translation", msg!("tr-missing-pages-hint", lang = "hmn")),
                Diagnostic::error("link", msg!("check-whole-site")).in_file("content/a.md").at_line(3),
                Diagnostic::warning("image", msg!("check-translations"))
                    .in_file("content/a.md")
                    .at_line(5)
                    .with_hint(msg!("check-no-problems")),
                Diagnostic::error("privacy", msg!("tr-page")).in_file("content/b.md").at(2, 4),
            ],
            pages: 2,
            ..Report::default()
        };
        let en = Texts::new(crate::messages::Lang::En);
        assert_eq!(
            text(&report, &en, false),
            "(whole site)\nwarning: readers of `hmn` see these pages in the default language; add NAME.hmn.md files to translate them\n\ncontent/a.md\nerror: content/a.md:3: (whole site)\nwarning: content/a.md:5: Translations\n  hint: no problems found\n\ncontent/b.md\nerror: content/b.md:2:4: page\n\n2 errors, 2 warnings in 2 files (2 pages checked)\n"
        );
        assert_eq!(summary(&Report::default(), &en, false), "no problems found (0 pages checked)");
        // Issue 12: Vietnamese by default, numbers as Vietnamese write them.
        let vi = en.in_lang(crate::messages::Lang::Vi);
        let many = Report { pages: 1533, ..Report::default() };
        assert_eq!(summary(&many, &vi, false), "không thấy vấn đề nào (đã kiểm tra 1.533 trang)");
        assert_eq!(summary(&report, &vi, false), "2 lỗi, 2 cảnh báo trong 2 tệp (đã kiểm tra 2 trang)");
        let j = json(&report, &en);
        assert_eq!(j["version"], 1);
        assert_eq!(j["errors"], 2);
        assert_eq!(j["diagnostics"][3]["line"], 2);
        assert_eq!(j["diagnostics"][3]["message"], "page");
        assert_eq!(j["diagnostics"][3]["message_id"], "tr-page");
    }
}
