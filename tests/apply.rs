//! `apply`: the pure transition from one membership to the next, for every
//! action of the wire contract's table: a success case and a denial case each.
//!
//! Every expected value is worked out by hand from the rules catalogue and the wire contract;
//! the arithmetic is in the comments. A denial is checked twice: against the
//! reasons derived by hand, and against what `evaluate` says that day (the
//! issue: "a denial carries exactly the reasons evaluate gives").
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use chrono::NaiveDate;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::{
    apply, evaluate, Action, BusinessProfile, CompetencyLevel, Denied, Membership,
    MembershipBuilder, OfferDraft, OfferKind, Phase, Policy, Portal, Reason, Reasons, Rules, Token,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn d(text: &str) -> NaiveDate {
    common::day(text)
}

fn member(offers: impl IntoIterator<Item = OfferDraft>) -> Membership {
    with(Membership::builder("contoso"), offers)
}

fn with(builder: MembershipBuilder, offers: impl IntoIterator<Item = OfferDraft>) -> Membership {
    offers
        .into_iter()
        .fold(builder, MembershipBuilder::offer)
        .build()
        .unwrap()
}

/// the rules catalogue W1/W2: bought 2018-09-01, so its anniversary is 2019-09-01 (W1),
/// its window 2019-09-02 ..= 2019-10-01 (D3: 1 September + 30 days =
/// 1 October, September having 30 days), and it lapses on 2019-10-02 (W6).
fn maps() -> OfferDraft {
    OfferDraft::action_pack("maps", d("2018-09-01"))
}

/// A gold competency in "Cloud Platform" with this anniversary, bought long
/// before, with both P1 requirements set to `met`.
fn gold(id: &str, anniversary: &str, met: bool) -> OfferDraft {
    OfferDraft::competency(id, CompetencyLevel::Gold, "Cloud Platform", d("2015-01-01"))
        .anniversary(d(anniversary))
        .performance_met(met)
        .exams_validated(met)
}

fn renew(offer: &str) -> Action<'_> {
    Action::Renew { offer }
}

fn set(reasons: &[Reason]) -> Reasons {
    reasons.iter().copied().collect()
}

/// `apply` succeeded; the input is unchanged.
fn applied(membership: &Membership, action: Action<'_>, on: &str) -> Membership {
    let before = membership.clone();
    let result = apply(membership, &action, d(on));
    assert_eq!(membership, &before, "the input must never change");
    result.unwrap_or_else(|denied| panic!("{action} on {on} was denied: {denied:?}"))
}

/// `apply` refused; the input is unchanged.
fn denied(membership: &Membership, action: Action<'_>, on: &str) -> Denied {
    let before = membership.clone();
    let result = apply(membership, &action, d(on));
    assert_eq!(membership, &before, "the input must never change");
    match result {
        Ok(_) => panic!("{action} on {on} was allowed"),
        Err(denied) => denied,
    }
}

/// `apply` refused with `Blocked { reasons, allowed_from }`, and these are
/// exactly the reasons and date that `evaluate` lists for the action.
fn assert_blocked(
    membership: &Membership,
    action: Action<'_>,
    on: &str,
    reasons: &[Reason],
    allowed_from: Option<&str>,
) {
    let expected = Denied::Blocked {
        reasons: set(reasons),
        allowed_from: allowed_from.map(d),
    };
    assert_eq!(denied(membership, action, on), expected, "{action} on {on}");
    let listed = match action {
        Action::Purchase { kind, .. } => Action::Purchase { kind, id: None },
        other => other,
    };
    let evaluation = evaluate(membership, d(on));
    let blocked = evaluation.blocked(&listed).unwrap();
    assert_eq!(
        Denied::Blocked {
            reasons: blocked.reasons,
            allowed_from: blocked.allowed_from
        },
        expected
    );
}

/// `apply` refused with `NotOpen`, and the evaluation does not list the
/// action at all (the wire contract: "only when open").
fn assert_not_open(membership: &Membership, action: Action<'_>, on: &str) {
    assert_eq!(denied(membership, action, on), Denied::NotOpen, "{action}");
    let evaluation = evaluate(membership, d(on));
    assert!(!evaluation.is_allowed(&action));
    assert!(evaluation.blocked(&action).is_none());
}

// ---------------------------------------------------------------------------
// renew
// ---------------------------------------------------------------------------

