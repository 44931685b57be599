//! The serde form of a [`Policy`], an [`ExtensionPolicy`] and a
//! [`PolicySet`], checked as they load.
//!
//! The form is documented on [`Policy`](Policy#serde-form) and
//! [`PolicySet`](PolicySet#serde-form). The document is walked field by
//! field (each problem named by its path, `extensions[1].first_anniversary`),
//! then checked as a whole (`Policy::check`, [`PolicySet::new`]).

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize, Serializer};

use super::date;
use super::read::{
    At, Node, EXTENSION_FIELDS, FIRST_ANNIVERSARY_FIELDS, POLICY_FIELDS, REACTIVATION_END_FIELDS,
    REMINDER_FIELDS, RENEWAL_TERM_FIELDS, SET_FIELDS, VERSION_FIELDS, WINDOWS_FIELDS,
    WINDOW_FIELDS,
};
use crate::error::{Error, ErrorKind, Snippet};
use crate::policy::{
    ExtensionPolicy, FirstAnniversary, Policy, PolicySet, ReactivationEnd, ReminderOffsets,
    RenewalTerm, WindowOffsets, Windows,
};

/// An error found by a check of the whole value at `at`, whose path is
/// relative to it.
fn relative(at: &At<'_>, error: Error) -> Error {
    if at.is_root() {
        error
    } else {
        error.within(&at.path())
    }
}

/// A number of days that fits an `i16` (offsets; the policy's check narrows
/// them).
fn offset(at: &At<'_>, node: Node) -> Result<i16, Error> {
    let value = at.integer(node, i64::from(i16::MIN), i64::from(i16::MAX))?;
    Ok(i16::try_from(value).unwrap_or_default())
}

/// A number of days that fits a `u16` (terms; the policy's check narrows
/// them).
fn days(at: &At<'_>, node: Node) -> Result<u16, Error> {
    let value = at.integer(node, 0, i64::from(u16::MAX))?;
    Ok(u16::try_from(value).unwrap_or_default())
}

/// An object holding exactly one of two fields, each a number of days.
fn one_of(
    at: &At<'_>,
    node: Node,
    fields: &super::read::Fields,
    first: &'static str,
    second: &'static str,
) -> Result<(bool, u16), Error> {
    let mut object = at.object(node, fields)?;
    match (object.take(first), object.take(second)) {
        (Some(node), None) => Ok((true, days(&at.field(first), node)?)),
        (None, Some(node)) => Ok((false, days(&at.field(second), node)?)),
        _ => Err(at.error(ErrorKind::EitherOr { first, second })),
    }
}

fn read_window(at: &At<'_>, node: Node) -> Result<WindowOffsets, Error> {
    let mut object = at.object(node, &WINDOW_FIELDS)?;
    Ok(WindowOffsets {
        opens: offset(&at.field("opens"), object.required("opens")?)?,
        closes: offset(&at.field("closes"), object.required("closes")?)?,
    })
}

