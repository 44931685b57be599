//! The membership of one partner global account: valid by construction.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::calendar::{first_anniversary, within_reach, Day, ANNIVERSARY_REACH};
use crate::error::{Error, ErrorKind, Snippet};
use crate::offer::{KnownDates, Offer, OfferDraft, OfferKind, Token};

/// Where the membership is managed (P3, P4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Portal {
    /// Partner Center: renewals in the 30 days after the anniversary, and the
    /// COVID-19 extensions (P3).
    #[default]
    PartnerCenter,
    /// Partner Membership Center, the legacy portal: renewals in the 90 days
    /// up to the anniversary (P4), and none of the extensions' effects (P3).
    Pmc,
}

crate::names::wire_names!(Portal, "portal", {
    PartnerCenter => "partner_center",
    Pmc => "pmc",
});

/// P2: the state of the company's business information, which must be
/// current before a renewal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum BusinessProfile {
    /// Reviewed and current.
    #[default]
    Current,
    /// The Global admin or Account admin must review and update it.
    NeedsReview,
    /// Additional documentation was asked for to verify it.
    PendingVerification,
}

crate::names::wire_names!(BusinessProfile, "business_profile", {
    Current => "current",
    NeedsReview => "needs_review",
    PendingVerification => "pending_verification",
});

/// The Microsoft Partner Network membership of one partner global account:
/// its offers and tokens, and the account-level facts the rules read.
///
/// A `Membership` that exists satisfies every input rule of the [wire contract](crate::docs::wire): it
/// is built by [`Membership::builder`] or by deserializing the wire form,
/// and both run the same checks.
///
/// ```
/// use mpn_renewals::{Membership, OfferDraft, Portal};
/// use chrono::NaiveDate;
///
/// let bought = NaiveDate::from_ymd_opt(2018, 9, 1).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", bought))
///     .build()?;
/// assert_eq!(membership.portal(), Portal::PartnerCenter);
/// assert_eq!(
///     membership.offers()[0].anniversary(),
///     NaiveDate::from_ymd_opt(2019, 9, 1).unwrap()
/// );
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub(crate) account: String,
    pub(crate) network_member: bool,
    pub(crate) portal: Portal,
    pub(crate) business_profile: BusinessProfile,
    pub(crate) offers: Vec<Offer>,
    pub(crate) tokens: Vec<Token>,
}

impl Membership {
    /// Starts a membership of the partner global account `account`, a
    /// network member (M1) in Partner Center with a current profile, with no
    /// offers and no tokens.
    pub fn builder(account: impl Into<String>) -> MembershipBuilder {
        MembershipBuilder {
            account: account.into(),
            network_member: true,
            portal: Portal::PartnerCenter,
            business_profile: BusinessProfile::Current,
            offers: Vec::new(),
            tokens: Vec::new(),
        }
    }

    /// The partner global account.
    pub fn account(&self) -> &str {
        &self.account
    }

    /// M1: a member of the network, the base level that never lapses.
    pub fn network_member(&self) -> bool {
        self.network_member
    }

    /// The portal the membership is managed in.
    pub fn portal(&self) -> Portal {
        self.portal
    }

    /// P2: the state of the business profile.
    pub fn business_profile(&self) -> BusinessProfile {
        self.business_profile
    }

    /// The offers, in the order given.
    pub fn offers(&self) -> &[Offer] {
        &self.offers
    }

    /// The product tokens, in the order given.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The offer with this id.
    pub fn offer(&self, id: &str) -> Option<&Offer> {
        self.offers.iter().find(|offer| offer.id == id)
    }

    /// The token with this id.
    pub fn token(&self, id: &str) -> Option<&Token> {
        self.tokens.iter().find(|token| token.id == id)
    }
}

/// Collects the parts of a [`Membership`] and checks them all at
/// [`build`](MembershipBuilder::build).
#[derive(Debug, Clone)]
#[must_use]
pub struct MembershipBuilder {
    account: String,
    network_member: bool,
    portal: Portal,
    business_profile: BusinessProfile,
    offers: Vec<OfferDraft>,
    tokens: Vec<Token>,
}

