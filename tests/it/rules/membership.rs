//! M1–M4: network membership, the offers that renew every year, and one
//! Action Pack per account.

use chrono::NaiveDate;
use mpn_renewals::calendar::{FIRST_DATE, LAST_DATE};
use mpn_renewals::evaluation::CoreBenefits;
use mpn_renewals::{
    evaluate, Action, CompetencyLevel, ErrorKind, Membership, OfferDraft, OfferKind, Phase, Reason,
};

use crate::common::{
    assert_blocked, assert_open, build, competency, d, gold, maps, member, purchase, reasons,
    renew, set, window, with,
};

// ---------------------------------------------------------------------------
// M1: network membership is the base level and never lapses
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn m1_network_membership_never_lapses_on_any_day() {
    let membership = build(Membership::builder("contoso"));
    for today in [
        NaiveDate::MIN,
        FIRST_DATE,
        d("2019-09-01"),
        d("2020-02-29"),
        LAST_DATE,
        NaiveDate::MAX,
    ] {
        let evaluation = evaluate(&membership, today);
        assert_eq!(evaluation.core_benefits, Some(CoreBenefits::Network));
        // No annual renewal: nothing to renew, nothing to remind, and the
        // answer never changes.
        assert!(evaluation.offers.is_empty());
        assert!(evaluation.reminders.is_empty());
        assert_eq!(evaluation.next_change, None);
        let renew_listed = evaluation
            .allowed
            .iter()
            .chain(evaluation.blocked.iter().map(|b| &b.action))
            .any(|a| matches!(a, Action::Renew { .. }));
        assert!(!renew_listed);
    }
}

#[cfg(feature = "serde")]
#[test]
fn m1_network_benefits_remain_when_every_offer_has_lapsed() {
    // Gold 2019-03-10 lapses 2019-04-10 (10 March + 31); the Action Pack
    // lapses 2019-10-02.
    let membership = member([maps(), gold("cloud", "2019-03-10", true)]);
    assert_eq!(
        evaluate(&membership, d("2019-04-09")).core_benefits,
        Some(CoreBenefits::Gold)
    );
    assert_eq!(
        evaluate(&membership, d("2019-10-01")).core_benefits,
        Some(CoreBenefits::ActionPack)
    );
    let after = evaluate(&membership, d("2019-10-02"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(after.offers[1].phase, Phase::Lapsed);
    assert_eq!(after.core_benefits, Some(CoreBenefits::Network));
}

#[cfg(feature = "serde")]
#[test]
fn m1_an_account_outside_the_network_has_no_core_benefits() {
    // The contrast that makes the tests above meaningful: the network level
    // comes from membership, not from nothing.
    let outsider = build(Membership::builder("contoso").network_member(false));
    assert_eq!(evaluate(&outsider, d("2019-09-01")).core_benefits, None);
}

// ---------------------------------------------------------------------------
// M2: only a network member may buy or renew
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn m2_only_a_network_member_may_purchase_a_pack() {
    let outsider = build(Membership::builder("contoso").network_member(false));
    let evaluation = evaluate(&outsider, d("2019-09-01"));
    for kind in [OfferKind::ActionPack, OfferKind::LearningActionPack] {
        assert_eq!(
            reasons(&evaluation, &purchase(kind)),
            set(&[Reason::NotNetworkMember])
        );
    }
    let insider = build(Membership::builder("contoso"));
    let evaluation = evaluate(&insider, d("2019-09-01"));
    for kind in [OfferKind::ActionPack, OfferKind::LearningActionPack] {
        assert_open(&evaluation, &purchase(kind));
    }
}

#[cfg(feature = "serde")]
#[test]
fn m2_a_non_member_cannot_renew_even_inside_the_window() {
    let outsider = build(
        Membership::builder("contoso")
            .network_member(false)
            .offer(maps()),
    );
    // 2019-09-02 is the window's first day: only the membership blocks it.
    let evaluation = evaluate(&outsider, d("2019-09-02"));
    assert_eq!(
        reasons(&evaluation, &renew("maps")),
        set(&[Reason::NotNetworkMember])
    );
    // Every reason that holds is listed.
    assert_eq!(
        reasons(&evaluation, &purchase(OfferKind::ActionPack)),
        set(&[Reason::NotNetworkMember, Reason::AlreadyHeld])
    );
}

#[test]
fn m2_purchase_by_a_non_member_is_blocked_with_not_network_member() {
    let membership = with(Membership::builder("contoso").network_member(false), []);
    assert_blocked(
        &membership,
        Action::purchase_as(OfferKind::ActionPack, "maps"),
        "2019-09-10",
        &[Reason::NotNetworkMember],
        None,
    );
    // Both reasons at once.
    let holding = with(
        Membership::builder("contoso").network_member(false),
        [maps()],
    );
    assert_blocked(
        &holding,
        Action::purchase_as(OfferKind::ActionPack, "maps2"),
        "2019-09-10",
        &[Reason::NotNetworkMember, Reason::AlreadyHeld],
        None,
    );
}

// ---------------------------------------------------------------------------
// M3: every kind of offer renews every year
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn m3_every_offer_kind_renews_every_year_in_the_same_window() {
    let bought = d("2018-09-01");
    let membership = member([
        OfferDraft::action_pack("ap", bought),
        OfferDraft::learning_action_pack("lap", bought),
        OfferDraft::competency("s", CompetencyLevel::Silver, "Data", bought)
            .performance_met(true)
            .exams_validated(true),
        OfferDraft::competency("g", CompetencyLevel::Gold, "Cloud Platform", bought)
            .performance_met(true)
            .exams_validated(true),
    ]);
    let before = evaluate(&membership, d("2019-09-01"));
    let inside = evaluate(&membership, d("2019-09-02"));
    for (index, id) in ["ap", "lap", "s", "g"].into_iter().enumerate() {
        assert_eq!(inside.offers[index].anniversary, d("2019-09-01"));
        assert_eq!(
            inside.offers[index].window,
            window("2019-09-02", "2019-10-01")
        );
        assert_eq!(
            reasons(&before, &renew(id)),
            set(&[Reason::WindowNotOpen]),
            "{id}"
        );
        assert_open(&inside, &renew(id));
    }
    let kinds: Vec<OfferKind> = membership.offers().iter().map(|o| o.kind()).collect();
    assert_eq!(kinds, OfferKind::ALL);
}

#[cfg(feature = "serde")]
#[test]
fn m3_gold_is_a_higher_attainment_than_silver() {
    let silver = competency("s", CompetencyLevel::Silver, "2019-09-01", true, true);
    // Gold lapses on 2019-04-10 (10 March + 31 days), silver is active then.
    let both = member([gold("g", "2019-03-10", true), silver.clone(), maps()]);
    assert_eq!(
        evaluate(&both, d("2019-04-09")).core_benefits,
        Some(CoreBenefits::Gold)
    );
    assert_eq!(
        evaluate(&both, d("2019-04-10")).core_benefits,
        Some(CoreBenefits::Silver)
    );
    let silver_and_pack = member([maps(), silver]);
    assert_eq!(
        evaluate(&silver_and_pack, d("2019-05-01")).core_benefits,
        Some(CoreBenefits::Silver)
    );
    assert!(CoreBenefits::Gold > CoreBenefits::Silver);
    assert!(CoreBenefits::Silver > CoreBenefits::ActionPack);
    assert!(CoreBenefits::ActionPack > CoreBenefits::Network);
}

#[cfg(feature = "serde")]
#[test]
fn m3_a_competency_belongs_to_a_solution_area() {
    let membership = member([maps(), gold("cloud", "2019-03-10", true)]);
    assert_eq!(
        membership.offer("cloud").unwrap().area(),
        Some("Cloud Platform")
    );
    assert_eq!(membership.offer("maps").unwrap().area(), None);
    let err = Membership::builder("contoso")
        .offer(OfferDraft::new(
            "cloud",
            OfferKind::SilverCompetency,
            d("2018-09-01"),
        ))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].area");
    assert!(matches!(
        err.kind(),
        ErrorKind::MissingArea(OfferKind::SilverCompetency)
    ));
}

// ---------------------------------------------------------------------------
// M4: one Action Pack per account
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn m4_a_held_action_pack_blocks_buying_another() {
    let membership = member([maps()]);
    let buy_ap = purchase(OfferKind::ActionPack);
    let buy_lap = purchase(OfferKind::LearningActionPack);
    for today in ["2018-09-01", "2019-09-01", "2019-09-15", "2019-10-01"] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(reasons(&evaluation, &buy_ap), set(&[Reason::AlreadyHeld]));
        // A Learning Action Pack is another kind.
        assert_open(&evaluation, &buy_lap);
    }
}

