//! A briefing's site name, title and date (already formatted in the house style) → a
//! 1200×630 PNG social card, shaped with cosmic-text (Arabic letters joined, right to
//! left, Latin names and digits inside Arabic in their place) and drawn with tiny-skia
//! in the fonts compiled into the binary. The same input gives the same bytes.
//!
//! Long titles: the title is set at the largest of a few sizes (72 down to 46 px) at
//! which it fits the title area, wrapped at word boundaries. If it does not fit even at
//! 46 px, whole words are dropped from its end and an ellipsis (…) is added, so a word
//! is never cut. Only a single word wider than the card is broken between letters.

use cosmic_text::{Align, Attrs, Buffer, FontSystem, Metrics, Shaping, Weight, Wrap};
use tiny_skia::{Color, Paint, Pixmap, Rect, Transform};

use super::error::MediaError;
use super::fonts::{self, family_for};
use super::paint::fill_text;

/// Card size in pixels: the 1.91:1 image Open Graph and X (Twitter) cards expect.
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Changes whenever the drawing changes, so cached cards are drawn again.
pub const CARD_VERSION: u32 = 1;

const MARGIN: f32 = 96.0;
const STRIPE: f32 = 16.0;
/// The width text is set in (the title wraps at it).
pub const CONTENT_WIDTH: f32 = WIDTH as f32 - 2.0 * MARGIN;
const SITE_TOP: f32 = 52.0;
const SITE_SIZE: f32 = 34.0;
const TITLE_TOP: f32 = 132.0;
const TITLE_BOTTOM: f32 = 478.0;
const TITLE_SIZES: [f32; 5] = [72.0, 64.0, 58.0, 52.0, 46.0];
const RULE_Y: f32 = 500.0;
const DATE_TOP: f32 = 520.0;
const DATE_SIZE: f32 = 32.0;
const ELLIPSIS: char = '\u{2026}';

/// Reading direction of the card's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

/// What a card says. `date` is shown as given: the caller formats it in the house
/// style of `lang` (e.g. "12 شباط/فبراير 2025").
#[derive(Debug, Clone, Copy)]
pub struct CardText<'a> {
    pub site_name: &'a str,
    pub title: &'a str,
    pub date: &'a str,
    pub dir: Direction,
    /// BCP 47 code of the card's language; picks the primary face (`ar` → Naskh).
    pub lang: &'a str,
}

/// An opaque colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Reads `#rrggbb` or `#rgb` (as in a stylesheet); `None` for anything else.
    pub fn from_hex(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        let pair = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(pair(0)?, pair(2)?, pair(4)?)),
            _ => None,
        }
    }

    fn color(self) -> Color {
        Color::from_rgba8(self.0, self.1, self.2, 255)
    }
}

/// The card's colours. The default is the default theme's light palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Palette {
    /// Background (`--paper`).
    pub paper: Rgb,
    /// Title (`--ink`).
    pub ink: Rgb,
    /// Date (`--muted`).
    pub muted: Rgb,
    /// Site name and the stripe on the reading-start edge (`--accent`).
    pub accent: Rgb,
    /// The rule above the date (`--line`).
    pub rule: Rgb,
}

impl Default for Palette {
    /// The default theme's light colours (`themes/default/static/style.css`; a test
    /// holds them equal).
    fn default() -> Self {
        Palette {
            paper: Rgb(0xfd, 0xfd, 0xfc),
            ink: Rgb(0x1b, 0x1c, 0x1e),
            muted: Rgb(0x52, 0x56, 0x5d),
            accent: Rgb(0x0a, 0x57, 0x88),
            rule: Rgb(0xd5, 0xd8, 0xdd),
        }
    }
}

/// The stylesheet variables a card takes its colours from.
pub const CSS_VARIABLES: [&str; 5] = ["--paper", "--ink", "--muted", "--accent", "--line"];

impl Palette {
    /// The colours a stylesheet gives its custom properties `--paper`, `--ink`,
    /// `--muted`, `--accent` and `--line`, at their first definition (the light
    /// scheme, in the default theme's order) as `#rrggbb` or `#rgb`; and the names of
    /// those it does not define that way, which keep the default theme's colour.
    pub fn from_css(css: &str) -> (Palette, Vec<&'static str>) {
        let mut palette = Palette::default();
        let mut missing = Vec::new();
        for name in CSS_VARIABLES {
            let found = first_definition(css, name).and_then(Rgb::from_hex);
            let Some(colour) = found else {
                missing.push(name);
                continue;
            };
            match name {
                "--paper" => palette.paper = colour,
                "--ink" => palette.ink = colour,
                "--muted" => palette.muted = colour,
                "--accent" => palette.accent = colour,
                _ => palette.rule = colour,
            }
        }
        (palette, missing)
    }
}

