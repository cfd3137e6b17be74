//! One Markdown file's text → its [`FrontMatter`] and body, with every problem as a
//! diagnostic that points at the line of the `.md` file.

use std::path::Path;

use serde_saphyr::Spanned;

use super::raw::Raw;
pub use super::raw::SourceLink;
use crate::diagnostic::{self, Diagnostic};
use crate::text::dates::{PartialDate, Precision};

#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatter {
    pub title: String,
    pub date: PartialDate,
    pub updated: Option<PartialDate>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub entities: Vec<Ref>,
    pub events: Vec<EventEntry>,
    pub sources: Vec<SourceLink>,
    pub authors: Vec<String>,
    pub draft: bool,
    /// The feature image: a file of the bundle, a root-relative or an http(s) URL.
    pub image: Option<String>,
    /// Its description for readers who cannot see it.
    pub image_alt: Option<String>,
    /// Who made it, shown under it.
    pub image_credit: Option<String>,
    pub translation_key: Option<String>,
    /// Old URLs of this page, below the site's base path (`aliases:`).
    pub aliases: Vec<Ref>,
}

/// A value written in front matter (an entity id, an alias), with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub id: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventEntry {
    pub id: Option<String>,
    pub date: PartialDate,
    pub text: String,
    pub entities: Vec<Ref>,
    pub line: usize,
}

/// The keys front matter may have; anything else is a warning.
pub const KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "slug",
    "tags",
    "entities",
    "events",
    "sources",
    "authors",
    "draft",
    "image",
    "image_alt",
    "image_credit",
    "translation_key",
    "aliases",
];

/// The keys of one entry of `events:`; any other is an error.
pub const EVENT_KEYS: &[&str] = &["id", "date", "text", "entities"];

/// The keys of one entry of `sources:`; any other is an error.
pub const SOURCE_KEYS: &[&str] = &["title", "url"];

