//! The answer of [`evaluate`](crate::evaluate): what is open today, what is
//! not and why, what is due, and when that changes.
//!
//! Every part borrows the ids and names it shows from the membership and the
//! policy it was computed from (hence the lifetime `'a`), so an evaluation
//! copies no string and, through
//! [`Policy::evaluate_into`](crate::Policy::evaluate_into), need not allocate.

use std::fmt;

use chrono::NaiveDate;

use crate::entries::{Entries, Filler};
use crate::offer::OfferKind;

/// The evaluation of one membership on one day under one policy.
///
/// Its serde form is the evaluation of the [wire contract](crate::docs::wire).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Evaluation<'a> {
    /// The day evaluated.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub today: NaiveDate,
    /// The name of the policy applied.
    pub policy: &'a str,
    /// G2: the highest level of core benefits held today, `None` for an
    /// account that is not a network member and holds nothing with benefits.
    pub core_benefits: Option<CoreBenefits>,
    /// One entry per offer, in the membership's order.
    pub offers: Entries<OfferStatus<'a>, 4>,
    /// The actions open today.
    pub allowed: Entries<Action<'a>, 12>,
    /// The actions that are not, each with every reason that holds.
    pub blocked: Entries<Blocked<'a>, 8>,
    /// The reminders and notices due today.
    pub reminders: Entries<Reminder<'a>, 4>,
    /// The first day after `today` on which the evaluation differs in
    /// anything but `today` and `next_change`, or `None` if it never will.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::option_date"))]
    pub next_change: Option<NaiveDate>,
}

impl<'a> Evaluation<'a> {
    /// An empty evaluation, to be filled by
    /// [`Policy::evaluate_into`](crate::Policy::evaluate_into).
    pub const fn new() -> Self {
        Evaluation {
            today: NaiveDate::MIN,
            policy: "",
            core_benefits: None,
            offers: Entries::new(),
            allowed: Entries::new(),
            blocked: Entries::new(),
            reminders: Entries::new(),
            next_change: None,
        }
    }

    /// Whether `action` is open today.
    pub fn is_allowed(&self, action: &Action<'_>) -> bool {
        self.allowed.iter().any(|open| open == action)
    }

    /// The blocked entry of `action`, if it is listed as blocked.
    pub fn blocked(&self, action: &Action<'_>) -> Option<&Blocked<'a>> {
        self.blocked.iter().find(|entry| &entry.action == action)
    }

    /// The status of the offer with this id.
    pub fn offer(&self, id: &str) -> Option<&OfferStatus<'a>> {
        self.offers.iter().find(|status| status.id == id)
    }
}

impl Default for Evaluation<'_> {
    fn default() -> Self {
        Evaluation::new()
    }
}

/// G2: the package of core benefits an account holds, from the lowest to the
/// highest attainment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum CoreBenefits {
    /// M1: network membership, the base level.
    Network,
    /// An Action Pack.
    ActionPack,
    /// A silver competency.
    Silver,
    /// A gold competency.
    Gold,
}

/// Where an offer stands in its yearly cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Phase {
    /// Before the renewal window opens.
    Active,
    /// Inside the renewal window: benefits continue (W4) and the offer may
    /// be renewed.
    RenewalWindow,
    /// W6: after the window closed unrenewed: benefits are lost.
    Lapsed,
    /// A3: cancelled through support.
    Cancelled,
}

impl Phase {
    /// W4, B1: benefits (and product licenses) hold in these phases only.
    pub const fn has_benefits(self) -> bool {
        matches!(self, Phase::Active | Phase::RenewalWindow)
    }
}

/// The renewal window of one anniversary: `opens ..= closes`.
///
/// ```
/// use mpn_renewals::RenewalWindow;
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // W3: an anniversary of 2020-06-22 may be renewed 2020-06-23 ..= 2020-07-22.
/// let window = RenewalWindow { opens: day(2020, 6, 23), closes: day(2020, 7, 22) };
/// assert!(window.contains(day(2020, 7, 22)));
/// assert!(!window.contains(day(2020, 7, 23)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RenewalWindow {
    /// The first day of the window.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub opens: NaiveDate,
    /// The last day of the window.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub closes: NaiveDate,
}

impl RenewalWindow {
    /// Whether `date` is inside the window, both ends included.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.opens <= date && date <= self.closes
    }
}

