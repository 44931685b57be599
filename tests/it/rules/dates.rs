//! D1–D5: the decisions on dates: 29 February, calendar dates without time
//! or zone, the window's bounds, the ends of the calendar, and the Learning
//! Action Pack.

use chrono::NaiveDate;
use mpn_renewals::calendar::{FIRST_DATE, LAST_DATE};
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::policy::WindowOffsets;
use mpn_renewals::{
    evaluate, Action, ErrorKind, Membership, OfferDraft, OfferKind, Phase, Policy, Portal, Reason,
    Rules, Token,
};
use serde_json::json;

use crate::common::{
    allowed_from, applied, assert_mentions, assert_open, assert_unlisted, build, d, gold, maps,
    member, one, pack, reasons, reminders, renew, set, ten_years, window, with, ymd,
};
#[cfg(feature = "serde")]
use crate::common::{good, policy_error};

// ---------------------------------------------------------------------------
// D1: 29 February
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn d1_purchase_on_29_february_has_its_first_anniversary_on_28_february() {
    for (bought, anniversary) in [("2020-02-29", "2021-02-28"), ("2016-02-29", "2017-02-28")] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        assert_eq!(membership.offers()[0].anniversary(), d(anniversary));
    }
    // Window of 2021-02-28: 2021-03-01 ..= 2021-03-30 (+1 to 1 March, +29).
    let membership = member([OfferDraft::action_pack("maps", d("2020-02-29"))]);
    let evaluation = evaluate(&membership, d("2021-03-30"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2021-03-01", "2021-03-30")
    );
    assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
}

#[cfg(feature = "serde")]
#[test]
fn d1_the_wire_form_clamps_29_february_too() {
    let membership: Membership = serde_json::from_value(json!({
        "account": "contoso",
        "offers": [{"id": "lap", "kind": "learning_action_pack", "purchased": "2020-02-29"}]
    }))
    .unwrap();
    assert_eq!(membership.offers()[0].anniversary(), d("2021-02-28"));
}

#[cfg(feature = "serde")]
#[test]
fn d1_28_february_before_a_leap_year_is_not_moved_to_29_february() {
    let membership = member([OfferDraft::action_pack("maps", d("2023-02-28"))]);
    assert_eq!(membership.offers()[0].anniversary(), d("2024-02-28"));
}

#[test]
fn d1_purchase_on_29_february_has_its_anniversary_on_28_february() {
    let bought = applied(
        &member([]),
        Action::purchase_as(OfferKind::ActionPack, "maps"),
        "2020-02-29",
    );
    assert_eq!(bought.offer("maps").unwrap().anniversary(), d("2021-02-28"));
}

#[cfg(feature = "proptest")]
#[test]
fn d1_w5_ten_years_of_renewals_from_29_february_2020() {
    // D1: bought 2020-02-29, first anniversary 2021-02-28. Then + 365 days
    // each: 2022-02-28, 2023-02-28, 2024-02-28 (29 Feb 2024 is after it),
    // 2025-02-27 (29 Feb 2024 between), 2026-02-27, 2027-02-27, 2028-02-27,
    // 2029-02-26 (29 Feb 2028 between), 2030-02-26, 2031-02-26.
    let (anniversaries, _) = ten_years(ymd(2020, 2, 29), 10);
    let expected: Vec<NaiveDate> = [
        "2021-02-28",
        "2022-02-28",
        "2023-02-28",
        "2024-02-28",
        "2025-02-27",
        "2026-02-27",
        "2027-02-27",
        "2028-02-27",
        "2029-02-26",
        "2030-02-26",
        "2031-02-26",
    ]
    .iter()
    .map(|t| d(t))
    .collect();
    assert_eq!(anniversaries, expected);
}

// ---------------------------------------------------------------------------
// D2: dates are calendar dates
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn d2_the_same_day_always_gives_the_same_evaluation() {
    let membership = member([maps(), gold("cloud", "2020-03-10", false)]);
    let policy = Policy::partner_center_2020();
    let today = d("2019-09-02");
    let first = evaluate(&membership, today);
    assert_eq!(first.today, today);
    assert_eq!(evaluate(&membership, today), first);
    assert_eq!(policy.evaluate(&membership, today), first);
    // Reusing a buffer filled for another day gives the same answer.
    let mut reused = policy.evaluate(&membership, d("2020-04-10"));
    policy.evaluate_into(&membership, today, &mut reused);
    assert_eq!(reused, first);
}

