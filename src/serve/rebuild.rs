//! Changed paths → a new build served, or the error shown. A saved article still in
//! its place (body, title, summary, sources or authors edited) is re-rendered in
//! place: its page and the pages that show it, then the files that carry it; anything
//! else is a full `Site::reload` (which takes over the unchanged files of the last good build, parsed and
//! rendered, and gives what a fresh load gives) + `Site::build` into a fresh numbered
//! directory, so the switch to it is one pointer swap and the previous build keeps
//! answering requests already under way.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::time::Instant;

use tempfile::TempDir;

use super::changes::{Digests, Written};
use super::report::{Failure, Report};
use super::report::{Reporter, shown};
use super::state::{Served, Shared};
pub(crate) use super::watch::Message;
use super::watch::Watcher;
use crate::build::update::{Update, write_pages};
use crate::build::{self, Prepared};
use crate::error::{Error, Result};
use crate::plan::Page;
use crate::search::background::{Outcome, Work};
use crate::site::{LoadOptions, Site};

pub(crate) struct Config {
    /// Canonical.
    pub root: PathBuf,
    pub drafts: bool,
    /// `http://127.0.0.1:PORT`, to which the site's base path is appended.
    pub origin: String,
}

pub(crate) struct Builder {
    config: Config,
    shared: Arc<Shared>,
    reporter: Reporter,
    /// The private temp dir the numbered builds go into; removed with the builder.
    builds: TempDir,
    /// Whether `builds` is memory-backed (and may fill up).
    in_memory: bool,
    /// Temp dirs given up for a roomier one; they may still hold the served build.
    retired: Vec<TempDir>,
    count: u64,
    /// Build directories still on disk, oldest first.
    kept: VecDeque<PathBuf>,
    /// The site of the served build, kept for the fast path: a saved body that
    /// changes no front matter re-renders only the pages that show it.
    last: Option<Box<Last>>,
    /// The files of the served build, to tell open pages which of them changed.
    digests: Digests,
}

struct Last {
    site: Site,
    prepared: Prepared,
    dir: PathBuf,
    canonical: PathBuf,
}

/// What the fast path wrote before the reload ([`Builder::fast`]), and the rest of
/// its update.
struct Fast {
    served: Served,
    /// The paths inside the site of the pages rendered first.
    written: Vec<String>,
    update: Update,
    /// The pages left for after the first reload.
    later: Vec<Page>,
}

/// The served build plus the previous one, which may still be answering a request.
const KEEP: usize = 2;

impl Builder {
    pub fn new(config: Config, shared: Arc<Shared>, reporter: Reporter) -> Result<Builder> {
        let (builds, in_memory) = builds_dir()?;
        Ok(Builder {
            config,
            shared,
            reporter,
            builds,
            in_memory,
            retired: Vec::new(),
            count: 0,
            kept: VecDeque::new(),
            last: None,
            digests: Digests::default(),
        })
    }

    /// Removes the build directories and nothing else: the process is about to exit,
    /// and freeing the site one string at a time would only delay it.
    pub fn discard(self) {
        let Builder {
            builds,
            retired,
            last,
            ..
        } = self;
        let dirs: Vec<PathBuf> = retired
            .into_iter()
            .chain(std::iter::once(builds))
            .map(TempDir::keep)
            .collect();
        super::stop::remove(&dirs);
        std::mem::forget(last);
    }

    /// Where the builds go, for the "serving …" report.
    pub fn builds(&self) -> &Path {
        self.builds.path()
    }

