//! The input side of the wire contract: every refusal it lists, through serde_json
//! and (where the builder can express it) through the builder, and the
//! defaults and round trip of accepted memberships.
//!
//! Expected messages are derived from the `#[error]` strings of
//! `src/error.rs` and the `Display` of `Error` (`"{path}: {problem}"`);
//! expected dates from the wire contract by hand.
//!
//! The refusals that a rule names are with that rule under `rules/`: E5's
//! `covid_override_requested` on a pack is in `rules/extensions.rs`.

use mpn_renewals::{
    BusinessProfile, CompetencyLevel, Error, ErrorKind, Membership, MembershipBuilder, OfferDraft,
    OfferKind, Portal, Token,
};
use serde_json::{json, Value};

use crate::common::{d, json_error, with_offers, ymd};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// The serde path and message of a refusal by serde itself (unknown field,
/// unknown variant, missing field), through `Membership::from_json`.
fn serde_error(value: &Value) -> (String, String) {
    match Membership::from_json(&value.to_string()) {
        Ok(membership) => panic!("accepted: {membership:?}"),
        Err(err) => (err.path().to_owned(), err.kind().to_string()),
    }
}

fn builder_error(builder: MembershipBuilder) -> Error {
    match builder.build() {
        Ok(membership) => panic!("accepted: {membership:?}"),
        Err(err) => err,
    }
}

fn accepted(value: Value) -> Membership {
    serde_json::from_value(value).unwrap()
}

fn with_tokens(tokens: Value) -> Value {
    json!({"account": "c", "tokens": tokens})
}

fn ap(id: &str) -> OfferDraft {
    OfferDraft::action_pack(id, d("2018-09-01"))
}

fn lap(id: &str) -> OfferDraft {
    OfferDraft::learning_action_pack(id, d("2018-09-01"))
}

fn silver(id: &str) -> OfferDraft {
    OfferDraft::competency(id, CompetencyLevel::Silver, "Data", d("2018-09-01"))
}

const DATE_FORM: &str = "is not a date of the form YYYY-MM-DD with a year from 0001 to 9999";

// ---------------------------------------------------------------------------
// account
// ---------------------------------------------------------------------------

#[test]
fn empty_account_is_refused() {
    assert_eq!(
        json_error(json!({"account": ""})),
        "account: must not be empty"
    );
    let err = builder_error(Membership::builder(""));
    assert_eq!(err.path(), "account");
    assert!(matches!(err.kind(), ErrorKind::Empty));
    assert_eq!(err.to_string(), "account: must not be empty");
}

#[test]
fn missing_account_is_refused() {
    let (_, message) = serde_error(&json!({"offers": []}));
    assert!(message.contains("missing field `account`"), "{message}");
}

// ---------------------------------------------------------------------------
// unknown fields
// ---------------------------------------------------------------------------

#[test]
fn unknown_field_at_top_level_is_refused() {
    let value = json!({"account": "c", "partner": "x"});
    let (path, message) = serde_error(&value);
    assert!(message.contains("unknown field `partner`"), "{message}");
    assert_eq!(path, "partner");
    assert!(json_error(value).contains("unknown field `partner`"));
}

#[test]
fn unknown_field_in_an_offer_is_refused() {
    let value = with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "renewed": true}
    ]));
    let (path, message) = serde_error(&value);
    assert!(message.contains("unknown field `renewed`"), "{message}");
    assert_eq!(path, "offers[0].renewed");
}

#[test]
fn unknown_field_in_a_token_is_refused() {
    let value = with_tokens(json!([
        {"id": "t", "activated": "2020-01-05", "tenant": "wrong"}
    ]));
    let (path, message) = serde_error(&value);
    assert!(message.contains("unknown field `tenant`"), "{message}");
    assert_eq!(path, "tokens[0].tenant");
}

// ---------------------------------------------------------------------------
// unknown enum values and missing fields
// ---------------------------------------------------------------------------

#[test]
fn unknown_offer_kind_is_refused() {
    let value = with_offers(json!([
        {"id": "p", "kind": "platinum_competency", "area": "Data", "purchased": "2018-09-01"}
    ]));
    let (path, message) = serde_error(&value);
    assert_eq!(
        message,
        "`platinum_competency` is not one of action_pack, learning_action_pack, silver_competency, gold_competency"
    );
    assert_eq!(path, "offers[0].kind");
}

