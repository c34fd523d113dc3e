//! The catalogue test (issue 12): every message id the code uses exists in both catalogues,
//! with the same placeholders, and every placeholder is filled where the message is made.
//! Ids are found by scanning the source for `msg!("id", name = …)`.

use super::catalogue::{FILES, source};
use super::{Arg, Lang, Message, Texts};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// id → placeholders (`$name`), from one language's catalogue text.
fn entries(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in FILES {
        let mut current: Option<String> = None;
        for line in source(lang, file).lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            if !line.starts_with(' ')
                && let Some((id, _)) = line.split_once(" =")
            {
                let id = id.trim().to_string();
                assert!(!out.contains_key(&id), "{}/{}: `{id}` is defined twice", lang.code(), file.0);
                out.insert(id.clone(), BTreeSet::new());
                current = Some(id);
            }
            let id = current.as_ref().unwrap_or_else(|| panic!("{}: text before the first id", file.0));
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                rest = &rest[i + 1..];
                let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                out.get_mut(id).map(|s| s.insert(name));
            }
        }
    }
    out
}

/// Every `msg!(...)` in the source: (file, id, argument names).
fn uses() -> Vec<(String, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for file in rust_files(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file.strip_prefix(&src).unwrap().display().to_string();
        if shown.ends_with("messages/tests.rs") {
            continue;
        }
        let mut from = 0;
        while let Some(i) = text[from..].find("msg!(") {
            let start = from + i + "msg!(".len();
            from = start;
            let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
            if text[line_start..start].trim_start().starts_with("//") {
                continue;
            }
            let Some((id, args)) = parse_call(&text[start..]) else { continue };
            out.push((shown.clone(), id, args));
        }
    }
    assert!(out.len() > 100, "the scan found only {} messages", out.len());
    out
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

/// The id and the top-level `name = value` names of a macro call, from just after `msg!(`.
/// `None` for the macro's own definition (`$id:literal`).
fn parse_call(text: &str) -> Option<(String, BTreeSet<String>)> {
    let text = text.trim_start();
    let body = text.strip_prefix('"')?;
    let id_end = body.find('"')?;
    let id = body[..id_end].to_string();
    let mut args = BTreeSet::new();
    let mut depth = 0usize;
    let mut segment = String::new();
    let mut chars = body[id_end + 1..].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                segment.push('"');
                while let Some(s) = chars.next() {
                    if s == '\\' {
                        chars.next();
                    } else if s == '"' {
                        break;
                    }
                }
            }
            '\'' => {
                // A char literal ('(' or '\'') or a lifetime: skip the literal form only.
                let mut look = chars.clone();
                let first = look.next();
                let lit = match first {
                    Some('\\') => {
                        look.next();
                        look.next() == Some('\'')
                    }
                    Some(_) => look.next() == Some('\''),
                    None => false,
                };
                if lit {
                    chars = look;
                }
            }
            '(' | '[' | '{' => {
                depth += 1;
                segment.push(c);
            }
            ')' | ']' | '}' if depth == 0 => {
                add_arg(&segment, &mut args);
                return Some((id, args));
            }
            ')' | ']' | '}' => {
                depth -= 1;
                segment.push(c);
            }
            ',' if depth == 0 => {
                add_arg(&segment, &mut args);
                segment.clear();
            }
            _ => segment.push(c),
        }
    }
    None
}

fn add_arg(segment: &str, args: &mut BTreeSet<String>) {
    let s = segment.trim();
    if let Some((name, _)) = s.split_once('=') {
        let name = name.trim();
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            args.insert(name.to_string());
        }
    }
}

#[test]
fn both_catalogues_have_the_same_ids_and_placeholders() {
    let (vi, en) = (entries(Lang::Vi), entries(Lang::En));
    let only_vi: Vec<_> = vi.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !vi.contains_key(*k)).collect();
    assert!(only_vi.is_empty() && only_en.is_empty(), "only in vi: {only_vi:?}; only in en: {only_en:?}");
    for (id, names) in &vi {
        assert_eq!(Some(names), en.get(id), "`{id}`: placeholders differ between vi and en");
    }
}

