//! Checks across articles that loading makes: every entity id named in front matter
//! is in the registry.

use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::entities::registry::Registry;

/// Every id in `entities:` (of the article and of its events) must be in the registry.
pub(super) fn check_entity_refs(
    articles: &[Article],
    registry: &Registry,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for article in articles {
        let refs = article
            .front
            .entities
            .iter()
            .chain(article.front.events.iter().flat_map(|e| &e.entities));
        for r in refs {
            if registry.get(&r.id).is_none() {
                let mut d = Diagnostic::error(&article.file, format!("unknown entity `{}`", r.id))
                    .at(&article.source, r.line, r.column)
                    .label("not in content/entities.yaml");
                d.help = Some(match registry.nearest_id(&r.id) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("add `{}` to content/entities.yaml, or remove it here", r.id),
                });
                diagnostics.push(d);
            }
        }
    }
}