#[test]
fn w5_renew_in_window_sets_anniversary_365_days_after_the_current_one() {
    let membership = member([maps()]);
    // 2019-09-01 + 365 days: from 2019-09-01 to 2020-09-01 is 366 days
    // (29 February 2020 lies between), so 365 days give 2020-08-31.
    let renewed = applied(&membership, renew("maps"), "2019-09-02");
    let offer = renewed.offer("maps").unwrap();
    assert_eq!(offer.anniversary(), d("2020-08-31"));
    assert_eq!(offer.purchased(), d("2018-09-01"));
    assert!(offer.auto_renew());
    // Renewed on any day of the window, W5 counts from the anniversary,
    // not from the renewal day: the last day, 2019-10-01, gives the same.
    let late = applied(&membership, renew("maps"), "2019-10-01");
    assert_eq!(late.offer("maps").unwrap().anniversary(), d("2020-08-31"));
    // W4, W5: benefits intact; the new window opens 2020-09-01.
    let evaluation = evaluate(&renewed, d("2019-10-02"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert!(evaluation.offers[0].benefits);
    assert_eq!(evaluation.offers[0].window.opens, d("2020-09-01"));
}

#[test]
fn w5_renew_without_a_leap_day_between_adds_one_calendar_year() {
    // Anniversary 2020-09-01: 2020-09-01 + 365 days = 2021-09-01, since no
    // 29 February lies between (the next is 2024-02-29).
    let membership =
        member([OfferDraft::action_pack("maps", d("2019-09-01")).anniversary(d("2020-09-01"))]);
    let renewed = applied(&membership, renew("maps"), "2020-09-02");
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2021-09-01")
    );
}

#[test]
fn w7_renew_on_the_anniversary_is_blocked_with_window_not_open() {
    let membership = member([maps()]);
    // W7: not on the anniversary; the window opens the day after (W2).
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-01",
        &[Reason::WindowNotOpen],
        Some("2019-09-02"),
    );
}

#[test]
fn w6_renew_after_the_window_is_blocked_with_window_closed() {
    let membership = member([maps()]);
    // The window's last day is 2019-10-01; 2019-10-02 is the lapse.
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-10-02",
        &[Reason::WindowClosed],
        None,
    );
}

#[test]
fn p1_p2_m2_a_blocked_renew_carries_every_reason_that_evaluate_gives() {
    // Anniversary 2019-05-01 (no extension covers 2019), window 2019-05-02
    // ..= 2019-05-31; on 2019-05-10 the window is open, but P1 (both
    // requirements unmet), P2 (profile needs review) and M2 (not a member)
    // all block the renewal.
    let membership = with(
        Membership::builder("contoso")
            .network_member(false)
            .business_profile(BusinessProfile::NeedsReview),
        [gold("cloud", "2019-05-01", false)],
    );
    assert_blocked(
        &membership,
        renew("cloud"),
        "2019-05-10",
        &[
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
            Reason::ProfileNeedsReview,
            Reason::NotNetworkMember,
        ],
        None,
    );
}

#[test]
fn p1_competency_with_requirements_met_renews_by_w5() {
    // Anniversary 2019-05-01 + 365 days = 2020-04-30 (29 February 2020 lies
    // between).
    let membership = member([gold("cloud", "2019-05-01", true)]);
    let renewed = applied(&membership, renew("cloud"), "2019-05-10");
    let offer = renewed.offer("cloud").unwrap();
    assert_eq!(offer.anniversary(), d("2020-04-30"));
    // P1: the requirements are left as they are; auto-renewal stays off on
    // a competency (D5, A2 only for an Action Pack).
    assert!(offer.performance_met());
    assert!(!offer.auto_renew());
}

#[test]
fn a2_renew_turns_automatic_renewal_on_again() {
    let membership = member([maps().auto_renew(false)]);
    let renewed = applied(&membership, renew("maps"), "2019-09-15");
    let offer = renewed.offer("maps").unwrap();
    assert!(offer.auto_renew());
    assert_eq!(offer.anniversary(), d("2020-08-31"));
    // And it can be turned off again.
    assert!(
        evaluate(&renewed, d("2019-09-15")).is_allowed(&Action::TurnOffAutoRenew { offer: "maps" })
    );
}

