//! Entity mention matching: takes the aliases of every entity (Arabic and
//! English together) and a text, gives back the non-overlapping mentions of
//! those entities in the text, as byte ranges of the text as written.
//!
//! How it works: every alias is folded (see [`crate::text::arabic`]) and put
//! into one Aho-Corasick automaton, which runs once, in overlapping mode, over
//! the folded text (both in a denser encoding than UTF-8, see
//! [`normalize_into`]). Each raw hit is then checked against the word rules
//! (boundaries, Arabic proclitics, acronyms), and the surviving hits are
//! reduced to leftmost-longest. Overlapping mode is what lets a shorter alias
//! survive when the longest one at the same place fails a boundary check
//! ("الشرع." next to an alias "الشرعية الدولية"). Everything is linear in the
//! text length, whatever the number of aliases.

use std::cell::RefCell;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use crate::text::arabic::{fold_char, is_arabic_letter, is_arabic_mark};

#[cfg(test)]
mod reference;

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
/// (All measured with the Arabic letters two bytes each in the automaton, as
/// in UTF-8; with one byte each, as now (see [`normalize_into`]), the DFA of
/// Arabic aliases takes a little over half that memory, and the cut-off has
/// not been measured again.)
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
    /// The first is kept apart, in the pattern itself: most aliases have just
    /// the one reading, and a second memory access per hit to another
    /// allocation was a good part of the time spent on hits in a large
    /// registry.
    first: Reading,
    /// The other readings, in registration order.
    others: Vec<Reading>,
    /// The alias begins with a word character, so the character before it
    /// must not be one (or must be a proclitic).
    starts_word: bool,
    /// The alias ends with a word character, so the character after it must
    /// not be one.
    ends_word: bool,
    /// The alias begins with an Arabic letter, so proclitics may precede it.
    arabic_start: bool,
}

impl Pattern {
    /// All the readings, in registration order.
    fn readings(&self) -> impl Iterator<Item = &Reading> {
        std::iter::once(&self.first).chain(&self.others)
    }
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

        let mut add = |key: String, reading: Reading| match ids.get(&key) {
            Some(&id) => {
                if let Some(pattern) = patterns.get_mut(id)
                    && !pattern.readings().any(|r| *r == reading)
                {
                    pattern.others.push(reading);
                }
            }
            None => {
                let first = key.chars().next();
                let last = key.chars().next_back();
                patterns.push(Pattern {
                    first: reading,
                    others: Vec::new(),
                    starts_word: first.is_some_and(is_word_char),
                    ends_word: last.is_some_and(is_word_char),
                    arabic_start: first.is_some_and(is_arabic_letter),
                });
                ids.insert(key.clone(), keys.len());
                keys.push(key);
            }
        };

