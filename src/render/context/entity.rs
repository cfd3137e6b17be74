//! The entity index and entity pages → their contexts: entities grouped by letter in
//! the language's collation order; an entity's names, description, briefings, co-mentions and
//! timeline.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use crate::render::data::PageData;

use super::timeline::timeline_groups;
use crate::config::Language;
use crate::render::i18n::Bundle;
use crate::render::shared::{LangShared, Shared, entity_chip, map, tera_value};
use crate::site::Site;

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

/// The entity index of language `code`: every entity filed under its letter (see
/// [`crate::entities::letters`]), the letters in the language's order, the entities
/// of a letter in collation order, each with its kind, briefing count and
/// description.
pub(super) fn entities_context(
    site: &Site,
    code: &str,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut PageData,
) {
    let letters = crate::entities::letters::Letters::new(code);
    let entities = &site.registry.entities;
    let mut members: Vec<usize> = (0..entities.len()).collect();
    members.sort_by(|&a, &b| letters.compare(entities[a].name(code), entities[b].name(code)));
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for e in members {
        let letter = letters.letter(entities[e].name(code));
        match groups.iter_mut().find(|(l, _)| *l == letter) {
            Some((_, list)) => list.push(e),
            None => groups.push((letter, vec![e])),
        }
    }
    groups.sort_by(|a, b| letters.compare_letters(&a.0, &b.0));
    let groups: Vec<Value> = groups
        .into_iter()
        .map(|(letter, members)| {
            let cards: Vec<Value> = members
                .into_iter()
                .map(|e| {
                    let n = site.index.articles[e]
                        .iter()
                        .filter(|(a, _)| site.articles[*a].lang == code)
                        .count();
                    let mut chip = entity_chip(site, e, lang);
                    chip["count"] = json!(bundle.plural("briefings_count", n as u64));
                    chip["kind_title"] = json!(kind_title(site, bundle, &entities[e].kind, code));
                    chip["description"] = json!(description_html(site, e, lang));
                    chip
                })
                .collect();
            json!({"letter": letter, "entities": cards})
        })
        .collect();
    ctx.insert("letters", &groups);
}

/// An entity's description in `lang`, Markdown rendered to HTML; empty without one.
fn description_html(site: &Site, e: usize, lang: &Language) -> String {
    site.registry.entities[e]
        .description
        .get(&lang.code)
        .map(|d| {
            let options = crate::markdown::metadata_options(lang.dir, &site.config.base_path);
            crate::markdown::render(d, &options).html
        })
        .unwrap_or_default()
}

/// What an entity's page says about it to search engines and link previews (meta
/// description, `og:description`): its description in the page's language as plain
/// text; without one, its name and kind and the site's title ("Vladimir Putin ·
/// People · Syria–Russia Brief"), never a description in another language.
pub(super) fn meta_description(site: &Site, bundle: &Bundle, e: usize, lang: &Language) -> String {
    let entity = &site.registry.entities[e];
    let text = crate::search::text::plain_text(&description_html(site, e, lang));
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        return text;
    }
    format!(
        "{} · {} · {}",
        entity.name(&lang.code),
        kind_title(site, bundle, &entity.kind, &lang.code),
        site.config.title(&lang.code)
    )
}

pub(super) fn entity_context(
    site: &Site,
    shared: &Shared,
    shared_lang: &LangShared,
    e: usize,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut PageData,
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
    // The names as aligned rows, one column per language: the first row is each
    // language's main name, the others its other names in the registry's order.
    let columns: Vec<(&Language, &Vec<String>)> = site
        .config
        .languages
        .iter()
        .filter_map(|l| {
            entity
                .names
                .get(&l.code)
                .filter(|n| !n.is_empty())
                .map(|n| (l, n))
        })
        .collect();
    let depth = columns.iter().map(|(_, n)| n.len()).max().unwrap_or(0);
    let name_rows: Vec<TeraValue> = (0..depth)
        .map(|row| {
            let cells: Vec<TeraValue> = columns
                .iter()
                .map(|(l, n)| {
                    map([
                        ("code", l.code.as_str().into()),
                        ("dir", l.dir.as_str().into()),
                        ("name", n.get(row).map(String::as_str).unwrap_or("").into()),
                    ])
                })
                .collect();
            TeraValue::from(cells)
        })
        .collect();
    let description = description_html(site, e, lang);
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
        ("name_rows", name_rows.into()),
        ("description", description.into()),
        ("wikidata", wikidata.into()),
        ("articles", articles.into()),
        ("related", related.into()),
        (
            "timeline",
            timeline_groups(site, shared_lang, items, selected, lang),
        ),
    ]);
    ctx.insert_value("entity", value);
}
