//! A parsed `brief.yaml` → errors for values YAML accepts but a site cannot use: a
//! `cname` that is not a host name (GitHub Pages writes it as the `CNAME` file), a
//! `theme` that is not a plain directory name, and titles or descriptions over the
//! size limits of [`crate::limits`], and author URLs that are not http(s) or mailto.

use std::path::Path;

use crate::config::{Config, key_line};
use crate::diagnostic::Diagnostic;
use crate::limits;

pub fn check(file: &Path, source: &str, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if let Some(cname) = &config.cname
        && !is_host_name(cname.trim())
    {
        let shown: String = cname.escape_debug().collect();
        problems.push(
            Diagnostic::error(file, format!("`cname: \"{shown}\"` is not a host name"))
                .at(source, key_line(source, "cname"), 1)
                .help("write the domain the site is served at, e.g. `cname: news.example.org` (letters, digits, `-` and `.`, no spaces or line breaks)"),
        );
    }
    if let Some(theme) = &config.theme
        && !is_plain_name(theme)
    {
        problems.push(
            Diagnostic::error(file, format!("`theme: {theme}` is not the name of a directory in themes/"))
                .at(source, key_line(source, "theme"), 1)
                .help("write the name of a directory under themes/, e.g. `theme: newsroom`; paths (`/`, `..`) are not allowed"),
        );
    }
    for (name, author) in &config.authors {
        if let Some(url) = &author.url
            && !crate::markdown::references::safe_link(url)
        {
            let (line, column) = source
                .lines()
                .enumerate()
                .find_map(|(i, l)| {
                    l.find(url.as_str())
                        .map(|c| (i + 1, l[..c].chars().count() + 1))
                })
                .unwrap_or_else(|| (key_line(source, "authors"), 1));
            problems.push(
                Diagnostic::error(file, format!("the `url` of author {name} is not a web address brief can link to"))
                    .at(source, line, column)
                    .width(url.chars().count())
                    .label("only http(s) and mailto links are published")
                    .help("write an http(s) or mailto URL, e.g. `url: https://example.org/staff/rana`; other schemes (`javascript:`, `data:`) are refused"),
            );
        }
    }
    for (what, texts, limit) in [
        ("`title`", &config.title, limits::TITLE),
        ("`description`", &config.description, limits::SUMMARY),
    ] {
        // One title for every language is one value, reported once.
        let distinct: std::collections::BTreeSet<&String> = texts.values().collect();
        for text in distinct {
            let line = key_line(source, what.trim_matches('`'));
            problems.extend(limits::text(file, source, (line, 1), what, text, limit));
        }
    }
    problems
}

/// A DNS name: labels of letters, digits and `-`, separated by dots.
fn is_host_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// One path segment that stays in `themes/`.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0', ':'])
        && !name.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(extra: &str) -> Vec<String> {
        let source = format!("title: موجز\nbase_url: /\nlanguages: [{{code: ar}}]\n{extra}");
        let found = match Config::parse(Path::new("brief.yaml"), &source) {
            Ok(config) => check(Path::new("brief.yaml"), &source, &config),
            Err(found) => found,
        };
        found
            .into_iter()
            .map(|d| format!("{}: {}", d.line, d.message))
            .collect()
    }

    #[test]
    fn cname_and_theme_are_checked() {
        let cases: [(&str, &[&str]); 7] = [
            ("cname: news.example.org\n", &[]),
            (
                "cname: \"a.org\\nb\"\n",
                &["4: `cname: \"a.org\\nb\"` is not a host name"],
            ),
            (
                "cname: https://a.org\n",
                &["4: `cname: \"https://a.org\"` is not a host name"],
            ),
            ("theme: newsroom\n", &[]),
            (
                "theme: ../../etc\n",
                &["4: `theme: ../../etc` is not the name of a directory in themes/"],
            ),
            (
                "theme: /etc\n",
                &["4: `theme: /etc` is not the name of a directory in themes/"],
            ),
            (
                "theme: .hidden\n",
                &["4: `theme: .hidden` is not the name of a directory in themes/"],
            ),
        ];
        for (extra, expected) in cases {
            assert_eq!(problems(extra), expected, "{extra}");
        }
    }
}
