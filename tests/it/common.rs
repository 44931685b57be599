//! Helpers shared by the tests: date literals, the golden cases, memberships
//! and actions built in one line, and the checks that compare what `apply`
//! does with what `evaluate` says. The two other test binaries
//! (`tests/command.rs`, `tests/no_alloc.rs`) include this file too.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Days, NaiveDate};
use mpn_renewals::evaluation::{ReminderKind, RenewalWindow};
use mpn_renewals::policy::ExtensionPolicy;
use mpn_renewals::time::Event;
use mpn_renewals::{
    apply, evaluate, Action, CompetencyLevel, ErrorKind, Evaluation, Membership, MembershipBuilder,
    OfferDraft, OfferKind, Phase, Policy, Reason, Reasons, Rules, Text,
};
use serde_json::Value;

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// `YYYY-MM-DD` to a date, for test literals: `d("2019-09-01")`.
pub fn d(text: &str) -> NaiveDate {
    mpn_renewals::calendar::parse_date(text).unwrap_or_else(|| panic!("bad test date {text}"))
}

/// A date from its year, month and day, for dates computed in a test.
pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// `days` days after `day`, if the calendar has it.
pub fn plus(day: NaiveDate, days: u64) -> Option<NaiveDate> {
    day.checked_add_days(Days::new(days))
}

// ---------------------------------------------------------------------------
// Golden cases and evaluations as JSON
// ---------------------------------------------------------------------------

/// The folder of the golden cases, shipped with the crate: the worked
/// examples of the source documents, each a membership, a day and the
/// expected evaluation.
pub fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cases")
}

/// Every golden case: (file name, parsed JSON), sorted by name.
pub fn golden_cases() -> Vec<(String, Value)> {
    let mut cases: Vec<(String, Value)> = std::fs::read_dir(cases_dir())
        .expect("tests/data/cases is readable")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, serde_json::from_str(&text).unwrap())
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// The evaluation with `allowed`, `blocked`, `reminders` and every `reasons`
/// sorted, since the wire contract makes them sets.
pub fn normalize(mut evaluation: Value) -> Value {
    for key in ["allowed", "blocked", "reminders"] {
        if let Some(Value::Array(items)) = evaluation.get_mut(key) {
            for item in items.iter_mut() {
                if let Some(Value::Array(reasons)) = item.get_mut("reasons") {
                    reasons.sort_by_key(|r| r.to_string());
                }
            }
            items.sort_by_key(|item| item.to_string());
        }
    }
    evaluation
}

/// The ```json blocks of a Markdown file, in order.
pub fn json_blocks(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.split("```json\n")
        .skip(1)
        .map(|block| serde_json::from_str(block.split("```").next().unwrap()).unwrap())
        .collect()
}

/// The crate's docs (`src/lib.rs`) with the `//!` markers and line breaks
/// removed.
pub fn crate_docs() -> String {
    include_str!("../../src/lib.rs")
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("//!"))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// Memberships and offers
// ---------------------------------------------------------------------------

pub fn build(builder: MembershipBuilder) -> Membership {
    builder.build().unwrap()
}

/// A network member in Partner Center with a current profile and these offers.
pub fn member(offers: impl IntoIterator<Item = OfferDraft>) -> Membership {
    with(Membership::builder("contoso"), offers)
}

/// The membership of `builder` with these offers added.
pub fn with(
    builder: MembershipBuilder,
    offers: impl IntoIterator<Item = OfferDraft>,
) -> Membership {
    offers
        .into_iter()
        .fold(builder, MembershipBuilder::offer)
        .build()
        .unwrap()
}

/// A membership of one Action Pack bought on `purchased` (W1: its
/// anniversary is the same day a year later; A1: auto-renewal on).
pub fn action_pack(id: &str, purchased: &str) -> Membership {
    member([OfferDraft::action_pack(id, d(purchased))])
}

/// The Action Pack of the rules catalogue W1/W2: bought 2018-09-01, so (W1) its
/// anniversary is 2019-09-01, its window (D3) 2019-09-02 ..= 2019-10-01
/// (1 September + 30 days: September has 30 days, so 1 October), and it
/// lapses (W6) on 2019-10-02. N1: 2019-08-17; N2: 2019-09-24.
pub fn maps() -> OfferDraft {
    OfferDraft::action_pack("maps", d("2018-09-01"))
}

/// An Action Pack with an explicit anniversary, bought a year before it.
pub fn pack(id: &str, purchased: &str, anniversary: &str) -> OfferDraft {
    OfferDraft::action_pack(id, d(purchased)).anniversary(d(anniversary))
}

/// A competency with the given anniversary (bought long before it).
pub fn competency(
    id: &str,
    level: CompetencyLevel,
    anniversary: &str,
    performance_met: bool,
    exams_validated: bool,
) -> OfferDraft {
    OfferDraft::competency(id, level, "Cloud Platform", d("2015-01-01"))
        .anniversary(d(anniversary))
        .performance_met(performance_met)
        .exams_validated(exams_validated)
}

