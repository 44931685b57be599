//! A simulation, computed from one action day to the next on the timeline,
//! carries out exactly what a day-by-day run would: every day evaluated,
//! each automatic renewal due that day (A1) carried out unless its charge
//! fails, then the plan's steps of that day, each through `apply`.

use chrono::{Days, NaiveDate};
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::simulation::{Plan, Refusal};
use mpn_renewals::time::{Event, EventKind};
use mpn_renewals::{
    strategies, Action, ErrorKind, Membership, OfferDraft, PolicySet, Reasons, Rules,
};
use proptest::prelude::*;

/// What a day-by-day run carries out, refuses and fails to charge, and the
/// membership at its end.
fn every_day(
    rules: &PolicySet,
    membership: &Membership,
    plan: &Plan,
    first: NaiveDate,
    last: NaiveDate,
) -> (Vec<Event>, Membership) {
    let mut state = membership.clone();
    let mut events = Vec::new();
    let mut day = first;
    loop {
        let due: Vec<String> = rules
            .evaluate(&state, day)
            .reminders
            .iter()
            .filter(|r| r.kind == ReminderKind::AutoRenewalDue)
            .map(|r| r.offer.to_owned())
            .collect();
        let mut actions: Vec<(Action, bool)> = Vec::new();
        for offer in due {
            let fails = plan
                .failed_charges()
                .iter()
                .any(|c| c.offer == offer && c.date == day);
            if fails {
                events.push(Event {
                    date: day,
                    kind: EventKind::ChargeFailed { offer },
                });
            } else {
                actions.push((Action::Renew { offer }, true));
            }
        }
        for step in plan.steps().iter().filter(|s| s.date == day) {
            actions.push((step.action.clone(), false));
        }
        for (action, automatic) in actions {
            let kind = match rules.apply(&state, &action, day) {
                Ok(next) => {
                    state = next;
                    EventKind::ActionCarriedOut { action, automatic }
                }
                Err(err) => {
                    let (refusal, reasons, allowed_from) = match err.kind() {
                        ErrorKind::Blocked {
                            reasons,
                            allowed_from,
                        } => (Refusal::Blocked, *reasons, *allowed_from),
                        ErrorKind::NotOpen => (Refusal::NotOpen, Reasons::EMPTY, None),
                        ErrorKind::UnknownOffer => (Refusal::UnknownOffer, Reasons::EMPTY, None),
                        ErrorKind::IdTaken(_) => (Refusal::IdTaken, Reasons::EMPTY, None),
                        _ => (Refusal::InvalidResult, Reasons::EMPTY, None),
                    };
                    EventKind::ActionRefused {
                        action,
                        refusal,
                        reasons,
                        allowed_from,
                    }
                }
            };
            events.push(Event { date: day, kind });
        }
        match day.succ_opt() {
            Some(next) if next <= last => day = next,
            _ => break,
        }
    }
    (events, state)
}

/// Only what a run carried out, refused or failed to charge.
fn actions(events: &[Event]) -> Vec<Event> {
    events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::ActionCarriedOut { .. }
                    | EventKind::ActionRefused { .. }
                    | EventKind::ChargeFailed { .. }
            )
        })
        .cloned()
        .collect()
}

