//! `content/entities.yaml` → [`Registry`]: people, organizations and places with their
//! names per language, validated (kinds, shared aliases, missing names).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::entities::matcher::{Alias, Matcher, name_key};

pub const FILE: &str = "content/entities.yaml";
pub const BUILTIN_KINDS: &[&str] = &["person", "organization", "place"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub kind: String,
    pub wikidata: Option<String>,
    /// Per language: the display name first, then aliases.
    pub names: BTreeMap<String, Vec<String>>,
    /// Per language, Markdown.
    pub description: BTreeMap<String, String>,
    /// Per language, the aliases that are also ordinary words (الشرع, "the
    /// law"): they name the entity only in an article that names it otherwise
    /// too (see `entities::mentions`). Each is one of `names`, never the only one.
    pub ambiguous: BTreeMap<String, Vec<String>>,
    pub line: usize,
}

impl Entity {
    /// The display name in `lang`, or in any language that has one.
    pub fn name(&self, lang: &str) -> &str {
        self.names
            .get(lang)
            .and_then(|n| n.first())
            .or_else(|| self.names.values().find_map(|n| n.first()))
            .map_or(self.id.as_str(), String::as_str)
    }

    /// The URL path of the entity's page in `lang`, below the base path.
    pub fn url_path(&self, lang: &str) -> String {
        format!("{lang}/entities/{}/", self.id)
    }
}

#[derive(Debug, Default)]
pub struct Registry {
    /// Sorted by id, so indices are stable across builds.
    pub entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    kind: String,
    #[serde(default)]
    wikidata: Option<String>,
    names: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    description: BTreeMap<String, String>,
    #[serde(default)]
    ambiguous: BTreeMap<String, Vec<String>>,
}

/// The keys of one entity in `content/entities.yaml`; any other is an error.
pub const KEYS: &[&str] = &["kind", "wikidata", "names", "description", "ambiguous"];

impl Registry {
    /// Parses the registry text. Returns the registry (possibly partial) and every
    /// problem found; errors make the build fail.
    pub fn parse(file: &Path, source: &str, config: &Config) -> (Registry, Vec<Diagnostic>) {
        let source = &*crate::text::normalize::nfc(source);
        let raw: BTreeMap<String, RawEntity> =
            match serde_saphyr::from_str::<Option<BTreeMap<String, RawEntity>>>(source) {
                Ok(map) => map.unwrap_or_default(),
                Err(e) => {
                    return (
                        Registry::default(),
                        vec![crate::yaml::diagnostic(
                            file,
                            source,
                            &e,
                            0,
                            crate::yaml::Document::Registry,
                        )],
                    );
                }
            };
        let mut problems = Vec::new();
        let kinds: Vec<&str> = BUILTIN_KINDS
            .iter()
            .copied()
            .chain(config.kinds.keys().map(String::as_str))
            .collect();
        let mut entities = Vec::new();
        let lines = top_level_lines(source);
        for (id, raw) in raw {
            let line = lines.get(id.as_str()).copied().unwrap_or(0);
            // The id becomes a URL segment and a directory name.
            if id.is_empty()
                || !id
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                problems.push(
                    Diagnostic::error(file, format!("`{id}` is not a valid entity id"))
                        .at(source, line, 1)
                        .help("use letters, digits, `-` and `_` only, e.g. `al-sharaa`"),
                );
                continue;
            }
            if !kinds.contains(&raw.kind.as_str()) {
                let mut d = Diagnostic::error(
                    file,
                    format!("`{id}` has unknown kind `{}`", raw.kind),
                )
                .at(source, nested_line(source, line, "kind"), 3);
                d.help = Some(
                    match diagnostic::did_you_mean(&raw.kind, kinds.iter().copied()) {
                        Some(near) => format!(
                            "did you mean `{near}`? Other kinds are declared under `kinds:` in brief.yaml"
                        ),
                        None => format!(
                            "use one of {}, or declare the kind under `kinds:` in brief.yaml",
                            kinds.join(", ")
                        ),
                    },
                );
                problems.push(d);
            }
            for lang in &config.languages {
                let missing = raw
                    .names
                    .get(&lang.code)
                    .is_none_or(|n| n.iter().all(|s| s.trim().is_empty()));
                if missing {
                    problems.push(
                        Diagnostic::warning(file, format!("`{id}` has no name in `{}`", lang.code))
                            .at(source, line, 1)
                            .help(format!(
                                "add `{}: [display name, aliases…]` under `names`",
                                lang.code
                            )),
                    );
                }
            }
            for code in raw.names.keys() {
                if config.language(code).is_none() {
                    problems.push(
                        Diagnostic::warning(
                            file,
                            format!(
                                "`{id}` has names in `{code}`, which is not a configured language"
                            ),
                        )
                        .at(source, nested_line(source, line, code), 1)
                        .help("add the language to brief.yaml or remove these names"),
                    );
                }
            }
            let names = raw
                .names
                .into_iter()
                .map(|(lang, names)| {
                    (
                        lang,
                        names
                            .into_iter()
                            .map(|n| n.trim().to_string())
                            .filter(|n| !n.is_empty())
                            .collect(),
                    )
                })
                .collect();
            let ambiguous = raw
                .ambiguous
                .into_iter()
                .map(|(lang, names)| {
                    (
                        lang,
                        names.into_iter().map(|n| n.trim().to_string()).collect(),
                    )
                })
                .collect();
            let entity = Entity {
                id,
                kind: raw.kind,
                wikidata: raw.wikidata,
                names,
                description: raw.description,
                ambiguous,
                line,
            };
            problems.extend(ambiguous_problems(file, source, &entity));
            problems.extend(over_limits(file, source, &entity));
            entities.push(entity);
        }
        problems.extend(alias_clashes(file, source, &entities));
        let by_id = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        (Registry { entities, by_id }, problems)
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn nearest_id(&self, id: &str) -> Option<&str> {
        diagnostic::did_you_mean(id, self.entities.iter().map(|e| e.id.as_str()))
    }

