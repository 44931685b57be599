//! One or more tests per rule of the rules catalogue (M1–M4, W1–W8, N1–N5, P1–P4,
//! A1–A5, E1–E5, B1–B5, G1–G2, D1–D5; E6 is a preset outside the default
//! policy and is not tested here).
//!
//! Every expected value below is worked out by hand from the rules catalogue and
//! the wire contract; the arithmetic is in the comments. Each test checks both
//! sides of the boundary it is about, so that an off-by-one fails it.
// Reads or writes the serde form of a membership, an evaluation or a
// policy: needs the `serde` feature (on by default).
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::{Days, NaiveDate};
use mpn_renewals::calendar::{FIRST_DATE, LAST_DATE};
use mpn_renewals::evaluation::{CoreBenefits, Recipient, ReminderKind, RenewalWindow};
use mpn_renewals::policy::{ExtensionPolicy, RenewalTerm, WindowOffsets};
use mpn_renewals::{
    apply, evaluate, Action, BusinessProfile, CompetencyLevel, Denied, ErrorKind, Evaluation,
    Membership, MembershipBuilder, OfferDraft, OfferKind, Phase, Policy, Portal, Reason, Reasons,
    Rules, Token,
};
use serde_json::json;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn d(text: &str) -> NaiveDate {
    common::day(text)
}

fn build(builder: MembershipBuilder) -> Membership {
    builder.build().unwrap()
}

/// A network member in Partner Center with a current profile and these offers.
fn member(offers: impl IntoIterator<Item = OfferDraft>) -> Membership {
    offers
        .into_iter()
        .fold(Membership::builder("contoso"), MembershipBuilder::offer)
        .build()
        .unwrap()
}

/// The Action Pack of the rules catalogue W1/W2: bought 2018-09-01, so (W1) its
/// anniversary is 2019-09-01, its window (D3) 2019-09-02 ..= 2019-10-01
/// (1 September + 30 days: September has 30 days, so 1 October), and it
/// lapses (W6) on 2019-10-02. N1: 2019-08-17; N2: 2019-09-24.
fn maps() -> OfferDraft {
    OfferDraft::action_pack("maps", d("2018-09-01"))
}

/// A competency with the given anniversary (bought long before it).
fn competency(
    id: &str,
    level: CompetencyLevel,
    anniversary: &str,
    performance_met: bool,
    exams_validated: bool,
) -> OfferDraft {
    OfferDraft::competency(id, level, "Cloud Platform", d("2015-01-01"))
        .anniversary(d(anniversary))
        .performance_met(performance_met)
        .exams_validated(exams_validated)
}

fn gold(id: &str, anniversary: &str, met: bool) -> OfferDraft {
    competency(id, CompetencyLevel::Gold, anniversary, met, met)
}

fn renew(offer: &str) -> Action<'_> {
    Action::Renew { offer }
}

fn purchase(kind: OfferKind) -> Action<'static> {
    Action::Purchase { kind, id: None }
}

fn reactivate(offer: &str) -> Action<'_> {
    Action::Reactivate { offer }
}

fn override_(offer: &str) -> Action<'_> {
    Action::RequestCovidOverride { offer }
}

fn set(reasons: &[Reason]) -> Reasons {
    reasons.iter().copied().collect()
}

/// The reasons of a blocked action; fails if the action is open or unlisted.
fn reasons(evaluation: &Evaluation<'_>, action: &Action<'_>) -> Reasons {
    assert!(
        !evaluation.is_allowed(action),
        "{action:?} is allowed on {}",
        evaluation.today
    );
    evaluation
        .blocked(action)
        .unwrap_or_else(|| panic!("{action:?} is not listed on {}", evaluation.today))
        .reasons
}

fn allowed_from(evaluation: &Evaluation<'_>, action: &Action<'_>) -> Option<NaiveDate> {
    evaluation.blocked(action).unwrap().allowed_from
}

fn assert_open(evaluation: &Evaluation<'_>, action: &Action<'_>) {
    assert!(
        evaluation.is_allowed(action),
        "{action:?} is not allowed on {}: {:?}",
        evaluation.today,
        evaluation.blocked(action)
    );
    assert!(evaluation.blocked(action).is_none());
}

fn assert_unlisted(evaluation: &Evaluation<'_>, action: &Action<'_>) {
    assert!(
        !evaluation.is_allowed(action),
        "{action:?} is allowed on {}",
        evaluation.today
    );
    assert!(
        evaluation.blocked(action).is_none(),
        "{action:?} is blocked on {}",
        evaluation.today
    );
}

/// The reminders due, as (kind, offer).
fn reminders(evaluation: &Evaluation<'_>) -> Vec<(ReminderKind, String)> {
    evaluation
        .reminders
        .iter()
        .map(|r| (r.kind, r.offer.to_owned()))
        .collect()
}

fn one(kind: ReminderKind, offer: &str) -> Vec<(ReminderKind, String)> {
    vec![(kind, offer.to_owned())]
}

/// `allowed` is exactly `expected`, as a set.
fn assert_allowed_exactly(evaluation: &Evaluation<'_>, expected: &[Action<'_>]) {
    assert_eq!(
        evaluation.allowed.len(),
        expected.len(),
        "{:?}",
        evaluation.allowed
    );
    for action in expected {
        assert!(evaluation.is_allowed(action), "{action:?} missing");
    }
}

fn window(opens: &str, closes: &str) -> RenewalWindow {
    RenewalWindow {
        opens: d(opens),
        closes: d(closes),
    }
}

