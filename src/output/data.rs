//! The site's data as JSON, for desks that reuse it: the entity index
//! (`entities.json`) and the timelines (`<lang>/timeline.json`, and the TimelineJS3
//! format in `<lang>/timeline.timelinejs.json`).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

use serde::Serialize;

use super::escape::{encode_url, xml_escape};
use crate::site::Site;
use crate::timeline::ItemKind;

// The documents are serialized straight from borrowed structs, with no JSON tree in
// between. Fields are declared in alphabetical order: the files have always had sorted
// keys, and a diff between two builds stays small.

#[derive(Serialize)]
struct EntitiesFile<E> {
    entities: E,
    version: u32,
}

#[derive(Serialize)]
struct EntityEntry<'a, A> {
    articles: A,
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
    in_memory(|out| write_entities_json(site, out))
}

/// [`entities_json`], written to `out` piece by piece.
pub(super) fn write_entities_json(site: &Site, out: &mut dyn Write) -> io::Result<()> {
    let entities = site
        .registry
        .entities
        .iter()
        .enumerate()
        .map(|(e, entity)| EntityEntry {
            articles: Lazy::new(site.index.articles[e].iter().map(|&(a, r)| {
                let article = &site.articles[a];
                EntityArticle {
                    date: article.front.date.as_written(),
                    front_matter: r.front_matter,
                    lang: &article.lang,
                    mentions: r.count,
                    title: &article.front.title,
                    url: site.permalink(&article.url_path()),
                }
            })),
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
        });
    pretty(
        out,
        &EntitiesFile {
            entities: Lazy::new(entities),
            version: 1,
        },
    )
}

#[derive(Serialize)]
struct TimelineFile<'a, E> {
    events: E,
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
    in_memory(|out| write_timeline_json(site, code, out))
}

/// [`timeline_json`], written to `out` piece by piece.
pub(super) fn write_timeline_json(site: &Site, code: &str, out: &mut dyn Write) -> io::Result<()> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let events = items.iter().map(|item| TimelineEntry {
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
    });
    pretty(
        out,
        &TimelineFile {
            events: Lazy::new(events),
            lang: code,
            version: 1,
        },
    )
}

#[derive(Serialize)]
struct TimelineJs<'a, E> {
    events: E,
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
    group: String,
    start_date: TimelineJsDate,
    text: TimelineJsText<'static>,
    unique_id: String,
}

#[derive(Serialize)]
struct TimelineJsDate {
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u8>,
    year: i16,
}

/// The TimelineJS3 JSON format, so a desk can embed an interactive timeline.
///
/// TimelineJS shows `headline`, `text`, `display_date` and `group` as HTML, and an
/// embed runs on another host: every text is escaped, every link is absolute, the
/// group labels are the interface strings of the timeline's language ("حدث",
/// "إحاطة"), a timestamp gives `hour` and `minute` as written, and each slide has a
/// `unique_id` (the event's `id`, else one made from the item) that is a valid HTML
/// id and unique in the file.
pub(super) fn timelinejs(site: &Site, code: &str) -> Vec<u8> {
    in_memory(|out| write_timelinejs(site, code, out))
}

