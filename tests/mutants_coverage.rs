//! Tests added for the coverage of `src/` (see MUTANTS.md): rule logic that
//! only the doctests or the slow sweeps reached. Every expected value is
//! worked out by hand from the rules catalogue (and the wire contract for wire names), not
//! taken from the program's output.

// Reads or writes the serde form of a membership, an evaluation or a
// policy: needs the `serde` feature (on by default).
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{action_pack, day as d};
use mpn_renewals::calendar::FIRST_DATE;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::policy::{ExtensionPolicy, ReactivationEnd};
use mpn_renewals::{next_change, Action, Policy, PolicySet, Reason, Rules};
use serde_json::json;

/// W1, W2, N1: bought 2018-09-01, the anniversary is 2019-09-01 and the
/// window opens 2019-09-02. On 2019-08-20 the upcoming reminder (N1,
/// 2019-08-17) is past, so the next change is the window's opening.
#[test]
fn w2_next_change_before_the_window_is_its_opening() {
    let membership = action_pack("maps", "2018-09-01");
    assert_eq!(
        next_change(&membership, d("2019-08-20")),
        Some(d("2019-09-02"))
    );
    assert_eq!(
        Policy::partner_center_2020().next_change(&membership, d("2019-08-20")),
        Some(d("2019-09-02"))
    );
}

/// W2, W3: on 2019-09-10 the pack bought 2018-09-01 is in its window
/// (2019-09-02 ..= 2019-10-01); the one bought 2018-10-15 is not (its window
/// opens 2019-10-16). Evaluated one by one or in parallel, one renew is open.
#[test]
fn w3_evaluate_each_and_par_evaluate_each_see_each_window() {
    let memberships = [
        action_pack("maps", "2018-09-01"),
        action_pack("maps", "2018-10-15"),
    ];
    let policy = Policy::partner_center_2020();
    let renew = Action::Renew { offer: "maps" };

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

/// E1: `covid-2020-h1` covers anniversaries 2020-01-01 ..= 2020-06-30,
/// waives the requirements, allows reactivation until 2020-06-30, and has no
/// COVID override.
#[test]
fn e1_covid_2020_h1_preset() {
    let h1 = ExtensionPolicy::covid_2020_h1();
    assert_eq!(h1.name(), "covid-2020-h1");
    assert_eq!(h1.first_anniversary(), d("2020-01-01"));
    assert_eq!(h1.last_anniversary(), d("2020-06-30"));
    assert!(h1.waives_requirements());
    assert_eq!(
        h1.reactivation_end(),
        Some(ReactivationEnd::On(d("2020-06-30")))
    );
    assert!(!h1.allows_covid_override());
    assert_eq!(h1.excluded_areas().count(), 0);
}

/// E2: `covid-2020-h2` covers anniversaries 2020-07-01 ..= 2020-12-31,
/// waives the requirements, allows reactivation up to 30 days after the
/// anniversary, then the COVID override.
#[test]
fn e2_covid_2020_h2_preset() {
    let h2 = ExtensionPolicy::covid_2020_h2();
    assert_eq!(h2.name(), "covid-2020-h2");
    assert_eq!(h2.first_anniversary(), d("2020-07-01"));
    assert_eq!(h2.last_anniversary(), d("2020-12-31"));
    assert!(h2.waives_requirements());
    assert_eq!(
        h2.reactivation_end(),
        Some(ReactivationEnd::DaysAfterAnniversary(30))
    );
    assert!(h2.allows_covid_override());
    assert_eq!(h2.excluded_areas().count(), 0);
    // Both are in the default policy (E1, E2), in that order.
    let policy = Policy::partner_center_2020();
    let names: Vec<&str> = policy
        .extensions()
        .iter()
        .map(ExtensionPolicy::name)
        .collect();
    assert_eq!(names, ["covid-2020-h1", "covid-2020-h2"]);
}

/// A3, W6, W7, P1, P2, P3, E1, M2, M4, G2, B2: each reason of a blocked
/// action has the wire name the wire contract gives it.
#[test]
fn w7_every_reason_has_its_contract_wire_name() {
    let expected = [
        (Reason::Cancelled, "cancelled"),
        (Reason::WindowNotOpen, "window_not_open"),
        (Reason::WindowClosed, "window_closed"),
        (Reason::PerformanceNotMet, "performance_not_met"),
        (Reason::ExamsNotValidated, "exams_not_validated"),
        (Reason::NotInPartnerCenter, "not_in_partner_center"),
        (Reason::ReactivationPeriodOver, "reactivation_period_over"),
        (Reason::ProfileNeedsReview, "profile_needs_review"),
        (Reason::VerificationPending, "verification_pending"),
        (Reason::NotNetworkMember, "not_network_member"),
        (Reason::AlreadyHeld, "already_held"),
        (
            Reason::OneActionPackPerAccount,
            "one_action_pack_per_account",
        ),
        (
            Reason::ReplacementAlreadyIssued,
            "replacement_already_issued",
        ),
        (Reason::NotYetActivated, "not_yet_activated"),
        (Reason::ReplacementPeriodOver, "replacement_period_over"),
    ];
    assert_eq!(Reason::ALL.len(), expected.len());
    for (reason, name) in expected {
        assert_eq!(reason.as_str(), name);
        assert_eq!(reason.to_string(), name);
    }
}

/// A custom version whose Partner Center window is `anniversary+5 ..=
/// anniversary+30` (seed reminders, W5's 365 days).
fn window_from_day_5() -> Policy {
    serde_json::from_value(json!({
        "name": "window-from-day-5",
        "windows": {"partner_center": {"opens": 5, "closes": 30},
                    "pmc": {"opens": -90, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 365},
        "reminders": {"upcoming": -15, "window_closing": 23}
    }))
    .unwrap()
}

/// A1 across a change of version: bought 2018-09-01, the anniversary is
/// 2019-09-01; under partner-center-2020 the window opens 2019-09-02 and the
/// charge (`auto_renewal_due`) falls that day. A version starting 2019-09-06
/// opens the window on anniversary+5 = 2019-09-06, but the window was
/// already open the day before: the charge is not due a second time. The
/// next change is then N2's reminder on 2019-09-24 (anniversary+23, inside
/// 2019-09-06 ..= 2019-10-01), not the next day.
#[test]
fn a1_auto_renewal_is_not_due_again_when_a_new_version_reopens_an_open_window() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, Policy::partner_center_2020()),
        (d("2019-09-06"), window_from_day_5()),
    ])
    .unwrap();

    let first_day = set.evaluate(&membership, d("2019-09-02"));
    let due: Vec<ReminderKind> = first_day.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(due, [ReminderKind::AutoRenewalDue]);
    assert_eq!(first_day.next_change, Some(d("2019-09-03")));

    let switch = set.evaluate(&membership, d("2019-09-06"));
    assert_eq!(switch.policy, "window-from-day-5");
    assert!(switch.reminders.is_empty(), "{:?}", switch.reminders);
    assert!(switch.is_allowed(&Action::Renew { offer: "maps" }));
    assert_eq!(switch.next_change, Some(d("2019-09-24")));

    let n2 = set.evaluate(&membership, d("2019-09-24"));
    let due: Vec<ReminderKind> = n2.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(due, [ReminderKind::WindowClosing]);
}
