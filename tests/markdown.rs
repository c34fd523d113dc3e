//! Markdown as readers get it, end to end: the real binary on a temp copy of
//! `tests/fixtures/markdown`. The web page says what CommonMark 0.31.2 says (issue 19; the
//! spec's own examples run in `src/render/web/commonmark.rs`); nesting too deep for any output is
//! an error naming file, line and column, never a crash; raw HTML reads right in the loudspeaker
//! script and on paper (issue 10).

mod common;

use common::{Run, fixture, html_files, loa, read};
use std::path::{Path, PathBuf};
use std::process::Command;

fn build(site: &Path) -> Run {
    let run = loa(&["build", site.to_str().expect("utf-8 path"), "--quiet"]);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    run
}

/// `loa check` and its text report (read from both streams: the contract puts it on stdout, the
/// binary writes it to stderr today).
fn check(site: &Path) -> (i32, String) {
    let run = loa(&["check", site.to_str().expect("utf-8 path")]);
    (run.code, run.stdout + &run.stderr)
}

/// The body of a built page: what the Markdown became, between the title and the QR code.
fn body(site: &Path, page: &str) -> String {
    let html = read(site.join("public").join(page).join("index.html"));
    let start = html.find("</h1>").expect("page title") + 5;
    let end = html.find("<details class=\"qr\">").expect("qr code");
    html[start..end].trim().to_string()
}