    /// Builds and serves the result, or keeps the last good build and publishes the
    /// error. `changed` is absolute paths (empty for the first build).
    fn rebuild(
        &mut self,
        changed: &[PathBuf],
        started: Instant,
        report_failure: bool,
    ) -> Result<()> {
        let paths = changed;
        let changed: Vec<String> = changed
            .iter()
            .map(|p| shown(&self.config.root, p))
            .collect();
        if let Some(Fast {
            served,
            written,
            update,
            later,
        }) = self.fast(paths)
        {
            let changes =
                self.digests
                    .update(&served.dir, &served.base_path, Written::Files(written));
            self.shared.publish(served, changed.clone(), changes);
            let reporter = self.reporter.clone();
            let outcome = self.after_fast(&update, &later, &changed, |pages| {
                reporter(Report::Built {
                    changed: changed.clone(),
                    pages,
                    elapsed: started.elapsed(),
                    warnings: Vec::new(),
                });
            });
            match outcome {
                Ok(()) => return Ok(()),
                // The site is whole in memory: a full build writes every file.
                Err(error) => (self.reporter)(Report::Warning(format!(
                    "cannot write the rest of the edit in place ({error}); building the whole site again"
                ))),
            }
        }
        let mut outcome = self.attempt(paths, started);
        if self.in_memory && is_full(&outcome) {
            // `/dev/shm` is small in some containers: move to the disk and go on.
            match tempfile::Builder::new()
                .prefix(&super::stop::builds_prefix())
                .tempdir()
            {
                Ok(disk) => {
                    (self.reporter)(Report::Warning(format!(
                        "{} is full; building in {} from now on",
                        self.builds.path().display(),
                        disk.path().display()
                    )));
                    self.retired.push(std::mem::replace(&mut self.builds, disk));
                    self.in_memory = false;
                    outcome = self.attempt(paths, started);
                }
                Err(e) => {
                    (self.reporter)(Report::Warning(format!(
                        "cannot make a temp dir to build in: {e}"
                    )));
                }
            }
        }
        match outcome {
            Ok((served, summary)) => {
                let written = match &self.last {
                    Some(last) => Written::Build {
                        ledger: &last.prepared.ledger,
                        more: search_bundles(&last.prepared.plan),
                    },
                    None => Written::All,
                };
                let changes = self.digests.update(&served.dir, &served.base_path, written);
                self.shared.publish(served, changed.clone(), changes);
                let elapsed = started.elapsed();
                self.prune();
                (self.reporter)(Report::Built {
                    changed,
                    pages: summary.rendered,
                    elapsed,
                    warnings: summary.warnings,
                });
                Ok(())
            }
            Err(error) => {
                let failure = Failure::from_error(&error);
                self.shared.fail(failure.clone());
                if report_failure {
                    (self.reporter)(Report::Failed {
                        changed,
                        failure: Arc::new(failure),
                        serving: self.shared.current().site.is_some(),
                    });
                }
                Err(error)
            }
        }
    }

    /// The first build. Its failure is reported only with `report_failure` (with
    /// `--watch`, the server keeps running and shows it; without, `main` reports the
    /// returned error and exits).
    pub fn first(&mut self, report_failure: bool) -> Result<()> {
        self.rebuild(&[], Instant::now(), report_failure)
    }

    /// A full build, of which the pages of briefings that `changed` (absolute paths)
    /// cannot have touched are linked from the last build.
    fn attempt(
        &mut self,
        changed: &[PathBuf],
        started: Instant,
    ) -> Result<(Served, build::Summary)> {
        let root = &self.config.root;
        // The configured base path is kept, so links that work here work when
        // published; only the origin becomes this server.
        let config = crate::site::load::load_config(root, &LoadOptions::default())?;
        let options = LoadOptions {
            drafts: self.config.drafts,
            base_url: Some(format!("{}{}", self.config.origin, config.base_path)),
            stream: false,
        };
        // Unchanged files are taken over from the last good build, not read again.
        let previous = self
            .last
            .take()
            .map(|last| (last.site, (last.dir, last.prepared.ledger)));
        let (previous, previous_build) = previous.unzip();
        let (previous_dir, ledger) = previous_build.unzip();
        // Briefings' Markdown alone changed: the pages of the other briefings are
        // as they were, unless the reload says otherwise.
        // (A Markdown file elsewhere may be a template, or a static file.)
        let content = root.join("content");
        let markdown = !changed.is_empty()
            && changed
                .iter()
                .all(|p| p.starts_with(&content) && crate::content::is_markdown(p));
        let before = previous
            .as_ref()
            .filter(|_| markdown)
            .map(build::unchanged::Before::of);
        let site = Site::reload(root, &options, previous)?;
        let changed: Vec<PathBuf> = changed
            .iter()
            .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
            .collect();
        let unchanged = before.map_or_else(Default::default, |b| b.unchanged(&site, &changed));
        // A first build with many pictures, or an edit of the stylesheet that redraws
        // every card, says how far it has got.
        let reporter = self.reporter.clone();
        let progress = crate::media::LateProgress::new(move |done, total| {
            reporter(Report::Pictures { done, total });
        });
        self.count += 1;
        let dir = self.builds.path().join(format!("build-{}", self.count));
        // Files that come out as in the last build are linked from it; after the
        // first build, the search index does not hold up the reload: the last
        // build's bundles are served until the new ones are made in the background.
        let mode = build::Mode::Serve {
            previous: ledger,
            unchanged,
        };
        let (summary, prepared) = build::build_keeping_with(&site, &dir, started, &progress, mode)?;
        self.kept.push_back(dir.clone());
        if let Some(previous_dir) = previous_dir {
            self.index_later(&site, &prepared, &previous_dir, &dir);
        }
        let canonical = std::fs::canonicalize(&dir).map_err(Error::io(&dir))?;
        let served = Served {
            build: self.shared.build_id(self.count),
            dir: dir.clone(),
            canonical: canonical.clone(),
            base_path: site.config.base_path.clone(),
        };
        self.last = Some(Box::new(Last {
            site,
            prepared,
            dir,
            canonical,
        }));
        Ok((served, summary))
    }

