//! A language's records → its search bundle, through the site's cache
//! (`.brief-cache/search/`): the key of everything that decides the bundle's bytes
//! (the records, in order, and the Pagefind that indexes them) → the files Pagefind
//! made for the same key in an earlier build, or a new bundle, stored for the next.
//!
//! Pagefind is most of a large build's time, and most builds do not change what it
//! indexes (a template, a style, the other language, an unchanged site built again),
//! so those builds copy its files instead. Only the latest entry of each language is
//! kept: an entry is the whole bundle (about 6 KB per briefing).

use std::fs;
use std::io::{self, Read, Seek};
use std::path::{Path, PathBuf};

use super::indexer::{Files, Record, index};
use super::records::Draft;
use crate::media::Cache;

/// The Pagefind release brief is built with, part of every key: a new Pagefind may
/// write other bytes for the same records. A test holds it equal to Cargo.lock.
pub const PAGEFIND_VERSION: &str = "1.6.0";

/// Changes when brief hands the same records to Pagefind differently.
const FORMAT: &[u8] = b"brief-search-bundle 1\n";

/// The bundle of `code` whose drafts have `key` ([`key`]), and whether this call had
/// to make it from `records()`.
pub fn bundle(
    cache: &Cache,
    code: &str,
    key: &str,
    records: impl FnOnce() -> Vec<Record>,
) -> Result<(Files, bool), String> {
    if let Some(files) = lookup(cache, code, key) {
        return Ok((files, false));
    }
    make(cache, code, key, records()).map(|files| (files, true))
}

/// The bundle an earlier build stored for `key`, if any.
pub fn lookup(cache: &Cache, code: &str, key: &str) -> Option<Files> {
    let path = cache.search_dir().join(format!("{code}-{key}.pagefind"));
    fs::read(&path).ok().and_then(|bytes| decode(&bytes))
}

/// Hands each file of the bundle an earlier build stored for `key` to `each`, one
/// file in memory at a time (at 10,000 briefings an entry is about 60 MB, which
/// [`lookup`] would hold twice): `Ok(false)` when there is no such entry or it is
/// damaged, found out before the first file is handed over.
pub fn each_stored(
    cache: &Cache,
    code: &str,
    key: &str,
    each: &mut dyn FnMut(&str, &[u8]) -> crate::error::Result<()>,
) -> crate::error::Result<bool> {
    let path = cache.search_dir().join(format!("{code}-{key}.pagefind"));
    let Ok(file) = fs::File::open(&path) else {
        return Ok(false);
    };
    let Ok(total) = file.metadata().map(|m| m.len()) else {
        return Ok(false);
    };
    // Read in large pieces: the check below skips over every file and the loop after
    // reads each one, thousands of them, and an 8 KiB buffer made a system call for
    // almost every one of them, twice.
    let mut reader = io::BufReader::with_capacity(1 << 18, file);
    if !well_formed(&mut reader, total) || reader.rewind().is_err() {
        return Ok(false);
    }
    let io = |e| crate::error::Error::io(&path)(e);
    let (mut name, mut bytes) = (Vec::new(), Vec::new());
    reader.seek_relative(FORMAT.len() as i64).map_err(io)?;
    let mut at = FORMAT.len() as u64;
    while at < total {
        read_part(&mut reader, &mut name).map_err(io)?;
        read_part(&mut reader, &mut bytes).map_err(io)?;
        at += 16 + (name.len() + bytes.len()) as u64;
        each(&String::from_utf8_lossy(&name), &bytes)?;
    }
    Ok(true)
}

/// Where [`crate::search::write_bundle`] puts a language's files (the build's
/// staging directory, at `<code>/pagefind/`).
pub trait BundleOut: Sync {
    /// Writes the file `name` of the bundle.
    fn write(&self, name: &str, bytes: &[u8]) -> crate::error::Result<()>;
    /// Hard-links the files `names` of the cache's folder `source`, their
    /// permissions those of `probe`: all of them (true) or none.
    fn link_all(&self, source: &Path, names: &[String], probe: &Path)
    -> crate::error::Result<bool>;
    /// Whether files of the cache's folder `dir` can be hard-linked here at all.
    fn links_from(&self, dir: &Path) -> bool;
}

