//! A1–A5: the Action Pack's automatic renewal, cancellation and invoice.

use mpn_renewals::calendar::FIRST_DATE;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::{
    apply, evaluate, Action, BusinessProfile, ErrorKind, Membership, OfferDraft, OfferKind, Phase,
    Policy, PolicySet, Reason, Rules,
};
use serde_json::json;

#[cfg(feature = "serde")]
use crate::common::window_from;
use crate::common::{
    action_pack, allowed_from, applied, assert_allowed_exactly, assert_blocked, assert_not_open,
    assert_open, assert_unlisted, build, crate_docs, d, denied, gold, maps, member, one, pack,
    purchase, reasons, reminders, renew, set,
};

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

// ---------------------------------------------------------------------------
// A1: automatic renewal
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn a1_an_action_pack_renews_automatically_by_default() {
    let membership = member([maps()]);
    assert!(membership.offers()[0].auto_renew());
}

#[cfg(feature = "serde")]
#[test]
fn a1_automatic_renewal_is_due_on_the_first_day_of_the_window() {
    let membership = member([maps()]);
    assert!(evaluate(&membership, d("2019-09-01")).reminders.is_empty());
    let due = evaluate(&membership, d("2019-09-02"));
    assert_eq!(reminders(&due), one(ReminderKind::AutoRenewalDue, "maps"));
    assert_eq!(due.next_change, Some(d("2019-09-03")));
    assert!(evaluate(&membership, d("2019-09-03")).reminders.is_empty());
}

#[cfg(feature = "serde")]
#[test]
fn a1_no_automatic_renewal_when_it_is_turned_off() {
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-09-02")).reminders.is_empty());
}

#[cfg(feature = "serde")]
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

/// A1 across the 2022 → 2023 switch: on 2023-09-01 the window of the
/// anniversary 2023-08-31 is open under the 2023 rules (anniversary ..= +30)
/// but was not the day before under the 2022 rules (anniversary+1 ..=
/// anniversary+30), so an Action Pack that renews automatically is due its charge that
/// day; it is due that day only, so the next day is a change. No other pack
/// is: a Learning Action Pack has no automatic renewal (D5), nor has an
/// Action Pack whose auto-renewal is off (A2), and a cancelled one (A3)
/// renews not at all.
#[cfg(feature = "serde")]
#[test]
fn a1_auto_renewal_across_the_switch_only_for_an_auto_renewing_action_pack() {
    let history = PolicySet::partner_center_history();
    let on = d("2023-09-01");
    let due = |offer: OfferDraft| {
        let m = member([offer]);
        let evaluation = history.evaluate(&m, on);
        let due = evaluation
            .reminders
            .iter()
            .any(|r| r.kind == ReminderKind::AutoRenewalDue);
        (due, evaluation.next_change)
    };
    // Due, and gone the next day.
    assert_eq!(
        due(pack("maps", "2022-08-31", "2023-08-31")),
        (true, Some(d("2023-09-02")))
    );
    let lap = OfferDraft::learning_action_pack("lap", d("2022-08-31")).anniversary(d("2023-08-31"));
    assert!(!due(lap).0);
    assert!(!due(pack("maps", "2022-08-31", "2023-08-31").auto_renew(false)).0);
    assert!(!due(pack("maps", "2022-08-31", "2023-08-31").cancelled(true)).0);
}

/// A1 across a change of version: bought 2018-09-01, the anniversary is
/// 2019-09-01; under partner-center-2020 the window opens 2019-09-02 and the
/// charge (`auto_renewal_due`) falls that day. A version starting 2019-09-06
/// opens the window on anniversary+5 = 2019-09-06, but the window was
/// already open the day before: the charge is not due a second time. The
/// next change is then N2's reminder on 2019-09-24 (anniversary+23, inside
/// 2019-09-06 ..= 2019-10-01), not the next day.
#[cfg(feature = "serde")]
#[test]
fn a1_auto_renewal_is_not_due_again_when_a_new_version_reopens_an_open_window() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, Policy::partner_center_2020()),
        (d("2019-09-06"), window_from("window-from-day-5", 5)),
    ])
    .unwrap();

    let first_day = set.evaluate(&membership, d("2019-09-02"));
    let due: Vec<ReminderKind> = first_day.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(due, [ReminderKind::AutoRenewalDue]);
    assert_eq!(first_day.next_change, Some(d("2019-09-03")));

    let switch = set.evaluate(&membership, d("2019-09-06"));
    assert_eq!(switch.policy, "window-from-day-5");
    assert!(switch.reminders.is_empty(), "{:?}", switch.reminders);
    assert!(switch.is_allowed(&Action::renew("maps")));
    assert_eq!(switch.next_change, Some(d("2019-09-24")));

    let n2 = set.evaluate(&membership, d("2019-09-24"));
    let due: Vec<ReminderKind> = n2.reminders.iter().map(|r| r.kind).collect();
    assert_eq!(due, [ReminderKind::WindowClosing]);
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
#[cfg(feature = "serde")]
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

