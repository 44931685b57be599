//! The rules themselves: from a membership, a policy and a day to an
//! [`Evaluation`].
//!
//! Dates are turned into day numbers once (the anniversary when the offer is
//! built, `today` here), so each rule is an integer addition and comparison.
//! The evaluation is written into the caller's buffers, which is what lets
//! [`Policy::evaluate_into`] run without allocating.

use chrono::NaiveDate;

use crate::date::Day;
use crate::evaluation::{
    Action, Blocked, CoreBenefits, Evaluation, OfferStatus, Phase, Reason, Reasons, Reminder,
    ReminderKind, RenewalWindow, RECIPIENTS,
};
use crate::extension::ExtensionPolicy;
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{Offer, OfferKind};
use crate::policy::{Policy, PARTNER_CENTER_2020};

/// Evaluates `membership` on `today` under the default policy,
/// [`Policy::partner_center_2020`].
///
/// Pure and infallible: no clock, no I/O, no global state; every `today`
/// chrono can represent is accepted. See [`Policy::evaluate`].
///
/// ```
/// use mpn_renewals::{evaluate, Action, Membership, OfferDraft, Phase, Reason};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
///
/// // W1, W2: on the anniversary itself the window is not open yet.
/// let on_anniversary = evaluate(&membership, day(2019, 9, 1));
/// let renew = Action::Renew { offer: "maps" };
/// let blocked = on_anniversary.blocked(&renew).unwrap();
/// assert!(blocked.reasons.contains(Reason::WindowNotOpen));
/// assert_eq!(blocked.allowed_from, Some(day(2019, 9, 2)));
/// assert_eq!(on_anniversary.next_change, Some(day(2019, 9, 2)));
///
/// // The day after, it is.
/// let next_day = evaluate(&membership, day(2019, 9, 2));
/// assert!(next_day.is_allowed(&renew));
/// assert_eq!(next_day.offers[0].phase, Phase::RenewalWindow);
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[inline]
pub fn evaluate(membership: &Membership, today: NaiveDate) -> Evaluation<'_> {
    PARTNER_CENTER_2020.evaluate(membership, today)
}

impl Policy {
    /// Evaluates `membership` on `today` under this policy: each offer's
    /// phase, window, benefits and extension; the actions open today; the
    /// actions that are not, with every reason and, where a date lifts the
    /// reason, the date it does; the reminders due today; the core benefits;
    /// and the next day on which any of that changes.
    ///
    /// Pure, deterministic and infallible: everything that could be wrong
    /// with a membership was refused when it was built.
    #[inline]
    pub fn evaluate<'a>(&'a self, membership: &'a Membership, today: NaiveDate) -> Evaluation<'a> {
        let mut evaluation = Evaluation::new();
        self.evaluate_into(membership, today, &mut evaluation);
        evaluation
    }

    /// [`evaluate`](Policy::evaluate) into an existing evaluation, reusing
    /// its buffers: once they have grown to the size of the memberships
    /// evaluated, this allocates nothing.
    ///
    /// ```
    /// use mpn_renewals::{Evaluation, Membership, OfferDraft, Policy};
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
    pub fn evaluate_into<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
        out: &mut Evaluation<'a>,
    ) {
        let mut run = Run {
            policy: self,
            membership,
            today: Day::of(today),
            next_change: None,
        };
        out.today = today;
        out.policy = &self.name;
        out.offers.clear();
        out.allowed.clear();
        out.blocked.clear();
        out.reminders.clear();
        // Two passes: the packs first, since G2 and M4 compare them all;
        // then every offer once, with its dates and extension computed once.
        let packs = run.packs();
        let mut core_benefits = membership.network_member.then_some(CoreBenefits::Network);
        for (index, offer) in membership.offers.iter().enumerate() {
            let dates = run.dates(offer);
            let extension = self.extension_for(offer);
            let status = run.status(offer, &dates, extension);
            out.offers.push(status);
            if status.benefits {
                core_benefits = core_benefits.max(core_level(offer.kind));
            }
            run.offer_actions(out, index, offer, &dates, &status, extension, &packs);
        }
        out.core_benefits = core_benefits;
        run.purchases(out, &packs);
        run.membership_actions(out);
        run.tokens(out);
        out.next_change = run.next_change.map(|day| run.today.date_near(today, day));
    }
}

