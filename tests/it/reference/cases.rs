//! The reference (`reference/mod.rs`) against the golden cases of
//! `tests/data/cases/`, and against values worked out by hand from the rules
//! catalogue: the oracle is checked here before the crate is checked against
//! it (`differential.rs`, `sweeps.rs`). The hand-worked checks carry the ID
//! of the rule they are about.

use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::common::{cases_dir, d, golden_cases};

use super::{normalize, reference_evaluate};

#[test]
fn reference_matches_every_golden_case() {
    let cases = golden_cases();
    assert!(
        !cases.is_empty(),
        "no golden case in {}",
        cases_dir().display()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let today = d(case["today"].as_str().unwrap());
        let actual = reference_evaluate(&case["membership"], today);
        let expected = &case["evaluation"];
        if normalize(&actual) != normalize(expected) {
            failures.push(format!(
                "{name}:\n  expected {}\n  actual   {}",
                normalize(expected),
                normalize(&actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} golden cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

fn eval(membership: &Value, today: &str) -> Value {
    reference_evaluate(membership, d(today))
}

// ---------------------------------------------------------------------------
// Hand-checked examples. Every expected value below was worked out by hand
// from the rules catalogue / the wire contract, not copied from the reference's output.
// ---------------------------------------------------------------------------

fn allowed(ev: &Value) -> &Vec<Value> {
    ev["allowed"].as_array().unwrap()
}

fn blocked(ev: &Value) -> &Vec<Value> {
    ev["blocked"].as_array().unwrap()
}

fn assert_allowed(ev: &Value, action: &Value) {
    assert!(
        allowed(ev).contains(action),
        "{action} not allowed in {ev:#}"
    );
    assert!(!is_blocked(ev, action), "{action} also blocked in {ev:#}");
}

/// True when a blocked entry has exactly the keys of `action` besides
/// `reasons` and `allowed_from`.
fn is_blocked(ev: &Value, action: &Value) -> bool {
    blocked(ev).iter().any(|entry| {
        let mut key = entry.clone();
        let obj = key.as_object_mut().unwrap();
        obj.remove("reasons");
        obj.remove("allowed_from");
        &key == action
    })
}

/// `entry` (with its reasons, in the contract's order, and `allowed_from`
/// when due) is blocked, and the action is not also allowed.
fn assert_blocked(ev: &Value, entry: &Value) {
    assert!(blocked(ev).contains(entry), "{entry} not blocked in {ev:#}");
    let mut action = entry.clone();
    let obj = action.as_object_mut().unwrap();
    obj.remove("reasons");
    obj.remove("allowed_from");
    assert!(
        !allowed(ev).contains(&action),
        "{action} also allowed in {ev:#}"
    );
}

/// The action is neither allowed nor blocked.
fn assert_unlisted(ev: &Value, action: &Value) {
    assert!(!allowed(ev).contains(action), "{action} allowed in {ev:#}");
    assert!(!is_blocked(ev, action), "{action} blocked in {ev:#}");
}

/// The (kind, offer) pairs of today's reminders, sorted.
fn reminders(ev: &Value) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ev["reminders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            assert_eq!(r["recipients"], json!(["global_admin", "mpn_admin"])); // N3
            (
                r["kind"].as_str().unwrap().to_string(),
                r["offer"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

fn pair(kind: &str, offer: &str) -> (String, String) {
    (kind.to_string(), offer.to_string())
}

fn offer0(ev: &Value) -> &Value {
    &ev["offers"][0]
}

/// Action Pack "maps" that expires (anniversary) 2020-06-22 (W3, `002`).
fn maps_june_22(auto_renew: bool) -> Value {
    json!({
        "account": "c",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2019-06-22",
                    "anniversary": "2020-06-22", "auto_renew": auto_renew}]
    })
}

#[test]
fn w3_reference_last_day_of_window() {
    // "Expires June 22: renew from June 23 and for 30 days after":
    // June 22 + 8 = June 30, + 22 = July 22.
    let m = maps_june_22(false);
    let ev = eval(&m, "2020-07-22");
    assert_eq!(offer0(&ev)["phase"], "renewal_window");
    assert_eq!(
        offer0(&ev)["window"],
        json!({"opens": "2020-06-23", "closes": "2020-07-22"})
    );
    assert_allowed(&ev, &json!({"action": "renew", "offer": "maps"}));
    assert_eq!(ev["next_change"], "2020-07-23");
}

#[test]
fn w2_reference_window_opens_day_after_expiry() {
    let m = maps_june_22(false);
    // W7: not on the anniversary itself.
    let ev = eval(&m, "2020-06-22");
    assert_eq!(offer0(&ev)["phase"], "active");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["window_not_open"],
               "allowed_from": "2020-06-23"}),
    );
    assert_eq!(ev["next_change"], "2020-06-23");
    // W2: the day after.
    let ev = eval(&m, "2020-06-23");
    assert_eq!(offer0(&ev)["phase"], "renewal_window");
    assert_eq!(offer0(&ev)["benefits"], true); // W4
    assert_allowed(&ev, &json!({"action": "renew", "offer": "maps"}));
    // auto_renew off: no auto_renewal_due, no turn_off_auto_renew (A1, A2).
    assert_eq!(reminders(&ev), vec![]);
    assert_unlisted(
        &ev,
        &json!({"action": "turn_off_auto_renew", "offer": "maps"}),
    );
    // Nothing changes until N2's reminder on June 22 + 23 = July 15.
    assert_eq!(ev["next_change"], "2020-07-15");
}

#[test]
fn w6_reference_lapsed_day_after_window() {
    let ev = eval(&maps_june_22(false), "2020-07-23");
    assert_eq!(offer0(&ev)["phase"], "lapsed");
    assert_eq!(offer0(&ev)["benefits"], false);
    assert_eq!(ev["core_benefits"], "network");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["window_closed"]}),
    );
    // W6: buy afresh; N5: benefits lost today.
    assert_allowed(&ev, &json!({"action": "purchase", "kind": "action_pack"}));
    assert_eq!(reminders(&ev), vec![pair("benefits_lost", "maps")]);
    assert_eq!(ev["next_change"], "2020-07-24");
    // The day after: the notice is gone, and nothing changes any more.
    let ev = eval(&maps_june_22(false), "2020-07-24");
    assert_eq!(reminders(&ev), vec![]);
    assert_eq!(ev["next_change"], Value::Null);
}

