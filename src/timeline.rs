//! Dated events from front matter, plus every briefing at its publication date →
//! one ordered, deduplicated timeline per language, grouped by year and month.

use std::collections::{BTreeMap, BTreeSet};

use crate::text::dates::{PartialDate, SortKey};

/// One item on a timeline: an event reported by one or more briefings, or a briefing
/// itself at its publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub date: PartialDate,
    pub kind: ItemKind,
    /// Markdown inline text for events; the title for briefings.
    pub text: String,
    /// Entity indices the item names.
    pub entities: BTreeSet<usize>,
    /// Article indices of the briefings that report the event (or the briefing).
    pub articles: Vec<usize>,
    pub id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Event,
    Briefing,
}

impl ItemKind {
    /// The name used in templates and JSON: `event` or `briefing`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Event => "event",
            ItemKind::Briefing => "briefing",
        }
    }
}

/// An event as one briefing reports it, before deduplication.
#[derive(Debug, Clone)]
pub struct Reported {
    pub article: usize,
    pub id: Option<String>,
    pub date: PartialDate,
    pub text: String,
    pub entities: BTreeSet<usize>,
}

/// Builds a timeline from events and briefings (article index, date, title) of one
/// language. The same event reported by several briefings (same `id`, or same date and
/// text) appears once, listing every briefing.
/// Timestamps written without an offset are in `zone`, the site's `timezone`.
pub fn build(
    events: Vec<Reported>,
    briefings: Vec<(usize, PartialDate, String)>,
    zone: &jiff::tz::TimeZone,
) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut by_id: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_date_text: BTreeMap<(String, String), usize> = BTreeMap::new();
    for event in events {
        let existing = event
            .id
            .as_ref()
            .and_then(|id| by_id.get(id))
            .or_else(|| {
                by_date_text.get(&(event.date.as_written().to_string(), event.text.clone()))
            })
            .copied();
        match existing {
            Some(i) => {
                let item = &mut items[i];
                if !item.articles.contains(&event.article) {
                    item.articles.push(event.article);
                }
                item.entities.extend(event.entities);
            }
            None => {
                let i = items.len();
                if let Some(id) = &event.id {
                    by_id.insert(id.clone(), i);
                }
                by_date_text.insert((event.date.as_written().to_string(), event.text.clone()), i);
                items.push(Item {
                    date: event.date,
                    kind: ItemKind::Event,
                    text: event.text,
                    entities: event.entities,
                    articles: vec![event.article],
                    id: event.id,
                });
            }
        }
    }
    for (article, date, title) in briefings {
        items.push(Item {
            date,
            kind: ItemKind::Briefing,
            text: title,
            entities: BTreeSet::new(),
            articles: vec![article],
            id: None,
        });
    }
    for item in &mut items {
        item.articles.sort_unstable();
    }
    items.sort_by_cached_key(|item| order(item, zone));
    items.shrink_to_fit();
    items
}

/// Chronological; at the same date events come before the briefings that report
/// them; the rest by text and first article, so the order never depends on input
/// order.
pub(crate) fn order(
    item: &Item,
    zone: &jiff::tz::TimeZone,
) -> (SortKey, ItemKind, String, Vec<usize>) {
    (
        item.date.sort_key_in(zone),
        item.kind,
        item.text.clone(),
        item.articles.clone(),
    )
}

/// The years a timeline covers, newest first. The first is the year the main
/// timeline page shows; each other one has a page of its own.
pub fn years(items: &[Item]) -> Vec<i16> {
    let mut years: Vec<i16> = items.iter().map(|i| i.date.year()).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// Item indices of one month (`None`: items known only to the year).
pub type Month = (Option<u8>, Vec<usize>);

/// A timeline grouped for display: years, each with months (None for items known only
/// to the year, which come first).
/// `dates` must be in timeline order; the result holds positions in it.
pub fn group<'a>(dates: impl IntoIterator<Item = &'a PartialDate>) -> Vec<(i16, Vec<Month>)> {
    let mut years: Vec<(i16, Vec<Month>)> = Vec::new();
    for (i, date) in dates.into_iter().enumerate() {
        let year = date.year();
        let month = date.month();
        if years.last().is_none_or(|(y, _)| *y != year) {
            years.push((year, Vec::new()));
        }
        if let Some((_, months)) = years.last_mut() {
            if months.last().is_none_or(|(m, _)| *m != month) {
                months.push((month, Vec::new()));
            }
            if let Some((_, list)) = months.last_mut() {
                list.push(i);
            }
        }
    }
    years
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    fn event(article: usize, id: Option<&str>, d: &str, text: &str) -> Reported {
        Reported {
            article,
            id: id.map(str::to_string),
            date: date(d),
            text: text.into(),
            entities: BTreeSet::new(),
        }
    }

    #[test]
    fn orders_across_precisions() {
        let events = vec![
            event(0, None, "2025-02-12", "اتصال بوتين والشرع"),
            event(0, None, "2025-01", "زيارة بوغدانوف"),
            event(0, None, "2024-12", "سقوط الأسد"),
            event(0, None, "2025", "عام التحول"),
            event(0, None, "2025-01-15T10:00:00+03:00", "مؤتمر صحفي"),
            event(0, None, "2025-01-15", "بيان"),
        ];
        let items = build(
            events,
            vec![(0, date("2025-02-12"), "Putin calls al-Sharaa".into())],
            &jiff::tz::TimeZone::UTC,
        );
        let order: Vec<_> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            order,
            [
                "سقوط الأسد",
                "عام التحول",
                "زيارة بوغدانوف",
                "بيان",
                "مؤتمر صحفي",
                "اتصال بوتين والشرع",
                "Putin calls al-Sharaa"
            ]
        );
    }

    #[test]
    fn the_same_event_appears_once_with_every_briefing() {
        let events = vec![
            event(
                2,
                Some("bogdanov-visit"),
                "2025-01",
                "Bogdanov visits Damascus",
            ),
            event(0, Some("bogdanov-visit"), "2025-01", "Bogdanov in Damascus"),
            event(1, None, "2024-12", "Assad falls"),
            event(3, None, "2024-12", "Assad falls"),
            event(3, None, "2024-12", "Assad flees"),
        ];
        let items = build(events, vec![], &jiff::tz::TimeZone::UTC);
        let summary: Vec<_> = items
            .iter()
            .map(|i| (i.text.as_str(), i.articles.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Assad falls", vec![1, 3]),
                ("Assad flees", vec![3]),
                ("Bogdanov visits Damascus", vec![0, 2])
            ]
        );
    }

    #[test]
    fn groups_by_year_then_month() {
        let events = vec![
            event(0, None, "2024-12", "a"),
            event(0, None, "2025", "b"),
            event(0, None, "2025-01", "c"),
            event(0, None, "2025-01-02", "d"),
        ];
        let items = build(events, vec![], &jiff::tz::TimeZone::UTC);
        let grouped = group(items.iter().map(|i| &i.date));
        assert_eq!(
            grouped,
            [
                (2024, vec![(Some(12), vec![0])]),
                (2025, vec![(None, vec![1]), (Some(1), vec![2, 3])])
            ]
        );
    }
}
