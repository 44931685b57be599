//! Policies as data: the example files under `examples/policies/` load to
//! their presets, and every refusal of a bad policy file or policy set, with
//! the place it names.

use std::path::Path;

use mpn_renewals::{Policy, PolicySet};
use serde_json::{json, Value};

use crate::common::{assert_mentions, builtin, covid_2021, good, policy_error};

fn examples_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/policies"))
}

fn read_example(name: &str) -> String {
    std::fs::read_to_string(examples_dir().join(name)).unwrap()
}

/// The error of a policy file as the crate reads it: `path: problem`.
fn located<T: serde::de::DeserializeOwned + std::fmt::Debug>(value: &Value) -> String {
    match serde_json::from_value::<T>(value.clone()) {
        Ok(loaded) => panic!("accepted: {loaded:?}"),
        Err(err) => err.to_string(),
    }
}

fn set_error(value: &Value) -> String {
    match serde_json::from_str::<PolicySet>(&value.to_string()) {
        Ok(set) => panic!("accepted: {set:?}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn every_example_policy_file_loads_to_its_preset() {
    let mut names: Vec<String> = std::fs::read_dir(examples_dir())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "covid-2021-h1.json",
            "history.json",
            "partner-center-2018.json",
            "partner-center-2020.json",
            "partner-center-2022.json",
            "partner-center-2023.json",
        ]
    );
    for name in &names {
        let text = read_example(name);
        match name.as_str() {
            "history.json" => {
                let loaded: PolicySet = serde_json::from_str(&text).unwrap();
                assert_eq!(loaded, PolicySet::partner_center_history());
            }
            "covid-2021-h1.json" => {
                let loaded: Policy = serde_json::from_str(&text).unwrap();
                assert_eq!(loaded, covid_2021());
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    serde_json::to_value(covid_2021()).unwrap()
                );
            }
            _ => {
                let preset = builtin(name.trim_end_matches(".json"));
                let loaded: Policy = serde_json::from_str(&text).unwrap();
                assert_eq!(&loaded, preset, "{name}");
                // The file is exactly the serde form of the preset.
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    serde_json::to_value(preset).unwrap(),
                    "{name}"
                );
            }
        }
    }
}

#[test]
fn example_files_read_by_hand_match_rules_md() {
    // A check of the files' contents against the rules catalogue, independent of the
    // presets in the code.
    let v: Value = serde_json::from_str(&read_example("partner-center-2023.json")).unwrap();
    assert_eq!(
        v["windows"]["partner_center"],
        json!({"opens": 0, "closes": 30})
    );
    assert_eq!(v["first_anniversary"], json!({"days_after_purchase": 365}));
    assert_eq!(v["one_pack_per_account"], json!(true));
    assert_eq!(v["cancellation_days"], json!(30));
    let v: Value = serde_json::from_str(&read_example("partner-center-2018.json")).unwrap();
    assert_eq!(v["renewal_term"], json!({"days_after_renewal": 365}));
    assert_eq!(
        v["windows"]["partner_center"],
        json!({"opens": 1, "closes": 30})
    );
    let v: Value = serde_json::from_str(&read_example("partner-center-2020.json")).unwrap();
    assert_eq!(v["renewal_term"], json!({"days_after_anniversary": 365}));
    assert_eq!(v["windows"]["pmc"], json!({"opens": -90, "closes": 0}));
    assert_eq!(
        v["extensions"][0]["reactivation_end"],
        json!({"on": "2020-06-30"})
    );
    assert_eq!(
        v["extensions"][1]["reactivation_end"],
        json!({"days_after_anniversary": 30})
    );
    let v: Value = serde_json::from_str(&read_example("covid-2021-h1.json")).unwrap();
    assert_eq!(
        v["extensions"][2],
        json!({
            "name": "covid-2021-h1",
            "first_anniversary": "2021-01-01",
            "last_anniversary": "2021-06-30",
            "excluded_areas": ["Cloud Business Applications"],
            "waives_requirements": true,
            "reactivation_end": null,
            "covid_override": false
        })
    );
}

#[test]
fn the_good_policy_loads() {
    assert_eq!(
        serde_json::from_value::<Policy>(good()).unwrap(),
        Policy::partner_center_2020()
    );
}

