//! A YAML error from serde-saphyr → a plain-words [`Diagnostic`] at the line and
//! column of the user's file, with a fix for the mistakes writers make (a colon or
//! curly quotes in an unquoted title, an unclosed quote, a tab, a missing key). The
//! kind and position come from the parser's structured error; its own wording is kept
//! only as a note.

use std::path::Path;

use serde_saphyr::Error;
use serde_saphyr::granit_parser::{ErrorKind, ScanError};
use serde_saphyr::localizer::ExternalMessageSource;

use crate::diagnostic::{Diagnostic, did_you_mean};

/// Which file the YAML came from: the advice differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    /// The block between the `---` lines of a Markdown file.
    FrontMatter,
    /// `brief.yaml`.
    Config,
    /// `content/entities.yaml`.
    Registry,
}

/// Turns `error` into a diagnostic on `file`. `source` is the whole file text;
/// `line_offset` is the number of file lines above the YAML text (front matter sits
/// below its `---`), so the line points into the file the user edits.
pub fn diagnostic(
    file: &Path,
    source: &str,
    error: &Error,
    line_offset: usize,
    document: Document,
) -> Diagnostic {
    let error = innermost(error);
    let place = error.location().map(|l| {
        let given = (l.line() as usize + line_offset, l.column() as usize);
        let byte = l.span().byte_offset().and_then(|b| usize::try_from(b).ok());
        file_place(source, line_offset, byte, given)
    });
    let mut d = match error {
        Error::ExternalMessage { source: from, .. } => match &**from {
            ExternalMessageSource::Parser(scan) => return syntax(file, source, scan, line_offset),
            _ => Diagnostic::error(file, "this is not valid YAML"),
        },
        _ => meaning(file, error, document),
    };
    if let Some((line, column)) = place
        && line > line_offset
        && d.line == 0
    {
        // A missing top-level key has no line of its own: the front matter's `---`
        // (or the whole file) is where it belongs.
        let top_level_missing = matches!(error, Error::SerdeMissingField { .. }) && column <= 1;
        match (top_level_missing, document) {
            (true, Document::FrontMatter) => {
                d = d.at(source, 1, 1).width(3).label("this front matter");
            }
            (true, _) => {}
            _ => d = d.at(source, line, column),
        }
    }
    // A type mismatch is already said in plain words; the parser's words help only
    // where brief has none of its own.
    if d.help.is_none() || d.message == FALLBACK {
        d = d.with_note(format!("the YAML parser says: {}", error.without_snippet()));
    }
    d
}

const FALLBACK: &str = "this value does not fit here";

/// serde-saphyr wraps errors in snippets and alias contexts; the cause is inside.
fn innermost(mut error: &Error) -> &Error {
    loop {
        match error {
            Error::WithSnippet { error: inner, .. } | Error::AliasError { error: inner, .. } => {
                error = inner;
            }
            _ => return error,
        }
    }
}

