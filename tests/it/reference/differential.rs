//! The crate against the naive reference of `reference/mod.rs` (a plain
//! transliteration of the rules catalogue and the wire contract that shares
//! no code with `src/`), on generated memberships and days.

use chrono::NaiveDate;
use mpn_renewals::{evaluate, strategies, Membership};
use proptest::prelude::*;

use super::{normalize, reference_evaluate};

fn crate_json(membership: &Membership, today: NaiveDate) -> serde_json::Value {
    normalize(&serde_json::to_value(evaluate(membership, today)).unwrap())
}

fn reference_json(membership: &Membership, today: NaiveDate) -> serde_json::Value {
    let input = serde_json::to_value(membership).unwrap();
    normalize(&reference_evaluate(&input, today))
}

/// The number of generated cases: `MPN_DIFF_CASES`, or else 100,000 in the
/// release profile (`cargo test --release`, which `.ci/run` runs: under
/// two minutes here) and 2,000 in the test profile, so that the README's
/// `cargo test` stays quick.
fn cases() -> u32 {
    let default = if cfg!(debug_assertions) {
        2_000
    } else {
        100_000
    };
    std::env::var("MPN_DIFF_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn crate_agrees_with_the_reference((membership, today) in strategies::membership_and_day()) {
        let ours = crate_json(&membership, today);
        let theirs = reference_json(&membership, today);
        prop_assert_eq!(
            &ours, &theirs,
            "membership {} on {}", serde_json::to_string(&membership).unwrap(), today
        );
    }
}
