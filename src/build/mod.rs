//! A loaded [`Site`] → the written site: the build stages in order (plan every output
//! path, compile the templates and shared values, render the pages while the feeds,
//! data and static files are written, swap the result into place) and the summary.

mod stored;
pub mod unchanged;
pub mod update;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::media::Progress;
use crate::output::Staging;
use crate::plan::{Page, Plan};
use crate::render::{Renderer, Shared};
use crate::site::{Site, Stopwatch};
use crate::timeline::ItemKind;

use self::stored::PageStore;

pub use crate::output::Ledger;
pub use crate::output::pictures::PictureCounts;

/// Hands one rendered file (path inside the site, bytes) to where it goes.
pub type Writer<'a> = dyn Fn(&str, &[u8]) -> Result<()> + Sync + 'a;

/// What a build made that a partial rebuild reuses: the plan, the loaded templates
/// and the values many pages share.
pub struct Prepared {
    pub plan: Plan,
    renderer: Renderer,
    shared: Shared,
    /// The files of the build, with [`Mode::Serve`]; empty otherwise.
    pub ledger: Ledger,
}

/// What a build reports in its summary line.
#[derive(Debug, Clone)]
pub struct Summary {
    pub pages: BTreeMap<String, usize>,
    pub files: usize,
    pub entities: usize,
    pub events: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    /// Loading and building stages with their durations, in order.
    pub stages: Vec<(&'static str, Duration)>,
    /// Resized copies and social cards: made, and written from the cache.
    pub pictures: PictureCounts,
    /// Files hard-linked from the previous build ([`Mode::Serve`]).
    pub linked: usize,
    /// Pages linked from the build's page store (`.brief-cache/pages/`) instead of
    /// rendered: their data was the same as when they were stored.
    pub stored: usize,
    /// Pages per language rendered: all of them but the pages of briefings linked
    /// from the previous build ([`Mode::Serve`]).
    pub rendered: BTreeMap<String, usize>,
}

/// Where the site at `root` is written unless told otherwise.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}

/// Renders every page and writes the site into `output`, atomically.
pub fn build(site: &Site, output: &Path, started: Instant) -> Result<Summary> {
    build_with(site, output, started, &())
}

/// [`build`], telling `progress` how far the pictures (resized copies and social
/// cards) have got.
pub fn build_with(
    site: &Site,
    output: &Path,
    started: Instant,
    progress: &dyn Progress,
) -> Result<Summary> {
    build_keeping(site, output, started, progress).map(|(summary, _)| summary)
}

/// Where a build goes.
#[derive(Debug)]
pub enum Mode {
    /// A site's output (`brief build`): every file written, the search indexed.
    Publish,
    /// A private directory of `brief serve`, which nobody else writes into: a
    /// ledger of the files is kept, and a file made as in the `previous` build (its
    /// ledger) is hard-linked from it. After the first build, the search bundles
    /// are not written: the server puts the last ones in place and indexes in the
    /// background, so a reload does not wait for Pagefind. The pages of the
    /// briefings in `unchanged` (source files, see [`unchanged::Before`]) are
    /// linked from the previous build without being rendered.
    Serve {
        previous: Option<Ledger>,
        unchanged: std::collections::HashSet<PathBuf>,
    },
}

/// [`build_with`], also returning what a later partial rebuild can reuse.
pub fn build_keeping(
    site: &Site,
    output: &Path,
    started: Instant,
    progress: &dyn Progress,
) -> Result<(Summary, Prepared)> {
    build_keeping_with(site, output, started, progress, Mode::Publish)
}

/// [`build_keeping`], into `output` as `mode` says.
pub fn build_keeping_with(
    site: &Site,
    output: &Path,
    started: Instant,
    progress: &dyn Progress,
    mode: Mode,
) -> Result<(Summary, Prepared)> {
    let mut watch = Stopwatch::new();
    let prepared = prepare(site)?;
    let mode_publishes = matches!(mode, Mode::Publish);
    let (staging, search, unchanged) = match mode {
        Mode::Publish => (Staging::new(output)?, true, Default::default()),
        Mode::Serve {
            previous,
            unchanged,
        } => {
            let first = previous.is_none();
            (Staging::linking(output, previous)?, first, unchanged)
        }
    };
    watch.lap("plan, templates and shared values");
    // The pages of unchanged briefings are linked, where the previous build still
    // has them as made; the rest are rendered.
    let pages: std::borrow::Cow<[Page]> = if unchanged.is_empty() {
        std::borrow::Cow::Borrowed(&prepared.plan.pages)
    } else {
        std::borrow::Cow::Owned(
            prepared
                .plan
                .pages
                .par_iter()
                .filter(|page| match page {
                    Page::Article(i) if unchanged.contains(&site.articles[*i].file) => {
                        !staging.link_as_before(&page.file(site))
                    }
                    _ => true,
                })
                .cloned()
                .collect(),
        )
    };
    let rendered = count_pages(site, &pages);
    let store = mode_publishes
        .then(|| PageStore::open(&site.root, prepared.renderer.fingerprint(), &staging))
        .flatten();
    let done = Done {
        started,
        watch,
        rendered,
        store,
    };
    let (summary, ledger) = write_rest(site, &prepared, staging, &pages, search, progress, done)?;
    drop(pages);
    let mut prepared = prepared;
    prepared.ledger = ledger;
    Ok((summary, prepared))
}

/// `brief build` of a site loaded with [`crate::LoadOptions::stream`]: each
/// briefing's body is read again, rendered and written with its page, and only what
/// the other pages need is kept of it (the HTML only for the feeds' entries); then
/// the other pages and files are made as [`build_with`] makes them, with the same
/// bytes. A site loaded without `stream` is built by [`build_with`].
pub fn publish(
    site: &mut Site,
    output: &Path,
    started: Instant,
    progress: &dyn Progress,
) -> Result<Summary> {
    publish_planned(site, output, started, progress).map(|(summary, _)| summary)
}

/// [`publish`], also giving what it prepared: the plan it wrote, for the checks made
/// after the build ([`crate::check::broken_references_in`]) so that they do not plan
/// the site again, and the shared values, which a caller about to exit need not free.
pub fn publish_planned(
    site: &mut Site,
    output: &Path,
    started: Instant,
    progress: &dyn Progress,
) -> Result<(Summary, Prepared)> {
    if site.articles.iter().all(|a| a.released.is_none()) {
        return build_keeping(site, output, started, progress);
    }
    let mut watch = Stopwatch::new();
    let prepared = prepare(site)?;
    let staging = Staging::new(output)?;
    let store = PageStore::open(&site.root, prepared.renderer.fingerprint(), &staging);
    watch.lap("plan, templates and shared values");
    let mut paged = vec![false; site.articles.len()];
    for page in &prepared.plan.pages {
        if let Page::Article(i) = page {
            paged[*i] = true;
        }
    }
    let in_feeds: std::collections::HashSet<usize> = site
        .config
        .languages
        .iter()
        .flat_map(|l| crate::output::feed::entries(site, &l.code))
        .collect();
    let bodies = site.render_bodies(&|i| in_feeds.contains(&i), &|i, rendered, refs| {
        if !paged[i] {
            return Ok(());
        }
        let body = crate::render::Body {
            html: &rendered.html,
            refs,
        };
        let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
        let store = store.as_ref().map(|s| (s, &staging));
        render_page(
            site,
            &prepared,
            &Page::Article(i),
            Some(body),
            &write,
            store,
        )
    })?;
    site.take_bodies(bodies, &|i| in_feeds.contains(&i));
    watch.lap("markdown, mentions, entity index, briefing pages");
    let pages: Vec<Page> = prepared
        .plan
        .pages
        .iter()
        .filter(|page| !matches!(page, Page::Article(_)))
        .cloned()
        .collect();
    let done = Done {
        started,
        watch,
        rendered: count_pages(site, &prepared.plan.pages),
        store,
    };
    let (summary, _) = write_rest(site, &prepared, staging, &pages, true, progress, done)?;
    Ok((summary, prepared))
}

/// What the stages before [`write_rest`] leave for its summary.
struct Done {
    started: Instant,
    watch: Stopwatch,
    /// Pages per language rendered, in all.
    rendered: BTreeMap<String, usize>,
    /// The page store the pages are linked from and kept in, where there is one.
    store: Option<PageStore>,
}

/// Renders `pages` while the feeds, data, static files and pictures are written,
/// swaps the staging directory into place, and sums up the build, with the ledger
/// of its files.
fn write_rest(
    site: &Site,
    prepared: &Prepared,
    staging: Staging,
    pages: &[Page],
    search: bool,
    progress: &dyn Progress,
    done: Done,
) -> Result<(Summary, Ledger)> {
    let Done {
        started,
        mut watch,
        rendered,
        store,
    } = done;
    // Pages, pictures and the other files (feeds, data, sitemap, static files) do not
    // depend on each other: made side by side, so the long data files and the
    // pictures do not wait for the pages.
    let (written, (files, pictures)) = rayon::join(
        || {
            let write = |path: &str, bytes: &[u8]| staging.write(path, bytes);
            let store = store.as_ref().map(|s| (s, &staging));
            render_pages(site, prepared, pages, &write, store)
        },
        || {
            rayon::join(
                || crate::output::write_files(site, &prepared.plan, &staging, search),
                || crate::output::pictures::write(site, &prepared.plan, &staging, progress),
            )
        },
    );
    written?;
    files?;
    let pictures = pictures?;
    watch.lap("pages, pictures, feeds, data, sitemap, assets");
    let (ledger, linked) = staging.commit()?;
    watch.lap("swap into place");
    let stored = store.as_ref().map_or(0, PageStore::linked);
    if let Some(store) = store {
        store.finish();
        watch.lap("page store's index, old pages removed");
    }
    let plan = &prepared.plan;
    let summary = Summary {
        pages: count_pages(site, &plan.pages),
        rendered,
        files: plan.pages.len() + plan.files.len(),
        entities: site.registry.entities.len(),
        events: site
            .timelines
            .values()
            .map(|t| t.iter().filter(|i| i.kind == ItemKind::Event).count())
            .sum(),
        elapsed: started.elapsed(),
        warnings: site.warnings.clone(),
        stages: site.stages.iter().copied().chain(watch.stages).collect(),
        pictures,
        linked,
        stored,
    };
    Ok((summary, ledger))
}

/// The plan, the templates and the values many pages share, made once per build.
pub fn prepare(site: &Site) -> Result<Prepared> {
    // The tags' translations, which tag pages' alternates ask for: made here, in
    // parallel, rather than by the first page that asks while the others wait.
    site.tag_pairs.get_or_init(|| crate::plan::tag_pairs(site));
    // Planning, compiling the templates and making the shared values are
    // independent; the plan's problems come first, as when it was made alone.
    let (plan, (renderer, shared)) = rayon::join(
        || Plan::new(site),
        || {
            rayon::join(
                || Renderer::new(&site.root, site.config.theme.as_deref()),
                || Shared::new(site),
            )
        },
    );
    let plan = plan.map_err(|mut problems| {
        problems.extend(site.warnings.iter().cloned());
        Error::Content(problems)
    })?;
    Ok(Prepared {
        plan,
        renderer: renderer?,
        shared,
        ledger: Ledger::default(),
    })
}

/// Renders `pages` in parallel, handing each file to `write`.
pub(crate) fn render_pages(
    site: &Site,
    prepared: &Prepared,
    pages: &[Page],
    write: &Writer,
    store: Option<(&PageStore, &Staging)>,
) -> Result<()> {
    pages
        .par_iter()
        .with_max_len(crate::PIECE)
        .try_for_each(|page| render_page(site, prepared, page, None, write, store))
}

/// Renders one page (a briefing's with `body`, when given apart from the site),
/// handing its file to `write`.
fn render_page(
    site: &Site,
    prepared: &Prepared,
    page: &Page,
    body: Option<crate::render::Body>,
    write: &Writer,
    store: Option<(&PageStore, &Staging)>,
) -> Result<()> {
    thread_local! {
        /// This thread's page buffer, reused from page to page.
        static PAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    /// A buffer that grew past this (a long timeline page) is not kept.
    const KEEP: usize = 1 << 20;
    let (template, data) = match body {
        Some(body) => crate::render::context_with(site, &prepared.shared, page, Some(body)),
        None => crate::render::page_data(site, &prepared.shared, page),
    };
    let relative = page.file(site);
    let key = store.map(|(store, _)| store.key(template, &data));
    if let (Some((store, staging)), Some(key)) = (store, key)
        && store.link(staging, &relative, key)?
    {
        return Ok(());
    }
    let context = data.into_context();
    PAGE.with_borrow_mut(|html| {
        prepared.renderer.render_to(template, &context, html)?;
        write(&relative, html)?;
        if let (Some((store, staging)), Some(key)) = (store, key) {
            store.keep(staging, &relative, key);
        }
        if html.capacity() > KEEP {
            *html = Vec::new();
        }
        Ok(())
    })
}

/// Pages per language, for the summary line.
pub fn count_pages(site: &Site, pages: &[Page]) -> BTreeMap<String, usize> {
    let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
    for page in pages {
        if let Some(lang) = page.lang(site) {
            *per_language.entry(lang.to_string()).or_default() += 1;
        }
    }
    per_language
}
