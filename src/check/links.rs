//! References written in Markdown bodies (links, images, and the `src`, `href`,
//! `srcset` and `poster` of raw HTML) → a diagnostic at the exact line and column of
//! each one that leads nowhere on the built site: to another source file
//! (`../other/index.ar.md#heading`), to a heading (`#id`), to a file of the page's
//! bundle (`map.png`), or to a site URL, root-relative (`/ar/timeline/`) or relative.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::markdown::references::has_scheme;
use crate::markdown::{Reference, bundle_path};
use crate::plan::Plan;
use crate::site::{Site, normalize};

/// Everything a link can lead to.
struct Targets<'a> {
    /// URL paths below the base path of every page and file the build writes, with
    /// no leading `/`: `ar/timeline/`, `ar/atom.xml`, `` (the root).
    urls: HashSet<String>,
    /// An article's URL path → its index.
    pages: HashMap<String, usize>,
    /// An article's source file → its index.
    files: HashMap<PathBuf, usize>,
    /// Every bundle file's path below `content/`.
    assets: HashSet<&'a str>,
}

/// Every broken reference of every article, as an error. A body the load let go
/// ([`crate::content::Article::release_body`]) is read again to point at the line.
pub fn check(site: &Site, plan: &Plan) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let targets = targets(site, plan);
    // Each article's references apart, in parallel; the warnings in its order.
    let each = |(i, article): (usize, &crate::content::Article)| {
        let mut found = Vec::new();
        // A build that let the body go reads it again, once, to point at the lines.
        let mut text = None;
        for reference in &site.rendered[i].references {
            let dest = reference.dest.as_str();
            let result = match bundle_file(site, &targets, i, reference) {
                Some(result) => result,
                None => resolve(site, &targets, i, dest),
            };
            if let Err(broken) = result {
                let (source, changed) =
                    text.get_or_insert_with(|| article.source_for_warning(&site.root));
                let (line, column) = position(source, article.body_start + reference.offset);
                let mut d = Diagnostic::error(&article.file, broken.message).label(broken.label);
                d.notes.extend(changed.clone());
                if line > 0 {
                    d = d
                        .at(source, line, column)
                        .width(dest.chars().count().max(1));
                }
                if let Some(help) = broken.help {
                    d = d.help(help);
                }
                found.push(d);
            }
        }
        if let Some(d) = feature_image(site, article) {
            found.push(d);
        }
        found
    };
    site.articles
        .par_iter()
        .enumerate()
        .with_max_len(crate::PIECE)
        .flat_map_iter(each)
        .collect()
}

/// An error when the article's `image:` is a path that leads to no file of the site.
fn feature_image(site: &Site, article: &crate::content::Article) -> Option<Diagnostic> {
    use crate::site::picture::{Files, Target, target};
    let written = article.front.image.as_deref()?;
    let bundle = crate::content::bundle_dir(&article.file);
    let statics: Vec<(&str, &Path)> = site
        .statics
        .iter()
        .map(|s| (s.path.as_str(), s.source.as_path()))
        .collect();
    let files = Files {
        assets: &site.assets,
        statics: &statics,
    };
    let Target::Site { path, file: None } = target(written, &bundle, &files) else {
        return None;
    };
    let near = did_you_mean(
        path.rsplit('/').next().unwrap_or(&path),
        site.assets
            .iter()
            .filter_map(|a| a.path.strip_prefix(bundle.as_str()))
            .filter(|a| !a.contains('/')),
    );
    let (source, changed) = article.source_for_warning(&site.root);
    let line = crate::content::front_matter::key_line(&source, "image");
    let mut d = Diagnostic::error(
        &article.file,
        format!("the feature image `{written}` is not a file of this site"),
    )
    .label("no such file")
    .help(match near {
        Some(near) if !written.starts_with('/') => format!("did you mean `{near}`?"),
        _ if written.starts_with('/') => {
            format!("a path starting with `/` is a file of static/: put it at static/{path}")
        }
        _ => format!(
            "a relative path is read from the article's directory: put the file at content/{path}"
        ),
    });
    if line > 0 {
        let column = source
            .lines()
            .nth(line - 1)
            .and_then(|l| l.find(written.trim()))
            .map_or(1, |b| {
                source
                    .lines()
                    .nth(line - 1)
                    .map_or(1, |l| l[..b].chars().count() + 1)
            });
        d = d
            .at(&source, line, column)
            .width(written.trim().chars().count());
    }
    d.notes.extend(changed);
    Some(d)
}

