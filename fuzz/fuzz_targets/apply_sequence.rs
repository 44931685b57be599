//! Arbitrary action sequences → `apply`.
//!
//! Input (read from the front with `arbitrary::Unstructured`, so that a seed
//! can be written by hand):
//!
//! - byte 0: the engine whose result the sequence continues from (the free
//!   `apply`, each built-in policy, a COVID policy of `examples/policies/`,
//!   or the built-in history);
//! - byte 1: the starting membership: below 0x80 one of the seed
//!   memberships (`examples/data/` and `fuzz_support::fixed_memberships`),
//!   otherwise the membership JSON at the end of the input;
//! - bytes 2..4: the first day, as an i16 offset (little-endian) from the
//!   first offer's anniversary (or 2020-01-01);
//! - byte 4: the number of steps (modulo 21);
//! - 4 bytes per step: the action kind and day mode, the target, and an i16
//!   day offset;
//! - the rest: the membership JSON (when byte 1 is 0x80 or more).
//!
//! Each step builds the `Action` (every variant; targets from the
//! membership's offers and tokens, or a bogus id) and applies it under every
//! engine: `apply` is `Ok` exactly when the engine's `evaluate` on that day
//! lists the action as allowed (purchases as `Purchase { id: None }`), but
//! for the target errors (`UnknownOffer`, `UnknownToken`, `MissingId`,
//! `IdTaken`, `NotPurchasable`), which must be exactly the ones the target
//! calls for, and `Invalid`, which only a date near the ends of the calendar
//! may cause; `Blocked` carries the evaluation's own reasons and
//! `allowed_from`; `NotOpen` is an action not listed at all. On `Ok` the
//! sequence continues from the new membership.
#![no_main]

use arbitrary::Unstructured;
use chrono::NaiveDate;
use fuzz_support::{
    action_target, check_day, check_membership_round_trip, fixed_memberships, shift, shift_clamped,
    DefaultPolicy, Engine,
};
use libfuzzer_sys::fuzz_target;
use mpn_renewals::{
    Action, BusinessProfile, Denied, Evaluation, Membership, OfferKind, Policy, PolicySet, Portal,
    FIRST_DATE, LAST_DATE,
};

const DATA: &[&str] = &[
    include_str!("../../examples/data/action-pack.json"),
    include_str!("../../examples/data/competency-covid-2020-h1.json"),
    include_str!("../../examples/data/competency-covid-2020-h2.json"),
    include_str!("../../examples/data/contoso.json"),
    include_str!("../../examples/data/learning-action-pack.json"),
    include_str!("../../examples/data/merged-action-packs.json"),
    include_str!("../../examples/data/pmc.json"),
    include_str!("../../examples/data/tokens.json"),
];

const COVID_POLICY: &str = include_str!("../../examples/policies/covid-2021-h1.json");

fn seeds() -> Vec<Membership> {
    let mut seeds: Vec<Membership> = DATA
        .iter()
        .map(|text| serde_json::from_str(text).expect("examples/data parses"))
        .collect();
    seeds.extend(fixed_memberships(&[]));
    seeds
}

fn engines() -> Vec<Box<dyn Engine>> {
    let mut engines: Vec<Box<dyn Engine>> = vec![Box::new(DefaultPolicy)];
    for name in Policy::BUILTIN_NAMES {
        engines.push(Box::new(Policy::builtin(name).expect("a built-in").clone()));
    }
    let covid: Policy = serde_json::from_str(COVID_POLICY).expect("the COVID policy loads");
    engines.push(Box::new(covid));
    engines.push(Box::new(PolicySet::partner_center_history()));
    engines
}

fn i16_of(u: &mut Unstructured<'_>) -> i16 {
    let low = u.arbitrary::<u8>().unwrap_or(0);
    let high = u.arbitrary::<u8>().unwrap_or(0);
    i16::from_le_bytes([low, high])
}

struct Step {
    kind: u8,
    target: u8,
    offset: i16,
}

/// Within this many days of either end of the calendar a transition may be
/// refused as `Invalid` (D4): a renewal term or first anniversary of up to
/// 1000 days, plus the 366 days of an anniversary's reach.
const EDGE: i64 = 2500;

fn near_edge(day: NaiveDate) -> bool {
    shift(FIRST_DATE, EDGE).is_none_or(|edge| day < edge)
        || shift(LAST_DATE, -EDGE).is_none_or(|edge| day > edge)
}

/// The target error `apply` must give, whatever the day.
fn target_error(membership: &Membership, action: &Action<'_>) -> Option<Denied> {
    match *action {
        Action::Purchase { kind, id } => {
            if !kind.is_pack() {
                Some(Denied::NotPurchasable(kind))
            } else {
                match id {
                    None => Some(Denied::MissingId),
                    Some(id) if membership.offer(id).is_some() => {
                        Some(Denied::IdTaken(id.to_owned()))
                    }
                    Some(_) => None,
                }
            }
        }
        Action::RequestReplacementToken { token } => membership
            .token(token)
            .is_none()
            .then(|| Denied::UnknownToken(token.to_owned())),
        _ => action_target(action).and_then(|offer| {
            membership
                .offer(offer)
                .is_none()
                .then(|| Denied::UnknownOffer(offer.to_owned()))
        }),
    }
}

