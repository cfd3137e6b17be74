//! Full-text search: brief's model (articles, rendered bodies, entity mentions) →
//! one Pagefind index per language, as the files of `<lang>/pagefind/`, and the
//! values the search page's script needs.
//!
//! Pagefind is used as a library: each briefing is a custom record (URL, text,
//! meta, filters, sort keys) built from the model, never from HTML read back. See
//! [`text`] for how Arabic words carry hidden variants so that folding and attached
//! prefixes do not hide them.

pub mod background;
pub mod cache;
pub mod indexer;
pub mod records;
pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::render::i18n::Bundle;
use crate::site::Site;
pub use cache::BundleOut;
pub use indexer::{Record, index};
pub use records::{Draft, drafts, each_draft, index_language, records};

/// The bundle's directory under each language: `ar/pagefind/`.
pub const DIR: &str = "pagefind";

/// Writes the search bundle of language `code` into `out`: hard-linked from the
/// site's cache when an earlier build stored its files there on this file system,
/// else one file at a time from the cache's entry when an earlier build indexed the
/// same drafts, else made by Pagefind and stored. A bundle written rather than
/// linked is also stored as files, for the next build to link, where it could.
pub fn write_bundle(site: &Site, code: &str, out: &dyn BundleOut) -> Result<()> {
    let cache = crate::media::Cache::for_site(&site.root);
    // The key from drafts made one at a time; all of them only for Pagefind.
    let key = cache::key_of(each_draft(site, code));
    if cache::link_stored(&cache, code, &key, out)? {
        return Ok(());
    }
    let mut tree = cache::TreeWriter::start(&cache, code, &key, out);
    let write = |tree: &mut Option<cache::TreeWriter>, name: &str, bytes: &[u8]| {
        if tree.as_mut().is_some_and(|t| !t.add(name, bytes)) {
            *tree = None;
        }
        out.write(name, bytes)
    };
    let stored = cache::each_stored(&cache, code, &key, &mut |name, bytes| {
        write(&mut tree, name, bytes)
    })?;
    if !stored {
        let mut drafts = drafts(site, code);
        // A streaming build kept few bodies' HTML: rendered again for Pagefind.
        let html = site.bodies_html(&site.articles_in(code))?;
        for (draft, html) in drafts.iter_mut().zip(&html) {
            draft.text.html = html;
        }
        let records = drafts.into_par_iter().map(Draft::record).collect();
        let files = cache::make(&cache, code, &key, records)
            .map_err(|e| Error::Search(format!("the search index for `{code}` failed: {e}")))?;
        // The cache's folder exists now, the entry stored in it (a first build had
        // none to start the tree in).
        tree = cache::TreeWriter::start(&cache, code, &key, out);
        for (name, bytes) in &files {
            write(&mut tree, name, bytes)?;
        }
    }
    if let Some(tree) = tree {
        tree.finish(code);
    }
    Ok(())
}

/// What the search page's script needs, for `search.html` (`search.config`, one
/// JSON string for a `data-` attribute): where the bundle is, the result count's
/// plural forms, the language's digits, and each entity's page by the name it is
/// filtered by.
pub fn page_values(site: &Site, code: &str, bundle: &Bundle) -> Value {
    let digits: String = (0..10)
        .map(|d| {
            site.config
                .language(code)
                .map(|l| crate::text::digits::localize(&d.to_string(), l.digits))
                .unwrap_or_else(|| d.to_string())
        })
        .collect();
    let entities: BTreeMap<&str, String> = site
        .registry
        .entities
        .iter()
        .map(|entity| (entity.name(code), site.url(&entity.url_path(code))))
        .collect();
    let config = json!({
        "bundle": site.url(&format!("{code}/{DIR}/")),
        "count": bundle.plural_forms("results_count"),
        "digits": digits,
        "entities": entities,
    });
    json!({ "config": config.to_string() })
}
