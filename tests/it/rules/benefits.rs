//! B1–B5: benefits and licenses, replacement tokens, activation keys and
//! Visual Studio subscriptions.

use mpn_renewals::evaluation::CoreBenefits;
use mpn_renewals::{evaluate, Action, ErrorKind, Membership, Phase, Reason, Token};
use serde_json::json;

use crate::common::{
    allowed_from, applied, assert_blocked, assert_open, build, crate_docs, d, denied, gold, maps,
    member, reasons, set,
};

fn tokens() -> Membership {
    Membership::builder("contoso")
        .token(Token::new("o365", d("2020-01-05")))
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------
// B1: licenses
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn b1_licenses_hold_while_the_offer_is_active_or_in_its_window() {
    assert!(Phase::Active.has_benefits());
    assert!(Phase::RenewalWindow.has_benefits());
    assert!(!Phase::Lapsed.has_benefits());
    assert!(!Phase::Cancelled.has_benefits());
    let membership = member([maps(), gold("cloud", "2019-09-01", true)]);
    for (today, benefits) in [
        ("2019-01-01", true),
        ("2019-10-01", true),
        ("2019-10-02", false),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].benefits, benefits, "{today}");
        assert_eq!(evaluation.offers[1].benefits, benefits, "{today}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn b1_a_cancelled_offer_has_no_licenses() {
    let membership = member([maps().cancelled(true)]);
    let evaluation = evaluate(&membership, d("2019-01-01"));
    assert!(!evaluation.offers[0].benefits);
    assert_eq!(evaluation.core_benefits, Some(CoreBenefits::Network));
}

// ---------------------------------------------------------------------------
// B2: replacement tokens
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn b2_replacement_token_within_thirty_days_of_activation_day_30_counts() {
    // Activated 2020-01-05: + 30 = 2020-02-04 (+26 to 31 January, +4).
    let membership =
        build(Membership::builder("contoso").token(Token::new("o365-e3", d("2020-01-05"))));
    let replace = Action::request_replacement_token("o365-e3");
    let before = evaluate(&membership, d("2020-01-04"));
    assert_eq!(reasons(&before, &replace), set(&[Reason::NotYetActivated]));
    assert_eq!(allowed_from(&before, &replace), Some(d("2020-01-05")));
    assert_eq!(before.next_change, Some(d("2020-01-05")));
    assert_open(&evaluate(&membership, d("2020-01-05")), &replace);
    let last = evaluate(&membership, d("2020-02-04"));
    assert_open(&last, &replace);
    assert_eq!(last.next_change, Some(d("2020-02-05")));
    let over = evaluate(&membership, d("2020-02-05"));
    assert_eq!(
        reasons(&over, &replace),
        set(&[Reason::ReplacementPeriodOver])
    );
    assert_eq!(allowed_from(&over, &replace), None);
}

#[cfg(feature = "serde")]
#[test]
fn b2_thirty_days_count_29_february() {
    // Activated 2020-02-10: + 30 = 2020-03-11 (+19 to 29 February, +11).
    let membership = build(Membership::builder("contoso").token(Token::new("t", d("2020-02-10"))));
    let replace = Action::request_replacement_token("t");
    assert_open(&evaluate(&membership, d("2020-03-11")), &replace);
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-03-12")), &replace),
        set(&[Reason::ReplacementPeriodOver])
    );
}

#[cfg(feature = "serde")]
#[test]
fn b2_a_token_is_replaced_one_time_only() {
    let membership = build(
        Membership::builder("contoso").token(Token::new("t", d("2020-01-05")).replaced(true)),
    );
    let replace = Action::request_replacement_token("t");
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-01-10")), &replace),
        set(&[Reason::ReplacementAlreadyIssued])
    );
    // Every reason that holds.
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-02-05")), &replace),
        set(&[
            Reason::ReplacementAlreadyIssued,
            Reason::ReplacementPeriodOver
        ])
    );
    let early = evaluate(&membership, d("2020-01-01"));
    assert_eq!(
        reasons(&early, &replace),
        set(&[Reason::ReplacementAlreadyIssued, Reason::NotYetActivated])
    );
    assert_eq!(allowed_from(&early, &replace), Some(d("2020-01-05")));
}

