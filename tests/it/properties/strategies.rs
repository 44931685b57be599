//! The generators of `mpn_renewals::strategies` draw what their docs
//! promise: days near the rules' boundaries, offers of every shape, and
//! merged packs (M4, G1). Each test draws a few thousand values from a
//! deterministic runner and checks that each promised shape turns up, and
//! that nothing outside the promise does.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use mpn_renewals::{strategies, ErrorKind, Membership, OfferKind};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use crate::common::{action_pack, d};

/// `count` values of `strategy`, the same on every run.
fn sample<S: Strategy>(strategy: &S, count: usize) -> Vec<S::Value> {
    let mut runner = TestRunner::deterministic();
    (0..count)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect()
}

fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// `recent_day`: 2014-01-01 ..= 2025-12-31, and spread over those years.
#[test]
fn recent_day_covers_2014_to_2025_only() {
    let days = sample(&strategies::recent_day(), 2_000);
    assert!(days
        .iter()
        .all(|day| (d("2014-01-01")..=d("2025-12-31")).contains(day)));
    let years: BTreeSet<i32> = days.iter().map(|day| day.year()).collect();
    assert_eq!(years, (2014..=2025).collect());
}

/// W2, W3, W6, N1, N2, P4: `day_near` clusters on the days on which the
/// rules turn around an anniversary, before it as well as after: P4's
/// window opens at −90, N1 falls at −15, W2's window opens at +1, N2 falls
/// at +23, W3's window closes at +30, and W6's lapse is the day after; each
/// with its neighbours, and a year on. Any day of the years around is drawn
/// too, so each boundary day must come up far more often than a day drawn
/// at random: of 20,000 days, about 190 per boundary (6 in 10 draws are
/// near one, of 3 anchors and 21 offsets) against about 3 for any one day of
/// the 2,000-odd around.
#[test]
fn w2_w3_n1_n2_p4_day_near_clusters_on_every_boundary_around_the_anniversary() {
    let membership = action_pack("maps", "2018-09-01");
    let anniversary = d("2019-09-01");
    let mut drawn = std::collections::BTreeMap::<i64, usize>::new();
    for day in sample(&strategies::day_near(&membership), 20_000) {
        *drawn.entry(days_between(anniversary, day)).or_default() += 1;
    }
    for offset in [
        -91, -90, -89, -16, -15, -14, -1, 0, 1, 2, 22, 23, 24, 29, 30, 31, 32, 33, 364, 365, 366,
    ] {
        let count = drawn.get(&offset).copied().unwrap_or(0);
        assert!(count >= 60, "anniversary{offset:+} drawn {count} times");
    }
    // And a day that is no boundary is not favoured.
    assert!(drawn.get(&-50).copied().unwrap_or(0) < 30);
}

/// The offer drafts of `offer_draft`, each built alone into a membership.
/// Drafts bought before 9000 must all build (near the end of the calendar an
/// anniversary may pass D4's limit: `membership` keeps only those that
/// build).
fn built_offers(count: usize) -> Vec<mpn_renewals::Offer> {
    sample(&strategies::offer_draft("o".to_owned()), count)
        .into_iter()
        .filter_map(|draft| {
            let shown = format!("{draft:?}");
            match Membership::builder("contoso").offer(draft).build() {
                Ok(membership) => membership.offers().first().cloned(),
                // Only a date near the end of the calendar may be refused.
                Err(err) => match err.kind() {
                    ErrorKind::DateOutOfRange { date, .. } if date.year() >= 9000 => None,
                    _ => panic!("a generated draft was refused: {err} ({shown})"),
                },
            }
        })
        .collect()
}

/// W1, W5, D1: an offer's anniversary is either the default (the same day a
/// year after the purchase: 365 or 366 days) or an explicit one, 1 to 3
/// renewal terms of 365 days after the purchase, give or take 2 days of
/// drift; every such drift turns up, both signs.
#[test]
fn w5_offer_draft_anniversaries_are_whole_terms_after_the_purchase_with_drift() {
    let offers = built_offers(4_000);
    let recent: Vec<_> = offers
        .iter()
        .filter(|offer| offer.purchased().year() < 9000)
        .collect();
    assert!(recent.len() > 2_000, "{}", recent.len());
    let mut seen = BTreeSet::new();
    for offer in recent {
        let gap = days_between(offer.purchased(), offer.anniversary());
        let years = (gap + 2) / 365;
        let drift = gap - years * 365;
        assert!((1..=3).contains(&years), "gap {gap}");
        assert!((-2..=2).contains(&drift), "gap {gap}");
        seen.insert((years, drift));
    }
    for years in 1..=3 {
        for drift in -2..=2 {
            assert!(
                seen.contains(&(years, drift)),
                "{years} terms {drift:+} days never drawn"
            );
        }
    }
}

/// A2, P1: packs with automatic renewal on and off, and competencies with
/// each of performance met or not and exams validated or not, turn up.
#[test]
fn a2_p1_offer_draft_draws_every_flag_of_each_kind() {
    let offers = built_offers(4_000);
    let mut kinds = BTreeSet::new();
    let mut pack_auto_renew = BTreeSet::new();
    let mut competency_flags = BTreeSet::new();
    for offer in &offers {
        kinds.insert(format!("{:?}", offer.kind()));
        match offer.kind() {
            OfferKind::ActionPack => {
                pack_auto_renew.insert(offer.auto_renew());
            }
            OfferKind::LearningActionPack => assert!(!offer.auto_renew()),
            _ => {
                competency_flags.insert((offer.performance_met(), offer.exams_validated()));
            }
        }
    }
    assert_eq!(kinds.len(), OfferKind::ALL.len());
    assert_eq!(pack_auto_renew, BTreeSet::from([false, true]));
    assert_eq!(competency_flags.len(), 4, "{competency_flags:?}");
}

/// M4, G1: `membership` draws an account's own pack, merged packs beside it,
/// and a merged pack with no own pack of its kind, for both kinds of pack.
#[test]
fn m4_g1_membership_draws_own_and_merged_packs_of_both_kinds() {
    let memberships = sample(&strategies::membership(), 3_000);
    for kind in [OfferKind::ActionPack, OfferKind::LearningActionPack] {
        let mut own_and_merged = false;
        let mut merged_only = false;
        for membership in &memberships {
            let packs: Vec<_> = membership
                .offers()
                .iter()
                .filter(|offer| offer.kind() == kind)
                .collect();
            let own = packs
                .iter()
                .filter(|offer| offer.origin_account().is_none())
                .count();
            assert!(own <= 1, "two own packs of {kind:?}");
            let merged = packs.len() - own;
            own_and_merged |= own == 1 && merged >= 1;
            merged_only |= own == 0 && merged >= 1;
        }
        assert!(own_and_merged, "{kind:?}: no own pack beside a merged one");
        assert!(merged_only, "{kind:?}: no merged pack alone");
    }
}
