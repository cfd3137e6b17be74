//! `brief.yaml` → [`Config`]: the site's languages, base URL and house style.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{self, Diagnostic};
use crate::text::date_format::DateStyle;
use crate::text::digits::Digits;

#[derive(Debug, Clone)]
pub struct Config {
    pub title: BTreeMap<String, String>,
    pub description: BTreeMap<String, String>,
    /// Always ends with `/`, e.g. `https://org.github.io/briefings/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/`: `/briefings/`.
    pub base_path: String,
    /// In order; the first is the default language.
    pub languages: Vec<Language>,
    pub paginate: usize,
    pub entity_links: LinkMode,
    pub cname: Option<String>,
    pub theme: Option<String>,
    /// Interface string overrides per language.
    pub strings: BTreeMap<String, BTreeMap<String, StringValue>>,
    /// Entity kinds the site declares beyond person, organization and place, with
    /// their heading per language.
    pub kinds: BTreeMap<String, BTreeMap<String, String>>,
    pub author: Option<String>,
    /// Whether the build writes the full-text search index and page (`search: false`
    /// turns both off).
    pub search: bool,
    /// Whether raw HTML and links of any scheme in Markdown bodies are trusted
    /// (`unsafe_html: false` shows raw HTML as text and drops `javascript:` links,
    /// for desks that publish contributions). Metadata is never trusted.
    pub unsafe_html: bool,
    /// The picture of a briefing without its own `image:` (a root-relative path into
    /// `static/` or an http(s) URL).
    pub image: Option<String>,
    /// The desk's logo: in the header, and as the JSON-LD publisher's logo.
    pub logo: Option<String>,
    /// Whether the build draws a social card for each briefing without its own picture
    /// (`social_cards: false` turns them off).
    pub social_cards: bool,
    /// Who the names in front matter `authors:` are, by name as written.
    pub authors: BTreeMap<String, Author>,
    /// The zone of every timestamp written without an offset, and of the midnight a
    /// date-only value stands for where a full timestamp is needed (Atom, sitemap).
    pub timezone: jiff::tz::TimeZone,
}

