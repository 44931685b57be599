//! The impact of a policy change: for each membership, the first day of a
//! span on which its evaluation under one set of rules (`before`) differs
//! from its evaluation under another (`after`), what differs that day, and
//! a [`Summary`] over all of them.
//!
//! ```
//! use mpn_renewals::impact::{impact, Difference, DifferenceKind};
//! use mpn_renewals::evaluation::RenewalWindow;
//! use mpn_renewals::{Action, Membership, OfferDraft, OfferKind, Policy, Reason, Reasons};
//! use chrono::NaiveDate;
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // An Action Pack bought 2022-08-20: anniversary 2023-08-20 (W1), its
//! // window open on 2023-09-01 under both policies.
//! let membership = Membership::builder("contoso")
//!     .offer(OfferDraft::action_pack("maps", day(2022, 8, 20)))
//!     .build()?;
//! let result = impact(
//!     &Policy::partner_center_2022(),
//!     &Policy::partner_center_2023(),
//!     [&membership],
//!     day(2023, 9, 1)..=day(2023, 12, 31),
//! );
//! let first = &result.memberships[0];
//! assert_eq!(first.first_difference, Some(day(2023, 9, 1)));
//! assert_eq!(first.differences, [
//!     // 2023: the window opens on the anniversary itself, not the day after.
//!     Difference::Window {
//!         offer: "maps".into(),
//!         before: RenewalWindow { opens: day(2023, 8, 21), closes: day(2023, 9, 19) },
//!         after: RenewalWindow { opens: day(2023, 8, 20), closes: day(2023, 9, 19) },
//!     },
//!     // A renewal that day: 365 days after it (2022), or after the
//!     // anniversary (2023), across 2024-02-29.
//!     Difference::Anniversary {
//!         offer: "maps".into(),
//!         before: Some(day(2024, 8, 31)),
//!         after: Some(day(2024, 8, 19)),
//!     },
//!     // 2023: cancellation only within 30 days of the purchase: no longer listed.
//!     Difference::ActionClosed {
//!         action: Action::request_cancellation("maps").into_owned(),
//!         reasons: Reasons::EMPTY,
//!         allowed_from: None,
//!     },
//!     // 2023: one Action Pack *or* Learning Action Pack per account.
//!     Difference::ActionClosed {
//!         action: Action::purchase(OfferKind::LearningActionPack).into_owned(),
//!         reasons: Reasons::EMPTY.with(Reason::AlreadyHeld),
//!         allowed_from: None,
//!     },
//! ]);
//! assert_eq!(result.summary.differing, 1);
//! assert_eq!(result.summary.by_kind[&DifferenceKind::ActionClosed], 1);
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # What is compared
//!
//! The membership is the same input on both sides; each side evaluates it
//! under its own rules ([`Rules::evaluate`]), a [`Policy`](crate::Policy)
//! or a [`PolicySet`](crate::PolicySet) in any mix. Two evaluations of one
//! day differ when any of these differ:
//!
//! - the core benefits (G2);
//! - an offer's phase, window, benefits or extension (its anniversary is
//!   the membership's, the same on both sides);
//! - the anniversary that `renew` of an offer, open on both sides that day,
//!   would set (see [Anniversaries](#anniversaries));
//! - the actions open, the actions blocked with their reasons and
//!   `allowed_from`, taken as sets;
//! - the reminders due, taken as a set.
//!
//! The evaluation's `policy` (the names differ by construction), `today`
//! and `next_change` are not compared. Each [`Difference`] reads from
//! `before` to `after`: an action open under `after` and not under `before`
//! is [opened](Difference::ActionOpened), one open under `before` and not
//! under `after` [closed](Difference::ActionClosed); in both, the reasons
//! are those of the side that blocks it, empty when that side does not list
//! the action at all (as a timeline's `action_closed` does). An action
//! blocked, or not listed, on both sides, whose reasons or `allowed_from`
//! differ, is a [`ReasonsChanged`](Difference::ReasonsChanged), with an
//! empty set for the side that does not list it.
//!
//! # Anniversaries
//!
//! Since the membership is the same input, the evaluation's anniversary is
//! equal on both sides. What a policy change does to anniversaries is what
//! a renewal carried out that day would set: [W5] under
//! `partner-center-2020` and `partner-center-2023` the anniversary + 365
//! days, under `partner-center-2018` and `partner-center-2022` the renewal
//! day + 365 days, and under an extension that covers the offer the same
//! month and day a year later (E4). So for each offer whose `renew` is
//! open under both sides that day, [`Difference::Anniversary`] compares the
//! anniversary that [`apply`](Rules::apply) of `renew` would give under
//! each (`None` where `apply` would refuse it, the renewed offer being too
//! close to the end of the calendar: D4). A renewal open on one side only is an
//! [`ActionOpened`](Difference::ActionOpened) or
//! [`ActionClosed`](Difference::ActionClosed) instead.
//!
//! Under a term counted from the renewal day, that anniversary moves by one
//! day each day the window is open, while the evaluation stays the same. If
//! both sides count from the renewal day, equal anniversaries on one day
//! mean equal terms, and they stay equal; if neither does, neither moves.
//! If exactly one does, anniversaries equal on one day differ on the next:
//! the walk then looks at the next day too (the one breakpoint that the
//! evaluations' own `next_change` does not give).
//!
//! # How it is computed
//!
//! From both sides' breakpoints, never day by day: from the span's first
//! day, each side is evaluated into a reused buffer, the two are compared
//! (the lists directly; a [`Difference`] is built only once they differ),
//! and the walk jumps to the earlier of the two evaluations'
//! `next_change` (and the next day, above), until the span ends or neither
//! side changes again. Between two breakpoints neither evaluation changes,
//! so neither does the comparison. A membership costs a few evaluations per
//! change of either side in the span, whatever the span's length; a
//! property test proves the result equal to a comparison of every day.
//!
//! A span is a Rust range of dates, as for [`Rules::timeline`]; a reversed
//! or empty span has no day, so no membership differs in it.
//!
//! [W5]: crate::docs::rules

