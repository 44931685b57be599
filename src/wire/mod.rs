//! The serde forms of the wire contract ([`docs::wire`](crate::docs::wire)):
//! the membership read and written back ([`membership`]), the policy, its
//! extensions and the policy set ([`policy`]), and the helpers they share.
//! The evaluation's form is derived on its types.
//!
//! Dates are read as strings and parsed here, strictly (`YYYY-MM-DD`, year
//! 0001 to 9999), so that a bad date is reported with its place
//! (`offers[1].anniversary`).

mod membership;
mod policy;

use chrono::NaiveDate;
use serde::{Deserialize, Serializer};

use crate::calendar::parse_date;
use crate::error::{Error, ErrorKind};

pub(crate) fn date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

pub(crate) fn option_date<S: Serializer>(
    date: &Option<NaiveDate>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match date {
        Some(date) => serializer.collect_str(date),
        None => serializer.serialize_none(),
    }
}

pub(crate) fn default_true() -> bool {
    true
}

/// A struct of the wire form that only a JSON object may give: serde's
/// derive would also take an array of its fields in order, which the
/// contract does not allow.
pub(crate) struct ObjectOnly<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = ObjectOnly<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Self::Value, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ObjectOnly)
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

/// A date of the wire form at `path`, or the error that names it.
pub(crate) fn parse_at(text: &str, path: impl FnOnce() -> String) -> Result<NaiveDate, Error> {
    parse_date(text).ok_or_else(|| Error::new(path(), ErrorKind::InvalidDate(text.to_owned())))
}
