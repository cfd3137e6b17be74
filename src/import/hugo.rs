//! A Hugo site's directory → [`Imported`]: `hugo.toml`/`config.toml` (or YAML) with
//! its languages, `content/` with TOML (`+++`) or YAML front matter, languages by file
//! suffix or content directory, page bundles, and old URLs as aliases.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::front::{self, Front};
use super::model::{Imported, Language, Post};
use crate::error::{Error, Result};

const KNOWN: &[&str] = &[
    "title",
    "date",
    "publishDate",
    "lastmod",
    "description",
    "summary",
    "tags",
    "categories",
    "slug",
    "url",
    "aliases",
    "translationKey",
    "draft",
    "images",
    "image",
    "featured_image",
    "author",
    "authors",
];

const CONFIGS: [&str; 4] = ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml"];

/// One language of the Hugo site, and where its content is.
struct HugoLanguage {
    code: String,
    content_dir: PathBuf,
}

pub fn read(src: &Path) -> Result<Imported> {
    let mut imported = Imported::default();
    let config = read_config(src)?;
    let get = |v: &Value, key: &str| v.get(key).and_then(front::text);
    let default = get(&config, "defaultContentLanguage")
        .unwrap_or_else(|| "en".into())
        .to_ascii_lowercase();
    let in_subdir = config.get("defaultContentLanguageInSubdir") == Some(&Value::Bool(true));
    if let Some(url) = get(&config, "baseURL") {
        imported.base_url = Some(format!("{}/", url.trim_end_matches('/')));
    }
    let mut languages: Vec<(i64, HugoLanguage, Language)> = Vec::new();
    if let Some(Value::Object(table)) = config.get("languages") {
        for (code, lang) in table {
            let code = code.to_ascii_lowercase();
            if let Some(title) = get(lang, "title") {
                imported.title.insert(code.clone(), title);
            }
            if let Some(d) = get(lang, "description")
                .or_else(|| lang.get("params").and_then(|p| get(p, "description")))
            {
                imported.description.insert(code.clone(), d);
            }
            let weight = lang.get("weight").and_then(Value::as_i64).unwrap_or(0);
            let dir = get(lang, "contentDir").unwrap_or_else(|| "content".into());
            languages.push((
                if code == default { i64::MIN } else { weight },
                HugoLanguage {
                    code: code.clone(),
                    content_dir: PathBuf::from(dir),
                },
                Language {
                    name: get(lang, "languageName"),
                    rtl: get(lang, "languageDirection").map(|d| d == "rtl"),
                    code,
                },
            ));
        }
    }
    if languages.is_empty() {
        languages.push((
            0,
            HugoLanguage {
                code: default.clone(),
                content_dir: "content".into(),
            },
            Language {
                code: default.clone(),
                name: None,
                rtl: None,
            },
        ));
    }
    languages.sort_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
    if let Some(title) = get(&config, "title") {
        if imported.title.is_empty() {
            imported.title.insert(String::new(), title);
        } else {
            for (_, l, _) in &languages {
                imported
                    .title
                    .entry(l.code.clone())
                    .or_insert_with(|| title.clone());
            }
        }
    }
    if let Some(d) = config.get("params").and_then(|p| get(p, "description"))
        && imported.description.is_empty()
    {
        imported.description.insert(String::new(), d);
    }
    let codes: Vec<String> = languages.iter().map(|(_, l, _)| l.code.clone()).collect();
    let dirs: BTreeSet<PathBuf> = languages
        .iter()
        .map(|(_, l, _)| l.content_dir.clone())
        .collect();
    let mut taken = BTreeSet::new();
    for dir in &dirs {
        // A directory of one language's content, or shared by all (suffixes decide).
        let owner = languages
            .iter()
            .filter(|(_, l, _)| &l.content_dir == dir)
            .map(|(_, l, _)| l.code.clone())
            .collect::<Vec<_>>();
        let dir_lang = if owner.len() == 1 && dirs.len() > 1 {
            owner[0].clone()
        } else {
            default.clone()
        };
        for entry in walkdir::WalkDir::new(src.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() || !crate::content::is_markdown(entry.path()) {
                continue;
            }
            let in_content = entry
                .path()
                .strip_prefix(src.join(dir))
                .unwrap_or(entry.path())
                .to_path_buf();
            let relative = entry
                .path()
                .strip_prefix(src)
                .unwrap_or(entry.path())
                .to_path_buf();
            let context = Context {
                default: &default,
                in_subdir,
                codes: &codes,
                dir_lang: &dir_lang,
            };
            read_page(
                src,
                &relative,
                &in_content,
                &context,
                &mut imported,
                &mut taken,
            );
        }
    }
    imported.languages = languages.into_iter().map(|(_, _, l)| l).collect();
    Ok(imported)
}