#[test]
fn unknown_portal_is_refused() {
    let (path, message) = serde_error(&json!({"account": "c", "portal": "web"}));
    assert_eq!(message, "`web` is not one of partner_center, pmc");
    assert_eq!(path, "portal");
}

#[test]
fn unknown_business_profile_is_refused() {
    let (path, message) = serde_error(&json!({"account": "c", "business_profile": "verified"}));
    assert_eq!(
        message,
        "`verified` is not one of current, needs_review, pending_verification"
    );
    assert_eq!(path, "business_profile");
}

#[test]
fn missing_required_offer_and_token_fields_are_refused() {
    for (value, field) in [
        (
            with_offers(json!([{"kind": "action_pack", "purchased": "2018-09-01"}])),
            "id",
        ),
        (
            with_offers(json!([{"id": "m", "purchased": "2018-09-01"}])),
            "kind",
        ),
        (
            with_offers(json!([{"id": "m", "kind": "action_pack"}])),
            "purchased",
        ),
        (with_tokens(json!([{"activated": "2020-01-05"}])), "id"),
        (with_tokens(json!([{"id": "t"}])), "activated"),
    ] {
        let (_, message) = serde_error(&value);
        assert!(
            message.contains(&format!("missing field `{field}`")),
            "{message}"
        );
    }
}

// ---------------------------------------------------------------------------
// dates
// ---------------------------------------------------------------------------

#[test]
fn a_day_that_does_not_exist_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "2019-02-30"}
        ]))),
        format!("offers[0].purchased: `2019-02-30` {DATE_FORM}")
    );
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "anniversary": "2019-02-30"}
        ]))),
        format!("offers[0].anniversary: `2019-02-30` {DATE_FORM}")
    );
    assert_eq!(
        json_error(with_tokens(json!([{"id": "t", "activated": "2019-02-30"}]))),
        format!("tokens[0].activated: `2019-02-30` {DATE_FORM}")
    );
    // 29 February exists in 2020 only.
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "2019-02-29"}
        ]))),
        format!("offers[0].purchased: `2019-02-29` {DATE_FORM}")
    );
}

#[test]
fn year_0000_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "0000-06-01"}
        ]))),
        format!("offers[0].purchased: `0000-06-01` {DATE_FORM}")
    );
    // The builder takes a chrono date, which can be in year 0: it is refused
    // as outside the calendar of the contract.
    let err =
        builder_error(Membership::builder("c").offer(OfferDraft::action_pack("m", ymd(0, 6, 1))));
    assert_eq!(err.path(), "offers[0].purchased");
    assert!(matches!(
        err.kind(),
        ErrorKind::DateOutOfRange { date, .. } if *date == ymd(0, 6, 1)
    ));
    assert_eq!(
        err.to_string(),
        "offers[0].purchased: 0000-06-01 is too close to the limits of the calendar: \
         the rules need the purchase date to stay within 0001-01-01 ..= 9999-12-31"
    );
}

#[test]
fn a_five_digit_or_signed_year_is_refused() {
    for text in ["20190-09-01", "10000-01-01", "+2019-09-01", "-2019-09-01"] {
        assert_eq!(
            json_error(with_offers(json!([
                {"id": "m", "kind": "action_pack", "purchased": text}
            ]))),
            format!("offers[0].purchased: `{text}` {DATE_FORM}")
        );
        assert_eq!(
            json_error(with_tokens(json!([{"id": "t", "activated": text}]))),
            format!("tokens[0].activated: `{text}` {DATE_FORM}")
        );
    }
    // Through the builder: year 10000 and year −1.
    for date in [ymd(10000, 1, 1), ymd(-1, 1, 1)] {
        let err = builder_error(Membership::builder("c").offer(OfferDraft::action_pack("m", date)));
        assert_eq!(err.path(), "offers[0].purchased");
        assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
        let err = builder_error(Membership::builder("c").token(Token::new("t", date)));
        assert_eq!(err.path(), "tokens[0].activated");
        assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
    }
}

