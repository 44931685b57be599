//! `apply` beyond the rules: the denials of an action on an offer, a token
//! or an id that does not fit the membership, an input that never changes,
//! and `apply` under a policy. The rules' own transitions are with their
//! rules under `rules/`.

use mpn_renewals::{
    apply, Action, BusinessProfile, Denied, Membership, OfferDraft, OfferKind, Policy, Portal,
    Rules, Token,
};

use crate::common::{d, denied, gold, maps, member, renew, with};

#[test]
fn renew_of_an_unknown_offer_is_denied_with_its_id() {
    let membership = member([maps()]);
    assert_eq!(
        denied(&membership, renew("nope"), "2019-09-02"),
        Denied::UnknownOffer("nope".to_owned())
    );
}

#[test]
fn purchase_with_an_id_already_taken_is_denied() {
    // "cloud" is a competency's id: ids are unique across offers.
    let membership = member([gold("cloud", "2019-05-01", true)]);
    assert_eq!(
        denied(
            &membership,
            Action::Purchase {
                kind: OfferKind::ActionPack,
                id: Some("cloud"),
            },
            "2019-09-10",
        ),
        Denied::IdTaken("cloud".to_owned())
    );
}

#[test]
fn purchase_without_an_id_is_denied() {
    assert_eq!(
        denied(
            &member([]),
            Action::Purchase {
                kind: OfferKind::ActionPack,
                id: None,
            },
            "2019-09-10",
        ),
        Denied::MissingId
    );
}

#[test]
fn purchase_of_a_competency_is_denied() {
    // M2, M4: only packs can be purchased; a competency is attained.
    assert_eq!(
        denied(
            &member([]),
            Action::Purchase {
                kind: OfferKind::GoldCompetency,
                id: Some("cloud"),
            },
            "2019-09-10",
        ),
        Denied::NotPurchasable(OfferKind::GoldCompetency)
    );
}

#[test]
fn unknown_offers_are_denied_for_every_offer_action() {
    let membership = member([maps()]);
    for action in [
        Action::Renew { offer: "x" },
        Action::Reactivate { offer: "x" },
        Action::RequestCovidOverride { offer: "x" },
        Action::TurnOffAutoRenew { offer: "x" },
        Action::RequestCancellation { offer: "x" },
        Action::DownloadInvoice { offer: "x" },
    ] {
        assert_eq!(
            denied(&membership, action, "2019-09-02"),
            Denied::UnknownOffer("x".to_owned()),
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
        Action::Reactivate { offer: "cloud" },
        Action::RequestCovidOverride { offer: "cloud" },
        Action::TurnOffAutoRenew { offer: "maps" },
        Action::RequestCancellation { offer: "maps" },
        Action::DownloadInvoice { offer: "maps" },
        Action::Purchase {
            kind: OfferKind::LearningActionPack,
            id: Some("learn2"),
        },
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::RequestReplacementToken { token: "o365" },
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
    assert_eq!(denial.to_string(), "blocked: window_not_open");
    assert_eq!(
        Denied::IdTaken("maps".to_owned()).to_string(),
        "`maps` is already the id of an offer"
    );
}
