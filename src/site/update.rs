//! One saved article whose front matter did not change → its body rendered again in
//! place, and what that changed ([`BodyChange`]): the fast path of `brief serve`.

use std::path::Path;

use super::Site;
use super::load::{article_refs, render_one};
use crate::content;
use crate::diagnostic::display_path;
use crate::entities::index;

/// What a body-only edit changed in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyChange {
    /// The article whose body changed.
    pub article: usize,
    /// Entities whose mention count in it moved.
    pub moved: Vec<usize>,
    /// Whether its rendered body changed (what the search index holds).
    pub body: bool,
}

impl Site {
    /// When the file at `path` is an article whose front matter did not change,
    /// re-renders its body in place and says what changed. `None` whenever that would
    /// not be exactly what a full load gives (a new or removed file, a front-matter
    /// change, an entity gained or lost, any problem): the caller then loads again.
    pub fn update_body(&mut self, path: &Path) -> Option<BodyChange> {
        let relative = path.strip_prefix(self.root.join("content")).ok()?;
        let file = display_path(&self.root, path);
        let i = self.articles.iter().position(|a| a.file == file)?;
        let source = std::fs::read_to_string(path).ok()?;
        let (article, warnings) =
            content::read_article(relative, file, source, &self.config).ok()?;
        let old = &self.articles[i];
        if !warnings.is_empty()
            || article.front != old.front
            || (&article.lang, &article.key, &article.path) != (&old.lang, &old.key, &old.path)
        {
            return None;
        }
        let rendered = render_one(
            &self.config,
            &self.registry,
            &self.matcher,
            &self.articles,
            &self.assets,
            &self.images,
            &article,
        );
        let refs = article_refs(&self.registry, &article, &rendered);
        if !refs.keys().eq(self.refs[i].keys()) {
            return None;
        }
        let moved: Vec<usize> = refs
            .iter()
            .filter(|(e, r)| self.refs[i].get(e) != Some(r))
            .map(|(&e, _)| e)
            .collect();
        let body = rendered.html != self.rendered[i].html;
        self.articles[i] = article;
        self.rendered[i] = rendered;
        self.refs[i] = refs;
        if !moved.is_empty() {
            self.index = index::build(self.registry.entities.len(), &self.refs);
        }
        Some(BodyChange {
            article: i,
            moved,
            body,
        })
    }
}
