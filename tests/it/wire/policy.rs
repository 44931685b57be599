//! The serde form of a policy and of a policy set: every built-in policy,
//! the opt-in E6 policy and the history round-trip, and a policy written by
//! hand may leave its optional fields out.

use mpn_renewals::policy::WindowOffsets;
use mpn_renewals::{Policy, PolicySet, Portal, Rules};
use serde_json::json;

use crate::common::{builtin, covid_2021, d};

#[test]
fn policy_json_round_trip() {
    let mut policies: Vec<Policy> = Policy::BUILTIN_NAMES
        .iter()
        .map(|name| builtin(name).clone())
        .collect();
    policies.push(covid_2021());
    for policy in policies {
        let text = serde_json::to_string(&policy).unwrap();
        let back: Policy = serde_json::from_str(&text).unwrap();
        assert_eq!(back, policy, "{text}");
        assert_eq!(serde_json::to_string(&back).unwrap(), text);
    }
    // A policy written by hand, with the optional fields left out.
    let custom: Policy = serde_json::from_value(json!({
        "name": "custom",
        "windows": {"partner_center": {"opens": 1, "closes": 45},
                    "pmc": {"opens": -60, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 366},
        "reminders": {"upcoming": -30, "window_closing": 40}
    }))
    .unwrap();
    assert_eq!(custom.name(), "custom");
    assert_eq!(
        custom.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 45
        }
    );
    assert!(!custom.one_pack_per_account());
    assert_eq!(custom.cancellation_days(), None);
    assert!(custom.extensions().is_empty());
    let back: Policy = serde_json::from_str(&serde_json::to_string(&custom).unwrap()).unwrap();
    assert_eq!(back, custom);
}

#[test]
fn policy_set_json_round_trip() {
    let history = PolicySet::partner_center_history();
    let text = serde_json::to_string(&history).unwrap();
    let back: PolicySet = serde_json::from_str(&text).unwrap();
    assert_eq!(back, history);
    // A set mixing a built-in and an inline policy.
    let mixed: PolicySet = serde_json::from_value(json!({"versions": [
        {"from": "2019-03-01", "builtin": "partner-center-2020"},
        {"from": "2021-02-04", "policy": serde_json::to_value(covid_2021()).unwrap()}
    ]}))
    .unwrap();
    assert_eq!(
        mixed,
        PolicySet::new([
            (d("2019-03-01"), Policy::partner_center_2020()),
            (d("2021-02-04"), covid_2021()),
        ])
        .unwrap()
    );
    let back: PolicySet = serde_json::from_str(&serde_json::to_string(&mixed).unwrap()).unwrap();
    assert_eq!(back, mixed);
    // Before its first version's start, the first version applies.
    assert_eq!(
        mixed.policy_on(d("2000-01-01")).name(),
        "partner-center-2020"
    );
    assert_eq!(
        mixed.policy_on(d("2021-02-04")).name(),
        "partner-center-2020-covid-2021"
    );
}
