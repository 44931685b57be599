//! Criterion benches of the engine, each on a fixed day: `evaluate` of 1, 4
//! and 16 offers, `evaluate_into`, `next_change`, the phases alone beside
//! their physical floor, a batch of a million memberships, and a timeline
//! over ten years. See BENCHMARKS.md for how to run them and the figures.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use std::hint::black_box;

use chrono::{Datelike, NaiveDate};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use mpn_renewals::{
    evaluate, next_change, timeline, CompetencyLevel, Evaluation, Membership, OfferDraft, Phase,
    Policy, Rules, Token,
};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The bench day: in the 2020 extensions, with windows open and reminders due.
fn today() -> NaiveDate {
    day(2020, 7, 1)
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

/// Sixteen offers: an Action Pack and a Learning Action Pack of the account,
/// the rest competencies with anniversaries spread over a year.
fn sixteen_offers() -> Membership {
    let mut builder = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", day(2019, 6, 22)))
        .offer(OfferDraft::learning_action_pack("lap", day(2019, 7, 1)));
    for i in 0..14u32 {
        let level = if i % 2 == 0 {
            CompetencyLevel::Gold
        } else {
            CompetencyLevel::Silver
        };
        builder = builder.offer(
            OfferDraft::competency(format!("c{i}"), level, "Data", day(2018, 1 + i % 12, 1 + i))
                .anniversary(day(2020, 1 + i % 12, 1 + i)),
        );
    }
    builder
        .token(Token::new("o365", day(2020, 6, 20)))
        .build()
        .unwrap()
}

/// A deterministic spread of memberships of about three offers each.
fn generated(count: usize) -> Vec<Membership> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..count)
        .map(|_| {
            let base = day(2019, 1, 1).num_days_from_ce();
            let [a, b, c, d, e] = [next(), next(), next(), next(), next()];
            let date =
                |n: u64| NaiveDate::from_num_days_from_ce_opt(base + (n % 900) as i32).unwrap();
            let competency = if d % 2 == 0 {
                CompetencyLevel::Gold
            } else {
                CompetencyLevel::Silver
            };
            Membership::builder("partner")
                .offer(OfferDraft::action_pack("ap", date(a)).auto_renew(e % 4 != 0))
                .offer(OfferDraft::competency("c1", competency, "Data", date(b)))
                .offer(OfferDraft::competency(
                    "c2",
                    CompetencyLevel::Silver,
                    "Security",
                    date(c),
                ))
                .build()
                .unwrap()
        })
        .collect()
}

fn single(c: &mut Criterion) {
    let policy = Policy::partner_center_2020();
    let (one, four, sixteen) = (one_offer(), four_offers(), sixteen_offers());
    let mut group = c.benchmark_group("evaluate");
    for (name, membership) in [
        ("1 offer", &one),
        ("4 offers + 1 token", &four),
        ("16 offers", &sixteen),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| evaluate(black_box(membership), black_box(today())))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("evaluate_into");
    let mut out = Evaluation::new();
    for (name, membership) in [
        ("1 offer", &one),
        ("4 offers + 1 token", &four),
        ("16 offers", &sixteen),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                policy.evaluate_into(black_box(membership), black_box(today()), &mut out);
                black_box(out.next_change)
            })
        });
    }
    group.finish();

    let mut group = c.benchmark_group("next_change");
    for (name, membership) in [("1 offer", &one), ("4 offers + 1 token", &four)] {
        group.bench_function(name, |b| {
            b.iter(|| next_change(black_box(membership), black_box(today())))
        });
    }
    group.finish();
}

/// The physical floor: each offer's phase and reminder days on plain
/// integer day numbers, beside the crate's own phase computation.
fn floor(c: &mut Criterion) {
    let membership = sixteen_offers();
    let policy = Policy::partner_center_2020();
    let anniversaries: Vec<(i32, bool)> = membership
        .offers()
        .iter()
        .map(|offer| (offer.anniversary().num_days_from_ce(), offer.cancelled()))
        .collect();
    let today = today().num_days_from_ce();
    let mut group = c.benchmark_group("phase per offer (16 offers)");
    group.throughput(Throughput::Elements(anniversaries.len() as u64));
    group.bench_function("floor: integers", |b| {
        b.iter(|| {
            let today = black_box(today);
            let mut tally = 0u32;
            for &(anniversary, cancelled) in black_box(&anniversaries) {
                let (opens, closes) = (anniversary + 1, anniversary + 30);
                let phase = if cancelled {
                    3
                } else if today < opens {
                    0
                } else if today <= closes {
                    1
                } else {
                    2
                };
                let reminder = today == anniversary - 15
                    || today == opens
                    || today == anniversary + 23
                    || today == closes + 1;
                tally += phase + u32::from(reminder);
            }
            tally
        })
    });
    group.bench_function("crate: Policy::phases", |b| {
        b.iter(|| {
            policy
                .phases(black_box(&membership), black_box(self::today()))
                .filter(|phase| *phase == Phase::RenewalWindow)
                .count()
        })
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let memberships = generated(1_000_000);
    let policy = Policy::partner_center_2020();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.throughput(Throughput::Elements(memberships.len() as u64));
    group.bench_function("evaluate_each, 1M memberships of 3 offers, one core", |b| {
        b.iter(|| {
            let mut renewable = 0usize;
            policy.evaluate_each(&memberships, today(), |_, evaluation| {
                renewable += evaluation.allowed.len();
            });
            renewable
        })
    });
    #[cfg(feature = "rayon")]
    group.bench_function(
        "par_evaluate_each, 1M memberships of 3 offers, every core",
        |b| {
            use std::sync::atomic::{AtomicUsize, Ordering};
            b.iter(|| {
                let renewable = AtomicUsize::new(0);
                policy.par_evaluate_each(&memberships, today(), |_, evaluation| {
                    renewable.fetch_add(evaluation.allowed.len(), Ordering::Relaxed);
                });
                renewable.into_inner()
            })
        },
    );
    group.finish();
}

fn ten_years(c: &mut Criterion) {
    let membership = four_offers();
    let mut group = c.benchmark_group("timeline");
    group.bench_function("4 offers + 1 token, ten years", |b| {
        b.iter_batched(
            || (),
            |()| timeline(black_box(&membership), day(2018, 1, 1)..=day(2027, 12, 31)).len(),
            BatchSize::SmallInput,
        )
    });
    group.finish();
    let _ = today().year();
}

criterion_group!(benches, single, floor, batch, ten_years);
criterion_main!(benches);
