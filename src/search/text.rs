//! The text a briefing is searched by: rendered body HTML → plain words, and plain
//! words → the content handed to Pagefind, where each word may be followed by
//! hidden variants (its folded form, the word without its Arabic proclitics).
//!
//! Pagefind indexes whitespace-separated words of the content and shows that same
//! content in excerpts. A variant is a word of its own, so it is written right
//! after the word it comes from with [`VARIANT`] in front: Pagefind drops that
//! punctuation when it indexes the word, and the search page leaves such words
//! out of the excerpt, highlighting the word before instead. Names of the entities
//! a briefing mentions go at the end with [`NAME`] in front, so any registered
//! form of a name finds the briefing without appearing in an excerpt.

use crate::text::arabic::{fold_str, is_arabic_letter};

/// Marks a hidden variant of the word before it. ASCII punctuation, so that
/// Pagefind neither indexes it nor splits the word at it.
pub const VARIANT: &str = "~~";
/// Marks a hidden word with no place in the visible text (entity names, title).
pub const NAME: &str = "~^";

/// Plain text of rendered body HTML: tags removed (block-level tags become a
/// space, inline ones nothing, so "و<a>بوتين</a>" stays one word), entities
/// decoded. Skips `<script>`, `<style>` and `<template>` contents.
pub fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone "<" is text.
            out.push_str(&decode(&rest[open..]));
            return out;
        };
        let tag = &after[..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        rest = &after[close + 1..];
        if matches!(name.as_str(), "script" | "style" | "template") && !tag.starts_with('/') {
            let end = format!("</{name}");
            match rest.to_ascii_lowercase().find(&end) {
                Some(at) => rest = &rest[at..],
                None => return out,
            }
            continue;
        }
        if is_block(&name) && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.push_str(&decode(rest));
    out
}

fn decode(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::decode_html_entities(text)
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "br"
            | "hr"
            | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "figure"
            | "figcaption"
            | "section"
            | "aside"
            | "details"
            | "summary"
            | "img"
            | "sup"
    )
}

/// Appends `text`'s words to `content`, each followed by its hidden variants
/// (Arabic only: the folded word where brief's folding differs from Pagefind's
/// own, and the word without its proclitics).
pub fn push_words(content: &mut String, text: &str, arabic: bool) {
    for word in text.split_whitespace() {
        if !content.is_empty() {
            content.push(' ');
        }
        content.push_str(word);
        if arabic {
            for variant in variants(word) {
                content.push(' ');
                content.push_str(VARIANT);
                content.push_str(&variant);
            }
        }
    }
}

/// Appends hidden words (a name, a title's variants) that have no place in the
/// visible text.
pub fn push_hidden(content: &mut String, text: &str, arabic: bool) {
    for word in text.split_whitespace() {
        let mut forms = vec![fold_str(word)];
        if arabic {
            forms.extend(variants(word));
        }
        for form in forms {
            if !content.is_empty() {
                content.push(' ');
            }
            content.push_str(NAME);
            content.push_str(&form);
        }
    }
}

/// The hidden variants of one Arabic word, distinct and different from the word:
/// its folded form when folding changes more than Pagefind's own normalization
/// does (Pagefind drops harakat and the hamza over or under alef, but keeps
/// tatweel, alef wasla and alef maqsura), then its forms without proclitics.
pub fn variants(word: &str) -> Vec<String> {
    let core = word.trim_matches(|c: char| !is_word_char(c));
    // Most words have neither a letter only brief folds nor a first letter that
    // may be a proclitic or the article: nothing to add, and nothing allocated.
    let may_have_proclitic = matches!(
        core.chars().find_map(crate::text::arabic::fold_char),
        Some('و' | 'ف' | 'ب' | 'ك' | 'ل' | 'ا')
    );
    if !may_have_proclitic && !differs_beyond_pagefind(core) {
        return Vec::new();
    }
    let folded = fold_str(core);
    let mut out: Vec<String> = Vec::new();
    if differs_beyond_pagefind(core) {
        out.push(folded.clone());
    }
    for form in without_proclitics(&folded) {
        if form != core && !out.contains(&form) {
            out.push(form);
        }
    }
    out
}

/// True when `word` has a character brief folds and Pagefind does not.
fn differs_beyond_pagefind(word: &str) -> bool {
    word.chars().any(|c| matches!(c, 'ـ' | 'ٱ' | 'ى'))
}

fn is_word_char(c: char) -> bool {
    is_arabic_letter(c) || c.is_alphanumeric()
}

