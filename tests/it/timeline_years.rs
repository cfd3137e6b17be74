//! Timeline year pages end to end: the main timeline page shows the latest year and
//! links to a page for every other year, in both languages; each page counts what it
//! shows, lists its events in date order (whatever the front matter's order), and is
//! planned like any page (sitemap, hreflang, collisions).

use crate::support::{Site, stderr};

/// The text of each event on a page, in page order.
fn event_texts(html: &str) -> Vec<String> {
    html.split("<p class=\"tl-text\">")
        .skip(1)
        .filter_map(|rest| rest.split("</p>").next())
        .map(|t| t.to_string())
        .collect()
}

#[test]
fn year_pages_in_both_languages_with_counts_and_order() {
    let site = Site::fixture("desk-years");
    site.build(&[]);
    for lang in ["ar", "en"] {
        // The latest year with events (2025) is the main page; 2024 and 2023 have
        // their own, and no page repeats the main one.
        for year in ["2024", "2023"] {
            assert!(
                site.path()
                    .join(format!("public/{lang}/timeline/{year}/index.html"))
                    .is_file(),
                "{lang} {year}"
            );
        }
        assert!(
            !site
                .path()
                .join(format!("public/{lang}/timeline/2025"))
                .exists()
        );
        let main = site.read(&format!("public/{lang}/timeline/index.html"));
        for (year, url) in [
            ("2025", format!("/{lang}/timeline/\" aria-current=\"page\"")),
            ("2024", format!("/{lang}/timeline/2024/\"")),
            ("2023", format!("/{lang}/timeline/2023/\"")),
        ] {
            assert!(
                main.contains(&format!("{url}>{year}</a>")),
                "{lang} {year}: {main}"
            );
        }
        // Only 2025 is shown on the main page.
        assert!(main.contains("id=\"y-2025\""), "{main}");
        assert!(!main.contains("id=\"y-2024\"") && !main.contains("id=\"y-2023\""));
    }
    let ar = site.read("public/ar/timeline/index.html");
    // 2025: two events (15 January, 20 February), listed in date order although the
    // front matter lists February first, and one briefing (2 March).
    assert_eq!(
        event_texts(&ar),
        [
            "مؤتمر في حلب بحضور ممثلين عن الأمم المتحدة (<bdi>UN</bdi>)",
            "أحمد الشرع يزور حلب للمرة الأولى بعد التحرير",
            "<a href=\"/ar/briefings/aleppo-talks/\">محادثات حلب بين 2023 و2025</a>",
        ]
    );
    assert!(
        ar.contains("<p class=\"meta\">حدثان · إحاطة واحدة</p>"),
        "{ar}"
    );
    let en_2023 = site.read("public/en/timeline/2023/index.html");
    // 2023: the year-only event first, then May, then 9 September and the briefing
    // of 10 September; three events and one briefing, as listed.
    let texts = event_texts(&en_2023);
    assert_eq!(texts.len(), 4, "{texts:?}");
    assert_eq!(texts[0], "A year of Iranian visits to Syria");
    assert_eq!(texts[1], "Syria returns to the Arab League in Cairo");
    assert_eq!(texts[2], "Mohammad Javad Zarif meets Bashar al-Assad");
    assert!(texts[3].contains("Zarif in Damascus, 2023"), "{texts:?}");
    assert!(
        en_2023.contains("<p class=\"meta\">3 events · 1 briefing</p>"),
        "{en_2023}"
    );
    assert!(
        en_2023.contains("<title>Timeline – 2023 · Regional Desk Brief</title>"),
        "{en_2023}"
    );
    assert!(en_2023.contains("/en/timeline/2023/\" aria-current=\"page\">2023</a>"));
    // The same year in the other language is its alternate.
    assert!(
        en_2023.contains("hreflang=\"ar\" href=\"https://example.org/ar/timeline/2023/\""),
        "{en_2023}"
    );
    let en_2024 = site.read("public/en/timeline/2024/index.html");
    assert_eq!(
        event_texts(&en_2024),
        ["The regime of Bashar al-Assad falls"]
    );
    assert!(
        en_2024.contains("<p class=\"meta\">1 event</p>"),
        "{en_2024}"
    );
    let sitemap = site.read("public/sitemap.xml");
    for url in [
        "ar/timeline/2023/",
        "ar/timeline/2024/",
        "en/timeline/2023/",
        "en/timeline/2024/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{url}</loc>")),
            "{url}"
        );
    }
}

#[test]
fn a_site_with_one_year_has_no_year_index() {
    let site = Site::fixture("desk-years");
    // Only the 2025 briefing, with its 2025 events.
    std::fs::remove_dir_all(site.path().join("content/briefings/tehran-visit")).unwrap();
    for lang in ["ar", "en"] {
        let file = format!("content/briefings/aleppo-talks/index.{lang}.md");
        let text: String = site
            .read(&file)
            .lines()
            .filter(|l| !l.contains("2023-05") && !l.contains("2024-12-08"))
            .collect::<Vec<_>>()
            .join("\n");
        // Each dropped date leaves its `text:` line, now the event before's second.
        let text = text
            .replace("\n    text: \"عودة", "\n#")
            .replace("\n    text: \"سقوط", "\n#");
        let text = text
            .replace("\n    text: \"Syria returns", "\n#")
            .replace("\n    text: \"The regime", "\n#");
        site.write(&file, &text);
    }
    site.build(&[]);
    let en = site.read("public/en/timeline/index.html");
    assert!(!en.contains("class=\"tl-years\""), "{en}");
    assert!(
        en.contains("<p class=\"meta\">2 events · 1 briefing</p>"),
        "{en}"
    );
    assert!(!site.path().join("public/en/timeline/2024").exists());
}

#[test]
fn an_old_url_over_a_year_page_is_a_collision() {
    let site = Site::fixture("desk-years");
    site.write(
        "content/briefings/review/index.en.md",
        "---\ntitle: \"2024 in review\"\ndate: 2025-01-05\naliases: [/en/timeline/2024/]\n---\n\nA year of change in Syria, from Aleppo to Damascus.\n",
    );
    let out = site.brief(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("en/timeline/2024/index.html"), "{err}");
    assert!(
        err.contains("the timeline of 2024 brief generates"),
        "{err}"
    );
}
