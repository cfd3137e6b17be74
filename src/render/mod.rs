//! Tera setup: the embedded default theme, overridden file by file by a theme's and
//! the site's own templates; and the contexts of every page.

mod context;
mod data;
pub mod i18n;
mod isolate;
pub(crate) mod shared;

// For the search index, which names sections and counts as the pages do.
pub mod theme;

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::error::{Error, Result};

pub use context::{Body, context, context_with, page_data};
pub use data::PageData;
pub use shared::Shared;

pub struct Renderer {
    tera: Tera,
    /// The XXH3-128 hash of every template's name and text.
    fingerprint: u128,
}

impl Renderer {
    /// Loads the built-in templates, then `themes/<theme>/templates/` and `templates/`
    /// of the site at `root`, each file replacing the one of the same name.
    pub fn new(root: &Path, theme: Option<&str>) -> Result<Renderer> {
        let mut sources: BTreeMap<String, String> = theme::TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut dirs = Vec::new();
        if let Some(theme) = theme {
            dirs.push(root.join("themes").join(theme).join("templates"));
        }
        dirs.push(root.join("templates"));
        for dir in dirs.iter().filter(|d| d.is_dir()) {
            for entry in WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.map_err(|e| {
                    let path = e.path().unwrap_or(dir).to_path_buf();
                    Error::io(path)(e.into())
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let Ok(name) = entry.path().strip_prefix(dir) else {
                    continue;
                };
                let name = name.to_string_lossy().replace('\\', "/");
                let text =
                    std::fs::read_to_string(entry.path()).map_err(Error::io(entry.path()))?;
                sources.insert(name, text);
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        isolate::register(&mut tera);
        tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| Error::Template(format!("{e}")))?;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for (name, text) in &sources {
            for part in [name, text] {
                hasher.update(&(part.len() as u64).to_le_bytes());
                hasher.update(part.as_bytes());
            }
        }
        Ok(Renderer {
            tera,
            fingerprint: hasher.digest128(),
        })
    }

    /// What tells this set of templates from any other: two renderers with the same
    /// fingerprint render the same data to the same bytes.
    pub fn fingerprint(&self) -> u128 {
        self.fingerprint
    }

    pub fn render(&self, template: &str, context: &Context) -> Result<String> {
        self.tera
            .render(template, context)
            .map_err(|e| Error::Template(render_tera_error(&e)))
    }

    /// [`Renderer::render`] into `out` (cleared first), as bytes: a build writes
    /// pages straight to files, so checking that Tera's output is UTF-8 again (it
    /// is, being made of UTF-8 strings) and copying it into a fresh `String` per
    /// page would be wasted work. `out` can be reused from page to page.
    pub fn render_to(&self, template: &str, context: &Context, out: &mut Vec<u8>) -> Result<()> {
        out.clear();
        self.tera
            .render_to(template, context, &mut *out)
            .map_err(|e| Error::Template(render_tera_error(&e)))
    }
}

/// Tera's errors already carry rustc-style snippets; keep its chain of causes too.
fn render_tera_error(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(&format!("\ncaused by: {cause}"));
        source = cause.source();
    }
    text
}
