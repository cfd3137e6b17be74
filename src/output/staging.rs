//! Files of a build → a staging directory beside the output, swapped in only when
//! every file succeeded, so a failed build leaves the previous output as it was.
//!
//! On Linux the swap is one `renameat2(RENAME_EXCHANGE)`: at every instant the output
//! directory is either the old site or the new one, even if the build is killed.
//! Elsewhere (or on a file system without the exchange) it is two renames, and a
//! kill between them leaves the old site in `.NAME.brief-old-PID` beside it. Either
//! way, a build removes the staging and old directories of dead builds of the same
//! output before it starts.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};

pub struct Staging {
    target: PathBuf,
    dir: PathBuf,
    committed: bool,
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
        })
    }

    /// Writes one file at `relative` (a `/`-separated path inside the site).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let path = self.prepare(relative)?;
        std::fs::write(&path, bytes).map_err(Error::io(self.target.join(relative)))
    }

    /// Copies the file at `source` to `relative` (a `/`-separated path inside the
    /// site), by the kernel where it can (no read into memory).
    pub fn copy(&self, relative: &str, source: &Path) -> Result<()> {
        let path = self.prepare(relative)?;
        match std::fs::copy(source, &path) {
            Ok(_) => Ok(()),
            // The source's error names the source; one writing here names the output.
            Err(e) if !source.is_file() => Err(Error::io(source)(e)),
            Err(e) => Err(Error::io(self.target.join(relative))(e)),
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
            std::fs::create_dir_all(parent).map_err(Error::io(self.target.join(relative)))?;
        }
        Ok(path)
    }

    /// Swaps the staged site in place of the old output.
    pub fn commit(mut self) -> Result<()> {
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
fn alive(pid: u32) -> bool {
    use rustix::process::{Pid, test_kill_process};
    let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
        return false;
    };
    // EPERM: it exists, owned by someone else.
    !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

/// Without a way to ask, every build is taken for alive: nothing is removed.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn alive(_: u32) -> bool {
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
    fn refuses_to_write_outside() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::new(&dir.path().join("public")).unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(staging.write("ar/index.html", b"x").is_ok());
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
