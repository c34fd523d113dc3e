//! Earlier addresses of pages (`aliases:` in front matter): a page renamed or given a new slug
//! keeps every QR code already printed and every link shared in Zalo groups working (issue 11).
//!
//! An alias is an address under the site root, written as it appeared in the browser without the
//! host: `tin-tuc/goi-111/` or `/hmn/tin-tuc/goi-111/` (a leading `/` is optional, the last one is
//! added). Each one gets a small redirect page in OUT and a line in `_redirects.nginx`.

use super::Page;
use crate::diag::Diagnostic;
use crate::messages::Message;
use crate::msg;
use std::collections::{BTreeMap, HashMap};

/// An alias as written → the address it names (`a/b/`), or why it cannot be one.
pub fn normalize(alias: &str) -> Result<String, Message> {
    let trimmed = alias.trim();
    let path = trimmed.trim_start_matches('/');
    if path.contains("://") || trimmed.starts_with("//") {
        return Err(msg!("alias-whole-address", alias = alias));
    }
    if path.is_empty() {
        return Err(msg!("alias-home"));
    }
    let bad_char = path
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '\\' | '"' | '<' | '>' | '%'));
    if let Some(c) = bad_char {
        return Err(msg!("alias-bad-char", alias = alias, char = c.to_string()));
    }
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    if parts.iter().any(|p| *p == "." || *p == "..") {
        return Err(msg!("alias-dots", alias = alias));
    }
    if parts.iter().any(|p| p.len() > crate::limits::ADDRESS_PART_BYTES) || path.len() > crate::limits::ADDRESS_BYTES {
        return Err(msg!("alias-too-long", alias = alias));
    }
    // `goi-111.html` stays a file; everything else is a folder address.
    let last = parts.last().copied().unwrap_or_default();
    let is_file = last.ends_with(".html") || last.ends_with(".htm");
    let joined = parts.join("/");
    Ok(if is_file { joined } else { format!("{joined}/") })
}

/// Checks every page's aliases (after addresses are decided): each must be a valid address, and
/// none may be the address of a page or of another alias. Returns the valid ones: address →
/// the page it leads to.
pub fn collect(pages: &[Page]) -> (BTreeMap<String, usize>, Vec<Diagnostic>) {
    let taken: HashMap<String, usize> = pages.iter().enumerate().map(|(id, p)| (p.url_path(), id)).collect();
    let mut aliases: BTreeMap<String, usize> = BTreeMap::new();
    let mut errors = Vec::new();
    for (id, page) in pages.iter().enumerate() {
        for alias in &page.fm.aliases {
            let err = |message: Message, hint: Message| {
                page.at_key("aliases", Diagnostic::error("alias", message)).with_hint(hint)
            };
            let address = match normalize(alias) {
                Ok(a) => a,
                Err(why) => {
                    errors.push(err(why, msg!("alias-bad-hint")));
                    continue;
                }
            };
            if let Some(&other) = taken.get(&address) {
                let file = pages[other].info.shown.display().to_string();
                let message = msg!("alias-taken-by-page", address = address.as_str(), file = file);
                errors.push(err(message, msg!("alias-taken-by-page-hint")));
            } else if let Some(&other) = aliases.get(&address).filter(|&&o| o != id) {
                let file = pages[other].info.shown.display().to_string();
                let message = msg!("alias-taken-by-alias", address = address.as_str(), file = file);
                errors.push(err(message, msg!("alias-taken-by-alias-hint")));
            } else {
                aliases.insert(address, id);
            }
        }
    }
    (aliases, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_addresses_under_the_site() {
        for (written, address) in [
            ("tin-tuc/goi-111", "tin-tuc/goi-111/"),
            ("/hmn/tin-tuc/goi-111/", "hmn/tin-tuc/goi-111/"),
            ("  cu.html ", "cu.html"),
            ("ꪼꪕ/ꪒꪾ/", "ꪼꪕ/ꪒꪾ/"),
        ] {
            assert_eq!(normalize(written).as_deref(), Ok(address), "{written}");
        }
        for bad in ["", "/", "https://xa.gov.vn/cu/", "//x.vn/a", "a/../b", "a b/", "a?x=1", "a#b", "a\\b"] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }
}
