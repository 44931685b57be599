//! Time: the dated events of a span ([`Event`]), and the reminders due in
//! it ([`DueReminder`]), computed by jumping from one change to the next,
//! never by stepping day by day.
//!
//! A span is a Rust range of dates (`from..=to`, `from..to`, `from..`),
//! with the usual meaning; a reversed span is empty. The span is walked one
//! unit at a time (each offer, each token, the purchases), from each unit's
//! own changes: an account of many offers costs in proportion to its
//! offers, not to their square.

use std::fmt;
use std::ops::{Bound, RangeBounds};

use chrono::NaiveDate;

use crate::action::Action;
use crate::calendar::Day;
use crate::evaluate::{pack_slot, window_days, Evaluator, Packs};
use crate::evaluation::{Evaluation, Phase, Reminder, ReminderKind};
use crate::membership::Membership;
use crate::offer::Offer;
use crate::policy::PARTNER_CENTER_2020;
use crate::reason::Reasons;
use crate::rules::{Rules, Versions};
use crate::text::{same, Text};

/// One dated event of a [`timeline`].
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "T: serde::Serialize",
        deserialize = "T: serde::Deserialize<'de>"
    ))
)]
pub struct Event<T = String> {
    /// The day of the event.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub date: NaiveDate,
    /// What happens.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: EventKind<T>,
}

impl<T: Text> Event<T> {
    /// The same event, owning its text.
    pub fn into_owned(self) -> Event<String> {
        Event {
            date: self.date,
            kind: self.kind.into_owned(),
        }
    }
}

impl<A: Text, B: Text> PartialEq<Event<B>> for Event<A> {
    fn eq(&self, other: &Event<B>) -> bool {
        self.date == other.date && self.kind == other.kind
    }
}

impl<T: Text> Eq for Event<T> {}

/// What happens on a day of a [`timeline`].
///
/// Its serde form is tagged by `event`: `{"date": "2019-09-02", "event":
/// "phase_changed", "offer": "maps", "from": "active", "to":
/// "renewal_window"}`.
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "event",
        rename_all = "snake_case",
        rename_all_fields = "snake_case",
        bound(
            serialize = "T: serde::Serialize",
            deserialize = "T: serde::Deserialize<'de>"
        )
    )
)]
#[non_exhaustive] // a new policy may bring new kinds of events
pub enum EventKind<T = String> {
    /// A reminder or notice is due that day.
    Reminder {
        /// The reminder.
        #[cfg_attr(feature = "serde", serde(flatten))]
        reminder: Reminder<T>,
    },
    /// An offer moves to another phase.
    PhaseChanged {
        /// The offer's id.
        offer: T,
        /// Its phase the day before.
        from: Phase,
        /// Its phase from that day.
        to: Phase,
    },
    /// An action becomes open.
    ActionOpened {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<T>,
    },
    /// An action stops being open: it is blocked for these reasons from
    /// that day, or (`reasons` empty) no longer listed at all.
    ActionClosed {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<T>,
        /// Why it is blocked now (empty: no longer listed).
        reasons: Reasons,
    },
    /// Another version of the rules comes into force
    /// ([`PolicySet`](crate::PolicySet)).
    PolicyChanged {
        /// The version in force the day before.
        from: T,
        /// The version in force from that day.
        to: T,
    },
    /// A [simulation](crate::simulation) carried an action out that day:
    /// a step of its [`Plan`](crate::simulation::Plan), or (`automatic`)
    /// the renewal of an Action Pack whose automatic renewal fell due (A1).
    ActionCarriedOut {
        /// The action, as [`Rules::apply`] carried it out.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<T>,
        /// True for an automatic renewal (A1), false for a step of the plan.
        automatic: bool,
    },
    /// A [simulation](crate::simulation) could not carry a step of its
    /// plan out that day: [`Rules::apply`] refused it, for the reasons of
    /// that day's evaluation. The run goes on without it.
    ActionRefused {
        /// The step's action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<T>,
        /// Why it was refused.
        refusal: crate::simulation::Refusal,
        /// Where `refusal` is `blocked`: the evaluation's reasons (empty
        /// otherwise).
        reasons: Reasons,
        /// Where the reasons include a dated one, the first day on which it
        /// no longer holds, as in [`Blocked`](crate::evaluation::Blocked).
        #[cfg_attr(
            feature = "serde",
            serde(
                default,
                skip_serializing_if = "Option::is_none",
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        allowed_from: Option<NaiveDate>,
    },
    /// A [simulation](crate::simulation): the charge of an automatic
    /// renewal failed that day, so the renewal was not carried out (A1).
    /// The offer keeps its anniversary and lapses when its window closes
    /// unless it is renewed by hand (W6).
    ChargeFailed {
        /// The offer whose automatic renewal was due.
        offer: T,
    },
    /// A [simulation](crate::simulation): a renewal or reactivation moved an
    /// offer to its next anniversary (W5, E4).
    AnniversaryChanged {
        /// The offer's id.
        offer: T,
        /// Its anniversary before the action.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::date",
                deserialize_with = "crate::wire::any_date"
            )
        )]
        from: NaiveDate,
        /// Its anniversary after it.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::date",
                deserialize_with = "crate::wire::any_date"
            )
        )]
        to: NaiveDate,
    },
}

