//! Policies as data: everything that differs between versions of Partner
//! Center's rules, in one value ([`Policy`], with its knobs and its
//! time-boxed [`ExtensionPolicy`]s), the built-in versions of the
//! [rules catalogue](crate::docs::rules)'s "Policy history", and their
//! dated succession ([`PolicySet`]).

mod extension;
mod history;

use std::borrow::Cow;

use chrono::NaiveDate;

use crate::calendar::{first_anniversary, Day, OFFSET_RANGE};
use crate::error::{Error, ErrorKind};
use crate::membership::Portal;
use crate::offer::Offer;

pub use extension::{ExtensionPolicy, ReactivationEnd};
pub use history::PolicySet;

/// Where a renewal window lies, in days relative to the anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct WindowOffsets {
    /// The first day of the window, relative to the anniversary.
    pub opens: i16,
    /// The last day of the window (inclusive), relative to the anniversary.
    pub closes: i16,
}

/// Window offsets per portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct Windows {
    /// W2, W3, D3: Partner Center.
    pub partner_center: WindowOffsets,
    /// P4: Partner Membership Center.
    pub pmc: WindowOffsets,
}

/// When the dated reminders fall, in days relative to the anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct ReminderOffsets {
    /// N1: the reminder of the upcoming anniversary (−15).
    pub upcoming: i16,
    /// N2: the second reminder while the offer is unrenewed in its window
    /// (+23), sent only when that day is inside the window.
    pub window_closing: i16,
}

/// How a renewal sets the next anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive] // the policy history (the rules catalogue) has changed this rule before
pub enum RenewalTerm {
    /// W5: a number of days after the current anniversary (365 in the
    /// seeds: across a 29 February the date moves one day earlier).
    DaysAfterAnniversary(u16),
    /// A number of days after the day of the renewal (2018: "365 days after
    /// the renewal day"; 2022: "after the payment is received", which is the
    /// day the renewal is applied).
    DaysAfterRenewal(u16),
}

/// How a purchase sets the first anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(rename_all = "snake_case", deny_unknown_fields)
)]
#[non_exhaustive]
pub enum FirstAnniversary {
    /// W1, D1: the same month and day one year later (29 February gives
    /// 28 February).
    SameDayNextYear,
    /// 2023: a number of days after the purchase (365).
    DaysAfterPurchase(u16),
}

/// A version of Partner Center's renewal rules, as a value.
///
/// [`Policy::partner_center_2020`] encodes the rules of the seeds and is
/// what [`evaluate`](crate::evaluate) uses. A policy change, such as the
/// COVID-19 extensions of 2020, is a new `Policy` value, not new code: the
/// engine reads every date and offset below from the value it is given.
/// Policies also load from JSON (feature `serde`), checked as they load: see
/// the [serde form](Policy#serde-form) below.
///
/// ```
/// use mpn_renewals::Portal;
/// use mpn_renewals::policy::{Policy, WindowOffsets};
///
/// let policy = Policy::partner_center_2020();
/// assert_eq!(policy.name(), "partner-center-2020");
/// // D3: the window is anniversary+1 ..= anniversary+30 in Partner Center,
/// // and anniversary-90 ..= anniversary in PMC (P4).
/// assert_eq!(policy.window(Portal::PartnerCenter), WindowOffsets { opens: 1, closes: 30 });
/// assert_eq!(policy.window(Portal::Pmc), WindowOffsets { opens: -90, closes: 0 });
/// ```
///
/// # Serde form
///
/// ```json
/// {
///   "name": "partner-center-2020",
///   "windows": {"partner_center": {"opens": 1, "closes": 30},
///               "pmc": {"opens": -90, "closes": 0}},
///   "first_anniversary": "same_day_next_year",
///   "renewal_term": {"days_after_anniversary": 365},
///   "reminders": {"upcoming": -15, "window_closing": 23},
///   "one_pack_per_account": false,
///   "cancellation_days": null,
///   "extensions": [
///     {"name": "covid-2020-h1", "first_anniversary": "2020-01-01",
///      "last_anniversary": "2020-06-30", "excluded_areas": [],
///      "waives_requirements": true, "reactivation_end": {"on": "2020-06-30"},
///      "covid_override": false}
///   ]
/// }
/// ```
///
/// Every field is required but `one_pack_per_account` (default `false`),
/// `cancellation_days` (default `null`) and `extensions` (default `[]`);
/// unknown fields are refused. Loading checks that the name is not empty,
/// that every offset of a window or reminder lies within [`Policy::OFFSET_RANGE`]
/// (−90 ..= 364 days: far inside the ±1000 days the project allows, and
/// exactly the reach that keeps every derived date inside the calendar for
/// every valid membership, D4), that no window closes before it opens, that
/// every term is 1 to 1000 days (a renewal term counted from the renewal day
/// at least 90, a cancellation period 1 to 364), and that no
/// two extensions cover a common anniversary; an [`Error`] names the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub(crate) name: Cow<'static, str>,
    pub(crate) windows: Windows,
    pub(crate) first_anniversary: FirstAnniversary,
    pub(crate) renewal_term: RenewalTerm,
    pub(crate) reminders: ReminderOffsets,
    pub(crate) one_pack_per_account: bool,
    pub(crate) cancellation_days: Option<u16>,
    pub(crate) extensions: Cow<'static, [ExtensionPolicy]>,
    /// The indexes of `extensions` in the order of their first anniversary:
    /// the covered ranges never overlap, so the one that may cover an
    /// anniversary is found by a binary search.
    pub(crate) by_date: Cow<'static, [u32]>,
}

