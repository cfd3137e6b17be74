//! The site's pages: which exist ([`plan`]), where each is written, its translations,
//! and the Tera context it is rendered with ([`context`]). Sorting, grouping and
//! counting happen here, so templates only present.

use serde::Serialize;
use serde_json::{Value, json};
use tera::{Context, Value as TeraValue};

use crate::config::Language;
use crate::render::i18n::Bundle;
use crate::site::Site;
use crate::text::dates::{self, PartialDate};
use crate::timeline::{Item, ItemKind};

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
    Timeline(String),
    Entities(String),
    Entity {
        lang: String,
        entity: usize,
    },
    Search(String),
}

/// Every page of the site, in a stable order.
pub fn plan(site: &Site) -> Vec<Page> {
    let per_page = site.config.paginate;
    let mut pages = vec![Page::Root, Page::NotFound];
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
        pages.push(Page::Entities(code.clone()));
        for entity in 0..site.registry.entities.len() {
            pages.push(Page::Entity {
                lang: code.clone(),
                entity,
            });
        }
        pages.push(Page::Search(code.clone()));
    }
    pages.extend((0..site.articles.len()).map(Page::Article));
    pages
}

fn paged(base: String, page: usize) -> String {
    if page <= 1 {
        base
    } else {
        format!("{base}page/{page}/")
    }
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
            Page::Section { lang, .. } | Page::Tag { lang, .. } | Page::Entity { lang, .. } => {
                Some(lang)
            }
        }
    }

    fn language<'s>(&self, site: &'s Site) -> &'s Language {
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
            Page::Article(i) => format!("{}/{}", site.articles[*i].lang, site.articles[*i].path),
            Page::Section {
                lang,
                section,
                page,
                ..
            } => paged(format!("{lang}/{section}/"), *page),
            Page::Tags(l) => format!("{l}/tags/"),
            Page::Tag {
                lang, slug, page, ..
            } => paged(format!("{lang}/tags/{slug}/"), *page),
            Page::Timeline(l) => format!("{l}/timeline/"),
            Page::Entities(l) => format!("{l}/entities/"),
            Page::Entity { lang, entity } => site.entity_path(lang, *entity),
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
            Page::Root | Page::NotFound => Vec::new(),
            Page::Home(_) => same_in(&|l| Some(Page::Home(l.into()))),
            Page::Tags(_) => same_in(&|l| Some(Page::Tags(l.into()))),
            Page::Timeline(_) => same_in(&|l| Some(Page::Timeline(l.into()))),
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
            Page::Tag { lang, .. } => self
                .url_path(site)
                .map(|u| vec![(lang.clone(), u)])
                .unwrap_or_default(),
            Page::Article(i) => match site.editions(*i) {
                Some(editions) => site
                    .config
                    .languages
                    .iter()
                    .filter_map(|l| {
                        editions.get(&l.code).map(|&j| {
                            (
                                l.code.clone(),
                                format!("{}/{}", l.code, site.articles[j].path),
                            )
                        })
                    })
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    /// The URL for readers whose language matches none: the language chooser for
    /// pages every language has, the default language's edition for articles.
    pub fn x_default(&self, site: &Site) -> Option<String> {
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

    /// For the sitemap: when the page last changed, where that is known.
    pub fn lastmod(&self, site: &Site) -> Option<String> {
        match self {
            Page::Article(i) => {
                let front = &site.articles[*i].front;
                Some(front.updated.as_ref().unwrap_or(&front.date).date_string())
            }
            _ => None,
        }
    }
}

/// Values many pages share, computed once per build: each language's strings and
/// site data, every article's card, every entity's chip, every timeline item. Tera
/// values share their arrays and maps, so pages clone them for the price of a
/// reference count instead of serializing them again.
pub struct Shared {
    langs: std::collections::HashMap<String, LangShared>,
    /// Per article, its card in its own language.
    cards: Vec<TeraValue>,
}

struct LangShared {
    bundle: Bundle,
    lang: TeraValue,
    site: TeraValue,
    t: TeraValue,
    /// Per entity.
    chips: Vec<TeraValue>,
    /// Per item of this language's timeline.
    items: Vec<TeraValue>,
    /// Per entity, the indices of the timeline events that name it.
    entity_items: Vec<Vec<usize>>,
}

pub fn prepare(site: &Site) -> Shared {
    use rayon::prelude::*;
    let langs = site
        .config
        .languages
        .iter()
        .map(|lang| {
            let code = &lang.code;
            let bundle = bundle(site, lang);
            let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
            let mut entity_items = vec![Vec::new(); site.registry.entities.len()];
            for (i, item) in items.iter().enumerate().filter(|(_, i)| i.kind == ItemKind::Event) {
                for &e in &item.entities {
                    if let Some(list) = entity_items.get_mut(e) {
                        list.push(i);
                    }
                }
            }
            let chips: Vec<TeraValue> = (0..site.registry.entities.len())
                .map(|e| tera_value(&entity_chip(site, e, lang)))
                .collect();
            let items = items
                .par_iter()
                .map(|item| timeline_item(site, item, lang, &chips))
                .collect();
            let shared = LangShared {
                lang: tera_value(&json!({"code": code, "name": lang.name, "dir": lang.dir.as_str(), "locale": lang.locale})),
                site: tera_value(&site_value(site, code)),
                t: tera_value(&bundle.plain()),
                chips,
                items,
                entity_items,
                bundle,
            };
            (code.clone(), shared)
        })
        .collect();
    let cards = (0..site.articles.len())
        .into_par_iter()
        .map(|i| {
            let lang = site
                .config
                .language(&site.articles[i].lang)
                .unwrap_or_else(|| site.config.default_language());
            tera_value(&card(site, i, lang))
        })
        .collect();
    Shared { langs, cards }
}

fn tera_value<T: Serialize + ?Sized>(value: &T) -> TeraValue {
    TeraValue::from_serializable(value)
}

fn site_value(site: &Site, code: &str) -> Value {
    json!({
        "title": site.config.title(code),
        "description": site.config.description(code),
        "base_url": site.config.base_url,
        "base_path": site.config.base_path,
        "root_url": site.url(""),
        "css_url": site.url("assets/style.css"),
        "urls": {
            "home": site.url(&format!("{code}/")),
            "timeline": site.url(&format!("{code}/timeline/")),
            "entities": site.url(&format!("{code}/entities/")),
            "tags": site.url(&format!("{code}/tags/")),
            "search": site.url(&format!("{code}/search/")),
            "feed": site.url(&format!("{code}/atom.xml")),
        },
        "languages": site.config.languages.iter().map(|l| json!({"code": l.code, "name": l.name, "dir": l.dir.as_str(), "url": site.url(&format!("{}/", l.code))})).collect::<Vec<_>>(),
    })
}

impl Shared {
    fn lang(&self, code: &str) -> Option<&LangShared> {
        self.langs.get(code)
    }

    fn cards(&self, list: &[usize]) -> TeraValue {
        TeraValue::from(
            list.iter()
                .filter_map(|&i| self.cards.get(i).cloned())
                .collect::<Vec<_>>(),
        )
    }
}

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

/// The context a page is rendered with: its file, its template, and the data.
pub fn context(site: &Site, shared: &Shared, page: &Page) -> (String, &'static str, Context) {
    let lang = page.language(site);
    let fallback;
    let shared_lang = shared.lang(&lang.code);
    let bundle = match shared_lang {
        Some(l) => &l.bundle,
        None => {
            fallback = bundle(site, lang);
            &fallback
        }
    };
    let mut ctx = Context::new();
    let (template, title) = match page {
        Page::Root => ("root.html", site.config.title(&lang.code).to_string()),
        Page::NotFound => ("404.html", bundle.get("not_found")),
        Page::Home(_) => ("home.html", site.config.title(&lang.code).to_string()),
        Page::Article(i) => ("article.html", site.articles[*i].front.title.clone()),
        Page::Section {
            section, page: n, ..
        } => (
            "list.html",
            with_page(bundle, section_title(bundle, section), *n, lang),
        ),
        Page::Tags(_) => ("tags.html", bundle.get("tags")),
        Page::Tag {
            lang: l,
            slug,
            page: n,
            ..
        } => {
            let name = site
                .tags
                .get(l)
                .and_then(|t| t.get(slug))
                .map_or_else(|| slug.clone(), |(name, _)| name.clone());
            ("list.html", with_page(bundle, name, *n, lang))
        }
        Page::Timeline(_) => ("timeline.html", bundle.get("timeline")),
        Page::Entities(_) => ("entities.html", bundle.get("entities")),
        Page::Entity { entity, .. } => (
            "entity.html",
            site.registry.entities[*entity].name(&lang.code).to_string(),
        ),
        Page::Search(_) => ("search.html", bundle.get("search")),
    };
    insert_common(site, shared_lang, page, lang, bundle, &title, &mut ctx);
    match page {
        Page::Root => {
            let choices: Vec<Value> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    json!({"code": l.code, "name": l.name, "dir": l.dir.as_str(), "url": site.url(&format!("{}/", l.code)),
                           "title": site.config.title(&l.code), "description": site.config.description(&l.code)})
                })
                .collect();
            ctx.insert("choices", &choices);
        }
        Page::NotFound => {
            let editions: Vec<Value> = site
                .config
                .languages
                .iter()
                .map(|l| {
                    let b = self::bundle(site, l);
                    json!({"code": l.code, "name": l.name, "dir": l.dir.as_str(), "url": site.url(&format!("{}/", l.code)),
                           "title": b.get("not_found"), "text": b.get("not_found_text"), "home": b.get("home")})
                })
                .collect();
            ctx.insert("editions", &editions);
        }
        Page::Home(code) => {
            let list: Vec<usize> = site
                .articles_in(code)
                .into_iter()
                .take(site.config.paginate)
                .collect();
            ctx.insert_value("articles", shared.cards(&list));
            let sections: Vec<Link> = site
                .sections
                .get(code)
                .into_iter()
                .flatten()
                .filter(|(s, _)| !s.is_empty())
                .map(|(s, _)| Link {
                    title: section_title(bundle, s),
                    url: site.url(&format!("{code}/{s}/")),
                })
                .collect();
            ctx.insert("sections", &sections);
        }
        Page::Article(i) => article_context(site, shared_lang, *i, lang, bundle, &mut ctx),
        Page::Section {
            lang: code,
            section,
            page: n,
            pages,
        } => {
            let list = site
                .sections
                .get(code)
                .and_then(|s| s.get(section))
                .map_or(&[][..], Vec::as_slice);
            list_context(
                site,
                shared,
                list,
                *n,
                *pages,
                &format!("{code}/{section}/"),
                lang,
                bundle,
                &mut ctx,
            );
        }
        Page::Tag {
            lang: code,
            slug,
            page: n,
            pages,
        } => {
            let list = site
                .tags
                .get(code)
                .and_then(|t| t.get(slug))
                .map_or(&[][..], |(_, l)| l.as_slice());
            list_context(
                site,
                shared,
                list,
                *n,
                *pages,
                &format!("{code}/tags/{slug}/"),
                lang,
                bundle,
                &mut ctx,
            );
        }
        Page::Tags(code) => {
            let mut tags: Vec<(&String, &String, usize)> = site
                .tags
                .get(code)
                .into_iter()
                .flatten()
                .map(|(slug, (name, list))| (slug, name, list.len()))
                .collect();
            let sorter = crate::entities::index::Sorter::new(code);
            tags.sort_by(|a, b| sorter.compare(a.1, b.1));
            let tags: Vec<Value> = tags
                .into_iter()
                .map(|(slug, name, n)| json!({"name": name, "url": site.url(&format!("{code}/tags/{slug}/")), "count": bundle.plural("briefings_count", n as u64)}))
                .collect();
            ctx.insert("tags", &tags);
        }
        Page::Timeline(code) => {
            let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
            let all: Vec<usize> = (0..items.len()).collect();
            if let Some(shared) = shared_lang {
                ctx.insert_value("years", timeline_groups(shared, items, &all, lang));
            }
            ctx.insert(
                "count",
                &bundle.plural(
                    "events_count",
                    items.iter().filter(|i| i.kind == ItemKind::Event).count() as u64,
                ),
            );
        }
        Page::Entities(code) => entities_context(site, code, lang, bundle, &mut ctx),
        Page::Entity { entity, .. } => {
            if let Some(shared_lang) = shared_lang {
                entity_context(site, shared, shared_lang, *entity, lang, bundle, &mut ctx);
            }
        }
        Page::Search(code) => {
            ctx.insert("index_url", &site.url(&format!("{code}/search.json")));
        }
    }
    (page.file(site), template, ctx)
}