impl<T: Text> EventKind<T> {
    /// The same event, owning its text.
    pub fn into_owned(self) -> EventKind<String> {
        let own = Text::into_string;
        match self {
            EventKind::Reminder { reminder } => EventKind::Reminder {
                reminder: reminder.into_owned(),
            },
            EventKind::PhaseChanged { offer, from, to } => EventKind::PhaseChanged {
                offer: own(offer),
                from,
                to,
            },
            EventKind::ActionOpened { action } => EventKind::ActionOpened {
                action: action.into_owned(),
            },
            EventKind::ActionClosed { action, reasons } => EventKind::ActionClosed {
                action: action.into_owned(),
                reasons,
            },
            EventKind::PolicyChanged { from, to } => EventKind::PolicyChanged {
                from: own(from),
                to: own(to),
            },
            EventKind::ActionCarriedOut { action, automatic } => EventKind::ActionCarriedOut {
                action: action.into_owned(),
                automatic,
            },
            EventKind::ActionRefused {
                action,
                refusal,
                reasons,
                allowed_from,
            } => EventKind::ActionRefused {
                action: action.into_owned(),
                refusal,
                reasons,
                allowed_from,
            },
            EventKind::ChargeFailed { offer } => EventKind::ChargeFailed { offer: own(offer) },
            EventKind::AnniversaryChanged { offer, from, to } => EventKind::AnniversaryChanged {
                offer: own(offer),
                from,
                to,
            },
        }
    }
}

impl<A: Text, B: Text> PartialEq<EventKind<B>> for EventKind<A> {
    /// The same event, whether its text is borrowed or owned.
    fn eq(&self, other: &EventKind<B>) -> bool {
        match (self, other) {
            (EventKind::Reminder { reminder: a }, EventKind::Reminder { reminder: b }) => a == b,
            (
                EventKind::PhaseChanged {
                    offer: a,
                    from: x,
                    to: y,
                },
                EventKind::PhaseChanged {
                    offer: b,
                    from: u,
                    to: v,
                },
            ) => same(a, b) && x == u && y == v,
            (EventKind::ActionOpened { action: a }, EventKind::ActionOpened { action: b }) => {
                a == b
            }
            (
                EventKind::ActionClosed {
                    action: a,
                    reasons: x,
                },
                EventKind::ActionClosed {
                    action: b,
                    reasons: y,
                },
            ) => a == b && x == y,
            (
                EventKind::PolicyChanged { from: a, to: x },
                EventKind::PolicyChanged { from: b, to: y },
            ) => same(a, b) && same(x, y),
            (
                EventKind::ActionCarriedOut {
                    action: a,
                    automatic: x,
                },
                EventKind::ActionCarriedOut {
                    action: b,
                    automatic: y,
                },
            ) => a == b && x == y,
            (
                EventKind::ActionRefused {
                    action: a,
                    refusal: r,
                    reasons: x,
                    allowed_from: f,
                },
                EventKind::ActionRefused {
                    action: b,
                    refusal: s,
                    reasons: y,
                    allowed_from: g,
                },
            ) => a == b && r == s && x == y && f == g,
            (EventKind::ChargeFailed { offer: a }, EventKind::ChargeFailed { offer: b }) => {
                same(a, b)
            }
            (
                EventKind::AnniversaryChanged {
                    offer: a,
                    from: x,
                    to: y,
                },
                EventKind::AnniversaryChanged {
                    offer: b,
                    from: u,
                    to: v,
                },
            ) => same(a, b) && x == u && y == v,
            _ => false,
        }
    }
}

