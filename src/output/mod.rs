//! The files of a [`Plan`] that are not pages → bytes in the staging directory:
//! static files and theme assets copied, `.nojekyll`, `CNAME`, `robots.txt`, the
//! sitemap, Atom feeds, the search index and the JSON data files; resized pictures
//! and social cards in [`pictures`].

mod absolute;
mod data;
mod escape;
pub mod feed;
pub mod pictures;
mod sitemap;
mod staging;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

pub use feed::ENTRIES as FEED_ENTRIES;
pub(crate) use staging::Stamp;
pub(crate) use staging::alive;
pub use staging::{Ledger, Staging};

use crate::error::{Error, Result};
use crate::plan::{File, Plan};
use crate::site::Site;

/// Writes every file of `plan` that is not a page (the search bundles only with
/// `search`: `brief serve` indexes them after the build). Where a static file replaces
/// a theme asset of the same path (the plan allows only that), the last one is written.
pub fn write_files(site: &Site, plan: &Plan, staging: &Staging, search: bool) -> Result<()> {
    let last: BTreeMap<&str, &File> = plan
        .files
        .iter()
        .map(|(path, file)| (path.as_str(), file))
        .collect();
    // The data files are independent of each other: made in parallel.
    last.par_iter().try_for_each(|(path, file)| match file {
        File::SearchBundle(_) if !search => Ok(()),
        File::SearchBundle(code) => {
            crate::search::write_bundle(site, code, &BundleInto { staging, dir: path })
        }
        // Made through the cache by `pictures::write`.
        File::Resized { .. } | File::Card(_) => Ok(()),
        // Copied by the kernel, not read into memory: bundles hold large photos.
        File::Static(source) | File::Bundle(source) => staging.copy(path, source),
        // The long data files go to disk as they are made.
        File::EntitiesJson => staging.write_with(path, &|out| data::write_entities_json(site, out)),
        File::TimelineJson(code) => {
            staging.write_with(path, &|out| data::write_timeline_json(site, code, out))
        }
        File::TimelineJs(code) => {
            staging.write_with(path, &|out| data::write_timelinejs(site, code, out))
        }
        _ => staging.write(path, &contents(site, plan, file)?),
    })
}

/// The bytes of one file. The search bundle is a directory, made by
/// [`crate::search::write_bundle`] instead; asked for here, it is an error.
pub fn contents(site: &Site, plan: &Plan, file: &File) -> Result<Vec<u8>> {
    Ok(match file {
        File::Asset(name) => crate::render::theme::STATIC
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, bytes)| bytes.to_vec())
            .unwrap_or_default(),
        File::Static(source) | File::Bundle(source) => {
            std::fs::read(source).map_err(Error::io(source))?
        }
        File::Nojekyll => Vec::new(),
        File::Cname => site
            .config
            .cname
            .as_deref()
            .map(|c| format!("{}\n", c.trim()).into_bytes())
            .unwrap_or_default(),
        File::Robots => format!(
            "User-agent: *\nAllow: /\n\nSitemap: {}\n",
            site.permalink("sitemap.xml")
        )
        .into_bytes(),
        File::Sitemap => sitemap::sitemap(site, &plan.pages).into_bytes(),
        File::EntitiesJson => data::entities_json(site),
        File::Feed(code) => feed::atom(site, code).into_bytes(),
        File::SearchBundle(code) => {
            return Err(Error::Usage(format!(
                "the search index of `{code}` is a directory of files, not one file"
            )));
        }
        File::TimelineJson(code) => data::timeline_json(site, code),
        File::TimelineJs(code) => data::timelinejs(site, code),
        File::Redirect(redirect) => crate::redirect::html(site, redirect).into_bytes(),
        File::Resized { .. } | File::Card(_) => pictures::contents(site, file)?,
    })
}

/// A language's search bundle → the staging directory, at `dir` (`<code>/pagefind`).
struct BundleInto<'a> {
    staging: &'a Staging,
    dir: &'a str,
}

impl crate::search::BundleOut for BundleInto<'_> {
    fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        self.staging.write(&format!("{}/{name}", self.dir), bytes)
    }

    fn link_all(&self, source: &Path, names: &[String], probe: &Path) -> Result<bool> {
        self.staging.link_all_cached(self.dir, source, names, probe)
    }

    fn links_from(&self, dir: &Path) -> bool {
        self.staging.links_from(dir)
    }
}
