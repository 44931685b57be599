//! Zero heap allocations on the hot path: `Policy::evaluate_into` reuses the
//! buffers of an earlier evaluation and allocates nothing after the first
//! call; `evaluate` of a typical membership allocates nothing at all. Proven
//! with a counting global allocator, in a test binary of its own.
// Test helpers are ordinary functions, outside any `#[test]`, so clippy's
// `allow-*-in-tests` settings (clippy.toml) do not reach them: like the
// tests, they fail loudly on a broken expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
// A global allocator is an `unsafe impl`; it forwards to `System` unchanged.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use mpn_renewals::{
    evaluate, CompetencyLevel, Evaluation, Membership, OfferDraft, Policy, PolicySet, Rules, Token,
};

// The helpers of the main test binary; this one uses the date helper.
#[allow(dead_code)]
#[path = "it/common.rs"]
mod common;

use common::ymd;

/// Counts the allocations of the current thread (the test harness runs other
/// tests on other threads; only this thread's count is read).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// Memberships of 1, 4 and 16 offers with tokens, every kind, both portals.
fn memberships() -> Vec<Membership> {
    let mut all = Vec::new();
    for (offers, portal) in [(1, false), (4, false), (4, true), (16, false)] {
        let mut builder = Membership::builder("contoso");
        if portal {
            builder = builder.portal(mpn_renewals::Portal::Pmc);
        }
        for i in 0..offers {
            let bought = ymd(2019, 1 + (i % 12) as u32, 1 + i as u32);
            let draft = match i % 4 {
                0 if i == 0 => OfferDraft::action_pack(format!("o{i}"), bought),
                1 if i == 1 => OfferDraft::learning_action_pack(format!("o{i}"), bought),
                0 | 1 => OfferDraft::action_pack(format!("o{i}"), bought).origin_account("merged"),
                2 => OfferDraft::competency(format!("o{i}"), CompetencyLevel::Gold, "Data", bought),
                _ => {
                    OfferDraft::competency(format!("o{i}"), CompetencyLevel::Silver, "Data", bought)
                }
            };
            builder = builder.offer(draft);
        }
        builder = builder.token(Token::new("t", ymd(2020, 1, 5)));
        all.push(builder.build().unwrap());
    }
    all
}

#[test]
fn evaluate_into_allocates_nothing_after_the_first_call() {
    let memberships = memberships();
    let policies = [
        PolicySet::single(Policy::partner_center_2020()),
        PolicySet::partner_center_history(),
    ];
    for policies in &policies {
        let mut evaluation = Evaluation::new();
        // The first round may grow the buffers (16 offers spill to the heap).
        for membership in &memberships {
            policies.evaluate_into(membership, ymd(2020, 1, 1), &mut evaluation);
        }
        let mut days = 0;
        let count = allocations_during(|| {
            for membership in &memberships {
                let mut today = ymd(2019, 6, 1);
                while today < ymd(2021, 6, 1) {
                    policies.evaluate_into(membership, today, &mut evaluation);
                    std::hint::black_box(&evaluation);
                    today = today.succ_opt().unwrap();
                    days += 1;
                }
            }
        });
        assert!(days > 2_000);
        assert_eq!(count, 0, "{count} allocations in {days} evaluations");
    }
}

#[test]
fn evaluate_of_a_typical_membership_allocates_nothing() {
    // Up to four offers: the lists of the evaluation fit inline.
    for membership in memberships().iter().filter(|m| m.offers().len() <= 4) {
        let count = allocations_during(|| {
            let mut today = ymd(2019, 6, 1);
            while today < ymd(2021, 6, 1) {
                std::hint::black_box(evaluate(membership, today));
                today = today.succ_opt().unwrap();
            }
        });
        assert_eq!(count, 0, "{} offers", membership.offers().len());
    }
}

#[test]
fn the_counting_allocator_counts() {
    // Guards the two tests above against a counter that never moves.
    let count = allocations_during(|| {
        std::hint::black_box(vec![1u8; 64]);
    });
    assert_eq!(count, 1);
}
