//! Diagnostics: what went wrong in a user's file (file, line, column, label, help),
//! collected across a build and rendered the way rustc renders its errors.

use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Worth knowing, never a failure: `brief check` reports unused entities so.
    Note,
}

/// One problem in one file. `line` and `column` are 1-based; `line == 0` means the
/// problem concerns the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    /// The text of the line the problem is on, so the report can show it without
    /// reading the file again.
    pub source_line: Option<String>,
    /// How many characters to underline; 0 underlines the word at the column.
    pub width: usize,
    /// Details below the help, e.g. the YAML parser's own wording.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            label: String::new(),
            help: None,
            source_line: None,
            width: 0,
            notes: Vec::new(),
        }
    }

    pub fn warning(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn note(file: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at `line:column` of `source` (the whole file text).
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Diagnostic {
        self.line = line;
        self.column = column.max(1);
        self.source_line = source
            .lines()
            .nth(line.saturating_sub(1))
            .map(str::to_string);
        self
    }

    /// Underlines `chars` characters from the column instead of one word.
    pub fn width(mut self, chars: usize) -> Diagnostic {
        self.width = chars;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders as rustc does: a title, the file and line, the line with a caret.
    pub fn render(&self) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let path = self.file.display().to_string();
        let title = level.primary_title(self.message.as_str());
        let group = match &self.source_line {
            Some(line) if self.line > 0 => {
                let start = char_to_byte(line, self.column.saturating_sub(1));
                let end = if self.width > 0 {
                    char_to_byte(line, self.column.saturating_sub(1) + self.width)
                } else {
                    token_end(line, start)
                };
                let label = if self.label.is_empty() {
                    self.message.as_str()
                } else {
                    self.label.as_str()
                };
                title.element(
                    Snippet::source(line.as_str())
                        .line_start(self.line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(start..end).label(label)),
                )
            }
            _ => title.element(Origin::path(path.as_str())),
        };
        let mut report: Vec<Group> = vec![group];
        if let Some(help) = &self.help {
            report.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        for note in &self.notes {
            report.push(Group::with_title(
                Level::NOTE.secondary_title(note.as_str()),
            ));
        }
        Renderer::plain().render(&report).to_string()
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

fn char_to_byte(line: &str, chars: usize) -> usize {
    line.char_indices()
        .nth(chars)
        .map_or(line.len(), |(i, _)| i)
}

/// The end of the token starting at `start`, so the caret underlines a whole word.
fn token_end(line: &str, start: usize) -> usize {
    let rest = &line[start..];
    let mut chars = rest.char_indices().peekable();
    let mut len = rest.len();
    while let Some((i, c)) = chars.next() {
        let key_end = c == ':' && chars.peek().is_none_or(|&(_, n)| n == ' ');
        if c.is_whitespace() || c == ',' || c == ']' || key_end {
            len = i;
            break;
        }
    }
    if len == 0 {
        (start + rest.chars().next().map_or(0, char::len_utf8)).max(start)
    } else {
        start + len
    }
}

/// A path shown to the user: relative to the site root when it is inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// The nearest of `candidates` to `word`, if it is near enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(word, c), c))
        .filter(|&(d, c)| d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min()
        .map(|(_, c)| c)
}

/// The field names a serde-derived struct accepts, as its derived `Deserialize`
/// declares them: what the lists of keys (`config::KEYS`, `front_matter::KEYS`, …)
/// are checked against, so that the unknown-key checks and the user guide's
/// reference cannot drift from what is parsed.
#[cfg(test)]
pub(crate) fn fields_of<'de, T: serde::Deserialize<'de>>() -> Vec<&'static str> {
    use serde::de::{Error as _, Visitor, value::Error};

    struct Capture<'a>(&'a mut Vec<&'static str>);

    impl<'de> serde::Deserializer<'de> for Capture<'_> {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            self.0.extend_from_slice(fields);
            Err(Error::custom("captured"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
            enum identifier ignored_any
        }
    }

    let mut fields = Vec::new();
    let _ = T::deserialize(Capture(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["title", "base_url", "languages", "description"];
        let cases = [
            ("titel", Some("title")),
            ("base-url", Some("base_url")),
            ("language", Some("languages")),
            ("zzz", None),
        ];
        for (word, expected) in cases {
            assert_eq!(did_you_mean(word, keys), expected, "{word}");
        }
    }

    #[test]
    fn renders_file_line_and_caret() {
        let source = "---\ntitle: x\ndate: 2025-02-30\n---\n";
        let d = Diagnostic::error("content/a.ar.md", "invalid date")
            .at(source, 3, 7)
            .label("February has 28 days")
            .help("write YYYY-MM-DD");
        let text = d.render();
        assert!(text.contains("content/a.ar.md:3:7"), "{text}");
        assert!(text.contains("date: 2025-02-30"), "{text}");
        assert!(text.contains("^^^^^^^^^^ February has 28 days"), "{text}");
        assert!(text.contains("help: write YYYY-MM-DD"), "{text}");
    }
}
