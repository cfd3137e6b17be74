//! Matcher benchmark: takes nothing, generates a 5,000-entity / 15,000-alias
//! registry and ~5 MB of Arabic news-like text, and prints the automaton build
//! time, matching throughput (median and fastest of 15 runs) at 1 MB and 5 MB,
//! and the number of mentions found; then the same 1 MB cut into ~200-byte
//! paragraphs, one `find` call each, which is how a build calls it (one call
//! per Markdown text node), so per-call overhead shows. Then all of it again
//! for a 300-entity registry.
//!
//! Run with `cargo bench --bench matcher`. Everything is generated from a
//! fixed seed so runs are comparable; no external crates, no data files.

use std::hint::black_box;
use std::time::{Duration, Instant};

use brief::entities::matcher::{Alias, Matcher};

/// Registry sizes: a large site, and a small one, whose few hundred aliases
/// give a different automaton (see `Matcher::new`).
const ENTITIES: [usize; 2] = [5_000, 300];
const TEXT_BYTES: usize = 5_000_000;
const RUNS: usize = 15;

/// Knuth's MMIX linear congruential generator; the high bits are used because
/// the low bits of an LCG are poorly distributed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

const AR_SYLLABLES: &[&str] = &[
    "سا", "مي", "ري", "نو", "كا", "لي", "دا", "مو", "في", "ها", "زي", "تا", "جو", "عا", "شي", "قو",
    "حس", "ين", "ار", "ون", "بر", "طا", "صو", "خا", "غي", "ثا", "ذو", "ضا", "ظي", "يو",
];
const LATIN_SYLLABLES: &[&str] = &[
    "ka", "ri", "mo", "sa", "lem", "dar", "vin", "tor", "na", "bel", "ros", "ha", "zi", "mir",
    "an", "gor", "el", "us", "ta", "fen", "dri", "ko", "lu", "ber", "sha",
];
const FILLER: &[&str] = &[
    "قال",
    "أعلن",
    "أكد",
    "الرئيس",
    "الحكومة",
    "في",
    "مؤتمر",
    "صحفي",
    "إن",
    "أن",
    "المفاوضات",
    "ستستمر",
    "خلال",
    "الأسبوع",
    "المقبل",
    "وزير",
    "الخارجية",
    "على",
    "هامش",
    "القمة",
    "الاقتصادية",
    "التي",
    "عقدت",
    "أمس",
    "مع",
    "وفد",
    "رفيع",
    "المستوى",
    "بشأن",
    "الأزمة",
    "الإنسانية",
    "والعقوبات",
    "المفروضة",
    "منذ",
    "سنوات",
    "وأضاف",
    "المتحدث",
    "باسم",
    "الوزارة",
    "مصادر",
    "مطلعة",
    "لم",
    "تكشف",
    "عن",
    "تفاصيل",
    "الاتفاق",
    "الجديد",
    "بين",
    "الطرفين",
    "حول",
    "إعادة",
    "الإعمار",
];
const PREFIXES: &[&str] = &["", "", "", "و", "ب", "ل", "ف", "ك", "وب", "ول", "فب", "فل"];
const PUNCTUATION: &[&str] = &[" ", " ", " ", " ", " ", "، ", ". ", ".\n\n"];

fn word(rng: &mut Lcg, syllables: &[&str], capitalize: bool) -> String {
    let mut w = String::new();
    for _ in 0..2 + rng.below(2) {
        w.push_str(rng.pick(syllables));
    }
    if capitalize {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            w = first.to_uppercase().chain(chars).collect();
        }
    }
    w
}

