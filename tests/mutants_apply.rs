//! Tests added to kill mutants of `src/apply.rs` that the fast tests missed
//! (see MUTANTS.md). Every expected value is worked out by hand from
//! the rules catalogue and the wire contract, not taken from the program's output.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::NaiveDate;
use mpn_renewals::{apply, Action, Denied, Membership, OfferDraft, Reason};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A3, W7: renewing a cancelled pack (bought 2018-09-01) on 2019-08-01,
/// before its window opens (2019-09-02), is refused with both reasons, in
/// the order of the wire contract's list, separated by ", " in the message.
#[test]
fn a3_renew_of_a_cancelled_pack_before_its_window_names_both_reasons() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", d("2018-09-01")).cancelled(true))
        .build()
        .unwrap();
    let denied = apply(
        &membership,
        &Action::Renew { offer: "maps" },
        d("2019-08-01"),
    )
    .unwrap_err();
    let Denied::Blocked {
        reasons,
        allowed_from,
    } = &denied
    else {
        panic!("not blocked: {denied:?}");
    };
    assert_eq!(
        reasons.iter().collect::<Vec<_>>(),
        [Reason::Cancelled, Reason::WindowNotOpen]
    );
    assert_eq!(*allowed_from, Some(d("2019-09-02")));
    assert_eq!(reasons.to_string(), "cancelled, window_not_open");
    assert_eq!(denied.to_string(), "blocked: cancelled, window_not_open");
}
