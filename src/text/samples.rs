//! Test-only: deterministic pseudo-random texts for checking a fast byte-level pass against the
//! plain character-by-character one it replaces (issue 16). The alphabet mixes ASCII, the
//! characters each pass singles out, and multi-byte letters of loa's languages, so every byte
//! length and every lead byte those passes test for shows up next to every other.

/// Characters the texts are drawn from.
const ALPHABET: &[char] = &[
    'a',
    'Z',
    '0',
    '7',
    ' ',
    ' ',
    '\t',
    '\n',
    '\r',
    '&',
    '<',
    '>',
    '"',
    '\'',
    '/',
    '+',
    '(',
    ')',
    '-',
    '.',
    '\u{0B}',
    '\u{0C}',
    '\u{00}',
    '\u{1B}',
    '\u{7F}',
    '\u{85}',
    '\u{A0}',
    '\u{AB}',
    '\u{C0}',
    'ạ',
    'ư',
    'ờ',
    'Đ',
    '\u{0300}',
    '\u{0301}',
    '\u{0323}',
    '\u{0340}',
    '\u{0344}',
    'a',
    'e',
    'o',
    'u',
    '\u{1680}',
    '\u{2000}',
    '\u{200A}',
    '\u{200B}',
    '\u{200D}',
    '\u{2013}',
    '\u{201C}',
    '\u{2028}',
    '\u{2029}',
    '\u{202A}',
    '\u{202E}',
    '\u{202F}',
    '\u{205F}',
    '\u{2066}',
    '\u{2069}',
    '\u{3000}',
    '\u{FEFF}',
    '\u{FFF9}',
    '\u{FFFB}',
    '\u{FFFD}',
    '\u{FFFE}',
    '\u{FFFF}',
    'ꪀ',
    'ꪼ',
    '\u{AAB0}',
    '\u{AAB2}',
    '\u{AAC1}',
    '\u{1F4DE}',
    '\u{212B}',
    '\u{2126}',
    '\u{F900}',
    '\u{1E9B}',
    '\u{1EF9}',
    '\u{1F00}',
    'ǘ',
    'ȷ',
    '\u{2FF}',
    '\u{0340}',
    '\u{0958}',
    '\u{0F73}',
];

/// `count` texts of 0 to 40 characters, the same on every run.
pub(crate) fn texts(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let len = next() % 41;
            (0..len).map(|_| ALPHABET[next() % ALPHABET.len()]).collect()
        })
        .collect()
}