/// The value of the first `name: value;` in `css` (not `name-more:`, not `var(name)`).
fn first_definition<'c>(css: &'c str, name: &str) -> Option<&'c str> {
    let mut rest = css;
    while let Some(at) = rest.find(name) {
        let after = &rest[at + name.len()..];
        let before = rest[..at].chars().next_back();
        let starts = !matches!(before, Some(c) if c.is_alphanumeric() || c == '-' || c == '(');
        if starts && let Some(value) = after.trim_start().strip_prefix(':') {
            let end = value.find([';', '}']).unwrap_or(value.len());
            return Some(value[..end].trim());
        }
        rest = after;
    }
    None
}

/// A drawn card and how its title was set.
#[derive(Debug, Clone)]
pub struct Card {
    pub png: Vec<u8>,
    pub title: TitleFit,
    /// Characters that neither embedded font has (drawn as empty boxes), in order of
    /// first appearance, so the caller can warn about them.
    pub missing: Vec<char>,
}

/// How the title was fitted: its size, lines, whether words were dropped, and the
/// pixel box its lines occupy (x, y, width, height).
#[derive(Debug, Clone, PartialEq)]
pub struct TitleFit {
    pub font_size: f32,
    pub line_height: f32,
    pub lines: usize,
    /// Whether words were dropped from the end (then `text` ends with "…").
    pub shortened: bool,
    /// The title as drawn (whitespace runs made single spaces).
    pub text: String,
    pub bounds: [u32; 4],
}

/// Draws cards, keeping the fonts loaded between them. One per thread.
pub struct CardPainter {
    fonts: FontSystem,
}

impl std::fmt::Debug for CardPainter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CardPainter").finish_non_exhaustive()
    }
}

impl Default for CardPainter {
    fn default() -> Self {
        CardPainter::new()
    }
}

/// Draws one card with a fresh painter; see [`CardPainter`] to draw many.
pub fn draw_card(text: &CardText, palette: &Palette) -> Result<Vec<u8>, MediaError> {
    Ok(CardPainter::new().draw(text, palette)?.png)
}

impl CardPainter {
    pub fn new() -> Self {
        CardPainter {
            fonts: fonts::font_system(),
        }
    }

    pub fn draw(&mut self, text: &CardText, palette: &Palette) -> Result<Card, MediaError> {
        let mut pixmap = Pixmap::new(WIDTH, HEIGHT).ok_or(MediaError::CardCanvas)?;
        pixmap.fill(palette.paper.color());
        let rtl = text.dir == Direction::Rtl;

        let stripe_x = if rtl { WIDTH as f32 - STRIPE } else { 0.0 };
        fill_rect(
            &mut pixmap,
            stripe_x,
            0.0,
            STRIPE,
            HEIGHT as f32,
            palette.accent,
        );
        fill_rect(
            &mut pixmap,
            MARGIN,
            RULE_Y,
            CONTENT_WIDTH,
            2.0,
            palette.rule,
        );

        let mut missing = Vec::new();
        let site = self.set(text, text.site_name, SITE_SIZE, Weight::BOLD, Wrap::None);
        let site = self.first_line_only(site, text, SITE_SIZE);
        self.note_missing(&site, &mut missing);
        fill_text(
            &mut pixmap,
            &mut self.fonts,
            &site,
            MARGIN,
            SITE_TOP,
            palette.accent.color(),
        );

        let (title, fit) = self.fit_title(text);
        self.note_missing(&title, &mut missing);
        let title_top = top_of(&fit);
        fill_text(
            &mut pixmap,
            &mut self.fonts,
            &title,
            MARGIN,
            title_top,
            palette.ink.color(),
        );

        let date = self.set(text, text.date, DATE_SIZE, Weight::NORMAL, Wrap::None);
        self.note_missing(&date, &mut missing);
        fill_text(
            &mut pixmap,
            &mut self.fonts,
            &date,
            MARGIN,
            DATE_TOP,
            palette.muted.color(),
        );

        let png = pixmap
            .encode_png()
            .map_err(|e| MediaError::CardPng(e.to_string()))?;
        Ok(Card {
            png,
            title: fit,
            missing,
        })
    }