#[test]
fn n1_reference_reminders_of_an_auto_renewing_action_pack() {
    let m = maps_june_22(true);
    // N1: June 22 - 15 = June 7; with auto_renew, upcoming_auto_renewal.
    let ev = eval(&m, "2020-06-07");
    assert_eq!(reminders(&ev), vec![pair("upcoming_auto_renewal", "maps")]);
    assert_eq!(ev["reminders"][0]["extension"], Value::Null);
    assert_eq!(ev["next_change"], "2020-06-08");
    let ev = eval(&m, "2020-06-06");
    assert_eq!(reminders(&ev), vec![]);
    assert_eq!(ev["next_change"], "2020-06-07");
    // A1: the charge on the window's first day, June 23.
    let ev = eval(&m, "2020-06-23");
    assert_eq!(reminders(&ev), vec![pair("auto_renewal_due", "maps")]);
    // N2: June 22 + 23 = July 15.
    let ev = eval(&m, "2020-07-15");
    assert_eq!(reminders(&ev), vec![pair("window_closing", "maps")]);
    assert_eq!(ev["next_change"], "2020-07-16");
}

#[test]
fn d1_reference_leap_day_purchase() {
    // D1: bought 2020-02-29, first anniversary 2021-02-28; window
    // 2021-03-01 ..= 2021-03-30 (February 2021 has 28 days).
    // D5: a Learning Action Pack has no automatic renewal, so its N1
    // reminder on 2021-02-28 - 15 = 2021-02-13 is upcoming_anniversary.
    let m = json!({
        "account": "c",
        "offers": [{"id": "lap", "kind": "learning_action_pack", "purchased": "2020-02-29"}]
    });
    let ev = eval(&m, "2021-02-13");
    assert_eq!(offer0(&ev)["anniversary"], "2021-02-28");
    assert_eq!(
        offer0(&ev)["window"],
        json!({"opens": "2021-03-01", "closes": "2021-03-30"})
    );
    assert_eq!(reminders(&ev), vec![pair("upcoming_anniversary", "lap")]);
    // A Learning Action Pack is not an Action Pack for A2-A4 nor for
    // core benefits.
    assert_unlisted(
        &ev,
        &json!({"action": "turn_off_auto_renew", "offer": "lap"}),
    );
    assert_unlisted(
        &ev,
        &json!({"action": "request_cancellation", "offer": "lap"}),
    );
    assert_unlisted(&ev, &json!({"action": "download_invoice", "offer": "lap"}));
    assert_eq!(ev["core_benefits"], "network");
    assert_blocked(
        &ev,
        &json!({"action": "purchase", "kind": "learning_action_pack", "reasons": ["already_held"]}),
    );
    assert_allowed(&ev, &json!({"action": "purchase", "kind": "action_pack"}));
}

