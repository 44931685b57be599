//! Tests added to kill mutants of `src/engine.rs` that the fast tests missed
//! (see MUTANTS.md). Every expected value is worked out by hand from
//! the rules catalogue, not taken from the program's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use mpn_renewals::{
    Action, CompetencyLevel, Membership, OfferDraft, Phase, Policy, Portal, Reason, Rules,
};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// W2, W3, W6, A3: bought 2018-09-01, 2018-08-01 and 2018-06-01 the
/// anniversaries are 2019-09-01, 2019-08-01 and 2019-06-01 (W1). On
/// 2019-08-31 the first is active (its window opens 2019-09-02), the second
/// is in its window (2019-08-02 ..= 2019-08-31, day 30 counts), the third
/// lapsed on 2019-07-02; a cancelled one is cancelled whatever the day.
/// `phases` gives them in the membership's order.
#[test]
fn w3_phases_of_each_offer_in_order() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("active", d("2018-09-01")))
        .offer(OfferDraft::learning_action_pack("window", d("2018-08-01")))
        .offer(OfferDraft::competency(
            "lapsed",
            CompetencyLevel::Gold,
            "Cloud Platform",
            d("2018-06-01"),
        ))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let phases: Vec<Phase> = policy.phases(&membership, d("2019-08-31")).collect();
    assert_eq!(phases, [Phase::Active, Phase::RenewalWindow, Phase::Lapsed]);
    // W2: on the anniversary itself the first is still active; the day
    // after, its window is open. W6: the second lapses on 2019-09-01.
    let phases: Vec<Phase> = policy.phases(&membership, d("2019-09-02")).collect();
    assert_eq!(phases, [Phase::RenewalWindow, Phase::Lapsed, Phase::Lapsed]);
}

/// A3, P4: a cancelled pack is cancelled in every phase; in PMC the window
/// is `anniversary-90 ..= anniversary`, so on the anniversary (2019-09-01)
/// a PMC membership's pack is in its window and the day after it lapsed.
#[test]
fn p4_phases_follow_the_portal_window_and_cancellation() {
    let membership = Membership::builder("contoso")
        .portal(Portal::Pmc)
        .offer(OfferDraft::action_pack("maps", d("2018-09-01")))
        .offer(
            OfferDraft::action_pack("old", d("2018-09-01"))
                .cancelled(true)
                .origin_account("fabrikam"),
        )
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let on = |day: &str| -> Vec<Phase> { policy.phases(&membership, d(day)).collect() };
    // 2019-09-01 − 90 days = 2019-06-03.
    assert_eq!(on("2019-06-02"), [Phase::Active, Phase::Cancelled]);
    assert_eq!(on("2019-06-03"), [Phase::RenewalWindow, Phase::Cancelled]);
    assert_eq!(on("2019-09-01"), [Phase::RenewalWindow, Phase::Cancelled]);
    assert_eq!(on("2019-09-02"), [Phase::Lapsed, Phase::Cancelled]);
}

/// The 2023 row of the policy history, A3: cancellation only within 30 days
/// of the purchase. Bought 2023-10-01, its anniversary is the purchase + 365
/// days = 2024-09-30 (2024 is a leap year), the window 2024-09-30 ..=
/// 2024-10-30, the upcoming reminder (N1) on 2024-09-15, and the last day to
/// cancel 2023-10-31.
fn pack_of_2023(cancelled: bool) -> Membership {
    Membership::builder("contoso")
        .offer(
            OfferDraft::action_pack("maps", d("2023-10-01"))
                .anniversary(d("2024-09-30"))
                .cancelled(cancelled),
        )
        .build()
        .unwrap()
}

#[test]
fn a3_cancellation_within_thirty_days_of_the_purchase_under_2023() {
    let policy = Policy::partner_center_2023();
    let membership = pack_of_2023(false);
    let cancel = Action::RequestCancellation { offer: "maps" };
    // Day 30 after the purchase counts; the day after, cancelling ends:
    // that is the next change.
    let last = policy.evaluate(&membership, d("2023-10-31"));
    assert!(last.is_allowed(&cancel));
    assert_eq!(last.next_change, Some(d("2023-11-01")));
    // From 2023-11-01 it is no longer listed, and the next change is N1's
    // reminder 15 days before the anniversary.
    let after = policy.evaluate(&membership, d("2023-11-01"));
    assert!(!after.is_allowed(&cancel));
    assert!(after.blocked(&cancel).is_none());
    assert_eq!(after.next_change, Some(d("2024-09-15")));
}

/// A3: a cancelled pack cannot be cancelled again, even within the 30 days
/// of the 2023 policy, and the end of those 30 days changes nothing for it:
/// its next change is its window's opening (2024-09-30), and it gets no
/// reminder (N1 does not apply to a cancelled offer).
#[test]
fn a3_a_cancelled_pack_has_no_cancellation_period_under_2023() {
    let policy = Policy::partner_center_2023();
    let membership = pack_of_2023(true);
    let evaluation = policy.evaluate(&membership, d("2023-10-05"));
    assert!(!evaluation.is_allowed(&Action::RequestCancellation { offer: "maps" }));
    assert_eq!(evaluation.next_change, Some(d("2024-09-30")));
}

/// G2: of two Action Packs held after a merge, the one with the later
/// anniversary renews, wherever it is listed. Listed first, the merged pack
/// bought 2019-10-01 (anniversary 2020-10-01) outranks the account's own
/// bought 2019-06-01 (anniversary 2020-06-01): on 2020-06-02 the own pack is
/// in its window but may not renew; the merged one is active, its window not
/// open yet.
#[test]
fn g2_the_later_anniversary_renews_even_when_listed_first() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("october", d("2019-10-01")).origin_account("fabrikam"))
        .offer(OfferDraft::action_pack("june", d("2019-06-01")))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let evaluation = policy.evaluate(&membership, d("2020-06-02"));
    let june = evaluation
        .blocked(&Action::Renew { offer: "june" })
        .unwrap();
    assert_eq!(
        june.reasons.iter().collect::<Vec<_>>(),
        [Reason::OneActionPackPerAccount]
    );
    let october = evaluation
        .blocked(&Action::Renew { offer: "october" })
        .unwrap();
    assert_eq!(
        october.reasons.iter().collect::<Vec<_>>(),
        [Reason::WindowNotOpen]
    );
}

/// G2: on equal anniversaries the account's own pack renews, wherever it
/// is listed: both bought 2019-06-01, in their window on 2020-06-02; the
/// merged one, listed second, may not renew.
#[test]
fn g2_on_equal_anniversaries_the_own_pack_renews_even_when_listed_first() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("own", d("2019-06-01")))
        .offer(OfferDraft::action_pack("merged", d("2019-06-01")).origin_account("fabrikam"))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let evaluation = policy.evaluate(&membership, d("2020-06-02"));
    assert!(evaluation.is_allowed(&Action::Renew { offer: "own" }));
    let merged = evaluation
        .blocked(&Action::Renew { offer: "merged" })
        .unwrap();
    assert_eq!(
        merged.reasons.iter().collect::<Vec<_>>(),
        [Reason::OneActionPackPerAccount]
    );
}
