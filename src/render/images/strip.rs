//! Removing metadata from pictures that are published as they are (`static/`, files beside a
//! page), without re-encoding them: a phone photo carries the place it was taken (GPS), the phone
//! and often the owner's name, and the campaign must never publish where a victim lives
//! (issue 11). The picture step re-encodes the pictures pages show; this covers every other copy.
//!
//! | format | kept                                              | removed                              |
//! |--------|---------------------------------------------------|--------------------------------------|
//! | JPEG   | image data, tables, JFIF (APP0), ICC profile (APP2 `ICC_PROFILE`), Adobe (APP14: colour transform) | Exif and XMP (APP1), other APP2, APP3–APP13 (IPTC in APP13), APP15, comments |
//! | PNG    | every chunk but these                             | `tEXt`, `zTXt`, `iTXt`, `eXIf`, `tIME` |
//! | WebP   | image, alpha, animation, ICC                      | `EXIF`, `XMP ` (and their VP8X flags) |
//! | GIF    | image data, the animation loop (NETSCAPE2.0)      | comments, other application blocks (XMP) |
//!
//! Formats whose metadata loa cannot remove safely (HEIC, TIFF, AVIF, camera raw) are refused with
//! a hint to save the picture as JPEG or PNG. The user's own files are never changed.

use crate::messages::Message;
use crate::msg;
use std::borrow::Cow;

/// Why a picture cannot be published as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub message: Message,
    pub hint: Message,
}

/// Picture formats loa must not publish as they are.
const REFUSED: [&str; 8] = ["heic", "heif", "tif", "tiff", "avif", "dng", "cr2", "nef"];

/// The file without metadata (`Cow::Borrowed` when it had none, or is not a picture).
pub fn strip<'a>(ext: &str, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>, Refused> {
    let ext = ext.to_ascii_lowercase();
    let damaged = || Refused { message: msg!("picture-damaged"), hint: msg!("picture-damaged-hint") };
    match ext.as_str() {
        "jpg" | "jpeg" | "jpe" | "jfif" => jpeg(bytes).ok_or_else(damaged),
        "png" => png(bytes).ok_or_else(damaged),
        "webp" => webp(bytes).ok_or_else(damaged),
        "gif" => gif(bytes).ok_or_else(damaged),
        e if REFUSED.contains(&e) => {
            Err(Refused { message: msg!("picture-refused", ext = e), hint: msg!("picture-refused-hint") })
        }
        _ => Ok(Cow::Borrowed(bytes)),
    }
}

fn jpeg(b: &[u8]) -> Option<Cow<'_, [u8]>> {
    if !b.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    let mut removed = false;
    loop {
        // Fill bytes: any number of 0xFF before a marker.
        while b.get(i) == Some(&0xFF) && b.get(i + 1) == Some(&0xFF) {
            i += 1;
        }
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        match marker {
            // Start of scan: the entropy-coded data (and any later markers) are copied as they are.
            0xDA => {
                out.extend_from_slice(&b[i..]);
                break;
            }
            0xD9 => {
                out.extend_from_slice(&b[i..]);
                break;
            }
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&b[i..i + 2]);
                i += 2;
                continue;
            }
            _ => {}
        }
        let len = u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]) as usize;
        let end = i.checked_add(2 + len).filter(|&e| len >= 2 && e <= b.len())?;
        let payload = &b[i + 4..end];
        let keep = match marker {
            0xE0 | 0xEE => true,
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&b[i..end]);
        } else {
            removed = true;
        }
        i = end;
    }
    Some(if removed { Cow::Owned(out) } else { Cow::Borrowed(b) })
}

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