fn words(rng: &mut Lcg, syllables: &[&str], capitalize: bool, count: usize) -> String {
    (0..count)
        .map(|_| word(rng, syllables, capitalize))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Three aliases per entity: an Arabic full name (a third of them with the
/// article ال), its last word, and a Latin name or, for one in ten, an acronym.
fn registry(rng: &mut Lcg, entities: usize) -> Vec<[String; 3]> {
    (0..entities)
        .map(|_| {
            let n = 1 + rng.below(3);
            let mut full = words(rng, AR_SYLLABLES, false, n + 1);
            if rng.below(3) == 0 {
                full.insert_str(0, "ال");
            }
            let short = full.rsplit(' ').next().unwrap_or("").to_owned();
            let latin = if rng.below(10) == 0 {
                (0..2 + rng.below(3))
                    .map(|_| (b'A' + rng.below(26) as u8) as char)
                    .collect()
            } else {
                words(rng, LATIN_SYLLABLES, true, n)
            };
            [full, short, latin]
        })
        .collect()
}

/// Arabic prose with a mention every eight words or so: usually an Arabic
/// alias behind a random proclitic chain (ل + ال written لل), sometimes with
/// tatweel or a haraka inside, sometimes a Latin alias. Returns the text and
/// how many mentions were written into it.
fn text(rng: &mut Lcg, entities: &[[String; 3]]) -> (String, usize) {
    let mut out = String::with_capacity(TEXT_BYTES + 1_000);
    let mut written = 0;
    while out.len() < TEXT_BYTES {
        if rng.below(8) == 0
            && let Some(entity) = entities.get(rng.below(entities.len()))
        {
            let which = rng.below(6);
            let alias = match which {
                0..=2 => &entity[0],
                3 | 4 => &entity[1],
                _ => &entity[2],
            };
            if which < 5 {
                let prefix = rng.pick(PREFIXES);
                out.push_str(prefix);
                match alias.strip_prefix('ا') {
                    Some(elided) if prefix.ends_with('ل') && elided.starts_with('ل') => {
                        out.push_str(elided)
                    }
                    _ => push_decorated(rng, &mut out, alias),
                }
            } else {
                out.push_str(alias);
            }
            written += 1;
        } else {
            out.push_str(rng.pick(FILLER));
        }
        out.push_str(rng.pick(PUNCTUATION));
    }
    (out, written)
}

/// Writes an Arabic alias, one time in ten with a tatweel or a fatha after its
/// second letter, as real text has.
fn push_decorated(rng: &mut Lcg, out: &mut String, alias: &str) {
    let decoration = match rng.below(20) {
        0 => Some('\u{0640}'),
        1 => Some('\u{064E}'),
        _ => None,
    };
    for (i, c) in alias.chars().enumerate() {
        out.push(c);
        if i == 1
            && let Some(d) = decoration
        {
            out.push(d);
        }
    }
}

/// The median and the fastest of `samples`. On a busy machine the fastest is
/// the steadier figure to compare builds by.
fn median(mut samples: Vec<Duration>) -> (Duration, Duration) {
    samples.sort();
    let at = |i: usize| samples.get(i).copied().unwrap_or(Duration::ZERO);
    (at(samples.len() / 2), at(0))
}

/// The longest prefix of `text` of at most `bytes` bytes ending at a space.
fn prefix(text: &str, bytes: usize) -> &str {
    let mut cut = bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut).unwrap_or("");
    head.get(..head.rfind(' ').unwrap_or(cut)).unwrap_or(head)
}

fn measure(matcher: &Matcher, text: &str) -> ((Duration, Duration), usize) {
    let mut found = 0;
    let samples = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let mentions = matcher.find(black_box(text));
            let elapsed = start.elapsed();
            found = black_box(mentions).len();
            elapsed
        })
        .collect();
    (median(samples), found)
}

/// `text` cut at spaces into pieces of about `bytes` bytes each.
fn paragraphs(text: &str, bytes: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let head = prefix(rest, bytes);
        let head = if head.is_empty() { rest } else { head };
        pieces.push(head);
        rest = rest.get(head.len()..).unwrap_or("");
    }
    pieces
}

fn measure_many(matcher: &Matcher, pieces: &[&str]) -> ((Duration, Duration), usize) {
    let mut found = 0;
    let samples = (0..RUNS)
        .map(|_| {
            found = 0;
            let start = Instant::now();
            for piece in pieces {
                found += black_box(matcher.find(black_box(piece))).len();
            }
            start.elapsed()
        })
        .collect();
    (median(samples), found)
}

fn report(what: &str, bytes: usize, (median, fastest): (Duration, Duration), found: usize) {
    let mb = bytes as f64 / 1e6;
    println!(
        "{what}: median {:.1} ms, {:.1} MB/s (fastest {:.1} MB/s), {found} mentions",
        median.as_secs_f64() * 1e3,
        mb / median.as_secs_f64(),
        mb / fastest.as_secs_f64(),
    );
}

fn main() {
    for (i, entities) in ENTITIES.into_iter().enumerate() {
        if i > 0 {
            println!();
        }
        run(entities);
    }
}

fn run(entities: usize) {
    let mut rng = Lcg(0x00B2_1EF5_EED5);
    let entities = registry(&mut rng, entities);
    let (text, written) = text(&mut rng, &entities);
    let aliases: Vec<Alias<'_>> = entities
        .iter()
        .enumerate()
        .flat_map(|(entity, names)| names.iter().map(move |name| Alias { entity, text: name }))
        .collect();

    let start = Instant::now();
    let matcher = Matcher::new(black_box(aliases.iter().copied()));
    let build = start.elapsed();

    println!("entities:        {}", entities.len());
    println!("aliases:         {}", aliases.len());
    println!("build time:      {:.1} ms", build.as_secs_f64() * 1e3);

    for size in [1_000_000, TEXT_BYTES] {
        let sample = prefix(&text, size);
        let (time, found) = measure(&matcher, sample);
        report(
            &format!("{:.2} MB text", sample.len() as f64 / 1e6),
            sample.len(),
            time,
            found,
        );
    }
    let sample = prefix(&text, 1_000_000);
    let pieces = paragraphs(sample, 200);
    let (time, found) = measure_many(&matcher, &pieces);
    let what = format!(
        "{:.2} MB in {} calls",
        sample.len() as f64 / 1e6,
        pieces.len()
    );
    report(&what, sample.len(), time, found);
    println!("mentions written into the full text: {written}");
}