/// The crate's docs with the `//!` markers and line breaks removed.
fn crate_docs() -> String {
    include_str!("../src/lib.rs")
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("//!"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// M: membership and offers
// ---------------------------------------------------------------------------

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

#[test]
fn m1_an_account_outside_the_network_has_no_core_benefits() {
    // The contrast that makes the tests above meaningful: the network level
    // comes from membership, not from nothing.
    let outsider = build(Membership::builder("contoso").network_member(false));
    assert_eq!(evaluate(&outsider, d("2019-09-01")).core_benefits, None);
}

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

#[test]
fn m4_a_lapsed_or_cancelled_pack_is_no_longer_held() {
    let buy_ap = purchase(OfferKind::ActionPack);
    let membership = member([maps()]);
    assert_open(&evaluate(&membership, d("2019-10-02")), &buy_ap);
    let cancelled = member([maps().cancelled(true)]);
    assert_open(&evaluate(&cancelled, d("2019-01-01")), &buy_ap);
}

#[test]
fn m4_an_action_pack_can_be_bought_with_or_without_a_competency() {
    let buy_ap = purchase(OfferKind::ActionPack);
    let with = member([gold("cloud", "2019-03-10", true)]);
    assert_open(&evaluate(&with, d("2019-01-01")), &buy_ap);
    let without = member([]);
    assert_open(&evaluate(&without, d("2019-01-01")), &buy_ap);
}

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

// ---------------------------------------------------------------------------
// W: anniversary and renewal window
// ---------------------------------------------------------------------------

#[test]
fn w1_first_anniversary_is_the_purchase_day_one_year_later() {
    for (bought, anniversary) in [
        ("2018-09-01", "2019-09-01"),
        // 2020 is a leap year, but 28 February stays 28 February.
        ("2019-02-28", "2020-02-28"),
        ("2019-03-01", "2020-03-01"),
        ("2019-12-31", "2020-12-31"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        assert_eq!(membership.offers()[0].anniversary(), d(anniversary));
        let evaluation = evaluate(&membership, d(bought));
        assert_eq!(evaluation.offers[0].anniversary, d(anniversary));
    }
}

#[test]
fn w2_window_opens_the_day_after_the_anniversary() {
    let membership = member([maps()]);
    let on_anniversary = evaluate(&membership, d("2019-09-01"));
    assert_eq!(on_anniversary.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(
        allowed_from(&on_anniversary, &renew("maps")),
        Some(d("2019-09-02"))
    );
    assert_eq!(on_anniversary.next_change, Some(d("2019-09-02")));

    let next_day = evaluate(&membership, d("2019-09-02"));
    assert_eq!(next_day.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(next_day.offers[0].window.opens, d("2019-09-02"));
    assert_open(&next_day, &renew("maps"));
}

#[test]
fn w2_window_of_a_2020_purchase_opens_on_2021_09_02() {
    // Bought 2020-09-01: anniversary 2021-09-01, window opens 2021-09-02.
    let membership = member([OfferDraft::action_pack("maps", d("2020-09-01"))]);
    let on_anniversary = evaluate(&membership, d("2021-09-01"));
    assert_eq!(on_anniversary.offers[0].window.opens, d("2021-09-02"));
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2021-09-02")), &renew("maps"));
}

#[test]
fn w2_the_window_opening_is_the_next_change_after_the_last_reminder() {
    // After N1 (2019-08-17) nothing happens until the window opens.
    let membership = member([maps()]);
    assert_eq!(
        evaluate(&membership, d("2019-08-20")).next_change,
        Some(d("2019-09-02"))
    );
}

#[test]
fn w3_window_closes_thirty_days_after_anniversary() {
    // `002`: expires 2020-06-22, renew from 2020-06-23 "and for 30 days
    // after": 22 June + 30 days = 22 July (June has 30 days: +8 to 30 June,
    // +22 to 22 July).
    let membership = member([OfferDraft::action_pack("maps", d("2019-06-22")).auto_renew(false)]);
    let last = evaluate(&membership, d("2020-07-22"));
    assert_eq!(last.offers[0].window, window("2020-06-23", "2020-07-22"));
    assert_eq!(last.offers[0].phase, Phase::RenewalWindow);
    assert_open(&last, &renew("maps"));
    assert_eq!(last.next_change, Some(d("2020-07-23")));

    let after = evaluate(&membership, d("2020-07-23"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reasons(&after, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[test]
fn w3_window_counts_thirty_days_across_february() {
    // 2020-02-10 + 30 = 2020-03-11 (+19 to 29 February, +11 to 11 March);
    // 2019-02-10 + 30 = 2019-03-12 (+18 to 28 February, +12 to 12 March).
    for (bought, closes, lapse) in [
        ("2019-02-10", "2020-03-11", "2020-03-12"),
        ("2018-02-10", "2019-03-12", "2019-03-13"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        let last = evaluate(&membership, d(closes));
        assert_eq!(last.offers[0].window.closes, d(closes));
        assert_open(&last, &renew("maps"));
        assert_eq!(
            reasons(&evaluate(&membership, d(lapse)), &renew("maps")),
            set(&[Reason::WindowClosed])
        );
    }
}

#[test]
fn w3_window_runs_across_the_end_of_the_year() {
    // Anniversary 2019-12-15: opens 2019-12-16; + 30 = 2020-01-14 (+16 to
    // 31 December, +14 to 14 January).
    let membership = member([OfferDraft::action_pack("maps", d("2018-12-15"))]);
    let evaluation = evaluate(&membership, d("2020-01-14"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2019-12-16", "2020-01-14")
    );
    assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(
        evaluate(&membership, d("2020-01-15")).offers[0].phase,
        Phase::Lapsed
    );
}

#[test]
fn w4_benefits_continue_through_the_whole_window() {
    let membership = member([maps()]);
    for (today, phase, benefits, core) in [
        ("2019-09-01", Phase::Active, true, CoreBenefits::ActionPack),
        (
            "2019-09-02",
            Phase::RenewalWindow,
            true,
            CoreBenefits::ActionPack,
        ),
        (
            "2019-10-01",
            Phase::RenewalWindow,
            true,
            CoreBenefits::ActionPack,
        ),
        ("2019-10-02", Phase::Lapsed, false, CoreBenefits::Network),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, phase, "{today}");
        assert_eq!(evaluation.offers[0].benefits, benefits, "{today}");
        assert_eq!(evaluation.core_benefits, Some(core), "{today}");
    }
}

#[test]
fn w5_renewal_term_is_365_days_after_the_current_anniversary() {
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.renewal_term(),
        RenewalTerm::DaysAfterAnniversary(365)
    );
    // Applying the term by hand: 2019-09-01 + 365 days = 2020-08-31 (the
    // year to it holds 29 February 2020); 2018-09-01 + 365 = 2019-09-01.
    let RenewalTerm::DaysAfterAnniversary(days) = policy.renewal_term() else {
        panic!("not DaysAfterAnniversary");
    };
    let next = |from: &str| d(from).checked_add_days(Days::new(u64::from(days)));
    assert_eq!(next("2019-09-01"), Some(d("2020-08-31")));
    assert_eq!(next("2018-09-01"), Some(d("2019-09-01")));
}

#[test]
fn w5_a_renewed_offer_moved_365_days_gets_the_window_of_w2_and_w3() {
    // The crate has no `apply` yet: this is the membership after renewing
    // the 2018-09-01 pack in its 2019 window, its anniversary moved to
    // 2019-09-01 + 365 days = 2020-08-31. Its window is then 2020-09-01
    // ..= 2020-09-30 (31 August + 30 days: +30 to 30 September).
    let renewed = member([maps().anniversary(d("2020-08-31"))]);
    // Benefits kept intact: on the day the unrenewed pack would have lapsed
    // (2019-10-02) the renewed one is active with its benefits.
    let kept = evaluate(&renewed, d("2019-10-02"));
    assert_eq!(kept.offers[0].phase, Phase::Active);
    assert!(kept.offers[0].benefits);

    let on_anniversary = evaluate(&renewed, d("2020-08-31"));
    assert_eq!(
        on_anniversary.offers[0].window,
        window("2020-09-01", "2020-09-30")
    );
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(
        allowed_from(&on_anniversary, &renew("maps")),
        Some(d("2020-09-01"))
    );
    assert_open(&evaluate(&renewed, d("2020-09-01")), &renew("maps"));
    assert_open(&evaluate(&renewed, d("2020-09-30")), &renew("maps"));
    assert_eq!(
        evaluate(&renewed, d("2020-10-01")).offers[0].phase,
        Phase::Lapsed
    );
}

#[test]
fn w5_renewing_in_the_window_moves_the_anniversary_365_days_on() {
    // 2019-09-01 + 365 days = 2020-08-31 (2020 is a leap year), whichever
    // day of the window the renewal is made on.
    let membership = member([maps()]);
    for on in ["2019-09-02", "2019-09-20", "2019-10-01"] {
        let renewed = apply(&membership, &renew("maps"), d(on)).unwrap();
        assert_eq!(
            renewed.offer("maps").unwrap().anniversary(),
            d("2020-08-31"),
            "{on}"
        );
        // Benefits intact: active on the day the unrenewed pack would lapse.
        let evaluation = evaluate(&renewed, d("2019-10-02"));
        assert_eq!(evaluation.offers[0].phase, Phase::Active);
        assert!(evaluation.offers[0].benefits);
    }
    // Without a 29 February in the year: 2018-09-01 + 365 = 2019-09-01.
    let earlier = member([OfferDraft::action_pack("maps", d("2017-09-01"))]);
    let renewed = apply(&earlier, &renew("maps"), d("2018-09-02")).unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2019-09-01")
    );
}

#[test]
fn w5_a_renewal_outside_the_window_changes_nothing() {
    let membership = member([maps()]);
    assert_eq!(
        apply(&membership, &renew("maps"), d("2019-09-01")),
        Err(Denied::Blocked {
            reasons: set(&[Reason::WindowNotOpen]),
            allowed_from: Some(d("2019-09-02"))
        })
    );
    assert_eq!(
        apply(&membership, &renew("maps"), d("2019-10-02")),
        Err(Denied::Blocked {
            reasons: set(&[Reason::WindowClosed]),
            allowed_from: None
        })
    );
    assert_eq!(
        membership.offer("maps").unwrap().anniversary(),
        d("2019-09-01")
    );
}

#[test]
fn w6_offer_lapses_thirty_one_days_after_the_anniversary() {
    let membership = member([maps()]);
    let last_day = evaluate(&membership, d("2019-10-01"));
    assert_eq!(last_day.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(last_day.next_change, Some(d("2019-10-02")));

    // 2019-09-01 + 31 days = 2019-10-02.
    let lapsed = evaluate(&membership, d("2019-10-02"));
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert!(!lapsed.offers[0].benefits);
    assert_eq!(
        reasons(&lapsed, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
    // The window shown is the one that was missed.
    assert_eq!(lapsed.offers[0].window, window("2019-09-02", "2019-10-01"));
}

#[test]
fn w6_after_the_lapse_the_partner_can_only_buy_afresh() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-10-02"));
    assert_open(&evaluation, &purchase(OfferKind::ActionPack));
    assert!(!evaluation.is_allowed(&renew("maps")));
    // Much later, still no way back but buying.
    let later = evaluate(&membership, d("2025-01-01"));
    assert_eq!(
        reasons(&later, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[test]
fn w6_buying_afresh_after_the_lapse_starts_a_new_first_year() {
    // Bought again on the lapse day 2019-10-02: first anniversary
    // 2020-10-02 (W1). Before the lapse the pack is still held (M4).
    let membership = member([maps()]);
    let buy = Action::Purchase {
        kind: OfferKind::ActionPack,
        id: Some("maps2"),
    };
    assert_eq!(
        apply(&membership, &buy, d("2019-10-01")),
        Err(Denied::Blocked {
            reasons: set(&[Reason::AlreadyHeld]),
            allowed_from: None
        })
    );
    let bought = apply(&membership, &buy, d("2019-10-02")).unwrap();
    let fresh = bought.offer("maps2").unwrap();
    assert_eq!(fresh.purchased(), d("2019-10-02"));
    assert_eq!(fresh.anniversary(), d("2020-10-02"));
    assert_eq!(
        evaluate(&bought, d("2019-10-02"))
            .offer("maps2")
            .unwrap()
            .phase,
        Phase::Active
    );
}

#[test]
fn w6_a_lapsed_competency_is_lost() {
    // 2019-03-10 + 31 = 2019-04-10 (+21 to 31 March, +10 to 10 April).
    let membership = member([gold("cloud", "2019-03-10", true)]);
    let last = evaluate(&membership, d("2019-04-09"));
    assert_eq!(last.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(last.core_benefits, Some(CoreBenefits::Gold));
    let lapsed = evaluate(&membership, d("2019-04-10"));
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert!(!lapsed.offers[0].benefits);
    assert_eq!(lapsed.core_benefits, Some(CoreBenefits::Network));
}

#[test]
fn w6_a_lapsed_pack_never_changes_again() {
    let membership = member([maps()]);
    // The day of the lapse holds the benefits_lost notice (N5), gone the
    // day after; after that nothing ever changes.
    assert_eq!(
        evaluate(&membership, d("2019-10-02")).next_change,
        Some(d("2019-10-03"))
    );
    assert_eq!(evaluate(&membership, d("2019-10-03")).next_change, None);
}

#[test]
fn w7_no_renewal_on_or_before_the_anniversary_in_partner_center() {
    let membership = member([maps().auto_renew(false), gold("cloud", "2019-09-01", true)]);
    for today in ["2018-09-01", "2019-06-03", "2019-08-31", "2019-09-01"] {
        let evaluation = evaluate(&membership, d(today));
        for id in ["maps", "cloud"] {
            assert_eq!(
                reasons(&evaluation, &renew(id)),
                set(&[Reason::WindowNotOpen]),
                "{id} {today}"
            );
            assert_eq!(allowed_from(&evaluation, &renew(id)), Some(d("2019-09-02")));
        }
    }
    let open = evaluate(&membership, d("2019-09-02"));
    assert_open(&open, &renew("maps"));
    assert_open(&open, &renew("cloud"));
}

#[test]
fn w8_renewal_is_open_without_any_payment_record() {
    // W8: the engine does not handle money. What the API can show: renewal
    // depends on no payment input (the membership has none) and the
    // evaluation carries no payment field; the output keys are exactly the
    // contract's. It cannot show that a payment method is "recorded": the
    // crate leaves that to the caller (see src/lib.rs, Scope).
    let membership = member([maps().auto_renew(false)]);
    let evaluation = evaluate(&membership, d("2019-09-02"));
    assert_open(&evaluation, &renew("maps"));
    let value = serde_json::to_value(&evaluation).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "allowed",
            "blocked",
            "core_benefits",
            "next_change",
            "offers",
            "policy",
            "reminders",
            "today"
        ]
    );
}

#[test]
fn w8_a_payment_method_is_not_part_of_the_membership() {
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
                    "payment": "credit_card"}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `payment`"), "{err}");
}

// ---------------------------------------------------------------------------
// N: reminders
// ---------------------------------------------------------------------------

#[test]
fn n1_reminder_fifteen_days_before_the_anniversary_on_that_day_only() {
    // 2019-09-01 − 15 days = 2019-08-17 (−1 to 31 August, −14 to 17 August).
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-08-16")).reminders.is_empty());
    assert_eq!(
        evaluate(&membership, d("2019-08-16")).next_change,
        Some(d("2019-08-17"))
    );
    let due = evaluate(&membership, d("2019-08-17"));
    assert_eq!(
        reminders(&due),
        one(ReminderKind::UpcomingAnniversary, "maps")
    );
    assert_eq!(due.next_change, Some(d("2019-08-18")));
    assert!(evaluate(&membership, d("2019-08-18")).reminders.is_empty());
}

#[test]
fn n1_an_auto_renewing_action_pack_is_reminded_of_the_coming_renewal() {
    let membership = member([maps()]);
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-08-17"))),
        one(ReminderKind::UpcomingAutoRenewal, "maps")
    );
    // A competency gets the plain reminder.
    let competency = member([gold("cloud", "2019-09-01", false)]);
    assert_eq!(
        reminders(&evaluate(&competency, d("2019-08-17"))),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
}

#[test]
fn n1_fifteen_days_count_29_february() {
    // Anniversary 2020-03-10: −10 to 29 February, −5 more: 2020-02-24.
    // Anniversary 2019-03-10: −10 to 28 February, −5 more: 2019-02-23.
    // (Action Packs, so that no extension is involved: E3.)
    for (bought, due, not_due) in [
        ("2019-03-10", "2020-02-24", "2020-02-23"),
        ("2018-03-10", "2019-02-23", "2019-02-24"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought)).auto_renew(false)]);
        assert_eq!(
            reminders(&evaluate(&membership, d(due))),
            one(ReminderKind::UpcomingAnniversary, "maps"),
            "{bought}"
        );
        assert!(evaluate(&membership, d(not_due)).reminders.is_empty());
    }
}

#[test]
fn n1_a_cancelled_offer_gets_no_reminder() {
    let membership = member([maps().cancelled(true)]);
    assert!(evaluate(&membership, d("2019-08-17")).reminders.is_empty());
}

#[test]
fn n2_second_reminder_twenty_three_days_after_the_anniversary() {
    // 2019-09-01 + 23 days = 2019-09-24, inside 2019-09-02 ..= 2019-10-01.
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-09-23")).reminders.is_empty());
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-09-24"))),
        one(ReminderKind::WindowClosing, "maps")
    );
    assert!(evaluate(&membership, d("2019-09-25")).reminders.is_empty());
}

#[test]
fn n2_a_competency_gets_the_second_reminder_too() {
    // 2019-03-10 + 23 = 2019-04-02 (+21 to 31 March, +2 to 2 April).
    let membership = member([gold("cloud", "2019-03-10", false)]);
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-04-02"))),
        one(ReminderKind::WindowClosing, "cloud")
    );
    assert!(evaluate(&membership, d("2019-04-01")).reminders.is_empty());
}

#[test]
fn n2_no_second_reminder_when_that_day_is_outside_the_window() {
    // In PMC the window is 2019-06-03 ..= 2019-09-01 (P4): 2019-09-24 is
    // after it, the offer has lapsed, and no second reminder is sent.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    let evaluation = evaluate(&membership, d("2019-09-24"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert!(evaluation.reminders.is_empty());
}

#[test]
fn n2_a_cancelled_offer_gets_no_second_reminder() {
    let membership = member([maps().auto_renew(false).cancelled(true)]);
    assert!(evaluate(&membership, d("2019-09-24")).reminders.is_empty());
}

#[test]
fn n3_every_reminder_goes_to_the_global_admin_and_the_mpn_admin() {
    assert_eq!(
        Recipient::ALL,
        [Recipient::GlobalAdmin, Recipient::MpnAdmin]
    );
    let membership = member([
        maps(),
        OfferDraft::learning_action_pack("lap", d("2018-10-15")),
        gold("cloud", "2020-03-10", false),
    ]);
    let mut seen = Vec::new();
    let mut today = d("2019-08-01");
    while today <= d("2020-05-01") {
        for reminder in evaluate(&membership, today).reminders {
            assert_eq!(
                reminder.recipients,
                [Recipient::GlobalAdmin, Recipient::MpnAdmin],
                "{reminder:?}"
            );
            if !seen.contains(&reminder.kind) {
                seen.push(reminder.kind);
            }
        }
        today = today.succ_opt().unwrap();
    }
    // Every kind of reminder was seen, so the check above covered them all.
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            ReminderKind::UpcomingAnniversary,
            ReminderKind::UpcomingAutoRenewal,
            ReminderKind::AutoRenewalDue,
            ReminderKind::WindowClosing,
            ReminderKind::BenefitsLost,
        ]
    );
}

#[test]
fn n4_reminders_of_a_competency_under_an_extension_name_it() {
    // Gold with anniversary 2020-03-10, covered by covid-2020-h1 (E1):
    // N1 on 2020-02-24, N2 on 2020-04-02, N5 on 2020-04-10.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for (today, kind) in [
        ("2020-02-24", ReminderKind::UpcomingAnniversary),
        ("2020-04-02", ReminderKind::WindowClosing),
        ("2020-04-10", ReminderKind::BenefitsLost),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(reminders(&evaluation), one(kind, "cloud"), "{today}");
        assert_eq!(evaluation.reminders[0].extension, Some("covid-2020-h1"));
    }
}

#[test]
fn n4_reminders_of_an_offer_without_an_extension_name_none() {
    // An Action Pack in 2020 (E3) and a competency of 2019.
    let membership = member([
        OfferDraft::action_pack("maps", d("2019-03-10")).auto_renew(false),
        gold("cloud", "2019-03-10", false),
    ]);
    let evaluation = evaluate(&membership, d("2020-02-24"));
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::UpcomingAnniversary, "maps")
    );
    assert_eq!(evaluation.reminders[0].extension, None);
    let evaluation = evaluate(&membership, d("2019-02-23"));
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
    assert_eq!(evaluation.reminders[0].extension, None);
}

#[test]
fn n4_after_an_extended_renewal_reminders_follow_the_extended_anniversary() {
    // A competency with anniversary 2020-01-01 renewed under covid-2020-h1
    // has (E4) the next anniversary 2021-01-01, not the 2020-12-31 that 365
    // days would give. With that anniversary, N1 falls on 2021-01-01 − 15 =
    // 2020-12-17, not 2020-12-16. (The crate has no `apply`: the renewed
    // state is built by hand; what is tested is that reminders follow it.)
    let extended = ExtensionPolicy::extended_anniversary(d("2020-01-01")).unwrap();
    assert_eq!(extended, d("2021-01-01"));
    let renewed = member([OfferDraft::competency(
        "cloud",
        CompetencyLevel::Gold,
        "Cloud Platform",
        d("2019-01-01"),
    )
    .anniversary(extended)]);
    assert_eq!(
        reminders(&evaluate(&renewed, d("2020-12-17"))),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
    assert!(evaluate(&renewed, d("2020-12-16")).reminders.is_empty());
}

#[test]
fn n5_benefits_lost_notice_on_the_day_of_the_lapse_only() {
    let membership = member([maps()]);
    assert!(evaluate(&membership, d("2019-10-01")).reminders.is_empty());
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-10-02"))),
        one(ReminderKind::BenefitsLost, "maps")
    );
    assert!(evaluate(&membership, d("2019-10-03")).reminders.is_empty());
}

#[test]
fn n5_in_pmc_the_lapse_notice_comes_the_day_after_the_anniversary() {
    // P4: the PMC window closes on the anniversary (2019-09-01), so the
    // lapse, and its notice, is on 2019-09-02.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    assert!(evaluate(&membership, d("2019-09-01")).reminders.is_empty());
    let evaluation = evaluate(&membership, d("2019-09-02"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::BenefitsLost, "maps")
    );
}

#[test]
fn n5_a_cancelled_offer_gets_no_lapse_notice() {
    let membership = member([maps().cancelled(true)]);
    assert!(evaluate(&membership, d("2019-10-02")).reminders.is_empty());
}

// ---------------------------------------------------------------------------
// P: preconditions of renewal
// ---------------------------------------------------------------------------

#[test]
fn p1_competency_renews_only_with_performance_met_and_exams_validated() {
    // Anniversary 2019-03-10 (no extension): window 2019-03-11 ..= 2019-04-09.
    for (performance, exams, expected) in [
        (true, true, Reasons::EMPTY),
        (false, true, set(&[Reason::PerformanceNotMet])),
        (true, false, set(&[Reason::ExamsNotValidated])),
        (
            false,
            false,
            set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated]),
        ),
    ] {
        let membership = member([competency(
            "cloud",
            CompetencyLevel::Silver,
            "2019-03-10",
            performance,
            exams,
        )]);
        let evaluation = evaluate(&membership, d("2019-03-20"));
        if expected.is_empty() {
            assert_open(&evaluation, &renew("cloud"));
        } else {
            assert_eq!(reasons(&evaluation, &renew("cloud")), expected);
        }
    }
}

