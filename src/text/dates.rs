//! Partial dates: takes the date text of front matter ("2024", "2025-01", "2025-02-12",
//! "2025-02-12T14:30:00+03:00", …) and gives back a validated `PartialDate` that sorts,
//! feeds Atom/sitemap/JSON-LD, and formats as Arabic or English text.
//!
//! Reporting often knows only the month or the year of an event, so a date keeps the
//! precision it was written with and is shown at that precision, never padded.

use std::fmt;
use std::str::FromStr;

const HELP: &str = "write a date as YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+03:00";
const HELP_PADDED: &str = "write month and day with two digits, as YYYY-MM-DD: 2025-01-05";
const HELP_TIME: &str = "write a time after the date as HH:MM or HH:MM:SS, optionally followed by Z \
     or an offset such as +03:00: 2025-02-12T14:30:00+03:00";

/// How much of a date is known, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
    Time,
}

impl Precision {
    /// The name used in templates and JSON: `year`, `month`, `day` or `time`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Time => "time",
        }
    }
}

/// A date known to a year, month, day or minute. Always a real calendar date:
/// construction goes through [`PartialDate::parse`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<u8>,
    day: Option<u8>,
    time: Option<Clock>,
    /// The normalized text, for `<time datetime>`.
    text: String,
}

/// A time of day exactly as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Clock {
    hour: u8,
    minute: u8,
    second: u8,
    nanos: u32,
    /// Seconds east of UTC; `None` for a civil time written without an offset.
    offset: Option<i32>,
}

impl Clock {
    /// Nanoseconds from the UTC midnight of the written civil date. For two
    /// times on the same civil date this orders them by instant.
    fn utc_nanos_in_day(self) -> i64 {
        let secs =
            i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
                - i64::from(self.offset.unwrap_or(0));
        secs * 1_000_000_000 + i64::from(self.nanos)
    }
}

/// A totally ordered, chronological key. A year sorts before its months, a
/// month before its days, a day before its timestamps; timestamps on one civil
/// date sort by instant. The normalized text breaks ties, so keys are equal
/// only for equal dates and sorting is deterministic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortKey {
    year: i16,
    /// 0 when only the year is known.
    month: u8,
    /// 0 when only the year or month is known.
    day: u8,
    timed: bool,
    utc_nanos_in_day: i64,
    text: String,
}

