//! The model → each language's search records: per briefing, what Pagefind gets
//! (URL, meta, filters, sort keys) and the [`Text`] its content is made from, kept
//! apart so that a cached bundle is found without making the content.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::indexer::Record;
use super::text;
use crate::site::Site;

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
    drafts(site, code)
        .into_par_iter()
        .map(|draft| draft.record())
        .collect()
}

/// A record before its text is made: everything Pagefind gets but the content, and
/// the [`Text`] the content is made from (the costly part, skipped when the cache
/// has the bundle).
#[derive(Debug, Clone)]
pub struct Draft<'a> {
    pub record: Record,
    pub text: Text<'a>,
}

/// Everything a record's content is made from, and nothing else: the content and
/// the cache key both read these fields.
#[derive(Debug, Clone)]
pub struct Text<'a> {
    pub summary: Option<&'a str>,
    /// Rendered body HTML: empty until a streaming build renders it again
    /// (`Site::bodies_html`) for an index made afresh.
    pub html: &'a str,
    /// [`Text::html`]'s hash ([`crate::markdown::Rendered::html_hash`]), which the
    /// cache key reads instead of the HTML.
    pub html_hash: u128,
    pub title: &'a str,
    /// The names of the entities the briefing mentions, in its language.
    pub names: Vec<&'a str>,
    pub arabic: bool,
}

impl Draft<'_> {
    pub fn record(self) -> Record {
        Record {
            content: self.text.content(),
            ..self.record
        }
    }

    /// The draft with its text copied out of the site, for a thread that outlives
    /// the borrow (`brief serve` makes the content in the background).
    pub fn into_owned(self) -> OwnedDraft {
        let text = self.text;
        OwnedDraft {
            record: self.record,
            summary: text.summary.map(str::to_string),
            html: text.html.to_string(),
            html_hash: text.html_hash,
            title: text.title.to_string(),
            names: text.names.into_iter().map(str::to_string).collect(),
            arabic: text.arabic,
        }
    }
}

/// A [`Draft`] that owns its text.
#[derive(Debug, Clone)]
pub struct OwnedDraft {
    record: Record,
    summary: Option<String>,
    html: String,
    html_hash: u128,
    title: String,
    names: Vec<String>,
    arabic: bool,
}

impl OwnedDraft {
    pub fn record(self) -> Record {
        let text = Text {
            summary: self.summary.as_deref(),
            html: &self.html,
            html_hash: self.html_hash,
            title: &self.title,
            names: self.names.iter().map(String::as_str).collect(),
            arabic: self.arabic,
        };
        Record {
            content: text.content(),
            ..self.record
        }
    }
}

impl Text<'_> {
    /// Summary then body words, then the title's and the names' hidden forms.
    fn content(&self) -> String {
        let mut content = String::new();
        if let Some(summary) = self.summary {
            text::push_words(&mut content, summary, self.arabic);
        }
        text::push_words(&mut content, &text::plain_text(self.html), self.arabic);
        text::push_hidden(&mut content, self.title, self.arabic);
        for name in &self.names {
            text::push_hidden(&mut content, name, self.arabic);
        }
        content
    }
}

/// The drafts of every briefing in language `code`, newest first.
pub fn drafts<'a>(site: &'a Site, code: &str) -> Vec<Draft<'a>> {
    each_draft(site, code).collect()
}

/// [`drafts`], made one at a time as they are asked for.
pub fn each_draft<'a>(site: &'a Site, code: &str) -> impl Iterator<Item = Draft<'a>> + 'a {
    let lang = site.config.language(code);
    let bundle = lang.map(|lang| crate::render::shared::bundle(site, lang));
    let arabic = is_arabic(code);
    let code = code.to_string();
    let articles = match lang {
        Some(_) => site.articles_in(&code),
        None => Vec::new(),
    };
    articles.into_iter().filter_map(move |i| {
        let (lang, bundle, code) = (lang?, bundle.as_ref()?, code.as_str());
        Some({
            let article = &site.articles[i];
            let front = &article.front;
            let mut entities = Vec::new();
            let mut names = Vec::new();
            for &e in site.refs[i].keys() {
                let entity = &site.registry.entities[e];
                entities.push(entity.name(code).to_string());
                names.extend(
                    entity
                        .names
                        .get(code)
                        .into_iter()
                        .flatten()
                        .map(String::as_str),
                );
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
                        bundle,
                        &article.section,
                    )],
                );
            }
            Draft {
                record: Record {
                    url: site.url(&article.url_path()),
                    content: String::new(),
                    language: index_language(code).to_string(),
                    meta,
                    filters,
                    sort: BTreeMap::from([(
                        "date".to_string(),
                        front.date.as_written().to_string(),
                    )]),
                },
                text: Text {
                    summary: front.summary.as_deref(),
                    html: &site.rendered[i].html,
                    html_hash: site.rendered[i].html_hash,
                    title: &front.title,
                    names,
                    arabic,
                },
            }
        })
    })
}
