//! One or more tests per rule of the rules catalogue, one file per family of
//! rules, each test named after the rule it proves (`w3_…`); a test about
//! several rules is named after all of them, first the one it is filed under
//! (`p1_p2_m2_…` is in `preconditions.rs`).
//!
//! Every expected value is worked out by hand from the rules catalogue and
//! the wire contract; the arithmetic is in the comments. A test checks both
//! sides of the boundary it is about, so that an off-by-one fails it. A
//! denial of `apply` is checked twice: against the reasons derived by hand,
//! and against what `evaluate` says that day (`common::assert_blocked`,
//! `common::assert_not_open`).
//!
//! A test that reads or writes a serde form is compiled with the `serde`
//! feature only (`#[cfg(feature = "serde")]` above it).

mod action_pack;
mod benefits;
mod dates;
mod extensions;
mod membership;
mod merge;
mod preconditions;
#[cfg(feature = "serde")]
mod reminders;
mod window;
