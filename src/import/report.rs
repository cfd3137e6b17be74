//! What an import did → the text `brief import` prints: converted, skipped with
//! reasons, what to review (with file and line), and the next command.

use crate::text::count::count;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Where the site was written (as given on the command line).
    pub dest: PathBuf,
    /// Source file → the file written.
    pub converted: Vec<(PathBuf, PathBuf)>,
    /// Files copied (assets, bundle resources).
    pub copied: usize,
    /// Source file → why it was not imported.
    pub skipped: Vec<(PathBuf, String)>,
    /// Written file, line (0: the whole file) → what to look at.
    pub review: Vec<(PathBuf, usize, String)>,
    /// Front matter keys brief has no use for, dropped → how many files had them.
    pub dropped_keys: BTreeMap<String, usize>,
}

impl Report {
    pub fn skip(&mut self, file: impl AsRef<Path>, why: impl Into<String>) {
        self.skipped.push((file.as_ref().to_path_buf(), why.into()));
    }

    pub fn review(&mut self, file: impl AsRef<Path>, line: usize, what: impl Into<String>) {
        self.review
            .push((file.as_ref().to_path_buf(), line, what.into()));
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "converted {}, copied {}, skipped {}, {} to review",
            count(self.converted.len(), "page", "pages"),
            count(self.copied, "file", "files"),
            self.skipped.len(),
            self.review.len()
        );
        if !self.converted.is_empty() {
            out.push_str("\nconverted:\n");
            for (from, to) in &self.converted {
                let _ = writeln!(out, "  {} → {}", from.display(), to.display());
            }
        }
        if !self.skipped.is_empty() {
            out.push_str("\nskipped:\n");
            for (file, why) in &self.skipped {
                let _ = writeln!(out, "  {}: {why}", file.display());
            }
        }
        if !self.dropped_keys.is_empty() {
            out.push_str("\nfront matter keys brief does not use, dropped:\n");
            for (key, count_of) in &self.dropped_keys {
                let _ = writeln!(out, "  {key} (in {})", count(*count_of, "file", "files"));
            }
        }
        if !self.review.is_empty() {
            out.push_str("\nto review (left as they were):\n");
            for (file, line, what) in &self.review {
                match line {
                    0 => {
                        let _ = writeln!(out, "  {}: {what}", file.display());
                    }
                    n => {
                        let _ = writeln!(out, "  {}:{n}: {what}", file.display());
                    }
                }
            }
        }
        let _ = writeln!(out, "\nnext: brief -C {} check", self.dest.display());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_part_and_the_next_command() {
        let mut report = Report {
            dest: PathBuf::from("مدونتي"),
            converted: vec![(
                "_posts/2015-07-20-intro.markdown".into(),
                "content/posts/intro.ar.md".into(),
            )],
            copied: 2,
            ..Report::default()
        };
        report.skip("_drafts/idea.md", "a draft without a date");
        report.review(
            "content/posts/intro.ar.md",
            7,
            "Liquid tag `{% include toc.html %}`",
        );
        report.dropped_keys.insert("layout".into(), 3);
        assert_eq!(
            report.render(),
            "converted 1 page, copied 2 files, skipped 1, 1 to review\n\nconverted:\n  _posts/2015-07-20-intro.markdown → content/posts/intro.ar.md\n\nskipped:\n  _drafts/idea.md: a draft without a date\n\nfront matter keys brief does not use, dropped:\n  layout (in 3 files)\n\nto review (left as they were):\n  content/posts/intro.ar.md:7: Liquid tag `{% include toc.html %}`\n\nnext: brief -C مدونتي check\n"
        );
    }
}
