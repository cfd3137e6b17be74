//! A briefing → its schema.org `NewsArticle` JSON-LD.

use serde::Serialize;

use crate::config::Language;
use crate::site::Site;

/// schema.org `NewsArticle`, with `about` (entities named in front matter) and
/// `mentions` (entities found only in the text), linked to Wikidata. Serialized from
/// borrowed structs, keys in sorted order.
pub(super) fn json_ld<'a>(
    site: &'a Site,
    i: usize,
    refs: &'a crate::entities::index::ArticleRefs,
    lang: &'a Language,
) -> String {
    #[derive(Serialize)]
    struct NewsArticle<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        about: Vec<Thing<'a>>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        author: Vec<Thing<'a>>,
        #[serde(rename = "dateModified")]
        date_modified: String,
        #[serde(rename = "datePublished")]
        date_published: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<&'a str>,
        headline: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        image: Option<ImageObject<'a>>,
        #[serde(rename = "inLanguage")]
        in_language: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        keywords: Option<String>,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<Thing<'a>>,
        publisher: Publisher<'a>,
        #[serde(rename = "translationOfWork", skip_serializing_if = "Option::is_none")]
        translation_of_work: Option<Work>,
        url: &'a str,
        #[serde(rename = "workTranslation", skip_serializing_if = "Vec::is_empty")]
        work_translation: Vec<Work>,
    }
    #[derive(Serialize)]
    struct ImageObject<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        height: Option<u32>,
        url: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        width: Option<u32>,
    }
    #[derive(Serialize)]
    struct Publisher<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        logo: Option<ImageObject<'a>>,
        name: &'a str,
        url: &'a str,
    }
    /// Another edition of the same briefing.
    #[derive(Serialize)]
    struct Work {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "@id")]
        id: String,
        #[serde(rename = "inLanguage")]
        in_language: String,
    }
    #[derive(Serialize)]
    struct Thing<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
        same_as: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: Option<String>,
    }
    let image_object = |p: &'a crate::site::picture::Picture| ImageObject {
        kind: "ImageObject",
        height: p.size.map(|s| s.1),
        url: &p.permalink,
        width: p.size.map(|s| s.0),
    };

    let article = &site.articles[i];
    let front = &article.front;
    let zone = &site.config.timezone;
    let permalink = site.permalink(&article.url_path());
    let thing = |e: usize| {
        let entity = &site.registry.entities[e];
        Thing {
            kind: match entity.kind.as_str() {
                "person" => "Person",
                "organization" => "Organization",
                "place" => "Place",
                _ => "Thing",
            },
            name: entity.name(&lang.code),
            same_as: entity
                .wikidata
                .as_ref()
                .map(|q| format!("https://www.wikidata.org/wiki/{q}")),
            url: Some(site.permalink(&entity.url_path(&lang.code))),
        }
    };
    // The edition in the first configured language is the original; the others are
    // its translations.
    let editions: Vec<(String, usize)> = site
        .config
        .languages
        .iter()
        .filter_map(|l| site.editions(i)?.get(&l.code).map(|&j| (l.code.clone(), j)))
        .collect();
    let work = |(code, j): &(String, usize)| Work {
        kind: "NewsArticle",
        id: site.permalink(&site.articles[*j].url_path()),
        in_language: code.clone(),
    };
    let original = editions.first().filter(|(_, j)| *j != i);
    let translations: Vec<Work> = if original.is_none() {
        editions.iter().skip(1).map(work).collect()
    } else {
        Vec::new()
    };
    let value = NewsArticle {
        context: "https://schema.org",
        kind: "NewsArticle",
        about: refs
            .iter()
            .filter(|(_, r)| r.front_matter)
            .map(|(&e, _)| thing(e))
            .collect(),
        author: front
            .authors
            .iter()
            .map(|a| {
                let known = site.config.authors.get(a);
                Thing {
                    kind: match known.map(|k| k.kind) {
                        Some(crate::config::AuthorKind::Organization) => "Organization",
                        _ => "Person",
                    },
                    name: a,
                    same_as: None,
                    url: known.and_then(|k| k.url.clone()),
                }
            })
            .collect(),
        date_modified: front.updated.as_ref().unwrap_or(&front.date).machine(zone),
        date_published: front.date.machine(zone),
        description: front.summary.as_deref(),
        headline: &front.title,
        image: site.share_picture(i).map(image_object),
        in_language: &lang.code,
        keywords: (!front.tags.is_empty()).then(|| front.tags.join(", ")),
        main_entity_of_page: &permalink,
        mentions: refs
            .iter()
            .filter(|(_, r)| !r.front_matter)
            .map(|(&e, _)| thing(e))
            .collect(),
        publisher: Publisher {
            kind: "Organization",
            logo: site.logo.as_ref().map(image_object),
            name: site.config.title(&lang.code),
            url: &site.config.base_url,
        },
        translation_of_work: original.map(work),
        url: &permalink,
        work_translation: translations,
    };
    script_safe(&serde_json::to_string(&value).unwrap_or_default())
}

/// JSON that can sit inside `<script>`: `<`, `>` and `&` occur only inside JSON
/// strings, where `\u003c` and the like mean the same, so no title can close the
/// element (`</script>`) or open a comment (`<!--<script`) that swallows the page.
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::script_safe;

    #[test]
    fn no_title_can_end_or_comment_out_the_script() {
        let titles = [
            "بوتين <!--<script> والشرع",
            "a </script><script>alert(1)</script>",
            "Q&A: <b>",
        ];
        for title in titles {
            let json = script_safe(&serde_json::json!({ "headline": title }).to_string());
            assert!(!json.contains(['<', '>', '&']), "{json}");
            let back: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(back["headline"], title);
        }
    }
}
