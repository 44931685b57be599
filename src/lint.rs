//! Lint: warnings about a policy, or a history of policies, that loads.
//!
//! A policy that loads is valid: every check of its JSON form (and of
//! [`PolicySet::new`]) has passed, and the engine evaluates every membership
//! under it. Lint looks for what is valid but most likely not meant: a rule
//! that can never take effect, an extension that grants nothing, two
//! extensions for the same anniversaries, a version that changes nothing, a
//! change of version that takes days away from a window already open.
//! [`Policy::lint`] reads one policy and [`PolicySet::lint`] a history;
//! neither needs a membership or a day. Both return [`Finding`]s, never an
//! error: each has the path of its place in the JSON form of
//! [`docs::wire`](crate::docs::wire) (`reminders.window_closing`,
//! `versions[2].policy.extensions[0]`) and a one-line message, and they come
//! in the order of their places in the document. The command prints them
//! with `evaluate --lint-policy FILE`.
//!
//! ```
//! # #[cfg(feature = "serde")]
//! # fn main() -> Result<(), mpn_renewals::Error> {
//! use mpn_renewals::Policy;
//!
//! // N2: the second reminder is sent only on a day inside the window. At
//! // anniversary+40 it is outside the window of both portals.
//! let policy = Policy::from_json(r#"{
//!     "name": "late-reminder",
//!     "windows": {"partner_center": {"opens": 1, "closes": 30},
//!                 "pmc": {"opens": -90, "closes": 0}},
//!     "first_anniversary": "same_day_next_year",
//!     "renewal_term": {"days_after_anniversary": 365},
//!     "reminders": {"upcoming": -15, "window_closing": 40}
//! }"#)?;
//! let findings = policy.lint();
//! assert_eq!(findings.len(), 1);
//! assert_eq!(
//!     findings[0].to_string(),
//!     "reminders.window_closing: the window_closing reminder at anniversary+40 is never sent: \
//!      that day is outside the renewal window in Partner Center \
//!      (anniversary+1 ..= anniversary+30) and in PMC (anniversary-90 ..= anniversary)"
//! );
//!
//! // The built-in policies and their history lint clean.
//! assert!(Policy::partner_center_2020().lint().is_empty());
//! assert!(mpn_renewals::PolicySet::partner_center_history().lint().is_empty());
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "serde"))]
//! # fn main() {}
//! ```
//!
//! A history whose versions follow each other with the same rules:
//!
//! ```
//! use chrono::NaiveDate;
//! use mpn_renewals::lint::FindingKind;
//! use mpn_renewals::{Policy, PolicySet};
//!
//! let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
//! // 2022's rules are 2018's: only the name differs.
//! let set = PolicySet::new([
//!     (day(2018, 1, 1), Policy::partner_center_2018()),
//!     (day(2022, 10, 1), Policy::partner_center_2022()),
//! ])?;
//! let findings = set.lint();
//! assert_eq!(findings.len(), 1);
//! assert!(matches!(findings[0].kind, FindingKind::SameAsPrevious { .. }));
//! assert_eq!(
//!     findings[0].to_string(),
//!     "versions[1]: version `partner-center-2022` has the same rules as the version \
//!      before it, `partner-center-2018`: only the name differs"
//! );
//! # Ok::<(), mpn_renewals::Error>(())
//! ```
//!
//! # The findings
//!
//! | finding | rules | path |
//! | --- | --- | --- |
//! | [`ReminderNeverSent`](FindingKind::ReminderNeverSent) | N2, W2, W3, P4 | `reminders.window_closing` |
//! | [`ExtensionDoesNothing`](FindingKind::ExtensionDoesNothing) | E1, E2, E5, E6 | `extensions[i]` |
//! | [`ExtensionsOverlap`](FindingKind::ExtensionsOverlap) | E1, E2, E6 | the later extension, `versions[i].policy.extensions[j]` |
//! | [`SameAsPrevious`](FindingKind::SameAsPrevious) | Policy history | `versions[i]` |
//! | [`WindowShortened`](FindingKind::WindowShortened) | W2, W3, P4, Policy history | `versions[i].from` |
//!
//! In a history, the findings of a version's policy have the paths of
//! [`Policy::lint`] under `versions[i].policy.`; each version's policy is
//! linted, a version the same as the one before it included.
//!
//! ## A reminder that is never sent (N2)
//!
//! The engine sends N2's `window_closing` reminder on anniversary +
//! `window_closing` only when that day lies inside the offer's renewal window
//! (the window of its membership's portal, under the same version). An
//! offset outside the Partner Center window *and* outside the PMC window is
//! never sent to any membership: a finding. One inside either window is sent
//! to the memberships of that portal, and is none: the built-ins' +23 lies
//! inside Partner Center's window and never inside PMC's
//! (`anniversary-90 ..= anniversary`, P4).
//!
//! N1's `upcoming` reminder is due on anniversary + `upcoming` for every
//! offer that is not cancelled, whatever its phase, so every offset is sent
//! to some offer and none is a finding. The other reminders (A1's
//! `auto_renewal_due`, N5's `benefits_lost`) have no offset of their own.
//!
//! ## An extension that does nothing
//!
//! An extension that waives no requirement (`waives_requirements` false:
//! P1 holds, unlike E1, E2, E6), has no `reactivation_end` (no `reactivate`,
//! E1, E2) and allows no COVID override (E2, E5) grants a partner nothing.
//! It is not quite inert: it still names itself in the status and the
//! reminders of the competencies it covers (N4), and, in Partner Center, a
//! renewal of a covered competency still sets E4's anniversary (the same
//! day a year later) rather than the policy's renewal term, since the
//! engine takes every renewal under a covering extension as extended, not
//! only a reactivation or an override. That is a way of counting the next
//! anniversary, not a grant, and the lint still reports the extension.
//!
//! ## Extensions that cover the same anniversaries
//!
//! Within one policy this never happens: loading refuses two extensions
//! that cover a common anniversary
//! ([`ErrorKind::OverlappingExtensions`](crate::ErrorKind::OverlappingExtensions)),
//! so [`Policy::lint`] finds none. Across the versions of a history, an
//! extension of one version and a different extension of another whose
//! ranges of anniversaries meet are a finding: a competency with such an
//! anniversary is covered by the one or the other depending on the day it
//! is evaluated. Its path is the later extension's (in the order of the
//! document), and it names the earlier one and the common anniversaries.
//!
//! - An extension repeated unchanged (equal in every field, its name
//!   included) in several versions is one extension kept in force: no
//!   finding. A repetition with any field changed, its name included, is
//!   another extension.
//! - Each pair of different extensions is reported once, at the first
//!   appearance of the later one.
//! - Kinds and areas do not set two extensions apart: both cover
//!   competencies only (E3), and each every area but its excluded ones;
//!   areas are open text, so some area is excluded by neither.
//!
//! Every pair is compared: quadratic, but a policy holds a handful of
//! extensions and a history a handful of versions.
//!
//! ## A version the same as the one before it
//!
//! A version whose rules are all equal to those of the version before it
//! (windows, first anniversary, renewal term, reminders, one pack per
//! account, cancellation days, extensions) is a finding at `versions[i]`.
//! The name is not compared: names are unique in a set, and a version that
//! changes only the name changes only the evaluation's `policy`. The
//! extensions are compared as a set (their order in the list changes
//! nothing), each extension in every field, its name included.
//!
//! ## A switch that shortens a window already open
//!
//! On the day `S` a version comes into force, the evaluation reads the
//! windows of the new version. For each portal (Partner Center, then PMC),
//! the anniversaries `A` whose window under the version before
//! (`A + opens ..= A + closes`) holds `S`, open on the switch day, may
//! lose days of it: the days from `S` on that lie in the old window and not
//! in the new one. They are lost at the end when the new window closes
//! earlier, and at the start when it opens later (the offer leaves its
//! window on `S` and enters it again). Days the new window adds are not set
//! against the days lost. Each switch compares a version with the one
//! before it, as if no later version followed.
//!
//! The anniversaries that lose at least one day are a range, reported as
//! `first ..= last` at `versions[i].from`. The loss never shrinks from one
//! anniversary to the next: the first loses one day, the last the most,
//! reported as `days` ("loses 1 to 10 days", or "loses 1 day" when none
//! loses more). Everything is computed from the offsets, never day by
//! day. The built-in switch of 2023-09-01 opens
//! Partner Center's window a day earlier (`anniversary ..= anniversary+30`)
//! and closes it on the same day, so it loses no day.