pub fn bundle(site: &Site, lang: &Language) -> Bundle {
    Bundle::new(&lang.code, lang.digits, site.config.strings.get(&lang.code))
}

fn section_title(bundle: &Bundle, section: &str) -> String {
    let key = format!("section.{section}");
    if bundle.has(&key) {
        bundle.get(&key)
    } else {
        section.to_string()
    }
}

fn with_page(bundle: &Bundle, title: String, page: usize, lang: &Language) -> String {
    if page <= 1 {
        title
    } else {
        let n = crate::text::digits::localize(&page.to_string(), lang.digits);
        format!("{title} – {}", bundle.format("page_n", &[("n", &n)]))
    }
}

/// What every page has: language, site, strings, and the page's own URLs, its
/// translations and the language switcher.
fn insert_common(
    site: &Site,
    shared: Option<&LangShared>,
    page: &Page,
    lang: &Language,
    bundle: &Bundle,
    title: &str,
    ctx: &mut Context,
) {
    let url_path = page.url_path(site);
    let alternates = page.alternates(site);
    let switch: Vec<TeraValue> = site
        .config
        .languages
        .iter()
        .filter(|l| l.code != lang.code)
        .map(|other| {
            let target_name = {
                let key = format!("language.{}", other.code);
                if bundle.has(&key) {
                    bundle.get(&key)
                } else {
                    other.name.clone()
                }
            };
            let common = [
                ("code", other.code.as_str().into()),
                ("name", other.name.as_str().into()),
                ("dir", other.dir.as_str().into()),
            ];
            let own: Vec<(&'static str, TeraValue)> =
                match alternates.iter().find(|(l, _)| *l == other.code) {
                    Some((_, path)) => vec![
                        ("url", site.url(path).into()),
                        ("missing", false.into()),
                        (
                            "label",
                            bundle.format("read_in", &[("lang", &target_name)]).into(),
                        ),
                    ],
                    None => vec![
                        ("url", site.url(&format!("{}/", other.code)).into()),
                        ("missing", true.into()),
                        (
                            "label",
                            bundle
                                .format("go_to_edition", &[("lang", &target_name)])
                                .into(),
                        ),
                        (
                            "note",
                            bundle
                                .format("translation_missing", &[("lang", &target_name)])
                                .into(),
                        ),
                    ],
                };
            TeraValue::from(
                common
                    .into_iter()
                    .chain(own)
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
        })
        .collect();
    let alternate_links: Vec<TeraValue> = alternates
        .iter()
        .map(|(l, path)| {
            map([
                ("hreflang", l.as_str().into()),
                ("href", site.permalink(path).into()),
            ])
        })
        .collect();
    let locale_alternates: Vec<TeraValue> = alternates
        .iter()
        .filter(|(l, _)| *l != lang.code)
        .filter_map(|(l, _)| site.config.language(l).map(|l| l.locale.as_str().into()))
        .collect();
    let description = match page {
        Page::Article(i) => site.articles[*i].front.summary.clone().unwrap_or_default(),
        _ => site.config.description(&lang.code).to_string(),
    };
    match shared {
        Some(shared) => {
            ctx.insert_value("lang", shared.lang.clone());
            ctx.insert_value("site", shared.site.clone());
            ctx.insert_value("t", shared.t.clone());
        }
        None => {
            let code = &lang.code;
            ctx.insert("lang", &json!({"code": code, "name": lang.name, "dir": lang.dir.as_str(), "locale": lang.locale}));
            ctx.insert("site", &site_value(site, code));
            ctx.insert("t", &bundle.plain());
        }
    }
    ctx.insert_value(
        "page",
        map([
            ("kind", kind_name(page).into()),
            ("title", title.into()),
            ("description", description.into()),
            ("url", url_path.as_ref().map(|p| site.url(p)).into()),
            (
                "permalink",
                url_path.as_ref().map(|p| site.permalink(p)).into(),
            ),
            ("alternates", alternate_links.into()),
            (
                "x_default",
                page.x_default(site).map(|p| site.permalink(&p)).into(),
            ),
            ("switch", switch.into()),
            (
                "og_type",
                if matches!(page, Page::Article(_)) {
                    "article"
                } else {
                    "website"
                }
                .into(),
            ),
            ("locale_alternates", locale_alternates.into()),
        ]),
    );
}

fn kind_name(page: &Page) -> &'static str {
    match page {
        Page::Root => "root",
        Page::NotFound => "404",
        Page::Home(_) => "home",
        Page::Article(_) => "article",
        Page::Section { .. } => "section",
        Page::Tags(_) => "tags",
        Page::Tag { .. } => "tag",
        Page::Timeline(_) => "timeline",
        Page::Entities(_) => "entities",
        Page::Entity { .. } => "entity",
        Page::Search(_) => "search",
    }
}

fn format_date(date: &PartialDate, lang: &Language) -> String {
    dates::format(date, lang.date_style, lang.digits)
}

fn card(site: &Site, i: usize, lang: &Language) -> Value {
    let article = &site.articles[i];
    json!({
        "title": article.front.title,
        "url": site.url(&format!("{}/{}", article.lang, article.path)),
        "date": format_date(&article.front.date, lang),
        "datetime": article.front.date.as_written(),
        "summary": article.front.summary.clone().unwrap_or_default(),
    })
}

#[allow(clippy::too_many_arguments)]
fn list_context(
    site: &Site,
    shared: &Shared,
    list: &[usize],
    page: usize,
    pages: usize,
    base: &str,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut Context,
) {
    let per_page = site.config.paginate;
    let slice: Vec<usize> = list
        .iter()
        .copied()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    ctx.insert_value("articles", shared.cards(&slice));
    ctx.insert(
        "count",
        &bundle.plural("briefings_count", list.len() as u64),
    );
    let url = |n: usize| site.url(&paged(base.to_string(), n));
    let numbers: Vec<Value> = page_window(page, pages)
        .into_iter()
        .map(|n| match n {
            Some(n) => json!({"n": crate::text::digits::localize(&n.to_string(), lang.digits), "url": url(n), "current": n == page, "gap": false}),
            None => json!({"gap": true, "current": false}),
        })
        .collect();
    ctx.insert(
        "pagination",
        &json!({
            "page": page,
            "pages": pages,
            "newer": (page > 1).then(|| url(page - 1)),
            "older": (page < pages).then(|| url(page + 1)),
            "numbers": numbers,
        }),
    );
}

/// The page numbers a listing links to: the first and last, and two on each side of
/// the current one; `None` marks a gap. A listing of 500 pages links to 7 numbers, not
/// 500, so each page stays small and the whole listing costs linear time to build.
fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    const AROUND: usize = 2;
    let low = page.saturating_sub(AROUND).max(1);
    let high = (page + AROUND).min(pages);
    let mut window = Vec::new();
    if low > 1 {
        window.push(Some(1));
    }
    // A gap of one page shows that page rather than an ellipsis.
    if low > 2 {
        window.push((low == 3).then_some(2));
    }
    window.extend((low..=high).map(Some));
    if high + 1 < pages {
        window.push((high + 2 == pages).then_some(high + 1));
    }
    if high < pages {
        window.push(Some(pages));
    }
    window
}

