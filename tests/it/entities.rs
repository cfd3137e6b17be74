//! The entity index end to end: mentions found in Arabic and English prose, linked
//! once, counted in pages and in `entities.json`.

use crate::support::Site;

#[test]
fn sample_mentions_are_linked_once_in_both_languages() {
    let site = Site::sample();
    site.build(&[]);
    let ar = site.read("public/ar/briefings/putin-sharaa-call/index.html");
    let body = &ar[ar.find("<div class=\"body\">").unwrap()..ar.find("</div>").unwrap()];
    // The first mention of each entity links; the longest alias wins.
    assert_eq!(
        body.matches("href=\"/brief/ar/entities/putin/\"").count(),
        1,
        "{body}"
    );
    assert!(
        body.contains("<a class=\"entity\" href=\"/brief/ar/entities/putin/\">فلاديمير بوتين</a>"),
        "{body}"
    );
    // ل + ال written لل: the link starts at the article's lam.
    assert!(
        body.contains(
            "ل<a class=\"entity\" href=\"/brief/ar/entities/middle-east/\">لشرق الأوسط</a>"
        ),
        "{body}"
    );
    // Attached prefix stays outside the link: بروسيا → ب + روسيا.
    assert!(
        body.contains("ب<a class=\"entity\" href=\"/brief/ar/entities/russia/\">روسيا</a>"),
        "{body}"
    );
    let en = site.read("public/en/briefings/putin-sharaa-call/index.html");
    assert!(
        en.contains("<a class=\"entity\" href=\"/brief/en/entities/moscow/\">Moscow</a>-backed"),
        "hyphenated compound"
    );
    // Headings never carry entity links.
    for html in [&ar, &en] {
        for heading in html.split("<h2").skip(1) {
            let heading = &heading[..heading.find("</h2>").unwrap()];
            assert!(!heading.contains("class=\"entity\""), "{heading}");
        }
    }
}

#[test]
fn entities_json_counts_mentions_per_article() {
    let site = Site::sample();
    site.build(&[]);
    let json: serde_json::Value = serde_json::from_str(&site.read("public/entities.json")).unwrap();
    let entities = json["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 13);
    let sharaa = entities.iter().find(|e| e["id"] == "al-sharaa").unwrap();
    assert_eq!(sharaa["kind"], "person");
    assert_eq!(sharaa["names"]["ar"][0], "أحمد الشرع");
    let call_ar = sharaa["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"] == "https://example.github.io/brief/ar/briefings/putin-sharaa-call/")
        .unwrap();
    // أحمد الشرع, لأحمد الشرع, الشرع (×2): four in the seed text; الشرعية is not one.
    assert_eq!(call_ar["mentions"], 4, "{call_ar}");
    assert_eq!(call_ar["front_matter"], true);
    assert_eq!(call_ar["lang"], "ar");
    // The fall-of-Assad body has الشرع once and الشرعية ("legitimacy") once.
    let fall_ar = sharaa["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["url"] == "https://example.github.io/brief/ar/briefings/fall-of-assad/")
        .unwrap();
    assert!(
        site.read("content/briefings/fall-of-assad/index.ar.md")
            .contains("الشرعية")
    );
    assert_eq!(fall_ar["mentions"], 1, "{fall_ar}");
}

/// The letters of an entity index page's letter index, in page order, and the
/// names under each letter's heading.
fn letter_groups(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<h2 id=\"letter-")
        .skip(1)
        .map(|section| {
            let letter = section
                .split_once('>')
                .and_then(|(_, rest)| rest.split_once("</h2>"))
                .map(|(l, _)| l.to_string())
                .unwrap_or_default();
            let names = section
                .split("class=\"entity-name\" href=\"")
                .skip(1)
                .filter_map(|card| card.split_once('>')?.1.split_once("</a>"))
                .map(|(name, _)| name.replace("<bdi>", "").replace("</bdi>", ""))
                .collect();
            (letter, names)
        })
        .collect()
}

#[test]
fn entity_index_files_arabic_names_by_letter_in_arabic_order() {
    let site = Site::fixture("desk-years");
    site.build(&[]);
    let ar = site.read("public/ar/entities/index.html");
    let groups = letter_groups(&ar);
    // Dictionary order; the hamza forms of alef are one letter; a name is filed
    // after its article (القاهرة under ق, الأمم المتحدة under ا).
    assert_eq!(
        groups,
        [
            ("ا", vec!["أحمد الشرع", "الأمم المتحدة"]),
            ("ب", vec!["بشار الأسد"]),
            ("ث", vec!["ثامر السبهان"]),
            ("ح", vec!["حلب"]),
            ("ق", vec!["القاهرة"]),
            ("م", vec!["محمد جواد ظريف"]),
            ("ي", vec!["ياسين الحاج صالح"]),
        ]
        .map(|(l, n)| (
            l.to_string(),
            n.iter().map(|s| s.to_string()).collect::<Vec<_>>()
        )),
        "{ar}"
    );
    // The letter index jumps to each group, in the same order.
    let nav =
        &ar[ar.find("class=\"letter-index\"").unwrap()..ar.find("</nav>\n\n\n<section").unwrap()];
    let jumps: Vec<&str> = nav
        .split("<a href=\"#letter-")
        .skip(1)
        .filter_map(|a| a.split_once('>')?.1.split_once("</a>").map(|(l, _)| l))
        .collect();
    assert_eq!(jumps, ["ا", "ب", "ث", "ح", "ق", "م", "ي"], "{nav}");
    // Each card: its kind, its briefing count and its description.
    assert!(
        ar.contains("<span class=\"meta\">أشخاص · إحاطة واحدة</span>"),
        "{ar}"
    );
    assert!(ar.contains("<p>كاتب سوري.</p>"), "{ar}");
    let en = site.read("public/en/entities/index.html");
    let groups = letter_groups(&en);
    let letters: Vec<&str> = groups.iter().map(|(l, _)| l.as_str()).collect();
    // "The United Nations" is filed under U; names keep their article.
    assert_eq!(letters, ["A", "B", "C", "M", "T", "U", "Y"], "{en}");
    assert_eq!(groups[0].1, ["Ahmed al-Sharaa", "Aleppo"]);
    assert_eq!(groups[5].1, ["The United Nations"]);
}

