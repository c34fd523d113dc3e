//! The data a print template sees: a view made for templates, serialized to `/data.json`.
//!
//! Content reaches typst only as data, never as markup: a string placed as content prints as
//! written, so a title with `# * $ ] < @` needs no escaping and cannot run code.
//! The body tree is flattened into blocks of inline runs (`{text, b, i}`) that `common.typ`
//! turns into content; links keep their text, images their alt text.

use super::distance;
use super::leaflet::Geometry;
use super::limits::{self, Limit};
use super::size::Layout;
use super::variant::Variant;
use crate::content::{Block, Inline, Page, Site};
use crate::i18n::I18n;
use serde::Serialize;

/// Family used when a language names none in `loa.yaml`.
pub const DEFAULT_FONT: &str = "Noto Sans";

/// How many list items a poster takes when the page gives no `poster: {points}`.
pub(crate) const DERIVED_POINTS: usize = 4;

#[derive(Debug, Clone, Serialize)]
pub struct PrintData {
    /// `poster`, `leaflet`, `banner`, `share`.
    pub kind: &'static str,
    /// `shop` (bleed, crop marks, slug), `office` (the paper, nothing else) or `card`.
    pub variant: &'static str,
    pub lang: String,
    /// ISO 15924 (`Latn`, `Tavt`).
    pub script: String,
    pub font: String,
    pub title: String,
    pub description: String,
    /// The banner's slogan (`banner: {text}`), else the title.
    pub slogan: String,
    pub body: Vec<PBlock>,
    /// The poster's short form (`poster: {points}`, else the first items of the first list).
    pub points: Vec<Vec<Run>>,
    /// Whether `points` were written by the author (never shortened) or taken from the body.
    pub points_given: bool,
    pub hotline: Hotline,
    pub issuer: String,
    /// The page online; the QR code encodes it.
    pub url: String,
    /// QR modules, one string per row, `#` dark and `.` light (quiet zone not included).
    pub qr: Vec<String>,
    pub labels: Labels,
    pub size: Layout,
    /// 3 on print-shop copies, 0 otherwise.
    pub bleed_mm: f64,
    /// Room outside the bleed for crop marks and the shop's instructions; 0 on office copies.
    pub slug_mm: f64,
    /// No text nearer than this to any trim edge (the same on all four).
    pub safe_mm: f64,
    /// The smallest text on the piece, from its viewing distance ([`distance`]), at drawn scale.
    pub min_pt: f64,
    /// The shop's instructions, one line per PDF page, in Vietnamese (the shop's language).
    pub slug_text: Vec<String>,
    /// The draft band (issue 11): set when the page is a translation under review.
    pub draft: Option<Vec<DraftLine>>,
    /// Tri-fold geometry (leaflets only).
    pub leaflet: Option<Geometry>,
}

impl PrintData {
    /// Every string of the data, in the order of its JSON (`serde_json` keeps keys sorted), without
    /// making the JSON: the glyph check asks this of every share card, and a JSON value of each
    /// card was 1 % of a warm default build (issue 16). The patterns name every field, so a field
    /// added later does not compile until it is visited here (or named as holding no text).
    pub(crate) fn each_string(&self, f: &mut dyn FnMut(&str)) {
        let PrintData {
            kind,
            variant,
            lang,
            script,
            font,
            title,
            description,
            slogan,
            body,
            points,
            points_given: _,
            hotline,
            issuer,
            url,
            qr,
            labels,
            size,
            bleed_mm: _,
            slug_mm: _,
            safe_mm: _,
            min_pt: _,
            slug_text,
            draft,
            leaflet: _,
        } = self;
        body.iter().for_each(|b| b.each_string(f));
        f(description);
        for DraftLine { lang, text } in draft.iter().flatten() {
            f(lang);
            f(text);
        }
        f(font);
        let Hotline { number, call, free } = hotline;
        f(call);
        f(free);
        f(number);
        f(issuer);
        f(kind);
        let Labels { scan } = labels;
        f(scan);
        f(lang);
        points.iter().flatten().for_each(|r| r.each_string(f));
        qr.iter().for_each(|row| f(row));
        f(script);
        let Layout { name, width_mm: _, height_mm: _, scale: _ } = size;
        f(name);
        f(slogan);
        slug_text.iter().for_each(|line| f(line));
        f(title);
        f(url);
        f(variant);
    }
}