#[test]
fn other_date_forms_are_refused() {
    for text in [
        "2019-09-01T00:00:00",
        "2019-09-01T00:00:00Z",
        "2019-9-01",
        "2019-09-1",
        "19-09-01",
        "2019/09/01",
        " 2019-09-01",
        "2019-09-01 ",
        "",
    ] {
        assert_eq!(
            json_error(with_offers(json!([
                {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "anniversary": text}
            ]))),
            format!("offers[0].anniversary: `{text}` {DATE_FORM}")
        );
    }
    // A date that is not a string at all is refused by serde.
    let (path, message) = serde_error(&with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": 20180901}
    ])));
    assert_eq!(path, "offers[0].purchased");
    assert_eq!(message, "expected a string, found a number");
}

// ---------------------------------------------------------------------------
// anniversary after purchase
// ---------------------------------------------------------------------------

#[test]
fn anniversary_equal_to_the_purchase_is_refused() {
    let expected = "offers[0].anniversary: 2018-09-01 is not after the purchase date 2018-09-01";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "anniversary": "2018-09-01"}
        ]))),
        expected
    );
    let err = builder_error(Membership::builder("c").offer(ap("m").anniversary(d("2018-09-01"))));
    assert_eq!(err.path(), "offers[0].anniversary");
    assert!(matches!(
        err.kind(),
        ErrorKind::AnniversaryNotAfterPurchase { anniversary, purchased }
            if *anniversary == d("2018-09-01") && *purchased == d("2018-09-01")
    ));
    assert_eq!(err.to_string(), expected);
}

#[test]
fn anniversary_before_the_purchase_is_refused() {
    let expected = "offers[1].anniversary: 2018-08-31 is not after the purchase date 2018-09-01";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "l", "kind": "learning_action_pack", "purchased": "2018-09-01"},
            {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "anniversary": "2018-08-31"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .offer(lap("l"))
            .offer(ap("m").anniversary(d("2018-08-31"))),
    );
    assert_eq!(err.path(), "offers[1].anniversary");
    assert!(matches!(
        err.kind(),
        ErrorKind::AnniversaryNotAfterPurchase { .. }
    ));
    assert_eq!(err.to_string(), expected);
    // The day after the purchase is accepted.
    Membership::builder("c")
        .offer(ap("m").anniversary(d("2018-09-02")))
        .build()
        .unwrap();
}

// ---------------------------------------------------------------------------
// area, auto_renew, performance_met, exams_validated by kind
// ---------------------------------------------------------------------------

#[test]
fn a_competency_without_area_is_refused() {
    for (kind, name) in [
        (OfferKind::SilverCompetency, "silver_competency"),
        (OfferKind::GoldCompetency, "gold_competency"),
    ] {
        let expected = format!("offers[0].area: {name} offers need an `area`");
        assert_eq!(
            json_error(with_offers(json!([
                {"id": "c", "kind": name, "purchased": "2018-09-01"}
            ]))),
            expected
        );
        let err = builder_error(Membership::builder("c").offer(OfferDraft::new(
            "c",
            kind,
            d("2018-09-01"),
        )));
        assert_eq!(err.path(), "offers[0].area");
        assert!(matches!(err.kind(), ErrorKind::MissingArea(k) if *k == kind));
        assert_eq!(err.to_string(), expected);
    }
}

#[test]
fn an_area_on_a_pack_is_refused() {
    for (draft, kind, name) in [
        (ap("m"), OfferKind::ActionPack, "action_pack"),
        (
            lap("m"),
            OfferKind::LearningActionPack,
            "learning_action_pack",
        ),
    ] {
        // The message is the `#[error]` string as written: "a {kind} has no
        // `{field}`" (so "a action_pack").
        let expected = format!("offers[0].area: {name} offers have no `area`");
        assert_eq!(
            json_error(with_offers(json!([
                {"id": "m", "kind": name, "area": "Data", "purchased": "2018-09-01"}
            ]))),
            expected
        );
        let err = builder_error(Membership::builder("c").offer(draft.area("Data")));
        assert_eq!(err.path(), "offers[0].area");
        assert!(matches!(
            err.kind(),
            ErrorKind::FieldNotForKind { kind: k, field: "area" } if *k == kind
        ));
        assert_eq!(err.to_string(), expected);
    }
}