/// A policy at `at`, checked.
pub(crate) fn read_policy(at: &At<'_>, node: Node) -> Result<Policy, Error> {
    let mut object = at.object(node, &POLICY_FIELDS)?;
    let name = at.field("name").string(object.required("name")?)?;

    let windows_at = at.field("windows");
    let mut windows = windows_at.object(object.required("windows")?, &WINDOWS_FIELDS)?;
    let windows = Windows {
        partner_center: read_window(
            &windows_at.field("partner_center"),
            windows.required("partner_center")?,
        )?,
        pmc: read_window(&windows_at.field("pmc"), windows.required("pmc")?)?,
    };

    let first_at = at.field("first_anniversary");
    let first_anniversary = match object.required("first_anniversary")? {
        Node::Str(text) if text == "same_day_next_year" => FirstAnniversary::SameDayNextYear,
        Node::Str(text) => {
            return Err(first_at.error(ErrorKind::UnknownName {
                found: Snippet::of(&text),
                expected: "same_day_next_year, {\"days_after_purchase\": N}",
            }))
        }
        node => {
            let mut term = first_at.object(node, &FIRST_ANNIVERSARY_FIELDS)?;
            let days_at = first_at.field("days_after_purchase");
            FirstAnniversary::DaysAfterPurchase(days(
                &days_at,
                term.required("days_after_purchase")?,
            )?)
        }
    };

    let term_at = at.field("renewal_term");
    let renewal_term = match one_of(
        &term_at,
        object.required("renewal_term")?,
        &RENEWAL_TERM_FIELDS,
        "days_after_anniversary",
        "days_after_renewal",
    )? {
        (true, days) => RenewalTerm::DaysAfterAnniversary(days),
        (false, days) => RenewalTerm::DaysAfterRenewal(days),
    };

    let reminders_at = at.field("reminders");
    let mut reminders = reminders_at.object(object.required("reminders")?, &REMINDER_FIELDS)?;
    let reminders = ReminderOffsets {
        upcoming: offset(
            &reminders_at.field("upcoming"),
            reminders.required("upcoming")?,
        )?,
        window_closing: offset(
            &reminders_at.field("window_closing"),
            reminders.required("window_closing")?,
        )?,
    };

    let one_pack_per_account = match object.take("one_pack_per_account") {
        Some(node) => at.field("one_pack_per_account").boolean(node)?,
        None => false,
    };
    let cancellation_days = match object.optional("cancellation_days") {
        Some(node) => Some(days(&at.field("cancellation_days"), node)?),
        None => None,
    };
    let mut extensions = Vec::new();
    if let Some(node) = object.take("extensions") {
        let list = at.field("extensions");
        for (index, node) in list.array(node)?.into_iter().enumerate() {
            extensions.push(read_extension(&list.index(index), node)?);
        }
    }
    let policy = Policy::from_parts(
        name,
        windows,
        first_anniversary,
        renewal_term,
        reminders,
        one_pack_per_account,
        cancellation_days,
        extensions,
    );
    policy.check().map_err(|error| relative(at, error))?;
    Ok(policy)
}

/// An extension at `at`, checked on its own (its overlap with the others is
/// the policy's check).
fn read_extension(at: &At<'_>, node: Node) -> Result<ExtensionPolicy, Error> {
    let mut object = at.object(node, &EXTENSION_FIELDS)?;
    let name = at.field("name").string(object.required("name")?)?;
    let first_anniversary = at
        .field("first_anniversary")
        .date(object.required("first_anniversary")?)?;
    let last_anniversary = at
        .field("last_anniversary")
        .date(object.required("last_anniversary")?)?;
    let mut excluded_areas = Vec::new();
    if let Some(node) = object.take("excluded_areas") {
        let list = at.field("excluded_areas");
        for (index, node) in list.array(node)?.into_iter().enumerate() {
            excluded_areas.push(Cow::Owned(list.index(index).string(node)?));
        }
    }
    let waives_requirements = at
        .field("waives_requirements")
        .boolean(object.required("waives_requirements")?)?;
    let reactivation_end = match object.optional("reactivation_end") {
        None => None,
        Some(node) => {
            let end_at = at.field("reactivation_end");
            let mut end = end_at.object(node, &REACTIVATION_END_FIELDS)?;
            match (end.take("on"), end.take("days_after_anniversary")) {
                (Some(node), None) => Some(ReactivationEnd::On(end_at.field("on").date(node)?)),
                (None, Some(node)) => Some(ReactivationEnd::DaysAfterAnniversary(days(
                    &end_at.field("days_after_anniversary"),
                    node,
                )?)),
                _ => {
                    return Err(end_at.error(ErrorKind::EitherOr {
                        first: "on",
                        second: "days_after_anniversary",
                    }))
                }
            }
        }
    };
    let covid_override = at
        .field("covid_override")
        .boolean(object.required("covid_override")?)?;
    let extension = ExtensionPolicy {
        name: Cow::Owned(name),
        first_anniversary,
        last_anniversary,
        excluded_areas: Cow::Owned(excluded_areas),
        waives_requirements,
        reactivation_end,
        covid_override,
    };
    extension.check().map_err(|error| relative(at, error))?;
    Ok(extension)
}