/// A value of the wrong shape or a key that is wrong, missing or repeated.
fn meaning(file: &Path, error: &Error, document: Document) -> Diagnostic {
    let d = |message: String| Diagnostic::error(file, message);
    match error {
        Error::SerdeUnknownField {
            field, expected, ..
        } => d(format!("unknown key `{field}`"))
            .label("not a key brief knows here")
            .help(match did_you_mean(field, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if expected.is_empty() => "remove this key".to_string(),
                None => format!("the keys allowed here are: {}", expected.join(", ")),
            }),
        Error::SerdeMissingField { field, location } => {
            let whole = location.column() <= 1;
            match (whole, document) {
                (true, Document::FrontMatter) => d(format!("the front matter has no `{field}`"))
                    .help(format!(
                        "add `{field}:` with a value between the two `---` lines{}",
                        example(field)
                    )),
                (true, Document::Config) => d(format!("brief.yaml has no `{field}`"))
                    .help(format!("add `{field}:` with a value{}", example(field))),
                _ => d(format!("this entry has no `{field}`"))
                    .label(format!("`{field}` is missing here"))
                    .help(format!("add `{field}:` with a value{}", example(field))),
            }
        }
        Error::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            d(format!("`{key}` is written twice"))
                .label("a second entry with this key")
                .help("each key may appear once: merge the two entries, or remove one")
        }
        Error::NullIntoString { .. } | Error::InvalidCharNull { .. } => {
            d("this key has no value".into())
                .label("nothing after the colon")
                .help("write a value after the colon, or remove the key")
        }
        Error::Unexpected { expected, location } => unexpected(file, expected, location, document),
        Error::SerdeInvalidType {
            unexpected,
            expected,
            ..
        } => d(format!(
            "this value is {unexpected}, but {expected} is needed here"
        ))
        .help(shape_help(expected)),
        Error::SerdeInvalidValue {
            unexpected,
            expected,
            ..
        } => d(format!("{unexpected} is not {expected}")).help(shape_help(expected)),
        Error::SerdeUnknownVariant {
            variant, expected, ..
        } => d(format!("`{variant}` is not one of the allowed values")).help(
            match did_you_mean(variant, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", expected.join(", ")),
            },
        ),
        Error::InvalidScalar { ty, .. } => {
            d(format!("this value is not a valid {}", plain_type(ty)))
                .help(format!("write a {} here", plain_type(ty)))
        }
        Error::InvalidBooleanStrict { .. } => d("this value is not `true` or `false`".into())
            .help("write `true` or `false`, without quotes"),
        Error::Eof { .. } => match document {
            Document::FrontMatter => d("the front matter is empty".into())
                .help("write at least `title:` and `date:` between the two `---` lines"),
            _ => d("the file ends in the middle of a value".into())
                .help("finish the last entry, or remove it"),
        },
        Error::MultipleDocuments { .. } => d("this file holds more than one YAML document".into())
            .help("remove the `---` line inside the file: brief reads one document"),
        Error::Budget { .. }
        | Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => d(
            "this YAML is too large or too deeply nested".into(),
        )
        .help(
            "simplify it: brief limits nesting and anchor expansion so no file can exhaust memory",
        ),
        Error::UnknownAnchor { .. } => d("`*name` refers to an anchor that is not defined".into())
            .help("define it first with `&name`, or put a value starting with `*` in quotes"),
        Error::Message { msg, .. } => d(msg.clone()),
        Error::InvalidUtf8Input => {
            d("the file is not UTF-8 text".into()).help("save the file as UTF-8")
        }
        Error::IOError { cause } => d(format!("cannot read the file: {cause}")),
        _ => d(FALLBACK.into()).help("compare it with the README's example"),
    }
}

/// "Expected a list, a text, a group of keys" — serde-saphyr's `Unexpected`.
fn unexpected(
    file: &Path,
    expected: &str,
    location: &serde_saphyr::Location,
    document: Document,
) -> Diagnostic {
    let root = location.line() <= 1 && location.column() <= 1;
    if expected.starts_with("mapping") && root && document == Document::Registry {
        return Diagnostic::error(file, "entities.yaml is written as a list, not by id")
            .label("an entity id followed by `:` is expected here")
            .help("write each entity under its id, e.g.\nputin:\n  kind: person\n  names:\n    ar: [فلاديمير بوتين, بوتين]\n    en: [Vladimir Putin, Putin]");
    }
    if expected.starts_with("mapping") {
        return Diagnostic::error(file, "keys with values are expected here (`key: value`)").help(
            match document {
                Document::FrontMatter => {
                    "front matter is lines of `key: value`, e.g. `title: …` and `date: 2025-02-12`"
                }
                _ => "write `key: value` lines, indented under their parent",
            },
        );
    }
    if expected.starts_with("sequence") {
        return Diagnostic::error(file, "this key takes a list")
            .help("write `[a, b]`, or one `- item` per line below the key");
    }
    if expected.contains("string") || expected.contains("scalar") {
        return Diagnostic::error(file, "this key takes text, not a list or a group").help(
            "write the text after the colon; put it in quotes if it starts with `[`, `{` or `-`",
        );
    }
    Diagnostic::error(file, format!("{expected} is expected here"))
}

fn shape_help(expected: &str) -> String {
    if expected.contains("sequence") {
        "write a list: `[a, b]`, or one `- item` per line".into()
    } else if expected.contains("map") || expected.contains("struct") {
        "write `key: value` lines, indented under the key".into()
    } else if expected.contains("bool") {
        "write `true` or `false`, without quotes".into()
    } else if expected.contains("integer") {
        "write a whole number, without quotes".into()
    } else {
        "put text in quotes if it contains `:`, `#`, `[` or `{`".into()
    }
}

fn plain_type(ty: &str) -> &str {
    match ty {
        "bool" => "`true` or `false`",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            "whole number"
        }
        "f32" | "f64" => "number",
        _ => ty,
    }
}

