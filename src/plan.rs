//! A loaded [`Site`] → its [`Plan`]: every file the build writes (pages, listings and
//! their pagination, feeds, data files, search files, static files), each with the
//! source that asked for it. It is the one owner of output paths: the writer, the
//! sitemap and `brief check` all read it, and two sources asking for one path (or a
//! file where another needs a directory) is an error naming both.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::config::Language;
use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// The language chooser at the site root.
    Root,
    NotFound,
    Home(String),
    Article(usize),
    Section {
        lang: String,
        section: String,
        page: usize,
        pages: usize,
    },
    Tags(String),
    Tag {
        lang: String,
        slug: String,
        page: usize,
        pages: usize,
    },
    /// The main timeline page: the latest year that has items, and links to the
    /// others.
    Timeline(String),
    /// Another year of a language's timeline: `ar/timeline/2024/`.
    TimelineYear {
        lang: String,
        year: i16,
    },
    Entities(String),
    Entity {
        lang: String,
        entity: usize,
    },
    Search(String),
}

/// A file that is not a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum File {
    /// A file of the built-in theme (`assets/style.css`), by its name there.
    Asset(&'static str),
    /// A file of the theme's or the site's `static/` directory.
    Static(PathBuf),
    /// A file of a page bundle (`content/briefings/x/map.png`), published once at its
    /// path below `content/`, whatever the languages.
    Bundle(PathBuf),
    Nojekyll,
    Cname,
    Robots,
    Sitemap,
    EntitiesJson,
    Feed(String),
    /// `<lang>/pagefind/`: the language\'s search index, a directory of files.
    SearchBundle(String),
    TimelineJson(String),
    TimelineJs(String),
    /// A redirect page: an old URL (`aliases:`), or a one-language site's root.
    Redirect(crate::redirect::Redirect),
    /// A copy of a picture (a bundle file, or a feature image from `static/`) `width`
    /// pixels wide, published next to it (`map-480w.png`) for `srcset`.
    Resized {
        source: PathBuf,
        width: u32,
    },
    /// The social card of the article at this index (`ar/briefings/x/card.png`).
    Card(usize),
}

/// Everything the build writes, pages first, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub pages: Vec<Page>,
    /// Each file with its path inside the output.
    pub files: Vec<(String, File)>,
}

impl Plan {
    /// The plan of `site`; an error for every path asked for twice.
    pub fn new(site: &Site) -> Result<Plan, Vec<Diagnostic>> {
        let (redirects, mut problems) = crate::redirect::entries(site);
        let mut files = files(site);
        files.extend(
            redirects
                .into_iter()
                .map(|(path, r)| (path, File::Redirect(r))),
        );
        let plan = Plan {
            pages: pages(site),
            files,
        };
        problems.extend(collisions(site, &plan));
        if problems.is_empty() {
            Ok(plan)
        } else {
            Err(problems)
        }
    }

    /// Every URL path a link may lead to, below the base path with no leading `/`:
    /// `ar/timeline/` for a page, `ar/atom.xml` for a file, `` for the root.
    pub fn urls<'a>(&'a self, site: &'a Site) -> impl Iterator<Item = String> + 'a {
        self.pages
            .iter()
            .filter_map(|p| p.url_path(site))
            // `old/index.html` (a redirect page) is linked to as `old/`.
            .chain(
                self.files
                    .iter()
                    .map(|(path, _)| path.strip_suffix("index.html").unwrap_or(path).to_string()),
            )
            .chain(std::iter::once("404.html".to_string()))
    }
}