/// A language's bundle as files in the cache (`<code>-<key>.files/`), made beside
/// its entry by the first build that can hard-link them into its output (the cache
/// and the output on one file system), so that later builds link its thousands of
/// files instead of writing them: `bundle/` holds the files, `names` lists them.
fn tree_path(cache: &Cache, code: &str, key: &str) -> PathBuf {
    cache.search_dir().join(format!("{code}-{key}.files"))
}

/// The first line of a tree's `names`.
const TREE_FORMAT: &str = "brief-search-files 1";

/// Links the bundle of `code` with `key` into `out` from its files in
/// the cache, if a build stored them and they can be linked there; false (nothing
/// linked) otherwise.
pub fn link_stored(
    cache: &Cache,
    code: &str,
    key: &str,
    out: &dyn BundleOut,
) -> crate::error::Result<bool> {
    let tree = tree_path(cache, code, key);
    let names_file = tree.join("names");
    let Ok(listed) = fs::read_to_string(&names_file) else {
        return Ok(false);
    };
    let mut lines = listed.lines();
    if lines.next() != Some(TREE_FORMAT) {
        return Ok(false);
    }
    let names: Vec<String> = lines.map(str::to_string).collect();
    if names.is_empty() || !names.iter().all(|n| plain(n)) {
        return Ok(false);
    }
    if out.link_all(&tree.join("bundle"), &names, &names_file)? {
        return Ok(true);
    }
    // Linkable here, yet not linked: a file of it is missing or has other
    // permissions. Removed, so that this build stores it again.
    if out.links_from(&cache.search_dir()) {
        let _ = fs::remove_dir_all(&tree);
    }
    Ok(false)
}

/// Whether `name` is a path inside a folder: no root, no `..`, nothing empty.
fn plain(name: &str) -> bool {
    !name.is_empty()
        && Path::new(name)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// A bundle's files being stored as a tree ([`link_stored`]), in a temporary folder
/// renamed into place once whole; dropped unfinished, it is removed.
pub struct TreeWriter {
    temp: Option<tempfile::TempDir>,
    target: PathBuf,
    names: String,
}

impl TreeWriter {
    /// A writer for the bundle of `code` with `key`, when its files would be linked
    /// into `out` (on its file system, in a build without a ledger) and no build
    /// stored them yet.
    pub fn start(cache: &Cache, code: &str, key: &str, out: &dyn BundleOut) -> Option<TreeWriter> {
        let dir = cache.search_dir();
        let target = tree_path(cache, code, key);
        if target.exists() || !out.links_from(&dir) {
            return None;
        }
        let temp = tempfile::Builder::new()
            .prefix(&format!(".{code}-"))
            .tempdir_in(&dir)
            .ok()?;
        Some(TreeWriter {
            temp: Some(temp),
            target,
            names: format!("{TREE_FORMAT}\n"),
        })
    }

    /// Adds one file; false (and the writer is spent) when it cannot be written.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> bool {
        let Some(temp) = &self.temp else {
            return false;
        };
        let path = temp.path().join("bundle").join(name);
        let written = plain(name)
            && !name.contains('\n')
            && path
                .parent()
                .is_some_and(|parent| fs::create_dir_all(parent).is_ok())
            && fs::write(&path, bytes).is_ok();
        if written {
            self.names.push_str(name);
            self.names.push('\n');
        } else {
            self.temp = None;
        }
        written
    }

    /// Lists the files and puts the tree in place, removing the trees of the
    /// language's other keys. A tree that cannot be stored is only a build that
    /// writes the bundle's files again next time.
    pub fn finish(mut self, code: &str) {
        let Some(temp) = self.temp.take() else {
            return;
        };
        if fs::write(temp.path().join("names"), &self.names).is_err() {
            return;
        }
        let temp = temp.keep();
        if fs::rename(&temp, &self.target).is_err() {
            let _ = fs::remove_dir_all(&temp);
            return;
        }
        if let Some(dir) = self.target.parent() {
            remove_others(dir, code, &self.target);
        }
    }
}

