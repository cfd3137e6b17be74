//! A Jekyll site's directory → [`Imported`]: `_config.yml`, `_posts/` and collections
//! (`.md` and `.markdown`), dates from file names or front matter, permalinks as
//! aliases, and the assets the posts refer to.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::front::{self, Front};
use super::model::{Imported, Language, Post};
use crate::error::{Error, Result};

/// Front matter keys that are converted (or deliberately read); others are dropped
/// and counted in the report.
const KNOWN: &[&str] = &[
    "title",
    "date",
    "tags",
    "tag",
    "categories",
    "category",
    "permalink",
    "author",
    "authors",
    "image",
    "featured_img",
    "featured_image",
    "lang",
    "direction",
    "slug",
    "description",
    "excerpt",
    "summary",
    "published",
    "draft",
    "last_modified_at",
    "updated",
];

/// Directories Jekyll itself uses or generates: never content.
const NOT_CONTENT: &[&str] = &[
    "_site",
    "_layouts",
    "_includes",
    "_sass",
    "_data",
    "_plugins",
    "node_modules",
    "vendor",
    ".git",
    ".jekyll-cache",
];

pub fn read(src: &Path) -> Result<Imported> {
    let mut imported = Imported::default();
    let config = read_config(src)?;
    let get = |key: &str| config.get(key).and_then(front::text);
    if let Some(title) = get("title") {
        imported.title.insert(String::new(), title);
    }
    if let Some(description) = get("description") {
        imported.description.insert(String::new(), description);
    }
    if let Some(url) = get("url") {
        let base = get("baseurl").unwrap_or_default();
        imported.base_url = Some(format!(
            "{}/{}",
            url.trim_end_matches('/'),
            base.trim_matches('/')
        ));
        if let Some(b) = imported.base_url.as_mut().filter(|b| !b.ends_with('/')) {
            b.push('/');
        }
    }
    let site_lang = get("lang").or_else(|| get("locale").map(|l| l[..2.min(l.len())].to_string()));
    let pattern = match get("permalink").as_deref() {
        None | Some("date") => "/:categories/:year/:month/:day/:title:output_ext".to_string(),
        Some("pretty") => "/:categories/:year/:month/:day/:title/".to_string(),
        Some("ordinal") => "/:categories/:year/:y_day/:title:output_ext".to_string(),
        Some("none") => "/:categories/:title:output_ext".to_string(),
        Some(other) => other.to_string(),
    };

    // (directory in SRC, section in brief, old URL pattern)
    let mut sources: Vec<(PathBuf, String, String)> =
        vec![(PathBuf::from("_posts"), "posts".into(), pattern)];
    let collections: Vec<String> = match config.get("collections") {
        Some(Value::Object(map)) => map.keys().cloned().collect(),
        Some(Value::Array(list)) => list.iter().filter_map(front::text).collect(),
        _ => Vec::new(),
    };
    for name in collections.iter().filter(|n| *n != "posts") {
        let permalink = config["collections"][name]["permalink"]
            .as_str()
            .unwrap_or("/:collection/:path:output_ext")
            .replace(":collection", name);
        sources.push((PathBuf::from(format!("_{name}")), name.clone(), permalink));
    }

    let mut langs: Vec<(String, Option<bool>)> = Vec::new();
    let mut taken: BTreeSet<PathBuf> = BTreeSet::new();
    for (dir, section, pattern) in &sources {
        for file in markdown_under(&src.join(dir)) {
            let relative = file.strip_prefix(src).unwrap_or(&file).to_path_buf();
            read_post(
                src,
                &relative,
                section,
                pattern,
                site_lang.as_deref(),
                &mut imported,
                &mut langs,
                &mut taken,
            );
        }
    }
    // Markdown outside the collections: pages such as about.md, and `_drafts/`.
    for entry in walkdir::WalkDir::new(src)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(NOT_CONTENT.contains(&name.as_ref())
                    || sources.iter().any(|(d, _, _)| e.path() == src.join(d)))
        })
        .flatten()
    {
        if !entry.file_type().is_file() || !crate::content::is_markdown(entry.path()) {
            continue;
        }
        let relative = entry.path().strip_prefix(src).unwrap_or(entry.path());
        let name = relative.to_string_lossy();
        if name.starts_with("_drafts") {
            imported.report.skip(
                relative,
                "a Jekyll draft: move it into _posts/ with a date to import it",
            );
        } else if relative.components().count() == 1 && is_readme(&name) {
            imported
                .report
                .skip(relative, "the repository's README, not a page of the site");
        } else {
            read_post(
                src,
                relative,
                "pages",
                "/:path:output_ext",
                site_lang.as_deref(),
                &mut imported,
                &mut langs,
                &mut taken,
            );
        }
    }
    imported.languages = langs
        .into_iter()
        .map(|(code, rtl)| Language {
            code,
            name: None,
            rtl,
        })
        .collect();
    Ok(imported)
}

