//! Fixture sites in temp dirs, and running the `brief` binary on them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_brief");

/// A site copied into a fresh temp dir, removed when dropped.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// Copies `tests/fixtures/<name>` (a whole site) into a temp dir.
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name), dir.path());
        Site { dir }
    }

    /// Copies the repository's own sample site (brief.yaml, content/ and static/).
    pub fn sample() -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(repo().join("brief.yaml"), dir.path().join("brief.yaml")).unwrap();
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        copy_dir(&repo().join("static"), &dir.path().join("static"));
        Site { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn brief(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .arg("-C")
            .arg(self.path())
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs `brief build` with `args` and asserts it succeeded.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let out = self.brief(&all);
        assert!(
            out.status.success(),
            "build failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Loads and builds the site in this process into `output` (relative to the site),
    /// for what only the library reports: the pictures drawn, encoded and written.
    pub fn build_pictures(&self, output: &str) -> brief::build::PictureCounts {
        let root = std::fs::canonicalize(self.path()).unwrap();
        let loaded = brief::Site::load(&root, &brief::LoadOptions::default()).unwrap();
        brief::build::build(&loaded, &root.join(output), std::time::Instant::now())
            .unwrap()
            .pictures
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Every file under `relative`, as paths relative to it, sorted.
    pub fn files(&self, relative: &str) -> Vec<PathBuf> {
        let root = self.path().join(relative);
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
            .collect();
        files.sort();
        files
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = std::fs::read(e.path()).unwrap();
            (e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}
