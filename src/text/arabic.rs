//! Arabic folding: takes text in any script and gives back a search form of it
//! (harakat and tatweel dropped, alef/hamza variants and alef maqsura unified,
//! Latin lowercased).
//!
//! Folding exists so that an alias typed one way finds the word written another
//! way: "احمد الشرع" and "أَحْمَد الشَّرع" are the same name to a reader. The
//! matcher keeps its own way back to the text as written (see
//! `entities::matcher::fold`).

/// The folding rule for one character: `None` if folding drops it, otherwise
/// the character it becomes. The matcher's search form (and with it
/// `entities::matcher::name_key`, the one folding of names) is this plus the
/// treatment of spaces and invisible characters.
/// Folds one word character by character ([`fold_char`] on each): the search form
/// the search index and the search page's `fold.js` share. Names compared as names
/// (aliases, clashes) go through the matcher's `name_key`, which also settles
/// spacing and invisible marks between words.
pub fn fold_str(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

pub fn fold_char(c: char) -> Option<char> {
    // ASCII first: it is most of English text and all of the punctuation and
    // spacing in Arabic text, and needs no table.
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    match c {
        c if is_ignorable_mark(c) => None,
        // Hamza-bearing alefs and alef wasla: writers are inconsistent about
        // them ("احمد" for "أحمد"), so they are all searched as a bare alef.
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        // Alef maqsura and final ya are confused just as often ("علي"/"على").
        'ى' => Some('ي'),
        c if is_latin(c) => Some(lowercase_one(c)),
        c => Some(c),
    }
}

/// True for the letters of the Arabic script (including the Persian/Urdu
/// letters and presentation forms), false for its marks, tatweel, digits and
/// punctuation.
pub fn is_arabic_letter(c: char) -> bool {
    // Fast path for the basic letters (hamza to ya, tatweel excluded), which
    // are nearly all of real text; the general test below is table lookups.
    if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
        return true;
    }
    let in_arabic_blocks = matches!(
        c as u32,
        0x0620..=0x064A
            | 0x066E..=0x06D3
            | 0x06D5
            | 0x06EE..=0x06EF
            | 0x06FA..=0x06FF
            | 0x0750..=0x077F
            | 0x0870..=0x08C9
            | 0xFB50..=0xFDFF
            | 0xFE80..=0xFEFC
    );
    // The ranges above are blocks, which also hold marks, tatweel and a few
    // symbols; `is_alphabetic` removes the symbols and the explicit checks the
    // marks that Unicode counts as "alphabetic".
    in_arabic_blocks && c.is_alphabetic() && !is_ignorable_mark(c) && !is_arabic_mark(c)
}

/// What folding drops: the harakat and other marks U+064B–U+065F, the
/// superscript alef U+0670 (both written over letters, not letters
/// themselves) and tatweel U+0640 (a stretching stroke for justification).
fn is_ignorable_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')
}

/// Arabic combining marks that folding keeps (Quranic annotation signs and
/// extended-block marks); they are never letters.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{0898}'..='\u{089F}'
            | '\u{08CA}'..='\u{08E1}'
            | '\u{08E3}'..='\u{08FF}'
    )
}

/// The Latin letters outside ASCII: Latin-1 Supplement and Extended-A/B, and
/// Latin Extended Additional (Vietnamese and the like). Only Latin is
/// lowercased because only Latin aliases are matched case-insensitively.
fn is_latin(c: char) -> bool {
    matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}') && c.is_alphabetic()
}

/// Simple lowercase, one character to one character. A letter whose
/// lowercase is longer (U+0130 "İ" → "i̇") is kept as is: a one-to-one map is
/// what keeps the offset map trivial, and such letters are rare in names.
fn lowercase_one(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let table: &[(&str, &str)] = &[
            // Hamza variants of alef, in a real headline.
            ("أحمد الشرع يصل إلى دمشق", "احمد الشرع يصل الي دمشق"),
            ("آلاف اللاجئين عادوا", "الاف اللاجئين عادوا"),
            // Alef wasla, as in fully vocalised text.
            ("ٱلْأُمَمُ ٱلْمُتَّحِدَةُ", "الامم المتحدة"),
            // Harakat and shadda dropped.
            ("صَرَّحَ بُوتِين أَمْسِ", "صرح بوتين امس"),
            // Tanween.
            ("استقبل وفداً روسياً", "استقبل وفدا روسيا"),
            // Superscript alef.
            ("هٰذا", "هذا"),
            // Tatweel.
            ("قال بوتـــين إن موسكـو سترد", "قال بوتين ان موسكو سترد"),
            // Alef maqsura becomes ya.
            ("مصطفى على الحدود", "مصطفي علي الحدود"),
            // Latin lowercased, punctuation and Arabic comma kept.
            (
                "Putin’s visit to the UK، أمس",
                "putin’s visit to the uk، امس",
            ),
            ("Érdoğan İzmir ÇAVUŞOĞLU", "érdoğan İzmir çavuşoğlu"),
            // Other scripts untouched (not Latin, so not lowercased).
            ("Путин говорит", "Путин говорит"),
            // Digits of both systems kept.
            ("القرار ٢٢٥٤ (2254)", "القرار ٢٢٥٤ (2254)"),
            ("", ""),
        ];
        for &(input, expected) in table {
            let folded: String = input.chars().filter_map(fold_char).collect();
            assert_eq!(folded, expected, "{input:?}");
        }
    }

    #[test]
    fn is_arabic_letter_table() {
        let table: &[(char, bool)] = &[
            ('ب', true),
            ('ء', true),
            ('أ', true),
            ('ة', true),
            ('ى', true),
            ('ٱ', true),
            ('پ', true),
            ('ک', true),
            ('ﻻ', true),
            ('\u{064E}', false), // fatha
            ('\u{0651}', false), // shadda
            ('\u{0670}', false), // superscript alef
            ('\u{0640}', false), // tatweel
            ('٣', false),
            ('،', false),
            ('؟', false),
            ('a', false),
            ('Я', false),
            (' ', false),
        ];
        for &(c, expected) in table {
            assert_eq!(is_arabic_letter(c), expected, "is_arabic_letter({c:?})");
        }
    }
}
