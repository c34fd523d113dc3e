//! Redirects from earlier addresses (`aliases:`, see `content::aliases`): a small page at each old
//! address that sends the reader on without JavaScript (a `refresh` meta tag, a canonical link and
//! a plain link for browsers that do neither), and `_redirects.nginx`, the same list for the
//! shipped nginx configuration (`deploy/nginx.conf`), which answers 301 before the page is read.

use super::{Artifact, RenderContext, Renderer};
use crate::content::links::relative_url;
use crate::diag::Diagnostic;
use crate::fs::Sink;

pub struct AliasRenderer;

/// The file `deploy/nginx.conf` includes into its redirect map.
pub const NGINX_FILE: &str = "_redirects.nginx";

impl Renderer for AliasRenderer {
    fn name(&self) -> &'static str {
        "aliases"
    }

    fn render(&self, cx: &RenderContext<'_>, out: &dyn Sink) -> Result<Vec<Artifact>, Vec<Diagnostic>> {
        let site = cx.site;
        let mut nginx = String::new();
        for (alias, &id) in &site.aliases {
            let page = &site.pages[id];
            let target = page.url_path();
            nginx.push_str(&format!("\"/{alias}\" \"/{target}\";\n"));
            if !cx.scope.includes(id) {
                continue;
            }
            let from_dir =
                if alias.ends_with('/') { alias.as_str() } else { alias.rsplit_once('/').map_or("", |(d, _)| d) };
            let href = relative_url(from_dir, &target);
            let rel = if alias.ends_with('/') { format!("{alias}index.html") } else { alias.clone() };
            out.put(&rel, redirect_page(page.lang(), page.title(), &href, &site.permalink(&target)).as_bytes())
                .map_err(|d| vec![d])?;
        }
        if cx.scope.is_all() && !nginx.is_empty() {
            out.put(NGINX_FILE, nginx.as_bytes()).map_err(|d| vec![d])?;
        }
        Ok(Vec::new())
    }
}

fn redirect_page(lang: &str, title: &str, href: &str, canonical: &str) -> String {
    let (title, href, canonical) = (escape(title), escape(href), escape(canonical));
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><link rel=\"canonical\" href=\"{canonical}\">\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\"></head>\
         <body><main><p><a href=\"{href}\">{title}</a></p></main></body></html>\n"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
