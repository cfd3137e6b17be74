//! A briefing's Markdown body → HTML, plus what the rest of the build needs to know
//! about it: heading ids that keep Arabic letters, entity mentions (counted, the first
//! one linked), text of the other direction isolated, code kept left-to-right and
//! highlighted with CSS classes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options as MdOptions, Parser, Tag, TagEnd};

use crate::config::{Direction, LinkMode};
use crate::entities::matcher::Matcher;
use crate::text::slug;

mod bidi;
mod escape;
mod highlight;
pub mod references;
pub mod stored;

pub use bidi::isolate;
use escape::escape_attr;
pub use escape::escape_into;
use highlight::code_block;
pub use references::{Kind, Reference, bundle_path};

/// Turns a link to another source file into the URL of its page.
pub type LinkResolver<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

/// Turns a relative reference into the URL of a file of the page's bundle: always
/// when the flag is set (an image), otherwise only when the bundle has that file.
pub type AssetResolver<'a> = dyn Fn(&str, bool) -> Option<String> + Sync + 'a;

/// The size and `srcset` of a picture a Markdown image shows, by its destination as
/// written; `None` for a picture brief does not know (an external URL, a file
/// outside the page's bundle), which is written as it is.
pub type ImageResolver<'a> = dyn Fn(&str) -> Option<ImageSize> + Sync + 'a;

/// What an `<img>` needs so the page does not shift while it loads, and the copies a
/// browser may choose from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
    pub srcset: Option<String>,
    /// The `sizes` that goes with `srcset`.
    pub sizes: &'static str,
}

/// What the renderer needs from the site.
pub struct Options<'a> {
    pub dir: Direction,
    /// `/` or `/repo/`: prefixed to root-relative links so they survive a project
    /// page's path.
    pub base_path: &'a str,
    pub matcher: Option<&'a Matcher>,
    /// Per entity index, its page URL in this article's language.
    pub entity_urls: &'a [String],
    pub link_mode: LinkMode,
    /// Entities the front matter lists: their ambiguous aliases count and link
    /// from the first (see `entities::mentions`).
    pub named: &'a [usize],
    /// Turns a link to another source file (`../other/index.ar.md`) into its URL.
    pub resolve_link: Option<&'a LinkResolver<'a>>,
    /// Turns a relative reference (`map.png`) into the URL of a bundle file.
    pub resolve_asset: Option<&'a AssetResolver<'a>>,
    /// Whether the text is the author's own, trusted with raw HTML and any link.
    /// When not (metadata, or `unsafe_html: false`), raw HTML is shown as text and
    /// links other than http(s), mailto and relative ones are dropped, each
    /// recorded in [`Rendered::refused`].
    pub trusted: bool,
    /// The size and copies of a Markdown image's picture.
    pub resolve_image: Option<&'a ImageResolver<'a>>,
}

/// Something an untrusted text wrote that the page does not carry as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Raw HTML (shown as text) or a link or image destination (dropped), as written.
    pub written: String,
    pub html: bool,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// The ids of a body's headings, in order, kept for the link check (`#fragment`)
/// as one string, one id per line: a site has hundreds of thousands of headings, and
/// a `Vec` of them took 15 MB at 10,000 pairs. An id never holds a line break (a
/// made one is a slug; `{#id}` ends at white space).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct HeadingIds(String);

impl HeadingIds {
    fn push(&mut self, id: &str) {
        if !self.0.is_empty() {
            self.0.push('\n');
        }
        self.0.push_str(id);
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.split('\n').filter(|id| !id.is_empty())
    }

    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|h| h == id)
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Gives back the room the string grew into.
    pub fn shrink_to_fit(&mut self) {
        self.0.shrink_to_fit();
    }
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    /// The HTML's 128-bit XXH3 hash, which the search index's key reads: it stays
    /// when a build lets the HTML go (`Site::render_bodies`).
    pub html_hash: u128,
    pub headings: HeadingIds,
    /// Entity index → number of mentions in the body through unambiguous aliases.
    pub mentions: BTreeMap<usize, u32>,
    /// Entity index → number of mentions through ambiguous aliases, which count
    /// only if the article names the entity otherwise too (`entities::mentions`).
    pub ambiguous: BTreeMap<usize, u32>,
    pub has_code: bool,
    /// Every link and image destination and every URL attribute of raw HTML, as
    /// written and where, for `brief check`.
    pub references: Vec<Reference>,
    /// What an untrusted text wrote that was shown as text or dropped.
    pub refused: Vec<Refused>,
}