impl PBlock {
    /// [`PrintData::each_string`] of a block: its fields, then its tag `t`.
    fn each_string(&self, f: &mut dyn FnMut(&str)) {
        let runs = |runs: &[Run], f: &mut dyn FnMut(&str)| runs.iter().for_each(|r| r.each_string(f));
        match self {
            PBlock::Heading { level: _, runs: r } => {
                runs(r, f);
                f("heading");
            }
            PBlock::Para { runs: r } => {
                runs(r, f);
                f("para");
            }
            PBlock::List { ordered: _, start: _, items } => {
                items.iter().flatten().for_each(|b| b.each_string(f));
                f("list");
            }
            PBlock::Table { head, rows } => {
                head.iter().for_each(|cell| runs(cell, f));
                rows.iter().flatten().for_each(|cell| runs(cell, f));
                f("table");
            }
            PBlock::Quote { blocks } => {
                blocks.iter().for_each(|b| b.each_string(f));
                f("quote");
            }
        }
    }
}

impl Run {
    fn each_string(&self, f: &mut dyn FnMut(&str)) {
        let Run { text, b: _, i: _ } = self;
        f(text);
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Hotline {
    pub number: String,
    /// "Gọi" / "Hu".
    pub call: String,
    /// "miễn phí, 24/7".
    pub free: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    /// Under the QR code: "Quét mã để đọc thêm".
    pub scan: String,
}

/// One line of the draft band, in one language.
#[derive(Debug, Clone, Serialize)]
pub struct DraftLine {
    /// Primary language subtag, for typst's `lang`.
    pub lang: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum PBlock {
    Heading { level: u8, runs: Vec<Run> },
    Para { runs: Vec<Run> },
    List { ordered: bool, start: u64, items: Vec<Vec<PBlock>> },
    Table { head: Vec<Vec<Run>>, rows: Vec<Vec<Vec<Run>>> },
    Quote { blocks: Vec<PBlock> },
}

/// A piece of text with one style. A hard line break is a run whose text is `"\n"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Run {
    pub text: String,
    #[serde(skip_serializing_if = "is_false")]
    pub b: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub i: bool,
}

fn is_false(v: &bool) -> bool {
    !*v
}

/// Everything the data is made of.
pub struct Inputs<'a> {
    pub site: &'a Site,
    pub i18n: &'a I18n,
    pub page: &'a Page,
    pub kind: &'static str,
    pub variant: Variant,
    /// The trim as drawn (office copies: their paper).
    pub size: Layout,
    /// Metres the piece is read from (full-scale piece).
    pub distance_m: f64,
}

pub fn build(inp: Inputs<'_>) -> Result<PrintData, Limit> {
    let mut data = build_without_qr(inp)?;
    add_qr(&mut data);
    Ok(data)
}

/// [`build`] with `qr` left empty. The code follows from `url` alone (which the data holds) and
/// is the slowest part of the data (0.8 ms: `qr::matrix` tries all eight masks), so a cache key
/// is made without it and only a piece that is typeset gets it ([`add_qr`]; issue 16).
pub(crate) fn build_without_qr(inp: Inputs<'_>) -> Result<PrintData, Limit> {
    let Inputs { site, i18n, page, kind, variant, size, distance_m } = inp;
    let config = &site.config;
    let lang = page.lang();
    let language = config.language(lang);
    let script = language.map(|l| l.script.clone()).unwrap_or_else(|| "Latn".into());
    let tavt = script == "Tavt";
    let fix = |s: &str| if tavt { break_tai_viet(s) } else { s.to_string() };
    let url = site.permalink(&page.url_path());
    let slogan = page.fm.banner.as_ref().and_then(|b| b.text.clone()).unwrap_or_else(|| page.title().to_string());
    // A share card shows no body text (`share::card_data`): converting a long page's body for
    // it was most of a warm card's cost (issue 16).
    let (mut body, (mut points, points_given)) = match kind {
        "share" => (Vec::new(), (Vec::new(), false)),
        _ => (blocks(&page.body().blocks, 0)?, poster_points(page)?),
    };
    if tavt {
        body.iter_mut().for_each(|b| map_runs(b, &|r| r.text = break_tai_viet(&r.text)));
        points.iter_mut().flatten().for_each(|r| r.text = break_tai_viet(&r.text));
    }
    let scale = f64::from(size.scale);
    let min_pt = match kind {
        // Read in the hand: the floor only (its templates choose 7–15 pt).
        "leaflet" => distance::FLOOR_PT,
        "share" => 12.0,
        _ => distance::min_text_pt(distance_m) / scale,
    };
    let short = size.width_mm.min(size.height_mm);
    let safe_mm = match kind {
        "leaflet" => 8.0,
        "share" => 0.0,
        _ => (short * 0.05).max(5.0 / scale),
    };
    let data = PrintData {
        kind,
        variant: variant.name(),
        lang: lang.to_string(),
        font: language.and_then(|l| l.font.clone()).unwrap_or_else(|| DEFAULT_FONT.into()),
        title: fix(page.title()),
        description: fix(page.fm.description.as_deref().unwrap_or("")),
        slogan: fix(&slogan),
        body,
        points,
        points_given,
        hotline: Hotline {
            number: config.hotline.number.clone(),
            call: fix(i18n.get(lang, "hotline_call")),
            free: fix(i18n.get(lang, "hotline_free")),
        },
        issuer: fix(config.issuer.as_deref().unwrap_or("")),
        qr: Vec::new(),
        labels: Labels { scan: fix(i18n.get(lang, "print_scan")) },
        script,
        bleed_mm: variant.bleed_mm(),
        slug_mm: variant.slug_mm(),
        safe_mm,
        min_pt,
        slug_text: Vec::new(),
        draft: page.needs_review().then(|| draft_lines(i18n, lang, tavt)),
        leaflet: (kind == "leaflet").then(|| super::leaflet::geometry(true)),
        url,
        size,
    };
    limits::check(&data)?;
    Ok(data)
}

/// The band's words in the page's language, then in Vietnamese (the commune office's language)
/// when the page is in another one.
fn draft_lines(i18n: &I18n, lang: &str, tavt: bool) -> Vec<DraftLine> {
    let primary = lang.split('-').next().unwrap_or(lang).to_string();
    let own = i18n.get(lang, "print_draft");
    let vi = i18n.get("vi", "print_draft");
    let vi_line = DraftLine { lang: "vi".into(), text: vi.to_string() };
    // A language without its own words for the band borrows the Vietnamese line (and says so).
    if primary == "vi" || own == vi {
        return vec![vi_line];
    }
    let text = if tavt { break_tai_viet(own) } else { own.to_string() };
    vec![DraftLine { lang: primary, text }, vi_line]
}

/// `poster: {points}` as written, or the first items of the page's first list: the first
/// sentence of each (a poster line is read in passing).
fn poster_points(page: &Page) -> Result<(Vec<Vec<Run>>, bool), Limit> {
    if let Some(given) = page.fm.poster.as_ref().and_then(|p| p.points.as_ref()) {
        limits::count("points (`poster: {points}`)", given.len(), limits::MAX_POINTS, limits::Where::Key("poster"))?;
        return Ok((given.iter().map(|p| vec![plain(p.trim())]).collect(), true));
    }
    let first_para = |blocks: &[Block]| {
        blocks.iter().find_map(|b| match b {
            Block::Paragraph { content } => Some(first_sentence(runs(content))),
            _ => None,
        })
    };
    let first_list = page.body().blocks.iter().find_map(|b| match b {
        Block::List { items, .. } => Some(items),
        _ => None,
    });
    let points: Vec<Vec<Run>> = match first_list {
        Some(items) => items.iter().take(DERIVED_POINTS).filter_map(|item| first_para(item)).collect(),
        // No list: the first sentence of the first paragraph.
        None => first_para(&page.body().blocks).into_iter().collect(),
    };
    Ok((points.into_iter().filter(|r| !r.is_empty()).collect(), false))
}

/// Runs up to the end of the first sentence (`.`, `!`, `?` followed by a space), or all.
fn first_sentence(runs: Vec<Run>) -> Vec<Run> {
    let mut out = Vec::new();
    for mut r in runs {
        if r.text == "\n" {
            break;
        }
        let cut = r.text.char_indices().find_map(|(i, c)| {
            let next = r.text[i + c.len_utf8()..].chars().next();
            (matches!(c, '.' | '!' | '?') && next.is_some_and(char::is_whitespace)).then_some(i + c.len_utf8())
        });
        if let Some(at) = cut {
            r.text.truncate(at);
            out.push(r);
            return out;
        }
        out.push(r);
    }
    out
}

/// Fills the QR code of data made by [`build_without_qr`].
pub(crate) fn add_qr(data: &mut PrintData) {
    data.qr = qr_rows(&data.url);
}

/// The QR code of a share or social card: the very matrix of the page's `qr.svg`
/// ([`crate::qr::matrix_fast`], one fixed mask). The default card templates do not draw it,
/// and the best-mask search was a tenth of a cold card's CPU (issue 16); a theme's card that
/// does draw it shows the code the web page shows.
pub(crate) fn add_card_qr(data: &mut PrintData) {
    data.qr = card_qr_rows(&data.url);
}

fn card_qr_rows(text: &str) -> Vec<String> {
    rows_of(crate::qr::matrix_fast(text))
}

/// QR code rows for `text`, `#` dark and `.` light (the best of the eight masks, for print):
/// the code of the page's address, so poster and web page always point to the same place.
pub fn qr_rows(text: &str) -> Vec<String> {
    rows_of(crate::qr::matrix(text))
}

fn rows_of(m: Result<crate::qr::Matrix, crate::diag::Diagnostic>) -> Vec<String> {
    match m {
        Ok(m) => m.dark.iter().map(|row| row.iter().map(|&d| if d { '#' } else { '.' }).collect()).collect(),
        // Only data longer than a version-40 code (2,331 bytes) fails; a web address never is.
        Err(_) => Vec::new(),
    }
}

/// The body's blocks at nesting `depth`; deeper than print accepts is an error, checked
/// before recursing (issue 10: thousands of nested lists overflowed the stack).
fn blocks(input: &[Block], depth: usize) -> Result<Vec<PBlock>, Limit> {
    limits::depth(depth)?;
    let mut out = Vec::new();
    for b in input {
        if let Some(pb) = block(b, depth)? {
            out.push(pb);
        }
    }
    Ok(out)
}

fn block(b: &Block, depth: usize) -> Result<Option<PBlock>, Limit> {
    Ok(Some(match b {
        Block::Heading(h) => PBlock::Heading { level: h.level, runs: runs(&h.content) },
        Block::Paragraph { content } => PBlock::Para { runs: runs(content) },
        Block::List { ordered, start, items, .. } => {
            limits::count("list items", items.len(), limits::MAX_ROWS, limits::Where::Body)?;
            let items = items.iter().map(|i| blocks(i, depth + 1)).collect::<Result<_, _>>()?;
            PBlock::List { ordered: *ordered, start: *start, items }
        }
        Block::Table(t) => {
            let (head, rows) = (&t.head, &t.rows);
            let columns = rows.iter().map(Vec::len).chain([head.len()]).max().unwrap_or(0);
            limits::count("table columns", columns, limits::MAX_COLUMNS, limits::Where::Table { columns })?;
            limits::count("table rows", rows.len(), limits::MAX_ROWS, limits::Where::Table { columns })?;
            PBlock::Table {
                head: head.iter().map(|c| runs(c)).collect(),
                rows: rows.iter().map(|r| r.iter().map(|c| runs(c)).collect()).collect(),
            }
        }
        Block::Quote { content } => PBlock::Quote { blocks: blocks(content, depth + 1)? },
        Block::Code(code) => PBlock::Para { runs: vec![plain(code.text.trim_end())] },
        // Raw HTML, rules and footnote texts have no place on a printed piece.
        Block::Html { .. } | Block::Rule | Block::Footnote(_) => return Ok(None),
    }))
}

fn plain(text: &str) -> Run {
    Run { text: text.to_string(), b: false, i: false }
}

fn runs(inlines: &[Inline]) -> Vec<Run> {
    let mut out = Vec::new();
    push_runs(inlines, false, false, &mut out);
    out
}

fn push_runs(inlines: &[Inline], b: bool, i: bool, out: &mut Vec<Run>) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => push(out, text, b, i),
            Inline::Strong { content } => push_runs(content, true, i, out),
            Inline::Emph { content } => push_runs(content, b, true, out),
            // Print keeps the words of a link; the address is the page's QR code.
            Inline::Strike { content } => push_runs(content, b, i, out),
            Inline::Link(link) => push_runs(&link.content, b, i, out),
            Inline::Image(image) if !image.alt.is_empty() => push(out, &image.alt, b, true),
            Inline::SoftBreak => push(out, " ", b, i),
            Inline::HardBreak => out.push(plain("\n")),
            Inline::Image(_) | Inline::Html { .. } | Inline::FootnoteRef(_) => {}
        }
    }
}

