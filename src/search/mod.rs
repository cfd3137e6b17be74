//! Full-text search: brief's model (articles, rendered bodies, entity mentions) →
//! one Pagefind index per language, as the files of `<lang>/pagefind/`, and the
//! values the search page's script needs.
//!
//! Pagefind is used as a library: each briefing is a custom record (URL, text,
//! meta, filters, sort keys) built from the model, never from HTML read back. See
//! [`text`] for how Arabic words carry hidden variants so that folding and attached
//! prefixes do not hide them.

pub mod background;
pub mod cache;
pub mod indexer;
pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::render::i18n::Bundle;
use crate::site::Site;
pub use indexer::{Record, index};

/// The bundle's directory under each language: `ar/pagefind/`.
pub const DIR: &str = "pagefind";

/// The language Pagefind indexes a page language as. Arabic is indexed without a
/// stemmer: Pagefind's Arabic stemmer cuts names ("بوتين" → "وتين", "وبوتين" →
/// "بوت") and leaves many attached prefixes ("والقرار", "لدمشق"), so brief's own
/// folding and proclitic variants do that work instead (README, "Search").
pub fn index_language(code: &str) -> &str {
    if is_arabic(code) { "unknown" } else { code }
}

fn is_arabic(code: &str) -> bool {
    code.split(['-', '_']).next() == Some("ar")
}

/// The records of every briefing in language `code`, newest first.
pub fn records(site: &Site, code: &str) -> Vec<Record> {
    let Some(lang) = site.config.language(code) else {
        return Vec::new();
    };
    let bundle = crate::render::shared::bundle(site, lang);
    let arabic = is_arabic(code);
    // Records are independent: made on every core, in the listing's order.
    site.articles_in(code)
        .into_par_iter()
        .map(|i| {
            let article = &site.articles[i];
            let front = &article.front;
            let mut content = String::new();
            if let Some(summary) = &front.summary {
                text::push_words(&mut content, summary, arabic);
            }
            text::push_words(
                &mut content,
                &text::plain_text(&site.rendered[i].html),
                arabic,
            );
            text::push_hidden(&mut content, &front.title, arabic);
            let mut entities = Vec::new();
            for &e in site.refs[i].keys() {
                let entity = &site.registry.entities[e];
                entities.push(entity.name(code).to_string());
                for alias in entity.names.get(code).into_iter().flatten() {
                    text::push_hidden(&mut content, alias, arabic);
                }
            }
            let mut meta = BTreeMap::from([
                ("title".to_string(), front.title.clone()),
                (
                    "date".to_string(),
                    crate::text::date_format::format(&front.date, lang.date_style, lang.digits),
                ),
            ]);
            // The picture as the pages resolve it (a bundle file is published once,
            // below `content/`'s path, not under each language).
            if front.image.is_some()
                && let Some(picture) = site.pictures[i].as_ref()
            {
                meta.insert("image".to_string(), picture.url.clone());
            }
            let year = crate::text::digits::localize(&front.date.year().to_string(), lang.digits);
            let mut filters = BTreeMap::from([
                ("entity".to_string(), entities),
                ("year".to_string(), vec![year]),
            ]);
            if !front.tags.is_empty() {
                filters.insert("tag".to_string(), front.tags.clone());
            }
            if !article.section.is_empty() {
                filters.insert(
                    "section".to_string(),
                    vec![crate::render::shared::section_title(
                        &bundle,
                        &article.section,
                    )],
                );
            }
            Record {
                url: site.url(&article.url_path()),
                content,
                language: index_language(code).to_string(),
                meta,
                filters,
                sort: BTreeMap::from([("date".to_string(), front.date.as_written().to_string())]),
            }
        })
        .collect()
}

/// The search bundle of language `code`: (path inside `<code>/pagefind/`, bytes),
/// from the site's cache when an earlier build indexed the same records.
pub fn bundle(site: &Site, code: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let cache = crate::media::Cache::for_site(&site.root);
    cache::bundle(&cache, code, records(site, code))
        .map(|(files, _)| files)
        .map_err(|e| Error::Search(format!("the search index for `{code}` failed: {e}")))
}

/// What the search page's script needs, for `search.html` (`search.config`, one
/// JSON string for a `data-` attribute): where the bundle is, the result count's
/// plural forms, the language's digits, and each entity's page by the name it is
/// filtered by.
pub fn page_values(site: &Site, code: &str, bundle: &Bundle) -> Value {
    let digits: String = (0..10)
        .map(|d| {
            site.config
                .language(code)
                .map(|l| crate::text::digits::localize(&d.to_string(), l.digits))
                .unwrap_or_else(|| d.to_string())
        })
        .collect();
    let entities: BTreeMap<&str, String> = site
        .registry
        .entities
        .iter()
        .map(|entity| (entity.name(code), site.url(&entity.url_path(code))))
        .collect();
    let config = json!({
        "bundle": site.url(&format!("{code}/{DIR}/")),
        "count": bundle.plural_forms("results_count"),
        "digits": digits,
        "entities": entities,
    });
    json!({ "config": config.to_string() })
}
