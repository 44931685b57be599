//! The renew decision of `mpn_renewals`, made two ways on the same inputs:
//!
//! - [`ours`]: `mpn_renewals::evaluate`, reading the offer's phase and the
//!   reasons that block `renew` out of the evaluation;
//! - [`zen`]: the same decision written as a GoRules JDM
//!   (`decisions/renew.json`: a `first` decision table for the phase, a
//!   `collect` decision table for the reasons) and run by `zen-engine`.
//!
//! [`cases`] builds a fixed, seeded set of one-offer memberships and days;
//! the test `tests/same_answers.rs` and the bench `benches/versus_zen.rs`
//! check that both ways answer the same on every one of them.
//!
//! The facts fed to the JDM ([`facts`]) are computed here from the
//! membership's public accessors, not from the crate's evaluation: the
//! window's bounds from the anniversary and the portal (Partner Center
//! `anniversary+1 ..= anniversary+30`, PMC `anniversary-90 ..= anniversary`),
//! and `waived` from the anniversary ranges of the two extensions of
//! `partner-center-2020` (E1 2020-01-01 ..= 2020-06-30, E2 2020-07-01 ..=
//! 2020-12-31, competencies only, no excluded area) and the portal (P3).
//! So a disagreement points at a bug in one of the two encodings of the
//! rules, not at a shared computation.

use chrono::{Datelike, NaiveDate};
use mpn_renewals::{
    evaluate, Action, BusinessProfile, CompetencyLevel, Membership, OfferDraft, OfferKind, Phase,
    Portal,
};
use serde_json::json;
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine, Variable};

/// The JDM of the decision, as stored in `decisions/renew.json`.
pub const RENEW_JDM: &str = include_str!("../decisions/renew.json");

/// How many cases [`cases`] builds.
pub const CASE_COUNT: usize = 1000;

/// The seed of [`cases`].
pub const SEED: u64 = 0x6d70_6e5f_7265_6e65; // "mpn_rene"

/// One input: a membership with one offer, and the day it is evaluated on.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its index in [`cases`].
    pub index: usize,
    /// The membership (one offer).
    pub membership: Membership,
    /// The day evaluated.
    pub today: NaiveDate,
}

/// An answer: the offer's phase, and the reasons that block `renew` for it
/// (sorted; empty when `renew` is open), by their wire names.
pub type Answer = (String, Vec<String>);

/// The phase's wire name.
pub fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Active => "active",
        Phase::RenewalWindow => "renewal_window",
        Phase::Lapsed => "lapsed",
        Phase::Cancelled => "cancelled",
    }
}

/// The decision made by `mpn_renewals::evaluate` (policy
/// `partner-center-2020`).
/// The same decision as [`ours`], in the crate's own typed terms: the phase
/// and the set of reasons (a bit set), as a caller of the crate reads them.
/// This is what the bench times as `ours_typed`; [`ours`] turns it into
/// strings only to compare with zen's JSON.
pub fn ours_typed(case: &Case) -> (mpn_renewals::Phase, mpn_renewals::Reasons) {
    let evaluation = evaluate(&case.membership, case.today);
    let Some(status) = evaluation.offers.first() else {
        panic!("case {}: no offer in the evaluation", case.index);
    };
    let reasons = evaluation
        .blocked(&Action::Renew { offer: status.id })
        .map_or(mpn_renewals::Reasons::EMPTY, |blocked| blocked.reasons);
    (status.phase, reasons)
}

pub fn ours(case: &Case) -> Answer {
    let evaluation = evaluate(&case.membership, case.today);
    let Some(status) = evaluation.offers.first() else {
        panic!("case {}: no offer in the evaluation", case.index);
    };
    let mut reasons: Vec<String> = evaluation
        .blocked(&Action::Renew { offer: status.id })
        .map(|blocked| {
            blocked
                .reasons
                .iter()
                .map(|reason| reason.as_str().to_owned())
                .collect()
        })
        .unwrap_or_default();
    reasons.sort_unstable();
    (phase_name(status.phase).to_owned(), reasons)
}

/// The JDM loaded once into zen-engine, precompiled, with the runtime its
/// async API runs on (a current-thread tokio runtime: no thread hand-off).
pub struct Zen {
    runtime: tokio::runtime::Runtime,
    decision: Decision,
}

impl std::fmt::Debug for Zen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Zen").finish_non_exhaustive()
    }
}

impl Zen {
    /// Parses `decisions/renew.json`, creates the decision on a default
    /// `DecisionEngine` and precompiles it (expressions and table indexes).
    pub fn new() -> Zen {
        let content: DecisionContent =
            serde_json::from_str(RENEW_JDM).expect("decisions/renew.json is a valid JDM");
        let engine = DecisionEngine::default();
        let mut decision = engine
            .create_decision(content.into())
            .expect("decisions/renew.json is a decision graph");
        decision.validate().expect("decisions/renew.json validates");
        decision.compile();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread tokio runtime");
        Zen { runtime, decision }
    }

