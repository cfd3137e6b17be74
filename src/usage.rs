//! The command line described for other programs: clap's definition of `brief` →
//! shell completion scripts (clap_complete) and man pages (clap_mangen).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

/// The completion script for `shell` (bash, zsh, fish, powershell, elvish). Made in
/// memory: clap_complete panics when its writer fails (a closed pipe).
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "brief", &mut script);
    script
}

/// Writes `brief.1`: the synopsis, every option and a list of every command.
pub fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    clap_mangen::Man::new(command()).render(out)
}

/// `brief` as the man pages and completions describe it: `brief help` is left out
/// (every command has `--help`), so no page is listed that is not written.
fn command() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// Writes `brief.1` and one page per command (`brief-build.1`, …) into `dir`, created
/// if needed; returns the files written, in order.
pub fn man_pages(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let command = command();
    let mut pages = vec![command.clone()];
    pages.extend(
        command
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .cloned(),
    );
    pages
        .into_iter()
        .map(|page| {
            let man = clap_mangen::Man::new(page);
            let path = dir.join(man.get_filename());
            let mut bytes = Vec::new();
            man.render(&mut bytes).map_err(Error::io(&path))?;
            std::fs::write(&path, bytes).map_err(Error::io(&path))?;
            Ok(path)
        })
        .collect()
}

/// The names of brief's commands, as the completions and man page must list them.
pub fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}
