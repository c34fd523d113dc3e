//! Command-line definitions, built at run time with the catalogue's texts so that `--help`
//! follows the user's language (clap's derive macros fix help texts at compile time). Parsing
//! only: `main.rs` turns the result into library calls.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, ArgMatches, Command as ClapCommand, value_parser};
use loa::messages::{Lang, Texts};
use loa::msg;
use std::ffi::OsString;
use std::path::PathBuf;

#[derive(Debug)]
pub struct Cli {
    pub quiet: bool,
    pub command: Command,
}

#[derive(Debug)]
pub enum Command {
    Build { site: Option<PathBuf>, out: Option<PathBuf>, drafts: bool, base_url: Option<String> },
    Serve { site: Option<PathBuf>, bind: String, port: u16, drafts: bool },
    Check { site: Option<PathBuf>, format: Format, drafts: bool, fix_encoding: bool },
    New { dir: PathBuf },
    Completions { shell: clap_complete::Shell },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// The `--lang` value, read before the command line is built (its help texts depend on it).
/// A value that is not a language is left to the parser to reject.
pub fn lang_flag(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Lang::from_code(v);
        }
        if a == "--lang" {
            return it.next().and_then(|v| Lang::from_code(&v));
        }
    }
    None
}

/// The whole command line, its help in the language of `t`.
pub fn command(t: &Texts) -> ClapCommand {
    let text = |m| t.get(&m);
    ClapCommand::new("loa")
        .version(env!("CARGO_PKG_VERSION"))
        .about(text(msg!("cli-about")))
        .help_template(template(t, true, false))
        .override_usage(format!("loa [{}] <{}>", text(msg!("cli-value-options")), text(msg!("cli-value-command"))))
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("quiet")
                .short('q')
                .long("quiet")
                .global(true)
                .action(ArgAction::SetTrue)
                .help(text(msg!("cli-quiet"))),
        )
        .arg(
            Arg::new("lang")
                .long("lang")
                .global(true)
                .value_name(text(msg!("cli-value-lang")))
                .value_parser(PossibleValuesParser::new(["vi", "en"]))
                .hide_possible_values(true)
                .help(text(msg!("cli-lang"))),
        )
        .arg(help_arg(t))
        .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help(text(msg!("cli-version"))))
        .subcommand(build(t))
        .subcommand(serve(t))
        .subcommand(check(t))
        .subcommand(new(t))
        .subcommand(completions(t))
}

fn help_arg(t: &Texts) -> Arg {
    Arg::new("help").short('h').long("help").global(true).action(ArgAction::Help).help(t.get(&msg!("cli-help")))
}

/// clap's layout with headings in the user's language (`{all-args}` would print English ones).
fn template(t: &Texts, commands: bool, positionals: bool) -> String {
    let mut s = format!("{{about-with-newline}}\n{} {{usage}}\n", t.get(&msg!("cli-usage")));
    if commands {
        s.push_str(&format!("\n{}\n{{subcommands}}\n", t.get(&msg!("cli-commands"))));
    }
    if positionals {
        s.push_str(&format!("\n{}\n{{positionals}}\n", t.get(&msg!("cli-arguments"))));
    }
    s.push_str(&format!("\n{}\n{{options}}{{after-help}}", t.get(&msg!("cli-options"))));
    s
}

fn sub(t: &Texts, name: &'static str, about: String, usage: String, positionals: bool) -> ClapCommand {
    ClapCommand::new(name)
        .about(about)
        .help_template(template(t, false, positionals))
        .override_usage(usage)
        .disable_help_flag(true)
        .arg(help_arg(t))
}

fn site_arg(t: &Texts) -> Arg {
    Arg::new("site")
        .value_name(t.get(&msg!("cli-value-site")))
        .value_parser(value_parser!(PathBuf))
        .help(t.get(&msg!("cli-site")))
}

fn drafts_arg(t: &Texts) -> Arg {
    Arg::new("drafts").short('D').long("drafts").action(ArgAction::SetTrue).help(t.get(&msg!("cli-drafts")))
}

fn usage(t: &Texts, name: &str, positional: String) -> String {
    format!("loa {name} {positional} [{}]", t.get(&msg!("cli-value-options")))
}

fn site_usage(t: &Texts) -> String {
    format!("[{}]", t.get(&msg!("cli-value-site")))
}

fn build(t: &Texts) -> ClapCommand {
    sub(t, "build", t.get(&msg!("cli-build")), usage(t, "build", site_usage(t)), true)
        .after_help(t.get(&msg!("cli-build-after")))
        .arg(site_arg(t))
        .arg(
            Arg::new("out")
                .short('o')
                .long("output")
                .alias("out")
                .value_name(t.get(&msg!("cli-value-out")))
                .value_parser(value_parser!(PathBuf))
                .help(t.get(&msg!("cli-out"))),
        )
        .arg(drafts_arg(t))
        .arg(
            Arg::new("base_url")
                .short('u')
                .short_alias('b')
                .long("base-url")
                .value_name(t.get(&msg!("cli-value-url")))
                .help(t.get(&msg!("cli-base-url"))),
        )
}

fn serve(t: &Texts) -> ClapCommand {
    sub(t, "serve", t.get(&msg!("cli-serve")), usage(t, "serve", site_usage(t)), true)
        .arg(site_arg(t))
        .arg(
            Arg::new("bind")
                .short('i')
                .long("bind")
                .alias("interface")
                .value_name(t.get(&msg!("cli-value-address")))
                .default_value("127.0.0.1")
                .hide_default_value(true)
                .help(t.get(&msg!("cli-bind"))),
        )
        .arg(
            Arg::new("port")
                .short('p')
                .long("port")
                .value_name(t.get(&msg!("cli-value-port")))
                .value_parser(value_parser!(u16))
                .default_value("1111")
                .hide_default_value(true)
                .help(t.get(&msg!("cli-port"))),
        )
        .arg(drafts_arg(t))
}

