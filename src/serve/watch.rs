//! File events → the paths worth a rebuild. Watches `content/`, `templates/`,
//! `themes/` and `static/` recursively and the site root (for `brief.yaml`, and for
//! those directories appearing later) through notify, debounced; drops reads, editor
//! temp files and anything else in the root.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, NoCache, new_debouncer_opt};

use crate::error::{Error, Result};

/// How long the builder waits after the last event on a path before rebuilding:
/// long enough to see an editor's write-rename-delete dance as one save, short enough
/// to feel instant.
const DEBOUNCE: std::time::Duration = std::time::Duration::from_millis(20);

/// What the builder thread receives.
#[derive(Debug)]
pub(crate) enum Message {
    /// Absolute paths that changed.
    Changed(Vec<PathBuf>),
    WatchError(String),
    Stop,
}

/// The directories of a site that feed its build.
const DIRS: [&str; 4] = ["content", "templates", "themes", "static"];
const CONFIG: &str = crate::config::FILE;
/// `--poll`: often enough to feel live, rarely enough to stay cheap on a big site.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

enum Inner {
    Native(Debouncer<RecommendedWatcher, NoCache>),
    Poll(Debouncer<PollWatcher, NoCache>),
}

impl Inner {
    fn watch(&mut self, path: &Path, mode: RecursiveMode) -> notify::Result<()> {
        match self {
            Inner::Native(d) => d.watch(path, mode),
            Inner::Poll(d) => d.watch(path, mode),
        }
    }

    fn unwatch(&mut self, path: &Path) -> notify::Result<()> {
        match self {
            Inner::Native(d) => d.unwatch(path),
            Inner::Poll(d) => d.unwatch(path),
        }
    }
}

pub(crate) struct Watcher {
    root: PathBuf,
    inner: Inner,
    watched: BTreeSet<PathBuf>,
}

/// For the "serving …" report.
pub(crate) fn describe(poll: bool) -> &'static str {
    if poll {
        "watching content/, templates/, themes/, static/ and brief.yaml by polling"
    } else {
        "watching content/, templates/, themes/, static/ and brief.yaml"
    }
}

impl Watcher {
    /// Starts watching the site at `root` (canonical); relevant changes are sent to
    /// `tx` as [`Message::Changed`] with absolute paths.
    pub fn new(root: &Path, poll: bool, tx: Sender<Message>) -> Result<Watcher> {
        let filter_root = root.to_path_buf();
        let handler = move |result: DebounceEventResult| {
            let message = match result {
                Ok(events) => {
                    let paths: BTreeSet<PathBuf> = events
                        .iter()
                        .filter(|e| is_change(&e.kind))
                        .flat_map(|e| &e.paths)
                        .filter(|p| relevant(&filter_root, p))
                        .cloned()
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Message::Changed(paths.into_iter().collect())
                }
                Err(errors) => Message::WatchError(
                    errors
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            // The builder is gone only when the server is stopping.
            let _ = tx.send(message);
        };
        let refuse = |e: notify::Error| {
            Error::Serve(format!(
                "cannot watch {} for changes: {e}{}",
                root.display(),
                if poll {
                    ""
                } else {
                    " (try --poll where the file system sends no events)"
                }
            ))
        };
        let inner = if poll {
            // Polling compares modification times in whole seconds; hashing the
            // contents too catches a second save within the same second.
            let config = notify::Config::default()
                .with_poll_interval(POLL_INTERVAL)
                .with_compare_contents(true);
            Inner::Poll(
                new_debouncer_opt(DEBOUNCE, None, handler, NoCache, config).map_err(refuse)?,
            )
        } else {
            Inner::Native(
                new_debouncer_opt(DEBOUNCE, None, handler, NoCache, notify::Config::default())
                    .map_err(refuse)?,
            )
        };
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            inner,
            watched: BTreeSet::new(),
        };
        // The root non-recursively: brief.yaml saved by rename replaces its inode, so
        // watching the file itself would go deaf after the first save.
        watcher
            .inner
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(refuse)?;
        if let Some(problem) = watcher.sync(&[]).into_iter().next() {
            return Err(Error::Serve(problem));
        }
        Ok(watcher)
    }

    /// Watches the site directories that exist and were not watched yet (created
    /// since), and watches again those `changed` shows were replaced (a checkout
    /// that removes and recreates `content/`). Returns what could not be watched.
    pub fn sync(&mut self, changed: &[PathBuf]) -> Vec<String> {
        let mut problems = Vec::new();
        for name in DIRS {
            let dir = self.root.join(name);
            let replaced = changed.contains(&dir);
            if self.watched.contains(&dir) && (replaced || !dir.is_dir()) {
                let _ = self.inner.unwatch(&dir);
                self.watched.remove(&dir);
            }
            if dir.is_dir() && !self.watched.contains(&dir) {
                match self.inner.watch(&dir, RecursiveMode::Recursive) {
                    Ok(()) => {
                        self.watched.insert(dir);
                    }
                    Err(e) => problems.push(format!("cannot watch {}: {e}", dir.display())),
                }
            }
        }
        problems
    }
}

/// Reads and opens change nothing; a build reading the content must not trigger the
/// next build.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Whether a change at `path` can change the site: `brief.yaml`, or a file under one
/// of the site directories that is not an editor's temp file.
fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut components = relative.components();
    let Some(first) = components.next().and_then(|c| c.as_os_str().to_str()) else {
        return false;
    };
    let nested = components.next().is_some();
    let top = if nested {
        DIRS.contains(&first)
    } else {
        first == CONFIG || DIRS.contains(&first)
    };
    top && !path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_editor_temp)
}

