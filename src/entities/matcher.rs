//! Entity mention matching: takes the aliases of every entity (Arabic and
//! English together) and a text, gives back the non-overlapping mentions of
//! those entities in the text, as byte ranges of the text as written.
//!
//! How it works: every alias is folded (see [`crate::text::arabic`]) and put
//! into one Aho-Corasick automaton, which runs once, in overlapping mode, over
//! the folded text. Each raw hit is then checked against the word rules
//! (boundaries, Arabic proclitics, acronyms), and the surviving hits are
//! reduced to leftmost-longest. Overlapping mode is what lets a shorter alias
//! survive when the longest one at the same place fails a boundary check
//! ("الشرع." next to an alias "الشرعية الدولية"). Everything is linear in the
//! text length, whatever the number of aliases.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::text::arabic::{fold_char, is_arabic_letter, is_arabic_mark};

/// One name of one entity, in any language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias<'a> {
    /// Index into the caller's entity registry; handed back in [`Mention`].
    pub entity: usize,
    /// The alias as written in the registry, e.g. "فلاديمير بوتين" or "HTS".
    pub text: &'a str,
}

/// One mention of an entity in a text.
///
/// `start..end` is a byte range of the original text covering the alias as
/// written there, harakat and tatweel inside it included (and harakat on its
/// last letter, so a link never leaves a mark orphaned outside it). It never
/// covers an attached proclitic: in "وبوتين" the range is "بوتين".
///
/// For ل + ال written لل the range starts at the second lam, the article's:
/// "للأسد" gives "لأسد". The first lam is the preposition, which is not part
/// of the name, while the second lam *is* the name's article with its alef
/// elided; starting there keeps the rule "the range is the name, without its
/// proclitics" true for this spelling too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub entity: usize,
    pub start: usize,
    pub end: usize,
}

/// Up to this many distinct folded aliases the automaton is a DFA rather than
/// the contiguous NFA that `aho-corasick` picks for more than a hundred.
///
/// The search is about half of [`Matcher::find`]'s time, and on Arabic text a
/// DFA searches about twice as fast. But it takes ~7.5 KB per alias against
/// ~0.2 KB and is slower to build, and past a few thousand aliases (3,000–
/// 4,000 on a machine with a large cache) its table no longer fits in cache
/// and it loses the speed too. At this cut-off: ~15 MB, ~40 ms to build.
const DFA_MAX_PATTERNS: usize = 2_000;

/// Finds entity mentions in text. Build once per site, share between threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    /// `None` when there are no aliases, or in the (practically unreachable)
    /// case that the automaton could not be built; both find nothing.
    automaton: Option<AhoCorasick>,
    /// Indexed by the automaton's pattern id.
    patterns: Vec<Pattern>,
}

/// One distinct folded alias and every way it can be read.
#[derive(Debug, Clone)]
struct Pattern {
    /// Several entities (or both the plain and the لل form) may fold to the
    /// same text; they are tried in registration order and the first one that
    /// fits wins, so an ambiguous alias goes to the entity registered first.
    readings: Vec<Reading>,
    /// The alias begins with a word character, so the character before it
    /// must not be one (or must be a proclitic).
    starts_word: bool,
    /// The alias ends with a word character, so the character after it must
    /// not be one.
    ends_word: bool,
    /// The alias begins with an Arabic letter, so proclitics may precede it.
    arabic_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    entity: usize,
    /// Written in capitals in the registry (HTS, UK): matches only in capitals.
    acronym: bool,
    /// The ال alias with its alef dropped ("لأسد" from "الأسد"), which is how
    /// it is spelled after the preposition ل ("للأسد"). Valid only there.
    after_lam: bool,
}

/// What precedes a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// Start of text or a non-word character: a plain word start.
    Boundary,
    /// A valid proclitic chain at the start of the word; `lam` when it ends in
    /// the preposition ل.
    Proclitic { lam: bool },
    /// Anything else: the hit is inside a longer word.
    Inside,
}

