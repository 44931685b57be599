//! Transitions: carrying out an action on a membership, as a pure function.

use chrono::NaiveDate;

use crate::action::Action;
use crate::calendar::Day;
use crate::error::Error;
use crate::evaluation::Evaluation;
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{Offer, OfferDraft, OfferKind};
use crate::policy::{ExtensionPolicy, Policy, RenewalTerm, PARTNER_CENTER_2020};
use crate::reason::Reasons;
use crate::rules::{Rules, Versions};

/// Why [`apply`] refused an action. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Denied {
    /// The action is listed as blocked on that day, with exactly these
    /// reasons (and `allowed_from`) that [`evaluate`](crate::evaluate)
    /// gives.
    #[error("blocked: {reasons}")]
    Blocked {
        /// Every reason that holds.
        reasons: Reasons,
        /// The day a dated reason lifts, as in the evaluation.
        allowed_from: Option<NaiveDate>,
    },
    /// The action is one that the evaluation lists only when it is open,
    /// and it is not open on that day (turning off an auto-renewal that is
    /// already off, a COVID override outside its period, …).
    #[error("not open on that day")]
    NotOpen,
    /// No offer has this id.
    #[error("no offer has the id `{0}`")]
    UnknownOffer(String),
    /// No token has this id.
    #[error("no token has the id `{0}`")]
    UnknownToken(String),
    /// A purchase without the id of the new offer.
    #[error("a purchase needs the id of the new offer")]
    MissingId,
    /// A purchase whose new id is already taken by an offer.
    #[error("`{0}` is already the id of an offer")]
    IdTaken(String),
    /// A purchase of a kind that cannot be bought (only packs are: M2, M4).
    #[error("{0} offers cannot be purchased: only packs can")]
    NotPurchasable(OfferKind),
    /// The result would break an input rule (a new anniversary too close to
    /// the end of the calendar, D4).
    #[error("the result would be invalid: {0}")]
    Invalid(Error),
}

/// Carries out `action` on `on` under the default policy: see
/// [`Rules::apply`].
///
/// ```
/// use mpn_renewals::{apply, Action, Membership, OfferDraft};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
/// let renew = Action::Renew { offer: "maps" };
///
/// // W7: not on the anniversary itself.
/// assert!(apply(&membership, &renew, day(2019, 9, 1)).is_err());
/// // W5: renewed in the window, the next anniversary is 365 days after the
/// // current one: 2020 is a leap year, so 2020-08-31.
/// let renewed = apply(&membership, &renew, day(2019, 9, 2)).unwrap();
/// assert_eq!(renewed.offer("maps").unwrap().anniversary(), day(2020, 8, 31));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
///
/// # Errors
///
/// A [`Denied`] when the action is not allowed on that day, or would make
/// an invalid membership.
pub fn apply(
    membership: &Membership,
    action: &Action<'_>,
    on: NaiveDate,
) -> Result<Membership, Denied> {
    PARTNER_CENTER_2020.apply(membership, action, on)
}

/// [`Rules::apply`]: refused unless the evaluation of that day allows the
/// action, then carried out under the version in force on that day.
pub(crate) fn apply_under<R: Versions + ?Sized>(
    rules: &R,
    membership: &Membership,
    action: &Action<'_>,
    on: NaiveDate,
) -> Result<Membership, Denied> {
    check_target(membership, action)?;
    let mut evaluation = Evaluation::new();
    crate::evaluate::evaluate_into(rules, membership, on, &mut evaluation);
    check_allowed(&evaluation, action)?;
    transition(rules.version_on(on), membership, action, on)
}

/// Refuses an action that `evaluation` does not list as allowed, with the
/// evaluation's own reasons.
fn check_allowed(evaluation: &Evaluation<'_>, action: &Action<'_>) -> Result<(), Denied> {
    let listed = match *action {
        Action::Purchase { kind, .. } => Action::Purchase { kind, id: None },
        other => other,
    };
    if evaluation.is_allowed(&listed) {
        return Ok(());
    }
    Err(match evaluation.blocked(&listed) {
        Some(blocked) => Denied::Blocked {
            reasons: blocked.reasons,
            allowed_from: blocked.allowed_from,
        },
        None => Denied::NotOpen,
    })
}

/// Refuses an action whose offer or token does not exist, or a purchase
/// that cannot be carried out whatever the day.
fn check_target(membership: &Membership, action: &Action<'_>) -> Result<(), Denied> {
    match *action {
        Action::Purchase { kind, id } => {
            if !kind.is_pack() {
                return Err(Denied::NotPurchasable(kind));
            }
            let id = id.ok_or(Denied::MissingId)?;
            if membership.offer(id).is_some() {
                return Err(Denied::IdTaken(id.to_owned()));
            }
        }
        Action::Renew { offer }
        | Action::Reactivate { offer }
        | Action::RequestCovidOverride { offer }
        | Action::TurnOffAutoRenew { offer }
        | Action::RequestCancellation { offer }
        | Action::DownloadInvoice { offer } => {
            if membership.offer(offer).is_none() {
                return Err(Denied::UnknownOffer(offer.to_owned()));
            }
        }
        Action::RequestReplacementToken { token } => {
            if membership.token(token).is_none() {
                return Err(Denied::UnknownToken(token.to_owned()));
            }
        }
        Action::UpdateBusinessProfile
        | Action::ProvideVerificationDocuments
        | Action::MigrateToPartnerCenter => {}
    }
    Ok(())
}

