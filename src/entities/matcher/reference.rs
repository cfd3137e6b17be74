//! A frozen copy of the matcher as it was with a dense offset map (one `u32` per
//! byte of normalized text) and `char_indices` normalization, kept as the
//! reference that the faster [`super::Matcher`] must agree with exactly (the test
//! `same_results_as_reference`). Only what that change rewrote is copied here: the
//! character predicates it left alone (word characters, acronyms, the elided
//! article) are the matcher's own.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::{
    Alias, Mention, is_acronym, is_in_capitals, is_invisible_format, is_word_char, lam_elided,
};
use crate::text::arabic::{fold_char, is_arabic_letter};

const DFA_MAX_PATTERNS: usize = 2_000;

#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Pattern {
    readings: Vec<Reading>,
    starts_word: bool,
    ends_word: bool,
    arabic_start: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Reading {
    entity: usize,
    acronym: bool,
    after_lam: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    Boundary,
    Proclitic { lam: bool },
    Inside,
}

impl Matcher {
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

    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        if u32::try_from(text.len()).is_err() {
            return Vec::new();
        }
        self.find_with(automaton, text, &mut Scratch::new())
    }

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
                // Ambiguous aliases came after this matcher was frozen.
                ambiguous: false,
            });
        }
        mentions
    }
}

struct Scratch {
    text: String,
    map: Vec<u32>,
    candidates: Vec<(usize, usize, usize)>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            text: String::new(),
            map: Vec::new(),
            candidates: Vec::new(),
        }
    }
}

struct Normalized<'t, 'm> {
    original: &'t str,
    map: &'m [u32],
}

impl Normalized<'_, '_> {
    fn original_start(&self, i: usize) -> usize {
        match self.map.get(i) {
            Some(&o) => o as usize,
            None => self.original.len(),
        }
    }

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

fn normalize_into(original: &str, text: &mut String, map: &mut Vec<u32>) {
    text.clear();
    map.clear();
    text.reserve(original.len());
    map.reserve(original.len() + 1);
    let mut in_space = false;
    for (offset, c) in original.char_indices() {
        let at = offset as u32;
        let f = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else if matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}') {
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
            if !in_space {
                in_space = true;
                text.push(' ');
                map.push(at);
            }
            continue;
        }
        in_space = false;
        let f = if f == '\u{2019}' { '\'' } else { f };
        text.push(f);
        match f.len_utf8() {
            1 => map.push(at),
            n => map.extend(std::iter::repeat_n(at, n)),
        }
    }
    map.push(original.len() as u32);
}

fn before(hay: &str, start: usize, arabic_start: bool) -> Before {
    let Some(head) = hay.get(..start) else {
        return Before::Inside;
    };
    let mut rev = head.chars().rev();
    let Some(p1) = rev.next() else {
        return Before::Boundary;
    };
    if !is_word_char(p1) {
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
