//! The site's pictures as pages show and share them: every JPEG, PNG and WebP file of
//! the page bundles (and each feature image from `static/`) → its [`Layout`] (size and
//! resized copies, read from the file's header), the `srcset` that offers those copies,
//! and each briefing's social card ([`Picture`] of a [`CardFile`]) with the colours of
//! the theme's stylesheet.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::picture::Picture;
use crate::config::Config;
use crate::content::{Article, Asset};
use crate::diagnostic::Diagnostic;
use crate::markdown::references::BundleFile;
use crate::media::{Layout, Palette, is_resizable};

/// The `sizes` of every `srcset` brief writes: the page's text column (`--measure`,
/// 42rem in the default theme) on a wide screen, the screen's width on a narrow one.
pub const SIZES: &str = "(min-width: 42rem) 42rem, 100vw";

/// A picture brief can resize: the file, and its layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub source: PathBuf,
    pub layout: Layout,
}

/// Output path → the image there, for every JPEG, PNG and WebP file of a page bundle.
/// A file brief cannot read as an image is a warning and is published as it is.
pub fn bundle_images(
    root: &Path,
    assets: &[Asset],
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, Image> {
    let probed: Vec<(String, Result<Image, Box<Diagnostic>>)> = assets
        .par_iter()
        .filter(|a| is_resizable(&a.source))
        .map(|a| (a.path.clone(), probe(root, &a.source)))
        .collect();
    let mut images = BTreeMap::new();
    for (path, result) in probed {
        match result {
            Ok(image) => {
                images.insert(path, image);
            }
            Err(problem) => diagnostics.push(*problem),
        }
    }
    images
}

fn probe(root: &Path, source: &Path) -> Result<Image, Box<Diagnostic>> {
    Layout::probe(source)
        .map(|layout| Image {
            source: source.to_path_buf(),
            layout,
        })
        .map_err(|e| {
            let shown = crate::diagnostic::display_path(root, source);
            let why = e.to_string();
            let why = why
                .strip_prefix(&format!("{}: ", source.display()))
                .unwrap_or(&why)
                .to_string();
            Box::new(
                Diagnostic::warning(
                    shown,
                    format!(
                        "{why}; it is published as it is, without smaller copies or a size for its page"
                    ),
                )
                .help("save it again as JPEG, PNG or WebP, or give it the extension of what it is"),
            )
        })
}

/// The `srcset` of the image at output path `path`: each copy, then the original as
/// the widest candidate. `None` when it has no copies (480 px wide or less).
pub fn srcset(path: &str, layout: &Layout, base_path: &str) -> Option<String> {
    let variants = layout.variants();
    if variants.is_empty() {
        return None;
    }
    let url = |path: String| {
        BundleFile {
            path,
            suffix: String::new(),
        }
        .url(base_path)
    };
    let mut candidates: Vec<String> = variants
        .iter()
        .map(|&(w, _)| format!("{} {w}w", url(layout.variant_path(path, w))))
        .collect();
    candidates.push(format!("{} {}w", url(path.to_string()), layout.width));
    Some(candidates.join(", "))
}

/// Gives each feature picture that is the site's own JPEG, PNG or WebP its displayed
/// size (EXIF orientation applied) and `srcset`; a feature picture from `static/` is
/// probed here and added to `images`, so its copies are published too.
pub fn dress_pictures(
    config: &Config,
    root: &Path,
    pictures: &mut [Option<Picture>],
    images: &mut BTreeMap<String, Image>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for picture in pictures.iter_mut().flatten() {
        let (Some(path), Some(source)) = (picture.path.clone(), picture.source.clone()) else {
            continue;
        };
        if !images.contains_key(&path) && is_resizable(&source) {
            match probe(root, &source) {
                Ok(image) => {
                    images.insert(path.clone(), image);
                }
                Err(problem) => {
                    if !diagnostics.contains(&problem) {
                        diagnostics.push(*problem);
                    }
                }
            }
        }
        if let Some(image) = images.get(&path) {
            picture.size = Some((image.layout.width, image.layout.height));
            picture.srcset = srcset(&path, &image.layout, &config.base_path);
        }
    }
}

/// A social card to publish: the briefing it stands for, where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardFile {
    pub article: usize,
    /// Its path inside the output: `ar/briefings/x/card.png`.
    pub path: String,
}

/// The file name of a briefing's card, next to its page.
pub const CARD_NAME: &str = "card.png";

