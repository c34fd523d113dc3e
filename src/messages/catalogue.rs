//! The Fluent catalogues, built into the binary, and [`Texts`]: messages made into text in
//! one language.
//!
//! `locales/LANG/*.ftl` are plain text files a translator edits without touching Rust; each
//! file is listed in [`FILES`] (the catalogue test fails when a file is left out).

use super::numbers::format_number;
use super::{Arg, Lang, Message};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::Arc;

macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../locales/vi/", $name)), include_str!(concat!("../../locales/en/", $name)))),*]
    };
}

/// (file name, Vietnamese text, English text) of every catalogue file.
pub(crate) const FILES: &[(&str, &str, &str)] = files![
    "cli.ftl",
    "diag.ftl",
    "config.ftl",
    "content.ftl",
    "check.ftl",
    "render.ftl",
    "print.ftl",
    "fs.ftl",
    "serve.ftl",
    "build.ftl",
    "kit.ftl",
];

/// Both catalogues, parsed once per run.
struct Catalogue {
    vi: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

impl Catalogue {
    fn new() -> Catalogue {
        Catalogue { vi: bundle(Lang::Vi), en: bundle(Lang::En) }
    }

    fn bundle(&self, lang: Lang) -> &FluentBundle<FluentResource> {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

/// The source text of one language's catalogue file.
pub(crate) fn source(lang: Lang, file: &(&str, &'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => file.1,
        Lang::En => file.2,
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id = match lang {
        Lang::Vi => unic_langid::LanguageIdentifier::from_bytes(b"vi"),
        Lang::En => unic_langid::LanguageIdentifier::from_bytes(b"en"),
    }
    .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Terminals and the JSON report get the text as written, without Unicode isolation marks.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::Vi => vi_number,
        Lang::En => en_number,
    }));
    for file in FILES {
        // A syntax error in a catalogue is caught by the catalogue test; at run time the
        // entries that did parse are still used.
        let resource = FluentResource::try_new(source(lang, file).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn vi_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    number(Lang::Vi, value)
}

fn en_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    number(Lang::En, value)
}

fn number(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(format_number(lang, n.value, n.options.minimum_fraction_digits.unwrap_or(0))),
        _ => None,
    }
}

/// Messages made into text in one language. Cheap to clone; shared by the serve threads.
#[derive(Clone)]
pub struct Texts {
    catalogue: Arc<Catalogue>,
    lang: Lang,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Texts({})", self.lang.code())
    }
}

/// Vietnamese, the users' language.
impl Default for Texts {
    fn default() -> Texts {
        Texts::new(Lang::Vi)
    }
}

impl Texts {
    pub fn new(lang: Lang) -> Texts {
        Texts { catalogue: Arc::new(Catalogue::new()), lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The same catalogue in another language.
    pub fn in_lang(&self, lang: Lang) -> Texts {
        Texts { catalogue: self.catalogue.clone(), lang }
    }

    /// The text of `message`. An id missing from the catalogue (the catalogue test forbids it)
    /// shows as the id with its arguments rather than as nothing.
    pub fn get(&self, message: &Message) -> String {
        self.format(message).0
    }

    /// The text and the problems Fluent met making it (a missing id or argument): the
    /// catalogue test asserts there are none.
    pub(crate) fn format(&self, message: &Message) -> (String, Vec<String>) {
        let bundle = self.catalogue.bundle(self.lang);
        let Some(pattern) = bundle.get_message(message.id).and_then(|m| m.value()) else {
            return (message.to_string(), vec![format!("no message `{}`", message.id)]);
        };
        let mut args = FluentArgs::new();
        for (name, arg) in &message.args {
            args.set(*name, self.value(arg));
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
        (text, errors.iter().map(|e| e.to_string()).collect())
    }

    /// One argument as text (for lists).
    fn text(&self, arg: &Arg) -> String {
        match self.value(arg) {
            FluentValue::String(s) => s.into_owned(),
            FluentValue::Number(n) => format_number(self.lang, n.value, n.options.minimum_fraction_digits.unwrap_or(0)),
            _ => String::new(),
        }
    }

    fn value(&self, arg: &Arg) -> FluentValue<'static> {
        match arg {
            Arg::Text(s) => FluentValue::from(s.clone()),
            Arg::Int(n) => FluentValue::from(*n),
            Arg::Decimal { scaled, places } => {
                let places = usize::from(*places);
                let options = FluentNumberOptions {
                    minimum_fraction_digits: Some(places),
                    maximum_fraction_digits: Some(places),
                    ..FluentNumberOptions::default()
                };
                let value = *scaled as f64 / 10f64.powi(places as i32);
                FluentValue::Number(FluentNumber::new(value, options))
            }
            Arg::Message(m) => FluentValue::from(self.get(m)),
            Arg::List(items) => {
                let texts: Vec<String> = items.iter().map(|a| self.text(a)).collect();
                FluentValue::from(texts.join("; "))
            }
        }
    }
}