impl Policy {
    /// Each offer's phase on `today`, in the membership's order, and nothing
    /// else: the cheapest question the engine answers (`today` is turned
    /// into a day number once, then each offer costs two additions and two
    /// comparisons). The same phases as [`Policy::evaluate`] gives.
    ///
    /// ```
    /// use mpn_renewals::{Membership, OfferDraft, Phase, Policy};
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
    pub fn phases<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
    ) -> impl Iterator<Item = Phase> + 'a {
        let today = Day::of(today);
        let window = self.window(membership.portal);
        let (opens, closes) = (i32::from(window.opens), i32::from(window.closes));
        membership.offers.iter().map(move |offer| {
            let anniversary = offer.anniversary_day;
            phase(
                offer,
                today,
                anniversary.plus(opens),
                anniversary.plus(closes),
            )
        })
    }
}

/// One evaluation in progress: the inputs, and the earliest change seen.
struct Run<'a> {
    policy: &'a Policy,
    membership: &'a Membership,
    today: Day,
    next_change: Option<Day>,
}

/// What G2 and M4 need to know of the packs held today (active or in their
/// window), per pack kind (Action Pack, Learning Action Pack).
struct Packs {
    /// M4: a pack of the kind is held.
    held: [bool; 2],
    /// G2: the index of the held pack of the kind that may renew: the latest
    /// anniversary; on a tie, the account's own (no `origin_account`), then
    /// the smaller id.
    renewing: [Option<usize>; 2],
}

/// The slot of a pack kind in [`Packs`].
fn pack_slot(kind: OfferKind) -> Option<usize> {
    match kind {
        OfferKind::ActionPack => Some(0),
        OfferKind::LearningActionPack => Some(1),
        OfferKind::SilverCompetency | OfferKind::GoldCompetency => None,
    }
}

/// G2: the core-benefit level an offer with benefits gives (a Learning
/// Action Pack gives none of its own).
fn core_level(kind: OfferKind) -> Option<CoreBenefits> {
    match kind {
        OfferKind::GoldCompetency => Some(CoreBenefits::Gold),
        OfferKind::SilverCompetency => Some(CoreBenefits::Silver),
        OfferKind::ActionPack => Some(CoreBenefits::ActionPack),
        OfferKind::LearningActionPack => None,
    }
}

/// The dated facts of one offer that the rules read, as day numbers.
struct Dates {
    anniversary: Day,
    opens: Day,
    closes: Day,
}

impl<'a> Run<'a> {
    /// Records `day` as a date on which the evaluation changes, if it is
    /// after today and before every such date seen so far. The callers add a
    /// day only where a rule's outcome really flips, so the earliest one is
    /// exactly `next_change`.
    fn change_on(&mut self, day: Day) {
        if day > self.today && self.next_change.map_or(true, |seen| day < seen) {
            self.next_change = Some(day);
        }
    }

    fn dates(&self, offer: &Offer) -> Dates {
        // W2, W3, D3 (Partner Center) and P4 (PMC): the window's offsets come
        // from the policy; validation keeps every result inside 0001..=9999.
        let window = self.policy.window(self.membership.portal);
        Dates {
            anniversary: offer.anniversary_day,
            opens: offer.anniversary_day.plus(i32::from(window.opens)),
            closes: offer.anniversary_day.plus(i32::from(window.closes)),
        }
    }

    /// G2, M4: the packs held today, in one pass.
    fn packs(&self) -> Packs {
        let mut packs = Packs {
            held: [false; 2],
            renewing: [None; 2],
        };
        let offers = &self.membership.offers;
        for (index, offer) in offers.iter().enumerate() {
            let Some(slot) = pack_slot(offer.kind) else {
                continue;
            };
            let dates = self.dates(offer);
            if !phase(offer, self.today, dates.opens, dates.closes).has_benefits() {
                continue;
            }
            if let (Some(held), Some(renewing)) =
                (packs.held.get_mut(slot), packs.renewing.get_mut(slot))
            {
                *held = true;
                let champion = renewing.and_then(|champion| offers.get(champion));
                if champion.map_or(true, |champion| outranks(offer, champion)) {
                    *renewing = Some(index);
                }
            }
        }
        packs
    }

