//! The PHP that will run the code, as far as it is known: asked from the user's binary (version,
//! stream_get_transports(), OpenSSL, STREAM_CRYPTO_METHOD_* constants), or only a version from a setting or from
//! composer.json's require.php. Rules that depend on it stay quiet when nothing is known.

export interface PhpEnvironment {
	/** "8.2.36", or "7.1" from a setting or a constraint. */
	version: string;
	/** Where the facts come from, for messages and hovers: "/usr/bin/php 8.2.36", "composer.json require.php". */
	source: string;
	/** The binary that was asked, when one was. */
	path?: string;
	/** stream_get_transports() of that binary. */
	transports?: string[];
	/** OPENSSL_VERSION_TEXT, or null when the openssl extension is not loaded. */
	openssl?: string | null;
	/** The STREAM_CRYPTO_METHOD_* constants that binary defines. */
	cryptoConstants?: string[];
}

/** [major, minor, patch] of "8.2.36", "7.1", "v7.4.0-dev"; undefined when there is no number. */
export function versionParts(v: string): [number, number, number] | undefined {
	const m = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(v);
	return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : undefined;
}

/** v < "major.minor.patch"? */
export function olderThan(v: string, than: string): boolean {
	const a = versionParts(v);
	const b = versionParts(than)!;
	if (!a) return false;
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
	return false;
}

/** The lowest version a composer constraint allows: ">=7.1" → "7.1", "^8.1 || ^7.4" → "7.4", "~7.2.5" → "7.2.5". */
export function lowestAllowed(constraint: string): string | undefined {
	let best: string | undefined;
	for (const alt of constraint.split(/\|\|?/)) {
		const m = /(?:^|[\s,])(?:>=|\^|~|=)?\s*v?(\d+(?:\.\d+){0,2})(?!\S*<)/.exec(alt.trim());
		if (!m || /^\s*</.test(alt.trim())) continue;
		if (best === undefined || olderThan(m[1]!, best)) best = m[1]!;
	}
	return best;
}

export function majorMinor(v: string): string {
	const p = versionParts(v);
	return p ? `${p[0]}.${p[1]}` : v;
}

/**
 * The PHP a file's verdicts are for: `wanted` (transportLint.php.version) when set, with the binary's facts only if it
 * is the same major.minor; else the binary's answer (`detected`); else the lowest version composer.json's require.php
 * allows.
 */
export function effectivePhp(
	wanted: string | undefined,
	detected: PhpEnvironment | undefined,
	composerPhp?: string,
): PhpEnvironment | undefined {
	if (wanted) {
		if (detected && majorMinor(detected.version) === majorMinor(wanted)) return detected;
		return { version: wanted, source: `transportLint.php.version ${wanted}` };
	}
	if (detected) return detected;
	const lowest = composerPhp ? lowestAllowed(composerPhp) : undefined;
	return lowest ? { version: lowest, source: `composer.json require.php "${composerPhp}"` } : undefined;
}
