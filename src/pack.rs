//! A pack in `.brief-cache/`: one file of records, each found by a 128-bit key, that
//! a build reads back instead of doing again what it did before. The build's cache
//! of rendered bodies (`site::bodies`) and of parsed front matter
//! (`content::stored`) are packs.
//!
//! - A pack per *kind*: a key of everything every record of the pack depends on
//!   (this brief binary, and what the caller adds). A folder keeps the current kind's
//!   pack and the [`KEPT_KINDS`] most recent others.
//! - New records are appended, each with a checksum; the index of the records the
//!   build used is written to a temporary file and renamed, so an interrupted build
//!   leaves the previous index, and a record is read only when its checksum holds.
//! - When more than half the pack is records no build uses, it is written again
//!   without them.
//! - A build takes the pack's lock; a second build of the same kind meanwhile goes
//!   without and keeps nothing.
//!
//! One pack file rather than a file per record: creating thousands of files is slow
//! on some disks (2–3 s for 4,000 on this project's test machine, against 35 ms to
//! write the same bytes as one file). Deleting the folder is always safe.

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::markdown::stored::{Reader, put_len};
use crate::media::cache::KeyHasher;

/// Other kinds whose pack a folder keeps (`--drafts` and not, a build with another
/// `--base-url`).
pub const KEPT_KINDS: usize = 1;

/// What a pack and an index start with; raised whenever either format changes.
const PACK_MAGIC: &[u8; 16] = b"brief pack 2\n\0\0\0";
const INDEX_MAGIC: &[u8; 16] = b"brief index 2\n\0\0";

/// Where a record is in the pack: offset and length of the whole record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    offset: u64,
    len: u64,
}

/// The pack of one kind, locked for this build.
pub struct Pack {
    pack_path: PathBuf,
    index_path: PathBuf,
    /// The pack, locked for this build. Records are read from it without a lock
    /// (`pread`); appending takes `end`'s.
    pack: File,
    /// Where the next record goes.
    end: Mutex<u64>,
    /// The pack's generation, which its index names.
    generation: u64,
    /// The records the index lists.
    index: HashMap<u128, Span>,
    /// The records this build used.
    used: Mutex<HashMap<u128, Span>>,
    /// The first failure to store, as a warning.
    unstored: Mutex<Option<Diagnostic>>,
    /// The warning for a pack that cannot be written.
    unwritable: fn(&Path, &io::Error) -> Diagnostic,
}

/// What opening a pack gives: the cache, or none (and why, when the user should
/// know).
pub enum Opened<T> {
    Cache(Box<T>),
    /// The binary cannot be told apart from another, or another build holds the
    /// pack: everything is done afresh, and that is all.
    Without,
    /// The pack cannot be made: everything is done afresh, with this warning.
    Unwritable(Diagnostic),
}

impl<T> Opened<T> {
    /// The same outcome with the cache made into another (a pack into what wraps it).
    pub fn map<U>(self, wrap: impl FnOnce(T) -> U) -> Opened<U> {
        match self {
            Opened::Cache(cache) => Opened::Cache(Box::new(wrap(*cache))),
            Opened::Without => Opened::Without,
            Opened::Unwritable(warning) => Opened::Unwritable(warning),
        }
    }

    /// The cache, and the warning of one that could not be made.
    pub fn split(self) -> (Option<Box<T>>, Option<Diagnostic>) {
        match self {
            Opened::Cache(cache) => (Some(cache), None),
            Opened::Without => (None, None),
            Opened::Unwritable(warning) => (None, Some(warning)),
        }
    }
}

/// The start of a kind's key: this binary (version, size, modification time), and
/// `name`, the pack's purpose. `None` when the binary's file is unknown (then a
/// change of brief could not be told).
pub fn kind(name: &str) -> Option<KeyHasher> {
    let exe = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = exe
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut kind = KeyHasher::default();
    kind.part(name.as_bytes());
    kind.part(env!("CARGO_PKG_VERSION").as_bytes());
    kind.part(&exe.len().to_le_bytes());
    kind.part(&modified.as_nanos().to_le_bytes());
    Some(kind)
}

impl Pack {
    /// The pack of `kind` in `dir`, locked; `unwritable` words the warning when it
    /// cannot be written.
    pub fn open(
        dir: &Path,
        kind: &str,
        unwritable: fn(&Path, &io::Error) -> Diagnostic,
    ) -> Opened<Pack> {
        let pack_path = dir.join(format!("{kind}.pack"));
        let opened = fs::create_dir_all(dir).and_then(|()| {
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
        Opened::Cache(Box::new(Pack {
            pack_path,
            index_path,
            pack,
            end: Mutex::new(end),
            generation,
            index,
            used: Mutex::new(HashMap::new()),
            unstored: Mutex::new(None),
            unwritable,
        }))
    }

    /// The record stored under `key`, read by `decode` from its payload; `None` when
    /// there is none, or its checksum or `decode` fails.
    pub fn get<T>(&self, key: u128, decode: impl FnOnce(&[u8]) -> Option<T>) -> Option<(T, Span)> {
        let at = *self.index.get(&key)?;
        let mut record = vec![0; usize::try_from(at.len).ok()?];
        self.pack.read_exact_at(&mut record, at.offset).ok()?;
        Some((decode(checked(&record)?)?, at))
    }

    /// Keeps a stored record for the next build.
    pub fn keep(&self, key: u128, at: Span) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(key, at);
        }
    }

    /// Appends `payload` under `key`; a failure becomes the build's warning (once).
    pub fn put(&self, key: u128, payload: &[u8]) {
        let record = record(payload);
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
            Err(e) => {
                if let Ok(mut unstored) = self.unstored.lock() {
                    unstored.get_or_insert((self.unwritable)(&self.pack_path, &e));
                }
            }
        }
    }

    /// Writes the index of the records this build used (when it differs from the
    /// one read), writes the pack again when most of it is unused, removes the packs
    /// of all but the [`KEPT_KINDS`] most recent other kinds, and gives back the
    /// warning of a record that could not be stored.
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
            warning.get_or_insert_with(|| (self.unwritable)(&self.pack_path, &e));
        }
        if let Some(dir) = self.pack_path.parent() {
            remove_old_kinds(dir, &self.pack_path);
        }
        warning
    }

    #[cfg(test)]
    pub(crate) fn path(&self) -> &Path {
        &self.pack_path
    }
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

/// Empties `pack` and writes its header; gives where records start.
fn begin_pack(pack: &File, generation: u64) -> io::Result<u64> {
    pack.set_len(0)?;
    pack.write_all_at(PACK_MAGIC, 0)?;
    pack.write_all_at(&generation.to_le_bytes(), PACK_MAGIC.len() as u64)?;
    Ok(PACK_MAGIC.len() as u64 + 8)
}

/// The records of an index of the pack of `generation`, `end` bytes long; `None`
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

/// Writes the pack again with only `used`'s records, under a new generation, then
/// its index. Until the index is renamed into place, the old index names the old
/// generation, so a build stopped half-way does the work again rather than misreads.
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
