//! `Site::load` → `Site::build`: the stages in order. Loading reads the site from
//! disk and analyses it (Markdown, entities, timelines); building renders every page
//! and writes the output atomically.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{self, Config};
use crate::content::{self, Article};
use crate::diagnostic::{Diagnostic, display_path};
use crate::entities::index::{self, ArticleRefs, Index, Reference};
use crate::entities::matcher::Matcher;
use crate::entities::registry::{self, Registry};
use crate::error::{Error, Result};
use crate::markdown::{self, Rendered};
use crate::render::pages::Page;
use crate::timeline::{self, Item, Reported};

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
}

/// A loaded and analysed site: everything needed to render its pages.
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub registry: Registry,
    pub matcher: Matcher,
    /// Sorted newest first (then by translation key and language), so listings are
    /// slices of it.
    pub articles: Vec<Article>,
    pub rendered: Vec<Rendered>,
    pub refs: Vec<ArticleRefs>,
    pub index: Index,
    /// Per language code.
    pub timelines: BTreeMap<String, Vec<Item>>,
    /// Translation key → language → article index.
    pub translations: BTreeMap<String, BTreeMap<String, usize>>,
    /// Per language: section → article indices, newest first.
    pub sections: Sections,
    /// Per language: tag slug → (tag as written first, article indices newest first).
    pub tags: Tags,
    pub warnings: Vec<Diagnostic>,
    /// How long each loading stage took, in order (`brief build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
    /// What the site was read with, beyond its content files: a later load with the
    /// same inputs may take over its parsed and rendered articles ([`Site::reload`]).
    inputs: Inputs,
    /// How many articles [`Site::reload`] took over from the previous load: parsed,
    /// and rendered.
    reused: (usize, usize),
}

/// The inputs every article's parse and render depend on, besides its own file:
/// `brief.yaml` and the entity registry as read, and the load options.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Inputs {
    config: String,
    registry: Option<String>,
    drafts: bool,
    base_url: Option<String>,
}

/// What a load takes over from the previous load of the same site, when their
/// [`Inputs`] are equal (see [`Site::reload`]).
struct Reuse {
    /// By source file: articles that loaded without a warning.
    articles: HashMap<PathBuf, Article>,
    /// By source file: the rendered bodies of those articles.
    rendered: HashMap<PathBuf, Rendered>,
    /// Source file → (language, page path) of every article the previous load had:
    /// the links between files that the rendered bodies resolved.
    pages: BTreeMap<PathBuf, (String, String)>,
    matcher: Matcher,
}

impl Reuse {
    fn new(previous: Site) -> Reuse {
        let pages = page_paths(&previous.articles);
        let warned: BTreeSet<&Path> = previous.warnings.iter().map(|d| d.file.as_path()).collect();
        let mut articles = HashMap::new();
        let mut rendered = HashMap::new();
        for (article, body) in previous.articles.into_iter().zip(previous.rendered) {
            if !warned.contains(article.file.as_path()) {
                rendered.insert(article.file.clone(), body);
                articles.insert(article.file.clone(), article);
            }
        }
        Reuse {
            articles,
            rendered,
            pages,
            matcher: previous.matcher,
        }
    }
}

/// Source file → (language, page path) of each article.
fn page_paths(articles: &[Article]) -> BTreeMap<PathBuf, (String, String)> {
    articles
        .iter()
        .map(|a| (a.file.clone(), (a.lang.clone(), a.path.clone())))
        .collect()
}

/// Times the stages of a build, one after the other.
struct Stopwatch {
    last: Instant,
    stages: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage called `name`, which began when the previous one ended.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

/// Hands one rendered file (path inside the site, bytes) to where it goes.
pub type Writer<'a> = dyn Fn(&str, &[u8]) -> Result<()> + Sync + 'a;

/// What a build made that a partial rebuild reuses: the loaded templates and the
/// values many pages share.
pub struct Prepared {
    renderer: crate::render::Renderer,
    shared: crate::render::pages::Shared,
}

/// What a body-only change touches: the pages to render again, and the data files
/// whose content depends on it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Update {
    pub pages: Vec<Page>,
    /// Languages whose Atom feed carries a changed body.
    pub feeds: BTreeSet<String>,
    /// Languages whose search index lists changed headings.
    pub search: BTreeSet<String>,
    /// Whether mention counts moved.
    pub entities_json: bool,
}

