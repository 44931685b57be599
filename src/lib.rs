//! A pure, embeddable rules engine for the renewal lifecycle of Microsoft
//! Partner Network offers: the Action Pack subscription, the Learning Action
//! Pack, and silver and gold competencies.
//!
//! Its heart is [`evaluate`]: given a [`Membership`] and a day, it says which
//! actions are open (renew, reactivate, turn off auto-renewal, request
//! cancellation, …), which are not and exactly why (typed [`Reason`]s, and
//! the date they lift), which [reminders](evaluation::Reminder) are due,
//! and the next date on
//! which any of that changes.
//!
//! ```
//! use mpn_renewals::{evaluate, Action, Membership, OfferDraft, Phase, Reason};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2019, 6, 22)).auto_renew(false))
//!     .build()?;
//!
//! // W3: an Action Pack whose anniversary is 2020-06-22 may be renewed from
//! // 2020-06-23 "and for 30 days after".
//! let evaluation = evaluate(&membership, day(2020, 7, 22));
//! assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
//! assert!(evaluation.is_allowed(&Action::renew("maps")));
//! assert_eq!(evaluation.next_change, Some(day(2020, 7, 23)));
//!
//! // W6: the day after, it has lapsed.
//! let evaluation = evaluate(&membership, day(2020, 7, 23));
//! assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
//! let blocked = evaluation.blocked(&Action::renew("maps")).unwrap();
//! assert_eq!(blocked.reasons.iter().collect::<Vec<_>>(), [Reason::WindowClosed]);
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # The pieces
//!
//! The crate follows the flow of its data: a membership comes in, rules
//! given as data are applied to it by one engine, and the answer says what
//! holds today and when that changes; around it, time.
//!
//! - **Input.** [`Membership`] (built with [`Membership::builder`] and
//!   [`OfferDraft`]s, or deserialized): a partner global account's
//!   [`Offer`]s and [`Token`]s. One that exists has passed every input rule:
//!   *parse, don't validate*.
//! - **Rules as data.** [`Policy`]: everything that differs between versions
//!   of Partner Center's rules (window offsets per portal, the renewal term,
//!   reminder offsets, the time-boxed
//!   [`ExtensionPolicy`](policy::ExtensionPolicy)s), as a value;
//!   [`Policy::partner_center_2020`] encodes the rules of the seeds and is
//!   the default. [`PolicySet`]: dated versions of them, such as
//!   [`PolicySet::partner_center_history`]. Their knobs are in [`policy`].
//! - **The engine.** [`Rules`], implemented by both, carries every verb:
//!   [`evaluate`](Rules::evaluate), [`apply`](Rules::apply),
//!   [`next_change`](Rules::next_change), [`timeline`](Rules::timeline), …
//!   The free functions [`evaluate`], [`apply`], [`next_change`],
//!   [`timeline`] and [`reminders_between`] use the default policy.
//! - **The answer.** [`Evaluation`]: each offer's [`Phase`] and
//!   [`RenewalWindow`](evaluation::RenewalWindow), benefits and extension;
//!   the allowed [`Action`]s; the [`Blocked`](evaluation::Blocked) ones
//!   with their [`Reasons`]; the due [`Reminder`](evaluation::Reminder)s;
//!   the [`CoreBenefits`](evaluation::CoreBenefits); and `next_change`,
//!   computed from the rules' own dates, never by stepping day by day. Its
//!   parts are in [`evaluation`].
//! - **Time.** [`apply`] carries an action out; [`timeline`] and
//!   [`reminders_between`] give the dated [`Event`](time::Event)s and
//!   [`DueReminder`](time::DueReminder)s of a span ([`time`]).
//! - **What-if.** [`simulation`] plays the years ahead out, [`impact`]
//!   measures a policy change over many memberships, [`lint`] checks a
//!   policy (below).
//!
//! Every rule has an ID in the crate's [rules catalogue](docs::rules) (`W3`,
//! `E2`, `D1`); the ID stands in the documentation of the code that
//! enforces it and in the name of the test that proves it. The JSON forms
//! are on the page [`docs::wire`].
//!
//! # What-if
//!
//! Beyond what holds today and what happens if nobody acts, the crate
//! answers what the years ahead look like when the partner acts.
//!
//! - **Simulation** ([`simulation`]): [`Rules::simulate`] plays a
//!   membership out over a span. Each automatic renewal of an Action Pack
//!   is carried out on the day it falls due (A1) unless the [`Plan`](simulation::Plan)
//!   says its charge fails; the plan's dated steps are carried out on their
//!   day when that day allows them, and otherwise recorded as refused, with
//!   the evaluation's reasons. The answer is the dated events and the
//!   membership at the end; like the timeline, it jumps from one change to
//!   the next.
//!
//! ```
//! use mpn_renewals::simulation::Plan;
//! use mpn_renewals::time::EventKind;
//! use mpn_renewals::{Action, Membership, OfferDraft, Policy, Rules};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
//!     .build()?;
//! // The partner turns automatic renewal off, then renews by hand late in
//! // the window (W3: 2019-09-02 ..= 2019-10-01); W5: 365 days from the
//! // anniversary, and A2: renewing turns automatic renewal on again.
//! let plan = Plan::new()
//!     .step(day(2019, 8, 1), Action::turn_off_auto_renew("maps"))
//!     .step(day(2019, 9, 30), Action::renew("maps"));
//! let run = Policy::partner_center_2020().simulate(&membership, &plan, day(2019, 1, 1)..=day(2020, 12, 31))?;
//! let carried_out: Vec<_> = run.events.iter()
//!     .filter_map(|event| match &event.kind {
//!         EventKind::ActionCarriedOut { action, .. } => Some((event.date, action.to_string())),
//!         _ => None,
//!     })
//!     .collect();
//! assert_eq!(carried_out, [
//!     (day(2019, 8, 1), "turn_off_auto_renew:maps".to_owned()),
//!     (day(2019, 9, 30), "renew:maps".to_owned()),
//!     (day(2020, 9, 1), "renew:maps".to_owned()), // automatic again
//! ]);
//! assert_eq!(run.membership.offer("maps").unwrap().anniversary(), day(2021, 8, 31));
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! - **Impact of a policy change** ([`impact`]): [`impact::impact`] takes
//!   two sets of rules (a [`Policy`] or a [`PolicySet`] on either side), a
//!   collection of memberships and a span, and gives for each membership
//!   the first day on which the two evaluations differ, every
//!   [`Difference`](impact::Difference) of that day (phases, windows,
//!   actions opened or closed, reasons, reminders, the anniversary a
//!   renewal would set), and a [`Summary`](impact::Summary). It jumps from
//!   one side's breakpoint to the next, never day by day.
//!
//! ```
//! use mpn_renewals::impact::{impact, DifferenceKind};
//! use mpn_renewals::{Membership, OfferDraft, Policy};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2022, 8, 20)))
//!     .build()?;
//! // W3, W5: the 2023 rules open the window on the anniversary and count
//! // the next one from it; the window of 2023-08-20 is open on 2023-09-01.
//! let result = impact(
//!     &Policy::partner_center_2022(),
//!     &Policy::partner_center_2023(),
//!     [&membership],
//!     day(2023, 9, 1)..=day(2023, 12, 31),
//! );
//! assert_eq!(result.memberships[0].first_difference, Some(day(2023, 9, 1)));
//! assert_eq!(result.summary.by_kind[&DifferenceKind::Anniversary], 1);
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! - **Policy lint** ([`lint`]): [`Policy::lint`] and [`PolicySet::lint`]
//!   read a policy or a history that loads and return warnings, each with
//!   its path in the JSON form and a one-line message: a `window_closing`
//!   reminder that can never be sent (N2), an extension that grants
//!   nothing, two extensions of different versions for the same
//!   anniversaries, a version identical to the one before it, a switch that
//!   takes days away from windows open on its day.
//!
//! ```
//! use mpn_renewals::{Policy, PolicySet};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! assert!(PolicySet::partner_center_history().lint().is_empty());
//! // 2022's rules are 2018's but for the name: a version that changes nothing.
//! let set = PolicySet::new([
//!     (day(2018, 1, 1), Policy::partner_center_2018()),
//!     (day(2022, 10, 1), Policy::partner_center_2022()),
//! ])?;
//! assert_eq!(set.lint()[0].path, "versions[1]");
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # Scope
//!
//! The crate decides; it does not act. It does **not**:
//!
//! - handle money: it records how a renewal is paid for (W8) nowhere but in
//!   the caller's hands, and charges nothing;
//! - send e-mail: it says which reminders are due and to whom (N3);
//! - know time zones or clocks: days are calendar dates (D2), and the caller
//!   passes "today" in the zone it chooses;
//! - talk to Partner Center or its API: it models Partner Center's rules.
//!
//! Rules that are constraints with no action in the contract are modelled as
//! documentation and types: the Visual Studio subscriptions of an Action
//! Pack are Professional, not Enterprise (A5), and are licensed per user and
//! never shared (B5); a token cannot be split (B3: a [`Token`] has no seat
//! count to split) and multiple activation keys are not tracked (B4).
//!
//! # Crate features
//!
//! - **`serde`** (default): the serde forms of the [wire contract](crate::docs::wire): a [`Membership`]
//!   deserializes through the same checks as the builder and serializes
//!   back to the same form; an [`Evaluation`] serializes to the contract's
//!   evaluation.
//! - **`proptest`**: the `strategies` module, proptest generators of valid
//!   memberships, offers, policies and days near the rules' boundaries, for
//!   property tests downstream.
//! - **`rayon`**: [`Rules::par_evaluate_each`], a batch of memberships
//!   evaluated on every core.
//! - **`messages`**: the `messages` module, explanations in the partner's
//!   language: `explain(locale)` on a blocked entry, a reminder, a timeline
//!   event or an offer's status gives a sentence in English, Korean or
//!   Simplified Chinese (a `Locale`, read from BCP 47 tags), with its dates
//!   written as the locale writes them and the terms of Partner Center's
//!   own ko-KR and zh-CN pages. The catalogue is compiled in; writing a
//!   sentence allocates nothing. The term table, each term's seed sentence
//!   and an example per locale are on the page `docs::messages`.
//!
//! # Never a panic
//!
//! [`evaluate`] accepts every `today` chrono can represent, from
//! `NaiveDate::MIN` to `NaiveDate::MAX`. Date arithmetic is done on day
//! numbers with bounded offsets, and validation refuses any membership from
//! which a rule would derive a date outside 0001-01-01 ..= 9999-12-31 (D4).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

