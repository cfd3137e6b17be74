//! The build's store of rendered pages (`.brief-cache/pages/`): each page a build
//! writes is kept there as a hard link to the written file, under the hash of what
//! decides its bytes (its template, its data, the site's templates, and brief
//! itself). A later build that makes the same data for a page links the kept file
//! instead of rendering and writing it: at 2,000 briefing pairs, a build after one
//! briefing's title was edited renders the 11 pages that show that title and links
//! the other 6,165.
//!
//! Only where the cache and the output share a file system, and not for `brief
//! serve`, which links from its own previous build. The store's `index` holds each
//! kept file's stamp (length, modification time, inode): a file changed since (a
//! tool that rewrote the published copy in place, which is the same file) is not
//! linked but rendered again and kept afresh. After each build the store holds the
//! pages of that build alone.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use xxhash_rust::xxh3::Xxh3;

use crate::error::Result;
use crate::media::CACHE_DIR;
use crate::output::{Staging, Stamp};
use crate::render::PageData;

/// The first line of the index; a store with another is started afresh.
const INDEX_HEADER: &str = "brief-pages 1";

pub(crate) struct PageStore {
    dir: PathBuf,
    /// Everything a page's bytes depend on besides its template and data.
    salt: [u8; 16],
    /// Per key, the stamp of the file kept under it, as the index says.
    known: HashMap<u128, Stamp>,
    /// The pages of this build: linked from the store, or kept in it.
    used: Mutex<Vec<(u128, Stamp)>>,
    linked: AtomicUsize,
}

impl PageStore {
    /// The store of the site at `root`, for pages rendered with templates of
    /// `fingerprint` into `staging` (which the store's methods are given again);
    /// `None` where its files cannot be linked there (another file system, `brief
    /// serve`'s ledger) or its folder cannot be made.
    pub(crate) fn open(root: &Path, fingerprint: u128, staging: &Staging) -> Option<Self> {
        let dir = root.join(CACHE_DIR).join("pages");
        std::fs::create_dir_all(&dir).ok()?;
        if !staging.links_from(&dir) {
            return None;
        }
        let mut salt = Xxh3::new();
        salt.update(INDEX_HEADER.as_bytes());
        salt.update(&fingerprint.to_le_bytes());
        // brief's own code decides the bytes too (its filters): its version and
        // commit, and the program file itself, which a rebuilt brief replaces.
        salt.update(env!("CARGO_PKG_VERSION").as_bytes());
        salt.update(env!("BRIEF_COMMIT").as_bytes());
        if let Some(program) = std::env::current_exe().ok().and_then(|p| Stamp::of(&p)) {
            salt.update(program.encode().as_bytes());
        }
        let known = std::fs::read_to_string(dir.join("index"))
            .ok()
            .filter(|text| text.lines().next() == Some(INDEX_HEADER))
            .map(|text| {
                text.lines()
                    .skip(1)
                    .filter_map(|line| {
                        let (key, stamp) = line.split_once(' ')?;
                        Some((u128::from_str_radix(key, 16).ok()?, Stamp::decode(stamp)?))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Some(PageStore {
            dir,
            salt: salt.digest128().to_le_bytes(),
            known,
            used: Mutex::default(),
            linked: AtomicUsize::new(0),
        })
    }

    /// The key of a page rendered with `template` from `data`.
    pub(crate) fn key(&self, template: &str, data: &PageData) -> u128 {
        let name = template.as_bytes();
        let salt = [&self.salt[..], &(name.len() as u64).to_le_bytes(), name].concat();
        data.fingerprint(&salt)
    }

    fn path(&self, key: u128) -> PathBuf {
        self.dir.join(format!("{key:032x}.html"))
    }

    /// Links the page kept under `key` at `relative`; false when the store has no
    /// such page as it kept it: render it.
    pub(crate) fn link(&self, staging: &Staging, relative: &str, key: u128) -> Result<bool> {
        let Some(&stamp) = self.known.get(&key) else {
            return Ok(false);
        };
        let linked = staging.link_stored(relative, &self.path(key), stamp)?;
        if linked {
            self.linked.fetch_add(1, Ordering::Relaxed);
            self.used().push((key, stamp));
        }
        Ok(linked)
    }

    /// Keeps the page just written at `relative` under `key`. A page that cannot
    /// be kept is rendered again by the next build: nothing else is lost.
    pub(crate) fn keep(&self, staging: &Staging, relative: &str, key: u128) {
        if let Some(stamp) = staging.keep(relative, &self.path(key)) {
            self.used().push((key, stamp));
        }
    }

    fn used(&self) -> std::sync::MutexGuard<'_, Vec<(u128, Stamp)>> {
        self.used.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Pages linked from the store so far.
    pub(crate) fn linked(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// After a build that succeeded: writes the index of this build's pages and
    /// removes every other file from the store. The store is a cache: what cannot be
    /// done here is done by the next build.
    pub(crate) fn finish(self) {
        use std::fmt::Write;
        let mut used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        used.sort_unstable_by_key(|(key, _)| *key);
        used.dedup_by_key(|(key, _)| *key);
        let mut index = String::with_capacity(80 * (used.len() + 1));
        index.push_str(INDEX_HEADER);
        index.push('\n');
        for (key, stamp) in &used {
            let _ = writeln!(index, "{key:032x} {}", stamp.encode());
        }
        let temporary = self.dir.join(format!(".index.{}.tmp", std::process::id()));
        if std::fs::write(&temporary, index).is_err()
            || std::fs::rename(&temporary, self.dir.join("index")).is_err()
        {
            let _ = std::fs::remove_file(&temporary);
            return;
        }
        let keep: HashSet<u128> = used.iter().map(|(key, _)| *key).collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let kept = name.to_str().is_some_and(|name| {
                name == "index"
                    || name
                        .strip_suffix(".html")
                        .and_then(|key| u128::from_str_radix(key, 16).ok())
                        .is_some_and(|key| keep.contains(&key))
            });
            if !kept {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}
