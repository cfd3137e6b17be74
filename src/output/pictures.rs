//! The picture files of a [`Plan`] (resized copies and social cards) → files in the
//! staging directory, made through the site's content-hash cache (`.brief-cache/`), so
//! a picture or card already made by an earlier build is not made again: it is
//! hard-linked from the cache when the cache is on the output's file system, else
//! copied. Either way it is readable by all, as pages are. The work is spread over
//! every core, and a batch that runs long reports done/total.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::{Error, Result};
use crate::media::{Cache, CardPainter, CardText, Direction, MediaError, Progress};
use crate::output::staging::{Linked, Staging};
use crate::plan::{File, Plan};
use crate::site::Site;

/// One piece of picture work: a source picture and the copies the plan wants of it,
/// or one card.
enum Job<'p> {
    Image {
        source: &'p Path,
        /// (output path, width) of each copy.
        copies: Vec<(&'p str, u32)>,
    },
    Card {
        path: &'p str,
        article: usize,
    },
}

/// What a build's picture work did, for tests and `--timings`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PictureCounts {
    /// Copies encoded (0 on a warm cache).
    pub encoded: usize,
    /// Cards drawn (0 on a warm cache).
    pub drawn: usize,
    /// Files written from the cache, in all.
    pub written: usize,
    /// Of those, the ones hard-linked from the cache.
    pub linked: usize,
}

/// Writes every resized copy and card of `plan` into `staging`, telling `progress`
/// after each picture or card.
pub fn write(
    site: &Site,
    plan: &Plan,
    staging: &Staging,
    progress: &dyn Progress,
) -> Result<PictureCounts> {
    let jobs = jobs(plan);
    let cache = Cache::for_site(&site.root);
    let done = AtomicUsize::new(0);
    let encoded = AtomicUsize::new(0);
    let drawn = AtomicUsize::new(0);
    let written = AtomicUsize::new(0);
    let linked = AtomicUsize::new(0);
    let total = jobs.len();
    jobs.par_iter().try_for_each(|job| {
        match job {
            Job::Image { source, copies } => {
                let resized = cache.resize(source).map_err(|e| media_error(site, e))?;
                encoded.fetch_add(resized.encoded, Ordering::Relaxed);
                for (path, width) in copies {
                    let variant = resized
                        .variants
                        .iter()
                        .find(|v| v.width == *width)
                        .ok_or_else(|| changed_under_us(site, source))?;
                    if let Linked::Yes = from_cache(staging, path, &variant.path, || {
                        std::fs::read(&variant.path).map_err(Error::io(&variant.path))
                    })? {
                        linked.fetch_add(1, Ordering::Relaxed);
                    }
                    written.fetch_add(1, Ordering::Relaxed);
                }
            }
            Job::Card { path, article } => {
                let how = with_card_text(site, *article, |text| {
                    let source = cache.card_path(text, &site.palette);
                    from_cache(staging, path, &source, || {
                        let cached = paint(site, &cache, text)?;
                        if cached.made {
                            drawn.fetch_add(1, Ordering::Relaxed);
                        }
                        Ok(cached.png)
                    })
                })?;
                if how == Linked::Yes {
                    linked.fetch_add(1, Ordering::Relaxed);
                }
                written.fetch_add(1, Ordering::Relaxed);
            }
        }
        progress.advance(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        Ok::<(), Error>(())
    })?;
    Ok(PictureCounts {
        encoded: encoded.into_inner(),
        drawn: drawn.into_inner(),
        written: written.into_inner(),
        linked: linked.into_inner(),
    })
}

/// The plan's picture files as jobs: the copies of one source together (decoded
/// once), then the cards.
fn jobs(plan: &Plan) -> Vec<Job<'_>> {
    let mut images: BTreeMap<&PathBuf, Vec<(&str, u32)>> = BTreeMap::new();
    let mut cards = Vec::new();
    for (path, file) in &plan.files {
        match file {
            File::Resized { source, width } => {
                images.entry(source).or_default().push((path, *width));
            }
            File::Card(article) => cards.push(Job::Card {
                path,
                article: *article,
            }),
            _ => {}
        }
    }
    images
        .into_iter()
        .map(|(source, copies)| Job::Image { source, copies })
        .chain(cards)
        .collect()
}

