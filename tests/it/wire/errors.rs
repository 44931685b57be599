//! One error story: reading a membership or a policy names the place of
//! every problem (the root included), quotes at most 64 characters of the
//! input with every control and line-separator character escaped, and a
//! refusal of `apply` is the same `Error`, naming the action.

use mpn_renewals::{apply, Action, Error, ErrorKind, Membership, Policy, PolicySet, Reason};

use crate::common::{action_pack, d};

fn membership_error(text: &str) -> Error {
    match Membership::from_json(text) {
        Ok(membership) => panic!("accepted: {membership:?}"),
        Err(err) => err,
    }
}

/// `(path, message)` of a refused membership.
fn refused(text: &str) -> (String, String) {
    let err = membership_error(text);
    (err.path().to_owned(), err.to_string())
}

#[test]
fn a_document_that_is_not_an_object_is_refused_at_the_root() {
    for (text, found) in [
        ("[]", "an array"),
        ("null", "null"),
        ("3", "a number"),
        ("\"x\"", "a string"),
        ("true", "a boolean"),
    ] {
        let (path, message) = refused(text);
        assert_eq!(path, "(root)");
        assert_eq!(
            message,
            format!("(root): expected an object, found {found}")
        );
    }
}

#[test]
fn text_that_is_not_json_is_refused_with_its_line_and_column() {
    let err = membership_error("{\n  \"account\": \"c\",\n  oops\n}");
    assert_eq!(err.path(), "(root)");
    let ErrorKind::Syntax { line, column, .. } = err.kind() else {
        panic!("{err}");
    };
    assert_eq!((*line, *column), (3, 3));
    // Anything after the document is refused too.
    let err = membership_error(r#"{"account": "c"} {}"#);
    assert!(matches!(err.kind(), ErrorKind::Syntax { .. }), "{err}");
}

#[test]
fn every_problem_of_form_names_its_path() {
    let cases = [
        (
            r#"{"account": "c", "colour": 1}"#,
            "colour",
            "colour: unknown field `colour`; expected one of account, network_member, portal, business_profile, offers, tokens",
        ),
        (
            r#"{"network_member": true}"#,
            "account",
            "account: missing field `account`",
        ),
        (
            r#"{"account": "c", "account": "d"}"#,
            "account",
            "account: duplicate field `account`",
        ),
        (
            r#"{"account": "c", "portal": "PMC"}"#,
            "portal",
            "portal: `PMC` is not one of partner_center, pmc",
        ),
        (
            r#"{"account": "c", "portal": {"pmc": null}}"#,
            "portal",
            "portal: expected a string, found an object",
        ),
        (
            r#"{"account": "c", "offers": [{"id": "m", "kind": "actionpack", "purchased": "2018-09-01"}]}"#,
            "offers[0].kind",
            "offers[0].kind: `actionpack` is not one of action_pack, learning_action_pack, silver_competency, gold_competency",
        ),
        (
            r#"{"account": "c", "offers": [[]]}"#,
            "offers[0]",
            "offers[0]: expected an object, found an array",
        ),
        (
            r#"{"account": "c", "tokens": [{"id": "t", "activated": "2020-01-05", "replaced": "no"}]}"#,
            "tokens[0].replaced",
            "tokens[0].replaced: expected a boolean, found a string",
        ),
        (
            r#"{"account": "c", "offers": [{"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "cancelled": null}]}"#,
            "offers[0].cancelled",
            "offers[0].cancelled: expected a boolean, found null",
        ),
        (
            r#"{"account": "c", "offers": [{"id": "m", "kind": "action_pack", "purchased": "2019-02-30"}]}"#,
            "offers[0].purchased",
            "offers[0].purchased: `2019-02-30` is not a date of the form YYYY-MM-DD with a year from 0001 to 9999",
        ),
        (
            r#"{"account": "c", "offers": [{"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "a b": 1}]}"#,
            "offers[0][\"a b\"]",
            "offers[0][\"a b\"]: unknown field `a b`; expected one of id, kind, area, purchased, anniversary, auto_renew, cancelled, performance_met, exams_validated, origin_account, covid_override_requested",
        ),
    ];
    for (text, path, message) in cases {
        let (got_path, got) = refused(text);
        assert_eq!(got_path, path, "{text}");
        assert_eq!(got, message, "{text}");
    }
}

/// A huge or hostile value is quoted in at most 64 characters, escaped, so
/// that the message is always one short line.
#[test]
fn an_error_quotes_at_most_64_escaped_characters_of_the_input() {
    let huge = "x".repeat(10_000_000);
    let text = format!(
        r#"{{"account": "c", "offers": [{{"id": "m", "kind": "{huge}", "purchased": "2018-09-01"}}]}}"#
    );
    let message = membership_error(&text).to_string();
    assert!(message.len() < 300, "{} bytes", message.len());
    assert!(
        message.contains(&format!("`{}…`", "x".repeat(64))),
        "{message}"
    );

    for hostile in [
        "\u{2028}",
        "\u{85}",
        "\u{b}",
        "\u{c}",
        "\u{1b}[31m",
        "\n",
        "\r",
        "\u{202e}",
    ] {
        let value = serde_json::to_string(&format!("2019-09-01{hostile}")).unwrap();
        let text = format!(
            r#"{{"account": "c", "offers": [{{"id": "m", "kind": "action_pack", "purchased": {value}}}]}}"#
        );
        let message = membership_error(&text).to_string();
        assert!(
            !message
                .chars()
                .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}')),
            "{message:?}"
        );
        assert!(message.contains("\\u{"), "{message:?}");
    }
    // A field name from the input is escaped in the path too.
    let text = "{\"account\": \"c\", \"a\\u2028b\": 1}";
    let err = membership_error(text);
    assert_eq!(err.path(), "[\"a\\u{2028}b\"]");
}

