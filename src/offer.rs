//! Offers: the yearly-renewed parts of a membership (M3), and the draft from
//! which one is built.

use chrono::NaiveDate;

use crate::calendar::Day;

/// The four offers that renew every year (M3).
///
/// Membership in the network itself (M1) is not an offer: it never renews and
/// never lapses, and is a flag on [`Membership`](crate::Membership).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OfferKind {
    /// The Microsoft Action Pack subscription: renews automatically (A1)
    /// unless that is turned off (A2).
    ActionPack,
    /// The Learning Action Pack: the Action Pack's window and reminders,
    /// without automatic renewal (D5).
    LearningActionPack,
    /// A silver competency in a solution area.
    SilverCompetency,
    /// A gold competency in a solution area: the higher attainment (M3).
    GoldCompetency,
}

impl OfferKind {
    /// Silver or gold competency.
    pub const fn is_competency(self) -> bool {
        matches!(
            self,
            OfferKind::SilverCompetency | OfferKind::GoldCompetency
        )
    }

    /// Action Pack or Learning Action Pack: the kinds that can be purchased
    /// (M2, M4) and of which an account holds one (G2).
    pub const fn is_pack(self) -> bool {
        !self.is_competency()
    }
}

crate::names::wire_names!(OfferKind, "kind", {
    ActionPack => "action_pack",
    LearningActionPack => "learning_action_pack",
    SilverCompetency => "silver_competency",
    GoldCompetency => "gold_competency",
});

/// One offer held by a membership: valid by construction.
///
/// Built only through [`Membership::builder`](crate::Membership::builder)
/// with an [`OfferDraft`], or by deserializing a membership; both check every
/// input rule of the [wire contract](crate::docs::wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Offer {
    pub(crate) id: String,
    pub(crate) kind: OfferKind,
    pub(crate) area: Option<String>,
    pub(crate) purchased: NaiveDate,
    pub(crate) anniversary: NaiveDate,
    /// `anniversary` as a day number, computed once at construction so that
    /// evaluation needs no calendar arithmetic.
    pub(crate) anniversary_day: Day,
    pub(crate) auto_renew: bool,
    pub(crate) cancelled: bool,
    pub(crate) performance_met: bool,
    pub(crate) exams_validated: bool,
    pub(crate) origin_account: Option<String>,
    /// E2, E5: a COVID override was requested (recorded by `apply`).
    pub(crate) covid_override_requested: bool,
    /// `purchased` as a day number.
    pub(crate) purchased_day: Day,
    /// The dates of the offsets the built-in policies use, computed once:
    /// see [`Offer::date_at`].
    pub(crate) known_dates: KnownDates,
}

/// The dates at the offsets from the anniversary that the built-in windows
/// use (P4's −90, W2's +1, W3's +30), so that evaluation converts no day
/// number for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KnownDates([NaiveDate; 3]);

impl KnownDates {
    const OFFSETS: [i32; 3] = [-90, 1, 30];

    pub(crate) fn of(anniversary: NaiveDate) -> Self {
        let day = Day::of(anniversary);
        KnownDates(Self::OFFSETS.map(|offset| day.date_near(anniversary, day.plus(offset))))
    }
}

impl Offer {
    /// The offer's id, unique in its membership.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The calendar date of a day near the anniversary.
    #[inline]
    pub(crate) fn date_at(&self, day: Day) -> NaiveDate {
        let offset = day.0.wrapping_sub(self.anniversary_day.0);
        let known = KnownDates::OFFSETS
            .iter()
            .zip(self.known_dates.0)
            .find(|(known, _)| **known == offset);
        match (offset, known) {
            (0, _) => self.anniversary,
            (_, Some((_, date))) => date,
            _ => self.anniversary_day.date_near(self.anniversary, day),
        }
    }

    /// Which offer this is.
    pub fn kind(&self) -> OfferKind {
        self.kind
    }

    /// The solution area of a competency (M3), `None` for a pack.
    pub fn area(&self) -> Option<&str> {
        self.area.as_deref()
    }

