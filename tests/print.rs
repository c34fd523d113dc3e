//! Print outputs (issue 3): the real binary builds the fixture `tests/fixtures/print`, and the
//! PDFs are read back with poppler (pdfinfo, pdffonts, pdftotext), never compared as bytes.

mod common;

use common::copy_dir;
use loa::content::OutputKind;
use loa::render::Scope;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print").as_path(), &site);
    (tmp, site)
}

fn loa_build(site: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_loa")).arg("build").arg(site).arg("--quiet").output().unwrap()
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name).args(args).arg(pdf).args(if name == "pdftotext" { &["-"][..] } else { &[] }).output();
    let out = out.unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "{name} failed on {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

fn info_value<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines().find_map(|l| l.strip_prefix(key)).map(str::trim).unwrap_or_else(|| panic!("no {key} in {info}"))
}

/// Width and height of the MediaBox (`pdfinfo -box`, 0.01 pt) as written in the table.
fn page_size(info: &str) -> String {
    let nums: Vec<&str> = info_value(info, "MediaBox:").split_whitespace().collect();
    format!("{} x {}", nums[2], nums[3])
}

/// Decompressed content of every Flate stream of a PDF.
fn streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let mut rest = pdf;
    while let Some(i) = find(rest, b"stream\n") {
        let body = &rest[i + 7..];
        let end = find(body, b"endstream").unwrap_or(body.len());
        let mut text = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end]).read_to_end(&mut text).is_ok() {
            out.push(text);
        }
        rest = &body[(end + b"endstream".len()).min(body.len())..];
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn builds_every_print_piece_and_reads_back() {
    let (_tmp, site) = fixture();
    let out = loa_build(&site);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let public = site.join("public");

    // (file, pages, page size in pt with 3 mm bleed + 8 mm slug on each side)
    let table = [
        ("dau-hieu/poster.pdf", "1", "1252.91 x 1746.14"),     // A2: 420×594 mm
        ("dau-hieu/leaflet.pdf", "2", "904.25 x 657.64"),      // A4 landscape
        ("dau-hieu/banner.pdf", "1", "14235.59 x 2330.08"),    // 500×80 cm
        ("hmn/dau-hieu/poster.pdf", "1", "6865.51 x 3463.94"), // 240×120 cm pano
        ("blt/dau-hieu/poster.pdf", "1", "904.25 x 1252.91"),  // A3 default
        ("blt/dau-hieu/leaflet.pdf", "2", "904.25 x 657.64"),
    ];
    for (file, pages, size) in table {
        let pdf = public.join(file);
        let info = tool("pdfinfo", &["-box"], &pdf);
        assert_eq!(info_value(&info, "Pages:"), pages, "{file}");
        assert_eq!(page_size(&info), size, "{file}: {info}");
        // The trim is 11 mm (31.18 pt) inside the media box: bleed + slug.
        assert!(info_value(&info, "TrimBox:").starts_with("31.18"), "{file}: {info}");
        let fonts = tool("pdffonts", &[], &pdf);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{file} has no fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type encoding emb sub uni: every font embedded and subset.
            assert_eq!(&cols[cols.len() - 5..cols.len() - 2], ["yes", "yes", "yes"], "{file}: {row}");
        }
        let bytes = std::fs::read(&pdf).unwrap();
        // The QR code: K-only DeviceCMYK squares (`0 0 0 1 k`), not an RGB or gray image.
        let k_fills: usize = streams(&bytes).iter().map(|s| s.windows(9).filter(|w| w == b"0 0 0 1 k").count()).sum();
        // One fill per run of dark modules of the QR code for this page's address, at least.
        let url = format!("https://xa-mau.gov.vn/{}/", file.rsplit_once('/').unwrap().0);
        let rows = loa::render::print::data::qr_rows(&url);
        let dark_runs: usize = rows.iter().map(|r| r.split('.').filter(|run| !run.is_empty()).count()).sum();
        assert!(dark_runs > 100 && k_fills >= dark_runs, "{file}: {k_fills} K-only fills, {dark_runs} QR runs");
        // Crop marks in the registration colour "All" (every plate), as print shops expect.
        assert!(find(&bytes, b"/Separation/All").is_some(), "{file}: no /Separation/All");
    }

    let vi = tool("pdftotext", &[], &public.join("dau-hieu/poster.pdf"));
    for want in [
        "Cảnh giác: việc nhẹ",
        "# * $ ] @ <",
        "Những dấu hiệu của kẻ mua bán người",
        "111",
        "Công an xã",
        "UBND xã Mẫu Sơn",
    ] {
        assert!(vi.contains(want), "poster text lacks {want:?}:\n{vi}");
    }
    let banner = tool("pdftotext", &[], &public.join("dau-hieu/banner.pdf"));
    assert!(banner.contains("Gọi 111 khi nghi ngờ"), "{banner}");
    let leaflet = tool("pdftotext", &[], &public.join("dau-hieu/leaflet.pdf"));
    assert!(leaflet.contains("Dấu hiệu nhận biết") && leaflet.contains("ở cửa khẩu"), "{leaflet}");
    let tai_viet = tool("pdftotext", &[], &public.join("blt/dau-hieu/poster.pdf")).replace('\u{200B}', "");
    assert!(tai_viet.contains("ꪀꪱꪼꪕꪒꪾ ꪹꪀꪙ"), "{tai_viet}");
    let hmong = tool("pdftotext", &[], &public.join("hmn/dau-hieu/poster.pdf"));
    assert!(hmong.contains("Ceev faj") && hmong.contains("Luam tus lej QR"), "{hmong}");

    // The web page links to its PDFs, with their sizes.
    let html = std::fs::read_to_string(public.join("dau-hieu/index.html")).unwrap();
    assert!(html.contains(r#"href="poster.pdf""#) && html.contains(r#"href="banner.pdf""#), "{html}");
    // A no-break space between number and unit (issue 17).
    assert!(html.contains("\u{a0}KB)"), "{html}");
}

#[test]
fn text_that_cannot_fit_is_an_error_naming_the_page() {
    let (_tmp, site) = fixture();
    let long = "Gọi ngay cho tổng đài khi thấy người lạ hứa hẹn việc làm. ".repeat(60);
    std::fs::write(
        site.join("content/dai.md"),
        format!("---\ntitle: Dài\noutputs: [banner]\nbanner: {{text: \"{long}\", size: 100x20cm}}\n---\n"),
    )
    .unwrap();
    let out = loa_build(&site);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/dai.md") && err.contains("does not fit on the banner"), "{err}");
    assert!(!site.join("public").exists(), "a failed build must not publish");
}

#[test]
fn a_banner_beyond_the_pdf_page_limit_is_drawn_at_a_stated_scale() {
    let (_tmp, site) = fixture();
    std::fs::write(
        site.join("content/dai.md"),
        "---\ntitle: Dài\noutputs: [banner]\nbanner: {size: 1000x100cm}\n---\n",
    )
    .unwrap();
    let out = loa_build(&site);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = site.join("public/dai/banner.pdf");
    // 1000 cm at 1:2 is 500 cm: (5000 + 22) mm wide, under the 14,400 pt limit.
    assert_eq!(page_size(&tool("pdfinfo", &["-box"], &pdf)), "14235.59 x 1479.68");
    assert!(tool("pdftotext", &[], &pdf).contains("1:2 — print at 200%"));
}

/// Guards the Tai Viet line-break pitfall (PRINT-NOTES §8.2): unspaced Tai Viet has no break
/// opportunity in typst and ran off the page in one line; loa inserts U+200B at syllable starts.
#[test]
fn unspaced_tai_viet_wraps_inside_the_page() {
    let (_tmp, site) = fixture();
    let long = "ꪀꪱꪼꪕꪒꪾꪹꪀꪙ".repeat(40);
    std::fs::write(site.join("content/dai.blt.md"), format!("---\ntitle: ꪼꪕꪒꪾ\noutputs: [poster]\n---\n{long}\n"))
        .unwrap();
    let out = loa_build(&site);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = tool("pdftotext", &[], &site.join("public/blt/dai/poster.pdf")).replace('\u{200B}', "");
    let body_lines = text.lines().filter(|l| l.contains("ꪀꪱ")).count();
    assert!(body_lines >= 3, "the Tai Viet paragraph did not wrap:\n{text}");
    assert_eq!(text.lines().filter(|l| l.contains("ꪀꪱ")).collect::<String>(), long);
}

#[test]
fn a_character_no_font_has_is_an_error_naming_it() {
    let (_tmp, site) = fixture();
    std::fs::write(site.join("content/pahawh.hmn.md"), "---\ntitle: \"Ntawv 𖬀𖬁\"\noutputs: [poster]\n---\n").unwrap();
    let out = loa_build(&site);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("content/pahawh.hmn.md") && err.contains("U+16B00") && err.contains("hmn"), "{err}");
}