fn entity_chip(site: &Site, entity: usize, lang: &Language) -> Value {
    let e = &site.registry.entities[entity];
    json!({"id": e.id, "name": e.name(&lang.code), "kind": e.kind, "url": site.url(&site.entity_path(&lang.code, entity))})
}

fn article_context(
    site: &Site,
    shared: Option<&LangShared>,
    i: usize,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut Context,
) {
    let article = &site.articles[i];
    let front = &article.front;
    let refs = &site.refs[i];
    let mut entities: Vec<(usize, u32)> = refs.iter().map(|(&e, r)| (e, r.count)).collect();
    entities.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let chip = |e: usize| match shared.and_then(|s| s.chips.get(e)) {
        Some(chip) => chip.clone(),
        None => tera_value(&entity_chip(site, e, lang)),
    };
    let tags: Vec<TeraValue> = front
        .tags
        .iter()
        .map(|t| {
            let url = site.url(&format!(
                "{}/tags/{}/",
                article.lang,
                crate::text::slug::slugify(t)
            ));
            map([("title", t.as_str().into()), ("url", url.into())])
        })
        .collect();
    let events: Vec<TeraValue> = front
        .events
        .iter()
        .map(|e| {
            map([
                ("date", format_date(&e.date, lang).into()),
                ("datetime", e.date.as_written().into()),
                (
                    "html",
                    crate::markdown::inline(&e.text, lang.dir, &site.config.base_path).into(),
                ),
            ])
        })
        .collect();
    let image = front.image.as_ref().map(|img| {
        if img.starts_with('/') {
            site.url(img.trim_start_matches('/'))
        } else {
            img.clone()
        }
    });
    let section_url = (!article.section.is_empty())
        .then(|| site.url(&format!("{}/{}/", article.lang, article.section)));
    let value = map([
        ("title", front.title.as_str().into()),
        (
            "summary",
            front.summary.as_deref().unwrap_or_default().into(),
        ),
        ("date", format_date(&front.date, lang).into()),
        ("datetime", front.date.as_written().into()),
        (
            "updated",
            front.updated.as_ref().map(|u| format_date(u, lang)).into(),
        ),
        (
            "updated_datetime",
            front.updated.as_ref().map(PartialDate::as_written).into(),
        ),
        ("html", site.rendered[i].html.as_str().into()),
        ("tags", tags.into()),
        ("authors", tera_value(&front.authors)),
        ("sources", tera_value(&front.sources)),
        ("image", image.into()),
        (
            "entities",
            entities
                .iter()
                .map(|&(e, _)| chip(e))
                .collect::<Vec<_>>()
                .into(),
        ),
        ("events", events.into()),
        ("section", section_title(bundle, &article.section).into()),
        ("section_url", section_url.into()),
    ]);
    ctx.insert_value("article", value);
    ctx.insert_value("jsonld", json_ld(site, i, lang).into());
}

