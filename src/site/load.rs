//! `brief.yaml`, `content/` and the registry → a [`Site`]: the loading stages in
//! order (config, content and matcher, Markdown with mentions, timelines, sections and
//! tags, the entity index), every content error collected.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::bodies::{self, Ask, BodyCache, Lookup, Recorder};
use super::images::Image;
use super::page_paths;
use super::reuse::Reuse;
use super::{
    Inputs, LoadOptions, Sections, Site, Static, Stopwatch, Tags, normalize, picture, validate,
};
use crate::config::{self, Config};
use crate::content::{self, Article, Asset};
use crate::diagnostic::Diagnostic;
use crate::entities::index::{self, ArticleRefs};
use crate::entities::matcher::Matcher;
use crate::entities::registry::{self, Registry};
use crate::error::{Error, Result};
use crate::markdown::{self, ImageSize, Rendered};
use crate::timeline::{self, Item, Reported};

impl Site {
    /// Reads and analyses the site at `root`. Every content error is collected; if
    /// there is any, the result is `Error::Content` with all of them (and the warnings).
    pub fn load(root: &Path, options: &LoadOptions) -> Result<Site> {
        Site::reload(root, options, None)
    }

    /// [`Site::load`], taking over what it can from `previous`, an earlier load of the
    /// same site (`brief serve` passes the last good one): when `brief.yaml`, the
    /// entity registry and the options are as they were, a file whose text is
    /// unchanged is not parsed again, and its rendered body is kept as long as no
    /// article was added, removed or moved (links between files resolve the same). The
    /// result is the same site a fresh load gives.
    pub fn reload(root: &Path, options: &LoadOptions, previous: Option<Site>) -> Result<Site> {
        let mut watch = Stopwatch::new();
        let (config, config_source) = read_config(root, options)?;
        let mut diagnostics = crate::site_files::check(root, &config, &config_source);

        let registry_path = root.join(registry::FILE);
        let registry_source = if registry_path.is_file() {
            match crate::read::text(&registry_path, Path::new(registry::FILE)) {
                Ok(source) => Some(source),
                Err(unreadable) => {
                    diagnostics.push(*unreadable);
                    None
                }
            }
        } else {
            None
        };
        let inputs = Inputs {
            config: config_source,
            registry: registry_source,
            drafts: options.drafts,
            base_url: options.base_url.clone(),
        };
        let mut previous = previous.filter(|p| p.inputs == inputs);
        // The registry as the previous load parsed it, when nothing it is read
        // from changed.
        let (registry, registry_problems) = match (&mut previous, &inputs.registry) {
            (Some(previous), Some(_)) => (
                std::mem::take(&mut previous.registry),
                std::mem::take(&mut previous.registry_problems),
            ),
            (None, Some(source)) => Registry::parse(Path::new(registry::FILE), source, &config),
            (_, None) => (Registry::default(), Vec::new()),
        };
        diagnostics.extend(registry_problems.iter().cloned());
        let mut reuse = previous.map(Reuse::new);
        watch.lap("config and entities");

        // Building the matcher (a DFA for most registries) and reading the content do
        // not depend on each other.
        // A streaming load (`brief build`) reads front matter parsed before from
        // the cache.
        let (fronts, unwritable) = match options.stream {
            true => content::stored::Fronts::open(root).split(),
            false => (None, None),
        };
        diagnostics.extend(unwritable);
        let load = || {
            let content = content::load(
                root,
                &config,
                options.drafts,
                reuse.as_ref().map(|r| &r.articles),
                options.stream,
                fronts.as_deref(),
            );
            (content, fronts.and_then(|fronts| fronts.finish()))
        };
        let (matcher, (content, unstored)) = match reuse.as_ref().map(|r| r.matcher.clone()) {
            Some(matcher) => (matcher, load()),
            None => rayon::join(|| registry.matcher(), load),
        };
        diagnostics.extend(content.diagnostics);
        diagnostics.extend(unstored);
        let mut articles = content.articles;
        let assets = content.assets;
        let mut images = super::images::bundle_images(root, &assets, &mut diagnostics);
        // Taken over: the articles whose source is the previous one's.
        let reused_articles = reuse.as_ref().map_or(0, |r| {
            articles
                .iter()
                .filter(|a| {
                    r.articles
                        .get(&a.file)
                        .is_some_and(|o| o.source == a.source)
                })
                .count()
        });
        // Newest first; the date's sort key is made once per article, not per
        // comparison.
        articles.sort_by_cached_key(|a| {
            (
                std::cmp::Reverse(a.front.date.sort_key_in(&config.timezone)),
                a.key.clone(),
                lang_rank(&config, &a.lang),
            )
        });
        // An unreadable registry would make every id look unknown: its own error says it.
        let registry_read = !(registry.is_empty()
            && diagnostics
                .iter()
                .any(|d| d.file.as_path() == Path::new(registry::FILE) && d.is_error()));
        if registry_read {
            validate::check_entity_refs(&articles, &registry, &mut diagnostics);
        }

        let translations: BTreeMap<String, BTreeMap<String, usize>> =
            content::translations(&articles)
                .into_iter()
                .map(|(k, v)| {
                    (
                        k.to_string(),
                        v.into_iter().map(|(l, i)| (l.to_string(), i)).collect(),
                    )
                })
                .collect();

        watch.lap("content and matcher");
        // Rendered bodies are kept only while every link between files resolves
        // as before.
        let kept = reuse
            .take()
            .filter(|r| r.pages == page_paths(&articles) && r.images == images)
            .map(|r| (r.articles, r.rendered));
        // Timelines, sections and tags come from front matter alone: they are made
        // alongside the Markdown, which they do not wait for.
        let ((rendered, reused_bodies), (timelines, (sections, tags))) = rayon::join(
            || {
                if options.stream {
                    return (Vec::new(), 0);
                }
                render_markdown(
                    &config, &registry, &matcher, &articles, &assets, &images, kept,
                )
            },
            || {
                rayon::join(
                    || build_timelines(root, &config, &registry, &matcher, &articles),
                    || sections_and_tags(&articles),
                )
            },
        );
        // A streaming load renders no body: `brief build` does, with the pages.
        watch.lap(if options.stream {
            "timelines, sections and tags"
        } else {
            "markdown, mentions, timelines"
        });
        let refs: Vec<ArticleRefs> = articles
            .par_iter()
            .zip(&rendered)
            .map(|(article, rendered)| article_refs(&registry, article, rendered))
            .collect();
        let index = index::build(registry.entities.len(), &refs);
        if !options.stream {
            watch.lap("entity index");
        }

        let statics = statics(root, &config, &mut diagnostics);
        let static_files: Vec<(&str, &Path)> = statics
            .iter()
            .map(|s| (s.path.as_str(), s.source.as_path()))
            .collect();
        let files = picture::Files {
            assets: &assets,
            statics: &static_files,
        };
        let mut pictures = picture::feature_pictures(&config, &articles, &files, &mut diagnostics);
        super::images::dress_pictures(&config, root, &mut pictures, &mut images, &mut diagnostics);
        let own: Vec<bool> = articles
            .iter()
            .zip(&pictures)
            .map(|(a, p)| a.front.image.is_some() && p.is_some())
            .collect();
        let cards = super::images::cards(&config, &articles, &own, &mut diagnostics);
        let palette = if config.social_cards {
            super::images::palette(root, &static_files, &mut diagnostics)
        } else {
            crate::media::Palette::default()
        };
        let logo = picture::site_picture(&config, config.logo.as_deref(), &files);
        let default_picture = picture::site_picture(&config, config.image.as_deref(), &files);
        for (key, written, found) in [
            ("image", &config.image, &default_picture),
            ("logo", &config.logo, &logo),
        ] {
            if let Some(written) = written
                && found.is_none()
            {
                diagnostics.push(
                    Diagnostic::warning(
                        config::FILE,
                        format!("`{key}: {written}` is not a file of the site"),
                    )
                    .help("give a path into static/ (`/images/logo.png`) or an http(s) URL"),
                );
            }
        }

        watch.lap("static files, pictures and cards");

        let (errors, warnings): (Vec<_>, Vec<_>) =
            diagnostics.into_iter().partition(Diagnostic::is_error);
        if !errors.is_empty() {
            let mut all = errors;
            all.extend(warnings);
            return Err(Error::Content(all));
        }
        if options.stream {
            // The load's diagnostics are made: a later one reads the file again.
            for article in &mut articles {
                article.source = String::new();
            }
        }
        Ok(Site {
            root: root.to_path_buf(),
            config,
            registry,
            matcher,
            articles,
            rendered,
            refs,
            index,
            timelines,
            translations,
            sections,
            tags,
            statics,
            assets,
            pictures,
            logo,
            default_picture,
            images,
            cards,
            palette,
            warnings,
            stages: watch.stages,
            inputs,
            registry_problems,
            reused: (reused_articles, reused_bodies),
            tag_pairs: std::sync::OnceLock::new(),
        })
    }
}