    /// One matcher over every alias of every entity, in every language. An alias
    /// listed under `ambiguous:` (in any language) is ambiguous wherever it is
    /// found.
    pub fn matcher(&self) -> Matcher {
        Matcher::with_ambiguous(self.entities.iter().enumerate().flat_map(|(i, e)| {
            let ambiguous: Vec<String> = e
                .ambiguous
                .values()
                .flatten()
                .map(|a| name_key(a))
                .collect();
            e.names.values().flatten().map(move |text| {
                let key = name_key(text);
                (Alias { entity: i, text }, ambiguous.contains(&key))
            })
        }))
    }
}

/// `ambiguous:` lists only names of the entity, and leaves each language it covers at
/// least one name that is not ambiguous (else the entity could never be named there).
fn ambiguous_problems(file: &Path, source: &str, entity: &Entity) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let id = &entity.id;
    // Asked only for a problem: finding the line scans the file.
    let block = || nested_line(source, entity.line, "ambiguous");
    for (lang, listed) in &entity.ambiguous {
        let names = entity.names.get(lang).map_or(&[][..], Vec::as_slice);
        let keys: Vec<String> = listed.iter().map(|a| name_key(a)).collect();
        for alias in listed {
            if !names.iter().any(|n| name_key(n) == name_key(alias)) {
                problems.push(
                    Diagnostic::error(
                        file,
                        format!("`{id}` lists `{alias}` as ambiguous, but it is not one of its `{lang}` names"),
                    )
                    .at(source, alias_line(source, block(), alias), 1)
                    .help(format!(
                        "add `{alias}` to `names: {{{lang}: […]}}` of `{id}`, or remove it from `ambiguous`"
                    )),
                );
            }
        }
        let unambiguous = names.iter().any(|n| !keys.contains(&name_key(n)));
        if !names.is_empty() && !unambiguous {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("every `{lang}` name of `{id}` is listed as ambiguous, so no article could ever name it"),
                )
                .at(source, block(), 1)
                .help(format!(
                    "add a fuller `{lang}` name (e.g. the full name) before the ambiguous one under `names`, or remove it from `ambiguous`"
                )),
            );
        }
    }
    problems
}

/// An alias that names two entities would make every mention ambiguous, and the
/// matcher would give all of them to the entity first in the file. Aliases are
/// compared as the matcher sees them ([`name_key`]), so two spellings that differ
/// only in spacing, invisible characters, apostrophes, diacritics or case clash too.
fn alias_clashes(file: &Path, source: &str, entities: &[Entity]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Folded alias → (entity, the alias as written). Lines are found only for a clash:
    // finding one scans the file.
    let mut owners: BTreeMap<String, (&Entity, &str)> = BTreeMap::new();
    for entity in entities {
        for alias in entity.names.values().flatten() {
            let key = name_key(alias);
            match owners.get(&key) {
                Some(&(other, _)) if other.id == entity.id => {}
                Some(&(other, written)) => {
                    let line = alias_line(source, entity.line, alias);
                    let other_line = alias_line(source, other.line, written);
                    let (message, help) = if written == alias {
                        (
                            format!(
                                "the alias `{alias}` belongs to both `{}` (line {other_line}) and `{}`",
                                other.id, entity.id
                            ),
                            "remove it from one of them, or make it longer so it is unambiguous",
                        )
                    } else {
                        (
                            format!(
                                "the alias `{alias}` of `{}` is the same name to the matcher as `{written}` of `{}` (line {other_line})",
                                entity.id, other.id
                            ),
                            "they differ only in spacing, invisible characters, apostrophes, \
                             diacritics or letter case, which matching ignores; remove it from one \
                             of them, or make it longer so it is unambiguous",
                        )
                    };
                    problems.push(
                        Diagnostic::error(file, message)
                            .at(source, line, 1)
                            .help(help),
                    );
                }
                None => {
                    owners.insert(key, (entity, alias));
                }
            }
        }
    }
    problems
}

