//! Policies as data: everything that differs between versions of Partner
//! Center's rules, in one value.

use std::borrow::Cow;

use crate::extension::ExtensionPolicy;
use crate::membership::Portal;

/// Where a renewal window lies, in days relative to the anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WindowOffsets {
    /// The first day of the window, relative to the anniversary.
    pub opens: i16,
    /// The last day of the window (inclusive), relative to the anniversary.
    pub closes: i16,
}

/// When the dated reminders fall, in days relative to the anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReminderOffsets {
    /// N1: the reminder of the upcoming anniversary (−15).
    pub upcoming: i16,
    /// N2: the second reminder while the offer is unrenewed in its window
    /// (+23), sent only when that day is inside the window.
    pub window_closing: i16,
}

/// How a renewal sets the next anniversary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive] // the policy history (RULES.md) has changed this rule before
pub enum RenewalTerm {
    /// W5: a number of days after the current anniversary (365 in the
    /// seeds: across a 29 February the date moves one day earlier).
    DaysAfterAnniversary(u16),
    /// A number of days after the day of the renewal (2018).
    DaysAfterRenewal(u16),
}

/// A version of Partner Center's renewal rules, as a value.
///
/// [`Policy::partner_center_2020`] encodes the rules of the seeds, and is
/// what [`evaluate`](crate::evaluate) uses. A policy change, such as the
/// COVID-19 extensions of 2020, is a new `Policy` value, not new code: the
/// engine reads every date and offset below from the value it is given.
///
/// ```
/// use mpn_renewals::{Policy, Portal, WindowOffsets};
///
/// let policy = Policy::partner_center_2020();
/// assert_eq!(policy.name(), "partner-center-2020");
/// // D3: the window is anniversary+1 ..= anniversary+30 in Partner Center,
/// // and anniversary-90 ..= anniversary in PMC (P4).
/// assert_eq!(policy.window(Portal::PartnerCenter), WindowOffsets { opens: 1, closes: 30 });
/// assert_eq!(policy.window(Portal::Pmc), WindowOffsets { opens: -90, closes: 0 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    pub(crate) name: Cow<'static, str>,
    pub(crate) partner_center: WindowOffsets,
    pub(crate) pmc: WindowOffsets,
    pub(crate) renewal_term: RenewalTerm,
    pub(crate) reminders: ReminderOffsets,
    pub(crate) extensions: Cow<'static, [ExtensionPolicy]>,
}

/// The policy of the seeds, built once at compile time.
pub(crate) static PARTNER_CENTER_2020: Policy = Policy::partner_center_2020();

const COVID_2020: &[ExtensionPolicy] = &[
    ExtensionPolicy::covid_2020_h1(),
    ExtensionPolicy::covid_2020_h2(),
];

impl Policy {
    /// The name of the default policy.
    pub const DEFAULT_NAME: &'static str = "partner-center-2020";

    /// `partner-center-2020`: the rules in force in the seeds (2019-03 to
    /// 2021-02), the default.
    ///
    /// - W2, W3, D3: the window is `anniversary+1 ..= anniversary+30` in
    ///   Partner Center; P4: `anniversary-90 ..= anniversary` in PMC.
    /// - W5: a renewal sets the next anniversary 365 days after the current one.
    /// - N1: a reminder 15 days before the anniversary; N2: another 23 days
    ///   after it.
    /// - E1, E2: the extensions `covid-2020-h1` and `covid-2020-h2`.
    pub const fn partner_center_2020() -> Self {
        Policy {
            name: Cow::Borrowed(Policy::DEFAULT_NAME),
            partner_center: WindowOffsets {
                opens: 1,
                closes: 30,
            },
            pmc: WindowOffsets {
                opens: -90,
                closes: 0,
            },
            renewal_term: RenewalTerm::DaysAfterAnniversary(365),
            reminders: ReminderOffsets {
                upcoming: -15,
                window_closing: 23,
            },
            extensions: Cow::Borrowed(COVID_2020),
        }
    }

    /// The built-in policy of that name, if there is one:
    /// `partner-center-2020`.
    pub fn builtin(name: &str) -> Option<&'static Policy> {
        match name {
            Policy::DEFAULT_NAME => Some(&PARTNER_CENTER_2020),
            _ => None,
        }
    }

    /// The names [`Policy::builtin`] knows.
    pub const BUILTIN_NAMES: &'static [&'static str] = &[Policy::DEFAULT_NAME];

    /// The policy's name, as the evaluation shows it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The renewal window of a portal, relative to the anniversary.
    pub fn window(&self, portal: Portal) -> WindowOffsets {
        match portal {
            Portal::PartnerCenter => self.partner_center,
            Portal::Pmc => self.pmc,
        }
    }

    /// How a renewal sets the next anniversary.
    pub fn renewal_term(&self) -> RenewalTerm {
        self.renewal_term
    }

    /// When the dated reminders fall.
    pub fn reminders(&self) -> ReminderOffsets {
        self.reminders
    }

    /// The time-boxed extensions of this policy.
    pub fn extensions(&self) -> &[ExtensionPolicy] {
        &self.extensions
    }

    /// The extension that covers the offer's current anniversary, if any.
    pub fn extension_for(&self, offer: &crate::Offer) -> Option<&ExtensionPolicy> {
        if !offer.kind.is_competency() {
            return None; // E3: extensions are for competencies only
        }
        self.extensions.iter().find(|ext| ext.covers(offer))
    }
}
