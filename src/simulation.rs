//! What-if, the years ahead: a membership played out over a span, with its
//! automatic renewals carried out and a plan of dated actions.
//!
//! A [`timeline`](crate::timeline) says what happens if nobody acts: an
//! auto-renewing Action Pack shows its `auto_renewal_due` reminder (A1) and
//! then lapses, because A1's renewal is carried out by Partner Center, not
//! by the crate. A simulation carries it out: on each day an automatic
//! renewal falls due, it renews the pack as [`Rules::apply`] would, unless
//! the [`Plan`] says that day's charge fails. The plan may also hold dated
//! [`Step`]s, each carried out on its day when that day's evaluation allows
//! it, and otherwise recorded as refused, with the evaluation's reasons,
//! while the run goes on.
//!
//! The answer, a [`Simulation`], holds the dated events (the timeline's
//! events, one [`ActionCarriedOut`](EventKind::ActionCarriedOut) or
//! [`ActionRefused`](EventKind::ActionRefused) per action, a
//! [`ChargeFailed`](EventKind::ChargeFailed) per failed charge, and what an
//! action changed on its day) and the membership as it stands at the end.
//! Like the timeline, it is computed by jumping from one change to the
//! next, never by stepping day by day.
//!
//! ```
//! use mpn_renewals::simulation::{simulate, Plan};
//! use mpn_renewals::time::EventKind;
//! use mpn_renewals::{Action, Membership, OfferDraft};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
//!     .build()?;
//!
//! // A1, W3, W5: the pack renews itself on the day its window opens, the
//! // day after each anniversary, and each renewal adds 365 days.
//! let run = simulate(&membership, &Plan::new(), day(2018, 9, 1)..=day(2021, 12, 31))?;
//! let renewals: Vec<_> = run
//!     .events
//!     .iter()
//!     .filter(|event| matches!(event.kind, EventKind::ActionCarriedOut { automatic: true, .. }))
//!     .map(|event| event.date)
//!     .collect();
//! assert_eq!(renewals, [day(2019, 9, 2), day(2020, 9, 1), day(2021, 9, 1)]);
//! assert_eq!(run.membership.offer("maps").unwrap().anniversary(), day(2022, 8, 31));
//!
//! // The 2020 charge fails, and nobody renews by hand: the pack lapses
//! // when its window closes (W6), and the run goes on without it.
//! let plan = Plan::new().fail_charge("maps", day(2020, 9, 1));
//! let run = simulate(&membership, &plan, day(2018, 9, 1)..=day(2021, 12, 31))?;
//! assert!(run.events.iter().any(|event| event.date == day(2020, 9, 1)
//!     && matches!(&event.kind, EventKind::ChargeFailed { offer } if offer == "maps")));
//! assert_eq!(run.membership.offer("maps").unwrap().anniversary(), day(2020, 8, 31));
//!
//! // A step the day does not allow is refused with the evaluation's reasons.
//! let plan = Plan::new().step(day(2019, 3, 1), Action::renew("maps"));
//! let run = simulate(&membership, &plan, day(2019, 1, 1)..=day(2019, 3, 1))?;
//! let refused = run.events.last().unwrap();
//! assert_eq!(refused.date, day(2019, 3, 1));
//! assert!(matches!(refused.kind, EventKind::ActionRefused { .. }));
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # The order of a day's events
//!
//! On a day when something is carried out, the timeline's events of that
//! day come first (as they stand before any action: the due reminder that
//! triggers an automatic renewal among them); then the automatic renewals
//! due that day, in the order of the offers; then the plan's steps of that
//! day, in the order they were added, each applied to the membership as the
//! ones before it left it; then what the actions changed that day, as the
//! timeline writes a change: anniversaries
//! ([`AnniversaryChanged`](EventKind::AnniversaryChanged)), phases, the
//! actions opened and closed, and reminders newly due. From the next day
//! on, the events are those of the changed membership.
//!
//! # Decisions where the rules are silent
//!
//! - A charge fails only on a day an automatic renewal of that offer falls
//!   due (A1); a failing charge on another day changes nothing. The pack
//!   keeps `auto_renew`, may still be renewed by hand while its window is
//!   open, and otherwise lapses when it closes (W6).
//! - A step on the day of an automatic renewal comes after it: a `renew`
//!   of the same pack that day is refused (its new window is not open).
//! - An automatic renewal that [`Rules::apply`] refuses (only at the ends
//!   of the calendar, D4) is recorded as an `action_refused` event.

use std::fmt;
use std::ops::RangeBounds;

use chrono::NaiveDate;

