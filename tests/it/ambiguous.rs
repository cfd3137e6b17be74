//! Ambiguous aliases (الشرع: the president, or "the law"): counted and linked only in
//! an article that names the entity otherwise too, everywhere mentions are used, with
//! `brief check` notes for the ones left out.

use serde_json::Value;

use crate::support::{Site, stdout};

/// (article slug, mentions, front_matter) of entity `id` in `entities.json`.
fn articles(json: &Value, id: &str) -> Vec<(String, u64, bool)> {
    let entity = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"));
    let mut found: Vec<(String, u64, bool)> = entity["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let url = a["url"].as_str().unwrap();
            let slug = url.trim_end_matches('/').rsplit('/').next().unwrap();
            (
                slug.to_owned(),
                a["mentions"].as_u64().unwrap(),
                a["front_matter"].as_bool().unwrap(),
            )
        })
        .collect();
    found.sort();
    found
}

fn links(html: &str) -> Vec<&str> {
    html.split("<a class=\"entity\" href=\"")
        .skip(1)
        .map(|rest| &rest[..rest.find("</a>").unwrap()])
        .collect()
}

#[test]
fn an_ambiguous_alias_counts_only_where_the_entity_is_named() {
    let site = Site::fixture("ambiguous");
    site.build(&[]);
    let json: Value = serde_json::from_str(&site.read("public/entities.json")).unwrap();
    let owned = |v: &[(&str, u64, bool)]| -> Vec<(String, u64, bool)> {
        v.iter().map(|&(s, n, f)| (s.to_owned(), n, f)).collect()
    };
    // The law article (الشرع, بالشرع, حكم الشرع) is not among his; the article naming
    // أحمد الشرع counts all four (full name, الشرع twice, بالشرع); the one listing
    // him in front matter counts its lone الشرع.
    assert_eq!(
        articles(&json, "al-sharaa"),
        owned(&[
            ("envoy", 1, false),
            ("sharaa-brief", 1, true),
            ("sharaa-moscow", 4, false)
        ])
    );
    // بشار الأسد, الأسد, وللأسد in one article; the zoo's lion (وللأسد, الأسد) is not him.
    assert_eq!(
        articles(&json, "assad"),
        owned(&[("sharaa-moscow", 3, false)])
    );
    // "the old barrack", "the Barrack" are buildings; "Tom Barrack … Barrack's" is him.
    assert_eq!(articles(&json, "barrack"), owned(&[("envoy", 2, false)]));

    // Links: the first full mention; none for the law article or the lion; the lone
    // الشرع of an article listing him links.
    let page = |p: &str| site.read(&format!("public/{p}/index.html"));
    assert_eq!(
        links(&page("ar/briefings/sharaa-moscow")),
        [
            "/ar/entities/al-sharaa/\">أحمد الشرع",
            "/ar/entities/assad/\">بشار الأسد"
        ]
    );
    assert_eq!(
        links(&page("ar/briefings/sharia-courts")),
        ["/ar/entities/damascus/\">دمشق"]
    );
    assert_eq!(
        links(&page("ar/briefings/zoo")),
        ["/ar/entities/damascus/\">دمشق"]
    );
    assert_eq!(
        links(&page("ar/briefings/sharaa-brief")),
        ["/ar/entities/al-sharaa/\">الشرع"]
    );
    assert_eq!(
        links(&page("en/briefings/envoy"))[0],
        "/en/entities/barrack/\">Tom Barrack"
    );
    assert!(links(&page("en/briefings/barracks")).is_empty());

    // JSON-LD mentions, the entity page and its timeline follow the same rule.
    let law = page("ar/briefings/sharia-courts");
    assert!(!law.contains("أحمد الشرع"), "{law}");
    let entity_page = page("ar/entities/al-sharaa");
    assert!(entity_page.contains("زيارة إلى موسكو"), "{entity_page}");
    assert!(!entity_page.contains("المحاكم الشرعية"), "{entity_page}");
    // His timeline has the Moscow event (the article names him), not the law debate.
    assert!(entity_page.contains("الشرع يصل إلى موسكو"), "{entity_page}");
    assert!(!entity_page.contains("تطبيق الشرع"), "{entity_page}");
}

#[test]
fn check_notes_each_uncounted_ambiguous_alias() {
    let site = Site::fixture("ambiguous");
    let out = site.brief(&["check"]);
    assert_eq!(out.status.code(), Some(0));
    let report = stdout(&out);
    let notes: Vec<&str> = report
        .split("\n\n")
        .filter(|block| block.contains("was not counted"))
        .collect();
    insta::assert_snapshot!(notes.join("\n\n"));
}

