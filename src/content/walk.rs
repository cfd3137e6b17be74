//! `content/` on disk → the Markdown files to read, in path order, and a diagnostic
//! for everything it will not read: a missing or empty `content/`, a directory it
//! cannot list, a symbolic link to a directory or to nothing, a `.MD` file.
//!
//! Symbolic links to files are followed (a desk may share a page between sites);
//! links to directories are reported and not followed, since they can loop.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, display_path};

/// The Markdown files under `root/content` and the other files there (the pages'
/// bundles), each sorted, with the problems found on the way.
pub fn content_files(root: &Path) -> (Vec<PathBuf>, Vec<PathBuf>, Vec<Diagnostic>) {
    let dir = root.join("content");
    if !dir.is_dir() {
        let d = Diagnostic::error("content", "the site has no `content/` directory")
            .help("create `content/` and put the briefings in it, e.g. content/briefings/<slug>/index.ar.md (or run brief from the site's directory: `brief -C <site> build`)");
        return (Vec::new(), Vec::new(), vec![d]);
    }
    let mut files = Vec::new();
    let mut others = Vec::new();
    let mut problems = Vec::new();
    for found in walk(root, &dir) {
        match found {
            Ok(path) if is_markdown(&path) => files.push(path),
            Ok(path) => others.push(path),
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
    (files, others, problems)
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
    let mut entries: Vec<_> = entries.into_iter().collect();
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
            if entry.file_name().to_string_lossy().starts_with(['.', '_']) {
                // Skipped by convention; a directory of Markdown is said (a Jekyll
                // `_posts/` moved in as it was).
                let markdown = || {
                    walkdir::WalkDir::new(&path)
                        .into_iter()
                        .flatten()
                        .filter(|e| e.file_type().is_file() && is_markdown(e.path()))
                        .count()
                };
                return match kind.is_dir().then(markdown) {
                    Some(count) if count > 0 => vec![Err(skipped_directory(
                        root,
                        &root.join("content"),
                        &path,
                        count,
                    ))],
                    _ => Vec::new(),
                };
            }
            let markdown = is_markdown(&path);
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
            let upper_md = !markdown
                && path.extension().is_some_and(|x| {
                    MARKDOWN_EXTENSIONS
                        .iter()
                        .any(|m| x.eq_ignore_ascii_case(m))
                });
            if kind.is_file() && upper_md {
                let lower = path.with_extension(
                    path.extension()
                        .map_or_else(String::new, |x| x.to_string_lossy().to_lowercase()),
                );
                let name = lower
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                return vec![Err(Diagnostic::error(
                    shown(&path),
                    "Markdown files end in lower-case `.md` or `.markdown`; this one is not read",
                )
                .help(format!("rename it to {name}")))];
            }
            if kind.is_file() {
                vec![Ok(path)]
            } else {
                Vec::new()
            }
        })
        .flatten()
        .collect()
}

/// The extensions of Markdown files: `.md`, and `.markdown` (Jekyll's default).
pub const MARKDOWN_EXTENSIONS: [&str; 2] = ["md", "markdown"];

/// Whether `path` names a Markdown file by its extension.
pub fn is_markdown(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| MARKDOWN_EXTENSIONS.iter().any(|m| x == *m))
}

/// `name` without its Markdown extension, if it has one.
pub fn markdown_stem(name: &str) -> Option<&str> {
    MARKDOWN_EXTENSIONS
        .iter()
        .find_map(|x| name.strip_suffix(x)?.strip_suffix('.'))
}

/// The warning for a skipped directory that holds Markdown: a Jekyll `_posts/` copied
/// in as it is would otherwise build a site with none of its posts.
fn skipped_directory(root: &Path, content: &Path, dir: &Path, count: usize) -> Diagnostic {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let first = &name[..1];
    let renamed = name.trim_start_matches(['.', '_']);
    let shown = crate::diagnostic::display_path(root, dir);
    let mut help = if renamed.is_empty() {
        "move the files into a directory whose name does not start with `_` or `.`".to_string()
    } else {
        let target = dir.with_file_name(renamed);
        format!(
            "to publish them, rename it to `{}/`",
            crate::diagnostic::display_path(root, &target).display()
        )
    };
    if name == "_posts" && dir.parent() == Some(content) {
        help.push_str(", or import the Jekyll site with `brief import jekyll`");
    }
    Diagnostic::warning(
        &shown,
        format!(
            "`{}/` is skipped with its {}: files and directories whose names start with `{first}` are not published",
            shown.display(),
            crate::text::count::count(count, "Markdown file", "Markdown files")
        ),
    )
    .help(help)
}