/// The line of `id:` at the start of a line (registry keys are top-level).
/// The line (1-based) of each top-level key, found in one pass: the ids of the
/// registry, written `id:` or `"id":`. Looking each id up by scanning the file would
/// cost ids × lines.
fn top_level_lines(source: &str) -> HashMap<&str, usize> {
    let mut lines = HashMap::new();
    for (i, line) in source.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        let key = key
            .strip_prefix('"')
            .and_then(|k| k.strip_suffix('"'))
            .unwrap_or(key);
        lines.entry(key).or_insert(i + 1);
    }
    lines
}

fn nested_line(source: &str, from: usize, key: &str) -> usize {
    source
        .lines()
        .enumerate()
        .skip(from)
        .take_while(|(_, l)| l.is_empty() || l.starts_with([' ', '\t', '#']))
        .find(|(_, l)| {
            l.trim_start()
                .strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map_or(from, |(i, _)| i + 1)
}

fn alias_line(source: &str, from: usize, alias: &str) -> usize {
    source
        .lines()
        .enumerate()
        .skip(from)
        .find(|(_, l)| l.contains(alias))
        .map_or(from, |(i, _)| i + 1)
}

/// Errors for an entity of the registry whose id, names or descriptions are too long
/// or too many; they point at the entity's line.
fn over_limits(file: &Path, source: &str, entity: &Entity) -> Vec<Diagnostic> {
    use crate::limits::{DESCRIPTION, ITEMS, NAME, items, text};
    let at = (entity.line, 1);
    let id = &entity.id;
    let mut problems: Vec<Diagnostic> = Vec::new();
    problems.extend(text(file, source, at, "an entity id", id, NAME));
    for (lang, names) in &entity.names {
        problems.extend(items(
            file,
            source,
            at,
            &format!("`{id}`'s `{lang}` names"),
            names.len(),
            ITEMS,
        ));
        for name in names {
            problems.extend(text(
                file,
                source,
                at,
                &format!("a `{lang}` name of `{id}`"),
                name,
                NAME,
            ));
        }
    }
    for (lang, description) in &entity.description {
        problems.extend(text(
            file,
            source,
            at,
            &format!("the `{lang}` description of `{id}`"),
            description,
            DESCRIPTION,
        ));
        problems.extend(crate::limits::markup(
            file,
            source,
            || (nested_line(source, entity.line, "description"), 1),
            &format!("the `{lang}` description of `{id}`"),
            description,
        ));
    }
    if let Some(wikidata) = &entity.wikidata {
        problems.extend(text(
            file,
            source,
            at,
            &format!("the `wikidata` id of `{id}`"),
            wikidata,
            NAME,
        ));
        let is_item = wikidata
            .strip_prefix('Q')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !is_item {
            problems.push(
                Diagnostic::error(
                    file,
                    format!("`wikidata: {wikidata}` of `{id}` is not a Wikidata item id"),
                )
                .at(source, nested_line(source, entity.line, "wikidata"), 1)
                .help("write the item's id as Wikidata shows it under the title, e.g. `wikidata: Q7747`"),
            );
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_of_keys_is_the_keys_parsed() {
        assert_eq!(crate::diagnostic::fields_of::<RawEntity>(), KEYS);
    }

    fn config() -> Config {
        Config::parse(Path::new("brief.yaml"), "title: t\nbase_url: /\nlanguages: [{code: ar}, {code: en}]\nkinds: {party: {ar: أحزاب, en: Parties}}\n").unwrap()
    }

    fn parse(source: &str) -> (Registry, Vec<Diagnostic>) {
        Registry::parse(Path::new(FILE), source, &config())
    }

    #[test]
    fn parses_names_in_order() {
        let (registry, problems) = parse(
            "putin:\n  kind: person\n  wikidata: Q7747\n  names:\n    ar: [فلاديمير بوتين, بوتين]\n    en: [Vladimir Putin, Putin]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let putin = &registry.entities[registry.get("putin").unwrap()];
        assert_eq!(putin.name("ar"), "فلاديمير بوتين");
        assert_eq!(putin.name("en"), "Vladimir Putin");
        assert_eq!(putin.line, 1);
    }

    #[test]
    fn problems_name_their_lines() {
        let source = "assad:\n  kind: persn\n  names:\n    ar: [بشار الأسد, الأسد]\n    en: [Assad]\nbaath:\n  kind: party\n  names:\n    ar: [الأسد]\n";
        let (_, problems) = parse(source);
        let found: Vec<_> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str(), p.is_error()))
            .collect();
        assert_eq!(
            found,
            [
                (2, "`assad` has unknown kind `persn`", true),
                (6, "`baath` has no name in `en`", false),
                (
                    9,
                    "the alias `الأسد` belongs to both `assad` (line 4) and `baath`",
                    true
                ),
            ]
        );
        assert_eq!(
            problems[0]
                .help
                .as_deref()
                .map(|h| h.starts_with("did you mean `person`?")),
            Some(true)
        );
    }

    #[test]
    fn ids_must_be_url_segments() {
        let (registry, problems) =
            parse("\"../x\":\n  kind: person\n  names: {ar: [س], en: [X]}\n");
        assert!(registry.is_empty());
        assert_eq!(problems[0].message, "`../x` is not a valid entity id");
    }

    /// Aliases that the matcher reads as one name clash, however they are
    /// written: (first entity's alias, second entity's alias).
    #[test]
    fn alias_clash_sees_what_the_matcher_ignores() {
        let table: &[(&str, &str)] = &[
            // Two spaces, a no-break space.
            ("Vladimir Putin", "Vladimir  Putin"),
            ("فلاديمير بوتين", "فلاديمير\u{00A0}بوتين"),
            // A zero-width non-joiner and a right-to-left mark inside the name.
            ("هيئة تحرير الشام", "هيئة\u{200C} تحرير الشام"),
            ("Ahmed al-Sharaa", "Ahmed al-\u{200F}Sharaa"),
            // Typographic against ASCII apostrophe.
            ("Hay'at Tahrir al-Sham", "Hay’at Tahrir al-Sham"),
            // Tatweel, harakat, hamza forms, case: these clashed before too.
            ("أحمد الشرع", "احمد الشرع"),
            ("بوتين", "بوتـــين"),
            ("Damascus", "DAMASCUS"),
        ];
        for &(first, second) in table {
            let source = format!(
                "a:\n  kind: person\n  names:\n    ar: [عربي]\n    en: [\"{first}\"]\nb:\n  kind: person\n  names:\n    ar: [آخر]\n    en: [\"{second}\"]\n"
            );
            let (_, problems) = parse(&source);
            let found: Vec<_> = problems
                .iter()
                .map(|p| (p.line, p.message.as_str(), p.is_error()))
                .collect();
            let expected = format!(
                "the alias `{second}` of `b` is the same name to the matcher as `{first}` of `a` (line 5)"
            );
            assert_eq!(
                found,
                [(10, expected.as_str(), true)],
                "{first:?} / {second:?}"
            );
        }
    }

    /// A registry saved with decomposed letters (alef + combining hamza) reads
    /// as the composed one, and clashes with it.
    #[test]
    fn registry_text_is_read_as_nfc() {
        let (registry, problems) = parse(
            "al-sharaa:\n  kind: person\n  names: {ar: [\"\u{0627}\u{0654}حمد الشرع\"], en: [Ahmed al-Sharaa]}\nhts:\n  kind: organization\n  names: {ar: [\"هيئة تحرير الشام\", \"هيي\u{0654}ة\"], en: [HTS]}\nother:\n  kind: organization\n  names: {ar: [هيئة], en: [Other]}\n",
        );
        let sharaa = &registry.entities[registry.get("al-sharaa").unwrap()];
        assert_eq!(sharaa.name("ar"), "أحمد الشرع");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the alias `هيئة` belongs to both `hts` (line 6) and `other`"]
        );
    }

    #[test]
    fn alias_clash_sees_through_hamza_and_diacritics() {
        let (_, problems) = parse(
            "a:\n  kind: person\n  names: {ar: [أحمد], en: [Ahmad]}\nb:\n  kind: person\n  names: {ar: [احمد], en: [Ahmed]}\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