use crate::action::Action;
use crate::error::{Error, ErrorKind, Snippet};
use crate::evaluation::{Evaluation, ReminderKind};
use crate::membership::Membership;
use crate::policy::PARTNER_CENTER_2020;
use crate::reason::Reasons;
use crate::rules::{Rules, Versions};
use crate::text::Text;
use crate::time::{Event, EventKind};

/// The longest stretch of days whose timeline is read at once while
/// looking for the next automatic renewal: a year and a day, so that a
/// stretch holds at most one renewal of each pack, and the events read past
/// an action (and thrown away) stay few.
const STRETCH_DAYS: u64 = 366;

/// What a [`simulate`] run is given besides the automatic renewals: dated
/// actions to carry out, and the automatic-renewal charges that fail.
///
/// ```
/// use mpn_renewals::simulation::Plan;
/// use mpn_renewals::Action;
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let plan = Plan::new()
///     .step(day(2019, 9, 10), Action::turn_off_auto_renew("maps"))
///     .fail_charge("maps", day(2020, 9, 1));
/// assert_eq!(plan.steps().len(), 1);
/// assert_eq!(plan.failed_charges()[0].to_string(), "maps:2020-09-01");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    steps: Vec<Step>,
    failed_charges: Vec<FailedCharge>,
}

/// One dated action of a [`Plan`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The day to carry it out on.
    pub date: NaiveDate,
    /// The action, as [`Rules::apply`] takes it.
    pub action: Action,
}

/// An automatic-renewal charge that fails (A1): the renewal of `offer`
/// due on `date` is not carried out.
///
/// Written `OFFER:YYYY-MM-DD` ([`Display`](fmt::Display) and
/// [`FromStr`](std::str::FromStr)); the date is after the last `:`, so an id
/// may hold `:` itself.
///
/// ```
/// use mpn_renewals::simulation::FailedCharge;
/// use chrono::NaiveDate;
///
/// let charge: FailedCharge = "maps:2020-09-01".parse()?;
/// assert_eq!(charge.offer, "maps");
/// assert_eq!(charge.date, NaiveDate::from_ymd_opt(2020, 9, 1).unwrap());
/// assert_eq!(
///     "maps".parse::<FailedCharge>().unwrap_err().to_string(),
///     "failed_charge: `maps` is not a failing charge of the form OFFER:YYYY-MM-DD"
/// );
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FailedCharge {
    /// The Action Pack whose automatic renewal is charged.
    pub offer: String,
    /// The day the renewal falls due.
    pub date: NaiveDate,
}

impl fmt::Display for FailedCharge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.offer, self.date)
    }
}

impl std::str::FromStr for FailedCharge {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::new(
                "failed_charge",
                ErrorKind::InvalidFailedCharge(Snippet::of(text)),
            )
        };
        let (offer, date) = text.rsplit_once(':').ok_or_else(invalid)?;
        let date = crate::calendar::parse_date(date).ok_or_else(invalid)?;
        if offer.is_empty() {
            return Err(invalid());
        }
        Ok(FailedCharge {
            offer: offer.to_owned(),
            date,
        })
    }
}

impl Plan {
    /// An empty plan: only the automatic renewals are carried out.
    pub fn new() -> Self {
        Plan::default()
    }

    /// Adds a step: `action` on `date`. Steps of one day are carried out in
    /// the order they were added.
    pub fn step(mut self, date: NaiveDate, action: Action<impl Text>) -> Self {
        self.steps.push(Step {
            date,
            action: action.into_owned(),
        });
        self
    }

    /// Adds a failing charge: the automatic renewal of `offer` due on
    /// `date` is not carried out (A1).
    pub fn fail_charge(mut self, offer: impl Into<String>, date: NaiveDate) -> Self {
        self.failed_charges.push(FailedCharge {
            offer: offer.into(),
            date,
        });
        self
    }

    /// The steps, in the order they were added.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The failing charges, in the order they were added.
    pub fn failed_charges(&self) -> &[FailedCharge] {
        &self.failed_charges
    }

