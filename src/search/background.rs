//! `brief serve`'s search refresh: a body edit's new records → the language's
//! bundle rewritten in the served build on a thread of its own, so the edited page
//! reloads without waiting for Pagefind.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::{DIR, Record};
use crate::media::Cache;

/// The latest refresh started; an older one that finishes late writes nothing.
static LATEST: AtomicU64 = AtomicU64::new(0);

/// Indexes `records` in the background (through the site's `cache`) and writes the
/// bundle of `lang` into the served build at `dir`: the content-addressed files first, `pagefind-entry.json`
/// (which names them) last, each replaced whole, so a search running meanwhile
/// sees the old index or the new one. Failures are reported with `report`.
pub fn refresh(
    records: Vec<Record>,
    lang: String,
    dir: PathBuf,
    cache: Cache,
    report: impl Fn(String) + Send + Clone + 'static,
) {
    let failed = report.clone();
    let generation = LATEST.fetch_add(1, Ordering::SeqCst) + 1;
    let work = move || {
        let current = || LATEST.load(Ordering::SeqCst) == generation;
        if let Err(e) = rewrite_if(records, &lang, &dir, &cache, current) {
            report(format!(
                "the search index for `{lang}` was not updated: {e}"
            ));
        }
    };
    if let Err(e) = std::thread::Builder::new()
        .name("brief-search".into())
        .spawn(work)
    {
        failed(format!("the search index was not updated: {e}"));
    }
}

/// Indexes `records` and writes the bundle of `lang` into the built site at `dir`
/// now, on this thread (what [`refresh`] does in the background).
pub fn rewrite(records: Vec<Record>, lang: &str, dir: &Path, cache: &Cache) -> Result<(), String> {
    rewrite_if(records, lang, dir, cache, || true)
}

/// [`rewrite`], giving up before writing anything if `current()` turns false (a
/// newer refresh has started). Files of the old bundle that the new one does not
/// have are removed last.
fn rewrite_if(
    records: Vec<Record>,
    lang: &str,
    dir: &Path,
    cache: &Cache,
    current: impl Fn() -> bool,
) -> Result<(), String> {
    let (mut files, _) = super::cache::bundle(cache, lang, records)?;
    if !current() {
        return Ok(());
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
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let partial = path.with_extension("brief-partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}