impl<T: Text> Eq for EventKind<T> {}

/// A reminder due on a day, with a key that names it once and for all.
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "T: Text + serde::Serialize",
        deserialize = "T: serde::Deserialize<'de>, ReminderKey<T>: serde::Deserialize<'de>"
    ))
)]
pub struct DueReminder<T = String> {
    /// The day it is due.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub date: NaiveDate,
    /// The reminder.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub reminder: Reminder<T>,
    /// Its idempotency key.
    pub key: ReminderKey<T>,
}

impl<T: Text> DueReminder<T> {
    /// The same reminder, owning its text.
    pub fn into_owned(self) -> DueReminder<String> {
        DueReminder {
            date: self.date,
            reminder: self.reminder.into_owned(),
            key: self.key.into_owned(),
        }
    }
}

impl<A: Text, B: Text> PartialEq<DueReminder<B>> for DueReminder<A> {
    fn eq(&self, other: &DueReminder<B>) -> bool {
        self.date == other.date
            && self.reminder == other.reminder
            && same(&self.key.offer, &other.key.offer)
            && self.key.kind == other.key.kind
            && self.key.anniversary == other.key.anniversary
    }
}

impl<T: Text> Eq for DueReminder<T> {}

/// The idempotency key of a reminder: the offer, the kind and the
/// anniversary it concerns. A reminder is due at most once per key, so a
/// service that records the keys it sent sends none twice.
///
/// Its `Display` (and serde form) is `offer/kind/anniversary`:
/// `maps/upcoming_auto_renewal/2019-09-01`; `FromStr` reads it back (the
/// offer's id may hold a `/`: the kind and the anniversary are the last two
/// parts).
///
/// ```
/// use mpn_renewals::time::ReminderKey;
///
/// let key: ReminderKey = "maps/upcoming_auto_renewal/2019-09-01".parse()?;
/// assert_eq!(key.offer, "maps");
/// assert_eq!(key.to_string(), "maps/upcoming_auto_renewal/2019-09-01");
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReminderKey<T = String> {
    /// The offer's id.
    pub offer: T,
    /// The kind of reminder.
    pub kind: ReminderKind,
    /// The anniversary it concerns.
    pub anniversary: NaiveDate,
}

impl<T: Text> ReminderKey<T> {
    /// The same key, owning its text.
    pub fn into_owned(self) -> ReminderKey<String> {
        ReminderKey {
            offer: self.offer.into_string(),
            kind: self.kind,
            anniversary: self.anniversary,
        }
    }
}

impl<T: Text> fmt::Display for ReminderKey<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}",
            self.offer.as_ref(),
            self.kind,
            self.anniversary
        )
    }
}

impl std::str::FromStr for ReminderKey<String> {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Self, crate::Error> {
        let invalid = || {
            crate::Error::new(
                "key",
                crate::ErrorKind::InvalidReminderKey(crate::error::Snippet::of(text)),
            )
        };
        let mut parts = text.rsplitn(3, '/');
        let (Some(anniversary), Some(kind), Some(offer)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(invalid());
        };
        // Only the form `Display` writes (chrono's: `2019-09-01`, and the
        // signed form beyond year 9999), so that a key has one text.
        let anniversary = anniversary
            .parse::<NaiveDate>()
            .ok()
            .filter(|date| date.to_string() == anniversary)
            .ok_or_else(invalid)?;
        let kind: ReminderKind = kind.parse()?;
        if offer.is_empty() {
            return Err(invalid());
        }
        Ok(ReminderKey {
            offer: offer.to_owned(),
            kind,
            anniversary,
        })
    }
}

