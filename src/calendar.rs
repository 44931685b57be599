//! The calendar of the wire form: dates `YYYY-MM-DD` from 0001-01-01 to
//! 9999-12-31.
//!
//! D2: every date in this crate is a calendar date with no time of day and
//! no zone; the caller decides which zone's "today" it passes. D4: every
//! date a rule derives from a valid membership lies inside this calendar;
//! a membership from which a rule would derive one outside it is refused
//! where it is built.
//!
//! ```
//! use mpn_renewals::calendar::{parse_date, FIRST_DATE, LAST_DATE};
//!
//! assert_eq!(parse_date("0001-01-01"), Some(FIRST_DATE));
//! assert_eq!(parse_date("9999-12-31"), Some(LAST_DATE));
//! assert!(parse_date("2019-02-30").is_none());
//! ```

use chrono::{Datelike, Days, NaiveDate};

/// The first date the wire form accepts: 0001-01-01.
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last date the wire form accepts: 9999-12-31.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Parses a date of the wire form: `YYYY-MM-DD` with a four-digit year
/// from 0001 to 9999, and nothing else: no sign, no time, no surrounding
/// space. `None` for anything else, including days that do not exist
/// (`2019-02-30`).
///
/// ```
/// use mpn_renewals::calendar::parse_date;
///
/// assert!(parse_date("2019-09-01").is_some());
/// assert!(parse_date("2019-02-30").is_none());
/// assert!(parse_date("0000-01-01").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = bytes.get(range)?;
        digits.iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    let month = number(5..7)?;
    let day = number(8..10)?;
    if year == 0 {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// D4: the earliest and latest offsets, in days, from an anniversary that
/// any rule of any portal derives: PMC's window opens 90 days before it
/// (P4); an extended anniversary falls at most 366 days after it (E4). A
/// membership whose anniversary leaves this reach of the calendar is
/// refused.
pub(crate) const ANNIVERSARY_REACH: (i32, i32) = (-90, 366);

/// D4: the offsets from an anniversary that a policy may use for its
/// windows and reminders: inside [`ANNIVERSARY_REACH`], with room for the
/// day after the last one (a lapse, the end of a reminder), so that no
/// policy derives a date outside the calendar for a valid membership.
pub(crate) const OFFSET_RANGE: std::ops::RangeInclusive<i16> = -90..=364;

/// Whether `date` + `before` days and `date` + `after` days both lie in
/// 0001-01-01 ..= 9999-12-31 (D4).
pub(crate) fn within_reach(date: NaiveDate, before: i32, after: i32) -> bool {
    let day = Day::of(date);
    day.plus(before) >= Day::of(FIRST_DATE) && day.plus(after) <= Day::of(LAST_DATE)
}

/// The same month and day in `year`, with 29 February clamped to 28 February
/// when `year` is not a leap year (D1). `None` beyond chrono's range.
pub(crate) fn same_day_in_year(anchor: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, anchor.month(), anchor.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, anchor.month(), anchor.day().checked_sub(1)?))
}

/// W1, D1: the first anniversary of a purchase is the same month and day one
/// year later; a purchase on 29 February has its first anniversary on
/// 28 February. Always computed from the original purchase date, never from an
/// already clamped one.
pub(crate) fn first_anniversary(purchased: NaiveDate) -> Option<NaiveDate> {
    same_day_in_year(purchased, purchased.year().checked_add(1)?)
}

/// A date as a day number (days since 0001-01-01 is day 1), so that the rules
/// need only integer additions and comparisons on the hot path.
///
/// Every date chrono can represent has a day number that fits in an `i32`
/// with room to spare (about ±96 million), and every offset the rules use is
/// bounded (±1000 days in a policy), so the additions below cannot overflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Day(pub(crate) i32);

impl Day {
    #[inline]
    pub(crate) fn of(date: NaiveDate) -> Day {
        Day(date.num_days_from_ce())
    }

    /// `self + days`, saturating (D4: never a wrap). The rules add at most a
    /// few thousand days to dates of chrono's range, so saturation is never
    /// reached in practice; it is there so that no input can make it wrap.
    pub(crate) const fn plus(self, days: i32) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// The calendar date of this day number, if chrono can represent it.
    pub(crate) fn date(self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.0)
    }

    /// The calendar date of `other`, knowing that `self` is `date`: a shift
    /// of `date` by the difference, which chrono does cheaply within a year.
    /// Clamped to chrono's range like [`Day::date_clamped`].
    pub(crate) fn date_near(self, date: NaiveDate, other: Day) -> NaiveDate {
        let shifted = match other.0.checked_sub(self.0) {
            Some(days) if days >= 0 => {
                date.checked_add_days(Days::new(u64::from(days.unsigned_abs())))
            }
            Some(days) => date.checked_sub_days(Days::new(u64::from(days.unsigned_abs()))),
            None => None,
        };
        match shifted {
            Some(shifted) => shifted,
            None => other.date_clamped(),
        }
    }

    /// The calendar date, clamped to chrono's range. Used only for derived
    /// dates that validation already keeps inside 0001..=9999 (D4), so the
    /// clamp is a guard against panics, not a behaviour.
    pub(crate) fn date_clamped(self) -> NaiveDate {
        match self.date() {
            Some(date) => date,
            None if self.0 < 0 => NaiveDate::MIN,
            None => NaiveDate::MAX,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn d1_leap_day_purchase_has_anniversary_on_28_february() {
        assert_eq!(first_anniversary(d(2016, 2, 29)), Some(d(2017, 2, 28)));
        assert_eq!(first_anniversary(d(2019, 2, 28)), Some(d(2020, 2, 28)));
        assert_eq!(same_day_in_year(d(2020, 2, 29), 2024), Some(d(2024, 2, 29)));
    }

    #[test]
    fn w1_first_anniversary_is_same_day_next_year() {
        assert_eq!(first_anniversary(d(2018, 9, 1)), Some(d(2019, 9, 1)));
    }

    #[test]
    fn d2_wire_dates_are_strict() {
        assert_eq!(parse_date("2019-09-01"), Some(d(2019, 9, 1)));
        assert_eq!(parse_date("0001-01-01"), Some(FIRST_DATE));
        assert_eq!(parse_date("9999-12-31"), Some(LAST_DATE));
        for bad in [
            "2019-02-30",
            "0000-01-01",
            "19-09-01",
            "2019-9-01",
            "2019-09-1",
            "+2019-09-01",
            "2019-09-01 ",
            "2019/09/01",
            "2019-09-01T00:00:00",
            "",
            "20190-09-01",
            "２０１９-09-01",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn d4_day_numbers_round_trip_at_the_ends_of_chrono() {
        for date in [NaiveDate::MIN, NaiveDate::MAX, FIRST_DATE, LAST_DATE] {
            assert_eq!(Day::of(date).date(), Some(date));
        }
        assert_eq!(Day::of(NaiveDate::MAX).plus(1).date(), None);
        assert_eq!(
            Day::of(NaiveDate::MAX).plus(1).date_clamped(),
            NaiveDate::MAX
        );
        assert_eq!(
            Day::of(NaiveDate::MIN).plus(-1).date_clamped(),
            NaiveDate::MIN
        );
        assert_eq!(Day(i32::MAX).plus(5), Day(i32::MAX));
    }
}