/// Per article, its social card when it has no picture of its own (its `image:` is
/// missing, or leads nowhere) and `social_cards` is on; with a warning for each card
/// whose text has letters the embedded fonts lack.
pub fn cards(
    config: &Config,
    articles: &[Article],
    own: &[bool],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Option<Picture>> {
    use rayon::prelude::*;
    // Each title's letters are looked up in the fonts: thousands of titles, in
    // parallel, the warnings kept in the articles' order.
    let cards: Vec<(Option<Picture>, Option<Diagnostic>)> = articles
        .par_iter()
        .zip(own)
        .map(|(article, &own)| {
            if own || !config.social_cards {
                return (None, None);
            }
            let path = format!("{}{CARD_NAME}", article.url_path());
            let title = &article.front.title;
            let missing = crate::media::fonts::missing(&format!(
                "{}{title}",
                config.title(&article.lang)
            ));
            let mut warning = None;
            if !missing.is_empty() {
                let letters: Vec<String> = missing.iter().map(|c| format!("`{c}`")).collect();
                warning = Some(
                    Diagnostic::warning(
                        &article.file,
                        format!(
                            "the social card of this briefing cannot show {}: the fonts brief draws cards with (Noto Naskh Arabic, Noto Sans) do not have them, so they come out as empty boxes",
                            letters.join(", ")
                        ),
                    )
                    .help("give the briefing a picture of its own with `image:`, or write the title without them"),
                );
            }
            let url = BundleFile {
                path: path.clone(),
                suffix: String::new(),
            };
            let card = Picture {
                url: url.url(&config.base_path),
                permalink: url.url(&config.base_url),
                alt: Some(title.clone()),
                credit: None,
                size: Some((crate::media::card::WIDTH, crate::media::card::HEIGHT)),
                source: None,
                path: Some(path),
                srcset: None,
            };
            (Some(card), warning)
        })
        .collect();
    cards
        .into_iter()
        .map(|(card, warning)| {
            diagnostics.extend(warning);
            card
        })
        .collect()
}

/// The colours of the cards: the theme's stylesheet (`assets/style.css`, or the file a
/// theme or the site puts there instead, among `statics` as (output path, file)), with
/// a warning naming the colours it does not define.
pub fn palette(
    root: &Path,
    statics: &[(&str, &Path)],
    diagnostics: &mut Vec<Diagnostic>,
) -> Palette {
    let Some((_, source)) = statics.iter().rev().find(|(p, _)| *p == "assets/style.css") else {
        return Palette::default();
    };
    let Ok(css) = std::fs::read_to_string(source) else {
        // Unreadable: copying it fails the build with its own error.
        return Palette::default();
    };
    let (palette, missing) = Palette::from_css(&css);
    if !missing.is_empty() {
        diagnostics.push(
            Diagnostic::warning(
                crate::diagnostic::display_path(root, source),
                format!(
                    "the stylesheet defines no colour (as #rrggbb) for {}: social cards use the default theme's",
                    missing.join(", ")
                ),
            )
            .help("define them in `:root`, e.g. `--paper: #fdfdfc;`, or set `social_cards: false` in brief.yaml"),
        );
    }
    palette
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srcset_lists_the_copies_then_the_original() {
        let photo = Layout {
            width: 1920,
            height: 1080,
            extension: "jpg",
        };
        assert_eq!(
            srcset("briefings/زيارة دمشق/dusk.jpg", &photo, "/brief/").as_deref(),
            Some(
                "/brief/briefings/%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9%20%D8%AF%D9%85%D8%B4%D9%82/dusk-480w.jpg 480w, \
                 /brief/briefings/%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9%20%D8%AF%D9%85%D8%B4%D9%82/dusk-960w.jpg 960w, \
                 /brief/briefings/%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9%20%D8%AF%D9%85%D8%B4%D9%82/dusk-1600w.jpg 1600w, \
                 /brief/briefings/%D8%B2%D9%8A%D8%A7%D8%B1%D8%A9%20%D8%AF%D9%85%D8%B4%D9%82/dusk.jpg 1920w"
            )
        );
        let map = Layout {
            width: 1600,
            height: 1000,
            extension: "png",
        };
        assert_eq!(
            srcset("briefings/call/map.png", &map, "/").as_deref(),
            Some(
                "/briefings/call/map-480w.png 480w, /briefings/call/map-960w.png 960w, /briefings/call/map.png 1600w"
            )
        );
        let icon = Layout {
            width: 480,
            height: 480,
            extension: "png",
        };
        assert_eq!(srcset("briefings/call/icon.png", &icon, "/"), None);
    }
}
