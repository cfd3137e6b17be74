//! An article's `image:` (or the site's default `image`, and the site's `logo`) → a
//! [`Picture`]: the URL pages use, the absolute URL sharing uses, its alt text and
//! credit, and its size in pixels read from the file's header when the file is the
//! site's own (a bundle or static file).

use std::path::PathBuf;

use crate::config::Config;
use crate::content::{Article, Asset, bundle_dir};
use crate::diagnostic::Diagnostic;
use crate::markdown::references::{bundle_path, has_scheme};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// For links inside the site: `/repo/briefings/x/map.png`, or an http(s) URL.
    pub url: String,
    /// Absolute, for `og:image` and JSON-LD.
    pub permalink: String,
    pub alt: Option<String>,
    pub credit: Option<String>,
    /// Width and height in pixels, when the file is the site's and could be read.
    pub size: Option<(u32, u32)>,
    /// The site's file it is, when it is one.
    pub source: Option<PathBuf>,
    /// Its path inside the output, when it is the site's file (`briefings/x/map.png`).
    pub path: Option<String>,
    /// Its resized copies for `srcset` (`…/map-480w.png 480w, …/map.png 1600w`),
    /// when brief makes them (see `site::images`).
    pub srcset: Option<String>,
}

/// Where an `image:` leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An http(s) URL, used as written.
    External(String),
    /// A path inside the output (a bundle or static file), and the file when it exists.
    Site { path: String, file: Option<PathBuf> },
    /// Anything else (`ftp:`, `javascript:`…).
    Refused,
}

/// The site's own files a picture may be: its bundle files, and its static files as
/// (path inside the output, file), the theme's first.
pub struct Files<'a> {
    pub assets: &'a [Asset],
    pub statics: &'a [(&'a str, &'a std::path::Path)],
}

/// Resolves `written` (bundle-relative to `bundle`, root-relative, or http(s)).
pub fn target(written: &str, bundle: &str, files: &Files) -> Target {
    let written = written.trim();
    if has_scheme(written) || written.starts_with("//") {
        let lower = written.to_ascii_lowercase();
        return if lower.starts_with("https://") || lower.starts_with("http://") {
            Target::External(written.to_string())
        } else {
            Target::Refused
        };
    }
    let path = match written.strip_prefix('/') {
        Some(rest) => percent_encoding::percent_decode_str(rest)
            .decode_utf8_lossy()
            .into_owned(),
        None => match bundle_path(bundle, written) {
            Some(file) => file.path,
            None => return Target::Refused,
        },
    };
    let file = files
        .assets
        .iter()
        .find(|a| a.path == path)
        .map(|a| a.source.clone())
        // The site's static file replaces the theme's of the same path.
        .or_else(|| {
            files
                .statics
                .iter()
                .rev()
                .find(|(p, _)| *p == path)
                .map(|(_, f)| f.to_path_buf())
        });
    Target::Site { path, file }
}

/// The picture `written` leads to, with `alt` and `credit`; `None` when it leads
/// nowhere (the check reports that).
pub fn picture(
    config: &Config,
    target: Target,
    alt: Option<&str>,
    credit: Option<&str>,
) -> Option<Picture> {
    let (url, permalink, source, path) = match target {
        Target::External(url) => (url.clone(), url, None, None),
        Target::Site {
            path,
            file: Some(file),
        } => {
            let encoded = crate::markdown::references::BundleFile {
                path: path.clone(),
                suffix: String::new(),
            };
            let url = encoded.url(&config.base_path);
            let permalink = encoded.url(&config.base_url);
            (url, permalink, Some(file), Some(path))
        }
        Target::Site { file: None, .. } | Target::Refused => return None,
    };
    let size = source
        .as_deref()
        .and_then(|f| image::image_dimensions(f).ok());
    Some(Picture {
        url,
        permalink,
        alt: alt
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string),
        credit: credit
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        size,
        source,
        path,
        srcset: None,
    })
}

/// Every article's feature picture (its own `image:`, else the site's `image`), with
/// a warning for each picture without alt text and each `image:` of a refused kind.
pub fn feature_pictures(
    config: &Config,
    articles: &[Article],
    files: &Files,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Picture>> {
    use rayon::prelude::*;
    let default = config
        .image
        .as_deref()
        .and_then(|written| picture(config, target(written, "", files), None, None));
    let found: Vec<(Option<Picture>, Vec<Diagnostic>)> = articles
        .par_iter()
        .map(|article| {
            let front = &article.front;
            let Some(written) = front.image.as_deref() else {
                return (default.clone(), Vec::new());
            };
            let line = crate::content::front_matter::key_line(&article.source, "image");
            let at = |d: Diagnostic| {
                if line > 0 {
                    d.at(&article.source, line, 1)
                } else {
                    d
                }
            };
            let target = target(written, &bundle_dir(&article.file), files);
            let mut problems = Vec::new();
            if target == Target::Refused {
                problems.push(
                    at(Diagnostic::error(
                        &article.file,
                        format!("`image: {written}` is not a picture brief can publish"),
                    ))
                    .help("give a file next to this one (`map.png`), a path into static/ (`/images/map.png`) or an http(s) URL"),
                );
            } else if front.image_alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                problems.push(
                    at(Diagnostic::warning(
                        &article.file,
                        "the feature image has no alt text",
                    ))
                    .help("describe what the picture shows with `image_alt:`, for readers who cannot see it"),
                );
            }
            let picture = picture(
                config,
                target,
                front.image_alt.as_deref(),
                front.image_credit.as_deref(),
            );
            (picture, problems)
        })
        .collect();
    found
        .into_iter()
        .map(|(picture, problems)| {
            diagnostics.extend(problems);
            picture
        })
        .collect()
}

/// The picture a site-wide setting (`image`, `logo` in brief.yaml) leads to.
pub fn site_picture(config: &Config, written: Option<&str>, files: &Files) -> Option<Picture> {
    picture(config, target(written?, "", files), None, None)
}