/// Loads and checks `brief.yaml`.
pub fn load_config(root: &Path, options: &LoadOptions) -> Result<Config> {
    read_config(root, options).map(|(config, _)| config)
}

/// [`load_config`], also returning the text of `brief.yaml`.
fn read_config(root: &Path, options: &LoadOptions) -> Result<(Config, String)> {
    let path = root.join(config::FILE);
    if !path.is_file() {
        return Err(Error::Usage(format!(
            "{} has no {} (is this a brief site? `brief init` makes one)",
            root.display(),
            config::FILE
        )));
    }
    let source =
        crate::read::text(&path, Path::new(config::FILE)).map_err(|d| Error::Content(vec![*d]))?;
    let mut config = Config::parse(Path::new(config::FILE), &source).map_err(Error::Content)?;
    let problems = crate::config_checks::check(Path::new(config::FILE), &source, &config);
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    if let Some(url) = &options.base_url {
        config.set_base_url(url).map_err(Error::Usage)?;
    }
    Ok((config, source))
}

fn lang_rank(config: &Config, lang: &str) -> usize {
    config
        .languages
        .iter()
        .position(|l| l.code == lang)
        .unwrap_or(usize::MAX)
}

/// What Markdown rendering needs from the whole site, made once per build.
struct MarkdownContext<'a> {
    config: &'a Config,
    registry: &'a Registry,
    matcher: &'a Matcher,
    /// Per language, per entity index, the entity's page URL.
    entity_urls: BTreeMap<&'a str, Vec<String>>,
    /// Source file → page URL, so links between source files become page links.
    by_file: HashMap<PathBuf, String>,
    /// Every bundle asset's path below `content/`.
    assets: HashSet<&'a str>,
    /// The bundle's pictures brief knows the size of, by path below `content/`.
    images: &'a BTreeMap<String, Image>,
}