#[test]
fn a1_auto_renewal_is_renew_applied_on_the_windows_first_day() {
    let membership = member([maps()]);
    // A1: the charge falls on the window's first day, 2019-09-02.
    let evaluation = evaluate(&membership, d("2019-09-02"));
    let kinds: Vec<_> = evaluation.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(kinds, [ReminderKind::AutoRenewalDue]);
    let renewed = applied(&membership, renew("maps"), "2019-09-02");
    // Renewed, the offer is no longer in a window: N2 (2019-09-24) and the
    // lapse notice (2019-10-02) do not come.
    for day in ["2019-09-24", "2019-10-02"] {
        let evaluation = evaluate(&renewed, d(day));
        assert!(evaluation.reminders.is_empty(), "{day}");
        assert!(evaluation.offers[0].benefits, "{day}");
    }
}

#[test]
fn e4_renew_under_an_extension_sets_the_same_month_and_day_next_year() {
    // A gold competency with anniversary 2020-01-01 and unmet requirements,
    // in Partner Center: covid-2020-h1 covers it (E1) and waives P1; the
    // window is 2020-01-02 ..= 2020-01-31. E4: the next anniversary is
    // 2021-01-01, where W5 would give 2020-01-01 + 365 = 2020-12-31 (2020
    // has 366 days).
    let membership = member([gold("cloud", "2020-01-01", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-01-02");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-01-01")
    );
}

#[test]
fn e4_contract_example_competency_2020_03_10_renews_to_2021_03_10() {
    // the wire contract, "Examples from the seeds": evaluated 2020-03-15, renew is
    // open (requirements waived); renewed, the next anniversary is
    // 2021-03-10.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-03-15");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
}

#[test]
fn e4_d1_a_29_february_anniversary_renews_to_28_february() {
    // E4: "a 29 February gives 2021-02-28". Window 2020-03-01 ..= 2020-03-30.
    let membership = member([gold("cloud", "2020-02-29", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-03-01");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-02-28")
    );
}

#[test]
fn p3_w5_renew_in_pmc_ignores_the_extension() {
    // The same competency as the E4 test, requirements met, in PMC: P4 makes
    // the window 2020-01-01 - 90 ..= 2020-01-01 = 2019-10-03 ..= 2020-01-01
    // (1 + 31 + 30 + 28 = 90 days back from 1 January), and P3 keeps the
    // extension's effects out, so W5 sets 2020-01-01 + 365 = 2020-12-31.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-01", true)],
    );
    let renewed = applied(&membership, renew("cloud"), "2019-12-01");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2020-12-31")
    );
    // P4: the window's first day counts, the day before does not.
    applied(&membership, renew("cloud"), "2019-10-03");
    assert_blocked(
        &membership,
        renew("cloud"),
        "2019-10-02",
        &[Reason::WindowNotOpen],
        Some("2019-10-03"),
    );
    // In PMC the requirements are not waived (P3).
    let unmet = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-01", false)],
    );
    assert_blocked(
        &unmet,
        renew("cloud"),
        "2019-12-01",
        &[Reason::PerformanceNotMet, Reason::ExamsNotValidated],
        None,
    );
}

#[test]
fn a3_renew_of_a_cancelled_pack_is_blocked_with_cancelled() {
    let membership = member([maps().cancelled(true)]);
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-10",
        &[Reason::Cancelled],
        None,
    );
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

#[test]
fn renew_of_an_unknown_offer_is_denied_with_its_id() {
    let membership = member([maps()]);
    assert_eq!(
        denied(&membership, renew("nope"), "2019-09-02"),
        Denied::UnknownOffer("nope".to_owned())
    );
}

// ---------------------------------------------------------------------------
// reactivate
// ---------------------------------------------------------------------------

