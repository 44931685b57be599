//! W1–W8: the anniversary, the renewal window, the renewal term and the
//! lapse.

use chrono::{Days, NaiveDate};
use mpn_renewals::calendar::FIRST_DATE;
use mpn_renewals::evaluation::{CoreBenefits, ReminderKind};
use mpn_renewals::policy::{FirstAnniversary, ReminderOffsets, RenewalTerm};
use mpn_renewals::{
    apply, evaluate, next_change, Action, CompetencyLevel, ErrorKind, Membership, OfferDraft,
    OfferKind, Phase, Policy, PolicySet, Reason, Rules,
};
use serde_json::json;

use crate::common::{
    action_pack, allowed_from, applied, assert_blocked, assert_open, d, gold, maps, member,
    purchase, reasons, renew, set, ten_years, window, ymd,
};
#[cfg(feature = "serde")]
use crate::common::{window_between, window_from};

/// Checks what W2's `allowed_from` must name across version switches: on
/// `today`, `renew` of `maps` is blocked with `allowed_from` equal to
/// `expected`, and evaluating each day from `today` to 2019-10-31 finds the
/// same first day on which `renew` is allowed (none when `expected` is
/// `None`). Returns the blocked entry's reasons, for the caller to check.
#[cfg(feature = "serde")]
fn assert_renew_allowed_from(
    set: &PolicySet,
    membership: &Membership,
    today: &str,
    expected: Option<&str>,
) -> Vec<Reason> {
    let expected = expected.map(d);
    let evaluation = set.evaluate(membership, d(today));
    let blocked = evaluation
        .blocked(&renew("maps"))
        .expect("renew is blocked");
    assert_eq!(blocked.allowed_from, expected, "allowed_from on {today}");
    let first_day_allowed = d(today)
        .iter_days()
        .take_while(|day| *day <= d("2019-10-31"))
        .find(|day| set.evaluate(membership, *day).is_allowed(&renew("maps")));
    assert_eq!(first_day_allowed, expected, "the days from {today}");
    blocked.reasons.iter().collect()
}

