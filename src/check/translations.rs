//! Which page exists in which language, and how far each translation is: a summary for the
//! editor (and one warning per language with untranslated pages), never an error.

use crate::content::Site;
use crate::content::front_matter::ReviewStatus;
use crate::diag::Diagnostic;
use crate::messages::{Message, Texts};
use crate::msg;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The default-language page.
    Original,
    /// A translation marked `review: {status: reviewed}`.
    Reviewed,
    /// A translation marked `review: {status: draft}`: not yet checked by a native speaker.
    NeedsReview,
    /// A translation without `review:`.
    Translated,
    Missing,
}

impl Status {
    pub fn label(self) -> Message {
        match self {
            Status::Original => msg!("tr-original"),
            Status::Reviewed => msg!("tr-reviewed"),
            Status::NeedsReview => msg!("tr-needs-review"),
            Status::Translated => msg!("tr-translated"),
            Status::Missing => msg!("tr-missing"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub status: Status,
    /// The page is marked `draft: true` (left out of builds without `--drafts`).
    pub draft: bool,
    /// The file, when the page exists in this language.
    pub file: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The page's key: its path under `content/` without language and `.md`.
    pub key: String,
    /// Keyed by language code.
    pub versions: BTreeMap<String, Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matrix {
    /// Language codes, default language first, in the order of `loa.yaml`.
    pub languages: Vec<String>,
    pub pages: Vec<Row>,
}

pub fn matrix(site: &Site) -> Matrix {
    let languages: Vec<String> = site.config.languages.iter().map(|l| l.code.clone()).collect();
    let mut keys: Vec<&str> = site.pages.iter().filter(|p| !p.generated).map(|p| p.key()).collect();
    keys.dedup();
    let pages = keys
        .into_iter()
        .map(|key| {
            let versions = languages
                .iter()
                .map(|lang| {
                    let page = site.index.find(&site.pages, key, lang).map(|id| site.page(id)).filter(|p| !p.generated);
                    let cell = match page {
                        None => Cell { status: Status::Missing, draft: false, file: None },
                        Some(p) => Cell {
                            status: match (&p.fm.review, site.config.is_default_language(lang)) {
                                (_, true) => Status::Original,
                                (Some(r), false) if r.status == ReviewStatus::Reviewed => Status::Reviewed,
                                (Some(_), false) => Status::NeedsReview,
                                (None, false) => Status::Translated,
                            },
                            draft: p.fm.draft,
                            file: Some(p.info.shown.display().to_string()),
                        },
                    };
                    (lang.clone(), cell)
                })
                .collect();
            Row { key: key.to_string(), versions }
        })
        .collect();
    Matrix { languages, pages }
}

/// One warning per language that lacks some pages.
pub fn warnings(m: &Matrix) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for lang in &m.languages {
        let missing: Vec<&str> = m
            .pages
            .iter()
            .filter(|r| r.versions.get(lang).is_some_and(|c| c.status == Status::Missing))
            .map(|r| r.key.as_str())
            .collect();
        if missing.is_empty() {
            continue;
        }
        let shown: Vec<&str> = missing.iter().take(5).copied().collect();
        out.push(
            Diagnostic::warning(
                "translation",
                msg!(
                    "tr-missing-pages",
                    count = missing.len(),
                    total = m.pages.len(),
                    lang = lang,
                    pages = shown.join(", "),
                    more = missing.len().saturating_sub(5)
                ),
            )
            .with_hint(msg!("tr-missing-pages-hint", lang = lang)),
        );
    }
    out
}

/// The matrix as a plain-text table.
pub fn table(m: &Matrix, texts: &Texts) -> String {
    let mut head = vec![texts.get(&msg!("tr-page"))];
    head.extend(m.languages.iter().cloned());
    let mut rows = vec![head];
    for r in &m.pages {
        let mut row = vec![r.key.clone()];
        for lang in &m.languages {
            let cell = r.versions.get(lang);
            let mut s = texts.get(&cell.map_or(Status::Missing, |c| c.status).label());
            if cell.is_some_and(|c| c.draft) {
                s = texts.get(&msg!("tr-draft", status = s));
            }
            row.push(s);
        }
        rows.push(row);
    }
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> =
            row.iter().zip(&widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count()))).collect();
        out.push_str("  ");
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::site_from;

    #[test]
    fn matrix_statuses_and_warnings() {
        let site = site_from(&[
            ("content/_index.md", "---\ntitle: Home\n---\n"),
            ("content/a.md", "---\ntitle: A\n---\n"),
            ("content/a.hmn.md", "---\ntitle: A\nreview: {status: draft}\n---\n"),
            ("content/b.md", "---\ntitle: B\n---\n"),
            ("content/b.hmn.md", "---\ntitle: B\nreview: {status: reviewed, by: Vàng A Dình}\n---\n"),
            ("content/c.md", "---\ntitle: C\n---\n"),
        ]);
        let m = matrix(&site);
        assert_eq!(m.languages, vec!["vi", "hmn"]);
        let status = |key: &str, lang: &str| {
            m.pages.iter().find(|r| r.key == key).and_then(|r| r.versions.get(lang)).map(|c| c.status)
        };
        assert_eq!(status("a", "vi"), Some(Status::Original));
        assert_eq!(status("a", "hmn"), Some(Status::NeedsReview));
        assert_eq!(status("b", "hmn"), Some(Status::Reviewed));
        assert_eq!(status("c", "hmn"), Some(Status::Missing));
        // The Hmong home is made by loa, not written: it counts as missing.
        assert_eq!(status("_index", "hmn"), Some(Status::Missing));
        let w = warnings(&m);
        assert_eq!(w.len(), 1);
        let en = Texts::new(crate::messages::Lang::En);
        assert_eq!(en.get(&w[0].message), "2 of 4 pages have no `hmn` version: _index, c");
        assert!(!w[0].is_error());
        assert_eq!(
            table(&m, &en),
            "  page    vi        hmn\n  _index  original  missing\n  a       original  needs review\n  b       original  reviewed\n  c       original  missing\n"
        );
    }
}