use std::collections::BTreeMap;
use std::ops::RangeBounds;

use chrono::NaiveDate;

use crate::action::Action;
use crate::apply::{recorded_renewal, renewal_moves_with_the_day};
use crate::evaluation::{CoreBenefits, Evaluation, Phase, Reminder, RenewalWindow};
use crate::membership::Membership;
use crate::reason::Reasons;
use crate::rules::Rules;
use crate::time::days;

/// The impact of a policy change on a collection of memberships over a
/// span: one [`MembershipImpact`] per membership, in the order given, and
/// their [`Summary`]. See [`impact`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Impact {
    /// One entry per membership, in the order given.
    pub memberships: Vec<MembershipImpact>,
    /// The counts over all of them.
    pub summary: Summary,
}

/// The impact of a policy change on one membership: the first day of the
/// span on which its two evaluations differ, and what differs that day.
///
/// Its serde form is one line of the command's `--impact` output:
/// `{"account": "contoso", "first_difference": "2023-09-01", "differences":
/// [...]}`, `first_difference` `null` when none; it reads back as the same
/// value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MembershipImpact {
    /// The membership's account.
    pub account: String,
    /// The first day of the span on which the two evaluations differ, or
    /// `None` if they never do in the span.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::option_date",
            deserialize_with = "crate::wire::option_any_date"
        )
    )]
    pub first_difference: Option<NaiveDate>,
    /// What differs on `first_difference` (empty when it is `None`): the
    /// core benefits, then each offer in the membership's order (phase,
    /// window, benefits, extension, anniversary), the actions opened, the
    /// actions closed, the reasons changed, the reminders removed and the
    /// reminders added.
    pub differences: Vec<Difference>,
}

impl MembershipImpact {
    /// Whether the two evaluations differ on some day of the span.
    pub fn differs(&self) -> bool {
        self.first_difference.is_some()
    }
}