        let (mut folded, mut breaks) = (Vec::new(), Vec::new());
        for alias in aliases {
            normalize_into(alias.text, &mut folded, &mut breaks);
            let key: String = chars_from(&folded, 0).collect();
            let key = key.trim().to_owned();
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
            let keys: Vec<Vec<u8>> = keys.iter().map(|key| search_form(key)).collect();
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
        // normalized text, its way back to the original and the candidate
        // list afresh each time was a good part of its cost. They are kept per
        // thread instead (the matcher is shared between threads, and `&self`
        // cannot hold mutable buffers).
        if u32::try_from(text.len()).is_err() {
            // No text node of a Markdown file comes near 4 GiB. Past that,
            // nothing is found: a limit from when the offset map held `u32`s,
            // kept so that no result changed with the map.
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
            breaks,
            candidates,
        } = scratch;
        normalize_into(text, hay, breaks);
        let hay = hay.as_slice();
        let norm = Normalized {
            original: text,
            text: hay,
            breaks,
        };
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
            if let Some(reading) = pattern.readings().find(fits) {
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
    /// The normalized text (see [`normalize_into`]).
    text: Vec<u8>,
    /// See [`Normalized::breaks`].
    breaks: Vec<(usize, usize)>,
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
            text: Vec::new(),
            breaks: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// Drops buffers that grew beyond [`Self::KEEP`].
    fn trim(&mut self) {
        if self.text.capacity() > Self::KEEP {
            self.text = Vec::new();
        }
        if self.breaks.capacity() > Self::KEEP {
            self.breaks = Vec::new();
        }
        if self.candidates.capacity() > Self::KEEP {
            self.candidates = Vec::new();
        }
    }
}

/// The way back from the normalized text (see [`normalize_into`]) to the
/// original.
///
/// Folding nearly always keeps a character's UTF-8 length (ASCII to ASCII, a
/// basic Arabic letter to another) and only now and then drops one (harakat,
/// tatweel, format characters, the rest of a whitespace run) or changes its
/// length (’, a no-break space, a few Latin letters). Between those places
/// the original offset of a character is a known offset plus the UTF-8
/// length of the normalized text in between, so only the places themselves
/// are recorded (and a checkpoint now and then, to bound that length's
/// computation), not an offset per byte.
struct Normalized<'a> {
    original: &'a str,
    /// The normalized text, in the search form (see [`normalize_into`]).
    text: &'a [u8],
    /// (normalized offset, original offset) of character starts, in
    /// increasing order: the character after each place where
    /// normalization dropped characters or changed the UTF-8 length of one,
    /// and one at least every [`CHECKPOINT`] bytes of normalized text. The
    /// character at normalized offset `i` starts at original offset
    /// `o + utf8_len(text[n..i])` for the last `(n, o)` with `n <= i`, or at
    /// `utf8_len(text[..i])` if there is none (see [`utf8_len`]).
    breaks: &'a [(usize, usize)],
}

/// Normalized bytes between two entries of [`Normalized::breaks`], at most
/// (give or take a character).
const CHECKPOINT: usize = 64;

impl Normalized<'_> {
    /// Original offset of the character starting at normalized offset `i`,
    /// which must be a character boundary of the normalized text short of
    /// its end.
    fn original_of_char(&self, i: usize) -> usize {
        let entry = self.breaks.partition_point(|&(n, _)| n <= i).checked_sub(1);
        let (n, o) = entry
            .and_then(|k| self.breaks.get(k))
            .copied()
            .unwrap_or((0, 0));
        o + utf8_len(self.text.get(n..i).unwrap_or_default())
    }

    /// The start of the normalized character that holds byte `i`.
    fn char_start(&self, mut i: usize) -> usize {
        while i > 0 && !is_char_boundary(self.text, i) {
            i -= 1;
        }
        i
    }

    /// Original offset of the character at normalized offset `i` (of the
    /// character holding byte `i`, should `i` not be a character boundary);
    /// the original's length at or past the end.
    fn original_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original.len();
        }
        self.original_of_char(self.char_start(i))
    }

    /// Original offset just after the character ending at normalized offset
    /// `i` (holding byte `i - 1`), extended over any harakat/tatweel that
    /// follow it (they belong to its last letter) but not over format
    /// characters or spaces.
    fn original_end(&self, i: usize) -> usize {
        let Some(j) = i.checked_sub(1) else {
            return self.original_start(i);
        };
        if j >= self.text.len() {
            return self.original.len();
        }
        let last = self.original_of_char(self.char_start(j));
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

/// In the search form (see [`normalize_into`]), the byte standing for U+0600,
/// the first of the characters U+0600–U+066A that take one byte each.
const ARABIC_BYTE: u8 = 0x80;
/// The last character that takes one byte in the search form.
const ARABIC_LAST: char = '\u{066A}';
/// In the search form, the first byte of a character outside ASCII and
/// U+0600–U+066A below U+1000, followed by 3 hex digits of its code point.
const ESCAPE_3: u8 = 0xEB;
/// The same, from U+1000 to U+FFFF, followed by 4 hex digits.
const ESCAPE_4: u8 = 0xEC;
/// The same, from U+10000 on, followed by 6 hex digits.
const ESCAPE_6: u8 = 0xED;
/// In the search form, the hex digit `d` of an escaped code point is
/// `DIGIT | d`. No other byte is this large.
const DIGIT: u8 = 0xF0;

/// Appends the search form of `c` to `out` (see [`normalize_into`]).
fn push_search_form(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 7];
    out.extend_from_slice(encode(c, &mut buf));
}

