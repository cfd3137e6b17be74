//! A served build's directory → the URL paths of the files whose bytes differ from
//! the previously served build (changed, added or removed), so that the reload
//! event names them and an open page reloads only when it, or something it shows,
//! changed.
//!
//! Every file's length and hash are kept between builds. A full build writes a fresh
//! directory, so all of its files are read and hashed (in parallel); the fast path
//! rewrites a few files in place, so only files whose length, modification time or
//! inode moved are read again.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;

/// More changed paths than this are sent as "everything changed": a page would
/// reload anyway, and the event stays small.
const LIST_LIMIT: usize = 1000;

/// What changed between two served builds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Changes {
    /// Every page is out of date: the first build, or too many changes to list.
    pub everything: bool,
    /// URL paths (the base path included, not percent-encoded), sorted: `/brief/ar/`
    /// for `ar/index.html`, `/brief/style.css`.
    pub paths: Vec<String>,
}

/// What is known of one file of the served build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Known {
    stamp: Stamp,
    hash: u64,
}

/// Enough of a file's metadata to tell that it was not rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// The files of the served build, by path relative to its directory.
#[derive(Debug, Default)]
pub(crate) struct Digests {
    dir: Option<PathBuf>,
    files: HashMap<String, Known>,
}

impl Digests {
    /// Records the build in `dir` as the one served, and returns what changed since
    /// the one recorded before. `base_path` is the site's (`/` or `/repo/`).
    pub fn update(&mut self, dir: &Path, base_path: &str) -> Changes {
        let same_dir = self.dir.as_deref() == Some(dir);
        let listed = list(dir);
        let previous = std::mem::take(&mut self.files);
        let files: HashMap<String, Known> = listed
            .into_par_iter()
            .filter_map(|(relative, path, stamp)| {
                let known = previous.get(&relative).copied();
                let hash = match known {
                    Some(k) if same_dir && k.stamp == stamp => k.hash,
                    _ => hash(&std::fs::read(&path).ok()?),
                };
                Some((relative, Known { stamp, hash }))
            })
            .collect();
        let first = self.dir.is_none();
        let mut changed: BTreeSet<&str> = files
            .iter()
            .filter(|(relative, now)| previous.get(*relative).is_none_or(|k| k.hash != now.hash))
            .map(|(relative, _)| relative.as_str())
            .collect();
        changed.extend(
            previous
                .keys()
                .filter(|relative| !files.contains_key(*relative))
                .map(String::as_str),
        );
        let everything = first || changed.len() > LIST_LIMIT;
        let paths = if everything {
            Vec::new()
        } else {
            let urls: BTreeSet<String> = changed.iter().map(|r| url_path(base_path, r)).collect();
            urls.into_iter().collect()
        };
        drop(changed);
        self.dir = Some(dir.to_path_buf());
        self.files = files;
        Changes { everything, paths }
    }
}

/// Every file under `dir`: its path relative to `dir` with `/` separators, its full
/// path and its stamp. Unreadable entries are left out (they are reported as
/// removed, which at worst reloads a page).
fn list(dir: &Path) -> Vec<(String, PathBuf, Stamp)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            let meta = e.metadata().ok()?;
            let stamp = Stamp {
                len: meta.len(),
                modified: meta.modified().ok(),
                inode: inode(&meta),
            };
            Some((relative, e.into_path(), stamp))
        })
        .collect()
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

fn hash(bytes: &[u8]) -> u64 {
    // SipHash with fixed keys: the same in every build of this process, which is
    // all that comparing two builds needs.
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// `ar/briefings/x/index.html` → `/brief/ar/briefings/x/` (the URL a browser shows
/// for it); any other file keeps its name.
fn url_path(base_path: &str, relative: &str) -> String {
    let shown = if relative == "index.html" {
        ""
    } else {
        relative
            .strip_suffix("/index.html")
            .map_or(relative, |dir| {
                // `dir/` : the trailing slash is part of the URL.
                &relative[..dir.len() + 1]
            })
    };
    format!("{base_path}{shown}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_become_the_urls_a_browser_shows() {
        let cases = [
            ("/", "index.html", "/"),
            ("/brief/", "index.html", "/brief/"),
            ("/brief/", "ar/index.html", "/brief/ar/"),
            (
                "/brief/",
                "ar/tags/سوريا/index.html",
                "/brief/ar/tags/سوريا/",
            ),
            ("/brief/", "style.css", "/brief/style.css"),
            ("/", "404.html", "/404.html"),
            ("/", "ar/notindex.html", "/ar/notindex.html"),
        ];
        for (base, relative, expected) in cases {
            assert_eq!(url_path(base, relative), expected, "{relative}");
        }
    }

    #[test]
    fn only_files_whose_bytes_changed_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let write = |relative: &str, text: &str| {
            let path = dir.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write("ar/index.html", "<h1>موجز</h1>");
        write("en/index.html", "<h1>Brief</h1>");
        write("style.css", "body{}");
        let mut digests = Digests::default();
        let first = digests.update(dir.path(), "/brief/");
        assert!(first.everything);

        // Rewritten with the same bytes: not a change. Different bytes: a change.
        write("en/index.html", "<h1>Brief</h1>");
        write("ar/index.html", "<h1>موجز سوريا</h1>");
        write("ar/new/index.html", "جديد");
        std::fs::remove_file(dir.path().join("style.css")).unwrap();
        let second = digests.update(dir.path(), "/brief/");
        assert_eq!(
            second,
            Changes {
                everything: false,
                paths: vec![
                    "/brief/ar/".into(),
                    "/brief/ar/new/".into(),
                    "/brief/style.css".into()
                ],
            }
        );

        // A fresh directory with the same bytes: nothing changed.
        let copy = tempfile::tempdir().unwrap();
        for (relative, text) in [
            ("ar/index.html", "<h1>موجز سوريا</h1>"),
            ("ar/new/index.html", "جديد"),
            ("en/index.html", "<h1>Brief</h1>"),
        ] {
            let path = copy.path().join(relative);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        assert_eq!(digests.update(copy.path(), "/brief/"), Changes::default());
    }
}
