//! Writes social cards as PNG files, for the README and for the shaping test.
//!
//!   cargo run --release --example cards -- docs
//!       docs/cards-ar.png and docs/cards-en.png: a briefing of the sample site.
//!   cargo run --release --example cards -- --probe DIR
//!       DIR/<name>.png for each title in PROBES, and DIR/probes.json: each card's
//!       title, font file, size and title box, which tests/browser/cards.js compares
//!       with Chromium's rendering of the same text.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use brief::media::card::CONTENT_WIDTH;
use brief::media::fonts::EMBEDDED;
use brief::media::{CardPainter, CardText, Direction, Palette};

/// (file name, title, language, direction) of the cards the browser test compares.
/// `-isolated` titles carry a zero-width non-joiner between letters, so they show
/// every Arabic letter in its isolated form: what an unshaped renderer draws.
const PROBES: [(&str, &str, &str, Direction); 4] = [
    (
        "call-ar",
        "بوتين يجري أول اتصال هاتفي مع الشرع",
        "ar",
        Direction::Rtl,
    ),
    (
        "kremlin-ar",
        "قال الكرملين إن HTS و2025",
        "ar",
        Direction::Rtl,
    ),
    (
        "call-ar-isolated",
        "بوتين يجري أول اتصال هاتفي مع الشرع",
        "ar",
        Direction::Rtl,
    ),
    (
        "call-en",
        "Putin holds first phone call with al-Sharaa",
        "en",
        Direction::Ltr,
    ),
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, dir] if flag == "--probe" => probes(Path::new(dir)),
        [dir] if !dir.starts_with('-') => samples(Path::new(dir)),
        _ => Err("usage: cards DIR | cards --probe DIR".to_owned()),
    };
    match result {
        Ok(written) => {
            for path in written {
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn samples(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut painter = CardPainter::new();
    let cards = [
        (
            "cards-ar.png",
            CardText {
                site_name: "موجز سوريا وروسيا",
                title: "بوتين يجري أول اتصال هاتفي مع الشرع منذ سقوط الأسد، وبوغدانوف يزور دمشق على رأس وفد من 12 مسؤولاً",
                date: "12 شباط/فبراير 2025",
                dir: Direction::Rtl,
                lang: "ar",
            },
        ),
        (
            "cards-en.png",
            CardText {
                site_name: "Syria–Russia Brief",
                title: "Putin holds first phone call with al-Sharaa since the fall of Assad",
                date: "12 February 2025",
                dir: Direction::Ltr,
                lang: "en",
            },
        ),
    ];
    let mut written = Vec::new();
    for (name, text) in cards {
        let card = painter
            .draw(&text, &Palette::default())
            .map_err(|e| e.to_string())?;
        written.push(write(dir, name, &card.png)?);
    }
    Ok(written)
}

fn probes(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut painter = CardPainter::new();
    let mut written = Vec::new();
    let mut manifest = Vec::new();
    for (name, title, lang, dir_) in PROBES {
        let title = if name.ends_with("-isolated") {
            isolate(title)
        } else {
            title.to_owned()
        };
        let text = CardText {
            site_name: "موجز سوريا وروسيا",
            title: &title,
            date: "12 شباط/فبراير 2025",
            dir: dir_,
            lang,
        };
        let card = painter
            .draw(&text, &Palette::default())
            .map_err(|e| e.to_string())?;
        written.push(write(dir, &format!("{name}.png"), &card.png)?);
        let font = if lang == "ar" {
            EMBEDDED[1].file
        } else {
            EMBEDDED[3].file
        };
        manifest.push(serde_json::json!({
            "name": name,
            "png": format!("{name}.png"),
            "title": title,
            "lang": lang,
            "dir": if dir_ == Direction::Rtl { "rtl" } else { "ltr" },
            "font": font,
            "fontSize": card.title.font_size,
            "lineHeight": card.title.line_height,
            "width": CONTENT_WIDTH,
            "lines": card.title.lines,
            "box": card.title.bounds,
        }));
    }
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    written.push(write(dir, "probes.json", json.as_bytes())?);
    Ok(written)
}

/// Puts a zero-width non-joiner between letters, which stops Arabic joining.
fn isolate(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i > 0 && !c.is_whitespace() {
            out.push('\u{200C}');
        }
        out.push(c);
    }
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}