const COVID_2020: &[ExtensionPolicy] = &[
    ExtensionPolicy::covid_2020_h1(),
    ExtensionPolicy::covid_2020_h2(),
];

/// Up to this many extensions, [`Policy::extension_for`] scans them all
/// instead of searching them by date.
const LINEAR_SCAN_EXTENSIONS: usize = 8;

const PARTNER_CENTER_WINDOWS: Windows = Windows {
    partner_center: WindowOffsets {
        opens: 1,
        closes: 30,
    },
    pmc: WindowOffsets {
        opens: -90,
        closes: 0,
    },
};

const SEED_REMINDERS: ReminderOffsets = ReminderOffsets {
    upcoming: -15,
    window_closing: 23,
};

/// The built-in policies, built once at compile time.
static BUILTIN: [Policy; 4] = [
    Policy::partner_center_2018(),
    Policy::partner_center_2020(),
    Policy::partner_center_2022(),
    Policy::partner_center_2023(),
];

/// The default policy.
pub(crate) static PARTNER_CENTER_2020: Policy = Policy::partner_center_2020();

impl Policy {
    /// The range of offsets from an anniversary, in days, that a policy may
    /// use for its windows and reminders: within the reach that every valid
    /// membership keeps inside 0001-01-01 ..= 9999-12-31 (D4: a membership
    /// is refused if its anniversary − 90 days or + 366 days leaves that
    /// range), with room for the day after the last one (a lapse, the end
    /// of a reminder). Within it, no policy derives a date outside the
    /// calendar of the wire form.
    pub const OFFSET_RANGE: std::ops::RangeInclusive<i16> = OFFSET_RANGE;

    /// The longest term, in days, of a renewal or a first anniversary.
    pub const MAX_TERM_DAYS: u16 = 1000;

    /// The name of the default policy.
    pub const DEFAULT_NAME: &'static str = "partner-center-2020";