impl Matcher {
    /// Builds the matcher. Aliases that fold to nothing are ignored.
    pub fn new<'a>(aliases: impl IntoIterator<Item = Alias<'a>>) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut ids: HashMap<String, usize> = HashMap::new();

        let mut add = |key: String, reading: Reading| {
            let id = match ids.get(&key) {
                Some(&id) => id,
                None => {
                    let first = key.chars().next();
                    let last = key.chars().next_back();
                    patterns.push(Pattern {
                        readings: Vec::new(),
                        starts_word: first.is_some_and(is_word_char),
                        ends_word: last.is_some_and(is_word_char),
                        arabic_start: first.is_some_and(is_arabic_letter),
                    });
                    ids.insert(key.clone(), keys.len());
                    keys.push(key);
                    keys.len() - 1
                }
            };
            if let Some(pattern) = patterns.get_mut(id)
                && !pattern.readings.contains(&reading)
            {
                pattern.readings.push(reading);
            }
        };

        let (mut folded, mut map) = (String::new(), Vec::<u32>::new());
        for alias in aliases {
            normalize_into(alias.text, &mut folded, &mut map);
            let key = folded.trim().to_owned();
            if key.is_empty() {
                continue;
            }
            let acronym = is_acronym(alias.text);
            let elided = lam_elided(alias.text, &key);
            add(
                key,
                Reading {
                    entity: alias.entity,
                    acronym,
                    after_lam: false,
                },
            );
            if let Some(elided) = elided {
                add(
                    elided,
                    Reading {
                        entity: alias.entity,
                        acronym,
                        after_lam: true,
                    },
                );
            }
        }

        let automaton = if keys.is_empty() {
            None
        } else {
            // Standard semantics is the only one that supports overlapping
            // search; the selection among hits is done in `find`.
            let mut builder = AhoCorasick::builder();
            builder.match_kind(MatchKind::Standard);
            let dfa = if keys.len() <= DFA_MAX_PATTERNS {
                builder
                    .clone()
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&keys)
                    .ok()
            } else {
                None
            };
            dfa.or_else(|| builder.build(&keys).ok())
        };
        Matcher {
            automaton,
            patterns,
        }
    }

    /// True when the matcher never finds anything: no alias survived folding
    /// (or the automaton could not be built).
    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// The mentions in `text`: non-overlapping, in text order, the longest
    /// valid alias winning where several start at the same place.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        // `find` runs once per text node of every page, so allocating the
        // normalized text, its offset map and the candidate list afresh each
        // time was a good part of its cost. They are kept per thread instead
        // (the matcher is shared between threads, and `&self` cannot hold
        // mutable buffers).
        if u32::try_from(text.len()).is_err() {
            // Offsets are `u32` (a quarter of the memory traffic of `usize`);
            // no text node of a Markdown file comes near 4 GiB.
            return Vec::new();
        }
        SCRATCH
            .try_with(|scratch| {
                // Never already borrowed (nothing in `find_with` calls back
                // into `find`); a fresh scratch would do if it were.
                let mut scratch = scratch.try_borrow_mut().ok()?;
                let mentions = self.find_with(automaton, text, &mut scratch);
                scratch.trim();
                Some(mentions)
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| self.find_with(automaton, text, &mut Scratch::new()))
    }

    /// [`Matcher::find`], with the buffers to work in.
    fn find_with(
        &self,
        automaton: &AhoCorasick,
        text: &str,
        scratch: &mut Scratch,
    ) -> Vec<Mention> {
        let Scratch {
            text: hay,
            map,
            candidates,
        } = scratch;
        normalize_into(text, hay, map);
        let norm = Normalized {
            original: text,
            map,
        };
        let hay = hay.as_str();
        let Ok(hits) = automaton.try_find_overlapping_iter(Input::new(hay)) else {
            return Vec::new();
        };

        // (start, end, entity) in the normalized text, for hits that pass the
        // word rules.
        candidates.clear();
        for hit in hits {
            let (start, end) = (hit.start(), hit.end());
            let Some(pattern) = self.patterns.get(hit.pattern().as_usize()) else {
                continue;
            };
            if pattern.ends_word && !word_ends_at(hay, end) {
                continue;
            }
            let before = if pattern.starts_word {
                before(hay, start, pattern.arabic_start)
            } else {
                Before::Boundary
            };
            let fits = |r: &&Reading| {
                let place_ok = match before {
                    Before::Boundary => !r.after_lam,
                    Before::Proclitic { lam } => lam || !r.after_lam,
                    Before::Inside => false,
                };
                place_ok
                    && (!r.acronym
                        || text
                            .get(norm.original_start(start)..norm.original_end(end))
                            .is_some_and(is_in_capitals))
            };
            if let Some(reading) = pattern.readings.iter().find(fits) {
                candidates.push((start, end, reading.entity));
            }
        }

        // Leftmost first, longest first at the same start; then greedily keep
        // whatever does not overlap what is already kept.
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut mentions = Vec::new();
        let mut covered = 0;
        for &(start, end, entity) in candidates.iter() {
            if start < covered {
                continue;
            }
            covered = end;
            mentions.push(Mention {
                entity,
                start: norm.original_start(start),
                end: norm.original_end(end),
            });
        }
        mentions
    }
}

