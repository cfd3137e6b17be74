//! Things about language: Arabic folding, NFC normalization, digits, dates and month
//! names, slugs, and English counts for the terminal.

pub mod arabic;
pub mod count;
pub mod date_format;
pub mod dates;
pub mod digits;
pub mod locale;
pub mod normalize;
pub mod slug;
