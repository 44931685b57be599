//! `apply` beyond the rules: the denials of an action on an offer, a token
//! or an id that does not fit the membership, an input that never changes,
//! and `apply` under a policy. The rules' own transitions are with their
//! rules under `rules/`.

use mpn_renewals::{
    apply, Action, BusinessProfile, ErrorKind, Membership, OfferDraft, OfferKind, Policy, Portal,
    Rules, Token,
};

use crate::common::{d, denied, gold, maps, member, renew, with};

#[test]
fn renew_of_an_unknown_offer_is_denied_with_its_id() {
    let membership = member([maps()]);
    assert_eq!(
        denied(&membership, renew("nope"), "2019-09-02"),
        ErrorKind::UnknownOffer
    );
    let err = apply(&membership, &renew("nope"), d("2019-09-02")).unwrap_err();
    assert_eq!(err.to_string(), "renew of nope: no offer has this id");
}

#[test]
fn purchase_with_an_id_already_taken_is_denied() {
    // "cloud" is a competency's id: ids are unique across offers.
    let membership = member([gold("cloud", "2019-05-01", true)]);
    assert_eq!(
        denied(
            &membership,
            Action::purchase_as(OfferKind::ActionPack, "cloud"),
            "2019-09-10",
        )
        .to_string(),
        "`cloud` is already the id of an offer"
    );
}

#[test]
fn purchase_without_an_id_is_denied() {
    assert_eq!(
        denied(
            &member([]),
            Action::purchase(OfferKind::ActionPack),
            "2019-09-10",
        ),
        ErrorKind::MissingId
    );
}

#[test]
fn purchase_of_a_competency_is_denied() {
    // M2, M4: only packs can be purchased; a competency is attained.
    assert_eq!(
        denied(
            &member([]),
            Action::purchase_as(OfferKind::GoldCompetency, "cloud"),
            "2019-09-10",
        ),
        ErrorKind::NotPurchasable(OfferKind::GoldCompetency)
    );
}

#[test]
fn unknown_offers_are_denied_for_every_offer_action() {
    let membership = member([maps()]);
    for action in [
        Action::renew("x"),
        Action::reactivate("x"),
        Action::request_covid_override("x"),
        Action::turn_off_auto_renew("x"),
        Action::request_cancellation("x"),
        Action::download_invoice("x"),
    ] {
        assert_eq!(
            denied(&membership, action, "2019-09-02"),
            ErrorKind::UnknownOffer,
            "{action}"
        );
    }
}

#[test]
fn the_input_membership_is_unchanged_whatever_the_outcome() {
    let membership = with(
        Membership::builder("contoso")
            .portal(Portal::PartnerCenter)
            .business_profile(BusinessProfile::NeedsReview)
            .token(Token::new("o365", d("2019-09-01"))),
        [
            maps(),
            gold("cloud", "2020-01-15", false),
            OfferDraft::learning_action_pack("learn", d("2019-01-04")),
        ],
    );
    let actions = [
        renew("maps"),
        renew("cloud"),
        Action::reactivate("cloud"),
        Action::request_covid_override("cloud"),
        Action::turn_off_auto_renew("maps"),
        Action::request_cancellation("maps"),
        Action::download_invoice("maps"),
        Action::purchase_as(OfferKind::LearningActionPack, "learn2"),
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::request_replacement_token("o365"),
    ];
    let before = membership.clone();
    let mut outcomes = (0, 0);
    for on in ["2019-06-01", "2019-09-02", "2019-10-02", "2020-03-01"] {
        for action in &actions {
            match apply(&membership, action, d(on)) {
                Ok(_) => outcomes.0 += 1,
                Err(_) => outcomes.1 += 1,
            }
            assert_eq!(membership, before, "{action} on {on}");
        }
    }
    // Both outcomes were exercised.
    assert!(outcomes.0 > 0 && outcomes.1 > 0, "{outcomes:?}");
}

#[test]
fn apply_under_a_policy_is_the_policy_method() {
    // The free function is partner-center-2020's method.
    let membership = member([maps()]);
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.apply(&membership, &renew("maps"), d("2019-09-02")),
        apply(&membership, &renew("maps"), d("2019-09-02"))
    );
    // Under partner-center-2018 the same renewal counts from the renewal
    // day: 2019-09-02 + 365 = 2020-09-01 (2020 is a leap year).
    let renewed = Policy::builtin("partner-center-2018")
        .unwrap()
        .apply(&membership, &renew("maps"), d("2019-09-02"))
        .unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2020-09-01")
    );
}

#[test]
fn denied_blocked_displays_the_reasons() {
    let membership = member([maps()]);
    let denial = denied(&membership, renew("maps"), "2019-09-01");
    assert_eq!(
        denial.to_string(),
        "blocked: window_not_open (allowed from 2019-09-02)"
    );
}

/// A purchase the evaluation blocks is refused with its reasons even when
/// its new id is taken; the clash is reported only for a purchase the
/// evaluation allows, and a purchase without an id last.
#[test]
fn a_purchase_is_refused_with_the_evaluations_reasons_before_the_clash() {
    let membership = member([maps()]);
    let day = d("2019-09-02");
    // M4: an Action Pack is held, so buying another is blocked, whatever
    // its id.
    let err = apply(
        &membership,
        &Action::purchase_as(OfferKind::ActionPack, "maps"),
        day,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "purchase of action_pack: blocked: already_held"
    );
    // A Learning Action Pack may be bought, but not as `maps`.
    let err = apply(
        &membership,
        &Action::purchase_as(OfferKind::LearningActionPack, "maps"),
        day,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "purchase of learning_action_pack: `maps` is already the id of an offer"
    );
    let err = apply(
        &membership,
        &Action::purchase(OfferKind::LearningActionPack),
        day,
    )
    .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::MissingId);
}

/// D4: the contract lists a purchase as open on the last day of the
/// calendar (a worked case says so), but a pack bought then could not have
/// an anniversary in the calendar: `apply` refuses it as out of range,
/// naming the action. A year and a day earlier the purchase is recorded.
#[test]
fn d4_a_purchase_on_the_last_day_is_listed_open_and_refused_as_out_of_range() {
    let membership = member([]);
    let last = d("9999-12-31");
    let purchase = Action::purchase(OfferKind::ActionPack);
    assert!(mpn_renewals::evaluate(&membership, last).is_allowed(&purchase));
    let err = apply(
        &membership,
        &Action::purchase_as(OfferKind::ActionPack, "x"),
        last,
    )
    .unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::DateOutOfRange { .. }),
        "{err}"
    );
    assert!(err.path().starts_with("purchase of action_pack: "), "{err}");
    // W1: bought 9997-12-30, the first anniversary is 9998-12-30, whose
    // + 366 days is 9999-12-31, the last date: recorded.
    let bought = apply(
        &membership,
        &Action::purchase_as(OfferKind::ActionPack, "x"),
        d("9997-12-30"),
    )
    .unwrap();
    assert_eq!(bought.offer("x").unwrap().anniversary(), d("9998-12-30"));
}