    /// Evaluates the JDM on one input and reads the answer out of its result.
    pub fn decide(&self, input: Variable) -> Answer {
        let response = self
            .runtime
            .block_on(self.decision.evaluate(input))
            .unwrap_or_else(|error| panic!("zen-engine failed: {error:?}"));
        read_answer(&response.result)
    }
}

impl Default for Zen {
    fn default() -> Self {
        Zen::new()
    }
}

/// Reads `{"phase": "...", "renew_blocked_by": [{"reason": "..."}, ...]}`.
fn read_answer(result: &Variable) -> Answer {
    let phase = result
        .dot("phase")
        .and_then(|phase| phase.as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("the JDM gave no phase: {}", result.to_value()));
    let mut reasons: Vec<String> = match result.dot("renew_blocked_by") {
        Some(rows) => {
            let rows = rows.as_array().unwrap_or_else(|| {
                panic!("renew_blocked_by is not an array: {}", result.to_value())
            });
            let rows = rows.borrow();
            rows.iter()
                .map(|row| {
                    row.dot("reason")
                        .and_then(|reason| reason.as_str().map(str::to_owned))
                        .unwrap_or_else(|| panic!("a row without a reason: {}", result.to_value()))
                })
                .collect()
        }
        None => Vec::new(),
    };
    reasons.sort_unstable();
    (phase, reasons)
}

/// The decision made by the JDM in zen-engine: the case's facts are turned
/// into the JDM's input, evaluated, and the answer read out.
pub fn zen(engine: &Zen, case: &Case) -> Answer {
    engine.decide(facts(case).into())
}

/// The input of the JDM for one case: day numbers (`num_days_from_ce`) and
/// flags.
pub fn facts(case: &Case) -> serde_json::Value {
    let membership = &case.membership;
    let Some(offer) = membership.offers().first() else {
        panic!("case {}: no offer", case.index);
    };
    let anniversary = offer.anniversary();
    let day = |date: NaiveDate| i64::from(date.num_days_from_ce());
    let anniversary_day = day(anniversary);
    let partner_center = membership.portal() == Portal::PartnerCenter;
    // W2, W3 (Partner Center) and P4 (PMC).
    let (opens, closes) = if partner_center {
        (anniversary_day + 1, anniversary_day + 30)
    } else {
        (anniversary_day - 90, anniversary_day)
    };
    let competency = offer.kind().is_competency();
    // E1, E2: covid-2020-h1 and covid-2020-h2 together cover the
    // competencies whose anniversary falls in 2020; their effects hold only
    // in Partner Center (P3).
    let covered = competency && anniversary.year() == 2020;
    let waived = covered && partner_center;
    let profile = match membership.business_profile() {
        BusinessProfile::Current => "current",
        BusinessProfile::NeedsReview => "needs_review",
        BusinessProfile::PendingVerification => "pending_verification",
    };
    json!({
        "today": day(case.today),
        "opens": opens,
        "closes": closes,
        "cancelled": offer.cancelled(),
        "competency": competency,
        "performance_met": offer.performance_met(),
        "exams_validated": offer.exams_validated(),
        "waived": waived,
        "profile": profile,
        "network_member": membership.network_member(),
        // G2: with one offer, no other pack can outrank it.
        "outranked": false,
    })
}

