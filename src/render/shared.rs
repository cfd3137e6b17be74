//! Values many pages share, made once per build ([`Shared::new`]): each language's
//! strings and site data, every article's card, every entity's chip, every timeline
//! item, as Tera values.

use serde::Serialize;
use serde_json::{Value, json};
use tera::Value as TeraValue;

use crate::config::Language;
use crate::render::i18n::Bundle;
use crate::site::Site;
use crate::text::date_format;
use crate::text::dates::PartialDate;
use crate::timeline::{Item, ItemKind};

/// Values many pages share, computed once per build: each language's strings and
/// site data, every article's card, every entity's chip, every timeline item. Tera
/// values share their arrays and maps, so pages clone them for the price of a
/// reference count instead of serializing them again.
pub struct Shared {
    pub(crate) langs: std::collections::HashMap<String, LangShared>,
    /// Per article, its card in its own language.
    pub(crate) cards: Vec<TeraValue>,
}

pub(crate) struct LangShared {
    pub(crate) bundle: Bundle,
    /// These three with their digests: every page of the language has them.
    pub(crate) lang: (TeraValue, u128),
    pub(crate) site: (TeraValue, u128),
    pub(crate) t: (TeraValue, u128),
    /// Per entity.
    pub(crate) chips: Vec<TeraValue>,
    /// Per item of this language's timeline, its text as HTML: the costly part of
    /// its value, which the pages that show the item make (holding every item's
    /// value took 62 MB at 10,000 briefing pairs; making the HTML each time, 15% of
    /// the build's CPU).
    pub(crate) item_html: Vec<String>,
    /// Per entity, the indices of the timeline events that name it.
    pub(crate) entity_items: Vec<Vec<usize>>,
}

impl Shared {
    /// Makes the values every page of `site` shares.
    pub fn new(site: &Site) -> Shared {
        use rayon::prelude::*;
        let langs = site
            .config
            .languages
            .iter()
            .map(|lang| (lang.code.clone(), LangShared::new(site, lang)))
            .collect();
        let cards = (0..site.articles.len())
            .into_par_iter()
            .map(|i| {
                let lang = site
                    .config
                    .language(&site.articles[i].lang)
                    .unwrap_or_else(|| site.config.default_language());
                tera_value(&card(site, i, lang))
            })
            .collect();
        Shared { langs, cards }
    }
}

impl LangShared {
    /// The values of language `lang`'s pages.
    fn new(site: &Site, lang: &Language) -> LangShared {
        let code = &lang.code;
        let bundle = bundle(site, lang);
        let items = site.timelines.get(code).map_or(&[][..], Vec::as_slice);
        let mut entity_items = vec![Vec::new(); site.registry.entities.len()];
        for (i, item) in items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.kind == ItemKind::Event)
        {
            for &e in &item.entities {
                if let Some(list) = entity_items.get_mut(e) {
                    list.push(i);
                }
            }
        }
        let item_html = {
            use rayon::prelude::*;
            items
                .par_iter()
                .map(|item| timeline_item_html(site, item, lang))
                .collect()
        };
        let chips: Vec<TeraValue> = (0..site.registry.entities.len())
            .map(|e| tera_value(&entity_chip(site, e, lang)))
            .collect();
        LangShared {
            lang: digested(tera_value(
                &json!({"code": code, "name": lang.name, "dir": lang.dir.as_str(), "locale": lang.locale}),
            )),
            site: digested(tera_value(&site_value(site, code))),
            t: digested(tera_value(&bundle.plain())),
            chips,
            item_html,
            entity_items,
            bundle,
        }
    }
}

fn digested(value: TeraValue) -> (TeraValue, u128) {
    let digest = crate::render::data::digest(&value);
    (value, digest)
}

pub(crate) fn tera_value<T: Serialize + ?Sized>(value: &T) -> TeraValue {
    TeraValue::from_serializable(value)
}

