//! Live reload: open pages listen on a Server-Sent Events stream at [`EVENTS_PATH`] and reload
//! when a rebuild finishes (or fails, so the error overlay appears). The script is added to
//! HTML responses only, at response time: the rendered output, and so a built site, never
//! carries it.

use crate::diag::Diagnostic;
use crate::messages::Texts;
use crate::msg;
use std::io::Write;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub const EVENTS_PATH: &str = "/__loa/events";

/// A comment line keeps idle connections open through proxies and lets a worker notice a
/// closed tab within this time.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Counts rebuilds; SSE streams wait on it.
#[derive(Default)]
pub struct Events {
    generation: Mutex<u64>,
    changed: Condvar,
    stopping: std::sync::atomic::AtomicBool,
}

impl Events {
    pub fn current(&self) -> u64 {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A rebuild finished (or failed): every open page reloads.
    pub fn bump(&self) {
        *self.generation.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        self.changed.notify_all();
    }

    pub fn stop(&self) {
        self.stopping.store(true, std::sync::atomic::Ordering::SeqCst);
        self.changed.notify_all();
    }

    fn stopping(&self) -> bool {
        self.stopping.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Waits until the generation passes `seen` or `timeout` passes; returns the generation.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let guard = self.generation.lock().unwrap_or_else(|p| p.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |g| *g <= seen && !self.stopping())
            .unwrap_or_else(|p| p.into_inner());
        *guard
    }
}

/// Writes the event stream until the browser goes away or the server stops. `since` is the
/// generation the page was served at: a rebuild that finished while it loaded still reloads it.
pub fn stream(mut out: Box<dyn Write + Send>, events: &Events, since: u64) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if out.write_all(head.as_bytes()).and_then(|()| out.flush()).is_err() {
        return;
    }
    let mut seen = since;
    while !events.stopping() {
        let now = events.wait_past(seen, KEEPALIVE);
        let message: &[u8] = if now > seen { b"data: reload\n\n" } else { b": keepalive\n\n" };
        seen = now;
        if out.write_all(message).and_then(|()| out.flush()).is_err() {
            return;
        }
    }
}

/// The generation a request for the stream asks about (`?since=N`), else the current one.
pub fn since(url: &str, events: &Events) -> u64 {
    url.split_once("since=")
        .and_then(|(_, rest)| rest.split('&').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| events.current())
}

/// Adds the reload script (and the error overlay, when the last rebuild failed) to a page.
pub fn inject(html: &[u8], generation: u64, errors: &[Diagnostic], texts: &Texts) -> Vec<u8> {
    let mut extra = format!(
        "<script>(function(){{var s=new EventSource(\"{EVENTS_PATH}?since={generation}\");s.onmessage=function(){{s.close();location.reload()}}}})()</script>"
    );
    if !errors.is_empty() {
        extra.push_str(&overlay(errors, texts));
    }
    // Before `</body>` when there is one, else at the end (browsers accept both).
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + extra.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(extra.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w.eq_ignore_ascii_case(needle))
}

/// What the editor sees over the page while the last save is broken: each problem with file,
/// line and hint, and a note that the page below is the last good version.
pub fn overlay(errors: &[Diagnostic], texts: &Texts) -> String {
    let mut items = String::new();
    for d in errors {
        let (message, hint) = d.texts(texts);
        items.push_str("<li><b>");
        items.push_str(&escape(&d.location().unwrap_or_default()));
        items.push_str("</b> ");
        items.push_str(&escape(&message));
        if let Some(h) = hint {
            items.push_str("<br><i>");
            items.push_str(&escape(&h));
            items.push_str("</i>");
        }
        items.push_str("</li>");
    }
    let lang = texts.lang().code();
    let heading = escape(&texts.get(&msg!("serve-overlay-heading")));
    format!(
        "<div id=\"loa-error\" lang=\"{lang}\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:70vh;overflow:auto;z-index:99999;background:#fff4f4;color:#5a0000;border-bottom:4px solid #c00;padding:1em 1.5em;font:16px/1.5 system-ui,sans-serif;box-shadow:0 4px 16px #0004\"><p style=\"margin:0 0 .5em;font-weight:bold\">{heading}</p><ul style=\"margin:0;padding-left:1.2em\">{items}</ul></div>"
    )
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_body_end_and_overlay_only_on_error() {
        let page = b"<html><body><p>x</p></body></html>";
        let en = Texts::new(crate::messages::Lang::En);
        let out = String::from_utf8(inject(page, 7, &[], &en)).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"), "{out}");
        assert!(out.contains("/__loa/events?since=7"));
        assert!(out.ends_with("</script></body></html>"));
        assert!(!out.contains("loa-error"));

        let d = Diagnostic::error("front-matter", msg!("yaml-unknown-key", key = "titel<b>"))
            .in_file("content/a.md")
            .at_line(3)
            .with_hint(msg!("yaml-write", line = "title: x"));
        let out = String::from_utf8(inject(b"no body tag", 1, std::slice::from_ref(&d), &en)).unwrap();
        assert!(out.starts_with("no body tag<script>"));
        assert!(out.contains("<b>content/a.md:3</b> unknown key `titel&lt;b&gt;`"), "{out}");
        assert!(out.contains("write: `title: x`"));
        // Issue 12: the overlay speaks the user's language and says so in `lang`.
        let vi = en.in_lang(crate::messages::Lang::Vi);
        let out = String::from_utf8(inject(b"x", 1, &[d], &vi)).unwrap();
        assert!(out.contains("lang=\"vi\"") && out.contains("Không dựng lại được trang"), "{out}");
    }

    #[test]
    fn since_is_read_from_the_query() {
        let events = Events::default();
        events.bump();
        assert_eq!(since("/__loa/events?since=42", &events), 42);
        assert_eq!(since("/__loa/events?since=x", &events), 1);
        assert_eq!(since("/__loa/events", &events), 1);
    }
}