    /// Phase, window, benefits and extension of one offer.
    fn status(
        &mut self,
        offer: &'a Offer,
        dates: &Dates,
        extension: Option<&'a ExtensionPolicy>,
    ) -> OfferStatus<'a> {
        let (opens, closes) = (dates.opens, dates.closes);
        let phase = phase(offer, self.today, opens, closes);
        // W2, W6: the window opens and the lapse begins on these days,
        // whatever else holds (for a cancelled offer, renew's reasons change).
        self.change_on(opens);
        self.change_on(closes.plus(1));
        OfferStatus {
            id: &offer.id,
            phase,
            anniversary: offer.anniversary,
            window: RenewalWindow {
                opens: anniversary_plus(offer, dates.opens),
                closes: anniversary_plus(offer, dates.closes),
            },
            // W4, B1: benefits, and the product licenses with them, hold while
            // the offer is active or in its window, never after.
            benefits: phase.has_benefits(),
            extension: extension.map(ExtensionPolicy::name),
        }
    }

    /// M2, M4: one `purchase` entry per pack kind.
    fn purchases(&self, out: &mut Evaluation<'a>, packs: &Packs) {
        // 2023: one Action Pack *or* Learning Action Pack per account.
        let any_held = packs.held.contains(&true);
        for (kind, held) in [
            (OfferKind::ActionPack, packs.held[0]),
            (OfferKind::LearningActionPack, packs.held[1]),
        ] {
            let held = held || (self.policy.one_pack_per_account && any_held);
            let reasons = Reasons::EMPTY
                .with_if(!self.membership.network_member, Reason::NotNetworkMember)
                .with_if(held, Reason::AlreadyHeld);
            push(out, Action::Purchase { kind, id: None }, reasons, None);
        }
    }

    /// Every action and reminder that concerns one offer.
    #[allow(clippy::too_many_arguments)] // the facts computed once per offer
    fn offer_actions(
        &mut self,
        out: &mut Evaluation<'a>,
        index: usize,
        offer: &'a Offer,
        dates: &Dates,
        status: &OfferStatus<'a>,
        extension: Option<&'a ExtensionPolicy>,
        packs: &Packs,
    ) {
        let membership = self.membership;
        let phase = status.phase;
        let in_partner_center = membership.portal == Portal::PartnerCenter;
        let id = offer.id.as_str();
        let today = self.today;

        // G2: of several packs of one kind held after a merge, only one
        // may renew.
        let outranked = pack_slot(offer.kind)
            .and_then(|slot| packs.renewing.get(slot).copied().flatten())
            .is_some_and(|winner| winner != index && phase.has_benefits());
        // P1, unless an extension waives it, and only in Partner Center
        // (P3, E1, E2).
        let waived = in_partner_center && extension.is_some_and(|e| e.waives_requirements);
        let requirements = offer.kind.is_competency() && !waived;
        let renew = Reasons::EMPTY
            .with_if(offer.cancelled, Reason::Cancelled)
            // W2, W7: not on or before the anniversary (Partner Center).
            .with_if(today < dates.opens, Reason::WindowNotOpen)
            // W3, W6: the window is 30 days; then the offer lapses.
            .with_if(today > dates.closes, Reason::WindowClosed)
            .with_if(
                requirements && !offer.performance_met,
                Reason::PerformanceNotMet,
            )
            .with_if(
                requirements && !offer.exams_validated,
                Reason::ExamsNotValidated,
            )
            .union(self.profile_reasons())
            .with_if(!membership.network_member, Reason::NotNetworkMember)
            .with_if(outranked, Reason::OneActionPackPerAccount);
        let allowed_from = renew
            .contains(Reason::WindowNotOpen)
            .then_some(status.window.opens);
        push(out, Action::Renew { offer: id }, renew, allowed_from);

        if let Some(extension) = extension {
            self.extension_actions(out, offer, phase, dates, extension);
        }

        if offer.kind == OfferKind::ActionPack {
            let held = phase.has_benefits();
            // A2: auto-renewal can be turned off at any time while held.
            if held && offer.auto_renew {
                out.allowed.push(Action::TurnOffAutoRenew { offer: id });
            }
            // A3: cancelling is a request to Partner Center Support;
            // 2023: only within a number of days of the purchase.
            let cancellable = match self.policy.cancellation_days {
                None => held,
                Some(days) => {
                    let last = offer.purchased_day.plus(i32::from(days));
                    if last < dates.closes && !offer.cancelled {
                        self.change_on(last.plus(1));
                    }
                    held && today <= last
                }
            };
            if cancellable {
                out.allowed.push(Action::RequestCancellation { offer: id });
            }
            // A4: the invoice of a purchased Action Pack, in any phase.
            out.allowed.push(Action::DownloadInvoice { offer: id });
        }

        self.reminders(out, offer, dates, renew.is_empty(), extension);
    }

    /// P2: a profile that needs review, or whose verification is pending,
    /// blocks renewal and reactivation.
    fn profile_reasons(&self) -> Reasons {
        match self.membership.business_profile {
            BusinessProfile::Current => Reasons::EMPTY,
            BusinessProfile::NeedsReview => Reasons::EMPTY.with(Reason::ProfileNeedsReview),
            BusinessProfile::PendingVerification => {
                Reasons::EMPTY.with(Reason::VerificationPending)
            }
        }
    }

    /// E1, E2, E5: reactivation and the COVID override of a lapsed
    /// competency whose anniversary an extension covers.
    fn extension_actions(
        &mut self,
        out: &mut Evaluation<'a>,
        offer: &'a Offer,
        phase: Phase,
        dates: &Dates,
        extension: &ExtensionPolicy,
    ) {
        if offer.cancelled {
            return; // never lapsed: the extension's actions never apply
        }
        let in_partner_center = self.membership.portal == Portal::PartnerCenter;
        let reactivation_end = extension.reactivation_end_day(dates.anniversary);
        let lapse = dates.closes.plus(1);
        if let Some(end) = reactivation_end {
            // The period ends while the offer is lapsed only if it ends on or
            // after the lapse day; before that, `reactivate` is not listed.
            if end >= lapse {
                self.change_on(end.plus(1));
            }
            if phase == Phase::Lapsed {
                let reasons = Reasons::EMPTY
                    // P3: the extensions are Partner Center's.
                    .with_if(!in_partner_center, Reason::NotInPartnerCenter)
                    .with_if(self.today > end, Reason::ReactivationPeriodOver)
                    .union(self.profile_reasons())
                    .with_if(!self.membership.network_member, Reason::NotNetworkMember);
                push(out, Action::Reactivate { offer: &offer.id }, reasons, None);
            }
        }
        // E2, E5: from the day after reactivation ends to the day before the
        // extended anniversary (E4), in Partner Center, until requested once.
        if extension.covid_override && in_partner_center && !offer.covid_override_requested {
            let Some(extended) = ExtensionPolicy::extended_anniversary(offer.anniversary) else {
                return;
            };
            let from = reactivation_end.map_or(lapse, |end| lapse.max(end.plus(1)));
            let until = Day::of(extended); // exclusive
            if from < until {
                self.change_on(from);
                self.change_on(until);
                if from <= self.today && self.today < until {
                    out.allowed
                        .push(Action::RequestCovidOverride { offer: &offer.id });
                }
            }
        }
    }

    /// N1–N5, A1: the reminders of one offer due today, and the days on which
    /// they start and stop being due.
    fn reminders(
        &mut self,
        out: &mut Evaluation<'a>,
        offer: &'a Offer,
        dates: &Dates,
        renew_open: bool,
        extension: Option<&'a ExtensionPolicy>,
    ) {
        if offer.cancelled {
            return; // a cancelled offer gets no reminder of any kind
        }
        let offsets = self.policy.reminders;
        let auto = offer.kind == OfferKind::ActionPack && offer.auto_renew;
        let today = self.today;
        let mut due = |run: &mut Self, day: Day, kind: ReminderKind, fires: bool| {
            if !fires {
                return;
            }
            run.change_on(day);
            if day == today {
                run.change_on(day.plus(1));
                out.reminders.push(Reminder {
                    kind,
                    offer: &offer.id,
                    recipients: RECIPIENTS,
                    extension: extension.map(ExtensionPolicy::name),
                });
            }
        };
        // N1: 15 days before the anniversary; for an Action Pack that renews
        // automatically, the reminder of the coming charge (A1, `002`).
        let upcoming = if auto {
            ReminderKind::UpcomingAutoRenewal
        } else {
            ReminderKind::UpcomingAnniversary
        };
        due(
            self,
            dates.anniversary.plus(i32::from(offsets.upcoming)),
            upcoming,
            true,
        );
        // A1: the charge falls on the window's first day, when renewal is
        // open that day. Whether it is open is known only on that day; before
        // it, the window's opening is a change anyway.
        due(
            self,
            dates.opens,
            ReminderKind::AutoRenewalDue,
            auto && today == dates.opens && renew_open,
        );
        // N2: 23 days after the anniversary, if that day is in the window.
        let closing = dates.anniversary.plus(i32::from(offsets.window_closing));
        due(
            self,
            closing,
            ReminderKind::WindowClosing,
            dates.opens <= closing && closing <= dates.closes,
        );
        // W6, N5: on the first day of the lapse.
        due(self, dates.closes.plus(1), ReminderKind::BenefitsLost, true);
    }

    /// P2, P3: the actions on the membership itself.
    fn membership_actions(&self, out: &mut Evaluation<'a>) {
        match self.membership.business_profile {
            BusinessProfile::Current => {}
            BusinessProfile::NeedsReview => out.allowed.push(Action::UpdateBusinessProfile),
            BusinessProfile::PendingVerification => {
                out.allowed.push(Action::ProvideVerificationDocuments)
            }
        }
        if self.membership.portal == Portal::Pmc {
            out.allowed.push(Action::MigrateToPartnerCenter);
        }
    }

    /// B2: one replacement per token, within 30 days of its activation (day
    /// 30 counts).
    fn tokens(&mut self, out: &mut Evaluation<'a>) {
        for token in &self.membership.tokens {
            let activated = token.activated_day;
            let last = activated.plus(30);
            self.change_on(activated);
            self.change_on(last.plus(1));
            let reasons = Reasons::EMPTY
                .with_if(token.replaced, Reason::ReplacementAlreadyIssued)
                .with_if(self.today < activated, Reason::NotYetActivated)
                .with_if(self.today > last, Reason::ReplacementPeriodOver);
            let allowed_from = reasons
                .contains(Reason::NotYetActivated)
                .then_some(token.activated);
            push(
                out,
                Action::RequestReplacementToken { token: &token.id },
                reasons,
                allowed_from,
            );
        }
    }
}

