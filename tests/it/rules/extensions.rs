//! E1–E6: the COVID-19 extensions of competencies: requirements waived,
//! reactivation, the extended anniversary, the COVID override, and the
//! opt-in `covid-2021-h1`.

use chrono::Days;
use mpn_renewals::evaluation::CoreBenefits;
use mpn_renewals::policy::{ExtensionPolicy, ReactivationEnd};
use mpn_renewals::{
    apply, evaluate, Action, CompetencyLevel, ErrorKind, Membership, OfferDraft, Phase, Policy,
    PolicySet, Portal, Reason, Rules,
};
use serde_json::{json, Value};

#[cfg(feature = "serde")]
use crate::common::json_error;
use crate::common::{
    anniversary_after, applied, assert_blocked, assert_not_open, assert_open, assert_unlisted,
    build, builtin, competency, covid_2021, d, gold, maps, member, override_, pack, reactivate,
    reasons, renew, set, unmet_gold, with, with_offers,
};

/// partner-center-2020 with its extensions replaced by `extensions`.
#[cfg(feature = "serde")]
fn with_extensions(extensions: Value) -> Result<Policy, serde_json::Error> {
    let mut policy = serde_json::to_value(Policy::partner_center_2020()).unwrap();
    policy["name"] = json!("custom");
    policy["extensions"] = extensions;
    serde_json::from_value(policy)
}

fn extension(first: &str, last: &str, waives: bool, reactivation: Value) -> Value {
    json!({
        "name": "custom-extension",
        "first_anniversary": first,
        "last_anniversary": last,
        "excluded_areas": [],
        "waives_requirements": waives,
        "reactivation_end": reactivation,
        "covid_override": false
    })
}

/// A gold competency, in Partner Center, with neither its performance met
/// nor its exams validated (P1).
fn unqualified_gold(anniversary: &str) -> Membership {
    Membership::builder("contoso")
        .offer(
            OfferDraft::competency("gold", CompetencyLevel::Gold, "Data", d("2015-01-01"))
                .anniversary(d(anniversary)),
        )
        .build()
        .unwrap()
}

