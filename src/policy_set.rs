//! Effective-dated policies: which version of the rules applied on a day.

use chrono::NaiveDate;

use crate::date::{Day, FIRST_DATE};
use crate::error::{Error, ErrorKind};
use crate::evaluation::{Action, Evaluation, Reminder, ReminderKind, RECIPIENTS};
use crate::membership::{Membership, Portal};
use crate::offer::{Offer, OfferKind};
use crate::policy::Policy;

/// Versions of the rules, each in force from a date until the next one
/// starts. Evaluating under a set applies the version in force on `today`
/// and names it in the evaluation's `policy`; the day a new version starts
/// is a change (`next_change`) since the name changes.
///
/// Before the first version's start date, the first version applies.
///
/// ```
/// use mpn_renewals::{Membership, OfferDraft, PolicySet};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let history = PolicySet::partner_center_history();
/// assert_eq!(history.policy_on(day(2018, 6, 1)).name(), "partner-center-2018");
/// assert_eq!(history.policy_on(day(2020, 6, 1)).name(), "partner-center-2020");
/// assert_eq!(history.policy_on(day(2023, 9, 1)).name(), "partner-center-2023");
///
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
/// let evaluation = history.evaluate(&membership, day(2019, 2, 27));
/// assert_eq!(evaluation.policy, "partner-center-2018");
/// // The version of 2019-03 starts on 2019-03-01: a change.
/// assert_eq!(evaluation.next_change, Some(day(2019, 3, 1)));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
///
/// # Serde form
///
/// ```json
/// {"versions": [
///   {"from": "0001-01-01", "builtin": "partner-center-2018"},
///   {"from": "2019-03-01", "policy": {"name": "my-2019", "...": "..."}}
/// ]}
/// ```
///
/// Each version has `from` and exactly one of `builtin` (a built-in
/// policy's name) and `policy` (a policy in the form of [`Policy`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicySet {
    /// Start dates strictly increasing; names unique; never empty.
    versions: Vec<(NaiveDate, Policy)>,
}

const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => NaiveDate::MIN,
    }
}

impl PolicySet {
    /// A set of versions, each `(first day in force, policy)`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::NoVersions`] for no version,
    /// [`ErrorKind::VersionsOutOfOrder`] unless the start dates strictly
    /// increase, [`ErrorKind::DuplicatePolicyName`] if two versions share a
    /// name.
    pub fn new(versions: impl IntoIterator<Item = (NaiveDate, Policy)>) -> Result<Self, Error> {
        let versions: Vec<(NaiveDate, Policy)> = versions.into_iter().collect();
        if versions.is_empty() {
            return Err(Error::new("versions", ErrorKind::NoVersions));
        }
        for (index, (from, policy)) in versions.iter().enumerate() {
            let earlier = versions.iter().take(index);
            if let Some((previous, _)) = index.checked_sub(1).and_then(|i| versions.get(i)) {
                if from <= previous {
                    return Err(Error::new(
                        format!("versions[{index}].from"),
                        ErrorKind::VersionsOutOfOrder {
                            from: *from,
                            previous: *previous,
                        },
                    ));
                }
            }
            if earlier.clone().any(|(_, other)| other.name == policy.name) {
                return Err(Error::new(
                    format!("versions[{index}].policy.name"),
                    ErrorKind::DuplicatePolicyName(policy.name.to_string()),
                ));
            }
        }
        Ok(PolicySet { versions })
    }

    /// A set of one version, in force on every day.
    pub fn single(policy: Policy) -> Self {
        PolicySet {
            versions: vec![(FIRST_DATE, policy)],
        }
    }