#[test]
fn e1_reactivate_until_30_june_2020_sets_the_2021_anniversary() {
    // Anniversary 2020-01-15: window 2020-01-16 ..= 2020-02-14 (15 + 30 days
    // = 45 January = 14 February), lapsed from 2020-02-15. E1: reactivation
    // until 2020-06-30; E4: the next anniversary is 2021-01-15.
    let membership = member([gold("cloud", "2020-01-15", false)]);
    let reactivated = applied(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-06-30",
    );
    assert_eq!(
        reactivated.offer("cloud").unwrap().anniversary(),
        d("2021-01-15")
    );
    // Active again, with benefits, the same day.
    let evaluation = evaluate(&reactivated, d("2020-06-30"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert!(evaluation.offers[0].benefits);
    // Also on the first day of the lapse.
    applied(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-02-15",
    );
}

#[test]
fn e1_reactivate_after_30_june_2020_is_blocked() {
    let membership = member([gold("cloud", "2020-01-15", false)]);
    assert_blocked(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-07-01",
        &[Reason::ReactivationPeriodOver],
        None,
    );
}

#[test]
fn p3_reactivate_in_pmc_is_blocked_with_not_in_partner_center() {
    // In PMC the same anniversary has the window 2019-10-17 ..= 2020-01-15
    // (15 + 31 + 30 + 14 = 90 days back), so it is lapsed on 2020-03-01.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-15", false)],
    );
    assert_blocked(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-03-01",
        &[Reason::NotInPartnerCenter],
        None,
    );
}

#[test]
fn e1_reactivate_is_not_open_before_the_lapse() {
    // In the window (2020-01-20) the offer renews; reactivate is not listed.
    let membership = member([gold("cloud", "2020-01-15", false)]);
    assert_not_open(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-01-20",
    );
}

#[test]
fn e3_reactivate_of_an_action_pack_is_not_open() {
    let membership = member([maps()]);
    assert_not_open(
        &membership,
        Action::Reactivate { offer: "maps" },
        "2019-10-05",
    );
}

#[test]
fn e2_reactivation_ends_with_the_window() {
    // E2: anniversary 2020-08-10, window 2020-08-11 ..= 2020-09-09 (10 + 30
    // = 40 August = 9 September); reactivation "up to 30 days after the
    // anniversary" ends 2020-09-09 too, so on the lapse day, 2020-09-10, it
    // is already over.
    let membership = member([gold("cloud", "2020-08-10", false)]);
    assert_blocked(
        &membership,
        Action::Reactivate { offer: "cloud" },
        "2020-09-10",
        &[Reason::ReactivationPeriodOver],
        None,
    );
}

// ---------------------------------------------------------------------------
// request_covid_override
// ---------------------------------------------------------------------------

#[test]
fn e5_covid_override_is_recorded_and_not_offered_twice() {
    // Anniversary 2020-08-10 (E2): lapsed 2020-09-10; reactivation ended
    // 2020-09-09; E5: the override is open from 2020-09-10 to the day
    // before the extended anniversary 2021-08-10, i.e. 2021-08-09.
    let membership = member([gold("cloud", "2020-08-10", false)]);
    let action = Action::RequestCovidOverride { offer: "cloud" };
    let requested = applied(&membership, action, "2020-09-10");
    let offer = requested.offer("cloud").unwrap();
    assert!(offer.covid_override_requested());
    // Nothing else changes: still lapsed, same anniversary.
    assert_eq!(offer.anniversary(), d("2020-08-10"));
    assert_eq!(
        evaluate(&requested, d("2020-09-10")).offers[0].phase,
        Phase::Lapsed
    );
    // Not offered again, on that day or any later one.
    assert_not_open(&requested, action, "2020-09-10");
    assert_not_open(&requested, action, "2021-01-01");
    // The last day of the period works on the original.
    applied(&membership, action, "2021-08-09");
}

#[test]
fn e5_covid_override_outside_its_period_is_not_open() {
    let membership = member([gold("cloud", "2020-08-10", false)]);
    let action = Action::RequestCovidOverride { offer: "cloud" };
    // 2020-09-09: the window's last day; 2021-08-10: the extended anniversary.
    assert_not_open(&membership, action, "2020-09-09");
    assert_not_open(&membership, action, "2021-08-10");
    // E1 has no override (covid-2020-h1).
    let h1 = member([gold("cloud", "2020-01-15", false)]);
    assert_not_open(
        &h1,
        Action::RequestCovidOverride { offer: "cloud" },
        "2020-07-01",
    );
    // P3: not in PMC.
    let pmc = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-08-10", false)],
    );
    assert_not_open(&pmc, action, "2020-09-10");
}

// ---------------------------------------------------------------------------
// purchase
// ---------------------------------------------------------------------------

#[test]
fn w1_purchase_creates_a_pack_bought_that_day() {
    let empty = member([]);
    let bought = applied(
        &empty,
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps"),
        },
        "2018-09-01",
    );
    assert_eq!(bought.offers().len(), 1);
    let offer = bought.offer("maps").unwrap();
    assert_eq!(offer.kind(), OfferKind::ActionPack);
    assert_eq!(offer.purchased(), d("2018-09-01"));
    // W1: 2018-09-01 gives 2019-09-01; A1: renews automatically.
    assert_eq!(offer.anniversary(), d("2019-09-01"));
    assert!(offer.auto_renew());
    assert!(!offer.cancelled());
    assert_eq!(offer.origin_account(), None);
    // The same membership as one built with that offer.
    assert_eq!(bought, member([maps()]));
}

