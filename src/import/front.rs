//! Front matter of another generator (a YAML or TOML table, as JSON values) → brief's
//! front matter, and brief's front matter → YAML text.

use std::path::Path;

use serde_json::{Map, Value};

/// brief's front matter for one imported page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Front {
    pub title: String,
    /// `YYYY-MM-DD` or an RFC 3339 timestamp.
    pub date: String,
    pub updated: Option<String>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub image: Option<String>,
    /// The picture's alt text: the source's `image_alt`/`alt`, else the title (listed
    /// for review, since a title does not describe a picture).
    pub image_alt: Option<String>,
    pub draft: bool,
    pub translation_key: Option<String>,
    pub aliases: Vec<String>,
}

impl Front {
    pub fn to_yaml(&self) -> String {
        let mut out = format!("title: {}\ndate: {}\n", quote(&self.title), self.date);
        let mut line = |key: &str, value: &Option<String>| {
            if let Some(v) = value {
                out.push_str(&format!("{key}: {}\n", quote(v)));
            }
        };
        line("updated", &self.updated.clone());
        line("summary", &self.summary);
        line("slug", &self.slug);
        line("image", &self.image);
        line("image_alt", &self.image_alt);
        line("translation_key", &self.translation_key);
        for (key, list) in [
            ("tags", &self.tags),
            ("authors", &self.authors),
            ("aliases", &self.aliases),
        ] {
            if !list.is_empty() {
                let items: Vec<String> = list.iter().map(|s| quote(s)).collect();
                out.push_str(&format!("{key}: [{}]\n", items.join(", ")));
            }
        }
        if self.draft {
            out.push_str("draft: true\n");
        }
        out
    }
}

/// How a generator writes front matter, for [`read_page`]: whether TOML between
/// `+++` lines is front matter too, and the report's words for a page without any
/// and for YAML that does not parse.
pub struct Dialect {
    pub toml: bool,
    pub missing: &'static str,
    pub bad_yaml: &'static str,
}

/// Page `relative` below `src`, read for import: the keys and values of its front
/// matter and the body after it. Err: why the page is not imported (the file cannot
/// be read, or [`split`] refuses it), for the report's skipped files.
pub fn read_page(
    dialect: &Dialect,
    src: &Path,
    relative: &Path,
) -> Result<(Map<String, Value>, String), String> {
    let text =
        std::fs::read_to_string(src.join(relative)).map_err(|e| format!("cannot read it: {e}"))?;
    let (data, body) = split(dialect, &text)?;
    Ok((data, body.to_string()))
}

/// A page's text → its front matter (YAML between `---` lines, or where the dialect
/// has it, TOML between `+++`) as JSON values, and the body after it. Empty YAML is
/// no keys. Err: the report's words for a page without front matter, or whose front
/// matter does not parse (or is not keys and values).
pub fn split<'t>(
    dialect: &Dialect,
    text: &'t str,
) -> Result<(Map<String, Value>, &'t str), String> {
    if dialect.toml
        && let Some(rest) = text.strip_prefix("+++")
    {
        let rest = rest
            .trim_start_matches(['\r'])
            .strip_prefix('\n')
            .ok_or("`+++` must be alone on its line")?;
        let end = rest.find("\n+++").ok_or("no closing `+++`")?;
        let table = rest[..end]
            .parse::<toml::Table>()
            .map_err(|e| format!("its TOML front matter does not parse: {e}"))?;
        let body = rest[end + 4..].split_once('\n').map_or("", |(_, b)| b);
        let data = table.into_iter().map(|(k, v)| (k, toml_to_json(v)));
        return Ok((data.collect(), body));
    }
    let (yaml, start) =
        crate::content::front_matter::split(text).ok_or(dialect.missing.to_string())?;
    let data = serde_saphyr::from_str::<Option<Map<String, Value>>>(yaml)
        .map_err(|e| format!("{}: {e}", dialect.bad_yaml))?;
    Ok((data.unwrap_or_default(), &text[start..]))
}

/// A TOML value as the JSON value it reads as (a date and time as its text).
pub fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A page file's name without its Markdown ending (`2015-07-20-intro` of
/// `_posts/2015-07-20-intro.md`, `index.ar` of `index.ar.md`).
pub fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::content::markdown_stem(&name)
        .unwrap_or(&name)
        .to_string()
}

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
pub fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A string, number or boolean as text; anything else `None`.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list (`[a, b]`), or a string of space-separated words (`tags: osdev x86`), as
/// Jekyll reads both.
pub fn words(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// A list, or one string as a one-item list (Hugo's `aliases`, `authors`).
pub fn list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// A date as the other generator writes it → brief's date: `2015-07-20`,
/// `2015-07-20 10:30:00 +0300` (Jekyll), `2024-03-01T09:00:00+03:00` (Hugo, TOML).
/// A time without an offset keeps only the day (brief needs the offset to place it).
pub fn date(text: &str) -> Option<String> {
    let text = text.trim();
    let day = text.get(..10)?;
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let rest = text[10..].trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(day.to_string());
    }
    let (time, zone) = match rest.find(['+', '-', 'Z', ' ']) {
        Some(i) => (&rest[..i], rest[i..].trim()),
        None => (rest, ""),
    };
    let time = match time.len() {
        5 => format!("{time}:00"),
        8 => time.to_string(),
        n if n > 8 && time.as_bytes()[8] == b'.' => time[..8].to_string(),
        _ => return Some(day.to_string()),
    };
    let zone = match zone {
        "Z" => "+00:00".to_string(),
        z if z.len() == 5 && !z.contains(':') => format!("{}:{}", &z[..3], &z[3..]),
        z if z.len() == 6 => z.to_string(),
        _ => return Some(day.to_string()),
    };
    Some(format!("{day}T{time}{zone}"))
}

