//! What the dev server tells the terminal (one [`Report`] per event, one line per
//! rebuild) and what a failed build tells the browser ([`Failure`], sent as JSON).

use std::collections::BTreeMap;
use std::fmt;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::text::count::count;

/// Something worth a line in the terminal.
#[derive(Debug, Clone)]
pub enum Report {
    Listening {
        url: String,
        builds: PathBuf,
        /// How changes are watched, when they are.
        watching: Option<&'static str>,
    },
    /// The default port was busy and `port` was taken instead.
    PortTaken {
        busy: u16,
        port: u16,
    },
    /// Listening on a non-loopback address: other machines can reach the preview.
    Exposed(IpAddr),
    Built {
        /// Paths relative to the site root; empty for the first build.
        changed: Vec<String>,
        /// Pages rendered, per language: after an edit, the pages of briefings it
        /// cannot have changed are taken over from the last build, not counted.
        pages: BTreeMap<String, usize>,
        elapsed: Duration,
        warnings: Vec<Diagnostic>,
    },
    Failed {
        changed: Vec<String>,
        failure: Arc<Failure>,
        /// Whether an earlier build succeeded and is still served; false while the
        /// site has never built in this run.
        serving: bool,
    },
    Warning(String),
    /// How far a long batch of pictures (resized copies, social cards) has got.
    Pictures {
        done: usize,
        total: usize,
    },
    /// A language's search index, made after the reload, is in place; `made` is
    /// false when it came from the cache.
    Indexed {
        lang: String,
        elapsed: Duration,
        made: bool,
    },
}

impl Report {
    /// Problems go to stderr, progress to stdout.
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Report::Failed { .. } | Report::Warning(_) | Report::Exposed(_)
        ) || matches!(self, Report::Built { warnings, .. } if !warnings.is_empty())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Report::Listening {
                url,
                builds,
                watching,
            } => {
                write!(f, "serving {url} (built into {})", builds.display())?;
                match watching {
                    Some(how) => write!(f, "\n{how}; Ctrl-C stops"),
                    None => write!(f, "\nnot watching for changes (add --watch); Ctrl-C stops"),
                }
            }
            Report::PortTaken { busy, port } => {
                write!(f, "port {busy} is in use; using {port}")
            }
            Report::Exposed(ip) => write!(
                f,
                "warning: listening on {ip}: other machines on the network can reach this preview; use --bind 127.0.0.1 to keep it on this machine"
            ),
            Report::Built {
                changed,
                pages,
                elapsed,
                warnings,
            } => {
                for warning in warnings {
                    writeln!(f, "{}\n", warning.render())?;
                }
                let per_language: Vec<String> = pages
                    .iter()
                    .map(|(lang, n)| format!("{lang} {n}"))
                    .collect();
                write!(
                    f,
                    "{} {}{} {} ({}) in {:.0} ms",
                    clock(),
                    what_changed(changed),
                    if changed.is_empty() {
                        "built"
                    } else {
                        "rebuilt"
                    },
                    count(pages.values().sum::<usize>(), "page", "pages"),
                    per_language.join(", "),
                    elapsed.as_secs_f64() * 1000.0
                )?;
                if !warnings.is_empty() {
                    write!(f, ", {}", count(warnings.len(), "warning", "warnings"))?;
                }
                Ok(())
            }
            Report::Failed {
                changed,
                failure,
                serving,
            } => {
                writeln!(f, "{}", failure.text)?;
                write!(
                    f,
                    "{} {}the build failed with {}; {}",
                    clock(),
                    what_changed(changed),
                    count(failure.problems.len().max(1), "error", "errors"),
                    if *serving {
                        "still serving the last good build"
                    } else {
                        "nothing to serve until it builds: the browser shows these errors, and the site appears as soon as a saved fix builds"
                    }
                )
            }
            Report::Warning(text) => write!(f, "warning: {text}"),
            Report::Pictures { done, total } => write!(f, "pictures: {done}/{total}"),
            Report::Indexed {
                lang,
                elapsed,
                made,
            } => write!(
                f,
                "search index ({lang}) {} in {} ms",
                if *made {
                    "updated"
                } else {
                    "unchanged, from the cache,"
                },
                elapsed.as_millis()
            ),
        }
    }
}

/// `content/a.md changed: ` or `3 files changed (content/a.md, …): `; empty for the
/// first build.
fn what_changed(changed: &[String]) -> String {
    match changed {
        [] => String::new(),
        [one] => format!("{one} changed: "),
        [first, rest @ ..] => format!(
            "{} changed ({first}, …): ",
            count(rest.len() + 1, "file", "files")
        ),
    }
}

/// The wall-clock time, so a terminal left open shows when each rebuild happened.
fn clock() -> String {
    jiff::ZonedDateTime::now().strftime("%H:%M:%S").to_string()
}

/// Why a build failed, for the browser overlay and the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// Every error, rendered as the terminal shows it.
    pub text: String,
    pub problems: Vec<Problem>,
}