/// A Tera map from its fields, built directly rather than through serde.
fn map<const N: usize>(fields: [(&'static str, TeraValue); N]) -> TeraValue {
    TeraValue::from(std::collections::BTreeMap::from(fields))
}

/// schema.org `NewsArticle`, with `about` (entities named in front matter) and
/// `mentions` (entities found only in the text), linked to Wikidata. Serialized from
/// borrowed structs, keys in sorted order.
fn json_ld(site: &Site, i: usize, lang: &Language) -> String {
    #[derive(Serialize)]
    struct NewsArticle<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        about: Vec<Thing<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        author: Vec<Thing<'a>>,
        #[serde(rename = "dateModified")]
        date_modified: String,
        #[serde(rename = "datePublished")]
        date_published: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        headline: &'a str,
        #[serde(rename = "inLanguage")]
        in_language: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        keywords: Option<String>,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<Thing<'a>>,
        publisher: Thing<'a>,
        url: &'a str,
    }
    #[derive(Serialize)]
    struct Thing<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
        same_as: Option<String>,
    }

    let article = &site.articles[i];
    let front = &article.front;
    let permalink = site.permalink(&format!("{}/{}", article.lang, article.path));
    let thing = |e: usize| {
        let entity = &site.registry.entities[e];
        Thing {
            kind: match entity.kind.as_str() {
                "person" => "Person",
                "organization" => "Organization",
                "place" => "Place",
                _ => "Thing",
            },
            name: entity.name(&lang.code),
            same_as: entity
                .wikidata
                .as_ref()
                .map(|q| format!("https://www.wikidata.org/wiki/{q}")),
        }
    };
    let refs = &site.refs[i];
    let value = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        about: refs
            .iter()
            .filter(|(_, r)| r.front_matter)
            .map(|(&e, _)| thing(e))
            .collect(),
        author: front
            .authors
            .iter()
            .map(|a| Thing {
                kind: "Person",
                name: a,
                same_as: None,
            })
            .collect(),
        date_modified: front.updated.as_ref().unwrap_or(&front.date).to_rfc3339(),
        date_published: front.date.to_rfc3339(),
        description: front.summary.as_deref(),
        headline: &front.title,
        in_language: &lang.code,
        keywords: (!front.tags.is_empty()).then(|| front.tags.join(", ")),
        main_entity_of_page: &permalink,
        mentions: refs
            .iter()
            .filter(|(_, r)| !r.front_matter)
            .map(|(&e, _)| thing(e))
            .collect(),
        publisher: Thing {
            kind: "Organization",
            name: site.config.title(&lang.code),
            same_as: None,
        },
        url: &permalink,
    };
    // `</script>` inside a string must not end the script element.
    serde_json::to_string(&value)
        .unwrap_or_default()
        .replace("</", "<\\/")
}

