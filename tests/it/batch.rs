//! Batches: `evaluate_each` and (feature `rayon`) `par_evaluate_each` give
//! every membership the evaluation `evaluate` gives it.

use std::sync::atomic::{AtomicUsize, Ordering};

use mpn_renewals::{Action, CompetencyLevel, Membership, OfferDraft, Policy, Rules};

use crate::common::{action_pack, d, ymd};

/// Memberships whose windows open on successive days of September 2018's
/// anniversaries: the k-th (k = 1..=28) bought on 2017-09-k.
fn memberships() -> Vec<Membership> {
    (1..=28)
        .map(|d| {
            Membership::builder(format!("partner-{d}"))
                .offer(OfferDraft::action_pack("maps", ymd(2017, 9, d)))
                .offer(OfferDraft::competency(
                    "cloud",
                    CompetencyLevel::Gold,
                    "Cloud Platform",
                    ymd(2017, 9, d),
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
    let today = ymd(2018, 9, 10);
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
    let today = ymd(2018, 9, 10);
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

/// W2, W3: on 2019-09-10 the pack bought 2018-09-01 is in its window
/// (2019-09-02 ..= 2019-10-01); the one bought 2018-10-15 is not (its window
/// opens 2019-10-16). Evaluated one by one or in parallel, one renew is open.
#[cfg(all(feature = "serde", feature = "rayon"))]
#[test]
fn w3_evaluate_each_and_par_evaluate_each_see_each_window() {
    let memberships = [
        action_pack("maps", "2018-09-01"),
        action_pack("maps", "2018-10-15"),
    ];
    let policy = Policy::partner_center_2020();
    let renew = Action::renew("maps");

    let mut open = Vec::new();
    policy.evaluate_each(&memberships, d("2019-09-10"), |membership, evaluation| {
        open.push((
            membership.offers().first().unwrap().purchased(),
            evaluation.is_allowed(&renew),
        ));
    });
    assert_eq!(open, [(d("2018-09-01"), true), (d("2018-10-15"), false)]);

    let allowed = AtomicUsize::new(0);
    let visited = AtomicUsize::new(0);
    policy.par_evaluate_each(&memberships, d("2019-09-10"), |_, evaluation| {
        visited.fetch_add(1, Ordering::Relaxed);
        if evaluation.is_allowed(&renew) {
            allowed.fetch_add(1, Ordering::Relaxed);
        }
    });
    assert_eq!(visited.into_inner(), 2);
    assert_eq!(allowed.into_inner(), 1);
}
