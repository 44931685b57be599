//! bytes → policy JSON → load → evaluate.
//!
//! Input: the policy JSON, then optionally a 0xFF byte followed by 4 bytes
//! (little-endian i32 day number), 2 bytes (little-endian u16 span in days,
//! taken modulo 801), 1 byte (offset from anniversaries) and a membership
//! JSON. The policy part is loaded as a `Policy` and as a `PolicySet`; one
//! that loads must round-trip through its serde form, and evaluates a few
//! fixed valid memberships (plus memberships built on its extensions' dates,
//! plus the fuzzed membership if it parses) on fuzzed days, with
//! `evaluate`, `timeline` and `reminders_between` (`fuzz_support::check_day`
//! and `check_span`): every date of the output is a wire date whenever the
//! day is one (D4).
#![no_main]

use fuzz_support::{
    check_day, check_membership_round_trip, check_span, day_from_number, fixed_memberships, i32_le,
    interesting_days, shift_clamped, Engine,
};
use libfuzzer_sys::fuzz_target;
use mpn_renewals::{Evaluation, ExtensionPolicy, Membership, Policy, PolicySet};

struct Tail<'a> {
    number: i32,
    span: u16,
    delta: i64,
    membership: &'a [u8],
}

fn check_engine(engine: &dyn Engine, extensions: &[&ExtensionPolicy], tail: &Tail<'_>) {
    let mut all = fixed_memberships(extensions);
    if let Ok(membership) = serde_json::from_slice::<Membership>(tail.membership) {
        check_membership_round_trip(&membership);
        all.push(membership);
    }
    let today = day_from_number(tail.number);
    let mut extension_days = Vec::new();
    for extension in extensions.iter().take(4) {
        for day in [extension.first_anniversary(), extension.last_anniversary()] {
            extension_days.push(shift_clamped(day, tail.delta));
        }
        if let Some(mpn_renewals::ReactivationEnd::On(end)) = extension.reactivation_end() {
            extension_days.push(end);
            extension_days.push(shift_clamped(end, 1));
        }
    }
    for membership in &all {
        let mut buffer = Evaluation::new();
        let mut days = vec![today];
        days.extend(interesting_days(membership, tail.delta, 6));
        days.extend(extension_days.iter().copied());
        for &day in &days {
            check_day(engine, membership, day, &mut buffer);
        }
        // Spans: from the fuzzed day, and from before the first anniversary.
        check_span(engine, membership, today, tail.span, 40);
        if let Some(offer) = membership.offers().first() {
            let from = shift_clamped(offer.anniversary(), tail.delta - 20);
            check_span(engine, membership, from, tail.span, 40);
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (policy_bytes, rest) = match data.iter().position(|b| *b == 0xFF) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &data[data.len()..]),
    };
    let get = |i: usize| rest.get(i).copied().unwrap_or(0);
    let tail = Tail {
        number: i32_le(rest),
        span: u16::from_le_bytes([get(4), get(5)]),
        delta: i64::from(get(6) as i8),
        membership: rest.get(7..).unwrap_or_default(),
    };

    if let Ok(policy) = serde_json::from_slice::<Policy>(policy_bytes) {
        let text = serde_json::to_string(&policy).expect("a policy serializes");
        let back: Policy = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("re-parse of a serialized policy: {e}: {text}"));
        assert_eq!(back, policy, "policy round trip: {text}");
        let extensions: Vec<&ExtensionPolicy> = policy.extensions().iter().collect();
        check_engine(&policy, &extensions, &tail);
    }
    if let Ok(set) = serde_json::from_slice::<PolicySet>(policy_bytes) {
        let text = serde_json::to_string(&set).expect("a policy set serializes");
        let back: PolicySet = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("re-parse of a serialized policy set: {e}: {text}"));
        assert_eq!(back, set, "policy set round trip: {text}");
        let extensions: Vec<&ExtensionPolicy> = set
            .versions()
            .flat_map(|(_, policy)| policy.extensions().iter())
            .collect();
        check_engine(&set, &extensions, &tail);
    }
});
