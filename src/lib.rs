//! `brief`: a static site generator for bilingual (Arabic/English) news briefings.
//!
//! The modules follow the pipeline: `config` → `content` → `markdown` (with `entities`
//! and `text`) → `timeline`, which `site` loads into the model; then `build` runs
//! `plan` (every output path) → `render` → `output`. `check`, `scaffold` and `serve`
//! sit on top; `media` (social cards, resized images) waits to be called by `build`.
//! Only what `main`, the benchmarks and the tests call is public.

pub mod build;
pub mod check;
pub mod cli;
mod config;
mod config_checks;
mod content;
mod diagnostic;
pub mod entities;
pub mod error;
pub mod import;
mod limits;
mod markdown;
pub mod media;
mod output;
mod pack;
mod plan;
#[cfg(test)]
mod properties;
mod read;
mod redirect;
mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
mod site_files;
pub mod text;
mod timeline;
pub mod usage;
mod yaml;

pub use build::Summary;

/// The most items (files, pages) a thread takes in one piece of a parallel loop
/// over a site: rayon's adaptive split makes few pieces with two threads, and the
/// last, of hundreds of pages, can keep one thread busy while the other waits
/// (50 ms of a 0.8 s build at 2,000 pairs).
const PIECE: usize = 16;
pub use error::{Error, Result};

/// The keys `brief.yaml`, front matter and `content/entities.yaml` accept, as the
/// parsers declare them; the user guide's configuration reference is tested against
/// these lists.
pub mod keys {
    pub use crate::config::{KEYS as CONFIG, LANGUAGE_KEYS as LANGUAGE};
    pub use crate::content::front_matter::{
        EVENT_KEYS as EVENT, KEYS as FRONT_MATTER, SOURCE_KEYS as SOURCE,
    };
    pub use crate::entities::registry::KEYS as ENTITY;
}
pub use site::{LoadOptions, Site};
pub use text::count::count;