#[test]
fn d1_purchase_on_29_february_has_its_anniversary_on_28_february() {
    let bought = applied(
        &member([]),
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps"),
        },
        "2020-02-29",
    );
    assert_eq!(bought.offer("maps").unwrap().anniversary(), d("2021-02-28"));
}

#[test]
fn d5_m4_a_learning_action_pack_can_be_bought_beside_an_action_pack() {
    // M4 (partner-center-2020): one Action Pack per account; a Learning
    // Action Pack is another kind. D5: it has no automatic renewal.
    let membership = member([maps()]);
    let bought = applied(
        &membership,
        Action::Purchase {
            kind: OfferKind::LearningActionPack,
            id: Some("learn"),
        },
        "2019-01-04",
    );
    let offer = bought.offer("learn").unwrap();
    assert_eq!(offer.kind(), OfferKind::LearningActionPack);
    assert_eq!(offer.anniversary(), d("2020-01-04"));
    assert!(!offer.auto_renew());
    assert_eq!(bought.offers().len(), 2);
}

#[test]
fn m4_purchase_of_a_held_kind_is_blocked_with_already_held() {
    let membership = member([maps()]);
    // 2019-09-10: maps is in its window, so still held.
    assert_blocked(
        &membership,
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps2"),
        },
        "2019-09-10",
        &[Reason::AlreadyHeld],
        None,
    );
}

#[test]
fn m2_purchase_by_a_non_member_is_blocked_with_not_network_member() {
    let membership = with(Membership::builder("contoso").network_member(false), []);
    assert_blocked(
        &membership,
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps"),
        },
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
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps2"),
        },
        "2019-09-10",
        &[Reason::NotNetworkMember, Reason::AlreadyHeld],
        None,
    );
}

#[test]
fn w6_after_the_lapse_the_partner_buys_afresh() {
    // maps lapsed on 2019-10-02. A purchase on 2019-10-05 is open, and the
    // account's own lapsed pack is replaced by the new one (M4: one own
    // pack per account). First anniversary 2020-10-05 (W1).
    let membership = member([maps()]);
    let bought = applied(
        &membership,
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps-2019"),
        },
        "2019-10-05",
    );
    let ids: Vec<_> = bought.offers().iter().map(|o| o.id()).collect();
    assert_eq!(ids, ["maps-2019"]);
    assert_eq!(
        bought.offer("maps-2019").unwrap().anniversary(),
        d("2020-10-05")
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
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: Some("maps"),
        },
        "2019-10-05",
    );
    let ids: Vec<_> = bought.offers().iter().map(|o| o.id()).collect();
    assert_eq!(ids, ["fab", "maps"]);
}

#[test]
fn purchase_with_an_id_already_taken_is_denied() {
    // "cloud" is a competency's id: ids are unique across offers.
    let membership = member([gold("cloud", "2019-05-01", true)]);
    assert_eq!(
        denied(
            &membership,
            Action::Purchase {
                kind: OfferKind::ActionPack,
                id: Some("cloud"),
            },
            "2019-09-10",
        ),
        Denied::IdTaken("cloud".to_owned())
    );
}

#[test]
fn purchase_without_an_id_is_denied() {
    assert_eq!(
        denied(
            &member([]),
            Action::Purchase {
                kind: OfferKind::ActionPack,
                id: None,
            },
            "2019-09-10",
        ),
        Denied::MissingId
    );
}

#[test]
fn purchase_of_a_competency_is_denied() {
    // M2, M4: only packs can be purchased; a competency is attained.
    assert_eq!(
        denied(
            &member([]),
            Action::Purchase {
                kind: OfferKind::GoldCompetency,
                id: Some("cloud"),
            },
            "2019-09-10",
        ),
        Denied::NotPurchasable(OfferKind::GoldCompetency)
    );
}

// ---------------------------------------------------------------------------
// turn_off_auto_renew
// ---------------------------------------------------------------------------

#[test]
fn a2_turn_off_auto_renew_then_n1_is_the_renew_reminder() {
    let membership = member([maps()]);
    let action = Action::TurnOffAutoRenew { offer: "maps" };
    let off = applied(&membership, action, "2019-06-01");
    assert!(!off.offer("maps").unwrap().auto_renew());
    // N1 on 2019-08-17 (1 September - 15 days) is now the reminder to renew
    // (`upcoming_anniversary`), not `upcoming_auto_renewal`; and no
    // automatic charge is due on 2019-09-02.
    let kinds: Vec<_> = evaluate(&off, d("2019-08-17"))
        .reminders
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(kinds, [ReminderKind::UpcomingAnniversary]);
    assert!(evaluate(&off, d("2019-09-02")).reminders.is_empty());
    // A2: once off, it cannot be turned off (or on) again until renewed.
    assert_not_open(&off, action, "2019-06-01");
}

