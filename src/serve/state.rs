//! What the builder thread and the HTTP handlers share: the build being served, the
//! error of the latest attempt, and the channel of notices that open pages listen to.

use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use tokio::sync::{broadcast, watch};

use super::changes::Changes;
use super::report::Failure;

/// One successful build, ready to serve.
#[derive(Debug)]
pub(crate) struct Served {
    /// Changes with every build, and between two runs of the server, so a page can
    /// tell whether it is out of date.
    pub build: String,
    pub dir: PathBuf,
    /// `dir` with symlinks resolved: every served file must resolve inside it.
    pub canonical: PathBuf,
    /// `/` or `/repo/`: the path of the site's `base_url`.
    pub base_path: String,
}

/// The last good build and, when the latest attempt failed, why.
#[derive(Debug, Clone, Default)]
pub(crate) struct Current {
    pub site: Option<Arc<Served>>,
    pub error: Option<Arc<Failure>>,
}

/// What open pages are told.
#[derive(Debug, Clone)]
pub(crate) enum Notice {
    Reload {
        build: String,
        /// The saved files (relative to the site root) that led to the build.
        sources: Vec<String>,
        changes: Changes,
    },
    Broken(Arc<Failure>),
}

pub(crate) struct Shared {
    current: RwLock<Current>,
    notices: broadcast::Sender<Notice>,
    stop: watch::Sender<bool>,
    /// Distinguishes this run's build ids from a previous run's.
    instance: String,
}

impl Shared {
    pub fn new() -> Shared {
        let (notices, _) = broadcast::channel(64);
        let (stop, _) = watch::channel(false);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        Shared {
            current: RwLock::new(Current::default()),
            notices,
            stop,
            instance: format!("{:x}{:x}", std::process::id(), nanos),
        }
    }

    pub fn current(&self) -> Current {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn build_id(&self, n: u64) -> String {
        format!("{}-{n}", self.instance)
    }

    /// Serves `site` from now on, clears any error, and tells open pages what changed
    /// (each reloads if it is concerned).
    pub fn publish(&self, site: Served, sources: Vec<String>, changes: Changes) {
        let build = site.build.clone();
        {
            let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
            current.site = Some(Arc::new(site));
            current.error = None;
        }
        // No receiver (no open page) is not an error.
        let _ = self.notices.send(Notice::Reload {
            build,
            sources,
            changes,
        });
    }

    /// Keeps serving the last good build and tells open pages what is wrong.
    pub fn fail(&self, failure: Failure) {
        let failure = Arc::new(failure);
        self.current
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .error = Some(failure.clone());
        let _ = self.notices.send(Notice::Broken(failure));
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Notice> {
        self.notices.subscribe()
    }

    /// Resolves once [`Shared::stop`] has been called.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.subscribe()
    }

    pub fn stop(&self) {
        self.stop.send_replace(true);
    }
}