#[test]
fn bad_policy_unknown_field_at_the_top() {
    let mut v = good();
    v["bogus"] = json!(1);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_windows() {
    let mut v = good();
    v["windows"]["bogus"] = json!({"opens": 1, "closes": 2});
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("windows.bogus: unknown field `bogus`"));
    let mut v = good();
    v["windows"]["pmc"]["bogus"] = json!(1);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("windows.pmc.bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_an_extension() {
    let mut v = good();
    v["extensions"][1]["bogus"] = json!(true);
    assert_mentions(&policy_error(&v), &["unknown field `bogus`"]);
    assert!(located::<Policy>(&v).starts_with("extensions[1].bogus: unknown field `bogus`"));
}

#[test]
fn bad_policy_unknown_field_in_reminders_and_terms() {
    let mut v = good();
    v["reminders"]["lapse"] = json!(31);
    assert!(located::<Policy>(&v).starts_with("reminders.lapse: unknown field `lapse`"));
    let mut v = good();
    v["renewal_term"] = json!({"days_after_purchase": 365});
    assert_mentions(&policy_error(&v), &["days_after_purchase"]);
}

#[test]
fn bad_policy_overlapping_extension_ranges() {
    // covid-2020-h2 made to start on 2020-06-30, the last day of h1.
    let mut v = good();
    v["extensions"][1]["first_anniversary"] = json!("2020-06-30");
    let err = policy_error(&v);
    assert_mentions(
        &err,
        &["extensions[1]: covers anniversaries that extensions[0] covers too"],
    );
    // Adjacent ranges (the presets' own h1 and h2) are fine: see
    // the_good_policy_loads.
}

#[test]
fn bad_policy_window_closes_before_it_opens() {
    let mut v = good();
    v["windows"]["pmc"]["closes"] = json!(-91);
    // -91 is out of Policy::OFFSET_RANGE (-90 ..= 364) before the order is checked.
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.closes: -91 days is out of range: it must lie within -90 ..= 364"],
    );
    let mut v = good();
    v["windows"]["pmc"] = json!({"opens": -10, "closes": -20});
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc: the window closes (day -20) before it opens (day -10)"],
    );
    let mut v = good();
    v["windows"]["partner_center"] = json!({"opens": 30, "closes": 1});
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center:", "closes (day 1)"],
    );
    // A one-day window is fine.
    let mut v = good();
    v["windows"]["partner_center"] = json!({"opens": 1, "closes": 1});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_offset_of_1001_days() {
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(1001);
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center.closes: 1001 days is out of range"],
    );
    let mut v = good();
    v["reminders"]["window_closing"] = json!(1001);
    assert_mentions(&policy_error(&v), &["reminders.window_closing: 1001 days"]);
    // Within the ±1000 days, only Policy::OFFSET_RANGE (-90 ..= 364) is accepted:
    // the reach a valid membership keeps inside the calendar (D4).
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(365);
    assert_mentions(
        &policy_error(&v),
        &["windows.partner_center.closes: 365 days is out of range: it must lie within -90 ..= 364"],
    );
    let mut v = good();
    v["windows"]["partner_center"]["closes"] = json!(364);
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_offset_of_minus_1001_days() {
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-1001);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -1001 days is out of range"],
    );
    let mut v = good();
    v["reminders"]["upcoming"] = json!(-1001);
    assert_mentions(&policy_error(&v), &["reminders.upcoming: -1001 days"]);
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-91);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -91 days is out of range"],
    );
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-90);
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_term_of_0_days() {
    let mut v = good();
    v["renewal_term"] = json!({"days_after_anniversary": 0});
    assert_mentions(
        &policy_error(&v),
        &["renewal_term.days_after_anniversary: 0 days is out of range"],
    );
    let mut v = good();
    v["first_anniversary"] = json!({"days_after_purchase": 0});
    assert_mentions(
        &policy_error(&v),
        &["first_anniversary.days_after_purchase: 0 days"],
    );
    let mut v = good();
    v["cancellation_days"] = json!(0);
    assert_mentions(&policy_error(&v), &["cancellation_days: 0 days"]);
    // W5: a term counted from the renewal day is at least 90 days, so that
    // a renewal in a window opening 90 days before the anniversary (P4)
    // still sets an anniversary after the purchase.
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 89});
    assert_mentions(
        &policy_error(&v),
        &["renewal_term.days_after_renewal: 89 days is out of range: it must lie within 90 ..= 1000"],
    );
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 90});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_term_of_1001_days() {
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 1001});
    assert_mentions(
        &policy_error(&v),
        &["renewal_term.days_after_renewal: 1001 days is out of range"],
    );
    let mut v = good();
    v["first_anniversary"] = json!({"days_after_purchase": 1001});
    assert_mentions(
        &policy_error(&v),
        &["first_anniversary.days_after_purchase: 1001 days"],
    );
    let mut v = good();
    v["cancellation_days"] = json!(1001);
    assert_mentions(&policy_error(&v), &["cancellation_days: 1001 days"]);
    let mut v = good();
    v["extensions"][1]["reactivation_end"] = json!({"days_after_anniversary": 1001});
    assert_mentions(
        &policy_error(&v),
        &["extensions[1].reactivation_end.days_after_anniversary: 1001 days"],
    );
    let mut v = good();
    v["renewal_term"] = json!({"days_after_renewal": 1000});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

