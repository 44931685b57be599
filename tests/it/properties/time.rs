//! Property tests of time: `apply` against `evaluate`, ten years of
//! renewals, `timeline` against a day-by-day run of `evaluate`, and
//! `reminders_between` over adjacent spans. Generated with the crate's own
//! strategies (`mpn_renewals::strategies`, feature `proptest`), under every
//! built-in policy, the opt-in E6 policy and the effective-dated history.
//!
//! Each property names the bug it is there to catch.

use std::collections::{BTreeMap, HashSet};
use std::ops::Bound;

use chrono::{Datelike, NaiveDate};
use mpn_renewals::policy::{FirstAnniversary, RenewalTerm};
use mpn_renewals::time::{DueReminder, Event, EventKind, ReminderKey};
use mpn_renewals::{
    strategies, Action, BusinessProfile, ErrorKind, Evaluation, Membership, Offer, OfferKind,
    Policy, PolicySet, Portal, Reasons, Rules,
};
use proptest::prelude::*;

use crate::common::{by_date, covid_2021, plus, ten_years, ymd};

// ---------------------------------------------------------------------------
// The rules under test: one policy, or an effective-dated set
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Subject {
    One(Policy),
    Set(PolicySet),
}

impl Subject {
    fn evaluate<'a>(&'a self, m: &'a Membership, day: NaiveDate) -> Evaluation<&'a str> {
        match self {
            Subject::One(p) => p.evaluate(m, day),
            Subject::Set(s) => s.evaluate(m, day),
        }
    }

    fn apply(
        &self,
        m: &Membership,
        action: &Action<&str>,
        day: NaiveDate,
    ) -> Result<Membership, ErrorKind> {
        match self {
            Subject::One(p) => p.apply(m, action, day),
            Subject::Set(s) => s.apply(m, action, day),
        }
        .map_err(|err| err.kind().clone())
    }

    fn timeline<'a>(
        &'a self,
        m: &'a Membership,
        span: impl std::ops::RangeBounds<NaiveDate>,
    ) -> Vec<Event<&'a str>> {
        match self {
            Subject::One(p) => p.timeline(m, span),
            Subject::Set(s) => s.timeline(m, span),
        }
    }

    fn reminders_between<'a>(
        &'a self,
        m: &'a Membership,
        span: impl std::ops::RangeBounds<NaiveDate>,
    ) -> Vec<DueReminder<&'a str>> {
        match self {
            Subject::One(p) => p.reminders_between(m, span),
            Subject::Set(s) => s.reminders_between(m, span),
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

/// W1, D1, E4: the same month and day in the next year, 29 February giving
/// 28 February. Written here with chrono's calendar, not the crate's.
fn same_day_next_year(date: NaiveDate) -> Option<NaiveDate> {
    let year = date.year() + 1;
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day() - 1))
}

/// Dates so close to the ends of the calendar that a result may fall
/// outside 0001 ..= 9999 (D4): the only place an allowed action may be
/// refused, with `ErrorKind::DateOutOfRange`.
fn near_calendar_end(date: NaiveDate) -> bool {
    date.year() <= 1 || date.year() >= 9997
}

/// The evaluation's entry for an action: `purchase` is listed without id.
fn listed<'a>(action: &Action<&'a str>) -> Action<&'a str> {
    match action {
        Action::Purchase { kind, .. } => Action::purchase(*kind),
        other => *other,
    }
}

const FRESH: &str = "fresh-id";