/// The counts of an [`Impact`]: how many memberships were compared, how
/// many differ, by kind of difference, and the earliest and latest first
/// difference.
///
/// Built by [`impact`], or one membership at a time with
/// [`add`](Summary::add) (as the command does while it streams its lines).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Summary {
    /// The memberships compared.
    pub memberships: usize,
    /// Those whose evaluations differ on some day of the span.
    pub differing: usize,
    /// For each kind of difference, the number of memberships whose first
    /// day of difference shows at least one difference of that kind (a
    /// membership with two actions closed counts once under
    /// `action_closed`). Kinds that no membership shows are left out.
    pub by_kind: BTreeMap<DifferenceKind, usize>,
    /// The earliest first difference, `None` if no membership differs.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::option_date",
            deserialize_with = "crate::wire::option_any_date"
        )
    )]
    pub earliest: Option<NaiveDate>,
    /// The latest first difference, `None` if no membership differs.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::option_date",
            deserialize_with = "crate::wire::option_any_date"
        )
    )]
    pub latest: Option<NaiveDate>,
}

impl Summary {
    /// Counts one more membership.
    pub fn add(&mut self, impact: &MembershipImpact) {
        self.memberships += 1;
        let Some(day) = impact.first_difference else {
            return;
        };
        self.differing += 1;
        self.earliest = Some(self.earliest.map_or(day, |seen| seen.min(day)));
        self.latest = Some(self.latest.map_or(day, |seen| seen.max(day)));
        let mut seen = 0u32;
        for difference in &impact.differences {
            let kind = difference.kind();
            let bit = 1u32 << (kind as u32);
            if seen & bit == 0 {
                seen |= bit;
                *self.by_kind.entry(kind).or_insert(0) += 1;
            }
        }
    }
}

impl<'i> Extend<&'i MembershipImpact> for Summary {
    fn extend<I: IntoIterator<Item = &'i MembershipImpact>>(&mut self, impacts: I) {
        for impact in impacts {
            self.add(impact);
        }
    }
}

/// One thing that differs between the two evaluations of a day, read from
/// `before` to `after`.
///
/// Its serde form is tagged by `difference`, with the fields of its
/// variant; an action's and a reminder's own fields are written in place:
/// `{"difference": "action_closed", "action": "request_cancellation",
/// "offer": "maps", "reasons": [], "allowed_from": null}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "difference",
        rename_all = "snake_case",
        rename_all_fields = "snake_case"
    )
)]
#[non_exhaustive] // a new policy may bring a new kind of difference
pub enum Difference {
    /// G2: the core benefits held differ.
    CoreBenefits {
        /// Under `before`.
        before: Option<CoreBenefits>,
        /// Under `after`.
        after: Option<CoreBenefits>,
    },
    /// An offer's phase differs.
    Phase {
        /// The offer's id.
        offer: String,
        /// Under `before`.
        before: Phase,
        /// Under `after`.
        after: Phase,
    },
    /// An offer's renewal window differs (the policies' offsets differ).
    Window {
        /// The offer's id.
        offer: String,
        /// Under `before`.
        before: RenewalWindow,
        /// Under `after`.
        after: RenewalWindow,
    },
    /// W4, B1: whether an offer's benefits hold differs.
    Benefits {
        /// The offer's id.
        offer: String,
        /// Under `before`.
        before: bool,
        /// Under `after`.
        after: bool,
    },
    /// The extension that covers an offer differs.
    Extension {
        /// The offer's id.
        offer: String,
        /// Under `before`, by name.
        before: Option<String>,
        /// Under `after`, by name.
        after: Option<String>,
    },
    /// W5, E4: `renew` of the offer is open on both sides, and carried out
    /// that day would set different anniversaries.
    Anniversary {
        /// The offer's id.
        offer: String,
        /// The next anniversary under `before`; `None` if `apply` would
        /// refuse the renewal, the renewed offer being too close to the end
        /// of the calendar (D4).
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        before: Option<NaiveDate>,
        /// The next anniversary under `after`, likewise.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        after: Option<NaiveDate>,
    },
    /// An action open under `after`, not under `before`.
    ActionOpened {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<String>,
        /// Why `before` blocks it; empty if `before` does not list it.
        reasons: Reasons,
        /// `before`'s `allowed_from` for it, if any.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        allowed_from: Option<NaiveDate>,
    },
    /// An action open under `before`, not under `after`.
    ActionClosed {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<String>,
        /// Why `after` blocks it; empty if `after` does not list it.
        reasons: Reasons,
        /// `after`'s `allowed_from` for it, if any.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        allowed_from: Option<NaiveDate>,
    },
    /// An action open on neither side, whose reasons or `allowed_from`
    /// differ: blocked on both, or blocked on one and not listed on the
    /// other (an empty set).
    ReasonsChanged {
        /// The action.
        #[cfg_attr(feature = "serde", serde(flatten))]
        action: Action<String>,
        /// Why `before` blocks it; empty if `before` does not list it.
        before: Reasons,
        /// Why `after` blocks it; empty if `after` does not list it.
        after: Reasons,
        /// `before`'s `allowed_from`.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        before_allowed_from: Option<NaiveDate>,
        /// `after`'s `allowed_from`.
        #[cfg_attr(
            feature = "serde",
            serde(
                serialize_with = "crate::wire::option_date",
                deserialize_with = "crate::wire::option_any_date"
            )
        )]
        after_allowed_from: Option<NaiveDate>,
    },
    /// A reminder due under `after`, not under `before`.
    ReminderAdded {
        /// The reminder.
        #[cfg_attr(feature = "serde", serde(flatten))]
        reminder: Reminder<String>,
    },
    /// A reminder due under `before`, not under `after`.
    ReminderRemoved {
        /// The reminder.
        #[cfg_attr(feature = "serde", serde(flatten))]
        reminder: Reminder<String>,
    },
}

