//! Offset → zero-based line and UTF-16 column, for the CLI and SARIF (the server uses TextDocument.positionAt).

export type Position = { line: number; character: number };

/** Appends to `out` the offset (plus `base`) just after each line end in `text`: \n, \r\n or a lone \r. */
export function lineStarts(text: string, base = 0, out: number[] = []): number[] {
	if (text.indexOf('\r') < 0) {
		// The usual case: only \n ends lines, and indexOf finds them much faster than a loop over every character.
		for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(base + i + 1);
	} else
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 10) out.push(base + i + 1);
			else if (c === 13) out.push(base + (text.charCodeAt(i + 1) === 10 ? ++i + 1 : i + 1));
		}
	return out;
}

export function lineIndex(text: string): (offset: number) => Position {
	const starts = lineStarts(text, 0, [0]);
	return (offset) => {
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo, character: offset - starts[lo]! };
	};
}

/** The text from the start of the line holding `at` up to `at`, when that line starts within `reach` ('' otherwise). */
export function lineBefore(src: string, at: number, reach: number): string {
	const from = Math.max(0, at - reach);
	const before = src.slice(from, at);
	const nl = before.lastIndexOf('\n');
	if (nl >= 0) return before.slice(nl + 1);
	return from === 0 ? before : '';
}