/// The search form of an already folded `text` (see [`normalize_into`]).
fn search_form(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        push_search_form(&mut out, c);
    }
    out
}

/// The search form of `c`, in `buf`.
fn encode(c: char, buf: &mut [u8; 7]) -> &[u8] {
    let code = u32::from(c);
    let (first, digits) = match c {
        // Both casts are exact: the values are below 0x80 and 0xEB.
        '\0'..='\x7F' => (code as u8, 0),
        '\u{0600}'..=ARABIC_LAST => (ARABIC_BYTE + (code - 0x0600) as u8, 0),
        _ if code < 0x1000 => (ESCAPE_3, 3),
        _ if code < 0x1_0000 => (ESCAPE_4, 4),
        _ => (ESCAPE_6, 6),
    };
    buf[0] = first;
    for (k, slot) in buf.iter_mut().enumerate().take(digits + 1).skip(1) {
        *slot = DIGIT | ((code >> (4 * (digits - k))) & 0xF) as u8;
    }
    &buf[..=digits]
}

/// The width in the search form of the character whose encoding starts with
/// `b`, or 0 if `b` is an escaped code point's digit.
fn width(b: u8) -> usize {
    match b {
        ..ESCAPE_3 => 1,
        ESCAPE_3 => 4,
        ESCAPE_4 => 5,
        ESCAPE_6..DIGIT => 7,
        DIGIT.. => 0,
    }
}

/// The UTF-8 length of the characters whose search form is `text`.
fn utf8_len(text: &[u8]) -> usize {
    // Both passes are over a few dozen bytes, without branches.
    if text.iter().fold(0, |max, &b| max.max(b)) < ESCAPE_3 {
        // ASCII takes one byte in both, U+0600–U+066A two in UTF-8.
        return text.len() + text.iter().filter(|&&b| b >= ARABIC_BYTE).count();
    }
    chars_from(text, 0).map(char::len_utf8).sum()
}

/// For each character U+0600 + `i` of U+0600–U+067F, the byte standing in
/// the search form for what [`normalize_into`] makes of it, when that is a
/// single byte; 0 when the general path must deal with it (it is dropped, or
/// is an invisible format character, or takes more than one byte). Checked
/// against [`fold_char`] by a test.
const ARABIC_FOLDED: [u8; 128] = {
    let mut table = [0; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = match 0x0600 + i as u32 {
            // Arabic letter mark: an invisible format character.
            0x061C => 0,
            // Tatweel, harakat, superscript alef: dropped.
            0x0640 | 0x064B..=0x065F | 0x0670 => 0,
            // آ أ إ ٱ → ا, ى → ي.
            0x0622 | 0x0623 | 0x0625 | 0x0671 => ARABIC_BYTE + 0x27,
            0x0649 => ARABIC_BYTE + 0x4A,
            0x0600..=0x066A => ARABIC_BYTE + i as u8,
            _ => 0,
        };
        i += 1;
    }
    table
};