/// An author named in front matter, as `authors:` in brief.yaml describes them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Their page (a profile, the desk's site).
    #[serde(default)]
    pub url: Option<String>,
    /// `person` (the default) or `organization`.
    #[serde(default)]
    pub kind: AuthorKind,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuthorKind {
    #[default]
    Person,
    Organization,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub dir: Direction,
    pub date_style: DateStyle,
    pub digits: Digits,
    /// For `og:locale`, e.g. `ar_AR`.
    pub locale: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }

    /// The direction of the language's likely script in CLDR (ICU data); left to
    /// right for a code ICU cannot read.
    pub fn of_language(code: &str) -> Direction {
        match crate::text::locale::is_right_to_left(code) {
            Some(true) => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

/// Which mentions of an entity in an article link to the entity's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkMode {
    First,
    All,
    None,
}

/// An interface string: plain, or with plural forms (CLDR categories).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum StringValue {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: PerLanguage,
    #[serde(default)]
    description: Option<PerLanguage>,
    base_url: String,
    languages: Vec<RawLanguage>,
    #[serde(default)]
    paginate: Option<usize>,
    #[serde(default)]
    entity_links: Option<LinkMode>,
    #[serde(default)]
    cname: Option<String>,
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    strings: BTreeMap<String, BTreeMap<String, StringValue>>,
    #[serde(default)]
    kinds: BTreeMap<String, BTreeMap<String, String>>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    search: Option<bool>,
    #[serde(default)]
    unsafe_html: Option<bool>,
    image: Option<String>,
    #[serde(default)]
    logo: Option<String>,
    #[serde(default)]
    social_cards: Option<bool>,
    #[serde(default)]
    authors: BTreeMap<String, Author>,
    #[serde(default)]
    timezone: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PerLanguage {
    Same(String),
    Each(BTreeMap<String, String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLanguage {
    code: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    dir: Option<String>,
    #[serde(default)]
    date_style: Option<String>,
    #[serde(default)]
    digits: Option<String>,
    #[serde(default)]
    locale: Option<String>,
}

pub const FILE: &str = "brief.yaml";

/// The keys `brief.yaml` accepts at its top level; any other is an error with a
/// "did you mean" (serde's `deny_unknown_fields` on [`RawConfig`], whose fields a
/// test holds equal to this list). The user guide's configuration reference lists
/// exactly these, and a test holds it to that.
pub const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "languages",
    "paginate",
    "entity_links",
    "cname",
    "theme",
    "strings",
    "kinds",
    "author",
    "search",
    "unsafe_html",
    "image",
    "logo",
    "social_cards",
    "authors",
    "timezone",
];

/// The keys of one entry of `languages:`, held like [`KEYS`].
pub const LANGUAGE_KEYS: &[&str] = &["code", "name", "dir", "date_style", "digits", "locale"];

impl Config {
    /// Parses `brief.yaml`; `file` is the path shown in messages.
    pub fn parse(file: &Path, source: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = &*crate::text::normalize::nfc(source);
        let raw: RawConfig = serde_saphyr::from_str(source).map_err(|e| {
            vec![crate::yaml::diagnostic(
                file,
                source,
                &e,
                0,
                crate::yaml::Document::Config,
            )]
        })?;
        let mut problems = Vec::new();
        let at = |key: &str| key_line(source, key);

        let mut languages = Vec::new();
        for lang in raw.languages {
            let code = lang.code.trim().to_string();
            let line = key_value_line(source, "code", &code);
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                problems.push(
                    Diagnostic::error(file, format!("`{code}` is not a language code"))
                        .at(source, line, 1)
                        .help("use an ISO 639-1 code such as `ar` or `en`"),
                );
                continue;
            }
            if languages.iter().any(|l: &Language| l.code == code) {
                problems.push(
                    Diagnostic::error(file, format!("language `{code}` is listed twice"))
                        .at(source, line, 1)
                        .help("list each language once"),
                );
                continue;
            }
            let dir = match lang.dir.as_deref() {
                None if crate::text::locale::is_right_to_left(&code).is_none() => {
                    problems.push(
                        Diagnostic::error(file, format!("brief cannot tell which way `{code}` is written"))
                            .at(source, line, 1)
                            .help("add `dir: rtl` or `dir: ltr` to this language, or use a BCP 47 code such as `ar` or `en-GB`"),
                    );
                    Direction::Ltr
                }
                None => Direction::of_language(&code),
                Some("rtl") => Direction::Rtl,
                Some("ltr") => Direction::Ltr,
                Some(other) => {
                    problems.push(
                        Diagnostic::error(file, format!("`dir: {other}` is not a direction"))
                            .at(source, key_value_line(source, "dir", other), 1)
                            .help("use `rtl` or `ltr`, or leave it out to derive it from the code"),
                    );
                    Direction::of_language(&code)
                }
            };
            let date_style =
                match lang.date_style.as_deref() {
                    None => DateStyle::default_for(&code),
                    Some(name) => DateStyle::parse(name).unwrap_or_else(|| {
                        let mut d = Diagnostic::error(file, format!("unknown date style `{name}`"))
                            .at(source, key_value_line(source, "date_style", name), 1);
                        d.help = Some(
                            match diagnostic::did_you_mean(name, DateStyle::NAMES.iter().copied()) {
                                Some(near) => format!(
                                    "did you mean `{near}`? (one of {})",
                                    DateStyle::NAMES.join(", ")
                                ),
                                None => format!("use one of {}", DateStyle::NAMES.join(", ")),
                            },
                        );
                        problems.push(d);
                        DateStyle::default_for(&code)
                    }),
                };
            let digits = match lang.digits.as_deref() {
                None => Digits::Western,
                Some(name) => Digits::parse(name).unwrap_or_else(|| {
                    problems.push(
                        Diagnostic::error(file, format!("unknown digits `{name}`"))
                            .at(source, key_value_line(source, "digits", name), 1)
                            .help("use `western` (2025) or `arabic-indic` (٢٠٢٥)"),
                    );
                    Digits::Western
                }),
            };
            let name = lang.name.unwrap_or_else(|| default_name(&code).to_string());
            let locale = lang.locale.unwrap_or_else(|| default_locale(&code));
            languages.push(Language {
                code,
                name,
                dir,
                date_style,
                digits,
                locale,
            });
        }
        if languages.is_empty() && problems.is_empty() {
            problems.push(
                Diagnostic::error(file, "no languages are configured")
                    .at(source, at("languages"), 1)
                    .help("list at least one language, e.g. `languages: [{code: ar}, {code: en}]`"),
            );
        }

        let (base_url, base_path) = match parse_base_url(&raw.base_url) {
            Ok(parts) => parts,
            Err(why) => {
                problems.push(
                    Diagnostic::error(file, format!("`base_url` {why}"))
                        .at(source, at("base_url"), 1)
                        .help("write the address the site is published at, e.g. `https://org.github.io/briefings/`"),
                );
                (String::from("/"), String::from("/"))
            }
        };

        let per_language = |value: Option<PerLanguage>,
                            key: &str,
                            problems: &mut Vec<Diagnostic>| {
            let mut map = BTreeMap::new();
            match value {
                None => {}
                Some(PerLanguage::Same(text)) => {
                    for lang in &languages {
                        map.insert(lang.code.clone(), text.clone());
                    }
                }
                Some(PerLanguage::Each(each)) => {
                    for code in each.keys() {
                        // With no language configured, that error says it all.
                        if !languages.is_empty() && !languages.iter().any(|l| &l.code == code) {
                            problems.push(
                                Diagnostic::error(file, format!("`{key}` has a `{code}` entry but `{code}` is not a configured language"))
                                    .at(source, key_line(source, code), 1)
                                    .help("add the language to `languages`, or remove this entry"),
                            );
                        }
                    }
                    map = each;
                }
            }
            map
        };
        let title = per_language(Some(raw.title), "title", &mut problems);
        let description = per_language(raw.description, "description", &mut problems);
        for code in raw.strings.keys() {
            if !languages.iter().any(|l| &l.code == code) {
                problems.push(
                    Diagnostic::error(file, format!("`strings` has a `{code}` entry but `{code}` is not a configured language"))
                        .at(source, key_line(source, code), 1)
                        .help("add the language to `languages`, or remove this entry"),
                );
            }
        }
        let paginate = raw.paginate.unwrap_or(10);
        if paginate == 0 {
            problems.push(
                Diagnostic::error(file, "`paginate` must be at least 1")
                    .at(source, at("paginate"), 1)
                    .help("the number of briefings per listing page, e.g. `paginate: 10`"),
            );
        }
        let timezone_name = raw.timezone.unwrap_or_else(|| "UTC".to_string());
        let timezone = match time_zone(&timezone_name) {
            Ok(zone) => zone,
            Err(help) => {
                problems.push(
                    Diagnostic::error(
                        file,
                        format!("`timezone: {timezone_name}` is not a time zone brief knows"),
                    )
                    .at(source, at("timezone"), 1)
                    .help(help),
                );
                jiff::tz::TimeZone::UTC
            }
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            title,
            description,
            base_url,
            base_path,
            languages,
            paginate: paginate.max(1),
            entity_links: raw.entity_links.unwrap_or(LinkMode::First),
            cname: raw.cname.filter(|c| !c.trim().is_empty()),
            image: raw.image.filter(|c| !c.trim().is_empty()),
            logo: raw.logo.filter(|c| !c.trim().is_empty()),
            social_cards: raw.social_cards.unwrap_or(true),
            authors: raw.authors,
            theme: raw.theme,
            strings: raw.strings,
            kinds: raw.kinds,
            author: raw.author,
            search: raw.search.unwrap_or(true),
            unsafe_html: raw.unsafe_html.unwrap_or(true),
            timezone,
        })
    }

    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn default_language(&self) -> &Language {
        &self.languages[0]
    }

    /// Replaces the base URL (`brief build --base-url`).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) =
            parse_base_url(url).map_err(|why| format!("--base-url {why}"))?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    pub fn title(&self, lang: &str) -> &str {
        self.title
            .get(lang)
            .or_else(|| self.title.values().next())
            .map_or("", String::as_str)
    }

    pub fn description(&self, lang: &str) -> &str {
        self.description.get(lang).map_or("", String::as_str)
    }
}