fn check_apply(
    engine: &dyn Engine,
    membership: &Membership,
    action: &Action<'_>,
    day: NaiveDate,
    result: &Result<Membership, Denied>,
) {
    let context = || {
        format!(
            "{action} on {day} under {} to {membership:?}",
            engine.label()
        )
    };
    let evaluation = engine.evaluate(membership, day);
    let listed = match *action {
        Action::Purchase { kind, .. } => Action::Purchase { kind, id: None },
        other => other,
    };
    let allowed = evaluation.is_allowed(&listed);
    if let Some(expected) = target_error(membership, action) {
        match result {
            Err(denied) => assert_eq!(*denied, expected, "target error ({})", context()),
            Ok(_) => panic!("Ok, but the target calls for {expected:?} ({})", context()),
        }
        return;
    }
    match result {
        Ok(next) => {
            assert!(
                allowed,
                "apply is Ok but evaluate does not allow it ({})",
                context()
            );
            check_membership_round_trip(next);
            check_effect(membership, action, day, next, &context);
        }
        Err(Denied::Blocked {
            reasons,
            allowed_from,
        }) => {
            assert!(!allowed, "Blocked, but evaluate allows it ({})", context());
            let blocked = evaluation.blocked(&listed).unwrap_or_else(|| {
                panic!(
                    "Blocked, but evaluate does not list it as blocked ({})",
                    context()
                )
            });
            assert_eq!(
                *reasons,
                blocked.reasons,
                "Blocked's reasons ({})",
                context()
            );
            assert_eq!(
                *allowed_from,
                blocked.allowed_from,
                "Blocked's allowed_from ({})",
                context()
            );
        }
        Err(Denied::NotOpen) => {
            assert!(!allowed, "NotOpen, but evaluate allows it ({})", context());
            assert!(
                evaluation.blocked(&listed).is_none(),
                "NotOpen, but evaluate lists it as blocked ({})",
                context()
            );
        }
        Err(Denied::Invalid(error)) => {
            assert!(
                allowed,
                "Invalid, but evaluate does not allow it ({})",
                context()
            );
            let anniversaries_near_edge = membership
                .offers()
                .iter()
                .any(|o| near_edge(o.anniversary()));
            assert!(
                near_edge(day) || anniversaries_near_edge,
                "Invalid ({error}) far from the ends of the calendar ({})",
                context()
            );
        }
        Err(other) => panic!("unexpected {other:?}: the target is valid ({})", context()),
    }
}

