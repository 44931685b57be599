//! The timeline and the reminders of a span, computed one part at a time
//! from each part's own breakpoints, are exactly what evaluating every day
//! and comparing each with the day before gives; and a span is a Rust range
//! with the usual meaning.

use chrono::{Days, NaiveDate};
use mpn_renewals::time::{Event, EventKind};
use mpn_renewals::{strategies, Evaluation, Membership, PolicySet, Reasons, Rules};
use proptest::prelude::*;

/// The events of `span` by brute force: every day evaluated, each compared
/// with the day before, in the order of one evaluation: the change of
/// version, the phases, the actions opened, the actions closed (each in the
/// evaluation's own order), then the reminders.
fn every_day<'a>(
    rules: &'a PolicySet,
    membership: &'a Membership,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Event<&'a str>> {
    let mut events = Vec::new();
    let mut before: Option<Evaluation<&'a str>> =
        first.pred_opt().map(|day| rules.evaluate(membership, day));
    let mut day = first;
    loop {
        let after = rules.evaluate(membership, day);
        if let Some(before) = &before {
            let mut push = |kind| events.push(Event { date: day, kind });
            if before.policy != after.policy {
                push(EventKind::PolicyChanged {
                    from: before.policy,
                    to: after.policy,
                });
            }
            for (was, now) in before.offers.iter().zip(after.offers.iter()) {
                if was.phase != now.phase {
                    push(EventKind::PhaseChanged {
                        offer: now.id,
                        from: was.phase,
                        to: now.phase,
                    });
                }
            }
            for action in after.allowed.iter() {
                if !before.is_allowed(action) {
                    push(EventKind::ActionOpened { action: *action });
                }
            }
            for action in before.allowed.iter() {
                if !after.is_allowed(action) {
                    let reasons = after.blocked(action).map_or(Reasons::EMPTY, |b| b.reasons);
                    push(EventKind::ActionClosed {
                        action: *action,
                        reasons,
                    });
                }
            }
        }
        for reminder in after.reminders.iter() {
            events.push(Event {
                date: day,
                kind: EventKind::Reminder {
                    reminder: *reminder,
                },
            });
        }
        before = Some(after);
        match day.succ_opt() {
            Some(next) if next <= last => day = next,
            _ => break,
        }
    }
    events
}

