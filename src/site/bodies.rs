//! The build's cache of rendered bodies (`.brief-cache/bodies/`): a briefing's file
//! and what rendering it asked of the rest of the site → its [`Rendered`] body, so
//! that `brief build` renders again only the bodies whose text, or whose answers,
//! changed.
//!
//! - A pack per *kind of build*: a key of everything every body is rendered with
//!   (this brief binary, `brief.yaml` with `--base-url`, the entity registry).
//! - In it, an entry per file, found by a key of its path and its whole text.
//! - What a body asks of the other files (the page a link to another file goes to,
//!   whether the bundle has a file, a picture's size) is kept in the entry with the
//!   answers, and asked again when the entry is read: an entry whose answers
//!   changed is rendered again. So a new briefing does not make every body stale,
//!   and a moved one makes stale only the bodies that link to it.
//!
//! The entries are kept in a [`Pack`] (how it is written, locked and trimmed: the
//! `pack` module); a second build of the same kind meanwhile renders every body and
//! keeps none. Deleting the folder is always safe.

use std::io;
use std::path::Path;
use std::sync::Mutex;

use crate::config::Config;
use crate::content::Article;
use crate::diagnostic::Diagnostic;
use crate::entities::registry::Registry;
use crate::markdown::stored::{Reader, put_len, put_str};
use crate::markdown::{ImageSize, Rendered};
use crate::media::cache::{Cache, KeyHasher};
pub use crate::pack::Opened;
use crate::pack::{Pack, Span};

/// What a body asked of the site while it was rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The page of a link to another source file.
    Link = 0,
    /// The URL of a bundle file, if the bundle has it.
    Asset = 1,
    /// The URL of a bundle file, whether or not it is there (an image).
    AssetAlways = 2,
    /// A picture's size and copies.
    Image = 3,
}

/// One question and the answer it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    pub ask: Ask,
    pub input: String,
    pub answer: Option<String>,
}

/// The answer to [`Ask::Image`], as compared: every field of the size.
pub fn image_answer(size: &ImageSize) -> String {
    format!(
        "{} {} {} {}",
        size.width,
        size.height,
        size.sizes,
        size.srcset.as_deref().unwrap_or("-")
    )
}

/// Collects a render's [`Lookup`]s (the resolvers are `Sync`, hence the lock, which
/// only one thread ever takes).
#[derive(Default)]
pub struct Recorder(Mutex<Vec<Lookup>>);

impl Recorder {
    pub fn note(&self, ask: Ask, input: &str, answer: Option<String>) -> Option<String> {
        if let Ok(mut lookups) = self.0.lock() {
            lookups.push(Lookup {
                ask,
                input: input.to_string(),
                answer: answer.clone(),
            });
        }
        answer
    }

    pub fn into_lookups(self) -> Vec<Lookup> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// A stored body, its lookups, and where it is.
pub struct Stored {
    pub rendered: Rendered,
    pub lookups: Vec<Lookup>,
    pub at: Span,
}

/// The pack of rendered bodies of one kind of build, locked for this build.
pub struct BodyCache {
    pack: Pack,
}

impl BodyCache {
    /// The pack for bodies rendered with `config` and `registry` by this binary.
    pub fn open(root: &Path, config: &Config, registry: &Registry) -> Opened<BodyCache> {
        let Some(mut kind) = crate::pack::kind("bodies") else {
            return Opened::Without;
        };
        kind.part(format!("{config:?}").as_bytes());
        kind.part(format!("{:?}", registry.entities).as_bytes());
        let dir = Cache::for_site(root).bodies_dir();
        Pack::open(&dir, &kind.finish(), unwritable).map(|pack| BodyCache { pack })
    }

    /// The entry key of `article`: its path and the hash of its whole text.
    pub fn key(article: &Article) -> u128 {
        let hash = article
            .released
            .unwrap_or_else(|| xxhash_rust::xxh3::xxh3_128(article.source.as_bytes()));
        let mut key = KeyHasher::default();
        key.part(article.file.to_string_lossy().as_bytes());
        key.part(&hash.to_le_bytes());
        key.digest()
    }

    /// The body stored under `key`; `None` when there is none, or what is there is
    /// not one.
    pub fn get(&self, key: u128) -> Option<Stored> {
        let ((rendered, lookups), at) = self.pack.get(key, |payload| {
            let mut rest = payload;
            let rendered = Rendered::decode(&mut rest)?;
            Some((rendered, read_lookups(rest)?))
        })?;
        Some(Stored {
            rendered,
            lookups,
            at,
        })
    }

    /// Keeps a stored entry for the next build.
    pub fn keep(&self, key: u128, at: Span) {
        self.pack.keep(key, at);
    }

    /// Appends `rendered` under `key`; a failure becomes the build's warning (once).
    pub fn put(&self, key: u128, rendered: &Rendered, lookups: &[Lookup]) {
        let mut payload = Vec::with_capacity(rendered.html.len() + 256);
        rendered.encode(&mut payload);
        put_len(&mut payload, lookups.len());
        for lookup in lookups {
            payload.push(lookup.ask as u8);
            put_str(&mut payload, &lookup.input);
            match &lookup.answer {
                None => payload.push(0),
                Some(answer) => {
                    payload.push(1);
                    put_str(&mut payload, answer);
                }
            }
        }
        self.pack.put(key, &payload);
    }

