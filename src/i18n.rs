//! Interface strings per language, from the theme's `i18n/LANG.yaml`.
//!
//! Lookups fall back key by key: the page's language, then the site's default language, then
//! Vietnamese (the built-in theme's complete set), then the key itself, so a half-translated
//! file still gives a usable page.

use crate::diag::Diagnostic;
use crate::theme::Theme;
use crate::yaml::{self, Origin};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub type Strings = BTreeMap<String, String>;

#[derive(Debug, Clone, Default)]
pub struct I18n {
    by_lang: HashMap<String, Strings>,
    /// Language → key → ` lang="vi"` when the string had to come from another language
    /// (empty otherwise): templates put it on the element so screen readers switch voice.
    attrs: HashMap<String, Strings>,
    /// Language → key → the language the string is in (`vi` for a borrowed one, the page's own
    /// code otherwise): for an element inside one that carries a borrowed string's `lang`.
    langs: HashMap<String, Strings>,
}

impl I18n {
    pub fn load(theme: &Theme, langs: &[&str], default_lang: &str) -> Result<I18n, Diagnostic> {
        let mut by_lang = HashMap::new();
        for lang in langs.iter().copied().chain(["vi", default_lang]) {
            let path = format!("i18n/{lang}.yaml");
            let Some(text) = theme.text(&path) else { continue };
            let shown = Path::new("themes").join("default").join(&path);
            let strings: Strings = yaml::parse(text, Origin { file: &shown, first_line: 1 })?;
            by_lang.insert(lang.to_string(), strings);
        }
        let mut i18n = I18n { by_lang, attrs: HashMap::new(), langs: HashMap::new() };
        i18n.merge_fallbacks(langs, default_lang);
        Ok(i18n)
    }

    /// Fills each language's gaps from the default language, then from Vietnamese.
    fn merge_fallbacks(&mut self, langs: &[&str], default_lang: &str) {
        let chain: Vec<Strings> = [default_lang, "vi"].iter().filter_map(|l| self.by_lang.get(*l).cloned()).collect();
        let chain_langs: Vec<&str> =
            [default_lang, "vi"].into_iter().filter(|l| self.by_lang.contains_key(*l)).collect();
        for lang in langs {
            let strings = self.by_lang.entry(lang.to_string()).or_default();
            let mut attrs: Strings = strings.keys().map(|k| (k.clone(), String::new())).collect();
            let mut codes: Strings = strings.keys().map(|k| (k.clone(), lang.to_string())).collect();
            for (fallback, from) in chain.iter().zip(&chain_langs) {
                for (k, v) in fallback {
                    if !strings.contains_key(k) {
                        strings.insert(k.clone(), v.clone());
                        attrs.insert(k.clone(), format!(" lang=\"{from}\""));
                        codes.insert(k.clone(), from.to_string());
                    }
                }
            }
            self.attrs.insert(lang.to_string(), attrs);
            self.langs.insert(lang.to_string(), codes);
        }
    }

    /// All strings for a language, fallbacks included.
    pub fn strings(&self, lang: &str) -> &Strings {
        static EMPTY: Strings = BTreeMap::new();
        self.by_lang.get(lang).unwrap_or(&EMPTY)
    }

    /// ` lang="xx"` per key for strings borrowed from another language, "" for own strings.
    pub fn lang_attrs(&self, lang: &str) -> &Strings {
        static EMPTY: Strings = BTreeMap::new();
        self.attrs.get(lang).unwrap_or(&EMPTY)
    }

    /// Per key, the code of the language the string is in (own or borrowed).
    pub fn langs(&self, lang: &str) -> &Strings {
        static EMPTY: Strings = BTreeMap::new();
        self.langs.get(lang).unwrap_or(&EMPTY)
    }

    pub fn get<'a>(&'a self, lang: &str, key: &'a str) -> &'a str {
        self.strings(lang).get(key).map(String::as_str).unwrap_or(key)
    }

    /// Whether the language has its own (non-fallback) file.
    pub fn has_own(&self, theme: &Theme, lang: &str) -> bool {
        theme.get(&format!("i18n/{lang}.yaml")).is_some()
    }
}
