//! A body-only edit ([`BodyChange`]) → the files to write again in the built site
//! ([`Update`]): the article's page, the entity pages whose counts moved, and the data
//! files that carry the body; each file replaced whole.

use std::collections::BTreeSet;
use std::path::Path;

use super::{Prepared, render_pages};
use crate::error::{Error, Result};
use crate::plan::{File, Page};
use crate::site::Site;
use crate::site::update::BodyChange;

/// What a body-only change touches: the pages to render again, and the data files
/// whose content depends on it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    pub pages: Vec<Page>,
    pub files: BTreeSet<FileKey>,
}

/// A data file an update writes again (a [`File`] that can be ordered).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileKey {
    Feed(String),
    SearchIndex(String),
    EntitiesJson,
}

impl Update {
    /// What `change` (in `site`, already updated) requires to be written again.
    pub fn of(site: &Site, change: &BodyChange) -> Update {
        let i = change.article;
        let lang = site.articles[i].lang.clone();
        let mut files = BTreeSet::new();
        // The feed carries the latest bodies, and so does the search index.
        if site
            .articles_in(&lang)
            .into_iter()
            .take(crate::output::FEED_ENTRIES)
            .any(|j| j == i)
        {
            files.insert(FileKey::Feed(lang.clone()));
        }
        if change.body && site.config.search {
            files.insert(FileKey::SearchIndex(lang.clone()));
        }
        if !change.moved.is_empty() {
            files.insert(FileKey::EntitiesJson);
        }
        let mut pages = vec![Page::Article(i)];
        pages.extend(change.moved.iter().map(|&entity| Page::Entity {
            lang: lang.clone(),
            entity,
        }));
        Update { pages, files }
    }

    pub fn merge(&mut self, other: Update) {
        self.pages.extend(other.pages);
        self.files.extend(other.files);
    }

    /// Writes the pages and files into the built site at `dir`, each file replaced
    /// whole, so a server reading it never sees half a file; gives their paths
    /// inside the site.
    pub fn write(&self, site: &Site, prepared: &Prepared, dir: &Path) -> Result<Vec<String>> {
        let written = std::sync::Mutex::new(Vec::new());
        let write = |relative: &str, bytes: &[u8]| -> Result<()> {
            let target = dir.join(relative);
            let temp = target.with_extension("brief-partial");
            std::fs::write(&temp, bytes).map_err(Error::io(&temp))?;
            std::fs::rename(&temp, &target).map_err(Error::io(&target))?;
            written
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .push(relative.to_string());
            Ok(())
        };
        render_pages(site, prepared, &self.pages, &write)?;
        for key in &self.files {
            let file = match key {
                FileKey::Feed(lang) => File::Feed(lang.clone()),
                // Rebuilt off the reload's path: `search::background` (brief serve).
                FileKey::SearchIndex(_) => continue,
                FileKey::EntitiesJson => File::EntitiesJson,
            };
            if let Some((path, file)) = prepared.plan.files.iter().find(|(_, f)| *f == file) {
                write(path, &crate::output::contents(site, &prepared.plan, file)?)?;
            }
        }
        Ok(written
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}
