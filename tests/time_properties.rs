//! Property tests of time: `apply` against `evaluate`, ten years of
//! renewals, `timeline` against a day-by-day run of `evaluate`, and
//! `reminders_between` over adjacent spans. Generated with the crate's own
//! strategies (`mpn_renewals::strategies`, feature `proptest`), under every
//! built-in policy, the opt-in E6 policy and the effective-dated history.
//!
//! Each property names the bug it is there to catch.
#![cfg(feature = "proptest")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Days, NaiveDate};
use mpn_renewals::evaluation::ReminderKind;
use mpn_renewals::policy::{ExtensionPolicy, FirstAnniversary, RenewalTerm};
use mpn_renewals::strategies;
use mpn_renewals::time::{DueReminder, Event, EventKind, ReminderKey};
use mpn_renewals::{
    Action, BusinessProfile, Denied, Evaluation, Membership, Offer, OfferKind, Phase, Policy,
    PolicySet, Portal, Reasons, Rules,
};
use proptest::prelude::*;

// ---------------------------------------------------------------------------
// The rules under test: one policy, or an effective-dated set
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Subject {
    One(Policy),
    Set(PolicySet),
}

impl Subject {
    fn evaluate<'a>(&'a self, m: &'a Membership, day: NaiveDate) -> Evaluation<'a> {
        match self {
            Subject::One(p) => p.evaluate(m, day),
            Subject::Set(s) => s.evaluate(m, day),
        }
    }

    fn apply(
        &self,
        m: &Membership,
        action: &Action<'_>,
        day: NaiveDate,
    ) -> Result<Membership, Denied> {
        match self {
            Subject::One(p) => p.apply(m, action, day),
            Subject::Set(s) => s.apply(m, action, day),
        }
    }

    fn timeline<'a>(&'a self, m: &'a Membership, from: NaiveDate, to: NaiveDate) -> Vec<Event<'a>> {
        match self {
            Subject::One(p) => p.timeline(m, from, to),
            Subject::Set(s) => s.timeline(m, from, to),
        }
    }

    fn reminders_between<'a>(
        &'a self,
        m: &'a Membership,
        after: NaiveDate,
        through: NaiveDate,
    ) -> Vec<DueReminder<'a>> {
        match self {
            Subject::One(p) => p.reminders_between(m, after, through),
            Subject::Set(s) => s.reminders_between(m, after, through),
        }
    }

    /// The policy in force on `day`.
    fn policy_on(&self, day: NaiveDate) -> &Policy {
        match self {
            Subject::One(p) => p,
            Subject::Set(s) => s.policy_on(day),
        }
    }
}

/// partner-center-2020 with the opt-in E6 extension.
fn covid_2021() -> Policy {
    Policy::partner_center_2020()
        .with_extension(ExtensionPolicy::covid_2021_h1())
        .unwrap()
        .with_name("partner-center-2020-covid-2021")
        .unwrap()
}

fn rules() -> impl Strategy<Value = Subject> {
    prop_oneof![
        4 => strategies::policy().prop_map(Subject::One),
        1 => Just(Subject::One(covid_2021())),
        2 => Just(Subject::Set(PolicySet::partner_center_history())),
    ]
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn plus(day: NaiveDate, days: u64) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(days))
}

/// W1, D1, E4: the same month and day in the next year, 29 February giving
/// 28 February. Written here with chrono's calendar, not the crate's.
fn same_day_next_year(date: NaiveDate) -> Option<NaiveDate> {
    let year = date.year() + 1;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
}

/// Dates so close to the ends of the calendar that a result may fall
/// outside 0001 ..= 9999 (D4): the only place `Denied::Invalid` may come
/// from for an allowed action.
fn near_calendar_end(date: NaiveDate) -> bool {
    date.year() <= 1 || date.year() >= 9997
}

/// The evaluation's entry for an action: `purchase` is listed without id.
fn listed<'a>(action: &Action<'a>) -> Action<'a> {
    match *action {
        Action::Purchase { kind, .. } => Action::Purchase { kind, id: None },
        other => other,
    }
}