impl<'a> MarkdownContext<'a> {
    fn new(
        config: &'a Config,
        registry: &'a Registry,
        matcher: &'a Matcher,
        articles: &[Article],
        assets: &'a [Asset],
        images: &'a BTreeMap<String, Image>,
    ) -> Self {
        let entity_urls = config
            .languages
            .iter()
            .map(|l| {
                let urls = registry
                    .entities
                    .iter()
                    .map(|e| format!("{}{}/entities/{}/", config.base_path, l.code, e.id))
                    .collect();
                (l.code.as_str(), urls)
            })
            .collect();
        let by_file = articles
            .iter()
            .map(|a| {
                (
                    a.file.clone(),
                    format!("{}{}/{}", config.base_path, a.lang, a.path),
                )
            })
            .collect();
        MarkdownContext {
            config,
            registry,
            matcher,
            entity_urls,
            by_file,
            assets: assets.iter().map(|a| a.path.as_str()).collect(),
            images,
        }
    }

    fn render(&self, article: &Article) -> Rendered {
        self.render_text(article, article.body(), None)
    }

    /// [`MarkdownContext::render`] with the body's text given apart (read again
    /// after the load let it go), noting in `recorder` what it asks of the site.
    fn render_text(&self, article: &Article, body: &str, recorder: Option<&Recorder>) -> Rendered {
        let asks = Asks::new(self, article);
        let note = |ask: Ask, input: &str, answer: Option<String>| match recorder {
            Some(r) => r.note(ask, input, answer),
            None => answer,
        };
        let resolve = |dest: &str| note(Ask::Link, dest, asks.link(dest));
        let asset = |dest: &str, always: bool| {
            let ask = if always { Ask::AssetAlways } else { Ask::Asset };
            note(ask, dest, asks.asset(dest, always))
        };
        let image = |dest: &str| -> Option<ImageSize> {
            let size = asks.image(dest);
            note(Ask::Image, dest, size.as_ref().map(bodies::image_answer));
            size
        };
        let language = self.config.language(&article.lang);
        let options = markdown::Options {
            dir: language.map_or(crate::config::Direction::Ltr, |l| l.dir),
            base_path: &self.config.base_path,
            matcher: (!self.matcher.is_empty()).then_some(self.matcher),
            entity_urls: self
                .entity_urls
                .get(article.lang.as_str())
                .map_or(&[], Vec::as_slice),
            link_mode: self.config.entity_links,
            named: &crate::entities::mentions::named(self.registry, &article.front.entities),
            resolve_link: Some(&resolve),
            resolve_asset: Some(&asset),
            resolve_image: Some(&image),
            trusted: self.config.unsafe_html,
        };
        markdown::render(body, &options)
    }

