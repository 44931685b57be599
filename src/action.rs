//! Actions: what a membership may do, as the evaluation lists them and as
//! [`apply`](crate::apply) carries them out, with the short text form
//! `NAME[:TARGET]` of the command line.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Snippet};
use crate::offer::OfferKind;

/// An action a membership may take, with what it applies to.
///
/// An evaluation's actions borrow their ids from the membership
/// (`Action<'a>`); [`into_owned`](Action::into_owned) gives an
/// `Action<'static>` that owns them, to keep or send elsewhere. Build one
/// with the constructors ([`Action::renew`], …), which take a `&str` or a
/// `String`.
///
/// Its serde form is `{"action": "renew", "offer": "maps"}`; its text form
/// (`Display`, [`Action::parse`], `FromStr`) is `renew:maps`.
///
/// ```
/// use mpn_renewals::Action;
///
/// let requested: Action<'static> = "renew:maps".parse()?;
/// assert_eq!(requested, Action::renew("maps"));
/// assert_eq!(requested.to_string(), "renew:maps");
/// assert_eq!(requested.as_str(), "renew");
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// of that kind may be bought. To `apply` a purchase, give the id of
    /// the new offer.
    Purchase {
        /// Action Pack or Learning Action Pack.
        kind: OfferKind,
        /// The id of the offer to create, for `apply` only.
        #[cfg_attr(
            feature = "serde",
            serde(default, skip_serializing_if = "Option::is_none")
        )]
        id: Option<Cow<'a, str>>,
    },
    /// W2–W7, P1, P2, G2: renew an offer in its window.
    Renew {
        /// The offer's id.
        offer: Cow<'a, str>,
    },
    /// E1, E2: pay the fee of a lapsed competency covered by an extension.
    Reactivate {
        /// The offer's id.
        offer: Cow<'a, str>,
    },
    /// E2, E5: ask support for a COVID override.
    RequestCovidOverride {
        /// The offer's id.
        offer: Cow<'a, str>,
    },
    /// A2: turn off an Action Pack's automatic renewal.
    TurnOffAutoRenew {
        /// The offer's id.
        offer: Cow<'a, str>,
    },
    /// A3: ask Partner Center Support to cancel an Action Pack.
    RequestCancellation {
        /// The offer's id.
        offer: Cow<'a, str>,
    },
    /// A4: download an Action Pack's invoice.
    DownloadInvoice {
        /// The offer's id.
        offer: Cow<'a, str>,
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
        token: Cow<'a, str>,
    },
}

/// The wire names of the actions, as an error lists them.
const ACTION_NAMES: &str = "purchase, renew, reactivate, request_covid_override, \
turn_off_auto_renew, request_cancellation, download_invoice, update_business_profile, \
provide_verification_documents, migrate_to_partner_center, request_replacement_token";

impl<'a> Action<'a> {
    /// `purchase` of a pack of `kind`, as an evaluation lists it (no id).
    pub const fn purchase(kind: OfferKind) -> Self {
        Action::Purchase { kind, id: None }
    }

    /// `purchase` of a pack of `kind` as the new offer `id`, as
    /// [`apply`](crate::apply) carries it out.
    pub fn purchase_as(kind: OfferKind, id: impl Into<Cow<'a, str>>) -> Self {
        Action::Purchase {
            kind,
            id: Some(id.into()),
        }
    }

    /// `renew` of the offer `offer`.
    pub fn renew(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::Renew {
            offer: offer.into(),
        }
    }

    /// `reactivate` of the offer `offer`.
    pub fn reactivate(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::Reactivate {
            offer: offer.into(),
        }
    }

    /// `request_covid_override` for the offer `offer`.
    pub fn request_covid_override(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::RequestCovidOverride {
            offer: offer.into(),
        }
    }

    /// `turn_off_auto_renew` of the offer `offer`.
    pub fn turn_off_auto_renew(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::TurnOffAutoRenew {
            offer: offer.into(),
        }
    }

