//! The engine: from a membership, the rules and a day to an [`Evaluation`].
//!
//! One [`Evaluator`] holds the inputs of one evaluation. The rules it
//! applies are those of the version in force on the day each rule concerns:
//! today's version for everything of today, and, for the two rules that look
//! across a change of version, the version in force on the other day (renew's
//! `allowed_from`, the first day the window is open; A1, the first day of the
//! window, which compares today with yesterday). A single [`Policy`] is the
//! one-version case of the same code.
//!
//! Dates are turned into day numbers once (the anniversary when the offer is
//! built, `today` here), so each rule is an integer addition and comparison.
//! The evaluation is written into the caller's buffers, which is what lets
//! [`Rules::evaluate_into`](crate::Rules::evaluate_into) run without
//! allocating.

use chrono::NaiveDate;

use crate::action::Action;
use crate::calendar::Day;
use crate::evaluation::{
    Blocked, CoreBenefits, Evaluation, OfferStatus, Phase, Recipient, Reminder, ReminderKind,
    RenewalWindow,
};
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{Offer, OfferKind, Token};
use crate::policy::{ExtensionPolicy, Policy, WindowOffsets, PARTNER_CENTER_2020};
use crate::reason::{Reason, Reasons};
use crate::rules::{Rules, Versions};

/// Evaluates `membership` on `today` under the default policy,
/// [`Policy::partner_center_2020`].
///
/// Pure and infallible: no clock, no I/O, no global state; every `today`
/// chrono can represent is accepted. See [`Rules::evaluate`].
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
/// let renew = Action::renew("maps");
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
pub fn evaluate(membership: &Membership, today: NaiveDate) -> Evaluation<&str> {
    PARTNER_CENTER_2020.evaluate(membership, today)
}

/// The first day after `today` on which the evaluation of `membership`
/// under the default policy changes, or `None`: see [`Rules::next_change`].
///
/// ```
/// use mpn_renewals::{next_change, Membership, OfferDraft};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
/// // N1: the reminder 15 days before the anniversary of 2019-09-01.
/// assert_eq!(next_change(&membership, day(2019, 8, 1)), Some(day(2019, 8, 17)));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
pub fn next_change(membership: &Membership, today: NaiveDate) -> Option<NaiveDate> {
    PARTNER_CENTER_2020.next_change(membership, today)
}

/// [`Rules::evaluate_into`]: the one engine, for a policy or a history.
pub(crate) fn evaluate_into<'a, R: Versions + ?Sized>(
    rules: &'a R,
    membership: &'a Membership,
    today: NaiveDate,
    out: &mut Evaluation<&'a str>,
) {
    let mut evaluator = Evaluator::new(rules, membership, today);
    out.today = today;
    out.policy = evaluator.policy.name();
    out.offers.clear();
    out.allowed.clear();
    out.blocked.clear();
    out.reminders.clear();
    // Two passes: the packs first, since G2 and M4 compare them all; then
    // every offer once, with its dates and extension computed once.
    let packs = evaluator.packs();
    let mut core_benefits = membership.network_member.then_some(CoreBenefits::Network);
    for (index, offer) in membership.offers.iter().enumerate() {
        let level = evaluator.offer(out, index, offer, &packs);
        core_benefits = core_benefits.max(level);
    }
    out.core_benefits = core_benefits;
    evaluator.purchases(out, &packs);
    evaluator.membership_actions(out);
    for token in &membership.tokens {
        evaluator.token(out, token);
    }
    out.next_change = evaluator.next_change_date();
}

/// Each offer's phase on `today`, in the membership's order: see
/// [`Rules::phases`].
#[derive(Debug, Clone)]
pub struct Phases<'a> {
    offers: std::slice::Iter<'a, Offer>,
    today: Day,
    window: WindowOffsets,
}

impl<'a> Phases<'a> {
    pub(crate) fn new<R: Versions + ?Sized>(
        rules: &R,
        membership: &'a Membership,
        today: NaiveDate,
    ) -> Self {
        Phases {
            offers: membership.offers.iter(),
            today: Day::of(today),
            window: rules.version_on(today).window(membership.portal),
        }
    }
}

impl Iterator for Phases<'_> {
    type Item = Phase;

    fn next(&mut self) -> Option<Phase> {
        let offer = self.offers.next()?;
        let (opens, closes) = window_days(offer, self.window);
        Some(phase(offer, self.today, opens, closes))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.offers.size_hint()
    }
}

impl ExactSizeIterator for Phases<'_> {}

