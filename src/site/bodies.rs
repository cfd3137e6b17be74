//! The build's cache of rendered bodies (`.brief-cache/bodies/`): a briefing's file
//! and what rendering it asked of the rest of the site → its [`Rendered`] body, so
//! that `brief build` renders again only the bodies whose text, or whose answers,
//! changed.
//!
//! - A pack per *kind of build*: a key of everything every body is rendered with
//!   (this brief binary, `brief.yaml` with `--base-url`, the entity registry).
//! - In it, an entry per file, found by a key of its path and its whole text.
//! - What a body asks of the other files (the page a link to another file goes to,
//!   whether the bundle has a file, a picture's size) is kept in the entry with the
//!   answers, and asked again when the entry is read: an entry whose answers
//!   changed is rendered again. So a new briefing does not make every body stale,
//!   and a moved one makes stale only the bodies that link to it.
//!
//! One pack file rather than a file per body: creating thousands of files is slow on
//! some disks (2–3 s for 4,000 on this project's test machine, against 35 ms to write
//! the same bytes as one file). New entries are appended; the index of the entries
//! the build used is written to a temporary file and renamed, so an interrupted build
//! leaves the previous index, and an entry is read only when its checksum holds. When
//! more than half the pack is entries no build uses, it is written again without
//! them. A build takes the pack's lock; a second build of the same kind meanwhile
//! renders every body and keeps none. Deleting the folder is always safe.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::config::Config;
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::entities::registry::Registry;
use crate::markdown::stored::{Reader, put_len, put_str};
use crate::markdown::{ImageSize, Rendered};
use crate::media::cache::{Cache, KeyHasher};

/// Other kinds of build whose pack a build keeps (`--drafts` and not, a build
/// with another `--base-url`).
pub const KEPT_KINDS: usize = 1;

/// What a pack and an index start with; raised whenever either format changes.
const PACK_MAGIC: &[u8; 16] = b"brief bodies 1\n\0";
const INDEX_MAGIC: &[u8; 16] = b"brief index 1\n\0\0";

/// What a body asked of the site while it was rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The page of a link to another source file.
    Link = 0,
    /// The URL of a bundle file, if the bundle has it.
    Asset = 1,
    /// The URL of a bundle file, whether or not it is there (an image).
    AssetAlways = 2,
    /// A picture's size and copies.
    Image = 3,
}

/// One question and the answer it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub ask: Ask,
    pub input: String,
    pub answer: Option<String>,
}

/// The answer to [`Ask::Image`], as compared: every field of the size.
pub fn image_answer(size: &ImageSize) -> String {
    format!(
        "{} {} {} {}",
        size.width,
        size.height,
        size.sizes,
        size.srcset.as_deref().unwrap_or("-")
    )
}

/// Collects a render's [`Lookup`]s (the resolvers are `Sync`, hence the lock, which
/// only one thread ever takes).
#[derive(Default)]
pub struct Recorder(Mutex<Vec<Lookup>>);

impl Recorder {
    pub fn note(&self, ask: Ask, input: &str, answer: Option<String>) -> Option<String> {
        if let Ok(mut lookups) = self.0.lock() {
            lookups.push(Lookup {
                ask,
                input: input.to_string(),
                answer: answer.clone(),
            });
        }
        answer
    }

    pub fn into_lookups(self) -> Vec<Lookup> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Where an entry is in the pack: offset and length of the whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    offset: u64,
    len: u64,
}

/// A stored body, its lookups, and where it is.
pub struct Stored {
    pub rendered: Rendered,
    pub lookups: Vec<Lookup>,
    pub at: Span,
}

/// The pack of one kind of build, locked for this build.
pub struct BodyCache {
    pack_path: PathBuf,
    index_path: PathBuf,
    /// The pack, locked for this build. Entries are read from it without a lock
    /// (`pread`); appending takes `end`'s.
    pack: File,
    /// Where the next entry goes.
    end: Mutex<u64>,
    /// The pack's generation, which its index names.
    generation: u64,
    /// The entries the index lists.
    index: HashMap<u128, Span>,
    /// The entries this build used.
    used: Mutex<HashMap<u128, Span>>,
    /// The first failure to store, as a warning.
    unstored: Mutex<Option<Diagnostic>>,
}

