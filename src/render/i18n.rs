//! Interface strings: built-in Arabic and English bundles, merged with a site's
//! overrides from `brief.yaml`, with CLDR plural forms (Arabic has six).

use std::collections::BTreeMap;

use crate::config::StringValue;
use crate::text::digits::{self, Digits};

/// Strings for one language.
#[derive(Debug, Clone, Default)]
pub struct Bundle {
    lang: String,
    digits: Digits,
    strings: BTreeMap<String, StringValue>,
}

const EN: &[(&str, &str)] = &[
    ("home", "Home"),
    ("latest", "Latest briefings"),
    ("all_briefings", "All briefings"),
    ("timeline", "Timeline"),
    ("entities", "Index"),
    (
        "entities_intro",
        "People, organizations and places in our briefings.",
    ),
    ("tags", "Tags"),
    ("search", "Search"),
    ("published", "Published"),
    ("image_credit", "Picture:"),
    ("updated", "Updated"),
    ("by", "By"),
    ("sources", "Sources"),
    ("in_this_briefing", "In this briefing"),
    ("mentioned_in", "Mentioned in"),
    ("mentioned_with", "Often mentioned with"),
    ("names", "Names"),
    (
        "translation_missing",
        "This page has not been translated into {lang} yet.",
    ),
    ("go_to_edition", "Go to the {lang} edition"),
    ("read_in", "Read in {lang}"),
    ("language", "Language"),
    ("page_n", "Page {n}"),
    ("newer", "Newer"),
    ("older", "Older"),
    ("pagination", "Pages"),
    ("not_found", "Page not found"),
    ("moved", "This page has moved:"),
    (
        "not_found_text",
        "The page you asked for does not exist, or has moved.",
    ),
    ("choose_language", "Choose a language"),
    ("skip_to_content", "Skip to content"),
    ("briefing", "Briefing"),
    ("event", "Event"),
    ("reported_in", "Reported in"),
    ("no_events", "No dated events yet."),
    ("legend", "Key"),
    ("timeline_years", "Years"),
    ("letter_index", "Letters"),
    ("legend_event", "an event"),
    ("legend_briefing", "a briefing published"),
    ("legend_partial", "an event dated to the month or year"),
    ("kind.person", "People"),
    ("kind.organization", "Organizations"),
    ("kind.place", "Places"),
    ("section.briefings", "Briefings"),
    ("language.ar", "Arabic"),
    ("language.en", "English"),
    ("search_placeholder", "Search the briefings"),
    ("search_no_results", "No results."),
    ("search_sort", "Order"),
    ("search_sort_relevance", "Best match"),
    ("search_sort_date", "Newest first"),
    ("search_filter_entity", "Person, organization or place"),
    ("search_filter_tag", "Tag"),
    ("search_filter_section", "Section"),
    ("search_filter_year", "Year"),
    ("search_filter_any", "All"),
    ("search_needs_script", "Search needs JavaScript."),
    ("feed", "Feed"),
];

const AR: &[(&str, &str)] = &[
    ("home", "الرئيسية"),
    ("latest", "أحدث الإحاطات"),
    ("all_briefings", "كل الإحاطات"),
    ("timeline", "الخط الزمني"),
    ("entities", "فهرس الأعلام"),
    (
        "entities_intro",
        "الأشخاص والمنظمات والأماكن الواردة في إحاطاتنا.",
    ),
    ("tags", "الوسوم"),
    ("search", "بحث"),
    ("published", "نُشر في"),
    ("image_credit", "الصورة:"),
    ("updated", "حُدّث في"),
    ("by", "بقلم"),
    ("sources", "المصادر"),
    ("in_this_briefing", "في هذه الإحاطة"),
    ("mentioned_in", "ورد ذكره في"),
    ("mentioned_with", "يُذكر غالباً مع"),
    ("names", "الأسماء"),
    ("translation_missing", "لم تُترجم هذه الصفحة إلى {lang} بعد."),
    ("go_to_edition", "انتقل إلى النسخة {lang}"),
    ("read_in", "اقرأ بـ{lang}"),
    ("language", "اللغة"),
    ("page_n", "الصفحة {n}"),
    ("newer", "الأحدث"),
    ("older", "الأقدم"),
    ("pagination", "الصفحات"),
    ("not_found", "الصفحة غير موجودة"),
    ("moved", "انتقلت هذه الصفحة إلى:"),
    ("not_found_text", "الصفحة التي طلبتها غير موجودة، أو نُقلت."),
    ("choose_language", "اختر اللغة"),
    ("skip_to_content", "انتقل إلى المحتوى"),
    ("briefing", "إحاطة"),
    ("event", "حدث"),
    ("reported_in", "ورد في"),
    ("no_events", "لا أحداث مؤرخة بعد."),
    ("legend", "دليل الرموز"),
    ("timeline_years", "السنوات"),
    ("letter_index", "الحروف"),
    ("legend_event", "حدث"),
    ("legend_briefing", "نشر إحاطة"),
    ("legend_partial", "حدث معروف شهره أو سنته فقط"),
    ("kind.person", "أشخاص"),
    ("kind.organization", "منظمات"),
    ("kind.place", "أماكن"),
    ("section.briefings", "الإحاطات"),
    ("language.ar", "العربية"),
    ("language.en", "الإنكليزية"),
    ("search_placeholder", "ابحث في الإحاطات"),
    ("search_no_results", "لا نتائج."),
    ("search_sort", "الترتيب"),
    ("search_sort_relevance", "الأقرب إلى البحث"),
    ("search_sort_date", "الأحدث أولاً"),
    ("search_filter_entity", "شخص أو منظمة أو مكان"),
    ("search_filter_tag", "الوسم"),
    ("search_filter_section", "القسم"),
    ("search_filter_year", "السنة"),
    ("search_filter_any", "الكل"),
    ("search_needs_script", "يحتاج البحث إلى جافاسكربت."),
    ("feed", "الخلاصة"),
];