#[cfg(feature = "serde")]
#[test]
fn m4_a_lapsed_or_cancelled_pack_is_no_longer_held() {
    let buy_ap = purchase(OfferKind::ActionPack);
    let membership = member([maps()]);
    assert_open(&evaluate(&membership, d("2019-10-02")), &buy_ap);
    let cancelled = member([maps().cancelled(true)]);
    assert_open(&evaluate(&cancelled, d("2019-01-01")), &buy_ap);
}

#[cfg(feature = "serde")]
#[test]
fn m4_an_action_pack_can_be_bought_with_or_without_a_competency() {
    let buy_ap = purchase(OfferKind::ActionPack);
    let with = member([gold("cloud", "2019-03-10", true)]);
    assert_open(&evaluate(&with, d("2019-01-01")), &buy_ap);
    let without = member([]);
    assert_open(&evaluate(&without, d("2019-01-01")), &buy_ap);
}

#[cfg(feature = "serde")]
#[test]
fn m4_a_second_action_pack_without_origin_account_is_refused() {
    let err = Membership::builder("contoso")
        .offer(maps())
        .offer(OfferDraft::action_pack("maps2", d("2019-01-01")))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[1]");
    assert!(matches!(
        err.kind(),
        ErrorKind::SecondPackWithoutOrigin {
            kind: OfferKind::ActionPack,
            first,
        } if first == "offers[0]"
    ));
}

#[test]
fn m4_purchase_of_a_held_kind_is_blocked_with_already_held() {
    let membership = member([maps()]);
    // 2019-09-10: maps is in its window, so still held.
    assert_blocked(
        &membership,
        Action::purchase_as(OfferKind::ActionPack, "maps2"),
        "2019-09-10",
        &[Reason::AlreadyHeld],
        None,
    );
}
