//! The effective-dated `PolicySet`: the version in force on each day, its
//! name in the evaluation, and what a change of version changes
//! (`next_change`, `timeline`, `allowed_from`, the automatic renewal).

use chrono::NaiveDate;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::time::EventKind;
use mpn_renewals::{Action, OfferKind, Phase, Policy, PolicySet, Reason, Reasons, Rules};
use serde_json::json;
use std::ops::Bound;

use crate::common::{d, member, pack, renew, set, ymd};

#[test]
fn policy_set_picks_the_version_in_force_at_each_boundary() {
    let history = PolicySet::partner_center_history();
    for (day, name) in [
        (NaiveDate::MIN, "partner-center-2018"),
        (d("0001-01-01"), "partner-center-2018"),
        (d("2019-02-28"), "partner-center-2018"),
        (d("2019-03-01"), "partner-center-2020"),
        (d("2022-09-30"), "partner-center-2020"),
        (d("2022-10-01"), "partner-center-2022"),
        (d("2023-08-31"), "partner-center-2022"),
        (d("2023-09-01"), "partner-center-2023"),
        (NaiveDate::MAX, "partner-center-2023"),
    ] {
        assert_eq!(history.policy_on(day).name(), name, "{day}");
    }
    let starts: Vec<_> = history
        .versions()
        .map(|(from, p)| (from, p.name()))
        .collect();
    assert_eq!(
        starts,
        [
            (d("0001-01-01"), "partner-center-2018"),
            (d("2019-03-01"), "partner-center-2020"),
            (d("2022-10-01"), "partner-center-2022"),
            (d("2023-09-01"), "partner-center-2023"),
        ]
    );
}

#[test]
fn policy_set_evaluation_names_the_version_and_applies_its_rules() {
    let history = PolicySet::partner_center_history();
    // 2018 version: anniversary 2018-11-01 renewed 2018-11-20 gives
    // 2018-11-20 + 365 = 2019-11-20 (no 29 February between).
    let m = member([pack("maps", "2017-11-01", "2018-11-01")]);
    assert_eq!(
        history.evaluate(&m, d("2018-11-20")).policy,
        "partner-center-2018"
    );
    let renewed = history.apply(&m, &renew("maps"), d("2018-11-20")).unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2019-11-20")
    );
    // 2020 version: anniversary 2019-09-01 renewed 2019-09-10 gives W5's
    // 2020-08-31.
    let m = member([pack("maps", "2018-09-01", "2019-09-01")]);
    assert_eq!(
        history.evaluate(&m, d("2019-09-10")).policy,
        "partner-center-2020"
    );
    let renewed = history.apply(&m, &renew("maps"), d("2019-09-10")).unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2020-08-31")
    );
}

#[test]
fn policy_set_next_change_includes_the_switch_date() {
    let history = PolicySet::partner_center_history();
    // Nothing to change in an empty membership but the version.
    let empty = member([]);
    assert_eq!(
        history.evaluate(&empty, d("2022-09-15")).next_change,
        Some(d("2022-10-01"))
    );
    assert_eq!(
        history.evaluate(&empty, d("2018-01-01")).next_change,
        Some(d("2019-03-01"))
    );
    assert_eq!(history.evaluate(&empty, d("2023-09-01")).next_change, None);
    // A single policy never switches.
    assert_eq!(
        PolicySet::default()
            .evaluate(&empty, d("2022-09-15"))
            .next_change,
        None
    );
    // The switch comes before the offer's own next change: maps's window
    // opens 2019-09-02, the version changes 2019-03-01.
    let m = member([pack("maps", "2018-09-01", "2019-09-01")]);
    assert_eq!(
        history.evaluate(&m, d("2019-02-01")).next_change,
        Some(d("2019-03-01"))
    );
}

/// The first version of a set is in force before its own start, so that
/// start changes nothing: it is no `next_change`.
#[test]
fn policy_set_the_first_versions_start_is_no_change() {
    let set: PolicySet = serde_json::from_value(json!({"versions": [
        {"from": "2023-09-01", "builtin": "partner-center-2023"}
    ]}))
    .unwrap();
    let m = member([]);
    let evaluation = set.evaluate(&m, d("2020-06-01"));
    assert_eq!(evaluation.policy, "partner-center-2023");
    // A network member with nothing: nothing ever changes.
    assert_eq!(evaluation.next_change, None);
    // The history set on 0000-12-31 (before its first version, 0001-01-01):
    // the next change is the 2019-03 version's start, not 0001-01-01.
    let history = PolicySet::partner_center_history();
    let before = ymd(0, 12, 31);
    assert_eq!(
        history.evaluate(&m, before).next_change,
        Some(d("2019-03-01"))
    );
    // renew's allowed_from before the first version's start: the window of
    // the first version, which is in force all along. Anniversary 2024-01-10
    // under 2023 rules (window anniversary ..= +30): opens 2024-01-10.
    let with_pack = member([pack("maps", "2023-01-10", "2024-01-10")]);
    let blocked = set.evaluate(&with_pack, d("2023-06-01"));
    assert_eq!(
        blocked.blocked(&renew("maps")).unwrap().allowed_from,
        Some(d("2024-01-10"))
    );
}

