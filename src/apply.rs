//! Transitions: carrying out an action on a membership, as a pure function,
//! allowed exactly when the evaluation of that day allows it.

use chrono::NaiveDate;

use crate::action::Action;
use crate::calendar::{within_reach, Day, ANNIVERSARY_REACH};
use crate::error::{Error, ErrorKind, Snippet};
use crate::evaluation::Evaluation;
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{Offer, OfferDraft, OfferKind};
use crate::policy::{ExtensionPolicy, Policy, RenewalTerm, PARTNER_CENTER_2020};
use crate::rules::{Rules, Versions};
use crate::text::Text;

/// Carries out `action` on `on` under the default policy: see
/// [`Rules::apply`].
///
/// ```
/// use mpn_renewals::{apply, Action, ErrorKind, Membership, OfferDraft, Reason};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
/// let renew = Action::renew("maps");
///
/// // W7: not on the anniversary itself.
/// let refused = apply(&membership, &renew, day(2019, 9, 1)).unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "renew of maps: blocked: window_not_open (allowed from 2019-09-02)"
/// );
/// assert!(matches!(refused.kind(), ErrorKind::Blocked { reasons, .. }
///     if reasons.contains(Reason::WindowNotOpen)));
/// // W5: renewed in the window, the next anniversary is 365 days after the
/// // current one: 2020 is a leap year, so 2020-08-31.
/// let renewed = apply(&membership, &renew, day(2019, 9, 2))?;
/// assert_eq!(renewed.offer("maps").unwrap().anniversary(), day(2020, 8, 31));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
///
/// # Errors
///
/// An [`Error`] whose path names the action and whose kind says why: see
/// [`Rules::apply`].
pub fn apply(
    membership: &Membership,
    action: &Action<impl Text>,
    on: NaiveDate,
) -> Result<Membership, Error> {
    PARTNER_CENTER_2020.apply(membership, action, on)
}

/// [`Rules::apply`]: refused unless the evaluation of that day allows the
/// action, then carried out under the version in force on that day.
pub(crate) fn apply_under<R: Versions + ?Sized>(
    rules: &R,
    membership: &Membership,
    action: &Action<impl Text>,
    on: NaiveDate,
) -> Result<Membership, Error> {
    let action = action.as_borrowed();
    let action = &action;
    let refuse = |kind: ErrorKind| Error::new(action.phrase(), kind);
    check_target(membership, action).map_err(refuse)?;
    let mut evaluation = Evaluation::new();
    crate::evaluate::evaluate_into(rules, membership, on, &mut evaluation);
    check_allowed(&evaluation, action).map_err(refuse)?;
    // A purchase the evaluation allows still needs a new, free id.
    if let Action::Purchase { id, .. } = action {
        let id = id.ok_or_else(|| refuse(ErrorKind::MissingId))?;
        if membership.offer(id).is_some() {
            return Err(refuse(ErrorKind::IdTaken(Snippet::of(id))));
        }
    }
    transition(rules.version_on(on), membership, action, on).map_err(|inner| {
        // D4: only a result that leaves the calendar fails here (a policy's
        // renewal term keeps every next anniversary after the purchase).
        Error::new(
            format!("{}: {}", action.phrase(), inner.path()),
            inner.kind().clone(),
        )
    })
}

/// Refuses an action that `evaluation` does not list as allowed, with the
/// evaluation's own reasons.
fn check_allowed(evaluation: &Evaluation<&str>, action: &Action<&str>) -> Result<(), ErrorKind> {
    let listed;
    let listed = match action {
        Action::Purchase { kind, .. } => {
            listed = Action::purchase(*kind);
            &listed
        }
        other => other,
    };
    if evaluation.is_allowed(listed) {
        return Ok(());
    }
    Err(match evaluation.blocked(listed) {
        Some(blocked) => ErrorKind::Blocked {
            reasons: blocked.reasons,
            allowed_from: blocked.allowed_from,
        },
        None => ErrorKind::NotOpen,
    })
}

/// Refuses an action whose offer or token does not exist, or a purchase of
/// a kind that cannot be bought, whatever the day.
fn check_target(membership: &Membership, action: &Action<&str>) -> Result<(), ErrorKind> {
    match action {
        Action::Purchase { kind, .. } if !kind.is_pack() => {
            return Err(ErrorKind::NotPurchasable(*kind));
        }
        Action::RequestReplacementToken { token } => {
            if membership.token(token).is_none() {
                return Err(ErrorKind::UnknownToken);
            }
        }
        other => {
            if let (Some(offer), false) = (other.target(), matches!(other, Action::Purchase { .. }))
            {
                if membership.offer(offer).is_none() {
                    return Err(ErrorKind::UnknownOffer);
                }
            }
        }
    }
    Ok(())
}

