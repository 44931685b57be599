//! Actions: what a membership may do, as the evaluation lists them and as
//! [`apply`](crate::apply) carries them out, with the short text form
//! `NAME[:TARGET]` of the command line.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, ErrorKind, Snippet};
use crate::offer::OfferKind;
use crate::text::{same, same_option, Text};

/// An action a membership may take, with what it applies to.
///
/// An evaluation's actions borrow their ids from the membership
/// (`Action<&'a str>`); [`into_owned`](Action::into_owned) gives an
/// `Action<String>` (the default, [`Text`]) that owns them, to keep or send
/// elsewhere; the two compare equal. Build one with the constructors
/// ([`Action::renew`], …).
///
/// Its serde form is `{"action": "renew", "offer": "maps"}`; its text form
/// (`Display`, [`Action::parse`], `FromStr`) is `renew:maps`.
///
/// ```
/// use mpn_renewals::Action;
///
/// let requested: Action = "renew:maps".parse()?;
/// assert_eq!(requested, Action::renew("maps"));
/// assert_eq!(requested.to_string(), "renew:maps");
/// assert_eq!(requested.as_str(), "renew");
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        tag = "action",
        rename_all = "snake_case",
        rename_all_fields = "snake_case",
        bound(
            serialize = "T: serde::Serialize",
            deserialize = "T: serde::Deserialize<'de>"
        )
    )
)]
#[non_exhaustive] // a new policy may bring a new action
pub enum Action<T = String> {
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
        id: Option<T>,
    },
    /// W2–W7, P1, P2, G2: renew an offer in its window.
    Renew {
        /// The offer's id.
        offer: T,
    },
    /// E1, E2: pay the fee of a lapsed competency covered by an extension.
    Reactivate {
        /// The offer's id.
        offer: T,
    },
    /// E2, E5: ask support for a COVID override.
    RequestCovidOverride {
        /// The offer's id.
        offer: T,
    },
    /// A2: turn off an Action Pack's automatic renewal.
    TurnOffAutoRenew {
        /// The offer's id.
        offer: T,
    },
    /// A3: ask Partner Center Support to cancel an Action Pack.
    RequestCancellation {
        /// The offer's id.
        offer: T,
    },
    /// A4: download an Action Pack's invoice.
    DownloadInvoice {
        /// The offer's id.
        offer: T,
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
        token: T,
    },
}

/// The wire names of the actions, as an error lists them.
const ACTION_NAMES: &str = "purchase, renew, reactivate, request_covid_override, \
turn_off_auto_renew, request_cancellation, download_invoice, update_business_profile, \
provide_verification_documents, migrate_to_partner_center, request_replacement_token";

