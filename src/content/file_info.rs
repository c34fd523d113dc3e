//! What a content file's path says: which page it is, in which language, of which kind.
//!
//! `content/signs.md` is the page `signs` in the default language, `content/signs.hmn.md` its
//! Hmong translation, `content/news/_index.md` the section `news`, `content/_index.md` the home.
//!
//! Names are read in Unicode NFC, as content text is (issue 18): macOS writes file names
//! decomposed (`Đường` as `Đ` + `ư` + `ơ` + `̀` …), Windows and Linux keep what they are given,
//! so the same campaign copied between them must give the same keys, translations, links and
//! addresses. Only `shown` keeps the name as it is on disk: it is used to read the file again.

use crate::config::{Config, is_language_tag};
use crate::diag::Diagnostic;
use crate::msg;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileInfo {
    /// Path relative to the site root, as shown in messages: `content/news/flood.hmn.md`.
    pub shown: PathBuf,
    /// Shared by a page and its translations: `news/flood`, `news/_index`, `_index`.
    pub key: String,
    pub lang: String,
    pub kind: PageKind,
    /// Folder components under `content/`: `["news"]`.
    pub dirs: Vec<String>,
    /// File name without language and extension: `flood` (or `_index`).
    pub stem: String,
}

/// `rel` is relative to `content/`.
pub fn file_info(rel: &Path, config: &Config) -> Result<FileInfo, Diagnostic> {
    let shown = Path::new("content").join(rel);
    let name = rel.file_name().and_then(|n| n.to_str()).ok_or_else(|| {
        Diagnostic::error("file-name", msg!("file-name-not-text"))
            .in_file(&shown)
            .with_hint(msg!("file-name-not-text-hint"))
    })?;
    let name: String = name.nfc().collect();
    let base = super::page_stem(&name).unwrap_or(&name);
    let (stem, lang) = match base.rsplit_once('.') {
        Some((stem, suffix)) if config.language(suffix).is_some() => (stem, suffix.to_string()),
        Some((_, suffix)) if is_language_tag(suffix) => {
            let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(Diagnostic::error("language", msg!("file-name-language", suffix = suffix))
                .in_file(&shown)
                .with_hint(msg!("file-name-language-hint", codes = codes.join(", "), suffix = suffix)));
        }
        _ => (base, config.default_language.clone()),
    };
    let mut dirs = Vec::new();
    if let Some(parent) = rel.parent() {
        for comp in parent.components() {
            let s = comp.as_os_str().to_str().ok_or_else(|| {
                Diagnostic::error("file-name", msg!("file-name-folder-not-text"))
                    .in_file(&shown)
                    .with_hint(msg!("file-name-not-text-hint"))
            })?;
            dirs.push(s.nfc().collect());
        }
    }
    let kind = match (stem, dirs.is_empty()) {
        ("_index", true) => PageKind::Home,
        ("_index", false) => PageKind::Section,
        _ => PageKind::Page,
    };
    let mut key = dirs.join("/");
    if !key.is_empty() {
        key.push('/');
    }
    key.push_str(stem);
    Ok(FileInfo { shown, key, lang, kind, dirs, stem: stem.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        Config::parse(
            "title: T\nbase_url: https://xa.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}, {code: hmn, name: H}, {code: hnj-x-rpa, name: N}]\nhotline: {number: \"111\"}\n",
            Path::new("loa.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn table() {
        let c = config();
        let cases = [
            ("signs.md", "signs", "vi", PageKind::Page),
            ("signs.hmn.md", "signs", "hmn", PageKind::Page),
            ("signs.hnj-x-rpa.md", "signs", "hnj-x-rpa", PageKind::Page),
            ("_index.md", "_index", "vi", PageKind::Home),
            ("_index.hmn.md", "_index", "hmn", PageKind::Home),
            ("news/_index.md", "news/_index", "vi", PageKind::Section),
            ("news/flood.hmn.md", "news/flood", "hmn", PageKind::Page),
            ("v1.2.md", "v1.2", "vi", PageKind::Page),
        ];
        for (path, key, lang, kind) in cases {
            let fi = file_info(Path::new(path), &c).unwrap();
            assert_eq!((fi.key.as_str(), fi.lang.as_str(), fi.kind), (key, lang, kind), "{path}");
        }
    }

    #[test]
    fn unknown_language_suffix_is_an_error_with_a_hint() {
        let err = file_info(Path::new("signs.en.md"), &config()).unwrap_err();
        assert_eq!(err.file.as_deref(), Some(Path::new("content/signs.en.md")));
        assert!(err.hint.unwrap().text_arg("codes").is_some_and(|c| c.starts_with("vi, hmn")));
    }

    /// Issue 18: a name saved decomposed (macOS) is the same page as the composed one, so its
    /// translations, links and address match.
    #[test]
    fn decomposed_names_read_as_composed() {
        let c = config();
        let nfc = "tin-tức/Đường dây nóng.hmn.md";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfd, nfc);
        let (a, b) = (file_info(Path::new(nfc), &c).unwrap(), file_info(Path::new(&nfd), &c).unwrap());
        assert_eq!(
            (a.key.as_str(), a.stem.as_str(), &a.dirs),
            ("tin-tức/Đường dây nóng", "Đường dây nóng", &vec!["tin-tức".to_string()])
        );
        assert_eq!((&b.key, &b.stem, &b.dirs, &b.lang), (&a.key, &a.stem, &a.dirs, &a.lang));
        assert_eq!(b.shown, Path::new("content").join(&nfd), "messages name the file as it is on disk");
    }
}
