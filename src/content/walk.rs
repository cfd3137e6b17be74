//! `content/` on disk → the Markdown files to read, in path order, and a diagnostic
//! for everything it will not read: a missing or empty `content/`, a directory it
//! cannot list, a symbolic link to a directory or to nothing, a `.MD` file.
//!
//! Symbolic links to files are followed (a desk may share a page between sites);
//! links to directories are reported and not followed, since they can loop.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, display_path};

/// The `.md` files under `root/content`, sorted, with the problems found on the way.
pub fn markdown_files(root: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let dir = root.join("content");
    if !dir.is_dir() {
        let d = Diagnostic::error("content", "the site has no `content/` directory")
            .help("create `content/` and put the briefings in it, e.g. content/briefings/<slug>/index.ar.md (or run brief from the site's directory: `brief -C <site> build`)");
        return (Vec::new(), vec![d]);
    }
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for found in walk(root, &dir) {
        match found {
            Ok(path) => files.push(path),
            Err(d) => problems.push(d),
        }
    }
    if files.is_empty() && problems.is_empty() {
        problems.push(
            Diagnostic::warning(
                "content",
                "`content/` has no Markdown files: the site has no briefings",
            )
            .help("add one with `brief new briefings/<slug>`"),
        );
    }
    (files, problems)
}

/// Directories are listed in parallel: a site of years of briefings has a directory
/// per briefing, and listing them one by one was a good part of a build. Names that
/// start with `.` or `_` are skipped (editor and tool files, by convention).
fn walk(root: &Path, dir: &Path) -> Vec<Result<PathBuf, Diagnostic>> {
    let shown = |p: &Path| display_path(root, p);
    let entries = match std::fs::read_dir(dir).and_then(|e| e.collect::<std::io::Result<Vec<_>>>())
    {
        Ok(entries) => entries,
        Err(e) => {
            return vec![Err(Diagnostic::error(
                shown(dir),
                format!("brief cannot list this directory: {e}"),
            )
            .help(
                "give your user read and execute permission on it, e.g. `chmod u+rx <dir>`",
            ))];
        }
    };
    let mut entries: Vec<_> = entries
        .into_iter()
        .filter(|e| !e.file_name().to_string_lossy().starts_with(['.', '_']))
        .collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    entries
        .par_iter()
        .map(|entry| {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                return vec![Err(Diagnostic::error(
                    shown(&path),
                    "brief cannot tell what this is",
                ))];
            };
            let markdown = path.extension().is_some_and(|x| x == "md");
            if kind.is_symlink() {
                return match std::fs::metadata(&path) {
                    Ok(target) if target.is_file() && markdown => vec![Ok(path)],
                    Ok(target) if target.is_dir() => vec![Err(Diagnostic::warning(
                        shown(&path),
                        "this is a symbolic link to a directory; brief does not follow it",
                    )
                    .help(
                        "move or copy the directory into content/ (links to directories can loop)",
                    ))],
                    Ok(_) => Vec::new(),
                    Err(_) => vec![Err(Diagnostic::warning(
                        shown(&path),
                        "this symbolic link points to nothing; it is skipped",
                    )
                    .help("remove the link, or point it at an existing file"))],
                };
            }
            if kind.is_dir() {
                return walk(root, &path);
            }
            let upper_md = path
                .extension()
                .is_some_and(|x| x != "md" && x.eq_ignore_ascii_case("md"));
            if kind.is_file() && upper_md {
                let lower = path.with_extension("md");
                let name = lower
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                return vec![Err(Diagnostic::error(
                    shown(&path),
                    "Markdown files end in lower-case `.md`; this one is not read",
                )
                .help(format!("rename it to {name}")))];
            }
            if kind.is_file() && markdown {
                vec![Ok(path)]
            } else {
                Vec::new()
            }
        })
        .flatten()
        .collect()
}