#[test]
fn a_policy_file_names_the_place_of_its_problems() {
    let policy = serde_json::json!({
        "name": "p",
        "windows": {"partner_center": {"opens": 1, "closes": 30}, "pmc": {"opens": -91, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 365},
        "reminders": {"upcoming": -15, "window_closing": 23}
    });
    let err = Policy::from_json(&policy.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "windows.pmc.opens: -91 days is out of range: it must lie within -90 ..= 364"
    );
    let mut arrays = policy.clone();
    arrays["reminders"] = serde_json::json!([-15, 23]);
    let err = Policy::from_json(&arrays.to_string()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "reminders: expected an object, found an array"
    );
    let set = serde_json::json!({"versions": [{"from": "2019-01-01", "policy": policy}]});
    let err = PolicySet::from_json(&set.to_string()).unwrap_err();
    assert_eq!(err.path(), "versions[0].policy.windows.pmc.opens");
    let err = PolicySet::from_json("[]").unwrap_err();
    assert_eq!(
        err.to_string(),
        "(root): expected an object, found an array"
    );
}

/// W5 with a renewal term under 90 days could set an anniversary before
/// the purchase (a PMC window opens 90 days before the anniversary): a
/// policy file refuses it.
#[test]
fn w5_a_renewal_term_counted_from_the_renewal_day_is_at_least_ninety_days() {
    let policy = |term: u16| {
        serde_json::json!({
            "name": "p",
            "windows": {"partner_center": {"opens": 1, "closes": 30}, "pmc": {"opens": -90, "closes": 0}},
            "first_anniversary": "same_day_next_year",
            "renewal_term": {"days_after_renewal": term},
            "reminders": {"upcoming": -15, "window_closing": 23}
        })
        .to_string()
    };
    let err = Policy::from_json(&policy(89)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "renewal_term.days_after_renewal: 89 days is out of range: it must lie within 90 ..= 1000"
    );
    assert!(Policy::from_json(&policy(90)).is_ok());
}

/// A refusal of `apply` is the crate's `Error`: `?` carries it, and its
/// text names the action and gives the evaluation's reasons.
#[test]
fn a_refusal_of_apply_is_an_error_that_names_the_action() {
    fn renew_early() -> Result<Membership, Error> {
        let membership = action_pack("maps", "2018-09-01");
        let renewed = apply(&membership, &Action::renew("maps"), d("2019-09-01"))?;
        Ok(renewed)
    }
    let err = renew_early().unwrap_err();
    assert_eq!(err.path(), "renew of maps");
    assert_eq!(
        err.to_string(),
        "renew of maps: blocked: window_not_open (allowed from 2019-09-02)"
    );
    let ErrorKind::Blocked {
        reasons,
        allowed_from,
    } = err.kind()
    else {
        panic!("{err}");
    };
    assert!(reasons.contains(Reason::WindowNotOpen));
    assert_eq!(*allowed_from, Some(d("2019-09-02")));

    let membership = action_pack("maps", "2018-09-01");
    let err = apply(&membership, &Action::renew("nope"), d("2019-09-02")).unwrap_err();
    assert_eq!(err.to_string(), "renew of nope: no offer has this id");
    let err = apply(
        &membership,
        &Action::update_business_profile(),
        d("2019-09-02"),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "update_business_profile: not open on that day"
    );
}
