//! The one-sense-per-article rule: an article's mentions (through unambiguous and
//! ambiguous aliases) and its front-matter ids in → the references that count, the
//! ambiguous mentions left uncounted, and candidates for `ambiguous:`.
//!
//! An alias marked ambiguous in the registry (الشرع is Ahmed al-Sharaa and also "the
//! law") names its entity only in an article that names the entity unambiguously
//! too: another of its aliases anywhere in the body or headings, or its id in the
//! front matter's `entities:`. Every place that uses mentions reads the references
//! made here (entity pages, `entities.json`, co-mentions, JSON-LD, search), so the
//! rule is applied once.

use std::collections::{BTreeMap, BTreeSet};

use crate::content::front_matter::Ref;
use crate::entities::index::{ArticleRefs, Reference};
use crate::entities::matcher::Matcher;
use crate::entities::registry::Registry;

/// The entities `ids` (front matter) lists, as registry indices; unknown ids are
/// left out (they are reported where front matter is validated).
pub fn named(registry: &Registry, ids: &[Ref]) -> Vec<usize> {
    ids.iter().filter_map(|r| registry.get(&r.id)).collect()
}

/// How an article refers to entities: `mentions` (through unambiguous aliases) all
/// count; `ambiguous` ones count for an entity the article names otherwise (an
/// unambiguous mention, or its id in `ids`), and are dropped for any other.
pub fn article_refs(
    registry: &Registry,
    ids: &[Ref],
    mentions: &BTreeMap<usize, u32>,
    ambiguous: &BTreeMap<usize, u32>,
) -> ArticleRefs {
    let mut refs: ArticleRefs = mentions
        .iter()
        .map(|(&e, &count)| {
            (
                e,
                Reference {
                    count,
                    front_matter: false,
                },
            )
        })
        .collect();
    for e in named(registry, ids) {
        refs.entry(e).or_default().front_matter = true;
    }
    for (&e, &count) in ambiguous {
        if let Some(reference) = refs.get_mut(&e) {
            reference.count += count;
        }
    }
    refs
}

/// The entities of one event of `article`: those it lists, and those its text
/// mentions by the rule of [`in_event`] (the article's own list counts as naming).
pub fn of_event(
    registry: &Registry,
    matcher: &Matcher,
    article: &crate::content::Article,
    event: &crate::content::front_matter::EventEntry,
    root: &std::path::Path,
) -> BTreeSet<usize> {
    let mut entities: BTreeSet<usize> = event
        .entities
        .iter()
        .filter_map(|r| registry.get(&r.id))
        .collect();
    let named: BTreeSet<usize> = entities
        .iter()
        .copied()
        .chain(named(registry, &article.front.entities))
        .collect();
    // A body the load let go is read again, in the rare case it is searched (a
    // file changed meanwhile fails the build when its body is rendered).
    let body = || {
        article.full_source(root).map_or_else(
            |_| String::new(),
            |s| s.get(article.body_start..).unwrap_or_default().to_string(),
        )
    };
    entities.extend(in_event(matcher, &named, &event.text, &body));
    entities
}

/// The entities an event's text mentions, by the same rule: an ambiguous alias counts
/// when the event or the article lists the entity (`named`), or the event text or the
/// article's body names it unambiguously. The body is searched only when an event has
/// such a mention, which is rare.
pub fn in_event(
    matcher: &Matcher,
    named: &BTreeSet<usize>,
    text: &str,
    body: &dyn Fn() -> String,
) -> Vec<usize> {
    let found = matcher.find(text);
    let plain: BTreeSet<usize> = found
        .iter()
        .filter(|m| !m.ambiguous)
        .map(|m| m.entity)
        .collect();
    let mut in_body: Option<BTreeSet<usize>> = None;
    let mut entities = Vec::new();
    for m in found {
        let counts = !m.ambiguous
            || named.contains(&m.entity)
            || plain.contains(&m.entity)
            || in_body
                .get_or_insert_with(|| {
                    matcher
                        .find(&body())
                        .iter()
                        .filter(|m| !m.ambiguous)
                        .map(|m| m.entity)
                        .collect()
                })
                .contains(&m.entity);
        if counts {
            entities.push(m.entity);
        }
    }
    entities
}

