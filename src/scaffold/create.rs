//! A file of a new site or briefing → written, unless something is already there.

use std::io::{self, Write as _};
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `text` to `path` unless something is already there. Returns whether it
/// wrote; creating with `create_new` means a file appearing meanwhile is not lost.
pub(crate) fn create(path: &Path, text: &str) -> Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io(parent))?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(text.as_bytes()).map_err(Error::io(path))?;
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io(path)(e)),
    }
}