/// The bytes of one resized copy or card (a partial rebuild writes one file).
pub fn contents(site: &Site, file: &File) -> Result<Vec<u8>> {
    let cache = Cache::for_site(&site.root);
    match file {
        File::Resized { source, width } => {
            let resized = cache.resize(source).map_err(|e| media_error(site, e))?;
            let path = resized
                .variants
                .into_iter()
                .find(|v| v.width == *width)
                .ok_or_else(|| changed_under_us(site, source))?
                .path;
            std::fs::read(&path).map_err(Error::io(&path))
        }
        File::Card(article) => Ok(card(site, &cache, *article)?.png),
        _ => Ok(Vec::new()),
    }
}

/// Puts the cache's file at `source` in the site at `relative`: a hard link where it
/// can, else the bytes `make` gives (read from the cache, or made afresh), stored in
/// the cache again when only its permissions stood in the way of a link.
fn from_cache(
    staging: &Staging,
    relative: &str,
    source: &Path,
    make: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Linked> {
    let how = staging.link_cached(relative, source)?;
    if how != Linked::Yes {
        let bytes = make()?;
        if how == Linked::OtherMode {
            // Only so that the next build links it: a cache this build cannot write
            // costs that build nothing.
            let _ = crate::media::cache::store(source, &bytes);
        }
        staging.write(relative, &bytes)?;
    }
    Ok(how)
}

/// The card of article `i` from the cache, drawn if no build drew it yet.
fn card(site: &Site, cache: &Cache, i: usize) -> Result<crate::media::CachedCard> {
    with_card_text(site, i, |text| paint(site, cache, text))
}

/// `f` of the text on article `i`'s card.
fn with_card_text<T>(site: &Site, i: usize, f: impl FnOnce(&CardText) -> T) -> T {
    let article = &site.articles[i];
    let language = site.config.language(&article.lang);
    let date = language.map_or_else(
        || article.front.date.as_written().to_string(),
        |l| crate::text::date_format::format(&article.front.date, l.date_style, l.digits),
    );
    f(&CardText {
        site_name: site.config.title(&article.lang),
        title: &article.front.title,
        date: &date,
        dir: match language.map(|l| l.dir) {
            Some(crate::config::Direction::Rtl) => Direction::Rtl,
            _ => Direction::Ltr,
        },
        lang: &article.lang,
    })
}

/// The card with `text` from the cache, drawn if no build drew it yet.
fn paint(site: &Site, cache: &Cache, text: &CardText) -> Result<crate::media::CachedCard> {
    thread_local! {
        /// This thread's painter: loading the fonts once per thread, not per card.
        static PAINTER: RefCell<Option<CardPainter>> = const { RefCell::new(None) };
    }
    PAINTER.with_borrow_mut(|painter| {
        let painter = painter.get_or_insert_with(CardPainter::new);
        cache
            .card(painter, text, &site.palette)
            .map_err(|e| media_error(site, e))
    })
}

/// A picture brief could read the header of but not the rest (a cut-off download), or
/// a cache it cannot write: said with the file and what to do.
fn media_error(site: &Site, error: MediaError) -> Error {
    match error {
        MediaError::Io { path, source } => Error::Io {
            path: crate::diagnostic::display_path(&site.root, &path),
            source,
        },
        MediaError::Decode { ref path, .. } | MediaError::Encode { ref path, .. } => {
            let shown = crate::diagnostic::display_path(&site.root, path);
            let message = error.to_string();
            let message = message
                .strip_prefix(&format!("{}: ", path.display()))
                .unwrap_or(&message)
                .to_string();
            Error::Content(vec![
                Diagnostic::error(shown, format!("cannot make the smaller copies: {message}"))
                    .help("open the picture and save it again (it may be cut off or damaged)"),
            ])
        }
        other => {
            Error::Content(
                vec![Diagnostic::error(
            crate::config::FILE,
            format!("cannot draw a social card: {other}"),
        )
        .help("set `social_cards: false` in brief.yaml to build without cards, and report this")],
            )
        }
    }
}

/// The picture changed between loading the site and writing it.
fn changed_under_us(site: &Site, source: &Path) -> Error {
    Error::Content(vec![
        Diagnostic::error(
            crate::diagnostic::display_path(&site.root, source),
            "this picture changed while the site was being built",
        )
        .help("build again"),
    ])
}