    /// The names [`Policy::builtin`] knows, oldest first.
    pub const BUILTIN_NAMES: &'static [&'static str] = &[
        "partner-center-2018",
        Policy::DEFAULT_NAME,
        "partner-center-2022",
        "partner-center-2023",
    ];

    /// `partner-center-2020`: the rules in force in the seeds (2019-03 to
    /// 2021-02), the default.
    ///
    /// - W2, W3, D3: the window is `anniversary+1 ..= anniversary+30` in
    ///   Partner Center; P4: `anniversary-90 ..= anniversary` in PMC.
    /// - W1, D1: the first anniversary is the same day a year after the
    ///   purchase; W5: a renewal sets the next anniversary 365 days after the
    ///   current one.
    /// - N1: a reminder 15 days before the anniversary; N2: another 23 days
    ///   after it.
    /// - E1, E2: the extensions `covid-2020-h1` and `covid-2020-h2`.
    pub const fn partner_center_2020() -> Self {
        Policy {
            name: Cow::Borrowed(Policy::DEFAULT_NAME),
            windows: PARTNER_CENTER_WINDOWS,
            first_anniversary: FirstAnniversary::SameDayNextYear,
            renewal_term: RenewalTerm::DaysAfterAnniversary(365),
            reminders: SEED_REMINDERS,
            one_pack_per_account: false,
            cancellation_days: None,
            extensions: Cow::Borrowed(COVID_2020),
            by_date: Cow::Borrowed(&[0, 1]),
        }
    }

    /// `partner-center-2018` (`pub:renew-mpn-offers (2018)`): as 2020, but a
    /// renewal sets the next anniversary 365 days after the day of the
    /// renewal, and there are no extensions yet.
    pub const fn partner_center_2018() -> Self {
        Policy {
            name: Cow::Borrowed("partner-center-2018"),
            windows: PARTNER_CENTER_WINDOWS,
            first_anniversary: FirstAnniversary::SameDayNextYear,
            renewal_term: RenewalTerm::DaysAfterRenewal(365),
            reminders: SEED_REMINDERS,
            one_pack_per_account: false,
            cancellation_days: None,
            extensions: Cow::Borrowed(&[]),
            by_date: Cow::Borrowed(&[]),
        }
    }

    /// `partner-center-2022`: the next anniversary is 365 days after the
    /// payment is received, which this crate takes to be the day the renewal
    /// is applied; the COVID-19 extensions are over.
    pub const fn partner_center_2022() -> Self {
        Policy {
            name: Cow::Borrowed("partner-center-2022"),
            windows: PARTNER_CENTER_WINDOWS,
            first_anniversary: FirstAnniversary::SameDayNextYear,
            renewal_term: RenewalTerm::DaysAfterRenewal(365),
            reminders: SEED_REMINDERS,
            one_pack_per_account: false,
            cancellation_days: None,
            extensions: Cow::Borrowed(&[]),
            by_date: Cow::Borrowed(&[]),
        }
    }

    /// `partner-center-2023` (`pub:mpn-get-action-pack (2023-09-13)`): the
    /// first anniversary is the purchase + 365 days, and each renewal adds
    /// 365 days to the anniversary; the window is `anniversary ..=
    /// anniversary+30`; one Action Pack *or* Learning Action Pack per
    /// account; cancellation only within 30 days of the purchase.
    ///
    /// "Before any benefit is redeemed" is not modelled: the crate does not
    /// track benefit redemption.
    pub const fn partner_center_2023() -> Self {
        Policy {
            name: Cow::Borrowed("partner-center-2023"),
            windows: Windows {
                partner_center: WindowOffsets {
                    opens: 0,
                    closes: 30,
                },
                pmc: PARTNER_CENTER_WINDOWS.pmc,
            },
            first_anniversary: FirstAnniversary::DaysAfterPurchase(365),
            renewal_term: RenewalTerm::DaysAfterAnniversary(365),
            reminders: SEED_REMINDERS,
            one_pack_per_account: true,
            cancellation_days: Some(30),
            extensions: Cow::Borrowed(&[]),
            by_date: Cow::Borrowed(&[]),
        }
    }

    /// The built-in policy of that name, if there is one (see
    /// [`BUILTIN_NAMES`](Policy::BUILTIN_NAMES)).
    ///
    /// ```
    /// use mpn_renewals::Policy;
    ///
    /// assert_eq!(Policy::builtin("partner-center-2018").unwrap().name(), "partner-center-2018");
    /// assert!(Policy::builtin("partner-center-1999").is_none());
    /// ```
    pub fn builtin(name: &str) -> Option<&'static Policy> {
        BUILTIN.iter().find(|policy| policy.name == name)
    }

    /// This policy with one more extension, such as the opt-in
    /// [`ExtensionPolicy::covid_2021_h1`] (E6).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::OverlappingExtensions`] if it covers an anniversary that
    /// an extension of the policy already covers.
    ///
    /// ```
    /// use mpn_renewals::policy::{ExtensionPolicy, Policy};
    ///
    /// let policy = Policy::partner_center_2020().with_extension(ExtensionPolicy::covid_2021_h1())?;
    /// assert_eq!(policy.extensions().len(), 3);
    /// assert!(Policy::partner_center_2020()
    ///     .with_extension(ExtensionPolicy::covid_2020_h1())
    ///     .is_err());
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    pub fn with_extension(mut self, extension: ExtensionPolicy) -> Result<Self, Error> {
        self.extensions.to_mut().push(extension);
        check_extensions(&self.extensions)?;
        self.by_date = Cow::Owned(extensions_by_date(&self.extensions));
        Ok(self)
    }

    /// A policy of parts read from its serde form, not yet checked.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    #[allow(clippy::too_many_arguments)] // the fields of the serde form
    pub(crate) fn from_parts(
        name: String,
        windows: Windows,
        first_anniversary: FirstAnniversary,
        renewal_term: RenewalTerm,
        reminders: ReminderOffsets,
        one_pack_per_account: bool,
        cancellation_days: Option<u16>,
        extensions: Vec<ExtensionPolicy>,
    ) -> Policy {
        let by_date = extensions_by_date(&extensions);
        Policy {
            name: Cow::Owned(name),
            windows,
            first_anniversary,
            renewal_term,
            reminders,
            one_pack_per_account,
            cancellation_days,
            extensions: Cow::Owned(extensions),
            by_date: Cow::Owned(by_date),
        }
    }

    /// This policy under another name (for a variant of a built-in one).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Empty`] for an empty name.
    pub fn with_name(mut self, name: impl Into<String>) -> Result<Self, Error> {
        let name = name.into();
        if name.is_empty() {
            return Err(Error::new("name", ErrorKind::Empty));
        }
        self.name = Cow::Owned(name);
        Ok(self)
    }

    /// The policy's name, as the evaluation shows it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The renewal window of a portal, relative to the anniversary.
    pub fn window(&self, portal: Portal) -> WindowOffsets {
        match portal {
            Portal::PartnerCenter => self.windows.partner_center,
            Portal::Pmc => self.windows.pmc,
        }
    }

    /// How a purchase sets the first anniversary.
    pub fn first_anniversary(&self) -> FirstAnniversary {
        self.first_anniversary
    }

    /// How a renewal sets the next anniversary.
    pub fn renewal_term(&self) -> RenewalTerm {
        self.renewal_term
    }

    /// When the dated reminders fall.
    pub fn reminders(&self) -> ReminderOffsets {
        self.reminders
    }

    /// 2023: one Action Pack *or* Learning Action Pack per account, so that
    /// holding either blocks buying the other (`already_held`).
    pub fn one_pack_per_account(&self) -> bool {
        self.one_pack_per_account
    }

    /// 2023: cancellation may be requested only this many days after the
    /// purchase (day N counts); `None`: any time while the pack is held (A3).
    pub fn cancellation_days(&self) -> Option<u16> {
        self.cancellation_days
    }

    /// The time-boxed extensions of this policy.
    pub fn extensions(&self) -> &[ExtensionPolicy] {
        &self.extensions
    }

    /// The extension that covers the offer's current anniversary, if any
    /// (E1, E2, E3, E6).
    #[inline]
    pub fn extension_for(&self, offer: &Offer) -> Option<&ExtensionPolicy> {
        if !offer.kind.is_competency() {
            return None; // E3: extensions are for competencies only
        }
        // The ranges never overlap, so at most one extension covers the
        // anniversary. A policy holds a few (the seeds' two): a scan of
        // them is cheaper on the hot path than the search below, which
        // keeps a policy of thousands linear in its offers.
        if self.extensions.len() <= LINEAR_SCAN_EXTENSIONS {
            return self.extensions.iter().find(|ext| ext.covers(offer));
        }
        // Only the last one starting on or before the anniversary can
        // cover it.
        let before = self.by_date.partition_point(|&index| {
            self.extensions
                .get(index as usize)
                .is_some_and(|ext| ext.first_anniversary <= offer.anniversary)
        });
        let candidate = before.checked_sub(1).and_then(|at| self.by_date.get(at))?;
        self.extensions
            .get(*candidate as usize)
            .filter(|ext| ext.covers(offer))
    }

    /// The first anniversary of a purchase on `purchased` under this policy
    /// (W1, D1; 2023: + 365 days). `None` beyond chrono's range.
    pub fn first_anniversary_of(&self, purchased: NaiveDate) -> Option<NaiveDate> {
        match self.first_anniversary {
            FirstAnniversary::SameDayNextYear => first_anniversary(purchased),
            FirstAnniversary::DaysAfterPurchase(days) => {
                Day::of(purchased).plus(i32::from(days)).date()
            }
        }
    }

    /// Checks a policy built from parts (the serde form goes through this).
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    pub(crate) fn check(&self) -> Result<(), Error> {
        if self.name.is_empty() {
            return Err(Error::new("name", ErrorKind::Empty));
        }
        for (portal, window) in [
            ("partner_center", self.windows.partner_center),
            ("pmc", self.windows.pmc),
        ] {
            for (field, offset) in [("opens", window.opens), ("closes", window.closes)] {
                check_offset(offset)
                    .map_err(|kind| Error::new(format!("windows.{portal}.{field}"), kind))?;
            }
            if window.closes < window.opens {
                return Err(Error::new(
                    format!("windows.{portal}"),
                    ErrorKind::WindowClosesBeforeOpens {
                        opens: window.opens,
                        closes: window.closes,
                    },
                ));
            }
        }
        for (field, offset) in [
            ("upcoming", self.reminders.upcoming),
            ("window_closing", self.reminders.window_closing),
        ] {
            check_offset(offset).map_err(|kind| Error::new(format!("reminders.{field}"), kind))?;
        }
        match self.renewal_term {
            RenewalTerm::DaysAfterAnniversary(days) => {
                check_term(days, 1, Policy::MAX_TERM_DAYS)
                    .map_err(|kind| Error::new("renewal_term.days_after_anniversary", kind))?;
            }
            // A window opens at most 90 days before the anniversary, so a
            // renewal at least 90 days long always sets an anniversary
            // after the purchase.
            RenewalTerm::DaysAfterRenewal(days) => {
                check_term(days, 90, Policy::MAX_TERM_DAYS)
                    .map_err(|kind| Error::new("renewal_term.days_after_renewal", kind))?;
            }
        }
        if let FirstAnniversary::DaysAfterPurchase(days) = self.first_anniversary {
            check_term(days, 1, Policy::MAX_TERM_DAYS)
                .map_err(|kind| Error::new("first_anniversary.days_after_purchase", kind))?;
        }
        if let Some(days) = self.cancellation_days {
            // D4: the purchase is before the anniversary, so the last day of
            // cancellation stays within the anniversary's reach.
            let max = OFFSET_RANGE.end().unsigned_abs();
            check_term(days, 1, max).map_err(|kind| Error::new("cancellation_days", kind))?;
        }
        check_extensions(&self.extensions)
    }
}

