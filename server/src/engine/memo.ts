//! A bounded cache for the engine's pure string functions (URL, host and scheme parsing). The same URLs and hosts
//! come back on every keystroke and are often repeated within a file; results are shared, so callers must not mutate
//! them.

/** Longer strings are not cached (pathological input). */
const MAX_KEY = 512;

/**
 * `fn` with its results kept for up to `max` distinct strings (then the cache starts over: memory stays bounded).
 * The key and what `fn` reads are a copy of the string, not a slice of the document it came from, so that the
 * cache never keeps a document's text alive.
 */
export function memoizeString<R>(fn: (s: string) => R, max = 4096): (s: string) => R {
	const cache = new Map<string, R>();
	return (s: string): R => {
		let r = cache.get(s);
		if (r !== undefined || cache.has(s)) return r as R;
		if (s.length > MAX_KEY) return fn(s);
		if (cache.size >= max) cache.clear();
		const own = ownCopy(s);
		r = fn(own);
		cache.set(own, r);
		return r;
	};
}

/** A flat copy: concatenating then slicing makes V8 flatten into a new string instead of pointing into `s`'s parent. */
export function ownCopy(s: string): string {
	return (' ' + s).slice(1);
}
