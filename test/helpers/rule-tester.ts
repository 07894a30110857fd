//! Rule tests as tables, in the shape of ESLint's RuleTester: `valid` rows the rule stays quiet on, `invalid` rows
//! with the spans it flags marked «…» in the code, the message id of each span in `errors`, and `output`, what its
//! preferred fixes (the ones Fix All applies) make of the code; applying them again changes nothing. One test per row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyFixes, type FileKind, type ProjectFacts } from '../../server/src/engine/index';
import { findings, marked, source } from './marked';

interface Row {
	code: string;
	kind?: FileKind;
	settings?: unknown;
	project?: ProjectFacts;
}

export interface InvalidRow extends Row {
	/** The message id of each «…» span, in order. */
	errors: string[];
	/** The code once the preferred fixes are applied; left out when the rule offers none to apply. */
	output?: string;
}

export interface RuleTable {
	valid?: (string | Row)[];
	invalid?: InvalidRow[];
}

/** The rule's findings on a row's code (given whole, or with the opening tag it gets). */
function own(rule: string, text: string, row: Row) {
	return findings(text, row.kind, row.settings, row.project).filter((f) => f.ruleId === rule);
}

/** The rows of one part of a rule's behaviour, under `title`. */
export function ruleTester(rule: string, title: string, table: RuleTable): void {
	describe(`${rule}: ${title}`, () => {
		for (const v of table.valid ?? []) {
			const row = typeof v === 'string' ? { code: v } : v;
			test(`valid: ${row.code}`, () => {
				const got = own(rule, row.code, row);
				assert.deepEqual(
					got.map((f) => f.message),
					[],
				);
			});
		}
		for (const row of table.invalid ?? []) {
			test(`invalid: ${row.code}`, () => {
				const kind = row.kind ?? 'php';
				const { text, ranges } = marked(row.code);
				assert.equal(ranges.length, row.errors.length, 'one message id per «…» span');
				const src = source(text, kind);
				const shift = src.length - text.length;
				const got = own(rule, src, row);
				const show = (r: { start: number; end: number }) => JSON.stringify(src.slice(r.start, r.end));
				assert.deepEqual(
					got.map((f) => `${show(f)} ${f.messageId}`),
					ranges.map((r, i) => `${show({ start: r.start + shift, end: r.end + shift })} ${row.errors[i]}`),
				);
				const once = applyFixes(src, got).text;
				if (row.output === undefined) assert.equal(once, src, 'the rule fixed the code: give the row an output');
				else {
					assert.equal(once, source(row.output, kind), 'output');
					assert.equal(applyFixes(once, own(rule, once, row)).text, once, 'fixing again changes nothing');
				}
			});
		}
	});
}
