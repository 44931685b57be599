//! Time: the dated events of a span ([`Event`]), and the reminders due in
//! it ([`DueReminder`]), computed by jumping from one change to the next
//! (`next_change`), never by stepping day by day.

use std::fmt;

use chrono::NaiveDate;

use crate::action::Action;
use crate::evaluation::{Evaluation, Phase, Reminder, ReminderKind};
use crate::membership::Membership;
use crate::policy::PARTNER_CENTER_2020;
use crate::reason::Reasons;
use crate::rules::{Rules, Versions};

/// One dated event of a [`timeline`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Event<'a> {
    /// The day of the event.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub date: NaiveDate,
    /// What happens.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: EventKind<'a>,
}

/// What happens on a day of a [`timeline`].
///
/// Its serde form is tagged by `event`: `{"date": "2019-09-02", "event":
/// "phase_changed", "offer": "maps", "from": "active", "to":
/// "renewal_window"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "event",
        rename_all = "snake_case",
        rename_all_fields = "snake_case"
    )
)]
#[non_exhaustive] // a new policy may bring new kinds of events
pub enum EventKind<'a> {
    /// A reminder or notice is due that day.
    Reminder {
        /// The reminder.
        #[cfg_attr(feature = "serde", serde(flatten))]
        reminder: Reminder<'a>,
    },
    /// An offer moves to another phase.
    PhaseChanged {
        /// The offer's id.
        offer: &'a str,
        /// Its phase the day before.
        from: Phase,
        /// Its phase from that day.
        to: Phase,
    },
    /// An action becomes open.
    ActionOpened {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<'a>,
    },
    /// An action stops being open: it is blocked for these reasons from
    /// that day, or (`reasons` empty) no longer listed at all.
    ActionClosed {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<'a>,
        /// Why it is blocked now (empty: no longer listed).
        reasons: Reasons,
    },
    /// Another version of the rules comes into force
    /// ([`PolicySet`](crate::PolicySet)).
    PolicyChanged {
        /// The version in force the day before.
        from: &'a str,
        /// The version in force from that day.
        to: &'a str,
    },
}

/// A reminder due on a day, with a key that names it once and for all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DueReminder<'a> {
    /// The day it is due.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub date: NaiveDate,
    /// The reminder.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub reminder: Reminder<'a>,
    /// Its idempotency key.
    pub key: ReminderKey<'a>,
}

/// The idempotency key of a reminder: the offer, the kind and the
/// anniversary it concerns. A reminder is due at most once per key, so a
/// service that records the keys it sent sends none twice.
///
/// Its `Display` (and serde form) is `offer/kind/anniversary`:
/// `maps/upcoming_auto_renewal/2019-09-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReminderKey<'a> {
    /// The offer's id.
    pub offer: &'a str,
    /// The kind of reminder.
    pub kind: ReminderKind,
    /// The anniversary it concerns.
    pub anniversary: NaiveDate,
}

impl fmt::Display for ReminderKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.offer,
            self.kind.as_str(),
            self.anniversary
        )
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ReminderKey<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The dated events of `membership` from `from` to `to` (both included)
/// under the default policy: see [`Rules::timeline`].
///
/// ```
/// use mpn_renewals::{timeline, Membership, OfferDraft, Phase};
/// use mpn_renewals::time::EventKind;
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)).auto_renew(false))
///     .build()?;
/// let events = timeline(&membership, day(2019, 8, 1), day(2019, 10, 31));
/// let phases: Vec<_> = events
///     .iter()
///     .filter_map(|e| match e.kind {
///         EventKind::PhaseChanged { to, .. } => Some((e.date, to)),
///         _ => None,
///     })
///     .collect();
/// assert_eq!(
///     phases,
///     [(day(2019, 9, 2), Phase::RenewalWindow), (day(2019, 10, 2), Phase::Lapsed)]
/// );
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
pub fn timeline(membership: &Membership, from: NaiveDate, to: NaiveDate) -> Vec<Event<'_>> {
    PARTNER_CENTER_2020.timeline(membership, from, to)
}

