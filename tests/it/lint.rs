//! Lint (issue 13): one test per finding kind, that it is found where the
//! rules say it should be and not elsewhere, its message word for word, the
//! order of the findings, and the built-in policies and history, which lint
//! clean. Where a finding claims something of the engine (a reminder never
//! sent, days lost at a switch), the test checks the claim against the
//! engine too. Expected dates and counts are worked out by hand in the
//! comments.

use mpn_renewals::lint::{Finding, FindingKind};
use mpn_renewals::{Policy, PolicySet};

#[cfg(feature = "serde")]
use mpn_renewals::evaluation::ReminderKind;
#[cfg(feature = "serde")]
use mpn_renewals::policy::WindowOffsets;
#[cfg(feature = "serde")]
use mpn_renewals::{ErrorKind, Membership, Phase, Portal, Rules};
#[cfg(feature = "serde")]
use serde_json::{json, Value};

use crate::common::d;
#[cfg(feature = "serde")]
use crate::common::{anniversary_after, gold, good, member, pack, renew, with};

/// Each finding as the command prints it.
fn lines(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(ToString::to_string).collect()
}

/// Each finding's path.
fn paths(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.path.as_str()).collect()
}

/// partner-center-2020 in its JSON form, named `name`, changed by `change`.
#[cfg(feature = "serde")]
fn policy_value(name: &str, change: impl FnOnce(&mut Value)) -> Value {
    let mut value = good();
    value["name"] = json!(name);
    change(&mut value);
    value
}

/// partner-center-2020 changed by `change`, loaded.
#[cfg(feature = "serde")]
fn policy(change: impl FnOnce(&mut Value)) -> Policy {
    Policy::from_json(&policy_value("changed", change).to_string()).unwrap()
}

/// A history of `(from, policy)` versions, loaded.
#[cfg(feature = "serde")]
fn history(versions: Vec<(&str, Value)>) -> PolicySet {
    let versions: Vec<Value> = versions
        .into_iter()
        .map(|(from, policy)| json!({"from": from, "policy": policy}))
        .collect();
    PolicySet::from_json(&json!({ "versions": versions }).to_string()).unwrap()
}

/// An extension in its JSON form.
#[cfg(feature = "serde")]
fn extension(
    name: &str,
    first: &str,
    last: &str,
    waives: bool,
    reactivation_end: Value,
    covid_override: bool,
) -> Value {
    json!({"name": name, "first_anniversary": first, "last_anniversary": last,
           "excluded_areas": [], "waives_requirements": waives,
           "reactivation_end": reactivation_end, "covid_override": covid_override})
}

/// An extension that grants nothing.
#[cfg(feature = "serde")]
fn idle(name: &str, first: &str, last: &str) -> Value {
    extension(name, first, last, false, Value::Null, false)
}

// ---------------------------------------------------------------------------
// The built-ins
// ---------------------------------------------------------------------------

/// The demand: the built-in policies and the built-in history lint
/// clean.
#[test]
fn builtin_policies_and_the_partner_center_history_lint_clean() {
    for name in Policy::BUILTIN_NAMES {
        let policy = Policy::builtin(name).unwrap();
        assert_eq!(policy.lint(), [], "{name}");
        assert_eq!(PolicySet::single(policy.clone()).lint(), [], "{name}");
    }
    // E6, opt-in: waives requirements, so it does something.
    assert_eq!(crate::common::covid_2021().lint(), []);
    assert_eq!(PolicySet::partner_center_history().lint(), []);
    assert_eq!(PolicySet::default().lint(), []);
}

/// The policy files shipped in `examples/policies/` lint clean too.
#[cfg(feature = "serde")]
#[test]
fn example_policy_files_lint_clean() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/policies");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let set = PolicySet::from_json(&text).unwrap();
        assert_eq!(set.lint(), [], "{}", path.display());
        seen += 1;
    }
    assert!(seen >= 6);
}

// ---------------------------------------------------------------------------
// N2: a reminder never sent
// ---------------------------------------------------------------------------

