//! A served build's directory → the URL paths of the files whose bytes differ from
//! the previously served build (changed, added or removed), so that the reload
//! event names them and an open page reloads only when it, or something it shows,
//! changed.
//!
//! Every file's stamp (length, modification time, inode) and hash are kept between
//! builds, and a file is read only when brief cannot tell otherwise: a full build's
//! ledger gives the hash of every file it wrote and the stamp of every file it
//! linked from the previous build (a hard link shares the inode), and the fast path
//! names the few files it replaced.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::{Ledger, Stamp};

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

/// The files of the served build, by path relative to its directory.
#[derive(Debug, Default)]
pub(crate) struct Digests {
    /// Whether a build was recorded (none is before the first).
    recorded: bool,
    files: HashMap<String, Known>,
}

/// Which files of the build to serve may differ from the files last recorded.
pub(crate) enum Written<'a> {
    /// Any file of the directory.
    All,
    /// The files of a new build's `ledger`, and any file below the directories
    /// `more` (written after the build: the search bundles).
    Build {
        ledger: &'a Ledger,
        more: Vec<String>,
    },
    /// These files, replaced in the directory last recorded (the fast path).
    Files(Vec<String>),
}

impl Digests {
    /// Records the build in `dir` as the one served, and returns what changed since
    /// the one recorded before. `base_path` is the site's (`/` or `/repo/`).
    pub fn update(&mut self, dir: &Path, base_path: &str, written: Written) -> Changes {
        let previous = std::mem::take(&mut self.files);
        let known = |relative: &str, stamp: Stamp, hash: Option<u64>, path: &Path| {
            let hash = match (hash, previous.get(relative)) {
                (Some(hash), _) => hash,
                (None, Some(k)) if k.stamp == stamp => k.hash,
                (None, _) => hash_of(&std::fs::read(path).ok()?),
            };
            Some(Known { stamp, hash })
        };
        let files: HashMap<String, Known> = match written {
            Written::All => list(dir, "")
                .into_par_iter()
                .filter_map(|(relative, path, stamp)| {
                    known(&relative, stamp, None, &path).map(|k| (relative, k))
                })
                .collect(),
            Written::Build { ledger, more } => {
                let listed: Vec<(String, PathBuf, Stamp)> =
                    more.iter().flat_map(|sub| list(dir, sub)).collect();
                let made: Vec<(&str, Stamp, Option<u64>)> = ledger.files().collect();
                made.into_par_iter()
                    .filter_map(|(relative, stamp, hash)| {
                        let path = dir.join(relative);
                        known(relative, stamp, hash, &path).map(|k| (relative.to_string(), k))
                    })
                    .chain(
                        listed
                            .into_par_iter()
                            .filter_map(|(relative, path, stamp)| {
                                known(&relative, stamp, None, &path).map(|k| (relative, k))
                            }),
                    )
                    .collect()
            }
            Written::Files(replaced) => {
                let mut files = previous.clone();
                for relative in replaced {
                    let path = dir.join(&relative);
                    match Stamp::of(&path).and_then(|stamp| known(&relative, stamp, None, &path)) {
                        Some(k) => files.insert(relative, k),
                        None => files.remove(&relative),
                    };
                }
                files
            }
        };
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
        let everything = !self.recorded || changed.len() > LIST_LIMIT;
        let paths = if everything {
            Vec::new()
        } else {
            let urls: BTreeSet<String> = changed.iter().map(|r| url_path(base_path, r)).collect();
            urls.into_iter().collect()
        };
        drop(changed);
        self.recorded = true;
        self.files = files;
        Changes { everything, paths }
    }
}

/// Every file under `sub` (a relative directory, `` for all) of `dir`: its path
/// relative to `dir` with `/` separators, its full path and its stamp. Unreadable
/// entries are left out (they are reported as removed, which at worst reloads a
/// page).
fn list(dir: &Path, sub: &str) -> Vec<(String, PathBuf, Stamp)> {
    walkdir::WalkDir::new(dir.join(sub))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?;
            let relative = relative.to_string_lossy().replace('\\', "/");
            let stamp = Stamp::from(&e.metadata().ok()?);
            Some((relative, e.into_path(), stamp))
        })
        .collect()
}

fn hash_of(bytes: &[u8]) -> u64 {
    // The ledger's hash of the files brief writes.
    xxhash_rust::xxh3::xxh3_64(bytes)
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
        let first = digests.update(dir.path(), "/brief/", Written::All);
        assert!(first.everything);

        // Rewritten with the same bytes: not a change. Different bytes: a change.
        write("en/index.html", "<h1>Brief</h1>");
        write("ar/index.html", "<h1>موجز سوريا</h1>");
        write("ar/new/index.html", "جديد");
        std::fs::remove_file(dir.path().join("style.css")).unwrap();
        let second = digests.update(dir.path(), "/brief/", Written::All);
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
        assert_eq!(
            digests.update(copy.path(), "/brief/", Written::All),
            Changes::default()
        );
    }

    /// A build's ledger and the fast path's list stand in for reading the files:
    /// the same changes are named as when every file is read.
    #[test]
    fn the_ledger_and_the_fast_path_name_what_reading_would() {
        let root = tempfile::tempdir().unwrap();
        let build = |name: &str, files: &[(&str, &str)], previous| {
            let staging =
                crate::output::Staging::linking(&root.path().join(name), previous).unwrap();
            for (relative, text) in files {
                staging.write(relative, text.as_bytes()).unwrap();
            }
            staging.commit().unwrap().0
        };
        let first = build(
            "1",
            &[
                ("ar/index.html", "<h1>موجز</h1>"),
                ("en/index.html", "<h1>Brief</h1>"),
            ],
            None,
        );
        let (mut ours, mut read) = (Digests::default(), Digests::default());
        let dir = root.path().join("1");
        ours.update(
            &dir,
            "/",
            Written::Build {
                ledger: &first,
                more: vec![],
            },
        );
        read.update(&dir, "/", Written::All);

        // The next build changes the Arabic page; a search bundle comes after it.
        let second = build(
            "2",
            &[
                ("ar/index.html", "<h1>موجز سوريا</h1>"),
                ("en/index.html", "<h1>Brief</h1>"),
            ],
            Some(first),
        );
        let dir = root.path().join("2");
        std::fs::create_dir_all(dir.join("en/pagefind")).unwrap();
        std::fs::write(dir.join("en/pagefind/pagefind-entry.json"), "{}").unwrap();
        let expected = Changes {
            everything: false,
            paths: vec!["/ar/".into(), "/en/pagefind/pagefind-entry.json".into()],
        };
        let more = vec!["en/pagefind".to_string()];
        assert_eq!(
            ours.update(
                &dir,
                "/",
                Written::Build {
                    ledger: &second,
                    more
                }
            ),
            expected
        );
        assert_eq!(read.update(&dir, "/", Written::All), expected);

        // The fast path replaces the English page in place and names it.
        std::fs::write(dir.join("en/new"), "<h1>Brief: Syria</h1>").unwrap();
        std::fs::rename(dir.join("en/new"), dir.join("en/index.html")).unwrap();
        let expected = Changes {
            everything: false,
            paths: vec!["/en/".into()],
        };
        let replaced = Written::Files(vec!["en/index.html".to_string()]);
        assert_eq!(ours.update(&dir, "/", replaced), expected);
        assert_eq!(read.update(&dir, "/", Written::All), expected);
    }
}
