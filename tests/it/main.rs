//! The integration tests of mpn-renewals: one test binary, laid out by what
//! each part checks.
//!
//! ```text
//! tests/it/
//!   main.rs            this file
//!   common.rs          helpers shared by every module (and by the two other test binaries)
//!   rules/             one file per family of rules, each test named after its rule
//!     membership.rs    M1–M4   network membership, offers, one Action Pack per account
//!     window.rs        W1–W8   anniversary, renewal window, renewal term, lapse
//!     reminders.rs     N1–N5   reminders and notices
//!     preconditions.rs P1–P4   requirements, business profile, Partner Center, PMC
//!     action_pack.rs   A1–A5   automatic renewal, cancellation, invoice
//!     extensions.rs    E1–E6   the COVID-19 extensions
//!     benefits.rs      B1–B5   benefits, licenses, tokens
//!     merge.rs         G1–G2   merged accounts
//!     dates.rs         D1–D5   decisions on dates
//!   apply.rs           `apply`'s denials and guarantees that name no rule
//!   evaluation.rs      `Action`'s short form, `Reasons`, the empty evaluation
//!   names.rs           the text forms: `Display` and `FromStr` of every wire name, actions with `:` in an id
//!   timeline.rs        `timeline` and `reminders_between` worked out by hand
//!   impact.rs          `impact` of a policy change, worked out by hand from the rules and the policies' knobs
//!   simulation.rs      `simulate`: automatic renewals, plans, failed charges, worked out by hand
//!   batch.rs           `evaluate_each` and `par_evaluate_each`
//!   golden.rs          the golden cases of `tests/data/cases/`
//!   messages.rs        the message catalogue: every message in every locale, dates, `Locale`'s tags,
//!                      and the snapshot of the golden cases explained (`tests/data/messages.snapshot`)
//!   lint.rs            `Policy::lint` and `PolicySet::lint`: each finding, found and not, word for word
//!   policy/            presets.rs, history.rs (`PolicySet`), files.rs (policy files and their refusals)
//!   wire/              membership.rs (serde form, every refusal), policy.rs, schema.rs (the JSON Schemas),
//!                      errors.rs (one error story: paths, quoting, refusals of `apply`)
//!   properties/        evaluation.rs, time.rs, strategies.rs (what the generators draw),
//!                      answers.rs (owned answers read back), breakpoints.rs (timeline = every day compared),
//!                      impact.rs (impact from breakpoints = every day compared)
//!   reference/         mod.rs (the naive oracle), cases.rs, differential.rs, sweeps.rs
//! ```
//!
//! Two more test binaries stand beside this one: `tests/command.rs` runs the
//! example command as a process, and `tests/no_alloc.rs` installs a counting
//! global allocator, which must not count the allocations of other tests.
//!
//! Modules and tests that read or write a serde form need the `serde`
//! feature (on by default); those that draw from the generators need
//! `proptest`; `par_evaluate_each` needs `rayon`; the explanations need
//! `messages`.

// Test helpers are ordinary functions, outside any `#[test]`, so clippy's
// `allow-*-in-tests` settings (clippy.toml) do not reach them: like the
// tests, they fail loudly on a broken expectation.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
// Without every feature, the helpers and imports of the modules and tests
// that are left out go unused.
#![cfg_attr(
    not(all(feature = "serde", feature = "proptest", feature = "rayon")),
    allow(dead_code, unused_imports)
)]

mod common;

mod apply;
mod batch;
mod evaluation;
#[cfg(feature = "serde")]
mod golden;
mod impact;
mod lint;
#[cfg(all(feature = "messages", feature = "serde"))]
mod messages;
mod names;
#[cfg(feature = "serde")]
mod policy;
#[cfg(feature = "proptest")]
mod properties;
mod reference;
mod rules;
mod simulation;
#[cfg(feature = "proptest")]
mod timeline;
mod wire;
