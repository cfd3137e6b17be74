//! Translation pairs → warnings: a briefing missing in a configured language, and an
//! edition older than its counterpart (its `updated`, or `date`, is earlier), which
//! likely needs the counterpart's changes.

use std::collections::BTreeMap;

use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::site::Site;
use crate::text::dates::PartialDate;

pub(super) struct Missing {
    pub diagnostics: Vec<Diagnostic>,
    pub by_language: BTreeMap<String, Vec<String>>,
}

/// One warning per briefing and missing language, on the edition a translator would
/// start from (the first in the configured language order).
pub(super) fn missing(site: &Site) -> Missing {
    let mut diagnostics = Vec::new();
    let mut by_language: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, editions) in &site.translations {
        let Some(from) = site
            .config
            .languages
            .iter()
            .find_map(|l| editions.get(&l.code))
            .map(|&i| &site.articles[i])
        else {
            continue;
        };
        for lang in &site.config.languages {
            if editions.contains_key(&lang.code) {
                continue;
            }
            let expected = expected_file(from, &lang.code);
            let help = match &expected {
                Some(file) => format!("translate it into {file}"),
                None => format!(
                    "translate it into a `.{}.md` file with `translation_key: {key}`",
                    lang.code
                ),
            };
            let line = crate::content::front_matter::key_line(&from.source, "title");
            let mut d = Diagnostic::warning(
                &from.file,
                format!("this briefing has no `{}` edition", lang.code),
            )
            .help(help);
            if line > 0 {
                d = d
                    .at(&from.source, line, 1)
                    .label(format!("missing in {}", lang.name));
            }
            diagnostics.push(d);
            by_language
                .entry(lang.code.clone())
                .or_default()
                .push(expected.unwrap_or_else(|| format!("translation_key `{key}`")));
        }
    }
    for list in by_language.values_mut() {
        list.sort();
    }
    Missing {
        diagnostics,
        by_language,
    }
}

/// The path the `lang` edition of `from` would have, when editions pair by path.
fn expected_file(from: &Article, lang: &str) -> Option<String> {
    if from.front.translation_key.is_some() {
        return None;
    }
    let file = from.file.to_string_lossy();
    let stem = file.strip_suffix(".md")?;
    let stem = stem
        .strip_suffix(&format!(".{}", from.lang))
        .unwrap_or(stem);
    Some(format!("{stem}.{lang}.md"))
}

/// One warning per edition older than the newest edition of the same briefing, naming
/// both dates.
pub(super) fn stale(site: &Site) -> Vec<Diagnostic> {
    let zone = &site.config.timezone;
    let mut found = Vec::new();
    for editions in site.translations.values() {
        let newest = editions
            .values()
            .map(|&i| &site.articles[i])
            .max_by_key(|a| changed(a).1.sort_key_in(zone));
        let Some(newest) = newest else { continue };
        let (newest_key, newest_date) = changed(newest);
        for &i in editions.values() {
            let article = &site.articles[i];
            let (key, date) = changed(article);
            if date.sort_key_in(zone) >= newest_date.sort_key_in(zone) {
                continue;
            }
            let line = crate::content::front_matter::key_line(&article.source, key);
            let mut d = Diagnostic::warning(
                &article.file,
                format!(
                    "stale translation: the `{}` edition has `{newest_key}: {newest_date}`, this `{}` edition `{key}: {date}`",
                    newest.lang, article.lang
                ),
            )
            .help(format!(
                "bring it up to date with {} and set `updated: {newest_date}`",
                newest.file.display()
            ));
            if line > 0 {
                d = d
                    .at(&article.source, line, 1)
                    .width(key.len())
                    .label(format!("older than {newest_date}"));
            }
            found.push(d);
        }
    }
    found
}

/// When an edition last changed: its `updated`, or else its `date`, with the key.
fn changed(article: &Article) -> (&'static str, &PartialDate) {
    match &article.front.updated {
        Some(updated) => ("updated", updated),
        None => ("date", &article.front.date),
    }
}
