//! The commands and flags of the `brief` binary.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version,
    about = "Build bilingual (Arabic/English) news briefing sites: timelines, an entity index, RTL done properly.",
    long_about = None
)]
pub struct Cli {
    /// The site's directory (the one holding brief.yaml).
    #[arg(
        long,
        short = 'C',
        global = true,
        default_value = ".",
        value_name = "DIR"
    )]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (or --output). A failed build leaves the previous
    /// output untouched; the same input always gives the same bytes.
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Publish under this URL instead of brief.yaml's base_url, e.g.
    /// https://org.github.io/briefings/ (its path prefixes every link).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Write the site here instead of <root>/public.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
}