    /// The day the offer was bought.
    pub fn purchased(&self) -> NaiveDate {
        self.purchased
    }

    /// The current anniversary: the day the offer was bought or last renewed
    /// expires (W1, W5). Always after [`purchased`](Offer::purchased).
    pub fn anniversary(&self) -> NaiveDate {
        self.anniversary
    }

    /// A1, A2: whether an Action Pack renews automatically. Always `false`
    /// on other kinds (D5).
    pub fn auto_renew(&self) -> bool {
        self.auto_renew
    }

    /// A3: cancelled through Partner Center Support.
    pub fn cancelled(&self) -> bool {
        self.cancelled
    }

    /// P1: a competency's performance requirements are met (always `false`
    /// on a pack, which has none).
    pub fn performance_met(&self) -> bool {
        self.performance_met
    }

    /// P1: a competency's required exams and skills are validated for the
    /// year (always `false` on a pack).
    pub fn exams_validated(&self) -> bool {
        self.exams_validated
    }

    /// G1: the account the offer came from in a merge of accounts.
    pub fn origin_account(&self) -> Option<&str> {
        self.origin_account.as_deref()
    }

    /// E2, E5: a COVID override was requested for the current anniversary,
    /// so it is not offered again.
    pub fn covid_override_requested(&self) -> bool {
        self.covid_override_requested
    }

    /// The draft that builds this offer again, every field explicit: a
    /// starting point for a changed copy.
    pub fn into_draft(self) -> OfferDraft {
        let competency = self.kind.is_competency();
        OfferDraft {
            id: self.id,
            kind: self.kind,
            area: self.area,
            purchased: self.purchased,
            anniversary: Some(self.anniversary),
            auto_renew: (self.kind == OfferKind::ActionPack).then_some(self.auto_renew),
            cancelled: self.cancelled,
            performance_met: competency.then_some(self.performance_met),
            exams_validated: competency.then_some(self.exams_validated),
            origin_account: self.origin_account,
            covid_override_requested: competency.then_some(self.covid_override_requested),
        }
    }
}

/// The unchecked description of an offer, checked when the membership that
/// holds it is built ([`MembershipBuilder::build`](crate::MembershipBuilder::build)).
///
/// Fields left unset take the defaults of the [wire contract](crate::docs::wire): the anniversary is
/// the first anniversary of the purchase (W1, D1), an Action Pack renews
/// automatically, nothing is cancelled, a competency's requirements are not
/// met.
///
/// ```
/// use mpn_renewals::{CompetencyLevel, OfferDraft};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let pack = OfferDraft::action_pack("maps", day(2018, 9, 1)).auto_renew(false);
/// let gold = OfferDraft::competency("cloud", CompetencyLevel::Gold, "Cloud Platform", day(2017, 3, 10))
///     .anniversary(day(2020, 3, 10))
///     .performance_met(true);
/// # let _ = (pack, gold);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct OfferDraft {
    pub(crate) id: String,
    pub(crate) kind: OfferKind,
    pub(crate) area: Option<String>,
    pub(crate) purchased: NaiveDate,
    pub(crate) anniversary: Option<NaiveDate>,
    pub(crate) auto_renew: Option<bool>,
    pub(crate) cancelled: bool,
    pub(crate) performance_met: Option<bool>,
    pub(crate) exams_validated: Option<bool>,
    pub(crate) origin_account: Option<String>,
    pub(crate) covid_override_requested: Option<bool>,
}

/// The attainment of a competency (M3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CompetencyLevel {
    /// Silver.
    Silver,
    /// Gold, the higher attainment.
    Gold,
}

crate::names::wire_names!(CompetencyLevel, "level", {
    Silver => "silver",
    Gold => "gold",
});

impl CompetencyLevel {
    /// The offer kind of a competency at this level.
    pub const fn kind(self) -> OfferKind {
        match self {
            CompetencyLevel::Silver => OfferKind::SilverCompetency,
            CompetencyLevel::Gold => OfferKind::GoldCompetency,
        }
    }
}

