//! P1–P4: what a renewal needs besides an open window: a competency's
//! requirements, a current business profile, Partner Center, and the PMC
//! window of old.

use mpn_renewals::policy::WindowOffsets;
use mpn_renewals::{
    evaluate, Action, BusinessProfile, CompetencyLevel, Membership, OfferDraft, OfferKind, Phase,
    Policy, Portal, Reason, Reasons, Rules,
};

use crate::common::{
    allowed_from, applied, assert_blocked, assert_not_open, assert_open, assert_unlisted, build,
    competency, d, gold, maps, member, override_, reactivate, reasons, renew, set, window, with,
};

// ---------------------------------------------------------------------------
// P1: a competency's performance and exams
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn p1_competency_renews_only_with_performance_met_and_exams_validated() {
    // Anniversary 2019-03-10 (no extension): window 2019-03-11 ..= 2019-04-09.
    for (performance, exams, expected) in [
        (true, true, Reasons::EMPTY),
        (false, true, set(&[Reason::PerformanceNotMet])),
        (true, false, set(&[Reason::ExamsNotValidated])),
        (
            false,
            false,
            set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated]),
        ),
    ] {
        let membership = member([competency(
            "cloud",
            CompetencyLevel::Silver,
            "2019-03-10",
            performance,
            exams,
        )]);
        let evaluation = evaluate(&membership, d("2019-03-20"));
        if expected.is_empty() {
            assert_open(&evaluation, &renew("cloud"));
        } else {
            assert_eq!(reasons(&evaluation, &renew("cloud")), expected);
        }
    }
}

#[cfg(feature = "serde")]
#[test]
fn p1_unmet_requirements_are_listed_with_the_window_reasons() {
    let membership = member([gold("cloud", "2019-03-10", false)]);
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-03-10")), &renew("cloud")),
        set(&[
            Reason::WindowNotOpen,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated
        ])
    );
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-04-10")), &renew("cloud")),
        set(&[
            Reason::WindowClosed,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated
        ])
    );
}

