//! How the cost grows with the size of the input: building and reading a
//! membership of many offers or tokens, loading a policy of many extensions
//! and a history of many versions, and a year's timeline of many offers,
//! each at 10,000 and 100,000 items. Linear or `n log n` cost shows as a
//! ratio of about 10 (at most ~12) between the two sizes. See
//! BENCHMARKS.md.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use mpn_renewals::{CompetencyLevel, Membership, OfferDraft, Policy, PolicySet, Rules, Token};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const SIZES: [usize; 2] = [10_000, 100_000];

/// `n` competencies, their anniversaries spread over a year, and `n` tokens.
fn drafts(n: usize) -> (Vec<OfferDraft>, Vec<Token>) {
    let offers = (0..n)
        .map(|i| {
            let bought = day(2019, 1, 1) + Days::new((i % 365) as u64);
            OfferDraft::competency(format!("c{i}"), CompetencyLevel::Gold, "Data", bought)
        })
        .collect();
    let tokens = (0..n)
        .map(|i| {
            Token::new(
                format!("t{i}"),
                day(2020, 1, 1) + Days::new((i % 365) as u64),
            )
        })
        .collect();
    (offers, tokens)
}

fn membership_json(n: usize) -> String {
    let offers: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"id":"c{i}","kind":"gold_competency","area":"Data","purchased":"{}"}}"#,
                day(2019, 1, 1) + Days::new((i % 365) as u64)
            )
        })
        .collect();
    let tokens: Vec<String> = (0..n)
        .map(|i| format!(r#"{{"id":"t{i}","activated":"2020-01-05"}}"#))
        .collect();
    format!(
        r#"{{"account":"c","offers":[{}],"tokens":[{}]}}"#,
        offers.join(","),
        tokens.join(",")
    )
}

/// A policy with `n` one-day extensions, one per day from 2000-01-01.
fn policy_json(n: usize) -> String {
    let extensions: Vec<String> = (0..n)
        .map(|i| {
            let on = day(2000, 1, 1) + Days::new(i as u64);
            format!(
                r#"{{"name":"x{i}","first_anniversary":"{on}","last_anniversary":"{on}","waives_requirements":true,"reactivation_end":null,"covid_override":false}}"#
            )
        })
        .collect();
    format!(
        r#"{{"name":"many","windows":{{"partner_center":{{"opens":1,"closes":30}},"pmc":{{"opens":-90,"closes":0}}}},"first_anniversary":"same_day_next_year","renewal_term":{{"days_after_anniversary":365}},"reminders":{{"upcoming":-15,"window_closing":23}},"extensions":[{}]}}"#,
        extensions.join(",")
    )
}

/// A history of `n` versions, one a day from 1800-01-01.
fn history_json(n: usize) -> String {
    let versions: Vec<String> = (0..n)
        .map(|i| {
            let from = day(1800, 1, 1) + Days::new(i as u64);
            format!(
                r#"{{"from":"{from}","policy":{{"name":"v{i}","windows":{{"partner_center":{{"opens":1,"closes":30}},"pmc":{{"opens":-90,"closes":0}}}},"first_anniversary":"same_day_next_year","renewal_term":{{"days_after_anniversary":365}},"reminders":{{"upcoming":-15,"window_closing":23}}}}}}"#
            )
        })
        .collect();
    format!(r#"{{"versions":[{}]}}"#, versions.join(","))
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    for n in SIZES {
        let (offers, tokens) = drafts(n);
        group.bench_with_input(
            BenchmarkId::new("build n offers + n tokens", n),
            &n,
            |b, _| {
                b.iter(|| {
                    let mut builder = Membership::builder("c");
                    for offer in offers.iter().cloned() {
                        builder = builder.offer(offer);
                    }
                    for token in tokens.iter().cloned() {
                        builder = builder.token(token);
                    }
                    builder.build().unwrap().offers().len()
                })
            },
        );
        let json = membership_json(n);
        group.bench_with_input(
            BenchmarkId::new("from_json n offers + n tokens", n),
            &n,
            |b, _| {
                b.iter(|| {
                    Membership::from_json(black_box(&json))
                        .unwrap()
                        .tokens()
                        .len()
                })
            },
        );
        let policy = policy_json(n);
        group.bench_with_input(BenchmarkId::new("policy of n extensions", n), &n, |b, _| {
            b.iter(|| {
                Policy::from_json(black_box(&policy))
                    .unwrap()
                    .extensions()
                    .len()
            })
        });
        let history = history_json(n);
        group.bench_with_input(BenchmarkId::new("history of n versions", n), &n, |b, _| {
            b.iter(|| {
                PolicySet::from_json(black_box(&history))
                    .unwrap()
                    .versions()
                    .count()
            })
        });
        let membership = Membership::from_json(&json).unwrap();
        let rules = Policy::partner_center_2020();
        group.bench_with_input(
            BenchmarkId::new("timeline of a year, n offers + n tokens", n),
            &n,
            |b, _| {
                b.iter(|| {
                    rules
                        .timeline(black_box(&membership), day(2020, 1, 1)..=day(2020, 12, 31))
                        .len()
                })
            },
        );
    }
    // Issue 12's figure: a membership of a million tokens validates in
    // under two seconds.
    let million: Vec<Token> = (0..1_000_000)
        .map(|i| {
            Token::new(
                format!("t{i}"),
                day(2020, 1, 1) + Days::new((i % 365) as u64),
            )
        })
        .collect();
    group.bench_function("build 1,000,000 tokens", |b| {
        b.iter(|| {
            let mut builder = Membership::builder("c");
            for token in million.iter().cloned() {
                builder = builder.token(token);
            }
            builder.build().unwrap().tokens().len()
        })
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
