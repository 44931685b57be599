//! Tests added for the mutation testing of `src/policy_set.rs` (see
//! MUTANTS.md): the logic that reads two versions of a `PolicySet` across a
//! change of version. The built-in history reaches it only through its
//! 2022 → 2023 switch, so most of these tests use a custom set whose
//! versions switch on the days around an offer's window. Every expected
//! value is worked out by hand from the rules catalogue, as each test's comment shows,
//! and is checked against the evaluations of the days themselves where that
//! is possible.

// Reads or writes the serde form of a membership, an evaluation or a
// policy: needs the `serde` feature (on by default).
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use chrono::NaiveDate;
use common::{action_pack, day as d};
use mpn_renewals::calendar::FIRST_DATE;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::{Action, Membership, Policy, PolicySet, Reason, Rules};
use serde_json::json;

/// A policy like partner-center-2020 but with the Partner Center window
/// `anniversary+opens ..= anniversary+30`, and no extensions.
fn window_from(name: &str, opens: i16) -> Policy {
    serde_json::from_value(json!({
        "name": name,
        "windows": {"partner_center": {"opens": opens, "closes": 30},
                    "pmc": {"opens": -90, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 365},
        "reminders": {"upcoming": -15, "window_closing": 23}
    }))
    .unwrap()
}

fn renew(offer: &str) -> Action<'_> {
    Action::Renew { offer }
}

/// The first day in `from..=to` on which `renew` is allowed, by evaluating
/// each day: what `allowed_from` must name.
fn first_day_renew_is_allowed(
    set: &PolicySet,
    membership: &Membership,
    offer: &str,
    from: &str,
    to: &str,
) -> Option<NaiveDate> {
    d(from)
        .iter_days()
        .take_while(|day| *day <= d(to))
        .find(|day| set.evaluate(membership, *day).is_allowed(&renew(offer)))
}

/// W2, W3 across a switch: bought 2018-09-01, the anniversary is 2019-09-01.
/// Under partner-center-2020 the window would open on anniversary+1 =
/// 2019-09-02, but that is the very day a version whose window opens on
/// anniversary+5 comes into force; under it the window opens 2019-09-06.
/// On 2019-08-20, `renew` is blocked by `window_not_open` and allowed from
/// 2019-09-06, not from 2019-09-02 (when the window is not open under the
/// version then in force).
#[test]
fn w2_allowed_from_when_the_window_would_open_on_the_switch_day() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, Policy::partner_center_2020()),
        (d("2019-09-02"), window_from("window-from-day-5", 5)),
    ])
    .unwrap();

    let before = set.evaluate(&membership, d("2019-08-20"));
    let blocked = before.blocked(&renew("maps")).expect("renew is blocked");
    assert_eq!(
        blocked.reasons.iter().collect::<Vec<_>>(),
        [Reason::WindowNotOpen]
    );
    assert_eq!(blocked.allowed_from, Some(d("2019-09-06")));
    // The days themselves agree.
    assert_eq!(
        first_day_renew_is_allowed(&set, &membership, "maps", "2019-08-20", "2019-10-31"),
        Some(d("2019-09-06"))
    );
    assert!(!set
        .evaluate(&membership, d("2019-09-02"))
        .is_allowed(&renew("maps")));
}

/// W2, W3 across a switch to a version that opens the window earlier: the
/// anniversary is 2019-09-01. The first version opens the window on
/// anniversary+20 = 2019-09-21; a version in force from 2019-09-11 opens it
/// on anniversary−20 = 2019-08-12, a day already past when it comes into
/// force. On 2019-08-01, `renew` is allowed from the switch, 2019-09-11: the
/// first day the window is open under the version in force. Not 2019-08-12,
/// when the first version, whose window is then shut, still applies.
#[test]
fn w2_allowed_from_is_the_switch_when_the_new_version_opens_the_window_before_it() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (
            d("2019-09-11"),
            window_from("window-from-day-minus-20", -20),
        ),
    ])
    .unwrap();

    let before = set.evaluate(&membership, d("2019-08-01"));
    assert_eq!(before.policy, "window-from-day-20");
    let blocked = before.blocked(&renew("maps")).expect("renew is blocked");
    assert_eq!(
        blocked.reasons.iter().collect::<Vec<_>>(),
        [Reason::WindowNotOpen]
    );
    assert_eq!(blocked.allowed_from, Some(d("2019-09-11")));
    assert_eq!(
        first_day_renew_is_allowed(&set, &membership, "maps", "2019-08-01", "2019-10-31"),
        Some(d("2019-09-11"))
    );
}

