//! Property: a literal judged in a socket call gets the same verdict when its value reaches the call through a
//! variable, a constant (const, define, class constant), a property, sprintf with literal arguments, or a `.=`
//! chain — over the differential corpus's targets (test/corpus/transports.jsonl) and random splits.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../../server/src/engine/index';
import { ROOT } from '../../helpers/paths';

interface Line {
	fn: 'client' | 'fsockopen' | 'server';
	target: string;
	port?: number;
}

const lines = readFileSync(path.join(ROOT, 'test/corpus/transports.jsonl'), 'utf8')
	.split('\n')
	.filter(Boolean)
	.map((l) => JSON.parse(l) as Line)
	.map((l) => ({ ...l, target: l.target.replace('@DIR@', '/tmp/t') }))
	// A NUL byte cannot be written in a single-quoted literal; \0 makes the text binary to the engine.
	.filter((l) => !l.target.includes('\0'));

/** A single-quoted PHP literal of `s`. */
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function call(line: Line, arg: string): string {
	if (line.fn === 'fsockopen') return `fsockopen(${arg}${line.port === undefined ? '' : `, ${line.port}`})`;
	if (line.fn === 'server') return `stream_socket_server(${arg}, $e, $m)`;
	return `stream_socket_client(${arg}, $e, $m)`;
}

/** What a verdict is, wherever its findings sit: rule, severity and message of each. */
function verdict(src: string): string[] {
	const r = analyze(`<?php\n${src}\n`, 'php');
	assert.deepEqual(r.errors, []);
	return r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.message}`).sort();
}

const wrappers: [string, (line: Line, at: number) => string][] = [
	['a variable', (l) => `$v = ${quote(l.target)};\n${call(l, '$v')};`],
	['const', (l) => `const TARGET = ${quote(l.target)};\n${call(l, 'TARGET')};`],
	['define()', (l) => `define('TARGET', ${quote(l.target)});\n${call(l, 'TARGET')};`],
	['a class constant', (l) => `class K { const T = ${quote(l.target)}; function f() { ${call(l, 'self::T')}; } }`],
	['a property', (l) => `class K { private $t = ${quote(l.target)}; function f() { ${call(l, '$this->t')}; } }`],
	[
		'sprintf',
		(l, at) => `${call(l, `sprintf(${quote(`${l.target.slice(0, at)}%s`)}, ${quote(l.target.slice(at))})`)};`,
	],
	[
		'a .= chain',
		(l, at) => `$v = ${quote(l.target.slice(0, at))};\n$v .= ${quote(l.target.slice(at))};\n${call(l, '$v')};`,
	],
];

test('wrapping a judged literal in a variable, constant, property, sprintf or .= gives the same verdict', () => {
	assert.ok(lines.length > 300);
	let judged = 0;
	fc.assert(
		fc.property(
			fc.constantFrom(...lines),
			fc.constantFrom(...wrappers),
			fc.double({ min: 0, max: 1, noNaN: true }),
			(line, [, wrap], split) => {
				const expected = verdict(`${call(line, quote(line.target))};`);
				if (expected.length) judged++;
				// sprintf: `%` in the target would be a directive; written as `%%` it is another string.
				if (wrap === wrappers[5]![1] && line.target.includes('%')) return;
				const at = Math.floor(split * (line.target.length + 1));
				assert.deepEqual(verdict(wrap(line, at)), expected, wrap(line, at));
			},
		),
		{ numRuns: Number(process.env.WRAPPING_RUNS ?? 1500), seed: 20261202 },
	);
	// Most draws are judged (not only quiet targets).
	assert.ok(judged > 500, `${judged} judged`);
});
