//! Text → escaped HTML in which each run written in the other direction is wrapped in
//! `<bdi>`: Latin names, numbers and URLs in Arabic text; Arabic names in English.

use crate::config::Direction;

use super::escape::escape_into;

/// Writes `text` escaped, wrapping each run written in the other direction in `<bdi>`
/// so that punctuation around it lands where a reader of the paragraph expects it:
/// Latin names, numbers and URLs in Arabic text; Arabic names in English text.
pub fn isolate(text: &str, dir: Direction, out: &mut String) {
    let starts: fn(char) -> bool = match dir {
        Direction::Rtl => |c| c.is_ascii_digit() || is_ltr_letter(c),
        Direction::Ltr => is_rtl_letter,
    };
    let joins: fn(char) -> bool = match dir {
        Direction::Rtl => |c| {
            matches!(
                c,
                ' ' | '.'
                    | ','
                    | ':'
                    | '/'
                    | '-'
                    | '_'
                    | '\''
                    | '’'
                    | '@'
                    | '#'
                    | '%'
                    | '+'
                    | '&'
                    | '='
                    | '~'
                    | '?'
                    | '('
                    | ')'
            )
        },
        Direction::Ltr => |c| matches!(c, ' ' | '-' | '،' | '\u{200c}') || is_mark(c),
    };
    let continues = |c: char| {
        starts(c) || is_mark(c) || (dir == Direction::Ltr && ('\u{660}'..='\u{669}').contains(&c))
    };
    let mut written = 0;
    let mut from = 0;
    while let Some(start) = next_run_start(text, from, dir, starts) {
        let mut chars = text[start..].char_indices().map(|(i, c)| (start + i, c));
        let Some((_, c)) = chars.next() else { break };
        let mut end = start + c.len_utf8();
        for (i, next) in chars {
            if continues(next) {
                end = i + next.len_utf8();
            } else if !joins(next) {
                break;
            }
        }
        escape_into(&text[written..start], out);
        out.push_str("<bdi>");
        escape_into(&text[start..end], out);
        out.push_str("</bdi>");
        written = end;
        // Continue scanning after the run.
        from = end;
    }
    escape_into(&text[written..], out);
}

/// Where the next run to isolate starts, at or after byte `from`, looking at bytes
/// rather than characters where that settles it: ASCII starts a run only in an RTL
/// text (Latin letters and digits), and the Arabic block (lead bytes D8–DB, U+0600 to
/// U+06FF) never starts one there. `from` is always a character boundary, and so is
/// every index this steps to.
fn next_run_start(
    text: &str,
    from: usize,
    dir: Direction,
    starts: fn(char) -> bool,
) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if dir == Direction::Rtl && b.is_ascii_alphanumeric() {
                return Some(i);
            }
            i += 1;
        } else if dir == Direction::Rtl && (0xD8..=0xDB).contains(&b) {
            i += 2;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if starts(c) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

// Both are asked of every character of every paragraph: ASCII and the Arabic block
// are answered without the Unicode table search that `is_alphabetic` does.
fn is_ltr_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if in_rtl_blocks(c) {
        false
    } else {
        c.is_alphabetic()
    }
}

fn is_rtl_letter(c: char) -> bool {
    if c.is_ascii() {
        false
    } else if ('\u{0621}'..='\u{064A}').contains(&c) {
        true
    } else {
        in_rtl_blocks(c) && c.is_alphabetic()
    }
}

fn in_rtl_blocks(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0300}'..='\u{036F}')
}