/// N1 on the day of a switch: bought 2022-09-16, the anniversary is
/// 2023-09-16 and its upcoming reminder (N1, anniversary−15; of kind
/// `upcoming_auto_renewal` for an Action Pack with `auto_renew`, the wire contract)
/// falls on 2023-09-01, the day partner-center-2023 comes into force in the built-in
/// history. The pack renews automatically (A1), but its window (2023:
/// `anniversary ..= +30`) is not open, so no `auto_renewal_due` is added or
/// withdrawn at the switch, and the N1 reminder stays: reading A1 across the
/// versions touches `auto_renewal_due` reminders only.
#[test]
fn n1_upcoming_auto_renewal_on_the_switch_day_is_kept() {
    let membership = action_pack("maps", "2022-09-16");
    let set = PolicySet::partner_center_history();

    let switch = set.evaluate(&membership, d("2023-09-01"));
    assert_eq!(switch.policy, "partner-center-2023");
    let due: Vec<(ReminderKind, &str)> =
        switch.reminders.iter().map(|r| (r.kind, r.offer)).collect();
    assert_eq!(due, [(ReminderKind::UpcomingAutoRenewal, "maps")]);
}

/// A1 across two switches on consecutive days: the anniversary is
/// 2019-09-01; under partner-center-2020 the window opens 2019-09-02 and
/// `auto_renewal_due` falls that day. A version in force from 2019-09-06
/// opens the window on anniversary+5 = 2019-09-06, which would make the
/// charge due again; it is not, since the window was already open the day
/// before. A reissue of that version, with only another name, comes into
/// force the next day, 2019-09-07: the evaluation names the version in
/// force, so 2019-09-07 is a change and `next_change` on 2019-09-06 must
/// be 2019-09-07, not the N2 reminder on 2019-09-24 that comes after it.
#[test]
fn a1_withdrawn_reminder_then_a_switch_the_next_day_is_still_a_change() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, Policy::partner_center_2020()),
        (d("2019-09-06"), window_from("window-from-day-5", 5)),
        (
            d("2019-09-07"),
            window_from("window-from-day-5-reissued", 5),
        ),
    ])
    .unwrap();

    let switch = set.evaluate(&membership, d("2019-09-06"));
    assert_eq!(switch.policy, "window-from-day-5");
    assert!(switch.reminders.is_empty(), "{:?}", switch.reminders);
    assert!(switch.is_allowed(&renew("maps")));
    assert_eq!(switch.next_change, Some(d("2019-09-07")));

    let reissue = set.evaluate(&membership, d("2019-09-07"));
    assert_eq!(reissue.policy, "window-from-day-5-reissued");
    assert!(reissue.reminders.is_empty(), "{:?}", reissue.reminders);
    // N2: anniversary+23, inside the window 2019-09-06 ..= 2019-10-01.
    assert_eq!(reissue.next_change, Some(d("2019-09-24")));
}

/// One engine over the history, with no recursion: a set whose version
/// changes every day, its window alternating between anniversary+1 and
/// anniversary+5 (W2 under two readings), is evaluated on a thread of 256
/// KiB of stack, on every day around the window, with its timeline. The
/// stack an evaluation needs does not grow with the number of versions.
#[test]
fn w2_a1_a_set_of_a_thousand_daily_versions_evaluates_in_a_small_stack() {
    let first = d("2019-06-01");
    let versions: Vec<(NaiveDate, Policy)> = (0..1000u64)
        .map(|i| {
            let from = first.checked_add_days(chrono::Days::new(i)).unwrap();
            let opens = if i % 2 == 0 { 1 } else { 5 };
            (from, window_from(&format!("v{i}"), opens))
        })
        .collect();
    let set = PolicySet::new(versions).unwrap();
    let membership = action_pack("maps", "2018-09-01");
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut auto_renewals = 0;
            for day in d("2019-08-01").iter_days().take(90) {
                let evaluation = set.evaluate(&membership, day);
                // Every day is a new version: tomorrow is always a change.
                assert_eq!(evaluation.next_change, day.succ_opt());
                auto_renewals += evaluation
                    .reminders
                    .iter()
                    .filter(|r| r.kind == ReminderKind::AutoRenewalDue)
                    .count();
            }
            // A1 is due on each day the window is open under that day's
            // version and was not open the day before under yesterday's.
            // Version i starts on 2019-06-01 + i days: 2019-09-02 is i = 93
            // (odd, opens 09-06: closed), 09-03 i = 94 (even, opens 09-02:
            // open, closed the day before: due), 09-04 closed again, 09-05
            // open again (due), and from 09-06 both readings are open.
            assert_eq!(auto_renewals, 2);
            set.timeline(&membership, d("2019-06-01"), d("2022-03-01"))
                .len()
        })
        .unwrap();
    let events = worker.join().unwrap();
    assert!(events >= 1000, "one policy change per version: {events}");
}
