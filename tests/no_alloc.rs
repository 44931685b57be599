//! Zero heap allocations on the hot path: `Policy::evaluate_into` reuses the
//! buffers of an earlier evaluation and allocates nothing after the first
//! call; `evaluate` of a typical membership allocates nothing at all; an
//! explanation (feature `messages`) written into a `fmt::Write` target
//! allocates nothing. Proven with a counting global allocator, in a test
//! binary of its own.
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

/// A `fmt::Write` target on the stack: what it is given is all it holds.
#[cfg(feature = "messages")]
struct StackText {
    bytes: [u8; 4096],
    len: usize,
}

#[cfg(feature = "messages")]
impl std::fmt::Write for StackText {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let end = self.len + text.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?;
        slot.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(feature = "messages")]
impl StackText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap()
    }
}

#[test]
#[cfg(feature = "messages")]
fn explaining_into_a_fmt_write_target_allocates_nothing() {
    use std::fmt::Write;

    use mpn_renewals::messages::Locale;

    let policy = Policy::partner_center_2020();
    // Packs and competencies under both extensions of 2020 (E1, E2), so
    // that every kind of sentence is written: blocked entries with their
    // dates, reminders with the reactivation end or the override, statuses.
    let membership = Membership::builder("contoso")
        .offer(OfferDraft::action_pack("maps", ymd(2019, 1, 20)).auto_renew(false))
        .offer(
            OfferDraft::competency("h1", CompetencyLevel::Gold, "Data", ymd(2015, 1, 1))
                .anniversary(ymd(2020, 1, 15)),
        )
        .offer(
            OfferDraft::competency("h2", CompetencyLevel::Silver, "Data", ymd(2015, 1, 1))
                .anniversary(ymd(2020, 8, 10)),
        )
        .token(Token::new("t", ymd(2020, 1, 5)))
        .build()
        .unwrap();
    let mut out = StackText {
        bytes: [0; 4096],
        len: 0,
    };
    let (mut sentences, mut korean) = (0, 0);
    let count = allocations_during(|| {
        let mut today = ymd(2019, 12, 1);
        while today < ymd(2020, 12, 31) {
            let evaluation = evaluate(&membership, today);
            for locale in Locale::ALL {
                for blocked in evaluation.blocked.iter() {
                    out.len = 0;
                    write!(out, "{}", blocked.explain(locale)).unwrap();
                    sentences += 1;
                }
                for reminder in evaluation.reminders.iter() {
                    let status = evaluation.offer(reminder.offer).unwrap();
                    let extension = policy
                        .extensions()
                        .iter()
                        .find(|e| Some(e.name()) == reminder.extension);
                    let mut explanation = reminder.explain(locale).with_offer(status);
                    if let Some(extension) = extension {
                        explanation = explanation.with_extension(extension);
                    }
                    out.len = 0;
                    write!(out, "{explanation}").unwrap();
                    sentences += 1;
                }
                for status in evaluation.offers.iter() {
                    out.len = 0;
                    write!(out, "{}", status.explain(locale)).unwrap();
                    sentences += 1;
                }
            }
            if let Some(blocked) = evaluation.blocked.iter().next() {
                out.len = 0;
                write!(out, "{}", blocked.explain(Locale::Ko)).unwrap();
                korean += usize::from(out.as_str().contains("수 없습니다"));
            }
            today = today.succ_opt().unwrap();
        }
    });
    assert!(sentences > 3_000, "{sentences} sentences");
    assert!(korean > 300, "{korean} Korean sentences");
    assert_eq!(count, 0, "{count} allocations in {sentences} sentences");
}

#[test]
fn the_counting_allocator_counts() {
    // Guards the two tests above against a counter that never moves.
    let count = allocations_during(|| {
        std::hint::black_box(vec![1u8; 64]);
    });
    assert_eq!(count, 1);
}
