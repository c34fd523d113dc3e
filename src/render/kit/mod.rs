//! The campaign kit (issue 14): one place for every material a build makes, and ways to hand
//! them on. Tried as a new user would, nobody found the PDFs (all named `poster.pdf` in folders
//! named after slugs), a section's bulletin was linked from no page, and a commune without a
//! web server had nothing to hand out.
//!
//! | module      | writes                                                                    |
//! |-------------|---------------------------------------------------------------------------|
//! | [`materials`] | the view of `tai-lieu/index.html` per language (the web renderer writes it) |
//! | [`order`]   | `tai-lieu/print-order.csv` and `print-order.pdf`, the yearly report's counts |
//! | [`calendar`] | `calendar.ics` per language, the home's "upcoming" list                 |
//! | [`offline`] | `tai-lieu/kit-LANG.zip`: pages that work from `file://`, all materials    |
//!
//! All of them are site-wide: they are made on full builds only (a page edit in `loa serve`
//! leaves the last ones in place), and run after every page output so they see its artifacts.
//! The social network posts are a page output of their own (`super::social`).

pub mod calendar;
pub mod ics;
pub mod links;
pub mod materials;
pub mod offline;
pub mod order;
pub mod reuse;
pub mod sums;
pub mod zip;

use crate::content::links::relative_url;
use crate::content::{PageId, Site};

/// The materials folder of each language (`tai-lieu/`, `hmn/tai-lieu/`): "documents".
pub const MATERIALS_DIR: &str = "tai-lieu";

/// `""` for the default language, `hmn/` for another.
pub fn lang_dir(site: &Site, lang: &str) -> String {
    let prefix = site.lang_prefix(lang);
    if prefix.is_empty() { String::new() } else { format!("{prefix}/") }
}

/// `tai-lieu/` (`hmn/tai-lieu/`): the materials page's folder.
pub fn materials_dir(site: &Site, lang: &str) -> String {
    format!("{}{MATERIALS_DIR}/", lang_dir(site, lang))
}

/// The file of a language's materials page (`hmn/tai-lieu/index.html`).
pub fn materials_page(site: &Site, lang: &str) -> String {
    format!("{}index.html", materials_dir(site, lang))
}

/// The link from folder `from` to a language's materials page.
pub fn materials_url(site: &Site, lang: &str, from: &str) -> String {
    relative_url(from, &materials_dir(site, lang))
}

/// The page site-wide files of a language belong to: its home (every language has one).
pub fn home_of(site: &Site, lang: &str) -> Option<PageId> {
    site.home(lang)
}