#[test]
fn p1_unmet_requirements_are_listed_with_the_window_reasons() {
    let membership = member([gold("cloud", "2019-03-10", false)]);
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-03-10")), &renew("cloud")),
        set(&[
            Reason::WindowNotOpen,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated
        ])
    );
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-04-10")), &renew("cloud")),
        set(&[
            Reason::WindowClosed,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated
        ])
    );
}

#[test]
fn p1_requirements_hold_again_after_the_2020_extensions() {
    // Anniversary 2021-03-10: no extension of the default policy covers it
    // (covid-2021-h1, E6, is not in it), so P1 applies in its window
    // 2021-03-11 ..= 2021-04-09.
    let membership = member([gold("cloud", "2021-03-10", false)]);
    let evaluation = evaluate(&membership, d("2021-03-15"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(
        reasons(&evaluation, &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[test]
fn p1_packs_have_no_performance_requirements() {
    let membership = member([
        maps(),
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
    ]);
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_open(&evaluation, &renew("maps"));
    assert_open(&evaluation, &renew("lap"));
}

#[test]
fn p2_a_profile_that_needs_review_blocks_renewal() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::NeedsReview)
            .offer(maps()),
    );
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_eq!(
        reasons(&evaluation, &renew("maps")),
        set(&[Reason::ProfileNeedsReview])
    );
    assert_open(&evaluation, &Action::UpdateBusinessProfile);
    assert_unlisted(&evaluation, &Action::ProvideVerificationDocuments);
}

#[test]
fn p2_a_pending_verification_blocks_renewal() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::PendingVerification)
            .offer(maps()),
    );
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_eq!(
        reasons(&evaluation, &renew("maps")),
        set(&[Reason::VerificationPending])
    );
    assert_open(&evaluation, &Action::ProvideVerificationDocuments);
    assert_unlisted(&evaluation, &Action::UpdateBusinessProfile);
}

