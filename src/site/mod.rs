//! The site model: a loaded and analysed site (configuration, registry, articles and
//! their rendered bodies, mentions, timelines, sections and tags). Loading it is
//! [`Site::load`] (in `load`); it knows nothing of pages, rendering or writing.

mod bodies;
pub mod images;
pub mod load;
pub mod picture;
mod reuse;
pub mod update;
mod validate;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::entities::index::{ArticleRefs, Index};
use crate::entities::matcher::Matcher;
use crate::entities::registry::Registry;
use crate::markdown::Rendered;
use crate::timeline::Item;

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
    /// Lets each article's body go once its front matter is read, and leaves the
    /// bodies unrendered: `brief build` ([`crate::build::publish`]) reads each body
    /// again, renders it with its page and keeps only what the other pages need, so
    /// a large site's bodies are never all in memory. `brief check` and `brief
    /// serve` read the bodies of the site as loaded, and leave it off.
    pub stream: bool,
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
    /// Per article, its rendered body; with [`LoadOptions::stream`], empty until
    /// the build renders them ([`Site::render_bodies`]).
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
    /// The theme's and the site's static files, in that order.
    pub statics: Vec<Static>,
    /// The files of page bundles (everything under `content/` but Markdown), in path
    /// order.
    pub assets: Vec<crate::content::Asset>,
    /// Per article, its feature picture: its own `image:`, else the site's `image`.
    pub pictures: Vec<Option<picture::Picture>>,
    /// The site's `logo`, when it leads to a picture.
    pub logo: Option<picture::Picture>,
    /// The site's `image`, for pages that are not briefings.
    pub default_picture: Option<picture::Picture>,
    /// Output path → every picture brief publishes resized copies of (the bundles'
    /// JPEG, PNG and WebP files, and feature images from `static/`).
    pub images: BTreeMap<String, images::Image>,
    /// Per article, its social card: for briefings without a picture of their own,
    /// unless `social_cards: false`.
    pub cards: Vec<Option<picture::Picture>>,
    /// The cards' colours, from the theme's stylesheet.
    pub palette: crate::media::Palette,
    pub warnings: Vec<Diagnostic>,
    /// How long each loading stage took, in order (`brief build --timings`).
    pub stages: Vec<(&'static str, Duration)>,
    /// What the site was read with, beyond its content files: a later load with the
    /// same inputs may take over its parsed and rendered articles ([`Site::reload`]).
    pub(crate) inputs: Inputs,
    /// What parsing the registry said, given again when a reload takes the registry
    /// over instead of parsing it.
    registry_problems: Vec<Diagnostic>,
    /// How many articles [`Site::reload`] took over from the previous load: parsed,
    /// and rendered.
    reused: (usize, usize),
    /// Each tag's translations, worked out once, the first time a page asks.
    pub(crate) tag_pairs: std::sync::OnceLock<TagPairs>,
}

/// (language, tag slug, other language) → the other language's tag slug, for the
/// tags whose translation the briefings agree on (worked out by the plan).
pub type TagPairs = BTreeMap<(String, String, String), String>;

/// The inputs every article's parse and render depend on, besides its own file:
/// `brief.yaml` and the entity registry as read, and the load options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Inputs {
    pub(super) config: String,
    pub(super) registry: Option<String>,
    pub(super) drafts: bool,
    pub(super) base_url: Option<String>,
}

/// Times the stages of a build, one after the other.
pub(crate) struct Stopwatch {
    last: Instant,
    pub(crate) stages: Vec<(&'static str, Duration)>,
}

impl Stopwatch {
    pub(crate) fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the stage called `name`, which began when the previous one ended.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push((name, now - self.last));
        self.last = now;
    }
}

impl Site {
    /// How many articles this load took over from the previous one ([`Site::reload`]):
    /// (parsed, rendered). (0, 0) for a fresh load.
    pub fn reused(&self) -> (usize, usize) {
        self.reused
    }

    /// Source file → (language, page path) of every article: where links between
    /// files lead.
    pub(crate) fn page_paths(&self) -> BTreeMap<PathBuf, (String, String)> {
        page_paths(&self.articles)
    }

    /// Indices of the articles in `lang`, newest first.
    pub fn articles_in(&self, lang: &str) -> Vec<usize> {
        (0..self.articles.len())
            .filter(|&i| self.articles[i].lang == lang)
            .collect()
    }

    /// The picture that stands for article `i` when it is shared: its own, else its
    /// social card, else the site's `image`.
    pub fn share_picture(&self, i: usize) -> Option<&picture::Picture> {
        let own = self.articles[i].front.image.is_some();
        let picture = self.pictures.get(i).and_then(Option::as_ref);
        match (own, picture, self.cards.get(i).and_then(Option::as_ref)) {
            (true, Some(p), _) => Some(p),
            (_, _, Some(card)) => Some(card),
            (_, p, None) => p,
        }
    }

    /// The editions of article `i` in every language, by language code.
    pub fn editions(&self, i: usize) -> Option<&BTreeMap<String, usize>> {
        self.translations.get(&self.articles[i].key)
    }

    /// `{base_path}{lang}/{rest}`: a URL path for a link.
    pub fn url(&self, rest: &str) -> String {
        format!("{}{rest}", self.config.base_path)
    }

    /// An absolute URL (`https://…`) when the base URL has a host.
    pub fn permalink(&self, rest: &str) -> String {
        format!("{}{rest}", self.config.base_url)
    }
}

/// A file of the theme's or the site's `static/` directory, copied as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Static {
    /// Its path inside the output, `/`-separated.
    pub path: String,
    pub source: PathBuf,
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

/// Source file → (language, page path) of each article.
fn page_paths(articles: &[Article]) -> BTreeMap<PathBuf, (String, String)> {
    articles
        .iter()
        .map(|a| (a.file.clone(), (a.lang.clone(), a.path.clone())))
        .collect()
}
