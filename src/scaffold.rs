//! `loa new DIR`: a small site that builds as it is, for an editor to fill in. The comments in
//! the files it writes are in the user's language (from the catalogue); the pages' own text is
//! content, in the site's languages.

use crate::diag::Diagnostic;
use crate::messages::{Message, Texts};
use crate::msg;
use std::path::Path;

/// `# comment` lines, one per line of the message.
fn comment(t: &Texts, m: Message) -> String {
    t.get(&m).lines().map(|l| format!("# {l}\n")).collect()
}

/// The files of a new site, with comments in the language of `t`.
fn files(t: &Texts) -> Vec<(&'static str, String)> {
    let c = |m| comment(t, m);
    let config = [
        c(msg!("new-yaml-header")),
        c(msg!("new-yaml-title")),
        "title: \"Phòng, chống mua bán người\"\ndescription: \"Thông tin cho người dân trong xã\"\n".into(),
        c(msg!("new-yaml-base-url")),
        "base_url: \"https://example.gov.vn\"\n".into(),
        c(msg!("new-yaml-languages")),
        "default_language: vi\nlanguages:\n  - code: vi\n    name: \"Tiếng Việt\"\n  - code: hmn\n    name: \"Hmoob\"\n    orthography: rpa\n"
            .into(),
        c(msg!("new-yaml-hotline")),
        "hotline:\n  number: \"111\"\n".into(),
        c(msg!("new-yaml-issuer")),
        "issuer: \"UBND xã\"\n".into(),
    ]
    .concat();
    let home = format!(
        "---\n{}title: \"Phòng, chống mua bán người\"\ndescription: \"Gọi 111 miễn phí, 24/7\"\n---\n\nTổng đài **111** miễn phí, nghe máy cả ngày lẫn đêm.\n",
        c(msg!("new-page-title"))
    );
    let page = format!(
        "---\ntitle: \"Gọi 111 khi cần giúp đỡ\"\ndescription: \"Tổng đài quốc gia bảo vệ trẻ em và nạn nhân mua bán người\"\n{}date: 2026-07-30\ntags: [\"111\"]\n{}outputs: [web]\n---\n\nViết nội dung trang ở đây.\n",
        c(msg!("new-page-date")),
        c(msg!("new-page-outputs"))
    );
    let hmong = format!(
        "---\ntitle: \"Hu 111 thaum xav tau kev pab\"\ndate: 2026-07-30\n{}review:\n  status: draft\n---\n\nSau ntawv ntawm no.\n",
        c(msg!("new-page-review"))
    );
    vec![
        ("loa.yaml", config),
        ("content/_index.md", home),
        ("content/goi-111.md", page),
        ("content/goi-111.hmn.md", hmong),
        ("static/.keep", String::new()),
    ]
}

pub fn new_site(dir: &Path, texts: &Texts) -> Result<(), Diagnostic> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::error("new", msg!("new-not-empty", dir = dir)).with_hint(msg!("new-not-empty-hint")));
    }
    for (rel, text) in files(texts) {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| crate::fs::io_error("create folder", parent, &e))?;
        }
        std::fs::write(&path, text).map_err(|e| crate::fs::io_error("write", &path, &e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    /// Issue 12: the comments of a new site follow the user's language, and the files still load.
    #[test]
    fn new_site_comments_follow_the_language() {
        for lang in Lang::ALL {
            let t = Texts::new(lang);
            let config = &files(&t)[0].1;
            let first = t.get(&msg!("new-yaml-header"));
            assert!(config.starts_with(&format!("# {}", first.lines().next().unwrap_or(""))), "{config}");
            crate::config::Config::parse(config, Path::new("loa.yaml")).unwrap();
        }
    }
}
