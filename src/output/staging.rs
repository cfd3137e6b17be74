//! Files of a build → a staging directory beside the output, swapped in only when
//! every file succeeded, so a failed build leaves the previous output as it was.

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
        std::fs::write(&path, bytes).map_err(Error::io(self.target.join(relative)))
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
}
