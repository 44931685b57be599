//! Many memberships at once: one evaluation buffer reused across them, and
//! (feature `rayon`) one per worker thread.

use chrono::NaiveDate;

use crate::evaluation::Evaluation;
use crate::membership::Membership;
use crate::policy::{Policy, PARTNER_CENTER_2020};

/// The first day after `today` on which the evaluation of `membership`
/// under the default policy changes, or `None`: see [`Policy::next_change`].
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

impl Policy {
    /// The first day after `today` on which the evaluation of `membership`
    /// changes, or `None` if it never will: the day a scheduler should wake
    /// up for this membership. The same as the evaluation's `next_change`.
    pub fn next_change(&self, membership: &Membership, today: NaiveDate) -> Option<NaiveDate> {
        let mut evaluation = Evaluation::new();
        self.evaluate_into(membership, today, &mut evaluation);
        evaluation.next_change
    }

    /// Evaluates every membership on `today`, handing each evaluation to
    /// `visit`, with one buffer reused throughout: after the first few
    /// memberships it allocates nothing.
    ///
    /// ```
    /// use mpn_renewals::{Membership, OfferDraft, Policy};
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
    ///     renewable += evaluation.allowed.iter().filter(|a| a.name() == "renew").count();
    /// });
    /// // Windows 2019-09-02 ..= 10-01 for the 1st, … 09-10 ..= 10-09 for the 9th.
    /// assert_eq!(renewable, 9);
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    pub fn evaluate_each<'a, I, F>(&'a self, memberships: I, today: NaiveDate, mut visit: F)
    where
        I: IntoIterator<Item = &'a Membership>,
        F: FnMut(&'a Membership, &Evaluation<'a>),
    {
        let mut evaluation = Evaluation::new();
        for membership in memberships {
            self.evaluate_into(membership, today, &mut evaluation);
            visit(membership, &evaluation);
        }
    }

    /// [`evaluate_each`](Policy::evaluate_each) on every core (feature
    /// `rayon`): the memberships are split among rayon's worker threads,
    /// each with its own reused buffer, and `visit` is called from those
    /// threads, in no particular order.
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn par_evaluate_each<'a, F>(
        &'a self,
        memberships: &'a [Membership],
        today: NaiveDate,
        visit: F,
    ) where
        F: Fn(&'a Membership, &Evaluation<'a>) + Sync + Send,
    {
        use rayon::prelude::*;
        memberships
            .par_iter()
            .for_each_init(Evaluation::new, |evaluation, membership| {
                self.evaluate_into(membership, today, evaluation);
                visit(membership, evaluation);
            });
    }
}