/// Timeline items (indices into `items`, in order) grouped by year and month for
/// display, from the prepared item values.
fn timeline_groups(
    shared: &LangShared,
    items: &[Item],
    selected: &[usize],
    lang: &Language,
) -> TeraValue {
    let groups = crate::timeline::group(
        selected
            .iter()
            .filter_map(|&i| items.get(i).map(|item| &item.date)),
    );
    let years: Vec<TeraValue> = groups
        .into_iter()
        .map(|(year, months)| {
            let year_date = PartialDate::parse(&format!("{year:04}")).ok();
            let months: Vec<TeraValue> = months
                .into_iter()
                .map(|(month, list)| {
                    let heading = month
                        .and_then(|m| PartialDate::parse(&format!("{year:04}-{m:02}")).ok())
                        .map(|d| format_date(&d, lang));
                    let values: Vec<TeraValue> = list
                        .into_iter()
                        .filter_map(|p| shared.items.get(selected[p]).cloned())
                        .collect();
                    let map: std::collections::BTreeMap<&'static str, TeraValue> = [
                        ("heading", TeraValue::from(heading)),
                        (
                            "id",
                            TeraValue::from(month.map(|m| format!("{year:04}-{m:02}"))),
                        ),
                        ("items", TeraValue::from(values)),
                    ]
                    .into_iter()
                    .collect();
                    TeraValue::from(map)
                })
                .collect();
            let map: std::collections::BTreeMap<&'static str, TeraValue> = [
                (
                    "year",
                    TeraValue::from(
                        year_date.map_or_else(|| year.to_string(), |d| format_date(&d, lang)),
                    ),
                ),
                ("id", TeraValue::from(format!("{year:04}"))),
                ("months", TeraValue::from(months)),
            ]
            .into_iter()
            .collect();
            TeraValue::from(map)
        })
        .collect();
    TeraValue::from(years)
}