/// What [`BodyCache::open`] gives: a cache, or none (and why, when the user should
/// know).
pub enum Opened {
    Cache(Box<BodyCache>),
    /// The binary cannot be told apart from another, or another build holds the
    /// pack: every body is rendered, and that is all.
    Without,
    /// The pack cannot be made: every body is rendered, with this warning.
    Unwritable(Diagnostic),
}

impl BodyCache {
    /// The pack for bodies rendered with `config` and `registry` by this binary.
    pub fn open(root: &Path, config: &Config, registry: &Registry) -> Opened {
        let Some(kind) = kind(config, registry) else {
            return Opened::Without;
        };
        let dir = Cache::for_site(root).bodies_dir();
        let pack_path = dir.join(format!("{kind}.pack"));
        let opened = fs::create_dir_all(&dir).and_then(|()| {
            fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&pack_path)
        });
        let mut pack = match opened {
            Ok(pack) => pack,
            Err(e) => return Opened::Unwritable(unwritable(&pack_path, &e)),
        };
        if pack.try_lock().is_err() {
            return Opened::Without;
        }
        let (generation, end) = match pack_header(&mut pack) {
            Ok(Some(found)) => found,
            // New, or not a pack of this brief's: begun again.
            Ok(None) => match begin_pack(&pack, 1) {
                Ok(end) => (1, end),
                Err(e) => return Opened::Unwritable(unwritable(&pack_path, &e)),
            },
            Err(e) => return Opened::Unwritable(unwritable(&pack_path, &e)),
        };
        let index_path = dir.join(format!("{kind}.index"));
        let index = fs::read(&index_path)
            .ok()
            .and_then(|bytes| read_index(&bytes, generation, end))
            .unwrap_or_default();
        Opened::Cache(Box::new(BodyCache {
            pack_path,
            index_path,
            pack,
            end: Mutex::new(end),
            generation,
            index,
            used: Mutex::new(HashMap::new()),
            unstored: Mutex::new(None),
        }))
    }

    /// The entry key of `article`: its path and the hash of its whole text.
    pub fn key(article: &Article) -> u128 {
        let hash = article
            .released
            .unwrap_or_else(|| xxhash_rust::xxh3::xxh3_128(article.source.as_bytes()));
        let mut key = KeyHasher::default();
        key.part(article.file.to_string_lossy().as_bytes());
        key.part(&hash.to_le_bytes());
        key.digest()
    }

    /// The body stored under `key`; `None` when there is none, or what is there is
    /// not one.
    pub fn get(&self, key: u128) -> Option<Stored> {
        let at = *self.index.get(&key)?;
        let mut record = vec![0; usize::try_from(at.len).ok()?];
        self.pack.read_exact_at(&mut record, at.offset).ok()?;
        let payload = checked(&record)?;
        let mut rest = payload;
        let rendered = Rendered::decode(&mut rest)?;
        let lookups = read_lookups(rest)?;
        Some(Stored {
            rendered,
            lookups,
            at,
        })
    }

    /// Keeps a stored entry for the next build.
    pub fn keep(&self, key: u128, at: Span) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key, at);
        }
    }

    /// Appends `rendered` under `key`; a failure becomes the build's warning (once).
    pub fn put(&self, key: u128, rendered: &Rendered, lookups: &[Lookup]) {
        let mut payload = Vec::with_capacity(rendered.html.len() + 256);
        rendered.encode(&mut payload);
        put_len(&mut payload, lookups.len());
        for lookup in lookups {
            payload.push(lookup.ask as u8);
            put_str(&mut payload, &lookup.input);
            match &lookup.answer {
                None => payload.push(0),
                Some(answer) => {
                    payload.push(1);
                    put_str(&mut payload, answer);
                }
            }
        }
        let record = record(&payload);
        let appended = self
            .end
            .lock()
            .map_err(|_| io::Error::other("lock"))
            .and_then(|mut end| {
                let offset = *end;
                self.pack.write_all_at(&record, offset)?;
                *end += record.len() as u64;
                Ok(offset)
            });
        match appended {
            Ok(offset) => self.keep(
                key,
                Span {
                    offset,
                    len: record.len() as u64,
                },
            ),
            Err(e) => self.warn(unwritable(&self.pack_path, &e)),
        }
    }

    fn warn(&self, warning: Diagnostic) {
        if let Ok(mut unstored) = self.unstored.lock() {
            unstored.get_or_insert(warning);
        }
    }

    /// Writes the index of the entries this build used (when it differs from the one
    /// read), writes the pack again when most of it is unused, removes the packs of
    /// all but the [`KEPT_KINDS`] most recent other kinds, and gives back the warning
    /// of an entry that could not be stored.
    pub fn finish(self) -> Option<Diagnostic> {
        let used = self.used.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut pack = self.pack;
        let end = self.end.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut warning = self
            .unstored
            .into_inner()
            .unwrap_or_else(|e| e.into_inner());
        let live: u64 = used.values().map(|s| s.len).sum();
        let result = if end - PACK_MAGIC.len() as u64 - 8 > 2 * live + (1 << 20) {
            compact(
                &mut pack,
                &self.pack_path,
                &self.index_path,
                self.generation + 1,
                &used,
            )
        } else if used != self.index {
            write_index(&self.index_path, self.generation, &used)
        } else {
            Ok(())
        };
        if let Err(e) = result {
            warning.get_or_insert_with(|| unwritable(&self.pack_path, &e));
        }
        if let Some(dir) = self.pack_path.parent() {
            remove_old_kinds(dir, &self.pack_path);
        }
        warning
    }
}

