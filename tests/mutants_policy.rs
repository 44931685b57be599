//! Tests added for the mutation testing of `src/policy.rs`,
//! `src/extension.rs` and `src/offer.rs` (see MUTANTS.md): the accessors of
//! the built-in policies and of an offer, an extension that waives nothing,
//! and the limits a loaded extension is checked against. Every expected
//! value is worked out from the rules catalogue and the decisions in CHANGELOG.md.

#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::day as d;
use mpn_renewals::policy::{FirstAnniversary, ReminderOffsets, RenewalTerm, WindowOffsets};
use mpn_renewals::{
    evaluate, Action, CompetencyLevel, Membership, OfferDraft, OfferKind, Policy, Portal, Reason,
    Rules,
};
use serde_json::{json, Value};

/// W1, W5, N1, N2, E1, E2: the accessors of partner-center-2020, the
/// default policy, give the seeds' rules (its windows, W2, W3 and P4, are
/// checked by `p4_the_policy_gives_each_portal_its_window` in
/// tests/rules.rs).
#[test]
fn w5_n1_n2_accessors_of_partner_center_2020() {
    let policy = Policy::partner_center_2020();
    assert_eq!(policy.name(), "partner-center-2020");
    assert_eq!(
        policy.first_anniversary(),
        FirstAnniversary::SameDayNextYear
    );
    assert_eq!(
        policy.renewal_term(),
        RenewalTerm::DaysAfterAnniversary(365)
    );
    assert_eq!(
        policy.reminders(),
        ReminderOffsets {
            upcoming: -15,
            window_closing: 23
        }
    );
    assert!(!policy.one_pack_per_account());
    assert_eq!(policy.cancellation_days(), None);
    let names: Vec<&str> = policy.extensions().iter().map(|e| e.name()).collect();
    assert_eq!(names, ["covid-2020-h1", "covid-2020-h2"]);
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

/// partner-center-2020 with its extensions replaced by `extensions`.
fn with_extensions(extensions: Value) -> Result<Policy, serde_json::Error> {
    let mut policy = serde_json::to_value(Policy::partner_center_2020()).unwrap();
    policy["name"] = json!("custom");
    policy["extensions"] = extensions;
    serde_json::from_value(policy)
}

fn extension(first: &str, last: &str, waives: bool, reactivation: Value) -> Value {
    json!({
        "name": "custom-extension",
        "first_anniversary": first,
        "last_anniversary": last,
        "excluded_areas": [],
        "waives_requirements": waives,
        "reactivation_end": reactivation,
        "covid_override": false
    })
}

/// A gold competency, in Partner Center, with neither its performance met
/// nor its exams validated (P1).
fn unqualified_gold(anniversary: &str) -> Membership {
    Membership::builder("contoso")
        .offer(
            OfferDraft::competency("gold", CompetencyLevel::Gold, "Data", d("2015-01-01"))
                .anniversary(d(anniversary)),
        )
        .build()
        .unwrap()
}

/// E1, P1: an extension decides whether it waives the requirements. One
/// that does not (a fee-only extension) covers the competency, but P1 still
/// blocks its renewal in the window (2020-03-16, anniversary+1, W2); one
/// that does lets it renew.
#[test]
fn e1_p1_an_extension_that_waives_nothing_leaves_p1_in_force() {
    let membership = unqualified_gold("2020-03-15");
    let renew = Action::Renew { offer: "gold" };
    let today = d("2020-03-16");

    let fee_only = with_extensions(json!([extension(
        "2020-01-01",
        "2020-06-30",
        false,
        Value::Null
    )]))
    .unwrap();
    assert!(!fee_only.extensions()[0].waives_requirements());
    let evaluation = fee_only.evaluate(&membership, today);
    assert_eq!(
        evaluation.offer("gold").unwrap().extension,
        Some("custom-extension")
    );
    let blocked = evaluation.blocked(&renew).expect("P1 blocks renew");
    assert_eq!(
        blocked.reasons.iter().collect::<Vec<_>>(),
        [Reason::PerformanceNotMet, Reason::ExamsNotValidated]
    );

    let waiving = with_extensions(json!([extension(
        "2020-01-01",
        "2020-06-30",
        true,
        Value::Null
    )]))
    .unwrap();
    assert!(waiving.extensions()[0].waives_requirements());
    assert!(waiving.evaluate(&membership, today).is_allowed(&renew));
}

/// E1: an extension's range of anniversaries includes both ends, so a range
/// of one day is valid and covers exactly that anniversary.
#[test]
fn e1_an_extension_may_cover_a_single_anniversary() {
    let policy = with_extensions(json!([extension(
        "2020-03-15",
        "2020-03-15",
        true,
        Value::Null
    )]))
    .unwrap();
    let covered = |anniversary: &str| {
        let membership = unqualified_gold(anniversary);
        policy
            .evaluate(&membership, d(anniversary))
            .offer("gold")
            .unwrap()
            .extension
            .is_some()
    };
    assert!(!covered("2020-03-14"));
    assert!(covered("2020-03-15"));
    assert!(!covered("2020-03-16"));
}

/// E2, D4: reactivation may end up to 364 days after the anniversary (the
/// end of `Policy::OFFSET_RANGE`, so that the day after it is still a date every
/// valid membership can reach); 365 is refused, naming the field.
#[test]
fn e2_reactivation_may_end_364_days_after_the_anniversary_not_365() {
    let policy = with_extensions(json!([extension(
        "2020-07-01",
        "2020-12-31",
        true,
        json!({"days_after_anniversary": 364})
    )]))
    .unwrap();
    assert_eq!(policy.extensions().len(), 1);

    let err = with_extensions(json!([extension(
        "2020-07-01",
        "2020-12-31",
        true,
        json!({"days_after_anniversary": 365})
    )]))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("extensions[0].reactivation_end: 365 days is out of range"),
        "{err}"
    );
    assert!(err.contains("0 ..= 364"), "{err}");
}