/// The calendar date of `day`, a day near the offer's anniversary: the
/// dates of the built-in windows are computed when the offer is built, and
/// any other is a shift of the anniversary (which chrono does with a few
/// integer operations within a year, where a conversion from a day number
/// divides).
fn anniversary_plus(offer: &Offer, day: Day) -> NaiveDate {
    offer.date_at(day)
}

/// The phase of an offer on `today` (W2, W3, W6, A3).
fn phase(offer: &Offer, today: Day, opens: Day, closes: Day) -> Phase {
    if offer.cancelled {
        Phase::Cancelled
    } else if today < opens {
        Phase::Active
    } else if today <= closes {
        Phase::RenewalWindow
    } else {
        Phase::Lapsed
    }
}

/// Files an action under `allowed` or `blocked`.
fn push<'a>(
    out: &mut Evaluation<'a>,
    action: Action<'a>,
    reasons: Reasons,
    allowed_from: Option<NaiveDate>,
) {
    if reasons.is_empty() {
        out.allowed.push(action);
    } else {
        out.blocked.push(Blocked {
            action,
            reasons,
            allowed_from,
        });
    }
}

/// G2: whether `offer` renews rather than `champion`, two packs of one kind
/// held today: the latest anniversary; on a tie, the account's own (no
/// `origin_account`), then the smaller id.
fn outranks(offer: &Offer, champion: &Offer) -> bool {
    (
        offer.anniversary,
        offer.origin_account.is_none(),
        &champion.id,
    ) > (
        champion.anniversary,
        champion.origin_account.is_none(),
        &offer.id,
    )
}
