//! Policies as values and as data: the presets of the rules catalogue's "Policy
//! history", the effective-dated `PolicySet`, the opt-in extension E6, the
//! example files under `examples/policies/`, and every refusal of a bad
//! policy file.
//!
//! Every expected value is worked out by hand from the rules catalogue ("Policy
//! history" and the E-rules); the arithmetic is in the comments.
//!
//! The policy files are JSON, so the file needs the `serde` feature (on by
//! default).
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::path::Path;

use chrono::NaiveDate;
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::policy::{ExtensionPolicy, FirstAnniversary, RenewalTerm, WindowOffsets};
use mpn_renewals::time::EventKind;
use mpn_renewals::{
    Action, CompetencyLevel, Denied, Membership, MembershipBuilder, OfferDraft, OfferKind, Phase,
    Policy, PolicySet, Portal, Reason, Reasons, Rules,
};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn d(text: &str) -> NaiveDate {
    common::day(text)
}

fn builtin(name: &str) -> &'static Policy {
    Policy::builtin(name).unwrap()
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

/// An Action Pack with an explicit anniversary, bought a year before it.
fn pack(id: &str, purchased: &str, anniversary: &str) -> OfferDraft {
    OfferDraft::action_pack(id, d(purchased)).anniversary(d(anniversary))
}

fn gold(id: &str, area: &str, anniversary: &str) -> OfferDraft {
    OfferDraft::competency(id, CompetencyLevel::Gold, area, d("2015-01-01"))
        .anniversary(d(anniversary))
        .performance_met(false)
        .exams_validated(false)
}

fn renew(offer: &str) -> Action<'_> {
    Action::Renew { offer }
}

fn purchase(kind: OfferKind, id: &str) -> Action<'_> {
    Action::Purchase { kind, id: Some(id) }
}

fn set(reasons: &[Reason]) -> Reasons {
    reasons.iter().copied().collect()
}

fn anniversary_after(policy: &Policy, m: &Membership, action: Action<'_>, on: &str) -> NaiveDate {
    let offer = match action {
        Action::Renew { offer } | Action::Reactivate { offer } => offer,
        _ => panic!("not a renewal"),
    };
    policy
        .apply(m, &action, d(on))
        .unwrap_or_else(|e| panic!("{action} on {on}: {e:?}"))
        .offer(offer)
        .unwrap()
        .anniversary()
}

/// partner-center-2020 with the opt-in extension E6.
fn covid_2021() -> Policy {
    Policy::partner_center_2020()
        .with_extension(ExtensionPolicy::covid_2021_h1())
        .unwrap()
        .with_name("partner-center-2020-covid-2021")
        .unwrap()
}

fn examples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/policies"))
}

fn read_example(name: &str) -> String {
    std::fs::read_to_string(examples_dir().join(name)).unwrap()
}