fn png(b: &[u8]) -> Option<Cow<'_, [u8]>> {
    if !b.starts_with(&PNG_SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&PNG_SIGNATURE);
    let mut i = 8;
    let mut removed = false;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let end = i.checked_add(12)?.checked_add(len).filter(|&e| e <= b.len())?;
        if matches!(kind, b"tEXt" | b"zTXt" | b"iTXt" | b"eXIf" | b"tIME") {
            removed = true;
        } else {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            break;
        }
    }
    Some(if removed { Cow::Owned(out) } else { Cow::Borrowed(b) })
}

fn webp(b: &[u8]) -> Option<Cow<'_, [u8]>> {
    if b.len() < 12 || &b[..4] != b"RIFF" || &b[8..12] != b"WEBP" {
        return None;
    }
    let mut chunks = Vec::new();
    let mut i = 12;
    let mut removed = false;
    while i + 8 <= b.len() {
        let kind = &b[i..i + 4];
        let len = u32::from_le_bytes(b[i + 4..i + 8].try_into().ok()?) as usize;
        let end = i.checked_add(8)?.checked_add(len + (len & 1))?.min(b.len());
        if i + 8 + len > b.len() {
            return None;
        }
        if kind == b"EXIF" || kind == b"XMP " {
            removed = true;
        } else {
            chunks.push(b[i..end].to_vec());
        }
        i = end;
    }
    if !removed {
        return Some(Cow::Borrowed(b));
    }
    for chunk in &mut chunks {
        if chunk.starts_with(b"VP8X") && chunk.len() > 8 {
            // Flags byte: XMP 0x04, EXIF 0x08.
            chunk[8] &= !(0x04 | 0x08);
        }
    }
    let body: usize = chunks.iter().map(Vec::len).sum();
    let mut out = Vec::with_capacity(12 + body);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&u32::try_from(4 + body).ok()?.to_le_bytes());
    out.extend_from_slice(b"WEBP");
    chunks.iter().for_each(|c| out.extend_from_slice(c));
    Some(Cow::Owned(out))
}