#[test]
fn bad_policy_empty_name() {
    let mut v = good();
    v["name"] = json!("");
    assert_mentions(&policy_error(&v), &["name: must not be empty"]);
    let mut v = good();
    v["extensions"][0]["name"] = json!("");
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].name: must not be empty"],
    );
    let mut v = good();
    v["extensions"][0]["excluded_areas"] = json!(["Data", ""]);
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].excluded_areas[1]: must not be empty"],
    );
}

#[test]
fn bad_policy_extension_last_anniversary_before_first() {
    let mut v = good();
    v["extensions"][0]["last_anniversary"] = json!("2019-12-31");
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].last_anniversary: 2019-12-31 is before 2020-01-01"],
    );
}

#[test]
fn bad_policy_invalid_date() {
    let mut v = good();
    v["extensions"][1]["first_anniversary"] = json!("2020-02-30");
    assert_mentions(
        &policy_error(&v),
        &["extensions[1].first_anniversary: `2020-02-30` is not a date"],
    );
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "2020-6-30"});
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].reactivation_end.on: `2020-6-30` is not a date"],
    );
}

#[test]
fn bad_policy_set_versions_out_of_order() {
    let v = json!({"versions": [
        {"from": "2020-01-01", "builtin": "partner-center-2018"},
        {"from": "2019-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].from: starts on 2019-01-01, not after the version before it (2020-01-01)"],
    );
    // The same start twice is out of order too.
    let v = json!({"versions": [
        {"from": "2020-01-01", "builtin": "partner-center-2018"},
        {"from": "2020-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(&set_error(&v), &["versions[1].from: starts on 2020-01-01"]);
}

#[test]
fn bad_policy_set_duplicate_names() {
    let mut other = good();
    other["renewal_term"] = json!({"days_after_renewal": 365});
    let v = json!({"versions": [
        {"from": "2019-01-01", "policy": good()},
        {"from": "2020-01-01", "policy": other}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].policy.name: `partner-center-2020` names another version too"],
    );
}

#[test]
fn bad_policy_set_duplicate_builtin_names_the_builtin_field() {
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2020"},
        {"from": "2020-01-01", "builtin": "partner-center-2020"}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].builtin: `partner-center-2020` names another version too"],
    );
}

#[test]
fn bad_policy_set_no_versions() {
    assert_mentions(
        &set_error(&json!({"versions": []})),
        &["versions: a policy set needs at least one version"],
    );
    assert_mentions(&set_error(&json!({})), &["missing field `versions`"]);
}

#[test]
fn bad_policy_set_both_builtin_and_policy() {
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2020", "policy": good()}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[0]: needs exactly one of `builtin` and `policy`"],
    );
    // Neither is refused the same way.
    let v = json!({"versions": [{"from": "2019-01-01"}]});
    assert_mentions(
        &set_error(&v),
        &["versions[0]: needs exactly one of `builtin` and `policy`"],
    );
}

#[test]
fn bad_policy_set_unknown_builtin_name() {
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-1999"}]});
    assert_mentions(
        &set_error(&v),
        &[
            "versions[0].builtin: no built-in policy is named `partner-center-1999`",
            "partner-center-2018, partner-center-2020, partner-center-2022, partner-center-2023",
        ],
    );
}

#[test]
fn bad_policy_set_invalid_date_and_nested_policy_errors() {
    let v = json!({"versions": [{"from": "2019-3-1", "builtin": "partner-center-2020"}]});
    assert_mentions(
        &set_error(&v),
        &["versions[0].from: `2019-3-1` is not a date"],
    );
    // An error inside an inline policy carries the version's path.
    let mut bad = good();
    bad["windows"]["pmc"] = json!({"opens": -10, "closes": -20});
    let v = json!({"versions": [
        {"from": "2019-01-01", "builtin": "partner-center-2018"},
        {"from": "2020-01-01", "policy": bad}
    ]});
    assert_mentions(
        &set_error(&v),
        &["versions[1].policy.windows.pmc: the window closes"],
    );
    // Unknown fields in a set and in a version.
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-2020"}], "x": 1});
    assert_mentions(&set_error(&v), &["unknown field `x`"]);
    let v = json!({"versions": [{"from": "2019-01-01", "builtin": "partner-center-2020", "to": "2020-01-01"}]});
    assert_mentions(&set_error(&v), &["unknown field `to`"]);
    assert!(located::<PolicySet>(&v).starts_with("versions[0].to: unknown field `to`"));
}
