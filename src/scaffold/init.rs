//! `brief init [DIR]`: a directory → a site that builds at once: `brief.yaml` for
//! Arabic and English, a sample briefing in both, an entity registry, a GitHub Pages
//! workflow and a `.gitignore`.

use std::io;
use std::path::{Path, PathBuf};

use super::workflow::Install;
use crate::error::{Error, Result};

/// The files `init` writes, relative to the new site, and their text. The
/// workflow's `{{env}}` and `{{install}}` say where it gets `brief` from.
const FILES: &[(&str, &str)] = &[
    ("brief.yaml", include_str!("../../scaffold/brief.yaml")),
    (
        "content/entities.yaml",
        include_str!("../../scaffold/entities.yaml"),
    ),
    (
        "content/briefings/arabic-language-day/index.ar.md",
        include_str!("../../scaffold/briefing/index.ar.md"),
    ),
    (
        "content/briefings/arabic-language-day/index.en.md",
        include_str!("../../scaffold/briefing/index.en.md"),
    ),
    (
        ".github/workflows/pages.yml",
        include_str!("../../scaffold/pages.yml"),
    ),
    (".gitignore", include_str!("../../scaffold/gitignore")),
];

/// What `init` did, paths relative to `dir`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Init {
    pub dir: PathBuf,
    pub written: Vec<PathBuf>,
    /// Files that were already there and left as they were (only with `force`).
    pub skipped: Vec<PathBuf>,
}

/// Makes a new site in `dir`, creating it if needed. A directory with anything in it
/// (but a `.git`) is refused unless `force`; even then no existing file is replaced.
pub fn init(dir: &Path, force: bool, install: &Install) -> Result<Init> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: io::Error::new(io::ErrorKind::AlreadyExists, "is a file, not a directory"),
        });
    }
    if !force && has_entries(dir)? {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: io::Error::new(
                io::ErrorKind::DirectoryNotEmpty,
                "is not empty; `brief init --force` adds the site's files that are missing and never replaces one",
            ),
        });
    }
    let mut done = Init {
        dir: dir.to_path_buf(),
        written: Vec::new(),
        skipped: Vec::new(),
    };
    for (relative, text) in FILES {
        let text = text
            .replace("{{env}}", &install.env())
            .replace("{{install}}\n", &install.steps());
        if super::create::create(&dir.join(relative), &text)? {
            done.written.push(PathBuf::from(relative));
        } else {
            done.skipped.push(PathBuf::from(relative));
        }
    }
    Ok(done)
}

/// Whether `dir` holds anything besides a `.git` (so `git init && brief init` works).
fn has_entries(dir: &Path) -> Result<bool> {
    if !dir.exists() {
        return Ok(false);
    }
    for entry in std::fs::read_dir(dir).map_err(Error::io(dir))? {
        let entry = entry.map_err(Error::io(dir))?;
        if entry.file_name() != ".git" {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_a_valid_part_of_the_site() {
        let config = FILES[0].1;
        let config =
            crate::config::Config::parse(Path::new("brief.yaml"), config).expect("brief.yaml");
        for (path, text) in FILES.iter().filter(|(p, _)| p.ends_with(".md")) {
            let (article, warnings) = crate::content::read_article(
                Path::new(path.trim_start_matches("content/")),
                PathBuf::from(path),
                text.to_string(),
                &config,
            )
            .unwrap_or_else(|e| panic!("{path}: {e:?}"));
            assert!(warnings.is_empty(), "{path}: {warnings:?}");
            assert_eq!(article.front.events.len(), 2, "{path}");
        }
    }
}
