//! The record of every address a build published, kept in OUT's marker file, so that the next
//! build can refuse to drop one: a renamed page or a changed slug would otherwise silently break
//! every QR code already printed on posters and every link shared in Zalo groups (issue 11).
//!
//! An address stays alive when a page is published at it, when it is an alias of a page
//! (`aliases:`), or when loa.yaml lists it under `retired:` (removed on purpose). Listing and tag
//! pages are not recorded: they come and go with the pages they list.

use crate::content::aliases::normalize;
use crate::content::{PageKind, Site};
use crate::diag::Diagnostic;
use crate::msg;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the marker file `.loa-manifest.json` holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(default)]
    pub made_by: String,
    #[serde(default)]
    pub version: String,
    #[serde(default)]
    pub note: String,
    /// Address (`goi-111/`) → the content file that made it.
    #[serde(default)]
    pub addresses: BTreeMap<String, String>,
}

impl Manifest {
    /// The manifest of a build of `site`.
    pub fn of(site: &Site) -> Manifest {
        let addresses = site
            .pages
            .iter()
            // A draft published with `--drafts` is a preview: its address is not a promise.
            .filter(|p| (!p.generated || p.kind() == PageKind::Home) && !p.fm.draft)
            .map(|p| (p.url_path(), p.info.shown.display().to_string().replace('\\', "/")))
            .collect();
        Manifest {
            made_by: "loa".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            note: "loa replaces this whole folder on every build: keep nothing else in it".into(),
            addresses,
        }
    }

    /// The manifest an earlier build left in `out`, if any (an older loa wrote no addresses).
    pub fn read(out: &std::path::Path) -> Option<Manifest> {
        let bytes = std::fs::read(out.join(crate::fs::MARKER)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn to_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(self).unwrap_or_default()
    }
}

/// An error for every address the earlier build published that this one would drop.
pub fn dropped(earlier: &Manifest, site: &Site) -> Vec<Diagnostic> {
    let now = Manifest::of(site);
    let retired: Vec<String> = site.config.retired.iter().filter_map(|r| normalize(r).ok()).collect();
    let mut errors = Vec::new();
    for (address, file) in &earlier.addresses {
        if now.addresses.contains_key(address) || site.aliases.contains_key(address) || retired.contains(address) {
            continue;
        }
        // The same file still makes a page, at another address: that page should keep the old one.
        let moved = site.pages.iter().find(|p| p.info.shown.display().to_string().replace('\\', "/") == *file);
        let message = msg!("address-dropped", address = address.as_str(), file = file.as_str());
        let d = match moved {
            Some(page) => page.at_key("slug", Diagnostic::error("address", message)).with_hint(msg!(
                "address-moved-hint",
                file = file.as_str(),
                now = page.url_path(),
                address = address.as_str()
            )),
            None => Diagnostic::error("address", message)
                .in_file(crate::config::CONFIG_FILE)
                .with_hint(msg!("address-gone-hint", address = address.as_str())),
        };
        errors.push(d);
    }
    errors
}
