//! The serde forms of the wire contract ([`docs::wire`](crate::docs::wire)):
//! the membership read and written back ([`membership`]), the policy, its
//! extensions and the policy set ([`policy`]), read through one walker that
//! names the place of every problem ([`read`]), a simulation's script
//! ([`script`]), and the date helpers of the
//! evaluation's derived form.

mod membership;
mod policy;
mod read;
mod script;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

use crate::calendar::parse_date;
use crate::evaluation::Recipient;

pub(crate) use read::WireName;

/// A date, written `YYYY-MM-DD` (chrono's signed form beyond 0000..=9999).
pub(crate) fn date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

/// An optional date, `null` for none.
pub(crate) fn option_date<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

/// A date an evaluation shows: of the wire form, or, for a `today` that
/// chrono can represent beyond 0001..=9999, in chrono's signed form
/// (`+10000-01-01`), so that every evaluation reads back.
pub(crate) fn any_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    read_any_date(&text).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "{} is not a date of the form YYYY-MM-DD",
            crate::error::Snippet::of(&text)
        ))
    })
}

fn read_any_date(text: &str) -> Option<NaiveDate> {
    parse_date(text).or_else(|| {
        // Beyond the contract's years (year 0 and the signed years), only
        // the canonical form chrono's `Display` writes, so that what the
        // crate writes reads back and nothing else does.
        text.parse::<NaiveDate>()
            .ok()
            .filter(|date| date.to_string() == text)
    })
}

/// [`any_date`], or `null`.
pub(crate) fn option_any_date<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    match Option::<String>::deserialize(deserializer)? {
        None => Ok(None),
        Some(text) => read_any_date(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{} is not a date of the form YYYY-MM-DD",
                crate::error::Snippet::of(&text)
            ))
        }),
    }
}

/// N3: a reminder's recipients, which are always [`Recipient::ALL`].
pub(crate) fn recipients<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<&'static [Recipient], D::Error> {
    let given = Vec::<Recipient>::deserialize(deserializer)?;
    if given == Recipient::ALL {
        Ok(&Recipient::ALL)
    } else {
        Err(serde::de::Error::custom(
            "a reminder goes to global_admin and mpn_admin, in that order (N3)",
        ))
    }
}
