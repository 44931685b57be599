//! Property tests of `evaluate` over the crate's own generators
//! (`mpn_renewals::strategies`, feature `proptest`), used exactly as a
//! downstream suite would use them.
//!
//! Each property names the bug it is there to catch.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use mpn_renewals::calendar::parse_date;
use mpn_renewals::evaluation::CoreBenefits;
use mpn_renewals::{
    evaluate, strategies, Action, Evaluation, Membership, OfferKind, Phase, Policy, Portal, Reason,
    Rules,
};
use proptest::prelude::*;
use serde_json::Value;

use crate::common::ymd;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A date as a day number (0001-01-01 is day 1).
fn num(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number, if chrono can represent it.
fn date_of(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// `a` and `b` hold the same elements (as sets; duplicates are checked
/// elsewhere).
fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x)) && b.iter().all(|x| a.contains(x))
}

/// Whether two evaluations agree in everything but `today` and
/// `next_change`, with `allowed`, `blocked` and `reminders` compared as sets
/// (the wire contract: consumers must not rely on their order).
fn same_outcome(a: &Evaluation<&str>, b: &Evaluation<&str>) -> bool {
    a.policy == b.policy
        && a.core_benefits == b.core_benefits
        && a.offers == b.offers
        && same_set(&a.allowed, &b.allowed)
        && same_set(&a.blocked, &b.blocked)
        && same_set(&a.reminders, &b.reminders)
}

/// The day ranges (day numbers, inclusive) inside which the evaluation of
/// `membership` can change at all: every rule date of an offer lies within
/// anniversary − 90 ..= anniversary + 366 (PMC's window opens 90 days before
/// the anniversary, P4; the extended anniversary is at most 366 days after
/// it, E4), and the day after it may be a change; a token's within
/// activated ..= activated + 31; a purchase's within purchased ..=
/// purchased + 31 (the 2023 policy's cancellation period); plus the fixed end of `covid-2020-h1`'s
/// reactivation, 2020-06-30, and the day after it. A little slack on each
/// side. Sorted and merged.
fn change_ranges(membership: &Membership) -> Vec<(i32, i32)> {
    let mut ranges: Vec<(i32, i32)> = membership
        .offers()
        .iter()
        .map(|offer| {
            let a = num(offer.anniversary());
            (a - 91, a + 368)
        })
        .chain(membership.offers().iter().map(|offer| {
            // 2023: cancellation only within 30 days of the purchase.
            let p = num(offer.purchased());
            (p - 1, p + 33)
        }))
        .chain(membership.tokens().iter().map(|token| {
            let a = num(token.activated());
            (a - 1, a + 33)
        }))
        .collect();
    let e1_end = num(ymd(2020, 6, 30));
    ranges.push((e1_end - 1, e1_end + 2));
    ranges.sort_unstable();
    let mut merged: Vec<(i32, i32)> = Vec::new();
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1 + 1 => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    merged
}

/// The reference of `next_change`, by stepping: the first day after `today`
/// whose evaluation differs from today's in anything but `today` and
/// `next_change`, or `None`.
///
/// It steps one day at a time through the first 400 days after `today` and
/// through every range of [`change_ranges`]; a gap between two ranges (or
/// before the first, for a `today` far before year 1) is jumped over, after
/// checking that its last day still evaluates like `today` (a change inside
/// a gap would mean that a rule derives a date outside its documented reach:
/// that is reported as an error). After the last range it checks the day
/// after it and `NaiveDate::MAX`. Returns `Err` with a description where a
/// gap hides a change.
fn stepped_next_change(
    policy: &Policy,
    membership: &Membership,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    let evaluate = |day| policy.evaluate(membership, day);
    let base = evaluate(today);
    let ranges = change_ranges(membership);
    let start = num(today);
    let dense_until = start.saturating_add(400);
    let mut d = start + 1;
    loop {
        let Some(date) = date_of(d) else {
            return Ok(None); // past NaiveDate::MAX
        };
        let in_range = ranges.iter().any(|&(lo, hi)| lo <= d && d <= hi);
        if d <= dense_until || in_range {
            if !same_outcome(&base, &evaluate(date)) {
                return Ok(Some(date));
            }
            d += 1;
            continue;
        }
        // In a gap: jump to the next range, checking the gap's last day.
        let next = ranges.iter().map(|&(lo, _)| lo).find(|&lo| lo > d);
        let last_of_gap = match next {
            Some(lo) => date_of(lo - 1),
            None => Some(NaiveDate::MAX),
        };
        if let Some(last) = last_of_gap {
            if !same_outcome(&base, &evaluate(last)) {
                return Err(format!(
                    "the evaluation changes between {date} and {last}, outside every rule's \
                     documented reach {ranges:?}"
                ));
            }
        }
        match next {
            Some(lo) => d = lo,
            None => return Ok(None),
        }
    }
}

