//! A language code → what CLDR (through ICU4X's compiled data) knows of it: its
//! writing direction, from the language's likely script (`ku` is Latin, so
//! left-to-right; `ckb`, `syr`, `nqo`, `ks` and `az-Arab` are right-to-left), and the
//! plural category of a count (Russian has `few` and `many`, French counts 0 as `one`).

use std::str::FromStr;

use icu_locale::LocaleDirectionality;
use icu_locale_core::{LanguageIdentifier, Locale};
use icu_plurals::{PluralCategory, PluralRules};

/// Right to left when the language's likely script is; `None` when ICU does not know
/// the code (or it does not parse), so the caller can say so.
pub fn is_right_to_left(code: &str) -> Option<bool> {
    // Compiled data: making it is a few static references, no parsing.
    const DIRECTIONS: LocaleDirectionality = LocaleDirectionality::new_extended();
    let id = LanguageIdentifier::from_str(code).ok()?;
    Some(DIRECTIONS.get(&id)? == icu_locale::Direction::RightToLeft)
}

/// The plural rules of a language; English rules when ICU has none for the code.
#[derive(Debug)]
pub struct Plurals(Option<PluralRules>);

impl Plurals {
    pub fn new(code: &str) -> Plurals {
        let rules = Locale::from_str(code)
            .ok()
            .and_then(|l| PluralRules::try_new_cardinal((&l).into()).ok());
        Plurals(rules)
    }

    /// Whether ICU has plural rules for the language.
    #[cfg(test)]
    pub fn known(&self) -> bool {
        self.0.is_some()
    }

    /// The CLDR category name (`zero`, `one`, `two`, `few`, `many`, `other`) of `n`.
    pub fn category(&self, n: u64) -> &'static str {
        let Some(rules) = &self.0 else {
            return if n == 1 { "one" } else { "other" };
        };
        match rules.category_for(n) {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_likely_script() {
        let cases = [
            ("ar", Some(true)),
            ("fa", Some(true)),
            ("he", Some(true)),
            ("ur", Some(true)),
            ("ckb", Some(true)),
            ("syr", Some(true)),
            ("nqo", Some(true)),
            ("ks", Some(true)),
            ("az-Arab", Some(true)),
            ("ku", Some(false)),
            ("az", Some(false)),
            ("en", Some(false)),
            ("fr", Some(false)),
            ("tr", Some(false)),
            ("ru", Some(false)),
            ("not a code", None),
        ];
        for (code, rtl) in cases {
            assert_eq!(is_right_to_left(code), rtl, "{code}");
        }
    }

    #[test]
    fn plural_categories_per_language() {
        let cases = [
            (
                "ar",
                [
                    (0, "zero"),
                    (1, "one"),
                    (2, "two"),
                    (3, "few"),
                    (11, "many"),
                    (100, "other"),
                ],
            ),
            (
                "ru",
                [
                    (0, "many"),
                    (1, "one"),
                    (2, "few"),
                    (5, "many"),
                    (21, "one"),
                    (22, "few"),
                ],
            ),
            (
                "fr",
                [
                    (0, "one"),
                    (1, "one"),
                    (2, "other"),
                    (5, "other"),
                    (1_000_000, "many"),
                    (3, "other"),
                ],
            ),
            (
                "en",
                [
                    (0, "other"),
                    (1, "one"),
                    (2, "other"),
                    (3, "other"),
                    (11, "other"),
                    (21, "other"),
                ],
            ),
            (
                "tr",
                [
                    (0, "other"),
                    (1, "one"),
                    (2, "other"),
                    (3, "other"),
                    (11, "other"),
                    (21, "other"),
                ],
            ),
        ];
        for (code, table) in cases {
            let plurals = Plurals::new(code);
            assert!(plurals.known(), "{code}");
            for (n, category) in table {
                assert_eq!(plurals.category(n), category, "{code} {n}");
            }
        }
    }
}
