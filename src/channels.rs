//! What a build made, per channel, counted from the renderers' [`Artifact`]s: the summary
//! ("Đã tạo 14 trang web, 6 áp phích, …") says it in the user's words.

use crate::content::OutputKind;
use crate::render::Artifact;
use std::collections::HashSet;

/// Counts per channel. A poster, leaflet or banner is counted once, although it is made in two
/// copies (print shop and office printer).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Channels {
    pub web_pages: usize,
    pub posters: usize,
    pub leaflets: usize,
    pub banners: usize,
    /// Loudspeaker scripts of single pages.
    pub scripts: usize,
    /// Bulletins: a section's scripts read one after the other.
    pub bulletins: usize,
    pub sms: usize,
    /// Offline kits (issue 14): language and size in bytes, in the order they were made.
    pub kits: Vec<(String, u64)>,
}

impl Channels {
    pub fn count(artifacts: &[Artifact]) -> Channels {
        let distinct = |kind: OutputKind| {
            artifacts.iter().filter(|a| a.kind == kind).map(|a| a.page).collect::<HashSet<_>>().len()
        };
        let file_is = |name: &str| {
            artifacts
                .iter()
                .filter(|a| a.kind == OutputKind::Broadcast && (a.rel == name || a.rel.ends_with(&format!("/{name}"))))
                .map(|a| a.rel.as_str())
                .collect::<HashSet<_>>()
                .len()
        };
        Channels {
            web_pages: artifacts.iter().filter(|a| a.kind == OutputKind::Web).count(),
            posters: distinct(OutputKind::Poster),
            leaflets: distinct(OutputKind::Leaflet),
            banners: distinct(OutputKind::Banner),
            scripts: file_is("broadcast.txt"),
            bulletins: file_is("bulletin.txt"),
            sms: distinct(OutputKind::Sms),
            kits: artifacts
                .iter()
                .filter(|a| a.kind == OutputKind::Kit)
                .filter_map(|a| {
                    let name = a.rel.rsplit('/').next()?;
                    let lang = name.strip_prefix("kit-")?.strip_suffix(".zip")?;
                    Some((lang.to_string(), a.bytes))
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(page: usize, kind: OutputKind, rel: &str) -> Artifact {
        Artifact { page, kind, rel: rel.into(), bytes: 1, facts: Default::default() }
    }

    /// Issue 12: shop and office copies are one poster; bulletins are not scripts of a page.
    #[test]
    fn counts_pieces_not_files() {
        let made = [
            a(0, OutputKind::Web, "index.html"),
            a(1, OutputKind::Web, "a/index.html"),
            a(1, OutputKind::Poster, "a/poster.pdf"),
            a(1, OutputKind::Poster, "a/poster-office.pdf"),
            a(1, OutputKind::Broadcast, "a/broadcast.txt"),
            a(1, OutputKind::Broadcast, "bulletin.txt"),
            a(2, OutputKind::Broadcast, "bulletin.txt"),
            a(1, OutputKind::Sms, "a/sms.txt"),
        ];
        let c = Channels::count(&made);
        assert_eq!(
            c,
            Channels {
                web_pages: 2,
                posters: 1,
                leaflets: 0,
                banners: 0,
                scripts: 1,
                bulletins: 1,
                sms: 1,
                kits: Vec::new()
            }
        );
    }

    /// Issue 14: the summary says how big each language's offline kit is.
    #[test]
    fn kits_by_language_with_their_size() {
        let mut kit = a(0, OutputKind::Kit, "hmn/tai-lieu/kit-hmn.zip");
        kit.bytes = 5000;
        let made = [a(0, OutputKind::Kit, "tai-lieu/kit-vi.zip"), kit, a(0, OutputKind::Web, "index.html")];
        assert_eq!(Channels::count(&made).kits, vec![("vi".to_string(), 1), ("hmn".to_string(), 5000)]);
    }
}
