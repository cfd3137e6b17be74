//! Front matter as YAML gives it ([`Raw`]: typed, with the place of every value) →
//! the errors brief adds to the parser's: a file whose front matter is missing or
//! never closed, a `draft` that is not `true`/`false`, and values over the size
//! limits of [`crate::limits`].

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_saphyr::Spanned;

use crate::diagnostic::Diagnostic;
use crate::limits;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct SourceLink {
    pub title: String,
    pub url: String,
}

/// A `sources:` entry as written, with the place of its title and of its URL.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: Spanned<String>,
    pub url: Spanned<String>,
}

#[derive(Deserialize)]
pub struct Raw {
    pub title: Spanned<String>,
    pub date: Spanned<String>,
    #[serde(default)]
    pub updated: Option<Spanned<String>>,
    #[serde(default)]
    pub summary: Option<Spanned<String>>,
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub entities: Vec<Spanned<String>>,
    #[serde(default)]
    pub events: Vec<RawEvent>,
    #[serde(default)]
    pub sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub authors: Vec<Spanned<String>>,
    #[serde(default)]
    pub draft: Option<Spanned<Flag>>,
    #[serde(default)]
    pub image: Option<Spanned<String>>,
    #[serde(default)]
    pub image_alt: Option<Spanned<String>>,
    #[serde(default)]
    pub image_credit: Option<Spanned<String>>,
    #[serde(default)]
    pub translation_key: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    #[serde(default)]
    pub id: Option<String>,
    pub date: Spanned<String>,
    pub text: Spanned<String>,
    #[serde(default)]
    pub entities: Vec<Spanned<String>>,
}

/// `draft:` as written: a YAML boolean, or anything else (`"yes"`, `1`, `[x]`), which
/// is an error rather than a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    Bool(bool),
    Other(String),
}

