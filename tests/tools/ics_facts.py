#!/usr/bin/python3
"""Reads calendar files with the `icalendar` parser (Debian python3-icalendar) and prints what
tests/kit.rs checks, as JSON: per file, the parse errors and every event's properties.

Usage: ics_facts.py FILE.ics [...]
"""
import datetime
import json
import sys

import icalendar


def value(v):
    if hasattr(v, "dt") and isinstance(v.dt, datetime.timedelta):
        return {"seconds": int(v.dt.total_seconds())}
    if hasattr(v, "dt"):
        dt = v.dt
        tz = getattr(dt, "tzinfo", None)
        return {"iso": dt.isoformat(), "tz": str(tz) if tz else None, "date_only": not hasattr(dt, "hour")}
    if isinstance(v, icalendar.prop.vRecur):
        return v.to_ical().decode()
    if isinstance(v, icalendar.prop.vDDDTypes) or hasattr(v, "to_ical"):
        return v.to_ical().decode() if not isinstance(v, str) else str(v)
    return str(v)


def facts(path):
    raw = open(path, "rb").read()
    cal = icalendar.Calendar.from_ical(raw)
    errors = []
    events = []
    for comp in cal.walk():
        errors.extend(f"{comp.name}: {e}" for e in getattr(comp, "errors", []))
        if comp.name != "VEVENT":
            continue
        ev = {}
        for key in ["UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "RRULE", "SUMMARY", "LOCATION", "URL", "STATUS", "DESCRIPTION"]:
            if key in comp:
                ev[key] = value(comp[key])
        summary = comp.get("SUMMARY")
        ev["SUMMARY_LANGUAGE"] = summary.params.get("LANGUAGE") if summary is not None else None
        events.append(ev)
    lines = raw.split(b"\r\n")
    return {
        "errors": errors,
        "version": str(cal.get("VERSION")),
        "prodid": str(cal.get("PRODID")),
        "timezones": [str(c["TZID"]) for c in cal.walk("VTIMEZONE")],
        "events": events,
        "longest_line": max(len(l) for l in lines),
        "bare_lf": raw.replace(b"\r\n", b"").count(b"\n"),
    }


print(json.dumps({p: facts(p) for p in sys.argv[1:]}, ensure_ascii=False, indent=1))