#[test]
fn a2_turn_off_auto_renew_is_not_open_after_the_lapse_or_on_other_kinds() {
    let membership = member([
        maps(),
        OfferDraft::learning_action_pack("learn", d("2019-01-04")),
    ]);
    // maps lapsed on 2019-10-02.
    assert_not_open(
        &membership,
        Action::TurnOffAutoRenew { offer: "maps" },
        "2019-10-02",
    );
    // D5: a Learning Action Pack has no automatic renewal to turn off.
    assert_not_open(
        &membership,
        Action::TurnOffAutoRenew { offer: "learn" },
        "2019-06-01",
    );
    assert_eq!(
        denied(
            &membership,
            Action::TurnOffAutoRenew { offer: "x" },
            "2019-06-01"
        ),
        Denied::UnknownOffer("x".to_owned())
    );
}

// ---------------------------------------------------------------------------
// request_cancellation
// ---------------------------------------------------------------------------

#[test]
fn a3_request_cancellation_cancels_the_pack() {
    let membership = member([maps()]);
    let action = Action::RequestCancellation { offer: "maps" };
    let cancelled = applied(&membership, action, "2019-06-01");
    assert!(cancelled.offer("maps").unwrap().cancelled());
    let evaluation = evaluate(&cancelled, d("2019-06-01"));
    assert_eq!(evaluation.offers[0].phase, Phase::Cancelled);
    assert!(!evaluation.offers[0].benefits);
    // Not twice.
    assert_not_open(&cancelled, action, "2019-06-01");
    // Also inside the window (2019-09-02 ..= 2019-10-01): still held.
    applied(&membership, action, "2019-10-01");
}

#[test]
fn a3_request_cancellation_is_not_open_after_the_lapse_or_on_a_competency() {
    let membership = member([maps(), gold("cloud", "2019-05-01", true)]);
    assert_not_open(
        &membership,
        Action::RequestCancellation { offer: "maps" },
        "2019-10-02",
    );
    assert_not_open(
        &membership,
        Action::RequestCancellation { offer: "cloud" },
        "2019-04-01",
    );
}

// ---------------------------------------------------------------------------
// download_invoice
// ---------------------------------------------------------------------------

#[test]
fn a4_download_invoice_changes_nothing_in_any_phase() {
    let membership = member([maps()]);
    let action = Action::DownloadInvoice { offer: "maps" };
    for day in ["2019-06-01", "2019-09-02", "2019-10-02"] {
        assert_eq!(applied(&membership, action, day), membership, "{day}");
    }
}

#[test]
fn a4_download_invoice_of_a_competency_is_not_open() {
    let membership = member([gold("cloud", "2019-05-01", true)]);
    assert_not_open(
        &membership,
        Action::DownloadInvoice { offer: "cloud" },
        "2019-04-01",
    );
}

// ---------------------------------------------------------------------------
// update_business_profile, provide_verification_documents
// ---------------------------------------------------------------------------

#[test]
fn p2_update_business_profile_makes_it_current_and_unblocks_renew() {
    let membership = with(
        Membership::builder("contoso").business_profile(BusinessProfile::NeedsReview),
        [maps()],
    );
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-05",
        &[Reason::ProfileNeedsReview],
        None,
    );
    let updated = applied(&membership, Action::UpdateBusinessProfile, "2019-09-05");
    assert_eq!(updated.business_profile(), BusinessProfile::Current);
    let renewed = applied(&updated, renew("maps"), "2019-09-05");
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2020-08-31")
    );
}

#[test]
fn p2_update_business_profile_is_not_open_unless_it_needs_review() {
    let current = member([maps()]);
    assert_not_open(&current, Action::UpdateBusinessProfile, "2019-09-05");
    let pending = with(
        Membership::builder("contoso").business_profile(BusinessProfile::PendingVerification),
        [maps()],
    );
    assert_not_open(&pending, Action::UpdateBusinessProfile, "2019-09-05");
}

