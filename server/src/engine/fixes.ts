//! Applies fixes to a text, for the CLI's --fix and for fix-all. Overlapping edits are refused, not merged.
import type { Edit, Finding } from './types';

export interface AppliedFixes {
	text: string;
	applied: number;
	/** Edits left out because they overlap an edit already taken. */
	skipped: number;
}

/** Applies each edit set whole or not at all; earlier-starting sets win overlaps. */
export function applyEdits(text: string, editSets: Edit[][]): AppliedFixes {
	const taken: Edit[] = [];
	let skipped = 0;
	const overlaps = (a: Edit, b: Edit): boolean =>
		a.start < b.end && b.start < a.end ? true : a.start === b.start && a.end === a.start && b.end === b.start;
	const sorted = [...editSets].sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
	for (const set of sorted) {
		if (set.some((e) => taken.some((t) => overlaps(e, t)))) {
			skipped++;
			continue;
		}
		taken.push(...set);
	}
	taken.sort((a, b) => b.start - a.start || b.end - a.end);
	let out = text;
	for (const e of taken) out = out.slice(0, e.start) + e.text + out.slice(e.end);
	return { text: out, applied: sorted.length - skipped, skipped };
}

/** The preferred fix of every finding that has one. */
export function applyFixes(text: string, findings: Finding[]): AppliedFixes {
	const sets = findings.flatMap((f) => {
		const fix = f.fixes.find((x) => x.preferred);
		return fix ? [fix.edits] : [];
	});
	return applyEdits(text, sets);
}