#[test]
fn suggest_ambiguous_lists_short_aliases_used_without_the_full_name() {
    let site = Site::fixture("ambiguous");
    site.write(
        "content/briefings/village/index.en.md",
        "---\ntitle: \"Return to Sharaa\"\ndate: 2025-07-01\n---\n\nFamilies returned to Sharaa, a village of 3,000 near Daraa.\n",
    );
    let out = site.brief(&["check", "--suggest-ambiguous"]);
    let report = stdout(&out);
    assert!(
        report
            .contains("`Sharaa` (en) names `al-sharaa` in 1 article that never uses a fuller name"),
        "{report}"
    );
    assert!(
        report.contains("add `ambiguous: {en: [Sharaa]}` under `al-sharaa`"),
        "{report}"
    );
    // Without the flag, no suggestion.
    let plain = stdout(&site.brief(&["check"]));
    assert!(!plain.contains("never use a fuller name"), "{plain}");
}

#[test]
fn ambiguous_lists_are_validated() {
    let site = Site::fixture("ambiguous");
    site.write(
        "content/entities.yaml",
        "al-sharaa:\n  kind: person\n  names:\n    ar: [أحمد الشرع, الشرع]\n    en: [Ahmed al-Sharaa]\n  ambiguous:\n    ar: [الشرعي]\ndamascus:\n  kind: place\n  names:\n    ar: [دمشق]\n    en: [Damascus]\n  ambiguous:\n    ar: [دمشق]\n",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    for expected in [
        "`al-sharaa` lists `الشرعي` as ambiguous, but it is not one of its `ar` names",
        "content/entities.yaml:7",
        "add `الشرعي` to `names: {ar: […]}` of `al-sharaa`, or remove it from `ambiguous`",
        "every `ar` name of `damascus` is listed as ambiguous, so no article could ever name it",
        "content/entities.yaml:13",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
}

/// Search facets and the hidden alias words of a record follow the rule: the law
/// article is not filed under al-Sharaa, nor the zoo under al-Assad; the Moscow
/// article is filed under both.
#[test]
fn search_facets_follow_the_rule() {
    use brief::{LoadOptions, Site as Loaded};
    let site = Site::fixture("ambiguous");
    let loaded = Loaded::load(site.path(), &LoadOptions::default()).unwrap();
    let records = brief::search::records(&loaded, "ar");
    let facets = |slug: &str| -> Vec<String> {
        let record = records
            .iter()
            .find(|r| r.url.ends_with(&format!("/ar/briefings/{slug}/")))
            .unwrap_or_else(|| panic!("no record for {slug}"));
        record.filters.get("entity").cloned().unwrap_or_default()
    };
    let law = facets("sharia-courts");
    assert!(!law.iter().any(|e| e.contains("الشرع")), "{law:?}");
    let zoo = facets("zoo");
    assert!(!zoo.iter().any(|e| e.contains("الأسد")), "{zoo:?}");
    let moscow = facets("sharaa-moscow");
    assert!(moscow.iter().any(|e| e == "أحمد الشرع"), "{moscow:?}");
    assert!(moscow.iter().any(|e| e == "بشار الأسد"), "{moscow:?}");
    let brief_one = facets("sharaa-brief");
    assert!(brief_one.iter().any(|e| e == "أحمد الشرع"), "{brief_one:?}");
}

/// `brief check`'s unused-entity note follows the rule too: an entity whose only
/// occurrences are an ambiguous alias (in a body and in an event's text) of an article
/// that never names it is reported as mentioned nowhere.
#[test]
fn an_entity_named_only_ambiguously_is_reported_unused() {
    let site = Site::fixture("ambiguous");
    for slug in ["sharaa-moscow", "sharaa-brief", "envoy"] {
        std::fs::remove_dir_all(site.path().join("content/briefings").join(slug)).unwrap();
    }
    let report = stdout(&site.brief(&["check"]));
    assert!(
        report.contains("entity `al-sharaa` is not mentioned anywhere"),
        "{report}"
    );
    // Damascus, named plainly in the same event, is used.
    assert!(!report.contains("entity `damascus` is not"), "{report}");
}

/// Without `--suggest-ambiguous`, `brief check` still names the one-word aliases that
/// look like ordinary words and are used where the entity is never named in full: an
/// Arabic alias in the definite form (الشرع), a Latin one some article writes in lower
/// case (barrack).
#[test]
fn check_notes_aliases_that_look_like_ordinary_words() {
    let site = Site::fixture("ambiguous");
    let registry = site.read("content/entities.yaml");
    let unmarked = registry
        .replace("  ambiguous:\n    ar: [الشرع]\n", "")
        .replace("  ambiguous:\n    en: [Barrack]\n", "");
    assert_ne!(unmarked, registry);
    site.write("content/entities.yaml", &unmarked);
    let report = stdout(&site.brief(&["check"]));
    assert!(
        report.contains("`الشرع` (ar) looks like an ordinary word too, and names `al-sharaa` in"),
        "{report}"
    );
    assert!(
        report.contains("add `ambiguous: {ar: [الشرع]}` under `al-sharaa`"),
        "{report}"
    );
    assert!(
        report.contains("`Barrack` (en) looks like an ordinary word too"),
        "{report}"
    );
    // الأسد stays marked: nothing to suggest.
    assert!(!report.contains("`الأسد` (ar) looks like"), "{report}");
}
