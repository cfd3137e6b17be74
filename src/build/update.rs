//! An edit that leaves an article in its place ([`ArticleChange`]: its body, title,
//! summary, sources or authors) → the files to write again in the built site
//! ([`Update`]): the article's page, the feed when it carries the article, the entity
//! pages whose counts moved, and, for a new title or summary, every page and data
//! file that shows it; each file replaced whole.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use super::{Prepared, render_pages};
use crate::error::{Error, Result};
use crate::plan::{File, Page, Plan};
use crate::site::Site;
use crate::site::update::ArticleChange;

/// What a change of one article touches: the pages to render again, and the data
/// files whose content depends on it.
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
    /// A language's timeline data: `timeline.json` and the TimelineJS file.
    Timeline(String),
    /// The social card of the article at this index.
    Card(usize),
    /// A redirect page (it names the title of the page it leads to), by its path.
    Redirect(String),
}

impl Update {
    /// What `change` (in `site`, already updated; `plan` its plan) requires to be
    /// written again.
    pub fn of(site: &Site, plan: &Plan, change: &ArticleChange) -> Update {
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
        if (change.body || change.front) && site.config.search {
            files.insert(FileKey::SearchIndex(lang.clone()));
        }
        if !change.moved.is_empty() || (change.front && !site.refs[i].is_empty()) {
            files.insert(FileKey::EntitiesJson);
        }
        let mut pages = vec![Page::Article(i)];
        let mut entities: BTreeSet<usize> = change.moved.iter().copied().collect();
        if change.front {
            let shown = Shown::new(site, i);
            entities.extend(&shown.entities);
            pages.extend(
                plan.pages
                    .iter()
                    .filter(|page| shown.on(site, page))
                    .cloned(),
            );
            files.insert(FileKey::Timeline(lang.clone()));
            if site.cards[i].is_some() {
                files.insert(FileKey::Card(i));
            }
            let file = &site.articles[i].file;
            for (path, f) in &plan.files {
                if let File::Redirect(r) = f
                    && r.alias.as_ref().is_some_and(|(from, _)| from == file)
                {
                    files.insert(FileKey::Redirect(path.clone()));
                }
            }
        }
        pages.extend(entities.into_iter().map(|entity| Page::Entity {
            lang: lang.clone(),
            entity,
        }));
        Update { pages, files }
    }

    pub fn merge(&mut self, other: Update) {
        // A page is written once: two writes of one file would share its temp file.
        for page in other.pages {
            if !self.pages.contains(&page) {
                self.pages.push(page);
            }
        }
        self.files.extend(other.files);
    }

    /// Writes the pages and files into the built site at `dir`, each file replaced
    /// whole, so a server reading it never sees half a file; gives their paths
    /// inside the site.
    pub fn write(&self, site: &Site, prepared: &Prepared, dir: &Path) -> Result<Vec<String>> {
        let mut written = write_pages(site, prepared, dir, &self.pages)?;
        written.extend(self.write_files(site, prepared, dir)?);
        Ok(written)
    }

    /// The pages to render first, and the rest: the briefings' own pages and the
    /// listings that show a page of briefings (the home, section and tag pages)
    /// come before the pages that show every briefing of an entity or a year
    /// (entity and timeline pages), which can be a thousand times longer.
    pub fn pages_in_order(&self) -> (Vec<Page>, Vec<Page>) {
        self.pages.iter().cloned().partition(|page| {
            matches!(
                page,
                Page::Article(_) | Page::Home(_) | Page::Section { .. } | Page::Tag { .. }
            )
        })
    }

    /// [`Update::write`] for the files that are not pages (feeds, data, cards,
    /// redirects), side by side; the search index is not among them (see
    /// `search::background`).
    pub fn write_files(&self, site: &Site, prepared: &Prepared, dir: &Path) -> Result<Vec<String>> {
        let wanted = |path: &str, file: &File| {
            self.files.iter().any(|key| match key {
                FileKey::Feed(lang) => matches!(file, File::Feed(l) if l == lang),
                FileKey::SearchIndex(_) => false,
                FileKey::EntitiesJson => *file == File::EntitiesJson,
                FileKey::Timeline(lang) => {
                    matches!(file, File::TimelineJson(l) | File::TimelineJs(l) if l == lang)
                }
                FileKey::Card(i) => *file == File::Card(*i),
                FileKey::Redirect(p) => p == path,
            })
        };
        let files: Vec<&(String, File)> = prepared
            .plan
            .files
            .iter()
            .filter(|(path, file)| wanted(path, file))
            .collect();
        files
            .into_par_iter()
            .map(|(path, file)| {
                replace(
                    dir,
                    path,
                    &crate::output::contents(site, &prepared.plan, file)?,
                )?;
                Ok(path.clone())
            })
            .collect()
    }
}