/// One offer as it stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct OfferStatus<'a> {
    /// The offer's id.
    pub id: &'a str,
    /// Its phase today.
    pub phase: Phase,
    /// Its current anniversary.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::date"))]
    pub anniversary: NaiveDate,
    /// The renewal window of the current anniversary (for a lapsed offer,
    /// the window it missed).
    pub window: RenewalWindow,
    /// W4, B1: whether its benefits hold today.
    pub benefits: bool,
    /// The name of the extension that covers its anniversary, if any.
    pub extension: Option<&'a str>,
}

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

/// An action that is not open today, with every reason that holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Blocked<'a> {
    /// The action.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub action: Action<'a>,
    /// Every reason that holds (at least one).
    pub reasons: Reasons,
    /// Where the reasons include [`Reason::WindowNotOpen`] or
    /// [`Reason::NotYetActivated`]: the first day on which that reason no
    /// longer holds.
    #[cfg_attr(
        feature = "serde",
        serde(
            skip_serializing_if = "Option::is_none",
            serialize_with = "crate::wire::option_date"
        )
    )]
    pub allowed_from: Option<NaiveDate>,
}

/// Why an action is blocked: each variant names the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive] // a new policy may bring a new reason
#[repr(u8)]
pub enum Reason {
    /// A3: the offer was cancelled.
    Cancelled,
    /// W2, W7: the renewal window has not opened yet.
    WindowNotOpen,
    /// W6: the renewal window has closed.
    WindowClosed,
    /// P1: the competency's performance requirements are not met.
    PerformanceNotMet,
    /// P1: the competency's exams and skills are not validated.
    ExamsNotValidated,
    /// P3: the extension's effects need Partner Center.
    NotInPartnerCenter,
    /// E1, E2: the extension's reactivation period is over.
    ReactivationPeriodOver,
    /// P2: the business profile needs review.
    ProfileNeedsReview,
    /// P2: the business profile's verification is pending.
    VerificationPending,
    /// M2: only a network member may buy or renew.
    NotNetworkMember,
    /// M4: an offer of that kind is already active or in its window.
    AlreadyHeld,
    /// G2: another pack of this kind in the account is the one that renews.
    OneActionPackPerAccount,
    /// B2: the token's one replacement was already issued.
    ReplacementAlreadyIssued,
    /// B2: the token is not activated yet.
    NotYetActivated,
    /// B2: more than 30 days have passed since the activation.
    ReplacementPeriodOver,
}

impl Reason {
    /// Every reason, in the order [`Reasons`] lists them.
    pub const ALL: [Reason; 15] = [
        Reason::Cancelled,
        Reason::WindowNotOpen,
        Reason::WindowClosed,
        Reason::PerformanceNotMet,
        Reason::ExamsNotValidated,
        Reason::NotInPartnerCenter,
        Reason::ReactivationPeriodOver,
        Reason::ProfileNeedsReview,
        Reason::VerificationPending,
        Reason::NotNetworkMember,
        Reason::AlreadyHeld,
        Reason::OneActionPackPerAccount,
        Reason::ReplacementAlreadyIssued,
        Reason::NotYetActivated,
        Reason::ReplacementPeriodOver,
    ];

