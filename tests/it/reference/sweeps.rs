//! Exhaustive sweeps of the crate against the naive reference of
//! `reference/mod.rs`: for every anniversary of 2019 to 2021, each offer kind
//! and both portals, every day from 100 days before the anniversary to 400
//! days after it; the same around 29 February of 2016, 2020 and 2024; and at
//! the ends of the date range of the wire contract (D4). `next_change` included.
//!
//! The naive reference costs about two minutes for the whole sweep, in any
//! profile. So the release profile (`cargo test --release`, which CI runs)
//! sweeps every anniversary, and the test profile of the README's `cargo
//! test` every seventh (which still meets every weekday, month end and
//! extension boundary's neighbourhood); `MPN_SWEEP_STRIDE` sets the stride
//! outright. The sweeps around 29 February and at the calendar's ends are
//! whole in every profile.

use chrono::{Days, NaiveDate};
use mpn_renewals::{evaluate, Membership};
use serde_json::{json, Value};

use crate::common::ymd;

use super::{normalize, reference_days};

const KINDS: [&str; 4] = [
    "action_pack",
    "learning_action_pack",
    "silver_competency",
    "gold_competency",
];

/// One offer of `kind` with this anniversary, in `portal`; defaults
/// otherwise (requirements unmet, auto-renewal on for an Action Pack).
fn membership(kind: &str, portal: &str, anniversary: NaiveDate) -> Value {
    let purchased = anniversary
        .checked_sub_days(Days::new(365))
        .unwrap_or(ymd(1, 1, 1))
        .max(ymd(1, 1, 1));
    let mut offer = json!({
        "id": "x", "kind": kind,
        "purchased": purchased.to_string(), "anniversary": anniversary.to_string(),
    });
    if kind.ends_with("competency") {
        offer["area"] = json!("Cloud Platform");
    }
    json!({"account": "c", "portal": portal, "offers": [offer]})
}

/// Compares the crate and the reference on every day of `first ..= last`.
fn sweep(input: &Value, first: NaiveDate, last: NaiveDate) {
    let membership: Membership = serde_json::from_value(input.clone()).unwrap();
    let expected = reference_days(input, first, last);
    let mut today = first;
    for reference in expected {
        let ours = normalize(&serde_json::to_value(evaluate(&membership, today)).unwrap());
        let theirs = reference; // already normalized
        assert!(
            ours == theirs,
            "{input} on {today}:\n  crate     {ours}\n  reference {theirs}"
        );
        today = today.succ_opt().unwrap_or(today);
    }
}

/// Every `stride`-th day of the anniversaries swept by year: 1 in the
/// release profile, 7 in the test profile, or `MPN_SWEEP_STRIDE`.
fn stride() -> u64 {
    let default = if cfg!(debug_assertions) { 7 } else { 1 };
    std::env::var("MPN_SWEEP_STRIDE")
        .ok()
        .and_then(|text| text.parse().ok())
        .filter(|stride| *stride > 0)
        .unwrap_or(default)
}

/// Every `step`-th anniversary of `first ..= last`, and `last` itself (the
/// ends of a span are the boundaries of the extensions), each kind, both
/// portals, every day from the anniversary - 100 to + 400 (clipped to the
/// wire form's range).
fn sweep_anniversaries(first: NaiveDate, last: NaiveDate, step: u64) {
    let mut anniversaries: Vec<NaiveDate> =
        std::iter::successors(Some(first), |a| a.checked_add_days(Days::new(step)))
            .take_while(|a| *a <= last)
            .collect();
    if anniversaries.last() != Some(&last) {
        anniversaries.push(last);
    }
    for anniversary in anniversaries {
        for kind in KINDS {
            for portal in ["partner_center", "pmc"] {
                let input = membership(kind, portal, anniversary);
                let from = anniversary
                    .checked_sub_days(Days::new(100))
                    .unwrap_or(ymd(1, 1, 1))
                    .max(ymd(1, 1, 1));
                let to = anniversary
                    .checked_add_days(Days::new(400))
                    .unwrap_or(ymd(9999, 12, 31))
                    .min(ymd(9999, 12, 31));
                sweep(&input, from, to);
            }
        }
    }
}

#[test]
fn sweep_anniversaries_of_2019() {
    sweep_anniversaries(ymd(2019, 1, 1), ymd(2019, 12, 31), stride());
}

#[test]
fn sweep_anniversaries_of_2020_first_half() {
    sweep_anniversaries(ymd(2020, 1, 1), ymd(2020, 6, 30), stride());
}

#[test]
fn sweep_anniversaries_of_2020_second_half() {
    sweep_anniversaries(ymd(2020, 7, 1), ymd(2020, 12, 31), stride());
}

#[test]
fn sweep_anniversaries_of_2021() {
    sweep_anniversaries(ymd(2021, 1, 1), ymd(2021, 12, 31), stride());
}

#[test]
fn d1_sweep_around_29_february() {
    for year in [2016, 2020, 2024] {
        sweep_anniversaries(ymd(year, 2, 20), ymd(year, 3, 5), 1);
        // Purchases on 29 February, with the default anniversary (D1).
        for kind in KINDS {
            let mut input = membership(kind, "partner_center", ymd(year + 1, 2, 28));
            let offer = input["offers"][0].as_object_mut().unwrap();
            offer.insert("purchased".into(), json!(format!("{year}-02-29")));
            offer.remove("anniversary");
            sweep(&input, ymd(year + 1, 1, 1), ymd(year + 2, 3, 31));
        }
    }
}

#[test]
fn d4_sweep_at_the_ends_of_the_date_range() {
    // The first anniversary the contract accepts is 0001-04-01 (- 90 days =
    // 0001-01-01); the last is 9998-12-30 (+ 366 days = 9999-12-31).
    sweep_anniversaries(ymd(1, 4, 1), ymd(1, 4, 20), 1);
    sweep_anniversaries(ymd(9998, 12, 10), ymd(9998, 12, 30), 1);
}
