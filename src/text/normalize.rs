//! Unicode normalization: text as read from a file in → the same text in NFC, so that a
//! letter typed precomposed (أ, é) and one typed as a base letter plus a combining mark
//! (ا + ◌ٔ, e + ◌́) are the same bytes to everything after reading (slugs, matching,
//! comparisons).

use std::borrow::Cow;

use icu_normalizer::ComposingNormalizerBorrowed;

/// `text` in NFC; borrowed when it already is, which is nearly always.
pub fn nfc(text: &str) -> Cow<'_, str> {
    ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// [`nfc`] for an owned string: the same string back when it already is NFC.
pub fn nfc_owned(text: String) -> String {
    match nfc(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(normalized) => normalized,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_table() {
        let table: &[(&str, &str)] = &[
            // أحمد with its alef written as bare alef + hamza above (U+0654).
            ("\u{0627}\u{0654}حمد الشرع", "أحمد الشرع"),
            // إ (hamza below), آ (madda), ؤ and ئ, decomposed.
            ("\u{0627}\u{0655}دلب", "إدلب"),
            ("\u{0627}\u{0653}ذار", "آذار"),
            ("المو\u{0654}تمر", "المؤتمر"),
            ("هيي\u{0654}ة تحرير الشام", "هيئة تحرير الشام"),
            // Latin with combining accents.
            ("E\u{0301}rdog\u{0306}an", "Érdoğan"),
            // Already NFC: unchanged, harakat included (they do not compose).
            ("صَرَّحَ بُوتِين 2025", "صَرَّحَ بُوتِين 2025"),
            ("", ""),
        ];
        for &(input, expected) in table {
            assert_eq!(nfc(input), expected, "{input:?}");
            assert_eq!(nfc_owned(input.to_owned()), expected, "{input:?}");
        }
        assert!(matches!(nfc("أحمد الشرع"), Cow::Borrowed(_)));
    }
}
