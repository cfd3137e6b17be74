//! Social cards in a real build of the sample site: drawn for every briefing without a
//! picture of its own in both languages and shared as its `og:image`, `twitter:image`
//! and JSON-LD `image`; the same bytes build after build; off with `social_cards:
//! false`; drawn once and then taken from the cache, and drawn again when the title
//! changes.

use std::path::Path;

use serde_json::Value;

use crate::support::{Site, stderr};

const BASE: &str = "https://example.org/desk/";

/// The content of `<meta property|name="key" content="…">` in `html`.
fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    ["property", "name"].iter().find_map(|attr| {
        let needle = format!("<meta {attr}=\"{key}\" content=\"");
        let rest = &html[html.find(&needle)? + needle.len()..];
        rest.split('"').next()
    })
}

fn json_ld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("no JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

/// The sample briefings with no `image:` of their own.
const WITHOUT_IMAGE: [&str; 2] = ["putin-sharaa-call", "fall-of-assad"];

#[test]
fn a_briefing_without_a_picture_is_shared_with_its_card_in_both_languages() {
    let site = Site::sample();
    site.build(&["--base-url", BASE]);
    for slug in WITHOUT_IMAGE {
        for (lang, title_line) in [("ar", "title: \""), ("en", "title: \"")] {
            let page = format!("public/{lang}/briefings/{slug}/index.html");
            let html = site.read(&page);
            let card = format!("{BASE}{lang}/briefings/{slug}/card.png");
            assert_eq!(meta(&html, "og:image"), Some(card.as_str()), "{page}");
            assert_eq!(meta(&html, "twitter:image"), Some(card.as_str()), "{page}");
            assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
            assert_eq!(meta(&html, "og:image:width"), Some("1200"), "{page}");
            assert_eq!(meta(&html, "og:image:height"), Some("630"), "{page}");
            // The card says the title: its alt text is the title, in the page's language.
            let source = site.read(&format!("content/briefings/{slug}/index.{lang}.md"));
            let title = source
                .lines()
                .find_map(|l| l.strip_prefix(title_line))
                .and_then(|l| l.strip_suffix('"'))
                .unwrap();
            let alt =
                meta(&html, "og:image:alt").map(|a| a.replace("&#39;", "'").replace("&#x27;", "'"));
            assert_eq!(alt.as_deref(), Some(title), "{page}");
            let ld = json_ld(&html);
            assert_eq!(ld["image"]["url"], card.as_str(), "{page}");
            assert_eq!(
                (&ld["image"]["width"], &ld["image"]["height"]),
                (&1200.into(), &630.into())
            );

            let bytes = std::fs::read(
                site.path()
                    .join(format!("public/{lang}/briefings/{slug}/card.png")),
            )
            .unwrap();
            assert_eq!(png_size(&bytes), (1200, 630), "{page}");
        }
    }
    // A briefing with its own picture has no card, and shares its picture.
    let html = site.read("public/ar/briefings/bogdanov-damascus-visit/index.html");
    assert_eq!(
        meta(&html, "og:image"),
        Some(format!("{BASE}briefings/bogdanov-damascus-visit/dusk.jpg").as_str())
    );
    assert!(
        !site
            .path()
            .join("public/ar/briefings/bogdanov-damascus-visit/card.png")
            .exists()
    );
    // The Arabic and English cards of one briefing differ (title, direction, date).
    let ar = std::fs::read(
        site.path()
            .join("public/ar/briefings/fall-of-assad/card.png"),
    )
    .unwrap();
    let en = std::fs::read(
        site.path()
            .join("public/en/briefings/fall-of-assad/card.png"),
    )
    .unwrap();
    assert_ne!(ar, en);
}

#[test]
fn two_builds_with_no_cache_draw_the_same_bytes() {
    let site = Site::sample();
    site.build(&[]);
    let cards = |site: &Site| -> Vec<Vec<u8>> {
        let mut all = Vec::new();
        for lang in ["ar", "en"] {
            for slug in WITHOUT_IMAGE {
                let path = format!("public/{lang}/briefings/{slug}/card.png");
                all.push(std::fs::read(site.path().join(path)).unwrap());
            }
        }
        all
    };
    let first = cards(&site);
    std::fs::remove_dir_all(site.path().join(".brief-cache")).unwrap();
    site.build(&[]);
    assert!(site.path().join(".brief-cache/cards").is_dir());
    assert!(
        first == cards(&site),
        "a card's bytes changed between builds"
    );
    // The cards of different briefings differ.
    assert_ne!(first[0], first[1]);
}

#[test]
fn social_cards_false_shares_the_sites_image_or_nothing() {
    let site = Site::sample();
    let config = site.read("brief.yaml");
    site.write("brief.yaml", &format!("{config}social_cards: false\n"));
    site.build(&["--base-url", BASE]);
    assert!(
        site.files("public")
            .iter()
            .all(|f| f.file_name().unwrap() != "card.png"),
        "a card was written"
    );
    // The site's `image` stands in, as it does for pages that are not briefings.
    let html = site.read("public/en/briefings/fall-of-assad/index.html");
    let map = format!("{BASE}briefings/putin-sharaa-call/map.png");
    assert_eq!(meta(&html, "og:image"), Some(map.as_str()));
    assert_eq!(json_ld(&html)["image"]["url"], map.as_str());

    // With no site image either, nothing is claimed: a small summary card.
    let without: String = site
        .read("brief.yaml")
        .lines()
        .filter(|l| !l.starts_with("image:"))
        .map(|l| format!("{l}\n"))
        .collect();
    site.write("brief.yaml", &without);
    site.build(&["--base-url", BASE]);
    let html = site.read("public/en/briefings/fall-of-assad/index.html");
    assert_eq!(meta(&html, "og:image"), None);
    assert_eq!(meta(&html, "twitter:card"), Some("summary"));
    assert!(json_ld(&html).get("image").is_none());
}

#[test]
fn cards_come_from_the_cache_until_a_title_changes() {
    use brief::{LoadOptions, Site as Loaded, build};
    let site = Site::sample();
    let root = std::fs::canonicalize(site.path()).unwrap();
    let build_once = |name: &str| site.build_pictures(name);
    let first = build_once("one");
    // Four cards (two briefings × two languages), and the copies of dusk.jpg (3) and
    // map.png (2).
    assert_eq!((first.drawn, first.encoded, first.written), (4, 5, 9));
    let second = build_once("two");
    assert_eq!((second.drawn, second.encoded, second.written), (0, 0, 9));

    let file = root.join("content/briefings/fall-of-assad/index.en.md");
    let text = std::fs::read_to_string(&file).unwrap();
    // As `brief serve` rebuilds after a front-matter edit: a reload of the last site,
    // then a full build. Only the edited card is drawn again.
    let previous = Loaded::load(&root, &LoadOptions::default()).unwrap();
    std::fs::write(&file, text.replacen("title: \"", "title: \"Update: ", 1)).unwrap();
    let reloaded = Loaded::reload(&root, &LoadOptions::default(), Some(previous)).unwrap();
    let (summary, _) = build::build_keeping(
        &reloaded,
        &root.join("three"),
        std::time::Instant::now(),
        &(),
    )
    .unwrap();
    let third = summary.pictures;
    assert_eq!((third.drawn, third.encoded), (1, 0));
    assert_ne!(
        std::fs::read(root.join("two/en/briefings/fall-of-assad/card.png")).unwrap(),
        std::fs::read(root.join("three/en/briefings/fall-of-assad/card.png")).unwrap(),
        "the card did not follow the new title"
    );
}

#[test]
fn letters_the_card_fonts_lack_are_a_warning() {
    let site = Site::sample();
    let file = "content/briefings/fall-of-assad/index.en.md";
    let text = site.read(file);
    site.write(file, &text.replacen("title: \"", "title: \"習近平 and ", 1));
    let out = site.build(&[]);
    let err = stderr(&out);
    assert!(err.contains("fall-of-assad/index.en.md"), "{err}");
    assert!(
        err.contains("the social card of this briefing cannot show `習`, `近`, `平`"),
        "{err}"
    );
    assert!(
        Path::new(
            &site
                .path()
                .join("public/en/briefings/fall-of-assad/card.png")
        )
        .is_file()
    );
}

#[test]
fn the_cards_take_the_colours_of_the_sites_stylesheet() {
    let site = Site::sample();
    site.build(&[]);
    let default = std::fs::read(
        site.path()
            .join("public/en/briefings/fall-of-assad/card.png"),
    )
    .unwrap();
    let css = include_str!("../../themes/default/static/style.css");
    site.write(
        "static/assets/style.css",
        &css.replacen("--paper: #fdfdfc;", "--paper: #f4ecd8;", 1),
    );
    site.build(&[]);
    let sepia = std::fs::read(
        site.path()
            .join("public/en/briefings/fall-of-assad/card.png"),
    )
    .unwrap();
    assert_ne!(default, sepia);
    let pixel = image::load_from_memory(&sepia).unwrap().to_rgb8();
    assert_eq!(pixel.get_pixel(600, 610).0, [0xf4, 0xec, 0xd8]);
}

/// Cards and smaller copies come from `.brief-cache/`. In the output they are
/// readable by whoever may read the pages (a web server's own user, after `rsync -a`):
/// drawn afresh, hard-linked from the cache (on the output's file system), or written
/// from an entry an older brief stored private (0600), which is then stored again so
/// that the next build links it. The bytes are the same every way.
#[cfg(unix)]
#[test]
fn cards_and_smaller_copies_are_as_readable_as_the_pages() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let site = Site::sample();
    let meta =
        |path: &Path| std::fs::metadata(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mode = |path: &Path| meta(path).permissions().mode() & 0o777;
    let pictures = [
        "public/en/briefings/fall-of-assad/card.png",
        "public/ar/briefings/fall-of-assad/card.png",
        "public/briefings/putin-sharaa-call/map-480w.png",
        "public/briefings/bogdanov-damascus-visit/dusk-960w.jpg",
    ]
    .map(|file| site.path().join(file));
    let cached = || {
        let mut files = Vec::new();
        for dir in [".brief-cache/cards", ".brief-cache/images"] {
            let root = site.path().join(dir);
            files.extend(site.files(dir).into_iter().map(|f| root.join(f)));
        }
        files
    };
    let bytes = || pictures.each_ref().map(|p| std::fs::read(p).unwrap());
    // Whether `file` in the output is one of the cache's files.
    let linked = |file: &Path| {
        let inode = meta(file).ino();
        cached().iter().any(|c| meta(c).ino() == inode)
    };

    let mut first = None;
    for build in [
        "drawn",
        "linked from the cache",
        "from private entries",
        "linked again",
    ] {
        if build == "from private entries" {
            for file in cached() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
            }
        }
        site.build(&[]);
        // The pages' mode is what the umask allows (0644 under the usual 022); the
        // pictures must be the same, not the private 0600.
        let page = mode(
            &site
                .path()
                .join("public/en/briefings/fall-of-assad/index.html"),
        );
        for file in &pictures {
            assert_eq!(
                mode(file),
                page,
                "{} ({build}): {:o}",
                file.display(),
                mode(file)
            );
            // A smaller copy is made in the cache, then linked, in the first build too.
            let expected = matches!(build, "linked from the cache" | "linked again")
                || (build == "drawn" && !file.ends_with("card.png"));
            assert_eq!(linked(file), expected, "{} ({build})", file.display());
        }
        let made = bytes();
        assert_eq!(made, *first.get_or_insert_with(|| made.clone()), "{build}");
    }
}