    /// Refuses a plan that cannot be meant for this run: a step or a
    /// failing charge outside the span, or a failing charge of an offer that
    /// is neither the membership's nor bought by a step.
    fn check(
        &self,
        membership: &Membership,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<(), Error> {
        let outside = |date: NaiveDate, path: String| {
            (!(first..=last).contains(&date))
                .then(|| Error::new(path, ErrorKind::OutsideSpan { date, first, last }))
        };
        for (index, step) in self.steps.iter().enumerate() {
            if let Some(err) = outside(step.date, format!("steps[{index}].date")) {
                return Err(err);
            }
        }
        for (index, charge) in self.failed_charges.iter().enumerate() {
            let bought = |step: &Step| matches!(&step.action, Action::Purchase { id: Some(id), .. } if *id == charge.offer);
            if membership.offer(&charge.offer).is_none() && !self.steps.iter().any(bought) {
                return Err(Error::new(
                    format!("failed_charges[{index}].offer"),
                    ErrorKind::UnknownOffer,
                ));
            }
            if let Some(err) = outside(charge.date, format!("failed_charges[{index}].date")) {
                return Err(err);
            }
        }
        Ok(())
    }

    fn charge_fails(&self, offer: &str, date: NaiveDate) -> bool {
        self.failed_charges
            .iter()
            .any(|charge| charge.date == date && charge.offer == offer)
    }
}

/// Why a [simulation](self) could not carry an action out: the kind of
/// [`Rules::apply`]'s refusal, by the same name as its [`ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive] // apply may learn new refusals
pub enum Refusal {
    /// Blocked that day, for the event's `reasons` ([`ErrorKind::Blocked`]).
    Blocked,
    /// Not open that day, and not listed as blocked ([`ErrorKind::NotOpen`]).
    NotOpen,
    /// No offer has the id the action names, that day
    /// ([`ErrorKind::UnknownOffer`]).
    UnknownOffer,
    /// No token has the id the action names ([`ErrorKind::UnknownToken`]).
    UnknownToken,
    /// A purchase without the new offer's id ([`ErrorKind::MissingId`]).
    MissingId,
    /// A purchase whose id an offer already has ([`ErrorKind::IdTaken`]).
    IdTaken,
    /// A purchase of a kind that cannot be bought
    /// ([`ErrorKind::NotPurchasable`]).
    NotPurchasable,
    /// The membership it would make breaks an input rule: a date beyond
    /// the calendar (D4).
    InvalidResult,
}

crate::names::wire_names!(Refusal, "refusal", {
    Blocked => "blocked",
    NotOpen => "not_open",
    UnknownOffer => "unknown_offer",
    UnknownToken => "unknown_token",
    MissingId => "missing_id",
    IdTaken => "id_taken",
    NotPurchasable => "not_purchasable",
    InvalidResult => "invalid_result",
});

impl Refusal {
    /// The refusal of an error of [`Rules::apply`], with the reasons and
    /// the day they lift where it is [`ErrorKind::Blocked`].
    fn of(kind: &ErrorKind) -> (Refusal, Reasons, Option<NaiveDate>) {
        let refusal = match kind {
            ErrorKind::Blocked {
                reasons,
                allowed_from,
            } => return (Refusal::Blocked, *reasons, *allowed_from),
            ErrorKind::NotOpen => Refusal::NotOpen,
            ErrorKind::UnknownOffer => Refusal::UnknownOffer,
            ErrorKind::UnknownToken => Refusal::UnknownToken,
            ErrorKind::MissingId => Refusal::MissingId,
            ErrorKind::IdTaken(_) => Refusal::IdTaken,
            ErrorKind::NotPurchasable(_) => Refusal::NotPurchasable,
            _ => Refusal::InvalidResult,
        };
        (refusal, Reasons::EMPTY, None)
    }
}

/// The result of a [`simulate`] run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    /// The dated events of the span, in order (see the
    /// [module](self) for the order of a day).
    pub events: Vec<Event>,
    /// The membership on the span's last day, every action of the run
    /// carried out.
    pub membership: Membership,
}

/// Plays `membership` out over `span` under the default policy: see
/// [`Rules::simulate`] and the [module](self).
///
/// # Errors
///
/// As [`Rules::simulate`]: a plan that does not fit the membership or the
/// span.
pub fn simulate(
    membership: &Membership,
    plan: &Plan,
    span: impl RangeBounds<NaiveDate>,
) -> Result<Simulation, Error> {
    PARTNER_CENTER_2020.simulate(membership, plan, span)
}

