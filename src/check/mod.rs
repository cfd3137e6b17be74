//! `brief check`: a site on disk → a [`Report`] of findings grouped per file. It runs
//! every validation of `brief build` (loading and rendering every page in memory),
//! then what only a whole-site view can see: links that lead nowhere, missing and
//! stale translations, registry entities nothing mentions. It writes nothing.

mod ambiguous;
mod links;
mod report;
mod translations;
mod untrusted;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::entities::registry;
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::site::{LoadOptions, Site};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Warnings count as errors, so CI can refuse them.
    pub strict: bool,
    /// Check drafts too, as `brief build --drafts` would publish them.
    pub drafts: bool,
    /// List one-word aliases worth marking `ambiguous:` in the registry.
    pub suggest_ambiguous: bool,
}

/// Everything `check` found, by file (paths relative to the site root).
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Per language code: the files a translation is missing as (or, for editions
    /// paired by `translation_key`, the key), sorted.
    pub missing: BTreeMap<String, Vec<String>>,
    /// Content files that were read.
    pub checked: usize,
    /// False when the site had errors that stop the whole-site checks (links,
    /// translations, entities) from running.
    pub complete: bool,
    pub strict: bool,
}

impl Report {
    fn count(&self, severity: Severity) -> usize {
        self.files
            .values()
            .flatten()
            .filter(|d| d.severity == severity)
            .count()
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    pub fn notes(&self) -> usize {
        self.count(Severity::Note)
    }

    /// Whether CI should pass: no errors (with `--strict`, warnings are errors).
    pub fn passed(&self) -> bool {
        self.errors() == 0
    }

    fn add(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        for mut d in diagnostics {
            if self.strict && d.severity == Severity::Warning {
                d.severity = Severity::Error;
            }
            self.files.entry(d.file.clone()).or_default().push(d);
        }
    }

    /// Findings within a file in the order of its lines; whole-file findings first.
    fn sort(&mut self) {
        for list in self.files.values_mut() {
            list.sort_by(|a, b| {
                (a.line, a.column, a.severity).cmp(&(b.line, b.column, b.severity))
            });
        }
    }
}

/// Checks the site at `root`. `Err` only for what stops any checking: no site there,
/// an unreadable file, a template that fails to render.
pub fn check(root: &Path, options: &Options) -> Result<Report> {
    let mut report = Report {
        strict: options.strict,
        ..Report::default()
    };
    let load = LoadOptions {
        drafts: options.drafts,
        base_url: None,
        stream: false,
    };
    match Site::load(root, &load) {
        Ok(site) => {
            report.checked = site.articles.len();
            report.add(site.warnings.iter().cloned());
            let plan = match Plan::new(&site) {
                Ok(plan) => plan,
                Err(collisions) => {
                    report.add(collisions);
                    report.sort();
                    return Ok(report);
                }
            };
            render_every_page(&site, &plan)?;
            report.complete = true;
            report.add(links::check(&site, &plan));
            report.add(untrusted::refused(&site));
            let missing = translations::missing(&site);
            report.add(missing.diagnostics);
            report.missing = missing.by_language;
            report.add(translations::stale(&site));
            report.add(unused_entities(&site));
            report.add(ambiguous::uncounted(&site));
            report.add(ambiguous::suggestions(&site, options.suggest_ambiguous));
        }
        Err(Error::Content(diagnostics)) => {
            report.checked = markdown_files(root);
            report.add(diagnostics);
        }
        Err(other) => return Err(other),
    }
    report.sort();
    Ok(report)
}

/// What `brief build` warns about before it publishes: every broken reference of
/// every article (the errors of `brief check`, as warnings), and what an untrusted
/// body wrote that is not published as written. Call it once the bodies are
/// rendered (after [`crate::build::publish`] for a streamed site); a site whose plan
/// has collisions gets none (the build reports the collisions).
pub fn broken_references(site: &Site) -> Vec<Diagnostic> {
    let Ok(plan) = Plan::new(site) else {
        return Vec::new();
    };
    broken_references_in(site, &plan)
}

/// [`broken_references`] with the site's plan given (the build's own).
pub fn broken_references_in(site: &Site, plan: &Plan) -> Vec<Diagnostic> {
    let mut warnings: Vec<Diagnostic> = links::check(site, plan)
        .into_iter()
        .map(|d| Diagnostic {
            severity: Severity::Warning,
            ..d
        })
        .collect();
    warnings.extend(untrusted::refused(site));
    warnings
}

/// How many Markdown files `content/` has, for the summary of a site that did not
/// load (so the articles were never counted).
fn markdown_files(root: &Path) -> usize {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        // The same files the content loader reads: none under `.` or `_`.
        .filter_entry(|e| {
            e.depth() == 0 || !e.file_name().to_string_lossy().starts_with(['.', '_'])
        })
        .flatten()
        .filter(|e| e.file_type().is_file() && crate::content::is_markdown(e.path()))
        .count()
}

/// Renders every page as `build` would, keeping nothing, so a template that fails on
/// some page fails `check` too.
fn render_every_page(site: &Site, plan: &Plan) -> Result<()> {
    let renderer = crate::render::Renderer::new(&site.root, site.config.theme.as_deref())?;
    let shared = crate::render::Shared::new(site);
    plan.pages.par_iter().try_for_each(|page| {
        let (template, context) = crate::render::context(site, &shared, page);
        renderer.render(template, &context).map(drop)
    })
}

/// Registry entries that no briefing mentions, lists, or names in an event: likely
/// left over, or spelled differently in the text than in `names`.
fn unused_entities(site: &Site) -> Vec<Diagnostic> {
    let mut used: BTreeSet<usize> = site.refs.iter().flat_map(|r| r.keys().copied()).collect();
    for article in &site.articles {
        for event in &article.front.events {
            used.extend(crate::entities::mentions::of_event(
                &site.registry,
                &site.matcher,
                article,
                event,
                &site.root,
            ));
        }
    }
    let source = std::fs::read_to_string(site.root.join(registry::FILE)).unwrap_or_default();
    let source = crate::text::normalize::nfc_owned(source);
    site.registry
        .entities
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, entity)| {
            Diagnostic::note(
                registry::FILE,
                format!("entity `{}` is not mentioned anywhere", entity.id),
            )
            .at(&source, entity.line, 1)
            .width(entity.id.chars().count())
            .label("no briefing mentions this entity")
            .help(
                "mention one of its names in a briefing, list its id under `entities:`, or remove it",
            )
        })
        .collect()
}
