//! A name and its language → the form an index files it under (the Arabic definite
//! article `ال` and English `The ` set aside) and the letter group it belongs to, in
//! the language's alphabet; the letters in the language's collation order.
//!
//! The choice, for an Arabic reader: Arabic indexes and catalogues file a name under
//! its first letter after the article, so `القاهرة` is under ق and `الأمم المتحدة`
//! under أ (shown as ا: the hamza forms of alef, أ إ آ ٱ, are one letter group, as in
//! a dictionary). The name is always shown whole. A name whose first letter is not in
//! the alphabet (a Latin name in the Arabic index, a digit) is filed under that
//! letter, upper-cased, after the alphabet's letters in collation order.

use std::cmp::Ordering;

use icu_collator::options::{CollatorOptions, Strength};
use icu_collator::{Collator, CollatorBorrowed};

use super::index::Sorter;

/// The Arabic alphabet in its dictionary order.
const ARABIC: &str = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
/// The Latin alphabet.
const LATIN: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The part of `name` an index files it under: without a leading `ال` in Arabic
/// (when a word remains), without a leading `The ` in English.
pub fn filing_form<'a>(name: &'a str, lang: &str) -> &'a str {
    let rest = match lang {
        "ar" => name.strip_prefix("ال"),
        "en" => name
            .strip_prefix("The ")
            .or_else(|| name.strip_prefix("the ")),
        _ => None,
    };
    match rest {
        // `ال` alone, or the article of a two-letter word such as `الم`, is kept.
        Some(r) if r.chars().count() >= 2 && !r.starts_with(char::is_whitespace) => r,
        _ => name,
    }
}

/// Letter groups for one language.
pub struct Letters {
    lang: String,
    sorter: Sorter,
    /// Base-letter comparison: أ equals ا, é equals E.
    primary: Option<CollatorBorrowed<'static>>,
}

impl Letters {
    pub fn new(lang: &str) -> Letters {
        let mut options = CollatorOptions::default();
        options.strength = Some(Strength::Primary);
        let primary = icu_locale_core::Locale::try_from_str(lang)
            .ok()
            .and_then(|locale| Collator::try_new(locale.into(), options).ok());
        Letters {
            lang: lang.to_string(),
            sorter: Sorter::new(lang),
            primary,
        }
    }

    fn alphabet(&self) -> &'static str {
        match self.lang.as_str() {
            "ar" => ARABIC,
            _ => LATIN,
        }
    }

    /// The letter group of `name`: the alphabet letter its filing form starts with.
    pub fn letter(&self, name: &str) -> String {
        let Some(first) = filing_form(name, &self.lang).chars().next() else {
            return String::new();
        };
        // The hamza and madda forms of alef are one group; CLDR's Arabic collation
        // keeps آ apart at the base level.
        let first = match first {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            c => c,
        }
        .to_string();
        let same = |letter: &str| match &self.primary {
            Some(c) => c.compare(letter, &first) == Ordering::Equal,
            None => letter == first.to_uppercase(),
        };
        let mut buf = [0u8; 4];
        self.alphabet()
            .chars()
            .map(|c| c.encode_utf8(&mut buf).to_string())
            .find(|l| same(l))
            .unwrap_or_else(|| first.to_uppercase())
    }

    /// Index order of two names: by filing form in the language's collation, then
    /// by the whole name.
    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        self.sorter
            .compare(filing_form(a, &self.lang), filing_form(b, &self.lang))
            .then_with(|| self.sorter.compare(a, b))
    }

    /// Index order of two letter groups: the alphabet's letters in its order, then
    /// any other in collation order.
    pub fn compare_letters(&self, a: &str, b: &str) -> Ordering {
        let rank = |l: &str| self.alphabet().chars().position(|c| l.starts_with(c));
        match (rank(a), rank(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => self.sorter.compare(a, b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_arabic_names_after_the_article() {
        let letters = Letters::new("ar");
        for (name, filed, letter) in [
            ("أحمد الشرع", "أحمد الشرع", "ا"),
            ("إدلب", "إدلب", "ا"),
            ("آل سعود", "آل سعود", "ا"),
            ("بشار الأسد", "بشار الأسد", "ب"),
            ("القاهرة", "قاهرة", "ق"),
            ("الأمم المتحدة", "أمم المتحدة", "ا"),
            ("ثامر", "ثامر", "ث"),
            ("ظريف", "ظريف", "ظ"),
            ("ياسين", "ياسين", "ي"),
            ("لبنان", "لبنان", "ل"),
            ("Pagefind", "Pagefind", "P"),
        ] {
            assert_eq!(filing_form(name, "ar"), filed, "{name}");
            assert_eq!(letters.letter(name), letter, "{name}");
        }
    }

    #[test]
    fn files_english_names_by_base_letter() {
        let letters = Letters::new("en");
        for (name, letter) in [
            ("Ahmed al-Sharaa", "A"),
            ("al-Assad family", "A"),
            ("The Hague", "H"),
            ("Österreich", "O"),
            ("Éric Zemmour", "E"),
            ("1701 resolution", "1"),
        ] {
            assert_eq!(letters.letter(name), letter, "{name}");
        }
    }

    #[test]
    fn orders_names_and_letters() {
        let letters = Letters::new("ar");
        let mut names = vec![
            "ياسين",
            "القاهرة",
            "ظريف",
            "بشار الأسد",
            "حلب",
            "ثامر",
            "أحمد الشرع",
        ];
        names.sort_by(|a, b| letters.compare(a, b));
        assert_eq!(
            names,
            [
                "أحمد الشرع",
                "بشار الأسد",
                "ثامر",
                "حلب",
                "ظريف",
                "القاهرة",
                "ياسين"
            ]
        );
        let mut groups = vec!["Z", "ي", "ب", "ا", "ظ"];
        groups.sort_by(|a, b| letters.compare_letters(a, b));
        assert_eq!(groups, ["ا", "ب", "ظ", "ي", "Z"]);
    }
}