const FRESH: &str = "fresh-id";

/// Every action worth trying on a day: each one the evaluation lists
/// (allowed or blocked; a purchase with a fresh id), and each "only when
/// open" action for every offer, token and the membership.
fn candidates<'a>(m: &'a Membership, ev: &Evaluation<'a>) -> Vec<Action<'a>> {
    let mut all: Vec<Action<'a>> = Vec::new();
    let mut push = |action: Action<'a>| {
        let action = match action {
            Action::Purchase { kind, .. } => Action::Purchase {
                kind,
                id: Some(FRESH),
            },
            other => other,
        };
        if !all.contains(&action) {
            all.push(action);
        }
    };
    for action in ev.allowed.iter().copied() {
        push(action);
    }
    for blocked in &ev.blocked {
        push(blocked.action);
    }
    for offer in m.offers() {
        let offer = offer.id();
        for action in [
            Action::Renew { offer },
            Action::Reactivate { offer },
            Action::RequestCovidOverride { offer },
            Action::TurnOffAutoRenew { offer },
            Action::RequestCancellation { offer },
            Action::DownloadInvoice { offer },
        ] {
            push(action);
        }
    }
    for token in m.tokens() {
        push(Action::RequestReplacementToken { token: token.id() });
    }
    for action in [
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::Purchase {
            kind: OfferKind::ActionPack,
            id: None,
        },
        Action::Purchase {
            kind: OfferKind::LearningActionPack,
            id: None,
        },
    ] {
        push(action);
    }
    all
}

/// Every field of an offer, to compare offers field by field.
type OfferFields = (
    String,
    OfferKind,
    Option<String>,
    NaiveDate,
    NaiveDate,
    bool,
    bool,
    bool,
    bool,
    Option<String>,
    bool,
);

fn fields(offer: &Offer) -> OfferFields {
    (
        offer.id().to_owned(),
        offer.kind(),
        offer.area().map(str::to_owned),
        offer.purchased(),
        offer.anniversary(),
        offer.auto_renew(),
        offer.cancelled(),
        offer.performance_met(),
        offer.exams_validated(),
        offer.origin_account().map(str::to_owned),
        offer.covid_override_requested(),
    )
}

/// The membership `before` with the offer `id` changed by `change`; the
/// other offers, tokens and account facts as they were.
fn expect_offer_change(
    before: &Membership,
    after: &Membership,
    id: &str,
    change: impl FnOnce(&mut OfferFields),
) -> Result<(), TestCaseError> {
    prop_assert_eq!(before.account(), after.account());
    prop_assert_eq!(before.portal(), after.portal());
    prop_assert_eq!(before.business_profile(), after.business_profile());
    prop_assert_eq!(before.network_member(), after.network_member());
    prop_assert_eq!(before.tokens(), after.tokens());
    let mut expected: Vec<OfferFields> = before.offers().iter().map(fields).collect();
    let target = expected.iter_mut().find(|f| f.0 == id).unwrap();
    change(target);
    let actual: Vec<OfferFields> = after.offers().iter().map(fields).collect();
    prop_assert_eq!(actual, expected);
    Ok(())
}

