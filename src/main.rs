//! The `loa` binary: parse the command line, call the library, print what it found in the
//! user's language, exit 0 (success), 1 (a problem in the content) or 2 (a mistyped command).

mod cli;
mod progress;

use cli::{Command, Format};
use loa::BuildOptions;
use loa::build::BuildSummary;
use loa::diag::{Diagnostic, stderr_wants_color};
use loa::messages::{Arg, Lang, Message, Texts};
use loa::msg;
use std::io::Write;
use std::process::ExitCode;

/// See Cargo.toml: the system allocator was 15 % of a build (issue 16).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// No transparent huge pages for this process (Linux). mimalloc asks the kernel for them, and a
/// build frees memory and touches it again all the time: each new touch of a 2 MiB page had the
/// kernel zero all of it, about 10 % of a default build's CPU (3 × 5,000 pages, `perf`:
/// `clear_page_erms`), where 4 KiB pages zero only what is used (issue 16).
#[cfg(target_os = "linux")]
fn without_huge_pages() {
    // SAFETY: PR_SET_THP_DISABLE takes integers only and changes no memory of this process; it
    // fails harmlessly on a kernel without it (then nothing changes).
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(not(target_os = "linux"))]
fn without_huge_pages() {}

fn main() -> ExitCode {
    without_huge_pages();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = Lang::choose(cli::lang_flag(&args), |k| std::env::var(k).ok());
    let texts = Texts::new(lang);
    let cli = match cli::parse(&texts, args) {
        Ok(cli) => cli,
        Err(e) => return command_line_error(&e, &texts),
    };
    let color = stderr_wants_color();
    let reporter = progress::Bar::new(cli.quiet, texts.clone());
    let out = Out { texts: &texts, color, quiet: cli.quiet };
    match cli.command {
        Command::Build { site, out: dir, drafts, base_url } => {
            let opts = BuildOptions { site: loa::build::site_root(site.as_deref()), out: dir, drafts, base_url };
            let result = loa::build::build_before_exit(&opts, &reporter);
            reporter.finish();
            match result {
                Ok(summary) => {
                    out.print_all(&summary.warnings);
                    if !cli.quiet {
                        eprintln!("{}", build_summary(&summary, &texts));
                    }
                    ExitCode::SUCCESS
                }
                Err(diags) => out.fail(diags.sorted(), msg!("build-failed")),
            }
        }
        Command::Check { site, format, drafts, fix_encoding } => {
            let build = BuildOptions { site: loa::build::site_root(site.as_deref()), drafts, ..Default::default() };
            let report = loa::check::run_before_exit(&loa::check::CheckOptions { build, fix_encoding }, &reporter);
            reporter.finish();
            // The report goes to stdout, so that `loa check > baocao.txt` keeps it (issue 12).
            let stdout_color = color && std::io::IsTerminal::is_terminal(&std::io::stdout());
            let text = match format {
                Format::Json => {
                    let json = loa::check::report::json(&report, &texts);
                    format!("{}\n", serde_json::to_string_pretty(&json).unwrap_or_default())
                }
                Format::Text => loa::check::report::text(&report, &texts, stdout_color),
            };
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            if report.errors() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Command::New { dir } => match loa::scaffold::new_site(&dir, &texts) {
            Ok(()) => {
                if !cli.quiet {
                    eprintln!("{}", texts.get(&msg!("new-created", dir = &dir)));
                }
                ExitCode::SUCCESS
            }
            Err(d) => out.fail(vec![d], msg!("new-failed")),
        },
        Command::Serve { site, bind, port, drafts } => {
            let opts = loa::serve::ServeOptions {
                site: loa::build::site_root(site.as_deref()),
                bind,
                port,
                drafts,
                texts: texts.clone(),
            };
            match loa::serve::run(&opts, &|event| out.serve_event(event)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => out.fail(vec![d], msg!("serve-failed")),
            }
        }
        Command::Completions { shell } => {
            let mut command = cli::command(&texts);
            clap_complete::generate(shell, &mut command, "loa", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
    }
}

/// `--help` and `--version` print and succeed; a mistyped command line is exit code 2.
fn command_line_error(e: &clap::Error, texts: &Texts) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let _ = cli::command(texts).write_help(&mut std::io::stderr());
            ExitCode::from(2)
        }
        _ => {
            eprintln!("{}", cli::error_text(e, texts));
            ExitCode::from(2)
        }
    }
}