#[test]
fn p2_provide_verification_documents_makes_the_profile_current() {
    let membership = with(
        Membership::builder("contoso").business_profile(BusinessProfile::PendingVerification),
        [maps()],
    );
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-05",
        &[Reason::VerificationPending],
        None,
    );
    let verified = applied(
        &membership,
        Action::ProvideVerificationDocuments,
        "2019-09-05",
    );
    assert_eq!(verified.business_profile(), BusinessProfile::Current);
    assert!(evaluate(&verified, d("2019-09-05")).is_allowed(&renew("maps")));
}

#[test]
fn p2_provide_verification_documents_is_not_open_unless_pending() {
    let review = with(
        Membership::builder("contoso").business_profile(BusinessProfile::NeedsReview),
        [],
    );
    assert_not_open(&review, Action::ProvideVerificationDocuments, "2019-09-05");
    assert_not_open(
        &member([]),
        Action::ProvideVerificationDocuments,
        "2019-09-05",
    );
}

// ---------------------------------------------------------------------------
// migrate_to_partner_center
// ---------------------------------------------------------------------------

#[test]
fn p3_migrate_to_partner_center_brings_the_extension_into_effect() {
    // Gold, anniversary 2020-03-10, requirements unmet. In PMC the window was
    // 2019-12-11 ..= 2020-03-10 (10 + 29 + 31 + 20 = 90 days back), so on
    // 2020-03-15 renew is closed and P1 is not waived.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-03-10", false)],
    );
    assert_blocked(
        &membership,
        renew("cloud"),
        "2020-03-15",
        &[
            Reason::WindowClosed,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
        ],
        None,
    );
    let migrated = applied(&membership, Action::MigrateToPartnerCenter, "2020-03-15");
    assert_eq!(migrated.portal(), Portal::PartnerCenter);
    // In Partner Center the window is 2020-03-11 ..= 2020-04-09 and E1
    // waives P1: renew is open, and E4 gives 2021-03-10.
    let renewed = applied(&migrated, renew("cloud"), "2020-03-15");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
}

#[test]
fn p3_migrate_is_not_open_in_partner_center() {
    assert_not_open(&member([]), Action::MigrateToPartnerCenter, "2020-03-15");
}

// ---------------------------------------------------------------------------
// request_replacement_token
// ---------------------------------------------------------------------------

fn tokens() -> Membership {
    Membership::builder("contoso")
        .token(Token::new("o365", d("2020-01-05")))
        .build()
        .unwrap()
}

#[test]
fn b2_replacement_token_on_day_30_is_issued_once() {
    // Activated 2020-01-05: day 30 is 2020-02-04 (5 + 30 = 35 January =
    // 4 February), and it counts.
    let membership = tokens();
    let action = Action::RequestReplacementToken { token: "o365" };
    let replaced = applied(&membership, action, "2020-02-04");
    assert!(replaced.token("o365").unwrap().is_replaced());
    // One time only.
    assert_blocked(
        &replaced,
        action,
        "2020-02-04",
        &[Reason::ReplacementAlreadyIssued],
        None,
    );
    // The activation day counts too.
    applied(&membership, action, "2020-01-05");
}

#[test]
fn b2_replacement_token_outside_its_period_is_blocked() {
    let membership = tokens();
    let action = Action::RequestReplacementToken { token: "o365" };
    assert_blocked(
        &membership,
        action,
        "2020-02-05",
        &[Reason::ReplacementPeriodOver],
        None,
    );
    assert_blocked(
        &membership,
        action,
        "2020-01-04",
        &[Reason::NotYetActivated],
        Some("2020-01-05"),
    );
    assert_eq!(
        denied(
            &membership,
            Action::RequestReplacementToken { token: "nope" },
            "2020-01-10"
        ),
        Denied::UnknownToken("nope".to_owned())
    );
}

// ---------------------------------------------------------------------------
// Across actions
// ---------------------------------------------------------------------------

#[test]
fn unknown_offers_are_denied_for_every_offer_action() {
    let membership = member([maps()]);
    for action in [
        Action::Renew { offer: "x" },
        Action::Reactivate { offer: "x" },
        Action::RequestCovidOverride { offer: "x" },
        Action::TurnOffAutoRenew { offer: "x" },
        Action::RequestCancellation { offer: "x" },
        Action::DownloadInvoice { offer: "x" },
    ] {
        assert_eq!(
            denied(&membership, action, "2019-09-02"),
            Denied::UnknownOffer("x".to_owned()),
            "{action}"
        );
    }
}