#[cfg(feature = "serde")]
impl<T: Text> serde::Serialize for ReminderKey<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for ReminderKey<String> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The dated events of `membership` in `span` under the default policy:
/// see [`Rules::timeline`].
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
/// let events = timeline(&membership, day(2019, 8, 1)..=day(2019, 10, 31));
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
pub fn timeline(membership: &Membership, span: impl RangeBounds<NaiveDate>) -> Vec<Event<&str>> {
    PARTNER_CENTER_2020.timeline(membership, span)
}

/// Every reminder due in `span` under the default policy: see
/// [`Rules::reminders_between`].
pub fn reminders_between(
    membership: &Membership,
    span: impl RangeBounds<NaiveDate>,
) -> Vec<DueReminder<&str>> {
    PARTNER_CENTER_2020.reminders_between(membership, span)
}

/// The first and last days of a span, both included, or `None` for an
/// empty (or reversed) one. An open end reaches the end of chrono's range.
pub(crate) fn days(span: &impl RangeBounds<NaiveDate>) -> Option<(NaiveDate, NaiveDate)> {
    let first = match span.start_bound() {
        Bound::Included(first) => *first,
        Bound::Excluded(before) => before.succ_opt()?,
        Bound::Unbounded => NaiveDate::MIN,
    };
    let last = match span.end_bound() {
        Bound::Included(last) => *last,
        Bound::Excluded(after) => after.pred_opt()?,
        Bound::Unbounded => NaiveDate::MAX,
    };
    (first <= last).then_some((first, last))
}

/// [`Rules::timeline`].
pub(crate) fn events<'a, R: Versions + ?Sized>(
    rules: &'a R,
    membership: &'a Membership,
    span: impl RangeBounds<NaiveDate>,
) -> Vec<Event<&'a str>> {
    let Some((first, last)) = days(&span) else {
        return Vec::new();
    };
    let walk = Walk::new(rules, membership, first, last);
    let mut events: Vec<(Order, Event<&'a str>)> = Vec::new();
    walk.policy_changes(&mut events);
    for unit in walk.units() {
        walk.unit_events(unit, &mut events);
    }
    // The order of one evaluation's differences: the change of version,
    // then the phases, the actions opened, the actions closed and the
    // reminders, each in the order of the membership.
    events.sort_by_key(|(order, event)| (event.date, order.class, order.unit));
    events.into_iter().map(|(_, event)| event).collect()
}

/// [`Rules::reminders_between`].
pub(crate) fn due_reminders<'a, R: Versions + ?Sized>(
    rules: &'a R,
    membership: &'a Membership,
    span: impl RangeBounds<NaiveDate>,
) -> Vec<DueReminder<&'a str>> {
    let Some((first, last)) = days(&span) else {
        return Vec::new();
    };
    let walk = Walk::new(rules, membership, first, last);
    let mut due: Vec<(usize, DueReminder<&'a str>)> = Vec::new();
    for (index, offer) in membership.offers.iter().enumerate() {
        walk.each_change(Unit::Offer(index), |current, _| {
            for reminder in current.reminders.iter() {
                due.push((
                    index,
                    DueReminder {
                        date: current.today,
                        reminder: *reminder,
                        key: ReminderKey {
                            offer: offer.id.as_str(),
                            kind: reminder.kind,
                            anniversary: offer.anniversary,
                        },
                    },
                ));
            }
        });
    }
    due.sort_by_key(|(unit, reminder)| (reminder.date, *unit));
    due.into_iter().map(|(_, reminder)| reminder).collect()
}

/// A part of an evaluation that changes on its own days: an offer (its
/// status, actions and reminders), the purchases, or a token. The actions
/// on the membership itself never change.
#[derive(Debug, Clone, Copy)]
enum Unit {
    Offer(usize),
    Purchases,
    Token(usize),
}

/// Where an event stands among those of its day.
#[derive(Debug, Clone, Copy)]
struct Order {
    /// Policy, phase, opened, closed, reminder.
    class: u8,
    /// The unit's place in the evaluation: offers, purchases, tokens.
    unit: usize,
}

/// The walk over a span: the rules, the membership, and the days on which
/// the packs held change (G2, M4), which the offers read from one another.
struct Walk<'a, R: ?Sized> {
    rules: &'a R,
    membership: &'a Membership,
    first: NaiveDate,
    last: NaiveDate,
    packs: PackSchedule,
}

