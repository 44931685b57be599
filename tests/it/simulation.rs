//! `simulate`: automatic renewals carried out (A1), a plan's steps carried
//! out or refused, failed charges, and the refusals of a plan that does not
//! fit; every expected date worked out by hand from the rules.

use chrono::NaiveDate;
use mpn_renewals::evaluation::{Phase, ReminderKind};
use mpn_renewals::simulation::{simulate, FailedCharge, Plan, Refusal};
use mpn_renewals::time::{Event, EventKind};
use mpn_renewals::{timeline, Action, ErrorKind, OfferKind, Policy, PolicySet, Reason, Rules};

use crate::common::*;

/// The days of the automatic renewals of a run.
fn automatic_renewals(events: &[Event]) -> Vec<NaiveDate> {
    events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::ActionCarriedOut {
                    automatic: true,
                    ..
                }
            )
        })
        .map(|e| e.date)
        .collect()
}

/// The anniversaries a run's renewals set, in order.
fn new_anniversaries(events: &[Event]) -> Vec<NaiveDate> {
    events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::AnniversaryChanged { to, .. } => Some(to),
            _ => None,
        })
        .collect()
}

/// The events of one day, as `event` names.
fn kinds_on(events: &[Event], day: &str) -> Vec<String> {
    events
        .iter()
        .filter(|e| e.date == d(day))
        .map(|e| match &e.kind {
            EventKind::Reminder { reminder } => format!("reminder {}", reminder.kind),
            EventKind::PhaseChanged { to, .. } => format!("phase {to}"),
            EventKind::ActionOpened { action } => format!("opened {action}"),
            EventKind::ActionClosed { action, .. } => format!("closed {action}"),
            EventKind::ActionCarriedOut { action, automatic } => {
                format!("carried out {action} automatic={automatic}")
            }
            EventKind::ActionRefused {
                action, refusal, ..
            } => format!("refused {action} {refusal}"),
            EventKind::ChargeFailed { offer } => format!("charge failed {offer}"),
            EventKind::AnniversaryChanged { to, .. } => format!("anniversary {to}"),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn a1_w5_an_auto_renewing_pack_renews_on_each_first_window_day_for_365_days() {
    // The example: bought 2018-09-01, first anniversary 2019-09-01
    // (W1). Each window opens the day after the anniversary (W3), the
    // renewal falls due that day (A1), and sets the anniversary 365 days
    // after the current one (W5): 2019-09-01 + 365 = 2020-08-31 (2020 has a
    // 29 February), then 2021-08-31, 2022-08-31, 2023-08-31.
    let membership = action_pack("maps", "2018-09-01");
    let run = simulate(&membership, &Plan::new(), d("2018-09-01")..=d("2022-12-31")).unwrap();
    assert_eq!(
        automatic_renewals(&run.events),
        [
            d("2019-09-02"),
            d("2020-09-01"),
            d("2021-09-01"),
            d("2022-09-01")
        ]
    );
    assert_eq!(
        new_anniversaries(&run.events),
        [
            d("2020-08-31"),
            d("2021-08-31"),
            d("2022-08-31"),
            d("2023-08-31")
        ]
    );
    assert_eq!(
        run.membership.offer("maps").unwrap().anniversary(),
        d("2023-08-31")
    );
    // Never lapsed: no benefits_lost notice and no phase lapsed.
    assert!(!run.events.iter().any(|e| matches!(
        &e.kind,
        EventKind::Reminder { reminder } if reminder.kind == ReminderKind::BenefitsLost
    )));
    assert!(!run.events.iter().any(|e| matches!(
        e.kind,
        EventKind::PhaseChanged {
            to: Phase::Lapsed,
            ..
        }
    )));
}

#[test]
fn a1_the_day_of_an_automatic_renewal_reads_reminder_then_renewal_then_its_changes() {
    // On 2019-09-02 the window opens (phase renewal_window, renew opens) and
    // A1's reminder is due; the renewal is carried out; the new anniversary
    // 2020-08-31 puts the pack back in phase active, so renew closes again.
    let membership = action_pack("maps", "2018-09-01");
    let run = simulate(&membership, &Plan::new(), d("2019-09-01")..=d("2019-09-03")).unwrap();
    assert_eq!(
        kinds_on(&run.events, "2019-09-02"),
        [
            "phase renewal_window",
            "opened renew:maps",
            "reminder auto_renewal_due",
            "carried out renew:maps automatic=true",
            "anniversary 2020-08-31",
            "phase active",
            "closed renew:maps",
        ]
    );
    assert!(kinds_on(&run.events, "2019-09-03").is_empty());
}

#[test]
fn a1_w6_a_failed_charge_is_not_renewed_and_the_pack_lapses_when_its_window_closes() {
    // The 2020 renewal (window 2020-09-01 ..= 2020-09-30, W3) fails: the
    // anniversary stays 2020-08-31, N2's reminder comes on 2020-09-23
    // (anniversary + 23), and the pack lapses on 2020-10-01 with the
    // benefits_lost notice (W6, N5). No renewal falls due after that.
    let membership = action_pack("maps", "2018-09-01");
    let plan = Plan::new().fail_charge("maps", d("2020-09-01"));
    let run = simulate(&membership, &plan, d("2018-09-01")..=d("2022-12-31")).unwrap();
    assert_eq!(automatic_renewals(&run.events), [d("2019-09-02")]);
    assert!(kinds_on(&run.events, "2020-09-01").contains(&"charge failed maps".to_owned()));
    assert!(kinds_on(&run.events, "2020-09-23").contains(&"reminder window_closing".to_owned()));
    let lapse = kinds_on(&run.events, "2020-10-01");
    assert!(lapse.contains(&"phase lapsed".to_owned()), "{lapse:?}");
    assert!(
        lapse.contains(&"reminder benefits_lost".to_owned()),
        "{lapse:?}"
    );
    assert_eq!(
        run.membership.offer("maps").unwrap().anniversary(),
        d("2020-08-31")
    );
}

#[test]
fn a1_a_charge_fails_only_on_the_day_its_renewal_falls_due() {
    // 2020-09-02 is no renewal day of maps: the 2020-09-01 renewal goes
    // through, and nothing records a failure.
    let membership = action_pack("maps", "2018-09-01");
    let plan = Plan::new().fail_charge("maps", d("2020-09-02"));
    let run = simulate(&membership, &plan, d("2018-09-01")..=d("2020-12-31")).unwrap();
    assert_eq!(
        automatic_renewals(&run.events),
        [d("2019-09-02"), d("2020-09-01")]
    );
    assert!(!run
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::ChargeFailed { .. })));
}

#[test]
fn w7_a_step_before_the_window_is_refused_with_the_days_reasons_and_the_run_goes_on() {
    // A script: renew on 2019-06-01 (W7: the window opens 2019-09-02), turn
    // off auto-renewal on 2019-08-01 (A2, open), renew by hand on
    // 2019-09-10 (open: inside the window). The first is refused with
    // window_not_open, allowed from 2019-09-02; A1 falls due on no day in
    // 2019 (auto-renewal is off); the renewal on 2019-09-10 sets 2020-08-31
    // (W5) and turns automatic renewal on again (A2), so the 2020 renewal
    // is automatic on 2020-09-01.
    let membership = action_pack("maps", "2018-09-01");
    let plan = Plan::new()
        .step(d("2019-06-01"), Action::renew("maps"))
        .step(d("2019-08-01"), Action::turn_off_auto_renew("maps"))
        .step(d("2019-09-10"), Action::renew("maps"));
    let run = simulate(&membership, &plan, d("2019-01-01")..=d("2020-12-31")).unwrap();
    let refused = run
        .events
        .iter()
        .find(|e| e.date == d("2019-06-01"))
        .unwrap();
    assert_eq!(
        refused.kind,
        EventKind::ActionRefused {
            action: Action::renew("maps"),
            refusal: Refusal::Blocked,
            reasons: set(&[Reason::WindowNotOpen]),
            allowed_from: Some(d("2019-09-02")),
        }
    );
    assert!(kinds_on(&run.events, "2019-08-01")
        .contains(&"carried out turn_off_auto_renew:maps automatic=false".to_owned()));
    assert!(!kinds_on(&run.events, "2019-09-02").contains(&"reminder auto_renewal_due".to_owned()));
    assert_eq!(
        kinds_on(&run.events, "2019-09-10")[..2],
        [
            "carried out renew:maps automatic=false",
            "anniversary 2020-08-31"
        ]
    );
    assert_eq!(automatic_renewals(&run.events), [d("2020-09-01")]);
    assert_eq!(
        run.membership.offer("maps").unwrap().anniversary(),
        d("2021-08-31")
    );
}

#[test]
fn a1_w7_a_step_on_the_day_of_an_automatic_renewal_comes_after_it() {
    // The pack renews itself on 2019-09-02; a renew step the same day then
    // finds the window of 2020-08-31 not open (it opens 2020-09-01).
    let membership = action_pack("maps", "2018-09-01");
    let plan = Plan::new().step(d("2019-09-02"), Action::renew("maps"));
    let run = simulate(&membership, &plan, d("2019-09-01")..=d("2019-09-30")).unwrap();
    let refused = run
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::ActionRefused { .. }))
        .unwrap();
    assert_eq!(refused.date, d("2019-09-02"));
    assert_eq!(
        refused.kind,
        EventKind::ActionRefused {
            action: Action::renew("maps"),
            refusal: Refusal::Blocked,
            reasons: set(&[Reason::WindowNotOpen]),
            allowed_from: Some(d("2020-09-01")),
        }
    );
}