/// P1: an offer's flags read back as they were given, both ways.
#[test]
fn p1_offer_accessors_read_back_the_draft() {
    for (performance, exams) in [(true, false), (false, true), (true, true), (false, false)] {
        let membership = Membership::builder("contoso")
            .offer(
                OfferDraft::competency("gold", CompetencyLevel::Gold, "Data", d("2018-05-01"))
                    .performance_met(performance)
                    .exams_validated(exams),
            )
            .build()
            .unwrap();
        let offer = membership.offer("gold").unwrap();
        assert_eq!(offer.performance_met(), performance);
        assert_eq!(offer.exams_validated(), exams);
        assert_eq!(offer.kind(), OfferKind::GoldCompetency);
        // And evaluate sees the same flags (P1), in the window (W2: the
        // anniversary is 2019-05-01, before any extension, E1).
        let evaluation = evaluate(&membership, d("2019-05-02"));
        let reasons: Vec<Reason> = evaluation
            .blocked(&Action::Renew { offer: "gold" })
            .map(|blocked| blocked.reasons.iter().collect())
            .unwrap_or_default();
        let mut expected = Vec::new();
        if !performance {
            expected.push(Reason::PerformanceNotMet);
        }
        if !exams {
            expected.push(Reason::ExamsNotValidated);
        }
        assert_eq!(reasons, expected, "{performance} {exams}");
    }
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

/// E6: an extension loads on its own from the form a policy file holds
/// (the third extension of `examples/policies/covid-2021-h1.json`, whose
/// text tests/policy.rs checks against the rules catalogue), and only from a JSON
/// object.
#[test]
fn e6_an_extension_loads_on_its_own() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/policies/covid-2021-h1.json");
    let policy: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let loaded: mpn_renewals::policy::ExtensionPolicy =
        serde_json::from_value(policy["extensions"][2].clone()).unwrap();
    assert_eq!(
        loaded,
        mpn_renewals::policy::ExtensionPolicy::covid_2021_h1()
    );

    let err =
        serde_json::from_value::<mpn_renewals::policy::ExtensionPolicy>(json!(["covid-2021-h1"]))
            .unwrap_err()
            .to_string();
    assert_eq!(err, "invalid type: sequence, expected an object");
    let err = serde_json::from_value::<mpn_renewals::policy::ExtensionPolicy>(json!({
        "name": "",
        "first_anniversary": "2021-01-01",
        "last_anniversary": "2021-06-30",
        "excluded_areas": [],
        "waives_requirements": true,
        "reactivation_end": null,
        "covid_override": false
    }))
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("name: "), "{err}");
}