/// Writes the folded text as searched into `text`, in the search form, and
/// the way back to the original (see [`Normalized::breaks`]) into `breaks`;
/// both are cleared first. Folded text as searched is [`fold_char`], plus
/// what only matters for matching (whitespace runs collapsed to one space,
/// invisible format characters dropped, the typographic apostrophe made
/// ASCII).
///
/// The search form is the bytes the automaton runs over, aliases and text
/// alike. It is UTF-8 made denser for Arabic: the Aho-Corasick search costs
/// about the same per byte, whatever the byte, and takes a good half of
/// [`Matcher::find`]'s time, while the Arabic letters take two bytes each in
/// UTF-8. So ASCII is itself, the characters U+0600–U+066A (the Arabic
/// letters, digits and punctuation) take one byte each, 0x80–0xEA, and any
/// other character takes a byte [`ESCAPE_3`], [`ESCAPE_4`] or [`ESCAPE_6`],
/// saying how many hex digits of its code point follow, and the digits, each
/// a byte 0xF0 or above (see [`encode`]). So
/// every byte below 0xF0 starts a character, and every character is read
/// the same way from its first byte: an occurrence of an alias's search form
/// in the text's always starts and ends on character boundaries, and is an
/// occurrence of the alias in the folded text.
///
/// This runs over every byte of every text node, so it works on bytes, and
/// the two kinds of character that make up nearly all of it skip the general
/// path: ASCII (English, and the spacing and punctuation of Arabic text) and
/// U+0600–U+067F (the Arabic letters), whose folding is a table look-up. The
/// shortcuts only leave out tests that cannot succeed for them; folding
/// itself is still [`fold_char`]'s, or, for these, what [`fold_char`] does to
/// them.
fn normalize_into(original: &str, text: &mut Vec<u8>, breaks: &mut Vec<(usize, usize)>) {
    let bytes = original.as_bytes();
    text.clear();
    breaks.clear();
    // Written by index: as long as no character has grown (which only the
    // general path below may do, and which it makes room for), the search
    // form is no longer than the original read so far.
    text.resize(bytes.len(), 0);
    let (mut i, mut j) = (0, 0);
    let mut checkpoint = CHECKPOINT;
    let mut in_space = false;
    while let Some(&b) = bytes.get(i) {
        if j >= checkpoint {
            note_break(breaks, j, i);
            checkpoint = j + CHECKPOINT;
        }
        if b > b' ' && b.is_ascii() {
            // Never dropped, never an invisible format character, never a
            // space.
            in_space = false;
            if let Some(slot) = text.get_mut(j) {
                *slot = b.to_ascii_lowercase();
            }
            (i, j) = (i + 1, j + 1);
            continue;
        }
        if b & 0xFE == 0xD8 {
            // The first byte of a character of U+0600–U+067F.
            let low = bytes.get(i + 1).map_or(0, |&b| b & 0x3F);
            let index = usize::from(b & 1) << 6 | usize::from(low);
            let folded = ARABIC_FOLDED.get(index).copied().unwrap_or(0);
            if folded != 0 {
                // Never a space, a format character or ’.
                in_space = false;
                if let Some(slot) = text.get_mut(j) {
                    *slot = folded;
                }
                (i, j) = (i + 2, j + 1);
                continue;
            }
        }
        if b.is_ascii() {
            // A space or a control character. These are the ASCII
            // characters for which `char::is_whitespace` holds.
            if !matches!(b, b' ' | b'\t'..=b'\r') {
                in_space = false;
                if let Some(slot) = text.get_mut(j) {
                    *slot = b;
                }
                j += 1;
            } else if !in_space {
                // Names are often split by a line break in Markdown source, a
                // double space or a no-break space; aliases have single
                // spaces.
                in_space = true;
                if let Some(slot) = text.get_mut(j) {
                    *slot = b' ';
                }
                j += 1;
            } else {
                note_break(breaks, j, i + 1);
            }
            i += 1;
            continue;
        }
        // The general path, for what is left: one whole character.
        let Some(c) = original.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let next = i + c.len_utf8();
        let folded = match fold_char(c) {
            None => None,
            Some(f) if is_invisible_format(f) => None,
            Some(f) if f.is_whitespace() => (!in_space).then_some(' '),
            Some('\u{2019}') => Some('\''),
            Some(f) => Some(f),
        };
        match folded {
            Some(f) => {
                in_space = f == ' ';
                let mut buf = [0; 7];
                let form = encode(f, &mut buf);
                // Keep room for the rest of the original, which may be
                // written a byte for each of its bytes.
                let needed = j + form.len() + (bytes.len() - next);
                if text.len() < needed {
                    text.resize(needed, 0);
                }
                if let Some(slot) = text.get_mut(j..j + form.len()) {
                    slot.copy_from_slice(form);
                }
                j += form.len();
                if f.len_utf8() != c.len_utf8() {
                    note_break(breaks, j, next);
                }
            }
            None => note_break(breaks, j, next),
        }
        i = next;
    }
    text.truncate(j);
}