fn is_readme(name: &str) -> bool {
    name.to_ascii_lowercase().starts_with("readme.")
}

fn read_config(src: &Path) -> Result<BTreeMap<String, Value>> {
    let path = src.join("_config.yml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(BTreeMap::new());
    };
    serde_saphyr::from_str::<BTreeMap<String, Value>>(&text).map_err(|e| {
        Error::Usage(format!(
            "{}: cannot read Jekyll's configuration: {e}",
            path.display()
        ))
    })
}

fn markdown_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && crate::content::is_markdown(e.path()))
        .map(|e| e.into_path())
        .collect()
}

/// `2015-07-20-intro` → (`2015-07-20`, `intro`).
fn dated_name(stem: &str) -> Option<(String, String)> {
    let date = stem.get(..10)?;
    let slug = stem.get(11..)?;
    (front::date(date).as_deref() == Some(date) && stem.as_bytes()[10] == b'-' && !slug.is_empty())
        .then(|| (date.to_string(), slug.to_string()))
}

/// Jekyll's front matter: YAML between `---` lines; a file without it is copied as
/// it is, so it is no post.
const FRONT: front::Dialect = front::Dialect {
    toml: false,
    missing: "no front matter (`---` block): Jekyll copies such files as they are",
    bad_yaml: "its front matter is not valid YAML",
};

