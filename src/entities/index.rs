//! Mentions per article → the entity index: for each entity the articles that name it
//! (with counts), and the entities most often named alongside it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};

/// How one article refers to one entity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Reference {
    /// Mentions found in the body.
    pub count: u32,
    /// Listed under `entities:` in front matter.
    pub front_matter: bool,
}

/// Per article (by index): entity index → reference.
pub type ArticleRefs = BTreeMap<usize, Reference>;

#[derive(Debug, Default)]
pub struct Index {
    /// Per entity: (article index, reference), in article order.
    pub articles: Vec<Vec<(usize, Reference)>>,
    /// Per entity: (other entity, number of articles naming both), most first.
    pub related: Vec<Vec<(usize, u32)>>,
}

/// Builds the index. Cost is linear in the total number of references, plus the
/// square of the (small) number of entities per article for co-mentions.
pub fn build(entity_count: usize, refs: &[ArticleRefs]) -> Index {
    let mut articles = vec![Vec::new(); entity_count];
    let mut related: Vec<BTreeMap<usize, u32>> = vec![BTreeMap::new(); entity_count];
    for (article, entities) in refs.iter().enumerate() {
        for (&entity, &reference) in entities {
            if let Some(list) = articles.get_mut(entity) {
                list.push((article, reference));
            }
            for &other in entities.keys() {
                if other != entity
                    && let Some(map) = related.get_mut(entity)
                {
                    *map.entry(other).or_default() += 1;
                }
            }
        }
    }
    let related = related
        .into_iter()
        .map(|map| {
            let mut list: Vec<(usize, u32)> = map.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list
        })
        .collect();
    Index { articles, related }
}

/// Alphabetical order for one language: Unicode collation for the language (so Arabic
/// sorts as Arabic readers expect), falling back to code-point order.
pub struct Sorter {
    collator: Option<CollatorBorrowed<'static>>,
}

impl Sorter {
    pub fn new(lang: &str) -> Sorter {
        let collator = icu_locale_core::Locale::try_from_str(lang)
            .ok()
            .and_then(|locale| Collator::try_new(locale.into(), CollatorOptions::default()).ok());
        Sorter { collator }
    }

    pub fn compare(&self, a: &str, b: &str) -> Ordering {
        match &self.collator {
            Some(c) => c.compare(a, b).then_with(|| a.cmp(b)),
            None => a.cmp(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_articles_and_co_mentions() {
        let r = |count| Reference {
            count,
            front_matter: false,
        };
        let refs = vec![
            BTreeMap::from([(0, r(3)), (1, r(1))]),
            BTreeMap::from([(0, r(1)), (1, r(2)), (2, r(1))]),
            BTreeMap::from([(2, r(5))]),
        ];
        let index = build(3, &refs);
        assert_eq!(index.articles[0], [(0, r(3)), (1, r(1))]);
        assert_eq!(index.articles[2], [(1, r(1)), (2, r(5))]);
        assert_eq!(index.related[0], [(1, 2), (2, 1)]);
        assert_eq!(index.related[2], [(0, 1), (1, 1)]);
    }

    #[test]
    fn arabic_collation() {
        let sorter = Sorter::new("ar");
        let mut names = vec![
            "موسكو",
            "بوتين",
            "أحمد الشرع",
            "دمشق",
            "الأسد",
            "احمد",
            "آذار",
        ];
        names.sort_by(|a, b| sorter.compare(a, b));
        // Hamza forms of alef sort as alef (احمد beside أحمد), then ب … م in order.
        assert_eq!(
            names,
            [
                "آذار",
                "احمد",
                "أحمد الشرع",
                "الأسد",
                "بوتين",
                "دمشق",
                "موسكو"
            ]
        );
        let english = Sorter::new("en");
        let mut names = vec!["moscow", "Assad", "al-Sharaa", "Damascus"];
        names.sort_by(|a, b| english.compare(a, b));
        assert_eq!(names, ["al-Sharaa", "Assad", "Damascus", "moscow"]);
    }
}