use std::fmt;

use chrono::NaiveDate;

use crate::calendar::Day;
use crate::error::Snippet;
use crate::evaluation::ReminderKind;
use crate::membership::Portal;
use crate::policy::{ExtensionPolicy, Policy, PolicySet, WindowOffsets};

/// A warning about a policy or a history: where, and what. Its `Display`
/// is one line, `path: message`.
///
/// ```
/// use mpn_renewals::lint::{Finding, FindingKind};
///
/// let finding = Finding {
///     path: "extensions[0]".to_owned(),
///     kind: FindingKind::ExtensionDoesNothing { extension: "idle".to_owned() },
/// };
/// assert_eq!(
///     finding.to_string(),
///     "extensions[0]: extension `idle` waives no requirement and allows neither \
///      reactivation nor a COVID override"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The place in the JSON form of the policy or the policy set:
    /// `reminders.window_closing`, `extensions[1]`, `versions[2]`,
    /// `versions[2].from`, `versions[2].policy.extensions[0]`.
    pub path: String,
    /// What was found.
    pub kind: FindingKind,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind)
    }
}

/// What a [`Finding`] found. Its `Display` is the finding's message, one
/// line; the [module](self) says when each is found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive] // new checks will come: a match needs a `_` arm
pub enum FindingKind {
    /// N2: a reminder whose day, anniversary + `offset`, is never a day on
    /// which it is sent: outside the renewal window of both portals.
    ReminderNeverSent {
        /// The reminder (`window_closing`).
        reminder: ReminderKind,
        /// Its offset from the anniversary, in days.
        offset: i16,
        /// The Partner Center window of the same policy.
        partner_center: WindowOffsets,
        /// The PMC window of the same policy.
        pmc: WindowOffsets,
    },
    /// An extension that waives no requirement, has no reactivation and
    /// allows no COVID override.
    ExtensionDoesNothing {
        /// The extension's name.
        extension: String,
    },
    /// Two different extensions that cover common anniversaries, in two
    /// versions of a history.
    ExtensionsOverlap {
        /// The name of the earlier extension (in the order of the document).
        first: String,
        /// Where the earlier extension is (`versions[1].policy.extensions[0]`).
        first_path: String,
        /// The name of the later extension, the one at the finding's path.
        second: String,
        /// The first anniversary both cover.
        from: NaiveDate,
        /// The last anniversary both cover.
        to: NaiveDate,
    },
    /// A version of a history whose rules are those of the version before
    /// it: only the name differs.
    SameAsPrevious {
        /// The version's name.
        name: String,
        /// The name of the version before it.
        previous: String,
    },
    /// A change of version that takes days away from renewal windows open
    /// on the day it comes into force.
    WindowShortened {
        /// The portal whose window is shortened.
        portal: Portal,
        /// The day the version comes into force.
        switch: NaiveDate,
        /// The first anniversary whose window loses days.
        first: NaiveDate,
        /// The last anniversary whose window loses days.
        last: NaiveDate,
        /// The days the last of them loses, the most any loses; the first
        /// loses one, and each one after it as many or more.
        days: u32,
    },
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FindingKind::ReminderNeverSent {
                reminder,
                offset,
                partner_center,
                pmc,
            } => write!(
                f,
                "the {reminder} reminder at {} is never sent: that day is outside the renewal \
                 window in Partner Center ({} ..= {}) and in PMC ({} ..= {})",
                Relative(*offset),
                Relative(partner_center.opens),
                Relative(partner_center.closes),
                Relative(pmc.opens),
                Relative(pmc.closes),
            ),
            FindingKind::ExtensionDoesNothing { extension } => write!(
                f,
                "extension {} waives no requirement and allows neither reactivation nor a \
                 COVID override",
                Snippet::of(extension)
            ),
            FindingKind::ExtensionsOverlap {
                first,
                first_path,
                second,
                from,
                to,
            } => write!(
                f,
                "extension {} covers the anniversaries {from} ..= {to}, as extension {} \
                 ({first_path}) does",
                Snippet::of(second),
                Snippet::of(first)
            ),
            FindingKind::SameAsPrevious { name, previous } => write!(
                f,
                "version {} has the same rules as the version before it, {}: only the name \
                 differs",
                Snippet::of(name),
                Snippet::of(previous)
            ),
            FindingKind::WindowShortened {
                portal,
                switch,
                first,
                last,
                days,
            } => {
                let portal = match portal {
                    Portal::PartnerCenter => "Partner Center",
                    Portal::Pmc => "PMC",
                };
                write!(
                    f,
                    "on {switch} the {portal} window of the anniversaries {first} ..= {last}, \
                     open that day, loses "
                )?;
                match days {
                    1 => write!(f, "1 day"),
                    days => write!(f, "1 to {days} days"),
                }
            }
        }
    }
}

