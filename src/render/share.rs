//! What makes a page easy to pass on: beside every web page, `qr.svg` (shown on the page, for
//! printing and scanning; the same matrix the print templates draw) and `share.png`, the
//! 1200×630 preview card Zalo and Facebook show, typeset by the print engine with the same fonts
//! (so Tai Viet titles come out right) from the theme's `print/share.typ`.
//!
//! Cards are cached in `.loa-cache/share/` by a hash of their data, templates and fonts
//! ([`super::print::cache`]): an unchanged page costs no rendering on rebuild, and its card
//! reaches OUT as a hard link of the cache entry (issue 16).

use super::print::cache::{self, Made};
use super::print::{Engine, Variant, data, fonts, size::Layout};
use super::{Artifact, RenderContext, Renderer};
use crate::content::{OutputKind, Page};
use crate::diag::Diagnostic;
use crate::fs::{Cache, Sink};
use crate::msg;
use std::sync::Arc;

pub const SHARE_TEMPLATE: &str = "share";

/// Changes whenever the way a card is drawn or written changes (the RGB fast PNG writer: 2; the
/// key holds the fonts: 3; Up-filtered rows through fdeflate, the `qr.svg` matrix in the
/// data: 4).
const CARD_FORMAT: &str = "share-card-4";

/// A picture typeset from a page's title and hotline by a print template, at one pixel per point.
pub(crate) struct Card {
    pub template: &'static str,
    pub width_px: f64,
    pub height_px: f64,
    /// Which picture it is in a message (`share`, `social`: see `print::kind_name`).
    pub called: &'static str,
}

/// The share card Zalo and Facebook show for a link (their recommended 1200×630).
pub(crate) const SHARE_CARD: Card =
    Card { template: SHARE_TEMPLATE, width_px: 1200.0, height_px: 630.0, called: "share" };

pub struct ShareRenderer {
    /// `None` when `share_cards: false`: only QR codes are written.
    engine: Option<Arc<Engine>>,
    cache: Option<Arc<Cache>>,
}

impl ShareRenderer {
    pub fn new(engine: Option<Arc<Engine>>, cache: Option<Arc<Cache>>) -> Self {
        ShareRenderer { engine, cache }
    }
}

/// The picture `card` of `page`, from `cache` (by a hash of its data, templates and fonts)
/// when an earlier build made the same one.
pub(crate) fn picture(
    engine: &Engine,
    cache: Option<&Cache>,
    cx: &RenderContext<'_>,
    page: &Page,
    card: &Card,
) -> Result<Made, Diagnostic> {
    let data = card_data(engine, cx, page, card)?;
    let key = card_key(engine, cache, &data, card);
    drawn(engine, cache, page, card, data, key.as_deref())
}

/// The card from its cache entry `key`, else drawn from `data` and kept.
fn drawn(
    engine: &Engine,
    cache: Option<&Cache>,
    page: &Page,
    card: &Card,
    mut data: data::PrintData,
    key: Option<&str>,
) -> Result<Made, Diagnostic> {
    cache::get_or_make(cache, cache::CARD_FOLDER, key, "png", || {
        data::add_card_qr(&mut data);
        engine.render_png(page, &data, card.template)
    })
}

/// The card's cache key: its data and template. Never trusted across loa versions or PNG
/// writers (issue 16): a newer loa may draw or write the same card differently.
fn card_key(engine: &Engine, cache: Option<&Cache>, data: &data::PrintData, card: &Card) -> Option<String> {
    cache?;
    let json = serde_json::to_vec(data).ok()?;
    Some(cache::key(engine, CARD_FORMAT, &[&json, card.template.as_bytes()]))
}

/// Puts `page`'s picture `card` at `rel`: a cached one is linked without being read (it is only
/// published, nothing looks at its bytes), else it is drawn and kept.
fn put_picture(
    engine: &Engine,
    cache: Option<&Cache>,
    cx: &RenderContext<'_>,
    page: &Page,
    card: &Card,
    out: &dyn Sink,
    rel: &str,
) -> Result<(), Diagnostic> {
    let data = card_data(engine, cx, page, card)?;
    let key = card_key(engine, cache, &data, card);
    if let Some((cache, key)) = cache.zip(key.as_deref())
        && let Some((entry, len)) = cache.entry(cache::CARD_FOLDER, &format!("{key}.png"))
        // The entry gone or changed meanwhile (a cache folder deleted by hand): drawn anew.
        && out.put_entry(rel, &entry, len).is_ok()
    {
        return Ok(());
    }
    drawn(engine, cache, page, card, data, key.as_deref())?.put(out, rel)
}

