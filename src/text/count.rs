//! A number and a noun → English for the terminal: "1 page", "2 pages", "0 errors".
//! (Pages themselves use the CLDR plural rules of `render::i18n`; this is only for
//! brief's own English messages.)

/// `n` followed by the noun in the form English uses for it: `one` for exactly 1,
/// `other` for everything else (0 included).
pub fn count(n: usize, one: &str, other: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { other })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_noun_agrees_with_the_number() {
        let cases = [
            (0, "page", "pages", "0 pages"),
            (1, "page", "pages", "1 page"),
            (2, "page", "pages", "2 pages"),
            (1, "entity", "entities", "1 entity"),
            (11, "entity", "entities", "11 entities"),
            (1, "error", "errors", "1 error"),
            (21, "warning", "warnings", "21 warnings"),
        ];
        for (n, one, other, expected) in cases {
            assert_eq!(count(n, one, other), expected);
        }
    }
}