/// A gold competency in "Cloud Platform" with this anniversary, bought long
/// before, with both P1 requirements set to `met`.
pub fn gold(id: &str, anniversary: &str, met: bool) -> OfferDraft {
    competency(id, CompetencyLevel::Gold, anniversary, met, met)
}

/// A gold competency in `area` with this anniversary, bought long before,
/// with neither P1 requirement met.
pub fn unmet_gold(id: &str, area: &str, anniversary: &str) -> OfferDraft {
    OfferDraft::competency(id, CompetencyLevel::Gold, area, d("2015-01-01"))
        .anniversary(d(anniversary))
        .performance_met(false)
        .exams_validated(false)
}

// ---------------------------------------------------------------------------
// Actions and reasons
// ---------------------------------------------------------------------------

pub fn renew(offer: &str) -> Action<&str> {
    Action::renew(offer)
}

pub fn purchase(kind: OfferKind) -> Action<&'static str> {
    Action::purchase(kind)
}

pub fn reactivate(offer: &str) -> Action<&str> {
    Action::reactivate(offer)
}

pub fn override_(offer: &str) -> Action<&str> {
    Action::request_covid_override(offer)
}

pub fn set(reasons: &[Reason]) -> Reasons {
    reasons.iter().copied().collect()
}

// ---------------------------------------------------------------------------
// What `evaluate` says
// ---------------------------------------------------------------------------

/// The reasons of a blocked action; fails if the action is open or unlisted.
pub fn reasons(evaluation: &Evaluation<&str>, action: &Action<impl Text>) -> Reasons {
    assert!(
        !evaluation.is_allowed(action),
        "{action:?} is allowed on {}",
        evaluation.today
    );
    evaluation
        .blocked(action)
        .unwrap_or_else(|| panic!("{action:?} is not listed on {}", evaluation.today))
        .reasons
}

pub fn allowed_from(
    evaluation: &Evaluation<&str>,
    action: &Action<impl Text>,
) -> Option<NaiveDate> {
    evaluation.blocked(action).unwrap().allowed_from
}

pub fn assert_open(evaluation: &Evaluation<&str>, action: &Action<impl Text>) {
    assert!(
        evaluation.is_allowed(action),
        "{action:?} is not allowed on {}: {:?}",
        evaluation.today,
        evaluation.blocked(action)
    );
    assert!(evaluation.blocked(action).is_none());
}

pub fn assert_unlisted(evaluation: &Evaluation<&str>, action: &Action<impl Text>) {
    assert!(
        !evaluation.is_allowed(action),
        "{action:?} is allowed on {}",
        evaluation.today
    );
    assert!(
        evaluation.blocked(action).is_none(),
        "{action:?} is blocked on {}",
        evaluation.today
    );
}

/// `allowed` is exactly `expected`, as a set.
pub fn assert_allowed_exactly(evaluation: &Evaluation<&str>, expected: &[Action<impl Text>]) {
    assert_eq!(
        evaluation.allowed.len(),
        expected.len(),
        "{:?}",
        evaluation.allowed
    );
    for action in expected {
        assert!(evaluation.is_allowed(action), "{action:?} missing");
    }
}

/// The reminders due, as (kind, offer).
pub fn reminders(evaluation: &Evaluation<&str>) -> Vec<(ReminderKind, String)> {
    evaluation
        .reminders
        .iter()
        .map(|r| (r.kind, r.offer.to_string()))
        .collect()
}

pub fn one(kind: ReminderKind, offer: &str) -> Vec<(ReminderKind, String)> {
    vec![(kind, offer.to_owned())]
}

pub fn window(opens: &str, closes: &str) -> RenewalWindow {
    RenewalWindow {
        opens: d(opens),
        closes: d(closes),
    }
}

// ---------------------------------------------------------------------------
// What `apply` does
// ---------------------------------------------------------------------------

/// `apply` succeeded; the input is unchanged.
pub fn applied(membership: &Membership, action: Action<impl Text>, on: &str) -> Membership {
    let before = membership.clone();
    let result = apply(membership, &action, d(on));
    assert_eq!(membership, &before, "the input must never change");
    result.unwrap_or_else(|denied| panic!("{action} on {on} was denied: {denied:?}"))
}

/// `apply` refused; the input is unchanged.
pub fn denied(membership: &Membership, action: Action<impl Text>, on: &str) -> ErrorKind {
    let before = membership.clone();
    let result = apply(membership, &action, d(on));
    assert_eq!(membership, &before, "the input must never change");
    match result {
        Ok(_) => panic!("{action} on {on} was allowed"),
        Err(denied) => denied.kind().clone(),
    }
}

/// `apply` refused with `Blocked { reasons, allowed_from }`, and these are
/// exactly the reasons and date that `evaluate` lists for the action.
pub fn assert_blocked(
    membership: &Membership,
    action: Action<impl Text>,
    on: &str,
    reasons: &[Reason],
    allowed_from: Option<&str>,
) {
    let expected = ErrorKind::Blocked {
        reasons: set(reasons),
        allowed_from: allowed_from.map(d),
    };
    assert_eq!(
        denied(membership, action.clone(), on),
        expected,
        "{action} on {on}"
    );
    let listed = match action.as_borrowed() {
        Action::Purchase { kind, .. } => Action::purchase(kind),
        other => other,
    };
    let evaluation = evaluate(membership, d(on));
    let blocked = evaluation.blocked(&listed).unwrap();
    assert_eq!(
        ErrorKind::Blocked {
            reasons: blocked.reasons,
            allowed_from: blocked.allowed_from
        },
        expected
    );
}

