//! The answer of [`evaluate`](crate::evaluate): what is open today, what is
//! not and why, what is due, and when that changes.
//!
//! The engine's answers borrow the ids and names they show from the
//! membership and the policy (their text is `&'a str`, see
//! [`Text`]), so an evaluation copies no string, its entries
//! cost nothing to copy or drop, and, through
//! [`Rules::evaluate_into`](crate::Rules::evaluate_into), it need not
//! allocate. `into_owned` turns each part into its owned form (text
//! `String`, the default), a `'static` value to store, send to another
//! thread or return; it compares equal to the borrowed one, and reads back
//! from its serde form.

mod list;

use std::fmt;
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use crate::action::Action;
use crate::reason::Reasons;
use crate::text::{same, same_option, Text};

pub use crate::evaluate::Phases;
pub use crate::reason::ReasonsIter;
use list::Filler;
pub use list::{Actions, BlockedActions, OfferStatuses, Reminders};

/// The evaluation of one membership on one day under one policy: with
/// borrowed text (`Evaluation<&'a str>`) as the engine gives it, or owned
/// (`Evaluation`, that is `Evaluation<String>`) after
/// [`into_owned`](Evaluation::into_owned).
///
/// Its serde form is the evaluation of the [wire contract](crate::docs::wire).
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(
        deny_unknown_fields,
        bound(
            serialize = "T: Text + serde::Serialize",
            deserialize = "T: Text + serde::Deserialize<'de>"
        )
    )
)]
pub struct Evaluation<T = String> {
    /// The day evaluated.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub today: NaiveDate,
    /// The name of the policy applied.
    pub policy: T,
    /// G2: the highest level of core benefits held today, `None` for an
    /// account that is not a network member and holds nothing with benefits.
    pub core_benefits: Option<CoreBenefits>,
    /// One entry per offer, in the membership's order.
    pub offers: OfferStatuses<T>,
    /// The actions open today.
    pub allowed: Actions<T>,
    /// The actions that are not, each with every reason that holds.
    pub blocked: BlockedActions<T>,
    /// The reminders and notices due today.
    pub reminders: Reminders<T>,
    /// The first day after `today` on which the evaluation differs in
    /// anything but `today` and `next_change`, or `None` if it never will.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::option_date",
            deserialize_with = "crate::wire::option_any_date"
        )
    )]
    pub next_change: Option<NaiveDate>,
}

impl<T: Text> Evaluation<T> {
    /// An empty evaluation, to be filled by
    /// [`Rules::evaluate_into`](crate::Rules::evaluate_into).
    pub const fn new() -> Self {
        Evaluation {
            today: NaiveDate::MIN,
            policy: T::EMPTY,
            core_benefits: None,
            offers: OfferStatuses::new(),
            allowed: Actions::new(),
            blocked: BlockedActions::new(),
            reminders: Reminders::new(),
            next_change: None,
        }
    }

    /// Whether `action` is open today.
    pub fn is_allowed(&self, action: &Action<impl Text>) -> bool {
        self.allowed.iter().any(|open| open == action)
    }

    /// The blocked entry of `action`, if it is listed as blocked.
    pub fn blocked(&self, action: &Action<impl Text>) -> Option<&Blocked<T>> {
        self.blocked.iter().find(|entry| entry.action == *action)
    }

    /// The status of the offer with this id.
    pub fn offer(&self, id: &str) -> Option<&OfferStatus<T>> {
        self.offers.iter().find(|status| status.id.as_ref() == id)
    }

    /// The same evaluation, owning its text: `'static`, to store, send to
    /// another thread or return from the function that read the
    /// membership. It compares equal to this one.
    ///
    /// ```
    /// use mpn_renewals::{evaluate, Evaluation, Membership, OfferDraft};
    /// use chrono::NaiveDate;
    ///
    /// // The membership lives only inside the function; its answer leaves it.
    /// fn load(bought: NaiveDate, today: NaiveDate) -> Result<Evaluation, mpn_renewals::Error> {
    ///     let membership = Membership::builder("c")
    ///         .offer(OfferDraft::action_pack("maps", bought))
    ///         .build()?;
    ///     Ok(evaluate(&membership, today).into_owned())
    /// }
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let stored = std::thread::spawn(move || load(day(2018, 9, 1), day(2019, 9, 2)))
    ///     .join()
    ///     .unwrap()?;
    /// let membership = Membership::builder("c")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// assert_eq!(stored, evaluate(&membership, day(2019, 9, 2)));
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    pub fn into_owned(self) -> Evaluation<String> {
        Evaluation {
            today: self.today,
            policy: self.policy.into_string(),
            core_benefits: self.core_benefits,
            offers: self
                .offers
                .into_iter()
                .map(OfferStatus::into_owned)
                .collect(),
            allowed: self.allowed.into_iter().map(Action::into_owned).collect(),
            blocked: self.blocked.into_iter().map(Blocked::into_owned).collect(),
            reminders: self
                .reminders
                .into_iter()
                .map(Reminder::into_owned)
                .collect(),
            next_change: self.next_change,
        }
    }
}