fn built_viet() -> (tempfile::TempDir, PathBuf, String) {
    let (tmp, site) = fixture("markdown");
    build(&site);
    let html = body(&site, "viet");
    (tmp, site, html)
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").arg(pdf).arg("-").output();
    let out = out.unwrap_or_else(|e| panic!("pdftotext (poppler-utils) is needed: {e}"));
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Issue 19: `#` and `##` were both `<h2>`, and headings in quotes and lists had `id=""`.
#[test]
fn headings_keep_their_level_and_each_has_an_id() {
    let (_tmp, _site, html) = built_viet();
    for want in [
        r#"<h1 id="cap-mot">Cấp một</h1>"#,
        r#"<h2 id="cap-hai">Cấp hai</h2>"#,
        r#"<h3 id="cap-ba">Cấp ba</h3>"#,
        "<blockquote>\n<h2 id=\"trong-trich-dan\">",
        r#"<li><h2 id="trong-danh-sach">"#,
    ] {
        assert!(html.contains(want), "no {want} in\n{html}");
    }
}

/// Issue 19: no page of either fixture has an empty id (invalid HTML, and nothing to link to).
#[test]
fn no_page_has_an_empty_id() {
    for name in ["markdown", "web"] {
        let (_tmp, site) = fixture(name);
        build(&site);
        for file in html_files(&site.join("public")) {
            assert!(!read(&file).contains(r#"id="""#), "{} has id=\"\"", file.display());
        }
    }
}

/// Issue 19: a lead-in item with a sub-list got a `<p>`; a loose list lost its `<p>`s.
#[test]
fn tight_lists_hold_no_paragraphs_and_loose_lists_do() {
    let (_tmp, _site, html) = built_viet();
    assert!(html.contains("<li>Căn cước\n<ul>\n<li>bản gốc</li>"), "tight list:\n{html}");
    assert!(html.contains("<li>Sổ hộ khẩu</li>"), "tight list:\n{html}");
    for item in ["Gọi 111", "Nói rõ nơi ở", "Chờ cán bộ gọi lại"] {
        assert!(html.contains(&format!("<li><p>{item}</p>")), "loose list item {item}:\n{html}");
    }
}

/// Issue 19: `<lienhe@xa.gov.vn>` became `href="../lienhe@xa.gov.vn"`, and `loa check` reported
/// a missing file.
#[test]
fn email_autolinks_open_mail_and_check_passes() {
    let (_tmp, site, html) = built_viet();
    assert!(html.contains(r#"<a href="mailto:lienhe@xa.gov.vn">lienhe@xa.gov.vn</a>"#), "{html}");
    assert!(html.contains(r#"<a href="https://xa.example.vn/lien-he">"#), "{html}");
    let (code, report) = check(&site);
    assert_eq!(code, 0, "check failed:\n{report}");
    assert!(!report.contains("lienhe"), "{report}");
}

/// Issue 19: an e-mail address written as a file link gets a hint that says how to write it.
#[test]
fn an_email_address_without_mailto_gets_a_hint() {
    let (_tmp, site) = fixture("markdown");
    std::fs::write(site.join("content/thu.md"), "---\ntitle: Thư\n---\nViết [thư](lienhe@xa.gov.vn).\n").unwrap();
    let (code, report) = check(&site);
    assert_eq!(code, 1, "{report}");
    assert!(report.contains("content/thu.md:4:6"), "{report}");
    assert!(report.contains("`<lienhe@xa.gov.vn>` or `[…](mailto:lienhe@xa.gov.vn)`"), "{report}");
}

/// Issue 19: ```` ```yaml ```` gave `<code>` without its language.
#[test]
fn code_blocks_name_their_language() {
    let (_tmp, _site, html) = built_viet();
    assert!(html.contains("<pre><code class=\"language-yaml\">hotline: {number: &quot;111&quot;}\n</code></pre>"));
}

/// Issue 19: `href`s carried raw spaces, `föö` and `\*` unencoded.
#[test]
fn addresses_are_percent_encoded() {
    let (_tmp, _site, html) = built_viet();
    assert!(html.contains(r#"href="https://xa.example.vn/t%C3%ACm%20ki%E1%BA%BFm?q=*""#), "{html}");
    assert!(html.contains(r#"href="https://xa.example.vn/f%C3%B6%C3%B6""#), "{html}");
}

/// Issue 19: `![Áp phích ![dấu](…) đỏ](…)` gave `alt="Áp phích  dấu  đỏ"`.
#[test]
fn nested_picture_descriptions_gain_no_spaces() {
    let (_tmp, _site, html) = built_viet();
    assert!(html.contains(r#"alt="Áp phích dấu đỏ""#), "{html}");
}

/// Issue 19: `[^a b]` and `[^a-b]` both became `id="fn-a-b"`; both references led to the first.
#[test]
fn footnote_ids_never_collide() {
    let (_tmp, _site, html) = built_viet();
    assert!(html.contains(r##"<a href="#fn-a-b">a b</a>"##), "{html}");
    assert!(html.contains(r##"<a href="#fn-a-b-2">a-b</a>"##), "{html}");
    assert!(html.contains(r#"<div class="footnote" id="fn-a-b"><sup>a b</sup> <p>Ghi chú thứ nhất.</p>"#));
    assert!(html.contains(r#"<div class="footnote" id="fn-a-b-2"><sup>a-b</sup> <p>Ghi chú thứ hai.</p>"#));
}

/// Issue 19: `/tai-lieu/to-roi.pdf#page=2` and `…?v=2` both became `../tai-lieu/to-roi.pdf`,
/// and `/tin-tuc/` became `../tin-tuc`.
#[test]
fn local_links_keep_query_fragment_and_trailing_slash() {
    let (_tmp, site, html) = built_viet();
    for want in [
        r#"<a href="../tai-lieu/to-roi.pdf#page=2">"#,
        r#"<a href="../tai-lieu/to-roi.pdf?v=2">"#,
        r#"<a href="../tin-tuc/">"#,
        r##"<a href="../tin-tuc/tin-1/#muc">"##,
    ] {
        assert!(html.contains(want), "no {want} in\n{html}");
    }
    assert!(site.join("public/tai-lieu/to-roi.pdf").is_file());
}

/// Issue 19: links whose scheme is not on loa's list keep only their text, and `loa check` warns,
/// saying which schemes are kept (the README names the same list).
#[test]
fn unknown_schemes_keep_their_text_and_check_names_the_list() {
    let (_tmp, site) = fixture("markdown");
    let page =
        "---\ntitle: Lạ\n---\n[Tệp](ftp://xa.example.vn/a.pdf) và <irc://xa.example.vn/kenh> [Zalo](zalo://0912)\n";
    std::fs::write(site.join("content/la.md"), page).unwrap();
    build(&site);
    let html = body(&site, "la");
    assert!(html.starts_with("<p>Tệp và irc://xa.example.vn/kenh <a href=\"zalo://0912\">Zalo</a></p>"), "{html}");
    let (code, report) = check(&site);
    // Nothing harmful is published, so it is a warning (issue 11: build refuses only errors).
    assert_eq!(code, 0, "{report}");
    assert!(
        report.contains("warning: content/la.md:4:1") && report.contains("warning: content/la.md:4:37"),
        "{report}"
    );
    assert!(report.contains("starts with `ftp:`"), "{report}");
    let list = "loa keeps links that start with `http:`, `https:`, `mailto:`, `tel:`, `sms:`, `zalo:`";
    assert!(report.contains(list), "{report}");
    let readme = read(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"));
    assert!(readme.contains("`http:`, `https:`, `mailto:`, `tel:`, `sms:` and `zalo:`"), "README names the list");
}

/// What the Markdown of `viet.md` becomes, for review (issue 19).
#[test]
fn page_body_snapshot() {
    let (_tmp, _site, html) = built_viet();
    insta::assert_snapshot!("viet_body.html", html);
}

/// Issue 10: `ngay<br>miễn phí` was read "ngaymiễn phí", and the text of a removed `<script>`
/// was read aloud ("alert(mười hai)") and printed.
#[test]
fn raw_html_breaks_words_and_hidden_text_is_never_read_or_printed() {
    let (_tmp, site) = fixture("markdown");
    build(&site);
    let script = read(site.join("public/loa/broadcast.txt"));
    let poster = pdf_text(&site.join("public/loa/poster.pdf"));
    let web = body(&site, "loa");
    for (what, text) in [("broadcast.txt", &script), ("poster", &poster), ("web page", &web)] {
        for hidden in ["alert", "mười hai", "color", "Đoạn ẩn"] {
            assert!(!text.contains(hidden), "{what} shows `{hidden}`:\n{text}");
        }
    }
    for (what, text) in [("broadcast.txt", &script), ("poster", &poster)] {
        assert!(!text.contains("ngaymiễn") && !text.contains("Hếtbài"), "{what} joins words:\n{text}");
    }
    assert!(script.contains("Gọi ngay miễn phí.") && script.contains("Hết bài."), "{script}");
    insta::assert_snapshot!("loa_broadcast.txt", script);
}

/// Issue 10: an unclosed `<style>` hides the rest of the page in every output; `loa check` warns
/// where it begins (a warning: the page is published as the browser would show it).
#[test]
fn an_unclosed_style_is_a_warning_with_its_place() {
    let (_tmp, site) = fixture("markdown");
    std::fs::write(site.join("content/an.md"), "---\ntitle: Ẩn\n---\nGọi 111.\n\nXem <style>p{}\n\nhết\n").unwrap();
    let (code, report) = check(&site);
    assert_eq!(code, 0, "{report}");
    assert!(report.contains("warning: content/an.md:6:5: this HTML tag is never closed"), "{report}");
}

/// Issue 10: every form of deep nesting crashed `loa build` and `loa check` (exit 134, stack
/// overflow). Now each is an error that names the file, line and column where it gets too deep.
#[test]
fn deep_nesting_is_an_error_with_its_place_never_a_crash() {
    let indented: String = (0..3000).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
    let forms: Vec<(&str, String, &str)> = vec![
        ("quotes", format!("{} a\n", ">".repeat(5650)), "4:21"),
        ("list items", format!("{}a\n", "- ".repeat(10_000)), "4:41"),
        ("numbered items", format!("{}a\n", "1. ".repeat(10_000)), "4:61"),
        ("indented items", indented, "24:41"),
        ("emphasis", format!("{}a{}\n", "*a ".repeat(5000), "*".repeat(5000)), "4:61"),
        ("pictures", format!("{}a{}\n", "![".repeat(5000), "](u)".repeat(5000)), "4:41"),
        ("inline html", format!("a {}b\n", "<b>".repeat(50_000)), "4:303"),
        ("html blocks", format!("{}\n", "<div>".repeat(50_000)), "4:501"),
    ];
    let (_tmp, site) = fixture("markdown");
    for (form, md, at) in forms {
        std::fs::write(site.join("content/sau.md"), format!("---\ntitle: Sâu\n---\n{md}")).unwrap();
        let place = format!("content/sau.md:{at}");
        let run = loa(&["build", site.to_str().unwrap(), "--quiet"]);
        assert_eq!(run.code, 1, "build, {form}: {}", run.stderr);
        assert!(run.stderr.contains(&place) && run.stderr.contains("nested"), "build, {form}:\n{}", run.stderr);
        let (code, report) = check(&site);
        assert_eq!(code, 1, "check, {form}: {report}");
        assert!(report.contains(&place), "check, {form}:\n{report}");
    }
}

/// Issue 10: thousands of brackets do not nest (a link holds no link); they never crash either.
#[test]
fn thousands_of_brackets_build() {
    let (_tmp, site) = fixture("markdown");
    let md = format!("{}a{}\n", "[".repeat(5000), "](/img/mark.svg)".repeat(5000));
    std::fs::write(site.join("content/ngoac.md"), format!("---\ntitle: Ngoặc\n---\n{md}")).unwrap();
    build(&site);
    assert_eq!(check(&site).0, 0);
}

/// Issue 10: up to the body's limit (20 levels; README "Writing pages") the web page and the
/// loudspeaker script are made; print takes at most 8 levels (a printed piece cannot show more)
/// and says so cleanly at the line, never crashing.
#[test]
fn nesting_at_the_limit_builds_every_output() {
    let (_tmp, site) = fixture("markdown");
    let list: String = (0..20).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
    let cases = [
        ("trich-dan", format!("{} Gọi 111\n", ">".repeat(20))),
        ("danh-sach", list),
        ("nhan-manh", format!("{}Gọi 111{}\n", "*a ".repeat(20), "*".repeat(20))),
    ];
    for (name, md) in &cases {
        let page = format!("---\ntitle: Gọi 111\noutputs: [web, broadcast]\n---\n{md}");
        std::fs::write(site.join(format!("content/{name}.md")), page).unwrap();
    }
    build(&site);
    for (name, _) in &cases {
        for file in ["index.html", "broadcast.txt"] {
            assert!(site.join("public").join(name).join(file).is_file(), "{name}/{file}");
        }
    }
    for (name, md) in &cases[..2] {
        let page = format!("---\ntitle: Gọi 111\noutputs: [poster, leaflet, banner]\n---\n{md}");
        std::fs::write(site.join(format!("content/{name}.md")), page).unwrap();
    }
    let run = loa(&["build", site.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (name, _) in &cases[..2] {
        assert!(run.stderr.contains(&format!("content/{name}.md:")), "{name}: {}", run.stderr);
    }
    assert!(run.stderr.contains("at most 8"), "{}", run.stderr);
    // Emphasis nests inline: print flattens it into runs, any depth up to the body's limit.
    let emphasis = format!("---\ntitle: Gọi 111\noutputs: [poster, leaflet, banner]\n---\n{}", cases[2].1);
    for (name, md) in &cases[..2] {
        let page = format!("---\ntitle: Gọi 111\noutputs: [web, broadcast]\n---\n{md}");
        std::fs::write(site.join(format!("content/{name}.md")), page).unwrap();
    }
    std::fs::write(site.join("content/nhan-manh.md"), emphasis).unwrap();
    build(&site);
    for file in ["poster.pdf", "leaflet.pdf", "banner.pdf"] {
        assert!(site.join("public/nhan-manh").join(file).is_file(), "{file}");
    }
}
