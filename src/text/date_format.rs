//! A [`PartialDate`] → text in a language's house style: Arabic month names in the
//! Levantine (كانون الثاني), Egyptian/Gulf (يناير) or dual form, English day-month or
//! month-day order, Western or Arabic-Indic digits, at the date's own precision.

use crate::text::dates::PartialDate;
use crate::text::digits::{self, Digits};

/// How dates are written on a page.
///
/// Arabic readers know two sets of month names: the Syriac-derived ones of the
/// Levant and Iraq (كانون الثاني) and the Latin-derived ones of Egypt and the
/// Gulf (يناير). `Dual` shows both, as pan-Arab outlets do, so no reader guesses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Levantine,
    Egyptian,
    Dual,
    English,
    EnglishUs,
}

impl DateStyle {
    /// The canonical names, for "expected one of" messages. `gulf` is also
    /// accepted, as another name for `egyptian`.
    pub const NAMES: &[&str] = &["levantine", "egyptian", "dual", "english", "english-us"];

    pub fn parse(s: &str) -> Option<DateStyle> {
        match s.trim().to_ascii_lowercase().as_str() {
            "levantine" => Some(DateStyle::Levantine),
            "egyptian" | "gulf" => Some(DateStyle::Egyptian),
            "dual" => Some(DateStyle::Dual),
            "english" => Some(DateStyle::English),
            "english-us" => Some(DateStyle::EnglishUs),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DateStyle::Levantine => "levantine",
            DateStyle::Egyptian => "egyptian",
            DateStyle::Dual => "dual",
            DateStyle::English => "english",
            DateStyle::EnglishUs => "english-us",
        }
    }

    /// `Dual` for Arabic (any `ar`, `ar-SY`, `ar_EG`), `English` otherwise.
    pub fn default_for(lang: &str) -> DateStyle {
        let primary = lang.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("ar") {
            DateStyle::Dual
        } else {
            DateStyle::English
        }
    }

    fn is_arabic(self) -> bool {
        matches!(
            self,
            DateStyle::Levantine | DateStyle::Egyptian | DateStyle::Dual
        )
    }
}

const LEVANTINE: [&str; 12] = [
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
];

const EGYPTIAN: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// Levantine/Egyptian with a slash and no spaces, spelled out so that
/// `month_name` can hand back a `&'static str` for every style.
const DUAL: [&str; 12] = [
    "كانون الثاني/يناير",
    "شباط/فبراير",
    "آذار/مارس",
    "نيسان/أبريل",
    "أيار/مايو",
    "حزيران/يونيو",
    "تموز/يوليو",
    "آب/أغسطس",
    "أيلول/سبتمبر",
    "تشرين الأول/أكتوبر",
    "تشرين الثاني/نوفمبر",
    "كانون الأول/ديسمبر",
];

const ENGLISH: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of month 1..=12 in a style; "" for any other number.
pub fn month_name(month: u8, style: DateStyle) -> &'static str {
    let table = match style {
        DateStyle::Levantine => &LEVANTINE,
        DateStyle::Egyptian => &EGYPTIAN,
        DateStyle::Dual => &DUAL,
        DateStyle::English | DateStyle::EnglishUs => &ENGLISH,
    };
    usize::from(month)
        .checked_sub(1)
        .and_then(|i| table.get(i))
        .copied()
        .unwrap_or("")
}