#[test]
fn p2_a_current_profile_lets_renewal_through_and_needs_no_action() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_open(&evaluation, &renew("maps"));
    assert_unlisted(&evaluation, &Action::UpdateBusinessProfile);
    assert_unlisted(&evaluation, &Action::ProvideVerificationDocuments);
}

#[test]
fn p2_profile_reasons_add_to_the_competency_requirements() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::NeedsReview)
            .offer(gold("cloud", "2019-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-03-20")), &renew("cloud")),
        set(&[
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
            Reason::ProfileNeedsReview
        ])
    );
}

#[test]
fn p2_the_profile_blocks_reactivation_too() {
    // E1: gold 2020-03-10 lapses 2020-04-10, reactivation open to 2020-06-30.
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::PendingVerification)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-04-10")),
            &reactivate("cloud")
        ),
        set(&[Reason::VerificationPending])
    );
}

#[test]
fn p3_a_pmc_membership_may_migrate_to_partner_center() {
    let pmc = build(Membership::builder("contoso").portal(Portal::Pmc));
    assert_open(
        &evaluate(&pmc, d("2019-09-01")),
        &Action::MigrateToPartnerCenter,
    );
    let pc = build(Membership::builder("contoso"));
    assert_unlisted(
        &evaluate(&pc, d("2019-09-01")),
        &Action::MigrateToPartnerCenter,
    );
}