struct Context<'a> {
    default: &'a str,
    in_subdir: bool,
    codes: &'a [String],
    dir_lang: &'a str,
}

fn read_config(src: &Path) -> Result<Value> {
    for name in CONFIGS {
        let path = src.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let parsed = if name.ends_with(".toml") {
            text.parse::<toml::Table>()
                .map(|t| front::toml_to_json(toml::Value::Table(t)))
                .map_err(|e| e.to_string())
        } else {
            serde_saphyr::from_str::<Value>(&text).map_err(|e| e.to_string())
        };
        return parsed.map_err(|e| {
            Error::Usage(format!(
                "{}: cannot read Hugo's configuration: {e}",
                path.display()
            ))
        });
    }
    Ok(Value::Null)
}

/// Hugo's front matter: TOML between `+++` lines, or YAML between `---`.
const FRONT: front::Dialect = front::Dialect {
    toml: true,
    missing: "no front matter (`+++` or `---` block)",
    bad_yaml: "its YAML front matter does not parse",
};

fn read_page(
    src: &Path,
    relative: &Path,
    in_content: &Path,
    cx: &Context,
    imported: &mut Imported,
    taken: &mut BTreeSet<PathBuf>,
) {
    let report = &mut imported.report;
    let stem = front::stem(in_content);
    let (base, lang) = match stem.rsplit_once('.') {
        Some((b, l)) if cx.codes.iter().any(|c| c == l) => (b.to_string(), l.to_string()),
        _ => (stem.clone(), cx.dir_lang.to_string()),
    };
    if base == "_index" {
        return report.skip(relative, "a section's list page (_index): brief makes section listings itself, so its text is not imported");
    }
    let (data, body) = match front::read_page(&FRONT, src, relative) {
        Ok(page) => page,
        Err(why) => return report.skip(relative, why),
    };
    let get = |key: &str| data.get(key).and_then(front::text);
    let Some(date) = get("date")
        .or_else(|| get("publishDate"))
        .and_then(|d| front::date(&d))
    else {
        return report.skip(
            relative,
            "no `date` in its front matter: brief needs one; add it and import again",
        );
    };
    for key in data.keys().filter(|k| !KNOWN.contains(&k.as_str())) {
        *report.dropped_keys.entry(key.clone()).or_default() += 1;
    }
    let parent = in_content.parent().unwrap_or(Path::new("")).to_path_buf();
    let bundle = base == "index";
    // Directories as brief and Hugo see them: the bundle's directory is its name.
    let dir = if bundle {
        parent.clone()
    } else {
        parent.join(&base)
    };
    let slug = get("slug")
        .map(|s| crate::text::slug::slugify(&s))
        .filter(|s| !s.is_empty());
    let dest = if bundle {
        PathBuf::from("content")
            .join(&parent)
            .join(format!("index.{lang}.md"))
    } else {
        PathBuf::from("content")
            .join(&parent)
            .join(format!("{base}.{lang}.md"))
    };
    if !taken.insert(dest.clone()) {
        return report.skip(
            relative,
            format!(
                "{} was already written from another file of the same page",
                dest.display()
            ),
        );
    }
    let prefix = if lang != cx.default || cx.in_subdir {
        format!("/{lang}")
    } else {
        String::new()
    };
    let mut segments: Vec<String> = dir
        .iter()
        .map(|s| s.to_string_lossy().into_owned())
        .collect();
    if let (Some(slug), Some(last)) = (&slug, segments.last_mut()) {
        *last = slug.clone();
    }
    let brief_url = format!("/{lang}/{}/", segments.join("/"));
    let old_url = match get("url") {
        Some(url) => format!("/{}", url.trim_start_matches('/')),
        None => format!("{prefix}/{}/", segments.join("/")).to_lowercase(),
    };
    let mut aliases = vec![old_url];
    for alias in data.get("aliases").map(front::list).unwrap_or_default() {
        let alias = if alias.starts_with('/') {
            alias
        } else {
            format!("/{alias}")
        };
        let alias = if !prefix.is_empty() && !alias.starts_with(&format!("{prefix}/")) {
            format!("{prefix}{alias}")
        } else {
            alias
        };
        aliases.push(alias);
    }
    aliases.retain(|a| a.trim_end_matches('/') != brief_url.trim_end_matches('/'));
    let mut seen = BTreeSet::new();
    aliases.retain(|a| seen.insert(a.clone()));
    let mut tags = Vec::new();
    for key in ["tags", "categories"] {
        for tag in data.get(key).map(front::list).unwrap_or_default() {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    // A bundle's image is one of its files, copied into the page's bundle (below).
    let image = data
        .get("images")
        .and_then(|v| front::list(v).into_iter().next())
        .or_else(|| get("image"))
        .or_else(|| get("featured_image"))
        .map(|i| match i.contains("://") || i.starts_with('/') {
            true => i,
            false if bundle => i,
            false => format!("/{i}"),
        });
    let title = get("title").unwrap_or_else(|| file_name_title(&dir));
    let front = Front {
        title: title.clone(),
        date,
        updated: get("lastmod").and_then(|d| front::date(&d)),
        summary: get("description").or_else(|| get("summary")),
        slug,
        tags,
        authors: ["author", "authors"]
            .iter()
            .flat_map(|k| data.get(*k).map(front::list).unwrap_or_default())
            .collect(),
        image_alt: front::image_alt(&get, image.as_ref(), &title),
        image,
        draft: data.get("draft") == Some(&Value::Bool(true)),
        translation_key: get("translationKey"),
        aliases,
    };
    let body = body.trim_start_matches(['\n', '\r']).to_string();
    super::jekyll::review_alt(&front, &get, &dest, report);
    let body_line = front.to_yaml().lines().count() + 4;
    for (line, tag) in super::body::template_tags(&body, body_line) {
        let what = if tag.starts_with("{{<") || tag.starts_with("{{%") {
            "Hugo shortcode"
        } else {
            "template tag"
        };
        report.review(
            &dest,
            line,
            format!("{what} `{tag}` (brief does not run shortcodes)"),
        );
    }
    if bundle {
        // The bundle's other files: into the brief page's own bundle directory, which
        // both editions share and where the body's relative links (`![](cover.jpg)`)
        // find them.
        let bundle_dir = src
            .join(relative)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        for entry in walkdir::WalkDir::new(&bundle_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && !crate::content::is_markdown(entry.path()) {
                let inner = entry
                    .path()
                    .strip_prefix(&bundle_dir)
                    .unwrap_or(entry.path());
                let from = entry
                    .path()
                    .strip_prefix(src)
                    .unwrap_or(entry.path())
                    .to_path_buf();
                let to = dest
                    .parent()
                    .map_or_else(PathBuf::new, Path::to_path_buf)
                    .join(inner);
                imported.files.insert(to, from);
            }
        }
    }
    let report = &mut imported.report;
    report
        .converted
        .push((relative.to_path_buf(), dest.clone()));
    imported.posts.push(Post { dest, front, body });
}

fn file_name_title(dir: &Path) -> String {
    dir.file_name()
        .map(|n| n.to_string_lossy().replace('-', " "))
        .unwrap_or_default()
}