/// N2 is sent on anniversary+23 only when that day is inside the window;
/// at +40 it is outside Partner Center's (+1 ..= +30) and PMC's
/// (-90 ..= 0): never sent, to any membership.
#[cfg(feature = "serde")]
#[test]
fn n2_window_closing_outside_every_window_is_never_sent() {
    let late = policy(|p| p["reminders"]["window_closing"] = json!(40));
    let findings = late.lint();
    assert_eq!(
        findings,
        [Finding {
            path: "reminders.window_closing".to_owned(),
            kind: FindingKind::ReminderNeverSent {
                reminder: ReminderKind::WindowClosing,
                offset: 40,
                partner_center: WindowOffsets {
                    opens: 1,
                    closes: 30
                },
                pmc: WindowOffsets {
                    opens: -90,
                    closes: 0
                },
            },
        }]
    );
    assert_eq!(
        lines(&findings),
        [
            "reminders.window_closing: the window_closing reminder at anniversary+40 is never \
          sent: that day is outside the renewal window in Partner Center (anniversary+1 ..= \
          anniversary+30) and in PMC (anniversary-90 ..= anniversary)"
        ]
    );
    // The engine agrees: over the whole year around the anniversary
    // 2019-09-01, neither portal gets a window_closing reminder.
    for portal in [Portal::PartnerCenter, Portal::Pmc] {
        let m = with(
            Membership::builder("contoso").portal(portal),
            [pack("maps", "2018-09-01", "2019-09-01")],
        );
        let due = late.reminders_between(&m, d("2019-06-01")..=d("2020-06-01"));
        assert!(
            due.iter()
                .all(|r| r.reminder.kind != ReminderKind::WindowClosing),
            "{portal:?}: {due:?}"
        );
    }
}

/// N2 at the day after Partner Center's window closes (+31) and at the far
/// end of the offsets (+364): outside both windows, found.
#[cfg(feature = "serde")]
#[test]
fn n2_window_closing_just_after_the_window_is_never_sent() {
    for offset in [31, 100, 364] {
        let findings = policy(|p| p["reminders"]["window_closing"] = json!(offset)).lint();
        assert_eq!(paths(&findings), ["reminders.window_closing"], "{offset}");
        assert!(lines(&findings)[0].contains(&format!("at anniversary+{offset} is never sent")));
    }
    // A window moved so that +23 falls after it: the seeds' offset is found.
    let findings =
        policy(|p| p["windows"]["partner_center"] = json!({"opens": 1, "closes": 20})).lint();
    assert_eq!(
        lines(&findings),
        [
            "reminders.window_closing: the window_closing reminder at anniversary+23 is never \
          sent: that day is outside the renewal window in Partner Center (anniversary+1 ..= \
          anniversary+20) and in PMC (anniversary-90 ..= anniversary)"
        ]
    );
}

/// N2 inside either window is sent to the memberships of that portal: no
/// finding. The ends of each window count (W3's +30 is in Partner Center's;
/// P4's 0 and -90 in PMC's), and the engine sends it on the anniversary
/// itself to a PMC membership when the offset is 0.
#[cfg(feature = "serde")]
#[test]
fn n2_window_closing_inside_either_window_is_no_finding() {
    for offset in [1, 23, 30, 0, -1, -90] {
        let findings = policy(|p| p["reminders"]["window_closing"] = json!(offset)).lint();
        assert_eq!(findings, [], "{offset}");
    }
    let on_anniversary = policy(|p| p["reminders"]["window_closing"] = json!(0));
    let m = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [pack("maps", "2018-09-01", "2019-09-01")],
    );
    let due = on_anniversary.reminders_between(&m, d("2019-09-01")..=d("2019-09-01"));
    assert!(due
        .iter()
        .any(|r| r.reminder.kind == ReminderKind::WindowClosing));
}

/// N1 is due on anniversary+`upcoming` for every offer not cancelled,
/// whatever its phase: any offset is sent to some offer, and none is a
/// finding. The engine sends even +100, to a lapsed pack.
#[cfg(feature = "serde")]
#[test]
fn n1_upcoming_at_any_offset_is_no_finding() {
    for offset in [-90, -15, 0, 31, 100, 364] {
        let findings = policy(|p| p["reminders"]["upcoming"] = json!(offset)).lint();
        assert_eq!(findings, [], "{offset}");
    }
    let late = policy(|p| p["reminders"]["upcoming"] = json!(100));
    let m = member([pack("maps", "2018-09-01", "2019-09-01").auto_renew(false)]);
    // 2019-09-01 + 100 days = 2019-12-10 (30 in September, 31 in October,
    // 30 in November: 91 to 2019-12-01, then 9 more).
    let due = late.reminders_between(&m, d("2019-12-10")..=d("2019-12-10"));
    assert!(due
        .iter()
        .any(|r| r.reminder.kind == ReminderKind::UpcomingAnniversary));
}