    /// The wire name (`window_not_open`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::NotNetworkMember => "not_network_member",
            Reason::AlreadyHeld => "already_held",
            Reason::Cancelled => "cancelled",
            Reason::WindowNotOpen => "window_not_open",
            Reason::WindowClosed => "window_closed",
            Reason::PerformanceNotMet => "performance_not_met",
            Reason::ExamsNotValidated => "exams_not_validated",
            Reason::ProfileNeedsReview => "profile_needs_review",
            Reason::VerificationPending => "verification_pending",
            Reason::OneActionPackPerAccount => "one_action_pack_per_account",
            Reason::NotInPartnerCenter => "not_in_partner_center",
            Reason::ReactivationPeriodOver => "reactivation_period_over",
            Reason::ReplacementAlreadyIssued => "replacement_already_issued",
            Reason::NotYetActivated => "not_yet_activated",
            Reason::ReplacementPeriodOver => "replacement_period_over",
        }
    }

    const fn bit(self) -> u16 {
        1 << (self as u8)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of [`Reason`]s: a bit set, so building and copying one costs
/// nothing. Iterates (and serializes) in the order of [`Reason::ALL`].
///
/// ```
/// use mpn_renewals::{Reason, Reasons};
///
/// let reasons = Reasons::EMPTY.with(Reason::WindowClosed).with(Reason::Cancelled);
/// assert_eq!(reasons.len(), 2);
/// assert!(reasons.contains(Reason::Cancelled));
/// let names: Vec<_> = reasons.iter().map(|r| r.as_str()).collect();
/// assert_eq!(names, ["cancelled", "window_closed"]);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Reasons(u16);

impl Reasons {
    /// No reason.
    pub const EMPTY: Reasons = Reasons(0);

    /// This set and `reason`.
    #[must_use]
    pub const fn with(self, reason: Reason) -> Reasons {
        Reasons(self.0 | reason.bit())
    }

    /// This set and `reason` if `holds`.
    #[must_use]
    pub const fn with_if(self, holds: bool, reason: Reason) -> Reasons {
        if holds {
            self.with(reason)
        } else {
            self
        }
    }

    /// Every reason of this set and of `other`.
    #[must_use]
    pub const fn union(self, other: Reasons) -> Reasons {
        Reasons(self.0 | other.0)
    }

    /// Whether `reason` is in the set.
    pub const fn contains(self, reason: Reason) -> bool {
        self.0 & reason.bit() != 0
    }

    /// Whether the set is empty: the action is open.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many reasons the set holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The reasons, in the order of [`Reason::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Reason> {
        Reason::ALL.into_iter().filter(move |r| self.contains(*r))
    }
}

impl fmt::Debug for Reasons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl FromIterator<Reason> for Reasons {
    fn from_iter<I: IntoIterator<Item = Reason>>(iter: I) -> Self {
        iter.into_iter().fold(Reasons::EMPTY, Reasons::with)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Reasons {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A reminder or notice due today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Reminder<'a> {
    /// Which reminder.
    pub kind: ReminderKind,
    /// The offer it concerns.
    pub offer: &'a str,
    /// N3: who receives it: always the Global admin and MPN admin roles.
    pub recipients: &'static [Recipient],
    /// N4: the extension whose dates it follows, if any.
    pub extension: Option<&'a str>,
}

/// N3: the roles every reminder goes to.
pub const RECIPIENTS: &[Recipient] = &[Recipient::GlobalAdmin, Recipient::MpnAdmin];

/// The kinds of reminders and notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive] // a new policy may bring a new reminder
pub enum ReminderKind {
    /// N1: 15 days before the anniversary.
    UpcomingAnniversary,
    /// N1, A1: 15 days before the anniversary of an Action Pack that renews
    /// automatically.
    UpcomingAutoRenewal,
    /// A1: the window's first day, when an automatic renewal is charged.
    AutoRenewalDue,
    /// N2: 23 days after the anniversary, while unrenewed in the window.
    WindowClosing,
    /// W6, N5: the first day of the lapse: benefits are lost, and on-premises
    /// software from the offer must be uninstalled or licensed (B1).
    BenefitsLost,
}

impl ReminderKind {
    /// The wire name (`upcoming_anniversary`).
    pub const fn as_str(self) -> &'static str {
        match self {
            ReminderKind::UpcomingAnniversary => "upcoming_anniversary",
            ReminderKind::UpcomingAutoRenewal => "upcoming_auto_renewal",
            ReminderKind::AutoRenewalDue => "auto_renewal_due",
            ReminderKind::WindowClosing => "window_closing",
            ReminderKind::BenefitsLost => "benefits_lost",
        }
    }
}

/// N3: a role that receives reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Recipient {
    /// The Global admin role.
    GlobalAdmin,
    /// The MPN admin role.
    MpnAdmin,
}

impl Filler for OfferStatus<'_> {
    const FILLER: Self = OfferStatus {
        id: "",
        phase: Phase::Active,
        anniversary: NaiveDate::MIN,
        window: RenewalWindow {
            opens: NaiveDate::MIN,
            closes: NaiveDate::MIN,
        },
        benefits: false,
        extension: None,
    };
}

impl Filler for Action<'_> {
    const FILLER: Self = Action::UpdateBusinessProfile;
}

impl Filler for Blocked<'_> {
    const FILLER: Self = Blocked {
        action: Action::UpdateBusinessProfile,
        reasons: Reasons::EMPTY,
        allowed_from: None,
    };
}

impl Filler for Reminder<'_> {
    const FILLER: Self = Reminder {
        kind: ReminderKind::UpcomingAnniversary,
        offer: "",
        recipients: RECIPIENTS,
        extension: None,
    };
}
