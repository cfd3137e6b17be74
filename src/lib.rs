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
mod content;
mod diagnostic;
pub mod entities;
pub mod error;
mod markdown;
pub mod media;
mod output;
mod plan;
mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
mod text;
mod timeline;

pub use build::Summary;
pub use error::{Error, Result};
pub use site::{LoadOptions, Site};