/// Whether `reader` holds [`encode`]'s format to its last byte (`total`), read
/// without holding the files: the format line, then names and lengths that add up.
fn well_formed(reader: &mut io::BufReader<fs::File>, total: u64) -> bool {
    let mut format = vec![0; FORMAT.len()];
    if reader.read_exact(&mut format).is_err() || format != FORMAT {
        return false;
    }
    let mut at = FORMAT.len() as u64;
    let mut files = 0;
    while at < total {
        let Ok(len) = read_len(reader) else {
            return false;
        };
        let mut name = vec![0; len.min(4096) as usize];
        if len > 4096
            || reader.read_exact(&mut name).is_err()
            || std::str::from_utf8(&name).is_err()
        {
            return false;
        }
        let Ok(len) = read_len(reader) else {
            return false;
        };
        at = match at
            .checked_add(16 + name.len() as u64)
            .and_then(|a| a.checked_add(len))
        {
            Some(end) if end <= total => end,
            _ => return false,
        };
        if i64::try_from(len).map_or(true, |len| reader.seek_relative(len).is_err()) {
            return false;
        }
        files += 1;
    }
    at == total && files > 0
}

/// One length-prefixed part of [`encode`]'s format into `part`.
fn read_part(reader: &mut impl Read, part: &mut Vec<u8>) -> io::Result<()> {
    let len = usize::try_from(read_len(reader)?).map_err(io::Error::other)?;
    part.resize(len, 0);
    reader.read_exact(part)
}

/// One little-endian u64 length of [`encode`]'s format.
fn read_len(reader: &mut impl Read) -> io::Result<u64> {
    let mut len = [0; 8];
    reader.read_exact(&mut len)?;
    Ok(u64::from_le_bytes(len))
}

/// Indexes `records` and stores the bundle under `key`, the only entry of `code`;
/// a bundle that cannot be stored is an error.
pub fn make(cache: &Cache, code: &str, key: &str, records: Vec<Record>) -> Result<Files, String> {
    let (files, stored) = make_and_try_storing(cache, code, key, records)?;
    stored.map(|()| files)
}

/// Indexes `records`, and gives the bundle with whether it could be stored under
/// `key` (`brief serve` serves a bundle whose cache folder was removed meanwhile).
pub fn make_and_try_storing(
    cache: &Cache,
    code: &str,
    key: &str,
    records: Vec<Record>,
) -> Result<(Files, Result<(), String>), String> {
    let dir = cache.search_dir();
    let path = dir.join(format!("{code}-{key}.pagefind"));
    let files = index(records)?;
    let stored = crate::media::cache::store(&path, &encode(&files)).map_err(|e| {
        format!("{e} (search indexes are kept in .brief-cache/ next to brief.yaml: make that folder writable, or delete it)")
    });
    if stored.is_ok() {
        remove_others(&dir, code, &path);
    }
    Ok((files, stored))
}

/// The code that turns drafts into what Pagefind indexes, and the lock file (the
/// Pagefind and HTML-decoding releases): a brief that makes other content from the
/// same drafts makes other keys, without a version to remember to raise.
const SOURCES: [&str; 6] = [
    include_str!("records.rs"),
    include_str!("text.rs"),
    include_str!("indexer.rs"),
    include_str!("cache.rs"),
    include_str!("../text/arabic.rs"),
    include_str!("../../Cargo.lock"),
];

/// The key of a language's drafts: every field of each record but its content, and
/// everything its content is made from, length-prefixed, in order; then the code
/// that makes the content.
pub fn key(drafts: &[Draft]) -> String {
    key_of(drafts)
}

