//! Parses the command line, calls the library, and turns the outcome into output and
//! an exit code: 0 success, 1 content or I/O errors, 2 usage.

use std::process::ExitCode;
use std::time::Instant;

use brief::cli::{Cli, Command};
use brief::count;
use brief::{Error, LoadOptions, Site, Summary};
use clap::Parser;

/// A build makes and drops millions of small strings and values on two threads:
/// mimalloc does it in less time than glibc's malloc (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let timings = matches!(&cli.command, Command::Build(args) if args.timings);
    let result = match &cli.command {
        Command::Build(args) => {
            let started = Instant::now();
            let options = LoadOptions {
                drafts: args.drafts,
                base_url: args.base_url.clone(),
                stream: true,
            };
            Site::load(&cli.root, &options).and_then(|mut site| {
                let output = args
                    .output
                    .clone()
                    .unwrap_or_else(|| brief::build::default_output(&cli.root));
                let progress = picture_progress();
                let built = brief::build::publish_planned(&mut site, &output, started, &progress);
                progress.finish();
                // The references are known once the bodies are rendered.
                let summary = built.map(|(mut s, prepared)| {
                    s.warnings
                        .extend(brief::check::broken_references_in(&site, &prepared.plan));
                    // As the site below.
                    std::mem::forget(prepared);
                    s
                });
                // The process ends right after; freeing the whole site one string at a
                // time would only add to the build's time.
                std::mem::forget(site);
                summary
            })
        }
        Command::Init(args) => return init(&cli.root, args),
        Command::New(args) => return new(&cli.root, args),
        Command::Check(args) => return check(&cli.root, args),
        Command::Serve(args) => return serve(&cli.root, args),
        Command::Completions(args) => {
            return write_stdout(&brief::usage::completions(args.shell), "the completions");
        }
        Command::Man(args) => return man(args),
        Command::Version => {
            println!("brief {}", *brief::cli::VERSION);
            return ExitCode::SUCCESS;
        }
        Command::Import(args) => return import(&cli.root, args),
    };
    match result {
        Ok(summary) => {
            print_summary(&summary);
            if timings {
                print_timings(&summary);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            report(&error);
            ExitCode::from(error.exit_code() as u8)
        }
    }
}

/// Progress of the pictures (resized copies, social cards) on stderr, once they have
/// taken about two seconds: one line rewritten in place on a terminal, a line every
/// few seconds in a log.
fn picture_progress() -> PictureProgress {
    use std::io::IsTerminal;
    let terminal = std::io::stderr().is_terminal();
    let last_line = std::sync::Mutex::new(None::<Instant>);
    PictureProgress {
        terminal,
        inner: brief::media::LateProgress::new(Box::new({
            move |done: usize, total: usize| {
                if terminal {
                    eprint!("\rpictures: {done}/{total}");
                } else {
                    let mut last = last_line.lock().unwrap_or_else(|e| e.into_inner());
                    let due = last.is_none_or(|t| t.elapsed().as_secs() >= 5);
                    if !(due || done == total) {
                        return;
                    }
                    *last = Some(Instant::now());
                    eprintln!("pictures: {done}/{total}");
                }
            }
        })),
    }
}

struct PictureProgress {
    terminal: bool,
    inner: brief::media::LateProgress<Box<dyn Fn(usize, usize) + Sync>>,
}

impl brief::media::Progress for PictureProgress {
    fn advance(&self, done: usize, total: usize) {
        self.inner.advance(done, total);
    }
}

impl PictureProgress {
    /// Ends the line a terminal's counter was on.
    fn finish(&self) {
        if self.terminal && self.inner.has_shown() {
            eprintln!();
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
        "built {} ({}), {}, {}, {} in {:.0} ms{}",
        count(summary.pages.values().sum::<usize>(), "page", "pages"),
        pages.join(", "),
        count(summary.entities, "entity", "entities"),
        count(summary.events, "event", "events"),
        count(summary.files, "file", "files"),
        summary.elapsed.as_secs_f64() * 1000.0,
        if summary.warnings.is_empty() {
            String::new()
        } else {
            format!(", {}", count(summary.warnings.len(), "warning", "warnings"))
        }
    );
}

fn print_timings(summary: &Summary) {
    for (stage, took) in &summary.stages {
        println!("{:>9.1} ms  {stage}", took.as_secs_f64() * 1000.0);
    }
    println!(
        "{} linked from .brief-cache/pages/ (their data unchanged since the build before)",
        count(summary.stored, "page", "pages"),
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
                "error: the build failed with {}; the previous output is unchanged",
                count(errors, "error", "errors")
            );
        }
        Error::Template(text) => {
            eprintln!("{text}\nerror: a template failed; the previous output is unchanged")
        }
        other => eprintln!("error: {other}"),
    }
}

