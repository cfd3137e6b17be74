//! Files of a build → a staging directory beside the output, swapped in only when
//! every file succeeded, so a failed build leaves the previous output as it was.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: at every instant the output
//! directory is either the old site or the new one, even if the build is killed.
//! Elsewhere (or on a file system without the exchange) it is two renames, and a
//! kill between them leaves the old site in `.NAME.brief-old-PID` beside it. Either
//! way, a build removes the staging and old directories of dead builds of the same
//! output before it starts.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::error::{Error, Result};

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
    /// With a ledger (`brief serve`), what each file was made from is noted, and a
    /// file made as in the previous build is hard-linked from it, not written again.
    ledger: Option<Ledging>,
    /// The folders made so far: many files share theirs (a page's card, a search
    /// index's thousands of fragments), and asking the disk again costs two system
    /// calls a file.
    folders: Mutex<HashSet<PathBuf>>,
    /// False once a hard link from the cache failed for a reason every other file
    /// shares (the cache is on another file system).
    links_from_cache: AtomicBool,
    /// The permission bits a file written here gets (the umask applied to 0666),
    /// asked once, by [`Staging::link_cached`].
    file_mode: OnceLock<Option<u32>>,
}

/// How [`Staging::link_cached`] went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    /// The file is a hard link to the cache's.
    Yes,
    /// The cache's file has other permissions than one written here gets (stored by
    /// an older brief, or under another umask): write the file, and store the cache's
    /// again so that the next build links it.
    OtherMode,
    /// Not linked: no such file in the cache, another file system, a build keeping a
    /// ledger (`brief serve`), or a system without hard links. Write the file.
    No,
}

/// A build's files and what each was made from: the bytes written (length and
/// hash), or the file copied (its metadata). The next build into a private
/// directory links the files that come out the same instead of writing them.
#[derive(Debug, Default)]
pub struct Ledger {
    dir: PathBuf,
    files: HashMap<String, Entry>,
}

/// How a file was made, and the file as it was then: one replaced since (the fast
/// path of `brief serve` rewrites pages in place) is not linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    made: Made,
    file: Stamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Made {
    Written { len: u64, hash: u64 },
    Copied(Stamp),
}

impl Ledger {
    /// Each file of the build: its path inside the site, its stamp as made, and
    /// the XXH3 hash of its bytes where brief wrote them (not for copies).
    pub(crate) fn files(&self) -> impl Iterator<Item = (&str, Stamp, Option<u64>)> {
        self.files.iter().map(|(relative, entry)| {
            let hash = match entry.made {
                Made::Written { hash, .. } => Some(hash),
                Made::Copied(_) => None,
            };
            (relative.as_str(), entry.file, hash)
        })
    }
}

/// Enough of a file's metadata to tell that it was not replaced or rewritten (a
/// hard link shares it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    /// Device and inode.
    inode: (u64, u64),
}

impl Stamp {
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        std::fs::metadata(path).ok().map(|meta| Stamp::from(&meta))
    }

    /// The stamp as five numbers (length, modification time in seconds and
    /// nanoseconds, device, inode), for a store's index; [`Stamp::decode`] reads
    /// them back.
    pub(crate) fn encode(&self) -> String {
        let (seconds, nanos) = self
            .modified
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or((u64::MAX, 0), |d| (d.as_secs(), d.subsec_nanos()));
        format!(
            "{} {seconds} {nanos} {} {}",
            self.len, self.inode.0, self.inode.1
        )
    }

    /// `None` for anything [`Stamp::encode`] does not write (a damaged index).
    pub(crate) fn decode(text: &str) -> Option<Stamp> {
        let mut numbers = text.split(' ').map(str::parse::<u64>);
        let mut next = || numbers.next()?.ok();
        let (len, seconds, nanos, device, inode) = (next()?, next()?, next()?, next()?, next()?);
        let modified = if seconds == u64::MAX {
            None
        } else {
            let nanos = u32::try_from(nanos).ok().filter(|n| *n < 1_000_000_000)?;
            Some(std::time::UNIX_EPOCH.checked_add(std::time::Duration::new(seconds, nanos))?)
        };
        Some(Stamp {
            len,
            modified,
            inode: (device, inode),
        })
    }
}

impl From<&std::fs::Metadata> for Stamp {
    fn from(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let inode = (0, 0);
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            inode,
        }
    }
}

impl Ledging {
    fn record(&self, relative: &str, entry: Entry) {
        self.files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(relative.to_string(), entry);
    }
}

struct Ledging {
    previous: Option<Ledger>,
    files: Mutex<HashMap<String, Entry>>,
    /// Files hard-linked from the previous build.
    linked: AtomicUsize,
}