/// An offset from the anniversary, as the rules catalogue writes it:
/// `anniversary+23`, `anniversary-90`, `anniversary`.
struct Relative(i16);

impl fmt::Display for Relative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            0 => write!(f, "anniversary"),
            days => write!(f, "anniversary{days:+}"),
        }
    }
}

impl Policy {
    /// The findings of [lint](crate::lint) about this policy, in the order
    /// of their places in its JSON form: a reminder never sent (N2), an
    /// extension that does nothing. Never an error: a policy that loads is
    /// valid.
    ///
    /// ```
    /// use mpn_renewals::Policy;
    ///
    /// for name in Policy::BUILTIN_NAMES {
    ///     assert_eq!(Policy::builtin(name).unwrap().lint(), []);
    /// }
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let mut linter = Linter::default();
        linter.policy(self, "");
        linter.findings
    }
}

impl PolicySet {
    /// The findings of [lint](crate::lint) about this history, in the
    /// order of their places in its JSON form: for each version, one the
    /// same as the one before it (`versions[i]`), a switch that shortens an
    /// open window (`versions[i].from`), then the findings of its policy
    /// (`versions[i].policy.…`), and extensions of two versions that cover
    /// common anniversaries.
    ///
    /// ```
    /// use mpn_renewals::PolicySet;
    ///
    /// assert_eq!(PolicySet::partner_center_history().lint(), []);
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let mut linter = Linter::default();
        let mut previous: Option<&Policy> = None;
        for (index, (from, policy)) in self.versions().enumerate() {
            if let Some(before) = previous {
                if same_rules(before, policy) {
                    linter.findings.push(Finding {
                        path: format!("versions[{index}]"),
                        kind: FindingKind::SameAsPrevious {
                            name: policy.name().to_owned(),
                            previous: before.name().to_owned(),
                        },
                    });
                }
                for portal in [Portal::PartnerCenter, Portal::Pmc] {
                    let (old, new) = (before.window(portal), policy.window(portal));
                    if let Some(kind) = shortened(portal, from, old, new) {
                        linter.findings.push(Finding {
                            path: format!("versions[{index}].from"),
                            kind,
                        });
                    }
                }
            }
            linter.policy(policy, &format!("versions[{index}].policy."));
            previous = Some(policy);
        }
        linter.findings
    }
}