// ---------------------------------------------------------------------------
// W1: the first anniversary is the purchase day a year later
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w1_first_anniversary_is_the_purchase_day_one_year_later() {
    for (bought, anniversary) in [
        ("2018-09-01", "2019-09-01"),
        // 2020 is a leap year, but 28 February stays 28 February.
        ("2019-02-28", "2020-02-28"),
        ("2019-03-01", "2020-03-01"),
        ("2019-12-31", "2020-12-31"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        assert_eq!(membership.offers()[0].anniversary(), d(anniversary));
        let evaluation = evaluate(&membership, d(bought));
        assert_eq!(evaluation.offers[0].anniversary, d(anniversary));
    }
}

#[test]
fn w1_purchase_creates_a_pack_bought_that_day() {
    let empty = member([]);
    let bought = applied(
        &empty,
        Action::purchase_as(OfferKind::ActionPack, "maps"),
        "2018-09-01",
    );
    assert_eq!(bought.offers().len(), 1);
    let offer = bought.offer("maps").unwrap();
    assert_eq!(offer.kind(), OfferKind::ActionPack);
    assert_eq!(offer.purchased(), d("2018-09-01"));
    // W1: 2018-09-01 gives 2019-09-01; A1: renews automatically.
    assert_eq!(offer.anniversary(), d("2019-09-01"));
    assert!(offer.auto_renew());
    assert!(!offer.cancelled());
    assert_eq!(offer.origin_account(), None);
    // The same membership as one built with that offer.
    assert_eq!(bought, member([maps()]));
}

// ---------------------------------------------------------------------------
// W2: the window opens the day after the anniversary
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w2_window_opens_the_day_after_the_anniversary() {
    let membership = member([maps()]);
    let on_anniversary = evaluate(&membership, d("2019-09-01"));
    assert_eq!(on_anniversary.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(
        allowed_from(&on_anniversary, &renew("maps")),
        Some(d("2019-09-02"))
    );
    assert_eq!(on_anniversary.next_change, Some(d("2019-09-02")));

    let next_day = evaluate(&membership, d("2019-09-02"));
    assert_eq!(next_day.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(next_day.offers[0].window.opens, d("2019-09-02"));
    assert_open(&next_day, &renew("maps"));
}

#[cfg(feature = "serde")]
#[test]
fn w2_window_of_a_2020_purchase_opens_on_2021_09_02() {
    // Bought 2020-09-01: anniversary 2021-09-01, window opens 2021-09-02.
    let membership = member([OfferDraft::action_pack("maps", d("2020-09-01"))]);
    let on_anniversary = evaluate(&membership, d("2021-09-01"));
    assert_eq!(on_anniversary.offers[0].window.opens, d("2021-09-02"));
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_open(&evaluate(&membership, d("2021-09-02")), &renew("maps"));
}

#[cfg(feature = "serde")]
#[test]
fn w2_the_window_opening_is_the_next_change_after_the_last_reminder() {
    // After N1 (2019-08-17) nothing happens until the window opens.
    let membership = member([maps()]);
    assert_eq!(
        evaluate(&membership, d("2019-08-20")).next_change,
        Some(d("2019-09-02"))
    );
}

/// W1, W2, N1: bought 2018-09-01, the anniversary is 2019-09-01 and the
/// window opens 2019-09-02. On 2019-08-20 the upcoming reminder (N1,
/// 2019-08-17) is past, so the next change is the window's opening.
#[cfg(feature = "serde")]
#[test]
fn w2_next_change_before_the_window_is_its_opening() {
    let membership = action_pack("maps", "2018-09-01");
    assert_eq!(
        next_change(&membership, d("2019-08-20")),
        Some(d("2019-09-02"))
    );
    assert_eq!(
        Policy::partner_center_2020().next_change(&membership, d("2019-08-20")),
        Some(d("2019-09-02"))
    );
}

/// W2, W3 across a switch: bought 2018-09-01, the anniversary is 2019-09-01.
/// Under partner-center-2020 the window would open on anniversary+1 =
/// 2019-09-02, but that is the very day a version whose window opens on
/// anniversary+5 comes into force; under it the window opens 2019-09-06.
/// On 2019-08-20, `renew` is blocked by `window_not_open` and allowed from
/// 2019-09-06, not from 2019-09-02 (when the window is not open under the
/// version then in force).
#[cfg(feature = "serde")]
#[test]
fn w2_allowed_from_when_the_window_would_open_on_the_switch_day() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, Policy::partner_center_2020()),
        (d("2019-09-02"), window_from("window-from-day-5", 5)),
    ])
    .unwrap();

    let reasons = assert_renew_allowed_from(&set, &membership, "2019-08-20", Some("2019-09-06"));
    assert_eq!(reasons, [Reason::WindowNotOpen]);
    assert!(!set
        .evaluate(&membership, d("2019-09-02"))
        .is_allowed(&renew("maps")));
}

/// W2, W3 across a switch to a version that opens the window earlier: the
/// anniversary is 2019-09-01. The first version opens the window on
/// anniversary+20 = 2019-09-21; a version in force from 2019-09-11 opens it
/// on anniversary−20 = 2019-08-12, a day already past when it comes into
/// force. On 2019-08-01, `renew` is allowed from the switch, 2019-09-11: the
/// first day the window is open under the version in force. Not 2019-08-12,
/// when the first version, whose window is then shut, still applies.
#[cfg(feature = "serde")]
#[test]
fn w2_allowed_from_is_the_switch_when_the_new_version_opens_the_window_before_it() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (
            d("2019-09-11"),
            window_from("window-from-day-minus-20", -20),
        ),
    ])
    .unwrap();

    let before = set.evaluate(&membership, d("2019-08-01"));
    assert_eq!(before.policy, "window-from-day-20");
    let reasons = assert_renew_allowed_from(&set, &membership, "2019-08-01", Some("2019-09-11"));
    assert_eq!(reasons, [Reason::WindowNotOpen]);
}

