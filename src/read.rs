//! A user's file on disk → its text, or a plain-words [`Diagnostic`] saying why not:
//! permission denied, a directory, or bytes that are not UTF-8 (with the line,
//! column and byte offset of the first bad byte).

use std::io::ErrorKind;
use std::path::Path;

use crate::diagnostic::Diagnostic;

/// Reads `path` as UTF-8 text; `shown` is the path messages name.
pub fn text(path: &Path, shown: &Path) -> Result<String, Box<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|e| Box::new(io(shown, &e)))?;
    utf8(bytes, shown)
}

/// The bytes of the file `shown` as UTF-8 text.
pub fn utf8(bytes: Vec<u8>, shown: &Path) -> Result<String, Box<Diagnostic>> {
    String::from_utf8(bytes).map_err(|e| Box::new(not_utf8(shown, e.as_bytes(), e.utf8_error())))
}

/// A failed read in plain words.
pub fn io(shown: &Path, error: &std::io::Error) -> Diagnostic {
    let name = shown.display();
    match error.kind() {
        ErrorKind::PermissionDenied => Diagnostic::error(
            shown,
            "brief is not allowed to read this file (permission denied)",
        )
        .help(format!(
            "give your user read permission, e.g. `chmod u+r {name}`, or check who owns the file"
        )),
        ErrorKind::NotFound => Diagnostic::error(shown, "this file does not exist (any more)")
            .help("if it is a symbolic link, it points to a file that is gone"),
        ErrorKind::IsADirectory => Diagnostic::error(shown, "this is a directory, not a file")
            .help("rename the directory so its name does not end in `.md` or `.yaml`"),
        _ => Diagnostic::error(shown, format!("brief cannot read this file: {error}")),
    }
}

/// Bytes that are not UTF-8: the first bad byte's line, column and offset.
fn not_utf8(shown: &Path, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let offset = error.valid_up_to();
    let before = String::from_utf8_lossy(&bytes[..offset]);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let shown_text = String::from_utf8_lossy(bytes);
    Diagnostic::error(shown, "this file is not UTF-8 text")
        .at(&shown_text, line, column)
        .width(1)
        .label(format!("byte {offset} (0x{:02X}) is not UTF-8", bytes[offset]))
        .help("save the file as UTF-8: most editors offer it under “Save with encoding” (Windows-1256 and Latin-1 files need converting)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_line_column_and_byte_of_bad_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.yaml");
        // "title: موجز\nbase_url: caf\xe9\n": a Latin-1 é on line 2.
        let mut bytes = "title: موجز\nbase_url: caf".as_bytes().to_vec();
        bytes.extend([0xE9, b'\n']);
        std::fs::write(&path, &bytes).unwrap();
        let d = text(&path, Path::new("brief.yaml")).unwrap_err();
        assert_eq!(d.message, "this file is not UTF-8 text");
        assert_eq!((d.line, d.column), (2, 14));
        assert_eq!(d.label, "byte 29 (0xE9) is not UTF-8");
    }

    #[test]
    fn permission_denied_says_so_and_not_utf8() {
        // Tests may run as root, who reads any file: the error is made directly.
        let denied = std::io::Error::from(ErrorKind::PermissionDenied);
        let d = io(Path::new("content/a.ar.md"), &denied);
        assert_eq!(
            d.message,
            "brief is not allowed to read this file (permission denied)"
        );
        let help = d.help.unwrap_or_default();
        assert!(help.contains("chmod u+r content/a.ar.md"), "{help}");
        assert!(!help.contains("UTF-8"), "{help}");
    }

    #[test]
    fn a_missing_file_is_not_an_encoding_problem() {
        let d = text(Path::new("/nonexistent/x.md"), Path::new("x.md")).unwrap_err();
        assert_eq!(d.message, "this file does not exist (any more)");
        assert!(!d.help.unwrap_or_default().contains("UTF-8"));
    }
}
