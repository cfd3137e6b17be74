//! The build's cache of parsed front matter (`.brief-cache/fronts/`): a file's whole
//! text → its [`FrontMatter`] as parsed, and where its body starts, so that `brief
//! build` parses again only the files whose bytes changed.
//!
//! - One [`Pack`] per brief binary: parsing reads nothing but the file's text, so
//!   neither `brief.yaml` nor the registry is in its key.
//! - An entry per text, found by the 128-bit XXH3 hash of the file's bytes.
//! - Only a file that parsed without a warning, and whose text is already NFC, is
//!   stored: a warning is said on every build, so such a file is parsed every time.
//!   Such a file's text is its bytes, so a stored entry needs only its front matter's
//!   bytes checked as UTF-8, not the body's.

use std::io;
use std::path::Path;

use super::front_matter::{EventEntry, FrontMatter, Ref, SourceLink};
use crate::diagnostic::Diagnostic;
use crate::markdown::stored::{Reader, put_len, put_str};
use crate::media::cache::Cache;
pub use crate::pack::Opened;
use crate::pack::Pack;
use crate::text::dates::PartialDate;

/// What every stored front matter starts with; raised whenever the format changes.
const MAGIC: &[u8] = b"brief front matter 1\n";

/// The pack of parsed front matter, locked for this build.
pub struct Fronts {
    pack: Pack,
}

/// A file's front matter as parsed, and where its body starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Front {
    pub front: FrontMatter,
    /// Byte offset of the body in the file's text.
    pub body_start: usize,
    /// 1-based line of the body's first line.
    pub body_line: usize,
}

impl Fronts {
    /// The pack of the site at `root` for this binary.
    pub fn open(root: &Path) -> Opened<Fronts> {
        let Some(kind) = crate::pack::kind("fronts") else {
            return Opened::Without;
        };
        let dir = Cache::for_site(root).fronts_dir();
        Pack::open(&dir, &kind.finish(), unwritable).map(|pack| Fronts { pack })
    }

    /// The front matter of the text whose bytes hash to `hash`
    /// (`xxh3_128`), kept for the next build; `None` when none is stored.
    pub fn get(&self, hash: u128) -> Option<Front> {
        let (front, at) = self.pack.get(hash, decode)?;
        self.pack.keep(hash, at);
        Some(front)
    }

    /// Stores `front` for the text whose bytes hash to `hash`.
    pub fn put(&self, hash: u128, front: &Front) {
        let mut payload = Vec::with_capacity(1024);
        encode(front, &mut payload);
        self.pack.put(hash, &payload);
    }

    /// Writes the index of the entries this build used, and gives back the warning
    /// of one that could not be stored.
    pub fn finish(self) -> Option<Diagnostic> {
        self.pack.finish()
    }
}

fn unwritable(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::warning(
        path,
        format!("cannot keep the parsed front matter for the next build: {e}"),
    )
    .help("make .brief-cache/ next to brief.yaml writable, or delete it; until then every build parses every file")
}

fn encode(stored: &Front, out: &mut Vec<u8>) {
    // Every field named, so that a field added to the front matter is a compile
    // error here rather than a field the cache forgets.
    let FrontMatter {
        title,
        date,
        updated,
        summary,
        slug,
        tags,
        entities,
        events,
        sources,
        authors,
        draft,
        image,
        image_alt,
        image_credit,
        translation_key,
        aliases,
    } = &stored.front;
    out.extend_from_slice(MAGIC);
    put_len(out, stored.body_start);
    put_len(out, stored.body_line);
    put_str(out, title);
    put_str(out, &date.to_string());
    put_option(out, updated.as_ref().map(ToString::to_string).as_deref());
    put_option(out, summary.as_deref());
    put_option(out, slug.as_deref());
    put_strings(out, tags);
    put_refs(out, entities);
    put_len(out, events.len());
    for EventEntry {
        id,
        date,
        text,
        entities,
        line,
    } in events
    {
        put_option(out, id.as_deref());
        put_str(out, &date.to_string());
        put_str(out, text);
        put_refs(out, entities);
        put_len(out, *line);
    }
    put_len(out, sources.len());
    for SourceLink { title, url } in sources {
        put_str(out, title);
        put_str(out, url);
    }
    put_strings(out, authors);
    out.push(u8::from(*draft));
    for text in [image, image_alt, image_credit, translation_key] {
        put_option(out, text.as_deref());
    }
    put_refs(out, aliases);
}

