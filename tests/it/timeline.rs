//! `timeline` and `reminders_between` worked out by hand: the dated events
//! of an Action Pack's year, a service that missed days or ran twice, and
//! the serde form of events and due reminders. The properties that relate
//! them to `evaluate` on every day are in `properties/time.rs`.

use std::collections::BTreeMap;
use std::ops::Bound;

use chrono::NaiveDate;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::time::EventKind;
use mpn_renewals::{Action, Membership, OfferKind, Phase, Policy, PolicySet, Reasons, Rules};

use crate::common::{by_date, ymd};

#[test]
fn timeline_of_an_action_pack_worked_out_by_hand() {
    // maps: bought 2018-09-01, anniversary 2019-09-01, auto-renewal off.
    // 2019-08-17 (N1, 1 September - 15): upcoming_anniversary.
    // 2019-09-02 (W2): active -> renewal_window, renew opens.
    // 2019-09-24 (N2, + 23): window_closing.
    // 2019-10-02 (W6, 1 September + 31): renewal_window -> lapsed; renew
    // closes (window_closed); request_cancellation closes (no longer listed,
    // A3); buying an Action Pack opens (no longer held, M4); benefits_lost.
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack("maps", ymd(2018, 9, 1)).auto_renew(false))
        .build()
        .unwrap();
    let events = mpn_renewals::timeline(&m, ymd(2019, 8, 1)..=ymd(2019, 10, 31));
    let reminder = |kind| {
        format!(
            "{:?}",
            EventKind::Reminder {
                reminder: mpn_renewals::evaluation::Reminder {
                    kind,
                    offer: "maps",
                    recipients: &mpn_renewals::evaluation::Recipient::ALL,
                    extension: None,
                },
            }
        )
    };
    let renew = Action::renew("maps");
    let mut lapse = vec![
        format!(
            "{:?}",
            EventKind::PhaseChanged {
                offer: "maps",
                from: Phase::RenewalWindow,
                to: Phase::Lapsed
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionClosed {
                action: renew,
                reasons: Reasons::EMPTY.with(mpn_renewals::Reason::WindowClosed),
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionClosed {
                action: Action::request_cancellation("maps"),
                reasons: Reasons::EMPTY,
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionOpened {
                action: Action::purchase(OfferKind::ActionPack),
            }
        ),
        reminder(ReminderKind::BenefitsLost),
    ];
    lapse.sort();
    let mut window = vec![
        format!(
            "{:?}",
            EventKind::PhaseChanged {
                offer: "maps",
                from: Phase::Active,
                to: Phase::RenewalWindow
            }
        ),
        format!("{:?}", EventKind::ActionOpened { action: renew }),
    ];
    window.sort();
    let expected: BTreeMap<NaiveDate, Vec<String>> = [
        (
            ymd(2019, 8, 17),
            vec![reminder(ReminderKind::UpcomingAnniversary)],
        ),
        (ymd(2019, 9, 2), window),
        (
            ymd(2019, 9, 24),
            vec![reminder(ReminderKind::WindowClosing)],
        ),
        (ymd(2019, 10, 2), lapse),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_date(&events), expected);
    assert_eq!(events.len(), 9);

    // An empty or reversed range has no events.
    assert!(mpn_renewals::timeline(&m, ymd(2019, 10, 31)..=ymd(2019, 8, 1)).is_empty());
    assert!(mpn_renewals::timeline(&m, ymd(2019, 8, 18)..=ymd(2019, 9, 1)).is_empty());
}

#[test]
fn reminders_between_a_service_that_missed_days_or_ran_twice() {
    // maps: anniversary 2019-09-01, auto-renewal off. N1 2019-08-17, N2
    // 2019-09-24, lapse notice 2019-10-02 (W6, N5).
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack("maps", ymd(2018, 9, 1)).auto_renew(false))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    // Missed August to October: all three, once each.
    let caught_up: Vec<_> = policy
        .reminders_between(
            &m,
            (
                Bound::Excluded(ymd(2019, 7, 31)),
                Bound::Included(ymd(2019, 10, 31)),
            ),
        )
        .iter()
        .map(|r| (r.date, r.key.to_string()))
        .collect();
    assert_eq!(
        caught_up,
        [
            (
                ymd(2019, 8, 17),
                "maps/upcoming_anniversary/2019-09-01".to_owned()
            ),
            (
                ymd(2019, 9, 24),
                "maps/window_closing/2019-09-01".to_owned()
            ),
            (ymd(2019, 10, 2), "maps/benefits_lost/2019-09-01".to_owned()),
        ]
    );
    // Ran twice on 2019-09-24: the second run, over (2019-09-24, 2019-09-24],
    // sends nothing.
    assert_eq!(
        policy
            .reminders_between(
                &m,
                (
                    Bound::Excluded(ymd(2019, 9, 23)),
                    Bound::Included(ymd(2019, 9, 24))
                )
            )
            .len(),
        1
    );
    assert!(policy
        .reminders_between(
            &m,
            (
                Bound::Excluded(ymd(2019, 9, 24)),
                Bound::Included(ymd(2019, 9, 24))
            )
        )
        .is_empty());
    // An empty or reversed span has none.
    assert!(policy
        .reminders_between(
            &m,
            (
                Bound::Excluded(ymd(2019, 10, 31)),
                Bound::Included(ymd(2019, 7, 31))
            )
        )
        .is_empty());
}

#[cfg(feature = "serde")]
#[test]
fn timeline_events_and_due_reminders_serialize_in_their_documented_form() {
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack(
            "maps",
            ymd(2018, 9, 1),
        ))
        .build()
        .unwrap();
    let events = mpn_renewals::timeline(&m, ymd(2019, 9, 2)..=ymd(2019, 9, 2));
    let json: Vec<serde_json::Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    // Documented on EventKind.
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "phase_changed", "offer": "maps",
        "from": "active", "to": "renewal_window"
    })));
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "action_opened", "action": "renew", "offer": "maps"
    })));
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "reminder", "kind": "auto_renewal_due", "offer": "maps",
        "recipients": ["global_admin", "mpn_admin"], "extension": null
    })));
    let due = mpn_renewals::reminders_between(
        &m,
        (
            Bound::Excluded(ymd(2019, 9, 1)),
            Bound::Included(ymd(2019, 9, 2)),
        ),
    );
    assert_eq!(
        serde_json::to_value(due[0]).unwrap(),
        serde_json::json!({
            "date": "2019-09-02", "kind": "auto_renewal_due", "offer": "maps",
            "recipients": ["global_admin", "mpn_admin"], "extension": null,
            "key": "maps/auto_renewal_due/2019-09-01"
        })
    );
    // PolicyChanged, under the history.
    let history = PolicySet::partner_center_history();
    let empty = Membership::builder("contoso").build().unwrap();
    let events = history.timeline(&empty, ymd(2022, 10, 1)..=ymd(2022, 10, 1));
    assert_eq!(
        serde_json::to_value(events[0]).unwrap(),
        serde_json::json!({
            "date": "2022-10-01", "event": "policy_changed",
            "from": "partner-center-2020", "to": "partner-center-2022"
        })
    );
}