impl Staging {
    /// Prepares a fresh staging directory next to `target`.
    pub fn new(target: &Path) -> Result<Staging> {
        let target = absolute(target)?;
        let name = target
            .file_name()
            .ok_or_else(|| Error::Usage(format!("cannot write the site to {}", target.display())))?
            .to_string_lossy()
            .into_owned();
        if target.is_dir()
            && !target.join(".nojekyll").exists()
            && std::fs::read_dir(&target)
                .map_err(Error::io(&target))?
                .next()
                .is_some()
        {
            return Err(Error::Usage(format!(
                "refusing to replace {}: it is not empty and brief did not write it (it has no .nojekyll); remove it or choose another --output",
                target.display()
            )));
        }
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_default();
        std::fs::create_dir_all(&parent).map_err(Error::io(&parent))?;
        remove_dead_builds(&parent, &name);
        let dir = parent.join(format!(".{name}.brief-tmp-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(Error::io(&dir))?;
        }
        std::fs::create_dir_all(&dir).map_err(Error::io(&dir))?;
        Ok(Staging {
            target,
            dir,
            committed: false,
            ledger: None,
            folders: Mutex::default(),
            links_from_cache: AtomicBool::new(true),
            file_mode: OnceLock::new(),
        })
    }

    /// [`Staging::new`] keeping a ledger of the files, for a directory nobody but
    /// brief touches (`brief serve`'s builds): a file made as in `previous` (the
    /// ledger of the build before, still on disk) is hard-linked from it.
    pub fn linking(target: &Path, previous: Option<Ledger>) -> Result<Staging> {
        let mut staging = Staging::new(target)?;
        staging.ledger = Some(Ledging {
            previous,
            files: Mutex::new(HashMap::new()),
            linked: AtomicUsize::new(0),
        });
        Ok(staging)
    }

    /// Writes one file at `relative` (a `/`-separated path inside the site).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.prepare(relative)?;
        let made = self.ledger.as_ref().map(|_| Made::Written {
            len: bytes.len() as u64,
            hash: xxhash_rust::xxh3::xxh3_64(bytes),
        });
        if let Some(made) = made
            && self.link(relative, made, &path)
        {
            return Ok(());
        }
        std::fs::write(&path, bytes).map_err(Error::io(self.target.join(relative)))?;
        if let Some(made) = made {
            self.note(relative, made, &path);
        }
        Ok(())
    }

    /// Writes one file at `relative` through `fill`, which writes it piece by piece,
    /// so a long file (the entity data of a large site is tens of megabytes) is not
    /// held whole. With a ledger, which keeps each file's hash, it is made in memory
    /// and written as [`Staging::write`] writes.
    pub fn write_with(
        &self,
        relative: &str,
        fill: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        if self.ledger.is_some() {
            let mut bytes = Vec::new();
            fill(&mut bytes).map_err(Error::io(self.target.join(relative)))?;
            return self.write(relative, &bytes);
        }
        let path = self.prepare(relative)?;
        let written = std::fs::File::create(&path).and_then(|file| {
            let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
            fill(&mut out)?;
            std::io::Write::flush(&mut out)
        });
        written.map_err(Error::io(self.target.join(relative)))
    }