/// Action Pack "maps" in PMC with anniversary 2019-09-01. P4: window
/// 2019-09-01 - 90 days: Sep 1 -> Aug 31 (1), Jul 31 (32), Jun 30 (63),
/// Jun 3 (90), so 2019-06-03 ..= 2019-09-01.
fn pmc_maps() -> Value {
    json!({
        "account": "c",
        "portal": "pmc",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"}]
    })
}

#[test]
fn p4_reference_pmc_window_full_evaluation() {
    let ev = eval(&pmc_maps(), "2019-06-03");
    let expected = json!({
        "today": "2019-06-03",
        "policy": "partner-center-2020",
        "core_benefits": "action_pack",
        "offers": [{"id": "maps", "phase": "renewal_window", "anniversary": "2019-09-01",
                    "window": {"opens": "2019-06-03", "closes": "2019-09-01"},
                    "benefits": true, "extension": null}],
        "allowed": [
            {"action": "purchase", "kind": "learning_action_pack"},
            {"action": "renew", "offer": "maps"},
            {"action": "turn_off_auto_renew", "offer": "maps"},
            {"action": "request_cancellation", "offer": "maps"},
            {"action": "download_invoice", "offer": "maps"},
            {"action": "migrate_to_partner_center"}
        ],
        "blocked": [
            {"action": "purchase", "kind": "action_pack", "reasons": ["already_held"]}
        ],
        "reminders": [
            {"kind": "auto_renewal_due", "offer": "maps",
             "recipients": ["global_admin", "mpn_admin"], "extension": null}
        ],
        "next_change": "2019-06-04"
    });
    assert_eq!(normalize(&ev), normalize(&expected));
}

#[test]
fn p4_reference_pmc_window_edges() {
    let m = pmc_maps();
    let ev = eval(&m, "2019-06-02");
    assert_eq!(offer0(&ev)["phase"], "active");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["window_not_open"],
               "allowed_from": "2019-06-03"}),
    );
    assert_eq!(ev["next_change"], "2019-06-03");
    // The anniversary is the last day of a PMC window.
    let ev = eval(&m, "2019-09-01");
    assert_eq!(offer0(&ev)["phase"], "renewal_window");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "maps"}));
    let ev = eval(&m, "2019-09-02");
    assert_eq!(offer0(&ev)["phase"], "lapsed");
    assert_eq!(reminders(&ev), vec![pair("benefits_lost", "maps")]);
    // N2 needs anniversary + 23 (2019-09-24) inside the window: never in PMC.
    let ev = eval(&m, "2019-09-24");
    assert_eq!(reminders(&ev), vec![]);
    assert_eq!(ev["next_change"], Value::Null);
}