/// Renders `pages` into the built site at `dir`, each file replaced whole; gives
/// their paths inside the site.
pub fn write_pages(
    site: &Site,
    prepared: &Prepared,
    dir: &Path,
    pages: &[Page],
) -> Result<Vec<String>> {
    let written = std::sync::Mutex::new(Vec::new());
    let write = |relative: &str, bytes: &[u8]| {
        replace(dir, relative, bytes)?;
        written
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(relative.to_string());
        Ok(())
    };
    render_pages(site, prepared, pages, &write, None)?;
    Ok(written
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// Replaces the file at `relative` below `dir` whole, through a temp file beside it.
fn replace(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let target = dir.join(relative);
    let temp = target.with_extension("brief-partial");
    std::fs::write(&temp, bytes).map_err(Error::io(&temp))?;
    std::fs::rename(&temp, &target).map_err(Error::io(&target))
}

/// Where article `i` shows besides its own page: the timeline years of the items
/// that name it, and the entities of those items and of the article.
struct Shown {
    article: usize,
    years: BTreeSet<i16>,
    latest: Option<i16>,
    entities: BTreeSet<usize>,
}

impl Shown {
    fn new(site: &Site, i: usize) -> Shown {
        let items = site
            .timelines
            .get(&site.articles[i].lang)
            .map_or(&[][..], Vec::as_slice);
        let mut years = BTreeSet::new();
        let mut entities: BTreeSet<usize> = site.refs[i].keys().copied().collect();
        for item in items.iter().filter(|item| item.articles.contains(&i)) {
            years.insert(item.date.year());
            entities.extend(&item.entities);
        }
        Shown {
            article: i,
            years,
            latest: crate::timeline::years(items).first().copied(),
            entities,
        }
    }

    /// Whether `page`, a page other than the article's own, shows it.
    fn on(&self, site: &Site, page: &Page) -> bool {
        let i = self.article;
        let article = &site.articles[i];
        let per_page = site.config.paginate;
        let on_page = |list: &[usize], n: usize| {
            list.iter()
                .skip(n.saturating_sub(1) * per_page)
                .take(per_page)
                .any(|&j| j == i)
        };
        match page {
            Page::Home(lang) => {
                *lang == article.lang
                    && site
                        .articles_in(lang)
                        .into_iter()
                        .take(per_page)
                        .any(|j| j == i)
            }
            Page::Section {
                lang,
                section,
                page: n,
                ..
            } => {
                *lang == article.lang
                    && *section == article.section
                    && site
                        .sections
                        .get(lang)
                        .and_then(|s| s.get(section))
                        .is_some_and(|list| on_page(list, *n))
            }
            Page::Tag {
                lang,
                slug,
                page: n,
                ..
            } => {
                *lang == article.lang
                    && site
                        .tags
                        .get(lang)
                        .and_then(|t| t.get(slug))
                        .is_some_and(|(_, list)| on_page(list, *n))
            }
            Page::Timeline(lang) => {
                *lang == article.lang && self.latest.is_some_and(|y| self.years.contains(&y))
            }
            Page::TimelineYear { lang, year } => *lang == article.lang && self.years.contains(year),
            // Added by `Update::of` with the entities whose counts moved.
            Page::Entity { .. } => false,
            Page::Root
            | Page::NotFound
            | Page::Article(_)
            | Page::Tags(_)
            | Page::Entities(_)
            | Page::Search(_) => false,
        }
    }
}

impl super::Prepared {
    /// Brings what the build made once up to date after [`Site::update_article`]:
    /// the values pages share, and the titles the redirect pages name.
    pub fn refresh(&mut self, site: &Site, change: &ArticleChange) {
        if !change.front {
            return;
        }
        self.shared.refresh(site, change);
        let article = &site.articles[change.article];
        for (_, file) in &mut self.plan.files {
            if let File::Redirect(r) = file
                && r.alias
                    .as_ref()
                    .is_some_and(|(from, _)| *from == article.file)
            {
                r.title.clone_from(&article.front.title);
            }
        }
    }
}