/// The effect of an allowed action, derived from the rules catalogue independently of
/// the crate's `transition`.
fn check_effect(
    rules: &Subject,
    ev: &Evaluation<'_>,
    before: &Membership,
    after: &Membership,
    action: &Action<'_>,
    day: NaiveDate,
) -> Result<(), TestCaseError> {
    let policy = rules.policy_on(day);
    match *action {
        Action::Renew { offer } => {
            let old = before.offer(offer).unwrap();
            let extended = before.portal() == Portal::PartnerCenter
                && ev.offer(offer).unwrap().extension.is_some();
            let anniversary = if extended {
                // E4: the same month and day one year later.
                same_day_next_year(old.anniversary()).unwrap()
            } else {
                match policy.renewal_term() {
                    // W5: the current anniversary + N days.
                    RenewalTerm::DaysAfterAnniversary(n) => {
                        plus(old.anniversary(), u64::from(n)).unwrap()
                    }
                    // 2018, 2022: the renewal day + N days.
                    RenewalTerm::DaysAfterRenewal(n) => plus(day, u64::from(n)).unwrap(),
                    other => panic!("unknown term {other:?}"),
                }
            };
            let pack = old.kind() == OfferKind::ActionPack;
            expect_offer_change(before, after, offer, |f| {
                f.4 = anniversary;
                f.5 = pack; // A2
                f.10 = false;
            })?;
        }
        Action::Reactivate { offer } => {
            let old = before.offer(offer).unwrap();
            let anniversary = same_day_next_year(old.anniversary()).unwrap();
            expect_offer_change(before, after, offer, |f| {
                f.4 = anniversary;
                f.10 = false;
            })?;
        }
        Action::RequestCovidOverride { offer } => {
            expect_offer_change(before, after, offer, |f| f.10 = true)?;
        }
        Action::TurnOffAutoRenew { offer } => {
            expect_offer_change(before, after, offer, |f| f.5 = false)?;
        }
        Action::RequestCancellation { offer } => {
            expect_offer_change(before, after, offer, |f| f.6 = true)?;
        }
        Action::DownloadInvoice { .. } => prop_assert_eq!(before, after),
        Action::UpdateBusinessProfile | Action::ProvideVerificationDocuments => {
            prop_assert_eq!(after.business_profile(), BusinessProfile::Current);
            prop_assert_eq!(before.offers(), after.offers());
        }
        Action::MigrateToPartnerCenter => {
            prop_assert_eq!(after.portal(), Portal::PartnerCenter);
            prop_assert_eq!(before.offers(), after.offers());
        }
        Action::RequestReplacementToken { token } => {
            prop_assert!(after.token(token).unwrap().is_replaced());
            prop_assert_eq!(before.offers(), after.offers());
        }
        Action::Purchase { kind, id } => {
            let id = id.unwrap();
            // M4, W6: the account's own earlier pack of that kind is
            // replaced; merged packs and other kinds stay.
            let kept: Vec<OfferFields> = before
                .offers()
                .iter()
                .filter(|o| o.kind() != kind || o.origin_account().is_some())
                .map(fields)
                .collect();
            let actual: Vec<OfferFields> = after.offers().iter().map(fields).collect();
            prop_assert_eq!(&actual[..actual.len() - 1], &kept[..]);
            let new = after.offers().last().unwrap();
            let anniversary = match policy.first_anniversary() {
                FirstAnniversary::SameDayNextYear => same_day_next_year(day).unwrap(),
                FirstAnniversary::DaysAfterPurchase(n) => plus(day, u64::from(n)).unwrap(),
                other => panic!("unknown first anniversary {other:?}"),
            };
            prop_assert_eq!(
                fields(new),
                (
                    id.to_owned(),
                    kind,
                    None,
                    day,
                    anniversary,
                    kind == OfferKind::ActionPack,
                    false,
                    false,
                    false,
                    None,
                    false
                )
            );
        }
        other => panic!("unexpected action {other:?}"),
    }
    Ok(())
}

/// Events as comparable text, grouped by date.
fn by_date(events: &[Event<'_>]) -> BTreeMap<NaiveDate, Vec<String>> {
    let mut map: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for event in events {
        map.entry(event.date)
            .or_default()
            .push(format!("{:?}", event.kind));
    }
    for list in map.values_mut() {
        list.sort();
    }
    map
}

/// The events of `day` from the evaluations of the day before and of that
/// day, as the wire contract and the issue define them.
fn expected_events<'a>(
    before: Option<&Evaluation<'a>>,
    now: &Evaluation<'a>,
) -> Vec<EventKind<'a>> {
    let mut events = Vec::new();
    if let Some(before) = before {
        if before.policy != now.policy {
            events.push(EventKind::PolicyChanged {
                from: before.policy,
                to: now.policy,
            });
        }
        for (old, new) in before.offers.iter().zip(&now.offers) {
            if old.phase != new.phase {
                events.push(EventKind::PhaseChanged {
                    offer: new.id,
                    from: old.phase,
                    to: new.phase,
                });
            }
        }
        for action in &now.allowed {
            if !before.is_allowed(action) {
                events.push(EventKind::ActionOpened { action: *action });
            }
        }
        for action in &before.allowed {
            if !now.is_allowed(action) {
                let reasons = now.blocked(action).map_or(Reasons::EMPTY, |b| b.reasons);
                events.push(EventKind::ActionClosed {
                    action: *action,
                    reasons,
                });
            }
        }
    }
    for reminder in &now.reminders {
        events.push(EventKind::Reminder {
            reminder: *reminder,
        });
    }
    events
}