/// One error, located.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Relative to the site root; empty when the error is not about one file.
    pub file: String,
    /// 1-based; 0 when the error concerns the whole file.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Failure {
    pub fn from_error(error: &Error) -> Failure {
        match error {
            Error::Content(diagnostics) => {
                let errors: Vec<&Diagnostic> =
                    diagnostics.iter().filter(|d| d.is_error()).collect();
                Failure {
                    text: errors
                        .iter()
                        .map(|d| d.render())
                        .collect::<Vec<_>>()
                        .join("\n\n"),
                    problems: errors
                        .iter()
                        .map(|d| Problem {
                            file: d.file.to_string_lossy().replace('\\', "/"),
                            line: d.line,
                            column: d.column,
                            message: d.message.clone(),
                        })
                        .collect(),
                }
            }
            Error::Io { path, source } => Failure {
                text: error.to_string(),
                problems: vec![Problem {
                    file: path.to_string_lossy().replace('\\', "/"),
                    line: 0,
                    column: 0,
                    message: source.to_string(),
                }],
            },
            Error::Template(text)
            | Error::Search(text)
            | Error::Serve(text)
            | Error::Usage(text) => Failure {
                text: text.clone(),
                problems: vec![Problem {
                    file: String::new(),
                    line: 0,
                    column: 0,
                    message: text.lines().next().unwrap_or_default().to_string(),
                }],
            },
        }
    }
}

/// Receives what the server has to say (listening, rebuilt, failed…); `main` prints.
pub type Reporter = std::sync::Arc<dyn Fn(Report) + Send + Sync>;

/// The path of `path` relative to `root`, with `/` separators, for messages.
pub(crate) fn shown(root: &std::path::Path, path: &std::path::Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_what_changed() {
        let cases: &[(&[&str], &str)] = &[
            (&[], ""),
            (&["content/a.md"], "content/a.md changed: "),
            (
                &["brief.yaml", "content/a.md"],
                "2 files changed (brief.yaml, …): ",
            ),
        ];
        for (changed, expected) in cases {
            let changed: Vec<String> = changed.iter().map(|s| s.to_string()).collect();
            assert_eq!(what_changed(&changed), *expected);
        }
    }

    #[test]
    fn terminal_lines_are_english_with_plural_forms() {
        let built = |changed: &[&str], pages: &[(&str, usize)], warnings: usize| Report::Built {
            changed: changed.iter().map(|s| s.to_string()).collect(),
            pages: pages.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
            elapsed: Duration::from_millis(12),
            warnings: (0..warnings)
                .map(|_| Diagnostic::warning("content/أ.ar.md", "unknown key `titel`"))
                .collect(),
        };
        let failed = |errors: usize, serving: bool| Report::Failed {
            changed: vec!["content/briefings/دمشق/index.ar.md".into()],
            failure: Arc::new(Failure {
                text: "error: …".into(),
                problems: (0..errors)
                    .map(|_| Problem {
                        file: "content/briefings/دمشق/index.ar.md".into(),
                        line: 3,
                        column: 7,
                        message: "`date`: invalid date `2025-02-30`".into(),
                    })
                    .collect(),
            }),
            serving,
        };
        let cases = [
            (built(&[], &[("ar", 1)], 0), " built 1 page (ar 1) in 12 ms"),
            (
                built(&["content/a.ar.md"], &[("ar", 1), ("en", 1)], 1),
                " content/a.ar.md changed: rebuilt 2 pages (ar 1, en 1) in 12 ms, 1 warning",
            ),
            (
                built(&["brief.yaml", "content/a.md"], &[("ar", 0)], 2),
                " 2 files changed (brief.yaml, …): rebuilt 0 pages (ar 0) in 12 ms, 2 warnings",
            ),
            (
                failed(1, true),
                "the build failed with 1 error; still serving the last good build",
            ),
            (
                failed(3, true),
                "the build failed with 3 errors; still serving the last good build",
            ),
            (
                failed(2, false),
                "the build failed with 2 errors; nothing to serve until it builds",
            ),
        ];
        for (report, expected) in cases {
            let text = report.to_string();
            let last = text.lines().last().unwrap_or_default();
            assert!(last.contains(expected), "{last:?} lacks {expected:?}");
            assert!(!text.contains("(s)"), "{text}");
        }
    }

    #[test]
    fn a_content_failure_keeps_only_errors_with_their_place() {
        let error = Error::Content(vec![
            Diagnostic::error("content/a.ar.md", "`date` is not a date").at(
                "---\ndate: غدا\n---\n",
                2,
                7,
            ),
            Diagnostic::warning("content/b.en.md", "unknown key `titel`"),
        ]);
        let failure = Failure::from_error(&error);
        assert_eq!(
            failure.problems,
            vec![Problem {
                file: "content/a.ar.md".into(),
                line: 2,
                column: 7,
                message: "`date` is not a date".into(),
            }]
        );
        assert!(failure.text.contains("content/a.ar.md:2:7"));
        assert!(!failure.text.contains("titel"));
    }
}