impl Difference {
    /// The kind of this difference.
    pub fn kind(&self) -> DifferenceKind {
        match self {
            Difference::CoreBenefits { .. } => DifferenceKind::CoreBenefits,
            Difference::Phase { .. } => DifferenceKind::Phase,
            Difference::Window { .. } => DifferenceKind::Window,
            Difference::Benefits { .. } => DifferenceKind::Benefits,
            Difference::Extension { .. } => DifferenceKind::Extension,
            Difference::Anniversary { .. } => DifferenceKind::Anniversary,
            Difference::ActionOpened { .. } => DifferenceKind::ActionOpened,
            Difference::ActionClosed { .. } => DifferenceKind::ActionClosed,
            Difference::ReasonsChanged { .. } => DifferenceKind::ReasonsChanged,
            Difference::ReminderAdded { .. } => DifferenceKind::ReminderAdded,
            Difference::ReminderRemoved { .. } => DifferenceKind::ReminderRemoved,
        }
    }
}

/// The kinds of [`Difference`], by their wire name (the `difference` tag):
/// the keys of [`Summary::by_kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive] // as `Difference`
pub enum DifferenceKind {
    /// [`Difference::CoreBenefits`].
    CoreBenefits,
    /// [`Difference::Phase`].
    Phase,
    /// [`Difference::Window`].
    Window,
    /// [`Difference::Benefits`].
    Benefits,
    /// [`Difference::Extension`].
    Extension,
    /// [`Difference::Anniversary`].
    Anniversary,
    /// [`Difference::ActionOpened`].
    ActionOpened,
    /// [`Difference::ActionClosed`].
    ActionClosed,
    /// [`Difference::ReasonsChanged`].
    ReasonsChanged,
    /// [`Difference::ReminderAdded`].
    ReminderAdded,
    /// [`Difference::ReminderRemoved`].
    ReminderRemoved,
}

crate::names::wire_names!(DifferenceKind, "difference", {
    CoreBenefits => "core_benefits",
    Phase => "phase",
    Window => "window",
    Benefits => "benefits",
    Extension => "extension",
    Anniversary => "anniversary",
    ActionOpened => "action_opened",
    ActionClosed => "action_closed",
    ReasonsChanged => "reasons_changed",
    ReminderAdded => "reminder_added",
    ReminderRemoved => "reminder_removed",
});

/// The impact of changing the rules from `before` to `after` on each of
/// `memberships` over `span`: for each, the first day on which its two
/// evaluations differ and what differs that day, and a [`Summary`]. See
/// the [module](self) for what is compared and how.
///
/// Each side may be a [`Policy`](crate::Policy) or a
/// [`PolicySet`](crate::PolicySet). A reversed or empty span has no day:
/// no membership differs in it.
pub fn impact<'m, B, A>(
    before: &B,
    after: &A,
    memberships: impl IntoIterator<Item = &'m Membership>,
    span: impl RangeBounds<NaiveDate>,
) -> Impact
where
    B: Rules + ?Sized,
    A: Rules + ?Sized,
{
    let span = days(&span);
    let mut walk = Walk::new(before, after);
    let mut result = Impact::default();
    for membership in memberships {
        let one = walk.membership(membership, span);
        result.summary.add(&one);
        result.memberships.push(one);
    }
    result
}

