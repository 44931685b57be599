//! Proptest generators of valid memberships, offers, policies and days near
//! the rules' boundaries, for property tests (feature `proptest`).
//!
//! Every membership generated is valid: it is built through
//! [`MembershipBuilder::build`](crate::MembershipBuilder::build), and the
//! generators draw only inputs that pass it. Dates cluster where the rules
//! turn: around 2020 (the COVID-19 extensions), around 29 February, and
//! near the ends of the calendar (D4).
//!
//! ```
//! use mpn_renewals::strategies;
//! use proptest::prelude::*;
//! use proptest::test_runner::TestRunner;
//!
//! // In a test suite this is `proptest! { #[test] fn ...(x in strategy) {...} }`.
//! let mut runner = TestRunner::default();
//! runner
//!     .run(&strategies::membership_and_day(), |(membership, today)| {
//!         let first = mpn_renewals::evaluate(&membership, today);
//!         prop_assert_eq!(first, mpn_renewals::evaluate(&membership, today));
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::sample::select;

use crate::calendar::{Day, FIRST_DATE, LAST_DATE};
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{OfferDraft, OfferKind, Token};
use crate::policy::Policy;

const AREAS: &[&str] = &[
    "Cloud Platform",
    "Data",
    "Cloud Business Applications",
    "Security",
];

/// The offsets from an anniversary (or a token's activation) at which some
/// rule turns, and their neighbours.
const BOUNDARY_OFFSETS: &[i32] = &[
    -91, -90, -89, -16, -15, -14, -1, 0, 1, 2, 22, 23, 24, 29, 30, 31, 32, 33, 364, 365, 366,
];

/// Any date chrono can represent, with its two ends and the ends of the wire
/// form's range drawn often.
pub fn any_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        1 => select(vec![NaiveDate::MIN, NaiveDate::MAX, FIRST_DATE, LAST_DATE]),
        4 => (Day::of(NaiveDate::MIN).0..=Day::of(NaiveDate::MAX).0)
            .prop_map(|n| Day(n).date_clamped()),
    ]
}

/// A date of the years the rules were written for (2014 ..= 2025), where
/// the extensions of 2020 and several 29 Februaries lie.
pub fn recent_day() -> impl Strategy<Value = NaiveDate> {
    day_between(date(2014, 1, 1), date(2025, 12, 31))
}

/// A date from `first` to `last`, both included.
pub fn day_between(first: NaiveDate, last: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    (Day::of(first).0..=Day::of(last).0).prop_map(|n| Day(n).date_clamped())
}

