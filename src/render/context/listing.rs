//! Listing pages (a section, a tag) → their cards and pagination.

use crate::render::data::PageData;
use serde_json::{Value, json};

use crate::config::Language;
use crate::render::i18n::Bundle;
use crate::render::shared::Shared;
use crate::site::Site;

#[allow(clippy::too_many_arguments)]
pub(super) fn list_context(
    site: &Site,
    shared: &Shared,
    list: &[usize],
    page: usize,
    pages: usize,
    base: &str,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut PageData,
) {
    let per_page = site.config.paginate;
    let slice: Vec<usize> = list
        .iter()
        .copied()
        .skip((page - 1) * per_page)
        .take(per_page)
        .collect();
    ctx.insert_value("articles", shared.cards(&slice));
    ctx.insert(
        "count",
        &bundle.plural("briefings_count", list.len() as u64),
    );
    let url = |n: usize| site.url(&paged(base, n));
    let numbers: Vec<Value> = page_window(page, pages)
        .into_iter()
        .map(|n| match n {
            Some(n) => json!({"n": crate::text::digits::localize(&n.to_string(), lang.digits), "url": url(n), "current": n == page, "gap": false}),
            None => json!({"gap": true, "current": false}),
        })
        .collect();
    ctx.insert(
        "pagination",
        &json!({
            "page": page,
            "pages": pages,
            "newer": (page > 1).then(|| url(page - 1)),
            "older": (page < pages).then(|| url(page + 1)),
            "numbers": numbers,
        }),
    );
}

/// The page numbers a listing links to: the first and last, and two on each side of
/// the current one; `None` marks a gap. A listing of 500 pages links to 7 numbers, not
/// 500, so each page stays small and the whole listing costs linear time to build.
fn page_window(page: usize, pages: usize) -> Vec<Option<usize>> {
    const AROUND: usize = 2;
    let low = page.saturating_sub(AROUND).max(1);
    let high = (page + AROUND).min(pages);
    let mut window = Vec::new();
    if low > 1 {
        window.push(Some(1));
    }
    // A gap of one page shows that page rather than an ellipsis.
    if low > 2 {
        window.push((low == 3).then_some(2));
    }
    window.extend((low..=high).map(Some));
    if high + 1 < pages {
        window.push((high + 2 == pages).then_some(high + 1));
    }
    if high < pages {
        window.push(Some(pages));
    }
    window
}

/// `base` for page 1, `base` + `page/N/` after it.
fn paged(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

#[cfg(test)]
mod tests {
    use super::page_window;

    fn shown(page: usize, pages: usize) -> String {
        page_window(page, pages)
            .iter()
            .map(|n| n.map_or("…".to_string(), |n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn page_window_shows_ends_and_neighbours() {
        assert_eq!(shown(1, 1), "1");
        assert_eq!(shown(1, 5), "1 2 3 4 5");
        assert_eq!(shown(1, 6), "1 2 3 … 6");
        assert_eq!(shown(4, 7), "1 2 3 4 5 6 7");
        assert_eq!(shown(5, 20), "1 2 3 4 5 6 7 … 20");
        assert_eq!(shown(10, 20), "1 … 8 9 10 11 12 … 20");
        assert_eq!(shown(20, 20), "1 … 18 19 20");
        // Linear, not quadratic: a huge listing still links to a handful of pages.
        assert_eq!(page_window(500, 1000).len(), 9);
    }
}
