//! Effective-dated policies: which version of the rules applied on a day.
//! The engine reads them through [`Rules`](crate::Rules).

use chrono::NaiveDate;

use crate::calendar::FIRST_DATE;
use crate::error::{Error, ErrorKind, Snippet};
use crate::policy::Policy;
#[cfg(doc)]
use crate::Rules;

/// Versions of the rules, each in force from a date until the next one
/// starts. Evaluating under a set applies the version in force on `today`
/// and names it in the evaluation's `policy`; the day a new version starts
/// is a change (`next_change`) since the name changes.
///
/// Before the first version's start date, the first version applies.
///
/// ```
/// use mpn_renewals::{Membership, OfferDraft, PolicySet, Rules};
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
        let mut names = std::collections::HashSet::with_capacity(versions.len());
        for (index, (from, policy)) in versions.iter().enumerate() {
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
            if !names.insert(policy.name()) {
                return Err(Error::new(
                    format!("versions[{index}].policy.name"),
                    ErrorKind::DuplicatePolicyName(Snippet::of(policy.name())),
                ));
            }
        }
        Ok(PolicySet::from_versions(versions))
    }

    /// A set of checked versions.
    fn from_versions(versions: Vec<(NaiveDate, Policy)>) -> Self {
        PolicySet { versions }
    }

    /// A set of one version, in force on every day.
    pub fn single(policy: Policy) -> Self {
        PolicySet::from_versions(vec![(FIRST_DATE, policy)])
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
        PolicySet::from_versions(vec![
            (FIRST_DATE, Policy::partner_center_2018()),
            (date(2019, 3, 1), Policy::partner_center_2020()),
            (date(2022, 10, 1), Policy::partner_center_2022()),
            (date(2023, 9, 1), Policy::partner_center_2023()),
        ])
    }

    /// The versions, oldest first: `(first day in force, policy)`.
    pub fn versions(&self) -> impl Iterator<Item = (NaiveDate, &Policy)> {
        self.versions.iter().map(|(from, policy)| (*from, policy))
    }

    /// The version in force on `day`: the last one started on or before
    /// it, or the first one before its own start.
    pub(crate) fn version_on_day(&self, day: NaiveDate) -> &Policy {
        let index = self.versions.partition_point(|(start, _)| *start <= day);
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
    /// [`Rules::policy_on`]), so its start is no switch.
    pub(crate) fn switch_after_day(&self, day: NaiveDate) -> Option<NaiveDate> {
        let later = self.versions.get(1..)?;
        let index = later.partition_point(|(start, _)| *start <= day);
        later.get(index).map(|(start, _)| *start)
    }
}

impl Default for PolicySet {
    /// [`PolicySet::single`] of [`Policy::partner_center_2020`].
    fn default() -> Self {
        PolicySet::single(Policy::partner_center_2020())
    }
}