/// One timeline item as a Tera value; `chips` are the language's entity chips.
fn timeline_item(site: &Site, item: &Item, lang: &Language, chips: &[TeraValue]) -> TeraValue {
    let url = |a: usize| {
        site.url(&format!(
            "{}/{}",
            site.articles[a].lang, site.articles[a].path
        ))
    };
    let (html, url, reports) = match item.kind {
        ItemKind::Event => {
            let reports: Vec<TeraValue> = item
                .articles
                .iter()
                .map(|&a| {
                    map([
                        ("title", site.articles[a].front.title.as_str().into()),
                        ("url", url(a).into()),
                    ])
                })
                .collect();
            let html = crate::markdown::inline(&item.text, lang.dir, &site.config.base_path);
            (html, None, reports)
        }
        ItemKind::Briefing => {
            let mut html = String::new();
            crate::markdown::escape_into(&item.text, &mut html);
            (html, item.articles.first().map(|&a| url(a)), Vec::new())
        }
    };
    map([
        ("kind", item.kind.as_str().into()),
        ("date", format_date(&item.date, lang).into()),
        ("datetime", item.date.as_written().into()),
        ("precision", item.date.precision().as_str().into()),
        ("html", html.into()),
        ("url", url.into()),
        ("reports", reports.into()),
        (
            "entities",
            item.entities
                .iter()
                .filter_map(|&e| chips.get(e).cloned())
                .collect::<Vec<_>>()
                .into(),
        ),
    ])
}