// ---------------------------------------------------------------------------
// An extension that does nothing
// ---------------------------------------------------------------------------

/// An extension that waives nothing (P1 holds), offers no reactivation
/// (E1, E2) and no COVID override (E2, E5) grants nothing: found at its
/// place in the list.
#[cfg(feature = "serde")]
#[test]
fn e1_e2_e5_extension_without_waiver_reactivation_or_override_does_nothing() {
    let p = policy(|p| {
        p["extensions"]
            .as_array_mut()
            .unwrap()
            .push(idle("idle-2021", "2021-01-01", "2021-06-30"));
    });
    let findings = p.lint();
    assert_eq!(
        findings,
        [Finding {
            path: "extensions[2]".to_owned(),
            kind: FindingKind::ExtensionDoesNothing {
                extension: "idle-2021".to_owned()
            },
        }]
    );
    assert_eq!(
        lines(&findings),
        [
            "extensions[2]: extension `idle-2021` waives no requirement and allows neither \
          reactivation nor a COVID override"
        ]
    );
}

/// Any one grant is something: a waiver (E6), a reactivation (E1, even one
/// that ends on the anniversary), an override (E5).
#[cfg(feature = "serde")]
#[test]
fn e1_e2_e5_e6_extension_that_grants_anything_is_no_finding() {
    for grant in [
        extension("e6", "2021-01-01", "2021-06-30", true, Value::Null, false),
        extension(
            "e1",
            "2021-01-01",
            "2021-06-30",
            false,
            json!({"days_after_anniversary": 0}),
            false,
        ),
        extension("e5", "2021-01-01", "2021-06-30", false, Value::Null, true),
    ] {
        let p = policy(|p| p["extensions"].as_array_mut().unwrap().push(grant.clone()));
        assert_eq!(p.lint(), [], "{grant}");
    }
}

/// The caveat of the lint's documentation: an extension that grants
/// nothing still sets E4's anniversary on a renewal in Partner Center
/// (2019-09-01 renewed gives 2020-09-01, where W5's 365 days give
/// 2020-08-31 across 29 February), since a renewal under any covering
/// extension is extended. The lint reports it all the same.
#[cfg(feature = "serde")]
#[test]
fn e4_a_renewal_under_an_extension_that_does_nothing_still_takes_the_extended_anniversary() {
    let p = policy(|p| {
        p["extensions"]
            .as_array_mut()
            .unwrap()
            .push(idle("idle-2019", "2019-07-01", "2019-12-31"));
    });
    assert_eq!(paths(&p.lint()), ["extensions[2]"]);
    let m = member([gold("cloud", "2019-09-01", true)]);
    assert_eq!(
        anniversary_after(&p, &m, renew("cloud"), "2019-09-02"),
        d("2020-09-01")
    );
    assert_eq!(
        anniversary_after(
            &Policy::partner_center_2020(),
            &m,
            renew("cloud"),
            "2019-09-02"
        ),
        d("2020-08-31")
    );
}

// ---------------------------------------------------------------------------
// Extensions for the same anniversaries
// ---------------------------------------------------------------------------

/// E2 changed in a later version (reactivation for 60 days instead of 30):
/// a competency with an anniversary in 2020-07-01 ..= 2020-12-31 is
/// covered by the one before 2020-09-01 and by the other from then on.
#[cfg(feature = "serde")]
#[test]
fn e2_an_extension_changed_in_a_later_version_overlaps_the_earlier_one() {
    let revised = extension(
        "covid-2020-h2",
        "2020-07-01",
        "2020-12-31",
        true,
        json!({"days_after_anniversary": 60}),
        true,
    );
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2020-09-01",
            policy_value("v1", |p| p["extensions"][1] = revised),
        ),
    ]);
    let findings = set.lint();
    assert_eq!(
        findings,
        [Finding {
            path: "versions[1].policy.extensions[1]".to_owned(),
            kind: FindingKind::ExtensionsOverlap {
                first: "covid-2020-h2".to_owned(),
                first_path: "versions[0].policy.extensions[1]".to_owned(),
                second: "covid-2020-h2".to_owned(),
                from: d("2020-07-01"),
                to: d("2020-12-31"),
            },
        }]
    );
    assert_eq!(
        lines(&findings),
        [
            "versions[1].policy.extensions[1]: extension `covid-2020-h2` covers the \
          anniversaries 2020-07-01 ..= 2020-12-31, as extension `covid-2020-h2` \
          (versions[0].policy.extensions[1]) does"
        ]
    );
}