/// The key of everything every body of a build is rendered with; `None` when this
/// binary's file is unknown (then a change of brief could not be told).
fn kind(config: &Config, registry: &Registry) -> Option<String> {
    let exe = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut kind = KeyHasher::default();
    kind.part(b"bodies");
    kind.part(env!("CARGO_PKG_VERSION").as_bytes());
    kind.part(&exe.len().to_le_bytes());
    kind.part(&modified.as_nanos().to_le_bytes());
    kind.part(format!("{config:?}").as_bytes());
    kind.part(format!("{:?}", registry.entities).as_bytes());
    Some(kind.finish())
}

fn unwritable(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::warning(
        path,
        format!("cannot keep the rendered bodies for the next build: {e}"),
    )
    .help("make .brief-cache/ next to brief.yaml writable, or delete it; until then every build renders every body")
}

/// A record: the payload's length, the payload, its checksum.
fn record(payload: &[u8]) -> Vec<u8> {
    let mut record = Vec::with_capacity(payload.len() + 16);
    put_len(&mut record, payload.len());
    record.extend_from_slice(payload);
    record.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(payload).to_le_bytes());
    record
}

/// A record's payload, if its length and checksum hold.
fn checked(record: &[u8]) -> Option<&[u8]> {
    let mut r = Reader(record);
    let len = r.len()?;
    let payload = r.take(len)?;
    let sum = u64::from_le_bytes(r.take(8)?.try_into().ok()?);
    (r.0.is_empty() && xxhash_rust::xxh3::xxh3_64(payload) == sum).then_some(payload)
}

fn read_lookups(bytes: &[u8]) -> Option<Vec<Lookup>> {
    let mut r = Reader(bytes);
    let lookups = (0..r.len()?)
        .map(|_| {
            let ask = match r.byte()? {
                0 => Ask::Link,
                1 => Ask::Asset,
                2 => Ask::AssetAlways,
                3 => Ask::Image,
                _ => return None,
            };
            let input = r.string()?;
            let answer = match r.byte()? {
                0 => None,
                1 => Some(r.string()?),
                _ => return None,
            };
            Some(Lookup { ask, input, answer })
        })
        .collect::<Option<Vec<_>>>()?;
    r.0.is_empty().then_some(lookups)
}

/// The generation and length of a pack, or `None` when it is empty or not a pack.
fn pack_header(pack: &mut File) -> io::Result<Option<(u64, u64)>> {
    let end = pack.metadata()?.len();
    let mut header = [0; 24];
    if end < header.len() as u64 {
        return Ok(None);
    }
    pack.read_exact(&mut header)?;
    Ok((&header[..16] == PACK_MAGIC).then(|| {
        (
            u64::from_le_bytes(header[16..].try_into().unwrap_or_default()),
            end,
        )
    }))
}

