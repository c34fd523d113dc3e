//! Re-reading one changed file of a loaded site (`loa serve`), so an edit costs one parse
//! instead of a whole load. Anything that changes the site's shape (a page added, removed,
//! re-addressed, drafted, re-tagged, given other outputs) asks for a full load instead: those
//! edits are rare and a full load is always right.

use super::{CONTENT_DIR, LoadOptions, PageId, Site, load_file};
use crate::diag::Diagnostic;
use crate::diag::Diagnostics;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reload {
    /// The page was re-read in place; every `PageId` still means the same page.
    Page {
        id: PageId,
        /// Title, date or weight changed, so the page may have moved within its listings.
        reordered: bool,
        /// The date changed (the sitemap shows it).
        redated: bool,
    },
    /// Load the whole site again.
    Everything,
}

impl Site {
    /// `rel` is relative to `content/`. On an error (broken front matter…) the site is unchanged.
    /// The file's findings (text checks, warnings) come back with the reload; any error means
    /// `Err` with all of them.
    pub fn reload_file(&mut self, rel: &Path, opts: LoadOptions) -> Result<(Reload, Vec<Diagnostic>), Diagnostics> {
        let shown = Path::new(CONTENT_DIR).join(rel);
        // Byte comparison: `Path ==` compares component by component, slow over 15,000 pages.
        let wanted = shown.as_os_str();
        let Some(id) = self.pages.iter().position(|p| p.info.shown.as_os_str() == wanted && !p.generated) else {
            return Ok((Reload::Everything, Vec::new()));
        };
        if !self.root.join(&shown).is_file() {
            return Ok((Reload::Everything, Vec::new()));
        }
        let file = load_file(&self.root, rel, &self.config, LoadOptions { include_drafts: true, ..opts });
        if file.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Diagnostics::from(file.diagnostics));
        }
        let findings = file.diagnostics;
        let Some(mut page) = file.page else { return Ok((Reload::Everything, findings)) };
        let old = &self.pages[id];
        let reshaped = (page.fm.draft && !opts.include_drafts)
            || page.fm.slug != old.fm.slug
            || page.fm.tags != old.fm.tags
            || page.outputs != old.outputs;
        if reshaped {
            return Ok((Reload::Everything, findings));
        }
        let redated = page.date != old.date;
        let reordered = redated || page.fm.title != old.fm.title || page.fm.weight != old.fm.weight;
        page.path = old.path.clone();
        let key = page.key().to_string();
        self.pages[id] = page;
        if reordered {
            // Only the order of the listing holding the page depends on title, date and weight;
            // translations, sections and tags are as they were.
            self.index.reorder_listing_of(&self.pages, &key, &self.config.default_language);
        }
        Ok((Reload::Page { id, reordered, redated }, findings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn site(files: &[(&str, &str)]) -> (tempfile::TempDir, Site) {
        let tmp = tempfile::tempdir().unwrap();
        let yaml = "title: T\nbase_url: https://xa.gov.vn\ndefault_language: vi\nlanguages: [{code: vi, name: V}, {code: hmn, name: H}]\nhotline: {number: \"111\"}\n";
        std::fs::write(tmp.path().join("loa.yaml"), yaml).unwrap();
        for (rel, text) in files {
            let p = tmp.path().join("content").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let config = Config::load(tmp.path()).unwrap();
        let (site, _) = Site::load(tmp.path(), config, LoadOptions::default()).unwrap();
        (tmp, site)
    }

    const A: &str = "---\ntitle: A\ntags: [x]\n---\nold body\n";

    fn write(tmp: &tempfile::TempDir, rel: &str, text: &str) {
        std::fs::write(tmp.path().join("content").join(rel), text).unwrap();
    }

    fn body_text(site: &Site, id: PageId) -> String {
        format!("{:?}", site.pages[id].body().blocks)
    }

    #[test]
    fn what_each_edit_asks_for() {
        // (new text of a.md, expected answer: None = Everything, Some(reordered))
        let cases = [
            ("---\ntitle: A\ntags: [x]\n---\nnew body\n", Some(false)),
            ("---\ntitle: B\ntags: [x]\n---\nold body\n", Some(true)),
            ("---\ntitle: A\ntags: [x]\ndate: 2026-01-02\n---\nold body\n", Some(true)),
            ("---\ntitle: A\ntags: [x]\nweight: 3\n---\nold body\n", Some(true)),
            ("---\ntitle: A\ntags: [x, y]\n---\nold body\n", None),
            ("---\ntitle: A\ntags: [x]\nslug: other\n---\nold body\n", None),
            ("---\ntitle: A\ntags: [x]\ndraft: true\n---\nold body\n", None),
            ("---\ntitle: A\ntags: [x]\noutputs: [web, sms]\n---\nold body\n", None),
        ];
        for (text, want) in cases {
            let (tmp, mut site) = site(&[("_index.md", "---\ntitle: H\n---\n"), ("a.md", A), ("a.hmn.md", A)]);
            let before: Vec<_> = site.pages.iter().map(|p| (p.key().to_string(), p.lang().to_string())).collect();
            write(&tmp, "a.md", text);
            let got = site.reload_file(Path::new("a.md"), LoadOptions::default()).unwrap().0;
            let got = match got {
                Reload::Page { id, reordered, .. } => {
                    assert_eq!(site.pages[id].info.shown, Path::new("content/a.md"), "{text}");
                    assert_eq!(site.pages[id].path, "a", "the address is kept: {text}");
                    Some(reordered)
                }
                Reload::Everything => None,
            };
            assert_eq!(got, want, "{text}");
            let after: Vec<_> = site.pages.iter().map(|p| (p.key().to_string(), p.lang().to_string())).collect();
            assert_eq!(before, after, "page ids keep their meaning: {text}");
        }
    }

    #[test]
    fn the_edit_is_read_and_the_listing_follows_a_new_title() {
        let (tmp, mut site) = site(&[("a.md", "---\ntitle: A\n---\n"), ("b.md", "---\ntitle: B\n---\nold\n")]);
        let titles =
            |s: &Site| s.listing("_index", "vi").iter().map(|e| s.pages[e.id].title().to_string()).collect::<Vec<_>>();
        assert_eq!(titles(&site), ["A", "B"]);
        write(&tmp, "b.md", "---\ntitle: 0 first\n---\nnew words\n");
        let Reload::Page { id, reordered: true, redated: false } =
            site.reload_file(Path::new("b.md"), LoadOptions::default()).unwrap().0
        else {
            panic!("expected an in-place reload")
        };
        assert!(body_text(&site, id).contains("new words"));
        assert_eq!(titles(&site), ["0 first", "A"]);
    }

    #[test]
    fn a_broken_edit_reports_file_and_line_and_keeps_the_site() {
        let (tmp, mut site) = site(&[("a.md", A)]);
        let id = site.pages.iter().position(|p| p.key() == "a").unwrap();
        write(&tmp, "a.md", "---\ntitle: A\ntitel: typo\n---\nnew body\n");
        let err = site.reload_file(Path::new("a.md"), LoadOptions::default()).unwrap_err().into_vec();
        assert_eq!(err[0].file.as_deref(), Some(Path::new("content/a.md")));
        assert_eq!(err[0].line, Some(3));
        assert!(body_text(&site, id).contains("old body"));
    }

    #[test]
    fn new_deleted_and_generated_files_ask_for_a_full_load() {
        let (tmp, mut site) = site(&[("a.md", A)]);
        write(&tmp, "b.md", A);
        assert_eq!(site.reload_file(Path::new("b.md"), LoadOptions::default()).unwrap().0, Reload::Everything);
        // The Hmong home was generated by loa; a real file replaces it.
        write(&tmp, "_index.hmn.md", "---\ntitle: H\n---\n");
        assert_eq!(site.reload_file(Path::new("_index.hmn.md"), LoadOptions::default()).unwrap().0, Reload::Everything);
        std::fs::remove_file(tmp.path().join("content/a.md")).unwrap();
        assert_eq!(site.reload_file(Path::new("a.md"), LoadOptions::default()).unwrap().0, Reload::Everything);
    }
}
