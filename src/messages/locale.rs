//! Which language loa speaks: `--lang`, else the locale in `LC_ALL`, `LC_MESSAGES`, `LANG`
//! (that order, as POSIX reads them). Only an English locale gives English: the users are
//! Vietnamese officials, whose Windows laptops usually set none of these variables, and a `C`
//! or `POSIX` locale (servers, CI) says nothing about the person reading.

/// A language loa's own messages exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The code used by `--lang` and the catalogue folders (`locales/vi`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for this run: the `--lang` value when given, else the first locale
    /// variable that is set (`env` looks one up; a parameter so this stays a pure function).
    pub fn choose(flag: Option<Lang>, env: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().filter_map(&env).find(|v| !v.is_empty());
        match locale {
            Some(l) if l.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Vi,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    /// Issue 12: `LANG=vi_VN.UTF-8` (or nothing) gives Vietnamese, an English locale English.
    #[test]
    fn locale_variables_in_posix_order() {
        assert_eq!(Lang::choose(None, env(&[])), Lang::Vi);
        assert_eq!(Lang::choose(None, env(&[("LANG", "vi_VN.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::choose(None, env(&[("LANG", "C")])), Lang::Vi);
        assert_eq!(Lang::choose(None, env(&[("LANG", "C.UTF-8")])), Lang::Vi);
        assert_eq!(Lang::choose(None, env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[("LANG", "vi_VN.UTF-8"), ("LC_MESSAGES", "en_GB")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[("LC_ALL", "vi_VN"), ("LC_MESSAGES", "en_GB")])), Lang::Vi);
        assert_eq!(Lang::choose(None, env(&[("LC_ALL", ""), ("LANG", "en_US")])), Lang::En);
        assert_eq!(Lang::choose(Some(Lang::Vi), env(&[("LANG", "en_US")])), Lang::Vi);
        assert_eq!(Lang::choose(Some(Lang::En), env(&[])), Lang::En);
    }
}
