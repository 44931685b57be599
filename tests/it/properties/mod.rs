//! Properties over the crate's own generators (`mpn_renewals::strategies`,
//! feature `proptest`), used exactly as a downstream suite would use them;
//! each property names the bug it is there to catch.

#[cfg(feature = "serde")]
mod answers;
mod breakpoints;
#[cfg(feature = "serde")]
mod evaluation;
mod impact;
mod simulation;
mod strategies;
mod time;