    /// The fast path: every changed path is an article still in its place (its
    /// body, title, summary, sources or authors edited, see [`Site::update_article`]), so only the
    /// pages that show the edit are rendered again, in place in the served build:
    /// here the briefing's own page and the listings it is on, whose reload goes out
    /// first; the rest (entity and timeline pages, data files, the search index) is
    /// left to [`Builder::after_fast`]. Any doubt returns `None`, and the caller does
    /// a full build.
    fn fast(&mut self, changed: &[PathBuf]) -> Option<Fast> {
        if changed.is_empty() || !changed.iter().all(|p| crate::content::is_markdown(p)) {
            return None;
        }
        let mut last = self.last.take()?;
        let mut update = Update::default();
        for path in changed {
            // `update_article` changes nothing for a file it declines, so the site
            // stays whole: the full build takes over its unchanged files.
            let Some(change) = last.site.update_article(path) else {
                self.last = Some(last);
                return None;
            };
            last.prepared.refresh(&last.site, &change);
            update.merge(Update::of(&last.site, &last.prepared.plan, &change));
        }
        let (first, later) = update.pages_in_order();
        let Ok(written) = write_pages(&last.site, &last.prepared, &last.dir, &first) else {
            self.last = Some(last);
            return None;
        };
        let served = self.served(&last);
        self.last = Some(last);
        Some(Fast {
            served,
            written,
            update,
            later,
        })
    }

    /// The last build, served anew under the next build id.
    fn served(&mut self, last: &Last) -> Served {
        self.count += 1;
        Served {
            build: self.shared.build_id(self.count),
            dir: last.dir.clone(),
            canonical: last.canonical.clone(),
            base_path: last.site.config.base_path.clone(),
        }
    }

    /// The rest of a fast path's `update`, after the first reload: the `later` pages
    /// (entity and timeline pages, long) rendered in place and announced by a reload
    /// of their own, and `built` told the pages rendered in all, per language; then
    /// the feed, data files, card and redirects written in place (no page loads
    /// them, so no reload waits for them), and the search index made in the
    /// background. `sources` are the edited files, as the reloads name them.
    fn after_fast(
        &mut self,
        update: &Update,
        later: &[Page],
        sources: &[String],
        built: impl FnOnce(BTreeMap<String, usize>),
    ) -> Result<()> {
        let Some(last) = self.last.take() else {
            return Ok(());
        };
        let outcome = self.finish_fast(&last, update, later, sources, built);
        self.last = Some(last);
        outcome
    }

    fn finish_fast(
        &mut self,
        last: &Last,
        update: &Update,
        later: &[Page],
        sources: &[String],
        built: impl FnOnce(BTreeMap<String, usize>),
    ) -> Result<()> {
        if !later.is_empty() {
            let written = write_pages(&last.site, &last.prepared, &last.dir, later)?;
            let served = self.served(last);
            let changes =
                self.digests
                    .update(&served.dir, &served.base_path, Written::Files(written));
            self.shared.publish(served, sources.to_vec(), changes);
        }
        built(build::count_pages(&last.site, &update.pages));
        let written = update.write_files(&last.site, &last.prepared, &last.dir)?;
        // Known to the next reload's comparison; no open page shows them.
        self.digests.update(
            &last.dir,
            &last.site.config.base_path,
            Written::Files(written),
        );
        for lang in update.files.iter().filter_map(|f| match f {
            crate::build::update::FileKey::SearchIndex(lang) => Some(lang),
            _ => None,
        }) {
            let reporter = self.reporter.clone();
            let cache = crate::media::Cache::for_site(&last.site.root);
            crate::search::background::refresh(
                Work::of(crate::search::drafts(&last.site, lang), lang, &cache),
                lang.clone(),
                last.dir.clone(),
                cache,
                move |outcome| report_index(&reporter, outcome),
            );
        }
        Ok(())
    }