impl<A: Text, B: Text> PartialEq<Evaluation<B>> for Evaluation<A> {
    /// The same evaluation, whether its text is borrowed or owned.
    fn eq(&self, other: &Evaluation<B>) -> bool {
        self.today == other.today
            && same(&self.policy, &other.policy)
            && self.core_benefits == other.core_benefits
            && self.offers == other.offers
            && self.allowed == other.allowed
            && self.blocked == other.blocked
            && self.reminders == other.reminders
            && self.next_change == other.next_change
    }
}

impl<T: Text> Eq for Evaluation<T> {}

// By hand: the derived impls would ask only `T: Debug` (or `Clone`, `Hash`)
// of the text, where the lists need a `Text`.

impl<T: Text> fmt::Debug for Evaluation<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Evaluation")
            .field("today", &self.today)
            .field("policy", &self.policy)
            .field("core_benefits", &self.core_benefits)
            .field("offers", &self.offers)
            .field("allowed", &self.allowed)
            .field("blocked", &self.blocked)
            .field("reminders", &self.reminders)
            .field("next_change", &self.next_change)
            .finish()
    }
}

impl<T: Text> Clone for Evaluation<T> {
    fn clone(&self) -> Self {
        Evaluation {
            today: self.today,
            policy: self.policy.clone(),
            core_benefits: self.core_benefits,
            offers: self.offers.clone(),
            allowed: self.allowed.clone(),
            blocked: self.blocked.clone(),
            reminders: self.reminders.clone(),
            next_change: self.next_change,
        }
    }
}

impl<T: Text> Hash for Evaluation<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.today.hash(state);
        self.policy.hash(state);
        self.core_benefits.hash(state);
        self.offers.hash(state);
        self.allowed.hash(state);
        self.blocked.hash(state);
        self.reminders.hash(state);
        self.next_change.hash(state);
    }
}

impl<T: Text> Default for Evaluation<T> {
    fn default() -> Self {
        Evaluation::new()
    }
}

/// G2: the package of core benefits an account holds, from the lowest to the
/// highest attainment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

crate::names::wire_names!(CoreBenefits, "core_benefits", {
    Network => "network",
    ActionPack => "action_pack",
    Silver => "silver",
    Gold => "gold",
});

/// Where an offer stands in its yearly cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

crate::names::wire_names!(Phase, "phase", {
    Active => "active",
    RenewalWindow => "renewal_window",
    Lapsed => "lapsed",
    Cancelled => "cancelled",
});

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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct RenewalWindow {
    /// The first day of the window.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub opens: NaiveDate,
    /// The last day of the window.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub closes: NaiveDate,
}

impl RenewalWindow {
    /// Whether `date` is inside the window, both ends included.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.opens <= date && date <= self.closes
    }
}

/// One offer as it stands today.
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(deny_unknown_fields))]
pub struct OfferStatus<T = String> {
    /// The offer's id.
    pub id: T,
    /// Its phase today.
    pub phase: Phase,
    /// Its current anniversary.
    #[cfg_attr(
        feature = "serde",
        serde(
            serialize_with = "crate::wire::date",
            deserialize_with = "crate::wire::any_date"
        )
    )]
    pub anniversary: NaiveDate,
    /// The renewal window of the current anniversary (for a lapsed offer,
    /// the window it missed).
    pub window: RenewalWindow,
    /// W4, B1: whether its benefits hold today.
    pub benefits: bool,
    /// The name of the extension that covers its anniversary, if any.
    pub extension: Option<T>,
}

impl<T: Text> OfferStatus<T> {
    /// The same status, owning its text.
    pub fn into_owned(self) -> OfferStatus<String> {
        OfferStatus {
            id: self.id.into_string(),
            phase: self.phase,
            anniversary: self.anniversary,
            window: self.window,
            benefits: self.benefits,
            extension: self.extension.map(Text::into_string),
        }
    }
}

