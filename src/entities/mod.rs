//! Entities: the registry from `content/entities.yaml`, the mention matcher, and the
//! index built from the mentions of every article.

pub mod common;
pub mod index;
pub mod letters;
pub mod matcher;
pub mod mentions;
pub mod registry;

pub use registry::{Entity, Registry};