pub(crate) fn site_value(site: &Site, code: &str) -> Value {
    json!({
        "title": site.config.title(code),
        "description": site.config.description(code),
        "base_url": site.config.base_url,
        "base_path": site.config.base_path,
        "root_url": site.url(""),
        "css_url": site.url("assets/style.css"),
        "favicon": favicon(site),
        "logo": site.logo.as_ref().map(|p| json!({
            "url": p.url,
            "width": p.size.map(|s| s.0),
            "height": p.size.map(|s| s.1),
        })),
        "urls": {
            "home": site.url(&format!("{code}/")),
            "timeline": site.url(&format!("{code}/timeline/")),
            "entities": site.url(&format!("{code}/entities/")),
            "tags": site.url(&format!("{code}/tags/")),
            "search": site.config.search.then(|| site.url(&format!("{code}/search/"))),
            "feed": site.url(&format!("{code}/atom.xml")),
        },
        "languages": site.config.languages.iter().map(|l| json!({"code": l.code, "name": l.name, "dir": l.dir.as_str(), "url": site.url(&format!("{}/", l.code))})).collect::<Vec<_>>(),
    })
}

/// The site's icon: a `favicon.svg`, `favicon.png` or `favicon.ico` of its `static/`
/// (which replaces the theme's), else the theme's `assets/favicon.svg` when it has one.
fn favicon(site: &Site) -> Option<Value> {
    let (path, kind) = favicon_path(site)?;
    Some(json!({"url": site.url(&path), "type": kind}))
}

/// The path of the site's icon below the base path, and its media type (see
/// [`favicon`]); the Atom feeds carry it too.
pub(crate) fn favicon_path(site: &Site) -> Option<(String, &'static str)> {
    let own = ["favicon.svg", "favicon.png", "favicon.ico"]
        .into_iter()
        .find(|name| site.statics.iter().any(|s| s.path == *name))
        .map(|name| name.to_string());
    let theme = || {
        crate::render::theme::STATIC
            .iter()
            .any(|(name, _)| *name == "favicon.svg")
            .then(|| "assets/favicon.svg".to_string())
    };
    let path = own.or_else(theme)?;
    let kind = match path.rsplit('.').next() {
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "image/x-icon",
    };
    Some((path, kind))
}

impl Shared {
    pub(crate) fn lang(&self, code: &str) -> Option<&LangShared> {
        self.langs.get(code)
    }

    /// Brings the values that show article `change.article` up to date after
    /// [`Site::update_article`] changed its title or summary: its card, the HTML
    /// of its language's timeline items that name it, and which timeline events
    /// each entity has, when the items moved.
    pub(crate) fn refresh(&mut self, site: &Site, change: &crate::site::update::ArticleChange) {
        if !change.front {
            return;
        }
        let i = change.article;
        let lang = site
            .config
            .language(&site.articles[i].lang)
            .unwrap_or_else(|| site.config.default_language());
        self.cards[i] = tera_value(&card(site, i, lang));
        let Some(shared) = self.langs.get_mut(&lang.code) else {
            return;
        };
        if change.reordered {
            *shared = LangShared::new(site, lang);
            return;
        }
        let items = site
            .timelines
            .get(&lang.code)
            .map_or(&[][..], Vec::as_slice);
        for (j, item) in items.iter().enumerate() {
            if item.articles.contains(&i) {
                shared.item_html[j] = timeline_item_html(site, item, lang);
            }
        }
    }

    pub(crate) fn cards(&self, list: &[usize]) -> TeraValue {
        TeraValue::from(
            list.iter()
                .filter_map(|&i| self.cards.get(i).cloned())
                .collect::<Vec<_>>(),
        )
    }
}

pub(crate) fn bundle(site: &Site, lang: &Language) -> Bundle {
    Bundle::new(&lang.code, lang.digits, site.config.strings.get(&lang.code))
}

pub(crate) fn format_date(date: &PartialDate, lang: &Language) -> String {
    date_format::format(date, lang.date_style, lang.digits)
}

pub(crate) fn card(site: &Site, i: usize, lang: &Language) -> Value {
    let article = &site.articles[i];
    json!({
        "title": article.front.title,
        "url": site.url(&article.url_path()),
        "date": format_date(&article.front.date, lang),
        "datetime": article.front.date.machine(&site.config.timezone),
        "summary": article.front.summary.clone().unwrap_or_default(),
        "image": article.front.image.as_ref().and(site.pictures[i].as_ref()).map(|p| json!({
            "url": p.url,
            "alt": p.alt.clone().unwrap_or_default(),
            "width": p.size.map(|s| s.0),
            "height": p.size.map(|s| s.1),
            "srcset": p.srcset,
            "sizes": crate::site::images::SIZES,
        })),
    })
}

