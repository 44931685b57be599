//! `impact`: the first day on which two sets of rules evaluate a membership
//! differently, and what differs that day, worked out by hand from the rules
//! catalogue and the knobs of the built-in policies. Each test is named
//! after the rules whose change it shows.

use chrono::NaiveDate;
use mpn_renewals::evaluation::{Recipient, Reminder, ReminderKind};
use mpn_renewals::impact::{impact, membership_impact, Difference, DifferenceKind, Summary};
use mpn_renewals::{
    Action, Membership, OfferDraft, OfferKind, Phase, Policy, PolicySet, Portal, Reason, Reasons,
    Rules, Token,
};

use crate::common::{builtin, d, gold, member, set, window, with};

/// The pack of issue 13: an Action Pack bought 2022-08-20, so (W1) its
/// anniversary is 2023-08-20. Under 2022 its window (W2, D3) is
/// 2023-08-21 ..= 2023-09-19; under 2023 (window `anniversary ..=
/// anniversary+30`) 2023-08-20 ..= 2023-09-19: open on 2023-09-01 under
/// both. Auto-renewal on (A1).
fn pack_of_2022() -> Membership {
    member([OfferDraft::action_pack("maps", d("2022-08-20"))])
}

fn owned(action: Action<&str>) -> Action {
    action.into_owned()
}

fn closed(action: Action<&str>, reasons: &[Reason]) -> Difference {
    Difference::ActionClosed {
        action: owned(action),
        reasons: set(reasons),
        allowed_from: None,
    }
}

fn opened(action: Action<&str>, reasons: &[Reason], allowed_from: Option<NaiveDate>) -> Difference {
    Difference::ActionOpened {
        action: owned(action),
        reasons: set(reasons),
        allowed_from,
    }
}

fn anniversary(offer: &str, before: &str, after: &str) -> Difference {
    Difference::Anniversary {
        offer: offer.to_owned(),
        before: Some(d(before)),
        after: Some(d(after)),
    }
}

/// The differences of the 2022 → 2023 switch on the pack of 2022 on
/// 2023-09-01, inside its window under both policies.
fn switch_on_2023_09_01() -> Vec<Difference> {
    vec![
        // W2, D3 → 2023: the window opens on the anniversary, a day earlier;
        // it closes 30 days after the anniversary under both.
        Difference::Window {
            offer: "maps".to_owned(),
            before: window("2023-08-21", "2023-09-19"),
            after: window("2023-08-20", "2023-09-19"),
        },
        // W5: renew is open under both; carried out on 2023-09-01, 2022 sets
        // the renewal day + 365 (across 2024-02-29: 2024-08-31), 2023 the
        // anniversary + 365 (2024-08-19).
        anniversary("maps", "2024-08-31", "2024-08-19"),
        // A3 → 2023: cancellation only within 30 days of the purchase
        // (through 2022-09-19): no longer listed.
        closed(Action::request_cancellation("maps"), &[]),
        // M4 → 2023: one Action Pack *or* Learning Action Pack per account.
        closed(
            Action::purchase(OfferKind::LearningActionPack),
            &[Reason::AlreadyHeld],
        ),
    ]
}