/// The card's data: the page's title and hotline (and the draft band of a translation under
/// review). A character no font of the theme has is left out of the card: a web page must
/// never fail the build for its preview picture (issue 13: one emoji in a title stopped the
/// whole site). Print keeps failing for such characters, naming them.
fn card_data(engine: &Engine, cx: &RenderContext<'_>, page: &Page, card: &Card) -> Result<data::PrintData, Diagnostic> {
    // A page too big or too deep for print still gets its card: the card shows no body.
    let mut data = data::build_without_qr(card_inputs(cx, page, card))
        .or_else(|_| {
            let mut light = page.clone();
            light.set_body(crate::content::Body::default());
            data::build_without_qr(card_inputs(cx, &light, card))
        })
        .map_err(|l| l.diagnostic(&cx.site.root, page, card.called))?;
    data.variant = "card";
    if let Some(lines) = data.draft.as_mut() {
        card_draft_words(cx.i18n, lines);
    }
    data.body.clear();
    data.points.clear();
    let cover = engine.cover();
    if let Some(m) = fonts::missing_glyph(&data, &cover) {
        cx.warn(dropped_warning(cx, page, &m, card));
    }
    let keep = |s: &mut String| *s = fonts::without_missing(s, &cover);
    keep(&mut data.title);
    keep(&mut data.hotline.call);
    keep(&mut data.hotline.free);
    keep(&mut data.hotline.number);
    keep(&mut data.description);
    keep(&mut data.slogan);
    keep(&mut data.issuer);
    keep(&mut data.labels.scan);
    if let Some(lines) = data.draft.as_mut() {
        lines.iter_mut().for_each(|l| keep(&mut l.text));
    }
    Ok(data)
}

/// A picture is posted, not printed: its draft band says "do not share" where the language has
/// those words (the print band's "do not print" would be wrong on a Zalo post). A line whose
/// language has no such words keeps the print band's.
fn card_draft_words(i18n: &crate::i18n::I18n, lines: &mut [data::DraftLine]) {
    const KEY: &str = "card_draft";
    let vi = i18n.get("vi", KEY);
    for line in lines {
        let own = i18n.get(&line.lang, KEY);
        if own != KEY && (line.lang == "vi" || own != vi) {
            line.text = own.to_string();
        }
    }
}

/// The warning for a character the card leaves out, at its line and column in the page's file.
fn dropped_warning(cx: &RenderContext<'_>, page: &Page, m: &fonts::Missing, card: &Card) -> Diagnostic {
    let d = Diagnostic::warning(
        "share-glyph",
        msg!(
            "share-glyph",
            ch = m.ch,
            code = fonts::code_point(m.ch),
            word = m.word.as_str(),
            picture = match card.called {
                "social" => msg!("share-picture-social"),
                _ => msg!("share-picture-share"),
            }
        ),
    )
    .in_file(&page.info.shown)
    .with_hint(msg!("share-glyph-hint"));
    let text = std::fs::read_to_string(cx.site.root.join(&page.info.shown)).ok();
    match text.and_then(|t| fonts::position(&t, &m.word, m.ch)) {
        Some((line, col)) => d.at(line, col),
        None => d,
    }
}

fn card_inputs<'b>(cx: &'b RenderContext<'_>, page: &'b Page, card: &Card) -> data::Inputs<'b> {
    let mm = |px: f64| px * 25.4 / 72.0;
    data::Inputs {
        site: cx.site,
        i18n: cx.i18n,
        page,
        kind: "share",
        variant: Variant::Office,
        // Drawn at one pixel per point.
        size: Layout {
            name: card.template.into(),
            width_mm: mm(card.width_px),
            height_mm: mm(card.height_px),
            scale: 1,
        },
        distance_m: 1.0,
    }
}