impl<A: Text, B: Text> PartialEq<OfferStatus<B>> for OfferStatus<A> {
    fn eq(&self, other: &OfferStatus<B>) -> bool {
        same(&self.id, &other.id)
            && self.phase == other.phase
            && self.anniversary == other.anniversary
            && self.window == other.window
            && self.benefits == other.benefits
            && same_option(&self.extension, &other.extension)
    }
}

impl<T: Text> Eq for OfferStatus<T> {}

/// An action that is not open today, with every reason that holds.
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(bound(
        serialize = "T: serde::Serialize",
        deserialize = "T: serde::Deserialize<'de>"
    ))
)]
pub struct Blocked<T = String> {
    /// The action.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub action: Action<T>,
    /// Every reason that holds (at least one).
    pub reasons: Reasons,
    /// Where the reasons include [`Reason::WindowNotOpen`](crate::Reason::WindowNotOpen) or
    /// [`Reason::NotYetActivated`](crate::Reason::NotYetActivated): the first day on which that reason no
    /// longer holds.
    #[cfg_attr(
        feature = "serde",
        serde(
            default,
            skip_serializing_if = "Option::is_none",
            serialize_with = "crate::wire::option_date",
            deserialize_with = "crate::wire::option_any_date"
        )
    )]
    pub allowed_from: Option<NaiveDate>,
}

impl<T: Text> Blocked<T> {
    /// The same entry, owning its text.
    pub fn into_owned(self) -> Blocked<String> {
        Blocked {
            action: self.action.into_owned(),
            reasons: self.reasons,
            allowed_from: self.allowed_from,
        }
    }
}

impl<A: Text, B: Text> PartialEq<Blocked<B>> for Blocked<A> {
    fn eq(&self, other: &Blocked<B>) -> bool {
        self.action == other.action
            && self.reasons == other.reasons
            && self.allowed_from == other.allowed_from
    }
}

impl<T: Text> Eq for Blocked<T> {}

/// A reminder or notice due today.
#[derive(Debug, Clone, Copy, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Reminder<T = String> {
    /// Which reminder.
    pub kind: ReminderKind,
    /// The offer it concerns.
    pub offer: T,
    /// N3: who receives it: always the Global admin and MPN admin roles,
    /// [`Recipient::ALL`].
    #[cfg_attr(feature = "serde", serde(deserialize_with = "crate::wire::recipients"))]
    pub recipients: &'static [Recipient],
    /// N4: the extension whose dates it follows, if any.
    pub extension: Option<T>,
}

impl<T: Text> Reminder<T> {
    /// The same reminder, owning its text.
    pub fn into_owned(self) -> Reminder<String> {
        Reminder {
            kind: self.kind,
            offer: self.offer.into_string(),
            recipients: self.recipients,
            extension: self.extension.map(Text::into_string),
        }
    }
}

impl<A: Text, B: Text> PartialEq<Reminder<B>> for Reminder<A> {
    fn eq(&self, other: &Reminder<B>) -> bool {
        self.kind == other.kind
            && same(&self.offer, &other.offer)
            && self.recipients == other.recipients
            && same_option(&self.extension, &other.extension)
    }
}

impl<T: Text> Eq for Reminder<T> {}

/// The kinds of reminders and notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

crate::names::wire_names!(ReminderKind, "kind", {
    UpcomingAnniversary => "upcoming_anniversary",
    UpcomingAutoRenewal => "upcoming_auto_renewal",
    AutoRenewalDue => "auto_renewal_due",
    WindowClosing => "window_closing",
    BenefitsLost => "benefits_lost",
});

/// N3: a role that receives reminders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Recipient {
    /// The Global admin role.
    GlobalAdmin,
    /// The MPN admin role.
    MpnAdmin,
}

crate::names::wire_names!(Recipient, "recipients", {
    GlobalAdmin => "global_admin",
    MpnAdmin => "mpn_admin",
});

impl<T: Text> Filler for OfferStatus<T> {
    const FILLER: Self = OfferStatus {
        id: T::EMPTY,
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

impl<T: Text> Filler for Action<T> {
    const FILLER: Self = Action::UpdateBusinessProfile;
}

impl<T: Text> Filler for Blocked<T> {
    const FILLER: Self = Blocked {
        action: Action::UpdateBusinessProfile,
        reasons: Reasons::EMPTY,
        allowed_from: None,
    };
}

impl<T: Text> Filler for Reminder<T> {
    const FILLER: Self = Reminder {
        kind: ReminderKind::UpcomingAnniversary,
        offer: T::EMPTY,
        recipients: &Recipient::ALL,
        extension: None,
    };
}
