//! A briefing's page → its context: the article with its tags, events, entities and
//! sources, and its JSON-LD.

use tera::Value as TeraValue;

use crate::render::data::PageData;

use super::json_ld::json_ld;
use crate::config::Language;
use crate::render::i18n::Bundle;
use crate::render::shared::{LangShared, entity_chip, format_date, map, section_title, tera_value};
use crate::site::Site;

/// What a briefing's page shows of its body: the HTML and the entities it refers
/// to, from the site, or handed over by a build that renders each body with its page
/// ([`Site::render_bodies`]).
#[derive(Clone, Copy)]
pub struct Body<'a> {
    pub html: &'a str,
    pub refs: &'a crate::entities::index::ArticleRefs,
}

pub(super) fn article_context(
    site: &Site,
    shared: Option<&LangShared>,
    i: usize,
    body: Body,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut PageData,
) {
    let article = &site.articles[i];
    let front = &article.front;
    let refs = body.refs;
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
            let slug = crate::text::slug::slugify(t);
            let url = site.url(&crate::plan::tag_path(&article.lang, &slug, 1));
            map([("title", String::as_str(t).into()), ("url", url.into())])
        })
        .collect();
    // In date order whatever the front matter's order; equal dates keep it.
    let mut ordered: Vec<_> = front.events.iter().collect();
    ordered.sort_by_key(|e| e.date.sort_key_in(&site.config.timezone));
    let events: Vec<TeraValue> = ordered
        .into_iter()
        .map(|e| {
            map([
                ("date", format_date(&e.date, lang).into()),
                ("datetime", e.date.machine(&site.config.timezone).into()),
                (
                    "html",
                    crate::markdown::inline(&e.text, lang.dir, &site.config.base_path).into(),
                ),
            ])
        })
        .collect();
    // Only the briefing's own picture is shown on it; the site's default is for sharing.
    let image = front
        .image
        .as_ref()
        .and_then(|_| crate::render::shared::picture_value(site.pictures[i].as_ref()));
    let section_url = (!article.section.is_empty())
        .then(|| site.url(&format!("{}/{}/", article.lang, article.section)));
    let value = map([
        ("title", front.title.as_str().into()),
        (
            "summary",
            front.summary.as_deref().unwrap_or_default().into(),
        ),
        ("date", format_date(&front.date, lang).into()),
        ("datetime", front.date.machine(&site.config.timezone).into()),
        (
            "updated",
            front.updated.as_ref().map(|u| format_date(u, lang)).into(),
        ),
        (
            "updated_datetime",
            front
                .updated
                .as_ref()
                .map(|u| u.machine(&site.config.timezone))
                .into(),
        ),
        ("html", body.html.into()),
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
    ctx.insert_value("jsonld", json_ld(site, i, refs, lang).into());
}
