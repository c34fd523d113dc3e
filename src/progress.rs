//! Progress on stderr: a bar with the step and the files made so far, shown only on a
//! terminal, only once a build has taken more than a moment, never with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use loa::messages::Texts;
use loa::{Reporter, Stage, msg};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Builds shorter than this show no bar at all.
const MOMENT: Duration = Duration::from_millis(300);

pub struct Bar {
    shown: bool,
    texts: Texts,
    started: Instant,
    files: AtomicUsize,
    /// (step, steps, what) of the latest stage, and the bar once it is on screen.
    state: Mutex<(usize, usize, String, Option<ProgressBar>)>,
}

impl Bar {
    pub fn new(quiet: bool, texts: Texts) -> Bar {
        Bar {
            shown: !quiet && std::io::stderr().is_terminal(),
            texts,
            started: Instant::now(),
            files: AtomicUsize::new(0),
            state: Mutex::new((0, 0, String::new(), None)),
        }
    }

    /// Clears the bar before the summary or the errors are printed.
    pub fn finish(&self) {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(bar) = &state.3 {
            bar.finish_and_clear();
        }
    }

    fn what(&self, stage: Stage) -> String {
        let m = match stage {
            Stage::Converting => msg!("progress-converting"),
            Stage::Loading => msg!("progress-loading"),
            Stage::Pictures => msg!("progress-pictures"),
            Stage::Output("poster") => msg!("progress-posters"),
            Stage::Output("leaflet") => msg!("progress-leaflets"),
            Stage::Output("banner") => msg!("progress-banners"),
            Stage::Output("broadcast") => msg!("progress-scripts"),
            Stage::Output("sms") => msg!("progress-sms"),
            Stage::Output("share") => msg!("progress-share"),
            Stage::Output(_) => msg!("progress-files"),
            Stage::Web => msg!("progress-web"),
            Stage::Checking => msg!("progress-checking"),
            Stage::Publishing => msg!("progress-publishing"),
        };
        self.texts.get(&m)
    }

    fn draw(&self, state: &mut (usize, usize, String, Option<ProgressBar>)) {
        if !self.shown || self.started.elapsed() < MOMENT {
            return;
        }
        let bar = state.3.get_or_insert_with(|| {
            let bar = ProgressBar::with_draw_target(Some(state.1 as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        bar.set_length(state.1.max(state.0) as u64);
        bar.set_position(state.0 as u64);
        let files = self.files.load(Ordering::Relaxed);
        bar.set_message(self.texts.get(&msg!("progress-line", what = state.2.as_str(), files = files)));
    }
}

impl Reporter for Bar {
    fn stage(&self, stage: Stage, step: usize, steps: usize) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if step > 0 {
            state.0 = step;
        }
        if steps > 0 {
            state.1 = steps;
        }
        state.2 = self.what(stage);
        self.draw(&mut state);
    }

    fn wrote(&self) {
        let n = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        // Redraw now and then, not for every file.
        if n.is_multiple_of(25) {
            let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
            self.draw(&mut state);
        }
    }
}