#[test]
fn every_id_used_exists_with_its_placeholders_filled() {
    let vi = entries(Lang::Vi);
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for (file, id, args) in uses() {
        used.insert(id.clone());
        match vi.get(&id) {
            None => problems.push(format!("{file}: `{id}` is in no catalogue")),
            Some(names) if *names != args => {
                problems.push(format!("{file}: `{id}` is given {args:?}, the catalogue wants {names:?}"))
            }
            Some(_) => {}
        }
    }
    let unused: Vec<_> = vi.keys().filter(|k| !used.contains(*k)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(unused.is_empty(), "in the catalogues but used nowhere: {unused:?}");
}

#[test]
fn catalogue_files_parse_and_are_all_built_in() {
    for lang in Lang::ALL {
        for file in FILES {
            if let Err((_, errors)) = fluent_bundle::FluentResource::try_new(source(lang, file).to_string()) {
                panic!("locales/{}/{}: {errors:?}", lang.code(), file.0);
            }
        }
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(lang.code());
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(FILES.iter().any(|f| f.0 == name), "locales/{}/{name} is not listed in FILES", lang.code());
        }
    }
}

/// Each message formats without a Fluent error in both languages, its placeholders filled.
#[test]
fn every_message_formats_cleanly() {
    let texts = Texts::new(Lang::Vi);
    for (id, names) in entries(Lang::Vi) {
        let id: &'static str = Box::leak(id.into_boxed_str());
        let args = names.iter().map(|n| (&*Box::leak(n.clone().into_boxed_str()), Arg::Int(2))).collect();
        let message = Message::new(id, args);
        for lang in Lang::ALL {
            let (text, errors) = texts.in_lang(lang).format(&message);
            assert!(errors.is_empty(), "{}: `{id}`: {errors:?}", lang.code());
            assert!(!text.trim().is_empty(), "{}: `{id}` is empty", lang.code());
        }
    }
}

/// Issue 12: numbers in finished messages follow each language's conventions, not Fluent's
/// (which writes `1533` and `0.6` whatever the language).
#[test]
fn numbers_in_messages_follow_the_language() {
    let vi = Texts::new(Lang::Vi);
    let en = vi.in_lang(Lang::En);
    let pages = crate::msg!("made-web", count = 1533usize);
    assert_eq!(vi.get(&pages), "1.533 trang web");
    assert!(en.get(&pages).starts_with("1,533 "), "{}", en.get(&pages));
    let summary = crate::msg!("build-summary", made = "1 tin nhắn", seconds = Arg::decimal(0.6, 1), out = "public/");
    assert_eq!(vi.get(&summary), "Đã tạo 1 tin nhắn trong 0,6 giây → public/");
    assert!(en.get(&summary).contains(" in 0.6 s → "), "{}", en.get(&summary));
}

/// Plain words for people who are not developers (issue 12).
#[test]
fn no_parser_jargon_reaches_the_user() {
    for lang in Lang::ALL {
        for file in FILES {
            for (n, line) in source(lang, file).lines().enumerate() {
                if line.starts_with('#') {
                    continue;
                }
                // The id itself is for translators, not users.
                let line = if line.starts_with(' ') { line } else { line.split_once(" = ").map_or(line, |(_, v)| v) };
                // File names (`loa.yaml`, `i18n/vi.yaml`) are fine: the user sees them on disk.
                let lower = line.to_lowercase().replace(".yaml", "");
                for word in ["yaml", "sequence", "token", "boolean", " string", "mapping", "scalar", "parse"] {
                    let hit = lower.contains(word);
                    assert!(!hit, "locales/{}/{}:{}: `{word}` in {line:?}", lang.code(), file.0, n + 1);
                }
            }
        }
    }
}
