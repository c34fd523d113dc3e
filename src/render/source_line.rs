//! The file line and column of a front matter key's value, found after loading (for `loa check` findings about a
//! value that was valid YAML but breaks a budget). The file is read again: the loaded page keeps
//! only typed values, and these checks run once per `loa check`, not per build.

use crate::content::front_matter::{key_position, split};
use std::path::Path;

/// One-based line and column of `key`'s value in the front matter of `root/shown`; `None` if the file cannot be read
/// or the key is not written there (a derived value).
pub fn key_position_in_file(root: &Path, shown: &Path, key: &str) -> Option<(usize, usize)> {
    let text = std::fs::read_to_string(root.join(shown)).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n");
    let parts = split(&text, shown).ok()?;
    key_position(&parts, key)
}
