//! Front matter of another generator (a YAML or TOML table, as JSON values) → brief's
//! front matter, and brief's front matter → YAML text.

use serde_json::Value;

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