#[test]
fn m2_a_purchase_step_adds_the_offer_and_a_step_on_an_offer_not_yet_bought_is_refused() {
    // Renewing "lap" before it is bought: no offer has that id that day.
    // The purchase on 2019-03-01 is open (M2: a network member without a
    // Learning Action Pack); its first anniversary is 2020-03-01 (W1).
    let membership = member([]);
    let plan = Plan::new()
        .step(d("2019-02-01"), Action::renew("lap"))
        .step(
            d("2019-03-01"),
            Action::purchase_as(OfferKind::LearningActionPack, "lap"),
        );
    let run = simulate(&membership, &plan, d("2019-01-01")..=d("2019-12-31")).unwrap();
    assert_eq!(
        kinds_on(&run.events, "2019-02-01"),
        ["refused renew:lap unknown_offer"]
    );
    let bought = kinds_on(&run.events, "2019-03-01");
    assert_eq!(
        bought.first().map(String::as_str),
        Some("carried out purchase:learning_action_pack:lap automatic=false")
    );
    // M4: a second one is no longer open.
    assert!(bought.contains(&"closed purchase:learning_action_pack".to_owned()));
    assert_eq!(
        run.membership.offer("lap").unwrap().anniversary(),
        d("2020-03-01")
    );
}

#[test]
fn without_automatic_renewals_or_steps_a_simulation_is_the_timeline() {
    // A pack with auto-renewal off and a gold competency: nothing is
    // carried out, so the events are exactly the timeline's.
    let membership = member([maps().auto_renew(false), gold("cloud", "2020-03-10", true)]);
    let span = d("2019-01-01")..=d("2021-12-31");
    let run = simulate(&membership, &Plan::new(), span.clone()).unwrap();
    let expected: Vec<Event> = timeline(&membership, span)
        .into_iter()
        .map(Event::into_owned)
        .collect();
    assert_eq!(run.events, expected);
    assert_eq!(run.membership, membership);
}

