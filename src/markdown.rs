//! A briefing's Markdown body → HTML, plus what the rest of the build needs to know
//! about it: heading ids that keep Arabic letters, entity mentions (counted, the first
//! one linked), text of the other direction isolated, code kept left-to-right and
//! highlighted with CSS classes.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, Options as MdOptions, Parser, Tag, TagEnd, TextMergeStream,
};
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::config::{Direction, LinkMode};
use crate::entities::matcher::Matcher;
use crate::text::slug;

/// Turns a link to another source file into the URL of its page.
pub type LinkResolver<'a> = dyn Fn(&str) -> Option<String> + Sync + 'a;

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
    /// Turns a link to another source file (`../other/index.ar.md`) into its URL.
    pub resolve_link: Option<&'a LinkResolver<'a>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    /// Entity index → number of mentions in the body.
    pub mentions: BTreeMap<usize, u32>,
    pub has_code: bool,
    /// Every link destination as written, for `brief check`.
    pub links: Vec<String>,
}

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
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
    let events: Vec<Event> = TextMergeStream::new(Parser::new_ext(markdown, md_options)).collect();
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    let mut link_depth = 0usize;
    let mut image_depth = 0usize;
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
                state.rendered.headings.push(Heading {
                    level: *level as u8,
                    id: unique.clone(),
                    text,
                });
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
                state.rendered.links.push(dest_url.to_string());
                let dest = rewrite_link(dest_url, options);
                out.push(Event::Start(Tag::Link {
                    link_type: *link_type,
                    dest_url: dest.into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Link) => {
                link_depth = link_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image_depth += 1;
                out.push(Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: rewrite_link(dest_url, options).into(),
                    title: title.clone(),
                    id: id.clone(),
                }));
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                out.push(Event::End(TagEnd::Image));
            }
            // Alt text stays plain: it becomes an attribute.
            Event::Text(t) if image_depth > 0 => out.push(Event::Text(t.clone())),
            Event::Text(t) => out.push(Event::InlineHtml(state.text(t, link_depth == 0).into())),
            Event::Code(c) => out.push(inline_code(c)),
            other => out.push(other.clone()),
        }
        i += 1;
    }
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
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
            *self.rendered.mentions.entry(mention.entity).or_default() += 1;
            let url = self.options.entity_urls.get(mention.entity);
            let link = linkable
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

fn code_block(code: &str, lang: &str) -> String {
    let mut html = String::from("<pre class=\"code\" dir=\"ltr\"><code");
    if !lang.is_empty() {
        let _ = write!(html, " class=\"language-{}\"", escape_attr(lang));
    }
    html.push('>');
    match (!lang.is_empty()).then(|| highlight(code, lang)).flatten() {
        Some(h) => html.push_str(&h),
        None => escape_into(code, &mut html),
    }
    html.push_str("</code></pre>\n");
    html
}

