//! Tests added to kill mutants of `src/date.rs` that the fast tests missed
//! (see MUTANTS.md). Every expected value is worked out by hand from
//! the rules catalogue and the wire contract, not taken from the program's output.

// Reads or writes the serde form of a membership, an evaluation or a
// policy: needs the `serde` feature (on by default).
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use mpn_renewals::Membership;
use serde_json::json;

/// D2: a wire date is exactly `YYYY-MM-DD`: both separators must be `-`,
/// each on its own; one right and the other wrong is refused too.
#[test]
fn d2_wire_dates_need_both_dashes() {
    for bad in ["2019-09/01", "2019/09-01", "2019-09x01", "2019x09-01"] {
        let membership = json!({"account": "c", "offers": [
            {"id": "m", "kind": "action_pack", "purchased": bad}
        ]});
        let error = match serde_json::from_value::<Membership>(membership) {
            Ok(membership) => panic!("{bad} accepted: {membership:?}"),
            Err(error) => error.to_string(),
        };
        assert!(
            error.contains("offers[0].purchased") && error.contains(bad),
            "{bad}: {error}"
        );
    }
    // W1: the well-formed date is accepted, its anniversary a year later.
    let membership: Membership = serde_json::from_value(json!({"account": "c", "offers": [
        {"id": "m", "kind": "action_pack", "purchased": "2019-09-01"}
    ]}))
    .unwrap();
    assert_eq!(
        membership.offer("m").unwrap().anniversary(),
        NaiveDate::from_ymd_opt(2020, 9, 1).unwrap()
    );
}
