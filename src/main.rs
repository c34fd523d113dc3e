//! The `loa` binary: parse the command line, call the library, print diagnostics, exit 0/1/2.

mod cli;

use clap::Parser;
use cli::{Cli, Command, Format};
use loa::diag::{Diagnostic, stderr_wants_color};
use loa::{BuildOptions, Reporter};
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = stderr_wants_color();
    let reporter = StderrReporter { quiet: cli.quiet, started: Instant::now() };
    match cli.command {
        Command::Build { site, out, drafts, base_url } => {
            let opts = BuildOptions { site: loa::build::site_root(site.as_deref()), out, drafts, base_url };
            match loa::build(&opts, &reporter) {
                Ok(summary) => {
                    print_all(&summary.warnings, color);
                    if !cli.quiet {
                        let langs: Vec<String> =
                            summary.pages_per_language.iter().map(|(l, n)| format!("{l} {n}")).collect();
                        let total: usize = summary.pages_per_language.values().sum();
                        eprintln!(
                            "Built {total} pages ({}) into {} in {:.2} s",
                            langs.join(", "),
                            summary.out.display(),
                            summary.elapsed.as_secs_f64()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => fail(diags.sorted(), color, "the build failed; the output folder was not changed"),
            }
        }
        Command::Check { site, format, drafts, fix_encoding } => {
            let build = BuildOptions { site: loa::build::site_root(site.as_deref()), drafts, ..Default::default() };
            let report = loa::check::run(&loa::check::CheckOptions { build, fix_encoding }, &reporter);
            match format {
                Format::Json => {
                    let json = loa::check::report::json(&report);
                    println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
                }
                Format::Text => eprint!("{}", loa::check::report::text(&report, color)),
            }
            if report.errors() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::New { dir } => match loa::scaffold::new_site(&dir) {
            Ok(()) => {
                if !cli.quiet {
                    eprintln!("Created a new site in {}. Build it with: loa build {}", dir.display(), dir.display());
                }
                ExitCode::SUCCESS
            }
            Err(d) => fail(vec![d], color, "nothing was created"),
        },
        Command::Serve { site, bind, port, drafts } => {
            let opts = loa::serve::ServeOptions { site: loa::build::site_root(site.as_deref()), bind, port, drafts };
            match loa::serve::run(&opts, &|event| serve_event(event, cli.quiet, color)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => fail(vec![d], color, "the site is not being served"),
            }
        }
    }
}

/// The address goes to stdout (scripts and tests read it); everything else to stderr.
fn serve_event(event: loa::serve::Event<'_>, quiet: bool, color: bool) {
    match event {
        loa::serve::Event::Serving { addr } => {
            println!("Serving at http://{addr}/ (press Ctrl-C to stop)");
        }
        loa::serve::Event::Rebuilt { report, elapsed } => {
            print_all(&report.warnings, color);
            if !report.errors.is_empty() {
                print_all(&report.errors, color);
                let n = report.errors.len();
                eprintln!(
                    "{n} error{}: the browser shows {}; the rest of the site is the last good version",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "it" } else { "them" }
                );
            } else if !quiet {
                let what = if report.full { "the whole site" } else { "the edit" };
                eprintln!("Rebuilt {what} ({} files) in {} ms", report.files, elapsed.as_millis());
            }
        }
    }
}

/// Prints diagnostics in order, but the placeholder `base_url` warning last: printed QR codes
/// would point nowhere, so it must be the last thing the user reads.
fn print_all(diags: &[Diagnostic], color: bool) {
    let mut err = std::io::stderr().lock();
    let (last, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diags.iter().partition(|d| d.code == loa::config::PLACEHOLDER);
    for d in rest.into_iter().chain(last) {
        let _ = writeln!(err, "{}", d.render(color));
    }
}

fn fail(diags: Vec<Diagnostic>, color: bool, what: &str) -> ExitCode {
    print_all(&diags, color);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("{errors} error{}: {what}", if errors == 1 { "" } else { "s" });
    ExitCode::from(1)
}

/// Progress on stderr, only once a build has taken more than a moment.
struct StderrReporter {
    quiet: bool,
    started: Instant,
}

impl Reporter for StderrReporter {
    fn stage(&self, what: &str) {
        if !self.quiet && self.started.elapsed().as_millis() > 300 {
            eprintln!("  … {what}");
        }
    }
}
