//! A content file as any text: splitting, control-character cleaning, front matter parsing and
//! key positions never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use loa::content::{clean, front_matter};
use std::path::Path;

fuzz_target!(|text: &str| {
    let shown = Path::new("content/a.md");
    let Ok(split) = front_matter::split(text, shown) else { return };
    let (yaml, _) = clean::clean(split.yaml, clean::Place::FrontMatter);
    let _ = loa::yaml::KeyPositions::scan(&yaml, split.yaml_line);
    let split = front_matter::Split { yaml: &yaml, ..split };
    if let Ok(mut fm) = front_matter::parse(&split, shown) {
        for (_, value, multiline) in fm.text_fields_mut() {
            clean::clean_value(value, multiline);
        }
    }
});
