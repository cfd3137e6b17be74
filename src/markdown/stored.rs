//! A [`Rendered`] body ↔ bytes, for the build's cache of rendered bodies
//! (`site::bodies`): every field, length-prefixed and little-endian, so that a body
//! read back is the body rendered, field for field. Bytes that are not such a body
//! (another brief's format, a truncated file) read as `None`, never as a wrong body.

use std::collections::BTreeMap;

use super::references::URL_ATTRIBUTES;
use super::{HeadingIds, Kind, Reference, Refused, Rendered};

/// What every stored body starts with; raised whenever the format changes.
const MAGIC: &[u8] = b"brief rendered body 1\n";

impl Rendered {
    /// Appends the body to `out`, in the format [`Rendered::decode`] reads.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.html_hash.to_le_bytes());
        out.push(u8::from(self.has_code));
        put_str(out, &self.html);
        put_str(out, &self.headings.0);
        for counts in [&self.mentions, &self.ambiguous] {
            put_len(out, counts.len());
            for (&entity, &count) in counts {
                put_len(out, entity);
                out.extend_from_slice(&count.to_le_bytes());
            }
        }
        put_len(out, self.references.len());
        for reference in &self.references {
            put_str(out, &reference.dest);
            match reference.kind {
                Kind::Link => out.push(0),
                Kind::Image => out.push(1),
                Kind::Attribute(name) => {
                    out.push(2);
                    put_str(out, name);
                }
            }
            put_len(out, reference.offset);
        }
        put_len(out, self.refused.len());
        for refused in &self.refused {
            put_str(out, &refused.written);
            out.push(u8::from(refused.html));
            put_len(out, refused.offset);
        }
    }

    /// The body [`Rendered::encode`] wrote at the start of `bytes`, and moves `bytes`
    /// past it; `None` when they hold no such body.
    pub fn decode(bytes: &mut &[u8]) -> Option<Rendered> {
        let mut r = Reader(bytes);
        (r.take(MAGIC.len())? == MAGIC).then_some(())?;
        let html_hash = u128::from_le_bytes(r.take(16)?.try_into().ok()?);
        let has_code = r.flag()?;
        let html = r.string()?;
        let headings = HeadingIds(r.string()?);
        let mut counts = [BTreeMap::new(), BTreeMap::new()];
        for map in &mut counts {
            for _ in 0..r.len()? {
                let entity = r.len()?;
                let count = u32::from_le_bytes(r.take(4)?.try_into().ok()?);
                map.insert(entity, count);
            }
        }
        let [mentions, ambiguous] = counts;
        let references = (0..r.len()?)
            .map(|_| {
                let dest = r.string()?;
                let kind = match r.byte()? {
                    0 => Kind::Link,
                    1 => Kind::Image,
                    2 => {
                        let name = r.string()?;
                        // Read back as the `&'static str` the kind keeps.
                        Kind::Attribute(URL_ATTRIBUTES.into_iter().find(|a| *a == name)?)
                    }
                    _ => return None,
                };
                let offset = r.len()?;
                Some(Reference { dest, kind, offset })
            })
            .collect::<Option<Vec<_>>>()?;
        let refused = (0..r.len()?)
            .map(|_| {
                Some(Refused {
                    written: r.string()?,
                    html: r.flag()?,
                    offset: r.len()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        *bytes = r.0;
        Some(Rendered {
            html,
            html_hash,
            headings,
            mentions,
            ambiguous,
            has_code,
            references,
            refused,
        })
    }
}

/// A length or offset, as a little-endian u64.
pub fn put_len(out: &mut Vec<u8>, len: usize) {
    out.extend_from_slice(&(len as u64).to_le_bytes());
}

/// A string, length first.
pub fn put_str(out: &mut Vec<u8>, text: &str) {
    put_len(out, text.len());
    out.extend_from_slice(text.as_bytes());
}

/// Reads what [`put_len`] and [`put_str`] wrote, from the front of a slice.
pub struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    pub fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    pub fn flag(&mut self) -> Option<bool> {
        match self.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }

    pub fn len(&mut self) -> Option<usize> {
        usize::try_from(u64::from_le_bytes(self.take(8)?.try_into().ok()?)).ok()
    }

    pub fn string(&mut self) -> Option<String> {
        let len = self.len()?;
        String::from_utf8(self.take(len)?.to_vec()).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Rendered {
        let mut headings = HeadingIds::default();
        headings.push("الخلفية");
        headings.push("background");
        Rendered {
            html: "<p>قال <a href=\"/ar/entities/kremlin/\">الكرملين</a> إن HTS و2025</p>\n"
                .to_string(),
            html_hash: 0x0123_4567_89ab_cdef_0011_2233_4455_6677,
            headings,
            mentions: BTreeMap::from([(3, 2), (17, 1)]),
            ambiguous: BTreeMap::from([(5, 4)]),
            has_code: true,
            references: vec![
                Reference {
                    dest: "../other/index.ar.md#الخلفية".to_string(),
                    kind: Kind::Link,
                    offset: 12,
                },
                Reference {
                    dest: "map.png".to_string(),
                    kind: Kind::Image,
                    offset: 40,
                },
                Reference {
                    dest: "a.jpg 1x, b.jpg 2x".to_string(),
                    kind: Kind::Attribute("srcset"),
                    offset: 99,
                },
            ],
            refused: vec![Refused {
                written: "<script>alert(1)</script>".to_string(),
                html: true,
                offset: 120,
            }],
        }
    }

    fn same(a: &Rendered, b: &Rendered) {
        assert_eq!(a.html, b.html);
        assert_eq!(a.html_hash, b.html_hash);
        assert_eq!(a.headings, b.headings);
        assert_eq!(a.mentions, b.mentions);
        assert_eq!(a.ambiguous, b.ambiguous);
        assert_eq!(a.has_code, b.has_code);
        assert_eq!(a.references, b.references);
        assert_eq!(a.refused, b.refused);
    }

    #[test]
    fn a_body_reads_back_field_for_field() {
        for body in [sample(), Rendered::default()] {
            let mut bytes = Vec::new();
            body.encode(&mut bytes);
            bytes.extend_from_slice(b"after");
            let mut rest = bytes.as_slice();
            let read = Rendered::decode(&mut rest).expect("reads back");
            same(&body, &read);
            assert_eq!(rest, b"after");
        }
    }

    #[test]
    fn bytes_that_are_no_body_read_as_none() {
        let mut bytes = Vec::new();
        sample().encode(&mut bytes);
        // Every truncation, another format's first bytes, an unknown attribute.
        for end in 0..bytes.len() {
            assert!(
                Rendered::decode(&mut &bytes[..end]).is_none(),
                "cut at {end}"
            );
        }
        let mut other = bytes.clone();
        other[MAGIC.len() - 2] = b'9';
        assert!(Rendered::decode(&mut other.as_slice()).is_none());
        let unknown = bytes
            .windows(6)
            .position(|w| w == b"srcset")
            .expect("the attribute is stored");
        let mut odd = bytes.clone();
        odd[unknown..unknown + 6].copy_from_slice(b"srcsex");
        assert!(Rendered::decode(&mut odd.as_slice()).is_none());
    }
}
