//! Picture benchmark: takes the sample site's 2-megapixel photo
//! (content/briefings/bogdanov-damascus-visit/dusk.jpg, 1920×1080 JPEG) and prints
//! the median and fastest of several runs of: resizing it to 480/960/1600 px with an
//! empty cache (decode + 3 resizes + 3 JPEG encodes + writes), the same lookup with a
//! warm cache (read + hash + header), drawing one Arabic social card, and a warm card
//! lookup. One thread; a build spreads images over all cores.
//!
//! Run with `cargo bench --bench media`.

use std::path::Path;
use std::time::{Duration, Instant};

use brief::media::{Cache, CardPainter, CardText, Direction, Palette};

fn main() {
    let photo = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/briefings/bogdanov-damascus-visit/dusk.jpg");
    let card = CardText {
        site_name: "موجز سوريا وروسيا",
        title: "بوتين يجري أول اتصال هاتفي مع الشرع منذ سقوط الأسد، وبوغدانوف يزور دمشق على رأس وفد من 12 مسؤولاً",
        date: "12 شباط/فبراير 2025",
        dir: Direction::Rtl,
        lang: "ar",
    };
    let palette = Palette::default();

    let cold = runs(7, || {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let start = Instant::now();
        let resized = Cache::for_site(dir.path())
            .resize(&photo)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resized.encoded, 3);
        start.elapsed()
    });
    report("resize 2 MP JPEG, cold cache (3 copies)", &cold);

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    let cache = Cache::for_site(dir.path());
    let _ = cache.resize(&photo);
    let warm = runs(101, || {
        let start = Instant::now();
        let resized = cache.resize(&photo).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(resized.encoded, 0);
        start.elapsed()
    });
    report("resize 2 MP JPEG, warm cache", &warm);

    let mut painter = CardPainter::new();
    let draw = runs(21, || {
        let start = Instant::now();
        let _ = painter
            .draw(&card, &palette)
            .unwrap_or_else(|e| panic!("{e}"));
        start.elapsed()
    });
    report("draw one Arabic social card (3-line title)", &draw);

    let _ = cache.card(&mut painter, &card, &palette);
    let warm_card = runs(101, || {
        let start = Instant::now();
        let cached = cache
            .card(&mut painter, &card, &palette)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!cached.made);
        start.elapsed()
    });
    report("social card, warm cache", &warm_card);
}

fn runs(n: usize, mut once: impl FnMut() -> Duration) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..n).map(|_| once()).collect();
    times.sort();
    times
}

fn report(what: &str, times: &[Duration]) {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what:<45} median {:>9.3} ms   fastest {:>9.3} ms   ({} runs)",
        ms(times[times.len() / 2]),
        ms(times[0]),
        times.len()
    );
}