thread_local! {
    /// This thread's buffers for [`Matcher::find`].
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch::new()) };
}

/// The working buffers of one [`Matcher::find`] call, reused by the next.
struct Scratch {
    /// The normalized text.
    text: String,
    /// See [`Normalized::map`].
    map: Vec<u32>,
    /// (start, end, entity) in the normalized text.
    candidates: Vec<(usize, usize, usize)>,
}

impl Scratch {
    /// Capacity (in elements) kept between calls. Text nodes are rarely
    /// longer than a few kilobytes; one huge text should not pin megabytes of
    /// buffers to every thread for the rest of the build.
    const KEEP: usize = 1 << 16;

    const fn new() -> Scratch {
        Scratch {
            text: String::new(),
            map: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Drops buffers that grew beyond [`Self::KEEP`].
    fn trim(&mut self) {
        if self.text.capacity() > Self::KEEP {
            self.text = String::new();
        }
        if self.map.capacity() > Self::KEEP {
            self.map = Vec::new();
        }
        if self.candidates.capacity() > Self::KEEP {
            self.candidates = Vec::new();
        }
    }
}

/// The way back from the normalized text (see [`normalize_into`]) to the
/// original.
struct Normalized<'t, 'm> {
    original: &'t str,
    /// Byte offset in the original of the character behind each byte of the
    /// normalized text; one extra entry, the original's length, at the end.
    map: &'m [u32],
}

impl Normalized<'_, '_> {
    /// Original offset of the character at normalized offset `i`.
    fn original_start(&self, i: usize) -> usize {
        match self.map.get(i) {
            Some(&o) => o as usize,
            None => self.original.len(),
        }
    }

    /// Original offset just after the character ending at normalized offset
    /// `i`, extended over any harakat/tatweel that follow it (they belong to
    /// its last letter) but not over format characters or spaces.
    fn original_end(&self, i: usize) -> usize {
        let Some(last) = i.checked_sub(1).and_then(|j| self.map.get(j)) else {
            return self.original_start(i);
        };
        let last = *last as usize;
        let rest = self.original.get(last..).unwrap_or("");
        let mut chars = rest.char_indices();
        let mut end = match chars.next() {
            Some((_, c)) => last + c.len_utf8(),
            None => return self.original.len(),
        };
        for (o, c) in chars {
            if fold_char(c).is_some() {
                break;
            }
            end = last + o + c.len_utf8();
        }
        end
    }
}

/// Writes the folded text as searched into `text`, and its offset map (see
/// [`Normalized::map`]) into `map`; both are cleared first. Folded text as
/// searched is [`fold_char`], plus what only matters for matching (whitespace
/// runs collapsed to one space, invisible format characters dropped, the
/// typographic apostrophe made ASCII).
///
/// This runs over every byte of every text node, so the two kinds of
/// character that make up nearly all of it skip the general path: ASCII
/// (English, and the spacing and punctuation of Arabic text) and the basic
/// Arabic letters. The shortcuts only leave out tests that cannot succeed for
/// them; folding itself is still [`fold_char`]'s, or, for ASCII, what
/// [`fold_char`] does to ASCII.
/// `original` must be shorter than 4 GiB (see [`Matcher::find`]).
fn normalize_into(original: &str, text: &mut String, map: &mut Vec<u32>) {
    text.clear();
    map.clear();
    text.reserve(original.len());
    map.reserve(original.len() + 1);
    let mut in_space = false;
    for (offset, c) in original.char_indices() {
        let at = offset as u32;
        let f = if c.is_ascii() {
            // Never dropped, never an invisible format character.
            c.to_ascii_lowercase()
        } else if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
            // Hamza to ya, tatweel and harakat excluded: folded to a letter of
            // the same range, never a space, a format character or ’.
            let f = fold_char(c).unwrap_or(c);
            in_space = false;
            text.push(f);
            map.push(at);
            map.push(at);
            continue;
        } else {
            let Some(f) = fold_char(c) else { continue };
            if is_invisible_format(f) {
                continue;
            }
            f
        };
        if f.is_whitespace() {
            // Names are often split by a line break in Markdown source, a
            // double space or a no-break space; aliases have single spaces.
            if !in_space {
                in_space = true;
                text.push(' ');
                map.push(at);
            }
            continue;
        }
        in_space = false;
        let f = if f == '\u{2019}' { '\'' } else { f };
        // `push` of the character, not `push_str` of its encoding, which is a
        // call to `memcpy` for a few bytes.
        text.push(f);
        match f.len_utf8() {
            1 => map.push(at),
            n => map.extend(std::iter::repeat_n(at, n)),
        }
    }
    map.push(original.len() as u32);
}

/// Invisible characters that editors leave inside or between words (soft
/// hyphen, zero-width joiners, bidi marks from mixed Arabic/English editing,
/// byte-order mark). They are ignored so that they neither split a name nor
/// count as a letter. The zero-width space is not among them: it separates
/// words.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200C}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Characters that make up words, for boundary checks: letters and digits of
/// every script, Arabic letters and marks, tatweel, and Latin combining
/// accents (which belong to the letter before them).
fn is_word_char(c: char) -> bool {
    // The basic Arabic letters and harakat first: they are most of what this
    // is asked about, and `is_alphanumeric` is a table search for them.
    matches!(c, '\u{0621}'..='\u{065F}')
        || c.is_alphanumeric()
        || is_arabic_letter(c)
        || is_arabic_mark(c)
        || c == '\u{0640}'
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Classifies what precedes a hit at `start` whose alias starts with a word
/// character.
///
/// An Arabic alias may be preceded, inside its word, by a proclitic chain: an
/// optional conjunction (و or ف) then an optional preposition (ب, ك or ل),
/// e.g. و، ب، وب، فل. The chain must be the whole rest of the word, so
/// "بلبوتين" (two prepositions) is not بوتين. That is at most two letters;
/// the third letter of "ولل" in "وللأسد" is the article's lam, which belongs
/// to the elided alias form "لأسد" (see [`Reading::after_lam`]).
fn before(hay: &str, start: usize, arabic_start: bool) -> Before {
    let Some(head) = hay.get(..start) else {
        return Before::Inside;
    };
    let mut rev = head.chars().rev();
    let Some(p1) = rev.next() else {
        return Before::Boundary;
    };
    if !is_word_char(p1) {
        // An apostrophe between letters is inside a word: "Sana'a" is not
        // "a", "O'Brien" is not "Brien".
        if p1 == '\'' && rev.next().is_some_and(is_word_char) {
            return Before::Inside;
        }
        return Before::Boundary;
    }
    if !arabic_start {
        return Before::Inside;
    }
    let word_starts = |c: Option<char>| c.is_none_or(|c| !is_word_char(c));
    let conjunction = |c: char| matches!(c, 'و' | 'ف');
    let preposition = |c: char| matches!(c, 'ب' | 'ك' | 'ل');
    let p2 = rev.next();
    if conjunction(p1) {
        if word_starts(p2) {
            return Before::Proclitic { lam: false };
        }
    } else if preposition(p1) {
        let lam = p1 == 'ل';
        match p2 {
            p2 if word_starts(p2) => return Before::Proclitic { lam },
            Some(p2) if conjunction(p2) && word_starts(rev.next()) => {
                return Before::Proclitic { lam };
            }
            _ => {}
        }
    }
    Before::Inside
}

/// Whether a hit ending at `end` ends a word. A possessive "'s" (or a bare
/// trailing apostrophe) is allowed after it, so "Putin's" counts as Putin; an
/// apostrophe followed by other letters ("Sana'a") is inside a word.
fn word_ends_at(hay: &str, end: usize) -> bool {
    let Some(tail) = hay.get(end..) else {
        return false;
    };
    let mut after = tail.chars();
    match after.next() {
        None => true,
        Some('\'') => match after.next() {
            None => true,
            Some('s') => after.next().is_none_or(|c| !is_word_char(c)),
            Some(c) => !is_word_char(c),
        },
        Some(c) => !is_word_char(c),
    }
}

/// An alias written in capitals with at least two letters (HTS, UK, U.S.),
/// which is an acronym and must not match the common word it spells in lower
/// case.
fn is_acronym(alias: &str) -> bool {
    let mut letters = 0;
    for c in alias.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

fn is_in_capitals(written: &str) -> bool {
    !written.chars().any(char::is_lowercase)
}

/// For an alias starting with the definite article ال, the form it takes
/// after the preposition ل: the alef is dropped, "الأسد" → "لأسد" (key
/// "لاسد"). Only a bare alef (or alef wasla) is the article; "ألمانيا" starts
/// with a hamza and keeps it after ل ("لألمانيا").
fn lam_elided(alias: &str, key: &str) -> Option<String> {
    let mut kept = alias
        .trim_start()
        .chars()
        .filter(|&c| fold_char(c).is_some());
    let article = matches!(kept.next(), Some('ا' | 'ٱ')) && kept.next() == Some('ل');
    let rest = key.strip_prefix('ا')?;
    // Require a letter after the article: "ال" alone is not a name.
    let has_stem = rest.chars().nth(1).is_some_and(is_word_char);
    (article && rest.starts_with('ل') && has_stem).then(|| rest.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REGISTRY: &[(&str, &[&str])] = &[
        (
            "putin",
            &["فلاديمير بوتين", "بوتين", "Vladimir Putin", "Putin"],
        ),
        (
            "sharaa",
            &["أحمد الشرع", "الشرع", "Ahmed al-Sharaa", "al-Sharaa"],
        ),
        (
            "assad",
            &["بشار الأسد", "الأسد", "Bashar al-Assad", "al-Assad", "Assad"],
        ),
        ("damascus", &["دمشق", "Damascus"]),
        ("syria", &["سوريا", "Syria"]),
        ("moscow", &["موسكو", "Moscow"]),
        ("hts", &["هيئة تحرير الشام", "Hay'at Tahrir al-Sham", "HTS"]),
        (
            "uk",
            &["المملكة المتحدة", "بريطانيا", "United Kingdom", "UK"],
        ),
        (
            "legitimacy",
            &["الشرعية الدولية", "international legitimacy"],
        ),
        ("mideast", &["الشرق الأوسط", "Middle East"]),
        ("kremlin", &["الكرملين", "Kremlin"]),
        ("lebanon", &["لبنان", "Lebanon"]),
        ("un", &["الأمم المتحدة", "United Nations", "UN"]),
        ("germany", &["ألمانيا", "Germany"]),
        ("sana", &["Sana"]),
    ];

    fn registry_matcher() -> Matcher {
        Matcher::new(
            REGISTRY
                .iter()
                .enumerate()
                .flat_map(|(entity, (_, names))| {
                    names.iter().map(move |&text| Alias { entity, text })
                }),
        )
    }

    /// Splits a marked-up case into the text and the expected mentions.
    /// "قال [بوتين|putin] إن" is the text "قال بوتين إن" with one expected
    /// mention of putin covering exactly "بوتين"; expected mentions come back
    /// as (entity, "start:covered text").
    fn parse_case(marked: &str) -> (String, Vec<(String, String)>) {
        let mut text = String::new();
        let mut expected = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let inner = &rest[open + 1..];
            let bar = inner.find('|').expect("test markup: missing |");
            let close = inner.find(']').expect("test markup: missing ]");
            let (written, entity) = (&inner[..bar], &inner[bar + 1..close]);
            // The start offset pins the range down exactly, even when the
            // same word occurs twice.
            expected.push((entity.to_owned(), format!("{}:{written}", text.len())));
            text.push_str(written);
            rest = &inner[close + 1..];
        }
        text.push_str(rest);
        (text, expected)
    }

    fn check(matcher: &Matcher, names: &[&str], marked: &str) {
        let (text, expected) = parse_case(marked);
        let found: Vec<(String, String)> = matcher
            .find(&text)
            .iter()
            .map(|m| {
                (
                    names.get(m.entity).copied().unwrap_or("?").to_owned(),
                    format!(
                        "{}:{}",
                        m.start,
                        text.get(m.start..m.end).unwrap_or("<bad range>")
                    ),
                )
            })
            .collect();
        assert_eq!(found, expected, "in {text:?}");
    }

    fn check_table(cases: &[&str]) {
        let matcher = registry_matcher();
        let names: Vec<&str> = REGISTRY.iter().map(|(name, _)| *name).collect();
        for case in cases {
            check(&matcher, &names, case);
        }
    }

    #[test]
    fn arabic_folding_table() {
        check_table(&[
            // Alias "أحمد الشرع" found without the hamza, and with it.
            "قال [احمد الشرع|sharaa] إن المرحلة الانتقالية ستستمر أربع سنوات.",
            "استقبل الرئيس [أحمد الشرع|sharaa] وفداً روسياً في [دمشق|damascus].",
            // Harakat inside the name are inside the range.
            "صرّح [بُوتِين|putin] أمس بأن [موسكو|moscow] لن تتراجع.",
            // A haraka on the last letter stays inside the range.
            "قال [بوتينُ|putin]: لن نتراجع.",
            // Tatweel.
            "وقال [بوتـــين|putin] إن العقوبات الغربية فشلت.",
            "وصل وفد إلى [دمشـــق|damascus] صباح اليوم.",
            // Hamza on the alef of the article's noun, written both ways.
            "اجتمع مجلس الأمن بطلب من [الامم المتحدة|un].",
        ]);
    }

    #[test]
    fn arabic_proclitics_table() {
        check_table(&[
            "التقى [الشرع|sharaa] و[بوتين|putin] في [الكرملين|kremlin].",
            "ف[بوتين|putin] لا يريد التصعيد.",
            "رسالة ل[بوتين|putin] من البيت الأبيض.",
            "ووصل الوفد وب[دمشق|damascus] عقد اجتماعه الأول.",
            "هل بقي الوفد ب[دمشق|damascus]؟ لا، عاد إلى [موسكو|moscow].",
            "فب[موسكو|moscow] يُتخذ القرار.",
            "قاتل ك[الأسد|assad] في المعركة.",
            "اجتمع ب[الكرملين|kremlin] وفد من [بريطانيا|uk].",
            // ل + ال written لل: the range starts at the article's lam.
            "قدم الدعم ل[لأسد|assad] طوال الحرب.",
            "واتصل ب[الأسد|assad] هاتفياً.",
            "ول[لأسد|assad] حلفاء كثيرون.",
            "فل[لأسد|assad] رأي آخر.",
            "زيارة ل[لشرق الأوسط|mideast] الأسبوع المقبل.",
            "وهي رسالة ل[لأمم المتحدة|un].",
            "مساعدات ول[لبنان|lebanon] حصة منها.",
            // With harakat on the proclitics: they stay outside the range.
            "وَ[بُوتِين|putin] قال.",
            "لِ[لْأَسَدِ|assad] حلفاء.",
            // ألمانيا starts with a hamza, not the article: after ل it keeps
            // its alef, and the misspelling "للمانيا" is not read as it.
            "سافر ل[ألمانيا|germany] أمس.",
            "سافر للمانيا أمس.",
        ]);
    }

    #[test]
    fn arabic_word_boundaries_table() {
        check_table(&[
            // Longer words that contain an alias.
            "تتمسك الحكومة بالشرعية.",
            "الشرعية",
            "زار المتحف الدمشقي القديم.",
            "قال مسؤول في الجيش السوري.",
            "انتقد الكاتب النزعة البوتينية في الإعلام.",
            "بوتينية",
            "وبوتينهم",
            // Not a valid proclitic chain: two prepositions, or a conjunction
            // after a preposition.
            "بلبوتين",
            "بوبوتين",
            "ولفبوتين",
            // A valid alias at the same position as a longer one that fails.
            "وأكد [الشرع|sharaa]، في كلمته، أن البلاد موحدة.",
            "تحدث [الشرع|sharaa].",
            "دعا إلى احترام [الشرعية الدولية|legitimacy] في [سوريا|syria].",
            // Digits are word characters too.
            "بوتين2024",
        ]);
    }

    #[test]
    fn longest_alias_wins_table() {
        check_table(&[
            "قال [فلاديمير بوتين|putin] إن [بوتين|putin] نفسه لم يقرر.",
            "و[فلاديمير بوتين|putin] يلتقي [بشار الأسد|assad].",
            "[Vladimir Putin|putin] met [Bashar al-Assad|assad] in [Moscow|moscow].",
            "[al-Assad|assad]'s forces and [Assad|assad] himself.",
            "Members of [Hay'at Tahrir al-Sham|hts] ([HTS|hts]) entered [Damascus|damascus].",
            // Typographic apostrophe inside an alias written with an ASCII one.
            "[Hay’at Tahrir al-Sham|hts] fighters.",
            // Whitespace inside the name: line break, double space, no-break space.
            "[Vladimir\nPutin|putin] said.",
            "[Vladimir  Putin|putin] said.",
            "قال [فلاديمير\u{00A0}بوتين|putin] أمس.",
        ]);
    }

    #[test]
    fn english_table() {
        check_table(&[
            "[Putin|putin]'s spokesman denied it.",
            "[Putin|putin]’s spokesman denied it.",
            "'[Putin|putin]' is in quotes",
            "a [Moscow|moscow]-based analyst",
            "anti-[Putin|putin] protests",
            "[PUTIN|putin] SAYS [KREMLIN|kremlin] WILL RESPOND",
            "putinism and Kremlinology are not names.",
            // Acronyms only in capitals.
            "the [UK|uk] and the [UN|un] agreed",
            "the hts fighters, the Hts fighters",
            "[HTS|hts]'s leader",
            "un peu de français, uk",
            // An apostrophe between letters is inside a word.
            "flights to Sana'a resumed",
            "[Sana|sana]'s book",
            // Digits and underscores.
            "[Syria|syria] 2024, Syria2024",
        ]);
    }

    #[test]
    fn mixed_and_invisible_characters_table() {
        check_table(&[
            "قال [Putin|putin] إن [موسكو|moscow] سترد.",
            // Bidi marks left by editors are outside the range and do not
            // block the match.
            "قال [Putin|putin]\u{200F} إن [موسكو|moscow]\u{200F}.",
            "\u{200F}[بوتين|putin]",
            // A soft hyphen inside a name is inside the range.
            "the [Krem\u{00AD}lin|kremlin] said",
            "",
            "   ",
        ]);
    }

    #[test]
    fn aliases_are_folded_too() {
        let aliases = [
            Alias {
                entity: 0,
                text: "بُوتِين",
            },
            Alias {
                entity: 1,
                text: "  Damascus  ",
            },
            Alias {
                entity: 2,
                text: "\u{064E}\u{0640}",
            },
        ];
        let matcher = Matcher::new(aliases);
        let names = ["putin", "damascus", "nothing"];
        for case in [
            "قال [بوتين|putin] و[بوتـين|putin].",
            "in [DAMASCUS|damascus] and [damascus|damascus]",
        ] {
            check(&matcher, &names, case);
        }
    }

    #[test]
    fn ambiguous_alias_goes_to_first_entity() {
        let matcher = Matcher::new([
            Alias {
                entity: 0,
                text: "Georgia",
            },
            Alias {
                entity: 1,
                text: "Georgia",
            },
        ]);
        check(&matcher, &["country", "state"], "[Georgia|country] voted");
    }

    #[test]
    fn empty_matcher() {
        let matcher = Matcher::new(std::iter::empty());
        assert!(matcher.is_empty());
        assert_eq!(matcher.find("قال بوتين"), Vec::new());
        let blank = Matcher::new([Alias {
            entity: 0,
            text: " \u{0651} ",
        }]);
        assert!(blank.is_empty());
        assert!(!registry_matcher().is_empty());
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }

    /// Deterministic garbage from awkward characters: the matcher must never
    /// panic and must hand back sorted, non-overlapping ranges on character
    /// boundaries.
    #[test]
    fn no_panic_on_awkward_input() {
        const PIECES: &[&str] = &[
            "بوتين",
            "و",
            "ل",
            "ال",
            "لل",
            "أ",
            "\u{064E}",
            "\u{0640}",
            "\u{200F}",
            "\u{00AD}",
            " ",
            "\n",
            "'",
            "’",
            "s",
            "S",
            "Putin",
            "HTS",
            "hts",
            "İ",
            "-",
            "é",
            "\u{0301}",
            "الشرع",
            "ية",
            "٣",
            "Sana",
            "ك",
            "ب",
            "ف",
            "الأسد",
        ];
        let matcher = registry_matcher();
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let mut previous_end = 0;
            for m in matcher.find(&text) {
                assert!(m.start < m.end, "{text:?}: {m:?}");
                assert!(m.start >= previous_end, "{text:?}: overlap at {m:?}");
                assert!(text.get(m.start..m.end).is_some(), "{text:?}: {m:?}");
                previous_end = m.end;
            }
        }
    }

    /// The automaton is a DFA for a small registry and an NFA for a large one:
    /// that may not change a result.
    #[test]
    fn automaton_kind_does_not_change_results() {
        const PIECES: &[&str] = &[
            "بوتين",
            "فلاديمير ",
            "و",
            "ل",
            "لل",
            "الأسد",
            "الشرعية",
            " الدولية",
            "\u{064E}",
            "\u{0640}",
            "\u{200F}",
            "\u{00A0}",
            " ",
            "\n",
            "’s",
            "Putin",
            "HTS",
            "hts",
            "ẞ",
            "Ⱥ",
            ".",
        ];
        let small = registry_matcher();
        let padding: Vec<String> = (0..=DFA_MAX_PATTERNS)
            .map(|i| format!("padding{i}"))
            .collect();
        let large = Matcher::new(
            REGISTRY
                .iter()
                .enumerate()
                .flat_map(|(entity, (_, names))| {
                    names.iter().map(move |&text| Alias { entity, text })
                })
                .chain(padding.iter().map(|text| Alias {
                    entity: REGISTRY.len(),
                    text,
                })),
        );
        let kind = |m: &Matcher| m.automaton.as_ref().map(AhoCorasick::kind);
        assert_eq!(kind(&small), Some(AhoCorasickKind::DFA));
        assert_eq!(kind(&large), Some(AhoCorasickKind::ContiguousNFA));

        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut found = 0;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..16 {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            let expected = small.find(&text);
            assert_eq!(large.find(&text), expected, "{text:?}");
            found += expected.len();
        }
        assert!(found > 500, "the texts should hold mentions: {found}");
    }
}