#[test]
fn the_input_membership_is_unchanged_whatever_the_outcome() {
    let membership = with(
        Membership::builder("contoso")
            .portal(Portal::PartnerCenter)
            .business_profile(BusinessProfile::NeedsReview)
            .token(Token::new("o365", d("2019-09-01"))),
        [
            maps(),
            gold("cloud", "2020-01-15", false),
            OfferDraft::learning_action_pack("learn", d("2019-01-04")),
        ],
    );
    let actions = [
        renew("maps"),
        renew("cloud"),
        Action::Reactivate { offer: "cloud" },
        Action::RequestCovidOverride { offer: "cloud" },
        Action::TurnOffAutoRenew { offer: "maps" },
        Action::RequestCancellation { offer: "maps" },
        Action::DownloadInvoice { offer: "maps" },
        Action::Purchase {
            kind: OfferKind::LearningActionPack,
            id: Some("learn2"),
        },
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::RequestReplacementToken { token: "o365" },
    ];
    let before = membership.clone();
    let mut outcomes = (0, 0);
    for on in ["2019-06-01", "2019-09-02", "2019-10-02", "2020-03-01"] {
        for action in &actions {
            match apply(&membership, action, d(on)) {
                Ok(_) => outcomes.0 += 1,
                Err(_) => outcomes.1 += 1,
            }
            assert_eq!(membership, before, "{action} on {on}");
        }
    }
    // Both outcomes were exercised.
    assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
}

#[test]
fn apply_under_a_policy_is_the_policy_method() {
    // The free function is partner-center-2020's method.
    let membership = member([maps()]);
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.apply(&membership, &renew("maps"), d("2019-09-02")),
        apply(&membership, &renew("maps"), d("2019-09-02"))
    );
    // Under partner-center-2018 the same renewal counts from the renewal
    // day: 2019-09-02 + 365 = 2020-09-01 (2020 is a leap year).
    let renewed = Policy::builtin("partner-center-2018")
        .unwrap()
        .apply(&membership, &renew("maps"), d("2019-09-02"))
        .unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2020-09-01")
    );
}

#[test]
fn denied_blocked_displays_the_reasons() {
    let membership = member([maps()]);
    let denial = denied(&membership, renew("maps"), "2019-09-01");
    assert_eq!(denial.to_string(), "blocked: window_not_open");
    assert_eq!(
        Denied::IdTaken("maps".to_owned()).to_string(),
        "`maps` is already the id of an offer"
    );
}

#[test]
fn actions_parse_back_from_their_display() {
    let actions = [
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: None,
        },
        Action::Purchase {
            kind: OfferKind::LearningActionPack,
            id: Some("lap2"),
        },
        renew("maps"),
        Action::Reactivate { offer: "cloud" },
        Action::RequestCovidOverride { offer: "cloud" },
        Action::TurnOffAutoRenew { offer: "maps" },
        Action::RequestCancellation { offer: "maps" },
        Action::DownloadInvoice { offer: "maps" },
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::RequestReplacementToken { token: "o365" },
    ];
    let texts: Vec<String> = actions.iter().map(ToString::to_string).collect();
    for (action, text) in actions.iter().zip(&texts) {
        assert_eq!(&Action::parse(text).unwrap(), action, "{text}");
    }
    assert_eq!(texts[1], "purchase:learning_action_pack:lap2");
    assert_eq!(texts[2], "renew:maps");
    assert_eq!(texts[8], "update_business_profile");
}

#[test]
fn d4_a_renewal_whose_result_leaves_the_calendar_is_refused_as_invalid() {
    // Anniversary 9998-12-01 is valid (+ 366 days = 9999-12-02 <= 9999-12-31).
    // Renewed in its window on 9998-12-02, W5 gives 9998-12-01 + 365 =
    // 9999-12-01, an anniversary whose + 366 days leave the calendar (D4):
    // evaluate lists renew as allowed, but the result cannot be a valid
    // membership, so apply refuses with `Invalid` naming the field. This is
    // the one exception to "apply succeeds exactly when evaluate allows".
    let membership = member([pack_at("maps", "9997-12-01", "9998-12-01")]);
    assert!(evaluate(&membership, d("9998-12-02")).is_allowed(&renew("maps")));
    match denied(&membership, renew("maps"), "9998-12-02") {
        Denied::Invalid(err) => {
            assert_eq!(err.path(), "offers[0].anniversary");
            assert!(err.to_string().contains("9999-12-01"), "{err}");
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn pack_at(id: &str, purchased: &str, anniversary: &str) -> OfferDraft {
    OfferDraft::action_pack(id, d(purchased)).anniversary(d(anniversary))
}
