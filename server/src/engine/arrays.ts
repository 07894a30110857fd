//! Arrays as long as a document (its tokens, candidates, targets), changed on a keystroke without copying them.

/**
 * `all` with its items [from, to) replaced by `fresh`, in place: the items after them move, none is copied into a
 * new array. On a keystroke in a 2 MB file with a URL on every line, copying such arrays (a slice before the edit,
 * the rest appended) was most of the time the incremental passes took.
 */
export function replaceRange<T>(all: T[], from: number, to: number, fresh: readonly T[]): T[] {
	// Spread arguments are bounded by the stack: a long run of new items is put in by concatenation instead.
	if (fresh.length > 10_000) return all.slice(0, from).concat(fresh, all.slice(to));
	all.splice(from, to - from, ...fresh);
	return all;
}