    /// Whether every question a stored body of `article` asked has the answer it had.
    fn answers_hold(&self, article: &Article, lookups: &[Lookup]) -> bool {
        let asks = Asks::new(self, article);
        lookups.iter().all(|l| {
            let now = match l.ask {
                Ask::Link => asks.link(&l.input),
                Ask::Asset => asks.asset(&l.input, false),
                Ask::AssetAlways => asks.asset(&l.input, true),
                Ask::Image => asks.image(&l.input).as_ref().map(bodies::image_answer),
            };
            now == l.answer
        })
    }
}

/// What a body's rendering asks of the rest of the site, for one article.
struct Asks<'c, 'a> {
    context: &'c MarkdownContext<'a>,
    /// The article file's folder, which links are relative to.
    dir: PathBuf,
    bundle: String,
}

impl<'c, 'a> Asks<'c, 'a> {
    fn new(context: &'c MarkdownContext<'a>, article: &Article) -> Self {
        Asks {
            context,
            dir: article
                .file
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
            bundle: content::bundle_dir(&article.file),
        }
    }

    /// The page URL of a link to another source file.
    fn link(&self, dest: &str) -> Option<String> {
        let (path, fragment) = dest
            .split_once('#')
            .map_or((dest, None), |(p, f)| (p, Some(f)));
        if path.is_empty() || path.contains("://") || !crate::content::is_markdown(Path::new(path))
        {
            return None;
        }
        let url = self.context.by_file.get(&normalize(&self.dir.join(path)))?;
        Some(match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        })
    }

    /// The URL of a bundle file: always, or only when the bundle has it.
    fn asset(&self, dest: &str, always: bool) -> Option<String> {
        let path = crate::markdown::bundle_path(&self.bundle, dest)?;
        (always || self.context.assets.contains(path.path.as_str()))
            .then(|| path.url(&self.context.config.base_path))
    }

    /// A bundle picture's size and copies.
    fn image(&self, dest: &str) -> Option<ImageSize> {
        let path = crate::markdown::bundle_path(&self.bundle, dest)?.path;
        let image = self.context.images.get(&path)?;
        Some(ImageSize {
            width: image.layout.width,
            height: image.layout.height,
            srcset: super::images::srcset(&path, &image.layout, &self.context.config.base_path),
            sizes: super::images::SIZES,
        })
    }
}

/// What [`Site::render_bodies`] keeps of the bodies: every rendered body (the HTML
/// only where asked), and each article's entities.
pub struct Bodies {
    pub rendered: Vec<Rendered>,
    pub refs: Vec<ArticleRefs>,
    /// The cache's, when a body could not be kept for the next build.
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// Renders the bodies a load with [`LoadOptions::stream`] left, in parallel,
    /// each read again from its file ([`Article::full_source`]) and handed to
    /// `each` with the entities it refers to; then let go of its HTML unless
    /// `keep(i)`. Put the result in place with [`Site::take_bodies`].
    ///
    /// [`LoadOptions::stream`]: super::LoadOptions::stream
    pub fn render_bodies(
        &self,
        keep: &(dyn Fn(usize) -> bool + Sync),
        each: &(dyn Fn(usize, &Rendered, &ArticleRefs) -> Result<()> + Sync),
    ) -> Result<Bodies> {
        let context = self.markdown();
        let (cache, unwritable) = BodyCache::open(&self.root, &self.config, &self.registry).split();
        let mut warnings: Vec<Diagnostic> = unwritable.into_iter().collect();
        let (rendered, refs): (Vec<_>, Vec<_>) = self
            .articles
            .par_iter()
            // Small pieces, so that a thread out of work always has one to take:
            // rayon's own split leaves a last piece of hundreds of pages to one
            // thread while the other waits.
            .with_max_len(crate::PIECE)
            .enumerate()
            .map(|(i, article)| {
                let key = BodyCache::key(article);
                let stored = cache
                    .as_ref()
                    .and_then(|cache| cache.get(key))
                    .filter(|stored| context.answers_hold(article, &stored.lookups));
                let mut rendered = match (stored, &cache) {
                    (Some(stored), Some(cache)) => {
                        cache.keep(key, stored.at);
                        stored.rendered
                    }
                    _ => {
                        let source = article
                            .full_source(&self.root)
                            .map_err(|d| Error::Content(vec![*d]))?;
                        let recorder = Recorder::default();
                        let rendered = context.render_text(
                            article,
                            source.get(article.body_start..).unwrap_or_default(),
                            Some(&recorder),
                        );
                        if let Some(cache) = &cache {
                            cache.put(key, &rendered, &recorder.into_lookups());
                        }
                        rendered
                    }
                };
                let refs = article_refs(&self.registry, article, &rendered);
                each(i, &rendered, &refs)?;
                if !keep(i) {
                    // What only the briefing's own page showed, or the article's
                    // entities (now in `refs`) were found from; heading ids stay,
                    // for the link warnings.
                    rendered.html = String::new();
                    rendered.mentions.clear();
                    rendered.ambiguous.clear();
                    rendered.headings.shrink_to_fit();
                }
                Ok((rendered, refs))
            })
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .unzip();
        warnings.extend(cache.and_then(|cache| cache.finish()));
        Ok(Bodies {
            rendered,
            refs,
            warnings,
        })
    }