/// "Đã tạo 14 trang web, 6 áp phích, … trong 0,6 giây → public/", then the pages per language
/// and, when there are print pieces, that each comes in two copies.
fn build_summary(s: &BuildSummary, texts: &Texts) -> String {
    let c = &s.channels;
    let parts: Vec<String> = [
        (c.web_pages, msg!("made-web", count = c.web_pages)),
        (c.posters, msg!("made-posters", count = c.posters)),
        (c.leaflets, msg!("made-leaflets", count = c.leaflets)),
        (c.banners, msg!("made-banners", count = c.banners)),
        (c.scripts, msg!("made-scripts", count = c.scripts)),
        (c.bulletins, msg!("made-bulletins", count = c.bulletins)),
        (c.sms, msg!("made-sms", count = c.sms)),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(_, m)| texts.get(&m))
    .collect();
    let seconds = Arg::decimal(s.elapsed.as_secs_f64(), 1);
    // `loa build` in the site folder makes `./public`: say `public/` (`public\` on Windows,
    // not the mixed `./public\`).
    let shown = s.out.strip_prefix(".").unwrap_or(&s.out);
    let out = format!("{}{}", shown.display(), std::path::MAIN_SEPARATOR);
    let made = parts.join(", ");
    let mut text = if s.unchanged {
        // A check of hundredths of a second: "0,0 giây" would only puzzle.
        texts.get(&msg!("build-unchanged", made = made, out = out))
    } else {
        texts.get(&msg!("build-summary", made = made, seconds = seconds, out = out))
    };
    if let Some(count) = s.edited {
        text.push_str(&format!("\n  {}", texts.get(&msg!("build-edited", count = count))));
    }
    let langs: Vec<String> = s.pages_per_language.iter().map(|(l, n)| format!("{l} {n}")).collect();
    if langs.len() > 1 {
        text.push_str(&format!("\n  {}", texts.get(&msg!("build-languages", languages = langs.join(", ")))));
    }
    if c.posters + c.leaflets > 0 {
        text.push_str(&format!("\n  {}", texts.get(&msg!("build-copies"))));
    }
    if !c.kits.is_empty() {
        // Rounded up: a kit of 300 bytes is "1 KB", never "0 KB".
        let kits: Vec<String> = c
            .kits
            .iter()
            .map(|(lang, bytes)| texts.get(&msg!("build-kit-size", lang = lang, kb = bytes.div_ceil(1024))))
            .collect();
        text.push_str(&format!("\n  {}", texts.get(&msg!("build-kits", kits = kits.join(", ")))));
    }
    text
}

/// Where diagnostics and lines go: stderr, in the user's language.
struct Out<'a> {
    texts: &'a Texts,
    color: bool,
    quiet: bool,
}

impl Out<'_> {
    /// Prints diagnostics in order, but the placeholder `base_url` warning last: printed QR
    /// codes would point nowhere, so it must be the last thing the user reads.
    fn print_all(&self, diags: &[Diagnostic]) {
        let mut err = std::io::stderr().lock();
        let (last, rest): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            diags.iter().partition(|d| d.code == loa::config::PLACEHOLDER);
        for shown in loa::diag::for_terminal(rest.into_iter().chain(last)) {
            let _ = writeln!(err, "{}", shown.render(self.texts, self.color));
        }
    }

    fn fail(&self, diags: Vec<Diagnostic>, what: Message) -> ExitCode {
        self.print_all(&diags);
        let errors = diags.iter().filter(|d| d.is_error()).count();
        eprintln!("{}", self.texts.get(&msg!("run-errors", count = errors, what = what)));
        ExitCode::from(1)
    }

    /// The address goes to stdout (scripts and tests read it); everything else to stderr.
    fn serve_event(&self, event: loa::serve::Event<'_>) {
        let t = self.texts;
        match event {
            loa::serve::Event::Serving { addr } => {
                println!("{}", t.get(&msg!("serve-listening", url = format!("http://{addr}/"))));
            }
            loa::serve::Event::Rebuilt { report, elapsed } => {
                self.print_all(&report.warnings);
                if !report.errors.is_empty() {
                    self.print_all(&report.errors);
                    eprintln!("{}", t.get(&msg!("serve-errors", count = report.errors.len())));
                } else if !self.quiet {
                    let ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX);
                    let line = if report.full {
                        msg!("serve-rebuilt-all", files = report.files, ms = ms)
                    } else {
                        msg!("serve-rebuilt-edit", files = report.files, ms = ms)
                    };
                    eprintln!("{}", t.get(&line));
                }
            }
        }
    }
}
