//! Applies fixes to a text, for the CLI's --fix and for fix-all. Overlapping edits are refused, not merged.
import { analyze } from './analyze';
import type { Settings } from './settings';
import type { Edit, FileKind, Finding } from './types';

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

/**
 * Applies preferred fixes until nothing changes (a fix can uncover a finding a syntax rule was hiding), so that
 * fixing all twice gives the same text as once. Bounded: a fix never produces the text it started from.
 */
export function fixAll(
	text: string,
	kind: FileKind,
	settings?: Settings,
	maxRounds = 5,
): { text: string; applied: number } {
	let current = text;
	let applied = 0;
	for (let round = 0; round < maxRounds; round++) {
		const fixed = applyFixes(current, analyze(current, kind, settings).findings);
		if (fixed.applied === 0 || fixed.text === current) break;
		applied += fixed.applied;
		current = fixed.text;
	}
	return { text: current, applied };
}

/** One edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function diffEdit(before: string, after: string): Edit | undefined {
	if (before === after) return undefined;
	let start = 0;
	while (start < before.length && start < after.length && before[start] === after[start]) start++;
	let end = 0;
	while (
		end < before.length - start &&
		end < after.length - start &&
		before[before.length - 1 - end] === after[after.length - 1 - end]
	)
		end++;
	return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
