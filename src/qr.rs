//! QR codes for page addresses: one module matrix, drawn as SVG for the web and as K-only
//! squares by the print templates (PRINT-NOTES §8.4: an RGB or grey SVG is not plain black ink).

use crate::diag::Diagnostic;
use crate::msg;
use qrcode::{Color, EcLevel, QrCode};

/// Dark modules, row by row. Error correction M survives a fold or a scuffed poster corner.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Matrix {
    pub size: usize,
    pub dark: Vec<Vec<bool>>,
}

pub fn matrix(text: &str) -> Result<Matrix, Diagnostic> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| {
        Diagnostic::error("qr", msg!("qr-too-long", text = text, reason = e.to_string()))
            .with_hint(msg!("qr-too-long-hint"))
    })?;
    let size = code.width();
    let colors = code.to_colors();
    let dark = colors.chunks(size).map(|row| row.iter().map(|c| *c == Color::Dark).collect()).collect();
    Ok(Matrix { size, dark })
}

/// Like [`matrix`] but with one fixed mask pattern instead of trying all eight and keeping the
/// one with the lowest penalty score. Any mask is valid QR; the search only avoids patterns that
/// can confuse weak scanners, and it is most of the cost (0.8 ms a code, measured: 7 s of a
/// 15,000-page build). Used for the on-screen `qr.svg` of every page; print keeps [`matrix`].
pub fn matrix_fast(text: &str) -> Result<Matrix, Diagnostic> {
    use qrcode::canvas::{Canvas, MaskPattern};
    let fail = |e: qrcode::types::QrError| {
        Diagnostic::error("qr", msg!("qr-too-long", text = text, reason = e.to_string()))
            .with_hint(msg!("qr-too-long-hint"))
    };
    let bits = qrcode::bits::encode_auto(text.as_bytes(), EcLevel::M).map_err(fail)?;
    let version = bits.version();
    let (data, ec) = qrcode::ec::construct_codewords(&bits.into_bytes(), version, EcLevel::M).map_err(fail)?;
    let mut canvas = Canvas::new(version, EcLevel::M);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data, &ec);
    canvas.apply_mask(MaskPattern::Checkerboard);
    let colors = canvas.into_colors();
    let size = version.width().max(0) as usize;
    let dark = colors.chunks(size.max(1)).map(|row| row.iter().map(|c| *c == Color::Dark).collect()).collect();
    Ok(Matrix { size, dark })
}

/// Pixels per module in the SVG's `width` and `height`: a program that rasterises the file at
/// its own size (ImageMagick, office software) gets a code that scans; without them ImageMagick
/// drew 33 px for 33 modules and the code no longer scanned (issue 13). Browsers scale it to
/// the `<img>` size anyway.
const PX_PER_MODULE: usize = 8;

/// A crisp, small SVG: one path of unit squares inside a 4-module quiet zone.
pub fn svg(m: &Matrix, title: &str) -> String {
    let full = m.size + 8;
    let px = full * PX_PER_MODULE;
    // Bytes, not a `String`: pushing a `char` at a time re-encodes each one (issue 16).
    let mut out = Vec::with_capacity(400 + m.size * m.size * 4);
    out.extend_from_slice(b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
    for (n, after) in [
        (px, &b"\" height=\""[..]),
        (px, b"\" viewBox=\"0 0 "),
        (full, b" "),
        (full, b"\" shape-rendering=\"crispEdges\"><title>"),
    ] {
        push_number(&mut out, n);
        out.extend_from_slice(after);
    }
    let mut escaped = String::new();
    crate::render::web::html::escape_into(&mut escaped, title);
    out.extend_from_slice(escaped.as_bytes());
    out.extend_from_slice(b"</title><rect width=\"");
    push_number(&mut out, full);
    out.extend_from_slice(b"\" height=\"");
    push_number(&mut out, full);
    out.extend_from_slice(b"\" fill=\"#fff\"/><path d=\"");
    // One rectangle per run of dark modules in a row: a third of the commands of one square
    // each, so a smaller file. Written straight into the file's text, without a `format!` per
    // module or a copy of the path (issue 16).
    for (y, row) in m.dark.iter().enumerate() {
        let mut x = 0;
        while let Some(skip) = row[x..].iter().position(|&dark| dark) {
            x += skip;
            let run = row[x..].iter().take_while(|&&dark| dark).count();
            out.push(b'M');
            push_number(&mut out, x + 4);
            out.push(b' ');
            push_number(&mut out, y + 4);
            out.push(b'h');
            push_number(&mut out, run);
            out.extend_from_slice(b"v1h-");
            push_number(&mut out, run);
            out.push(b'z');
            x += run;
        }
    }
    out.extend_from_slice(b"\" fill=\"#000\" stroke=\"none\"/></svg>\n");
    // ASCII around an escaped `str`: always UTF-8, so this never takes the empty branch.
    String::from_utf8(out).unwrap_or_default()
}

/// The three decimal digits of every number below 1000, with leading zeros.
const DIGITS: [[u8; 3]; 1000] = {
    let mut table = [[0; 3]; 1000];
    let mut n = 0;
    while n < 1000 {
        table[n] = [b'0' + (n / 100) as u8, b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
        n += 1;
    }
    table
};

/// `n` in decimal. `write!` was half of the cost of every page's `qr.svg` (2.8 % of a
/// 15,000-page build's CPU), and a digit pushed at a time as a `char` still 1.2 % (issue 16):
/// the digits come from a table of every number below 1000 (a code is at most 177 modules
/// wide, 1,480 px with its quiet zone).
fn push_number(out: &mut Vec<u8>, n: usize) {
    if n >= 1000 {
        push_number(out, n / 1000);
        out.extend_from_slice(&DIGITS[n % 1000]);
        return;
    }
    let skip = match n {
        100.. => 0,
        10.. => 1,
        _ => 2,
    };
    out.extend_from_slice(&DIGITS[n][skip..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in (0..2100).chain([4096, 10_000, 100_001, usize::MAX]) {
            let mut s = b"x".to_vec();
            push_number(&mut s, n);
            assert_eq!(s, format!("x{n}").into_bytes());
        }
    }

    #[test]
    fn matrix_has_finder_patterns() {
        let m = matrix("https://xa.example.vn/goi-111/").expect("fits");
        assert_eq!(m.dark.len(), m.size);
        // The top-left finder pattern: a dark 7-module ring with a dark 3×3 centre.
        assert!((0..7).all(|i| m.dark[0][i] && m.dark[6][i] && m.dark[i][0] && m.dark[i][6]));
        assert!(!m.dark[1][1] && m.dark[3][3]);
    }

    #[test]
    fn fast_matrix_is_the_same_code_with_a_fixed_mask() {
        let url = "https://xa.example.vn/hmn/goi-111/";
        let (best, fast) = (matrix(url).expect("fits"), matrix_fast(url).expect("fits"));
        assert_eq!(best.size, fast.size);
        // Finder patterns are never masked: identical in both.
        assert!((0..7).all(|i| (0..7).all(|j| best.dark[i][j] == fast.dark[i][j])));
    }

    #[test]
    fn svg_escapes_its_title() {
        let m = matrix("x").expect("fits");
        let s = svg(&m, "<a&b>");
        assert!(s.contains("<title>&lt;a&amp;b&gt;</title>") && s.starts_with("<svg"));
        // Issue 13: a size of its own, 8 px a module with the quiet zone (21 + 8 modules).
        assert!(s.contains(r#"width="232" height="232" viewBox="0 0 29 29""#), "{s}");
    }
}