// ---------------------------------------------------------------------------
// (a) apply succeeds iff evaluate allows, with exactly its reasons
// ---------------------------------------------------------------------------

/// The property of (a) for one membership and day: every candidate action
/// is applied, and the outcome compared with the evaluation of that day.
fn check_apply(rules: &Subject, m: &Membership, day: NaiveDate) -> Result<(), TestCaseError> {
    let ev = rules.evaluate(m, day);
    let before = m.clone();
    for action in candidates(m, &ev) {
        let entry = listed(&action);
        let result = rules.apply(m, &action, day);
        prop_assert_eq!(m, &before, "the input changed");
        if ev.is_allowed(&entry) {
            match result {
                Ok(next) => {
                    check_effect(rules, &ev, m, &next, &action, day)?;
                    // Nothing but the invoice can be applied twice on a day:
                    // each effect closes its own action.
                    let again = match action {
                        Action::Purchase { kind, .. } => Action::Purchase {
                            kind,
                            id: Some("fresh-2"),
                        },
                        other => other,
                    };
                    let second = rules.apply(&next, &again, day);
                    if matches!(action, Action::DownloadInvoice { .. }) {
                        prop_assert_eq!(second, Ok(next.clone()));
                    } else {
                        prop_assert!(second.is_err(), "{} applied twice on {}", action, day);
                    }
                }
                Err(Denied::Invalid(err)) => {
                    let anniversary = match action {
                        Action::Renew { offer } | Action::Reactivate { offer } => {
                            m.offer(offer).map(|o| o.anniversary())
                        }
                        _ => None,
                    };
                    prop_assert!(
                        near_calendar_end(day) || anniversary.is_some_and(near_calendar_end),
                        "{} on {} refused as invalid: {}",
                        action,
                        day,
                        err
                    );
                }
                Err(other) => {
                    prop_assert!(
                        false,
                        "{} on {} allowed but denied: {:?}",
                        action,
                        day,
                        other
                    )
                }
            }
        } else if let Some(blocked) = ev.blocked(&entry) {
            prop_assert_eq!(
                result,
                Err(Denied::Blocked {
                    reasons: blocked.reasons,
                    allowed_from: blocked.allowed_from
                }),
                "{} on {}",
                action,
                day
            );
        } else {
            prop_assert_eq!(result, Err(Denied::NotOpen), "{} on {}", action, day);
        }
    }
    Ok(())
}

