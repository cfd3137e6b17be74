//! Slugs: takes a heading, tag or title in any script and gives back a URL- and
//! id-safe slug ("دعم سوريا" → "دعم-سوريا", "Putin's call" → "putins-call").

use std::collections::HashMap;

use crate::text::arabic::is_arabic_letter;

/// What a slug falls back to when nothing of the text survives ("!!!", "؟").
const FALLBACK: &str = "section";

/// The `id` for a heading, so that `#fragment` links work. Same rules as
/// [`slugify`]; it exists as its own name so callers say what they mean.
pub fn heading_id(text: &str) -> String {
    slugify(text)
}

/// Turns text into a slug.
///
/// Letters and digits of every script are kept as they are: Arabic readers
/// should see Arabic in the address bar, and any transliteration would be a
/// guess. Only marks that do not change the word are dropped (harakat,
/// tatweel), so "مُحَمَّد" and "محمد" give the same anchor.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // A separator is only written once a word follows it, which both collapses
    // runs and trims the ends.
    let mut pending_separator = false;
    for c in text.chars() {
        if is_ignorable_mark(c) {
            // Dropped without splitting the word it sits in.
            continue;
        }
        // ASCII and Arabic letters, nearly all of any slug, skip the Unicode
        // tables: Arabic has no case.
        let (ascii, arabic) = (c.is_ascii(), is_arabic_letter(c));
        let alphanumeric = if ascii {
            c.is_ascii_alphanumeric()
        } else {
            arabic || c.is_alphanumeric()
        };
        if alphanumeric {
            if pending_separator && !out.is_empty() {
                out.push('-');
            }
            pending_separator = false;
            if ascii {
                out.push(c.to_ascii_lowercase());
            } else if arabic {
                out.push(c);
            } else {
                // `to_lowercase` can yield a combining mark (İ → i + U+0307);
                // keep only what is itself a letter or digit.
                out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric()));
            }
        } else if is_separator(c) {
            pending_separator = true;
        }
        // Everything else (punctuation, quotes, symbols, bidi controls) is
        // removed outright: "Putin's" → "putins", «دعم» → "دعم".
    }
    if out.is_empty() {
        FALLBACK.to_owned()
    } else {
        out
    }
}

/// Makes `base` unique within one page: "x", then "x-1", "x-2", …
///
/// Every id handed out is recorded, so a heading literally titled "x-1" that
/// comes after two "x" headings becomes "x-1-1" instead of a duplicate.
pub fn unique_id(base: &str, seen: &mut HashMap<String, usize>) -> String {
    let base = if base.is_empty() { FALLBACK } else { base };
    let Some(&count) = seen.get(base) else {
        seen.insert(base.to_owned(), 1);
        return base.to_owned();
    };
    let mut n = count;
    loop {
        let candidate = format!("{base}-{n}");
        n = n.saturating_add(1);
        if !seen.contains_key(&candidate) {
            seen.insert(base.to_owned(), n);
            seen.insert(candidate.clone(), 1);
            return candidate;
        }
    }
}

/// Arabic harakat, the other Arabic combining marks up to U+065F, the
/// superscript alef, and tatweel (a stretching stroke, not a letter).
fn is_ignorable_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Characters that separate words in a slug. Dashes of every width count as
/// hyphens, since writers type "Moscow–based" with an en dash.
fn is_separator(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '_' | '.' | '\u{2010}'
                ..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_table() {
        let table: &[(&str, &str)] = &[
            ("دعم سوريا", "دعم-سوريا"),
            ("معضلة لجوء الأسد", "معضلة-لجوء-الأسد"),
            ("إعادة إعمار: المؤتمر", "إعادة-إعمار-المؤتمر"),
            ("Putin's call, 12 Feb", "putins-call-12-feb"),
            ("مُحَمَّد", "محمد"),
            ("الرَّحْمٰن", "الرحمن"),
            ("ســــوريا", "سوريا"),
            ("Moscow–based", "moscow-based"),
            ("Moscow — based", "moscow-based"),
            ("!!!", "section"),
            ("", "section"),
            ("   ", "section"),
            ("؟ ، ؛", "section"),
            ("اتصال Putin والشرع 2025", "اتصال-putin-والشرع-2025"),
            ("«دعم» سوريا؟", "دعم-سوريا"),
            ("هل انتهت الحرب؟ نعم، ربما", "هل-انتهت-الحرب-نعم-ربما"),
            ("\"Quoted\" 'words'", "quoted-words"),
            ("مؤتمر ٢٠٢٥", "مؤتمر-٢٠٢٥"),
            ("  -- leading and trailing --  ", "leading-and-trailing"),
            ("snake_case.and.dots", "snake-case-and-dots"),
            ("a - _ . b", "a-b"),
            ("U.S. sanctions", "u-s-sanctions"),
            ("Ünïcödé ÉTÉ", "ünïcödé-été"),
            ("İstanbul", "istanbul"),
            ("$100 (approx.)", "100-approx"),
            ("\u{200F}سوريا\u{200E}", "سوريا"),
        ];
        for (input, expected) in table {
            assert_eq!(slugify(input), *expected, "{input:?}");
            assert_eq!(heading_id(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn unique_id_table() {
        // Each row: the bases in page order → the ids handed out.
        let table: &[(&[&str], &[&str])] = &[
            (&["x", "x", "x"], &["x", "x-1", "x-2"]),
            (&["x", "y", "x"], &["x", "y", "x-1"]),
            (&["x", "x", "x-1", "x"], &["x", "x-1", "x-1-1", "x-2"]),
            (&["x-1", "x", "x"], &["x-1", "x", "x-2"]),
            (&["دعم-سوريا", "دعم-سوريا"], &["دعم-سوريا", "دعم-سوريا-1"]),
            (&["", ""], &["section", "section-1"]),
        ];
        for (bases, expected) in table {
            let mut seen = HashMap::new();
            let got: Vec<String> = bases.iter().map(|b| unique_id(b, &mut seen)).collect();
            assert_eq!(&got, expected, "{bases:?}");
        }
    }
}
