//! A pure, embeddable rules engine for the renewal lifecycle of Microsoft
//! Partner Network offers: the Action Pack subscription, the Learning Action
//! Pack, and silver and gold competencies.
//!
//! Its heart is [`evaluate`]: given a [`Membership`] and a day, it says which
//! actions are open (renew, reactivate, turn off auto-renewal, request
//! cancellation, …), which are not and exactly why (typed [`Reason`]s, and
//! the date they lift), which [`Reminder`]s are due, and the next date on
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
//! assert!(evaluation.is_allowed(&Action::Renew { offer: "maps" }));
//! assert_eq!(evaluation.next_change, Some(day(2020, 7, 23)));
//!
//! // W6: the day after, it has lapsed.
//! let evaluation = evaluate(&membership, day(2020, 7, 23));
//! assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
//! let blocked = evaluation.blocked(&Action::Renew { offer: "maps" }).unwrap();
//! assert_eq!(blocked.reasons.iter().collect::<Vec<_>>(), [Reason::WindowClosed]);
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # The pieces
//!
//! - [`Membership`] (built with [`Membership::builder`] and [`OfferDraft`]s,
//!   or deserialized): a partner global account's offers and tokens. One
//!   that exists has passed every input rule: *parse, don't validate*.
//! - [`Policy`]: everything that differs between versions of Partner
//!   Center's rules (window offsets per portal, the renewal term, reminder
//!   offsets, the time-boxed [`ExtensionPolicy`]s), as a value.
//!   [`Policy::partner_center_2020`] encodes the rules of the seeds and is
//!   the default.
//! - [`Evaluation`]: each offer's [`Phase`], [`RenewalWindow`], benefits and
//!   extension; the allowed [`Action`]s; the [`Blocked`] ones with their
//!   [`Reasons`]; the due [`Reminder`]s; the [`CoreBenefits`]; and
//!   `next_change`, computed from the rules' own dates, never by stepping
//!   day by day.
//!
//! Every rule has an ID in the project's rules catalogue (`W3`, `E2`, `D1`);
//! the ID stands in the documentation of the code that enforces it and in
//! the name of the test that proves it.
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
//! - **`rayon`**: [`Policy::par_evaluate_each`], a batch of memberships
//!   evaluated on every core.
//!
//! # Never a panic
//!
//! [`evaluate`] accepts every `today` chrono can represent, from
//! `NaiveDate::MIN` to `NaiveDate::MAX`. Date arithmetic is done on day
//! numbers with bounded offsets, and validation refuses any membership from
//! which a rule would derive a date outside 0001-01-01 ..= 9999-12-31 (D4).
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod apply;
mod batch;
mod date;
pub mod docs;
mod engine;
mod entries;
mod error;
mod evaluation;
mod extension;
mod membership;
mod offer;
mod policy;
mod policy_set;
#[cfg(feature = "serde")]
mod policy_wire;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategies;
mod timeline;
#[cfg(feature = "serde")]
mod wire;

pub use apply::{apply, Denied};
pub use batch::next_change;
pub use date::{FIRST_DATE, LAST_DATE};
pub use engine::evaluate;
pub use entries::{Entries, Filler};
pub use error::{Error, ErrorKind};
pub use evaluation::{
    Action, Blocked, CoreBenefits, Evaluation, OfferStatus, Phase, Reason, Reasons, Recipient,
    Reminder, ReminderKind, RenewalWindow, RECIPIENTS,
};
pub use extension::{ExtensionPolicy, ReactivationEnd};
pub use membership::{BusinessProfile, Membership, MembershipBuilder, Portal};
pub use offer::{CompetencyLevel, Offer, OfferDraft, OfferKind, Token};
pub use policy::{
    FirstAnniversary, Policy, ReminderOffsets, RenewalTerm, WindowOffsets, Windows, MAX_TERM_DAYS,
    OFFSET_RANGE,
};
pub use policy_set::PolicySet;
pub use timeline::{reminders_between, timeline, DueReminder, Event, EventKind, ReminderKey};

/// Parses a date of the wire form: `YYYY-MM-DD` with a four-digit year from
/// 0001 to 9999, and nothing else. `None` for anything else, including days
/// that do not exist (`2019-02-30`).
///
/// ```
/// use mpn_renewals::parse_date;
///
/// assert!(parse_date("2019-09-01").is_some());
/// assert!(parse_date("2019-02-30").is_none());
/// assert!(parse_date("0000-01-01").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    date::parse_date(text)
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
