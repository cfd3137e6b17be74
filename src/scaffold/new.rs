//! `brief new <section>/<slug>`: → `content/<section>/<slug>/index.<lang>.md` for
//! every configured language, with front matter filled in and today's date.

use std::io;
use std::path::{Path, PathBuf};

use crate::config::Language;
use crate::error::{Error, Result};
use crate::text::slug::slugify;

/// Creates the files of a new briefing in the site at `root`; returns their paths
/// relative to it. Writes nothing if any of them exists.
pub fn new(root: &Path, name: &str) -> Result<Vec<PathBuf>> {
    let (section, slug) = parse_name(name).map_err(Error::Usage)?;
    let config = crate::site::load::load_config(root, &crate::site::LoadOptions::default())?;
    let dir = Path::new("content").join(section).join(slug);
    let files: Vec<(PathBuf, &Language)> = config
        .languages
        .iter()
        .map(|l| (dir.join(format!("index.{}.md", l.code)), l))
        .collect();
    if let Some((existing, _)) = files.iter().find(|(f, _)| root.join(f).exists()) {
        return Err(Error::Io {
            path: existing.clone(),
            source: io::Error::new(
                io::ErrorKind::AlreadyExists,
                "already exists; `brief new` never replaces a file, so it wrote nothing",
            ),
        });
    }
    let today = jiff::ZonedDateTime::now().date();
    let mut written = Vec::new();
    for (file, lang) in &files {
        let text = front_matter(lang, &today.to_string());
        if !super::create::create(&root.join(file), &text)? {
            // Created by someone else between the check above and now.
            return Err(Error::Io {
                path: file.clone(),
                source: io::Error::new(io::ErrorKind::AlreadyExists, "appeared while writing"),
            });
        }
        written.push(file.clone());
    }
    Ok(written)
}

/// `briefings/my-story` → (`briefings`, `my-story`), refusing anything that is not
/// two plain URL segments, so the files land in `content/` and nowhere else.
fn parse_name(name: &str) -> std::result::Result<(&str, &str), String> {
    let example = "write SECTION/SLUG, for example `brief new briefings/putin-call`";
    let Some((section, slug)) = name.split_once('/') else {
        return Err(format!("`{name}` has no section: {example}"));
    };
    for segment in [section, slug] {
        if segment.is_empty() || segment.contains(['/', '\\']) {
            return Err(format!(
                "`{name}` is not a relative SECTION/SLUG path: {example}"
            ));
        }
        if segment == "." || segment == ".." {
            return Err(format!("`{name}` leads out of content/: {example}"));
        }
        if segment.starts_with(['.', '_']) {
            return Err(format!(
                "`{segment}` starts with `{}`, and brief skips such files: {example}",
                &segment[..1]
            ));
        }
        let slugged = slugify(segment);
        if slugged != segment {
            return Err(format!(
                "`{segment}` is not a slug (lower-case letters, digits and hyphens): write `{slugged}` instead"
            ));
        }
    }
    Ok((section, slug))
}

/// The text of one edition: front matter with placeholders, and a line of body.
fn front_matter(lang: &Language, today: &str) -> String {
    let (title, body) = match lang.code.as_str() {
        "ar" => (
            "عنوان الإحاطة",
            "اكتب نص الإحاطة هنا. الأسماء اللاتينية مثل Vladimir Putin والأرقام مثل 2025 تُعزل تلقائياً.",
        ),
        _ => (
            "Briefing title",
            "Write the briefing here. Names in Arabic script, such as فلاديمير بوتين, are isolated for you.",
        ),
    };
    format!(
        "---\ntitle: \"{title}\"\ndate: {today}\n# updated: {today}\nsummary: \"\"\ntags: []\n# Ids from content/entities.yaml, e.g. [putin, damascus].\nentities: []\n# Dated events for the timelines, e.g.\n#   - date: 2025-01       # a year, a month, a day or a timestamp\n#     text: \"One line\"\n#     entities: [putin]\nevents: []\n# draft: true            # keeps it out of the build until it is ready\n---\n\n{body}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_two_plain_segments() {
        let cases = [
            ("briefings/putin-call", Ok(("briefings", "putin-call"))),
            ("briefings/اتصال-بوتين", Ok(("briefings", "اتصال-بوتين"))),
            ("notes/2025-review", Ok(("notes", "2025-review"))),
            ("putin-call", Err("has no section")),
            ("../etc/passwd", Err("leads out of content/")),
            ("briefings/..", Err("leads out of content/")),
            ("briefings/.hidden", Err("starts with `.`")),
            ("/etc/passwd", Err("is not a relative SECTION/SLUG path")),
            ("briefings/a/b", Err("is not a relative SECTION/SLUG path")),
            ("briefings/", Err("is not a relative SECTION/SLUG path")),
            ("briefings/_draft", Err("starts with `_`")),
            ("briefings/Putin Call", Err("write `putin-call` instead")),
            ("C:/x", Err("write `c` instead")),
        ];
        for (name, expected) in cases {
            match (parse_name(name), expected) {
                (Ok(got), Ok(want)) => assert_eq!(got, want, "{name}"),
                (Err(got), Err(want)) => assert!(got.contains(want), "{name}: {got}"),
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }
}
