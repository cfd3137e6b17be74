//! What can go wrong making pictures → one error type, each variant naming its file.

use std::path::PathBuf;

/// What can go wrong making pictures. Every variant names the file involved.
#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("could not allocate the card canvas")]
    CardCanvas,
    #[error("could not encode the social card as PNG: {0}")]
    CardPng(String),
    #[error("{}: could not read or write this file: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: not an image brief can read ({reason}); use a JPEG, PNG or WebP file", path.display())]
    Decode { path: PathBuf, reason: String },
    #[error("{}: could not encode the resized image: {reason}", path.display())]
    Encode { path: PathBuf, reason: String },
}
