//! `loa serve`: build into memory, serve over HTTP, rebuild what an edit affects, reload open
//! pages.
//!
//! ```text
//! watch (notify, debounced, pure classify) ──► guard ──► rebuild (full or one page) ──► Output
//!                                                                                          │
//! browser ◄── http (a thread per connection: conn, request, response; safe_path; ◄─────────┘
//!         │         reload script + error overlay; gzip)
//!         ◄── reload (Server-Sent Events at /__loa/events)
//! ```
//!
//! Rebuilds run on their own thread pool with large stacks, and a panic in one is caught
//! ([`guard`]): a server that dies must never be the answer to a saved file (issue 10).
//!
//! The served files live in memory and are swapped in under one lock when a rebuild succeeds,
//! so a failed rebuild keeps the last good output and never touches `SITE/public`. Stopping
//! (Ctrl-C) leaves nothing behind to clean: nothing is written but loa's cache (pictures, share
//! cards), whose entries are complete before they are named. So the default Ctrl-C termination
//! is clean, and no signal-handling crate is needed.

mod conn;
mod guard;
pub mod http;
pub mod rebuild;
pub mod reload;
mod request;
mod response;
pub mod safe_path;
pub mod watch;

use crate::build::BuildOptions;
use crate::diag::Diagnostic;
use rebuild::{Files, Outcome, Report};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: PathBuf,
    pub bind: String,
    pub port: u16,
    pub drafts: bool,
    /// The user's language, for the error overlay in the browser.
    pub texts: crate::messages::Texts,
}

/// What the served site is right now: the last good files, the open errors, the rebuild count.
#[derive(Default)]
pub struct Output {
    files: RwLock<HashMap<String, Arc<[u8]>>>,
    errors: RwLock<Vec<Diagnostic>>,
    pub events: reload::Events,
    /// The overlay speaks the user's language.
    pub texts: crate::messages::Texts,
}

impl Output {
    pub fn new(texts: crate::messages::Texts) -> Output {
        Output { texts, ..Output::default() }
    }

    pub fn get(&self, rel: &str) -> Option<Arc<[u8]>> {
        self.files.read().unwrap_or_else(|p| p.into_inner()).get(rel).cloned()
    }

    pub fn has(&self, rel: &str) -> bool {
        self.files.read().unwrap_or_else(|p| p.into_inner()).contains_key(rel)
    }

    pub fn errors(&self) -> Vec<Diagnostic> {
        self.errors.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces files without telling open pages (nothing they show changed).
    pub fn update_quietly(&self, files: rebuild::Rendered) {
        let mut map = self.files.write().unwrap_or_else(|p| p.into_inner());
        map.extend(files.into_iter().map(|(k, v)| (k, Arc::from(v))));
    }

    /// Publishes a rebuild: files first, then errors, then open pages are told to reload.
    pub fn publish(&self, files: Option<Files>, errors: Vec<Diagnostic>) {
        if let Some(files) = files {
            let mut map = self.files.write().unwrap_or_else(|p| p.into_inner());
            match files {
                Files::All(all) => *map = all.into_iter().map(|(k, v)| (k, Arc::from(v))).collect(),
                Files::Update { put, removed } => {
                    for rel in removed {
                        map.remove(&rel);
                    }
                    map.extend(put.into_iter().map(|(k, v)| (k, Arc::from(v))));
                }
            }
        }
        *self.errors.write().unwrap_or_else(|p| p.into_inner()) = errors;
        self.events.bump();
    }
}

/// What the serve loop reports (the CLI prints it).
pub enum Event<'a> {
    /// Listening, first build done (or failed: see `Rebuilt`).
    Serving {
        addr: SocketAddr,
    },
    Rebuilt {
        report: &'a Report,
        elapsed: Duration,
    },
}

/// Serves until the process is stopped. Returns early only when it cannot start (the port is
/// taken, the site cannot be watched).
pub fn run(opts: &ServeOptions, on: &(dyn Fn(Event<'_>) + Sync)) -> Result<(), Diagnostic> {
    let server = http::HttpServer::bind(&opts.bind, opts.port)?;
    // Watch before the first build, so an edit made while it runs is not missed.
    let watcher = watch::Watcher::new(&opts.site)?;
    let build = BuildOptions {
        site: opts.site.clone(),
        out: None,
        drafts: opts.drafts,
        // Absolute links (feeds, share cards, the 404 page) must point at this server.
        base_url: Some(format!("http://{}", display_host(server.addr))),
    };
    std::thread::scope(|scope| {
        let looping = std::thread::Builder::new()
            .name("loa-rebuild".into())
            .stack_size(guard::REBUILD_STACK)
            .spawn_scoped(scope, move || serve_loop(server, &watcher, build, opts.texts.clone(), on))
            .map_err(|e| guard::cannot_start(&e))?;
        looping.join().unwrap_or_else(|_| Err(guard::loop_died()))
    })
}

/// The first build, then one rebuild per batch of saved files, each behind [`guard::Guard`]:
/// whatever a rebuild does, the server keeps the last good output.
fn serve_loop(
    mut server: http::HttpServer,
    watcher: &watch::Watcher,
    build: BuildOptions,
    texts: crate::messages::Texts,
    on: &(dyn Fn(Event<'_>) + Sync),
) -> Result<(), Diagnostic> {
    let mut guard = guard::Guard::new(build)?;
    let output = Arc::new(Output::new(texts));
    let started = Instant::now();
    let Outcome { files, report } = guard.full();
    output.publish(files, report.errors.clone());
    server.start(output.clone())?;
    on(Event::Serving { addr: server.addr });
    on(Event::Rebuilt { report: &report, elapsed: started.elapsed() });
    while let Some(changes) = watcher.next_batch() {
        if changes.is_empty() {
            continue;
        }
        let started = Instant::now();
        let Outcome { files, report } = guard.apply(&changes);
        output.publish(files, report.errors.clone());
        on(Event::Rebuilt { report: &report, elapsed: started.elapsed() });
        if let Some(files) = guard.deferred() {
            output.update_quietly(files);
        }
    }
    output.events.stop();
    server.stop();
    Ok(())
}

/// `127.0.0.1:1111`, `[::1]:1111`; an unspecified bind address is shown as localhost.
fn display_host(addr: SocketAddr) -> String {
    if addr.ip().is_unspecified() { format!("localhost:{}", addr.port()) } else { addr.to_string() }
}
