//! The site's template and theme directories → problems brief would otherwise pass
//! over: a `theme:` with no directory under `themes/`, and template files whose names
//! brief never renders and no other template includes (a typo such as
//! `templates/artcle.html` would otherwise be ignored without a word).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::{self, Config, key_line};
use crate::diagnostic::{Diagnostic, did_you_mean, display_path};
use crate::render::theme::TEMPLATES;

/// The built-in theme's name; it needs no directory.
pub const BUILT_IN_THEME: &str = "default";

pub fn check(root: &Path, config: &Config, config_source: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut dirs = vec![root.join("templates")];
    if let Some(theme) = &config.theme {
        let dir = root.join("themes").join(theme);
        if dir.is_dir() {
            dirs.insert(0, dir.join("templates"));
        } else if theme != BUILT_IN_THEME {
            let existing = theme_names(root);
            let mut d = Diagnostic::error(
                config::FILE,
                format!("the theme `{theme}` does not exist: there is no themes/{theme}/"),
            )
            .at(config_source, key_line(config_source, "theme"), 1);
            d.help = Some(match did_you_mean(theme, existing.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{near}`?"),
                None if existing.is_empty() => {
                    "create themes/<name>/ with templates/ and static/, or remove `theme:` to use the built-in theme".into()
                }
                None => format!("the themes are: {}", existing.join(", ")),
            });
            problems.push(d);
        }
    }
    let files = template_files(&dirs);
    let known: Vec<&str> = TEMPLATES.iter().map(|(name, _)| *name).collect();
    for (name, path) in &files {
        if known.contains(&name.as_str()) || is_included(name, &files) {
            continue;
        }
        let mut d = Diagnostic::warning(
            display_path(root, path),
            format!("brief does not use a template named `{name}`, and no template includes it"),
        );
        d.help = Some(match did_you_mean(name, known.iter().copied()) {
            Some(near) => {
                format!("did you mean `{near}`? Rename the file to override the built-in one")
            }
            None => format!(
                "the templates brief renders are: {}; a shared piece must be included by one of them",
                known.join(", ")
            ),
        });
        problems.push(d);
    }
    problems
}

fn theme_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Template name (relative path with `/`) → file, for every file in `dirs`.
fn template_files(dirs: &[PathBuf]) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for dir in dirs {
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            if let Ok(name) = entry.path().strip_prefix(dir) {
                let name = name.to_string_lossy().replace('\\', "/");
                if !name.starts_with('.') {
                    files.insert(name, entry.path().to_path_buf());
                }
            }
        }
    }
    files
}

/// Whether another template names `name` in quotes (`{% include "name" %}`,
/// `{% import "name" as x %}`, `{% extends "name" %}`).
fn is_included(name: &str, files: &BTreeMap<String, PathBuf>) -> bool {
    let quoted = [format!("\"{name}\""), format!("'{name}'")];
    let built_in = TEMPLATES.iter().map(|(_, text)| text.to_string());
    let site = files
        .iter()
        .filter(|(other, _)| other.as_str() != name)
        .filter_map(|(_, path)| std::fs::read_to_string(path).ok());
    built_in
        .chain(site)
        .any(|text| quoted.iter().any(|q| text.contains(q.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(theme: Option<&str>, files: &[&str]) -> (tempfile::TempDir, Vec<Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let text = if file.ends_with("article.html") {
                "{% include \"partials/byline.html\" %}"
            } else {
                "<p>نص</p>"
            };
            std::fs::write(path, text).unwrap();
        }
        let yaml = format!(
            "title: موجز\nbase_url: /\nlanguages: [{{code: ar}}]\n{}",
            theme.map(|t| format!("theme: {t}\n")).unwrap_or_default()
        );
        let config = Config::parse(Path::new("brief.yaml"), &yaml).unwrap();
        let problems = check(dir.path(), &config, &yaml);
        (dir, problems)
    }

    #[test]
    fn misnamed_templates_and_missing_themes() {
        let (_d, found) = site(
            None,
            &[
                "templates/artcle.html",
                "templates/article.html",
                "templates/partials/byline.html",
            ],
        );
        let found: Vec<_> = found
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].0,
            "brief does not use a template named `artcle.html`, and no template includes it"
        );
        assert!(found[0].1.starts_with("did you mean `article.html`?"));

        let (_d, found) = site(Some("newsroon"), &["themes/newsroom/templates/base.html"]);
        assert_eq!(
            found[0].message,
            "the theme `newsroon` does not exist: there is no themes/newsroon/"
        );
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].help.as_deref(), Some("did you mean `newsroom`?"));

        let (_d, found) = site(Some("default"), &[]);
        assert!(found.is_empty(), "{found:?}");
    }
}