pub(crate) fn entity_chip(site: &Site, entity: usize, lang: &Language) -> Value {
    let e = &site.registry.entities[entity];
    json!({"id": e.id, "name": e.name(&lang.code), "kind": e.kind, "url": site.url(&e.url_path(&lang.code))})
}

/// A picture for templates: `url`, `permalink`, `alt`, `credit`, `width`, `height`,
/// and `srcset` (its resized copies, or nothing) with the `sizes` that goes with it.
pub(crate) fn picture_value(
    picture: Option<&crate::site::picture::Picture>,
) -> Option<tera::Value> {
    let p = picture?;
    Some(map([
        ("url", p.url.as_str().into()),
        ("permalink", p.permalink.as_str().into()),
        ("alt", p.alt.as_deref().unwrap_or_default().into()),
        ("credit", p.credit.as_deref().into()),
        ("width", p.size.map(|s| s.0).into()),
        ("height", p.size.map(|s| s.1).into()),
        ("srcset", p.srcset.as_deref().into()),
        ("sizes", crate::site::images::SIZES.into()),
    ]))
}

/// A Tera map from its fields, built directly rather than through serde.
pub(crate) fn map<const N: usize>(fields: [(&'static str, TeraValue); N]) -> TeraValue {
    TeraValue::from(std::collections::BTreeMap::from(fields))
}

/// One timeline item as a Tera value; `chips` are the language's entity chips.
/// An item's text as HTML: an event's inline Markdown, a briefing's title escaped.
pub(crate) fn timeline_item_html(site: &Site, item: &Item, lang: &Language) -> String {
    match item.kind {
        ItemKind::Event => crate::markdown::inline(&item.text, lang.dir, &site.config.base_path),
        ItemKind::Briefing => {
            let mut html = String::new();
            crate::markdown::escape_into(&item.text, &mut html);
            html
        }
    }
}

pub(crate) fn timeline_item(
    site: &Site,
    item: &Item,
    html: &str,
    lang: &Language,
    chips: &[TeraValue],
) -> TeraValue {
    let url = |a: usize| site.url(&site.articles[a].url_path());
    let (url, reports) = match item.kind {
        ItemKind::Event => {
            let reports: Vec<TeraValue> = item
                .articles
                .iter()
                .map(|&a| {
                    map([
                        ("title", site.articles[a].front.title.as_str().into()),
                        ("url", url(a).into()),
                    ])
                })
                .collect();
            (None, reports)
        }
        ItemKind::Briefing => (item.articles.first().map(|&a| url(a)), Vec::new()),
    };
    // Under its month's heading, an item shows its day (and time) alone; the full
    // date is there for screen readers.
    let day = item.date.day().map(|d| {
        let text = match item.date.time_of_day() {
            Some((h, m)) => format!("{d} · {h:02}:{m:02}"),
            None => d.to_string(),
        };
        crate::text::digits::localize(&text, lang.digits)
    });
    map([
        ("kind", item.kind.as_str().into()),
        ("date", format_date(&item.date, lang).into()),
        ("day", day.into()),
        ("datetime", item.date.machine(&site.config.timezone).into()),
        ("precision", item.date.precision().as_str().into()),
        ("html", html.into()),
        ("url", url.into()),
        ("reports", reports.into()),
        (
            "entities",
            item.entities
                .iter()
                .filter_map(|&e| chips.get(e).cloned())
                .collect::<Vec<_>>()
                .into(),
        ),
    ])
}

/// A section's title: the interface string `section.<name>` when there is one, else
/// the directory name.
pub(crate) fn section_title(bundle: &Bundle, section: &str) -> String {
    let key = format!("section.{section}");
    if bundle.has(&key) {
        bundle.get(&key)
    } else {
        section.to_string()
    }
}