/// The impact of changing the rules from `before` to `after` on one
/// membership over `span`: see [`impact`].
pub fn membership_impact<B, A>(
    before: &B,
    after: &A,
    membership: &Membership,
    span: impl RangeBounds<NaiveDate>,
) -> MembershipImpact
where
    B: Rules + ?Sized,
    A: Rules + ?Sized,
{
    Walk::new(before, after).membership(membership, days(&span))
}

/// The two sides, and the buffers of their evaluations, reused from one
/// membership to the next.
struct Walk<'a, B: ?Sized, A: ?Sized> {
    before: &'a B,
    after: &'a A,
    evaluations: [Evaluation<&'a str>; 2],
}

/// How the two evaluations of a day compare.
enum Comparison {
    /// They differ.
    Differ,
    /// They are the same; `moves` if an anniversary that a renewal would
    /// set moves with the day on one side only, so that the next day must
    /// be compared too.
    Same { moves: bool },
}

impl<'a, B: Rules + ?Sized, A: Rules + ?Sized> Walk<'a, B, A> {
    fn new(before: &'a B, after: &'a A) -> Self {
        Walk {
            before,
            after,
            evaluations: [Evaluation::new(), Evaluation::new()],
        }
    }

    /// The first difference of `membership` in the days `first ..= last`.
    fn membership<'m: 'a>(
        &mut self,
        membership: &'m Membership,
        span: Option<(NaiveDate, NaiveDate)>,
    ) -> MembershipImpact {
        let account = membership.account.clone();
        let none = |account| MembershipImpact {
            account,
            first_difference: None,
            differences: Vec::new(),
        };
        let Some((first, last)) = span else {
            return none(account);
        };
        let [was, now] = &mut self.evaluations;
        let mut day = first;
        loop {
            self.before.evaluate_into(membership, day, was);
            self.after.evaluate_into(membership, day, now);
            let moves = match compare(self.before, self.after, membership, was, now) {
                Comparison::Same { moves } => moves,
                Comparison::Differ => {
                    let differences = differences(self.before, self.after, membership, was, now);
                    // Only a difference of order in the lists, which the
                    // engine never makes, would leave this empty: the lists
                    // are sets, so the walk goes on.
                    if !differences.is_empty() {
                        return MembershipImpact {
                            account,
                            first_difference: Some(day),
                            differences,
                        };
                    }
                    false
                }
            };
            let extra = if moves { day.succ_opt() } else { None };
            let next = [was.next_change, now.next_change, extra]
                .into_iter()
                .flatten()
                .min();
            match next {
                Some(next) if next <= last => day = next,
                _ => return none(account),
            }
        }
    }
}

/// Compares the evaluations of one day, `was` under `before` and `now`
/// under `after`, without building any difference.
fn compare<B, A>(
    before: &B,
    after: &A,
    membership: &Membership,
    was: &Evaluation<&str>,
    now: &Evaluation<&str>,
) -> Comparison
where
    B: Rules + ?Sized,
    A: Rules + ?Sized,
{
    let same = was.core_benefits == now.core_benefits
        && was.offers == now.offers
        && was.allowed == now.allowed
        && was.blocked == now.blocked
        && was.reminders == now.reminders;
    if !same {
        return Comparison::Differ;
    }
    // The lists are equal: a renewal open under `before` is open under
    // `after`.
    let mut moves = false;
    for action in was.allowed.iter() {
        let Action::Renew { offer: id } = action else {
            continue;
        };
        let Some(offer) = membership.offers.iter().find(|offer| offer.id == *id) else {
            continue;
        };
        let (old, new) = (before.policy_on(was.today), after.policy_on(now.today));
        let portal = membership.portal;
        if recorded_renewal(old, portal, offer, was.today)
            != recorded_renewal(new, portal, offer, now.today)
        {
            return Comparison::Differ;
        }
        moves |= renewal_moves_with_the_day(old, portal, offer)
            != renewal_moves_with_the_day(new, portal, offer);
    }
    Comparison::Same { moves }
}