impl PartialDate {
    /// Reads a date. Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, and a day followed by
    /// `T` (or a space) and `HH:MM[:SS[.fraction]]` with an optional `Z` or `±HH:MM`.
    /// Arabic-Indic digits are read like ASCII ones. Years run 1..=9999.
    pub fn parse(s: &str) -> Result<PartialDate, DateError> {
        let original = s.trim();
        if original.is_empty() {
            return Err(DateError::new("the date is empty", HELP));
        }
        // Writers on Arabic keyboards may type ٢٠٢٥-٠٢-١٢; that is the same date.
        let text: String = original.chars().map(to_ascii_digit).collect();
        let not_a_date = || DateError::new(format!("`{original}` is not a date"), HELP);

        let (date_part, time_part) = match text.find(['T', 't', ' ']) {
            Some(i) => (&text[..i], Some(&text[i + 1..])),
            None => (text.as_str(), None),
        };
        let groups: Vec<&str> = date_part.split('-').collect();
        let numeric = |g: &&str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
        if groups.len() > 3 || !groups.iter().all(numeric) {
            return Err(not_a_date());
        }
        if groups[0].len() != 4 {
            let message = format!("`{original}` is not a date: the year needs four digits");
            return Err(DateError::new(message, HELP));
        }
        if groups[1..].iter().any(|g| g.len() != 2) {
            let mut message = format!("`{original}` is not a date: month and day need two digits");
            if groups[1..].iter().all(|g| g.len() <= 2) {
                let padded: Vec<String> = groups[1..].iter().map(|g| format!("{g:0>2}")).collect();
                message += &format!(" (`{}-{}`)", groups[0], padded.join("-"));
            }
            return Err(DateError::new(message, HELP_PADDED));
        }
        if time_part.is_some() && groups.len() != 3 {
            let message = format!("`{original}` is not a date: a time needs a full date before it");
            return Err(DateError::new(message, HELP_TIME));
        }
        let number = |g: &str| g.parse::<u16>().map_err(|_| not_a_date());
        let invalid =
            |why: String| DateError::new(format!("invalid date `{original}`: {why}"), HELP);

        let year = number(groups[0])?;
        if year == 0 {
            return Err(invalid("year 0 is out of range (1–9999)".into()));
        }
        let year = i16::try_from(year).map_err(|_| not_a_date())?;
        let month = match groups.get(1) {
            None => None,
            Some(g) => match number(g)? {
                m @ 1..=12 => Some(m as u8),
                m => return Err(invalid(format!("month {m} is out of range (1–12)"))),
            },
        };
        let day = match (month, groups.get(2)) {
            (Some(m), Some(g)) => {
                let d = number(g)?;
                let first =
                    jiff::civil::Date::new(year, m as i8, 1).map_err(|e| invalid(e.to_string()))?;
                let days = first.days_in_month();
                if d == 0 {
                    return Err(invalid(format!("day 0 is out of range (1–{days})")));
                }
                if d > days as u16 {
                    let name = first.strftime("%B");
                    return Err(invalid(format!("{name} {year} has {days} days")));
                }
                Some(d as u8)
            }
            _ => None,
        };
        // jiff has the last word on the calendar.
        let date = jiff::civil::Date::new(year, month.unwrap_or(1) as i8, day.unwrap_or(1) as i8)
            .map_err(|e| invalid(e.to_string()))?;

        let (time, text) = match time_part {
            None => (None, date_part.to_owned()),
            Some(t) => {
                let clock = parse_clock(t, original)?;
                let civil = jiff::civil::Time::new(
                    clock.hour as i8,
                    clock.minute as i8,
                    clock.second as i8,
                    clock.nanos as i32,
                )
                .map_err(|e| invalid(e.to_string()))?;
                if let Some(secs) = clock.offset {
                    // The instant must exist, not just its parts.
                    let offset =
                        jiff::tz::Offset::from_seconds(secs).map_err(|e| invalid(e.to_string()))?;
                    offset
                        .to_timestamp(jiff::civil::DateTime::from_parts(date, civil))
                        .map_err(|e| invalid(e.to_string()))?;
                }
                // `<time datetime>` and feeds want `T` and an upper-case `Z`.
                (
                    Some(clock),
                    format!("{date_part}T{}", t.to_ascii_uppercase()),
                )
            }
        };
        Ok(PartialDate {
            year,
            month,
            day,
            time,
            text,
        })
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day, self.time) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Time,
        }
    }

    pub fn year(&self) -> i16 {
        self.year
    }

    pub fn month(&self) -> Option<u8> {
        self.month
    }

    pub fn day(&self) -> Option<u8> {
        self.day
    }

    /// The normalized text for `<time datetime>`: "2024", "2025-01", "2025-02-12",
    /// or the timestamp as written, with ASCII digits, `T` and `Z`.
    /// The hour and minute, for a timestamp.
    pub fn time_of_day(&self) -> Option<(u8, u8)> {
        self.time.map(|c| (c.hour, c.minute))
    }

    pub fn as_written(&self) -> &str {
        &self.text
    }

    /// The sort key with timestamps written without an offset taken as UTC; see
    /// [`PartialDate::sort_key_in`].
    pub fn sort_key(&self) -> SortKey {
        self.sort_key_in(&jiff::tz::TimeZone::UTC)
    }

    /// The sort key, a timestamp written without an offset being read in `zone` (the
    /// site's `timezone`), so it sorts by instant among timestamps that have one.
    pub fn sort_key_in(&self, zone: &jiff::tz::TimeZone) -> SortKey {
        let utc_nanos_in_day = match self.time {
            None => 0,
            Some(clock) if clock.offset.is_some() => clock.utc_nanos_in_day(),
            Some(clock) => {
                let (_, clock, offset) = self.in_zone(clock, zone);
                Clock {
                    offset: Some(offset),
                    ..clock
                }
                .utc_nanos_in_day()
            }
        };
        SortKey {
            year: self.year,
            month: self.month.unwrap_or(0),
            day: self.day.unwrap_or(0),
            timed: self.time.is_some(),
            utc_nanos_in_day,
            text: self.text.clone(),
        }
    }

    /// "YYYY-MM-DD", with missing month and day taken as the first: feeds,
    /// sitemaps and JSON-LD have no way to say "some day in 2024".
    pub fn date_string(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }

    /// A full RFC 3339 timestamp for feeds and sitemaps, in `zone` where the text
    /// has no offset: a date alone is midnight of its first day in `zone`, a time
    /// written without an offset is that wall-clock time in `zone` (across a
    /// daylight-saving change, a time that never happened is moved forward and a
    /// time that happened twice is the first one), and a time with an offset keeps it.
    pub fn to_rfc3339(&self, zone: &jiff::tz::TimeZone) -> String {
        let written = self.time.unwrap_or(Clock {
            hour: 0,
            minute: 0,
            second: 0,
            nanos: 0,
            offset: None,
        });
        let (date, clock, offset) = match written.offset {
            Some(offset) => (self.date_string(), written, offset),
            None => self.in_zone(written, zone),
        };
        let mut out = format!(
            "{date}T{:02}:{:02}:{:02}",
            clock.hour, clock.minute, clock.second
        );
        if clock.nanos != 0 {
            let fraction = format!("{:09}", clock.nanos);
            out.push('.');
            out.push_str(fraction.trim_end_matches('0'));
        }
        if offset == 0 {
            out.push('Z');
        } else {
            let sign = if offset < 0 { '-' } else { '+' };
            let secs = offset.unsigned_abs();
            out += &format!("{sign}{:02}:{:02}", secs / 3600, secs / 60 % 60);
        }
        out
    }

    /// The machine-readable text for `<time datetime>` and JSON-LD: a date stays the
    /// date as written ("2024", "2025-02-12"); a timestamp always carries its offset,
    /// the one written or the one of `zone` at that moment.
    pub fn machine(&self, zone: &jiff::tz::TimeZone) -> String {
        match self.time {
            Some(_) => self.to_rfc3339(zone),
            None => self.text.clone(),
        }
    }

    /// This date's wall-clock `clock` in `zone` → the day, the time and the offset (in
    /// seconds east of UTC) of that moment there. Only a time in a daylight-saving
    /// gap reads differently from what was written (01:30 → 02:30). The parts were
    /// checked when the date was parsed; should jiff still refuse them (a time at the
    /// very edge of its range), they are taken as UTC.
    fn in_zone(&self, clock: Clock, zone: &jiff::tz::TimeZone) -> (String, Clock, i32) {
        let zoned = jiff::civil::DateTime::new(
            self.year,
            self.month.unwrap_or(1) as i8,
            self.day.unwrap_or(1) as i8,
            clock.hour as i8,
            clock.minute as i8,
            clock.second as i8,
            clock.nanos as i32,
        )
        .ok()
        .and_then(|civil| zone.to_ambiguous_zoned_datetime(civil).compatible().ok());
        let Some(zoned) = zoned else {
            return (self.date_string(), clock, 0);
        };
        let date = zoned.date();
        let time = zoned.time();
        (
            format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()),
            Clock {
                hour: time.hour() as u8,
                minute: time.minute() as u8,
                second: time.second() as u8,
                nanos: time.subsec_nanosecond() as u32,
                offset: None,
            },
            zoned.offset().seconds(),
        )
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for PartialDate {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PartialDate::parse(s)
    }
}