/// W5, E4: the anniversary after renewing `offer` on `on`: under an
/// extension (in Partner Center, `extended`), the same month and day one
/// year later (E4, D10); otherwise by the policy's renewal term (W5: the
/// current anniversary + 365 days; 2018, 2022: the renewal day + 365).
/// `None` beyond chrono's range. Read by the evaluation for D4 and by
/// `apply` to carry the renewal out: one rule.
pub(crate) fn next_anniversary(
    policy: &Policy,
    offer: &Offer,
    extended: bool,
    on: NaiveDate,
) -> Option<NaiveDate> {
    if extended {
        return ExtensionPolicy::extended_anniversary(offer.anniversary);
    }
    match policy.renewal_term {
        // W5: 365 days, not a calendar year.
        RenewalTerm::DaysAfterAnniversary(days) => {
            offer.anniversary_day.plus(i32::from(days)).date()
        }
        RenewalTerm::DaysAfterRenewal(days) => Day::of(on).plus(i32::from(days)).date(),
    }
}

/// W5, E4: the anniversary that `renew` of `offer` on `on` sets under
/// `policy`, in the membership's `portal`: by the extension that covers
/// the offer (in Partner Center only, P3), else by the policy's renewal
/// term. What `apply` carries out, and what the impact of a policy change
/// compares.
pub(crate) fn renewal_anniversary(
    policy: &Policy,
    portal: Portal,
    offer: &Offer,
    on: NaiveDate,
) -> Option<NaiveDate> {
    next_anniversary(policy, offer, renewal_extended(policy, portal, offer), on)
}

/// The anniversary that `renew` of `offer` carried out on `on` records:
/// [`renewal_anniversary`], or `None` where `apply` refuses the renewal
/// because the renewed offer would leave the calendar's reach (D4, the
/// check every membership passes when it is built).
pub(crate) fn recorded_renewal(
    policy: &Policy,
    portal: Portal,
    offer: &Offer,
    on: NaiveDate,
) -> Option<NaiveDate> {
    renewal_anniversary(policy, portal, offer, on)
        .filter(|anniversary| within_reach(*anniversary, ANNIVERSARY_REACH.0, ANNIVERSARY_REACH.1))
}

/// Whether the anniversary that `renew` of `offer` sets under `policy`
/// depends on the day of the renewal: a term counted from the renewal day
/// (2018, 2022), unless an extension sets it (E4). Otherwise it is the same
/// whatever day of the window the renewal is carried out.
pub(crate) fn renewal_moves_with_the_day(policy: &Policy, portal: Portal, offer: &Offer) -> bool {
    !renewal_extended(policy, portal, offer)
        && matches!(policy.renewal_term, RenewalTerm::DaysAfterRenewal(_))
}

/// E4: whether a renewal of `offer` follows the extension that covers it;
/// P3: the extensions are Partner Center's.
fn renewal_extended(policy: &Policy, portal: Portal, offer: &Offer) -> bool {
    portal == Portal::PartnerCenter && policy.extension_for(offer).is_some()
}

/// The effect of an allowed action. The result is rebuilt through the
/// membership builder, so that it passes every input rule or is refused
/// whole.
fn transition(
    policy: &Policy,
    membership: &Membership,
    action: &Action<&str>,
    on: NaiveDate,
) -> Result<Membership, Error> {
    let mut next = membership.clone();
    let mut purchase: Option<OfferDraft> = None;
    match action {
        Action::Purchase { kind, id } => {
            let (Some(id), Some(anniversary)) = (id, policy.first_anniversary_of(on)) else {
                return Err(out_of_range(on));
            };
            // M4, W6: the account's own earlier pack of that kind is
            // replaced by the fresh purchase.
            next.offers
                .retain(|offer| offer.kind != *kind || offer.origin_account.is_some());
            purchase = Some(OfferDraft::new(*id, *kind, on).anniversary(anniversary));
        }
        Action::Renew { offer } => {
            update_offer(&mut next, offer, |o| {
                let anniversary = renewal_anniversary(policy, membership.portal, o, on);
                renew_to(o, anniversary)
            })?;
        }
        Action::Reactivate { offer } => {
            // E1, E4: reactivation sets the anniversary as a renewal under
            // the extension does.
            update_offer(&mut next, offer, |o| {
                let anniversary = next_anniversary(policy, o, true, on);
                renew_to(o, anniversary)
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
            if let Some(token) = next.tokens.iter_mut().find(|t| t.id == *token) {
                token.replaced = true;
            }
        }
    }
    rebuild(next, purchase)
}

fn out_of_range(date: NaiveDate) -> Error {
    Error::new(
        "anniversary",
        ErrorKind::DateOutOfRange {
            date,
            needed: "a next anniversary",
        },
    )
}

/// Moves an offer to its next anniversary (renew, reactivate).
fn renew_to(offer: &mut Offer, anniversary: Option<NaiveDate>) -> Result<(), Error> {
    offer.anniversary = anniversary.ok_or_else(|| out_of_range(offer.anniversary))?;
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
    change: impl FnOnce(&mut Offer) -> Result<(), Error>,
) -> Result<(), Error> {
    match membership.offers.iter_mut().find(|offer| offer.id == id) {
        Some(offer) => change(offer),
        None => Err(Error::new("offer", ErrorKind::UnknownOffer)),
    }
}

/// Runs the changed membership through every input rule again.
fn rebuild(membership: Membership, purchase: Option<OfferDraft>) -> Result<Membership, Error> {
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
    builder.build()
}
