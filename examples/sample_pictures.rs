//! Draws the sample site's pictures, which the project may ship because it made them:
//!
//!   cargo run --release --example sample_pictures
//!
//! writes content/briefings/putin-sharaa-call/map.png (a schematic map of Syria with
//! the Russian bases, bilingual labels, and the distance to Moscow) and
//! content/briefings/bogdanov-damascus-visit/dusk.jpg (a generated 1920×1080 "photo"
//! of a city skyline at dusk, also the 2-megapixel input of the resize figures).
//! The same program gives the same bytes.

use std::f32::consts::PI;
use std::path::Path;
use std::process::ExitCode;

use brief::media::fonts::{self, ARABIC_FAMILY, LATIN_FAMILY};
use brief::media::paint::fill_text;
use cosmic_text::{Align, Attrs, Buffer, Family, FontSystem, Metrics, Shaping, Weight};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Stroke, Transform};

/// Syria's border, simplified (longitude, latitude), clockwise from the coast at the
/// Turkish border.
const SYRIA: [(f32, f32); 27] = [
    (35.87, 35.92),
    (36.15, 35.82),
    (36.37, 36.22),
    (36.69, 36.24),
    (36.60, 36.83),
    (37.07, 36.62),
    (38.17, 36.90),
    (38.70, 36.71),
    (39.52, 36.72),
    (40.67, 37.09),
    (41.21, 37.07),
    (42.35, 37.23),
    (41.84, 36.61),
    (41.29, 36.36),
    (41.38, 35.63),
    (41.01, 34.42),
    (38.79, 33.38),
    (36.83, 32.31),
    (35.72, 32.71),
    (35.63, 32.96),
    (35.82, 33.28),
    (36.07, 33.82),
    (36.61, 34.20),
    (36.45, 34.59),
    (35.98, 34.65),
    (35.90, 35.41),
    (35.87, 35.92),
];

/// (Arabic, English, longitude, latitude, is a Russian base)
const PLACES: [(&str, &str, f32, f32, bool); 7] = [
    ("دمشق", "Damascus", 36.29, 33.51, false),
    ("حلب", "Aleppo", 37.16, 36.20, false),
    ("حمص", "Homs", 36.72, 34.73, false),
    ("دير الزور", "Deir ez-Zor", 40.14, 35.33, false),
    ("الرقة", "Raqqa", 39.01, 35.95, false),
    ("قاعدة حميميم", "Hmeimim air base", 35.95, 35.41, true),
    ("طرطوس", "Tartus naval facility", 35.89, 34.89, true),
];

const MOSCOW: (f32, f32) = (37.62, 55.76);

/// Draws one picture and returns its encoded bytes.
type Draw = fn() -> Result<Vec<u8>, String>;