/// SplitMix64: a small, fixed PRNG, so the cases are the same on every
/// machine and every run.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// An integer in `low..=high`.
    pub fn range(&mut self, low: i64, high: i64) -> i64 {
        low + self.below((high - low + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

const AREAS: &[&str] = &[
    "Cloud Platform",
    "Data Analytics",
    "Modern Workplace",
    "Cloud Business Applications",
    "Security",
];

/// Days relative to the anniversary around which the rules flip (both
/// portals' window bounds, and the extension boundaries nearby).
const BOUNDARY_OFFSETS: &[i64] = &[-91, -90, -89, -16, -15, -1, 0, 1, 2, 23, 29, 30, 31, 32];

/// The fixed, seeded set of [`CASE_COUNT`] one-offer memberships and days:
/// both portals, every offer kind, every phase, every business profile,
/// members and not, cancelled and not, requirements met or not, and
/// anniversaries inside and outside the 2020 extensions, with `today` often
/// on a boundary of a window.
pub fn cases() -> Vec<Case> {
    let mut rng = Rng::new(SEED);
    (0..CASE_COUNT).map(|index| case(&mut rng, index)).collect()
}

fn case(rng: &mut Rng, index: usize) -> Case {
    let base = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a date");
    // Anniversaries from 2019-01-01 to 2021-12-31, a third of them in 2020
    // or on its edges (the extensions' range).
    let anniversary = match rng.below(3) {
        0 => base + chrono::Duration::days(rng.range(0, 1095)),
        1 => base + chrono::Duration::days(rng.range(365, 730)),
        _ => *rng.pick(&[
            NaiveDate::from_ymd_opt(2019, 12, 31).expect("a date"),
            NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date"),
            NaiveDate::from_ymd_opt(2020, 6, 30).expect("a date"),
            NaiveDate::from_ymd_opt(2020, 7, 1).expect("a date"),
            NaiveDate::from_ymd_opt(2020, 12, 31).expect("a date"),
            NaiveDate::from_ymd_opt(2021, 1, 1).expect("a date"),
            NaiveDate::from_ymd_opt(2020, 2, 29).expect("a date"),
        ]),
    };
    let kind = *rng.pick(&OfferKind::ALL);
    let id = format!("offer-{index}");
    // Half of the offers are on their first anniversary, left to the
    // default (W1, D1: the same day a year after the purchase); half were
    // renewed before and state their anniversary, years after the purchase.
    let default_purchase = NaiveDate::from_ymd_opt(
        anniversary.year() - 1,
        anniversary.month(),
        anniversary.day(),
    );
    let (purchased, explicit) = match default_purchase {
        Some(purchased) if rng.chance(50) => (purchased, false),
        // 29 February has no day a year before: state it.
        _ => (
            anniversary - chrono::Duration::days(rng.range(366, 1500)),
            true,
        ),
    };
    let mut draft = match kind {
        OfferKind::ActionPack => OfferDraft::action_pack(&id, purchased).auto_renew(rng.chance(50)),
        OfferKind::LearningActionPack => OfferDraft::learning_action_pack(&id, purchased),
        OfferKind::SilverCompetency | OfferKind::GoldCompetency => {
            let level = if kind == OfferKind::GoldCompetency {
                CompetencyLevel::Gold
            } else {
                CompetencyLevel::Silver
            };
            OfferDraft::competency(&id, level, *rng.pick(AREAS), purchased)
                .performance_met(rng.chance(50))
                .exams_validated(rng.chance(50))
        }
    };
    if explicit {
        draft = draft.anniversary(anniversary);
    }
    draft = draft.cancelled(rng.chance(15));
    let portal = if rng.chance(50) {
        Portal::PartnerCenter
    } else {
        Portal::Pmc
    };
    let profile = match rng.below(10) {
        0..=5 => BusinessProfile::Current,
        6 | 7 => BusinessProfile::NeedsReview,
        _ => BusinessProfile::PendingVerification,
    };
    let membership = Membership::builder(format!("account-{index}"))
        .network_member(rng.chance(85))
        .portal(portal)
        .business_profile(profile)
        .offer(draft)
        .build()
        .unwrap_or_else(|error| panic!("case {index}: invalid membership: {error}"));
    // `today`: on a boundary, near the anniversary, or anywhere within a
    // year and a half of it.
    let offset = match rng.below(3) {
        0 => *rng.pick(BOUNDARY_OFFSETS),
        1 => rng.range(-120, 60),
        _ => rng.range(-400, 500),
    };
    // Relative to the anniversary the membership holds (the default one
    // where none was stated).
    let anniversary = membership.offers()[0].anniversary();
    let today = anniversary + chrono::Duration::days(offset);
    Case {
        index,
        membership,
        today,
    }
}

/// A difference between the two ways on one case.
#[derive(Debug, Clone)]
pub struct Difference {
    /// The case's index.
    pub index: usize,
    /// `ours`'s answer.
    pub ours: Answer,
    /// `zen`'s answer.
    pub zen: Answer,
    /// The JDM's input.
    pub facts: serde_json::Value,
    /// The membership, for the record.
    pub membership: String,
    /// The day evaluated.
    pub today: NaiveDate,
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "case {} (today {}): ours {:?}, zen {:?}\n  facts: {}\n  membership: {}",
            self.index, self.today, self.ours, self.zen, self.facts, self.membership
        )
    }
}

/// Every case on which `ours` and `zen` answer differently.
pub fn differences(engine: &Zen, cases: &[Case]) -> Vec<Difference> {
    cases
        .iter()
        .filter_map(|case| {
            let (a, b) = (ours(case), zen(engine, case));
            (a != b).then(|| Difference {
                index: case.index,
                ours: a,
                zen: b,
                facts: facts(case),
                membership: format!("{:?}", case.membership),
                today: case.today,
            })
        })
        .collect()
}

/// Panics with every differing case (the first ten in full) unless both
/// ways give the same answer on every case.
pub fn assert_same_answers(engine: &Zen, cases: &[Case]) {
    let found = differences(engine, cases);
    if !found.is_empty() {
        let shown: Vec<String> = found.iter().take(10).map(ToString::to_string).collect();
        panic!(
            "ours and zen differ on {} of {} cases:\n{}",
            found.len(),
            cases.len(),
            shown.join("\n")
        );
    }
}
