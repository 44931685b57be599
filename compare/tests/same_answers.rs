//! `ours` (mpn_renewals) and `zen` (the JDM in zen-engine) give the same
//! phase and the same `renew` reasons on every generated case, and the cases
//! cover what they claim to.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use mpn_renewals::{CompetencyLevel, Membership, OfferDraft, Portal};
use mpn_renewals_compare::{assert_same_answers, cases, facts, ours, zen, Case, Zen, CASE_COUNT};

#[test]
fn ours_and_zen_give_the_same_answer_on_every_case() {
    let cases = cases();
    assert_eq!(cases.len(), CASE_COUNT);
    assert_same_answers(&Zen::new(), &cases);
}

#[test]
fn the_cases_are_the_same_on_every_run() {
    let first: Vec<_> = cases().iter().map(facts).collect();
    let second: Vec<_> = cases().iter().map(facts).collect();
    assert_eq!(first, second);
}

#[test]
fn the_cases_cover_every_phase_in_both_portals_and_every_reason() {
    let mut phases = BTreeSet::new();
    let mut reasons = BTreeSet::new();
    let mut open = 0;
    let mut waived = 0;
    for case in cases() {
        let (phase, blocked_by) = ours(&case);
        phases.insert((format!("{:?}", case.membership.portal()), phase));
        if blocked_by.is_empty() {
            open += 1;
        }
        if facts(&case)["waived"] == true {
            waived += 1;
        }
        reasons.extend(blocked_by);
    }
    for portal in ["PartnerCenter", "Pmc"] {
        for phase in ["active", "renewal_window", "lapsed", "cancelled"] {
            assert!(
                phases.contains(&(portal.to_owned(), phase.to_owned())),
                "no case in {phase} in {portal}"
            );
        }
    }
    let expected: BTreeSet<String> = [
        "cancelled",
        "window_not_open",
        "window_closed",
        "performance_not_met",
        "exams_not_validated",
        "profile_needs_review",
        "verification_pending",
        "not_network_member",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    assert_eq!(reasons, expected);
    assert!(open >= 20, "only {open} cases where renew is open");
    assert!(waived >= 20, "only {waived} cases with requirements waived");
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn check(membership: Membership, today: NaiveDate, phase: &str, reasons: &[&str]) {
    let case = Case {
        index: usize::MAX,
        membership,
        today,
    };
    let expected = (
        phase.to_owned(),
        reasons.iter().map(|r| (*r).to_owned()).collect::<Vec<_>>(),
    );
    assert_eq!(ours(&case), expected, "ours on {today}");
    assert_eq!(zen(&Zen::new(), &case), expected, "zen on {today}");
}

/// The examples of the wire contract, answered by both.
#[test]
fn both_answer_the_contract_examples() {
    let pack = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
        .build()
        .unwrap();
    check(
        pack.clone(),
        day(2019, 9, 1),
        "active",
        &["window_not_open"],
    );
    check(pack.clone(), day(2019, 9, 2), "renewal_window", &[]);
    check(pack.clone(), day(2019, 10, 1), "renewal_window", &[]);
    check(pack, day(2019, 10, 2), "lapsed", &["window_closed"]);

    let gold = |portal| {
        Membership::builder("contoso")
            .portal(portal)
            .offer(
                OfferDraft::competency(
                    "cloud",
                    CompetencyLevel::Gold,
                    "Cloud Platform",
                    day(2017, 3, 10),
                )
                .anniversary(day(2020, 3, 10)),
            )
            .build()
            .unwrap()
    };
    // E1: requirements waived in Partner Center ...
    check(
        gold(Portal::PartnerCenter),
        day(2020, 3, 15),
        "renewal_window",
        &[],
    );
    // ... but not in PMC (P3), where the window is anniversary-90 ..= anniversary (P4).
    check(
        gold(Portal::Pmc),
        day(2020, 3, 10),
        "renewal_window",
        &["exams_not_validated", "performance_not_met"],
    );
    check(
        gold(Portal::Pmc),
        day(2020, 3, 15),
        "lapsed",
        &[
            "exams_not_validated",
            "performance_not_met",
            "window_closed",
        ],
    );
}
