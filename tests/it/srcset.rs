//! Responsive pictures in a real build: a bundle picture shown by Markdown, and every
//! feature image, get `width`/`height` and a `srcset` of smaller copies published next
//! to the original (never wider than it), made once and then taken from the cache;
//! raw HTML `<img>` is left as written; a bundle file in the way of a copy is an
//! error naming both.

use crate::support::{Site, stderr};

/// The attributes of the `<img>` tags of `html` whose `src` ends with `name`.
fn img_tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    html.match_indices("<img ")
        .filter_map(|(at, _)| {
            let tag = &html[at..at + html[at..].find('>')?];
            let src = tag.split(" src=\"").nth(1)?.split('"').next()?;
            src.ends_with(name).then_some(tag)
        })
        .collect()
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!(" {name}=\"")).nth(1)?.split('"').next()
}

fn decoded_size(path: &std::path::Path) -> (u32, u32) {
    image::image_dimensions(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_bundle_picture_in_markdown_gets_its_size_and_smaller_copies() {
    let site = Site::sample();
    site.build(&["--base-url", "https://example.org/desk/"]);
    // The Arabic edition shows the map with Markdown.
    let html = site.read("public/ar/briefings/putin-sharaa-call/index.html");
    let tags = img_tags(&html, "/map.png");
    assert_eq!(tags.len(), 1, "{html}");
    let tag = tags[0];
    assert_eq!(attribute(tag, "width"), Some("1600"));
    assert_eq!(attribute(tag, "height"), Some("1000"));
    assert_eq!(
        attribute(tag, "srcset"),
        Some(
            "/desk/briefings/putin-sharaa-call/map-480w.png 480w, \
             /desk/briefings/putin-sharaa-call/map-960w.png 960w, \
             /desk/briefings/putin-sharaa-call/map.png 1600w"
        )
    );
    assert_eq!(
        attribute(tag, "sizes"),
        Some("(min-width: 42rem) 42rem, 100vw")
    );
    assert!(attribute(tag, "alt").is_some_and(|a| a.starts_with("خريطة تخطيطية")));
    // Every candidate is published, as wide as it says; the original is kept as it was.
    let public = site.path().join("public");
    for candidate in attribute(tag, "srcset").unwrap().split(", ") {
        let (url, width) = candidate.split_once(' ').unwrap();
        let file = public.join(url.strip_prefix("/desk/").unwrap());
        let width: u32 = width.trim_end_matches('w').parse().unwrap();
        assert_eq!(decoded_size(&file).0, width, "{url}");
    }
    assert_eq!(
        std::fs::read(public.join("briefings/putin-sharaa-call/map.png")).unwrap(),
        std::fs::read(
            site.path()
                .join("content/briefings/putin-sharaa-call/map.png")
        )
        .unwrap()
    );
    // No copy as wide as the original or wider.
    assert!(
        !public
            .join("briefings/putin-sharaa-call/map-1600w.png")
            .exists()
    );

    // The English edition shows it with raw HTML, which is left as written.
    let html = site.read("public/en/briefings/putin-sharaa-call/index.html");
    let tag = img_tags(&html, "/map.png")[0];
    assert_eq!(attribute(tag, "srcset"), None, "{tag}");

    // A feature image: on the briefing (not lazy: it is the top of the page) and on
    // the listing's card.
    for page in [
        "public/ar/briefings/bogdanov-damascus-visit/index.html",
        "public/en/index.html",
    ] {
        let html = site.read(page);
        let tag = img_tags(&html, "/dusk.jpg")[0];
        assert_eq!(
            (attribute(tag, "width"), attribute(tag, "height")),
            (Some("1920"), Some("1080")),
            "{page}"
        );
        assert!(
            attribute(tag, "srcset").is_some_and(|s| s
                .starts_with("/desk/briefings/bogdanov-damascus-visit/dusk-480w.jpg 480w, ")
                && s.ends_with("/dusk.jpg 1920w")),
            "{page}: {tag}"
        );
    }
    assert_eq!(
        decoded_size(&public.join("briefings/bogdanov-damascus-visit/dusk-960w.jpg")),
        (960, 540)
    );
}

#[test]
fn a_second_build_encodes_nothing() {
    let site = Site::sample();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let build_once = |name: &str| site.build_pictures(name);
    assert_eq!(build_once("first").encoded, 5);
    let cached: Vec<_> = site
        .files(".brief-cache/images")
        .into_iter()
        .map(|f| {
            let path = root.join(".brief-cache/images").join(f);
            (
                path.clone(),
                std::fs::metadata(path).unwrap().modified().unwrap(),
            )
        })
        .collect();
    assert_eq!(cached.len(), 5);
    let second = build_once("second");
    assert_eq!((second.encoded, second.written), (0, 9));
    for (path, stamp) in cached {
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), stamp);
    }
    for file in site.files("first") {
        assert!(
            std::fs::read(root.join("first").join(&file)).unwrap()
                == std::fs::read(root.join("second").join(&file)).unwrap(),
            "{} differs",
            file.display()
        );
    }
}

#[test]
fn a_bundle_file_where_a_copy_goes_is_a_collision() {
    let site = Site::sample();
    std::fs::copy(
        site.path()
            .join("content/briefings/putin-sharaa-call/map.png"),
        site.path()
            .join("content/briefings/putin-sharaa-call/map-480w.png"),
    )
    .unwrap();
    let out = site.brief(&["build"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("two sources write `briefings/putin-sharaa-call/map-480w.png`"),
        "{err}"
    );
    assert!(
        err.contains("the 480 px copy brief makes of content/briefings/putin-sharaa-call/map.png"),
        "{err}"
    );
}

#[test]
fn a_picture_brief_cannot_read_is_published_as_it_is_with_a_warning() {
    let site = Site::sample();
    site.write(
        "content/briefings/fall-of-assad/chart.png",
        "<svg xmlns='http://www.w3.org/2000/svg'/>",
    );
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(
        err.contains("content/briefings/fall-of-assad/chart.png"),
        "{err}"
    );
    assert!(
        err.contains("published as it is, without smaller copies"),
        "{err}"
    );
    assert!(
        site.path()
            .join("public/briefings/fall-of-assad/chart.png")
            .is_file()
    );
}