#[test]
fn g2_reference_merged_packs_later_anniversary_kept() {
    // "June 2020 vs October 2020: October 2020".
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "june", "kind": "action_pack", "purchased": "2019-06-10"},
            {"id": "oct", "kind": "action_pack", "purchased": "2019-10-10", "origin_account": "f"}
        ]
    });
    // 2020-06-11: "june" is in its window but cannot renew; "oct" is active.
    let ev = eval(&m, "2020-06-11");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "june", "reasons": ["one_action_pack_per_account"]}),
    );
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "oct", "reasons": ["window_not_open"],
               "allowed_from": "2020-10-11"}),
    );
    // A1 needs renew open: no charge reminder for the loser.
    assert_eq!(reminders(&ev), vec![]);
    // Once "june" lapses (2020-07-11), "oct" is alone and can renew in its window.
    let ev = eval(&m, "2020-10-11");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "oct"}));
    assert_eq!(reminders(&ev), vec![pair("auto_renewal_due", "oct")]);
}

#[test]
fn g2_reference_tie_break_on_equal_anniversaries() {
    // Equal anniversaries: the pack without origin_account is kept, even
    // with the larger id.
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "a", "kind": "action_pack", "purchased": "2019-06-01", "origin_account": "f"},
            {"id": "b", "kind": "action_pack", "purchased": "2019-06-01"}
        ]
    });
    let ev = eval(&m, "2020-06-02");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "b"}));
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "a", "reasons": ["one_action_pack_per_account"]}),
    );
    assert_eq!(reminders(&ev), vec![pair("auto_renewal_due", "b")]);
    // Both from merges: the smaller id is kept.
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "q", "kind": "learning_action_pack", "purchased": "2019-06-01", "origin_account": "f"},
            {"id": "p", "kind": "learning_action_pack", "purchased": "2019-06-01", "origin_account": "g"}
        ]
    });
    let ev = eval(&m, "2020-06-02");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "p"}));
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "q", "reasons": ["one_action_pack_per_account"]}),
    );
}

#[test]
fn g2_reference_pack_kinds_do_not_compete() {
    // One Action Pack and one Learning Action Pack: both renew.
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "ap", "kind": "action_pack", "purchased": "2019-06-01"},
            {"id": "lap", "kind": "learning_action_pack", "purchased": "2019-05-01"}
        ]
    });
    // 2020-05-20: lap in its window (2020-05-02 ..= 2020-05-31), ap active.
    let ev = eval(&m, "2020-05-20");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "lap"}));
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "ap", "reasons": ["window_not_open"],
               "allowed_from": "2020-06-02"}),
    );
}

#[test]
fn g2_reference_core_benefits_highest_attainment() {
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "ap", "kind": "action_pack", "purchased": "2019-06-01"},
            {"id": "s", "kind": "silver_competency", "area": "Data", "purchased": "2019-06-01"},
            {"id": "g", "kind": "gold_competency", "area": "Cloud Platform",
             "purchased": "2018-01-01", "anniversary": "2019-01-01"}
        ]
    });
    // 2019-12-01: gold lapsed on 2019-02-01; silver active -> "silver".
    let ev = eval(&m, "2019-12-01");
    assert_eq!(ev["core_benefits"], "silver");
    // 2020-07-10: silver and ap lapsed (2020-07-02): nothing -> "network".
    let ev = eval(&m, "2020-07-10");
    assert_eq!(ev["core_benefits"], "network");
    // 2018-06-01: all three hold benefits -> "gold".
    let ev = eval(&m, "2018-06-01");
    assert_eq!(ev["core_benefits"], "gold");
}

/// Gold competency, anniversary 2020-03-10, requirements unmet (`000`).
fn gold_march(portal: &str) -> Value {
    json!({
        "account": "c",
        "portal": portal,
        "offers": [{"id": "cl", "kind": "gold_competency", "area": "Cloud Platform",
                    "purchased": "2017-03-10", "anniversary": "2020-03-10"}]
    })
}