/// The findings so far, and the different extensions seen so far with
/// their paths, in the order of the document.
#[derive(Default)]
struct Linter<'a> {
    findings: Vec<Finding>,
    extensions: Vec<(&'a ExtensionPolicy, String)>,
}

impl<'a> Linter<'a> {
    /// The findings of one policy, whose paths start with `prefix`.
    fn policy(&mut self, policy: &'a Policy, prefix: &str) {
        // N2: sent only on a day inside the window of the offer's portal.
        let offset = policy.reminders.window_closing;
        let (partner_center, pmc) = (policy.windows.partner_center, policy.windows.pmc);
        let inside = |window: WindowOffsets| window.opens <= offset && offset <= window.closes;
        if !inside(partner_center) && !inside(pmc) {
            self.findings.push(Finding {
                path: format!("{prefix}reminders.window_closing"),
                kind: FindingKind::ReminderNeverSent {
                    reminder: ReminderKind::WindowClosing,
                    offset,
                    partner_center,
                    pmc,
                },
            });
        }
        for (index, extension) in policy.extensions.iter().enumerate() {
            let path = format!("{prefix}extensions[{index}]");
            if !extension.waives_requirements
                && extension.reactivation_end.is_none()
                && !extension.covid_override
            {
                self.findings.push(Finding {
                    path: path.clone(),
                    kind: FindingKind::ExtensionDoesNothing {
                        extension: extension.name().to_owned(),
                    },
                });
            }
            self.overlaps(extension, path);
        }
    }