/// Appends text, merging with the previous run when the style is the same.
fn push(out: &mut Vec<Run>, text: &str, b: bool, i: bool) {
    match out.last_mut() {
        Some(last) if last.b == b && last.i == i && last.text != "\n" => last.text.push_str(text),
        _ => out.push(Run { text: text.to_string(), b, i }),
    }
}

fn map_runs(block: &mut PBlock, f: &dyn Fn(&mut Run)) {
    match block {
        PBlock::Heading { runs, .. } | PBlock::Para { runs } => runs.iter_mut().for_each(f),
        PBlock::List { items, .. } => items.iter_mut().flatten().for_each(|b| map_runs(b, f)),
        PBlock::Table { head, rows } => {
            head.iter_mut().flatten().for_each(f);
            rows.iter_mut().flatten().flatten().for_each(f);
        }
        PBlock::Quote { blocks } => blocks.iter_mut().for_each(|b| map_runs(b, f)),
    }
}

/// Tai Viet vowels written before the consonant they follow in speech (visual order, Unicode
/// "Logical_Order_Exception"): one always begins a syllable.
fn is_tai_viet_prevowel(c: char) -> bool {
    matches!(c, '\u{AAB5}' | '\u{AAB6}' | '\u{AAB9}' | '\u{AABB}' | '\u{AABC}')
}