pub fn render(markdown: &str, options: &Options) -> Rendered {
    let md_options = MdOptions::ENABLE_TABLES
        | MdOptions::ENABLE_FOOTNOTES
        | MdOptions::ENABLE_STRIKETHROUGH
        | MdOptions::ENABLE_HEADING_ATTRIBUTES;
    let mut state = State {
        options,
        rendered: Rendered::default(),
        linked: Vec::new(),
        ids: HashMap::new(),
    };
    let (events, ranges): (Vec<Event>, Vec<std::ops::Range<usize>>) =
        TextMergeWithOffset::new(Parser::new_ext(markdown, md_options).into_offset_iter()).unzip();
    let mut raw = references::RawText::default();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
    // For each open link or image: whether it was dropped (an untrusted scheme).
    let mut dropped: Vec<bool> = Vec::new();
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                    .map_or(events.len(), |p| i + p);
                let inner = &events[i + 1..end];
                let text = plain_text(inner);
                let base = id
                    .as_ref()
                    .map_or_else(|| slug::heading_id(&text), |id| id.to_string());
                let unique = slug::unique_id(&base, &mut state.ids);
                state.rendered.headings.push(&unique);
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(unique)),
                    classes: classes.clone(),
                    attrs: attrs.clone(),
                }));
                for event in inner {
                    match event {
                        Event::Text(t) => out.push(Event::InlineHtml(state.text(t, false).into())),
                        Event::Code(c) => out.push(inline_code(c)),
                        other => out.push(other.clone()),
                    }
                }
                if end < events.len() {
                    out.push(events[end].clone());
                }
                i = end + 1;
                continue;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let end = events[i..]
                    .iter()
                    .position(|e| matches!(e, Event::End(TagEnd::CodeBlock)))
                    .map_or(events.len(), |p| i + p);
                let code: String = events[i + 1..end]
                    .iter()
                    .filter_map(|e| {
                        if let Event::Text(t) = e {
                            Some(t.as_ref())
                        } else {
                            None
                        }
                    })
                    .collect();
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
                    CodeBlockKind::Indented => "",
                };
                state.rendered.has_code = true;
                out.push(Event::Html(code_block(&code, lang).into()));
                i = end + 1;
                continue;
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                link_depth += 1;
                let offset = dest_offset(markdown, ranges[i].clone(), dest_url);
                if state.refuses_link(dest_url, offset) {
                    dropped.push(true);
                    i += 1;
                    continue;
                }
                dropped.push(false);
                state.rendered.references.push(Reference {
                    dest: dest_url.to_string(),
                    kind: Kind::Link,
                    offset,
                });
                let dest = rewrite_link(dest_url, Kind::Link, options);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                if dropped.pop() != Some(true) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let offset = dest_offset(markdown, ranges[i].clone(), dest_url);
                if state.refuses_link(dest_url, offset) {
                    image_depth += 1;
                    dropped.push(true);
                    i += 1;
                    continue;
                }
                state.rendered.references.push(Reference {
                    dest: dest_url.to_string(),
                    kind: Kind::Image,
                    offset,
                });
                if let Some(size) = options.resolve_image.and_then(|r| r(dest_url)) {
                    let end = matching_end(&events, i);
                    let src = rewrite_link(dest_url, Kind::Image, options);
                    let alt = plain_text(&events[i + 1..end]);
                    out.push(Event::InlineHtml(
                        sized_image(&src, &alt, title, &size).into(),
                    ));
                    i = end + 1;
                    continue;
                }
                image_depth += 1;
                dropped.push(false);
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: rewrite_link(dest_url, Kind::Image, options).into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                if dropped.pop() != Some(true) {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            // Alt text stays plain: it becomes an attribute.
            Event::Text(t) if image_depth > 0 => out.push(Event::Text(t.clone())),
            // Inside raw `<script>`/`<style>`: code, as written.
            Event::Text(_) if raw.in_code() => {
                out.push(Event::InlineHtml(
                    markdown
                        .get(ranges[i].clone())
                        .unwrap_or_default()
                        .to_string()
                        .into(),
                ));
            }
            // Inside raw `<pre>`, `<code>`…: shown as written, never isolated.
            Event::Text(t) if raw.in_verbatim() => out.push(Event::Text(t.clone())),
            Event::Text(t) => out.push(Event::InlineHtml(state.text(t, link_depth == 0).into())),
            Event::Code(c) => out.push(inline_code(c)),
            Event::Html(html) | Event::InlineHtml(html) if !options.trusted => {
                // A closing tag is shown as text too, but its opening tag says it all.
                if !html.trim_start().starts_with("</") {
                    state.rendered.refused.push(Refused {
                        written: html.to_string(),
                        html: true,
                        offset: ranges[i].start,
                    });
                }
                out.push(Event::Text(html.clone()));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let rewritten = state.raw_html(markdown, ranges[i].clone(), html, &mut raw);
                out.push(match &events[i] {
                    Event::Html(_) => Event::Html(rewritten.into()),
                    _ => Event::InlineHtml(rewritten.into()),
                });
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    state.rendered.html_hash = xxhash_rust::xxh3::xxh3_128(html.as_bytes());
    state.rendered.html = html;
    state.rendered
}

struct State<'a, 'o> {
    options: &'a Options<'o>,
    rendered: Rendered,
    /// Entities already linked in this article.
    linked: Vec<usize>,
    ids: HashMap<String, usize>,
}

impl State<'_, '_> {
    /// Whether an untrusted text's link or image to `dest` is dropped, recording it.
    fn refuses_link(&mut self, dest: &str, offset: usize) -> bool {
        if self.options.trusted || references::safe_link(dest) {
            return false;
        }
        self.rendered.refused.push(Refused {
            written: dest.to_string(),
            html: false,
            offset,
        });
        true
    }

    /// A piece of raw HTML with its URL attributes recorded and rewritten like
    /// Markdown's own links; `range` is where it was written in `markdown`.
    fn raw_html(
        &mut self,
        markdown: &str,
        range: std::ops::Range<usize>,
        html: &str,
        raw: &mut references::RawText,
    ) -> String {
        let found = references::scan(html, raw);
        if found.is_empty() {
            return html.to_string();
        }
        // Block HTML inside a container (a quote) has its markers removed: find the
        // text where it was written.
        let start = markdown
            .get(range.clone())
            .and_then(|written| written.find(html))
            .map_or(range.start, |p| range.start + p);
        for f in &found {
            self.rendered.references.push(Reference {
                dest: html[f.range.clone()].to_string(),
                kind: Kind::Attribute(f.attribute),
                offset: start + f.range.start,
            });
        }
        references::rewrite(html, &found, |f, url| {
            rewrite_link(url, Kind::Attribute(f.attribute), self.options)
        })
    }

    /// One run of prose → HTML: mentions counted (and linked when `linkable`), text
    /// of the other direction isolated.
    fn text(&mut self, text: &str, linkable: bool) -> String {
        let mut html = String::with_capacity(text.len() + 16);
        let mentions = self
            .options
            .matcher
            .map(|m| m.find(text))
            .unwrap_or_default();
        let mut at = 0;
        for mention in mentions {
            // An ambiguous alias links only once the entity is known to be named
            // (front matter, or an unambiguous alias earlier in the article); a
            // later full name then takes the first link.
            let named = !mention.ambiguous
                || self.options.named.contains(&mention.entity)
                || self.rendered.mentions.contains_key(&mention.entity);
            let counts = if mention.ambiguous {
                &mut self.rendered.ambiguous
            } else {
                &mut self.rendered.mentions
            };
            *counts.entry(mention.entity).or_default() += 1;
            let url = self.options.entity_urls.get(mention.entity);
            let link = linkable
                && named
                && url.is_some()
                && match self.options.link_mode {
                    LinkMode::None => false,
                    LinkMode::All => true,
                    LinkMode::First => !self.linked.contains(&mention.entity),
                };
            if !link {
                continue;
            }
            self.linked.push(mention.entity);
            isolate(&text[at..mention.start], self.options.dir, &mut html);
            let _ = write!(
                html,
                "<a class=\"entity\" href=\"{}\">",
                escape_attr(url.map_or("", String::as_str))
            );
            isolate(
                &text[mention.start..mention.end],
                self.options.dir,
                &mut html,
            );
            html.push_str("</a>");
            at = mention.end;
        }
        isolate(&text[at..], self.options.dir, &mut html);
        html
    }
}

fn inline_code(code: &str) -> Event<'static> {
    let mut html = String::from("<code dir=\"ltr\">");
    escape_into(code, &mut html);
    html.push_str("</code>");
    Event::InlineHtml(html.into())
}

