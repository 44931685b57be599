//! Owned answers: every answer turned into a `'static` value compares equal
//! to the borrowed one, can move to another thread, and reads back from its
//! serde form as exactly itself, for generated memberships, days and rules.

use std::hash::{BuildHasher, Hash};

use chrono::NaiveDate;
use mpn_renewals::evaluation::{Blocked, OfferStatus, Reminder};
use mpn_renewals::time::{DueReminder, Event, ReminderKey};
use mpn_renewals::{strategies, Action, Evaluation, Membership, Policy, PolicySet, Rules};
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// `value` written to JSON and read back is `value`, and writing it again
/// gives the same text.
fn reads_back<T>(value: &T) -> Result<(), TestCaseError>
where
    T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let text = serde_json::to_string(value).unwrap();
    let again: T =
        serde_json::from_str(&text).map_err(|err| TestCaseError::fail(format!("{text}: {err}")))?;
    prop_assert_eq!(&again, value, "{}", text);
    prop_assert_eq!(serde_json::to_string(&again).unwrap(), text);
    Ok(())
}

fn is_static_send_sync<T: Send + Sync + 'static>(_: &T) {}

fn rules() -> impl Strategy<Value = PolicySet> {
    prop_oneof![
        strategies::policy().prop_map(PolicySet::single),
        Just(PolicySet::partner_center_history()),
    ]
}