#[test]
fn an_empty_area_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "c", "kind": "gold_competency", "area": "", "purchased": "2018-09-01"}
        ]))),
        "offers[0].area: must not be empty"
    );
    let err = builder_error(Membership::builder("c").offer(OfferDraft::competency(
        "c",
        CompetencyLevel::Gold,
        "",
        d("2018-09-01"),
    )));
    assert_eq!(err.path(), "offers[0].area");
    assert!(matches!(err.kind(), ErrorKind::Empty));
}

#[test]
fn auto_renew_on_a_learning_action_pack_is_refused() {
    for value in [true, false] {
        assert_eq!(
            json_error(with_offers(json!([
                {"id": "l", "kind": "learning_action_pack", "purchased": "2018-09-01", "auto_renew": value}
            ]))),
            "offers[0].auto_renew: learning_action_pack offers have no `auto_renew`"
        );
        let err = builder_error(Membership::builder("c").offer(lap("l").auto_renew(value)));
        assert_eq!(err.path(), "offers[0].auto_renew");
        assert!(matches!(
            err.kind(),
            ErrorKind::FieldNotForKind {
                kind: OfferKind::LearningActionPack,
                field: "auto_renew"
            }
        ));
    }
}

#[test]
fn auto_renew_on_a_competency_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "s", "kind": "silver_competency", "area": "Data", "purchased": "2018-09-01",
             "auto_renew": false}
        ]))),
        "offers[0].auto_renew: silver_competency offers have no `auto_renew`"
    );
    let err = builder_error(
        Membership::builder("c").offer(
            OfferDraft::competency("g", CompetencyLevel::Gold, "Data", d("2018-09-01"))
                .auto_renew(true),
        ),
    );
    assert_eq!(err.path(), "offers[0].auto_renew");
    assert!(matches!(
        err.kind(),
        ErrorKind::FieldNotForKind {
            kind: OfferKind::GoldCompetency,
            field: "auto_renew"
        }
    ));
    assert_eq!(
        err.to_string(),
        "offers[0].auto_renew: gold_competency offers have no `auto_renew`"
    );
}

#[test]
fn performance_met_or_exams_validated_on_a_pack_is_refused() {
    for (name, field) in [
        ("action_pack", "performance_met"),
        ("action_pack", "exams_validated"),
        ("learning_action_pack", "performance_met"),
        ("learning_action_pack", "exams_validated"),
    ] {
        let mut offer = json!({"id": "m", "kind": name, "purchased": "2018-09-01"});
        offer[field] = json!(true);
        assert_eq!(
            json_error(with_offers(json!([offer]))),
            format!("offers[0].{field}: {name} offers have no `{field}`")
        );
    }
    let err = builder_error(Membership::builder("c").offer(ap("m").performance_met(false)));
    assert_eq!(err.path(), "offers[0].performance_met");
    assert!(matches!(
        err.kind(),
        ErrorKind::FieldNotForKind {
            kind: OfferKind::ActionPack,
            field: "performance_met"
        }
    ));
    let err = builder_error(Membership::builder("c").offer(lap("l").exams_validated(true)));
    assert_eq!(err.path(), "offers[0].exams_validated");
    assert!(matches!(
        err.kind(),
        ErrorKind::FieldNotForKind {
            kind: OfferKind::LearningActionPack,
            field: "exams_validated"
        }
    ));
    assert_eq!(
        err.to_string(),
        "offers[0].exams_validated: learning_action_pack offers have no `exams_validated`"
    );
}

// ---------------------------------------------------------------------------
// ids
// ---------------------------------------------------------------------------

#[test]
fn duplicate_offer_ids_are_refused() {
    let expected = "offers[2].id: `x` is already the id of offers[0]";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "x", "kind": "action_pack", "purchased": "2018-09-01"},
            {"id": "y", "kind": "learning_action_pack", "purchased": "2018-09-01"},
            {"id": "x", "kind": "silver_competency", "area": "Data", "purchased": "2018-09-01"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .offer(ap("x"))
            .offer(lap("y"))
            .offer(silver("x")),
    );
    assert_eq!(err.path(), "offers[2].id");
    assert!(matches!(
        err.kind(),
        ErrorKind::DuplicateId { id, first } if id == "x" && first == "offers[0]"
    ));
    assert_eq!(err.to_string(), expected);
}

