//! Writing iCalendar (RFC 5545, <https://www.rfc-editor.org/rfc/rfc5545>): content lines ended
//! by CRLF and folded at 75 octets without splitting a character (3.1), text values escaped
//! (3.3.11), local times in Vietnam's zone with its VTIMEZONE (3.6.5), recurrence rules whose
//! UNTIL is in UTC as 3.3.10 requires for zoned starts.

use crate::clock::VIETNAM_OFFSET_S;
use crate::content::Date;
use crate::content::schedule::{Moment, Time};

/// The zone every local time is written in: the campaigns run in Vietnam (UTC+7 all year).
pub const TZID: &str = "Asia/Ho_Chi_Minh";

/// A calendar being written, line by line.
#[derive(Default)]
pub struct Ics {
    out: String,
}

impl Ics {
    /// `BEGIN:VCALENDAR` with its required properties and the zone.
    pub fn begin(name: &str, lang: &str) -> Ics {
        let mut ics = Ics::default();
        ics.line("BEGIN:VCALENDAR");
        ics.line("VERSION:2.0");
        ics.line(&format!("PRODID:-//loa//campaign calendar {}//{}", env!("CARGO_PKG_VERSION"), lang.to_uppercase()));
        ics.line("CALSCALE:GREGORIAN");
        ics.line("METHOD:PUBLISH");
        // Not in RFC 5545, but what Google, Apple and Outlook name a subscribed calendar by.
        ics.text("X-WR-CALNAME", name);
        ics.line(&format!("X-WR-TIMEZONE:{TZID}"));
        ics.line("BEGIN:VTIMEZONE");
        ics.line(&format!("TZID:{TZID}"));
        ics.line("BEGIN:STANDARD");
        ics.line("DTSTART:19700101T000000");
        ics.line("TZOFFSETFROM:+0700");
        ics.line("TZOFFSETTO:+0700");
        ics.line("TZNAME:ICT");
        ics.line("END:STANDARD");
        ics.line("END:VTIMEZONE");
        ics
    }

    pub fn end(mut self) -> String {
        self.line("END:VCALENDAR");
        self.out
    }

    /// One content line, folded: no line longer than 75 octets, continuation lines start with
    /// a space, never inside a UTF-8 sequence.
    pub fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.out.push_str("\r\n ");
                width = 1;
            }
            self.out.push(c);
            width += c.len_utf8();
        }
        self.out.push_str("\r\n");
    }

    /// A text property (`SUMMARY`, `LOCATION` …), escaped, with its language when given.
    pub fn text_in(&mut self, name: &str, lang: Option<&str>, value: &str) {
        let param = lang.map(|l| format!(";LANGUAGE={l}")).unwrap_or_default();
        self.line(&format!("{name}{param}:{}", escape(value)));
    }

    pub fn text(&mut self, name: &str, value: &str) {
        self.text_in(name, None, value);
    }

    /// `DTSTART` / `DTEND`: a whole day (`VALUE=DATE`) or a local time in Vietnam.
    pub fn moment(&mut self, name: &str, m: Moment) {
        match m.time {
            None => self.line(&format!("{name};VALUE=DATE:{}", date(m.date))),
            Some(t) => self.line(&format!("{name};TZID={TZID}:{}", local(m.date, t))),
        }
    }
}

/// `20260730`.
pub fn date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

/// `20260730T083000`, a local time (with `TZID`).
pub fn local(d: Date, t: Time) -> String {
    format!("{}T{:02}{:02}00", date(d), t.hour, t.minute)
}

/// The UTC time of the last second of `d` in Vietnam: a daily rule's `UNTIL`.
pub fn until_end_of(d: Date) -> String {
    let end = d.days_since_epoch() * 86_400 + 86_399 - VIETNAM_OFFSET_S;
    let day = Date::from_days_since_epoch(end.div_euclid(86_400)).unwrap_or(d);
    let s = end.rem_euclid(86_400);
    format!("{}T{:02}{:02}{:02}Z", date(day), s / 3600, s % 3600 / 60, s % 60)
}

/// `DTSTAMP` for a day: midnight UTC.
pub fn stamp(d: Date) -> String {
    format!("{}T000000Z", date(d))
}

/// RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `PT1M20S`: a duration of whole seconds (3.3.6).
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if s > 0 || (h == 0 && m == 0) {
        out.push_str(&format!("{s}S"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut ics = Ics::default();
        let title = "Ngày hội phòng, chống mua bán người ở thôn Pắc Nậm, xã Pắc Nậm, huyện Biên Giới";
        ics.text("SUMMARY", title);
        for line in ics.out.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = ics.out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", escape(title)));
    }

    #[test]
    fn values_and_times() {
        assert_eq!(escape("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
        assert_eq!(duration(80), "PT1M20S");
        assert_eq!(duration(3600), "PT1H");
        assert_eq!(duration(0), "PT0S");
        let d = Date::parse("2026-09-30").unwrap();
        // 23:59:59 in Vietnam is 16:59:59 UTC.
        assert_eq!(until_end_of(d), "20260930T165959Z");
        assert_eq!(local(d, Time::parse("05:30").unwrap()), "20260930T053000");
    }
}