    /// Shapes `content` in the card's language and direction at `size`.
    fn set(
        &mut self,
        text: &CardText,
        content: &str,
        size: f32,
        weight: Weight,
        wrap: Wrap,
    ) -> Buffer {
        let line_height = size * line_height_factor(text);
        let mut buffer = Buffer::new(&mut self.fonts, Metrics::new(size, line_height));
        buffer.set_wrap(wrap);
        buffer.set_size(Some(CONTENT_WIDTH), None);
        let attrs = Attrs::new().family(family_for(text.lang)).weight(weight);
        // A leading direction mark makes the paragraph direction the card's, even when
        // an Arabic title begins with a Latin name ("HTS تعلن …").
        let (mark, align) = match text.dir {
            Direction::Rtl => ('\u{200F}', Align::Right),
            Direction::Ltr => ('\u{200E}', Align::Left),
        };
        buffer.set_text(
            &format!("{mark}{}", single_spaced(content)),
            &attrs,
            Shaping::Advanced,
            Some(align),
        );
        buffer.shape_until_scroll(&mut self.fonts, false);
        buffer
    }

    /// The site name is one line; a name too long for it is shortened by words.
    fn first_line_only(&mut self, buffer: Buffer, text: &CardText, size: f32) -> Buffer {
        if measure(&buffer).max_width <= CONTENT_WIDTH {
            return buffer;
        }
        let words: Vec<&str> = text.site_name.split_whitespace().collect();
        for keep in (1..words.len()).rev() {
            let shorter = format!("{}{ELLIPSIS}", words[..keep].join(" "));
            let candidate = self.set(text, &shorter, size, Weight::BOLD, Wrap::None);
            if measure(&candidate).max_width <= CONTENT_WIDTH {
                return candidate;
            }
        }
        self.set(text, text.site_name, size, Weight::BOLD, Wrap::WordOrGlyph)
    }

    /// Sets the title at the largest size at which it fits the title area; failing
    /// that, drops words from its end at the smallest size (see the module comment).
    fn fit_title(&mut self, text: &CardText) -> (Buffer, TitleFit) {
        let area = TITLE_BOTTOM - TITLE_TOP;
        let fits = |m: &Measure| m.max_width <= CONTENT_WIDTH + 0.5 && m.height <= area;
        for size in TITLE_SIZES {
            let buffer = self.set(text, text.title, size, Weight::BOLD, Wrap::Word);
            let m = measure(&buffer);
            if fits(&m) {
                return (
                    buffer,
                    fit_of(
                        single_spaced(text.title),
                        size,
                        size * line_height_factor(text),
                        &m,
                        false,
                    ),
                );
            }
        }
        let size = TITLE_SIZES[TITLE_SIZES.len() - 1];
        let words: Vec<&str> = text.title.split_whitespace().collect();
        for keep in (1..words.len()).rev() {
            let shorter = format!("{}{ELLIPSIS}", words[..keep].join(" "));
            let buffer = self.set(text, &shorter, size, Weight::BOLD, Wrap::Word);
            let m = measure(&buffer);
            if fits(&m) {
                return (
                    buffer,
                    fit_of(shorter, size, size * line_height_factor(text), &m, true),
                );
            }
        }
        // One word wider than the card: the only case where letters are split.
        let buffer = self.set(text, text.title, size, Weight::BOLD, Wrap::WordOrGlyph);
        let m = measure(&buffer);
        (
            buffer,
            fit_of(
                single_spaced(text.title),
                size,
                size * line_height_factor(text),
                &m,
                false,
            ),
        )
    }

    /// Collects the characters whose glyph is the font's "missing" glyph (id 0).
    fn note_missing(&self, buffer: &Buffer, missing: &mut Vec<char>) {
        for run in buffer.layout_runs() {
            for glyph in run.glyphs.iter().filter(|g| g.glyph_id == 0) {
                for c in run.text.get(glyph.start..glyph.end).unwrap_or("").chars() {
                    if !c.is_whitespace() && !missing.contains(&c) {
                        missing.push(c);
                    }
                }
            }
        }
    }
}

/// Text with every run of whitespace (newlines included) made one space.
fn single_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Arabic (Naskh) needs more room between lines than Latin for its tall letters and
/// marks.
fn line_height_factor(text: &CardText) -> f32 {
    match family_for(text.lang) {
        cosmic_text::Family::Name(fonts::ARABIC_FAMILY) => 1.5,
        _ => 1.22,
    }
}