#[test]
fn b2_replacement_token_on_day_30_is_issued_once() {
    // Activated 2020-01-05: day 30 is 2020-02-04 (5 + 30 = 35 January =
    // 4 February), and it counts.
    let membership = tokens();
    let action = Action::request_replacement_token("o365");
    let replaced = applied(&membership, action, "2020-02-04");
    assert!(replaced.token("o365").unwrap().is_replaced());
    // One time only.
    assert_blocked(
        &replaced,
        action,
        "2020-02-04",
        &[Reason::ReplacementAlreadyIssued],
        None,
    );
    // The activation day counts too.
    applied(&membership, action, "2020-01-05");
}

#[test]
fn b2_replacement_token_outside_its_period_is_blocked() {
    let membership = tokens();
    let action = Action::request_replacement_token("o365");
    assert_blocked(
        &membership,
        action,
        "2020-02-05",
        &[Reason::ReplacementPeriodOver],
        None,
    );
    assert_blocked(
        &membership,
        action,
        "2020-01-04",
        &[Reason::NotYetActivated],
        Some("2020-01-05"),
    );
    assert_eq!(
        denied(
            &membership,
            Action::request_replacement_token("nope"),
            "2020-01-10"
        ),
        ErrorKind::UnknownToken
    );
}

// ---------------------------------------------------------------------------
// B3: a token is never split
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn b3_replacement_is_decided_per_token() {
    // A token is a whole: two tokens are two replacements, never parts of
    // one. One replaced token does not use up another's replacement.
    let membership = build(
        Membership::builder("contoso")
            .token(Token::new("a", d("2020-01-05")).replaced(true))
            .token(Token::new("b", d("2020-01-05"))),
    );
    let evaluation = evaluate(&membership, d("2020-01-10"));
    assert_eq!(
        reasons(&evaluation, &Action::request_replacement_token("a")),
        set(&[Reason::ReplacementAlreadyIssued])
    );
    assert_open(&evaluation, &Action::request_replacement_token("b"));
}

#[cfg(feature = "serde")]
#[test]
fn b3_a_token_has_no_seat_count_to_split() {
    // B3 is modelled by the type: a token has no seats, so it cannot be
    // split. The wire form refuses a seat count.
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "tokens": [{"id": "o365-e3", "activated": "2020-01-05", "seats": 25}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `seats`"), "{err}");
}

// ---------------------------------------------------------------------------
// B4: activation keys
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn b4_activation_keys_are_not_tracked_and_a_replacement_is_never_granted_again() {
    // B4 has no action: the crate does not track multiple activation keys
    // (src/lib.rs, Scope), and the wire form has no activation count. What
    // can be checked: the closest modelled fact, a consumed replacement is
    // never granted again on any day.
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "tokens": [{"id": "mak", "activated": "2020-01-05", "activations": 5}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `activations`"), "{err}");
    assert!(crate_docs().contains("multiple activation keys are not tracked (B4)"));
    let membership = build(
        Membership::builder("contoso").token(Token::new("t", d("2020-01-05")).replaced(true)),
    );
    for today in ["2020-01-05", "2020-02-04", "2030-01-01"] {
        assert!(
            !evaluate(&membership, d(today)).is_allowed(&Action::request_replacement_token("t"))
        );
    }
}

// ---------------------------------------------------------------------------
// B5: Visual Studio subscriptions
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn b5_visual_studio_subscriptions_are_documented_as_per_user_and_not_an_input() {
    // B5 has no action: the crate documents it and has no field for Visual
    // Studio subscriptions or their users; nothing more can be tested.
    let docs = crate_docs();
    assert!(
        docs.contains("licensed per user and never shared (B5)"),
        "{docs}"
    );
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "visual_studio_users": ["a@contoso.com"]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `visual_studio_users`"), "{err}");
}
