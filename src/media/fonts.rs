//! The fonts compiled into the binary (Noto Naskh Arabic and Noto Sans, regular and
//! bold, OFL: see `assets/fonts/OFL.txt`) → a cosmic-text `FontSystem` that knows only
//! them, so a card looks the same on every machine whatever fonts it has installed.

use std::sync::Arc;

use cosmic_text::{Fallback, Family, FontSystem};

/// The family that sets Arabic (and other Arabic-script) text.
pub const ARABIC_FAMILY: &str = "Noto Naskh Arabic";
/// The family that sets Latin text, and everything the Arabic face lacks.
pub const LATIN_FAMILY: &str = "Noto Sans";

/// One embedded font file: its name (for messages and tests) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedFont {
    pub file: &'static str,
    pub bytes: &'static [u8],
}

/// Every font a card can use. The browser test loads these same files.
pub const EMBEDDED: [EmbeddedFont; 4] = [
    EmbeddedFont {
        file: "NotoNaskhArabic-Regular.ttf",
        bytes: include_bytes!("../../assets/fonts/NotoNaskhArabic-Regular.ttf"),
    },
    EmbeddedFont {
        file: "NotoNaskhArabic-Bold.ttf",
        bytes: include_bytes!("../../assets/fonts/NotoNaskhArabic-Bold.ttf"),
    },
    EmbeddedFont {
        file: "NotoSans-Regular.ttf",
        bytes: include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    },
    EmbeddedFont {
        file: "NotoSans-Bold.ttf",
        bytes: include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
    },
];

/// The primary family for text in `lang`: Arabic-script languages get the Naskh face,
/// every other language the Latin face. Missing letters fall back to the other face.
pub fn family_for(lang: &str) -> Family<'static> {
    if script_is_arabic(lang) {
        Family::Name(ARABIC_FAMILY)
    } else {
        Family::Name(LATIN_FAMILY)
    }
}

/// The characters of `text` that no embedded font has (a card draws them as empty
/// boxes), in order of first appearance. Spaces, controls and the invisible
/// formatting marks of bidi and joining are not drawn, so never missing.
pub fn missing(text: &str) -> Vec<char> {
    use cosmic_text::skrifa::charmap::Charmap;
    use cosmic_text::skrifa::{FontRef, MetadataProvider};
    // Read once: every briefing's title is checked on every load.
    static CHARMAPS: std::sync::OnceLock<Vec<Charmap<'static>>> = std::sync::OnceLock::new();
    let faces = CHARMAPS.get_or_init(|| {
        EMBEDDED
            .iter()
            .filter_map(|f| FontRef::new(f.bytes).ok())
            .map(|face| face.charmap())
            .collect()
    });
    let mut missing = Vec::new();
    for c in text.chars() {
        let invisible = c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if invisible || missing.contains(&c) {
            continue;
        }
        if !faces.iter().any(|charmap| charmap.map(c).is_some()) {
            missing.push(c);
        }
    }
    missing
}

/// A font system holding only the embedded fonts. The locale is fixed rather than
/// read from the machine, so that nothing about the host changes the layout.
pub fn font_system() -> FontSystem {
    let mut db = fontdb::Database::new();
    for font in EMBEDDED {
        db.load_font_source(fontdb::Source::Binary(Arc::new(font.bytes)));
    }
    db.set_sans_serif_family(LATIN_FAMILY);
    db.set_serif_family(LATIN_FAMILY);
    FontSystem::new_with_locale_and_db_and_fallback("en-US".to_owned(), db, EmbeddedFallback)
}

/// Font fallback among the embedded faces only: Arabic script goes to the Naskh face,
/// anything else to Noto Sans, then the other face.
#[derive(Debug)]
struct EmbeddedFallback;

impl Fallback for EmbeddedFallback {
    fn common_fallback(&self) -> &[&'static str] {
        &[LATIN_FAMILY, ARABIC_FAMILY]
    }

    fn forbidden_fallback(&self) -> &[&'static str] {
        &[]
    }

    fn script_fallback(&self, script: unicode_script::Script, _locale: &str) -> &[&'static str] {
        match script {
            unicode_script::Script::Arabic => &[ARABIC_FAMILY],
            _ => &[LATIN_FAMILY],
        }
    }
}

/// Whether `lang` (a BCP 47 code such as `ar` or `ar-SY`) is written in Arabic script.
fn script_is_arabic(lang: &str) -> bool {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    matches!(
        primary.to_ascii_lowercase().as_str(),
        "ar" | "fa" | "ur" | "ps" | "sd" | "ug" | "ckb"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_font_loads_under_its_family() {
        let system = font_system();
        let mut families: Vec<(String, u16)> = system
            .db()
            .faces()
            .map(|face| (face.families[0].0.clone(), face.weight.0))
            .collect();
        families.sort();
        assert_eq!(
            families,
            [
                ("Noto Naskh Arabic".to_owned(), 400),
                ("Noto Naskh Arabic".to_owned(), 700),
                ("Noto Sans".to_owned(), 400),
                ("Noto Sans".to_owned(), 700),
            ]
        );
    }

    #[test]
    fn letters_no_embedded_font_has_are_found() {
        for (text, expected) in [
            ("بوتين يجري أول اتصال هاتفي مع الشرع", vec![]),
            (
                "Putin meets 習近平 in Moscow, 12 Feb 2025",
                vec!['習', '近', '平'],
            ),
            ("قال الكرملين\u{200F} إن HTS و2025 — «نعم»", vec![]),
            ("Zelensky 🇺🇦 習", vec!['🇺', '🇦', '習']),
        ] {
            assert_eq!(missing(text), expected, "{text}");
        }
    }

    #[test]
    fn arabic_script_languages_get_the_naskh_face() {
        for (lang, arabic) in [
            ("ar", true),
            ("ar-SY", true),
            ("fa", true),
            ("ur", true),
            ("en", false),
            ("en-GB", false),
            ("ru", false),
            ("", false),
        ] {
            assert_eq!(script_is_arabic(lang), arabic, "{lang}");
        }
    }
}
