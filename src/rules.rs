//! [`Rules`]: what the engine evaluates under, one [`Policy`] or a
//! [`PolicySet`] of dated versions, with every verb of the crate written
//! once for both.

use std::ops::RangeBounds;

use chrono::NaiveDate;

use crate::action::Action;
use crate::error::Error;
use crate::evaluate::Phases;
use crate::evaluation::Evaluation;
use crate::membership::Membership;
use crate::policy::{Policy, PolicySet};
use crate::text::Text;
use crate::time::{DueReminder, Event};

mod sealed {
    use chrono::NaiveDate;

    use crate::policy::Policy;

    /// The versions of a set of rules, as the engine reads them. Sealed:
    /// [`Rules`](super::Rules) is implemented by the crate's policy types
    /// only, so that it can grow without breaking anyone.
    pub trait Versions {
        /// The version in force on `day` (the first one before its own
        /// start).
        fn version_on(&self, day: NaiveDate) -> &Policy;
        /// The first day after `day` on which another version comes into
        /// force.
        fn switch_after(&self, day: NaiveDate) -> Option<NaiveDate>;
    }
}

pub(crate) use sealed::Versions;

/// The rules the engine applies: a single [`Policy`], in force on every
/// day, or a [`PolicySet`] of versions, each in force from a date. Every
/// verb of the crate is a method of this trait, written once, so code that
/// takes `&impl Rules` works with either.
///
/// Under a set, each rule reads the version in force on the day it
/// concerns: the evaluation of a day is that day's version's (its `policy`
/// names it), and the two rules that look across a change of version read
/// the other day's version too: renew's `allowed_from` (the first day on
/// which the window is open under the version then in force) and A1's
/// automatic renewal (due on the first day the window is open as the
/// evaluations see it, comparing today's version with yesterday's).
///
/// Sealed: only this crate's policy types implement it.
///
/// ```
/// use mpn_renewals::{Membership, OfferDraft, Policy, PolicySet, Rules};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
///
/// // One function for a policy and for a history of them.
/// fn renewable_from(rules: &impl Rules, membership: &Membership) -> Option<NaiveDate> {
///     let today = NaiveDate::from_ymd_opt(2019, 8, 1)?;
///     let evaluation = rules.evaluate(membership, today);
///     evaluation.blocked.iter().find_map(|blocked| blocked.allowed_from)
/// }
/// // W2: the window opens the day after the anniversary of 2019-09-01.
/// assert_eq!(renewable_from(&Policy::partner_center_2020(), &membership), Some(day(2019, 9, 2)));
/// assert_eq!(renewable_from(&PolicySet::partner_center_history(), &membership), Some(day(2019, 9, 2)));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
pub trait Rules: Versions {
    /// The version in force on `day`: for a [`Policy`], itself; for a
    /// [`PolicySet`], the last version started on or before `day` (the
    /// first one before its own start).
    fn policy_on(&self, day: NaiveDate) -> &Policy {
        self.version_on(day)
    }

    /// The first day after `day` on which another version comes into force,
    /// or `None` (always for a [`Policy`]).
    fn next_switch(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.switch_after(day)
    }

    /// Evaluates `membership` on `today`: each offer's phase, window,
    /// benefits and extension; the actions open today; the actions that are
    /// not, with every reason and, where a date lifts the reason, the date
    /// it does; the reminders due today; the core benefits; and the next
    /// day on which any of that changes.
    ///
    /// Pure, deterministic and infallible: everything that could be wrong
    /// with a membership was refused when it was built; every `today`
    /// chrono can represent is accepted.
    #[inline]
    fn evaluate<'a>(&'a self, membership: &'a Membership, today: NaiveDate) -> Evaluation<&'a str> {
        let mut evaluation = Evaluation::new();
        self.evaluate_into(membership, today, &mut evaluation);
        evaluation
    }

