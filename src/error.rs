//! The one error of the crate: a membership that breaks a rule of the wire
//! contract, refused where it is built, with the place and the problem.

use std::fmt;

use chrono::NaiveDate;

use crate::offer::OfferKind;

/// A membership (or a part of one) that cannot exist: the place in the input
/// and what is wrong there.
///
/// Its `Display` is `"{path}: {problem}"`, for example
/// `offers[1].anniversary: 2018-01-01 is not after the purchase date 2018-09-01`.
/// [`path`](Error::path) and [`kind`](Error::kind) give the two halves to a
/// program.
///
/// ```
/// use mpn_renewals::{ErrorKind, Membership, OfferDraft};
/// use chrono::NaiveDate;
///
/// let bought = NaiveDate::from_ymd_opt(2018, 9, 1).unwrap();
/// let err = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", bought).anniversary(bought))
///     .build()
///     .unwrap_err();
/// assert_eq!(err.path(), "offers[0].anniversary");
/// assert!(matches!(err.kind(), ErrorKind::AnniversaryNotAfterPurchase { .. }));
/// assert_eq!(
///     err.to_string(),
///     "offers[0].anniversary: 2018-09-01 is not after the purchase date 2018-09-01"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    kind: ErrorKind,
}

impl Error {
    pub(crate) fn new(path: impl Into<String>, kind: ErrorKind) -> Self {
        Error {
            path: path.into(),
            kind,
        }
    }

    /// Where the problem is, in the wire form's terms: `account`,
    /// `offers[1].anniversary`, `tokens[0].id`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the problem is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The same error, seen from a containing value: `prefix.path`.
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.path = if self.path.is_empty() {
            prefix.to_owned()
        } else if self.path.starts_with('[') {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

impl std::error::Error for Error {}

/// What is wrong with a membership. The variants name the rule of
/// the [wire contract](crate::docs::wire) that the input breaks.
///
/// `#[non_exhaustive]`: new input rules (a new offer field, say) will add
/// variants without a major release.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A string that must not be empty is empty (`account`, an `id`, an
    /// `area`, an `origin_account`).
    #[error("must not be empty")]
    Empty,
    /// A date that is not `YYYY-MM-DD` with a year from 0001 to 9999, or a
    /// day that does not exist (`2019-02-30`).
    #[error("`{0}` is not a date of the form YYYY-MM-DD with a year from 0001 to 9999")]
    InvalidDate(String),
    /// An offer's anniversary on or before its purchase date.
    #[error("{anniversary} is not after the purchase date {purchased}")]
    AnniversaryNotAfterPurchase {
        /// The anniversary given.
        anniversary: NaiveDate,
        /// The purchase date of the same offer.
        purchased: NaiveDate,
    },
    /// D4: a date from which the rules would derive a date outside
    /// 0001-01-01 ..= 9999-12-31 (an anniversary needs 90 days before it and
    /// 366 after it; a token activation 31 days after it), or a purchase
    /// date outside that range itself.
    #[error("{date} is too close to the limits of the calendar: the rules need {needed} to stay within 0001-01-01 ..= 9999-12-31")]
    DateOutOfRange {
        /// The date given: for an omitted anniversary, the purchase date it
        /// derives from.
        date: NaiveDate,
        /// Which derived dates would fall outside the range.
        needed: &'static str,
    },
    /// Two offers, or two tokens, with the same id.
    #[error("`{id}` is already the id of {first}")]
    DuplicateId {
        /// The repeated id.
        id: String,
        /// The path of the first holder of the id (`offers[0]`).
        first: String,
    },
    /// M3: a competency without the solution area it belongs to.
    #[error("{0} offers need an `area`")]
    MissingArea(OfferKind),
    /// A field that the offer's kind does not have: `area`,
    /// `performance_met`, `exams_validated` or `covid_override_requested`
    /// on a pack (P1, E5 concern competencies), `auto_renew` on anything but
    /// an Action Pack (D5).
    #[error("{kind} offers have no `{field}`")]
    FieldNotForKind {
        /// The kind of the offer.
        kind: OfferKind,
        /// The field it was given.
        field: &'static str,
    },
    /// M4: two packs of one kind that both lack `origin_account`, which only
    /// a merge of accounts (G1) can explain.
    #[error("a second {kind} without `origin_account`: one per partner global account (M4), the first is {first}")]
    SecondPackWithoutOrigin {
        /// The pack kind.
        kind: OfferKind,
        /// The path of the first pack of that kind (`offers[0]`).
        first: String,
    },
    /// A policy's window that closes before it opens.
    #[error("the window closes (day {closes}) before it opens (day {opens})")]
    WindowClosesBeforeOpens {
        /// The opening offset.
        opens: i16,
        /// The closing offset.
        closes: i16,
    },
    /// A policy's offset or term outside its range. Offsets from the
    /// anniversary (windows, reminders) lie within −90 ..= 364 days: the
    /// reach that every valid membership keeps inside 0001-01-01 ..=
    /// 9999-12-31 (D4), so that no policy can derive a date outside it.
    /// Terms lie within 1 ..= 1000 days.
    #[error("{days} days is out of range: it must lie within {min} ..= {max}")]
    OffsetOutOfRange {
        /// The offset or term given.
        days: i32,
        /// The smallest allowed.
        min: i32,
        /// The largest allowed.
        max: i32,
    },
    /// Two extensions of one policy that cover a common anniversary.
    #[error("covers anniversaries that {other} covers too")]
    OverlappingExtensions {
        /// The path of the other extension (`extensions[0]`).
        other: String,
    },
    /// A range of dates whose end comes before its start.
    #[error("{last} is before {first}")]
    EmptyRange {
        /// The start of the range.
        first: NaiveDate,
        /// The end of the range.
        last: NaiveDate,
    },
    /// A name that no built-in policy has.
    #[error("no built-in policy is named `{name}` (known: {known})")]
    UnknownPolicy {
        /// The name asked for.
        name: String,
        /// The names known, comma-separated.
        known: String,
    },
    /// A policy set's versions must start on strictly increasing dates.
    #[error("starts on {from}, not after the version before it ({previous})")]
    VersionsOutOfOrder {
        /// This version's start.
        from: NaiveDate,
        /// The previous version's start.
        previous: NaiveDate,
    },
    /// An object that needs exactly one of two fields.
    #[error("needs exactly one of `{first}` and `{second}`")]
    EitherOr {
        /// One field.
        first: &'static str,
        /// The other.
        second: &'static str,
    },
    /// Text that is not an action of the short form `NAME[:TARGET]`.
    #[error("`{text}` is not an action: {why}")]
    InvalidAction {
        /// The text given.
        text: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A policy set without versions.
    #[error("a policy set needs at least one version")]
    NoVersions,
    /// Two versions of a policy set with the same name, which would make the
    /// evaluation's `policy` ambiguous.
    #[error("`{0}` names another version too")]
    DuplicatePolicyName(String),
}
