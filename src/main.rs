//! Parses the command line, calls the library, and turns the outcome into output and
//! an exit code: 0 success, 1 content or I/O errors, 2 usage.

use std::process::ExitCode;
use std::time::Instant;

use brief::cli::{Cli, Command};
use brief::{Error, LoadOptions, Site, Summary};
use clap::Parser;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => {
            let started = Instant::now();
            let options = LoadOptions {
                drafts: args.drafts,
                base_url: args.base_url.clone(),
            };
            Site::load(&cli.root, &options).and_then(|site| {
                let output = args
                    .output
                    .clone()
                    .unwrap_or_else(|| brief::site::default_output(&cli.root));
                site.build(&output, started)
            })
        }
    };
    match result {
        Ok(summary) => {
            print_summary(&summary);
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error);
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

fn print_summary(summary: &Summary) {
    for warning in &summary.warnings {
        eprintln!("{}\n", warning.render());
    }
    let pages: Vec<String> = summary
        .pages
        .iter()
        .map(|(lang, n)| format!("{lang} {n}"))
        .collect();
    println!(
        "built {} pages ({}), {} entities, {} events, {} files in {:.0} ms{}",
        summary.pages.values().sum::<usize>(),
        pages.join(", "),
        summary.entities,
        summary.events,
        summary.files,
        summary.elapsed.as_secs_f64() * 1000.0,
        if summary.warnings.is_empty() {
            String::new()
        } else {
            format!(", {} warning(s)", summary.warnings.len())
        }
    );
}

fn report(error: &Error) {
    match error {
        Error::Content(diagnostics) => {
            for d in diagnostics {
                eprintln!("{}\n", d.render());
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "error: the build failed with {errors} error(s); the previous output is unchanged"
            );
        }
        Error::Template(text) => {
            eprintln!("{text}\nerror: a template failed; the previous output is unchanged")
        }
        other => eprintln!("error: {other}"),
    }
}
