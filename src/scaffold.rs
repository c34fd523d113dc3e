//! `loa new DIR`: a small site that builds as it is, for an editor to fill in.

use crate::msg;
use crate::diag::Diagnostic;
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "loa.yaml",
        "# Cấu hình trang — site settings. See README for every key.\ntitle: \"Phòng, chống mua bán người\"\ndescription: \"Thông tin cho người dân trong xã\"\nbase_url: \"https://example.gov.vn\"\ndefault_language: vi\nlanguages:\n  - code: vi\n    name: \"Tiếng Việt\"\n  - code: hmn\n    name: \"Hmoob\"\n    orthography: rpa\nhotline:\n  number: \"111\"\nissuer: \"UBND xã\"\n",
    ),
    (
        "content/_index.md",
        "---\ntitle: \"Phòng, chống mua bán người\"\ndescription: \"Gọi 111 miễn phí, 24/7\"\n---\n\nTổng đài **111** miễn phí, nghe máy cả ngày lẫn đêm.\n",
    ),
    (
        "content/goi-111.md",
        "---\ntitle: \"Gọi 111 khi cần giúp đỡ\"\ndescription: \"Tổng đài quốc gia bảo vệ trẻ em và nạn nhân mua bán người\"\ndate: 2026-07-30\ntags: [\"111\"]\noutputs: [web]\n---\n\nViết nội dung trang ở đây.\n",
    ),
    (
        "content/goi-111.hmn.md",
        "---\ntitle: \"Hu 111 thaum xav tau kev pab\"\ndate: 2026-07-30\nreview:\n  status: draft\n---\n\nSau ntawv ntawm no.\n",
    ),
    ("static/.keep", ""),
];

pub fn new_site(dir: &Path) -> Result<(), Diagnostic> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(Diagnostic::error("new", msg!("new-not-empty", dir = dir)).with_hint(msg!("new-not-empty-hint")));
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| crate::fs::io_error("create folder", parent, &e))?;
        }
        std::fs::write(&path, text).map_err(|e| crate::fs::io_error("write", &path, &e))?;
    }
    Ok(())
}