/// Reads `HH:MM[:SS[.fraction]][Z|±HH:MM]`; `original` is only for messages.
fn parse_clock(t: &str, original: &str) -> Result<Clock, DateError> {
    let unreadable = || {
        let message = format!("`{original}` is not a date: cannot read the time `{t}`");
        DateError::new(message, HELP_TIME)
    };
    let out_of_range = |what: &str, value: u8, max: u8| {
        let message =
            format!("invalid time `{original}`: {what} {value} is out of range (0–{max})");
        DateError::new(message, HELP_TIME)
    };
    let two_digits = |s: &str| match s.as_bytes() {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Ok((a - b'0') * 10 + (b - b'0')),
        _ => Err(unreadable()),
    };

    let (clock, offset) = match t.find(['Z', 'z', '+', '-']) {
        Some(i) => (&t[..i], Some(&t[i..])),
        None => (t, None),
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, fraction)) => (hms, Some(fraction)),
        None => (clock, None),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    if !(2..=3).contains(&parts.len()) || (fraction.is_some() && parts.len() != 3) {
        return Err(unreadable());
    }
    let hour = two_digits(parts[0])?;
    let minute = two_digits(parts[1])?;
    let second = match parts.get(2) {
        Some(p) => two_digits(p)?,
        None => 0,
    };
    let nanos = match fraction {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) => {
            let value: u32 = f.parse().map_err(|_| unreadable())?;
            value * 10u32.pow(9 - f.len() as u32)
        }
        Some(_) => return Err(unreadable()),
    };
    if hour > 23 {
        return Err(out_of_range("hour", hour, 23));
    }
    if minute > 59 {
        return Err(out_of_range("minute", minute, 59));
    }
    if second > 59 {
        return Err(out_of_range("second", second, 59));
    }
    let offset = match offset {
        None => None,
        Some("Z" | "z") => Some(0),
        Some(o) => {
            let (sign, rest) = o.split_at(1);
            let (h, m) = rest.split_once(':').ok_or_else(unreadable)?;
            let (h, m) = (two_digits(h)?, two_digits(m)?);
            if h > 23 || m > 59 {
                let message = format!("invalid time `{original}`: offset `{o}` is out of range");
                return Err(DateError::new(message, HELP_TIME));
            }
            let secs = i32::from(h) * 3600 + i32::from(m) * 60;
            Some(if sign == "-" { -secs } else { secs })
        }
    };
    Ok(Clock {
        hour,
        minute,
        second,
        nanos,
        offset,
    })
}

