//! A fenced code block → left-to-right HTML, highlighted by syntect with CSS classes
//! (`hl-keyword`, …), each distinct block highlighted once per run.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::escape::{escape_attr, escape_into};

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

pub(super) fn code_block(code: &str, lang: &str) -> String {
    let mut html = String::from("<pre class=\"code\" dir=\"ltr\" tabindex=\"0\"><code");
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
pub(super) fn highlight(code: &str, lang: &str) -> Option<Arc<str>> {
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