/// Every page of the site, in a stable order.
fn pages(site: &Site) -> Vec<Page> {
    let per_page = site.config.paginate;
    // A one-language site has no chooser: its root is a redirect to its home page
    // (see `redirect`).
    let mut pages = if site.config.languages.len() == 1 {
        vec![Page::NotFound]
    } else {
        vec![Page::Root, Page::NotFound]
    };
    for lang in &site.config.languages {
        let code = &lang.code;
        pages.push(Page::Home(code.clone()));
        if let Some(sections) = site.sections.get(code) {
            for (section, list) in sections.iter().filter(|(s, _)| !s.is_empty()) {
                let total = list.len().div_ceil(per_page).max(1);
                for page in 1..=total {
                    pages.push(Page::Section {
                        lang: code.clone(),
                        section: section.clone(),
                        page,
                        pages: total,
                    });
                }
            }
        }
        pages.push(Page::Tags(code.clone()));
        if let Some(tags) = site.tags.get(code) {
            for (slug, (_, list)) in tags {
                let total = list.len().div_ceil(per_page).max(1);
                for page in 1..=total {
                    pages.push(Page::Tag {
                        lang: code.clone(),
                        slug: slug.clone(),
                        page,
                        pages: total,
                    });
                }
            }
        }
        pages.push(Page::Timeline(code.clone()));
        let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
        for year in crate::timeline::years(items).into_iter().skip(1) {
            pages.push(Page::TimelineYear {
                lang: code.clone(),
                year,
            });
        }
        pages.push(Page::Entities(code.clone()));
        for entity in 0..site.registry.entities.len() {
            pages.push(Page::Entity {
                lang: code.clone(),
                entity,
            });
        }
        if site.config.search {
            pages.push(Page::Search(code.clone()));
        }
    }
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages
}

/// Every file that is not a page. Static files come after the theme's assets, and the
/// site's after the theme's: a later one of the same path replaces an earlier one
/// (that is how a site restyles its theme), which [`collisions`] allows.
fn files(site: &Site) -> Vec<(String, File)> {
    let mut files: Vec<(String, File)> = crate::render::theme::STATIC
        .iter()
        .map(|(name, _)| (format!("assets/{name}"), File::Asset(name)))
        .collect();
    files.extend(
        site.statics
            .iter()
            .map(|s| (s.path.clone(), File::Static(s.source.clone()))),
    );
    files.extend(
        site.assets
            .iter()
            .map(|a| (a.path.clone(), File::Bundle(a.source.clone()))),
    );
    for (path, image) in &site.images {
        files.extend(image.layout.variants().into_iter().map(|(width, _)| {
            (
                image.layout.variant_path(path, width),
                File::Resized {
                    source: image.source.clone(),
                    width,
                },
            )
        }));
    }
    // Two articles at one URL are reported as such; their cards would only repeat it.
    let mut card_paths = std::collections::BTreeSet::new();
    files.extend(site.cards.iter().enumerate().filter_map(|(i, card)| {
        let path = card.as_ref()?.path.clone()?;
        card_paths
            .insert(path.clone())
            .then_some((path, File::Card(i)))
    }));
    files.push((".nojekyll".into(), File::Nojekyll));
    if site.config.cname.is_some() {
        files.push(("CNAME".into(), File::Cname));
    }
    files.push(("robots.txt".into(), File::Robots));
    files.push(("sitemap.xml".into(), File::Sitemap));
    files.push(("entities.json".into(), File::EntitiesJson));
    for lang in &site.config.languages {
        let code = &lang.code;
        files.push((format!("{code}/atom.xml"), File::Feed(code.clone())));
        if site.config.search {
            // A directory of Pagefind's files, whose names depend on the index; as
            // a path here, anything else below it is a collision.
            files.push((
                format!("{code}/{}", crate::search::DIR),
                File::SearchBundle(code.clone()),
            ));
        }
        files.push((
            format!("{code}/timeline.json"),
            File::TimelineJson(code.clone()),
        ));
        files.push((
            format!("{code}/timeline.timelinejs.json"),
            File::TimelineJs(code.clone()),
        ));
    }
    files
}

fn paged(base: String, page: usize) -> String {
    if page <= 1 {
        base
    } else {
        format!("{base}page/{page}/")
    }
}

/// Who asked for an output path, for a collision's message.
struct Source {
    /// What it is, in words: "the article content/x.en.md".
    what: String,
    /// The file a user would change, where there is one.
    file: Option<PathBuf>,
    /// Whether a user wrote it (content or static) rather than brief generating it.
    written: bool,
    /// For static files: replacing an earlier layer is allowed.
    layered: bool,
}