/// A relative reference to a file of the article's bundle: `Some(Ok)` when the bundle
/// has it, `Some(Err)` when an image (or other embedded file) is missing there, `None`
/// when it is not a bundle reference (a link may be a relative page URL).
fn bundle_file(
    site: &Site,
    targets: &Targets,
    from: usize,
    reference: &Reference,
) -> Option<Result<(), Broken>> {
    let article = &site.articles[from];
    let bundle = crate::content::bundle_dir(&article.file);
    let file = bundle_path(&bundle, &reference.dest)?;
    if targets.assets.contains(file.path.as_str()) {
        return Some(Ok(()));
    }
    if !reference.kind.embeds() {
        return None;
    }
    let names = targets
        .assets
        .iter()
        .filter_map(|a| a.strip_prefix(bundle.as_str()))
        .filter(|a| !a.contains('/'));
    let written = reference.dest.as_str();
    let near = did_you_mean(
        file.path
            .strip_prefix(bundle.as_str())
            .unwrap_or(&file.path),
        names,
    );
    Some(Err(Broken {
        message: format!("`{written}` is not a file of this page's bundle"),
        label: "no such file".into(),
        help: Some(match near {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "a relative path is read from the article's directory: put the file at content/{}",
                file.path
            ),
        }),
    }))
}

struct Broken {
    message: String,
    label: String,
    help: Option<String>,
}

fn targets<'a>(site: &'a Site, plan: &Plan) -> Targets<'a> {
    let urls = plan.urls(site).collect();
    let pages = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.url_path(), i))
        .collect();
    let files = site
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.file.clone(), i))
        .collect();
    let assets = site.assets.iter().map(|a| a.path.as_str()).collect();
    Targets {
        urls,
        pages,
        files,
        assets,
    }
}

fn resolve(site: &Site, targets: &Targets, from: usize, dest: &str) -> Result<(), Broken> {
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return Ok(());
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    let path = percent_decode(path);
    let fragment = fragment.map(percent_decode);
    let article = &site.articles[from];

    if path.is_empty() {
        return match fragment {
            Some(f) if !f.is_empty() => heading(site, from, from, &f),
            _ => Ok(()),
        };
    }
    // Same order as the renderer: a root-relative link is a URL, even one ending in
    // `.md`; any other link to a `.md` file is a source path.
    if !path.starts_with('/') && crate::content::is_markdown(Path::new(&path)) {
        let dir = article.file.parent().unwrap_or(Path::new(""));
        let file = normalize(&dir.join(&path));
        let Some(&to) = targets.files.get(&file) else {
            return Err(missing_file(site, targets, &path, &file));
        };
        return match fragment {
            Some(f) if !f.is_empty() => heading(site, from, to, &f),
            _ => Ok(()),
        };
    }
    let url = match path.strip_prefix('/') {
        Some(rest) => Some(rest.to_string()),
        None => join_url(&article.url_path(), &path),
    };
    let found = url.as_ref().and_then(|url| {
        let bare = url.strip_suffix("index.html").unwrap_or(url);
        let slashed = format!("{}/", bare.trim_end_matches('/'));
        [url.as_str(), bare, slashed.as_str()]
            .into_iter()
            .find(|u| targets.urls.contains(*u))
            .map(str::to_string)
    });
    let Some(found) = found else {
        let near = url
            .as_deref()
            .and_then(|url| near(url, targets.urls.iter().map(String::as_str)))
            .map(|u| format!("/{u}"));
        return Err(Broken {
            message: format!("`{dest}` is not a page of this site"),
            label: "no page or file has this URL".into(),
            help: Some(match (near, path.starts_with('/')) {
                (Some(near), _) => format!("did you mean `{near}`?"),
                (None, true) => "a link starting with `/` is a URL below the site's base URL, such as `/ar/timeline/`".into(),
                (None, false) => format!(
                    "a relative URL is resolved from this page's URL, /{}/{}; link to the source file instead (`../other/index.{}.md`)",
                    article.lang, article.path, article.lang
                ),
            }),
        });
    };
    match (fragment, targets.pages.get(&found)) {
        (Some(f), Some(&to)) if !f.is_empty() => heading(site, from, to, &f),
        _ => Ok(()),
    }
}