/// Records for [`Normalized::breaks`] that a character starts at normalized
/// offset `norm` and original offset `orig`.
fn note_break(breaks: &mut Vec<(usize, usize)>, norm: usize, orig: usize) {
    match breaks.last_mut() {
        // The character that was there was dropped after all: the one after
        // it is what counts.
        Some(last) if last.0 == norm => last.1 = orig,
        _ => breaks.push((norm, orig)),
    }
}

/// Whether `i` is a character boundary of the search form `text`.
fn is_char_boundary(text: &[u8], i: usize) -> bool {
    match text.get(i) {
        Some(&b) => b < DIGIT,
        None => i == text.len(),
    }
}

/// The character of the search form `text` starting at `i`, which must be a
/// character boundary.
fn char_at(text: &[u8], i: usize) -> Option<char> {
    let b = *text.get(i)?;
    match width(b) {
        0 => None,
        1 if b < ARABIC_BYTE => Some(char::from(b)),
        1 => char::from_u32(0x0600 + u32::from(b - ARABIC_BYTE)),
        w => {
            let digits = text.get(i + 1..i + w)?;
            char::from_u32(
                digits
                    .iter()
                    .fold(0, |code, &d| code << 4 | u32::from(d & 0xF)),
            )
        }
    }
}

/// The character of the search form `text` ending at `i`, which must be a
/// character boundary, and its start.
fn char_before(text: &[u8], i: usize) -> Option<(char, usize)> {
    let mut start = i.checked_sub(1)?;
    while start > 0 && !is_char_boundary(text, start) {
        start -= 1;
    }
    Some((char_at(text, start)?, start))
}

/// The characters of the search form `text` from the character boundary `i`
/// on.
fn chars_from(text: &[u8], i: usize) -> impl Iterator<Item = char> {
    let next = move |at: usize| {
        let b = *text.get(at)?;
        Some((char_at(text, at)?, at + width(b)))
    };
    std::iter::successors(next(i), move |&(_, at)| next(at)).map(|(c, _)| c)
}

