//! Timeline items → the year and month groups a timeline page shows, and a timeline
//! page's context: one year's items, their count and the index of every year.

use tera::Value as TeraValue;

use crate::render::data::PageData;

use crate::config::Language;
use crate::plan::Page;
use crate::render::i18n::Bundle;
use crate::render::shared::{LangShared, format_date, map, timeline_item};
use crate::site::Site;
use crate::text::dates::PartialDate;
use crate::timeline::{Item, ItemKind};

/// A timeline page of language `code`: the items of `year` (`None`: the latest year,
/// which the main timeline page shows), what they count, and the year index (every
/// year, newest first, each linking to its page; the latest to the main page).
pub(super) fn timeline_page(
    site: &Site,
    shared: Option<&LangShared>,
    code: &str,
    year: Option<i16>,
    lang: &Language,
    bundle: &Bundle,
    ctx: &mut PageData,
) {
    let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
    let years = crate::timeline::years(items);
    let shown_year = year.or_else(|| years.first().copied());
    let shown: Vec<usize> = (0..items.len())
        .filter(|&i| Some(items[i].date.year()) == shown_year)
        .collect();
    if let Some(shared) = shared {
        ctx.insert_value("years", timeline_groups(site, shared, items, &shown, lang));
    }
    // What the page shows: events and briefings, each counted only when there is
    // one (a zero form such as "لا أحداث" above a full list reads as empty).
    let events = shown
        .iter()
        .filter(|&&i| items[i].kind == ItemKind::Event)
        .count();
    let parts: Vec<String> = [
        ("events_count", events),
        ("briefings_count", shown.len() - events),
    ]
    .into_iter()
    .filter(|&(_, n)| n > 0)
    .map(|(key, n)| bundle.plural(key, n as u64))
    .collect();
    ctx.insert("count", &parts.join(" · "));
    let index: Vec<TeraValue> = years
        .iter()
        .enumerate()
        .map(|(i, &y)| {
            let page = if i == 0 {
                Page::Timeline(code.to_string())
            } else {
                Page::TimelineYear {
                    lang: code.to_string(),
                    year: y,
                }
            };
            let path = page.url_path(site).unwrap_or_default();
            map([
                (
                    "label",
                    crate::text::digits::localize(&y.to_string(), lang.digits).into(),
                ),
                ("url", site.url(&path).into()),
                ("current", (Some(y) == shown_year).into()),
            ])
        })
        .collect();
    // One year needs no index.
    if index.len() > 1 {
        ctx.insert_value("year_index", TeraValue::from(index));
    }
}

/// Timeline items (indices into `items`, in order) grouped by year and month for
/// display, each item's value made here.
pub(super) fn timeline_groups(
    site: &Site,
    shared: &LangShared,
    items: &[Item],
    selected: &[usize],
    lang: &Language,
) -> TeraValue {
    let groups = crate::timeline::group(
        selected
            .iter()
            .filter_map(|&i| items.get(i).map(|item| &item.date)),
    );
    let years: Vec<TeraValue> = groups
        .into_iter()
        .map(|(year, months)| {
            let year_date = PartialDate::parse(&format!("{year:04}")).ok();
            let months: Vec<TeraValue> = months
                .into_iter()
                .map(|(month, list)| {
                    let heading = month
                        .and_then(|m| PartialDate::parse(&format!("{year:04}-{m:02}")).ok())
                        .map(|d| format_date(&d, lang));
                    let values: Vec<TeraValue> = list
                        .into_iter()
                        .filter_map(|p| {
                            let (item, html) =
                                (items.get(selected[p])?, shared.item_html.get(selected[p])?);
                            Some(timeline_item(site, item, html, lang, &shared.chips))
                        })
                        .collect();
                    let map: std::collections::BTreeMap<&'static str, TeraValue> = [
                        ("heading", TeraValue::from(heading)),
                        (
                            "id",
                            TeraValue::from(month.map(|m| format!("{year:04}-{m:02}"))),
                        ),
                        ("items", TeraValue::from(values)),
                    ]
                    .into_iter()
                    .collect();
                    TeraValue::from(map)
                })
                .collect();
            let map: std::collections::BTreeMap<&'static str, TeraValue> = [
                (
                    "year",
                    TeraValue::from(
                        year_date.map_or_else(|| year.to_string(), |d| format_date(&d, lang)),
                    ),
                ),
                ("id", TeraValue::from(format!("{year:04}"))),
                ("months", TeraValue::from(months)),
            ]
            .into_iter()
            .collect();
            TeraValue::from(map)
        })
        .collect();
    TeraValue::from(years)
}