    /// Hard-links the file at `source`, one brief made in its cache (a social card, a
    /// picture's smaller copy), at `relative`, when it is on the output's file system
    /// and has the permissions a file written here gets, so that the copy in the site
    /// is readable by all as its pages are. A warm build at 2,000 pairs then writes
    /// 4,000 cards (124 MB) as 4,000 links. Not with a ledger (`brief serve` links
    /// from its previous build instead). When it says other than [`Linked::Yes`], the
    /// caller writes the file.
    pub fn link_cached(&self, relative: &str, source: &Path) -> Result<Linked> {
        if self.ledger.is_some() || !self.links_from_cache.load(Ordering::Relaxed) {
            return Ok(Linked::No);
        }
        let Some(mode) = mode_of(source) else {
            return Ok(Linked::No);
        };
        if Some(mode) != self.file_mode() {
            return Ok(Linked::OtherMode);
        }
        let path = self.prepare(relative)?;
        match std::fs::hard_link(source, &path) {
            Ok(()) => Ok(Linked::Yes),
            Err(e) => {
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::CrossesDevices | std::io::ErrorKind::Unsupported
                ) {
                    self.links_from_cache.store(false, Ordering::Relaxed);
                }
                Ok(Linked::No)
            }
        }
    }

    /// Hard-links `source`, a page kept by the build's page store, at `relative`,
    /// when it is still the file it was when stored (`stamp`: not rewritten or
    /// replaced since, as by a tool that edited the published copy in place) and has
    /// the permissions a file written here gets. False otherwise: render the page.
    pub(crate) fn link_stored(&self, relative: &str, source: &Path, stamp: Stamp) -> Result<bool> {
        if self.ledger.is_some() || !self.links_from_cache.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let Ok(meta) = std::fs::metadata(source) else {
            return Ok(false);
        };
        if !meta.is_file() || Stamp::from(&meta) != stamp || permissions(&meta) != self.file_mode()
        {
            return Ok(false);
        }
        let path = self.prepare(relative)?;
        Ok(std::fs::hard_link(source, &path).is_ok())
    }

    /// Hard-links the file just written at `relative` as `dest` in the cache,
    /// replacing a file there; gives the stamp it has there, or `None` when it could
    /// not be linked.
    pub(crate) fn keep(&self, relative: &str, dest: &Path) -> Option<Stamp> {
        let path = self.dir.join(relative);
        if let Err(e) = std::fs::hard_link(&path, dest) {
            if e.kind() != std::io::ErrorKind::AlreadyExists {
                return None;
            }
            std::fs::remove_file(dest).ok()?;
            std::fs::hard_link(&path, dest).ok()?;
        }
        Stamp::of(dest)
    }

    /// Hard-links the files `names` of the cache's folder `source` at
    /// `relative/<name>`, as [`Staging::link_cached`] links one, for a folder of
    /// thousands of files (a language's search bundle): their permissions are asked
    /// of `probe` alone, a file stored with them. All or none: when one cannot be
    /// linked, those linked before it are removed again, and it says false.
    pub fn link_all_cached(
        &self,
        relative: &str,
        source: &Path,
        names: &[String],
        probe: &Path,
    ) -> Result<bool> {
        if !self.links_from(source) || mode_of(probe).is_none_or(|m| Some(m) != self.file_mode()) {
            return Ok(false);
        }
        let mut linked = Vec::with_capacity(names.len());
        for name in names {
            let path = self.prepare(&format!("{relative}/{name}"))?;
            if std::fs::hard_link(source.join(name), &path).is_err() {
                for path in &linked {
                    let _ = std::fs::remove_file(path);
                }
                return Ok(false);
            }
            linked.push(path);
        }
        Ok(true)
    }

    /// Whether files in the cache folder `dir` can be hard-linked here: a build
    /// without a ledger, on the same file system. What is stored only to be linked
    /// (a search bundle's files) is not stored otherwise.
    pub fn links_from(&self, dir: &Path) -> bool {
        if self.ledger.is_some() || !self.links_from_cache.load(Ordering::Relaxed) {
            return false;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let device = |path: &Path| std::fs::metadata(path).map(|m| m.dev()).ok();
            device(dir).is_some() && device(dir) == device(&self.dir)
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            false
        }
    }

    /// The permission bits of a new file in the staging directory, from a file made
    /// and removed once; `None` where there are no such bits, or it cannot be made.
    fn file_mode(&self) -> Option<u32> {
        *self.file_mode.get_or_init(|| {
            // Made as `std::fs::write` makes a file (mode 0666, less the umask), under
            // a name no site file has; removed when dropped.
            #[cfg(unix)]
            let probe = {
                use std::os::unix::fs::PermissionsExt;
                tempfile::Builder::new()
                    .prefix(".brief-mode")
                    .permissions(std::fs::Permissions::from_mode(0o666))
                    .tempfile_in(&self.dir)
                    .ok()?
            };
            #[cfg(not(unix))]
            let probe = tempfile::NamedTempFile::new_in(&self.dir).ok()?;
            mode_of(probe.path())
        })
    }

    /// Copies the file at `source` to `relative` (a `/`-separated path inside the
    /// site), by the kernel where it can (no read into memory), with its permissions.
    pub fn copy(&self, relative: &str, source: &Path) -> Result<()> {
        let path = self.prepare(relative)?;
        let made = self
            .ledger
            .as_ref()
            .and_then(|_| Stamp::of(source))
            .map(Made::Copied);
        if let Some(made) = made
            && self.link(relative, made, &path)
        {
            return Ok(());
        }
        match std::fs::copy(source, &path) {
            Ok(_) => {}
            // The source's error names the source; one writing here names the output.
            Err(e) if !source.is_file() => return Err(Error::io(source)(e)),
            Err(e) => return Err(Error::io(self.target.join(relative))(e)),
        }
        if let Some(made) = made {
            self.note(relative, made, &path);
        }
        Ok(())
    }

    /// Links `relative` from the previous build, whatever it is made of, if its file
    /// there is still the one made then: for a file the caller knows comes out the
    /// same (a page whose inputs did not change), which is then not made at all.
    /// False when it could not be linked, and has to be made.
    pub fn link_as_before(&self, relative: &str) -> bool {
        let Ok(path) = self.prepare(relative) else {
            return false;
        };
        self.link(relative, None, &path)
    }

    /// Links `relative` from the previous build if it was made the same way there
    /// (`made`, or any way) and its file is still the one made then; true when
    /// linked (and noted).
    fn link(&self, relative: &str, made: impl Into<Option<Made>>, path: &Path) -> bool {
        let Some(Ledging {
            previous: Some(previous),
            ..
        }) = &self.ledger
        else {
            return false;
        };
        let made = made.into();
        let Some(entry) = previous
            .files
            .get(relative)
            .filter(|e| made.is_none_or(|m| e.made == m))
        else {
            return false;
        };
        let source = previous.dir.join(relative);
        if Stamp::of(&source) != Some(entry.file) || std::fs::hard_link(&source, path).is_err() {
            return false;
        }
        if let Some(ledger) = &self.ledger {
            ledger.linked.fetch_add(1, Ordering::Relaxed);
            ledger.record(relative, *entry);
        }
        true
    }

    /// Notes how the file at `path` (just written) was made.
    fn note(&self, relative: &str, made: Made, path: &Path) {
        if let Some(ledger) = &self.ledger
            && let Some(file) = Stamp::of(path)
        {
            ledger.record(relative, Entry { made, file });
        }
    }

    /// The staging path of `relative`, its directory made; an error for a path that
    /// leaves the output.
    fn prepare(&self, relative: &str) -> Result<PathBuf> {
        let relative = Path::new(relative);
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(Error::io(self.target.join(relative))(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "refusing to write outside the output directory",
            )));
        }
        // Errors name the file as it will be published, not the staging directory
        // (which is gone when the build fails).
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            let folders = || self.folders.lock().unwrap_or_else(|e| e.into_inner());
            if !folders().contains(parent) {
                std::fs::create_dir_all(parent).map_err(Error::io(self.target.join(relative)))?;
                folders().insert(parent.to_path_buf());
            }
        }
        Ok(path)
    }

    /// Swaps the staged site in place of the old output; gives its ledger (empty
    /// without one) and how many files were linked from the previous build.
    pub fn commit(mut self) -> Result<(Ledger, usize)> {
        self.swap()?;
        let Some(ledging) = self.ledger.take() else {
            return Ok((Ledger::default(), 0));
        };
        let files = ledging
            .files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let ledger = Ledger {
            dir: self.target.clone(),
            files,
        };
        Ok((ledger, ledging.linked.into_inner()))
    }

    fn swap(&mut self) -> Result<()> {
        let old = self.dir.with_file_name(format!(
            ".{}.brief-old-{}",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        if self.target.exists() && exchange(&self.dir, &self.target) {
            // The staging directory now holds the previous output; killed while it
            // is removed, the next build removes the rest.
            self.committed = true;
            return remove_tree(&self.dir).map_err(Error::io(&self.dir));
        }
        if self.target.exists() {
            std::fs::rename(&self.target, &old).map_err(Error::io(&self.target))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            // Put the old output back rather than leave nothing.
            let _ = std::fs::rename(&old, &self.target);
            return Err(Error::io(&self.target)(e));
        }
        self.committed = true;
        if old.exists() {
            remove_tree(&old).map_err(Error::io(&old))?;
        }
        Ok(())
    }
}

/// The permission bits of the regular file at `path`; `None` for anything else, or
/// where files have no such bits.
fn mode_of(path: &Path) -> Option<u32> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    permissions(&meta)
}