#[test]
fn duplicate_token_ids_are_refused() {
    let expected = "tokens[1].id: `t` is already the id of tokens[0]";
    assert_eq!(
        json_error(with_tokens(json!([
            {"id": "t", "activated": "2020-01-05"},
            {"id": "t", "activated": "2020-02-05"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .token(Token::new("t", d("2020-01-05")))
            .token(Token::new("t", d("2020-02-05"))),
    );
    assert_eq!(err.path(), "tokens[1].id");
    assert!(matches!(
        err.kind(),
        ErrorKind::DuplicateId { id, first } if id == "t" && first == "tokens[0]"
    ));
    assert_eq!(err.to_string(), expected);
}

#[test]
fn an_offer_and_a_token_may_share_an_id() {
    // Ids are unique among offers and among tokens, not across the two.
    Membership::builder("c")
        .offer(ap("x"))
        .token(Token::new("x", d("2020-01-05")))
        .build()
        .unwrap();
}

#[test]
fn an_empty_offer_id_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "", "kind": "action_pack", "purchased": "2018-09-01"}
        ]))),
        "offers[0].id: must not be empty"
    );
    let err = builder_error(Membership::builder("c").offer(ap("")));
    assert_eq!(err.path(), "offers[0].id");
    assert!(matches!(err.kind(), ErrorKind::Empty));
}

#[test]
fn an_empty_token_id_is_refused() {
    assert_eq!(
        json_error(with_tokens(json!([{"id": "", "activated": "2020-01-05"}]))),
        "tokens[0].id: must not be empty"
    );
    let err = builder_error(Membership::builder("c").token(Token::new("", d("2020-01-05"))));
    assert_eq!(err.path(), "tokens[0].id");
    assert!(matches!(err.kind(), ErrorKind::Empty));
}

#[test]
fn an_empty_origin_account_is_refused() {
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "2018-09-01", "origin_account": ""}
        ]))),
        "offers[0].origin_account: must not be empty"
    );
    let err = builder_error(Membership::builder("c").offer(ap("m").origin_account("")));
    assert_eq!(err.path(), "offers[0].origin_account");
    assert!(matches!(err.kind(), ErrorKind::Empty));
    assert_eq!(
        err.to_string(),
        "offers[0].origin_account: must not be empty"
    );
}

// ---------------------------------------------------------------------------
// M4: one pack of each kind without origin_account
// ---------------------------------------------------------------------------

#[test]
fn two_action_packs_without_origin_account_are_refused() {
    let expected = "offers[1]: a second action_pack without `origin_account`: \
                    one per partner global account (M4), the first is offers[0]";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "a", "kind": "action_pack", "purchased": "2018-09-01"},
            {"id": "b", "kind": "action_pack", "purchased": "2019-01-01"}
        ]))),
        expected
    );
    let err = builder_error(Membership::builder("c").offer(ap("a")).offer(ap("b")));
    assert_eq!(err.path(), "offers[1]");
    assert!(matches!(
        err.kind(),
        ErrorKind::SecondPackWithoutOrigin { kind: OfferKind::ActionPack, first }
            if first == "offers[0]"
    ));
    assert_eq!(err.to_string(), expected);
}

#[test]
fn two_learning_action_packs_without_origin_account_are_refused() {
    // The first pack of the kind without origin is offers[1]; the second,
    // offers[3], is the one refused.
    let expected = "offers[3]: a second learning_action_pack without `origin_account`: \
                    one per partner global account (M4), the first is offers[1]";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "learning_action_pack", "purchased": "2018-09-01",
             "origin_account": "f"},
            {"id": "a", "kind": "learning_action_pack", "purchased": "2018-09-01"},
            {"id": "s", "kind": "silver_competency", "area": "Data", "purchased": "2018-09-01"},
            {"id": "b", "kind": "learning_action_pack", "purchased": "2019-01-01"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .offer(lap("m").origin_account("f"))
            .offer(lap("a"))
            .offer(silver("s"))
            .offer(lap("b")),
    );
    assert_eq!(err.path(), "offers[3]");
    assert!(matches!(
        err.kind(),
        ErrorKind::SecondPackWithoutOrigin { kind: OfferKind::LearningActionPack, first }
            if first == "offers[1]"
    ));
    assert_eq!(err.to_string(), expected);
}

