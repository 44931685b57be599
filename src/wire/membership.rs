//! The serde form of a membership (the [wire contract](crate::docs::wire),
//! "Membership (input)").
//!
//! Reading goes through the same checks as
//! [`MembershipBuilder::build`](crate::MembershipBuilder::build): the
//! document is walked field by field into drafts (each problem of form
//! named by its path), and the drafts are built. Dates are parsed strictly
//! (`YYYY-MM-DD`, year 0001 to 9999).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::date;
use super::read::{At, Node, MEMBERSHIP_FIELDS, OFFER_FIELDS, TOKEN_FIELDS};
use crate::error::Error;
use crate::membership::{BusinessProfile, Membership, Portal};
use crate::offer::{OfferDraft, OfferKind, Token};

impl Membership {
    /// Reads a membership from its JSON form (the
    /// [wire contract](crate::docs::wire)), checked as the builder checks
    /// it. Feature `serde`.
    ///
    /// ```
    /// use mpn_renewals::Membership;
    ///
    /// let membership = Membership::from_json(r#"{"account": "contoso", "offers": [
    ///     {"id": "maps", "kind": "action_pack", "purchased": "2018-09-01"}]}"#)?;
    /// assert_eq!(membership.offers().len(), 1);
    ///
    /// let err = Membership::from_json("[]").unwrap_err();
    /// assert_eq!(err.to_string(), "(root): expected an object, found an array");
    /// let err = Membership::from_json(r#"{"account": "c", "offers": [
    ///     {"id": "m", "kind": "actionpack", "purchased": "2018-09-01"}]}"#).unwrap_err();
    /// assert_eq!(err.path(), "offers[0].kind");
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`] whose path names the place (`offers[0].kind`, `(root)`)
    /// and whose kind names the problem: text that is not JSON (with its
    /// line and column), a value of the wrong type, an unknown, repeated or
    /// missing field, a name that is not one of the wire form's, or any
    /// rule the builder checks.
    pub fn from_json(text: &str) -> Result<Membership, Error> {
        read_membership(Node::from_json(text)?)
    }
}

/// The membership of a document.
pub(crate) fn read_membership(node: Node) -> Result<Membership, Error> {
    let root = At::ROOT;
    let mut object = root.object(node, &MEMBERSHIP_FIELDS)?;
    let account = root.field("account");
    let account = account.string(object.required("account")?)?;
    let mut builder = Membership::builder(account);
    if let Some(node) = object.take("network_member") {
        builder = builder.network_member(root.field("network_member").boolean(node)?);
    }
    if let Some(node) = object.take("portal") {
        builder = builder.portal(root.field("portal").name::<Portal>(node)?);
    }
    if let Some(node) = object.take("business_profile") {
        builder = builder.business_profile(
            root.field("business_profile")
                .name::<BusinessProfile>(node)?,
        );
    }
    if let Some(node) = object.take("offers") {
        let at = root.field("offers");
        for (index, node) in at.array(node)?.into_iter().enumerate() {
            builder = builder.offer(read_offer(&at.index(index), node)?);
        }
    }
    if let Some(node) = object.take("tokens") {
        let at = root.field("tokens");
        for (index, node) in at.array(node)?.into_iter().enumerate() {
            builder = builder.token(read_token(&at.index(index), node)?);
        }
    }
    builder.build()
}

/// One offer: its draft, for the builder to check.
fn read_offer(at: &At<'_>, node: Node) -> Result<OfferDraft, Error> {
    let mut object = at.object(node, &OFFER_FIELDS)?;
    let id = at.field("id").string(object.required("id")?)?;
    let kind = at
        .field("kind")
        .name::<OfferKind>(object.required("kind")?)?;
    let purchased = at.field("purchased").date(object.required("purchased")?)?;
    let mut draft = OfferDraft::new(id, kind, purchased);
    // A field given as `null` counts as absent where the field is optional.
    if let Some(node) = object.optional("area") {
        draft = draft.area(at.field("area").string(node)?);
    }
    if let Some(node) = object.optional("anniversary") {
        draft = draft.anniversary(at.field("anniversary").date(node)?);
    }
    if let Some(node) = object.optional("auto_renew") {
        draft = draft.auto_renew(at.field("auto_renew").boolean(node)?);
    }
    if let Some(node) = object.take("cancelled") {
        draft = draft.cancelled(at.field("cancelled").boolean(node)?);
    }
    if let Some(node) = object.optional("performance_met") {
        draft = draft.performance_met(at.field("performance_met").boolean(node)?);
    }
    if let Some(node) = object.optional("exams_validated") {
        draft = draft.exams_validated(at.field("exams_validated").boolean(node)?);
    }
    if let Some(node) = object.optional("origin_account") {
        draft = draft.origin_account(at.field("origin_account").string(node)?);
    }
    if let Some(node) = object.optional("covid_override_requested") {
        let at = at.field("covid_override_requested");
        draft = draft.covid_override_requested(at.boolean(node)?);
    }
    Ok(draft)
}

/// One token, for the builder to check.
fn read_token(at: &At<'_>, node: Node) -> Result<Token, Error> {
    let mut object = at.object(node, &TOKEN_FIELDS)?;
    let id = at.field("id").string(object.required("id")?)?;
    let activated = at.field("activated").date(object.required("activated")?)?;
    let mut token = Token::new(id, activated);
    if let Some(node) = object.take("replaced") {
        token = token.replaced(at.field("replaced").boolean(node)?);
    }
    Ok(token)
}

impl<'de> Deserialize<'de> for Membership {
    /// The same checks as [`Membership::from_json`], from any
    /// self-describing format; the message starts with the path.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let node = Node::deserialize(deserializer)?;
        read_membership(node).map_err(serde::de::Error::custom)
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