/// `#fragment` must be the id of a heading of article `to`.
fn heading(site: &Site, from: usize, to: usize, fragment: &str) -> Result<(), Broken> {
    let headings = &site.rendered[to].headings;
    if headings.contains(fragment) {
        return Ok(());
    }
    let ids = headings.iter();
    let whose = if from == to {
        "this file".to_string()
    } else {
        site.articles[to].file.display().to_string()
    };
    Err(Broken {
        message: format!("no heading `#{fragment}` in {whose}"),
        label: "no heading has this id".into(),
        help: Some(match did_you_mean(fragment, ids.clone()) {
            Some(near) => format!("did you mean `#{near}`?"),
            None if headings.is_empty() => format!("{whose} has no headings"),
            None => format!(
                "the headings' ids are: {}",
                ids.map(|id| format!("`#{id}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    })
}

fn missing_file(site: &Site, targets: &Targets, written: &str, file: &Path) -> Broken {
    let shown = file.to_string_lossy().replace('\\', "/");
    let help = if site.root.join(file).is_file() {
        format!(
            "{shown} exists but is not built: a draft (see `brief check --drafts`), or a file brief skips"
        )
    } else {
        let names: Vec<String> = targets
            .files
            .keys()
            .map(|f| f.to_string_lossy().replace('\\', "/"))
            .collect();
        match near(&shown, names.iter().map(String::as_str)) {
            Some(near) => format!("did you mean {near}?"),
            None => format!(
                "the path is relative to this file's directory and leads to {shown}, which does not exist"
            ),
        }
    };
    Broken {
        message: format!("`{written}` is not a page of this site"),
        label: "no such briefing".into(),
        help: Some(help),
    }
}

/// The candidate that differs from `target` in one `/`-separated segment only, and
/// there by a likely typo: comparing whole paths would find every sibling "near".
fn near<'a>(target: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let segments: Vec<&str> = target.split('/').collect();
    let mut by_position: Vec<Vec<(&'a str, &'a str)>> = vec![Vec::new(); segments.len()];
    for candidate in candidates {
        let other: Vec<&'a str> = candidate.split('/').collect();
        if other.len() != segments.len() {
            continue;
        }
        let mut differing = (0..other.len()).filter(|&i| other[i] != segments[i]);
        if let (Some(i), None) = (differing.next(), differing.next()) {
            by_position[i].push((other[i], candidate));
        }
    }
    by_position.iter().enumerate().find_map(|(i, options)| {
        let segment = did_you_mean(segments[i], options.iter().map(|(s, _)| *s))?;
        options.iter().find(|(s, _)| *s == segment).map(|(_, c)| *c)
    })
}

/// Resolves `relative` against the page at URL path `base` (which ends in `/`), the
/// way a browser would; `None` when it climbs above the site root.
fn join_url(base: &str, relative: &str) -> Option<String> {
    let mut parts: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    let trailing = relative.ends_with('/') || relative.ends_with("/.") || relative == ".";
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut url = parts.join("/");
    if trailing && !url.is_empty() {
        url.push('/');
    }
    Some(url)
}

/// `%D8%B3` → `س`; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_string(), |t| t.into_owned())
}

/// The 1-based line and column (in characters) of byte `at` of `source`; (0, 0) when
/// it is not a character boundary inside it.
pub(super) fn position(source: &str, at: usize) -> (usize, usize) {
    let Some(before) = source.get(..at) else {
        return (0, 0);
    };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_resolve_like_a_browser() {
        let base = "ar/briefings/a/";
        let cases = [
            ("../b/", Some("ar/briefings/b/")),
            ("../../timeline/", Some("ar/timeline/")),
            ("c/", Some("ar/briefings/a/c/")),
            ("../../../en/", Some("en/")),
            ("../../../../x/", None),
            ("./", Some("ar/briefings/a/")),
            ("../../atom.xml", Some("ar/atom.xml")),
        ];
        for (relative, expected) in cases {
            assert_eq!(join_url(base, relative).as_deref(), expected, "{relative}");
        }
    }

    #[test]
    fn suggests_only_near_siblings() {
        let urls = [
            "ar/timeline/",
            "en/timeline/",
            "ar/briefings/alpha/",
            "ar/briefings/beta/",
        ];
        let cases = [
            ("ar/timline/", Some("ar/timeline/")),
            ("ar/briefings/alpah/", Some("ar/briefings/alpha/")),
            ("ar/briefings/gamma/", None),
            ("ar/entities/", None),
        ];
        for (url, expected) in cases {
            assert_eq!(near(url, urls.into_iter()), expected, "{url}");
        }
    }

    #[test]
    fn schemes_and_escapes() {
        assert!(has_scheme("https://example.org/"));
        assert!(has_scheme("mailto:desk@example.org"));
        assert!(!has_scheme("../x/index.ar.md"));
        assert!(!has_scheme("/ar/timeline/"));
        assert_eq!(
            percent_decode("/ar/tags/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7/"),
            "/ar/tags/سوريا/"
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }

    #[test]
    fn positions_count_characters() {
        let source = "---\ntitle: t\n---\nانظر [هنا](#x) و[هناك](#x).\n";
        let second = source.rfind("#x").unwrap();
        assert_eq!(position(source, source.find("#x").unwrap()), (4, 12));
        assert_eq!(position(source, second), (4, 24));
        assert_eq!(position(source, source.len() + 5), (0, 0));
    }
}