#[test]
fn p3_requirements_are_waived_only_in_partner_center() {
    // Gold 2020-03-10 with requirements unmet, covered by covid-2020-h1.
    // In PMC the window is 2019-12-11 ..= 2020-03-10 (10 March − 90 days:
    // −10 to 29 February, −29 to 31 January, −31 to 31 December, −20 to
    // 11 December); the extension is shown but waives nothing.
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    let evaluation = evaluate(&pmc, d("2020-03-01"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2020-h1"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2019-12-11", "2020-03-10")
    );
    assert_eq!(
        reasons(&evaluation, &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
    // In Partner Center the same competency renews in its window.
    let pc = member([gold("cloud", "2020-03-10", false)]);
    assert_open(&evaluate(&pc, d("2020-03-15")), &renew("cloud"));
}

#[test]
fn p3_reactivation_needs_partner_center() {
    // Lapsed in both portals on 2020-04-10 (PMC: since 2020-03-11).
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&pmc, d("2020-04-10")), &reactivate("cloud")),
        set(&[Reason::NotInPartnerCenter])
    );
    let pc = member([gold("cloud", "2020-03-10", false)]);
    assert_open(&evaluate(&pc, d("2020-04-10")), &reactivate("cloud"));
    // After 2020-06-30 both reasons hold, and both are listed.
    assert_eq!(
        reasons(&evaluate(&pmc, d("2020-07-01")), &reactivate("cloud")),
        set(&[Reason::NotInPartnerCenter, Reason::ReactivationPeriodOver])
    );
}

#[test]
fn p3_pmc_gets_no_covid_override() {
    // Silver 2020-08-10 (covid-2020-h2) lapses on 2020-09-10 in Partner
    // Center, where the override is then open; in PMC it is never listed.
    let silver = || competency("cl", CompetencyLevel::Silver, "2020-08-10", false, false);
    let pc = member([silver()]);
    assert_open(&evaluate(&pc, d("2020-09-10")), &override_("cl"));
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(silver()),
    );
    for today in ["2020-09-10", "2021-01-01", "2021-08-09"] {
        assert_unlisted(&evaluate(&pmc, d(today)), &override_("cl"));
    }
}

#[test]
fn p4_pmc_window_runs_from_ninety_days_before_to_the_anniversary() {
    // 2019-09-01 − 90 days = 2019-06-03 (3 June → 30 June is 27 days, → 31
    // July 58, → 31 August 89, → 1 September 90).
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    let before = evaluate(&membership, d("2019-06-02"));
    assert_eq!(before.offers[0].window, window("2019-06-03", "2019-09-01"));
    assert_eq!(before.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&before, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(allowed_from(&before, &renew("maps")), Some(d("2019-06-03")));

    let first = evaluate(&membership, d("2019-06-03"));
    assert_eq!(first.offers[0].phase, Phase::RenewalWindow);
    assert_open(&first, &renew("maps"));
    // Renewal on the anniversary itself: open in PMC (closed in Partner
    // Center, W7).
    assert_open(&evaluate(&membership, d("2019-09-01")), &renew("maps"));

    let after = evaluate(&membership, d("2019-09-02"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reasons(&after, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[test]
fn p4_the_policy_gives_each_portal_its_window() {
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.window(Portal::Pmc),
        WindowOffsets {
            opens: -90,
            closes: 0
        }
    );
    assert_eq!(
        policy.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 30
        }
    );
}

// ---------------------------------------------------------------------------
// A: Action Pack
// ---------------------------------------------------------------------------

#[test]
fn a1_an_action_pack_renews_automatically_by_default() {
    let membership = member([maps()]);
    assert!(membership.offers()[0].auto_renew());
}

#[test]
fn a1_automatic_renewal_is_due_on_the_first_day_of_the_window() {
    let membership = member([maps()]);
    assert!(evaluate(&membership, d("2019-09-01")).reminders.is_empty());
    let due = evaluate(&membership, d("2019-09-02"));
    assert_eq!(reminders(&due), one(ReminderKind::AutoRenewalDue, "maps"));
    assert_eq!(due.next_change, Some(d("2019-09-03")));
    assert!(evaluate(&membership, d("2019-09-03")).reminders.is_empty());
}

#[test]
fn a1_no_automatic_renewal_when_it_is_turned_off() {
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-09-02")).reminders.is_empty());
}

#[test]
fn a1_no_automatic_renewal_when_renewal_is_blocked() {
    // Renewal is not open on the window's first day: P2, or M2.
    for builder in [
        Membership::builder("contoso").business_profile(BusinessProfile::NeedsReview),
        Membership::builder("contoso").network_member(false),
    ] {
        let membership = build(builder.offer(maps()));
        let evaluation = evaluate(&membership, d("2019-09-02"));
        assert!(!evaluation.is_allowed(&renew("maps")));
        assert!(
            evaluation.reminders.is_empty(),
            "{:?}",
            evaluation.reminders
        );
    }
}

#[test]
fn a2_automatic_renewal_can_be_turned_off_while_the_pack_is_held() {
    let membership = member([maps()]);
    let turn_off = Action::TurnOffAutoRenew { offer: "maps" };
    for today in ["2018-09-01", "2019-09-01", "2019-09-02", "2019-10-01"] {
        assert_open(&evaluate(&membership, d(today)), &turn_off);
    }
    assert_unlisted(&evaluate(&membership, d("2019-10-02")), &turn_off);
}

#[test]
fn a2_once_off_automatic_renewal_cannot_be_turned_on_again() {
    // No action of the evaluation turns it back on: with auto-renewal off,
    // the open actions are exactly these four (the renewal itself is the
    // only way back, A2).
    let membership = member([maps().auto_renew(false)]);
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_allowed_exactly(
        &evaluation,
        &[
            purchase(OfferKind::LearningActionPack),
            renew("maps"),
            Action::RequestCancellation { offer: "maps" },
            Action::DownloadInvoice { offer: "maps" },
        ],
    );
    assert_unlisted(&evaluation, &Action::TurnOffAutoRenew { offer: "maps" });
}

#[test]
fn a2_renewing_turns_automatic_renewal_on_again() {
    let membership = member([maps()]);
    let turn_off = Action::TurnOffAutoRenew { offer: "maps" };
    let off = apply(&membership, &turn_off, d("2019-05-01")).unwrap();
    assert!(!off.offer("maps").unwrap().auto_renew());
    // Off stays off: turning it off again is not open, and nothing turns it on.
    assert_eq!(
        apply(&off, &turn_off, d("2019-05-02")),
        Err(Denied::NotOpen)
    );
    let renewed = apply(&off, &renew("maps"), d("2019-09-02")).unwrap();
    assert!(renewed.offer("maps").unwrap().auto_renew());
}

#[test]
fn a3_cancellation_can_be_requested_while_the_pack_is_held() {
    let membership = member([maps()]);
    let cancel = Action::RequestCancellation { offer: "maps" };
    assert_open(&evaluate(&membership, d("2019-01-01")), &cancel);
    assert_open(&evaluate(&membership, d("2019-10-01")), &cancel);
    assert_unlisted(&evaluate(&membership, d("2019-10-02")), &cancel);
}

#[test]
fn a3_a_cancelled_pack_has_no_benefits_and_cannot_renew() {
    let membership = member([maps().cancelled(true)]);
    let inside = evaluate(&membership, d("2019-09-15"));
    assert_eq!(inside.offers[0].phase, Phase::Cancelled);
    assert!(!inside.offers[0].benefits);
    assert_eq!(reasons(&inside, &renew("maps")), set(&[Reason::Cancelled]));
    assert_unlisted(&inside, &Action::RequestCancellation { offer: "maps" });
    assert_unlisted(&inside, &Action::TurnOffAutoRenew { offer: "maps" });
    // Every reason that holds: before the window, both.
    let before = evaluate(&membership, d("2019-08-01"));
    assert_eq!(
        reasons(&before, &renew("maps")),
        set(&[Reason::Cancelled, Reason::WindowNotOpen])
    );
    assert_eq!(allowed_from(&before, &renew("maps")), Some(d("2019-09-02")));
}

#[test]
fn a3_only_an_action_pack_has_a_cancellation_request() {
    let membership = member([
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
        gold("cloud", "2019-09-01", true),
    ]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert_unlisted(&evaluation, &Action::RequestCancellation { offer: "lap" });
    assert_unlisted(&evaluation, &Action::RequestCancellation { offer: "cloud" });
}

#[test]
fn a4_the_invoice_of_an_action_pack_can_be_downloaded_in_every_phase() {
    let invoice = Action::DownloadInvoice { offer: "maps" };
    let membership = member([maps()]);
    for today in ["2019-01-01", "2019-09-15", "2019-10-02"] {
        assert_open(&evaluate(&membership, d(today)), &invoice);
    }
    let cancelled = member([maps().cancelled(true)]);
    assert_open(&evaluate(&cancelled, d("2019-01-01")), &invoice);
}

#[test]
fn a4_no_invoice_for_other_kinds() {
    let membership = member([
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
        gold("cloud", "2019-09-01", true),
    ]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert_unlisted(&evaluation, &Action::DownloadInvoice { offer: "lap" });
    assert_unlisted(&evaluation, &Action::DownloadInvoice { offer: "cloud" });
}

#[test]
fn a5_visual_studio_edition_is_documented_and_cannot_be_given() {
    // A5 has no action in the contract. What can be checked: the crate
    // documents it as its docs say it does, and a membership has no field
    // through which an Action Pack could claim an Enterprise subscription.
    // What cannot: anything about Visual Studio itself, which the crate
    // does not model.
    let docs = crate_docs();
    assert!(docs.contains("Professional, not Enterprise (A5)"), "{docs}");
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
                    "visual_studio": "enterprise"}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `visual_studio`"), "{err}");
}

// ---------------------------------------------------------------------------
// E: extensions
// ---------------------------------------------------------------------------

#[test]
fn e1_covers_competency_anniversaries_from_1_january_to_30_june_2020() {
    for (anniversary, extension) in [
        ("2019-12-31", None),
        ("2020-01-01", Some("covid-2020-h1")),
        ("2020-06-30", Some("covid-2020-h1")),
        ("2020-07-01", Some("covid-2020-h2")),
    ] {
        let membership = member([gold("cloud", anniversary, false)]);
        assert_eq!(
            evaluate(&membership, d(anniversary)).offers[0].extension,
            extension,
            "{anniversary}"
        );
    }
}

#[test]
fn e1_requirements_are_deemed_met_but_the_fee_is_due_in_the_window() {
    // Gold 2020-03-10, requirements unmet: window 2020-03-11 ..= 2020-04-09.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-03-10")), &renew("cloud")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2020-03-11")), &renew("cloud"));
    assert_open(&evaluate(&membership, d("2020-04-09")), &renew("cloud"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-04-10")), &renew("cloud")),
        set(&[Reason::WindowClosed])
    );
    // Just outside the range, the requirements hold.
    let uncovered = member([gold("cloud", "2019-12-31", false)]);
    assert_eq!(
        reasons(&evaluate(&uncovered, d("2020-01-05")), &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[test]
fn e1_a_missed_window_can_be_reactivated_until_30_june_2020() {
    // Lapse 2020-04-10; reactivation open to 2020-06-30 inclusive.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-04-10", "2020-06-30"] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
        assert_open(&evaluation, &reactivate("cloud"));
    }
    // After the N5 notice (2020-04-10) the next change is the end of it.
    assert_eq!(
        evaluate(&membership, d("2020-04-11")).next_change,
        Some(d("2020-07-01"))
    );
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-07-01")),
            &reactivate("cloud")
        ),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[test]
fn e1_only_a_network_member_may_reactivate() {
    let outsider = build(
        Membership::builder("contoso")
            .network_member(false)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&outsider, d("2020-04-10")), &reactivate("cloud")),
        set(&[Reason::NotNetworkMember])
    );
}

#[test]
fn e1_reactivate_is_listed_only_once_the_competency_has_lapsed() {
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-03-01", "2020-03-15", "2020-04-09"] {
        assert_unlisted(&evaluate(&membership, d(today)), &reactivate("cloud"));
    }
}

#[test]
fn e1_the_reactivation_period_may_end_before_the_lapse() {
    // Anniversary 2020-06-20: window closes 2020-07-20, lapse 2020-07-21,
    // after the fixed end 2020-06-30: reactivate is listed but blocked.
    let membership = member([gold("cloud", "2020-06-20", false)]);
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-07-21")),
            &reactivate("cloud")
        ),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[test]
fn e1_offers_no_covid_override() {
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-07-01", "2020-12-01", "2021-03-09"] {
        assert_unlisted(&evaluate(&membership, d(today)), &override_("cloud"));
    }
}

#[test]
fn e2_covers_competency_anniversaries_from_1_july_to_31_december_2020() {
    for (anniversary, extension) in [
        ("2020-06-30", Some("covid-2020-h1")),
        ("2020-07-01", Some("covid-2020-h2")),
        ("2020-12-31", Some("covid-2020-h2")),
        ("2021-01-01", None),
    ] {
        let membership = member([competency(
            "cl",
            CompetencyLevel::Silver,
            anniversary,
            false,
            false,
        )]);
        assert_eq!(
            evaluate(&membership, d(anniversary)).offers[0].extension,
            extension,
            "{anniversary}"
        );
    }
}

#[test]
fn e2_requirements_are_deemed_met_and_the_fee_is_due_in_the_30_day_window() {
    // Silver 2020-08-10: window 2020-08-11 ..= 2020-09-09 (+21 to 31
    // August, +9 to 9 September).
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_open(&evaluate(&membership, d("2020-08-11")), &renew("cl"));
    assert_open(&evaluate(&membership, d("2020-09-09")), &renew("cl"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-09-10")), &renew("cl")),
        set(&[Reason::WindowClosed])
    );
}

#[test]
fn e2_reactivation_ends_thirty_days_after_the_anniversary() {
    // Reactivation end 2020-08-10 + 30 = 2020-09-09, the window's last day:
    // on the lapse day 2020-09-10 it is already over.
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-09-09")), &reactivate("cl"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-09-10")), &reactivate("cl")),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[test]
fn e2_a_covid_override_may_be_requested_once_reactivation_is_over() {
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-09-09")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2020-09-10")), &override_("cl"));
}

