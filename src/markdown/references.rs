//! The references a Markdown body makes (link and image destinations, and the `src`,
//! `href`, `srcset` and `poster` attributes of its raw HTML) → each [`Reference`] with
//! its byte offset in the body, and raw HTML with those attributes rewritten. Text
//! inside `<script>` and `<style>` is never touched.

use std::ops::Range;

/// One destination written in a body, as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub dest: String,
    pub kind: Kind,
    /// Byte offset of the destination's first character in the body.
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `[text](dest)`.
    Link,
    /// `![alt](dest)`.
    Image,
    /// An attribute of raw HTML: `src`, `href`, `srcset` or `poster`.
    Attribute(&'static str),
}

impl Kind {
    /// Whether the page shows the file itself (an image, a video's poster) rather
    /// than linking to it: such a relative path always means a file of the bundle.
    pub fn embeds(self) -> bool {
        !matches!(self, Kind::Link | Kind::Attribute("href"))
    }
}

/// The attributes whose values are URLs (`srcset` is a list of them).
pub(super) const URL_ATTRIBUTES: [&str; 4] = ["src", "href", "srcset", "poster"];

/// Whether raw HTML is inside an element whose text is not HTML (`<script>`,
/// `<style>`), or whose text is shown as written (`<pre>`, `<code>`, `<textarea>`,
/// `<kbd>`, `<samp>`), carried from one HTML event to the next: Markdown text there
/// is neither isolated nor searched for mentions.
#[derive(Debug, Default, Clone, Copy)]
pub struct RawText {
    inside: Option<&'static str>,
    verbatim: Option<&'static str>,
}

/// Elements whose text a reader sees exactly as written.
const VERBATIM: [&str; 5] = ["pre", "code", "textarea", "kbd", "samp"];

impl RawText {
    /// Inside `<script>` or `<style>`: text there is code, written out as it is.
    pub fn in_code(self) -> bool {
        self.inside.is_some()
    }

    /// Inside `<pre>`, `<code>`, `<textarea>`, `<kbd>` or `<samp>`: text there is
    /// escaped, but never wrapped in `<bdi>` nor linked.
    pub fn in_verbatim(self) -> bool {
        self.verbatim.is_some()
    }
}

/// A URL inside a piece of raw HTML: its byte range there, and its attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub range: Range<usize>,
    pub attribute: &'static str,
}

/// Every URL in the URL attributes of the tags of `html`, in order; `raw` says whether
/// the text starts inside `<script>`/`<style>`, and is updated to where it ends.
pub fn scan(html: &str, raw: &mut RawText) -> Vec<Found> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(element) = raw.inside {
            let close = format!("</{element}");
            match find_ignoring_case(&html[at..], &close) {
                Some(p) => {
                    raw.inside = None;
                    at += p + close.len();
                }
                None => return found,
            }
            continue;
        }
        let Some(p) = html[at..].find('<') else {
            break;
        };
        at += p + 1;
        if let Some(closing) = html[at..].strip_prefix('/') {
            let name_len = closing
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if raw
                .verbatim
                .is_some_and(|v| v.eq_ignore_ascii_case(&closing[..name_len]))
            {
                raw.verbatim = None;
            }
            continue;
        }
        if html[at..].starts_with("!--") {
            match html[at..].find("-->") {
                Some(end) => at += end + 3,
                None => break,
            }
            continue;
        }
        let name_len = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[at].is_ascii_alphabetic() {
            continue;
        }
        let name = html[at..at + name_len].to_ascii_lowercase();
        at += name_len;
        at = attributes(html, at, &mut found);
        let self_closed = html[..at].ends_with("/>");
        if raw.verbatim.is_none()
            && !self_closed
            && let Some(v) = VERBATIM.iter().find(|v| **v == name)
        {
            raw.verbatim = Some(v);
        }
        if name == "script" {
            raw.inside = Some("script");
        } else if name == "style" {
            raw.inside = Some("style");
        }
    }
    found
}

/// Reads the attributes of a tag from `at` (just after its name) to its `>`, pushing
/// the URLs of URL attributes; returns the offset after the tag.
fn attributes(html: &str, mut at: usize, found: &mut Vec<Found>) -> usize {
    let bytes = html.as_bytes();
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() {
            return at;
        }
        if bytes[at] == b'>' {
            return at + 1;
        }
        let start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r')
        {
            at += 1;
        }
        let name = html[start..at].to_ascii_lowercase();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] != b'=' {
            continue;
        }
        at += 1;
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let value = match bytes.get(at) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = html[at + 1..]
                    .find(q as char)
                    .map_or(bytes.len(), |p| at + 1 + p);
                let value = at + 1..end;
                at = (end + 1).min(bytes.len());
                value
            }
            _ => {
                let start = at;
                while at < bytes.len() && !bytes[at].is_ascii_whitespace() && bytes[at] != b'>' {
                    at += 1;
                }
                start..at
            }
        };
        if let Some(attribute) = URL_ATTRIBUTES.iter().find(|a| **a == name) {
            if *attribute == "srcset" {
                found.extend(srcset(&html[value.clone()]).into_iter().map(|r| Found {
                    range: value.start + r.start..value.start + r.end,
                    attribute,
                }));
            } else {
                let text = &html[value.clone()];
                let trimmed = text.trim();
                let lead = text.len() - text.trim_start().len();
                found.push(Found {
                    range: value.start + lead..value.start + lead + trimmed.len(),
                    attribute,
                });
            }
        }
    }
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`), by byte range.
fn srcset(value: &str) -> Vec<Range<usize>> {
    let mut urls = Vec::new();
    let mut at = 0;
    for candidate in value.split(',') {
        let lead = candidate.len() - candidate.trim_start().len();
        let url_len = candidate[lead..]
            .find(char::is_whitespace)
            .unwrap_or(candidate.len() - lead);
        if url_len > 0 {
            urls.push(at + lead..at + lead + url_len);
        }
        at += candidate.len() + 1;
    }
    urls
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// `html` with the URLs `found` in it replaced by `rewrite(url)` (already escaped for
/// an attribute value by the caller).
pub fn rewrite(html: &str, found: &[Found], rewrite: impl Fn(&Found, &str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut at = 0;
    for f in found {
        out.push_str(&html[at..f.range.start]);
        out.push_str(&rewrite(f, &html[f.range.clone()]));
        at = f.range.end;
    }
    out.push_str(&html[at..]);
    out
}

/// A relative reference resolved against a page's bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFile {
    /// The file's path below `content/` (and inside the output), decoded:
    /// `briefings/putin-call/map large.png`.
    pub path: String,
    /// The query and fragment as written (`?v=2#top`), or nothing.
    pub suffix: String,
}