/// Where in `markdown` the destination `dest` of the link or image written at `range`
/// begins: after the `](` that it follows; the link's own start for a reference link,
/// whose destination is written elsewhere.
fn dest_offset(markdown: &str, range: std::ops::Range<usize>, dest: &str) -> usize {
    let Some(written) = markdown.get(range.clone()) else {
        return range.start;
    };
    if written.starts_with('<') {
        return range.start + 1;
    }
    written
        .match_indices("](")
        .map(|(p, _)| p + 2)
        .find_map(|p| {
            let rest = &written[p..];
            let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '<']).len();
            rest[skipped..]
                .starts_with(dest)
                .then_some(range.start + p + skipped)
        })
        .unwrap_or(range.start)
}

/// Root-relative links get the base path; links to source files become URLs;
/// relative references to files of the page's bundle become their URLs.
fn rewrite_link(dest: &str, kind: Kind, options: &Options) -> String {
    if let Some(rest) = dest.strip_prefix('/')
        && !rest.starts_with('/')
    {
        return format!("{}{rest}", options.base_path);
    }
    if let Some(resolve) = options.resolve_link
        && let Some(url) = resolve(dest)
    {
        return url;
    }
    if let Some(asset) = options.resolve_asset
        && let Some(url) = asset(dest, kind.embeds())
    {
        return url;
    }
    dest.to_string()
}

