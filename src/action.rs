//! Actions: what a membership may do, as the evaluation lists them and as
//! [`apply`](crate::apply) carries them out, with the short text form
//! `NAME[:TARGET]` of the command line.

use std::fmt;

use crate::offer::OfferKind;

/// An action a membership may take, with what it applies to.
///
/// Its serde form is `{"action": "renew", "offer": "maps"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "action",
        rename_all = "snake_case",
        rename_all_fields = "snake_case"
    )
)]
#[non_exhaustive] // a new policy may bring a new action
pub enum Action<'a> {
    /// M2, M4: buy a pack.
    ///
    /// In an evaluation `id` is always `None`: the entry says that a pack
    /// of that kind may be bought. To `apply` a purchase,
    /// give the id of the new offer.
    Purchase {
        /// Action Pack or Learning Action Pack.
        kind: OfferKind,
        /// The id of the offer to create, for `apply` only.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        id: Option<&'a str>,
    },
    /// W2–W7, P1, P2, G2: renew an offer in its window.
    Renew {
        /// The offer's id.
        offer: &'a str,
    },
    /// E1, E2: pay the fee of a lapsed competency covered by an extension.
    Reactivate {
        /// The offer's id.
        offer: &'a str,
    },
    /// E2, E5: ask support for a COVID override.
    RequestCovidOverride {
        /// The offer's id.
        offer: &'a str,
    },
    /// A2: turn off an Action Pack's automatic renewal.
    TurnOffAutoRenew {
        /// The offer's id.
        offer: &'a str,
    },
    /// A3: ask Partner Center Support to cancel an Action Pack.
    RequestCancellation {
        /// The offer's id.
        offer: &'a str,
    },
    /// A4: download an Action Pack's invoice.
    DownloadInvoice {
        /// The offer's id.
        offer: &'a str,
    },
    /// P2: review and update the business profile.
    UpdateBusinessProfile,
    /// P2: send the documents that verify the business profile.
    ProvideVerificationDocuments,
    /// P3: move from PMC to Partner Center.
    MigrateToPartnerCenter,
    /// B2: ask for the one replacement of a token.
    RequestReplacementToken {
        /// The token's id.
        token: &'a str,
    },
}

impl<'a> Action<'a> {
    /// The wire name of the action (`renew`, `purchase`, …).
    pub const fn name(&self) -> &'static str {
        match self {
            Action::Purchase { .. } => "purchase",
            Action::Renew { .. } => "renew",
            Action::Reactivate { .. } => "reactivate",
            Action::RequestCovidOverride { .. } => "request_covid_override",
            Action::TurnOffAutoRenew { .. } => "turn_off_auto_renew",
            Action::RequestCancellation { .. } => "request_cancellation",
            Action::DownloadInvoice { .. } => "download_invoice",
            Action::UpdateBusinessProfile => "update_business_profile",
            Action::ProvideVerificationDocuments => "provide_verification_documents",
            Action::MigrateToPartnerCenter => "migrate_to_partner_center",
            Action::RequestReplacementToken { .. } => "request_replacement_token",
        }
    }

    /// Parses the short form `NAME[:TARGET]` that [`Display`](fmt::Display)
    /// writes: `renew:maps`, `purchase:action_pack:NEWID` (or
    /// `purchase:action_pack` without an id), `request_replacement_token:T`,
    /// `update_business_profile`.
    ///
    /// ```
    /// use mpn_renewals::{Action, OfferKind};
    ///
    /// assert_eq!(Action::parse("renew:maps")?, Action::Renew { offer: "maps" });
    /// assert_eq!(
    ///     Action::parse("purchase:learning_action_pack:lap2")?,
    ///     Action::Purchase { kind: OfferKind::LearningActionPack, id: Some("lap2") }
    /// );
    /// assert_eq!(Action::parse("renew:maps")?.to_string(), "renew:maps");
    /// assert!(Action::parse("renew").is_err());
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAction`](crate::ErrorKind::InvalidAction), with
    /// the path `action`.
    pub fn parse(text: &'a str) -> Result<Action<'a>, crate::Error> {
        let invalid = |why: &'static str| {
            crate::Error::new(
                "action",
                crate::ErrorKind::InvalidAction {
                    text: text.to_owned(),
                    why,
                },
            )
        };
        let mut parts = text.splitn(3, ':');
        let name = parts.next().unwrap_or_default();
        let target = parts.next();
        let rest = parts.next();
        let needs = |target: Option<&'a str>| match target {
            Some(target) if !target.is_empty() => Ok(target),
            _ => Err(invalid("it needs a target: NAME:ID")),
        };
        let action = match name {
            "purchase" => {
                let kind = match target {
                    Some("action_pack") => OfferKind::ActionPack,
                    Some("learning_action_pack") => OfferKind::LearningActionPack,
                    _ => {
                        return Err(invalid(
                            "a purchase is purchase:action_pack[:ID] or purchase:learning_action_pack[:ID]",
                        ))
                    }
                };
                let id = match rest {
                    None => None,
                    Some("") => return Err(invalid("the new offer's id is empty")),
                    Some(id) => Some(id),
                };
                return Ok(Action::Purchase { kind, id });
            }
            "renew" => Action::Renew {
                offer: needs(target)?,
            },
            "reactivate" => Action::Reactivate {
                offer: needs(target)?,
            },
            "request_covid_override" => Action::RequestCovidOverride {
                offer: needs(target)?,
            },
            "turn_off_auto_renew" => Action::TurnOffAutoRenew {
                offer: needs(target)?,
            },
            "request_cancellation" => Action::RequestCancellation {
                offer: needs(target)?,
            },
            "download_invoice" => Action::DownloadInvoice {
                offer: needs(target)?,
            },
            "request_replacement_token" => Action::RequestReplacementToken {
                token: needs(target)?,
            },
            "update_business_profile" => Action::UpdateBusinessProfile,
            "provide_verification_documents" => Action::ProvideVerificationDocuments,
            "migrate_to_partner_center" => Action::MigrateToPartnerCenter,
            _ => return Err(invalid("unknown action name")),
        };
        let has_target = !matches!(
            action,
            Action::UpdateBusinessProfile
                | Action::ProvideVerificationDocuments
                | Action::MigrateToPartnerCenter
        );
        if rest.is_some() || (!has_target && target.is_some()) {
            return Err(invalid("too many parts"));
        }
        Ok(action)
    }
}

impl fmt::Display for Action<'_> {
    /// The short form [`Action::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        match self {
            Action::Purchase { kind, id } => {
                write!(f, ":{kind}")?;
                if let Some(id) = id {
                    write!(f, ":{id}")?;
                }
                Ok(())
            }
            Action::Renew { offer }
            | Action::Reactivate { offer }
            | Action::RequestCovidOverride { offer }
            | Action::TurnOffAutoRenew { offer }
            | Action::RequestCancellation { offer }
            | Action::DownloadInvoice { offer } => write!(f, ":{offer}"),
            Action::RequestReplacementToken { token } => write!(f, ":{token}"),
            Action::UpdateBusinessProfile
            | Action::ProvideVerificationDocuments
            | Action::MigrateToPartnerCenter => Ok(()),
        }
    }
}
