//! The search form: text (or an alias) in → folded bytes the automaton runs over, plus
//! the way back from them to byte offsets of the text as written.

use crate::text::arabic::fold_char;

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
pub(super) struct Normalized<'a> {
    pub(super) original: &'a str,
    /// The normalized text, in the search form (see [`normalize_into`]).
    pub(super) text: &'a [u8],
    /// (normalized offset, original offset) of character starts, in
    /// increasing order: the character after each place where
    /// normalization dropped characters or changed the UTF-8 length of one,
    /// and one at least every [`CHECKPOINT`] bytes of normalized text. The
    /// character at normalized offset `i` starts at original offset
    /// `o + utf8_len(text[n..i])` for the last `(n, o)` with `n <= i`, or at
    /// `utf8_len(text[..i])` if there is none (see [`utf8_len`]).
    pub(super) breaks: &'a [(usize, usize)],
}

/// Normalized bytes between two entries of [`Normalized::breaks`], at most
/// (give or take a character).
pub(super) const CHECKPOINT: usize = 64;

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
    pub(super) fn original_start(&self, i: usize) -> usize {
        if i >= self.text.len() {
            return self.original.len();
        }
        self.original_of_char(self.char_start(i))
    }

    /// Original offset just after the character ending at normalized offset
    /// `i` (holding byte `i - 1`), extended over any harakat/tatweel that
    /// follow it (they belong to its last letter) but not over format
    /// characters or spaces.
    pub(super) fn original_end(&self, i: usize) -> usize {
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
pub(super) const ARABIC_BYTE: u8 = 0x80;
/// The last character that takes one byte in the search form.
pub(super) const ARABIC_LAST: char = '\u{066A}';
/// In the search form, the first byte of a character outside ASCII and
/// U+0600–U+066A below U+1000, followed by 3 hex digits of its code point.
pub(super) const ESCAPE_3: u8 = 0xEB;
/// The same, from U+1000 to U+FFFF, followed by 4 hex digits.
pub(super) const ESCAPE_4: u8 = 0xEC;
/// The same, from U+10000 on, followed by 6 hex digits.
pub(super) const ESCAPE_6: u8 = 0xED;
/// In the search form, the hex digit `d` of an escaped code point is
/// `DIGIT | d`. No other byte is this large.
pub(super) const DIGIT: u8 = 0xF0;

/// Appends the search form of `c` to `out` (see [`normalize_into`]).
pub(super) fn push_search_form(out: &mut Vec<u8>, c: char) {
    let mut buf = [0; 7];
    out.extend_from_slice(encode(c, &mut buf));
}

/// The search form of an already folded `text` (see [`normalize_into`]).
pub(super) fn search_form(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        push_search_form(&mut out, c);
    }
    out
}

/// The search form of `c`, in `buf`.
pub(super) fn encode(c: char, buf: &mut [u8; 7]) -> &[u8] {
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
pub(super) fn width(b: u8) -> usize {
    match b {
        ..ESCAPE_3 => 1,
        ESCAPE_3 => 4,
        ESCAPE_4 => 5,
        ESCAPE_6..DIGIT => 7,
        DIGIT.. => 0,
    }
}

/// The UTF-8 length of the characters whose search form is `text`.
pub(super) fn utf8_len(text: &[u8]) -> usize {
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
pub(super) const ARABIC_FOLDED: [u8; 128] = {
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
pub(super) fn normalize_into(original: &str, text: &mut Vec<u8>, breaks: &mut Vec<(usize, usize)>) {
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

/// The one folding of names: `name` as the matcher searches for it (folded as
/// [`normalize_into`] folds text, whitespace runs collapsed, trimmed), as text.
/// Two names with the same key are the same name to the matcher, so every place
/// that compares names (the registry's alias clashes, ambiguous aliases) goes
/// through this, never through a folding of its own.
pub fn name_key(name: &str) -> String {
    let (mut folded, mut breaks) = (Vec::new(), Vec::new());
    normalize_into(name, &mut folded, &mut breaks);
    let key: String = chars_from(&folded, 0).collect();
    key.trim().to_owned()
}

/// Records for [`Normalized::breaks`] that a character starts at normalized
/// offset `norm` and original offset `orig`.
pub(super) fn note_break(breaks: &mut Vec<(usize, usize)>, norm: usize, orig: usize) {
    match breaks.last_mut() {
        // The character that was there was dropped after all: the one after
        // it is what counts.
        Some(last) if last.0 == norm => last.1 = orig,
        _ => breaks.push((norm, orig)),
    }
}

/// Whether `i` is a character boundary of the search form `text`.
pub(super) fn is_char_boundary(text: &[u8], i: usize) -> bool {
    match text.get(i) {
        Some(&b) => b < DIGIT,
        None => i == text.len(),
    }
}

/// The character of the search form `text` starting at `i`, which must be a
/// character boundary.
pub(super) fn char_at(text: &[u8], i: usize) -> Option<char> {
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
pub(super) fn char_before(text: &[u8], i: usize) -> Option<(char, usize)> {
    let mut start = i.checked_sub(1)?;
    while start > 0 && !is_char_boundary(text, start) {
        start -= 1;
    }
    Some((char_at(text, start)?, start))
}

/// The characters of the search form `text` from the character boundary `i`
/// on.
pub(super) fn chars_from(text: &[u8], i: usize) -> impl Iterator<Item = char> {
    let next = move |at: usize| {
        let b = *text.get(at)?;
        Some((char_at(text, at)?, at + width(b)))
    };
    std::iter::successors(next(i), move |&(_, at)| next(at)).map(|(c, _)| c)
}

/// The characters of the search form `text` before the character boundary
/// `i`, last first.
pub(super) fn chars_before(text: &[u8], i: usize) -> impl Iterator<Item = char> {
    std::iter::successors(char_before(text, i), move |&(_, at)| char_before(text, at))
        .map(|(c, _)| c)
}

/// Invisible characters that editors leave inside or between words (soft
/// hyphen, zero-width joiners, bidi marks from mixed Arabic/English editing,
/// byte-order mark). They are ignored so that they neither split a name nor
/// count as a letter. The zero-width space is not among them: it separates
/// words.
pub(super) fn is_invisible_format(c: char) -> bool {
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
