//! How big the letters of a piece must be: from the distance it is read at.
//!
//! The rule (a common signage rule of thumb, issue 13): **25 mm of capital height per 10 m of
//! viewing distance**, i.e. 2.5 mm per metre. A piece is read from about 6.7 times its short
//! side unless the page says otherwise (`poster: {distance: 15}` in metres):
//!
//! | piece | short side | distance | capitals | smallest text |
//! |---|---|---|---|---|
//! | A3 poster | 297 mm | 2 m | 5 mm | 19.9 pt |
//! | A0 poster | 841 mm | 5.7 m | 14 mm | 56 pt |
//! | 240×120 cm pano | 1200 mm | 8.1 m | 20 mm | 80 pt |
//! | 500×80 cm banner | 800 mm | 5.4 m | 13.5 mm | 54 pt |
//!
//! Capital height is 0.714 em in Noto Sans (OS/2 `sCapHeight` 714 of 1000), so the smallest
//! text size is `2.5 mm × distance / 0.714`. Nothing on any piece is under 6 pt.

use super::size::Size;

/// Capital height per metre of viewing distance, in mm.
pub(crate) const CAP_MM_PER_M: f64 = 2.5;
/// Noto Sans capital height, in em.
const CAP_HEIGHT_EM: f64 = 0.714;
/// No text on any printed piece is smaller (issue 13).
pub(crate) const FLOOR_PT: f64 = 6.0;
/// An A3 poster (short side 297 mm) is read from 2 m.
const METRES_PER_MM_OF_SHORT_SIDE: f64 = 2.0 / 297.0;
/// Distances `poster: {distance}` accepts, in metres.
pub(crate) const DISTANCE_RANGE: std::ops::RangeInclusive<f64> = 0.3..=200.0;

pub(crate) fn default_distance_m(size: Size) -> f64 {
    size.width_mm.min(size.height_mm) * METRES_PER_MM_OF_SHORT_SIDE
}

/// The smallest text size, in points at full scale, for a piece read from `distance_m`.
pub(crate) fn min_text_pt(distance_m: f64) -> f64 {
    let em_mm = CAP_MM_PER_M * distance_m / CAP_HEIGHT_EM;
    (em_mm * 72.0 / 25.4).max(FLOOR_PT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_in_the_module_doc_holds() {
        let table = [((297.0, 420.0), 2.0, 19.9), ((841.0, 1189.0), 5.66, 56.2), ((2400.0, 1200.0), 8.08, 80.2)];
        for ((w, h), metres, pt) in table {
            let d = default_distance_m(Size { width_mm: w, height_mm: h });
            assert!((d - metres).abs() < 0.01, "{w}×{h}: {d}");
            assert!((min_text_pt(d) - pt).abs() < 0.1, "{w}×{h}: {}", min_text_pt(d));
        }
        // Up close, the floor: nothing under 6 pt.
        assert_eq!(min_text_pt(0.3), FLOOR_PT);
    }
}