// ---------------------------------------------------------------------------
// The presets, from the dates of the rules catalogue's "Policy history"
// ---------------------------------------------------------------------------

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
    let cloud = member([gold("cloud", "Cloud Platform", "2020-03-10")]);
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
            &purchase(OfferKind::ActionPack, "maps"),
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
    let lap = purchase(OfferKind::LearningActionPack, "learn");
    assert_eq!(
        policy.apply(&m, &lap, d("2024-06-01")),
        Err(Denied::Blocked {
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
    let cancel = Action::RequestCancellation { offer: "maps" };
    let cancelled = policy.apply(&m, &cancel, d("2024-02-09")).unwrap();
    assert!(cancelled.offer("maps").unwrap().cancelled());
    assert_eq!(
        policy.apply(&m, &cancel, d("2024-02-10")),
        Err(Denied::NotOpen)
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

// ---------------------------------------------------------------------------
// PolicySet
// ---------------------------------------------------------------------------

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

#[test]
fn policy_set_timeline_has_a_policy_changed_event() {
    let history = PolicySet::partner_center_history();
    let empty = member([]);
    let events = history.timeline(&empty, d("2019-02-20"), d("2019-03-10"));
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
    let events = history.timeline(&m, d("2023-08-30"), d("2023-09-01"));
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
            action: Action::RequestCancellation { offer: "maps" },
            reasons: Reasons::EMPTY,
        },
        EventKind::ActionClosed {
            action: Action::Purchase {
                kind: OfferKind::LearningActionPack,
                id: None,
            },
            reasons: set(&[Reason::AlreadyHeld]),
        },
    ]
    .into_iter()
    .map(|k| format!("{k:?}"))
    .collect::<Vec<_>>();
    let reminder = events
        .iter()
        .find_map(|e| match e.kind {
            EventKind::Reminder { reminder } => Some(reminder),
            _ => None,
        })
        .unwrap();
    assert_eq!(reminder.kind, ReminderKind::AutoRenewalDue);
    expected.push(format!("{:?}", EventKind::Reminder { reminder }));
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
        .reminders_between(&m, d("2023-08-01"), d("2023-10-31"))
        .into_iter()
        .filter(|r| r.reminder.kind == ReminderKind::AutoRenewalDue)
        .map(|r| r.date)
        .collect();
    assert_eq!(due, [d("2023-09-01")]);
}

// ---------------------------------------------------------------------------
// E6: covid-2021-h1, opt-in
// ---------------------------------------------------------------------------

#[test]
fn e6_covid_2021_h1_applies_only_with_the_opt_in_policy() {
    // Gold "Cloud Platform", anniversary 2021-03-01, requirements unmet, in
    // Partner Center; window 2021-03-02 ..= 2021-03-31.
    let m = member([gold("cloud", "Cloud Platform", "2021-03-01")]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2021-h1"));
    assert_eq!(evaluation.policy, "partner-center-2020-covid-2021");
    assert!(evaluation.is_allowed(&renew("cloud")));
    // E4: 2021-03-01 gives 2022-03-01.
    assert_eq!(
        anniversary_after(&policy, &m, renew("cloud"), "2021-03-05"),
        d("2022-03-01")
    );
    // Not in the default, nor in any built-in, nor in the history.
    let unmet = set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated]);
    for name in Policy::BUILTIN_NAMES {
        let evaluation = builtin(name).evaluate(&m, d("2021-03-05"));
        assert_eq!(evaluation.offers[0].extension, None, "{name}");
        assert_eq!(
            evaluation.blocked(&renew("cloud")).unwrap().reasons,
            unmet,
            "{name}"
        );
    }
    let evaluation = mpn_renewals::evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, None);
    let history = PolicySet::partner_center_history();
    assert_eq!(
        history.evaluate(&m, d("2021-03-05")).offers[0].extension,
        None
    );
}

