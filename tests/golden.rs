//! Every worked case of `../shared/cases/` (drawn from the source documents'
//! own examples) is a golden test of `evaluate` and of the serde forms.
// Reads or writes the serde form of a membership, an evaluation or a
// policy: needs the `serde` feature (on by default).
#![cfg(feature = "serde")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{day, golden_cases, normalize};
use mpn_renewals::{evaluate, Membership};
use serde_json::Value;

#[test]
fn golden_cases_match_the_expected_evaluations() {
    let cases = golden_cases();
    assert!(
        cases.len() >= 16,
        "expected the 16 shared cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let membership: Membership = serde_json::from_value(case["membership"].clone())
            .unwrap_or_else(|e| panic!("{name}: membership refused: {e}"));
        let today = day(case["today"].as_str().unwrap());
        let actual = normalize(serde_json::to_value(evaluate(&membership, today)).unwrap());
        let expected = normalize(case["evaluation"].clone());
        if actual != expected {
            failures.push(format!(
                "{name}:\n  expected {}\n  actual   {}",
                expected, actual
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_case_memberships_round_trip_through_serde() {
    for (name, case) in golden_cases() {
        let membership: Membership = serde_json::from_value(case["membership"].clone()).unwrap();
        let text = serde_json::to_string(&membership).unwrap();
        let again: Membership = serde_json::from_str(&text).unwrap();
        assert_eq!(again, membership, "{name}");
        // Writing it back is stable too.
        assert_eq!(serde_json::to_string(&again).unwrap(), text, "{name}");
        let _: Value = serde_json::from_str(&text).unwrap();
    }
}