/// The characters of the search form `text` before the character boundary
/// `i`, last first.
fn chars_before(text: &[u8], i: usize) -> impl Iterator<Item = char> {
    std::iter::successors(char_before(text, i), move |&(_, at)| char_before(text, at))
        .map(|(c, _)| c)
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
fn before(hay: &[u8], start: usize, arabic_start: bool) -> Before {
    if !is_char_boundary(hay, start) {
        return Before::Inside;
    }
    let mut rev = chars_before(hay, start);
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
fn word_ends_at(hay: &[u8], end: usize) -> bool {
    if !is_char_boundary(hay, end) {
        return false;
    }
    let mut after = chars_from(hay, end);
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

    /// The shortcut table of `normalize_into` says what its general path
    /// would: [`fold_char`], format characters and whitespace left to the
    /// general path, in the search form, when that is one byte.
    #[test]
    fn arabic_table_agrees_with_fold_char() {
        for (i, &byte) in ARABIC_FOLDED.iter().enumerate() {
            let c = char::from_u32(0x0600 + i as u32).unwrap();
            let mut buf = [0; 7];
            let expected = match fold_char(c) {
                Some(f) if !is_invisible_format(f) && !f.is_whitespace() && f != '\u{2019}' => {
                    match encode(f, &mut buf) {
                        [b] => *b,
                        _ => 0,
                    }
                }
                _ => 0,
            };
            assert_eq!(byte, expected, "{c:?}");
        }
    }

    /// Every character reads back from its search form, which says its
    /// width in its first byte and has no other character boundary.
    #[test]
    fn search_form_round_trip() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 7];
            let form = encode(c, &mut buf);
            assert_eq!(search_form(&c.to_string()), form, "{c:?}");
            assert_eq!(width(form[0]), form.len(), "{c:?}");
            let boundaries: Vec<bool> = (0..=form.len())
                .map(|i| is_char_boundary(form, i))
                .collect();
            let mut expected = vec![false; form.len() + 1];
            expected[0] = true;
            expected[form.len()] = true;
            assert_eq!(boundaries, expected, "{c:?}");
            assert_eq!(char_at(form, 0), Some(c), "{c:?}");
            assert_eq!(char_before(form, form.len()), Some((c, 0)), "{c:?}");
            assert_eq!(utf8_len(form), c.len_utf8(), "{c:?}");
        }
    }

    /// Knuth's MMIX LCG, high bits.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % n.max(1) as u64) as usize
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }
    }

    /// The new `find` (sparse offset map, byte-level normalization) gives
    /// exactly what the old one ([`reference`]) gave, on many pseudo-random
    /// texts full of what normalization drops, shortens, lengthens or
    /// collapses, around and inside the aliases themselves.
    #[test]
    fn same_results_as_reference() {
        const PIECES: &[&str] = &[
            // Proclitics, the article, alef variants, ة ى.
            "و",
            "ب",
            "ل",
            "ف",
            "ك",
            "لل",
            "ال",
            "وب",
            "فل",
            "أ",
            "إ",
            "آ",
            "ٱ",
            "ا",
            "ة",
            "ى",
            "ي",
            // Harakat, tatweel, superscript alef.
            "\u{064B}",
            "\u{064C}",
            "\u{064D}",
            "\u{064E}",
            "\u{064F}",
            "\u{0650}",
            "\u{0651}",
            "\u{0652}",
            "\u{0640}",
            "\u{0640}\u{0640}",
            "\u{0670}",
            // Arabic words that are not aliases, and pieces of aliases.
            "قال",
            "الحكومة",
            "الشرعية",
            "ية",
            "ين",
            "الدمشقي",
            // Latin, digits.
            "Putin",
            "PUTIN",
            "putin",
            "Kremlin",
            "s",
            "S",
            "a",
            "the",
            "HTS",
            "Hts",
            "UK",
            "uk",
            "UN",
            "2024",
            "٣",
            "٢٠٢٤",
            "۴",
            "_",
            // Whitespace.
            " ",
            " ",
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\r\n",
            "\u{000B}",
            "\u{00A0}",
            " \u{00A0} ",
            "\u{2003}",
            "\u{3000}",
            "\u{2028}",
            "\u{200B}",
            // Invisible format characters.
            "\u{200C}",
            "\u{200D}",
            "\u{200E}",
            "\u{200F}",
            "\u{061C}",
            "\u{00AD}",
            "\u{FEFF}",
            "\u{2066}",
            "\u{202B}",
            // Apostrophes and punctuation.
            "’",
            "'",
            "'s",
            "’s",
            ".",
            "،",
            "؟",
            "-",
            "(",
            ")",
            // Accented and length-changing Latin, combining marks, emoji.
            "é",
            "É",
            "Ü",
            "ç",
            "İ",
            "ẞ",
            "Ⱥ",
            "Ǆ",
            "\u{0301}",
            "😀",
            "🇸🇾",
            "Путин",
            "\u{0610}",
            "ۀ",
            "ﻻ",
        ];
        // The test registry plus aliases that start or end with characters
        // normalization changes.
        let extra: &[&str] = &["Érdoğan", "Ⱥbc", "ẞtraße", "İzmir", "٢٠٢٤", "😀", "O’Brien"];
        let mut aliases: Vec<Alias<'_>> = REGISTRY
            .iter()
            .enumerate()
            .flat_map(|(entity, (_, names))| names.iter().map(move |&text| Alias { entity, text }))
            .collect();
        aliases.extend(extra.iter().enumerate().map(|(i, &text)| Alias {
            entity: REGISTRY.len() + i,
            text,
        }));
        let names: Vec<&str> = aliases.iter().map(|a| a.text).collect();
        let padding: Vec<String> = (0..=DFA_MAX_PATTERNS).map(|i| format!("pad{i}")).collect();
        let with_padding: Vec<Alias<'_>> = aliases
            .iter()
            .copied()
            .chain(padding.iter().map(|text| Alias { entity: 999, text }))
            .collect();
        let pairs = [
            (
                Matcher::new(aliases.iter().copied()),
                reference::Matcher::new(aliases.iter().copied()),
            ),
            (
                Matcher::new(with_padding.iter().copied()),
                reference::Matcher::new(with_padding.iter().copied()),
            ),
        ];
        let spaces = [
            "\n",
            "  ",
            "\u{00A0}",
            "\r\n",
            "\t",
            " \u{200F}\n",
            "\u{2003}",
            " \u{064E} ",
        ];
        let marks = [
            "\u{064E}", "\u{0651}", "\u{0640}", "\u{200F}", "\u{00AD}", "\u{200D}",
        ];

        let mut rng = Lcg(0x5DEE_CE66_D1CE_4E5B);
        let mut found = 0;
        for round in 0..12_000 {
            let mut text = String::new();
            // Now and then a long text: many checkpoints and breaks between
            // look-ups.
            let pieces = if round % 100 == 0 {
                1_000
            } else {
                rng.below(30)
            };
            for piece in 0..pieces {
                match rng.below(10) {
                    // An alias, maybe cut short at either end (at the start
                    // and end of the text, that is an alias cut in the
                    // middle), maybe in capitals, maybe with marks inside.
                    0..=3 => {
                        let name = rng.pick(&names);
                        let chars: Vec<char> = name.chars().collect();
                        let (mut from, mut to) = (0, chars.len());
                        if piece == 0 || rng.below(6) == 0 {
                            from = rng.below(chars.len());
                        }
                        if piece + 1 == pieces || rng.below(6) == 0 {
                            to = from + 1 + rng.below(chars.len() - from);
                        }
                        let upper = rng.below(5) == 0;
                        for &c in &chars[from..to] {
                            if c == ' ' && rng.below(2) == 0 {
                                text.push_str(rng.pick(&spaces));
                            } else if upper {
                                text.extend(c.to_uppercase());
                            } else {
                                text.push(c);
                            }
                            if rng.below(8) == 0 {
                                text.push_str(rng.pick(&marks));
                            }
                        }
                    }
                    // Any one character of the Arabic block or its
                    // neighbours.
                    4 => {
                        let c = char::from_u32(0x0600 + rng.below(0x100) as u32).unwrap_or('?');
                        text.push(c);
                    }
                    _ => text.push_str(rng.pick(PIECES)),
                }
            }
            let (new, old) = &pairs[round % 2];
            let expected = old.find(&text);
            assert_eq!(new.find(&text), expected, "{text:?}");
            found += expected.len();
        }
        assert!(found > 5_000, "the texts should hold mentions: {found}");

        // Aliases nested a dozen deep: many candidates out of order.
        let nested: Vec<String> = (1..=12)
            .flat_map(|n| [vec!["x"; n].join(" "), vec!["دا"; n].join(" ")])
            .collect();
        let nested: Vec<Alias<'_>> = nested
            .iter()
            .enumerate()
            .map(|(entity, text)| Alias { entity, text })
            .collect();
        let new = Matcher::new(nested.iter().copied());
        let old = reference::Matcher::new(nested.iter().copied());
        for round in 0..500 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                text.push_str(rng.pick(&["x", "X", "دا", "د\u{064E}ا", " ", "  ", "\n", "-", "y"]));
            }
            if round % 50 == 0 {
                text = vec!["x"; 30].join(" ");
            }
            let expected = old.find(&text);
            assert_eq!(new.find(&text), expected, "{text:?}");
        }

        // Every character of the Arabic block and of Latin-1 to Latin
        // Extended-B, alone and inside an alias.
        let (new, old) = &pairs[0];
        for c in (0x0080..0x0700).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("بو{c}تين {c}Putin{c}s ال{c}أسد{c} {c}"),
            ] {
                assert_eq!(new.find(&text), old.find(&text), "{text:?}");
            }
        }
    }
}
