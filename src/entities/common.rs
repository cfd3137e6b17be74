//! A one-word alias → whether it is also an ordinary word, so that `brief check` can
//! say it is worth marking `ambiguous:`. Arabic: the definite form of a word from a
//! list of common nouns and adjectives that Arabic news also uses as names of people,
//! parties, papers and channels (الشرع "the law", الأسد "the lion", النهضة "the
//! renaissance", الجزيرة "the island"). Latin: a word some article writes in lower
//! case on its own (`the old barrack`), as common nouns are written.

use crate::entities::matcher::name_key;

/// Words (without the article ال) that are names in the news and ordinary words too,
/// separated by spaces.
const ARABIC: &str = "\
    شرع أسد نمر صقر ذيب فهد نهضة جزيرة حياة نهار مستقبل وطن شعب أمل \
    نور فجر شروق غد ثورة بعث نصر فتح أمة حق كرامة أصالة تحرير حرية \
    إصلاح تقدم وفاق بناء عدالة عدل وحدة هدى سلام أمن حكمة دستور خليج \
    شرق عربي جيش صدر حكيم رشيد أمين هلال قدس منار ميادين عربية أخبار \
    جمهورية اتحاد ائتلاف تجمع نداء إخاء قوات مقاومة أنصار حشد دعوة \
    إرادة عهد وعد فضيلة عزم كتلة جبهة حراك حزب قاعدة دولة مجلس بيت";

/// Whether the one-word `alias` looks like an ordinary word as well as a name; see the
/// module's note. `bodies` are the site's articles, read for Latin aliases only.
pub fn looks_common<'a>(alias: &str, bodies: impl IntoIterator<Item = &'a str>) -> bool {
    if let Some(stem) = alias.strip_prefix("ال") {
        let stem = name_key(stem);
        return ARABIC.split_whitespace().any(|word| name_key(word) == stem);
    }
    let lower = alias.to_lowercase();
    if lower == alias
        || !alias
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    {
        return false;
    }
    // A word of its own between spaces and punctuation: not part of a URL, an address
    // or code (`github.com`, `@barrack`, `` `barrack` ``).
    bodies.into_iter().any(|body| {
        body.split_whitespace()
            .any(|token| token.trim_matches(|c: char| ".,;:!?()[]\"'“”«»".contains(c)) == lower)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_looking_aliases() {
        let bodies = [
            "The old barrack by the river.",
            "Sharaa, a village near Daraa.",
        ];
        for (alias, common) in [
            ("الشرع", true),
            ("الأسد", true),
            ("الاسد", true),
            ("النهضة", true),
            ("اليونسكو", false),
            ("الكرملين", false),
            ("ال", false),
            ("بوتين", false),
            ("Barrack", true),
            ("Sharaa", false),
            ("Putin", false),
            ("GitHub", false),
            ("river", false),
        ] {
            assert_eq!(looks_common(alias, bodies), common, "{alias}");
        }
    }
}
