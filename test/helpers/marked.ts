//! «…» marks expected spans in test inputs ($0 collides with PHP variables and [...] with IPv6 brackets).
import assert from 'node:assert/strict';
import {
	analyze,
	applyEdits,
	applyFixes,
	normalizeSettings,
	type FileKind,
	type Finding,
	type ProjectFacts,
} from '../../server/src/engine/index';

export interface Marked {
	text: string;
	ranges: { start: number; end: number }[];
}

export function marked(input: string): Marked {
	const ranges: { start: number; end: number }[] = [];
	let text = '';
	let open = -1;
	for (const ch of input) {
		if (ch === '«') open = text.length;
		else if (ch === '»') {
			ranges.push({ start: open, end: text.length });
			open = -1;
		} else text += ch;
	}
	return { text, ranges };
}

/** PHP inputs get an opening tag when they have none. */
export function source(text: string, kind: FileKind): string {
	return kind === 'php' && !text.includes('<?') ? `<?php ${text}` : text;
}

export function findings(
	text: string,
	kind: FileKind = 'php',
	settings: unknown = {},
	project?: ProjectFacts,
): Finding[] {
	const result = analyze(source(text, kind), kind, normalizeSettings(settings), project);
	assert.deepEqual(result.errors, []);
	return result.findings;
}

/** The rule fires exactly on the marked spans (and nowhere else). */
export function check(rule: string, input: string, kind: FileKind = 'php', settings: unknown = {}): Finding[] {
	const { text, ranges } = marked(input);
	const src = source(text, kind);
	const shift = src.length - text.length;
	const got = findings(text, kind, settings).filter((f) => f.ruleId === rule);
	const show = (r: { start: number; end: number }) => JSON.stringify(src.slice(r.start, r.end));
	assert.deepEqual(
		got.map((f) => show(f)),
		ranges.map((r) => show({ start: r.start + shift, end: r.end + shift })),
		`${rule} on ${input}`,
	);
	return got;
}

/** The rule stays quiet. */
export function quiet(rule: string, text: string, kind: FileKind = 'php', settings: unknown = {}): void {
	const got = findings(text, kind, settings).filter((f) => f.ruleId === rule);
	assert.deepEqual(
		got.map((f) => f.message),
		[],
		`${rule} should be quiet on ${text}`,
	);
}

/** Applying the rule's preferred fixes turns `before` into `after`; applying them again changes nothing. */
export function checkFix(rule: string, before: string, after: string, kind: FileKind = 'php'): void {
	const src = source(before, kind);
	const own = (text: string) => analyze(text, kind).findings.filter((f) => f.ruleId === rule);
	const once = applyFixes(src, own(src)).text;
	assert.equal(once, source(after, kind), `fix of ${rule} on ${before}`);
	assert.equal(applyFixes(once, own(once)).text, once, `fix of ${rule} is idempotent on ${before}`);
}

/**
 * The fix titled `title` of the rule's first finding, applied: for fixes that are a choice (not preferred, so Fix All
 * leaves them), which checkFix cannot reach.
 */
export function checkChoice(rule: string, before: string, title: string, after: string, kind: FileKind = 'php'): void {
	const src = source(before, kind);
	const f = analyze(src, kind).findings.find((x) => x.ruleId === rule);
	const fix = f?.fixes.find((x) => x.title === title);
	assert.ok(fix, `${rule} offers "${title}" on ${before}: ${f?.fixes.map((x) => x.title).join(' | ')}`);
	assert.equal(applyEdits(src, [fix.edits]).text, source(after, kind), `"${title}" on ${before}`);
}

/** The titles of the fixes offered for the rule's first finding. */
export function fixTitles(rule: string, text: string, kind: FileKind = 'php'): string[] {
	return (
		findings(text, kind)
			.find((f) => f.ruleId === rule)
			?.fixes.map((f) => f.title) ?? []
	);
}