/// Entity kinds in display order: the built-in ones, then those the site declares.
pub fn kinds(site: &Site) -> Vec<String> {
    crate::entities::registry::BUILTIN_KINDS
        .iter()
        .map(|k| k.to_string())
        .chain(site.config.kinds.keys().cloned())
        .collect()
}

fn kind_title(site: &Site, bundle: &Bundle, kind: &str, lang: &str) -> String {
    if let Some(title) = site.config.kinds.get(kind).and_then(|k| k.get(lang)) {
        return title.clone();
    }
    let key = format!("kind.{kind}");
    if bundle.has(&key) {
        bundle.get(&key)
    } else {
        kind.to_string()
    }
}

fn entities_context(site: &Site, code: &str, lang: &Language, bundle: &Bundle, ctx: &mut Context) {
    let sorter = crate::entities::index::Sorter::new(code);
    let groups: Vec<Value> = kinds(site)
        .iter()
        .filter_map(|kind| {
            let mut members: Vec<usize> = (0..site.registry.entities.len()).filter(|&e| &site.registry.entities[e].kind == kind).collect();
            if members.is_empty() {
                return None;
            }
            members.sort_by(|&a, &b| sorter.compare(site.registry.entities[a].name(code), site.registry.entities[b].name(code)));
            let entities: Vec<Value> = members
                .into_iter()
                .map(|e| {
                    let n = site.index.articles[e].iter().filter(|(a, _)| site.articles[*a].lang == code).count();
                    let mut chip = entity_chip(site, e, lang);
                    chip["count"] = json!(bundle.plural("briefings_count", n as u64));
                    chip
                })
                .collect();
            Some(json!({"kind": kind, "title": kind_title(site, bundle, kind, code), "entities": entities}))
        })
        .collect();
    ctx.insert("groups", &groups);
}