#[test]
fn e1_reference_requirements_waived_only_in_partner_center() {
    let ev = eval(&gold_march("partner_center"), "2020-03-15");
    assert_eq!(offer0(&ev)["extension"], "covid-2020-h1");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "cl"}));
    // PMC: window 2020-03-10 - 90: Feb 29 (10, leap year), Jan 31 (39),
    // Dec 31 (70), Dec 11 (90): 2019-12-11 ..= 2020-03-10. Shown, not waived.
    let ev = eval(&gold_march("pmc"), "2020-03-01");
    assert_eq!(
        offer0(&ev)["window"],
        json!({"opens": "2019-12-11", "closes": "2020-03-10"})
    );
    assert_eq!(offer0(&ev)["extension"], "covid-2020-h1");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "cl",
               "reasons": ["performance_not_met", "exams_not_validated"]}),
    );
}

#[test]
fn e1_reference_reactivation_blocked_by_profile_and_membership() {
    // Anniversary 2020-01-15: window 2020-01-16 ..= 2020-02-14, lapsed from
    // 2020-02-15; reactivation until 2020-06-30.
    let m = json!({
        "account": "c",
        "network_member": false,
        "business_profile": "needs_review",
        "offers": [{"id": "cl", "kind": "gold_competency", "area": "Cloud Platform",
                    "purchased": "2017-03-10", "anniversary": "2020-01-15"}]
    });
    let ev = eval(&m, "2020-03-01");
    assert_eq!(offer0(&ev)["phase"], "lapsed");
    assert_eq!(ev["core_benefits"], Value::Null);
    assert_blocked(
        &ev,
        &json!({"action": "reactivate", "offer": "cl",
               "reasons": ["profile_needs_review", "not_network_member"]}),
    );
    // P1 waived (E1, Partner Center); P2 and M2 are not.
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "cl",
               "reasons": ["window_closed", "profile_needs_review", "not_network_member"]}),
    );
    assert_blocked(
        &ev,
        &json!({"action": "purchase", "kind": "action_pack", "reasons": ["not_network_member"]}),
    );
    assert_allowed(&ev, &json!({"action": "update_business_profile"}));
    assert_unlisted(
        &ev,
        &json!({"action": "request_covid_override", "offer": "cl"}),
    );
    assert_eq!(ev["next_change"], "2020-07-01");
}

/// Silver competency, anniversary 2020-08-10 (covid-2020-h2), requirements
/// unmet. Window 2020-08-11 ..= 2020-09-09 (Aug 10 + 21 = Aug 31, + 9 =
/// Sep 9); reactivation until Aug 10 + 30 = 2020-09-09; override from
/// 2020-09-10 to the day before 2021-08-10.
fn silver_august(portal: &str) -> Value {
    json!({
        "account": "c",
        "portal": portal,
        "offers": [{"id": "cl", "kind": "silver_competency", "area": "Data",
                    "purchased": "2017-08-10", "anniversary": "2020-08-10"}]
    })
}

#[test]
fn e5_reference_override_until_day_before_extended_anniversary() {
    let m = silver_august("partner_center");
    let ev = eval(&m, "2021-08-09");
    assert_allowed(
        &ev,
        &json!({"action": "request_covid_override", "offer": "cl"}),
    );
    assert_eq!(ev["next_change"], "2021-08-10");
    let ev = eval(&m, "2021-08-10");
    assert_unlisted(
        &ev,
        &json!({"action": "request_covid_override", "offer": "cl"}),
    );
    assert_blocked(
        &ev,
        &json!({"action": "reactivate", "offer": "cl", "reasons": ["reactivation_period_over"]}),
    );
    assert_eq!(ev["next_change"], Value::Null);
    // Inside the window the override is not listed (not lapsed) and P1 is waived.
    let ev = eval(&m, "2020-09-09");
    assert_allowed(&ev, &json!({"action": "renew", "offer": "cl"}));
    assert_unlisted(
        &ev,
        &json!({"action": "request_covid_override", "offer": "cl"}),
    );
    assert_unlisted(&ev, &json!({"action": "reactivate", "offer": "cl"}));
}