#[cfg(feature = "serde")]
#[test]
fn d2_dates_are_calendar_dates_without_time_or_zone() {
    let membership = member([maps()]);
    let value = serde_json::to_value(evaluate(&membership, d("2019-09-02"))).unwrap();
    assert_eq!(value["today"], "2019-09-02");
    assert_eq!(value["next_change"], "2019-09-03");
    assert_eq!(value["offers"][0]["window"]["opens"], "2019-09-02");
    for text in [
        "2018-09-01T00:00:00",
        "2018-09-01T00:00:00Z",
        "2018-09-01 00:00",
    ] {
        let err = serde_json::from_value::<Membership>(json!({
            "account": "contoso",
            "offers": [{"id": "maps", "kind": "action_pack", "purchased": text}]
        }))
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            format!(
                "offers[0].purchased: `{text}` is not a date of the form YYYY-MM-DD with a year from 0001 to 9999"
            )
        );
    }
}

/// D2: a wire date is exactly `YYYY-MM-DD`: both separators must be `-`,
/// each on its own; one right and the other wrong is refused too.
#[cfg(feature = "serde")]
#[test]
fn d2_wire_dates_need_both_dashes() {
    for bad in ["2019-09/01", "2019/09-01", "2019-09x01", "2019x09-01"] {
        let membership = json!({"account": "c", "offers": [
            {"id": "m", "kind": "action_pack", "purchased": bad}
        ]});
        let error = match serde_json::from_value::<Membership>(membership) {
            Ok(membership) => panic!("{bad} accepted: {membership:?}"),
            Err(error) => error.to_string(),
        };
        assert!(
            error.contains("offers[0].purchased") && error.contains(bad),
            "{bad}: {error}"
        );
    }
    // W1: the well-formed date is accepted, its anniversary a year later.
    let membership: Membership = serde_json::from_value(json!({"account": "c", "offers": [
        {"id": "m", "kind": "action_pack", "purchased": "2019-09-01"}
    ]}))
    .unwrap();
    assert_eq!(
        membership.offer("m").unwrap().anniversary(),
        ymd(2020, 9, 1)
    );
}

// ---------------------------------------------------------------------------
// D3: the Partner Center window
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn d3_partner_center_window_is_anniversary_plus_one_to_plus_thirty() {
    assert_eq!(
        Policy::partner_center_2020().window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 30
        }
    );
    let membership = member([maps()]);
    for (today, phase) in [
        ("2019-09-01", Phase::Active),
        ("2019-09-02", Phase::RenewalWindow),
        ("2019-10-01", Phase::RenewalWindow),
        ("2019-10-02", Phase::Lapsed),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, phase, "{today}");
        assert_eq!(
            evaluation.offers[0].window.contains(d(today)),
            phase == Phase::RenewalWindow
        );
    }
}

// ---------------------------------------------------------------------------
// D4: the ends of the calendar
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn d4_every_representable_day_is_evaluated_without_panic() {
    let membership = build(
        Membership::builder("contoso")
            .offer(maps())
            .offer(gold("cloud", "2020-08-10", false))
            .token(Token::new("t", d("2020-01-05"))),
    );
    let first = evaluate(&membership, NaiveDate::MIN);
    assert_eq!(first.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&first, &Action::request_replacement_token("t")),
        set(&[Reason::NotYetActivated])
    );
    // N1 of maps (2019-08-17) is the first change.
    assert_eq!(first.next_change, Some(d("2019-08-17")));
    for today in [FIRST_DATE, LAST_DATE, NaiveDate::MAX] {
        let evaluation = evaluate(&membership, today);
        assert_eq!(evaluation.today, today);
    }
    let last = evaluate(&membership, NaiveDate::MAX);
    assert_eq!(last.offers[0].phase, Phase::Lapsed);
    assert_eq!(last.offers[1].phase, Phase::Lapsed);
    assert_eq!(last.next_change, None);
}

