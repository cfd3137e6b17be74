//! A [`Report`] → text: for people, rustc-style diagnostics under a header per file
//! and a summary; for tools, the same as JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::Report;
use crate::diagnostic::Severity;

impl Report {
    /// The report as people read it, ending with a summary line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for (file, findings) in &self.files {
            let _ = writeln!(out, "{}: {}\n", file.display(), counts(findings));
            for d in findings {
                let _ = writeln!(out, "{}\n", d.render());
            }
        }
        if !self.missing.is_empty() {
            out.push_str("missing translations:\n");
            for (lang, files) in &self.missing {
                let _ = writeln!(out, "  {lang} ({}): {}", files.len(), files.join(", "));
            }
            out.push('\n');
        }
        let total = self.files.values().flatten();
        let _ = write!(
            out,
            "check: {} in {} content file{}",
            counts(total),
            self.checked,
            if self.checked == 1 { "" } else { "s" }
        );
        if self.strict && self.errors() > 0 {
            out.push_str(" (--strict: warnings count as errors)");
        }
        out.push('\n');
        if !self.complete {
            out.push_str(
                "note: links, translations and unused entities are checked once the errors above are fixed\n",
            );
        }
        out
    }

    /// The report for tools: the findings of each file, the counts, and the missing
    /// translations per language.
    pub fn to_json(&self) -> String {
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|(file, findings)| {
                let findings: Vec<Value> = findings
                    .iter()
                    .map(|d| {
                        json!({
                            "severity": severity(d.severity),
                            "line": (d.line > 0).then_some(d.line),
                            "column": (d.line > 0).then_some(d.column),
                            "message": d.message,
                            "label": (!d.label.is_empty()).then_some(&d.label),
                            "help": d.help,
                        })
                    })
                    .collect();
                json!({ "file": file.to_string_lossy(), "findings": findings })
            })
            .collect();
        let value = json!({
            "passed": self.passed(),
            "strict": self.strict,
            "complete": self.complete,
            "checked": self.checked,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "notes": self.notes(),
            "files": files,
            "missing_translations": self.missing,
        });
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// "1 error, 2 warnings", or "no problems".
fn counts<'a>(findings: impl IntoIterator<Item = &'a crate::diagnostic::Diagnostic>) -> String {
    let mut n = [0usize; 3];
    for d in findings {
        n[match d.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        }] += 1;
    }
    let parts: Vec<String> = [(n[0], "error"), (n[1], "warning"), (n[2], "note")]
        .into_iter()
        .filter(|&(count, _)| count > 0)
        .map(|(count, word)| format!("{count} {word}{}", if count == 1 { "" } else { "s" }))
        .collect();
    if parts.is_empty() {
        "no problems".to_string()
    } else {
        parts.join(", ")
    }
}