#[test]
fn an_empty_span_has_no_events_and_leaves_the_membership_as_it_was() {
    let membership = action_pack("maps", "2018-09-01");
    let run = simulate(&membership, &Plan::new(), d("2020-01-01")..d("2020-01-01")).unwrap();
    assert!(run.events.is_empty());
    assert_eq!(run.membership, membership);
}

#[test]
fn a1_w3_under_the_2023_rules_the_renewal_falls_due_on_the_anniversary_itself() {
    // partner-center-2023: the window is anniversary ..= anniversary + 30,
    // the first anniversary is the purchase + 365 days, each renewal adds
    // 365 days to the anniversary. Bought 2023-10-01: anniversary
    // 2024-09-30 (2024 has a 29 February), renewed that day to 2025-09-30.
    let policy = Policy::partner_center_2023();
    let membership = member([pack("maps", "2023-10-01", "2024-09-30")]);
    let run = policy
        .simulate(&membership, &Plan::new(), d("2023-10-01")..=d("2024-12-31"))
        .unwrap();
    assert_eq!(automatic_renewals(&run.events), [d("2024-09-30")]);
    assert_eq!(new_anniversaries(&run.events), [d("2025-09-30")]);
}

#[test]
fn a_plan_that_does_not_fit_is_refused_with_the_place_of_the_problem() {
    let membership = action_pack("maps", "2018-09-01");
    let span = d("2019-01-01")..=d("2019-12-31");
    let err = simulate(
        &membership,
        &Plan::new()
            .step(d("2019-03-01"), Action::renew("maps"))
            .step(d("2020-01-01"), Action::renew("maps")),
        span.clone(),
    )
    .unwrap_err();
    assert_eq!(err.path(), "steps[1].date");
    assert_eq!(
        err.to_string(),
        "steps[1].date: 2020-01-01 is outside the simulated span 2019-01-01 ..= 2019-12-31"
    );
    assert!(matches!(err.kind(), ErrorKind::OutsideSpan { .. }));

    let err = simulate(
        &membership,
        &Plan::new().fail_charge("atlas", d("2019-09-02")),
        span.clone(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "failed_charges[0].offer: no offer has this id"
    );

    let err = simulate(
        &membership,
        &Plan::new().fail_charge("maps", d("2018-09-02")),
        span.clone(),
    )
    .unwrap_err();
    assert_eq!(err.path(), "failed_charges[0].date");

    // An offer a step buys may have a failing charge.
    let plan = Plan::new()
        .step(
            d("2019-03-01"),
            Action::purchase_as(OfferKind::LearningActionPack, "lap"),
        )
        .fail_charge("lap", d("2019-09-02"));
    assert!(simulate(&membership, &plan, span).is_ok());
}

#[test]
fn a_failed_charge_reads_back_from_its_text_form() {
    let charge: FailedCharge = "ns:maps:2020-09-01".parse().unwrap();
    assert_eq!(charge.offer, "ns:maps");
    assert_eq!(charge.date, d("2020-09-01"));
    assert_eq!(charge.to_string(), "ns:maps:2020-09-01");
    for bad in ["maps", ":2020-09-01", "maps:2020-02-30", "maps:20-09-01"] {
        let err = bad.parse::<FailedCharge>().unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidFailedCharge(_)),
            "{bad}: {err}"
        );
        assert_eq!(err.path(), "failed_charge");
    }
}

#[test]
fn w5_a_history_simulated_renews_under_the_version_in_force_on_each_renewal_day() {
    // Bought 2021-12-01, anniversary 2022-12-01. On 2022-12-02 the 2022
    // rules are in force (from 2022-10-01): the window opens the day after
    // the anniversary and the term counts 365 days from the renewal day:
    // 2023-12-02. On that day the 2023 rules are in force (from
    // 2023-09-01): the window opens on the anniversary, and the term counts
    // from it: 2023-12-02 + 365 = 2024-12-01 (2024 has a 29 February).
    let membership = action_pack("maps", "2021-12-01");
    let history = PolicySet::partner_center_history();
    let run = history
        .simulate(&membership, &Plan::new(), d("2021-12-01")..=d("2024-06-30"))
        .unwrap();
    assert_eq!(
        automatic_renewals(&run.events),
        [d("2022-12-02"), d("2023-12-02")]
    );
    assert_eq!(
        new_anniversaries(&run.events),
        [d("2023-12-02"), d("2024-12-01")]
    );
    assert!(run
        .events
        .iter()
        .any(|e| e.date == d("2023-09-01") && matches!(e.kind, EventKind::PolicyChanged { .. })));
}