#[cfg(feature = "serde")]
#[test]
fn d4_the_last_anniversary_accepted_keeps_every_date_in_the_calendar() {
    // 9998-12-30 + 366 = 9999-12-31 (9999 is not a leap year). Window
    // 9998-12-31 ..= 9999-01-29 (+1 to 31 December, +29 to 29 January).
    let membership = member([gold("cloud", "9998-12-30", true)]);
    let evaluation = evaluate(&membership, d("9999-01-29"));
    assert_eq!(
        evaluation.offers[0].window,
        window("9998-12-31", "9999-01-29")
    );
    assert_eq!(evaluation.next_change, Some(d("9999-01-30")));
    let lapsed = evaluate(&membership, LAST_DATE);
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert_eq!(lapsed.next_change, None);
    // One day later is refused as a value, not a panic.
    let err = Membership::builder("contoso")
        .offer(gold("cloud", "9998-12-31", true))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].anniversary");
    assert!(matches!(err.kind(), ErrorKind::DateOutOfRange { .. }));
}

#[cfg(feature = "serde")]
#[test]
fn d4_the_first_anniversary_accepted_opens_a_pmc_window_on_0001_01_01() {
    // 0001-04-01 is day 91 of year 1: − 90 days = 0001-01-01.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(OfferDraft::action_pack("maps", FIRST_DATE).anniversary(d("0001-04-01"))),
    );
    let evaluation = evaluate(&membership, NaiveDate::MIN);
    assert_eq!(
        evaluation.offers[0].window,
        window("0001-01-01", "0001-04-01")
    );
    assert_eq!(allowed_from(&evaluation, &renew("maps")), Some(FIRST_DATE));
    assert_open(&evaluate(&membership, FIRST_DATE), &renew("maps"));
}

#[test]
fn d4_a_renewal_whose_result_leaves_the_calendar_is_refused_as_out_of_range() {
    // Anniversary 9998-12-01 is valid (+ 366 days = 9999-12-02 <= 9999-12-31).
    // Renewed in its window on 9998-12-02, W5 gives 9998-12-01 + 365 =
    // 9999-12-01, an anniversary whose + 366 days leave the calendar (D4).
    // The wire contract lists renew as open (its worked case of 9999-12-31
    // does the same), but the result cannot be a valid membership, so apply
    // refuses with `DateOutOfRange`, naming the action and the field: the
    // one exception to "apply succeeds exactly when evaluate allows".
    let membership = member([pack("maps", "9997-12-01", "9998-12-01")]);
    assert!(evaluate(&membership, d("9998-12-02")).is_allowed(&renew("maps")));
    let err = mpn_renewals::apply(&membership, &renew("maps"), d("9998-12-02")).unwrap_err();
    assert!(
        matches!(err.kind(), ErrorKind::DateOutOfRange { .. }),
        "{err}"
    );
    assert_eq!(err.path(), "renew of maps: offers[0].anniversary");
    assert!(err.to_string().contains("9999-12-01"), "{err}");
}

#[cfg(feature = "serde")]
#[test]
fn d4_a_loaded_policy_never_derives_a_date_outside_the_wire_range() {
    // A valid membership in PMC whose anniversary is 0001-04-01 (the
    // earliest allowed: - 90 days = 0001-01-01), and a valid policy whose
    // PMC window opens 1000 days before the anniversary. the wire contract: every
    // date the rules derive is a date of 0001-01-01 ..= 9999-12-31 (D4),
    // and a wire date has a four-digit year from 0001; the window's opening
    // day would be 0001-04-01 - 1000 days, in year -2.
    // Such a policy is refused as it loads (Policy::OFFSET_RANGE: -90 ..= 364 days,
    // the reach a valid membership keeps inside the calendar); the widest
    // one accepted still derives wire dates only.
    let mut v = good();
    v["windows"]["pmc"]["opens"] = json!(-1000);
    assert_mentions(
        &policy_error(&v),
        &["windows.pmc.opens: -1000 days is out of range"],
    );
    v["windows"]["pmc"]["opens"] = json!(-90);
    v["windows"]["pmc"]["closes"] = json!(364);
    let policy: Policy = serde_json::from_value(v).unwrap();
    let m = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [pack("maps", "0001-01-01", "0001-04-01")],
    );
    let evaluation = policy.evaluate(&m, d("0001-02-01"));
    let window = evaluation.offers[0].window;
    for date in [window.opens, window.closes] {
        // The serde form of a date is its Display (crate::wire::date).
        let text = date.to_string();
        assert!(
            mpn_renewals::calendar::parse_date(&text).is_some(),
            "`{text}` is not a wire date"
        );
    }
}

