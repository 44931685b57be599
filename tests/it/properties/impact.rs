//! The impact of a policy change, computed from both sides' breakpoints, is
//! exactly what evaluating both sides on every day of the span and
//! comparing them gives: the same first day, the same differences.

use chrono::{Days, NaiveDate};
use mpn_renewals::impact::{impact, Difference, MembershipImpact};
use mpn_renewals::{strategies, Action, Evaluation, Membership, Policy, PolicySet, Reasons, Rules};
use proptest::prelude::*;

/// The anniversary that `renew` of `offer` on `day` records under `rules`,
/// by carrying it out; `None` if `apply` refuses it (D4).
fn renewed(
    rules: &PolicySet,
    membership: &Membership,
    offer: &str,
    day: NaiveDate,
) -> Option<NaiveDate> {
    let renewed = rules.apply(membership, &Action::renew(offer), day).ok()?;
    renewed.offer(offer).map(|offer| offer.anniversary())
}

/// What differs between the evaluations of one day, by brute force: field
/// by field, the lists as sets, the anniversaries by `apply`.
fn compared(
    before: &PolicySet,
    after: &PolicySet,
    membership: &Membership,
    was: &Evaluation<&str>,
    now: &Evaluation<&str>,
) -> Vec<Difference> {
    let day = was.today;
    let mut out = Vec::new();
    if was.core_benefits != now.core_benefits {
        out.push(Difference::CoreBenefits {
            before: was.core_benefits,
            after: now.core_benefits,
        });
    }
    for (x, y) in was.offers.iter().zip(now.offers.iter()) {
        let offer = x.id.to_owned();
        assert_eq!(x.anniversary, y.anniversary, "the same membership");
        if x.phase != y.phase {
            out.push(Difference::Phase {
                offer: offer.clone(),
                before: x.phase,
                after: y.phase,
            });
        }
        if x.window != y.window {
            out.push(Difference::Window {
                offer: offer.clone(),
                before: x.window,
                after: y.window,
            });
        }
        if x.benefits != y.benefits {
            out.push(Difference::Benefits {
                offer: offer.clone(),
                before: x.benefits,
                after: y.benefits,
            });
        }
        if x.extension != y.extension {
            out.push(Difference::Extension {
                offer: offer.clone(),
                before: x.extension.map(String::from),
                after: y.extension.map(String::from),
            });
        }
        let renew = Action::renew(x.id);
        if was.is_allowed(&renew) && now.is_allowed(&renew) {
            let (a, b) = (
                renewed(before, membership, x.id, day),
                renewed(after, membership, x.id, day),
            );
            if a != b {
                out.push(Difference::Anniversary {
                    offer,
                    before: a,
                    after: b,
                });
            }
        }
    }
    let entry = |e: &Evaluation<&str>, action: &Action<&str>| {
        e.blocked(action)
            .map_or((Reasons::EMPTY, None), |b| (b.reasons, b.allowed_from))
    };
    for action in now.allowed.iter().filter(|a| !was.is_allowed(a)) {
        let (reasons, allowed_from) = entry(was, action);
        out.push(Difference::ActionOpened {
            action: action.into_owned(),
            reasons,
            allowed_from,
        });
    }
    for action in was.allowed.iter().filter(|a| !now.is_allowed(a)) {
        let (reasons, allowed_from) = entry(now, action);
        out.push(Difference::ActionClosed {
            action: action.into_owned(),
            reasons,
            allowed_from,
        });
    }
    // Every action blocked on either side and open on neither, in the order
    // of `before`'s list, then those only `after` lists.
    let mut listed: Vec<Action<&str>> = was.blocked.iter().map(|b| b.action).collect();
    for b in now.blocked.iter() {
        if !listed.contains(&b.action) {
            listed.push(b.action);
        }
    }
    for action in listed {
        if was.is_allowed(&action) || now.is_allowed(&action) {
            continue;
        }
        let ((x, x_from), (y, y_from)) = (entry(was, &action), entry(now, &action));
        if (x, x_from) != (y, y_from) {
            out.push(Difference::ReasonsChanged {
                action: action.into_owned(),
                before: x,
                after: y,
                before_allowed_from: x_from,
                after_allowed_from: y_from,
            });
        }
    }
    for r in was.reminders.iter().filter(|r| !now.reminders.contains(r)) {
        out.push(Difference::ReminderRemoved {
            reminder: r.into_owned(),
        });
    }
    for r in now.reminders.iter().filter(|r| !was.reminders.contains(r)) {
        out.push(Difference::ReminderAdded {
            reminder: r.into_owned(),
        });
    }
    out
}