#[test]
fn e3_extensions_do_not_cover_an_action_pack() {
    // Action Pack with anniversary 2020-03-10: no extension, lapses on
    // 2020-04-10 with nothing to reactivate.
    let membership = member([OfferDraft::action_pack("maps", d("2019-03-10"))]);
    let evaluation = evaluate(&membership, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert_unlisted(&evaluation, &reactivate("maps"));
    assert_eq!(evaluation.reminders[0].extension, None);
    // An h2 date: no override either.
    let h2 = member([OfferDraft::action_pack("maps", d("2019-08-10"))]);
    assert_unlisted(&evaluate(&h2, d("2020-09-10")), &override_("maps"));
}

#[test]
fn e3_a_learning_action_pack_is_not_covered_either() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2019-03-10"))]);
    let evaluation = evaluate(&membership, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_unlisted(&evaluation, &reactivate("lap"));
}

#[test]
fn e3_silver_and_gold_competencies_are_both_covered() {
    let membership = member([
        competency("s", CompetencyLevel::Silver, "2020-03-10", false, false),
        competency("g", CompetencyLevel::Gold, "2020-03-10", false, false),
    ]);
    let evaluation = evaluate(&membership, d("2020-03-15"));
    for index in 0..2 {
        assert_eq!(evaluation.offers[index].extension, Some("covid-2020-h1"));
    }
    assert_open(&evaluation, &renew("s"));
    assert_open(&evaluation, &renew("g"));
}

#[test]
fn e4_extended_anniversary_is_the_same_day_in_2021() {
    for (anniversary, extended) in [
        ("2020-01-01", "2021-01-01"),
        ("2020-03-10", "2021-03-10"),
        ("2020-06-30", "2021-06-30"),
        ("2020-12-31", "2021-12-31"),
    ] {
        assert_eq!(
            ExtensionPolicy::extended_anniversary(d(anniversary)),
            Some(d(extended))
        );
    }
    // Not W5's 365 days: 2020-01-01 + 365 = 2020-12-31 (2020 has 366 days).
    assert_ne!(
        ExtensionPolicy::extended_anniversary(d("2020-01-01")),
        d("2020-01-01").checked_add_days(Days::new(365))
    );
}

#[test]
fn e4_extended_anniversary_of_29_february_is_28_february() {
    assert_eq!(
        ExtensionPolicy::extended_anniversary(d("2020-02-29")),
        Some(d("2021-02-28"))
    );
}

#[test]
fn e4_renewing_under_an_extension_sets_the_same_day_in_2021() {
    // Gold 2020-01-01 (covid-2020-h1), requirements unmet but waived:
    // renewed on 2020-01-02, next anniversary 2021-01-01, not W5's
    // 2020-01-01 + 365 = 2020-12-31.
    let membership = member([gold("cloud", "2020-01-01", false)]);
    let renewed = apply(&membership, &renew("cloud"), d("2020-01-02")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-01-01")
    );
    // 29 February 2020: renewed in 2020-03-01 ..= 2020-03-30, next 2021-02-28.
    let leap = member([gold("cloud", "2020-02-29", false)]);
    let renewed = apply(&leap, &renew("cloud"), d("2020-03-01")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-02-28")
    );
}

#[test]
fn e4_reactivating_under_an_extension_sets_the_same_day_in_2021() {
    // Gold 2020-03-10 lapsed on 2020-04-10, reactivated that day: 2021-03-10,
    // and its benefits are back.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    let reactivated = apply(&membership, &reactivate("cloud"), d("2020-04-10")).unwrap();
    assert_eq!(
        reactivated.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
    let evaluation = evaluate(&reactivated, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert_eq!(evaluation.core_benefits, Some(CoreBenefits::Gold));
}

#[test]
fn e4_in_pmc_a_renewal_is_not_under_the_extension() {
    // P3: a PMC membership has none of the extension's effects, so its
    // renewal follows W5: 2020-01-01 + 365 = 2020-12-31. PMC window of
    // 2020-01-01: 2019-10-03 ..= 2020-01-01 (− 90 days).
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-01-01", true)),
    );
    let renewed = apply(&membership, &renew("cloud"), d("2019-12-01")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2020-12-31")
    );
}

#[test]
fn e5_covid_override_runs_from_the_day_after_reactivation_to_the_day_before_the_extended_anniversary(
) {
    // Silver 2020-07-15 (h2): window and reactivation end 2020-08-14 (+16 to
    // 31 July, +14 to 14 August); override 2020-08-15 ..= 2021-07-14, the
    // day before the extended anniversary 2021-07-15 (E4).
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-07-15",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-08-14")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2020-08-15")), &override_("cl"));
    let last = evaluate(&membership, d("2021-07-14"));
    assert_open(&last, &override_("cl"));
    assert_eq!(last.next_change, Some(d("2021-07-15")));
    // Only when open: not listed as blocked either.
    assert_unlisted(&evaluate(&membership, d("2021-07-15")), &override_("cl"));
}

#[test]
fn e5_covid_override_of_a_31_december_anniversary() {
    // 2020-12-31: window 2021-01-01 ..= 2021-01-30, lapse 2021-01-31;
    // extended anniversary 2021-12-31, so the override ends 2021-12-30.
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-12-31",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2021-01-30")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2021-01-31")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2021-12-30")), &override_("cl"));
    assert_unlisted(&evaluate(&membership, d("2021-12-31")), &override_("cl"));
}