/// What differs between `was` (under `before`) and `now` (under `after`),
/// in the order of [`MembershipImpact::differences`].
fn differences<B, A>(
    before: &B,
    after: &A,
    membership: &Membership,
    was: &Evaluation<&str>,
    now: &Evaluation<&str>,
) -> Vec<Difference>
where
    B: Rules + ?Sized,
    A: Rules + ?Sized,
{
    let mut out = Vec::new();
    if was.core_benefits != now.core_benefits {
        out.push(Difference::CoreBenefits {
            before: was.core_benefits,
            after: now.core_benefits,
        });
    }
    let (old, new) = (before.policy_on(was.today), after.policy_on(now.today));
    let statuses = was.offers.iter().zip(now.offers.iter());
    for ((x, y), offer) in statuses.zip(membership.offers.iter()) {
        let id = || offer.id.clone();
        if x.phase != y.phase {
            out.push(Difference::Phase {
                offer: id(),
                before: x.phase,
                after: y.phase,
            });
        }
        if x.window != y.window {
            out.push(Difference::Window {
                offer: id(),
                before: x.window,
                after: y.window,
            });
        }
        if x.benefits != y.benefits {
            out.push(Difference::Benefits {
                offer: id(),
                before: x.benefits,
                after: y.benefits,
            });
        }
        if x.extension != y.extension {
            out.push(Difference::Extension {
                offer: id(),
                before: x.extension.map(str::to_owned),
                after: y.extension.map(str::to_owned),
            });
        }
        let renew = Action::renew(offer.id.as_str());
        if was.is_allowed(&renew) && now.is_allowed(&renew) {
            let portal = membership.portal;
            let (a, b) = (
                recorded_renewal(old, portal, offer, was.today),
                recorded_renewal(new, portal, offer, now.today),
            );
            if a != b {
                out.push(Difference::Anniversary {
                    offer: id(),
                    before: a,
                    after: b,
                });
            }
        }
    }
    // The blocked entry of an action on one side: its reasons and
    // `allowed_from`, or an empty set when it is not listed.
    let entry = |evaluation: &Evaluation<&str>, action: &Action<&str>| {
        evaluation
            .blocked(action)
            .map_or((Reasons::EMPTY, None), |b| (b.reasons, b.allowed_from))
    };
    for action in now.allowed.iter() {
        if !was.is_allowed(action) {
            let (reasons, allowed_from) = entry(was, action);
            out.push(Difference::ActionOpened {
                action: action.into_owned(),
                reasons,
                allowed_from,
            });
        }
    }
    for action in was.allowed.iter() {
        if !now.is_allowed(action) {
            let (reasons, allowed_from) = entry(now, action);
            out.push(Difference::ActionClosed {
                action: action.into_owned(),
                reasons,
                allowed_from,
            });
        }
    }
    let blocked_before = was.blocked.iter().map(|b| b.action);
    let blocked_after_only = now
        .blocked
        .iter()
        .map(|b| b.action)
        .filter(|action| was.blocked(action).is_none());
    for action in blocked_before.chain(blocked_after_only) {
        if was.is_allowed(&action) || now.is_allowed(&action) {
            continue; // opened or closed, above
        }
        let ((x, x_from), (y, y_from)) = (entry(was, &action), entry(now, &action));
        if x != y || x_from != y_from {
            out.push(Difference::ReasonsChanged {
                action: action.into_owned(),
                before: x,
                after: y,
                before_allowed_from: x_from,
                after_allowed_from: y_from,
            });
        }
    }
    for reminder in was.reminders.iter() {
        if !now.reminders.contains(reminder) {
            out.push(Difference::ReminderRemoved {
                reminder: reminder.into_owned(),
            });
        }
    }
    for reminder in now.reminders.iter() {
        if !was.reminders.contains(reminder) {
            out.push(Difference::ReminderAdded {
                reminder: reminder.into_owned(),
            });
        }
    }
    out
}
