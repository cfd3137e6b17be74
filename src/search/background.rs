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
use super::records::{Draft, OwnedDraft};
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
        let warn = |problem: String| {
            report(Outcome::Failed(format!(
                "the search index for `{lang}` is served but was not kept for the next start: {problem}"
            )))
        };
        // A panic in the indexer must not end the refresh unheard: the server goes
        // on with the last index, and says so.
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            rewrite_if(work, &lang, &dir, &cache, current, warn)
        }))
        .unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "the indexer stopped ({why}); the last index is still served"
            ))
        });
        report(match done {
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

/// What a refresh has to do: write a bundle the cache had, or make the records of
/// the drafts, index them and store the bundle under the drafts' key.
pub enum Work {
    Cached(Files),
    Index {
        key: String,
        drafts: Vec<OwnedDraft>,
    },
}

impl Work {
    /// The work for the drafts of `lang`: the cached bundle, or the drafts with
    /// their text copied out of the site, so that the records (the costly part) are
    /// made by whoever does the work, not on the calling thread.
    pub fn of(drafts: Vec<Draft>, lang: &str, cache: &Cache) -> Work {
        let key = super::cache::key(&drafts);
        match super::cache::lookup(cache, lang, &key) {
            Some(files) => Work::Cached(files),
            None => Work::Index {
                key,
                drafts: drafts.into_iter().map(Draft::into_owned).collect(),
            },
        }
    }
}

/// Does `work` and writes the bundle of `lang` into the built site at `dir` now, on
/// this thread (what [`refresh`] does in the background).
pub fn rewrite(work: Work, lang: &str, dir: &Path, cache: &Cache) -> Result<(), String> {
    let mut unstored = None;
    rewrite_if(work, lang, dir, cache, || true, |p| unstored = Some(p))?;
    unstored.map_or(Ok(()), Err)
}

/// [`rewrite`], giving up before writing anything if `current()` turns false (a
/// newer refresh has started): `None` then, else whether the bundle was made (not
/// taken from the cache). A bundle made but not stored in the cache is written all
/// the same, and the problem goes to `unstored`. Files of the old bundle that the
/// new one does not have are removed last.
fn rewrite_if(
    work: Work,
    lang: &str,
    dir: &Path,
    cache: &Cache,
    current: impl Fn() -> bool,
    unstored: impl FnOnce(String),
) -> Result<Option<bool>, String> {
    let (mut files, made) = match work {
        Work::Cached(files) => (files, false),
        Work::Index { key, drafts } => {
            let records: Vec<Record> = drafts.into_par_iter().map(OwnedDraft::record).collect();
            let (files, stored) = super::cache::make_and_try_storing(cache, lang, &key, records)?;
            if let Err(problem) = stored {
                unstored(problem);
            }
            (files, true)
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::records::Text;

    fn work(html: &'static str) -> Work {
        let draft = Draft {
            record: Record {
                url: "/en/briefings/call/".to_string(),
                content: String::new(),
                language: "en".to_string(),
                meta: BTreeMap::from([("title".to_string(), "Putin calls al-Sharaa".to_string())]),
                filters: BTreeMap::new(),
                sort: BTreeMap::new(),
            },
            text: Text {
                summary: None,
                html,
                html_hash: xxhash_rust::xxh3::xxh3_128(html.as_bytes()),
                title: "Putin calls al-Sharaa",
                names: vec!["Vladimir Putin"],
                arabic: false,
            },
        };
        Work::Index {
            key: super::super::cache::key(std::slice::from_ref(&draft)),
            drafts: vec![draft.into_owned()],
        }
    }

    /// The cache folder removed or blocked while Pagefind runs: the preview still
    /// gets its new index, and the problem is said.
    #[test]
    fn a_bundle_that_cannot_be_stored_is_served_all_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("cache");
        std::fs::write(&blocked, "not a folder").unwrap();
        let cache = Cache::at(&blocked);
        let site = dir.path().join("site");
        let mut said = None;
        let made = rewrite_if(
            work("<p>The Kremlin said Putin called.</p>"),
            "en",
            &site,
            &cache,
            || true,
            |p| said = Some(p),
        )
        .unwrap();
        assert_eq!(made, Some(true));
        assert!(site.join("en/pagefind/pagefind-entry.json").is_file());
        let said = said.expect("the unstored bundle is not reported");
        assert!(said.contains(".brief-cache"), "{said}");
        // `rewrite` (the caller waits) says it too, as an error.
        let error = rewrite(work("<p>Another call.</p>"), "en", &site, &cache).unwrap_err();
        assert!(error.contains(".brief-cache"), "{error}");
    }
}