#[test]
fn e6_does_not_cover_cloud_business_applications() {
    let m = member([gold("crm", "Cloud Business Applications", "2021-03-01")]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(
        evaluation.blocked(&renew("crm")).unwrap().reasons,
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[test]
fn e6_covers_anniversaries_2021_01_01_to_2021_06_30_of_competencies_only() {
    let policy = covid_2021();
    for (anniversary, expected) in [
        ("2020-12-31", Some("covid-2020-h2")),
        ("2021-01-01", Some("covid-2021-h1")),
        ("2021-06-30", Some("covid-2021-h1")),
        ("2021-07-01", None),
    ] {
        let m = member([gold("cloud", "Data", anniversary)]);
        let extension = policy.evaluate(&m, d(anniversary)).offers[0].extension;
        assert_eq!(extension, expected, "{anniversary}");
    }
    // E3: never a pack.
    let m = member([pack("maps", "2020-03-01", "2021-03-01")]);
    assert_eq!(
        policy.evaluate(&m, d("2021-03-05")).offers[0].extension,
        None
    );
}

#[test]
fn e6_has_no_reactivation_and_no_covid_override() {
    // Anniversary 2021-03-01: lapsed from 2021-04-01 (1 March + 31 days).
    let m = member([gold("cloud", "Cloud Platform", "2021-03-01")]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-04-01"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    for action in [
        Action::Reactivate { offer: "cloud" },
        Action::RequestCovidOverride { offer: "cloud" },
    ] {
        assert!(!evaluation.is_allowed(&action), "{action}");
        assert!(evaluation.blocked(&action).is_none(), "{action}");
        assert_eq!(
            policy.apply(&m, &action, d("2021-04-01")),
            Err(Denied::NotOpen)
        );
    }
}

#[test]
fn e6_p3_in_pmc_the_extension_is_shown_but_waives_nothing() {
    // P4: PMC window 2021-03-01 - 90 days ..= 2021-03-01. Counting back:
    // 1 day to 28 February, 28 more to 31 January, 31 to 31 December, 30 to
    // 1 December (1 + 28 + 31 + 30 = 90): 2020-12-01 ..= 2021-03-01.
    let m = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "Cloud Platform", "2021-03-01")],
    );
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-02-01"));
    assert_eq!(evaluation.offers[0].window.opens, d("2020-12-01"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2021-h1"));
    assert_eq!(
        evaluation.blocked(&renew("cloud")).unwrap().reasons,
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[test]
fn e6_cannot_be_added_twice_or_over_another_extension() {
    let twice = covid_2021().with_extension(ExtensionPolicy::covid_2021_h1());
    let err = twice.unwrap_err().to_string();
    assert!(err.starts_with("extensions[3]"), "{err}");
    assert!(err.contains("extensions[2]"), "{err}");
}

// ---------------------------------------------------------------------------
// Example files and JSON round trips
// ---------------------------------------------------------------------------

#[test]
fn every_example_policy_file_loads_to_its_preset() {
    let mut names: Vec<String> = std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "covid-2021-h1.json",
            "history.json",
            "partner-center-2018.json",
            "partner-center-2020.json",
            "partner-center-2022.json",
            "partner-center-2023.json",
        ]
    );
    for name in &names {
        let text = read_example(name);
        match name.as_str() {
            "history.json" => {
                let loaded: PolicySet = serde_json::from_str(&text).unwrap();
                assert_eq!(loaded, PolicySet::partner_center_history());
            }
            "covid-2021-h1.json" => {
                let loaded: Policy = serde_json::from_str(&text).unwrap();
                assert_eq!(loaded, covid_2021());
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    serde_json::to_value(covid_2021()).unwrap()
                );
            }
            _ => {
                let preset = builtin(name.trim_end_matches(".json"));
                let loaded: Policy = serde_json::from_str(&text).unwrap();
                assert_eq!(&loaded, preset, "{name}");
                // The file is exactly the serde form of the preset.
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    serde_json::to_value(preset).unwrap(),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn example_files_read_by_hand_match_rules_md() {
    // A check of the files' contents against the rules catalogue, independent of the
    // presets in the code.
    let v: Value = serde_json::from_str(&read_example("partner-center-2023.json")).unwrap();
    assert_eq!(
        v["windows"]["partner_center"],
        json!({"opens": 0, "closes": 30})
    );
    assert_eq!(v["first_anniversary"], json!({"days_after_purchase": 365}));
    assert_eq!(v["one_pack_per_account"], json!(true));
    assert_eq!(v["cancellation_days"], json!(30));
    let v: Value = serde_json::from_str(&read_example("partner-center-2018.json")).unwrap();
    assert_eq!(v["renewal_term"], json!({"days_after_renewal": 365}));
    assert_eq!(
        v["windows"]["partner_center"],
        json!({"opens": 1, "closes": 30})
    );
    let v: Value = serde_json::from_str(&read_example("partner-center-2020.json")).unwrap();
    assert_eq!(v["renewal_term"], json!({"days_after_anniversary": 365}));
    assert_eq!(v["windows"]["pmc"], json!({"opens": -90, "closes": 0}));
    assert_eq!(
        v["extensions"][0]["reactivation_end"],
        json!({"on": "2020-06-30"})
    );
    assert_eq!(
        v["extensions"][1]["reactivation_end"],
        json!({"days_after_anniversary": 30})
    );
    let v: Value = serde_json::from_str(&read_example("covid-2021-h1.json")).unwrap();
    assert_eq!(
        v["extensions"][2],
        json!({
            "name": "covid-2021-h1",
            "first_anniversary": "2021-01-01",
            "last_anniversary": "2021-06-30",
            "excluded_areas": ["Cloud Business Applications"],
            "waives_requirements": true,
            "reactivation_end": null,
            "covid_override": false
        })
    );
}

#[test]
fn policy_json_round_trip() {
    let mut policies: Vec<Policy> = Policy::BUILTIN_NAMES
        .iter()
        .map(|name| builtin(name).clone())
        .collect();
    policies.push(covid_2021());
    for policy in policies {
        let text = serde_json::to_string(&policy).unwrap();
        let back: Policy = serde_json::from_str(&text).unwrap();
        assert_eq!(back, policy, "{text}");
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
    // A policy written by hand, with the optional fields left out.
    let custom: Policy = serde_json::from_value(json!({
        "name": "custom",
        "windows": {"partner_center": {"opens": 1, "closes": 45},
                    "pmc": {"opens": -60, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 366},
        "reminders": {"upcoming": -30, "window_closing": 40}
    }))
    .unwrap();
    assert_eq!(custom.name(), "custom");
    assert_eq!(
        custom.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 45
        }
    );
    assert!(!custom.one_pack_per_account());
    assert_eq!(custom.cancellation_days(), None);
    assert!(custom.extensions().is_empty());
    let back: Policy = serde_json::from_str(&serde_json::to_string(&custom).unwrap()).unwrap();
    assert_eq!(back, custom);
}

#[test]
fn policy_set_json_round_trip() {
    let history = PolicySet::partner_center_history();
    let text = serde_json::to_string(&history).unwrap();
    let back: PolicySet = serde_json::from_str(&text).unwrap();
    assert_eq!(back, history);
    // A set mixing a built-in and an inline policy.
    let mixed: PolicySet = serde_json::from_value(json!({"versions": [
        {"from": "2019-03-01", "builtin": "partner-center-2020"},
        {"from": "2021-02-04", "policy": serde_json::to_value(covid_2021()).unwrap()}
    ]}))
    .unwrap();
    assert_eq!(
        mixed,
        PolicySet::new([
            (d("2019-03-01"), Policy::partner_center_2020()),
            (d("2021-02-04"), covid_2021()),
        ])
        .unwrap()
    );
    let back: PolicySet = serde_json::from_str(&serde_json::to_string(&mixed).unwrap()).unwrap();
    assert_eq!(back, mixed);
    // Before its first version's start, the first version applies.
    assert_eq!(
        mixed.policy_on(d("2000-01-01")).name(),
        "partner-center-2020"
    );
    assert_eq!(
        mixed.policy_on(d("2021-02-04")).name(),
        "partner-center-2020-covid-2021"
    );
}

// ---------------------------------------------------------------------------
// Bad policy files: one test per refusal
// ---------------------------------------------------------------------------

/// A valid policy (partner-center-2020) in its serde form, to break.
fn good() -> Value {
    serde_json::to_value(Policy::partner_center_2020()).unwrap()
}

/// The error of loading `value` as a `Policy`, as serde_json shows it.
fn policy_error(value: &Value) -> String {
    let text = value.to_string();
    match serde_json::from_str::<Policy>(&text) {
        Ok(policy) => panic!("accepted: {policy:?}"),
        Err(err) => err.to_string(),
    }
}

/// The error as serde_path_to_error shows it: `path: problem`.
fn located<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: &Value) -> String {
    match serde_path_to_error::deserialize::<_, T>(value.clone()) {
        Ok(loaded) => panic!("accepted: {loaded:?}"),
        Err(err) => format!("{}: {}", err.path(), err.inner()),
    }
}

fn set_error(value: &Value) -> String {
    match serde_json::from_str::<PolicySet>(&value.to_string()) {
        Ok(set) => panic!("accepted: {set:?}"),
        Err(err) => err.to_string(),
    }
}

fn assert_mentions(err: &str, parts: &[&str]) {
    for part in parts {
        assert!(err.contains(part), "`{err}` does not mention `{part}`");
    }
}

#[test]
fn the_good_policy_loads() {
    assert_eq!(
        serde_json::from_value::<Policy>(good()).unwrap(),
        Policy::partner_center_2020()
    );
}

#[test]
fn bad_policy_unknown_field_at_the_top() {
    let mut v = good();
    v["bogus"] = json!(1);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_windows() {
    let mut v = good();
    v["windows"]["bogus"] = json!({"opens": 1, "closes": 2});
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("windows.bogus: unknown field `bogus`"));
    let mut v = good();
    v["windows"]["pmc"]["bogus"] = json!(1);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("windows.pmc.bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_an_extension() {
    let mut v = good();
    v["extensions"][1]["bogus"] = json!(true);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("extensions[1].bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_reminders_and_terms() {
    let mut v = good();
    v["reminders"]["lapse"] = json!(31);
    assert!(located::<Policy>(&v).starts_with("reminders.lapse: unknown field `lapse`"));
    let mut v = good();
    v["renewal_term"] = json!({"days_after_purchase": 365});
    assert_mentions(&policy_error(&v), &["days_after_purchase"]);
}

#[test]
fn bad_policy_overlapping_extension_ranges() {
    // covid-2020-h2 made to start on 2020-06-30, the last day of h1.
    let mut v = good();
    v["extensions"][1]["first_anniversary"] = json!("2020-06-30");
    let err = policy_error(&v);
    assert_mentions(
        &err,
        &["extensions[1]: covers anniversaries that extensions[0] covers too"],
    );
    // Adjacent ranges (the presets' own h1 and h2) are fine: see
    // the_good_policy_loads.
}

#[test]
fn bad_policy_window_closes_before_it_opens() {
    let mut v = good();
    v["windows"]["pmc"]["closes"] = json!(-91);
    // -91 is out of Policy::OFFSET_RANGE (-90 ..= 364) before the order is checked.
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.closes: -91 days is out of range: it must lie within -90 ..= 364"],
    );
    let mut v = good();
    v["windows"]["pmc"] = json!({"opens": -10, "closes": -20});
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc: the window closes (day -20) before it opens (day -10)"],
    );
    let mut v = good();
    v["windows"]["partner_center"] = json!({"opens": 30, "closes": 1});
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center:", "closes (day 1)"],
    );
    // A one-day window is fine.
    let mut v = good();
    v["windows"]["partner_center"] = json!({"opens": 1, "closes": 1});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_offset_of_1001_days() {
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(1001);
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center.closes: 1001 days is out of range"],
    );
    let mut v = good();
    v["reminders"]["window_closing"] = json!(1001);
    assert_mentions(&policy_error(&v), &["reminders.window_closing: 1001 days"]);
    // Within the ±1000 days, only Policy::OFFSET_RANGE (-90 ..= 364) is accepted:
    // the reach a valid membership keeps inside the calendar (D4).
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(365);
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center.closes: 365 days is out of range: it must lie within -90 ..= 364"],
    );
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(364);
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_offset_of_minus_1001_days() {
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-1001);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -1001 days is out of range"],
    );
    let mut v = good();
    v["reminders"]["upcoming"] = json!(-1001);
    assert_mentions(&policy_error(&v), &["reminders.upcoming: -1001 days"]);
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-91);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -91 days is out of range"],
    );
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-90);
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_term_of_0_days() {
    let mut v = good();
    v["renewal_term"] = json!({"days_after_anniversary": 0});
    assert_mentions(&policy_error(&v), &["renewal_term: 0 days is out of range"]);
    let mut v = good();
    v["first_anniversary"] = json!({"days_after_purchase": 0});
    assert_mentions(&policy_error(&v), &["first_anniversary: 0 days"]);
    let mut v = good();
    v["cancellation_days"] = json!(0);
    assert_mentions(&policy_error(&v), &["cancellation_days: 0 days"]);
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 1});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_term_of_1001_days() {
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 1001});
    assert_mentions(
        &policy_error(&v),
        &["renewal_term: 1001 days is out of range"],
    );
    let mut v = good();
    v["first_anniversary"] = json!({"days_after_purchase": 1001});
    assert_mentions(&policy_error(&v), &["first_anniversary: 1001 days"]);
    let mut v = good();
    v["cancellation_days"] = json!(1001);
    assert_mentions(&policy_error(&v), &["cancellation_days: 1001 days"]);
    let mut v = good();
    v["extensions"][1]["reactivation_end"] = json!({"days_after_anniversary": 1001});
    assert_mentions(
        &policy_error(&v),
        &["extensions[1].reactivation_end: 1001 days"],
    );
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 1000});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_empty_name() {
    let mut v = good();
    v["name"] = json!("");
    assert_mentions(&policy_error(&v), &["name: must not be empty"]);
    let mut v = good();
    v["extensions"][0]["name"] = json!("");
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].name: must not be empty"],
    );
    let mut v = good();
    v["extensions"][0]["excluded_areas"] = json!(["Data", ""]);
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].excluded_areas[1]: must not be empty"],
    );
}