fn example(field: &str) -> &'static str {
    match field {
        "title" => ", e.g. `title: اتصال بين بوتين والشرع`",
        "date" => ", e.g. `date: 2025-02-12`",
        "base_url" => ", e.g. `base_url: https://org.github.io/briefings/`",
        "languages" => ", e.g. `languages: [{code: ar}, {code: en}]`",
        "kind" => ", e.g. `kind: person`",
        "names" => ", e.g. `names: {ar: [بوتين], en: [Putin]}`",
        "code" => ", e.g. `code: ar`",
        "text" => ", e.g. `text: Bogdanov visits Damascus`",
        _ => "",
    }
}

/// A syntax error from the scanner: what the writer did, at the character it is about.
fn syntax(file: &Path, source: &str, scan: &ScanError, line_offset: usize) -> Diagnostic {
    let marker = scan.marker();
    // The marker's line is 1-based, its column 0-based, both relative to the YAML text.
    let given = (marker.line() + line_offset, marker.col() + 1);
    let (mut line, mut column) = file_place(source, line_offset, marker.byte_offset(), given);
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let note = format!("the YAML parser says: {}", scan.kind());
    let error = |message: &str| Diagnostic::error(file, message);
    let d = match scan.kind() {
        ErrorKind::MappingValueNotAllowed | ErrorKind::InvalidMappingValueWhitespace => {
            colon(file, text, column)
        }
        ErrorKind::UnclosedQuotedScalar | ErrorKind::DocumentIndicatorInQuotedScalar => {
            let quote = text.chars().nth(column - 1).unwrap_or('"');
            error("this quote is never closed")
                .width(1)
                .label("the value starts here")
                .help(format!(
                    "end the value with `{quote}` on the same line; to write `{quote}` inside the value, use the other kind of quote around it"
                ))
        }
        ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabNotAllowed
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => {
            // The scanner stops where the tab made the text ambiguous, which can be
            // the end of the line above: the tab itself is the next one in the text.
            if let Some((tab_line, tab_column)) = next_tab(source, line) {
                (line, column) = (tab_line, tab_column);
            }
            error("a tab character is used to indent")
                .width(1)
                .label("tab")
                .help("indent with spaces: YAML does not allow tabs for indentation")
        }
        ErrorKind::UnclosedFlowCollection { open } => {
            let close = if *open == '[' { ']' } else { '}' };
            error(&format!("this `{open}` is never closed"))
                .width(1)
                .label("opened here")
                .help(format!(
                    "close it with `{close}` on the same line; a value that starts with `{open}` and is not a list must be in quotes"
                ))
        }
        ErrorKind::MismatchedFlowCollectionEnd { open, close } => {
            error(&format!("`{close}` closes a `{open}`"))
                .width(1)
                .help("a list is written `[a, b]`, a group of keys `{a: 1, b: 2}`")
        }
        ErrorKind::MisplacedFlowCollectionEnd => error("this bracket closes nothing")
            .width(1)
            .help("remove it, or put the whole value in quotes"),
        ErrorKind::CommentNotSeparated => error("`#` starts a comment in YAML")
            .width(1)
            .help("put the value in quotes to keep the `#`, e.g. `tags: [\"#سوريا\"]`"),
        ErrorKind::InvalidTrailingDoubleQuotedScalar
        | ErrorKind::InvalidTrailingSingleQuotedScalar => {
            error("there is text after the closing quote")
                .help("put the whole value in quotes; to write a `\"` inside it, put the value in single quotes: title: '…'")
        }
        ErrorKind::UnknownQuotedScalarEscape
        | ErrorKind::InvalidQuotedScalarHexEscape
        | ErrorKind::InvalidUnicodeEscape
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidLowSurrogateHexEscape => {
            error("a backslash in double quotes starts an escape, and this one is not valid")
                .help("write `\\\\` for a backslash, or put the value in single quotes")
        }
        ErrorKind::UnexpectedCharacter { character } => {
            error(&format!("a value cannot start with `{character}` unless it is quoted"))
                .width(1)
                .help("put the value in quotes")
        }
        ErrorKind::PlainScalarStartsWithDashFlowIndicator => {
            error("a value cannot start with `-` followed by a bracket unless it is quoted")
                .help("put the value in quotes")
        }
        ErrorKind::ExpectedBlockMappingKey
        | ErrorKind::InvalidIndentation
        | ErrorKind::SimpleKeyExpected
        | ErrorKind::InvalidSimpleKey
        | ErrorKind::ExpectedBlockSequenceEntry
        | ErrorKind::BlockSequenceEntryNotAllowed
        | ErrorKind::InvalidBlockScalarIndent
        | ErrorKind::InvalidQuotedScalarIndent
        | ErrorKind::InvalidFlowScalarIndent
        | ErrorKind::MappingKeyNotAllowed => error("this line's indentation does not fit the lines around it")
            .help("keys of one group start in the same column, and a key's list or group is indented below it with spaces"),
        ErrorKind::UnknownAnchor => error("`*name` refers to an anchor that is not defined")
            .help("put a value that starts with `*` in quotes"),
        ErrorKind::RecursionLimitExceeded => error("the YAML is nested too deeply")
            .help("brief reads at most a few levels of lists and groups; flatten the value"),
        ErrorKind::ExpectedNodeContent
        | ErrorKind::ExpectedFlowMappingSeparator
        | ErrorKind::ExpectedFlowSequenceSeparator
        | ErrorKind::InvalidColonPlacement
        | ErrorKind::FlowMappingValueAdjacentCollection
        | ErrorKind::BlockEntryInFlowCollection => error("this list or group in brackets is not written correctly")
            .help("write a list as `[a, b]` and a group as `{a: 1, b: 2}`; put values with `:`, `,`, `[` or `{` in quotes"),
        ErrorKind::UnexpectedEof
        | ErrorKind::UnexpectedEofBlockMapping
        | ErrorKind::UnexpectedEofBlockSequence
        | ErrorKind::UnexpectedEofFlowMapping
        | ErrorKind::UnexpectedEofFlowSequence
        | ErrorKind::UnexpectedEofImplicitFlowMapping => error("the YAML ends in the middle of a value")
            .help("finish the last value, or remove it"),
        ErrorKind::BomInsideDocument => error("an invisible byte-order mark is inside the text")
            .help("remove it: retype the line, or save the file as UTF-8 without BOM"),
        _ => error("this is not valid YAML").help("compare the line with the README's example"),
    };
    d.at(source, line, column).with_note(note)
}