/// With the output on another file system than `.brief-cache/` (here tmpfs, when
/// `/dev/shm` is one), nothing can be linked: cards, smaller copies and search files
/// are written, with the same bytes as a build beside the cache, and the cache keeps
/// no search folders, which would only be linked.
#[cfg(target_os = "linux")]
#[test]
fn an_output_on_another_file_system_is_written_with_the_same_bytes() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::sample();
    let device = |path: &Path| std::fs::metadata(path).unwrap().dev();
    let Some(other) = tempfile::tempdir_in("/dev/shm")
        .ok()
        .filter(|d| device(d.path()) != device(site.path()))
    else {
        eprintln!(
            "no /dev/shm on another file system than the temporary folder: nothing to test here"
        );
        return;
    };
    let away = other.path().join("public");
    for _ in 0..2 {
        site.build(&["--output", away.to_str().unwrap()]);
    }
    let searches = site.files(".brief-cache/search");
    assert!(
        searches
            .iter()
            .all(|f| f.extension().is_some_and(|e| e == "pagefind")),
        "{searches:?}"
    );
    let files = walkdir::WalkDir::new(&away)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&away).unwrap().to_path_buf())
        .collect::<Vec<_>>();
    assert!(files.iter().any(|f| f.ends_with("card.png")));
    for file in &files {
        let path = away.join(file);
        assert_eq!(
            std::fs::metadata(&path).unwrap().nlink(),
            1,
            "{}",
            file.display()
        );
    }
    // The same site beside its cache: linked, and byte for byte the same.
    site.build(&[]);
    site.build(&[]);
    let public = site.path().join("public");
    assert!(
        std::fs::metadata(public.join("en/briefings/fall-of-assad/card.png"))
            .unwrap()
            .nlink()
            > 1
    );
    for file in &files {
        assert!(
            std::fs::read(away.join(file)).unwrap() == std::fs::read(public.join(file)).unwrap(),
            "{} differs",
            file.display()
        );
    }
}