/// Every action worth trying on a day: each one the evaluation lists
/// (allowed or blocked; a purchase with a fresh id), and each "only when
/// open" action for every offer, token and the membership.
fn candidates<'a>(m: &'a Membership, ev: &Evaluation<&'a str>) -> Vec<Action<&'a str>> {
    let mut all: Vec<Action<&'a str>> = Vec::new();
    let mut push = |action: Action<&'a str>| {
        let action = match action {
            Action::Purchase { kind, .. } => Action::purchase_as(kind, FRESH),
            other => other,
        };
        if !all.contains(&action) {
            all.push(action);
        }
    };
    for action in ev.allowed.iter().cloned() {
        push(action);
    }
    for blocked in &ev.blocked {
        push(blocked.action);
    }
    for offer in m.offers() {
        let offer = offer.id();
        for action in [
            Action::renew(offer),
            Action::reactivate(offer),
            Action::request_covid_override(offer),
            Action::turn_off_auto_renew(offer),
            Action::request_cancellation(offer),
            Action::download_invoice(offer),
        ] {
            push(action);
        }
    }
    for token in m.tokens() {
        push(Action::request_replacement_token(token.id()));
    }
    for action in [
        Action::UpdateBusinessProfile,
        Action::ProvideVerificationDocuments,
        Action::MigrateToPartnerCenter,
        Action::purchase(OfferKind::ActionPack),
        Action::purchase(OfferKind::LearningActionPack),
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
    ev: &Evaluation<&str>,
    before: &Membership,
    after: &Membership,
    action: &Action<&str>,
    day: NaiveDate,
) -> Result<(), TestCaseError> {
    let policy = rules.policy_on(day);
    match action {
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
            let kind = *kind;
            let id = id.as_deref().unwrap();
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

/// The events of `day` from the evaluations of the day before and of that
/// day, as the wire contract and the issue define them.
fn expected_events<'a>(
    before: Option<&Evaluation<&'a str>>,
    now: &Evaluation<&'a str>,
) -> Vec<EventKind<&'a str>> {
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
                    let again = match &action {
                        Action::Purchase { kind, .. } => Action::purchase_as(*kind, "fresh-2"),
                        other => *other,
                    };
                    let second = rules.apply(&next, &again, day);
                    if matches!(action, Action::DownloadInvoice { .. }) {
                        prop_assert_eq!(second, Ok(next.clone()));
                    } else {
                        prop_assert!(second.is_err(), "{} applied twice on {}", action, day);
                    }
                }
                Err(ErrorKind::DateOutOfRange { .. }) => {
                    let anniversary = match &action {
                        Action::Renew { offer } | Action::Reactivate { offer } => {
                            m.offer(offer).map(|o| o.anniversary())
                        }
                        _ => None,
                    };
                    prop_assert!(
                        near_calendar_end(day) || anniversary.is_some_and(near_calendar_end),
                        "{} on {} refused as out of range",
                        action,
                        day
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
                Err(ErrorKind::Blocked {
                    reasons: blocked.reasons,
                    allowed_from: blocked.allowed_from
                }),
                "{} on {}",
                action,
                day
            );
        } else {
            prop_assert_eq!(result, Err(ErrorKind::NotOpen), "{} on {}", action, day);
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

    /// The same on the days at and beyond the ends of the calendar, where
    /// an allowed action may be refused only as out of range (D4).
    #[test]
    fn d4_prop_apply_succeeds_iff_evaluate_allows_at_the_ends_of_the_calendar(
        m in strategies::membership(),
        rules in rules(),
        day in prop_oneof![
            Just(NaiveDate::MIN),
            Just(NaiveDate::MAX),
            Just(ymd(0, 12, 31)),
            strategies::day_between(ymd(1, 1, 1), ymd(1, 6, 30)),
            strategies::day_between(ymd(9996, 6, 1), ymd(9999, 12, 31)),
        ],
    ) {
        check_apply(&rules, &m, day)?;
    }
}

// ---------------------------------------------------------------------------
// (b) ten years of renewals
// ---------------------------------------------------------------------------

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
    let events = rules.timeline(m, from..=to);
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
        let whole = rules.reminders_between(&m, (Bound::Excluded(a), Bound::Included(c)));
        let mut joined = rules.reminders_between(&m, (Bound::Excluded(a), Bound::Included(b)));
        joined.extend(rules.reminders_between(&m, (Bound::Excluded(b), Bound::Included(c))));
        prop_assert_eq!(&joined, &whole);

        // The same as evaluate run on every day of (a, c].
        let mut daily = Vec::new();
        let mut day = a;
        while let Some(next) = day.succ_opt().filter(|next| *next <= c) {
            day = next;
            for reminder in rules.evaluate(&m, day).reminders {
                let anniversary = m.offer(reminder.offer).unwrap().anniversary();
                let key = ReminderKey {
                    offer: reminder.offer,
                    kind: reminder.kind,
                    anniversary,
                };
                daily.push(DueReminder { date: day, reminder, key });
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