#[test]
fn w2_w5_a3_m4_the_2022_to_2023_switch_on_a_pack_whose_window_is_open_on_2023_09_01() {
    let membership = pack_of_2022();
    let (before, after) = (
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
    );
    let result = membership_impact(
        before,
        after,
        &membership,
        d("2023-09-01")..=d("2023-12-31"),
    );
    assert_eq!(result.account, "contoso");
    assert_eq!(result.first_difference, Some(d("2023-09-01")));
    assert_eq!(result.differences, switch_on_2023_09_01());
    // What the differences say, by the engine's own verbs.
    let (was, now) = (
        before.evaluate(&membership, d("2023-09-01")),
        after.evaluate(&membership, d("2023-09-01")),
    );
    assert_eq!(was.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(now.offers[0].phase, Phase::RenewalWindow);
    let renewed = |rules: &Policy| {
        rules
            .apply(&membership, &Action::renew("maps"), d("2023-09-01"))
            .unwrap()
            .offer("maps")
            .unwrap()
            .anniversary()
    };
    assert_eq!(renewed(before), d("2024-08-31"));
    assert_eq!(renewed(after), d("2024-08-19"));
}

/// The history switches from partner-center-2022 to partner-center-2023 on
/// 2023-09-01: against 2022 alone it differs first on that day, and by the
/// same differences as 2023 alone.
#[test]
fn the_history_differs_from_2022_first_on_the_day_2023_comes_into_force() {
    let membership = pack_of_2022();
    let history = PolicySet::partner_center_history();
    let result = membership_impact(
        builtin("partner-center-2022"),
        &history,
        &membership,
        d("2022-10-01")..=d("2023-12-31"),
    );
    assert_eq!(result.first_difference, Some(d("2023-09-01")));
    assert_eq!(result.differences, switch_on_2023_09_01());
}

/// Read from 2023 back to 2022, the same day shows the same differences the
/// other way round: what was closed is opened.
#[test]
fn the_impact_read_backwards_swaps_before_and_after() {
    let membership = pack_of_2022();
    let result = membership_impact(
        builtin("partner-center-2023"),
        builtin("partner-center-2022"),
        &membership,
        d("2023-09-01")..=d("2023-09-01"),
    );
    assert_eq!(result.first_difference, Some(d("2023-09-01")));
    assert_eq!(
        result.differences,
        [
            Difference::Window {
                offer: "maps".to_owned(),
                before: window("2023-08-20", "2023-09-19"),
                after: window("2023-08-21", "2023-09-19"),
            },
            anniversary("maps", "2024-08-19", "2024-08-31"),
            // The evaluation's order: the pack's actions, then the purchases.
            opened(Action::request_cancellation("maps"), &[], None),
            opened(
                Action::purchase(OfferKind::LearningActionPack),
                &[Reason::AlreadyHeld],
                None,
            ),
        ]
    );
}

/// W2, W7 → 2023: before the window, renew is blocked under both for the
/// same reason, but allowed from the anniversary under 2023 and from the
/// day after it under 2022.
#[test]
fn w2_w7_before_the_window_renew_is_allowed_a_day_earlier_under_2023() {
    let result = membership_impact(
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
        &pack_of_2022(),
        d("2023-08-01")..=d("2023-12-31"),
    );
    assert_eq!(result.first_difference, Some(d("2023-08-01")));
    assert_eq!(
        result.differences,
        [
            Difference::Window {
                offer: "maps".to_owned(),
                before: window("2023-08-21", "2023-09-19"),
                after: window("2023-08-20", "2023-09-19"),
            },
            closed(Action::request_cancellation("maps"), &[]),
            closed(
                Action::purchase(OfferKind::LearningActionPack),
                &[Reason::AlreadyHeld],
            ),
            Difference::ReasonsChanged {
                action: owned(Action::renew("maps")),
                before: set(&[Reason::WindowNotOpen]),
                after: set(&[Reason::WindowNotOpen]),
                before_allowed_from: Some(d("2023-08-21")),
                after_allowed_from: Some(d("2023-08-20")),
            },
        ]
    );
}

/// W2, A1 → 2023: on the anniversary the window is open under 2023 only,
/// so renew opens and the automatic renewal falls due that day.
#[test]
fn w2_a1_on_the_anniversary_the_window_and_the_automatic_renewal_open_under_2023_only() {
    let result = membership_impact(
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
        &pack_of_2022(),
        d("2023-08-20")..=d("2023-08-20"),
    );
    assert_eq!(result.first_difference, Some(d("2023-08-20")));
    assert_eq!(
        result.differences,
        [
            Difference::Phase {
                offer: "maps".to_owned(),
                before: Phase::Active,
                after: Phase::RenewalWindow,
            },
            Difference::Window {
                offer: "maps".to_owned(),
                before: window("2023-08-21", "2023-09-19"),
                after: window("2023-08-20", "2023-09-19"),
            },
            opened(
                Action::renew("maps"),
                &[Reason::WindowNotOpen],
                Some(d("2023-08-21")),
            ),
            closed(Action::request_cancellation("maps"), &[]),
            closed(
                Action::purchase(OfferKind::LearningActionPack),
                &[Reason::AlreadyHeld],
            ),
            Difference::ReminderAdded {
                reminder: Reminder {
                    kind: ReminderKind::AutoRenewalDue,
                    offer: "maps".to_owned(),
                    recipients: &Recipient::ALL,
                    extension: None,
                },
            },
        ]
    );
}

/// W5 → 2022: same windows, same reminders, no extension for a pack (E3):
/// the two evaluations are the same every day, until renew opens on the
/// window's first day, where 2020 sets the anniversary + 365 days and 2022
/// the renewal day + 365.
#[test]
fn w5_a_term_from_the_renewal_day_differs_from_one_from_the_anniversary_when_the_window_opens() {
    // Bought 2019-06-22: anniversary 2020-06-22, window 2020-06-23 ..= 07-22.
    let membership = member([OfferDraft::action_pack("maps", d("2019-06-22"))]);
    let result = membership_impact(
        builtin("partner-center-2020"),
        builtin("partner-center-2022"),
        &membership,
        d("2020-01-01")..=d("2020-12-31"),
    );
    assert_eq!(result.first_difference, Some(d("2020-06-23")));
    assert_eq!(
        result.differences,
        [anniversary("maps", "2021-06-22", "2021-06-23")]
    );
}

/// W5: a policy whose term is the anniversary + 366 days and one whose term
/// is the renewal day + 365 set the same anniversary on the window's first
/// day (anniversary + 1): the evaluations are the same then and for three
/// weeks after, yet from the next day the renewal day's term sets one day
/// more each day. The first difference is that next day, a breakpoint of
/// neither evaluation.
#[cfg(feature = "serde")]
#[test]
fn w5_a_term_from_the_renewal_day_overtakes_an_equal_one_from_the_anniversary_the_next_day() {
    let plus_366: Policy = serde_json::from_value(serde_json::json!({
        "name": "anniversary-plus-366",
        "windows": {"partner_center": {"opens": 1, "closes": 30},
                    "pmc": {"opens": -90, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 366},
        "reminders": {"upcoming": -15, "window_closing": 23}
    }))
    .unwrap();
    // Anniversary 2023-03-10, window 2023-03-11 ..= 04-09; auto-renewal off,
    // so no A1 reminder ends on 03-12.
    let membership = member([OfferDraft::action_pack("maps", d("2022-03-10")).auto_renew(false)]);
    let after = builtin("partner-center-2022");
    let evaluation = after.evaluate(&membership, d("2023-03-11"));
    assert_eq!(evaluation.next_change, Some(d("2023-04-02"))); // N2: anniversary + 23
    let result = membership_impact(
        &plus_366,
        after,
        &membership,
        d("2023-01-01")..=d("2023-12-31"),
    );
    // 2023-03-11: 2023-03-10 + 366 = 2024-03-10 = 2023-03-11 + 365 (2024-02-29).
    assert_eq!(result.first_difference, Some(d("2023-03-12")));
    assert_eq!(
        result.differences,
        [anniversary("maps", "2024-03-10", "2024-03-11")]
    );
}

/// E4: a competency covered by covid-2020-h1 renews to the same month and
/// day a year later under 2020; 2018 has no extensions, so the evaluations
/// already differ in the extension that covers it, and in P1 (waived by
/// the extension): the renewal is open under 2020 only.
#[test]
fn e1_e4_a_competency_under_an_extension_differs_by_its_extension_and_its_requirements() {
    // Anniversary 2020-03-10, inside covid-2020-h1; exams not validated.
    let membership = member([crate::common::competency(
        "cloud",
        mpn_renewals::CompetencyLevel::Gold,
        "2020-03-10",
        true,
        false,
    )]);
    let result = membership_impact(
        builtin("partner-center-2018"),
        builtin("partner-center-2020"),
        &membership,
        d("2020-03-11")..=d("2020-03-11"),
    );
    assert_eq!(result.first_difference, Some(d("2020-03-11")));
    let kinds: Vec<DifferenceKind> = result.differences.iter().map(Difference::kind).collect();
    assert_eq!(
        kinds,
        [DifferenceKind::Extension, DifferenceKind::ActionOpened]
    );
    assert_eq!(
        result.differences[1],
        opened(Action::renew("cloud"), &[Reason::ExamsNotValidated], None)
    );
}

/// Two policies that differ only in name (2018 and 2022 have the same
/// knobs), or the same policy alone and in a set of one, have no impact.
#[test]
fn policies_that_differ_only_in_name_have_no_impact() {
    let memberships = [
        pack_of_2022(),
        member([OfferDraft::action_pack("maps", d("2019-06-22")).auto_renew(false)]),
        with(
            Membership::builder("litware").portal(Portal::Pmc),
            [gold("cloud", "2020-03-10", true)],
        ),
    ];
    let span = d("2018-01-01")..=d("2024-12-31");
    let result = impact(
        builtin("partner-center-2018"),
        builtin("partner-center-2022"),
        &memberships,
        span.clone(),
    );
    assert!(result.memberships.iter().all(|m| !m.differs()));
    assert!(result.memberships.iter().all(|m| m.differences.is_empty()));
    assert_eq!(
        result.summary,
        Summary {
            memberships: 3,
            ..Summary::default()
        }
    );
    let single = PolicySet::single(Policy::partner_center_2020());
    let result = impact(builtin("partner-center-2020"), &single, &memberships, span);
    assert_eq!(result.summary.differing, 0);
}

/// M1, M2: a membership without offers holds the network level (or
/// nothing) and may buy either pack (or neither) under every built-in
/// policy, and its tokens' rule (B2) is the same in all of them.
#[test]
fn m1_m2_b2_a_membership_without_offers_is_not_touched_by_any_built_in_policy() {
    let memberships = [
        Membership::builder("member").build().unwrap(),
        Membership::builder("outsider")
            .network_member(false)
            .token(Token::new("o365", d("2023-03-01")))
            .build()
            .unwrap(),
    ];
    let mut sides: Vec<PolicySet> = Policy::BUILTIN_NAMES
        .iter()
        .map(|name| PolicySet::single(builtin(name).clone()))
        .collect();
    sides.push(PolicySet::partner_center_history());
    for before in &sides {
        for after in &sides {
            let result = impact(
                before,
                after,
                &memberships,
                d("2017-01-01")..=d("2025-12-31"),
            );
            assert_eq!(result.summary.differing, 0, "{before:?} {after:?}");
        }
    }
}

/// The summary over three memberships from 2023-09-01: the pack of 2022
/// (differs that day: window, anniversary, two actions closed), an account
/// without offers (never differs), and a gold competency in PMC whose
/// window (P4: anniversary − 90 ..= anniversary, the same in both) opens
/// on 2023-12-02, where a renewal sets 2024-12-01 under 2022 (that day +
/// 365, across 2024-02-29) and 2025-03-01 under 2023 (the anniversary
/// 2024-03-01 + 365).
#[test]
fn the_summary_counts_the_memberships_by_kind_and_dates_the_first_differences() {
    let memberships = [
        pack_of_2022(),
        Membership::builder("fabrikam").build().unwrap(),
        with(
            Membership::builder("litware").portal(Portal::Pmc),
            [gold("cloud", "2024-03-01", true)],
        ),
    ];
    let result = impact(
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
        &memberships,
        d("2023-09-01")..=d("2023-12-31"),
    );
    let firsts: Vec<(&str, Option<NaiveDate>)> = result
        .memberships
        .iter()
        .map(|m| (m.account.as_str(), m.first_difference))
        .collect();
    assert_eq!(
        firsts,
        [
            ("contoso", Some(d("2023-09-01"))),
            ("fabrikam", None),
            ("litware", Some(d("2023-12-02"))),
        ]
    );
    assert_eq!(result.memberships[0].differences, switch_on_2023_09_01());
    assert_eq!(
        result.memberships[2].differences,
        [anniversary("cloud", "2024-12-01", "2025-03-01")]
    );
    let summary = &result.summary;
    assert_eq!(summary.memberships, 3);
    assert_eq!(summary.differing, 2);
    // A membership counts once per kind: the pack closes two actions.
    let by_kind: Vec<(DifferenceKind, usize)> =
        summary.by_kind.iter().map(|(k, n)| (*k, *n)).collect();
    assert_eq!(
        by_kind,
        [
            (DifferenceKind::Window, 1),
            (DifferenceKind::Anniversary, 2),
            (DifferenceKind::ActionClosed, 1),
        ]
    );
    assert_eq!(summary.earliest, Some(d("2023-09-01")));
    assert_eq!(summary.latest, Some(d("2023-12-02")));
    // The same summary, one membership at a time.
    let mut streamed = Summary::default();
    for membership in &memberships {
        streamed.add(&membership_impact(
            builtin("partner-center-2022"),
            builtin("partner-center-2023"),
            membership,
            d("2023-09-01")..=d("2023-12-31"),
        ));
    }
    assert_eq!(&streamed, summary);
    // Ending the span the day before the competency's window leaves it out.
    let earlier = impact(
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
        &memberships,
        d("2023-09-01")..d("2023-12-02"),
    );
    assert_eq!(earlier.summary.differing, 1);
    assert_eq!(earlier.summary.latest, Some(d("2023-09-01")));
}

/// A span is a Rust range: an empty or reversed one has no day, so nothing
/// differs in it; every membership is still counted.
#[test]
fn an_empty_or_reversed_span_has_no_difference() {
    let memberships = [pack_of_2022()];
    let (before, after) = (
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
    );
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = impact(
        before,
        after,
        &memberships,
        d("2023-12-31")..=d("2023-09-01"),
    );
    let empty = impact(
        before,
        after,
        &memberships,
        d("2023-09-01")..d("2023-09-01"),
    );
    for result in [reversed, empty] {
        assert_eq!(result.memberships.len(), 1);
        assert_eq!(result.memberships[0].first_difference, None);
        assert!(result.memberships[0].differences.is_empty());
        assert_eq!(
            result.summary,
            Summary {
                memberships: 1,
                ..Summary::default()
            }
        );
    }
    // The one day of `a..=a` is compared; an open end reaches the calendar's.
    let one_day = impact(
        before,
        after,
        &memberships,
        d("2023-09-01")..=d("2023-09-01"),
    );
    assert_eq!(one_day.summary.differing, 1);
    let open = impact(before, after, &memberships, ..);
    assert!(open.memberships[0].differs());
    // No membership at all.
    let none = impact(before, after, &[] as &[Membership], ..);
    assert_eq!(none.summary, Summary::default());
}

/// The difference kinds read back from their wire names.
#[test]
fn difference_kinds_have_wire_names() {
    for kind in DifferenceKind::ALL {
        assert_eq!(kind.to_string().parse::<DifferenceKind>().unwrap(), kind);
    }
    assert_eq!(DifferenceKind::ActionClosed.to_string(), "action_closed");
    assert!("closed".parse::<DifferenceKind>().is_err());
}

/// The serde forms: one line of the command per membership, tagged
/// differences with the action's and reminder's fields in place, dates of
/// the wire form, the summary's kinds by name.
#[cfg(feature = "serde")]
#[test]
fn the_serde_form_is_the_command_s_lines() {
    let result = impact(
        builtin("partner-center-2022"),
        builtin("partner-center-2023"),
        &[pack_of_2022()],
        d("2023-09-01")..=d("2023-12-31"),
    );
    assert_eq!(
        serde_json::to_value(&result.memberships[0]).unwrap(),
        serde_json::json!({
            "account": "contoso",
            "first_difference": "2023-09-01",
            "differences": [
                {"difference": "window", "offer": "maps",
                 "before": {"opens": "2023-08-21", "closes": "2023-09-19"},
                 "after": {"opens": "2023-08-20", "closes": "2023-09-19"}},
                {"difference": "anniversary", "offer": "maps",
                 "before": "2024-08-31", "after": "2024-08-19"},
                {"difference": "action_closed", "action": "request_cancellation",
                 "offer": "maps", "reasons": [], "allowed_from": null},
                {"difference": "action_closed", "action": "purchase",
                 "kind": "learning_action_pack", "reasons": ["already_held"],
                 "allowed_from": null}
            ]
        })
    );
    assert_eq!(
        serde_json::to_string(&result.summary).unwrap(),
        r#"{"memberships":1,"differing":1,"by_kind":{"window":1,"anniversary":1,"action_closed":1},"earliest":"2023-09-01","latest":"2023-09-01"}"#
    );
    let reminder = Difference::ReminderAdded {
        reminder: Reminder {
            kind: ReminderKind::AutoRenewalDue,
            offer: "maps".to_owned(),
            recipients: &Recipient::ALL,
            extension: None,
        },
    };
    assert_eq!(
        serde_json::to_string(&reminder).unwrap(),
        r#"{"difference":"reminder_added","kind":"auto_renewal_due","offer":"maps","recipients":["global_admin","mpn_admin"],"extension":null}"#
    );
    let changed = Difference::ReasonsChanged {
        action: owned(Action::renew("maps")),
        before: Reasons::EMPTY.with(Reason::WindowNotOpen),
        after: Reasons::EMPTY,
        before_allowed_from: Some(d("2023-08-21")),
        after_allowed_from: None,
    };
    assert_eq!(
        serde_json::to_string(&changed).unwrap(),
        r#"{"difference":"reasons_changed","action":"renew","offer":"maps","before":["window_not_open"],"after":[],"before_allowed_from":"2023-08-21","after_allowed_from":null}"#
    );
}
