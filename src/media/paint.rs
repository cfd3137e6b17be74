//! Laid-out text (a shaped cosmic-text `Buffer`) → glyph outlines filled on a
//! tiny-skia pixmap. Outlines come from the font itself through skrifa, unhinted, so
//! the result depends only on the font bytes and the layout, not on the machine.

use cosmic_text::skrifa::instance::{LocationRef, Size};
use cosmic_text::skrifa::outline::{DrawSettings, OutlinePen};
use cosmic_text::skrifa::{FontRef, GlyphId, MetadataProvider};
use cosmic_text::{Buffer, FontSystem};
use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Transform};

/// Fills every glyph of `buffer` in `color`, with the buffer's top-left corner at
/// (`left`, `top`) on `pixmap`.
pub fn fill_text(
    pixmap: &mut Pixmap,
    fonts: &mut FontSystem,
    buffer: &Buffer,
    left: f32,
    top: f32,
    color: Color,
) {
    let mut paint = Paint::default();
    paint.set_color(color);
    paint.anti_alias = true;
    for run in buffer.layout_runs() {
        for glyph in run.glyphs {
            let Some(font) = fonts.get_font(glyph.font_id, glyph.font_weight) else {
                continue;
            };
            let index = fonts.db().face(glyph.font_id).map_or(0, |face| face.index);
            let Ok(face) = FontRef::from_index(font.data(), index) else {
                continue;
            };
            let Some(outline) = face
                .outline_glyphs()
                .get(GlyphId::new(glyph.glyph_id.into()))
            else {
                continue;
            };
            let mut pen = PathPen(PathBuilder::new());
            let settings =
                DrawSettings::unhinted(Size::new(glyph.font_size), LocationRef::default());
            if outline.draw(settings, &mut pen).is_err() {
                continue;
            }
            // Spaces and other blank glyphs have no outline.
            let Some(path) = pen.0.finish() else {
                continue;
            };
            let x = left + glyph.x + glyph.font_size * glyph.x_offset;
            let y = top + run.line_y + glyph.y - glyph.font_size * glyph.y_offset;
            // Font units point up; the pixmap's y axis points down.
            let transform = Transform::from_row(1.0, 0.0, 0.0, -1.0, x, y);
            pixmap.fill_path(&path, &paint, FillRule::Winding, transform, None);
        }
    }
}

/// Receives a glyph's outline from skrifa and builds a tiny-skia path of it.
struct PathPen(PathBuilder);

impl OutlinePen for PathPen {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        self.0.quad_to(cx0, cy0, x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.0.cubic_to(cx0, cy0, cx1, cy1, x, y);
    }

    fn close(&mut self) {
        self.0.close();
    }
}
