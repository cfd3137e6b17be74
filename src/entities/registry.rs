//! `content/entities.yaml` → [`Registry`]: people, organizations and places with their
//! names per language, validated (kinds, shared aliases, missing names).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::entities::matcher::{Alias, Matcher};
use crate::text::arabic::fold_str;

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
}

/// The keys of one entity in `content/entities.yaml`; any other is an error.
pub const KEYS: &[&str] = &["kind", "wikidata", "names", "description"];

impl Registry {
    /// Parses the registry text. Returns the registry (possibly partial) and every
    /// problem found; errors make the build fail.
    pub fn parse(file: &Path, source: &str, config: &Config) -> (Registry, Vec<Diagnostic>) {
        let raw: BTreeMap<String, RawEntity> =
            match serde_saphyr::from_str::<Option<BTreeMap<String, RawEntity>>>(source) {
                Ok(map) => map.unwrap_or_default(),
                Err(e) => {
                    return (
                        Registry::default(),
                        vec![diagnostic::from_yaml(file, source, &e, 0)],
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
            entities.push(Entity {
                id,
                kind: raw.kind,
                wikidata: raw.wikidata,
                names,
                description: raw.description,
                line,
            });
        }
        // An alias that names two entities would make every mention ambiguous.
        let mut owners: BTreeMap<String, &Entity> = BTreeMap::new();
        for entity in &entities {
            for alias in entity.names.values().flatten() {
                let key = fold_str(alias);
                if let Some(other) = owners.get(&key) {
                    if other.id != entity.id {
                        problems.push(
                            Diagnostic::error(file, format!("the alias `{alias}` belongs to both `{}` and `{}`", other.id, entity.id))
                                .at(source, alias_line(source, entity.line, alias), 1)
                                .help("remove it from one of them, or make it longer so it is unambiguous"),
                        );
                    }
                } else {
                    owners.insert(key, entity);
                }
            }
        }
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

    /// One matcher over every alias of every entity, in every language.
    pub fn matcher(&self) -> Matcher {
        Matcher::new(self.entities.iter().enumerate().flat_map(|(i, e)| {
            e.names
                .values()
                .flatten()
                .map(move |text| Alias { entity: i, text })
        }))
    }
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
                    "the alias `الأسد` belongs to both `assad` and `baath`",
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

    #[test]
    fn alias_clash_sees_through_hamza_and_diacritics() {
        let (_, problems) = parse(
            "a:\n  kind: person\n  names: {ar: [أحمد], en: [Ahmad]}\nb:\n  kind: person\n  names: {ar: [احمد], en: [Ahmed]}\n",
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }
}
