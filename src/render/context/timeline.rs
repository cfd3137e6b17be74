//! Timeline items → the year and month groups a timeline page shows.

use tera::Value as TeraValue;

use crate::config::Language;
use crate::render::shared::{LangShared, format_date};
use crate::text::dates::PartialDate;
use crate::timeline::Item;

/// Timeline items (indices into `items`, in order) grouped by year and month for
/// display, from the prepared item values.
pub(super) fn timeline_groups(
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
                        .filter_map(|p| shared.items.get(selected[p]).cloned())
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
