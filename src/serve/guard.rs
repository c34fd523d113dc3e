//! Keeps `loa serve` serving whatever a rebuild does (issue 10: "a server that dies must not be
//! the answer to any saved file").
//!
//! - Rebuilds run on the serve loop's thread and a rayon pool of its own, all with
//!   [`REBUILD_STACK`]: deeply nested content that recursion walks has far more room than under
//!   `loa build` (8 MiB main thread, 2 MiB rayon workers), and content is loaded in parallel, so
//!   the workers need it as much as the loop.
//! - A panic in a rebuild (a bug in loa that some content sets off) is caught: the last good
//!   output stays served, the browser shows the problem, and the next save builds everything
//!   from scratch, since the rebuilder's state may have been left half-updated. Catching relies
//!   on `panic = "unwind"` (the default; `Cargo.toml` must not set `abort`).
//!
//! `rebuild.rs` is unchanged by this: the guard wraps the calls to it.

use super::rebuild::{Outcome, Rebuilder, Rendered, Report};
use super::watch::Change;
use crate::build::BuildOptions;
use crate::content::CONTENT_DIR;
use crate::diag::Diagnostic;
use crate::msg;
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// Stack of every thread that rebuilds. Only touched pages are backed by memory, so a large
/// reservation costs nothing until deep content needs it.
pub(crate) const REBUILD_STACK: usize = 256 * 1024 * 1024;

pub(crate) struct Guard {
    build: BuildOptions,
    rebuilder: Rebuilder,
    /// The pool the current thread joined: every parallel step of a rebuild runs on it.
    _pool: rayon::ThreadPool,
}

impl Guard {
    /// Makes the current thread a worker of a new pool (so call it on the serve loop's thread).
    pub(crate) fn new(build: BuildOptions) -> Result<Guard, Diagnostic> {
        let pool = rayon::ThreadPoolBuilder::new()
            .use_current_thread()
            .stack_size(REBUILD_STACK)
            .thread_name(|i| format!("loa-rebuild-{i}"))
            .build()
            .map_err(|e| cannot_start(&e))?;
        Ok(Guard { rebuilder: Rebuilder::new(build.clone()), build, _pool: pool })
    }

    pub(crate) fn full(&mut self) -> Outcome {
        self.run(&[], Rebuilder::full)
    }

    pub(crate) fn apply(&mut self, changes: &[Change]) -> Outcome {
        self.run(changes, |r| r.apply(changes))
    }

    /// See [`Rebuilder::deferred`]; a panic there only skips the update.
    pub(crate) fn deferred(&mut self) -> Option<Rendered> {
        let rebuilder = &mut self.rebuilder;
        catch_unwind(AssertUnwindSafe(|| rebuilder.deferred())).unwrap_or(None)
    }

    /// Runs one rebuild; a panic becomes an error that names the saved file.
    fn run(&mut self, changes: &[Change], work: impl FnOnce(&mut Rebuilder) -> Outcome) -> Outcome {
        let rebuilder = &mut self.rebuilder;
        match catch_unwind(AssertUnwindSafe(|| work(rebuilder))) {
            Ok(outcome) => outcome,
            Err(panic) => {
                self.rebuilder = Rebuilder::new(self.build.clone());
                let report = Report { errors: vec![caught(panic.as_ref(), changes)], full: true, ..Report::default() };
                Outcome { files: None, report }
            }
        }
    }
}

/// What the editor reads after a rebuild panicked.
fn caught(panic: &(dyn Any + Send), changes: &[Change]) -> Diagnostic {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let what: String = what.chars().take(300).collect();
    let d = Diagnostic::error("internal", msg!("serve-panic", what = what)).with_hint(msg!("serve-panic-hint"));
    match changes.iter().find_map(saved_file) {
        Some(file) => d.in_file(file),
        None => d,
    }
}

fn saved_file(change: &Change) -> Option<PathBuf> {
    match change {
        Change::Page(rel) => Some(Path::new(CONTENT_DIR).join(rel)),
        Change::Static { source, .. } => Some(source.clone()),
        Change::Everything | Change::Ignore => None,
    }
}

pub(crate) fn cannot_start(e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error("serve", msg!("serve-no-thread", reason = e.to_string())).with_hint(msg!("serve-no-thread-hint"))
}

/// The serve loop itself panicked (outside a rebuild): there is nothing left to serve from.
pub(crate) fn loop_died() -> Diagnostic {
    Diagnostic::error("internal", msg!("serve-loop-died")).with_hint(msg!("serve-loop-died-hint"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    fn guard() -> (tempfile::TempDir, Guard) {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("web");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/web");
        for entry in walkdir::WalkDir::new(&from).into_iter().flatten() {
            let dest = site.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&dest).unwrap();
            } else {
                std::fs::copy(entry.path(), &dest).unwrap();
            }
        }
        (tmp, Guard::new(BuildOptions { site, ..Default::default() }).unwrap())
    }

    /// Issue 10: a panic in a rebuild, on the loop's thread or in a parallel step, becomes an
    /// error naming the saved file, and the next rebuild works again.
    #[test]
    fn a_panicking_rebuild_is_an_error_and_the_next_one_works() {
        // Its own thread: the test harness's threads may already belong to a pool.
        std::thread::spawn(|| {
            let (_tmp, mut guard) = guard();
            let first = guard.full();
            assert!(first.report.errors.is_empty() && first.files.is_some(), "{:?}", first.report.errors);

            let saved = [Change::Page("tin-tuc/tin-1.md".into())];
            let on_loop = guard.run(&saved, |_| panic!("boom on the loop"));
            let in_pool = guard.run(&saved, |_| {
                (0..64).into_par_iter().for_each(|i| assert!(i != 63, "boom in the pool"));
                unreachable!()
            });
            for (outcome, what) in [(on_loop, "boom on the loop"), (in_pool, "boom in the pool")] {
                assert!(outcome.files.is_none(), "the last good output stays");
                let [d] = &outcome.report.errors[..] else { panic!("{:?}", outcome.report.errors) };
                assert_eq!(d.file.as_deref(), Some(Path::new("content/tin-tuc/tin-1.md")));
                assert!(d.message.text_arg("what").is_some_and(|w| w.contains(what)) && d.hint.is_some(), "{d:?}");
            }
            let again = guard.apply(&saved);
            assert!(again.report.errors.is_empty(), "{:?}", again.report.errors);
            assert!(again.report.full, "after a panic the next save builds everything");
        })
        .join()
        .unwrap();
    }
}