/// A new extension whose range starts inside E2's: the common anniversaries
/// are 2020-10-01 ..= 2020-12-31. Areas do not set them apart (E3: both
/// cover every competency outside their excluded areas).
#[cfg(feature = "serde")]
#[test]
fn e2_e6_a_new_extension_that_meets_an_earlier_range_overlaps_it() {
    let mut late = extension("late", "2020-10-01", "2021-03-31", true, Value::Null, false);
    late["excluded_areas"] = json!(["Cloud Business Applications"]);
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2021-01-01",
            policy_value("v1", |p| p["extensions"] = json!([late])),
        ),
    ]);
    assert_eq!(
        lines(&set.lint()),
        [
            "versions[1].policy.extensions[0]: extension `late` covers the anniversaries \
          2020-10-01 ..= 2020-12-31, as extension `covid-2020-h2` \
          (versions[0].policy.extensions[1]) does"
        ]
    );
}

/// The same extension repeated unchanged in later versions is one
/// extension kept in force, and one that starts the day after another ends
/// (E6 after E2) meets nothing: no finding.
#[cfg(feature = "serde")]
#[test]
fn extensions_repeated_unchanged_or_side_by_side_do_not_overlap() {
    let e6 = serde_json::to_value(mpn_renewals::policy::ExtensionPolicy::covid_2021_h1()).unwrap();
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2020-06-01",
            policy_value("v1", |p| {
                p["renewal_term"] = json!({"days_after_renewal": 365});
            }),
        ),
        (
            "2021-01-01",
            policy_value("v2", |p| p["extensions"].as_array_mut().unwrap().push(e6)),
        ),
    ]);
    assert_eq!(set.lint(), []);
}

/// A pair is reported once, at the later extension's first appearance,
/// naming the earlier one's first appearance: v0 and v1 hold `x`, v2 and
/// v3 hold `y`.
#[cfg(feature = "serde")]
#[test]
fn an_overlap_is_reported_once_at_the_later_extensions_first_appearance() {
    let x = json!([extension(
        "x",
        "2020-01-01",
        "2020-06-30",
        true,
        Value::Null,
        false
    )]);
    let y = json!([extension(
        "y",
        "2020-06-30",
        "2020-12-31",
        true,
        Value::Null,
        false
    )]);
    let term = |days: u16| json!({ "days_after_anniversary": days });
    let set = history(vec![
        (
            "0001-01-01",
            policy_value("v0", |p| p["extensions"] = x.clone()),
        ),
        (
            "2020-01-01",
            policy_value("v1", |p| {
                p["extensions"] = x.clone();
                p["renewal_term"] = term(366);
            }),
        ),
        (
            "2020-06-01",
            policy_value("v2", |p| p["extensions"] = y.clone()),
        ),
        (
            "2020-07-01",
            policy_value("v3", |p| {
                p["extensions"] = y.clone();
                p["renewal_term"] = term(366);
            }),
        ),
    ]);
    assert_eq!(
        lines(&set.lint()),
        [
            "versions[2].policy.extensions[0]: extension `y` covers the anniversaries \
          2020-06-30 ..= 2020-06-30, as extension `x` (versions[0].policy.extensions[0]) \
          does"
        ]
    );
}

/// Within one policy two extensions never cover a common anniversary: the
/// policy does not load, so `Policy::lint` has nothing to find.
#[cfg(feature = "serde")]
#[test]
fn extensions_of_one_policy_cannot_overlap_since_such_a_policy_does_not_load() {
    let mut value = good();
    value["extensions"].as_array_mut().unwrap().push(extension(
        "late",
        "2020-12-31",
        "2021-03-31",
        true,
        Value::Null,
        false,
    ));
    let err = Policy::from_json(&value.to_string()).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::OverlappingExtensions { .. }),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// A version the same as the one before it
// ---------------------------------------------------------------------------