// ---------------------------------------------------------------------------
// A2: turning automatic renewal off
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn a2_automatic_renewal_can_be_turned_off_while_the_pack_is_held() {
    let membership = member([maps()]);
    let turn_off = Action::turn_off_auto_renew("maps");
    for today in ["2018-09-01", "2019-09-01", "2019-09-02", "2019-10-01"] {
        assert_open(&evaluate(&membership, d(today)), &turn_off);
    }
    assert_unlisted(&evaluate(&membership, d("2019-10-02")), &turn_off);
}

#[cfg(feature = "serde")]
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
            Action::request_cancellation("maps"),
            Action::download_invoice("maps"),
        ],
    );
    assert_unlisted(&evaluation, &Action::turn_off_auto_renew("maps"));
}

#[cfg(feature = "serde")]
#[test]
fn a2_renewing_turns_automatic_renewal_on_again() {
    let membership = member([maps()]);
    let turn_off = Action::turn_off_auto_renew("maps");
    let off = apply(&membership, &turn_off, d("2019-05-01")).unwrap();
    assert!(!off.offer("maps").unwrap().auto_renew());
    // Off stays off: turning it off again is not open, and nothing turns it on.
    assert_eq!(
        apply(&off, &turn_off, d("2019-05-02")).map_err(|e| e.kind().clone()),
        Err(ErrorKind::NotOpen)
    );
    let renewed = apply(&off, &renew("maps"), d("2019-09-02")).unwrap();
    assert!(renewed.offer("maps").unwrap().auto_renew());
}

#[test]
fn a2_renew_turns_automatic_renewal_on_again() {
    let membership = member([maps().auto_renew(false)]);
    let renewed = applied(&membership, renew("maps"), "2019-09-15");
    let offer = renewed.offer("maps").unwrap();
    assert!(offer.auto_renew());
    assert_eq!(offer.anniversary(), d("2020-08-31"));
    // And it can be turned off again.
    assert!(evaluate(&renewed, d("2019-09-15")).is_allowed(&Action::turn_off_auto_renew("maps")));
}

#[test]
fn a2_turn_off_auto_renew_then_n1_is_the_renew_reminder() {
    let membership = member([maps()]);
    let action = Action::turn_off_auto_renew("maps");
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
        Action::turn_off_auto_renew("maps"),
        "2019-10-02",
    );
    // D5: a Learning Action Pack has no automatic renewal to turn off.
    assert_not_open(
        &membership,
        Action::turn_off_auto_renew("learn"),
        "2019-06-01",
    );
    assert_eq!(
        denied(&membership, Action::turn_off_auto_renew("x"), "2019-06-01"),
        ErrorKind::UnknownOffer
    );
}

// ---------------------------------------------------------------------------
// A3: cancellation
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn a3_cancellation_can_be_requested_while_the_pack_is_held() {
    let membership = member([maps()]);
    let cancel = Action::request_cancellation("maps");
    assert_open(&evaluate(&membership, d("2019-01-01")), &cancel);
    assert_open(&evaluate(&membership, d("2019-10-01")), &cancel);
    assert_unlisted(&evaluate(&membership, d("2019-10-02")), &cancel);
}