fn page_source(site: &Site, page: &Page) -> Source {
    let generated = |what: String| Source {
        what,
        file: None,
        written: false,
        layered: false,
    };
    match page {
        Page::Article(i) => {
            let file = &site.articles[*i].file;
            Source {
                what: format!("the article {}", file.display()),
                file: Some(file.clone()),
                written: true,
                layered: false,
            }
        }
        Page::Section {
            lang,
            section,
            page,
            ..
        } => {
            let first = site
                .sections
                .get(lang)
                .and_then(|s| s.get(section))
                .and_then(|l| l.first())
                .map(|&i| site.articles[i].file.clone());
            let what = match page {
                1 => format!("the listing of section `{section}` (content/{section}/)"),
                n => format!("page {n} of the listing of section `{section}` (content/{section}/)"),
            };
            Source {
                what,
                file: first,
                written: false,
                layered: false,
            }
        }
        Page::Tag {
            lang, slug, page, ..
        } => {
            let (name, first) = site
                .tags
                .get(lang)
                .and_then(|t| t.get(slug))
                .map_or((slug.as_str(), None), |(name, list)| {
                    (name.as_str(), list.first().map(|&i| &site.articles[i].file))
                });
            let what = match page {
                1 => format!("the listing of tag `{name}`"),
                n => format!("page {n} of the listing of tag `{name}`"),
            };
            Source {
                what,
                file: first.cloned(),
                written: false,
                layered: false,
            }
        }
        Page::Entity { entity, .. } => Source {
            what: format!(
                "the page of entity `{}` ({})",
                site.registry.entities[*entity].id,
                crate::entities::registry::FILE
            ),
            file: Some(PathBuf::from(crate::entities::registry::FILE)),
            written: false,
            layered: false,
        },
        Page::Root => generated("the language chooser brief generates".into()),
        Page::NotFound => generated("the 404 page brief generates".into()),
        Page::Home(_) => generated("the home page brief generates".into()),
        Page::Tags(_) => generated("the tag index brief generates".into()),
        Page::Timeline(_) => generated("the timeline brief generates".into()),
        Page::TimelineYear { year, .. } => {
            generated(format!("the timeline of {year} brief generates"))
        }
        Page::Entities(_) => generated("the entity index brief generates".into()),
        Page::Search(_) => generated("the search page brief generates".into()),
    }
}

fn file_source(site: &Site, file: &File) -> Source {
    let root = site.root.as_path();
    let generated = |what: &str| Source {
        what: format!("the {what} brief generates"),
        file: None,
        written: false,
        layered: false,
    };
    match file {
        File::Asset(name) => Source {
            what: format!("the theme's {name}"),
            file: None,
            written: false,
            layered: true,
        },
        File::Static(path) => {
            let shown = crate::diagnostic::display_path(root, path);
            Source {
                what: format!("the static file {}", shown.display()),
                file: Some(shown),
                written: true,
                layered: true,
            }
        }
        File::Bundle(path) => {
            let shown = crate::diagnostic::display_path(root, path);
            Source {
                what: format!("the bundle file {}", shown.display()),
                file: Some(shown),
                written: true,
                layered: false,
            }
        }
        File::Resized { source, width } => {
            let shown = crate::diagnostic::display_path(root, source);
            Source {
                what: format!("the {width} px copy brief makes of {}", shown.display()),
                file: Some(shown),
                written: false,
                layered: false,
            }
        }
        File::Card(i) => {
            let file = &site.articles[*i].file;
            Source {
                what: format!("the social card brief draws for {}", file.display()),
                file: Some(file.clone()),
                written: false,
                layered: false,
            }
        }
        File::Nojekyll => generated(".nojekyll file"),
        File::Cname => generated("CNAME file (from `cname` in brief.yaml)"),
        File::Robots => generated("robots.txt"),
        File::Sitemap => generated("sitemap"),
        File::EntitiesJson => generated("entity data file"),
        File::Feed(_) => generated("Atom feed"),
        File::SearchBundle(_) => generated("search index (Pagefind)"),
        File::TimelineJson(_) => generated("timeline data file"),
        File::TimelineJs(_) => generated("TimelineJS export"),
        File::Redirect(redirect) => Source {
            what: crate::redirect::describe(redirect),
            file: redirect.alias.as_ref().map(|(file, _)| file.clone()),
            written: redirect.alias.is_some(),
            layered: false,
        },
    }
}

