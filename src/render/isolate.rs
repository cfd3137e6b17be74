//! Bidi isolation of metadata text in templates: the `bidi` filter (plain text in,
//! escaped HTML out, each run written in the other direction wrapped in `<bdi>`) and
//! the `title_isolate` filter (plain text in, plain text out, wrapped in Unicode
//! isolates when it mixes directions, for `<title>`, which cannot hold markup).

use tera::{Kwargs, State, Tera, Value};

use crate::config::Direction;
use crate::markdown;

const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const PDI: char = '\u{2069}';

/// Registers both filters. Each takes an optional `dir` ("rtl" or "ltr", the
/// direction of the element the text sits in). Without it (cards and chips are
/// components, which do not see the page's language), a text with any right-to-left
/// letter is taken as right to left: an Arabic title with a long Latin name is still
/// Arabic, and an English title quoting an Arabic word then has its Latin runs
/// isolated instead, which changes nothing in an English page.
pub fn register(tera: &mut Tera) {
    tera.register_filter("bidi", |text: &str, kwargs: Kwargs, _: &State| {
        let dir = direction(text, &kwargs);
        let mut out = String::with_capacity(text.len() + 16);
        markdown::isolate(text, dir, &mut out);
        Value::safe_string(&out)
    });
    tera.register_filter("title_isolate", |text: &str, kwargs: Kwargs, _: &State| {
        title_isolate(text, direction(text, &kwargs))
    });
}

fn direction(text: &str, kwargs: &Kwargs) -> Direction {
    match kwargs.get::<&str>("dir") {
        Ok(Some("rtl")) => Direction::Rtl,
        Ok(Some("ltr")) => Direction::Ltr,
        _ if text.chars().any(|c| is_rtl(c) && c.is_alphabetic()) => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// Whether `text` has letters written right to left, and letters written left to
/// right. Every page runs this on every title it shows: the slow Unicode table is
/// asked only about a character of a kind not found yet, and reading stops once
/// both are.
fn letters(text: &str) -> (bool, bool) {
    let (mut rtl, mut ltr) = (false, false);
    for c in text.chars() {
        if is_rtl(c) {
            rtl = rtl || c.is_alphabetic();
        } else {
            ltr = ltr || c.is_alphabetic();
        }
        if rtl && ltr {
            break;
        }
    }
    (rtl, ltr)
}

fn is_rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// A window title is shown as plain text by the browser's tab strip, history and
/// search results, which take its direction from its first strong letter: an Arabic
/// title that opens with a Latin name would be laid out left to right there, with
/// the separator and the site name on the wrong side. Wrapping such a title in an
/// isolate of the page's own direction (RLI … PDI for Arabic) fixes its inner order
/// and lets the rest of the title (the site name) decide the line's direction. A
/// title in one direction only is left as it is.
fn title_isolate(text: &str, dir: Direction) -> String {
    let (rtl, ltr) = letters(text);
    if !rtl || !ltr {
        return text.to_string();
    }
    let open = match dir {
        Direction::Rtl => RLI,
        Direction::Ltr => LRI,
    };
    format!("{open}{text}{PDI}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> String {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        register(&mut tera);
        tera.add_raw_template("t.html", template).unwrap();
        tera.render("t.html", &tera::Context::new()).unwrap()
    }

    #[test]
    fn bidi_isolates_the_other_direction_and_escapes() {
        let cases = [
            (
                r#"{{ "بوتين يتصل بـ<Ahmed al-Sharaa>" | bidi }}"#,
                "بوتين يتصل بـ&lt;<bdi>Ahmed al-Sharaa</bdi>&gt;",
            ),
            (
                r#"{{ "Putin calls الشرع" | bidi(dir="ltr") }}"#,
                "Putin calls <bdi>الشرع</bdi>",
            ),
            (
                r#"{{ "Kremlin: بوتين" | bidi(dir="rtl") }}"#,
                "<bdi>Kremlin</bdi>: بوتين",
            ),
            (r#"{{ "Plain & simple" | bidi }}"#, "Plain &amp; simple"),
            (
                r#"{{ "The word الشرع" | bidi }}"#,
                "<bdi>The word</bdi> الشرع",
            ),
        ];
        for (template, expected) in cases {
            assert_eq!(render(template), expected, "{template}");
        }
    }

    #[test]
    fn titles_are_isolated_only_when_they_mix_directions() {
        let cases = [
            ("اتصال بوتين والشرع", Direction::Rtl, "اتصال بوتين والشرع"),
            ("Putin and al-Sharaa", Direction::Ltr, "Putin and al-Sharaa"),
            (
                "Putin يتصل بالشرع",
                Direction::Rtl,
                "\u{2067}Putin يتصل بالشرع\u{2069}",
            ),
            (
                "The word الشرع",
                Direction::Ltr,
                "\u{2066}The word الشرع\u{2069}",
            ),
        ];
        // Arabic digits and the Arabic comma are not letters: one direction only.
        let cases = cases.into_iter().chain([(
            "Putin and al-Sharaa، ٢٠٢٥",
            Direction::Ltr,
            "Putin and al-Sharaa، ٢٠٢٥",
        )]);
        for (text, dir, expected) in cases {
            assert_eq!(title_isolate(text, dir), expected, "{text}");
        }
    }
}