impl Renderer for ShareRenderer {
    fn name(&self) -> &'static str {
        "share"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        super::for_each_page(cx, OutputKind::Web, |id| {
            let page = &cx.site.pages[id];
            let url = cx.site.permalink(&page.url_path());
            let matrix = crate::qr::matrix_fast(&url).map_err(|d| d.in_file(&page.info.shown))?;
            out.put(&format!("{}qr.svg", page.url_path()), crate::qr::svg(&matrix, &url).as_bytes())?;
            if let Some(engine) = &self.engine {
                let rel = format!("{}share.png", page.url_path());
                put_picture(engine, self.cache.as_deref(), cx, page, &SHARE_CARD, out, &rel)?;
            }
            Ok(Vec::new())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::I18n;
    use crate::theme::Theme;

    /// What the fixture site's pictures and print files are, as hashes (RGB pixels of every
    /// share and social card, the bytes of every PDF), from the loa before issue 16's speed work
    /// on cards. That work (a lib.typ split so typst evaluates the data-free part once, a faster
    /// PNG writer) must change none of them: a card may be encoded differently, never drawn
    /// differently, and a PDF not at all.
    #[test]
    fn pictures_and_print_files_are_as_before() {
        use crate::render::print::{Variant, page_data};
        let site = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/print");
        let loaded = crate::build::load(&crate::BuildOptions { site, ..Default::default() }).expect("fixture loads");
        let engine = Engine::new(&loaded.theme, "default").expect("engine");
        let scope = crate::render::Scope::All;
        let images = crate::render::images::ImageMap::default();
        let warnings = crate::render::Warnings::default();
        let cx = loaded.context(&scope, &images, &warnings);
        let mut got = Vec::new();
        for page in &loaded.site.pages {
            let name = page.info.shown.display().to_string();
            for card in [&SHARE_CARD, &crate::render::social::SOCIAL_CARD] {
                let png = picture(&engine, None, &cx, page, card).expect("picture").bytes;
                let rgb = image::load_from_memory_with_format(&png, image::ImageFormat::Png).expect("png").to_rgb8();
                got.push(format!("{name} {} {}", card.template, crate::fs::cache::key_of(&[rgb.as_raw()])));
            }
            for kind in [OutputKind::Poster, OutputKind::Leaflet, OutputKind::Banner] {
                if !page.wants(kind) {
                    continue;
                }
                for &variant in Variant::for_kind(kind) {
                    let (data, template) = page_data(&cx, page, kind, variant).expect("data");
                    let pdf = engine.render(page, &data, &template).expect("pdf");
                    got.push(format!(
                        "{name} {} {} {}",
                        kind.name(),
                        variant.name(),
                        crate::fs::cache::key_of(&[&pdf])
                    ));
                }
            }
        }
        let want: &[&str] = &[
            "content/_index.md share 0523434b904f7fe4baf2dce9b58b2d85",
            "content/_index.md social 4113c6861490965b380e212a724aac96",
            "content/_index.hmn.md share ddb0595ea254f142623444c4a5f54177",
            "content/_index.hmn.md social 5ee8397ba64781a64a2cbd8814371d5b",
            "content/_index.blt.md share 9e1159577f17a61de779f86e9d70cd96",
            "content/_index.blt.md social 2318fdf28fc303b14920f5452caace68",
            "content/dau-hieu.md share 10ca7e2cb700241a9c651810b1ea1059",
            "content/dau-hieu.md social 489d9e839e17fa1cc9157f4b27b8cb3e",
            "content/dau-hieu.md poster shop 4f0c174673757f0a83301893fccf3a04",
            "content/dau-hieu.md poster office 0c82c42139b905d895a6d139eea152d8",
            "content/dau-hieu.md leaflet shop a9effd7995ed827044cbb66c317f0e0c",
            "content/dau-hieu.md leaflet office 4f9d0d25d8b263bfb3f6a9d5b34a2068",
            "content/dau-hieu.md banner shop f4f4fcb1833b64df7c4dee6f4a6f62aa",
            "content/dau-hieu.hmn.md share bc8a85bc6c25d3ae28b894ddb0e88b92",
            "content/dau-hieu.hmn.md social 4b88a41acbe61b78643e0005d23bf4c7",
            "content/dau-hieu.hmn.md poster shop ca215d10073416133787cb1247d5611c",
            "content/dau-hieu.hmn.md poster office 8e8afb78460707f6b8df7c5c324d5de3",
            "content/dau-hieu.blt.md share bdbd2ef64b9b84312c6c7ae0502ba836",
            "content/dau-hieu.blt.md social 7492fe07c5a0e8bce845054147da668f",
            "content/dau-hieu.blt.md poster shop 1a6689bbbac52308d47b34e04d3a51de",
            "content/dau-hieu.blt.md poster office 81ab0ce811e8db756b7dbbc5ddd02e5f",
            "content/dau-hieu.blt.md leaflet shop b8d0e164f3612d38c078003764d119a4",
            "content/dau-hieu.blt.md leaflet office 0886cdebf0e16b51223066a82e063015",
            "content/van-ban.md share ac015d2947d4dd675639355fa84a3abd",
            "content/van-ban.md social c55554f281df9f48fb9dd3d3a913c998",
            "content/van-ban.md leaflet shop 93c77b669497e1fc7450f84faf031be8",
            "content/van-ban.md leaflet office b5ef15c493fc94977ee396e9f62ba865",
        ];
        assert_eq!(got, want, "\n{}", got.join("\n"));
    }

    /// Issue 14: a draft's share or social picture says "do not share", not print's "do not
    /// print", in every language that has the words; one without keeps the band it had.
    #[test]
    fn a_draft_picture_says_do_not_share() {
        let theme = Theme::load(std::path::Path::new("/nonexistent"), "default").expect("built-in theme");
        let i18n = I18n::load(&theme, &["vi", "hmn", "blt"], "vi").expect("i18n");
        let line = |lang: &str| data::DraftLine { lang: lang.into(), text: i18n.get(lang, "print_draft").into() };
        let mut lines = vec![line("hmn"), line("vi"), data::DraftLine { lang: "xx".into(), text: "band".into() }];
        card_draft_words(&i18n, &mut lines);
        let texts: Vec<String> = lines.into_iter().map(|l| l.text).collect();
        assert_eq!(texts, [i18n.get("hmn", "card_draft"), i18n.get("vi", "card_draft"), "band"]);
        assert!(texts[1].contains("không chia sẻ") && !texts[1].contains("không in"), "{texts:?}");
        assert_ne!(texts[0], texts[1], "the Hmong line is Hmong");
    }
}