/// Splits `https://host/path` into the normalized URL and its path, both ending in
/// `/`. A bare path (`/briefings/`) is allowed too, for sites that do not know their
/// host yet; feeds and sitemaps then carry root-relative URLs.
/// An IANA time zone name → the zone, from the database built into brief (the same
/// on every machine, so two builds of one site agree), or the help for a name it
/// does not know: the nearest known name when there is one.
fn time_zone(name: &str) -> Result<jiff::tz::TimeZone, String> {
    let db = jiff::tz::TimeZoneDatabase::bundled();
    if let Ok(zone) = db.get(name.trim()) {
        return Ok(zone);
    }
    let names: Vec<String> = db.available().map(|n| n.as_str().to_string()).collect();
    let nearest = diagnostic::did_you_mean(name.trim(), names.iter().map(String::as_str));
    Err(match nearest {
        Some(known) => format!(
            "did you mean `timezone: {known}`? Write an IANA time zone name such as `Asia/Damascus`, `Europe/London` or `UTC`"
        ),
        None => "write an IANA time zone name such as `Asia/Damascus`, `Europe/London` or `UTC` (the zone of the newsroom; timestamps written without an offset are read in it)".to_string(),
    })
}

fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    if url
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return Err(format!("`{url}` contains characters a URL cannot"));
    }
    if url.contains('?') || url.contains('#') {
        return Err(format!("`{url}` has a query or fragment"));
    }
    let path = if let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    {
        match rest.find('/') {
            Some(0) | None if rest.is_empty() => return Err(format!("`{url}` has no host")),
            Some(0) => return Err(format!("`{url}` has no host")),
            Some(i) => rest[i..].to_string(),
            None => "/".to_string(),
        }
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        return Err(format!(
            "`{url}` is not an http(s) URL or a path starting with `/`"
        ));
    };
    if path.split('/').any(|seg| seg == ".." || seg == ".") {
        return Err(format!("`{url}` has `.` or `..` in its path"));
    }
    let path = if path.ends_with('/') {
        path
    } else {
        format!("{path}/")
    };
    let prefix = url.strip_suffix('/').unwrap_or(url);
    let base = if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{prefix}/")
    };
    Ok((base, path))
}