/// [`key`] of drafts made one at a time ([`crate::search::each_draft`]), so that a
/// large site's drafts are not all held to find its bundle in the cache.
pub fn key_of<'a, D: std::borrow::Borrow<Draft<'a>>>(
    drafts: impl IntoIterator<Item = D>,
) -> String {
    let mut key = crate::media::cache::KeyHasher::default();
    for part in [FORMAT, PAGEFIND_VERSION.as_bytes()] {
        key.part(part);
    }
    for source in SOURCES {
        key.part(source.as_bytes());
    }
    for draft in drafts {
        let draft = draft.borrow();
        let (record, text) = (&draft.record, &draft.text);
        for part in [
            b"record".as_slice(),
            record.url.as_bytes(),
            record.language.as_bytes(),
        ] {
            key.part(part);
        }
        for (name, value) in record.meta.iter().chain(&record.sort) {
            key.part(name.as_bytes());
            key.part(value.as_bytes());
        }
        key.part(b"filters");
        for (name, values) in &record.filters {
            key.part(name.as_bytes());
            for value in values {
                key.part(value.as_bytes());
            }
            key.part(b"");
        }
        for part in [
            b"text".as_slice(),
            text.summary.unwrap_or_default().as_bytes(),
            if text.summary.is_some() { b"1" } else { b"0" },
            text.html_hash.to_le_bytes().as_slice(),
            text.title.as_bytes(),
            if text.arabic { b"ar" } else { b"" },
        ] {
            key.part(part);
        }
        for name in &text.names {
            key.part(name.as_bytes());
        }
        key.part(b"end");
    }
    key.finish()
}

/// The other entries of `code` (an older site's), which no build will ask for again:
/// packs and trees of other keys than `keep`'s. A file another build is reading
/// stays readable until it closes it.
fn remove_others(dir: &Path, code: &str, keep: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let key_of = |p: &Path| -> Option<String> {
        let stem = p.file_stem()?.to_str()?;
        let rest = stem.strip_prefix(code)?.strip_prefix('-')?;
        (rest.len() == 32 && rest.bytes().all(|b| b.is_ascii_hexdigit())).then(|| rest.to_string())
    };
    let Some(kept) = key_of(keep) else {
        return;
    };
    let others: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "pagefind" || e == "files")
                && key_of(p).is_some_and(|key| key != kept)
        })
        .collect();
    for other in others {
        // Another build may have removed it already; a stale entry left behind is
        // only disk space, removed by the next build of this language.
        let _ = if other.is_dir() {
            fs::remove_dir_all(other)
        } else {
            fs::remove_file(other)
        };
    }
}

/// The files as one entry: the format line, then each file's name and bytes, each
/// length-prefixed (little-endian u64).
fn encode(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let size = files
        .iter()
        .map(|(n, b)| 16 + n.len() + b.len())
        .sum::<usize>();
    let mut out = Vec::with_capacity(FORMAT.len() + size);
    out.extend_from_slice(FORMAT);
    for (name, bytes) in files {
        for part in [name.as_bytes(), bytes.as_slice()] {
            out.extend_from_slice(&(part.len() as u64).to_le_bytes());
            out.extend_from_slice(part);
        }
    }
    out
}

