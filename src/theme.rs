//! The theme: templates, print templates, i18n strings, fonts and static files.
//!
//! The default theme is compiled into the binary (its source is `themes/default/`). A site's
//! `themes/default/` and `themes/NAME/` (from `theme:` in loa.yaml) override it file by file,
//! so a designer changes one template without copying the rest.

use crate::diag::Diagnostic;
use crate::msg;
use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Path inside the theme (`templates/page.html`) → contents.
    files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in default theme only.
    pub fn builtin() -> Theme {
        let files = embedded::FILES.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
        Theme { files }
    }

    /// The built-in theme overlaid with the site's theme folders.
    pub fn load(site_root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::builtin();
        let mut names = vec!["default"];
        if name != "default" {
            names.push(name);
            if !site_root.join("themes").join(name).is_dir() {
                return Err(Diagnostic::error("theme", msg!("theme-missing", name = name))
                    .in_file("loa.yaml")
                    .with_hint(msg!("theme-missing-hint", name = name)));
            }
        }
        for n in names {
            theme.overlay(&site_root.join("themes").join(n))?;
        }
        Ok(theme)
    }

    fn overlay(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry =
                entry.map_err(|e| Diagnostic::error("theme", msg!("theme-unreadable", reason = e.to_string())))?;
            if !entry.file_type().is_file() || crate::content::is_hidden(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
            let bytes = std::fs::read(entry.path()).map_err(|e| crate::fs::io_error("read", entry.path(), &e))?;
            self.files.insert(rel.to_string_lossy().replace('\\', "/"), bytes);
        }
        Ok(())
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    /// Files under a folder of the theme (`templates/`), with paths relative to that folder.
    pub fn files_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> + 'a {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.files.iter().filter_map(move |(p, b)| p.strip_prefix(prefix.as_str()).map(|rel| (rel, b.as_slice())))
    }
}