/// Memberships where the extensions matter (E1, E2, E5, E6): competencies
/// with anniversaries from 2019-10 to 2021-12, in either portal, with any
/// profile and requirements, some overrides already requested, and a day
/// from 2019-10 to 2022-06 (reactivation periods, override periods).
fn covid_membership_and_day() -> impl Strategy<Value = (Membership, NaiveDate)> {
    let competency = (
        strategies::day_between(ymd(2019, 10, 1), ymd(2021, 12, 31)),
        any::<bool>(),
        prop::sample::select(vec!["Cloud Platform", "Cloud Business Applications"]),
        any::<[bool; 3]>(),
    );
    (
        prop::collection::vec(competency, 1..=3),
        strategies::portal(),
        strategies::business_profile(),
        prop::bool::weighted(0.9),
        strategies::day_between(ymd(2019, 10, 1), ymd(2022, 6, 30)),
    )
        .prop_map(|(offers, portal, profile, member, day)| {
            let mut builder = Membership::builder("contoso")
                .portal(portal)
                .business_profile(profile)
                .network_member(member);
            for (index, (anniversary, gold, area, [perf, exams, requested])) in
                offers.into_iter().enumerate()
            {
                let level = if gold {
                    mpn_renewals::CompetencyLevel::Gold
                } else {
                    mpn_renewals::CompetencyLevel::Silver
                };
                builder = builder.offer(
                    mpn_renewals::OfferDraft::competency(
                        format!("c{index}"),
                        level,
                        area,
                        ymd(2015, 1, 1),
                    )
                    .anniversary(anniversary)
                    .performance_met(perf)
                    .exams_validated(exams)
                    .covid_override_requested(requested),
                );
            }
            (builder.build().unwrap(), day)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Catches an `apply` that disagrees with `evaluate` (a transition
    /// allowed on a day the evaluation blocks, or the reverse), a denial
    /// whose reasons or `allowed_from` differ from the evaluation's, a wrong
    /// effect (W5, E4, 2018/2022 terms, A2, M4, W1/D1, 2023's first
    /// anniversary), and an action that could be applied twice.
    #[test]
    fn prop_apply_succeeds_iff_evaluate_allows(
        (m, day) in strategies::membership_and_day(),
        rules in rules(),
    ) {
        check_apply(&rules, &m, day)?;
    }

    /// The same where the extensions decide: reactivation (E1, E4), the
    /// COVID override (E2, E5), waived requirements (E1, E2, E6) and P3.
    #[test]
    fn prop_apply_succeeds_iff_evaluate_allows_under_the_extensions(
        (m, day) in covid_membership_and_day(),
        rules in rules(),
    ) {
        check_apply(&rules, &m, day)?;
    }
}

// ---------------------------------------------------------------------------
// (b) ten years of renewals
// ---------------------------------------------------------------------------

/// From a purchase of an Action Pack on `bought` under partner-center-2020,
/// applies `renew` on every day the automatic renewal is due (A1), checking
/// every day that benefits hold (W4). Returns the anniversaries after the
/// purchase and after each of `renewals` renewals, and the renewal days.
fn ten_years(bought: NaiveDate, renewals: usize) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let policy = Policy::partner_center_2020();
    let empty = Membership::builder("contoso").build().unwrap();
    let purchase = Action::Purchase {
        kind: OfferKind::ActionPack,
        id: Some("maps"),
    };
    let mut m = policy.apply(&empty, &purchase, bought).unwrap();
    let mut anniversaries = vec![m.offer("maps").unwrap().anniversary()];
    let mut renewal_days = Vec::new();
    let mut day = bought;
    // A little over `renewals` years, with room for 365-day drift.
    let last = plus(bought, 366 * (renewals as u64 + 1)).unwrap();
    while renewal_days.len() < renewals {
        assert!(day <= last, "no renewal after {anniversaries:?}");
        let ev = policy.evaluate(&m, day);
        let status = ev.offer("maps").unwrap();
        assert!(status.benefits, "no benefits on {day}: {status:?}");
        let due = ev
            .reminders
            .iter()
            .any(|r| r.kind == ReminderKind::AutoRenewalDue && r.offer == "maps");
        if due {
            // A1: on the window's first day, the day after the anniversary.
            assert_eq!(Some(day), anniversaries.last().unwrap().succ_opt());
            m = policy
                .apply(&m, &Action::Renew { offer: "maps" }, day)
                .unwrap();
            let offer = m.offer("maps").unwrap();
            assert!(offer.auto_renew());
            anniversaries.push(offer.anniversary());
            renewal_days.push(day);
            let ev = policy.evaluate(&m, day);
            assert_eq!(ev.offers[0].phase, Phase::Active);
            assert!(ev.offers[0].benefits);
        }
        day = day.succ_opt().unwrap();
    }
    (anniversaries, renewal_days)
}

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
    .map(|t| mpn_renewals::calendar::parse_date(t).unwrap())
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
    .map(|t| mpn_renewals::calendar::parse_date(t).unwrap())
    .collect();
    assert_eq!(days, renewed);
}

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
    .map(|t| mpn_renewals::calendar::parse_date(t).unwrap())
    .collect();
    assert_eq!(anniversaries, expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Catches a renewal that moves the anniversary by a calendar year
    /// instead of 365 days (W5), a first anniversary off W1/D1, an
    /// auto-renewal reminder on the wrong day or missing (A1), a renewal
    /// that leaves auto-renewal off (A2), and a day without benefits in an
    /// offer renewed on time (W4).
    #[test]
    fn prop_ten_years_of_renewals_keep_benefits_and_follow_w5(bought in strategies::recent_day()) {
        let (anniversaries, days) = ten_years(bought, 10);
        prop_assert_eq!(Some(anniversaries[0]), same_day_next_year(bought));
        for pair in anniversaries.windows(2) {
            prop_assert_eq!(Some(pair[1]), plus(pair[0], 365));
        }
        for (anniversary, renewed) in anniversaries.iter().zip(&days) {
            prop_assert_eq!(Some(*renewed), anniversary.succ_opt());
        }
    }
}

// ---------------------------------------------------------------------------
// (c) timeline agrees with evaluate run on every day
// ---------------------------------------------------------------------------

/// The property of (c) for one membership and range.
fn check_timeline(
    rules: &Subject,
    m: &Membership,
    from: NaiveDate,
    length: u64,
) -> Result<(), TestCaseError> {
    let to = plus(from, length).unwrap_or(NaiveDate::MAX);
    let events = rules.timeline(m, from, to);
    for pair in events.windows(2) {
        prop_assert!(pair[0].date <= pair[1].date, "out of order: {:?}", pair);
    }
    prop_assert!(events.iter().all(|e| from <= e.date && e.date <= to));
    let actual = by_date(&events);

    let mut expected: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    let mut before = from.pred_opt().map(|d| rules.evaluate(m, d));
    let mut day = from;
    loop {
        let now = rules.evaluate(m, day);
        let mut list: Vec<String> = expected_events(before.as_ref(), &now)
            .iter()
            .map(|k| format!("{k:?}"))
            .collect();
        if !list.is_empty() {
            list.sort();
            expected.insert(day, list);
        }
        before = Some(now);
        match day.succ_opt() {
            Some(next) if next <= to => day = next,
            _ => break,
        }
    }
    prop_assert_eq!(actual, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Catches a `next_change` that skips a day on which something changes
    /// (the timeline jumps from change to change), an event on a day where
    /// nothing changed, a missed phase change, reminder, opening or
    /// closing, a missing PolicyChanged, and events out of date order.
    #[test]
    fn prop_timeline_agrees_with_evaluate_on_every_day(
        (m, from) in strategies::membership_and_day(),
        rules in rules(),
        length in 0u64..=400,
    ) {
        check_timeline(&rules, &m, from, length)?;
    }

    /// The same where reactivation and override periods open and close
    /// (E1, E2, E5).
    #[test]
    fn prop_timeline_agrees_with_evaluate_under_the_extensions(
        (m, from) in covid_membership_and_day(),
        rules in rules(),
        length in 0u64..=400,
    ) {
        check_timeline(&rules, &m, from, length)?;
    }
}

// ---------------------------------------------------------------------------
// (d) reminders_between over adjacent spans
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    /// Catches a span that drops or repeats a reminder at its ends
    /// (`(a, b] ++ (b, c] != (a, c]`), a reminder missed by jumping over its
    /// day, a key that does not name the offer, kind and anniversary, and a
    /// key due twice.
    #[test]
    fn prop_reminders_between_adjacent_spans_neither_repeat_nor_drop(
        (m, a) in strategies::membership_and_day(),
        rules in rules(),
        first in 0u64..=400,
        second in 0u64..=400,
    ) {
        let b = plus(a, first).unwrap_or(NaiveDate::MAX);
        let c = plus(b, second).unwrap_or(NaiveDate::MAX);
        let whole = rules.reminders_between(&m, a, c);
        let mut joined = rules.reminders_between(&m, a, b);
        joined.extend(rules.reminders_between(&m, b, c));
        prop_assert_eq!(&joined, &whole);

        // The same as evaluate run on every day of (a, c].
        let mut daily = Vec::new();
        let mut day = a;
        while let Some(next) = day.succ_opt().filter(|next| *next <= c) {
            day = next;
            for reminder in rules.evaluate(&m, day).reminders {
                let anniversary = m.offer(reminder.offer).unwrap().anniversary();
                daily.push(DueReminder {
                    date: day,
                    reminder,
                    key: ReminderKey { offer: reminder.offer, kind: reminder.kind, anniversary },
                });
            }
        }
        prop_assert_eq!(&whole, &daily);

        // The membership does not change, so no key is due twice.
        let mut seen = HashSet::new();
        for due in &whole {
            prop_assert!(seen.insert(due.key), "key {} due twice", due.key);
            prop_assert_eq!(due.key.to_string(), format!(
                "{}/{}/{}", due.reminder.offer, due.reminder.kind.as_str(), due.key.anniversary
            ));
        }
    }
}

#[test]
fn reminders_between_a_service_that_missed_days_or_ran_twice() {
    // maps: anniversary 2019-09-01, auto-renewal off. N1 2019-08-17, N2
    // 2019-09-24, lapse notice 2019-10-02 (W6, N5).
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack("maps", ymd(2018, 9, 1)).auto_renew(false))
        .build()
        .unwrap();
    let policy = Policy::partner_center_2020();
    // Missed August to October: all three, once each.
    let caught_up: Vec<_> = policy
        .reminders_between(&m, ymd(2019, 7, 31), ymd(2019, 10, 31))
        .iter()
        .map(|r| (r.date, r.key.to_string()))
        .collect();
    assert_eq!(
        caught_up,
        [
            (
                ymd(2019, 8, 17),
                "maps/upcoming_anniversary/2019-09-01".to_owned()
            ),
            (
                ymd(2019, 9, 24),
                "maps/window_closing/2019-09-01".to_owned()
            ),
            (ymd(2019, 10, 2), "maps/benefits_lost/2019-09-01".to_owned()),
        ]
    );
    // Ran twice on 2019-09-24: the second run, over (2019-09-24, 2019-09-24],
    // sends nothing.
    assert_eq!(
        policy
            .reminders_between(&m, ymd(2019, 9, 23), ymd(2019, 9, 24))
            .len(),
        1
    );
    assert!(policy
        .reminders_between(&m, ymd(2019, 9, 24), ymd(2019, 9, 24))
        .is_empty());
    // An empty or reversed span has none.
    assert!(policy
        .reminders_between(&m, ymd(2019, 10, 31), ymd(2019, 7, 31))
        .is_empty());
}