/// The laid-out size of a buffer: line count, widest line, total height, and the
/// horizontal span its lines cover.
struct Measure {
    lines: usize,
    max_width: f32,
    height: f32,
    left: f32,
    right: f32,
}

fn measure(buffer: &Buffer) -> Measure {
    let mut m = Measure {
        lines: 0,
        max_width: 0.0,
        height: 0.0,
        left: f32::MAX,
        right: 0.0,
    };
    for run in buffer.layout_runs() {
        m.lines += 1;
        m.max_width = m.max_width.max(run.line_w);
        m.height = m.height.max(run.line_top + run.line_height);
        let start = if run.rtl {
            CONTENT_WIDTH - run.line_w
        } else {
            0.0
        };
        m.left = m.left.min(start);
        m.right = m.right.max(start + run.line_w);
    }
    if m.lines == 0 {
        m.left = 0.0;
    }
    m
}

fn fit_of(
    text: String,
    font_size: f32,
    line_height: f32,
    m: &Measure,
    shortened: bool,
) -> TitleFit {
    let area = TITLE_BOTTOM - TITLE_TOP;
    let top = TITLE_TOP + ((area - m.height) / 2.0).max(0.0);
    let left = (MARGIN + m.left).floor().max(0.0);
    let right = (MARGIN + m.right).ceil();
    TitleFit {
        font_size,
        line_height,
        lines: m.lines,
        shortened,
        text,
        bounds: [
            left as u32,
            top.floor() as u32,
            (right - left).max(0.0) as u32,
            m.height.ceil() as u32,
        ],
    }
}

/// The title block is centred in the title area.
fn top_of(fit: &TitleFit) -> f32 {
    fit.bounds[1] as f32
}

