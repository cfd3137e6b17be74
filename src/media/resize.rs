//! A bundle image (JPEG, PNG or WebP) → smaller copies at a few widths for `srcset`,
//! with their pixel sizes for `width`/`height`, kept in the cache by content hash so a
//! later build reuses them without decoding or encoding anything.
//!
//! Choices: widths 480, 960 and 1600 px, only those narrower than the original (never
//! upscaled; the original itself is published unchanged and is the widest candidate);
//! EXIF orientation applied, so copies stand upright; Catmull-Rom filter; JPEG stays
//! JPEG (quality 82), PNG stays PNG, WebP becomes JPEG (or PNG when it has
//! transparency), because the `image` crate writes only lossless WebP. The colour
//! profile (ICC) travels with JPEG and PNG copies.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader};
use rayon::prelude::*;

use super::cache::{self, Cache};
use super::error::MediaError;
use super::progress::Progress;

/// The widths (px) of the copies, narrowest first.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// Changes whenever the encoding changes, so cached copies are made again.
const RESIZE_VERSION: u32 = 1;
const JPEG_QUALITY: u8 = 82;
const FILTER: FilterType = FilterType::CatmullRom;

/// An image and its resized copies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resized {
    /// The original's size, as displayed (after EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The copies, narrowest first; empty when the original is 480 px wide or less.
    pub variants: Vec<Variant>,
    /// How many copies this call had to encode (0 on a warm cache).
    pub encoded: usize,
}

/// One resized copy: where it is in the cache, its size, and the file extension to
/// publish it with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub path: PathBuf,
    pub width: u32,
    pub height: u32,
    pub extension: &'static str,
}

impl Variant {
    /// The name to publish this copy under, next to the original:
    /// `map.png` → `map-480w.png`.
    pub fn file_name(&self, original: &Path) -> String {
        let stem = original
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        format!("{stem}-{}w.{}", self.width, self.extension)
    }
}

/// Whether `path` is an image this module resizes (by extension). Other images (SVG,
/// GIF, AVIF) are published as they are.
pub fn is_resizable(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png" | "webp"))
}

impl Cache {
    /// The resized copies of the image at `path`, from the cache when an earlier
    /// build made them.
    pub fn resize(&self, path: &Path) -> Result<Resized, MediaError> {
        let bytes = std::fs::read(path).map_err(|source| MediaError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.resize_bytes(path, &bytes)
    }

    /// [`Cache::resize`] for many images at once, in parallel, telling `progress` after
    /// each. Results come back in the order of `paths`.
    pub fn resize_all(
        &self,
        paths: &[PathBuf],
        progress: &dyn Progress,
    ) -> Vec<Result<Resized, MediaError>> {
        let done = AtomicUsize::new(0);
        let total = paths.len();
        paths
            .par_iter()
            .map(|path| {
                let result = self.resize(path);
                progress.advance(done.fetch_add(1, Ordering::Relaxed) + 1, total);
                result
            })
            .collect()
    }

    /// [`Cache::resize`] of bytes already read; `path` names the image in messages.
    pub fn resize_bytes(&self, path: &Path, bytes: &[u8]) -> Result<Resized, MediaError> {
        let (layout, decoder) = Layout::read(path, bytes)?;
        let key = cache::key([b"image".as_slice(), &RESIZE_VERSION.to_le_bytes(), bytes]);
        let dir = self.images_dir();
        let variants: Vec<Variant> = layout
            .variants()
            .into_iter()
            .map(|(w, h)| Variant {
                path: dir.join(format!("{key}-{w}.{}", layout.extension)),
                width: w,
                height: h,
                extension: layout.extension,
            })
            .collect();
        let missing: Vec<&Variant> = variants.iter().filter(|v| !v.path.is_file()).collect();
        if missing.is_empty() {
            return Ok(Resized {
                width: layout.width,
                height: layout.height,
                variants,
                encoded: 0,
            });
        }

        let decode_error = |e: image::ImageError| MediaError::Decode {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let mut decoder = decoder;
        let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        let icc = decoder.icc_profile().ok().flatten();
        let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
        image.apply_orientation(orientation);
        for variant in &missing {
            let copy = image.resize_exact(variant.width, variant.height, FILTER);
            let encoded =
                encode(&copy, variant.extension, icc.clone()).map_err(|e| MediaError::Encode {
                    path: path.to_path_buf(),
                    reason: e.to_string(),
                })?;
            cache::store(&variant.path, &encoded)?;
        }
        Ok(Resized {
            width: layout.width,
            height: layout.height,
            encoded: missing.len(),
            variants,
        })
    }
}

/// What a page needs to know of an image before any copy is made: its displayed size
/// and the kind of file its copies are, read from the file's header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The original's size, as displayed (after EXIF orientation).
    pub width: u32,
    pub height: u32,
    /// The copies' file extension: `jpg` or `png`.
    pub extension: &'static str,
}

impl Layout {
    /// The layout of the image at `path`.
    pub fn probe(path: &Path) -> Result<Layout, MediaError> {
        let bytes = std::fs::read(path).map_err(|source| MediaError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Layout::read(path, &bytes).map(|(layout, _)| layout)
    }

    /// The layout of `bytes`, and the decoder that read its header.
    fn read<'b>(
        path: &Path,
        bytes: &'b [u8],
    ) -> Result<(Layout, Box<dyn ImageDecoder + 'b>), MediaError> {
        let decode_error = |e: image::ImageError| MediaError::Decode {
            path: path.to_path_buf(),
            reason: e.to_string(),
        };
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|source| MediaError::Io {
                path: path.to_path_buf(),
                source,
            })?;
        let format = reader.format();
        let mut decoder = reader.into_decoder().map_err(decode_error)?;
        let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
        let (width, height) = oriented(decoder.dimensions(), orientation);
        let extension = match format {
            Some(ImageFormat::Png) => "png",
            Some(ImageFormat::WebP) if decoder.color_type().has_alpha() => "png",
            _ => "jpg",
        };
        Ok((
            Layout {
                width,
                height,
                extension,
            },
            Box::new(decoder),
        ))
    }

