//! Pictures: text → social card PNGs ([`card`]), bundle images → resized copies for
//! `srcset` ([`resize`]), both kept in a content-addressed cache between builds
//! ([`cache`]).

pub mod cache;
pub mod card;
mod error;
pub mod fonts;
pub mod paint;
pub mod progress;
pub mod resize;

pub use cache::{CACHE_DIR, Cache, CachedCard, CachedFile};
pub use card::{Card, CardPainter, CardText, Direction, Palette, Rgb, TitleFit, draw_card};
pub use error::MediaError;
pub use progress::{LateProgress, Progress};
pub use resize::Layout;
pub use resize::{Resized, Variant, WIDTHS, is_resizable};
