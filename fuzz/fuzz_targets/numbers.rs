//! The Vietnamese number reader over any text: never panics, and what it says is never more than
//! a bounded multiple of what it read (a long number must not become megabytes of words).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let spoken = loa::text::vi_reader::speak(text, &["111".to_string()]);
    assert!(spoken.len() <= 64 * text.len() + 64, "{} bytes from {}", spoken.len(), text.len());
});
