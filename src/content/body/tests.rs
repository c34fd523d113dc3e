use super::*;

fn text(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn parse(md: &str) -> Body {
    Body::parse(md, 1).expect("parses")
}

/// The plain text of every paragraph, heading and cell, as the ear outputs get it.
fn spoken(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    walk_blocks_only(&parse(md).blocks, &mut |b| {
        if let Some(content) = b.inlines() {
            out.push(plain_text(content))
        }
    });
    out
}

#[test]
fn headings_paragraphs_and_ids() {
    let b = Body::parse("# Gọi 111\n\nXin chào **bạn**.\n\n## Gọi 111\n", 5).expect("parses");
    assert_eq!(b.heading_ids(), vec!["goi-111", "goi-111-2"]);
    assert_eq!(
        b.blocks[1],
        Block::Paragraph {
            content: vec![text("Xin chào "), Inline::Strong { content: vec![text("bạn")] }, text(".")]
        }
    );
    assert_eq!(b.word_count, 8);
}

/// Issue 19: the tree keeps whether a list is tight, as pulldown-cmark reports it, instead of
/// guessing from "the item is one paragraph".
#[test]
fn lists_know_whether_they_are_tight() {
    let cases = [
        ("- một\n- hai\n", true),
        ("- a\n  - b\n", true),
        ("- a\n- b\n\n- c\n", false),
        ("1. a\n\n2. b\n", false),
        ("- a\n\n  b\n", false),
    ];
    for (md, tight) in cases {
        let Block::List { tight: got, .. } = &parse(md).blocks[0] else { panic!("{md:?} is no list") };
        assert_eq!(*got, tight, "{md:?}");
    }
}

/// Issue 19: every heading gets a unique id, also inside quotes and lists (they had `id=""`).
#[test]
fn nested_headings_have_ids() {
    let b = parse("> ## Dấu hiệu\n\n- # Gọi 111\n\n## Dấu hiệu\n\n## {#main}\n\n## Main\n");
    assert_eq!(b.heading_ids(), vec!["dau-hieu", "goi-111", "dau-hieu-2", "main-2", "main-3"]);
}

/// Issue 19: footnote ids never collide with each other or with headings, and a reference finds
/// its note whatever its case and spacing.
#[test]
fn footnote_ids_are_unique_and_references_find_them() {
    let b = parse("## Fn a b\n\nx[^a b] y[^a-b] z[^A  B]\n\n[^a b]: one\n\n[^a-b]: two\n");
    let mut refs = Vec::new();
    b.walk_inlines(&mut |i| {
        if let Inline::FootnoteRef(r) = i {
            refs.push(r.id.clone());
        }
    });
    let notes: Vec<&str> = b
        .blocks
        .iter()
        .filter_map(|bl| match bl {
            Block::Footnote(note) => Some(note.id.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(b.heading_ids(), vec!["fn-a-b"]);
    assert_eq!(notes, vec!["fn-a-b-2", "fn-a-b-3"]);
    assert_eq!(refs, vec!["fn-a-b-2", "fn-a-b-3", "fn-a-b-2"]);
}

/// Issue 19: the code info string, the heading's attributes and the link kind are kept.
#[test]
fn code_info_heading_attributes_and_link_kinds() {
    let b = parse(
        "```yaml  title=x\nk: v\n```\n\n## A {#a .lead lang=hmn}\n\n<lienhe@xa.gov.vn> <https://a.vn> [r] [i](u \"t\")\n\n[r]: /r\n",
    );
    assert_eq!(b.blocks[0], Block::Code(Box::new(CodeBlock { info: "yaml  title=x".into(), text: "k: v\n".into() })));
    let Block::Heading(h) = &b.blocks[1] else { panic!() };
    assert_eq!((h.id.as_str(), h.classes.as_slice()), ("a", ["lead".to_string()].as_slice()));
    assert_eq!(h.attrs, vec![("lang".to_string(), "hmn".to_string())]);
    let mut links = Vec::new();
    b.walk_inlines(&mut |i| {
        if let Inline::Link(link) = i {
            links.push((link.kind, link.url.as_str(), link.title.as_str()));
        }
    });
    assert_eq!(
        links,
        vec![
            (LinkKind::Email, "mailto:lienhe@xa.gov.vn", ""),
            (LinkKind::Autolink, "https://a.vn", ""),
            (LinkKind::Reference, "/r", ""),
            (LinkKind::Inline, "u", "t"),
        ]
    );
}

/// Issue 19: a picture inside a picture's description adds its own description, no spaces.
#[test]
fn nested_image_alt_text() {
    let b = parse("![foo ![bar](/url)](/url2) ![*a* `b`\nc](x)\n");
    let mut alts = Vec::new();
    b.walk_inlines(&mut |i| {
        if let Inline::Image(image) = i {
            alts.push(image.alt.clone());
        }
    });
    assert_eq!(alts, vec!["foo bar", "a b c"]);
}

#[test]
fn links_and_images_know_their_file_line_and_column() {
    let b = Body::parse("a\n\n[x](signs.md) ![Áp phích](p.jpg)\n", 10).expect("parses");
    let mut found = Vec::new();
    b.walk_inlines(&mut |i| match i {
        Inline::Link(link) => found.push((link.url.clone(), link.line, link.col)),
        Inline::Image(image) => found.push((format!("{}|{}", image.url, image.alt), image.line, image.col)),
        _ => {}
    });
    assert_eq!(found, vec![("signs.md".into(), 12, 1), ("p.jpg|Áp phích".into(), 12, 15)]);
}

#[test]
fn tables_keep_head_and_rows() {
    let b = parse("| A | B |\n|---|:-:|\n| 1 | 2 |\n");
    let Block::Table(t) = &b.blocks[0] else { panic!() };
    assert_eq!(t.align, vec![Align::None, Align::Center]);
    assert_eq!(t.head.len(), 2);
    assert_eq!(t.rows, vec![vec![vec![text("1")], vec![text("2")]]]);
}

#[test]
fn raw_html_is_flagged() {
    assert!(parse("<script>x</script>\n").has_html);
    assert!(parse("a <b>b</b>\n").has_html);
    assert!(!parse("a *b*\n").has_html);
}

/// Issue 10: a `<br>` or a block tag between two words separates them in every output.
#[test]
fn raw_line_breaks_and_block_tags_separate_words() {
    let cases = [
        ("ngay<br>miễn phí", "ngay miễn phí"),
        ("ngay<BR/>miễn phí", "ngay miễn phí"),
        ("ngay</br>miễn", "ngay miễn"),
        ("ngay<p>miễn", "ngay miễn"),
        ("ngay</div><div>miễn", "ngay  miễn"),
        ("ngay<img src=\"x.png\">miễn", "ngay miễn"),
        ("ng<b>ay</b> miễn", "ngay miễn"),
        ("ngay<span>miễn</span>", "ngaymiễn"),
    ];
    for (md, want) in cases {
        assert_eq!(spoken(md), vec![want.to_string()], "{md}");
    }
}

/// Issue 10: the text of an element no reader sees is not read out, in any block it reaches.
#[test]
fn text_inside_script_and_style_is_never_spoken() {
    let cases = [
        ("Gọi <script>alert(mười hai)</script> ngay", vec!["Gọi  ngay"]),
        ("a <style>p { color: *red* }</style>b", vec!["a b"]),
        ("a <script>x\ny `z`</script> b", vec!["a  b"]),
        ("<noscript>\n\nẩn **đi**\n\n</noscript>\n\nhiện", vec!["", "hiện"]),
        ("<iframe src=\"https://x\">\n\nẩn\n\n</iframe>\n\nhiện", vec!["", "hiện"]),
        ("a <template>ẩn <b>x</b></template> b <script>", vec!["a  b "]),
    ];
    for (md, want) in cases {
        assert_eq!(spoken(md), want, "{md}");
    }
    let b = parse("<noscript>\n\n```\nalert(1)\n```\n\n</noscript>\n");
    assert!(b.blocks.iter().all(|bl| !matches!(bl, Block::Code { .. })), "{:?}", b.blocks);
    assert_eq!(parse("a <script>một hai ba</script>").word_count, 1);
}

/// Issue 10: every form of deep nesting is refused with the place where it gets too deep, before
/// any walk over the tree could overflow the stack.
#[test]
fn too_deep_nesting_is_refused_where_it_starts() {
    let n = MAX_NESTING;
    let indented: String = (0..n + 5).map(|i| format!("{}- a\n", "  ".repeat(i))).collect();
    let cases: Vec<(String, usize, usize)> = vec![
        (format!("x\n\n{} a\n", ">".repeat(n + 5)), 3, n + 1),
        (format!("{}a\n", "- ".repeat(n + 5)), 1, 2 * n + 1),
        (indented, n + 1, 2 * n + 1),
        (format!("{}a{}\n", "*a ".repeat(n + 5), "*".repeat(n + 5)), 1, 3 * n + 1),
        (format!("{}a{}\n", "![".repeat(n + 5), "](u)".repeat(n + 5)), 1, 2 * n + 1),
    ];
    for (md, line, col) in cases {
        let err = Body::parse(&md, 1).expect_err(&md);
        assert_eq!((err.line, err.col), (Some(line), Some(col)), "{md}\n{err:?}");
        assert_eq!(err.code, "nesting");
    }
    let html = format!("a {}b\n", "<b>".repeat(raw_html::MAX_HTML_NESTING + 1));
    let err = Body::parse(&html, 7).expect_err("deep html");
    assert_eq!((err.line, err.col), (Some(7), Some(3 + 3 * raw_html::MAX_HTML_NESTING)));
}

/// Issue 10: nesting up to the limit is fine, and inline tags left open in one paragraph do not
/// add up over the page.
#[test]
fn nesting_up_to_the_limit_parses() {
    let n = MAX_NESTING;
    assert!(Body::parse(&format!("{} a\n", ">".repeat(n)), 1).is_ok());
    assert!(Body::parse(&format!("{}a\n", "- ".repeat(n)), 1).is_ok());
    let paragraphs = "<span>x\n\n".repeat(raw_html::MAX_HTML_NESTING * 2);
    assert!(Body::parse(&paragraphs, 1).is_ok());
    let blocks = "<div>\n\n".repeat(raw_html::MAX_HTML_NESTING + 1);
    assert!(Body::parse(&blocks, 1).is_err(), "unclosed block tags do nest");
}

/// Issue 10: an unclosed `<script>` or `<style>` hides the rest of the page in every output; the
/// parse says where it began.
#[test]
fn an_unclosed_hidden_element_is_a_warning_where_it_opens() {
    let b = Body::parse("Gọi 111.\n\nXem <style>p{}\n\nhết\n", 3).expect("parses");
    let w: Vec<(Option<usize>, Option<usize>, bool)> =
        b.warnings.iter().map(|d| (d.line, d.col, d.is_error())).collect();
    assert_eq!(w, vec![(Some(5), Some(5), false)]);
    assert!(parse("a <style>p{}</style> b\n\n<script>\nx()\n</script>\n").warnings.is_empty());
}

/// Issue 16: every vector and merged text of a parsed body is exactly as long as its content.
/// A 15,000-page site keeps all bodies in memory at once, and containers grown one push at a
/// time held room for four inlines where one was written (440 MB of bodies instead of 224).
#[test]
fn a_parsed_body_holds_no_spare_room() {
    let md = "# Gọi 111\n\nMột đoạn.\n\nDòng một\ndòng hai &amp; [ba] *nhấn* `mã`.\n\n\
              - mục một\n- mục **hai**\n  - mục lồng\n\n1. thứ nhất\n\n2. thứ hai\n\n\
              > trích dẫn\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nChú thích[^1].\n\n[^1]: Lời chú.\n";
    let body = parse(md);
    fn inlines(list: &Vec<Inline>, n: &mut usize) {
        assert_eq!(list.capacity(), list.len(), "{list:?}");
        *n += 1;
        for inline in list {
            if let Inline::Text { text } = inline {
                assert_eq!(text.capacity(), text.len(), "{text:?}");
            }
            if let Inline::Strong { content } | Inline::Emph { content } | Inline::Strike { content } = inline {
                inlines(content, n);
            }
            if let Inline::Link(link) = inline {
                inlines(&link.content, n);
            }
        }
    }
    fn blocks(list: &Vec<Block>, n: &mut usize) {
        assert_eq!(list.capacity(), list.len(), "{list:?}");
        for block in list {
            match block {
                Block::Heading(h) => inlines(&h.content, n),
                Block::Paragraph { content } => inlines(content, n),
                Block::List { items, .. } => {
                    assert_eq!(items.capacity(), items.len());
                    items.iter().for_each(|item| blocks(item, n));
                }
                Block::Quote { content } => blocks(content, n),
                Block::Footnote(note) => blocks(&note.content, n),
                _ => {}
            }
        }
    }
    let mut checked = 0;
    blocks(&body.blocks, &mut checked);
    assert!(checked >= 10, "the walk saw the document's containers: {checked}");
}

/// Issue 16: an inline and a block stay small; the rare variants with many fields are boxed
/// (a 96-byte inline and a 104-byte block were a third of a big site's memory).
#[test]
fn inlines_and_blocks_stay_small() {
    assert!(std::mem::size_of::<Inline>() <= 32, "{}", std::mem::size_of::<Inline>());
    assert!(std::mem::size_of::<Block>() <= 40, "{}", std::mem::size_of::<Block>());
}

/// The byte-level word count counts what `split_whitespace` splits, for every character.
#[test]
fn words_are_counted_as_split_whitespace_splits() {
    let mut texts = crate::text::samples::texts(4000);
    texts.extend((0..0x3_0000).filter_map(char::from_u32).map(|c| format!("a{c}b {c}")));
    // Longer texts, so that spaces and letters of every width fall on both sides of the edges
    // between the blocks the count takes together.
    let joined: Vec<String> = texts.chunks(9).map(|nine| nine.concat()).collect();
    texts.extend(joined);
    for c in ['\u{A0}', '\u{1680}', '\u{2028}', '\u{3000}', 'ạ', 'ꪀ', ' ', '\u{1F4DE}'] {
        for at in 0..140 {
            texts.push(format!("{}{c}x{}", "ấy ".repeat(at / 4) + &"a".repeat(at % 4), " y".repeat(40)));
        }
    }
    for text in texts {
        assert_eq!(super::words_in(&text), text.split_whitespace().count(), "{text:?}");
    }
}
