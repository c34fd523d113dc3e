//! The PNG writer for share cards (issue 16): a card is drawn opaque, so its pixels are written
//! as RGB (no alpha channel to store), every row with the Up filter, compressed by `fdeflate`
//! (the PNG-tuned deflate the `png` crate uses for its fast level), one row at a time.
//!
//! Why not the `png` crate's adaptive filter: choosing a filter per row tried all five on every
//! row and, with an RGB copy of the whole raster first, was about half of a cold card's CPU.
//! A card is mostly flat bands: Up turns every row equal to the one above into zeros, which
//! fdeflate stores as runs, and text rows cost one subtraction per byte. Rows are filtered
//! straight from the RGBA raster into one row buffer, so no second picture is ever allocated; a
//! row equal to the one above is not filtered at all.
//! Files are about the size the adaptive filter gave (≈ 46 KB), pixels exactly the same.

use std::io::Write;

/// `rgba`: premultiplied RGBA, as the raster is drawn. `None` when a pixel is not fully opaque
/// (premultiplied and straight colours then differ) or the sizes do not match: the caller falls
/// back to the exact writer.
pub(crate) fn encode_opaque(width: u32, height: u32, rgba: &[u8]) -> Option<Vec<u8>> {
    let (w, h) = (width as usize, height as usize);
    if w == 0 || h == 0 || rgba.len() != w.checked_mul(h)?.checked_mul(4)? {
        return None;
    }
    let mut out = Vec::with_capacity(64 * 1024);
    out.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = [0u8; 13];
    ihdr[..4].copy_from_slice(&width.to_be_bytes());
    ihdr[4..8].copy_from_slice(&height.to_be_bytes());
    // 8 bits per sample, colour type 2 (RGB), deflate, the five standard filters, no interlace.
    ihdr[8..].copy_from_slice(&[8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let idat = idat(w, rgba)?;
    chunk(&mut out, b"IDAT", &idat);
    chunk(&mut out, b"IEND", &[]);
    Some(out)
}

/// The zlib stream of the filtered rows; `None` at the first pixel that is not opaque.
///
/// Each row is read once while it is in the cache, in loops the compiler turns into vector
/// code (a per-pixel loop writing three bytes was scalar and cost 1 ms a card): its alpha
/// checked by ANDing whole pixels, the row above subtracted over all four channels, then
/// packed to three bytes a pixel, two pixels per overlapping eight-byte store.
fn idat(w: usize, rgba: &[u8]) -> Option<Vec<u8>> {
    /// PNG filter type 2: each byte minus the byte above it (zero above the first row).
    const UP: u8 = 2;
    let stride = w * 4;
    let zero = vec![0u8; stride];
    let mut diff = vec![0u8; stride];
    // Filter byte, three bytes a pixel, and two spare bytes the last eight-byte store spills into.
    let mut row = vec![0u8; 1 + w * 3 + 2];
    row[0] = UP;
    let mut z = fdeflate::Compressor::new(Vec::with_capacity(64 * 1024)).ok()?;
    // A row the same as the one above filters to zeros: most rows of a card's flat bands.
    let mut zero_row = vec![0u8; 1 + w * 3];
    zero_row[0] = UP;
    let mut above: &[u8] = &zero;
    for (y, line) in rgba.chunks_exact(stride).enumerate() {
        // One comparison (the C library's, wider than these loops) instead of the alpha check,
        // the subtraction and the packing. Not on the first row: its "above" is no pixels.
        if y > 0 && line == above {
            z.write_data(&zero_row).ok()?;
            continue;
        }
        let all = line.chunks_exact(4).fold(u32::MAX, |a, p| a & u32::from_le_bytes(p.try_into().unwrap_or_default()));
        if all >> 24 != 0xFF {
            return None;
        }
        diff.iter_mut().zip(line.iter().zip(above)).for_each(|(d, (p, q))| *d = p.wrapping_sub(*q));
        let pairs = diff.chunks_exact(8);
        let last = pairs.remainder();
        for (i, two) in pairs.enumerate() {
            // Always eight bytes (chunks_exact); the conversion is one load, unlike indexing.
            let v = u64::from_le_bytes(<[u8; 8]>::try_from(two).unwrap_or_default());
            // RGBA RGBA → RGB RGB: drop bytes 3 and 7.
            let packed = (v & 0xFF_FFFF) | ((v >> 8) & 0xFFFF_FF00_0000);
            row[1 + 6 * i..1 + 6 * i + 8].copy_from_slice(&packed.to_le_bytes());
        }
        if let [r, g, b, _] = *last {
            row[w * 3 - 2..w * 3 + 1].copy_from_slice(&[r, g, b]);
        }
        z.write_data(&row[..1 + w * 3]).ok()?;
        above = line;
    }
    z.finish().ok()
}

/// One PNG chunk: length, type, data, CRC-32 of type and data.
fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    // A Vec never fails to take bytes; a card's data is far below 2^31 bytes.
    let _ = out.write_all(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgba_of(w: u32, h: u32, f: impl Fn(u32, u32) -> [u8; 3]) -> Vec<u8> {
        (0..h)
            .flat_map(|y| (0..w).map(move |x| (x, y)))
            .flat_map(|(x, y)| {
                let [r, g, b] = f(x, y);
                [r, g, b, 255]
            })
            .collect()
    }

    fn decoded(png: &[u8]) -> image::RgbImage {
        let img = image::load_from_memory_with_format(png, image::ImageFormat::Png).expect("a PNG");
        assert_eq!(img.color(), image::ColorType::Rgb8, "written as 8-bit RGB");
        img.to_rgb8()
    }

    /// Issue 16: the fast writer is lossless: the card decodes to the very pixels drawn, for
    /// noise (every filtered byte differs), flat bands (rows equal to the one above) and wrap
    /// around (a byte smaller than the one above).
    #[test]
    fn opaque_pixels_come_back_exactly() {
        let pictures = [
            (37, 11, rgba_of(37, 11, |x, y| [(x * 7 + y * 3) as u8, (x * 13) as u8, (y * 51) as u8])),
            (64, 40, rgba_of(64, 40, |_, y| if y < 29 { [218, 37, 29] } else { [255, 205, 0] })),
            (5, 4, rgba_of(5, 4, |x, y| if (x + y) % 2 == 0 { [255, 0, 255] } else { [0, 255, 1] })),
        ];
        for (w, h, rgba) in pictures {
            let back = decoded(&encode_opaque(w, h, &rgba).expect("opaque"));
            assert_eq!(back.dimensions(), (w, h));
            let want: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
            assert_eq!(back.into_raw(), want, "{w}×{h}");
        }
    }

    /// A card of flat bands compresses to a small file: the Up filter's zero rows are runs.
    #[test]
    fn flat_bands_make_a_small_file() {
        let rgba = rgba_of(1200, 630, |_, y| if y < 453 { [218, 37, 29] } else { [255, 205, 0] });
        let png = encode_opaque(1200, 630, &rgba).expect("opaque");
        // 2.27 MB of pixels; each zero row is a filter byte and runs (about 35 bytes).
        assert!(png.len() < 1200 * 630 * 3 / 50, "{} bytes", png.len());
        assert_eq!(decoded(&png).get_pixel(0, 629).0, [255, 205, 0]);
        // Every row is Up-filtered (the adaptive writer chose per row): IHDR is bytes 8..33,
        // then IDAT's length, type and zlib stream.
        let len = u32::from_be_bytes([png[33], png[34], png[35], png[36]]) as usize;
        assert_eq!(&png[37..41], b"IDAT");
        let mut raw = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&png[41..41 + len]), &mut raw).expect("zlib");
        assert_eq!(raw.len(), 630 * (1 + 1200 * 3));
        assert!(raw.chunks_exact(1 + 1200 * 3).all(|row| row[0] == 2), "filter Up on every row");
        assert!(raw.chunks_exact(1 + 1200 * 3).skip(1).filter(|r| r[1..].iter().all(|&b| b == 0)).count() == 628);
    }

    /// A pixel that is not opaque goes to the exact writer (premultiplied colours would be wrong).
    #[test]
    fn transparency_is_not_written_here() {
        let mut rgba = vec![255u8; 4 * 4];
        rgba[7] = 128;
        assert!(encode_opaque(2, 2, &rgba).is_none());
        assert!(encode_opaque(3, 2, &rgba).is_none(), "a size that does not match the pixels");
        assert!(encode_opaque(0, 0, &[]).is_none(), "no pixels");
    }
}