#[test]
fn one_action_pack_and_one_learning_action_pack_are_accepted() {
    accepted(with_offers(json!([
        {"id": "a", "kind": "action_pack", "purchased": "2018-09-01"},
        {"id": "l", "kind": "learning_action_pack", "purchased": "2018-09-01"}
    ])));
    Membership::builder("c")
        .offer(ap("a"))
        .offer(lap("l"))
        .build()
        .unwrap();
}

#[test]
fn packs_that_came_from_a_merge_are_accepted() {
    // One own pack and one from another account; or two from other accounts.
    let membership = accepted(with_offers(json!([
        {"id": "a", "kind": "action_pack", "purchased": "2018-09-01"},
        {"id": "b", "kind": "action_pack", "purchased": "2018-10-01", "origin_account": "f"}
    ])));
    assert_eq!(membership.offers()[1].origin_account(), Some("f"));
    Membership::builder("c")
        .offer(ap("a").origin_account("f"))
        .offer(ap("b").origin_account("g"))
        .offer(ap("own"))
        .offer(lap("l1").origin_account("f"))
        .offer(lap("l2"))
        .build()
        .unwrap();
}

// ---------------------------------------------------------------------------
// D4: the ends of the calendar
// ---------------------------------------------------------------------------

#[test]
fn anniversary_minus_90_days_before_0001_01_01_is_refused() {
    // 0001-03-31 is day 90 of year 1 (31 + 28 + 31): − 90 days is
    // 0000-12-31, outside; 0001-04-01 (day 91) − 90 = 0001-01-01, inside.
    let expected = "offers[0].anniversary: 0001-03-31 is too close to the limits of the calendar: \
                    the rules need the anniversary - 90 days and + 366 days to stay within \
                    0001-01-01 ..= 9999-12-31";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "0001-01-01", "anniversary": "0001-03-31"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .offer(OfferDraft::action_pack("m", d("0001-01-01")).anniversary(d("0001-03-31"))),
    );
    assert_eq!(err.path(), "offers[0].anniversary");
    assert!(matches!(
        err.kind(),
        ErrorKind::DateOutOfRange { date, .. } if *date == d("0001-03-31")
    ));
    assert_eq!(err.to_string(), expected);

    let membership = accepted(with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": "0001-01-01", "anniversary": "0001-04-01"}
    ])));
    assert_eq!(membership.offers()[0].anniversary(), d("0001-04-01"));
}

#[test]
fn the_earliest_purchase_with_its_default_anniversary_is_accepted() {
    // Bought 0001-01-01: first anniversary 0002-01-01, whose − 90 days
    // (0001-10-03) is inside the calendar.
    let membership = accepted(with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": "0001-01-01"}
    ])));
    assert_eq!(membership.offers()[0].anniversary(), d("0002-01-01"));
}

#[test]
fn anniversary_plus_366_days_after_9999_12_31_is_refused() {
    // 9999 is not a leap year: 9998-12-31 + 365 = 9999-12-31, so
    // 9998-12-31 + 366 is outside and 9998-12-30 + 366 = 9999-12-31 inside.
    let expected = "offers[0].anniversary: 9998-12-31 is too close to the limits of the calendar: \
                    the rules need the anniversary - 90 days and + 366 days to stay within \
                    0001-01-01 ..= 9999-12-31";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "9998-01-01", "anniversary": "9998-12-31"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c")
            .offer(OfferDraft::action_pack("m", d("9998-01-01")).anniversary(d("9998-12-31"))),
    );
    assert_eq!(err.path(), "offers[0].anniversary");
    assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
    assert_eq!(err.to_string(), expected);

    let membership = accepted(with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": "9998-01-01", "anniversary": "9998-12-30"}
    ])));
    assert_eq!(membership.offers()[0].anniversary(), d("9998-12-30"));
}