/// An error for every output path two sources ask for, and for every file whose
/// path another source needs as a directory (`ar/atom.xml` the feed and
/// `ar/atom.xml/index.html` a page). A static file replacing a theme asset or a
/// theme's static file is a deliberate override, not a collision.
fn collisions(site: &Site, plan: &Plan) -> Vec<Diagnostic> {
    let mut owners: BTreeMap<String, Source> = BTreeMap::new();
    let mut problems = Vec::new();
    let entries = plan
        .pages
        .iter()
        .map(|p| (p.file(site), page_source(site, p)))
        .chain(
            plan.files
                .iter()
                .map(|(path, f)| (path.clone(), file_source(site, f))),
        );
    for (path, source) in entries {
        match owners.get(&path) {
            Some(first) if !(first.layered && source.layered) => {
                problems.push(collision(&path, first, &source));
            }
            _ => {
                owners.insert(path, source);
            }
        }
    }
    // A file that stands where another path needs a directory.
    for (path, source) in &owners {
        let mut dir = path.as_str();
        while let Some((parent, _)) = dir.rsplit_once('/') {
            if let Some(first) = owners.get(parent) {
                problems.push(collision(path, first, source));
            }
            dir = parent;
        }
    }
    problems
}

fn collision(path: &str, first: &Source, second: &Source) -> Diagnostic {
    // The report goes to a file the user can change, a written one first.
    let (main, other) = if second.written || first.file.is_none() {
        (second, first)
    } else {
        (first, second)
    };
    let file = main
        .file
        .clone()
        .or_else(|| other.file.clone())
        .unwrap_or_else(|| PathBuf::from(crate::config::FILE));
    let alias = |s: &Source| s.what.starts_with("the alias ");
    let help = if alias(main) || alias(other) {
        "change or remove the alias: an old URL can lead to one page only, and never over a page"
    } else if main.written && main.file.as_ref().is_some_and(|f| f.starts_with("content")) {
        "rename the file, or give it another URL with `slug:` in its front matter"
    } else if main.written {
        "rename or move the static file"
    } else {
        "rename the directory, tag or entity id, so that its URL is not one brief generates"
    };
    Diagnostic::error(
        file,
        format!(
            "two sources write `{path}`: {} and {}",
            main.what, other.what
        ),
    )
    .help(help)
}

impl Page {
    /// The page's language; `None` for the root chooser and the 404 page, which
    /// serve every language.
    pub fn lang<'a>(&'a self, site: &'a Site) -> Option<&'a str> {
        match self {
            Page::Root | Page::NotFound => None,
            Page::Article(i) => Some(&site.articles[*i].lang),
            Page::Home(l)
            | Page::Tags(l)
            | Page::Timeline(l)
            | Page::Entities(l)
            | Page::Search(l) => Some(l),
            Page::Section { lang, .. }
            | Page::Tag { lang, .. }
            | Page::Entity { lang, .. }
            | Page::TimelineYear { lang, .. } => Some(lang),
        }
    }

