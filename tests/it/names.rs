//! Names as the desk types them: one folding for the matcher and the registry's clash
//! check, and every text read as NFC, so a decomposed letter is the composed one.

use crate::support::Site;

/// A registry whose second entity repeats an alias of the first in a spelling that
/// only the matcher's folding sees through: the build fails and names both.
#[test]
fn aliases_the_matcher_reads_alike_clash() {
    let site = Site::fixture("basic");
    site.write(
        "content/entities.yaml",
        "putin:\n  kind: person\n  names:\n    ar: [فلاديمير بوتين, بوتين]\n    en: [Vladimir Putin, Putin]\nputin-2:\n  kind: person\n  names:\n    ar: [\"فلاديمير\u{200C} بوتين\"]\n    en: [\"Vladimir  Putin\"]\n",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    for expected in [
        "the alias `فلاديمير\u{200C} بوتين` of `putin-2` is the same name to the matcher as `فلاديمير بوتين` of `putin` (line 4)",
        "the alias `Vladimir  Putin` of `putin-2` is the same name to the matcher as `Vladimir Putin` of `putin` (line 5)",
        "content/entities.yaml:9",
        "content/entities.yaml:10",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

/// The same briefing typed with decomposed letters (alef + combining hamza, yeh +
/// combining hamza, e + combining acute) builds exactly as the composed one: the
/// same heading ids, tag pages and mentions.
#[test]
fn decomposed_text_slugs_and_matches_as_composed() {
    let registry = "al-sharaa:\n  kind: person\n  names:\n    ar: [أحمد الشرع]\n    en: [Ahmed al-Sharaa]\nhts:\n  kind: organization\n  names:\n    ar: [هيئة تحرير الشام]\n    en: [HTS]\nerdogan:\n  kind: person\n  names:\n    ar: [رجب طيب أردوغان]\n    en: [Recep Tayyip Erdoğan]\n";
    let article = "---\ntitle: \"لقاء أحمد الشرع\"\ndate: 2025-02-12\ntags: [أحمد الشرع]\n---\n\nالتقى أحمد الشرع قادة هيئة تحرير الشام في دمشق، ثم اتصل به Recep Tayyip Erdoğan.\n\n## أحمد الشرع في إدلب\n\nنص.\n";
    let decomposed = article
        .replace('أ', "\u{0627}\u{0654}")
        .replace('إ', "\u{0627}\u{0655}")
        .replace('ئ', "\u{064A}\u{0654}")
        .replace('ğ', "g\u{0306}");
    assert_ne!(decomposed, article);

    let build = |text: &str| {
        let site = Site::fixture("basic");
        let fixture = site.read("content/entities.yaml");
        site.write("content/entities.yaml", &format!("{fixture}{registry}"));
        site.write("content/briefings/meeting/index.ar.md", text);
        site.build(&[]);
        site
    };
    let (composed, decomposed) = (build(article), build(&decomposed));
    let page = "public/ar/briefings/meeting/index.html";
    let html = decomposed.read(page);
    assert_eq!(html, composed.read(page));
    assert!(html.contains("id=\"أحمد-الشرع-في-إدلب\""), "{html}");
    assert_eq!(
        decomposed.read("public/ar/tags/أحمد-الشرع/index.html"),
        composed.read("public/ar/tags/أحمد-الشرع/index.html")
    );
    let json: serde_json::Value =
        serde_json::from_str(&decomposed.read("public/entities.json")).unwrap();
    // أحمد الشرع in the body and in the heading.
    for (id, count) in [("al-sharaa", 2), ("hts", 1), ("erdogan", 1)] {
        let entity = json["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .unwrap();
        let mentions = entity["articles"][0]["mentions"].as_u64();
        assert_eq!(mentions, Some(count), "{id}: {entity}");
    }
}
