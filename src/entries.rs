//! [`Entries`]: the lists of an evaluation, held inline up to a small
//! capacity so that an evaluation of a typical membership allocates nothing.

use std::fmt;
use std::ops::Deref;

/// A list of the entries of an [`Evaluation`](crate::Evaluation): read it as
/// a slice (it dereferences to `[T]`: `len`, `iter`, indexing, `contains`).
///
/// The first `N` entries are held inline, in the evaluation itself; only a
/// membership with more entries than that spills to the heap. That is what
/// lets [`evaluate`](crate::evaluate) answer a typical membership without
/// allocating, and [`Policy::evaluate_into`](crate::Policy::evaluate_into)
/// answer any membership without allocating once its buffers have grown.
///
/// ```
/// use mpn_renewals::{evaluate, Membership, OfferDraft};
/// use chrono::NaiveDate;
///
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let membership = Membership::builder("contoso")
///     .offer(OfferDraft::action_pack("maps", day(2018, 9, 1)))
///     .build()?;
/// let evaluation = evaluate(&membership, day(2019, 9, 2));
/// assert_eq!(evaluation.offers.len(), 1);
/// assert_eq!(evaluation.offers[0].id, "maps");
/// assert!(evaluation.allowed.iter().any(|action| action.name() == "renew"));
/// # Ok::<(), mpn_renewals::Error>(())
/// ```
#[derive(Clone)]
pub struct Entries<T: Filler, const N: usize> {
    /// The entries while they fit: `inline[..len]`.
    inline: [T; N],
    len: usize,
    /// All the entries once they do not fit (`spilled`); kept, with its
    /// capacity, across [`Entries::clear`].
    heap: Vec<T>,
    spilled: bool,
}

/// A value that fills the unused inline slots of [`Entries`]. Implemented for
/// the entry types of an evaluation only; never seen through the slice.
pub trait Filler: Copy {
    /// The placeholder.
    const FILLER: Self;
}

impl<T: Filler, const N: usize> Entries<T, N> {
    /// An empty list.
    #[inline]
    pub const fn new() -> Self {
        Entries {
            inline: [T::FILLER; N],
            len: 0,
            heap: Vec::new(),
            spilled: false,
        }
    }

    /// The entries, as a slice.
    pub fn as_slice(&self) -> &[T] {
        if self.spilled {
            &self.heap
        } else {
            self.inline.get(..self.len).unwrap_or(&[])
        }
    }

    pub(crate) fn push(&mut self, value: T) {
        if !self.spilled {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = value;
                self.len += 1;
                return;
            }
            self.heap.clear();
            self.heap.extend_from_slice(&self.inline);
            self.spilled = true;
        }
        self.heap.push(value);
    }

    pub(crate) fn clear(&mut self) {
        self.len = 0;
        self.heap.clear();
        self.spilled = false;
    }

    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        if self.spilled {
            &mut self.heap
        } else {
            self.inline.get_mut(..self.len).unwrap_or(&mut [])
        }
    }

    /// Removes the entry at `index`, keeping the order of the others.
    pub(crate) fn remove(&mut self, index: usize) {
        let entries = self.as_mut_slice();
        if index < entries.len() {
            if let Some(tail) = entries.get_mut(index..) {
                tail.rotate_left(1);
            }
            if self.spilled {
                self.heap.pop();
            } else {
                self.len -= 1;
            }
        }
    }
}

impl<T: Filler, const N: usize> Default for Entries<T, N> {
    fn default() -> Self {
        Entries::new()
    }
}

impl<T: Filler, const N: usize> Deref for Entries<T, N> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        self.as_slice()
    }
}

impl<'s, T: Filler, const N: usize> IntoIterator for &'s Entries<T, N> {
    type Item = &'s T;
    type IntoIter = std::slice::Iter<'s, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: Filler, const N: usize> IntoIterator for Entries<T, N> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    /// The entries, by value (copied to a `Vec` if they were inline).
    fn into_iter(self) -> Self::IntoIter {
        if self.spilled {
            self.heap.into_iter()
        } else {
            self.as_slice().to_vec().into_iter()
        }
    }
}

impl<T: Filler + fmt::Debug, const N: usize> fmt::Debug for Entries<T, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.as_slice()).finish()
    }
}

impl<T: Filler + PartialEq, const N: usize> PartialEq for Entries<T, N> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Filler + Eq, const N: usize> Eq for Entries<T, N> {}

