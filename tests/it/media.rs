//! The picture engine on the sample site's own pictures: resized copies and their
//! cache, and social cards through the cache.

use std::path::{Path, PathBuf};

use brief::media::{Cache, CardPainter, CardText, Direction, LateProgress, Palette, is_resizable};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/briefings")
        .join(name)
}

fn decoded_size(path: &Path) -> (u32, u32) {
    image::ImageReader::open(path)
        .unwrap()
        .with_guessed_format()
        .unwrap()
        .into_dimensions()
        .unwrap()
}

#[test]
fn a_photo_gets_three_narrower_copies_encoded_once() {
    let site = tempfile::tempdir().unwrap();
    let cache = Cache::for_site(site.path());
    let photo = sample("bogdanov-damascus-visit/dusk.jpg");
    let first = cache.resize(&photo).unwrap();
    assert_eq!((first.width, first.height), (1920, 1080));
    let sizes: Vec<(u32, u32, &str)> = first
        .variants
        .iter()
        .map(|v| (v.width, v.height, v.extension))
        .collect();
    assert_eq!(
        sizes,
        [(480, 270, "jpg"), (960, 540, "jpg"), (1600, 900, "jpg")]
    );
    assert_eq!(first.encoded, 3);
    for v in &first.variants {
        assert!(
            v.path.starts_with(site.path().join(".brief-cache/images")),
            "{}",
            v.path.display()
        );
        assert_eq!(
            decoded_size(&v.path),
            (v.width, v.height),
            "{}",
            v.path.display()
        );
    }
    assert_eq!(first.variants[0].file_name(&photo), "dusk-480w.jpg");
    let stamps: Vec<_> = first
        .variants
        .iter()
        .map(|v| std::fs::metadata(&v.path).unwrap().modified().unwrap())
        .collect();

    // A second build: nothing encoded, the same files untouched.
    let second = cache.resize(&photo).unwrap();
    assert_eq!(second.encoded, 0);
    assert_eq!(second.variants, first.variants);
    let again: Vec<_> = second
        .variants
        .iter()
        .map(|v| std::fs::metadata(&v.path).unwrap().modified().unwrap())
        .collect();
    assert_eq!(again, stamps);
}

#[test]
fn a_png_map_stays_png_and_is_never_upscaled() {
    let site = tempfile::tempdir().unwrap();
    let cache = Cache::for_site(site.path());
    let map = sample("putin-sharaa-call/map.png");
    let resized = cache.resize(&map).unwrap();
    assert_eq!((resized.width, resized.height), (1600, 1000));
    // 1600 is not narrower than the original: the original is the widest candidate.
    let sizes: Vec<(u32, u32, &str)> = resized
        .variants
        .iter()
        .map(|v| (v.width, v.height, v.extension))
        .collect();
    assert_eq!(sizes, [(480, 300, "png"), (960, 600, "png")]);
    assert!(is_resizable(&map));
}

#[test]
fn a_file_that_is_not_an_image_is_an_error_naming_it() {
    let site = tempfile::tempdir().unwrap();
    let fake = site.path().join("map.png");
    std::fs::write(&fake, "<svg xmlns='http://www.w3.org/2000/svg'/>").unwrap();
    let err = Cache::for_site(site.path())
        .resize(&fake)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with(&fake.display().to_string()), "{err}");
    assert!(err.contains("use a JPEG, PNG or WebP file"), "{err}");
    let missing = Cache::for_site(site.path())
        .resize(&site.path().join("gone.jpg"))
        .unwrap_err()
        .to_string();
    assert!(missing.contains("gone.jpg"), "{missing}");
}

#[test]
fn batches_report_progress_and_keep_their_order() {
    let site = tempfile::tempdir().unwrap();
    let cache = Cache::for_site(site.path());
    let paths = [
        sample("putin-sharaa-call/map.png"),
        sample("bogdanov-damascus-visit/dusk.jpg"),
    ];
    let seen = std::sync::Mutex::new(Vec::new());
    let progress = LateProgress::after(std::time::Duration::ZERO, |done, total| {
        seen.lock().unwrap().push((done, total))
    });
    let results = cache.resize_all(&paths, &progress);
    assert_eq!(
        results
            .iter()
            .map(|r| r.as_ref().unwrap().width)
            .collect::<Vec<_>>(),
        [1600, 1920]
    );
    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.first().map(|s| s.1), Some(2));
    assert_eq!(seen.last(), Some(&(2, 2)));
}

#[test]
fn cards_of_both_editions_are_cached_apart() {
    let site = tempfile::tempdir().unwrap();
    let cache = Cache::for_site(site.path());
    let mut painter = CardPainter::new();
    let ar = CardText {
        site_name: "موجز سوريا وروسيا",
        title: "بوتين يجري أول اتصال هاتفي مع الشرع",
        date: "12 شباط/فبراير 2025",
        dir: Direction::Rtl,
        lang: "ar",
    };
    let en = CardText {
        site_name: "Syria–Russia Brief",
        title: "Putin holds first phone call with al-Sharaa",
        date: "12 February 2025",
        dir: Direction::Ltr,
        lang: "en",
    };
    let a = cache.card(&mut painter, &ar, &Palette::default()).unwrap();
    let e = cache.card(&mut painter, &en, &Palette::default()).unwrap();
    assert!(a.made && e.made);
    let (a_path, e_path) = (
        cache.card_path(&ar, &Palette::default()),
        cache.card_path(&en, &Palette::default()),
    );
    assert_ne!(a_path, e_path);
    assert_ne!(a.png, e.png);
    assert_eq!(std::fs::read(&a_path).unwrap(), a.png);
    assert_eq!(std::fs::read(&e_path).unwrap(), e.png);
    assert!(
        !cache
            .card(&mut painter, &ar, &Palette::default())
            .unwrap()
            .made
    );
}