/// 2022's rules are 2018's (365 days after the renewal, no extensions, the
/// same windows and reminders): in a row, the second changes nothing but
/// the name.
#[test]
fn history_version_with_the_rules_of_the_one_before_is_the_same_as_previous() {
    let set = PolicySet::new([
        (d("0001-01-01"), Policy::partner_center_2018()),
        (d("2022-10-01"), Policy::partner_center_2022()),
    ])
    .unwrap();
    let findings = set.lint();
    assert_eq!(
        findings,
        [Finding {
            path: "versions[1]".to_owned(),
            kind: FindingKind::SameAsPrevious {
                name: "partner-center-2022".to_owned(),
                previous: "partner-center-2018".to_owned(),
            },
        }]
    );
    assert_eq!(
        lines(&findings),
        [
            "versions[1]: version `partner-center-2022` has the same rules as the version \
          before it, `partner-center-2018`: only the name differs"
        ]
    );
    // Not in a row (the built-in history puts 2020 between them): nothing.
    let apart = PolicySet::new([
        (d("0001-01-01"), Policy::partner_center_2018()),
        (d("2019-03-01"), Policy::partner_center_2020()),
        (d("2022-10-01"), Policy::partner_center_2022()),
    ])
    .unwrap();
    assert_eq!(apart.lint(), []);
}

/// The extensions are compared as a set: the same ones in another order
/// are the same rules. An extension renamed is another extension.
#[cfg(feature = "serde")]
#[test]
fn history_version_compares_extensions_as_a_set_with_their_names() {
    let reversed = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2020-01-01",
            policy_value("v1", |p| {
                p["extensions"].as_array_mut().unwrap().reverse();
            }),
        ),
    ]);
    assert_eq!(paths(&reversed.lint()), ["versions[1]"]);

    let renamed = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2020-01-01",
            policy_value("v1", |p| p["extensions"][0]["name"] = json!("h1")),
        ),
    ]);
    // Not the same; and the renamed one is another extension for E1's
    // anniversaries (its name is what the evaluation shows).
    assert_eq!(paths(&renamed.lint()), ["versions[1].policy.extensions[0]"]);
}

/// Any one rule changed is a version that changes something.
#[cfg(feature = "serde")]
#[test]
fn history_version_that_changes_any_rule_is_not_the_same() {
    let changes: [(&str, Value); 6] = [
        ("/windows/partner_center/closes", json!(31)),
        ("/first_anniversary", json!({"days_after_purchase": 365})),
        ("/renewal_term", json!({"days_after_anniversary": 366})),
        ("/reminders/upcoming", json!(-14)),
        ("/one_pack_per_account", json!(true)),
        ("/cancellation_days", json!(30)),
    ];
    for (pointer, new) in changes {
        let set = history(vec![
            ("0001-01-01", policy_value("v0", |_| {})),
            (
                "2020-01-01",
                policy_value("v1", |p| *p.pointer_mut(pointer).unwrap() = new.clone()),
            ),
        ]);
        assert_eq!(set.lint(), [], "{pointer}");
    }
}

// ---------------------------------------------------------------------------
// A switch that shortens a window already open
// ---------------------------------------------------------------------------

/// W3 shortened to 20 days from 2021-03-01. The windows open that day are
/// those of the anniversaries 2021-01-30 (window 01-31 ..= 03-01) to
/// 2021-02-28 (03-01 ..= 03-30). The first loses its last day, 03-01 (the
/// new window 01-31 ..= 02-19 is over); from 2021-02-07 on each loses the
/// ten days +21 ..= +30; 2021-02-28 loses 03-21 ..= 03-30.
#[cfg(feature = "serde")]
#[test]
fn w3_switch_that_closes_the_window_earlier_shortens_the_windows_open_that_day() {
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2021-03-01",
            policy_value("v1", |p| {
                p["windows"]["partner_center"]["closes"] = json!(20);
                p["reminders"]["window_closing"] = json!(15);
            }),
        ),
    ]);
    let findings = set.lint();
    assert_eq!(
        findings,
        [Finding {
            path: "versions[1].from".to_owned(),
            kind: FindingKind::WindowShortened {
                portal: Portal::PartnerCenter,
                switch: d("2021-03-01"),
                first: d("2021-01-30"),
                last: d("2021-02-28"),
                days: 10,
            },
        }]
    );
    assert_eq!(
        lines(&findings),
        [
            "versions[1].from: on 2021-03-01 the Partner Center window of the anniversaries \
          2021-01-30 ..= 2021-02-28, open that day, loses 1 to 10 days"
        ]
    );
    // The engine agrees. 2021-02-28: in its window on 03-20, lapsed on
    // 03-21, where the old version alone keeps it open to 03-30.
    let last = member([pack("maps", "2020-02-28", "2021-02-28")]);
    let v0 = Policy::partner_center_2020();
    let phase = |day: &str| set.phases(&last, d(day)).next();
    assert_eq!(phase("2021-03-20"), Some(Phase::RenewalWindow));
    assert_eq!(phase("2021-03-21"), Some(Phase::Lapsed));
    assert_eq!(
        v0.phases(&last, d("2021-03-30")).next(),
        Some(Phase::RenewalWindow)
    );
    // 2021-01-30: open on 02-28, lapsed on the switch day itself.
    let first = member([pack("maps", "2020-01-30", "2021-01-30")]);
    assert_eq!(
        set.phases(&first, d("2021-02-28")).next(),
        Some(Phase::RenewalWindow)
    );
    assert_eq!(
        set.phases(&first, d("2021-03-01")).next(),
        Some(Phase::Lapsed)
    );
    // 2021-01-29's window closed on 02-28, before the switch: not named.
    let before = member([pack("maps", "2020-01-29", "2021-01-29")]);
    assert_eq!(
        set.phases(&before, d("2021-03-01")).next(),
        Some(Phase::Lapsed)
    );
}