// ---------------------------------------------------------------------------
// E1: covid-2020-h1
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e1_covers_competency_anniversaries_from_1_january_to_30_june_2020() {
    for (anniversary, extension) in [
        ("2019-12-31", None),
        ("2020-01-01", Some("covid-2020-h1")),
        ("2020-06-30", Some("covid-2020-h1")),
        ("2020-07-01", Some("covid-2020-h2")),
    ] {
        let membership = member([gold("cloud", anniversary, false)]);
        assert_eq!(
            evaluate(&membership, d(anniversary)).offers[0].extension,
            extension,
            "{anniversary}"
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn e1_requirements_are_deemed_met_but_the_fee_is_due_in_the_window() {
    // Gold 2020-03-10, requirements unmet: window 2020-03-11 ..= 2020-04-09.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-03-10")), &renew("cloud")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2020-03-11")), &renew("cloud"));
    assert_open(&evaluate(&membership, d("2020-04-09")), &renew("cloud"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-04-10")), &renew("cloud")),
        set(&[Reason::WindowClosed])
    );
    // Just outside the range, the requirements hold.
    let uncovered = member([gold("cloud", "2019-12-31", false)]);
    assert_eq!(
        reasons(&evaluate(&uncovered, d("2020-01-05")), &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e1_a_missed_window_can_be_reactivated_until_30_june_2020() {
    // Lapse 2020-04-10; reactivation open to 2020-06-30 inclusive.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-04-10", "2020-06-30"] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
        assert_open(&evaluation, &reactivate("cloud"));
    }
    // After the N5 notice (2020-04-10) the next change is the end of it.
    assert_eq!(
        evaluate(&membership, d("2020-04-11")).next_change,
        Some(d("2020-07-01"))
    );
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-07-01")),
            &reactivate("cloud")
        ),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e1_only_a_network_member_may_reactivate() {
    let outsider = build(
        Membership::builder("contoso")
            .network_member(false)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&outsider, d("2020-04-10")), &reactivate("cloud")),
        set(&[Reason::NotNetworkMember])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e1_reactivate_is_listed_only_once_the_competency_has_lapsed() {
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-03-01", "2020-03-15", "2020-04-09"] {
        assert_unlisted(&evaluate(&membership, d(today)), &reactivate("cloud"));
    }
}

#[cfg(feature = "serde")]
#[test]
fn e1_the_reactivation_period_may_end_before_the_lapse() {
    // Anniversary 2020-06-20: window closes 2020-07-20, lapse 2020-07-21,
    // after the fixed end 2020-06-30: reactivate is listed but blocked.
    let membership = member([gold("cloud", "2020-06-20", false)]);
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-07-21")),
            &reactivate("cloud")
        ),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e1_offers_no_covid_override() {
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for today in ["2020-07-01", "2020-12-01", "2021-03-09"] {
        assert_unlisted(&evaluate(&membership, d(today)), &override_("cloud"));
    }
}

#[test]
fn e1_reactivate_until_30_june_2020_sets_the_2021_anniversary() {
    // Anniversary 2020-01-15: window 2020-01-16 ..= 2020-02-14 (15 + 30 days
    // = 45 January = 14 February), lapsed from 2020-02-15. E1: reactivation
    // until 2020-06-30; E4: the next anniversary is 2021-01-15.
    let membership = member([gold("cloud", "2020-01-15", false)]);
    let reactivated = applied(&membership, Action::reactivate("cloud"), "2020-06-30");
    assert_eq!(
        reactivated.offer("cloud").unwrap().anniversary(),
        d("2021-01-15")
    );
    // Active again, with benefits, the same day.
    let evaluation = evaluate(&reactivated, d("2020-06-30"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert!(evaluation.offers[0].benefits);
    // Also on the first day of the lapse.
    applied(&membership, Action::reactivate("cloud"), "2020-02-15");
}

#[test]
fn e1_reactivate_after_30_june_2020_is_blocked() {
    let membership = member([gold("cloud", "2020-01-15", false)]);
    assert_blocked(
        &membership,
        Action::reactivate("cloud"),
        "2020-07-01",
        &[Reason::ReactivationPeriodOver],
        None,
    );
}

#[test]
fn e1_reactivate_is_not_open_before_the_lapse() {
    // In the window (2020-01-20) the offer renews; reactivate is not listed.
    let membership = member([gold("cloud", "2020-01-15", false)]);
    assert_not_open(&membership, Action::reactivate("cloud"), "2020-01-20");
}

/// E1: `covid-2020-h1` covers anniversaries 2020-01-01 ..= 2020-06-30,
/// waives the requirements, allows reactivation until 2020-06-30, and has no
/// COVID override.
#[cfg(feature = "serde")]
#[test]
fn e1_covid_2020_h1_preset() {
    let h1 = ExtensionPolicy::covid_2020_h1();
    assert_eq!(h1.name(), "covid-2020-h1");
    assert_eq!(h1.first_anniversary(), d("2020-01-01"));
    assert_eq!(h1.last_anniversary(), d("2020-06-30"));
    assert!(h1.waives_requirements());
    assert_eq!(
        h1.reactivation_end(),
        Some(ReactivationEnd::On(d("2020-06-30")))
    );
    assert!(!h1.allows_covid_override());
    assert_eq!(h1.excluded_areas().count(), 0);
}

/// E1, P1: an extension decides whether it waives the requirements. One
/// that does not (a fee-only extension) covers the competency, but P1 still
/// blocks its renewal in the window (2020-03-16, anniversary+1, W2); one
/// that does lets it renew.
#[cfg(feature = "serde")]
#[test]
fn e1_p1_an_extension_that_waives_nothing_leaves_p1_in_force() {
    let membership = unqualified_gold("2020-03-15");
    let renew = Action::renew("gold");
    let today = d("2020-03-16");

    let fee_only = with_extensions(json!([extension(
        "2020-01-01",
        "2020-06-30",
        false,
        Value::Null
    )]))
    .unwrap();
    assert!(!fee_only.extensions()[0].waives_requirements());
    let evaluation = fee_only.evaluate(&membership, today);
    assert_eq!(
        evaluation.offer("gold").unwrap().extension,
        Some("custom-extension")
    );
    let blocked = evaluation.blocked(&renew).expect("P1 blocks renew");
    assert_eq!(
        blocked.reasons.iter().collect::<Vec<_>>(),
        [Reason::PerformanceNotMet, Reason::ExamsNotValidated]
    );

    let waiving = with_extensions(json!([extension(
        "2020-01-01",
        "2020-06-30",
        true,
        Value::Null
    )]))
    .unwrap();
    assert!(waiving.extensions()[0].waives_requirements());
    assert!(waiving.evaluate(&membership, today).is_allowed(&renew));
}

/// E1: an extension's range of anniversaries includes both ends, so a range
/// of one day is valid and covers exactly that anniversary.
#[cfg(feature = "serde")]
#[test]
fn e1_an_extension_may_cover_a_single_anniversary() {
    let policy = with_extensions(json!([extension(
        "2020-03-15",
        "2020-03-15",
        true,
        Value::Null
    )]))
    .unwrap();
    let covered = |anniversary: &str| {
        let membership = unqualified_gold(anniversary);
        policy
            .evaluate(&membership, d(anniversary))
            .offer("gold")
            .unwrap()
            .extension
            .is_some()
    };
    assert!(!covered("2020-03-14"));
    assert!(covered("2020-03-15"));
    assert!(!covered("2020-03-16"));
}

// ---------------------------------------------------------------------------
// E2: covid-2020-h2
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e2_covers_competency_anniversaries_from_1_july_to_31_december_2020() {
    for (anniversary, extension) in [
        ("2020-06-30", Some("covid-2020-h1")),
        ("2020-07-01", Some("covid-2020-h2")),
        ("2020-12-31", Some("covid-2020-h2")),
        ("2021-01-01", None),
    ] {
        let membership = member([competency(
            "cl",
            CompetencyLevel::Silver,
            anniversary,
            false,
            false,
        )]);
        assert_eq!(
            evaluate(&membership, d(anniversary)).offers[0].extension,
            extension,
            "{anniversary}"
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn e2_requirements_are_deemed_met_and_the_fee_is_due_in_the_30_day_window() {
    // Silver 2020-08-10: window 2020-08-11 ..= 2020-09-09 (+21 to 31
    // August, +9 to 9 September).
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_open(&evaluate(&membership, d("2020-08-11")), &renew("cl"));
    assert_open(&evaluate(&membership, d("2020-09-09")), &renew("cl"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-09-10")), &renew("cl")),
        set(&[Reason::WindowClosed])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e2_reactivation_ends_thirty_days_after_the_anniversary() {
    // Reactivation end 2020-08-10 + 30 = 2020-09-09, the window's last day:
    // on the lapse day 2020-09-10 it is already over.
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-09-09")), &reactivate("cl"));
    assert_eq!(
        reasons(&evaluate(&membership, d("2020-09-10")), &reactivate("cl")),
        set(&[Reason::ReactivationPeriodOver])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e2_a_covid_override_may_be_requested_once_reactivation_is_over() {
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-08-10",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-09-09")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2020-09-10")), &override_("cl"));
}

#[test]
fn e2_reactivation_ends_with_the_window() {
    // E2: anniversary 2020-08-10, window 2020-08-11 ..= 2020-09-09 (10 + 30
    // = 40 August = 9 September); reactivation "up to 30 days after the
    // anniversary" ends 2020-09-09 too, so on the lapse day, 2020-09-10, it
    // is already over.
    let membership = member([gold("cloud", "2020-08-10", false)]);
    assert_blocked(
        &membership,
        Action::reactivate("cloud"),
        "2020-09-10",
        &[Reason::ReactivationPeriodOver],
        None,
    );
}

/// E2: `covid-2020-h2` covers anniversaries 2020-07-01 ..= 2020-12-31,
/// waives the requirements, allows reactivation up to 30 days after the
/// anniversary, then the COVID override.
#[cfg(feature = "serde")]
#[test]
fn e2_covid_2020_h2_preset() {
    let h2 = ExtensionPolicy::covid_2020_h2();
    assert_eq!(h2.name(), "covid-2020-h2");
    assert_eq!(h2.first_anniversary(), d("2020-07-01"));
    assert_eq!(h2.last_anniversary(), d("2020-12-31"));
    assert!(h2.waives_requirements());
    assert_eq!(
        h2.reactivation_end(),
        Some(ReactivationEnd::DaysAfterAnniversary(30))
    );
    assert!(h2.allows_covid_override());
    assert_eq!(h2.excluded_areas().count(), 0);
    // Both are in the default policy (E1, E2), in that order.
    let policy = Policy::partner_center_2020();
    let names: Vec<&str> = policy
        .extensions()
        .iter()
        .map(ExtensionPolicy::name)
        .collect();
    assert_eq!(names, ["covid-2020-h1", "covid-2020-h2"]);
}

/// E2, D4: reactivation may end up to 364 days after the anniversary (the
/// end of `Policy::OFFSET_RANGE`, so that the day after it is still a date every
/// valid membership can reach); 365 is refused, naming the field.
#[cfg(feature = "serde")]
#[test]
fn e2_reactivation_may_end_364_days_after_the_anniversary_not_365() {
    let policy = with_extensions(json!([extension(
        "2020-07-01",
        "2020-12-31",
        true,
        json!({"days_after_anniversary": 364})
    )]))
    .unwrap();
    assert_eq!(policy.extensions().len(), 1);

    let err = with_extensions(json!([extension(
        "2020-07-01",
        "2020-12-31",
        true,
        json!({"days_after_anniversary": 365})
    )]))
    .unwrap_err()
    .to_string();
    assert!(
        err.contains(
            "extensions[0].reactivation_end.days_after_anniversary: 365 days is out of range"
        ),
        "{err}"
    );
    assert!(err.contains("0 ..= 364"), "{err}");
}

// ---------------------------------------------------------------------------
// E3: competencies only
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e3_extensions_do_not_cover_an_action_pack() {
    // Action Pack with anniversary 2020-03-10: no extension, lapses on
    // 2020-04-10 with nothing to reactivate.
    let membership = member([OfferDraft::action_pack("maps", d("2019-03-10"))]);
    let evaluation = evaluate(&membership, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert_unlisted(&evaluation, &reactivate("maps"));
    assert_eq!(evaluation.reminders[0].extension, None);
    // An h2 date: no override either.
    let h2 = member([OfferDraft::action_pack("maps", d("2019-08-10"))]);
    assert_unlisted(&evaluate(&h2, d("2020-09-10")), &override_("maps"));
}

#[cfg(feature = "serde")]
#[test]
fn e3_a_learning_action_pack_is_not_covered_either() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2019-03-10"))]);
    let evaluation = evaluate(&membership, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_unlisted(&evaluation, &reactivate("lap"));
}

#[cfg(feature = "serde")]
#[test]
fn e3_silver_and_gold_competencies_are_both_covered() {
    let membership = member([
        competency("s", CompetencyLevel::Silver, "2020-03-10", false, false),
        competency("g", CompetencyLevel::Gold, "2020-03-10", false, false),
    ]);
    let evaluation = evaluate(&membership, d("2020-03-15"));
    for index in 0..2 {
        assert_eq!(evaluation.offers[index].extension, Some("covid-2020-h1"));
    }
    assert_open(&evaluation, &renew("s"));
    assert_open(&evaluation, &renew("g"));
}

#[test]
fn e3_reactivate_of_an_action_pack_is_not_open() {
    let membership = member([maps()]);
    assert_not_open(&membership, Action::reactivate("maps"), "2019-10-05");
}

// ---------------------------------------------------------------------------
// E4: the extended anniversary
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e4_extended_anniversary_is_the_same_day_in_2021() {
    for (anniversary, extended) in [
        ("2020-01-01", "2021-01-01"),
        ("2020-03-10", "2021-03-10"),
        ("2020-06-30", "2021-06-30"),
        ("2020-12-31", "2021-12-31"),
    ] {
        assert_eq!(
            ExtensionPolicy::extended_anniversary(d(anniversary)),
            Some(d(extended))
        );
    }
    // Not W5's 365 days: 2020-01-01 + 365 = 2020-12-31 (2020 has 366 days).
    assert_ne!(
        ExtensionPolicy::extended_anniversary(d("2020-01-01")),
        d("2020-01-01").checked_add_days(Days::new(365))
    );
}

#[cfg(feature = "serde")]
#[test]
fn e4_extended_anniversary_of_29_february_is_28_february() {
    assert_eq!(
        ExtensionPolicy::extended_anniversary(d("2020-02-29")),
        Some(d("2021-02-28"))
    );
}

#[cfg(feature = "serde")]
#[test]
fn e4_renewing_under_an_extension_sets_the_same_day_in_2021() {
    // Gold 2020-01-01 (covid-2020-h1), requirements unmet but waived:
    // renewed on 2020-01-02, next anniversary 2021-01-01, not W5's
    // 2020-01-01 + 365 = 2020-12-31.
    let membership = member([gold("cloud", "2020-01-01", false)]);
    let renewed = apply(&membership, &renew("cloud"), d("2020-01-02")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-01-01")
    );
    // 29 February 2020: renewed in 2020-03-01 ..= 2020-03-30, next 2021-02-28.
    let leap = member([gold("cloud", "2020-02-29", false)]);
    let renewed = apply(&leap, &renew("cloud"), d("2020-03-01")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-02-28")
    );
}

#[cfg(feature = "serde")]
#[test]
fn e4_reactivating_under_an_extension_sets_the_same_day_in_2021() {
    // Gold 2020-03-10 lapsed on 2020-04-10, reactivated that day: 2021-03-10,
    // and its benefits are back.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    let reactivated = apply(&membership, &reactivate("cloud"), d("2020-04-10")).unwrap();
    assert_eq!(
        reactivated.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
    let evaluation = evaluate(&reactivated, d("2020-04-10"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert_eq!(evaluation.core_benefits, Some(CoreBenefits::Gold));
}

#[cfg(feature = "serde")]
#[test]
fn e4_in_pmc_a_renewal_is_not_under_the_extension() {
    // P3: a PMC membership has none of the extension's effects, so its
    // renewal follows W5: 2020-01-01 + 365 = 2020-12-31. PMC window of
    // 2020-01-01: 2019-10-03 ..= 2020-01-01 (− 90 days).
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-01-01", true)),
    );
    let renewed = apply(&membership, &renew("cloud"), d("2019-12-01")).unwrap();
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2020-12-31")
    );
}

#[test]
fn e4_renew_under_an_extension_sets_the_same_month_and_day_next_year() {
    // A gold competency with anniversary 2020-01-01 and unmet requirements,
    // in Partner Center: covid-2020-h1 covers it (E1) and waives P1; the
    // window is 2020-01-02 ..= 2020-01-31. E4: the next anniversary is
    // 2021-01-01, where W5 would give 2020-01-01 + 365 = 2020-12-31 (2020
    // has 366 days).
    let membership = member([gold("cloud", "2020-01-01", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-01-02");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-01-01")
    );
}

#[test]
fn e4_contract_example_competency_2020_03_10_renews_to_2021_03_10() {
    // the wire contract, "Examples from the seeds": evaluated 2020-03-15, renew is
    // open (requirements waived); renewed, the next anniversary is
    // 2021-03-10.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-03-15");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
}

#[test]
fn e4_d1_a_29_february_anniversary_renews_to_28_february() {
    // E4: "a 29 February gives 2021-02-28". Window 2020-03-01 ..= 2020-03-30.
    let membership = member([gold("cloud", "2020-02-29", false)]);
    let renewed = applied(&membership, renew("cloud"), "2020-03-01");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-02-28")
    );
}

// ---------------------------------------------------------------------------
// E5: the COVID override
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e5_covid_override_runs_from_the_day_after_reactivation_to_the_day_before_the_extended_anniversary(
) {
    // Silver 2020-07-15 (h2): window and reactivation end 2020-08-14 (+16 to
    // 31 July, +14 to 14 August); override 2020-08-15 ..= 2021-07-14, the
    // day before the extended anniversary 2021-07-15 (E4).
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-07-15",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2020-08-14")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2020-08-15")), &override_("cl"));
    let last = evaluate(&membership, d("2021-07-14"));
    assert_open(&last, &override_("cl"));
    assert_eq!(last.next_change, Some(d("2021-07-15")));
    // Only when open: not listed as blocked either.
    assert_unlisted(&evaluate(&membership, d("2021-07-15")), &override_("cl"));
}

#[cfg(feature = "serde")]
#[test]
fn e5_covid_override_of_a_31_december_anniversary() {
    // 2020-12-31: window 2021-01-01 ..= 2021-01-30, lapse 2021-01-31;
    // extended anniversary 2021-12-31, so the override ends 2021-12-30.
    let membership = member([competency(
        "cl",
        CompetencyLevel::Silver,
        "2020-12-31",
        false,
        false,
    )]);
    assert_unlisted(&evaluate(&membership, d("2021-01-30")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2021-01-31")), &override_("cl"));
    assert_open(&evaluate(&membership, d("2021-12-30")), &override_("cl"));
    assert_unlisted(&evaluate(&membership, d("2021-12-31")), &override_("cl"));
}

#[cfg(feature = "serde")]
#[test]
fn e5_no_covid_override_for_a_cancelled_competency() {
    let membership =
        member([
            competency("cl", CompetencyLevel::Silver, "2020-08-10", false, false).cancelled(true),
        ]);
    assert_unlisted(&evaluate(&membership, d("2020-09-10")), &override_("cl"));
    assert_unlisted(&evaluate(&membership, d("2020-09-10")), &reactivate("cl"));
}

#[test]
fn e5_covid_override_is_recorded_and_not_offered_twice() {
    // Anniversary 2020-08-10 (E2): lapsed 2020-09-10; reactivation ended
    // 2020-09-09; E5: the override is open from 2020-09-10 to the day
    // before the extended anniversary 2021-08-10, i.e. 2021-08-09.
    let membership = member([gold("cloud", "2020-08-10", false)]);
    let action = Action::request_covid_override("cloud");
    let requested = applied(&membership, action, "2020-09-10");
    let offer = requested.offer("cloud").unwrap();
    assert!(offer.covid_override_requested());
    // Nothing else changes: still lapsed, same anniversary.
    assert_eq!(offer.anniversary(), d("2020-08-10"));
    assert_eq!(
        evaluate(&requested, d("2020-09-10")).offers[0].phase,
        Phase::Lapsed
    );
    // Not offered again, on that day or any later one.
    assert_not_open(&requested, action, "2020-09-10");
    assert_not_open(&requested, action, "2021-01-01");
    // The last day of the period works on the original.
    applied(&membership, action, "2021-08-09");
}

#[test]
fn e5_covid_override_outside_its_period_is_not_open() {
    let membership = member([gold("cloud", "2020-08-10", false)]);
    let action = Action::request_covid_override("cloud");
    // 2020-09-09: the window's last day; 2021-08-10: the extended anniversary.
    assert_not_open(&membership, action, "2020-09-09");
    assert_not_open(&membership, action, "2021-08-10");
    // E1 has no override (covid-2020-h1).
    let h1 = member([gold("cloud", "2020-01-15", false)]);
    assert_not_open(&h1, Action::request_covid_override("cloud"), "2020-07-01");
    // P3: not in PMC.
    let pmc = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-08-10", false)],
    );
    assert_not_open(&pmc, action, "2020-09-10");
}

/// E5: `covid_override_requested` records that an override was requested,
/// so that it is not offered twice. It is a competency's field: read with
/// the default `false`, and written back on every competency, like P1's
/// flags, so that reading the written form gives the same membership.
#[cfg(feature = "serde")]
#[test]
fn e5_covid_override_requested_is_read_and_written_on_a_competency() {
    let value = with_offers(json!([
        {"id": "cl", "kind": "silver_competency", "area": "Data", "purchased": "2017-08-10",
         "anniversary": "2020-08-10", "covid_override_requested": true}
    ]));
    let membership: Membership = serde_json::from_value(value).unwrap();
    assert!(membership.offers()[0].covid_override_requested());
    let written = serde_json::to_value(&membership).unwrap();
    assert_eq!(
        written["offers"][0]["covid_override_requested"],
        json!(true)
    );

    let plain = with_offers(json!([
        {"id": "cl", "kind": "silver_competency", "area": "Data", "purchased": "2017-08-10",
         "anniversary": "2020-08-10"}
    ]));
    let membership: Membership = serde_json::from_value(plain).unwrap();
    assert!(!membership.offers()[0].covid_override_requested());
    let written = serde_json::to_value(&membership).unwrap();
    assert_eq!(
        written["offers"][0]["covid_override_requested"],
        json!(false)
    );
    let again: Membership = serde_json::from_value(written).unwrap();
    assert_eq!(again, membership);
}

/// E5: the override concerns competencies only, so the field is an error
/// on either pack, whatever its value, and the error names the field.
#[cfg(feature = "serde")]
#[test]
fn e5_covid_override_requested_on_a_pack_is_refused_with_its_path() {
    for kind in ["action_pack", "learning_action_pack"] {
        for requested in [true, false] {
            let value = with_offers(json!([
                {"id": "p", "kind": kind, "purchased": "2019-08-10",
                 "covid_override_requested": requested}
            ]));
            assert_eq!(
                json_error(value),
                format!(
                    "offers[0].covid_override_requested: {kind} offers have no `covid_override_requested`"
                ),
            );
        }
    }
    let draft = OfferDraft::action_pack("p", d("2019-08-10")).covid_override_requested(false);
    let err = Membership::builder("contoso")
        .offer(draft)
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].covid_override_requested");
}

// ---------------------------------------------------------------------------
// E6: covid-2021-h1, opt-in
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn e6_covid_2021_h1_applies_only_with_the_opt_in_policy() {
    // Gold "Cloud Platform", anniversary 2021-03-01, requirements unmet, in
    // Partner Center; window 2021-03-02 ..= 2021-03-31.
    let m = member([unmet_gold("cloud", "Cloud Platform", "2021-03-01")]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2021-h1"));
    assert_eq!(evaluation.policy, "partner-center-2020-covid-2021");
    assert!(evaluation.is_allowed(&renew("cloud")));
    // E4: 2021-03-01 gives 2022-03-01.
    assert_eq!(
        anniversary_after(&policy, &m, renew("cloud"), "2021-03-05"),
        d("2022-03-01")
    );
    // Not in the default, nor in any built-in, nor in the history.
    let unmet = set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated]);
    for name in Policy::BUILTIN_NAMES {
        let evaluation = builtin(name).evaluate(&m, d("2021-03-05"));
        assert_eq!(evaluation.offers[0].extension, None, "{name}");
        assert_eq!(
            evaluation.blocked(&renew("cloud")).unwrap().reasons,
            unmet,
            "{name}"
        );
    }
    let evaluation = mpn_renewals::evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, None);
    let history = PolicySet::partner_center_history();
    assert_eq!(
        history.evaluate(&m, d("2021-03-05")).offers[0].extension,
        None
    );
}

#[cfg(feature = "serde")]
#[test]
fn e6_does_not_cover_cloud_business_applications() {
    let m = member([unmet_gold(
        "crm",
        "Cloud Business Applications",
        "2021-03-01",
    )]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-03-05"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(
        evaluation.blocked(&renew("crm")).unwrap().reasons,
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e6_covers_anniversaries_2021_01_01_to_2021_06_30_of_competencies_only() {
    let policy = covid_2021();
    for (anniversary, expected) in [
        ("2020-12-31", Some("covid-2020-h2")),
        ("2021-01-01", Some("covid-2021-h1")),
        ("2021-06-30", Some("covid-2021-h1")),
        ("2021-07-01", None),
    ] {
        let m = member([unmet_gold("cloud", "Data", anniversary)]);
        let evaluation = policy.evaluate(&m, d(anniversary));
        assert_eq!(evaluation.offers[0].extension, expected, "{anniversary}");
    }
    // E3: never a pack.
    let m = member([pack("maps", "2020-03-01", "2021-03-01")]);
    assert_eq!(
        policy.evaluate(&m, d("2021-03-05")).offers[0].extension,
        None
    );
}

#[cfg(feature = "serde")]
#[test]
fn e6_has_no_reactivation_and_no_covid_override() {
    // Anniversary 2021-03-01: lapsed from 2021-04-01 (1 March + 31 days).
    let m = member([unmet_gold("cloud", "Cloud Platform", "2021-03-01")]);
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-04-01"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    for action in [
        Action::reactivate("cloud"),
        Action::request_covid_override("cloud"),
    ] {
        assert!(!evaluation.is_allowed(&action), "{action}");
        assert!(evaluation.blocked(&action).is_none(), "{action}");
        assert_eq!(
            policy
                .apply(&m, &action, d("2021-04-01"))
                .map_err(|e| e.kind().clone()),
            Err(ErrorKind::NotOpen)
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn e6_p3_in_pmc_the_extension_is_shown_but_waives_nothing() {
    // P4: PMC window 2021-03-01 - 90 days ..= 2021-03-01. Counting back:
    // 1 day to 28 February, 28 more to 31 January, 31 to 31 December, 30 to
    // 1 December (1 + 28 + 31 + 30 = 90): 2020-12-01 ..= 2021-03-01.
    let m = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [unmet_gold("cloud", "Cloud Platform", "2021-03-01")],
    );
    let policy = covid_2021();
    let evaluation = policy.evaluate(&m, d("2021-02-01"));
    assert_eq!(evaluation.offers[0].window.opens, d("2020-12-01"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2021-h1"));
    assert_eq!(
        evaluation.blocked(&renew("cloud")).unwrap().reasons,
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[cfg(feature = "serde")]
#[test]
fn e6_cannot_be_added_twice_or_over_another_extension() {
    let twice = covid_2021().with_extension(ExtensionPolicy::covid_2021_h1());
    let err = twice.unwrap_err().to_string();
    assert!(err.starts_with("extensions[3]"), "{err}");
    assert!(err.contains("extensions[2]"), "{err}");
}

/// E6: an extension loads on its own from the form a policy file holds
/// (the third extension of `examples/policies/covid-2021-h1.json`, whose
/// text `policy/files.rs` checks against the rules catalogue), and only from a JSON
/// object.
#[cfg(feature = "serde")]
#[test]
fn e6_an_extension_loads_on_its_own() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/policies/covid-2021-h1.json");
    let policy: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let loaded: mpn_renewals::policy::ExtensionPolicy =
        serde_json::from_value(policy["extensions"][2].clone()).unwrap();
    assert_eq!(
        loaded,
        mpn_renewals::policy::ExtensionPolicy::covid_2021_h1()
    );

    let err =
        serde_json::from_value::<mpn_renewals::policy::ExtensionPolicy>(json!(["covid-2021-h1"]))
            .unwrap_err()
            .to_string();
    assert_eq!(err, "(root): expected an object, found an array");
    let err = serde_json::from_value::<mpn_renewals::policy::ExtensionPolicy>(json!({
        "name": "",
        "first_anniversary": "2021-01-01",
        "last_anniversary": "2021-06-30",
        "excluded_areas": [],
        "waives_requirements": true,
        "reactivation_end": null,
        "covid_override": false
    }))
    .unwrap_err()
    .to_string();
    assert!(err.starts_with("name: "), "{err}");
}