    /// `request_cancellation` of the offer `offer`.
    pub fn request_cancellation(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::RequestCancellation {
            offer: offer.into(),
        }
    }

    /// `download_invoice` of the offer `offer`.
    pub fn download_invoice(offer: impl Into<Cow<'a, str>>) -> Self {
        Action::DownloadInvoice {
            offer: offer.into(),
        }
    }

    /// `request_replacement_token` for the token `token`.
    pub fn request_replacement_token(token: impl Into<Cow<'a, str>>) -> Self {
        Action::RequestReplacementToken {
            token: token.into(),
        }
    }

    /// The wire name of the action, the `action` field of its serde form:
    /// `renew`, `purchase`, … Its `Display` adds the target
    /// (`renew:maps`).
    pub const fn as_str(&self) -> &'static str {
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

    /// The id the action concerns: the offer's, the token's, or the new
    /// offer's of a purchase; `None` for the actions on the membership and
    /// a purchase without an id.
    pub fn target(&self) -> Option<&str> {
        match self {
            Action::Purchase { id, .. } => id.as_deref(),
            Action::Renew { offer }
            | Action::Reactivate { offer }
            | Action::RequestCovidOverride { offer }
            | Action::TurnOffAutoRenew { offer }
            | Action::RequestCancellation { offer }
            | Action::DownloadInvoice { offer } => Some(offer),
            Action::RequestReplacementToken { token } => Some(token),
            Action::UpdateBusinessProfile
            | Action::ProvideVerificationDocuments
            | Action::MigrateToPartnerCenter => None,
        }
    }

