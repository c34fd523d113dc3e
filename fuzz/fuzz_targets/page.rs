//! A whole page through every renderer: the input is written as `content/_index.md` of a small
//! site (its front matter may ask for any output), then `loa check`'s pipeline loads it and
//! renders everything into memory. Nothing may panic, abort or run away with memory.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "title: Fuzz\nbase_url: https://xa.example.vn\ndefault_language: vi\nlanguages:\n  - {code: vi, name: Tiếng Việt}\n  - {code: hmn, name: Hmoob}\nhotline: {number: \"111\"}\nshare_cards: false\n";

fuzz_target!(|data: &[u8]| {
    let Ok(dir) = tempfile::tempdir() else { return };
    let site = dir.path();
    if std::fs::create_dir_all(site.join("content")).is_err() {
        return;
    }
    let _ = std::fs::write(site.join("loa.yaml"), CONFIG);
    // Bodies without front matter get one, so the fuzzer spends its time in Markdown.
    let mut text = data.to_vec();
    if !text.starts_with(b"---") {
        let mut with = b"---\ntitle: T\noutputs: [web, broadcast, sms]\n---\n".to_vec();
        with.extend_from_slice(&text);
        text = with;
    }
    let _ = std::fs::write(site.join("content/_index.md"), &text);
    let opts = loa::BuildOptions { site: site.to_path_buf(), ..Default::default() };
    let _ = loa::check(&opts, &loa::Silent);
});