impl Update {
    pub fn merge(&mut self, other: Update) {
        self.pages.extend(other.pages);
        self.feeds.extend(other.feeds);
        self.search.extend(other.search);
        self.entities_json |= other.entities_json;
    }
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
}

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
        let mut diagnostics = Vec::new();

        let registry_path = root.join(registry::FILE);
        let (registry, registry_source) = if registry_path.is_file() {
            let source =
                std::fs::read_to_string(&registry_path).map_err(Error::io(&registry_path))?;
            let (registry, problems) = Registry::parse(Path::new(registry::FILE), &source, &config);
            diagnostics.extend(problems);
            (registry, Some(source))
        } else {
            (Registry::default(), None)
        };
        let inputs = Inputs {
            config: config_source,
            registry: registry_source,
            drafts: options.drafts,
            base_url: options.base_url.clone(),
        };
        let mut reuse = previous.filter(|p| p.inputs == inputs).map(Reuse::new);
        watch.lap("config and entities");

        // Building the matcher (a DFA for most registries) and reading the content do
        // not depend on each other.
        let load = || {
            content::load(
                root,
                &config,
                options.drafts,
                reuse.as_ref().map(|r| &r.articles),
            )
        };
        let (matcher, content) = match reuse.as_ref().map(|r| r.matcher.clone()) {
            Some(matcher) => (matcher, load()),
            None => rayon::join(|| registry.matcher(), load),
        };
        diagnostics.extend(content.diagnostics);
        let mut articles = content.articles;
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
                std::cmp::Reverse(a.front.date.sort_key()),
                a.key.clone(),
                lang_rank(&config, &a.lang),
            )
        });
        check_urls(&articles, &mut diagnostics);
        // An unreadable registry would make every id look unknown: its own error says it.
        let registry_read = !(registry.is_empty()
            && diagnostics
                .iter()
                .any(|d| d.file.as_path() == Path::new(registry::FILE) && d.is_error()));
        if registry_read {
            check_entity_refs(&articles, &registry, &mut diagnostics);
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
            .filter(|r| r.pages == page_paths(&articles))
            .map(|r| (r.articles, r.rendered));
        // Timelines, sections and tags come from front matter alone: they are made
        // alongside the Markdown, which they do not wait for.
        let ((rendered, reused_bodies), (timelines, (sections, tags))) = rayon::join(
            || render_markdown(&config, &registry, &matcher, &articles, kept),
            || {
                rayon::join(
                    || build_timelines(&config, &registry, &matcher, &articles),
                    || sections_and_tags(&articles),
                )
            },
        );
        watch.lap("markdown, mentions, timelines");
        let refs: Vec<ArticleRefs> = articles
            .par_iter()
            .zip(&rendered)
            .map(|(article, rendered)| article_refs(&registry, article, rendered))
            .collect();
        let index = index::build(registry.entities.len(), &refs);
        watch.lap("entity index");

        let (errors, warnings): (Vec<_>, Vec<_>) =
            diagnostics.into_iter().partition(Diagnostic::is_error);
        if !errors.is_empty() {
            let mut all = errors;
            all.extend(warnings);
            return Err(Error::Content(all));
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
            warnings,
            stages: watch.stages,
            inputs,
            reused: (reused_articles, reused_bodies),
        })
    }

    /// How many articles this load took over from the previous one ([`Site::reload`]):
    /// (parsed, rendered). (0, 0) for a fresh load.
    pub fn reused(&self) -> (usize, usize) {
        self.reused
    }

    /// Frees the articles' source text, which only loading, `brief check` and the
    /// serve fast path read. `brief build` calls it before rendering: on a site of
    /// 10,000 briefing pairs that is 140 MB less at the build's peak.
    pub fn release_sources(&mut self) {
        for article in &mut self.articles {
            article.source = String::new();
            article.body_start = 0;
        }
    }

    /// Indices of the articles in `lang`, newest first.
    pub fn articles_in(&self, lang: &str) -> Vec<usize> {
        (0..self.articles.len())
            .filter(|&i| self.articles[i].lang == lang)
            .collect()
    }

    /// The editions of article `i` in every language, by language code.
    pub fn editions(&self, i: usize) -> Option<&BTreeMap<String, usize>> {
        self.translations.get(&self.articles[i].key)
    }

    /// Renders every page and writes the site into `output`, atomically.
    pub fn build(&self, output: &Path, started: Instant) -> Result<Summary> {
        self.build_keeping(output, started)
            .map(|(summary, _)| summary)
    }

    /// [`Site::build`], also returning what a later partial rebuild can reuse.
    pub fn build_keeping(&self, output: &Path, started: Instant) -> Result<(Summary, Prepared)> {
        let mut watch = Stopwatch::new();
        let prepared = self.prepare()?;
        let staging = crate::output::Staging::new(output)?;
        let pages = crate::render::pages::plan(self);
        watch.lap("templates and shared values");
        // Pages and the site-wide files (feeds, data, sitemap) do not depend on each
        // other: made side by side, so the long data files do not wait for the pages.
        let (rendered, files) = rayon::join(
            || self.render_pages(&prepared, &pages, &|path, bytes| staging.write(path, bytes)),
            || crate::output::write_site_files(self, &pages, &staging),
        );
        rendered?;
        let files = files?;
        watch.lap("pages, feeds, data, sitemap, assets");
        staging.commit()?;
        watch.lap("swap into place");
        let summary = Summary {
            pages: self.count_pages(&pages),
            files: pages.len() + files,
            entities: self.registry.entities.len(),
            events: self
                .timelines
                .values()
                .map(|t| {
                    t.iter()
                        .filter(|i| i.kind == timeline::ItemKind::Event)
                        .count()
                })
                .sum(),
            elapsed: started.elapsed(),
            warnings: self.warnings.clone(),
            stages: self.stages.iter().copied().chain(watch.stages).collect(),
        };
        Ok((summary, prepared))
    }

    /// The templates and the values many pages share, made once per build.
    pub fn prepare(&self) -> Result<Prepared> {
        // Compiling the templates and making the shared values are independent.
        let (renderer, shared) = rayon::join(
            || crate::render::Renderer::new(&self.root, self.config.theme.as_deref()),
            || crate::render::pages::prepare(self),
        );
        Ok(Prepared {
            renderer: renderer?,
            shared,
        })
    }

    /// Renders `pages` in parallel, handing each file to `write`.
    pub fn render_pages(&self, prepared: &Prepared, pages: &[Page], write: &Writer) -> Result<()> {
        thread_local! {
            /// This thread's page buffer, reused from page to page.
            static PAGE: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        /// A buffer that grew past this (a long timeline page) is not kept.
        const KEEP: usize = 1 << 20;
        pages.par_iter().try_for_each(|page| {
            let (path, template, context) =
                crate::render::pages::context(self, &prepared.shared, page);
            PAGE.with_borrow_mut(|html| {
                prepared.renderer.render_to(template, &context, html)?;
                let written = write(&path, html);
                if html.capacity() > KEEP {
                    *html = Vec::new();
                }
                written
            })
        })
    }

    /// Pages per language, for the summary line.
    pub fn count_pages(&self, pages: &[Page]) -> BTreeMap<String, usize> {
        let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
        for page in pages {
            if let Some(lang) = page.lang(self) {
                *per_language.entry(lang.to_string()).or_default() += 1;
            }
        }
        per_language
    }

    /// The fast path of `brief serve`: when the file at `path` is an article whose
    /// front matter did not change, re-renders its body in place and returns the pages
    /// that show it (the article, and the entity pages whose mention counts moved).
    /// `None` whenever that would not be exactly what a full build gives (a new or
    /// removed file, a front-matter change, an entity gained or lost, any problem):
    /// the caller then rebuilds everything.
    pub fn update_body(&mut self, path: &Path) -> Option<Update> {
        let relative = path.strip_prefix(self.root.join("content")).ok()?;
        let file = display_path(&self.root, path);
        let i = self.articles.iter().position(|a| a.file == file)?;
        let source = std::fs::read_to_string(path).ok()?;
        let (article, warnings) =
            content::read_article(relative, file, source, &self.config).ok()?;
        let old = &self.articles[i];
        if !warnings.is_empty()
            || article.front != old.front
            || (&article.lang, &article.key, &article.path) != (&old.lang, &old.key, &old.path)
        {
            return None;
        }
        let rendered = render_one(
            &self.config,
            &self.registry,
            &self.matcher,
            &self.articles,
            &article,
        );
        let refs = article_refs(&self.registry, &article, &rendered);
        if !refs.keys().eq(self.refs[i].keys()) {
            return None;
        }
        let moved: Vec<usize> = refs
            .iter()
            .filter(|(e, r)| self.refs[i].get(e) != Some(r))
            .map(|(&e, _)| e)
            .collect();
        let lang = article.lang.clone();
        let mut update = Update {
            pages: vec![Page::Article(i)],
            ..Update::default()
        };
        // The feed carries the latest bodies; the search index, headings.
        if self
            .articles_in(&lang)
            .into_iter()
            .take(crate::feed::ENTRIES)
            .any(|j| j == i)
        {
            update.feeds.insert(lang.clone());
        }
        if rendered.headings != self.rendered[i].headings {
            update.search.insert(lang.clone());
        }
        update.entities_json = !moved.is_empty();
        self.articles[i] = article;
        self.rendered[i] = rendered;
        self.refs[i] = refs;
        if !moved.is_empty() {
            self.index = index::build(self.registry.entities.len(), &self.refs);
        }
        update
            .pages
            .extend(moved.into_iter().map(|entity| Page::Entity {
                lang: lang.clone(),
                entity,
            }));
        Some(update)
    }

    /// Writes `pages` and the data files that carry article bodies or mention counts
    /// (the feed and search index of their languages, `entities.json`) into the built
    /// site at `dir`, each file replaced whole, so a server reading it never sees half
    /// a file.
    pub fn rewrite(&self, prepared: &Prepared, update: &Update, dir: &Path) -> Result<()> {
        let write = |relative: &str, bytes: &[u8]| -> Result<()> {
            let target = dir.join(relative);
            let temp = target.with_extension("brief-partial");
            std::fs::write(&temp, bytes).map_err(Error::io(&temp))?;
            std::fs::rename(&temp, &target).map_err(Error::io(&target))
        };
        self.render_pages(prepared, &update.pages, &write)?;
        for lang in &update.feeds {
            write(
                &format!("{lang}/atom.xml"),
                crate::feed::atom(self, lang).as_bytes(),
            )?;
        }
        for lang in &update.search {
            write(
                &format!("{lang}/search.json"),
                &crate::render::pages::search_index(self, lang),
            )?;
        }
        if update.entities_json {
            write("entities.json", &crate::data::entities_json(self))?;
        }
        Ok(())
    }

    /// `{base_path}{lang}/{rest}`: a URL path for a link.
    pub fn url(&self, rest: &str) -> String {
        format!("{}{rest}", self.config.base_path)
    }

    /// An absolute URL (`https://…`) when the base URL has a host.
    pub fn permalink(&self, rest: &str) -> String {
        format!("{}{rest}", self.config.base_url)
    }

    pub fn entity_path(&self, lang: &str, entity: usize) -> String {
        format!("{lang}/entities/{}/", self.registry.entities[entity].id)
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
    let source = std::fs::read_to_string(&path).map_err(Error::io(&path))?;
    let mut config = Config::parse(Path::new(config::FILE), &source).map_err(Error::Content)?;
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

/// Two articles cannot be written to the same page.
fn check_urls(articles: &[Article], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
    for article in articles {
        if let Some(other) = seen.insert((&article.lang, &article.path), &article.file) {
            diagnostics.push(
                Diagnostic::error(
                    &article.file,
                    format!(
                        "this page's URL /{}/{} is also the URL of {}",
                        article.lang,
                        article.path,
                        other.display()
                    ),
                )
                .help("give one of them a different `slug`"),
            );
        }
    }
    for article in articles {
        let first = article.path.split('/').next().unwrap_or("");
        if ["entities", "timeline", "tags", "search", "page"].contains(&first)
            && article.section.is_empty()
        {
            diagnostics.push(
                Diagnostic::error(
                    &article.file,
                    format!(
                        "the URL /{}/{} is reserved for a page brief generates",
                        article.lang, article.path
                    ),
                )
                .help("rename the file or give it another `slug`"),
            );
        }
    }
}

/// Every id in `entities:` (of the article and of its events) must be in the registry.
fn check_entity_refs(articles: &[Article], registry: &Registry, diagnostics: &mut Vec<Diagnostic>) {
    for article in articles {
        let refs = article
            .front
            .entities
            .iter()
            .chain(article.front.events.iter().flat_map(|e| &e.entities));
        for r in refs {
            if registry.get(&r.id).is_none() {
                let mut d = Diagnostic::error(&article.file, format!("unknown entity `{}`", r.id))
                    .at(&article.source, r.line, r.column)
                    .label("not in content/entities.yaml");
                d.help = Some(match registry.nearest_id(&r.id) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("add `{}` to content/entities.yaml, or remove it here", r.id),
                });
                diagnostics.push(d);
            }
        }
    }
}

/// What Markdown rendering needs from the whole site, made once per build.
struct MarkdownContext<'a> {
    config: &'a Config,
    matcher: &'a Matcher,
    /// Per language, per entity index, the entity's page URL.
    entity_urls: BTreeMap<&'a str, Vec<String>>,
    /// Source file → page URL, so links between source files become page links.
    by_file: HashMap<PathBuf, String>,
}

