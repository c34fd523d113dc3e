//! Test-only: where the ink of every glyph of a laid-out document is, to prove that the marks
//! of one line never touch the next (issue 13: the dot under "ọ" of "Gọi 111" landed on the
//! circumflex and tilde of "ễ" in "miễn phí" below it).
//!
//! Each glyph's box is its outline's bounding box from the font (`glyf`), placed where typst
//! laid it out (group transforms included). Two glyphs collide when they belong to different
//! lines (different baselines) and their boxes overlap. Boxes are a little larger than the ink,
//! so this is strict: lines that pass are clear of each other.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};

/// A glyph's ink box on the page, in points, y downwards.
#[derive(Debug, Clone)]
pub(crate) struct Ink {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// The line it sits on (page y of the baseline).
    pub baseline: f64,
    /// The text it was shaped from, for messages.
    pub text: String,
}

/// Every glyph of a frame with a visible outline.
pub(crate) fn glyphs(frame: &Frame) -> Vec<Ink> {
    let mut out = Vec::new();
    walk(frame, Transform::identity(), &mut out);
    out
}

fn walk(frame: &Frame, ts: Transform, out: &mut Vec<Ink>) {
    for (pos, item) in frame.items() {
        let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), out),
            FrameItem::Text(t) => {
                let size = t.size.to_pt();
                let upm = t.font.units_per_em();
                let mut x = 0.0;
                for g in &t.glyphs {
                    let ox = x + g.x_offset.get() * size;
                    let oy = -g.y_offset.get() * size;
                    x += g.x_advance.get() * size;
                    let Some(bb) = t.font.ttf().glyph_bounding_box(ttf_parser::GlyphId(g.id)) else { continue };
                    let k = size / upm;
                    let corners = [
                        (ox + f64::from(bb.x_min) * k, oy - f64::from(bb.y_max) * k),
                        (ox + f64::from(bb.x_max) * k, oy - f64::from(bb.y_min) * k),
                    ];
                    let pts: Vec<Point> = corners
                        .iter()
                        .flat_map(|&(a, b)| [(a, b), (a, corners[1].1), (corners[1].0, b)])
                        .map(|(a, b)| Point::new(Abs::pt(a), Abs::pt(b)).transform(here))
                        .collect();
                    let baseline = Point::new(Abs::pt(ox), Abs::pt(0.0)).transform(here).y.to_pt();
                    let xs = pts.iter().map(|p| p.x.to_pt());
                    let ys = pts.iter().map(|p| p.y.to_pt());
                    out.push(Ink {
                        x0: xs.clone().fold(f64::INFINITY, f64::min),
                        x1: xs.fold(f64::NEG_INFINITY, f64::max),
                        y0: ys.clone().fold(f64::INFINITY, f64::min),
                        y1: ys.fold(f64::NEG_INFINITY, f64::max),
                        baseline,
                        text: t.text.get(g.range()).unwrap_or("").to_string(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Pairs of glyphs on different lines whose ink boxes overlap.
pub(crate) fn collisions(inks: &[Ink]) -> Vec<(Ink, Ink)> {
    let mut sorted: Vec<&Ink> = inks.iter().collect();
    sorted.sort_by(|a, b| a.y0.total_cmp(&b.y0));
    let mut out = Vec::new();
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if b.y0 >= a.y1 {
                break; // sorted by top: nothing further down can reach a
            }
            let other_line = (a.baseline - b.baseline).abs() > 0.5;
            let overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
            if other_line && overlap {
                out.push(((*a).clone(), (*b).clone()));
            }
        }
    }
    out
}

/// The smallest text size on a frame, in points (scale transforms included).
pub(crate) fn smallest_text_pt(frame: &Frame) -> Option<f64> {
    fn walk(frame: &Frame, ts: Transform, min: &mut Option<f64>) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(g) => walk(&g.frame, here.pre_concat(g.transform), min),
                FrameItem::Text(t) if t.glyphs.iter().any(|g| g.x_advance.get() > 0.0) => {
                    let s = t.size.to_pt() * here.sy.get().abs();
                    *min = Some(min.map_or(s, |m: f64| m.min(s)));
                }
                _ => {}
            }
        }
    }
    let mut min = None;
    walk(frame, Transform::identity(), &mut min);
    min
}