#[test]
fn sample_entity_index_is_in_letter_order() {
    let site = Site::sample();
    site.build(&[]);
    let ar = site.read("public/ar/entities/index.html");
    let names: Vec<String> = letter_groups(&ar)
        .into_iter()
        .flat_map(|(_, n)| n)
        .collect();
    let order: Vec<usize> = [
        "أحمد الشرع",
        "بشار الأسد",
        "فلاديمير بوتين",
        "ميخائيل بوغدانوف",
    ]
    .iter()
    .map(|n| names.iter().position(|m| m == n).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    let en = site.read("public/en/entities/index.html");
    let names: Vec<String> = letter_groups(&en)
        .into_iter()
        .flat_map(|(_, n)| n)
        .collect();
    let order: Vec<usize> = ["Damascus", "Middle East", "Moscow", "Russia", "Syria"]
        .iter()
        .map(|n| names.iter().position(|m| m == n).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    // Each entity's card carries its briefing count and description.
    assert!(
        en.contains("class=\"entity-description\"><p>Capital of Syria"),
        "{en}"
    );
    assert!(
        en.contains("<span class=\"meta\">People · 3 briefings</span>"),
        "{en}"
    );
}

#[test]
fn entity_page_shows_names_briefings_timeline_and_company() {
    let site = Site::sample();
    site.build(&[]);
    let html = site.read("public/en/entities/bogdanov/index.html");
    assert!(html.contains("<h1>Mikhail Bogdanov</h1>"));
    // The names as aligned pairs: the main names on one row, the short ones on the
    // next, each cell in its own language and direction.
    assert!(
        html.contains("<tr><td lang=\"ar\" dir=\"rtl\">ميخائيل بوغدانوف</td><td lang=\"en\" dir=\"ltr\">Mikhail Bogdanov</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<tr><td lang=\"ar\" dir=\"rtl\">بوغدانوف</td><td lang=\"en\" dir=\"ltr\">Bogdanov</td></tr>"),
        "{html}"
    );
    assert!(
        html.contains("<th scope=\"col\" lang=\"ar\" dir=\"rtl\">العربية</th>"),
        "{html}"
    );
    // Briefings newest first, each with its count.
    let call = html.find("Putin holds first phone call").unwrap();
    let visit = html.find("Putin sends envoy Bogdanov to Damascus").unwrap();
    assert!(
        call < visit,
        "the 12 February briefing comes before the 31 January one"
    );
    assert!(html.contains("class=\"mentions\""), "{html}");
    // Its timeline: the January 2025 visit, at month precision.
    assert!(
        html.contains("<time datetime=\"2025-01\" class=\"visually-hidden\">January 2025</time>"),
        "{html}"
    );
    assert!(html.contains("id=\"related\""), "co-mentioned entities");
    assert!(html.contains("href=\"/brief/en/entities/putin/\""));
}

#[test]
fn link_modes_all_and_none() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let first = site.read("public/ar/briefings/call/index.html");
    assert_eq!(
        first
            .matches("<a class=\"entity\" href=\"/ar/entities/putin/\">")
            .count(),
        1,
        "first"
    );
    let config = site.read("brief.yaml");
    site.write("brief.yaml", &format!("{config}entity_links: all\n"));
    site.build(&[]);
    let all = site.read("public/ar/briefings/call/index.html");
    // فلاديمير بوتين, بوتين in the body (Vladimir Putin in Latin too); never in the heading.
    assert_eq!(
        all.matches("<a class=\"entity\" href=\"/ar/entities/putin/\">")
            .count(),
        3,
        "all"
    );
    site.write("brief.yaml", &format!("{config}entity_links: none\n"));
    site.build(&[]);
    let none = site.read("public/ar/briefings/call/index.html");
    assert_eq!(none.matches("class=\"entity\"").count(), 0, "none");
}

#[test]
fn unknown_kind_and_shared_alias_fail_the_build() {
    let site = Site::fixture("basic");
    site.write("content/entities.yaml", "putin:\n  kind: persn\n  names: {ar: [بوتين], en: [Putin]}\nkremlin:\n  kind: organization\n  names: {ar: [بوتين], en: [Kremlin]}\n");
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    assert!(
        err.contains("`putin` has unknown kind `persn`") && err.contains("did you mean `person`?"),
        "{err}"
    );
    assert!(
        err.contains("the alias `بوتين` belongs to both `kremlin` (line 6) and `putin`"),
        "{err}"
    );
    assert!(err.contains("content/entities.yaml:"), "{err}");
}

#[test]
fn a_duplicate_id_is_one_clear_error() {
    let site = Site::fixture("basic");
    site.write(
        "content/entities.yaml",
        "putin:\n  kind: person\n  names: {ar: [بوتين], en: [Putin]}\nputin:\n  kind: person\n  names: {ar: [فلاديمير], en: [Vladimir]}\n",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = crate::support::stderr(&out);
    assert!(err.contains("error: `putin` is written twice"), "{err}");
    assert!(err.contains("content/entities.yaml:4:1"), "{err}");
    assert!(
        !err.contains("unknown entity"),
        "no cascade of unknown ids: {err}"
    );
    assert!(err.contains("failed with 1 error"), "{err}");
}