/// What an allowed action changes.
fn check_effect(
    before: &Membership,
    action: &Action<'_>,
    day: NaiveDate,
    after: &Membership,
    context: &dyn Fn() -> String,
) {
    let offer = |m: &Membership, id: &str| {
        m.offer(id)
            .cloned()
            .unwrap_or_else(|| panic!("offer {id} gone ({})", context()))
    };
    match *action {
        Action::Purchase { kind, id } => {
            let id = id.unwrap_or_default();
            let new = offer(after, id);
            assert_eq!(new.kind(), kind, "purchased kind ({})", context());
            assert_eq!(new.purchased(), day, "purchase date ({})", context());
            assert!(new.anniversary() > day, "first anniversary ({})", context());
        }
        Action::Renew { offer: id } | Action::Reactivate { offer: id } => {
            let (old, new) = (offer(before, id), offer(after, id));
            assert!(
                new.anniversary() > old.anniversary(),
                "renewal moves the anniversary from {} to {} ({})",
                old.anniversary(),
                new.anniversary(),
                context()
            );
            assert_eq!(
                new.auto_renew(),
                new.kind() == OfferKind::ActionPack,
                "A2 ({})",
                context()
            );
        }
        Action::RequestCovidOverride { offer: id } => {
            assert!(
                offer(after, id).covid_override_requested(),
                "E5 ({})",
                context()
            );
        }
        Action::TurnOffAutoRenew { offer: id } => {
            assert!(!offer(after, id).auto_renew(), "A2 ({})", context());
        }
        Action::RequestCancellation { offer: id } => {
            assert!(offer(after, id).cancelled(), "A3 ({})", context());
        }
        Action::DownloadInvoice { .. } => {
            assert_eq!(after, before, "A4 changes nothing ({})", context());
        }
        Action::UpdateBusinessProfile | Action::ProvideVerificationDocuments => {
            assert_eq!(
                after.business_profile(),
                BusinessProfile::Current,
                "P2 ({})",
                context()
            );
        }
        Action::MigrateToPartnerCenter => {
            assert_eq!(after.portal(), Portal::PartnerCenter, "P3 ({})", context());
        }
        Action::RequestReplacementToken { token } => {
            assert!(
                after.token(token).is_some_and(|t| t.is_replaced()),
                "B2 ({})",
                context()
            );
        }
        _ => {}
    }
    if !matches!(action, Action::Purchase { .. }) {
        let ids = |m: &Membership| {
            m.offers()
                .iter()
                .map(|o| o.id().to_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(after), ids(before), "offers kept ({})", context());
    }
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let selector = u.arbitrary::<u8>().unwrap_or(0);
    let start = u.arbitrary::<u8>().unwrap_or(0);
    let first_offset = i16_of(&mut u);
    let count = u.arbitrary::<u8>().unwrap_or(0) % 21;
    let mut steps = Vec::new();
    for _ in 0..count {
        let kind = u.arbitrary::<u8>().unwrap_or(0);
        let target = u.arbitrary::<u8>().unwrap_or(0);
        let offset = i16_of(&mut u);
        steps.push(Step {
            kind,
            target,
            offset,
        });
    }
    let json = u.take_rest();

    let mut membership = if start < 0x80 {
        let seeds = seeds();
        seeds[usize::from(start) % seeds.len()].clone()
    } else {
        match serde_json::from_slice::<Membership>(json) {
            Ok(membership) => membership,
            Err(_) => return,
        }
    };
    let engines = engines();
    let chosen = usize::from(selector) % engines.len();
    let anchor = membership
        .offers()
        .first()
        .map_or(NaiveDate::from_ymd_opt(2020, 1, 1).expect("a date"), |o| {
            o.anniversary()
        });
    let mut day = shift_clamped(anchor, i64::from(first_offset));

    for (index, step) in steps.iter().enumerate() {
        let offers: Vec<String> = membership
            .offers()
            .iter()
            .map(|o| o.id().to_owned())
            .collect();
        let tokens: Vec<String> = membership
            .tokens()
            .iter()
            .map(|t| t.id().to_owned())
            .collect();
        let pick = |ids: &[String], bogus: &str| -> String {
            let at = usize::from(step.target) % (ids.len() + 1);
            ids.get(at).cloned().unwrap_or_else(|| bogus.to_owned())
        };
        let offer_id = pick(&offers, "no-such-offer");
        let token_id = pick(&tokens, "no-such-token");
        let fresh = format!("new-{index}");
        let purchase_id = match (step.target / 4) % 4 {
            0 => None,
            1 => Some(offers.first().cloned().unwrap_or_else(|| fresh.clone())),
            _ => Some(fresh.clone()),
        };

        // The day: relative to the last, near the target's anniversary (or
        // token's activation), a small step, or an end of the calendar.
        let anchor_day = membership
            .offer(&offer_id)
            .map(|o| o.anniversary())
            .or_else(|| membership.token(&token_id).map(|t| t.activated()))
            .unwrap_or(day);
        let offset = i64::from(step.offset);
        day = match (step.kind / 11) % 4 {
            0 => shift_clamped(day, offset),
            1 => shift_clamped(anchor_day, offset % 128),
            2 => shift_clamped(day, offset.rem_euclid(40)),
            _ => match offset.rem_euclid(6) {
                0 => NaiveDate::MIN,
                1 => NaiveDate::MAX,
                2 => FIRST_DATE,
                3 => LAST_DATE,
                4 => shift_clamped(FIRST_DATE, offset.rem_euclid(1000)),
                _ => shift_clamped(LAST_DATE, -offset.rem_euclid(1000)),
            },
        };

        let action = match step.kind % 11 {
            0 => Action::Purchase {
                kind: OfferKind::ALL[usize::from(step.target) % 4],
                id: purchase_id.as_deref(),
            },
            1 => Action::Renew { offer: &offer_id },
            2 => Action::Reactivate { offer: &offer_id },
            3 => Action::RequestCovidOverride { offer: &offer_id },
            4 => Action::TurnOffAutoRenew { offer: &offer_id },
            5 => Action::RequestCancellation { offer: &offer_id },
            6 => Action::DownloadInvoice { offer: &offer_id },
            7 => Action::UpdateBusinessProfile,
            8 => Action::ProvideVerificationDocuments,
            9 => Action::MigrateToPartnerCenter,
            _ => Action::RequestReplacementToken { token: &token_id },
        };
        fuzz_support::check_action_text(&action);

        let mut next = None;
        for (at, engine) in engines.iter().enumerate() {
            let engine = engine.as_ref();
            let result = engine.apply(&membership, &action, day);
            check_apply(engine, &membership, &action, day, &result);
            if at == 0 {
                // The free `apply` is partner-center-2020's.
                let same = Policy::partner_center_2020().apply(&membership, &action, day);
                assert_eq!(same, result, "apply and partner-center-2020's apply differ");
            }
            if at == chosen {
                next = result.ok();
            }
        }
        if let Some(next) = next {
            membership = next;
            let engine = engines[chosen].as_ref();
            let mut buffer = Evaluation::new();
            check_day(engine, &membership, day, &mut buffer);
        }
    }
});
