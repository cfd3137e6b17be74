//! A content-addressed file cache in the site root (`.brief-cache/`): a key made from
//! everything that decides a file's bytes → the file, made once and reused by later
//! builds. Resized images live in `images/`, social cards in `cards/`, search bundles
//! in `search/`, rendered bodies in `bodies/`, parsed front matter in `fronts/`.
//!
//! Entries are never changed in place: a new input gives a new key, so deleting the
//! directory is always safe (the next build makes what it needs again). Files are
//! written to a temporary name and renamed, so a build that stops half-way, or two
//! builds at once, never leave a truncated entry.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::Xxh3;

use super::card::{CARD_VERSION, CardPainter, CardText, Direction, Palette};
use super::error::MediaError;

/// The cache directory's name, in the site root (next to `brief.yaml`).
pub const CACHE_DIR: &str = ".brief-cache";

/// A cache directory and its two kinds of entries.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

/// A file served from the cache, and whether this call had to make it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedFile {
    pub path: PathBuf,
    pub made: bool,
}

/// A social card's PNG, read from the cache or just drawn (then stored), and whether
/// this call drew it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedCard {
    pub png: Vec<u8>,
    pub made: bool,
}

impl Cache {
    /// The cache of the site whose root (the directory holding `brief.yaml`) is `site_root`.
    pub fn for_site(site_root: &Path) -> Cache {
        Cache {
            root: site_root.join(CACHE_DIR),
        }
    }

    /// A cache at exactly `dir` (tests, or a cache shared between sites).
    pub fn at(dir: impl Into<PathBuf>) -> Cache {
        Cache { root: dir.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn images_dir(&self) -> PathBuf {
        self.root.join("images")
    }

    /// Rendered bodies, a folder per kind of build (`site::bodies`).
    pub(crate) fn bodies_dir(&self) -> PathBuf {
        self.root.join("bodies")
    }

    /// Parsed front matter, a pack per brief binary (`content::stored`).
    pub(crate) fn fronts_dir(&self) -> PathBuf {
        self.root.join("fronts")
    }

    /// Search bundles, one entry per language.
    pub(crate) fn search_dir(&self) -> PathBuf {
        self.root.join("search")
    }

    /// The social card for `text` in `palette`, drawn only if no earlier build drew it.
    pub fn card(
        &self,
        painter: &mut CardPainter,
        text: &CardText,
        palette: &Palette,
    ) -> Result<CachedCard, MediaError> {
        let path = self.card_path(text, palette);
        // Read at once rather than looked for first: a warm build reads 4,000 cards
        // at 2,000 pairs. One that cannot be read is drawn and stored again.
        if let Ok(png) = fs::read(&path) {
            return Ok(CachedCard { png, made: false });
        }
        let card = painter.draw(text, palette)?;
        store(&path, &card.png)?;
        Ok(CachedCard {
            png: card.png,
            made: true,
        })
    }

    /// Where the card for `text` in `palette` is kept.
    pub fn card_path(&self, text: &CardText, palette: &Palette) -> PathBuf {
        let key = card_key(text, palette);
        self.root.join("cards").join(format!("{key}.png"))
    }
}

/// Writes `bytes` at `path` through a temporary file in the same directory, with the
/// permissions a new file gets (0666 less the umask).
pub(crate) fn store(path: &Path, bytes: &[u8]) -> Result<(), MediaError> {
    let io = |source| MediaError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    // Readable by all, as `std::fs::write` makes a page: a build hard-links cards and
    // smaller copies from here into the site when it can (`Staging::link_cached`).
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(io)?;
    temp.write_all(bytes).map_err(io)?;
    temp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// A key from length-prefixed parts, so ("ab", "c") and ("a", "bc") differ: the
/// 128-bit XXH3 hash, in hex.
pub(crate) fn key<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = KeyHasher::default();
    for part in parts {
        hasher.part(part);
    }
    hasher.finish()
}

/// [`key`] made one part at a time, for parts not all held at once.
#[derive(Default)]
pub(crate) struct KeyHasher(Xxh3);

impl KeyHasher {
    pub(crate) fn part(&mut self, part: &[u8]) {
        self.0.update(&(part.len() as u64).to_le_bytes());
        self.0.update(part);
    }

    /// The hash itself, for a key kept as a number.
    pub(crate) fn digest(&self) -> u128 {
        self.0.digest128()
    }

    pub(crate) fn finish(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
}

fn card_key(text: &CardText, palette: &Palette) -> String {
    let colours: Vec<u8> = [
        palette.paper,
        palette.ink,
        palette.muted,
        palette.accent,
        palette.rule,
    ]
    .iter()
    .flat_map(|c| [c.0, c.1, c.2])
    .collect();
    let dir: &[u8] = match text.dir {
        Direction::Ltr => b"ltr",
        Direction::Rtl => b"rtl",
    };
    key([
        b"card".as_slice(),
        &CARD_VERSION.to_le_bytes(),
        text.site_name.as_bytes(),
        text.title.as_bytes(),
        text.date.as_bytes(),
        dir,
        text.lang.as_bytes(),
        &colours,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::media::card::Rgb;

    #[test]
    fn keys_separate_their_parts() {
        assert_ne!(key([b"ab".as_slice(), b"c"]), key([b"a".as_slice(), b"bc"]));
        assert_eq!(key([b"x".as_slice()]), key([b"x".as_slice()]));
        assert_eq!(key([b"x".as_slice()]).len(), 32);
    }

    #[test]
    fn every_card_input_changes_the_key() {
        let base = CardText {
            site_name: "موجز سوريا وروسيا",
            title: "بوتين يجري أول اتصال هاتفي مع الشرع",
            date: "12 شباط/فبراير 2025",
            dir: Direction::Rtl,
            lang: "ar",
        };
        let palette = Palette::default();
        let k = card_key(&base, &palette);
        let variants = [
            CardText {
                site_name: "Syria–Russia Brief",
                ..base
            },
            CardText {
                title: "بوتين يجري أول اتصال هاتفي مع الشرع.",
                ..base
            },
            CardText {
                date: "12 شباط 2025",
                ..base
            },
            CardText {
                dir: Direction::Ltr,
                ..base
            },
            CardText { lang: "fa", ..base },
        ];
        for text in variants {
            assert_ne!(card_key(&text, &palette), k, "{text:?}");
        }
        let dark = Palette {
            paper: Rgb(0x11, 0x12, 0x14),
            ..palette
        };
        assert_ne!(card_key(&base, &dark), k);
        assert_eq!(card_key(&base, &Palette::default()), k);
    }

    #[test]
    fn a_card_is_drawn_once_then_served_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::for_site(dir.path());
        let mut painter = CardPainter::new();
        let text = CardText {
            site_name: "Syria–Russia Brief",
            title: "Putin holds first phone call with al-Sharaa",
            date: "12 February 2025",
            dir: Direction::Ltr,
            lang: "en",
        };
        let first = cache
            .card(&mut painter, &text, &Palette::default())
            .unwrap();
        assert!(first.made);
        assert_eq!(&first.png[1..4], b"PNG");
        let path = cache.card_path(&text, &Palette::default());
        assert!(path.starts_with(dir.path().join(".brief-cache/cards")));
        assert_eq!(fs::read(&path).unwrap(), first.png);
        let second = cache
            .card(&mut painter, &text, &Palette::default())
            .unwrap();
        assert_eq!(
            second,
            CachedCard {
                png: first.png,
                made: false
            }
        );
    }
}