impl MembershipBuilder {
    /// M1, M2: whether the account is a network member (default `true`).
    pub fn network_member(mut self, member: bool) -> Self {
        self.network_member = member;
        self
    }

    /// The portal (default Partner Center).
    pub fn portal(mut self, portal: Portal) -> Self {
        self.portal = portal;
        self
    }

    /// P2: the business profile's state (default current).
    pub fn business_profile(mut self, profile: BusinessProfile) -> Self {
        self.business_profile = profile;
        self
    }

    /// Adds an offer.
    pub fn offer(mut self, offer: OfferDraft) -> Self {
        self.offers.push(offer);
        self
    }

    /// Adds a product token.
    pub fn token(mut self, token: Token) -> Self {
        self.tokens.push(token);
        self
    }

    /// Checks every input rule of the [wire contract](crate::docs::wire) and builds the membership, or
    /// names the first place that breaks one.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose path names the field (`offers[1].anniversary`) and
    /// whose [`ErrorKind`] names the rule: an empty string, an anniversary
    /// not after the purchase, a field the offer's kind does not have, a
    /// missing area, a repeated id, a second pack without `origin_account`
    /// (M4), or a date too close to the ends of the calendar (D4).
    pub fn build(self) -> Result<Membership, Error> {
        if self.account.is_empty() {
            return Err(Error::new("account", ErrorKind::Empty));
        }
        // Ids are checked in one pass over a hash map, so that a membership
        // of many offers or tokens builds in linear time; the first
        // repeated id is reported where the loop below reaches it, so that
        // an earlier offer's own problem still comes first.
        let repeated_offer = first_repeated(self.offers.iter().map(|draft| draft.id.as_str()));
        let mut offers = Vec::with_capacity(self.offers.len());
        // M4: the first pack of each kind without `origin_account`.
        let mut own_pack: [Option<usize>; 2] = [None; 2];
        for (index, draft) in self.offers.into_iter().enumerate() {
            if let Some((_, first)) = repeated_offer.filter(|(at, _)| *at == index) {
                return Err(Error::new(
                    format!("offers[{index}].id"),
                    ErrorKind::DuplicateId {
                        id: Snippet::of(&draft.id),
                        first: format!("offers[{first}]"),
                    },
                ));
            }
            let offer = check_offer(draft, index)?;
            let slot = match offer.kind {
                OfferKind::ActionPack => Some(0),
                OfferKind::LearningActionPack => Some(1),
                OfferKind::SilverCompetency | OfferKind::GoldCompetency => None,
            };
            if let (Some(own), None) = (
                slot.and_then(|slot| own_pack.get_mut(slot)),
                &offer.origin_account,
            ) {
                if let Some(first) = *own {
                    return Err(Error::new(
                        format!("offers[{index}]"),
                        ErrorKind::SecondPackWithoutOrigin {
                            kind: offer.kind,
                            first: format!("offers[{first}]"),
                        },
                    ));
                }
                *own = Some(index);
            }
            offers.push(offer);
        }
        let repeated_token = first_repeated(self.tokens.iter().map(|token| token.id.as_str()));
        let mut tokens: Vec<Token> = Vec::with_capacity(self.tokens.len());
        for (index, token) in self.tokens.into_iter().enumerate() {
            if token.id.is_empty() {
                return Err(Error::new(format!("tokens[{index}].id"), ErrorKind::Empty));
            }
            if let Some((_, first)) = repeated_token.filter(|(at, _)| *at == index) {
                return Err(Error::new(
                    format!("tokens[{index}].id"),
                    ErrorKind::DuplicateId {
                        id: Snippet::of(&token.id),
                        first: format!("tokens[{first}]"),
                    },
                ));
            }
            // D4: B2's period ends 30 days after activation, and the day
            // after it is a change the evaluation reports.
            check_range(token.activated, 0, 31, "its activation + 31 days")
                .map_err(|kind| Error::new(format!("tokens[{index}].activated"), kind))?;
            tokens.push(Token {
                activated_day: Day::of(token.activated),
                ..token
            });
        }
        Ok(Membership {
            account: self.account,
            network_member: self.network_member,
            portal: self.portal,
            business_profile: self.business_profile,
            offers,
            tokens,
        })
    }
}