/// W2, W3 across several switches: `allowed_from` is the first day on
/// which the window is open under the version then in force, looking past
/// a version whose window would open only after its own successor came
/// into force. The anniversary is 2019-09-01; the versions:
///
/// - from the start, the window opens on anniversary+20 (2019-09-21);
/// - from 2019-09-11, on anniversary+15 (2019-09-16): but from 2019-09-14
///   another version is in force, so this one never opens it;
/// - from 2019-09-14, on anniversary−20: already open when it comes into
///   force, so the window opens on 2019-09-14;
/// - from 2019-09-20, on anniversary+1 (open from its first day too).
///
/// On 2019-08-01, `renew` is allowed from 2019-09-14: not 2019-09-16 (the
/// second version's opening, which falls under the third) nor 2019-09-20
/// (the last version's first day), and the days themselves agree.
#[cfg(feature = "serde")]
#[test]
fn w2_allowed_from_skips_a_version_whose_window_would_open_after_its_successor() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (d("2019-09-11"), window_from("window-from-day-15", 15)),
        (
            d("2019-09-14"),
            window_from("window-from-day-minus-20", -20),
        ),
        (d("2019-09-20"), window_from("window-from-day-1", 1)),
    ])
    .unwrap();

    let reasons = assert_renew_allowed_from(&set, &membership, "2019-08-01", Some("2019-09-14"));
    assert_eq!(reasons, [Reason::WindowNotOpen]);
}

/// W2, W3 at the edge of a version's span: a version in force up to (not
/// including) the day its window would open never opens it. The anniversary
/// is 2019-09-01; the first version opens the window on anniversary+20
/// (2019-09-21); a version in force from 2019-09-11 would open it on
/// anniversary+13 (2019-09-14), the very day the last version comes into
/// force, and that one opens it on anniversary+25 (2019-09-26). On
/// 2019-08-01 `renew` is allowed from 2019-09-26, not 2019-09-14: on
/// 2019-09-14 the window is not open under the version then in force.
#[cfg(feature = "serde")]
#[test]
fn w2_allowed_from_skips_a_version_whose_window_would_open_on_the_day_its_successor_starts() {
    let membership = action_pack("maps", "2018-09-01");
    let set = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (d("2019-09-11"), window_from("window-from-day-13", 13)),
        (d("2019-09-14"), window_from("window-from-day-25", 25)),
    ])
    .unwrap();

    assert_renew_allowed_from(&set, &membership, "2019-08-01", Some("2019-09-26"));
}

/// W2, W3 across several switches, past a version under which the window
/// has already closed: the anniversary is 2019-09-01. The first version
/// opens the window on anniversary+20 (2019-09-21); a version in force from
/// 2019-09-11 has the window `anniversary−90 ..= anniversary` (as PMC's,
/// P4), closed since 2019-09-01; from 2019-09-25 a version opens it on
/// anniversary+1 and keeps it open to anniversary+30 (2019-10-01). On
/// 2019-08-01 `renew` is allowed from 2019-09-25, the first day the window
/// is open under the version in force; without the last version it never
/// opens again, and `allowed_from` is absent.
#[cfg(feature = "serde")]
#[test]
fn w2_allowed_from_skips_a_version_under_which_the_window_has_closed() {
    let membership = action_pack("maps", "2018-09-01");
    let closed_since_the_anniversary = window_between("window-up-to-the-anniversary", -90, 0);
    let set = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (d("2019-09-11"), closed_since_the_anniversary.clone()),
        (d("2019-09-25"), window_from("window-from-day-1", 1)),
    ])
    .unwrap();
    assert_renew_allowed_from(&set, &membership, "2019-08-01", Some("2019-09-25"));

    let without_the_last = PolicySet::new([
        (FIRST_DATE, window_from("window-from-day-20", 20)),
        (d("2019-09-11"), closed_since_the_anniversary),
    ])
    .unwrap();
    let reasons = assert_renew_allowed_from(&without_the_last, &membership, "2019-08-01", None);
    assert_eq!(reasons, [Reason::WindowNotOpen]);
}