#[test]
fn a_default_anniversary_too_close_to_9999_12_31_blames_the_purchase() {
    // Bought 9997-12-31: default anniversary 9998-12-31, + 366 outside.
    // Bought 9997-12-30: default anniversary 9998-12-30, accepted.
    let expected = "offers[0].purchased: 9997-12-31 is too close to the limits of the calendar: \
                    the rules need its first anniversary (the default anniversary) + 366 days \
                    to stay within 0001-01-01 ..= 9999-12-31";
    assert_eq!(
        json_error(with_offers(json!([
            {"id": "m", "kind": "action_pack", "purchased": "9997-12-31"}
        ]))),
        expected
    );
    let err = builder_error(
        Membership::builder("c").offer(OfferDraft::action_pack("m", d("9997-12-31"))),
    );
    assert_eq!(err.path(), "offers[0].purchased");
    assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
    assert_eq!(err.to_string(), expected);

    let membership = accepted(with_offers(json!([
        {"id": "m", "kind": "action_pack", "purchased": "9997-12-30"}
    ])));
    assert_eq!(membership.offers()[0].anniversary(), d("9998-12-30"));
    // The last valid date as a purchase has no anniversary in the calendar.
    let err = builder_error(
        Membership::builder("c").offer(OfferDraft::action_pack("m", d("9999-12-31"))),
    );
    assert_eq!(err.path(), "offers[0].purchased");
}

#[test]
fn a_token_activated_within_31_days_of_9999_12_31_is_refused() {
    // 9999-11-30 + 31 = 9999-12-31 (accepted); 9999-12-01 + 31 is outside.
    let expected = "tokens[0].activated: 9999-12-01 is too close to the limits of the calendar: \
                    the rules need its activation + 31 days to stay within \
                    0001-01-01 ..= 9999-12-31";
    assert_eq!(
        json_error(with_tokens(json!([{"id": "t", "activated": "9999-12-01"}]))),
        expected
    );
    let err = builder_error(Membership::builder("c").token(Token::new("t", d("9999-12-01"))));
    assert_eq!(err.path(), "tokens[0].activated");
    assert!(matches!(
        err.kind(),
        ErrorKind::DateOutOfRange { date, .. } if *date == d("9999-12-01")
    ));
    assert_eq!(err.to_string(), expected);

    let membership = accepted(with_tokens(json!([{"id": "t", "activated": "9999-11-30"}])));
    assert_eq!(membership.tokens()[0].activated(), d("9999-11-30"));
    // The first day of the calendar is a fine activation day.
    accepted(with_tokens(json!([{"id": "t", "activated": "0001-01-01"}])));
}

// ---------------------------------------------------------------------------
// accepted inputs: defaults and round trip
// ---------------------------------------------------------------------------