/// A `:` where a value was expected: most often a title with a colon (or with curly
/// quotes, which YAML does not take as quotes), sometimes an over-indented key.
fn colon(file: &Path, text: &str, column: usize) -> Diagnostic {
    let before: String = text.chars().take(column - 1).collect();
    let Some((key, value)) = before
        .split_once(':')
        .map(|(k, _)| (k, text[k.len() + 1..].trim()))
    else {
        return Diagnostic::error(
            file,
            "this line is indented as if it belonged to the line above",
        )
        .width(1)
        .help("start the key in the same column as the keys around it");
    };
    let key = key.trim();
    let curly = value.starts_with(['“', '”', '‘', '’', '«', '„']);
    let inner = value
        .trim_matches(['“', '”', '‘', '’', '«', '»', '„'])
        .replace('\\', "\\\\")
        .replace('"', "\\\"");
    let fix = format!(
        "put the {} in quotes: {key}: \"{inner}\"",
        if key == "title" { "title" } else { "value" }
    );
    if curly {
        Diagnostic::error(file, "curly quotes “…” are not quotes in YAML, so the `:` inside this value starts a new key")
            .width(1)
            .label("this colon")
            .help(format!("use straight quotes: {key}: \"{inner}\""))
    } else {
        Diagnostic::error(file, format!("`{key}` has a colon in its value"))
            .width(1)
            .label("YAML reads this colon as the start of another key")
            .help(fix)
    }
}