/// [`timelinejs`], written to `out` piece by piece.
pub(super) fn write_timelinejs(site: &Site, code: &str, out: &mut dyn Write) -> io::Result<()> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let lang = site.config.language(code);
    let dir = lang.map_or(crate::config::Direction::of_language(code), |l| l.dir);
    let strings = crate::render::i18n::Bundle::new(
        code,
        lang.map(|l| l.digits).unwrap_or_default(),
        site.config.strings.get(code),
    );
    let page = encode_url(&site.permalink(&format!("{code}/timeline/")));
    let mut ids = BTreeSet::new();
    let events = items.iter().map(|item| {
        let links: Vec<String> = item
            .articles
            .iter()
            .map(|&a| {
                let article = &site.articles[a];
                format!(
                    "<a href=\"{}\">{}</a>",
                    xml_escape(&encode_url(&site.permalink(&article.url_path()))),
                    xml_escape(&article.front.title)
                )
            })
            .collect();
        let headline = match item.kind {
            ItemKind::Event => super::absolute::links(
                &crate::markdown::inline(&item.text, dir, &site.config.base_path),
                &page,
            ),
            ItemKind::Briefing => links.first().cloned().unwrap_or_default(),
        };
        let time = item.date.time_of_day();
        TimelineJsEvent {
            display_date: lang.map(|l| {
                xml_escape(&crate::text::date_format::format(
                    &item.date,
                    l.date_style,
                    l.digits,
                ))
            }),
            group: xml_escape(&strings.get(item.kind.as_str())),
            start_date: TimelineJsDate {
                day: item.date.day(),
                hour: time.map(|t| t.0),
                minute: time.map(|t| t.1),
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
            unique_id: unique_id(site, item, &mut ids),
        }
    });
    pretty(
        out,
        &TimelineJs {
            events: Lazy::new(events),
            title: TimelineJsTitle {
                text: TimelineJsText {
                    headline: xml_escape(site.config.title(code)).into(),
                    text: xml_escape(site.config.description(code)).into(),
                },
            },
        },
    )
}

/// A slide's HTML id: the event's `id` made an [`html_id`]; for an event
/// without one, `event-<date>-<hash of its text>`; for a briefing,
/// `briefing-<its URL path>`. A second use of an id gets `-2`, `-3`… (`taken` holds
/// the ids given so far), so the ids are unique in the file.
fn unique_id(site: &Site, item: &crate::timeline::Item, taken: &mut BTreeSet<String>) -> String {
    let made = match (item.kind, &item.id) {
        (ItemKind::Event, Some(id)) if !id.trim().is_empty() => id.trim().to_string(),
        (ItemKind::Event, _) => format!(
            "event-{}-{:08x}",
            item.date.as_written(),
            xxhash_rust::xxh3::xxh3_64(item.text.as_bytes()) as u32
        ),
        (ItemKind::Briefing, _) => {
            let path = item
                .articles
                .first()
                .map(|&a| site.articles[a].url_path())
                .unwrap_or_default();
            format!("briefing-{}", path.trim_matches('/'))
        }
    };
    let base = html_id(&made);
    let mut id = base.clone();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

/// `text` as an id that HTML accepts and that a CSS selector (`#id`, which
/// TimelineJS may build) reads without escaping: letters (of any script), digits, `-`
/// and `_` stay, anything else becomes `-`, and an id not starting with a letter
/// gets `event-` in front.
fn html_id(text: &str) -> String {
    let id: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.chars().next().is_some_and(char::is_alphabetic) {
        id
    } else {
        format!("event-{id}")
    }
}

/// A JSON array made from an iterator as it is written, so that a long list (the
/// entity index's, tens of megabytes at 10,000 briefings) is never held whole. It
/// can be written once; a second time it is an empty array.
struct Lazy<I>(std::cell::Cell<Option<I>>);

impl<I> Lazy<I> {
    fn new(items: I) -> Self {
        Self(std::cell::Cell::new(Some(items)))
    }
}

impl<I> Serialize for Lazy<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.take().into_iter().flatten())
    }
}

/// `value` as indented JSON and a newline.
fn pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// What a writer of this module writes, in memory (writing to a `Vec` cannot fail).
fn in_memory(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = write(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slide_ids_are_plain_html_ids() {
        // written id → unique_id
        #[rustfmt::skip]
        let table: &[(&str, &str)] = &[
            ("putin-sharaa-call",       "putin-sharaa-call"),
            ("اتصال-بوتين-الشرع",       "اتصال-بوتين-الشرع"),
            ("call with \"HTS\" #2",     "call-with--HTS---2"),
            ("2025-02-12-call",         "event-2025-02-12-call"),
            ("briefing-ar/briefings/x", "briefing-ar-briefings-x"),
            ("",                        "event-"),
        ];
        for (written, id) in table {
            assert_eq!(html_id(written), *id, "{written:?}");
        }
    }
}