/// Every reminder due after `after` and up to `through` under the default
/// policy: see [`Rules::reminders_between`].
pub fn reminders_between(
    membership: &Membership,
    after: NaiveDate,
    through: NaiveDate,
) -> Vec<DueReminder<'_>> {
    PARTNER_CENTER_2020.reminders_between(membership, after, through)
}

/// [`Rules::timeline`].
pub(crate) fn events<'a, R: Versions + ?Sized>(
    rules: &'a R,
    membership: &'a Membership,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Event<'a>> {
    changes(
        |day, out| crate::evaluate::evaluate_into(rules, membership, day, out),
        from,
        to,
    )
}

/// [`Rules::reminders_between`].
pub(crate) fn due_reminders<'a, R: Versions + ?Sized>(
    rules: &'a R,
    membership: &'a Membership,
    after: NaiveDate,
    through: NaiveDate,
) -> Vec<DueReminder<'a>> {
    reminders(
        |day, out| crate::evaluate::evaluate_into(rules, membership, day, out),
        membership,
        after,
        through,
    )
}

/// Visits the evaluation of `first` and of every later day up to `last` on
/// which it changes, in order.
fn each_change<'a>(
    mut evaluate: impl FnMut(NaiveDate, &mut Evaluation<'a>),
    first: NaiveDate,
    last: NaiveDate,
    mut visit: impl FnMut(&Evaluation<'a>),
) {
    let mut current = Evaluation::new();
    let mut day = first;
    while day <= last {
        evaluate(day, &mut current);
        visit(&current);
        match current.next_change {
            Some(next) => day = next,
            None => break,
        }
    }
}

fn changes<'a>(
    mut evaluate: impl FnMut(NaiveDate, &mut Evaluation<'a>),
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    if to < from {
        return events;
    }
    let mut previous: Option<Evaluation<'a>> = from.pred_opt().map(|before| {
        let mut evaluation = Evaluation::new();
        evaluate(before, &mut evaluation);
        evaluation
    });
    each_change(&mut evaluate, from, to, |current| {
        if let Some(previous) = &previous {
            differences(previous, current, &mut events);
        }
        events.extend(current.reminders.iter().map(|reminder| Event {
            date: current.today,
            kind: EventKind::Reminder {
                reminder: *reminder,
            },
        }));
        previous = Some(current.clone());
    });
    events
}

/// The events that take `before` to `after`, dated `after.today`.
fn differences<'a>(before: &Evaluation<'a>, after: &Evaluation<'a>, events: &mut Vec<Event<'a>>) {
    let date = after.today;
    let mut push = |kind| events.push(Event { date, kind });
    if before.policy != after.policy {
        push(EventKind::PolicyChanged {
            from: before.policy,
            to: after.policy,
        });
    }
    for status in &after.offers {
        let was = before.offer(status.id).map(|old| old.phase);
        if let Some(was) = was.filter(|was| *was != status.phase) {
            push(EventKind::PhaseChanged {
                offer: status.id,
                from: was,
                to: status.phase,
            });
        }
    }
    for action in &after.allowed {
        if !before.is_allowed(action) {
            push(EventKind::ActionOpened { action: *action });
        }
    }
    for action in &before.allowed {
        if !after.is_allowed(action) {
            let reasons = after
                .blocked(action)
                .map_or(Reasons::EMPTY, |blocked| blocked.reasons);
            push(EventKind::ActionClosed {
                action: *action,
                reasons,
            });
        }
    }
}

fn reminders<'a>(
    evaluate: impl FnMut(NaiveDate, &mut Evaluation<'a>),
    membership: &'a Membership,
    after: NaiveDate,
    through: NaiveDate,
) -> Vec<DueReminder<'a>> {
    let mut due = Vec::new();
    let Some(first) = after.succ_opt() else {
        return due;
    };
    each_change(evaluate, first, through, |current| {
        for reminder in &current.reminders {
            let anniversary = membership
                .offer(reminder.offer)
                .map_or(current.today, |offer| offer.anniversary);
            due.push(DueReminder {
                date: current.today,
                reminder: *reminder,
                key: ReminderKey {
                    offer: reminder.offer,
                    kind: reminder.kind,
                    anniversary,
                },
            });
        }
    });
    due
}
