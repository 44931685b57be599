//! [`Text`]: the text of an answer, borrowed or owned.

use std::fmt;
use std::hash::Hash;

mod sealed {
    pub trait Sealed {}
    impl Sealed for &str {}
    impl Sealed for String {}
}

/// The text of an answer (an offer's or a token's id, a policy's or an
/// extension's name): `&'a str`, borrowed from the membership and the
/// policy an evaluation was made from, or `String`, owned.
///
/// The engine answers with borrowed text (`Evaluation<&'a str>`): no string
/// is copied, and an evaluation's entries are plain values that cost
/// nothing to copy or drop. `into_owned()` turns any answer into its owned
/// form (`Evaluation<String>`, the default type), a `'static` value to
/// store, send to another thread or return; the two forms compare equal,
/// and the owned one reads back from the serde form.
///
/// Sealed: implemented for `&str` and `String` only.
///
/// ```
/// use mpn_renewals::{Action, Evaluation};
///
/// let borrowed: Action<&str> = Action::renew("maps");
/// let owned: Action = borrowed.into_owned(); // Action<String>
/// assert_eq!(owned, borrowed);
/// fn keep(_: Evaluation) {} // an owned evaluation, 'static
/// ```
pub trait Text: sealed::Sealed + AsRef<str> + Clone + Eq + Ord + Hash + fmt::Debug {
    /// The empty text.
    #[doc(hidden)]
    const EMPTY: Self;

    /// The text, owned.
    fn into_string(self) -> String;
}

impl Text for &str {
    const EMPTY: Self = "";

    fn into_string(self) -> String {
        self.to_owned()
    }
}

impl Text for String {
    const EMPTY: Self = String::new();

    fn into_string(self) -> String {
        self
    }
}

/// Whether two texts of any form are the same text.
pub(crate) fn same(a: &impl Text, b: &impl Text) -> bool {
    a.as_ref() == b.as_ref()
}

/// Whether two optional texts of any form are the same.
pub(crate) fn same_option<A: Text, B: Text>(a: &Option<A>, b: &Option<B>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}
