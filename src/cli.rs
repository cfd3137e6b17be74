//! The commands and flags of the `brief` binary.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// `0.1.0`, or `0.1.0 (commit 1a2b3c4d5e)` when built from a git checkout (see
/// build.rs).
pub static VERSION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    let version = env!("CARGO_PKG_VERSION");
    match env!("BRIEF_COMMIT") {
        "" => version.to_string(),
        commit => format!("{version} (commit {commit})"),
    }
});

/// A bare `brief` prints the help to stderr and exits 2, as any usage error does:
/// a script that forgot its subcommand should not look like it succeeded.
#[derive(Debug, Parser)]
#[command(
    name = "brief",
    version = VERSION.as_str(),
    about = "Build bilingual (Arabic/English) news briefing sites: timelines, an entity index, RTL done properly.",
    long_about = None,
    arg_required_else_help = true
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
    /// Make a new site in DIR (default: the current directory): brief.yaml, a sample
    /// briefing in Arabic and English, an entity registry, a GitHub Pages workflow.
    Init(InitArgs),
    /// Create the files of a new briefing, one per language:
    /// content/<SECTION>/<SLUG>/index.<lang>.md.
    New(NewArgs),
    /// Check the site without writing anything: everything `build` validates, plus
    /// links, missing and stale translations, unused entities. Exit status 1 on errors.
    Check(CheckArgs),
    /// Preview the site on http://127.0.0.1:PORT under its base_url's path; with
    /// --watch, rebuild on every saved change and reload open pages.
    Serve(ServeArgs),
    /// Print a shell completion script, e.g. `brief completions bash >
    /// ~/.local/share/bash-completion/completions/brief`.
    Completions(CompletionsArgs),
    /// Print brief's man page (roff) to stdout, or with --output write one page per
    /// command into DIR (brief.1, brief-build.1, …).
    Man(ManArgs),
    /// Print the version, and the git commit when built from a checkout.
    Version,
    /// Move a Jekyll or Hugo site into brief: reads SRC (never writes there), writes
    /// a new brief site in DEST (or adds to the -C site with --into), and reports what
    /// it converted, skipped and what to review.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write brief.1 and one page per command into this directory instead.
    #[arg(long, short = 'o', value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The generator SRC was made for.
    #[arg(value_enum)]
    pub from: ImportFrom,
    /// The existing site's directory.
    #[arg(value_name = "SRC")]
    pub src: PathBuf,
    /// Where to make the new brief site (default: SRC's name with `-brief`, in the
    /// current directory). Must be new or empty.
    #[arg(value_name = "DEST", conflicts_with = "into")]
    pub dest: Option<PathBuf>,
    /// Add the pages to the brief site given by -C (default: the current directory)
    /// instead of making a new one; no existing file is replaced.
    #[arg(long)]
    pub into: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFrom {
    Jekyll,
    Hugo,
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
    /// Also print how long each stage of the build took.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The directory to make the site in, created if needed (relative to --root).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Also in a directory that is not empty; existing files are still never replaced.
    #[arg(long)]
    pub force: bool,
    /// Where the GitHub Pages workflow installs brief from: `crates.io` (the
    /// package at this brief's version) or `git:URL[@REV]` (built from a repository,
    /// at a branch, tag or commit).
    #[arg(long, value_name = "SOURCE", default_value = "crates.io")]
    pub install: String,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// SECTION/SLUG, e.g. briefings/putin-call.
    #[arg(value_name = "SECTION/SLUG")]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    pub strict: bool,
    /// Check drafts too.
    #[arg(long)]
    pub drafts: bool,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Also list one-word aliases that occur in articles never naming the entity in
    /// full: candidates for `ambiguous:` in entities.yaml.
    #[arg(long)]
    pub suggest_ambiguous: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// rustc-style diagnostics grouped per file.
    Human,
    /// One JSON object: the findings of each file, and the counts.
    Json,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Rebuild on every saved change and reload the open pages.
    #[arg(long, short = 'w')]
    pub watch: bool,
    /// Watch by polling the files, for file systems that send no change events
    /// (network shares, some containers and VMs). Implies --watch.
    #[arg(long)]
    pub poll: bool,
    /// Listen on this port; without it, 1111 or the next free port.
    #[arg(long, short = 'p', value_name = "N")]
    pub port: Option<u16>,
    /// Listen on this address. Anything but 127.0.0.1 or ::1 lets other machines on
    /// the network see the preview.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}
