//! Digit systems: takes text or a number and a `Digits` choice, gives back the text
//! with its ASCII digits written in that system (Western 0–9 or Arabic-Indic ٠–٩).

/// Which digits a page shows numbers in.
///
/// Arabic publications differ in which digits they print, so it is a setting.
/// Western is the default because it is what every source file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Digits {
    #[default]
    Western,
    ArabicIndic,
}

impl Digits {
    /// The names accepted by [`Digits::parse`], for "expected one of" messages.
    pub const NAMES: &[&str] = &["western", "arabic-indic"];

    /// Reads a configuration value. Case and surrounding spaces are forgiven
    /// because these come from hand-written front matter.
    pub fn parse(s: &str) -> Option<Digits> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("western") {
            Some(Digits::Western)
        } else if s.eq_ignore_ascii_case("arabic-indic") {
            Some(Digits::ArabicIndic)
        } else {
            None
        }
    }

    /// The canonical configuration name; `Digits::parse(d.name()) == Some(d)`.
    pub fn name(self) -> &'static str {
        match self {
            Digits::Western => "western",
            Digits::ArabicIndic => "arabic-indic",
        }
    }
}

/// Rewrites the ASCII digits of `s` in the chosen system; everything else is
/// left alone, so this is safe on whole formatted strings ("12 شباط 2025، 14:30").
pub fn localize(s: &str, digits: Digits) -> String {
    match digits {
        Digits::Western => s.to_owned(),
        Digits::ArabicIndic => s
            .chars()
            .map(|c| match c.to_digit(10) {
                // Only ASCII digits: `to_digit` accepts nothing else for radix 10.
                // U+0660 ARABIC-INDIC DIGIT ZERO is followed by 1–9 in order.
                Some(d) => char::from_u32(0x0660 + d).unwrap_or(c),
                None => c,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_name() {
        let table: &[(&str, Option<Digits>)] = &[
            ("western", Some(Digits::Western)),
            ("arabic-indic", Some(Digits::ArabicIndic)),
            (" Arabic-Indic ", Some(Digits::ArabicIndic)),
            ("WESTERN", Some(Digits::Western)),
            ("arabic", None),
            ("eastern", None),
            ("", None),
        ];
        for (input, expected) in table {
            assert_eq!(Digits::parse(input), *expected, "{input:?}");
        }
        for name in Digits::NAMES {
            let d = Digits::parse(name).unwrap_or_default();
            assert_eq!(d.name(), *name);
        }
        assert_eq!(Digits::default(), Digits::Western);
    }

    #[test]
    fn localize_table() {
        let table: &[(&str, Digits, &str)] = &[
            ("0123456789", Digits::ArabicIndic, "٠١٢٣٤٥٦٧٨٩"),
            ("0123456789", Digits::Western, "0123456789"),
            (
                "12 شباط 2025، 14:30",
                Digits::ArabicIndic,
                "١٢ شباط ٢٠٢٥، ١٤:٣٠",
            ),
            (
                "12 شباط 2025، 14:30",
                Digits::Western,
                "12 شباط 2025، 14:30",
            ),
            // Already-Arabic-Indic and other scripts' digits are not touched.
            ("٢٠٢٥ and ۱۴۰۳", Digits::ArabicIndic, "٢٠٢٥ and ۱۴۰۳"),
            ("٢٠٢٥", Digits::Western, "٢٠٢٥"),
            ("", Digits::ArabicIndic, ""),
            ("دعم سوريا", Digits::ArabicIndic, "دعم سوريا"),
        ];
        for (input, digits, expected) in table {
            assert_eq!(localize(input, *digits), *expected, "{input:?} {digits:?}");
        }
    }
}