/// Plural strings: key, then (category, text) with `{n}` for the number.
const EN_PLURAL: &[(&str, &[(&str, &str)])] = &[
    (
        "briefings_count",
        &[("one", "{n} briefing"), ("other", "{n} briefings")],
    ),
    (
        "mentions_count",
        &[("one", "{n} mention"), ("other", "{n} mentions")],
    ),
    (
        "events_count",
        &[("one", "{n} event"), ("other", "{n} events")],
    ),
    (
        "entities_count",
        &[("one", "{n} entity"), ("other", "{n} entities")],
    ),
    (
        "results_count",
        &[("one", "{n} result"), ("other", "{n} results")],
    ),
];

const AR_PLURAL: &[(&str, &[(&str, &str)])] = &[
    (
        "briefings_count",
        &[
            ("zero", "لا إحاطات"),
            ("one", "إحاطة واحدة"),
            ("two", "إحاطتان"),
            ("few", "{n} إحاطات"),
            ("many", "{n} إحاطة"),
            ("other", "{n} إحاطة"),
        ],
    ),
    (
        "mentions_count",
        &[
            ("zero", "لا إشارات"),
            ("one", "إشارة واحدة"),
            ("two", "إشارتان"),
            ("few", "{n} إشارات"),
            ("many", "{n} إشارة"),
            ("other", "{n} إشارة"),
        ],
    ),
    (
        "events_count",
        &[
            ("zero", "لا أحداث"),
            ("one", "حدث واحد"),
            ("two", "حدثان"),
            ("few", "{n} أحداث"),
            ("many", "{n} حدثاً"),
            ("other", "{n} حدث"),
        ],
    ),
    (
        "entities_count",
        &[
            ("zero", "لا أعلام"),
            ("one", "عَلَم واحد"),
            ("two", "عَلَمان"),
            ("few", "{n} أعلام"),
            ("many", "{n} عَلَماً"),
            ("other", "{n} عَلَم"),
        ],
    ),
    (
        "results_count",
        &[
            ("zero", "لا نتائج"),
            ("one", "نتيجة واحدة"),
            ("two", "نتيجتان"),
            ("few", "{n} نتائج"),
            ("many", "{n} نتيجة"),
            ("other", "{n} نتيجة"),
        ],
    ),
];

/// CLDR plural category of `n` in `lang` (integers only), from ICU's plural rules;
/// English rules for a language ICU does not know.
pub fn plural_category(lang: &str, n: u64) -> &'static str {
    crate::text::locale::Plurals::new(lang).category(n)
}

