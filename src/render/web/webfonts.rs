//! Web fonts, only where a script needs them (issue 17).
//!
//! Phones read Vietnamese and Hmong with the fonts they have; many have no font for Tai Viet,
//! and show Tai Dam as boxes. A page whose body has a letter of such a script gets an
//! `@font-face`: `local()` first (a phone that has the font downloads nothing), then a small
//! WOFF2 subset of the theme's own font (`scripts/make-webfonts.sh` makes it), limited by
//! `unicode-range`, so a browser fetches it only for those letters and never for Vietnamese.
//! `font-display: swap` keeps the text readable while it loads; a browser without web fonts
//! (Opera Mini) still shows every Vietnamese word in its own font.
//!
//! The decision is made on the rendered HTML, so it covers every source of text at once (the
//! body, titles, the language switcher's `ꪼꪕꪒꪾ`, interface strings).

use super::versions::Base;

pub struct WebFont {
    /// Also named in the theme's `font-family` list (`style.css`), before the generic family.
    pub family: &'static str,
    /// Full and PostScript names, which `local()` matches.
    pub local: &'static [&'static str],
    /// Path under OUT (the theme's `static/` is copied there).
    pub file: &'static str,
    /// Inclusive code point ranges the subset covers, as in `unicode-range`.
    pub ranges: &'static [(u32, u32)],
}

/// The fonts loa serves. Tai Viet: U+AA80–AADF, and the dotted circle a shaper puts under a
/// stray mark.
pub const FONTS: &[WebFont] = &[WebFont {
    family: "Noto Sans Tai Viet",
    local: &["Noto Sans Tai Viet Regular", "NotoSansTaiViet-Regular"],
    file: "fonts/NotoSansTaiViet-Regular.woff2",
    ranges: &[(0xAA80, 0xAADF), (0x25CC, 0x25CC)],
}];

impl WebFont {
    pub fn covers(&self, c: char) -> bool {
        let c = u32::from(c);
        self.ranges.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
    }

    fn face(&self, base: &Base<'_>) -> String {
        let local: Vec<String> = self.local.iter().map(|n| format!("local(\"{n}\")")).collect();
        let ranges: Vec<String> = self
            .ranges
            .iter()
            .map(|&(lo, hi)| if lo == hi { format!("U+{lo:X}") } else { format!("U+{lo:X}-{hi:X}") })
            .collect();
        format!(
            "@font-face{{font-family:\"{}\";src:{},url({}) format(\"woff2\");unicode-range:{};font-display:swap}}",
            self.family,
            local.join(","),
            base.url(self.file),
            ranges.join(",")
        )
    }
}

/// Where `pat` first is in `hay`. memchr's searcher, not a window compared at every byte:
/// that was a short `memcmp` call per byte of every page's head (issue 16).
fn find(hay: &[u8], pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, pat)
}

/// The fonts with a letter in `text`, passing over its one- and two-byte characters (see
/// [`three_byte_chars`]).
pub fn shown_in(text: &str) -> impl Iterator<Item = &'static WebFont> + '_ {
    shown_in_bytes(text.as_bytes())
}

fn shown_in_bytes(text: &[u8]) -> impl Iterator<Item = &'static WebFont> + '_ {
    FONTS.iter().filter(move |f| three_byte_chars(text).any(|c| f.covers(c)))
}

/// The characters of `text` from U+0800 on (three or four bytes in UTF-8), found by their lead
/// byte: every script a phone may lack is up there, and a page is mostly ASCII and Vietnamese
/// letters below it, so most bytes are passed over without decoding (issue 16: decoding every
/// character of every page was 4 % of a build). Bytes, not a `str`: a page comes here as the
/// templates wrote it (see [`add_faces`]).
fn three_byte_chars(text: &[u8]) -> impl Iterator<Item = char> + '_ {
    text.iter().enumerate().filter(|&(_, &b)| b >= 0xE0).filter_map(|(i, &lead)| decode_long(lead, &text[i + 1..]))
}

/// The character whose UTF-8 starts with `lead` (three or four bytes) and goes on in `rest`,
/// decoded by hand: a general decoder started at every such byte was most of the time spent
/// here, Vietnamese letters being three bytes (issue 16). Anything that is not well-formed
/// UTF-8 (a cut sequence, an overlong form, a surrogate) gives `None`, as a decoder would.
fn decode_long(lead: u8, rest: &[u8]) -> Option<char> {
    let tail = |n: usize| rest.get(..n).filter(|t| t.iter().all(|b| b & 0xC0 == 0x80));
    let (code, least) = match lead {
        0xE0..=0xEF => {
            let t = tail(2)?;
            ((u32::from(lead & 0x0F) << 12) | (u32::from(t[0] & 0x3F) << 6) | u32::from(t[1] & 0x3F), 0x800)
        }
        0xF0..=0xF4 => {
            let t = tail(3)?;
            let code = (u32::from(lead & 0x07) << 18)
                | (u32::from(t[0] & 0x3F) << 12)
                | (u32::from(t[1] & 0x3F) << 6)
                | u32::from(t[2] & 0x3F);
            (code, 0x10000)
        }
        _ => return None,
    };
    char::from_u32(code).filter(|_| code >= least)
}