/// Files editors write beside the one being saved: swap files, backups, lock files,
/// and the files some save through before renaming over the original.
fn is_editor_temp(name: &str) -> bool {
    const SUFFIXES: [&str; 9] = [
        "~",
        ".swp",
        ".swo",
        ".swx",
        ".swpx",
        ".kate-swp",
        ".tmp",
        "___jb_tmp___",
        "___jb_old___",
    ];
    const PREFIXES: [&str; 3] = [".#", ".goutputstream-", ".~lock."];
    SUFFIXES.iter().any(|s| name.ends_with(s))
        || PREFIXES.iter().any(|p| name.starts_with(p))
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name == ".DS_Store"
        || is_vim_probe(name)
}

/// Vim checks that a directory is writable by creating `4913` (then 5036, 5159…:
/// it adds 123 while the name exists).
fn is_vim_probe(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_digit())
        && name
            .parse::<u64>()
            .is_ok_and(|n| n >= 4913 && (n - 4913) % 123 == 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_feeds_the_build() {
        let root = Path::new("/site");
        let cases = [
            ("/site/brief.yaml", true),
            ("/site/content/briefings/x/index.ar.md", true),
            ("/site/content/entities.yaml", true),
            ("/site/content", true),
            ("/site/templates/article.html", true),
            ("/site/themes/plain/static/style.css", true),
            ("/site/static/fonts/naskh.woff2", true),
            ("/site/public/index.html", false),
            ("/site/.public.brief-tmp-12/index.html", false),
            ("/site/target/debug/brief", false),
            ("/site/README.md", false),
            ("/site/brief.yaml~", false),
            ("/site/other/brief.yaml", false),
            ("/elsewhere/content/x.md", false),
            ("/site/content/briefings/x/.index.ar.md.swp", false),
            ("/site/content/briefings/x/index.ar.md~", false),
            ("/site/content/briefings/x/.#index.ar.md", false),
            ("/site/content/briefings/x/#index.ar.md#", false),
            ("/site/content/briefings/x/4913", false),
            ("/site/content/briefings/x/5036", false),
            ("/site/content/briefings/x/2025", true),
            ("/site/content/briefings/x/index.ar.md___jb_tmp___", false),
            ("/site/content/.goutputstream-ABC123", false),
            ("/site/static/.DS_Store", false),
        ];
        for (path, expected) in cases {
            assert_eq!(relevant(root, Path::new(path)), expected, "{path}");
        }
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{CreateKind, ModifyKind, RemoveKind};
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
    }
}
