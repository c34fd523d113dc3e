//! Every bound loa puts on numbers and sizes that come from files, in one place.
//!
//! A number in front matter or `loa.yaml` decides how much work and memory a build takes
//! (`broadcast: {repeat: 4294967295}` once asked for a 7 GB script, issue 10), so each one is
//! checked against a range a real campaign never leaves, and a value outside it is an error at
//! its line that says the range.

use crate::messages::{Arg, Message};
use crate::msg;
use std::fmt::Display;

/// An inclusive range of allowed values.
#[derive(Debug, Clone, Copy)]
pub struct Bound<T> {
    pub min: T,
    pub max: T,
}

impl<T: PartialOrd + Display + Copy> Bound<T> {
    pub fn contains(&self, value: T) -> bool {
        value >= self.min && value <= self.max
    }

    /// `Err((message, hint))` when `value` is outside the range. The values are shown as
    /// written in the file (a setting, not a quantity to group).
    pub fn check(&self, key: &str, value: T) -> Result<(), (Message, Message)> {
        if self.contains(value) {
            return Ok(());
        }
        let (min, max) = (Arg::Text(self.min.to_string()), Arg::Text(self.max.to_string()));
        Err((
            msg!("limit-out-of-range", key = key, value = value.to_string(), min = min.clone(), max = max.clone()),
            msg!("limit-out-of-range-hint", key = key, min = min, max = max),
        ))
    }
}

/// How many times a loudspeaker script is read in one slot (front matter `broadcast.repeat`).
pub const BROADCAST_REPEAT: Bound<u32> = Bound { min: 1, max: 10 };
/// Entries per listing page (`paginate`).
pub const PAGINATE: Bound<usize> = Bound { min: 1, max: 1000 };
/// Reading pace (`broadcast.syllables_per_second`): slow announcers read 2, fast TTS 8.
pub const SYLLABLES_PER_SECOND: Bound<f64> = Bound { min: 1.0, max: 10.0 };
/// Longest script `loa check` accepts without a warning (`broadcast.max_seconds`): one hour.
pub const MAX_SECONDS: Bound<u32> = Bound { min: 1, max: 3600 };
/// SMS parts a message may use (`sms.budget_parts`); operators join at most about 10.
pub const SMS_PARTS: Bound<u32> = Bound { min: 1, max: 10 };
/// Size budgets in bytes (`budgets.*`): from 1 KB to 1 GB.
pub const BUDGET_BYTES: Bound<u64> = Bound { min: 1024, max: 1 << 30 };

/// Copies of one printed piece in the print order (`copies: {poster: N}`): a province orders
/// thousands of leaflets, never millions of one piece.
pub const COPIES: Bound<i64> = Bound { min: 0, max: 1_000_000 };
/// Times of day one script is aired (`broadcast: {times}`): at most once an hour.
pub const AIRINGS_PER_DAY: Bound<usize> = Bound { min: 1, max: 24 };
/// Days a script's airing lasts (`broadcast: {from, to}`): a campaign plans a year or two.
pub const AIRING_DAYS: Bound<u64> = Bound { min: 1, max: 3660 };
/// A language's offline kit (`tai-lieu/kit-LANG.zip`): under the 4 GiB a FAT32 USB stick and a
/// zip without its 64-bit extension can hold, and a zip's 65,535 entries.
pub const KIT_BYTES: u64 = 2 << 30;
pub const KIT_FILES: usize = 65_535;

/// Longest part of a web address (a slug, a folder or file name), in bytes. File systems allow
/// 255 bytes per name; Windows paths are limited to 260 characters in all, so parts stay short.
pub const ADDRESS_PART_BYTES: usize = 100;
/// Longest whole address under OUT, in bytes (leaves room for OUT's own path on Windows).
pub const ADDRESS_BYTES: usize = 180;

/// Largest content page file, in bytes. A campaign page is a few kilobytes; a 20 MB paste once
/// took half a gigabyte of memory to build, so a bigger file is refused before it is read.
pub const PAGE_FILE_BYTES: u64 = 4 << 20;
/// Largest `loa.yaml`, in bytes: a few dozen settings fit in a few kilobytes.
pub const SETTINGS_FILE_BYTES: u64 = 1 << 20;
/// Largest front matter or settings text handed to the YAML reader, in bytes.
pub const YAML_TEXT_BYTES: usize = 256 * 1024;
/// Lists and groups written in brackets inside each other (`[[…]]`, `{a: {b: …}}`). The YAML
/// reader's time grows with the square of this depth (100,000 levels took 50 s), and no setting
/// of loa needs more than 3.
pub const YAML_BRACKET_DEPTH: usize = 16;
/// Tags on one page: each tag is a page of its own (200,000 tags once kept a build busy for
/// minutes).
pub const TAGS_PER_PAGE: usize = 30;
/// Old addresses kept for one page (`aliases:`), each a redirect page of its own.
pub const ALIASES_PER_PAGE: usize = 30;
/// Longest page title, in characters: it is a heading, a poster line and an SMS's first words.
pub const TITLE_CHARS: usize = 300;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_name_the_range() {
        assert!(BROADCAST_REPEAT.check("repeat", 2).is_ok());
        let (msg, hint) = BROADCAST_REPEAT.check("repeat", 4_294_967_295).unwrap_err();
        let en = crate::messages::Texts::new(crate::messages::Lang::En);
        assert_eq!(en.get(&msg), "`repeat: 4294967295` is out of range: it must be between 1 and 10");
        assert!(en.get(&hint).contains("`repeat: 1`"), "{hint}");
        assert!(BROADCAST_REPEAT.check("repeat", 0).is_err());
        assert!(SYLLABLES_PER_SECOND.check("syllables_per_second", f64::NAN).is_err(), "NaN is never in range");
    }
}
