//! Edits to briefings' Markdown alone → the briefings whose pages cannot have
//! changed, so that `brief serve` links them from the last build instead of
//! rendering them again. A briefing's page shows its own file and the paths of its
//! editions, and nothing of other briefings; every other page (listings, tags,
//! entities, timelines) shows many briefings, and is always rendered again.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::site::Site;

/// What [`Before::unchanged`] compares a reloaded site with, taken from the site
/// before the edits.
pub struct Before {
    inputs: crate::site::Inputs,
    /// Source file → (language, page path) of every briefing.
    pages: BTreeMap<PathBuf, (String, String)>,
    images: BTreeMap<String, crate::site::images::Image>,
    /// Source file → the source files of its editions (itself among them).
    editions: BTreeMap<PathBuf, Vec<PathBuf>>,
}

impl Before {
    pub fn of(site: &Site) -> Before {
        Before {
            inputs: site.inputs.clone(),
            pages: site.page_paths(),
            images: site.images.clone(),
            editions: editions(site),
        }
    }

    /// The source files of the briefings of `site` whose pages are as in the site
    /// this was taken of, `changed` being the Markdown files edited since (relative
    /// to the site's root). Empty when an edit can change every page: `brief.yaml`
    /// or the registry changed, or a briefing was added, removed or moved (links
    /// between bodies lead elsewhere).
    pub fn unchanged(&self, site: &Site, changed: &[PathBuf]) -> HashSet<PathBuf> {
        if site.inputs != self.inputs
            || site.page_paths() != self.pages
            || site.images != self.images
        {
            return HashSet::new();
        }
        let now = editions(site);
        let touched: HashSet<&Path> = changed
            .iter()
            .flat_map(|file| {
                let before = self.editions.get(file).into_iter().flatten();
                let after = now.get(file).into_iter().flatten();
                before
                    .chain(after)
                    .map(PathBuf::as_path)
                    .chain([file.as_path()])
            })
            .collect();
        site.articles
            .iter()
            .map(|a| &a.file)
            .filter(|file| !touched.contains(file.as_path()))
            .cloned()
            .collect()
    }
}

fn editions(site: &Site) -> BTreeMap<PathBuf, Vec<PathBuf>> {
    site.articles
        .iter()
        .enumerate()
        .map(|(i, article)| {
            let files = site
                .editions(i)
                .into_iter()
                .flat_map(|e| e.values())
                .map(|&j| site.articles[j].file.clone())
                .collect();
            (article.file.clone(), files)
        })
        .collect()
}