#[cfg(feature = "serde")]
#[test]
fn p1_requirements_hold_again_after_the_2020_extensions() {
    // Anniversary 2021-03-10: no extension of the default policy covers it
    // (covid-2021-h1, E6, is not in it), so P1 applies in its window
    // 2021-03-11 ..= 2021-04-09.
    let membership = member([gold("cloud", "2021-03-10", false)]);
    let evaluation = evaluate(&membership, d("2021-03-15"));
    assert_eq!(evaluation.offers[0].extension, None);
    assert_eq!(
        reasons(&evaluation, &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
}

#[cfg(feature = "serde")]
#[test]
fn p1_packs_have_no_performance_requirements() {
    let membership = member([
        maps(),
        OfferDraft::learning_action_pack("lap", d("2018-09-01")),
    ]);
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_open(&evaluation, &renew("maps"));
    assert_open(&evaluation, &renew("lap"));
}

#[test]
fn p1_p2_m2_a_blocked_renew_carries_every_reason_that_evaluate_gives() {
    // Anniversary 2019-05-01 (no extension covers 2019), window 2019-05-02
    // ..= 2019-05-31; on 2019-05-10 the window is open, but P1 (both
    // requirements unmet), P2 (profile needs review) and M2 (not a member)
    // all block the renewal.
    let membership = with(
        Membership::builder("contoso")
            .network_member(false)
            .business_profile(BusinessProfile::NeedsReview),
        [gold("cloud", "2019-05-01", false)],
    );
    assert_blocked(
        &membership,
        renew("cloud"),
        "2019-05-10",
        &[
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
            Reason::ProfileNeedsReview,
            Reason::NotNetworkMember,
        ],
        None,
    );
}

#[test]
fn p1_competency_with_requirements_met_renews_by_w5() {
    // Anniversary 2019-05-01 + 365 days = 2020-04-30 (29 February 2020 lies
    // between).
    let membership = member([gold("cloud", "2019-05-01", true)]);
    let renewed = applied(&membership, renew("cloud"), "2019-05-10");
    let offer = renewed.offer("cloud").unwrap();
    assert_eq!(offer.anniversary(), d("2020-04-30"));
    // P1: the requirements are left as they are; auto-renewal stays off on
    // a competency (D5, A2 only for an Action Pack).
    assert!(offer.performance_met());
    assert!(!offer.auto_renew());
}

/// P1: an offer's flags read back as they were given, both ways.
#[cfg(feature = "serde")]
#[test]
fn p1_offer_accessors_read_back_the_draft() {
    for (performance, exams) in [(true, false), (false, true), (true, true), (false, false)] {
        let membership = Membership::builder("contoso")
            .offer(
                OfferDraft::competency("gold", CompetencyLevel::Gold, "Data", d("2018-05-01"))
                    .performance_met(performance)
                    .exams_validated(exams),
            )
            .build()
            .unwrap();
        let offer = membership.offer("gold").unwrap();
        assert_eq!(offer.performance_met(), performance);
        assert_eq!(offer.exams_validated(), exams);
        assert_eq!(offer.kind(), OfferKind::GoldCompetency);
        // And evaluate sees the same flags (P1), in the window (W2: the
        // anniversary is 2019-05-01, before any extension, E1).
        let evaluation = evaluate(&membership, d("2019-05-02"));
        let reasons: Vec<Reason> = evaluation
            .blocked(&Action::renew("gold"))
            .map(|blocked| blocked.reasons.iter().collect())
            .unwrap_or_default();
        let mut expected = Vec::new();
        if !performance {
            expected.push(Reason::PerformanceNotMet);
        }
        if !exams {
            expected.push(Reason::ExamsNotValidated);
        }
        assert_eq!(reasons, expected, "{performance} {exams}");
    }
}

// ---------------------------------------------------------------------------
// P2: the business profile
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn p2_a_profile_that_needs_review_blocks_renewal() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::NeedsReview)
            .offer(maps()),
    );
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_eq!(
        reasons(&evaluation, &renew("maps")),
        set(&[Reason::ProfileNeedsReview])
    );
    assert_open(&evaluation, &Action::update_business_profile());
    assert_unlisted(&evaluation, &Action::provide_verification_documents());
}

#[cfg(feature = "serde")]
#[test]
fn p2_a_pending_verification_blocks_renewal() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::PendingVerification)
            .offer(maps()),
    );
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_eq!(
        reasons(&evaluation, &renew("maps")),
        set(&[Reason::VerificationPending])
    );
    assert_open(&evaluation, &Action::provide_verification_documents());
    assert_unlisted(&evaluation, &Action::update_business_profile());
}

#[cfg(feature = "serde")]
#[test]
fn p2_a_current_profile_lets_renewal_through_and_needs_no_action() {
    let membership = member([maps()]);
    let evaluation = evaluate(&membership, d("2019-09-15"));
    assert_open(&evaluation, &renew("maps"));
    assert_unlisted(&evaluation, &Action::update_business_profile());
    assert_unlisted(&evaluation, &Action::provide_verification_documents());
}

#[cfg(feature = "serde")]
#[test]
fn p2_profile_reasons_add_to_the_competency_requirements() {
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::NeedsReview)
            .offer(gold("cloud", "2019-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&membership, d("2019-03-20")), &renew("cloud")),
        set(&[
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
            Reason::ProfileNeedsReview
        ])
    );
}

#[cfg(feature = "serde")]
#[test]
fn p2_the_profile_blocks_reactivation_too() {
    // E1: gold 2020-03-10 lapses 2020-04-10, reactivation open to 2020-06-30.
    let membership = build(
        Membership::builder("contoso")
            .business_profile(BusinessProfile::PendingVerification)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(
            &evaluate(&membership, d("2020-04-10")),
            &reactivate("cloud")
        ),
        set(&[Reason::VerificationPending])
    );
}

