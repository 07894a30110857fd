//! Binary search over anything sorted, by index.

/** The first index in [0, n) for which `past` holds (it holds from some index on), or n. */
export function firstAt(n: number, past: (k: number) => boolean): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (past(mid)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}