fn main() -> ExitCode {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/briefings");
    let jobs: [(&str, Draw); 2] = [
        ("putin-sharaa-call/map.png", map),
        ("bogdanov-damascus-visit/dusk.jpg", dusk),
    ];
    for (name, draw) in jobs {
        let path = root.join(name);
        match draw().and_then(|bytes| std::fs::write(&path, bytes).map_err(|e| e.to_string())) {
            Ok(()) => println!("wrote {}", path.display()),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

const MAP_W: u32 = 1600;
const MAP_H: u32 = 1000;

/// Longitude/latitude → pixels: equirectangular, scaled by the cosine of the middle
/// latitude so that shapes are not stretched.
fn project((lon, lat): (f32, f32)) -> (f32, f32) {
    let scale = 150.0;
    let k = (34.8_f32 * PI / 180.0).cos();
    (
        430.0 + (lon - 35.0) * scale * k,
        90.0 + (37.6 - lat) * scale,
    )
}

fn map() -> Result<Vec<u8>, String> {
    let mut pixmap = Pixmap::new(MAP_W, MAP_H).ok_or("canvas")?;
    pixmap.fill(rgb(0xf4, 0xf1, 0xea));
    // The Mediterranean, west of a simplified coast (Hatay, Syria, Lebanon, Palestine).
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, 0.0);
    pb.line_to(project((35.95, 37.6)).0, 0.0);
    for p in [
        (35.80, 36.60),
        (35.87, 35.92),
        (35.90, 35.41),
        (35.98, 34.65),
        (35.65, 34.20),
        (35.10, 33.09),
        (34.90, 32.00),
    ] {
        let (x, y) = project(p);
        pb.line_to(x, y);
    }
    pb.line_to(0.0, MAP_H as f32);
    pb.close();
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color(rgb(0xd6, 0xe6, 0xf0));
    if let Some(sea) = pb.finish() {
        pixmap.fill_path(&sea, &paint, FillRule::Winding, Transform::identity(), None);
    }
    // Graticule every degree.
    let grid = rgb(0xdd, 0xd8, 0xcc);
    for lon in 35..=43 {
        let (x, _) = project((lon as f32, 0.0));
        fill(
            &mut pixmap,
            Rect::from_xywh(x, 0.0, 1.0, MAP_H as f32),
            grid,
        );
    }
    for lat in 32..=38 {
        let (_, y) = project((0.0, lat as f32));
        fill(
            &mut pixmap,
            Rect::from_xywh(0.0, y, MAP_W as f32, 1.0),
            grid,
        );
    }
    // Syria.
    let mut pb = PathBuilder::new();
    for (i, &p) in SYRIA.iter().enumerate() {
        let (x, y) = project(p);
        if i == 0 {
            pb.move_to(x, y)
        } else {
            pb.line_to(x, y)
        }
    }
    pb.close();
    let border = pb.finish().ok_or("border")?;
    paint.set_color(rgb(0xfd, 0xfd, 0xfc));
    pixmap.fill_path(
        &border,
        &paint,
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    paint.set_color(rgb(0x0b, 0x5c, 0x8e));
    let stroke = Stroke {
        width: 3.0,
        ..Stroke::default()
    };
    pixmap.stroke_path(&border, &paint, &stroke, Transform::identity(), None);

    let mut fonts = fonts::font_system();
    for (ar, en, lon, lat, base) in PLACES {
        let (x, y) = project((lon, lat));
        let colour = if base {
            rgb(0xb3, 0x26, 0x1e)
        } else {
            rgb(0x1d, 0x1d, 0x1f)
        };
        if base {
            fill(
                &mut pixmap,
                Rect::from_xywh(x - 9.0, y - 9.0, 18.0, 18.0),
                colour,
            );
        } else {
            dot(&mut pixmap, x, y, 9.0, colour);
        }
        // Labels sit east of the mark; the coastal bases' sit west of it, in the sea.
        let (lx, align) = if base {
            (x - 18.0 - LABEL_W, Align::Right)
        } else {
            (x + 18.0, Align::Left)
        };
        label(
            &mut pixmap,
            &mut fonts,
            ar,
            ARABIC_FAMILY,
            28.0,
            (lx, y - 40.0),
            align,
            colour,
        );
        label(
            &mut pixmap,
            &mut fonts,
            en,
            LATIN_FAMILY,
            22.0,
            (lx, y + 2.0),
            align,
            colour,
        );
    }
    // Moscow, off the map to the north.
    let km = distance_km((36.29, 33.51), MOSCOW);
    let (x, _) = project(MOSCOW);
    let arrow = {
        let mut pb = PathBuilder::new();
        pb.move_to(x, 24.0);
        pb.line_to(x - 16.0, 52.0);
        pb.line_to(x + 16.0, 52.0);
        pb.close();
        pb.finish().ok_or("arrow")?
    };
    paint.set_color(rgb(0xb3, 0x26, 0x1e));
    pixmap.fill_path(
        &arrow,
        &paint,
        FillRule::Winding,
        Transform::identity(),
        None,
    );
    let ar = format!("موسكو: {} كم عن دمشق", thousands(km));
    let en = format!("Moscow: {} km from Damascus", thousands(km));
    let red = rgb(0xb3, 0x26, 0x1e);
    label(
        &mut pixmap,
        &mut fonts,
        &ar,
        ARABIC_FAMILY,
        28.0,
        (x + 28.0, 6.0),
        Align::Left,
        red,
    );
    label(
        &mut pixmap,
        &mut fonts,
        &en,
        LATIN_FAMILY,
        22.0,
        (x + 28.0, 48.0),
        Align::Left,
        red,
    );
    // Key, bottom right.
    let (kx, ky) = (1130.0, 800.0);
    fill(
        &mut pixmap,
        Rect::from_xywh(kx - 20.0, ky - 20.0, 470.0, 200.0),
        rgb(0xfd, 0xfd, 0xfc),
    );
    fill(
        &mut pixmap,
        Rect::from_xywh(kx, ky + 12.0, 18.0, 18.0),
        rgb(0xb3, 0x26, 0x1e),
    );
    let ink = rgb(0x1d, 0x1d, 0x1f);
    label(
        &mut pixmap,
        &mut fonts,
        "قاعدة روسية · Russian base",
        ARABIC_FAMILY,
        26.0,
        (kx + 32.0, ky),
        Align::Left,
        ink,
    );
    dot(&mut pixmap, kx + 9.0, ky + 76.0, 9.0, rgb(0x1d, 0x1d, 0x1f));
    label(
        &mut pixmap,
        &mut fonts,
        "مدينة · City",
        ARABIC_FAMILY,
        26.0,
        (kx + 32.0, ky + 56.0),
        Align::Left,
        ink,
    );
    let note = "Schematic; borders simplified.";
    label(
        &mut pixmap,
        &mut fonts,
        note,
        LATIN_FAMILY,
        20.0,
        (kx, ky + 120.0),
        Align::Left,
        rgb(0x5c, 0x5f, 0x66),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// Great-circle distance, rounded to 10 km.
fn distance_km(a: (f32, f32), b: (f32, f32)) -> u32 {
    let r = |d: f32| d * PI / 180.0;
    let (dlat, dlon) = (r(b.1 - a.1), r(b.0 - a.0));
    let h = (dlat / 2.0).sin().powi(2) + r(a.1).cos() * r(b.1).cos() * (dlon / 2.0).sin().powi(2);
    let km = 2.0 * 6371.0 * h.sqrt().asin();
    ((km / 10.0).round() * 10.0) as u32
}

fn thousands(n: u32) -> String {
    if n >= 1000 {
        format!("{},{:03}", n / 1000, n % 1000)
    } else {
        n.to_string()
    }
}

const LABEL_W: f32 = 600.0;

/// Sets `text` in a box `LABEL_W` wide whose top-left corner is `at`.
#[allow(clippy::too_many_arguments)]
fn label(
    pixmap: &mut Pixmap,
    fonts: &mut FontSystem,
    text: &str,
    family: &'static str,
    size: f32,
    at: (f32, f32),
    align: Align,
    colour: Color,
) {
    let (x, y) = at;
    let mut buffer = Buffer::new(fonts, Metrics::new(size, size * 1.4));
    buffer.set_size(Some(LABEL_W), None);
    let attrs = Attrs::new()
        .family(Family::Name(family))
        .weight(Weight::BOLD);
    // Bilingual labels are laid out as a left-to-right line.
    buffer.set_text(
        &format!("\u{200E}{text}"),
        &attrs,
        Shaping::Advanced,
        Some(align),
    );
    buffer.shape_until_scroll(fonts, false);
    fill_text(pixmap, fonts, &buffer, x, y, colour);
}

fn dot(pixmap: &mut Pixmap, x: f32, y: f32, r: f32, colour: Color) {
    if let Some(path) = PathBuilder::from_circle(x, y, r) {
        let mut paint = Paint {
            anti_alias: true,
            ..Paint::default()
        };
        paint.set_color(colour);
        pixmap.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
}

fn fill(pixmap: &mut Pixmap, rect: Option<Rect>, colour: Color) {
    if let Some(rect) = rect {
        let mut paint = Paint::default();
        paint.set_color(colour);
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    }
}

fn rgb(r: u8, g: u8, b: u8) -> Color {
    Color::from_rgba8(r, g, b, 255)
}

/// A small deterministic random source (xorshift), for the "photo"'s grain and lights.
struct Grain(u32);

impl Grain {
    fn next(&mut self) -> f32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        (self.0 % 10_000) as f32 / 10_000.0
    }
}

fn dusk() -> Result<Vec<u8>, String> {
    let (w, h) = (1920_u32, 1080_u32);
    let mut pixmap = Pixmap::new(w, h).ok_or("canvas")?;
    // Sky: deep blue at the top to orange at the horizon.
    for y in 0..h {
        let t = y as f32 / (h as f32 * 0.72);
        let t = t.min(1.0);
        let mix = |a: f32, b: f32| (a + (b - a) * t.powf(1.6)) as u8;
        let colour = rgb(mix(24.0, 238.0), mix(38.0, 146.0), mix(84.0, 72.0));
        fill(
            &mut pixmap,
            Rect::from_xywh(0.0, y as f32, w as f32, 1.0),
            colour,
        );
    }
    dot(&mut pixmap, 1320.0, 700.0, 70.0, rgb(255, 214, 150));
    let mut grain = Grain(0x5eed_2025);
    // The mountain behind the city (Qasioun), a ridge of summed sines.
    let mut pb = PathBuilder::new();
    pb.move_to(0.0, h as f32);
    for x in (0..=w).step_by(8) {
        let xf = x as f32;
        let ridge = 610.0
            - 90.0 * (xf / 700.0).sin()
            - 35.0 * (xf / 170.0 + 1.3).sin()
            - 12.0 * (xf / 43.0).sin();
        pb.line_to(xf, ridge);
    }
    pb.line_to(w as f32, h as f32);
    pb.close();
    let mut paint = Paint {
        anti_alias: true,
        ..Paint::default()
    };
    paint.set_color(rgb(70, 52, 66));
    if let Some(path) = pb.finish() {
        pixmap.fill_path(
            &path,
            &paint,
            FillRule::Winding,
            Transform::identity(),
            None,
        );
    }
    // The city: blocks, domes and minarets in silhouette, with lit windows.
    let city = rgb(34, 26, 38);
    let mut x = 0.0;
    while x < w as f32 {
        let bw = 40.0 + grain.next() * 90.0;
        let bh = 90.0 + grain.next() * 170.0;
        let top = h as f32 - 200.0 - bh;
        fill(&mut pixmap, Rect::from_xywh(x, top, bw, bh + 200.0), city);
        if grain.next() < 0.25 {
            dot(&mut pixmap, x + bw / 2.0, top, bw / 2.2, city);
        }
        if grain.next() < 0.15 {
            fill(
                &mut pixmap,
                Rect::from_xywh(x + bw / 2.0 - 5.0, top - 150.0, 10.0, 150.0),
                city,
            );
            dot(&mut pixmap, x + bw / 2.0, top - 150.0, 9.0, city);
        }
        for wy in (top as u32 + 12..h - 40).step_by(26) {
            for wx in (x as u32 + 8..(x + bw) as u32 - 8).step_by(18) {
                if grain.next() < 0.18 {
                    let glow = rgb(255, (190.0 + grain.next() * 50.0) as u8, 110);
                    fill(
                        &mut pixmap,
                        Rect::from_xywh(wx as f32, wy as f32, 7.0, 10.0),
                        glow,
                    );
                }
            }
        }
        x += bw + grain.next() * 6.0;
    }
    // Film grain, so the picture compresses like a photograph.
    let mut rgb8 = Vec::with_capacity((w * h * 3) as usize);
    for px in pixmap.pixels() {
        let n = (grain.next() - 0.5) * 14.0;
        for c in [px.red(), px.green(), px.blue()] {
            rgb8.push((c as f32 + n).clamp(0.0, 255.0) as u8);
        }
    }
    let image = image::RgbImage::from_raw(w, h, rgb8).ok_or("image")?;
    let mut out = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 88);
    image
        .write_with_encoder(encoder)
        .map_err(|e| e.to_string())?;
    Ok(out)
}
