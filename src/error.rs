//! The library's error type: what failed, with the path or the diagnostics that say
//! where, and the exit code `main` turns it into.

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// Every problem found in the site's files; rendered one by one by `main`.
    #[error("{} in the site's files", crate::text::count::count(.0.iter().filter(|d| d.is_error()).count(), "error", "errors"))]
    Content(Vec<Diagnostic>),
    /// A Tera error, already rendered with its template snippet.
    #[error("{0}")]
    Template(String),
    /// Pagefind could not make a language's search index.
    #[error("{0}")]
    Search(String),
    /// The preview server could not start or keep running (the watcher, the
    /// listener, the builder thread), said in words.
    #[error("{0}")]
    Serve(String),
    /// The command was asked for something it cannot do (bad flag values, a
    /// directory that is not a site, a port that is taken).
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn io(path: impl AsRef<Path>) -> impl FnOnce(io::Error) -> Error {
        let path = path.as_ref().to_path_buf();
        move |source| Error::Io { path, source }
    }

    /// 2 for a command asked for something it cannot do; 1 for a site that does not
    /// build or anything that failed while doing it.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