fn check(
    membership: &Membership,
    today: NaiveDate,
    rules: &PolicySet,
) -> Result<(), TestCaseError> {
    let evaluation = rules.evaluate(membership, today);
    let owned: Evaluation = evaluation.clone().into_owned();
    is_static_send_sync(&owned);
    prop_assert_eq!(&owned, &evaluation);
    reads_back(&owned)?;
    for status in owned.offers.iter() {
        reads_back::<OfferStatus>(status)?;
    }
    for action in owned.allowed.iter() {
        reads_back::<Action>(action)?;
        prop_assert_eq!(&action.to_string().parse::<Action>().unwrap(), action);
    }
    for blocked in owned.blocked.iter() {
        reads_back::<Blocked>(blocked)?;
    }
    for reminder in owned.reminders.iter() {
        reads_back::<Reminder>(reminder)?;
    }
    // Equal answers hash alike, borrowed or owned, so that either form
    // finds the other in a map keyed by one of them.
    prop_assert_eq!(hash_of(&evaluation), hash_of(&owned));

    let span = today
        ..=today
            .checked_add_days(chrono::Days::new(400))
            .unwrap_or(today);
    for event in rules.timeline(membership, span.clone()) {
        let owned: Event = event.into_owned();
        prop_assert_eq!(&owned, &event);
        reads_back(&owned)?;
    }
    for due in rules.reminders_between(membership, span) {
        let owned: DueReminder = due.into_owned();
        prop_assert_eq!(&owned, &due);
        reads_back(&owned)?;
        let key: ReminderKey = owned.key.to_string().parse().unwrap();
        prop_assert_eq!(&key, &owned.key);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_answer_owns_its_text_and_reads_back_as_itself(
        (membership, today) in strategies::membership_and_day(),
        rules in rules(),
    ) {
        check(&membership, today, &rules)?;
    }
}

/// The policy and membership forms read back too, for the presets.
#[test]
fn policies_and_memberships_read_back_as_themselves() {
    for name in Policy::BUILTIN_NAMES {
        let policy = Policy::builtin(name).unwrap();
        let text = serde_json::to_string(policy).unwrap();
        assert_eq!(&Policy::from_json(&text).unwrap(), policy);
        assert_eq!(&serde_json::from_str::<Policy>(&text).unwrap(), policy);
    }
    let history = PolicySet::partner_center_history();
    let text = serde_json::to_string(&history).unwrap();
    assert_eq!(PolicySet::from_json(&text).unwrap(), history);
    let membership = crate::common::action_pack("maps", "2018-09-01");
    let text = serde_json::to_string(&membership).unwrap();
    assert_eq!(Membership::from_json(&text).unwrap(), membership);
}

/// An evaluation of a day chrono can represent but the wire calendar does
/// not still reads back: its `today` is written as chrono writes it (the
/// signed form `+10000-01-01`, and `0000-12-31` for year 0).
#[test]
fn an_evaluation_of_a_day_beyond_the_wire_calendar_reads_back() {
    let membership = crate::common::action_pack("maps", "2018-09-01");
    for today in [
        NaiveDate::MIN,
        NaiveDate::MAX,
        crate::common::ymd(10_000, 1, 1),
        crate::common::ymd(0, 12, 31),
        crate::common::ymd(0, 1, 1),
        crate::common::ymd(-1, 12, 31),
    ] {
        let evaluation = mpn_renewals::evaluate(&membership, today).into_owned();
        let text = serde_json::to_string(&evaluation).unwrap();
        let again: Evaluation = serde_json::from_str(&text).unwrap();
        assert_eq!(again, evaluation, "{text}");
    }
    // Only the form chrono writes reads back beyond the wire's years.
    for text in ["0000-1-1", "+0000-01-01", "+2019-09-01", "-0000-01-01"] {
        let json = serde_json::json!({"today": text});
        let error = serde_json::from_value::<Evaluation>(json).unwrap_err();
        assert!(error.to_string().contains("YYYY-MM-DD"), "{text}: {error}");
    }
}

/// The hash of `value` under one fixed hasher.
fn hash_of(value: &impl Hash) -> u64 {
    use std::sync::OnceLock;
    static STATE: OnceLock<std::collections::hash_map::RandomState> = OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(value)
}

/// The impact of a policy change reads back from its serde form (the
/// command's `--impact` lines and summary) as exactly itself, for generated
/// memberships compared over a year under every pair of built-in policies
/// and the history, and every kind of difference among them, so that no
/// variant's form goes untested.
#[test]
fn an_impact_reads_back_as_itself_with_every_kind_of_difference() {
    use mpn_renewals::evaluation::CoreBenefits;
    use mpn_renewals::impact::{impact, Difference, DifferenceKind, Impact, MembershipImpact};
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = strategies::membership_and_day();
    let generated: Vec<(Membership, NaiveDate)> = (0..300)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    let mut sides: Vec<PolicySet> = Policy::BUILTIN_NAMES
        .iter()
        .map(|name| PolicySet::single(Policy::builtin(name).unwrap().clone()))
        .collect();
    sides.push(PolicySet::partner_center_history());

    let mut kinds = std::collections::BTreeSet::new();
    for before in &sides {
        for after in &sides {
            for (membership, today) in &generated {
                let last = today
                    .checked_add_days(chrono::Days::new(365))
                    .unwrap_or(*today);
                let found = impact(before, after, [membership], *today..=last);
                let text = serde_json::to_string(&found).unwrap();
                let again: Impact = serde_json::from_str(&text).unwrap();
                assert_eq!(again, found, "{text}");
                for one in &found.memberships {
                    let line = serde_json::to_string(one).unwrap();
                    let again: MembershipImpact = serde_json::from_str(&line).unwrap();
                    assert_eq!(&again, one, "{line}");
                    kinds.extend(one.differences.iter().map(|d| d.kind()));
                }
            }
        }
    }
    // The core benefits and the benefits differ on a first day of
    // difference only where nothing before them did (their phase or window
    // differs earlier), which generated memberships seldom give: these two
    // are written by hand.
    let by_hand = MembershipImpact {
        account: "contoso".to_owned(),
        first_difference: Some(crate::common::ymd(2023, 9, 1)),
        differences: vec![
            Difference::CoreBenefits {
                before: Some(CoreBenefits::ActionPack),
                after: Some(CoreBenefits::Network),
            },
            Difference::Benefits {
                offer: "maps".to_owned(),
                before: true,
                after: false,
            },
        ],
    };
    let line = serde_json::to_string(&by_hand).unwrap();
    assert_eq!(
        serde_json::from_str::<MembershipImpact>(&line).unwrap(),
        by_hand,
        "{line}"
    );
    kinds.extend(by_hand.differences.iter().map(|d| d.kind()));
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        DifferenceKind::ALL.to_vec()
    );
}