    /// The (width, height) of each copy, narrowest first: every width of [`WIDTHS`]
    /// narrower than the original.
    pub fn variants(&self) -> Vec<(u32, u32)> {
        WIDTHS
            .iter()
            .filter(|&&w| w < self.width)
            .map(|&w| (w, scaled_height(self.width, self.height, w)))
            .collect()
    }

    /// The path a copy `width` px wide is published at, next to the original at
    /// `original` (a `/`-separated path): `briefings/x/map.png` → `briefings/x/map-480w.png`.
    pub fn variant_path(&self, original: &str, width: u32) -> String {
        let (dir, name) = original.rsplit_once('/').unwrap_or(("", original));
        let stem = match name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => name,
        };
        let file = format!("{stem}-{width}w.{}", self.extension);
        if dir.is_empty() {
            file
        } else {
            format!("{dir}/{file}")
        }
    }
}

fn encode(
    image: &DynamicImage,
    extension: &str,
    icc: Option<Vec<u8>>,
) -> image::ImageResult<Vec<u8>> {
    let mut out = Vec::new();
    if extension == "png" {
        let mut encoder = PngEncoder::new(&mut out);
        if let Some(icc) = icc {
            // A profile the encoder cannot embed leaves the copy in sRGB, as browsers
            // assume anyway.
            let _ = encoder.set_icc_profile(icc);
        }
        image.write_with_encoder(encoder)?;
    } else {
        let mut encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        if let Some(icc) = icc {
            let _ = encoder.set_icc_profile(icc);
        }
        // JPEG has no alpha channel: flatten to RGB.
        DynamicImage::ImageRgb8(image.to_rgb8()).write_with_encoder(encoder)?;
    }
    Ok(out)
}

/// The displayed size: a quarter turn swaps width and height.
fn oriented((w, h): (u32, u32), orientation: Orientation) -> (u32, u32) {
    match orientation {
        Orientation::Rotate90
        | Orientation::Rotate270
        | Orientation::Rotate90FlipH
        | Orientation::Rotate270FlipH => (h, w),
        _ => (w, h),
    }
}

/// The height of a copy `new_width` wide, keeping the aspect ratio (at least 1 px).
fn scaled_height(width: u32, height: u32, new_width: u32) -> u32 {
    let h =
        (u64::from(height) * u64::from(new_width) + u64::from(width) / 2) / u64::from(width.max(1));
    (h as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_keep_the_aspect_ratio() {
        for (w, h, new_w, expected) in [
            (1920, 1080, 480, 270),
            (1920, 1080, 960, 540),
            (1600, 1200, 480, 360),
            (3000, 2000, 1600, 1067),
            (1000, 1, 480, 1),
            (4000, 3, 480, 1),
        ] {
            assert_eq!(scaled_height(w, h, new_w), expected, "{w}x{h} → {new_w}");
        }
    }

    #[test]
    fn quarter_turns_swap_the_size() {
        for (orientation, expected) in [
            (Orientation::NoTransforms, (4000, 3000)),
            (Orientation::Rotate180, (4000, 3000)),
            (Orientation::FlipHorizontal, (4000, 3000)),
            (Orientation::Rotate90, (3000, 4000)),
            (Orientation::Rotate270FlipH, (3000, 4000)),
        ] {
            assert_eq!(
                oriented((4000, 3000), orientation),
                expected,
                "{orientation:?}"
            );
        }
    }

    #[test]
    fn only_raster_formats_are_resized() {
        for (name, expected) in [
            ("map.png", true),
            ("Photo.JPG", true),
            ("photo.jpeg", true),
            ("still.webp", true),
            ("chart.svg", false),
            ("loop.gif", false),
            ("notes.pdf", false),
            ("noextension", false),
        ] {
            assert_eq!(is_resizable(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn published_copies_sit_next_to_the_original() {
        let jpg = Layout {
            width: 1920,
            height: 1080,
            extension: "jpg",
        };
        for (original, width, expected) in [
            (
                "briefings/call/dusk.jpg",
                480,
                "briefings/call/dusk-480w.jpg",
            ),
            (
                "briefings/call/still.webp",
                960,
                "briefings/call/still-960w.jpg",
            ),
            (
                "briefings/call/خريطة.jpeg",
                1600,
                "briefings/call/خريطة-1600w.jpg",
            ),
            ("photo.jpg", 480, "photo-480w.jpg"),
            (
                "briefings/call/.hidden",
                480,
                "briefings/call/.hidden-480w.jpg",
            ),
        ] {
            assert_eq!(jpg.variant_path(original, width), expected, "{original}");
        }
        let sizes: Vec<(u32, u32)> = jpg.variants();
        assert_eq!(sizes, [(480, 270), (960, 540), (1600, 900)]);
        let small = Layout {
            width: 480,
            height: 300,
            extension: "png",
        };
        assert!(
            small.variants().is_empty(),
            "never upscaled, never the same width"
        );
    }

    #[test]
    fn copy_names_sit_next_to_the_original() {
        let v = Variant {
            path: PathBuf::from("x"),
            width: 960,
            height: 540,
            extension: "jpg",
        };
        assert_eq!(
            v.file_name(Path::new("content/briefings/call/kremlin.webp")),
            "kremlin-960w.jpg"
        );
    }
}