impl Bundle {
    /// The built-in strings for `lang` (English for a language without a bundle),
    /// with `overrides` on top.
    pub fn new(
        lang: &str,
        digits: Digits,
        overrides: Option<&BTreeMap<String, StringValue>>,
    ) -> Bundle {
        let (plain, plural) = match lang {
            "ar" => (AR, AR_PLURAL),
            _ => (EN, EN_PLURAL),
        };
        let mut strings: BTreeMap<String, StringValue> = plain
            .iter()
            .map(|(k, v)| (k.to_string(), StringValue::Plain(v.to_string())))
            .collect();
        for (key, forms) in plural {
            let forms = forms
                .iter()
                .map(|(c, t)| (c.to_string(), t.to_string()))
                .collect();
            strings.insert(key.to_string(), StringValue::Plural(forms));
        }
        if let Some(overrides) = overrides {
            strings.extend(overrides.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Bundle {
            lang: lang.to_string(),
            digits,
            strings,
        }
    }

    pub fn get(&self, key: &str) -> String {
        match self.strings.get(key) {
            Some(StringValue::Plain(s)) => s.clone(),
            Some(StringValue::Plural(forms)) => forms.get("other").cloned().unwrap_or_default(),
            None => key.to_string(),
        }
    }

    /// `get` with `{name}` placeholders filled.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.get(key);
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// The plural form of `key` for `n`, with `{n}` written in the language's digits.
    pub fn plural(&self, key: &str, n: u64) -> String {
        let number = digits::localize(&n.to_string(), self.digits);
        let text = match self.strings.get(key) {
            Some(StringValue::Plural(forms)) => {
                let category = plural_category(&self.lang, n);
                forms
                    .get(category)
                    .or_else(|| forms.get("other"))
                    .cloned()
                    .unwrap_or_default()
            }
            Some(StringValue::Plain(s)) => s.clone(),
            None => key.to_string(),
        };
        text.replace("{n}", &number)
    }

    /// The plural forms of `key` by CLDR category, for a script that counts in the
    /// browser (the search page); a plain string is its `other` form.
    pub fn plural_forms(&self, key: &str) -> BTreeMap<String, String> {
        match self.strings.get(key) {
            Some(StringValue::Plural(forms)) => forms.clone(),
            Some(StringValue::Plain(s)) => BTreeMap::from([("other".to_string(), s.clone())]),
            None => BTreeMap::from([("other".to_string(), key.to_string())]),
        }
    }

    /// Every plain string, for templates (`t.timeline`).
    pub fn plain(&self) -> BTreeMap<&str, &str> {
        self.strings
            .iter()
            .filter_map(|(k, v)| match v {
                StringValue::Plain(s) => Some((k.as_str(), s.as_str())),
                StringValue::Plural(_) => None,
            })
            .collect()
    }

    pub fn has(&self, key: &str) -> bool {
        self.strings.contains_key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_plural_forms() {
        let ar = Bundle::new("ar", Digits::Western, None);
        let cases = [
            (0, "لا إحاطات"),
            (1, "إحاطة واحدة"),
            (2, "إحاطتان"),
            (3, "3 إحاطات"),
            (10, "10 إحاطات"),
            (11, "11 إحاطة"),
            (99, "99 إحاطة"),
            (100, "100 إحاطة"),
            (103, "103 إحاطات"),
        ];
        for (n, expected) in cases {
            assert_eq!(ar.plural("briefings_count", n), expected, "{n}");
        }
        let indic = Bundle::new("ar", Digits::ArabicIndic, None);
        assert_eq!(indic.plural("mentions_count", 5), "٥ إشارات");
    }

    #[test]
    fn other_languages_use_their_own_rules() {
        let forms = |pairs: &[(&str, &str)]| {
            StringValue::Plural(
                pairs
                    .iter()
                    .map(|(c, t)| (c.to_string(), t.to_string()))
                    .collect(),
            )
        };
        let ru = BTreeMap::from([(
            "briefings_count".to_string(),
            forms(&[
                ("one", "{n} брифинг"),
                ("few", "{n} брифинга"),
                ("many", "{n} брифингов"),
                ("other", "{n} брифинга"),
            ]),
        )]);
        let bundle = Bundle::new("ru", Digits::Western, Some(&ru));
        let got: Vec<_> = [1, 3, 5, 21]
            .iter()
            .map(|&n| bundle.plural("briefings_count", n))
            .collect();
        assert_eq!(
            got,
            ["1 брифинг", "3 брифинга", "5 брифингов", "21 брифинг"]
        );
    }

    #[test]
    fn english_plural_forms() {
        let en = Bundle::new("en", Digits::Western, None);
        assert_eq!(en.plural("briefings_count", 1), "1 briefing");
        assert_eq!(en.plural("briefings_count", 0), "0 briefings");
    }

    #[test]
    fn site_overrides_win() {
        let overrides = BTreeMap::from([
            (
                "timeline".to_string(),
                StringValue::Plain("التسلسل الزمني".into()),
            ),
            (
                "briefings_count".to_string(),
                StringValue::Plural(BTreeMap::from([(
                    "other".to_string(),
                    "{n} تقارير".to_string(),
                )])),
            ),
        ]);
        let ar = Bundle::new("ar", Digits::Western, Some(&overrides));
        assert_eq!(ar.get("timeline"), "التسلسل الزمني");
        assert_eq!(ar.plural("briefings_count", 4), "4 تقارير");
        assert_eq!(ar.get("home"), "الرئيسية");
    }
}