/// D4: a reactivation that ends on 9999-12-31 would make 10000-01-01 a
/// change; such an extension is refused as it loads.
#[cfg(feature = "serde")]
#[test]
fn d4_a_reactivation_ending_on_the_last_day_of_the_calendar_is_refused() {
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "9999-12-31"});
    assert_mentions(
        &policy_error(&v),
        &["extensions[0].reactivation_end.on: 9999-12-31 is too close to the limits of the calendar"],
    );
    let mut v = good();
    v["extensions"][0]["reactivation_end"] = json!({"on": "9999-12-30"});
    assert!(serde_json::from_value::<Policy>(v).is_ok());
}

// ---------------------------------------------------------------------------
// D5: the Learning Action Pack
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn d5_a_learning_action_pack_follows_the_action_pack_window() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2018-09-01"))]);
    let on_anniversary = evaluate(&membership, d("2019-09-01"));
    assert_eq!(
        on_anniversary.offers[0].window,
        window("2019-09-02", "2019-10-01")
    );
    assert_eq!(
        reasons(&on_anniversary, &renew("lap")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2019-09-02")), &renew("lap"));
    assert_open(&evaluate(&membership, d("2019-10-01")), &renew("lap"));
    assert_eq!(
        evaluate(&membership, d("2019-10-02")).offers[0].phase,
        Phase::Lapsed
    );
}

#[cfg(feature = "serde")]
#[test]
fn d5_a_learning_action_pack_gets_the_reminders_without_automatic_renewal() {
    let membership = member([OfferDraft::learning_action_pack("lap", d("2018-09-01"))]);
    assert!(!membership.offers()[0].auto_renew());
    for (today, expected) in [
        ("2019-08-17", one(ReminderKind::UpcomingAnniversary, "lap")),
        ("2019-09-02", vec![]),
        ("2019-09-24", one(ReminderKind::WindowClosing, "lap")),
        ("2019-10-02", one(ReminderKind::BenefitsLost, "lap")),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(reminders(&evaluation), expected, "{today}");
        assert_unlisted(&evaluation, &Action::turn_off_auto_renew("lap"));
    }
}

#[cfg(feature = "serde")]
#[test]
fn d5_a_learning_action_pack_cannot_be_set_to_renew_automatically() {
    let err = Membership::builder("contoso")
        .offer(OfferDraft::learning_action_pack("lap", d("2018-09-01")).auto_renew(true))
        .build()
        .unwrap_err();
    assert_eq!(err.path(), "offers[0].auto_renew");
    assert!(matches!(
        err.kind(),
        ErrorKind::FieldNotForKind {
            kind: OfferKind::LearningActionPack,
            field: "auto_renew"
        }
    ));
}

#[test]
fn d5_m4_a_learning_action_pack_can_be_bought_beside_an_action_pack() {
    // M4 (partner-center-2020): one Action Pack per account; a Learning
    // Action Pack is another kind. D5: it has no automatic renewal.
    let membership = member([maps()]);
    let bought = applied(
        &membership,
        Action::purchase_as(OfferKind::LearningActionPack, "learn"),
        "2019-01-04",
    );
    let offer = bought.offer("learn").unwrap();
    assert_eq!(offer.kind(), OfferKind::LearningActionPack);
    assert_eq!(offer.anniversary(), d("2020-01-04"));
    assert!(!offer.auto_renew());
    assert_eq!(bought.offers().len(), 2);
}
