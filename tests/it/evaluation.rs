//! The types an evaluation is made of: the short form of an `Action`
//! (`Display` and `Action::parse`, the `--apply` argument of the example
//! command), the set of `Reasons` of a blocked action and their wire names,
//! and the empty evaluation that `evaluate_into` fills.

use mpn_renewals::{Action, ErrorKind, OfferKind, Reason, Reasons};

use crate::common::renew;

fn refused(text: &str) -> &'static str {
    let err = Action::parse(text).expect_err(text);
    assert_eq!(err.path(), "action", "{text}");
    match err.kind() {
        ErrorKind::InvalidAction { text: named, why } => {
            assert_eq!(named, text);
            why
        }
        other => panic!("{text}: {other:?}"),
    }
}

#[test]
fn actions_parse_back_from_their_display() {
    let actions = [
        Action::purchase(OfferKind::ActionPack),
        Action::purchase_as(OfferKind::LearningActionPack, "lap2"),
        renew("maps"),
        Action::reactivate("cloud"),
        Action::request_covid_override("cloud"),
        Action::turn_off_auto_renew("maps"),
        Action::request_cancellation("maps"),
        Action::download_invoice("maps"),
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::request_replacement_token("o365"),
    ];
    let texts: Vec<String> = actions.iter().map(ToString::to_string).collect();
    for (action, text) in actions.iter().zip(&texts) {
        assert_eq!(&Action::parse(text).unwrap(), action, "{text}");
    }
    assert_eq!(texts[1], "purchase:learning_action_pack:lap2");
    assert_eq!(texts[2], "renew:maps");
    assert_eq!(texts[8], "update_business_profile");
}

/// An action that names an offer needs a non-empty target.
#[test]
fn action_parse_refuses_an_empty_target() {
    for text in ["renew:", "reactivate:", "turn_off_auto_renew:", "renew"] {
        assert!(refused(text).contains("needs a target"), "{text}");
    }
    assert_eq!(Action::parse("renew:maps").unwrap(), Action::renew("maps"));
}

/// A part more than the action takes is refused: a third part after an
/// offer's id, or any target after an action that takes none.
/// The target of an action is everything after its name's `:`: an id may
/// hold a `:` itself, and reads back as given. An action on the
/// membership itself takes no target.
#[test]
fn action_parse_reads_the_rest_as_the_target_and_refuses_a_target_where_none_is_taken() {
    assert_eq!(
        Action::parse("renew:maps:extra").unwrap(),
        Action::renew("maps:extra")
    );
    assert_eq!(Action::renew("maps:extra").to_string(), "renew:maps:extra");
    assert_eq!(
        refused("update_business_profile:maps"),
        "it takes no target"
    );
    assert_eq!(refused("migrate_to_partner_center:"), "it takes no target");
    assert_eq!(
        Action::parse("update_business_profile").unwrap(),
        Action::update_business_profile()
    );
}

/// A purchase names the kind of pack; an unknown name is refused with the
/// names there are.
#[test]
fn action_parse_refuses_an_unknown_purchase_kind_and_an_unknown_name() {
    assert!(refused("purchase:gold_competency").starts_with("a purchase is purchase:action_pack"));
    assert!(refused("purchase").starts_with("a purchase is purchase:action_pack"));
    for text in ["fly:maps", ""] {
        let err = Action::parse(text).unwrap_err();
        assert_eq!(err.path(), "action");
        let ErrorKind::UnknownName { found, expected } = err.kind() else {
            panic!("{text}: {err}");
        };
        assert_eq!(found, text.split(':').next().unwrap());
        assert!(
            expected.starts_with("purchase, renew, reactivate"),
            "{expected}"
        );
    }
}

/// The reasons of a blocked action are a set (a blocked `renew` of a
/// cancelled pack past its window has two): adding one that is already
/// there changes nothing, and a union of overlapping sets holds each reason
/// once.
#[test]
fn reasons_is_a_set() {
    let closed = Reasons::EMPTY.with(Reason::WindowClosed);
    assert_eq!(closed.len(), 1);
    assert_eq!(closed.with(Reason::WindowClosed), closed);
    assert_eq!(closed.with(Reason::WindowClosed).len(), 1);

    let both = closed.with(Reason::Cancelled);
    assert_eq!(both.len(), 2);
    assert_eq!(both.union(closed), both);
    assert_eq!(closed.union(both), both);
    assert_eq!(both.union(both).len(), 2);
    let three = both.union(Reasons::EMPTY.with(Reason::ProfileNeedsReview));
    assert_eq!(three.len(), 3);
    assert!(three.contains(Reason::ProfileNeedsReview));
    assert!(three.contains(Reason::Cancelled));
    assert!(!three.contains(Reason::WindowNotOpen));

    assert_eq!(Reasons::EMPTY.len(), 0);
    assert!(Reasons::EMPTY.is_empty());
    assert_eq!(
        [Reason::WindowClosed, Reason::WindowClosed]
            .into_iter()
            .collect::<Reasons>(),
        closed
    );
}

/// Reasons print as a set, in the order of `Reason::ALL` (`cancelled`
/// before `window_closed`), whatever order they were added in.
#[test]
fn reasons_debug_lists_each_reason_in_order() {
    let reasons = Reasons::EMPTY
        .with(Reason::WindowClosed)
        .with(Reason::Cancelled);
    assert_eq!(format!("{reasons:?}"), "{Cancelled, WindowClosed}");
    assert_eq!(format!("{:?}", Reasons::EMPTY), "{}");
}

/// A3, W6, W7, P1, P2, P3, E1, M2, M4, G2, B2: each reason of a blocked
/// action has the wire name the wire contract gives it.
#[cfg(feature = "serde")]
#[test]
fn every_reason_has_its_contract_wire_name() {
    let expected = [
        (Reason::Cancelled, "cancelled"),
        (Reason::WindowNotOpen, "window_not_open"),
        (Reason::WindowClosed, "window_closed"),
        (Reason::PerformanceNotMet, "performance_not_met"),
        (Reason::ExamsNotValidated, "exams_not_validated"),
        (Reason::NotInPartnerCenter, "not_in_partner_center"),
        (Reason::ReactivationPeriodOver, "reactivation_period_over"),
        (Reason::ProfileNeedsReview, "profile_needs_review"),
        (Reason::VerificationPending, "verification_pending"),
        (Reason::NotNetworkMember, "not_network_member"),
        (Reason::AlreadyHeld, "already_held"),
        (
            Reason::OneActionPackPerAccount,
            "one_action_pack_per_account",
        ),
        (
            Reason::ReplacementAlreadyIssued,
            "replacement_already_issued",
        ),
        (Reason::NotYetActivated, "not_yet_activated"),
        (Reason::ReplacementPeriodOver, "replacement_period_over"),
    ];
    assert_eq!(Reason::ALL.len(), expected.len());
    for (reason, name) in expected {
        assert_eq!(reason.as_str(), name);
        assert_eq!(reason.to_string(), name);
    }
}

/// The default evaluation is the empty one that `evaluate_into` fills.
#[test]
fn default_evaluation_is_empty() {
    let evaluation = mpn_renewals::Evaluation::<&str>::default();
    assert!(evaluation.offers.is_empty());
    assert!(evaluation.allowed.is_empty());
    assert!(evaluation.blocked.is_empty());
    assert!(evaluation.reminders.is_empty());
    assert_eq!(evaluation.next_change, None);
}