/// [`Rules::simulate`]: the run, from one action day to the next.
pub(crate) fn run<R: Versions + ?Sized>(
    rules: &R,
    membership: &Membership,
    plan: &Plan,
    span: impl RangeBounds<NaiveDate>,
) -> Result<Simulation, Error> {
    let mut run = Simulation {
        events: Vec::new(),
        membership: membership.clone(),
    };
    let Some((first, last)) = crate::time::days(&span) else {
        return Ok(run);
    };
    plan.check(membership, first, last)?;
    let mut steps: Vec<&Step> = plan.steps.iter().collect();
    // Stable: the steps of one day keep the order they were added in.
    steps.sort_by_key(|step| step.date);
    let mut steps = steps.into_iter().peekable();
    let mut from = first;
    loop {
        let next_step = steps.peek().map(|step| step.date);
        let stretch_end = from
            .checked_add_days(chrono::Days::new(STRETCH_DAYS - 1))
            .unwrap_or(NaiveDate::MAX)
            .min(last);
        let upto = next_step.map_or(stretch_end, |day| day.min(stretch_end));
        let timeline = crate::time::events(rules, &run.membership, from..=upto);
        // A1: the first day an automatic renewal falls due, or a step's day.
        let due_day = timeline
            .iter()
            .find(|event| is_renewal_due(&event.kind))
            .map(|event| event.date);
        let action_day = match (due_day, next_step.filter(|day| *day <= upto)) {
            (Some(due), Some(step)) => Some(due.min(step)),
            (due, step) => due.or(step),
        };
        let Some(day) = action_day else {
            run.events
                .extend(timeline.into_iter().map(Event::into_owned));
            match upto.succ_opt().filter(|_| upto < last) {
                Some(next) => {
                    from = next;
                    continue;
                }
                None => return Ok(run),
            }
        };
        let due: Vec<String> = timeline
            .iter()
            .filter(|event| event.date == day && is_renewal_due(&event.kind))
            .filter_map(|event| match &event.kind {
                EventKind::Reminder { reminder } => Some(reminder.offer.to_owned()),
                _ => None,
            })
            .collect();
        run.events.extend(
            timeline
                .into_iter()
                .take_while(|event| event.date <= day)
                .map(Event::into_owned),
        );
        let before = run.membership.clone();
        for offer in due {
            if plan.charge_fails(&offer, day) {
                run.events.push(Event {
                    date: day,
                    kind: EventKind::ChargeFailed { offer },
                });
            } else {
                run.carry_out(rules, day, Action::Renew { offer }, true);
            }
        }
        while let Some(step) = steps.next_if(|step| step.date == day) {
            run.carry_out(rules, day, step.action.clone(), false);
        }
        changes(rules, &before, &run.membership, day, &mut run.events);
        match day.succ_opt().filter(|_| day < last) {
            Some(next) => from = next,
            None => return Ok(run),
        }
    }
}

/// A1: the reminder that an automatic renewal falls due that day.
fn is_renewal_due<T: Text>(kind: &EventKind<T>) -> bool {
    matches!(kind, EventKind::Reminder { reminder } if reminder.kind == ReminderKind::AutoRenewalDue)
}

impl Simulation {
    /// Carries `action` out on `day`, as [`Rules::apply`] does, and records
    /// it as carried out or refused.
    fn carry_out<R: Versions + ?Sized>(
        &mut self,
        rules: &R,
        day: NaiveDate,
        action: Action,
        automatic: bool,
    ) {
        let kind = match crate::apply::apply_under(rules, &self.membership, &action, day) {
            Ok(changed) => {
                self.membership = changed;
                EventKind::ActionCarriedOut { action, automatic }
            }
            Err(err) => {
                let (refusal, reasons, allowed_from) = Refusal::of(err.kind());
                EventKind::ActionRefused {
                    action,
                    refusal,
                    reasons,
                    allowed_from,
                }
            }
        };
        self.events.push(Event { date: day, kind });
    }
}

/// The events of what the actions of `day` changed on that day: the
/// evaluations of `before` and `after` on `day`, compared as the timeline
/// compares two days, with each offer's anniversary first and, of the
/// reminders, only those the actions made due.
fn changes<R: Versions + ?Sized>(
    rules: &R,
    before: &Membership,
    after: &Membership,
    day: NaiveDate,
    events: &mut Vec<Event>,
) {
    if before == after {
        return;
    }
    let mut was = Evaluation::new();
    crate::evaluate::evaluate_into(rules, before, day, &mut was);
    let mut now = Evaluation::new();
    crate::evaluate::evaluate_into(rules, after, day, &mut now);
    let mut push = |kind: EventKind<&str>| {
        events.push(Event {
            date: day,
            kind: kind.into_owned(),
        });
    };
    for now_offer in now.offers.iter() {
        let Some(was_offer) = was.offers.iter().find(|was| was.id == now_offer.id) else {
            continue;
        };
        if was_offer.anniversary != now_offer.anniversary {
            push(EventKind::AnniversaryChanged {
                offer: now_offer.id,
                from: was_offer.anniversary,
                to: now_offer.anniversary,
            });
        }
    }
    crate::time::changes(&was, &now, &mut push);
    for reminder in now.reminders.iter() {
        if !was.reminders.iter().any(|was| was == reminder) {
            push(EventKind::Reminder {
                reminder: *reminder,
            });
        }
    }
}