impl<'a, R: Versions + ?Sized> Walk<'a, R> {
    fn new(rules: &'a R, membership: &'a Membership, first: NaiveDate, last: NaiveDate) -> Self {
        let from = first.pred_opt().unwrap_or(first);
        Walk {
            rules,
            membership,
            first,
            last,
            packs: PackSchedule::new(rules, membership, from, last),
        }
    }

    fn units(&self) -> impl Iterator<Item = Unit> {
        (0..self.membership.offers.len())
            .map(Unit::Offer)
            .chain(std::iter::once(Unit::Purchases))
            .chain((0..self.membership.tokens.len()).map(Unit::Token))
    }

    /// The place of a unit in an evaluation's lists.
    fn place(&self, unit: Unit) -> usize {
        let offers = self.membership.offers.len();
        match unit {
            Unit::Offer(index) => index,
            Unit::Purchases => offers,
            Unit::Token(index) => offers + 1 + index,
        }
    }

    /// The unit's part of the evaluation of `day`, into `out`, and the
    /// first later day on which it may change.
    fn evaluate(
        &self,
        unit: Unit,
        day: NaiveDate,
        out: &mut Evaluation<&'a str>,
    ) -> Option<NaiveDate> {
        let mut evaluator = Evaluator::new(self.rules, self.membership, day);
        out.today = day;
        out.policy = evaluator.policy().name();
        out.offers.clear();
        out.allowed.clear();
        out.blocked.clear();
        out.reminders.clear();
        let packs = self.packs.on(Day::of(day));
        let mut extra = None;
        match unit {
            Unit::Offer(index) => {
                if let Some(offer) = self.membership.offers.get(index) {
                    evaluator.offer(out, index, offer, &packs);
                    extra = self.packs.next_for_offer(index, Day::of(day));
                }
            }
            Unit::Purchases => {
                evaluator.purchases(out, &packs);
                extra = self.packs.next_point(Day::of(day));
            }
            Unit::Token(index) => {
                if let Some(token) = self.membership.tokens.get(index) {
                    evaluator.token(out, token);
                }
            }
        }
        let own = evaluator.next_change_date();
        let extra = extra.and_then(Day::date);
        match (own, extra) {
            (Some(own), Some(extra)) => Some(own.min(extra)),
            (own, extra) => own.or(extra),
        }
    }

    /// Visits the unit's part of the evaluation of each day of the span on
    /// which it changes (the first day included), with the part of the day
    /// before (none before the first day chrono knows).
    fn each_change(
        &self,
        unit: Unit,
        mut visit: impl FnMut(&Evaluation<&'a str>, Option<&Evaluation<&'a str>>),
    ) {
        let mut previous = Evaluation::new();
        let mut has_previous = false;
        if let Some(before) = self.first.pred_opt() {
            self.evaluate(unit, before, &mut previous);
            has_previous = true;
        }
        let mut current = Evaluation::new();
        let mut day = self.first;
        loop {
            let next = self.evaluate(unit, day, &mut current);
            visit(&current, has_previous.then_some(&previous));
            std::mem::swap(&mut previous, &mut current);
            has_previous = true;
            match next {
                Some(next) if next <= self.last => day = next,
                _ => break,
            }
        }
    }

