//! The code's shape, kept true: no source file imports a module that imports it back
//! (directly or around a longer circle), so data flows one way through the pipeline.
//! An import is any `crate::…`, `super::…` or `self::…` path, and a parent module's
//! use of a child by name (`child::item`); `mod child;` declarations are structure,
//! not imports.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::repo;

type Module = Vec<String>;

/// Every module of `src/` (lib.rs is the root, `[]`) → its source without tests.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut modules = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(src).unwrap().with_extension("");
        let mut module: Module = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod" || m == "lib") {
            module.pop();
        }
        let text = std::fs::read_to_string(path).unwrap();
        let text = match text.find("#[cfg(test)]") {
            Some(i) => text[..i].to_string(),
            None => text,
        };
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        modules.insert(module, code);
    }
    modules
}

/// The longest known module that `path` (from the crate root) lies in.
fn resolve(modules: &BTreeMap<Module, String>, path: &[String]) -> Option<Module> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|m| modules.contains_key(m))
}

fn imports(modules: &BTreeMap<Module, String>, module: &Module, code: &str) -> BTreeSet<Module> {
    let mut found = BTreeSet::new();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    for start in ["crate", "super", "self"] {
        let mut rest = code;
        while let Some(i) = rest.find(start) {
            let before = rest[..i].chars().next_back();
            let after = &rest[i + start.len()..];
            rest = after;
            if before.is_some_and(|c| word(c) || c == ':') || !after.starts_with("::") {
                continue;
            }
            let base: Module = match start {
                "crate" => Vec::new(),
                "self" => module.clone(),
                _ => module[..module.len().saturating_sub(1)].to_vec(),
            };
            // The path's segments, then each item of a `{…}` group.
            let tail = &after[2..];
            let mut segments: Vec<String> = Vec::new();
            for part in tail.split("::") {
                let name: String = part.chars().take_while(|&c| word(c)).collect();
                if name.is_empty() {
                    break;
                }
                let whole = name.len() == part.len();
                segments.push(name);
                if !whole {
                    break;
                }
            }
            let mut paths = vec![segments.clone()];
            if let Some(open) = tail.find('{')
                && tail[..open].chars().all(|c| word(c) || c == ':')
                && let Some(close) = tail[open..].find('}')
            {
                for item in tail[open + 1..open + close].split(',') {
                    let first: String = item.trim().chars().take_while(|&c| word(c)).collect();
                    if !first.is_empty() && first != "self" {
                        let mut p = segments.clone();
                        p.push(first);
                        paths.push(p);
                    }
                }
            }
            for p in paths {
                let mut full = base.clone();
                full.extend(p);
                if let Some(m) = resolve(modules, &full)
                    && &m != module
                {
                    found.insert(m);
                }
            }
        }
    }
    // A parent naming one of its children.
    for child in modules
        .keys()
        .filter(|k| k.len() == module.len() + 1 && k.starts_with(module))
    {
        let name = format!("{}::", child[child.len() - 1]);
        let mut rest = code;
        while let Some(i) = rest.find(&name) {
            let before = rest[..i].chars().next_back();
            rest = &rest[i + name.len()..];
            if !before.is_some_and(|c| word(c) || c == ':') {
                found.insert(child.clone());
                break;
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules(&repo().join("src"));
    assert!(modules.len() > 40, "{} modules", modules.len());
    let graph: BTreeMap<&Module, BTreeSet<Module>> = modules
        .iter()
        .map(|(m, code)| (m, imports(&modules, m, code)))
        .collect();
    // The scan must see real imports, or the test proves nothing.
    let build = graph[&vec!["build".to_string()]].clone();
    assert!(build.contains(&vec!["plan".to_string()]), "{build:?}");
    // A circle exists when a module reaches itself.
    for (start, direct) in &graph {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Module> = direct.iter().cloned().collect();
        while let Some(m) = stack.pop() {
            assert!(
                &m != *start,
                "`{}` imports a module that (directly or not) imports it back",
                start.join("::")
            );
            if seen.insert(m.clone())
                && let Some(next) = graph.get(&m)
            {
                stack.extend(next.iter().cloned());
            }
        }
    }
}
