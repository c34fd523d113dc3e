//! The two copies of a printed piece (contract: "What a build writes").
//!
//! - **Print shop** (`poster.pdf`, `leaflet.pdf`, `banner.pdf`): the trim plus 3 mm bleed
//!   (colour runs on past the cut), crop marks and the shop's instructions in a slug outside
//!   the bleed; TrimBox and BleedBox set.
//! - **Office printer** (`poster-office.pdf`, `leaflet-office.pdf`): exactly the paper, nothing
//!   outside it, so "fit to page" shrinks nothing. A poster larger than A3 gets its office copy
//!   laid out anew on A3 in its own orientation (offices print A4 and A3, not A0); banners have
//!   no office copy.

use super::size::{self, Size};
use crate::content::OutputKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Shop,
    Office,
}

/// Room outside the bleed: crop marks run 3–8 mm from the trim, the instructions beyond them.
pub(crate) const SLUG_MM: f64 = 12.0;

impl Variant {
    /// The copies a kind of piece gets, shop copy first.
    pub(crate) fn for_kind(kind: OutputKind) -> &'static [Variant] {
        match kind {
            OutputKind::Poster | OutputKind::Leaflet => &[Variant::Shop, Variant::Office],
            _ => &[Variant::Shop],
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Variant::Shop => "shop",
            Variant::Office => "office",
        }
    }

    /// `poster.pdf`, `poster-office.pdf`.
    pub(crate) fn file_name(self, kind: &str) -> String {
        match self {
            Variant::Shop => format!("{kind}.pdf"),
            Variant::Office => format!("{kind}-office.pdf"),
        }
    }

    /// The variant a published file name is, with its kind (`leaflet-office.pdf` → leaflet, office).
    pub(crate) fn from_file_name(name: &str) -> Option<(&str, Variant)> {
        let stem = name.strip_suffix(".pdf")?;
        Some(match stem.strip_suffix("-office") {
            Some(kind) => (kind, Variant::Office),
            None => (stem, Variant::Shop),
        })
    }

    pub(crate) fn bleed_mm(self) -> f64 {
        match self {
            Variant::Shop => size::BLEED_MM,
            Variant::Office => 0.0,
        }
    }

    pub(crate) fn slug_mm(self) -> f64 {
        match self {
            Variant::Shop => SLUG_MM,
            Variant::Office => 0.0,
        }
    }

    /// The trim this copy is laid out on.
    pub(crate) fn paper(self, piece: Size) -> Size {
        let a3 = Size { width_mm: 297.0, height_mm: 420.0 };
        let fits_a3 = piece.width_mm.min(piece.height_mm) <= a3.width_mm + 0.5
            && piece.width_mm.max(piece.height_mm) <= a3.height_mm + 0.5;
        match self {
            Variant::Office if !fits_a3 && piece.width_mm > piece.height_mm => {
                Size { width_mm: a3.height_mm, height_mm: a3.width_mm }
            }
            Variant::Office if !fits_a3 => a3,
            _ => piece,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_copies_are_on_paper_an_office_has() {
        let table = [
            ((297.0, 420.0), (297.0, 420.0)),   // A3 stays A3
            ((210.0, 297.0), (210.0, 297.0)),   // A4 stays A4
            ((420.0, 297.0), (420.0, 297.0)),   // A3 landscape
            ((841.0, 1189.0), (297.0, 420.0)),  // A0 → A3
            ((2400.0, 1200.0), (420.0, 297.0)), // pano → A3 landscape
        ];
        for ((w, h), (ow, oh)) in table {
            let got = Variant::Office.paper(Size { width_mm: w, height_mm: h });
            assert_eq!((got.width_mm, got.height_mm), (ow, oh), "{w}×{h}");
            let shop = Variant::Shop.paper(Size { width_mm: w, height_mm: h });
            assert_eq!((shop.width_mm, shop.height_mm), (w, h));
        }
    }

    #[test]
    fn file_names_go_both_ways() {
        for kind in ["poster", "leaflet", "banner"] {
            for v in [Variant::Shop, Variant::Office] {
                assert_eq!(Variant::from_file_name(&v.file_name(kind)), Some((kind, v)));
            }
        }
        assert_eq!(Variant::from_file_name("sms.txt"), None);
    }
}
