//! The serde form of a [`Policy`], an [`ExtensionPolicy`] and a
//! [`PolicySet`], checked as they load.
//!
//! The form is documented on [`Policy`](Policy#serde-form) and
//! [`PolicySet`](PolicySet#serde-form). Dates are strings parsed strictly
//! here so that a bad one is reported with its place
//! (`extensions[1].first_anniversary`).

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::{date, parse_at, ObjectOnly};
use crate::error::{Error, ErrorKind};
use crate::policy::{
    ExtensionPolicy, FirstAnniversary, Policy, PolicySet, ReactivationEnd, ReminderOffsets,
    RenewalTerm, Windows,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: String,
    windows: Windows,
    first_anniversary: FirstAnniversary,
    renewal_term: RenewalTerm,
    reminders: ReminderOffsets,
    #[serde(default)]
    one_pack_per_account: bool,
    #[serde(default)]
    cancellation_days: Option<u16>,
    #[serde(default)]
    extensions: Vec<ObjectOnly<RawExtension>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExtension {
    name: String,
    first_anniversary: String,
    last_anniversary: String,
    #[serde(default)]
    excluded_areas: Vec<String>,
    waives_requirements: bool,
    reactivation_end: Option<RawReactivationEnd>,
    covid_override: bool,
}

#[derive(Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum RawReactivationEnd {
    On(String),
    DaysAfterAnniversary(u16),
}

impl TryFrom<RawExtension> for ExtensionPolicy {
    type Error = Error;

    fn try_from(raw: RawExtension) -> Result<Self, Error> {
        let reactivation_end = match raw.reactivation_end {
            None => None,
            Some(RawReactivationEnd::On(text)) => {
                Some(ReactivationEnd::On(parse_at(&text, || {
                    "reactivation_end.on".to_owned()
                })?))
            }
            Some(RawReactivationEnd::DaysAfterAnniversary(days)) => {
                Some(ReactivationEnd::DaysAfterAnniversary(days))
            }
        };
        let extension = ExtensionPolicy {
            name: Cow::Owned(raw.name),
            first_anniversary: parse_at(&raw.first_anniversary, || "first_anniversary".to_owned())?,
            last_anniversary: parse_at(&raw.last_anniversary, || "last_anniversary".to_owned())?,
            excluded_areas: Cow::Owned(raw.excluded_areas.into_iter().map(Cow::Owned).collect()),
            waives_requirements: raw.waives_requirements,
            reactivation_end,
            covid_override: raw.covid_override,
        };
        extension.check()?;
        Ok(extension)
    }
}

impl TryFrom<RawPolicy> for Policy {
    type Error = Error;

