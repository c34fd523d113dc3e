//! One picture in, a few light variants out: decoded under strict limits, turned upright,
//! resized (never up), re-encoded without metadata. Re-encoding is what strips EXIF (phone
//! photos carry GPS positions: a privacy leak for victims and staff alike).

use crate::messages::Message;
use crate::msg;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Widths a page picture is offered at (phones are 240–480 px wide, tablets twice that).
pub const WIDTHS: [u32; 2] = [480, 960];
/// JPEG quality: visually fine for photos on a phone, about a tenth of a camera original.
pub const JPEG_QUALITY: u8 = 78;
/// Refuse images whose pixels alone would need more than this (decompression bombs).
const MAX_PIXELS: u64 = 50_000_000;
const MAX_SIDE: u32 = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Jpeg,
    Png,
    Webp,
}

impl Kind {
    pub fn ext(self) -> &'static str {
        match self {
            Kind::Jpeg => "jpg",
            Kind::Png => "png",
            Kind::Webp => "webp",
        }
    }
    pub fn mime(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// Why a picture could not be used, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageProblem {
    pub message: Message,
    pub hint: Message,
}

fn problem(message: Message, hint: Message) -> ImageProblem {
    ImageProblem { message, hint }
}

/// The format the file's own bytes declare, checked against its extension.
pub fn sniff(bytes: &[u8], ext: &str) -> Result<ImageFormat, ImageProblem> {
    let format =
        image::guess_format(bytes).map_err(|_| problem(msg!("picture-unknown"), msg!("picture-unknown-hint")))?;
    let expected = ImageFormat::from_extension(ext);
    if expected.is_some() && expected != Some(format) {
        let real = format.extensions_str().first().copied().unwrap_or("?");
        return Err(problem(
            msg!("picture-wrong-ext", ext = ext, real = real.to_uppercase()),
            msg!("picture-wrong-ext-hint", real = real),
        ));
    }
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP) {
        return Err(problem(msg!("picture-format", format = real_name(format)), msg!("picture-format-hint")));
    }
    Ok(format)
}

fn real_name(f: ImageFormat) -> String {
    f.extensions_str().first().map(|s| s.to_uppercase()).unwrap_or_else(|| "these".into())
}

/// Whether the file ends the way its format says it must. Decoders are lenient with a cut-off
/// file (the JPEG decoder fills the missing part with grey), so a half-copied photo would be
/// published silently; the end markers tell.
fn is_complete(bytes: &[u8], format: ImageFormat) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(64)..];
    match format {
        ImageFormat::Jpeg => tail.windows(2).any(|w| w == [0xFF, 0xD9]),
        ImageFormat::Png => tail.windows(4).any(|w| w == b"IEND"),
        ImageFormat::WebP => {
            let declared = bytes.get(4..8).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            declared.is_some_and(|n| n + 8 <= bytes.len())
        }
        _ => true,
    }
}

/// Decodes with limits, applies the EXIF orientation, and produces the variants.
pub fn variants(bytes: &[u8], format: ImageFormat) -> Result<Vec<Variant>, ImageProblem> {
    if !is_complete(bytes, format) {
        return Err(problem(msg!("picture-incomplete"), msg!("picture-incomplete-hint")));
    }
    let img = decode(bytes, format)?;
    let (w, h) = (img.width(), img.height());
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&x| x < w).collect();
    widths.push(w.min(*WIDTHS.last().unwrap_or(&w)));
    widths.sort_unstable();
    widths.dedup();
    let keep_alpha = img.color().has_alpha();
    let mut out = Vec::new();
    for width in widths {
        let height = ((h as u64 * width as u64) / w as u64).max(1) as u32;
        let scaled = if width == w { img.clone() } else { img.resize_exact(width, height, FilterType::Triangle) };
        let main = match format {
            ImageFormat::Jpeg => Kind::Jpeg,
            _ if keep_alpha => Kind::Png,
            ImageFormat::WebP => Kind::Jpeg,
            _ => Kind::Png,
        };
        out.push(Variant { width, height, kind: main, bytes: encode(&scaled, main)? });
        if main == Kind::Png {
            // Lossless WebP is often much smaller than PNG; offered only where it saves bytes.
            let webp = encode(&scaled, Kind::Webp)?;
            if out.last().is_some_and(|v| webp.len() < v.bytes.len()) {
                out.push(Variant { width, height, kind: Kind::Webp, bytes: webp });
            }
        }
    }
    Ok(out)
}

fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, ImageProblem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    let too_big = || {
        problem(
            msg!("picture-too-big"),
            msg!("picture-too-big-hint", side = MAX_SIDE.to_string(), megapixels = MAX_PIXELS / 1_000_000),
        )
    };
    let mut decoder = reader.into_decoder().map_err(|e| explain(&e, &too_big))?;
    let (w, h) = decoder.dimensions();
    if w == 0 || h == 0 || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_big());
    }
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| explain(&e, &too_big))?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

fn explain(err: &image::ImageError, too_big: &dyn Fn() -> ImageProblem) -> ImageProblem {
    match err {
        image::ImageError::Limits(_) => too_big(),
        _ => problem(msg!("picture-unreadable", reason = err.to_string()), msg!("picture-unreadable-hint")),
    }
}

fn encode(img: &DynamicImage, kind: Kind) -> Result<Vec<u8>, ImageProblem> {
    let mut buf = Vec::new();
    let result = match kind {
        Kind::Jpeg => {
            let rgb = img.to_rgb8();
            JpegEncoder::new_with_quality(&mut buf, JPEG_QUALITY).write_image(
                rgb.as_raw(),
                rgb.width(),
                rgb.height(),
                image::ExtendedColorType::Rgb8,
            )
        }
        Kind::Png => {
            let rgba = img.to_rgba8();
            PngEncoder::new(&mut buf).write_image(
                rgba.as_raw(),
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
        }
        Kind::Webp => {
            let rgba = img.to_rgba8();
            WebPEncoder::new_lossless(&mut buf).write_image(
                rgba.as_raw(),
                rgba.width(),
                rgba.height(),
                image::ExtendedColorType::Rgba8,
            )
        }
    };
    result.map_err(|e| problem(msg!("picture-reencode", reason = e.to_string()), msg!("picture-reencode-hint")))?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| Rgb([(x % 255) as u8, (y % 255) as u8, 90]));
        let mut buf = Vec::new();
        JpegEncoder::new_with_quality(&mut buf, 90)
            .write_image(img.as_raw(), w, h, image::ExtendedColorType::Rgb8)
            .expect("encode test jpeg");
        buf
    }

    #[test]
    fn large_photo_gets_two_widths_never_upscaled() {
        let v = variants(&jpeg(2000, 1000), ImageFormat::Jpeg).expect("variants");
        let widths: Vec<_> = v.iter().map(|v| (v.width, v.height, v.kind)).collect();
        assert_eq!(widths, vec![(480, 240, Kind::Jpeg), (960, 480, Kind::Jpeg)]);
        let small = variants(&jpeg(300, 200), ImageFormat::Jpeg).expect("variants");
        assert_eq!(small.iter().map(|v| v.width).collect::<Vec<_>>(), vec![300]);
    }

    #[test]
    fn png_with_alpha_stays_lossless_with_alpha() {
        let img = RgbaImage::from_fn(600, 400, |x, _| Rgba([200, 0, 0, (x % 256) as u8]));
        let mut buf = Vec::new();
        PngEncoder::new(&mut buf).write_image(img.as_raw(), 600, 400, image::ExtendedColorType::Rgba8).expect("encode");
        let v = variants(&buf, ImageFormat::Png).expect("variants");
        assert!(v.iter().all(|v| v.kind != Kind::Jpeg), "alpha must not become JPEG");
        let back = image::load_from_memory(&v[0].bytes).expect("decode");
        assert!(back.color().has_alpha());
    }

    #[test]
    fn wrong_extension_and_garbage_are_named() {
        let err = sniff(&jpeg(10, 10), "png").unwrap_err();
        assert_eq!((err.message.text_arg("ext"), err.hint.text_arg("real")), (Some("png"), Some("jpg")), "{err:?}");
        assert!(sniff(b"not a picture at all", "jpg").is_err());
    }

    #[test]
    fn truncated_file_is_an_error_not_a_panic() {
        let full = jpeg(800, 600);
        let cut = &full[..full.len() / 3];
        assert!(variants(cut, ImageFormat::Jpeg).is_err());
    }
}