/// Arabic-Indic (U+0660…) and Eastern Arabic-Indic (U+06F0…) digits to ASCII.
fn to_ascii_digit(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + 0x30).unwrap_or(c),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + 0x30).unwrap_or(c),
        _ => c,
    }
}

/// Why a date could not be read, and how to write it instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    pub message: String,
    pub help: String,
}

impl DateError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> DateError {
        DateError {
            message: message.into(),
            help: help.into(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> PartialDate {
        match PartialDate::parse(s) {
            Ok(d) => d,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    /// "Day 2025/2/12": precision and the parts, in one comparable line.
    fn describe(d: &PartialDate) -> String {
        let part = |p: Option<u8>| p.map_or("-".to_owned(), |n| n.to_string());
        format!(
            "{:?} {}/{}/{}",
            d.precision(),
            d.year(),
            part(d.month()),
            part(d.day())
        )
    }

    #[test]
    fn parse_ok() {
        // input → as_written ("=" for unchanged), then precision and parts.
        #[rustfmt::skip]
        let table: &[(&str, &str, &str)] = &[
            ("2024",                          "=",                    "Year 2024/-/-"),
            ("  2024\n",                      "2024",                 "Year 2024/-/-"),
            ("0001",                          "=",                    "Year 1/-/-"),
            ("9999",                          "=",                    "Year 9999/-/-"),
            ("2025-01",                       "=",                    "Month 2025/1/-"),
            ("2025-12",                       "=",                    "Month 2025/12/-"),
            ("2025-02-12",                    "=",                    "Day 2025/2/12"),
            ("2024-02-29",                    "=",                    "Day 2024/2/29"),
            ("2000-02-29",                    "=",                    "Day 2000/2/29"),
            ("٢٠٢٥-٠٢-١٢",                    "2025-02-12",           "Day 2025/2/12"),
            ("2025-02-12T14:30:00+03:00",     "=",                    "Time 2025/2/12"),
            ("2025-02-12T14:30:00Z",          "=",                    "Time 2025/2/12"),
            ("2025-02-12t14:30:00z",          "2025-02-12T14:30:00Z", "Time 2025/2/12"),
            ("2025-02-12T14:30:00.250-05:30", "=",                    "Time 2025/2/12"),
            ("2025-02-12T14:30",              "=",                    "Time 2025/2/12"),
            ("2025-02-12 14:30",              "2025-02-12T14:30",     "Time 2025/2/12"),
            ("2025-02-12T14:30+03:00",        "=",                    "Time 2025/2/12"),
            ("2025-02-12T23:59:59",           "=",                    "Time 2025/2/12"),
        ];
        for (input, written, parts) in table {
            let written = if *written == "=" { input } else { written };
            let d = date(input);
            assert_eq!(d.as_written(), *written, "{input:?}");
            assert_eq!(d.to_string(), *written, "{input:?}");
            assert_eq!(describe(&d), *parts, "{input:?}");
            assert_eq!(input.parse::<PartialDate>().as_ref(), Ok(&d));
        }
    }

    #[test]
    fn parse_err() {
        // input → message (`{}` stands for the input), and a piece of the help.
        #[rustfmt::skip]
        let table: &[(&str, &str, &str)] = &[
            ("",                  "the date is empty",                                       "YYYY-MM-DD"),
            ("   ",               "the date is empty",                                       "YYYY-MM-DD"),
            ("2025-02-29",        "invalid date `{}`: February 2025 has 28 days",            "YYYY-MM-DD"),
            ("2025-02-30",        "invalid date `{}`: February 2025 has 28 days",            "YYYY-MM-DD"),
            ("2025-04-31",        "invalid date `{}`: April 2025 has 30 days",               "YYYY-MM-DD"),
            ("1900-02-29",        "invalid date `{}`: February 1900 has 28 days",            "YYYY-MM-DD"),
            ("2025-02-00",        "invalid date `{}`: day 0 is out of range (1–28)",         "YYYY-MM-DD"),
            ("2025-13",           "invalid date `{}`: month 13 is out of range (1–12)",      "YYYY-MM-DD"),
            ("2025-00",           "invalid date `{}`: month 0 is out of range (1–12)",       "YYYY-MM-DD"),
            ("0000",              "invalid date `{}`: year 0 is out of range (1–9999)",      "YYYY-MM-DD"),
            ("2025-1-5",          "`{}` is not a date: month and day need two digits (`2025-01-05`)", "2025-01-05"),
            ("2025-1",            "`{}` is not a date: month and day need two digits (`2025-01`)",    "YYYY-MM-DD"),
            ("2025-001",          "`{}` is not a date: month and day need two digits",       "YYYY-MM-DD"),
            ("25-02-12",          "`{}` is not a date: the year needs four digits",          "YYYY-MM-DD"),
            ("20250212",          "`{}` is not a date: the year needs four digits",          "YYYY-MM-DD"),
            ("next Tuesday",      "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("الثلاثاء المقبل",   "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("منتصف شباط 2025",   "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("-2025",             "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("2025-02-12-01",     "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("2025/02/12",        "`{}` is not a date",                                      "YYYY-MM-DD"),
            ("2025-02T10:00",     "`{}` is not a date: a time needs a full date before it",  "HH:MM"),
            ("2025-02-12T",       "`{}` is not a date: cannot read the time ``",             "HH:MM"),
            ("2025-02-12T2:30",   "`{}` is not a date: cannot read the time `2:30`",         "HH:MM"),
            ("2025-02-12T14",     "`{}` is not a date: cannot read the time `14`",           "HH:MM"),
            ("2025-02-12T14:30.5", "`{}` is not a date: cannot read the time `14:30.5`",     "HH:MM"),
            ("2025-02-12T14:30:00+0300", "`{}` is not a date: cannot read the time `14:30:00+0300`", "+03:00"),
            ("2025-02-12T14:30:00[Asia/Damascus]",
                "`{}` is not a date: cannot read the time `14:30:00[Asia/Damascus]`",           "HH:MM"),
            ("2025-02-12  14:30", "`{}` is not a date: cannot read the time ` 14:30`",       "HH:MM"),
            ("2025-02-12T24:00",  "invalid time `{}`: hour 24 is out of range (0–23)",       "HH:MM"),
            ("2025-02-12T14:60",  "invalid time `{}`: minute 60 is out of range (0–59)",     "HH:MM"),
            ("2025-12-31T23:59:60Z", "invalid time `{}`: second 60 is out of range (0–59)",  "HH:MM"),
            ("2025-02-12T14:30+24:00", "invalid time `{}`: offset `+24:00` is out of range", "+03:00"),
        ];
        for (input, message, help) in table {
            let message = message.replace("{}", input);
            match PartialDate::parse(input) {
                Ok(d) => panic!("{input:?} should not parse, got {d:?}"),
                Err(e) => {
                    assert_eq!(e.message, message, "{input:?}");
                    assert_eq!(e.to_string(), message, "{input:?}");
                    assert!(e.help.contains(help), "{input:?}: help {:?}", e.help);
                }
            }
        }
    }

    #[test]
    fn timestamps_at_the_edge_of_time_are_checked_by_jiff() {
        // Each part is fine, but the instant lies past what jiff can represent.
        let e = PartialDate::parse("9999-12-31T23:00:00-05:00").err();
        assert!(e.is_some_and(|e| {
            e.message
                .starts_with("invalid date `9999-12-31T23:00:00-05:00`")
        }));
        assert!(PartialDate::parse("9999-12-31T23:00:00").is_ok());
        assert!(PartialDate::parse("0001-01-01T00:00:00+14:00").is_ok());
    }

    #[test]
    fn ordering() {
        let chronological = [
            "2024",
            "2024-01",
            "2024-01-01",
            "2024-01-01T00:00:00Z",
            "2024-01-01T10:00:00+03:00", // 07:00Z
            "2024-01-01T08:00",          // no offset: taken as 08:00Z
            "2024-01-01T08:00:00Z",      // same instant, broken by text
            "2024-01-01T08:00:00.5Z",
            "2024-01-01T23:00:00-05:00", // 04:00Z the next day, but dated the 1st
            "2024-01-02",
            "2024-02",
            "2024-12-31T23:59:59Z",
            "2025",
        ];
        let keys: Vec<SortKey> = chronological.iter().map(|s| date(s).sort_key()).collect();
        for (pair, names) in keys.windows(2).zip(chronological.windows(2)) {
            assert!(pair[0] < pair[1], "{} < {}", names[0], names[1]);
        }
        let mut shuffled: Vec<PartialDate> = chronological.iter().rev().map(|s| date(s)).collect();
        shuffled.sort_by_key(PartialDate::sort_key);
        let sorted: Vec<&str> = shuffled.iter().map(PartialDate::as_written).collect();
        assert_eq!(sorted, chronological);
        assert!(Precision::Year < Precision::Month && Precision::Day < Precision::Time);
    }

    #[test]
    fn feed_strings() {
        // input → date_string, to_rfc3339
        #[rustfmt::skip]
        let table: &[(&str, &str, &str)] = &[
            ("2024",                      "2024-01-01", "2024-01-01T00:00:00Z"),
            ("2025-03",                   "2025-03-01", "2025-03-01T00:00:00Z"),
            ("2025-02-12",                "2025-02-12", "2025-02-12T00:00:00Z"),
            ("0001",                      "0001-01-01", "0001-01-01T00:00:00Z"),
            ("2025-02-12T14:30:00+03:00", "2025-02-12", "2025-02-12T14:30:00+03:00"),
            ("2025-02-12T14:30-05:30",    "2025-02-12", "2025-02-12T14:30:00-05:30"),
            ("2025-02-12T14:30:00.120Z",  "2025-02-12", "2025-02-12T14:30:00.12Z"),
            ("2025-02-12T14:30:00+00:00", "2025-02-12", "2025-02-12T14:30:00Z"),
            ("2025-02-12 14:30",          "2025-02-12", "2025-02-12T14:30:00Z"),
        ];
        for (input, day, rfc) in table {
            let d = date(input);
            assert_eq!(d.date_string(), *day, "{input:?}");
            assert_eq!(d.to_rfc3339(&jiff::tz::TimeZone::UTC), *rfc, "{input:?}");
            // What we hand to feeds must read back as a timestamp.
            assert!(rfc.parse::<jiff::Timestamp>().is_ok(), "{rfc}");
        }
    }

    #[test]
    fn timestamps_without_an_offset_are_read_in_the_site_zone() {
        let zone = |name: &str| jiff::tz::TimeZoneDatabase::bundled().get(name).unwrap();
        // zone, input → to_rfc3339, machine
        #[rustfmt::skip]
        let table: &[(&str, &str, &str, &str)] = &[
            // Syria has kept +03:00 all year since October 2022.
            ("Asia/Damascus", "2025-02-12",                "2025-02-12T00:00:00+03:00", "2025-02-12"),
            ("Asia/Damascus", "2025-02-12T14:30",          "2025-02-12T14:30:00+03:00", "2025-02-12T14:30:00+03:00"),
            ("Asia/Damascus", "2024-12",                   "2024-12-01T00:00:00+03:00", "2024-12"),
            // A written offset wins over the zone.
            ("Asia/Damascus", "2025-02-12T14:30:00Z",      "2025-02-12T14:30:00Z",      "2025-02-12T14:30:00Z"),
            ("Asia/Damascus", "2025-02-12T14:30-05:00",    "2025-02-12T14:30:00-05:00", "2025-02-12T14:30:00-05:00"),
            // London: GMT in winter, BST in summer.
            ("Europe/London", "2025-01-15T09:00",          "2025-01-15T09:00:00Z",      "2025-01-15T09:00:00Z"),
            ("Europe/London", "2025-07-15T09:00",          "2025-07-15T09:00:00+01:00", "2025-07-15T09:00:00+01:00"),
            ("Europe/London", "2025-07-15",                "2025-07-15T00:00:00+01:00", "2025-07-15"),
            // 01:30 on 30 March 2025 never happened in London: moved past the gap.
            ("Europe/London", "2025-03-30T01:30",          "2025-03-30T02:30:00+01:00", "2025-03-30T02:30:00+01:00"),
            // 01:30 on 26 October 2025 happened twice: the first (BST) is taken.
            ("Europe/London", "2025-10-26T01:30",          "2025-10-26T01:30:00+01:00", "2025-10-26T01:30:00+01:00"),
            ("UTC",           "2025-02-12 14:30",          "2025-02-12T14:30:00Z",      "2025-02-12T14:30:00Z"),
        ];
        for (name, input, rfc, machine) in table {
            let d = date(input);
            assert_eq!(d.to_rfc3339(&zone(name)), *rfc, "{name} {input:?}");
            assert_eq!(d.machine(&zone(name)), *machine, "{name} {input:?}");
            assert!(rfc.parse::<jiff::Timestamp>().is_ok(), "{rfc}");
        }
    }

    #[test]
    fn zone_less_timestamps_sort_by_instant_in_the_site_zone() {
        let london = jiff::tz::TimeZoneDatabase::bundled()
            .get("Europe/London")
            .unwrap();
        // 09:00 in London in July is 08:00 UTC: before 08:30Z, after 07:45Z.
        let local = date("2025-07-15T09:00");
        assert!(local.sort_key_in(&london) < date("2025-07-15T08:30Z").sort_key_in(&london));
        assert!(local.sort_key_in(&london) > date("2025-07-15T07:45Z").sort_key_in(&london));
        // Read as UTC it would sort the other way.
        assert!(local.sort_key() > date("2025-07-15T08:30Z").sort_key());
    }
}