/// A file split into its front matter and body.
#[derive(Debug)]
pub struct Parsed {
    pub front: FrontMatter,
    /// Byte offset of the body in the file text.
    pub body_start: usize,
    /// 1-based line of the body's first line.
    pub body_line: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Splits and parses one file. `file` is the path shown in messages.
pub fn parse(file: &Path, source: &str) -> Result<Parsed, Vec<Diagnostic>> {
    let Some((yaml, body_start)) = split(source) else {
        return Err(vec![super::raw::no_front_matter(file, source)]);
    };
    // The YAML starts on line 2, below the opening `---`.
    const OFFSET: usize = 1;
    let raw: Raw = serde_saphyr::from_str(yaml).map_err(|e| {
        vec![crate::yaml::diagnostic(
            file,
            source,
            &e,
            OFFSET,
            crate::yaml::Document::FrontMatter,
        )]
    })?;
    // Metadata that pages show as text or drop is a warning; the rest are errors.
    let (mut errors, mut warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        super::raw::front_matter(file, source, &raw, OFFSET)
            .into_iter()
            .partition(|d| d.severity == crate::diagnostic::Severity::Error);

    for (index, key) in top_level_keys(yaml).filter(|(_, k)| !KEYS.contains(k)) {
        let line = index + 1 + OFFSET;
        let mut warning = Diagnostic::warning(file, format!("unknown front-matter key `{key}`"))
            .at(source, line, 1)
            .label("brief ignores this key");
        warning.help = Some(match diagnostic::did_you_mean(key, KEYS.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the keys are: {}", KEYS.join(", ")),
        });
        warnings.push(warning);
    }

    let mut date_at = |spanned: &Spanned<String>, what: &str| -> Option<PartialDate> {
        let line = spanned.referenced.line() as usize + OFFSET;
        let column = spanned.referenced.column() as usize;
        match PartialDate::parse(spanned.value.trim()) {
            Ok(date) => Some(date),
            Err(e) => {
                errors.push(
                    Diagnostic::error(file, format!("{what}: {}", e.message))
                        .at(source, line, column)
                        .width(spanned.value.trim().chars().count())
                        .label("not a valid date")
                        .help(e.help),
                );
                None
            }
        }
    };
    let date = date_at(&raw.date, "`date`");
    let updated = raw.updated.as_ref().and_then(|u| date_at(u, "`updated`"));
    let mut events = Vec::with_capacity(raw.events.len());
    for event in &raw.events {
        if let Some(date) = date_at(&event.date, "event date") {
            let line = event.date.referenced.line() as usize + OFFSET;
            events.push(EventEntry {
                id: event.id.clone(),
                date,
                text: event.text.value.trim().to_string(),
                entities: event.entities.iter().map(to_ref).collect(),
                line,
            });
        }
    }
    for event in &raw.events {
        if event.text.value.trim().is_empty() || event.text.value.trim().contains('\n') {
            errors.push(
                Diagnostic::error(file, "an event's `text` must be one non-empty line")
                    .at(
                        source,
                        event.text.referenced.line() as usize + OFFSET,
                        event.text.referenced.column() as usize,
                    )
                    .help("write the event as one line, e.g. `text: Bogdanov visits Damascus`"),
            );
        }
    }
    if let Some(date) = &date
        && date.precision() < Precision::Day
    {
        errors.push(
            Diagnostic::error(
                file,
                format!("a briefing's `date` needs a day, not only `{date}`"),
            )
            .at(
                source,
                raw.date.referenced.line() as usize + OFFSET,
                raw.date.referenced.column() as usize,
            )
            .help("write the publication date as YYYY-MM-DD; partial dates belong in `events`"),
        );
    }
    if raw.title.value.trim().is_empty() {
        errors.push(
            Diagnostic::error(file, "`title` is empty")
                .at(
                    source,
                    raw.title.referenced.line() as usize + OFFSET,
                    raw.title.referenced.column() as usize,
                )
                .help("give the briefing a title"),
        );
    }
    let slug = match &raw.slug {
        Some(s)
            if s.value.contains('/')
                || s.value.trim().is_empty()
                || s.value.trim_matches('.').is_empty() =>
        {
            errors.push(
                Diagnostic::error(
                    file,
                    format!("`slug: {}` is not a single URL segment", s.value),
                )
                .at(
                    source,
                    s.referenced.line() as usize + OFFSET,
                    s.referenced.column() as usize,
                )
                .help("a slug is one word or words-with-hyphens, without `/`"),
            );
            None
        }
        Some(s) => Some(crate::text::slug::slugify(&s.value)),
        None => None,
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(date) = date else {
        return Err(errors);
    };
    Ok(Parsed {
        front: FrontMatter {
            title: raw.title.value.trim().to_string(),
            date,
            updated,
            summary: raw
                .summary
                .map(|s| s.value.trim().to_string())
                .filter(|s| !s.is_empty()),
            slug,
            tags: {
                let mut tags: Vec<String> = (raw.tags.iter())
                    .map(|t| t.value.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                tags.shrink_to_fit();
                tags
            },
            entities: raw.entities.iter().map(to_ref).collect(),
            events,
            sources: exact(raw.sources, |s| SourceLink {
                title: s.value.title.value,
                url: s.value.url.value,
            }),
            authors: exact(raw.authors, |a| a.value),
            draft: raw
                .draft
                .is_some_and(|d| d.value == super::raw::Flag::Bool(true)),
            image: raw.image.map(|i| i.value),
            translation_key: raw.translation_key.map(|k| k.value),
            aliases: raw.aliases.iter().map(to_ref).collect(),
            image_alt: raw.image_alt.map(|i| i.value),
            image_credit: raw.image_credit.map(|i| i.value),
        },
        body_start,
        body_line: source[..body_start].lines().count() + 1,
        warnings,
    })
}

/// The keys of a block mapping at the top of `yaml`, with their 0-based line: lines
/// that start at column 0 with `key:`. The YAML has already parsed, so this only needs
/// to find names, and it saves parsing every file twice.
fn top_level_keys(yaml: &str) -> impl Iterator<Item = (usize, &str)> {
    yaml.lines().enumerate().filter_map(|(i, line)| {
        if line.starts_with([' ', '\t', '-', '#', '"', '\'', '[', '{']) {
            return None;
        }
        let (key, _) = line.split_once(':')?;
        let key = key.trim_end();
        (!key.is_empty()).then_some((i, key))
    })
}

/// `items` mapped into a vector of their number. (`collect` would keep the spanned
/// values' larger allocation, several times the room needed, for as long as the
/// article lives: 24 MB of sources at 10,000 pairs.)
fn exact<T, U>(items: Vec<T>, f: impl FnMut(T) -> U) -> Vec<U> {
    let mut out = Vec::with_capacity(items.len());
    out.extend(items.into_iter().map(f));
    out
}

fn to_ref(spanned: &Spanned<String>) -> Ref {
    Ref {
        id: spanned.value.trim().to_string(),
        line: spanned.referenced.line() as usize + 1,
        column: spanned.referenced.column() as usize,
    }
}

/// Finds the YAML between a first line `---` and the next `---` (or `...`) line.
/// Returns the YAML text and the byte offset where the body starts.
pub fn split(source: &str) -> Option<(&str, usize)> {
    // Some Windows editors start UTF-8 files with a byte-order mark.
    let bom = if source.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let first_end = bom + source[bom..].find('\n')?;
    if source[bom..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = first_end + 1;
    let mut offset = yaml_start;
    for line in source[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Some((&source[yaml_start..offset], offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The line of `key:` in the front matter of `source` (a whole `.md` file), or 0.
pub fn key_line(source: &str, key: &str) -> usize {
    match split(source) {
        Some((yaml, _)) => match crate::config::key_line(yaml, key) {
            0 => 0,
            // The YAML starts below the opening `---`.
            line => line + 1,
        },
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_of_keys_are_the_keys_parsed() {
        use crate::content::raw::{Raw, RawEvent, RawSource};
        use crate::diagnostic::fields_of;
        assert_eq!(fields_of::<Raw>(), KEYS);
        assert_eq!(fields_of::<RawEvent>(), EVENT_KEYS);
        assert_eq!(fields_of::<SourceLink>(), SOURCE_KEYS);
        assert_eq!(fields_of::<RawSource>(), SOURCE_KEYS);
    }

    fn parse_str(source: &str) -> Result<Parsed, Vec<Diagnostic>> {
        parse(Path::new("content/a.ar.md"), source)
    }

    #[test]
    fn splits_front_matter_and_body() {
        let source = "---\ntitle: اتصال بوتين\ndate: 2025-02-12\ntags: [سوريا, Russia]\n---\n\nنص **الخبر**.\n";
        let parsed = parse_str(source).unwrap();
        assert_eq!(parsed.front.title, "اتصال بوتين");
        assert_eq!(parsed.front.tags, ["سوريا", "Russia"]);
        assert_eq!(&source[parsed.body_start..], "\nنص **الخبر**.\n");
        assert_eq!(parsed.body_line, 6);
    }

    #[test]
    fn errors_point_at_file_lines() {
        let cases = [
            (
                "---\ntitle: x\ndate: 2025-02-30\n---\n",
                3,
                "`date`: invalid date",
            ),
            (
                "---\ntitle: x\ndate: 2025-02-12\ntags: 5\n---\n",
                4,
                "this key takes a list",
            ),
            (
                "---\ndate: 2025-02-12\n---\n",
                1,
                "the front matter has no `title`",
            ),
            (
                "---\ntitle: x\ndate: 2025-02\n---\n",
                3,
                "a briefing's `date` needs a day",
            ),
            (
                "---\ntitle: x\ndate: 2025-02-12\nevents:\n  - date: 2025-13\n    text: y\n---\n",
                5,
                "event date: ",
            ),
            ("title: x\n", 1, "the file has no front matter"),
            ("---\ntitle: x\ndate:\n---\n", 3, "this key has no value"),
        ];
        for (source, line, message) in cases {
            let errors = parse_str(source).unwrap_err();
            assert_eq!(errors[0].line, line, "{source}: {errors:?}");
            assert!(
                errors[0].message.starts_with(message),
                "{source}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn the_parsed_lists_take_the_room_they_need() {
        // Collected in place, each list kept the room of its spanned YAML values:
        // several times its size, for every article of a build.
        let parsed = parse_str(
            "---\ntitle: x\ndate: 2025-02-12\ntags: [سوريا, Russia, HTS]\nauthors: [Lina, رامي]\nsources:\n  - title: SANA\n    url: https://sana.sy/x\n  - title: TASS\n    url: https://tass.com/y\nevents:\n  - date: 2025-02\n    text: اتصال\n---\n",
        )
        .unwrap();
        let front = &parsed.front;
        assert_eq!(front.tags.capacity(), 3);
        assert_eq!(front.authors.capacity(), 2);
        assert_eq!(front.sources.capacity(), 2);
        assert_eq!(front.events.capacity(), 1);
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_fine() {
        let source = "\u{feff}---\r\ntitle: عنوان\r\ndate: 2025-02-12\r\n---\r\nنص\r\n";
        let parsed = parse_str(source).unwrap();
        assert_eq!(parsed.front.title, "عنوان");
        assert_eq!(&source[parsed.body_start..], "نص\r\n");
    }

    #[test]
    fn unknown_keys_warn_with_a_suggestion() {
        let parsed = parse_str("---\ntitle: x\ndate: 2025-02-12\nsumary: y\n---\n").unwrap();
        assert_eq!(parsed.warnings.len(), 1);
        assert_eq!(
            parsed.warnings[0].message,
            "unknown front-matter key `sumary`"
        );
        assert_eq!(parsed.warnings[0].line, 4);
        assert_eq!(
            parsed.warnings[0].help.as_deref(),
            Some("did you mean `summary`?")
        );
    }

    #[test]
    fn entity_refs_remember_their_lines() {
        let parsed = parse_str(
            "---\ntitle: x\ndate: 2025-02-12\nentities:\n  - putin\n  - al-sharaa\n---\n",
        )
        .unwrap();
        let refs: Vec<_> = parsed
            .front
            .entities
            .iter()
            .map(|r| (r.id.as_str(), r.line))
            .collect();
        assert_eq!(refs, [("putin", 5), ("al-sharaa", 6)]);
    }
}
