//! `brief serve`'s search refresh: a body edit's new records → the language's
//! bundle rewritten in the served build on a thread of its own, so the edited page
//! reloads without waiting for Pagefind.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use super::DIR;
use super::indexer::{Files, Record};
use super::records::Draft;
use crate::media::Cache;

/// Numbers refreshes as they start.
static STARTED: AtomicU64 = AtomicU64::new(0);
/// The latest refresh started for each language; an older one of the same language
/// that finishes late writes nothing.
static LATEST: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());

fn latest() -> std::sync::MutexGuard<'static, BTreeMap<String, u64>> {
    // A refresh that panicked leaves the numbers as they were: still right.
    LATEST
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How a background refresh ended, for the reporter.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The bundle of `lang` is in place, `elapsed` after the refresh started; `made`
    /// is false when it came from the cache (the language's text did not change).
    Ready {
        lang: String,
        elapsed: std::time::Duration,
        made: bool,
    },
    /// Nothing was written: a newer refresh of the language took over.
    Superseded,
    Failed(String),
}

/// Indexes `records` in the background (through the site's `cache`) and writes the
/// bundle of `lang` into the served build at `dir`: the content-addressed files
/// first, `pagefind-entry.json` (which names them) last, each replaced whole, so a
/// search running meanwhile sees the old index or the new one. How it ended goes to
/// `report`.
pub fn refresh(
    work: Work,
    lang: String,
    dir: PathBuf,
    cache: Cache,
    report: impl Fn(Outcome) + Send + Clone + 'static,
) {
    let failed = report.clone();
    let generation = STARTED.fetch_add(1, Ordering::SeqCst) + 1;
    latest().insert(lang.clone(), generation);
    let work = move || {
        let started = std::time::Instant::now();
        let current = || latest().get(&lang) == Some(&generation);
        report(match rewrite_if(work, &lang, &dir, &cache, current) {
            Ok(Some(made)) => Outcome::Ready {
                elapsed: started.elapsed(),
                lang,
                made,
            },
            Ok(None) => Outcome::Superseded,
            Err(e) => Outcome::Failed(format!(
                "the search index for `{lang}` was not updated: {e}"
            )),
        });
    };
    if let Err(e) = std::thread::Builder::new()
        .name("brief-search".into())
        .spawn(work)
    {
        failed(Outcome::Failed(format!(
            "the search index was not updated: {e}"
        )));
    }
}

/// What a refresh has to do: write a bundle the cache had, or index records and
/// store the bundle under the drafts' key.
pub enum Work {
    Cached(Files),
    Index { key: String, records: Vec<Record> },
}

impl Work {
    /// The work for the drafts of `lang`: the cached bundle, or their records (made
    /// here, on the calling thread, since they borrow the site).
    pub fn of(drafts: Vec<Draft>, lang: &str, cache: &Cache) -> Work {
        let key = super::cache::key(&drafts);
        match super::cache::lookup(cache, lang, &key) {
            Some(files) => Work::Cached(files),
            None => Work::Index {
                key,
                records: drafts.into_par_iter().map(Draft::record).collect(),
            },
        }
    }
}

/// Does `work` and writes the bundle of `lang` into the built site at `dir` now, on
/// this thread (what [`refresh`] does in the background).
pub fn rewrite(work: Work, lang: &str, dir: &Path, cache: &Cache) -> Result<(), String> {
    rewrite_if(work, lang, dir, cache, || true).map(|_| ())
}

/// [`rewrite`], giving up before writing anything if `current()` turns false (a
/// newer refresh has started): `None` then, else whether the bundle was made (not
/// taken from the cache). Files of the old bundle that the new one does not have
/// are removed last.
fn rewrite_if(
    work: Work,
    lang: &str,
    dir: &Path,
    cache: &Cache,
    current: impl Fn() -> bool,
) -> Result<Option<bool>, String> {
    let (mut files, made) = match work {
        Work::Cached(files) => (files, false),
        Work::Index { key, records } => (super::cache::make(cache, lang, &key, records)?, true),
    };
    if !current() {
        return Ok(None);
    }
    // The entry names the meta file, which names the rest: they are written last.
    files.sort_by_key(|(name, _)| match name.as_str() {
        "pagefind-entry.json" => 2,
        n if n.ends_with(".pf_meta") => 1,
        _ => 0,
    });
    let bundle = dir.join(lang).join(DIR);
    for (name, bytes) in &files {
        write(&bundle.join(name), bytes)
            .map_err(|e| format!("{}: {e}", bundle.join(name).display()))?;
    }
    let kept: std::collections::BTreeSet<PathBuf> =
        files.iter().map(|(name, _)| bundle.join(name)).collect();
    for sub in ["", "fragment", "index", "filter"] {
        let Ok(entries) = std::fs::read_dir(bundle.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && !kept.contains(&path) {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
    }
    Ok(Some(made))
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let partial = path.with_extension("brief-partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}