/// `code` highlighted as `lang`, or `None` for a language syntect does not know.
///
/// Remembered for the rest of the run: the editions of a briefing carry the same
/// code blocks (code is not translated), and highlighting one can cost more than
/// the rest of a briefing's Markdown (about 1.5 ms for three lines of Python). Under `brief serve` the unchanged blocks
/// of a rebuilt site are found here too. The result depends on nothing but the two
/// strings and the built-in syntaxes, so a remembered block is always right.
fn highlight(code: &str, lang: &str) -> Option<Arc<str>> {
    /// Highlighted blocks by language token and code.
    type Blocks = HashMap<(Box<str>, Box<str>), Arc<str>>;
    static BLOCKS: Mutex<Option<(Blocks, usize)>> = Mutex::new(None);
    /// Past this many bytes of code and HTML kept, start over: a cache, not a
    /// second copy of a huge site.
    const KEEP: usize = 32 << 20;

    let key = (Box::<str>::from(lang), Box::<str>::from(code));
    if let Ok(blocks) = BLOCKS.lock()
        && let Some((blocks, _)) = blocks.as_ref()
        && let Some(html) = blocks.get(&key)
    {
        return Some(Arc::clone(html));
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    let html: Arc<str> = generator.finalize().into();
    if let Ok(mut blocks) = BLOCKS.lock() {
        let (blocks, bytes) = blocks.get_or_insert_with(Default::default);
        *bytes += lang.len() + code.len() + html.len();
        if *bytes > KEEP {
            blocks.clear();
            *bytes = lang.len() + code.len() + html.len();
        }
        blocks.insert(key, Arc::clone(&html));
    }
    Some(html)
}

/// Root-relative links get the base path; links to source files become URLs.
fn rewrite_link(dest: &str, options: &Options) -> String {
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
    dest.to_string()
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

/// Writes `text` escaped, wrapping each run written in the other direction in `<bdi>`
/// so that punctuation around it lands where a reader of the paragraph expects it:
/// Latin names, numbers and URLs in Arabic text; Arabic names in English text.
pub fn isolate(text: &str, dir: Direction, out: &mut String) {
    let starts: fn(char) -> bool = match dir {
        Direction::Rtl => |c| c.is_ascii_digit() || is_ltr_letter(c),
        Direction::Ltr => is_rtl_letter,
    };
    let joins: fn(char) -> bool = match dir {
        Direction::Rtl => |c| {
            matches!(
                c,
                ' ' | '.'
                    | ','
                    | ':'
                    | '/'
                    | '-'
                    | '_'
                    | '\''
                    | '’'
                    | '@'
                    | '#'
                    | '%'
                    | '+'
                    | '&'
                    | '='
                    | '~'
                    | '?'
                    | '('
                    | ')'
            )
        },
        Direction::Ltr => |c| matches!(c, ' ' | '-' | '،' | '\u{200c}') || is_mark(c),
    };
    let continues = |c: char| {
        starts(c) || is_mark(c) || (dir == Direction::Ltr && ('\u{660}'..='\u{669}').contains(&c))
    };
    let mut written = 0;
    let mut from = 0;
    while let Some(start) = next_run_start(text, from, dir, starts) {
        let mut chars = text[start..].char_indices().map(|(i, c)| (start + i, c));
        let Some((_, c)) = chars.next() else { break };
        let mut end = start + c.len_utf8();
        for (i, next) in chars {
            if continues(next) {
                end = i + next.len_utf8();
            } else if !joins(next) {
                break;
            }
        }
        escape_into(&text[written..start], out);
        out.push_str("<bdi>");
        escape_into(&text[start..end], out);
        out.push_str("</bdi>");
        written = end;
        // Continue scanning after the run.
        from = end;
    }
    escape_into(&text[written..], out);
}

/// Where the next run to isolate starts, at or after byte `from`, looking at bytes
/// rather than characters where that settles it: ASCII starts a run only in an RTL
/// text (Latin letters and digits), and the Arabic block (lead bytes D8–DB, U+0600 to
/// U+06FF) never starts one there. `from` is always a character boundary, and so is
/// every index this steps to.
fn next_run_start(
    text: &str,
    from: usize,
    dir: Direction,
    starts: fn(char) -> bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if dir == Direction::Rtl && b.is_ascii_alphanumeric() {
                return Some(i);
            }
            i += 1;
        } else if dir == Direction::Rtl && (0xD8..=0xDB).contains(&b) {
            i += 2;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if starts(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

// Both are asked of every character of every paragraph: ASCII and the Arabic block
// are answered without the Unicode table search that `is_alphabetic` does.
fn is_ltr_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if in_rtl_blocks(c) {
        false
    } else {
        c.is_alphabetic()
    }
}

fn is_rtl_letter(c: char) -> bool {
    if c.is_ascii() {
        false
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        in_rtl_blocks(c) && c.is_alphabetic()
    }
}

fn in_rtl_blocks(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0300}'..='\u{036F}')
}

pub fn escape_into(text: &str, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *out, text);
}

fn escape_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// One line of inline Markdown (an event's text) → HTML without the paragraph.
pub fn inline(text: &str, dir: Direction, base_path: &str) -> String {
    let options = Options {
        dir,
        base_path,
        matcher: None,
        entity_urls: &[],
        link_mode: LinkMode::None,
        resolve_link: None,
    };
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
            resolve_link: None,
        }
    }

    fn html(markdown: &str, dir: Direction) -> String {
        render(markdown, &options(dir)).html
    }

    #[test]
    fn heading_ids_keep_arabic_letters() {
        let rendered = render(
            "## دعم سوريا\n\n## معضلة لجوء الأسد\n\n## دعم سوريا\n\n## Custom {#own}\n",
            &options(Direction::Rtl),
        );
        let ids: Vec<_> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
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
            rendered
                .html
                .contains("<pre class=\"code\" dir=\"ltr\"><code class=\"language-rust\">"),
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
}