#[test]
fn p2_update_business_profile_makes_it_current_and_unblocks_renew() {
    let membership = with(
        Membership::builder("contoso").business_profile(BusinessProfile::NeedsReview),
        [maps()],
    );
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-05",
        &[Reason::ProfileNeedsReview],
        None,
    );
    let updated = applied(&membership, Action::update_business_profile(), "2019-09-05");
    assert_eq!(updated.business_profile(), BusinessProfile::Current);
    let renewed = applied(&updated, renew("maps"), "2019-09-05");
    assert_eq!(
        renewed.offer("maps").unwrap().anniversary(),
        d("2020-08-31")
    );
}

#[test]
fn p2_update_business_profile_is_not_open_unless_it_needs_review() {
    let current = member([maps()]);
    assert_not_open(&current, Action::update_business_profile(), "2019-09-05");
    let pending = with(
        Membership::builder("contoso").business_profile(BusinessProfile::PendingVerification),
        [maps()],
    );
    assert_not_open(&pending, Action::update_business_profile(), "2019-09-05");
}

#[test]
fn p2_provide_verification_documents_makes_the_profile_current() {
    let membership = with(
        Membership::builder("contoso").business_profile(BusinessProfile::PendingVerification),
        [maps()],
    );
    assert_blocked(
        &membership,
        renew("maps"),
        "2019-09-05",
        &[Reason::VerificationPending],
        None,
    );
    let verified = applied(
        &membership,
        Action::provide_verification_documents(),
        "2019-09-05",
    );
    assert_eq!(verified.business_profile(), BusinessProfile::Current);
    assert!(evaluate(&verified, d("2019-09-05")).is_allowed(&renew("maps")));
}

#[test]
fn p2_provide_verification_documents_is_not_open_unless_pending() {
    let review = with(
        Membership::builder("contoso").business_profile(BusinessProfile::NeedsReview),
        [],
    );
    assert_not_open(
        &review,
        Action::provide_verification_documents(),
        "2019-09-05",
    );
    assert_not_open(
        &member([]),
        Action::provide_verification_documents(),
        "2019-09-05",
    );
}

// ---------------------------------------------------------------------------
// P3: Partner Center, not PMC
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn p3_a_pmc_membership_may_migrate_to_partner_center() {
    let pmc = build(Membership::builder("contoso").portal(Portal::Pmc));
    assert_open(
        &evaluate(&pmc, d("2019-09-01")),
        &Action::migrate_to_partner_center(),
    );
    let pc = build(Membership::builder("contoso"));
    assert_unlisted(
        &evaluate(&pc, d("2019-09-01")),
        &Action::migrate_to_partner_center(),
    );
}

#[cfg(feature = "serde")]
#[test]
fn p3_requirements_are_waived_only_in_partner_center() {
    // Gold 2020-03-10 with requirements unmet, covered by covid-2020-h1.
    // In PMC the window is 2019-12-11 ..= 2020-03-10 (10 March − 90 days:
    // −10 to 29 February, −29 to 31 January, −31 to 31 December, −20 to
    // 11 December); the extension is shown but waives nothing.
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    let evaluation = evaluate(&pmc, d("2020-03-01"));
    assert_eq!(evaluation.offers[0].extension, Some("covid-2020-h1"));
    assert_eq!(
        evaluation.offers[0].window,
        window("2019-12-11", "2020-03-10")
    );
    assert_eq!(
        reasons(&evaluation, &renew("cloud")),
        set(&[Reason::PerformanceNotMet, Reason::ExamsNotValidated])
    );
    // In Partner Center the same competency renews in its window.
    let pc = member([gold("cloud", "2020-03-10", false)]);
    assert_open(&evaluate(&pc, d("2020-03-15")), &renew("cloud"));
}