    fn try_from(raw: RawPolicy) -> Result<Self, Error> {
        let extensions = raw
            .extensions
            .into_iter()
            .enumerate()
            .map(|(index, ObjectOnly(raw))| {
                ExtensionPolicy::try_from(raw)
                    .map_err(|e| e.within(&format!("extensions[{index}]")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let policy = Policy {
            name: Cow::Owned(raw.name),
            windows: raw.windows,
            first_anniversary: raw.first_anniversary,
            renewal_term: raw.renewal_term,
            reminders: raw.reminders,
            one_pack_per_account: raw.one_pack_per_account,
            cancellation_days: raw.cancellation_days,
            extensions: Cow::Owned(extensions),
        };
        policy.check()?;
        Ok(policy)
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawPolicy>::deserialize(deserializer)?;
        Policy::try_from(raw).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for ExtensionPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawExtension>::deserialize(deserializer)?;
        ExtensionPolicy::try_from(raw).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize)]
struct WireExtension<'a> {
    name: &'a str,
    #[serde(serialize_with = "date")]
    first_anniversary: NaiveDate,
    #[serde(serialize_with = "date")]
    last_anniversary: NaiveDate,
    excluded_areas: Vec<&'a str>,
    waives_requirements: bool,
    reactivation_end: Option<RawReactivationEnd>,
    covid_override: bool,
}

impl Serialize for ExtensionPolicy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WireExtension {
            name: &self.name,
            first_anniversary: self.first_anniversary,
            last_anniversary: self.last_anniversary,
            excluded_areas: self.excluded_areas().collect(),
            waives_requirements: self.waives_requirements,
            reactivation_end: self.reactivation_end.map(|end| match end {
                ReactivationEnd::On(day) => RawReactivationEnd::On(day.to_string()),
                ReactivationEnd::DaysAfterAnniversary(days) => {
                    RawReactivationEnd::DaysAfterAnniversary(days)
                }
            }),
            covid_override: self.covid_override,
        }
        .serialize(serializer)
    }
}

#[derive(Serialize)]
struct WirePolicy<'a> {
    name: &'a str,
    windows: Windows,
    first_anniversary: FirstAnniversary,
    renewal_term: RenewalTerm,
    reminders: ReminderOffsets,
    one_pack_per_account: bool,
    cancellation_days: Option<u16>,
    extensions: &'a [ExtensionPolicy],
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        WirePolicy {
            name: &self.name,
            windows: self.windows,
            first_anniversary: self.first_anniversary,
            renewal_term: self.renewal_term,
            reminders: self.reminders,
            one_pack_per_account: self.one_pack_per_account,
            cancellation_days: self.cancellation_days,
            extensions: &self.extensions,
        }
        .serialize(serializer)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicySet {
    versions: Vec<ObjectOnly<RawVersion>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVersion {
    from: String,
    #[serde(default)]
    builtin: Option<String>,
    #[serde(default)]
    policy: Option<ObjectOnly<RawPolicy>>,
}

impl TryFrom<RawPolicySet> for PolicySet {
    type Error = Error;

    fn try_from(raw: RawPolicySet) -> Result<Self, Error> {
        let mut versions = Vec::with_capacity(raw.versions.len());
        for (index, ObjectOnly(version)) in raw.versions.into_iter().enumerate() {
            let path = format!("versions[{index}]");
            let from = parse_at(&version.from, || format!("{path}.from"))?;
            let version_is_builtin = version.builtin.is_some();
            let policy = match (version.builtin, version.policy) {
                (Some(name), None) => Policy::builtin(&name).cloned().ok_or_else(|| {
                    Error::new(
                        format!("{path}.builtin"),
                        ErrorKind::UnknownPolicy {
                            name,
                            known: Policy::BUILTIN_NAMES.join(", "),
                        },
                    )
                })?,
                (None, Some(ObjectOnly(raw))) => {
                    Policy::try_from(raw).map_err(|e| e.within(&format!("{path}.policy")))?
                }
                _ => {
                    return Err(Error::new(
                        path,
                        ErrorKind::EitherOr {
                            first: "builtin",
                            second: "policy",
                        },
                    ))
                }
            };
            versions.push((from, policy, version_is_builtin));
        }
        let builtin: Vec<bool> = versions.iter().map(|(_, _, builtin)| *builtin).collect();
        PolicySet::new(versions.into_iter().map(|(from, policy, _)| (from, policy))).map_err(|e| {
            // A repeated name of a built-in version is the `builtin` field's.
            let index = e
                .path()
                .strip_prefix("versions[")
                .and_then(|rest| rest.split(']').next())
                .and_then(|index| index.parse::<usize>().ok());
            match (e.kind(), index) {
                (ErrorKind::DuplicatePolicyName(_), Some(index))
                    if builtin.get(index).copied().unwrap_or(false) =>
                {
                    Error::new(format!("versions[{index}].builtin"), e.kind().clone())
                }
                _ => e,
            }
        })
    }
}

impl<'de> Deserialize<'de> for PolicySet {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let ObjectOnly(raw) = ObjectOnly::<RawPolicySet>::deserialize(deserializer)?;
        PolicySet::try_from(raw).map_err(serde::de::Error::custom)
    }
}

#[derive(Serialize)]
struct WireVersion<'a> {
    #[serde(serialize_with = "date")]
    from: NaiveDate,
    policy: &'a Policy,
}

impl Serialize for PolicySet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            versions: Vec<WireVersion<'a>>,
        }
        Wire {
            versions: self
                .versions()
                .map(|(from, policy)| WireVersion { from, policy })
                .collect(),
        }
        .serialize(serializer)
    }
}