fn default_name(code: &str) -> &str {
    match code {
        "ar" => "العربية",
        "en" => "English",
        "fr" => "Français",
        "fa" => "فارسی",
        "he" => "עברית",
        "ur" => "اردو",
        "tr" => "Türkçe",
        "ru" => "Русский",
        _ => code,
    }
}

fn default_locale(code: &str) -> String {
    match code {
        "ar" => "ar_AR".into(),
        "en" => "en_US".into(),
        other if other.contains('-') => other.replace('-', "_"),
        other => format!("{other}_{}", other.to_uppercase()),
    }
}

/// The 1-based line of the first `key:` in a YAML text (0 when absent).
pub fn key_line(source: &str, key: &str) -> usize {
    source
        .lines()
        .position(|line| {
            let t = line.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(0, |i| i + 1)
}

/// The line of `key: value`, falling back to the first `key:`.
fn key_value_line(source: &str, key: &str, value: &str) -> usize {
    source
        .lines()
        .position(|line| {
            let t = line.trim_start().trim_start_matches("- ");
            t.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == value)
        })
        .map_or_else(|| key_line(source, key), |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_of_keys_are_the_keys_parsed() {
        use crate::diagnostic::fields_of;
        assert_eq!(fields_of::<RawConfig>(), KEYS);
        assert_eq!(fields_of::<RawLanguage>(), LANGUAGE_KEYS);
    }

    fn parse(source: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(Path::new("brief.yaml"), source)
    }

    const MINIMAL: &str = "title: {ar: موجز, en: Brief}\nbase_url: https://org.github.io/briefings/\nlanguages:\n  - code: ar\n  - code: en\n";

    #[test]
    fn timezones() {
        // `timezone:` line → the IANA name of the zone, or a part of the help
        #[rustfmt::skip]
        let table: &[(&str, Result<&str, &str>)] = &[
            ("",                          Ok("UTC")),
            ("timezone: Asia/Damascus\n", Ok("Asia/Damascus")),
            ("timezone: europe/london\n", Ok("Europe/London")),
            ("timezone: Asia/Damascas\n", Err("did you mean `timezone: Asia/Damascus`?")),
            ("timezone: +03:00\n",        Err("write an IANA time zone name")),
        ];
        for (line, want) in table {
            let got = parse(&format!("{MINIMAL}{line}"));
            match (got, want) {
                (Ok(config), Ok(name)) => {
                    assert_eq!(config.timezone.iana_name(), Some(*name), "{line:?}")
                }
                (Err(problems), Err(help)) => {
                    let help_text = problems[0].help.clone().unwrap_or_default();
                    assert!(help_text.contains(help), "{line:?}: {help_text}");
                }
                (got, _) => panic!("{line:?}: {:?}", got.map(|c| c.timezone)),
            }
        }
    }

    #[test]
    fn derives_direction_name_and_base_path() {
        let config = parse(MINIMAL).unwrap();
        assert_eq!(config.base_path, "/briefings/");
        assert_eq!(config.base_url, "https://org.github.io/briefings/");
        let dirs: Vec<_> = config
            .languages
            .iter()
            .map(|l| (l.code.as_str(), l.dir, l.name.as_str()))
            .collect();
        assert_eq!(
            dirs,
            [
                ("ar", Direction::Rtl, "العربية"),
                ("en", Direction::Ltr, "English")
            ]
        );
        assert_eq!(config.languages[0].date_style, DateStyle::Dual);
    }

    #[test]
    fn base_urls() {
        let cases = [
            (
                "https://org.github.io/briefings",
                Ok(("https://org.github.io/briefings/", "/briefings/")),
            ),
            ("https://example.org", Ok(("https://example.org/", "/"))),
            ("/sub/", Ok(("/sub/", "/sub/"))),
            ("example.org", Err(())),
            ("https:///x", Err(())),
            ("https://a.org/../x", Err(())),
        ];
        for (input, expected) in cases {
            let got = parse_base_url(input);
            match expected {
                Ok((url, path)) => {
                    assert_eq!(got, Ok((url.to_string(), path.to_string())), "{input}")
                }
                Err(()) => assert!(got.is_err(), "{input}: {got:?}"),
            }
        }
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let source = format!("{MINIMAL}paginat: 5\n");
        let errors = parse(&source).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "unknown key `paginat`");
        assert_eq!(errors[0].line, 6);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `paginate`?"));
    }

    #[test]
    fn unknown_language_key_suggests_the_nearest() {
        let source = MINIMAL.replace("  - code: en\n", "  - code: en\n    digit: western\n");
        let errors = parse(&source).unwrap_err();
        assert_eq!(errors[0].message, "unknown key `digit`");
        assert_eq!(errors[0].line, 6);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `digits`?"));
    }

    #[test]
    fn bad_values_are_all_reported() {
        let source = MINIMAL.replace(
            "  - code: ar\n",
            "  - code: ar\n    date_style: levantin\n    digits: roman\n    dir: up\n",
        );
        let errors = parse(&source).unwrap_err();
        let messages: Vec<_> = errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            messages,
            [
                (7, "`dir: up` is not a direction"),
                (5, "unknown date style `levantin`"),
                (6, "unknown digits `roman`")
            ]
        );
        assert_eq!(
            errors[1]
                .help
                .as_deref()
                .map(|h| h.starts_with("did you mean `levantine`?")),
            Some(true)
        );
    }
}
