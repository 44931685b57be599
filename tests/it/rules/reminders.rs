//! N1–N5: the reminders and notices, their days and their recipients.

use mpn_renewals::evaluation::{Recipient, ReminderKind};
use mpn_renewals::policy::ExtensionPolicy;
use mpn_renewals::{
    evaluate, CompetencyLevel, Membership, OfferDraft, Phase, PolicySet, Portal, Rules,
};

use crate::common::{action_pack, build, d, gold, maps, member, one, reminders};

// ---------------------------------------------------------------------------
// N1: the reminder 15 days before the anniversary
// ---------------------------------------------------------------------------

#[test]
fn n1_reminder_fifteen_days_before_the_anniversary_on_that_day_only() {
    // 2019-09-01 − 15 days = 2019-08-17 (−1 to 31 August, −14 to 17 August).
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-08-16")).reminders.is_empty());
    assert_eq!(
        evaluate(&membership, d("2019-08-16")).next_change,
        Some(d("2019-08-17"))
    );
    let due = evaluate(&membership, d("2019-08-17"));
    assert_eq!(
        reminders(&due),
        one(ReminderKind::UpcomingAnniversary, "maps")
    );
    assert_eq!(due.next_change, Some(d("2019-08-18")));
    assert!(evaluate(&membership, d("2019-08-18")).reminders.is_empty());
}

#[test]
fn n1_an_auto_renewing_action_pack_is_reminded_of_the_coming_renewal() {
    let membership = member([maps()]);
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-08-17"))),
        one(ReminderKind::UpcomingAutoRenewal, "maps")
    );
    // A competency gets the plain reminder.
    let competency = member([gold("cloud", "2019-09-01", false)]);
    assert_eq!(
        reminders(&evaluate(&competency, d("2019-08-17"))),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
}

#[test]
fn n1_fifteen_days_count_29_february() {
    // Anniversary 2020-03-10: −10 to 29 February, −5 more: 2020-02-24.
    // Anniversary 2019-03-10: −10 to 28 February, −5 more: 2019-02-23.
    // (Action Packs, so that no extension is involved: E3.)
    for (bought, due, not_due) in [
        ("2019-03-10", "2020-02-24", "2020-02-23"),
        ("2018-03-10", "2019-02-23", "2019-02-24"),
    ] {
        let membership = member([OfferDraft::action_pack("maps", d(bought)).auto_renew(false)]);
        assert_eq!(
            reminders(&evaluate(&membership, d(due))),
            one(ReminderKind::UpcomingAnniversary, "maps"),
            "{bought}"
        );
        assert!(evaluate(&membership, d(not_due)).reminders.is_empty());
    }
}

#[test]
fn n1_a_cancelled_offer_gets_no_reminder() {
    let membership = member([maps().cancelled(true)]);
    assert!(evaluate(&membership, d("2019-08-17")).reminders.is_empty());
}

/// N1 on the day of a switch: bought 2022-09-16, the anniversary is
/// 2023-09-16 and its upcoming reminder (N1, anniversary−15; of kind
/// `upcoming_auto_renewal` for an Action Pack with `auto_renew`, the wire contract)
/// falls on 2023-09-01, the day partner-center-2023 comes into force in the built-in
/// history. The pack renews automatically (A1), but its window (2023:
/// `anniversary ..= +30`) is not open, so no `auto_renewal_due` is added or
/// withdrawn at the switch, and the N1 reminder stays: reading A1 across the
/// versions touches `auto_renewal_due` reminders only.
#[test]
fn n1_upcoming_auto_renewal_on_the_switch_day_is_kept() {
    let membership = action_pack("maps", "2022-09-16");
    let set = PolicySet::partner_center_history();

    let switch = set.evaluate(&membership, d("2023-09-01"));
    assert_eq!(switch.policy, "partner-center-2023");
    let due: Vec<(ReminderKind, &str)> =
        switch.reminders.iter().map(|r| (r.kind, r.offer)).collect();
    assert_eq!(due, [(ReminderKind::UpcomingAutoRenewal, "maps")]);
}

// ---------------------------------------------------------------------------
// N2: the reminder 23 days after the anniversary
// ---------------------------------------------------------------------------

#[test]
fn n2_second_reminder_twenty_three_days_after_the_anniversary() {
    // 2019-09-01 + 23 days = 2019-09-24, inside 2019-09-02 ..= 2019-10-01.
    let membership = member([maps().auto_renew(false)]);
    assert!(evaluate(&membership, d("2019-09-23")).reminders.is_empty());
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-09-24"))),
        one(ReminderKind::WindowClosing, "maps")
    );
    assert!(evaluate(&membership, d("2019-09-25")).reminders.is_empty());
}

#[test]
fn n2_a_competency_gets_the_second_reminder_too() {
    // 2019-03-10 + 23 = 2019-04-02 (+21 to 31 March, +2 to 2 April).
    let membership = member([gold("cloud", "2019-03-10", false)]);
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-04-02"))),
        one(ReminderKind::WindowClosing, "cloud")
    );
    assert!(evaluate(&membership, d("2019-04-01")).reminders.is_empty());
}

#[test]
fn n2_no_second_reminder_when_that_day_is_outside_the_window() {
    // In PMC the window is 2019-06-03 ..= 2019-09-01 (P4): 2019-09-24 is
    // after it, the offer has lapsed, and no second reminder is sent.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    let evaluation = evaluate(&membership, d("2019-09-24"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert!(evaluation.reminders.is_empty());
}

#[test]
fn n2_a_cancelled_offer_gets_no_second_reminder() {
    let membership = member([maps().auto_renew(false).cancelled(true)]);
    assert!(evaluate(&membership, d("2019-09-24")).reminders.is_empty());
}

