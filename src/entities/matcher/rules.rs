//! Word rules: a hit in the search form and what surrounds it in → whether it is a
//! whole word (boundaries, Arabic proclitics, possessives, acronyms, the elided article).

use super::fold::{chars_before, chars_from, is_char_boundary};
use crate::text::arabic::{fold_char, is_arabic_letter, is_arabic_mark};

/// What precedes a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Before {
    /// Start of text or a non-word character: a plain word start.
    Boundary,
    /// A valid proclitic chain at the start of the word; `lam` when it ends in
    /// the preposition ل.
    Proclitic { lam: bool },
    /// Anything else: the hit is inside a longer word.
    Inside,
}

/// Characters that make up words, for boundary checks: letters and digits of
/// every script, Arabic letters and marks, tatweel, and Latin combining
/// accents (which belong to the letter before them).
pub(super) fn is_word_char(c: char) -> bool {
    // The basic Arabic letters and harakat first: they are most of what this
    // is asked about, and `is_alphanumeric` is a table search for them.
    matches!(c, '\u{0621}'..='\u{065F}')
        || c.is_alphanumeric()
        || is_arabic_letter(c)
        || is_arabic_mark(c)
        || c == '\u{0640}'
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Classifies what precedes a hit at `start` whose alias starts with a word
/// character.
///
/// An Arabic alias may be preceded, inside its word, by a proclitic chain: an
/// optional conjunction (و or ف) then an optional preposition (ب, ك or ل),
/// e.g. و، ب، وب، فل. The chain must be the whole rest of the word, so
/// "بلبوتين" (two prepositions) is not بوتين. That is at most two letters;
/// the third letter of "ولل" in "وللأسد" is the article's lam, which belongs
/// to the elided alias form "لأسد" (see [`Reading::after_lam`]).
pub(super) fn before(hay: &[u8], start: usize, arabic_start: bool) -> Before {
    if !is_char_boundary(hay, start) {
        return Before::Inside;
    }
    let mut rev = chars_before(hay, start);
    let Some(p1) = rev.next() else {
        return Before::Boundary;
    };
    if !is_word_char(p1) {
        // An apostrophe between letters is inside a word: "Sana'a" is not
        // "a", "O'Brien" is not "Brien".
        if p1 == '\'' && rev.next().is_some_and(is_word_char) {
            return Before::Inside;
        }
        return Before::Boundary;
    }
    if !arabic_start {
        return Before::Inside;
    }
    let word_starts = |c: Option<char>| c.is_none_or(|c| !is_word_char(c));
    let conjunction = |c: char| matches!(c, 'و' | 'ف');
    let preposition = |c: char| matches!(c, 'ب' | 'ك' | 'ل');
    let p2 = rev.next();
    if conjunction(p1) {
        if word_starts(p2) {
            return Before::Proclitic { lam: false };
        }
    } else if preposition(p1) {
        let lam = p1 == 'ل';
        match p2 {
            p2 if word_starts(p2) => return Before::Proclitic { lam },
            Some(p2) if conjunction(p2) && word_starts(rev.next()) => {
                return Before::Proclitic { lam };
            }
            _ => {}
        }
    }
    Before::Inside
}

/// Whether a hit ending at `end` ends a word. A possessive "'s" (or a bare
/// trailing apostrophe) is allowed after it, so "Putin's" counts as Putin; an
/// apostrophe followed by other letters ("Sana'a") is inside a word.
pub(super) fn word_ends_at(hay: &[u8], end: usize) -> bool {
    if !is_char_boundary(hay, end) {
        return false;
    }
    let mut after = chars_from(hay, end);
    match after.next() {
        None => true,
        Some('\'') => match after.next() {
            None => true,
            Some('s') => after.next().is_none_or(|c| !is_word_char(c)),
            Some(c) => !is_word_char(c),
        },
        Some(c) => !is_word_char(c),
    }
}

/// An alias written in capitals with at least two letters (HTS, UK, U.S.),
/// which is an acronym and must not match the common word it spells in lower
/// case.
pub(super) fn is_acronym(alias: &str) -> bool {
    let mut letters = 0;
    for c in alias.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

pub(super) fn is_in_capitals(written: &str) -> bool {
    !written.chars().any(char::is_lowercase)
}

/// For an alias starting with the definite article ال, the form it takes
/// after the preposition ل: the alef is dropped, "الأسد" → "لأسد" (key
/// "لاسد"). Only a bare alef (or alef wasla) is the article; "ألمانيا" starts
/// with a hamza and keeps it after ل ("لألمانيا").
pub(super) fn lam_elided(alias: &str, key: &str) -> Option<String> {
    let mut kept = alias
        .trim_start()
        .chars()
        .filter(|&c| fold_char(c).is_some());
    let article = matches!(kept.next(), Some('ا' | 'ٱ')) && kept.next() == Some('ل');
    let rest = key.strip_prefix('ا')?;
    // Require a letter after the article: "ال" alone is not a name.
    let has_stem = rest.chars().nth(1).is_some_and(is_word_char);
    (article && rest.starts_with('ل') && has_stem).then(|| rest.to_owned())
}
