//! Documentation only: the pages below ship with the crate and render on
//! docs.rs, so that nothing a reader needs lives outside the package.

#[doc = include_str!("rules.md")]
pub mod rules {}

#[doc = include_str!("wire.md")]
pub mod wire {}

#[cfg(feature = "messages")]
#[cfg_attr(docsrs, doc(cfg(feature = "messages")))]
#[doc = include_str!("messages.md")]
pub mod messages {}