fn is_tai_viet(c: char) -> bool {
    ('\u{AA80}'..='\u{AADF}').contains(&c)
}

/// Inserts U+200B (zero-width space) at syllable starts inside unspaced Tai Viet, so lines can
/// break there: typst finds no break opportunity in Tai Viet without spaces (measured: it ran
/// past its box). Only starts that are certain are marked: a pre-posed vowel, or a Tai Viet
/// letter after a Tai Viet symbol (KON, NUENG, SAM, HO HOI, KOI KOI, U+AADB–AADF).
pub fn break_tai_viet(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if let Some(p) = prev {
            let starts = is_tai_viet_prevowel(c) || (is_tai_viet(c) && ('\u{AADB}'..='\u{AADF}').contains(&p));
            if starts && is_tai_viet(p) {
                out.push('\u{200B}');
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tai_viet_breaks_before_prevowels_only() {
        // ꪼ (AABC) and ꪹ (AAB9) are pre-posed vowels; ꪀ ꪙ are consonants.
        let table = [
            ("ꪼꪕꪒꪾ", "ꪼꪕꪒꪾ"),
            ("ꪀꪱꪼꪕ", "ꪀꪱ\u{200B}ꪼꪕ"),
            ("ꪀꪱ ꪼꪕ", "ꪀꪱ ꪼꪕ"),
            ("ꪙꪹꪀ", "ꪙ\u{200B}ꪹꪀ"),
            ("Tày ꪹ", "Tày ꪹ"),
            ("ꪀꫛꪀ", "ꪀꫛ\u{200B}ꪀ"),
        ];
        for (input, want) in table {
            assert_eq!(break_tai_viet(input), want, "{input}");
        }
    }

    #[test]
    fn inline_styles_flatten_into_runs() {
        let body = crate::content::Body::parse("Gọi **ngay *bây giờ*** [111](tel:111)\\\nhết ![ảnh](a.png)", 1)
            .expect("parses");
        let PBlock::Para { runs } = block(&body.blocks[0], 0).unwrap().unwrap() else { panic!("not a paragraph") };
        let got: Vec<(&str, bool, bool)> = runs.iter().map(|r| (r.text.as_str(), r.b, r.i)).collect();
        assert_eq!(
            got,
            [
                ("Gọi ", false, false),
                ("ngay ", true, false),
                ("bây giờ", true, true),
                (" 111", false, false),
                ("\n", false, false),
                ("hết ", false, false),
                ("ảnh", false, true)
            ]
        );
    }

    #[test]
    fn qr_rows_are_square() {
        let rows = qr_rows("https://example.gov.vn/dau-hieu/");
        assert!(rows.len() >= 21);
        assert!(rows.iter().all(|r| r.chars().count() == rows.len()));
        // The finder pattern's top row starts every code.
        assert!(rows[0].starts_with("#######."));
    }

    /// Issue 16: a card's QR code is the page's `qr.svg` matrix (the fixed mask), not a second
    /// search over the eight masks (whose pick differs for this address).
    #[test]
    fn a_card_holds_the_qr_svg_matrix() {
        let url = "https://example.gov.vn/dau-hieu/";
        let svg = crate::qr::matrix_fast(url).expect("fits");
        let want: Vec<String> =
            svg.dark.iter().map(|r| r.iter().map(|&d| if d { '#' } else { '.' }).collect()).collect();
        assert_eq!(card_qr_rows(url), want);
        assert_ne!(card_qr_rows(url), qr_rows(url), "the print code keeps the best mask");
    }

    /// Issue 16: the glyph check's walk over the data gives every string of its JSON, in the
    /// JSON's order (the first missing character found is the one the message names).
    #[test]
    fn each_string_is_the_json_walk() {
        let run = |t: &str, b: bool| Run { text: t.into(), b, i: !b };
        let para = |t: &str| PBlock::Para { runs: vec![run(t, false), run("\n", false)] };
        let data = PrintData {
            kind: "leaflet",
            variant: "shop",
            lang: "blt".into(),
            script: "Tavt".into(),
            font: "Noto Sans Tai Viet".into(),
            title: "ꪼꪕ tiêu đề".into(),
            description: "mô tả".into(),
            slogan: "khẩu hiệu".into(),
            body: vec![
                PBlock::Heading { level: 2, runs: vec![run("Dấu hiệu", true)] },
                para("đoạn"),
                PBlock::List {
                    ordered: true, start: 3, items: vec![vec![para("một")], vec![para("hai"), para("ba")]]
                },
                PBlock::Table {
                    head: vec![vec![run("cột", true)], vec![]],
                    rows: vec![vec![vec![run("ô 1", false)], vec![run("ô 2", true), run("ô 3", false)]]],
                },
                PBlock::Quote { blocks: vec![para("trích"), PBlock::Quote { blocks: vec![para("sâu")] }] },
            ],
            points: vec![vec![run("ý một", false)], vec![run("ý", true), run(" hai", false)]],
            points_given: true,
            hotline: Hotline { number: "111".into(), call: "Gọi".into(), free: "miễn phí, 24/7".into() },
            issuer: "UBND xã".into(),
            url: "https://xa.gov.vn/a/".into(),
            qr: vec!["#.#".into(), ".#.".into()],
            labels: Labels { scan: "Quét mã".into() },
            size: Layout { name: "A5".into(), width_mm: 148.0, height_mm: 210.0, scale: 1 },
            bleed_mm: 3.0,
            slug_mm: 12.0,
            safe_mm: 8.0,
            min_pt: 7.0,
            slug_text: vec!["dòng 1".into(), "dòng 2".into()],
            draft: Some(vec![
                DraftLine { lang: "blt".into(), text: "ꪹ".into() },
                DraftLine { lang: "vi".into(), text: "BẢN NHÁP".into() },
            ]),
            leaflet: Some(super::super::leaflet::geometry(true)),
        };
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::String(s) => out.push(s.clone()),
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                serde_json::Value::Object(o) => o.values().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut want = Vec::new();
        walk(&serde_json::to_value(&data).unwrap(), &mut want);
        let mut got = Vec::new();
        data.each_string(&mut |s| got.push(s.to_string()));
        assert_eq!(got, want);
        assert!(got.len() > 40, "{got:?}");
    }
}
