//! Stable sorting with one copy of the sorting code in the app.
//!
//! `slice::sort_by` and `sort_by_key` are generic over the element and the closure, so
//! each call site compiles its own copy of the standard library's stable sort: about
//! 3.5 KB of wasm per call site, measured with twiggy on the release build. These
//! sort a list of positions instead, through one comparator behind `&dyn Fn`, so the
//! sorting code is compiled once; each call site adds only its comparison and a loop
//! of swaps that puts the elements in their places. Same result as the standard
//! library's: stable (equal elements keep their order), for lists of any length.
//! The price is one indirect call per comparison, nothing next to drawing a list.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, keeping the order of equal elements (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` by the key of each element, keeping the order of equal keys (as
/// `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The one instance of the standard library's sort: positions, compared by the caller.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts `v[order[i]]` at `i` for every `i`, by following each cycle of the
/// permutation with swaps; `order` is used up.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))] // proptest is a native dev-dependency only
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_by_key_and_keeps_equal_keys_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |p| p.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    #[test]
    fn sorts_by_a_comparison_in_either_direction() {
        let mut v = vec!["b", "c", "a"];
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a"]);
    }

    #[test]
    fn empty_and_single_lists_are_left_alone() {
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
        let mut one = vec![7];
        sort_by_key(&mut one, |x| *x);
        assert_eq!(one, [7]);
    }

    proptest! {
        /// The same order as the standard library's stable sort, duplicates included
        /// (keys from a small range, each element tagged with its first position).
        #[test]
        fn same_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..8, 0..200)) {
            let tagged: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = tagged.clone();
            expected.sort_by_key(|t| t.0);
            let mut ours = tagged;
            sort_by_key(&mut ours, |t| t.0);
            prop_assert_eq!(ours, expected);
        }

        /// Elements that own memory are moved, never copied or dropped twice.
        #[test]
        fn moves_owned_elements(words in proptest::collection::vec("[a-c]{0,3}", 0..60)) {
            let mut expected = words.clone();
            expected.sort_by(|a, b| b.len().cmp(&a.len()));
            let mut ours = words;
            sort_by(&mut ours, |a, b| b.len().cmp(&a.len()));
            prop_assert_eq!(ours, expected);
        }
    }
}