    /// The same action, owning its ids: `'static`, to keep or send.
    pub fn into_owned(self) -> Action<'static> {
        let own = |text: Cow<'a, str>| Cow::Owned(text.into_owned());
        match self {
            Action::Purchase { kind, id } => Action::Purchase {
                kind,
                id: id.map(own),
            },
            Action::Renew { offer } => Action::Renew { offer: own(offer) },
            Action::Reactivate { offer } => Action::Reactivate { offer: own(offer) },
            Action::RequestCovidOverride { offer } => {
                Action::RequestCovidOverride { offer: own(offer) }
            }
            Action::TurnOffAutoRenew { offer } => Action::TurnOffAutoRenew { offer: own(offer) },
            Action::RequestCancellation { offer } => {
                Action::RequestCancellation { offer: own(offer) }
            }
            Action::DownloadInvoice { offer } => Action::DownloadInvoice { offer: own(offer) },
            Action::UpdateBusinessProfile => Action::UpdateBusinessProfile,
            Action::ProvideVerificationDocuments => Action::ProvideVerificationDocuments,
            Action::MigrateToPartnerCenter => Action::MigrateToPartnerCenter,
            Action::RequestReplacementToken { token } => {
                Action::RequestReplacementToken { token: own(token) }
            }
        }
    }

    /// The action as the subject of a refusal: `renew of maps`,
    /// `purchase of action_pack`, `update_business_profile`, with the id
    /// escaped and cut like any quoted input.
    pub(crate) fn phrase(&self) -> String {
        let mut phrase = String::from(self.as_str());
        let target = match self {
            Action::Purchase { kind, .. } => Some(Snippet::of(kind.as_str())),
            other => other.target().map(Snippet::of),
        };
        if let Some(target) = target {
            phrase.push_str(" of ");
            // Writing to a String cannot fail.
            let _ = target.write_escaped(&mut phrase);
        }
        phrase
    }

    /// Parses the text form `NAME[:TARGET]` that [`Display`](fmt::Display)
    /// writes: `renew:maps`, `purchase:action_pack:NEWID` (or
    /// `purchase:action_pack` without an id), `request_replacement_token:T`,
    /// `update_business_profile`. The target is everything after the first
    /// `:` (after the kind, for a purchase), so an id may itself hold a `:`
    /// and needs no escape: `renew:a:b` renews the offer `a:b`, and the
    /// text form of every action reads back as the same action.
    ///
    /// ```
    /// use mpn_renewals::{Action, OfferKind};
    ///
    /// assert_eq!(Action::parse("renew:maps")?, Action::renew("maps"));
    /// assert_eq!(
    ///     Action::parse("purchase:learning_action_pack:lap2")?,
    ///     Action::purchase_as(OfferKind::LearningActionPack, "lap2")
    /// );
    /// assert_eq!(Action::parse("renew:a:b")?, Action::renew("a:b"));
    /// assert_eq!(Action::renew("a:b").to_string(), "renew:a:b");
    /// assert!(Action::parse("renew").is_err());
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidAction`], with the path `action`.
    pub fn parse(text: &'a str) -> Result<Action<'a>, Error> {
        let invalid = |why: &'static str| {
            Error::new(
                "action",
                ErrorKind::InvalidAction {
                    text: Snippet::of(text),
                    why,
                },
            )
        };
        let (name, target) = match text.split_once(':') {
            Some((name, target)) => (name, Some(target)),
            None => (text, None),
        };
        let needs = |target: Option<&'a str>| match target {
            Some(target) if !target.is_empty() => Ok(Cow::Borrowed(target)),
            _ => Err(invalid("it needs a target: NAME:ID")),
        };
        let none = |action: Action<'a>| match target {
            None => Ok(action),
            Some(_) => Err(invalid("it takes no target")),
        };
        match name {
            "purchase" => {
                let (kind, id) = match target.map(|rest| rest.split_once(':')) {
                    Some(Some((kind, id))) => (kind, Some(id)),
                    Some(None) => (target.unwrap_or_default(), None),
                    None => ("", None),
                };
                let kind = match kind {
                    "action_pack" => OfferKind::ActionPack,
                    "learning_action_pack" => OfferKind::LearningActionPack,
                    _ => {
                        return Err(invalid(
                            "a purchase is purchase:action_pack[:ID] or purchase:learning_action_pack[:ID]",
                        ))
                    }
                };
                match id {
                    Some("") => Err(invalid("the new offer's id is empty")),
                    id => Ok(Action::Purchase {
                        kind,
                        id: id.map(Cow::Borrowed),
                    }),
                }
            }
            "renew" => Ok(Action::Renew {
                offer: needs(target)?,
            }),
            "reactivate" => Ok(Action::Reactivate {
                offer: needs(target)?,
            }),
            "request_covid_override" => Ok(Action::RequestCovidOverride {
                offer: needs(target)?,
            }),
            "turn_off_auto_renew" => Ok(Action::TurnOffAutoRenew {
                offer: needs(target)?,
            }),
            "request_cancellation" => Ok(Action::RequestCancellation {
                offer: needs(target)?,
            }),
            "download_invoice" => Ok(Action::DownloadInvoice {
                offer: needs(target)?,
            }),
            "request_replacement_token" => Ok(Action::RequestReplacementToken {
                token: needs(target)?,
            }),
            "update_business_profile" => none(Action::UpdateBusinessProfile),
            "provide_verification_documents" => none(Action::ProvideVerificationDocuments),
            "migrate_to_partner_center" => none(Action::MigrateToPartnerCenter),
            _ => Err(Error::new(
                "action",
                ErrorKind::UnknownName {
                    found: Snippet::of(name),
                    expected: ACTION_NAMES,
                },
            )),
        }
    }
}

impl FromStr for Action<'static> {
    type Err = Error;

    /// [`Action::parse`], owning the ids.
    fn from_str(text: &str) -> Result<Self, Error> {
        Action::parse(text).map(Action::into_owned)
    }
}

impl fmt::Display for Action<'_> {
    /// The text form [`Action::parse`] reads.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())?;
        if let Action::Purchase { kind, .. } = self {
            write!(f, ":{kind}")?;
        }
        match self.target() {
            Some(target) => write!(f, ":{target}"),
            None => Ok(()),
        }
    }
}
