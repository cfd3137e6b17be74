//! The site's data as JSON, for desks that reuse it: the entity index
//! (`entities.json`) and the timelines (`<lang>/timeline.json`, and the TimelineJS3
//! format in `<lang>/timeline.timelinejs.json`).

use serde_json::{Value, json};

use crate::site::Site;
use crate::text::dates::Precision;
use crate::timeline::ItemKind;

pub fn entities_json(site: &Site) -> Vec<u8> {
    let entities: Vec<Value> = site
        .registry
        .entities
        .iter()
        .enumerate()
        .map(|(e, entity)| {
            let articles: Vec<Value> = site.index.articles[e]
                .iter()
                .map(|&(a, r)| {
                    let article = &site.articles[a];
                    json!({
                        "url": site.permalink(&format!("{}/{}", article.lang, article.path)),
                        "lang": article.lang,
                        "title": article.front.title,
                        "date": article.front.date.as_written(),
                        "mentions": r.count,
                        "front_matter": r.front_matter,
                    })
                })
                .collect();
            json!({
                "id": entity.id,
                "kind": entity.kind,
                "wikidata": entity.wikidata,
                "names": entity.names,
                "urls": site.config.languages.iter().map(|l| (l.code.clone(), json!(site.permalink(&site.entity_path(&l.code, e))))).collect::<serde_json::Map<_, _>>(),
                "articles": articles,
            })
        })
        .collect();
    pretty(&json!({"version": 1, "entities": entities}))
}

pub fn timeline_json(site: &Site, code: &str) -> Vec<u8> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let events: Vec<Value> = items
        .iter()
        .map(|item| {
            json!({
                "kind": match item.kind { ItemKind::Event => "event", ItemKind::Briefing => "briefing" },
                "id": item.id,
                "date": item.date.as_written(),
                "precision": precision_name(item.date.precision()),
                "text": item.text,
                "entities": item.entities.iter().map(|&e| site.registry.entities[e].id.as_str()).collect::<Vec<_>>(),
                "briefings": item.articles.iter().map(|&a| site.permalink(&format!("{}/{}", site.articles[a].lang, site.articles[a].path))).collect::<Vec<_>>(),
            })
        })
        .collect();
    pretty(&json!({"version": 1, "lang": code, "events": events}))
}

/// The TimelineJS3 JSON format, so a desk can embed an interactive timeline.
pub fn timelinejs(site: &Site, code: &str) -> Vec<u8> {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let lang = site.config.language(code);
    let events: Vec<Value> = items
        .iter()
        .map(|item| {
            let mut start = json!({"year": item.date.year()});
            if let Some(m) = item.date.month() {
                start["month"] = json!(m);
            }
            if let Some(d) = item.date.day() {
                start["day"] = json!(d);
            }
            let links: Vec<String> = item
                .articles
                .iter()
                .map(|&a| {
                    let article = &site.articles[a];
                    let mut title = String::new();
                    crate::markdown::escape_into(&article.front.title, &mut title);
                    format!("<a href=\"{}\">{title}</a>", site.url(&format!("{}/{}", article.lang, article.path)))
                })
                .collect();
            let headline = match item.kind {
                ItemKind::Event => crate::markdown::inline(&item.text, lang.map_or(crate::config::Direction::Ltr, |l| l.dir), &site.config.base_path),
                ItemKind::Briefing => links.first().cloned().unwrap_or_default(),
            };
            json!({
                "start_date": start,
                "display_date": lang.map(|l| crate::text::dates::format(&item.date, l.date_style, l.digits)),
                "text": {"headline": headline, "text": if item.kind == ItemKind::Event { links.join(" · ") } else { String::new() }},
                "group": match item.kind { ItemKind::Event => "event", ItemKind::Briefing => "briefing" },
            })
        })
        .collect();
    pretty(&json!({
        "title": {"text": {"headline": site.config.title(code), "text": site.config.description(code)}},
        "events": events,
    }))
}

fn precision_name(p: Precision) -> &'static str {
    match p {
        Precision::Year => "year",
        Precision::Month => "month",
        Precision::Day => "day",
        Precision::Time => "time",
    }
}

fn pretty(value: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
