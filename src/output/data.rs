//! The site's data as JSON, for desks that reuse it: the entity index
//! (`entities.json`) and the timelines (`<lang>/timeline.json`, and the TimelineJS3
//! format in `<lang>/timeline.timelinejs.json`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::site::Site;
use crate::timeline::ItemKind;

// The documents are serialized straight from borrowed structs, with no JSON tree in
// between. Fields are declared in alphabetical order: the files have always had sorted
// keys, and a diff between two builds stays small.

#[derive(Serialize)]
struct EntitiesFile<'a> {
    entities: Vec<EntityEntry<'a>>,
    version: u32,
}

#[derive(Serialize)]
struct EntityEntry<'a> {
    articles: Vec<EntityArticle<'a>>,
    id: &'a str,
    kind: &'a str,
    names: &'a BTreeMap<String, Vec<String>>,
    urls: BTreeMap<&'a str, String>,
    wikidata: Option<&'a str>,
}

#[derive(Serialize)]
struct EntityArticle<'a> {
    date: &'a str,
    front_matter: bool,
    lang: &'a str,
    mentions: u32,
    title: &'a str,
    url: String,
}

pub(super) fn entities_json(site: &Site) -> Vec<u8> {
    let entities = site
        .registry
        .entities
        .iter()
        .enumerate()
        .map(|(e, entity)| EntityEntry {
            articles: site.index.articles[e]
                .iter()
                .map(|&(a, r)| {
                    let article = &site.articles[a];
                    EntityArticle {
                        date: article.front.date.as_written(),
                        front_matter: r.front_matter,
                        lang: &article.lang,
                        mentions: r.count,
                        title: &article.front.title,
                        url: site.permalink(&article.url_path()),
                    }
                })
                .collect(),
            id: &entity.id,
            kind: &entity.kind,
            names: &entity.names,
            urls: site
                .config
                .languages
                .iter()
                .map(|l| {
                    (
                        l.code.as_str(),
                        site.permalink(&site.registry.entities[e].url_path(&l.code)),
                    )
                })
                .collect(),
            wikidata: entity.wikidata.as_deref(),
        })
        .collect();
    pretty(&EntitiesFile {
        entities,
        version: 1,
    })
}

#[derive(Serialize)]
struct TimelineFile<'a> {
    events: Vec<TimelineEntry<'a>>,
    lang: &'a str,
    version: u32,
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    briefings: Vec<String>,
    date: &'a str,
    entities: Vec<&'a str>,
    id: Option<&'a str>,
    kind: &'static str,
    precision: &'static str,
    text: &'a str,
}

pub(super) fn timeline_json(site: &Site, code: &str) -> Vec<u8> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let events = items
        .iter()
        .map(|item| TimelineEntry {
            briefings: item
                .articles
                .iter()
                .map(|&a| {
                    let article = &site.articles[a];
                    site.permalink(&article.url_path())
                })
                .collect(),
            date: item.date.as_written(),
            entities: item
                .entities
                .iter()
                .map(|&e| site.registry.entities[e].id.as_str())
                .collect(),
            id: item.id.as_deref(),
            kind: item.kind.as_str(),
            precision: item.date.precision().as_str(),
            text: &item.text,
        })
        .collect();
    pretty(&TimelineFile {
        events,
        lang: code,
        version: 1,
    })
}

#[derive(Serialize)]
struct TimelineJs<'a> {
    events: Vec<TimelineJsEvent>,
    title: TimelineJsTitle<'a>,
}

#[derive(Serialize)]
struct TimelineJsTitle<'a> {
    text: TimelineJsText<'a>,
}

#[derive(Serialize)]
struct TimelineJsText<'a> {
    headline: Cow<'a, str>,
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct TimelineJsEvent {
    display_date: Option<String>,
    group: &'static str,
    start_date: TimelineJsDate,
    text: TimelineJsText<'static>,
}

#[derive(Serialize)]
struct TimelineJsDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: i16,
}

/// The TimelineJS3 JSON format, so a desk can embed an interactive timeline.
pub(super) fn timelinejs(site: &Site, code: &str) -> Vec<u8> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let lang = site.config.language(code);
    let events = items
        .iter()
        .map(|item| {
            let links: Vec<String> = item
                .articles
                .iter()
                .map(|&a| {
                    let article = &site.articles[a];
                    let mut title = String::new();
                    crate::markdown::escape_into(&article.front.title, &mut title);
                    format!("<a href=\"{}\">{title}</a>", site.url(&article.url_path()))
                })
                .collect();
            let headline = match item.kind {
                ItemKind::Event => crate::markdown::inline(
                    &item.text,
                    lang.map_or(crate::config::Direction::Ltr, |l| l.dir),
                    &site.config.base_path,
                ),
                ItemKind::Briefing => links.first().cloned().unwrap_or_default(),
            };
            TimelineJsEvent {
                display_date: lang
                    .map(|l| crate::text::date_format::format(&item.date, l.date_style, l.digits)),
                group: item.kind.as_str(),
                start_date: TimelineJsDate {
                    day: item.date.day(),
                    month: item.date.month(),
                    year: item.date.year(),
                },
                text: TimelineJsText {
                    headline: headline.into(),
                    text: if item.kind == ItemKind::Event {
                        links.join(" · ").into()
                    } else {
                        "".into()
                    },
                },
            }
        })
        .collect();
    pretty(&TimelineJs {
        events,
        title: TimelineJsTitle {
            text: TimelineJsText {
                headline: site.config.title(code).into(),
                text: site.config.description(code).into(),
            },
        },
    })
}

fn pretty<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
