//! Things about language: Arabic folding, digits, dates and month names, slugs, and
//! English counts for the terminal.

pub mod arabic;
pub mod count;
pub mod date_format;
pub mod dates;
pub mod digits;
pub mod slug;