#[cfg(feature = "serde")]
#[test]
fn p3_reactivation_needs_partner_center() {
    // Lapsed in both portals on 2020-04-10 (PMC: since 2020-03-11).
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(gold("cloud", "2020-03-10", false)),
    );
    assert_eq!(
        reasons(&evaluate(&pmc, d("2020-04-10")), &reactivate("cloud")),
        set(&[Reason::NotInPartnerCenter])
    );
    let pc = member([gold("cloud", "2020-03-10", false)]);
    assert_open(&evaluate(&pc, d("2020-04-10")), &reactivate("cloud"));
    // After 2020-06-30 both reasons hold, and both are listed.
    assert_eq!(
        reasons(&evaluate(&pmc, d("2020-07-01")), &reactivate("cloud")),
        set(&[Reason::NotInPartnerCenter, Reason::ReactivationPeriodOver])
    );
}

#[cfg(feature = "serde")]
#[test]
fn p3_pmc_gets_no_covid_override() {
    // Silver 2020-08-10 (covid-2020-h2) lapses on 2020-09-10 in Partner
    // Center, where the override is then open; in PMC it is never listed.
    let silver = || competency("cl", CompetencyLevel::Silver, "2020-08-10", false, false);
    let pc = member([silver()]);
    assert_open(&evaluate(&pc, d("2020-09-10")), &override_("cl"));
    let pmc = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(silver()),
    );
    for today in ["2020-09-10", "2021-01-01", "2021-08-09"] {
        assert_unlisted(&evaluate(&pmc, d(today)), &override_("cl"));
    }
}

#[test]
fn p3_w5_renew_in_pmc_ignores_the_extension() {
    // The same competency as the E4 test, requirements met, in PMC: P4 makes
    // the window 2020-01-01 - 90 ..= 2020-01-01 = 2019-10-03 ..= 2020-01-01
    // (1 + 31 + 30 + 28 = 90 days back from 1 January), and P3 keeps the
    // extension's effects out, so W5 sets 2020-01-01 + 365 = 2020-12-31.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-01", true)],
    );
    let renewed = applied(&membership, renew("cloud"), "2019-12-01");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2020-12-31")
    );
    // P4: the window's first day counts, the day before does not.
    applied(&membership, renew("cloud"), "2019-10-03");
    assert_blocked(
        &membership,
        renew("cloud"),
        "2019-10-02",
        &[Reason::WindowNotOpen],
        Some("2019-10-03"),
    );
    // In PMC the requirements are not waived (P3).
    let unmet = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-01", false)],
    );
    assert_blocked(
        &unmet,
        renew("cloud"),
        "2019-12-01",
        &[Reason::PerformanceNotMet, Reason::ExamsNotValidated],
        None,
    );
}

#[test]
fn p3_reactivate_in_pmc_is_blocked_with_not_in_partner_center() {
    // In PMC the same anniversary has the window 2019-10-17 ..= 2020-01-15
    // (15 + 31 + 30 + 14 = 90 days back), so it is lapsed on 2020-03-01.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-01-15", false)],
    );
    assert_blocked(
        &membership,
        Action::reactivate("cloud"),
        "2020-03-01",
        &[Reason::NotInPartnerCenter],
        None,
    );
}

#[test]
fn p3_migrate_to_partner_center_brings_the_extension_into_effect() {
    // Gold, anniversary 2020-03-10, requirements unmet. In PMC the window was
    // 2019-12-11 ..= 2020-03-10 (10 + 29 + 31 + 20 = 90 days back), so on
    // 2020-03-15 renew is closed and P1 is not waived.
    let membership = with(
        Membership::builder("contoso").portal(Portal::Pmc),
        [gold("cloud", "2020-03-10", false)],
    );
    assert_blocked(
        &membership,
        renew("cloud"),
        "2020-03-15",
        &[
            Reason::WindowClosed,
            Reason::PerformanceNotMet,
            Reason::ExamsNotValidated,
        ],
        None,
    );
    let migrated = applied(
        &membership,
        Action::migrate_to_partner_center(),
        "2020-03-15",
    );
    assert_eq!(migrated.portal(), Portal::PartnerCenter);
    // In Partner Center the window is 2020-03-11 ..= 2020-04-09 and E1
    // waives P1: renew is open, and E4 gives 2021-03-10.
    let renewed = applied(&migrated, renew("cloud"), "2020-03-15");
    assert_eq!(
        renewed.offer("cloud").unwrap().anniversary(),
        d("2021-03-10")
    );
}

