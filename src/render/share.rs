//! What makes a page easy to pass on: beside every web page, `qr.svg` (shown on the page, for
//! printing and scanning; the same matrix the print templates draw) and `share.png`, the
//! 1200×630 preview card Zalo and Facebook show, typeset by the print engine with the same fonts
//! (so Tai Viet titles come out right) from the theme's `print/share.typ`.
//!
//! Cards are cached in `.loa-cache/share/` by a hash of their data and template: an unchanged
//! page costs no rendering on rebuild.

use super::print::{Engine, data, size::Layout};
use super::{Artifact, RenderContext, Renderer};
use crate::content::{OutputKind, PageId};
use crate::diag::Diagnostic;
use crate::fs::Sink;
use std::path::PathBuf;
use std::sync::Arc;

pub const SHARE_TEMPLATE: &str = "share";

pub struct ShareRenderer {
    /// `None` when `share_cards: false`: only QR codes are written.
    engine: Option<Arc<Engine>>,
    cache: Option<PathBuf>,
}

impl ShareRenderer {
    pub fn new(engine: Option<Arc<Engine>>, cache: Option<PathBuf>) -> Self {
        ShareRenderer { engine, cache }
    }

    fn card(&self, engine: &Engine, cx: &RenderContext<'_>, id: PageId) -> Result<Vec<u8>, Diagnostic> {
        let page = &cx.site.pages[id];
        // 1200×630 pt, drawn at one pixel per point.
        let size =
            Layout { name: "share".into(), width_mm: 1200.0 * 25.4 / 72.0, height_mm: 630.0 * 25.4 / 72.0, scale: 1 };
        let mut data = data::build(data::Inputs { site: cx.site, i18n: cx.i18n, page, kind: "share", size });
        data.body.clear();
        data.bleed = false;
        data.crop_marks = false;
        let key = serde_json::to_vec(&data).map(|json| {
            let mut all = json;
            for t in ["print/share.typ", "print/lib.typ"] {
                all.extend_from_slice(cx.theme.get(t).unwrap_or_default());
            }
            crate::render::images::content_hash(&all)
        });
        let cached = match (&self.cache, &key) {
            (Some(dir), Ok(k)) => std::fs::read(dir.join(format!("{k}.png"))).ok(),
            _ => None,
        };
        if let Some(png) = cached {
            return Ok(png);
        }
        let png = engine.render_png(page, &data, SHARE_TEMPLATE)?;
        if let (Some(dir), Ok(k)) = (&self.cache, &key) {
            // Best effort: a cache that cannot be written only costs time next build. Atomic, so
            // a killed build never leaves a truncated card that the next one reuses (issue 10).
            let _ = crate::fs::write_atomic(&dir.join(format!("{k}.png")), &png);
        }
        Ok(png)
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
                let png = self.card(engine, cx, id)?;
                out.put(&format!("{}share.png", page.url_path()), &png)?;
            }
            Ok(Vec::new())
        })
    }
}