    /// Every row of the [rules catalogue](crate::docs::rules)'s "Policy history", each from the first day of
    /// the month its sources date it to:
    ///
    /// | from | version |
    /// | --- | --- |
    /// | (always before) | `partner-center-2018` |
    /// | 2019-03-01 | `partner-center-2020` (the seeds; it stays in force until the next known version) |
    /// | 2022-10-01 | `partner-center-2022` |
    /// | 2023-09-01 | `partner-center-2023` |
    pub fn partner_center_history() -> Self {
        PolicySet {
            versions: vec![
                (FIRST_DATE, Policy::partner_center_2018()),
                (date(2019, 3, 1), Policy::partner_center_2020()),
                (date(2022, 10, 1), Policy::partner_center_2022()),
                (date(2023, 9, 1), Policy::partner_center_2023()),
            ],
        }
    }

    /// The versions, oldest first: `(first day in force, policy)`.
    pub fn versions(&self) -> impl Iterator<Item = (NaiveDate, &Policy)> {
        self.versions.iter().map(|(from, policy)| (*from, policy))
    }

    /// The version in force on `day` (the first version before it starts).
    pub fn policy_on(&self, day: NaiveDate) -> &Policy {
        let index = self.versions.partition_point(|(from, _)| *from <= day);
        let chosen = self.versions.get(index.saturating_sub(1));
        // `versions` is never empty, so `chosen` is always `Some`; the
        // fallback keeps this free of panics all the same.
        match chosen.or(self.versions.first()) {
            Some((_, policy)) => policy,
            None => &crate::policy::PARTNER_CENTER_2020,
        }
    }

    /// The first day after `day` on which another version comes into force.
    /// The first version is in force before its own start too (see
    /// [`PolicySet::policy_on`]), so its start is no switch.
    fn next_switch(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.versions
            .iter()
            .skip(1)
            .map(|(from, _)| *from)
            .find(|from| *from > day)
    }

    /// [`Policy::evaluate`] under the version in force on `today`.
    pub fn evaluate<'a>(&'a self, membership: &'a Membership, today: NaiveDate) -> Evaluation<'a> {
        let mut evaluation = Evaluation::new();
        self.evaluate_into(membership, today, &mut evaluation);
        evaluation
    }