#[test]
fn the_defaults_of_the_contract_are_applied() {
    let membership = accepted(json!({
        "account": "contoso",
        "offers": [
            {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"},
            {"id": "lap", "kind": "learning_action_pack", "purchased": "2020-02-29"},
            {"id": "cloud", "kind": "gold_competency", "area": "Cloud Platform",
             "purchased": "2019-01-10"}
        ],
        "tokens": [{"id": "o365-e3", "activated": "2020-01-05"}]
    }));
    assert_eq!(membership.account(), "contoso");
    assert!(membership.network_member());
    assert_eq!(membership.portal(), Portal::PartnerCenter);
    assert_eq!(membership.business_profile(), BusinessProfile::Current);

    let maps = membership.offer("maps").unwrap();
    assert_eq!(maps.kind(), OfferKind::ActionPack);
    assert_eq!(maps.anniversary(), d("2019-09-01")); // W1
    assert!(maps.auto_renew());
    assert!(!maps.cancelled());
    assert_eq!(maps.origin_account(), None);

    let lap = membership.offer("lap").unwrap();
    assert_eq!(lap.anniversary(), d("2021-02-28")); // D1
    assert!(!lap.auto_renew());

    let cloud = membership.offer("cloud").unwrap();
    assert_eq!(cloud.anniversary(), d("2020-01-10"));
    assert_eq!(cloud.area(), Some("Cloud Platform"));
    assert!(!cloud.auto_renew());
    assert!(!cloud.performance_met());
    assert!(!cloud.exams_validated());

    let token = membership.token("o365-e3").unwrap();
    assert_eq!(token.activated(), d("2020-01-05"));
    assert!(!token.is_replaced());
}

#[test]
fn the_builder_applies_the_same_defaults() {
    let from_json = accepted(json!({
        "account": "contoso",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"}]
    }));
    let built = Membership::builder("contoso")
        .offer(ap("maps"))
        .build()
        .unwrap();
    assert_eq!(built, from_json);
}

#[test]
fn the_contract_example_membership_is_accepted() {
    let membership = accepted(json!({
      "account": "contoso",
      "network_member": true,
      "portal": "partner_center",
      "business_profile": "current",
      "offers": [
        {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
         "anniversary": "2019-09-01", "auto_renew": true},
        {"id": "cloud", "kind": "gold_competency", "area": "Cloud Platform",
         "purchased": "2017-03-10", "anniversary": "2020-03-10",
         "performance_met": true, "exams_validated": false}
      ],
      "tokens": [{"id": "o365-e3", "activated": "2020-01-05"}]
    }));
    let cloud = membership.offer("cloud").unwrap();
    assert_eq!(cloud.anniversary(), d("2020-03-10"));
    assert!(cloud.performance_met());
    assert!(!cloud.exams_validated());
}

#[test]
fn a_full_membership_round_trips_through_serde() {
    // Every field given, none at its default where avoidable: serializing
    // what was read gives back exactly this.
    let full = json!({
        "account": "contoso",
        "network_member": false,
        "portal": "pmc",
        "business_profile": "pending_verification",
        "offers": [
            {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
             "anniversary": "2020-08-31", "auto_renew": false, "cancelled": false},
            {"id": "maps2", "kind": "action_pack", "purchased": "2019-10-01",
             "anniversary": "2020-10-01", "auto_renew": true, "cancelled": true,
             "origin_account": "fabrikam"},
            {"id": "lap", "kind": "learning_action_pack", "purchased": "2020-02-29",
             "anniversary": "2021-02-28", "cancelled": false},
            {"id": "data", "kind": "silver_competency", "area": "Data",
             "purchased": "2016-02-29", "anniversary": "2020-02-29", "cancelled": false,
             "performance_met": true, "exams_validated": false,
             "covid_override_requested": false},
            {"id": "cloud", "kind": "gold_competency", "area": "Cloud Platform",
             "purchased": "2017-03-10", "anniversary": "2020-03-10", "cancelled": false,
             "performance_met": false, "exams_validated": true,
             "origin_account": "fabrikam", "covid_override_requested": true}
        ],
        "tokens": [
            {"id": "o365-e3", "activated": "2020-01-05", "replaced": true},
            {"id": "azure", "activated": "0001-01-01", "replaced": false}
        ]
    });
    let membership = accepted(full.clone());
    assert!(!membership.network_member());
    assert_eq!(membership.portal(), Portal::Pmc);
    assert_eq!(
        membership.business_profile(),
        BusinessProfile::PendingVerification
    );
    assert_eq!(serde_json::to_value(&membership).unwrap(), full);
    let again: Membership =
        serde_json::from_str(&serde_json::to_string(&membership).unwrap()).unwrap();
    assert_eq!(again, membership);
}

#[test]
fn a_minimal_membership_serializes_with_its_defaults_written_out() {
    let membership = accepted(json!({
        "account": "c",
        "offers": [{"id": "m", "kind": "action_pack", "purchased": "2018-09-01"}]
    }));
    assert_eq!(
        serde_json::to_value(&membership).unwrap(),
        json!({
            "account": "c",
            "network_member": true,
            "portal": "partner_center",
            "business_profile": "current",
            "offers": [{"id": "m", "kind": "action_pack", "purchased": "2018-09-01",
                        "anniversary": "2019-09-01", "auto_renew": true, "cancelled": false}],
            "tokens": []
        })
    );
}

/// the wire contract: a membership, an offer and a token are JSON objects. An
/// array of the same fields in order (which serde's derive would take) is
/// refused, and the message says what was expected.
#[test]
fn bad_input_an_array_in_place_of_an_object() {
    assert_eq!(
        json_error(json!(["contoso", true])),
        "(root): expected an object, found an array"
    );
    let (path, message) = serde_error(&json!({
        "account": "contoso",
        "offers": [["maps", "action_pack", "2018-09-01"]]
    }));
    assert_eq!(path, "offers[0]");
    assert_eq!(message, "expected an object, found an array");
}
