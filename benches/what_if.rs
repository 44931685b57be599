//! What if the rules change: `impact` of one policy against another over
//! 100,000 generated memberships and the year 2023, each membership walked
//! from both sides' breakpoints. Issue 13 asks for "well under a minute".
//! See BENCHMARKS.md.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Datelike, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use mpn_renewals::impact::impact;
use mpn_renewals::{
    BusinessProfile, CompetencyLevel, Membership, OfferDraft, Policy, PolicySet, Portal, Token,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const MEMBERSHIPS: usize = 100_000;

/// `count` memberships drawn from a fixed xorshift seed (as
/// `benches/evaluate.rs` draws its batch): an Action Pack (one in four with
/// auto-renewal off), a gold or silver competency, and, for some, a
/// Learning Action Pack from a merge, a token, a profile to review, PMC.
/// Every anniversary lies between 2022-12-01 and 2024-01-25, so that the
/// windows, reminders and lapses of 2023 all happen in the span.
fn generated(count: usize) -> Vec<Membership> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = day(2022, 12, 1).num_days_from_ce();
    let date = |n: u64| NaiveDate::from_num_days_from_ce_opt(base + (n % 420) as i32).unwrap();
    let year_before = |anniversary: NaiveDate| {
        anniversary
            .with_year(anniversary.year() - 1)
            .unwrap_or_else(|| day(anniversary.year() - 1, 2, 28))
    };
    (0..count)
        .map(|i| {
            let [a, b, c, e, f] = [next(), next(), next(), next(), next()];
            let (pack, competency) = (date(a), date(b));
            let level = if c % 2 == 0 {
                CompetencyLevel::Gold
            } else {
                CompetencyLevel::Silver
            };
            let mut builder = Membership::builder(format!("partner-{i}"))
                .offer(
                    OfferDraft::action_pack("ap", year_before(pack))
                        .anniversary(pack)
                        .auto_renew(e % 4 != 0),
                )
                .offer(
                    OfferDraft::competency("c1", level, "Data", day(2018, 1, 1))
                        .anniversary(competency)
                        .performance_met(c % 3 != 0)
                        .exams_validated(c % 5 != 0),
                );
            if f % 4 == 0 {
                let lap = date(f >> 8);
                builder = builder.offer(
                    OfferDraft::learning_action_pack("lap", year_before(lap))
                        .anniversary(lap)
                        .origin_account("merged"),
                );
            }
            if f % 3 == 0 {
                builder = builder.token(Token::new("o365", date(f >> 16)));
            }
            if f % 10 == 0 {
                builder = builder.business_profile(BusinessProfile::NeedsReview);
            }
            if f % 16 == 0 {
                builder = builder.portal(Portal::Pmc);
            }
            builder.build().unwrap()
        })
        .collect()
}

fn what_if(c: &mut Criterion) {
    let memberships = generated(MEMBERSHIPS);
    let span = day(2023, 1, 1)..=day(2023, 12, 31);
    let mut group = c.benchmark_group("impact");
    group.sample_size(10);
    group.throughput(Throughput::Elements(memberships.len() as u64));
    // Every membership here has an offer whose window differs from the
    // first day (2023 opens it on the anniversary): one comparison each.
    let (pc2022, pc2023) = (Policy::partner_center_2022(), Policy::partner_center_2023());
    group.bench_function("2022 vs 2023, 100k memberships, 2023", |b| {
        b.iter(|| impact(&pc2022, &pc2023, black_box(&memberships), span.clone()).summary)
    });
    // The worst case: two policies that differ only in name, so every
    // membership is walked through the whole year, breakpoint by
    // breakpoint, on both sides.
    let pc2018 = Policy::partner_center_2018();
    group.bench_function(
        "2018 vs 2022 (no difference), 100k memberships, 2023",
        |b| b.iter(|| impact(&pc2018, &pc2022, black_box(&memberships), span.clone()).summary),
    );
    // 2022 against the history, which switches to 2023 on 2023-09-01:
    // walked until the switch, then one comparison.
    let history = PolicySet::partner_center_history();
    group.bench_function("2022 vs the history, 100k memberships, 2023", |b| {
        b.iter(|| impact(&pc2022, &history, black_box(&memberships), span.clone()).summary)
    });
    group.finish();

    // The figures the benches summarize, printed once.
    for (name, result) in [
        (
            "2022 vs 2023",
            impact(&pc2022, &pc2023, &memberships, span.clone()),
        ),
        (
            "2018 vs 2022",
            impact(&pc2018, &pc2022, &memberships, span.clone()),
        ),
        (
            "2022 vs history",
            impact(&pc2022, &history, &memberships, span.clone()),
        ),
    ] {
        eprintln!(
            "{name}: {} of {} memberships differ, first {:?}, last {:?}, by kind {:?}",
            result.summary.differing,
            result.summary.memberships,
            result.summary.earliest,
            result.summary.latest,
            result.summary.by_kind
        );
    }
}

criterion_group!(benches, what_if);
criterion_main!(benches);
