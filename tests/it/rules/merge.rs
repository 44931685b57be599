//! G1–G2: memberships of merged accounts: benefits kept until renewal, and
//! one pack per partner global account.

use mpn_renewals::evaluation::{CoreBenefits, ReminderKind};
use mpn_renewals::{
    evaluate, Action, CompetencyLevel, Membership, OfferDraft, OfferKind, Phase, Policy, Reason,
    Rules,
};

use crate::common::{
    allowed_from, applied, assert_blocked, assert_open, build, competency, d, gold, maps, member,
    reasons, renew, set,
};

/// After a merge: the account's own pack `a` (anniversary 2020-06-01,
/// window 2020-06-02 ..= 2020-07-01) and pack `b` from account `f`
/// (anniversary 2020-10-01, window 2020-10-02 ..= 2020-10-31).
fn merged() -> Membership {
    member([
        OfferDraft::action_pack("a", d("2019-06-01")),
        OfferDraft::action_pack("b", d("2019-10-01")).origin_account("f"),
    ])
}

// ---------------------------------------------------------------------------
// G1: merged offers keep their benefits until their renewal
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn g1_merged_offers_keep_their_benefits_until_their_next_renewal() {
    let membership = merged();
    assert_eq!(membership.offer("b").unwrap().origin_account(), Some("f"));
    assert_eq!(membership.offer("a").unwrap().origin_account(), None);
    for today in ["2020-01-01", "2020-06-02", "2020-07-01"] {
        let evaluation = evaluate(&membership, d(today));
        assert!(evaluation.offers[0].benefits, "{today}");
        assert!(evaluation.offers[1].benefits, "{today}");
    }
    // `a` runs to its lapse (2020-06-01 + 31 = 2020-07-02); `b` goes on.
    let after = evaluate(&membership, d("2020-07-02"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(after.offers[1].phase, Phase::Active);
}

#[cfg(feature = "serde")]
#[test]
fn g1_a_merged_competency_counts_until_its_renewal() {
    let membership = member([
        competency("s", CompetencyLevel::Silver, "2019-09-01", true, true),
        gold("g", "2019-09-01", true).origin_account("fabrikam"),
    ]);
    assert_eq!(
        evaluate(&membership, d("2019-05-01")).core_benefits,
        Some(CoreBenefits::Gold)
    );
}

#[test]
fn g1_purchase_keeps_a_lapsed_merged_pack() {
    // A merged pack (origin fabrikam) lapsed on 2019-10-02; buying a new own
    // pack leaves it in place (G1: it is the other account's until renewal).
    let membership =
        member([OfferDraft::action_pack("fab", d("2018-09-01")).origin_account("fabrikam")]);
    let bought = applied(
        &membership,
        Action::purchase_as(OfferKind::ActionPack, "maps"),
        "2019-10-05",
    );
    let ids: Vec<_> = bought.offers().iter().map(|o| o.id()).collect();
    assert_eq!(ids, ["fab", "maps"]);
}

// ---------------------------------------------------------------------------
// G2: on renewal, one pack per global account
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn g2_of_two_action_packs_the_later_anniversary_renews() {
    let membership = merged();
    let evaluation = evaluate(&membership, d("2020-06-02"));
    assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(
        reasons(&evaluation, &renew("a")),
        set(&[Reason::OneActionPackPerAccount])
    );
    assert_eq!(
        reasons(&evaluation, &renew("b")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(
        allowed_from(&evaluation, &renew("b")),
        Some(d("2020-10-02"))
    );
    // An outranked pack is not charged automatically (A1).
    assert!(!evaluation
        .reminders
        .iter()
        .any(|r| r.kind == ReminderKind::AutoRenewalDue));
    // Once `a` has lapsed it no longer holds anything: its renew is only
    // closed, and `b` renews in its own window.
    let later = evaluate(&membership, d("2020-10-02"));
    assert_eq!(reasons(&later, &renew("a")), set(&[Reason::WindowClosed]));
    assert_open(&later, &renew("b"));
}

#[cfg(feature = "serde")]
#[test]
fn g2_on_equal_anniversaries_the_accounts_own_pack_is_kept() {
    // Own pack `z` and merged pack `a`, both 2020-06-01: `z` is kept,
    // although its id is the larger.
    let membership = member([
        OfferDraft::action_pack("a", d("2019-06-01")).origin_account("f"),
        OfferDraft::action_pack("z", d("2019-06-01")),
    ]);
    let evaluation = evaluate(&membership, d("2020-06-02"));
    assert_open(&evaluation, &renew("z"));
    assert_eq!(
        reasons(&evaluation, &renew("a")),
        set(&[Reason::OneActionPackPerAccount])
    );
}

#[cfg(feature = "serde")]
#[test]
fn g2_on_equal_anniversaries_of_merged_packs_the_smaller_id_is_kept() {
    // Both from other accounts, listed larger id first.
    let membership = member([
        OfferDraft::action_pack("b", d("2019-06-01")).origin_account("f"),
        OfferDraft::action_pack("a", d("2019-06-01")).origin_account("g"),
    ]);
    let evaluation = evaluate(&membership, d("2020-06-02"));
    assert_open(&evaluation, &renew("a"));
    assert_eq!(
        reasons(&evaluation, &renew("b")),
        set(&[Reason::OneActionPackPerAccount])
    );
}

#[cfg(feature = "serde")]
#[test]
fn g2_a_cancelled_pack_does_not_outrank_a_held_one() {
    let membership = member([
        OfferDraft::action_pack("a", d("2019-06-01")),
        OfferDraft::action_pack("b", d("2019-10-01"))
            .origin_account("f")
            .cancelled(true),
    ]);
    assert_open(&evaluate(&membership, d("2020-06-02")), &renew("a"));
}

#[cfg(feature = "serde")]
#[test]
fn g2_learning_action_packs_follow_the_same_rule() {
    let membership = member([
        OfferDraft::learning_action_pack("a", d("2019-06-01")),
        OfferDraft::learning_action_pack("b", d("2019-10-01")).origin_account("f"),
        // An Action Pack is another kind and is not outranked by them.
        OfferDraft::action_pack("ap", d("2019-06-01")),
    ]);
    let evaluation = evaluate(&membership, d("2020-06-02"));
    assert_eq!(
        reasons(&evaluation, &renew("a")),
        set(&[Reason::OneActionPackPerAccount])
    );
    assert_open(&evaluation, &renew("ap"));
}

#[cfg(feature = "serde")]
#[test]
fn g2_competencies_are_not_limited_to_one_per_account() {
    let membership = member([
        gold("g1", "2019-09-01", true),
        gold("g2", "2019-09-01", true).origin_account("f"),
    ]);
    let evaluation = evaluate(&membership, d("2019-09-02"));
    assert_open(&evaluation, &renew("g1"));
    assert_open(&evaluation, &renew("g2"));
}

#[cfg(feature = "serde")]
#[test]
fn g2_core_benefits_are_the_highest_attainment_held() {
    let all = member([
        maps(),
        competency("s", CompetencyLevel::Silver, "2019-09-01", true, true),
        gold("g", "2019-09-01", true),
    ]);
    assert_eq!(
        evaluate(&all, d("2019-05-01")).core_benefits,
        Some(CoreBenefits::Gold)
    );
    // A Learning Action Pack is not one of the core levels.
    let lap = member([OfferDraft::learning_action_pack("lap", d("2018-09-01"))]);
    assert_eq!(
        evaluate(&lap, d("2019-05-01")).core_benefits,
        Some(CoreBenefits::Network)
    );
    let outsider = build(
        Membership::builder("contoso")
            .network_member(false)
            .offer(maps()),
    );
    assert_eq!(
        evaluate(&outsider, d("2019-05-01")).core_benefits,
        Some(CoreBenefits::ActionPack)
    );
    assert_eq!(evaluate(&outsider, d("2019-10-02")).core_benefits, None);
}

#[test]
fn g2_only_the_pack_with_the_later_anniversary_renews_after_a_merge() {
    // Own pack: anniversary 2019-09-01, window 2019-09-02 ..= 2019-10-01.
    // Merged pack: anniversary 2019-10-15, window 2019-10-16 ..= 2019-11-14.
    // On 2019-09-05 both are held; G2 keeps the later anniversary.
    let membership = member([
        maps(),
        OfferDraft::action_pack("fab", d("2018-10-15")).origin_account("fabrikam"),
    ]);
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-05",
        &[Reason::OneActionPackPerAccount],
        None,
    );
    // The kept one renews in its own window: 2019-10-15 + 365 = 2020-10-14
    // (29 February 2020 between).
    let renewed = applied(&membership, renew("fab"), "2019-10-16");
    assert_eq!(renewed.offer("fab").unwrap().anniversary(), d("2020-10-14"));
    assert_eq!(
        renewed.offer("fab").unwrap().origin_account(),
        Some("fabrikam")
    );
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
    let june = evaluation.blocked(&Action::renew("june")).unwrap();
    assert_eq!(
        june.reasons.iter().collect::<Vec<_>>(),
        [Reason::OneActionPackPerAccount]
    );
    let october = evaluation.blocked(&Action::renew("october")).unwrap();
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
    assert!(evaluation.is_allowed(&Action::renew("own")));
    let merged = evaluation.blocked(&Action::renew("merged")).unwrap();
    assert_eq!(
        merged.reasons.iter().collect::<Vec<_>>(),
        [Reason::OneActionPackPerAccount]
    );
}