impl<'de> serde::Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Flag, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Flag;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("true or false")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Flag, E> {
                Ok(Flag::Bool(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Flag, E> {
                Ok(Flag::Other(format!("\"{v}\"")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Flag, E> {
                Ok(Flag::Other(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Flag, E> {
                Ok(Flag::Other(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Flag, E> {
                Ok(Flag::Other(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag::Other("nothing".into()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Flag, E> {
                Ok(Flag::Other("nothing".into()))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Flag, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(Flag::Other("a list".into()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Flag, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Flag::Other("a group of keys".into()))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

/// Why a file has no front matter: none at all, not on the first line, or never closed.
pub fn no_front_matter(file: &Path, source: &str) -> Diagnostic {
    let first = source
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("");
    if first.trim_end() == "---" {
        return Diagnostic::error(file, "the front matter is never closed")
            .at(source, 1, 1)
            .width(3)
            .label("the front matter starts here")
            .help(
                "add a line with only `---` after the last key, before the text of the briefing",
            );
    }
    let opening = source
        .lines()
        .position(|l| l.trim_end() == "---")
        .filter(|&i| source.lines().take(i).all(|l| l.trim().is_empty()));
    if let Some(i) = opening {
        return Diagnostic::error(file, "the front matter must start on the first line")
            .at(source, i + 1, 1)
            .width(3)
            .label("this `---` is below blank lines")
            .help("remove the blank lines above the `---`");
    }
    Diagnostic::error(file, "the file has no front matter")
        .at(source, 1, 1)
        .label("expected `---` on the first line")
        .help("start the file with a YAML block:\n---\ntitle: …\ndate: 2025-02-12\n---")
}

/// Errors in parsed front matter that the parser cannot see. `offset` is the number
/// of file lines above the YAML.
pub fn front_matter(file: &Path, source: &str, raw: &Raw, offset: usize) -> Vec<Diagnostic> {
    let at = |s: &serde_saphyr::Location| (s.line() as usize + offset, s.column() as usize);
    let mut errors = Vec::new();
    if let Some(draft) = &raw.draft
        && let Flag::Other(written) = &draft.value
    {
        errors.push(
            Diagnostic::error(file, format!("`draft` is {written}, not `true` or `false`"))
                .at(source, at(&draft.referenced).0, at(&draft.referenced).1)
                .label("not a yes-or-no value brief can trust")
                .help("write `draft: true` to keep the briefing out of the build, or `draft: false` (without quotes)"),
        );
    }
    let mut text = |what: &str, value: &Spanned<String>, limit: usize| {
        errors.extend(limits::text(
            file,
            source,
            at(&value.referenced),
            what,
            &value.value,
            limit,
        ));
    };
    text("`title`", &raw.title, limits::TITLE);
    for (what, value, limit) in [
        ("`summary`", &raw.summary, limits::SUMMARY),
        ("`slug`", &raw.slug, limits::NAME),
        ("`translation_key`", &raw.translation_key, limits::NAME),
        ("`image`", &raw.image, limits::URL),
    ] {
        if let Some(value) = value {
            text(what, value, limit);
        }
    }
    for tag in &raw.tags {
        text("a tag", tag, limits::NAME);
    }
    for author in &raw.authors {
        text("an author", author, limits::NAME);
    }
    for id in &raw.entities {
        text("an entity id", id, limits::NAME);
    }
    for event in &raw.events {
        text("an event's `text`", &event.text, limits::EVENT_TEXT);
    }
    let mut refused = Vec::new();
    for event in &raw.events {
        refused.extend(limits::markup(
            file,
            source,
            || at(&event.text.referenced),
            "an event's `text`",
            &event.text.value,
        ));
    }
    for source_link in &raw.sources {
        let RawSource { title, url } = &source_link.value;
        text("a source's `title`", title, limits::NAME);
        text("a source's `url`", url, limits::URL);
        if !crate::markdown::references::safe_link(&url.value) {
            let (line, column) = at(&url.referenced);
            refused.push(
                Diagnostic::error(
                    file,
                    format!(
                        "the source `url: {}` is not a web address brief can link to",
                        url.value.escape_debug()
                    ),
                )
                .at(source, line, column)
                .help("write the http(s) address of the source, e.g. `url: https://www.reuters.com/…`; other schemes (`javascript:`, `data:`, `file:`) are refused"),
            );
        }
    }
    errors.extend(refused);
    let first = |list: &[Spanned<String>]| list.first().map(|s| at(&s.referenced));
    for (what, count, place, limit) in [
        ("`tags`", raw.tags.len(), first(&raw.tags), limits::ITEMS),
        (
            "`authors`",
            raw.authors.len(),
            first(&raw.authors),
            limits::ITEMS,
        ),
        (
            "`entities`",
            raw.entities.len(),
            first(&raw.entities),
            limits::ITEMS,
        ),
        (
            "`sources`",
            raw.sources.len(),
            raw.sources.first().map(|s| at(&s.referenced)),
            limits::ITEMS,
        ),
        (
            "`events`",
            raw.events.len(),
            raw.events.first().map(|e| at(&e.text.referenced)),
            limits::EVENTS,
        ),
    ] {
        if let Some(place) = place {
            errors.extend(limits::items(file, source, place, what, count, limit));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The errors of this module for a front matter written between `---` lines.
    fn errors(yaml: &str) -> Vec<Diagnostic> {
        let source = format!("---\n{yaml}---\n");
        let raw: Raw = serde_saphyr::from_str(yaml).unwrap();
        front_matter(Path::new("content/a.ar.md"), &source, &raw, 1)
    }

    #[test]
    fn draft_must_be_a_boolean() {
        let cases = [
            (
                "draft: \"yes\"",
                "`draft` is \"yes\", not `true` or `false`",
            ),
            ("draft: نعم", "`draft` is \"نعم\", not `true` or `false`"),
            ("draft: 1", "`draft` is 1, not `true` or `false`"),
            ("draft: [x]", "`draft` is a list, not `true` or `false`"),
        ];
        for (line, message) in cases {
            let found = errors(&format!("title: عنوان\ndate: 2025-02-12\n{line}\n"));
            assert_eq!(found[0].message, message, "{line}");
            assert_eq!((found[0].line, found[0].column), (4, 8), "{line}");
        }
        // Unquoted `yes`/`no` are YAML 1.1 booleans, and mean what the writer meant.
        let accepted = [
            ("draft: true", Some(Flag::Bool(true))),
            ("draft: false", Some(Flag::Bool(false))),
            ("draft: yes", Some(Flag::Bool(true))),
            ("", None),
        ];
        for (line, draft) in accepted {
            let yaml = format!("title: عنوان\ndate: 2025-02-12\n{line}\n");
            let raw: Raw = serde_saphyr::from_str(&yaml).unwrap();
            assert_eq!(raw.draft.map(|d| d.value), draft, "{line}");
            assert!(errors(&yaml).is_empty(), "{line}");
        }
    }

    #[test]
    fn front_matter_that_is_never_closed_or_late() {
        let cases = [
            (
                "---\ntitle: عنوان\ndate: 2025-02-12\n\nنص\n",
                1,
                "the front matter is never closed",
            ),
            (
                "\n\n---\ntitle: x\ndate: 2025-02-12\n---\n",
                3,
                "the front matter must start on the first line",
            ),
            ("title: x\n", 1, "the file has no front matter"),
        ];
        for (source, line, message) in cases {
            let found = no_front_matter(Path::new("content/a.ar.md"), source);
            assert_eq!((found.line, found.message.as_str()), (line, message));
        }
    }

    #[test]
    fn values_over_the_limits_are_errors() {
        let long = "ب".repeat(limits::TITLE + 1);
        let yaml = format!("title: {long}\ndate: 2025-02-12\ntags: [سوريا, {long}]\n");
        let found: Vec<_> = errors(&yaml)
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect();
        assert_eq!(
            found,
            [
                (2, 8, "`title` is longer than 1000 characters".to_string()),
                (4, 15, "a tag is longer than 300 characters".to_string()),
            ]
        );
    }

    #[test]
    fn a_refused_source_url_is_placed_at_its_value() {
        // (the `sources:` entry, the line and column of its URL's value)
        let cases = [
            (
                "  - title: \"رابط\"\n    url: \"JaVaScRiPt:alert(1)\"\n",
                (6, 10),
            ),
            ("  - url: data:text/html,x\n    title: RIA\n", (5, 10)),
            (
                "  - {title: \"Wire\", url: \"file:///etc/passwd\"}\n",
                (5, 26),
            ),
        ];
        for (entry, place) in cases {
            let yaml = format!("title: عنوان\ndate: 2025-02-12\nsources:\n{entry}");
            let found = errors(&yaml);
            assert_eq!(found.len(), 1, "{entry}");
            assert!(found[0].message.starts_with("the source `url: "), "{entry}");
            assert_eq!((found[0].line, found[0].column), place, "{entry}");
        }
        let long = format!("https://ria.ru/{}", "a".repeat(limits::URL));
        let yaml = format!(
            "title: عنوان\ndate: 2025-02-12\nsources:\n  - title: RIA Novosti\n    url: {long}\n"
        );
        let found: Vec<_> = errors(&yaml)
            .into_iter()
            .map(|d| (d.line, d.column))
            .collect();
        assert_eq!(found, [(6, 10)]);
    }
}