    /// The page's language, or the default one for pages that serve every language.
    pub fn language<'s>(&self, site: &'s Site) -> &'s Language {
        self.lang(site)
            .and_then(|c| site.config.language(c))
            .unwrap_or_else(|| site.config.default_language())
    }

    /// The page's URL path below the base path (`ar/timeline/`); `None` for the 404
    /// page, which has no URL of its own.
    pub fn url_path(&self, site: &Site) -> Option<String> {
        Some(match self {
            Page::Root => String::new(),
            Page::NotFound => return None,
            Page::Home(l) => format!("{l}/"),
            Page::Article(i) => site.articles[*i].url_path(),
            Page::Section {
                lang,
                section,
                page,
                ..
            } => section_path(lang, section, *page),
            Page::Tags(l) => format!("{l}/tags/"),
            Page::Tag {
                lang, slug, page, ..
            } => tag_path(lang, slug, *page),
            Page::Timeline(l) => format!("{l}/timeline/"),
            Page::TimelineYear { lang, year } => format!("{lang}/timeline/{year}/"),
            Page::Entities(l) => format!("{l}/entities/"),
            Page::Entity { lang, entity } => site.registry.entities[*entity].url_path(lang),
            Page::Search(l) => format!("{l}/search/"),
        })
    }

    /// The file the page is written to.
    pub fn file(&self, site: &Site) -> String {
        match self.url_path(site) {
            Some(path) => format!("{path}index.html"),
            None => "404.html".to_string(),
        }
    }

    /// The same page in every language it exists in (itself included), in the
    /// configured language order.
    pub fn alternates(&self, site: &Site) -> Vec<(String, String)> {
        if site.config.languages.len() == 1 {
            return Vec::new();
        }
        let same_in = |f: &dyn Fn(&str) -> Option<Page>| -> Vec<(String, String)> {
            site.config
                .languages
                .iter()
                .filter_map(|l| {
                    f(&l.code)
                        .and_then(|p| p.url_path(site))
                        .map(|u| (l.code.clone(), u))
                })
                .collect()
        };
        match self {
            Page::NotFound => Vec::new(),
            // The chooser leads to every edition's home, as each home's x-default
            // leads back to it: hreflang links must be reciprocal.
            Page::Root | Page::Home(_) => same_in(&|l| Some(Page::Home(l.into()))),
            Page::Tags(_) => same_in(&|l| Some(Page::Tags(l.into()))),
            // The main pages pair with each other whatever year each shows, so a year
            // page pairs only with a year page: where its year is another language's
            // latest, that main page already names the main page here.
            Page::Timeline(_) => same_in(&|l| Some(Page::Timeline(l.into()))),
            Page::TimelineYear { year, .. } => same_in(&|l| {
                timeline_showing(site, l, *year)
                    .filter(|page| matches!(page, Page::TimelineYear { .. }))
            }),
            Page::Entities(_) => same_in(&|l| Some(Page::Entities(l.into()))),
            Page::Search(_) => same_in(&|l| Some(Page::Search(l.into()))),
            Page::Entity { entity, .. } => same_in(&|l| {
                Some(Page::Entity {
                    lang: l.into(),
                    entity: *entity,
                })
            }),
            Page::Section { section, page, .. } => same_in(&|l| {
                let count = site.sections.get(l)?.get(section)?.len();
                let pages = count.div_ceil(site.config.paginate);
                (*page <= pages).then(|| Page::Section {
                    lang: l.into(),
                    section: section.clone(),
                    page: *page,
                    pages,
                })
            }),
            Page::Tag {
                lang: own,
                slug,
                page,
                ..
            } => same_in(&|l| {
                let slug = if l == own {
                    slug.clone()
                } else {
                    site.tag_pairs
                        .get_or_init(|| tag_pairs(site))
                        .get(&(own.clone(), slug.clone(), l.to_string()))?
                        .clone()
                };
                let count = site.tags.get(l)?.get(&slug)?.1.len();
                let pages = count.div_ceil(site.config.paginate).max(1);
                (*page <= pages).then(|| Page::Tag {
                    lang: l.into(),
                    slug,
                    page: *page,
                    pages,
                })
            }),
            Page::Article(i) => match site.editions(*i) {
                Some(editions) => site
                    .config
                    .languages
                    .iter()
                    .filter_map(|l| {
                        editions
                            .get(&l.code)
                            .map(|&j| (l.code.clone(), site.articles[j].url_path()))
                    })
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    /// Where the language switcher leads in each language: the alternates, except
    /// that a year page leads to the page showing that year even when it is the
    /// other language's main timeline page (which is not its `hreflang` alternate).
    pub fn counterparts(&self, site: &Site) -> Vec<(String, String)> {
        match self {
            Page::TimelineYear { year, .. } => (site.config.languages.iter())
                .filter_map(|l| {
                    let page = timeline_showing(site, &l.code, *year)?;
                    Some((l.code.clone(), page.url_path(site)?))
                })
                .collect(),
            _ => self.alternates(site),
        }
    }

    /// The URL for readers whose language matches none: the language chooser for
    /// pages every language has, the default language's edition for articles.
    pub fn x_default(&self, site: &Site) -> Option<String> {
        if site.config.languages.len() == 1 {
            return None;
        }
        match self {
            Page::NotFound | Page::Tag { .. } => None,
            Page::Article(_) | Page::Section { .. } => {
                self.alternates(site).into_iter().next().map(|(_, u)| u)
            }
            Page::Home(_) | Page::Root => Some(String::new()),
            other => {
                let default = &site.config.default_language().code;
                other
                    .alternates(site)
                    .into_iter()
                    .find(|(l, _)| l == default)
                    .map(|(_, u)| u)
            }
        }
    }

    /// For the sitemap: when the page last changed, where that is known. A date stays
    /// a day (`2025-02-12`); a timestamp is written with its offset, the site's
    /// `timezone` where the front matter gave none.
    pub fn lastmod(&self, site: &Site) -> Option<String> {
        match self {
            Page::Article(i) => {
                let front = &site.articles[*i].front;
                let changed = front.updated.as_ref().unwrap_or(&front.date);
                Some(match changed.precision() {
                    crate::text::dates::Precision::Time => {
                        changed.to_rfc3339(&site.config.timezone)
                    }
                    _ => changed.date_string(),
                })
            }
            _ => None,
        }
    }
}

/// The timeline page of language `lang` that shows `year`: the main page where it
/// is the latest year with items, else the year's own page; `None` without items in
/// that year.
fn timeline_showing(site: &Site, lang: &str, year: i16) -> Option<Page> {
    let years = crate::timeline::years(site.timelines.get(lang)?);
    match years.iter().position(|&y| y == year)? {
        0 => Some(Page::Timeline(lang.into())),
        _ => Some(Page::TimelineYear {
            lang: lang.into(),
            year,
        }),
    }
}

/// Every tag's translation into every other language, by [`tag_translation`]. Tag
/// pages ask for it once per language per page; working it out once keeps a site
/// with long tag listings from scanning each tag's briefings again for every page.
pub(crate) fn tag_pairs(site: &Site) -> crate::site::TagPairs {
    use rayon::prelude::*;
    // In parallel only when not called from a loop of rayon's: a thread waiting in a
    // split here would take on other pages, and one of them could ask for the pairs
    // while they are being made (the `OnceLock` would not have it).
    let piece = match rayon::current_thread_index() {
        Some(_) => usize::MAX,
        None => 1,
    };
    // Each briefing's tags as slugs, made once (not once per tag it has).
    let slugs: Vec<Vec<String>> = site
        .articles
        .par_iter()
        .with_min_len(piece)
        .map(|a| {
            a.front
                .tags
                .iter()
                .map(|t| crate::text::slug::slugify(t))
                .collect()
        })
        .collect();
    let asked: Vec<(&String, &String, &String)> = site
        .tags
        .iter()
        .flat_map(|(lang, tags)| tags.keys().map(move |slug| (lang, slug)))
        .flat_map(|(lang, slug)| {
            (site.config.languages.iter())
                .filter(move |l| &l.code != lang)
                .map(move |other| (lang, slug, &other.code))
        })
        .collect();
    asked
        .into_par_iter()
        .with_min_len(piece)
        .filter_map(|(lang, slug, other)| {
            let there = tag_translation(site, &slugs, lang, slug, other)?;
            Some(((lang.clone(), slug.clone(), other.clone()), there))
        })
        .collect()
}

/// The tag of language `other` that tag `slug` of language `lang` translates, read
/// from the briefings: editions list their tags in the same order, so a tag and the
/// tag at its place in every other-language edition are one tag. Only a pairing that
/// holds both ways on every translated briefing counts: a tag on a briefing without
/// an `other` edition, or one whose editions disagree, has no translation (and its
/// page no `hreflang` alternate), rather than a guessed one.
/// `slugs` are each briefing's tags as slugs.
fn tag_translation(
    site: &Site,
    slugs: &[Vec<String>],
    lang: &str,
    slug: &str,
    other: &str,
) -> Option<String> {
    let one_way = |lang: &str, slug: &str, other: &str| -> Option<String> {
        let (_, articles) = site.tags.get(lang)?.get(slug)?;
        let mut found: Option<&String> = None;
        for &i in articles {
            let j = *site.editions(i)?.get(other)?;
            let (mine, theirs) = (&slugs[i], &slugs[j]);
            if mine.len() != theirs.len() {
                return None;
            }
            let at = mine.iter().position(|t| t == slug)?;
            let candidate = &theirs[at];
            match found {
                Some(f) if f != candidate => return None,
                _ => found = Some(candidate),
            }
        }
        found.cloned()
    };
    let there = one_way(lang, slug, other)?;
    (one_way(other, &there, lang)? == slug).then_some(there)
}

/// Page `page` of a section's listing: `ar/briefings/`, `ar/briefings/page/2/`.
pub fn section_path(lang: &str, section: &str, page: usize) -> String {
    paged(format!("{lang}/{section}/"), page)
}

/// Page `page` of a tag's listing: `ar/tags/سوريا/`, `ar/tags/سوريا/page/2/`.
pub fn tag_path(lang: &str, slug: &str, page: usize) -> String {
    paged(format!("{lang}/tags/{slug}/"), page)
}