#[allow(clippy::too_many_arguments)]
fn read_post(
    src: &Path,
    relative: &Path,
    section: &str,
    pattern: &str,
    site_lang: Option<&str>,
    imported: &mut Imported,
    langs: &mut Vec<(String, Option<bool>)>,
    taken: &mut BTreeSet<PathBuf>,
) {
    let report = &mut imported.report;
    let (data, body) = match front::read_page(&FRONT, src, relative) {
        Ok(page) => page,
        Err(why) => return report.skip(relative, why),
    };
    let stem = front::stem(relative);
    let (name_date, name_slug) = match dated_name(&stem) {
        Some((d, s)) => (Some(d), s),
        None => (None, stem.clone()),
    };
    let get = |key: &str| data.get(key).and_then(front::text);
    let Some(date) = get("date")
        .and_then(|d| front::date(&d))
        .or(name_date.clone())
    else {
        return report.skip(
            relative,
            "no date, in its name (2015-07-20-title.md) or its front matter: brief needs one; add `date:` and import again",
        );
    };
    for key in data.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        *report.dropped_keys.entry(key.clone()).or_default() += 1;
    }
    let lang = get("lang")
        .or_else(|| site_lang.map(str::to_string))
        .unwrap_or_else(|| "en".to_string())
        .to_ascii_lowercase();
    let rtl = get("direction").map(|d| d.eq_ignore_ascii_case("rtl"));
    match langs.iter_mut().find(|(c, _)| *c == lang) {
        Some((_, seen)) => *seen = seen.or(rtl),
        None => langs.push((lang.clone(), rtl)),
    }
    let slug_source = get("slug").unwrap_or_else(|| name_slug.clone());
    let mut slug = crate::text::slug::slugify(&slug_source);
    if slug.is_empty() {
        slug = date.clone();
    }
    let mut dest = PathBuf::from(format!("content/{section}/{slug}.{lang}.md"));
    let mut n = 2;
    while !taken.insert(dest.clone()) {
        dest = PathBuf::from(format!("content/{section}/{slug}-{n}.{lang}.md"));
        n += 1;
    }
    if n > 2 {
        report.review(
            &dest,
            0,
            format!(
                "its name `{slug}` was taken by another page; it was written as {}",
                dest.display()
            ),
        );
    }
    let mut tags = Vec::new();
    for key in ["tags", "tag", "categories", "category"] {
        for tag in data.get(key).map(front::words).unwrap_or_default() {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    let categories: Vec<String> = ["categories", "category"]
        .iter()
        .flat_map(|k| data.get(*k).map(front::words).unwrap_or_default())
        .collect();
    let title = match get("title") {
        Some(t) => t,
        None => {
            report.review(&dest, 2, "no title in the source: made from the file name");
            name_slug.replace('-', " ")
        }
    };
    let old_url = match get("permalink") {
        Some(p) => expand(&p, &date, &name_slug, &categories, relative),
        None => expand(pattern, &date, &name_slug, &categories, relative),
    };
    let image = ["image", "featured_img", "featured_image"]
        .iter()
        .find_map(|k| match data.get(*k) {
            Some(Value::Object(map)) => ["path", "feature", "url"]
                .iter()
                .find_map(|f| map.get(*f).and_then(front::text)),
            Some(v) => front::text(v),
            None => None,
        })
        .map(|i| {
            if i.contains("://") || i.starts_with('/') {
                i
            } else {
                format!("/{i}")
            }
        });
    let mut body = highlight_to_fences(body.trim_start_matches(['\n', '\r']));
    if !body.ends_with('\n') {
        body.push('\n');
    }
    let mut front = Front {
        title: title.clone(),
        date,
        updated: get("last_modified_at")
            .or_else(|| get("updated"))
            .and_then(|d| front::date(&d)),
        summary: get("description")
            .or_else(|| get("excerpt"))
            .or_else(|| get("summary")),
        slug: None,
        tags,
        authors: ["author", "authors"]
            .iter()
            .flat_map(|k| data.get(*k).map(front::list).unwrap_or_default())
            .collect(),
        image_alt: front::image_alt(&get, image.as_ref(), &title),
        image: image.clone(),
        draft: data.get("published") == Some(&Value::Bool(false))
            || data.get("draft") == Some(&Value::Bool(true)),
        translation_key: None,
        aliases: vec![old_url],
    };
    front.aliases.dedup();
    review_alt(&front, &get, &dest, report);
    let body_line = front.to_yaml().lines().count() + 4;
    for (line, tag) in super::body::template_tags(&body, body_line) {
        report.review(
            &dest,
            line,
            format!("Liquid tag `{tag}` (brief does not run Liquid)"),
        );
    }
    let mut paths = super::body::referenced_paths(&body);
    paths.extend(image.filter(|i| !i.contains("://")));
    let mut raw_root = BTreeSet::new();
    for path in paths {
        let local = path.trim_start_matches('/');
        let file = src.join(local);
        let is_asset = Path::new(local).extension().is_some_and(|x| {
            x != "html" && x != "htm" && !crate::content::is_markdown(Path::new(local))
        });
        if !is_asset {
            continue;
        }
        if file.is_file() && !local.split('/').any(|s| s == "..") {
            imported
                .files
                .insert(PathBuf::from("static").join(local), PathBuf::from(local));
            if path.starts_with('/') && body.contains(&format!("src=\"{path}\"")) {
                raw_root.insert(path);
            }
        } else {
            report.review(
                &dest,
                0,
                format!("refers to `{path}`, which is not in the Jekyll site"),
            );
        }
    }
    if !raw_root.is_empty() {
        let raw_root: Vec<String> = raw_root.into_iter().collect();
        report.review(&dest, 0, format!("raw HTML refers to {} from the site root: right when the site is at the root of its domain; under a base path (a project page) these need it", raw_root.join(", ")));
    }
    report
        .converted
        .push((relative.to_path_buf(), dest.clone()));
    imported.posts.push(Post { dest, front, body });
}

/// A Jekyll permalink pattern → the old URL of one post.
fn expand(pattern: &str, date: &str, slug: &str, categories: &[String], relative: &Path) -> String {
    let (year, month, day) = (&date[..4], &date[5..7], &date[8..10]);
    // `:path` is the file's path inside its collection (`_docs/a/b.md` → `a/b`), or
    // in the site for a page (`blog/about.md` → `blog/about`).
    let without = relative.with_extension("");
    let without = without.to_string_lossy();
    let path = if without.starts_with('_') {
        without
            .split_once('/')
            .map_or(without.as_ref(), |(_, rest)| rest)
    } else {
        without.as_ref()
    };
    let cats = categories.join("/");
    let mut url = pattern.to_string();
    for (key, value) in [
        (":categories", cats.as_str()),
        (":year", year),
        (":short_year", &year[2..]),
        (":month", month),
        (":i_month", month.trim_start_matches('0')),
        (":day", day),
        (":i_day", day.trim_start_matches('0')),
        (":title", slug),
        (":slug", slug),
        (":path", path),
        (":output_ext", ".html"),
    ] {
        url = url.replace(key, value);
    }
    while url.contains("//") {
        url = url.replace("//", "/");
    }
    if !url.starts_with('/') {
        url.insert(0, '/');
    }
    url
}

/// `{% highlight ruby %}` … `{% endhighlight %}` → a fenced code block (brief
/// highlights fences); anything else in Liquid is left for review.
fn highlight_to_fences(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim();
        let inner = trimmed
            .strip_prefix("{%")
            .and_then(|t| t.strip_suffix("%}"))
            .map(str::trim);
        match inner {
            Some(tag) if tag.starts_with("highlight ") => {
                let lang = tag["highlight ".len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                out.push_str(&format!("```{lang}\n"));
            }
            Some("endhighlight") => out.push_str("```\n"),
            _ => out.push_str(line),
        }
    }
    out
}

/// Lists an alt text made from the title for review, at its line in the new file.
pub(super) fn review_alt(
    front: &Front,
    get: &dyn Fn(&str) -> Option<String>,
    dest: &std::path::Path,
    report: &mut super::report::Report,
) {
    let own = ["image_alt", "alt", "image_description"]
        .iter()
        .any(|k| get(k).is_some());
    if front.image_alt.is_some() && !own {
        let line = front
            .to_yaml()
            .lines()
            .position(|l| l.starts_with("image_alt:"))
            .map_or(0, |i| i + 2);
        report.review(
            dest,
            line,
            "image_alt is the title, since the source had no alt text: describe the picture",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permalinks() {
        let cats = vec!["osdev".to_string()];
        let cases = [
            (
                "/:categories/:year/:month/:day/:title:output_ext",
                "/osdev/2015/07/20/intro.html",
            ),
            ("/:categories/:title/", "/osdev/intro/"),
            (
                "/osdev/bootloader/1-intro.html",
                "/osdev/bootloader/1-intro.html",
            ),
            ("/:year/:i_month/:slug", "/2015/7/intro"),
        ];
        for (pattern, url) in cases {
            assert_eq!(
                expand(
                    pattern,
                    "2015-07-20",
                    "intro",
                    &cats,
                    Path::new("_posts/2015-07-20-intro.md")
                ),
                url,
                "{pattern}"
            );
        }
        assert_eq!(
            expand(
                "/:categories/:title:output_ext",
                "2015-07-20",
                "x",
                &[],
                Path::new("_posts/x.md")
            ),
            "/x.html"
        );
    }

    #[test]
    fn dated_names() {
        assert_eq!(
            dated_name("2015-07-20-1-intro"),
            Some(("2015-07-20".into(), "1-intro".into()))
        );
        assert_eq!(
            dated_name("2015-07-20-مقدمة"),
            Some(("2015-07-20".into(), "مقدمة".into()))
        );
        assert_eq!(dated_name("about"), None);
    }

    #[test]
    fn highlight_blocks_become_fences() {
        assert_eq!(
            highlight_to_fences("قبل\n{% highlight nasm %}\nmov ax, 0x07C0\n{% endhighlight %}\n"),
            "قبل\n```nasm\nmov ax, 0x07C0\n```\n"
        );
    }
}
