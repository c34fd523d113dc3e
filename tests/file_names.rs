//! File names as the computers of commune offices write them (issue 18): Vietnamese letters,
//! decomposed on macOS, composed on Windows and Linux. The real binary on a temp copy of the
//! web fixture.

mod common;

use unicode_normalization::UnicodeNormalization;

fn nfd(s: &str) -> String {
    s.nfd().collect()
}

/// Issue 18: a campaign copied from a Mac (names decomposed), then given a translation saved
/// on Windows (name composed), builds to the same addresses as an all-composed one: the page
/// and its translation are one page in two languages, and a link typed in the text reaches it.
#[test]
fn decomposed_file_and_folder_names_give_the_same_pages_as_composed_ones() {
    let (_tmp, site) = common::fixture("web");
    let folder = site.join("content").join(nfd("Thông-báo"));
    std::fs::create_dir_all(&folder).unwrap();
    assert_ne!(nfd("Thông-báo"), "Thông-báo", "the test must write a decomposed name");
    std::fs::write(folder.join(nfd("_index.md")), "---\ntitle: \"Thông báo\"\n---\n").unwrap();
    std::fs::write(folder.join(nfd("Bão-lũ.md")), "---\ntitle: \"Bão lũ\"\n---\n\nTránh xa bờ sông.\n").unwrap();
    // The translation was added later on Windows: composed name, in the decomposed folder.
    std::fs::write(folder.join("Bão-lũ.hmn.md"), "---\ntitle: \"Cua daj nag xob\"\n---\n\nTsis txhob mus ze dej.\n")
        .unwrap();
    // A link typed in a page (text is composed, as every editor types it).
    let linking = site.join("content/dau-hieu.md");
    let text = common::read(&linking);
    std::fs::write(&linking, format!("{text}\nXem [tin bão lũ](@/Thông-báo/Bão-lũ.md).\n")).unwrap();

    let out = site.join("public");
    let run = common::loa(&["build", site.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = common::read(out.join("thong-bao/bao-lu/index.html"));
    assert!(page.contains("Tránh xa bờ sông."), "{page}");
    let hmn = common::read(out.join("hmn/thong-bao/bao-lu/index.html"));
    assert!(hmn.contains("Tsis txhob mus ze dej."), "{hmn}");
    assert!(page.contains("/hmn/thong-bao/bao-lu/\""), "the page links to its translation: {page}");
    assert!(hmn.contains("/thong-bao/bao-lu/\""), "and back: {hmn}");
    let linked = common::read(out.join("dau-hieu/index.html"));
    assert!(linked.contains("/thong-bao/bao-lu/\""), "the typed link reaches the page: {linked}");
    let section = common::read(out.join("thong-bao/index.html"));
    assert!(section.contains("Bão lũ"), "the section lists its page: {section}");
}

/// Issue 18: a site whose every file was saved by Notepad on Windows (UTF-8 with BOM, CRLF line
/// ends), loa.yaml included, builds as the same site saved on Linux does.
#[test]
fn a_site_saved_with_windows_line_ends_and_boms_builds_the_same() {
    let (tmp, site) = common::fixture("web");
    let unix_out = tmp.path().join("unix");
    let run = common::loa(&["build", site.to_str().unwrap(), "-o", unix_out.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let mut converted = 0;
    for entry in walkdir::WalkDir::new(&site).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let path = entry.path();
        if !matches!(path.extension().and_then(|e| e.to_str()), Some("md" | "yaml")) {
            continue;
        }
        let text = common::read(path);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\n', "\r\n");
        std::fs::write(path, format!("\u{feff}{text}")).unwrap();
        converted += 1;
    }
    assert!(converted > 5, "loa.yaml and the pages were converted");
    let windows_out = tmp.path().join("windows");
    let run = common::loa(&["build", site.to_str().unwrap(), "-o", windows_out.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = common::html_files(&unix_out);
    assert!(!pages.is_empty());
    for page in pages {
        let rel = page.strip_prefix(&unix_out).unwrap();
        assert_eq!(common::read(windows_out.join(rel)), common::read(&page), "{}", rel.display());
    }
}

/// A name in an old encoding (CP1258 or TCVN3 bytes, from a zip made on an old Windows and
/// unpacked on Linux) is not valid Unicode: the page was left out with "No such file or
/// directory (os error 2)". Now build and check name the file and say to rename it, for
/// content and static files alike, and the output stays as it was.
#[cfg(unix)]
#[test]
fn a_file_name_in_an_old_encoding_is_named_with_the_fix() {
    use std::os::unix::ffi::OsStrExt;
    for (folder, name) in [("content", &b"tin-b\xe3o.md"[..]), ("static", &b"t\xe0i-li\xf2u.pdf"[..])] {
        let (_tmp, site) = common::fixture("web");
        let path = site.join(folder).join(std::ffi::OsStr::from_bytes(name));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "---\ntitle: \"Bão\"\n---\n\nTránh xa bờ sông.\n").unwrap();
        for cmd in ["build", "check"] {
            let run = common::loa(&[cmd, site.to_str().unwrap(), "--quiet"]);
            let all = format!("{}{}", run.stdout, run.stderr);
            assert_eq!(run.code, 1, "{cmd} {folder}: {all}");
            assert!(all.contains(&format!("{folder}/t")) && all.contains("not written in Unicode letters"), "{all}");
            assert!(all.contains("rename the file"), "{all}");
            assert!(!all.contains("os error"), "{all}");
        }
        assert!(!site.join("public").exists(), "nothing published");
    }
}

/// A page `con.md` or a tag `Con` ("child", a common Vietnamese word) gave a folder `con/`,
/// which Windows cannot make or copy (it is a device name there): the build an official runs on
/// Windows failed, a site copied to a USB stick lost the page. Such addresses get `-1`.
#[test]
fn addresses_never_use_names_windows_keeps_for_devices() {
    let (_tmp, site) = common::fixture("web");
    std::fs::write(
        site.join("content/con.md"),
        "---\ntitle: \"Bảo vệ con\"\ntags: [\"Con\", \"NUL\"]\n---\n\nGọi 111.\n",
    )
    .unwrap();
    let run = common::loa(&["build", site.to_str().unwrap(), "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.join("public");
    assert!(out.join("con-1/index.html").is_file());
    assert!(out.join("tags/con-1/index.html").is_file() && out.join("tags/nul-1/index.html").is_file());
    for entry in walkdir::WalkDir::new(&out) {
        let name = entry.unwrap().file_name().to_string_lossy().to_lowercase();
        let stem = name.split('.').next().unwrap_or("");
        assert!(!["con", "nul", "aux", "prn"].contains(&stem), "{name}");
    }
}
