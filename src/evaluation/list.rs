//! The lists of an evaluation, held inline up to a small capacity so that
//! an evaluation of a typical membership allocates nothing.
//!
//! The storage is one private generic type, [`Inline`]; the evaluation's
//! fields are four thin public types around it ([`OfferStatuses`],
//! [`Actions`], [`BlockedActions`], [`Reminders`]), so that the inline
//! capacities stay the crate's business and the lists stay covariant in
//! the lifetime of borrowed text (an evaluation of a longer-lived
//! membership can stand in for one of a shorter-lived one).

use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use super::{Blocked, OfferStatus, Reminder};
use crate::action::Action;
use crate::text::Text;

/// A value that fills the unused inline slots of an [`Inline`] list, never
/// seen through the list.
pub(crate) trait Filler: Sized {
    const FILLER: Self;
}

/// Up to `N` entries inline, then all of them on the heap.
struct Inline<T, const N: usize> {
    /// The entries while they fit: `inline[..len]`.
    inline: [T; N],
    len: usize,
    /// All the entries once they do not fit (`spilled`); kept, with its
    /// capacity, across [`Inline::clear`].
    heap: Vec<T>,
    spilled: bool,
}

impl<T: Filler, const N: usize> Inline<T, N> {
    const fn new() -> Self {
        Inline {
            inline: [T::FILLER; N],
            len: 0,
            heap: Vec::new(),
            spilled: false,
        }
    }

    #[inline]
    fn as_slice(&self) -> &[T] {
        if self.spilled {
            &self.heap
        } else {
            self.inline.get(..self.len).unwrap_or(&[])
        }
    }

    #[inline]
    fn push(&mut self, value: T) {
        if !self.spilled {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = value;
                self.len += 1;
                return;
            }
            // Full: the entries move to the heap, placeholders take their
            // slots.
            self.heap.clear();
            let entries = self.inline.iter_mut().take(self.len);
            self.heap
                .extend(entries.map(|slot| std::mem::replace(slot, T::FILLER)));
            self.spilled = true;
        }
        self.heap.push(value);
    }

    fn clear(&mut self) {
        self.len = 0;
        self.heap.clear();
        self.spilled = false;
    }

    fn into_vec(mut self) -> Vec<T> {
        if !self.spilled {
            let entries = self.inline.iter_mut().take(self.len);
            self.heap = entries
                .map(|slot| std::mem::replace(slot, T::FILLER))
                .collect();
        }
        self.heap
    }
}

/// One public list type: the storage with its capacity, and every trait a
/// list of values has, through the slice.
macro_rules! list {
    ($(#[$doc:meta])* $name:ident, $entry:ident, $capacity:literal) => {
        $(#[$doc])*
        pub struct $name<T = String>(Inline<$entry<T>, $capacity>);

        impl<T: Text> $name<T> {
            /// An empty list.
            #[inline]
            pub const fn new() -> Self {
                $name(Inline::new())
            }

            /// The entries, as a slice.
            #[inline]
            pub fn as_slice(&self) -> &[$entry<T>] {
                self.0.as_slice()
            }

            #[inline]
            pub(crate) fn push(&mut self, entry: $entry<T>) {
                self.0.push(entry);
            }

            #[inline]
            pub(crate) fn clear(&mut self) {
                self.0.clear();
            }
        }

        impl<T: Text> Default for $name<T> {
            fn default() -> Self {
                $name::new()
            }
        }

        impl<T: Text> Deref for $name<T> {
            type Target = [$entry<T>];

            #[inline]
            fn deref(&self) -> &[$entry<T>] {
                self.as_slice()
            }
        }

        impl<T: Text> Clone for $name<T> {
            fn clone(&self) -> Self {
                self.iter().cloned().collect()
            }
        }

        impl<T: Text> FromIterator<$entry<T>> for $name<T> {
            fn from_iter<I: IntoIterator<Item = $entry<T>>>(iter: I) -> Self {
                let mut list = $name::new();
                for entry in iter {
                    list.push(entry);
                }
                list
            }
        }

        impl<'s, T: Text> IntoIterator for &'s $name<T> {
            type Item = &'s $entry<T>;
            type IntoIter = std::slice::Iter<'s, $entry<T>>;

            fn into_iter(self) -> Self::IntoIter {
                self.as_slice().iter()
            }
        }

        impl<T: Text> IntoIterator for $name<T> {
            type Item = $entry<T>;
            type IntoIter = std::vec::IntoIter<$entry<T>>;

            /// The entries, by value (moved to a `Vec` if they were
            /// inline).
            fn into_iter(self) -> Self::IntoIter {
                self.0.into_vec().into_iter()
            }
        }

        impl<T: Text> fmt::Debug for $name<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_list().entries(self.as_slice()).finish()
            }
        }

        impl<A: Text, B: Text> PartialEq<$name<B>> for $name<A> {
            fn eq(&self, other: &$name<B>) -> bool {
                self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
            }
        }

        impl<T: Text> Eq for $name<T> {}

        impl<T: Text> Hash for $name<T> {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_slice().hash(state);
            }
        }

        impl<A: Text, B: Text> PartialEq<[$entry<B>]> for $name<A> {
            fn eq(&self, other: &[$entry<B>]) -> bool {
                self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
            }
        }

        impl<A: Text, B: Text> PartialEq<Vec<$entry<B>>> for $name<A> {
            fn eq(&self, other: &Vec<$entry<B>>) -> bool {
                *self == *other.as_slice()
            }
        }

        impl<A: Text, B: Text, const M: usize> PartialEq<[$entry<B>; M]> for $name<A> {
            fn eq(&self, other: &[$entry<B>; M]) -> bool {
                *self == *other.as_slice()
            }
        }

        #[cfg(feature = "serde")]
        impl<T: Text + serde::Serialize> serde::Serialize for $name<T> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(self.as_slice())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de, T: Text + serde::Deserialize<'de>> serde::Deserialize<'de> for $name<T> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let entries = <Vec<$entry<T>> as serde::Deserialize>::deserialize(deserializer)?;
                Ok(entries.into_iter().collect())
            }
        }
    };
}

