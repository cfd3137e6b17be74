//! What an importer makes of a site → what `import` writes: the site's title,
//! languages and base URL, its pages (front matter and body) and the files to copy.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::front::Front;
use super::report::Report;

/// A site read from SRC, ready to be written as a brief site.
#[derive(Debug, Default)]
pub struct Imported {
    /// Site title and description per language (or one for all, under "").
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    pub base_url: Option<String>,
    /// In order, the first is the default: (code, name, dir).
    pub languages: Vec<Language>,
    pub posts: Vec<Post>,
    /// Files to copy: path in DEST → path in SRC.
    pub files: BTreeMap<PathBuf, PathBuf>,
    pub report: Report,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub name: Option<String>,
    pub rtl: Option<bool>,
}

/// One page to write: front matter and body.
#[derive(Debug, Clone)]
pub struct Post {
    /// Where it goes, relative to DEST: `content/posts/intro.ar.md`.
    pub dest: PathBuf,
    pub front: Front,
    pub body: String,
}
