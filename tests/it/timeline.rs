//! Timelines end to end: events from front matter in order, deduplicated, per language
//! and per entity, and as JSON.

use crate::support::Site;

#[test]
fn sample_timeline_is_in_order_in_both_languages() {
    let site = Site::sample();
    site.build(&[]);
    let en = site.read("public/en/timeline/index.html");
    let fall = en.find("datetime=\"2024-12\"").unwrap();
    let visit = en
        .find("<time datetime=\"2025-01\">January 2025</time>")
        .unwrap();
    let call = en.find("<time datetime=\"2025-02-12\">").unwrap();
    assert!(fall < visit && visit < call, "chronological order");
    assert!(en.contains("<ol class=\"tl-list\">"));
    assert!(en.contains("<h2 id=\"y-2025\">2025</h2>"));
    let ar = site.read("public/ar/timeline/index.html");
    assert!(
        ar.contains("<time datetime=\"2025-01\">كانون الثاني/يناير 2025</time>"),
        "{ar}"
    );
    // The Bogdanov visit is reported by two briefings and listed once.
    assert_eq!(ar.matches("tl-event tl-month").count(), 2, "{ar}");
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