/// Empties `pack` and writes its header; gives where entries start.
fn begin_pack(pack: &File, generation: u64) -> io::Result<u64> {
    pack.set_len(0)?;
    pack.write_all_at(PACK_MAGIC, 0)?;
    pack.write_all_at(&generation.to_le_bytes(), PACK_MAGIC.len() as u64)?;
    Ok(PACK_MAGIC.len() as u64 + 8)
}

/// The entries of an index of the pack of `generation`, `end` bytes long; `None`
/// when it is another pack's or not an index.
fn read_index(bytes: &[u8], generation: u64, end: u64) -> Option<HashMap<u128, Span>> {
    let mut r = Reader(bytes);
    (r.take(16)? == INDEX_MAGIC).then_some(())?;
    (r.len()? as u64 == generation).then_some(())?;
    let n = r.len()?;
    let mut index = HashMap::with_capacity(n.min(bytes.len() / 32));
    for _ in 0..n {
        let key = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
        let offset = r.len()? as u64;
        let len = r.len()? as u64;
        (offset.checked_add(len)? <= end).then_some(())?;
        index.insert(key, Span { offset, len });
    }
    r.0.is_empty().then_some(index)
}

/// Writes the index of `entries` (sorted, so the same entries give the same bytes)
/// through a temporary file.
fn write_index(path: &Path, generation: u64, entries: &HashMap<u128, Span>) -> io::Result<()> {
    let mut sorted: Vec<(&u128, &Span)> = entries.iter().collect();
    sorted.sort_unstable_by_key(|(key, _)| **key);
    let mut bytes = Vec::with_capacity(40 + sorted.len() * 32);
    bytes.extend_from_slice(INDEX_MAGIC);
    put_len(&mut bytes, generation as usize);
    put_len(&mut bytes, sorted.len());
    for (key, span) in sorted {
        bytes.extend_from_slice(&key.to_le_bytes());
        put_len(&mut bytes, span.offset as usize);
        put_len(&mut bytes, span.len as usize);
    }
    replace(path, &bytes)
}

/// Writes `bytes` at `path` through a temporary file in the same folder.
fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes the pack again with only `used`'s entries, under a new generation, then
/// its index. Until the index is renamed into place, the old index names the old
/// generation, so a build stopped half-way renders again rather than misreads.
fn compact(
    pack: &mut File,
    pack_path: &Path,
    index_path: &Path,
    generation: u64,
    used: &HashMap<u128, Span>,
) -> io::Result<()> {
    let dir = pack_path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    let mut sorted: Vec<(&u128, &Span)> = used.iter().collect();
    sorted.sort_unstable_by_key(|(_, span)| span.offset);
    let mut moved = HashMap::with_capacity(sorted.len());
    let mut out = io::BufWriter::new(temp.as_file_mut());
    out.write_all(PACK_MAGIC)?;
    out.write_all(&generation.to_le_bytes())?;
    let mut end = PACK_MAGIC.len() as u64 + 8;
    let mut record = Vec::new();
    for (key, span) in sorted {
        record.resize(usize::try_from(span.len).map_err(io::Error::other)?, 0);
        pack.read_exact_at(&mut record, span.offset)?;
        out.write_all(&record)?;
        moved.insert(
            *key,
            Span {
                offset: end,
                len: span.len,
            },
        );
        end += span.len;
    }
    out.flush()?;
    drop(out);
    // The new pack takes the lock before it takes the name, and keeps it until its
    // index is in place.
    temp.as_file().lock()?;
    let new = temp.persist(pack_path).map_err(|e| e.error)?;
    write_index(index_path, generation, &moved)?;
    drop(new);
    Ok(())
}

