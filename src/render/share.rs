//! What makes a page easy to pass on: `qr.svg` beside every web page (shown on the page for
//! printing and scanning; the same matrix the print templates draw on posters).

use super::{Artifact, RenderContext, Renderer};
use crate::content::OutputKind;
use crate::diag::Diagnostic;
use crate::fs::Sink;

pub struct ShareRenderer;

impl Renderer for ShareRenderer {
    fn name(&self) -> &'static str {
        "share"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        super::for_each_page(cx, OutputKind::Web, |id| {
            let page = &cx.site.pages[id];
            let url = cx.site.permalink(&page.url_path());
            let matrix = crate::qr::matrix(&url).map_err(|d| d.in_file(&page.info.shown))?;
            out.put(&format!("{}qr.svg", page.url_path()), crate::qr::svg(&matrix, &url).as_bytes())?;
            Ok(Vec::new())
        })
    }
}
