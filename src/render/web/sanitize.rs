//! Raw HTML in Markdown (pasted from Word or a website) is *sanitized*, not escaped: harmless
//! markup such as `<b>` or `<table>` keeps working, while `<script>`, `<style>`, `<iframe>`,
//! event handlers (`onclick`) and addresses whose scheme is not on loa's list (`javascript:`,
//! `data:` …) are removed. Only bodies that contain raw HTML pay for this pass; loa's own HTML
//! writer already escapes everything it emits.
//!
//! The elements of [`HIDDEN`] go with all their content: nobody sees it on a page, so the body
//! tree keeps it out of the loudspeaker script and print as well (one list for both). The body
//! tree also bounds how deeply raw HTML nests (`MAX_HTML_NESTING`): html5ever's work grows with
//! the square of the depth.

use crate::content::body::raw_html::HIDDEN;
use crate::content::links::SAFE_SCHEMES;
use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["id", "class", "lang", "dir"])
        .add_tag_attributes("a", ["hreflang"])
        .add_tag_attributes("img", ["loading", "decoding", "width", "height", "srcset", "sizes"])
        .add_tag_attributes("ol", ["start"])
        .add_tags(["figure", "figcaption", "section", "mark", "details", "summary"])
        .clean_content_tags(HashSet::from(HIDDEN))
        .url_schemes(HashSet::from(SAFE_SCHEMES))
        .link_rel(None);
    b
});

pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn removes_scripts_handlers_and_js_urls() {
        let dirty = r#"<p onclick="x()">Chào <b>bạn</b></p><script>alert(1)</script><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)><iframe src="https://evil"></iframe>"#;
        let clean = sanitize(dirty);
        for bad in ["<script", "onclick", "onerror", "javascript:", "<iframe", "alert"] {
            assert!(!clean.contains(bad), "{bad} survived in {clean}");
        }
        assert!(clean.contains("<b>bạn</b>"));
    }

    #[test]
    fn keeps_heading_ids_and_classes() {
        let html = r#"<h2 id="goi-111">Gọi</h2><div class="table"><table><tr><td class="ac">1</td></tr></table></div>"#;
        assert!(sanitize(html).contains(r#"id="goi-111""#));
        assert!(sanitize(html).contains(r#"class="ac""#));
    }
}