/// W2 moved to +5 from 2021-03-01: the windows open that day whose new
/// opening is still ahead leave their window on the switch day and come
/// back later. 2021-02-28 (old window from 03-01) loses 03-01 ..= 03-04,
/// 4 days; 2021-02-25 (new window from 03-02) loses 03-01 only; 2021-02-24
/// (new window from 03-01) loses nothing.
#[cfg(feature = "serde")]
#[test]
fn w2_switch_that_opens_the_window_later_takes_the_days_before_it() {
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2021-03-01",
            policy_value("v1", |p| p["windows"]["partner_center"]["opens"] = json!(5)),
        ),
    ]);
    assert_eq!(
        lines(&set.lint()),
        [
            "versions[1].from: on 2021-03-01 the Partner Center window of the anniversaries \
          2021-02-25 ..= 2021-02-28, open that day, loses 1 to 4 days"
        ]
    );
    let m = member([pack("maps", "2020-02-25", "2021-02-25")]);
    assert_eq!(
        set.phases(&m, d("2021-02-28")).next(),
        Some(Phase::RenewalWindow)
    );
    assert_eq!(set.phases(&m, d("2021-03-01")).next(), Some(Phase::Active));
    assert_eq!(
        set.phases(&m, d("2021-03-02")).next(),
        Some(Phase::RenewalWindow)
    );
}

/// P4's window closing a day before the anniversary from 2021-03-01: every
/// PMC window open that day (anniversaries 2021-03-01 ..= 2021-05-30, the
/// switch + 90 days) loses its last day, one each.
#[cfg(feature = "serde")]
#[test]
fn p4_switch_that_shortens_the_pmc_window_names_pmc() {
    let set = history(vec![
        ("0001-01-01", policy_value("v0", |_| {})),
        (
            "2021-03-01",
            policy_value("v1", |p| p["windows"]["pmc"]["closes"] = json!(-1)),
        ),
    ]);
    let findings = set.lint();
    assert_eq!(
        lines(&findings),
        [
            "versions[1].from: on 2021-03-01 the PMC window of the anniversaries 2021-03-01 ..= \
          2021-05-30, open that day, loses 1 day"
        ]
    );
    assert!(matches!(
        findings[0].kind,
        FindingKind::WindowShortened {
            portal: Portal::Pmc,
            days: 1,
            ..
        }
    ));
}

/// A window that opens earlier (2023's `anniversary ..= +30`, the built-in
/// switch of 2023-09-01), closes later or stays the same loses no day.
#[cfg(feature = "serde")]
#[test]
fn window_switch_that_keeps_every_open_day_is_no_finding() {
    for (opens, closes) in [(0, 30), (1, 40), (-10, 30), (1, 30)] {
        let set = history(vec![
            ("0001-01-01", policy_value("v0", |_| {})),
            (
                "2021-03-01",
                policy_value("v1", |p| {
                    p["windows"]["partner_center"] = json!({"opens": opens, "closes": closes});
                    p["one_pack_per_account"] = json!(true);
                }),
            ),
        ]);
        assert_eq!(set.lint(), [], "{opens} ..= {closes}");
    }
}

