//! The wire forms: the membership the crate reads, the policy file, and the
//! JSON Schemas of `schema/` that describe them and the evaluation.

#[cfg(feature = "serde")]
mod errors;
#[cfg(feature = "serde")]
mod membership;
#[cfg(feature = "serde")]
mod policy;
#[cfg(all(feature = "serde", feature = "proptest"))]
mod schema;