/// The page with an `@font-face` for each font it shows letters of (only its `<body>` is
/// drawn), at the end of its first stylesheet (or in one of its own when a theme inlines none).
///
/// The page is the bytes the templates rendered, never turned into a `String`: that would check
/// every page's UTF-8 once more (issue 16: 2 % of a web build), though the templates write
/// nothing but `str`s.
pub fn add_faces(mut html: Vec<u8>, base: &Base<'_>) -> Vec<u8> {
    let body = find(&html, b"<body").map_or(&html[..], |i| &html[i..]);
    let faces: String = shown_in_bytes(body).map(|f| f.face(base)).collect();
    if faces.is_empty() {
        return html;
    }
    if let Some(i) = find(&html, b"</style>") {
        html.splice(i..i, faces.into_bytes());
    } else if let Some(i) = find(&html, b"</head>") {
        html.splice(i..i, format!("<style>{faces}</style>").into_bytes());
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!("<html><head><title>ꪼꪕ</title><style>a{{}}</style></head><body>{body}</body></html>")
    }

    #[test]
    fn only_pages_with_tai_viet_letters_get_the_face() {
        let base = Base::Dir("blt/a");
        let plain = page("<p>Gọi 111, miễn phí</p>");
        // A Tai Viet title in <head> alone is not drawn with the page's fonts.
        assert_eq!(add_faces(plain.clone().into_bytes(), &base), plain.as_bytes());
        let tai = String::from_utf8(add_faces(page("<p>ꪼꪕ ꪒꪾ</p>").into_bytes(), &base)).unwrap();
        assert!(tai.contains(
            "a{}@font-face{font-family:\"Noto Sans Tai Viet\";src:local(\"Noto Sans Tai Viet Regular\"),local(\"NotoSansTaiViet-Regular\"),url(../../fonts/NotoSansTaiViet-Regular.woff2) format(\"woff2\");unicode-range:U+AA80-AADF,U+25CC;font-display:swap}</style>"
        ), "{tai}");
    }

    /// [`three_byte_chars`] passes over everything below U+0800: no font may cover any of it.
    #[test]
    fn every_font_covers_only_three_byte_letters() {
        assert!(FONTS.iter().flat_map(|f| f.ranges).all(|&(lo, hi)| lo >= 0x800 && lo <= hi));
        assert_eq!(shown_in("Gọi 111, miễn phí, ꪼꪕ").count(), 1);
        assert_eq!(shown_in("Gọi 111, miễn phí").count(), 0);
    }

    /// The hand decoder reads what std's does: every character from U+0800 on, and nothing from
    /// any three-byte sequence std refuses (cut, overlong, a surrogate) or a four-byte one.
    #[test]
    fn the_long_characters_decode_as_std_decodes_them() {
        for c in (0x800..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(decode_long(bytes[0], &bytes[1..]), Some(c), "{c:?}");
            assert_eq!(decode_long(bytes[0], &bytes[1..bytes.len() - 1]), None, "cut {c:?}");
        }
        for lead in 0xE0..=0xFFu8 {
            for a in 0..=0xFFu8 {
                for b in [0x00, 0x7F, 0x80, 0x8C, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                    for d in [0x80, 0xBF, 0x41] {
                        let seq = [lead, a, b, d];
                        let n = if lead >= 0xF0 { 4 } else { 3 };
                        let std = std::str::from_utf8(&seq[..n]).ok().and_then(|s| s.chars().next());
                        assert_eq!(decode_long(lead, &seq[1..]), std, "{seq:02X?}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_face_goes_at_the_end_of_the_first_style_only() {
        let base = Base::Dir("blt/a");
        let html =
            "<html><head><style>a{}</style><style>b{}</style></head><body><p>ꪼ</p><style>c{}</style></body></html>";
        let out = String::from_utf8(add_faces(html.into(), &base)).unwrap();
        assert!(out.starts_with("<html><head><style>a{}@font-face{"), "{out}");
        assert!(
            out.ends_with("}</style><style>b{}</style></head><body><p>ꪼ</p><style>c{}</style></body></html>"),
            "{out}"
        );
        // A Tai Viet letter before <body> alone (in <head>) is not drawn with the page's fonts.
        let head_only = "<html><head><title>ꪼ</title><style>a{}</style></head><body><p>x</p></body></html>";
        assert_eq!(add_faces(head_only.into(), &base), head_only.as_bytes());
    }

    #[test]
    fn a_theme_without_inline_css_still_gets_the_face() {
        let html = String::from_utf8(add_faces(
            "<html><head></head><body>ꪼ</body></html>".into(),
            &Base::root("https://a.vn/x"),
        ))
        .unwrap();
        assert!(html.contains("<style>@font-face{") && html.contains("url(/x/fonts/"), "{html}");
    }
}
