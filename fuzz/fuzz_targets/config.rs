//! `loa.yaml` as any text: parsing and validating never panics, whatever the file says.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let _ = loa::config::Config::parse(text, std::path::Path::new("loa.yaml"));
});
