//! loa: one folder of Markdown → a campaign website, print PDFs, loudspeaker scripts and SMS.
//!
//! The pipeline, in the order a build runs it:
//!
//! 1. [`config`] reads `loa.yaml`; [`theme`] overlays the site's theme on the built-in one;
//!    [`i18n`] reads the interface strings.
//! 2. [`content`] loads every Markdown file once (NFC, front matter checked, body parsed into an
//!    owned tree, addresses decided) into a read-only [`content::Site`].
//! 3. Each [`render`] module turns that site into files handed to a [`fs::Sink`]: print,
//!    broadcast and SMS first, then the web (which links to their files).
//! 4. [`build`] renders into a staging folder and swaps it into place only when everything
//!    succeeded; [`check`] renders into memory and writes nothing, and the [`mod@check`] module
//!    runs the content doctor (`loa check`) over the loaded site and the raw files.
//!
//! Every problem a user can cause is a [`diag::Diagnostic`] with file, line and a hint; the
//! library never prints (progress goes through a [`Reporter`]).

#![expect(
    clippy::result_large_err,
    reason = "a Diagnostic (file, line, message, hint) is the error path of almost every function; it is rare, and boxing it everywhere would only add noise"
)]

pub mod build;
pub mod channels;
pub mod check;
pub mod clock;
pub mod config;
pub mod content;
pub mod diag;
pub mod fs;
pub mod i18n;
pub mod limits;
pub mod messages;
pub mod pipeline;
pub mod qr;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod slug;
pub mod text;
pub mod theme;
pub mod yaml;

pub use build::{BuildOptions, BuildSummary, Loaded, build, check, load};
pub use pipeline::Pipeline;

/// A step of a build, for progress (the CLI names it in the user's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// `loa check --fix-encoding`: converting old-encoding text.
    Converting,
    Loading,
    Pictures,
    /// An output renderer, by its name (`poster`, `broadcast`, `share`, …).
    Output(&'static str),
    Web,
    Checking,
    Publishing,
}

/// Receives progress while a build runs (the CLI shows a bar on a terminal unless `--quiet`).
pub trait Reporter: Sync {
    /// `stage` began; it is step `step` (from 1) of about `steps`.
    fn stage(&self, stage: Stage, step: usize, steps: usize);
    /// One more file was made (counted on the bar).
    fn wrote(&self) {}
}

/// Drops progress: for tests and for `--quiet`.
pub struct Silent;

impl Reporter for Silent {
    fn stage(&self, _: Stage, _: usize, _: usize) {}
}