// The flow of the crate: the input (a membership and its offers, read from
// the wire form), the rules as data (policies, their history, extensions),
// the engine (the evaluation and the types of its answer, actions and
// reasons), and time (apply, timeline, reminders).
mod membership;
mod offer;
#[cfg(feature = "serde")]
mod wire;

pub mod policy;
mod rules;
mod text;

mod action;
mod evaluate;
pub mod evaluation;
mod reason;

mod apply;
pub mod time;

// What-if: the years ahead played out, a policy change measured, a policy
// checked.
pub mod impact;
pub mod lint;
pub mod simulation;

pub mod calendar;
pub mod docs;
mod error;
#[cfg(feature = "messages")]
#[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
pub mod messages;
mod names;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;

pub use action::Action;
pub use apply::apply;
pub use error::{Error, ErrorKind, Snippet};
pub use evaluate::{evaluate, next_change};
pub use evaluation::{Evaluation, Phase};
pub use membership::{BusinessProfile, Membership, MembershipBuilder, Portal};
pub use offer::{CompetencyLevel, Offer, OfferDraft, OfferKind, Token};
pub use policy::{Policy, PolicySet};
pub use reason::{Reason, Reasons};
pub use rules::Rules;
pub use text::Text;
pub use time::{reminders_between, timeline};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