    /// The changes of version in the span, each a difference from the day
    /// before.
    fn policy_changes(&self, events: &mut Vec<(Order, Event<&'a str>)>) {
        // Before the first day chrono knows there is no day to differ from.
        let mut day = self.first.pred_opt().unwrap_or(self.first);
        let mut before = self.rules.version_on(day).name();
        while let Some(switch) = self.rules.switch_after(day).filter(|s| *s <= self.last) {
            let after = self.rules.version_on(switch).name();
            if after != before {
                events.push((
                    Order { class: 0, unit: 0 },
                    Event {
                        date: switch,
                        kind: EventKind::PolicyChanged {
                            from: before,
                            to: after,
                        },
                    },
                ));
            }
            before = after;
            day = switch;
        }
    }

    /// The events of one unit: its phase changes, the actions it opens and
    /// closes, and its reminders.
    fn unit_events(&self, unit: Unit, events: &mut Vec<(Order, Event<&'a str>)>) {
        let place = self.place(unit);
        self.each_change(unit, |current, previous| {
            let mut push = |class, kind| {
                let order = Order { class, unit: place };
                events.push((
                    order,
                    Event {
                        date: current.today,
                        kind,
                    },
                ));
            };
            if let Some(previous) = previous {
                changes(previous, current, |kind| {
                    let class = match kind {
                        EventKind::PhaseChanged { .. } => 1,
                        EventKind::ActionOpened { .. } => 2,
                        _ => 3,
                    };
                    push(class, kind);
                });
            }
            for reminder in current.reminders.iter() {
                push(
                    4,
                    EventKind::Reminder {
                        reminder: *reminder,
                    },
                );
            }
        });
    }
}

/// What differs from `was` to `now`, as events, in the timeline's order:
/// each offer's phase (offers matched by id: an offer only one of them has
/// changes no phase), then the actions `now` opens, then those it closes,
/// with the reasons `now` blocks them for. Reminders are left to the
/// caller: the timeline lists every reminder due, a simulation those that an
/// action made due.
pub(crate) fn changes<'a>(
    was: &Evaluation<&'a str>,
    now: &Evaluation<&'a str>,
    mut emit: impl FnMut(EventKind<&'a str>),
) {
    for now_offer in now.offers.iter() {
        let Some(was_offer) = was.offers.iter().find(|was| was.id == now_offer.id) else {
            continue;
        };
        if was_offer.phase != now_offer.phase {
            emit(EventKind::PhaseChanged {
                offer: now_offer.id,
                from: was_offer.phase,
                to: now_offer.phase,
            });
        }
    }
    for action in now.allowed.iter() {
        if !was.is_allowed(action) {
            emit(EventKind::ActionOpened { action: *action });
        }
    }
    for action in was.allowed.iter() {
        if !now.is_allowed(action) {
            let reasons = now
                .blocked(action)
                .map_or(Reasons::EMPTY, |blocked| blocked.reasons);
            emit(EventKind::ActionClosed {
                action: *action,
                reasons,
            });
        }
    }
}

/// The packs held over a span, and the pack of each kind that may renew
/// (G2, M4), as a list of the days on which they change: computed once, in
/// `O(p log p)` per version in force, so that an offer reads the packs of
/// its day without looking at every other one.
struct PackSchedule {
    /// `(from, packs)`, the days increasing: `packs` holds from `from`
    /// until the next entry.
    points: Vec<(Day, Packs)>,
    /// Per offer, the days on which it becomes or stops being the pack of
    /// its kind that may renew, increasing.
    turns: Vec<Vec<Day>>,
}

impl PackSchedule {
    fn new<R: Versions + ?Sized>(
        rules: &R,
        membership: &Membership,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Self {
        let mut schedule = PackSchedule {
            points: Vec::new(),
            turns: vec![Vec::new(); membership.offers.len()],
        };
        let has_packs = membership
            .offers
            .iter()
            .any(|offer| pack_slot(offer.kind).is_some());
        if !has_packs {
            return schedule;
        }
        let mut start = first;
        loop {
            let end = rules.switch_after(start).filter(|end| *end <= last);
            let window = rules.version_on(start).window(membership.portal);
            schedule.segment(membership, window, Day::of(start), end.map(Day::of));
            match end {
                Some(end) => start = end,
                None => break,
            }
        }
        schedule
    }

    /// The packs of one version's segment, from `start` until `end`
    /// (excluded): held while not cancelled and not past the window's last
    /// day, so the set held only shrinks; the pack that may renew is the
    /// highest-ranked one still held.
    fn segment(
        &mut self,
        membership: &Membership,
        window: crate::policy::WindowOffsets,
        start: Day,
        end: Option<Day>,
    ) {
        // Per kind, the packs that can be held, by their lapse day.
        let mut by_lapse: [Vec<(Day, usize)>; 2] = [Vec::new(), Vec::new()];
        for (index, offer) in membership.offers.iter().enumerate() {
            if let (Some(slot), false) = (pack_slot(offer.kind), offer.cancelled) {
                let (_, closes) = window_days(offer, window);
                let lapse = closes.plus(1);
                if lapse > start {
                    if let Some(list) = by_lapse.get_mut(slot) {
                        list.push((lapse, index));
                    }
                }
            }
        }
        // The held packs of a kind, highest rank last.
        let mut held: [std::collections::BTreeSet<Rank<'_>>; 2] = Default::default();
        for (slot, list) in by_lapse.iter_mut().enumerate() {
            list.sort_unstable();
            for &(_, index) in list.iter() {
                if let (Some(offer), Some(set)) = (membership.offers.get(index), held.get_mut(slot))
                {
                    set.insert(Rank::of(offer, index));
                }
            }
        }
        let packs_now = |held: &[std::collections::BTreeSet<Rank<'_>>; 2]| {
            let [packs, learning] = held;
            Packs {
                held: [!packs.is_empty(), !learning.is_empty()],
                renewing: [
                    packs.last().map(|rank| rank.index),
                    learning.last().map(|rank| rank.index),
                ],
            }
        };
        let mut current = packs_now(&held);
        self.push(start, current);
        // The lapse days of both kinds, in order.
        let mut lapses: Vec<(Day, usize, usize)> = by_lapse
            .iter()
            .enumerate()
            .flat_map(|(slot, list)| list.iter().map(move |&(day, index)| (day, slot, index)))
            .collect();
        lapses.sort_unstable();
        let mut position = 0;
        while let Some(&(day, _, _)) = lapses.get(position) {
            if end.is_some_and(|end| day >= end) {
                break;
            }
            // Every pack lapsing that day leaves the held set.
            while let Some(&(_, slot, index)) = lapses.get(position).filter(|l| l.0 == day) {
                if let (Some(offer), Some(set)) = (membership.offers.get(index), held.get_mut(slot))
                {
                    set.remove(&Rank::of(offer, index));
                }
                position += 1;
            }
            let next = packs_now(&held);
            for (was, now) in current.renewing.into_iter().zip(next.renewing) {
                if was != now {
                    for index in [was, now].into_iter().flatten() {
                        if let Some(turns) = self.turns.get_mut(index) {
                            turns.push(day);
                        }
                    }
                }
            }
            if next != current {
                self.push(day, next);
                current = next;
            }
        }
        // The start of the next version is a change of every unit anyway
        // (the evaluation names the version), and the next segment starts
        // with a point of its own.
    }

    fn push(&mut self, day: Day, packs: Packs) {
        match self.points.last_mut() {
            Some((last, _)) if *last == day => {
                if let Some((_, at)) = self.points.last_mut() {
                    *at = packs;
                }
            }
            _ => self.points.push((day, packs)),
        }
    }

    /// The packs on `day`.
    fn on(&self, day: Day) -> Packs {
        let index = self.points.partition_point(|(from, _)| *from <= day);
        match index.checked_sub(1).and_then(|i| self.points.get(i)) {
            Some((_, packs)) => *packs,
            None => Packs::default(),
        }
    }

    /// The first day after `day` on which the packs change.
    fn next_point(&self, day: Day) -> Option<Day> {
        let index = self.points.partition_point(|(from, _)| *from <= day);
        self.points.get(index).map(|(from, _)| *from)
    }

    /// The first day after `day` on which the offer becomes or stops being
    /// the pack of its kind that may renew.
    fn next_for_offer(&self, index: usize, day: Day) -> Option<Day> {
        let turns = self.turns.get(index)?;
        let at = turns.partition_point(|turn| *turn <= day);
        turns.get(at).copied()
    }
}

/// G2's order of the packs of one kind, the one that may renew last: the
/// latest anniversary; on a tie, the account's own (no `origin_account`),
/// then the smaller id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank<'a> {
    anniversary: NaiveDate,
    own: bool,
    id: std::cmp::Reverse<&'a str>,
    index: usize,
}

impl<'a> Rank<'a> {
    fn of(offer: &'a Offer, index: usize) -> Self {
        Rank {
            anniversary: offer.anniversary,
            own: offer.origin_account.is_none(),
            id: std::cmp::Reverse(offer.id.as_str()),
            index,
        }
    }
}