    /// An extension against every different one before it: each pair that
    /// covers common anniversaries once. Quadratic: a history holds a
    /// handful of extensions.
    fn overlaps(&mut self, extension: &'a ExtensionPolicy, path: String) {
        // The same extension, repeated unchanged, is one extension.
        if self.extensions.iter().any(|(seen, _)| *seen == extension) {
            return;
        }
        for (seen, seen_path) in &self.extensions {
            let from = seen.first_anniversary.max(extension.first_anniversary);
            let to = seen.last_anniversary.min(extension.last_anniversary);
            if from <= to {
                self.findings.push(Finding {
                    path: path.clone(),
                    kind: FindingKind::ExtensionsOverlap {
                        first: seen.name().to_owned(),
                        first_path: seen_path.clone(),
                        second: extension.name().to_owned(),
                        from,
                        to,
                    },
                });
            }
        }
        self.extensions.push((extension, path));
    }
}

/// Whether two policies have the same rules: every field but the name,
/// the extensions as a set.
fn same_rules(a: &Policy, b: &Policy) -> bool {
    // The covered ranges of a policy never overlap, so the first
    // anniversary orders its extensions.
    fn sorted(policy: &Policy) -> Vec<&ExtensionPolicy> {
        let mut extensions: Vec<&ExtensionPolicy> = policy.extensions.iter().collect();
        extensions.sort_by_key(|extension| extension.first_anniversary);
        extensions
    }
    a.windows == b.windows
        && a.first_anniversary == b.first_anniversary
        && a.renewal_term == b.renewal_term
        && a.reminders == b.reminders
        && a.one_pack_per_account == b.one_pack_per_account
        && a.cancellation_days == b.cancellation_days
        && sorted(a) == sorted(b)
}

/// The windows of `portal` open on `switch` under the version before it
/// (`old`) that lose days under the version from it (`new`), if any.
///
/// With `S` the switch and the offsets `o1 ..= c1` (old) and `o2 ..= c2`
/// (new), the anniversaries `A` whose old window holds `S` are
/// `S - c1 ..= S - o1`. Of the days `S ..= A + c1` left of the old window,
/// the new one lacks those before `A + o2` (the head:
/// `S ..= A + min(c1, o2 - 1)`) and those after `A + c2` (the tail:
/// `max(S, A + c2 + 1) ..= A + c1`); the two never meet, since `o2 <= c2`.
/// So the loss is
///
/// - head: `max(0, A + min(c1, o2 - 1) - S + 1)`, positive from
///   `A = S - min(c1, o2 - 1)` on;
/// - tail: `max(0, min(A + c1 - S + 1, c1 - c2))`, positive for every such
///   `A` when `c2 < c1` (`A + c1 - S + 1` is at least 1), never otherwise.
///
/// Neither part decreases as `A` grows, so the anniversaries that lose
/// days run from the first of those up to `S - o1`, which loses the most;
/// and the first loses exactly one day (where the head starts it is 1;
/// where the tail counts, the first is `S - c1`, whose old window ends on
/// `S`).
fn shortened(
    portal: Portal,
    switch: NaiveDate,
    old: WindowOffsets,
    new: WindowOffsets,
) -> Option<FindingKind> {
    // Day numbers and offsets as i64: no sum below can overflow.
    let s = i64::from(Day::of(switch).0);
    let (o1, c1) = (i64::from(old.opens), i64::from(old.closes));
    let (o2, c2) = (i64::from(new.opens), i64::from(new.closes));
    let head_end = c1.min(o2 - 1); // the head's last day, from the anniversary
    let loss = |a: i64| (a + head_end - s + 1).max(0) + (a + c1 - s + 1).min(c1 - c2).max(0);

    let (lowest, last) = (s - c1, s - o1);
    let first = if c2 < c1 {
        lowest
    } else {
        lowest.max(s - head_end)
    };
    if first > last {
        return None;
    }
    let days = u32::try_from(loss(last)).ok()?;
    // Anniversaries beyond chrono's range (a switch near its ends) cannot be
    // named, and no membership has them (D4): no finding.
    let date = |a: i64| Day(i32::try_from(a).ok()?).date();
    Some(FindingKind::WindowShortened {
        portal,
        switch,
        first: date(first)?,
        last: date(last)?,
        days,
    })
}
