//! Applies fixes to a text, for the CLI's --fix and for fix-all. Overlapping edits are refused, not merged.
import { analyze } from './analyze';
import type { Settings } from './settings';
import type { TextEdit } from './scan/php-lexer';
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
 * fixing all twice gives the same text as once. Bounded: a fix never produces the text it started from. `findings`:
 * those of the returned text (what is left), from the round that found nothing more to fix.
 */
export function fixAll(
	text: string,
	kind: FileKind,
	settings?: Settings,
	maxRounds = 5,
): { text: string; applied: number; findings: Finding[] } {
	let current = text;
	let applied = 0;
	for (let round = 0; round < maxRounds; round++) {
		const findings = analyze(current, kind, settings).findings;
		const fixed = applyFixes(current, findings);
		if (fixed.applied === 0 || fixed.text === current) return { text: current, applied, findings };
		applied += fixed.applied;
		current = fixed.text;
	}
	return { text: current, applied, findings: analyze(current, kind, settings).findings };
}

/** One edit that turns `before` into `after`: the span between their common prefix and suffix. */
export function diffEdit(before: string, after: string): Edit | undefined {
	if (before === after) return undefined;
	const span = diffSpan(before, after);
	return { start: span.start, end: span.oldEnd, text: after.slice(span.start, span.newEnd) };
}

/**
 * The one span that differs between two texts (their longest common prefix, then the longest common suffix of what
 * is left), found by comparing blocks first: two large texts that differ in one place cost a few block comparisons,
 * not one per character.
 */
export function diffSpan(before: string, after: string): TextEdit {
	const max = Math.min(before.length, after.length);
	let p = 0;
	for (let block = 4096; block >= 1; block >>= 4)
		while (p + block <= max && before.slice(p, p + block) === after.slice(p, p + block)) p += block;
	let q = 0;
	const room = max - p;
	for (let block = 4096; block >= 1; block >>= 4)
		while (
			q + block <= room &&
			before.slice(before.length - q - block, before.length - q) ===
				after.slice(after.length - q - block, after.length - q)
		)
			q += block;
	return { start: p, oldEnd: before.length - q, newEnd: after.length - q };
}
