//! Size limits on what a writer types (front matter, the entity registry,
//! `brief.yaml`) → an error at the value that is too long, so no field can multiply
//! the output (a title appears on a dozen pages, in feeds, cards and JSON).
//!
//! Markdown in metadata (event text, entity descriptions) is never trusted with raw
//! HTML or script links: [`markup`] warns about what pages show as text or drop.
//!
//! The limits are far above any real briefing: a title of a thousand characters is
//! already a paragraph.

use std::path::Path;

use crate::diagnostic::Diagnostic;

/// A briefing's or the site's title.
pub const TITLE: usize = 1_000;
/// A summary, a site description.
pub const SUMMARY: usize = 5_000;
/// Event text: one line on a timeline.
pub const EVENT_TEXT: usize = 1_000;
/// A tag, an author, a slug, a translation key, an entity id or name, a source title.
pub const NAME: usize = 300;
/// A URL: a source, an image, a registry link.
pub const URL: usize = 2_000;
/// An entity's description (Markdown), per language.
pub const DESCRIPTION: usize = 20_000;
/// Items in one list: tags, authors, entities, sources, aliases.
pub const ITEMS: usize = 500;
/// Events of one briefing.
pub const EVENTS: usize = 2_000;

/// An error when `value` has more than `limit` characters; `at` is the 1-based line
/// and column of the value in `source`.
pub fn text(
    file: &Path,
    source: &str,
    at: (usize, usize),
    what: &str,
    value: &str,
    limit: usize,
) -> Option<Diagnostic> {
    // Counting stops at the limit: a 10 MB value costs no more than a short one.
    let over = value.chars().nth(limit).is_some();
    over.then(|| {
        Diagnostic::error(
            file,
            format!("{what} is longer than {limit} characters"),
        )
        .at(source, at.0, at.1)
        .width(1)
        .label(format!("{} characters", value.chars().count()))
        .help(format!(
            "shorten it; brief refuses longer values so that no field can swell every page it appears on (limit: {limit})"
        ))
    })
}

/// An error when a list has more than `limit` items.
pub fn items(
    file: &Path,
    source: &str,
    at: (usize, usize),
    what: &str,
    count: usize,
    limit: usize,
) -> Option<Diagnostic> {
    (count > limit).then(|| {
        Diagnostic::error(file, format!("{what} has {count} items, more than {limit}"))
            .at(source, at.0, at.1)
            .help(format!("keep at most {limit}"))
    })
}

/// A warning for each piece of raw HTML (shown as text) and each link other than
/// http(s), mailto or relative (dropped) that the metadata Markdown `value` writes;
/// `at` is where the value is in `source`.
/// `at` gives the line and column, asked only when there is something to say (finding
/// a nested key's line scans the file).
pub fn markup(
    file: &Path,
    source: &str,
    at: impl Fn() -> (usize, usize),
    what: &str,
    value: &str,
) -> Vec<Diagnostic> {
    crate::markdown::refused_in_metadata(value)
        .into_iter()
        .map(|refused| {
            let shown: String = refused.written.trim().chars().take(60).collect();
            let d = if refused.html {
                Diagnostic::warning(file, format!("{what} has raw HTML `{shown}`, shown as text"))
                    .help("metadata is not trusted with HTML: write Markdown instead (**bold**, [a link](https://…))")
            } else {
                Diagnostic::warning(file, format!("{what} links to `{shown}`, which is dropped"))
                    .help("link to an http(s) or mailto address; other schemes are refused in metadata")
            };
            let (line, column) = at();
            d.at(source, line, column)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_not_bytes() {
        let file = Path::new("a.ar.md");
        let arabic = "ب".repeat(TITLE);
        assert!(text(file, "", (1, 1), "`title`", &arabic, TITLE).is_none());
        let over = format!("{arabic}x");
        let d = text(file, "", (1, 1), "`title`", &over, TITLE).unwrap();
        assert_eq!(d.message, "`title` is longer than 1000 characters");
        assert_eq!(d.label, "1001 characters");
        assert!(items(file, "", (1, 1), "`tags`", 501, ITEMS).is_some());
        assert!(items(file, "", (1, 1), "`tags`", 500, ITEMS).is_none());
    }
}
