//! The serde form of a membership (the [wire contract](crate::docs::wire),
//! "Membership (input)").
//!
//! Deserializing goes through the same checks as
//! [`MembershipBuilder::build`](crate::MembershipBuilder::build): the raw
//! form below is turned into drafts, and the drafts are built. Dates are read
//! as strings and parsed here, strictly (`YYYY-MM-DD`, year 0001 to 9999), so
//! that a bad date is reported with its place (`offers[1].anniversary`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::{date, default_true, parse_at, ObjectOnly};
use crate::error::Error;
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{OfferDraft, OfferKind, Token};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMembership {
    account: String,
    #[serde(default = "default_true")]
    network_member: bool,
    #[serde(default)]
    portal: Portal,
    #[serde(default)]
    business_profile: BusinessProfile,
    #[serde(default)]
    offers: Vec<ObjectOnly<RawOffer>>,
    #[serde(default)]
    tokens: Vec<ObjectOnly<RawToken>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffer {
    id: String,
    kind: OfferKind,
    area: Option<String>,
    purchased: String,
    anniversary: Option<String>,
    auto_renew: Option<bool>,
    #[serde(default)]
    cancelled: bool,
    performance_met: Option<bool>,
    exams_validated: Option<bool>,
    origin_account: Option<String>,
    covid_override_requested: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawToken {
    id: String,
    activated: String,
    #[serde(default)]
    replaced: bool,
}

impl TryFrom<RawMembership> for Membership {
    type Error = Error;

    fn try_from(raw: RawMembership) -> Result<Self, Error> {
        let mut builder = Membership::builder(raw.account)
            .network_member(raw.network_member)
            .portal(raw.portal)
            .business_profile(raw.business_profile);
        for (index, ObjectOnly(offer)) in raw.offers.into_iter().enumerate() {
            let purchased = parse_at(&offer.purchased, || format!("offers[{index}].purchased"))?;
            let mut draft = OfferDraft::new(offer.id, offer.kind, purchased);
            draft.area = offer.area;
            draft.anniversary = match offer.anniversary {
                Some(text) => Some(parse_at(&text, || format!("offers[{index}].anniversary"))?),
                None => None,
            };
            draft.auto_renew = offer.auto_renew;
            draft.cancelled = offer.cancelled;
            draft.performance_met = offer.performance_met;
            draft.exams_validated = offer.exams_validated;
            draft.origin_account = offer.origin_account;
            draft.covid_override_requested = offer.covid_override_requested;
            builder = builder.offer(draft);
        }
        for (index, ObjectOnly(token)) in raw.tokens.into_iter().enumerate() {
            let activated = parse_at(&token.activated, || format!("tokens[{index}].activated"))?;
            builder = builder.token(Token::new(token.id, activated).replaced(token.replaced));
        }
        builder.build()
    }
}

impl<'de> Deserialize<'de> for Membership {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawMembership>::deserialize(deserializer)?;
        Membership::try_from(raw).map_err(serde::de::Error::custom)
    }
}

/// The wire form written back: every field of the contract that the offer's
/// kind has, so that reading it back gives the same membership.
#[derive(Serialize)]
struct WireMembership<'a> {
    account: &'a str,
    network_member: bool,
    portal: Portal,
    business_profile: BusinessProfile,
    offers: Vec<WireOffer<'a>>,
    tokens: Vec<WireToken<'a>>,
}

#[derive(Serialize)]
struct WireOffer<'a> {
    id: &'a str,
    kind: OfferKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<&'a str>,
    #[serde(serialize_with = "date")]
    purchased: NaiveDate,
    #[serde(serialize_with = "date")]
    anniversary: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    auto_renew: Option<bool>,
    cancelled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    performance_met: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    exams_validated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin_account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    covid_override_requested: Option<bool>,
}

#[derive(Serialize)]
struct WireToken<'a> {
    id: &'a str,
    #[serde(serialize_with = "date")]
    activated: NaiveDate,
    replaced: bool,
}

impl Serialize for Membership {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireMembership {
            account: &self.account,
            network_member: self.network_member,
            portal: self.portal,
            business_profile: self.business_profile,
            offers: self
                .offers
                .iter()
                .map(|offer| {
                    let competency = offer.kind.is_competency();
                    WireOffer {
                        id: &offer.id,
                        kind: offer.kind,
                        area: offer.area.as_deref(),
                        purchased: offer.purchased,
                        anniversary: offer.anniversary,
                        auto_renew: (offer.kind == OfferKind::ActionPack)
                            .then_some(offer.auto_renew),
                        cancelled: offer.cancelled,
                        performance_met: competency.then_some(offer.performance_met),
                        exams_validated: competency.then_some(offer.exams_validated),
                        origin_account: offer.origin_account.as_deref(),
                        covid_override_requested: competency
                            .then_some(offer.covid_override_requested),
                    }
                })
                .collect(),
            tokens: self
                .tokens
                .iter()
                .map(|token| WireToken {
                    id: &token.id,
                    activated: token.activated,
                    replaced: token.replaced,
                })
                .collect(),
        }
        .serialize(serializer)
    }
}