impl<'a> Action<&'a str> {
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
    pub fn parse(text: &'a str) -> Result<Action<&'a str>, Error> {
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
            Some(target) if !target.is_empty() => Ok(target),
            _ => Err(invalid("it needs a target: NAME:ID")),
        };
        let none = |action: Action<&'a str>| match target {
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
                    id => Ok(Action::Purchase { kind, id }),
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

    /// `purchase` of a pack of `kind`, as an evaluation lists it (no id).
    pub const fn purchase(kind: OfferKind) -> Self {
        Action::Purchase { kind, id: None }
    }

    /// `purchase` of a pack of `kind` as the new offer `id`, as
    /// [`apply`](crate::apply) carries it out.
    pub const fn purchase_as(kind: OfferKind, id: &'a str) -> Self {
        Action::Purchase { kind, id: Some(id) }
    }

    /// `renew` of the offer `offer`.
    pub const fn renew(offer: &'a str) -> Self {
        Action::Renew { offer }
    }

    /// `reactivate` of the offer `offer`.
    pub const fn reactivate(offer: &'a str) -> Self {
        Action::Reactivate { offer }
    }

    /// `request_covid_override` for the offer `offer`.
    pub const fn request_covid_override(offer: &'a str) -> Self {
        Action::RequestCovidOverride { offer }
    }

    /// `turn_off_auto_renew` of the offer `offer`.
    pub const fn turn_off_auto_renew(offer: &'a str) -> Self {
        Action::TurnOffAutoRenew { offer }
    }

    /// `request_cancellation` of the offer `offer`.
    pub const fn request_cancellation(offer: &'a str) -> Self {
        Action::RequestCancellation { offer }
    }

    /// `download_invoice` of the offer `offer`.
    pub const fn download_invoice(offer: &'a str) -> Self {
        Action::DownloadInvoice { offer }
    }

    /// `request_replacement_token` for the token `token`.
    pub const fn request_replacement_token(token: &'a str) -> Self {
        Action::RequestReplacementToken { token }
    }

    /// `update_business_profile`.
    ///
    /// The variants without a target are generic too; this constructor
    /// names the form, where the bare `Action::UpdateBusinessProfile`
    /// would need one (`Action::<&str>::UpdateBusinessProfile`).
    pub const fn update_business_profile() -> Self {
        Action::UpdateBusinessProfile
    }

    /// `provide_verification_documents` (see
    /// [`update_business_profile`](Action::update_business_profile)).
    pub const fn provide_verification_documents() -> Self {
        Action::ProvideVerificationDocuments
    }

    /// `migrate_to_partner_center` (see
    /// [`update_business_profile`](Action::update_business_profile)).
    pub const fn migrate_to_partner_center() -> Self {
        Action::MigrateToPartnerCenter
    }
}

impl<T: Text> Action<T> {
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
            Action::Purchase { id, .. } => id.as_ref().map(AsRef::as_ref),
            Action::Renew { offer }
            | Action::Reactivate { offer }
            | Action::RequestCovidOverride { offer }
            | Action::TurnOffAutoRenew { offer }
            | Action::RequestCancellation { offer }
            | Action::DownloadInvoice { offer } => Some(offer.as_ref()),
            Action::RequestReplacementToken { token } => Some(token.as_ref()),
            Action::UpdateBusinessProfile
            | Action::ProvideVerificationDocuments
            | Action::MigrateToPartnerCenter => None,
        }
    }

    /// The same action, owning its ids: `'static`, to keep or send.
    pub fn into_owned(self) -> Action<String> {
        self.map(Text::into_string)
    }

    /// The same action, borrowing its ids from this one.
    pub fn as_borrowed(&self) -> Action<&str> {
        match self {
            Action::Purchase { kind, id } => Action::Purchase {
                kind: *kind,
                id: id.as_ref().map(AsRef::as_ref),
            },
            Action::Renew { offer } => Action::Renew {
                offer: offer.as_ref(),
            },
            Action::Reactivate { offer } => Action::Reactivate {
                offer: offer.as_ref(),
            },
            Action::RequestCovidOverride { offer } => Action::RequestCovidOverride {
                offer: offer.as_ref(),
            },
            Action::TurnOffAutoRenew { offer } => Action::TurnOffAutoRenew {
                offer: offer.as_ref(),
            },
            Action::RequestCancellation { offer } => Action::RequestCancellation {
                offer: offer.as_ref(),
            },
            Action::DownloadInvoice { offer } => Action::DownloadInvoice {
                offer: offer.as_ref(),
            },
            Action::UpdateBusinessProfile => Action::UpdateBusinessProfile,
            Action::ProvideVerificationDocuments => Action::ProvideVerificationDocuments,
            Action::MigrateToPartnerCenter => Action::MigrateToPartnerCenter,
            Action::RequestReplacementToken { token } => Action::RequestReplacementToken {
                token: token.as_ref(),
            },
        }
    }

    /// The same action with its ids mapped.
    fn map<U>(self, f: impl Fn(T) -> U) -> Action<U> {
        match self {
            Action::Purchase { kind, id } => Action::Purchase {
                kind,
                id: id.map(f),
            },
            Action::Renew { offer } => Action::Renew { offer: f(offer) },
            Action::Reactivate { offer } => Action::Reactivate { offer: f(offer) },
            Action::RequestCovidOverride { offer } => {
                Action::RequestCovidOverride { offer: f(offer) }
            }
            Action::TurnOffAutoRenew { offer } => Action::TurnOffAutoRenew { offer: f(offer) },
            Action::RequestCancellation { offer } => {
                Action::RequestCancellation { offer: f(offer) }
            }
            Action::DownloadInvoice { offer } => Action::DownloadInvoice { offer: f(offer) },
            Action::UpdateBusinessProfile => Action::UpdateBusinessProfile,
            Action::ProvideVerificationDocuments => Action::ProvideVerificationDocuments,
            Action::MigrateToPartnerCenter => Action::MigrateToPartnerCenter,
            Action::RequestReplacementToken { token } => {
                Action::RequestReplacementToken { token: f(token) }
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
}

impl FromStr for Action<String> {
    type Err = Error;

    /// [`Action::parse`], owning the ids.
    fn from_str(text: &str) -> Result<Self, Error> {
        Action::parse(text).map(Action::into_owned)
    }
}

impl<T: Text> fmt::Display for Action<T> {
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

impl<A: Text, B: Text> PartialEq<Action<B>> for Action<A> {
    /// The same action on the same target, whether the ids are borrowed or
    /// owned.
    fn eq(&self, other: &Action<B>) -> bool {
        match (self, other) {
            (Action::Purchase { kind: a, id: x }, Action::Purchase { kind: b, id: y }) => {
                a == b && same_option(x, y)
            }
            (Action::Renew { offer: a }, Action::Renew { offer: b })
            | (Action::Reactivate { offer: a }, Action::Reactivate { offer: b })
            | (
                Action::RequestCovidOverride { offer: a },
                Action::RequestCovidOverride { offer: b },
            )
            | (Action::TurnOffAutoRenew { offer: a }, Action::TurnOffAutoRenew { offer: b })
            | (
                Action::RequestCancellation { offer: a },
                Action::RequestCancellation { offer: b },
            )
            | (Action::DownloadInvoice { offer: a }, Action::DownloadInvoice { offer: b })
            | (
                Action::RequestReplacementToken { token: a },
                Action::RequestReplacementToken { token: b },
            ) => same(a, b),
            (Action::UpdateBusinessProfile, Action::UpdateBusinessProfile)
            | (Action::ProvideVerificationDocuments, Action::ProvideVerificationDocuments)
            | (Action::MigrateToPartnerCenter, Action::MigrateToPartnerCenter) => true,
            _ => false,
        }
    }
}

impl<T: Text> Eq for Action<T> {}