#[test]
fn bad_policy_extension_last_anniversary_before_first() {
    let mut v = good();
    v["extensions"][0]["last_anniversary"] = json!("2019-12-31");
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].last_anniversary: 2019-12-31 is before 2020-01-01"],
    );
}

#[test]
fn bad_policy_invalid_date() {
    let mut v = good();
    v["extensions"][1]["first_anniversary"] = json!("2020-02-30");
    assert_mentions(
        &policy_error(&v),
        &["extensions[1].first_anniversary: `2020-02-30` is not a date"],
    );
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "2020-6-30"});
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].reactivation_end.on: `2020-6-30` is not a date"],
    );
}

#[test]
fn bad_policy_set_versions_out_of_order() {
    let v = json!({"versions": [
        {"from": "2020-01-01", "builtin": "partner-center-2018"},
        {"from": "2019-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].from: starts on 2019-01-01, not after the version before it (2020-01-01)"],
    );
    // The same start twice is out of order too.
    let v = json!({"versions": [
        {"from": "2020-01-01", "builtin": "partner-center-2018"},
        {"from": "2020-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(&set_error(&v), &["versions[1].from: starts on 2020-01-01"]);
}

#[test]
fn bad_policy_set_duplicate_names() {
    let mut other = good();
    other["renewal_term"] = json!({"days_after_renewal": 365});
    let v = json!({"versions": [
        {"from": "2019-01-01", "policy": good()},
        {"from": "2020-01-01", "policy": other}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].policy.name: `partner-center-2020` names another version too"],
    );
}

#[test]
fn bad_policy_set_duplicate_builtin_names_the_builtin_field() {
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2020"},
        {"from": "2020-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].builtin: `partner-center-2020` names another version too"],
    );
}

#[test]
fn bad_policy_set_no_versions() {
    assert_mentions(
        &set_error(&json!({"versions": []})),
        &["versions: a policy set needs at least one version"],
    );
    assert_mentions(&set_error(&json!({})), &["missing field `versions`"]);
}

#[test]
fn bad_policy_set_both_builtin_and_policy() {
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2020", "policy": good()}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[0]: needs exactly one of `builtin` and `policy`"],
    );
    // Neither is refused the same way.
    let v = json!({"versions": [{"from": "2019-01-01"}]});
    assert_mentions(
        &set_error(&v),
        &["versions[0]: needs exactly one of `builtin` and `policy`"],
    );
}

#[test]
fn bad_policy_set_unknown_builtin_name() {
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-1999"}]});
    assert_mentions(
        &set_error(&v),
        &[
            "versions[0].builtin: no built-in policy is named `partner-center-1999`",
            "partner-center-2018, partner-center-2020, partner-center-2022, partner-center-2023",
        ],
    );
}

#[test]
fn bad_policy_set_invalid_date_and_nested_policy_errors() {
    let v = json!({"versions": [{"from": "2019-3-1", "builtin": "partner-center-2020"}]});
    assert_mentions(
        &set_error(&v),
        &["versions[0].from: `2019-3-1` is not a date"],
    );
    // An error inside an inline policy carries the version's path.
    let mut bad = good();
    bad["windows"]["pmc"] = json!({"opens": -10, "closes": -20});
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2018"},
        {"from": "2020-01-01", "policy": bad}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].policy.windows.pmc: the window closes"],
    );
    // Unknown fields in a set and in a version.
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-2020"}], "x": 1});
    assert_mentions(&set_error(&v), &["unknown field `x`"]);
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-2020", "to": "2020-01-01"}]});
    assert_mentions(&set_error(&v), &["unknown field `to`"]);
    assert!(located::<PolicySet>(&v).starts_with("versions[0].to: unknown field `to`"));
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

#[test]
fn d4_a_loaded_policy_never_derives_a_date_outside_the_wire_range() {
    // A valid membership in PMC whose anniversary is 0001-04-01 (the
    // earliest allowed: - 90 days = 0001-01-01), and a valid policy whose
    // PMC window opens 1000 days before the anniversary. the wire contract: every
    // date the rules derive is a date of 0001-01-01 ..= 9999-12-31 (D4),
    // and a wire date has a four-digit year from 0001; the window's opening
    // day would be 0001-04-01 - 1000 days, in year -2.
    // Such a policy is refused as it loads (Policy::OFFSET_RANGE: -90 ..= 364 days,
    // the reach a valid membership keeps inside the calendar); the widest
    // one accepted still derives wire dates only.
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-1000);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -1000 days is out of range"],
    );
    v["windows"]["pmc"]["opens"] = json!(-90);
    v["windows"]["pmc"]["closes"] = json!(364);
    let policy: Policy = serde_json::from_value(v).unwrap();
    let m = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [pack("maps", "0001-01-01", "0001-04-01")],
    );
    let evaluation = policy.evaluate(&m, d("0001-02-01"));
    let window = evaluation.offers[0].window;
    for date in [window.opens, window.closes] {
        // The serde form of a date is its Display (crate::wire::date).
        let text = date.to_string();
        assert!(
            mpn_renewals::calendar::parse_date(&text).is_some(),
            "`{text}` is not a wire date"
        );
    }
}