// ---------------------------------------------------------------------------
// N3: who gets the reminders
// ---------------------------------------------------------------------------

#[test]
fn n3_every_reminder_goes_to_the_global_admin_and_the_mpn_admin() {
    assert_eq!(
        Recipient::ALL,
        [Recipient::GlobalAdmin, Recipient::MpnAdmin]
    );
    let membership = member([
        maps(),
        OfferDraft::learning_action_pack("lap", d("2018-10-15")),
        gold("cloud", "2020-03-10", false),
    ]);
    let mut seen = Vec::new();
    let mut today = d("2019-08-01");
    while today <= d("2020-05-01") {
        for reminder in evaluate(&membership, today).reminders {
            assert_eq!(
                reminder.recipients,
                [Recipient::GlobalAdmin, Recipient::MpnAdmin],
                "{reminder:?}"
            );
            if !seen.contains(&reminder.kind) {
                seen.push(reminder.kind);
            }
        }
        today = today.succ_opt().unwrap();
    }
    // Every kind of reminder was seen, so the check above covered them all.
    seen.sort_unstable();
    assert_eq!(
        seen,
        [
            ReminderKind::UpcomingAnniversary,
            ReminderKind::UpcomingAutoRenewal,
            ReminderKind::AutoRenewalDue,
            ReminderKind::WindowClosing,
            ReminderKind::BenefitsLost,
        ]
    );
}

// ---------------------------------------------------------------------------
// N4: reminders under an extension
// ---------------------------------------------------------------------------

#[test]
fn n4_reminders_of_a_competency_under_an_extension_name_it() {
    // Gold with anniversary 2020-03-10, covered by covid-2020-h1 (E1):
    // N1 on 2020-02-24, N2 on 2020-04-02, N5 on 2020-04-10.
    let membership = member([gold("cloud", "2020-03-10", false)]);
    for (today, kind) in [
        ("2020-02-24", ReminderKind::UpcomingAnniversary),
        ("2020-04-02", ReminderKind::WindowClosing),
        ("2020-04-10", ReminderKind::BenefitsLost),
    ] {
        let evaluation = evaluate(&membership, d(today));
        assert_eq!(reminders(&evaluation), one(kind, "cloud"), "{today}");
        assert_eq!(evaluation.reminders[0].extension, Some("covid-2020-h1"));
    }
}

#[test]
fn n4_reminders_of_an_offer_without_an_extension_name_none() {
    // An Action Pack in 2020 (E3) and a competency of 2019.
    let membership = member([
        OfferDraft::action_pack("maps", d("2019-03-10")).auto_renew(false),
        gold("cloud", "2019-03-10", false),
    ]);
    let evaluation = evaluate(&membership, d("2020-02-24"));
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::UpcomingAnniversary, "maps")
    );
    assert_eq!(evaluation.reminders[0].extension, None);
    let evaluation = evaluate(&membership, d("2019-02-23"));
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
    assert_eq!(evaluation.reminders[0].extension, None);
}

#[test]
fn n4_after_an_extended_renewal_reminders_follow_the_extended_anniversary() {
    // A competency with anniversary 2020-01-01 renewed under covid-2020-h1
    // has (E4) the next anniversary 2021-01-01, not the 2020-12-31 that 365
    // days would give. With that anniversary, N1 falls on 2021-01-01 − 15 =
    // 2020-12-17, not 2020-12-16. (The renewed state is built by hand:
    // what is tested is that reminders follow it.)
    let extended = ExtensionPolicy::extended_anniversary(d("2020-01-01")).unwrap();
    assert_eq!(extended, d("2021-01-01"));
    let renewed = member([OfferDraft::competency(
        "cloud",
        CompetencyLevel::Gold,
        "Cloud Platform",
        d("2019-01-01"),
    )
    .anniversary(extended)]);
    assert_eq!(
        reminders(&evaluate(&renewed, d("2020-12-17"))),
        one(ReminderKind::UpcomingAnniversary, "cloud")
    );
    assert!(evaluate(&renewed, d("2020-12-16")).reminders.is_empty());
}

// ---------------------------------------------------------------------------
// N5: the notice on the day of the lapse
// ---------------------------------------------------------------------------

#[test]
fn n5_benefits_lost_notice_on_the_day_of_the_lapse_only() {
    let membership = member([maps()]);
    assert!(evaluate(&membership, d("2019-10-01")).reminders.is_empty());
    assert_eq!(
        reminders(&evaluate(&membership, d("2019-10-02"))),
        one(ReminderKind::BenefitsLost, "maps")
    );
    assert!(evaluate(&membership, d("2019-10-03")).reminders.is_empty());
}

#[test]
fn n5_in_pmc_the_lapse_notice_comes_the_day_after_the_anniversary() {
    // P4: the PMC window closes on the anniversary (2019-09-01), so the
    // lapse, and its notice, is on 2019-09-02.
    let membership = build(
        Membership::builder("contoso")
            .portal(Portal::Pmc)
            .offer(maps().auto_renew(false)),
    );
    assert!(evaluate(&membership, d("2019-09-01")).reminders.is_empty());
    let evaluation = evaluate(&membership, d("2019-09-02"));
    assert_eq!(evaluation.offers[0].phase, Phase::Lapsed);
    assert_eq!(
        reminders(&evaluation),
        one(ReminderKind::BenefitsLost, "maps")
    );
}

#[test]
fn n5_a_cancelled_offer_gets_no_lapse_notice() {
    let membership = member([maps().cancelled(true)]);
    assert!(evaluate(&membership, d("2019-10-02")).reminders.is_empty());
}