fn gif(b: &[u8]) -> Option<Cow<'_, [u8]>> {
    if !(b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a")) || b.len() < 13 {
        return None;
    }
    let table = |flags: u8| if flags & 0x80 != 0 { 3 * (1usize << ((flags & 0x07) + 1)) } else { 0 };
    let mut i = 13 + table(b[10]);
    let mut out = b.get(..i)?.to_vec();
    let mut removed = false;
    // Sub-blocks: a length byte, that many bytes, …, a zero.
    let sub_blocks_end = |mut j: usize| -> Option<usize> {
        loop {
            let n = *b.get(j)? as usize;
            j += 1 + n;
            if n == 0 {
                return Some(j);
            }
        }
    };
    loop {
        match *b.get(i)? {
            0x3B => {
                out.push(0x3B);
                break;
            }
            0x2C => {
                let flags = *b.get(i + 9)?;
                let data = i + 10 + table(flags) + 1;
                let end = sub_blocks_end(data)?;
                out.extend_from_slice(b.get(i..end)?);
                i = end;
            }
            0x21 => {
                let label = *b.get(i + 1)?;
                let end = sub_blocks_end(i + 2)?;
                let block = b.get(i..end)?;
                let app = label == 0xFF && block.get(3..14) == Some(b"NETSCAPE2.0".as_slice());
                let keep = match label {
                    0xFE => false,
                    0xFF => app,
                    _ => true,
                };
                if keep {
                    out.extend_from_slice(block);
                } else {
                    removed = true;
                }
                i = end;
            }
            _ => return None,
        }
    }
    Some(if removed { Cow::Owned(out) } else { Cow::Borrowed(b) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    #[test]
    fn jpeg_keeps_image_and_colour_and_drops_the_rest() {
        let mut j = vec![0xFF, 0xD8];
        j.extend(segment(0xE0, b"JFIF\0\x01\x01"));
        j.extend(segment(0xE1, b"Exif\0\0GPS 21.5N"));
        j.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        j.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01data"));
        j.extend(segment(0xE2, b"MPF\0other"));
        j.extend(segment(0xED, b"Photoshop 3.0\0IPTC"));
        j.extend(segment(0xFE, b"Nguyen Van A"));
        j.extend(segment(0xDB, b"quant"));
        j.extend([0xFF, 0xDA, 0x00, 0x02, 1, 2, 3, 0xFF, 0xD9]);
        let out = strip("JPG", &j).unwrap().into_owned();
        let text = String::from_utf8_lossy(&out);
        for gone in ["Exif", "xmpmeta", "MPF", "IPTC", "Nguyen"] {
            assert!(!text.contains(gone), "{gone} left in {text}");
        }
        for kept in ["JFIF", "ICC_PROFILE", "quant"] {
            assert!(text.contains(kept), "{kept} lost");
        }
        assert!(out.ends_with(&[1, 2, 3, 0xFF, 0xD9]), "image data untouched");
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    }

    #[test]
    fn png_drops_text_chunks() {
        let mut p = PNG_SIGNATURE.to_vec();
        p.extend(chunk(b"IHDR", &[0; 13]));
        p.extend(chunk(b"tEXt", b"Author\0Lo Thi Mai"));
        p.extend(chunk(b"eXIf", b"MM\0*GPS"));
        p.extend(chunk(b"IDAT", b"pixels"));
        p.extend(chunk(b"IEND", b""));
        let out = strip("png", &p).unwrap().into_owned();
        let text = String::from_utf8_lossy(&out);
        assert!(!text.contains("Lo Thi Mai") && !text.contains("GPS"), "{text}");
        assert!(text.contains("IHDR") && text.contains("pixels") && text.contains("IEND"));
    }

    #[test]
    fn clean_files_are_not_copied_and_others_pass() {
        let mut p = PNG_SIGNATURE.to_vec();
        p.extend(chunk(b"IEND", b""));
        assert!(matches!(strip("png", &p), Ok(Cow::Borrowed(_))));
        assert!(matches!(strip("pdf", b"%PDF"), Ok(Cow::Borrowed(_))));
        assert!(strip("HEIC", b"....ftypheic").is_err());
        assert!(strip("jpg", b"not a jpeg").is_err());
        assert!(strip("png", &PNG_SIGNATURE[..4]).is_err());
    }

    #[test]
    fn webp_drops_exif_and_xmp_and_their_flags() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = kind.to_vec();
            c.extend_from_slice(&(data.len() as u32).to_le_bytes());
            c.extend_from_slice(data);
            if data.len() % 2 == 1 {
                c.push(0);
            }
            c
        };
        let body = [chunk(b"VP8X", &[0x0C, 0, 0, 0, 1, 0, 0, 1, 0, 0]), chunk(b"VP8 ", b"img"), chunk(b"EXIF", b"GPS")]
            .concat();
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&((4 + body.len()) as u32).to_le_bytes());
        w.extend_from_slice(b"WEBP");
        w.extend(body);
        let out = strip("webp", &w).unwrap().into_owned();
        assert!(!String::from_utf8_lossy(&out).contains("GPS"));
        assert_eq!(out[20] & 0x0C, 0, "flags cleared");
        assert_eq!(u32::from_le_bytes(out[4..8].try_into().unwrap()) as usize, out.len() - 8, "RIFF size");
    }

    #[test]
    fn gif_drops_comments() {
        let mut g = b"GIF89a".to_vec();
        g.extend_from_slice(&[1, 0, 1, 0, 0x00, 0, 0]); // 1×1, no colour table
        g.extend_from_slice(&[0x21, 0xFE, 5]);
        g.extend_from_slice(b"Mai 1");
        g.push(0);
        g.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, 2, 2, 0x4C, 0x01, 0]);
        g.push(0x3B);
        let out = strip("gif", &g).unwrap().into_owned();
        assert!(!String::from_utf8_lossy(&out).contains("Mai"));
        assert_eq!(out.last(), Some(&0x3B));
    }
}
