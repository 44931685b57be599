//! The one error of the crate: input that breaks a rule of the wire contract
//! (refused where it is read or built), or an action that
//! [`apply`](crate::apply) refuses, with the place and the problem.

use std::fmt;

use chrono::NaiveDate;

use crate::offer::OfferKind;
use crate::reason::Reasons;

/// What went wrong, and where: input that breaks a rule of the wire
/// contract (a membership, a policy, an action's text), or an action that
/// [`apply`](crate::apply) refuses.
///
/// Its `Display` is `"{path}: {problem}"`, always one short line:
///
/// - `offers[1].anniversary: 2018-01-01 is not after the purchase date 2018-09-01`
/// - `(root): expected an object, found an array`
/// - `renew of maps: blocked: window_not_open (allowed from 2019-09-02)`
///
/// [`path`](Error::path) and [`kind`](Error::kind) give the two halves to a
/// program. Any piece of the input that the message quotes is cut to 64
/// characters and has its control and line-separator characters escaped
/// (see [`Snippet`]), so a hostile or huge input never makes a long or
/// multi-line message.
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
    // CAUTION: this type is publicly exported; its fields stay private so
    // that the path is always one safe line.
    path: String,
    kind: ErrorKind,
}

/// The path of an error at the root of a document.
pub(crate) const ROOT: &str = "(root)";

impl Error {
    /// An error at `path`, which must already be safe to print (built from
    /// the crate's own field names, indexes and [`Snippet`]s).
    pub(crate) fn new(path: impl Into<String>, kind: ErrorKind) -> Self {
        Error {
            path: path.into(),
            kind,
        }
    }