#[test]
fn e5_no_covid_override_for_a_cancelled_competency() {
    let membership =
        member([
            competency("cl", CompetencyLevel::Silver, "2020-08-10", false, false).cancelled(true),
        ]);
    assert_unlisted(&evaluate(&membership, d("2020-09-10")), &override_("cl"));
    assert_unlisted(&evaluate(&membership, d("2020-09-10")), &reactivate("cl"));
}

// ---------------------------------------------------------------------------
// B: benefits, licenses and tokens
// ---------------------------------------------------------------------------

#[test]
fn b1_licenses_hold_while_the_offer_is_active_or_in_its_window() {
    assert!(Phase::Active.has_benefits());
    assert!(Phase::RenewalWindow.has_benefits());
    assert!(!Phase::Lapsed.has_benefits());
    assert!(!Phase::Cancelled.has_benefits());
    let membership = member([maps(), gold("cloud", "2019-09-01", true)]);
    for (today, benefits) in [
        ("2019-01-01", true),
        ("2019-10-01", true),
        ("2019-10-02", false),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].benefits, benefits, "{today}");
        assert_eq!(evaluation.offers[1].benefits, benefits, "{today}");
    }
}

#[test]
fn b1_a_cancelled_offer_has_no_licenses() {
    let membership = member([maps().cancelled(true)]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert!(!evaluation.offers[0].benefits);
    assert_eq!(evaluation.core_benefits, Some(CoreBenefits::Network));
}

#[test]
fn b2_replacement_token_within_thirty_days_of_activation_day_30_counts() {
    // Activated 2020-01-05: + 30 = 2020-02-04 (+26 to 31 January, +4).
    let membership =
        build(Membership::builder("contoso").token(Token::new("o365-e3", d("2020-01-05"))));
    let replace = Action::RequestReplacementToken { token: "o365-e3" };
    let before = evaluate(&membership, d("2020-01-04"));
    assert_eq!(reasons(&before, &replace), set(&[Reason::NotYetActivated]));
    assert_eq!(allowed_from(&before, &replace), Some(d("2020-01-05")));
    assert_eq!(before.next_change, Some(d("2020-01-05")));
    assert_open(&evaluate(&membership, d("2020-01-05")), &replace);
    let last = evaluate(&membership, d("2020-02-04"));
    assert_open(&last, &replace);
    assert_eq!(last.next_change, Some(d("2020-02-05")));
    let over = evaluate(&membership, d("2020-02-05"));
    assert_eq!(
        reasons(&over, &replace),
        set(&[Reason::ReplacementPeriodOver])
    );
    assert_eq!(allowed_from(&over, &replace), None);
}

#[test]
fn b2_thirty_days_count_29_february() {
    // Activated 2020-02-10: + 30 = 2020-03-11 (+19 to 29 February, +11).
    let membership = build(Membership::builder("contoso").token(Token::new("t", d("2020-02-10"))));
    let replace = Action::RequestReplacementToken { token: "t" };
    assert_open(&evaluate(&membership, d("2020-03-11")), &replace);
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-03-12")), &replace),
        set(&[Reason::ReplacementPeriodOver])
    );
}

#[test]
fn b2_a_token_is_replaced_one_time_only() {
    let membership = build(
        Membership::builder("contoso").token(Token::new("t", d("2020-01-05")).replaced(true)),
    );
    let replace = Action::RequestReplacementToken { token: "t" };
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-01-10")), &replace),
        set(&[Reason::ReplacementAlreadyIssued])
    );
    // Every reason that holds.
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-02-05")), &replace),
        set(&[
            Reason::ReplacementAlreadyIssued,
            Reason::ReplacementPeriodOver
        ])
    );
    let early = evaluate(&membership, d("2020-01-01"));
    assert_eq!(
        reasons(&early, &replace),
        set(&[Reason::ReplacementAlreadyIssued, Reason::NotYetActivated])
    );
    assert_eq!(allowed_from(&early, &replace), Some(d("2020-01-05")));
}

#[test]
fn b3_replacement_is_decided_per_token() {
    // A token is a whole: two tokens are two replacements, never parts of
    // one. One replaced token does not use up another's replacement.
    let membership = build(
        Membership::builder("contoso")
            .token(Token::new("a", d("2020-01-05")).replaced(true))
            .token(Token::new("b", d("2020-01-05"))),
    );
    let evaluation = evaluate(&membership, d("2020-01-10"));
    assert_eq!(
        reasons(&evaluation, &Action::RequestReplacementToken { token: "a" }),
        set(&[Reason::ReplacementAlreadyIssued])
    );
    assert_open(&evaluation, &Action::RequestReplacementToken { token: "b" });
}

