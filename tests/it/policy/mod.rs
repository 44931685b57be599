//! Policies as values and as data: the presets of the rules catalogue's
//! "Policy history", the effective-dated `PolicySet`, and the policy files
//! of `examples/policies/` with every refusal of a bad one. The rules that a
//! policy changes (E6, the opt-in extension; A1 across a change of version)
//! are tested with their rules under `rules/`.
//!
//! The policy files are JSON, so this module needs the `serde` feature.

mod files;
mod history;
mod presets;