impl<'a> MarkdownContext<'a> {
    fn new(
        config: &'a Config,
        registry: &Registry,
        matcher: &'a Matcher,
        articles: &[Article],
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
            matcher,
            entity_urls,
            by_file,
        }
    }

    fn render(&self, article: &Article) -> Rendered {
        let dir = article
            .file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let resolve = |dest: &str| -> Option<String> {
            let (path, fragment) = dest
                .split_once('#')
                .map_or((dest, None), |(p, f)| (p, Some(f)));
            if path.is_empty() || path.contains("://") || !path.ends_with(".md") {
                return None;
            }
            let url = self.by_file.get(&normalize(&dir.join(path)))?;
            Some(match fragment {
                Some(f) => format!("{url}#{f}"),
                None => url.clone(),
            })
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
            resolve_link: Some(&resolve),
        };
        markdown::render(article.body(), &options)
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
    kept: Option<(HashMap<PathBuf, Article>, HashMap<PathBuf, Rendered>)>,
) -> (Vec<Rendered>, usize) {
    let context = MarkdownContext::new(config, registry, matcher, articles);
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

/// One article rendered in the context of the site's other articles.
fn render_one(
    config: &Config,
    registry: &Registry,
    matcher: &Matcher,
    articles: &[Article],
    article: &Article,
) -> Rendered {
    MarkdownContext::new(config, registry, matcher, articles).render(article)
}

/// The entities an article refers to: mentions in its body, and ids in its front matter.
fn article_refs(registry: &Registry, article: &Article, rendered: &Rendered) -> ArticleRefs {
    let mut refs: ArticleRefs = rendered
        .mentions
        .iter()
        .map(|(&e, &count)| {
            (
                e,
                Reference {
                    count,
                    front_matter: false,
                },
            )
        })
        .collect();
    for r in &article.front.entities {
        if let Some(e) = registry.get(&r.id) {
            refs.entry(e).or_default().front_matter = true;
        }
    }
    refs
}

/// Resolves `.` and `..` in a relative path without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Language → section → article indices.
pub type Sections = BTreeMap<String, BTreeMap<String, Vec<usize>>>;
/// Language → tag slug → (the tag as first written, article indices).
pub type Tags = BTreeMap<String, BTreeMap<String, (String, Vec<usize>)>>;

/// The articles by section and by tag, each list in the articles' order (a tag
/// written twice in one article counts once).
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
                    let mut entities: BTreeSet<usize> = event
                        .entities
                        .iter()
                        .filter_map(|r| registry.get(&r.id))
                        .collect();
                    entities.extend(matcher.find(&event.text).into_iter().map(|m| m.entity));
                    events.push(Reported {
                        article: i,
                        id: event.id.clone(),
                        date: event.date.clone(),
                        text: event.text.clone(),
                        entities,
                    });
                }
            }
            (lang.code.clone(), timeline::build(events, briefings))
        })
        .collect()
}

/// Where the site at `root` is written unless told otherwise.
pub fn default_output(root: &Path) -> PathBuf {
    root.join("public")
}