/// A policy set at `at`, checked.
pub(crate) fn read_set(at: &At<'_>, node: Node) -> Result<PolicySet, Error> {
    let mut object = at.object(node, &SET_FIELDS)?;
    let list = at.field("versions");
    let mut versions = Vec::new();
    let mut builtin = Vec::new();
    for (index, node) in list
        .array(object.required("versions")?)?
        .into_iter()
        .enumerate()
    {
        let at = list.index(index);
        let mut version = at.object(node, &VERSION_FIELDS)?;
        let from = at.field("from").date(version.required("from")?)?;
        let (policy, is_builtin) = match (version.optional("builtin"), version.optional("policy")) {
            (Some(node), None) => {
                let name_at = at.field("builtin");
                let name = name_at.string(node)?;
                let policy = Policy::builtin(&name).cloned().ok_or_else(|| {
                    name_at.error(ErrorKind::UnknownPolicy {
                        name: Snippet::of(&name),
                        known: Policy::BUILTIN_NAMES.join(", "),
                    })
                })?;
                (policy, true)
            }
            (None, Some(node)) => (read_policy(&at.field("policy"), node)?, false),
            _ => {
                return Err(at.error(ErrorKind::EitherOr {
                    first: "builtin",
                    second: "policy",
                }))
            }
        };
        builtin.push(is_builtin);
        versions.push((from, policy));
    }
    PolicySet::new(versions).map_err(|error| {
        // A repeated name of a built-in version is the `builtin` field's.
        let index = error
            .path()
            .strip_prefix("versions[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|index| index.parse::<usize>().ok());
        let error = match (error.kind(), index) {
            (ErrorKind::DuplicatePolicyName(_), Some(index))
                if builtin.get(index).copied().unwrap_or(false) =>
            {
                Error::new(format!("versions[{index}].builtin"), error.kind().clone())
            }
            _ => error,
        };
        relative(at, error)
    })
}

impl Policy {
    /// Reads a policy from its JSON form (see [the serde
    /// form](Policy#serde-form)), checked as it loads. Feature `serde`.
    ///
    /// # Errors
    ///
    /// An [`Error`] whose path names the place (`windows.pmc.opens`,
    /// `extensions[1]`, `(root)`) and whose kind names the problem.
    pub fn from_json(text: &str) -> Result<Policy, Error> {
        read_policy(&At::ROOT, Node::from_json(text)?)
    }
}

impl PolicySet {
    /// Reads a policy file: a policy set (an object with `versions`, see
    /// [the serde form](PolicySet#serde-form)), or a single policy, which
    /// becomes a set of one version. Checked as it loads. Feature `serde`.
    ///
    /// ```
    /// use mpn_renewals::{PolicySet, Rules};
    /// use chrono::NaiveDate;
    ///
    /// let set = PolicySet::from_json(r#"{"versions": [
    ///     {"from": "0001-01-01", "builtin": "partner-center-2018"},
    ///     {"from": "2019-03-01", "builtin": "partner-center-2020"}]}"#)?;
    /// let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    /// assert_eq!(set.policy_on(day).name(), "partner-center-2020");
    ///
    /// let err = PolicySet::from_json(r#"{"versions": [{"from": "2019-03-01"}]}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "versions[0]: needs exactly one of `builtin` and `policy`");
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// An [`Error`] whose path names the place (`versions[1].policy.name`,
    /// `(root)`) and whose kind names the problem.
    pub fn from_json(text: &str) -> Result<PolicySet, Error> {
        let node = Node::from_json(text)?;
        let is_set = matches!(&node, Node::Object(fields) if fields.iter().any(|(key, _)| key == "versions"));
        if is_set {
            read_set(&At::ROOT, node)
        } else {
            read_policy(&At::ROOT, node).map(PolicySet::single)
        }
    }
}

impl<'de> Deserialize<'de> for Policy {
    /// The same checks as [`Policy::from_json`].
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_policy(&At::ROOT, Node::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for ExtensionPolicy {
    /// An extension in the form of a policy's `extensions`, checked.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_extension(&At::ROOT, Node::deserialize(deserializer)?)
            .map_err(serde::de::Error::custom)
    }
}

impl<'de> Deserialize<'de> for PolicySet {
    /// A policy set (an object with `versions`), checked.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_set(&At::ROOT, Node::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

/// The serde form of [`ReactivationEnd`].
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum RawReactivationEnd {
    On(String),
    DaysAfterAnniversary(u16),
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