fn to_json(evaluation: &Evaluation<&str>) -> Value {
    serde_json::to_value(evaluation).unwrap()
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {value}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

/// The offer or token id an action is about, if any.
fn subject<'s>(action: &'s Action<&str>) -> Option<&'s str> {
    match action {
        Action::Purchase { .. } => None,
        other => other.target(),
    }
}

/// A membership and two days near its boundaries, in order.
fn membership_and_two_days() -> impl Strategy<Value = (Membership, NaiveDate, NaiveDate)> {
    strategies::membership()
        .prop_flat_map(|membership| {
            let first = strategies::day_near(&membership);
            let second = strategies::day_near(&membership);
            (Just(membership), first, second)
        })
        .prop_map(|(membership, a, b)| (membership, a.min(b), a.max(b)))
}

/// Property 6 for one policy, membership and day.
fn check_next_change(policy: &Policy, m: &Membership, day: NaiveDate) -> Result<(), TestCaseError> {
    let e = policy.evaluate(m, day);
    let reference = stepped_next_change(policy, m, day);
    prop_assert!(reference.is_ok(), "{}", reference.unwrap_err());
    let reference = reference.unwrap();
    // Stepping stopped at the first differing day, so every day strictly
    // between `day` and `reference` evaluates like `day`: with the equality
    // below, that is the converse (nothing changes before next_change).
    prop_assert_eq!(
        e.next_change,
        reference,
        "{}, today {}: next_change {:?}, first differing day {:?}",
        policy.name(),
        day,
        e.next_change,
        reference
    );
    if let Some(next) = e.next_change {
        prop_assert!(next > day);
        prop_assert!(!same_outcome(&e, &policy.evaluate(m, next)));
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// 1. Determinism. Catches hidden state: a clock, a global, iteration
    /// over a hash map, or (through `evaluate_into`) a buffer that keeps
    /// something of the previous evaluation.
    #[test]
    fn prop_evaluation_is_deterministic(
        (m, day) in strategies::membership_and_day(),
        (other, other_day) in strategies::membership_and_day(),
        policy in strategies::policy(),
    ) {
        let first = evaluate(&m, day);
        let second = evaluate(&m, day);
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(
            serde_json::to_string(&first).unwrap(),
            serde_json::to_string(&second).unwrap()
        );
        // The same under the policy value, and into a buffer that held the
        // evaluation of another membership on another day.
        let direct = policy.evaluate(&m, day);
        let mut reused = policy.evaluate(&other, other_day);
        policy.evaluate_into(&m, day, &mut reused);
        prop_assert_eq!(&direct, &reused);
        if policy.name() == mpn_renewals::Policy::DEFAULT_NAME {
            prop_assert_eq!(&direct, &first);
        }
    }

    /// 2. Which actions are listed. Catches an action dropped or listed
    /// twice (a renew missing for a cancelled or lapsed offer, a purchase
    /// listed per offer instead of per kind), an action in both lists, a
    /// `reactivate` shown without an extension or for a pack, and an
    /// "only when open" action filed as blocked.
    #[test]
    fn prop_every_action_is_listed_exactly_as_the_contract_says(
        (m, day) in strategies::membership_and_day(),
    ) {
        let e = evaluate(&m, day);
        let listed: Vec<(&Action<&str>, bool)> = e
            .allowed
            .iter()
            .map(|a| (a, true))
            .chain(e.blocked.iter().map(|b| (&b.action, false)))
            .collect();
        // No duplicate, and nothing both allowed and blocked.
        for (i, (a, a_open)) in listed.iter().enumerate() {
            for (b, b_open) in listed.iter().skip(i + 1) {
                prop_assert!(
                    a != b,
                    "{:?} listed twice (allowed: {}, {})", a, a_open, b_open
                );
            }
        }
        let count = |action: &Action<&str>| listed.iter().filter(|(a, _)| *a == action).count();

        for (offer, status) in m.offers().iter().zip(&e.offers) {
            prop_assert_eq!(offer.id(), status.id);
            prop_assert_eq!(count(&Action::renew(offer.id())), 1, "renew {}", offer.id());
            let reactivable = status.phase == Phase::Lapsed
                && offer.kind().is_competency()
                && status.extension.is_some();
            prop_assert_eq!(
                count(&Action::reactivate(offer.id())),
                usize::from(reactivable),
                "reactivate {} ({:?}, extension {:?})", offer.id(), status.phase, status.extension
            );
        }
        prop_assert_eq!(e.offers.len(), m.offers().len());
        for token in m.tokens() {
            prop_assert_eq!(
                count(&Action::request_replacement_token(token.id())),
                1,
                "request_replacement_token {}", token.id()
            );
        }
        for kind in OfferKind::ALL {
            let purchases = listed
                .iter()
                .filter(|(a, _)| matches!(a, Action::Purchase { kind: k, .. } if *k == kind))
                .count();
            prop_assert_eq!(purchases, usize::from(kind.is_pack()), "purchase {:?}", kind);
        }
        // The purchase and token entries carry exactly the reasons that
        // hold (M2, M4, B2), and are allowed when none does.
        for kind in [OfferKind::ActionPack, OfferKind::LearningActionPack] {
            let held = m
                .offers()
                .iter()
                .zip(&e.offers)
                .any(|(offer, status)| offer.kind() == kind && status.benefits);
            let expected: BTreeSet<Reason> = [
                (!m.network_member()).then_some(Reason::NotNetworkMember),
                held.then_some(Reason::AlreadyHeld),
            ]
            .into_iter()
            .flatten()
            .collect();
            let actual: BTreeSet<Reason> = e
                .blocked
                .iter()
                .find(|b| matches!(b.action, Action::Purchase { kind: k, .. } if k == kind))
                .map(|b| b.reasons.iter().collect())
                .unwrap_or_default();
            prop_assert_eq!(actual, expected, "purchase {:?}", kind);
        }
        for token in m.tokens() {
            let activated = token.activated();
            let expected: BTreeSet<Reason> = [
                token.is_replaced().then_some(Reason::ReplacementAlreadyIssued),
                (day < activated).then_some(Reason::NotYetActivated),
                (num(day) > num(activated) + 30).then_some(Reason::ReplacementPeriodOver),
            ]
            .into_iter()
            .flatten()
            .collect();
            let actual: BTreeSet<Reason> = e
                .blocked(&Action::request_replacement_token(token.id()))
                .map(|b| b.reasons.iter().collect())
                .unwrap_or_default();
            prop_assert_eq!(actual, expected, "token {}", token.id());
        }
        // An evaluation's purchase entries carry no id (that is for `apply`).
        for (action, _) in &listed {
            prop_assert!(
                !matches!(action, Action::Purchase { id: Some(_), .. }),
                "{:?}", action
            );
        }
        // Every action is about an offer or token of the membership, and
        // the "only when open" actions are never blocked.
        for (action, open) in &listed {
            if let Some(id) = subject(action) {
                let known = match action {
                    Action::RequestReplacementToken { .. } => m.token(id).is_some(),
                    _ => m.offer(id).is_some(),
                };
                prop_assert!(known, "{:?} names an unknown id", action);
            }
            let always_listed = matches!(
                action,
                Action::Purchase { .. }
                    | Action::Renew { .. }
                    | Action::Reactivate { .. }
                    | Action::RequestReplacementToken { .. }
            );
            prop_assert!(*open || always_listed, "{:?} is listed as blocked", action);
        }
        // No reminder twice, each about a known offer.
        for (i, r) in e.reminders.iter().enumerate() {
            prop_assert!(m.offer(r.offer).is_some(), "{:?} names an unknown offer", r);
            prop_assert!(!e.reminders[i + 1..].contains(r), "{:?} listed twice", r);
        }
    }

    /// 3. Blocked entries explain themselves. Catches a blocked entry with
    /// no reason, a reason serialized twice, an `allowed_from` missing,
    /// present without a dated reason, in the past, or not the first day on
    /// which the reason lifts.
    #[test]
    fn prop_blocked_entries_have_reasons_and_correct_allowed_from(
        (m, day) in strategies::membership_and_day(),
    ) {
        let e = evaluate(&m, day);
        for blocked in &e.blocked {
            prop_assert!(!blocked.reasons.is_empty(), "{:?} has no reason", blocked);
            let dated: Vec<Reason> = blocked
                .reasons
                .iter()
                .filter(|r| matches!(r, Reason::WindowNotOpen | Reason::NotYetActivated))
                .collect();
            prop_assert!(dated.len() <= 1, "{:?}", blocked);
            prop_assert_eq!(blocked.allowed_from.is_some(), !dated.is_empty(), "{:?}", blocked);
            if let (Some(from), Some(&reason)) = (blocked.allowed_from, dated.first()) {
                prop_assert!(from > day, "{:?}: allowed_from not after {}", blocked, day);
                // The first day on which that reason no longer holds.
                let holds_on = |date: NaiveDate| {
                    evaluate(&m, date)
                        .blocked(&blocked.action)
                        .is_some_and(|b| b.reasons.contains(reason))
                };
                prop_assert!(!holds_on(from), "{:?}: {:?} still holds on {}", blocked, reason, from);
                let eve = from.pred_opt().unwrap();
                prop_assert!(holds_on(eve), "{:?}: {:?} already lifted on {}", blocked, reason, eve);
            }
        }
        let json = to_json(&e);
        for entry in json["blocked"].as_array().unwrap() {
            let reasons: Vec<&str> = entry["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            prop_assert!(!reasons.is_empty(), "{}", entry);
            let distinct: BTreeSet<&str> = reasons.iter().copied().collect();
            prop_assert_eq!(distinct.len(), reasons.len(), "a reason twice in {}", entry);
            let dated = reasons.contains(&"window_not_open") || reasons.contains(&"not_yet_activated");
            prop_assert_eq!(entry.get("allowed_from").is_some(), dated, "{}", entry);
            if let Some(from) = entry.get("allowed_from") {
                let from = parse_date(from.as_str().unwrap()).unwrap();
                prop_assert!(from > day, "{}", entry);
            }
        }
    }

    /// 4. Phases only move forward. Catches a phase computed from the wrong
    /// anniversary (the next one, a moving one), or from comparisons that
    /// are off so that an offer goes back from lapsed to its window.
    #[test]
    fn prop_phases_only_move_forward((m, d1, d2) in membership_and_two_days()) {
        let early = evaluate(&m, d1);
        let late = evaluate(&m, d2);
        for (a, b) in early.offers.iter().zip(&late.offers) {
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(
                a.phase == Phase::Cancelled,
                b.phase == Phase::Cancelled,
                "{}: {:?} on {}, {:?} on {}", a.id, a.phase, d1, b.phase, d2
            );
            // Active < RenewalWindow < Lapsed.
            let rank = |p: Phase| match p {
                Phase::Active => 0,
                Phase::RenewalWindow => 1,
                Phase::Lapsed => 2,
                Phase::Cancelled => 3,
            };
            prop_assert!(
                rank(a.phase) <= rank(b.phase),
                "{}: {:?} on {} but {:?} on {}", a.id, a.phase, d1, b.phase, d2
            );
        }
    }

    /// 5. Benefits and core benefits. Catches benefits kept after the lapse
    /// or lost in the window (W4, B1), a cancelled offer still counted, a
    /// Learning Action Pack counted as core benefits, the wrong order of
    /// attainments, and a non-member given `network` (G2, M1).
    #[test]
    fn prop_benefits_follow_phase_and_core_benefits_are_the_highest(
        (m, day) in strategies::membership_and_day(),
    ) {
        let e = evaluate(&m, day);
        for status in &e.offers {
            prop_assert_eq!(
                status.benefits,
                matches!(status.phase, Phase::Active | Phase::RenewalWindow),
                "{:?}", status
            );
        }
        let with_benefits = |kind: OfferKind| {
            m.offers()
                .iter()
                .zip(&e.offers)
                .any(|(offer, status)| offer.kind() == kind && status.benefits)
        };
        let gold = with_benefits(OfferKind::GoldCompetency);
        let silver = with_benefits(OfferKind::SilverCompetency);
        let pack = with_benefits(OfferKind::ActionPack);
        let expected = if gold {
            Some(CoreBenefits::Gold)
        } else if silver {
            Some(CoreBenefits::Silver)
        } else if pack {
            Some(CoreBenefits::ActionPack)
        } else if m.network_member() {
            Some(CoreBenefits::Network)
        } else {
            None
        };
        prop_assert_eq!(e.core_benefits, expected);
    }

    /// 9. (D3, W2, W3, P4) The window of each offer lies where the portal
    /// puts it, and the phase says where today is relative to it. Catches
    /// an off-by-one at either end of the window, PMC given Partner Center's
    /// window (or the reverse), and a phase that disagrees with the window
    /// shown.
    #[test]
    fn d3_window_bounds_hold_for_generated_memberships(
        (m, day) in strategies::membership_and_day(),
    ) {
        let e = evaluate(&m, day);
        for (offer, status) in m.offers().iter().zip(&e.offers) {
            let window = status.window;
            prop_assert!(window.opens <= window.closes, "{:?}", status);
            prop_assert_eq!(status.anniversary, offer.anniversary());
            let a = num(offer.anniversary());
            let (opens, closes) = match m.portal() {
                Portal::PartnerCenter => (a + 1, a + 30),
                Portal::Pmc => (a - 90, a),
            };
            prop_assert_eq!(num(window.opens), opens, "{:?} in {:?}", status, m.portal());
            prop_assert_eq!(num(window.closes), closes, "{:?} in {:?}", status, m.portal());
            if offer.cancelled() {
                prop_assert_eq!(status.phase, Phase::Cancelled);
            } else {
                prop_assert_eq!(status.phase == Phase::RenewalWindow, window.contains(day));
                prop_assert_eq!(status.phase == Phase::Active, day < window.opens);
                prop_assert_eq!(status.phase == Phase::Lapsed, day > window.closes);
            }
            // `renew` agrees with the window shown: window_not_open exactly
            // before it (lifting on its first day), window_closed exactly
            // after it, cancelled exactly for a cancelled offer.
            let renew = Action::renew(offer.id());
            let reasons = e.blocked(&renew).map(|b| b.reasons).unwrap_or_default();
            prop_assert_eq!(reasons.contains(Reason::WindowNotOpen), day < window.opens, "{:?}", status);
            prop_assert_eq!(reasons.contains(Reason::WindowClosed), day > window.closes, "{:?}", status);
            prop_assert_eq!(reasons.contains(Reason::Cancelled), offer.cancelled(), "{:?}", status);
            if reasons.contains(Reason::WindowNotOpen) {
                prop_assert_eq!(e.blocked(&renew).unwrap().allowed_from, Some(window.opens));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// 6. `next_change` is exact, against a day-by-day reference. Catches a
    /// change day the engine forgets to report (a reminder's day, the day
    /// after a reminder, the end of a reactivation period, a token's period),
    /// and a day it reports on which nothing changes.
    #[test]
    fn prop_next_change_is_exact((m, day) in strategies::membership_and_day()) {
        check_next_change(&Policy::partner_center_2020(), &m, day)?;
    }

    /// 6, under every built-in policy (their windows, terms and the 2023
    /// cancellation period bring other change days).
    #[test]
    fn prop_next_change_is_exact_under_every_builtin_policy(
        (m, day) in strategies::membership_and_day(),
        policy in strategies::policy(),
    ) {
        check_next_change(&policy, &m, day)?;
    }

    /// 8. No panic, on any day chrono can represent (and its two ends), and
    /// the evaluation serializes. Catches unchecked date arithmetic (D4)
    /// near the ends of the calendar, and a serializer that cannot write a
    /// date outside 0001..=9999.
    #[test]
    fn prop_evaluate_never_panics_on_any_day(
        m in strategies::membership(),
        day in strategies::any_day(),
    ) {
        for today in [day, NaiveDate::MIN, NaiveDate::MAX] {
            let e = evaluate(&m, today);
            prop_assert_eq!(e.today, today);
            let json = serde_json::to_string(&e).unwrap();
            prop_assert!(serde_json::from_str::<Value>(&json).unwrap().is_object());
            if let Some(next) = e.next_change {
                prop_assert!(next > today);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    /// 7. Serde: a membership survives JSON unchanged, and an evaluation's
    /// JSON has the contract's shape. Catches a field dropped or renamed on
    /// either side, a default written back as something else, and an
    /// evaluation field added, renamed or mis-cased.
    #[test]
    fn prop_serde_round_trip_and_contract_shape((m, day) in strategies::membership_and_day()) {
        let text = serde_json::to_string(&m).unwrap();
        let back: Membership = serde_json::from_str(&text)
            .unwrap_or_else(|err| panic!("{text} is refused: {err}"));
        prop_assert_eq!(&back, &m, "{}", text);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);

        let e = evaluate(&m, day);
        let json = to_json(&e);
        prop_assert_eq!(
            keys(&json),
            set(&["today", "policy", "core_benefits", "offers", "allowed", "blocked", "reminders", "next_change"])
        );
        prop_assert_eq!(json["today"].as_str().unwrap(), day.to_string());
        prop_assert_eq!(json["policy"].as_str().unwrap(), e.policy);
        prop_assert!(
            json["core_benefits"].is_null()
                || ["gold", "silver", "action_pack", "network"]
                    .contains(&json["core_benefits"].as_str().unwrap()),
            "{}", json["core_benefits"]
        );
        match e.next_change {
            None => prop_assert!(json["next_change"].is_null()),
            Some(next) => prop_assert_eq!(json["next_change"].as_str().unwrap(), next.to_string()),
        }

        let offers = json["offers"].as_array().unwrap();
        prop_assert_eq!(offers.len(), m.offers().len());
        for (entry, offer) in offers.iter().zip(m.offers()) {
            prop_assert_eq!(
                keys(entry),
                set(&["id", "phase", "anniversary", "window", "benefits", "extension"])
            );
            prop_assert_eq!(keys(&entry["window"]), set(&["opens", "closes"]));
            prop_assert_eq!(entry["id"].as_str().unwrap(), offer.id());
            prop_assert!(
                ["active", "renewal_window", "lapsed", "cancelled"]
                    .contains(&entry["phase"].as_str().unwrap()),
                "{}", entry
            );
            prop_assert_eq!(
                parse_date(entry["anniversary"].as_str().unwrap()),
                Some(offer.anniversary())
            );
            for end in ["opens", "closes"] {
                let text = entry["window"][end].as_str().unwrap();
                prop_assert!(parse_date(text).is_some(), "{} is not a wire date", text);
            }
            prop_assert!(entry["benefits"].is_boolean());
            prop_assert!(entry["extension"].is_null() || entry["extension"].is_string());
        }

        let known_actions = [
            "purchase",
            "renew",
            "reactivate",
            "request_covid_override",
            "turn_off_auto_renew",
            "request_cancellation",
            "download_invoice",
            "update_business_profile",
            "provide_verification_documents",
            "migrate_to_partner_center",
            "request_replacement_token",
        ];
        for (list, extra) in [("allowed", &[][..]), ("blocked", &["reasons", "allowed_from"][..])] {
            for entry in json[list].as_array().unwrap() {
                let action = entry["action"].as_str().unwrap();
                prop_assert!(known_actions.contains(&action), "{}", entry);
                let subject_key: &[&str] = match action {
                    "purchase" => &["kind"],
                    "request_replacement_token" => &["token"],
                    "update_business_profile"
                    | "provide_verification_documents"
                    | "migrate_to_partner_center" => &[],
                    _ => &["offer"],
                };
                let allowed_keys: BTreeSet<&str> = ["action"]
                    .iter()
                    .chain(subject_key)
                    .chain(extra)
                    .copied()
                    .collect();
                let entry_keys = keys(entry);
                prop_assert!(entry_keys.is_subset(&allowed_keys), "{}", entry);
                for key in ["action"].iter().chain(subject_key) {
                    prop_assert!(entry_keys.contains(key), "{} lacks {}", entry, key);
                }
                if list == "blocked" {
                    prop_assert!(entry_keys.contains("reasons"), "{}", entry);
                }
            }
        }

        prop_assert_eq!(json["reminders"].as_array().unwrap().len(), e.reminders.len());
        for entry in json["reminders"].as_array().unwrap() {
            prop_assert_eq!(keys(entry), set(&["kind", "offer", "recipients", "extension"]));
            prop_assert_eq!(&entry["recipients"], &serde_json::json!(["global_admin", "mpn_admin"]));
        }
        for reminder in &e.reminders {
            prop_assert_eq!(reminder.recipients, mpn_renewals::evaluation::Recipient::ALL);
        }
    }
}

/// 6, for the days far from every rule date: before 0001-01-01 and after
/// 9999-12-31, where no rule date lies. Before year 1, the evaluation is the
/// same as on the eve of the first rule date (the earliest day of
/// [`change_ranges`]), and `next_change` is the reference stepped from that
/// eve; after 9999, it is `None`.
#[test]
fn prop_next_change_outside_the_wire_range() {
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config::with_cases(512));
    let before_year_one = strategies::day_between(NaiveDate::MIN, ymd(0, 12, 31));
    let after_9999 = strategies::day_between(ymd(10000, 1, 1), NaiveDate::MAX);
    let days = prop_oneof![
        before_year_one,
        after_9999,
        Just(NaiveDate::MIN),
        Just(NaiveDate::MAX),
        Just(ymd(0, 12, 31)),
        Just(ymd(10000, 1, 1)),
    ];
    runner
        .run(&(strategies::membership(), days), |(m, day)| {
            let e = evaluate(&m, day);
            if day.year() >= 10000 {
                prop_assert_eq!(e.next_change, None, "today {}", day);
                prop_assert!(same_outcome(&e, &evaluate(&m, NaiveDate::MAX)));
                return Ok(());
            }
            // Everything from `day` to the eve of the first rule date
            // evaluates alike.
            let first = change_ranges(&m)[0].0;
            let eve = date_of(first - 1).unwrap();
            let at_eve = evaluate(&m, eve);
            prop_assert!(same_outcome(&e, &at_eve), "{} vs {}", day, eve);
            let expected = stepped_next_change(&Policy::partner_center_2020(), &m, eve);
            prop_assert!(expected.is_ok(), "{}", expected.unwrap_err());
            let expected = expected.unwrap();
            prop_assert_eq!(e.next_change, expected, "today {}", day);
            prop_assert_eq!(at_eve.next_change, expected, "eve {}", eve);
            Ok(())
        })
        .unwrap();
}
