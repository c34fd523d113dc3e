//! When things happen and how many are printed: the front matter keys of the campaign kit
//! (issue 14), checked into typed values at load so no renderer parses a date again.
//!
//! ```yaml
//! event: {start: 2026-07-30 08:00, end: 2026-07-30 11:00, place: "Nhà văn hoá thôn Pắc Nậm"}
//! broadcast: {times: ["05:30", "17:00"], from: 2026-07-01, to: 2026-09-30}
//! copies: {poster: 200, leaflet: 1000, banner: 4}
//! ```
//!
//! Dates are `YYYY-MM-DD` as everywhere in front matter; a moment may add a time, `HH:MM`
//! (24-hour clock, Vietnam's time). Every problem is an error at the key's line and column.

use super::front_matter::{Date, FrontMatter};
use crate::diag::Diagnostic;
use crate::limits;
use crate::messages::Message;
use crate::msg;
use crate::yaml::KeyPositions;
use std::path::Path;

/// A time of day on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl Time {
    /// `05:30`, `17:00`, `5:30`.
    pub fn parse(s: &str) -> Option<Time> {
        let (h, m) = s.trim().split_once(':')?;
        let digits = |p: &str, max: usize| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(h, 2) || !digits(m, 2) || m.len() != 2 {
            return None;
        }
        let t = Time { hour: h.parse().ok()?, minute: m.parse().ok()? };
        (t.hour < 24 && t.minute < 60).then_some(t)
    }

    /// `05:30`.
    pub fn display(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }
}

/// A day, or a day and a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub date: Date,
    pub time: Option<Time>,
}

impl Moment {
    /// `2026-07-30` or `2026-07-30 08:00` (also `2026-07-30T08:00`).
    pub fn parse(s: &str) -> Option<Moment> {
        let s = s.trim();
        let (day, time) = match s.split_once([' ', 'T']) {
            Some((d, t)) => (d, Some(Time::parse(t)?)),
            None => (s, None),
        };
        Some(Moment { date: Date::parse(day)?, time })
    }

    /// `30/7/2026` or `30/7/2026 08:00`, as people here write them.
    pub fn display(self) -> String {
        match self.time {
            Some(t) => format!("{} {}", self.date.display(), t.display()),
            None => self.date.display(),
        }
    }
}

/// A dated event of the campaign (a meeting, a market-day stand, a training).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub start: Moment,
    /// Inclusive: the last day of a several-day event, or the time it ends.
    pub end: Option<Moment>,
    pub place: Option<String>,
}

impl Event {
    /// The last day the event is on.
    pub fn last_day(&self) -> Date {
        self.end.map_or(self.start.date, |e| e.date)
    }
}

/// When a loudspeaker script is aired: at each time, every day from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Airing {
    pub times: Vec<Time>,
    pub from: Date,
    /// The last day; open-ended when absent.
    pub to: Option<Date>,
}

impl Airing {
    /// How many times the script is aired in all (`None` when open-ended).
    pub fn sessions(&self) -> Option<u64> {
        let days = self.to?.days_since_epoch() - self.from.days_since_epoch() + 1;
        Some(days.max(0) as u64 * self.times.len() as u64)
    }
}

pub use crate::config::Copies;

/// What the kit keys of one page say, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schedule {
    pub event: Option<Event>,
    pub airing: Option<Airing>,
    pub copies: Copies,
}

/// An error about front matter `key` (inside `parent`, when given), at its line and column.
struct At<'a> {
    keys: &'a KeyPositions,
    shown: &'a Path,
}

impl At<'_> {
    fn error(&self, parent: &str, key: &str, message: Message, hint: Message) -> Diagnostic {
        let d = Diagnostic::error("front-matter", message).in_file(self.shown).with_hint(hint);
        match self.keys.get_in(parent, key).or_else(|| self.keys.get(parent)) {
            Some((line, col)) => d.at(line, col),
            None => d,
        }
    }
}

/// Checks the `event`, `broadcast` times and `copies` keys of a page.
pub fn check(fm: &FrontMatter, keys: &KeyPositions, shown: &Path) -> Result<Schedule, Diagnostic> {
    let at = At { keys, shown };
    let event = fm.event.as_ref().map(|e| event(e, &at)).transpose()?;
    let airing = match &fm.broadcast {
        Some(b) => airing(&b.times, b.from.as_deref(), b.to.as_deref(), &at)?,
        None => None,
    };
    let copies = match &fm.copies {
        Some(c) => c.check().map_err(|(key, m, h)| at.error("copies", key, m, h))?,
        None => Copies::default(),
    };
    Ok(Schedule { event, airing, copies })
}