/// [`encode`]'s files back, or `None` for anything else (an entry of another
/// format, a damaged file): then the bundle is made again.
fn decode(bytes: &[u8]) -> Option<Files> {
    let mut rest = bytes.strip_prefix(FORMAT)?;
    let mut take = || -> Option<&[u8]> {
        let (len, after) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        let (part, after) = (after.get(..len)?, after.get(len..)?);
        rest = after;
        Some(part)
    };
    let mut files = Vec::new();
    while let Some(name) = take() {
        let name = String::from_utf8(name.to_vec()).ok()?;
        files.push((name, take()?.to_vec()));
    }
    (rest.is_empty() && !files.is_empty()).then_some(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::records::Text;
    use std::collections::BTreeMap;

    fn draft(url: &str, html: &'static str) -> Draft<'static> {
        Draft {
            record: Record {
                url: url.to_string(),
                content: String::new(),
                language: "en".to_string(),
                meta: BTreeMap::from([("title".to_string(), "Putin calls al-Sharaa".to_string())]),
                filters: BTreeMap::from([("tag".to_string(), vec!["syria".to_string()])]),
                sort: BTreeMap::from([("date".to_string(), "2025-02-12".to_string())]),
            },
            text: Text {
                summary: Some("The first call since December."),
                html,
                html_hash: xxhash_rust::xxh3::xxh3_128(html.as_bytes()),
                title: "Putin calls al-Sharaa",
                names: vec!["Vladimir Putin"],
                arabic: false,
            },
        }
    }

    #[test]
    fn a_draft_copied_out_of_the_site_makes_the_same_record() {
        let mut arabic = draft("/ar/briefings/x/", "<p>قال الكرملين إن بوتين وHTS…</p>");
        arabic.text.arabic = true;
        arabic.text.names.push("الكرملين");
        for d in [
            draft("/en/briefings/x/", "<p>Putin and <b>al-Sharaa</b>.</p>"),
            arabic,
        ] {
            let record = d.clone().record();
            assert!(!record.content.is_empty());
            assert_eq!(d.into_owned().record(), record);
        }
    }

    #[test]
    fn entries_round_trip_and_damage_is_a_miss() {
        let files = vec![
            ("pagefind-entry.json".to_string(), b"{}".to_vec()),
            ("fragment/en_1.pf_fragment".to_string(), vec![0, 159, 255]),
            ("index/empty".to_string(), Vec::new()),
        ];
        let bytes = encode(&files);
        assert_eq!(decode(&bytes), Some(files.clone()));
        for cut in [0, FORMAT.len(), FORMAT.len() + 5, bytes.len() - 1] {
            assert_eq!(decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), None);

        // Read one file at a time, the same files; a damaged entry hands over none.
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::for_site(dir.path());
        let key = "0123456789abcdef0123456789abcdef";
        let entry = cache.search_dir().join(format!("en-{key}.pagefind"));
        fs::create_dir_all(cache.search_dir()).unwrap();
        let handed = |cache: &Cache| {
            let mut got = Vec::new();
            let found = each_stored(cache, "en", key, &mut |name, bytes| {
                got.push((name.to_string(), bytes.to_vec()));
                Ok(())
            })
            .unwrap();
            (found, got)
        };
        assert_eq!(handed(&cache), (false, Vec::new()), "no entry");
        fs::write(&entry, &bytes).unwrap();
        assert_eq!(handed(&cache), (true, files));
        let mut damaged = vec![longer, bytes[..bytes.len() - 1].to_vec()];
        let mut long_name = bytes.clone();
        long_name[FORMAT.len()..FORMAT.len() + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        damaged.push(long_name);
        for (n, bytes) in damaged.into_iter().enumerate() {
            fs::write(&entry, bytes).unwrap();
            assert_eq!(handed(&cache), (false, Vec::new()), "damaged entry {n}");
        }
    }

    #[test]
    fn every_field_changes_the_key() {
        let base = vec![draft("/en/a/", "<p>text</p>")];
        let same = key(&base);
        assert_eq!(key(&base.clone()), same);
        let changes: [fn(&mut Draft<'static>); 11] = [
            |d| d.record.url.push('x'),
            |d| d.record.language = "ar".to_string(),
            |d| {
                d.record
                    .meta
                    .insert("image".to_string(), "/a.jpg".to_string());
            },
            |d| {
                d.record
                    .filters
                    .entry("tag".to_string())
                    .or_default()
                    .push("x".to_string())
            },
            |d| {
                d.record
                    .sort
                    .insert("date".to_string(), "2025-02-13".to_string());
            },
            |d| d.text.summary = None,
            |d| d.text.summary = Some(""),
            |d| d.text.html_hash += 1,
            |d| d.text.title = "Putin calls al-Sharaa again",
            |d| d.text.names.push("Ahmed al-Sharaa"),
            |d| d.text.arabic = true,
        ];
        for (i, change) in changes.iter().enumerate() {
            let mut changed = base.clone();
            change(&mut changed[0]);
            assert_ne!(key(&changed), same, "change {i}");
        }
        // Order and record boundaries count.
        let two = vec![draft("/en/a/", "<p>a</p>"), draft("/en/b/", "<p>b</p>")];
        let swapped = vec![two[1].clone(), two[0].clone()];
        assert_ne!(key(&two), key(&swapped));
    }

    #[test]
    fn the_pagefind_version_is_the_locked_one() {
        let lock = include_str!("../../Cargo.lock");
        let locked = lock
            .split("[[package]]")
            .find(|p| p.contains("\nname = \"pagefind\"\n"))
            .and_then(|p| p.lines().find_map(|l| l.strip_prefix("version = \"")))
            .and_then(|v| v.strip_suffix('"'));
        assert_eq!(locked, Some(PAGEFIND_VERSION));
    }
}
