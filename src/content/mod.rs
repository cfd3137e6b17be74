//! `content/` on disk → [`Article`]s and bundle [`Asset`]s: walks the directory in a
//! stable order, takes each Markdown file's language from its suffix, parses front
//! matter, pairs translations, and keeps every other file as a bundle asset.

pub mod front_matter;
mod raw;
pub mod stored;
mod walk;

pub use walk::{is_markdown, markdown_stem};

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
pub use front_matter::FrontMatter;

/// One edition of one briefing (or any other page in `content/`).
#[derive(Debug, Clone)]
pub struct Article {
    /// Path shown to the user, relative to the site root: `content/briefings/x/index.ar.md`.
    pub file: PathBuf,
    pub lang: String,
    /// Pairs the editions of the same briefing: `translation_key`, or the path without
    /// its language suffix.
    pub key: String,
    /// First directory under `content/` (`briefings`); empty for top-level files.
    pub section: String,
    /// URL path below the language root, ending in `/`: `briefings/putin-call/`.
    pub path: String,
    pub front: FrontMatter,
    /// The file's text; only its front matter once the body is released
    /// ([`Article::release_body`]), and nothing once a streaming load is done.
    pub source: String,
    pub body_start: usize,
    pub body_line: usize,
    /// The 128-bit XXH3 hash of the whole text, when [`Article::release_body`] let
    /// the body go (the build's cache of rendered bodies keys on it too).
    pub released: Option<u128>,
}

impl Article {
    /// The body's text: empty once released.
    pub fn body(&self) -> &str {
        self.source.get(self.body_start..).unwrap_or_default()
    }

    /// Lets go of the body's text, keeping the front matter's (which the load's
    /// diagnostics point into) and a hash of the whole, so that a build reads the
    /// body again when it renders it and knows it is the text loaded
    /// (`LoadOptions::stream`).
    pub fn release_body(&mut self) {
        self.released = Some(xxhash_rust::xxh3::xxh3_128(self.source.as_bytes()));
        self.source.truncate(self.body_start);
        self.source.shrink_to_fit();
    }

    /// The whole text of the file: the source as loaded, or read again after
    /// [`Article::release_body`], which it must be byte for byte (else a writer
    /// saved the file while the site was building: an error that says so).
    pub fn full_source(&self, root: &Path) -> Result<std::borrow::Cow<'_, str>, Box<Diagnostic>> {
        let Some(hash) = self.released else {
            return Ok(std::borrow::Cow::Borrowed(&self.source));
        };
        let text = crate::read::text(&root.join(&self.file), &self.file)?;
        let text = crate::text::normalize::nfc_owned(text);
        if xxhash_rust::xxh3::xxh3_128(text.as_bytes()) != hash {
            return Err(Box::new(
                Diagnostic::error(
                    &self.file,
                    "the file changed while the site was being built",
                )
                .help("build again once the file is saved"),
            ));
        }
        Ok(std::borrow::Cow::Owned(text))
    }

    /// The file's text, for pointing a warning made after the pages at its line
    /// ([`Article::full_source`]). When the file changed since the load, the text is
    /// empty and the note says why the warning has no line.
    pub fn source_for_warning(&self, root: &Path) -> (std::borrow::Cow<'_, str>, Option<String>) {
        match self.full_source(root) {
            Ok(source) => (source, None),
            Err(_) => (
                std::borrow::Cow::Borrowed(""),
                Some(
                    "the file changed while the site was being built, so the line is not shown; build again to see it"
                        .to_string(),
                ),
            ),
        }
    }

    /// The article's URL path below the base path: `ar/briefings/putin-call/`.
    pub fn url_path(&self) -> String {
        format!("{}/{}", self.lang, self.path)
    }
}