fn decode(bytes: &[u8]) -> Option<Front> {
    let mut r = Reader(bytes);
    (r.take(MAGIC.len())? == MAGIC).then_some(())?;
    let body_start = r.len()?;
    let body_line = r.len()?;
    let title = r.string()?;
    let date = read_date(&mut r)?;
    let updated = match option(&mut r)? {
        Some(text) => Some(PartialDate::parse(&text).ok()?),
        None => None,
    };
    let summary = option(&mut r)?;
    let slug = option(&mut r)?;
    let tags = strings(&mut r)?;
    let entities = refs(&mut r)?;
    let events = (0..r.len()?)
        .map(|_| {
            Some(EventEntry {
                id: option(&mut r)?,
                date: read_date(&mut r)?,
                text: r.string()?,
                entities: refs(&mut r)?,
                line: r.len()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let sources = (0..r.len()?)
        .map(|_| {
            Some(SourceLink {
                title: r.string()?,
                url: r.string()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let authors = strings(&mut r)?;
    let draft = r.flag()?;
    let image = option(&mut r)?;
    let image_alt = option(&mut r)?;
    let image_credit = option(&mut r)?;
    let translation_key = option(&mut r)?;
    let aliases = refs(&mut r)?;
    r.0.is_empty().then_some(())?;
    Some(Front {
        front: FrontMatter {
            title,
            date,
            updated,
            summary,
            slug,
            tags,
            entities,
            events,
            sources,
            authors,
            draft,
            image,
            image_alt,
            image_credit,
            translation_key,
            aliases,
        },
        body_start,
        body_line,
    })
}

fn put_option(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        None => out.push(0),
        Some(text) => {
            out.push(1);
            put_str(out, text);
        }
    }
}

fn put_strings(out: &mut Vec<u8>, list: &[String]) {
    put_len(out, list.len());
    for text in list {
        put_str(out, text);
    }
}

fn put_refs(out: &mut Vec<u8>, refs: &[Ref]) {
    put_len(out, refs.len());
    for Ref { id, line, column } in refs {
        put_str(out, id);
        put_len(out, *line);
        put_len(out, *column);
    }
}

fn option(r: &mut Reader) -> Option<Option<String>> {
    match r.byte()? {
        0 => Some(None),
        1 => Some(Some(r.string()?)),
        _ => None,
    }
}

/// A date as its text, parsed again (the text is the normalized one, which parses
/// to the same date).
fn read_date(r: &mut Reader) -> Option<PartialDate> {
    PartialDate::parse(&r.string()?).ok()
}

/// A list made at its size (as the parser makes them: `collect` from a length
/// would do too, but a bound read from the bytes is not trusted for room).
fn strings(r: &mut Reader) -> Option<Vec<String>> {
    let n = r.len()?;
    let mut list = Vec::with_capacity(n.min(r.0.len() / 8));
    for _ in 0..n {
        list.push(r.string()?);
    }
    Some(list)
}

fn refs(r: &mut Reader) -> Option<Vec<Ref>> {
    let n = r.len()?;
    let mut list = Vec::with_capacity(n.min(r.0.len() / 24));
    for _ in 0..n {
        list.push(Ref {
            id: r.string()?,
            line: r.len()?,
            column: r.len()?,
        });
    }
    Some(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Front matter as a hurried editor writes it: every key, mixed scripts,
    /// partial and timed dates, quotes, an empty list.
    const FILE: &str = "---\r
title: \"قال الكرملين إن HTS و2025: «اتفاق» جديد\"\r
date: 2025-03-04T09:30:00+03:00\r
updated: 2025-03-05\r
summary: >\r
  Putin and al-Sharaa, in Arabic: بوتين والشرع\r
slug: kremlin-hts\r
tags: [روسيا, \"Syria \", '']\r
entities: [putin, hts]\r
events:\r
  - date: 2025-03\r
    text: لقاء في موسكو Moscow meeting\r
    entities: [putin]\r
  - id: visit\r
    date: \"2024\"\r
    text: زيارة\r
sources:\r
  - title: Reuters\r
    url: https://example.org/a?b=1&c=2\r
authors: [هيئة التحرير, \"J. Doe\"]\r
draft: true\r
image: map.png\r
image_alt: خريطة\r
image_credit: AFP\r
translation_key: kremlin\r
aliases: [/old/kremlin/]\r
---\r
\r
Body **text**.\r
";

    fn parsed() -> Front {
        let parsed = crate::content::front_matter::parse(Path::new("a.ar.md"), FILE).unwrap();
        assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
        Front {
            front: parsed.front,
            body_start: parsed.body_start,
            body_line: parsed.body_line,
        }
    }

    #[test]
    fn front_matter_comes_back_field_for_field() {
        let front = parsed();
        assert_eq!(front.front.events.len(), 2);
        assert!(front.front.updated.is_some() && front.front.draft);
        let mut bytes = Vec::new();
        encode(&front, &mut bytes);
        assert_eq!(decode(&bytes), Some(front.clone()));
        // Every truncation, and a byte too many, is read as nothing.
        for end in 0..bytes.len() {
            assert_eq!(decode(&bytes[..end]), None, "cut at {end}");
        }
        bytes.push(0);
        assert_eq!(decode(&bytes), None);
    }

    #[test]
    fn the_pack_gives_back_what_was_put_and_keeps_it() {
        let root = tempfile::tempdir().unwrap();
        let open = || match Fronts::open(root.path()) {
            Opened::Cache(fronts) => fronts,
            _ => panic!("no cache"),
        };
        let front = parsed();
        let fronts = open();
        fronts.put(7, &front);
        assert!(
            matches!(Fronts::open(root.path()), Opened::Without),
            "locked"
        );
        assert!(fronts.finish().is_none());
        let fronts = open();
        assert_eq!(fronts.get(7), Some(front.clone()));
        assert_eq!(fronts.get(8), None);
        assert!(fronts.finish().is_none());
        // Used by the last build: still there.
        assert_eq!(open().get(7), Some(front));
    }
}
