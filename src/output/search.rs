//! One language's articles → `<lang>/search.json`: title, URL, date, summary, entity
//! names and headings of every article, for the search page's script.

use serde::Serialize;

use crate::site::Site;
use crate::text::date_format;

/// One article in the index; fields in the order they are written.
#[derive(Serialize)]
struct Entry<'a> {
    date: String,
    datetime: &'a str,
    entities: Vec<&'a str>,
    headings: Vec<&'a str>,
    summary: &'a str,
    title: &'a str,
    url: String,
}

pub(super) fn index(site: &Site, code: &str) -> Vec<u8> {
    let Some(lang) = site.config.language(code) else {
        return b"[]".to_vec();
    };
    let entries: Vec<Entry> = site
        .articles_in(code)
        .into_iter()
        .map(|i| {
            let article = &site.articles[i];
            let front = &article.front;
            Entry {
                date: date_format::format(&front.date, lang.date_style, lang.digits),
                datetime: front.date.as_written(),
                entities: site.refs[i]
                    .keys()
                    .map(|&e| site.registry.entities[e].name(code))
                    .collect(),
                headings: site.rendered[i]
                    .headings
                    .iter()
                    .map(|h| h.text.as_str())
                    .collect(),
                summary: front.summary.as_deref().unwrap_or_default(),
                title: &front.title,
                url: site.url(&article.url_path()),
            }
        })
        .collect();
    serde_json::to_vec(&entries).unwrap_or_default()
}