#[test]
fn e2_reference_reactivation_in_pmc() {
    // PMC: window 2020-05-12 ..= 2020-08-10, lapsed from 2020-08-11, while
    // the E2 reactivation period runs to 2020-09-09: blocked by P3 only.
    let m = silver_august("pmc");
    let ev = eval(&m, "2020-08-11");
    assert_eq!(offer0(&ev)["phase"], "lapsed");
    assert_eq!(reminders(&ev), vec![pair("benefits_lost", "cl")]);
    assert_eq!(ev["reminders"][0]["extension"], "covid-2020-h2"); // N4
    assert_blocked(
        &ev,
        &json!({"action": "reactivate", "offer": "cl", "reasons": ["not_in_partner_center"]}),
    );
    assert_unlisted(
        &ev,
        &json!({"action": "request_covid_override", "offer": "cl"}),
    );
    assert_allowed(&ev, &json!({"action": "migrate_to_partner_center"}));
    // 2020-09-10: the reactivation period is over as well.
    let ev = eval(&m, "2020-09-10");
    assert_blocked(
        &ev,
        &json!({"action": "reactivate", "offer": "cl",
               "reasons": ["not_in_partner_center", "reactivation_period_over"]}),
    );
}

#[test]
fn a3_reference_cancelled_action_pack() {
    let m = json!({
        "account": "c",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2019-06-22",
                    "cancelled": true}]
    });
    let ev = eval(&m, "2020-06-01");
    assert_eq!(offer0(&ev)["phase"], "cancelled");
    assert_eq!(offer0(&ev)["benefits"], false);
    assert_eq!(ev["core_benefits"], "network");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["cancelled", "window_not_open"],
               "allowed_from": "2020-06-23"}),
    );
    assert_allowed(&ev, &json!({"action": "download_invoice", "offer": "maps"})); // A4
    assert_allowed(&ev, &json!({"action": "purchase", "kind": "action_pack"}));
    assert_unlisted(
        &ev,
        &json!({"action": "turn_off_auto_renew", "offer": "maps"}),
    );
    assert_unlisted(
        &ev,
        &json!({"action": "request_cancellation", "offer": "maps"}),
    );
    // No reminders for a cancelled offer (N1 on June 7, A1 on June 23, N2 on
    // July 15, N5 never): the first change is the renew reason on
    // 2020-06-23 (window_not_open gone), then 2020-07-23 (window_closed).
    assert_eq!(ev["next_change"], "2020-06-23");
    assert_eq!(reminders(&eval(&m, "2020-06-07")), vec![]);
    let ev = eval(&m, "2020-06-23");
    assert_eq!(reminders(&ev), vec![]);
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["cancelled"]}),
    );
    assert_eq!(ev["next_change"], "2020-07-23");
    assert_eq!(reminders(&eval(&m, "2020-07-15")), vec![]);
    let ev = eval(&m, "2020-07-23");
    assert_eq!(reminders(&ev), vec![]);
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["cancelled", "window_closed"]}),
    );
    assert_eq!(ev["next_change"], Value::Null);
}

#[test]
fn p2_reference_verification_pending_blocks_renewal_and_charge() {
    let m = json!({
        "account": "c",
        "business_profile": "pending_verification",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2019-06-22"}]
    });
    let ev = eval(&m, "2020-06-23");
    assert_blocked(
        &ev,
        &json!({"action": "renew", "offer": "maps", "reasons": ["verification_pending"]}),
    );
    assert_allowed(&ev, &json!({"action": "provide_verification_documents"}));
    assert_unlisted(&ev, &json!({"action": "update_business_profile"}));
    // A1: no auto_renewal_due while renew is not open.
    assert_eq!(reminders(&ev), vec![]);
}