#[test]
fn policy_set_timeline_has_a_policy_changed_event() {
    let history = PolicySet::partner_center_history();
    let empty = member([]);
    let events = history.timeline(&empty, d("2019-02-20")..=d("2019-03-10"));
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].date, d("2019-03-01"));
    assert_eq!(
        events[0].kind,
        EventKind::PolicyChanged {
            from: "partner-center-2018",
            to: "partner-center-2020"
        }
    );
}

#[test]
fn policy_set_switch_to_2023_changes_everything_on_that_day() {
    // maps: bought 2022-09-01, anniversary 2023-09-01. Under 2022 the window
    // would open 2023-09-02; from 2023-09-01 the 2023 version is in force,
    // whose window opens on the anniversary itself, so on 2023-09-01:
    // - the version changes;
    // - maps enters its window (active -> renewal_window) and renew opens;
    // - A1: the automatic renewal is due (the window's first day);
    // - cancellation closes (bought 2022-09-01: day 30 was 2022-10-01);
    // - buying a Learning Action Pack closes (one pack of either kind).
    let history = PolicySet::partner_center_history();
    let m = member([pack("maps", "2022-09-01", "2023-09-01")]);
    let events = history.timeline(&m, d("2023-08-30")..=d("2023-09-01"));
    assert!(
        events.iter().all(|e| e.date == d("2023-09-01")),
        "{events:?}"
    );
    let kinds: Vec<String> = events.iter().map(|e| format!("{:?}", e.kind)).collect();
    let mut expected = vec![
        EventKind::PolicyChanged {
            from: "partner-center-2022",
            to: "partner-center-2023",
        },
        EventKind::PhaseChanged {
            offer: "maps",
            from: Phase::Active,
            to: Phase::RenewalWindow,
        },
        EventKind::ActionOpened {
            action: renew("maps"),
        },
        EventKind::ActionClosed {
            action: Action::request_cancellation("maps"),
            reasons: Reasons::EMPTY,
        },
        EventKind::ActionClosed {
            action: Action::purchase(OfferKind::LearningActionPack),
            reasons: set(&[Reason::AlreadyHeld]),
        },
    ]
    .into_iter()
    .map(|k| format!("{k:?}"))
    .collect::<Vec<_>>();
    let reminder = events
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::Reminder { reminder } => Some(reminder),
            _ => None,
        })
        .unwrap();
    assert_eq!(reminder.kind, ReminderKind::AutoRenewalDue);
    expected.push(format!(
        "{:?}",
        EventKind::Reminder {
            reminder: *reminder
        }
    ));
    let mut kinds_sorted = kinds.clone();
    kinds_sorted.sort();
    expected.sort();
    assert_eq!(kinds_sorted, expected);
}

#[test]
fn policy_set_allowed_from_accounts_for_the_switch_to_2023() {
    // Anniversary 2023-09-01. On 2023-08-31 (2022 version) renew is blocked
    // by window_not_open; the first day that reason no longer holds is
    // 2023-09-01 (the 2023 version, in force from that day, opens the
    // window on the anniversary), not 2023-09-02.
    let history = PolicySet::partner_center_history();
    let m = member([pack("maps", "2022-09-01", "2023-09-01")]);
    assert!(history
        .evaluate(&m, d("2023-09-01"))
        .is_allowed(&renew("maps")));
    let before = history.evaluate(&m, d("2023-08-31"));
    assert_eq!(
        before.blocked(&renew("maps")).unwrap().allowed_from,
        Some(d("2023-09-01"))
    );
}

#[test]
fn policy_set_auto_renewal_is_due_once_across_the_switch_to_2023() {
    // Anniversary 2023-08-31, automatic renewal on. On 2023-08-31 (2022
    // version) the window opens the next day; on 2023-09-01 (2023 version)
    // the window is 2023-08-31 ..= 2023-09-30 and renew is open, but the
    // window's first day, 2023-08-31, is already past. A1 (the charge on the
    // first day renew is open) is then never due, so a service that renews
    // on `auto_renewal_due` lets the pack lapse on 2023-10-01.
    let history = PolicySet::partner_center_history();
    let m = member([pack("maps", "2022-08-31", "2023-08-31")]);
    assert!(history
        .evaluate(&m, d("2023-09-01"))
        .is_allowed(&renew("maps")));
    let due: Vec<_> = history
        .reminders_between(
            &m,
            (
                Bound::Excluded(d("2023-08-01")),
                Bound::Included(d("2023-10-31")),
            ),
        )
        .into_iter()
        .filter(|r| r.reminder.kind == ReminderKind::AutoRenewalDue)
        .map(|r| r.date)
        .collect();
    assert_eq!(due, [d("2023-09-01")]);
}

#[test]
fn policy_set_new_refuses_the_same_as_the_json_form() {
    let p = || Policy::partner_center_2020();
    assert_eq!(
        PolicySet::new(Vec::new()).unwrap_err().to_string(),
        "versions: a policy set needs at least one version"
    );
    let err = PolicySet::new([
        (d("2020-01-01"), p()),
        (d("2019-01-01"), p().with_name("b").unwrap()),
    ])
    .unwrap_err();
    assert_eq!(err.path(), "versions[1].from");
    let err = PolicySet::new([(d("2019-01-01"), p()), (d("2020-01-01"), p())]).unwrap_err();
    assert_eq!(err.path(), "versions[1].policy.name");
}
