//! Command-line definitions (clap). Parsing only: `main.rs` turns these into library calls.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "loa",
    version,
    about = "Campaign website, posters, leaflets, banners, loudspeaker scripts and SMS from one folder of Markdown"
)]
pub struct Cli {
    /// Print nothing but errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every output of the site into OUT (default SITE/public).
    Build {
        /// The site folder (with loa.yaml); the current folder by default.
        site: Option<PathBuf>,
        /// Output folder.
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        out: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Use this address instead of `base_url` from loa.yaml.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Build, serve over HTTP, rebuild on change and reload open pages.
    Serve {
        site: Option<PathBuf>,
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        #[arg(long)]
        drafts: bool,
    },
    /// Check the content without writing anything; exit 1 when an error is found.
    Check {
        site: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        #[arg(long)]
        drafts: bool,
        /// Convert text pasted from TCVN3 (ABC) or VNI documents to Unicode, keeping each
        /// original as FILE.bak, then check.
        #[arg(long)]
        fix_encoding: bool,
    },
    /// Create a new site that `loa build DIR` builds as it is.
    New { dir: PathBuf },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}
