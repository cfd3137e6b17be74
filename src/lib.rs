//! `brief`: a static site generator for bilingual (Arabic/English) news briefings.
//!
//! The modules follow the pipeline: `config` → `content` → `markdown` (with
//! `entities` and `text`) → `timeline` → `render` → `output`, driven by `site`.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod entities;
pub mod error;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod serve;
pub mod site;
pub mod text;
pub mod timeline;

pub use build::Summary;
pub use error::{Error, Result};
pub use site::{LoadOptions, Site};