fn entity_context(
    site: &Site,
    shared: &Shared,
    shared_lang: &LangShared,
    e: usize,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut Context,
) {
    let entity = &site.registry.entities[e];
    let code = &lang.code;
    let names: Vec<TeraValue> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            entity
                .names
                .get(&l.code)
                .filter(|n| !n.is_empty())
                .map(|n| {
                    map([
                        ("code", l.code.as_str().into()),
                        ("language", l.name.as_str().into()),
                        ("dir", l.dir.as_str().into()),
                        ("names", tera_value(n)),
                    ])
                })
        })
        .collect();
    let description = entity
        .description
        .get(code)
        .map(|d| {
            let options = crate::markdown::Options {
                dir: lang.dir,
                base_path: &site.config.base_path,
                matcher: None,
                entity_urls: &[],
                link_mode: crate::config::LinkMode::None,
                resolve_link: None,
            };
            crate::markdown::render(d, &options).html
        })
        .unwrap_or_default();
    let mut articles: Vec<(usize, u32)> = site.index.articles[e]
        .iter()
        .filter(|(a, _)| site.articles[*a].lang == *code)
        .map(|&(a, r)| (a, r.count))
        .collect();
    // Articles are stored newest first, so index order is newest first.
    articles.sort_by_key(|&(a, _)| a);
    // Each article's shared card, with this entity's mention count added.
    let articles: Vec<TeraValue> = articles
        .into_iter()
        .filter_map(|(a, count)| {
            let mut card = shared.cards.get(a)?.as_map()?.clone();
            card.insert(
                "mentions".into(),
                bundle.plural("mentions_count", u64::from(count)).into(),
            );
            Some(TeraValue::from(card))
        })
        .collect();
    let related: Vec<TeraValue> = site.index.related[e]
        .iter()
        .take(8)
        .filter_map(|&(other, _)| shared_lang.chips.get(other).cloned())
        .collect();
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let selected = shared_lang
        .entity_items
        .get(e)
        .map_or(&[][..], Vec::as_slice);
    let wikidata = entity.wikidata.as_ref().map(|q| {
        map([
            ("id", q.as_str().into()),
            ("url", format!("https://www.wikidata.org/wiki/{q}").into()),
        ])
    });
    let value = map([
        ("id", entity.id.as_str().into()),
        ("name", entity.name(code).into()),
        ("kind", entity.kind.as_str().into()),
        (
            "kind_title",
            kind_title(site, bundle, &entity.kind, code).into(),
        ),
        ("names", names.into()),
        ("description", description.into()),
        ("wikidata", wikidata.into()),
        ("articles", articles.into()),
        ("related", related.into()),
        (
            "timeline",
            timeline_groups(shared_lang, items, selected, lang),
        ),
    ]);
    ctx.insert_value("entity", value);
}

/// The search index of one language: title, URL, date, summary and entity names of
/// every article, for the search page's script.
pub fn search_index(site: &Site, code: &str) -> Vec<u8> {
    let Some(lang) = site.config.language(code) else {
        return b"[]".to_vec();
    };
    let entries: Vec<Value> = site
        .articles_in(code)
        .into_iter()
        .map(|i| {
            let mut entry = card(site, i, lang);
            let names: Vec<&str> = site.refs[i]
                .keys()
                .map(|&e| site.registry.entities[e].name(code))
                .collect();
            entry["entities"] = json!(names);
            entry["headings"] = json!(
                site.rendered[i]
                    .headings
                    .iter()
                    .map(|h| h.text.as_str())
                    .collect::<Vec<_>>()
            );
            entry
        })
        .collect();
    serde_json::to_vec(&entries).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn shown(page: usize, pages: usize) -> String {
        page_window(page, pages)
            .iter()
            .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn page_window_shows_ends_and_neighbours() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 5), "1 2 3 4 5");
        assert_eq!(shown(1, 6), "1 2 3 … 6");
        assert_eq!(shown(4, 7), "1 2 3 4 5 6 7");
        assert_eq!(shown(5, 20), "1 2 3 4 5 6 7 … 20");
        assert_eq!(shown(10, 20), "1 … 8 9 10 11 12 … 20");
        assert_eq!(shown(20, 20), "1 … 18 19 20");
        // Linear, not quadratic: a huge listing still links to a handful of pages.
        assert_eq!(page_window(500, 1000).len(), 9);
    }
}
