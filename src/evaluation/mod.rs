//! The answer of [`evaluate`](crate::evaluate): what is open today, what is
//! not and why, what is due, and when that changes.
//!
//! Every part borrows the ids and names it shows from the membership and the
//! policy it was computed from (hence the lifetime `'a`), so an evaluation
//! copies no string and, through
//! [`Rules::evaluate_into`](crate::Rules::evaluate_into), need not allocate.

mod list;

use chrono::NaiveDate;

use crate::action::Action;
use crate::reason::Reasons;

pub use crate::evaluate::Phases;
use list::Filler;
pub use list::{Actions, BlockedActions, OfferStatuses, Reminders};

/// The evaluation of one membership on one day under one policy.
///
/// Its serde form is the evaluation of the [wire contract](crate::docs::wire).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    pub offers: OfferStatuses<'a>,
    /// The actions open today.
    pub allowed: Actions<'a>,
    /// The actions that are not, each with every reason that holds.
    pub blocked: BlockedActions<'a>,
    /// The reminders and notices due today.
    pub reminders: Reminders<'a>,
    /// The first day after `today` on which the evaluation differs in
    /// anything but `today` and `next_change`, or `None` if it never will.
    #[cfg_attr(feature = "serde", serde(serialize_with = "crate::wire::option_date"))]
    pub next_change: Option<NaiveDate>,
}

impl<'a> Evaluation<'a> {
    /// An empty evaluation, to be filled by
    /// [`Rules::evaluate_into`](crate::Rules::evaluate_into).
    pub const fn new() -> Self {
        Evaluation {
            today: NaiveDate::MIN,
            policy: "",
            core_benefits: None,
            offers: OfferStatuses::new(),
            allowed: Actions::new(),
            blocked: BlockedActions::new(),
            reminders: Reminders::new(),
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
/// use mpn_renewals::evaluation::RenewalWindow;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

/// An action that is not open today, with every reason that holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Blocked<'a> {
    /// The action.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub action: Action<'a>,
    /// Every reason that holds (at least one).
    pub reasons: Reasons,
    /// Where the reasons include [`Reason::WindowNotOpen`](crate::Reason::WindowNotOpen) or
    /// [`Reason::NotYetActivated`](crate::Reason::NotYetActivated): the first day on which that reason no
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

/// A reminder or notice due today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

impl Recipient {
    /// N3: every role, the roles every reminder goes to.
    pub const ALL: &'static [Recipient] = &[Recipient::GlobalAdmin, Recipient::MpnAdmin];

    /// The wire name (`global_admin`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Recipient::GlobalAdmin => "global_admin",
            Recipient::MpnAdmin => "mpn_admin",
        }
    }
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
        recipients: Recipient::ALL,
        extension: None,
    };
}
