//! Batches: `evaluate_each` and (feature `rayon`) `par_evaluate_each` give
//! every membership the evaluation `evaluate` gives it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::NaiveDate;
use mpn_renewals::{CompetencyLevel, Membership, OfferDraft, Policy, Rules};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Memberships whose windows open on successive days of September 2018's
/// anniversaries: the k-th (k = 1..=28) bought on 2017-09-k.
fn memberships() -> Vec<Membership> {
    (1..=28)
        .map(|d| {
            Membership::builder(format!("partner-{d}"))
                .offer(OfferDraft::action_pack("maps", day(2017, 9, d)))
                .offer(OfferDraft::competency(
                    "cloud",
                    CompetencyLevel::Gold,
                    "Cloud Platform",
                    day(2017, 9, d),
                ))
                .build()
                .unwrap()
        })
        .collect()
}

#[test]
fn w2_evaluate_each_gives_each_membership_its_own_evaluation() {
    let memberships = memberships();
    let policy = Policy::partner_center_2020();
    let today = day(2018, 9, 10);
    let mut seen = Vec::new();
    policy.evaluate_each(&memberships, today, |membership, evaluation| {
        assert_eq!(*evaluation, policy.evaluate(membership, today));
        seen.push(membership.account().to_owned());
    });
    assert_eq!(seen.len(), 28);
    assert_eq!(seen[0], "partner-1");
    // W2: the window of anniversary 2018-09-k opens on 2018-09-(k+1), so on
    // 2018-09-10 the memberships k = 1..=9 are in their windows.
    let mut open = 0;
    policy.evaluate_each(&memberships, today, |_, evaluation| {
        open += usize::from(evaluation.offers[0].window.contains(today));
    });
    assert_eq!(open, 9);
}

#[cfg(feature = "rayon")]
#[test]
fn w2_par_evaluate_each_gives_each_membership_its_own_evaluation() {
    use std::sync::Mutex;
    let memberships = memberships();
    let policy = Policy::partner_center_2020();
    let today = day(2018, 9, 10);
    let seen = Mutex::new(Vec::new());
    policy.par_evaluate_each(&memberships, today, |membership, evaluation| {
        assert_eq!(*evaluation, policy.evaluate(membership, today));
        let open = evaluation.offers[0].window.contains(today);
        seen.lock()
            .unwrap()
            .push((membership.account().to_owned(), open));
    });
    let mut seen = seen.into_inner().unwrap();
    seen.sort();
    assert_eq!(seen.len(), 28);
    assert_eq!(seen.iter().filter(|(_, open)| *open).count(), 9);
}