/// One engine over the history, with no recursion: a set whose version
/// changes every day, its window alternating between anniversary+1 and
/// anniversary+5 (W2 under two readings), is evaluated on a thread of 256
/// KiB of stack, on every day around the window, with its timeline. The
/// stack an evaluation needs does not grow with the number of versions.
#[cfg(feature = "serde")]
#[test]
fn w2_a1_a_set_of_a_thousand_daily_versions_evaluates_in_a_small_stack() {
    let first = d("2019-06-01");
    let versions: Vec<(NaiveDate, Policy)> = (0..1000u64)
        .map(|i| {
            let from = first.checked_add_days(chrono::Days::new(i)).unwrap();
            let opens = if i % 2 == 0 { 1 } else { 5 };
            (from, window_from(&format!("v{i}"), opens))
        })
        .collect();
    let set = PolicySet::new(versions).unwrap();
    let membership = action_pack("maps", "2018-09-01");
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut auto_renewals = 0;
            for day in d("2019-08-01").iter_days().take(90) {
                let evaluation = set.evaluate(&membership, day);
                // Every day is a new version: tomorrow is always a change.
                assert_eq!(evaluation.next_change, day.succ_opt());
                auto_renewals += evaluation
                    .reminders
                    .iter()
                    .filter(|r| r.kind == ReminderKind::AutoRenewalDue)
                    .count();
            }
            // A1 is due on each day the window is open under that day's
            // version and was not open the day before under yesterday's.
            // Version i starts on 2019-06-01 + i days: 2019-09-02 is i = 93
            // (odd, opens 09-06: closed), 09-03 i = 94 (even, opens 09-02:
            // open, closed the day before: due), 09-04 closed again, 09-05
            // open again (due), and from 09-06 both readings are open.
            assert_eq!(auto_renewals, 2);
            set.timeline(&membership, d("2019-06-01")..=d("2022-03-01"))
                .len()
        })
        .unwrap();
    let events = worker.join().unwrap();
    assert!(events >= 1000, "one policy change per version: {events}");
}