/// Writes a date for readers, at its own precision: "2025", "شباط/فبراير 2025",
/// "12 February 2025", "February 12, 2025, 14:30". The time is the one written,
/// in its own offset: that is the local time the reporting gave.
pub fn format(date: &PartialDate, style: DateStyle, digits: Digits) -> String {
    let year = date.year().to_string();
    let text = match (date.month(), date.day()) {
        (None, _) => year,
        (Some(m), None) => format!("{} {year}", month_name(m, style)),
        (Some(m), Some(d)) => {
            let month = month_name(m, style);
            let day = match style {
                DateStyle::EnglishUs => format!("{month} {d}, {year}"),
                _ => format!("{d} {month} {year}"),
            };
            match date.time_of_day() {
                None => day,
                Some((hour, minute)) => {
                    // The Arabic comma, as Arabic text uses.
                    let comma = if style.is_arabic() { "،" } else { "," };
                    format!("{day}{comma} {hour:02}:{minute:02}")
                }
            }
        }
    };
    digits::localize(&text, digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn format_table() {
        use DateStyle::*;
        const Y: &str = "2025";
        const M: &str = "2025-01";
        const D: &str = "2025-02-12";
        const T: &str = "2025-02-12T14:30:00+03:00";
        // input, style → Western digits, Arabic-Indic digits
        #[rustfmt::skip]
        let table: &[(&str, DateStyle, &str, &str)] = &[
            (Y, Levantine, "2025",                       "٢٠٢٥"),
            (M, Levantine, "كانون الثاني 2025",          "كانون الثاني ٢٠٢٥"),
            (D, Levantine, "12 شباط 2025",               "١٢ شباط ٢٠٢٥"),
            (T, Levantine, "12 شباط 2025، 14:30",        "١٢ شباط ٢٠٢٥، ١٤:٣٠"),
            (Y, Egyptian,  "2025",                       "٢٠٢٥"),
            (M, Egyptian,  "يناير 2025",                 "يناير ٢٠٢٥"),
            (D, Egyptian,  "12 فبراير 2025",             "١٢ فبراير ٢٠٢٥"),
            (T, Egyptian,  "12 فبراير 2025، 14:30",      "١٢ فبراير ٢٠٢٥، ١٤:٣٠"),
            (Y, Dual,      "2025",                       "٢٠٢٥"),
            (M, Dual,      "كانون الثاني/يناير 2025",    "كانون الثاني/يناير ٢٠٢٥"),
            (D, Dual,      "12 شباط/فبراير 2025",        "١٢ شباط/فبراير ٢٠٢٥"),
            (T, Dual,      "12 شباط/فبراير 2025، 14:30", "١٢ شباط/فبراير ٢٠٢٥، ١٤:٣٠"),
            (Y, English,   "2025",                       "٢٠٢٥"),
            (M, English,   "January 2025",               "January ٢٠٢٥"),
            (D, English,   "12 February 2025",           "١٢ February ٢٠٢٥"),
            (T, English,   "12 February 2025, 14:30",    "١٢ February ٢٠٢٥, ١٤:٣٠"),
            (Y, EnglishUs, "2025",                       "٢٠٢٥"),
            (M, EnglishUs, "January 2025",               "January ٢٠٢٥"),
            (D, EnglishUs, "February 12, 2025",          "February ١٢, ٢٠٢٥"),
            (T, EnglishUs, "February 12, 2025, 14:30",   "February ١٢, ٢٠٢٥, ١٤:٣٠"),
            // No leading zero on the day; the time stays in its own offset.
            ("2025-03-05",                Levantine, "5 آذار 2025",              "٥ آذار ٢٠٢٥"),
            ("2025-03-05T09:05:00-05:00", English,   "5 March 2025, 09:05",      "٥ March ٢٠٢٥, ٠٩:٠٥"),
            ("2024-12-08 06:00", Dual, "8 كانون الأول/ديسمبر 2024، 06:00", "٨ كانون الأول/ديسمبر ٢٠٢٤، ٠٦:٠٠"),
            ("2025-05",                   Levantine, "أيار 2025",                "أيار ٢٠٢٥"),
            ("2025-08-01",                Egyptian,  "1 أغسطس 2025",             "١ أغسطس ٢٠٢٥"),
            ("2025-10",                   Dual,      "تشرين الأول/أكتوبر 2025",  "تشرين الأول/أكتوبر ٢٠٢٥"),
            ("0001",                      English,   "1",                        "١"),
        ];
        for (input, style, western, arabic_indic) in table {
            let d = date(input);
            assert_eq!(
                format(&d, *style, Digits::Western),
                *western,
                "{input} {style:?}"
            );
            assert_eq!(
                format(&d, *style, Digits::ArabicIndic),
                *arabic_indic,
                "{input} {style:?}"
            );
        }
    }

    #[test]
    fn month_names() {
        for m in 1..=12u8 {
            let dual = month_name(m, DateStyle::Dual);
            let joined = format!(
                "{}/{}",
                month_name(m, DateStyle::Levantine),
                month_name(m, DateStyle::Egyptian)
            );
            assert_eq!(dual, joined, "month {m}");
            assert_eq!(
                month_name(m, DateStyle::English),
                month_name(m, DateStyle::EnglishUs)
            );
        }
        let table: &[(u8, DateStyle, &str)] = &[
            (1, DateStyle::Levantine, "كانون الثاني"),
            (4, DateStyle::Levantine, "نيسان"),
            (12, DateStyle::Levantine, "كانون الأول"),
            (4, DateStyle::Egyptian, "أبريل"),
            (9, DateStyle::Dual, "أيلول/سبتمبر"),
            (11, DateStyle::English, "November"),
            (0, DateStyle::Dual, ""),
            (13, DateStyle::English, ""),
            (255, DateStyle::Levantine, ""),
        ];
        for (m, style, expected) in table {
            assert_eq!(month_name(*m, *style), *expected, "{m} {style:?}");
        }
    }

    #[test]
    fn styles() {
        let table: &[(&str, Option<DateStyle>)] = &[
            ("levantine", Some(DateStyle::Levantine)),
            ("egyptian", Some(DateStyle::Egyptian)),
            ("gulf", Some(DateStyle::Egyptian)),
            ("dual", Some(DateStyle::Dual)),
            ("english", Some(DateStyle::English)),
            ("english-us", Some(DateStyle::EnglishUs)),
            (" Dual ", Some(DateStyle::Dual)),
            ("american", None),
            ("", None),
        ];
        for (input, expected) in table {
            assert_eq!(DateStyle::parse(input), *expected, "{input:?}");
        }
        for name in DateStyle::NAMES {
            assert_eq!(DateStyle::parse(name).map(DateStyle::name), Some(*name));
        }
        let defaults: &[(&str, DateStyle)] = &[
            ("ar", DateStyle::Dual),
            ("ar-SY", DateStyle::Dual),
            ("AR_eg", DateStyle::Dual),
            ("en", DateStyle::English),
            ("en-US", DateStyle::English),
            ("arz", DateStyle::English),
            ("", DateStyle::English),
        ];
        for (lang, expected) in defaults {
            assert_eq!(DateStyle::default_for(lang), *expected, "{lang:?}");
        }
    }
}
