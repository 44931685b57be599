//! Time-boxed policies (E1–E6): the COVID-19 extensions of 2020 and 2021, as
//! values.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{same_day_in_year, Day, LAST_DATE, OFFSET_RANGE};
use crate::error::{Error, ErrorKind};
use crate::offer::Offer;

/// When an extension's reactivation period ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive] // a later policy may end it another way
pub enum ReactivationEnd {
    /// On a fixed date, whatever the anniversary (E1: 2020-06-30).
    On(NaiveDate),
    /// A number of days after the anniversary (E2: 30).
    DaysAfterAnniversary(u16),
}

/// A time-boxed policy that covers the competencies whose anniversary falls
/// in a range of dates (E1, E2, E6), as a value: a new extension is a new
/// `ExtensionPolicy`, not a new release.
///
/// An extension covers competencies only, never a pack (E3). Its effects
/// hold only for memberships in Partner Center (P3): the requirements of P1
/// are waived, a lapsed competency may be reactivated until
/// [`reactivation_end`](ExtensionPolicy::reactivation_end), and (E2) a COVID
/// override may be requested after that. Renewing or reactivating under it
/// moves the anniversary to the same month and day one year later (E4,
/// D10); 29 February gives 28 February.
///
/// ```
/// use mpn_renewals::policy::ExtensionPolicy;
///
/// let h1 = ExtensionPolicy::covid_2020_h1();
/// assert_eq!(h1.name(), "covid-2020-h1");
/// assert!(h1.waives_requirements());
/// assert!(!h1.allows_covid_override());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtensionPolicy {
    pub(crate) name: Cow<'static, str>,
    pub(crate) first_anniversary: NaiveDate,
    pub(crate) last_anniversary: NaiveDate,
    pub(crate) excluded_areas: Cow<'static, [Cow<'static, str>]>,
    pub(crate) waives_requirements: bool,
    pub(crate) reactivation_end: Option<ReactivationEnd>,
    pub(crate) covid_override: bool,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

impl ExtensionPolicy {
    /// E1 (`000`, `003`): competencies with an anniversary from 2020-01-01
    /// to 2020-06-30 are extended through their next anniversary in 2021;
    /// requirements are waived, the fee is still due in the window, and a
    /// partner who missed the window may reactivate by paying the fee until
    /// 2020-06-30.
    pub const fn covid_2020_h1() -> Self {
        ExtensionPolicy {
            name: Cow::Borrowed("covid-2020-h1"),
            first_anniversary: date(2020, 1, 1),
            last_anniversary: date(2020, 6, 30),
            excluded_areas: Cow::Borrowed(&[]),
            waives_requirements: true,
            reactivation_end: Some(ReactivationEnd::On(date(2020, 6, 30))),
            covid_override: false,
        }
    }

    /// E2 (`001`): the same for anniversaries from 2020-07-01 to
    /// 2020-12-31; reactivation up to 30 days after the anniversary, then a
    /// COVID override on request (E5).
    pub const fn covid_2020_h2() -> Self {
        ExtensionPolicy {
            name: Cow::Borrowed("covid-2020-h2"),
            first_anniversary: date(2020, 7, 1),
            last_anniversary: date(2020, 12, 31),
            excluded_areas: Cow::Borrowed(&[]),
            waives_requirements: true,
            reactivation_end: Some(ReactivationEnd::DaysAfterAnniversary(30)),
            covid_override: true,
        }
    }

    /// E6 (`pub:benefits-faq-new (2021-02-04)`): competencies with an
    /// anniversary from 2021-01-01 to 2021-06-30, except the "Cloud Business
    /// Applications" area; exams and performance are waived, the fee is
    /// still due. The source names no reactivation and no override. Not in
    /// the seeds, so in no built-in policy: add it with
    /// [`Policy::with_extension`](crate::policy::Policy::with_extension).
    pub const fn covid_2021_h1() -> Self {
        ExtensionPolicy {
            name: Cow::Borrowed("covid-2021-h1"),
            first_anniversary: date(2021, 1, 1),
            last_anniversary: date(2021, 6, 30),
            excluded_areas: Cow::Borrowed(&[Cow::Borrowed("Cloud Business Applications")]),
            waives_requirements: true,
            reactivation_end: None,
            covid_override: false,
        }
    }

