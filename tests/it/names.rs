//! The text forms of the crate's values: every type with a wire name reads
//! back what it writes (`FromStr` is the inverse of `Display`), refuses
//! anything else with the names it knows, and an action's text form keeps
//! ids that hold a `:`.

use std::fmt::Display;
use std::str::FromStr;

use mpn_renewals::evaluation::{CoreBenefits, Recipient, ReminderKind};
use mpn_renewals::{
    Action, BusinessProfile, CompetencyLevel, ErrorKind, OfferKind, Phase, Portal, Reason,
};

/// Every value of `T` prints its wire name and parses back to itself; a
/// name that is not one of them is refused at `path`, quoting it and
/// listing every known name.
fn names_read_back<T>(all: &[T], path: &str, wire: impl Fn(&T) -> &'static str)
where
    T: Display + FromStr<Err = mpn_renewals::Error> + PartialEq + std::fmt::Debug,
{
    for value in all {
        let text = value.to_string();
        assert_eq!(text, wire(value), "Display is the wire name");
        assert_eq!(&text.parse::<T>().unwrap(), value, "{text}");
    }
    let err = "no-such-name".parse::<T>().unwrap_err();
    assert_eq!(err.path(), path);
    let ErrorKind::UnknownName { found, expected } = err.kind() else {
        panic!("{err}");
    };
    assert_eq!(found.as_str(), "no-such-name");
    for value in all {
        assert!(expected.contains(wire(value)), "{expected} lists {value:?}");
    }
    // The wire names are exact: no case folding, no surrounding space.
    let first = wire(&all[0]);
    assert!(first.to_uppercase().parse::<T>().is_err());
    assert!(format!(" {first}").parse::<T>().is_err());
}

#[test]
fn every_wire_name_reads_back_and_nothing_else_does() {
    names_read_back(&OfferKind::ALL, "kind", |v| v.as_str());
    names_read_back(&CompetencyLevel::ALL, "level", |v| v.as_str());
    names_read_back(&Portal::ALL, "portal", |v| v.as_str());
    names_read_back(&BusinessProfile::ALL, "business_profile", |v| v.as_str());
    names_read_back(&Phase::ALL, "phase", |v| v.as_str());
    names_read_back(&CoreBenefits::ALL, "core_benefits", |v| v.as_str());
    names_read_back(&ReminderKind::ALL, "kind", |v| v.as_str());
    names_read_back(&Recipient::ALL, "recipients", |v| v.as_str());
    names_read_back(&Reason::ALL, "reason", |v| v.as_str());
}

/// The wire names are those of the contract, letter for letter.
#[test]
fn the_wire_names_are_the_contracts() {
    let names = |all: &[&str]| all.join(" ");
    assert_eq!(
        names(&OfferKind::ALL.map(OfferKind::as_str)),
        "action_pack learning_action_pack silver_competency gold_competency"
    );
    assert_eq!(
        names(&Portal::ALL.map(Portal::as_str)),
        "partner_center pmc"
    );
    assert_eq!(
        names(&BusinessProfile::ALL.map(BusinessProfile::as_str)),
        "current needs_review pending_verification"
    );
    assert_eq!(
        names(&Phase::ALL.map(Phase::as_str)),
        "active renewal_window lapsed cancelled"
    );
    assert_eq!(
        names(&CoreBenefits::ALL.map(CoreBenefits::as_str)),
        "network action_pack silver gold"
    );
    assert_eq!(
        names(&ReminderKind::ALL.map(ReminderKind::as_str)),
        "upcoming_anniversary upcoming_auto_renewal auto_renewal_due window_closing benefits_lost"
    );
    assert_eq!(
        names(&Recipient::ALL.map(Recipient::as_str)),
        "global_admin mpn_admin"
    );
}

/// An action's text form is `NAME[:TARGET]`, the target being everything
/// after the first `:` (after the kind, for a purchase): an id that holds
/// `:` needs no escape, and every action reads back as itself.
#[test]
fn an_actions_text_form_reads_back_even_with_a_colon_in_its_id() {
    let actions: Vec<Action<&str>> = vec![
        Action::purchase(OfferKind::ActionPack),
        Action::purchase_as(OfferKind::LearningActionPack, "lap:2"),
        Action::renew("a:b"),
        Action::reactivate("x"),
        Action::request_covid_override("c:l:"),
        Action::turn_off_auto_renew("maps"),
        Action::request_cancellation("::"),
        Action::download_invoice("maps"),
        Action::request_replacement_token("t:1"),
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
    ];
    for action in actions {
        let text = action.to_string();
        assert_eq!(text.parse::<Action>().unwrap(), action, "{text}");
        assert_eq!(Action::parse(&text).unwrap(), action, "{text}");
    }
    assert_eq!("renew:a:b".parse::<Action>().unwrap(), Action::renew("a:b"));
    assert_eq!(
        "purchase:action_pack:x:y".parse::<Action>().unwrap(),
        Action::purchase_as(OfferKind::ActionPack, "x:y")
    );
}

#[test]
fn action_text_that_is_not_an_action_is_refused_with_why() {
    for (text, why) in [
        ("renew", "it needs a target: NAME:ID"),
        ("renew:", "it needs a target: NAME:ID"),
        ("update_business_profile:x", "it takes no target"),
        (
            "purchase",
            "a purchase is purchase:action_pack[:ID] or purchase:learning_action_pack[:ID]",
        ),
        (
            "purchase:gold_competency:x",
            "a purchase is purchase:action_pack[:ID] or purchase:learning_action_pack[:ID]",
        ),
        ("purchase:action_pack:", "the new offer's id is empty"),
    ] {
        let err = Action::parse(text).unwrap_err();
        assert_eq!(err.path(), "action", "{text}");
        match err.kind() {
            ErrorKind::InvalidAction {
                text: quoted,
                why: given,
            } => {
                assert_eq!(quoted.as_str(), text);
                assert_eq!(*given, why, "{text}");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let err = Action::parse("renovate:maps").unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::UnknownName { .. }), "{err}");
    assert!(err
        .to_string()
        .starts_with("action: `renovate` is not one of purchase, renew,"));
}

/// `for reason in &reasons` walks a set in the order of `Reason::ALL`, and
/// a set reads back from its reasons.
#[test]
fn reasons_iterate_by_reference_in_their_order() {
    let reasons: mpn_renewals::Reasons = [
        Reason::ProfileNeedsReview,
        Reason::WindowNotOpen,
        Reason::ReplacementPeriodOver,
    ]
    .into_iter()
    .collect();
    let mut seen = Vec::new();
    for reason in &reasons {
        seen.push(reason);
    }
    assert_eq!(
        seen,
        [
            Reason::WindowNotOpen,
            Reason::ProfileNeedsReview,
            Reason::ReplacementPeriodOver
        ]
    );
    assert_eq!(reasons.iter().len(), 3);
    assert_eq!(
        reasons.to_string(),
        "window_not_open, profile_needs_review, replacement_period_over"
    );
}

/// A reminder key reads back from its text `OFFER/KIND/ANNIVERSARY`
/// (the offer's id may hold `/`), and any other text is refused with the
/// form it should have; the anniversary has the one form `Display` writes.
#[test]
fn a_reminder_key_reads_back_and_other_text_is_refused() {
    use mpn_renewals::time::ReminderKey;

    let key: ReminderKey = "a/b/window_closing/2019-09-01".parse().unwrap();
    assert_eq!(key.offer, "a/b");
    assert_eq!(key.kind, ReminderKind::WindowClosing);
    assert_eq!(key.anniversary, crate::common::d("2019-09-01"));
    assert_eq!(key.to_string(), "a/b/window_closing/2019-09-01");

    for text in [
        "",
        "maps",
        "window_closing/2019-09-01",
        "/window_closing/2019-09-01",
        "maps/window_closing/2019-9-1",
        "maps/window_closing/+2019-09-01",
        "maps/window_closing/2019-02-30",
    ] {
        let error = text.parse::<ReminderKey>().unwrap_err();
        assert_eq!(error.path(), "key", "{text}");
        assert!(
            matches!(error.kind(), ErrorKind::InvalidReminderKey(quoted) if quoted == text),
            "{text}: {error}"
        );
        assert!(
            error.to_string().ends_with("OFFER/KIND/YYYY-MM-DD"),
            "{error}"
        );
    }
    let error = "maps/closing/2019-09-01"
        .parse::<ReminderKey>()
        .unwrap_err();
    assert!(
        matches!(error.kind(), ErrorKind::UnknownName { .. }),
        "{error}"
    );
}
