//! Old URLs → redirect pages. A briefing's `aliases:` (the URLs it had on an older
//! site) and, on a one-language site, the root `/` each become a small HTML page with
//! a meta refresh, a canonical link, a visible link and `noindex` (GitHub Pages has no
//! server-side redirects). They are entries of the [`Plan`](crate::plan::Plan), which
//! finds an alias colliding with a page or another alias; they are not pages, so the
//! sitemap and the feeds leave them out.

use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::site::Site;

/// One redirect page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// Where it leads: a URL path below the base path (`ar/posts/intro/`).
    pub to: String,
    /// The language of the page it leads to.
    pub lang: String,
    /// The title of the page it leads to, shown as the link.
    pub title: String,
    /// The article and the alias it wrote; `None` for a one-language site's root.
    pub alias: Option<(PathBuf, String)>,
}

/// The redirect pages of `site` with their paths in the output, and an
/// error for every alias that is not a path of this site.
pub fn entries(site: &Site) -> (Vec<(String, Redirect)>, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    if let [only] = site.config.languages.as_slice() {
        entries.push((
            "index.html".to_string(),
            Redirect {
                to: format!("{}/", only.code),
                lang: only.code.clone(),
                title: site.config.title(&only.code).to_string(),
                alias: None,
            },
        ));
    }
    for article in &site.articles {
        let mut source = None;
        for alias in &article.front.aliases {
            match alias_file(&alias.id) {
                Ok(file) => entries.push((
                    file,
                    Redirect {
                        to: article.url_path(),
                        lang: article.lang.clone(),
                        title: article.front.title.clone(),
                        alias: Some((article.file.clone(), alias.id.clone())),
                    },
                )),
                Err(why) => {
                    let text = source.get_or_insert_with(|| read_source(site, &article.file));
                    problems.push(
                        Diagnostic::error(&article.file, format!("alias `{}` {why}", alias.id))
                            .at(text, alias.line, alias.column)
                            .width(alias.id.chars().count())
                            .label("not an old URL of this site")
                            .help("write the old page's path below the base URL, such as `/osdev/bootloader/1-intro.html` or `/2015/07/20/about/`"),
                    );
                }
            }
        }
    }
    (entries, problems)
}

/// What asked for a redirect page, in words, for a collision's message.
pub fn describe(redirect: &Redirect) -> String {
    match &redirect.alias {
        Some((file, alias)) => format!("the alias `{alias}` in {}", file.display()),
        None => format!(
            "the redirect from the root of this one-language site to /{}",
            redirect.to
        ),
    }
}

/// An alias → the file its redirect page is written to. `/a/b.html` is that file;
/// `/a/b/` and `/a/b` are `a/b/index.html` (GitHub Pages serves `/a/b` from there
/// too, after adding the slash).
pub fn alias_file(alias: &str) -> Result<String, &'static str> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err("is a full URL; write only its path");
    }
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_control) {
        return Err("has a query, a fragment or a backslash; write only its path");
    }
    let path = alias.trim_start_matches('/');
    let segments: Vec<&str> = path.split('/').collect();
    if segments.iter().any(|s| *s == "." || *s == "..") {
        return Err("has `.` or `..` segments");
    }
    if path.contains("//") {
        return Err("has an empty segment (`//`)");
    }
    let decoded = decode(path).ok_or("has a `%` that is not percent-encoded UTF-8")?;
    if decoded.is_empty() || decoded.ends_with('/') {
        return Ok(format!("{decoded}index.html"));
    }
    let last = decoded.rsplit('/').next().unwrap_or("");
    match last.rsplit_once('.') {
        Some((_, "html" | "htm")) => Ok(decoded),
        Some((_, ext)) if ext.chars().all(|c| c.is_ascii_alphanumeric()) && ext.len() <= 5 => {
            Err("does not end in `/` or `.html`: only HTML pages can redirect")
        }
        _ => Ok(format!("{decoded}/index.html")),
    }
}

/// Percent-decoding of a path, so `/%D8%B9%D9%86/` is written as `عن/`.
fn decode(path: &str) -> Option<String> {
    if !path.contains('%') {
        return Some(path.to_string());
    }
    let bytes = percent_encoding::percent_decode_str(path).collect::<Vec<u8>>();
    String::from_utf8(bytes).ok()
}

/// The redirect page: a meta refresh for browsers, a canonical link for search
/// engines (which also honour the refresh), and a visible link for everyone else.
pub fn html(site: &Site, redirect: &Redirect) -> String {
    let url = escape(&site.url(&redirect.to));
    let canonical = escape(&site.permalink(&redirect.to));
    let title = escape(&redirect.title);
    let (dir, moved) = match site.config.language(&redirect.lang) {
        Some(lang) => (
            lang.dir.as_str(),
            crate::render::i18n::Bundle::new(
                &lang.code,
                lang.digits,
                site.config.strings.get(&lang.code),
            )
            .get("moved"),
        ),
        None => ("ltr", "This page has moved:".to_string()),
    };
    let lang = escape(&redirect.lang);
    let moved = escape(&moved);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<meta http-equiv=\"refresh\" content=\"0; url={url}\">\n</head>\n<body>\n<p>{moved} <a href=\"{url}\">{title}</a></p>\n</body>\n</html>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The text of an article's file, for pointing at a line (the build drops sources).
fn read_source(site: &Site, file: &Path) -> String {
    let path = site.root.join(file);
    site.articles
        .iter()
        .find(|a| a.file == file && !a.source.is_empty())
        .map(|a| a.source.clone())
        .unwrap_or_else(|| std::fs::read_to_string(path).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_files() {
        let cases: [(&str, Result<&str, &str>); 14] = [
            (
                "/osdev/bootloader/1-intro.html",
                Ok("osdev/bootloader/1-intro.html"),
            ),
            ("/2015/07/20/about/", Ok("2015/07/20/about/index.html")),
            ("/2015/07/20/about", Ok("2015/07/20/about/index.html")),
            ("about.htm", Ok("about.htm")),
            ("/", Ok("index.html")),
            (
                "/%D8%B9%D9%86-%D8%A7%D9%84%D9%85%D8%AF%D9%88%D9%86%D8%A9/",
                Ok("عن-المدونة/index.html"),
            ),
            ("/مقالات/أول-مقال/", Ok("مقالات/أول-مقال/index.html")),
            ("/v1.2/notes", Ok("v1.2/notes/index.html")),
            ("https://old.example.org/a/", Err("is a full URL")),
            ("//old.example.org/a/", Err("is a full URL")),
            ("/a/../../etc/", Err("`..`")),
            ("/feed.xml", Err("only HTML pages can redirect")),
            ("/a?page=2", Err("has a query")),
            ("/a//b/", Err("empty segment")),
        ];
        for (alias, expected) in cases {
            match (alias_file(alias), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{alias}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{alias}: {got}"),
                (got, want) => panic!("{alias}: got {got:?}, want {want:?}"),
            }
        }
    }
}