/// Removes the packs and indexes in `dir` but `current`'s and the [`KEPT_KINDS`]
/// most recently written others. A file that cannot be removed is left for a later
/// build: it only takes room.
fn remove_old_kinds(dir: &Path, current: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut others: Vec<(std::time::SystemTime, PathBuf)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pack") && p != current)
        .map(|p| {
            let changed = fs::metadata(&p)
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            (changed, p)
        })
        .collect();
    others.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, old) in others.into_iter().skip(KEPT_KINDS) {
        // A pack another build holds is left alone.
        if let Ok(file) = File::open(&old)
            && file.try_lock().is_ok()
        {
            let _ = fs::remove_file(old.with_extension("index"));
            let _ = fs::remove_file(&old);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(title: &str) -> Config {
        let yaml = format!(
            "title: {title}\nbase_url: https://example.org/\nlanguages:\n  - code: ar\n  - code: en\n"
        );
        Config::parse(Path::new("brief.yaml"), &yaml).unwrap()
    }

    fn body(n: usize) -> Rendered {
        Rendered {
            html: format!("<p>قال الكرملين إن HTS و{n}</p>\n").repeat(2_000),
            html_hash: n as u128,
            ..Rendered::default()
        }
    }

    fn open(root: &Path, config: &Config) -> Box<BodyCache> {
        match BodyCache::open(root, config, &Registry::default()) {
            Opened::Cache(cache) => cache,
            _ => panic!("no cache"),
        }
    }

    fn lookups() -> Vec<Lookup> {
        vec![Lookup {
            ask: Ask::Link,
            input: "../other/index.ar.md".to_string(),
            answer: Some("/ar/other/".to_string()),
        }]
    }

    #[test]
    fn bodies_come_back_until_unused_and_a_mostly_unused_pack_is_written_again() {
        let root = tempfile::tempdir().unwrap();
        let config = config("Desk");
        let cache = open(root.path(), &config);
        for n in 0..40 {
            cache.put(n, &body(n as usize), &lookups());
        }
        // A second build of the same kind meanwhile goes without.
        assert!(matches!(
            BodyCache::open(root.path(), &config, &Registry::default()),
            Opened::Without
        ));
        assert!(cache.finish().is_none());

        let cache = open(root.path(), &config);
        let stored = cache.get(7).expect("stored");
        assert_eq!(stored.rendered.html, body(7).html);
        assert_eq!(stored.lookups, lookups());
        assert!(cache.get(99).is_none());
        // Only five used: the pack is mostly unused, and written again.
        let pack = cache.pack_path.clone();
        let before = fs::metadata(&pack).unwrap().len();
        for n in 0..5 {
            let stored = cache.get(n).unwrap();
            cache.keep(n, stored.at);
        }
        assert!(cache.finish().is_none());
        let after = fs::metadata(&pack).unwrap().len();
        assert!(after * 4 < before, "{before} → {after}");
        let cache = open(root.path(), &config);
        assert_eq!(cache.get(3).unwrap().rendered.html, body(3).html);
        assert!(cache.get(7).is_none(), "dropped with the unused");
        drop(cache);

        // Damaged bytes are never read as a body.
        let mut bytes = fs::read(&pack).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        fs::write(&pack, bytes).unwrap();
        let cache = open(root.path(), &config);
        let read: Vec<bool> = (0..5).map(|n| cache.get(n).is_some()).collect();
        assert_eq!(read.iter().filter(|r| !**r).count(), 1, "{read:?}");
    }

    #[test]
    fn another_kind_of_build_has_its_own_pack_and_the_oldest_go() {
        let root = tempfile::tempdir().unwrap();
        let packs = || {
            fs::read_dir(root.path().join(".brief-cache/bodies"))
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|e| e == "pack")
                })
                .count()
        };
        for (i, title) in ["One", "Two", "Three"].into_iter().enumerate() {
            let cache = open(root.path(), &config(title));
            cache.put(1, &body(i), &[]);
            assert!(cache.finish().is_none());
            assert_eq!(packs(), (i + 1).min(1 + KEPT_KINDS), "after {title}");
        }
        let cache = open(root.path(), &config("Three"));
        assert_eq!(cache.get(1).unwrap().rendered.html, body(2).html);
        assert!(cache.finish().is_none());
        let cache = open(root.path(), &config("One"));
        assert!(cache.get(1).is_none(), "the oldest kind went");
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_a_warning() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join(".brief-cache")).unwrap();
        fs::write(root.path().join(".brief-cache/bodies"), "in the way").unwrap();
        let Opened::Unwritable(warning) =
            BodyCache::open(root.path(), &config("Desk"), &Registry::default())
        else {
            panic!("opened");
        };
        assert!(
            warning.message.contains("cannot keep the rendered bodies"),
            "{warning:?}"
        );
    }
}