impl OfferDraft {
    /// A draft of any kind. For a competency, set the area with
    /// [`area`](OfferDraft::area); [`competency`](OfferDraft::competency)
    /// does both at once.
    pub fn new(id: impl Into<String>, kind: OfferKind, purchased: NaiveDate) -> Self {
        OfferDraft {
            id: id.into(),
            kind,
            area: None,
            purchased,
            anniversary: None,
            auto_renew: None,
            cancelled: false,
            performance_met: None,
            exams_validated: None,
            origin_account: None,
            covid_override_requested: None,
        }
    }

    /// An Action Pack subscription bought on `purchased`.
    pub fn action_pack(id: impl Into<String>, purchased: NaiveDate) -> Self {
        OfferDraft::new(id, OfferKind::ActionPack, purchased)
    }

    /// A Learning Action Pack bought on `purchased`.
    pub fn learning_action_pack(id: impl Into<String>, purchased: NaiveDate) -> Self {
        OfferDraft::new(id, OfferKind::LearningActionPack, purchased)
    }

    /// A silver or gold competency in a solution area (M3), attained on
    /// `purchased`.
    pub fn competency(
        id: impl Into<String>,
        level: CompetencyLevel,
        area: impl Into<String>,
        purchased: NaiveDate,
    ) -> Self {
        OfferDraft::new(id, level.kind(), purchased).area(area)
    }

    /// The solution area (competencies only; an error on a pack).
    pub fn area(mut self, area: impl Into<String>) -> Self {
        self.area = Some(area.into());
        self
    }

    /// The current anniversary, if the offer was renewed since its purchase
    /// (must be after the purchase date).
    pub fn anniversary(mut self, anniversary: NaiveDate) -> Self {
        self.anniversary = Some(anniversary);
        self
    }

    /// A2: automatic renewal on or off (Action Packs only; an error on any
    /// other kind, D5).
    pub fn auto_renew(mut self, on: bool) -> Self {
        self.auto_renew = Some(on);
        self
    }

    /// A3: cancelled through support.
    pub fn cancelled(mut self, cancelled: bool) -> Self {
        self.cancelled = cancelled;
        self
    }

    /// P1: performance requirements met (competencies only).
    pub fn performance_met(mut self, met: bool) -> Self {
        self.performance_met = Some(met);
        self
    }

    /// P1: exams and skills validated (competencies only).
    pub fn exams_validated(mut self, validated: bool) -> Self {
        self.exams_validated = Some(validated);
        self
    }

    /// G1: the account the offer came from in a merge.
    pub fn origin_account(mut self, account: impl Into<String>) -> Self {
        self.origin_account = Some(account.into());
        self
    }

    /// E2, E5: a COVID override was already requested (competencies only;
    /// an error on a pack).
    pub fn covid_override_requested(mut self, requested: bool) -> Self {
        self.covid_override_requested = Some(requested);
        self
    }
}

/// A product token (B2–B4): a cloud service activation that may be replaced
/// once, within 30 days of its activation.
///
/// B3 and B4 (a token cannot be split; a multiple activation key has a finite
/// number of activations) have no action in the contract: a token here is
/// indivisible by construction (it has no seat count to split), and the crate
/// does not track activation keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub(crate) id: String,
    pub(crate) activated: NaiveDate,
    pub(crate) activated_day: Day,
    pub(crate) replaced: bool,
}

impl Token {
    /// A token activated on `activated`, not yet replaced. Checked when the
    /// membership is built.
    pub fn new(id: impl Into<String>, activated: NaiveDate) -> Self {
        Token {
            id: id.into(),
            activated,
            activated_day: Day::of(activated),
            replaced: false,
        }
    }

    /// B2: whether the one replacement was already issued.
    #[must_use]
    pub fn replaced(mut self, replaced: bool) -> Self {
        self.replaced = replaced;
        self
    }

    /// The token's id, unique in its membership.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The day the original token was activated.
    pub fn activated(&self) -> NaiveDate {
        self.activated
    }

    /// B2: the one replacement was issued.
    pub fn is_replaced(&self) -> bool {
        self.replaced
    }
}
