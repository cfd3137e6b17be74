//! Ambiguous aliases in `check`: the site in → a note for each ambiguous alias that was
//! not counted (file, line, the fix), and, on request, one-word aliases worth marking
//! ambiguous.

use crate::diagnostic::Diagnostic;
use crate::entities::mentions;
use crate::entities::registry;
use crate::site::Site;

/// A note per ambiguous mention left uncounted because its article never names the
/// entity otherwise: "الشرع at line 12 was not counted as al-sharaa …".
pub fn uncounted(site: &Site) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    for (article, refs) in site.articles.iter().zip(&site.refs) {
        let head = &article.source[..article.source.len() - article.body().len()];
        let first_line = head.matches('\n').count() + 1;
        for found in mentions::uncounted(&site.matcher, refs, article.body(), first_line) {
            let Some(entity) = site.registry.entities.get(found.entity) else {
                continue;
            };
            let full = entity.name(&article.lang);
            notes.push(
                Diagnostic::note(
                    &article.file,
                    format!(
                        "`{}` at line {} was not counted as `{}`: the article never names {full} otherwise",
                        found.written, found.line, entity.id
                    ),
                )
                .at(&article.source, found.line, found.column)
                .width(found.written.chars().count())
                .label(format!("ambiguous alias of `{}`", entity.id))
                .help(format!(
                    "if it is {full}, add `{}` to `entities:` in the front matter, or write the full name once",
                    entity.id
                )),
            );
        }
    }
    notes
}

/// `--suggest-ambiguous`: one-word aliases used in articles that never name the entity
/// in full, each a note on the registry with the lines to add. Without the flag, only
/// those that also look like an ordinary word ([`crate::entities::common::looks_common`]): an Arabic
/// alias in the definite form (الشرع, الأسد), a Latin one that some article writes in
/// lower case (barrack).
pub fn suggestions(site: &Site, all: bool) -> Vec<Diagnostic> {
    let source = std::fs::read_to_string(site.root.join(registry::FILE)).unwrap_or_default();
    let source = crate::text::normalize::nfc_owned(source);
    let bodies = || site.articles.iter().map(|a| a.body());
    mentions::suggest_ambiguous(&site.registry, bodies())
        .into_iter()
        .map(|s| {
            let common = crate::entities::common::looks_common(&s.alias, bodies());
            (s, common)
        })
        .filter(|(_, common)| all || *common)
        .filter_map(|(s, common)| {
            let entity = site.registry.entities.get(s.entity)?;
            let lang = entity
                .names
                .iter()
                .find(|(_, names)| names.contains(&s.alias))
                .map_or("en", |(lang, _)| lang.as_str());
            let articles = crate::text::count::count(s.articles, "article", "articles");
            let verb = if s.articles == 1 { "uses" } else { "use" };
            let message = if common {
                format!(
                    "`{}` ({lang}) looks like an ordinary word too, and names `{}` in {articles} that never {verb} a fuller name",
                    s.alias, entity.id
                )
            } else {
                format!(
                    "`{}` ({lang}) names `{}` in {articles} that never {verb} a fuller name; it may be an ordinary word there",
                    s.alias, entity.id
                )
            };
            Some(
                Diagnostic::note(registry::FILE, message)
                    .at(&source, entity.line, 1)
                    .width(entity.id.chars().count())
                    .label("has a one-word alias")
                    .help(format!(
                        "if it is also an ordinary word, add `ambiguous: {{{lang}: [{}]}}` under `{}`",
                        s.alias, entity.id
                    )),
            )
        })
        .collect()
}
