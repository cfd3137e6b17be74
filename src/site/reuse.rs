//! What a load takes over from the previous load of the same site (`brief serve`
//! passes its last good one): parsed articles, rendered bodies and the matcher, when
//! the inputs every article depends on are unchanged.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use super::Site;
use crate::content::Article;
use crate::entities::matcher::Matcher;
use crate::markdown::Rendered;

/// What a load takes over from the previous load of the same site, when their
/// [`Inputs`] are equal (see [`Site::reload`]).
pub(super) struct Reuse {
    /// By source file: articles that loaded without a warning.
    pub(super) articles: HashMap<PathBuf, Article>,
    /// By source file: the rendered bodies of those articles.
    pub(super) rendered: HashMap<PathBuf, Rendered>,
    /// Source file → (language, page path) of every article the previous load had:
    /// the links between files that the rendered bodies resolved.
    pub(super) pages: BTreeMap<PathBuf, (String, String)>,
    /// The pictures the rendered bodies gave sizes and copies to.
    pub(super) images: BTreeMap<String, super::images::Image>,
    pub(super) matcher: Matcher,
}

impl Reuse {
    pub(super) fn new(previous: Site) -> Reuse {
        let pages = super::page_paths(&previous.articles);
        let warned: BTreeSet<&Path> = previous.warnings.iter().map(|d| d.file.as_path()).collect();
        let mut articles = HashMap::new();
        let mut rendered = HashMap::new();
        for (article, body) in previous.articles.into_iter().zip(previous.rendered) {
            if !warned.contains(article.file.as_path()) {
                rendered.insert(article.file.clone(), body);
                articles.insert(article.file.clone(), article);
            }
        }
        Reuse {
            articles,
            rendered,
            pages,
            images: previous.images,
            matcher: previous.matcher,
        }
    }
}