/// The index of the `End(Image)` that closes the image opened at `start` (images
/// nest in alt text), or the last event.
fn matching_end(events: &[Event], start: usize) -> usize {
    let mut depth = 0usize;
    for (at, event) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) => {
                depth -= 1;
                if depth == 0 {
                    return at;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

/// An `<img>` with its size, and its copies when it has some; lazily loaded, as a
/// picture in the text is seldom the first thing a reader sees.
fn sized_image(src: &str, alt: &str, title: &str, size: &ImageSize) -> String {
    let mut html = format!(
        "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"",
        escape_attr(src),
        escape_attr(alt),
        size.width,
        size.height
    );
    if let Some(srcset) = &size.srcset {
        let _ = write!(
            html,
            " srcset=\"{}\" sizes=\"{}\"",
            escape_attr(srcset),
            size.sizes
        );
    }
    if !title.is_empty() {
        let _ = write!(html, " title=\"{}\"", escape_attr(title));
    }
    html.push_str(" loading=\"lazy\" decoding=\"async\">");
    html
}

fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        if let Event::Text(t) | Event::Code(t) = event {
            text.push_str(t);
        }
    }
    text
}

/// What metadata Markdown (an event's text, an entity's description) writes that
/// pages show as text or drop: raw HTML, links other than http(s), mailto and
/// relative ones.
pub fn refused_in_metadata(text: &str) -> Vec<Refused> {
    render(text, &metadata_options(Direction::Ltr, "/")).refused
}