/// The forms of a folded Arabic word with its attached proclitics removed, the
/// way the entity matcher reads them: an optional conjunction (و ف) then an
/// optional preposition (ب ك ل), then the article ال; ل before the article is
/// written لل. Each form keeps at least three letters (two after the article),
/// so that short words are not cut down to noise. Returns both the form with the
/// article and the bare form: "وبالقرار" → "بالقرار", "القرار", "قرار".
pub fn without_proclitics(folded: &str) -> Vec<String> {
    let letters: Vec<char> = folded.chars().collect();
    if !letters.first().is_some_and(|&c| is_arabic_letter(c)) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut push = |form: &[char]| {
        let form: String = form.iter().collect();
        if form.chars().count() >= 2 && !out.contains(&form) && form != folded {
            out.push(form);
        }
    };
    let conjunction = |c: char| matches!(c, 'و' | 'ف');
    let preposition = |c: char| matches!(c, 'ب' | 'ك' | 'ل');
    let mut chains: Vec<usize> = vec![0];
    if letters.first().is_some_and(|&c| conjunction(c)) {
        chains.push(1);
        if letters.get(1).is_some_and(|&c| preposition(c)) {
            chains.push(2);
        }
    }
    if letters.first().is_some_and(|&c| preposition(c)) {
        chains.push(1);
    }
    for chain in chains {
        let rest = &letters[chain..];
        if chain > 0 && rest.len() >= 3 {
            push(rest);
        }
        if rest.starts_with(&['ا', 'ل']) && rest.len() >= 4 {
            push(&rest[2..]);
        }
        // لل: the preposition ل before the article, whose alef is not written.
        if chain > 0 && letters[chain - 1] == 'ل' && rest.first() == Some(&'ل') && rest.len() >= 3
        {
            let mut with_article = vec!['ا'];
            with_article.extend_from_slice(rest);
            push(&with_article);
            push(&rest[1..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_proclitics_table() {
        let table: &[(&str, &[&str])] = &[
            ("القرار", &["قرار"]),
            ("بالقرار", &["القرار", "قرار"]),
            ("وبالقرار", &["بالقرار", "القرار", "قرار"]),
            ("والقرار", &["القرار", "قرار"]),
            ("فالقرار", &["القرار", "قرار"]),
            ("كالقرار", &["القرار", "قرار"]),
            ("للقرار", &["لقرار", "القرار", "قرار"]),
            ("وللقرار", &["للقرار", "لقرار", "القرار", "قرار"]),
            ("وبوتين", &["بوتين", "وتين"]),
            ("لدمشق", &["دمشق"]),
            ("ودمشق", &["دمشق"]),
            // The article alone is not a word; short words are left whole.
            ("ال", &[]),
            ("ولد", &[]),
            ("بل", &[]),
            // Not Arabic: nothing.
            ("Putin", &[]),
            ("2025", &[]),
            ("", &[]),
        ];
        for &(word, expected) in table {
            assert_eq!(
                without_proclitics(word),
                expected,
                "without_proclitics({word:?})"
            );
        }
    }

    #[test]
    fn variants_table() {
        let table: &[(&str, &[&str])] = &[
            // Pagefind already drops harakat and the hamza over alef: no variant.
            ("أحمد", &[]),
            ("صَرَّحَ", &[]),
            // Alef maqsura, tatweel and alef wasla are brief's folding only.
            ("على", &["علي"]),
            ("بوتـــين", &["بوتين", "وتين"]),
            ("ٱلأمم", &["الامم", "امم"]),
            // Punctuation around the word is not part of it.
            ("«بالقرار»،", &["القرار", "قرار"]),
            ("وأحمد", &["احمد"]),
            ("Putin's", &[]),
        ];
        for &(word, expected) in table {
            assert_eq!(variants(word), expected, "variants({word:?})");
        }
    }

    #[test]
    fn plain_text_table() {
        let table: &[(&str, &str)] = &[
            (
                "<p>اتصال بين <a href=\"/ar/entities/putin/\">بوتين</a> والشرع</p>",
                " اتصال بين بوتين والشرع ",
            ),
            // A link around the name after a proclitic keeps the word whole.
            ("<p>و<a href=\"x\">بوتين</a></p><p>قال</p>", " وبوتين قال "),
            (
                "<h2 id=\"x\">Moscow&#x27;s &amp; Damascus</h2>",
                " Moscow's & Damascus ",
            ),
            ("<pre><code>fn main() {}</code></pre>", " fn main() {} "),
            ("<script>var x = '<p>';</script><p>نص</p>", " نص "),
            ("1 < 2", "1 < 2"),
            ("", ""),
        ];
        for &(html, expected) in table {
            assert_eq!(plain_text(html), expected, "plain_text({html:?})");
        }
    }

    #[test]
    fn words_carry_hidden_variants() {
        let mut content = String::new();
        push_words(&mut content, "رحّب بالقرار على الفور", true);
        assert_eq!(content, "رحّب بالقرار ~~القرار ~~قرار على ~~علي الفور ~~فور");
        let mut english = String::new();
        push_words(&mut english, "Putin's call", false);
        assert_eq!(english, "Putin's call");
        push_hidden(&mut english, "Vladimir Putin", false);
        assert_eq!(english, "Putin's call ~^vladimir ~^putin");
    }
}
