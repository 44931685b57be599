//! The built-in policies, one per row of the rules catalogue's "Policy
//! history", and what each changes: the renewal term, the first
//! anniversary, the window, one pack per account, the cancellation period.
//! Every expected value is worked out by hand from the rules catalogue; the
//! arithmetic is in the comments.

use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::policy::{FirstAnniversary, RenewalTerm, WindowOffsets};
use mpn_renewals::{Action, ErrorKind, OfferKind, Phase, Policy, Portal, Reason, Rules};

use crate::common::{anniversary_after, builtin, d, member, pack, renew, set, unmet_gold};

fn purchase_as(kind: OfferKind, id: &str) -> Action<&str> {
    Action::purchase_as(kind, id)
}

#[test]
fn history_2018_new_anniversary_counts_from_the_renewal_day() {
    // 2018: "365 days after the renewal day". Anniversary 2019-09-01,
    // renewed 2019-09-10: 2019-09-10 + 365 days = 2020-09-09 (2019-09-10 to
    // 2020-09-10 is 366 days, 29 February 2020 lying between).
    let policy = builtin("partner-center-2018");
    let m = member([pack("maps", "2018-09-01", "2019-09-01")]);
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2019-09-10"),
        d("2020-09-09")
    );
    // Window anniversary+1 ..= +30, as in 2020: not on the anniversary,
    // yes on 2019-10-01, not on 2019-10-02.
    assert!(policy.apply(&m, &renew("maps"), d("2019-09-01")).is_err());
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2019-10-01"),
        d("2020-09-30")
    );
    assert!(policy.apply(&m, &renew("maps"), d("2019-10-02")).is_err());
    // "auto-renew charged one day past the anniversary".
    let due: Vec<_> = policy
        .evaluate(&m, d("2019-09-02"))
        .reminders
        .iter()
        .map(|r| r.kind)
        .collect();
    assert_eq!(due, [ReminderKind::AutoRenewalDue]);
    // No COVID extensions yet in 2018.
    assert!(policy.extensions().is_empty());
    assert_eq!(policy.renewal_term(), RenewalTerm::DaysAfterRenewal(365));
}

#[test]
fn history_2020_new_anniversary_counts_from_the_current_anniversary() {
    // The seeds (W5): 2019-09-01 + 365 = 2020-08-31, whatever the day of
    // the renewal in the window.
    let policy = builtin("partner-center-2020");
    let m = member([pack("maps", "2018-09-01", "2019-09-01")]);
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2019-09-10"),
        d("2020-08-31")
    );
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2019-10-01"),
        d("2020-08-31")
    );
    let names: Vec<_> = policy.extensions().iter().map(|e| e.name()).collect();
    assert_eq!(names, ["covid-2020-h1", "covid-2020-h2"]);
    // It is the default.
    assert_eq!(Policy::default(), *policy);
    assert_eq!(Policy::DEFAULT_NAME, "partner-center-2020");
}

#[test]
fn history_2022_new_anniversary_counts_from_the_payment() {
    // 2022-10: "365 days after the payment is received"; the crate takes
    // the payment to be received on the day the renewal is applied.
    // Anniversary 2022-11-01, paid 2022-11-20: 2022-11-20 + 365 =
    // 2023-11-20 (no 29 February between); W5 would give 2023-11-01.
    let policy = builtin("partner-center-2022");
    let m = member([pack("maps", "2021-11-01", "2022-11-01")]);
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2022-11-20"),
        d("2023-11-20")
    );
    // Across a leap day: anniversary 2023-09-01 paid 2023-09-10 gives
    // 2023-09-10 + 365 = 2024-09-09 (29 February 2024 between).
    let m = member([pack("maps", "2022-09-01", "2023-09-01")]);
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2023-09-10"),
        d("2024-09-09")
    );
    // Window unchanged: anniversary+1 ..= +30.
    assert_eq!(
        policy.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 30
        }
    );
    // The COVID extensions are over: a gold competency of 2020 is not
    // extended under this version.
    let cloud = member([unmet_gold("cloud", "Cloud Platform", "2020-03-10")]);
    assert_eq!(
        policy.evaluate(&cloud, d("2020-03-15")).offers[0].extension,
        None
    );
}

#[test]
fn history_2023_first_anniversary_is_the_purchase_plus_365_days() {
    // 2023-09: "anniversary = purchase + 365 days". Bought 2024-01-10:
    // 2024-01-10 + 365 = 2025-01-09 (29 February 2024 between); W1 would
    // give 2025-01-10.
    let policy = builtin("partner-center-2023");
    let bought = policy
        .apply(
            &member([]),
            &purchase_as(OfferKind::ActionPack, "maps"),
            d("2024-01-10"),
        )
        .unwrap();
    assert_eq!(bought.offer("maps").unwrap().anniversary(), d("2025-01-09"));
    assert_eq!(
        policy.first_anniversary(),
        FirstAnniversary::DaysAfterPurchase(365)
    );
}