/// The impact on `membership` by brute force: both sides evaluated on
/// every day of `first ..= last`, the first day on which anything differs.
fn every_day(
    before: &PolicySet,
    after: &PolicySet,
    membership: &Membership,
    first: NaiveDate,
    last: NaiveDate,
) -> MembershipImpact {
    let mut day = first;
    loop {
        let (was, now) = (
            before.evaluate(membership, day),
            after.evaluate(membership, day),
        );
        let differences = compared(before, after, membership, &was, &now);
        // The lists are compared as sets above; compared as lists, they
        // differ exactly then (the engine lists in one order).
        let lists_differ = was.core_benefits != now.core_benefits
            || was.offers != now.offers
            || was.allowed != now.allowed
            || was.blocked != now.blocked
            || was.reminders != now.reminders;
        let anniversaries_differ = differences
            .iter()
            .any(|d| matches!(d, Difference::Anniversary { .. }));
        assert_eq!(
            lists_differ || anniversaries_differ,
            !differences.is_empty(),
            "on {day}"
        );
        if !differences.is_empty() {
            return MembershipImpact {
                account: membership.account().to_owned(),
                first_difference: Some(day),
                differences,
            };
        }
        match day.succ_opt() {
            Some(next) if next <= last => day = next,
            _ => {
                return MembershipImpact {
                    account: membership.account().to_owned(),
                    first_difference: None,
                    differences: Vec::new(),
                }
            }
        }
    }
}

/// A policy whose renewal term is the anniversary + 366 days: on the
/// window's first day (anniversary + 1) it sets what a term of the renewal
/// day + 365 does (2018, 2022), and one day less on every later day.
#[cfg(feature = "serde")]
fn plus_366() -> Option<Policy> {
    serde_json::from_value(serde_json::json!({
        "name": "anniversary-plus-366",
        "windows": {"partner_center": {"opens": 1, "closes": 30},
                    "pmc": {"opens": -90, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 366},
        "reminders": {"upcoming": -15, "window_closing": 23}
    }))
    .ok()
}

#[cfg(not(feature = "serde"))]
fn plus_366() -> Option<Policy> {
    None
}

/// The built-in policies, each alone, the history, and the policy of a
/// term equal to the renewal day's on one day only.
fn sides() -> Vec<PolicySet> {
    let mut sides: Vec<PolicySet> = Policy::BUILTIN_NAMES
        .iter()
        .filter_map(|name| Policy::builtin(name))
        .map(|policy| PolicySet::single(policy.clone()))
        .collect();
    sides.push(PolicySet::partner_center_history());
    sides.extend(plus_366().map(PolicySet::single));
    sides
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_impact_from_breakpoints_equals_every_day_compared(
        (membership, first) in strategies::membership_and_day(),
        before in prop::sample::select(sides()),
        after in prop::sample::select(sides()),
        length in 0u64..=731,
    ) {
        let Some(last) = first.checked_add_days(Days::new(length)) else {
            return Ok(());
        };
        let fast = impact(&before, &after, [&membership], first..=last);
        let slow = every_day(&before, &after, &membership, first, last);
        prop_assert_eq!(&fast.memberships, &vec![slow.clone()]);
        prop_assert_eq!(fast.summary.differing, usize::from(slow.differs()));
        prop_assert_eq!(fast.summary.earliest, slow.first_difference);
    }
}