fn check(t: &Texts) -> ClapCommand {
    sub(t, "check", t.get(&msg!("cli-check")), usage(t, "check", site_usage(t)), true)
        .arg(site_arg(t))
        .arg(
            Arg::new("format")
                .short('f')
                .long("format")
                .value_name(t.get(&msg!("cli-value-format")))
                .value_parser(PossibleValuesParser::new(["text", "json"]))
                .hide_possible_values(true)
                .default_value("text")
                .hide_default_value(true)
                .help(t.get(&msg!("cli-format"))),
        )
        .arg(drafts_arg(t))
        .arg(
            Arg::new("fix_encoding")
                .long("fix-encoding")
                .action(ArgAction::SetTrue)
                .help(t.get(&msg!("cli-fix-encoding"))),
        )
}

fn new(t: &Texts) -> ClapCommand {
    let dir = t.get(&msg!("cli-value-dir"));
    sub(t, "new", t.get(&msg!("cli-new")), usage(t, "new", dir.clone()), true).arg(
        Arg::new("dir")
            .value_name(dir)
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help(t.get(&msg!("cli-dir"))),
    )
}

fn completions(t: &Texts) -> ClapCommand {
    let shell = t.get(&msg!("cli-value-shell"));
    sub(t, "completions", t.get(&msg!("cli-completions")), usage(t, "completions", shell.clone()), true)
        .after_help(t.get(&msg!("cli-completions-after")))
        .arg(
            Arg::new("shell")
                .value_name(shell)
                .required(true)
                .value_parser(PossibleValuesParser::new(["bash", "zsh", "fish", "powershell"]))
                .hide_possible_values(true)
                .help(t.get(&msg!("cli-shell"))),
        )
}

/// Parses the command line; a clap error (or `--help`) comes back for `main` to show.
pub fn parse(t: &Texts, args: Vec<OsString>) -> Result<Cli, clap::Error> {
    let m = command(t).try_get_matches_from(args)?;
    let quiet = m.get_flag("quiet");
    let command = match m.subcommand() {
        Some(("build", s)) => Command::Build {
            site: path(s, "site"),
            out: path(s, "out"),
            drafts: s.get_flag("drafts"),
            base_url: s.get_one::<String>("base_url").cloned(),
        },
        Some(("serve", s)) => Command::Serve {
            site: path(s, "site"),
            bind: s.get_one::<String>("bind").cloned().unwrap_or_else(|| "127.0.0.1".into()),
            port: s.get_one::<u16>("port").copied().unwrap_or(1111),
            drafts: s.get_flag("drafts"),
        },
        Some(("check", s)) => Command::Check {
            site: path(s, "site"),
            format: if s.get_one::<String>("format").is_some_and(|f| f == "json") {
                Format::Json
            } else {
                Format::Text
            },
            drafts: s.get_flag("drafts"),
            fix_encoding: s.get_flag("fix_encoding"),
        },
        Some(("new", s)) => Command::New { dir: path(s, "dir").unwrap_or_default() },
        Some(("completions", s)) => Command::Completions {
            shell: match s.get_one::<String>("shell").map(String::as_str) {
                Some("zsh") => clap_complete::Shell::Zsh,
                Some("fish") => clap_complete::Shell::Fish,
                Some("powershell") => clap_complete::Shell::PowerShell,
                _ => clap_complete::Shell::Bash,
            },
        },
        _ => return Err(command(t).error(clap::error::ErrorKind::MissingSubcommand, "")),
    };
    Ok(Cli { quiet, command })
}

fn path(m: &ArgMatches, id: &str) -> Option<PathBuf> {
    m.get_one::<PathBuf>(id).cloned()
}

/// A clap error in the user's language: what was wrong and where to read more. clap's own
/// wording is English, so only the values it found are taken from it.
pub fn error_text(e: &clap::Error, t: &Texts) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let get = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let message = match e.kind() {
        ErrorKind::UnknownArgument => msg!("cli-err-unknown-arg", arg = arg),
        ErrorKind::InvalidSubcommand => msg!("cli-err-unknown-command", command = get(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue if get(ContextKind::ValidValue).is_empty() => {
            msg!("cli-err-missing-value", arg = arg)
        }
        ErrorKind::InvalidValue => msg!(
            "cli-err-invalid-value",
            value = get(ContextKind::InvalidValue),
            arg = arg,
            allowed = get(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => msg!("cli-err-bad-value", value = get(ContextKind::InvalidValue), arg = arg),
        ErrorKind::MissingRequiredArgument => msg!("cli-err-missing", arg = arg),
        ErrorKind::ArgumentConflict => msg!("cli-err-conflict", arg = arg),
        ErrorKind::TooManyValues => msg!("cli-err-extra", value = get(ContextKind::InvalidValue)),
        _ => msg!("cli-err-other"),
    };
    let mut out = format!("{}: {}", t.get(&msg!("diag-error")), t.get(&message));
    let suggested = [get(ContextKind::SuggestedArg), get(ContextKind::SuggestedSubcommand)].join("");
    if !suggested.is_empty() {
        out.push_str(&format!(
            "\n  {}: {}",
            t.get(&msg!("diag-hint")),
            t.get(&msg!("cli-err-did-you-mean", word = suggested))
        ));
    }
    out.push_str(&format!("\n  {}: {}", t.get(&msg!("diag-hint")), t.get(&msg!("cli-err-see-help"))));
    out
}