/// The first id that repeats an earlier one: its index, and the index of
/// the earlier one. One pass over a hash map.
fn first_repeated<'a>(ids: impl Iterator<Item = &'a str>) -> Option<(usize, usize)> {
    let mut seen: HashMap<&'a str, usize> = HashMap::new();
    for (index, id) in ids.enumerate() {
        if let Some(first) = seen.get(id) {
            return Some((index, *first));
        }
        seen.insert(id, index);
    }
    None
}

fn check_range(
    date: NaiveDate,
    before: i32,
    after: i32,
    needed: &'static str,
) -> Result<(), ErrorKind> {
    if !within_reach(date, before, after) {
        return Err(ErrorKind::DateOutOfRange { date, needed });
    }
    Ok(())
}

fn check_offer(draft: OfferDraft, index: usize) -> Result<Offer, Error> {
    let at = |field: &str, kind: ErrorKind| Error::new(format!("offers[{index}].{field}"), kind);
    if draft.id.is_empty() {
        return Err(at("id", ErrorKind::Empty));
    }
    let kind = draft.kind;
    match (&draft.area, kind.is_competency()) {
        (None, true) => return Err(at("area", ErrorKind::MissingArea(kind))),
        (Some(area), true) if area.is_empty() => return Err(at("area", ErrorKind::Empty)),
        (Some(_), false) => {
            return Err(at(
                "area",
                ErrorKind::FieldNotForKind {
                    kind,
                    field: "area",
                },
            ))
        }
        _ => {}
    }
    if draft.auto_renew.is_some() && kind != OfferKind::ActionPack {
        return Err(at(
            "auto_renew",
            ErrorKind::FieldNotForKind {
                kind,
                field: "auto_renew",
            },
        ));
    }
    if !kind.is_competency() {
        // P1's requirements and E5's override concern competencies only.
        for (given, field) in [
            (draft.performance_met.is_some(), "performance_met"),
            (draft.exams_validated.is_some(), "exams_validated"),
            (
                draft.covid_override_requested.is_some(),
                "covid_override_requested",
            ),
        ] {
            if given {
                return Err(at(field, ErrorKind::FieldNotForKind { kind, field }));
            }
        }
    }
    if draft.origin_account.as_deref() == Some("") {
        return Err(at("origin_account", ErrorKind::Empty));
    }
    check_range(draft.purchased, 0, 0, "the purchase date")
        .map_err(|kind| at("purchased", kind))?;
    let anniversary = match draft.anniversary {
        Some(anniversary) => {
            if anniversary <= draft.purchased {
                return Err(at(
                    "anniversary",
                    ErrorKind::AnniversaryNotAfterPurchase {
                        anniversary,
                        purchased: draft.purchased,
                    },
                ));
            }
            check_range(
                anniversary,
                ANNIVERSARY_REACH.0,
                ANNIVERSARY_REACH.1,
                "the anniversary - 90 days and + 366 days",
            )
            .map_err(|kind| at("anniversary", kind))?;
            anniversary
        }
        // W1, D1: by default the first anniversary of the purchase; the
        // purchase date is then the field to blame for a range error.
        None => first_anniversary(draft.purchased)
            .filter(|&anniversary| {
                check_range(anniversary, ANNIVERSARY_REACH.0, ANNIVERSARY_REACH.1, "").is_ok()
            })
            .ok_or_else(|| {
                at(
                    "purchased",
                    ErrorKind::DateOutOfRange {
                        date: draft.purchased,
                        needed: "its first anniversary (the default anniversary) + 366 days",
                    },
                )
            })?,
    };
    Ok(Offer {
        id: draft.id,
        kind,
        area: draft.area,
        purchased: draft.purchased,
        anniversary,
        anniversary_day: Day::of(anniversary),
        auto_renew: draft.auto_renew.unwrap_or(kind == OfferKind::ActionPack),
        cancelled: draft.cancelled,
        performance_met: draft.performance_met.unwrap_or(false),
        exams_validated: draft.exams_validated.unwrap_or(false),
        origin_account: draft.origin_account,
        covid_override_requested: draft.covid_override_requested.unwrap_or(false),
        purchased_day: Day::of(draft.purchased),
        known_dates: KnownDates::of(anniversary),
    })
}