/// A feature picture's alt text: the source's own (`image_alt`, `alt`), else the
/// title, which the import lists for review (a title does not describe a picture).
pub fn image_alt(
    get: &dyn Fn(&str) -> Option<String>,
    image: Option<&String>,
    title: &str,
) -> Option<String> {
    image?;
    Some(
        ["image_alt", "alt", "image_description"]
            .iter()
            .find_map(|k| get(k))
            .unwrap_or_else(|| title.to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let cases = [
            ("2015-07-20", Some("2015-07-20")),
            (
                "2015-07-20 10:30:00 +0300",
                Some("2015-07-20T10:30:00+03:00"),
            ),
            ("2015-07-20 10:30 +0300", Some("2015-07-20T10:30:00+03:00")),
            (
                "2024-03-01T09:00:00+03:00",
                Some("2024-03-01T09:00:00+03:00"),
            ),
            ("2024-03-01T09:00:00Z", Some("2024-03-01T09:00:00+00:00")),
            (
                "2024-03-01T09:00:00.123-05:00",
                Some("2024-03-01T09:00:00-05:00"),
            ),
            ("2024-03-01 09:00:00", Some("2024-03-01")),
            ("20 July 2015", None),
            ("٢٠١٥-٠٧-٢٠", None),
        ];
        for (input, expected) in cases {
            assert_eq!(date(input).as_deref(), expected, "{input}");
        }
    }

    const HUGO: Dialect = Dialect {
        toml: true,
        missing: "no front matter (`+++` or `---` block)",
        bad_yaml: "its YAML front matter does not parse",
    };
    const JEKYLL: Dialect = Dialect {
        toml: false,
        missing: "no front matter (`---` block)",
        bad_yaml: "its front matter is not valid YAML",
    };

    #[test]
    fn toml_and_yaml_front_matter() {
        let (data, body) = split(&HUGO, "+++\ntitle = \"بيان Moscow\"\ndate = 2024-03-01T09:00:00+03:00\ntags = [\"روسيا\"]\n+++\n\nنص\n").unwrap();
        assert_eq!(data["title"], "بيان Moscow");
        assert_eq!(data["date"], "2024-03-01T09:00:00+03:00");
        assert_eq!(data["tags"], serde_json::json!(["روسيا"]));
        assert_eq!(body, "\nنص\n");
        for dialect in [&HUGO, &JEKYLL] {
            let (data, body) = split(dialect, "---\ntitle: عن Reuters\n---\nx\n").unwrap();
            assert_eq!((data["title"].as_str(), body), (Some("عن Reuters"), "x\n"));
            let (data, _) = split(dialect, "---\n---\nنص\n").unwrap();
            assert!(data.is_empty());
        }
        // (dialect, text, the start of the reason it is refused)
        let refused = [
            (
                &HUGO,
                "+++\ntitle = \n+++\n",
                "its TOML front matter does not parse",
            ),
            (&HUGO, "+++ title\n+++\n", "`+++` must be alone on its line"),
            (&HUGO, "+++\ntitle = \"x\"\n", "no closing `+++`"),
            (
                &HUGO,
                "no front matter",
                "no front matter (`+++` or `---` block)",
            ),
            (
                &HUGO,
                "---\ntitle: [x\n---\n",
                "its YAML front matter does not parse: ",
            ),
            (
                &JEKYLL,
                "+++\ntitle = \"x\"\n+++\n",
                "no front matter (`---` block)",
            ),
            (
                &JEKYLL,
                "---\n- a list\n---\n",
                "its front matter is not valid YAML: ",
            ),
        ];
        for (dialect, text, reason) in refused {
            let why = split(dialect, text).unwrap_err();
            assert!(why.starts_with(reason), "{text:?}: {why}");
        }
    }

    #[test]
    fn words_and_lists() {
        assert_eq!(
            words(&serde_json::json!("osdev x86 إقلاع")),
            ["osdev", "x86", "إقلاع"]
        );
        assert_eq!(
            words(&serde_json::json!(["نظم تشغيل", 2015])),
            ["نظم تشغيل", "2015"]
        );
        assert_eq!(list(&serde_json::json!("/old/")), ["/old/"]);
    }

    #[test]
    fn yaml_quotes_what_yaml_would_misread() {
        let front = Front {
            title: "محمل الإقلاع: الجزء ١ \"Bootloader\"".into(),
            date: "2015-07-20".into(),
            tags: vec!["yes".into(), "#osdev".into()],
            ..Front::default()
        };
        let yaml = front.to_yaml();
        assert_eq!(
            yaml,
            "title: \"محمل الإقلاع: الجزء ١ \\\"Bootloader\\\"\"\ndate: 2015-07-20\ntags: [\"yes\", \"#osdev\"]\n"
        );
        let parsed = crate::content::front_matter::parse(
            std::path::Path::new("x.md"),
            &format!("---\n{yaml}---\n"),
        )
        .expect("brief reads what import writes");
        assert_eq!(parsed.front.tags, ["yes", "#osdev"]);
    }
}
