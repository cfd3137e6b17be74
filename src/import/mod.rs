//! `brief import jekyll|hugo SRC [DEST]`: an existing site's directory → a brief site
//! (or, with `--into`, more content in the current one) and a [`Report`] of what was
//! converted, skipped and needs review. SRC is only ever read.

mod body;
mod front;
mod hugo;
mod jekyll;
mod model;
mod report;

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use model::{Imported, Language};
pub use report::Report;

use crate::error::{Error, Result};

/// Which generator SRC was made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Jekyll,
    Hugo,
}

/// What `brief import` is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub kind: Kind,
    pub src: PathBuf,
    pub dest: PathBuf,
    /// Add to the brief site at `dest` instead of making a new one.
    pub into: bool,
}

/// Reads SRC, writes DEST, and says what happened. Nothing in SRC is written, and no
/// file in DEST is replaced.
pub fn run(options: &Options) -> Result<Report> {
    let src = options
        .src
        .canonicalize()
        .map_err(Error::io(&options.src))?;
    if !src.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a directory: give the {} site's directory",
            options.src.display(),
            name(options.kind)
        )));
    }
    let dest = absolute(&options.dest)?;
    if dest.starts_with(&src) {
        return Err(Error::Usage(format!(
            "{} is inside {}: brief import never writes into the site it reads; give a DEST outside it",
            options.dest.display(),
            options.src.display()
        )));
    }
    if options.into {
        if !dest.join(crate::config::FILE).is_file() {
            return Err(Error::Usage(format!(
                "--into needs a brief site: {} has no {}",
                options.dest.display(),
                crate::config::FILE
            )));
        }
    } else if dest.exists()
        && std::fs::read_dir(&dest)
            .map_err(Error::io(&dest))?
            .next()
            .is_some()
    {
        return Err(Error::Io {
            path: options.dest.clone(),
            source: io::Error::new(
                io::ErrorKind::DirectoryNotEmpty,
                "is not empty; give a new directory, or use --into to add to the brief site there",
            ),
        });
    }
    let mut imported = match options.kind {
        Kind::Jekyll => jekyll::read(&src)?,
        Kind::Hugo => hugo::read(&src)?,
    };
    if imported.languages.is_empty() {
        imported.languages.push(Language {
            code: "en".into(),
            name: None,
            rtl: None,
        });
    }
    let existing = if options.into {
        Some(crate::site::load::load_config(
            &dest,
            &crate::site::LoadOptions::default(),
        )?)
    } else {
        None
    };
    write(&imported, &src, &dest, existing.as_ref())?;
    let mut report = imported.report;
    report.copied = imported.files.len();
    if let Some(config) = existing {
        for lang in &imported.languages {
            if config.language(&lang.code).is_none() {
                report.review(
                    crate::config::FILE,
                    0,
                    format!(
                        "posts in `{}` were imported, but the site has no such language: add it to `languages`",
                        lang.code
                    ),
                );
            }
        }
    }
    report.dest = options.dest.clone();
    Ok(report)
}

pub fn name(kind: Kind) -> &'static str {
    match kind {
        Kind::Jekyll => "Jekyll",
        Kind::Hugo => "Hugo",
    }
}

fn write(
    imported: &Imported,
    src: &Path,
    dest: &Path,
    existing: Option<&crate::config::Config>,
) -> Result<()> {
    if existing.is_none() {
        create(dest, Path::new(crate::config::FILE), &config_text(imported))?;
    }
    for post in &imported.posts {
        let text = format!("---\n{}---\n\n{}", post.front.to_yaml(), post.body);
        create(dest, &post.dest, &text)?;
    }
    for (to, from) in &imported.files {
        let target = dest.join(to);
        if target.exists() {
            return Err(exists(to));
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
        }
        std::fs::copy(src.join(from), &target).map_err(Error::io(src.join(from)))?;
    }
    Ok(())
}

fn create(dest: &Path, relative: &Path, text: &str) -> Result<()> {
    if crate::scaffold::create(&dest.join(relative), text)? {
        Ok(())
    } else {
        Err(exists(relative))
    }
}

fn exists(relative: &Path) -> Error {
    Error::Io {
        path: relative.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::AlreadyExists,
            "already exists; brief import never replaces a file (files before it were written)",
        ),
    }
}

/// `brief.yaml` for the imported site.
fn config_text(imported: &Imported) -> String {
    let q = front::quote;
    let mut text =
        String::from("# Made by `brief import`; see README \"Moving from Jekyll or Hugo\".\n");
    let localized = |text: &mut String, key: &str, values: &BTreeMap<String, String>| {
        if let Some(all) = values.get("") {
            text.push_str(&format!("{key}: {}\n", q(all)));
        } else if !values.is_empty() {
            text.push_str(&format!("{key}:\n"));
            for lang in &imported.languages {
                if let Some(v) = values.get(&lang.code) {
                    text.push_str(&format!("  {}: {}\n", lang.code, q(v)));
                }
            }
        }
    };
    let mut title = imported.title.clone();
    if title.is_empty() {
        title.insert(String::new(), "My site".into());
    }
    localized(&mut text, "title", &title);
    localized(&mut text, "description", &imported.description);
    text.push_str(&format!(
        "base_url: {}\n",
        q(imported
            .base_url
            .as_deref()
            .unwrap_or("https://example.github.io/"))
    ));
    text.push_str("languages:\n");
    for lang in &imported.languages {
        text.push_str(&format!("  - code: {}\n", q(&lang.code)));
        if let Some(name) = &lang.name {
            text.push_str(&format!("    name: {}\n", q(name)));
        }
        if let Some(rtl) = lang.rtl {
            text.push_str(&format!("    dir: {}\n", if rtl { "rtl" } else { "ltr" }));
        }
    }
    text
}

fn absolute(path: &Path) -> Result<PathBuf> {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(Error::io("."))?.join(path)
    };
    let normal = crate::site::normalize(&path);
    // Resolve symlinks in the part that exists, so a link into SRC is caught.
    let mut existing = normal.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    for name in rest.iter().rev() {
        resolved.push(name);
    }
    Ok(resolved)
}