    /// Where the problem is. For input, the place in the wire form:
    /// `account`, `offers[1].anniversary`, `tokens[0].id`, `(root)` for the
    /// document itself. For a refusal of [`apply`](crate::apply), the
    /// action: `renew of maps`, `update_business_profile`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What the problem is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The same error, seen from a containing value: `prefix.path`.
    pub(crate) fn within(mut self, prefix: &str) -> Self {
        self.path = if self.path.is_empty() || self.path == ROOT {
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

/// A piece of the input quoted by an [`Error`]: at most 64 characters of
/// it, shown between backticks with every control character (C0, DEL, C1
/// such as NEL), line or paragraph separator and bidirectional formatting
/// character escaped as `\u{…}`, and a backslash as `\\`, so that the
/// message stays one short line whatever the input holds.
///
/// ```
/// use mpn_renewals::{Action, ErrorKind};
///
/// let err = Action::parse("renew\u{2028}maps").unwrap_err();
/// assert!(err.to_string().starts_with(r"action: `renew\u{2028}maps` is not one of"));
/// let long = "x".repeat(1_000);
/// let err = Action::parse(&long).unwrap_err();
/// let ErrorKind::UnknownName { found, .. } = err.kind() else { unreachable!() };
/// assert!(found.is_truncated());
/// assert_eq!(found.to_string(), format!("`{}…`", "x".repeat(64)));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Snippet {
    text: String,
    truncated: bool,
}

impl Snippet {
    /// The most characters of the input a snippet keeps.
    pub const MAX_CHARS: usize = 64;

    /// The first [`MAX_CHARS`](Snippet::MAX_CHARS) characters of `text`.
    pub(crate) fn of(text: &str) -> Self {
        match text.char_indices().nth(Self::MAX_CHARS) {
            Some((end, _)) => Snippet {
                text: text.get(..end).unwrap_or_default().to_owned(),
                truncated: true,
            },
            None => Snippet {
                text: text.to_owned(),
                truncated: false,
            },
        }
    }

    /// The text kept, unescaped: the whole input, or its first
    /// [`MAX_CHARS`](Snippet::MAX_CHARS) characters.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the input was longer than what is kept.
    pub fn is_truncated(&self) -> bool {
        self.truncated
    }

    /// The text, escaped, without backticks: for paths.
    pub(crate) fn write_escaped(&self, f: &mut impl fmt::Write) -> fmt::Result {
        for c in self.text.chars() {
            if c == '\\' {
                f.write_str("\\\\")?;
            } else if needs_escape(c) {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            } else {
                f.write_char(c)?;
            }
        }
        if self.truncated {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// Characters that would break a one-line message or disguise it.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' // line and paragraph separators
            | '\u{200e}' | '\u{200f}' // left-to-right and right-to-left marks
            | '\u{202a}'..='\u{202e}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{feff}' // byte order mark
        )
}

impl fmt::Display for Snippet {
    /// Between backticks, escaped, with `…` after a truncated text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("`")?;
        self.write_escaped(f)?;
        f.write_str("`")
    }
}

impl PartialEq<str> for Snippet {
    /// Whether the text kept is `other` (a truncated snippet equals no
    /// text).
    fn eq(&self, other: &str) -> bool {
        !self.truncated && self.text == other
    }
}

impl PartialEq<&str> for Snippet {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Debug for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// What is wrong. The variants name the rule of the wire contract that the
/// input breaks, or why [`apply`](crate::apply) refused the action.
///
/// `#[non_exhaustive]`: new input rules (a new offer field, say) will add
/// variants without a major release.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    // ----- The form of the input -----
    /// Text that is not JSON, at this line and column, as `serde_json`
    /// counts them (lines from 1; the column is 0 when the text ends
    /// before the value does, at the start of a line).
    #[error("not valid JSON at line {line} column {column}: {message}")]
    Syntax {
        /// The line.
        line: usize,
        /// The column.
        column: usize,
        /// What the parser expected.
        message: Snippet,
    },
    /// A value of the wrong JSON type: a number where a string is due, an
    /// array where an object is due.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// What the wire form has there (`an object`, `a boolean`).
        expected: &'static str,
        /// What the input has (`an array`, `null`).
        found: &'static str,
    },
    /// A field the wire form does not have; the path names it too.
    #[error("unknown field {field}; expected one of {expected}")]
    UnknownField {
        /// The field given.
        field: Snippet,
        /// The fields the object may have, comma-separated.
        expected: &'static str,
    },
    /// A field given twice in one object; the path names it too.
    #[error("duplicate field {0}")]
    DuplicateField(Snippet),
    /// A required field that is missing; the path names it too.
    #[error("missing field `{0}`")]
    MissingField(&'static str),
    /// A name that is not one of the wire form's names for that field (an
    /// offer kind, a portal, a reason, an action).
    #[error("{found} is not one of {expected}")]
    UnknownName {
        /// The text given.
        found: Snippet,
        /// The names allowed, comma-separated.
        expected: &'static str,
    },
    /// A string that must not be empty is empty (`account`, an `id`, an
    /// `area`, an `origin_account`, a policy's `name`).
    #[error("must not be empty")]
    Empty,
    /// A date that is not `YYYY-MM-DD` with a year from 0001 to 9999, or a
    /// day that does not exist (`2019-02-30`).
    #[error("{0} is not a date of the form YYYY-MM-DD with a year from 0001 to 9999")]
    InvalidDate(Snippet),

    // ----- The rules of a membership -----
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
    #[error("{id} is already the id of {first}")]
    DuplicateId {
        /// The repeated id.
        id: Snippet,
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

    // ----- The rules of a policy -----
    /// A policy's window that closes before it opens.
    #[error("the window closes (day {closes}) before it opens (day {opens})")]
    WindowClosesBeforeOpens {
        /// The opening offset.
        opens: i16,
        /// The closing offset.
        closes: i16,
    },
    /// A number outside its range: a policy's offset or term, or a number
    /// too large for its field. Offsets from the anniversary (windows,
    /// reminders) lie within −90 ..= 364 days: the reach that every valid
    /// membership keeps inside 0001-01-01 ..= 9999-12-31 (D4), so that no
    /// policy can derive a date outside it. Terms lie within 1 ..= 1000
    /// days (a renewal term counted from the renewal day, 90 ..= 1000; a
    /// cancellation period and an extension's reactivation end, within the
    /// offsets' reach).
    #[error("{days} days is out of range: it must lie within {min} ..= {max}")]
    OffsetOutOfRange {
        /// The number given (saturated to the range of an `i64`).
        days: i64,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
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
    #[error("no built-in policy is named {name} (known: {known})")]
    UnknownPolicy {
        /// The name asked for.
        name: Snippet,
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
    /// A policy set without versions.
    #[error("a policy set needs at least one version")]
    NoVersions,
    /// Two versions of a policy set with the same name, which would make the
    /// evaluation's `policy` ambiguous.
    #[error("{0} names another version too")]
    DuplicatePolicyName(Snippet),

    // ----- An action's text -----
    /// Text that is not an action of the short form `NAME[:TARGET]`.
    #[error("{text} is not an action: {why}")]
    InvalidAction {
        /// The text given.
        text: Snippet,
        /// What is wrong with it.
        why: &'static str,
    },

    // ----- A reminder key's text -----
    /// Text that is not a reminder key of the form `OFFER/KIND/YYYY-MM-DD`
    /// ([`ReminderKey`](crate::time::ReminderKey)'s `FromStr`): fewer than
    /// three parts, an empty offer, or an anniversary that is not a date as
    /// the key writes it. An unknown kind is
    /// [`UnknownName`](ErrorKind::UnknownName).
    #[error("{0} is not a reminder key of the form OFFER/KIND/YYYY-MM-DD")]
    InvalidReminderKey(Snippet),

    // ----- A locale tag -----
    /// A BCP 47 language tag that the message catalogue (the `messages`
    /// feature's `Locale`) does not support; the path is `locale`. Tags
    /// compare case-insensitively, as BCP 47 says.
    #[error("{found} is not a supported locale; the supported tags are {supported}")]
    UnknownLocale {
        /// The tag given.
        found: Snippet,
        /// The tags supported, comma-separated.
        supported: &'static str,
    },

    // ----- A simulation's plan -----
    /// A step or a failing charge of a simulation's
    /// [`Plan`](crate::simulation::Plan) dated outside the simulated span.
    #[error("{date} is outside the simulated span {first} ..= {last}")]
    OutsideSpan {
        /// The date given.
        date: NaiveDate,
        /// The span's first day.
        first: NaiveDate,
        /// The span's last day.
        last: NaiveDate,
    },
    /// Text that is not a [`FailedCharge`](crate::simulation::FailedCharge).
    #[error("{0} is not a failing charge of the form OFFER:YYYY-MM-DD")]
    InvalidFailedCharge(Snippet),

    // ----- A refusal of apply; the path names the action -----
    /// The action is listed as blocked on that day, with exactly these
    /// reasons (and `allowed_from`) that [`evaluate`](crate::evaluate)
    /// gives.
    #[error("blocked: {reasons}{}", AllowedFrom(*.allowed_from))]
    Blocked {
        /// Every reason that holds.
        reasons: Reasons,
        /// The day a dated reason lifts, as in the evaluation.
        allowed_from: Option<NaiveDate>,
    },
    /// The action is one that the evaluation lists only when it is open,
    /// and it is not open on that day (turning off an auto-renewal that is
    /// already off, a COVID override outside its period, …).
    #[error("not open on that day")]
    NotOpen,
    /// No offer has the id the action names.
    #[error("no offer has this id")]
    UnknownOffer,
    /// No token has the id the action names.
    #[error("no token has this id")]
    UnknownToken,
    /// A purchase without the id of the new offer.
    #[error("a purchase needs the id of the new offer: purchase:KIND:ID")]
    MissingId,
    /// A purchase whose new id is already an offer's.
    #[error("{0} is already the id of an offer")]
    IdTaken(Snippet),
    /// A purchase of a kind that cannot be bought (only packs are: M2, M4).
    #[error("{0} offers cannot be purchased: only packs can")]
    NotPurchasable(OfferKind),
}

/// ` (allowed from DATE)` after a blocked action's reasons, or nothing.
struct AllowedFrom(Option<NaiveDate>);

impl fmt::Display for AllowedFrom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(date) => write!(f, " (allowed from {date})"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_keeps_sixty_four_characters_and_marks_the_cut() {
        let long = "é".repeat(100);
        let snippet = Snippet::of(&long);
        assert_eq!(snippet.as_str().chars().count(), 64);
        assert!(snippet.is_truncated());
        assert_eq!(snippet.to_string(), format!("`{}…`", "é".repeat(64)));
        let short = Snippet::of("maps");
        assert!(!short.is_truncated());
        assert_eq!(short.to_string(), "`maps`");
        let exact = Snippet::of(&"x".repeat(64));
        assert!(!exact.is_truncated());
    }

    #[test]
    fn a_snippet_escapes_every_character_that_breaks_or_disguises_a_line() {
        let hostile = "a\nb\rc\u{b}d\u{c}e\u{1b}f\u{85}g\u{2028}h\u{2029}i\u{202e}j\\k\u{7f}";
        let shown = Snippet::of(hostile).to_string();
        assert_eq!(
            shown,
            r"`a\u{a}b\u{d}c\u{b}d\u{c}e\u{1b}f\u{85}g\u{2028}h\u{2029}i\u{202e}j\\k\u{7f}`"
        );
        assert!(shown.chars().all(|c| !needs_escape(c)));
    }

    #[test]
    fn a_blocked_refusal_names_the_day_its_reason_lifts() {
        let kind = ErrorKind::Blocked {
            reasons: Reasons::EMPTY.with(crate::Reason::WindowNotOpen),
            allowed_from: NaiveDate::from_ymd_opt(2019, 9, 2),
        };
        let err = Error::new("renew of maps", kind);
        assert_eq!(
            err.to_string(),
            "renew of maps: blocked: window_not_open (allowed from 2019-09-02)"
        );
    }
}