/// `apply` refused with `NotOpen`, and the evaluation does not list the
/// action at all (the wire contract: "only when open").
pub fn assert_not_open(membership: &Membership, action: Action<impl Text>, on: &str) {
    assert_eq!(
        denied(membership, action.clone(), on),
        ErrorKind::NotOpen,
        "{action}"
    );
    let evaluation = evaluate(membership, d(on));
    assert!(!evaluation.is_allowed(&action));
    assert!(evaluation.blocked(&action).is_none());
}

/// From a purchase of an Action Pack on `bought` under partner-center-2020,
/// applies `renew` on every day the automatic renewal is due (A1), checking
/// every day that benefits hold (W4). Returns the anniversaries after the
/// purchase and after each of `renewals` renewals, and the renewal days.
pub fn ten_years(bought: NaiveDate, renewals: usize) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let policy = Policy::partner_center_2020();
    let empty = Membership::builder("contoso").build().unwrap();
    let purchase = Action::purchase_as(OfferKind::ActionPack, "maps");
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
            m = policy.apply(&m, &Action::renew("maps"), day).unwrap();
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

/// Events as comparable text, grouped by date.
pub fn by_date(events: &[Event<&str>]) -> BTreeMap<NaiveDate, Vec<String>> {
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

// ---------------------------------------------------------------------------
// Policies
// ---------------------------------------------------------------------------

pub fn builtin(name: &str) -> &'static Policy {
    Policy::builtin(name).unwrap()
}

/// partner-center-2020 with the opt-in extension E6.
pub fn covid_2021() -> Policy {
    Policy::partner_center_2020()
        .with_extension(ExtensionPolicy::covid_2021_h1())
        .unwrap()
        .with_name("partner-center-2020-covid-2021")
        .unwrap()
}

/// The anniversary of the offer that `action` (a renewal or a
/// reactivation) renews, after `policy` applies it on `on`.
pub fn anniversary_after(
    policy: &Policy,
    m: &Membership,
    action: Action<impl Text>,
    on: &str,
) -> NaiveDate {
    let offer = match &action {
        Action::Renew { offer } | Action::Reactivate { offer } => offer.as_ref().to_owned(),
        _ => panic!("not a renewal"),
    };
    policy
        .apply(m, &action, d(on))
        .unwrap_or_else(|e| panic!("{action} on {on}: {e:?}"))
        .offer(&offer)
        .unwrap()
        .anniversary()
}

/// A policy like partner-center-2020 but with the Partner Center window
/// `anniversary+opens ..= anniversary+30`, and no extensions.
#[cfg(feature = "serde")]
pub fn window_from(name: &str, opens: i16) -> Policy {
    window_between(name, opens, 30)
}

/// A policy like partner-center-2020 but with the Partner Center window
/// `anniversary+opens ..= anniversary+closes`, and no extensions.
#[cfg(feature = "serde")]
pub fn window_between(name: &str, opens: i16, closes: i16) -> Policy {
    serde_json::from_value(serde_json::json!({
        "name": name,
        "windows": {"partner_center": {"opens": opens, "closes": closes},
                    "pmc": {"opens": -90, "closes": 0}},
        "first_anniversary": "same_day_next_year",
        "renewal_term": {"days_after_anniversary": 365},
        "reminders": {"upcoming": -15, "window_closing": 23}
    }))
    .unwrap()
}

/// A valid policy (partner-center-2020) in its serde form, to break.
#[cfg(feature = "serde")]
pub fn good() -> Value {
    serde_json::to_value(Policy::partner_center_2020()).unwrap()
}

/// The error of loading `value` as a `Policy`, as serde_json shows it.
#[cfg(feature = "serde")]
pub fn policy_error(value: &Value) -> String {
    let text = value.to_string();
    match serde_json::from_str::<Policy>(&text) {
        Ok(policy) => panic!("accepted: {policy:?}"),
        Err(err) => err.to_string(),
    }
}

pub fn assert_mentions(err: &str, parts: &[&str]) {
    for part in parts {
        assert!(err.contains(part), "`{err}` does not mention `{part}`");
    }
}

// ---------------------------------------------------------------------------
// The membership's serde form
// ---------------------------------------------------------------------------

/// A membership of account `c` with these offers.
pub fn with_offers(offers: Value) -> Value {
    serde_json::json!({"account": "c", "offers": offers})
}

/// The message of a membership refused by serde_json. `from_value` carries
/// no line and column, so this is exactly the crate error's `Display` for
/// the crate's own refusals.
#[cfg(feature = "serde")]
pub fn json_error(value: Value) -> String {
    match serde_json::from_value::<Membership>(value) {
        Ok(membership) => panic!("accepted: {membership:?}"),
        Err(err) => err.to_string(),
    }
}
