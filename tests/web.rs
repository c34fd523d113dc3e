//! The website, end to end (issue #2): the real binary on a temp copy of `tests/fixtures/web`.

mod common;

use common::{fixture, html_files, loa, read, tree};
use std::io::Write;
use std::path::Path;

fn build(site: &Path) -> common::Run {
    let run = loa(&["build", site.to_str().expect("utf-8 path")]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

#[test]
fn writes_every_output_where_the_contract_says() {
    let (_tmp, site) = fixture("web");
    let run = build(&site);
    let out = site.join("public");
    for path in [
        "index.html",
        "hmn/index.html",
        "blt/index.html",
        "goi-111/index.html",
        "hmn/goi-111/index.html",
        "blt/goi-111/index.html",
        "tin-tuc/index.html",
        "tin-tuc/tin-1/index.html",
        "tin-tuc/page/2/index.html",
        "page/2/index.html",
        "tags/index.html",
        "tags/duong-day-nong/index.html",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "atom.xml",
        "hmn/atom.xml",
        "img/mark.svg",
    ] {
        assert!(out.join(path).is_file(), "missing {path}");
    }
    assert!(run.stderr.contains("Made "), "no summary line: {}", run.stderr);
}

#[test]
fn every_page_carries_its_language_and_the_hotline() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    for (path, lang) in [("index.html", "vi"), ("hmn/goi-111/index.html", "hmn"), ("blt/goi-111/index.html", "blt")] {
        let html = read(out.join(path));
        assert!(html.contains(&format!("<html lang=\"{lang}\">")), "{path}");
        assert!(html.contains("href=\"tel:111\""), "{path} has no tel:111 link");
    }
    let page = read(out.join("goi-111/index.html"));
    assert!(page.contains(r#"<link rel="alternate" hreflang="hmn" href="https://xa.example.vn/hmn/goi-111/">"#));
    assert!(page.contains(r#"<a href="../hmn/goi-111/" hreflang="hmn" lang="hmn">Hmoob</a>"#), "switcher");
}

#[test]
fn hostile_html_never_reaches_the_output() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let html = read(site.join("public/dau-hieu/index.html"));
    for bad in ["<script", "onclick", "onerror", "javascript:", "alert("] {
        assert!(!html.contains(bad), "`{bad}` survived");
    }
    assert!(html.contains("<b>dán</b>"), "harmless markup is kept");
}

#[test]
fn text_is_nfc_and_windows_files_load() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let nfd = read(site.join("public/nfd/index.html"));
    assert!(nfd.contains("Người dân Việt Nam"), "NFD body not normalised");
    assert!(nfd.contains("<h1>Những điều cần biết</h1>"), "title: {nfd}");
    assert!(!nfd.contains('\u{0300}') && !nfd.contains('\u{0303}'), "combining marks left");
    let win = read(site.join("public/windows/index.html"));
    assert!(win.contains("<h1>Tệp Windows</h1>") && !win.contains('\r') && !win.contains('\u{feff}'));
}

#[test]
fn untranslated_pages_appear_in_every_language_marked_as_such() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    // The hmn home lists the Vietnamese-only page, linked to the Vietnamese version.
    let listing: String = ["hmn/index.html", "hmn/page/2/index.html", "hmn/page/3/index.html"]
        .iter()
        .map(|p| read(out.join(p)))
        .collect();
    assert!(
        listing.contains(r#"<a href="../dau-hieu/" hreflang="vi" lang="vi">Dấu hiệu nhận biết</a> <span class="note">(tsuas muaj ua <span lang="vi">Tiếng Việt</span>)</span>"#),
        "{listing}"
    );
    // The draft translation tells readers it still needs review, in their language.
    let hmn = read(out.join("hmn/goi-111/index.html"));
    assert!(hmn.contains("tseem tos ib tug neeg hais lus Hmoob kuaj xyuas") && hmn.contains("Nhóm biên soạn"));
    // Interface strings missing in blt fall back to Vietnamese key by key.
    let blt = read(out.join("blt/goi-111/index.html"));
    assert!(blt.contains("<html lang=\"blt\">") && blt.contains("href=\"tel:111\""));
}

#[test]
fn drafts_only_with_the_flag() {
    let (_tmp, site) = fixture("web");
    build(&site);
    assert!(!site.join("public/nhap").exists());
    let run =
        loa(&["build", site.to_str().expect("utf-8"), "--drafts", "-o", site.join("with").to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.join("with/nhap/index.html").is_file());
}

#[test]
fn file_names_and_tags_become_safe_distinct_addresses() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    assert!(out.join("duong-day-nong/index.html").is_file(), "Vietnamese file name → ASCII slug");
    // Three distinct Tai Viet tags stay three tag pages (Zola merges them).
    let tags: Vec<_> = tree(&out.join("blt/tags")).into_iter().map(|(p, _)| p).collect();
    assert_eq!(tags.iter().filter(|p| p.ends_with("/index.html")).count(), 3, "{tags:?}");
}

#[test]
fn every_page_fits_the_first_round_trip() {
    let (_tmp, site) = fixture("web");
    build(&site);
    for path in html_files(&site.join("public")) {
        let bytes = std::fs::read(&path).expect("read");
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&bytes).expect("gzip");
        let size = gz.finish().expect("gzip").len();
        assert!(size <= 14 * 1024, "{} is {size} bytes gzipped", path.display());
        assert!(!String::from_utf8_lossy(&bytes).contains("<script"), "{} has a script", path.display());
    }
}

#[test]
fn bad_front_matter_fails_with_file_line_and_leaves_out_untouched() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    std::fs::write(out.join("marker.txt"), "from the last good build").expect("marker");
    let before = tree(&out);
    std::fs::write(site.join("content/loi.md"), "---\ntitle: Lỗi\ntitel: x\n---\n").expect("write");
    std::fs::write(site.join("content/loi2.md"), "---\ntitle: A\ndate: 30/7/2026\n---\n").expect("write");
    let run = loa(&["build", site.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error: content/loi.md:3:1: unknown key `titel`"), "{}", run.stderr);
    assert!(run.stderr.contains("hint: write: `title: x`"), "{}", run.stderr);
    assert!(
        run.stderr.contains("error: content/loi2.md:3:7: `30/7/2026` is not a date"),
        "both errors: {}",
        run.stderr
    );
    assert_eq!(tree(&out), before, "OUT changed after a failed build");
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .expect("read site")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging folder left behind");
}

#[test]
fn slugs_cannot_escape_and_collisions_name_both_files() {
    let (_tmp, site) = fixture("web");
    std::fs::write(site.join("content/x.md"), "---\ntitle: X\nslug: ../../etc\n---\n").expect("write");
    std::fs::write(site.join("content/goi-111-copy.md"), "---\ntitle: Y\nslug: goi-111\n---\n").expect("write");
    let run = loa(&["build", site.to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("content/x.md:3:7: `../../etc` cannot be used as an address"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/goi-111.md") && run.stderr.contains("content/goi-111-copy.md"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("both be published at `goi-111/`"), "{}", run.stderr);
}

#[test]
fn page_html_snapshot() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let html = read(site.join("public/goi-111/index.html"));
    // The stylesheet is snapshotted once by its own file; keep the page readable.
    let start = html.find("<style>").expect("style");
    let end = html.find("</style>").expect("style end");
    let page = format!("{}<style>…</style>{}", &html[..start], &html[end + 8..]);
    insta::assert_snapshot!(page);
}

#[test]
fn sitemap_has_alternates_and_feeds_are_per_language() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let sitemap = read(site.join("public/sitemap.xml"));
    assert!(
        sitemap.contains(r#"<xhtml:link rel="alternate" hreflang="blt" href="https://xa.example.vn/blt/goi-111/"/>"#)
    );
    let feed = read(site.join("public/hmn/atom.xml"));
    assert!(feed.contains(r#"xml:lang="hmn""#) && feed.contains("<title>Hu 111</title>"), "{feed}");
    assert!(!feed.contains("Gọi 111"), "a Vietnamese page in the Hmong feed");
}

#[test]
fn base_url_flag_replaces_the_config() {
    let (_tmp, site) = fixture("web");
    let run = loa(&["build", site.to_str().expect("utf-8"), "--base-url", "http://preview.local/x/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = read(site.join("public/goi-111/index.html"));
    assert!(html.contains(r#"<link rel="canonical" href="http://preview.local/x/goi-111/">"#));
}

#[test]
fn new_site_builds_as_it_is() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("xa-moi");
    let run = loa(&["new", dir.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = loa(&["build", dir.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(dir.join("public/hmn/goi-111/index.html").is_file());
    let again = loa(&["new", dir.to_str().expect("utf-8")]);
    assert_eq!(again.code, 1, "new must refuse a non-empty folder");
}

#[test]
fn bad_command_line_exits_2() {
    assert_eq!(loa(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(loa(&["frobnicate"]).code, 2);
}

#[test]
fn missing_site_says_how_to_start() {
    let tmp = tempfile::tempdir().expect("tmp");
    let run = loa(&["build", tmp.path().to_str().expect("utf-8")]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("loa.yaml") && run.stderr.contains("loa new"), "{}", run.stderr);
}

#[test]
fn pages_share_well_with_open_graph_and_a_qr_code() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    let hmn = read(out.join("hmn/goi-111/index.html"));
    for tag in [
        r#"<meta property="og:title" content="Hu 111">"#,
        r#"<meta property="og:url" content="https://xa.example.vn/hmn/goi-111/">"#,
        r#"<meta property="og:locale" content="hmn_VN">"#,
        r#"<img src="qr.svg""#,
    ] {
        assert!(hmn.contains(tag), "missing {tag}");
    }
    let qr = read(out.join("hmn/goi-111/qr.svg"));
    assert!(qr.starts_with("<svg") && qr.contains("<title>https://xa.example.vn/hmn/goi-111/</title>"));
}

#[test]
fn borrowed_interface_strings_carry_their_language_and_every_language_is_reachable() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    // blt has no i18n file: the hotline bar's words are Vietnamese and say so.
    let blt = read(out.join("blt/goi-111/index.html"));
    assert!(blt.contains(r#"<a class="hotline" href="tel:111"><span lang="vi">Gọi</span>"#), "{blt}");
    // hmn has its own strings: no lang override.
    assert!(read(out.join("hmn/goi-111/index.html")).contains(r#"<a class="hotline" href="tel:111"><span>Hu</span>"#));
    // A page with no Tai Dam version still links to the Tai Dam home (issue #2: readers must
    // always be able to reach their language).
    let vi_only = read(out.join("dau-hieu/index.html"));
    assert!(vi_only.contains(r#"<a href="../blt/" hreflang="blt" lang="blt""#), "{vi_only}");
}

#[test]
fn every_page_gets_a_share_card_that_is_not_blank() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    let html = read(out.join("blt/goi-111/index.html"));
    assert!(html.contains(r#"<meta property="og:image" content="https://xa.example.vn/blt/goi-111/share.png">"#));
    assert!(html.contains(r#"<meta name="twitter:card" content="summary_large_image">"#));
    let card = image::open(out.join("blt/goi-111/share.png")).expect("share.png decodes").to_rgb8();
    assert_eq!(card.dimensions(), (1200, 630));
    // Not blank: the red field, the yellow hotline band and white title letters all appear.
    let has = |f: &dyn Fn(&image::Rgb<u8>) -> bool| card.pixels().any(f);
    assert!(has(&|p| p[0] > 180 && p[1] < 60 && p[2] < 60), "no red");
    assert!(has(&|p| p[0] > 200 && p[1] > 180 && p[2] < 60), "no yellow");
    assert!(has(&|p| p[0] > 240 && p[1] > 240 && p[2] > 240), "no white title");
}

#[test]
fn share_cards_can_be_turned_off() {
    let (_tmp, site) = fixture("web");
    let config = read(site.join("loa.yaml")) + "share_cards: false\n";
    std::fs::write(site.join("loa.yaml"), config).expect("write");
    build(&site);
    assert!(!site.join("public/goi-111/share.png").exists());
    assert!(site.join("public/goi-111/qr.svg").exists(), "QR codes stay");
    assert!(!read(site.join("public/goi-111/index.html")).contains("og:image"));
}

/// Issue 17, item 5: what loa.yaml says once (title, description, issuer) is Vietnamese, and
/// says so on a Tai Dam page and in the Tai Dam feed; a language with its own title needs no mark.
#[test]
fn site_text_from_loa_yaml_carries_its_language() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    let blt = read(out.join("blt/goi-111/index.html"));
    for want in [
        r#"<a class="brand" href="../" lang="vi">Phòng, chống mua bán người</a>"#,
        r#"<meta name="description" content="Trang thử nghiệm" lang="vi">"#,
        r#"<meta property="og:site_name" content="Phòng, chống mua bán người" lang="vi">"#,
        r#"<p lang="vi">UBND xã Thử Nghiệm</p>"#,
    ] {
        assert!(blt.contains(want), "missing {want}");
    }
    // A <title> holds one language: the Tai Dam page's title alone, not the Vietnamese site title.
    let title = &blt[blt.find("<title").expect("title")..blt.find("</title>").expect("title end")];
    assert!(!title.contains("Phòng"), "{title}");
    let tag = read(out.join("blt/tags/ꪀꪱ/index.html"));
    assert!(tag.contains(r#"<h1><span lang="vi">Chủ đề</span>: ꪀꪱ</h1>"#), "{tag}");
    let feed = read(out.join("blt/atom.xml"));
    assert!(feed.contains(r#"<title xml:lang="vi">Phòng, chống mua bán người</title>"#), "{feed}");
    assert!(feed.contains(r#"<author xml:lang="vi"><name>UBND xã Thử Nghiệm</name></author>"#), "{feed}");
    // Hmong has its own title in loa.yaml.
    let hmn = read(out.join("hmn/goi-111/index.html"));
    assert!(hmn.contains(r#"<a class="brand" href="../">Tiv thaiv kev muag neeg</a>"#));
    assert!(read(out.join("hmn/atom.xml")).contains("<title>Tiv thaiv kev muag neeg</title>"));
}

/// Issue 17, item 6: a 404 page per language, with a switcher to the others; every link is
/// root-relative (a server shows it at any depth) and follows the base URL's path.
#[test]
fn a_not_found_page_per_language_with_root_relative_links() {
    let (_tmp, site) = fixture("web");
    let run = loa(&["build", site.to_str().expect("utf-8"), "--base-url", "https://xa.example.vn/x/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.join("public");
    let hmn = read(out.join("hmn/404.html"));
    assert!(hmn.contains(r#"<html lang="hmn">"#) && hmn.contains("Nrhiav tsis tau nplooj ntawv no"), "{hmn}");
    assert!(hmn.contains(r#"<a href="/x/404.html" hreflang="vi" lang="vi">Tiếng Việt</a>"#), "{hmn}");
    assert!(hmn.contains(r#"<a href="/x/blt/404.html" hreflang="blt" lang="blt">ꪼꪕꪒꪾ</a>"#), "{hmn}");
    assert!(hmn.contains(r#"<a class="brand" href="/x/hmn/">"#) && hmn.contains(r#"<a href="/x/hmn/">Rov mus"#));
    // The Tai Viet font of the switcher's label loads from any depth too.
    assert!(hmn.contains("url(/x/fonts/NotoSansTaiViet-Regular.woff2)"), "{hmn}");
    assert!(read(out.join("404.html")).contains(r#"<html lang="vi">"#));
    assert!(read(out.join("blt/404.html")).contains(r#"<html lang="blt">"#));
    for page in [&hmn, &read(out.join("404.html"))] {
        for href in page.split("href=\"").skip(1).map(|h| &h[..h.find('"').expect("quote")]) {
            assert!(
                href.starts_with('/') || href.starts_with('#') || href.starts_with("tel:") || href.starts_with("data:"),
                "relative link `{href}` on a 404 page"
            );
        }
    }
}

/// Issue 17, item 8: tag pages have a canonical address and hreflang alternates, `x-default`
/// names the default language's version, and a tag page's switcher goes to the same tag in the
/// other languages (or their tags index, marked, where the tag does not exist).
#[test]
fn tag_pages_and_x_default_in_head_and_sitemap() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let out = site.join("public");
    let page = read(out.join("goi-111/index.html"));
    assert!(page.contains(r#"<link rel="alternate" hreflang="x-default" href="https://xa.example.vn/goi-111/">"#));
    let tag = read(out.join("blt/tags/ꪀꪱ/index.html"));
    for want in [
        r#"<link rel="canonical" href="https://xa.example.vn/blt/tags/ꪀꪱ/">"#,
        r#"<link rel="alternate" hreflang="vi" href="https://xa.example.vn/tags/ꪀꪱ/">"#,
        r#"<link rel="alternate" hreflang="x-default" href="https://xa.example.vn/tags/ꪀꪱ/">"#,
        r#"<a href="../../../tags/ꪀꪱ/" hreflang="vi" lang="vi">Tiếng Việt</a>"#,
        r#"<a href="../../../hmn/tags/" hreflang="hmn" lang="hmn" aria-describedby="nt">Hmoob*</a>"#,
    ] {
        assert!(tag.contains(want), "missing {want}\n{tag}");
    }
    let index = read(out.join("hmn/tags/index.html"));
    assert!(index.contains(r#"<link rel="canonical" href="https://xa.example.vn/hmn/tags/">"#), "{index}");
    assert!(index.contains(r#"<a href="../../blt/tags/" hreflang="blt" lang="blt">ꪼꪕꪒꪾ</a>"#), "{index}");
    let sitemap = read(out.join("sitemap.xml"));
    for want in [
        "<loc>https://xa.example.vn/blt/tags/ꪀꪱ/</loc>",
        "<loc>https://xa.example.vn/hmn/tags/</loc>",
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://xa.example.vn/tags/ꪀꪱ/"/>"#,
        r#"<xhtml:link rel="alternate" hreflang="x-default" href="https://xa.example.vn/goi-111/"/>"#,
    ] {
        assert!(sitemap.contains(want), "missing {want}");
    }
    // Listing page 2 is a page of its own: its canonical address is itself.
    let second = read(out.join("tin-tuc/page/2/index.html"));
    assert!(second.contains(r#"<link rel="canonical" href="https://xa.example.vn/tin-tuc/page/2/">"#), "{second}");
}

/// Issue 17, items 7, 9, 12 in the HTML: no favicon request (an empty data: icon), the
/// switcher's mark explained in visible text, the hotline's digits apart.
#[test]
fn favicon_mark_note_and_hotline_digits_in_the_html() {
    let (_tmp, site) = fixture("web");
    build(&site);
    let vi_only = read(site.join("public/dau-hieu/index.html"));
    assert!(vi_only.contains(r#"<link rel="icon" href="data:,">"#));
    assert!(vi_only.contains(r#"aria-describedby="nt">ꪼꪕꪒꪾ*</a>"#), "{vi_only}");
    assert!(vi_only.contains(r#"<p class="note" id="nt">* Trang này chưa có bằng ngôn ngữ này"#), "{vi_only}");
    assert!(vi_only.contains("<strong>1 1 1</strong>"), "{vi_only}");
    // Every version exists: no mark, no note.
    assert!(!read(site.join("public/goi-111/index.html")).contains(r#"id="nt""#));
}