/// The finding computed from the offsets against a count day by day, for
/// every pair of Partner Center windows with offsets in -3 ..= 3: the
/// anniversaries whose old window holds the switch day, the days from the
/// switch on that the new window lacks; the first loses 1, the last the
/// most.
#[cfg(feature = "serde")]
#[test]
fn window_shortened_agrees_with_a_count_day_by_day() {
    let switch = d("2021-03-01");
    let windows: Vec<(i64, i64)> = (-3..=3)
        .flat_map(|o| (o..=3).map(move |c| (o, c)))
        .collect();
    let day = |offset: i64| {
        if offset >= 0 {
            switch + chrono::Days::new(offset.unsigned_abs())
        } else {
            switch - chrono::Days::new(offset.unsigned_abs())
        }
    };
    let mut shortening = 0;
    for &(o1, c1) in &windows {
        for &(o2, c2) in &windows {
            // Anniversaries as offsets from the switch: A = S + a.
            let mut losing: Vec<(i64, i64)> = Vec::new();
            for a in -10..=10 {
                if !(a + o1 <= 0 && 0 <= a + c1) {
                    continue; // not open on the switch day
                }
                let lost = (0..=a + c1)
                    .filter(|day| !(a + o2 <= *day && *day <= a + c2))
                    .count() as i64;
                if lost > 0 {
                    losing.push((a, lost));
                }
            }
            let set = history(vec![
                (
                    "0001-01-01",
                    policy_value("v0", |p| {
                        p["windows"]["partner_center"] = json!({"opens": o1, "closes": c1});
                    }),
                ),
                (
                    "2021-03-01",
                    policy_value("v1", |p| {
                        p["windows"]["partner_center"] = json!({"opens": o2, "closes": c2});
                    }),
                ),
            ]);
            let found: Vec<FindingKind> = set
                .lint()
                .into_iter()
                .filter(|f| f.path == "versions[1].from")
                .map(|f| f.kind)
                .collect();
            let case = format!("{o1}..={c1} -> {o2}..={c2}: {losing:?}");
            match (losing.first(), losing.last()) {
                (Some(&(first, fewest)), Some(&(last, most))) => {
                    shortening += 1;
                    assert_eq!(fewest, 1, "{case}");
                    assert!(losing.windows(2).all(|w| w[0].1 <= w[1].1), "{case}");
                    assert!(losing.windows(2).all(|w| w[0].0 + 1 == w[1].0), "{case}");
                    assert_eq!(
                        found,
                        [FindingKind::WindowShortened {
                            portal: Portal::PartnerCenter,
                            switch,
                            first: day(first),
                            last: day(last),
                            days: u32::try_from(most).unwrap(),
                        }],
                        "{case}"
                    );
                }
                _ => assert_eq!(found, [], "{case}"),
            }
        }
    }
    // Of the 28 × 28 pairs, many shorten and many do not.
    assert!(shortening > 100, "{shortening}");
}

// ---------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------

/// The findings come in the order of their places in the document:
/// version by version, `versions[i]`, then `versions[i].from`, then the
/// policy's reminders, then its extensions in their order.
#[cfg(feature = "serde")]
#[test]
fn findings_come_in_the_order_of_their_places_in_the_document() {
    let first = |p: &mut Value| {
        p["reminders"]["window_closing"] = json!(40);
        p["extensions"] = json!([idle("idle", "2021-01-01", "2021-06-30")]);
    };
    let set = history(vec![
        ("0001-01-01", policy_value("v0", first)),
        ("2020-01-01", policy_value("v1", first)),
        (
            "2021-03-01",
            policy_value("v2", |p| {
                p["windows"]["partner_center"]["closes"] = json!(20);
                p["reminders"]["window_closing"] = json!(40);
                p["extensions"] = json!([extension(
                    "wider",
                    "2021-03-01",
                    "2021-12-31",
                    true,
                    Value::Null,
                    false
                )]);
            }),
        ),
    ]);
    assert_eq!(
        paths(&set.lint()),
        [
            "versions[0].policy.reminders.window_closing",
            "versions[0].policy.extensions[0]",
            "versions[1]",
            "versions[1].policy.reminders.window_closing",
            "versions[1].policy.extensions[0]",
            "versions[2].from",
            "versions[2].policy.reminders.window_closing",
            "versions[2].policy.extensions[0]",
        ]
    );
}