#[test]
fn history_2023_window_opens_on_the_anniversary() {
    // 2023-09: window "anniversary ..= +30". Anniversary 2025-01-09: the
    // window is 2025-01-09 ..= 2025-02-08 (9 + 30 = 39 January = 8
    // February); lapsed from 2025-02-09.
    let policy = builtin("partner-center-2023");
    let m = member([pack("maps", "2024-01-10", "2025-01-09")]);
    let before = policy.evaluate(&m, d("2025-01-08"));
    let blocked = before.blocked(&renew("maps")).unwrap();
    assert_eq!(blocked.reasons, set(&[Reason::WindowNotOpen]));
    assert_eq!(blocked.allowed_from, Some(d("2025-01-09")));
    // Open ON the anniversary (W7 no longer holds in this version).
    let on = policy.evaluate(&m, d("2025-01-09"));
    assert_eq!(on.offers[0].phase, Phase::RenewalWindow);
    assert!(on.is_allowed(&renew("maps")));
    // A1: the automatic renewal falls on the window's first day, here the
    // anniversary itself.
    assert!(on
        .reminders
        .iter()
        .any(|r| r.kind == ReminderKind::AutoRenewalDue));
    // Renewed on the anniversary: 2025-01-09 + 365 = 2026-01-09.
    assert_eq!(
        anniversary_after(policy, &m, renew("maps"), "2025-01-09"),
        d("2026-01-09")
    );
    // The window's last day and the lapse.
    assert!(policy
        .evaluate(&m, d("2025-02-08"))
        .is_allowed(&renew("maps")));
    let lapsed = policy.evaluate(&m, d("2025-02-09"));
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        lapsed.blocked(&renew("maps")).unwrap().reasons,
        set(&[Reason::WindowClosed])
    );
}

#[test]
fn history_2023_one_action_pack_or_learning_action_pack_per_account() {
    // 2023-09: "one Action Pack or Learning Action Pack per global account".
    let policy = builtin("partner-center-2023");
    let m = member([pack("maps", "2024-01-10", "2025-01-09")]);
    let lap = purchase_as(OfferKind::LearningActionPack, "learn");
    assert_eq!(
        policy
            .apply(&m, &lap, d("2024-06-01"))
            .map_err(|e| e.kind().clone()),
        Err(ErrorKind::Blocked {
            reasons: set(&[Reason::AlreadyHeld]),
            allowed_from: None
        })
    );
    // Under partner-center-2020 (M4: one per kind) the same purchase is open.
    assert!(builtin("partner-center-2020")
        .apply(&m, &lap, d("2024-06-01"))
        .is_ok());
    // Once the pack lapsed (2025-02-09), a Learning Action Pack can be bought.
    assert!(policy.apply(&m, &lap, d("2025-02-09")).is_ok());
}

#[test]
fn history_2023_cancellation_only_within_30_days_of_the_purchase() {
    // Bought 2024-01-10: day 30 is 2024-02-09 (10 + 30 = 40 January = 9
    // February); the crate counts day 30 (as B2 does).
    let policy = builtin("partner-center-2023");
    let m = member([pack("maps", "2024-01-10", "2025-01-09")]);
    let cancel = Action::request_cancellation("maps");
    let cancelled = policy.apply(&m, &cancel, d("2024-02-09")).unwrap();
    assert!(cancelled.offer("maps").unwrap().cancelled());
    assert_eq!(
        policy
            .apply(&m, &cancel, d("2024-02-10"))
            .map_err(|e| e.kind().clone()),
        Err(ErrorKind::NotOpen)
    );
    assert!(!policy.evaluate(&m, d("2024-02-10")).is_allowed(&cancel));
    // Under partner-center-2020 (A3) it is open while the pack is held.
    assert!(builtin("partner-center-2020")
        .apply(&m, &cancel, d("2024-02-10"))
        .is_ok());
    // The day the cancellation closes is a change (next_change).
    assert_eq!(
        policy.evaluate(&m, d("2024-02-09")).next_change,
        Some(d("2024-02-10"))
    );
}

/// The 2023 version (`pub:mpn-get-action-pack (2023-09-13)`, CHANGELOG
/// decisions): one pack of either kind per account, cancellation within 30
/// days of the purchase, the window from the anniversary, the first
/// anniversary 365 days after the purchase, no extensions.
#[test]
fn history_2023_accessors() {
    let policy = Policy::partner_center_2023();
    assert_eq!(policy.name(), "partner-center-2023");
    assert!(policy.one_pack_per_account());
    assert_eq!(policy.cancellation_days(), Some(30));
    assert_eq!(
        policy.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 0,
            closes: 30
        }
    );
    assert_eq!(
        policy.first_anniversary(),
        FirstAnniversary::DaysAfterPurchase(365)
    );
    assert_eq!(
        policy.renewal_term(),
        RenewalTerm::DaysAfterAnniversary(365)
    );
    assert!(policy.extensions().is_empty());
}

/// A policy's name is what evaluations show: it cannot be empty.
#[test]
fn policy_with_name_refuses_an_empty_name() {
    let err = Policy::partner_center_2020().with_name("").unwrap_err();
    assert_eq!(err.path(), "name");
    assert!(matches!(err.kind(), mpn_renewals::ErrorKind::Empty));
    let renamed = Policy::partner_center_2020().with_name("ours").unwrap();
    assert_eq!(renamed.name(), "ours");
}