/// A purchase date: mostly recent, sometimes a 29 February, sometimes near
/// the ends of the calendar.
fn purchase_day() -> impl Strategy<Value = NaiveDate> {
    prop_oneof![
        8 => recent_day(),
        1 => select(vec![date(2016, 2, 29), date(2020, 2, 29), date(2019, 2, 28)]),
        1 => day_between(date(1, 1, 1), date(1, 12, 31)),
        1 => day_between(date(9997, 1, 1), date(9998, 11, 30)),
    ]
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// Any offer kind.
pub fn offer_kind() -> impl Strategy<Value = OfferKind> {
    select(OfferKind::ALL.to_vec())
}

/// Either portal, Partner Center more often.
pub fn portal() -> impl Strategy<Value = Portal> {
    prop_oneof![3 => Just(Portal::PartnerCenter), 1 => Just(Portal::Pmc)]
}

/// Any business-profile state, current more often.
pub fn business_profile() -> impl Strategy<Value = BusinessProfile> {
    prop_oneof![
        4 => Just(BusinessProfile::Current),
        1 => Just(BusinessProfile::NeedsReview),
        1 => Just(BusinessProfile::PendingVerification),
    ]
}

/// The built-in policies.
pub fn policy() -> impl Strategy<Value = Policy> {
    select(
        Policy::BUILTIN_NAMES
            .iter()
            .filter_map(|name| Policy::builtin(name).cloned())
            .collect::<Vec<_>>(),
    )
}

/// An offer draft of any kind with the id `id`, without `origin_account` (see [`membership`]).
/// Near the end of the calendar it may fail D4: build it and keep the `Ok`s, as [`membership`] does.
pub fn offer_draft(id: String) -> impl Strategy<Value = OfferDraft> {
    (
        offer_kind(),
        purchase_day(),
        // Years since purchase for an explicit anniversary (0: the default).
        0u8..4,
        // Days of drift of an explicit anniversary (W5 moves it by 365 days,
        // not calendar years).
        -2i32..=2,
        select(AREAS.to_vec()),
        any::<[bool; 4]>(),
        prop::bool::weighted(0.1),
        // E2, E5: a competency whose COVID override was already requested.
        prop::bool::weighted(0.2),
    )
        .prop_map(
            move |(kind, purchased, years, drift, area, flags, cancelled, override_requested)| {
                let [auto_renew, performance, exams, explicit_flags] = flags;
                let mut draft = OfferDraft::new(id.clone(), kind, purchased).cancelled(cancelled);
                if years > 0 {
                    let anniversary = Day::of(purchased)
                        .plus(i32::from(years) * 365 + drift)
                        .date_clamped();
                    draft = draft.anniversary(anniversary);
                }
                if kind.is_competency() {
                    draft = draft
                        .area(area)
                        .covid_override_requested(override_requested);
                    if explicit_flags || performance || exams {
                        draft = draft.performance_met(performance).exams_validated(exams);
                    }
                } else if kind == OfferKind::ActionPack && explicit_flags {
                    draft = draft.auto_renew(auto_renew);
                }
                draft
            },
        )
}

/// A valid token with the id `id`, activated on a recent day.
pub fn token(id: String) -> impl Strategy<Value = Token> {
    (recent_day(), prop::bool::weighted(0.2))
        .prop_map(move |(activated, replaced)| Token::new(id.clone(), activated).replaced(replaced))
}

/// A valid membership: up to five offers (several packs of one kind only
/// with `origin_account`, as after a merge: M4, G1) and up to three tokens.
pub fn membership() -> impl Strategy<Value = Membership> {
    membership_with(0..=5)
}

/// A valid membership with a number of offers in `offers`.
pub fn membership_with(
    offers: std::ops::RangeInclusive<usize>,
) -> impl Strategy<Value = Membership> {
    let offers = offers.prop_flat_map(|count| {
        (0..count)
            .map(|index| {
                (offer_draft(format!("o{index}")), prop::bool::weighted(0.3))
                    .prop_map(move |(draft, merged)| (index, draft, merged))
            })
            .collect::<Vec<_>>()
    });
    let tokens = (0..=3usize).prop_flat_map(|count| {
        (0..count)
            .map(|index| token(format!("t{index}")))
            .collect::<Vec<_>>()
    });
    (
        prop::bool::weighted(0.9),
        portal(),
        business_profile(),
        offers,
        tokens,
    )
        .prop_filter_map(
            "generated membership is valid",
            |(network_member, portal, profile, offers, tokens)| {
                let mut builder = Membership::builder("contoso")
                    .network_member(network_member)
                    .portal(portal)
                    .business_profile(profile);
                let mut own_pack = [false; 2];
                for (index, mut draft, merged) in offers {
                    let slot = match draft.kind {
                        OfferKind::ActionPack => own_pack.get_mut(0),
                        OfferKind::LearningActionPack => own_pack.get_mut(1),
                        _ => None,
                    };
                    if let Some(own) = slot {
                        // M4: one pack of a kind is the account's own; the
                        // others came from merged accounts (G1).
                        if *own || merged {
                            draft = draft.origin_account(format!("merged{index}"));
                        } else {
                            *own = true;
                        }
                    }
                    builder = builder.offer(draft);
                }
                for token in tokens {
                    builder = builder.token(token);
                }
                builder.build().ok()
            },
        )
}

/// A day near one of the membership's rule boundaries (its anniversaries,
/// windows, reminders, lapses, token periods, the extensions' fixed dates),
/// or any day of a few years around them.
pub fn day_near(membership: &Membership) -> BoxedStrategy<NaiveDate> {
    let mut anchors: Vec<i32> = membership
        .offers()
        .iter()
        .map(|offer| Day::of(offer.anniversary()).0)
        .chain(membership.tokens().iter().map(|t| Day::of(t.activated()).0))
        .collect();
    anchors.push(Day::of(date(2020, 6, 30)).0);
    anchors.push(Day::of(date(2021, 1, 1)).0);
    let near = (select(anchors.clone()), select(BOUNDARY_OFFSETS.to_vec()))
        .prop_map(|(anchor, offset)| Day(anchor).plus(offset).date_clamped());
    let low = anchors
        .iter()
        .copied()
        .min()
        .unwrap_or(0)
        .saturating_sub(800);
    let high = anchors
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .saturating_add(800);
    let around = (low..=high).prop_map(|n| Day(n).date_clamped());
    prop_oneof![6 => near, 3 => around, 1 => any_day()].boxed()
}

/// A membership and a day near its boundaries.
pub fn membership_and_day() -> impl Strategy<Value = (Membership, NaiveDate)> {
    membership().prop_flat_map(|membership| {
        let days = day_near(&membership);
        (Just(membership), days)
    })
}
