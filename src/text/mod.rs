//! Things about language: Arabic folding, digits, dates and month names, slugs.

pub mod arabic;
pub mod date_format;
pub mod dates;
pub mod digits;
pub mod locale;
pub mod slug;