    /// What rendering a body needs from the whole site.
    fn markdown(&self) -> MarkdownContext<'_> {
        MarkdownContext::new(
            &self.config,
            &self.registry,
            &self.matcher,
            &self.articles,
            &self.assets,
            &self.images,
        )
    }

    /// One article (an edit of one of the site's) rendered in the context of the
    /// site's articles.
    pub(super) fn render_one(&self, article: &Article) -> Rendered {
        self.markdown().render(article)
    }

    /// Puts bodies from [`Site::render_bodies`] in place, with the entity index
    /// they make, and lets go of the front matter only a briefing's own page shows
    /// (events, sources, authors), except where `keep(i)` (the feeds' entries).
    pub fn take_bodies(&mut self, bodies: Bodies, keep: &dyn Fn(usize) -> bool) {
        for (i, article) in self.articles.iter_mut().enumerate() {
            if !keep(i) {
                article.front.events = Vec::new();
                article.front.sources = Vec::new();
                article.front.authors = Vec::new();
            }
        }
        self.index = index::build(self.registry.entities.len(), &bodies.refs);
        self.warnings.extend(bodies.warnings);
        self.rendered = bodies.rendered;
        self.refs = bodies.refs;
    }

    /// The HTML of the bodies of `articles`, rendered again when the load let them
    /// go ([`Site::render_bodies`] keeps few): for a search index made afresh.
    pub fn bodies_html(&self, articles: &[usize]) -> Result<Vec<std::borrow::Cow<'_, str>>> {
        if articles
            .iter()
            .all(|&i| self.articles[i].released.is_none())
        {
            return Ok(articles
                .iter()
                .map(|&i| std::borrow::Cow::Borrowed(self.rendered[i].html.as_str()))
                .collect());
        }
        let context = self.markdown();
        articles
            .par_iter()
            .map(|&i| {
                let article = &self.articles[i];
                let source = article
                    .full_source(&self.root)
                    .map_err(|d| Error::Content(vec![*d]))?;
                let body = source.get(article.body_start..).unwrap_or_default();
                Ok(std::borrow::Cow::Owned(
                    context.render_text(article, body, None).html,
                ))
            })
            .collect()
    }
}

/// Every article's body rendered, or taken from `kept` (the articles and rendered
/// bodies of a previous load whose links resolve the same) when its source is
/// unchanged; and how many were taken.
fn render_markdown(
    config: &Config,
    registry: &Registry,
    matcher: &Matcher,
    articles: &[Article],
    assets: &[Asset],
    images: &BTreeMap<String, Image>,
    kept: Option<(HashMap<PathBuf, Article>, HashMap<PathBuf, Rendered>)>,
) -> (Vec<Rendered>, usize) {
    let context = MarkdownContext::new(config, registry, matcher, articles, assets, images);
    let (old_articles, mut old_rendered) = kept.unwrap_or_default();
    let mut taken: Vec<Option<Rendered>> = articles
        .iter()
        .map(|a| match old_articles.get(&a.file) {
            Some(old) if old.source == a.source => old_rendered.remove(&a.file),
            _ => None,
        })
        .collect();
    let reused = taken.iter().filter(|t| t.is_some()).count();
    let rendered = articles
        .par_iter()
        .zip(taken.par_iter_mut())
        .map(|(article, taken)| taken.take().unwrap_or_else(|| context.render(article)))
        .collect();
    (rendered, reused)
}

/// The entities an article refers to: mentions in its body, and ids in its front matter.
pub(super) fn article_refs(
    registry: &Registry,
    article: &Article,
    rendered: &Rendered,
) -> ArticleRefs {
    crate::entities::mentions::article_refs(
        registry,
        &article.front.entities,
        &rendered.mentions,
        &rendered.ambiguous,
    )
}