/// An auto-renewing Action Pack (A1), beside the generators' offers, and a
/// first day up to a year after its purchase: a run over the span meets its
/// automatic renewals.
fn auto_renewing() -> impl Strategy<Value = (Membership, NaiveDate)> {
    (
        strategies::day_between(
            NaiveDate::from_ymd_opt(2015, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
        ),
        0u64..400,
        strategies::portal(),
        prop::option::weighted(0.3, strategies::offer_draft("other".to_owned())),
    )
        .prop_filter_map("a valid membership", |(bought, offset, portal, other)| {
            let mut builder = Membership::builder("contoso")
                .portal(portal)
                .offer(OfferDraft::action_pack("pack", bought));
            if let Some(other) = other {
                builder = builder.offer(other.origin_account("merged"));
            }
            let first = bought.checked_add_days(Days::new(offset))?;
            Some((builder.build().ok()?, first))
        })
}

fn rules() -> impl Strategy<Value = PolicySet> {
    prop_oneof![
        2 => strategies::policy().prop_map(PolicySet::single),
        1 => Just(PolicySet::partner_center_history()),
    ]
}

/// A membership, a first day near its boundaries, a span of up to three
/// years, and a plan: steps on the offers' ids (renew, turn off
/// auto-renewal, cancel, a purchase) and failing charges, on days of the
/// span.
fn case() -> impl Strategy<Value = (Membership, NaiveDate, NaiveDate, Plan)> {
    prop_oneof![
        1 => strategies::membership_and_day(),
        1 => auto_renewing(),
    ]
    .prop_flat_map(|(membership, first)| {
        let last = first
            .checked_add_days(Days::new(1000))
            .unwrap_or(NaiveDate::MAX);
        let ids: Vec<String> = membership
            .offers()
            .iter()
            .map(|o| o.id().to_owned())
            .chain(["new".to_owned()])
            .collect();
        let length = 0u64..1100;
        let offset = 0u64..1100;
        let step = (offset.clone(), prop::sample::select(ids.clone()), 0..4u8);
        // A failing charge on the day after the anniversary or on it (the
        // first window day of the seeds' rules and of the 2023 rules), so
        // that it meets a renewal that falls due, or on any day.
        let charge = (offset, prop::sample::select(ids), 0..3u8);
        (
            Just(membership),
            Just(first),
            length,
            prop::collection::vec(step, 0..4),
            prop::collection::vec(charge, 0..3),
        )
            .prop_map(move |(membership, first, length, steps, charges)| {
                let last = first
                    .checked_add_days(Days::new(length))
                    .unwrap_or(last)
                    .min(last);
                let on = |offset: u64| {
                    first
                        .checked_add_days(Days::new(offset))
                        .filter(|d| *d <= last)
                        .unwrap_or(last)
                };
                let mut plan = Plan::new();
                for (offset, id, kind) in steps {
                    let action = match kind {
                        0 => Action::Renew { offer: id },
                        1 => Action::TurnOffAutoRenew { offer: id },
                        2 => Action::RequestCancellation { offer: id },
                        _ => Action::purchase_as(mpn_renewals::OfferKind::ActionPack, "new")
                            .into_owned(),
                    };
                    plan = plan.step(on(offset), action);
                }
                for (offset, id, when) in charges {
                    let Some(offer) = membership.offer(&id) else {
                        continue;
                    };
                    let date = match when {
                        0 => offer.anniversary().succ_opt().unwrap_or(last),
                        1 => offer.anniversary(),
                        _ => on(offset),
                    };
                    if (first..=last).contains(&date) {
                        plan = plan.fail_charge(id, date);
                    }
                }
                (membership, first, last, plan)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn a_simulation_carries_out_what_a_day_by_day_run_carries_out(
        (membership, first, last, plan) in case(),
        rules in rules(),
    ) {
        let run = rules.simulate(&membership, &plan, first..=last).unwrap();
        let (expected, end) = every_day(&rules, &membership, &plan, first, last);
        prop_assert_eq!(actions(&run.events), expected);
        prop_assert_eq!(&run.membership, &end);
        // Events come in date order, inside the span.
        prop_assert!(run.events.windows(2).all(|w| w[0].date <= w[1].date));
        prop_assert!(run.events.iter().all(|e| (first..=last).contains(&e.date)));
        // Where nothing was carried out, the run is the timeline.
        if !run.events.iter().any(|e| matches!(e.kind, EventKind::ActionCarriedOut { .. })) {
            let timeline: Vec<Event> = rules
                .timeline(&membership, first..=last)
                .into_iter()
                .map(Event::into_owned)
                .collect();
            let without_refusals: Vec<Event> = run
                .events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::ActionRefused { .. } | EventKind::ChargeFailed { .. }))
                .cloned()
                .collect();
            prop_assert_eq!(without_refusals, timeline);
        }
    }
}