/// The permission bits of `meta`; `None` where files have no such bits.
fn permissions(meta: &std::fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// Swaps the directories `a` and `b` in one step; false where the OS or the file
/// system cannot, and nothing was changed.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

/// Removes `.NAME.brief-tmp-PID` and `.NAME.brief-old-PID` in `parent` whose build
/// process is gone (killed mid-build). Directories of a live build, and anything
/// that cannot be removed, are left alone: the next build tries again.
fn remove_dead_builds(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.brief-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest
            .strip_prefix("tmp-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|pid| pid.parse::<u32>().ok());
        if let Some(pid) = pid
            && pid != std::process::id()
            && !alive(pid)
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = remove_tree(&entry.path());
        }
    }
}

/// Whether process `pid` exists (signal 0).
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn alive(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    // EPERM: it exists, owned by someone else.
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

/// Without a way to ask, every build is taken for alive: nothing is removed.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) fn alive(_: u32) -> bool {
    true
}

/// `remove_dir_all`, spread over threads: removing the previous output (thousands
/// of directories) is a good part of a build's time otherwise.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries: Vec<std::fs::DirEntry> =
        std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            std::fs::remove_file(entry.path())
        }
    })?;
    std::fs::remove_dir(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        Ok(path.to_path_buf())
    } else {
        let cwd = std::env::current_dir().map_err(Error::io("."))?;
        Ok(crate::site::normalize(&cwd.join(path)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_reads_back_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("page.html");
        std::fs::write(&file, "<p>صفحة</p>").unwrap();
        let stamp = Stamp::of(&file).unwrap();
        assert_eq!(Stamp::decode(&stamp.encode()), Some(stamp));
        for damaged in [
            "",
            "12 x 0 1 2",
            "12 5 0 1",
            "12 5 4294967296 1 2",
            "12 5 1000000000 1 2",
            "12 18446744073709551614 999999999 1 2",
            "-1 5 0 1 2",
        ] {
            assert_eq!(Stamp::decode(damaged), None, "{damaged:?}");
        }
    }

    #[test]
    fn refuses_to_write_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(staging.write("ar/index.html", b"x").is_ok());
    }

    #[test]
    fn a_file_written_piece_by_piece_is_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let fill = |out: &mut dyn std::io::Write| {
            for piece in ["{\n", "  \"قال\": \"HTS و2025\"\n", "}\n"] {
                out.write_all(piece.as_bytes())?;
            }
            Ok(())
        };
        let expected = "{\n  \"قال\": \"HTS و2025\"\n}\n".as_bytes();
        for (name, staging) in [
            ("plain", Staging::new(&dir.path().join("plain")).unwrap()),
            (
                "ledger",
                Staging::linking(&dir.path().join("ledger"), None).unwrap(),
            ),
        ] {
            staging.write_with("data/entities.json", &fill).unwrap();
            assert!(
                staging.write_with("../escape.json", &fill).is_err(),
                "{name}"
            );
            let failing = |_: &mut dyn std::io::Write| Err(std::io::Error::other("disk full"));
            let error = staging.write_with("x.json", &failing).unwrap_err();
            assert!(error.to_string().contains("x.json"), "{name}: {error}");
            let (ledger, _) = staging.commit().unwrap();
            let written = std::fs::read(dir.path().join(name).join("data/entities.json")).unwrap();
            assert_eq!(written, expected, "{name}");
            if name == "ledger" {
                assert!(ledger.files.contains_key("data/entities.json"));
            }
        }
    }

    #[test]
    fn a_dropped_staging_leaves_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join(".nojekyll"), b"").unwrap();
        std::fs::write(target.join("old.html"), b"old").unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging.write("new.html", b"new").unwrap();
        }
        assert_eq!(std::fs::read(target.join("old.html")).unwrap(), b"old");
        assert!(!target.join("new.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn refuses_to_replace_a_foreign_directory() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), b"x").unwrap();
        assert!(Staging::new(dir.path()).is_err());
    }

    #[test]
    fn the_swap_replaces_the_output_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        for round in ["first", "second", "third"] {
            let staging = Staging::new(&target).unwrap();
            staging.write(".nojekyll", b"").unwrap();
            staging.write("index.html", round.as_bytes()).unwrap();
            staging.commit().unwrap();
            assert_eq!(
                std::fs::read(target.join("index.html")).unwrap(),
                round.as_bytes()
            );
            let names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            assert_eq!(names, ["public"], "after the {round} build");
        }
    }

    #[test]
    fn leftovers_of_dead_builds_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A pid that cannot be a live process on Linux (above pid_max's ceiling).
        let dead = 4_194_999;
        let live = std::process::id();
        let parent_pid = std::os::unix::process::parent_id();
        for name in [
            format!(".public.brief-tmp-{dead}"),
            format!(".public.brief-old-{dead}"),
            format!(".public.brief-tmp-{parent_pid}"),
            format!(".other.brief-tmp-{dead}"),
        ] {
            std::fs::create_dir_all(dir.path().join(&name).join("ar")).unwrap();
            std::fs::write(dir.path().join(&name).join("ar/index.html"), b"x").unwrap();
        }
        let _staging = Staging::new(&dir.path().join("public")).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected = vec![
            format!(".other.brief-tmp-{dead}"),
            format!(".public.brief-tmp-{live}"),
            format!(".public.brief-tmp-{parent_pid}"),
        ];
        expected.sort();
        assert_eq!(names, expected);
    }
}