// ---------------------------------------------------------------------------
// W3: the window lasts 30 days
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w3_window_closes_thirty_days_after_anniversary() {
    // `002`: expires 2020-06-22, renew from 2020-06-23 "and for 30 days
    // after": 22 June + 30 days = 22 July (June has 30 days: +8 to 30 June,
    // +22 to 22 July).
    let membership = member([OfferDraft::action_pack("maps", d("2019-06-22")).auto_renew(false)]);
    let last = evaluate(&membership, d("2020-07-22"));
    assert_eq!(last.offers[0].window, window("2020-06-23", "2020-07-22"));
    assert_eq!(last.offers[0].phase, Phase::RenewalWindow);
    assert_open(&last, &renew("maps"));
    assert_eq!(last.next_change, Some(d("2020-07-23")));

    let after = evaluate(&membership, d("2020-07-23"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reasons(&after, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[cfg(feature = "serde")]
#[test]
fn w3_window_counts_thirty_days_across_february() {
    // 2020-02-10 + 30 = 2020-03-11 (+19 to 29 February, +11 to 11 March);
    // 2019-02-10 + 30 = 2019-03-12 (+18 to 28 February, +12 to 12 March).
    for (bought, closes, lapse) in [
        ("2019-02-10", "2020-03-11", "2020-03-12"),
        ("2018-02-10", "2019-03-12", "2019-03-13"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought))]);
        let last = evaluate(&membership, d(closes));
        assert_eq!(last.offers[0].window.closes, d(closes));
        assert_open(&last, &renew("maps"));
        assert_eq!(
            reasons(&evaluate(&membership, d(lapse)), &renew("maps")),
            set(&[Reason::WindowClosed])
        );
    }
}

#[cfg(feature = "serde")]
#[test]
fn w3_window_runs_across_the_end_of_the_year() {
    // Anniversary 2019-12-15: opens 2019-12-16; + 30 = 2020-01-14 (+16 to
    // 31 December, +14 to 14 January).
    let membership = member([OfferDraft::action_pack("maps", d("2018-12-15"))]);
    let evaluation = evaluate(&membership, d("2020-01-14"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2019-12-16", "2020-01-14")
    );
    assert_eq!(evaluation.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(
        evaluate(&membership, d("2020-01-15")).offers[0].phase,
        Phase::Lapsed
    );
}

/// W2, W3, W6, A3: bought 2018-09-01, 2018-08-01 and 2018-06-01 the
/// anniversaries are 2019-09-01, 2019-08-01 and 2019-06-01 (W1). On
/// 2019-08-31 the first is active (its window opens 2019-09-02), the second
/// is in its window (2019-08-02 ..= 2019-08-31, day 30 counts), the third
/// lapsed on 2019-07-02; a cancelled one is cancelled whatever the day.
/// `phases` gives them in the membership's order.
#[test]
fn w3_phases_of_each_offer_in_order() {
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("active", d("2018-09-01")))
        .offer(OfferDraft::learning_action_pack("window", d("2018-08-01")))
        .offer(OfferDraft::competency(
            "lapsed",
            CompetencyLevel::Gold,
            "Cloud Platform",
            d("2018-06-01"),
        ))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let phases: Vec<Phase> = policy.phases(&membership, d("2019-08-31")).collect();
    assert_eq!(phases, [Phase::Active, Phase::RenewalWindow, Phase::Lapsed]);
    // W2: on the anniversary itself the first is still active; the day
    // after, its window is open. W6: the second lapses on 2019-09-01.
    let phases: Vec<Phase> = policy.phases(&membership, d("2019-09-02")).collect();
    assert_eq!(phases, [Phase::RenewalWindow, Phase::Lapsed, Phase::Lapsed]);
}

// ---------------------------------------------------------------------------
// W4: benefits continue through the window
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w4_benefits_continue_through_the_whole_window() {
    let membership = member([maps()]);
    for (today, phase, benefits, core) in [
        ("2019-09-01", Phase::Active, true, CoreBenefits::ActionPack),
        (
            "2019-09-02",
            Phase::RenewalWindow,
            true,
            CoreBenefits::ActionPack,
        ),
        (
            "2019-10-01",
            Phase::RenewalWindow,
            true,
            CoreBenefits::ActionPack,
        ),
        ("2019-10-02", Phase::Lapsed, false, CoreBenefits::Network),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(evaluation.offers[0].phase, phase, "{today}");
        assert_eq!(evaluation.offers[0].benefits, benefits, "{today}");
        assert_eq!(evaluation.core_benefits, Some(core), "{today}");
    }
}

// ---------------------------------------------------------------------------
// W5: a renewal in the window adds 365 days to the anniversary
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w5_renewal_term_is_365_days_after_the_current_anniversary() {
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.renewal_term(),
        RenewalTerm::DaysAfterAnniversary(365)
    );
    // Applying the term by hand: 2019-09-01 + 365 days = 2020-08-31 (the
    // year to it holds 29 February 2020); 2018-09-01 + 365 = 2019-09-01.
    let RenewalTerm::DaysAfterAnniversary(days) = policy.renewal_term() else {
        panic!("not DaysAfterAnniversary");
    };
    let next = |from: &str| d(from).checked_add_days(Days::new(u64::from(days)));
    assert_eq!(next("2019-09-01"), Some(d("2020-08-31")));
    assert_eq!(next("2018-09-01"), Some(d("2019-09-01")));
}

#[cfg(feature = "serde")]
#[test]
fn w5_a_renewed_offer_moved_365_days_gets_the_window_of_w2_and_w3() {
    // The membership after renewing the 2018-09-01 pack in its 2019
    // window, built by hand: its anniversary moved to
    // 2019-09-01 + 365 days = 2020-08-31. Its window is then 2020-09-01
    // ..= 2020-09-30 (31 August + 30 days: +30 to 30 September).
    let renewed = member([maps().anniversary(d("2020-08-31"))]);
    // Benefits kept intact: on the day the unrenewed pack would have lapsed
    // (2019-10-02) the renewed one is active with its benefits.
    let kept = evaluate(&renewed, d("2019-10-02"));
    assert_eq!(kept.offers[0].phase, Phase::Active);
    assert!(kept.offers[0].benefits);

    let on_anniversary = evaluate(&renewed, d("2020-08-31"));
    assert_eq!(
        on_anniversary.offers[0].window,
        window("2020-09-01", "2020-09-30")
    );
    assert_eq!(
        reasons(&on_anniversary, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(
        allowed_from(&on_anniversary, &renew("maps")),
        Some(d("2020-09-01"))
    );
    assert_open(&evaluate(&renewed, d("2020-09-01")), &renew("maps"));
    assert_open(&evaluate(&renewed, d("2020-09-30")), &renew("maps"));
    assert_eq!(
        evaluate(&renewed, d("2020-10-01")).offers[0].phase,
        Phase::Lapsed
    );
}

#[cfg(feature = "serde")]
#[test]
fn w5_renewing_in_the_window_moves_the_anniversary_365_days_on() {
    // 2019-09-01 + 365 days = 2020-08-31 (2020 is a leap year), whichever
    // day of the window the renewal is made on.
    let membership = member([maps()]);
    for on in ["2019-09-02", "2019-09-20", "2019-10-01"] {
        let renewed = apply(&membership, &renew("maps"), d(on)).unwrap();
        assert_eq!(
            renewed.offer("maps").unwrap().anniversary(),
            d("2020-08-31"),
            "{on}"
        );
        // Benefits intact: active on the day the unrenewed pack would lapse.
        let evaluation = evaluate(&renewed, d("2019-10-02"));
        assert_eq!(evaluation.offers[0].phase, Phase::Active);
        assert!(evaluation.offers[0].benefits);
    }
    // Without a 29 February in the year: 2018-09-01 + 365 = 2019-09-01.
    let earlier = member([OfferDraft::action_pack("maps", d("2017-09-01"))]);
    let renewed = apply(&earlier, &renew("maps"), d("2018-09-02")).unwrap();
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2019-09-01")
    );
}

#[cfg(feature = "serde")]
#[test]
fn w5_a_renewal_outside_the_window_changes_nothing() {
    let membership = member([maps()]);
    assert_eq!(
        apply(&membership, &renew("maps"), d("2019-09-01")).map_err(|e| e.kind().clone()),
        Err(ErrorKind::Blocked {
            reasons: set(&[Reason::WindowNotOpen]),
            allowed_from: Some(d("2019-09-02"))
        })
    );
    assert_eq!(
        apply(&membership, &renew("maps"), d("2019-10-02")).map_err(|e| e.kind().clone()),
        Err(ErrorKind::Blocked {
            reasons: set(&[Reason::WindowClosed]),
            allowed_from: None
        })
    );
    assert_eq!(
        membership.offer("maps").unwrap().anniversary(),
        d("2019-09-01")
    );
}

#[test]
fn w5_renew_in_window_sets_anniversary_365_days_after_the_current_one() {
    let membership = member([maps()]);
    // 2019-09-01 + 365 days: from 2019-09-01 to 2020-09-01 is 366 days
    // (29 February 2020 lies between), so 365 days give 2020-08-31.
    let renewed = applied(&membership, renew("maps"), "2019-09-02");
    let offer = renewed.offer("maps").unwrap();
    assert_eq!(offer.anniversary(), d("2020-08-31"));
    assert_eq!(offer.purchased(), d("2018-09-01"));
    assert!(offer.auto_renew());
    // Renewed on any day of the window, W5 counts from the anniversary,
    // not from the renewal day: the last day, 2019-10-01, gives the same.
    let late = applied(&membership, renew("maps"), "2019-10-01");
    assert_eq!(late.offer("maps").unwrap().anniversary(), d("2020-08-31"));
    // W4, W5: benefits intact; the new window opens 2020-09-01.
    let evaluation = evaluate(&renewed, d("2019-10-02"));
    assert_eq!(evaluation.offers[0].phase, Phase::Active);
    assert!(evaluation.offers[0].benefits);
    assert_eq!(evaluation.offers[0].window.opens, d("2020-09-01"));
}

#[test]
fn w5_renew_without_a_leap_day_between_adds_one_calendar_year() {
    // Anniversary 2020-09-01: 2020-09-01 + 365 days = 2021-09-01, since no
    // 29 February lies between (the next is 2024-02-29).
    let membership =
        member([OfferDraft::action_pack("maps", d("2019-09-01")).anniversary(d("2020-09-01"))]);
    let renewed = applied(&membership, renew("maps"), "2020-09-02");
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2021-09-01")
    );
}

#[cfg(feature = "proptest")]
#[test]
fn w5_a1_ten_years_of_renewals_from_2018_09_01() {
    // W1: bought 2018-09-01, first anniversary 2019-09-01. Each renewal on
    // the window's first day (anniversary + 1) adds 365 days (W5); a
    // 29 February inside the year moves the date one day earlier:
    // 2019-09-01 -> 2020-08-31 (29 Feb 2020), -> 2021-08-31, -> 2022-08-31,
    // -> 2023-08-31, -> 2024-08-30 (29 Feb 2024), -> 2025-08-30,
    // -> 2026-08-30, -> 2027-08-30, -> 2028-08-29 (29 Feb 2028),
    // -> 2029-08-29.
    let (anniversaries, days) = ten_years(ymd(2018, 9, 1), 10);
    let expected: Vec<NaiveDate> = [
        "2019-09-01",
        "2020-08-31",
        "2021-08-31",
        "2022-08-31",
        "2023-08-31",
        "2024-08-30",
        "2025-08-30",
        "2026-08-30",
        "2027-08-30",
        "2028-08-29",
        "2029-08-29",
    ]
    .iter()
    .map(|t| d(t))
    .collect();
    assert_eq!(anniversaries, expected);
    // Renewed on the day after each anniversary: 2019-09-02, 2020-09-01, ...
    let renewed: Vec<NaiveDate> = [
        "2019-09-02",
        "2020-09-01",
        "2021-09-01",
        "2022-09-01",
        "2023-09-01",
        "2024-08-31",
        "2025-08-31",
        "2026-08-31",
        "2027-08-31",
        "2028-08-30",
    ]
    .iter()
    .map(|t| d(t))
    .collect();
    assert_eq!(days, renewed);
}

/// W1, W5, N1, N2, E1, E2: the accessors of partner-center-2020, the
/// default policy, give the seeds' rules (its windows, W2, W3 and P4, are
/// checked by `p4_the_policy_gives_each_portal_its_window` in
/// `rules/preconditions.rs`).
#[cfg(feature = "serde")]
#[test]
fn w5_n1_n2_accessors_of_partner_center_2020() {
    let policy = Policy::partner_center_2020();
    assert_eq!(policy.name(), "partner-center-2020");
    assert_eq!(
        policy.first_anniversary(),
        FirstAnniversary::SameDayNextYear
    );
    assert_eq!(
        policy.renewal_term(),
        RenewalTerm::DaysAfterAnniversary(365)
    );
    assert_eq!(
        policy.reminders(),
        ReminderOffsets {
            upcoming: -15,
            window_closing: 23
        }
    );
    assert!(!policy.one_pack_per_account());
    assert_eq!(policy.cancellation_days(), None);
    let names: Vec<&str> = policy.extensions().iter().map(|e| e.name()).collect();
    assert_eq!(names, ["covid-2020-h1", "covid-2020-h2"]);
}

// ---------------------------------------------------------------------------
// W6: not renewed by the end of the window, the offer lapses
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w6_offer_lapses_thirty_one_days_after_the_anniversary() {
    let membership = member([maps()]);
    let last_day = evaluate(&membership, d("2019-10-01"));
    assert_eq!(last_day.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(last_day.next_change, Some(d("2019-10-02")));

    // 2019-09-01 + 31 days = 2019-10-02.
    let lapsed = evaluate(&membership, d("2019-10-02"));
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert!(!lapsed.offers[0].benefits);
    assert_eq!(
        reasons(&lapsed, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
    // The window shown is the one that was missed.
    assert_eq!(lapsed.offers[0].window, window("2019-09-02", "2019-10-01"));
}

#[cfg(feature = "serde")]
#[test]
fn w6_after_the_lapse_the_partner_can_only_buy_afresh() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-10-02"));
    assert_open(&evaluation, &purchase(OfferKind::ActionPack));
    assert!(!evaluation.is_allowed(&renew("maps")));
    // Much later, still no way back but buying.
    let later = evaluate(&membership, d("2025-01-01"));
    assert_eq!(
        reasons(&later, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[cfg(feature = "serde")]
#[test]
fn w6_buying_afresh_after_the_lapse_starts_a_new_first_year() {
    // Bought again on the lapse day 2019-10-02: first anniversary
    // 2020-10-02 (W1). Before the lapse the pack is still held (M4).
    let membership = member([maps()]);
    let buy = Action::purchase_as(OfferKind::ActionPack, "maps2");
    assert_eq!(
        apply(&membership, &buy, d("2019-10-01")).map_err(|e| e.kind().clone()),
        Err(ErrorKind::Blocked {
            reasons: set(&[Reason::AlreadyHeld]),
            allowed_from: None
        })
    );
    let bought = apply(&membership, &buy, d("2019-10-02")).unwrap();
    let fresh = bought.offer("maps2").unwrap();
    assert_eq!(fresh.purchased(), d("2019-10-02"));
    assert_eq!(fresh.anniversary(), d("2020-10-02"));
    assert_eq!(
        evaluate(&bought, d("2019-10-02"))
            .offer("maps2")
            .unwrap()
            .phase,
        Phase::Active
    );
}

#[cfg(feature = "serde")]
#[test]
fn w6_a_lapsed_competency_is_lost() {
    // 2019-03-10 + 31 = 2019-04-10 (+21 to 31 March, +10 to 10 April).
    let membership = member([gold("cloud", "2019-03-10", true)]);
    let last = evaluate(&membership, d("2019-04-09"));
    assert_eq!(last.offers[0].phase, Phase::RenewalWindow);
    assert_eq!(last.core_benefits, Some(CoreBenefits::Gold));
    let lapsed = evaluate(&membership, d("2019-04-10"));
    assert_eq!(lapsed.offers[0].phase, Phase::Lapsed);
    assert!(!lapsed.offers[0].benefits);
    assert_eq!(lapsed.core_benefits, Some(CoreBenefits::Network));
}

#[cfg(feature = "serde")]
#[test]
fn w6_a_lapsed_pack_never_changes_again() {
    let membership = member([maps()]);
    // The day of the lapse holds the benefits_lost notice (N5), gone the
    // day after; after that nothing ever changes.
    assert_eq!(
        evaluate(&membership, d("2019-10-02")).next_change,
        Some(d("2019-10-03"))
    );
    assert_eq!(evaluate(&membership, d("2019-10-03")).next_change, None);
}

#[test]
fn w6_renew_after_the_window_is_blocked_with_window_closed() {
    let membership = member([maps()]);
    // The window's last day is 2019-10-01; 2019-10-02 is the lapse.
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-10-02",
        &[Reason::WindowClosed],
        None,
    );
}

#[test]
fn w6_after_the_lapse_the_partner_buys_afresh() {
    // maps lapsed on 2019-10-02. A purchase on 2019-10-05 is open, and the
    // account's own lapsed pack is replaced by the new one (M4: one own
    // pack per account). First anniversary 2020-10-05 (W1).
    let membership = member([maps()]);
    let bought = applied(
        &membership,
        Action::purchase_as(OfferKind::ActionPack, "maps-2019"),
        "2019-10-05",
    );
    let ids: Vec<_> = bought.offers().iter().map(|o| o.id()).collect();
    assert_eq!(ids, ["maps-2019"]);
    assert_eq!(
        bought.offer("maps-2019").unwrap().anniversary(),
        d("2020-10-05")
    );
}

// ---------------------------------------------------------------------------
// W7: no renewal on or before the anniversary in Partner Center
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w7_no_renewal_on_or_before_the_anniversary_in_partner_center() {
    let membership = member([maps().auto_renew(false), gold("cloud", "2019-09-01", true)]);
    for today in ["2018-09-01", "2019-06-03", "2019-08-31", "2019-09-01"] {
        let evaluation = evaluate(&membership, d(today));
        for id in ["maps", "cloud"] {
            assert_eq!(
                reasons(&evaluation, &renew(id)),
                set(&[Reason::WindowNotOpen]),
                "{id} {today}"
            );
            assert_eq!(allowed_from(&evaluation, &renew(id)), Some(d("2019-09-02")));
        }
    }
    let open = evaluate(&membership, d("2019-09-02"));
    assert_open(&open, &renew("maps"));
    assert_open(&open, &renew("cloud"));
}

#[test]
fn w7_renew_on_the_anniversary_is_blocked_with_window_not_open() {
    let membership = member([maps()]);
    // W7: not on the anniversary; the window opens the day after (W2).
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-01",
        &[Reason::WindowNotOpen],
        Some("2019-09-02"),
    );
}

// ---------------------------------------------------------------------------
// W8: renewal needs no payment record
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn w8_renewal_is_open_without_any_payment_record() {
    // W8: the engine does not handle money. What the API can show: renewal
    // depends on no payment input (the membership has none) and the
    // evaluation carries no payment field; the output keys are exactly the
    // contract's. It cannot show that a payment method is "recorded": the
    // crate leaves that to the caller (see src/lib.rs, Scope).
    let membership = member([maps().auto_renew(false)]);
    let evaluation = evaluate(&membership, d("2019-09-02"));
    assert_open(&evaluation, &renew("maps"));
    let value = serde_json::to_value(&evaluation).unwrap();
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "allowed",
            "blocked",
            "core_benefits",
            "next_change",
            "offers",
            "policy",
            "reminders",
            "today"
        ]
    );
}

#[cfg(feature = "serde")]
#[test]
fn w8_a_payment_method_is_not_part_of_the_membership() {
    let err = serde_json::from_value::<Membership>(json!({
        "account": "contoso",
        "offers": [{"id": "maps", "kind": "action_pack", "purchased": "2018-09-01",
                    "payment": "credit_card"}]
    }))
    .unwrap_err()
    .to_string();
    assert!(err.contains("unknown field `payment`"), "{err}");
}
