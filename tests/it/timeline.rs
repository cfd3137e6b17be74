//! Timelines end to end: events from front matter in order, deduplicated, per language
//! and per entity, and as JSON.

use crate::support::Site;

#[test]
fn sample_timeline_is_in_order_in_both_languages() {
    let site = Site::sample();
    site.build(&[]);
    let en = site.read("public/en/timeline/index.html");
    // December 2024 is on its year page; the main page shows 2025.
    let fall_page = site.read("public/en/timeline/2024/index.html");
    assert!(fall_page.contains("datetime=\"2024-12\""), "{fall_page}");
    assert!(!en.contains("datetime=\"2024-12\""), "{en}");
    let visit = en
        .find("<time datetime=\"2025-01\" class=\"visually-hidden\">January 2025</time>")
        .unwrap();
    let call = en
        .find("<time class=\"tl-day\" datetime=\"2025-02-12\"><span aria-hidden=\"true\">12</span><span class=\"visually-hidden\">12 February 2025</span></time>")
        .unwrap();
    assert!(visit < call, "chronological order");
    assert!(en.contains("<ol class=\"tl-list\">"));
    assert!(en.contains("<h2 id=\"y-2025\">2025</h2>"));
    let ar = site.read("public/ar/timeline/index.html");
    assert!(
        ar.contains(
            "<time datetime=\"2025-01\" class=\"visually-hidden\">كانون الثاني/يناير 2025</time>"
        ),
        "{ar}"
    );
    // The month is the heading above a month-dated item, not repeated beside it; the
    // count names what is listed: 3 events and 3 briefings.
    assert!(
        ar.contains("<h3 id=\"m-2025-01\">كانون الثاني/يناير 2025</h3>"),
        "{ar}"
    );
    assert!(en.contains("2 events · 3 briefings"), "{en}");
    assert!(
        fall_page.contains("<p class=\"meta\">1 event</p>"),
        "{fall_page}"
    );
    // The Bogdanov visit is reported by two briefings and listed once.
    assert_eq!(ar.matches("tl-item tl-event tl-month").count(), 1, "{ar}");
}

#[test]
fn timeline_json_and_timelinejs_export() {
    let site = Site::sample();
    site.build(&[]);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/en/timeline.json")).unwrap();
    let events = json["events"].as_array().unwrap();
    let visit = events.iter().find(|e| e["id"] == "bogdanov-visit").unwrap();
    assert_eq!(visit["date"], "2025-01");
    assert_eq!(visit["precision"], "month");
    assert_eq!(visit["briefings"].as_array().unwrap().len(), 2);
    assert!(
        visit["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "bogdanov")
    );
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "events in order");
    let tjs: serde_json::Value =
        serde_json::from_str(&site.read("public/ar/timeline.timelinejs.json")).unwrap();
    let first = &tjs["events"][0];
    assert_eq!(first["start_date"]["year"], 2024);
    assert_eq!(first["start_date"]["month"], 12);
    assert!(first["start_date"].get("day").is_none());
    assert!(tjs["title"]["text"]["headline"].is_string());
}

#[test]
fn entity_timelines_keep_only_their_events() {
    let site = Site::sample();
    site.build(&[]);
    let assad = site.read("public/en/entities/assad/index.html");
    let timeline = &assad[assad.find("id=\"entity-timeline\"").unwrap()..];
    assert!(timeline.contains("datetime=\"2024-12\""), "{timeline}");
    let standard = site.read("public/en/entities/the-standard/index.html");
    assert!(
        !standard.contains("id=\"entity-timeline\""),
        "no event names The Standard"
    );
}

#[test]
fn invalid_event_dates_name_file_and_line() {
    let site = Site::fixture("basic");
    site.write(
        "content/briefings/call/index.en.md",
        "---\ntitle: Call\ndate: 2025-02-12\nevents:\n  - date: 2025-02-30\n    text: Thirtieth of February\n  - date: next week\n    text: Soon\n---\nText\n",
    );
    let out = site.brief(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("invalid_event_dates", crate::support::stderr(&out));
}

#[test]
fn a_briefings_own_events_are_in_date_order() {
    let site = Site::fixture("basic");
    site.write(
        "content/briefings/call/index.en.md",
        "---\ntitle: Putin and al-Sharaa\ndate: 2025-02-12\nevents:\n  - date: 2025-03\n    text: Talks on the bases in Tartus\n  - date: 2024-12-08\n    text: Assad leaves Damascus\n  - date: 2025\n    text: A year of transition\n  - date: 2025-01-28\n    text: Bogdanov visits Damascus\n---\nText\n",
    );
    site.build(&[]);
    let html = site.read("public/en/briefings/call/index.html");
    let at = |d: &str| {
        html.find(&format!("<time datetime=\"{d}\">"))
            .unwrap_or_else(|| panic!("no event dated {d}: {html}"))
    };
    let order = [
        at("2024-12-08"),
        at("2025"),
        at("2025-01-28"),
        at("2025-03"),
    ];
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
}
