//! Property tests: front matter, `brief.yaml` and the registry (valid documents with
//! random edits: characters a writer types, YAML punctuation, tabs, curly quotes,
//! Arabic), the Markdown pipeline, the entity matcher, slugs and dates. Each property
//! holds for any input: no panic, every diagnostic points inside the file, every
//! mention is a well-formed range, and so on.
//!
//! `PROPTEST_CASES` sets the number of cases per property (see [`cases`]);
//! `bench/fuzz.sh MINUTES` runs them again and again with fresh seeds for as long as
//! asked, and prints how many cases ran.

use std::path::Path;

use proptest::prelude::*;

use crate::config::{Config, Direction, LinkMode};
use crate::content::front_matter;
use crate::diagnostic::Diagnostic;
use crate::entities::matcher::{Alias, Matcher};
use crate::entities::registry::Registry;
use crate::markdown::{self, Options};
use crate::text::dates::PartialDate;
use crate::text::slug;

const FRONT: &str = "---\ntitle: \"اتصال بين Putin ودمشق\"\ndate: 2025-02-12\nsummary: ملخص عن RIA Novosti\ntags: [سوريا, Russia]\nentities: [putin]\ndraft: false\nevents:\n  - date: 2025-01\n    text: اتصال أول\nsources:\n  - title: TASS\n    url: https://tass.com/x\n---\n\nنص عن **بوتين** و`code` ودمشق.\n";

const CONFIG: &str = "title:\n  ar: موجز\n  en: Brief\nbase_url: https://org.github.io/briefings/\nlanguages:\n  - code: ar\n    date_style: dual\n  - code: en\npaginate: 5\ncname: news.example.org\n";

const REGISTRY: &str = "putin:\n  kind: person\n  wikidata: Q7747\n  names:\n    ar: [فلاديمير بوتين, بوتين]\n    en: [Vladimir Putin, Putin]\ndamascus:\n  kind: place\n  names: {ar: [دمشق], en: [Damascus]}\n";

/// Characters writers type, and those YAML and Markdown give meaning to.
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        prop::sample::select(vec![
            ':', '"', '\'', '\t', '\n', ' ', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>',
            '%', '@', '`', ',', '?', '\\', '“', '”', '«', '»', '\u{feff}', '\u{200c}', '\u{0}',
            '\r', '<', '/', '_', '=',
        ]),
        prop::char::range('\u{0621}', '\u{064A}'),
        prop::char::range('a', 'z'),
        prop::char::range('0', '9'),
        any::<char>(),
    ]
}

/// `base` with up to a dozen characters inserted, replaced or deleted at random.
fn edited(base: &'static str) -> impl Strategy<Value = String> {
    prop::collection::vec((any::<prop::sample::Index>(), 0..3u8, typed_char()), 0..12).prop_map(
        move |edits| {
            let mut chars: Vec<char> = base.chars().collect();
            for (at, how, c) in edits {
                let i = at.index(chars.len() + 1);
                match how {
                    0 => chars.insert(i, c),
                    1 if i < chars.len() => chars[i] = c,
                    _ if i < chars.len() => {
                        chars.remove(i);
                    }
                    _ => chars.push(c),
                }
            }
            chars.into_iter().collect()
        },
    )
}

/// Pieces of Markdown and HTML that try to smuggle a tag or a script link through
/// untrusted text, with Arabic and Latin words between them.
fn untrusted_pieces() -> impl Strategy<Value = Vec<&'static str>> {
    prop::collection::vec(
        prop::sample::select(vec![
            "<script>",
            "</script>",
            "<img src=x onerror=alert(1)>",
            "<!--",
            "-->",
            "<b>",
            "[x](",
            "javascript:alert(1)",
            "JaVaScRiPt:",
            "java\tscript:",
            "data:text/html,",
            ")",
            "<",
            ">",
            "](",
            "![a](",
            "\n",
            "\n\n",
            "    ",
            "`",
            "&lt;",
            "&#106;",
            "<https://x.org>",
            "<javascript:x>",
            "قال بوتين",
            "Putin 2025",
            "\"",
            "'",
        ]),
        0..16,
    )
}

fn config() -> Config {
    Config::parse(Path::new("brief.yaml"), CONFIG).unwrap()
}

/// Every diagnostic names a line of the file (or none) and a column from 1, and
/// renders without panicking.
fn well_placed(source: &str, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let lines = source.split('\n').count();
    for d in diagnostics {
        prop_assert!(d.line <= lines, "line {} of {lines}: {d:?}", d.line);
        prop_assert!(d.line == 0 || d.column >= 1, "{d:?}");
        prop_assert!(!d.message.is_empty());
        let _ = d.render();
    }
    Ok(())
}