fn moment(text: &str, key: &str, at: &At<'_>) -> Result<Moment, Diagnostic> {
    Moment::parse(text).ok_or_else(|| {
        at.error("event", key, msg!("kit-not-moment", key = key, text = text), msg!("kit-not-moment-hint", key = key))
    })
}

fn event(e: &super::front_matter::EventOptions, at: &At<'_>) -> Result<Event, Diagnostic> {
    let start = moment(&e.start, "start", at)?;
    let end = e.end.as_deref().map(|s| moment(s, "end", at)).transpose()?;
    if let Some(end) = end {
        // A several-day event may end on a day without a time; compare what both give.
        let before = match (start.time, end.time) {
            (Some(_), Some(_)) => end < start,
            _ => end.date < start.date,
        };
        if before {
            return Err(at.error(
                "event",
                "end",
                msg!("kit-event-ends-before", end = end.display(), start = start.display()),
                msg!("kit-event-ends-before-hint"),
            ));
        }
    }
    let place = e.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string);
    Ok(Event { start, end, place })
}

fn airing(times: &[String], from: Option<&str>, to: Option<&str>, at: &At<'_>) -> Result<Option<Airing>, Diagnostic> {
    let date = |key: &str, text: &str| {
        Date::parse(text).ok_or_else(|| {
            at.error(
                "broadcast",
                key,
                msg!("kit-not-date", key = key, text = text),
                msg!("kit-not-date-hint", key = key),
            )
        })
    };
    let from = from.map(|f| date("from", f)).transpose()?;
    let to = to.map(|t| date("to", t)).transpose()?;
    if times.is_empty() {
        if from.is_some() || to.is_some() {
            return Err(at.error(
                "broadcast",
                if from.is_some() { "from" } else { "to" },
                msg!("kit-days-no-times"),
                msg!("kit-days-no-times-hint"),
            ));
        }
        return Ok(None);
    }
    if !limits::AIRINGS_PER_DAY.contains(times.len()) {
        return Err(at.error(
            "broadcast",
            "times",
            msg!("kit-too-many-times", count = times.len(), max = limits::AIRINGS_PER_DAY.max),
            msg!("kit-too-many-times-hint"),
        ));
    }
    let mut parsed = Vec::with_capacity(times.len());
    for t in times {
        let time = Time::parse(t)
            .ok_or_else(|| at.error("broadcast", "times", msg!("kit-not-time", time = t), msg!("kit-not-time-hint")))?;
        parsed.push(time);
    }
    parsed.sort();
    parsed.dedup();
    let Some(from) = from else {
        return Err(at.error("broadcast", "times", msg!("kit-times-no-start"), msg!("kit-times-no-start-hint")));
    };
    if let Some(to) = to {
        if to < from {
            return Err(at.error(
                "broadcast",
                "to",
                msg!("kit-airing-ends-before", to = to.display(), from = from.display()),
                msg!("kit-airing-ends-before-hint"),
            ));
        }
        let days = (to.days_since_epoch() - from.days_since_epoch() + 1) as u64;
        if !limits::AIRING_DAYS.contains(days) {
            return Err(at.error(
                "broadcast",
                "to",
                msg!("kit-airing-too-long", days = days, max = limits::AIRING_DAYS.max),
                msg!("kit-airing-too-long-hint"),
            ));
        }
    }
    Ok(Some(Airing { times: parsed, from, to }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_moments() {
        assert_eq!(Time::parse("05:30"), Some(Time { hour: 5, minute: 30 }));
        assert_eq!(Time::parse("5:30").map(Time::display).as_deref(), Some("05:30"));
        for bad in ["24:00", "12:60", "1230", "12:3", "ab:cd", "", "12:30:00", "-1:30"] {
            assert!(Time::parse(bad).is_none(), "{bad}");
        }
        let m = Moment::parse("2026-07-30 08:00").unwrap();
        assert_eq!(m.display(), "30/7/2026 08:00");
        assert_eq!(Moment::parse("2026-07-30T08:00"), Some(m));
        assert_eq!(Moment::parse("2026-07-30").unwrap().time, None);
        for bad in ["2026-07-30 8", "30/7/2026", "2026-02-30", "2026-07-30 25:00"] {
            assert!(Moment::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn sessions_count_days_and_times() {
        let d = |s| Date::parse(s).unwrap();
        let t = |s| Time::parse(s).unwrap();
        let a = Airing { times: vec![t("05:30"), t("17:00")], from: d("2026-07-01"), to: Some(d("2026-09-30")) };
        assert_eq!(a.sessions(), Some(92 * 2));
        assert_eq!(Airing { to: None, ..a }.sessions(), None);
    }
}