    /// [`evaluate`](Rules::evaluate) into an existing evaluation, reusing
    /// its buffers: once they have grown to the size of the memberships
    /// evaluated, this allocates nothing.
    ///
    /// ```
    /// use mpn_renewals::{Evaluation, Membership, OfferDraft, Policy, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let memberships = [
    ///     Membership::builder("a").offer(OfferDraft::action_pack("p", day(2018, 9, 1))).build()?,
    ///     Membership::builder("b").offer(OfferDraft::learning_action_pack("l", day(2019, 1, 4))).build()?,
    /// ];
    /// let policy = Policy::partner_center_2020();
    /// let mut evaluation = Evaluation::new();
    /// for membership in &memberships {
    ///     policy.evaluate_into(membership, day(2019, 9, 2), &mut evaluation);
    ///     assert_eq!(evaluation.offers.len(), 1);
    /// }
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    #[inline]
    fn evaluate_into<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
        out: &mut Evaluation<&'a str>,
    ) {
        crate::evaluate::evaluate_into(self, membership, today, out);
    }

    /// The first day after `today` on which the evaluation of `membership`
    /// changes, or `None` if it never will: the day a scheduler should wake
    /// up for this membership. The same as the evaluation's `next_change`.
    fn next_change(&self, membership: &Membership, today: NaiveDate) -> Option<NaiveDate> {
        self.evaluate(membership, today).next_change
    }

    /// Each offer's phase on `today`, in the membership's order, and nothing
    /// else: the cheapest question the engine answers (each offer costs two
    /// additions and two comparisons). The same phases as
    /// [`evaluate`](Rules::evaluate) gives.
    ///
    /// ```
    /// use mpn_renewals::{Membership, OfferDraft, Phase, Policy, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// let policy = Policy::partner_center_2020();
    /// let phases: Vec<Phase> = policy.phases(&membership, day(2019, 9, 2)).collect();
    /// assert_eq!(phases, [Phase::RenewalWindow]);
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    fn phases<'a>(&self, membership: &'a Membership, today: NaiveDate) -> Phases<'a> {
        Phases::new(self, membership, today)
    }

    /// Evaluates every membership on `today`, handing each evaluation to
    /// `visit`, with one buffer reused throughout: after the first few
    /// memberships it allocates nothing.
    ///
    /// ```
    /// use mpn_renewals::{Membership, OfferDraft, Policy, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let memberships: Vec<Membership> = (1..=28)
    ///     .map(|d| {
    ///         Membership::builder(format!("partner-{d}"))
    ///             .offer(OfferDraft::action_pack("maps", day(2018, 9, d)))
    ///             .build()
    ///     })
    ///     .collect::<Result<_, _>>()?;
    /// let mut renewable = 0;
    /// Policy::partner_center_2020().evaluate_each(&memberships, day(2019, 9, 10), |_, evaluation| {
    ///     renewable += evaluation.allowed.iter().filter(|a| a.as_str() == "renew").count();
    /// });
    /// // Windows 2019-09-02 ..= 10-01 for the 1st, … 09-10 ..= 10-09 for the 9th.
    /// assert_eq!(renewable, 9);
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    fn evaluate_each<'a, I, F>(&'a self, memberships: I, today: NaiveDate, mut visit: F)
    where
        I: IntoIterator<Item = &'a Membership>,
        F: FnMut(&'a Membership, &Evaluation<&'a str>),
    {
        let mut evaluation = Evaluation::new();
        for membership in memberships {
            self.evaluate_into(membership, today, &mut evaluation);
            visit(membership, &evaluation);
        }
    }

    /// [`evaluate_each`](Rules::evaluate_each) on every core (feature
    /// `rayon`): the memberships are split among rayon's worker threads,
    /// each with its own reused buffer, and `visit` is called from those
    /// threads, in no particular order.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    fn par_evaluate_each<'a, F>(&'a self, memberships: &'a [Membership], today: NaiveDate, visit: F)
    where
        Self: Sync,
        F: Fn(&'a Membership, &Evaluation<&'a str>) + Sync + Send,
    {
        use rayon::prelude::*;
        memberships
            .par_iter()
            .for_each_init(Evaluation::new, |evaluation, membership| {
                self.evaluate_into(membership, today, evaluation);
                visit(membership, evaluation);
            });
    }

    /// Carries out `action` on `on`: a pure transition from one membership
    /// to the next, under the version in force on that day. It succeeds
    /// exactly when [`evaluate`](Rules::evaluate) on that day lists the
    /// action as allowed, and a denial carries exactly the reasons the
    /// evaluation gives.
    ///
    /// Effects:
    ///
    /// - `renew`: the next anniversary by the policy's
    ///   [`RenewalTerm`](crate::policy::RenewalTerm) (W5: the current
    ///   anniversary + 365 days), or, for a competency an extension covers
    ///   in Partner Center, the same month and day one year later (E4); an
    ///   Action Pack's auto-renewal turns on again (A2); a recorded COVID
    ///   override is cleared with the old anniversary. Requirements (P1) are
    ///   left as they are: the caller records whether next year's are met.
    /// - `reactivate`: as renew under the extension (E1, E4).
    /// - `purchase`: a new pack of that kind bought `on`, with the id given
    ///   in the action, its first anniversary by the policy (W1, D1). The
    ///   account's own earlier pack of that kind (lapsed or cancelled, since
    ///   a held one blocks the purchase) is replaced by it: one per account
    ///   (M4, W6 "buy afresh"). Merged packs stay.
    /// - `turn_off_auto_renew` (A2), `request_cancellation` (A3: cancelled),
    ///   `update_business_profile` and `provide_verification_documents` (P2:
    ///   the profile becomes current), `migrate_to_partner_center` (P3),
    ///   `request_replacement_token` (B2: replaced), `request_covid_override`
    ///   (E2, E5: recorded on the offer, so it is not offered twice),
    ///   `download_invoice` (A4: nothing changes).
    ///
    /// An automatic renewal (the `auto_renewal_due` reminder, A1) is carried
    /// out by applying `renew` on the day it is due.
    ///
    /// `evaluate(m, day).is_allowed(&a) == apply(m, &a, day).is_ok()` for
    /// every membership, action and day (a purchase also needs a new id,
    /// see below), with one exception the wire contract imposes (D4): at
    /// the ends of the calendar, where the result cannot be written in it.
    /// The contract lists a purchase as open whenever M2 and M4 allow it,
    /// and a renewal whenever its window and requirements do, even on
    /// 9999-12-31 (one of its worked cases says so); but a pack bought on a
    /// day whose first anniversary + 366 days is past 9999-12-31 (or before
    /// 0001-01-01), or a renewal whose next anniversary is, cannot be
    /// recorded. `apply` refuses those with
    /// [`DateOutOfRange`](crate::ErrorKind::DateOutOfRange); they concern
    /// the first three months and the last two years of the calendar only.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose [`path`](Error::path) names the action
    /// (`renew of maps`) and whose kind says why, in this order:
    /// [`NotPurchasable`](crate::ErrorKind::NotPurchasable) for a purchase
    /// of a competency, [`UnknownOffer`](crate::ErrorKind::UnknownOffer) or
    /// [`UnknownToken`](crate::ErrorKind::UnknownToken) for a target the
    /// membership does not have, then
    /// [`Blocked`](crate::ErrorKind::Blocked) with exactly the evaluation's
    /// reasons and `allowed_from`, or
    /// [`NotOpen`](crate::ErrorKind::NotOpen) for an action listed only when
    /// open; last, for a purchase the evaluation allows,
    /// [`MissingId`](crate::ErrorKind::MissingId) or
    /// [`IdTaken`](crate::ErrorKind::IdTaken). The membership given is
    /// never changed; and, at the ends of the calendar (above),
    /// [`DateOutOfRange`](crate::ErrorKind::DateOutOfRange).
    fn apply(
        &self,
        membership: &Membership,
        action: &Action<impl Text>,
        on: NaiveDate,
    ) -> Result<Membership, Error> {
        crate::apply::apply_under(self, membership, action, on)
    }

    /// Every dated event of `membership` in `span`, in date order: the
    /// reminders due, the phase changes, the actions that open and close,
    /// and (under a set) the changes of version. An event on the span's
    /// first day is a difference from the day before.
    ///
    /// `span` is a range of dates with Rust's meaning: `a..=b` includes `b`,
    /// `a..b` does not, `a..` runs to the end of chrono's range; a reversed
    /// span is empty and gives no event.
    ///
    /// Computed from each part's own breakpoints, never day by day: its
    /// cost grows with the number of offers and tokens times the changes of
    /// each, not with their square.
    fn timeline<'a>(
        &'a self,
        membership: &'a Membership,
        span: impl RangeBounds<NaiveDate>,
    ) -> Vec<Event<&'a str>> {
        crate::time::events(self, membership, span)
    }

    /// Every reminder due in `span` (a range of dates, as for
    /// [`timeline`](Rules::timeline)), in date order, each with its
    /// [`ReminderKey`](crate::time::ReminderKey). A nightly job catches up
    /// with `last_run + 1 ..= today`: adjacent spans neither repeat nor
    /// drop a reminder.
    ///
    /// ```
    /// use mpn_renewals::{Membership, OfferDraft, Policy, Rules};
    /// use mpn_renewals::evaluation::ReminderKind;
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// let policy = Policy::partner_center_2020();
    /// // A nightly job that last ran on 2019-07-31 catches up on 2019-10-31.
    /// let due = policy.reminders_between(&membership, day(2019, 8, 1)..=day(2019, 10, 31));
    /// let kinds: Vec<_> = due.iter().map(|d| (d.date, d.reminder.kind)).collect();
    /// assert_eq!(kinds, [
    ///     (day(2019, 8, 17), ReminderKind::UpcomingAutoRenewal), // N1: 15 days before
    ///     (day(2019, 9, 2), ReminderKind::AutoRenewalDue),       // A1: the window's first day
    ///     (day(2019, 9, 24), ReminderKind::WindowClosing),       // N2: 23 days after
    ///     (day(2019, 10, 2), ReminderKind::BenefitsLost),        // W6, N5: the lapse
    /// ]);
    /// assert_eq!(due[0].key.to_string(), "maps/upcoming_auto_renewal/2019-09-01");
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    fn reminders_between<'a>(
        &'a self,
        membership: &'a Membership,
        span: impl RangeBounds<NaiveDate>,
    ) -> Vec<DueReminder<&'a str>> {
        crate::time::due_reminders(self, membership, span)
    }

    /// Plays `membership` out over `span` (a range of dates, as for
    /// [`timeline`](Rules::timeline)): every automatic renewal carried out
    /// on the day it falls due (A1) unless `plan` says its charge fails,
    /// and each step of `plan` carried out on its day when that day allows
    /// it, or recorded as refused with the evaluation's reasons. The events
    /// and the membership at the end; see the
    /// [`simulation`](crate::simulation) module for the order of a day's
    /// events and the decisions taken. Jumps from one change to the next,
    /// as [`timeline`](Rules::timeline) does.
    ///
    /// ```
    /// use mpn_renewals::simulation::Plan;
    /// use mpn_renewals::{Membership, OfferDraft, PolicySet, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2021, 12, 1)))
    ///     .build()?;
    /// let history = PolicySet::partner_center_history();
    /// let run = history.simulate(&membership, &Plan::new(), day(2021, 12, 1)..=day(2024, 6, 30))?;
    /// // A1, W5: renewed automatically on 2022-12-02 under the 2022 rules,
    /// // which count 365 days from the renewal day: 2023-12-02; then on
    /// // that day, under the 2023 rules, whose window opens on the
    /// // anniversary and which count 365 days from it: 2024-12-01.
    /// assert_eq!(run.membership.offer("maps").unwrap().anniversary(), day(2024, 12, 1));
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`] when the plan does not fit: a step dated outside the
    /// span (`steps[i].date`, [`ErrorKind::OutsideSpan`](crate::ErrorKind::OutsideSpan)),
    /// a failing charge outside it (`failed_charges[i].date`), or of an
    /// offer that is neither the membership's nor bought by a step
    /// (`failed_charges[i].offer`, [`ErrorKind::UnknownOffer`](crate::ErrorKind::UnknownOffer)).
    /// Nothing the run meets is an error: a refused step is an event.
    fn simulate(
        &self,
        membership: &Membership,
        plan: &crate::simulation::Plan,
        span: impl RangeBounds<NaiveDate>,
    ) -> Result<crate::simulation::Simulation, Error> {
        crate::simulation::run(self, membership, plan, span)
    }
}

impl Versions for Policy {
    #[inline]
    fn version_on(&self, _day: NaiveDate) -> &Policy {
        self
    }

    #[inline]
    fn switch_after(&self, _day: NaiveDate) -> Option<NaiveDate> {
        None
    }
}

impl Rules for Policy {}

impl Versions for PolicySet {
    fn version_on(&self, day: NaiveDate) -> &Policy {
        self.version_on_day(day)
    }

    fn switch_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.switch_after_day(day)
    }
}

impl Rules for PolicySet {}
