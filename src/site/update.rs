//! One saved article whose place in the site did not change (its body, title,
//! summary, sources or authors edited) → the article updated in place, and what
//! that changed ([`ArticleChange`]): the fast path of `brief serve`.

use std::path::Path;

use super::Site;
use super::load::article_refs;
use crate::content;
use crate::diagnostic::display_path;
use crate::entities::index;
use crate::timeline::ItemKind;

/// What an edit of one article changed in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleChange {
    /// The article edited.
    pub article: usize,
    /// Entities whose mention count in it moved.
    pub moved: Vec<usize>,
    /// Whether its rendered body changed (what the search index holds).
    pub body: bool,
    /// Whether its title or summary changed: what listings, timelines, feeds and
    /// entity pages show of it.
    pub front: bool,
    /// Whether its timeline item moved among the items of its date (the order goes
    /// by title after date).
    pub reordered: bool,
}

impl Site {
    /// When the file at `path` is an article whose front matter changed at most in
    /// its title, summary, sources and authors, updates it in place and says what
    /// changed. `None` whenever that would not be exactly what a full load gives (a new or removed
    /// file, any other front-matter change, an entity gained or lost, a card that
    /// cannot show the new title, a warning about the file, now or before): the
    /// caller then loads again.
    pub fn update_article(&mut self, path: &Path) -> Option<ArticleChange> {
        let relative = path.strip_prefix(self.root.join("content")).ok()?;
        let file = display_path(&self.root, path);
        let i = self.articles.iter().position(|a| a.file == file)?;
        // A warning about the file is said again, or cleared, by a full load.
        if self.warnings.iter().any(|w| w.file == file) {
            return None;
        }
        let source = std::fs::read_to_string(path).ok()?;
        let (article, warnings) =
            content::read_article(relative, file, source, &self.config).ok()?;
        let old = &self.articles[i];
        // What may differ: what listings show (title, summary), and what the
        // briefing's page and the feed show alone (sources, authors).
        let mut placed = article.front.clone();
        placed.title.clone_from(&old.front.title);
        placed.summary.clone_from(&old.front.summary);
        placed.sources.clone_from(&old.front.sources);
        placed.authors.clone_from(&old.front.authors);
        if !warnings.is_empty()
            || placed != old.front
            || (&article.lang, &article.key, &article.path) != (&old.lang, &old.key, &old.path)
        {
            return None;
        }
        let front = (&article.front.title, &article.front.summary)
            != (&old.front.title, &old.front.summary);
        let card = match &self.cards[i] {
            Some(_) if front => {
                let mut problems = Vec::new();
                let own = [false];
                let card = super::images::cards(
                    &self.config,
                    std::slice::from_ref(&article),
                    &own,
                    &mut problems,
                );
                if !problems.is_empty() {
                    return None;
                }
                card.into_iter().next().flatten()
            }
            card => card.clone(),
        };
        // The body as it was, where it was: its rendering and mentions stand.
        let (rendered, refs) = if article.body() == old.body() && article.body_line == old.body_line
        {
            (self.rendered[i].clone(), self.refs[i].clone())
        } else {
            let rendered = self.render_one(&article);
            let refs = article_refs(&self.registry, &article, &rendered);
            (rendered, refs)
        };
        if !refs.keys().eq(self.refs[i].keys()) {
            return None;
        }
        let moved: Vec<usize> = refs
            .iter()
            .filter(|(e, r)| self.refs[i].get(e) != Some(r))
            .map(|(&e, _)| e)
            .collect();
        let body = rendered.html != self.rendered[i].html;
        let title_changed = article.front.title != old.front.title;
        self.articles[i] = article;
        self.rendered[i] = rendered;
        self.refs[i] = refs;
        self.cards[i] = card;
        if !moved.is_empty() {
            self.index = index::build(self.registry.entities.len(), &self.refs);
        }
        let reordered = title_changed && self.retitle_timeline_item(i);
        Some(ArticleChange {
            article: i,
            moved,
            body,
            front,
            reordered,
        })
    }

    /// Gives the timeline item of article `i` its new title, keeping the timeline in
    /// the order a load gives; says whether the items had to be put in order again.
    fn retitle_timeline_item(&mut self, i: usize) -> bool {
        let article = &self.articles[i];
        let Some(items) = self.timelines.get_mut(&article.lang) else {
            return false;
        };
        let Some(k) = items
            .iter()
            .position(|item| item.kind == ItemKind::Briefing && item.articles == [i])
        else {
            return false;
        };
        items[k].text.clone_from(&article.front.title);
        // The other items are in order: the timeline is, if this one sits between
        // its neighbours.
        let zone = &self.config.timezone;
        let key = |item| crate::timeline::order(item, zone);
        let after_previous = k == 0 || key(&items[k - 1]) <= key(&items[k]);
        let before_next = items
            .get(k + 1)
            .is_none_or(|next| key(&items[k]) <= key(next));
        if after_previous && before_next {
            return false;
        }
        items.sort_by_cached_key(|item| crate::timeline::order(item, zone));
        true
    }
}