impl<T: Filler + PartialEq, const N: usize> PartialEq<[T]> for Entries<T, N> {
    fn eq(&self, other: &[T]) -> bool {
        self.as_slice() == other
    }
}

impl<T: Filler + PartialEq, const N: usize> PartialEq<Vec<T>> for Entries<T, N> {
    fn eq(&self, other: &Vec<T>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Filler + PartialEq, const N: usize, const M: usize> PartialEq<[T; M]> for Entries<T, N> {
    fn eq(&self, other: &[T; M]) -> bool {
        self.as_slice() == other.as_slice()
    }
}

#[cfg(feature = "serde")]
impl<T: Filler + serde::Serialize, const N: usize> serde::Serialize for Entries<T, N> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Filler for u8 {
        const FILLER: Self = 0;
    }

    #[test]
    fn entries_spill_to_the_heap_and_keep_order() {
        let mut entries: Entries<u8, 2> = Entries::new();
        assert!(entries.is_empty());
        for value in 1..=5 {
            entries.push(value);
        }
        assert_eq!(entries.as_slice(), [1, 2, 3, 4, 5]);
        entries.remove(1);
        assert_eq!(entries.as_slice(), [1, 3, 4, 5]);
        entries.clear();
        assert!(entries.is_empty());
        entries.push(9);
        entries.push(8);
        entries.remove(0);
        assert_eq!(entries.as_slice(), [8]);
        entries.remove(7); // out of range: nothing
        assert_eq!(entries, vec![8]);
    }

    #[test]
    fn removing_one_past_the_end_does_nothing() {
        // Inline: the index equal to the length is out of range too.
        let mut inline: Entries<u8, 4> = Entries::new();
        inline.push(1);
        inline.remove(1);
        assert_eq!(inline.as_slice(), [1]);
        // Spilled.
        let mut spilled: Entries<u8, 1> = Entries::new();
        spilled.push(1);
        spilled.push(2);
        spilled.remove(2);
        assert_eq!(spilled.as_slice(), [1, 2]);
        spilled.remove(0);
        assert_eq!(spilled.as_slice(), [2]);
    }

    #[test]
    fn equality_compares_the_entries_not_the_storage() {
        let mut inline: Entries<u8, 4> = Entries::new();
        let mut spilled: Entries<u8, 4> = Entries::new();
        for value in 1..=6 {
            spilled.push(value);
        }
        for _ in 0..3 {
            spilled.remove(3);
        }
        for value in 1..=3 {
            inline.push(value);
        }
        // The same entries, one list inline and the other on the heap.
        assert_eq!(inline, spilled);
        assert_eq!(inline, [1, 2, 3]);
        assert_eq!(spilled, vec![1, 2, 3]);
        assert_eq!(inline, *[1u8, 2, 3].as_slice());
        // And the differences are seen, whatever the other side's type.
        let other: Entries<u8, 4> = Entries::new();
        assert_ne!(inline, other);
        assert_ne!(inline, [1, 2]);
        assert_ne!(inline, [1, 2, 4]);
        assert_ne!(inline, vec![3, 2, 1]);
        assert_ne!(inline, *[1u8, 2].as_slice());
        // The unused inline slots (fillers) are not compared.
        let mut shorter: Entries<u8, 4> = Entries::new();
        shorter.push(1);
        shorter.push(2);
        shorter.push(3);
        shorter.push(4);
        shorter.remove(3);
        assert_eq!(shorter, inline);
    }

    #[test]
    fn debug_lists_the_entries_only() {
        let mut entries: Entries<u8, 4> = Entries::new();
        entries.push(7);
        entries.push(9);
        assert_eq!(format!("{entries:?}"), "[7, 9]");
        assert_eq!(format!("{:?}", Entries::<u8, 2>::default()), "[]");
    }

    #[test]
    fn into_iter_yields_the_entries_by_value_inline_or_spilled() {
        let mut entries: Entries<u8, 2> = Entries::new();
        entries.push(1);
        entries.push(2);
        assert_eq!(entries.clone().into_iter().collect::<Vec<_>>(), [1, 2]);
        assert_eq!((&entries).into_iter().copied().collect::<Vec<_>>(), [1, 2]);
        entries.push(3);
        assert_eq!(entries.clone().into_iter().collect::<Vec<_>>(), [1, 2, 3]);
        let mut slice = entries.clone();
        if let Some(first) = slice.as_mut_slice().first_mut() {
            *first = 5;
        }
        assert_eq!(slice, [5, 2, 3]);
    }
}