#[cfg(feature = "serde")]
#[test]
fn a3_a_cancelled_pack_has_no_benefits_and_cannot_renew() {
    let membership = member([maps().cancelled(true)]);
    let inside = evaluate(&membership, d("2019-09-15"));
    assert_eq!(inside.offers[0].phase, Phase::Cancelled);
    assert!(!inside.offers[0].benefits);
    assert_eq!(reasons(&inside, &renew("maps")), set(&[Reason::Cancelled]));
    assert_unlisted(&inside, &Action::request_cancellation("maps"));
    assert_unlisted(&inside, &Action::turn_off_auto_renew("maps"));
    // Every reason that holds: before the window, both.
    let before = evaluate(&membership, d("2019-08-01"));
    assert_eq!(
        reasons(&before, &renew("maps")),
        set(&[Reason::Cancelled, Reason::WindowNotOpen])
    );
    assert_eq!(allowed_from(&before, &renew("maps")), Some(d("2019-09-02")));
}

#[cfg(feature = "serde")]
#[test]
fn a3_only_an_action_pack_has_a_cancellation_request() {
    let membership = member([
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
        gold("cloud", "2019-09-01", true),
    ]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert_unlisted(&evaluation, &Action::request_cancellation("lap"));
    assert_unlisted(&evaluation, &Action::request_cancellation("cloud"));
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
fn a3_request_cancellation_cancels_the_pack() {
    let membership = member([maps()]);
    let action = Action::request_cancellation("maps");
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
        Action::request_cancellation("maps"),
        "2019-10-02",
    );
    assert_not_open(
        &membership,
        Action::request_cancellation("cloud"),
        "2019-04-01",
    );
}

/// A3, W7: renewing a cancelled pack (bought 2018-09-01) on 2019-08-01,
/// before its window opens (2019-09-02), is refused with both reasons, in
/// the order of the wire contract's list, separated by ", " in the message.
#[test]
fn a3_renew_of_a_cancelled_pack_before_its_window_names_both_reasons() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", d("2018-09-01")).cancelled(true))
        .build()
        .unwrap();
    let denied = apply(&membership, &Action::renew("maps"), d("2019-08-01")).unwrap_err();
    let ErrorKind::Blocked {
        reasons,
        allowed_from,
    } = denied.kind()
    else {
        panic!("not blocked: {denied:?}");
    };
    assert_eq!(
        reasons.iter().collect::<Vec<_>>(),
        [Reason::Cancelled, Reason::WindowNotOpen]
    );
    assert_eq!(*allowed_from, Some(d("2019-09-02")));
    assert_eq!(reasons.to_string(), "cancelled, window_not_open");
    assert_eq!(
        denied.to_string(),
        "renew of maps: blocked: cancelled, window_not_open (allowed from 2019-09-02)"
    );
}

#[test]
fn a3_cancellation_within_thirty_days_of_the_purchase_under_2023() {
    let policy = Policy::partner_center_2023();
    let membership = pack_of_2023(false);
    let cancel = Action::request_cancellation("maps");
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
    assert!(!evaluation.is_allowed(&Action::request_cancellation("maps")));
    assert_eq!(evaluation.next_change, Some(d("2024-09-30")));
}

// ---------------------------------------------------------------------------
// A4: the invoice
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn a4_the_invoice_of_an_action_pack_can_be_downloaded_in_every_phase() {
    let invoice = Action::download_invoice("maps");
    let membership = member([maps()]);
    for today in ["2019-01-01", "2019-09-15", "2019-10-02"] {
        assert_open(&evaluate(&membership, d(today)), &invoice);
    }
    let cancelled = member([maps().cancelled(true)]);
    assert_open(&evaluate(&cancelled, d("2019-01-01")), &invoice);
}

#[cfg(feature = "serde")]
#[test]
fn a4_no_invoice_for_other_kinds() {
    let membership = member([
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
        gold("cloud", "2019-09-01", true),
    ]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert_unlisted(&evaluation, &Action::download_invoice("lap"));
    assert_unlisted(&evaluation, &Action::download_invoice("cloud"));
}

#[test]
fn a4_download_invoice_changes_nothing_in_any_phase() {
    let membership = member([maps()]);
    let action = Action::download_invoice("maps");
    for day in ["2019-06-01", "2019-09-02", "2019-10-02"] {
        assert_eq!(applied(&membership, action, day), membership, "{day}");
    }
}

#[test]
fn a4_download_invoice_of_a_competency_is_not_open() {
    let membership = member([gold("cloud", "2019-05-01", true)]);
    assert_not_open(&membership, Action::download_invoice("cloud"), "2019-04-01");
}

// ---------------------------------------------------------------------------
// A5: the Visual Studio edition
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
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