/// The effect of an allowed action. The result is rebuilt through the
/// membership builder, so that it passes every input rule or is refused
/// whole.
fn transition(
    policy: &Policy,
    membership: &Membership,
    action: &Action<'_>,
    on: NaiveDate,
) -> Result<Membership, Denied> {
    let mut next = membership.clone();
    let mut purchase: Option<OfferDraft> = None;
    match *action {
        Action::Purchase { kind, id } => {
            let id = id.ok_or(Denied::MissingId)?;
            let anniversary = policy
                .first_anniversary_of(on)
                .ok_or(Denied::Invalid(out_of_range(on)))?;
            // M4, W6: the account's own earlier pack of that kind is
            // replaced by the fresh purchase.
            next.offers
                .retain(|offer| offer.kind != kind || offer.origin_account.is_some());
            purchase = Some(OfferDraft::new(id, kind, on).anniversary(anniversary));
        }
        Action::Renew { offer } => {
            let term = policy.renewal_term;
            let extended = policy.extension_for_renewal(membership, offer).is_some();
            update_offer(&mut next, offer, |o| {
                let anniversary = if extended {
                    // E4, D10: through the next anniversary in the next year.
                    ExtensionPolicy::extended_anniversary(o.anniversary)
                } else {
                    match term {
                        // W5: 365 days, not a calendar year.
                        RenewalTerm::DaysAfterAnniversary(days) => {
                            Day::of(o.anniversary).plus(i32::from(days)).date()
                        }
                        RenewalTerm::DaysAfterRenewal(days) => {
                            Day::of(on).plus(i32::from(days)).date()
                        }
                    }
                };
                renew_to(o, anniversary)
            })?;
        }
        Action::Reactivate { offer } => {
            // E1, E4: reactivation sets the anniversary as a renewal under
            // the extension does.
            update_offer(&mut next, offer, |o| {
                renew_to(o, ExtensionPolicy::extended_anniversary(o.anniversary))
            })?;
        }
        Action::RequestCovidOverride { offer } => {
            update_offer(&mut next, offer, |o| {
                o.covid_override_requested = true;
                Ok(())
            })?;
        }
        Action::TurnOffAutoRenew { offer } => {
            update_offer(&mut next, offer, |o| {
                o.auto_renew = false;
                Ok(())
            })?;
        }
        Action::RequestCancellation { offer } => {
            update_offer(&mut next, offer, |o| {
                o.cancelled = true;
                Ok(())
            })?;
        }
        Action::DownloadInvoice { .. } => {}
        Action::UpdateBusinessProfile | Action::ProvideVerificationDocuments => {
            next.business_profile = BusinessProfile::Current;
        }
        Action::MigrateToPartnerCenter => next.portal = Portal::PartnerCenter,
        Action::RequestReplacementToken { token } => {
            if let Some(token) = next.tokens.iter_mut().find(|t| t.id == token) {
                token.replaced = true;
            }
        }
    }
    rebuild(next, purchase)
}

impl Policy {
    /// The extension under which `offer` renews, if any: one that covers its
    /// anniversary, for a membership in Partner Center (P3).
    fn extension_for_renewal(
        &self,
        membership: &Membership,
        offer: &str,
    ) -> Option<&ExtensionPolicy> {
        if membership.portal != Portal::PartnerCenter {
            return None;
        }
        self.extension_for(membership.offer(offer)?)
    }
}

fn out_of_range(date: NaiveDate) -> Error {
    Error::new(
        "anniversary",
        crate::error::ErrorKind::DateOutOfRange {
            date,
            needed: "a next anniversary",
        },
    )
}

/// Moves an offer to its next anniversary (renew, reactivate).
fn renew_to(offer: &mut Offer, anniversary: Option<NaiveDate>) -> Result<(), Denied> {
    offer.anniversary = anniversary.ok_or(Denied::Invalid(out_of_range(offer.anniversary)))?;
    // The day number and the known dates follow when the membership is
    // rebuilt (see `rebuild`).
    // A2: renewing turns automatic renewal on again.
    offer.auto_renew = offer.kind == OfferKind::ActionPack;
    offer.covid_override_requested = false;
    Ok(())
}

fn update_offer(
    membership: &mut Membership,
    id: &str,
    change: impl FnOnce(&mut Offer) -> Result<(), Denied>,
) -> Result<(), Denied> {
    match membership.offers.iter_mut().find(|offer| offer.id == id) {
        Some(offer) => change(offer),
        None => Err(Denied::UnknownOffer(id.to_owned())),
    }
}

/// Runs the changed membership through every input rule again.
fn rebuild(membership: Membership, purchase: Option<OfferDraft>) -> Result<Membership, Denied> {
    let mut builder = Membership::builder(membership.account)
        .network_member(membership.network_member)
        .portal(membership.portal)
        .business_profile(membership.business_profile);
    for offer in membership.offers {
        builder = builder.offer(offer.into_draft());
    }
    if let Some(draft) = purchase {
        builder = builder.offer(draft);
    }
    for token in membership.tokens {
        builder = builder.token(token);
    }
    builder.build().map_err(Denied::Invalid)
}