    /// Writes the index of the entries this build used (see [`Pack::finish`]), and
    /// gives back the warning of an entry that could not be stored.
    pub fn finish(self) -> Option<Diagnostic> {
        self.pack.finish()
    }
}

fn unwritable(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::warning(
        path,
        format!("cannot keep the rendered bodies for the next build: {e}"),
    )
    .help("make .brief-cache/ next to brief.yaml writable, or delete it; until then every build renders every body")
}

fn read_lookups(bytes: &[u8]) -> Option<Vec<Lookup>> {
    let mut r = Reader(bytes);
    let lookups = (0..r.len()?)
        .map(|_| {
            let ask = match r.byte()? {
                0 => Ask::Link,
                1 => Ask::Asset,
                2 => Ask::AssetAlways,
                3 => Ask::Image,
                _ => return None,
            };
            let input = r.string()?;
            let answer = match r.byte()? {
                0 => None,
                1 => Some(r.string()?),
                _ => return None,
            };
            Some(Lookup { ask, input, answer })
        })
        .collect::<Option<Vec<_>>>()?;
    r.0.is_empty().then_some(lookups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::KEPT_KINDS;
    use std::fs;

    fn config(title: &str) -> Config {
        let yaml = format!(
            "title: {title}\nbase_url: https://example.org/\nlanguages:\n  - code: ar\n  - code: en\n"
        );
        Config::parse(Path::new("brief.yaml"), &yaml).unwrap()
    }

    fn body(n: usize) -> Rendered {
        Rendered {
            html: format!("<p>قال الكرملين إن HTS و{n}</p>\n").repeat(2_000),
            html_hash: n as u128,
            ..Rendered::default()
        }
    }

    fn open(root: &Path, config: &Config) -> Box<BodyCache> {
        match BodyCache::open(root, config, &Registry::default()) {
            Opened::Cache(cache) => cache,
            _ => panic!("no cache"),
        }
    }

    fn lookups() -> Vec<Lookup> {
        vec![Lookup {
            ask: Ask::Link,
            input: "../other/index.ar.md".to_string(),
            answer: Some("/ar/other/".to_string()),
        }]
    }

    #[test]
    fn bodies_come_back_until_unused_and_a_mostly_unused_pack_is_written_again() {
        let root = tempfile::tempdir().unwrap();
        let config = config("Desk");
        let cache = open(root.path(), &config);
        for n in 0..40 {
            cache.put(n, &body(n as usize), &lookups());
        }
        // A second build of the same kind meanwhile goes without.
        assert!(matches!(
            BodyCache::open(root.path(), &config, &Registry::default()),
            Opened::Without
        ));
        assert!(cache.finish().is_none());

        let cache = open(root.path(), &config);
        let stored = cache.get(7).expect("stored");
        assert_eq!(stored.rendered.html, body(7).html);
        assert_eq!(stored.lookups, lookups());
        assert!(cache.get(99).is_none());
        // Only five used: the pack is mostly unused, and written again.
        let pack = cache.pack.path().to_path_buf();
        let before = fs::metadata(&pack).unwrap().len();
        for n in 0..5 {
            let stored = cache.get(n).unwrap();
            cache.keep(n, stored.at);
        }
        assert!(cache.finish().is_none());
        let after = fs::metadata(&pack).unwrap().len();
        assert!(after * 4 < before, "{before} → {after}");
        let cache = open(root.path(), &config);
        assert_eq!(cache.get(3).unwrap().rendered.html, body(3).html);
        assert!(cache.get(7).is_none(), "dropped with the unused");
        drop(cache);

        // Damaged bytes are never read as a body.
        let mut bytes = fs::read(&pack).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0xff;
        fs::write(&pack, bytes).unwrap();
        let cache = open(root.path(), &config);
        let read: Vec<bool> = (0..5).map(|n| cache.get(n).is_some()).collect();
        assert_eq!(read.iter().filter(|r| !**r).count(), 1, "{read:?}");
    }

    #[test]
    fn another_kind_of_build_has_its_own_pack_and_the_oldest_go() {
        let root = tempfile::tempdir().unwrap();
        let packs = || {
            fs::read_dir(root.path().join(".brief-cache/bodies"))
                .unwrap()
                .filter(|e| {
                    e.as_ref()
                        .unwrap()
                        .path()
                        .extension()
                        .is_some_and(|e| e == "pack")
                })
                .count()
        };
        for (i, title) in ["One", "Two", "Three"].into_iter().enumerate() {
            let cache = open(root.path(), &config(title));
            cache.put(1, &body(i), &[]);
            assert!(cache.finish().is_none());
            assert_eq!(packs(), (i + 1).min(1 + KEPT_KINDS), "after {title}");
        }
        let cache = open(root.path(), &config("Three"));
        assert_eq!(cache.get(1).unwrap().rendered.html, body(2).html);
        assert!(cache.finish().is_none());
        let cache = open(root.path(), &config("One"));
        assert!(cache.get(1).is_none(), "the oldest kind went");
    }

    #[test]
    fn a_cache_that_cannot_be_written_is_a_warning() {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(root.path().join(".brief-cache")).unwrap();
        fs::write(root.path().join(".brief-cache/bodies"), "in the way").unwrap();
        let Opened::Unwritable(warning) =
            BodyCache::open(root.path(), &config("Desk"), &Registry::default())
        else {
            panic!("opened");
        };
        assert!(
            warning.message.contains("cannot keep the rendered bodies"),
            "{warning:?}"
        );
    }
}