/// The line and column (1-based) in the file of the YAML's byte `byte`, counting
/// lines as the editor does (by `\n`): YAML also breaks lines at a lone `\r`, so its
/// own line numbers can run past the end of the file. `given` when there is no byte.
fn file_place(
    source: &str,
    line_offset: usize,
    byte: Option<usize>,
    given: (usize, usize),
) -> (usize, usize) {
    let yaml_start = match line_offset {
        0 => 0,
        n => source
            .match_indices('\n')
            .nth(n - 1)
            .map_or(0, |(i, _)| i + 1),
    };
    let Some(at) = byte
        .map(|b| yaml_start + b)
        .filter(|&at| at <= source.len() && source.is_char_boundary(at))
    else {
        return given;
    };
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The line and column (1-based) of the first tab on `line` or below.
fn next_tab(source: &str, line: usize) -> Option<(usize, usize)> {
    source
        .lines()
        .enumerate()
        .skip(line.saturating_sub(1))
        .find_map(|(i, text)| Some((i + 1, text.chars().position(|c| c == '\t')? + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Front {
        title: String,
        date: String,
        #[serde(default)]
        tags: Vec<String>,
    }

    fn front(yaml: &str) -> Diagnostic {
        let source = format!("---\n{yaml}---\nنص\n");
        let error = serde_saphyr::from_str::<Front>(yaml).unwrap_err();
        diagnostic(
            Path::new("a.ar.md"),
            &source,
            &error,
            1,
            Document::FrontMatter,
        )
    }

    #[test]
    fn common_mistakes_get_plain_words_at_the_right_place() {
        // (front matter, line, column, headline starts with, help contains)
        let cases = [
            (
                "title: بوتين والشرع: اتصال هاتفي\ndate: 2025-02-12\n",
                2,
                20,
                "`title` has a colon in its value",
                "put the title in quotes: title: \"بوتين والشرع: اتصال هاتفي\"",
            ),
            (
                "title: “Putin: the call”\ndate: 2025-02-12\n",
                2,
                14,
                "curly quotes",
                "use straight quotes: title: \"Putin: the call\"",
            ),
            (
                "title: \"Putin calls al-Sharaa\ndate: 2025-02-12\n",
                2,
                8,
                "this quote is never closed",
                "end the value with `\"`",
            ),
            (
                "title: x\n\tdate: 2025-02-12\n",
                3,
                1,
                "a tab character",
                "indent with spaces",
            ),
            (
                "title: x\ndate: 2025-02-12\ntags:\n\t- سوريا\n",
                5,
                1,
                "a tab character",
                "indent with spaces",
            ),
            (
                "date: 2025-02-12\n",
                1,
                1,
                "the front matter has no `title`",
                "add `title:`",
            ),
            (
                "title: x\ndate: 2025-02-12\ntags: [سوريا, روسيا\n",
                4,
                7,
                "this `[` is never closed",
                "close it with `]`",
            ),
            (
                "title: x\ndate: 2025-02-12\ntags: 5\n",
                4,
                7,
                "this key takes a list",
                "`[a, b]`",
            ),
            (
                "title: x\ntitle: y\ndate: 2025-02-12\n",
                3,
                1,
                "`title` is written twice",
                "each key may appear once",
            ),
            (
                "title:\ndate: 2025-02-12\n",
                2,
                6,
                "this key has no value",
                "write a value",
            ),
            (
                "title: x\n  date: 2025-02-12\n",
                3,
                7,
                "this line is indented",
                "same column",
            ),
        ];
        for (yaml, line, column, headline, help) in cases {
            let d = front(yaml);
            assert_eq!((d.line, d.column), (line, column), "{yaml}: {d:?}");
            assert!(d.message.starts_with(headline), "{yaml}: {}", d.message);
            let got = d.help.clone().unwrap_or_default();
            assert!(got.contains(help), "{yaml}: {got}");
            // The parser's own words follow syntax errors as a note, never as the
            // headline.
            if line > 1 && !headline.starts_with('`') && !headline.starts_with("this key") {
                assert!(
                    d.notes
                        .iter()
                        .all(|n| n.starts_with("the YAML parser says"))
                );
                assert!(!d.message.contains("mapping values"), "{}", d.message);
            }
        }
    }

    #[test]
    fn a_registry_written_as_a_list_says_so() {
        let source = "- id: putin\n  kind: person\n";
        let error =
            serde_saphyr::from_str::<Option<BTreeMap<String, BTreeMap<String, String>>>>(source)
                .unwrap_err();
        let d = diagnostic(
            Path::new("content/entities.yaml"),
            source,
            &error,
            0,
            Document::Registry,
        );
        assert_eq!(d.message, "entities.yaml is written as a list, not by id");
        assert_eq!(d.line, 1);
    }

    #[test]
    fn a_missing_config_key_names_the_file_not_a_line() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Conf {
            title: String,
            base_url: String,
        }
        let source = "# موقع\ntitle: موجز\n";
        let error = serde_saphyr::from_str::<Conf>(source).unwrap_err();
        let d = diagnostic(Path::new("brief.yaml"), source, &error, 0, Document::Config);
        assert_eq!(d.message, "brief.yaml has no `base_url`");
        assert_eq!(d.line, 0);
    }
}