/// The result of reading `content/`: articles, plus every problem found.
#[derive(Debug, Default)]
pub struct Content {
    pub articles: Vec<Article>,
    /// Every file under `content/` that is not Markdown (nor the entity registry).
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads every `*.md` under `root/content`, in sorted order.
///
/// `previous` holds articles of an earlier load with the same `brief.yaml` and
/// options, by source file (see [`crate::site::Site::reload`]): a file whose text is
/// byte for byte that article's source is taken as it was, without parsing it again.
/// Pass only articles that loaded without warnings, since none are given again.
/// With `release`, each article lets its body go once parsed
/// ([`Article::release_body`]), and `fronts` (the cache of parsed front matter,
/// `brief build`'s) gives the front matter of files parsed before.
pub fn load(
    root: &Path,
    config: &Config,
    drafts: bool,
    previous: Option<&HashMap<PathBuf, Article>>,
    release: bool,
    fronts: Option<&stored::Fronts>,
) -> Content {
    let (files, others, problems) = walk::content_files(root);
    let mut content = Content {
        diagnostics: problems,
        ..Content::default()
    };
    let dir = root.join("content");
    let registry = root.join(crate::entities::registry::FILE);
    content.assets = others
        .into_iter()
        .filter(|path| *path != registry)
        .filter_map(|path| Asset::new(&dir, path))
        .collect();
    // Reading and parsing are independent per file; collecting keeps the sorted
    // order, so diagnostics and articles come out the same on every run.
    let results: Vec<Read> = files
        .par_iter()
        .with_max_len(crate::PIECE)
        .filter_map(|path| {
            let file = crate::diagnostic::display_path(root, path);
            let relative = path.strip_prefix(&dir).ok()?;
            if let (true, Some(fronts)) = (release, fronts) {
                return Some(read_released(relative, file, path, config, fronts));
            }
            Some(match crate::read::text(path, &file) {
                Ok(source) => match previous.and_then(|p| p.get(&file)) {
                    Some(article) if article.source == source => Ok((article.clone(), Vec::new())),
                    _ => read_article(relative, file, source, config).map(|(mut a, w)| {
                        if release {
                            a.release_body();
                        }
                        (a, w)
                    }),
                },
                Err(d) => Err(vec![*d]),
            })
        })
        .collect();
    content.articles.reserve_exact(results.len());
    for result in results {
        match result {
            Ok((article, warnings)) => {
                content.diagnostics.extend(warnings);
                if drafts || !article.front.draft {
                    content.articles.push(article);
                }
            }
            Err(errors) => content.diagnostics.extend(errors),
        }
    }
    check_pairs(&content.articles, &mut content.diagnostics);
    content
}

/// A file of a page bundle: any file under `content/` that is not Markdown
/// (`content/briefings/putin-call/map.png`). It is published once, at its path below
/// `content/` (`briefings/putin-call/map.png`), where every edition of the page reaches
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Its path inside the output and below `content/`, `/`-separated.
    pub path: String,
    pub source: PathBuf,
}

impl Asset {
    fn new(dir: &Path, source: PathBuf) -> Option<Asset> {
        let relative = source.strip_prefix(dir).ok()?;
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        Some(Asset { path, source })
    }
}

/// The directory of an article's bundle below `content/`, `/`-separated and ending in
/// `/` unless empty: `briefings/putin-call/` for `content/briefings/putin-call/index.ar.md`.
pub fn bundle_dir(article_file: &Path) -> String {
    let dir = article_file.parent().unwrap_or(Path::new(""));
    let dir = dir.strip_prefix("content").unwrap_or(dir);
    let mut out: String = dir
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    if !out.is_empty() {
        out.push('/');
    }
    out
}