/// An ambiguous mention that did not count: where it is and what it would have named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncounted {
    pub entity: usize,
    /// 1-based, in the whole `.md` file.
    pub line: usize,
    /// 1-based, in characters, where the word holding the alias starts.
    pub column: usize,
    /// The word holding the alias as written, attached proclitics included
    /// (بالشرع, وللأسد).
    pub written: String,
}

/// The ambiguous mentions of `body` (an article's Markdown, which starts at line
/// `first_line` of its file) that do not count because `refs` (the article's
/// references) does not hold their entity. Fenced code is skipped, as in rendering.
pub fn uncounted(
    matcher: &Matcher,
    refs: &ArticleRefs,
    body: &str,
    first_line: usize,
) -> Vec<Uncounted> {
    let mut found = Vec::new();
    for (n, line) in prose_lines(body) {
        for m in matcher.find(line) {
            if m.ambiguous && !refs.contains_key(&m.entity) {
                let start = line
                    .get(..m.start)
                    .and_then(|before| before.rfind(char::is_whitespace))
                    .map_or(0, |at| at + 1);
                let start = if line.is_char_boundary(start) {
                    start
                } else {
                    m.start
                };
                found.push(Uncounted {
                    entity: m.entity,
                    line: first_line + n,
                    column: line.get(..start).unwrap_or_default().chars().count() + 1,
                    written: line.get(start..m.end).unwrap_or_default().to_owned(),
                });
            }
        }
    }
    found
}

/// A candidate for `ambiguous:`: a one-word alias that occurs in articles that never
/// name the entity with any of its longer names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub entity: usize,
    pub alias: String,
    /// How many articles use it without the entity's fuller names.
    pub articles: usize,
}