#[test]
fn p3_migrate_is_not_open_in_partner_center() {
    assert_not_open(
        &member([]),
        Action::migrate_to_partner_center(),
        "2020-03-15",
    );
}

// ---------------------------------------------------------------------------
// P4: the PMC window
// ---------------------------------------------------------------------------

#[cfg(feature = "serde")]
#[test]
fn p4_pmc_window_runs_from_ninety_days_before_to_the_anniversary() {
    // 2019-09-01 − 90 days = 2019-06-03 (3 June → 30 June is 27 days, → 31
    // July 58, → 31 August 89, → 1 September 90).
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    let before = evaluate(&membership, d("2019-06-02"));
    assert_eq!(before.offers[0].window, window("2019-06-03", "2019-09-01"));
    assert_eq!(before.offers[0].phase, Phase::Active);
    assert_eq!(
        reasons(&before, &renew("maps")),
        set(&[Reason::WindowNotOpen])
    );
    assert_eq!(allowed_from(&before, &renew("maps")), Some(d("2019-06-03")));

    let first = evaluate(&membership, d("2019-06-03"));
    assert_eq!(first.offers[0].phase, Phase::RenewalWindow);
    assert_open(&first, &renew("maps"));
    // Renewal on the anniversary itself: open in PMC (closed in Partner
    // Center, W7).
    assert_open(&evaluate(&membership, d("2019-09-01")), &renew("maps"));

    let after = evaluate(&membership, d("2019-09-02"));
    assert_eq!(after.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reasons(&after, &renew("maps")),
        set(&[Reason::WindowClosed])
    );
}

#[cfg(feature = "serde")]
#[test]
fn p4_the_policy_gives_each_portal_its_window() {
    let policy = Policy::partner_center_2020();
    assert_eq!(
        policy.window(Portal::Pmc),
        WindowOffsets {
            opens: -90,
            closes: 0
        }
    );
    assert_eq!(
        policy.window(Portal::PartnerCenter),
        WindowOffsets {
            opens: 1,
            closes: 30
        }
    );
}

/// A3, P4: a cancelled pack is cancelled in every phase; in PMC the window
/// is `anniversary-90 ..= anniversary`, so on the anniversary (2019-09-01)
/// a PMC membership's pack is in its window and the day after it lapsed.
#[test]
fn p4_phases_follow_the_portal_window_and_cancellation() {
    let membership = Membership::builder("contoso")
        .portal(Portal::Pmc)
        .offer(OfferDraft::action_pack("maps", d("2018-09-01")))
        .offer(
            OfferDraft::action_pack("old", d("2018-09-01"))
                .cancelled(true)
                .origin_account("fabrikam"),
        )
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    let on = |day: &str| -> Vec<Phase> { policy.phases(&membership, d(day)).collect() };
    // 2019-09-01 − 90 days = 2019-06-03.
    assert_eq!(on("2019-06-02"), [Phase::Active, Phase::Cancelled]);
    assert_eq!(on("2019-06-03"), [Phase::RenewalWindow, Phase::Cancelled]);
    assert_eq!(on("2019-09-01"), [Phase::RenewalWindow, Phase::Cancelled]);
    assert_eq!(on("2019-09-02"), [Phase::Lapsed, Phase::Cancelled]);
}
