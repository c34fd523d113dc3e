//! A printed piece's paper in words: for the downloads list of its page ("A3 dọc",
//! "A4 ngang, 2 mặt, lật cạnh ngắn") and for the print shop's instructions in the slug.
//! All words come from the theme's i18n files (`paper_*`, `slug_*`, `download_*` keys).

use super::size::{Layout, Size};
use super::variant::Variant;
use crate::i18n::I18n;

/// `A3` when the size is an A size in either orientation, else `240 × 120 cm`.
pub(crate) fn size_name(size: Size) -> String {
    let (short, long) = (size.width_mm.min(size.height_mm), size.width_mm.max(size.height_mm));
    let a_sizes = [
        (841.0, 1189.0),
        (594.0, 841.0),
        (420.0, 594.0),
        (297.0, 420.0),
        (210.0, 297.0),
        (148.0, 210.0),
        (105.0, 148.0),
    ];
    if let Some(n) = a_sizes.iter().position(|&(s, l)| (s - short).abs() < 0.5 && (l - long).abs() < 0.5) {
        return format!("A{n}");
    }
    format!("{} × {} cm", cm(size.width_mm), cm(size.height_mm))
}

fn cm(mm: f64) -> String {
    super::pdf_syntax::format_num(mm.round() / 10.0)
}

/// What a reader of the downloads list needs to print it: the paper, its orientation, the sides.
pub(crate) struct PaperWords<'a> {
    pub i18n: &'a I18n,
    /// The language of the words.
    pub lang: &'a str,
    pub kind: &'a str,
    /// Full-size trim of the copy.
    pub trim: Size,
    /// The drawn layout (its scale).
    pub layout: &'a Layout,
}

impl PaperWords<'_> {
    fn t(&self, key: &'static str) -> &str {
        self.i18n.get(self.lang, key)
    }

    /// "A3 dọc", "A4 ngang, 2 mặt, lật cạnh ngắn", "500 × 80 cm, vẽ tỉ lệ 1:2, in phóng to 200%".
    pub(crate) fn paper(&self) -> String {
        let name = size_name(self.trim);
        let mut words = if name.starts_with('A') {
            let turn = if self.trim.width_mm > self.trim.height_mm { "paper_landscape" } else { "paper_portrait" };
            format!("{name} {}", self.t(turn))
        } else {
            name
        };
        if self.kind == "leaflet" {
            words = format!("{words}, {}", self.t("paper_duplex_short_edge"));
        }
        if self.layout.scale > 1 {
            let scale = self
                .t("paper_scale")
                .replace("{scale}", &self.layout.scale.to_string())
                .replace("{percent}", &(self.layout.scale * 100).to_string());
            words = format!("{words}, {scale}");
        }
        words
    }

    /// The downloads list's note: the paper and which copy this is.
    pub(crate) fn note(&self, variant: Variant) -> String {
        let copy = match variant {
            Variant::Shop => self.t("download_shop"),
            Variant::Office => self.t("download_office"),
        };
        format!("{} · {copy}", self.paper())
    }

    /// The shop's instructions, one line per PDF page (in the slug, Vietnamese).
    pub(crate) fn slug_lines(&self, file: &str) -> Vec<String> {
        let mm = format!(
            "{} × {} mm",
            super::pdf_syntax::format_num(self.trim.width_mm.round()),
            super::pdf_syntax::format_num(self.trim.height_mm.round())
        );
        let common = format!("{} ({mm}) · {} · {} · {file}", self.paper(), self.t("slug_bleed"), self.t("slug_colour"));
        if self.kind == "leaflet" {
            let fold = self.t("slug_fold");
            vec![
                format!("{} · {common} · {} · {}", self.t("slug_leaflet"), self.t("slug_outside"), fold),
                format!("{} · {common} · {}", self.t("slug_leaflet"), self.t("slug_inside")),
            ]
        } else {
            let piece = if self.kind == "banner" { self.t("slug_banner") } else { self.t("slug_poster") };
            vec![format!("{piece} · {common} · {}", self.t("slug_one_side"))]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_named_as_people_say_them() {
        let table = [
            ((297.0, 420.0), "A3"),
            ((420.0, 297.0), "A3"),
            ((841.0, 1189.0), "A0"),
            ((2400.0, 1200.0), "240 × 120 cm"),
            ((5000.0, 800.0), "500 × 80 cm"),
            ((425.0, 300.0), "42.5 × 30 cm"),
        ];
        for ((w, h), want) in table {
            assert_eq!(size_name(Size { width_mm: w, height_mm: h }), want);
        }
    }
}