fn sections_and_tags(articles: &[Article]) -> (Sections, Tags) {
    let mut sections = Sections::new();
    let mut tags = Tags::new();
    for (i, article) in articles.iter().enumerate() {
        sections
            .entry(article.lang.clone())
            .or_default()
            .entry(article.section.clone())
            .or_default()
            .push(i);
        let mut seen = BTreeSet::new();
        for tag in &article.front.tags {
            let slug = crate::text::slug::slugify(tag);
            if seen.insert(slug.clone()) {
                tags.entry(article.lang.clone())
                    .or_default()
                    .entry(slug)
                    .or_insert_with(|| (tag.clone(), Vec::new()))
                    .1
                    .push(i);
            }
        }
    }
    (sections, tags)
}

fn build_timelines(
    root: &Path,
    config: &Config,
    registry: &Registry,
    matcher: &Matcher,
    articles: &[Article],
) -> BTreeMap<String, Vec<Item>> {
    // One language's timeline does not depend on another's.
    config
        .languages
        .par_iter()
        .map(|lang| {
            let mut events = Vec::new();
            let mut briefings = Vec::new();
            for (i, article) in articles
                .iter()
                .enumerate()
                .filter(|(_, a)| a.lang == lang.code)
            {
                briefings.push((i, article.front.date.clone(), article.front.title.clone()));
                for event in &article.front.events {
                    let entities = crate::entities::mentions::of_event(
                        registry, matcher, article, event, root,
                    );
                    events.push(Reported {
                        article: i,
                        id: event.id.clone(),
                        date: event.date.clone(),
                        text: event.text.clone(),
                        entities,
                    });
                }
            }
            (
                lang.code.clone(),
                timeline::build(events, briefings, &config.timezone),
            )
        })
        .collect()
}

/// The theme's static files, then the site's, each directory in sorted order.
fn statics(root: &Path, config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<Static> {
    let mut dirs = Vec::new();
    if let Some(theme) = &config.theme {
        dirs.push(root.join("themes").join(theme).join("static"));
    }
    dirs.push(root.join("static"));
    let mut files = Vec::new();
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        let mut skipped = Vec::new();
        let published = |e: &walkdir::DirEntry| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !name.starts_with('.') || name == ".well-known"
        };
        let walk = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                let keep = published(e);
                // brief writes `.nojekyll` itself.
                let generated = e.depth() == 1 && e.file_name() == ".nojekyll";
                if !keep && !generated {
                    skipped.push(e.path().to_path_buf());
                }
                keep
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    let path = e.path().unwrap_or(dir);
                    diagnostics.push(
                        Diagnostic::error(
                            crate::diagnostic::display_path(root, path),
                            format!("cannot read this static file or directory: {e}"),
                        )
                        .help("check its permissions, or remove it"),
                    );
                    continue;
                }
            };
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(relative) = entry.path().strip_prefix(dir) else {
                continue;
            };
            files.push(Static {
                path: relative.to_string_lossy().replace('\\', "/"),
                source: entry.path().to_path_buf(),
            });
        }
        if !skipped.is_empty() {
            diagnostics.push(skipped_dotfiles(root, dir, &skipped));
        }
    }
    files
}

/// The note for files and directories of a static directory whose names start with
/// `.` (`.env`, `.git/`, `.DS_Store`): never published, since they are usually
/// secrets or tool state, except `.well-known/` (and `.nojekyll`, which brief writes
/// itself).
fn skipped_dotfiles(root: &Path, dir: &Path, skipped: &[PathBuf]) -> Diagnostic {
    let names: Vec<String> = skipped
        .iter()
        .map(|p| {
            let name = p
                .strip_prefix(dir)
                .unwrap_or(p)
                .to_string_lossy()
                .replace('\\', "/");
            if p.is_dir() { format!("{name}/") } else { name }
        })
        .collect();
    let shown = if names.len() > 10 {
        format!("{}, and {} more", names[..10].join(", "), names.len() - 10)
    } else {
        names.join(", ")
    };
    Diagnostic::note(
        crate::diagnostic::display_path(root, dir),
        format!("not published, as names starting with `.` never are: {shown}"),
    )
    .help("these are usually secrets or tool files (`.env`, `.git/`); rename a file without the leading dot to publish it (`.well-known/` is published, and brief writes `.nojekyll` itself)")
}
