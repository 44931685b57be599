//! Criterion benches of `evaluate` on a fixed day.
//!
//! Run with `cargo bench --bench evaluate`; see BENCHMARKS.md for figures.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use mpn_renewals::{evaluate, CompetencyLevel, Evaluation, Membership, OfferDraft, Policy, Token};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// One Action Pack, in its renewal window on the bench day.
fn one_offer() -> Membership {
    Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", day(2019, 6, 22)))
        .build()
        .unwrap()
}

/// Four offers (an Action Pack, a Learning Action Pack, a gold competency
/// under covid-2020-h1, a silver one under covid-2020-h2) and one token.
fn four_offers() -> Membership {
    Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", day(2019, 6, 22)))
        .offer(OfferDraft::learning_action_pack("lap", day(2019, 7, 1)))
        .offer(
            OfferDraft::competency(
                "cloud",
                CompetencyLevel::Gold,
                "Cloud Platform",
                day(2017, 3, 10),
            )
            .anniversary(day(2020, 3, 10)),
        )
        .offer(
            OfferDraft::competency("data", CompetencyLevel::Silver, "Data", day(2017, 8, 10))
                .anniversary(day(2020, 8, 10))
                .performance_met(true),
        )
        .token(Token::new("o365", day(2020, 6, 20)))
        .build()
        .unwrap()
}

fn benches(c: &mut Criterion) {
    let today = day(2020, 7, 1);
    let one = one_offer();
    let four = four_offers();
    c.bench_function("evaluate/1 offer", |b| {
        b.iter(|| evaluate(black_box(&one), black_box(today)))
    });
    c.bench_function("evaluate/4 offers + 1 token", |b| {
        b.iter(|| evaluate(black_box(&four), black_box(today)))
    });
    let policy = Policy::partner_center_2020();
    let mut out = Evaluation::new();
    c.bench_function("evaluate_into/4 offers + 1 token", |b| {
        b.iter(|| {
            policy.evaluate_into(black_box(&four), black_box(today), &mut out);
            black_box(out.next_change)
        })
    });
}

criterion_group!(evaluate_benches, benches);
criterion_main!(evaluate_benches);