    /// [`Policy::evaluate_into`] under the version in force on `today`.
    ///
    /// Across a change of version, two things are read from both versions
    /// rather than from today's alone:
    ///
    /// - `allowed_from` of a `renew` blocked by `window_not_open` is the
    ///   first day on which the window is open under the version in force
    ///   *that* day (a later version may open it earlier or later);
    /// - `auto_renewal_due` (A1) is due on the first day the offer is in its
    ///   window as the evaluations see it: on the day a new version comes
    ///   into force, if the window is open under it but was not open the day
    ///   before under the old one, and not again on the new window's first
    ///   day if it was already open the day before.
    pub fn evaluate_into<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
        out: &mut Evaluation<'a>,
    ) {
        let policy = self.policy_on(today);
        policy.evaluate_into(membership, today, out);
        let switch = self.next_switch(today);
        if let Some(switch) = switch {
            // A new version names itself in `policy`: a change, whatever
            // else it brings.
            if out.next_change.map_or(true, |next| switch < next) {
                out.next_change = Some(switch);
            }
            self.allowed_from_across(membership, today, switch, out);
        }
        if let Some(previous) = today.pred_opt().map(|day| self.policy_on(day)) {
            if !std::ptr::eq(previous, policy) {
                self.auto_renewal_across(membership, today, previous, policy, out);
            }
        }
    }

    /// `allowed_from` of `renew`, when a later version comes into force
    /// before the window opens under today's.
    fn allowed_from_across(
        &self,
        membership: &Membership,
        today: NaiveDate,
        switch: NaiveDate,
        out: &mut Evaluation<'_>,
    ) {
        for blocked in out.blocked.as_mut_slice() {
            let (Action::Renew { offer }, Some(from)) = (blocked.action, blocked.allowed_from)
            else {
                continue;
            };
            if from < switch {
                continue; // the window opens under today's version
            }
            let Some(offer) = membership.offer(offer) else {
                continue;
            };
            blocked.allowed_from = self.window_opening(offer, membership.portal, today);
        }
    }

    /// The first day after `today` on which the offer's window is open under
    /// the version in force that day, if it ever is.
    fn window_opening(&self, offer: &Offer, portal: Portal, today: NaiveDate) -> Option<NaiveDate> {
        let anniversary = Day::of(offer.anniversary);
        let today = Day::of(today);
        let mut versions = self.versions.iter().enumerate().peekable();
        while let Some((index, (from, policy))) = versions.next() {
            // The first version is in force before its start too.
            let start = if index == 0 {
                today.plus(1)
            } else {
                Day::of(*from).max(today.plus(1))
            };
            let end = versions.peek().map(|(_, (next, _))| Day::of(*next)); // exclusive
            let window = policy.window(portal);
            let opens = anniversary.plus(i32::from(window.opens));
            let closes = anniversary.plus(i32::from(window.closes));
            let first = opens.max(start);
            if first <= closes && end.map_or(true, |end| first < end) {
                return first.date();
            }
        }
        None
    }

    /// A1 across a change of version (see [`PolicySet::evaluate_into`]).
    fn auto_renewal_across<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
        previous: &Policy,
        policy: &'a Policy,
        out: &mut Evaluation<'a>,
    ) {
        let day = Day::of(today);
        let portal = membership.portal;
        let mut removed = false;
        for offer in &membership.offers {
            if offer.kind != OfferKind::ActionPack || !offer.auto_renew || offer.cancelled {
                continue;
            }
            let in_window = |policy: &Policy, day: Day| {
                let window = policy.window(portal);
                offer.anniversary_day.plus(i32::from(window.opens)) <= day
                    && day <= offer.anniversary_day.plus(i32::from(window.closes))
            };
            let was_open = in_window(previous, day.plus(-1));
            let is_open = in_window(policy, day);
            let renew_open = out.is_allowed(&Action::Renew { offer: &offer.id });
            let due = is_open && !was_open && renew_open;
            let listed = out
                .reminders
                .iter()
                .position(|r| r.kind == ReminderKind::AutoRenewalDue && r.offer == offer.id);
            match (due, listed) {
                (true, None) => {
                    out.reminders.push(Reminder {
                        kind: ReminderKind::AutoRenewalDue,
                        offer: &offer.id,
                        recipients: RECIPIENTS,
                        extension: None,
                    });
                    // It is due today only: tomorrow is a change.
                    if let Some(tomorrow) = today.succ_opt() {
                        if out.next_change.map_or(true, |next| tomorrow < next) {
                            out.next_change = Some(tomorrow);
                        }
                    }
                }
                (false, Some(index)) => {
                    out.reminders.remove(index);
                    removed = true;
                }
                _ => {}
            }
        }
        if removed {
            // The reminder's end may have been the day `next_change` named:
            // compare with tomorrow to know.
            self.next_change_without_reminder(membership, today, out);
        }
    }

    /// Recomputes `next_change` after a reminder was withdrawn from today's
    /// evaluation: tomorrow if tomorrow differs, else tomorrow's own.
    fn next_change_without_reminder<'a>(
        &'a self,
        membership: &'a Membership,
        today: NaiveDate,
        out: &mut Evaluation<'a>,
    ) {
        let Some(tomorrow) = today.succ_opt() else {
            return;
        };
        if out.next_change != Some(tomorrow) {
            return;
        }
        let mut next = Evaluation::new();
        self.evaluate_into(membership, tomorrow, &mut next);
        let same = next.policy == out.policy
            && next.core_benefits == out.core_benefits
            && next.offers == out.offers
            && next.allowed == out.allowed
            && next.blocked == out.blocked
            && next.reminders == out.reminders;
        if same {
            out.next_change = next.next_change;
        }
    }
}

impl Default for PolicySet {
    /// [`PolicySet::single`] of [`Policy::partner_center_2020`].
    fn default() -> Self {
        PolicySet::single(Policy::partner_center_2020())
    }
}
