//! The PNG writer for share cards (issue 16): a card is drawn opaque, so its pixels are written
//! as RGB (no alpha channel to store), with adaptive row filters and the fast deflate level.
//! The raster library's own writer compresses hard (a large share of a card's 11 ms); a card is
//! a 1200×630 preview a messaging app fetches once, so a somewhat bigger file for less CPU pays.

use std::io::Cursor;

/// `rgba`: premultiplied RGBA, as the raster is drawn. `None` when a pixel is not fully opaque
/// (premultiplied and straight colours then differ): the caller falls back to the exact writer.
pub(crate) fn encode_opaque(width: u32, height: u32, rgba: &[u8]) -> Option<Vec<u8>> {
    use image::ImageEncoder;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let pixels = width as usize * height as usize;
    if rgba.len() != pixels * 4 {
        return None;
    }
    // One pass, into a buffer of the final size: checking alpha in a pass of its own and
    // pushing three bytes at a time took longer than compressing the card (issue 16).
    let mut rgb = vec![0u8; pixels * 3];
    let mut alpha = 0xFF;
    for (to, from) in rgb.chunks_exact_mut(3).zip(rgba.chunks_exact(4)) {
        to.copy_from_slice(&from[..3]);
        alpha &= from[3];
    }
    if alpha != 0xFF {
        return None;
    }
    let mut out = Cursor::new(Vec::with_capacity(rgb.len() / 8));
    let encoder = PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive);
    encoder.write_image(&rgb, width, height, image::ExtendedColorType::Rgb8).ok()?;
    Some(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 16: the fast writer is lossless: the card decodes to the very pixels drawn.
    #[test]
    fn opaque_pixels_come_back_exactly() {
        let (w, h) = (37u32, 11u32);
        let rgba: Vec<u8> = (0..w * h).flat_map(|i| [(i * 7) as u8, (i * 13) as u8, (i / 3) as u8, 255]).collect();
        let png = encode_opaque(w, h, &rgba).expect("opaque");
        let back = image::load_from_memory(&png).expect("a PNG").to_rgb8();
        assert_eq!(back.dimensions(), (w, h));
        let want: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        assert_eq!(back.into_raw(), want);
    }

    /// A pixel that is not opaque goes to the exact writer (premultiplied colours would be wrong).
    #[test]
    fn transparency_is_not_written_here() {
        let mut rgba = vec![255u8; 4 * 4];
        rgba[7] = 128;
        assert!(encode_opaque(2, 2, &rgba).is_none());
        assert!(encode_opaque(3, 2, &rgba).is_none(), "a size that does not match the pixels");
    }
}
