//! The rendered bodies of a site built with `unsafe_html: false` → a warning for each
//! piece of raw HTML shown as text and each link dropped for its scheme, at the line
//! and column where the article wrote it.

use crate::diagnostic::Diagnostic;
use crate::site::Site;

use super::links::position;

/// Every refusal in every article's body. The articles' sources must still be loaded,
/// or their bodies only let go (they are read again).
pub fn refused(site: &Site) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (i, article) in site.articles.iter().enumerate() {
        // A body the build let go is read again, once, to point at the lines.
        let mut text = None;
        for refused in &site.rendered[i].refused {
            let shown: String = refused.written.trim().chars().take(60).collect();
            let d = if refused.html {
                Diagnostic::warning(&article.file, format!("raw HTML `{shown}` is shown as text"))
                    .label("not trusted: the site sets `unsafe_html: false`")
                    .help("write it in Markdown (links, **bold**, images), or set `unsafe_html: true` in brief.yaml if every writer of this site is trusted")
            } else {
                Diagnostic::warning(&article.file, format!("the link to `{shown}` was dropped"))
                    .label("only http(s), mailto and relative links are published")
                    .help("link to an http(s) address, or set `unsafe_html: true` in brief.yaml if every writer of this site is trusted")
            };
            let (source, changed) =
                text.get_or_insert_with(|| article.source_for_warning(&site.root));
            let (line, column) = position(source, article.body_start + refused.offset);
            let mut d = if line > 0 {
                d.at(source, line, column)
                    .width(shown.chars().count().max(1))
            } else {
                d
            };
            d.notes.extend(changed.clone());
            found.push(d);
        }
    }
    found
}