#[test]
fn a_site_template_is_used_from_front_matter() {
    let (_tmp, site) = fixture();
    let print = site.join("themes/default/print");
    std::fs::create_dir_all(&print).unwrap();
    std::fs::write(
        print.join("sticker.typ"),
        "#import \"lib.typ\": *\n#show: setup.with(80mm, 80mm)\n#text(size: 20pt, data.hotline.number)\n#qr(data.qr, 40mm)\n",
    )
    .unwrap();
    std::fs::write(
        site.join("content/nhan.md"),
        "---\ntitle: Nhãn\noutputs: [poster]\nposter: {template: sticker}\n---\n",
    )
    .unwrap();
    let out = loa_build(&site);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let info = tool("pdfinfo", &["-box"], &site.join("public/nhan/poster.pdf"));
    // 80 mm + 2 × 11 mm = 289.13 pt.
    assert_eq!(page_size(&info), "289.13 x 289.13", "{info}");

    std::fs::write(
        site.join("content/nhan.md"),
        "---\ntitle: Nhãn\noutputs: [poster]\nposter: {template: stiker}\n---\n",
    )
    .unwrap();
    let out = loa_build(&site);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("content/nhan.md:4: there is no print template `stiker`"), "{err}");
    assert!(err.contains("sticker"), "{err}");
}

#[test]
fn data_handed_to_the_poster_template() {
    let (_tmp, site) = fixture();
    let loaded = loa::load(&loa::BuildOptions { site: site.clone(), ..Default::default() }).unwrap();
    let scope = Scope::All;
    let images = loa::render::images::ImageMap::default();
    let warnings = loa::render::Warnings::default();
    let cx = loaded.context(&scope, &images, &warnings);
    for (file, kind, name) in [
        ("content/dau-hieu.md", OutputKind::Poster, "poster_vi"),
        ("content/dau-hieu.blt.md", OutputKind::Leaflet, "leaflet_blt"),
    ] {
        let page = loaded.site.pages.iter().find(|p| p.info.shown == Path::new(file)).unwrap();
        let (data, template) = loa::render::print::page_data(&cx, page, kind).unwrap();
        assert_eq!(template, kind.name());
        // The QR code encodes the page's own address.
        assert_eq!(data.qr, loa::render::print::data::qr_rows(&data.url));
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&data).unwrap());
    }
}