/// Options for Markdown in metadata: untrusted, no mentions, no bundle.
pub fn metadata_options(dir: Direction, base_path: &str) -> Options<'_> {
    Options {
        dir,
        base_path,
        matcher: None,
        entity_urls: &[],
        link_mode: LinkMode::None,
        named: &[],
        resolve_link: None,
        resolve_asset: None,
        resolve_image: None,
        trusted: false,
    }
}

/// One line of inline Markdown (an event's text) → HTML without the paragraph.
pub fn inline(text: &str, dir: Direction, base_path: &str) -> String {
    let options = metadata_options(dir, base_path);
    let html = render(text, &options).html;
    let trimmed = html.trim_end();
    trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
        .unwrap_or(trimmed)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(dir: Direction) -> Options<'static> {
        Options {
            dir,
            base_path: "/repo/",
            matcher: None,
            entity_urls: &[],
            link_mode: LinkMode::First,
            named: &[],
            resolve_link: None,
            resolve_asset: None,
            resolve_image: None,
            trusted: true,
        }
    }

    fn html(markdown: &str, dir: Direction) -> String {
        render(markdown, &options(dir)).html
    }

    #[test]
    fn known_pictures_get_their_size_and_copies_and_others_stay_as_written() {
        let resolve = |dest: &str| -> Option<ImageSize> {
            (dest == "map.png").then(|| ImageSize {
                width: 1600,
                height: 1000,
                srcset: Some("/repo/b/map-480w.png 480w, /repo/b/map.png 1600w".into()),
                sizes: "100vw",
            })
        };
        let asset =
            |dest: &str, _: bool| (!dest.contains("://")).then(|| format!("/repo/b/{dest}"));
        let options = Options {
            resolve_image: Some(&resolve),
            resolve_asset: Some(&asset),
            ..options(Direction::Rtl)
        };
        for (markdown, expected) in [
            (
                "![خريطة \"حميميم\" و<طرطوس>](map.png \"خريطة تخطيطية\")",
                "<img src=\"/repo/b/map.png\" alt=\"خريطة &quot;حميميم&quot; و&lt;طرطوس&gt;\" \
                 width=\"1600\" height=\"1000\" srcset=\"/repo/b/map-480w.png 480w, /repo/b/map.png 1600w\" \
                 sizes=\"100vw\" title=\"خريطة تخطيطية\" loading=\"lazy\" decoding=\"async\">",
            ),
            (
                "![Hmeimim](https://example.org/base.jpg)",
                "<img src=\"https://example.org/base.jpg\" alt=\"Hmeimim\" />",
            ),
        ] {
            let rendered = render(markdown, &options);
            assert!(rendered.html.contains(expected), "{}", rendered.html);
            assert_eq!(rendered.references.len(), 1);
        }
    }

    #[test]
    fn heading_ids_keep_arabic_letters() {
        let rendered = render(
            "## دعم سوريا\n\n## معضلة لجوء الأسد\n\n## دعم سوريا\n\n## Custom {#own}\n",
            &options(Direction::Rtl),
        );
        let ids: Vec<_> = rendered.headings.iter().collect();
        assert_eq!(ids, ["دعم-سوريا", "معضلة-لجوء-الأسد", "دعم-سوريا-1", "own"]);
        assert!(
            rendered
                .html
                .contains("<h2 id=\"دعم-سوريا\">دعم سوريا</h2>"),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn latin_runs_in_arabic_are_isolated() {
        let cases = [
            (
                "قال Vladimir Putin، إن",
                "<p>قال <bdi>Vladimir Putin</bdi>، إن</p>\n",
            ),
            ("في عام 2025.", "<p>في عام <bdi>2025</bdi>.</p>\n"),
            (
                "الموقع (example.org/path) مهم",
                "<p>الموقع (<bdi>example.org/path</bdi>) مهم</p>\n",
            ),
            (
                "موقع \"The Standard\" البريطاني",
                "<p>موقع \"<bdi>The Standard</bdi>\" البريطاني</p>\n",
            ),
            ("نص عربي فقط", "<p>نص عربي فقط</p>\n"),
            // At the very start and the very end of the text.
            ("BBC قالت", "<p><bdi>BBC</bdi> قالت</p>\n"),
            ("قالت BBC", "<p>قالت <bdi>BBC</bdi></p>\n"),
            // Latin beyond ASCII starts a run; Arabic-Indic digits do not.
            ("قال José Müller", "<p>قال <bdi>José Müller</bdi></p>\n"),
            ("في عام ٢٠٢٥ ثم", "<p>في عام ٢٠٢٥ ثم</p>\n"),
            // Arabic supplements and other RTL scripts are not Latin.
            ("نص ﻻ ݐ עברית", "<p>نص ﻻ ݐ עברית</p>\n"),
        ];
        for (input, expected) in cases {
            assert_eq!(html(input, Direction::Rtl), expected, "{input}");
        }
    }

    #[test]
    fn arabic_runs_in_english_are_isolated() {
        assert_eq!(
            html("The word الشرع means law, 2025.", Direction::Ltr),
            "<p>The word <bdi>الشرع</bdi> means law, 2025.</p>\n"
        );
        assert_eq!(
            html("دمشق is the capital of سوريا", Direction::Ltr),
            "<p><bdi>دمشق</bdi> is the capital of <bdi>سوريا</bdi></p>\n"
        );
        assert_eq!(
            html("Café and naïve text only.", Direction::Ltr),
            "<p>Café and naïve text only.</p>\n"
        );
    }

    #[test]
    fn code_stays_left_to_right_and_highlighted() {
        let rendered = render(
            "نص `cargo build` هنا\n\n```rust\nfn main() {}\n```\n",
            &options(Direction::Rtl),
        );
        assert!(
            rendered
                .html
                .contains("<code dir=\"ltr\">cargo build</code>"),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains(
                "<pre class=\"code\" dir=\"ltr\" tabindex=\"0\"><code class=\"language-rust\">"
            ),
            "{}",
            rendered.html
        );
        assert!(
            rendered.html.contains("hl-keyword") || rendered.html.contains("hl-storage"),
            "{}",
            rendered.html
        );
        assert!(!rendered.html.contains("style="), "{}", rendered.html);
        assert!(rendered.has_code);
        assert!(!render("لا شيفرة", &options(Direction::Rtl)).has_code);
    }

    #[test]
    fn remembered_code_blocks_are_the_same_and_keyed_by_language() {
        // The Arabic and English editions of a briefing share their code: the
        // second is served from what the first highlighted, and must not differ.
        let code = "```python\nrows = load(\"indicators-2031.csv\")\nprint(len(rows))\n```\n";
        let ar = render(&format!("نص\n\n{code}"), &options(Direction::Rtl));
        let en = render(&format!("Text\n\n{code}"), &options(Direction::Ltr));
        let block = |html: &str| html[html.find("<pre").unwrap()..].to_string();
        assert_eq!(block(&ar.html), block(&en.html));
        assert!(block(&en.html).contains("hl-"), "{}", en.html);
        // Same text, another language: highlighted afresh, not taken from Python's.
        let yaml = render(
            "```yaml\nrows = load(\"indicators-2031.csv\")\nprint(len(rows))\n```\n",
            &options(Direction::Ltr),
        );
        assert!(yaml.html.contains("language-yaml"), "{}", yaml.html);
        assert_ne!(block(&yaml.html), block(&en.html).replace("python", "yaml"));
        // An unknown language is escaped, not highlighted, however often it comes.
        for _ in 0..2 {
            let plain = render("```nosuchlang\na < b\n```\n", &options(Direction::Ltr));
            assert!(plain.html.contains("a &lt; b"), "{}", plain.html);
            assert!(!plain.html.contains("hl-"), "{}", plain.html);
        }
    }

    #[test]
    fn root_relative_links_keep_the_base_path() {
        assert_eq!(
            html("[الخط الزمني](/ar/timeline/)", Direction::Rtl),
            "<p><a href=\"/repo/ar/timeline/\">الخط الزمني</a></p>\n"
        );
        assert_eq!(
            html("[x](https://example.org/)", Direction::Ltr),
            "<p><a href=\"https://example.org/\">x</a></p>\n"
        );
    }

    #[test]
    fn tables_footnotes_strikethrough() {
        let out = html(
            "| a | b |\n|---|---|\n| ١ | ٢ |\n\n~~قديم~~ نص[^1]\n\n[^1]: حاشية\n",
            Direction::Rtl,
        );
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<del>قديم</del>"), "{out}");
        assert!(out.contains("footnote-reference"), "{out}");
    }

    #[test]
    fn isolation_never_enters_raw_html_elements() {
        let cases = [
            (
                "قال <script>alert(1 < 2)</script> بوتين",
                "<p>قال <script>alert(1 < 2)</script> بوتين</p>\n",
            ),
            (
                "نص <style>p { color: red }</style> عربي",
                "<p>نص <style>p { color: red }</style> عربي</p>\n",
            ),
            (
                "اكتب <code>brew install jq 1.7</code> ثم",
                "<p>اكتب <code>brew install jq 1.7</code> ثم</p>\n",
            ),
            (
                "الحقل <textarea>Putin & 2025</textarea> هنا",
                "<p>الحقل <textarea>Putin &amp; 2025</textarea> هنا</p>\n",
            ),
            (
                "<kbd>Ctrl</kbd> ثم BBC",
                "<p><kbd>Ctrl</kbd> ثم <bdi>BBC</bdi></p>\n",
            ),
            // After the element closes, isolation is back.
            (
                "<code>x</code> قال Putin",
                "<p><code>x</code> قال <bdi>Putin</bdi></p>\n",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(html(input, Direction::Rtl), expected, "{input}");
        }
    }

    #[test]
    fn untrusted_text_shows_raw_html_and_drops_script_links() {
        let options = Options {
            trusted: false,
            ..options(Direction::Ltr)
        };
        let cases = [
            (
                "a <b onclick=\"x()\">bold</b> claim",
                "<p>a &lt;b onclick=\"x()\"&gt;bold&lt;/b&gt; claim</p>\n",
                1,
            ),
            (
                "[click](JaVaScRiPt:alert(1)) here",
                "<p>click here</p>\n",
                1,
            ),
            (
                "[x](java\tscript:alert(1))",
                "<p>[x](java\tscript:alert(1))</p>\n",
                0,
            ),
            ("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n", 1),
            ("![map](data:image/png;base64,AAAA)", "<p>map</p>\n", 1),
            (
                "[Reuters](https://www.reuters.com/x) and [desk](mailto:d@x.org) and [rel](../a/)",
                "<p><a href=\"https://www.reuters.com/x\">Reuters</a> and <a href=\"mailto:d@x.org\">desk</a> and <a href=\"../a/\">rel</a></p>\n",
                0,
            ),
        ];
        for (input, expected, refused) in cases {
            let rendered = render(input, &options);
            assert_eq!(rendered.html, expected, "{input}");
            assert_eq!(rendered.refused.len(), refused, "{input}");
        }
        // The same text, trusted, is published as written.
        let trusted = render("a <b>bold</b> [x](javascript:void(0))", &options_ltr());
        assert!(trusted.html.contains("<b>bold</b>"), "{}", trusted.html);
        assert!(trusted.refused.is_empty());
    }

    fn options_ltr() -> Options<'static> {
        options(Direction::Ltr)
    }

    #[test]
    fn safe_links() {
        for (url, safe) in [
            ("https://example.org", true),
            ("HTTP://example.org", true),
            ("mailto:desk@example.org", true),
            ("/briefings/x/", true),
            ("../x/", true),
            ("#sources", true),
            ("//cdn.example.org/x.png", true),
            ("javascript:alert(1)", false),
            ("JaVaScRiPt:alert(1)", false),
            (" javascript:alert(1)", false),
            ("java\tscript:alert(1)", false),
            ("\u{1}javascript:alert(1)", false),
            ("data:text/html,<script>", false),
            ("vbscript:x", false),
            ("file:///etc/passwd", false),
        ] {
            assert_eq!(references::safe_link(url), safe, "{url:?}");
        }
    }
}
