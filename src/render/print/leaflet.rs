//! The tri-fold leaflet's paper geometry, and why its back is printed flipping on the short edge.
//!
//! An A4 landscape sheet (297 × 210 mm) is roll-folded into three panels. The panel that folds
//! inside must be a little narrower (97 mm) so it lies flat, so the two sides differ:
//! outside [flap 97 | back 100 | cover 100], inside [100 | 100 | 97].
//!
//! A duplex printer turns the sheet over one of its edges. For a landscape page, "flip on the
//! short edge" turns it about a vertical axis, like a book page: a point at `x` on the front
//! is behind `297 − x` on the back, upright. "Flip on the long edge" turns it about a horizontal
//! axis: `x` stays `x` and the back comes out upside down for a reader who turns the sheet like
//! a book. Only the short-edge flip puts the 97 mm flap behind the 97 mm inside panel and every
//! fold line of one side behind a fold line of the other ([`tests`] check both): the back is
//! printed **2 mặt, lật cạnh ngắn** (flip on short edge). issue 13 found the README saying the
//! opposite; a print shop following it would have wasted the run.

use serde::Serialize;

pub(crate) const WIDTH_MM: f64 = 297.0;
pub(crate) const HEIGHT_MM: f64 = 210.0;
const OUTSIDE: [f64; 3] = [97.0, 100.0, 100.0];

/// What `leaflet.typ` reads as `data.leaflet`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geometry {
    /// Panel widths of page 1 (outside), left to right, in mm.
    pub outside: [f64; 3],
    /// Panel widths of page 2 (inside).
    pub inside: [f64; 3],
    /// Fold positions from the left trim edge, in mm.
    pub outside_folds: [f64; 2],
    pub inside_folds: [f64; 2],
    /// Columns of even height (a third of the text each); false asks for full columns (loa's
    /// second try when the balanced columns left text over).
    pub balance: bool,
}

pub(crate) fn geometry(balance: bool) -> Geometry {
    // The inside is the outside seen through the sheet: mirrored, as a short-edge flip shows it.
    let inside = [OUTSIDE[2], OUTSIDE[1], OUTSIDE[0]];
    Geometry {
        outside: OUTSIDE,
        inside,
        outside_folds: [OUTSIDE[0], OUTSIDE[0] + OUTSIDE[1]],
        inside_folds: [inside[0], inside[0] + inside[1]],
        balance,
    }
}

/// Where a point `x` mm from the left edge of the front lies on the back, seen upright.
#[cfg(test)]
fn behind(x: f64, short_edge: bool) -> f64 {
    if short_edge { WIDTH_MM - x } else { x }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Panel edges (0, folds, 297) of one side.
    fn edges(panels: [f64; 3]) -> Vec<f64> {
        vec![0.0, panels[0], panels[0] + panels[1], WIDTH_MM]
    }

    /// Issue 13: the README said "flip on long edge"; only the short-edge flip lines the folds up.
    #[test]
    fn only_a_short_edge_flip_puts_every_fold_behind_a_fold() {
        let g = geometry(true);
        assert_eq!(g.outside.iter().sum::<f64>(), WIDTH_MM);
        assert_eq!(g.inside.iter().sum::<f64>(), WIDTH_MM);
        let inside = edges(g.inside);
        let lands =
            |short: bool| edges(g.outside).iter().all(|&x| inside.iter().any(|&y| (behind(x, short) - y).abs() < 1e-9));
        assert!(lands(true), "short edge: folds at {:?} and {:?}", g.outside_folds, g.inside_folds);
        assert!(!lands(false), "a long-edge flip would line the folds up too");
        // The flap (outside left, folded in) is behind the narrow inside panel on the right.
        assert!(behind(g.outside[0] / 2.0, true) > g.inside_folds[1]);
        assert_eq!(g.inside[2], g.outside[0]);
    }
}