fn fill_rect(pixmap: &mut Pixmap, x: f32, y: f32, w: f32, h: f32, colour: Rgb) {
    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
        let mut paint = Paint::default();
        paint.set_color(colour.color());
        pixmap.fill_rect(rect, &paint, Transform::identity(), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE_AR: &str = "موجز سوريا وروسيا";
    const DATE_AR: &str = "12 شباط/فبراير 2025";

    fn arabic(title: &str) -> CardText<'_> {
        CardText {
            site_name: SITE_AR,
            title,
            date: DATE_AR,
            dir: Direction::Rtl,
            lang: "ar",
        }
    }

    fn english(title: &str) -> CardText<'_> {
        CardText {
            site_name: "Syria–Russia Brief",
            title,
            date: "12 February 2025",
            dir: Direction::Ltr,
            lang: "en",
        }
    }

    fn png_size(png: &[u8]) -> (u32, u32) {
        let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        (be(16), be(20))
    }

    #[test]
    fn the_same_text_gives_the_same_bytes() {
        let text = arabic("قال الكرملين إن HTS و2025");
        let first = CardPainter::new()
            .draw(&text, &Palette::default())
            .unwrap()
            .png;
        let mut painter = CardPainter::new();
        let _other = painter
            .draw(&english("Something else first"), &Palette::default())
            .unwrap();
        let second = painter.draw(&text, &Palette::default()).unwrap().png;
        assert_eq!(first, second);
        assert_eq!(png_size(&first), (WIDTH, HEIGHT));
        let dark = Palette {
            paper: Rgb(0x11, 0x12, 0x14),
            ink: Rgb(0xee, 0xee, 0xee),
            ..Palette::default()
        };
        assert_ne!(painter.draw(&text, &dark).unwrap().png, first);
    }

    #[test]
    fn titles_take_the_largest_size_that_fits() {
        let long_ar = "بوتين يجري أول اتصال هاتفي مع الشرع منذ سقوط نظام الأسد المدعوم من موسكو، ويبحث مصير القاعدتين الروسيتين في حميميم وطرطوس مع الحكومة الجديدة في دمشق";
        let long_en = "Putin holds first phone call with al-Sharaa since the fall of Assad, discussing the future of Russia's Hmeimim and Tartus bases with the new government in Damascus";
        let mut painter = CardPainter::new();
        for (text, size, lines) in [
            (arabic("بوتين يجري أول اتصال هاتفي مع الشرع"), 72.0, 2),
            (arabic("قال الكرملين إن HTS و2025"), 72.0, 1),
            (arabic(long_ar), 52.0, 4),
            (english("Putin calls al-Sharaa"), 72.0, 1),
            (english(long_en), 52.0, 5),
        ] {
            let fit = painter.draw(&text, &Palette::default()).unwrap().title;
            assert_eq!(
                (fit.font_size, fit.lines, fit.shortened),
                (size, lines, false),
                "{}",
                text.title
            );
        }
    }

    #[test]
    fn an_overlong_title_loses_whole_words_and_gets_an_ellipsis() {
        let sentence = "بوتين يجري أول اتصال هاتفي مع الشرع منذ سقوط نظام الأسد المدعوم من موسكو";
        let title = [sentence; 4].join(" ");
        let mut painter = CardPainter::new();
        for text in [
            arabic(&title),
            english(&"Putin and al-Sharaa discuss the Hmeimim base ".repeat(8)),
        ] {
            let fit = painter.draw(&text, &Palette::default()).unwrap().title;
            assert!(fit.shortened, "{}", fit.text);
            assert_eq!(fit.font_size, 46.0);
            let kept = fit.text.strip_suffix(ELLIPSIS).unwrap();
            let words: Vec<&str> = text.title.split_whitespace().collect();
            let kept_words: Vec<&str> = kept.split_whitespace().collect();
            assert_eq!(
                kept_words,
                words[..kept_words.len()],
                "cut inside a word: {kept}"
            );
            assert!(fit.bounds[1] + fit.bounds[3] <= TITLE_BOTTOM as u32 + 1);
        }
    }

    #[test]
    fn an_arabic_title_opening_with_a_latin_name_still_reads_right_to_left() {
        let fit = CardPainter::new()
            .draw(
                &arabic("HTS تعلن تشكيل حكومة انتقالية في دمشق"),
                &Palette::default(),
            )
            .unwrap()
            .title;
        // Right-aligned: the line ends at the right margin, not the left.
        let right = fit.bounds[0] + fit.bounds[2];
        assert!(
            (right as f32 - (MARGIN + CONTENT_WIDTH)).abs() <= 1.0,
            "{fit:?}"
        );
        assert!(fit.bounds[0] as f32 > MARGIN + 10.0, "{fit:?}");
    }

    #[test]
    fn letters_no_embedded_font_has_are_reported() {
        let card = CardPainter::new()
            .draw(
                &english("Putin meets 習近平 in Moscow"),
                &Palette::default(),
            )
            .unwrap();
        assert_eq!(card.missing, ['習', '近', '平']);
        let card = CardPainter::new()
            .draw(&arabic("قال الكرملين إن HTS و2025"), &Palette::default())
            .unwrap();
        assert_eq!(card.missing, [] as [char; 0]);
    }

    #[test]
    fn the_default_palette_is_the_default_themes() {
        let css = include_str!("../../themes/default/static/style.css");
        assert_eq!(Palette::from_css(css), (Palette::default(), Vec::new()));
    }

    #[test]
    fn a_stylesheet_gives_the_colours_it_defines() {
        let css = ":root { --ink:#111; --ink-soft: #999; --paper: #fafafa; }\n\
                   a { color: var(--accent); }\n\
                   @media (prefers-color-scheme: dark) { :root { --paper: #000000; } }\n\
                   :root { --accent: #a00000 }";
        let (palette, missing) = Palette::from_css(css);
        assert_eq!(palette.ink, Rgb(0x11, 0x11, 0x11));
        assert_eq!(palette.paper, Rgb(0xfa, 0xfa, 0xfa));
        assert_eq!(palette.accent, Rgb(0xa0, 0, 0));
        assert_eq!(missing, ["--muted", "--line"]);
        assert_eq!(palette.muted, Palette::default().muted);
        let (_, missing) = Palette::from_css(":root { --paper: white; }");
        assert_eq!(missing, CSS_VARIABLES);
    }

    #[test]
    fn colours_read_from_stylesheet_hex() {
        for (text, expected) in [
            ("#0b5c8e", Some(Rgb(0x0b, 0x5c, 0x8e))),
            (" #FDFDFC ", Some(Rgb(0xfd, 0xfd, 0xfc))),
            ("#fff", Some(Rgb(255, 255, 255))),
            ("0b5c8e", None),
            ("#0b5c8", None),
            ("#gg0000", None),
            ("#١٢٣", None),
        ] {
            assert_eq!(Rgb::from_hex(text), expected, "{text}");
        }
    }
}
