//! Reasons: why an action is blocked, each naming its rule, and sets of
//! them.

use std::fmt;

/// Why an action is blocked: each variant names the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive] // a new policy may bring a new reason
#[repr(u8)]
pub enum Reason {
    /// A3: the offer was cancelled.
    Cancelled,
    /// W2, W7: the renewal window has not opened yet.
    WindowNotOpen,
    /// W6: the renewal window has closed.
    WindowClosed,
    /// P1: the competency's performance requirements are not met.
    PerformanceNotMet,
    /// P1: the competency's exams and skills are not validated.
    ExamsNotValidated,
    /// P3: the extension's effects need Partner Center.
    NotInPartnerCenter,
    /// E1, E2: the extension's reactivation period is over.
    ReactivationPeriodOver,
    /// P2: the business profile needs review.
    ProfileNeedsReview,
    /// P2: the business profile's verification is pending.
    VerificationPending,
    /// M2: only a network member may buy or renew.
    NotNetworkMember,
    /// M4: an offer of that kind is already active or in its window.
    AlreadyHeld,
    /// G2: another pack of this kind in the account is the one that renews.
    OneActionPackPerAccount,
    /// B2: the token's one replacement was already issued.
    ReplacementAlreadyIssued,
    /// B2: the token is not activated yet.
    NotYetActivated,
    /// B2: more than 30 days have passed since the activation.
    ReplacementPeriodOver,
}

crate::names::wire_names!(Reason, "reason", {
    Cancelled => "cancelled",
    WindowNotOpen => "window_not_open",
    WindowClosed => "window_closed",
    PerformanceNotMet => "performance_not_met",
    ExamsNotValidated => "exams_not_validated",
    NotInPartnerCenter => "not_in_partner_center",
    ReactivationPeriodOver => "reactivation_period_over",
    ProfileNeedsReview => "profile_needs_review",
    VerificationPending => "verification_pending",
    NotNetworkMember => "not_network_member",
    AlreadyHeld => "already_held",
    OneActionPackPerAccount => "one_action_pack_per_account",
    ReplacementAlreadyIssued => "replacement_already_issued",
    NotYetActivated => "not_yet_activated",
    ReplacementPeriodOver => "replacement_period_over",
});

impl Reason {
    const fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

/// A set of [`Reason`]s: a bit set, so building and copying one costs
/// nothing. Iterates (and serializes) in the order of [`Reason::ALL`].
///
/// ```
/// use mpn_renewals::{Reason, Reasons};
///
/// let reasons = Reasons::EMPTY.with(Reason::WindowClosed).with(Reason::Cancelled);
/// assert_eq!(reasons.len(), 2);
/// assert!(reasons.contains(Reason::Cancelled));
/// let names: Vec<_> = reasons.iter().map(|r| r.as_str()).collect();
/// assert_eq!(names, ["cancelled", "window_closed"]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Reasons(u16);

impl Reasons {
    /// No reason.
    pub const EMPTY: Reasons = Reasons(0);

    /// This set and `reason`.
    #[must_use]
    pub const fn with(self, reason: Reason) -> Reasons {
        Reasons(self.0 | reason.bit())
    }

    /// This set and `reason` if `holds`.
    #[must_use]
    pub const fn with_if(self, holds: bool, reason: Reason) -> Reasons {
        if holds {
            self.with(reason)
        } else {
            self
        }
    }

    /// Every reason of this set and of `other`.
    #[must_use]
    pub const fn union(self, other: Reasons) -> Reasons {
        Reasons(self.0 | other.0)
    }

    /// Whether `reason` is in the set.
    pub const fn contains(self, reason: Reason) -> bool {
        self.0 & reason.bit() != 0
    }

    /// Whether the set is empty: the action is open.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many reasons the set holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The reasons, in the order of [`Reason::ALL`].
    pub const fn iter(self) -> ReasonsIter {
        ReasonsIter { left: self.0 }
    }
}

/// The reasons of a [`Reasons`] set, in the order of [`Reason::ALL`].
///
/// ```
/// use mpn_renewals::{Reason, Reasons};
///
/// let reasons: Reasons = [Reason::WindowClosed, Reason::Cancelled].into_iter().collect();
/// let mut names = Vec::new();
/// for reason in &reasons {
///     names.push(reason.as_str());
/// }
/// assert_eq!(names, ["cancelled", "window_closed"]);
/// ```
#[derive(Debug, Clone)]
pub struct ReasonsIter {
    /// The bits of the reasons not yet given.
    left: u16,
}

impl Iterator for ReasonsIter {
    type Item = Reason;

    fn next(&mut self) -> Option<Reason> {
        if self.left == 0 {
            return None;
        }
        let bit = self.left.trailing_zeros();
        self.left &= self.left - 1;
        Reason::ALL.get(bit as usize).copied()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.left.count_ones() as usize;
        (left, Some(left))
    }
}

impl ExactSizeIterator for ReasonsIter {}

impl IntoIterator for Reasons {
    type Item = Reason;
    type IntoIter = ReasonsIter;

    fn into_iter(self) -> ReasonsIter {
        self.iter()
    }
}

impl IntoIterator for &Reasons {
    type Item = Reason;
    type IntoIter = ReasonsIter;

    fn into_iter(self) -> ReasonsIter {
        self.iter()
    }
}

impl fmt::Debug for Reasons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Reason> for Reasons {
    fn from_iter<I: IntoIterator<Item = Reason>>(iter: I) -> Self {
        iter.into_iter().fold(Reasons::EMPTY, Reasons::with)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Reasons {
    /// A list of wire names, in the order of [`Reason::ALL`].
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Reasons {
    /// A list of wire names, in any order.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <Vec<Reason> as serde::Deserialize>::deserialize(deserializer)
            .map(|reasons| reasons.into_iter().collect())
    }
}

impl fmt::Display for Reasons {
    /// The wire names, comma-separated, in the order of [`Reason::ALL`]:
    /// `window_not_open, profile_needs_review`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, reason) in self.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            f.write_str(reason.as_str())?;
        }
        Ok(())
    }
}