/// One evaluation in progress: its inputs, what is fixed for the day, and
/// the earliest change seen. The timeline runs its parts one unit (an
/// offer, a token, the purchases) at a time.
pub(crate) struct Evaluator<'a, R: ?Sized> {
    rules: &'a R,
    /// The version in force today.
    policy: &'a Policy,
    membership: &'a Membership,
    today: Day,
    today_date: NaiveDate,
    /// Today's renewal window, relative to the anniversary, in the
    /// membership's portal.
    window: WindowOffsets,
    /// Yesterday's, under the version in force yesterday (A1).
    yesterdays_window: WindowOffsets,
    /// The first day after today on which another version comes into force.
    switch: Option<Day>,
    next_change: Option<Day>,
}

/// What G2 and M4 need to know of the packs held today (active or in their
/// window), per pack kind (Action Pack, Learning Action Pack).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Packs {
    /// M4: a pack of the kind is held.
    pub(crate) held: [bool; 2],
    /// G2: the index of the held pack of the kind that may renew: the latest
    /// anniversary; on a tie, the account's own (no `origin_account`), then
    /// the smaller id.
    pub(crate) renewing: [Option<usize>; 2],
}

/// The slot of a pack kind in [`Packs`].
pub(crate) fn pack_slot(kind: OfferKind) -> Option<usize> {
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

/// W2, W3, D3 (Partner Center) and P4 (PMC): the first and last days of an
/// offer's window, from the policy's offsets; validation keeps both inside
/// 0001..=9999 (D4).
pub(crate) fn window_days(offer: &Offer, window: WindowOffsets) -> (Day, Day) {
    let anniversary = offer.anniversary_day;
    (
        anniversary.plus(i32::from(window.opens)),
        anniversary.plus(i32::from(window.closes)),
    )
}

impl<'a, R: Versions + ?Sized> Evaluator<'a, R> {
    /// The evaluation of `membership` on `today` under `rules`, before any
    /// part of it is computed. A new version names itself in `policy`: the
    /// day it comes into force is a change, whatever else it brings.
    pub(crate) fn new(rules: &'a R, membership: &'a Membership, today: NaiveDate) -> Self {
        let policy = rules.version_on(today);
        // Before the first day chrono knows, no window is open: yesterday's
        // version is today's.
        let yesterday = today.pred_opt().unwrap_or(today);
        let mut evaluator = Evaluator {
            rules,
            policy,
            membership,
            today: Day::of(today),
            today_date: today,
            window: policy.window(membership.portal),
            yesterdays_window: rules.version_on(yesterday).window(membership.portal),
            switch: rules.switch_after(today).map(Day::of),
            next_change: None,
        };
        if let Some(switch) = evaluator.switch {
            evaluator.change_on(switch);
        }
        evaluator
    }

    /// The version in force today.
    pub(crate) fn policy(&self) -> &'a Policy {
        self.policy
    }

    /// The first day after today on which something computed so far
    /// changes.
    pub(crate) fn next_change_date(&self) -> Option<NaiveDate> {
        self.next_change
            .map(|next| self.today.date_near(self.today_date, next))
    }

    /// Everything of one offer: its status, its actions, its reminders; the
    /// core-benefit level it gives today.
    pub(crate) fn offer(
        &mut self,
        out: &mut Evaluation<&'a str>,
        index: usize,
        offer: &'a Offer,
        packs: &Packs,
    ) -> Option<CoreBenefits> {
        let dates = self.dates(offer);
        let extension = self.policy.extension_for(offer);
        let status = self.status(offer, &dates, extension);
        let level = if status.benefits {
            core_level(offer.kind)
        } else {
            None
        };
        self.offer_actions(out, index, offer, &dates, &status, extension, packs);
        out.offers.push(status);
        level
    }

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
        let (opens, closes) = window_days(offer, self.window);
        Dates {
            anniversary: offer.anniversary_day,
            opens,
            closes,
        }
    }

    /// G2, M4: the packs held today, in one pass.
    pub(crate) fn packs(&self) -> Packs {
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
    ) -> OfferStatus<&'a str> {
        let (opens, closes) = (dates.opens, dates.closes);
        let phase = phase(offer, self.today, opens, closes);
        // W2, W6: the window opens and the lapse begins on these days,
        // whatever else holds (for a cancelled offer, renew's reasons change).
        self.change_on(opens);
        self.change_on(closes.plus(1));
        OfferStatus {
            id: offer.id.as_str(),
            phase,
            anniversary: offer.anniversary,
            window: RenewalWindow {
                opens: offer.date_at(dates.opens),
                closes: offer.date_at(dates.closes),
            },
            // W4, B1: benefits, and the product licenses with them, hold while
            // the offer is active or in its window, never after.
            benefits: phase.has_benefits(),
            extension: extension.map(ExtensionPolicy::name),
        }
    }

    /// M2, M4: one `purchase` entry per pack kind.
    pub(crate) fn purchases(&self, out: &mut Evaluation<&'a str>, packs: &Packs) {
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
            push(out, Action::purchase(kind), reasons, None);
        }
    }

    /// W2, W7 across versions: the first day after today on which the
    /// offer's window is open under the version in force that day, if it
    /// ever is. Under one version, the window's first day.
    fn window_opening(&self, offer: &Offer, opens: Day) -> Option<NaiveDate> {
        // Today's version, until the next switch.
        if self.switch.map_or(true, |switch| opens < switch) {
            return Some(offer.date_at(opens));
        }
        // Then each later version in turn, while a window could still open:
        // no policy's window opens later than the reach of its offsets.
        let portal = self.membership.portal;
        let reach = offer
            .anniversary_day
            .plus(i32::from(*crate::calendar::OFFSET_RANGE.end()));
        let mut start = self.switch;
        while let Some(from) = start.filter(|from| *from <= reach) {
            let date = from.date_clamped();
            let end = self.rules.switch_after(date).map(Day::of); // exclusive
            let (opens, closes) = window_days(offer, self.rules.version_on(date).window(portal));
            let first = opens.max(from);
            if first <= closes && end.map_or(true, |end| first < end) {
                return first.date();
            }
            start = end;
        }
        None
    }

    /// Every action and reminder that concerns one offer.
    #[allow(clippy::too_many_arguments)] // the facts computed once per offer
    fn offer_actions(
        &mut self,
        out: &mut Evaluation<&'a str>,
        index: usize,
        offer: &'a Offer,
        dates: &Dates,
        status: &OfferStatus<&'a str>,
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
        let allowed_from = if renew.contains(Reason::WindowNotOpen) {
            self.window_opening(offer, dates.opens)
        } else {
            None
        };
        push(out, Action::renew(id), renew, allowed_from);

        if let Some(extension) = extension {
            self.extension_actions(out, offer, phase, dates, extension);
        }

        if offer.kind == OfferKind::ActionPack {
            let held = phase.has_benefits();
            // A2: auto-renewal can be turned off at any time while held.
            if held && offer.auto_renew {
                out.allowed.push(Action::turn_off_auto_renew(id));
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
                out.allowed.push(Action::request_cancellation(id));
            }
            // A4: the invoice of a purchased Action Pack, in any phase.
            out.allowed.push(Action::download_invoice(id));
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
        out: &mut Evaluation<&'a str>,
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
                push(out, Action::reactivate(offer.id.as_str()), reasons, None);
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
                        .push(Action::request_covid_override(offer.id.as_str()));
                }
            }
        }
    }

    /// A1: the first day of the offer's window as the evaluations see it:
    /// open today under today's version, and not open yesterday under the
    /// version in force yesterday. Under one version, the window's first
    /// day; on the day a new version comes into force, the day it opens the
    /// window (not again on its own first day, if the old one had opened it).
    fn window_opens_today(&self, offer: &Offer, dates: &Dates) -> bool {
        let (opened, closed) = window_days(offer, self.yesterdays_window);
        let yesterday = self.today.plus(-1);
        let open_yesterday = opened <= yesterday && yesterday <= closed;
        dates.opens <= self.today && self.today <= dates.closes && !open_yesterday
    }

    /// N1–N5, A1: the reminders of one offer due today, and the days on which
    /// they start and stop being due.
    fn reminders(
        &mut self,
        out: &mut Evaluation<&'a str>,
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
        let mut due = |evaluator: &mut Self, day: Day, kind: ReminderKind| {
            evaluator.change_on(day);
            if day == today {
                evaluator.change_on(day.plus(1));
                out.reminders.push(Reminder {
                    kind,
                    offer: offer.id.as_str(),
                    recipients: &Recipient::ALL,
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
        );
        // A1: the charge falls on the window's first day, when renewal is
        // open that day. Whether it is open is known only on that day; before
        // it, the window's opening (or a new version) is a change anyway.
        if auto && renew_open && self.window_opens_today(offer, dates) {
            due(self, today, ReminderKind::AutoRenewalDue);
        }
        // N2: 23 days after the anniversary, if that day is in the window.
        let closing = dates.anniversary.plus(i32::from(offsets.window_closing));
        if dates.opens <= closing && closing <= dates.closes {
            due(self, closing, ReminderKind::WindowClosing);
        }
        // W6, N5: on the first day of the lapse.
        due(self, dates.closes.plus(1), ReminderKind::BenefitsLost);
    }

    /// P2, P3: the actions on the membership itself.
    pub(crate) fn membership_actions(&self, out: &mut Evaluation<&'a str>) {
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
    pub(crate) fn token(&mut self, out: &mut Evaluation<&'a str>, token: &'a Token) {
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
            Action::request_replacement_token(token.id.as_str()),
            reasons,
            allowed_from,
        );
    }
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
#[inline]
fn push<'a>(
    out: &mut Evaluation<&'a str>,
    action: Action<&'a str>,
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