/// What a URL path may not hold as it is.
const PATH: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'\'')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'#')
    .add(b'?')
    .add(b'%');

impl BundleFile {
    /// Its URL below `base_path` (`/repo/`).
    pub fn url(&self, base_path: &str) -> String {
        format!(
            "{base_path}{}{}",
            percent_encoding::utf8_percent_encode(&self.path, PATH),
            self.suffix
        )
    }
}

/// A reference resolved against the bundle directory `bundle`
/// (`briefings/putin-call/`) when it is a relative path (no scheme, not root-relative,
/// not only a fragment, not a source `.md` file); `None` when it is not relative, or
/// climbs out of `content/`.
pub fn bundle_path(bundle: &str, dest: &str) -> Option<BundleFile> {
    let cut = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(cut);
    if path.is_empty() || path.starts_with('/') || path.ends_with(".md") || has_scheme(path) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let mut parts: Vec<&str> = bundle.split('/').filter(|s| !s.is_empty()).collect();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(BundleFile {
        path: parts.join("/"),
        suffix: rest.to_string(),
    })
}

/// Whether a URL from text brief does not trust (metadata, contributions) may become
/// a link: http(s), mailto, and relative URLs. Browsers drop tabs and line breaks
/// inside a URL and control characters and spaces around it, so `java\tscript:` and
/// ` javascript:` are read as they would be.
pub fn safe_link(url: &str) -> bool {
    let read: String = url
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let read = read.trim_matches(|c: char| c <= ' ');
    if !has_scheme(read) {
        return true;
    }
    let scheme = read.split_once(':').map_or("", |(s, _)| s);
    ["http", "https", "mailto"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(scheme))
}

/// `https:`, `mailto:`, `data:`…: a URL with a scheme.
pub fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(html: &str) -> Vec<(&'static str, String)> {
        let mut raw = RawText::default();
        scan(html, &mut raw)
            .into_iter()
            .map(|f| (f.attribute, html[f.range].to_string()))
            .collect()
    }

    #[test]
    fn finds_url_attributes_only_in_tags() {
        let cases: [(&str, Vec<(&str, &str)>); 7] = [
            (
                r#"<img src="map.png" alt="خريطة دمشق">"#,
                vec![("src", "map.png")],
            ),
            (
                "<a HREF='/ar/timeline/' title=\"src=x\">الخط</a>",
                vec![("href", "/ar/timeline/")],
            ),
            (
                r#"<img srcset="a-480.png 480w, b-960.png 960w" src=a.png>"#,
                vec![
                    ("srcset", "a-480.png"),
                    ("srcset", "b-960.png"),
                    ("src", "a.png"),
                ],
            ),
            (
                r#"<video poster="still.jpg" src="clip.mp4"></video>"#,
                vec![("poster", "still.jpg"), ("src", "clip.mp4")],
            ),
            (r#"<p data-src="x.png">src="y.png"</p>"#, vec![]),
            (
                r#"<script>var s = '<img src="no.png">';</script><img src="yes.png">"#,
                vec![("src", "yes.png")],
            ),
            (
                r#"<!-- <img src="old.png"> --><style>a{b:url(x)}</style>"#,
                vec![],
            ),
        ];
        for (html, expected) in cases {
            let expected: Vec<_> = expected
                .into_iter()
                .map(|(a, u)| (a, u.to_string()))
                .collect();
            assert_eq!(urls(html), expected, "{html}");
        }
    }

    #[test]
    fn script_state_carries_across_events() {
        let mut raw = RawText::default();
        assert!(scan("<script>", &mut raw).is_empty());
        assert!(scan("document.write('<img src=\"x.png\">')", &mut raw).is_empty());
        let after = scan("</script><img src=\"y.png\">", &mut raw);
        assert_eq!(after.len(), 1);
    }

    #[test]
    fn bundle_paths() {
        let cases = [
            ("map.png", Some("/r/briefings/putin-call/map.png")),
            (
                "./img/map%20large.png?v=2",
                Some("/r/briefings/putin-call/img/map%20large.png?v=2"),
            ),
            (
                "خريطة.png",
                Some("/r/briefings/putin-call/%D8%AE%D8%B1%D9%8A%D8%B7%D8%A9.png"),
            ),
            (
                "../shared/logo.svg#a",
                Some("/r/briefings/shared/logo.svg#a"),
            ),
            ("../../../x.png", None),
            ("/images/x.png", None),
            ("https://example.org/x.png", None),
            ("#section", None),
            ("../other/index.ar.md", None),
        ];
        for (dest, expected) in cases {
            assert_eq!(
                bundle_path("briefings/putin-call/", dest)
                    .map(|f| f.url("/r/"))
                    .as_deref(),
                expected,
                "{dest}"
            );
        }
    }
}