    /// The extension's name, as the evaluation shows it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The first anniversary covered.
    pub fn first_anniversary(&self) -> NaiveDate {
        self.first_anniversary
    }

    /// The last anniversary covered.
    pub fn last_anniversary(&self) -> NaiveDate {
        self.last_anniversary
    }

    /// Solution areas the extension leaves out (E6: "Cloud Business
    /// Applications").
    pub fn excluded_areas(&self) -> impl Iterator<Item = &str> {
        self.excluded_areas.iter().map(|area| area.as_ref())
    }

    /// P1's performance and exam requirements are deemed met (E1, E2, E6).
    pub fn waives_requirements(&self) -> bool {
        self.waives_requirements
    }

    /// When reactivation ends (E1, E2); `None` for an extension that offers
    /// no reactivation (E6).
    pub fn reactivation_end(&self) -> Option<ReactivationEnd> {
        self.reactivation_end
    }

    /// A COVID override may be requested once reactivation is over (E2, E5).
    pub fn allows_covid_override(&self) -> bool {
        self.covid_override
    }

    /// E1, E2, E3, E6: whether this extension covers the offer's current
    /// anniversary: a competency (never a pack, E3), outside the excluded
    /// areas, whose anniversary falls in the covered range.
    #[inline]
    pub fn covers(&self, offer: &Offer) -> bool {
        offer.kind.is_competency()
            && self.first_anniversary <= offer.anniversary
            && offer.anniversary <= self.last_anniversary
            && !offer
                .area
                .as_deref()
                .is_some_and(|area| self.excluded_areas.iter().any(|x| x == area))
    }

    /// The last day on which an offer with this anniversary may reactivate.
    #[inline]
    pub(crate) fn reactivation_end_day(&self, anniversary: Day) -> Option<Day> {
        Some(match self.reactivation_end? {
            ReactivationEnd::On(date) => Day::of(date),
            ReactivationEnd::DaysAfterAnniversary(days) => anniversary.plus(i32::from(days)),
        })
    }

    /// Checks an extension built from parts (the serde form goes through
    /// this).
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.name.is_empty() {
            return Err(Error::new("name", ErrorKind::Empty));
        }
        if self.last_anniversary < self.first_anniversary {
            return Err(Error::new(
                "last_anniversary",
                ErrorKind::EmptyRange {
                    first: self.first_anniversary,
                    last: self.last_anniversary,
                },
            ));
        }
        if let Some(index) = self.excluded_areas.iter().position(|area| area.is_empty()) {
            return Err(Error::new(
                format!("excluded_areas[{index}]"),
                ErrorKind::Empty,
            ));
        }
        if let Some(ReactivationEnd::On(date)) = self.reactivation_end {
            // D4: the day after reactivation ends is a change the evaluation
            // reports, so it must be a date of the calendar too.
            if date >= LAST_DATE {
                return Err(Error::new(
                    "reactivation_end.on",
                    ErrorKind::DateOutOfRange {
                        date,
                        needed: "the day after it",
                    },
                ));
            }
        }
        if let Some(ReactivationEnd::DaysAfterAnniversary(days)) = self.reactivation_end {
            // D4: the day after reactivation ends stays within the
            // anniversary's reach.
            let max = OFFSET_RANGE.end().unsigned_abs();
            if days > max {
                return Err(Error::new(
                    "reactivation_end.days_after_anniversary",
                    ErrorKind::OffsetOutOfRange {
                        days: i64::from(days),
                        min: 0,
                        max: i64::from(max),
                    },
                ));
            }
        }
        Ok(())
    }

    /// E4, D10: the anniversary after a renewal or reactivation under this
    /// extension: the same month and day one year later, 29 February giving
    /// 28 February. `None` only beyond chrono's range (validation keeps
    /// every membership's anniversaries far from it).
    #[inline]
    pub fn extended_anniversary(anniversary: NaiveDate) -> Option<NaiveDate> {
        same_day_in_year(anniversary, anniversary.year().checked_add(1)?)
    }
}