// ---------------------------------------------------------------------------
// Regressions found by fuzzing (fuzz/regressions/)
// ---------------------------------------------------------------------------

/// The first version of a set is in force before its own start, so that
/// start changes nothing: it is no `next_change`
/// (`fuzz/regressions/*/policy-set-first-version-switch`).
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
    let before = NaiveDate::from_ymd_opt(0, 12, 31).unwrap();
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

/// D4: a reactivation that ends on 9999-12-31 would make 10000-01-01 a
/// change; such an extension is refused as it loads
/// (`fuzz/regressions/policy_json/d4-reactivation-end-on-last-date`).
#[test]
fn d4_a_reactivation_ending_on_the_last_day_of_the_calendar_is_refused() {
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "9999-12-31"});
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].reactivation_end.on: 9999-12-31 is too close to the limits of the calendar"],
    );
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "9999-12-30"});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

/// A1 across the 2022 → 2023 switch: on 2023-09-01 the window of the
/// anniversary 2023-08-31 is open under the 2023 rules (anniversary ..= +30)
/// but was not the day before under the 2022 rules (anniversary+1 ..=
/// anniversary+30), so an Action Pack that renews automatically is due its charge that
/// day; it is due that day only, so the next day is a change. No other pack
/// is: a Learning Action Pack has no automatic renewal (D5), nor has an
/// Action Pack whose auto-renewal is off (A2), and a cancelled one (A3)
/// renews not at all.
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
