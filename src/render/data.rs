//! A page's data as its template sees it, kept in key order until it becomes Tera's
//! context, so that it can be fingerprinted first: two pages (or two builds of one
//! page) with the same data, template set and brief render to the same bytes, which
//! lets a build take a page from its store (`.brief-cache/pages/`) instead of
//! rendering it again.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use tera::value::{Key, ValueKind};
use tera::{Context, Value};
use xxhash_rust::xxh3::xxh3_128;

/// Tera's [`Context`], with its keys and values open to [`PageData::fingerprint`].
#[derive(Default)]
pub struct PageData(BTreeMap<Cow<'static, str>, (Value, Option<u128>)>);

impl PageData {
    pub fn insert<T: Serialize + ?Sized>(&mut self, key: impl Into<Cow<'static, str>>, val: &T) {
        self.insert_value(key, Value::from_serializable(val));
    }

    pub fn insert_value(&mut self, key: impl Into<Cow<'static, str>>, val: Value) {
        self.0.insert(key.into(), (val, None));
    }

    /// Inserts a value many pages share, with its [`digest`] made once.
    pub(crate) fn insert_shared(&mut self, key: &'static str, val: &(Value, u128)) {
        self.0.insert(key.into(), (val.0.clone(), Some(val.1)));
    }

    pub fn into_context(self) -> Context {
        let mut ctx = Context::new();
        for (key, (value, _)) in self.0 {
            ctx.insert_value(key, value);
        }
        ctx
    }

    /// The XXH3-128 hash of `salt`, then every key and value: two data hash alike
    /// exactly when a template sees them alike (short of a 128-bit collision).
    pub fn fingerprint(&self, salt: &[u8]) -> u128 {
        thread_local! {
            /// This thread's bytes to hash, reused from page to page: one call of
            /// the hash over them costs less than thousands of small ones.
            static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BYTES.with_borrow_mut(|bytes| {
            bytes.clear();
            bytes.extend_from_slice(salt);
            number(self.0.len() as u64, bytes);
            for (key, (value, digest)) in &self.0 {
                text(key, bytes);
                match digest {
                    Some(digest) => {
                        bytes.push(14);
                        bytes.extend_from_slice(&digest.to_le_bytes());
                    }
                    None => feed(value, bytes),
                }
            }
            let hash = xxh3_128(bytes);
            if bytes.capacity() > 1 << 20 {
                *bytes = Vec::new();
            }
            hash
        })
    }
}

/// The hash of one value, as [`PageData::fingerprint`] reads it.
pub(crate) fn digest(value: &Value) -> u128 {
    let mut bytes = Vec::new();
    feed(value, &mut bytes);
    xxh3_128(&bytes)
}

fn number(n: u64, bytes: &mut Vec<u8>) {
    bytes.extend_from_slice(&n.to_le_bytes());
}

fn text(s: &str, bytes: &mut Vec<u8>) {
    number(s.len() as u64, bytes);
    bytes.extend_from_slice(s.as_bytes());
}

fn feed(value: &Value, bytes: &mut Vec<u8>) {
    let kind = value.kind();
    // Each kind's tag first, so that no two values of different kinds feed the same
    // bytes.
    let tag: u8 = match kind {
        ValueKind::Undefined => 0,
        ValueKind::None => 1,
        ValueKind::Bool => 2,
        ValueKind::U64 => 3,
        ValueKind::I64 => 4,
        ValueKind::U128 => 5,
        ValueKind::I128 => 6,
        ValueKind::F64 => 7,
        ValueKind::String => 8 + u8::from(value.is_safe()),
        ValueKind::Array => 10,
        ValueKind::Map => 11,
        ValueKind::Bytes => 12,
        _ => 13,
    };
    bytes.push(tag);
    match kind {
        ValueKind::Undefined | ValueKind::None => {}
        ValueKind::Bool => bytes.push(u8::from(value.as_bool() == Some(true))),
        ValueKind::U64 | ValueKind::I64 | ValueKind::U128 | ValueKind::I128 => {
            let n = value
                .as_i128()
                .or_else(|| value.as_u128().map(|u| u as i128));
            bytes.extend_from_slice(&n.unwrap_or_default().to_le_bytes());
        }
        ValueKind::F64 => number(value.as_f64().unwrap_or_default().to_bits(), bytes),
        ValueKind::String => text(value.as_str().unwrap_or_default(), bytes),
        ValueKind::Bytes => {
            let raw = value.as_bytes().unwrap_or_default();
            number(raw.len() as u64, bytes);
            bytes.extend_from_slice(raw);
        }
        ValueKind::Array => {
            let items = value.as_array().unwrap_or_default();
            number(items.len() as u64, bytes);
            for item in items {
                feed(item, bytes);
            }
        }
        ValueKind::Map => {
            let Some(map) = value.as_map() else { return };
            let mut entries: Vec<(&Key, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
            number(entries.len() as u64, bytes);
            for (key, value) in entries {
                match key.as_str() {
                    Some(s) => {
                        bytes.push(0);
                        text(s, bytes);
                    }
                    None => {
                        bytes.push(1);
                        feed(&key.as_value(), bytes);
                    }
                }
                feed(value, bytes);
            }
        }
        // A kind newer than this code: its text.
        _ => text(&value.to_string(), bytes),
    }
}