fn init(root: &std::path::Path, args: &brief::cli::InitArgs) -> ExitCode {
    let dir = args
        .dir
        .as_ref()
        .map_or_else(|| root.to_path_buf(), |d| root.join(d));
    let install = match brief::scaffold::Install::parse(&args.install) {
        Ok(install) => install,
        Err(error) => return fail(&error),
    };
    match brief::scaffold::init(&dir, args.force, &install) {
        Ok(done) => {
            println!("created a brief site in {}", done.dir.display());
            for file in &done.written {
                println!("  wrote    {}", file.display());
            }
            for file in &done.skipped {
                println!("  skipped  {} (it exists)", file.display());
            }
            println!(
                "next: `brief -C {} build`, then push to GitHub and set Settings → Pages → Source to \"GitHub Actions\"",
                done.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn new(root: &std::path::Path, args: &brief::cli::NewArgs) -> ExitCode {
    match brief::scaffold::new(root, &args.name) {
        Ok(files) => {
            for file in &files {
                println!("created {}", file.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}

fn check(root: &std::path::Path, args: &brief::cli::CheckArgs) -> ExitCode {
    let options = brief::check::Options {
        strict: args.strict,
        drafts: args.drafts,
        suggest_ambiguous: args.suggest_ambiguous,
    };
    match brief::check::check(root, &options) {
        Ok(findings) => {
            match args.format {
                brief::cli::CheckFormat::Human => print!("{}", findings.render()),
                brief::cli::CheckFormat::Json => print!("{}", findings.to_json()),
            }
            if findings.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(error) => fail(&error),
    }
}

fn man(args: &brief::cli::ManArgs) -> ExitCode {
    match &args.output {
        None => {
            let mut page = Vec::new();
            match brief::usage::man_page(&mut page) {
                Ok(()) => write_stdout(&page, "the man page"),
                Err(e) => {
                    eprintln!("error: cannot make the man page: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some(dir) => match brief::usage::man_pages(dir) {
            Ok(files) => {
                for file in &files {
                    println!("wrote {}", file.display());
                }
                ExitCode::SUCCESS
            }
            Err(error) => fail(&error),
        },
    }
}

/// Writes `bytes` to stdout; a closed pipe (`brief man | head`) is not an error.
fn write_stdout(bytes: &[u8], what: &str) -> ExitCode {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write {what}: {e}");
            ExitCode::from(1)
        }
    }
}

fn fail(error: &Error) -> ExitCode {
    report(error);
    ExitCode::from(error.exit_code() as u8)
}

fn serve(root: &std::path::Path, args: &brief::cli::ServeArgs) -> ExitCode {
    let options = brief::serve::Options {
        root: root.to_path_buf(),
        bind: args.bind,
        port: args.port,
        watch: args.watch || args.poll,
        poll: args.poll,
        drafts: args.drafts,
        open: args.open,
    };
    let print = |report: brief::serve::Report| {
        if report.is_problem() {
            eprintln!("{report}");
        } else {
            println!("{report}");
        }
    };
    match brief::serve::run(options, std::sync::Arc::new(print)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(&error),
    }
}

fn import(root: &std::path::Path, args: &brief::cli::ImportArgs) -> ExitCode {
    let kind = match args.from {
        brief::cli::ImportFrom::Jekyll => brief::import::Kind::Jekyll,
        brief::cli::ImportFrom::Hugo => brief::import::Kind::Hugo,
    };
    let dest = match (&args.dest, args.into) {
        (_, true) => root.to_path_buf(),
        (Some(dest), false) => dest.clone(),
        (None, false) => {
            let name = args
                .src
                .canonicalize()
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_else(|| "site".to_string());
            std::path::PathBuf::from(format!("{name}-brief"))
        }
    };
    let options = brief::import::Options {
        kind,
        src: args.src.clone(),
        dest,
        into: args.into,
    };
    match brief::import::run(&options) {
        Ok(report) => {
            print!("{}", report.render());
            ExitCode::SUCCESS
        }
        Err(error) => fail(&error),
    }
}