/// One file read: the article and its warnings, or its errors.
type Read = Result<(Article, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Builds an article from a file's text; `relative` is its path below `content/`.
pub fn read_article(relative: &Path, file: PathBuf, source: String, config: &Config) -> Read {
    let source = crate::text::normalize::nfc_owned(source);
    let (stem, lang) = edition(relative, &file, config)?;
    let parsed = front_matter::parse(&file, &source)?;
    let front = stored::Front {
        front: parsed.front,
        body_start: parsed.body_start,
        body_line: parsed.body_line,
    };
    Ok((
        assemble(relative, file, stem, lang, front, source),
        parsed.warnings,
    ))
}

/// [`read_article`] for a load that lets the bodies go ([`Article::release_body`]),
/// through the cache of parsed front matter: a file whose bytes are stored is not
/// parsed, and its body is not checked as UTF-8 nor as NFC (it was, when stored);
/// one parsed without a warning is stored.
fn read_released(
    relative: &Path,
    file: PathBuf,
    path: &Path,
    config: &Config,
    fronts: &stored::Fronts,
) -> Read {
    let bytes = std::fs::read(path).map_err(|e| vec![crate::read::io(&file, &e)])?;
    let hash = xxhash_rust::xxh3::xxh3_128(&bytes);
    if let Some(front) = fronts.get(hash)
        && let Some(Ok(text)) = bytes.get(..front.body_start).map(std::str::from_utf8)
    {
        let (stem, lang) = edition(relative, &file, config)?;
        let mut article = assemble(relative, file, stem, lang, front, text.to_string());
        article.released = Some(hash);
        return Ok((article, Vec::new()));
    }
    let source = crate::read::utf8(bytes, &file).map_err(|d| vec![*d])?;
    let (mut article, warnings) = read_article(relative, file, source, config)?;
    article.release_body();
    // The hash of the text as read is the hash of its NFC form only when it was NFC.
    if warnings.is_empty() && article.released == Some(hash) {
        let front = stored::Front {
            front: article.front.clone(),
            body_start: article.body_start,
            body_line: article.body_line,
        };
        fronts.put(hash, &front);
    }
    Ok((article, warnings))
}

/// The file's stem and the language its suffix names (`index`, `ar` for
/// `index.ar.md`), or the error of a suffix that names none.
fn edition(
    relative: &Path,
    file: &Path,
    config: &Config,
) -> Result<(String, String), Vec<Diagnostic>> {
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = markdown_stem(&name).unwrap_or(&name);
    let (stem, lang) = match stem.rsplit_once('.') {
        Some((base, code)) if config.language(code).is_some() => {
            (base.to_string(), code.to_string())
        }
        Some((base, code))
            if looks_like_language(&code.to_ascii_lowercase())
                && code != code.to_ascii_lowercase() =>
        {
            let lower = code.to_ascii_lowercase();
            return Err(vec![
                Diagnostic::error(file, format!("language suffixes are lower case: rename to {base}.{lower}.md"))
                    .help(format!("brief reads `.{lower}.md` as the `{lower}` edition; `.{code}.md` would be a separate page that pairs with nothing")),
            ]);
        }
        Some((_, code)) if looks_like_language(code) => {
            let codes: Vec<_> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(vec![
                Diagnostic::error(file, format!("language `{code}` is not configured"))
                    .help(format!("add `{code}` to `languages` in brief.yaml, or rename the file to one of: {}", codes.join(", "))),
            ]);
        }
        _ => (stem.to_string(), config.default_language().code.clone()),
    };
    Ok((stem, lang))
}

/// An article from its file's path, edition and front matter.
fn assemble(
    relative: &Path,
    file: PathBuf,
    stem: String,
    lang: String,
    parsed: stored::Front,
    source: String,
) -> Article {
    let dirs: Vec<String> = relative
        .parent()
        .into_iter()
        .flat_map(|p| p.components())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let section = dirs.first().cloned().unwrap_or_default();
    let mut segments = dirs.clone();
    if stem != "index" || segments.is_empty() {
        segments.push(stem.clone());
    }
    if let Some(slug) = &parsed.front.slug
        && let Some(last) = segments.last_mut()
    {
        *last = slug.clone();
    }
    let mut key_path = dirs;
    key_path.push(stem);
    let key = parsed
        .front
        .translation_key
        .clone()
        .unwrap_or_else(|| key_path.join("/"));
    Article {
        file,
        lang,
        key,
        section,
        path: format!("{}/", segments.join("/")),
        front: parsed.front,
        source,
        body_start: parsed.body_start,
        body_line: parsed.body_line,
        released: None,
    }
}

fn looks_like_language(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}

/// Two editions in the same language with the same key cannot both be the translation.
fn check_pairs(articles: &[Article], diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: BTreeMap<(&str, &str), &Path> = BTreeMap::new();
    for article in articles {
        if let Some(first) = seen.insert((&article.key, &article.lang), &article.file) {
            diagnostics.push(
                Diagnostic::error(
                    &article.file,
                    format!(
                        "two `{}` editions share the translation key `{}`",
                        article.lang, article.key
                    ),
                )
                .help(format!(
                    "the other is {}; give one of them its own `translation_key`",
                    first.display()
                )),
            );
        }
    }
}

/// Editions grouped by translation key: key → language → index into `articles`.
pub fn translations(articles: &[Article]) -> BTreeMap<&str, BTreeMap<&str, usize>> {
    let mut groups: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    for (i, article) in articles.iter().enumerate() {
        groups
            .entry(&article.key)
            .or_default()
            .entry(&article.lang)
            .or_insert(i);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_names() {
        let cases = [
            ("index.ar.md", Some("index.ar")),
            ("2015-07-20-intro.markdown", Some("2015-07-20-intro")),
            ("about.en.markdown", Some("about.en")),
            ("notes.md.bak", None),
            ("README", None),
            ("x.mdx", None),
            ("markdown", None),
        ];
        for (name, stem) in cases {
            assert_eq!(markdown_stem(name), stem, "{name}");
            assert_eq!(is_markdown(Path::new(name)), stem.is_some(), "{name}");
        }
    }

    fn config() -> Config {
        Config::parse(
            Path::new("brief.yaml"),
            "title: t\nbase_url: /\nlanguages: [{code: ar}, {code: en}]\n",
        )
        .unwrap()
    }

    fn article(path: &str, front: &str) -> Article {
        let source = format!("---\ntitle: عنوان\ndate: 2025-02-12\n{front}---\nنص\n");
        read_article(
            Path::new(path),
            PathBuf::from(format!("content/{path}")),
            source,
            &config(),
        )
        .unwrap()
        .0
    }

    #[test]
    fn language_key_section_and_path() {
        let cases = [
            (
                "briefings/putin-call/index.ar.md",
                "",
                (
                    "ar",
                    "briefings/putin-call/index",
                    "briefings",
                    "briefings/putin-call/",
                ),
            ),
            (
                "briefings/putin-call/index.en.md",
                "",
                (
                    "en",
                    "briefings/putin-call/index",
                    "briefings",
                    "briefings/putin-call/",
                ),
            ),
            (
                "notes/about.en.md",
                "",
                ("en", "notes/about", "notes", "notes/about/"),
            ),
            ("about.md", "", ("ar", "about", "", "about/")),
            (
                "briefings/x/index.ar.md",
                "slug: اتصال بوتين\n",
                (
                    "ar",
                    "briefings/x/index",
                    "briefings",
                    "briefings/اتصال-بوتين/",
                ),
            ),
            (
                "briefings/y/index.en.md",
                "translation_key: call\n",
                ("en", "call", "briefings", "briefings/y/"),
            ),
        ];
        for (path, front, (lang, key, section, url)) in cases {
            let a = article(path, front);
            assert_eq!(
                (
                    a.lang.as_str(),
                    a.key.as_str(),
                    a.section.as_str(),
                    a.path.as_str()
                ),
                (lang, key, section, url),
                "{path}"
            );
        }
    }

    #[test]
    fn translations_pair_by_key() {
        let articles = vec![
            article("briefings/a/index.ar.md", ""),
            article("briefings/a/index.en.md", ""),
            article("briefings/b/index.ar.md", ""),
            article(
                "briefings/c/index.en.md",
                "translation_key: briefings/b/index\n",
            ),
        ];
        let groups = translations(&articles);
        let pairs: Vec<_> = groups
            .iter()
            .map(|(k, v)| (*k, v.values().copied().collect::<Vec<_>>()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("briefings/a/index", vec![0, 1]),
                ("briefings/b/index", vec![2, 3])
            ]
        );
    }

    #[test]
    fn unconfigured_language_suffix_is_an_error() {
        let errors = read_article(
            Path::new("x.fr.md"),
            PathBuf::from("content/x.fr.md"),
            "---\ntitle: t\ndate: 2025-01-01\n---\n".into(),
            &config(),
        )
        .unwrap_err();
        assert_eq!(errors[0].message, "language `fr` is not configured");
    }

    #[test]
    fn an_upper_case_language_suffix_is_an_error() {
        let errors = read_article(
            Path::new("briefings/x/index.AR.md"),
            PathBuf::from("content/briefings/x/index.AR.md"),
            "---\ntitle: عنوان\ndate: 2025-01-01\n---\n".into(),
            &config(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].message,
            "language suffixes are lower case: rename to index.ar.md"
        );
    }
}