impl Default for Policy {
    /// [`Policy::partner_center_2020`].
    fn default() -> Self {
        Policy::partner_center_2020()
    }
}

#[cfg_attr(not(feature = "serde"), allow(dead_code))]
fn check_offset(offset: i16) -> Result<(), ErrorKind> {
    if !OFFSET_RANGE.contains(&offset) {
        return Err(ErrorKind::OffsetOutOfRange {
            days: i64::from(offset),
            min: i64::from(*OFFSET_RANGE.start()),
            max: i64::from(*OFFSET_RANGE.end()),
        });
    }
    Ok(())
}

#[cfg_attr(not(feature = "serde"), allow(dead_code))]
fn check_term(days: u16, min: u16, max: u16) -> Result<(), ErrorKind> {
    if days < min || days > max {
        return Err(ErrorKind::OffsetOutOfRange {
            days: i64::from(days),
            min: i64::from(min),
            max: i64::from(max),
        });
    }
    Ok(())
}

/// Each extension checked on its own, then for overlap with the ones before
/// it: the first (in the order given) that covers an anniversary an earlier
/// one covers is refused, naming the first such earlier one. The earlier
/// ones never overlap, so they are kept in a map by their first anniversary
/// and only the few around the new one are looked at: `O(n log n)`.
fn check_extensions(extensions: &[ExtensionPolicy]) -> Result<(), Error> {
    let mut seen: std::collections::BTreeMap<NaiveDate, (NaiveDate, usize)> =
        std::collections::BTreeMap::new();
    for (index, extension) in extensions.iter().enumerate() {
        extension
            .check()
            .map_err(|e| e.within(&format!("extensions[{index}]")))?;
        let (first, last) = (extension.first_anniversary, extension.last_anniversary);
        // The earlier ranges that overlap this one start on or before its
        // last day and end on or after its first: a run of the map, from
        // the last one starting on or before `last`, going down.
        let other = seen
            .range(..=last)
            .rev()
            .take_while(|(_, (other_last, _))| *other_last >= first)
            .map(|(_, (_, other))| *other)
            .min();
        if let Some(other) = other {
            return Err(Error::new(
                format!("extensions[{index}]"),
                ErrorKind::OverlappingExtensions {
                    other: format!("extensions[{other}]"),
                },
            ));
        }
        seen.insert(first, (last, index));
    }
    Ok(())
}

/// The indexes of `extensions`, in the order of their first anniversary.
fn extensions_by_date(extensions: &[ExtensionPolicy]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..extensions.len())
        .filter_map(|index| u32::try_from(index).ok())
        .collect();
    order.sort_by_key(|&index| {
        extensions
            .get(index as usize)
            .map(|extension| extension.first_anniversary)
    });
    order
}