#[test]
fn b2_reference_replacement_token_period() {
    // Activated 2020-01-05: replacement 2020-01-05 ..= 2020-02-04 (Jan 5 + 26
    // = Jan 31, + 4 = Feb 4).
    let m = json!({"account": "c", "tokens": [{"id": "t", "activated": "2020-01-05"}]});
    let ev = eval(&m, "2020-01-04");
    assert_blocked(
        &ev,
        &json!({"action": "request_replacement_token", "token": "t",
               "reasons": ["not_yet_activated"], "allowed_from": "2020-01-05"}),
    );
    assert_eq!(ev["next_change"], "2020-01-05");
    let ev = eval(&m, "2020-01-05");
    assert_allowed(
        &ev,
        &json!({"action": "request_replacement_token", "token": "t"}),
    );
    assert_eq!(ev["next_change"], "2020-02-05");

    let m = json!({"account": "c",
                   "tokens": [{"id": "t", "activated": "2020-01-05", "replaced": true}]});
    let ev = eval(&m, "2020-01-04");
    assert_blocked(
        &ev,
        &json!({"action": "request_replacement_token", "token": "t",
               "reasons": ["replacement_already_issued", "not_yet_activated"],
               "allowed_from": "2020-01-05"}),
    );
    let ev = eval(&m, "2020-02-05");
    assert_blocked(
        &ev,
        &json!({"action": "request_replacement_token", "token": "t",
               "reasons": ["replacement_already_issued", "replacement_period_over"]}),
    );
}

#[test]
fn m2_reference_non_member_without_offers() {
    let m = json!({"account": "c", "network_member": false});
    let ev = eval(&m, "2020-01-01");
    let expected = json!({
        "today": "2020-01-01",
        "policy": "partner-center-2020",
        "core_benefits": null,
        "offers": [],
        "allowed": [],
        "blocked": [
            {"action": "purchase", "kind": "action_pack", "reasons": ["not_network_member"]},
            {"action": "purchase", "kind": "learning_action_pack", "reasons": ["not_network_member"]}
        ],
        "reminders": [],
        "next_change": null
    });
    assert_eq!(normalize(&ev), normalize(&expected));
}

#[test]
fn d4_reference_today_at_the_ends_of_chrono() {
    let m = maps_june_22(true);
    // Far before every rule date: the first change is N1's reminder on
    // 2020-06-07; no panic and no stepping from the year -262144.
    let ev = reference_evaluate(&m, NaiveDate::MIN);
    assert_eq!(offer0(&ev)["phase"], "active");
    assert_eq!(ev["next_change"], "2020-06-07");
    // Far after: lapsed long ago, nothing will change.
    let ev = reference_evaluate(&m, NaiveDate::MAX);
    assert_eq!(offer0(&ev)["phase"], "lapsed");
    assert_eq!(ev["next_change"], Value::Null);
}

#[test]
fn d4_reference_far_apart_offers() {
    // "a": anniversary 0002-06-01, lapsed from 0002-07-02. "b": bought
    // 9997-12-01, anniversary 9998-12-01, N1 on 9998-12-01 - 15 = 9998-11-16.
    let m = json!({
        "account": "c",
        "offers": [
            {"id": "a", "kind": "action_pack", "purchased": "0001-06-01"},
            {"id": "b", "kind": "learning_action_pack", "purchased": "9997-12-01"}
        ]
    });
    let ev = eval(&m, "0003-09-01");
    assert_eq!(ev["offers"][0]["phase"], "lapsed");
    assert_eq!(ev["offers"][1]["phase"], "active");
    assert_eq!(ev["next_change"], "9998-11-16");
    // b's window 9998-12-02 ..= 9998-12-31; lapsed from 9999-01-01.
    let ev = eval(&m, "9999-01-01");
    assert_eq!(reminders(&ev), vec![pair("benefits_lost", "b")]);
    assert_eq!(ev["next_change"], "9999-01-02");
    let ev = eval(&m, "9999-12-31");
    assert_eq!(ev["next_change"], Value::Null);
}
