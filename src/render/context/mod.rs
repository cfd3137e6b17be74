//! A page of the plan → the template that renders it and its Tera context: what
//! every page has (language, site, strings, URLs, translations, switcher) and each
//! kind of page's own data. Sorting, grouping and counting happen here, so templates
//! only present.

mod article;
mod entity;
mod json_ld;
mod listing;
mod timeline;

use serde::Serialize;
use serde_json::{Value, json};
use tera::{Context, Value as TeraValue};

pub use self::article::Body;
use self::article::article_context;
use self::entity::{entities_context, entity_context};
use self::listing::list_context;
use self::timeline::timeline_page;
use crate::config::Language;
use crate::plan::Page;
pub use crate::render::data::PageData;
use crate::render::i18n::Bundle;
use crate::render::shared::{LangShared, Shared, bundle, map, section_title, site_value};
use crate::site::Site;

#[derive(Serialize)]
struct Link {
    title: String,
    url: String,
}

/// The template a page is rendered with, and its data.
pub fn context(site: &Site, shared: &Shared, page: &Page) -> (&'static str, Context) {
    let (template, data) = page_data(site, shared, page);
    (template, data.into_context())
}

/// [`context`], as data not yet handed to Tera.
pub fn page_data(site: &Site, shared: &Shared, page: &Page) -> (&'static str, PageData) {
    let body = match page {
        Page::Article(i) => Some(Body {
            html: &site.rendered[*i].html,
            refs: &site.refs[*i],
        }),
        _ => None,
    };
    context_with(site, shared, page, body)
}

/// [`page_data`], with a briefing page's body given apart.
pub fn context_with(
    site: &Site,
    shared: &Shared,
    page: &Page,
    body: Option<Body>,
) -> (&'static str, PageData) {
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
    let mut ctx = PageData::default();
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
        Page::TimelineYear { year, .. } => (
            "timeline.html",
            format!(
                "{} – {}",
                bundle.get("timeline"),
                crate::text::digits::localize(&year.to_string(), lang.digits)
            ),
        ),
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
        Page::Article(i) => {
            if let Some(body) = body {
                article_context(site, shared_lang, *i, body, lang, bundle, &mut ctx);
            }
        }
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
            timeline_page(site, shared_lang, code, None, lang, bundle, &mut ctx);
        }
        Page::TimelineYear { lang: code, year } => {
            timeline_page(site, shared_lang, code, Some(*year), lang, bundle, &mut ctx);
        }
        Page::Entities(code) => entities_context(site, code, lang, bundle, &mut ctx),
        Page::Entity { entity, .. } => {
            if let Some(shared_lang) = shared_lang {
                entity_context(site, shared, shared_lang, *entity, lang, bundle, &mut ctx);
            }
        }
        Page::Search(code) => {
            ctx.insert("search", &crate::search::page_values(site, code, bundle));
        }
    }
    (template, ctx)
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
    ctx: &mut PageData,
) {
    let url_path = page.url_path(site);
    let alternates = page.alternates(site);
    let counterparts = page.counterparts(site);
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
                match counterparts.iter().find(|(l, _)| *l == other.code) {
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
        Page::Entity { entity, .. } => self::entity::meta_description(site, bundle, *entity, lang),
        _ => site.config.description(&lang.code).to_string(),
    };
    match shared {
        Some(shared) => {
            ctx.insert_shared("lang", &shared.lang);
            ctx.insert_shared("site", &shared.site);
            ctx.insert_shared("t", &shared.t);
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
            (
                "image",
                crate::render::shared::picture_value(page_picture(site, page)).into(),
            ),
        ]),
    );
}

/// The picture that stands for a page when it is shared: a briefing's own, else its
/// social card, else the site's `image`.
fn page_picture<'a>(site: &'a Site, page: &Page) -> Option<&'a crate::site::picture::Picture> {
    match page {
        Page::Article(i) => site.share_picture(*i),
        _ => site.default_picture.as_ref(),
    }
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
        Page::TimelineYear { .. } => "timeline",
        Page::Entities(_) => "entities",
        Page::Entity { .. } => "entity",
        Page::Search(_) => "search",
    }
}