/// One-word aliases (not yet ambiguous) found in articles whose text never holds one
/// of the entity's names of more than one word: words that may be ordinary words
/// too. `bodies` are the articles' Markdown; the result is sorted by entity, alias.
pub fn suggest_ambiguous<'a>(
    registry: &Registry,
    bodies: impl IntoIterator<Item = &'a str>,
) -> Vec<Suggestion> {
    let matcher = registry.matcher();
    let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for body in bodies {
        let mut short: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
        let mut full: BTreeSet<usize> = BTreeSet::new();
        for (_, line) in prose_lines(body) {
            for m in matcher.find(line) {
                let written = line.get(m.start..m.end).unwrap_or_default();
                if m.ambiguous {
                    continue;
                }
                if written.split_whitespace().nth(1).is_some() {
                    full.insert(m.entity);
                } else {
                    short
                        .entry(m.entity)
                        .or_default()
                        .insert(alias_of(registry, m.entity, written));
                }
            }
        }
        for (entity, aliases) in short {
            if full.contains(&entity) || !has_longer_name(registry, entity) {
                continue;
            }
            for alias in aliases {
                *counts.entry((entity, alias)).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .map(|((entity, alias), articles)| Suggestion {
            entity,
            alias,
            articles,
        })
        .collect()
}

/// The registry's spelling of the alias `written` of `entity` (as the matcher reads
/// them alike), or `written` itself.
fn alias_of(registry: &Registry, entity: usize, written: &str) -> String {
    let key = crate::entities::matcher::name_key(written);
    registry
        .entities
        .get(entity)
        .and_then(|e| {
            e.names
                .values()
                .flatten()
                .find(|n| crate::entities::matcher::name_key(n) == key)
        })
        .cloned()
        .unwrap_or_else(|| written.to_owned())
}

/// Whether `entity` has a name of more than one word to be named by in full.
fn has_longer_name(registry: &Registry, entity: usize) -> bool {
    registry.entities.get(entity).is_some_and(|e| {
        e.names
            .values()
            .flatten()
            .any(|n| n.split_whitespace().nth(1).is_some())
    })
}

/// The lines of Markdown `body` outside fenced code blocks, 0-based.
fn prose_lines(body: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut fence: Option<&str> = None;
    body.lines().enumerate().filter(move |(_, line)| {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                false
            }
            (Some(open), Some(m)) if open == m => {
                fence = None;
                false
            }
            (Some(_), _) => false,
            (None, None) => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    fn registry() -> Registry {
        let config = Config::parse(
            Path::new("brief.yaml"),
            "title: t\nbase_url: /\nlanguages: [{code: ar}, {code: en}]\n",
        )
        .unwrap();
        let (registry, problems) = Registry::parse(
            Path::new("content/entities.yaml"),
            "al-sharaa:\n  kind: person\n  names:\n    ar: [أحمد الشرع, الشرع]\n    en: [Ahmed al-Sharaa]\n  ambiguous:\n    ar: [الشرع]\nassad:\n  kind: person\n  names:\n    ar: [بشار الأسد, الأسد]\n    en: [Bashar al-Assad]\n  ambiguous:\n    ar: [الأسد]\n",
            &config,
        );
        assert!(problems.is_empty(), "{problems:?}");
        registry
    }

    /// (front-matter ids, unambiguous mentions, ambiguous mentions) → counts.
    #[test]
    fn article_refs_table() {
        let registry = registry();
        let (sharaa, assad) = (
            registry.get("al-sharaa").unwrap(),
            registry.get("assad").unwrap(),
        );
        let id = |id: &str| Ref {
            id: id.to_owned(),
            line: 6,
            column: 12,
        };
        type Case = (
            Vec<Ref>,
            Vec<(usize, u32)>,
            Vec<(usize, u32)>,
            Vec<(usize, u32, bool)>,
        );
        let table: Vec<Case> = vec![
            // Only ambiguous mentions: nothing.
            (vec![], vec![], vec![(sharaa, 3), (assad, 1)], vec![]),
            // Named in full once: the ambiguous ones count too.
            (
                vec![],
                vec![(sharaa, 1)],
                vec![(sharaa, 2), (assad, 1)],
                vec![(sharaa, 3, false)],
            ),
            // Listed in front matter: counted, and marked so.
            (
                vec![id("assad")],
                vec![],
                vec![(assad, 2)],
                vec![(assad, 2, true)],
            ),
            // Listed with no mention at all.
            (
                vec![id("al-sharaa")],
                vec![],
                vec![],
                vec![(sharaa, 0, true)],
            ),
        ];
        for (ids, mentions, ambiguous, expected) in table {
            let refs = article_refs(
                &registry,
                &ids,
                &mentions.iter().copied().collect(),
                &ambiguous.iter().copied().collect(),
            );
            let found: Vec<(usize, u32, bool)> = refs
                .iter()
                .map(|(&e, r)| (e, r.count, r.front_matter))
                .collect();
            assert_eq!(found, expected, "{mentions:?} {ambiguous:?}");
        }
    }

    #[test]
    fn events_follow_the_article() {
        let registry = registry();
        let matcher = registry.matcher();
        let sharaa = registry.get("al-sharaa").unwrap();
        let none = BTreeSet::new();
        let table: &[(&str, &str, &BTreeSet<usize>, &[usize])] = &[
            // The body names him in full: the event's الشرع is him.
            (
                "الشرع يصل إلى موسكو",
                "وصل أحمد الشرع إلى موسكو.",
                &none,
                &[sharaa],
            ),
            // The law: nothing.
            ("نقاش حول تطبيق الشرع", "تحكم المحاكم بالشرع.", &none, &[]),
            // Listed by the article or event.
            ("الشرع في الرياض", "", &BTreeSet::from([sharaa]), &[sharaa]),
        ];
        for &(text, body, named, expected) in table {
            let body = || body.to_string();
            assert_eq!(in_event(&matcher, named, text, &body), expected, "{text}");
        }
    }
}
