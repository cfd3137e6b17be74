//! Entity mention matching: takes the aliases of every entity (Arabic and
//! English together) and a text, gives back the non-overlapping mentions of
//! those entities in the text, as byte ranges of the text as written.
//!
//! How it works: every alias is folded (see [`fold`] and [`crate::text::arabic`]) and put
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

use crate::text::arabic::is_arabic_letter;

mod fold;
#[cfg(test)]
mod reference;
mod rules;
#[cfg(test)]
mod tests;

pub use fold::name_key;
use fold::{Normalized, normalize_into, search_form};
// The frozen reference matcher shares these with the matcher.
#[cfg(test)]
use fold::is_invisible_format;
use rules::{Before, before, is_acronym, is_in_capitals, is_word_char, lam_elided, word_ends_at};

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
    /// Found through an alias the registry marks ambiguous (الشرع: the
    /// president, or "the law"): it names the entity only in an article that
    /// also names it unambiguously (see `entities::mentions`).
    pub ambiguous: bool,
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
    /// From an ambiguous alias (see [`Mention::ambiguous`]).
    ambiguous: bool,
    /// Written in capitals in the registry (HTS, UK): matches only in capitals.
    acronym: bool,
    /// The ال alias with its alef dropped ("لأسد" from "الأسد"), which is how
    /// it is spelled after the preposition ل ("للأسد"). Valid only there.
    after_lam: bool,
}

impl Matcher {
    /// Builds the matcher. Aliases that fold to nothing are ignored.
    pub fn new<'a>(aliases: impl IntoIterator<Item = Alias<'a>>) -> Matcher {
        Matcher::with_ambiguous(aliases.into_iter().map(|alias| (alias, false)))
    }

    /// Builds the matcher from aliases each marked ambiguous or not; the
    /// mentions found through an ambiguous one say so ([`Mention::ambiguous`]).
    pub fn with_ambiguous<'a>(aliases: impl IntoIterator<Item = (Alias<'a>, bool)>) -> Matcher {
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

        for (alias, ambiguous) in aliases {
            let key = name_key(alias.text);
            if key.is_empty() {
                continue;
            }
            let acronym = is_acronym(alias.text);
            let elided = lam_elided(alias.text, &key);
            add(
                key,
                Reading {
                    entity: alias.entity,
                    ambiguous,
                    acronym,
                    after_lam: false,
                },
            );
            if let Some(elided) = elided {
                add(
                    elided,
                    Reading {
                        entity: alias.entity,
                        ambiguous,
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

        // (start, end, reading) in the normalized text, for hits that pass the
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
                candidates.push((
                    start,
                    end,
                    reading.entity << 1 | usize::from(reading.ambiguous),
                ));
            }
        }

        // Leftmost first, longest first at the same start; then greedily keep
        // whatever does not overlap what is already kept.
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut mentions = Vec::new();
        let mut covered = 0;
        for &(start, end, reading) in candidates.iter() {
            let (entity, ambiguous) = (reading >> 1, reading & 1 == 1);
            if start < covered {
                continue;
            }
            covered = end;
            mentions.push(Mention {
                entity,
                start: norm.original_start(start),
                end: norm.original_end(end),
                ambiguous,
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
    /// (start, end, reading) in the normalized text, the reading packed as
    /// `entity << 1 | ambiguous`: a candidate stays three words, as it was
    /// before ambiguous aliases (entity indices are far below `usize::MAX / 2`).
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
