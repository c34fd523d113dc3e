//! Today's date, for what depends on it: the home's "upcoming" list, the calendar's year and
//! time stamp, the dates inside the offline kit's zip.
//!
//! `SOURCE_DATE_EPOCH` (seconds since 1970, the reproducible-builds convention:
//! <https://reproducible-builds.org/specs/source-date-epoch/>) when set, so a build can be
//! repeated byte for byte and tests see a fixed day; else the system clock. The day is Vietnam's
//! (UTC+7, no daylight saving time), where the campaigns run.

use crate::content::Date;

/// Vietnam's offset from UTC, in seconds.
pub const VIETNAM_OFFSET_S: i64 = 7 * 3600;

/// The day in Vietnam now (or at `SOURCE_DATE_EPOCH`).
pub fn today() -> Date {
    let fixed = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let now = fixed.unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
    });
    day_of(now)
}

/// The day in Vietnam at `epoch_s` seconds since 1970 (UTC).
pub fn day_of(epoch_s: i64) -> Date {
    let days = (epoch_s + VIETNAM_OFFSET_S).div_euclid(86_400);
    Date::from_days_since_epoch(days).unwrap_or(Date { year: 1970, month: 1, day: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_vietnams() {
        // 2026-07-29 17:00 UTC is already 30/7 in Vietnam.
        assert_eq!(day_of(1_785_344_400).iso(), "2026-07-30");
        assert_eq!(day_of(1_785_344_399).iso(), "2026-07-29");
        assert_eq!(day_of(0).iso(), "1970-01-01");
    }
}