#[test]
fn timeline_of_an_action_pack_worked_out_by_hand() {
    // maps: bought 2018-09-01, anniversary 2019-09-01, auto-renewal off.
    // 2019-08-17 (N1, 1 September - 15): upcoming_anniversary.
    // 2019-09-02 (W2): active -> renewal_window, renew opens.
    // 2019-09-24 (N2, + 23): window_closing.
    // 2019-10-02 (W6, 1 September + 31): renewal_window -> lapsed; renew
    // closes (window_closed); request_cancellation closes (no longer listed,
    // A3); buying an Action Pack opens (no longer held, M4); benefits_lost.
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack("maps", ymd(2018, 9, 1)).auto_renew(false))
        .build()
        .unwrap();
    let events = mpn_renewals::timeline(&m, ymd(2019, 8, 1), ymd(2019, 10, 31));
    let reminder = |kind| {
        format!(
            "{:?}",
            EventKind::Reminder {
                reminder: mpn_renewals::evaluation::Reminder {
                    kind,
                    offer: "maps",
                    recipients: mpn_renewals::evaluation::Recipient::ALL,
                    extension: None,
                },
            }
        )
    };
    let renew = Action::Renew { offer: "maps" };
    let mut lapse = vec![
        format!(
            "{:?}",
            EventKind::PhaseChanged {
                offer: "maps",
                from: Phase::RenewalWindow,
                to: Phase::Lapsed
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionClosed {
                action: renew,
                reasons: Reasons::EMPTY.with(mpn_renewals::Reason::WindowClosed),
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionClosed {
                action: Action::RequestCancellation { offer: "maps" },
                reasons: Reasons::EMPTY,
            }
        ),
        format!(
            "{:?}",
            EventKind::ActionOpened {
                action: Action::Purchase {
                    kind: OfferKind::ActionPack,
                    id: None
                },
            }
        ),
        reminder(ReminderKind::BenefitsLost),
    ];
    lapse.sort();
    let mut window = vec![
        format!(
            "{:?}",
            EventKind::PhaseChanged {
                offer: "maps",
                from: Phase::Active,
                to: Phase::RenewalWindow
            }
        ),
        format!("{:?}", EventKind::ActionOpened { action: renew }),
    ];
    window.sort();
    let expected: BTreeMap<NaiveDate, Vec<String>> = [
        (
            ymd(2019, 8, 17),
            vec![reminder(ReminderKind::UpcomingAnniversary)],
        ),
        (ymd(2019, 9, 2), window),
        (
            ymd(2019, 9, 24),
            vec![reminder(ReminderKind::WindowClosing)],
        ),
        (ymd(2019, 10, 2), lapse),
    ]
    .into_iter()
    .collect();
    assert_eq!(by_date(&events), expected);
    assert_eq!(events.len(), 9);

    // An empty or reversed range has no events.
    assert!(mpn_renewals::timeline(&m, ymd(2019, 10, 31), ymd(2019, 8, 1)).is_empty());
    assert!(mpn_renewals::timeline(&m, ymd(2019, 8, 18), ymd(2019, 9, 1)).is_empty());
}

#[cfg(feature = "serde")]
#[test]
fn timeline_events_and_due_reminders_serialize_in_their_documented_form() {
    let m = Membership::builder("contoso")
        .offer(mpn_renewals::OfferDraft::action_pack(
            "maps",
            ymd(2018, 9, 1),
        ))
        .build()
        .unwrap();
    let events = mpn_renewals::timeline(&m, ymd(2019, 9, 2), ymd(2019, 9, 2));
    let json: Vec<serde_json::Value> = events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect();
    // Documented on EventKind.
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "phase_changed", "offer": "maps",
        "from": "active", "to": "renewal_window"
    })));
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "action_opened", "action": "renew", "offer": "maps"
    })));
    assert!(json.contains(&serde_json::json!({
        "date": "2019-09-02", "event": "reminder", "kind": "auto_renewal_due", "offer": "maps",
        "recipients": ["global_admin", "mpn_admin"], "extension": null
    })));
    let due = mpn_renewals::reminders_between(&m, ymd(2019, 9, 1), ymd(2019, 9, 2));
    assert_eq!(
        serde_json::to_value(due[0]).unwrap(),
        serde_json::json!({
            "date": "2019-09-02", "kind": "auto_renewal_due", "offer": "maps",
            "recipients": ["global_admin", "mpn_admin"], "extension": null,
            "key": "maps/auto_renewal_due/2019-09-01"
        })
    );
    // PolicyChanged, under the history.
    let history = PolicySet::partner_center_history();
    let empty = Membership::builder("contoso").build().unwrap();
    let events = history.timeline(&empty, ymd(2022, 10, 1), ymd(2022, 10, 1));
    assert_eq!(
        serde_json::to_value(events[0]).unwrap(),
        serde_json::json!({
            "date": "2022-10-01", "event": "policy_changed",
            "from": "partner-center-2020", "to": "partner-center-2022"
        })
    );
}