    /// For each search bundle of the plan: a language whose text did not change gets
    /// its bundle from the cache now; any other gets the one of the build at
    /// `previous` copied in, and its new one made in the background.
    fn index_later(&self, site: &Site, prepared: &Prepared, previous: &Path, dir: &Path) {
        for (path, file) in &prepared.plan.files {
            let crate::plan::File::SearchBundle(lang) = file else {
                continue;
            };
            let cache = crate::media::Cache::for_site(&site.root);
            let work = Work::of(crate::search::drafts(site, lang), lang, &cache);
            if matches!(work, Work::Cached(_)) {
                let started = Instant::now();
                report_index(
                    &self.reporter,
                    match crate::search::background::rewrite(work, lang, dir, &cache) {
                        Ok(()) => Outcome::Ready {
                            lang: lang.clone(),
                            elapsed: started.elapsed(),
                            made: false,
                        },
                        Err(e) => Outcome::Failed(format!(
                            "the search index for `{lang}` was not written: {e}"
                        )),
                    },
                );
                continue;
            }
            if let Err(e) = link_tree(&previous.join(path), &dir.join(path)) {
                (self.reporter)(Report::Warning(format!(
                    "the last search index was not carried over ({e}); search works again once the new one is made"
                )));
            }
            let reporter = self.reporter.clone();
            crate::search::background::refresh(
                work,
                lang.clone(),
                dir.to_path_buf(),
                cache,
                move |outcome| report_index(&reporter, outcome),
            );
        }
    }

    /// Removes builds older than the previous one, on the side: removing thousands of
    /// files should not hold up the next rebuild.
    fn prune(&mut self) {
        while self.kept.len() > KEEP {
            if let Some(old) = self.kept.pop_front() {
                let spawned = std::thread::Builder::new()
                    .name("brief-serve-prune".into())
                    .spawn({
                        let old = old.clone();
                        move || std::fs::remove_dir_all(old)
                    });
                if spawned.is_err() {
                    let _ = std::fs::remove_dir_all(old);
                }
            }
        }
    }

    /// The builder thread: waits for changes, folds a burst of them into one
    /// rebuild, and stops on [`Message::Stop`] or when the watcher is gone. Returns
    /// itself, so its builds outlive the server that serves them.
    pub fn run(mut self, rx: Receiver<Message>, mut watcher: Watcher) -> Builder {
        while let Ok(first) = rx.recv() {
            let mut changed = BTreeSet::new();
            let mut stop = false;
            for message in std::iter::once(first).chain(rx.try_iter()) {
                match message {
                    Message::Changed(paths) => changed.extend(paths),
                    Message::WatchError(text) => (self.reporter)(Report::Warning(text)),
                    Message::Stop => stop = true,
                }
            }
            if stop {
                break;
            }
            if changed.is_empty() {
                continue;
            }
            let changed: Vec<PathBuf> = changed.into_iter().collect();
            for problem in watcher.sync(&changed) {
                (self.reporter)(Report::Warning(problem));
            }
            // The outcome is published and reported; the loop goes on either way.
            let _ = self.rebuild(&changed, Instant::now(), true);
        }
        self
    }
}

/// A private temp dir for the builds: memory-backed where the system has one, since a
/// rebuild rewrites every page, and on a busy disk that costs seconds for a large site.
fn builds_dir() -> Result<(TempDir, bool)> {
    let shm = Path::new("/dev/shm");
    if cfg!(target_os = "linux")
        && shm.is_dir()
        && let Ok(dir) = tempfile::Builder::new()
            .prefix(&super::stop::builds_prefix())
            .tempdir_in(shm)
    {
        return Ok((dir, true));
    }
    let dir = tempfile::Builder::new()
        .prefix(&super::stop::builds_prefix())
        .tempdir()
        .map_err(Error::io(std::env::temp_dir()))?;
    Ok((dir, false))
}

/// The directories of the search bundles of `plan`, inside the site.
fn search_bundles(plan: &crate::plan::Plan) -> Vec<String> {
    plan.files
        .iter()
        .filter(|(_, file)| matches!(file, crate::plan::File::SearchBundle(_)))
        .map(|(path, _)| path.clone())
        .collect()
}

/// Says how a background search refresh ended: ready, or why not (a refresh
/// superseded by a newer one says nothing).
fn report_index(reporter: &Reporter, outcome: Outcome) {
    match outcome {
        Outcome::Ready {
            lang,
            elapsed,
            made,
        } => reporter(Report::Indexed {
            lang,
            elapsed,
            made,
        }),
        Outcome::Superseded => {}
        Outcome::Failed(problem) => reporter(Report::Warning(problem)),
    }
}

/// Puts the files under `from` (if it exists) at the same paths under `to`: hard
/// links where the file system allows (builds replace files whole, never write into
/// one), else copies.
fn link_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) if e.io_error().map(|io| io.kind()) == Some(std::io::ErrorKind::NotFound) => {
                return Ok(());
            }
            Err(e) => return Err(e.into()),
        };
        let target = to.join(entry.path().strip_prefix(from).unwrap_or(entry.path()));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if std::fs::hard_link(entry.path(), &target).is_err() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Whether a build failed for want of space.
fn is_full<T>(outcome: &Result<T>) -> bool {
    matches!(outcome, Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::StorageFull)
}
