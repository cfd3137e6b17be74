//! A briefing → its schema.org `NewsArticle` JSON-LD.

use serde::Serialize;

use crate::config::Language;
use crate::site::Site;

/// schema.org `NewsArticle`, with `about` (entities named in front matter) and
/// `mentions` (entities found only in the text), linked to Wikidata. Serialized from
/// borrowed structs, keys in sorted order.
pub(super) fn json_ld(site: &Site, i: usize, lang: &Language) -> String {
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
        #[serde(rename = "inLanguage")]
        in_language: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        keywords: Option<String>,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: &'a str,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        mentions: Vec<Thing<'a>>,
        publisher: Thing<'a>,
        url: &'a str,
    }
    #[derive(Serialize)]
    struct Thing<'a> {
        #[serde(rename = "@type")]
        kind: &'static str,
        name: &'a str,
        #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
        same_as: Option<String>,
    }

    let article = &site.articles[i];
    let front = &article.front;
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
        }
    };
    let refs = &site.refs[i];
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
            .map(|a| Thing {
                kind: "Person",
                name: a,
                same_as: None,
            })
            .collect(),
        date_modified: front.updated.as_ref().unwrap_or(&front.date).to_rfc3339(),
        date_published: front.date.to_rfc3339(),
        description: front.summary.as_deref(),
        headline: &front.title,
        in_language: &lang.code,
        keywords: (!front.tags.is_empty()).then(|| front.tags.join(", ")),
        main_entity_of_page: &permalink,
        mentions: refs
            .iter()
            .filter(|(_, r)| !r.front_matter)
            .map(|(&e, _)| thing(e))
            .collect(),
        publisher: Thing {
            kind: "Organization",
            name: site.config.title(&lang.code),
            same_as: None,
        },
        url: &permalink,
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