// The inline capacities: a typical membership (a pack or two, a few
// competencies, a token) fits, so `evaluate` allocates nothing for it.

list!(
    /// The offers of an [`Evaluation`](super::Evaluation), one per offer of
    /// the membership, in its order. Read it as a slice of
    /// [`OfferStatus`]es (it dereferences to one).
    ///
    /// Its first few entries are held inline, in the evaluation itself; a
    /// membership with more spills to the heap. That is what lets
    /// [`evaluate`](crate::evaluate) answer a typical membership without
    /// allocating, and [`Rules::evaluate_into`](crate::Rules::evaluate_into)
    /// answer any membership without allocating once its buffers have
    /// grown. The same holds for the other lists of an evaluation.
    ///
    /// ```
    /// use mpn_renewals::{evaluate, Action, Membership, OfferDraft};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let membership = Membership::builder("contoso")
    ///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
    ///     .build()?;
    /// let evaluation = evaluate(&membership, day(2019, 9, 2));
    /// assert_eq!(evaluation.offers.len(), 1);
    /// assert_eq!(evaluation.offers[0].id, "maps");
    /// assert!(evaluation.allowed.contains(&Action::renew("maps")));
    /// # Ok::<(), mpn_renewals::Error>(())
    /// ```
    OfferStatuses,
    OfferStatus,
    4
);

list!(
    /// The actions open today: a list of [`Action`]s, read as a slice (see
    /// [`OfferStatuses`] for how the lists of an evaluation are held).
    Actions,
    Action,
    12
);

list!(
    /// The actions blocked today, each with its reasons: a list of
    /// [`Blocked`] entries, read as a slice (see [`OfferStatuses`] for how
    /// the lists of an evaluation are held).
    BlockedActions,
    Blocked,
    8
);

list!(
    /// The reminders and notices due today: a list of [`Reminder`]s, read
    /// as a slice (see [`OfferStatuses`] for how the lists of an evaluation
    /// are held).
    Reminders,
    Reminder,
    4
);

#[cfg(test)]
mod tests {
    use super::*;

    impl Filler for String {
        const FILLER: String = String::new();
    }

    impl Filler for u8 {
        const FILLER: u8 = 0;
    }

    #[test]
    fn entries_spill_to_the_heap_and_keep_order() {
        let mut entries: Inline<u8, 2> = Inline::new();
        assert!(entries.as_slice().is_empty());
        for value in 1..=5 {
            entries.push(value);
        }
        assert_eq!(entries.as_slice(), [1, 2, 3, 4, 5]);
        entries.clear();
        assert!(entries.as_slice().is_empty());
        entries.push(9);
        assert_eq!(entries.as_slice(), [9]);
        // Cleared after spilling, it fills its slots again, then spills.
        entries.push(8);
        entries.push(7);
        assert_eq!(entries.into_vec(), [9, 8, 7]);
    }

    #[test]
    fn entries_that_own_memory_move_by_value_inline_or_spilled() {
        let mut inline: Inline<String, 2> = Inline::new();
        inline.push("a".to_owned());
        assert_eq!(inline.into_vec(), ["a"]);
        let mut spilled: Inline<String, 2> = Inline::new();
        for text in ["a", "b", "c"] {
            spilled.push(text.to_owned());
        }
        assert_eq!(spilled.as_slice(), ["a", "b", "c"]);
        assert_eq!(spilled.into_vec(), ["a", "b", "c"]);
    }
}
