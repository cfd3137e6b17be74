//! Records → Pagefind → the files of one language's bundle: Pagefind is run as a
//! library on a small runtime of its own, and only the files the search page loads
//! are kept.

use std::collections::BTreeMap;

/// A bundle's files: (path inside the bundle directory, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// Pagefind's files the search page loads; the UI kits it also makes
/// (`pagefind-ui.js`, `pagefind-component-ui.js`, …) are not written, since the
/// theme has its own page.
fn is_needed(file: &str) -> bool {
    matches!(
        file,
        "pagefind.js" | "pagefind-worker.js" | "pagefind-entry.json"
    ) || file.starts_with("wasm.")
        || file.ends_with(".pf_meta")
        || file.starts_with("fragment/")
        || file.starts_with("index/")
        || file.starts_with("filter/")
}

/// One briefing as Pagefind indexes it.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub url: String,
    /// Summary then body words, with hidden variants and names (see `search::text`).
    pub content: String,
    /// Pagefind's language: the page's own, except Arabic (see `search::index_language`).
    pub language: String,
    /// `title`, `date` (in the house style), `image` when the briefing has one.
    pub meta: BTreeMap<String, String>,
    /// `entity`, `tag`, `section`, `year`.
    pub filters: BTreeMap<String, Vec<String>>,
    /// `date`: the date as written (ISO order), for sorting by date.
    pub sort: BTreeMap<String, String>,
}

/// Runs Pagefind over `records` on a small runtime of its own (Pagefind's API is
/// async) and returns the bundle's files, relative to the bundle directory.
pub fn index(records: Vec<Record>) -> Result<Files, String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let options = pagefind::options::PagefindServiceConfig::builder().build();
        let mut index =
            pagefind::api::PagefindIndex::new(Some(options)).map_err(|e| e.to_string())?;
        for record in records {
            index
                .add_custom_record(
                    record.url,
                    record.content,
                    record.language,
                    Some(record.meta),
                    Some(record.filters),
                    Some(record.sort),
                )
                .await
                .map_err(|e| e.to_string())?;
        }
        let files = index.get_files().await.map_err(|e| e.to_string())?;
        let mut files: Vec<(String, Vec<u8>)> = files
            .into_iter()
            .filter_map(|file| {
                let name = file.filename.to_string_lossy().replace('\\', "/");
                is_needed(&name).then_some((name, file.contents))
            })
            .collect();
        // Pagefind always adds its language-neutral WebAssembly; a language with a
        // stemmer of its own loads only its own.
        let stemmed = files
            .iter()
            .any(|(n, _)| n.starts_with("wasm.") && n != "wasm.unknown.pagefind");
        files.retain(|(n, _)| !(stemmed && n == "wasm.unknown.pagefind"));
        Ok(files)
    })
}
