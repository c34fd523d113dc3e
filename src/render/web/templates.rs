//! Tera templates from the theme, compiled once per build.

use crate::diag::Diagnostic;
use crate::msg;
use crate::theme::Theme;
use std::error::Error as _;
use tera::Tera;

pub fn compile(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    // Tera's default escaper also escapes `/` (`&#x2F;`), which bloats every URL; `/` is safe
    // in text and quoted attributes, so use loa's escaper.
    tera.set_escape_fn(super::html::escape);
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, bytes) in theme.files_under("templates") {
        let text = std::str::from_utf8(bytes).map_err(|_| {
            Diagnostic::error("template", msg!("web-template-not-text", name = name))
                .in_file(format!("themes/default/templates/{name}"))
        })?;
        sources.push((name.to_string(), text.to_string()));
    }
    tera.add_raw_templates(sources).map_err(|e| {
        Diagnostic::error("template", msg!("web-template-error", reason = chain(&e)))
            .with_hint(msg!("web-template-error-hint"))
    })?;
    Ok(tera)
}

/// Tera nests the useful part of its errors in `source()`; show the whole chain.
pub fn chain(err: &tera::Error) -> String {
    let mut msg = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}