fn rules() -> impl Strategy<Value = PolicySet> {
    prop_oneof![
        2 => strategies::policy().prop_map(PolicySet::single),
        1 => Just(PolicySet::partner_center_history()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_timeline_from_breakpoints_equals_every_day_compared(
        (membership, first) in strategies::membership_and_day(),
        rules in rules(),
        length in 0u64..500,
    ) {
        let Some(last) = first.checked_add_days(Days::new(length)) else {
            return Ok(());
        };
        let fast = rules.timeline(&membership, first..=last);
        let slow = every_day(&rules, &membership, first, last);
        prop_assert_eq!(fast, slow);

        // The reminders of the span are the timeline's, each with its key.
        let due = rules.reminders_between(&membership, first..=last);
        let reminders: Vec<_> = every_day(&rules, &membership, first, last)
            .into_iter()
            .filter_map(|event| match event.kind {
                EventKind::Reminder { reminder } => Some((event.date, reminder)),
                _ => None,
            })
            .collect();
        let seen: Vec<_> = due.iter().map(|d| (d.date, d.reminder)).collect();
        prop_assert_eq!(seen, reminders);
        for d in &due {
            let offer = membership.offer(d.key.offer).unwrap();
            prop_assert_eq!(d.key.anniversary, offer.anniversary());
        }
    }
}

/// A span is a Rust range: `a..=b` includes `b`, `a..b` does not, an open
/// end reaches the calendar's end, and a reversed span is empty.
#[test]
fn a_span_is_a_rust_range_of_dates() {
    use crate::common::{action_pack, d};
    let membership = action_pack("maps", "2018-09-01");
    let rules = mpn_renewals::Policy::partner_center_2020();
    // N1 on 2019-08-17, A1 on 2019-09-02, N2 on 2019-09-24, N5 on 2019-10-02.
    let dates = |span| -> Vec<NaiveDate> {
        rules
            .reminders_between(&membership, span)
            .iter()
            .map(|due| due.date)
            .collect()
    };
    assert_eq!(
        dates((
            std::ops::Bound::Included(d("2019-08-17")),
            std::ops::Bound::Included(d("2019-09-02"))
        )),
        [d("2019-08-17"), d("2019-09-02")]
    );
    let inclusive: Vec<NaiveDate> = rules
        .reminders_between(&membership, d("2019-08-17")..=d("2019-09-02"))
        .iter()
        .map(|due| due.date)
        .collect();
    assert_eq!(inclusive, [d("2019-08-17"), d("2019-09-02")]);
    let exclusive: Vec<NaiveDate> = rules
        .reminders_between(&membership, d("2019-08-17")..d("2019-09-02"))
        .iter()
        .map(|due| due.date)
        .collect();
    assert_eq!(exclusive, [d("2019-08-17")]);
    let open: Vec<NaiveDate> = rules
        .reminders_between(&membership, d("2019-09-03")..)
        .iter()
        .map(|due| due.date)
        .collect();
    assert_eq!(open, [d("2019-09-24"), d("2019-10-02")]);
    let everything = rules.reminders_between(&membership, ..);
    assert_eq!(everything.len(), 4);
    #[allow(clippy::reversed_empty_ranges)]
    let reversed = rules.reminders_between(&membership, d("2019-10-31")..=d("2019-08-01"));
    assert!(reversed.is_empty());
    assert!(rules
        .timeline(&membership, d("2019-09-02")..d("2019-09-02"))
        .is_empty());
    // The catch-up of a nightly job: `last_run + 1 ..= today` neither
    // repeats nor drops a reminder due on a run's day.
    let last_run = d("2019-08-17");
    let today = d("2019-10-02");
    let caught_up: Vec<NaiveDate> = rules
        .reminders_between(&membership, last_run.succ_opt().unwrap()..=today)
        .iter()
        .map(|due| due.date)
        .collect();
    assert_eq!(
        caught_up,
        [d("2019-09-02"), d("2019-09-24"), d("2019-10-02")]
    );
}

/// G2 across a span: of three Action Packs after merges, lapsing one after
/// the other, only the one with the latest anniversary may renew; the
/// timeline from breakpoints equals every day compared, under one policy
/// and under the history of the rules.
#[test]
fn g2_the_pack_that_may_renew_changes_as_the_others_lapse() {
    use crate::common::{d, ymd};
    use mpn_renewals::{Action, OfferDraft};
    let membership = Membership::builder("c")
        .offer(OfferDraft::action_pack("own", d("2018-03-01")))
        .offer(OfferDraft::action_pack("b", d("2018-06-01")).origin_account("fabrikam"))
        .offer(OfferDraft::action_pack("c", d("2018-09-01")).origin_account("litware"))
        .build()
        .unwrap();
    for rules in [
        PolicySet::single(mpn_renewals::Policy::partner_center_2020()),
        PolicySet::partner_center_history(),
    ] {
        let (first, last) = (ymd(2019, 1, 1), ymd(2020, 1, 31));
        assert_eq!(
            rules.timeline(&membership, first..=last),
            every_day(&rules, &membership, first, last)
        );
    }
    // `c` (anniversary 2019-09-01) outranks `b` (2019-06-01) and `own`
    // (2019-03-01) while they are held, and being the latest it is also the
    // last to lapse: only `c`'s renew ever opens, with its window.
    let rules = PolicySet::single(mpn_renewals::Policy::partner_center_2020());
    let opened: Vec<(NaiveDate, String)> = rules
        .timeline(&membership, ymd(2019, 1, 1)..=ymd(2019, 12, 31))
        .into_iter()
        .filter_map(|event| match event.kind {
            EventKind::ActionOpened {
                action: Action::Renew { offer },
            } => Some((event.date, offer.to_owned())),
            _ => None,
        })
        .collect();
    // W2: `c`'s window opens on 2019-09-02.
    assert_eq!(opened, [(d("2019-09-02"), "c".to_owned())]);
}
