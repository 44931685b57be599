//! `instructions`: the loop whose instructions callgrind counts, for
//! before/after comparisons that the load of the machine does not change
//! (see BENCHMARKS.md). It builds the memberships of `benches/evaluate.rs`
//! and evaluates one of them `N` times on 2020-07-01 under the default
//! policy.
//!
//! ```text
//! cargo build --release --example instructions
//! valgrind --tool=callgrind --toggle-collect='*count_loop*' \
//!     target/release/examples/instructions (evaluate | evaluate_into) (1 | 4 | 16) N
//! ```
//!
//! Instructions per call: callgrind's total divided by `N`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use mpn_renewals::{CompetencyLevel, Evaluation, Membership, OfferDraft, Policy, Rules, Token};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The memberships of `benches/evaluate.rs`: 1 offer, 4 offers and a
/// token, 16 offers and a token.
fn membership(offers: &str) -> Membership {
    let mut builder =
        Membership::builder("contoso").offer(OfferDraft::action_pack("maps", day(2019, 6, 22)));
    match offers {
        "1" => {}
        "4" => {
            builder = builder
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
                    OfferDraft::competency(
                        "data",
                        CompetencyLevel::Silver,
                        "Data",
                        day(2017, 8, 10),
                    )
                    .anniversary(day(2020, 8, 10))
                    .performance_met(true),
                )
                .token(Token::new("o365", day(2020, 6, 20)));
        }
        _ => {
            builder = builder.offer(OfferDraft::learning_action_pack("lap", day(2019, 7, 1)));
            for i in 0..14u32 {
                let level = if i % 2 == 0 {
                    CompetencyLevel::Gold
                } else {
                    CompetencyLevel::Silver
                };
                builder = builder.offer(
                    OfferDraft::competency(
                        format!("c{i}"),
                        level,
                        "Data",
                        day(2018, 1 + i % 12, 1 + i),
                    )
                    .anniversary(day(2020, 1 + i % 12, 1 + i)),
                );
            }
            builder = builder.token(Token::new("o365", day(2020, 6, 20)));
        }
    }
    builder.build().unwrap()
}

/// The counted loop.
#[inline(never)]
fn count_loop(into: bool, policy: &Policy, membership: &Membership, n: usize) -> usize {
    let today = day(2020, 7, 1);
    let mut evaluation = Evaluation::new();
    let mut allowed = 0;
    for _ in 0..n {
        if into {
            policy.evaluate_into(black_box(membership), today, &mut evaluation);
            allowed += evaluation.allowed.len();
        } else {
            allowed += policy.evaluate(black_box(membership), today).allowed.len();
        }
    }
    allowed
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, offers, n] = args.as_slice() else {
        eprintln!("usage: instructions (evaluate | evaluate_into) (1 | 4 | 16) N");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("N: a number of calls");
    let policy = Policy::partner_center_2020();
    let allowed = count_loop(mode == "evaluate_into", &policy, &membership(offers), n);
    println!("{allowed}");
}