/// `PROPTEST_CASES` cases per property, 2,000 when unset (about half a minute in
/// all in a debug build).
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000);
    ProptestConfig::with_cases(cases)
}

proptest! {
    #![proptest_config(cases())]

    #[test]
    fn front_matter_never_panics_and_points_inside_the_file(source in edited(FRONT)) {
        match front_matter::parse(Path::new("content/a.ar.md"), &source) {
            Ok(parsed) => {
                prop_assert!(parsed.body_start <= source.len());
                prop_assert!(!parsed.front.title.is_empty());
                well_placed(&source, &parsed.warnings)?;
            }
            Err(errors) => {
                prop_assert!(errors.iter().any(Diagnostic::is_error));
                well_placed(&source, &errors)?;
            }
        }
    }

    #[test]
    fn config_never_panics(source in edited(CONFIG)) {
        if let Err(errors) = Config::parse(Path::new("brief.yaml"), &source) {
            prop_assert!(!errors.is_empty());
            well_placed(&source, &errors)?;
        }
    }

    #[test]
    fn registry_never_panics(source in edited(REGISTRY)) {
        let (registry, problems) = Registry::parse(Path::new("content/entities.yaml"), &source, &config());
        well_placed(&source, &problems)?;
        let _ = registry.matcher();
    }

    #[test]
    fn markdown_never_panics_and_balances_isolation(body in edited(FRONT)) {
        let registry = Registry::parse(Path::new("e.yaml"), REGISTRY, &config()).0;
        let matcher = registry.matcher();
        let urls = vec!["/ar/e/putin/".to_string(), "/ar/e/damascus/".to_string()];
        for dir in [Direction::Rtl, Direction::Ltr] {
            let options = Options {
                dir,
                base_path: "/briefings/",
                matcher: Some(&matcher),
                entity_urls: &urls,
                link_mode: LinkMode::First,
                named: &[],
                resolve_asset: None,
                resolve_image: None,
                trusted: true,
                resolve_link: None,
            };
            let html = markdown::render(&body, &options).html;
            if !body.contains('<') {
                prop_assert_eq!(html.matches("<bdi").count(), html.matches("</bdi>").count(), "{}", html);
            }
        }
    }

    #[test]
    fn untrusted_markdown_never_carries_a_tag_or_a_script_link(pieces in untrusted_pieces()) {
        let text: String = pieces.concat();
        for dir in [Direction::Rtl, Direction::Ltr] {
            let rendered = markdown::render(&text, &markdown::metadata_options(dir, "/"));
            let lower = rendered.html.to_ascii_lowercase();
            // Every tag is one Markdown writes; nothing the text wrote is a tag.
            for tag in lower.split('<').skip(1) {
                let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
                prop_assert!(
                    ["p", "a", "img", "bdi", "code", "pre", "em", "strong", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr"].contains(&name.as_str()),
                    "<{} in {:?} from {:?}", name, rendered.html, text
                );
            }
            prop_assert!(!lower.contains("href=\"javascript") && !lower.contains("src=\"javascript") && !lower.contains("src=\"data"), "{:?}", rendered.html);
        }
    }

    #[test]
    fn mentions_are_ordered_ranges_on_character_boundaries(text in edited("قال فلاديمير بوتين للأسد في دمشق إن Putin's call مع الشرع وبوتين.")) {
        let aliases = ["فلاديمير بوتين", "بوتين", "الأسد", "دمشق", "Putin", "الشرع"];
        let matcher = Matcher::new(aliases.iter().enumerate().map(|(entity, text)| Alias { entity, text }));
        let mut last_end = 0;
        for m in matcher.find(&text) {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            prop_assert!(m.start >= last_end, "overlap in {text:?}");
            last_end = m.end;
        }
    }

    #[test]
    fn slugs_are_one_clean_segment_and_stable(text in "\\PC{0,40}") {
        let slug = slug::slugify(&text);
        prop_assert!(!slug.is_empty());
        prop_assert!(!slug.contains(['/', '?', '#', ' ', '\t', '\n']), "{slug:?}");
        prop_assert_eq!(slug::slugify(&slug), slug.clone());
    }

    #[test]
    fn dates_read_back_as_written(text in "[0-9٠-٩TZ:+. -]{0,30}") {
        if let Ok(date) = PartialDate::parse(&text) {
            let again = PartialDate::parse(date.as_written());
            prop_assert!(again.is_ok(), "{text:?}");
            prop_assert_eq!(again.ok().map(|d| d.sort_key()), Some(date.sort_key()));
            prop_assert!(PartialDate::parse(&date.date_string()).is_ok(), "{text:?}");
        }
    }
}