#[test]
fn b3_a_token_has_no_seat_count_to_split() {
    // B3 is modelled by the type: a token has no seats, so it cannot be
    // split. The wire form refuses a seat count.
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "tokens": [{"id": "o365-e3", "activated": "2020-01-05", "seats": 25}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `seats`"), "{err}");
}

#[test]
fn b4_activation_keys_are_not_tracked_and_a_replacement_is_never_granted_again() {
    // B4 has no action: the crate does not track multiple activation keys
    // (src/lib.rs, Scope), and the wire form has no activation count. What
    // can be checked: the closest modelled fact, a consumed replacement is
    // never granted again on any day.
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "tokens": [{"id": "mak", "activated": "2020-01-05", "activations": 5}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `activations`"), "{err}");
    assert!(crate_docs().contains("multiple activation keys are not tracked (B4)"));
    let membership = build(
        Membership::builder("contoso").token(Token::new("t", d("2020-01-05")).replaced(true)),
    );
    for today in ["2020-01-05", "2020-02-04", "2030-01-01"] {
        assert!(!evaluate(&membership, d(today))
            .is_allowed(&Action::RequestReplacementToken { token: "t" }));
    }
}

#[test]
fn b5_visual_studio_subscriptions_are_documented_as_per_user_and_not_an_input() {
    // B5 has no action: the crate documents it and has no field for Visual
    // Studio subscriptions or their users; nothing more can be tested.
    let docs = crate_docs();
    assert!(
        docs.contains("licensed per user and never shared (B5)"),
        "{docs}"
    );
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "visual_studio_users": ["a@contoso.com"]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `visual_studio_users`"), "{err}");
}

// ---------------------------------------------------------------------------
// G: account merge
// ---------------------------------------------------------------------------

/// After a merge: the account's own pack `a` (anniversary 2020-06-01,
/// window 2020-06-02 ..= 2020-07-01) and pack `b` from account `f`
/// (anniversary 2020-10-01, window 2020-10-02 ..= 2020-10-31).
fn merged() -> Membership {
    member([
        OfferDraft::action_pack("a", d("2019-06-01")),
        OfferDraft::action_pack("b", d("2019-10-01")).origin_account("f"),
    ])
}

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

// ---------------------------------------------------------------------------
// D: decisions
// ---------------------------------------------------------------------------

#[test]
fn d1_purchase_on_29_february_has_its_first_anniversary_on_28_february() {
    for (bought, anniversary) in [("2020-02-29", "2021-02-28"), ("2016-02-29", "2017-02-28")] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        assert_eq!(membership.offers()[0].anniversary(), d(anniversary));
    }
    // Window of 2021-02-28: 2021-03-01 ..= 2021-03-30 (+1 to 1 March, +29).
    let membership = member([OfferDraft::action_pack("maps", d("2020-02-29"))]);
    let evaluation = evaluate(&membership, d("2021-03-30"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2021-03-01", "2021-03-30")
    );
    assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
}

#[test]
fn d1_the_wire_form_clamps_29_february_too() {
    let membership: Membership = serde_json::from_value(json!({
        "account": "contoso",
        "offers": [{"id": "lap", "kind": "learning_action_pack", "purchased": "2020-02-29"}]
    }))
    .unwrap();
    assert_eq!(membership.offers()[0].anniversary(), d("2021-02-28"));
}

#[test]
fn d1_28_february_before_a_leap_year_is_not_moved_to_29_february() {
    let membership = member([OfferDraft::action_pack("maps", d("2023-02-28"))]);
    assert_eq!(membership.offers()[0].anniversary(), d("2024-02-28"));
}

#[test]
fn d2_the_same_day_always_gives_the_same_evaluation() {
    let membership = member([maps(), gold("cloud", "2020-03-10", false)]);
    let policy = Policy::partner_center_2020();
    let today = d("2019-09-02");
    let first = evaluate(&membership, today);
    assert_eq!(first.today, today);
    assert_eq!(evaluate(&membership, today), first);
    assert_eq!(policy.evaluate(&membership, today), first);
    // Reusing a buffer filled for another day gives the same answer.
    let mut reused = policy.evaluate(&membership, d("2020-04-10"));
    policy.evaluate_into(&membership, today, &mut reused);
    assert_eq!(reused, first);
}

#[test]
fn d2_dates_are_calendar_dates_without_time_or_zone() {
    let membership = member([maps()]);
    let value = serde_json::to_value(evaluate(&membership, d("2019-09-02"))).unwrap();
    assert_eq!(value["today"], "2019-09-02");
    assert_eq!(value["next_change"], "2019-09-03");
    assert_eq!(value["offers"][0]["window"]["opens"], "2019-09-02");
    for text in [
        "2018-09-01T00:00:00",
        "2018-09-01T00:00:00Z",
        "2018-09-01 00:00",
    ] {
        let err = serde_json::from_value::<Membership>(json!({
            "account": "contoso",
            "offers": [{"id": "maps", "kind": "action_pack", "purchased": text}]
        }))
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            format!(
                "offers[0].purchased: `{text}` is not a date of the form YYYY-MM-DD with a year from 0001 to 9999"
            )
        );
    }
}

#[test]
fn d3_partner_center_window_is_anniversary_plus_one_to_plus_thirty() {
    assert_eq!(
        Policy::partner_center_2020().window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 30
        }
    );
    let membership = member([maps()]);
    for (today, phase) in [
        ("2019-09-01", Phase::Active),
        ("2019-09-02", Phase::RenewalWindow),
        ("2019-10-01", Phase::RenewalWindow),
        ("2019-10-02", Phase::Lapsed),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, phase, "{today}");
        assert_eq!(
            evaluation.offers[0].window.contains(d(today)),
            phase == Phase::RenewalWindow
        );
    }
}

#[test]
fn d4_every_representable_day_is_evaluated_without_panic() {
    let membership = build(
        Membership::builder("contoso")
            .offer(maps())
            .offer(gold("cloud", "2020-08-10", false))
            .token(Token::new("t", d("2020-01-05"))),
    );
    let first = evaluate(&membership, NaiveDate::MIN);
    assert_eq!(first.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&first, &Action::RequestReplacementToken { token: "t" }),
        set(&[Reason::NotYetActivated])
    );
    // N1 of maps (2019-08-17) is the first change.
    assert_eq!(first.next_change, Some(d("2019-08-17")));
    for today in [FIRST_DATE, LAST_DATE, NaiveDate::MAX] {
        let evaluation = evaluate(&membership, today);
        assert_eq!(evaluation.today, today);
    }
    let last = evaluate(&membership, NaiveDate::MAX);
    assert_eq!(last.offers[0].phase, Phase::Lapsed);
    assert_eq!(last.offers[1].phase, Phase::Lapsed);
    assert_eq!(last.next_change, None);
}

#[test]
fn d4_the_last_anniversary_accepted_keeps_every_date_in_the_calendar() {
    // 9998-12-30 + 366 = 9999-12-31 (9999 is not a leap year). Window
    // 9998-12-31 ..= 9999-01-29 (+1 to 31 December, +29 to 29 January).
    let membership = member([gold("cloud", "9998-12-30", true)]);
    let evaluation = evaluate(&membership, d("9999-01-29"));
    assert_eq!(
        evaluation.offers[0].window,
        window("9998-12-31", "9999-01-29")
    );
    assert_eq!(evaluation.next_change, Some(d("9999-01-30")));
    let lapsed = evaluate(&membership, LAST_DATE);
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert_eq!(lapsed.next_change, None);
    // One day later is refused as a value, not a panic.
    let err = Membership::builder("contoso")
        .offer(gold("cloud", "9998-12-31", true))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].anniversary");
    assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
}

#[test]
fn d4_the_first_anniversary_accepted_opens_a_pmc_window_on_0001_01_01() {
    // 0001-04-01 is day 91 of year 1: − 90 days = 0001-01-01.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(OfferDraft::action_pack("maps", FIRST_DATE).anniversary(d("0001-04-01"))),
    );
    let evaluation = evaluate(&membership, NaiveDate::MIN);
    assert_eq!(
        evaluation.offers[0].window,
        window("0001-01-01", "0001-04-01")
    );
    assert_eq!(allowed_from(&evaluation, &renew("maps")), Some(FIRST_DATE));
    assert_open(&evaluate(&membership, FIRST_DATE), &renew("maps"));
}

#[test]
fn d5_a_learning_action_pack_follows_the_action_pack_window() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2018-09-01"))]);
    let on_anniversary = evaluate(&membership, d("2019-09-01"));
    assert_eq!(
        on_anniversary.offers[0].window,
        window("2019-09-02", "2019-10-01")
    );
    assert_eq!(
        reasons(&on_anniversary, &renew("lap")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2019-09-02")), &renew("lap"));
    assert_open(&evaluate(&membership, d("2019-10-01")), &renew("lap"));
    assert_eq!(
        evaluate(&membership, d("2019-10-02")).offers[0].phase,
        Phase::Lapsed
    );
}

#[test]
fn d5_a_learning_action_pack_gets_the_reminders_without_automatic_renewal() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2018-09-01"))]);
    assert!(!membership.offers()[0].auto_renew());
    for (today, expected) in [
        ("2019-08-17", one(ReminderKind::UpcomingAnniversary, "lap")),
        ("2019-09-02", vec![]),
        ("2019-09-24", one(ReminderKind::WindowClosing, "lap")),
        ("2019-10-02", one(ReminderKind::BenefitsLost, "lap")),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(reminders(&evaluation), expected, "{today}");
        assert_unlisted(&evaluation, &Action::TurnOffAutoRenew { offer: "lap" });
    }
}

#[test]
fn d5_a_learning_action_pack_cannot_be_set_to_renew_automatically() {
    let err = Membership::builder("contoso")
        .offer(OfferDraft::learning_action_pack("lap", d("2018-09-01")).auto_renew(true))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].auto_renew");
    assert!(matches!(
        err.kind(),
        ErrorKind::FieldNotForKind {
            kind: OfferKind::LearningActionPack,
            field: "auto_renew"
        }
    ));
}
