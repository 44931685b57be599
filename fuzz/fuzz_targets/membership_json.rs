//! bytes → JSON membership → `evaluate` on an arbitrary day.
//!
//! Input: 4 bytes (little-endian i32, a day number from the common era;
//! out of chrono's range gives `NaiveDate::MIN`/`MAX`), then the membership
//! JSON. A membership that parses is evaluated on that day, on
//! `NaiveDate::MIN`/`MAX`, and on days near each anniversary, under the
//! default policy, each built-in policy and the built-in history; every
//! evaluation is checked (`fuzz_support::check_day`) and serialized, and the
//! membership must re-serialize and re-parse to an equal value.
#![no_main]

use chrono::NaiveDate;
use fuzz_support::{
    builtin_engines, check_day, check_membership_round_trip, day_from_number, i32_le,
    interesting_days,
};
use libfuzzer_sys::fuzz_target;
use mpn_renewals::{Evaluation, Membership, FIRST_DATE, LAST_DATE};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (head, json) = data.split_at(4);
    let number = i32_le(head);
    let today = day_from_number(number);
    let Ok(membership) = serde_json::from_slice::<Membership>(json) else {
        return;
    };
    check_membership_round_trip(&membership);

    let mut days = vec![today, NaiveDate::MIN, NaiveDate::MAX, FIRST_DATE, LAST_DATE];
    // A day near each anniversary: the fuzzed number's low bits pick the
    // offset, -100 ..= 59 days.
    let delta = i64::from(number.rem_euclid(160)) - 100;
    days.extend(interesting_days(&membership, delta, 12));

    for engine in builtin_engines() {
        let engine = engine.as_ref();
        let mut buffer = Evaluation::new();
        for &day in &days {
            check_day(engine, &membership, day, &mut buffer);
        }
    }
});
