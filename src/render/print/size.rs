//! Print sizes: ISO A-series names and billboard sizes in centimetres, and the PDF page limit.
//!
//! PDF readers and RIPs only promise pages up to 14,400 pt (about 508 cm) a side (ISO 32000-1,
//! Annex C), and typst writes larger pages without complaint (measured: a 600 cm banner became a
//! 17,110 pt page). A piece that would not fit is laid out at a stated scale (1:2, 1:5, 1:10) and
//! the scale is printed in the slug so the print shop enlarges it.

use serde::Serialize;

/// Largest page side a PDF may have, in points.
pub const MAX_PAGE_PT: f64 = 14_400.0;
pub const BLEED_MM: f64 = 3.0;
pub(crate) const PT_PER_MM: f64 = 72.0 / 25.4;
const SCALES: [u32; 4] = [1, 2, 5, 10];

/// A trim size in millimetres, at full scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Size {
    pub width_mm: f64,
    pub height_mm: f64,
}

/// What the template lays out: the trim at the scale the PDF is drawn in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    /// As the user wrote it (`A3`, `240x120cm`), for the slug and messages.
    pub name: String,
    /// Trim size as drawn in the PDF (already divided by `scale`).
    pub width_mm: f64,
    pub height_mm: f64,
    /// 1 = full size; 2 = drawn at 1:2, to be enlarged 200 % by the print shop.
    pub scale: u32,
}

/// Parses `A0`…`A6` (portrait) or `WIDTHxHEIGHTcm` (`240x120cm`, `240×120 cm`, `500x80cm`).
pub fn parse(text: &str) -> Option<Size> {
    let t = text.trim().to_ascii_lowercase().replace(' ', "");
    if let Some(n) = t.strip_prefix('a') {
        let n: u32 = n.parse().ok()?;
        return a_series(n);
    }
    let t = t.strip_suffix("cm")?;
    let (w, h) = t.split_once('x').or_else(|| t.split_once('×'))?;
    let (w, h): (f64, f64) = (w.parse().ok()?, h.parse().ok()?);
    let sane = |v: f64| v.is_finite() && (1.0..=10_000.0).contains(&v);
    (sane(w) && sane(h)).then_some(Size { width_mm: w * 10.0, height_mm: h * 10.0 })
}

/// ISO 216 A sizes, portrait, in whole millimetres as the standard rounds them.
fn a_series(n: u32) -> Option<Size> {
    let (w, h) = match n {
        0 => (841.0, 1189.0),
        1 => (594.0, 841.0),
        2 => (420.0, 594.0),
        3 => (297.0, 420.0),
        4 => (210.0, 297.0),
        5 => (148.0, 210.0),
        6 => (105.0, 148.0),
        _ => return None,
    };
    Some(Size { width_mm: w, height_mm: h })
}

/// The smallest scale at which the whole PDF page (trim + `margin_mm` of bleed and slug on each
/// side, never scaled) stays within [`MAX_PAGE_PT`]; `None` when even 1:10 is too large.
pub fn layout(name: &str, size: Size, margin_mm: f64) -> Option<Layout> {
    let extra_mm = 2.0 * margin_mm;
    let longest = size.width_mm.max(size.height_mm);
    let scale = SCALES.into_iter().find(|&s| (longest / f64::from(s) + extra_mm) * PT_PER_MM <= MAX_PAGE_PT)?;
    Some(Layout {
        name: name.to_string(),
        width_mm: size.width_mm / f64::from(scale),
        height_mm: size.height_mm / f64::from(scale),
        scale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_sizes() {
        let table: &[(&str, Option<(f64, f64)>)] = &[
            ("A3", Some((297.0, 420.0))),
            ("a0", Some((841.0, 1189.0))),
            (" A2 ", Some((420.0, 594.0))),
            ("240x120cm", Some((2400.0, 1200.0))),
            ("240×120 cm", Some((2400.0, 1200.0))),
            ("500X80CM", Some((5000.0, 800.0))),
            ("42.5x30cm", Some((425.0, 300.0))),
            ("A9", None),
            ("240x120", None),
            ("240x120mm", None),
            ("x120cm", None),
            ("0x120cm", None),
            ("poster", None),
            ("", None),
        ];
        for (text, want) in table {
            let got = parse(text).map(|s| (s.width_mm, s.height_mm));
            assert_eq!(got, *want, "{text:?}");
        }
    }

    #[test]
    fn large_pieces_get_a_scale_that_fits_the_pdf_limit() {
        let table: &[(&str, f64, u32)] = &[
            ("A3", 15.0, 1),
            ("240x120cm", 15.0, 1),
            // 500 cm + 2 × 15 mm = 14,258 pt: still full size.
            ("500x80cm", 15.0, 1),
            // 600 cm is 17,008 pt: drawn at 1:2.
            ("600x100cm", 0.0, 2),
            ("1200x300cm", 15.0, 5),
        ];
        for (name, margin, scale) in table {
            let size = parse(name).unwrap();
            let l = layout(name, size, *margin).unwrap();
            assert_eq!(l.scale, *scale, "{name}");
            assert!((l.width_mm.max(l.height_mm) + 2.0 * margin) * PT_PER_MM <= MAX_PAGE_PT, "{name}");
        }
        assert!(layout("x", Size { width_mm: 1e6, height_mm: 10.0 }, 0.0).is_none());
    }
}
